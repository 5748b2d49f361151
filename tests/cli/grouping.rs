//! `--by` groups values as `--where` and goals compare them, on
//! `fixtures/by-spellings` (figures worked by hand in its README).

use crate::{code, fixture, roi_in, stdout, transcript};

fn json(files: &[&str], extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["report"];
    args.extend(files);
    args.extend(["--kpi", "spend,leads,cpl", "--format", "json"]);
    args.extend(extra);
    let out = roi_in(&fixture("by-spellings"), &args);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    serde_json::from_str(&stdout(&out)).expect("report JSON")
}

fn only_group(report: &serde_json::Value) -> (&str, f64, Option<f64>) {
    let groups = report["groups"].as_array().expect("groups");
    let tet: Vec<_> = groups
        .iter()
        .filter(|g| g["key"]["campaign"] != "Bộ sưu tập Hè")
        .collect();
    assert_eq!(tet.len(), 1, "one group for the campaign: {groups:?}");
    let g = tet[0];
    (
        g["key"]["campaign"].as_str().expect("label"),
        g["values"]["leads"]["value"].as_f64().expect("leads"),
        g["values"]["cpl"]["value"].as_f64(),
    )
}

#[test]
fn case_and_composition_variants_are_one_group() {
    let dir = fixture("by-spellings");
    let table = roi_in(
        &dir,
        &[
            "report",
            "meta-vi.csv",
            "crm.csv",
            "--kpi",
            "spend,leads,cpl",
            "--by",
            "campaign",
        ],
    );
    insta::assert_snapshot!("by_campaign_spellings", transcript(&table));

    let by = json(&["meta-vi.csv", "crm.csv"], &["--by", "campaign"]);
    let (label, leads, cpl) = only_group(&by);
    assert_eq!(label, "Khuyến mãi Tết");
    assert_eq!(leads, 102.0);
    let cpl = cpl.expect("a CPL");
    assert!((cpl - 2_750_000.0 / 102.0).abs() < 1e-6, "{cpl}");
    let notes = by["notes"].to_string();
    assert_eq!(notes.matches("grouped as one").count(), 1, "{notes}");

    // The filter and the table agree.
    let filtered = json(
        &["meta-vi.csv", "crm.csv"],
        &["--where", "campaign=khuyến mãi tết"],
    );
    let total = &filtered["groups"][0]["values"];
    assert_eq!(total["leads"]["value"].as_f64(), Some(102.0));
    assert_eq!(total["cpl"]["value"].as_f64(), Some(cpl));
}

#[test]
fn the_label_does_not_depend_on_file_order() {
    for files in [
        ["meta-vi.csv", "crm.csv", "crm2.csv"],
        ["crm2.csv", "crm.csv", "meta-vi.csv"],
    ] {
        let by = json(&files, &["--by", "campaign,platform"]);
        let (label, leads, cpl) = only_group(&by);
        assert_eq!(label, "Khuyến mãi Tết", "the spelling of the most rows");
        assert_eq!(leads, 107.0);
        assert!((cpl.expect("a CPL") - 2_750_000.0 / 107.0).abs() < 1e-6);
    }
    // A tie goes to the first spelling in byte order.
    for files in [["crm.csv", "crm2.csv"], ["crm2.csv", "crm.csv"]] {
        let by = json(&files, &["--by", "campaign"]);
        let (label, leads, _) = only_group(&by);
        assert_eq!(label, "KHUYẾN MÃI TẾT");
        assert_eq!(leads, 12.0);
    }
}

/// Ids group as written: YouTube video ids differing only in case are three videos
/// (`fixtures/by-spellings/README.md`), while their campaign's spellings are one.
#[test]
fn ids_group_as_written() {
    let dir = fixture("by-spellings");
    let by = |dim: &str| {
        let out = roi_in(
            &dir,
            &[
                "report",
                "video-ids.csv",
                "--kpi",
                "video_views",
                "--by",
                dim,
                "--format",
                "json",
            ],
        );
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("report JSON");
        let groups: Vec<(String, f64)> = json["groups"]
            .as_array()
            .expect("groups")
            .iter()
            .map(|g| {
                (
                    g["key"][dim].as_str().expect("key").to_owned(),
                    g["values"]["video_views"]["value"].as_f64().expect("views"),
                )
            })
            .collect();
        (groups, json["notes"].to_string())
    };
    let (videos, notes) = by("content_id");
    assert_eq!(
        videos,
        [
            ("ABCdef12345".to_owned(), 20.0),
            ("abcDEF12345".to_owned(), 10.0),
            ("abcdef12345".to_owned(), 5.0),
        ]
    );
    assert!(!notes.contains("grouped as one"), "{notes}");
    let (campaigns, notes) = by("campaign");
    assert_eq!(campaigns, [("Spring".to_owned(), 35.0)]);
    assert_eq!(notes.matches("grouped as one").count(), 1, "{notes}");
}

