//! The commands end to end on the goal-status fixture (`fixtures/goals`, figures
//! worked by hand in its `expected.md`) and the seed articles' worked examples.

use crate::{code, fixture, roi, roi_in, stdout, transcript};
use std::process::Output;

const GOALS: &str = "fixtures/goals/roi.toml";

fn status(goal: &str, as_of: &str) -> (String, i32) {
    let out = roi(&["status", goal, "--config", GOALS, "--as-of", as_of]);
    (stdout(&out).trim().to_owned(), code(&out))
}

#[test]
fn every_status_at_chosen_dates() {
    // (goal, as-of, status, exit code); worked out in fixtures/goals/expected.md.
    let cases = [
        ("leads-500", "2026-08-20", "behind", 1),
        ("leads-330", "2026-08-20", "at_risk", 0),
        ("leads-300", "2026-08-20", "on_track", 0),
        ("leads-150", "2026-08-20", "achieved", 0),
        ("reach-aug", "2026-08-20", "on_track", 0),
        ("cpl-aug", "2026-08-20", "on_track", 0),
        ("tiktok-views", "2026-08-20", "no_data", 0),
        ("leads-500", "2026-09-05", "missed", 1),
        ("leads-150", "2026-09-05", "achieved", 0),
        ("cpl-aug", "2026-09-05", "achieved", 0),
        ("leads-500", "2026-08-25", "behind", 1),
        ("leads-500", "2026-07-15", "not_started", 0),
        ("reach-aug", "2026-07-31", "not_started", 0),
        // On the start day one day of data counts: 10 leads → forecast 310.
        ("leads-300", "2026-08-01", "on_track", 0),
        // The deadline day is inside the window.
        ("leads-150", "2026-08-31", "achieved", 0),
    ];
    for (goal, as_of, want, want_code) in cases {
        assert_eq!(
            status(goal, as_of),
            (want.to_owned(), want_code),
            "{goal} as of {as_of}"
        );
    }
}

