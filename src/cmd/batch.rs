//! `rangefinder batch FILE.toml`: several reports in one run (e.g. a weekly cron job). Each
//! item lands in `<output>/<name>/<as-of>/`; an index page lists every briefing under the
//! output folder. One failing item does not stop the others; the exit code then says so.
//!
//! ```toml
//! title = "Weekly briefings"      # index page title
//! output = "reports"              # relative to the batch file
//! [defaults]                      # any item key, applied where an item is silent
//! inputs = ["articles/"]
//! rule = "representative"
//! [[report]]
//! name = "nk-weekly"
//! as_of = "2025-01-31"
//! every = "week"
//! previous = "auto"               # the newest earlier briefing of the same name
//! ```

use crate::cmd::{note, report, EstimateOpts};
use crate::error::{exit, Error, Result};
use crate::estimate::fmt_num;
use crate::report::Report;
use serde::Deserialize;
use std::path::{Path, PathBuf};

pub struct Args {
    pub file: PathBuf,
    pub force: bool,
    pub quiet: bool,
}

#[derive(Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct Item {
    name: Option<String>,
    #[serde(default)]
    inputs: Option<Vec<String>>,
    manifest: Option<String>,
    as_of: Option<String>,
    now: Option<String>,
    every: Option<String>,
    rule: Option<String>,
    weights: Option<String>,
    topic: Option<String>,
    templates: Option<String>,
    previous: Option<String>,
    half_life: Option<f64>,
    approx_pct: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BatchFile {
    title: Option<String>,
    output: Option<String>,
    #[serde(default)]
    defaults: Item,
    #[serde(default)]
    report: Vec<Item>,
}

pub fn run(a: Args) -> Result<u8> {
    let text = std::fs::read_to_string(&a.file).map_err(|e| Error::io(&a.file, e))?;
    let b: BatchFile = toml::from_str(&text).map_err(|e| {
        let line = e.span().map(|s| text[..s.start].lines().count() as u64);
        Error::input(&a.file, line, format!("not a batch file: {}", e.message()))
    })?;
    if b.report.is_empty() {
        return Err(Error::input(&a.file, None, "no [[report]] items"));
    }
    let base = a.file.parent().map(Path::to_path_buf).unwrap_or_default();
    let rel = |s: &str| -> PathBuf {
        if Path::new(s).is_absolute() {
            PathBuf::from(s)
        } else {
            base.join(s)
        }
    };
    let root = rel(b.output.as_deref().unwrap_or("reports"));
    let mut failed = 0;
    for (i, item) in b.report.iter().enumerate() {
        let label = item
            .name
            .clone()
            .unwrap_or_else(|| format!("report {}", i + 1));
        match run_item(item, &b.defaults, &rel, &root, a.force, a.quiet) {
            Ok(dir) => note(
                a.quiet,
                format!("{label}: written to {}", dir.join("index.html").display()),
            ),
            Err(e) => {
                failed += 1;
                eprintln!(
                    "rangefinder: {}: item {} ({label}): {e}",
                    a.file.display(),
                    i + 1
                );
            }
        }
    }
    write_index(&root, b.title.as_deref().unwrap_or("Briefings"))?;
    note(
        a.quiet,
        format!("index: {}", root.join("index.html").display()),
    );
    if failed > 0 {
        eprintln!(
            "rangefinder: {failed} of {} batch items failed",
            b.report.len()
        );
        return Ok(exit::PARTIAL);
    }
    Ok(exit::OK)
}

