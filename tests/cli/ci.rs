//! `roi check` as a CI gate and `roi` in shell scripts: the failure policy, JUnit
//! read by an independent parser, JSON validated against the published schemas,
//! GitHub summaries and annotations, colour, completions.

use std::path::Path;

use crate::{code, roi, roi_in, root, run_python, stdout, transcript};

const GOALS: &str = "fixtures/goals/roi.toml";

/// Copies the goal fixture into `dir`, with `severity` set on every goal.
fn goals_with_severity(dir: &Path, severity: &str) {
    let config = std::fs::read_to_string(root().join(GOALS)).unwrap();
    let config = config.replace(
        "[[goals]]\n",
        &format!("[[goals]]\nseverity = \"{severity}\"\n"),
    );
    std::fs::write(dir.join("roi.toml"), config).unwrap();
    std::fs::create_dir_all(dir.join("data")).unwrap();
    std::fs::copy(
        root().join("fixtures/goals/data/facebook.csv"),
        dir.join("data/facebook.csv"),
    )
    .unwrap();
}

#[test]
fn exit_code_matrix_status_by_fail_on_by_severity() {
    // (goal, as-of, status) from fixtures/goals/expected.md.
    let statuses = [
        ("leads-150", "2026-08-20", "achieved"),
        ("leads-300", "2026-08-20", "on_track"),
        ("leads-330", "2026-08-20", "at_risk"),
        ("leads-500", "2026-08-20", "behind"),
        ("leads-500", "2026-09-05", "missed"),
        ("leads-500", "2026-07-15", "not_started"),
        ("tiktok-views", "2026-08-20", "no_data"),
    ];
    // The policy: which statuses fail at each threshold.
    let failing = |fail_on: &str, status: &str| match fail_on {
        "missed" => status == "missed",
        "behind" => matches!(status, "missed" | "behind"),
        "at_risk" => matches!(status, "missed" | "behind" | "at_risk"),
        _ => unreachable!(),
    };
    for severity in ["error", "warn"] {
        let dir = tempfile::tempdir().unwrap();
        goals_with_severity(dir.path(), severity);
        for (goal, as_of, status) in statuses {
            for fail_on in ["missed", "behind", "at_risk"] {
                let want = i32::from(severity == "error" && failing(fail_on, status));
                let out = roi_in(
                    dir.path(),
                    &["status", goal, "--as-of", as_of, "--fail-on", fail_on],
                );
                assert_eq!(stdout(&out).trim(), status, "{}", transcript(&out));
                assert_eq!(
                    code(&out),
                    want,
                    "status {goal} {as_of} {fail_on} {severity}"
                );
                let out = roi_in(
                    dir.path(),
                    &[
                        "check",
                        "--goal",
                        goal,
                        "--as-of",
                        as_of,
                        "--fail-on",
                        fail_on,
                        "-q",
                    ],
                );
                assert_eq!(
                    code(&out),
                    want,
                    "check {goal} {as_of} {fail_on} {severity}"
                );
                assert_eq!(stdout(&out), "", "--quiet prints nothing");
            }
        }
    }
}

#[test]
fn fail_on_and_tags_from_roi_toml() {
    let dir = tempfile::tempdir().unwrap();
    goals_with_severity(dir.path(), "error");
    let config = std::fs::read_to_string(dir.path().join("roi.toml")).unwrap();
    let config = format!("fail_on = \"at_risk\"\n{config}").replace(
        "id = \"leads-330\"",
        "id = \"leads-330\"\ntags = [\"paid\"]",
    );
    std::fs::write(dir.path().join("roi.toml"), config).unwrap();
    let out = roi_in(
        dir.path(),
        &["check", "--tag", "paid", "--as-of", "2026-08-20"],
    );
    assert_eq!(
        code(&out),
        1,
        "at_risk fails with fail_on = at_risk: {}",
        transcript(&out)
    );
    let out = roi_in(
        dir.path(),
        &[
            "check",
            "--tag",
            "paid",
            "--as-of",
            "2026-08-20",
            "--fail-on",
            "behind",
        ],
    );
    assert_eq!(code(&out), 0, "the flag overrides roi.toml");
    let out = roi_in(dir.path(), &["check", "--tag", "nope"]);
    assert_eq!(code(&out), 2);
}

#[test]
fn input_errors_are_never_goal_failures() {
    let dir = tempfile::tempdir().unwrap();
    goals_with_severity(dir.path(), "error");
    std::fs::write(
        dir.path().join("data/broken.csv"),
        "date,leads\n2026-08-03,ten\n",
    )
    .unwrap();
    let out = roi_in(
        dir.path(),
        &["check", "--as-of", "2026-08-20", "--format", "junit"],
    );
    assert_eq!(code(&out), 2);
    assert_eq!(stdout(&out), "", "no report is written from bad input");
}