#[test]
fn goal_figures_match_the_hand_computed_ones() {
    let out = roi(&[
        "report",
        "--config",
        GOALS,
        "--as-of",
        "2026-08-20",
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let goal = |id: &str| {
        json["goals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["id"] == id)
            .unwrap()
            .clone()
    };
    let close = |v: &serde_json::Value, want: f64| {
        let got = v.as_f64().unwrap_or(f64::NAN);
        assert!((got - want).abs() < 1e-6, "{got} != {want}");
    };
    let leads = goal("leads-500");
    close(&leads["current"], 200.0);
    close(&leads["forecast"], 310.0);
    close(&leads["expected_by_now"], 500.0 * 20.0 / 31.0);
    close(&leads["needed_per_day"], 300.0 / 11.0);
    close(&leads["progress"], 0.4);
    assert_eq!(leads["days_left"], 11);
    assert_eq!(leads["days_elapsed"], 20);
    assert_eq!(leads["data_through"], "2026-08-20");
    let reach = goal("reach-aug");
    close(&reach["baseline"], 31_000.0);
    close(&reach["target"], 43_400.0);
    close(&reach["current"], 30_000.0);
    close(&reach["forecast"], 46_500.0);
    assert_eq!(reach["baseline_window"]["from"], "2026-07-01");
    assert_eq!(reach["baseline_window"]["to"], "2026-07-31");
    let cpl = goal("cpl-aug");
    close(&cpl["current"], 4.0);
    assert_eq!(cpl["currency"], "USD");
    assert_eq!(cpl["direction"], "<=");
    assert!(goal("tiktok-views")["current"].is_null());
    assert_eq!(json["schema_version"], 1);
}

#[test]
fn stale_data_is_measured_through_its_last_date() {
    let out = roi(&[
        "report",
        "--config",
        GOALS,
        "--as-of",
        "2026-08-25",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let leads = &json["goals"][0];
    assert_eq!(leads["days_elapsed"], 20);
    assert_eq!(leads["days_left"], 6);
    assert_eq!(leads["forecast"], 310.0);
    let warnings = leads["warnings"].to_string();
    assert!(warnings.contains("data ends on 2026-08-20"), "{warnings}");
}

#[test]
fn report_table() {
    let out = roi(&["report", "--config", GOALS, "--as-of", "2026-08-20"]);
    insta::assert_snapshot!(transcript(&out));
}

#[test]
fn report_by_month_csv_and_markdown() {
    let csv = roi(&[
        "report",
        "--config",
        GOALS,
        "--as-of",
        "2026-08-20",
        "--by",
        "month",
        "--format",
        "csv",
    ]);
    insta::assert_snapshot!("report_by_month_csv", transcript(&csv));
    let md = roi(&[
        "report",
        "--config",
        GOALS,
        "--as-of",
        "2026-08-20",
        "--by",
        "platform",
        "--format",
        "markdown",
    ]);
    insta::assert_snapshot!("report_by_platform_markdown", transcript(&md));
}

#[test]
fn check_fails_on_behind_and_missed_goals() {
    let out = roi(&["check", "--config", GOALS, "--as-of", "2026-09-05"]);
    assert_eq!(code(&out), 1);
    insta::assert_snapshot!(transcript(&out));
}

#[test]
fn check_passes_when_no_goal_fails() {
    let dir = tempfile::tempdir().unwrap();
    let config = std::fs::read_to_string(fixture("goals/roi.toml")).unwrap();
    // Keep only the goals that pass as of 2026-08-20.
    let passing: Vec<&str> = config
        .split("[[goals]]")
        .filter(|part| !part.contains("\"leads-500\""))
        .collect();
    std::fs::write(dir.path().join("roi.toml"), passing.join("[[goals]]")).unwrap();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    std::fs::copy(
        fixture("goals/data/facebook.csv"),
        dir.path().join("data/facebook.csv"),
    )
    .unwrap();
    let out = roi_in(dir.path(), &["check", "--as-of", "2026-08-20"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert!(stdout(&out).contains("check passed: 6 goal(s)"));
}

#[test]
fn kpi_prints_one_plain_number() {
    let value = |args: &[&str]| {
        let out = roi(args);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        stdout(&out)
    };
    // The seed article's worked examples: 100×1 + 50×2 + 20×3 = 260 × $0.50 = $130;
    // $100 spent for 25 actions = $4 per action.
    assert_eq!(
        value(&["kpi", "emv", "fixtures/worked-examples/emv.csv"]),
        "130\n"
    );
    assert_eq!(
        value(&["kpi", "cpa", "fixtures/worked-examples/cpa.json"]),
        "4\n"
    );
    // July reach: 1000 × 31 days.
    assert_eq!(
        value(&[
            "kpi",
            "reach",
            "--config",
            GOALS,
            "--from",
            "2026-07-01",
            "--to",
            "2026-07-31",
        ]),
        "31000\n"
    );
    // August engagement-free ratios: leads 200 / spend 800 → cpl 4; leads per reach.
    assert_eq!(
        value(&[
            "kpi",
            "cpl",
            "--config",
            GOALS,
            "--where",
            "platform=FACEBOOK"
        ]),
        "4\n"
    );
    assert_eq!(
        value(&["kpi", "ctr", "--config", GOALS]),
        "n/a\n",
        "no clicks or impressions: no value"
    );
    let json = value(&["kpi", "spend", "--config", GOALS, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["value"], 800.0);
    assert_eq!(json["currency"], "USD");
    assert_eq!(json["unit"], "money");
    assert_eq!(json["rows"], 51);
}

#[test]
fn kpis_lists_the_catalogue() {
    let out = roi(&["kpis", "--format", "csv"]);
    insta::assert_snapshot!(transcript(&out));
}

#[test]
fn init_writes_a_starter_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let first = roi_in(dir.path(), &["init"]);
    assert_eq!(code(&first), 0, "{}", transcript(&first));
    let written = std::fs::read_to_string(dir.path().join("roi.toml")).unwrap();
    assert!(written.contains("[[goals]]"));
    let again = roi_in(dir.path(), &["init"]);
    assert_eq!(code(&again), 2);
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert_eq!(code(&roi_in(dir.path(), &["init", "--force"])), 0);
    // The starter is a valid configuration: `kpis` loads it.
    assert_eq!(code(&roi_in(dir.path(), &["kpis"])), 0);
}

#[test]
fn errors_exit_2_with_file_line_column_value() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "date,platform,likes\n2026-08-01,facebook,12\n2026-08-02,facebook,12;3\n",
    )
    .unwrap();
    let out = roi_in(dir.path(), &["report", "bad.csv"]);
    assert_eq!(code(&out), 2);
    insta::assert_snapshot!("bad_number", transcript(&out));

    std::fs::write(&bad, "date,likes\n31/02/2026,1\n").unwrap();
    let out = roi_in(dir.path(), &["kpi", "likes", "bad.csv"]);
    assert_eq!(code(&out), 2);
    insta::assert_snapshot!("bad_date", transcript(&out));

    std::fs::write(&bad, "date,likes\n2026-08-01,1,2\n").unwrap();
    let out = roi_in(dir.path(), &["kpi", "likes", "bad.csv"]);
    assert_eq!(code(&out), 2);
    insta::assert_snapshot!("too_many_cells", transcript(&out));

    let out = roi_in(dir.path(), &["kpi", "likes", "missing.csv"]);
    assert_eq!(code(&out), 2);
    insta::assert_snapshot!("missing_file", transcript(&out));

    let out = roi(&["status", "leads-5000", "--config", GOALS]);
    assert_eq!(code(&out), 2);
    insta::assert_snapshot!("unknown_goal", transcript(&out));

    let out = roi(&["report", "--config", GOALS, "--by", "platfrom"]);
    assert_eq!(code(&out), 2);
    insta::assert_snapshot!("unknown_group", transcript(&out));

    let out = roi(&["report", "--as-of", "yesterday", "--config", GOALS]);
    assert_eq!(code(&out), 2, "usage errors exit 2");
}

#[test]
fn mixed_currencies_are_never_added() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ads.csv"),
        "date,platform,spend,currency,leads\n2026-08-01,facebook,100,USD,10\n2026-08-01,facebook,2500000,VND,5\n",
    )
    .unwrap();
    let out = roi_in(dir.path(), &["kpi", "spend", "ads.csv"]);
    assert_eq!(code(&out), 2);
    insta::assert_snapshot!("mixed_currencies", transcript(&out));
    // Narrowed to one currency it works.
    let out = roi_in(
        dir.path(),
        &["kpi", "cpl", "ads.csv", "--where", "currency=vnd"],
    );
    assert_eq!(stdout(&out), "500000\n");
    // With a rate, amounts are converted into the report currency: 100 + 2500000 × 0.00004.
    std::fs::write(
        dir.path().join("roi.toml"),
        "inputs = [\"ads.csv\"]\ncurrency = \"USD\"\n[fx]\nVND = 0.00004\n",
    )
    .unwrap();
    let out = roi_in(dir.path(), &["kpi", "spend", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["value"], 200.0);
    assert_eq!(json["currency"], "USD");

    // Two files that name no currency: each is in a currency of its own, unknown.
    std::fs::write(dir.path().join("a.csv"), "date,spend\n2026-08-01,100\n").unwrap();
    std::fs::write(dir.path().join("b.csv"), "date,spend\n2026-08-02,2500000\n").unwrap();
    std::fs::remove_file(dir.path().join("roi.toml")).unwrap();
    let out = roi_in(dir.path(), &["kpi", "spend", "a.csv", "b.csv"]);
    assert_eq!(code(&out), 2);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no currency in a.csv, no currency in b.csv")
    );
    std::fs::write(dir.path().join("roi.toml"), "currency = \"VND\"\n").unwrap();
    let out = roi_in(dir.path(), &["kpi", "spend", "a.csv", "b.csv"]);
    assert_eq!(stdout(&out), "2500100\n");
}

#[test]
fn custom_kpis_are_formulas_checked_at_load() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("data.csv"),
        "date,platform,likes,comments,trial_starts\n2026-08-01,facebook,30,10,4\n2026-08-02,facebook,10,0,6\n",
    )
    .unwrap();
    let write = |body: &str| {
        std::fs::write(
            dir.path().join("roi.toml"),
            format!("inputs = [\"data.csv\"]\n{body}"),
        )
        .unwrap();
    };
    // A custom metric column used in a formula: (4 + 6) / (40 + 10 + 0) = 0.2.
    write(
        "[kpis.trials_per_engagement]\nformula = \"trial_starts / engagements\"\nunit = \"ratio\"\n",
    );
    let out = roi_in(dir.path(), &["kpi", "trials_per_engagement"]);
    assert_eq!(stdout(&out), "0.2\n", "{}", transcript(&out));

    write("[kpis.a]\nformula = \"b + likes\"\n[kpis.b]\nformula = \"a * 2\"\n");
    let out = roi_in(dir.path(), &["kpis"]);
    assert_eq!(code(&out), 2);
    insta::assert_snapshot!("kpi_cycle", transcript(&out));

    write("[kpis.broken]\nformula = \"likes / (comments\"\n");
    let out = roi_in(dir.path(), &["kpis"]);
    assert_eq!(code(&out), 2);
    insta::assert_snapshot!("kpi_syntax", transcript(&out));

    write("[kpis.typo]\nformula = \"likse + 1\"\n");
    let out = roi_in(dir.path(), &["kpi", "typo"]);
    assert_eq!(code(&out), 2);
    insta::assert_snapshot!("kpi_unknown_name", transcript(&out));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    // Enough output (thousands of day rows) that it cannot fit in the pipe's buffer.
    let dir = tempfile::tempdir().unwrap();
    let mut data = String::from("date,platform,likes\n");
    let start = chrono::NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();
    for day in 0..6000 {
        let when = start + chrono::Days::new(day);
        data.push_str(&format!("{when},facebook,{day}\n"));
    }
    std::fs::write(dir.path().join("big.csv"), data).unwrap();
    for args in [
        &["report", "big.csv", "--by", "day"][..],
        &["normalize", "big.csv"],
        &["normalize", "big.csv", "--format", "json"],
    ] {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("roi"))
            .current_dir(dir.path())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read the first bytes, then close our end while roi is still writing.
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 64];
        stdout.read_exact(&mut first).unwrap();
        drop(stdout);
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{args:?}");
    }
}

/// A gate's verdict does not depend on who reads it: with the pipe already closed,
/// `check` and `status` still exit 1 for the goal that is behind (`leads-500`, as of
/// 2026-08-20), and nothing is said on stderr; `normalize` ends quietly with 0.
#[test]
fn a_closed_pipe_keeps_the_verdict() {
    use std::process::Command;
    let run = |args: &[&str]| {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        Command::new(assert_cmd::cargo::cargo_bin("roi"))
            .current_dir(crate::root())
            .args(args)
            .stdout(writer)
            .output()
            .unwrap()
    };
    let goals = [
        "--config",
        "fixtures/goals/roi.toml",
        "--as-of",
        "2026-08-20",
    ];
    for (command, expected) in [
        (&["check"][..], 1),
        (&["check", "--format", "junit"], 1),
        (&["check", "--format", "markdown"], 1),
        (&["status", "leads-500"], 1),
        (&["status", "leads-300"], 0),
        (&["report"], 0),
        (&["normalize"], 0),
    ] {
        let out = run(&[command, &goals[..]].concat());
        assert_eq!(out.status.code(), Some(expected), "{command:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{command:?}");
    }
    // Commands that read nothing end quietly too (clap_complete panicked on a
    // closed pipe).
    for command in [
        &["completions", "bash"][..],
        &["completions", "zsh"],
        &["man"],
        &["kpis"],
        &["--help"],
    ] {
        let out = run(command);
        assert_eq!(out.status.code(), Some(0), "{command:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{command:?}");
    }
}

