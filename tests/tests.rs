//! One integration-test crate: `cargo test` runs every area's file below.

mod common;
mod extract_cases;
mod shared_scores;
