//! `rangefinder compare`: estimate ranges side by side, with overlap and ratio. Three kinds:
//! claimant groups (`--groups "Ukraine=HUR,Zelensky;South Korea=NIS"`; a bare group name such
//! as `Ukraine` takes every claimant of that group in the topic file), two as-of dates
//! (`--dates A,B`), or two report runs (`--runs A B`). Each column is compared with the first.

use crate::aggregate::{aggregate, Aggregate};
use crate::claims::Quantity;
use crate::cmd::{read_claims_files, EstimateOpts};
use crate::error::{exit, Error, Result};
use crate::estimate::{fmt_num, Estimate};
use crate::extract::Topic;
use crate::io::emit;
use crate::report::Report;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy)]
pub enum Format {
    Table,
    Json,
    Markdown,
}

pub struct Args {
    pub inputs: Vec<PathBuf>,
    pub groups: Option<String>,
    pub dates: Option<String>,
    pub runs: bool,
    pub est: EstimateOpts,
    pub format: Format,
    pub output: Option<PathBuf>,
}

/// One side of a comparison for one quantity.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Side {
    pub label: String,
    pub as_of: String,
    pub low: Option<f64>,
    pub best: Option<f64>,
    pub high: Option<f64>,
    pub n_claimants: usize,
}

/// A quantity compared across the sides; overlap and ratio are against the first side.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Row {
    pub quantity: Quantity,
    pub sides: Vec<Option<Side>>,
    /// Length of the intersection of [low, high] over that of their union (0 = disjoint, 1 = equal).
    pub overlap: Vec<Option<f64>>,
    /// best / first side's best.
    pub ratio: Vec<Option<f64>>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Comparison {
    pub tool: String,
    pub kind: String,
    pub rule: String,
    pub labels: Vec<String>,
    pub rows: Vec<Row>,
}

pub fn run(a: Args) -> Result<u8> {
    let cmp = compare(&a)?;
    let bytes = match a.format {
        Format::Json => {
            let mut v = serde_json::to_vec_pretty(&cmp).map_err(|e| Error::other(e.to_string()))?;
            v.push(b'\n');
            v
        }
        Format::Markdown => markdown(&cmp).into_bytes(),
        Format::Table => table(&cmp).into_bytes(),
    };
    emit(a.output.as_deref(), &bytes)?;
    Ok(exit::OK)
}

pub fn compare(a: &Args) -> Result<Comparison> {
    let mut sides: Vec<(String, Aggregate)> = Vec::new();
    let kind;
    if a.runs {
        if a.inputs.len() != 2 {
            return Err(Error::other(
                "--runs compares exactly two reports (folders or report.json files)",
            ));
        }
        kind = "runs";
        for p in &a.inputs {
            let r = Report::read(p)?;
            sides.push((
                format!("{} ({})", p.display(), r.aggregate.as_of),
                r.aggregate,
            ));
        }
    } else {
        let (claims, infos) = read_claims_files(&a.inputs, false, true)?;
        let base = a.est.aggregate_options()?;
        if let Some(g) = &a.groups {
            kind = "groups";
            let topic = Topic::builtin();
            for (label, members) in parse_groups(g, &topic)? {
                let subset: Vec<_> = claims
                    .iter()
                    .filter(|c| members.contains(&c.claimant))
                    .cloned()
                    .collect();
                sides.push((label, aggregate(&subset, &base, infos.clone())?));
            }
        } else if let Some(d) = &a.dates {
            kind = "dates";
            let ds: Vec<&str> = d.split(',').map(str::trim).collect();
            if ds.len() < 2 {
                return Err(Error::other(
                    "--dates takes two or more dates: 2024-12-31,2025-03-31",
                ));
            }
            for s in ds {
                let mut o = base.clone();
                o.as_of = Some(
                    crate::dates::parse_day(s)
                        .map_err(|e| Error::other(format!("--dates: {e}")))?,
                );
                o.every = None;
                sides.push((format!("as of {s}"), aggregate(&claims, &o, infos.clone())?));
            }
        } else {
            return Err(Error::other("compare needs --groups, --dates or --runs"));
        }
    }
    Ok(build(kind, sides))
}

/// "Ukraine=HUR,Zelensky;South Korea" → [(label, claimants)]; a bare name is a topic group.
pub fn parse_groups(spec: &str, topic: &Topic) -> Result<Vec<(String, Vec<String>)>> {
    let mut out = Vec::new();
    for part in spec.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (label, members): (String, Vec<String>) = match part.split_once('=') {
            Some((l, m)) => (
                l.trim().to_string(),
                m.split(',')
                    .map(|x| x.trim().to_string())
                    .filter(|x| !x.is_empty())
                    .collect(),
            ),
            None => {
                let m: Vec<String> = topic
                    .claimants
                    .iter()
                    .filter(|c| c.group.as_deref() == Some(part))
                    .map(|c| c.name.clone())
                    .collect();
                if m.is_empty() {
                    let known: std::collections::BTreeSet<&str> = topic
                        .claimants
                        .iter()
                        .filter_map(|c| c.group.as_deref())
                        .collect();
                    return Err(Error::other(format!("--groups: no claimant group {part:?} (known: {}); or write {part}=NAME,NAME", known.into_iter().collect::<Vec<_>>().join(", "))));
                }
                (part.to_string(), m)
            }
        };
        if members.is_empty() {
            return Err(Error::other(format!(
                "--groups: group {label:?} has no claimants"
            )));
        }
        out.push((label, members));
    }
    if out.len() < 2 {
        return Err(Error::other(
            "--groups needs two or more groups separated by ';'",
        ));
    }
    Ok(out)
}

