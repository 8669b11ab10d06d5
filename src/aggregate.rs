//! Claims → estimate ranges: the independence collapse (polars), then the as-of series under a
//! rule and profile (statrs). The result names the rule, the profile and the version.

use crate::claims::Claim;
use crate::dates::{from_epoch_days, to_epoch_days};
use crate::error::Result;
use crate::estimate::{self, Estimate, Every, Profile, Projection, Rule, Settings};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One input file and its fingerprint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InputInfo {
    pub path: String,
    pub sha256: String,
    pub claims: usize,
}

/// Everything an aggregation produced: the contract between computing and rendering.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Aggregate {
    /// `rangefinder <version>`.
    pub tool: String,
    pub rule: Rule,
    pub profile: Profile,
    pub as_of: String,
    pub every: Option<Every>,
    /// Per quantity and date, dates ascending.
    pub estimates: Vec<Estimate>,
    /// Projections made by the as-of date, reported apart.
    pub projections: Vec<Projection>,
    /// Ids of claims with no date at all: reported and left out, not guessed.
    pub undated: Vec<String>,
    /// Ids of claims an analyst rejected.
    pub rejected: Vec<String>,
    /// Ids of claims dated after the as-of date (no look-ahead).
    pub after_as_of: usize,
    pub inputs: Vec<InputInfo>,
}

#[derive(Debug, Clone)]
pub struct Options {
    pub as_of: Option<NaiveDate>,
    pub every: Option<Every>,
    pub rule: Rule,
    pub profile: Profile,
}

pub fn aggregate(claims: &[Claim], opts: &Options, inputs: Vec<InputInfo>) -> Result<Aggregate> {
    aggregate_table(crate::table::echo_frame(claims)?, opts, inputs)
}

/// The same from a claims table already in columns (`table::echo_frame`'s schema): the path
/// for millions of claims.
pub fn aggregate_table(
    df: crate::table::EchoFrame,
    opts: &Options,
    inputs: Vec<InputInfo>,
) -> Result<Aggregate> {
    let (undated, rejected) = crate::table::undated_and_rejected(&df)?;
    let echoes = crate::table::collapse_frame(df)?;
    let first = echoes.iter().map(|e| e.date).min();
    let last = echoes.iter().map(|e| e.date).max();
    let end = match (opts.as_of, last) {
        (Some(a), _) => a,
        (None, Some(l)) => from_epoch_days(l),
        (None, None) => chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap(),
    };
    let t_end = to_epoch_days(end);
    let after_as_of = echoes
        .iter()
        .filter(|e| e.date > t_end)
        .map(|e| e.ids.len())
        .sum();
    let dates = match first {
        Some(f) => estimate::series_dates(from_epoch_days(f).min(end), end, opts.every),
        None => vec![end],
    };
    let settings = Settings {
        rule: opts.rule,
        profile: opts.profile.clone(),
    };
    let mut estimates = estimate::series(&echoes, &dates, &settings);
    estimate::series_checks(&mut estimates);
    Ok(Aggregate {
        tool: format!("rangefinder {}", crate::VERSION),
        rule: opts.rule,
        profile: opts.profile.clone(),
        as_of: end.to_string(),
        every: opts.every,
        estimates,
        projections: estimate::projections(&echoes, t_end),
        undated,
        rejected,
        after_as_of,
        inputs,
    })
}

impl Aggregate {
    /// The estimates at the final as-of date.
    pub fn latest(&self) -> impl Iterator<Item = &Estimate> {
        self.estimates.iter().filter(move |e| e.as_of == self.as_of)
    }
}
