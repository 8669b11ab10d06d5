//! Scores against `../shared` (seeds and devset) with its own scorer, when `../shared` is here.

use crate::common::{shared, Workdir};
use std::process::Command;

fn score(set: &str, min_f1: f64) {
    let Some(sh) = shared() else {
        eprintln!("../shared is absent: skipping the {set} score");
        return;
    };
    score_dir(set, &sh.join(set), min_f1);
}

/// Scores the articles in `dir` against its `gold.jsonl` with the shared scorer.
fn score_dir(set: &str, dir: &std::path::Path, min_f1: f64) {
    let Some(sh) = shared() else {
        eprintln!("../shared is absent (its scorer): skipping the {set} score");
        return;
    };
    let w = Workdir::new();
    let dir = dir.to_path_buf();
    let out = w.run(&[
        "extract",
        dir.to_str().unwrap(),
        "--manifest",
        dir.join("manifest.csv").to_str().unwrap(),
        "--format",
        "jsonl",
        "-o",
        "pred.jsonl",
    ]);
    assert!(out.status.success());
    let s = Command::new("python3")
        .arg(sh.join("eval/score.py"))
        .arg(dir.join("gold.jsonl"))
        .arg(w.path("pred.jsonl"))
        .arg(format!(
            "--negatives={}",
            dir.join("negatives.jsonl").display()
        ))
        .arg(format!("--min-f1={min_f1}"))
        .arg("--verbose")
        .output()
        .expect("python3 runs the scorer");
    let report = String::from_utf8_lossy(&s.stdout);
    eprintln!("{set}:\n{report}");
    assert!(s.status.success(), "{set}: F1 below {min_f1}");
    if min_f1 >= 1.0 {
        // the seeds: every claim, with its qualifier and claimant, and nothing else
        assert!(
            report.contains("F1=1.000 P=1.000 R=1.000 qualifier=1.000 claimant=1.000"),
            "{set}: {report}"
        );
    }
}

#[test]
fn seeds_score() {
    score("seeds", SEEDS_MIN_F1);
}

#[test]
fn devset_score() {
    score("devset", DEVSET_MIN_F1);
}

/// Our own held-out set (`tests/fixtures/heldout`), written by a helper that never saw the
/// grammar: how the extractor does on text it was not tuned on. Measured F1 0.842 before any
/// fix prompted by it, 0.909 after; the floor leaves room for the trade-offs of later fixes.
#[test]
fn heldout_score() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/heldout");
    score_dir("heldout", &dir, HELDOUT_MIN_F1);
}

/// A second held-out set, written after the fixes the first one prompted and scored once
/// before any change: F1 0.872 (0.913 after the fixes it prompted). Kept as a guard; it is no
/// longer unseen.
#[test]
fn heldout2_score() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/heldout2");
    score_dir("heldout2", &dir, HELDOUT2_MIN_F1);
}

/// A third held-out set (live blogs, an interview, fact boxes, a Telegram roundup, a correction,
/// press reviews, a Bundestag debate), scored once before any change: F1 0.835, claimant
/// accuracy 0.50; 0.881 and 0.778 after the fixes it prompted. The floor guards against
/// regressions.
#[test]
fn heldout3_score() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/heldout3");
    score_dir("heldout3", &dir, HELDOUT3_MIN_F1);
}

/// A fourth held-out set (a wire story with updates, a Commons written answer, a think-tank brief
/// with footnotes, a podcast, TV scripts, a Swiss and an Austrian paper, a letter to the
/// editor, a Markdown table, an HTML page), scored before any change prompted by it: F1 0.788,
/// claimant accuracy 0.627; 0.788 and 0.701 after the fixes the third set prompted; 0.936 and
/// 0.753 after its own (citation marks, tables, participles). The floor guards against
/// regressions.
#[test]
fn heldout4_score() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/heldout4");
    score_dir("heldout4", &dir, HELDOUT4_MIN_F1);
}

/// A fifth held-out set (a newsletter, a fact-check, a timeline, an HTML opinion column, a
/// Markdown assessment with a table, a diary feature, a Presseschau, a Plenarprotokoll, a radio
/// bulletin, a regional paper, a Telegram roundup, a Liveticker), scored before any change it
/// prompted: F1 0.884, claimant accuracy 0.800; 0.967 and 0.808 after its fixes (questions,
/// 'number' as a verb, '11/2025', '6,000 more', attribution clauses, a table's measure column,
/// ticker headings). The floor guards against regressions.
#[test]
fn heldout5_score() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/heldout5");
    score_dir("heldout5", &dir, HELDOUT5_MIN_F1);
}

/// A sixth held-out set of ordinary news reports (a wire story, a broadsheet analysis with
/// anonymous officials, a UK paper, a broadcaster's HTML page, an explainer, a regional paper, a
/// German Agenturmeldung, a Konjunktiv analysis, a Tagesschau-style report, an FAZ-style report,
/// a Lokalzeitung, a morning roundup), scored before any change it prompted: F1 0.882,
/// claimant accuracy 0.831; 0.943 and 0.853 after its fixes. The floor guards against
/// regressions.
#[test]
fn heldout6_score() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/heldout6");
    score_dir("heldout6", &dir, HELDOUT6_MIN_F1);
}

