//! The briefing: snapshots of Markdown and JSON, determinism, untrusted text made inert, no
//! silent overwrite, "what changed", and a real headless Chromium opening the HTML.

use crate::common::Workdir;
use std::path::{Path, PathBuf};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/briefing")
}

fn report(w: &Workdir, out: &str, extra: &[&str]) -> std::process::Output {
    let f = fixture_dir();
    let mut args = vec![
        "report",
        f.to_str().unwrap(),
        "--now",
        "2025-01-20",
        "-o",
        out,
    ];
    args.extend_from_slice(extra);
    w.run(&args)
}

#[test]
fn markdown_and_json_snapshots() {
    let w = Workdir::new();
    assert!(report(&w, "r", &[]).status.success());
    let md = std::fs::read_to_string(w.path("r/report.md")).unwrap();
    insta::assert_snapshot!("report_md", md);
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(w.path("r/report.json")).unwrap()).unwrap();
    insta::assert_json_snapshot!("report_json", json);
}

#[test]
fn same_inputs_give_byte_identical_outputs() {
    let w = Workdir::new();
    assert!(report(&w, "one", &[]).status.success());
    assert!(report(&w, "two", &[]).status.success());
    for f in [
        "index.html",
        "report.md",
        "report.json",
        "claims.csv",
        "charts/weights.svg",
        "charts/range-deployed.svg",
        "charts/forest-deployed.svg",
    ] {
        let a = std::fs::read(w.path("one").join(f)).unwrap();
        let b = std::fs::read(w.path("two").join(f)).unwrap();
        assert!(a == b, "{f} differs between two runs");
    }
}

#[test]
fn report_names_rule_weights_version_and_traces_numbers_to_quotes() {
    let w = Workdir::new();
    assert!(report(&w, "r", &["--rule", "conservative"])
        .status
        .success());
    let html = std::fs::read_to_string(w.path("r/index.html")).unwrap();
    assert!(
        html.contains("conservative")
            && html.contains("default-2025")
            && html.contains(env!("CARGO_PKG_VERSION"))
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(w.path("r/report.json")).unwrap()).unwrap();
    // every contributing claim id of every estimate is a row of the claims table in the HTML
    for e in json["aggregate"]["estimates"].as_array().unwrap() {
        for id in e["claims"].as_array().unwrap() {
            assert!(
                html.contains(&format!("id=\"claim-{}\"", id.as_str().unwrap())),
                "claim {id} not in the claims table"
            );
        }
    }
    assert!(
        html.contains("<svg") && !html.contains("<script"),
        "charts inline, no script"
    );
    assert!(std::fs::read_dir(w.path("r/charts")).unwrap().count() >= 3);
}

#[test]
fn untrusted_article_text_comes_out_inert() {
    let w = Workdir::new();
    let evil = "---\npublisher: <script>alert(1)</script>\nurl: javascript:alert(2)\npublished: 2024-10-23\n---\nSouth Korea's spy agency said about 3,000 North Korean soldiers <img src=x onerror=alert(3)> were in Russia <script>alert(4)</script>.\n";
    w.write("in/evil.md", evil);
    let o = w.run(&["report", "in", "-o", "r"]);
    assert!(o.status.success());
    let html = std::fs::read_to_string(w.path("r/index.html")).unwrap();
    assert!(!html.contains("<script>alert"), "a script tag survived");
    assert!(!html.contains("<img src=x"), "an img tag survived");
    assert!(
        !html.contains("href=\"javascript:"),
        "a javascript: link survived"
    );
    assert!(html.contains("&lt;script&gt;") || html.contains("&lt;img"));
    let md = std::fs::read_to_string(w.path("r/report.md")).unwrap();
    assert!(
        !md.contains("<script>") && !md.contains("<img"),
        "raw HTML in Markdown"
    );
}

