//! Runs extraction over inputs: files, folders, JSONL article files and stdin. Documents are
//! streamed in batches and extracted in parallel (rayon); a huge text file is read in chunks
//! cut at paragraph breaks, so memory stays bounded whatever the input size.

use crate::article::{self, Article, Manifest, Warning};
use crate::claims::Claim;
use crate::error::{Error, Result};
use crate::extract::{self, Topic};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// Documents larger than this are read in chunks.
pub const CHUNK: usize = 8 << 20;
/// Documents extracted in parallel per batch.
const BATCH: usize = 256;

/// What an extraction run produced.
#[derive(Debug, Default)]
pub struct Extracted {
    /// The claims, unless a sink took them as they came.
    pub claims: Vec<Claim>,
    /// How many claims were extracted (also when a sink took them).
    pub n_claims: usize,
    pub warnings: Vec<Warning>,
    pub documents: usize,
    pub bytes: u64,
    /// (doc, sha256 of its text) for every document read, in order.
    pub hashes: Vec<(String, String)>,
}

/// Options for one run.
pub struct Options<'a> {
    pub manifest: Option<&'a Manifest>,
    pub topic: &'a Topic,
    pub strict: bool,
    /// Skip documents whose hash is in this set (ledger ingest).
    pub skip_hashes: Option<&'a std::collections::BTreeSet<String>>,
    /// Called with bytes done after each batch (progress bars).
    pub progress: Option<&'a (dyn Fn(u64) + Sync)>,
    /// Takes each batch's claims as they come (streaming output), instead of collecting them.
    pub sink: Option<std::cell::RefCell<&'a mut dyn FnMut(&[Claim]) -> Result<()>>>,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// Extracts claims from every document the paths name.
pub fn extract_paths(paths: &[PathBuf], opts: &Options) -> Result<Extracted> {
    let mut out = Extracted::default();
    let inputs = article::list_inputs(paths)?;
    let mut batch: Vec<Article> = Vec::new();
    for (path, doc) in inputs {
        let is_jsonl = path
            .extension()
            .is_some_and(|e| e == "jsonl" || e == "ndjson");
        if path.as_os_str() == "-" {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| Error::io("<stdin>", e))?;
            if buf.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') {
                read_jsonl(
                    BufReader::new(&buf[..]),
                    Path::new("<stdin>"),
                    opts,
                    &mut out,
                    &mut batch,
                )?;
            } else {
                let mut w = Vec::new();
                if let Some(a) =
                    article::from_bytes(buf, "stdin".into(), "<stdin>", "txt", None, &mut w)
                {
                    push(a, opts, &mut out, &mut batch)?;
                }
                take_warnings(w, opts, &mut out)?;
            }
            continue;
        }
        if is_jsonl {
            let f = std::fs::File::open(&path).map_err(|e| Error::io(&path, e))?;
            read_jsonl(BufReader::new(f), &path, opts, &mut out, &mut batch)?;
            continue;
        }
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let meta = opts.manifest.and_then(|m| m.lookup(&path));
        let size = std::fs::metadata(&path)
            .map_err(|e| Error::io(&path, e))?
            .len();
        let origin = path.display().to_string();
        if size as usize > CHUNK && !matches!(ext.as_str(), "html" | "htm") {
            read_chunked(&path, &doc, meta, opts, &mut out, &mut batch)?;
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            take_warnings(
                vec![Warning(format!("{origin}: empty file"))],
                opts,
                &mut out,
            )?;
            continue;
        }
        let mut w = Vec::new();
        if let Some(a) = article::from_bytes(bytes, doc, &origin, &ext, meta, &mut w) {
            push(a, opts, &mut out, &mut batch)?;
        }
        take_warnings(w, opts, &mut out)?;
    }
    flush(opts, &mut out, &mut batch)?;
    Ok(out)
}

fn take_warnings(w: Vec<Warning>, opts: &Options, out: &mut Extracted) -> Result<()> {
    if opts.strict {
        if let Some(first) = w.into_iter().next() {
            return Err(Error::other(format!("{} (--strict)", first.0)));
        }
        return Ok(());
    }
    out.warnings.extend(w);
    Ok(())
}

