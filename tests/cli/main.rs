//! End-to-end tests: the built `roi` binary run on fixture folders, whole outputs
//! compared with reviewed snapshots. One test binary, one module per feature.

mod commands;
mod kpis;
mod properties;

use std::path::{Path, PathBuf};
use std::process::Output;

/// The repository root, where `fixtures/` and `examples/` are.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("fixtures").join(name)
}

/// Runs `roi` in `dir` with `args`, without colour and with a fixed environment.
pub fn roi_in(dir: &Path, args: &[&str]) -> Output {
    assert_cmd::Command::cargo_bin("roi")
        .expect("the roi binary is built")
        .current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("roi runs")
}

pub fn roi(args: &[&str]) -> Output {
    roi_in(&root(), args)
}

/// Everything a user sees, for a snapshot: exit code, stdout and stderr.
pub fn transcript(output: &Output) -> String {
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        output
            .status
            .code()
            .map_or("signal".to_owned(), |c| c.to_string()),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn code(output: &Output) -> i32 {
    output.status.code().unwrap_or(-1)
}