#[test]
fn an_existing_report_is_not_overwritten_without_force() {
    let w = Workdir::new();
    assert!(report(&w, "r", &[]).status.success());
    std::fs::write(w.path("r/note.txt"), "analyst's note").unwrap();
    let o = w
        .cmd()
        .args(["report", fixture_dir().to_str().unwrap(), "-o", "r"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    assert_eq!(
        std::fs::read_to_string(w.path("r/note.txt")).unwrap(),
        "analyst's note"
    );
    assert!(report(&w, "r", &["--force"]).status.success());
    assert!(!w.path("r/note.txt").exists() && w.path("r/index.html").exists());
    // no temporary folders left behind
    let leftovers: Vec<_> = std::fs::read_dir(w.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".rangefinder"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn default_folder_is_dated_and_previous_report_gives_changes() {
    let w = Workdir::new();
    let f = fixture_dir();
    let first = w.write("early/a_en.md", std::fs::read(f.join("a_en.md")).unwrap());
    let _ = first;
    let o = w.run(&["report", "early", "--name", "weekly"]);
    assert!(o.status.success());
    let d1 = w.path("reports/weekly/2024-10-23");
    assert!(d1.join("index.html").exists());
    let o = w.run(&[
        "report",
        f.to_str().unwrap(),
        "--name",
        "weekly",
        "--previous",
        d1.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let j: serde_json::Value = serde_json::from_slice(
        &std::fs::read(w.path("reports/weekly/2025-01-14/report.json")).unwrap(),
    )
    .unwrap();
    let ch = &j["changes"];
    assert_eq!(ch["previous_as_of"], "2024-10-23");
    assert!(!ch["new_claims"].as_array().unwrap().is_empty());
    assert!(ch["claimants_added"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c == "Zelensky"));
    assert!(ch["moved"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["quantity"] == "deployed"));
    let html = std::fs::read_to_string(w.path("reports/weekly/2025-01-14/index.html")).unwrap();
    assert!(html.contains("Ranges that moved"));
}

#[test]
fn templates_can_be_overridden_and_a_bad_one_names_its_file() {
    let w = Workdir::new();
    w.write(
        "tpl/report.md",
        "CUSTOM {{ as_of }} {% for r in headline %}{{ r.quantity }}={{ r.best }};{% endfor %}",
    );
    assert!(report(&w, "r", &["--templates", "tpl"]).status.success());
    let md = std::fs::read_to_string(w.path("r/report.md")).unwrap();
    assert!(md.starts_with("CUSTOM 2025-01-14 deployed="), "{md}");
    w.write("bad/report.html", "{% for x in %}");
    let o = w
        .cmd()
        .args([
            "report",
            fixture_dir().to_str().unwrap(),
            "-o",
            "r2",
            "--templates",
            "bad",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&o.stderr).contains("report.html"));
    assert!(!w.path("r2").exists());
}

/// Debian's chromium, when installed.
fn chromium() -> Option<PathBuf> {
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
}

#[test]
fn the_report_opens_in_headless_chromium_with_charts_drawn() {
    let Some(bin) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium is required under CI (.ci/run installs it)"
        );
        eprintln!("chromium is not installed: skipping the browser test");
        return;
    };
    let w = Workdir::new();
    assert!(w.run(&["report", "-o", "r"]).status.success());
    let index = w.path("r/index.html");
    let url = format!("file://{}", index.display());
    let flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];
    let profile = w.path("chrome-profile");
    let dom = std::process::Command::new(&bin)
        .args(flags)
        .arg(format!("--user-data-dir={}", profile.display()))
        .args([
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=3000",
            "--dump-dom",
        ])
        .arg(&url)
        .output()
        .unwrap();
    assert!(
        dom.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let dom_text = String::from_utf8_lossy(&dom.stdout);
    let svgs = dom_text.matches("<svg").count();
    assert!(svgs >= 3, "only {svgs} charts in the rendered DOM");
    assert!(
        dom_text.contains("<polyline") || dom_text.contains("<path"),
        "charts have no drawn lines"
    );
    let log = String::from_utf8_lossy(&dom.stderr);
    for bad in ["Failed to load resource", "net::ERR_", "Uncaught"] {
        assert!(!log.contains(bad), "the page logged {bad}: {log}");
    }
    let shot = w.path("shot.png");
    let s = std::process::Command::new(&bin)
        .args(flags)
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", shot.display()))
        .args(["--window-size=1200,2400", "--hide-scrollbars"])
        .arg(&url)
        .output()
        .unwrap();
    assert!(s.status.success(), "{}", String::from_utf8_lossy(&s.stderr));
    let png = std::fs::read(&shot).unwrap();
    assert!(png.starts_with(b"\x89PNG"), "not a PNG");
    // a page of text, tables and charts compresses far worse than a blank one
    assert!(
        png.len() > 60_000,
        "screenshot is {} bytes: the page looks blank",
        png.len()
    );
    if let Ok(dir) = std::env::var("RANGEFINDER_SCREENSHOT_DIR") {
        let _ = std::fs::copy(&shot, Path::new(&dir).join("report.png"));
    }
}