/// A closed stderr (`roi status g 2>&1 | true`, `2>/dev/full`) loses the notes and
/// errors, not the exit code: the verdict (1), or 2 for a usage or input error.
#[test]
fn a_closed_stderr_keeps_the_exit_code() {
    use std::process::Command;
    let run = |args: &[&str], full: bool| {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let stderr = if full {
            std::process::Stdio::from(
                std::fs::File::options()
                    .write(true)
                    .open("/dev/full")
                    .unwrap(),
            )
        } else {
            std::process::Stdio::from(writer.try_clone().unwrap())
        };
        Command::new(assert_cmd::cargo::cargo_bin("roi"))
            .current_dir(crate::root())
            .args(args)
            .stdout(writer)
            .stderr(stderr)
            .status()
            .unwrap()
    };
    let goals = [
        "--config",
        "fixtures/goals/roi.toml",
        "--as-of",
        "2026-08-20",
    ];
    for full in [false, true] {
        for (command, expected) in [
            (&["check"][..], 1),
            (&["status", "leads-500"], 1),
            (&["status", "tiktok-views"], 0),
            (&["kpi", "leads"], 0),
            (&["kpi", "leadz"], 2),
            (&["status", "no-such-goal"], 2),
        ] {
            let status = run(&[command, &goals[..]].concat(), full);
            assert_eq!(status.code(), Some(expected), "{command:?} (full: {full})");
        }
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("bad.csv");
        std::fs::write(&bad, "date,likes\n2026-08-01,many\n").unwrap();
        let status = run(&["report", bad.to_str().unwrap()], full);
        assert_eq!(status.code(), Some(2), "bad input (full: {full})");
    }
}

