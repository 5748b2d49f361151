//! `roi insights` against the figures worked by hand in fixtures/insights/README.md.

use serde_json::Value;

use crate::{code, fixture, roi, roi_in, stdout, transcript};

const POSTS: &str = "fixtures/insights/instagram-content.csv";

fn insights(args: &[&str]) -> Value {
    let mut all = vec![
        "insights",
        POSTS,
        "--min-posts",
        "2",
        "--top",
        "3",
        "--format",
        "json",
    ];
    all.extend(args);
    let out = roi(&all);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

/// (key, posts, engagements, engagement rate, rank) of a group.
type GroupRow = (String, u64, Option<f64>, Option<f64>, Option<u64>);

fn rows(groups: &Value) -> Vec<GroupRow> {
    groups
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["key"].as_str().unwrap().to_owned(),
                g["posts"].as_u64().unwrap(),
                g["engagements"].as_f64(),
                g["engagement_rate"].as_f64(),
                g["rank"].as_u64(),
            )
        })
        .collect()
}

fn row(key: &str, posts: u64, engagements: f64, reach: f64, rank: Option<u64>) -> GroupRow {
    (
        key.to_owned(),
        posts,
        Some(engagements),
        // As JSON writes it: without a double's 17th digit.
        Some(roi::render::denoised(engagements / reach)),
        rank,
    )
}

#[test]
fn groups_are_ratios_of_the_posts_sums() {
    let i = insights(&[]);
    assert_eq!(i["posts"], 8);
    assert_eq!(i["ranked_by"], "engagement_rate");
    assert_eq!(
        rows(&i["by_content_type"]),
        vec![
            row("carousel", 2, 280.0, 2500.0, Some(1)),
            row("image", 3, 300.0, 4200.0, Some(3)),
            row("reel", 3, 1200.0, 12000.0, Some(2)),
        ]
    );
    assert_eq!(
        rows(&i["by_length"]),
        vec![
            row("long_video", 1, 300.0, 3000.0, None),
            row("short_video", 2, 900.0, 9000.0, Some(1)),
            row("long_text", 1, 140.0, 2000.0, None),
            row("short_text", 4, 440.0, 4700.0, Some(2)),
        ]
    );
    let weekdays = rows(&i["by_weekday"]);
    assert_eq!(weekdays[0], row("monday", 2, 160.0, 2200.0, Some(3)));
    assert_eq!(weekdays[2], row("wednesday", 2, 900.0, 9000.0, Some(2)));
    assert_eq!(weekdays[5], row("saturday", 2, 280.0, 2500.0, Some(1)));
    assert_eq!(weekdays[1].4, None, "one post on Tuesday is too few");
    assert_eq!(weekdays[3].1, 0, "no post on Thursday");
    assert_eq!(
        rows(&i["by_hour"]),
        vec![
            row("09", 2, 160.0, 2200.0, Some(3)),
            row("10", 2, 280.0, 2500.0, Some(1)),
            row("12", 1, 140.0, 2000.0, None),
            row("19", 3, 1200.0, 12000.0, Some(2)),
        ]
    );
    let ids = |list: &Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids(&i["top_posts"]), ["1005", "1001", "1003"]);
    assert_eq!(ids(&i["bottom_posts"]), ["1006", "1002", "1008"]);
    assert_eq!(
        i["top_posts"][0]["value"].as_f64(),
        Some(roi::render::denoised(200.0 / 1500.0))
    );
    // Wednesday 19:00 holds 1003 and 1007: 900 engagements over 2 posts.
    let cell = i["grid"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["weekday"] == 3 && c["hour"] == 19)
        .unwrap();
    assert_eq!(cell["posts"], 2);
    assert_eq!(cell["engagements_per_post"], 450.0);
}

#[test]
fn thresholds_come_from_the_config_and_flags() {
    // With the default of 5 posts, no group is ranked.
    let out = roi(&["insights", POSTS, "--format", "json"]);
    let i: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(
        i["by_content_type"]
            .as_array()
            .unwrap()
            .iter()
            .all(|g| g["too_few_posts"] == true && g["rank"].is_null())
    );
    // A 40-second limit makes 1007 (45 s) a long video.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("roi.toml"),
        "[insights]\nshort_video_seconds = 40\nmin_posts = 1\nrank_by = \"engagements\"\n",
    )
    .unwrap();
    let posts = crate::root().join(POSTS);
    let out = roi_in(
        dir.path(),
        &["insights", posts.to_str().unwrap(), "--format", "json"],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let i: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        rows(&i["by_length"]),
        vec![
            // 1004 (90 s) and 1007 (45 s), then 1003 (30 s): both at 0.1, one rank.
            row("long_video", 2, 700.0, 7000.0, Some(1)),
            row("short_video", 1, 500.0, 5000.0, Some(1)),
            row("long_text", 1, 140.0, 2000.0, Some(4)),
            row("short_text", 4, 440.0, 4700.0, Some(3)),
        ]
    );
    assert_eq!(i["rank_by"], "engagements");
    assert_eq!(i["top_posts"][0]["id"], "1003");
}

