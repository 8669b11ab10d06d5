//! Manifest and article readers: arbitrary bytes → `Manifest::parse`, and `article::from_bytes`
//! as an HTML file and as a Markdown file (front matter, HTML to text, inference). Must never
//! panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rangefinder_fuzz::article::{self, Manifest};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let manifest = Manifest::parse(data, Path::new("m.csv")).ok();
    let row = manifest.as_ref().and_then(|m| m.lookup(Path::new("a.md")));
    for (ext, row) in [("html", None), ("md", None), ("md", row)] {
        let mut warnings = Vec::new();
        let Some(a) = article::from_bytes(data.to_vec(), "a.md".into(), "a.md", ext, row, &mut warnings) else { continue };
        let raw = String::from_utf8_lossy(data);
        assert!(a.base_offset <= raw.len(), "base_offset {} past the document ({} bytes)", a.base_offset, raw.len());
        if a.base_offset > 0 {
            assert_eq!(&raw[a.base_offset..], a.text, "the text is not the document's tail at base_offset");
        }
        if let Some(p) = &a.published {
            assert!(rangefinder_fuzz::dates::PartialDate::parse(p).is_ok(), "published {p:?} is not a valid date");
        }
    }
});
