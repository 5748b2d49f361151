//! Vietnamese-first: one catalogue per language, always in step; human output in the
//! chosen language; machine output (JSON, CSV, `roi status`) the same in every one.

use std::collections::BTreeSet;

use crate::{code, roi, roi_in, root, stdout, transcript};

/// Dotted keys of a catalogue (two-space nested YAML mappings).
fn keys(path: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    let mut stack: Vec<String> = Vec::new();
    let mut out = BTreeSet::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let depth = (line.len() - line.trim_start().len()) / 2;
        let Some((key, value)) = line.trim().split_once(':') else {
            continue;
        };
        stack.truncate(depth);
        stack.push(key.to_owned());
        if !value.trim().is_empty() {
            out.insert(stack.join("."));
        }
    }
    out
}

#[test]
fn every_message_exists_in_every_language() {
    let en = keys("locales/en.yml");
    let vi = keys("locales/vi.yml");
    let only_en: Vec<_> = en.difference(&vi).collect();
    let only_vi: Vec<_> = vi.difference(&en).collect();
    assert!(only_en.is_empty(), "missing in vi.yml: {only_en:?}");
    assert!(only_vi.is_empty(), "missing in en.yml: {only_vi:?}");
    assert!(en.len() > 100, "the catalogue has {} keys", en.len());
}

#[test]
fn vietnamese_report_with_diacritics_aligned() {
    let out = roi(&[
        "report",
        "--config",
        "examples/vi/roi.toml",
        "--as-of",
        "2026-08-21",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    insta::assert_snapshot!(transcript(&out));
    let out = roi(&[
        "check",
        "--config",
        "examples/seeds/roi.toml",
        "--as-of",
        "2026-11-24",
        "--lang",
        "vi",
        "--format",
        "markdown",
    ]);
    insta::assert_snapshot!("vi_check_markdown", transcript(&out));
}

#[test]
fn machine_output_never_changes_with_the_language() {
    for args in [
        vec![
            "report",
            "--config",
            "examples/seeds/roi.toml",
            "--as-of",
            "2026-11-24",
            "--format",
            "json",
        ],
        vec![
            "report",
            "--config",
            "examples/seeds/roi.toml",
            "--as-of",
            "2026-11-24",
            "--format",
            "csv",
            "--by",
            "platform",
        ],
        vec![
            "check",
            "--config",
            "examples/seeds/roi.toml",
            "--as-of",
            "2026-11-24",
            "--format",
            "json",
        ],
        vec![
            "status",
            "fb-cpl-q4",
            "--config",
            "examples/seeds/roi.toml",
            "--as-of",
            "2026-11-24",
        ],
        vec!["kpi", "cpl", "--config", "examples/vi/roi.toml"],
        vec!["kpis", "--format", "json"],
        vec![
            "inspect",
            "examples/vi/exports/noi-dung-trang-facebook.csv",
            "--format",
            "json",
        ],
    ] {
        let en = roi(&[args.clone(), vec!["--lang", "en"]].concat());
        let vi = roi(&[args.clone(), vec!["--lang", "vi"]].concat());
        assert_eq!(stdout(&en), stdout(&vi), "{args:?}");
        assert_eq!(code(&en), code(&vi));
    }
}

#[test]
fn the_language_comes_from_the_flag_the_config_or_the_environment() {
    let seeds = [
        "report",
        "--config",
        "examples/seeds/roi.toml",
        "--as-of",
        "2026-11-24",
    ];
    let env_vi = assert_cmd::Command::cargo_bin("roi")
        .unwrap()
        .current_dir(root())
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "vi_VN.UTF-8")
        .args(seeds)
        .output()
        .unwrap();
    assert!(
        stdout(&env_vi).starts_with("Chỉ số"),
        "{}",
        transcript(&env_vi)
    );
    let flag = assert_cmd::Command::cargo_bin("roi")
        .unwrap()
        .current_dir(root())
        .env("LANG", "vi_VN.UTF-8")
        .args(seeds)
        .args(["--lang", "en"])
        .output()
        .unwrap();
    assert!(stdout(&flag).starts_with("KPIs"));
    // examples/vi/roi.toml says lang = "vi".
    let config = roi(&["kpi", "cpl", "--config", "examples/vi/roi.toml"]);
    assert_eq!(code(&config), 0);
    let report = roi(&[
        "report",
        "--config",
        "examples/vi/roi.toml",
        "--as-of",
        "2026-08-21",
    ]);
    assert!(stdout(&report).contains("đúng tiến độ"));
}

#[test]
fn init_in_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let out = roi_in(dir.path(), &["init", "--lang", "vi"]);
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).starts_with("đã ghi roi.toml"));
    let written = std::fs::read_to_string(dir.path().join("roi.toml")).unwrap();
    assert!(written.contains("Tăng 40% lượt tiếp cận Facebook"));
    assert!(written.contains("lang = \"vi\""));
    // Five goals of the article, loadable as they are.
    assert_eq!(written.matches("[[goals]]").count(), 7);
    assert_eq!(code(&roi_in(dir.path(), &["kpis"])), 0);
}

