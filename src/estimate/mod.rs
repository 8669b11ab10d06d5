//! statrs lives only here: qualifier intervals, claimant and recency weights, the named rules
//! (envelope, conservative, representative, pooled random effects), consistency checks, and the
//! as-of series. Input is the collapsed echoes from `table`; output is plain serde types.

pub mod profile;

use crate::claims::{Qualifier, Quantity, Scope};
use crate::dates::{from_epoch_days, to_epoch_days};
use crate::table::Echoes;
use chrono::{Datelike, Duration, NaiveDate};
pub use profile::Profile;
use serde::{Deserialize, Serialize};
use statrs::distribution::{ContinuousCDF, StudentsT};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

/// The named aggregation rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// min of lows .. max of highs; best = weighted median.
    Envelope,
    /// UCDP/ACLED style: best = the lowest credible figure.
    Conservative,
    /// Weighted medians of lows, bests and highs.
    Representative,
    /// Log-scale random effects (DerSimonian–Laird), 90 % prediction interval.
    Pooled,
}

impl Rule {
    pub const ALL: [Rule; 4] = [
        Rule::Envelope,
        Rule::Conservative,
        Rule::Representative,
        Rule::Pooled,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Envelope => "envelope",
            Rule::Conservative => "conservative",
            Rule::Representative => "representative",
            Rule::Pooled => "pooled",
        }
    }
    /// What the low–high interval means under this rule.
    pub fn level(self) -> &'static str {
        match self {
            Rule::Envelope => "envelope of the current claims' intervals",
            Rule::Conservative => "credible claims' lowest best, their lowest low and highest high",
            Rule::Representative => "weighted medians of the current claims' lows and highs",
            Rule::Pooled => "90% prediction interval, random effects on the log scale",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Rule {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Rule::ALL
            .into_iter()
            .find(|r| r.as_str() == s.trim())
            .ok_or_else(|| {
                format!("unknown rule {s:?} (envelope, conservative, representative or pooled)")
            })
    }
}

/// The default rule, argued in the README.
pub const DEFAULT_RULE: Rule = Rule::Representative;

/// Series step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Every {
    Week,
    Month,
}

impl FromStr for Every {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "week" => Ok(Every::Week),
            "month" => Ok(Every::Month),
            _ => Err(format!("unknown step {s:?} (week or month)")),
        }
    }
}

/// One claimant's part in an estimate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    pub claimant: String,
    /// `point` (a two-sided figure), `lower_bound`, `upper_bound`, or `superseded` (an older
    /// figure of a cumulative quantity, kept as a lower bound).
    pub role: String,
    pub low: Option<f64>,
    pub best: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: Qualifier,
    pub scope: Scope,
    /// The date the figure speaks for.
    pub date: String,
    /// Reliability × recency.
    pub weight: f64,
    /// Share of the total weight of the points (0 for bounds).
    pub share: f64,
    /// Reports that carried it (all outlets, all mentions).
    pub reports: u32,
    pub outlets: Vec<String>,
    /// An increment added to an earlier total.
    pub derived_from_increment: bool,
    pub ids: Vec<String>,
}

/// The best under each rule: how much the choice of rule matters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sensitivity {
    pub rule: Rule,
    pub low: Option<f64>,
    pub best: Option<f64>,
    pub high: Option<f64>,
}

/// A range for one quantity at one date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    pub quantity: Quantity,
    pub as_of: String,
    pub low: Option<f64>,
    pub best: Option<f64>,
    pub high: Option<f64>,
    /// The rule asked for.
    pub rule: Rule,
    /// What was actually done (a fallback says so).
    pub method: String,
    /// What low–high means.
    pub level: String,
    pub n_claimants: usize,
    pub n_reports: u32,
    pub n_independent: usize,
    /// Between-claimant variance on the log scale (pooled only).
    pub tau2: Option<f64>,
    /// Share of the spread not explained by the claims' own uncertainty (pooled only).
    pub i2: Option<f64>,
    /// Standard deviation of the claims' ln(best): disagreement.
    pub spread_log: Option<f64>,
    /// The highest credible lower bound and the lowest credible upper bound applied.
    pub floor: Option<f64>,
    pub ceiling: Option<f64>,
    pub flags: Vec<String>,
    pub sensitivity: Vec<Sensitivity>,
    pub contributions: Vec<Contribution>,
    /// Every contributing raw claim id.
    pub claims: Vec<String>,
}

