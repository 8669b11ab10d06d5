//! Dates at the precision a text gives them: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.

use chrono::{Datelike, NaiveDate};
use std::fmt;

/// A calendar date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    pub fn ymd(year: i32, month: u32, day: u32) -> Self {
        PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        }
    }
    pub fn ym(year: i32, month: u32) -> Self {
        PartialDate {
            year,
            month: Some(month),
            day: None,
        }
    }
    pub fn y(year: i32) -> Self {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a time part after `T` or a space is ignored).
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        let s = s.split(['T', ' ']).next().unwrap_or(s);
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, what: &str| -> Result<u32, String> {
            if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) || p.len() > 4 {
                return Err(format!("{s:?} is not an ISO date (bad {what})"));
            }
            p.parse::<u32>()
                .map_err(|_| format!("{s:?} is not an ISO date"))
        };
        let d = match parts.as_slice() {
            [y] if y.len() == 4 => PartialDate::y(num(y, "year")? as i32),
            [y, m] if y.len() == 4 && m.len() == 2 => {
                PartialDate::ym(num(y, "year")? as i32, num(m, "month")?)
            }
            [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
                PartialDate::ymd(num(y, "year")? as i32, num(m, "month")?, num(d, "day")?)
            }
            _ => {
                return Err(format!(
                    "{s:?} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)"
                ))
            }
        };
        if !(1900..=2200).contains(&d.year) {
            return Err(format!("{s:?}: year {} is out of range", d.year));
        }
        if let Some(m) = d.month {
            if !(1..=12).contains(&m) {
                return Err(format!("{s:?}: month {m} is impossible"));
            }
        }
        if d.day.is_some() && d.first_day().is_none() {
            return Err(format!("{s:?} is an impossible date"));
        }
        Ok(d)
    }

    /// The first day of the period.
    pub fn first_day(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day of the period: the date a figure "as of" this period is known by.
    pub fn last_day(&self) -> Option<NaiveDate> {
        match (self.month, self.day) {
            (Some(m), Some(d)) => NaiveDate::from_ymd_opt(self.year, m, d),
            (Some(m), None) => {
                let (y, n) = if m == 12 {
                    (self.year + 1, 1)
                } else {
                    (self.year, m + 1)
                };
                NaiveDate::from_ymd_opt(y, n, 1).and_then(|d| d.pred_opt())
            }
            _ => NaiveDate::from_ymd_opt(self.year, 12, 31),
        }
    }

    pub fn from_date(d: NaiveDate) -> Self {
        PartialDate::ymd(d.year(), d.month(), d.day())
    }

    /// Drops the day.
    pub fn month_only(&self) -> Self {
        PartialDate {
            year: self.year,
            month: self.month,
            day: None,
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => write!(f, "{:04}-{:02}", self.year, m),
            _ => write!(f, "{:04}", self.year),
        }
    }
}

/// Parses a full date (`YYYY-MM-DD`) for flags like `--as-of` and `--now`.
pub fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date of the form YYYY-MM-DD"))
}

/// Days since 1970-01-01 of the last day of a partial date (what as-of filters compare).
pub fn epoch_days(s: &str) -> Option<i32> {
    let d = PartialDate::parse(s).ok()?.last_day()?;
    Some(
        d.signed_duration_since(NaiveDate::from_ymd_opt(1970, 1, 1)?)
            .num_days() as i32,
    )
}

pub fn from_epoch_days(d: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::Duration::days(d as i64)
}

pub fn to_epoch_days(d: NaiveDate) -> i32 {
    d.signed_duration_since(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap())
        .num_days() as i32
}

/// Month names in German and English (with common abbreviations) → month number.
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    let w = w.trim_end_matches('.');
    let m = match w {
        "januar" | "jänner" | "jaenner" | "january" | "jan" => 1,
        "februar" | "feber" | "february" | "feb" => 2,
        "märz" | "maerz" | "march" | "mar" | "mär" | "maer" => 3,
        "april" | "apr" => 4,
        "mai" | "may" => 5,
        "juni" | "june" | "jun" => 6,
        "juli" | "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "oktober" | "october" | "okt" | "oct" => 10,
        "november" | "nov" => 11,
        "dezember" | "december" | "dez" | "dec" => 12,
        _ => return None,
    };
    Some(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn parses_each_precision_and_rejects_impossible() {
        assert_eq!(PartialDate::parse("2024").unwrap().to_string(), "2024");
        assert_eq!(
            PartialDate::parse("2024-10").unwrap().to_string(),
            "2024-10"
        );
        assert_eq!(
            PartialDate::parse("2024-10-24T10:00:00Z")
                .unwrap()
                .to_string(),
            "2024-10-24"
        );
        assert!(PartialDate::parse("2024-02-30").is_err());
        assert!(PartialDate::parse("2024-13").is_err());
        assert!(PartialDate::parse("24-10-2024").is_err());
        assert_eq!(
            PartialDate::parse("2024-02")
                .unwrap()
                .last_day()
                .unwrap()
                .to_string(),
            "2024-02-29"
        );
    }
}
