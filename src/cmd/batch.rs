//! `rangefinder batch`
use crate::error::Result;
use std::path::PathBuf;
pub struct Args {
    pub file: PathBuf,
    pub force: bool,
    pub quiet: bool,
}
pub fn run(_a: Args) -> Result<u8> { Err(crate::error::Error::other("batch: not built yet")) }
