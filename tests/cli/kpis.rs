//! Every built-in KPI against figures worked by hand from `fixtures/kpis/data.csv`
//! (the sidecar `fixtures/kpis/expected.csv` shows each computation).

use crate::{code, fixture, roi, roi_in, stdout, transcript};

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
    assert!((roas - 4_000_000.0 / 1_200_000.0).abs() < 1e-9, "{roas}");
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
    // 08-15..08-20, no row inside: no value, as `roi report` says "no rows match"
    // (the counts read on 08-14 and 08-21 tell nothing of a growth of 0 between).
    // A note on stderr gives the days the data runs.
    for name in ["follower_count", "follower_growth", "follower_growth_rate"] {
        assert_eq!(kpi(name, "2026-08-15", "2026-08-20"), "n/a");
    }
    let out = roi(&[
        "kpi",
        "follower_count",
        file,
        "--from",
        "2026-08-15",
        "--to",
        "2026-08-20",
    ]);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "roi: no rows in 2026-08-15 ..= 2026-08-20 (the data runs 2026-07-31 ..= \
         2026-08-21): no value is given for it\n"
    );
    // An open window says which side it is open on, not a day the user never gave.
    for (flag, day, note) in [
        (
            "--from",
            "2026-09-01",
            "roi: no rows from 2026-09-01 on (the data runs 2026-07-31 ..= 2026-08-21): no value is given for it\n",
        ),
        (
            "--to",
            "2026-07-01",
            "roi: no rows through 2026-07-01 (the data runs 2026-07-31 ..= 2026-08-21): no value is given for it\n",
        ),
    ] {
        let out = roi(&["kpi", "follower_count", file, flag, day]);
        assert_eq!(stdout(&out), "n/a\n", "{}", transcript(&out));
        assert_eq!(String::from_utf8_lossy(&out.stderr), note);
    }
    let out = roi(&["report", file, "--from", "2026-08-15", "--to", "2026-08-20"]);
    assert!(
        stdout(&out).contains("no rows match"),
        "{}",
        transcript(&out)
    );

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

