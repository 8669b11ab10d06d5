//! Shared helpers: the binary in a fresh temporary folder, and the `../shared` folder when present.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

/// The `../shared` folder beside the project, when this machine has it.
pub fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    p.join("seeds/gold.jsonl")
        .exists()
        .then(|| p.canonicalize().unwrap())
}

/// A temporary working folder and the built binary.
pub struct Workdir {
    pub dir: tempfile::TempDir,
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    pub fn path(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
    }
    pub fn write(&self, p: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, content).unwrap();
        path
    }
    pub fn cmd(&self) -> assert_cmd::Command {
        let mut c = assert_cmd::Command::cargo_bin("rangefinder").unwrap();
        c.current_dir(self.dir.path()).env("NO_COLOR", "1");
        c
    }
    /// Runs and returns the output, printing the command and its streams on failure.
    pub fn run(&self, args: &[&str]) -> Output {
        let out = self.cmd().args(args).output().unwrap();
        if !out.status.success() {
            eprintln!(
                "$ rangefinder {}\n--- stdout\n{}\n--- stderr\n{}",
                args.join(" "),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        out
    }
}