fn run_item(
    item: &Item,
    d: &Item,
    rel: &dyn Fn(&str) -> PathBuf,
    root: &Path,
    force: bool,
    quiet: bool,
) -> Result<PathBuf> {
    let pick = |a: &Option<String>, b: &Option<String>| a.clone().or_else(|| b.clone());
    let name = item
        .name
        .clone()
        .ok_or_else(|| Error::other("the item has no `name`"))?;
    let inputs: Vec<PathBuf> = item
        .inputs
        .clone()
        .or_else(|| d.inputs.clone())
        .unwrap_or_default()
        .iter()
        .map(|s| rel(s))
        .collect();
    let day = |s: Option<String>, what: &str| -> Result<Option<chrono::NaiveDate>> {
        s.map(|s| crate::dates::parse_day(&s).map_err(|e| Error::other(format!("{what}: {e}"))))
            .transpose()
    };
    let est = EstimateOpts {
        as_of: day(pick(&item.as_of, &d.as_of), "as_of")?,
        every: pick(&item.every, &d.every)
            .map(|s| s.parse())
            .transpose()
            .map_err(Error::other)?,
        rule: pick(&item.rule, &d.rule)
            .map(|s| s.parse())
            .transpose()
            .map_err(Error::other)?
            .unwrap_or_default(),
        weights: pick(&item.weights, &d.weights).map(|s| rel(&s)),
        half_life: item.half_life.or(d.half_life),
        approx_pct: item.approx_pct.or(d.approx_pct),
    };
    let previous = match pick(&item.previous, &d.previous).as_deref() {
        Some("auto") => latest_report(&root.join(&name), est.as_of),
        Some(p) => Some(rel(p)),
        None => None,
    };
    let args = report::Args {
        inputs,
        manifest: pick(&item.manifest, &d.manifest).map(|s| rel(&s)),
        output: None,
        name: Some(name),
        now: day(pick(&item.now, &d.now), "now")?,
        est,
        templates: pick(&item.templates, &d.templates).map(|s| rel(&s)),
        previous,
        force,
        topic: pick(&item.topic, &d.topic).map(|s| rel(&s)),
        strict: false,
        quiet,
    };
    Ok(report::build(args, root)?.dir)
}

/// The newest dated briefing folder under `dir` (before `before`, when given).
fn latest_report(dir: &Path, before: Option<chrono::NaiveDate>) -> Option<PathBuf> {
    let mut dates: Vec<String> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("report.json").exists())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| crate::dates::parse_day(n).is_ok())
        .filter(|n| before.is_none_or(|b| n.as_str() < b.to_string().as_str()))
        .collect();
    dates.sort();
    dates.pop().map(|d| dir.join(d))
}

#[derive(serde::Serialize)]
struct IndexRow {
    name: String,
    as_of: String,
    rule: String,
    summary: String,
    href: String,
    failed: bool,
}

/// Lists every briefing under `root` (`<name>/<date>/report.json`), newest first.
pub fn write_index(root: &Path, title: &str) -> Result<()> {
    let mut rows = Vec::new();
    let names = std::fs::read_dir(root).map_err(|e| Error::io(root, e))?;
    let mut dirs: Vec<PathBuf> = Vec::new();
    for n in names.filter_map(|e| e.ok()).filter(|e| e.path().is_dir()) {
        for d in std::fs::read_dir(n.path())
            .map_err(|e| Error::io(n.path(), e))?
            .filter_map(|e| e.ok())
        {
            if d.path().join("report.json").exists() {
                dirs.push(d.path());
            }
        }
    }
    dirs.sort();
    for d in dirs.iter().rev() {
        let href = d
            .strip_prefix(root)
            .unwrap_or(d)
            .join("index.html")
            .to_string_lossy()
            .replace('\\', "/");
        match Report::read(d) {
            Ok(r) => rows.push(IndexRow {
                name: r.name.clone(),
                as_of: r.aggregate.as_of.clone(),
                rule: r.aggregate.rule.to_string(),
                summary: r
                    .aggregate
                    .latest()
                    .map(|e| {
                        format!(
                            "{} {}",
                            e.quantity,
                            e.best.map(fmt_num).unwrap_or("open".into())
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
                href,
                failed: false,
            }),
            Err(e) => rows.push(IndexRow {
                name: d.display().to_string(),
                as_of: String::new(),
                rule: String::new(),
                summary: format!("unreadable: {e}"),
                href: String::new(),
                failed: true,
            }),
        }
    }
    let env = crate::export::environment(None)?;
    let html = env
        .get_template("index.html")
        .and_then(|t| t.render(minijinja::context! { title => title, reports => rows, tool => format!("rangefinder {}", crate::VERSION) }))
        .map_err(|e| Error::other(format!("index template: {e:#}")))?;
    crate::io::write_atomic(&root.join("index.html"), html.as_bytes())
}
