//! Goals on the edges the second review found, on `fixtures/goal-edges` (figures
//! worked by hand in its README.md): rows left out of the window.

use crate::{code, fixture, roi, roi_in, stdout, transcript};

/// `roi report --format json` of `config` as of a date: the goals by id, and the exit code.
fn goals(dir: &std::path::Path, config: &str, as_of: &str) -> Vec<serde_json::Value> {
    let out = roi_in(
        dir,
        &[
            "report", "--config", config, "--as-of", as_of, "--format", "json",
        ],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["goals"].as_array().unwrap().clone()
}

fn goal<'a>(goals: &'a [serde_json::Value], id: &str) -> &'a serde_json::Value {
    goals.iter().find(|g| g["id"] == id).unwrap()
}

fn close(v: &serde_json::Value, want: f64) {
    let got = v.as_f64().unwrap_or(f64::NAN);
    assert!((got - want).abs() < 1e-9, "{got} != {want}");
}

fn status(config: &str, goal: &str, as_of: &str) -> (String, i32) {
    let out = roi(&["status", goal, "--config", config, "--as-of", as_of]);
    (stdout(&out).trim().to_owned(), code(&out))
}

#[test]
fn rows_left_out_of_the_window_are_not_data() {
    // Weeks of 70 leads: 08-01..07 and 08-08..14 counted (140); 08-15..21 ends after
    // the as-of date 08-20, so it is left out and the counted data ends 08-14:
    // 14 days elapsed, forecast 140 / 14 × 31 = 310 >= 300.
    let weekly = fixture("goal-edges/weekly");
    let check = |dir: &std::path::Path| {
        let all = goals(dir, "roi.toml", "2026-08-20");
        let g = goal(&all, "leads-weekly");
        close(&g["current"], 140.0);
        assert_eq!(g["data_through"], "2026-08-14");
        assert_eq!(g["days_elapsed"], 14);
        close(&g["forecast"], 310.0);
        close(&g["expected_by_now"], 300.0 * 14.0 / 31.0);
        assert_eq!(g["rows_left_out"], 1);
        assert_eq!(g["status"], "on_track");
        assert!(g["warnings"].to_string().contains("data ends on 2026-08-14"));
    };
    check(&weekly);
    assert_eq!(
        status("fixtures/goal-edges/weekly/roi.toml", "leads-weekly", "2026-08-20"),
        ("on_track".to_owned(), 0)
    );

    // A fourth week after the as-of date does not make the left-out third one count
    // as covered: still through 08-14.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(weekly.join("roi.toml"), dir.path().join("roi.toml")).unwrap();
    let mut data = std::fs::read_to_string(weekly.join("data.csv")).unwrap();
    data.push_str("2026-08-22,2026-08-28,facebook,70\n");
    std::fs::write(dir.path().join("data.csv"), data).unwrap();
    check(dir.path());

    // Daily rows with a gap: a row after the as-of date still says the export covers
    // it, so the days without rows count as zero (10 leads on 08-01 and 08-03, then
    // 08-25): through 08-20, 20 days elapsed, forecast 20 / 20 × 31 = 31.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(weekly.join("roi.toml"), dir.path().join("roi.toml")).unwrap();
    std::fs::write(
        dir.path().join("data.csv"),
        "date,platform,leads\n2026-08-01,facebook,10\n2026-08-03,facebook,10\n2026-08-25,facebook,10\n",
    )
    .unwrap();
    let all = goals(dir.path(), "roi.toml", "2026-08-20");
    let g = goal(&all, "leads-weekly");
    assert_eq!(g["data_through"], "2026-08-20");
    assert_eq!(g["days_elapsed"], 20);
    close(&g["forecast"], 31.0);
}
