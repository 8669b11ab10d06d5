//! `rangefinder ingest`: articles → the claims ledger, extracting only documents not seen before.

use crate::article::Manifest;
use crate::cmd::note;
use crate::corpus::{self, Options};
use crate::error::{exit, Result};
use crate::extract::Topic;
use crate::ledger::Ledger;
use std::path::PathBuf;

pub struct Args {
    pub paths: Vec<PathBuf>,
    pub manifest: Option<PathBuf>,
    pub ledger: PathBuf,
    pub topic: Option<PathBuf>,
    pub strict: bool,
    pub quiet: bool,
}

pub fn run(a: Args) -> Result<u8> {
    let topic = Topic::load(a.topic.as_deref())?;
    let manifest = a.manifest.as_deref().map(Manifest::read).transpose()?;
    let mut ledger = Ledger::open(&a.ledger)?;
    let seen = ledger.seen();
    let opts = Options {
        manifest: manifest.as_ref(),
        topic: &topic,
        strict: a.strict,
        skip_hashes: Some(&seen),
        progress: None,
        sink: None,
    };
    let out = corpus::extract_paths(&a.paths, &opts)?;
    for w in &out.warnings {
        note(a.quiet, &w.0);
    }
    let new_docs = out.hashes.iter().filter(|(_, h)| !seen.contains(h)).count();
    for (doc, h) in &out.hashes {
        ledger.docs.entry(h.clone()).or_insert_with(|| doc.clone());
    }
    let added = ledger.add(out.claims);
    ledger.save()?;
    note(
        a.quiet,
        format!(
            "{} new of {} documents, {} new claims; the ledger {} holds {} claims",
            new_docs,
            out.hashes.len(),
            added,
            a.ledger.display(),
            ledger.claims.len()
        ),
    );
    Ok(exit::OK)
}
