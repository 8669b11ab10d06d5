//! One integration-test crate: `cargo test` runs every area's file below.

mod aggregate_props;
mod cli;
mod common;
mod extract_cases;
mod real_data;
mod report;
mod shared_scores;
mod workflows;
