//! Rows merged as they are read (bounded memory on huge exports) change no output:
//! every command that merges gives the same bytes with `ROI_NO_MERGE=1`, which
//! keeps every row as read.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use roi::dataset::Dataset;
use roi::input::ReadOptions;
use roi::model::Dimension;
use roi::normalize::Keep;

use crate::{code, roi_with, root, transcript};

/// Runs `roi` both ways: rows merged where the command allows it, and never.
fn both_ways(dir: &Path, args: &[&str]) -> (String, String) {
    let merged = roi_with(dir, &[], args);
    let as_read = roi_with(dir, &[("ROI_NO_MERGE", "1")], args);
    (transcript(&merged), transcript(&as_read))
}

/// The commands that merge rows, over the shipped fixtures and examples.
#[test]
fn merged_rows_change_no_output_of_fixtures_and_examples() {
    let commands: &[&[&str]] = &[
        &["report", "--format", "csv"],
        &["report", "--format", "csv", "--by", "platform"],
        &["report", "--format", "csv", "--by", "campaign,week"],
        &[
            "report",
            "--format",
            "csv",
            "--by",
            "content_type",
            "--where",
            "platform=facebook|instagram",
        ],
        &["report", "--format", "markdown", "--by", "platform,month"],
        &["report", "--format", "junit"],
        &["report", "--format", "json"],
        &["report", "--format", "json", "--by", "platform"],
        &["check", "--format", "json"],
        &["check"],
        &["kpi", "spend"],
        &["kpi", "reach"],
        &["kpi", "engagement_rate", "--where", "platform=facebook"],
        &["kpi", "followers"],
        &["kpi", "first_reply_seconds"],
    ];
    let mut cases: Vec<(PathBuf, Vec<String>)> = Vec::new();
    for entry in std::fs::read_dir(root().join("fixtures")).unwrap() {
        let dir = entry.unwrap().path();
        if dir.join("roi.toml").exists() {
            cases.push((dir, Vec::new()));
        } else {
            cases.push((root(), vec![dir.to_string_lossy().into_owned()]));
        }
    }
    for example in ["seeds", "shop-downloads", "vi"] {
        cases.push((root().join("examples").join(example), Vec::new()));
    }
    cases.sort();
    let differences: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = cases
            .iter()
            .map(|(dir, inputs)| {
                s.spawn(move || {
                    let mut found = String::new();
                    for as_of in ["2026-08-20", "2026-11-24"] {
                        for command in commands {
                            let mut args: Vec<&str> = command.to_vec();
                            args.extend(inputs.iter().map(String::as_str));
                            args.extend(["--as-of", as_of]);
                            let (merged, as_read) = both_ways(dir, &args);
                            if merged != as_read {
                                let _ = writeln!(
                                    found,
                                    "{} {args:?}\n--- merged\n{merged}\n--- as read\n{as_read}",
                                    dir.display()
                                );
                            }
                        }
                    }
                    found
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap())
            .filter(|d| !d.is_empty())
            .collect()
    });
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

/// A deterministic ad-level export: `rows` rows over 30 days, 2 platforms, 5
/// campaigns and 40 ads, a fifth of the rows without spend.
fn ad_export(rows: usize, first_day: u32) -> String {
    let mut seed: u64 = 7;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    let mut out = String::from(
        "date,platform,account,campaign,ad_set,ad,content_id,impressions,reach,link_clicks,spend,leads,currency\n",
    );
    for i in 0..rows {
        let day = first_day + (i % 30) as u32;
        let platform = ["facebook", "instagram"][next(2) as usize];
        let campaign = next(5);
        let ad = next(40);
        let spend = if next(5) == 0 {
            String::new()
        } else {
            format!("{}.{:02}", next(300), next(100))
        };
        let _ = writeln!(
            out,
            "2026-{:02}-{:02},{platform},shop,\"Campaign {campaign}, wave\",Set {},Ad {ad},{i},{},{},{},{spend},{},USD",
            7 + (day - 1) / 31,
            (day - 1) % 31 + 1,
            ad % 8,
            next(5000),
            next(3000),
            next(90),
            next(4),
        );
    }
    out
}

fn load(files: &[PathBuf], keep: Option<Keep>) -> Dataset {
    let options = ReadOptions {
        merge: keep,
        ..ReadOptions::default()
    };
    roi::input::load(files, &options).unwrap()
}

fn report_json(dataset: &Dataset, by: &[Dimension]) -> String {
    let scope = roi::report::Scope {
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 8, 20).unwrap(),
        filter: roi::dataset::Filter::default(),
        window: None,
        by: by.iter().map(|d| roi::report::GroupBy::Dim(*d)).collect(),
        kpis: Vec::new(),
        trend: roi::report::TrendGrain::Off,
        insights: false,
    };
    let config = roi::settings::Config::default();
    let report = roi::report::build(&config, dataset, &scope).unwrap();
    serde_json::to_string_pretty(&report).unwrap()
}

#[test]
fn a_large_ad_export_merges_to_a_few_rows_with_the_same_report() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ads.csv");
    std::fs::write(&path, ad_export(5_000, 1)).unwrap();
    let files = [path.clone()];

    let as_read = load(&files, None);
    let merged = load(&files, Some(Keep::new([Dimension::Campaign])));
    assert_eq!(as_read.rows.len(), 5_000);
    // 30 days × 2 platforms × 5 campaigns × with or without spend.
    assert!(merged.rows.len() <= 600, "{} rows", merged.rows.len());
    assert!(merged.rows.iter().any(|r| r.count > 1));
    assert_eq!(merged.input_rows(), 5_000);
    assert_eq!(merged.files[0].rows_read, 5_000);
    for by in [&[Dimension::Campaign][..], &[Dimension::Platform], &[]] {
        assert_eq!(
            report_json(&merged, by),
            report_json(&as_read, by),
            "{by:?}"
        );
    }

    // The command line merges too, and says the same.
    let file = path.to_string_lossy().into_owned();
    let file = file.as_str();
    let as_of = ["--as-of", "2026-08-20"];
    for args in [
        &["report", file, "--by", "platform", "--format", "csv"][..],
        &[
            "report",
            file,
            "--by",
            "campaign,week",
            "--format",
            "markdown",
        ],
        &[
            "report",
            file,
            "--by",
            "platform,ad_set",
            "--where",
            "campaign=Campaign 3, wave",
            "--format",
            "csv",
        ],
        &["kpi", "cpl", file, "--where", "platform=instagram"],
        &[
            "kpi",
            "reach",
            file,
            "--from",
            "2026-07-03",
            "--to",
            "2026-07-20",
        ],
    ] {
        let args: Vec<&str> = args.iter().chain(&as_of).copied().collect();
        let (merged, as_read) = both_ways(&root(), &args);
        assert!(merged.starts_with("exit: 0"), "{merged}");
        assert_eq!(merged, as_read, "{args:?}");
    }
    let out = roi_with(
        &root(),
        &[],
        &["report", file, "--by", "platform", "--format", "csv"],
    );
    assert_eq!(code(&out), 0);
    let rows: u64 = crate::stdout(&out)
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap().parse::<u64>().unwrap())
        .sum();
    assert_eq!(rows, 5_000, "groups count input rows, not merged rows");
}

