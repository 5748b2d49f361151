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
