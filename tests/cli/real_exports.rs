//! Conformance: every file in `../shared/real-exports/` (other people's real
//! downloads, read in place, never copied here) is read, and its row count, date
//! range and main sums equal the figures an independent script computed from the
//! file itself (`tests/conformance/expected.py` → `real-exports.json`).

use std::path::PathBuf;

use crate::{code, roi, root, stdout, transcript};

/// The corpus (`ROI_REAL_EXPORTS` overrides its place); its absence is a failure,
/// never a silent pass.
fn corpus() -> PathBuf {
    let dir = std::env::var_os("ROI_REAL_EXPORTS")
        .map_or_else(|| root().join("../shared/real-exports"), PathBuf::from);
    assert!(
        dir.is_dir(),
        "the conformance corpus is missing: expected {} (the shared folder beside the project)",
        dir.display()
    );
    dir
}

fn files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(corpus())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() != "README.md")
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.sort();
    files
}

#[test]
fn every_real_export_is_recognised_and_explained() {
    let files = files();
    assert!(
        files.len() >= 12,
        "expected the 12 files of the corpus, found {}",
        files.len()
    );
    let mut all = String::new();
    for file in &files {
        let rel = file
            .strip_prefix(corpus())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let out = roi(&["inspect", file.to_str().unwrap(), "--year", "2026"]);
        assert_eq!(code(&out), 0, "{rel}: {}", transcript(&out));
        let text = stdout(&out).replace(&corpus().to_string_lossy().into_owned(), "<corpus>");
        all.push_str(&text);
        all.push('\n');
    }
    insta::assert_snapshot!(all);
}
