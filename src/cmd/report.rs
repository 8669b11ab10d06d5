//! `rangefinder report`
use crate::cmd::EstimateOpts;
use crate::error::Result;
use std::path::PathBuf;
pub struct Args {
    pub inputs: Vec<PathBuf>,
    pub manifest: Option<PathBuf>,
    pub output: Option<PathBuf>,
    pub name: Option<String>,
    pub now: Option<chrono::NaiveDate>,
    pub est: EstimateOpts,
    pub templates: Option<PathBuf>,
    pub previous: Option<PathBuf>,
    pub force: bool,
    pub topic: Option<PathBuf>,
    pub strict: bool,
    pub quiet: bool,
}
pub fn run(_a: Args) -> Result<u8> { Err(crate::error::Error::other("report: not built yet")) }
