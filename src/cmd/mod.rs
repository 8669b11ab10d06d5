//! One module per subcommand, each with its `Args` and `run`. Shared helpers live here.

pub mod aggregate;
pub mod batch;
pub mod compare;
pub mod extract;
pub mod ingest;
pub mod report;
pub mod review;

use crate::error::{exit, Error, Result};
use crate::estimate::{Every, Profile, Rule};
use std::io::IsTerminal;
use std::path::PathBuf;

/// Every subcommand with its options.
pub enum Command {
    Extract(extract::Args),
    Aggregate(aggregate::Args),
    Report(report::Args),
    Ingest(ingest::Args),
    Review(review::Args),
    Compare(compare::Args),
    Batch(batch::Args),
    Completions(Vec<u8>),
    Man(Vec<u8>),
}

/// Options shared by everything that computes ranges.
#[derive(Debug, Clone, Default)]
pub struct EstimateOpts {
    pub as_of: Option<chrono::NaiveDate>,
    pub every: Option<Every>,
    pub rule: Rule,
    pub weights: Option<PathBuf>,
    pub half_life: Option<f64>,
    pub approx_pct: Option<f64>,
}

impl Default for Rule {
    fn default() -> Self {
        crate::estimate::DEFAULT_RULE
    }
}

impl EstimateOpts {
    /// The profile with the command line's overrides applied.
    pub fn profile(&self) -> Result<Profile> {
        let mut p = Profile::load(self.weights.as_deref())?;
        if let Some(h) = self.half_life {
            p.half_life_days = h;
        }
        if let Some(a) = self.approx_pct {
            p.approx_pct = a;
        }
        p.check()
            .map_err(|m| Error::other(format!("--half-life/--approx-pct: {m}")))?;
        Ok(p)
    }

    pub fn aggregate_options(&self) -> Result<crate::aggregate::Options> {
        Ok(crate::aggregate::Options {
            as_of: self.as_of,
            every: self.every,
            rule: self.rule,
            profile: self.profile()?,
        })
    }
}

/// Runs a command; returns the exit code on success.
pub fn run(cmd: Command) -> Result<u8> {
    match cmd {
        Command::Extract(a) => extract::run(a),
        Command::Aggregate(a) => aggregate::run(a),
        Command::Report(a) => report::run(a),
        Command::Ingest(a) => ingest::run(a),
        Command::Review(a) => review::run(a),
        Command::Compare(a) => compare::run(a),
        Command::Batch(a) => batch::run(a),
        Command::Completions(b) | Command::Man(b) => crate::io::write_stdout(&b).map(|_| exit::OK),
    }
}

/// Prints a note to stderr unless quiet.
pub fn note(quiet: bool, msg: impl AsRef<str>) {
    if !quiet {
        eprintln!("rangefinder: {}", msg.as_ref());
    }
}

/// A progress bar on stderr, only when stderr is a terminal and the run is not quiet.
pub fn progress(quiet: bool, total: u64) -> Option<indicatif::ProgressBar> {
    if quiet || !std::io::stderr().is_terminal() || total < (4 << 20) {
        return None;
    }
    let pb = indicatif::ProgressBar::new(total);
    let style = indicatif::ProgressStyle::with_template(
        "{spinner} {bytes}/{total_bytes} {bar:30} {bytes_per_sec} {eta}",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    pb.set_style(style);
    Some(pb)
}

/// Colour on stdout only for a terminal, and never with NO_COLOR set.
pub fn color_enabled() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
}

/// Reads every claims file; bad records are reported (or fatal with `strict`).
pub fn read_claims_files(
    paths: &[PathBuf],
    strict: bool,
    quiet: bool,
) -> Result<(Vec<crate::claims::Claim>, Vec<crate::aggregate::InputInfo>)> {
    let mut all = Vec::new();
    let mut infos = Vec::new();
    for p in paths {
        let mut problems = Vec::new();
        let claims = crate::io::read_claims(p, strict, &mut problems)?;
        for pr in problems.iter().take(20) {
            note(quiet, format!("{pr}; record skipped"));
        }
        if problems.len() > 20 {
            note(
                quiet,
                format!(
                    "{}: {} more bad records skipped",
                    p.display(),
                    problems.len() - 20
                ),
            );
        }
        let sha = if p.as_os_str() == "-" {
            String::new()
        } else {
            std::fs::read(p)
                .map(|b| crate::corpus::sha256_hex(&b))
                .unwrap_or_default()
        };
        infos.push(crate::aggregate::InputInfo {
            path: p.display().to_string(),
            sha256: sha,
            claims: claims.len(),
        });
        all.extend(claims);
    }
    Ok((all, infos))
}

/// Reads report inputs: claims files (CSV, Parquet, or JSONL whose records have a `quantity`)
/// and articles (everything else); none at all means the built-in example.
pub fn load_inputs(
    inputs: &[PathBuf],
    manifest: Option<&std::path::Path>,
    topic: &crate::extract::Topic,
    strict: bool,
    quiet: bool,
) -> Result<(
    Vec<crate::claims::Claim>,
    Vec<crate::aggregate::InputInfo>,
    Vec<crate::article::Warning>,
)> {
    use crate::aggregate::InputInfo;
    let mut claims = Vec::new();
    let mut infos = Vec::new();
    let mut warnings = Vec::new();
    if inputs.is_empty() {
        for a in crate::example::articles() {
            let c = crate::extract::extract(&a, topic);
            infos.push(InputInfo {
                path: format!("built-in example {}", a.doc),
                sha256: crate::corpus::sha256_hex(a.text.as_bytes()),
                claims: c.len(),
            });
            claims.extend(c);
        }
        return Ok((claims, infos, warnings));
    }
    let (claim_files, article_paths): (Vec<PathBuf>, Vec<PathBuf>) =
        inputs.iter().cloned().partition(|p| is_claims_file(p));
    if !claim_files.is_empty() {
        let (c, i) = read_claims_files(&claim_files, strict, quiet)?;
        claims.extend(c);
        infos.extend(i);
    }
    if !article_paths.is_empty() {
        let manifest = manifest.map(crate::article::Manifest::read).transpose()?;
        let opts = crate::corpus::Options {
            manifest: manifest.as_ref(),
            topic,
            strict,
            skip_hashes: None,
            progress: None,
            sink: None,
        };
        let out = crate::corpus::extract_paths(&article_paths, &opts)?;
        for (doc, sha) in &out.hashes {
            let n = out.claims.iter().filter(|c| &c.doc == doc).count();
            infos.push(InputInfo {
                path: doc.clone(),
                sha256: sha.clone(),
                claims: n,
            });
        }
        for w in &out.warnings {
            note(quiet, &w.0);
        }
        warnings.extend(out.warnings);
        claims.extend(out.claims);
    }
    Ok((claims, infos, warnings))
}

/// A claims file (not articles): CSV, Parquet, or JSONL whose first record has a `quantity`.
pub fn is_claims_file(p: &std::path::Path) -> bool {
    match p
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase)
        .as_deref()
    {
        Some("csv" | "parquet" | "pq") => true,
        Some("jsonl" | "ndjson" | "json") => {
            use std::io::BufRead;
            std::fs::File::open(p)
                .ok()
                .and_then(|f| {
                    std::io::BufReader::new(f)
                        .lines()
                        .map_while(|l| l.ok())
                        .find(|l| !l.trim().is_empty())
                })
                .and_then(|l| serde_json::from_str::<serde_json::Value>(&l).ok())
                .is_some_and(|v| v.get("quantity").is_some())
        }
        _ => false,
    }
}
