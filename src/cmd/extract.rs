//! `rangefinder extract`: articles → claims (JSONL or CSV).

use crate::article::Manifest;
use crate::cmd::{note, progress};
use crate::corpus::{self, Options};
use crate::error::{exit, Result};
use crate::extract::Topic;
use crate::io::{claims_to_bytes, emit, ClaimsFormat};
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
    let total: u64 = a.paths.iter().filter_map(|p| std::fs::metadata(p).ok()).filter(|m| m.is_file()).map(|m| m.len()).sum();
    let pb = progress(a.quiet, total);
    let tick = |done: u64| {
        if let Some(pb) = &pb {
            pb.set_position(done);
        }
    };
    let opts = Options { manifest: manifest.as_ref(), topic: &topic, strict: a.strict, skip_hashes: None, progress: Some(&tick) };
    let out = corpus::extract_paths(&a.paths, &opts)?;
    if let Some(pb) = pb {
        pb.finish_and_clear();
    }
    for w in &out.warnings {
        note(a.quiet, &w.0);
    }
    let fmt = if a.csv { ClaimsFormat::Csv } else { ClaimsFormat::Jsonl };
    emit(a.output.as_deref(), &claims_to_bytes(&out.claims, fmt)?)?;
    note(a.quiet, format!("{} claims from {} documents", out.claims.len(), out.documents));
    Ok(exit::OK)
}
