//! `rangefinder compare`
use crate::cmd::EstimateOpts;
use crate::error::Result;
use std::path::PathBuf;
#[derive(Debug, Clone, Copy)]
pub enum Format { Table, Json, Markdown }
pub struct Args {
    pub inputs: Vec<PathBuf>,
    pub groups: Option<String>,
    pub dates: Option<String>,
    pub runs: bool,
    pub est: EstimateOpts,
    pub format: Format,
    pub output: Option<PathBuf>,
}
pub fn run(_a: Args) -> Result<u8> { Err(crate::error::Error::other("compare: not built yet")) }
