//! parse → run → exit code; the error is printed once.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match rangefinder::cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() {
                rangefinder::error::exit::USAGE
            } else {
                0
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let quiet = cli.quiet;
    match rangefinder::cmd::run(cli.into_command()) {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            let _ = quiet;
            eprintln!("rangefinder: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
