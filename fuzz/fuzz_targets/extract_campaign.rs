//! Extractor: arbitrary text → `extract::extract` with the built-in topic, and the invariants
//! every extracted claim must satisfy.
//!
//! Input layout: byte 0 picks the language, the publication date and the reader; the rest is
//! the document (decoded lossily, as the CLI does).
//! - bits 0-1: lang "" (auto-detected), "de", "en", "en"
//! - bits 2-4: published date (all of them valid, as every reader validates it)
//! - bit 5:    0 = an `Article` built directly from the text (offsets into the text);
//!             1 = the text read as a Markdown file with `article::from_bytes` (front matter is
//!             split off, so offsets are into the whole decoded document, via `base_offset`)
#![no_main]

use libfuzzer_sys::fuzz_target;
use rangefinder_fuzz::article::{self, Article};
use rangefinder_fuzz::extract::{self, Topic};
use std::sync::OnceLock;
use std::sync::Once;
use std::sync::atomic::{AtomicU64, Ordering};

// CAMPAIGN ONLY (not committed): known, reported bugs are tolerated so the fuzzer explores past them.
const KNOWN_PANICS: &[(&str, u32)] = &[("extract/mod.rs", 486)];
const KNOWN_INVALID: &[&str] = &["is out of range"];
static TOLERATED: AtomicU64 = AtomicU64::new(0);
static HOOK: Once = Once::new();
fn known_invalid(e: &str) -> bool { KNOWN_INVALID.iter().any(|k| e.contains(k)) }


static TOPIC: OnceLock<Topic> = OnceLock::new();

const DATES: [Option<&str>; 8] = [
    None,
    Some("2024-10-24"),
    Some("2024-10"),
    Some("2025"),
    Some("2024-02-29"),
    Some("2025-01-01"),
    Some("1900-01-01"),
    Some("2200-12-31"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&sel, body)) = data.split_first() else { return };
    let topic = TOPIC.get_or_init(Topic::builtin);
    let lang = ["", "de", "en", "en"][(sel & 3) as usize];
    let published = DATES[((sel >> 2) & 7) as usize].map(str::to_string);

    // `doc` is the text the offsets of the claims point into.
    let (article, doc) = if sel & 0x20 == 0 {
        let text = String::from_utf8_lossy(body).into_owned();
        let mut a = Article { doc: "fuzz.txt".into(), lang: lang.into(), published, text: text.clone(), ..Default::default() };
        article::infer_missing(&mut a);
        (a, text)
    } else {
        let mut warnings = Vec::new();
        let Some(mut a) = article::from_bytes(body.to_vec(), "fuzz.md".into(), "fuzz.md", "md", None, &mut warnings) else { return };
        if !lang.is_empty() {
            a.lang = lang.into();
        }
        if published.is_some() {
            a.published = published;
        }
        let raw = String::from_utf8_lossy(body).into_owned();
        assert!(a.base_offset <= raw.len(), "base_offset {} past the document ({} bytes)", a.base_offset, raw.len());
        assert_eq!(&raw[a.base_offset..], a.text, "the text is not the document's tail at base_offset");
        (a, raw)
    };

    HOOK.call_once(|| {
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if let Some(l) = info.location() {
                if KNOWN_PANICS.iter().any(|(f, ln)| l.file().ends_with(f) && l.line() == *ln) {
                    let n = TOLERATED.fetch_add(1, Ordering::Relaxed);
                    if n.is_power_of_two() { eprintln!("[campaign] tolerated known panic #{n} at {l}"); }
                    return;
                }
            }
            prev(info)
        }));
    });
    let Ok(claims) = std::panic::catch_unwind(|| extract::extract(&article, topic)) else { return };
    for c in &claims {
        assert!(c.start < c.end, "empty span {}..{} in {c:?}", c.start, c.end);
        assert!(c.end <= doc.len(), "span {}..{} past the text ({} bytes): {c:?}", c.start, c.end, doc.len());
        assert!(doc.is_char_boundary(c.start) && doc.is_char_boundary(c.end), "span {}..{} not on char boundaries: {c:?}", c.start, c.end);
        if let Err(e) = c.validate().map_err(|e| if known_invalid(&e) { String::new() } else { e }).or_else(|e| if e.is_empty() { Ok(()) } else { Err(e) }) {
            panic!("extracted claim fails validate(): {e}: {c:?}");
        }
        assert!(!c.quote.is_empty(), "empty quote: {c:?}");
    }
});
