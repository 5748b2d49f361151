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

/// Which file each entry of `tests/conformance/independent.py` describes.
const FILES: &[(&str, &str)] = &[
    (
        "twitter",
        "twitter/tweet_activity_metrics_TCORSStgOrg_20170401_20170408_en.csv",
    ),
    (
        "facebook-page",
        "facebook-page/Facebook Insights Data Export (Post Level) - USC Clinical Trials - 2017-01-19.csv",
    ),
    ("meta-ads", "meta-ads/facebook_ads_manager.csv"),
    (
        "instagram-content",
        "instagram-meta-business-suite/Contenido_Posts_Feb24_Mar23.csv",
    ),
    (
        "instagram-reach-series",
        "instagram-meta-business-suite/Alcance.csv",
    ),
    ("tiktok-overview", "tiktok/Overview.csv"),
    ("tiktok-content", "tiktok/Content.csv"),
    ("tiktok-followers", "tiktok/FollowerHistory.csv"),
    ("youtube-table", "youtube-studio/Table data.csv"),
    ("youtube-chart", "youtube-studio/Chart data.csv"),
    (
        "google-ads",
        "google-ads/intragoinc-cp-mktg-google-ads-i/Campaign report.csv",
    ),
    ("ga4", "ga4/LilyHeAsamiko-GA4/data-export.csv"),
];

#[test]
fn figures_match_an_independent_reading() {
    let corpus = corpus();
    let script = std::fs::read_to_string(root().join("tests/conformance/independent.py")).unwrap();
    let expected: serde_json::Value =
        serde_json::from_str(&crate::run_python(&script, &[corpus.to_str().unwrap()])).unwrap();
    assert_eq!(
        expected.as_object().unwrap().len(),
        FILES.len(),
        "every file is described"
    );
    for (key, rel) in FILES {
        let want = &expected[key];
        let path = corpus.join(rel);
        let path = path.to_str().unwrap();
        let inspect = roi(&["inspect", path, "--year", "2026", "--format", "json"]);
        assert_eq!(code(&inspect), 0, "{rel}: {}", transcript(&inspect));
        let file: serde_json::Value = serde_json::from_slice(&inspect.stdout).unwrap();
        let file = &file["files"][0];
        assert_eq!(file["rows_read"], want["rows"], "{rel}: rows");
        let skipped: u64 = file["skipped"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["rows"].as_u64().unwrap())
            .sum();
        assert_eq!(
            serde_json::json!(skipped),
            want["skipped"],
            "{rel}: skipped rows"
        );
        if let Some(dates) = want["dates"].as_array() {
            assert_eq!(file["first_date"], dates[0], "{rel}: first date");
            assert_eq!(file["last_date"], dates[1], "{rel}: last date");
        }
        // Year-less files: month and day as written, whatever year roi chose.
        for (field, which) in [("first_date", "first"), ("last_date", "last")] {
            if let Some(md) = want[which].as_array() {
                let date = file[field].as_str().unwrap();
                assert_eq!(
                    format!(
                        "{:02}-{:02}",
                        md[0].as_u64().unwrap(),
                        md[1].as_u64().unwrap()
                    ),
                    date[5..],
                    "{rel}: {which} month and day"
                );
            }
        }
        for (metric, sum) in want["sums"].as_object().into_iter().flatten() {
            let out = roi(&["kpi", metric, path, "--year", "2026"]);
            let got: f64 = stdout(&out).trim().parse().unwrap_or(f64::NAN);
            let sum: f64 = sum.as_str().unwrap().parse().unwrap();
            assert!(
                (got - sum).abs() < 1e-6,
                "{rel}: {metric} is {got}, the independent reading says {sum}"
            );
        }
    }
    // TikTok's stock: the last known follower count.
    let out = roi(&[
        "kpi",
        "follower_count",
        corpus.join("tiktok/FollowerHistory.csv").to_str().unwrap(),
        "--year",
        "2026",
    ]);
    assert_eq!(
        stdout(&out).trim(),
        expected["tiktok-followers"]["last_followers"]
            .as_str()
            .unwrap()
    );
}

/// Different exports of the same account and day are different observations: read
/// together, TikTok's overview and follower history both count. Its content export
/// is the overview's finer level (as X's is): every one of its 13 posts was
/// published on a day of the overview (Feb 28 2025 – Feb 27 2026), whose likes,
/// comments, shares and views hold the post's, so the posts are not counted again.
#[test]
fn different_exports_of_the_same_days_all_count_but_levels_are_not_added() {
    let folder = corpus().join("tiktok");
    let folder = folder.to_str().unwrap();
    let kpi = |name: &str| {
        let out = roi(&["kpi", name, folder, "--year", "2026"]);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        stdout(&out).trim().to_owned()
    };
    // Overview 23,673 (worked out by tests/conformance/independent.py); not + the
    // content's 4,063.
    assert_eq!(kpi("likes"), "23673");
    assert_eq!(kpi("follower_count"), "5013");
    let inspect = roi(&["inspect", folder, "--year", "2026", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&inspect.stdout).unwrap();
    for file in json["files"].as_array().unwrap() {
        let path = file["path"].as_str().unwrap();
        let replaced = if path.ends_with("Content.csv") { 13 } else { 0 };
        assert_eq!(file["rows_replaced"], replaced, "{path}");
    }
}

/// The real YouTube table data's `Total` row counts more than its 442 videos: views
/// 181,588 against 153,235 listed, watch time 243.645 against 204.8174 hours,
/// impressions 50,929 against 37,715 (each summed by hand from the file; its net
/// `Subscribers`, 97, agree). The listed rows count, and a warning says the total is
/// more.
#[test]
fn the_youtube_total_beyond_its_listed_videos_is_told() {
    let path = corpus().join("youtube-studio/Table data.csv");
    let out = roi(&["kpi", "video_views", path.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(stdout(&out), "153235\n");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(
            "the total row (line 2) and the sum of the rows listed differ: Views 181588 / \
             153235; Watch time (hours) 243.645 / 204.8174; Impressions 50929 / 37715 \
             (total / rows)"
        ),
        "{}",
        transcript(&out)
    );
}
