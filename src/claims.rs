//! The claim: one figure about one tracked quantity, as one article states it.
//!
//! `Claim` is the contract between `extract` and `aggregate`: it is written as JSONL,
//! CSV and Parquet with the same columns, and read back from any of them.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The tracked quantities. `casualties` is killed and wounded together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quantity {
    Deployed,
    Killed,
    Wounded,
    Casualties,
    Captured,
    Missing,
}

impl Quantity {
    pub const ALL: [Quantity; 6] = [
        Quantity::Deployed,
        Quantity::Killed,
        Quantity::Wounded,
        Quantity::Casualties,
        Quantity::Captured,
        Quantity::Missing,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Quantity::Deployed => "deployed",
            Quantity::Killed => "killed",
            Quantity::Wounded => "wounded",
            Quantity::Casualties => "casualties",
            Quantity::Captured => "captured",
            Quantity::Missing => "missing",
        }
    }
    /// Casualty-type quantities only ever grow: a figure as of January bounds April from below.
    pub fn is_cumulative(self) -> bool {
        !matches!(self, Quantity::Deployed)
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Quantity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Quantity::ALL
            .into_iter()
            .find(|q| q.as_str() == s.trim())
            .ok_or_else(|| format!("unknown quantity {s:?} (expected one of deployed, killed, wounded, casualties, captured, missing)"))
    }
}

/// How the figure is hedged in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    Approx,
    AtLeast,
    MoreThan,
    AtMost,
    LessThan,
    Range,
    Vague,
}

impl Qualifier {
    pub const ALL: [Qualifier; 8] = [
        Qualifier::Exact,
        Qualifier::Approx,
        Qualifier::AtLeast,
        Qualifier::MoreThan,
        Qualifier::AtMost,
        Qualifier::LessThan,
        Qualifier::Range,
        Qualifier::Vague,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Approx => "approx",
            Qualifier::AtLeast => "at_least",
            Qualifier::MoreThan => "more_than",
            Qualifier::AtMost => "at_most",
            Qualifier::LessThan => "less_than",
            Qualifier::Range => "range",
            Qualifier::Vague => "vague",
        }
    }
    /// A lower bound only (high is open).
    pub fn is_lower_bound(self) -> bool {
        matches!(self, Qualifier::AtLeast | Qualifier::MoreThan)
    }
    /// An upper bound only (low is open).
    pub fn is_upper_bound(self) -> bool {
        matches!(self, Qualifier::AtMost | Qualifier::LessThan)
    }
}

impl fmt::Display for Qualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Qualifier {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Qualifier::ALL
            .into_iter()
            .find(|q| q.as_str() == s.trim())
            .ok_or_else(|| format!("unknown qualifier {s:?}"))
    }
}

/// A running or overall figure, or the count of one incident.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    #[default]
    Total,
    Incident,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Total => "total",
            Scope::Incident => "incident",
        }
    }
}

impl FromStr for Scope {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "total" | "" => Ok(Scope::Total),
            "incident" => Ok(Scope::Incident),
            _ => Err(format!("unknown scope {s:?} (expected total or incident)")),
        }
    }
}

/// Review state of a claim in a ledger.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// As extracted, not looked at.
    #[default]
    Extracted,
    /// An analyst accepted it.
    Accepted,
    /// An analyst corrected one or more fields.
    Corrected,
    /// An analyst rejected it: kept, but left out of every range.
    Rejected,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Extracted => "extracted",
            Status::Accepted => "accepted",
            Status::Corrected => "corrected",
            Status::Rejected => "rejected",
        }
    }
}

impl FromStr for Status {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "" | "extracted" => Ok(Status::Extracted),
            "accepted" | "accept" => Ok(Status::Accepted),
            "corrected" | "correct" => Ok(Status::Corrected),
            "rejected" | "reject" => Ok(Status::Rejected),
            _ => Err(format!(
                "unknown status {s:?} (expected extracted, accepted, corrected or rejected)"
            )),
        }
    }
}

/// One figure about one quantity, as one document states it.
///
/// Invariants (checked by [`Claim::validate`] on every read): `low` or `high` is set; where
/// both are, `low <= high`; values are finite and not negative; dates are ISO at the
/// precision known (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Stable id: a hash of doc, quantity, bounds, qualifier and offset.
    pub id: String,
    /// The file's path relative to the folder given, or the JSONL record's id.
    pub doc: String,
    pub url: Option<String>,
    /// The outlet that printed the claim (never the claimant).
    pub publisher: Option<String>,
    pub published: Option<String>,
    pub lang: String,
    pub quantity: Quantity,
    pub low: Option<f64>,
    /// The claimant's own point estimate inside its range, where it gives one (UCDP-style
    /// low/best/high); the extractor leaves it empty.
    #[serde(default)]
    pub best: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: Qualifier,
    pub projection: bool,
    pub increment: bool,
    pub scope: Scope,
    /// Canonical claimant, or `unattributed`.
    pub claimant: String,
    /// Who passed the claim on (outlets, people), outermost first.
    pub via: Vec<String>,
    /// The date the figure refers to.
    pub ref_date: Option<String>,
    /// The sentence the figure stands in.
    pub quote: String,
    /// Byte offsets of the figure in the document text.
    pub start: usize,
    pub end: usize,
    /// How sure the extractor is, 0..1.
    pub confidence: f64,
    /// How often the document states this claim.
    #[serde(default = "one")]
    pub mentions: u32,
    #[serde(default)]
    pub status: Status,
}