#[test]
fn overlapping_exports_of_one_kind_are_read_again_unmerged() {
    let dir = tempfile::tempdir().unwrap();
    // Two downloads of the same export over the same dates, the second with more
    // rows: its rows replace the first's where they are the same observation.
    let first = dir.path().join("a.csv");
    let second = dir.path().join("b.csv");
    std::fs::write(&first, ad_export(600, 1)).unwrap();
    std::fs::write(&second, ad_export(900, 1)).unwrap();
    let files = [first, second];
    let keep = Some(Keep::new([Dimension::Campaign]));

    let as_read = load(&files, None);
    let merged = load(&files, keep);
    assert_eq!(as_read.files[0].rows_replaced, 600);
    assert_eq!(merged.rows.len(), as_read.rows.len(), "kept as read");
    assert!(merged.rows.iter().all(|r| r.count == 1));
    assert_eq!(
        report_json(&merged, &[Dimension::Campaign]),
        report_json(&as_read, &[Dimension::Campaign])
    );

    // Dates that do not overlap merge.
    let later = dir.path().join("c.csv");
    let earlier = dir.path().join("d.csv");
    std::fs::write(&earlier, ad_export(3_000, 1)).unwrap();
    std::fs::write(&later, ad_export(3_000, 31)).unwrap();
    let apart = [earlier, later];
    let merged = load(&apart, keep);
    assert!(merged.rows.len() <= 6_000 / 4, "{} rows", merged.rows.len());
    assert_eq!(merged.input_rows(), 6_000);
    assert_eq!(
        report_json(&merged, &[Dimension::Campaign]),
        report_json(&load(&apart, None), &[Dimension::Campaign])
    );
}

#[test]
fn standard_input_is_read_once_and_kept_as_read() {
    let export = ad_export(300, 1);
    let run = |env: &[(&str, &str)]| {
        let out = assert_cmd::Command::cargo_bin("roi")
            .unwrap()
            .current_dir(root())
            .env("NO_COLOR", "1")
            .envs(env.iter().copied())
            .args([
                "report",
                "-",
                "--by",
                "platform",
                "--format",
                "csv",
                "--as-of",
                "2026-08-20",
            ])
            .write_stdin(export.clone())
            .output()
            .unwrap();
        transcript(&out)
    };
    let merged = run(&[]);
    assert!(merged.starts_with("exit: 0"), "{merged}");
    assert_eq!(merged, run(&[("ROI_NO_MERGE", "1")]));
}

/// Files of one export at two levels, or with ranges that overlap, are read again
/// unmerged, so what replaces what is the same both ways.
#[test]
fn levels_and_overlapping_ranges_change_no_output_when_merged() {
    for dir in [
        "fixtures/overlap-cases/youtube-zip",
        "fixtures/overlap-cases/google-ads-levels",
        "fixtures/overlap-cases/ranges",
        // Posts, videos and contacts are their ids, whichever other dimensions a
        // merged run drops.
        "fixtures/overlap-cases/edited-tiktok",
        "fixtures/overlap-cases/edited-youtube",
        "fixtures/overlap-cases/edited-hubspot",
    ] {
        for by in ["platform", "campaign"] {
            let (merged, as_read) = both_ways(
                &root(),
                &[
                    "report",
                    dir,
                    "--format",
                    "csv",
                    "--by",
                    by,
                    "--as-of",
                    "2026-06-01",
                ],
            );
            assert!(merged.starts_with("exit: 0"), "{merged}");
            assert_eq!(merged, as_read, "{dir} --by {by}");
        }
    }
}