/// A rate leaves out a platform that has its numerator but none of its denominator:
/// `fixtures/kpis/mismatch/sov.csv` has twitter with mentions (90) and clicks (50) but
/// no category_mentions or impressions. Adding them would give (30 + 90) / 100 =
/// 120 % share of voice and (10 + 50) / 1000 = 0.06 ctr; facebook alone is what can
/// be known: 30 / 100 = 0.3 and 10 / 1000 = 0.01.
#[test]
fn a_rate_leaves_out_a_platform_without_its_denominator() {
    let f = "fixtures/kpis/mismatch/sov.csv";
    let out = roi(&["kpi", "share_of_voice", f]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(stdout(&out), "0.3\n");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "roi: share_of_voice: twitter has mentions but no category_mentions: left out\n"
    );
    let out = roi(&["kpi", "ctr", f]);
    assert_eq!(stdout(&out), "0.01\n");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "roi: ctr: twitter has clicks but no impressions: left out\n"
    );
    // JSON carries the note; stderr stays quiet.
    let out = roi(&["kpi", "ctr", f, "--format", "json"]);
    assert!(out.stderr.is_empty(), "{}", transcript(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["value"], 0.01);
    assert_eq!(
        json["notes"],
        serde_json::json!(["ctr: twitter has clicks but no impressions: left out"])
    );
    // The report: the same values, and the notes in its notes.
    let out = roi(&[
        "report",
        f,
        "--kpi",
        "ctr,share_of_voice,clicks,mentions",
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let values = &report["groups"][0]["values"];
    assert_eq!(values["ctr"]["value"], 0.01);
    assert_eq!(values["share_of_voice"]["value"], 0.3);
    // Counts are sums of every platform, as before: 10 + 50, 30 + 90.
    assert_eq!(values["clicks"]["value"], 60.0);
    assert_eq!(values["mentions"]["value"], 120.0);
    let notes: Vec<&str> = report["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert_eq!(
        notes,
        [
            "ctr: twitter has clicks but no impressions: left out",
            "share_of_voice: twitter has mentions but no category_mentions: left out",
        ]
    );
}

/// The README's sample (`fixtures/kpis/mismatch/readme.csv`): twitter has likes,
/// comments and shares but no reach. engagement_rate was (143 + 55) / 1800 = 0.11,
/// labelled exact; facebook alone is (120 + 14 + 9) / 1800 = 143 / 1800 = 0.0794…
/// (one row of reach: exact). lead_conversion_rate has both sides on both platforms:
/// (21 + 6) / (95 + 30) = 0.216, and cpl (money) (35.50 + 12.00) / 27 = 1.7592…
#[test]
fn engagement_rate_leaves_out_a_platform_without_reach() {
    let f = "fixtures/kpis/mismatch/readme.csv";
    let out = roi(&["kpi", "engagement_rate", f, "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let value = json["value"].as_f64().unwrap();
    assert!((value - 143.0 / 1800.0).abs() < 1e-9, "{json}");
    assert!(json.get("bound").is_none(), "{json}");
    assert_eq!(
        json["notes"],
        serde_json::json!([
            "engagement_rate: twitter has likes, comments, shares but no reach: left out"
        ])
    );
    let out = roi(&["kpi", "lead_conversion_rate", f]);
    assert_eq!(stdout(&out), "0.216\n");
    assert!(out.stderr.is_empty(), "{}", transcript(&out));
    let out = roi(&["kpi", "cpl", f, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let value = json["value"].as_f64().unwrap();
    assert!((value - 47.5 / 27.0).abs() < 1e-9, "{json}");
    assert!(json.get("notes").is_none(), "{json}");
}

/// `--by platform` is unchanged: each group is one platform, so facebook shows 0.01
/// and 0.3, and twitter, without a denominator, no value, as before; no note.
#[test]
fn by_platform_is_unchanged_by_the_rate_rule() {
    let out = roi(&[
        "report",
        "fixtures/kpis/mismatch/sov.csv",
        "--by",
        "platform",
        "--kpi",
        "ctr,share_of_voice",
        "--format",
        "csv",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(
        stdout(&out),
        "platform,rows,ctr,share_of_voice\nfacebook,1,0.01,0.3\ntwitter,1,,\n"
    );
    assert!(out.stderr.is_empty(), "{}", transcript(&out));
}

/// A platform that reports the denominator in another file counts as usual
/// (`fixtures/kpis/mismatch-two-files`): twitter's clicks come from clicks.csv, its
/// impressions from impressions.csv, so ctr = (10 + 50 + 20) / (1000 + 4000) =
/// 0.016. On 08-05 alone twitter has 50 clicks and no impressions: 10 / 1000.
#[test]
fn a_denominator_from_another_file_counts() {
    let dir = "fixtures/kpis/mismatch-two-files";
    let out = roi(&["kpi", "ctr", dir]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(stdout(&out), "0.016\n");
    assert!(out.stderr.is_empty(), "{}", transcript(&out));
    let out = roi(&[
        "kpi",
        "ctr",
        dir,
        "--from",
        "2026-08-05",
        "--to",
        "2026-08-05",
    ]);
    assert_eq!(stdout(&out), "0.01\n");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "roi: ctr: twitter has clicks but no impressions: left out\n"
    );
}

/// Money KPIs are blended sums by design (`fixtures/kpis/mismatch/money.csv`): the
/// CRM's revenue has no spend beside it and still counts. roas = (300 + 200) / 100
/// = 5, roi = (500 − 100) / 100 = 4, cpl = 100 / (10 + 15) = 4.
#[test]
fn money_kpis_still_add_every_platform() {
    let f = "fixtures/kpis/mismatch/money.csv";
    for (kpi, want) in [("roas", "5\n"), ("roi", "4\n"), ("cpl", "4\n")] {
        let out = roi(&["kpi", kpi, f]);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        assert_eq!(stdout(&out), want, "{kpi}");
        assert!(out.stderr.is_empty(), "{kpi}: {}", transcript(&out));
    }
}

/// A cost over counts leaves out a platform with spend but none of the counts
/// (`fixtures/kpis/cost-left-out`, figures in its README): Meta's 138.45 USD bought
/// no Google clicks, so cpc = 260 / 300, not (260 + 138.45) / 300. Revenue stays
/// blended with every platform's spend, and spend beside the counts' column (an empty
/// cell), or beside counts of no platform, still counts.
#[test]
fn a_cost_leaves_out_spend_without_its_counts() {
    let dir = fixture("kpis/cost-left-out");
    for (kpi, want, note) in [
        (
            "cpc",
            "0.866666667\n",
            "cpc: facebook (Meta Ads Manager) has spend but no clicks",
        ),
        (
            "cpa",
            "20\n",
            "cpa: facebook (Meta Ads Manager) has spend but no conversions",
        ),
        (
            "cpl",
            "1.203913043\n",
            "cpl: google_ads (Google Ads report) has spend but no leads",
        ),
        ("cpm", "6.344745223\n", ""),
        ("roas", "3.388129\n", ""),
    ] {
        let out = roi_in(&dir, &["kpi", kpi]);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        assert_eq!(stdout(&out), want, "{kpi}");
        let err = String::from_utf8_lossy(&out.stderr);
        let notes: Vec<&str> = err.lines().filter(|l| l.contains(": left out")).collect();
        let want_notes = if note.is_empty() {
            Vec::new()
        } else {
            vec![format!("roi: {note}: left out")]
        };
        assert_eq!(notes, want_notes, "{kpi}");
    }
    let out = roi_in(&dir, &["explain", "cpc"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let text = stdout(&out);
    assert!(
        text.contains("| spend  | sum         | 260.00 USD |"),
        "{text}"
    );
    assert!(text.contains("cpc = 0.87 USD"), "{text}");
    let out = roi_in(
        &dir,
        &["report", "--as-of", "2026-08-03", "--format", "json"],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let note = "cpc: facebook (Meta Ads Manager) has spend but no clicks: left out";
    assert!(
        report["notes"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!(note)),
        "{report}"
    );
    let goal = &report["goals"][0];
    assert_eq!(
        goal["current"].as_f64().map(|v| (v * 1e9).round()),
        Some(866_666_667.0)
    );
    assert!(
        goal["warnings"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!(note)),
        "{goal}"
    );
    assert_eq!(
        goal["rate_left_out"],
        serde_json::json!([{"platform": "facebook", "export": "Meta Ads Manager",
            "has": ["spend"], "lacks": ["clicks"]}])
    );
    let blended = |kpi: &str, files: &[&str], want: &str| {
        let mut args = vec!["kpi", kpi];
        args.extend_from_slice(files);
        let out = roi_in(&dir, &args);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        assert_eq!(stdout(&out), want, "{files:?}");
        assert!(out.stderr.is_empty(), "{}", transcript(&out));
    };
    blended("cpc", &["both/facebook.csv", "both/google-ads.csv"], "2\n");
    // roi's format: facebook's empty clicks cell is no value, so no clicks.
    let out = roi_in(&dir, &["kpi", "cpc", "one-file/costs.csv"]);
    assert_eq!(stdout(&out), "2\n", "{}", transcript(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "roi: cpc: facebook has spend but no clicks: left out\n"
    );
    // Leads without a platform keep the spend; the spend's file ends on 08-05, the
    // leads' on 08-06, which a note says.
    let out = roi_in(
        &dir,
        &[
            "kpi",
            "cpl",
            "unattributed/spend.csv",
            "unattributed/leads.csv",
        ],
    );
    assert_eq!(stdout(&out), "4\n", "{}", transcript(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "roi: cpl: `spend` covers 2026-08-05 ..= 2026-08-05 and `leads` 2026-08-05 ..= \
         2026-08-06: on the other days it counts one side's figures without the other's; a \
         --from/--to within the days both cover compares like with like\n"
    );
}

/// The cost rule holds per platform, not per export
/// (`fixtures/kpis/cost-left-out/other-export`, figures in the README above it):
/// Meta's 50 USD has no conversions column, but GA4 gives facebook 10 key events,
/// so it stays: facebook's cpa is 50 / 10 = 5, the total 74 / 42.
#[test]
fn a_cost_keeps_spend_whose_counts_come_from_another_export() {
    let dir = fixture("kpis/cost-left-out/other-export");
    let out = roi_in(&dir, &["kpi", "cpa"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(stdout(&out), "1.761904762\n");
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("left out"),
        "{}",
        transcript(&out)
    );
    let out = roi_in(
        &dir,
        &[
            "report",
            "--kpi",
            "spend,conversions,cpa",
            "--by",
            "platform",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let cpa: Vec<(String, serde_json::Value)> = report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["key"]["platform"].as_str().unwrap_or_default().to_owned(),
                g["values"]["cpa"]["value"].clone(),
            )
        })
        .collect();
    assert_eq!(
        cpa,
        [
            ("facebook".to_owned(), serde_json::json!(5.0)),
            ("google_ads".to_owned(), serde_json::json!(12.0)),
            ("web".to_owned(), serde_json::Value::Null),
        ]
    );
    assert!(
        !report["notes"].to_string().contains("left out"),
        "{report}"
    );
    let out = roi_in(
        &dir,
        &["check", "--as-of", "2026-08-02", "--format", "json"],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let check: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(check["goals"][0]["current"], 5.0, "{check}");
    assert_eq!(check["goals"][0]["status"], "on_track", "{check}");
}

/// Without `[fx]`, a cost that leaves Meta's VND spend out has a value in USD, so
/// the note on the mixed spend names only the KPIs that have none
/// (`fixtures/kpis/cost-left-out` without its roi.toml: cpc 260 / 300 USD, cpl
/// 3,550,000 / 115 VND; spend, cpm and roas add both currencies).
#[test]
fn the_mixed_currency_note_names_the_kpis_without_a_value() {
    let dir = fixture("kpis/cost-left-out");
    let out = roi(&[
        "report",
        dir.join("meta-vi.csv").to_str().unwrap(),
        dir.join("Campaign report.csv").to_str().unwrap(),
        "--kpi",
        "spend,cpc,cpa,cpl,cpm,roas",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let text = transcript(&out);
    assert!(text.contains("| cpc   |   0.87 USD |"), "{text}");
    assert!(text.contains("| cpl   | 30,870 VND |"), "{text}");
    assert!(
        text.contains(
            "note: spend (VND, USD) mixes currencies, so no value is shown for spend, cpm, roas;"
        ),
        "{text}"
    );
}

/// A goal on a rate follows the same rule (`fixtures/kpis/mismatch/roi.toml`): ctr
/// over August is facebook's 10 / 1000 = 0.01, not (10 + 50) / 1000 = 0.06, short of
/// 0.02, and the goal's own notes say which platform was left out (so `check`,
/// `status` and every format carry it, not only the report).
#[test]
fn a_goal_on_a_rate_leaves_out_the_platform_too() {
    let config = fixture("kpis/mismatch/roi.toml");
    let out = roi(&[
        "report",
        "--config",
        config.to_str().unwrap(),
        "--as-of",
        "2026-09-01",
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["goals"][0]["current"], 0.01);
    assert_eq!(report["goals"][0]["status"], "missed");
    let notes = report["goals"][0]["warnings"].as_array().unwrap();
    assert!(
        notes.contains(&serde_json::json!(
            "ctr: twitter has clicks but no impressions: left out"
        )),
        "{report}"
    );
    assert_eq!(
        report["goals"][0]["rate_left_out"],
        serde_json::json!([{"platform": "twitter", "has": ["clicks"], "lacks": ["impressions"]}])
    );
}

/// The other way round (`fixtures/kpis/mismatch-reverse`): a platform whose files
/// give the denominator but none of the numerator is left out too, since its
/// numerator is unknown, not 0; a share's part and a file's empty cells are zeros.
/// Figures in that folder's README.
#[test]
fn a_rate_leaves_out_a_platform_without_its_numerator() {
    let dir = "fixtures/kpis/mismatch-reverse";
    let two = [
        format!("{dir}/ctr-google-ads.csv"),
        format!("{dir}/ctr-meta.csv"),
    ];
    let out = roi(&["kpi", "ctr", &two[0], &two[1]]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(stdout(&out), "0.03\n");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "roi: ctr: facebook has impressions but no clicks: left out\n"
    );
    // In roi's format an empty cell is no value, in one file as in two.
    let out = roi(&["kpi", "ctr", &format!("{dir}/ctr-one-file.csv")]);
    assert_eq!(stdout(&out), "0.03\n");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "roi: ctr: facebook has impressions but no clicks: left out\n"
    );
    let out = roi(&[
        "kpi",
        "positive_share",
        &format!("{dir}/sentiment-facebook.csv"),
        &format!("{dir}/sentiment-twitter.csv"),
    ]);
    assert_eq!(stdout(&out), "0.428571429\n");
    assert!(out.stderr.is_empty(), "{}", transcript(&out));
}

/// Money that names no currency never meets a named one
/// (`fixtures/currency-none/README.md`): revenue of no currency over spend in VND is an
/// error naming both, unless roi.toml's `currency` says what it is: 4,200,000 /
/// 1,500,000 = 2.8.
#[test]
fn money_of_no_currency_meets_a_named_one_only_through_the_config() {
    let dir = fixture("currency-none");
    let revenue = dir.join("revenue.csv");
    let spend = fixture("currencies/spend-vnd.csv");
    let out = roi(&[
        "kpi",
        "roas",
        revenue.to_str().unwrap(),
        spend.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("`revenue / spend` mixes currencies (no currency in revenue.csv, VND)"),
        "{err}"
    );
    let config = dir.join("roi.toml");
    let out = roi(&["kpi", "roas", "--config", config.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(stdout(&out), "2.8\n");
}

/// Amounts in files that name no currency are in roi.toml's; the dong has no minor
/// units, so `420.000` is 420,000 (`fixtures/currency-default/README.md`).
#[test]
fn amounts_in_the_configured_currency_without_minor_units_group_thousands() {
    let config = fixture("currency-default/roi.toml");
    let kpi = |file: &str| {
        let input = fixture("currency-default").join(file);
        let out = roi(&[
            "kpi",
            "sales_revenue",
            input.to_str().unwrap(),
            "--config",
            config.to_str().unwrap(),
        ]);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        assert!(
            !String::from_utf8_lossy(&out.stderr).contains("decimal mark"),
            "{}",
            transcript(&out)
        );
        stdout(&out).trim().to_owned()
    };
    assert_eq!(kpi("orders.csv"), "1500000");
    assert_eq!(kpi("ledger.csv"), "200000");
}

/// A CRM export has no money: its leads take no currency from roi.toml, so they stay
/// out of a currency's group, and a filter on the currency says it leaves them out
/// (`fixtures/crm-currency/README.md`).
#[test]
fn counts_without_money_take_no_currency() {
    let dir = fixture("crm-currency");
    let config = dir.join("roi.toml");
    let hubspot = dir.join("hubspot-crm-exports-all-contacts-2026-08-05.csv");
    let gads = dir.join("gads-de.csv");
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend([
            "--config",
            config.to_str().unwrap(),
            hubspot.to_str().unwrap(),
            gads.to_str().unwrap(),
        ]);
        let out = roi(&all);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        out
    };
    let out = run(&["normalize"]);
    assert!(!stdout(&out).contains("VND"), "{}", stdout(&out));
    let out = run(&[
        "report",
        "--by",
        "currency",
        "--kpi",
        "spend,leads",
        "--format",
        "csv",
    ]);
    assert_eq!(
        stdout(&out),
        "currency,rows,spend,spend_currency,leads\n,5,,,5\nEUR,4,142.34,EUR,\n"
    );
    let out = run(&["kpi", "leads", "--where", "currency=EUR"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("5 row(s) without a currency"),
        "{}",
        transcript(&out)
    );
    let out = run(&["kpi", "cpl", "--where", "campaign=Sommer Sale"]);
    assert_eq!(stdout(&out), "64.92\n");
    // Written out by `roi normalize` and read back, the leads still take no
    // currency: a row of roi's format without an amount and without a currency.
    let normalized = run(&["normalize"]);
    let tmp = tempfile::tempdir().unwrap();
    let rows = tmp.path().join("rows.csv");
    std::fs::write(&rows, &normalized.stdout).unwrap();
    let out = roi(&[
        "report",
        "--config",
        config.to_str().unwrap(),
        rows.to_str().unwrap(),
        "--by",
        "currency",
        "--kpi",
        "spend,leads",
        "--format",
        "csv",
    ]);
    assert_eq!(
        stdout(&out),
        "currency,rows,spend,spend_currency,leads\n,5,,,5\nEUR,4,142.34,EUR,\n",
        "{}",
        transcript(&out)
    );
}

/// Follower growth is taken per account: a count change where the account has a
/// count before the window, its flows where it has none; the selection's growth is
/// their sum. Figures in `fixtures/mixed-growth/README.md`.
#[test]
fn follower_growth_adds_each_account_by_its_own_method() {
    let kpi = |files: &[&str], extra: &[&str]| {
        let paths: Vec<String> = files
            .iter()
            .map(|f| {
                fixture(&format!("mixed-growth/{f}"))
                    .to_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        let mut args = vec!["kpi", "follower_growth"];
        args.extend_from_slice(extra);
        args.extend(paths.iter().map(String::as_str));
        let out = roi(&args);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        stdout(&out).trim().to_owned()
    };
    let window = ["--from", "2026-10-02", "--to", "2026-10-04"];
    // TikTok's count 500 → 510 and YouTube's gains less losses (6 − 4) + (5 − 1).
    let mut args = window.to_vec();
    args.extend(["--year", "2026"]);
    assert_eq!(kpi(&["FollowerHistory.csv", "Chart data.csv"], &args), "16");
    // 10 + 6 + Facebook's page 1,200 → 1,230 and its group (7 − 2) + (3 − 0).
    assert_eq!(kpi(&["accounts.csv"], &window), "54");
    let mut args = window.to_vec();
    args.extend(["--where", "platform=facebook"]);
    assert_eq!(kpi(&["accounts.csv"], &args), "38");
    // No window start: no count before it, so flows for all: TikTok's net 4 − 3 + 9,
    // YouTube's 8 + 2 + 4, Facebook's group 8 (its page has no flows).
    assert_eq!(kpi(&["accounts.csv"], &[]), "32");
    // A count before the window and none in it: the flows in it tell the growth
    // (15 − 3) + (5 − 1); an account without flows stays where it was.
    assert_eq!(kpi(&["stale.csv"], &window), "16");
}

/// A growth rate's base is a follower count: an account's gains without a count are
/// left out of the rate, not divided by another's base (`fixtures/mixed-growth`).
#[test]
fn a_growth_rate_leaves_out_gains_without_a_count() {
    let f = fixture("mixed-growth/rate.csv");
    let args = |kpi: &'static str| {
        vec![
            "kpi".to_owned(),
            kpi.to_owned(),
            f.to_str().unwrap().to_owned(),
            "--from".to_owned(),
            "2026-10-01".to_owned(),
            "--to".to_owned(),
            "2026-10-01".to_owned(),
        ]
    };
    let growth = args("follower_growth");
    let out = roi(&growth.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(stdout(&out), "70\n", "{}", transcript(&out));
    let rate = args("follower_growth_rate");
    let out = roi(&rate.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(stdout(&out), "0.052631579\n");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "roi: follower_growth_rate: youtube has followers_gained but no followers: left out\n"
    );
}

/// A platform whose follower counts start inside the window, without gains or
/// losses, grows by an unknown number: follower growth and its rate leave it out,
/// its count too, with a note (`fixtures/mixed-growth/README.md`,
/// counts-in-window.csv): TikTok's 100 and 100 / 2,000, not 100 / 7,300.
#[test]
fn follower_growth_leaves_out_counts_that_start_inside_the_window() {
    let f = fixture("mixed-growth/counts-in-window.csv");
    let f = f.to_str().unwrap();
    let window = ["--from", "2026-08-01", "--to", "2026-08-31"];
    let note = "instagram has followers but no followers < 2026-08-01, followers_gained, \
                followers_lost, followers_net: left out";
    for (kpi, want) in [
        ("follower_growth", "100\n"),
        ("follower_growth_rate", "0.05\n"),
    ] {
        let out = roi(&[&["kpi", kpi, f][..], &window[..]].concat());
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        assert_eq!(stdout(&out), want, "{kpi}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("roi: {kpi}: {note}")), "{err}");
    }
}

/// Two exports of one platform (`fixtures/kpis/scope-exports`, figures in its
/// README): a rate stays within an export. Page posts' engagements are divided by
/// the posts' reach only, 694 / 9,700, not by the ads export's reach as well (694 /
/// 22,250); the posts' clicks have no impressions in their export and the ads'
/// impressions no clicks, so ctr has no value, and each note names its export.
#[test]
fn a_rate_stays_within_one_export_of_a_platform() {
    let dir = fixture("kpis/scope-exports");
    let kpi = |name: &str| {
        let out = crate::roi_in(
            &dir,
            &[
                "kpi",
                name,
                "--where",
                "platform=facebook",
                "--format",
                "json",
            ],
        );
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let json = kpi("engagement_rate");
    let value = json["value"].as_f64().unwrap();
    assert!((value - 694.0 / 9700.0).abs() < 1e-9, "{json}");
    assert_eq!(
        json["notes"],
        serde_json::json!([
            "engagement_rate: facebook (Meta Ads Manager) has reach but no likes, comments, shares, saves: left out"
        ])
    );
    for name in ["ctr", "engagement_rate_impressions"] {
        let json = kpi(name);
        assert!(json["value"].is_null(), "{json}");
        let notes = json["notes"].as_array().unwrap();
        assert_eq!(notes.len(), 2, "{json}");
        assert!(
            notes[0].as_str().unwrap().starts_with(&format!(
                "{name}: facebook (Meta Ads Manager) has impressions but no "
            )),
            "{json}"
        );
        assert!(
            notes[1].as_str().unwrap().starts_with(&format!(
                "{name}: facebook (Meta Business Suite content export) has "
            )),
            "{json}"
        );
    }
    let json = kpi("lead_conversion_rate");
    let value = json["value"].as_f64().unwrap();
    assert!((value - 154.0 / 730.0).abs() < 1e-9, "{json}");
    assert_eq!(
        json["notes"],
        serde_json::json!([
            "lead_conversion_rate: facebook (Meta Business Suite content export) has link_clicks but no leads: left out"
        ])
    );
    // A count still adds every export.
    assert_eq!(kpi("link_clicks")["value"], serde_json::json!(880.0));
    // A goal on the rate: its value, and the export left out in its JSON.
    let out = crate::roi_in(
        &dir,
        &["check", "--as-of", "2026-09-11", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let goal = &json["goals"][0];
    assert_eq!(goal["id"], "fb-er", "{json}");
    assert!((goal["current"].as_f64().unwrap() - 694.0 / 9700.0).abs() < 1e-9);
    assert_eq!(
        goal["rate_left_out"],
        serde_json::json!([{
            "platform": "facebook",
            "export": "Meta Ads Manager",
            "has": ["reach"],
            "lacks": ["likes", "comments", "shares", "saves"]
        }])
    );
    let ctr = &json["goals"][1];
    assert_eq!(ctr["id"], "fb-ctr", "{json}");
    assert_eq!(ctr["status"], "no_data", "{json}");
}

/// `currency = "VNĐ"` is VND, the currency the rows name; a KPI of roi.toml without
/// a `unit` whose formula gives money is money, and one whose `unit` says count
/// keeps its currency (figures in `fixtures/config-currency/README.md`).
#[test]
fn vnd_as_vietnamese_writes_it_and_money_kpis_without_a_unit() {
    let config = fixture("config-currency/roi.toml");
    let config = config.to_str().unwrap();
    let out = roi(&["kpi", "spend", "--config", config]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(stdout(&out).trim(), "1000000");
    let out = roi(&["report", "--config", config]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let text = stdout(&out);
    let row = |kpi: &str| {
        text.lines()
            .find(|l| l.starts_with(&format!("| {kpi} ")))
            .map(|l| {
                l.split('|')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .unwrap_or_default()
    };
    assert_eq!(row("spend"), "spend | 1,000,000 VND | money");
    assert_eq!(row("cost_per_click"), "cost_per_click | 5,000 VND | money");
    assert_eq!(
        row("cost_per_click_count"),
        "cost_per_click_count | 5,000 VND | count"
    );
    assert_eq!(row("likes_per_click"), "likes_per_click | 0.50 | number");
    assert_eq!(row("spend_share"), "spend_share | 1 | number");
    let out = roi(&[
        "kpi",
        "cost_per_click",
        "--config",
        config,
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["unit"], "money");
    assert_eq!(json["currency"], "VND");
    assert_eq!(json["value"], 5000.0);
}

/// A window past the end of the data: `roi kpi` gives no value (not the count read
/// last, nor a growth of 0) and says where the data ends; one that runs past it is
/// measured through the last day, and a note says so. `fixtures/stocks/page-daily.csv`:
/// a Facebook page's daily insights, 2026-12-20 ..= 2027-01-12; lifetime likes 5,198 on
/// 01-09 and 5,226 on 01-12.
#[test]
fn a_window_past_the_data_has_no_value() {
    let file = fixture("stocks/page-daily.csv");
    let file = file.to_str().unwrap();
    let kpi = |name: &str, from: &str, to: &str| {
        let out = roi(&["kpi", name, file, "--from", from, "--to", to]);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        (
            stdout(&out).trim().to_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    for name in ["follower_count", "follower_growth"] {
        let (value, notes) = kpi(name, "2027-01-13", "2027-01-20");
        assert_eq!(value, "n/a");
        assert!(
            notes.contains(
                "roi: no rows in 2027-01-13 ..= 2027-01-20 (the data runs 2026-12-20 ..= \
                 2027-01-12): no value is given for it"
            ),
            "{notes}"
        );
    }
    // 01-10 ..= 01-20 holds 01-10 to 01-12: growth 5,226 − 5,198 (read 01-09) = 28.
    let (value, notes) = kpi("follower_growth", "2027-01-10", "2027-01-20");
    assert_eq!(value, "28");
    assert!(
        notes.contains(
            "roi: data ends on 2027-01-12, before 2027-01-20: values are measured through \
             2027-01-12"
        ),
        "{notes}"
    );
    // The report says the same of its table.
    let out = roi(&[
        "report",
        file,
        "--from",
        "2027-01-10",
        "--to",
        "2027-01-20",
        "--kpi",
        "follower_growth",
    ]);
    assert!(
        stdout(&out).contains("note: data ends on 2027-01-12, before 2027-01-20"),
        "{}",
        transcript(&out)
    );
}

/// Found in review: a family read from two layouts (a Business Suite content export
/// and its reach series) was named in rate notes by the layout of its first file,
/// so a renamed file said the posts' clicks came from the "single-metric series".
/// It is named by what its layouts share, whatever the order of the files: in
/// notes, JSON `rate_left_out[].export` and JUnit alike (figures in
/// fixtures/kpis/scope-family/README.md).
#[test]
fn a_family_of_two_layouts_is_named_alike_in_either_file_order() {
    let exports = fixture("kpis/scope-exports");
    let series = fixture("kpis/scope-family").join("Facebook Reach 2026-09-03_2026-09-11.csv");
    let posts = exports.join("Facebook-posts-Sep-3-Sep-11.csv");
    let ads = exports.join("meta-ads-2026-09-04_2026-09-08.csv");
    let config = exports.join("roi.toml");
    let run = |files: &[&std::path::Path], args: &[&str]| {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(files.iter().map(|f| f.to_str().unwrap()));
        all.extend(["--config", config.to_str().unwrap()]);
        let out = roi(&all);
        assert!(code(&out) <= 1, "{}", transcript(&out));
        out
    };
    let mut seen = Vec::new();
    for files in [[&posts, &series, &ads], [&series, &ads, &posts]] {
        let files: Vec<&std::path::Path> = files.iter().map(|p| p.as_path()).collect();
        let kpi = |name: &str| {
            let args = [
                "kpi",
                name,
                "--where",
                "platform=facebook",
                "--format",
                "json",
            ];
            let out = run(&files, &args);
            serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["notes"].clone()
        };
        let ctr = kpi("ctr");
        assert_eq!(
            ctr,
            serde_json::json!([
                "ctr: facebook (Meta Ads Manager) has impressions but no clicks: left out",
                "ctr: facebook (Meta Business Suite) has clicks but no impressions: left out"
            ])
        );
        let rate = kpi("lead_conversion_rate");
        assert_eq!(
            rate,
            serde_json::json!([
                "lead_conversion_rate: facebook (Meta Business Suite) has link_clicks but no leads: left out"
            ])
        );
        let out = run(
            &files,
            &["check", "--as-of", "2026-09-30", "--format", "json"],
        );
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let goal = &json["goals"][1];
        assert_eq!(goal["id"], "fb-ctr", "{json}");
        let exports: Vec<&str> = goal["rate_left_out"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["export"].as_str().unwrap())
            .collect();
        assert_eq!(
            exports,
            ["Meta Ads Manager", "Meta Business Suite"],
            "{json}"
        );
        let out = run(
            &files,
            &["check", "--as-of", "2026-09-30", "--format", "junit"],
        );
        let junit = stdout(&out);
        assert!(
            junit.contains("facebook (Meta Business Suite) has clicks but no impressions")
                && !junit.contains("single-metric series)")
                && !junit.contains("content export)"),
            "{junit}"
        );
        seen.push((ctr, rate, goal["rate_left_out"].clone()));
    }
    assert_eq!(seen[0], seen[1]);
}

/// A window without rows inside a list of records (a CRM's contacts on Aug 1, 2 and
/// 5): no lead those days is 0 leads, the file says so; after the list's last day it
/// has no value.
#[test]
fn a_window_without_records_inside_the_list_counts_zero() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("contacts.csv"),
        "\"Record ID\",\"First Name\",\"Email\",\"Create Date\",\"Lifecycle Stage\",\"Original Source\"\n\
         \"200\",\"A\",\"a@example.com\",\"2026-08-01 10:00\",\"lead\",\"PAID_SOCIAL\"\n\
         \"201\",\"B\",\"b@example.com\",\"2026-08-02 11:00\",\"lead\",\"PAID_SOCIAL\"\n\
         \"202\",\"C\",\"c@example.com\",\"2026-08-05 09:00\",\"lead\",\"PAID_SOCIAL\"\n",
    )
    .unwrap();
    let kpi = |from: &str, to: &str| {
        let out = crate::roi_in(
            dir.path(),
            &["kpi", "leads", "contacts.csv", "--from", from, "--to", to],
        );
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        (
            stdout(&out).trim().to_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (value, err) = kpi("2026-08-03", "2026-08-04");
    assert_eq!(value, "0");
    assert!(!err.contains("no value is given"), "{err}");
    assert_eq!(kpi("2026-08-01", "2026-08-05").0, "3");
    let (value, err) = kpi("2026-09-03", "2026-09-04");
    assert_eq!(value, "n/a");
    assert!(err.contains("no value is given"), "{err}");
    // A month's row (50 clicks in December) in a file stating its range: part of
    // December holds clicks that cannot be placed, so no 0 is claimed.
    let f = crate::fixture("importers/google-ads-monthly.csv");
    let out = roi(&[
        "kpi",
        "clicks",
        f.to_str().unwrap(),
        "--from",
        "2026-12-01",
        "--to",
        "2026-12-15",
    ]);
    assert_eq!(stdout(&out).trim(), "n/a", "{}", transcript(&out));
}

/// A currency mark in a header is read as roi.toml's `currency` is (`(VNĐ)`, `[₫]`,
/// `(đ)`), cells read `VNĐ` in any case, and a header's `($)` picks no currency
/// (figures in `fixtures/dong-marks/README.md`).
#[test]
fn dong_marks_in_headers_and_cells() {
    let dir = fixture("dong-marks");
    let out = roi_in(&dir, &["kpi", "sales_revenue"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(stdout(&out).trim(), "270.12");
    let out = roi_in(
        &dir,
        &["report", "--by", "platform", "--kpi", "sales_revenue"],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let text = stdout(&out);
    for (platform, value) in [
        ("facebook", "100.06 USD"),
        ("tiktok", "100.06 USD"),
        ("youtube", "50.00 USD"),
        ("zalo", "20.00 USD"),
    ] {
        assert!(
            text.lines()
                .any(|l| l.starts_with(&format!("| {platform} ")) && l.contains(value)),
            "{platform} {value}\n{text}"
        );
    }
    let dollar = dir.join("dollar");
    let out = roi_in(&dollar, &["kpi", "sales_revenue"]);
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("orders.csv:2")
            && err.contains("column 3 (`Revenue ($)`)")
            && err.contains("`$`")
            && err.contains("VND"),
        "{err}"
    );
    let out = roi_in(&dollar, &["kpi", "sales_revenue", "--config", "usd.toml"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(stdout(&out).trim(), "20");
    // 1,250,000 VND × 0.00004 is 50.00000000000001 in floating point: JSON writes
    // the figure, 50, as CSV does.
    let out = roi_in(
        &dir,
        &[
            "kpi",
            "sales_revenue",
            "--where",
            "platform=youtube",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert!(
        stdout(&out).contains("\"value\": 50.0,"),
        "{}",
        transcript(&out)
    );
}

/// Every spelling of the dong (`VNĐ`, `đ`, `₫`, `vnđ`) in roi's cells, a mapped
/// column, roi.toml's `currency` and `--where` is VND: one currency that adds up
/// (figures in `fixtures/currency-spellings/README.md`).
#[test]
fn dong_spellings_are_one_currency() {
    let dir = fixture("currency-spellings");
    for (args, want) in [
        (&["kpi", "spend"][..], "13262500"),
        (&["kpi", "spend", "--where", "currency=đ"][..], "12000000"),
        (&["kpi", "spend", "--where", "currency=vnđ"][..], "12000000"),
        (&["kpi", "spend", "--where", "currency=VND"][..], "12000000"),
        (&["kpi", "cpl", "--where", "currency=VNĐ"][..], "500000"),
    ] {
        let out = roi_in(&dir, args);
        assert_eq!(code(&out), 0, "{args:?}: {}", transcript(&out));
        assert_eq!(stdout(&out).trim(), want, "{args:?}");
    }
    let out = roi_in(
        &dir,
        &["report", "--by", "currency,platform", "--format", "csv"],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(
        stdout(&out),
        "currency,platform,rows,leads,cpl,cpl_currency,spend,spend_currency\n\
         USD,google_ads,1,2,631250,VND,1262500,VND\n\
         VND,facebook,4,12,500000,VND,6000000,VND\n\
         VND,zalo,4,12,500000,VND,6000000,VND\n"
    );
    let out = roi_in(&dir, &["normalize", "sheet.csv"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let currencies: Vec<String> = stdout(&out)
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(3).unwrap_or_default().to_owned())
        .collect();
    assert_eq!(currencies, ["VND", "USD", "VND", "VND", "VND"]);
}

/// A KPI without a unit keeps its figures below 1: 70 leads over 79,000
/// impressions is 0.000886, never 0.00 (figures in
/// `fixtures/small-ratios/README.md`).
#[test]
fn a_small_number_keeps_its_figures_in_a_table() {
    let out = roi_in(
        &fixture("small-ratios"),
        &[
            "report",
            "--kpi",
            "lead_per_impr,lead_per_impr_r,leads_per_click",
        ],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let text = stdout(&out);
    for (kpi, value) in [
        ("lead_per_impr ", "| 0.000886 |"),
        ("lead_per_impr_r", "| 0.09% |"),
        ("leads_per_click", "| 0.50 |"),
    ] {
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("| {kpi}")))
            .unwrap_or_default();
        assert!(
            line.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .contains(value),
            "{kpi}: {text}"
        );
    }
}

/// A CRM's platform names (`Quảng cáo Google`, `Messenger`, `Threads`) name their
/// platform, as a source and in a column mapped to `platform` (figures in
/// `fixtures/crm-platform-names/README.md`).
#[test]
fn crm_platform_names_name_their_platform() {
    let dir = fixture("crm-platform-names");
    let out = roi_in(
        &dir,
        &[
            "report",
            "sources/leads.csv",
            "--by",
            "platform",
            "--kpi",
            "leads",
        ],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let text = stdout(&out);
    for row in [
        "| google_ads |    2 |     2 |",
        "| messenger  |    1 |     1 |",
        "| threads    |    1 |     1 |",
    ] {
        assert!(text.contains(row), "{row}\n{text}");
    }
    let mapped = dir.join("mapped");
    let out = roi_in(
        &mapped,
        &[
            "report",
            "--by",
            "platform",
            "--kpi",
            "leads,sales_revenue,spend,roas",
        ],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let text = stdout(&out);
    let facebook = text
        .lines()
        .find(|l| l.starts_with("| facebook "))
        .unwrap_or_default();
    let cells: Vec<&str> = facebook.split('|').map(str::trim).collect();
    assert_eq!(
        cells[3..7],
        ["53", "9,000,000 VND", "7,500,000 VND", "120.00%"],
        "{text}"
    );
    assert!(!text.contains("quảng cáo"), "{text}");
}

/// A sheet's shorthand sources (`FB Ads`, `Quảng cáo FB`, `IG Ads`, `Inbox Fanpage`)
/// name their platform as words (`fixtures/crm-platform-names/README.md`,
/// shorthand).
#[test]
fn crm_shorthand_platform_names_are_words() {
    let dir = fixture("crm-platform-names").join("shorthand");
    let out = roi_in(
        &dir,
        &[
            "report", "--kpi", "leads", "--by", "platform", "--format", "csv",
        ],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let mut rows: Vec<String> = stdout(&out)
        .lines()
        .skip(1)
        .map(|l| {
            l.split(',')
                .filter(|c| !c.is_empty())
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect();
    rows.sort();
    assert_eq!(
        rows,
        [
            "facebook,6,6",
            "giới thiệu,1,1",
            "google,1,1",
            "google_ads,3,3",
            "instagram,2,2",
            "messenger,1,1",
            "tiktok,2,2",
            "web,1,1",
            "zalo,1,1",
        ],
        "{}",
        transcript(&out)
    );
}

/// HubSpot's drill-down under a paid source names the ad network: `Paid Search` +
/// `Google` is Google Ads, as `Paid Social` + `Facebook` is Facebook
/// (`fixtures/crm-platform-names/README.md`, paid-search).
#[test]
fn hubspot_paid_search_google_is_google_ads() {
    let dir = fixture("crm-platform-names").join("paid-search");
    for (kpi, platform, want) in [
        ("cpl", "google_ads", "20"),
        ("leads", "google_ads", "1"),
        ("leads", "facebook", "3"),
    ] {
        let out = roi_in(
            &dir,
            &["kpi", kpi, ".", "--where", &format!("platform={platform}")],
        );
        assert_eq!(
            stdout(&out),
            format!("{want}\n"),
            "{kpi} {platform}: {}",
            transcript(&out)
        );
    }
    let out = roi_in(&dir, &["kpi", "leads", "."]);
    assert_eq!(stdout(&out), "5\n", "{}", transcript(&out));
}

/// A tag in a header's square brackets (`Phiên [SEO]`) is no currency, and a
/// currency in a header counts only from a column of money (`Conversions (ALL)`
/// is a count): `fixtures/header-tags/README.md`.
#[test]
fn header_tags_are_no_currency() {
    let dir = fixture("header-tags");
    let out = roi_in(&dir, &["kpi", "roas"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(stdout(&out).trim(), "4");
    let out = roi_in(&dir, &["--config", "tags.toml", "normalize"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(
        stdout(&out).trim(),
        "date,platform,currency,impressions,conversions,spend\n\
         2026-03-01,facebook,USD,100,3,5"
    );
}

/// Platform cells map to the one platform their words name unless a word says
/// they are not it; Messenger and Threads count alone or beside their owner;
/// YouTube's ads are Google Ads (`fixtures/platform-cells/README.md`).
#[test]
fn platform_cells_and_sources_name_platforms_only_by_their_words() {
    let dir = fixture("platform-cells");
    let out = roi_in(
        &dir,
        &[
            "report",
            "platforms.csv",
            "--by",
            "platform",
            "--kpi",
            "clicks",
        ],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let text = stdout(&out);
    for row in [
        "| email threads        |    1 |      4 |",
        "| facebook             |    4 |  6,336 |",
        "| forum threads        |    1 |      8 |",
        "| google_ads           |    1 |     16 |",
        "| instagram            |    1 |  8,192 |",
        "| messenger            |    1 |    512 |",
        "| ngoài facebook       |    1 | 16,384 |",
        "| not facebook         |    1 |      1 |",
        "| threads              |    1 |    256 |",
        "| tiktok               |    1 |     32 |",
        "| web (facebook pixel) |    1 |      2 |",
        "| youtube              |    1 |  1,024 |",
    ] {
        assert!(text.contains(row), "{row}\n{text}");
    }
    let out = roi_in(
        &dir,
        &["report", "leads.csv", "--by", "platform", "--kpi", "leads"],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let text = stdout(&out);
    for row in [
        "|            |    1 |     1 |",
        "| google_ads |    1 |     1 |",
        "| instagram  |    1 |     1 |",
        "| messenger  |    1 |     1 |",
        "| threads    |    1 |     1 |",
        "| zalo       |    1 |     1 |",
    ] {
        assert!(text.contains(row), "{row}\n{text}");
    }
}

/// A rate whose denominator no row has (`fixtures/kpis/no-denominator`: a Google
/// Ads export gives conversions and clicks, no link clicks) has no value, and
/// `roi kpi`, the report and a goal say why; the goal stays `no_data`, its reason
/// naming the missing denominator rather than "no data".
#[test]
fn a_rate_without_any_denominator_says_why() {
    let dir = "fixtures/kpis/no-denominator";
    let note = "conversion_rate: google_ads (Google Ads report) has conversions but no link_clicks: left out";
    let out = roi(&["kpi", "conversion_rate", &format!("{dir}/gads.csv")]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(stdout(&out), "n/a\n");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("roi: {note}\n")
    );
    let out = roi(&[
        "kpi",
        "conversion_rate",
        &format!("{dir}/gads.csv"),
        "--format",
        "json",
    ]);
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(answer["value"], serde_json::Value::Null);
    assert_eq!(answer["notes"], serde_json::json!([note]));
    // The report, all groups together: the note once, whatever the grouping.
    for by in [None, Some("campaign"), Some("platform")] {
        let mut args = vec![
            "report",
            "gads.csv",
            "--kpi",
            "conversion_rate",
            "--format",
            "json",
        ];
        args.extend(by.iter().flat_map(|b| ["--by", b]));
        let out = roi_in(&fixture("kpis/no-denominator"), &args);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let notes = report["notes"].as_array().unwrap();
        assert_eq!(
            notes
                .iter()
                .filter(|n| n.to_string().contains(note))
                .count(),
            1,
            "{by:?}: {report}"
        );
    }
    let config = fixture("kpis/no-denominator/roi.toml");
    let out = roi(&[
        "check",
        "--config",
        config.to_str().unwrap(),
        "--as-of",
        "2026-08-03",
        "--format",
        "json",
    ]);
    let check: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let goal = &check["goals"][0];
    assert_eq!(goal["status"], "no_data", "{check}");
    assert_eq!(
        goal["reason"],
        "no value for `conversion_rate` between 2026-08-01 and 2026-08-03: google_ads \
         (Google Ads report) has conversions but no row has link_clicks"
    );
    assert_eq!(goal["warnings"], serde_json::json!([note]));
    let out = roi(&[
        "check",
        "--config",
        config.to_str().unwrap(),
        "--as-of",
        "2026-08-03",
        "--lang",
        "vi",
    ]);
    assert!(
        transcript(&out).contains("nhưng không dòng nào có link_clicks"),
        "{}",
        transcript(&out)
    );
}

/// A rate over posts leaves out a post whose denominator is blank or 0, its
/// numerator with it, in the report, `kpi`, `explain` and a goal; rows of days keep
/// the ratio of sums (hand figures in fixtures/kpis/posts-without-denominator).
#[test]
fn a_post_without_the_denominator_has_no_share_in_a_rate() {
    let dir = fixture("kpis/posts-without-denominator");
    let note = "engagement_rate: 2 post(s) of instagram (Meta Business Suite content export) \
                without reach (or with 0) left out: their likes, comments, shares, saves would \
                be divided by the other posts' reach";
    let rate = |args: &[&str]| {
        let out = roi_in(&dir, args);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    for by in [&[][..], &["--by", "content_type"], &["--by", "platform"]] {
        let mut args = vec![
            "report",
            "ig-reels.csv",
            "--kpi",
            "engagements,reach,engagement_rate",
            "--format",
            "json",
        ];
        args.extend(by);
        let report = rate(&args);
        let values = &report["groups"][0]["values"];
        assert_eq!(values["engagements"]["value"], 600.0, "{by:?}");
        assert_eq!(values["reach"]["value"], 1800.0, "{by:?}");
        assert_eq!(values["engagement_rate"]["value"], 0.1, "{by:?}");
        // Two posts' reach summed: a lower bound, and a true one.
        assert_eq!(values["engagement_rate"]["bound"], "lower", "{by:?}");
        assert!(
            report["notes"].as_array().unwrap().contains(&note.into()),
            "{by:?}: {report}"
        );
    }
    // One post's reach is exact: so is its rate.
    let report = rate(&[
        "report",
        "ig-reels.csv",
        "--kpi",
        "engagement_rate",
        "--from",
        "2026-09-01",
        "--to",
        "2026-09-01",
        "--format",
        "json",
    ]);
    let er = &report["groups"][0]["values"]["engagement_rate"];
    assert_eq!((er["value"].as_f64(), er.get("bound")), (Some(0.1), None));

    let out = roi_in(&dir, &["kpi", "engagement_rate", "ig-reels.csv"]);
    assert_eq!(stdout(&out), "0.1\n");
    assert!(transcript(&out).contains(note), "{}", transcript(&out));
    let out = roi_in(&dir, &["explain", "engagement_rate", "ig-reels.csv"]);
    assert!(
        stdout(&out).contains("engagement_rate = 10.00%"),
        "{}",
        transcript(&out)
    );

    let check = rate(&[
        "check",
        "--config",
        "goal.toml",
        "--as-of",
        "2026-09-05",
        "--format",
        "json",
    ]);
    let goal = &check["goals"][0];
    assert_eq!(goal["current"], 0.1, "{check}");
    assert_eq!(goal["rate_left_out"][0]["posts"], 2, "{check}");
    assert!(
        goal["warnings"].as_array().unwrap().contains(&note.into()),
        "{check}"
    );

    // roi's own format may hold a post's days: its rows keep the ratio of sums, a
    // row without impressions included (80 / 2,000 and 130 / 2,000).
    let report = rate(&[
        "report",
        "fb-posts.csv",
        "--kpi",
        "ctr,engagement_rate_impressions",
        "--format",
        "json",
    ]);
    let values = &report["groups"][0]["values"];
    assert_eq!(values["ctr"]["value"], 0.04, "{report}");
    assert_eq!(values["engagement_rate_impressions"]["value"], 0.065);
    // Days keep the ratio of sums: clicks on a day without impressions count.
    let report = rate(&["report", "daily.csv", "--kpi", "ctr", "--format", "json"]);
    assert_eq!(report["groups"][0]["values"]["ctr"]["value"], 0.05);
    assert_eq!(report["notes"], serde_json::json!([]), "{report}");
}

/// The posts a rate leaves out are counted over all the groups of a `--by` table,
/// in one note: 6002 (image, reach blank) and 6003 (reel, reach 0). Image 8 / 100,
/// reel 10 / 200.
#[test]
fn posts_left_out_are_counted_over_the_groups() {
    let out = roi(&[
        "report",
        "fixtures/kpis/posts-without-denominator/ig-mixed.csv",
        "--by",
        "content_type",
        "--kpi",
        "engagements,reach,engagement_rate",
        "--format",
        "csv",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let csv = stdout(&out);
    assert!(csv.contains("IG image,2,17,100,,0.08\n"), "{csv}");
    assert!(csv.contains("IG reel,2,14,200,upper,0.05\n"), "{csv}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.matches("post(s) of instagram").count(),
        1,
        "{stderr}"
    );
    assert!(
        stderr.contains("engagement_rate: 2 post(s) of instagram"),
        "{stderr}"
    );
}

/// The mixed-currency note names only KPIs one currency would give a value: the
/// file has leads and spend (USD and VND), no conversions, clicks, impressions or
/// revenue, so only `spend` and `cpl` go without one.
#[test]
fn the_mixed_currency_note_names_only_kpis_the_data_could_give() {
    let out = roi(&["report", "fixtures/currency-narrow/ads.csv"]);
    assert!(
        transcript(&out).contains("mixes currencies, so no value is shown for spend, cpl;"),
        "{}",
        transcript(&out)
    );
}

/// The posts rule holds for any count a rate divides by: a post without video views
/// has no share in `clicks / video_views` (hand figures in
/// `fixtures/kpis/posts-without-views/README.md`).
#[test]
fn a_rate_over_video_views_leaves_out_posts_without_views() {
    let dir = fixture("kpis/posts-without-views");
    let kpi = |name: &str| {
        let out = roi_in(&dir, &["kpi", name]);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        let notes: Vec<String> = String::from_utf8_lossy(&out.stderr)
            .lines()
            .filter(|l| l.contains(name))
            .map(str::to_owned)
            .collect();
        (stdout(&out).trim().to_owned(), notes)
    };
    assert_eq!(
        kpi("click_per_view"),
        (
            "0.043333333".to_owned(),
            vec![
                "roi: click_per_view: 1 post(s) of facebook (Meta Business Suite content export) without video_views (or with 0) left out: their clicks would be divided by the other posts' video_views".to_owned()
            ]
        )
    );
    assert_eq!(
        kpi("eng_per_view"),
        (
            "0.049444444".to_owned(),
            vec![
                "roi: eng_per_view: 1 post(s) of facebook (Meta Business Suite content export) without video_views (or with 0) left out: their likes, comments, shares would be divided by the other posts' video_views".to_owned()
            ]
        )
    );
    assert_eq!(kpi("clicks_per_reach").0, "0.063333333");
}

/// JSON numbers are rounded as CSV and `roi kpi` write them, 9 decimals at most
/// (docs/json.md). fixtures/review16-g: cpl = 309.75 / 46 = 6.7336956521…, and
/// Back to school's 156 / 31 = 5.0322580645… rounds up to 5.032258065.
#[test]
fn json_numbers_have_nine_decimals_as_csv() {
    let dir = fixture("review16-g");
    for (filter, want) in [
        (
            "campaign=Back to school|Summer sale|Autumn launch",
            "6.733695652",
        ),
        ("campaign=Back to school", "5.032258065"),
    ] {
        let plain = roi_in(&dir, &["kpi", "cpl", "--where", filter, "data"]);
        assert_eq!(stdout(&plain), format!("{want}\n"));
        let csv = roi_in(
            &dir,
            &[
                "report", "--kpi", "cpl", "--where", filter, "data", "--format", "csv",
            ],
        );
        assert!(
            stdout(&csv).ends_with(&format!(",{want},USD\n")),
            "{}",
            stdout(&csv)
        );
        let out = roi_in(
            &dir,
            &["kpi", "cpl", "--where", filter, "data", "--format", "json"],
        );
        assert!(
            stdout(&out).contains(&format!("\"value\": {want},\n")),
            "{}",
            stdout(&out)
        );
    }
}

/// A sheet of leads mapped with `per_row` is a list of records, as HubSpot's
/// contacts are: it stands for its platform beside Meta Ads' spend and link clicks
/// (`fixtures/review16-a/README.md`, lead-sheet).
#[test]
fn a_mapped_list_of_leads_counts_beside_an_ads_export() {
    let dir = fixture("review16-a/lead-sheet");
    let out = roi_in(
        &dir,
        &["report", "--kpi", "leads,spend,cpl", "--by", "platform"],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let text = transcript(&out);
    assert!(
        text.contains("| facebook |   13 |     3 | 10,000,000 VND | 3,333,333 VND |"),
        "{text}"
    );
    assert!(!text.contains("left out"), "{text}");
    let out = roi_in(
        &dir,
        &[
            "kpi",
            "lead_conversion_rate",
            "--where",
            "platform=facebook",
        ],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(stdout(&out).trim(), "0.006", "{}", transcript(&out));
    let out = roi_in(
        &dir,
        &["check", "--as-of", "2026-08-10", "--format", "json"],
    );
    assert_eq!(code(&out), 1, "{}", transcript(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let goal = &json["goals"][0];
    assert_eq!(goal["current"], 5_000_000.0, "{goal}");
    assert_eq!(goal["status"], "behind", "{goal}");
}

/// Meta leaves a zero blank: a campaign whose conversion value cells are all
/// empty has revenue 0 and a roas of 0 %, in a filter, a `--by` group and a goal,
/// not no value (`fixtures/review16-a/README.md`, blank-value).
#[test]
fn an_empty_cell_of_an_exported_column_is_zero_in_a_selection() {
    let dir = fixture("review16-a/blank-value");
    let out = roi_in(&dir, &["kpi", "roas", "--where", "campaign=Back to school"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(stdout(&out).trim(), "0", "{}", transcript(&out));
    let out = roi_in(
        &dir,
        &[
            "report",
            "--by",
            "campaign",
            "--kpi",
            "roas,spend,revenue,purchases",
        ],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let text = stdout(&out);
    for row in [
        "| Back to school |   10 |   0.00% | 555.00 USD |   0.00 USD |         0 |",
        "| Summer sale    |   10 | 300.83% | 302.50 USD | 910.00 USD |        20 |",
    ] {
        assert!(text.contains(row), "{row}\n{text}");
    }
    let out = roi_in(
        &dir,
        &["check", "--as-of", "2026-08-10", "--format", "json"],
    );
    assert_eq!(code(&out), 1, "{}", transcript(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for goal in json["goals"].as_array().unwrap() {
        assert_eq!(goal["current"], 0.0, "{goal}");
        assert_eq!(goal["status"], "missed", "{goal}");
    }
}

/// Meta's `Purchase ROAS` is not read as revenue: roas has no value, and a note
/// says why (`fixtures/review16-a/README.md`, roas-only).
#[test]
fn roas_without_revenue_says_why() {
    let dir = fixture("review16-a/roas-only");
    let out = roi_in(
        &dir,
        &[
            "report",
            "meta-ads-roas.csv",
            "--kpi",
            "spend,purchases,roas",
        ],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let text = transcript(&out);
    assert!(text.contains("| roas      |        n/a |"), "{text}");
    assert!(
        text.contains("note: roas: facebook (Meta Ads Manager) has spend but no revenue: left out"),
        "{text}"
    );
}

/// A platform a rate leaves out takes no part in the days its sides cover: YouTube's
/// subscriber change without followers is left out of follower_growth_rate, and
/// TikTok's followers and their changes both cover 07-30 ..= 08-03, so no note of
/// sides covering different days (fixtures/review17-l/README.md, mix).
#[test]
fn a_platform_left_out_takes_no_part_in_the_days_a_rate_covers() {
    let dir = fixture("review17-l/mix");
    let out = roi_in(
        &dir,
        &["kpi", "follower_growth_rate", ".", "--year", "2026"],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    // (5 + 10 - 2 + 22 + 15) / (1,000 - 5) = 50 / 995.
    assert_eq!(stdout(&out), "0.050251256\n", "{}", transcript(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "roi: follower_growth_rate: youtube has followers_net but no followers: left out"
        ),
        "{err}"
    );
    assert!(!err.contains("covers"), "{err}");
}

/// A column of roi's own format named as a built-in KPI worked out from other
/// metrics that does not add up (`cpl`, `ctr`, `engagement_rate`) holds per-row
/// values: it is not read, with a warning, and the KPI is its formula over the sums;
/// one named as a sum (`engagements`, `sales_revenue`) is read, as is a mapping to
/// one (`fixtures/kpi-named-columns`, figures in its README.md).
#[test]
fn a_column_named_as_a_derived_kpi_is_not_summed_in_its_place() {
    let dir = fixture("kpi-named-columns");
    let kpi = |args: &[&str]| {
        let out = roi_in(&dir, args);
        assert_eq!(code(&out), 0, "{args:?}: {}", transcript(&out));
        (
            stdout(&out),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let warned = |column: &str, kpi: &str| {
        format!(
            "column `{column}` is not read: `{kpi}` is a KPI roi works out from its own \
             formula over the totals of the rows selected (`roi kpis`), and the column's \
             per-row values added up would stand in for it; name the column otherwise \
             (`{kpi}_reported`) to keep it as a metric of its own"
        )
    };
    let (out, err) = kpi(&["kpi", "cpl", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["value"], 8.0);
    assert_eq!(json["currency"], "USD");
    assert!(
        err.contains(&format!("rows.csv: {}", warned("cpl", "cpl"))),
        "{err}"
    );
    assert_eq!(kpi(&["kpi", "trial_starts"]).0, "7\n");
    let out = roi_in(
        &dir,
        &["check", "--as-of", "2026-08-03", "--format", "json"],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["goals"][0]["current"], 8.0);
    assert_eq!(json["goals"][0]["status"], "achieved");
    let (out, err) = kpi(&["kpi", "ctr", "ctr.csv", "--config", "/dev/null"]);
    assert_eq!(out, "0.0125\n");
    assert!(err.contains(&warned("ctr", "ctr")), "{err}");
    // A sum's column added up is the sum: read, in place of the formula.
    let json = ["--config", "/dev/null"];
    let (out, err) = kpi(&[&["kpi", "engagements", "engagements.json"][..], &json].concat());
    assert_eq!(out, "190\n");
    assert!(!err.contains("`Engagements` is not read"), "{err}");
    assert!(
        err.contains(&warned("engagement_rate", "engagement_rate")),
        "{err}"
    );
    let (out, _) = kpi(&[&["kpi", "engagement_rate", "engagements.json"][..], &json].concat());
    assert_eq!(out, "0.095\n");
    for (name, value) in [
        ("engagements", "120\n"),
        ("sales_revenue", "500\n"),
        ("engagement_rate_impressions", "0.06\n"),
    ] {
        let (out, err) = kpi(&[&["kpi", name, "sums.csv"][..], &json].concat());
        assert_eq!(out, value, "{name}: {err}");
        assert!(!err.contains("is not read"), "{name}: {err}");
    }
    let mapped = [
        "kpi",
        "engagements",
        "sums-export.csv",
        "--config",
        "sums-mapping.toml",
    ];
    assert_eq!(kpi(&mapped).0, "120\n");
}

/// The other way round: an export with a rate's denominator but none of its
/// numerator (Meta Ads' impressions without clicks) is left out with a note even
/// when it is the only one, so `roi kpi`'s n/a and a goal's no_data say why
/// (fixtures/review18-b/README.md).
#[test]
fn a_rate_without_any_numerator_says_why() {
    let dir = fixture("review18-b/no-numerator");
    for (kpi, note) in [
        (
            "ctr",
            "ctr: facebook (Meta Ads Manager) has impressions but no clicks: left out",
        ),
        (
            "engagement_rate",
            "engagement_rate: facebook (Meta Ads Manager) has reach but no likes, \
             comments, shares, saves: left out",
        ),
    ] {
        let out = roi_in(&dir, &["kpi", kpi, "meta-ads.csv", "--config", "/dev/null"]);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        assert_eq!(stdout(&out), "n/a\n");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!("roi: {note}\n")
        );
        let out = roi_in(
            &dir,
            &[
                "kpi",
                kpi,
                "meta-ads.csv",
                "--config",
                "/dev/null",
                "--format",
                "json",
            ],
        );
        let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(answer["value"], serde_json::Value::Null);
        assert_eq!(answer["notes"], serde_json::json!([note]));
    }
    let out = roi_in(
        &dir,
        &["check", "--as-of", "2026-08-03", "--format", "json"],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let check: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let goal = &check["goals"][0];
    assert_eq!(goal["status"], "no_data", "{check}");
    assert_eq!(
        goal["reason"],
        "no value for `ctr` between 2026-08-01 and 2026-08-03: facebook (Meta Ads \
         Manager) has impressions but no row has clicks"
    );
}

/// A KPI named in a formula is worked out as that KPI, with the platforms it leaves
/// out, and a constant factor or divisor keeps a rate's or cost's shape
/// (`fixtures/kpis/formula-scales`, figures in its README).
#[test]
fn a_formula_over_a_rate_or_cost_keeps_its_left_out_rule() {
    let dir = fixture("kpis/formula-scales");
    let kpi = |name: &str, file: &str| {
        let out = roi_in(&dir, &["kpi", name, file]);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        (
            stdout(&out),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    for (name, file, want, notes) in [
        (
            "lcr_half",
            "rate.csv",
            "0.05\n",
            "roi: lcr_half: tiktok has leads but no link_clicks: left out\n",
        ),
        (
            "er_half",
            "rate.csv",
            "0.05\n",
            "roi: er_half: tiktok has likes but no reach: left out\n",
        ),
        (
            "cpl_thousands",
            "costs.csv",
            "50\n",
            "roi: cpl_thousands: tiktok has spend but no leads: left out\n",
        ),
        (
            "cpl_div",
            "costs.csv",
            "50\n",
            "roi: cpl_div: tiktok has spend but no leads: left out\n",
        ),
        (
            "cost_sum",
            "costs.csv",
            "55000\n",
            "roi: cost_sum: tiktok has spend but no leads: left out\n\
             roi: cost_sum: tiktok has spend but no clicks: left out\n",
        ),
        // Both platforms have both sides: no value for 0 leads, and no note.
        ("half_cpl", "zero.csv", "n/a\n", ""),
    ] {
        assert_eq!(
            kpi(name, file),
            (want.to_owned(), notes.to_owned()),
            "{name}"
        );
    }
    let out = roi_in(
        &dir,
        &[
            "report",
            "zero.csv",
            "--kpi",
            "half_cpl,cpl",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["notes"], serde_json::json!([]), "{report}");
    let out = roi_in(&dir, &["explain", "lcr_half", "rate.csv"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert!(
        stdout(&out).contains("lcr_half = 5.00%"),
        "{}",
        stdout(&out)
    );
}

/// Whether a platform lacks a side is decided on the rows `--where` keeps: another
/// file's clicks outside them say nothing of a Meta export's rows
/// (`fixtures/kpis/where-left-out`, figures in its README).
#[test]
fn a_rate_under_where_says_which_platform_it_left_out() {
    let dir = fixture("kpis/where-left-out");
    let files = ["own.csv", "meta-eur.csv"];
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(files);
        let out = roi_in(&dir, &all);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        let notes: Vec<String> = String::from_utf8_lossy(&out.stderr)
            .lines()
            .filter(|l| !l.contains("skipped"))
            .map(str::to_owned)
            .collect();
        (stdout(&out), notes)
    };
    let ctr = "ctr: facebook (Meta Ads Manager) has impressions but no clicks: left out";
    let engagement = "engagement_rate: facebook (Meta Ads Manager) has reach but no likes, \
                      comments, shares, saves: left out";
    for (kpi, filter, note) in [
        ("ctr", "campaign=Sommer Sale", ctr),
        ("ctr", "currency=EUR", ctr),
        ("engagement_rate", "currency=EUR", engagement),
    ] {
        assert_eq!(
            run(&["kpi", kpi, "--where", filter]),
            ("n/a\n".to_owned(), vec![format!("roi: {note}")]),
            "{kpi} {filter}"
        );
    }
    let (out, _) = run(&[
        "report",
        "--where",
        "campaign=Sommer Sale",
        "--kpi",
        "ctr,impressions",
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["notes"], serde_json::json!([ctr]), "{report}");
    assert_eq!(
        report["groups"][0]["values"]["impressions"]["value"],
        17000.0
    );
    assert_eq!(
        report["groups"][0]["values"]["ctr"]["value"],
        serde_json::Value::Null
    );
}

/// `explain` of a growth shows the count it starts from: facebook's 1,100 read on
/// 08-07 and instagram's 500 of 07-31, 1,600 before 08-08 (`fixtures/stocks`), so
/// 1,700 − 1,600 = 100 can be followed; a count alone shows none.
#[test]
fn explain_of_a_growth_shows_the_count_before_the_window() {
    let file = fixture("stocks/followers.csv");
    let file = file.to_str().unwrap();
    let window = [
        "--from",
        "2026-08-08",
        "--to",
        "2026-08-13",
        "--format",
        "json",
    ];
    let explain = |kpi: &str| {
        let mut args = vec!["explain", kpi, file];
        args.extend_from_slice(&window);
        let out = roi(&args);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        json["windows"][0]["metrics"]
            .as_array()
            .expect("metrics")
            .iter()
            .map(|m| {
                (
                    m["aggregation"].as_str().unwrap_or("").to_owned(),
                    m["value"].clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    let growth = explain("follower_growth");
    assert_eq!(
        growth[..2],
        [
            (
                "last value per account, summed".to_owned(),
                serde_json::json!(1700.0)
            ),
            (
                "last value before the window per account, summed".to_owned(),
                serde_json::json!(1600.0)
            ),
        ]
    );
    let count = explain("follower_count");
    assert_eq!(
        count,
        [(
            "last value per account, summed".to_owned(),
            serde_json::json!(1700.0)
        )]
    );
}

/// `roi kpi` of a KPI none of whose metrics any row has says so on stderr and in
/// its JSON notes: a missing column is not 0 / 0 (the twenty-first review's F).
#[test]
fn a_kpi_without_any_of_its_metrics_says_so() {
    let file = fixture("stocks/followers.csv");
    let file = file.to_str().unwrap();
    let out = roi(&["kpi", "cpl", file]);
    assert_eq!(stdout(&out), "n/a\n", "{}", transcript(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "roi: cpl: no row of the inputs in the window has a value of any of spend, leads: no value\n"
    );
    let out = roi(&["kpi", "cpl", file, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        json["notes"],
        serde_json::json!([
            "cpl: no row of the inputs in the window has a value of any of spend, leads: no value"
        ])
    );
}
