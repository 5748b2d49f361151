//! The shipped examples run as a user would run them, with their figures checked
//! against independent scripts that read the same files without roi.

use crate::{code, roi, root, run_python, stdout, transcript};

#[test]
fn shop_downloads_match_an_independent_reading() {
    let config = "examples/shop-downloads/roi.toml";
    let script =
        std::fs::read_to_string(root().join("examples/shop-downloads/expected.py")).unwrap();
    let expected: serde_json::Value = serde_json::from_str(&run_python(
        &script.replace(
            "Path(__file__).parent",
            &format!(
                "Path({:?})",
                root().join("examples/shop-downloads").to_string_lossy()
            ),
        ),
        &[],
    ))
    .unwrap();
    let kpi = |args: &[&str]| {
        let mut all = vec!["kpi"];
        all.extend(args);
        all.extend(["--config", config]);
        let out = roi(&all);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        stdout(&out).trim().parse::<f64>().unwrap()
    };
    let want = |key: &str| expected[key].as_str().unwrap().parse::<f64>().unwrap();
    let close = |a: f64, b: f64| assert!((a - b).abs() < 1e-6 * b.abs().max(1.0), "{a} != {b}");
    close(
        kpi(&["leads", "--where", "platform=facebook"]),
        want("leads"),
    );
    close(kpi(&["cpl", "--where", "platform=facebook"]), want("cpl"));
    close(
        kpi(&[
            "web_traffic",
            "--where",
            "platform=facebook",
            "--where",
            "landing_page=/san-pham-moi",
        ]),
        want("facebook_sessions_new_items"),
    );
    close(
        kpi(&["video_views", "--where", "platform=tiktok"]),
        want("tiktok_views"),
    );
    close(kpi(&["spend"]), want("spend_vnd_with_fx"));
    close(kpi(&["share_of_voice"]), want("share_of_voice"));
    close(kpi(&["net_sentiment"]), want("net_sentiment"));

    let out = roi(&["insights", "--config", config, "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let insights: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    for group in insights["by_content_type"].as_array().unwrap() {
        let kind = group["key"].as_str().unwrap();
        close(
            group["engagement_rate"].as_f64().unwrap(),
            expected["engagement_rate_by_type"][kind]
                .as_str()
                .unwrap()
                .parse()
                .unwrap(),
        );
        assert_eq!(group["posts"], expected["posts_by_type"][kind], "{kind}");
    }
    let at_20 = insights["follower_hours"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["hour"] == 20)
        .unwrap();
    close(
        at_20["active_followers"].as_f64().unwrap(),
        want("active_followers_20h"),
    );
}

#[test]
fn shop_downloads_report() {
    let out = roi(&[
        "report",
        "--config",
        "examples/shop-downloads/roi.toml",
        "--as-of",
        "2026-08-21",
        "--by",
        "platform",
    ]);
    assert_eq!(code(&out), 0);
    insta::assert_snapshot!(transcript(&out));
}

#[test]
fn seeds_goals_end_in_the_documented_statuses() {
    // examples/README.md, worked by hand from examples/seeds/generate.py.
    let expected = [
        ("fb-reach-aug", "on_track", "achieved"),
        ("pinterest-new-items-q4", "not_started", "at_risk"),
        ("leads-facebook-bts", "at_risk", "missed"),
        ("leads-twitter-bts", "on_track", "achieved"),
        ("influencers-unpaid-q3", "at_risk", "missed"),
        ("influencers-paid-q3", "no_data", "achieved"),
        ("skateboard-sales-q3", "on_track", "achieved"),
        ("fb-cpl-q4", "not_started", "behind"),
        ("tiktok-followers-q4", "not_started", "on_track"),
    ];
    for (goal, august, november) in expected {
        for (as_of, want) in [("2026-08-20", august), ("2026-11-24", november)] {
            let out = roi(&[
                "status",
                goal,
                "--config",
                "examples/seeds/roi.toml",
                "--as-of",
                as_of,
            ]);
            assert_eq!(stdout(&out).trim(), want, "{goal} as of {as_of}");
        }
    }
    let json = roi(&[
        "check",
        "--config",
        "examples/seeds/roi.toml",
        "--as-of",
        "2026-11-24",
        "--format",
        "json",
    ]);
    assert_eq!(code(&json), 1);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        json["failed"],
        serde_json::json!(["leads-facebook-bts", "fb-cpl-q4"])
    );
    assert_eq!(json["warned"], serde_json::json!(["influencers-unpaid-q3"]));
    let goal = |id: &str| {
        json["goals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(goal("fb-reach-aug")["target"], 86_800.0);
    assert_eq!(goal("pinterest-new-items-q4")["forecast"], 1288.0);
    assert_eq!(goal("skateboard-sales-q3")["baseline"], 9100.0);
    assert_eq!(goal("skateboard-sales-q3")["current"], 10_580.0);
    assert_eq!(goal("tiktok-followers-q4")["current"], 408.0);
    assert_eq!(
        code(&roi(&[
            "check",
            "--config",
            "examples/seeds/roi.toml",
            "--as-of",
            "2026-08-20"
        ])),
        0
    );
}

#[test]
fn seeds_report() {
    let out = roi(&[
        "report",
        "--config",
        "examples/seeds/roi.toml",
        "--as-of",
        "2026-11-24",
    ]);
    assert_eq!(code(&out), 0);
    insta::assert_snapshot!(transcript(&out));
}

#[test]
fn a_longer_export_of_the_same_platform_does_not_stretch_a_goal() {
    // TikTok's follower activity runs to 21 August, its overview (video views) to
    // 20 August: the views goal is measured through the 20th, 20 of 31 days, so
    // expected by now = 1,200,000 × 20 / 31 = 774,193.55 and 723,310 views forecast
    // 723,310 / 20 × 31 = 1,121,130.5: within 10% of the target, at_risk.
    let out = roi(&[
        "status",
        "tiktok-views-aug",
        "--config",
        "examples/shop-downloads/roi.toml",
        "--as-of",
        "2026-08-21",
    ]);
    assert_eq!(stdout(&out).trim(), "at_risk", "{}", transcript(&out));
}
