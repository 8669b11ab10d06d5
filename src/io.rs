//! Claims files in and out (JSONL, CSV, Parquet), atomic writes, and stdout that treats a
//! closed pipe as success.

use crate::claims::{Claim, Qualifier, Quantity, Scope, Status};
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A problem in one record that the reader skipped (or failed on, with `--strict`).
#[derive(Debug, Clone)]
pub struct Problem {
    pub path: PathBuf,
    pub line: u64,
    pub msg: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.msg)
    }
}

/// The flat CSV form of a claim (`via` joined with `;`).
#[derive(Debug, Serialize, Deserialize)]
struct CsvClaim {
    #[serde(default)]
    id: String,
    doc: String,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    publisher: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    lang: String,
    quantity: String,
    #[serde(default)]
    low: Option<f64>,
    #[serde(default)]
    best: Option<f64>,
    #[serde(default)]
    high: Option<f64>,
    qualifier: String,
    #[serde(default, deserialize_with = "de_bool")]
    projection: bool,
    #[serde(default, deserialize_with = "de_bool")]
    increment: bool,
    #[serde(default)]
    scope: String,
    #[serde(default)]
    claimant: String,
    #[serde(default)]
    via: String,
    #[serde(default)]
    ref_date: Option<String>,
    #[serde(default)]
    quote: String,
    #[serde(default)]
    start: usize,
    #[serde(default)]
    end: usize,
    #[serde(default = "one_f")]
    confidence: f64,
    #[serde(default = "one_u")]
    mentions: u32,
    #[serde(default)]
    status: String,
}

fn one_f() -> f64 {
    1.0
}
fn one_u() -> u32 {
    1
}

fn de_bool<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<bool, D::Error> {
    let s = String::deserialize(d)?;
    match s.trim().to_lowercase().as_str() {
        "true" | "1" | "yes" => Ok(true),
        "false" | "0" | "no" | "" => Ok(false),
        other => Err(serde::de::Error::custom(format!(
            "{other:?} is not a boolean"
        ))),
    }
}

impl From<&Claim> for CsvClaim {
    fn from(c: &Claim) -> Self {
        CsvClaim {
            id: c.id.clone(),
            doc: c.doc.clone(),
            url: c.url.clone(),
            publisher: c.publisher.clone(),
            published: c.published.clone(),
            lang: c.lang.clone(),
            quantity: c.quantity.to_string(),
            low: c.low,
            best: c.best,
            high: c.high,
            qualifier: c.qualifier.to_string(),
            projection: c.projection,
            increment: c.increment,
            scope: c.scope.as_str().into(),
            claimant: c.claimant.clone(),
            via: c.via.join(";"),
            ref_date: c.ref_date.clone(),
            quote: c.quote.clone(),
            start: c.start,
            end: c.end,
            confidence: c.confidence,
            mentions: c.mentions,
            status: c.status.as_str().into(),
        }
    }
}

impl TryFrom<CsvClaim> for Claim {
    type Error = String;
    fn try_from(r: CsvClaim) -> std::result::Result<Self, String> {
        let quantity: Quantity = r.quantity.parse()?;
        let qualifier: Qualifier = r.qualifier.parse()?;
        let mut c = Claim {
            id: r.id,
            doc: r.doc,
            url: r.url.filter(|s| !s.is_empty()),
            publisher: r.publisher.filter(|s| !s.is_empty()),
            published: r.published.filter(|s| !s.is_empty()),
            lang: r.lang,
            quantity,
            low: r.low,
            best: r.best,
            high: r.high,
            qualifier,
            projection: r.projection,
            increment: r.increment,
            scope: r.scope.parse::<Scope>()?,
            claimant: if r.claimant.is_empty() {
                "unattributed".into()
            } else {
                r.claimant
            },
            via: r
                .via
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            ref_date: r.ref_date.filter(|s| !s.is_empty()),
            quote: r.quote,
            start: r.start,
            end: r.end,
            confidence: r.confidence,
            mentions: r.mentions.max(1),
            status: r.status.parse::<Status>()?,
        };
        fill_id(&mut c);
        Ok(c)
    }
}

fn fill_id(c: &mut Claim) {
    if c.id.is_empty() {
        c.id = Claim::make_id(&c.doc, c.quantity, c.low, c.high, c.qualifier, c.start);
    }
}

/// Output formats for claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimsFormat {
    Jsonl,
    Csv,
    Parquet,
}

impl ClaimsFormat {
    /// By file ending; `None` for an unknown one.
    pub fn from_path(p: &Path) -> Option<ClaimsFormat> {
        match p.extension()?.to_str()?.to_lowercase().as_str() {
            "jsonl" | "ndjson" | "json" => Some(ClaimsFormat::Jsonl),
            "csv" => Some(ClaimsFormat::Csv),
            "parquet" | "pq" => Some(ClaimsFormat::Parquet),
            _ => None,
        }
    }
}