#[test]
fn junit_is_read_by_an_independent_parser() {
    let out = roi(&[
        "check",
        "--config",
        GOALS,
        "--as-of",
        "2026-08-20",
        "--format",
        "junit",
    ]);
    assert_eq!(code(&out), 1);
    // One newline at the end, as every format (not a blank line after the document).
    let text = stdout(&out);
    assert!(text.ends_with("</testsuites>\n"), "{text}");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.xml");
    std::fs::write(&file, &out.stdout).unwrap();
    let script = r"
import sys
from junitparser import JUnitXml, Failure, Skipped
xml = JUnitXml.fromfile(sys.argv[1])
for suite in xml:
    print(suite.name, suite.tests, suite.failures, suite.skipped)
    for case in suite:
        kinds = [type(r).__name__ for r in case.result]
        messages = [r.message for r in case.result]
        print(case.name, case.classname, kinds, messages)
";
    let parsed = run_python(script, &[file.to_str().unwrap()]);
    insta::assert_snapshot!(parsed);
}

#[test]
fn output_is_written_atomically_and_never_overwritten_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("check.xml");
    let args = |extra: &'static [&'static str]| {
        let mut a = vec![
            "check",
            "--config",
            GOALS,
            "--as-of",
            "2026-08-20",
            "--format",
            "junit",
            "--output",
            target.to_str().unwrap(),
        ];
        a.extend(extra);
        a.into_iter().map(str::to_owned).collect::<Vec<_>>()
    };
    let run = |a: Vec<String>| roi(&a.iter().map(String::as_str).collect::<Vec<_>>());
    let out = run(args(&[]));
    assert_eq!(code(&out), 1, "the exit code still tells the result");
    assert_eq!(stdout(&out), "");
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.starts_with("<?xml"));
    let out = run(args(&[]));
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    // Not private like a temporary file: the mode any new file gets here.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let plain = dir.path().join("plain");
        std::fs::write(&plain, "").unwrap();
        assert_eq!(mode(&target), mode(&plain));
        std::fs::remove_file(&plain).unwrap();
        // Overwritten with --force, a file keeps its mode.
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
        let out = run(args(&["--force"]));
        assert_eq!(code(&out), 1);
        assert_eq!(mode(&target), 0o640);
    }
    let out = run(args(&["--force"]));
    assert_eq!(code(&out), 1);
    // No temporary file is left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn github_actions_summary_and_annotations() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "previous step\n").unwrap();
    let out = assert_cmd::Command::cargo_bin("roi")
        .unwrap()
        .current_dir(root())
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("NO_COLOR", "1")
        .args([
            "check",
            "--config",
            GOALS,
            "--as-of",
            "2026-08-20",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1);
    serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("stdout stays JSON");
    let written = std::fs::read_to_string(&summary).unwrap();
    assert!(
        written.starts_with("previous step\n"),
        "the summary is appended to"
    );
    insta::assert_snapshot!("step_summary", written);
    insta::assert_snapshot!("annotations", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let plain = roi(&["report", "--config", GOALS, "--as-of", "2026-08-20"]);
    assert!(
        !stdout(&plain).contains('\u{1b}'),
        "no colour when stdout is not a terminal"
    );
    let coloured = roi(&[
        "report",
        "--config",
        GOALS,
        "--as-of",
        "2026-08-20",
        "--color",
        "always",
    ]);
    assert!(stdout(&coloured).contains('\u{1b}'));
    let never = roi(&[
        "report",
        "--config",
        GOALS,
        "--as-of",
        "2026-08-20",
        "--color",
        "never",
    ]);
    assert_eq!(stdout(&never), stdout(&plain));
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = roi(&["completions", shell]);
        assert_eq!(code(&out), 0);
        let text = stdout(&out);
        assert!(text.contains("roi") && text.contains("report"), "{shell}");
    }
    let man = roi(&["man"]);
    assert!(stdout(&man).contains(".TH roi"));
}

#[test]
fn help_and_version() {
    let out = roi(&["--version"]);
    assert_eq!(stdout(&out), format!("roi {}\n", env!("CARGO_PKG_VERSION")));
    let commands = crate::commands();
    assert!(commands.len() >= 11, "{commands:?}");
    for cmd in commands.iter().map(String::as_str) {
        let out = roi(&[cmd, "--help"]);
        assert_eq!(code(&out), 0);
        assert!(
            stdout(&out).contains("Example"),
            "{cmd} --help shows examples"
        );
    }
    let out = roi(&["--help"]);
    assert!(stdout(&out).contains("Exit codes"));
}