fn side(label: &str, e: &Estimate) -> Side {
    Side {
        label: label.to_string(),
        as_of: e.as_of.clone(),
        low: e.low,
        best: e.best,
        high: e.high,
        n_claimants: e.n_claimants,
    }
}

/// Interval overlap (Jaccard on [low, high]); None when a side has an open end.
pub fn overlap(a: &Side, b: &Side) -> Option<f64> {
    let (al, ah, bl, bh) = (a.low?, a.high?, b.low?, b.high?);
    let inter = (ah.min(bh) - al.max(bl)).max(0.0);
    let union = ah.max(bh) - al.min(bl);
    Some(if union > 0.0 {
        inter / union
    } else if al == bl {
        1.0
    } else {
        0.0
    })
}

fn build(kind: &str, sides: Vec<(String, Aggregate)>) -> Comparison {
    let mut by_q: BTreeMap<Quantity, Vec<Option<Side>>> = BTreeMap::new();
    for (i, (label, agg)) in sides.iter().enumerate() {
        for e in agg.latest() {
            let v = by_q
                .entry(e.quantity)
                .or_insert_with(|| vec![None; sides.len()]);
            v[i] = Some(side(label, e));
        }
    }
    let rows = by_q
        .into_iter()
        .map(|(q, s)| {
            let first = s[0].clone();
            let overlap = s
                .iter()
                .map(|x| {
                    first
                        .as_ref()
                        .zip(x.as_ref())
                        .and_then(|(a, b)| overlap(a, b))
                })
                .collect();
            let ratio = s
                .iter()
                .map(|x| {
                    first
                        .as_ref()
                        .zip(x.as_ref())
                        .and_then(|(a, b)| Some(b.best? / a.best.filter(|v| *v > 0.0)?))
                        .map(|r| (r * 1000.0).round() / 1000.0)
                })
                .collect();
            Row {
                quantity: q,
                sides: s,
                overlap,
                ratio,
            }
        })
        .collect();
    Comparison {
        tool: format!("rangefinder {}", crate::VERSION),
        kind: kind.into(),
        rule: sides
            .first()
            .map(|s| s.1.rule.to_string())
            .unwrap_or_default(),
        labels: sides.iter().map(|s| s.0.clone()).collect(),
        rows,
    }
}

fn cell(s: &Option<Side>) -> String {
    match s {
        Some(s) => format!(
            "{} – {} – {}",
            s.low.map(fmt_num).unwrap_or("open".into()),
            s.best.map(fmt_num).unwrap_or("open".into()),
            s.high.map(fmt_num).unwrap_or("open".into())
        ),
        None => "no claims".into(),
    }
}

fn vs(r: &Row, i: usize) -> String {
    let o = r.overlap[i]
        .map(|o| format!("overlap {:.0}%", o * 100.0))
        .unwrap_or_else(|| "overlap n/a".into());
    let q = r.ratio[i]
        .map(|x| format!("ratio {x:.2}"))
        .unwrap_or_else(|| "ratio n/a".into());
    format!("{o}, {q}")
}

pub fn markdown(c: &Comparison) -> String {
    let mut s = format!("| quantity | {} |", c.labels.join(" | "));
    s.push_str(&format!(
        "\n|---|{}|\n",
        vec!["---"; c.labels.len()].join("|")
    ));
    for r in &c.rows {
        let cells: Vec<String> = (0..c.labels.len())
            .map(|i| {
                if i == 0 {
                    cell(&r.sides[i])
                } else {
                    format!("{} ({})", cell(&r.sides[i]), vs(r, i))
                }
            })
            .collect();
        s.push_str(&format!("| {} | {} |\n", r.quantity, cells.join(" | ")));
    }
    s.push_str(&format!(
        "\nlow – best – high under the {} rule; overlap and ratio against “{}”. {}\n",
        c.rule,
        c.labels.first().cloned().unwrap_or_default(),
        c.tool
    ));
    s
}

pub fn table(c: &Comparison) -> String {
    let mut s = String::new();
    for r in &c.rows {
        s.push_str(&format!("{}\n", r.quantity));
        for (i, l) in c.labels.iter().enumerate() {
            let extra = if i == 0 {
                String::new()
            } else {
                format!("   {}", vs(r, i))
            };
            s.push_str(&format!("  {:<28} {:>30}{}\n", l, cell(&r.sides[i]), extra));
        }
    }
    s.push_str(&format!("\nrule: {}; {}\n", c.rule, c.tool));
    s
}
