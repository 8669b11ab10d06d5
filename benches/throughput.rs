//! Extraction throughput on ≥ 100 MB of German and English news text built from the project's
//! own fixtures (the built-in example articles and the test articles), with numbers varied by a
//! seeded generator. Reports MB/s on one thread and on all cores, and peak RSS.
//!
//! `cargo bench --bench throughput` (RF_BENCH_MB sets the corpus size, RF_BENCH_REPS the
//! number of timed runs). The claims' fingerprint must not change when only speed is meant to.

use rangefinder::article::Article;
use rangefinder::extract::{extract, Topic};
use rayon::prelude::*;
use std::time::Instant;

struct SplitMix(u64);
impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E3779B97F4A7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB);
        z ^ (z >> 31)
    }
}

/// CPU seconds (user + system) this process has used: on a shared VM, where other guests
/// take the host's cores for a while, a more stable measure of the work than the wall clock.
fn cpu_secs() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // the fields after the command name, which is in parentheses
            let rest = s.rsplit_once(')')?.1;
            let f: Vec<&str> = rest.split_whitespace().collect();
            let ticks = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
            Some(ticks / 100.0)
        })
        .unwrap_or(0.0)
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Varies every run of digits so the corpus is not one text repeated.
fn vary(text: &str, rng: &mut SplitMix) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() && rng.next() % 3 == 0 {
            out.push(char::from(b'1' + (rng.next() % 9) as u8));
        } else {
            out.push(c);
        }
    }
    out
}

/// (language, body) of every `.txt` and `.md` article in `dir`, in name order.
fn read_articles(dir: &std::path::Path) -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let t = std::fs::read_to_string(path).unwrap();
            let (_, body) = rangefinder::article::split_front_matter(&t);
            (
                rangefinder::article::detect_lang(body).to_string(),
                body.to_string(),
            )
        })
        .collect()
}