#[test]
fn standard_input_is_an_input() {
    let out = assert_cmd::Command::cargo_bin("roi")
        .unwrap()
        .args(["kpi", "likes", "-"])
        .write_stdin("date,likes\n2026-01-01,5\n2026-01-02,7\n")
        .output()
        .unwrap();
    assert_eq!(stdout(&out), "12\n");
}

/// A folder's clutter (hidden files and folders, Excel lock files, macOS's `._`
/// files and `__MACOSX`) is skipped; a cluttering file named explicitly is read.
#[test]
fn a_folders_clutter_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    for sub in ["", ".hidden", "__MACOSX"] {
        std::fs::create_dir_all(data.join(sub)).unwrap();
    }
    // Each file its own platform: none replaces another's rows.
    let row = |platform: &str, likes: u32| {
        format!("date,platform,likes\n2026-08-01,{platform},{likes}\n")
    };
    std::fs::write(data.join("a.csv"), row("facebook", 5)).unwrap();
    std::fs::write(data.join(".hidden/d.csv"), row("instagram", 100)).unwrap();
    std::fs::write(data.join("__MACOSX/a.csv"), row("tiktok", 1000)).unwrap();
    std::fs::write(data.join(".e.csv"), row("youtube", 10_000)).unwrap();
    // Not exports: reading them would fail.
    std::fs::write(data.join("._a.csv"), b"\x00\x05\x16\x07Mac OS X").unwrap();
    std::fs::write(data.join("~$report.xlsx"), b"\x0cuser").unwrap();
    let out = roi_in(dir.path(), &["kpi", "likes", "data"]);
    assert_eq!(stdout(&out), "5\n", "{}", transcript(&out));
    let out = roi_in(dir.path(), &["kpi", "likes", "data", "data/.hidden/d.csv"]);
    assert_eq!(stdout(&out), "105\n", "{}", transcript(&out));
    // A glob skips the same clutter, unless it names it itself.
    std::fs::write(data.join("~$f.csv"), b"\x0cuser").unwrap();
    for (glob, likes) in [
        ("data/*.csv", "5"),
        ("data/**/*.csv", "5"),
        ("*/*.csv", "5"),
        ("data/.e.csv", "10000"),
        ("data/.[e].csv", "10000"),
        ("data/.hidden/*.csv", "100"),
    ] {
        let out = roi_in(dir.path(), &["kpi", "likes", glob]);
        assert_eq!(
            stdout(&out),
            format!("{likes}\n"),
            "{glob}: {}",
            transcript(&out)
        );
    }
}

/// A folder's files that may hold data roi does not read (a YouTube download still
/// zipped, a PDF) are named in every output, never passed over without a word; notes
/// and configs beside the exports are not. A folder holding only a zip is an error
/// that says to unzip it.
#[test]
fn a_folders_files_roi_does_not_read_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("yt")).unwrap();
    std::fs::write(
        data.join("a.csv"),
        "date,platform,likes\n2026-08-01,facebook,5\n",
    )
    .unwrap();
    std::fs::write(
        data.join("yt/Content 2026-08-01_2026-08-31 Kenh.zip"),
        b"PK\x05\x06",
    )
    .unwrap();
    std::fs::write(data.join("Report.PDF"), b"%PDF-1.4").unwrap();
    std::fs::write(data.join("README.md"), "# notes\n").unwrap();
    std::fs::write(data.join("roi.toml"), "").unwrap();
    let zip = "data/yt/Content 2026-08-01_2026-08-31 Kenh.zip: not read: a .zip archive; \
               unzip it (each download into a folder of its own) and roi reads the exports it holds";
    let pdf = "data/Report.PDF: not read: roi reads .csv, .tsv, .txt, .json, .ndjson, .jsonl, \
               .xlsx, .xlsm, .xls, .ods files";
    // A script's one number: the notes on stderr.
    let out = roi_in(dir.path(), &["kpi", "likes", "data"]);
    assert_eq!(stdout(&out), "5\n");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("roi: {pdf}\nroi: {zip}\n")
    );
    // The report's footer, and JSON's `inputs.not_read`.
    let out = roi_in(dir.path(), &["report", "data", "--kpi", "likes"]);
    assert_eq!(code(&out), 0);
    assert!(
        stdout(&out).ends_with(&format!("Read 1 file(s), 1 row(s).\n  {pdf}\n  {zip}\n")),
        "{}",
        transcript(&out)
    );
    let out = roi_in(
        dir.path(),
        &["report", "data", "--kpi", "likes", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let not_read = &json["inputs"]["not_read"];
    assert_eq!(not_read[0]["path"], "data/Report.PDF");
    assert_eq!(
        format!(
            "{}: {}",
            not_read[1]["path"].as_str().unwrap(),
            not_read[1]["reason"].as_str().unwrap()
        ),
        zip
    );
    assert_eq!(not_read.as_array().map(Vec::len), Some(2));
    // Nothing to read but the zip: exit 2, saying to unzip it.
    let out = roi_in(dir.path(), &["kpi", "likes", "data/yt"]);
    assert_eq!(code(&out), 2);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(
            "it holds data/yt/Content 2026-08-01_2026-08-31 Kenh.zip, which roi does not read; \
             a .zip download is to be unzipped first"
        ),
        "{}",
        transcript(&out)
    );
}

