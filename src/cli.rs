//! The command line (clap derive). The only module that imports clap: parsed flags become the
//! program's own option types here, and nothing past `Cli::into_command` sees the parser.

use crate::cmd;
use crate::dates::parse_day;
use crate::estimate::{Every, Rule};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "rangefinder", version, about = "Turns the conflicting figures in news reporting into defensible estimate ranges and briefing reports.", long_about = None)]
pub struct Cli {
    /// Print nothing but results and errors.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract claims from articles (txt, md, html, a folder of them, or JSONL articles).
    Extract(ExtractArgs),
    /// Turn claims into low / best / high ranges per quantity, at a date or as a series.
    Aggregate(AggregateArgs),
    /// Articles or claims → ranges → charts → a briefing folder (HTML, Markdown, JSON, CSV).
    Report(ReportArgs),
    /// Add articles to a claims ledger (Parquet), extracting only documents not seen before.
    Ingest(IngestArgs),
    /// Accept, reject or correct ledger claims through a CSV round trip.
    Review(ReviewArgs),
    /// Set two estimate ranges side by side: claimant groups, two dates, or two report runs.
    Compare(CompareArgs),
    /// Run several reports from a TOML file (e.g. a weekly cron job).
    Batch(BatchArgs),
    /// Print shell completions.
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the man page (roff).
    Man,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ClaimsFmt {
    Jsonl,
    Csv,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum AggFmt {
    Json,
    Csv,
    Table,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CmpFmt {
    Table,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RuleArg {
    Envelope,
    Conservative,
    Representative,
    Pooled,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum EveryArg {
    Week,
    Month,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files, folders (recursively: .txt .md .html .htm) or .jsonl article files; - for stdin.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// CSV with file,url,publisher,published (file relative to the manifest).
    #[arg(long)]
    pub manifest: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: ClaimsFmt,
    /// Write here (atomically) instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Topic file (TOML) replacing the built-in North Korea topic.
    #[arg(long)]
    pub topic: Option<PathBuf>,
    /// Fail on the first unreadable or malformed input instead of skipping it.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args, Clone)]
pub struct EstimateFlags {
    /// Use only claims dated on or before this date (YYYY-MM-DD). Default: the latest claim's date.
    #[arg(long, value_parser = parse_day)]
    pub as_of: Option<chrono::NaiveDate>,
    /// Also give the series: the range at the end of every week or month.
    #[arg(long, value_enum)]
    pub every: Option<EveryArg>,
    /// The aggregation rule.
    #[arg(long, value_enum, default_value = "representative")]
    pub rule: RuleArg,
    /// Claimant reliability profile (TOML) replacing the built-in one.
    #[arg(long)]
    pub weights: Option<PathBuf>,
    /// Override the profile's recency half-life, in days.
    #[arg(long)]
    pub half_life: Option<f64>,
    /// Override the profile's ± width of "about N", in percent.
    #[arg(long)]
    pub approx_pct: Option<f64>,
}

#[derive(Debug, Args)]
pub struct AggregateArgs {
    /// Claims files: JSONL, CSV or Parquet (a ledger is one); - for stdin.
    #[arg(required = true)]
    pub claims: Vec<PathBuf>,
    #[command(flatten)]
    pub est: EstimateFlags,
    #[arg(long, value_enum, default_value = "table")]
    pub format: AggFmt,
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Fail on the first bad record instead of skipping it.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Articles, folders, JSONL articles, or claims files (JSONL, CSV, Parquet). None: the built-in example.
    pub inputs: Vec<PathBuf>,
    #[arg(long)]
    pub manifest: Option<PathBuf>,
    /// Output folder. Default: reports/<name>/<as-of date>/.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// The report's name (default: "example" for the built-in example, else "briefing").
    #[arg(long)]
    pub name: Option<String>,
    /// Fix "today" (YYYY-MM-DD) so runs are reproducible. Default: the as-of date.
    #[arg(long, value_parser = parse_day)]
    pub now: Option<chrono::NaiveDate>,
    #[command(flatten)]
    pub est: EstimateFlags,
    /// A folder of minijinja templates overriding the built-in ones.
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// The previous report (its folder or report.json), for "what changed".
    #[arg(long)]
    pub previous: Option<PathBuf>,
    /// Replace an existing report folder.
    #[arg(long)]
    pub force: bool,
    #[arg(long)]
    pub topic: Option<PathBuf>,
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long)]
    pub manifest: Option<PathBuf>,
    /// The ledger file (Parquet); created when missing.
    #[arg(long, required = true)]
    pub ledger: PathBuf,
    #[arg(long)]
    pub topic: Option<PathBuf>,
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The ledger file (Parquet).
    #[arg(long, required = true)]
    pub ledger: PathBuf,
    /// Write the ledger's claims as CSV for editing (status: accept, reject, correct).
    #[arg(long, conflicts_with = "apply")]
    pub export: Option<PathBuf>,
    /// Apply an edited review CSV to the ledger.
    #[arg(long)]
    pub apply: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Claims files (or, with --runs, two report folders or report.json files).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Claimant groups: "Ukraine=HUR,Zelensky;South Korea=NIS,JCS" (two or more groups).
    #[arg(long, conflicts_with_all = ["dates", "runs"])]
    pub groups: Option<String>,
    /// Two as-of dates: "2024-12-31,2025-03-31".
    #[arg(long, conflicts_with = "runs")]
    pub dates: Option<String>,
    /// Compare two report runs (the two inputs are report folders or report.json files).
    #[arg(long)]
    pub runs: bool,
    #[command(flatten)]
    pub est: EstimateFlags,
    #[arg(long, value_enum, default_value = "table")]
    pub format: CmpFmt,
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BatchArgs {
    /// The batch file (TOML).
    pub file: PathBuf,
    /// Replace report folders that already exist.
    #[arg(long)]
    pub force: bool,
}

impl EstimateFlags {
    fn into_opts(self) -> cmd::EstimateOpts {
        cmd::EstimateOpts {
            as_of: self.as_of,
            every: self.every.map(|e| match e {
                EveryArg::Week => Every::Week,
                EveryArg::Month => Every::Month,
            }),
            rule: match self.rule {
                RuleArg::Envelope => Rule::Envelope,
                RuleArg::Conservative => Rule::Conservative,
                RuleArg::Representative => Rule::Representative,
                RuleArg::Pooled => Rule::Pooled,
            },
            weights: self.weights,
            half_life: self.half_life,
            approx_pct: self.approx_pct,
        }
    }
}

impl Cli {
    /// The program's own command, with nothing of clap left in it.
    pub fn into_command(self) -> cmd::Command {
        let quiet = self.quiet;
        match self.command {
            Command::Extract(a) => cmd::Command::Extract(cmd::extract::Args {
                paths: a.paths,
                manifest: a.manifest,
                csv: matches!(a.format, ClaimsFmt::Csv),
                output: a.output,
                topic: a.topic,
                strict: a.strict,
                quiet,
            }),
            Command::Aggregate(a) => cmd::Command::Aggregate(cmd::aggregate::Args {
                claims: a.claims,
                est: a.est.into_opts(),
                format: match a.format {
                    AggFmt::Json => cmd::aggregate::Format::Json,
                    AggFmt::Csv => cmd::aggregate::Format::Csv,
                    AggFmt::Table => cmd::aggregate::Format::Table,
                },
                output: a.output,
                strict: a.strict,
                quiet,
            }),
            Command::Report(a) => cmd::Command::Report(cmd::report::Args {
                inputs: a.inputs,
                manifest: a.manifest,
                output: a.output,
                name: a.name,
                now: a.now,
                est: a.est.into_opts(),
                templates: a.templates,
                previous: a.previous,
                force: a.force,
                topic: a.topic,
                strict: a.strict,
                quiet,
            }),
            Command::Ingest(a) => cmd::Command::Ingest(cmd::ingest::Args {
                paths: a.paths,
                manifest: a.manifest,
                ledger: a.ledger,
                topic: a.topic,
                strict: a.strict,
                quiet,
            }),
            Command::Review(a) => cmd::Command::Review(cmd::review::Args {
                ledger: a.ledger,
                export: a.export,
                apply: a.apply,
                quiet,
            }),
            Command::Compare(a) => cmd::Command::Compare(cmd::compare::Args {
                inputs: a.inputs,
                groups: a.groups,
                dates: a.dates,
                runs: a.runs,
                est: a.est.into_opts(),
                format: match a.format {
                    CmpFmt::Table => cmd::compare::Format::Table,
                    CmpFmt::Json => cmd::compare::Format::Json,
                    CmpFmt::Markdown => cmd::compare::Format::Markdown,
                },
                output: a.output,
            }),
            Command::Batch(a) => cmd::Command::Batch(cmd::batch::Args {
                file: a.file,
                force: a.force,
                quiet,
            }),
            Command::Completions { shell } => cmd::Command::Completions(completions(shell)),
            Command::Man => cmd::Command::Man(man_page()),
        }
    }
}

fn completions(shell: Shell) -> Vec<u8> {
    use clap::CommandFactory;
    use clap_complete::{generate, shells};
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    match shell {
        Shell::Bash => generate(shells::Bash, &mut cmd, "rangefinder", &mut out),
        Shell::Zsh => generate(shells::Zsh, &mut cmd, "rangefinder", &mut out),
        Shell::Fish => generate(shells::Fish, &mut cmd, "rangefinder", &mut out),
        Shell::Elvish => generate(shells::Elvish, &mut cmd, "rangefinder", &mut out),
        Shell::Powershell => generate(shells::PowerShell, &mut cmd, "rangefinder", &mut out),
    }
    out
}

fn man_page() -> Vec<u8> {
    use clap::CommandFactory;
    let mut out = Vec::new();
    // rendering into a Vec cannot fail
    let _ = clap_mangen::Man::new(Cli::command()).render(&mut out);
    out
}
