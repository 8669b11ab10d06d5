//! Aggregation at scale: 10,000,000 claims resampled (with replacement, seeded) from the real
//! UA MoD personnel and Oryx rows in `../shared/data`, each given a random outlet so that the
//! echoes collapse. Times building the claims, then `aggregate::aggregate` with a monthly series
//! and the default rule, and prints the number of estimates and the peak RSS (VmHWM).
//!
//! `cargo bench --bench aggregate`. Environment knobs:
//! - `BENCH_CLAIMS` (default 10000000): how many claims to resample;
//! - `BENCH_STAGES` (default 1): first time the independence collapse (`table::collapse_frame`)
//!   alone, to show where the time goes; `0` skips that;
//! - `BENCH_PARQUET` (default 1): then time the command-line path on a claims Parquet file of
//!   the same claims (`0` skips it);
//! - `BENCH_RSS_CAP_GB` (default 12) and `BENCH_TIME_CAP_S` (default 900): a watchdog stops
//!   the run (and says in which stage) rather than let it take the machine's memory or hours.
//!
//! Target: aggregate <= 5 s and peak RSS <= 4 GB on 2 cores.

use rangefinder::aggregate::Options;
use rangefinder::claims::{Claim, Qualifier, Quantity, Scope, Status};

use rangefinder::estimate::{Every, Profile, DEFAULT_RULE};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The stage the watchdog reports when it stops the run.
static STAGE: Mutex<&'static str> = Mutex::new("start");
static PEAK_SEEN_KB: AtomicUsize = AtomicUsize::new(0);

fn stage(s: &'static str) {
    *STAGE.lock().unwrap() = s;
}

/// splitmix64: a small, good, seeded generator.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A field of /proc/self/status in kB (VmRSS, VmHWM).
fn status_kb(field: &str) -> usize {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn gb(kb: usize) -> f64 {
    kb as f64 / 1024.0 / 1024.0
}

/// Resets VmHWM to the current RSS (Linux: "5" to clear_refs), so a stage's own peak shows.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn env_num<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn source_claim(
    claimant: &str,
    quantity: Quantity,
    qualifier: Qualifier,
    v: f64,
    date: &str,
) -> Claim {
    let high = if qualifier.is_lower_bound() {
        None
    } else {
        Some(v)
    };
    Claim {
        id: String::new(),
        doc: String::new(),
        url: None,
        publisher: None,
        published: Some(date.to_string()),
        lang: String::new(),
        quantity,
        low: Some(v),
        best: None,
        high,
        qualifier,
        projection: false,
        increment: false,
        scope: Scope::Total,
        claimant: claimant.to_string(),
        via: Vec::new(),
        ref_date: None,
        quote: String::new(),
        start: 0,
        end: 0,
        confidence: 1.0,
        mentions: 1,
        status: Status::Extracted,
    }
}

/// The real claims: UA personnel (casualties; "about" → approx, "more" → more_than) and POW
/// (captured), and every Oryx `type_total` row. The claims schema has only troop quantities,
/// so Oryx's Russian losses stand in as `killed` and its Ukrainian losses as `wounded`; each
/// (country, equipment type) is its own claimant ("Oryx Russia Tanks"), so that each claimant
/// has one cumulative series, and the profile makes them as reliable as Oryx.
fn source_claims(data: &Path, profile: &mut Profile) -> Vec<Claim> {
    let mut out = Vec::new();
    let p: serde_json::Value = serde_json::from_slice(
        &std::fs::read(data.join("ukr-mod-losses/russia_losses_personnel.json")).unwrap(),
    )
    .unwrap();
    for r in p.as_array().unwrap() {
        let date = r["date"].as_str().unwrap();
        let q = if r["personnel*"].as_str() == Some("more") {
            Qualifier::MoreThan
        } else {
            Qualifier::Approx
        };
        out.push(source_claim(
            "Ukrainian General Staff",
            Quantity::Casualties,
            q,
            r["personnel"].as_f64().unwrap(),
            date,
        ));
        if let Some(pow) = r.get("POW").and_then(|v| v.as_f64()) {
            out.push(source_claim(
                "Ukrainian General Staff",
                Quantity::Captured,
                Qualifier::Exact,
                pow,
                date,
            ));
        }
    }
    let mut rdr =
        csv::Reader::from_path(data.join("oryx/oryx_totals_by_type_history.csv")).unwrap();
    let h = rdr.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|x| x == name).unwrap();
    let (d, c, t, tot) = (
        col("snapshot_date"),
        col("country"),
        col("equipment_type"),
        col("type_total"),
    );
    for r in rdr.records() {
        let r = r.unwrap();
        let who = format!("Oryx {} {}", &r[c], &r[t]);
        profile.weights.entry(who.clone()).or_insert(0.9);
        let q = if &r[c] == "Russia" {
            Quantity::Killed
        } else {
            Quantity::Wounded
        };
        out.push(source_claim(
            &who,
            q,
            Qualifier::Exact,
            r[tot].parse().unwrap(),
            &r[d],
        ));
    }
    out
}

