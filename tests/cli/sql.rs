//! `roi sql`: the KPI catalogue as SQL. The numbers are checked on real engines by
//! scripts/sql_check.py (DuckDB in `.ci/run`, Spark and PostgreSQL by
//! scripts/scale-out-check); here the text of each dialect is pinned by reviewed
//! snapshots, and the errors by their messages.

use crate::{code, fixture, roi, stdout, transcript};

/// Money in two currencies with `[fx]`, a stock with its growth, a weighted duration,
/// a filter, a window and a period: every part of the generator.
fn query(dialect: &str) -> String {
    let config = fixture("currencies/roi.toml");
    let out = roi(&[
        "sql",
        "--config",
        config.to_str().unwrap(),
        "--dialect",
        dialect,
        "--by",
        "campaign,month",
        "--where",
        "platform=facebook|tiktok",
        "--from",
        "2026-08-01",
        "--to",
        "2026-08-31",
        "roas",
        "cpl",
        "follower_growth",
        "avg_first_reply_time",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    stdout(&out)
}

#[test]
fn duckdb_query() {
    insta::assert_snapshot!(query("duckdb"));
}

#[test]
fn spark_query() {
    insta::assert_snapshot!(query("spark"));
}

#[test]
fn bigquery_query() {
    insta::assert_snapshot!(query("bigquery"));
}

#[test]
fn postgres_query() {
    insta::assert_snapshot!(query("postgres"));
}

#[test]
fn rollup_query() {
    let out = roi(&[
        "sql",
        "--dialect",
        "postgres",
        "--rollup",
        "day",
        "--by",
        "campaign",
        "--table",
        "marketing.roi_rows",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn the_default_is_every_kpi_of_the_catalogue() {
    let out = roi(&[
        "sql",
        "--config",
        fixture("kpis/roi.toml").to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let list = roi(&[
        "kpis",
        "--config",
        fixture("kpis/roi.toml").to_str().unwrap(),
        "--format",
        "json",
    ]);
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let sql = stdout(&out);
    for kpi in list["kpis"].as_array().unwrap() {
        let column = format!(" AS \"{}\"", kpi["name"].as_str().unwrap());
        assert!(sql.contains(&column), "no column {column}");
    }
}

#[test]
fn errors_name_the_problem() {
    let out = roi(&["sql", "cpm", "rooas"]);
    assert_eq!(code(&out), 2);
    insta::assert_snapshot!("unknown_kpi", transcript(&out));
    let out = roi(&["sql", "--rollup", "day", "--by", "month"]);
    assert_eq!(code(&out), 2);
    insta::assert_snapshot!("rollup_by_period", transcript(&out));
    let out = roi(&["sql", "--dialect", "oracle"]);
    assert_eq!(code(&out), 2);
    assert!(
        transcript(&out).contains("possible values: duckdb, spark, bigquery, postgres"),
        "{}",
        transcript(&out)
    );
}

/// `--where` values are composed (NFC), as roi writes text: `Khuyến mãi Tết` typed
/// decomposed (`e` + `◌̂` + `◌́`) is the campaign roi's rows hold composed.
#[test]
fn where_values_are_composed() {
    let sql = |value: &str| {
        let out = roi(&["sql", "spend", "--where", &format!("campaign={value}")]);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        stdout(&out)
    };
    let composed = sql("Khuyến mãi Tết");
    assert!(composed.contains("WHERE LOWER(\"campaign\") IN ('khuyến mãi tết')"));
    assert_eq!(
        sql("Khuye\u{302}\u{301}n ma\u{303}i Te\u{302}\u{301}t"),
        composed
    );
}

/// The query needs the Parquet schema's columns, and names are KPIs or canonical
/// metrics (a custom metric's column cannot be told from a misspelt name): the help
/// says both.
#[test]
fn the_help_says_what_the_query_reads() {
    let out = roi(&["sql", "--help"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let help = stdout(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for said in [
        "normalized rows with the columns of its Parquet files (`roi normalize --format \
         parquet`, or a table loaded from them)",
        "KPIs or canonical metrics to compute (a custom metric through a KPI of roi.toml)",
        "holding normalized rows with the columns of roi's Parquet files",
    ] {
        assert!(help.contains(said), "{said} not in {help}");
    }
    let out = roi(&["sql", "x2nd"]);
    assert_eq!(code(&out), 2, "{}", transcript(&out));
}

/// A landing page written without a query string is the page with any, as `roi
/// report` has it; one written with a query string is that one.
#[test]
fn a_landing_page_without_a_query_string_is_the_page_with_any() {
    let sql = |value: &str| {
        let out = roi(&[
            "sql",
            "web_traffic",
            "--where",
            &format!("landing_page={value}"),
        ]);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        stdout(&out)
    };
    assert!(sql("/New-Items").contains(
        "WHERE (LOWER(\"landing_page\") IN ('/new-items') OR SUBSTR(LOWER(\"landing_page\"), 1, 11) = '/new-items?')"
    ));
    assert!(
        sql("/new-items?ref=pin")
            .contains("WHERE LOWER(\"landing_page\") IN ('/new-items?ref=pin')")
    );
}

/// A slip of a platform roi knows is refused as `--where` is everywhere else: the
/// query would match no row, read as no data.
#[test]
fn a_misspelt_platform_is_refused() {
    let out = roi(&["sql", "cpl", "--where", "platform=facebok"]);
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("(did you mean `facebook`?)"),
        "{}",
        transcript(&out)
    );
    let out = roi(&["sql", "cpl", "--where", "platform=fb"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert!(stdout(&out).contains("IN ('facebook')"), "{}", stdout(&out));
}