/// JUnit from `report` fails the goals `check` fails (roi.toml's `fail_on`, here the
/// default `behind`): `leads-500` is behind as of 2026-08-20; `leads-330` is only at
/// risk, and `tiktok-views` has no data (skipped).
#[test]
fn junit_from_report_fails_what_check_fails() {
    let goals = [
        "--config",
        "fixtures/goals/roi.toml",
        "--as-of",
        "2026-08-20",
    ];
    let junit = |command: &str| {
        let out = roi(&[&[command, "--format", "junit"][..], &goals[..]].concat());
        stdout(&out)
    };
    for xml in [junit("report"), junit("check")] {
        assert!(
            xml.contains(r#"tests="7" skipped="1" failures="1""#),
            "{xml}"
        );
        let failing = xml.split("<testcase").filter(|c| c.contains("<failure"));
        let ids: Vec<&str> = failing.filter_map(|c| c.split('"').nth(1)).collect();
        assert_eq!(ids, ["leads-500"], "{xml}");
    }
}

/// Formats with no place for the rows skipped in the inputs list them on stderr: the
/// example downloads hold four total rows (two in `Campaign report.csv`, one in each
/// Meta Ads export), and nothing is dropped silently.
#[test]
fn skipped_rows_are_told_in_every_format() {
    let config = [
        "--config",
        "examples/shop-downloads/roi.toml",
        "--as-of",
        "2026-08-20",
    ];
    for command in [
        &["check", "--format", "table"][..],
        &["check", "--format", "csv"],
        &["check", "--format", "markdown"],
        &["report", "--format", "csv"],
        &["report", "--format", "markdown"],
    ] {
        let out = roi(&[command, &config[..]].concat());
        let stderr = String::from_utf8_lossy(&out.stderr);
        let skipped: Vec<&str> = stderr.lines().filter(|l| l.contains("skipped")).collect();
        assert_eq!(skipped.len(), 3, "{command:?}: {stderr}");
        assert!(
            skipped[0].contains("Campaign report.csv: skipped 2 row(s)"),
            "{command:?}: {stderr}"
        );
    }
}

/// A command refuses a `--format` it does not write, naming those it does.
#[test]
fn a_format_a_command_does_not_write_is_refused() {
    for (args, message) in [
        (
            &["status", "leads-500", "--format", "json"][..],
            "`roi status` writes table, not json",
        ),
        (
            &["sql", "--format", "csv"],
            "`roi sql` writes table, not csv",
        ),
        (
            &["explain", "leads-500", "--format", "markdown"],
            "`roi explain` writes table or json, not markdown",
        ),
        (
            &["inspect", "--format", "csv"],
            "`roi inspect` writes table or json, not csv",
        ),
        (
            &["check", "--format", "html"],
            "`roi check` writes table, json, csv, markdown or junit, not html",
        ),
    ] {
        let out = roi(&[args, &["--config", "fixtures/goals/roi.toml"][..]].concat());
        assert_eq!(code(&out), 2, "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!("error: {message}\n"),
            "{args:?}"
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn overlapping_exports_count_once_and_the_newer_wins() {
    // week1 has 1..3 Aug, week2 (newer data) 2..4 Aug: 2 and 3 Aug come from week2.
    // likes = 10 (1 Aug, week1) + 25 + 35 (week2) + 40 = 110.
    let out = roi(&["kpi", "likes", "fixtures/overlap"]);
    assert_eq!(stdout(&out), "110\n");
    // Naming a file again, or the folder and the file, changes nothing.
    let out = roi(&[
        "kpi",
        "likes",
        "fixtures/overlap",
        "fixtures/overlap/week1.csv",
    ]);
    assert_eq!(stdout(&out), "110\n");
    let out = roi(&["report", "fixtures/overlap"]);
    insta::assert_snapshot!(transcript(&out));
    let out = roi(&["report", "fixtures/overlap", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["inputs"]["rows_replaced"], 2);
    assert_eq!(json["inputs"]["files"][0]["rows_replaced"], 2);
    assert_eq!(json["inputs"]["files"][1]["rows_replaced"], 0);
}

/// The trend fixture, worked by hand in fixtures/trend/README.md.
const TREND: &str = "fixtures/trend/daily.csv";

#[test]
fn period_over_period_change_is_computed_from_the_data() {
    let out = roi(&[
        "report",
        TREND,
        "--by",
        "week",
        "--kpi",
        "likes,engagement_rate",
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let weeks: Vec<(String, f64, f64, serde_json::Value, serde_json::Value)> = report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["key"]["week"].as_str().unwrap().to_owned(),
                g["values"]["likes"]["value"].as_f64().unwrap(),
                g["values"]["engagement_rate"]["value"].as_f64().unwrap(),
                g["change"]["likes"].clone(),
                g["change"]["engagement_rate"].clone(),
            )
        })
        .collect();
    let null = serde_json::Value::Null;
    assert_eq!(
        weeks,
        vec![
            ("2026-W23".into(), 70.0, 0.1, null.clone(), null.clone()),
            ("2026-W24".into(), 140.0, 0.2, 1.0.into(), 1.0.into()),
            // A sum over a partial week is not compared; a ratio is.
            ("2026-W25".into(), 90.0, 0.3, null, 0.5.into()),
        ]
    );

    // Tables show the change after the value; --ascii keeps it plain.
    let table = roi(&[
        "report",
        TREND,
        "--by",
        "week",
        "--kpi",
        "likes,engagement_rate",
        "--ascii",
    ]);
    insta::assert_snapshot!("report_by_week_change", transcript(&table));
}

/// fixtures/source-ends: GA4 ends on a Wednesday, Meta Ads runs to the Sunday.
#[test]
fn a_sum_whose_source_ends_inside_a_period_is_not_compared() {
    let files = [
        "fixtures/source-ends/ga4-daily.csv",
        "fixtures/source-ends/meta-ads-daily.csv",
    ];
    let changes = |by: &str| -> Vec<(String, f64, serde_json::Value, serde_json::Value)> {
        let mut args = vec!["report"];
        args.extend(files);
        args.extend(["--by", by, "--kpi", "web_traffic,spend", "--format", "json"]);
        let out = roi(&args);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        report["groups"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|g| g["key"].get("platform").is_none_or(|p| p == "facebook"))
            .map(|g| {
                (
                    g["key"]["week"].as_str().unwrap().to_owned(),
                    g["values"]["web_traffic"]["value"].as_f64().unwrap(),
                    g["change"]["web_traffic"].clone(),
                    g["change"]["spend"].clone(),
                )
            })
            .collect()
    };
    let null = serde_json::Value::Null;
    let spend = serde_json::Value::from(0.258_064_516);
    assert_eq!(
        changes("week"),
        vec![
            ("2026-W52".into(), 1814.0, null.clone(), null.clone()),
            ("2026-W53".into(), 3521.0, null.clone(), null.clone()),
            // GA4 covers 4–6 Jan only: no -53.3 %; Meta's spend covers the week.
            ("2027-W01".into(), 1644.0, null.clone(), spend.clone()),
        ]
    );
    assert_eq!(
        changes("platform,week"),
        vec![
            ("2026-W52".into(), 418.0, null.clone(), null.clone()),
            ("2026-W53".into(), 847.0, null.clone(), null.clone()),
            ("2027-W01".into(), 408.0, null, spend),
        ]
    );
}

#[test]
fn sparklines_follow_the_trend() {
    // 17 days of data: a daily trend; likes rise 10 → 20 → 30 a day.
    let out = roi(&["report", TREND, "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let trend = &report["trend"];
    assert_eq!(trend["grain"], "day");
    let likes: Vec<f64> = trend["total"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["values"]["likes"]["value"].as_f64().unwrap())
        .collect();
    let mut expected = vec![10.0; 7];
    expected.extend([20.0; 7]);
    expected.extend([30.0; 3]);
    assert_eq!(likes, expected);
    let out = roi(&["report", TREND]);
    insta::assert_snapshot!("report_sparklines", transcript(&out));
}

/// `roi kpi` prints the number alone; that it is a bound (reach summed over three
/// days: 1200 + 1350 + 900 = 3450 is an upper bound of the people reached) goes to
/// stderr, and JSON carries it as `bound`.
#[test]
fn a_kpi_that_is_a_bound_says_so_on_stderr() {
    let f = "fixtures/importers/meta-series-reach-en.csv";
    // (The series names no platform: that warning comes first.)
    let out = roi(&["kpi", "reach", f]);
    assert_eq!(stdout(&out), "3450\n");
    assert!(
        String::from_utf8_lossy(&out.stderr).ends_with(
            "\nroi: reach: the value rests on reach summed over rows, so it is an upper bound\n"
        ),
        "{}",
        transcript(&out)
    );
    let out = roi(&["kpi", "reach", f, "--format", "json"]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("upper bound"));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["bound"], "upper");
}

/// A row left out of the periods it crosses is counted once, not once per period:
/// 08-01..=08-20 crosses 20 days and 4 weeks but is one row; inside August it is
/// not left out of the month.
#[test]
fn a_row_left_out_of_periods_is_counted_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("rng.csv"),
        "date,end_date,platform,leads\n2026-08-01,2026-08-20,facebook,5\n2026-08-21,,facebook,1\n",
    )
    .unwrap();
    for (by, left_out) in [("day", Some(1)), ("week", Some(1)), ("month", None)] {
        let out = roi_in(dir.path(), &["report", "rng.csv", "--by", by]);
        let text = stdout(&out);
        let note = text
            .lines()
            .find(|l| l.contains("cross a window or period boundary"));
        match left_out {
            Some(n) => assert!(
                note.is_some_and(|l| l.starts_with(&format!("note: {n} rows"))),
                "{by}: {text}"
            ),
            None => assert!(note.is_none(), "{by}: {text}"),
        }
    }
}

/// `normalize --format json` writes a millionth as JSON writers do (`1e-6`); read back,
/// it is the same millionth: CSV → JSON → CSV gives the CSV again.
#[test]
fn normalized_json_reads_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "date,spend,custom\n2026-08-05,0.000001,0.000003\n2026-08-06,12.5,2\n";
    std::fs::write(dir.path().join("g.csv"), csv).unwrap();
    let json = roi_in(dir.path(), &["normalize", "g.csv", "--format", "json"]);
    assert_eq!(code(&json), 0, "{}", transcript(&json));
    std::fs::write(dir.path().join("g.json"), &json.stdout).unwrap();
    let again = roi_in(dir.path(), &["normalize", "g.json"]);
    assert_eq!(code(&again), 0, "{}", transcript(&again));
    assert_eq!(
        stdout(&again),
        stdout(&roi_in(dir.path(), &["normalize", "g.csv"]))
    );
    assert!(stdout(&again).contains("2026-08-05,0.000001,0.000003"));
}

/// Text is compared composed (NFC): one campaign written composed by one tool and
/// decomposed by another (`e` + `◌̂` + `◌́`) is one group, and a filter typed either
/// way finds both rows (1 + 2 = 3 leads).
#[test]
fn composed_and_decomposed_text_are_one_value() {
    let dir = tempfile::tempdir().unwrap();
    let decomposed = "Khuye\u{302}\u{301}n ma\u{303}i";
    std::fs::write(
        dir.path().join("nf.csv"),
        format!("date,platform,campaign,leads\n2026-08-01,facebook,Khuyến mãi,1\n2026-08-02,facebook,{decomposed},2\n"),
    )
    .unwrap();
    let out = roi_in(
        dir.path(),
        &[
            "report", "nf.csv", "--by", "campaign", "--kpi", "leads", "--format", "csv",
        ],
    );
    assert_eq!(stdout(&out), "campaign,rows,leads\nKhuyến mãi,2,3\n");
    for typed in ["Khuyến mãi", decomposed] {
        let out = roi_in(
            dir.path(),
            &[
                "kpi",
                "leads",
                "nf.csv",
                "--where",
                &format!("campaign={typed}"),
            ],
        );
        assert_eq!(stdout(&out), "3\n", "{typed:?}");
    }
    // A platform filter is composed too: "Cốc Cốc" typed decomposed finds its row.
    std::fs::write(
        dir.path().join("coc.csv"),
        "date,platform,likes\n2026-08-01,Cốc Cốc,10\n",
    )
    .unwrap();
    let out = roi_in(
        dir.path(),
        &[
            "kpi",
            "likes",
            "coc.csv",
            "--where",
            "platform=Co\u{302}\u{301}c Co\u{302}\u{301}c",
        ],
    );
    assert_eq!(stdout(&out), "10\n", "{}", transcript(&out));
}

/// A window open at one end (`--from` alone) is shown as far as the data goes, not to
/// the last date a calendar can hold: the fixture's data ends on 2026-08-20.
#[test]
fn an_open_window_is_shown_as_far_as_the_data() {
    let out = roi(&["report", "fixtures/goals/data", "--from", "2026-08-10"]);
    assert!(
        stdout(&out).starts_with("KPIs (2026-08-10 ..= 2026-08-20)"),
        "{}",
        transcript(&out)
    );
    let out = roi(&[
        "report",
        "fixtures/goals/data",
        "--from",
        "2026-08-10",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["window"]["to"], "2026-08-20");
    // `explain` shows its window the same way: 2026-08-10 ..= 2026-08-20 is 11 days.
    let out = roi(&[
        "explain",
        "spend",
        "fixtures/goals/data",
        "--from",
        "2026-08-10",
    ]);
    assert!(
        stdout(&out).contains("current window: 2026-08-10 ..= 2026-08-20 (11 days)"),
        "{}",
        transcript(&out)
    );
}

/// `explain` says which rows it skipped, as every command that reads does.
#[test]
fn explain_tells_skipped_rows() {
    let f = "examples/shop-downloads/exports/meta-ads-2026-08-01_2026-08-14.csv";
    let out = roi(&["explain", "spend", f]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("roi: {f}: skipped 1 row(s): total or summary row (first at line 30)\n")
    );
}

/// A file name that is not UTF-8 is written with a replacement character in JSON,
/// never as half a document.
#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_in_json() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"x\xfe.csv");
    std::fs::copy(
        crate::root().join("fixtures/importers/tiktok-ads.csv"),
        dir.path().join(name),
    )
    .unwrap();
    let out = crate::roi_in(dir.path(), &["inspect", ".", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["files"][0]["path"], "./x\u{fffd}.csv");
}

/// A NUL byte in a UTF-8 file is damage, named where it is; UTF-16 without a byte
/// order mark (a NUL in every other byte) is still read.
#[test]
fn a_nul_byte_is_damage_not_utf16() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("nul.csv"),
        b"date,platform,likes\n2026-08-05,face\0book,12\n",
    )
    .unwrap();
    let out = crate::roi_in(dir.path(), &["kpi", "likes", "nul.csv"]);
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: nul.csv:2: a NUL byte (character 16 of the line): the file is damaged, or not a text export\n"
    );
    let utf16: Vec<u8> = "date,platform,likes\n2026-08-05,facebook,12\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    std::fs::write(dir.path().join("u16.csv"), utf16).unwrap();
    let out = crate::roi_in(dir.path(), &["kpi", "likes", "u16.csv"]);
    assert_eq!(stdout(&out), "12\n", "{}", transcript(&out));
    // UTF-16LE whose Chinese text is valid UTF-8 byte for byte, but a third NULs:
    // UTF-16, 5 tweets × 5 impressions.
    let out = roi(&[
        "kpi",
        "impressions",
        "fixtures/importers/twitter-utf16le-cjk-no-bom.csv",
    ]);
    assert_eq!(stdout(&out), "25\n", "{}", transcript(&out));
}

