//! The claimant reliability profile (TOML): weights, default weight, recency half-life,
//! approx width and credibility threshold. A default is built in and shown in every report.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

pub const DEFAULT_PROFILE: &str = include_str!("../defaults/weights.toml");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub default_weight: f64,
    pub half_life_days: f64,
    pub approx_pct: f64,
    pub credible: f64,
    pub weights: BTreeMap<String, f64>,
    /// Where the profile came from (`built-in` or a path).
    #[serde(default)]
    pub source: String,
}

impl Profile {
    pub fn builtin() -> Profile {
        let mut p: Profile = toml::from_str(DEFAULT_PROFILE).expect("the built-in profile parses");
        p.source = "built-in".into();
        p
    }

    pub fn load(path: Option<&Path>) -> Result<Profile> {
        let Some(path) = path else {
            return Ok(Profile::builtin());
        };
        let s = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let mut p: Profile = toml::from_str(&s)
            .map_err(|e| Error::input(path, None, format!("not a weights profile: {e}")))?;
        p.source = path.display().to_string();
        p.check().map_err(|m| Error::input(path, None, m))?;
        Ok(p)
    }

    pub fn check(&self) -> std::result::Result<(), String> {
        for (k, w) in self.weights.iter().chain(std::iter::once((
            &"default_weight".to_string(),
            &self.default_weight,
        ))) {
            if !(0.0..=1.0).contains(w) {
                return Err(format!("weight of {k} is {w}, outside 0..1"));
            }
        }
        if !(self.half_life_days > 0.0) {
            return Err("half_life_days must be positive".into());
        }
        if !(0.0..100.0).contains(&self.approx_pct) {
            return Err("approx_pct must be in 0..100".into());
        }
        Ok(())
    }

    pub fn weight_of(&self, claimant: &str) -> f64 {
        self.weights
            .get(claimant)
            .copied()
            .unwrap_or(self.default_weight)
    }

    /// Weight left after `age_days` (half-life decay; no decay for a future date).
    pub fn recency(&self, age_days: i32) -> f64 {
        0.5f64.powf(age_days.max(0) as f64 / self.half_life_days)
    }

    pub fn approx(&self) -> f64 {
        self.approx_pct / 100.0
    }
}