/// A length in seconds is a number of its file: `1.245` in a Vietnamese Business
/// Suite export and `1,245` in an English one are 1,245 seconds, long videos.
#[test]
fn video_lengths_with_thousands_separators_are_whole_seconds() {
    for file in ["noi-dung-vi.csv", "content-en.csv"] {
        let f = crate::fixture("insights/durations").join(file);
        let args = ["insights", f.to_str().unwrap(), "--min-posts", "1"];
        let out = roi(&[&args[..], &["--format", "json"]].concat());
        assert_eq!(code(&out), 0, "{file}: {}", transcript(&out));
        let i: Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert_eq!(
            rows(&i["by_length"]),
            vec![
                row("long_video", 2, 3400.0, 41000.0, Some(1)),
                row("short_video", 1, 60.0, 1000.0, Some(2)),
            ],
            "{file}"
        );
        let out = roi(&["normalize", f.to_str().unwrap(), "--format", "json"]);
        let rows: Value = serde_json::from_str(&stdout(&out)).unwrap();
        let lengths: Vec<&str> = rows
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["video_duration"].as_str().unwrap())
            .collect();
        assert_eq!(lengths, ["1245", "2400", "45"], "{file}");
    }
}

#[test]
fn publish_times_move_to_the_account_time_zone() {
    // X writes `2015-09-01 14:00 +0000`; in Saigon (UTC+7) that is 21:00.
    let tweets = crate::root()
        .join("fixtures/importers/tweet_activity_metrics_shop_20150901_20151001_en.csv");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("roi.toml"),
        "[insights]\ntimezone = \"Asia/Ho_Chi_Minh\"\n",
    )
    .unwrap();
    let out = roi_in(
        dir.path(),
        &["insights", tweets.to_str().unwrap(), "--format", "json"],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let i: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(i["timezone"], "Asia/Ho_Chi_Minh");
    let hours: Vec<&str> = i["by_hour"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["key"].as_str().unwrap())
        .collect();
    assert_eq!(hours, ["16", "21"]);
}

#[test]
fn insights_tables_in_both_languages() {
    for lang in ["en", "vi"] {
        let out = roi(&[
            "insights",
            POSTS,
            "--min-posts",
            "2",
            "--top",
            "3",
            "--lang",
            lang,
        ]);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        insta::assert_snapshot!(format!("insights_{lang}"), transcript(&out));
    }
}