fn main() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    if !data
        .join("ukr-mod-losses/russia_losses_personnel.json")
        .exists()
        || !data.join("oryx/oryx_totals_by_type_history.csv").exists()
    {
        println!("aggregate bench: ../shared/data is absent; nothing to measure");
        return;
    }
    let n: usize = env_num("BENCH_CLAIMS", 10_000_000);
    let stages = std::env::var("BENCH_STAGES").map_or(true, |v| v != "0");
    let cap_kb = (env_num("BENCH_RSS_CAP_GB", 12.0f64) * 1024.0 * 1024.0) as usize;
    let time_cap = Duration::from_secs(env_num("BENCH_TIME_CAP_S", 900u64));
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    println!("aggregate bench: {n} claims, rule {DEFAULT_RULE}, every month, {cores} cores, size_of::<Claim>() = {} bytes", std::mem::size_of::<Claim>());

    // the watchdog: stops the run before it takes the machine's memory, or hours
    let t0 = Instant::now();
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_millis(50));
        let rss = status_kb("VmRSS:");
        PEAK_SEEN_KB.fetch_max(rss, Ordering::Relaxed);
        let over_time = t0.elapsed() > time_cap;
        if rss > cap_kb || over_time {
            let why = if over_time {
                format!("ran over {} s", time_cap.as_secs())
            } else {
                format!("RSS {:.2} GB passed the {:.1} GB cap", gb(rss), gb(cap_kb))
            };
            println!(
                "aggregate bench STOPPED in stage `{}` after {:.1} s: {why}",
                *STAGE.lock().unwrap(),
                t0.elapsed().as_secs_f64()
            );
            std::process::exit(1);
        }
    });

    stage("reading the data sets");
    let t = Instant::now();
    let mut profile = Profile::builtin();
    let src = source_claims(&data, &mut profile);
    println!(
        "source: {} real claims read in {:.3} s",
        src.len(),
        t.elapsed().as_secs_f64()
    );

    // (a) building the claims table: columns, as a ledger read from Parquet gives them
    stage("building the claims table");
    let outlets: Vec<String> = (0..200).map(|i| format!("outlet-{i:03}")).collect();
    let t = Instant::now();
    let mut rng = Rng(0x5EED_2024_1127);
    let picks: Vec<(usize, usize)> = (0..n)
        .map(|_| (rng.below(src.len()), rng.below(outlets.len())))
        .collect();
    let dates: Vec<Option<i32>> = src
        .iter()
        .map(|c| c.effective_date().and_then(rangefinder::dates::epoch_days))
        .collect();
    let df = {
        use polars::prelude::{Column, DataFrame};
        let cols = vec![
            Column::new(
                "claimant".into(),
                picks
                    .iter()
                    .map(|p| src[p.0].claimant.as_str())
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                "quantity".into(),
                picks
                    .iter()
                    .map(|p| src[p.0].quantity as u32)
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                "low".into(),
                picks.iter().map(|p| src[p.0].low).collect::<Vec<_>>(),
            ),
            Column::new(
                "best".into(),
                picks.iter().map(|p| src[p.0].best).collect::<Vec<_>>(),
            ),
            Column::new(
                "high".into(),
                picks.iter().map(|p| src[p.0].high).collect::<Vec<_>>(),
            ),
            Column::new(
                "qualifier".into(),
                picks
                    .iter()
                    .map(|p| src[p.0].qualifier as u32)
                    .collect::<Vec<_>>(),
            ),
            Column::new("projection".into(), vec![false; n]),
            Column::new("increment".into(), vec![false; n]),
            Column::new("scope".into(), vec![0u32; n]),
            Column::new("period".into(), vec![""; n]),
            Column::new(
                "date".into(),
                picks.iter().map(|p| dates[p.0]).collect::<Vec<_>>(),
            ),
            Column::new("reports".into(), vec![1u32; n]),
            Column::new(
                "outlet".into(),
                picks
                    .iter()
                    .map(|p| outlets[p.1].as_str())
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                "id".into(),
                (0..n).map(|i| format!("{i:08x}")).collect::<Vec<_>>(),
            ),
            Column::new("rejected".into(), vec![false; n]),
        ];
        DataFrame::new(n, cols).expect("claims table")
    };
    drop(picks);
    let build_s = t.elapsed().as_secs_f64();
    let build_rss = status_kb("VmRSS:");
    println!("(a) build the claims table ({n} rows, polars columns): {build_s:.2} s, RSS after build {:.2} GB, peak so far {:.2} GB", gb(build_rss), gb(status_kb("VmHWM:")));
    let _ = (
        Claim::make_id as fn(&str, Quantity, Option<f64>, Option<f64>, Qualifier, usize) -> String,
        Scope::Total,
        Status::Extracted,
    );

    let opts = Options {
        as_of: None,
        every: Some(Every::Month),
        rule: DEFAULT_RULE,
        profile: profile.clone(),
    };

    // (b0) where the time goes: the polars collapse alone, on a clone of the table (cheap:
    // the columns are shared)
    if stages {
        stage("table::collapse_frame");
        let t = Instant::now();
        let echoes = rangefinder::table::collapse_frame(df.clone()).expect("collapse");
        println!(
            "(b0) of which the independence collapse (polars): {:.2} s, {} echo rows",
            t.elapsed().as_secs_f64(),
            echoes.len()
        );
        drop(echoes);
    }

    // (b) the aggregation
    let reset = reset_peak();
    stage("aggregate::aggregate_table");
    let t = Instant::now();
    let agg = rangefinder::aggregate::aggregate_table(df, &opts, Vec::new()).expect("aggregate");
    let agg_s = t.elapsed().as_secs_f64();
    let peak = status_kb("VmHWM:");
    println!(
        "(b) aggregate (every month, rule {DEFAULT_RULE}): {agg_s:.2} s, {} estimates ({} quantities, as of {}), peak RSS {:.2} GB{}",
        agg.estimates.len(),
        agg.latest().count(),
        agg.as_of,
        gb(peak),
        if reset { " (since the build; the claims alone take the RSS after build)" } else { " (whole run)" }
    );
    println!(
        "targets: aggregate <= 5 s: {}; peak RSS <= 4 GB: {} (highest RSS the watchdog saw in the whole run: {:.2} GB)",
        if agg_s <= 5.0 { "met" } else { "NOT met" },
        if peak <= 4 * 1024 * 1024 { "met" } else { "NOT met" },
        gb(PEAK_SEEN_KB.load(Ordering::Relaxed).max(peak))
    );
    drop(agg);

    // (c) the command-line path: `rangefinder aggregate claims.parquet` reads a claims file
    // (all the claims-schema columns, quotes included) and builds the echo columns from it
    // without a `Claim` per row (`table::echo_frame_from_parquet`)
    if std::env::var("BENCH_PARQUET").map_or(true, |v| v != "0") {
        use polars::prelude::{Column, DataFrame, ParquetWriter};
        stage("writing the claims Parquet file");
        let t = Instant::now();
        let mut rng = Rng(0x5EED_2024_1127);
        let picks: Vec<(usize, usize)> = (0..n)
            .map(|_| (rng.below(src.len()), rng.below(outlets.len())))
            .collect();
        let mut claims = DataFrame::new(
            n,
            vec![
                Column::new(
                    "id".into(),
                    (0..n).map(|i| format!("{i:012x}")).collect::<Vec<_>>(),
                ),
                Column::new(
                    "doc".into(),
                    (0..n).map(|i| format!("doc-{}", i / 3)).collect::<Vec<_>>(),
                ),
                Column::new(
                    "publisher".into(),
                    picks
                        .iter()
                        .map(|p| outlets[p.1].as_str())
                        .collect::<Vec<_>>(),
                ),
                Column::new(
                    "published".into(),
                    picks
                        .iter()
                        .map(|p| src[p.0].published.as_deref())
                        .collect::<Vec<_>>(),
                ),
                Column::new("lang".into(), vec!["en"; n]),
                Column::new(
                    "quantity".into(),
                    picks
                        .iter()
                        .map(|p| src[p.0].quantity.to_string())
                        .collect::<Vec<_>>(),
                ),
                Column::new(
                    "low".into(),
                    picks.iter().map(|p| src[p.0].low).collect::<Vec<_>>(),
                ),
                Column::new(
                    "best".into(),
                    picks.iter().map(|p| src[p.0].best).collect::<Vec<_>>(),
                ),
                Column::new(
                    "high".into(),
                    picks.iter().map(|p| src[p.0].high).collect::<Vec<_>>(),
                ),
                Column::new(
                    "qualifier".into(),
                    picks
                        .iter()
                        .map(|p| src[p.0].qualifier.to_string())
                        .collect::<Vec<_>>(),
                ),
                Column::new("projection".into(), vec![false; n]),
                Column::new("increment".into(), vec![false; n]),
                Column::new("scope".into(), vec!["total"; n]),
                Column::new(
                    "claimant".into(),
                    picks
                        .iter()
                        .map(|p| src[p.0].claimant.as_str())
                        .collect::<Vec<_>>(),
                ),
                Column::new("via".into(), vec![""; n]),
                Column::new(
                    "quote".into(),
                    picks
                        .iter()
                        .map(|p| {
                            format!(
                                "The figure now stands at {}, the statement said.",
                                src[p.0].low.unwrap_or(0.0)
                            )
                        })
                        .collect::<Vec<_>>(),
                ),
                Column::new("start".into(), vec![0u64; n]),
                Column::new("end".into(), vec![6u64; n]),
                Column::new("confidence".into(), vec![0.9f64; n]),
                Column::new("mentions".into(), vec![1u32; n]),
                Column::new("status".into(), vec!["extracted"; n]),
            ],
        )
        .expect("claims table");
        drop(picks);
        let mut bytes = Vec::new();
        ParquetWriter::new(&mut bytes)
            .finish(&mut claims)
            .expect("parquet");
        drop(claims);
        println!(
            "(c0) a claims Parquet file of {n} rows: {:.0} MB, written in {:.2} s",
            bytes.len() as f64 / 1e6,
            t.elapsed().as_secs_f64()
        );
        let reset = reset_peak();
        stage("echo_frame_from_parquet + aggregate_table");
        let t = Instant::now();
        let df = rangefinder::table::echo_frame_from_parquet(&bytes)
            .expect("readable")
            .expect("sound records");
        let read_s = t.elapsed().as_secs_f64();
        if stages {
            let t = Instant::now();
            let e = rangefinder::table::collapse_frame(df.clone()).expect("collapse");
            println!(
                "(c1) the collapse alone on these columns: {:.2} s, {} echo rows",
                t.elapsed().as_secs_f64(),
                e.len()
            );
        }
        let t = Instant::now();
        let agg =
            rangefinder::aggregate::aggregate_table(df, &opts, Vec::new()).expect("aggregate");
        let all_s = read_s + t.elapsed().as_secs_f64();
        let peak = status_kb("VmHWM:");
        println!(
            "(c) the command-line path, Parquet bytes -> monthly series: {all_s:.2} s (reading the columns {read_s:.2} s), {} estimates, peak RSS {:.2} GB{}",
            agg.estimates.len(),
            gb(peak),
            if reset { " (since the file was written; the file's bytes are held, as the command holds them)" } else { " (whole run)" }
        );
        std::mem::forget(agg);
    }
    stage("exit");
}