/// A projection (a future figure), reported apart from the estimates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Projection {
    pub quantity: Quantity,
    pub claimant: String,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: Qualifier,
    /// The period the projection is about, as stated.
    pub target: String,
    /// When it was made.
    pub date: String,
    pub ids: Vec<String>,
}

/// Settings for one aggregation.
#[derive(Debug, Clone)]
pub struct Settings {
    pub rule: Rule,
    pub profile: Profile,
}

/// An independent claim at an as-of date: its echoes up to then, merged.
#[derive(Debug, Clone)]
struct Indep {
    claimant: String,
    low: Option<f64>,
    best: Option<f64>,
    high: Option<f64>,
    qualifier: Qualifier,
    increment: bool,
    scope: Scope,
    first: i32,
    last: i32,
    reports: u32,
    /// Shared so that handing the claims to each date's estimate is cheap.
    outlets: std::sync::Arc<BTreeSet<std::sync::Arc<str>>>,
    ids: std::sync::Arc<BTreeSet<String>>,
}

type Key = (
    String,
    Option<u64>,
    Option<u64>,
    Option<u64>,
    Qualifier,
    bool,
    Scope,
    String,
);

fn key(e: &Echoes) -> Key {
    (
        e.claimant.clone(),
        e.low.map(f64::to_bits),
        e.best.map(f64::to_bits),
        e.high.map(f64::to_bits),
        e.qualifier,
        e.increment,
        e.scope,
        e.period.clone(),
    )
}

/// The as-of dates of a series: the end of each week (Sunday) or month from the first dated
/// claim to `end`, and `end` itself.
pub fn series_dates(first: NaiveDate, end: NaiveDate, every: Option<Every>) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    if let Some(every) = every {
        let mut d = match every {
            Every::Week => {
                first
                    + Duration::days(
                        (6 - first.weekday().num_days_from_monday() as i64).rem_euclid(7),
                    )
            }
            Every::Month => last_of_month(first),
        };
        while d < end {
            out.push(d);
            d = match every {
                Every::Week => d + Duration::days(7),
                Every::Month => last_of_month(d + Duration::days(1)),
            };
        }
    }
    out.push(end);
    out
}

fn last_of_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap() - Duration::days(1)
}

/// Estimates for every quantity with claims, at each date.
pub fn series(echoes: &[Echoes], dates: &[NaiveDate], settings: &Settings) -> Vec<Estimate> {
    let p = &settings.profile;
    let mut out = Vec::new();
    // echoes in date order, merged into independent claims incrementally as the dates advance
    let mut usable: Vec<&Echoes> = echoes
        .iter()
        .filter(|e| !e.projection && p.weight_of(&e.claimant) > 0.0)
        .collect();
    usable.sort_by_key(|e| e.date);
    let mut by_q: BTreeMap<Quantity, BTreeMap<Key, Indep>> = BTreeMap::new();
    let mut next = 0;
    for &d in dates {
        let t = to_epoch_days(d);
        while next < usable.len() && usable[next].date <= t {
            let e = usable[next];
            next += 1;
            let i = by_q
                .entry(e.quantity)
                .or_default()
                .entry(key(e))
                .or_insert_with(|| Indep {
                    claimant: e.claimant.clone(),
                    low: e.low,
                    best: e.best,
                    high: e.high,
                    qualifier: e.qualifier,
                    increment: e.increment,
                    scope: e.scope,
                    first: e.date,
                    last: e.date,
                    reports: 0,
                    outlets: Default::default(),
                    ids: Default::default(),
                });
            i.first = i.first.min(e.date);
            i.last = i.last.max(e.date);
            i.reports += e.reports;
            let outlets = std::sync::Arc::make_mut(&mut i.outlets);
            outlets.extend(e.outlets.iter().cloned());
            let ids = std::sync::Arc::make_mut(&mut i.ids);
            for id in &e.ids {
                if ids.len() >= crate::table::MAX_IDS {
                    break;
                }
                ids.insert(id.clone());
            }
        }
        let mut at_t: Vec<Estimate> = Vec::new();
        for (q, indep) in &by_q {
            if let Some(est) = estimate(*q, indep.values().cloned().collect(), t, settings) {
                at_t.push(est);
            }
        }
        cross_checks(&mut at_t);
        out.extend(at_t);
    }
    out
}

