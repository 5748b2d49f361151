//! Overlap between files that no row key tells: one export at two levels (YouTube
//! Studio's zip, a Google Ads campaign report beside its ad report) and ranges of
//! two downloads that overlap without being equal; and posts, videos and contacts
//! whose title or stage changed between two downloads (their id is the key). Hand
//! figures:
//! `fixtures/overlap-cases/README.md`.

use crate::{code, roi, stdout, transcript};

const ZIP: &str = "fixtures/overlap-cases/youtube-zip";
const LEVELS: &str = "fixtures/overlap-cases/google-ads-levels";
const RANGES: &str = "fixtures/overlap-cases/ranges";

fn kpi(name: &str, inputs: &[&str]) -> (String, String) {
    let mut args = vec!["kpi", name];
    args.extend(inputs);
    let out = roi(&args);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    (
        stdout(&out),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn youtube_studio_zip_files_are_one_export_counted_once() {
    // Each file alone is the same 40 views: 12+8+15+5, 20+20, 27+13.
    for file in ["Chart data.csv", "Totals.csv", "Table data.csv"] {
        let path = format!("{ZIP}/{file}");
        assert_eq!(kpi("video_views", &[&path]).0, "40\n", "{file}");
    }
    // Together, Totals' days (the coarsest: Table data is each video's total over
    // the same two days) count; Chart data's 4 rows and Table data's 2 rows are the
    // same numbers, not counted, and stderr says so (not 120).
    let (value, stderr) = kpi("video_views", &[ZIP]);
    assert_eq!(value, "40\n");
    // Both notes name Totals, the rows that count (not Chart data, itself not
    // counted), and every day of the table's range is one of Totals' days.
    for (file, says) in [
        (
            "Chart data.csv",
            "4 row(s) over 2026-05-04..=2026-05-05 not counted: {ZIP}/Totals.csv holds their totals at a coarser level (day)",
        ),
        (
            "Table data.csv",
            "2 row(s) over 2026-05-04..=2026-05-05 not counted: they are totals over their range, and {ZIP}/Totals.csv holds the same numbers by day (level: day) over 2026-05-04..=2026-05-05, which count; levels of one export are never added",
        ),
    ] {
        let says = says.replace("{ZIP}", ZIP);
        assert!(
            stderr.contains(&format!("{ZIP}/{file}: video_views of {says}")),
            "{stderr}"
        );
    }
    assert!(!stderr.contains("cannot be split"), "{stderr}");
    // Only the metrics the finer file gives are replaced: table data's impressions
    // (500 + 300) are counted nowhere else and stay.
    assert_eq!(kpi("impressions", &[ZIP]).0, "800\n");
    let out = roi(&["inspect", ZIP]);
    insta::assert_snapshot!(transcript(&out));
}

#[test]
fn google_ads_campaign_and_ad_reports_are_never_added() {
    // Same account and range: the campaign report's totals count, the ad report's
    // rows (campaign × ad group) are the same numbers.
    assert_eq!(kpi("spend", &[LEVELS]).0, "60\n");
    let (impressions, stderr) = kpi("impressions", &[LEVELS]);
    assert_eq!(impressions, "1200\n", "not 2400");
    assert!(
        stderr.contains("Ad report.csv: clicks, impressions, spend of 3 row(s) over 2026-04-01..=2026-04-07 not counted: fixtures/overlap-cases/google-ads-levels/Campaign report.csv holds their totals at a coarser level (range × campaign)"),
        "{stderr}"
    );
    // Another currency is another account: both count.
    let (_, stderr) = kpi(
        "impressions",
        &[LEVELS, "fixtures/overlap-cases/ranges/camp-mar15-apr10.csv"],
    );
    assert!(!stderr.contains("camp-mar15-apr10.csv: 1 row"), "{stderr}");
}

#[test]
fn overlapping_ranges_keep_the_newer_row_and_say_which_days_are_lost() {
    let march = format!("{RANGES}/camp-march.csv");
    let later = format!("{RANGES}/camp-mar15-apr10.csv");
    let week = format!("{RANGES}/camp-mar8-14.csv");
    // Brand 1,000 (March) and 700 (Mar 15–Apr 10) overlap on Mar 15–31: the newer
    // 700 is kept, with Video's 400 (in one file only): 1,100, not 2,100.
    let (value, stderr) = kpi("impressions", &[&march, &later]);
    assert_eq!(value, "1100\n");
    assert!(
        stderr.contains(&format!("{march}: 1 row(s) over 2026-03-01..=2026-03-31 replaced by the newer rows of {later} over 2026-03-15..=2026-04-10, which share days with them; a window that holds these rows whole and not those")),
        "{stderr}"
    );
    // A week inside March is covered by the March row: 1,000 + 400.
    let (value, stderr) = kpi("impressions", &[&march, &week]);
    assert_eq!(value, "1400\n");
    assert!(
        stderr.contains(&format!("{week}: 1 row(s) over 2026-03-08..=2026-03-14 replaced by the newer rows of {march} over 2026-03-01..=2026-03-31, which cover them")),
        "{stderr}"
    );
    // All three: the newest Brand row (Mar 15–Apr 10) replaces March's, and the
    // week (Mar 8–14) overlaps no row kept: 700 + 250 + 400.
    assert_eq!(kpi("impressions", &[RANGES]).0, "1350\n");
    // March whole holds the March row and not the newer one: it counts there,
    // 1,000 + 400 (before, no Brand row counted in March: 400).
    let march_only = [
        march.as_str(),
        later.as_str(),
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
    ];
    assert_eq!(kpi("impressions", &march_only).0, "1400\n");
}

#[test]
fn real_youtube_chart_and_table_data_are_not_added() {
    let dir = crate::root().join("../shared/real-exports/youtube-studio");
    assert!(
        dir.is_dir(),
        "the real-exports corpus is missing: {}",
        dir.display()
    );
    let chart = dir.join("Chart data.csv");
    let chart = chart.to_str().unwrap();
    let dir = dir.to_str().unwrap();
    assert_eq!(kpi("video_views", &[chart]).0, "48473\n");
    // Chart data holds 5 of the 442 videos by day (their table rows, over the chart
    // data's year, are the same 48,473, not counted twice); the other videos' views
    // are in table data only and count: 153,235 (each video once), not 201,708
    // (48,473 + table data's 153,235) nor 48,473 (table data's other videos dropped).
    let (value, stderr) = kpi("video_views", &[dir]);
    assert_eq!(value, "153235\n");
    assert!(
        stderr.contains("Table data.csv: video_views of 5 row(s) over 2025-06-13..=2026-06-12")
            && stderr.contains("Chart data.csv holds the same numbers by day (level: day × content_id) over 2025-06-13..=2026-06-12, which count; levels"),
        "{stderr}"
    );
}

const GADS_TWO: &str = "fixtures/overlap-cases/gads-two-accounts";
const GADS_ONE: &str = "fixtures/overlap-cases/gads-ad-groups-of-one-campaign";
const META_TWO: &str = "fixtures/overlap-cases/meta-two-campaigns";
const MONTHLY_DAILY: &str = "fixtures/overlap-cases/monthly-daily";

#[test]
fn levels_of_other_campaigns_are_both_counted() {
    // Account A's campaigns (150.00) and account B's ad groups (300.00): no
    // campaign in both, nothing is the same numbers.
    for (name, value) in [
        ("spend", "450\n"),
        ("impressions", "4500\n"),
        ("clicks", "190\n"),
    ] {
        let (got, stderr) = kpi(name, &[GADS_TWO]);
        assert_eq!(got, value, "{name}");
        assert!(!stderr.contains("not counted"), "{stderr}");
    }
    // Summer sale's range (100.00) and Lead gen's days (30.00 + 20.00).
    assert_eq!(kpi("spend", &[META_TWO]).0, "150\n");
    assert_eq!(kpi("impressions", &[META_TWO]).0, "1500\n");
}

#[test]
fn a_campaign_row_is_replaced_only_by_its_own_finer_rows() {
    // Brand's row (100) counts and its ad groups (60 + 40) are the same numbers;
    // Generic has none and stays.
    let (out, stderr) = {
        let out = roi(&[
            "report", GADS_ONE, "--by", "campaign", "--kpi", "spend", "--format", "csv",
        ]);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        (
            stdout(&out),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    assert!(out.contains("Brand") && out.contains("100"), "{out}");
    assert!(out.contains("Generic") && out.contains("50"), "{out}");
    assert_eq!(kpi("spend", &[GADS_ONE]).0, "150\n");
    assert!(
        stderr.contains(&format!("{GADS_ONE}/brand-adgroups.csv: clicks, impressions, spend of 2 row(s) over 2026-08-01..=2026-08-31 not counted: {GADS_ONE}/campaigns.csv holds their totals at a coarser level (range × campaign)")),
        "{stderr}"
    );
}

#[test]
fn days_that_cover_a_range_in_part_are_counted_in_it() {
    // July 3,100 (monthly) + Aug 1–7 700 (daily); the daily Jul 25–31 are in July's.
    assert_eq!(kpi("spend", &[MONTHLY_DAILY]).0, "3800\n");
    let out = roi(&[
        "report",
        MONTHLY_DAILY,
        "--kpi",
        "spend",
        "--by",
        "month",
        "--format",
        "csv",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let csv = stdout(&out);
    assert!(csv.contains("2026-07") && csv.contains("3100"), "{csv}");
    assert!(csv.contains("2026-08") && csv.contains("700"), "{csv}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{MONTHLY_DAILY}/meta-daily-last14.csv: impressions, spend of 7 row(s) over 2026-07-25..=2026-07-31 not counted: {MONTHLY_DAILY}/meta-july.csv holds their totals at a coarser level (range × campaign) over 2026-07-01..=2026-07-31")),
        "{stderr}"
    );
}

#[test]
fn a_coarser_row_counts_even_where_the_finer_file_has_only_some_parts() {
    // Hand figures in fixtures/overlap-cases/README.md ("Totals first").
    let dir = "fixtures/overlap-cases";
    assert_eq!(kpi("spend", &[&format!("{dir}/accounts")]).0, "180\n");
    assert_eq!(kpi("spend", &[&format!("{dir}/partial-ads")]).0, "150\n");
    assert_eq!(
        kpi("impressions", &[&format!("{dir}/partial-ads")]).0,
        "1500\n"
    );
    let (spend, stderr) = kpi("spend", &[&format!("{dir}/weeks-and-month")]);
    assert_eq!(spend, "140\n");
    assert!(
        stderr.contains(
            "adset-aug.csv: impressions, spend of 2 row(s) over 2026-08-01..=2026-08-31 not counted"
        ),
        "{stderr}"
    );
    // Table data beside chart data in its folder is of the chart data's days: AAA's
    // days (70) count, its table row (500) not; BBB's 300 count.
    let yt = format!("{dir}/youtube-periods");
    assert_eq!(kpi("video_views", &[&yt]).0, "370\n");
    assert_eq!(kpi("impressions", &[&yt]).0, "8000\n");
    // Followers gained and lost and the net change are one quantity across levels.
    for case in ["net-per-video", "net-per-day"] {
        let levels = format!("{dir}/youtube-subscriber-levels/{case}");
        assert_eq!(kpi("follower_growth", &[&levels]).0, "10\n", "{case}");
        assert_eq!(kpi("video_views", &[&levels]).0, "800\n", "{case}");
    }
}

const EDITED_TIKTOK: &str = "fixtures/overlap-cases/edited-tiktok";
const EDITED_YOUTUBE: &str = "fixtures/overlap-cases/edited-youtube";
const EDITED_HUBSPOT: &str = "fixtures/overlap-cases/edited-hubspot";

/// A report's footer and `inspect`'s rows line for these inputs.
fn report_and_inspect(inputs: &[&str], extra: &[&str]) -> (String, String) {
    let mut args = vec!["report"];
    args.extend(inputs);
    args.extend(extra);
    let report = roi(&args);
    assert_eq!(code(&report), 0, "{}", transcript(&report));
    args[0] = "inspect";
    let inspect = roi(&args);
    assert_eq!(code(&inspect), 0, "{}", transcript(&inspect));
    (stdout(&report), stdout(&inspect))
}

#[test]
fn a_video_whose_title_was_edited_is_counted_once() {
    // The Jan 10 export: videos 1 (150), 2 (80), 3 (10). The Jan 11 export (the
    // newer, by its `Time`): video 1 only, retitled `a EDITED`, 160 views. Video 1
    // is its link, not its title: 160 + 80 + 10 = 250, not 400 (150 + 160 + 80 + 10)
    // — in either order.
    let jan10 = format!("{EDITED_TIKTOK}/jan10/Content.csv");
    let jan11 = format!("{EDITED_TIKTOK}/jan11/Content.csv");
    for files in [[&jan10, &jan11], [&jan11, &jan10]] {
        let mut args: Vec<&str> = files.iter().map(|f| f.as_str()).collect();
        args.extend(["--year", "2026"]);
        assert_eq!(kpi("video_views", &args).0, "250\n", "{files:?}");
    }
    // Likes: 16 + 8 + 1 = 25, the newer video 1's.
    assert_eq!(kpi("likes", &[EDITED_TIKTOK, "--year", "2026"]).0, "25\n");
    // The replaced row is counted and told.
    let (report, inspect) = report_and_inspect(&[EDITED_TIKTOK], &["--year", "2026"]);
    assert!(
        report.contains("1 row(s) replaced by overlapping exports"),
        "{report}"
    );
    assert!(
        inspect.contains("3 read, 1 replaced by overlapping exports"),
        "{inspect}"
    );
    // The newer title is the one kept.
    let out = roi(&["normalize", EDITED_TIKTOK, "--year", "2026"]);
    let csv = stdout(&out);
    assert!(csv.contains(",a EDITED,16,1,1,160"), "{csv}");
    assert!(!csv.contains(",a,15,"), "{csv}");
}

/// YouTube's table data is dated by publish day: two downloads of one range end on
/// the same date, and the later saved is the newer.
#[test]
fn a_youtube_video_retitled_between_downloads_is_counted_once() {
    let dir = tempfile::tempdir().unwrap();
    // Saved on 2025-06-01 and 2025-06-08 (00:00 UTC), as downloaded; a checkout
    // gives both files the time of the checkout.
    for (name, secs) in [("june01", 1_748_736_000), ("june08", 1_749_340_800)] {
        let to = dir.path().join(name);
        std::fs::create_dir(&to).unwrap();
        let file = to.join("Table data.csv");
        std::fs::copy(
            crate::root()
                .join(EDITED_YOUTUBE)
                .join(name)
                .join("Table data.csv"),
            &file,
        )
        .unwrap();
        set_modified(&file, secs);
    }
    // `abc` is `Old title` with 100 views on June 1 and `New better title` with 150
    // on June 8: the newer 150, not 250, in either order.
    for order in [["june01", "june08"], ["june08", "june01"]] {
        let mut args = vec!["kpi", "video_views"];
        args.extend(order);
        let out = crate::roi_in(dir.path(), &args);
        assert_eq!(stdout(&out), "150\n", "{order:?}: {}", transcript(&out));
    }
    let out = crate::roi_in(dir.path(), &["inspect", "june01", "june08"]);
    let inspect = stdout(&out);
    assert!(
        inspect.contains("1 read, 1 replaced by overlapping exports"),
        "{inspect}"
    );
}

#[test]
fn a_contact_whose_lifecycle_stage_changed_is_one_lead() {
    // Mar 5 export: 101 (Subscriber), 102. Mar 10 export (its data reaches Mar 8,
    // the newer): 101 (Marketing Qualified Lead), 102, 103. Contacts are their
    // Record ID: 101, 102, 103 = 3 leads, not 4.
    assert_eq!(kpi("leads", &[EDITED_HUBSPOT]).0, "3\n");
    let (report, inspect) = report_and_inspect(&[EDITED_HUBSPOT], &[]);
    assert!(
        report.contains("2 row(s) replaced by overlapping exports"),
        "{report}"
    );
    assert!(
        inspect.contains("2 read, 2 replaced by overlapping exports"),
        "{inspect}"
    );
    // 101 once, at its newer stage.
    let out = roi(&["normalize", EDITED_HUBSPOT]);
    let csv = stdout(&out);
    assert_eq!(csv.matches("\n2024-03-01,101,").count(), 1, "{csv}");
    assert!(csv.contains("101,Marketing Qualified Lead"), "{csv}");
    assert_eq!(csv.lines().count(), 4, "a header and 3 contacts: {csv}");
}

#[test]
fn a_lead_whose_source_was_corrected_is_one_lead() {
    // Mar 4 export: 00Q1 (Lead Source Web: no platform), 00Q2 (Facebook). Mar 6
    // export (its data reaches Mar 5, the newer): 00Q1 corrected to Facebook, 00Q2,
    // 00Q3 (LinkedIn). A lead is its id, whatever platform its source gives: 3
    // leads, not 4; Facebook 2 (00Q1 as corrected, 00Q2), LinkedIn 1.
    let dir = "fixtures/overlap-cases/edited-salesforce";
    assert_eq!(kpi("leads", &[dir]).0, "3\n");
    let out = roi(&["report", dir, "--by", "platform", "--format", "csv"]);
    assert_eq!(
        stdout(&out),
        "platform,rows,leads\nfacebook,2,2\nlinkedin,1,1\n",
        "{}",
        transcript(&out)
    );
}

#[test]
fn a_lead_without_an_id_whose_status_changed_is_one_lead() {
    // Salesforce leads reports without a Lead ID over Mar 1-4 and Mar 3-6: B, C
    // (Mar 3) and D (Mar 4) went from Open to Working between the downloads. A
    // lead's status is no part of what tells it apart: the newer download's rows
    // of Mar 3-4 replace the older's: 6 leads, not 8.
    let dir = "fixtures/overlap-cases/salesforce-status-no-id";
    assert_eq!(kpi("leads", &[dir]).0, "6\n", "not 8");
    let out = roi(&["report", dir, "--by", "day", "--format", "csv"]);
    let csv = stdout(&out);
    assert_eq!(
        csv,
        "day,rows,leads,leads_change\n2026-03-01,1,1,\n2026-03-03,2,2,\n\
         2026-03-04,2,2,0\n2026-03-06,1,1,\n",
        "{}",
        transcript(&out)
    );
    let inspect = stdout(&roi(&["inspect", dir]));
    assert!(
        inspect.contains("4 read, 3 replaced by overlapping exports"),
        "{inspect}"
    );
    // The status is still a dimension to report by.
    let out = roi(&["report", dir, "--by", "content_type", "--format", "csv"]);
    let csv = stdout(&out);
    assert!(
        csv.contains("Open - Not Contacted,3,3\n"),
        "{}",
        transcript(&out)
    );
    assert!(
        csv.contains("Working - Contacted,3,3\n"),
        "{}",
        transcript(&out)
    );
}

/// Two owners' leads reports of the same days: with an `Email` column each lead is
/// its email and all 6 count; without one a lead is only its day and source, the
/// newer list's rows stand in for the older's, and a warning says the two cannot be
/// told apart (`fixtures/overlap-cases/README.md`, salesforce-owners/).
#[test]
fn leads_lists_without_ids_are_told_apart_by_email_or_warned() {
    let dir = "fixtures/overlap-cases/salesforce-owners";
    let by_platform = |folder: &str| {
        let out = roi(&[
            "report",
            &format!("{dir}/{folder}"),
            "--by",
            "platform",
            "--format",
            "csv",
        ]);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        (
            stdout(&out),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (csv, stderr) = by_platform("email");
    assert_eq!(
        csv, "platform,rows,leads\n,1,1\nfacebook,3,3\nlinkedin,2,2\n",
        "{stderr}"
    );
    assert!(!stderr.contains("for leads without an id"), "{stderr}");
    let (csv, stderr) = by_platform("no-id");
    assert_eq!(
        csv, "platform,rows,leads\n,1,1\nfacebook,1,1\nlinkedin,1,1\n",
        "{stderr}"
    );
    let warning = stderr
        .lines()
        .find(|l| l.contains("for leads without an id"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(
        warning.starts_with(&format!(
            "roi: {dir}/no-id/leads-ann.csv: 3 row(s) of leads over 2027-03-01..=2027-03-02 not counted: {dir}/no-id/leads-bob.csv holds"
        )),
        "{warning}"
    );
}

#[test]
fn a_record_id_twice_in_one_file_is_one_record() {
    let dir = "fixtures/overlap-cases/same-record-in-one-file";
    // A CRM export: Record ID 5001 at lines 2 and 4.
    let crm = format!("{dir}/hubspot-crm-exports-all-contacts-2026-03-10.csv");
    let out = roi(&["report", &crm, "--by", "platform", "--format", "csv"]);
    assert_eq!(
        stdout(&out),
        "platform,rows,leads\nfacebook,2,2\ntiktok,1,1\n",
        "{}",
        transcript(&out)
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("record 5001 is in rows at lines 2 and 4"),
        "{}",
        transcript(&out)
    );
    let out = roi(&["report", &crm, "--strict"]);
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(":4: record 5001"),
        "{}",
        transcript(&out)
    );
    // A mapped sheet of leads (per_row): KH001 twice, its revenue once.
    let out = crate::roi_in(
        std::path::Path::new(dir),
        &[
            "report",
            "--by",
            "platform",
            "--kpi",
            "leads,sales_revenue",
            "--format",
            "csv",
        ],
    );
    let csv = stdout(&out);
    assert!(csv.contains("facebook,2,2,1500000"), "{}", transcript(&out));
    assert!(csv.contains("tiktok,1,1,2000000"), "{}", transcript(&out));
}

/// A post is its id in one content table too: a row repeating an earlier one is
/// skipped, one with other figures replaces it (`fixtures/overlap-cases/README.md`,
/// same-post-in-one-file/). Both are errors under `--strict`.
#[test]
fn a_post_id_twice_in_one_content_table_is_one_post() {
    let dir = "fixtures/overlap-cases/same-post-in-one-file";
    for (file, csv, warning, strict) in [
        (
            "Content_dupe_row.csv",
            "rows,reach,reach_bound,likes,follower_growth\n3,47020,upper,3658,241\n",
            "line 5 repeats line 2, cell for cell: a post written twice",
            Some(":5: 1 row(s) skipped (repeats an earlier row of its post"),
        ),
        (
            "Content_pasted.csv",
            "rows,reach,reach_bound,likes,follower_growth\n4,49594,upper,3866,245\n",
            "2 posts have a later row with other figures, the first 18013820987824089 \
             at lines 2 and 5",
            Some(":5: 2 posts have a later row"),
        ),
        (
            "fb-posts-dupe.csv",
            "rows,reach,reach_bound,likes,follower_growth\n2,2700,upper,180,\n",
            "line 5 repeats line 4, cell for cell",
            // Its description row on line 2 is already an error under `--strict`.
            None,
        ),
    ] {
        let path = format!("{dir}/{file}");
        let out = roi(&[
            "report",
            &path,
            "--kpi",
            "reach,likes,follower_growth",
            "--format",
            "csv",
        ]);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        assert_eq!(stdout(&out), csv, "{}", transcript(&out));
        assert!(transcript(&out).contains(warning), "{}", transcript(&out));
        if let Some(strict) = strict {
            let out = roi(&["report", &path, "--strict"]);
            assert_eq!(code(&out), 2, "{}", transcript(&out));
            assert!(transcript(&out).contains(strict), "{}", transcript(&out));
        }
    }
}

#[test]
fn two_leads_of_one_day_in_two_status_sheets_are_two_leads() {
    // One Salesforce workbook without a Lead ID, a sheet per status: Open (A Mar 3,
    // B Mar 4) and Working (C Mar 3, D Mar 5), all Facebook. C is not A worked on:
    // the sheets are one download, whose statuses are as they were; only between
    // two downloads is a lead's status left out of what tells it apart.
    let file = "fixtures/overlap-cases/salesforce-status-sheets/sf-leads-by-status.xlsx";
    let (leads, warnings) = kpi("leads", &[file]);
    assert_eq!(leads, "4\n", "not 3: {warnings}");
    assert!(!warnings.contains("replaced"), "{warnings}");
}

#[test]
fn records_that_share_a_customer_or_a_post_are_each_counted() {
    // per_row mappings whose content_id is not the record's own id: a customer's
    // code on two orders (KH001, Mar 1 and Mar 20), a post's id on three comments
    // (P100). Only a list of leads has a row per id.
    let dir = std::path::Path::new("fixtures/overlap-cases/per-row-shared-ids");
    for (name, want) in [
        ("purchases", "3\n"),
        ("sales_revenue", "4300000\n"),
        ("mentions", "4\n"),
    ] {
        let out = crate::roi_in(dir, &["kpi", name]);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        assert_eq!(stdout(&out), want, "{name}: {}", transcript(&out));
        assert!(
            !String::from_utf8_lossy(&out.stderr).contains("is in rows at lines"),
            "{}",
            transcript(&out)
        );
    }
}

#[test]
fn a_campaign_type_in_one_download_only_does_not_split_its_days() {
    // Google Ads reads `Campaign type` as content_type: a description of the
    // campaign, not a breakdown. Brand's Mar 2 is in both downloads, once.
    let dir = "fixtures/overlap-cases/gads-campaign-type";
    assert_eq!(kpi("spend", &[dir]).0, "121\n", "not 133");
    assert_eq!(kpi("impressions", &[dir]).0, "1210\n", "not 1330");
    let out = roi(&["inspect", dir]);
    let inspect = stdout(&out);
    assert!(
        inspect.contains("4 read, 1 replaced by overlapping exports"),
        "{inspect}"
    );
}

#[test]
fn a_download_without_the_account_column_is_the_account_it_matches() {
    let dir = "fixtures/overlap-cases/meta-account-column";
    let plain = format!("{dir}/meta-daily.csv");
    let shop_a = format!("{dir}/meta-daily-shop-a.csv");
    // Aug 3 of the download without an account is Shop A's Aug 3: once.
    assert_eq!(kpi("spend", &[&plain, &shop_a]).0, "46\n", "not 58");
    assert_eq!(kpi("leads", &[&plain, &shop_a]).0, "14\n", "not 18");
    // Beside two accounts' rows, the one whose figures it repeats is its own.
    let both = format!("{dir}/meta-daily-shops-a-b.csv");
    let (spend, stderr) = kpi("spend", &[&plain, &both]);
    assert_eq!(spend, "53\n", "{stderr}");
    assert!(!stderr.contains("several accounts"), "{stderr}");
    // Unlike both, it cannot be told: it counts, and is warned.
    let unlike = format!("{dir}/meta-daily-unlike.csv");
    let (spend, stderr) = kpi("spend", &[&unlike, &both]);
    assert_eq!(spend, "68\n");
    assert!(
        stderr.contains(&format!(
            "{unlike}: 1 row(s) over 2026-08-03..=2026-08-03 name no account and have the dates and dimensions of rows of several accounts (Shop A, Shop B)"
        )),
        "{stderr}"
    );
}

#[test]
fn a_report_by_platform_is_a_finer_level_of_the_same_report_without() {
    // Without `Platform` a Meta Ads report holds every placement (read as facebook):
    // Spring's Aug 1 per platform is the same 30.00, not Instagram's on top. By
    // platform, the per-platform rows answer for that day.
    let dir = "fixtures/overlap-cases/meta-platform";
    let out = roi(&[
        "report",
        dir,
        "--by",
        "platform",
        "--kpi",
        "spend,leads,impressions",
        "--format",
        "csv",
    ]);
    assert_eq!(
        stdout(&out),
        "platform,rows,spend,spend_currency,leads,impressions\nfacebook,4,62,USD,20,2200\ninstagram,2,18,USD,6,600\n",
        "{}",
        transcript(&out)
    );
    let (spend, stderr) = kpi("spend", &[dir]);
    assert_eq!(spend, "80\n", "not 110");
    assert!(
        stderr.contains("meta-campaigns-by-platform.csv: impressions, leads, spend of 2 row(s) over 2026-08-01..=2026-08-01 not counted: fixtures/overlap-cases/meta-platform/meta-campaigns.csv holds their totals at a coarser level (day × campaign)"),
        "{stderr}"
    );
}

#[test]
fn an_overview_and_its_content_export_are_levels_as_for_x() {
    // TikTok: the overview's Mar 2 holds video 2 (posted that day); video 1, posted
    // before the overview's days, counts.
    let out = roi(&[
        "report",
        "fixtures/overlap-cases/tiktok-overview-content",
        "--year",
        "2026",
        "--kpi",
        "video_views,likes,comments",
        "--format",
        "csv",
    ]);
    assert_eq!(
        stdout(&out),
        "rows,video_views,likes,comments\n4,3700,180,18\n",
        "not 4,200 / 200 / 20: {}",
        transcript(&out)
    );
    // Meta Business Suite: the reach and views series hold post 501's (Sep 2), not
    // each other's; its likes, in no series, count.
    let out = roi(&[
        "report",
        "fixtures/overlap-cases/meta-series-content",
        "--kpi",
        "reach,video_views,likes",
        "--format",
        "csv",
    ]);
    assert_eq!(
        stdout(&out),
        "rows,reach,reach_bound,video_views,likes\n8,350,upper,120,13\n",
        "not 420 / 150: {}",
        transcript(&out)
    );
}

#[test]
fn insights_see_a_posts_values_that_a_coarser_level_counts() {
    // Post 501's reach (70) and views are counted in the series' Sep 2, not in the
    // totals; they are still its own: reel 9 / 70, image 4 / 50.
    let dir = "fixtures/overlap-cases/meta-series-content";
    let out = roi(&["insights", dir, "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["posts"], 2);
    let groups = json["by_content_type"].as_array().unwrap();
    let group = |key: &str| groups.iter().find(|g| g["key"] == key).unwrap().clone();
    let reel = group("reel");
    assert_eq!(reel["engagements"], 9.0, "{reel}");
    assert_eq!(reel["reach"], 70.0, "{reel}");
    let rate = reel["engagement_rate"].as_f64().unwrap();
    assert!((rate - 9.0 / 70.0).abs() < 1e-9, "{reel}");
    let image = group("image");
    assert_eq!(image["reach"], 50.0, "{image}");
    assert_eq!(image["engagement_rate"], 0.08, "{image}");
    assert_eq!(json["top_posts"][0]["id"], "501", "{json}");
    assert_eq!(json["posts_unranked"], 0, "{json}");
    // The report's section says the same, and its totals stay 350 / 140.
    let out = roi(&["report", dir, "--kpi", "reach,video_views"]);
    let text = stdout(&out);
    assert!(
        text.contains("| reel         |     1 |           9 |        9 |          12.86% |"),
        "{text}"
    );
    assert!(text.contains("| 350 (upper bound) |"), "{text}");
    let out = roi(&["normalize", dir]);
    let csv = stdout(&out);
    let reach: u64 = {
        let mut lines = csv.lines();
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        let at = header.iter().position(|h| *h == "reach").unwrap();
        lines
            .filter_map(|l| l.split(',').nth(at)?.parse::<u64>().ok())
            .sum()
    };
    assert_eq!(reach, 350, "{csv}");
}

/// A post downloaded twice beside the series that counts its reach: one post, with
/// the newer download's reach, not both added.
#[test]
fn a_post_counted_in_its_day_and_downloaded_twice_is_one_post_for_insights() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["Instagram-Reach.csv", "Instagram-Views.csv"] {
        std::fs::copy(
            crate::root()
                .join("fixtures/overlap-cases/meta-series-content")
                .join(name),
            dir.path().join(name),
        )
        .unwrap();
    }
    // Every value of post 501 (reach, views) is in the series' Sep 2: the post is
    // counted nowhere, in neither download. Saved Sep 5 (reach 60) and Sep 6 (70).
    let header = "Post ID,Account username,Publish time,Permalink,Post type,Date,Reach,Views\n";
    for (name, reach, views, secs) in [
        ("sep05.csv", 60, 25, 1_788_566_400),
        ("sep06.csv", 70, 30, 1_788_652_800),
    ] {
        let file = dir.path().join(name);
        let row = format!(
            "501,shop,09/02/2026 10:00,https://www.instagram.com/reel/B1/,IG reel,Lifetime,{reach},{views}\n"
        );
        std::fs::write(&file, format!("{header}{row}")).unwrap();
        set_modified(&file, secs);
    }
    let out = crate::roi_in(
        dir.path(),
        &["report", ".", "--kpi", "reach", "--format", "csv"],
    );
    assert_eq!(
        stdout(&out),
        "rows,reach,reach_bound\n6,300,upper\n",
        "{}",
        transcript(&out)
    );
    let out = crate::roi_in(dir.path(), &["insights", ".", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["posts"], 1, "{json}");
    assert_eq!(json["by_content_type"][0]["reach"], 70.0, "not 130: {json}");
}

#[test]
fn a_linkedin_workbooks_posts_sheet_is_read_as_the_finer_level_of_its_days() {
    let dir = "fixtures/overlap-cases/linkedin-workbook";
    let page = format!("{dir}/page.xlsx");
    // Launch (Sep 2) is in its day's numbers; Teaser (Aug 28) is not and counts.
    assert_eq!(
        kpi("impressions", &[&page]).0,
        "2600\n",
        "not 2100 nor 3500"
    );
    assert_eq!(kpi("likes", &[&page]).0, "50\n");
    let inspect = stdout(&roi(&["inspect", &page]));
    assert!(
        inspect.contains("4 read, 1 replaced by overlapping exports"),
        "{inspect}"
    );
    assert!(
        inspect.contains("LinkedIn Page posts (header on line 2, 2 rows)"),
        "{inspect}"
    );
    // Launch's numbers are in Sep 2's day: counted nowhere (the report's rows are
    // the 2 days and Teaser), but still Launch's own for insights.
    let out = roi(&["report", &page, "--kpi", "impressions", "--format", "csv"]);
    assert_eq!(
        stdout(&out),
        "rows,impressions\n3,2600\n",
        "{}",
        transcript(&out)
    );
    let insights = stdout(&roi(&["insights", &page]));
    assert!(insights.starts_with("2 post(s);"), "{insights}");
    assert!(
        insights.contains("| image        |     1 |          15 |       15 |"),
        "{insights}"
    );
    // A bad cell of the posts sheet is an error, not a sheet left out.
    let out = roi(&["kpi", "impressions", &format!("{dir}/page-bad-post.xlsx")]);
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("page-bad-post.xlsx:4: column E (`Impressions`): sheet `All posts`: \"lots\" is not a number"),
        "{}",
        transcript(&out)
    );
}

#[test]
fn leads_of_one_platform_from_ads_and_a_crm_are_noted() {
    let dir = "fixtures/overlap-cases/leads-ads-and-crm";
    let out = roi(&[
        "report",
        dir,
        "--kpi",
        "spend,leads,cpl",
        "--by",
        "platform",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let text = stdout(&out);
    assert!(
        text.contains("| facebook |    4 | 18.00 USD |     5 | 3.60 USD |"),
        "{text}"
    );
    assert!(
        text.contains("note: leads of facebook come both from an ad or page export"),
        "{text}"
    );
    // Only the ads' leads, or a KPI not over leads: nothing to note.
    for args in [
        &[
            "report",
            "fixtures/overlap-cases/leads-ads-and-crm/meta-leads.csv",
            "--kpi",
            "leads",
        ][..],
        &["report", dir, "--kpi", "spend"][..],
    ] {
        let text = stdout(&roi(args));
        assert!(
            !text.contains("leads of facebook come both"),
            "{args:?}: {text}"
        );
    }
}

/// The leads note belongs to every goal and KPI over leads, not to the report
/// alone (`fixtures/overlap-cases/leads-ads-and-crm.toml`, README): `check`,
/// `status` and `explain` say it of `fb-leads` and `fb-cpl`, in text and JSON,
/// in English and Vietnamese; not of `fb-spend` (no leads) nor of `li-leads`
/// (the CRM's only). `roi kpi` writes it on stderr.
#[test]
fn leads_from_ads_and_a_crm_are_noted_on_goals_and_kpis() {
    let config = "fixtures/overlap-cases/leads-ads-and-crm.toml";
    let note = "leads of facebook come both from an ad or page export";
    let at = ["--config", config, "--as-of", "2026-08-02"];
    let run = |args: &[&str]| {
        let out = roi(&[args, &at[..]].concat());
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        out
    };
    let text = stdout(&run(&["check"]));
    assert!(
        text.contains(&format!("note: goal `fb-leads`: {note}")),
        "{text}"
    );
    assert!(
        text.contains(&format!("note: goal `fb-cpl`: {note}")),
        "{text}"
    );
    assert_eq!(text.matches(note).count(), 2, "{text}");
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["check", "--format", "json"]).stdout).unwrap();
    for goal in json["goals"].as_array().unwrap() {
        let noted = goal["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap().starts_with(note));
        let twice = goal.get("leads_counted_twice");
        match goal["id"].as_str().unwrap() {
            "fb-leads" | "fb-cpl" => {
                assert!(noted, "{goal}");
                assert_eq!(twice, Some(&serde_json::json!(["facebook"])), "{goal}");
            }
            _ => assert!(!noted && twice.is_none(), "{goal}"),
        }
    }
    let out = run(&["status", "fb-cpl"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(&format!("roi: fb-cpl: {note}")),
        "{}",
        transcript(&out)
    );
    let out = run(&["status", "fb-spend"]);
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains(note),
        "{}",
        transcript(&out)
    );
    assert!(stdout(&run(&["explain", "fb-leads"])).contains(note));
    assert!(!stdout(&run(&["explain", "li-leads"])).contains(note));
    let vi = stdout(&run(&["check", "--lang", "vi"]));
    assert!(
        vi.contains("khách hàng tiềm năng của facebook đến từ cả"),
        "{vi}"
    );
    // `roi kpi`: on stderr for a KPI over leads, in JSON's notes.
    let out = roi(&["kpi", "leads", "--config", config]);
    assert_eq!(stdout(&out), "6\n");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(&format!("roi: {note}")),
        "{}",
        transcript(&out)
    );
    let out = roi(&["kpi", "cpl", "--config", config, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        json["notes"][0].as_str().unwrap().starts_with(note),
        "{json}"
    );
    let out = roi(&["kpi", "spend", "--config", config]);
    assert!(out.stderr.is_empty(), "{}", transcript(&out));
}

const SHEETS: &str = "fixtures/overlap-cases/workbook-sheets";

/// `roi report FILE --kpi KPIS --format csv` with the stderr.
fn report_csv(file: &str, kpis: &str) -> (String, String) {
    let path = format!("{SHEETS}/{file}");
    let out = roi(&["report", &path, "--kpi", kpis, "--format", "csv"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    (
        stdout(&out),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_workbooks_sheets_of_one_layout_count_where_they_hold_other_rows() {
    // Hand figures: fixtures/overlap-cases/README.md ("workbook-sheets").
    for (file, kpis, expected) in [
        // A month per sheet: every sheet counts, every metric.
        (
            "xlsx-monthly-sheets.xlsx",
            "leads,impressions,spend,cpl",
            "rows,leads,impressions,spend,spend_currency,cpl,cpl_currency\n\
             4,15,5200,260,USD,17.333333333,USD\n",
        ),
        (
            "gads-monthly-sheets.xlsx",
            "impressions,clicks,spend,conversions",
            "rows,impressions,clicks,spend,spend_currency,conversions\n\
             2,4000,400,200,USD,20\n",
        ),
        (
            "xlsx-monthly-purchases.xlsx",
            "revenue,spend,roas",
            "rows,revenue,revenue_currency,spend,spend_currency,roas\n\
             2,500,USD,110,USD,4.545454545\n",
        ),
        // A sheet by day and one by campaign over the same days: levels, once.
        (
            "meta-day-and-campaign.xlsx",
            "leads,spend,cpl",
            "rows,leads,spend,spend_currency,cpl,cpl_currency\n\
             1,25,73.75,USD,2.95,USD\n",
        ),
        // The same sheet twice: once, results and spend alike.
        (
            "meta-two-copies.xlsx",
            "leads,spend,cpl",
            "rows,leads,spend,spend_currency,cpl,cpl_currency\n\
             3,25,73.75,USD,2.95,USD\n",
        ),
        // Two sheets sharing a day: that day once.
        (
            "meta-overlapping-sheets.xlsx",
            "leads,impressions,spend",
            "rows,leads,impressions,spend,spend_currency\n\
             5,20,1500,150,USD\n",
        ),
        // GA4 tables: by source and by landing page (two breakdowns of the same
        // totals, once, either order), and by source twice with the second adding
        // metrics (sessions once, the others counted).
        (
            "ga4-two-tables.csv",
            "sessions,conversions,revenue",
            "rows,sessions,conversions,revenue,revenue_currency\n\
             2,620,14,1450.5,\n",
        ),
        (
            "ga4-landing-then-source.csv",
            "sessions,conversions,revenue",
            "rows,sessions,conversions,revenue,revenue_currency\n\
             2,620,14,1450.5,\n",
        ),
        (
            "ga4-split-metrics.csv",
            "sessions,conversions,revenue",
            "rows,sessions,conversions,revenue,revenue_currency\n\
             4,580,12,1290.5,\n",
        ),
    ] {
        assert_eq!(report_csv(file, kpis).0, expected, "{file}");
    }
    // What is not counted is said, naming the sheets.
    let (_, stderr) = report_csv("meta-two-copies.xlsx", "leads");
    assert!(
        stderr.contains(&format!(
            "impressions, leads, link_clicks, reach, spend of 3 row(s) of {SHEETS}/meta-two-copies.xlsx (sheet `Copy`) over 2026-08-01..=2026-08-03 not counted: {SHEETS}/meta-two-copies.xlsx (sheet `Raw Data Report`) holds the same rows"
        )),
        "{stderr}"
    );
    let (_, stderr) = report_csv("meta-overlapping-sheets.xlsx", "leads");
    assert!(
        stderr.contains("of 1 row(s) of ")
            && stderr.contains("(sheet `Re-export`) over 2026-08-03..=2026-08-03 not counted"),
        "{stderr}"
    );
    let (_, stderr) = report_csv("meta-day-and-campaign.xlsx", "leads");
    assert!(
        stderr.contains(
            "(sheet `By campaign`) holds their totals at a coarser level (range × campaign)"
        ),
        "{stderr}"
    );
    let (_, stderr) = report_csv("xlsx-monthly-sheets.xlsx", "leads");
    assert!(!stderr.contains("not counted"), "{stderr}");
}

/// Found in review: a GA4 file's table by source and table by landing page break the
/// same totals down by different dimensions, neither finer: the landing pages were
/// taken for a coarser level and replaced the sources, so the sessions from
/// `l.facebook.com` were facebook's no more. The table by source counts (it names
/// the platform), in either order, and the other is said not counted.
#[test]
fn two_breakdowns_of_one_ga4_export_keep_the_one_naming_the_platform() {
    for (file, counted, other) in [
        ("ga4-two-tables.csv", 10, 19),
        ("ga4-landing-then-source.csv", 19, 6),
    ] {
        let path = format!("{SHEETS}/{file}");
        let args = ["report", &path, "--by", "platform", "--format", "csv"];
        let out = roi(&[&args[..], &["--kpi", "sessions,conversions,revenue"]].concat());
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        // Hand figures: fixtures/overlap-cases/README.md ("workbook-sheets").
        assert_eq!(
            stdout(&out),
            "platform,rows,sessions,conversions,revenue,revenue_currency\n\
             facebook,1,120,4,250.5,\n\
             web,1,500,10,1200,\n",
            "{file}"
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!(
                "conversions, revenue, sessions of 2 row(s) of {path} (the table at line \
                 {other}), by range × landing_page, over 2026-10-01..=2026-10-31 not counted: \
                 {path} (the table at line {counted}) breaks the same totals down by range × \
                 platform × source × medium over 2026-10-01..=2026-10-31, which count"
            )),
            "{stderr}"
        );
    }
}

const REVIEW19: &str = "fixtures/review19-g";

/// `roi report INPUTS --by platform --kpi sessions,conversions,revenue --format csv`
/// with the stderr.
fn ga4_by_platform(inputs: &[&str]) -> (String, String) {
    let mut args = vec!["report", "--by", "platform", "--format", "csv"];
    args.extend(["--kpi", "sessions,conversions,revenue"]);
    args.extend(inputs);
    let out = roi(&args);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    (
        stdout(&out),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Found in review: a GA4 channel group (`Organic Search`) was read as the medium, so
/// a table by channel group beside one by source / medium (`google / organic`) of
/// the same sessions looked like other keys, and both counted (600 sessions of 300).
/// They are two breakdowns of the same totals: the one by source / medium counts
/// (it names the platform), whichever is newer, and a warning names it; beside the
/// download's days, both are finer levels of the days, which count
/// (`fixtures/review19-g/README.md`).
#[test]
fn a_ga4_channel_group_table_is_another_breakdown_of_its_source_medium_table() {
    let file = format!("{REVIEW19}/ga4-multi.csv");
    let (out, stderr) = ga4_by_platform(&[&file]);
    assert_eq!(
        out,
        "platform,rows,sessions,conversions,revenue,revenue_currency\n\
         facebook,1,90,2,200.5,\n\
         web,2,210,4,399.5,\n",
        "{stderr}"
    );
    // The days count; the tables over the range are finer levels of them, each
    // answering a query by its own breakdown.
    assert!(
        stderr.contains(&format!(
            "sessions of 6 row(s) over 2026-08-01..=2026-08-03 not counted: they are totals \
             over their range, and {file} (the table at line 10) holds the same numbers by \
             day (level: day) over 2026-08-01..=2026-08-03, which count"
        )),
        "{stderr}"
    );
    // The channel groups still answer a query by them.
    let out = roi(&["report", &file, "--kpi", "sessions", "--by", "breakdown"]);
    assert!(
        stdout(&out).contains("| Session default channel group Organic Search |    1 |      150 |"),
        "{}",
        transcript(&out)
    );
    // Two downloads, the primary channel group with key events and revenue: each
    // counted once, either file newer.
    let dir = format!("{REVIEW19}/channel-and-source-medium");
    let channel = crate::root().join(&dir).join("channel.csv");
    let source = crate::root().join(&dir).join("source-medium.csv");
    for (channel_secs, source_secs) in [(2_000_000, 1_000_000), (1_000_000, 2_000_000)] {
        set_modified(&channel, channel_secs);
        set_modified(&source, source_secs);
        let (out, stderr) = ga4_by_platform(&[&dir]);
        assert_eq!(
            out,
            "platform,rows,sessions,conversions,revenue,revenue_currency\n\
             facebook,1,90,2,200.5,\n\
             web,2,210,4,399.5,\n",
            "{stderr}"
        );
        assert!(
            stderr.contains(&format!(
                "conversions, revenue, sessions of 3 row(s) of {dir}/channel.csv, by range × \
                 breakdown, over 2026-08-01..=2026-08-03 not counted: {dir}/source-medium.csv \
                 breaks the same totals down"
            )),
            "{stderr}"
        );
    }
}

/// Found in review: of two breakdowns of the same totals, which counts was decided
/// per platform, so a table by source lost its `web` rows to a table by landing page
/// (or medium, or channel group) while that table lost its rows to the source's
/// `facebook` row: 90 sessions of 300, and two warnings each saying the other
/// counts. One table counts for all its platforms, whatever the order and which file
/// is newer (`fixtures/review19-g/README.md`).
#[test]
fn of_two_ga4_breakdowns_one_table_counts_for_every_platform() {
    let file = format!("{REVIEW19}/ga4-lp-src-one.csv");
    let (out, stderr) = ga4_by_platform(&[&file]);
    // The landing pages' key events and revenue count: the sources have none.
    assert_eq!(
        out,
        "platform,rows,sessions,conversions,revenue,revenue_currency\n\
         facebook,1,90,,,\n\
         web,4,210,6,600,\n",
        "{stderr}"
    );
    assert_eq!(stderr.matches("not counted").count(), 1, "{stderr}");
    assert_eq!(kpi("web_traffic", &[&file]).0, "300\n");
    for (folder, other, other_by) in [
        ("landing-and-source", "landing.csv", "landing_page"),
        ("medium-and-source", "medium.csv", "medium"),
        ("channel-and-source", "channel.csv", "breakdown"),
    ] {
        let dir = format!("{REVIEW19}/{folder}");
        let base = crate::root().join(&dir);
        for (other_secs, source_secs) in [(2_000_000, 1_000_000), (1_000_000, 2_000_000)] {
            set_modified(&base.join(other), other_secs);
            set_modified(&base.join("source.csv"), source_secs);
            let (out, stderr) = ga4_by_platform(&[&dir]);
            let web = if folder == "landing-and-source" {
                "web,4,210,6,600,\n"
            } else {
                "web,2,210,,,\n"
            };
            assert_eq!(
                out,
                format!(
                    "platform,rows,sessions,conversions,revenue,revenue_currency\n\
                     facebook,1,90,,,\n{web}"
                ),
                "{folder}: {stderr}"
            );
            assert_eq!(
                stderr.matches("not counted").count(),
                1,
                "{folder}: {stderr}"
            );
            assert!(
                stderr.contains(&format!(
                    "sessions of {n} row(s) of {dir}/{other}, by range × {other_by}, over \
                     2026-08-01..=2026-08-03 not counted: {dir}/source.csv breaks the same \
                     totals down by range × platform × source",
                    n = if folder == "landing-and-source" { 2 } else { 3 }
                )),
                "{folder}: {stderr}"
            );
            assert_eq!(kpi("web_traffic", &[&dir]).0, "300\n", "{folder}");
        }
    }
}

/// Several breakdowns of the same sessions in one download (landing page, medium,
/// channel group, source): the table by source counts for every platform, each
/// other table is named once as not counted, and the landing pages' key events and
/// revenue, which the source table lacks, count (`fixtures/review19-g/README.md`).
#[test]
fn of_four_ga4_breakdowns_in_one_file_the_source_table_counts() {
    let file = format!("{REVIEW19}/ga4-four-breakdowns.csv");
    let (out, stderr) = ga4_by_platform(&[&file]);
    assert_eq!(
        out,
        "platform,rows,sessions,conversions,revenue,revenue_currency\n\
         facebook,1,90,,,\n\
         web,4,210,6,600,\n",
        "{stderr}"
    );
    assert_eq!(stderr.matches("not counted").count(), 3, "{stderr}");
    for (line, n, by) in [
        (10, 2, "landing_page"),
        (17, 3, "medium"),
        (25, 3, "breakdown"),
    ] {
        assert!(
            stderr.contains(&format!(
                "sessions of {n} row(s) of {file} (the table at line {line}), by range × {by}, \
                 over 2026-08-01..=2026-08-03 not counted: {file} (the table at line 33) \
                 breaks the same totals down by range × platform × source"
            )),
            "{stderr}"
        );
    }
    assert_eq!(kpi("web_traffic", &[&file]).0, "300\n");
}

/// An exploration by channel group, `Session source` and `Session medium` as
/// separate columns, beside a table by channel group alone of the same sessions:
/// the exploration is the finer level, counted once (300 sessions, not 600), and
/// its medium is the medium's column, not the channel group
/// (`fixtures/review19-g/README.md`).
#[test]
fn a_ga4_exploration_by_channel_source_and_medium_beside_a_channel_table() {
    let explore = format!("{REVIEW19}/ga4-explore-columns.csv");
    let channel = format!("{REVIEW19}/channel-and-source/channel.csv");
    let (out, stderr) = ga4_by_platform(&[&explore, &channel]);
    assert_eq!(
        out,
        "platform,rows,sessions,conversions,revenue,revenue_currency\n\
         facebook,1,90,,,\n\
         web,2,210,,,\n",
        "{stderr}"
    );
    assert_eq!(kpi("web_traffic", &[&explore, &channel]).0, "300\n");
    let (organic, _) = kpi_where("web_traffic", "medium=organic", &[&explore, &channel]);
    assert_eq!(organic, "150\n");
    let social = "breakdown=Session default channel group Organic Social";
    assert_eq!(
        kpi_where("web_traffic", social, &[&explore, &channel]).0,
        "90\n"
    );
}

/// `roi kpi NAME --where FILTER INPUTS`.
fn kpi_where(name: &str, filter: &str, inputs: &[&str]) -> (String, String) {
    let mut args = vec!["kpi", name, "--where", filter];
    args.extend(inputs);
    let out = roi(&args);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    (
        stdout(&out),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Two Meta Ads reports of one month, one by campaign and one by platform (no
/// campaign): two breakdowns of the same totals, neither finer. The one by platform
/// counts, whichever file comes first (before, the input order decided, and
/// Instagram's 600 impressions could be read as facebook's).
#[test]
fn a_report_by_platform_beside_one_by_campaign_counts_per_platform_in_either_order() {
    let dir = tempfile::tempdir().unwrap();
    let camp = dir.path().join("camp.csv");
    let plat = dir.path().join("plat.csv");
    std::fs::write(
        &camp,
        "Reporting starts,Reporting ends,Campaign name,Impressions,Amount spent (USD)\n\
         2026-08-01,2026-08-31,Summer,1000,50\n2026-08-01,2026-08-31,Winter,500,25\n",
    )
    .unwrap();
    std::fs::write(
        &plat,
        "Reporting starts,Reporting ends,Platform,Impressions,Amount spent (USD)\n\
         2026-08-01,2026-08-31,facebook,900,45\n2026-08-01,2026-08-31,instagram,600,30\n",
    )
    .unwrap();
    let (camp, plat) = (camp.to_str().unwrap(), plat.to_str().unwrap());
    for files in [[camp, plat], [plat, camp]] {
        let args = ["report", files[0], files[1], "--by", "platform"];
        let out = roi(&[
            &args[..],
            &["--kpi", "impressions,spend", "--format", "csv"],
        ]
        .concat());
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        assert_eq!(
            stdout(&out),
            "platform,rows,impressions,spend,spend_currency\n\
             facebook,1,900,45,USD\n\
             instagram,1,600,30,USD\n"
        );
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(&format!(
                "impressions, spend of 2 row(s) of {camp}, by range × campaign, over \
                 2026-08-01..=2026-08-31 not counted: {plat} breaks the same totals down by \
                 range × platform"
            )),
            "{}",
            transcript(&out)
        );
    }
}

/// Two GA4 properties' reports of one month are two accounts, not an overlap
/// (`fixtures/overlap-cases/README.md`, ga4-two-properties).
#[test]
fn two_ga4_properties_are_two_accounts() {
    let dir = crate::fixture("overlap-cases/ga4-two-properties");
    let kpi = |extra: &[&str]| {
        let mut args = vec!["kpi", "web_traffic", dir.to_str().unwrap()];
        args.extend_from_slice(extra);
        let out = roi(&args);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        stdout(&out).trim().to_owned()
    };
    assert_eq!(kpi(&[]), "980");
    assert_eq!(kpi(&["--where", "account=shop-a - GA4"]), "620");
    assert_eq!(kpi(&["--where", "platform=facebook"]), "180");
}

/// GA4 properties named in the Vietnamese UI, one property in two UI languages, and
/// names holding a comma (`fixtures/overlap-cases/README.md`, ga4-properties-more).
#[test]
fn ga4_properties_in_vietnamese_and_with_commas() {
    let dir = crate::fixture("overlap-cases/ga4-properties-more");
    let kpi = |files: &[&str]| {
        let paths: Vec<String> = files
            .iter()
            .map(|f| dir.join(f).to_str().unwrap().to_owned())
            .collect();
        let mut args = vec!["kpi", "web_traffic"];
        args.extend(paths.iter().map(String::as_str));
        let out = roi(&args);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        stdout(&out).trim().to_owned()
    };
    assert_eq!(kpi(&["vi-hn.csv", "vi-sg.csv"]), "1040");
    assert_eq!(kpi(&["en-hn.csv", "vi-hn.csv"]), "740");
    assert_eq!(kpi(&["comma-a.csv", "comma-b.csv"]), "980");
    let out = roi(&[
        "report",
        dir.join("comma-a.csv").to_str().unwrap(),
        "--by",
        "account",
        "--kpi",
        "web_traffic",
        "--format",
        "csv",
    ]);
    assert_eq!(
        stdout(&out),
        "account,rows,web_traffic\n\"Acme, Inc. - VN\",2,620\n"
    );
}

/// A sheet of leads mapped with `per_row = "leads"` is a list of leads as a CRM
/// export is: beside a Meta Ads export's facebook leads, the note says they may be
/// the same people (`fixtures/mapping-records/README.md`, leads-ads-and-sheet/).
/// Both still count: facebook 50 + 3 = 53 leads.
#[test]
fn leads_from_ads_and_a_mapped_sheet_are_noted() {
    let config = "fixtures/mapping-records/leads-ads-and-sheet/roi.toml";
    let note = "leads of facebook come both from an ad or page export";
    let out = roi(&[
        "report",
        "--config",
        config,
        "--by",
        "platform",
        "--kpi",
        "leads,sales_revenue,spend,roas",
        "--format",
        "csv",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let csv = stdout(&out);
    assert!(
        csv.contains("\nfacebook,8,53,9000000,VND,7500000,VND,1.2\n"),
        "{csv}"
    );
    assert!(transcript(&out).contains(note), "{}", transcript(&out));
    // The sheet alone: its leads are one source's, no note.
    let out = roi(&[
        "report",
        "--config",
        config,
        "--kpi",
        "leads",
        "fixtures/mapping-records/leads-ads-and-sheet/getfly-khach-hang-2026-03-06.csv",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert!(!transcript(&out).contains(note), "{}", transcript(&out));
}

/// Found in review: revenue of an ad export beside a shop's list of orders (a
/// mapping's `per_row`), which holds the ads' sales too, was added without a word.
/// Both still count (950.00 + 700.00 = 1,650.00 USD, roas 1,650 / 405 = 407.41 %),
/// and the note says they may be the same sales, narrowed to google_ads too, where
/// the orders name that platform (`fixtures/overlap-cases/README.md`,
/// sales-ads-and-orders).
#[test]
fn sales_from_ads_and_a_list_of_orders_are_noted_as_maybe_counted_twice() {
    let dir = "fixtures/overlap-cases/sales-ads-and-orders";
    let config = format!("{dir}/roi.toml");
    let note = "revenue and conversions of google_ads come both from the ad export and from \
                a record of every sale, a web analytics export (GA4) or a list of sales";
    let out = roi(&["kpi", "roas", "--config", &config]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(stdout(&out), "4.074074074\n");
    assert!(transcript(&out).contains(note), "{}", transcript(&out));
    // The orders' Google Ads sales (300.00 + 200.00) and the ads' 950.00.
    let out = roi(&[
        "kpi",
        "revenue",
        "--config",
        &config,
        "--where",
        "platform=google_ads",
    ]);
    assert_eq!(stdout(&out), "1450\n", "{}", transcript(&out));
    assert!(transcript(&out).contains(note), "{}", transcript(&out));
    // The ads alone: no other source, no note.
    let out = roi(&["kpi", "roas", &format!("{dir}/gads-daily.csv")]);
    assert_eq!(stdout(&out), "2.345679012\n", "{}", transcript(&out));
    assert!(
        !transcript(&out).contains("counted twice"),
        "{}",
        transcript(&out)
    );
    // Spend counts no sale: no note.
    let out = roi(&["kpi", "spend", "--config", &config]);
    assert!(
        !transcript(&out).contains("counted twice"),
        "{}",
        transcript(&out)
    );
}

/// Revenue and conversions of an ad platform's export beside a web analytics
/// export (GA4), whose revenue and key events include the ads' sales, are noted
/// as maybe counted twice, the sums unchanged (`fixtures/overlap-cases/
/// sales-ads-and-ga4.toml`, README): `report`, `kpi`, `check`, `status`,
/// `explain` and JSON; not a goal narrowed to the ad platform, nor one on spend.
#[test]
fn sales_from_ads_and_web_analytics_are_noted_as_maybe_counted_twice() {
    let config = "fixtures/overlap-cases/sales-ads-and-ga4.toml";
    let note = "revenue and conversions of google_ads come both from the ad export and from a record of every sale, a web analytics export (GA4)";
    let run = |args: &[&str]| {
        let out = roi(&[&["--config", config][..], args].concat());
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        out
    };
    let report = stdout(&run(&["report"]));
    assert!(
        report.contains("2,600.00 USD") && report.contains("641.98%"),
        "{report}"
    );
    assert!(report.contains(&format!("note: {note}")), "{report}");
    assert!(
        report.contains("--where (platform=google_ads keeps"),
        "{report}"
    );
    let narrowed = stdout(&run(&["report", "--where", "platform=google_ads"]));
    // The goals keep their own scope (`roas` still says it); the table does not.
    assert!(
        narrowed.contains("234.57%") && !narrowed.contains(&format!("note: {note}")),
        "{narrowed}"
    );
    let out = run(&["kpi", "roas"]);
    assert_eq!(stdout(&out).trim(), "6.419753086");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(note),
        "{}",
        transcript(&out)
    );
    let out = run(&["kpi", "spend"]);
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains(note),
        "{}",
        transcript(&out)
    );
    let at = ["--as-of", "2026-08-04"];
    let text = stdout(&run(&[&["check"][..], &at].concat()));
    assert!(
        text.contains(&format!("note: goal `roas`: {note}")),
        "{text}"
    );
    assert_eq!(text.matches(note).count(), 1, "{text}");
    let json: serde_json::Value =
        serde_json::from_slice(&run(&[&["check", "--format", "json"][..], &at].concat()).stdout)
            .unwrap();
    for goal in json["goals"].as_array().unwrap() {
        let noted = goal["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap().starts_with(note));
        let twice = goal.get("sales_counted_twice");
        match goal["id"].as_str().unwrap() {
            "roas" => {
                assert!(noted, "{goal}");
                assert_eq!(twice, Some(&serde_json::json!(["google_ads"])), "{goal}");
            }
            _ => assert!(!noted && twice.is_none(), "{goal}"),
        }
    }
    let out = run(&[&["status", "roas"][..], &at].concat());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(&format!("roi: roas: {note}")),
        "{}",
        transcript(&out)
    );
    assert!(stdout(&run(&[&["explain", "roas"][..], &at].concat())).contains(note));
    assert!(!stdout(&run(&[&["explain", "ads-roas"][..], &at].concat())).contains(note));
    let vi = stdout(&run(&[&["--lang", "vi", "check"][..], &at].concat()));
    assert!(
        vi.contains("doanh thu và chuyển đổi của google_ads"),
        "{vi}"
    );
}

#[test]
fn a_search_terms_or_keyword_report_never_replaces_its_ad_group_or_keyword_rows() {
    // The finer report newer or older: the coarser report's totals count, and the
    // finer rows are left out with the levels warning (not "1 row(s) replaced").
    let base = "fixtures/overlap-cases/gads-search-terms";
    for (case, coarse, fine, spend, impressions, detail) in [
        (
            "ad-group",
            "Ad group report.csv",
            "Search terms report.csv",
            "1400\n",
            "30000\n",
            "range × campaign × ad_set",
        ),
        (
            "keyword",
            "Search keyword report.csv",
            "Search terms report.csv",
            "1400\n",
            "30000\n",
            "range × campaign × ad_set × keyword",
        ),
        (
            "vi",
            "Báo cáo từ khóa.csv",
            "Cụm từ tìm kiếm.csv",
            "450\n",
            "9000\n",
            "range × campaign × ad_set × keyword",
        ),
    ] {
        for fine_newer in [true, false] {
            let dir = tempfile::tempdir().unwrap();
            for (name, newer) in [(coarse, !fine_newer), (fine, fine_newer)] {
                let file = dir.path().join(name);
                std::fs::copy(crate::root().join(base).join(case).join(name), &file).unwrap();
                let secs = if newer { 1_800_000_000 } else { 1_700_000_000 };
                set_modified(&file, secs);
            }
            let out = crate::roi_in(dir.path(), &["kpi", "spend", "."]);
            assert_eq!(
                stdout(&out),
                spend,
                "{case} {fine_newer}: {}",
                transcript(&out)
            );
            let out = crate::roi_in(dir.path(), &["kpi", "impressions", "."]);
            assert_eq!(stdout(&out), impressions, "{case} {fine_newer}");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                stderr.contains(&format!("{fine}: "))
                    && stderr.contains(&format!(
                        "not counted: ./{coarse} holds their totals at a coarser level ({detail})"
                    )),
                "{case} {fine_newer}: {stderr}"
            );
        }
    }
}

/// A search terms report without its `Keyword` column is another breakdown of the
/// keyword report's totals, and partial: the keyword report counts, whichever file
/// is newer (`fixtures/overlap-cases/README.md`, gads-search-terms-no-keyword).
#[test]
fn a_search_terms_report_without_keywords_never_outranks_the_keyword_report() {
    let base = crate::root().join("fixtures/overlap-cases/gads-search-terms-no-keyword");
    for terms_newer in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        for (name, newer) in [
            ("Search keyword report.csv", !terms_newer),
            ("Search terms report.csv", terms_newer),
        ] {
            let file = dir.path().join(name);
            std::fs::copy(base.join(name), &file).unwrap();
            set_modified(&file, if newer { 1_800_000_000 } else { 1_700_000_000 });
        }
        for (kpi, value) in [("spend", "610\n"), ("impressions", "7000\n")] {
            let out = crate::roi_in(dir.path(), &["kpi", kpi, "."]);
            assert_eq!(stdout(&out), value, "{terms_newer}: {}", transcript(&out));
        }
    }
}

/// A Business Suite series whose title and file name name no platform (the real
/// `Alcance.csv`) beside its Instagram content export: it takes the content
/// export's platform and is its day level, not added to the posts' reach, in
/// whichever order the files are read. Hand figures:
/// `fixtures/overlap-cases/README.md`.
#[test]
fn a_series_that_names_no_platform_takes_its_content_exports() {
    let dir = "fixtures/overlap-cases/meta-series-unnamed";
    let series = format!("{dir}/Alcance.csv");
    let posts = format!("{dir}/Contenido_Posts_Feb24_Mar23.csv");
    for files in [[&posts, &series], [&series, &posts]] {
        let out = roi(&[
            "report",
            files[0],
            files[1],
            "--kpi",
            "reach,engagements,engagement_rate",
            "--format",
            "csv",
        ]);
        assert_eq!(
            stdout(&out),
            "rows,reach,reach_bound,engagements,engagement_rate,engagement_rate_bound\n\
             58,3543943,upper,625068,0.176376426,lower\n",
            "not 7,531,388: {}",
            transcript(&out)
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("it is taken as instagram's"), "{stderr}");
        assert!(!stderr.contains("its rows have no platform"), "{stderr}");
    }
    // Its rows are instagram's: a filter on the platform keeps them.
    let out = roi(&[
        "report",
        dir,
        "--kpi",
        "reach",
        "--where",
        "platform=instagram",
        "--format",
        "csv",
    ]);
    assert_eq!(stdout(&out), "rows,reach,reach_bound\n58,3543943,upper\n");
}

/// Content exports of both platforms over the series' days do not tell its
/// platform: it keeps none, and its warning says it is added on top.
#[test]
fn a_series_beside_content_of_both_platforms_keeps_no_platform() {
    let dir = tempfile::tempdir().unwrap();
    let from = crate::root().join("fixtures/overlap-cases/meta-series-unnamed");
    for name in ["Alcance.csv", "Contenido_Posts_Feb24_Mar23.csv"] {
        std::fs::copy(from.join(name), dir.path().join(name)).unwrap();
    }
    let header = std::fs::read_to_string(from.join("Contenido_Posts_Feb24_Mar23.csv"))
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_owned();
    std::fs::write(
        dir.path().join("Contenido_FB.csv"),
        format!(
            "{header}\n901,1,shop,Shop,\"fb post\",,\"03/07/2026 13:45\",\
             https://www.facebook.com/shop/posts/901,Foto,,Total,100,1000,10,1,0,1,0\n"
        ),
    )
    .unwrap();
    let out = roi(&[
        "report",
        dir.path().to_str().unwrap(),
        "--kpi",
        "reach",
        "--format",
        "csv",
    ]);
    // 3,543,943 (series) + 3,987,445 (Instagram posts) + 1,000 (the Facebook post).
    assert_eq!(
        stdout(&out),
        "rows,reach,reach_bound\n59,7532388,upper\n",
        "{}",
        transcript(&out)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the content exports of its days are of both"),
        "{stderr}"
    );
    assert!(stderr.contains("added on top of the posts'"), "{stderr}");
}

const YT_RANGES: &str = "fixtures/overlap-cases/youtube-ranges";

#[test]
fn youtube_table_data_is_totals_over_its_download_range() {
    // Table data of videos published in 2025, beside the daily Totals and Chart data
    // of the same download (August 1–2, 2026): its range is theirs, so the days
    // count (Totals 1,200 + 1,800), not n/a for dates of 2025.
    let zip = format!("{YT_RANGES}/zip");
    let (value, stderr) = kpi(
        "video_views",
        &["--from", "2026-08-01", "--to", "2026-08-31", &zip],
    );
    assert_eq!(value, "3000\n", "{stderr}");
    assert!(!stderr.contains("2025-08-28"), "{stderr}");
    let (value, _) = kpi(
        "video_views",
        &["--from", "2026-08-02", "--to", "2026-08-02", &zip],
    );
    assert_eq!(value, "1800\n");
    // Table data's own metrics (impressions 30,000 + 20,000) count over the range.
    assert_eq!(kpi("impressions", &[&zip]).0, "50000\n");
    // Two monthly downloads named by YouTube's ranges are both counted: 2,000 +
    // 1,500 views, 10 + 6 subscribers.
    let july = format!("{YT_RANGES}/Content 2026-07-01_2026-07-31 Channel");
    let august = format!("{YT_RANGES}/Content 2026-08-01_2026-08-31 Channel");
    let (value, stderr) = kpi("video_views", &[&july, &august]);
    assert_eq!(value, "3500\n", "{stderr}");
    assert!(!stderr.contains("replaced"), "{stderr}");
    assert_eq!(kpi("follower_growth", &[&july, &august]).0, "16\n");
    // Without a range, both are read by the publish day (June 15) and one replaces
    // the other: a warning names both files.
    let (_, stderr) = kpi("video_views", &[&format!("{YT_RANGES}/unnamed")]);
    assert!(
        stderr.contains("jul/Table data.csv")
            && stderr.contains("aug/Table data.csv")
            && stderr.contains("as are those of"),
        "{stderr}"
    );
}

#[test]
fn youtube_table_data_dated_by_its_range_keeps_each_video_publish_day() {
    // Hand figures (`fixtures/overlap-cases/README.md`, youtube-ranges/zip): vid1
    // published Thursday 2025-08-28, vid2 Wednesday 2025-09-03; their rows cover
    // the download's August 1–2, 2026 (a Saturday and a Sunday).
    let zip = format!("{YT_RANGES}/zip");
    let out = roi(&["normalize", &zip]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let csv = stdout(&out);
    assert!(
        csv.starts_with("date,end_date,platform,content_id,published,")
            && csv.contains("2026-08-01,2026-08-02,youtube,vidBBBBBBB1,2025-08-28,")
            && csv.contains("2026-08-01,2026-08-02,youtube,vidBBBBBBB2,2025-09-03,"),
        "{csv}"
    );
    let out = roi(&["insights", &zip]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let text = stdout(&out);
    let weekdays = text
        .split("By weekday of publication")
        .nth(1)
        .and_then(|t| t.split("\n\n").next())
        .unwrap_or_default();
    let posts = |day: &str| {
        weekdays
            .lines()
            .find(|l| l.starts_with(&format!("| {day} ")))
            .and_then(|l| l.split('|').nth(2))
            .map(|n| n.trim().to_owned())
    };
    for (day, n) in [
        ("Monday", "0"),
        ("Tuesday", "0"),
        ("Wednesday", "1"),
        ("Thursday", "1"),
        ("Friday", "0"),
        ("Saturday", "0"),
        ("Sunday", "0"),
    ] {
        assert_eq!(posts(day).as_deref(), Some(n), "{day}: {text}");
    }
}

#[test]
fn youtube_table_data_by_traffic_source_is_listed_as_not_read() {
    // Beside the download's Totals (6,000 + 6,500) and chart data by source: the
    // days count, the table by traffic source (no dates) is not read, and says so.
    let traffic = format!("{YT_RANGES}/traffic");
    let (value, stderr) = kpi("video_views", &[&traffic]);
    assert_eq!(value, "12500\n", "{stderr}");
    assert!(
        stderr.contains("Table data.csv: a YouTube Studio table by `Traffic source` (totals over the download's range, without dates) is not read"),
        "{stderr}"
    );
    // Alone: exit 2 with the same words, and no mapping stanza that cannot work.
    for file in [
        format!("{traffic}/Table data.csv"),
        format!("{YT_RANGES}/table-geo.csv"),
    ] {
        for command in ["kpi", "inspect"] {
            let args: Vec<&str> = if command == "kpi" {
                vec!["kpi", "video_views", &file]
            } else {
                vec!["inspect", &file]
            };
            let out = roi(&args);
            let text = transcript(&out);
            assert_eq!(code(&out), 2, "{text}");
            assert!(
                text.contains("roi reads the download's `Chart data.csv` and `Totals.csv`")
                    && !text.contains("[[mappings]]"),
                "{text}"
            );
        }
    }
}

/// Three downloads of one account, Aug 1–14, Aug 8–21 and Aug 1–31: a window counts
/// the newest row it holds whole, never two that share days
/// (`fixtures/overlap-cases/README.md`, shifted-ranges).
#[test]
fn a_shifted_download_does_not_hide_a_shorter_one_from_its_own_window() {
    let dir = "fixtures/overlap-cases/shifted-ranges";
    for threads in ["1", "2"] {
        for (from, to, impressions) in [
            ("2026-08-01", "2026-08-31", "34000\n"),
            ("2026-08-01", "2026-08-14", "16000\n"),
            ("2026-08-01", "2026-08-20", "16000\n"),
            ("2026-08-08", "2026-08-21", "16300\n"),
            ("2026-08-01", "2026-08-21", "16300\n"),
            ("2026-08-01", "2026-08-07", "n/a\n"),
        ] {
            let args = [dir, "--from", from, "--to", to, "--threads", threads];
            assert_eq!(kpi("impressions", &args).0, impressions, "{from}..{to}");
        }
        let args = [
            dir,
            "--from",
            "2026-08-01",
            "--to",
            "2026-08-14",
            "--threads",
            threads,
        ];
        assert_eq!(kpi("spend", &args).0, "2800000\n");
        assert_eq!(kpi("leads", &args).0, "25\n");
    }
}

const ROUNDED_IDS: &str = "fixtures/overlap-cases/rounded-post-ids";

/// A post whose id a spreadsheet rounded in one download is its link there, and
/// the fresh download's row with that link is the same post
/// (`fixtures/overlap-cases/README.md`, rounded-post-ids).
#[test]
fn a_post_id_rounded_in_one_download_is_its_link_across_files() {
    for dir in ["excel", "zeros"] {
        let dir = format!("{ROUNDED_IDS}/{dir}");
        for threads in ["1", "2"] {
            let args = [dir.as_str(), "--threads", threads];
            assert_eq!(kpi("reach", &args).0, "1500\n", "{dir} {threads}");
            assert_eq!(kpi("likes", &args).0, "115\n", "{dir} {threads}");
            // The reel's views are video views, the carousel's and image's not.
            assert_eq!(kpi("video_views", &args).0, "1000\n", "{dir} {threads}");
            assert_eq!(kpi("media_views", &args).0, "900\n", "{dir} {threads}");
            let (report, inspect) = report_and_inspect(&args, &[]);
            assert!(report.contains("| carousel     |     1 |"), "{report}");
            assert!(
                report.contains("3 row(s); 1 row(s) replaced by overlapping exports"),
                "{report}"
            );
            assert!(
                inspect.contains("2 read, 1 replaced by overlapping exports"),
                "{inspect}"
            );
        }
        let out = roi(&["insights", &dir, "--min-posts", "1", "--format", "json"]);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["posts"], 3, "{dir}");
    }
}

/// Two posts of one day rounded to one id, without links, are two posts; the same
/// post in the newer download (same publish time and text) replaces its older row.
#[test]
fn posts_rounded_to_one_id_without_links_are_told_apart_by_their_description() {
    let dir = format!("{ROUNDED_IDS}/no-link");
    for threads in ["1", "2"] {
        let args = [dir.as_str(), "--threads", threads];
        assert_eq!(kpi("reach", &args).0, "970\n", "{threads}");
        assert_eq!(kpi("likes", &args).0, "72\n", "{threads}");
        assert_eq!(kpi("media_views", &args).0, "1180\n", "{threads}");
        let (report, _) = report_and_inspect(&args, &[]);
        assert!(
            report.contains("3 row(s); 1 row(s) replaced by overlapping exports"),
            "{report}"
        );
    }
}

/// Real ids that happen to end in zeros past the 15th digit, in a file where
/// nothing shows a spreadsheet rounded them, are the posts' ids: a caption edited
/// between two downloads does not make the post count twice.
#[test]
fn real_ids_ending_in_zeros_are_not_taken_for_rounded() {
    let dir = format!("{ROUNDED_IDS}/real-zeros");
    for threads in ["1", "2"] {
        let args = [dir.as_str(), "--threads", threads];
        assert_eq!(kpi("likes", &args).0, "600\n", "{threads}");
        let (report, _) = report_and_inspect(&args, &[]);
        assert!(
            report.contains("2 row(s); 2 row(s) replaced by overlapping exports"),
            "{report}"
        );
    }
}

#[test]
fn a_meta_breakdown_report_never_replaces_the_unbroken_report() {
    // The breakdown newer or older, read first or last: the unbroken report's
    // totals count, the segments are left out with the levels warning.
    let base = "fixtures/overlap-cases/meta-breakdown";
    for (case, total, fine, reach, spend, detail) in [
        (
            "device",
            "meta-total.csv",
            "meta-device.csv",
            "10000\n",
            "500\n",
            "range × campaign",
        ),
        (
            "age-gender",
            "meta-total.csv",
            "meta-age-gender.csv",
            "2200\n",
            "110\n",
            "day × campaign",
        ),
        (
            "two-breakdowns",
            "age.csv",
            "country.csv",
            "10000\n",
            "500\n",
            "range × campaign × breakdown",
        ),
    ] {
        for fine_newer in [true, false] {
            let dir = tempfile::tempdir().unwrap();
            for (name, newer) in [(total, !fine_newer), (fine, fine_newer)] {
                let file = dir.path().join(name);
                std::fs::copy(crate::root().join(base).join(case).join(name), &file).unwrap();
                let secs = if newer { 1_800_000_000 } else { 1_700_000_000 };
                set_modified(&file, secs);
            }
            for files in [[total, fine], [fine, total]] {
                let out = crate::roi_in(dir.path(), &["kpi", "reach", files[0], files[1]]);
                assert_eq!(
                    stdout(&out),
                    reach,
                    "{case} {fine_newer}: {}",
                    transcript(&out)
                );
                let out = crate::roi_in(dir.path(), &["kpi", "spend", files[0], files[1]]);
                assert_eq!(stdout(&out), spend, "{case} {fine_newer}");
                let stderr = String::from_utf8_lossy(&out.stderr);
                assert!(
                    stderr.contains(" not counted: ") && stderr.contains(detail),
                    "{case} {fine_newer}: {stderr}"
                );
            }
        }
    }
    // Alone, a breakdown's segments are rows of their own: spend adds, and reach
    // summed is an upper bound.
    let dir = crate::root().join(base).join("device");
    let out = crate::roi_in(&dir, &["kpi", "reach", "meta-device.csv"]);
    assert_eq!(stdout(&out), "13000\n", "{}", transcript(&out));
    assert!(
        transcript(&out).contains("upper bound"),
        "{}",
        transcript(&out)
    );
    let out = crate::roi_in(&dir, &["report", "meta-device.csv", "--by", "breakdown"]);
    assert!(
        stdout(&out).contains("Impression device Android Smartphone"),
        "{}",
        transcript(&out)
    );
}

/// A platform's series (a row per day) with days pasted twice in one file: a row
/// that repeats an earlier row of its day cell for cell is skipped, one that only
/// changes columns roi reads replaces it, one that changes a column roi does not
/// read counts too. Hand figures: `fixtures/repeated-days/README.md`.
#[test]
fn a_day_pasted_twice_in_a_series_is_counted_once() {
    let dir = "fixtures/repeated-days";
    let report = |file: &str, kpis: &str| {
        let path = format!("{dir}/{file}");
        let out = roi(&[
            "report", &path, "--year", "2026", "--kpi", kpis, "--format", "csv",
        ]);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        (
            stdout(&out),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    // TikTok's overview, its last 7 days (lines 360–366) appended again (367–373).
    let (csv, stderr) = report("tiktok-overview-appended.csv", "video_views,likes");
    assert_eq!(
        csv, "rows,video_views,likes\n365,2946198,23673\n",
        "{stderr}"
    );
    assert!(
        stderr.contains("skipped 7 row(s): repeats an earlier row of its day")
            && stderr.contains("7 rows repeat an earlier row of their day, cell for cell, the first line 367 repeating line 360"),
        "{stderr}"
    );
    let (csv, stderr) = report(
        "tiktok-followers-appended.csv",
        "follower_growth,follower_growth_rate",
    );
    assert_eq!(
        csv, "rows,follower_growth,follower_growth_rate\n365,4976,134.486486486\n",
        "{stderr}"
    );
    // March 2 restated with other figures on line 5: the later row counts.
    let (csv, stderr) = report("tiktok-overview-restated.csv", "video_views,likes");
    assert_eq!(csv, "rows,video_views,likes\n3,650,65\n", "{stderr}");
    assert!(
        stderr.contains("lines 3 and 5 give other figures for 2026-03-02"),
        "{stderr}"
    );
    // GA4's `Nth day` is a date like `Date`: Aug 2 (`0001`) pasted again on line 11
    // is skipped, restated there as 40 replaces line 9's 20.
    let (csv, stderr) = report("ga4-nth-day-pasted.csv", "web_traffic");
    assert_eq!(csv, "rows,web_traffic\n3,60\n", "{stderr}");
    assert!(stderr.contains("line 11 repeats line 9"), "{stderr}");
    let (csv, stderr) = report("ga4-nth-day-restated.csv", "web_traffic");
    assert_eq!(csv, "rows,web_traffic\n3,80\n", "{stderr}");
    assert!(
        stderr.contains("lines 9 and 11 give other figures for 2026-08-02"),
        "{stderr}"
    );
    // A `Note` column roi does not read may be a breakdown (an app, a region): the
    // table is no series, and its rows of one day all count, as any table's.
    let (csv, stderr) = report("tiktok-overview-note.csv", "video_views");
    assert_eq!(csv, "rows,video_views\n4,500\n", "{stderr}");
    assert!(!stderr.contains("repeats"), "{stderr}");
    // `--strict`: both are errors.
    for (file, at) in [
        (
            "tiktok-overview-appended.csv",
            ":367: 7 row(s) skipped (repeats",
        ),
        (
            "tiktok-overview-restated.csv",
            ":5: lines 3 and 5 give other figures",
        ),
        ("ga4-nth-day-pasted.csv", ":11: 1 row(s) skipped (repeats"),
        (
            "ga4-nth-day-restated.csv",
            ":11: lines 9 and 11 give other figures",
        ),
    ] {
        let out = roi(&[
            "report",
            &format!("{dir}/{file}"),
            "--year",
            "2026",
            "--strict",
        ]);
        assert_eq!(code(&out), 2, "{}", transcript(&out));
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(at),
            "{}",
            transcript(&out)
        );
    }
}

/// A Meta Ads report of the account by `Day` (no campaign, ad or breakdown column)
/// is a series: a day pasted twice counts once, a day restated counts its later
/// row. By ad, two ads of one name on one day are two rows, both counted. Hand
/// figures: `fixtures/repeated-days/README.md`.
#[test]
fn a_meta_account_day_pasted_twice_is_counted_once() {
    let dir = "fixtures/repeated-days";
    let report = |file: &str, kpis: &str, strict: bool| {
        let path = format!("{dir}/{file}");
        let mut args = vec!["report", &path, "--kpi", kpis, "--format", "csv"];
        if strict {
            args.push("--strict");
        }
        let out = roi(&args);
        (
            code(&out),
            stdout(&out),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (status, csv, stderr) = report("meta-account-day-pasted.csv", "spend,impressions", false);
    assert_eq!(
        (status, csv.as_str()),
        (0, "rows,spend,spend_currency,impressions\n2,105,USD,3100\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "2 rows repeat an earlier row of their day, cell for cell, the first line 4 repeating line 2"
        ),
        "{stderr}"
    );
    let (status, _, stderr) = report("meta-account-day-pasted.csv", "spend", true);
    assert_eq!(status, 2, "{stderr}");
    assert!(stderr.contains(":4: 2 row(s) skipped (repeats"), "{stderr}");
    let (status, csv, stderr) = report(
        "meta-account-day-restated.csv",
        "spend,impressions,link_clicks",
        false,
    );
    assert_eq!(
        (status, csv.as_str()),
        (
            0,
            "rows,spend,spend_currency,impressions,link_clicks\n2,110,USD,3200,45\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("lines 3 and 4 give other figures for 2026-08-02"),
        "{stderr}"
    );
    let (status, csv, stderr) = report("meta-ads-one-name.csv", "spend,impressions", false);
    assert_eq!(
        (status, csv.as_str()),
        (0, "rows,spend,spend_currency,impressions\n3,100,USD,3400\n"),
        "{stderr}"
    );
    assert!(!stderr.contains("repeat"), "{stderr}");
}

/// A series large enough to be read in parts on several threads, whose repeated
/// and restated days fall in another part than their first rows: the same numbers
/// and lines as on one thread. Days 2015-01-01.. (40,000, day i has i views: 1 + … +
/// 40,000 = 800,020,000), days 1–5 pasted again, day 10 restated as 1,000 views:
/// 800,020,000 − 10 + 1,000 = 800,020,990.
#[test]
fn repeated_days_in_a_later_part_are_found_on_any_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("Overview.csv");
    let first = chrono::NaiveDate::from_ymd_opt(2015, 1, 1).unwrap();
    let row = |i: u64, views: u64| {
        let day = first + chrono::Days::new(i);
        format!("\"{day}\",\"{views}\",\"1\",\"1\",\"0\",\"0\"\n")
    };
    let mut text = String::from(
        "\"Date\",\"Video Views\",\"Profile Views\",\"Likes\",\"Comments\",\"Shares\"\n",
    );
    for i in 0..40_000 {
        text.push_str(&row(i, i + 1));
    }
    for i in 0..5 {
        text.push_str(&row(i, i + 1));
    }
    text.push_str(&row(9, 1000));
    std::fs::write(&csv, text).unwrap();
    let csv = csv.to_str().unwrap();
    for threads in ["1", "4"] {
        let out = roi(&["--threads", threads, "kpi", "video_views", csv]);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        assert_eq!(stdout(&out), "800020990\n", "--threads {threads}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("the first line 40002 repeating line 2")
                && stderr.contains("lines 11 and 40007 give other figures for 2015-01-10"),
            "--threads {threads}: {stderr}"
        );
    }
}

/// The same Meta `Age` report downloaded in English and in Vietnamese: its segments
/// are told by the column's English name (`Độ tuổi 18-24` is `Age 18-24`), so the
/// two downloads hold the same keys and count once: 200 + 300 = 500 USD, not 1,000.
#[test]
fn a_breakdown_downloaded_in_two_languages_counts_once() {
    let dir = "fixtures/overlap-cases/meta-breakdown/languages";
    let out = roi(&[
        "kpi",
        "spend",
        &format!("{dir}/age-en.csv"),
        &format!("{dir}/age-vi.csv"),
    ]);
    assert_eq!(stdout(&out), "500\n", "{}", transcript(&out));
    let out = roi(&[
        "report",
        &format!("{dir}/age-vi.csv"),
        "--by",
        "breakdown",
        "--kpi",
        "spend",
        "--format",
        "csv",
    ]);
    assert!(
        stdout(&out).contains("Age 18-24,1,200,USD\n"),
        "{}",
        transcript(&out)
    );
}

/// A newer download with another column preset (no `Link clicks`, no `Reach`)
/// replaces the older one's Mar 3–4 rows, and says nothing of the metrics it has no
/// column for: those are kept from the older rows, and a warning says so. Link
/// clicks 100 + 110 + 120 + 130 = 460, not 210; leads 10 + 11 + 12 + 14 + 15 + 16.
#[test]
fn a_newer_download_without_a_column_keeps_the_older_values_of_it() {
    let dir = "fixtures/overlap-cases/column-presets";
    assert_eq!(kpi("link_clicks", &[dir]).0, "460\n");
    assert_eq!(kpi("leads", &[dir]).0, "78\n");
    // Both files have spend: the newer 54.00 on Mar 4, not 53.00.
    assert_eq!(kpi("spend", &[dir]).0, "318\n");
    let out = roi(&[
        "report",
        dir,
        "--kpi",
        "leads,link_clicks,lead_conversion_rate,reach",
        "--by",
        "day",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    insta::assert_snapshot!(transcript(&out));
}

/// Two X accounts' overviews name no account: taken for two downloads of one
/// account, one file counts and the other's warning names both and how to keep both;
/// an account per input in roi.toml counts both. Two LinkedIn Pages' followers are
/// named by their file names, and both count without it
/// (`fixtures/overlap-cases/README.md`, two-accounts/).
#[test]
fn two_accounts_whose_exports_name_none_are_told_and_kept_by_their_inputs_account() {
    const DIR: &str = "fixtures/overlap-cases/two-accounts";
    let (growth, stderr) = kpi(
        "follower_growth",
        &[
            &format!("{DIR}/linkedin/shopvn_followers_1709700000000.xls"),
            &format!("{DIR}/linkedin/cafevn_followers_1709700001000.xls"),
        ],
    );
    assert_eq!(growth, "66\n", "{stderr}");
    assert!(!stderr.contains("nearly every figure"), "{stderr}");
    for (files, rows) in [(["x/brandA", "x/brandB"], 2)] {
        let paths: Vec<String> = files.iter().map(|f| format!("{DIR}/{f}")).collect();
        let args: Vec<&str> = paths.iter().map(String::as_str).collect();
        let (_, stderr) = kpi("follower_growth", &args);
        let warning = stderr
            .lines()
            .find(|l| l.contains("differ in nearly every figure"))
            .unwrap_or_else(|| panic!("{stderr}"));
        assert!(
            warning.contains(&format!("{rows} row(s) over")),
            "{warning}"
        );
        for path in &paths {
            assert!(warning.contains(path.as_str()), "{path}: {warning}");
        }
        assert!(warning.contains("inputs = [{ path = "), "{warning}");
    }
    let config = format!("{DIR}/roi.toml");
    let value = |name: &str, extra: &[&str]| {
        let mut args = vec!["kpi", name, "--config", &config];
        args.extend(extra);
        let out = roi(&args);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        assert!(
            !transcript(&out).contains("nearly every figure"),
            "{}",
            transcript(&out)
        );
        stdout(&out)
    };
    assert_eq!(value("impressions", &[]), "10900\n");
    assert_eq!(value("likes", &[]), "109\n");
    assert_eq!(
        value("follower_growth", &["--where", "platform=twitter"]),
        "37\n"
    );
    assert_eq!(
        value("follower_growth", &["--where", "platform=linkedin"]),
        "66\n"
    );
    assert_eq!(value("follower_growth", &[]), "103\n");
    assert_eq!(
        value("impressions", &["--where", "account=Brand A"]),
        "1900\n"
    );
    // The same file named on the command line is its input's account too.
    let brand_b = format!("{DIR}/x/brandB");
    assert_eq!(
        value("impressions", &[&format!("{DIR}/x/brandA"), &brand_b]),
        "10900\n"
    );
}

/// A file two inputs name with different accounts is the narrower input's (a
/// subfolder of the other's folder), whichever comes first: Brand A 1,900 and Brand
/// B 9,000 impressions (`fixtures/overlap-cases/README.md`, two-accounts/). Two
/// inputs as narrow as each other giving it two accounts are an error.
#[test]
fn a_file_named_by_two_inputs_is_the_narrower_ones_account() {
    let dir = crate::root().join("fixtures/overlap-cases/two-accounts");
    let x = dir.join("x");
    let x = x.display();
    let wide = format!("{{ path = \"{x}\", account = \"Brand A\" }}");
    let narrow = format!("{{ path = \"{x}/brandB\", account = \"Brand B\" }}");
    // Each account's impressions with the two inputs in either order.
    let both_orders = |first: &str, second: &str| {
        for inputs in [[first, second], [second, first]] {
            let tmp = tempfile::tempdir().unwrap();
            let config = tmp.path().join("roi.toml");
            std::fs::write(
                &config,
                format!("inputs = [{}, {}]\n", inputs[0], inputs[1]),
            )
            .unwrap();
            let config = config.display().to_string();
            for (account, value) in [("Brand A", "1900\n"), ("Brand B", "9000\n")] {
                let filter = format!("account={account}");
                let out = roi(&[
                    "kpi",
                    "impressions",
                    "--config",
                    &config,
                    "--where",
                    &filter,
                ]);
                assert_eq!(code(&out), 0, "{}", transcript(&out));
                assert_eq!(stdout(&out), value, "{inputs:?}: {}", transcript(&out));
            }
        }
    };
    both_orders(&wide, &narrow);
    // Globs as deep as each other: the one naming fewer files is the narrower.
    let all = format!("{{ path = \"{x}/*/*.csv\", account = \"Brand A\" }}");
    let b = format!("{{ path = \"{x}/*B/*.csv\", account = \"Brand B\" }}");
    both_orders(&all, &b);
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("roi.toml");
    let glob = format!("{{ path = \"{x}/brandB/*.csv\", account = \"Brand C\" }}");
    std::fs::write(&config, format!("inputs = [{narrow}, {glob}]\n")).unwrap();
    let out = roi(&[
        "kpi",
        "impressions",
        "--config",
        &config.display().to_string(),
    ]);
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    assert!(
        transcript(&out).contains(&format!(
            "brandB/account_overview_analytics.csv` is named by the input `{x}/brandB` \
             (account `Brand B`) and by the input `{x}/brandB/*.csv` (account `Brand C`), \
             neither narrower than the other"
        )),
        "{}",
        transcript(&out)
    );
}

/// One account's overview downloaded twice (the same figures on the days both hold)
/// beside its posts: no warning of another account, and the posts' note names the
/// download whose rows count and the posts' own days (`x-overview-redownload/`).
#[test]
fn x_posts_are_noted_in_the_overview_download_that_counts() {
    let (value, stderr) = kpi(
        "impressions",
        &["fixtures/overlap-cases/x-overview-redownload"],
    );
    assert_eq!(value, "41490\n");
    assert!(!stderr.contains("nearly every figure"), "{stderr}");
    let notes: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("at a coarser level"))
        .collect();
    assert_eq!(notes.len(), 1, "{stderr}");
    assert!(
        notes[0].contains(
            "of 2 row(s) over 2024-02-29..=2024-03-09 not counted: \
             fixtures/overlap-cases/x-overview-redownload/account_overview_analytics_B.csv \
             holds their totals at a coarser level (day) over 2024-02-29..=2024-03-09"
        ),
        "{stderr}"
    );
}

/// Followers gained and lost and the net change are one quantity: a newer download
/// giving the net change (`Subscribers`) is not one "without a column" of gained and
/// lost, whose older values would otherwise be kept over its own. Newer net 8 + 2 =
/// 10 (or 7 + 2 = 9 once edited); older gained − lost 8 + 2 = 10
/// (`fixtures/overlap-cases/README.md`, youtube-subscriber-levels).
#[test]
fn a_newer_net_follower_change_stands_for_the_older_gained_and_lost() {
    let base = crate::root().join("fixtures/overlap-cases/youtube-subscriber-levels");
    let net = std::fs::read_to_string(base.join("net-per-day/Chart data.csv"))
        .unwrap()
        .replace("2026-10-01,8,", "2026-10-01,7,");
    let flows = std::fs::read_to_string(base.join("net-per-video/Chart data (1).csv")).unwrap();
    for (newer_net, growth) in [(true, "9\n"), (false, "10\n")] {
        let dir = tempfile::tempdir().unwrap();
        for (name, text, newer) in [
            ("net.csv", &net, newer_net),
            ("flows.csv", &flows, !newer_net),
        ] {
            let sub = dir.path().join(name.trim_end_matches(".csv"));
            std::fs::create_dir(&sub).unwrap();
            let file = sub.join("Chart data.csv");
            std::fs::write(&file, text).unwrap();
            let secs = if newer { 1_800_000_000 } else { 1_700_000_000 };
            set_modified(&file, secs);
        }
        let out = crate::roi_in(dir.path(), &["kpi", "follower_growth", "."]);
        assert_eq!(stdout(&out), growth, "{newer_net}: {}", transcript(&out));
        assert!(
            !transcript(&out).contains("those values are kept"),
            "{newer_net}: {}",
            transcript(&out)
        );
    }
}

/// A download again that reaches later days changes the older download's last days
/// (Mar 3 settling 52.00 → 52.40 spend, 12 → 13 leads, 2,200 → 2,230 impressions):
/// those rows are no sign of another account, so no two-accounts warning, and the
/// older file's link clicks stay on the newer rows (100 + 110 + 120 + 130 = 460;
/// `fixtures/overlap-cases/README.md`, column-presets).
#[test]
fn a_download_again_that_changes_the_last_days_is_not_another_account() {
    let base = crate::root().join("fixtures/overlap-cases/column-presets");
    let older = std::fs::read_to_string(base.join("spring-0301-0304.csv")).unwrap();
    let newer = std::fs::read_to_string(base.join("spring-0303-0306.csv"))
        .unwrap()
        .replace(
            "Spring,2026-03-03,52.00,actions:lead,12,2200,",
            "Spring,2026-03-03,52.40,actions:lead,13,2230,",
        );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.csv"), older).unwrap();
    std::fs::write(dir.path().join("b.csv"), newer).unwrap();
    let out = crate::roi_in(dir.path(), &["kpi", "link_clicks", "a.csv", "b.csv"]);
    assert_eq!(stdout(&out), "460\n", "{}", transcript(&out));
    assert!(
        !transcript(&out).contains("its account"),
        "{}",
        transcript(&out)
    );
}

/// In roi's own format every platform shares one header: a newer file whose
/// facebook rows leave `clicks` empty says nothing of facebook's clicks, which stay
/// from the older file (10 + 12 = 22; google_ads 3 from the newer file; spend the
/// newer file's, 5 + 7 = 12).
#[test]
fn roi_format_rows_keep_the_older_values_their_own_cells_leave_empty() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text, secs) in [
        (
            "a-old.csv",
            "date,platform,clicks,spend,currency\n2026-08-01,facebook,10,5,USD\n2026-08-02,facebook,12,5,USD\n",
            1_700_000_000,
        ),
        (
            "b-new.csv",
            "date,platform,clicks,spend,currency\n2026-08-01,facebook,,5,USD\n2026-08-02,facebook,,7,USD\n2026-08-02,google_ads,3,2,USD\n",
            1_800_000_000,
        ),
    ] {
        let file = dir.path().join(name);
        std::fs::write(&file, text).unwrap();
        set_modified(&file, secs);
    }
    let clicks = |platform: &str| {
        let out = crate::roi_in(
            dir.path(),
            &[
                "kpi",
                "clicks",
                "a-old.csv",
                "b-new.csv",
                "--where",
                platform,
            ],
        );
        stdout(&out)
    };
    assert_eq!(clicks("platform=facebook"), "22\n");
    assert_eq!(clicks("platform=google_ads"), "3\n");
    let out = crate::roi_in(
        dir.path(),
        &[
            "kpi",
            "spend",
            "a-old.csv",
            "b-new.csv",
            "--where",
            "platform=facebook",
        ],
    );
    assert_eq!(stdout(&out), "12\n", "{}", transcript(&out));
    assert!(
        !transcript(&out).contains("its account"),
        "{}",
        transcript(&out)
    );
}

/// Gives `file` a modified time of `secs` after 1970: which of two downloads is newer.
fn set_modified(file: &std::path::Path, secs: u64) {
    std::fs::File::options()
        .write(true)
        .open(file)
        .unwrap()
        .set_modified(std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(secs))
        .unwrap();
}

/// A TikTok Ads report by `Age` beside the plain report of the same days: the age
/// rows are a finer level of the same export, so the plain report's totals count
/// (175.00 USD), not both, and no warning takes them for another account's. A
/// breakdown by a column roi does not read (`Device brand`) has several rows of one
/// campaign-day: their sums are the plain rows', so nothing is said of two accounts
/// either (`fixtures/overlap-cases/README.md`).
#[test]
fn tiktok_ads_breakdowns_are_a_level_not_another_account() {
    for dir in ["tiktok-ads-age", "tiktok-ads-unread-breakdown"] {
        let path = format!("fixtures/overlap-cases/{dir}");
        let out = roi(&[
            "report",
            &path,
            "--kpi",
            "spend,impressions,conversions",
            "--format",
            "csv",
        ]);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        assert_eq!(
            stdout(&out),
            "rows,spend,spend_currency,impressions,conversions\n2,175,USD,17400,10\n",
            "{}",
            transcript(&out)
        );
        assert!(
            !transcript(&out).contains("another account"),
            "{}",
            transcript(&out)
        );
    }
    let out = roi(&[
        "report",
        "fixtures/overlap-cases/tiktok-ads-age",
        "--kpi",
        "spend",
    ]);
    assert!(
        transcript(&out).contains("holds their totals at a coarser level (day × campaign)"),
        "{}",
        transcript(&out)
    );
}

const YT_DOWNLOADS: &str = "fixtures/youtube-downloads";

/// A download's table data is dated by its folder's range however the path is
/// written: from inside the folder too (`fixtures/youtube-downloads/README.md`,
/// range-from-inside).
#[test]
fn youtube_table_data_read_from_inside_its_folder_keeps_the_folder_range() {
    let dir = crate::root().join(format!(
        "{YT_DOWNLOADS}/range-from-inside/Content 2026-08-01_2026-08-07 Kenh ABC"
    ));
    for input in [".", "Table data.csv"] {
        let out = crate::roi_in(
            &dir,
            &[
                "kpi",
                "video_views",
                "--from",
                "2026-08-01",
                "--to",
                "2026-08-07",
                input,
            ],
        );
        assert_eq!(stdout(&out), "1570\n", "{input}: {}", transcript(&out));
        let out = crate::roi_in(&dir, &["kpi", "impressions", input]);
        assert_eq!(stdout(&out), "20000\n", "{input}: {}", transcript(&out));
    }
    // roi.toml beside it reads `Table data.csv`: 1,570 of 1,500, achieved.
    let out = crate::roi_in(&dir, &["check", "--as-of", "2026-08-08"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert!(
        stdout(&out).contains("|   1,570 | >= 1,500 |") && stdout(&out).contains("achieved"),
        "{}",
        transcript(&out)
    );
}

/// Two channels' downloads side by side are two accounts, named by their folders;
/// a browser's `(1)` copy is the same channel (`fixtures/youtube-downloads/README.md`,
/// two-channels).
#[test]
fn youtube_downloads_of_two_channels_are_two_accounts() {
    let base = crate::root().join(format!("{YT_DOWNLOADS}/two-channels"));
    let a = base.join("Content 2026-08-01_2026-08-07 Kenh A");
    let b = base.join("Content 2026-08-01_2026-08-07 Kenh B");
    let b1 = base.join("Content 2026-08-01_2026-08-07 Kenh B (1)");
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let (value, stderr) = kpi("video_views", &[a, b]);
    assert_eq!(value, "1920\n", "{stderr}");
    assert!(!stderr.contains("another account"), "{stderr}");
    assert_eq!(kpi("likes", &[a, b]).0, "100\n");
    assert_eq!(kpi("impressions", &[a, b]).0, "25000\n");
    assert_eq!(
        kpi("video_views", &["--where", "account=Kenh B", a, b]).0,
        "350\n"
    );
    // The `(1)` download is Kenh B again, newer: it replaces Kenh B's days.
    for (folder, secs) in [(b, 1_000_000), (b1.to_str().unwrap(), 2_000_000)] {
        for file in ["Chart data.csv", "Totals.csv", "Table data.csv"] {
            set_modified(&std::path::Path::new(folder).join(file), secs);
        }
    }
    let all = base.to_str().unwrap();
    assert_eq!(kpi("video_views", &[all]).0, "1930\n");
    assert_eq!(kpi("likes", &[all]).0, "100\n");
    assert_eq!(kpi("impressions", &[all]).0, "25000\n");
}

/// Chart data by geography or device is the download's totals broken down: a finer
/// level, not another account's (`fixtures/youtube-downloads/README.md`, geography).
#[test]
fn youtube_chart_data_by_geography_is_a_level_of_its_totals() {
    let dir = format!("{YT_DOWNLOADS}/geography");
    let geo = format!("{dir}/Geography 2026-08-01_2026-08-02 Kenh ABC");
    let (value, stderr) = kpi("video_views", &[&geo]);
    assert_eq!(value, "270\n", "{stderr}");
    assert!(
        stderr.contains("Chart data.csv: video_views, watch_time_hours of 4 row(s) over 2026-08-01..=2026-08-02 not counted")
            && !stderr.contains("another account"),
        "{stderr}"
    );
    assert_eq!(kpi("watch_time_hours", &[&geo]).0, "5.5\n");
    let device = format!("{dir}/device-chart.csv");
    assert_eq!(kpi("video_views", &[&device]).0, "270\n");
    let (value, stderr) = kpi("video_views", &[&dir]);
    assert_eq!(value, "270\n", "{stderr}");
    assert!(!stderr.contains("another account"), "{stderr}");
}

/// A day-first re-save whose dates never tell the order is read so its days lie
/// together, and so is one download with the file it re-saves: counted once
/// (`fixtures/overlap-cases/day-first-resave/README.md`).
#[test]
fn a_day_first_resave_is_read_as_its_days_and_counted_once() {
    let dir = "fixtures/overlap-cases/day-first-resave";
    let out = roi(&["kpi", "spend", dir]);
    assert_eq!(stdout(&out), "2506000\n", "{}", transcript(&out));
    assert!(
        transcript(&out).contains(
            "A-resaved.csv: dates read day-first: no date told, and read so they lie together (2026-09-01 ..= 2026-09-07), where month-first they would spread over 2026-01-09 ..= 2026-07-09"
        ),
        "{}",
        transcript(&out)
    );
    assert_eq!(stdout(&roi(&["kpi", "leads", dir])), "133\n");
}

/// Two files whose rows give way to one file's rows are each compared with them,
/// not as their sum: the same YouTube table in three languages is no other account's.
#[test]
fn files_replaced_by_the_same_rows_are_each_compared_with_them() {
    let out = roi(&["normalize", "fixtures/importers/youtube-localized"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert!(
        !transcript(&out).contains("another account"),
        "{}",
        transcript(&out)
    );
}

const LEVEL_WINDOWS: &str = "fixtures/overlap-cases/level-windows";

#[test]
fn a_window_the_coarser_row_straddles_counts_the_finer_rows() {
    let month = format!("{LEVEL_WINDOWS}/month.csv");
    let daily = format!("{LEVEL_WINDOWS}/daily.csv");
    let both = [month.as_str(), daily.as_str()];
    // Over all the data the month's row counts, not its days (89.90) nor both.
    assert_eq!(kpi("spend", &both).0, "90\n");
    // Aug 1–15 cannot count the month's row: its days inside do, none left out.
    let window = |kpi: &str, from: &str, to: &str, inputs: &[&str]| {
        let mut args = vec!["kpi", kpi, "--from", from, "--to", to];
        args.extend(inputs);
        let out = roi(&args);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        (
            stdout(&out),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (spend, stderr) = window("spend", "2026-08-01", "2026-08-15", &both);
    assert_eq!(spend, "43.5\n", "{stderr}");
    assert!(!stderr.contains("cross a window"), "{stderr}");
    assert_eq!(
        window("impressions", "2026-08-01", "2026-08-15", &both).0,
        "4350\n"
    );
    // The whole month as a window is the month's row again.
    assert_eq!(window("spend", "2026-08-01", "2026-08-31", &both).0, "90\n");

    // Goals cut by the as-of date fall back to the days as well.
    let out = roi(&[
        "report",
        "--config",
        &format!("{LEVEL_WINDOWS}/roi.toml"),
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
    let h1 = goal("spend-h1");
    assert_eq!(
        (h1["current"].as_f64(), h1["status"].as_str()),
        (Some(43.5), Some("missed"))
    );
    let aug = goal("spend-aug");
    assert_eq!(
        (
            aug["current"].as_f64(),
            aug["status"].as_str(),
            aug["data_through"].as_str(),
            aug["forecast"].as_f64()
        ),
        (Some(58.0), Some("behind"), Some("2026-08-20"), Some(89.9))
    );

    // GA4's days beside its table by source over the range: the range counts over
    // all the data, the days in any window or period the range crosses.
    let ga4 = format!("{LEVEL_WINDOWS}/ga4-nth.csv");
    assert_eq!(kpi("web_traffic", &[&ga4]).0, "100\n");
    assert_eq!(
        window("web_traffic", "2026-09-01", "2026-09-30", &[&ga4]).0,
        "70\n"
    );
    for by in ["day", "month"] {
        let out = roi(&[
            "report",
            &ga4,
            "--kpi",
            "web_traffic",
            "--by",
            by,
            "--format",
            "csv",
        ]);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        // The source table's key events and revenue are over the whole range.
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("2 rows cover dates that cross a window or period boundary"),
            "{stderr}"
        );
        let expected = match by {
            // Day over day: 20/10 - 1, 30/20 - 1, 40/30 - 1.
            "day" => {
                "day,rows,web_traffic,web_traffic_change\n2026-08-30,1,10,\n2026-08-31,1,20,1\n\
                 2026-09-01,1,30,0.5\n2026-09-02,1,40,0.333333333\n"
            }
            // Neither month is whole: no change.
            _ => "month,rows,web_traffic,web_traffic_change\n2026-08,2,30,\n2026-09,2,70,\n",
        };
        assert_eq!(stdout(&out), expected);
    }
}

/// A search-terms row over the same month as its ad group's row stands in for no
/// day of it: the trend by day leaves both ad group rows (Brand, Shoes, Aug 1–31)
/// out, and says so (fixtures/overlap-cases/README.md, gads-search-terms).
#[test]
fn a_same_range_finer_row_leaves_its_coarse_row_out_of_the_trend() {
    let out = roi(&[
        "report",
        "fixtures/overlap-cases/gads-search-terms",
        "--format",
        "json",
        "--as-of",
        "2026-11-24",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["trend"]["rows_left_out"], 2, "{}", transcript(&out));
}

/// A Meta Ads report by `Month` beside a daily one of the same campaign: the month
/// row is the coarser level of the days it holds, which are not counted again; a
/// day after it counts (fixtures/meta-time-breakdowns/README.md, levels).
#[test]
fn meta_ads_month_rows_and_their_days_are_counted_once() {
    let dir = "fixtures/meta-time-breakdowns/levels";
    assert_eq!(kpi("spend", &[dir]).0, "153\n");
    let august = kpi(
        "spend",
        &[dir, "--from", "2026-08-01", "--to", "2026-08-31"],
    );
    assert_eq!(august.0, "60\n");
    let (days, warnings) = kpi(
        "spend",
        &[dir, "--from", "2026-08-31", "--to", "2026-09-01"],
    );
    assert_eq!(days, "5\n");
    assert!(
        warnings.contains("monthly.csv holds their totals at a coarser level"),
        "{warnings}"
    );
}

/// The same Google Ads and TikTok Ads reports downloaded with and without the
/// currency column are one observation: the newer counts, in the currency the other
/// download names, also where roi.toml's `currency` is another
/// (`fixtures/overlap-cases/README.md`, currency-presets).
#[test]
fn a_download_without_the_currency_column_is_the_one_with_it() {
    let base = crate::root().join("fixtures/overlap-cases/currency-presets");
    let gads = base.join("google-ads");
    set_modified(&gads.join("Campaign report.csv"), 1_780_000_000);
    set_modified(&gads.join("Campaign report (1).csv"), 1_780_200_000);
    let tiktok = base.join("tiktok-ads");
    set_modified(&tiktok.join("campaign-report-0805.csv"), 1_785_000_000);
    set_modified(&tiktok.join("campaign-report-0806.csv"), 1_785_100_000);
    let report = |dir: &std::path::Path, kpis: &str| {
        let out = crate::roi_in(dir, &["report", ".", "--kpi", kpis, "--format", "csv"]);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        (
            stdout(&out),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (table, stderr) = report(&gads, "impressions,clicks,conversions,spend");
    assert_eq!(
        table,
        "rows,impressions,clicks,conversions,spend,spend_currency\n\
         1,100500,5020,201,10050000,VND\n",
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "Campaign report (1).csv: 1 row(s) over 2026-08-01..=2026-08-31 name no currency"
        ) && stderr.contains("they count in VND"),
        "{stderr}"
    );
    let (table, stderr) = report(&tiktok, "impressions,link_clicks,conversions,spend");
    assert_eq!(
        table,
        "rows,impressions,link_clicks,conversions,spend,spend_currency\n\
         2,50000,1000,32,2500000,VND\n",
        "{stderr}"
    );
    // roi.toml's currency is for money no download names: not this one's.
    let dir = tempfile::tempdir().unwrap();
    for (name, secs) in [
        ("Campaign report.csv", 1_780_000_000),
        ("Campaign report (1).csv", 1_780_200_000),
    ] {
        let file = dir.path().join(name);
        std::fs::copy(gads.join(name), &file).unwrap();
        set_modified(&file, secs);
    }
    std::fs::write(dir.path().join("roi.toml"), "currency = \"USD\"\n").unwrap();
    let (table, stderr) = report(dir.path(), "impressions,spend");
    assert_eq!(
        table, "rows,impressions,spend,spend_currency\n1,100500,10050000,VND\n",
        "{stderr}"
    );
}

/// A download without the currency column whose figures are of another size than
/// the one with it (another account's that shares a campaign name) takes roi.toml's
/// currency and counts beside it (`fixtures/overlap-cases/README.md`,
/// currency-less-other-account).
#[test]
fn a_currency_less_download_of_another_account_keeps_its_own_currency() {
    let dir = crate::root().join("fixtures/overlap-cases/currency-less-other-account");
    set_modified(&dir.join("a-usd.csv"), 1_785_000_000);
    set_modified(&dir.join("b-vnd.csv"), 1_785_100_000);
    let out = crate::roi_in(
        &dir,
        &[
            "report",
            "--config",
            "roi.toml",
            "--by",
            "currency",
            "--kpi",
            "spend,impressions",
            "--format",
            "csv",
        ],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(
        stdout(&out),
        "currency,rows,spend,spend_currency,impressions\n\
         USD,2,22,USD,2200\nVND,2,550000,VND,11000\n",
        "{}",
        transcript(&out)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("not counted") && !stderr.contains("name no currency"),
        "{stderr}"
    );

    // Figures half as large again are no revision of the same rows either.
    let dir = crate::root().join("fixtures/overlap-cases/currency-less-half-more");
    set_modified(&dir.join("a-usd.csv"), 1_785_000_000);
    set_modified(&dir.join("b-none.csv"), 1_785_100_000);
    let out = crate::roi_in(
        &dir,
        &[
            "report",
            "--config",
            "roi.toml",
            "--by",
            "currency",
            "--kpi",
            "spend,impressions",
            "--format",
            "csv",
        ],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(
        stdout(&out),
        "currency,rows,spend,spend_currency,impressions\n\
         EUR,2,33,EUR,3300\nUSD,2,22,USD,2200\n",
        "{}",
        transcript(&out)
    );
}

/// A newer download without the currency column takes the other's currency for
/// all its rows, the days the other does not reach too (`fixtures/overlap-cases/
/// README.md`, currency-less-longer).
#[test]
fn a_currency_less_download_is_in_one_currency() {
    let dir = crate::root().join("fixtures/overlap-cases/currency-less-longer");
    let run = |args: &[&str]| {
        let out = crate::roi_in(&dir, args);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        stdout(&out)
    };
    assert_eq!(
        run(&[
            "report",
            "--by",
            "currency",
            "--kpi",
            "spend,cpc",
            "--format",
            "csv",
            "gads-1.csv",
            "gads-2.csv"
        ]),
        "currency,rows,spend,spend_currency,cpc,cpc_currency\nVND,5,8075000,VND,20187.5,VND\n"
    );
    assert_eq!(
        run(&[
            "kpi",
            "spend",
            "--config",
            "fx.toml",
            "gads-1.csv",
            "gads-2.csv"
        ]),
        "318.155\n"
    );
}

/// LinkedIn Campaign Manager's `Date Generated:` line says which of two downloads of
/// the same range is newer, whatever the files' modified times
/// (`fixtures/overlap-cases/README.md`, linkedin-generated).
#[test]
fn linkedin_date_generated_decides_the_newer_download() {
    let dir = crate::root().join("fixtures/overlap-cases/linkedin-generated");
    set_modified(&dir.join("campaign_performance_report.csv"), 1_790_000_000);
    set_modified(
        &dir.join("campaign_performance_report (1).csv"),
        1_780_000_000,
    );
    let out = crate::roi_in(
        &dir,
        &["report", ".", "--kpi", "spend,leads,cpl", "--format", "csv"],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(
        stdout(&out),
        "rows,spend,spend_currency,leads,cpl,cpl_currency\n1,420,USD,12,35,USD\n",
        "{}",
        transcript(&out)
    );
}

/// A Google Ads manager account's report (`Account`, `Customer ID`) and a TikTok
/// Business Center report (`Advertiser name`, `Advertiser ID`) name each account;
/// one account's own download without the column is that account's rows, told by
/// the figures it repeats, and the other accounts' rows count
/// (`fixtures/overlap-cases/README.md`, manager-accounts).
#[test]
fn manager_account_reports_name_each_account() {
    let base = crate::root().join("fixtures/overlap-cases/manager-accounts");
    let gads = base.join("google-ads");
    set_modified(&gads.join("mcc-campaigns.csv"), 1_780_000_000);
    set_modified(&gads.join("shopA-campaigns.csv"), 1_780_100_000);
    let csv = |dir: &std::path::Path, args: &[&str]| {
        let mut all = vec!["report", ".", "--format", "csv"];
        all.extend(args);
        let out = crate::roi_in(dir, &all);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        (
            stdout(&out),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (table, stderr) = csv(&gads, &["--kpi", "impressions,clicks,spend,conversions"]);
    assert_eq!(
        table,
        "rows,impressions,clicks,spend,spend_currency,conversions\n2,150000,7000,14000000,VND,280\n",
        "{stderr}"
    );
    assert!(
        !stderr.contains("another account") && !stderr.contains("several accounts"),
        "{stderr}"
    );
    let (table, stderr) = csv(&gads, &["--kpi", "spend", "--where", "account=Shop B"]);
    assert_eq!(
        table, "rows,spend,spend_currency\n1,4000000,VND\n",
        "{stderr}"
    );
    let tiktok = base.join("tiktok-bc");
    set_modified(&tiktok.join("bc-report.csv"), 1_785_000_000);
    set_modified(&tiktok.join("shopvn-only.csv"), 1_785_100_000);
    let (table, stderr) = csv(
        &tiktok,
        &["--by", "currency", "--kpi", "spend,conversions,cpa"],
    );
    assert_eq!(
        table,
        "currency,rows,spend,spend_currency,conversions,cpa,cpa_currency\n\
         USD,1,60,USD,8,7.5,USD\nVND,2,2000000,VND,25,80000,VND\n",
        "{stderr}"
    );
}

/// A query on a dimension the coarser level lacks and the finer one carries (a
/// video, an ad) is answered by the finer rows instead of the coarser ones: never
/// 0 where the totals are by day, never both levels
/// (`fixtures/overlap-cases/README.md`, youtube-by-video and tiktok-ads-by-ad).
#[test]
fn a_query_on_a_finer_dimension_counts_the_finer_rows() {
    let yt = "fixtures/overlap-cases/youtube-by-video";
    let dl = format!("{yt}/Content 2026-09-01_2026-09-03 Kenh Test");
    assert_eq!(kpi("video_views", &[&dl]).0, "420\n");
    let vid = ["--where", "content_id=vidCCCCCCCC"];
    assert_eq!(kpi("video_views", &[&dl, vid[0], vid[1]]).0, "300\n");
    assert_eq!(
        kpi(
            "video_views",
            &[&dl, vid[0], vid[1], "--from", "2026-09-02"]
        )
        .0,
        "180\n"
    );
    let out = roi(&[
        "report",
        &dl,
        "--by",
        "content_id",
        "--kpi",
        "video_views,likes,impressions",
        "--format",
        "csv",
    ]);
    assert_eq!(
        stdout(&out),
        "content_id,rows,video_views,likes,impressions\n\
         vidCCCCCCCC,4,300,25,4000\n\
         vidDDDDDDDD,4,120,9,1500\n",
        "{}",
        transcript(&out)
    );
    let config = format!("{yt}/roi.toml");
    let out = roi(&["check", "--config", &config, "--as-of", "2026-09-04"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert!(
        stdout(&out).contains("|     300 | >= 250 | [##########]  120% |"),
        "{}",
        transcript(&out)
    );

    let tt = "fixtures/overlap-cases/tiktok-ads-by-ad";
    assert_eq!(kpi("spend", &[tt]).0, "105\n");
    assert_eq!(kpi("spend", &[tt, "--where", "ad=Ad A"]).0, "40\n");
    let report = |by: &str| {
        let out = roi(&[
            "report",
            tt,
            "--by",
            by,
            "--kpi",
            "spend,impressions,conversions",
            "--format",
            "csv",
        ]);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        stdout(&out)
    };
    assert_eq!(
        report("ad"),
        "ad,rows,spend,spend_currency,impressions,conversions\n\
         Ad A,2,40,USD,3500,2\n\
         Ad B,2,65,USD,6000,5\n"
    );
    assert_eq!(
        report("campaign"),
        "campaign,rows,spend,spend_currency,impressions,conversions\n\
         Back to school,2,105,USD,9500,7\n"
    );
}

/// A coarser row leaves to finer rows only the metrics a finer table that carries
/// the query's dimension shares: an ad report without conversions leaves the
/// campaign's conversions counted in `--by ad` though a report by age has them, and
/// the metrics it does leave are no value in its group, not 0
/// (`fixtures/overlap-cases/README.md`, tiktok-ads-by-ad-age).
#[test]
fn a_coarse_row_leaves_only_what_a_finer_table_of_the_query_shares() {
    let dir = "fixtures/overlap-cases/tiktok-ads-by-ad-age";
    let report = |by: &str| {
        let out = roi(&[
            "report",
            dir,
            "--by",
            by,
            "--kpi",
            "spend,impressions,conversions",
            "--format",
            "csv",
        ]);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        stdout(&out)
    };
    assert_eq!(
        report("ad"),
        "ad,rows,spend,spend_currency,impressions,conversions\n\
         ,2,,,,7\n\
         Ad A,2,40,USD,3500,\n\
         Ad B,2,65,USD,6000,\n"
    );
    assert_eq!(
        report("campaign"),
        "campaign,rows,spend,spend_currency,impressions,conversions\n\
         Back to school,2,105,USD,9500,7\n"
    );
    assert_eq!(kpi("conversions", &[dir]).0, "7\n");
    assert_eq!(kpi("spend", &[dir, "--where", "ad=Ad B"]).0, "65\n");
    // A query by ad and by age: the ad report has no age and the age report no ad,
    // so neither answers for the other; the age rows count, in no ad's group
    // (18-24: 20.00 + 30.00, 2,000 + 2,500, 1 + 2; 25-34: 25.00 + 30.00, 5,000, 4).
    assert_eq!(
        report("ad,breakdown"),
        "ad,breakdown,rows,spend,spend_currency,impressions,conversions\n\
         ,Age 18-24,2,50,USD,4500,3\n\
         ,Age 25-34,2,55,USD,5000,4\n"
    );
    let out = roi(&[
        "report",
        dir,
        "--where",
        "breakdown=Age 18-24",
        "--by",
        "ad",
        "--kpi",
        "spend,impressions,conversions",
        "--format",
        "csv",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(
        stdout(&out),
        "ad,rows,spend,spend_currency,impressions,conversions\n,2,50,USD,4500,3\n"
    );
    // Filtered on the ad, the age rows (no ad) never pass: Ad A's rows count, in no
    // age's group (15.00 + 25.00, 1,500 + 2,000; the ad report has no conversions).
    let out = roi(&[
        "report",
        dir,
        "--where",
        "ad=Ad A",
        "--by",
        "breakdown",
        "--kpi",
        "spend,impressions,conversions",
        "--format",
        "csv",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(
        stdout(&out),
        "breakdown,rows,spend,spend_currency,impressions,conversions\n,2,40,USD,3500,\n"
    );
    // The ad rows count in `--by ad`: the warning says so, not "not counted".
    let out = roi(&["report", dir, "--by", "ad"]);
    assert!(
        stdout(&out).contains(&format!(
            "{dir}/ad_report.csv: impressions, spend of 4 row(s) over 2026-09-01..=2026-09-02 \
             not counted: {dir}/campaign_report.csv holds their totals at a coarser level \
             (day × campaign) over 2026-09-01..=2026-09-02, which count; levels of one export \
             are never added; in a query by ad_set, ad (a filter, a group, a goal's where), \
             which those totals cannot answer, these rows count instead"
        )),
        "{}",
        transcript(&out)
    );
}

const NESTED: &str = "fixtures/overlap-cases/nested-ranges";

/// A download of a range that a newer, longer download covers still answers a
/// window it fits and the longer one does not; only one of them counts in any
/// window (fixtures/overlap-cases/README.md, nested-ranges).
#[test]
fn a_range_a_longer_newer_download_covers_still_answers_its_own_window() {
    let files = ["aug1-7.csv", "aug1-14.csv", "aug1-31.csv"].map(|f| format!("{NESTED}/{f}"));
    let kpi_in = |name: &str, window: &[&str]| {
        let mut args = vec!["kpi", name];
        args.extend(window);
        args.extend(files.iter().map(String::as_str));
        let out = roi(&args);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        (
            stdout(&out),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    // All data: the newest, longest rows, 31,000 + 20,000.
    let (all, stderr) = kpi_in("impressions", &[]);
    assert_eq!(all, "51000\n");
    assert!(
        stderr.contains(&format!(
            "{NESTED}/aug1-14.csv: 2 row(s) over 2026-08-01..=2026-08-14 replaced by the newer \
             rows of {NESTED}/aug1-31.csv over 2026-08-01..=2026-08-31, which cover them; a \
             window that holds these rows whole and not those"
        )),
        "{stderr}"
    );
    for (from, to, impressions, spend) in [
        // Aug 1–14 is aug1-14.csv's: 14,000 + 9,000, 140.00 + 70.00 (not aug1-7's too).
        ("2026-08-01", "2026-08-14", "23000\n", "210\n"),
        // Aug 1–7 is aug1-7.csv's: 6,000 + 4,000, 60.00 + 30.00.
        ("2026-08-01", "2026-08-07", "10000\n", "90\n"),
        // The longest that fits Aug 1–20 is aug1-14.csv.
        ("2026-08-01", "2026-08-20", "23000\n", "210\n"),
        // Inside Aug 1–7: no row fits.
        ("2026-08-02", "2026-08-06", "n/a\n", "n/a\n"),
        ("2026-08-01", "2026-08-31", "51000\n", "465\n"),
    ] {
        let window = ["--from", from, "--to", to];
        assert_eq!(
            kpi_in("impressions", &window).0,
            impressions,
            "{from}..{to}"
        );
        assert_eq!(kpi_in("spend", &window).0, spend, "{from}..{to}");
    }
    let (_, stderr) = kpi_in(
        "impressions",
        &["--from", "2026-08-02", "--to", "2026-08-06"],
    );
    assert!(
        stderr.contains("6 rows cover dates that cross a window"),
        "{stderr}"
    );
    // By month: August holds the longest rows.
    let mut args = vec![
        "report",
        "--kpi",
        "impressions",
        "--by",
        "month",
        "--format",
        "csv",
    ];
    args.extend(files.iter().map(String::as_str));
    let out = roi(&args);
    assert_eq!(
        stdout(&out),
        "month,rows,impressions,impressions_change\n2026-08,2,51000,\n"
    );
    // The goal over Aug 1–14 is aug1-14.csv's 23,000: achieved, and `check` passes.
    let config = format!("{NESTED}/roi.toml");
    let out = roi(&[
        "report",
        "--config",
        &config,
        "--as-of",
        "2026-09-05",
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let goal = &json["goals"][0];
    assert_eq!(
        (goal["current"].as_f64(), goal["status"].as_str()),
        (Some(23000.0), Some("achieved")),
        "{goal}"
    );
    let out = roi(&["check", "--config", &config, "--as-of", "2026-09-05"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
}

const POST_FAMILIES: &str = "fixtures/overlap-cases/facebook-post-families";

/// The same Facebook posts in the classic post export and in Business Suite's
/// content export are counted once, the newer download's, by report and insights
/// alike (fixtures/overlap-cases/README.md, facebook-post-families).
#[test]
fn the_same_posts_in_the_classic_and_business_suite_exports_count_once() {
    for (dir, link_clicks) in [("same", "n/a\n"), ("higher", "0\n")] {
        let dir = format!("{POST_FAMILIES}/{dir}");
        // 1,000 + 2,000 + 4,000 + 500 and 60 + 100 + 400 + 10: not twice, not the
        // Business Suite figures of posts 1 and 2 in `higher`.
        let (reach, stderr) = kpi("reach", &[&dir]);
        assert_eq!(reach, "7500\n", "{stderr}");
        assert_eq!(kpi("engagements", &[&dir]).0, "570\n");
        assert_eq!(kpi("link_clicks", &[&dir]).0, link_clicks);
        assert!(
            stderr
                .contains("another export of the same posts (the same ids): each post counts once"),
            "{stderr}"
        );
        let out = roi(&["insights", &dir]);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        let text = stdout(&out);
        for row in [
            "| image        |     2 |         160 |       80 |           5.33% |",
            "| link         |     1 |          10 |       10 |           2.00% |",
            "| video        |     1 |         400 |      400 |          10.00% |",
        ] {
            assert!(text.contains(row), "{text}");
        }
    }
    // In `higher` the classic export reaches Sep 8, Business Suite's Sep 6: the
    // classic one is newer, and Business Suite's two posts give way.
    let (_, stderr) = kpi("reach", &[&format!("{POST_FAMILIES}/higher")]);
    assert!(
        stderr.contains(&format!(
            "{POST_FAMILIES}/higher/Sep-01-2026_Sep-30-2026_555.csv: 2 post(s) published \
             2026-09-06..=2026-09-06 replaced by the newer rows of {POST_FAMILIES}/higher/\
             Facebook Insights Data Export (Post Level) - Shop - 2026-09-10.csv"
        )),
        "{stderr}"
    );
}

/// A roi-format sheet saved again with a column added is another file of other
/// columns: both count, as two sources would, but the file says which metrics of
/// which rows the other gives too (`fixtures/overlap-cases/README.md`,
/// roi-column-added).
#[test]
fn roi_files_of_other_columns_giving_the_same_rows_are_told() {
    let dir = "fixtures/overlap-cases/roi-column-added";
    for threads in ["1", "2"] {
        let out = roi(&[
            "report",
            dir,
            "--kpi",
            "spend,leads",
            "--format",
            "csv",
            "--threads",
            threads,
        ]);
        assert_eq!(
            stdout(&out),
            "rows,spend,spend_currency,leads\n5,47,USD,10\n",
            "{}",
            transcript(&out)
        );
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(&format!(
                "{dir}/week1.csv: gives leads, spend for the same dates and dimensions as \
                 {dir}/week1-v2.csv, whose columns differ (first on 2026-08-01, line 2; line 2 \
                 there): both are counted"
            )),
            "{}",
            transcript(&out)
        );
    }
    let (cpl, _) = kpi("cpl", &[&format!("{dir}/week1-v2.csv")]);
    assert_eq!(cpl, "4.5\n");
}

/// A breakdown download with a column the unbroken report lacks still counts its
/// shared metrics in a query by its breakdown; a GA4 table by source beside one by
/// country counts every platform's sessions by platform, the website's own too
/// (`fixtures/overlap-cases/README.md`, breakdown-extra-metric and
/// ga4-source-and-country).
#[test]
fn a_finer_table_with_a_metric_of_its_own_still_answers_its_breakdown() {
    let csv = |dir: &str, args: &[&str]| {
        let mut all = vec!["report", dir, "--format", "csv"];
        all.extend_from_slice(args);
        let out = roi(&all);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        stdout(&out)
    };
    let meta = "fixtures/overlap-cases/breakdown-extra-metric";
    assert_eq!(
        csv(meta, &["--kpi", "impressions,spend,purchases,link_clicks"]),
        "rows,impressions,spend,spend_currency,purchases,link_clicks\n9,3400,45.75,EUR,7,61\n"
    );
    assert_eq!(
        csv(
            meta,
            &["--by", "breakdown", "--kpi", "impressions,spend,purchases"]
        ),
        "breakdown,rows,impressions,spend,spend_currency,purchases\n,3,,,,\n\
         Age 18-24,3,2000,27.75,EUR,3\nAge 25-34,3,1400,18,EUR,4\n"
    );
    let ga4 = "fixtures/overlap-cases/ga4-source-and-country";
    let kpis = ["--kpi", "web_traffic,conversions,revenue"];
    assert_eq!(
        csv(ga4, &kpis),
        "rows,web_traffic,conversions,revenue,revenue_currency\n5,4400,122,5700.5,\n"
    );
    let mut by = vec!["--by", "platform"];
    by.extend_from_slice(&kpis);
    assert_eq!(
        csv(ga4, &by),
        "platform,rows,web_traffic,conversions,revenue,revenue_currency\n\
         facebook,1,1200,30,1500.5,\ntwitter,1,200,2,0,\nweb,1,3000,90,4200,\n"
    );
}

/// X's exports before and after its 2023 change, of the same posts or days, count
/// each post and day once (`fixtures/overlap-cases/README.md`, x-before-and-after).
#[test]
fn x_exports_before_and_after_2023_count_each_post_and_day_once() {
    let case = |name: &str| format!("fixtures/overlap-cases/x-before-and-after/{name}");
    for (folder, impressions, likes) in [
        ("posts", "8500\n", "80\n"),
        ("days", "2200\n", "40\n"),
        ("posts-and-days", "8500\n", "80\n"),
    ] {
        let folder = case(folder);
        assert_eq!(kpi("impressions", &[&folder]).0, impressions, "{folder}");
        assert_eq!(kpi("likes", &[&folder]).0, likes, "{folder}");
    }
    assert_eq!(kpi("shares", &[&case("posts")]).0, "18\n");
}

/// Two "last 14 days" downloads a week apart, and two YouTube downloads that share
/// days: a window that holds the older one and not the newer counts the older; the
/// newer counts over all data (`fixtures/overlap-cases/README.md`, shifted-pair and
/// youtube-shifted).
#[test]
fn an_older_download_across_a_newer_ones_edge_answers_its_own_window() {
    let meta = "fixtures/overlap-cases/shifted-pair";
    for threads in ["1", "2"] {
        for (from, to, impressions) in [
            ("2026-08-01", "2026-08-14", "16000\n"),
            ("2026-08-01", "2026-08-15", "16000\n"),
            ("2026-08-08", "2026-08-21", "16300\n"),
            ("2026-08-01", "2026-08-21", "16300\n"),
        ] {
            let args = [meta, "--from", from, "--to", to, "--threads", threads];
            assert_eq!(kpi("impressions", &args).0, impressions, "{from}..{to}");
        }
        let args = [
            meta,
            "--from",
            "2026-08-01",
            "--to",
            "2026-08-14",
            "--threads",
            threads,
        ];
        assert_eq!(kpi("spend", &args).0, "2800000\n");
        assert_eq!(kpi("leads", &args).0, "25\n");
        assert_eq!(
            kpi("impressions", &[meta, "--threads", threads]).0,
            "16300\n"
        );
    }
    let youtube = "fixtures/overlap-cases/youtube-shifted";
    for (from, to, impressions, views) in [
        ("2026-08-01", "2026-08-05", "10000\n", "615\n"),
        ("2026-08-04", "2026-08-08", "12000\n", "795\n"),
        ("2026-08-01", "2026-08-08", "12000\n", "1125\n"),
    ] {
        let args = [youtube, "--from", from, "--to", to];
        assert_eq!(kpi("impressions", &args).0, impressions, "{from}..{to}");
        assert_eq!(kpi("video_views", &args).0, views, "{from}..{to}");
    }
}

const PARTIAL_AD_SETS: &str = "fixtures/overlap-cases/partial-ad-sets";

/// Found in review: a campaign's days beside a report of some of its ad sets over the
/// range counted the ad sets' range (70.00) in place of the days (150.00), as if a
/// range were coarser than any day. The table with fewer breakdowns holds the
/// campaign's whole totals and counts; the ad sets answer a query by ad set
/// (fixtures/overlap-cases/README.md, partial-ad-sets).
#[test]
fn a_partial_finer_report_over_a_range_leaves_the_campaign_days_counted() {
    let dir = PARTIAL_AD_SETS;
    assert_eq!(kpi("spend", &[dir]).0, "150\n");
    assert_eq!(kpi("impressions", &[dir]).0, "15000\n");
    let out = roi(&[
        "kpi",
        "spend",
        "--from",
        "2026-09-02",
        "--to",
        "2026-09-02",
        dir,
    ]);
    assert_eq!(
        (code(&out), stdout(&out)),
        (0, "50\n".to_owned()),
        "{}",
        transcript(&out)
    );
    let out = roi(&[
        "report", dir, "--kpi", "spend", "--by", "ad_set", "--format", "csv",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(
        stdout(&out),
        "ad_set,rows,spend,spend_currency\nParents,1,70,USD\n"
    );
    let out = roi(&["report", dir]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    insta::assert_snapshot!(transcript(&out));
}

/// Found in review: fewer breakdowns first made two weeks of campaign days the level
/// that counts beside a month by ad set, dropping July 1–24 (1,400.00 of 3,800.00).
/// Days that do not hold the other's range are a level of their own days only
/// (fixtures/overlap-cases/README.md, ad-sets-month-and-last-days).
#[test]
fn a_shorter_daily_export_leaves_the_month_by_ad_set_counted() {
    let dir = "fixtures/overlap-cases/ad-sets-month-and-last-days";
    assert_eq!(kpi("spend", &[dir]).0, "3800\n");
    assert_eq!(kpi("impressions", &[dir]).0, "38000\n");
    let out = roi(&[
        "kpi",
        "spend",
        "--from",
        "2026-08-01",
        "--to",
        "2026-08-07",
        dir,
    ]);
    assert_eq!(
        (code(&out), stdout(&out)),
        (0, "700\n".to_owned()),
        "{}",
        transcript(&out)
    );
}

/// Found in review: a total over a window said nothing of a platform whose export
/// stops before another's: TikTok's campaign report ends on Sep 2 beside Meta's
/// days through Sep 3, so its Sep 3 is missing from 150.00 + 105.00 = 255.00, not 0.
#[test]
fn a_platform_whose_data_stops_early_in_the_window_is_named() {
    let meta = format!("{PARTIAL_AD_SETS}/campaign-by-day.csv");
    let tiktok = "fixtures/overlap-cases/tiktok-ads-by-ad/campaign_report.csv";
    let note = "tiktok's data ends on 2026-09-02, before 2026-09-03, the last day of other \
                data in the window: its later days are missing from these totals, not zeros";
    let window = ["--from", "2026-09-01", "--to", "2026-09-03"];
    let out = roi(&[&["kpi", "spend", &meta, tiktok][..], &window].concat());
    assert_eq!(
        (code(&out), stdout(&out)),
        (0, "255\n".to_owned()),
        "{}",
        transcript(&out)
    );
    assert!(transcript(&out).contains(note), "{}", transcript(&out));
    let out = roi(&[&["report", "--kpi", "spend", &meta, tiktok][..], &window].concat());
    assert!(
        stdout(&out).contains(&format!("note: {note}")),
        "{}",
        transcript(&out)
    );
    // One platform alone, or a window both reach the end of: no note.
    let out = roi(&[
        &[
            "kpi",
            "spend",
            &meta,
            tiktok,
            "--where",
            "platform=facebook",
        ][..],
        &window,
    ]
    .concat());
    assert_eq!(stdout(&out), "150\n");
    assert!(
        !transcript(&out).contains("data ends"),
        "{}",
        transcript(&out)
    );
    let out = roi(&[
        "kpi",
        "spend",
        &meta,
        tiktok,
        "--from",
        "2026-09-01",
        "--to",
        "2026-09-02",
    ]);
    assert_eq!(stdout(&out), "195\n");
    assert!(
        !transcript(&out).contains("data ends"),
        "{}",
        transcript(&out)
    );
}
