//! `rangefinder review`: a CSV round trip over the ledger. `--export` writes the claims as CSV;
//! the analyst sets `status` to accepted, rejected or corrected (editing fields to correct);
//! `--apply` writes the decisions back. Rejected claims stay in the ledger, marked, and are
//! left out of every range.

use crate::cmd::note;
use crate::error::{exit, Error, Result};
use crate::io::{claims_to_bytes, write_atomic, ClaimsFormat};
use crate::ledger::Ledger;
use std::path::PathBuf;

pub struct Args {
    pub ledger: PathBuf,
    pub export: Option<PathBuf>,
    pub apply: Option<PathBuf>,
    pub quiet: bool,
}

pub fn run(a: Args) -> Result<u8> {
    if !a.ledger.exists() {
        return Err(Error::input(
            &a.ledger,
            None,
            "no such ledger (create one with `rangefinder ingest … --ledger FILE`)",
        ));
    }
    let mut ledger = Ledger::open(&a.ledger)?;
    match (a.export, a.apply) {
        (Some(out), None) => {
            let bytes = claims_to_bytes(&ledger.claims, ClaimsFormat::Csv)?;
            if out.as_os_str() == "-" {
                crate::io::write_stdout(&bytes)?;
            } else {
                write_atomic(&out, &bytes)?;
            }
            note(a.quiet, format!("{} claims written for review; set `status` to accepted, rejected or corrected, then --apply", ledger.claims.len()));
        }
        (None, Some(csv)) => {
            let (acc, rej, cor) = ledger.apply_review(&csv)?;
            ledger.save()?;
            note(
                a.quiet,
                format!("review applied: {acc} accepted, {rej} rejected, {cor} corrected"),
            );
        }
        _ => return Err(Error::other("review needs --export FILE or --apply FILE")),
    }
    Ok(exit::OK)
}
