//! `rangefinder extract`: articles → claims (JSONL or CSV).

use crate::article::Manifest;
use crate::claims::Claim;
use crate::cmd::{note, progress};
use crate::corpus::{self, Options};
use crate::error::Error;
use crate::error::{exit, Result};
use crate::extract::Topic;
use crate::io::{claims_to_bytes, ClaimsFormat};
use std::io::Write;
use std::path::PathBuf;

pub struct Args {
    pub paths: Vec<PathBuf>,
    pub manifest: Option<PathBuf>,
    pub csv: bool,
    pub output: Option<PathBuf>,
    pub topic: Option<PathBuf>,
    pub strict: bool,
    pub quiet: bool,
}

pub fn run(a: Args) -> Result<u8> {
    let topic = Topic::load(a.topic.as_deref())?;
    let manifest = a.manifest.as_deref().map(Manifest::read).transpose()?;
    let total: u64 = a
        .paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum();
    let pb = progress(a.quiet, total);
    let tick = |done: u64| {
        if let Some(pb) = &pb {
            pb.set_position(done);
        }
    };
    // claims are written as they come, so memory stays bounded whatever the input size
    let mut writer = ClaimWriter::new(a.output.as_deref(), a.csv)?;
    let mut write = |claims: &[crate::claims::Claim]| writer.write(claims);
    let opts = Options {
        manifest: manifest.as_ref(),
        topic: &topic,
        strict: a.strict,
        skip_hashes: None,
        progress: Some(&tick),
        sink: Some(std::cell::RefCell::new(&mut write)),
    };
    let out = corpus::extract_paths(&a.paths, &opts)?;
    drop(opts);
    if let Some(pb) = pb {
        pb.finish_and_clear();
    }
    for w in &out.warnings {
        note(a.quiet, &w.0);
    }
    writer.finish()?;
    note(
        a.quiet,
        format!("{} claims from {} documents", out.n_claims, out.documents),
    );
    Ok(exit::OK)
}

/// Streams claims to stdout, or to a temporary file that replaces `-o FILE` only when the run
/// succeeds (an interrupted run leaves the old file as it was).
struct ClaimWriter {
    out: Box<dyn Write>,
    tmp: Option<(tempfile::TempPath, PathBuf)>,
    csv: bool,
    header_done: bool,
}

impl ClaimWriter {
    fn new(output: Option<&std::path::Path>, csv: bool) -> Result<ClaimWriter> {
        let (out, tmp): (Box<dyn Write>, _) = match output.filter(|p| p.as_os_str() != "-") {
            Some(p) => {
                let dir = p
                    .parent()
                    .filter(|d| !d.as_os_str().is_empty())
                    .unwrap_or(std::path::Path::new("."));
                std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
                let f = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, e))?;
                let (file, path) = f.into_parts();
                (
                    Box::new(std::io::BufWriter::new(file)),
                    Some((path, p.to_path_buf())),
                )
            }
            None => (Box::new(std::io::BufWriter::new(std::io::stdout())), None),
        };
        Ok(ClaimWriter {
            out,
            tmp,
            csv,
            header_done: false,
        })
    }

    fn target(&self) -> PathBuf {
        self.tmp
            .as_ref()
            .map_or_else(|| PathBuf::from("<stdout>"), |t| t.1.clone())
    }

    fn write(&mut self, claims: &[Claim]) -> Result<()> {
        if claims.is_empty() && self.header_done {
            return Ok(());
        }
        let mut bytes = claims_to_bytes(
            claims,
            if self.csv {
                ClaimsFormat::Csv
            } else {
                ClaimsFormat::Jsonl
            },
        )?;
        if self.csv && self.header_done {
            // every batch starts with the header: keep it once
            let cut = bytes
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |i| i + 1);
            bytes.drain(..cut);
        }
        self.header_done = true;
        self.out
            .write_all(&bytes)
            .map_err(|e| Error::io(self.target(), e))
    }

    fn finish(mut self) -> Result<()> {
        if !self.header_done && self.csv {
            self.write(&[])?;
        }
        self.out.flush().map_err(|e| Error::io(self.target(), e))?;
        drop(self.out);
        if let Some((tmp, path)) = self.tmp {
            tmp.persist(&path).map_err(|e| Error::io(&path, e.error))?;
        }
        Ok(())
    }
}