/// `init` writes a file whose form is fixed: a `--format` it does not write is
/// refused, as every command refuses one, and nothing is written.
#[test]
fn init_refuses_a_format() {
    let dir = tempfile::tempdir().unwrap();
    let out = crate::roi_in(dir.path(), &["init", "--format", "json"]);
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: `roi init` writes table, not json\n"
    );
    assert!(!dir.path().join("roi.toml").exists());
}

/// A NUL byte far into a large file (read from disk record by record, past the
/// part checked whole) is an error too, at its own line, on one thread or several.
#[test]
fn a_nul_byte_far_into_a_large_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut data = String::from("date,platform,likes\n");
    for i in 0..200_000 {
        // Line 150,001 (the header is line 1, row i is line i + 2).
        if i == 149_999 {
            data.push_str("2026-08-05,face\0book,1\n");
        } else {
            data.push_str(&format!("2026-08-05,facebook,{i}\n"));
        }
    }
    std::fs::write(dir.path().join("big.csv"), data).unwrap();
    for threads in ["1", "2"] {
        let out = crate::roi_in(
            dir.path(),
            &["kpi", "likes", "big.csv", "--threads", threads],
        );
        assert_eq!(code(&out), 2, "{}", transcript(&out));
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "error: big.csv:150001: a NUL byte: the file is damaged, or not a text export\n",
            "--threads {threads}"
        );
    }
}

/// `roi kpi` says when rows crossing its window's edge were left out (a 25 July to
/// 5 August row, 3 leads, outside a window from 1 August: 4 leads, not 7), and its
/// JSON shows an open window as far as the data goes.
#[test]
fn kpi_tells_rows_left_out_of_its_window() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("r.csv"),
        "date,end_date,platform,leads\n2026-07-25,2026-08-05,facebook,3\n2026-08-02,,facebook,4\n",
    )
    .unwrap();
    let out = crate::roi_in(
        dir.path(),
        &["kpi", "leads", "r.csv", "--from", "2026-08-01"],
    );
    assert_eq!(stdout(&out), "4\n", "{}", transcript(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "roi: 1 rows cover dates that cross a window or period boundary and were left out of it; use a window that contains their whole date range\n"
    );
    let out = crate::roi_in(
        dir.path(),
        &[
            "kpi",
            "leads",
            "r.csv",
            "--from",
            "2026-08-01",
            "--format",
            "json",
        ],
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["window"]["to"], "2026-08-05");
    assert_eq!(json["notes"].as_array().map(Vec::len), Some(1));
}

/// `--by week,campaign` puts the period first, in its columns and its rows' order;
/// `--by campaign,week` the campaign. Leads by hand: Brand 5 on Monday 08-03 and 2 on
/// 08-11 (week 33), Promo 3 on 08-04 (week 32).
#[test]
fn grouping_columns_follow_the_order_asked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("w.csv"),
        "date,platform,campaign,leads\n2026-08-03,facebook,Brand,5\n2026-08-04,facebook,Promo,3\n2026-08-11,facebook,Brand,2\n",
    )
    .unwrap();
    let csv = |by: &str| {
        let out = roi_in(
            dir.path(),
            &[
                "report", "w.csv", "--by", by, "--kpi", "leads", "--format", "csv",
            ],
        );
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        stdout(&out)
    };
    assert_eq!(
        csv("week,campaign"),
        "week,campaign,rows,leads,leads_change\n2026-W32,Brand,1,5,\n2026-W32,Promo,1,3,\n2026-W33,Brand,1,2,\n"
    );
    assert_eq!(
        csv("campaign,week"),
        "campaign,week,rows,leads,leads_change\nBrand,2026-W32,1,5,\nBrand,2026-W33,1,2,\nPromo,2026-W32,1,3,\n"
    );
    let out = roi_in(
        dir.path(),
        &["report", "w.csv", "--by", "day,platform", "--kpi", "leads"],
    );
    let table = stdout(&out);
    assert!(table.contains("| 2026-08-03 | facebook |"), "{table}");
}

/// CSV has no place for the report's notes: they go to stderr. A row of 08-01..07
/// crosses the weeks 31 and 32 and is left out of `--by week`, with a note.
#[test]
fn csv_report_notes_go_to_stderr() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("r.csv"),
        "date,end_date,platform,spend,currency\n2026-08-01,2026-08-07,facebook,70,USD\n2026-08-08,2026-08-08,facebook,10,USD\n",
    )
    .unwrap();
    let out = roi_in(
        dir.path(),
        &[
            "report", "r.csv", "--by", "week", "--kpi", "spend", "--format", "csv",
        ],
    );
    assert_eq!(code(&out), 0);
    assert_eq!(
        stdout(&out),
        "week,rows,spend,spend_currency,spend_change\n2026-W32,1,10,USD,\n"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("roi: 1 rows cover dates that cross a window or period boundary"),
        "{err}"
    );
}

