//! Weekly use and scripting: batch runs (one item failing), the ledger (idempotent ingest),
//! the review round trip, and compare.

use crate::common::Workdir;
use std::path::Path;

fn fixtures(w: &Workdir) {
    let f = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/briefing");
    for e in std::fs::read_dir(&f).unwrap() {
        let e = e.unwrap();
        w.write(
            &format!("articles/{}", e.file_name().to_string_lossy()),
            std::fs::read(e.path()).unwrap(),
        );
    }
}

fn jsonl(o: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&o.stdout)))
}

#[test]
fn batch_writes_the_good_items_and_reports_the_failing_one() {
    let w = Workdir::new();
    fixtures(&w);
    w.write(
        "weekly.toml",
        r#"title = "Weekly briefings"
output = "out"
[defaults]
inputs = ["articles"]
[[report]]
name = "nk"
as_of = "2024-11-30"
[[report]]
name = "broken"
inputs = ["does-not-exist"]
[[report]]
name = "nk"
as_of = "2025-01-31"
rule = "pooled"
previous = "auto"
"#,
    );
    let o = w.cmd().args(["batch", "weekly.toml"]).output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(5),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("weekly.toml") && err.contains("broken") && err.contains("does-not-exist"),
        "{err}"
    );
    assert!(w.path("out/nk/2024-11-30/index.html").exists());
    assert!(w.path("out/nk/2025-01-31/index.html").exists());
    let j: serde_json::Value =
        serde_json::from_slice(&std::fs::read(w.path("out/nk/2025-01-31/report.json")).unwrap())
            .unwrap();
    assert_eq!(j["aggregate"]["rule"], "pooled");
    assert_eq!(
        j["changes"]["previous_as_of"], "2024-11-30",
        "previous = auto picks the earlier briefing"
    );
    let index = std::fs::read_to_string(w.path("out/index.html")).unwrap();
    assert!(
        index.contains("2025-01-31")
            && index.contains("2024-11-30")
            && index.matches("index.html\"").count() >= 2,
        "{index}"
    );
    // a second run would land on the same folders: refused item by item, still exit 5
    let o = w.cmd().args(["batch", "weekly.toml"]).output().unwrap();
    assert_eq!(o.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    // a malformed batch file names the file and line
    w.write("bad.toml", "title = \"x\"\n[[report]]\nname = 3\n");
    let o = w.cmd().args(["batch", "bad.toml"]).output().unwrap();
    assert_eq!(o.status.code(), Some(3));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("bad.toml:3"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn ingesting_twice_is_ingesting_once_and_new_documents_are_added() {
    let w = Workdir::new();
    fixtures(&w);
    let first = w.run(&[
        "ingest",
        "articles/a_en.md",
        "articles/b_de.md",
        "--ledger",
        "ledger.parquet",
    ]);
    assert!(first.status.success());
    let a1 = jsonl(&w.run(&["aggregate", "ledger.parquet", "--format", "json"]));
    let bytes1 = std::fs::read(w.path("ledger.parquet")).unwrap();
    assert!(w
        .run(&[
            "ingest",
            "articles/a_en.md",
            "articles/b_de.md",
            "--ledger",
            "ledger.parquet"
        ])
        .status
        .success());
    let err = String::from_utf8_lossy(
        &w.run(&["ingest", "articles/a_en.md", "--ledger", "ledger.parquet"])
            .stderr,
    )
    .to_string();
    assert!(err.contains("0 new of 1 documents"), "{err}");
    assert_eq!(
        std::fs::read(w.path("ledger.parquet")).unwrap(),
        bytes1,
        "the ledger changed on a repeated ingest"
    );
    assert_eq!(
        jsonl(&w.run(&["aggregate", "ledger.parquet", "--format", "json"])),
        a1
    );
    assert!(w
        .run(&["ingest", "articles", "--ledger", "ledger.parquet"])
        .status
        .success());
    let a2 = jsonl(&w.run(&["aggregate", "ledger.parquet", "--format", "json"]));
    assert!(a2["estimates"].as_array().unwrap().len() > a1["estimates"].as_array().unwrap().len());
}

#[test]
fn review_round_trip_rejects_and_corrects_and_keeps_edits() {
    let w = Workdir::new();
    fixtures(&w);
    assert!(w
        .run(&["ingest", "articles", "--ledger", "l.parquet"])
        .status
        .success());
    assert!(w
        .run(&["review", "--ledger", "l.parquet", "--export", "review.csv"])
        .status
        .success());
    let mut rdr = csv::Reader::from_path(w.path("review.csv")).unwrap();
    let headers = rdr.headers().unwrap().clone();
    let mut rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    let col = |n: &str| headers.iter().position(|h| h == n).unwrap();
    // reject the Zelensky deployment claim, correct the Pentagon one to 12,000
    let mut rejected = String::new();
    let mut corrected = String::new();
    for r in rows.iter_mut() {
        let mut v: Vec<String> = r.iter().map(String::from).collect();
        if v[col("claimant")] == "Zelensky" && v[col("quantity")] == "deployed" {
            v[col("status")] = "rejected".into();
            rejected = v[col("id")].clone();
        } else if v[col("claimant")] == "Pentagon" {
            v[col("low")] = "12000".into();
            v[col("high")] = "12000".into();
            v[col("qualifier")] = "exact".into();
            corrected = v[col("id")].clone();
        }
        *r = csv::StringRecord::from(v);
    }
    assert!(!rejected.is_empty() && !corrected.is_empty());
    let mut wtr = csv::Writer::from_path(w.path("edited.csv")).unwrap();
    wtr.write_record(&headers).unwrap();
    for r in &rows {
        wtr.write_record(r).unwrap();
    }
    wtr.flush().unwrap();
    let o = w.run(&["review", "--ledger", "l.parquet", "--apply", "edited.csv"]);
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("1 rejected, 1 corrected"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let agg = jsonl(&w.run(&["aggregate", "l.parquet", "--format", "json"]));
    assert!(agg["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x == rejected.as_str()));
    let deployed = agg["estimates"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|e| e["quantity"] == "deployed")
        .unwrap();
    assert!(
        !deployed["claims"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x == rejected.as_str()),
        "a rejected claim still counts"
    );
    assert!(deployed["contributions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["claimant"] == "Pentagon" && c["best"] == 12000.0));
    // re-ingesting keeps the reviewed edits
    assert!(w
        .run(&["ingest", "articles", "--ledger", "l.parquet"])
        .status
        .success());
    let out = w.run(&["review", "--ledger", "l.parquet", "--export", "-"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text
        .lines()
        .any(|l| l.starts_with(&rejected) && l.contains("rejected")));
    assert!(text
        .lines()
        .any(|l| l.starts_with(&corrected) && l.contains("corrected")));
    // an unknown id in a review file names the file and line
    w.write(
        "unknown.csv",
        format!(
            "{}\n{}",
            headers.iter().collect::<Vec<_>>().join(","),
            rows[0]
                .iter()
                .enumerate()
                .map(|(i, v)| if i == col("id") {
                    "ffffffffffff".to_string()
                } else {
                    format!("\"{}\"", v.replace('"', "\"\""))
                })
                .collect::<Vec<_>>()
                .join(",")
        ),
    );
    let o = w
        .cmd()
        .args(["review", "--ledger", "l.parquet", "--apply", "unknown.csv"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("unknown.csv:2"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn compare_groups_dates_and_runs() {
    let w = Workdir::new();
    fixtures(&w);
    assert!(w
        .run(&["extract", "articles", "-o", "claims.jsonl"])
        .status
        .success());
    let g = jsonl(&w.run(&[
        "compare",
        "claims.jsonl",
        "--groups",
        "Ukraine;South Korea=NIS,JCS",
        "--format",
        "json",
    ]));
    assert_eq!(g["labels"], serde_json::json!(["Ukraine", "South Korea"]));
    let dep = g["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["quantity"] == "deployed")
        .unwrap();
    assert_eq!(dep["sides"][0]["best"], 11000.0);
    assert_eq!(dep["sides"][1]["best"], 3000.0);
    let ratio = dep["ratio"][1].as_f64().unwrap();
    assert!((ratio - 3000.0 / 11000.0).abs() < 0.001, "{ratio}");
    assert_eq!(dep["overlap"][1], 0.0);
    let d = jsonl(&w.run(&[
        "compare",
        "claims.jsonl",
        "--dates",
        "2024-10-31,2025-01-31",
        "--format",
        "json",
    ]));
    assert_eq!(d["rows"][0]["sides"][0]["as_of"], "2024-10-31");
    let md = String::from_utf8_lossy(
        &w.run(&[
            "compare",
            "claims.jsonl",
            "--dates",
            "2024-10-31,2025-01-31",
            "--format",
            "markdown",
        ])
        .stdout,
    )
    .to_string();
    assert!(
        md.starts_with("| quantity | as of 2024-10-31 | as of 2025-01-31 |"),
        "{md}"
    );
    assert!(w
        .run(&[
            "report",
            "claims.jsonl",
            "--as-of",
            "2024-10-31",
            "-o",
            "r1"
        ])
        .status
        .success());
    assert!(w
        .run(&["report", "claims.jsonl", "-o", "r2"])
        .status
        .success());
    let r = jsonl(&w.run(&[
        "compare",
        "r1",
        "r2/report.json",
        "--runs",
        "--format",
        "json",
    ]));
    assert_eq!(r["kind"], "runs");
    let o = w
        .cmd()
        .args(["compare", "claims.jsonl", "--groups", "Atlantis"])
        .output()
        .unwrap();
    assert_ne!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stderr).contains("Atlantis"));
}

#[test]
fn a_parquet_ledger_aggregates_by_columns_as_the_same_claims_do_row_by_row() {
    let w = Workdir::new();
    fixtures(&w);
    assert!(w
        .run(&["ingest", "articles", "--ledger", "ledger.parquet"])
        .status
        .success());
    assert!(w
        .run(&[
            "extract",
            "articles",
            "--format",
            "jsonl",
            "-o",
            "claims.jsonl"
        ])
        .status
        .success());
    let by_columns = jsonl(&w.run(&[
        "aggregate",
        "ledger.parquet",
        "--every",
        "month",
        "--format",
        "json",
    ]));
    let by_rows = jsonl(&w.run(&[
        "aggregate",
        "claims.jsonl",
        "--every",
        "month",
        "--format",
        "json",
    ]));
    assert!(!by_rows["estimates"].as_array().unwrap().is_empty());
    for key in [
        "estimates",
        "projections",
        "undated",
        "rejected",
        "after_as_of",
        "as_of",
        "rule",
    ] {
        assert_eq!(by_columns[key], by_rows[key], "{key}");
    }
    assert_eq!(
        by_columns["inputs"][0]["claims"],
        by_rows["inputs"][0]["claims"]
    );
}
