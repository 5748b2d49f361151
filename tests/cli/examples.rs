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