/// Every message the code names (`say!`, `msg!`, `tr(…, "key"`) is in the catalogue,
/// so no reader ever sees a bare key.
#[test]
fn every_message_the_code_names_is_in_the_catalogue() {
    let en = keys("locales/en.yml");
    let mut missing = Vec::new();
    let mut named = 0;
    for entry in walk(&root().join("src")) {
        let text = std::fs::read_to_string(&entry).unwrap();
        for marker in [
            "say!(",
            "msg!(",
            "tr(lang, \"",
            "tr(style.lang, \"",
            "t(style, \"",
        ] {
            for (at, _) in text.match_indices(marker) {
                let rest = text[at + marker.len()..].trim_start();
                let rest = rest.strip_prefix('"').unwrap_or(rest);
                let Some(end) = rest.find('"') else { continue };
                let key = &rest[..end];
                if !key.contains('.') || key.contains(['{', ' ']) {
                    continue; // a macro definition or a computed key
                }
                named += 1;
                if !en.contains(key) {
                    missing.push(format!("{}: {key}", entry.display()));
                }
            }
        }
    }
    assert!(named > 100, "only {named} message keys found in the code");
    assert!(
        missing.is_empty(),
        "keys not in locales/en.yml: {missing:?}"
    );
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// `--help` of every command in Vietnamese: each summary and argument from the
/// catalogue (no bare key), the English help unchanged without `--lang`.
#[test]
fn help_in_vietnamese() {
    let mut commands = crate::commands();
    assert!(commands.len() >= 11, "{commands:?}");
    commands.insert(0, String::new());
    for command in &commands {
        let command = command.as_str();
        let mut args = vec!["--lang", "vi"];
        if !command.is_empty() {
            args.push(command);
        }
        args.push("--help");
        let out = roi(&args);
        assert_eq!(code(&out), 0, "{command}");
        let text = stdout(&out);
        assert!(!text.contains("help."), "{command}: a bare key in {text}");
        assert!(text.contains("Cách dùng: roi"), "{command}: {text}");
        let english_args: Vec<&str> = args[2..].to_vec();
        let english = stdout(&roi(&english_args));
        assert!(english.contains("Usage: roi"), "{command}: {english}");
        // The arguments in the order of the usage line, as in English
        // (`<NAME> [INPUT]...`).
        let positionals = |help: &str| -> Vec<String> {
            help.lines()
                .map(str::trim)
                .filter(|l| l.starts_with('<') || l.starts_with('['))
                .map(str::to_owned)
                .collect()
        };
        assert_eq!(positionals(&text), positionals(&english), "{command}");
    }
    insta::assert_snapshot!("help_vi", stdout(&roi(&["--lang", "vi", "--help"])));
    insta::assert_snapshot!(
        "help_vi_report",
        stdout(&roi(&["--lang", "vi", "report", "--help"]))
    );
}

/// How each column is read is said in the reader's language; the model's names
/// (`reach`, `content_id`) stay as a config writes them.
#[test]
fn inspect_in_vietnamese() {
    let out = roi(&[
        "inspect",
        "examples/vi/exports/noi-dung-trang-facebook.csv",
        "--lang",
        "vi",
    ]);
    insta::assert_snapshot!("vi_inspect", transcript(&out));
}

/// A grouped table names its columns in the reader's language: dimensions, periods
/// and KPIs (`nền tảng`, `tuần`, `lượt hiển thị`), in the table and in Markdown.
#[test]
fn grouped_tables_in_vietnamese() {
    for format in ["table", "markdown"] {
        let out = roi(&[
            "report",
            "--config",
            "examples/vi/roi.toml",
            "--as-of",
            "2026-08-21",
            "--by",
            "platform,week",
            "--kpi",
            "impressions,engagement_rate,cpl",
            "--lang",
            "vi",
            "--format",
            format,
        ]);
        insta::assert_snapshot!(format!("vi_grouped_{format}"), transcript(&out));
    }
}

/// Vietnamese tables write `--by day` periods as they write dates (`01/08/2026`) and
/// months `08/2026`; CSV and JSON keep ISO. The metrics' columns have Vietnamese
/// names (`fixtures/vi-tables/README.md`).
#[test]
fn periods_and_metrics_in_vietnamese_tables() {
    let dir = crate::fixture("vi-tables");
    let run = |by: &str, format: &str| {
        let out = roi_in(
            &dir,
            &[
                "--lang",
                "vi",
                "report",
                "chien-dich-theo-ngay.csv",
                "--by",
                by,
                "--kpi",
                "conversions,revenue",
                "--format",
                format,
            ],
        );
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        out
    };
    for format in ["table", "markdown"] {
        for by in ["day", "month"] {
            insta::assert_snapshot!(
                format!("vi_periods_{by}_{format}"),
                transcript(&run(by, format))
            );
        }
    }
    let csv = stdout(&run("day", "csv"));
    assert!(csv.contains("\n2026-08-01,"), "{csv}");
    let json: serde_json::Value = serde_json::from_slice(&run("month", "json").stdout).unwrap();
    assert_eq!(json["groups"][0]["key"]["month"], "2026-08");
}

/// Every KPI, canonical metric, dimension and period has a Vietnamese name, so a
/// Vietnamese table never shows a bare id beside translated ones.
#[test]
fn every_kpi_metric_and_dimension_has_a_vietnamese_name() {
    use roi::i18n::{Lang, column_label, kpi_label};
    let kpis: serde_json::Value =
        serde_json::from_slice(&roi(&["kpis", "--format", "json"]).stdout).unwrap();
    let kpis: Vec<&str> = kpis["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["name"].as_str().unwrap())
        .collect();
    assert!(kpis.len() > 40, "{kpis:?}");
    let metrics = roi::model::CANONICAL_METRICS.iter().map(|m| m.name);
    let mut bare: Vec<&str> = kpis
        .iter()
        .copied()
        .chain(metrics)
        .filter(|name| kpi_label(Lang::Vi, name) == *name)
        .collect();
    let columns = roi::model::Dimension::ALL.map(roi::model::Dimension::name);
    bare.extend(
        columns
            .into_iter()
            .chain(["day", "week", "month"])
            .filter(|name| column_label(Lang::Vi, name) == *name),
    );
    assert!(bare.is_empty(), "no Vietnamese name: {bare:?}");
}
