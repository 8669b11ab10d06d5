//! The polars-free part of rangefinder, compiled into the fuzz harness.
//!
//! The fuzz crate must not depend on the `rangefinder` crate: that crate depends on polars,
//! which takes a very long time to build with the coverage (and sanitizer) instrumentation
//! cargo-fuzz adds. Instead the source files that the extractor, the article readers, the
//! manifest reader and the claims readers need are included here verbatim with `#[path]`, so
//! the fuzzers always test the code in ../src as it is, with no copy to keep in step.
//!
//! Every `crate::…` path those files use resolves here:
//! - `crate::claims`, `crate::dates`, `crate::error`, `crate::article`, `crate::extract`
//!   (with its children `numbers`, `sentences`, `topic`, found next to `extract/mod.rs`
//!   because a `#[path]` to a file named `mod.rs` resolves child modules in that file's
//!   directory) and `crate::io` are the project's own files;
//! - `crate::table` (polars) is replaced by the stub below;
//! - `crate::VERSION` is not used by any included file; it is declared anyway so that a
//!   later use of it in one of them still compiles.
//!
//! If one of the included files starts to use another module of the project (`crate::foo`),
//! the fuzz build fails with "unresolved import": include that file here too if it is
//! polars-free, or stub the items used, as for `table`.

#[path = "../../src/error.rs"]
pub mod error;

#[path = "../../src/dates.rs"]
pub mod dates;

#[path = "../../src/claims.rs"]
pub mod claims;

#[path = "../../src/article.rs"]
pub mod article;

#[path = "../../src/extract/mod.rs"]
pub mod extract;

#[path = "../../src/io.rs"]
pub mod io;

/// The version every output names (same definition as in src/lib.rs).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Stand-in for the project's `table` module (src/table/), which is built on polars.
///
/// `io.rs` calls `table::claims_to_parquet` (writing a Parquet claims file) and
/// `table::claims_from_parquet` (reading one). Building polars into the fuzz harness would
/// make every fuzz build take a very long time, and Parquet is not a format these fuzzers
/// feed (they fuzz JSONL and CSV claims); so both functions only return an error. The
/// signatures are the same as in src/table/mod.rs, so io.rs compiles unchanged.
pub mod table {
    use crate::claims::Claim;

    const NOT_BUILT: &str = "parquet is not built into the fuzz harness";

    pub fn claims_to_parquet(_claims: &[Claim]) -> crate::error::Result<Vec<u8>> {
        Err(crate::error::Error::other(NOT_BUILT))
    }

    pub fn claims_from_parquet(_bytes: &[u8]) -> Result<Vec<Claim>, String> {
        Err(NOT_BUILT.to_string())
    }
}