/// Serializes claims to bytes in a text format.
pub fn claims_to_bytes(claims: &[Claim], fmt: ClaimsFormat) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    match fmt {
        ClaimsFormat::Jsonl => {
            for c in claims {
                serde_json::to_writer(&mut out, c)
                    .map_err(|e| Error::other(format!("cannot serialize a claim: {e}")))?;
                out.push(b'\n');
            }
        }
        ClaimsFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            for c in claims {
                w.serialize(CsvClaim::from(c))
                    .map_err(|e| Error::other(format!("cannot write CSV: {e}")))?;
            }
            if claims.is_empty() {
                w.write_record(crate::claims::COLUMNS)
                    .map_err(|e| Error::other(e.to_string()))?;
            }
            w.flush().map_err(|e| Error::other(e.to_string()))?;
            drop(w);
        }
        ClaimsFormat::Parquet => {
            out = crate::table::claims_to_parquet(claims)?;
        }
    }
    Ok(out)
}

/// Reads a claims file (JSONL, CSV or Parquet, by ending or content). Bad records are skipped
/// and reported in `problems`; with `strict` the first one is an error.
pub fn read_claims(path: &Path, strict: bool, problems: &mut Vec<Problem>) -> Result<Vec<Claim>> {
    let bytes = if path.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b)
            .map_err(|e| Error::io("<stdin>", e))?;
        b
    } else {
        std::fs::read(path).map_err(|e| Error::io(path, e))?
    };
    let fmt = ClaimsFormat::from_path(path).unwrap_or_else(|| {
        if bytes.starts_with(b"PAR1") {
            ClaimsFormat::Parquet
        } else if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') {
            ClaimsFormat::Jsonl
        } else {
            ClaimsFormat::Csv
        }
    });
    parse_claims(&bytes, fmt, path, strict, problems)
}

pub fn parse_claims(
    bytes: &[u8],
    fmt: ClaimsFormat,
    path: &Path,
    strict: bool,
    problems: &mut Vec<Problem>,
) -> Result<Vec<Claim>> {
    let mut out = Vec::new();
    let bad = |line: u64, msg: String, problems: &mut Vec<Problem>| -> Result<()> {
        if strict {
            return Err(Error::input(path, Some(line), msg));
        }
        problems.push(Problem {
            path: path.to_path_buf(),
            line,
            msg,
        });
        Ok(())
    };
    match fmt {
        ClaimsFormat::Jsonl => {
            let text = String::from_utf8_lossy(bytes);
            for (i, line) in text.lines().enumerate() {
                let ln = i as u64 + 1;
                if line.trim().is_empty() {
                    continue;
                }
                match serde_json::from_str::<Claim>(line) {
                    Ok(mut c) => {
                        fill_id(&mut c);
                        match c.validate() {
                            Ok(()) => out.push(c),
                            Err(e) => bad(ln, e, problems)?,
                        }
                    }
                    Err(e) => bad(ln, format!("not a claim: {e}"), problems)?,
                }
            }
        }
        ClaimsFormat::Csv => {
            let mut rdr = csv::ReaderBuilder::new().flexible(false).from_reader(bytes);
            let headers = match rdr.headers() {
                Ok(h) => h.clone(),
                Err(e) => {
                    return Err(Error::input(
                        path,
                        Some(1),
                        format!("cannot read the CSV header: {e}"),
                    ))
                }
            };
            for need in ["doc", "quantity", "qualifier"] {
                if !headers.iter().any(|h| h == need) {
                    return Err(Error::input(
                        path,
                        Some(1),
                        format!("the CSV header has no `{need}` column"),
                    ));
                }
            }
            for (i, rec) in rdr.records().enumerate() {
                let ln = i as u64 + 2;
                let rec = match rec {
                    Ok(r) => r,
                    Err(e) => {
                        bad(ln, format!("bad CSV row: {e}"), problems)?;
                        continue;
                    }
                };
                let row: std::result::Result<CsvClaim, _> = rec.deserialize(Some(&headers));
                match row.map_err(|e| e.to_string()).and_then(Claim::try_from) {
                    Ok(c) => match c.validate() {
                        Ok(()) => out.push(c),
                        Err(e) => bad(ln, e, problems)?,
                    },
                    Err(e) => bad(ln, e, problems)?,
                }
            }
        }
        ClaimsFormat::Parquet => {
            let claims = crate::table::claims_from_parquet(bytes)
                .map_err(|e| Error::input(path, None, e))?;
            for (i, c) in claims.into_iter().enumerate() {
                match c.validate() {
                    Ok(()) => out.push(c),
                    Err(e) => bad(i as u64 + 1, format!("record {}: {e}", i + 1), problems)?,
                }
            }
        }
    }
    Ok(out)
}

/// Writes `bytes` to `path` atomically: a temporary file beside it, then a rename, so a reader
/// or an interrupted run never sees half a file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, e))?;
    tmp.write_all(bytes).map_err(|e| Error::io(path, e))?;
    tmp.as_file().sync_all().ok();
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// Writes to stdout; a closed pipe is reported as a broken-pipe error the caller treats as success.
pub fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|_| out.flush())
        .map_err(|e| Error::io("<stdout>", e))
}

/// Writes to `-o FILE` atomically, or to stdout.
pub fn emit(output: Option<&Path>, bytes: &[u8]) -> Result<()> {
    match output {
        Some(p) if p.as_os_str() != "-" => write_atomic(p, bytes),
        _ => write_stdout(bytes),
    }
}
