//! Every built-in KPI against figures worked by hand from `fixtures/kpis/data.csv`
//! (the sidecar `fixtures/kpis/expected.csv` shows each computation).

use crate::{code, fixture, roi, stdout, transcript};

#[test]
fn every_kpi_matches_its_hand_computed_value() {
    let config = fixture("kpis/roi.toml");
    let config = config.to_str().unwrap();
    let mut expected = csv::Reader::from_path(fixture("kpis/expected.csv")).unwrap();
    let mut checked = std::collections::BTreeSet::new();
    for record in expected.records() {
        let record = record.unwrap();
        let (kpi, from, to, want) = (&record[0], &record[1], &record[2], &record[3]);
        let mut args = vec!["kpi", kpi, "--config", config];
        if !from.is_empty() {
            args.extend(["--from", from, "--to", to]);
        }
        let out = roi(&args);
        assert_eq!(code(&out), 0, "{kpi}: {}", transcript(&out));
        let got: f64 = stdout(&out).trim().parse().unwrap_or(f64::NAN);
        let want: f64 = want.parse().unwrap();
        assert!(
            (got - want).abs() <= 1e-6 * want.abs().max(1.0),
            "{kpi} {from}..{to}: roi says {got}, worked by hand {want} ({})",
            &record[4]
        );
        checked.insert(kpi.to_owned());
    }
    // The sidecar covers the whole built-in catalogue.
    let list = roi(&["kpis", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    for kpi in list["kpis"].as_array().unwrap() {
        let name = kpi["name"].as_str().unwrap();
        assert!(checked.contains(name), "{name} has no hand-computed figure");
    }
}

#[test]
fn reach_is_flagged_as_an_upper_bound() {
    let config = fixture("kpis/roi.toml");
    let out = roi(&[
        "kpi",
        "reach",
        "--config",
        config.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["bound"], "upper");
    // One row of reach is exact.
    let out = roi(&[
        "kpi",
        "reach",
        "--config",
        config.to_str().unwrap(),
        "--where",
        "platform=facebook",
        "--from",
        "2026-08-01",
        "--to",
        "2026-08-01",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["value"], 600.0);
    assert!(json.get("bound").is_none());
}

/// Revenue in USD and spend in VND: worked by hand in `fixtures/currencies/README.md`.
#[test]
fn amounts_in_two_currencies_meet_only_through_fx() {
    let config = fixture("currencies/roi.toml");
    let out = roi(&[
        "report",
        "--config",
        config.to_str().unwrap(),
        "--by",
        "platform",
        "--kpi",
        "sales_revenue,spend,roas,cpl",
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let value = |group: usize, kpi: &str| report["groups"][group]["values"][kpi].clone();
    // facebook: 160 USD of revenue, all in USD, is shown in the report currency:
    // 160 × 25,000 = 4,000,000 VND; roas = 4,000,000 / 1,200,000.
    assert_eq!(value(0, "sales_revenue")["currency"], "VND");
    assert_eq!(value(0, "sales_revenue")["value"], 4_000_000.0);
    let roas = value(0, "roas")["value"].as_f64().unwrap();
    assert!((roas - 4_000_000.0 / 1_200_000.0).abs() < 1e-12, "{roas}");
    // tiktok: spend 300,000 VND + 10 USD = 550,000 VND over 7 leads.
    assert_eq!(value(1, "spend")["currency"], "VND");
    assert_eq!(value(1, "spend")["value"], 550_000.0);
    let cpl = value(1, "cpl")["value"].as_f64().unwrap();
    assert!((cpl - 550_000.0 / 7.0).abs() < 1e-9, "{cpl}");

    // Without [fx], no USD amount meets a VND one: no value, and a note says why.
    let out = roi(&[
        "report",
        fixture("currencies").to_str().unwrap(),
        "--by",
        "platform",
        "--kpi",
        "roas,roi",
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(report["groups"][0]["values"]["roas"]["value"].is_null());
    assert!(report["groups"][0]["values"]["roi"]["value"].is_null());
    let notes = report["notes"].to_string();
    assert!(
        notes.contains("revenue / spend (USD, VND) mixes currencies"),
        "{notes}"
    );
    let out = roi(&["kpi", "roas", fixture("currencies").to_str().unwrap()]);
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    assert!(
        transcript(&out).contains("mixes currencies"),
        "{}",
        transcript(&out)
    );
}

/// With `[fx]`, money is in the report currency even where the data holds one
/// currency: a goal's baseline, value and target are all in it.
#[test]
fn money_in_one_currency_is_converted_with_fx() {
    let goals = |dir: &str| {
        let config = fixture(&format!("fx-one-currency/{dir}/roi.toml"));
        let out = roi(&[
            "report",
            "--config",
            config.to_str().unwrap(),
            "--as-of",
            "2026-08-05",
            "--format",
            "json",
        ]);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        report["goals"].clone()
    };
    let close = |got: &serde_json::Value, want: f64| {
        let got = got.as_f64().unwrap();
        assert!((got - want).abs() < 1e-9, "{got} != {want}");
    };
    let vnd = goals("vnd");
    // cpl-down: July is all VND, 2,600,000 VND × 0.00004 = 104 USD over 20 leads = 5.20
    // USD; August: (104 + 50) USD over 15 leads = 10.2666… USD.
    assert_eq!(vnd[0]["currency"], "USD");
    close(&vnd[0]["baseline"], 104.0 / 20.0);
    close(&vnd[0]["current"], 154.0 / 15.0);
    close(&vnd[0]["target"], 5.2 * 0.9);
    // fb-cpl: facebook's August is all VND: 104 USD / 10 leads = 10.40 USD.
    assert_eq!(vnd[1]["currency"], "USD");
    close(&vnd[1]["current"], 10.4);
    // fb-cpl in EUR: 48 EUR × 1.10 = 52.80 USD / 10 leads = 5.28 USD > 5.00, within the
    // 10% tolerance: at_risk (as 4.80 EUR it passed for on_track).
    let eur = goals("eur");
    assert_eq!(eur[0]["currency"], "USD");
    close(&eur[0]["current"], 5.28);
    assert_eq!(eur[0]["status"], "at_risk");

    // Without [fx] one currency is shown as it is.
    let out = roi(&[
        "kpi",
        "cpl",
        fixture("fx-one-currency/eur/data.csv").to_str().unwrap(),
        "--where",
        "platform=facebook",
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["currency"], "EUR");
    close(&json["value"], 4.8);
}

/// A stock's value over a window is each series' last reading at or before the
/// window's end, even one before the window's start. `fixtures/stocks/followers.csv`:
/// facebook read on 07-31 (1000), 08-07 (1100), 08-14 (1200), 08-21 (1250);
/// instagram on 07-31 (500) and 08-10 (600).
#[test]
fn stocks_keep_their_last_reading_before_the_window() {
    let file = fixture("stocks/followers.csv");
    let file = file.to_str().unwrap();
    let kpi = |name: &str, from: &str, to: &str| {
        let out = roi(&["kpi", name, file, "--from", from, "--to", to]);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        stdout(&out).trim().to_owned()
    };
    // 08-08..08-13: facebook 1100 (read 08-07), instagram 600 (08-10) = 1700; growth
    // (1100 − 1100) + (600 − 500) = 100; rate 100 / (1700 − 100) = 0.0625.
    assert_eq!(kpi("follower_count", "2026-08-08", "2026-08-13"), "1700");
    assert_eq!(kpi("follower_growth", "2026-08-08", "2026-08-13"), "100");
    assert_eq!(
        kpi("follower_growth_rate", "2026-08-08", "2026-08-13"),
        "0.0625"
    );
    // 08-15..08-20, no reading inside: 1200 + 600 = 1800, grown by 0.
    assert_eq!(kpi("follower_count", "2026-08-15", "2026-08-20"), "1800");
    assert_eq!(kpi("follower_growth", "2026-08-15", "2026-08-20"), "0");
    assert_eq!(kpi("follower_growth_rate", "2026-08-15", "2026-08-20"), "0");

    // By week, no made-up losses: W31 1000 + 500 = 1500; W32 1100 + 500 = 1600; W33
    // 1200 + 600 = 1800; W34 1250 + 600 = 1850.
    let out = roi(&[
        "report",
        file,
        "--by",
        "week",
        "--kpi",
        "follower_count",
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let weeks: Vec<(String, f64)> = report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["key"]["week"].as_str().unwrap().to_owned(),
                g["values"]["follower_count"]["value"].as_f64().unwrap(),
            )
        })
        .collect();
    let want = [
        ("2026-W31", 1500.0),
        ("2026-W32", 1600.0),
        ("2026-W33", 1800.0),
        ("2026-W34", 1850.0),
    ];
    assert_eq!(
        weeks,
        want.map(|(w, v)| (w.to_owned(), v)).to_vec(),
        "{report}"
    );
}
