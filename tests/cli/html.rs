//! The HTML report: one self-contained page in the reader's language whose every
//! figure is the JSON output's figure.

use scraper::{Html, Selector};
use serde_json::Value;

use crate::{code, roi, stdout, transcript};

fn page(args: &[&str]) -> String {
    let mut all = vec!["report", "--format", "html"];
    all.extend(args);
    let out = roi(&all);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    stdout(&out)
}

fn json(args: &[&str]) -> Value {
    let mut all = vec!["report", "--format", "json"];
    all.extend(args);
    let out = roi(&all);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

/// A JSON number as `data-value` writes it.
fn plain(v: &Value) -> String {
    v.as_f64()
        .map_or_else(|| "null".to_owned(), roi::render::plain_number)
}

#[test]
fn html_report_of_the_goal_fixture() {
    let html = page(&[
        "--config",
        "fixtures/goals/roi.toml",
        "--as-of",
        "2026-08-20",
        "--trend",
        "week",
    ]);
    insta::assert_snapshot!(html);
}

#[test]
fn html_report_is_self_contained_in_both_languages() {
    for (config, lang, words) in [
        ("examples/seeds/roi.toml", "en", "Goals (as of 24/11/2026)"),
        (
            "examples/seeds/roi.toml",
            "vi",
            "Mục tiêu (tính đến 24/11/2026)",
        ),
        ("examples/vi/roi.toml", "vi", "Xu hướng theo ngày"),
    ] {
        let html = page(&["--config", config, "--as-of", "2026-11-24", "--lang", lang]);
        let doc = Html::parse_document(&html);
        let root = select(&doc, "html");
        assert_eq!(root[0].value().attr("lang"), Some(lang), "{config}");
        let words = if lang == "en" {
            words.replace("24/11/2026", "2026-11-24")
        } else {
            words.to_owned()
        };
        assert!(html.contains(&words), "{config} {lang}: no `{words}`");
        // Nothing is fetched: no script, stylesheet link, image, frame, font or URL.
        // Links to posts are plain anchors, followed only when clicked.
        for css in [
            "script", "link", "img", "iframe", "object", "embed", "use", "image", "[src]",
        ] {
            assert!(select(&doc, css).is_empty(), "{config} {lang}: has {css}");
        }
        for e in select(&doc, "[href]") {
            assert_eq!(e.value().name(), "a", "{config} {lang}: href on a non-link");
        }
        for text in ["url(", "@import", "@font-face"] {
            assert!(!html.contains(text), "{config} {lang}: has {text}");
        }
        assert!(!select(&doc, "svg").is_empty());
    }
}

#[test]
fn every_figure_in_the_page_is_the_json_figure() {
    for args in [
        vec![
            "--config",
            "examples/seeds/roi.toml",
            "--as-of",
            "2026-11-24",
        ],
        vec![
            "--config",
            "examples/vi/roi.toml",
            "--as-of",
            "2026-08-21",
            "--lang",
            "vi",
        ],
        vec![
            "--config",
            "examples/shop-downloads/roi.toml",
            "--by",
            "platform",
            "--trend",
            "week",
            "--lang",
            "vi",
        ],
    ] {
        let report = json(&args);
        let html = page(&args);
        let doc = Html::parse_document(&html);

        // The KPI table: one span per group and KPI, in the JSON's order.
        let cells: Vec<(String, String)> = select(&doc, "#kpis span[data-kpi]")
            .iter()
            .map(|e| {
                let a = |n| e.value().attr(n).unwrap().to_owned();
                (a("data-kpi"), a("data-value"))
            })
            .collect();
        let mut expected = Vec::new();
        for g in report["groups"].as_array().unwrap() {
            for k in report["kpis"].as_array().unwrap() {
                let name = k["name"].as_str().unwrap();
                expected.push((name.to_owned(), plain(&g["values"][name]["value"])));
            }
        }
        assert_eq!(cells, expected, "{args:?}");

        // Goal cards: current, target and forecast.
        for g in report["goals"].as_array().unwrap() {
            let id = g["id"].as_str().unwrap();
            let card = select(&doc, &format!("#goal-{id} dd[data-value]"));
            let shown: Vec<&str> = card
                .iter()
                .map(|e| e.value().attr("data-value").unwrap())
                .collect();
            assert_eq!(shown[0], plain(&g["current"]), "{id}");
            assert_eq!(shown[1], plain(&g["target"]), "{id}");
            assert!(shown.contains(&plain(&g["forecast"]).as_str()), "{id}");
        }

        // Insight bars and heat-map cells.
        if let Some(i) = report.get("insights") {
            let per_post = i["ranked_by"] == "engagements_per_post";
            let bars = select(&doc, "#insights rect[data-section]");
            assert!(!bars.is_empty(), "{args:?}: no insight bars");
            for bar in bars {
                let a = |n| bar.value().attr(n).unwrap();
                let list = &i[format!("by_{}", a("data-section"))];
                let group = list
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|g| g["key"] == a("data-key"))
                    .unwrap();
                let field = if per_post {
                    "engagements_per_post"
                } else {
                    "engagement_rate"
                };
                assert_eq!(a("data-value"), plain(&group[field]), "{}", a("data-key"));
            }
            for cell in select(&doc, "#insights rect[data-weekday]") {
                let a = |n| cell.value().attr(n).unwrap();
                let found = i["grid"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|c| {
                        c["weekday"] == a("data-weekday").parse::<u64>().unwrap()
                            && c["hour"] == a("data-hour").parse::<u64>().unwrap()
                    })
                    .unwrap();
                assert_eq!(a("data-value"), plain(&found["engagements_per_post"]));
            }
        }

        // Every point of every trend chart.
        let trend = &report["trend"];
        let grain = trend["grain"].as_str().unwrap();
        let points = select(&doc, "#trends circle[data-kpi]");
        assert!(!points.is_empty(), "{args:?}: no trend drawn");
        for p in points {
            let a = |n| p.value().attr(n).unwrap();
            let (kpi, period) = (a("data-kpi"), a("data-period"));
            let series = p.value().attr("data-platform");
            let group = if let Some(platform) = series {
                trend["by_platform"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|g| g["key"][grain] == period && g["key"]["platform"] == platform)
            } else {
                trend["total"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|g| g["key"][grain] == period)
            }
            .unwrap_or_else(|| panic!("{series:?} {period} not in the JSON trend"));
            assert_eq!(
                a("data-value"),
                plain(&group["values"][kpi]["value"]),
                "{kpi} {series:?} {period}"
            );
        }
    }
}