/// `roi inspect` tells each file it cannot read and inspects the others, then exits 2.
#[test]
fn inspect_tells_each_broken_file_and_inspects_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let header = "Day,Campaign name,Impressions,Amount spent (USD)\n";
    std::fs::write(
        dir.path().join("a.csv"),
        format!("{header}2026-08-01,Summer,100,1.50\n"),
    )
    .unwrap();
    std::fs::write(dir.path().join("empty.csv"), "").unwrap();
    std::fs::write(
        dir.path().join("trunc.csv"),
        format!("{header}2026-08-02,\"Summer,100,1.50\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("z.csv"),
        format!("{header}2026-08-03,Winter,7,2\n"),
    )
    .unwrap();
    let out = crate::roi_in(
        dir.path(),
        &["inspect", "a.csv", "empty.csv", "trunc.csv", "z.csv"],
    );
    assert_eq!(crate::code(&out), 2, "{}", crate::transcript(&out));
    let stdout = crate::stdout(&out);
    assert!(stdout.starts_with("a.csv\n"), "{stdout}");
    assert!(stdout.contains("\nz.csv\n"), "{stdout}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error: empty.csv: the file is empty"),
        "{stderr}"
    );
    assert!(stderr.contains("error: trunc.csv:2: "), "{stderr}");
    assert!(
        stderr.contains(
            "2 of 4 file(s) could not be read (each told above); the others are inspected"
        ),
        "{stderr}"
    );
    let vi = crate::roi_in(
        dir.path(),
        &["--lang", "vi", "inspect", "a.csv", "empty.csv"],
    );
    assert_eq!(crate::code(&vi), 2);
    assert!(
        String::from_utf8_lossy(&vi.stderr).contains("1 trong 2 tệp không đọc được"),
        "{}",
        crate::transcript(&vi)
    );
}

