//! Every output format from the one `Report`: HTML and Markdown through minijinja templates
//! (compiled in, overridable from a folder), JSON and CSV through serde, charts through
//! `chart`. Also the report folder, written whole or not at all.

use crate::chart::{self, ClaimMark, ForestRow, MarkKind, SeriesPoint, WeightBar};
use crate::claims::{Qualifier, Quantity, Status};
use crate::error::{Error, Result};
use crate::io::{claims_to_bytes, ClaimsFormat};
use crate::report::{ChartView, Report};
use chrono::NaiveDate;
use minijinja::{AutoEscape, Environment};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The built-in templates: (name, source).
pub const TEMPLATES: [(&str, &str); 3] = [
    ("report.html", include_str!("../templates/report.html")),
    ("report.md", include_str!("../templates/report.md")),
    ("index.html", include_str!("../templates/index.html")),
];

/// A template environment: the built-in templates, each replaced by `DIR/<name>` where present.
pub fn environment(dir: Option<&Path>) -> Result<Environment<'static>> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    env.add_filter("md", md_escape);
    for (name, builtin) in TEMPLATES {
        let src = match dir.map(|d| d.join(name)).filter(|p| p.exists()) {
            Some(p) => std::fs::read_to_string(&p).map_err(|e| Error::io(&p, e))?,
            None => builtin.to_string(),
        };
        env.add_template_owned(name.to_string(), src)
            .map_err(|e| template_error(dir, name, e))?;
    }
    Ok(env)
}

fn template_error(dir: Option<&Path>, name: &str, e: minijinja::Error) -> Error {
    let origin = match dir.map(|d| d.join(name)).filter(|p| p.exists()) {
        Some(p) => p,
        None => PathBuf::from(format!("built-in template {name}")),
    };
    Error::input(
        origin,
        e.line().map(|l| l as u64),
        format!("template error: {e:#}"),
    )
}

/// Markdown-safe text: no table breaks, no raw HTML.
fn md_escape(s: String) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

fn date(s: &str) -> Option<NaiveDate> {
    crate::dates::PartialDate::parse(s).ok()?.last_day()
}

fn kind(q: Qualifier) -> MarkKind {
    match q {
        Qualifier::Exact | Qualifier::Approx => MarkKind::Point,
        Qualifier::Range => MarkKind::Range,
        Qualifier::Vague => MarkKind::Vague,
        Qualifier::AtLeast | Qualifier::MoreThan => MarkKind::LowerBound,
        Qualifier::AtMost | Qualifier::LessThan => MarkKind::UpperBound,
    }
}

/// All charts of a report, in display order: per quantity (a) range over time and (b) forest,
/// then (c) claimant weights.
pub fn charts(r: &Report) -> Result<Vec<ChartView>> {
    let agg = &r.aggregate;
    let mut out = Vec::new();
    let err = |e: String| Error::other(format!("chart: {e}"));
    let latest: Vec<_> = agg.latest().collect();
    for e in &latest {
        let q = e.quantity;
        let series: Vec<SeriesPoint> = agg
            .estimates
            .iter()
            .filter(|x| x.quantity == q)
            .filter_map(|x| {
                Some(SeriesPoint {
                    date: date(&x.as_of)?,
                    low: x.low,
                    best: x.best,
                    high: x.high,
                })
            })
            .collect();
        let marks: Vec<ClaimMark> = r
            .claims
            .iter()
            .filter(|c| c.quantity == q && c.status != Status::Rejected)
            .filter_map(|c| {
                Some(ClaimMark {
                    date: date(c.effective_date()?)?,
                    claimant: c.claimant.clone(),
                    low: c.low,
                    best: c.best.or(if c.low == c.high { c.low } else { None }),
                    high: c.high,
                    kind: kind(c.qualifier),
                    projection: c.projection,
                })
            })
            .collect();
        let title = format!("{q}: range over time ({} rule)", agg.rule);
        out.push(ChartView {
            id: format!("range-{q}"),
            title: title.clone(),
            file: format!("charts/range-{q}.svg"),
            svg: chart::range_over_time(&title, &series, &marks).map_err(err)?,
        });
        let rows: Vec<ForestRow> = e
            .contributions
            .iter()
            .filter(|c| c.role != "superseded")
            .map(|c| ForestRow {
                label: format!(
                    "{} · {}{}",
                    c.claimant,
                    c.date,
                    if c.role == "point" {
                        String::new()
                    } else {
                        format!(" ({})", c.role.replace('_', " "))
                    }
                ),
                low: c.low,
                best: c.best,
                high: c.high,
                weight: c.weight,
                kind: kind(c.qualifier),
            })
            .collect();
        let ftitle = format!("{q}: claims and their weights as of {}", e.as_of);
        out.push(ChartView {
            id: format!("forest-{q}"),
            title: ftitle.clone(),
            file: format!("charts/forest-{q}.svg"),
            svg: chart::forest(
                &ftitle,
                &rows,
                (e.low, e.best, e.high),
                &format!("{}, as of {}", e.method, e.as_of),
            )
            .map_err(err)?,
        });
    }
    // (c) one weights chart over the claimants of the latest estimates
    let mut per: BTreeMap<String, (f64, f64, usize)> = BTreeMap::new();
    for e in &latest {
        for c in e.contributions.iter().filter(|c| c.role == "point") {
            let x = per.entry(c.claimant.clone()).or_insert((0.0, 0.0, 0));
            x.0 = x.0.max(c.weight);
            x.1 += c.share;
            x.2 += 1;
        }
    }
    let bars: Vec<WeightBar> = per
        .into_iter()
        .map(|(k, (w, s, n))| WeightBar {
            reliability: agg.profile.weight_of(&k),
            claimant: k,
            weight: w,
            share: s / n.max(1) as f64,
        })
        .collect();
    let wtitle = format!(
        "Claimant weights as of {} (profile {})",
        agg.as_of, agg.profile.name
    );
    out.push(ChartView {
        id: "weights".into(),
        title: wtitle.clone(),
        file: "charts/weights.svg".into(),
        svg: chart::weights(&wtitle, &bars).map_err(err)?,
    });
    Ok(out)
}

