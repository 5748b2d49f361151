//! End-to-end tests: the built `roi` binary run on fixture folders, whole outputs
//! compared with reviewed snapshots. One test binary, one module per feature.

mod bad_input;
mod ci;
mod commands;
mod examples;
mod goal_edges;
mod grouping;
mod html;
mod i18n;
mod importers;
mod insights;
mod kpis;
mod merging;
mod overlap;
mod parquet;
mod properties;
mod readme;
mod real_exports;
mod robustness;
mod schema;
mod sentiment;
mod sql;
mod streaming;

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
    roi_with(dir, &[], args)
}

/// [`roi_in`] with these environment variables set as well.
pub fn roi_with(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    assert_cmd::Command::cargo_bin("roi")
        .expect("the roi binary is built")
        .current_dir(dir)
        .envs(env.iter().copied())
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("roi runs")
}

/// The names of roi's commands, from its clap definition.
pub fn commands() -> Vec<String> {
    use clap::CommandFactory;
    roi::cli::Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect()
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

/// A Python with the independent checkers (junitparser, jsonschema), in a virtual
/// environment under `target/` that is created on first use.
pub fn python() -> PathBuf {
    static PYTHON: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    PYTHON
        .get_or_init(|| {
            let venv = root().join("target").join("pyenv");
            let bin = venv.join("bin").join("python");
            let ready = venv.join(".ready");
            if !ready.exists() {
                let status = std::process::Command::new("python3")
                    .args(["-m", "venv"])
                    .arg(&venv)
                    .status()
                    .expect("python3 is needed for the independent JUnit and JSON Schema checks");
                assert!(status.success(), "python3 -m venv failed");
                let status = std::process::Command::new(&bin)
                    .args([
                        "-m",
                        "pip",
                        "install",
                        "--quiet",
                        "--disable-pip-version-check",
                        "junitparser==3.2.0",
                        "jsonschema==4.23.0",
                        "pyyaml==6.0.2",
                    ])
                    .status()
                    .expect("pip runs");
                assert!(
                    status.success(),
                    "pip install of junitparser and jsonschema failed"
                );
                std::fs::write(&ready, "").unwrap();
            }
            bin
        })
        .clone()
}

/// Runs a Python snippet with arguments; panics with its stderr when it fails.
pub fn run_python(script: &str, args: &[&str]) -> String {
    let out = std::process::Command::new(python())
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "python check failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
