//! `rangefinder review`
use crate::error::Result;
use std::path::PathBuf;
pub struct Args {
    pub ledger: PathBuf,
    pub export: Option<PathBuf>,
    pub apply: Option<PathBuf>,
    pub quiet: bool,
}
pub fn run(_a: Args) -> Result<u8> { Err(crate::error::Error::other("review: not built yet")) }