fn push(a: Article, opts: &Options, out: &mut Extracted, batch: &mut Vec<Article>) -> Result<()> {
    let h = sha256_hex(a.text.as_bytes());
    out.documents += 1;
    out.bytes += a.text.len() as u64;
    let skip = opts.skip_hashes.is_some_and(|s| s.contains(&h));
    if a.base_offset == 0 || !out.hashes.last().is_some_and(|(d, _)| *d == a.doc) {
        out.hashes.push((a.doc.clone(), h));
    }
    if !skip {
        batch.push(a);
    }
    if batch.len() >= BATCH {
        flush(opts, out, batch)?;
    }
    Ok(())
}

fn flush(opts: &Options, out: &mut Extracted, batch: &mut Vec<Article>) -> Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let results: Vec<Vec<Claim>> = batch
        .par_iter()
        .map(|a| extract::extract(a, opts.topic))
        .collect();
    batch.clear();
    for r in results {
        out.n_claims += r.len();
        match &opts.sink {
            Some(sink) => (sink.borrow_mut())(&r)?,
            None => out.claims.extend(r),
        }
    }
    if let Some(p) = opts.progress {
        p(out.bytes);
    }
    Ok(())
}

fn read_jsonl<R: BufRead>(
    r: R,
    path: &Path,
    opts: &Options,
    out: &mut Extracted,
    batch: &mut Vec<Article>,
) -> Result<()> {
    let origin = path.display().to_string();
    for (i, line) in r.split(b'\n').enumerate() {
        let line = line.map_err(|e| Error::io(path, e))?;
        let ln = i as u64 + 1;
        let text = String::from_utf8_lossy(&line);
        if text.trim().is_empty() {
            continue;
        }
        match article::from_json_record(&text, &format!("{origin}:{ln}")) {
            Ok(a) => push(a, opts, out, batch)?,
            Err(e) if opts.strict => return Err(Error::input(path, Some(ln), e)),
            Err(e) => out
                .warnings
                .push(Warning(format!("{origin}:{ln}: {e}; record skipped"))),
        }
    }
    Ok(())
}

/// A huge text file: chunks cut at blank lines, each extracted with its offset in the file.
fn read_chunked(
    path: &Path,
    doc: &str,
    meta: Option<&article::ManifestRow>,
    opts: &Options,
    out: &mut Extracted,
    batch: &mut Vec<Article>,
) -> Result<()> {
    let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut r = BufReader::with_capacity(1 << 20, f);
    let origin = path.display().to_string();
    let mut offset = 0usize;
    let mut buf: Vec<u8> = Vec::with_capacity(CHUNK + (1 << 16));
    let mut first = true;
    let mut hasher = Sha256::new();
    loop {
        let mut line = Vec::new();
        let n = r
            .read_until(b'\n', &mut line)
            .map_err(|e| Error::io(path, e))?;
        let eof = n == 0;
        let blank = line.iter().all(|b| b.is_ascii_whitespace());
        buf.extend_from_slice(&line);
        if eof || (buf.len() >= CHUNK && blank) || buf.len() >= 4 * CHUNK {
            if first && buf.iter().take(8192).any(|&b| b == 0) {
                return take_warnings(
                    vec![Warning(format!(
                        "{origin}: skipped: binary file (NUL bytes)"
                    ))],
                    opts,
                    out,
                );
            }
            hasher.update(&buf);
            let len = buf.len();
            let mut w = Vec::new();
            let text =
                article::decode(std::mem::take(&mut buf), &origin, &mut w).unwrap_or_default();
            take_warnings(w, opts, out)?;
            let mut a = Article {
                doc: doc.to_string(),
                origin: origin.clone(),
                text,
                base_offset: offset,
                ..Default::default()
            };
            if let Some(m) = meta {
                a.url = m.url.clone();
                a.publisher = m.publisher.clone();
                a.published = m.published.clone();
                a.lang = m.lang.clone().unwrap_or_default();
            }
            article::infer_missing(&mut a);
            out.documents += usize::from(first);
            out.bytes += len as u64;
            batch.push(a);
            if batch.len() >= 2 {
                flush(opts, out, batch)?;
            }
            offset += len;
            first = false;
            buf = Vec::with_capacity(CHUNK + (1 << 16));
        }
        if eof {
            break;
        }
    }
    let d = hasher.finalize();
    out.hashes.push((
        doc.to_string(),
        d.iter().map(|b| format!("{b:02x}")).collect(),
    ));
    Ok(())
}