/// Markdown: a heading per section, pipe tables, the grid in a code block (the
/// figures are those of the tables above).
#[test]
fn insights_in_markdown() {
    let out = roi(&[
        "insights",
        POSTS,
        "--min-posts",
        "2",
        "--top",
        "3",
        "--format",
        "markdown",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    insta::assert_snapshot!("insights_markdown", transcript(&out));
}

#[test]
fn insights_refuse_bad_settings() {
    let dir = tempfile::tempdir().unwrap();
    for (toml, expected) in [
        (
            "[insights]\ntimezone = \"Mars/Olympus\"\n",
            "line 2, column 12: `[insights] timezone = Mars/Olympus` is not a time zone name",
        ),
        (
            "[insights]\nmin_posts = 1\ntimezone = \"GMT+7\"\n",
            "line 3, column 12: `[insights] timezone = GMT+7` is not a time zone name",
        ),
        (
            "[insights]\nrank_by = \"engagment_rate\"\n",
            "line 2, column 11: ",
        ),
        (
            "[insights]\nrank_by = \"engagment_rate\"\n",
            "did you mean `engagement_rate`",
        ),
    ] {
        std::fs::write(dir.path().join("roi.toml"), toml).unwrap();
        let out = roi_in(dir.path(), &["insights", "x.csv"]);
        assert_eq!(code(&out), 2, "{}", transcript(&out));
        assert!(transcript(&out).contains(expected), "{}", transcript(&out));
    }
    let out = roi(&["insights", POSTS, "--format", "csv"]);
    assert_eq!(code(&out), 2);
    assert!(transcript(&out).contains("`roi insights` writes table, json or markdown, not csv"));
}

/// Ranked by engagements, the lists show them once: reel 1003 has 400 + 30 + 50 + 20
/// = 500, image 1006 50 + 3 + 5 + 2 = 60 (`fixtures/insights/instagram-content.csv`).
#[test]
fn posts_ranked_by_engagements_show_them_once() {
    let out = roi(&[
        "insights",
        POSTS,
        "--rank-by",
        "engagements",
        "--top",
        "1",
        "--min-posts",
        "1",
        "--format",
        "markdown",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let text = stdout(&out);
    for row in [
        "| platform | post | content type | published | engagements |",
        "| instagram | https://www.instagram.com/reel/1003/ | reel | 2026-07-08 19:00 | 500 |",
        "| instagram | https://www.instagram.com/p/1006/ | image | 2026-07-13 09:15 | 60 |",
    ] {
        let found = text.lines().any(|l| {
            l.split('|').map(str::trim).collect::<Vec<_>>()
                == row.split('|').map(str::trim).collect::<Vec<_>>()
        });
        assert!(found, "{row}\n{text}");
    }
}

/// A post without reach has no share in its group's engagement rate, and is counted
/// among the posts in neither list (hand figures in fixtures/insights/README.md).
#[test]
fn a_post_without_reach_is_not_in_a_rate() {
    let out = roi(&[
        "insights",
        "fixtures/insights/without-reach/instagram-content.csv",
        "--min-posts",
        "1",
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let groups = &json["by_content_type"];
    let rate = |key: &str| {
        groups
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["key"] == key)
            .map(|g| (g["engagement_rate"].as_f64().unwrap(), g["rank"].as_u64()))
            .unwrap()
    };
    assert_eq!(rate("image"), (0.1, Some(2)));
    assert_eq!(rate("reel"), (0.15, Some(1)));
    assert_eq!(json["posts_unranked"], 1);
    let ids: Vec<&str> = json["top_posts"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["id"].as_str())
        .collect();
    assert!(!ids.iter().any(|id| id.ends_with("/2/")), "{ids:?}");
    // A reach of 0 is no reach either: image still 10 %, ranked 2.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(
        crate::root().join("fixtures/insights/without-reach/instagram-content.csv"),
    )
    .unwrap();
    let zero = text.replace("Lifetime,1,,100", "Lifetime,1,0,100");
    assert_ne!(zero, text);
    std::fs::write(dir.path().join("instagram-content.csv"), zero).unwrap();
    let out = roi_in(
        dir.path(),
        &[
            "insights",
            "instagram-content.csv",
            "--min-posts",
            "1",
            "--format",
            "json",
        ],
    );
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let image = json["by_content_type"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["key"] == "image")
        .unwrap()
        .clone();
    assert_eq!(
        (image["engagement_rate"].as_f64(), image["rank"].as_u64()),
        (Some(0.1), Some(2))
    );
}

/// `--from` and `--to` narrow posts by their publish date where the insights show
/// it: 20:30 UTC on 07-06 is 03:30 on 07-07 in Hanoi.
#[test]
fn the_window_is_the_local_publish_date() {
    let dir = crate::fixture("insights/timezone");
    let posts = |flags: &[&str]| {
        let mut args = vec!["insights", "--format", "json"];
        args.extend(flags);
        let out = roi_in(&dir, &args);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        serde_json::from_str::<Value>(&stdout(&out)).unwrap()["posts"].clone()
    };
    assert_eq!(posts(&["--to", "2026-07-06"]), 0);
    assert_eq!(posts(&["--from", "2026-07-07"]), 2);
    assert_eq!(posts(&[]), 2);
}

/// The Vietnamese example's Page export gives no duration for its 12 videos and
/// reels (`Thời lượng (giây)` empty, counted from the file): they have no length,
/// are left out of the length table only, and are counted as such.
#[test]
fn posts_without_a_length_are_counted() {
    let out = roi(&[
        "insights",
        "--config",
        "examples/vi/roi.toml",
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["posts"], 18);
    assert_eq!(json["posts_without_length"], 12);
    let in_lengths: u64 = json["by_length"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["posts"].as_u64().unwrap())
        .sum();
    assert_eq!(in_lengths, 18 - 12);
}

/// A CRM's contacts beside a content export: the contacts (ids, lifecycle stages)
/// are records, never posts; only the three Instagram posts are (README).
#[test]
fn crm_contacts_are_not_posts() {
    let out = roi(&[
        "insights",
        "fixtures/insights/crm-beside-posts",
        "--min-posts",
        "3",
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["posts"], 3);
    let types: Vec<String> = rows(&json["by_content_type"])
        .into_iter()
        .map(|r| r.0)
        .collect();
    assert_eq!(types, ["carousel", "reel"]);
}

/// Excel's `1.22158E+17` ids do not merge posts: their links tell them apart
/// (`fixtures/insights/README.md`, excel-ids).
#[test]
fn posts_whose_ids_excel_rounded_are_told_apart_by_their_links() {
    let f = fixture("insights/excel-ids/fb-content-excel-saved.csv");
    let out = roi(&[
        "insights",
        f.to_str().unwrap(),
        "--min-posts",
        "1",
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["posts"], 3);
    let group = |key: &str| {
        json["by_content_type"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["key"] == key)
            .unwrap()
            .clone()
    };
    assert_eq!(group("video")["engagements"], 305.0);
    assert!((group("video")["engagement_rate"].as_f64().unwrap() - 305.0 / 4000.0).abs() < 1e-9);
    assert_eq!(group("image")["posts"], 2);
    assert!((group("image")["engagement_rate"].as_f64().unwrap() - 205.0 / 3000.0).abs() < 1e-9);
}

/// A cost is best when lowest; posts in two currencies are not ordered without
/// rates (`fixtures/insights/README.md`, ranking).
#[test]
fn posts_ranked_by_a_cost_lowest_first_and_never_across_currencies() {
    let dir = fixture("insights/ranking");
    let out = roi_in(
        &dir,
        &[
            "insights",
            "--rank-by",
            "cpc",
            "--top",
            "2",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids = |list: &str| -> Vec<String> {
        json[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids("top_posts"), ["p3", "p1"]);
    assert_eq!(ids("bottom_posts"), ["p2"]);
    assert!((json["top_posts"][0]["value"].as_f64().unwrap() - 0.05).abs() < 1e-12);
    assert_eq!(json["top_posts"][0]["currency"], "USD");

    // The file alone: USD and VND.
    let alone = tempfile::tempdir().unwrap();
    std::fs::copy(dir.join("posts.csv"), alone.path().join("posts.csv")).unwrap();
    let out = roi_in(alone.path(), &["insights", "posts.csv", "--rank-by", "cpc"]);
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("`cpc` mixes currencies (USD, VND)"),
        "{}",
        transcript(&out)
    );
    std::fs::write(
        alone.path().join("roi.toml"),
        "inputs = [\"posts.csv\"]\n[insights]\nrank_by = \"cpc\"\n",
    )
    .unwrap();
    let out = roi_in(alone.path(), &["report"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let text = transcript(&out);
    assert!(text.contains("cpc (USD, VND) mixes currencies"), "{text}");
    assert!(!text.contains("Best posts"), "{text}");
}

/// TikTok's content export: every row a video, with or without a time of day.
#[test]
fn tiktok_videos_are_posts_without_a_time_of_day() {
    let f = fixture("importers/tiktok-content-jan03.csv");
    let out = roi(&[
        "insights",
        f.to_str().unwrap(),
        "--year",
        "2026",
        "--min-posts",
        "1",
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["posts"], 3);
    assert_eq!(json["posts_without_time"], 3);
    assert_eq!(json["by_content_type"][0]["key"], "video");
    assert_eq!(json["by_content_type"][0]["engagements"], 39.0);
}

/// Vietnamese 12-hour times: `SA` is AM, `CH` PM (fixtures/twelve-hour/README.md).
#[test]
fn vietnamese_twelve_hour_publish_times() {
    let file = fixture("twelve-hour").join("vi-sa-ch.csv");
    let out = roi(&[
        "insights",
        file.to_str().unwrap(),
        "--min-posts",
        "2",
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let i: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let ranked: Vec<GroupRow> = rows(&i["by_hour"])
        .into_iter()
        .filter(|r| r.1 >= 2)
        .collect();
    assert_eq!(
        ranked,
        vec![
            row("00", 2, 618.0, 7700.0, Some(3)),
            row("12", 2, 665.0, 6000.0, Some(1)),
            row("20", 2, 1555.0, 21000.0, Some(4)),
            row("23", 2, 1170.0, 14000.0, Some(2)),
        ]
    );
    let hours: Vec<&str> = i["by_hour"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        hours,
        ["00", "01", "08", "09", "11", "12", "19", "20", "21", "23"]
    );
}

/// YouTube's table data and chart data are two levels of one export: a video's
/// views are counted once (fixtures/insights/README.md, youtube-levels).
#[test]
fn a_post_counts_one_level_of_its_export() {
    let dir = fixture("insights/youtube-levels");
    let out = roi_in(&dir, &["insights", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let figures = |json: &Value| -> Vec<(String, f64, f64)> {
        json["top_posts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["id"].as_str().unwrap().to_owned(),
                    p["value"].as_f64().unwrap(),
                    p["engagements"].as_f64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(json["rank_by"], "view_engagement");
    assert_eq!(
        figures(&json),
        [
            ("vid00000011".to_owned(), 48.0 / 400.0, 48.0),
            ("vid00000012".to_owned(), 24.0 / 200.0, 24.0),
        ]
    );
    let out = roi_in(
        &dir,
        &["insights", "--rank-by", "video_views", "--format", "json"],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        figures(&json),
        [
            ("vid00000011".to_owned(), 400.0, 48.0),
            ("vid00000012".to_owned(), 200.0, 24.0),
        ]
    );
}

/// A `--rank-by` no post has a value of is replaced with a note, not silently.
#[test]
fn a_named_ranking_kpi_without_values_is_noted() {
    let out = roi(&["insights", POSTS, "--rank-by", "cpc"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "roi: no post has a value of cpc (a cost needs spend, a rate its divisor): \
         the best and worst posts are ranked by engagement_rate"
    );
    assert!(stdout(&out).contains("Best posts by engagement_rate"));
    let json = insights(&["--rank-by", "cpc"]);
    assert_eq!(json["rank_by"], "engagement_rate");
    assert_eq!(json["rank_by_requested"], "cpc");
    // The default's fallbacks are documented: no note.
    assert!(insights(&[]).get("rank_by_requested").is_none());
}

/// A window or filter that keeps no post says so, not that the file has no posts.
#[test]
fn a_selection_without_posts_is_told_apart_from_no_posts() {
    let out = roi(&["insights", POSTS, "--from", "2027-01-01"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(
        stdout(&out).trim(),
        "No post in the selection: --where, --from and --to keep none of the inputs' \
         8 post(s), published 2026-07-06 ..= 2026-07-18."
    );
    let json = insights(&["--from", "2027-01-01"]);
    assert_eq!(
        json["unselected"],
        serde_json::json!({"posts": 8, "first": "2026-07-06", "last": "2026-07-18"})
    );
    let out = roi(&["insights", POSTS, "--where", "content_type=reel"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "roi: --where: no row of the inputs has content_type `reel` (did you mean `IG reel`?)"
    );
    assert!(stdout(&out).starts_with("No post in the selection"));
}

/// X's account analytics content export: each row is a post, dated by the day it
/// went out (no time of day), so it is counted by weekday and length
/// (`fixtures/insights/README.md`).
#[test]
fn x_account_analytics_content_rows_are_posts() {
    let f = "fixtures/insights/x-account-content_2024-02-18_2024-03-10.csv";
    let out = roi(&["insights", f, "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let i: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(i["posts"], 3);
    assert_eq!(i["posts_without_time"], 3);
    let weekdays: Vec<(String, u64, Option<f64>)> = i["by_weekday"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["key"].as_str().unwrap().to_owned(),
                g["posts"].as_u64().unwrap(),
                g["engagements"].as_f64(),
            )
        })
        .filter(|(_, posts, _)| *posts > 0)
        .collect();
    assert_eq!(
        weekdays,
        [
            ("thursday".to_owned(), 1, Some(28.0)),
            ("saturday".to_owned(), 1, Some(44.0)),
            ("sunday".to_owned(), 1, Some(13.0)),
        ]
    );
    let lengths = rows(&i["by_length"]);
    assert_eq!(lengths.len(), 1);
    assert_eq!(
        (lengths[0].0.as_str(), lengths[0].1, lengths[0].2),
        ("short_text", 3, Some(85.0))
    );
    // `roi report` shows their content-type table too.
    let out = roi(&["report", f, "--trend", "off"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert!(
        stdout(&out).contains("By content type"),
        "{}",
        transcript(&out)
    );
}
