//! Claims readers: arbitrary bytes → `io::parse_claims` as JSONL and as CSV (not strict: bad
//! records are skipped and reported). Must never panic. What is read must pass `validate()`,
//! and must survive being written in the other text format and read back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rangefinder_fuzz::io::{claims_to_bytes, parse_claims, ClaimsFormat};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    for (fmt, path, other, other_path) in [
        (ClaimsFormat::Jsonl, "claims.jsonl", ClaimsFormat::Csv, "again.csv"),
        (ClaimsFormat::Csv, "claims.csv", ClaimsFormat::Jsonl, "again.jsonl"),
    ] {
        let mut problems = Vec::new();
        let Ok(claims) = parse_claims(data, fmt, Path::new(path), false, &mut problems) else { continue };
        for c in &claims {
            if let Err(e) = c.validate() {
                panic!("{fmt:?} reader returned an invalid claim: {e}: {c:?}");
            }
        }
        if claims.is_empty() {
            continue;
        }
        // Written in the other format and read back, every claim is still there.
        let bytes = claims_to_bytes(&claims, other).expect("claims serialize");
        let mut problems2 = Vec::new();
        let again = parse_claims(&bytes, other, Path::new(other_path), false, &mut problems2).expect("written claims read back");
        assert!(
            problems2.is_empty() && again.len() == claims.len(),
            "{fmt:?} → {other:?} round trip: {} claims became {}, problems {:?}\nwritten: {:?}",
            claims.len(),
            again.len(),
            problems2.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
            String::from_utf8_lossy(&bytes)
        );
    }
});
