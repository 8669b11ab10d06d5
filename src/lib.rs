//! rangefinder: conflicting figures in news reporting → defensible estimate ranges and briefings.
//!
//! The stages, each in its own module with plain types at the edges:
//! `article` (inputs) → `extract` (claims, no I/O) → `table` (polars) → `estimate` (statrs)
//! → `report` (the one result model) → `chart` (plotters) and `export` (HTML, Markdown, JSON, CSV).

pub mod aggregate;
pub mod article;
pub mod chart;
pub mod claims;
pub mod cli;
pub mod cmd;
pub mod corpus;
pub mod dates;
pub mod error;
pub mod estimate;
pub mod example;
pub mod export;
pub mod extract;
pub mod io;
pub mod ledger;
pub mod report;
pub mod table;

/// The version every output names.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
