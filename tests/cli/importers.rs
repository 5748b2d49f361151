//! Platform layouts on our own small fixtures (`fixtures/importers/`), against
//! figures worked by hand in `fixtures/importers/README.md`.

use crate::{code, roi, stdout, transcript};

fn kpi(args: &[&str]) -> String {
    let out = roi(args);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    stdout(&out).trim().to_owned()
}

#[test]
fn vietnamese_meta_ads_in_vnd() {
    let f = "fixtures/importers/meta-ads-vi.csv";
    assert_eq!(kpi(&["kpi", "spend", f]), "3650000");
    assert_eq!(kpi(&["kpi", "link_clicks", f]), "95");
    assert_eq!(
        kpi(&["kpi", "leads", f, "--where", "campaign=Hè 2026"]),
        "20"
    );
    assert_eq!(
        kpi(&["kpi", "cpl", f, "--where", "campaign=hè 2026"]),
        "137500"
    );
    assert_eq!(
        kpi(&["kpi", "reach", f, "--where", "campaign=Thu 2026"]),
        "800"
    );
    assert_eq!(
        kpi(&[
            "kpi",
            "leads",
            f,
            "--from",
            "2026-08-13",
            "--to",
            "2026-08-13"
        ]),
        "5"
    );
    let json = roi(&["kpi", "spend", f, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["currency"], "VND");
    let out = roi(&["report", f, "--by", "campaign"]);
    insta::assert_snapshot!(transcript(&out));
}

#[test]
fn tiktok_year_less_series_across_new_year() {
    let f = "fixtures/importers/tiktok-followers-new-year.csv";
    let out = roi(&["inspect", f, "--year", "2027", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["files"][0]["first_date"], "2026-12-30");
    assert_eq!(json["files"][0]["last_date"], "2027-01-02");
    assert_eq!(kpi(&["kpi", "follower_count", f, "--year", "2027"]), "110");
    assert_eq!(kpi(&["kpi", "follower_change", f, "--year", "2027"]), "12");
}

#[test]
fn google_ads_with_a_date_range_line() {
    let f = "fixtures/importers/google-ads-range.csv";
    assert_eq!(kpi(&["kpi", "impressions", f]), "20000");
    assert_eq!(kpi(&["kpi", "clicks", f]), "500");
    assert_eq!(kpi(&["kpi", "spend", f]), "1050.5");
    assert_eq!(kpi(&["kpi", "conversions", f]), "25");
    let out = roi(&["inspect", f]);
    insta::assert_snapshot!(transcript(&out));
}

#[test]
fn ga4_sources_become_platforms() {
    let f = "fixtures/importers/ga4-sources.csv";
    let pinterest = [
        "kpi",
        "web_traffic",
        f,
        "--where",
        "platform=pinterest",
        "--where",
        "landing_page=/new-items",
    ];
    assert_eq!(kpi(&pinterest), "100");
    assert_eq!(
        kpi(&["kpi", "web_traffic", f, "--where", "platform=facebook"]),
        "120"
    );
    assert_eq!(
        kpi(&["kpi", "web_traffic", f, "--where", "platform=twitter"]),
        "15"
    );
    assert_eq!(kpi(&["kpi", "web_traffic", f]), "735");
    assert_eq!(kpi(&["kpi", "sales_revenue", f]), "1550.4");
    assert_eq!(
        kpi(&[
            "kpi",
            "web_traffic",
            f,
            "--from",
            "2026-10-01",
            "--to",
            "2026-10-31"
        ]),
        "735"
    );
}

#[test]
fn unknown_exports_get_a_ready_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("zalo-aug.csv");
    std::fs::write(
        &file,
        "Ngày,Lượt xem,Chiến dịch\n31/07/2026,\"1.234\",Hè\n01/08/2026,\"2.000\",Hè\n",
    )
    .unwrap();
    let out = crate::roi_in(dir.path(), &["report", "zalo-aug.csv"]);
    assert_eq!(code(&out), 2);
    insta::assert_snapshot!(transcript(&out));
    std::fs::write(
        dir.path().join("roi.toml"),
        "inputs = [\"zalo-aug.csv\"]\n[[mappings]]\nfiles = \"zalo-*.csv\"\nplatform = \"Zalo\"\ndate_format = \"%d/%m/%Y\"\ndecimal = \",\"\n[mappings.columns]\n\"Ngày\" = \"date\"\n\"Lượt xem\" = \"video_views\"\n\"Chiến dịch\" = \"campaign\"\n",
    )
    .unwrap();
    let out = crate::roi_in(
        dir.path(),
        &["kpi", "video_views", "--where", "platform=zalo"],
    );
    assert_eq!(stdout(&out), "3234\n", "{}", transcript(&out));
}

#[test]
fn normalize_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    for f in [
        "fixtures/importers/meta-ads-vi.csv",
        "fixtures/importers/ga4-sources.csv",
        "fixtures/importers/google-ads-range.csv",
    ] {
        let first = roi(&["normalize", f]);
        assert_eq!(code(&first), 0, "{}", transcript(&first));
        let path = dir.path().join("normalized.csv");
        std::fs::write(&path, &first.stdout).unwrap();
        let second = roi(&["normalize", path.to_str().unwrap()]);
        assert_eq!(stdout(&first), stdout(&second), "{f}");
        let json = roi(&["normalize", f, "--format", "json"]);
        let jpath = dir.path().join("normalized.json");
        std::fs::write(&jpath, &json.stdout).unwrap();
        let third = roi(&["normalize", jpath.to_str().unwrap()]);
        assert_eq!(stdout(&first), stdout(&third), "{f} through JSON");
    }
}