/// A workbook cannot come through standard input (it is read as text): the message
/// says so rather than listing XLSX among what roi reads.
#[test]
fn a_workbook_on_standard_input_is_told_to_be_named() {
    let mut zip = b"PK\x03\x04\x14\x00\x06\x00".to_vec();
    zip.extend((0..=255u8).cycle().take(600));
    let out = assert_cmd::Command::cargo_bin("roi")
        .unwrap()
        .args(["kpi", "likes", "-"])
        .write_stdin(zip)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("standard input takes CSV, TSV or JSON text"),
        "{err}"
    );
}

#[test]
fn explain_shows_how_a_figure_came_about() {
    let out = roi(&[
        "explain",
        "reach-aug",
        "--config",
        GOALS,
        "--as-of",
        "2026-08-20",
    ]);
    assert_eq!(code(&out), 0);
    insta::assert_snapshot!("explain_goal", transcript(&out));
    let out = roi(&[
        "explain",
        "cpl",
        "--config",
        GOALS,
        "--from",
        "2026-08-01",
        "--to",
        "2026-08-10",
    ]);
    insta::assert_snapshot!("explain_kpi", transcript(&out));
}

#[test]
fn the_shipped_ci_examples_work() {
    // The shell script branches on `roi status` and `roi kpi`.
    let script = root().join("examples/ci/weekly-digest.sh");
    let run = |goal: &str| {
        std::process::Command::new("sh")
            .arg(&script)
            .args([goal, GOALS])
            .current_dir(root())
            .env("ROI", assert_cmd::cargo::cargo_bin("roi"))
            .env("AS_OF", "2026-08-20")
            .output()
            .unwrap()
    };
    let behind = run("leads-500");
    assert_eq!(code(&behind), 1);
    assert_eq!(stdout(&behind), "leads-500: behind\n");
    let at_risk = run("leads-330");
    assert_eq!(code(&at_risk), 0);
    assert_eq!(
        stdout(&at_risk),
        "leads-330: at risk, look at it this week\n"
    );
    assert_eq!(code(&run("no-such-goal")), 2);

    // The workflow files are valid YAML that run `roi check` and publish JUnit.
    let yaml = run_python(
        r"
import sys, yaml
gh = yaml.safe_load(open(sys.argv[1]))
steps = gh['jobs']['goals']['steps']
print(any('roi check' in s.get('run', '') and '--format junit' in s['run'] for s in steps))
gl = yaml.safe_load(open(sys.argv[2]))
job = gl['roi-check']
print(any(line.startswith('roi check') for line in job['script']), job['artifacts']['reports']['junit'])
",
        &[
            root()
                .join("examples/ci/github-actions.yml")
                .to_str()
                .unwrap(),
            root().join("examples/ci/gitlab-ci.yml").to_str().unwrap(),
        ],
    );
    assert_eq!(yaml, "True\nTrue roi-goals.xml\n");
}

