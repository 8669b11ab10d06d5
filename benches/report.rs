//! Seeds → full report (read, extract, aggregate, charts, HTML/Markdown/JSON/CSV, write), the
//! median of 20 runs. Uses ../shared/seeds when present, else the built-in example.
//!
//! `cargo bench --bench report`

use rangefinder::cmd::{report, EstimateOpts};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let (inputs, manifest, what) = if seeds.join("manifest.csv").exists() {
        (
            vec![seeds.clone()],
            Some(seeds.join("manifest.csv")),
            "../shared/seeds",
        )
    } else {
        (Vec::new(), None, "the built-in example")
    };
    let tmp = tempfile::tempdir().unwrap();
    let mut times = Vec::new();
    for i in 0..20 {
        let args = report::Args {
            inputs: inputs.clone(),
            manifest: manifest.clone(),
            output: Some(tmp.path().join(format!("r{i}"))),
            name: None,
            now: None,
            est: EstimateOpts::default(),
            templates: None,
            previous: None,
            force: false,
            topic: None,
            strict: false,
            quiet: true,
        };
        let t = Instant::now();
        let w = report::build(args, &PathBuf::from("reports")).unwrap();
        times.push(t.elapsed().as_secs_f64());
        assert!(w.dir.join("index.html").exists());
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "{what} → full report: median {:.1} ms, min {:.1} ms, max {:.1} ms (20 runs)",
        times[10] * 1e3,
        times[0] * 1e3,
        times[19] * 1e3
    );
}