/// Projections made on or before `t`.
pub fn projections(echoes: &[Echoes], t: i32) -> Vec<Projection> {
    let mut map: BTreeMap<(Quantity, Key), Projection> = BTreeMap::new();
    for e in echoes.iter().filter(|e| e.projection && e.date <= t) {
        let p = map
            .entry((e.quantity, key(e)))
            .or_insert_with(|| Projection {
                quantity: e.quantity,
                claimant: e.claimant.clone(),
                low: e.low,
                high: e.high,
                qualifier: e.qualifier,
                target: e.period.clone(),
                date: from_epoch_days(e.date).to_string(),
                ids: Vec::new(),
            });
        p.ids.extend(e.ids.iter().cloned());
        p.ids.sort();
        p.ids.dedup();
    }
    let mut v: Vec<Projection> = map.into_values().collect();
    v.sort_by(|a, b| (a.quantity, &a.date, &a.claimant).cmp(&(b.quantity, &b.date, &b.claimant)));
    v
}

/// A claim's interval under the profile: (low, best, high) for two-sided claims.
pub fn interval(
    q: Qualifier,
    low: Option<f64>,
    best: Option<f64>,
    high: Option<f64>,
    approx: f64,
) -> (Option<f64>, Option<f64>, Option<f64>) {
    match q {
        Qualifier::Exact => {
            let v = low.or(high);
            (v, best.or(v), v)
        }
        Qualifier::Approx => {
            let v = best.or(low).or(high);
            (
                v.map(|v| v * (1.0 - approx)),
                v,
                v.map(|v| v * (1.0 + approx)),
            )
        }
        Qualifier::AtLeast | Qualifier::MoreThan => (low.or(high), None, None),
        Qualifier::AtMost | Qualifier::LessThan => (None, None, high.or(low)),
        Qualifier::Range | Qualifier::Vague => {
            let (l, h) = (low.or(high), high.or(low));
            let b = best.or(match (l, h) {
                (Some(l), Some(h)) if l > 0.0 => Some((l * h).sqrt()),
                (Some(l), Some(h)) => Some((l + h) / 2.0),
                _ => None,
            });
            (l, b, h)
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Point {
    low: f64,
    best: f64,
    high: f64,
    weight: f64,
    reliability: f64,
}

/// The estimate for one quantity at `t` from its independent claims up to then.
fn estimate(q: Quantity, mut claims: Vec<Indep>, t: i32, s: &Settings) -> Option<Estimate> {
    let p = &s.profile;
    let mut flags: Vec<String> = Vec::new();
    if claims.is_empty() {
        return None;
    }
    let n_independent = claims.len();
    claims.sort_by(|a, b| {
        (a.first, &a.claimant, a.low.map(f64::to_bits)).cmp(&(
            b.first,
            &b.claimant,
            b.low.map(f64::to_bits),
        ))
    });
    for c in &claims {
        if let (Some(l), Some(b), Some(h)) = (c.low, c.best, c.high) {
            if l > b || b > h {
                flags.push(format!(
                    "input inconsistent: {} gives low {} / best {} / high {}",
                    c.claimant,
                    fmt_num(l),
                    fmt_num(b),
                    fmt_num(h)
                ));
            }
        }
    }
    // 2. increments become totals: added to the same claimant's last total, else anyone's
    let mut derived: Vec<bool> = vec![false; claims.len()];
    for i in 0..claims.len() {
        if !claims[i].increment || claims[i].scope == Scope::Incident {
            continue;
        }
        // the last total: the newest credible one by then (the claimant's own when it is as
        // new), else the claimant's own, whatever its weight
        let base = |same: bool| {
            claims
                .iter()
                .filter(|b| !b.increment && b.scope == Scope::Total && b.first <= claims[i].first)
                .filter(|b| {
                    if same {
                        b.claimant == claims[i].claimant
                    } else {
                        p.weight_of(&b.claimant) >= p.credible
                    }
                })
                .filter(|b| !b.qualifier.is_upper_bound())
                .max_by_key(|b| (b.first, b.low.map(f64::to_bits)))
                .map(|b| interval(b.qualifier, b.low, b.best, b.high, p.approx()))
        };
        if let Some((bl, bb, bh)) = base(false).or_else(|| base(true)) {
            let c = &mut claims[i];
            let (il, ib, ih) = interval(c.qualifier, c.low, c.best, c.high, p.approx());
            let add = |a: Option<f64>, b: Option<f64>| a.zip(b).map(|(a, b)| a + b);
            // "at least N more" leaves the top open; "up to N more" keeps the base as the low
            let (il, ib, ih) = if c.qualifier.is_lower_bound() {
                (il, None, None)
            } else if c.qualifier.is_upper_bound() {
                (Some(0.0), None, ih)
            } else {
                (il, ib, ih)
            };
            c.low = add(bl.or(bb), il.or(ib));
            c.best = add(bb.or(bl), ib.or(il));
            c.high = match (ih.or(ib), il) {
                (Some(h), _) => add(bh.or(bb), Some(h)),
                (None, _) => None,
            };
            if c.high.is_none() {
                c.best = None;
            }
            c.qualifier = if c.high.is_some() {
                Qualifier::Range
            } else {
                Qualifier::AtLeast
            };
            derived[i] = true;
        } else {
            // nothing to add it to: all we know is that at least this many are there
            claims[i].qualifier = Qualifier::AtLeast;
            claims[i].high = None;
        }
    }
    // 3. the current figure of each claimant; older figures of a cumulative quantity and
    // incident counts are lower bounds
    let mut latest: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        if c.scope == Scope::Incident {
            continue;
        }
        match latest.get(c.claimant.as_str()) {
            Some(&j) if (claims[j].last, claims[j].first) >= (c.last, c.first) => {}
            _ => {
                latest.insert(&c.claimant, i);
            }
        }
    }
    let mut own_floor: BTreeMap<&str, f64> = BTreeMap::new();
    let mut applied_floor: Option<f64> = None;
    let mut points: Vec<(usize, Point)> = Vec::new();
    let mut floor: Option<(f64, usize)> = None;
    let mut ceiling: Option<(f64, usize)> = None;
    let mut roles: Vec<&'static str> = vec![""; claims.len()];
    let mut weights = vec![0.0; claims.len()];
    for (i, c) in claims.iter().enumerate() {
        let rel = p.weight_of(&c.claimant);
        let w = rel * p.recency(t - c.last);
        weights[i] = w;
        let credible = rel >= p.credible;
        let (l, b, h) = interval(c.qualifier, c.low, c.best, c.high, p.approx());
        let current = latest.get(c.claimant.as_str()) == Some(&i);
        let raise = |v: f64, floor: &mut Option<(f64, usize)>| {
            if credible && floor.is_none_or(|(f, _)| v > f) {
                *floor = Some((v, i));
            }
        };
        if c.scope == Scope::Incident {
            // one incident's count: at most a lower bound for a cumulative total
            if q.is_cumulative() {
                if let Some(v) = l.or(b) {
                    raise(v, &mut floor);
                }
                roles[i] = "lower_bound";
            } else {
                roles[i] = "incident";
            }
            continue;
        }
        if !current {
            if q.is_cumulative() {
                // an older figure bounds the same claimant's newer one from below (applied to
                // its current figure below), not the other claimants'
                if let Some(v) = l.or(b) {
                    if credible {
                        let f = own_floor.entry(c.claimant.as_str()).or_insert(v);
                        *f = f.max(v);
                    }
                }
                // a cumulative figure going down within one claimant's series
                let j = latest[c.claimant.as_str()];
                let (_, nb, nh) = interval(
                    claims[j].qualifier,
                    claims[j].low,
                    claims[j].best,
                    claims[j].high,
                    p.approx(),
                );
                if let (Some(old), Some(new)) = (b.or(l), nb.or(nh)) {
                    if new < old && claims[j].last > c.last {
                        flags.push(format!(
                            "cumulative figure went down: {} said {} on {}, then {} on {}",
                            c.claimant,
                            fmt_num(old),
                            from_epoch_days(c.last),
                            fmt_num(new),
                            from_epoch_days(claims[j].last)
                        ));
                    }
                }
            }
            roles[i] = "superseded";
            continue;
        }
        match (l, b, h) {
            (Some(l), Some(b), Some(h)) => {
                let (mut l, h) = (l.min(b), h.max(b));
                // the claimant's own older figure, where its newer one has not fallen below it
                if let Some(&f) = own_floor.get(c.claimant.as_str()) {
                    if f <= b && f > l {
                        l = f;
                        applied_floor = Some(applied_floor.map_or(f, |a: f64| a.max(f)));
                    }
                }
                points.push((
                    i,
                    Point {
                        low: l,
                        best: b,
                        high: h,
                        weight: w,
                        reliability: rel,
                    },
                ));
                roles[i] = "point";
            }
            (Some(l), None, None) => {
                raise(l, &mut floor);
                roles[i] = "lower_bound";
            }
            (None, None, Some(h)) => {
                // an upper bound is overtaken by any newer credible figure above it
                let overtaken = claims.iter().any(|o| {
                    o.last > c.last
                        && p.weight_of(&o.claimant) >= p.credible
                        && interval(o.qualifier, o.low, o.best, o.high, p.approx())
                            .0
                            .or(o.best)
                            .is_some_and(|v| v > h)
                });
                if credible && !overtaken && ceiling.is_none_or(|(c, _)| h < c) {
                    ceiling = Some((h, i));
                }
                roles[i] = if overtaken {
                    "overtaken_upper_bound"
                } else {
                    "upper_bound"
                };
            }
            _ => roles[i] = "unused",
        }
    }
    // 4. the rule, and every rule for the sensitivity row
    let pts: Vec<Point> = points.iter().map(|(_, p)| *p).collect();
    let mut sensitivity = Vec::new();
    let mut chosen = None;
    for r in Rule::ALL {
        let (res, method) = apply(r, &pts, p.credible);
        let res = constrain(res, floor.map(|f| f.0), ceiling.map(|c| c.0));
        if r == s.rule {
            chosen = Some((res, method));
        }
        sensitivity.push(Sensitivity {
            rule: r,
            low: res.low,
            best: res.best,
            high: res.high,
        });
    }
    let (res, method) = chosen.unwrap();
    if let (Some((f, fi)), Some((c, ci))) = (floor, ceiling) {
        if f > c {
            flags.push(format!(
                "lower bound {} ({}) exceeds upper bound {} ({}); the upper bound was not applied",
                fmt_num(f),
                claims[fi].claimant,
                fmt_num(c),
                claims[ci].claimant
            ));
        }
    }
    let total_w: f64 = pts.iter().map(|p| p.weight).sum();
    let spread_log = if pts.len() >= 2 {
        let ys: Vec<f64> = pts
            .iter()
            .filter(|p| p.best > 0.0)
            .map(|p| p.best.ln())
            .collect();
        let m = ys.iter().sum::<f64>() / ys.len() as f64;
        Some(
            (ys.iter().map(|y| (y - m).powi(2)).sum::<f64>() / (ys.len() as f64 - 1.0).max(1.0))
                .sqrt(),
        )
    } else {
        None
    };
    let mut contributions = Vec::new();
    let mut ids = BTreeSet::new();
    let mut claimants = BTreeSet::new();
    let mut n_reports = 0;
    for (i, c) in claims.iter().enumerate() {
        claimants.insert(c.claimant.clone());
        n_reports += c.reports;
        // superseded figures are counted, not listed: a daily source would list thousands
        if roles[i] == "superseded" {
            continue;
        }
        let (l, b, h) = interval(c.qualifier, c.low, c.best, c.high, p.approx());
        let share = if roles[i] == "point" && total_w > 0.0 {
            weights[i] / total_w
        } else {
            0.0
        };
        ids.extend(c.ids.iter().cloned());
        contributions.push(Contribution {
            claimant: c.claimant.clone(),
            role: roles[i].to_string(),
            low: l,
            best: b,
            high: h,
            qualifier: c.qualifier,
            scope: c.scope,
            date: from_epoch_days(c.last).to_string(),
            weight: round6(weights[i]),
            share: round6(share),
            reports: c.reports,
            outlets: c.outlets.iter().map(|o| o.to_string()).collect(),
            derived_from_increment: derived[i],
            ids: c.ids.iter().cloned().collect(),
        });
    }
    Some(Estimate {
        quantity: q,
        as_of: from_epoch_days(t).to_string(),
        low: res.low.map(round_sig),
        best: res.best.map(round_sig),
        high: res.high.map(round_sig),
        rule: s.rule,
        method,
        level: s.rule.level().to_string(),
        n_claimants: claimants.len(),
        n_reports,
        n_independent,
        tau2: res.tau2.map(round6),
        i2: res.i2.map(round6),
        spread_log: spread_log.map(round6),
        floor: match (floor.map(|f| f.0), applied_floor) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        },
        ceiling: ceiling.map(|c| c.0),
        flags,
        sensitivity: sensitivity
            .into_iter()
            .map(|x| Sensitivity {
                rule: x.rule,
                low: x.low.map(round_sig),
                best: x.best.map(round_sig),
                high: x.high.map(round_sig),
            })
            .collect(),
        contributions,
        claims: ids.into_iter().collect(),
    })
}

#[derive(Debug, Clone, Copy, Default)]
struct RuleResult {
    low: Option<f64>,
    best: Option<f64>,
    high: Option<f64>,
    tau2: Option<f64>,
    i2: Option<f64>,
}

/// Applies a rule to the current two-sided claims; returns the result and a description.
fn apply(rule: Rule, pts: &[Point], credible: f64) -> (RuleResult, String) {
    if pts.is_empty() {
        return (
            RuleResult::default(),
            format!("{rule}: no two-sided figure; bounds only"),
        );
    }
    let mut pts = pts.to_vec();
    // order-free arithmetic: sort before summing
    pts.sort_by(|a, b| {
        (a.best, a.low, a.high, a.weight)
            .partial_cmp(&(b.best, b.low, b.high, b.weight))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let wm = |f: &dyn Fn(&Point) -> f64| {
        weighted_median(&pts.iter().map(|p| (f(p), p.weight)).collect::<Vec<_>>())
    };
    match rule {
        Rule::Envelope => (
            RuleResult {
                low: pts.iter().map(|p| p.low).reduce(f64::min),
                best: wm(&|p| p.best),
                high: pts.iter().map(|p| p.high).reduce(f64::max),
                ..Default::default()
            },
            "envelope".into(),
        ),
        Rule::Conservative => {
            let cred: Vec<&Point> = pts.iter().filter(|p| p.reliability >= credible).collect();
            let (set, note) = if cred.is_empty() {
                (
                    pts.iter().collect::<Vec<_>>(),
                    " (no credible claimant: all used)",
                )
            } else {
                (cred, "")
            };
            (
                RuleResult {
                    low: set.iter().map(|p| p.low).reduce(f64::min),
                    best: set.iter().map(|p| p.best).reduce(f64::min),
                    high: set.iter().map(|p| p.high).reduce(f64::max),
                    ..Default::default()
                },
                format!("conservative{note}"),
            )
        }
        Rule::Representative => {
            let (l, b, h) = (wm(&|p| p.low), wm(&|p| p.best), wm(&|p| p.high));
            (
                RuleResult {
                    low: l.zip(b).map(|(l, b)| l.min(b)),
                    best: b,
                    high: h.zip(b).map(|(h, b)| h.max(b)),
                    ..Default::default()
                },
                "representative".into(),
            )
        }
        Rule::Pooled => {
            if pts.len() < 3 || pts.iter().any(|p| p.best <= 0.0 || p.low <= 0.0) {
                let (r, _) = apply(Rule::Envelope, &pts, credible);
                let why = if pts.len() < 3 {
                    format!("{} independent claimant(s), fewer than 3", pts.len())
                } else {
                    "a zero figure has no logarithm".into()
                };
                return (r, format!("pooled fell back to envelope: {why}"));
            }
            (pooled(&pts), "pooled (DerSimonian–Laird)".into())
        }
    }
}

/// Random-effects pooling of ln(best) with DerSimonian–Laird τ², a 90 % prediction interval and I².
fn pooled(pts: &[Point]) -> RuleResult {
    const Z90: f64 = 1.6448536269514722;
    let k = pts.len() as f64;
    let y: Vec<f64> = pts.iter().map(|p| p.best.ln()).collect();
    // a stated interval is read as a 90 % interval; a point gets a small floor
    let v: Vec<f64> = pts
        .iter()
        .map(|p| {
            let s = ((p.high.ln() - p.low.ln()) / (2.0 * Z90)).max(0.02);
            s * s / p.weight.max(1e-9)
        })
        .collect();
    let w: Vec<f64> = v.iter().map(|v| 1.0 / v).collect();
    let sw: f64 = w.iter().sum();
    let ybar = w.iter().zip(&y).map(|(w, y)| w * y).sum::<f64>() / sw;
    let q: f64 = w.iter().zip(&y).map(|(w, y)| w * (y - ybar).powi(2)).sum();
    let c = sw - w.iter().map(|w| w * w).sum::<f64>() / sw;
    let tau2 = if c > 0.0 {
        ((q - (k - 1.0)) / c).max(0.0)
    } else {
        0.0
    };
    let ws: Vec<f64> = v.iter().map(|v| 1.0 / (v + tau2)).collect();
    let sws: f64 = ws.iter().sum();
    let mu = ws.iter().zip(&y).map(|(w, y)| w * y).sum::<f64>() / sws;
    let se2 = 1.0 / sws;
    let i2 = if q > k - 1.0 && q > 0.0 {
        (q - (k - 1.0)) / q
    } else {
        0.0
    };
    let t = StudentsT::new(0.0, 1.0, k - 2.0)
        .map(|d| d.inverse_cdf(0.95))
        .unwrap_or(Z90);
    let half = t * (tau2 + se2).sqrt();
    RuleResult {
        low: Some((mu - half).exp()),
        best: Some(mu.exp()),
        high: Some((mu + half).exp()),
        tau2: Some(tau2),
        i2: Some(i2),
    }
}

/// Bounds move the range: nothing below the highest credible lower bound, nothing above the
/// lowest credible upper bound (unless the two conflict).
fn constrain(mut r: RuleResult, floor: Option<f64>, ceiling: Option<f64>) -> RuleResult {
    if let Some(f) = floor {
        r.low = Some(r.low.map_or(f, |l| l.max(f)));
        r.best = Some(r.best.map_or(f, |b| b.max(f)));
        r.high = r.high.map(|h| h.max(f));
    }
    if let Some(c) = ceiling {
        if floor.is_none_or(|f| f <= c) {
            r.high = Some(r.high.map_or(c, |h| h.min(c)));
            r.best = r.best.map(|b| b.min(c));
            r.low = r.low.map(|l| l.min(c));
        }
    }
    if let (Some(l), Some(b)) = (r.low, r.best) {
        r.low = Some(l.min(b));
    }
    if let (Some(h), Some(b)) = (r.high, r.best) {
        r.high = Some(h.max(b));
    }
    r
}

/// The weighted median (lower median at an exact half), order-free.
pub fn weighted_median(xs: &[(f64, f64)]) -> Option<f64> {
    let mut v: Vec<(f64, f64)> = xs.iter().copied().filter(|(_, w)| *w > 0.0).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    let total: f64 = v.iter().map(|x| x.1).sum();
    let mut acc = 0.0;
    for (x, w) in &v {
        acc += w;
        if acc >= total / 2.0 - 1e-12 * total {
            return Some(*x);
        }
    }
    v.last().map(|x| x.0)
}

/// Flags that compare quantities at one date.
fn cross_checks(ests: &mut [Estimate]) {
    let best =
        |q: Quantity, ests: &[Estimate]| ests.iter().find(|e| e.quantity == q).and_then(|e| e.best);
    let range = |q: Quantity, ests: &[Estimate]| {
        ests.iter()
            .find(|e| e.quantity == q)
            .map(|e| (e.low, e.high))
    };
    let mut add: Vec<(Quantity, String)> = Vec::new();
    if let (Some(k), Some(c)) = (
        best(Quantity::Killed, ests),
        best(Quantity::Casualties, ests),
    ) {
        if k > c {
            add.push((
                Quantity::Killed,
                format!(
                    "killed ({}) exceeds casualties ({})",
                    fmt_num(k),
                    fmt_num(c)
                ),
            ));
        }
    }
    if let (Some(c), Some(d)) = (
        best(Quantity::Casualties, ests),
        best(Quantity::Deployed, ests),
    ) {
        if c > d {
            add.push((
                Quantity::Casualties,
                format!(
                    "casualties ({}) exceed deployed ({})",
                    fmt_num(c),
                    fmt_num(d)
                ),
            ));
        }
    }
    if let (Some(k), Some(w), Some((cl, ch))) = (
        best(Quantity::Killed, ests),
        best(Quantity::Wounded, ests),
        range(Quantity::Casualties, ests),
    ) {
        let sum = k + w;
        if ch.is_some_and(|h| sum > h * 1.000001) || cl.is_some_and(|l| sum < l * 0.999999) {
            add.push((
                Quantity::Casualties,
                format!(
                    "killed + wounded ({}) lies outside the casualties range ({} – {})",
                    fmt_num(sum),
                    cl.map_or("open".into(), fmt_num),
                    ch.map_or("open".into(), fmt_num)
                ),
            ));
        }
    }
    for (q, f) in add {
        if let Some(e) = ests.iter_mut().find(|e| e.quantity == q) {
            e.flags.push(f);
        }
    }
}

/// Flags a falling best in a series of a cumulative quantity.
pub fn series_checks(ests: &mut [Estimate]) {
    let mut last: BTreeMap<Quantity, (f64, String)> = BTreeMap::new();
    for e in ests.iter_mut() {
        if let Some(b) = e.best {
            if let Some((prev, when)) = last.get(&e.quantity) {
                if e.quantity.is_cumulative() && b < *prev * 0.999999 {
                    e.flags.push(format!(
                        "best went down from {} (as of {}) to {}",
                        fmt_num(*prev),
                        when,
                        fmt_num(b)
                    ));
                }
            }
            last.insert(e.quantity, (b, e.as_of.clone()));
        }
    }
}

/// Rounds to 4 significant digits (figures from the news carry no more).
pub fn round_sig(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let d = 4 - x.abs().log10().ceil() as i32;
    let f = 10f64.powi(d);
    (x * f).round() / f
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// 12345.6 → "12,346"; small values keep one decimal.
pub fn fmt_num(x: f64) -> String {
    if x.abs() < 100.0 && x.fract().abs() > 1e-9 {
        return format!("{x:.1}");
    }
    let n = x.round() as i64;
    let s = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn weighted_median_and_rounding() {
        assert_eq!(
            weighted_median(&[(1.0, 1.0), (2.0, 1.0), (10.0, 5.0)]),
            Some(10.0)
        );
        assert_eq!(weighted_median(&[(1.0, 1.0), (2.0, 1.0)]), Some(1.0));
        assert_eq!(round_sig(12345.6), 12350.0);
        assert_eq!(fmt_num(1234567.0), "1,234,567");
    }

    #[test]
    fn pooled_matches_a_hand_computation() {
        // three equal-variance claims: τ² from the DL formula, μ the mean of logs
        let pts: Vec<Point> = [1000.0, 2000.0, 4000.0]
            .iter()
            .map(|&b| Point {
                low: b / 1.1,
                best: b,
                high: b * 1.1,
                weight: 1.0,
                reliability: 1.0,
            })
            .collect();
        let r = pooled(&pts);
        let mu = (1000f64.ln() + 2000f64.ln() + 4000f64.ln()) / 3.0;
        assert!((r.best.unwrap().ln() - mu).abs() < 1e-9);
        assert!(r.tau2.unwrap() > 0.3 && r.i2.unwrap() > 0.9);
        assert!(r.low.unwrap() < 1000.0 && r.high.unwrap() > 4000.0);
    }
}
