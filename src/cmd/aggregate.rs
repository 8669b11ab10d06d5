//! `rangefinder aggregate`: claims → ranges (JSON, CSV or a terminal table).

use crate::aggregate::{aggregate, Aggregate};
use crate::cmd::{color_enabled, note, read_claims_files, EstimateOpts};
use crate::error::{exit, Error, Result};
use crate::estimate::fmt_num;
use crate::io::emit;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy)]
pub enum Format {
    Json,
    Csv,
    Table,
}

pub struct Args {
    pub claims: Vec<PathBuf>,
    pub est: EstimateOpts,
    pub format: Format,
    pub output: Option<PathBuf>,
    pub strict: bool,
    pub quiet: bool,
}

pub fn run(a: Args) -> Result<u8> {
    let opts = a.est.aggregate_options()?;
    let agg = match columnar(&a.claims)? {
        Some((df, inputs)) => crate::aggregate::aggregate_table(df, &opts, inputs)?,
        None => {
            let (claims, inputs) = read_claims_files(&a.claims, a.strict, a.quiet)?;
            aggregate(&claims, &opts, inputs)?
        }
    };
    if !agg.undated.is_empty() {
        note(
            a.quiet,
            format!(
                "{} claims have no date and were left out",
                agg.undated.len()
            ),
        );
    }
    let bytes = match a.format {
        Format::Json => to_json(&agg)?,
        Format::Csv => to_csv(&agg)?,
        Format::Table => to_table(&agg, color_enabled() && a.output.is_none()).into_bytes(),
    };
    emit(a.output.as_deref(), &bytes)?;
    Ok(exit::OK)
}

/// Claims files that are all Parquet, with every record sound, go straight into the columns
/// the aggregation needs, without a `Claim` per row (millions of claims in seconds). `None`
/// sends the caller to the row-by-row reader, which also names any bad record.
fn columnar(
    paths: &[PathBuf],
) -> Result<Option<(crate::table::EchoFrame, Vec<crate::aggregate::InputInfo>)>> {
    let mut frame: Option<crate::table::EchoFrame> = None;
    let mut infos = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            return Ok(None);
        }
        let by_name = crate::io::ClaimsFormat::from_path(p);
        if by_name.is_some_and(|f| f != crate::io::ClaimsFormat::Parquet) {
            return Ok(None);
        }
        let bytes = std::fs::read(p).map_err(|e| Error::io(p, e))?;
        if by_name.is_none() && !bytes.starts_with(b"PAR1") {
            return Ok(None);
        }
        let Some(df) =
            crate::table::echo_frame_from_parquet(&bytes).map_err(|m| Error::input(p, None, m))?
        else {
            return Ok(None);
        };
        infos.push(crate::aggregate::InputInfo {
            path: p.display().to_string(),
            sha256: crate::corpus::sha256_hex(&bytes),
            claims: df.height(),
        });
        frame = Some(match frame {
            None => df,
            Some(mut f) => {
                f.vstack_mut(&df)
                    .map_err(|e| Error::other(format!("{}: {e}", p.display())))?;
                f
            }
        });
    }
    Ok(frame.map(|f| (f, infos)))
}

pub fn to_json(agg: &Aggregate) -> Result<Vec<u8>> {
    let mut v = serde_json::to_vec_pretty(agg).map_err(|e| Error::other(e.to_string()))?;
    v.push(b'\n');
    Ok(v)
}

/// One row per quantity and date; lists joined with `|` (flags) and `;` (ids).
pub fn to_csv(agg: &Aggregate) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| Error::other(e.to_string());
    w.write_record([
        "quantity",
        "as_of",
        "low",
        "best",
        "high",
        "rule",
        "method",
        "level",
        "n_claimants",
        "n_reports",
        "n_independent",
        "tau2",
        "i2",
        "spread_log",
        "flags",
        "claims",
        "best_envelope",
        "best_conservative",
        "best_representative",
        "best_pooled",
        "profile",
        "version",
    ])
    .map_err(err)?;
    let o = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
    for e in &agg.estimates {
        let sens = |r: crate::estimate::Rule| {
            o(e.sensitivity
                .iter()
                .find(|s| s.rule == r)
                .and_then(|s| s.best))
        };
        w.write_record([
            e.quantity.to_string(),
            e.as_of.clone(),
            o(e.low),
            o(e.best),
            o(e.high),
            e.rule.to_string(),
            e.method.clone(),
            e.level.clone(),
            e.n_claimants.to_string(),
            e.n_reports.to_string(),
            e.n_independent.to_string(),
            o(e.tau2),
            o(e.i2),
            o(e.spread_log),
            e.flags.join(" | "),
            e.claims.join(";"),
            sens(crate::estimate::Rule::Envelope),
            sens(crate::estimate::Rule::Conservative),
            sens(crate::estimate::Rule::Representative),
            sens(crate::estimate::Rule::Pooled),
            agg.profile.name.clone(),
            agg.tool.clone(),
        ])
        .map_err(err)?;
    }
    w.into_inner().map_err(|e| Error::other(e.to_string()))
}

/// A terminal table of the latest estimates (and the series when there is one).
pub fn to_table(agg: &Aggregate, color: bool) -> String {
    let bold = |s: &str| {
        if color {
            format!("\x1b[1m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let o = |x: Option<f64>| x.map(fmt_num).unwrap_or_else(|| "open".into());
    let mut rows: Vec<[String; 8]> = vec![[
        "quantity",
        "as of",
        "low",
        "best",
        "high",
        "claimants",
        "reports",
        "flags",
    ]
    .map(String::from)];
    for e in &agg.estimates {
        rows.push([
            e.quantity.to_string(),
            e.as_of.clone(),
            o(e.low),
            o(e.best),
            o(e.high),
            e.n_claimants.to_string(),
            e.n_reports.to_string(),
            e.flags.len().to_string(),
        ]);
    }
    let widths: Vec<usize> = (0..8)
        .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for (ri, r) in rows.iter().enumerate() {
        let line = r
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if (2..=6).contains(&i) {
                    format!("{c:>w$}", w = widths[i])
                } else {
                    format!("{c:<w$}", w = widths[i])
                }
            })
            .collect::<Vec<_>>()
            .join("  ");
        out.push_str(&if ri == 0 {
            bold(line.trim_end())
        } else {
            line.trim_end().to_string()
        });
        out.push('\n');
    }
    out.push_str(&format!(
        "\nrule: {} ({}); profile: {} ({}), half-life {} days, approx ±{}%; {}\n",
        agg.rule,
        agg.rule.level(),
        agg.profile.name,
        agg.profile.source,
        agg.profile.half_life_days,
        agg.profile.approx_pct,
        agg.tool
    ));
    for e in agg.latest() {
        for f in &e.flags {
            out.push_str(&format!("flag [{}]: {f}\n", e.quantity));
        }
        if e.method != e.rule.as_str() {
            out.push_str(&format!("note [{}]: {}\n", e.quantity, e.method));
        }
    }
    if !agg.projections.is_empty() {
        out.push_str(&format!(
            "{} projection(s) reported apart (see --format json)\n",
            agg.projections.len()
        ));
    }
    if !agg.undated.is_empty() {
        out.push_str(&format!(
            "{} undated claim(s) left out\n",
            agg.undated.len()
        ));
    }
    out
}
