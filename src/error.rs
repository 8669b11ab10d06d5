//! One error type for the whole program, and the documented exit codes.

use std::fmt;
use std::path::{Path, PathBuf};

/// Exit codes (stable; documented in the README).
pub mod exit {
    /// Everything worked.
    pub const OK: u8 = 0;
    /// A run-time failure (I/O, a bug, something unexpected).
    pub const FAILURE: u8 = 1;
    /// The command line was wrong (clap's own code).
    pub const USAGE: u8 = 2;
    /// An input file was unreadable or malformed (with `--strict`: any problem in any input).
    pub const INPUT: u8 = 3;
    /// The output already exists and `--force` was not given.
    pub const EXISTS: u8 = 4;
    /// Some items of a batch failed; the others were written.
    pub const PARTIAL: u8 = 5;
}

#[derive(Debug)]
pub enum Error {
    /// A file could not be read or written.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// An input was malformed: the file, and the line or record where known.
    Input {
        path: PathBuf,
        line: Option<u64>,
        msg: String,
    },
    /// The output is already there.
    Exists { path: PathBuf },
    /// Some batch items failed.
    Partial { failed: usize, total: usize },
    /// Anything else, with context.
    Other(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.as_ref().to_path_buf(),
            source,
        }
    }
    pub fn input(path: impl AsRef<Path>, line: Option<u64>, msg: impl Into<String>) -> Error {
        Error::Input {
            path: path.as_ref().to_path_buf(),
            line,
            msg: msg.into(),
        }
    }
    pub fn other(msg: impl Into<String>) -> Error {
        Error::Other(msg.into())
    }
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Io { .. } | Error::Other(_) => exit::FAILURE,
            Error::Input { .. } => exit::INPUT,
            Error::Exists { .. } => exit::EXISTS,
            Error::Partial { .. } => exit::PARTIAL,
        }
    }
    /// True for a write to a closed pipe (`rangefinder … | head`), which is not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {}", path.display(), source),
            Error::Input {
                path,
                line: Some(l),
                msg,
            } => write!(f, "{}:{}: {}", path.display(), l, msg),
            Error::Input {
                path,
                line: None,
                msg,
            } => write!(f, "{}: {}", path.display(), msg),
            Error::Exists { path } => write!(
                f,
                "{} already exists; pass --force to replace it",
                path.display()
            ),
            Error::Partial { failed, total } => write!(f, "{failed} of {total} batch items failed"),
            Error::Other(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