/// Every file of a report folder: (relative path, bytes).
pub fn render_all(r: &Report, templates: Option<&Path>) -> Result<Vec<(String, Vec<u8>)>> {
    let env = environment(templates)?;
    let charts = charts(r)?;
    let chart_files: Vec<(String, Vec<u8>)> = charts
        .iter()
        .map(|c| (c.file.clone(), c.svg.clone().into_bytes()))
        .collect();
    let view = r.view(charts);
    let render = |name: &str| -> Result<Vec<u8>> {
        let t = env
            .get_template(name)
            .map_err(|e| template_error(templates, name, e))?;
        t.render(&view)
            .map(String::into_bytes)
            .map_err(|e| template_error(templates, name, e))
    };
    let mut files = vec![
        ("index.html".to_string(), render("report.html")?),
        ("report.md".to_string(), render("report.md")?),
        ("report.json".to_string(), to_json(r)?),
        (
            "claims.csv".to_string(),
            claims_to_bytes(&r.claims, ClaimsFormat::Csv)?,
        ),
    ];
    files.extend(chart_files);
    Ok(files)
}

pub fn to_json(r: &Report) -> Result<Vec<u8>> {
    let mut v = serde_json::to_vec_pretty(r).map_err(|e| Error::other(e.to_string()))?;
    v.push(b'\n');
    Ok(v)
}

/// Writes a folder whole or not at all: the files go to a temporary folder beside it, which
/// then takes its place. An existing folder is replaced only with `force`; until the final
/// rename it is left as it was, so an interrupted run loses nothing.
pub fn write_dir(dir: &Path, files: &[(String, Vec<u8>)], force: bool) -> Result<()> {
    if dir.exists() && !force {
        return Err(Error::Exists {
            path: dir.to_path_buf(),
        });
    }
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let tmp = tempfile::Builder::new()
        .prefix(".rangefinder-")
        .tempdir_in(parent)
        .map_err(|e| Error::io(parent, e))?;
    for (rel, bytes) in files {
        let p = tmp.path().join(rel);
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d).map_err(|e| Error::io(d, e))?;
        }
        std::fs::write(&p, bytes).map_err(|e| Error::io(&p, e))?;
    }
    let tmp_path = tmp.keep();
    if dir.exists() {
        let old = parent.join(format!(".rangefinder-old-{}", std::process::id()));
        std::fs::rename(dir, &old).map_err(|e| Error::io(dir, e))?;
        if let Err(e) = std::fs::rename(&tmp_path, dir) {
            let _ = std::fs::rename(&old, dir);
            return Err(Error::io(dir, e));
        }
        let _ = std::fs::remove_dir_all(&old);
    } else {
        std::fs::rename(&tmp_path, dir).map_err(|e| Error::io(dir, e))?;
    }
    Ok(())
}

/// The quantities in display order.
pub fn quantity_order(q: Quantity) -> usize {
    Quantity::ALL.iter().position(|x| *x == q).unwrap_or(0)
}