/// A seventh held-out set (an AP-style story, a British live blog, Korean agency copy, an
/// Indian wire rewrite as an HTML page, a think-tank post with a table, an NGO release, a
/// magazine feature, a radio script, a live ticker, Austrian, Swiss and Saxon papers, a federal
/// office's release, a tabloid), scored before any change it prompted: F1 0.885 (precision
/// 0.818), claimant accuracy 0.765; 0.953 and 0.790 after its fixes. The floor guards against
/// regressions.
#[test]
fn heldout7_score() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/heldout7");
    score_dir("heldout7", &dir, HELDOUT7_MIN_F1);
}

/// heldout8: 14 articles in styles the sets before lack (a TV site with video captions, a Q&A
/// interview, a fact check, a newsletter digest, a hearing, a podcast transcript, a correction
/// notice, a Tagesschau report, a dpa story, "Was wir wissen", a Kommentar, a Presseschau, a
/// Chronologie), written blind. First score F1 0.863 (P 0.845, R 0.882), claimant accuracy
/// 0.878; 0.963 and 0.911 after its fixes.
#[test]
fn heldout8_score() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/heldout8");
    score_dir("heldout8", &dir, HELDOUT8_MIN_F1);
}

/// heldout9: 12 plain daily news reports (wires, national and regional papers, broadcaster
/// pages, briefs, follow-ups recapping earlier figures), written blind and scored after the
/// fixes heldout8 prompted: F1 0.943 (P 0.935, R 0.951), claimant accuracy 0.741 at first.
#[test]
fn heldout9_score() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/heldout9");
    score_dir("heldout9", &dir, HELDOUT9_MIN_F1);
}

/// heldout10: 10 articles (breaking news with updates, explainers, a Seoul report, an
/// analysis of conflicting figures, an agency brief, a regional paper, a casualty story),
/// written blind and scored after all of the seventh session's fixes: F1 0.919 (P 0.934,
/// R 0.905), claimant accuracy 0.807 at first.
#[test]
fn heldout10_score() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/heldout10");
    score_dir("heldout10", &dir, HELDOUT10_MIN_F1);
}

/// heldout11: 10 articles (a live blog, a committee briefing, a long read, a data piece with
/// a pipe table without a separator line, a wire digest, an Austrian Kommentar, an interview
/// with speaker labels, a Morgenlage, a Hintergrund with footnotes, a Swiss report with
/// "11'000"), written blind and scored after the eighth session's first fixes: F1 0.855
/// (P 0.886, R 0.827), claimant accuracy 0.871 at first.
#[test]
fn heldout11_score() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/heldout11");
    score_dir("heldout11", &dir, HELDOUT11_MIN_F1);
}

/// heldout12: 12 ordinary daily news articles (a national paper, wires, broadcaster pages with
/// teasers, a regional paper with an INFO box, a follow-up recap, news in brief, a politics
/// story, anonymous-source chains), written blind and scored after the eighth session's fixes
/// for heldout11: F1 0.910 (P 0.859, R 0.968), claimant accuracy 0.869 at first.
#[test]
fn heldout12_score() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/heldout12");
    score_dir("heldout12", &dir, HELDOUT12_MIN_F1);
}

/// heldout13: 12 articles in formats that are not plain news (a Seoul wire "(2nd LD)", a
/// Russian state-media piece, a Telegram post with bullets, think-tank takeaways, a podcast
/// transcript, a forum thread, a committee press notice, a morning newsletter, a Liveblog, a
/// Faktencheck, a Boulevard story, a Pressespiegel), written blind and scored after this
/// (ninth) session's first fixes: F1 0.857 (P 0.835, R 0.880), claimant accuracy 0.682 at
/// first.
#[test]
fn heldout13_score() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/heldout13");
    score_dir("heldout13", &dir, HELDOUT13_MIN_F1);
}

/// heldout14: 12 articles, mostly German (a Liveblog entry, a long analysis with nested
/// clauses and separable verbs, a dpa summary, a Swiss paper, an interview, an editorial, a
/// radio transcript, a chronology; an explainer, a verification piece, a wire with a correction,
/// a Korean op-ed), written blind and scored with heldout13: F1 0.886 (P 0.820, R 0.965),
/// claimant accuracy 0.780 at first.
#[test]
fn heldout14_score() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/heldout14");
    score_dir("heldout14", &dir, HELDOUT14_MIN_F1);
}

const SEEDS_MIN_F1: f64 = 1.0;
const HELDOUT14_MIN_F1: f64 = 0.95;
const HELDOUT13_MIN_F1: f64 = 0.92;
const HELDOUT12_MIN_F1: f64 = 0.97;
const HELDOUT11_MIN_F1: f64 = 0.97;
const HELDOUT10_MIN_F1: f64 = 0.93;
const HELDOUT9_MIN_F1: f64 = 0.96;
const HELDOUT8_MIN_F1: f64 = 0.94;
const HELDOUT7_MIN_F1: f64 = 0.92;
const HELDOUT6_MIN_F1: f64 = 0.94;
const HELDOUT5_MIN_F1: f64 = 0.96;
const HELDOUT4_MIN_F1: f64 = 0.90;
const HELDOUT3_MIN_F1: f64 = 0.86;
const HELDOUT2_MIN_F1: f64 = 0.88;
const HELDOUT_MIN_F1: f64 = 0.93;
const DEVSET_MIN_F1: f64 = 0.97;