fn one() -> u32 {
    1
}

/// The column order of every claims file.
pub const COLUMNS: [&str; 23] = [
    "id",
    "doc",
    "url",
    "publisher",
    "published",
    "lang",
    "quantity",
    "low",
    "best",
    "high",
    "qualifier",
    "projection",
    "increment",
    "scope",
    "claimant",
    "via",
    "ref_date",
    "quote",
    "start",
    "end",
    "confidence",
    "mentions",
    "status",
];

impl Claim {
    /// The date the claim is known by: its publication date, else its reference date. As-of
    /// filters use it, so a figure about January published in March is not used before March
    /// (no look-ahead); the reference period still keeps claims about different periods apart.
    pub fn effective_date(&self) -> Option<&str> {
        self.published.as_deref().or(self.ref_date.as_deref())
    }

    /// Checks the invariants; the message names the field.
    pub fn validate(&self) -> Result<(), String> {
        Claim::check_figure(self.low, self.high, self.confidence)?;
        for (name, d) in [("published", &self.published), ("ref_date", &self.ref_date)] {
            if let Some(d) = d {
                crate::dates::PartialDate::parse(d).map_err(|e| format!("{name}: {e}"))?;
            }
        }
        Ok(())
    }

    /// The checks on the figure itself (all of [`Claim::validate`] but the dates): a bound is
    /// set, the bounds are finite and not negative, low <= high, confidence within 0..1.
    pub fn check_figure(
        low: Option<f64>,
        high: Option<f64>,
        confidence: f64,
    ) -> Result<(), String> {
        if low.is_none() && high.is_none() {
            return Err("neither low nor high is set".into());
        }
        for (name, v) in [("low", low), ("high", high)] {
            if let Some(v) = v {
                if !v.is_finite() || v < 0.0 {
                    return Err(format!("{name} = {v} is not a finite non-negative number"));
                }
            }
        }
        if let (Some(l), Some(h)) = (low, high) {
            if l > h {
                return Err(format!("low {l} > high {h}"));
            }
        }
        if !(0.0..=1.0).contains(&confidence) {
            return Err(format!("confidence {confidence} is outside 0..1"));
        }
        Ok(())
    }

    /// Computes the stable id from the claim's identity.
    pub fn make_id(
        doc: &str,
        quantity: Quantity,
        low: Option<f64>,
        high: Option<f64>,
        qualifier: Qualifier,
        start: usize,
    ) -> String {
        use sha2::{Digest, Sha256};
        use std::fmt::Write;
        // the same text as `format!("{doc}\u{1f}{quantity}\u{1f}{low:?}\u{1f}{high:?}\u{1f}
        // {qualifier}\u{1f}{start}")`, with whole counts written without the float formatter
        let mut key = String::with_capacity(doc.len() + 48);
        key.push_str(doc);
        let _ = write!(key, "\u{1f}{quantity}\u{1f}");
        push_debug_bound(&mut key, low);
        key.push('\u{1f}');
        push_debug_bound(&mut key, high);
        let _ = write!(key, "\u{1f}{qualifier}\u{1f}{start}");
        let mut h = Sha256::new();
        h.update(key.as_bytes());
        let d = h.finalize();
        const HEX: &[u8; 16] = b"0123456789abcdef";
        d.iter()
            .take(6)
            .flat_map(|b| {
                [
                    HEX[(b >> 4) as usize] as char,
                    HEX[(b & 15) as usize] as char,
                ]
            })
            .collect()
    }
}

/// Appends `{v:?}` for a bound: "None", or "Some(300.0)". A whole number below 2^53 (where
/// every integer is a float, so the shortest digits that read back are the integer's own) is
/// written from its integer; anything else goes to the float formatter.
fn push_debug_bound(out: &mut String, v: Option<f64>) {
    use std::fmt::Write;
    match v {
        None => out.push_str("None"),
        Some(x) if x.is_sign_positive() && x < 9_007_199_254_740_992.0 && x.fract() == 0.0 => {
            let _ = write!(out, "Some({}.0)", x as u64);
        }
        Some(x) => {
            let _ = write!(out, "Some({x:?})");
        }
    }
}

#[cfg(test)]
mod id_tests {
    use super::push_debug_bound;

    #[test]
    fn bounds_are_written_as_the_float_formatter_writes_them() {
        let mut values = vec![
            0.0,
            -0.0,
            1.0,
            2700.0,
            0.5,
            1.5e6,
            -3.0,
            f64::NAN,
            f64::INFINITY,
            1e15,
            9_007_199_254_740_991.0,
            9_007_199_254_740_992.0,
            9_007_199_254_740_994.0,
            1e16,
            1e300,
        ];
        let mut x = 0x9E37_79B9_7F4A_7C15_u64;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            // whole numbers of every size, and some with a fraction
            let v = (x >> (x % 60)) as f64;
            values.push(v);
            values.push(v / 4.0);
        }
        for v in values {
            for b in [Some(v), None] {
                let mut ours = String::new();
                push_debug_bound(&mut ours, b);
                assert_eq!(ours, format!("{b:?}"), "{b:?}");
            }
        }
    }
}