/// An account read before the window and not in it still counts in it, in its
/// group and under a filter, as it does in the total (`fixtures/stocks/carried`).
#[test]
fn a_carried_follower_count_keeps_its_group() {
    let dir = fixture("stocks/carried");
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["accounts.csv", "--from", "2026-08-06", "--to", "2026-08-10"]);
        let out = roi_in(&dir, &all);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        stdout(&out)
    };
    let report = run(&[
        "report",
        "--by",
        "platform,account",
        "--kpi",
        "follower_count,follower_growth",
        "--format",
        "csv",
    ]);
    let rows: Vec<&str> = report.lines().collect();
    assert_eq!(rows.len(), 5, "{report}");
    let cells = |r: &str| r.split(',').map(str::to_owned).collect::<Vec<_>>();
    let want = [
        ("facebook", "A", "1050", "0"),
        ("facebook", "B", "480", "-20"),
        ("tiktok", "D", "260", "60"),
    ];
    let header = cells(rows[0]);
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    for (row, (platform, account, count, growth)) in rows[1..].iter().zip(want) {
        let c = cells(row);
        assert_eq!(
            (
                c[at("platform")].as_str(),
                c[at("account")].as_str(),
                c[at("follower_count")].as_str(),
                c[at("follower_growth")].as_str()
            ),
            (platform, account, count, growth),
            "{report}"
        );
    }
    assert!(rows[4].starts_with("twitter,E"), "{report}");
    let kpi = |args: &[&str]| {
        let mut all = vec!["kpi"];
        all.extend(args);
        run(&all).trim().to_owned()
    };
    assert_eq!(kpi(&["follower_count"]), "1790");
    let a = ["--where", "account=A"];
    assert_eq!(kpi(&[&["follower_count"][..], &a].concat()), "1050");
    assert_eq!(kpi(&[&["follower_growth"][..], &a].concat()), "0");
}

/// A period that only a carried count reaches is a group beside the count's KPIs,
/// not a row of blanks beside others: Facebook's April, with no row, shows with
/// `follower_count` and not with `--kpi impressions`-like selections that have no
/// stock (the rows of `fixtures/stocks/carried-periods` with impressions).
#[test]
fn a_carried_count_makes_no_blank_group() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("rows.csv"),
        "date,platform,impressions,followers\n2026-03-31,facebook,100,5000\n\
         2026-03-31,tiktok,200,2900\n2026-04-30,tiktok,300,3000\n",
    )
    .unwrap();
    let run = |kpis: &str| {
        let out = roi_in(
            dir.path(),
            &[
                "report",
                "rows.csv",
                "--by",
                "platform,month",
                "--kpi",
                kpis,
                "--format",
                "csv",
            ],
        );
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        stdout(&out)
    };
    assert_eq!(
        run("impressions"),
        "platform,month,rows,impressions,impressions_change\n\
         facebook,2026-03,1,100,\n\
         tiktok,2026-03,1,200,\n\
         tiktok,2026-04,1,300,\n"
    );
    assert!(run("impressions,follower_count").contains("\nfacebook,2026-04,0,,,5000,0\n"));
}

/// A time grouping with a dimension keeps the group of a count carried into a
/// period without a row of its own, as `--by platform` does, so the periods' groups
/// add up to `--by month`'s (`fixtures/stocks/carried-periods`, figures in its
/// README).
#[test]
fn a_carried_follower_count_keeps_its_group_in_later_periods() {
    let dir = fixture("stocks/carried-periods");
    let run = |by: &str| {
        let out = roi_in(
            &dir,
            &[
                "report",
                "followers.csv",
                "--by",
                by,
                "--kpi",
                "follower_count,follower_growth",
                "--format",
                "csv",
            ],
        );
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        stdout(&out)
    };
    assert_eq!(
        run("month,platform"),
        "month,platform,rows,follower_count,follower_count_change,follower_growth,\
         follower_growth_change\n\
         2026-03,facebook,1,5000,,,\n\
         2026-03,tiktok,1,2900,,,\n\
         2026-04,facebook,0,5000,0,0,\n\
         2026-04,tiktok,1,3000,0.034482759,100,\n"
    );
    assert_eq!(
        run("platform,month"),
        "platform,month,rows,follower_count,follower_count_change,follower_growth,\
         follower_growth_change\n\
         facebook,2026-03,1,5000,,,\n\
         facebook,2026-04,0,5000,0,0,\n\
         tiktok,2026-03,1,2900,,,\n\
         tiktok,2026-04,1,3000,0.034482759,100,\n"
    );
    let month = run("month");
    assert!(month.contains("\n2026-04,1,8000,"), "{month}");
    assert!(
        month
            .lines()
            .nth(2)
            .is_some_and(|l| l.split(',').nth(4) == Some("100")),
        "{month}"
    );
}
