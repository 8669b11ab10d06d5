//! The binary's contract: errors name the file and line, exit codes are the documented ones,
//! nothing panics, stdin works, a closed pipe is success, and completions/man are generated.

use crate::common::Workdir;

const ARTICLE_EN: &str = "North Korea sends more troops\n\nSouth Korea's spy agency said on Friday that about 3,000 North Korean soldiers had been sent to Russia.\n";

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

#[test]
fn missing_path_is_an_io_error_naming_it() {
    let w = Workdir::new();
    let o = w
        .cmd()
        .args(["extract", "nope/missing.txt"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("nope/missing.txt"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"));
}

#[test]
fn bad_claims_records_are_skipped_with_file_and_line_or_fatal_with_strict() {
    let w = Workdir::new();
    let good: &str = r#"{"id":"a","doc":"d","url":null,"publisher":null,"published":"2024-10-23","lang":"en","quantity":"deployed","low":3000,"high":3000,"qualifier":"approx","projection":false,"increment":false,"scope":"total","claimant":"NIS","via":[],"ref_date":null,"quote":"q","start":0,"end":1,"confidence":0.9}"#;
    let bad_type = good.replace("\"low\":3000", "\"low\":\"many\"");
    let unknown_q = good.replace("deployed", "tanks");
    let low_gt_high = good.replace("\"low\":3000", "\"low\":5000");
    let bad_date = good.replace("2024-10-23", "2024-02-30");
    let file = w.write(
        "claims.jsonl",
        [
            good,
            &bad_type,
            &unknown_q,
            &low_gt_high,
            &bad_date,
            "not json",
        ]
        .join("\n"),
    );
    let o = w.run(&["aggregate", file.to_str().unwrap(), "--format", "json"]);
    assert!(o.status.success());
    let e = stderr(&o);
    for line in 2..=6 {
        assert!(
            e.contains(&format!("claims.jsonl:{line}:")),
            "line {line} not named in: {e}"
        );
    }
    assert!(
        e.contains("tanks") && e.contains("low 5000 > high 3000") && e.contains("impossible"),
        "{e}"
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["estimates"][0]["best"], 3000.0);
    let o = w
        .cmd()
        .args(["aggregate", file.to_str().unwrap(), "--strict"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("claims.jsonl:2:"));
}

#[test]
fn bad_csv_claims_name_the_line() {
    let w = Workdir::new();
    let f = w.write("c.csv", "doc,quantity,low,high,qualifier,published\nd,deployed,10,20,range,2024-10-01\nd,deployed,abc,20,range,2024-10-01\n");
    let o = w.run(&["aggregate", f.to_str().unwrap(), "--format", "csv"]);
    assert!(o.status.success());
    assert!(stderr(&o).contains("c.csv:3:"), "{}", stderr(&o));
    let o = w
        .cmd()
        .args(["aggregate", w.path("nothere.parquet").to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let junk = w.write("junk.parquet", b"PAR1 this is not parquet");
    let o = w
        .cmd()
        .args(["aggregate", junk.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("junk.parquet"), "{}", stderr(&o));
}

#[test]
fn binary_empty_and_non_utf8_inputs_are_reported_not_fatal() {
    let w = Workdir::new();
    w.write("in/a.txt", ARTICLE_EN);
    w.write("in/bin.txt", [0u8, 159, 146, 150, 0, 1, 2]);
    w.write("in/empty.md", "");
    let mut latin1 = b"Nordkorea: Laut NIS sind etwa 3.000 nordkoreanische Soldaten in Russland eingetroffen. Gr\xfc\xdfe.".to_vec();
    latin1.push(b'\n');
    w.write("in/latin1.txt", latin1);
    std::fs::create_dir_all(w.path("in/emptydir")).unwrap();
    let o = w.run(&["extract", "in"]);
    assert!(o.status.success());
    let e = stderr(&o);
    assert!(e.contains("bin.txt") && e.contains("binary"), "{e}");
    assert!(e.contains("empty.md") && e.contains("empty"), "{e}");
    assert!(e.contains("latin1.txt") && e.contains("UTF-8"), "{e}");
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(out.lines().count(), 2, "{out}");
    let o = w
        .cmd()
        .args(["extract", "in", "--strict"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn stdin_and_output_file_and_csv_columns() {
    let w = Workdir::new();
    let o = w
        .cmd()
        .args(["extract", "-", "--format", "csv"])
        .write_stdin(ARTICLE_EN)
        .output()
        .unwrap();
    assert!(o.status.success());
    let csv = String::from_utf8_lossy(&o.stdout);
    let header = csv.lines().next().unwrap();
    for col in [
        "doc",
        "url",
        "publisher",
        "published",
        "lang",
        "quantity",
        "low",
        "high",
        "qualifier",
        "projection",
        "increment",
        "scope",
        "claimant",
        "via",
        "ref_date",
        "quote",
        "start",
        "end",
        "confidence",
    ] {
        assert!(
            header.split(',').any(|h| h == col),
            "missing column {col} in {header}"
        );
    }
    assert!(csv.contains("NIS"));
    let o = w
        .cmd()
        .args(["extract", "-", "-o", "out/claims.jsonl"])
        .write_stdin(ARTICLE_EN)
        .output()
        .unwrap();
    assert!(o.status.success() && o.stdout.is_empty());
    assert!(std::fs::read_to_string(w.path("out/claims.jsonl"))
        .unwrap()
        .contains("\"quantity\":\"deployed\""));
}

#[test]
fn a_closed_pipe_is_success() {
    let w = Workdir::new();
    for i in 0..200 {
        w.write(
            &format!("in/{i:03}.txt"),
            ARTICLE_EN.replace("3,000", &format!("{}", 1000 + i)),
        );
    }
    let bin = assert_cmd::cargo::cargo_bin("rangefinder");
    // the binary itself exits 0 when its stdout closes early
    let mut child = std::process::Command::new(&bin)
        .args(["extract", "in"])
        .current_dir(w.dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    assert!(child.wait().unwrap().success());
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let w = Workdir::new();
    assert_eq!(
        w.cmd()
            .args(["aggregate", "x.jsonl", "--rule", "median"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        w.cmd()
            .args(["aggregate", "x.jsonl", "--as-of", "2025-13-01"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        w.cmd().arg("--help").output().unwrap().status.code(),
        Some(0)
    );
}

#[test]
fn completions_and_man_page() {
    let w = Workdir::new();
    let o = w.run(&["completions", "bash"]);
    assert!(o.status.success() && String::from_utf8_lossy(&o.stdout).contains("rangefinder"));
    let o = w.run(&["man"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains(".TH"));
}

#[test]
fn quiet_silences_notes() {
    let w = Workdir::new();
    w.write("a.txt", ARTICLE_EN);
    let o = w.run(&["--quiet", "extract", "a.txt"]);
    assert!(o.status.success() && o.stderr.is_empty(), "{}", stderr(&o));
    assert!(!o.stdout.is_empty());
}

#[test]
fn html_and_front_matter_and_manifest_metadata() {
    let w = Workdir::new();
    w.write(
        "in/page.html",
        "<!doctype html><html lang=\"de\"><head><meta property=\"og:site_name\" content=\"Testblatt\"><meta property=\"article:published_time\" content=\"2024-10-24T08:00:00Z\"><script>var n = 99000;</script></head><body><nav>1. Start 2. Politik</nav><article><p>Laut NIS sind rund 3.000 nordkoreanische Soldaten in Russland.</p></article></body></html>",
    );
    w.write("in/fm.md", "---\npublisher: Front Matter Post\npublished: 2024-10-30\nurl: https://fm.example/a\n---\nThe Pentagon said about 10,000 North Korean troops were in Russia.\n");
    w.write(
        "in/plain.txt",
        "The Pentagon said about 8,000 North Korean troops were in Kursk.\n",
    );
    w.write("in/manifest.csv", "file,url,publisher,published,extra\nplain.txt,https://m.example/p,Manifest Daily,2024-11-01,ignored\n");
    let o = w.run(&["extract", "in", "--manifest", "in/manifest.csv"]);
    assert!(o.status.success());
    let rows: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let by = |doc: &str| {
        rows.iter()
            .find(|r| r["doc"] == doc)
            .unwrap_or_else(|| panic!("no claim from {doc}: {rows:?}"))
    };
    assert_eq!(by("page.html")["publisher"], "Testblatt");
    assert_eq!(by("page.html")["published"], "2024-10-24");
    assert_eq!(by("page.html")["low"], 3000.0);
    assert_eq!(by("fm.md")["publisher"], "Front Matter Post");
    assert_eq!(by("plain.txt")["publisher"], "Manifest Daily");
    assert_eq!(by("plain.txt")["url"], "https://m.example/p");
    assert!(!rows.iter().any(|r| r["low"] == 99000.0));
    let bad = w.write("bad_manifest.csv", "name,publisher\nx,y\n");
    let o = w
        .cmd()
        .args(["extract", "in", "--manifest", bad.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("bad_manifest.csv:1"), "{}", stderr(&o));
}