/// The note that goals keep their own filters and windows is for reports with goals.
#[test]
fn the_goals_scope_note_needs_goals() {
    let note = "goals use their own filters and windows";
    let out = roi(&[
        "report",
        TREND,
        "--from",
        "2026-06-01",
        "--to",
        "2026-06-07",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert!(!transcript(&out).contains(note), "{}", transcript(&out));
    let out = roi(&[
        "report",
        "--config",
        "examples/vi/roi.toml",
        "--as-of",
        "2026-08-21",
        "--from",
        "2026-08-01",
        "--lang",
        "en",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert!(transcript(&out).contains(note), "{}", transcript(&out));
}

/// `--where` values that match no row: an unknown platform is an error with the
/// closest one (a typo must not read as "no data"); a known platform or another
/// dimension's value that no row has gets a note on stderr. fixtures/source-ends:
/// Meta Ads campaigns `Tet Sale` and `Brand` (facebook), GA4 sessions.
#[test]
fn where_values_that_match_nothing_are_told() {
    let meta = "fixtures/source-ends/meta-ads-daily.csv";
    let run = |filter: &str| roi(&["kpi", "spend", meta, "--where", filter]);
    let err = |out: &Output| String::from_utf8_lossy(&out.stderr).into_owned();
    let out = run("platform=facebok");
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    assert_eq!(stdout(&out), "");
    assert_eq!(
        err(&out),
        "error: `--where platform=facebok`: `facebok` is not a platform roi knows nor one of \
         the inputs (did you mean `facebook`?); platforms are facebook, google_ads, \
         instagram, linkedin, messenger, pinterest, threads, tiktok, twitter, web, youtube\n"
    );
    // One slip among alternatives is as much an error; so is a known name spaced
    // or cased otherwise.
    for (filter, value, near) in [
        ("platform=facebook|tiktk", "tiktk", "tiktok"),
        ("platform=Face Book", "Face Book", "facebook"),
        ("platform=GoogleAds", "GoogleAds", "google_ads"),
    ] {
        let out = run(filter);
        assert_eq!(code(&out), 2, "{}", transcript(&out));
        assert!(
            err(&out).contains(&format!(
                "`{value}` is not a platform roi knows nor one of the inputs (did you mean `{near}`?)"
            )),
            "{}",
            err(&out)
        );
    }
    // A name that is no slip of one roi knows may be a platform only other data
    // has (a mapping's column gives `Shopee`): a note, as for a known platform.
    let out = run("platform=facebook|shopee");
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(stdout(&out), "1030.5\n");
    assert_eq!(
        err(&out),
        "roi: --where: no row of the inputs has platform `shopee`\n"
    );
    // A platform roi knows, without rows: the value stands, a note says so.
    let out = run("platform=facebook|tiktok");
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    // 18 days: Σ (40.25 + 2d), d = 0..17 = 724.5 + 306 = 1030.5
    assert_eq!(stdout(&out), "1030.5\n");
    assert_eq!(
        err(&out),
        "roi: --where: no row of the inputs has platform `tiktok`\n"
    );
    // An open dimension: a note, with the closest value of the inputs.
    let out = run("campaign=Tet Sael");
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(stdout(&out), "n/a\n");
    assert_eq!(
        err(&out),
        "roi: --where: no row of the inputs has campaign `Tet Sael` (did you mean `Tet Sale`?)\n"
    );
    // Values are compared as the filter compares them: aliases and case.
    for filter in ["platform=FB", "campaign=tet sale"] {
        let out = run(filter);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        assert_eq!(err(&out), "", "{filter}");
    }
    // The report and --quiet.
    let out = roi(&["report", meta, "--where", "campaign=nope", "--quiet"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(err(&out), "");
    let out = roi(&["report", meta, "--where", "platform=facebok"]);
    assert_eq!(code(&out), 2, "{}", transcript(&out));
}

/// A KPI named twice in `--kpi` is one column, where first named.
#[test]
fn a_kpi_named_twice_is_one_column() {
    let out = roi(&[
        "report",
        TREND,
        "--kpi",
        "likes,reach,likes",
        "--format",
        "csv",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    // 17 days: likes 70 + 140 + 90 = 300, reach 17 × 100.
    assert_eq!(
        stdout(&out),
        "rows,likes,reach,reach_bound\n17,300,1700,upper\n"
    );
}

/// `--by weekday` is no grouping of the KPI table: the error lists those there are
/// and where posts by weekday are.
#[test]
fn an_unknown_grouping_lists_the_groupings() {
    let out = roi(&["report", TREND, "--by", "weekday"]);
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("error: `--by weekday` is not a grouping (did you mean `week`?); groupings are the dimensions platform, account, campaign,"), "{err}");
    assert!(err.contains("and the periods day, week, month (posts by weekday and hour of publication: `roi insights`)"), "{err}");
}

/// A source with sessions on some days only, in a download that states its range,
/// has whole weeks: its sums compare (`fixtures/source-ends/README.md`, sparse).
#[test]
fn a_sparse_source_in_a_stated_range_is_compared() {
    let f = crate::fixture("source-ends/sparse/ga4-sparse.csv");
    let out = roi(&[
        "report",
        f.to_str().unwrap(),
        "--by",
        "platform,week",
        "--kpi",
        "web_traffic",
        "--format",
        "csv",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(
        stdout(&out),
        "platform,week,rows,web_traffic,web_traffic_change\n\
         tiktok,2026-W23,2,40,\ntiktok,2026-W24,2,40,0\n\
         web,2026-W23,7,700,\nweb,2026-W24,7,700,0\n"
    );
}

#[test]
fn mixed_currencies_suggest_only_what_the_command_has() {
    // fixtures/currency-narrow: USD and VND spend, no rates.
    let dir = fixture("currency-narrow");
    let out = roi_in(&dir, &["kpi", "spend"]);
    assert_eq!(code(&out), 2);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(err.contains("`--where currency=…`"), "{err}");
    assert!(!err.contains("--by"), "{err}");
    let out = roi_in(
        &dir,
        &["check", "--config", "goals.toml", "--as-of", "2026-05-10"],
    );
    assert_eq!(code(&out), 2);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(err.contains("goal `cpl`"), "{err}");
    assert!(
        err.contains("give the goal a `where = { currency = \"…\" }`"),
        "{err}"
    );
    assert!(!err.contains("--where") && !err.contains("--by"), "{err}");
    let out = roi_in(&dir, &["kpi", "cpl", "--where", "currency=vnd"]);
    assert_eq!(stdout(&out), "500000\n");
}

/// `roi check --format csv` ends each row with what tells a warning from a failure
/// and a bound from a fact (`fixtures/review14-g/README.md`).
#[test]
fn check_csv_tells_severity_failure_and_bounds() {
    let out = roi_in(
        &fixture("review14-g"),
        &["check", "--as-of", "2027-07-10", "--format", "csv"],
    );
    assert_eq!(code(&out), 1, "{}", transcript(&out));
    insta::assert_snapshot!("check_csv_severity_and_bounds", stdout(&out));
}

/// With `--goal`, a tag none of the chosen goals carries is told as such, with
/// their tags: other goals may carry it.
#[test]
fn a_tag_none_of_the_chosen_goals_has_names_their_tags() {
    let out = roi_in(
        &fixture("review14-g"),
        &[
            "check",
            "--as-of",
            "2027-07-10",
            "--tag",
            "roi",
            "--goal",
            "fg-loss",
            "--goal",
            "reach-ub",
        ],
    );
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: no goal chosen with --goal has the tag roi: `fg-loss` has the tags followers; \
         `reach-ub` has no tag\n"
    );
}

/// A goal named twice with `--goal` (the second time with a space, as a shell
/// variable may leave it) is one goal: one row, one failure, `1 of 1`, as a KPI
/// named twice in `--kpi` is one column (`fixtures/review14-g/README.md`:
/// roi-abs-short is missed at -12.50% against >= -12.00%).
#[test]
fn a_goal_named_twice_is_checked_once() {
    let dir = fixture("review14-g");
    let args = |format: &'static str| {
        [
            "check",
            "--as-of",
            "2027-07-10",
            "--goal",
            "roi-abs-short",
            "--goal",
            "roi-abs-short ",
            "--format",
            format,
        ]
    };
    let out = roi_in(&dir, &args("table"));
    assert_eq!(code(&out), 1, "{}", transcript(&out));
    let text = stdout(&out);
    assert_eq!(text.matches("| roi-abs-short |").count(), 1, "{text}");
    assert_eq!(text.matches("FAIL roi-abs-short").count(), 1, "{text}");
    assert!(
        text.ends_with("check failed: 1 of 1 goal(s) failing\n"),
        "{text}"
    );
    let out = roi_in(&dir, &args("json"));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["failed"], serde_json::json!(["roi-abs-short"]));
    assert_eq!(json["goals"].as_array().map(Vec::len), Some(1));
    let out = roi_in(&dir, &args("junit"));
    let xml = stdout(&out);
    assert!(
        xml.contains(r#"<testsuites name="roi check" tests="1" skipped="0" failures="1""#),
        "{xml}"
    );
    assert_eq!(xml.matches("<testcase ").count(), 1, "{xml}");
}

/// A value typed without its diacritics is suggested however short (`Tet` → `Tết`).
#[test]
fn a_value_without_its_accents_is_suggested() {
    let dir = fixture("review14-g");
    let out = roi_in(&dir, &["kpi", "leads", "--where", "campaign=Tet"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(stdout(&out), "n/a\n");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "roi: --where: no row of the inputs has campaign `Tet` (did you mean `Tết`?)\n"
    );
    let out = roi_in(
        &dir,
        &[
            "check",
            "--config",
            "targets.toml",
            "--as-of",
            "2027-07-10",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let tet = json["goals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == "tet")
        .unwrap();
    assert_eq!(
        tet["where_no_row"],
        serde_json::json!([{"dimension": "campaign", "value": "Tet", "did_you_mean": "Tết"}])
    );
}

/// A `--to` before the selection's first row: the window shown is the day asked,
/// never one whose start is after its end (tiktok's rows start on Aug 1, the
/// facebook rows on Jul 30).
#[test]
fn a_window_before_the_selections_data_never_ends_before_it_starts() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("rows.csv"),
        "date,platform,leads\n2026-07-30,facebook,2\n2026-07-31,facebook,3\n\
         2026-08-01,tiktok,4\n2026-08-02,tiktok,5\n",
    )
    .unwrap();
    let out = roi_in(
        dir.path(),
        &[
            "kpi",
            "leads",
            "rows.csv",
            "--to",
            "2026-07-31",
            "--where",
            "platform=tiktok",
            "--format",
            "json",
        ],
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["value"],
        serde_json::Value::Null,
        "{}",
        transcript(&out)
    );
    assert_eq!(json["window"]["from"], "2026-07-31", "{}", transcript(&out));
    assert_eq!(json["window"]["to"], "2026-07-31", "{}", transcript(&out));
    // The same window without the filter holds facebook's two days: 2 + 3 = 5 leads.
    let out = roi_in(
        dir.path(),
        &["kpi", "leads", "rows.csv", "--to", "2026-07-31"],
    );
    assert_eq!(stdout(&out), "5\n", "{}", transcript(&out));
}

/// A key given twice in `--where` is either value, as `a|b` is: the figure, the
/// heading, JSON's `filter` and the SQL all say so. fixtures/review16-g (README
/// there): Back to school spends 156.00 on 31 leads, Summer sale 90.75 on none.
#[test]
fn a_where_key_given_twice_is_either_value() {
    let dir = fixture("review16-g");
    let run = |args: &[&str]| {
        let mut args = args.to_vec();
        args.extend([
            "--where",
            "campaign=Back to school",
            "--where",
            "campaign=Summer sale",
            "data",
        ]);
        roi_in(&dir, &args)
    };
    let out = run(&["kpi", "spend"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(stdout(&out), "246.75\n");
    let piped = roi_in(
        &dir,
        &[
            "kpi",
            "spend",
            "--where",
            "campaign=Back to school|Summer sale",
            "data",
        ],
    );
    assert_eq!(stdout(&piped), "246.75\n");
    let out = run(&["kpi", "spend", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["value"], 246.75);
    assert_eq!(json["rows"], 6);
    assert_eq!(
        json["filter"],
        serde_json::json!({"campaign": ["Back to school", "Summer sale"]})
    );
    let out = run(&["report", "--kpi", "spend,leads", "--as-of", "2026-08-03"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let report = stdout(&out);
    assert!(
        report.starts_with(
            "KPIs (all data, 2026-08-01 ..= 2026-08-03, where campaign=Back to school|Summer sale)\n"
        ),
        "{report}"
    );
    assert!(report.contains("| spend | 246.75 USD |"), "{report}");
    assert!(report.contains("| leads |         31 |"), "{report}");
    // `roi sql` reads no inputs: its positional arguments are KPIs.
    let out = roi_in(
        &dir,
        &[
            "sql",
            "spend",
            "--where",
            "campaign=Back to school",
            "--where",
            "campaign=Summer sale",
        ],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let sql = stdout(&out);
    assert!(
        sql.contains(r#"WHERE LOWER("campaign") IN ('back to school', 'summer sale')"#),
        "{sql}"
    );
    assert_eq!(sql.matches(" IN (").count(), 1, "{sql}");
}

/// A goal whose id is a KPI's name: `explain` takes the goal and says so;
/// `kpi:`/`goal:` choose. fixtures/review16-g/amb: goal `leads` is Back to school's
/// 31 leads; the KPI over every row is 31 + 15 = 46.
#[test]
fn explain_tells_a_goal_named_as_a_kpi_and_takes_a_prefix() {
    let dir = fixture("review16-g/amb");
    let explain = |subject: &str| roi_in(&dir, &["explain", subject, "--as-of", "2026-08-03"]);
    let out = explain("leads");
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert!(
        stdout(&out).contains("where campaign=Back to school"),
        "{}",
        transcript(&out)
    );
    assert!(
        stdout(&out).contains("| leads  | sum         |    31 |"),
        "{}",
        transcript(&out)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "roi: `leads` is both a goal id of roi.toml and a KPI: this explains the goal; \
         `roi explain kpi:leads` explains the KPI\n"
    );
    let goal = explain("goal:leads");
    assert_eq!(stdout(&goal), stdout(&out));
    assert_eq!(String::from_utf8_lossy(&goal.stderr), "");
    let out = explain("kpi:leads");
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert!(
        stdout(&out).contains("over: all data; 9 row(s)"),
        "{}",
        transcript(&out)
    );
    assert!(
        stdout(&out).contains("leads = 46\n"),
        "{}",
        transcript(&out)
    );
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    let out = explain("goal:lead");
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: `lead` is not a goal id of roi.toml (did you mean `leads`?)\n"
    );
}

/// A prefix asking for the other kind is told as such, not as a name that is
/// neither: `kpi:` before a goal id, `goal:` before a KPI
/// (fixtures/review16-g/amb/prefixes.toml).
#[test]
fn explain_tells_a_prefix_of_the_wrong_kind() {
    let dir = fixture("review16-g/amb");
    let explain = |subject: &str| {
        let out = roi_in(&dir, &["explain", subject, "--config", "prefixes.toml"]);
        assert_eq!(code(&out), 2, "{}", transcript(&out));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    // `leads-aug` cannot be a metric's name; `backtoschool` could be a custom
    // metric of the data until the data is read.
    for goal in ["leads-aug", "backtoschool"] {
        assert_eq!(
            explain(&format!("kpi:{goal}")),
            format!(
                "error: `kpi:{goal}` asks for a KPI, and `{goal}` is no KPI or metric but a goal \
                 id of prefixes.toml: `roi explain {goal}` (or `goal:{goal}`) explains the goal\n"
            )
        );
    }
    assert_eq!(
        explain("goal:cpl"),
        "error: `goal:cpl` asks for a goal, and `cpl` is no goal id of prefixes.toml but a \
         KPI: `roi explain cpl` (or `kpi:cpl`) explains the KPI\n"
    );
    let out = roi_in(
        &dir,
        &[
            "explain",
            "kpi:leads-aug",
            "--config",
            "prefixes.toml",
            "--lang",
            "vi",
        ],
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "lỗi: `kpi:leads-aug` yêu cầu giải thích một chỉ số, nhưng `leads-aug` không phải chỉ \
         số hay số liệu mà là id một mục tiêu trong prefixes.toml: `roi explain leads-aug` \
         (hoặc `goal:leads-aug`) giải thích mục tiêu đó\n"
    );
}

/// `--output` (and `roi init PATH`) into a folder that does not exist says so, and
/// never names the temporary file roi writes first.
#[test]
fn output_into_a_missing_folder_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("file"), "").unwrap();
    let err = |args: &[&str]| {
        let out = roi_in(dir.path(), args);
        assert_eq!(code(&out), 2, "{}", transcript(&out));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    assert_eq!(
        err(&["kpis", "--output", "missing/kpis.txt"]),
        "error: cannot write missing/kpis.txt: the folder missing does not exist\n"
    );
    assert_eq!(
        err(&["init", "sub/roi.toml"]),
        "error: cannot write sub/roi.toml: the folder sub does not exist\n"
    );
    assert_eq!(
        err(&["kpis", "--output", "file/kpis.txt"]),
        "error: cannot write file/kpis.txt: file is not a folder\n"
    );
    assert_eq!(
        err(&["kpis", "--output", "missing/kpis.txt", "--lang", "vi"]),
        "lỗi: không ghi được missing/kpis.txt: thư mục missing không tồn tại\n"
    );
    // A folder that refuses the file, even to root.
    if std::path::Path::new("/sys/kernel").is_dir() {
        assert_eq!(
            err(&["kpis", "--output", "/sys/kpis.txt"]),
            "error: cannot write in /sys: Permission denied (os error 13)\n"
        );
    }
}

/// `--output -` is stdout, not a file named `-`: 40.00 + 50.00 + 60.00 = 150.
#[test]
fn output_dash_is_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = crate::root().join("fixtures/overlap-cases/partial-ad-sets");
    let out = roi_in(
        dir.path(),
        &["kpi", "spend", fixture.to_str().unwrap(), "--output", "-"],
    );
    assert_eq!(
        (code(&out), stdout(&out)),
        (0, "150\n".to_owned()),
        "{}",
        transcript(&out)
    );
    assert!(!dir.path().join("-").exists());
}

/// `roi init -` writes the starter to stdout, as `-` reads stdin for inputs, and
/// no file named `-`.
#[test]
fn init_dash_writes_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let out = roi_in(dir.path(), &["init", "-"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let starter = std::fs::read_to_string(crate::root().join("src/starter.toml")).unwrap();
    assert_eq!(stdout(&out), starter);
    assert!(!dir.path().join("-").exists());
}

/// `--threads 0` says what it takes, not Rust's "number would be zero".
#[test]
fn threads_zero_says_what_is_expected() {
    let out = roi(&["kpi", "spend", "fixtures/review16-g/data", "--threads", "0"]);
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).starts_with(
            "error: invalid value '0' for '--threads <N>': `0` is not a number of threads; \
             expected a whole number, 1 or more\n"
        ),
        "{}",
        transcript(&out)
    );
}

/// A `|` in a `--where` value separates alternatives, and `\|` is one of the value
/// (campaigns named `FB | Conv | Tết`): spend 10 of `FB | Conv | Tết`, 7 of `FB`, 5
/// of `VIP`. The hint for a value that matches no row writes it as it is typed.
#[test]
fn a_pipe_in_a_where_value_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ads.csv"),
        "date,platform,campaign,spend,currency\n\
         2026-08-01,facebook,FB | Conv | Tết,10,USD\n\
         2026-08-01,facebook,FB,7,USD\n\
         2026-08-01,facebook,VIP,5,USD\n",
    )
    .unwrap();
    let run =
        |filter: &str| crate::roi_in(dir.path(), &["kpi", "spend", "ads.csv", "--where", filter]);
    for (filter, expected) in [
        (r"campaign=FB \| Conv \| Tết", "10\n"),
        ("campaign=FB|VIP", "12\n"),
        (r"campaign=FB \| Conv \| Tết|VIP", "15\n"),
    ] {
        let out = run(filter);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        assert_eq!(stdout(&out), expected, "{filter}: {}", transcript(&out));
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{filter}");
    }
    let out = run("campaign=FB | Conv | Tết");
    assert_eq!(stdout(&out), "7\n", "{}", transcript(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(
            r"no row of the inputs has campaign `Conv` (did you mean `FB \| Conv \| Tết`?)"
        ),
        "{}",
        transcript(&out)
    );
}
