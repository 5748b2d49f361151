//! Detection and every importer, on arbitrary bytes: an error is fine, a panic is not.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the file name's extension: the CSV and JSON paths.
    let (name, body) = match data.split_first() {
        Some((b, rest)) if b % 2 == 0 => ("export.csv", rest),
        Some((_, rest)) => ("export.json", rest),
        None => ("export.csv", data),
    };
    let options = roi::input::ReadOptions {
        year: Some(2026),
        ..Default::default()
    };
    // Every third input is also written to a file and read from disk with a tiny
    // head, so the streamed path (records read again on each pass) is fuzzed too:
    // on one thread, and cut into parts read on three, which must give the same.
    if data.len() % 3 == 0
        && let Ok(dir) = tempfile::tempdir()
    {
        let path = dir.path().join(name);
        if std::fs::write(&path, body).is_ok() {
            let read = |threads| {
                let streamed = roi::input::ReadOptions {
                    head_bytes: Some(64),
                    threads: std::num::NonZeroUsize::new(threads),
                    ..options.clone()
                };
                match roi::input::load(std::slice::from_ref(&path), &streamed) {
                    Ok(dataset) => {
                        let mut csv = Vec::new();
                        let _ = roi::render::normalized_csv(&dataset, &mut csv);
                        let lines: Vec<u64> = dataset.rows.iter().map(|r| r.line).collect();
                        let files = serde_json::to_string(&dataset.files).unwrap_or_default();
                        Ok((csv, lines, files))
                    }
                    Err(e) => Err(e.to_string()),
                }
            };
            assert_eq!(read(1), read(3), "read in parts");
        }
    }
    if let Ok(dataset) = roi::input::load_bytes(std::path::Path::new(name), body, &options) {
        let config = roi::settings::Config::default();
        let scope = roi::report::Scope {
            as_of: chrono_date(),
            filter: roi::dataset::Filter::default(),
            window: None,
            by: vec![roi::report::GroupBy::Month],
            kpis: Vec::new(),
            trend: roi::report::TrendGrain::Auto,
            insights: true,
        };
        let _ = roi::report::build(&config, &dataset, &scope);
    }
});

fn chrono_date() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default()
}