fn main() {
    let target_mb: usize = std::env::var("RF_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    // RF_BENCH_SOURCES=DIR builds the corpus from the articles in DIR instead (read at run
    // time, e.g. the real news articles in ../shared/seeds), to measure on ordinary news prose
    let from_dir = std::env::var_os("RF_BENCH_SOURCES");
    let mut sources: Vec<(String, String)> = if from_dir.is_some() {
        Vec::new()
    } else {
        rangefinder::example::articles()
            .into_iter()
            .map(|a| (a.lang, a.text))
            .collect()
    };
    let fixtures = from_dir.map_or_else(
        || concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/briefing").into(),
        std::path::PathBuf::from,
    );
    sources.extend(read_articles(&fixtures));
    // RF_BENCH_ONTOPIC=P: a news feed, where P % of the documents are the on-topic articles
    // above and the rest the everyday news of tests/fixtures/offtopic (sport, weather,
    // accidents, the war without North Korea, North Korea without its soldiers)
    let on_topic_pct: Option<u64> = std::env::var("RF_BENCH_ONTOPIC")
        .ok()
        .and_then(|v| v.parse().ok());
    let off_topic: Vec<(String, String)> = if on_topic_pct.is_some() {
        read_articles(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/offtopic").as_ref())
    } else {
        Vec::new()
    };
    let mut rng = SplitMix(42);
    let mut docs: Vec<Article> = Vec::new();
    let mut bytes = 0usize;
    let t0 = Instant::now();
    while bytes < target_mb << 20 {
        let pool = match on_topic_pct {
            Some(p) if rng.next() % 100 >= p => &off_topic,
            _ => &sources,
        };
        let (lang, text) = &pool[(rng.next() % pool.len() as u64) as usize];
        let text = vary(text, &mut rng);
        bytes += text.len();
        docs.push(Article {
            doc: format!("d{}", docs.len()),
            lang: lang.clone(),
            published: Some("2025-01-14".into()),
            text,
            ..Default::default()
        });
    }
    let mb = bytes as f64 / (1 << 20) as f64;
    println!(
        "corpus: {} documents, {:.1} MB (built in {:.2} s)",
        docs.len(),
        mb,
        t0.elapsed().as_secs_f64()
    );
    let topic = Topic::builtin();
    // a fingerprint of every claim read, so that a faster build can be checked to read the same
    let digest = |claims: &[rangefinder::claims::Claim]| -> u64 {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for c in claims {
            use std::hash::Hash;
            (
                &c.claimant,
                &c.via,
                c.quantity,
                c.low.map(f64::to_bits),
                c.high.map(f64::to_bits),
                c.qualifier,
            )
                .hash(&mut h);
            (
                c.projection,
                c.increment,
                c.scope,
                &c.ref_date,
                c.start,
                c.end,
                c.mentions,
                &c.quote,
            )
                .hash(&mut h);
        }
        std::hash::Hasher::finish(&h)
    };
    let reps: usize = std::env::var("RF_BENCH_REPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
        .max(1);
    // RF_BENCH_ONE=1: one thread only (for instruction counts under callgrind)
    let all = std::thread::available_parallelism().map_or(2, |n| n.get());
    let counts: &[usize] = if std::env::var_os("RF_BENCH_ONE").is_some() {
        &[1]
    } else {
        &[1, all]
    };
    for &threads in counts {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let mut times = Vec::new();
        let mut cpu = Vec::new();
        let (mut n, mut fp) = (0, 0);
        for _ in 0..reps {
            let (t, c0) = (Instant::now(), cpu_secs());
            let per_doc: Vec<(usize, u64)> = pool.install(|| {
                docs.par_iter()
                    .map(|a| extract(a, &topic))
                    .map(|c| (c.len(), digest(&c)))
                    .collect()
            });
            times.push(t.elapsed().as_secs_f64());
            cpu.push(cpu_secs() - c0);
            n = per_doc.iter().map(|p| p.0).sum();
            fp = per_doc.iter().fold(0u64, |acc, p| acc.rotate_left(5) ^ p.1);
        }
        times.sort_by(f64::total_cmp);
        cpu.sort_by(f64::total_cmp);
        let (best, median) = (times[0], times[times.len() / 2]);
        println!("extract on {threads} thread(s): {n} claims (fingerprint {fp:016x}) in {median:.2} s = {:.1} MB/s (median of {reps}; best {:.1} MB/s); {:.1} MB per CPU-second (median)", mb / median, mb / best, mb / cpu[cpu.len() / 2]);
    }
    // RF_BENCH_DUMP=FILE writes every claim (one JSON line each) to compare two builds
    if let Some(path) = std::env::var_os("RF_BENCH_DUMP") {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
        for d in &docs {
            for c in extract(d, &topic) {
                writeln!(f, "{}", serde_json::to_string(&c).unwrap()).unwrap();
            }
        }
    }
    if std::env::var_os("RF_BENCH_STAGES").is_some() {
        stages(&docs, &topic, mb);
    }
    println!("peak RSS: {:.0} MB", peak_rss_mb());
}

/// Where the time goes: each stage of the sentence-level work alone over the whole corpus, on
/// one thread (RF_BENCH_STAGES=1). Figures and claims are not read here, so the remainder of
/// the full run is the per-figure grammar.
fn stages(docs: &[Article], topic: &Topic, mb: f64) {
    use rangefinder::extract::{fold, numbers, sentences};
    let time = |name: &str, f: &mut dyn FnMut() -> usize| {
        let t = Instant::now();
        let n = f();
        let s = t.elapsed().as_secs_f64();
        println!("  stage {name:<28} {s:>6.2} s  {:>7.1} MB/s  ({n})", mb / s);
    };
    let folded: Vec<String> = docs.iter().map(|d| fold::fold(&d.text)).collect();
    let sents: Vec<Vec<sentences::Sentence>> =
        docs.iter().map(|d| sentences::split(&d.text)).collect();
    let each_sentence = |f: &dyn Fn(&str) -> usize| -> usize {
        folded
            .iter()
            .zip(&sents)
            .map(|(t, ss)| ss.iter().map(|s| f(&t[s.start..s.end])).sum::<usize>())
            .sum()
    };
    time("fold", &mut || {
        docs.iter().map(|d| fold::fold(&d.text).len()).sum()
    });
    time("sentences::split", &mut || {
        docs.iter().map(|d| sentences::split(&d.text).len()).sum()
    });
    time("subject markers (document)", &mut || {
        folded.iter().filter(|t| topic.markers.is_match(t)).count()
    });
    time("may_have_figures", &mut || {
        each_sentence(&|s| numbers::may_have_figures(s) as usize)
    });
    time("triggers.is_match", &mut || {
        each_sentence(&|s| topic.triggers.is_match(s) as usize)
    });
    time("personnel.is_match", &mut || {
        each_sentence(&|s| topic.personnel.is_match(s) as usize)
    });
    time("find_figures", &mut || {
        each_sentence(&|s| numbers::find_figures(s, "de").len())
    });
    time("claimant_mentions", &mut || {
        each_sentence(&|s| topic.claimant_mentions(s).len())
    });
}
