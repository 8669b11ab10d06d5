//! `rangefinder ingest`
use crate::error::Result;
use std::path::PathBuf;
pub struct Args {
    pub paths: Vec<PathBuf>,
    pub manifest: Option<PathBuf>,
    pub ledger: PathBuf,
    pub topic: Option<PathBuf>,
    pub strict: bool,
    pub quiet: bool,
}
pub fn run(_a: Args) -> Result<u8> { Err(crate::error::Error::other("ingest: not built yet")) }