/// `--output /dev/null` writes to the device, without `--force`, and never replaces
/// it with a file (as renaming a finished file onto it would).
#[cfg(unix)]
#[test]
fn output_to_a_device_writes_to_it() {
    use std::os::unix::fs::FileTypeExt;
    let null = std::path::Path::new("/dev/null");
    assert!(
        std::fs::metadata(null)
            .unwrap()
            .file_type()
            .is_char_device()
    );
    let out = roi(&["kpis", "--output", "/dev/null"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert!(
        std::fs::metadata(null)
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

/// A `severity = "warn"` goal that would fail (the seeds' `influencers-unpaid-q3`,
/// missed at 1 of 2) is listed as a warning in the table, beside the two failures,
/// and does not fail the check by itself.
#[test]
fn a_warned_goal_is_listed_as_a_warning() {
    let out = roi(&[
        "check",
        "--config",
        "examples/seeds/roi.toml",
        "--as-of",
        "2026-11-24",
    ]);
    assert_eq!(code(&out), 1, "{}", transcript(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("FAIL ") || l.starts_with("WARN "))
        .map(|l| l.split(':').next().unwrap_or(l))
        .collect();
    assert_eq!(
        lines,
        [
            "FAIL leads-facebook-bts",
            "WARN influencers-unpaid-q3",
            "FAIL fb-cpl-q4"
        ]
    );
    assert!(
        text.contains("check failed: 2 of 9 goal(s) failing"),
        "{text}"
    );
}

/// The Markdown summary's status cells tell which goals fail the check: the icon
/// tells the status only (a `missed` warning does not fail, an `at_risk` goal may).
#[test]
fn markdown_check_marks_the_goals_that_fail_it() {
    let out = roi(&[
        "check",
        "--config",
        "examples/seeds/roi.toml",
        "--as-of",
        "2026-11-24",
        "--format",
        "markdown",
    ]);
    assert_eq!(code(&out), 1, "{}", transcript(&out));
    let text = stdout(&out);
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("| ")).collect();
    let failing: Vec<&str> = rows
        .iter()
        .filter(|r| r.ends_with(" — fails the check** |"))
        .copied()
        .collect();
    assert_eq!(failing.len(), 2, "{text}");
    assert!(
        failing
            .iter()
            .any(|r| r.ends_with("| **missed — fails the check** |")),
        "{text}"
    );
    assert!(
        failing
            .iter()
            .any(|r| r.ends_with("| **behind — fails the check** |")),
        "{text}"
    );
    assert_eq!(
        rows.iter()
            .filter(|r| r.ends_with("| missed (a warning: severity = \"warn\", not failing) |"))
            .count(),
        1,
        "{text}"
    );
}

#[test]
fn junit_keeps_each_goals_bound_and_notes() {
    let out = roi(&[
        "check",
        "--config",
        GOALS,
        "--as-of",
        "2026-08-20",
        "--format",
        "junit",
    ]);
    let xml = stdout(&out);
    let case = xml
        .split("<testcase ")
        .find(|c| c.starts_with("name=\"reach-aug\""))
        .expect("a test case per goal");
    // Reach summed over rows: the current value and the pass rest on an upper bound.
    assert!(case.contains("current 30,000 (upper bound)"), "{case}");
    assert!(
        case.contains("the value rests on reach summed over rows, so it is an upper bound"),
        "{case}"
    );
    assert!(case.contains("does not prove &gt;= 43,400"), "{case}");
}

/// JUnit output says what was read: the rows skipped (a totals row) and replaced (a
/// day downloaded twice), with each file's warnings, in the suite's output, as the
/// table and Markdown do: a CI reporter shows nothing else.
#[test]
fn junit_tells_the_rows_skipped_and_replaced() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ads.csv"),
        "Reporting starts,Reporting ends,Day,Impressions,Leads,Amount spent (USD)\n\
         2026-08-01,2026-08-04,2026-08-01,1000,4,50.00\n\
         2026-08-01,2026-08-04,2026-08-02,1200,6,60.00\n\
         2026-08-01,2026-08-04,2026-08-02,1300,7,65.00\n\
         Total,,,3500,17,175.00\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("roi.toml"),
        "inputs = [\"ads.csv\"]\n[[goals]]\nid = \"leads-aug\"\nkpi = \"leads\"\n\
         target = \">= 10\"\nstart = 2026-08-01\ndeadline = 2026-08-04\n",
    )
    .unwrap();
    for command in ["check", "report"] {
        let out = crate::roi_in(
            dir.path(),
            &[command, "--as-of", "2026-08-10", "--format", "junit"],
        );
        let xml = stdout(&out);
        // 4 + 7 leads: the later download of 08-02 counts.
        assert!(xml.contains("current 11, target &gt;= 10"), "{xml}");
        let suite_out = xml
            .rsplit("<system-out>")
            .next()
            .and_then(|s| s.split("</system-out>").next())
            .unwrap_or_default();
        assert!(
            suite_out
                .starts_with("Read 1 file(s), 2 row(s); 1 row(s) replaced by overlapping exports"),
            "{xml}"
        );
        assert!(
            suite_out.contains("ads.csv: skipped 1 row(s): total or summary row (first at line 5)"),
            "{xml}"
        );
        assert!(
            suite_out.contains("ads.csv: lines 3 and 4 give other figures for 2026-08-02"),
            "{xml}"
        );
    }
}