#[test]
fn html_is_only_for_report() {
    for command in ["check", "kpi leads", "inspect", "kpis", "explain leads-500"] {
        let mut args: Vec<&str> = command.split(' ').collect();
        args.extend(["--config", "fixtures/goals/roi.toml", "--format", "html"]);
        let out = roi(&args);
        assert_eq!(code(&out), 2, "{command}: {}", transcript(&out));
        let name = command.split(' ').next().unwrap_or_default();
        assert!(
            transcript(&out).contains(&format!("error: `roi {name}` writes table")),
            "{command}: {}",
            transcript(&out)
        );
        assert!(transcript(&out).ends_with(", not html\n"), "{command}");
    }
}

/// A missed goal at 200 of 201 shows 99% in the HTML bar, as in the table
/// (`fixtures/progress-rounding/README.md`).
#[test]
fn html_progress_short_of_the_target_is_not_100() {
    let html = page(&[
        "--config",
        "fixtures/progress-rounding/roi.toml",
        "--as-of",
        "2026-08-21",
    ]);
    let doc = Html::parse_document(&html);
    let texts: Vec<String> = select(&doc, "svg.progress text")
        .iter()
        .map(|t| t.text().collect())
        .collect();
    assert!(texts.iter().any(|t| t == "99%"), "{texts:?}");
    assert!(!texts.iter().any(|t| t == "100%"), "{texts:?}");
    let label = select(&doc, "svg.progress")[0]
        .value()
        .attr("aria-label")
        .unwrap();
    assert!(label.contains("99") && !label.contains("100"), "{label}");
}
