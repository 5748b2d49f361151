//! No input makes roi panic: real and fixture exports, mutated at random (bytes
//! flipped, lines cut, cells doubled), are read through detection and every importer;
//! each either reads or returns an error, never a panic.

use std::path::PathBuf;

use proptest::prelude::*;

use crate::root;

fn seeds() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut dirs = vec![root().join("fixtures"), root().join("examples")];
    let corpus = root().join("../shared/real-exports");
    if corpus.is_dir() {
        dirs.push(corpus);
    }
    for dir in dirs {
        for entry in walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
        {
            let p = entry.path();
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
            if entry.file_type().is_file() && ["csv", "json", "xlsx"].contains(&ext) {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                out.push((name, std::fs::read(p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip { at: usize, byte: u8 },
    Truncate { at: usize },
    DuplicateLine { line: usize },
    InsertDelimiters { at: usize, count: usize },
    InsertQuote { at: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Flip { at, byte }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        any::<usize>().prop_map(|line| Mutation::DuplicateLine { line }),
        (any::<usize>(), 1usize..5)
            .prop_map(|(at, count)| Mutation::InsertDelimiters { at, count }),
        any::<usize>().prop_map(|at| Mutation::InsertQuote { at }),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    if bytes.is_empty() {
        return;
    }
    let n = bytes.len();
    match *m {
        Mutation::Flip { at, byte } => bytes[at % n] = byte,
        Mutation::Truncate { at } => bytes.truncate(at % n),
        Mutation::DuplicateLine { line } => {
            let lines: Vec<&[u8]> = bytes.split(|b| *b == b'\n').collect();
            let pick = lines[line % lines.len()].to_vec();
            bytes.extend_from_slice(b"\n");
            bytes.extend_from_slice(&pick);
        }
        Mutation::InsertDelimiters { at, count } => {
            let at = at % n;
            for _ in 0..count {
                bytes.insert(at, b',');
            }
        }
        Mutation::InsertQuote { at } => bytes.insert(at % n, b'"'),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn mutated_exports_never_panic(pick in any::<usize>(), mutations in prop::collection::vec(mutation(), 1..4)) {
        let seeds = seeds();
        let (name, bytes) = &seeds[pick % seeds.len()];
        let mut bytes = bytes.clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        let dir = tempfile::tempdir().unwrap();
        let path: PathBuf = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let options = roi::input::ReadOptions { year: Some(2026), ..Default::default() };
        // Either outcome is fine; a panic fails the test.
        if let Ok(dataset) = roi::input::load(&[path], &options) {
            let config = roi::settings::Config::default();
            let scope = roi::report::Scope {
                as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
                filter: roi::dataset::Filter::default(),
                window: None,
                by: vec![roi::report::GroupBy::Month],
                kpis: Vec::new(),
                trend: roi::report::TrendGrain::Auto,
                insights: true,
            };
            let _ = roi::report::build(&config, &dataset, &scope);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn mutated_configs_never_panic(pick in 0usize..4, mutations in prop::collection::vec(mutation(), 1..4)) {
        let files = [
            "examples/seeds/roi.toml",
            "examples/shop-downloads/roi.toml",
            "examples/vi/roi.toml",
            "fixtures/goals/roi.toml",
        ];
        let mut bytes = std::fs::read(root().join(files[pick])).unwrap();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        let text = String::from_utf8_lossy(&bytes);
        let _ = roi::settings::Config::parse(&text, "roi.toml");
    }

    #[test]
    fn arbitrary_formulas_never_panic(text in "[a-z_()+*/ .0-9-]{0,40}") {
        if let Ok(expr) = roi::kpi::formula::parse(&text) {
            // What parses displays back to an equal formula.
            prop_assert_eq!(roi::kpi::formula::parse(&expr.to_string()).ok(), Some(expr));
        }
    }
}

/// Every input the fuzzers kept (seeds, and any crash they ever found, under
/// `fuzz/artifacts/`) is a regression test: read without a panic.
#[test]
fn fuzz_corpus_and_crashes_never_panic() {
    let mut checked = 0;
    for dir in ["fuzz/corpus/import", "fuzz/artifacts/import"] {
        let Ok(entries) = std::fs::read_dir(root().join(dir)) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let data = std::fs::read(entry.path()).unwrap();
            let (name, body) = match data.split_first() {
                Some((b, rest)) if b % 2 == 0 => ("export.csv", rest),
                Some((_, rest)) => ("export.json", rest),
                None => ("export.csv", &data[..]),
            };
            let options = roi::input::ReadOptions {
                year: Some(2026),
                ..Default::default()
            };
            let _ = roi::input::load_bytes(std::path::Path::new(name), body, &options);
            checked += 1;
        }
    }
    for dir in ["fuzz/corpus/config", "fuzz/artifacts/config"] {
        let Ok(entries) = std::fs::read_dir(root().join(dir)) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let text = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).into_owned();
            let _ = roi::settings::Config::parse(&text, "roi.toml");
            checked += 1;
        }
    }
    assert!(checked >= 30, "only {checked} corpus files were read");
}
