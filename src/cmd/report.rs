//! `rangefinder report`: articles or claims → extract (when needed) → aggregate → charts → a
//! briefing folder (index.html, report.md, report.json, claims.csv, charts/).

use crate::aggregate::aggregate;
use crate::cmd::{load_inputs, note, EstimateOpts};
use crate::error::{exit, Result};
use crate::estimate::Every;
use crate::export::{render_all, write_dir};
use crate::extract::Topic;
use crate::report::Report;
use std::path::{Path, PathBuf};

pub struct Args {
    pub inputs: Vec<PathBuf>,
    pub manifest: Option<PathBuf>,
    pub output: Option<PathBuf>,
    pub name: Option<String>,
    pub now: Option<chrono::NaiveDate>,
    pub est: EstimateOpts,
    pub templates: Option<PathBuf>,
    pub previous: Option<PathBuf>,
    pub force: bool,
    pub topic: Option<PathBuf>,
    pub strict: bool,
    pub quiet: bool,
}

/// What a report run wrote.
pub struct Written {
    pub dir: PathBuf,
    pub report: Report,
}

pub fn run(a: Args) -> Result<u8> {
    let quiet = a.quiet;
    let w = build(a, Path::new("reports"))?;
    note(
        quiet,
        format!("report written to {}", w.dir.join("index.html").display()),
    );
    Ok(exit::OK)
}

/// Builds and writes one report; `reports_root` is where default folders go.
pub fn build(a: Args, reports_root: &Path) -> Result<Written> {
    let topic = Topic::load(a.topic.as_deref())?;
    let example = a.inputs.is_empty();
    let (claims, inputs, warnings) =
        load_inputs(&a.inputs, a.manifest.as_deref(), &topic, a.strict, a.quiet)?;
    let mut opts = a.est.aggregate_options()?;
    // a briefing always shows the series; monthly unless asked otherwise
    opts.every = Some(opts.every.unwrap_or(Every::Month));
    let agg = aggregate(&claims, &opts, inputs)?;
    let previous = a.previous.as_deref().map(Report::read).transpose()?;
    let name = a.name.clone().unwrap_or_else(|| {
        if example {
            "example".into()
        } else {
            "briefing".into()
        }
    });
    let generated = a
        .now
        .map(|d| d.to_string())
        .unwrap_or_else(|| agg.as_of.clone());
    let title = format!(
        "{}: briefing as of {}",
        if topic.title.is_empty() {
            topic.name.clone()
        } else {
            topic.title.clone()
        },
        agg.as_of
    );
    let report = Report::new(
        title,
        name.clone(),
        generated,
        agg,
        claims,
        previous.as_ref(),
        warnings.iter().map(|w| w.0.clone()).collect(),
    );
    let dir = match &a.output {
        Some(d) => d.clone(),
        None => reports_root.join(&name).join(&report.aggregate.as_of),
    };
    let files = render_all(&report, a.templates.as_deref())?;
    write_dir(&dir, &files, a.force)?;
    Ok(Written { dir, report })
}
