//! Goals on the edges the second review found, on `fixtures/goal-edges` (figures
//! worked by hand in its README.md): rows left out of the window, relative targets
//! on negative and zero baselines, as-of dates before the start.

use crate::{code, fixture, roi, roi_in, stdout, transcript};

const EDGES: &str = "fixtures/goal-edges/roi.toml";

/// `roi report --format json` of `config` as of a date: the goals by id, and the exit code.
fn goals(dir: &std::path::Path, config: &str, as_of: &str) -> Vec<serde_json::Value> {
    let out = roi_in(
        dir,
        &[
            "report", "--config", config, "--as-of", as_of, "--format", "json",
        ],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["goals"].as_array().unwrap().clone()
}

fn goal<'a>(goals: &'a [serde_json::Value], id: &str) -> &'a serde_json::Value {
    goals.iter().find(|g| g["id"] == id).unwrap()
}

fn close(v: &serde_json::Value, want: f64) {
    let got = v.as_f64().unwrap_or(f64::NAN);
    assert!((got - want).abs() < 1e-9, "{got} != {want}");
}

fn status(config: &str, goal: &str, as_of: &str) -> (String, i32) {
    let out = roi(&["status", goal, "--config", config, "--as-of", as_of]);
    (stdout(&out).trim().to_owned(), code(&out))
}

#[test]
fn rows_left_out_of_the_window_are_not_data() {
    // Weeks of 70 leads: 08-01..07 and 08-08..14 counted (140); 08-15..21 ends after
    // the as-of date 08-20, so it is left out and the counted data ends 08-14:
    // 14 days elapsed, forecast 140 / 14 × 31 = 310 >= 300.
    let weekly = fixture("goal-edges/weekly");
    let check = |dir: &std::path::Path| {
        let all = goals(dir, "roi.toml", "2026-08-20");
        let g = goal(&all, "leads-weekly");
        close(&g["current"], 140.0);
        assert_eq!(g["data_through"], "2026-08-14");
        assert_eq!(g["days_elapsed"], 14);
        close(&g["forecast"], 310.0);
        close(&g["expected_by_now"], 300.0 * 14.0 / 31.0);
        assert_eq!(g["rows_left_out"], 1);
        assert_eq!(g["status"], "on_track");
        assert!(
            g["warnings"]
                .to_string()
                .contains("data ends on 2026-08-14")
        );
    };
    check(&weekly);
    assert_eq!(
        status(
            "fixtures/goal-edges/weekly/roi.toml",
            "leads-weekly",
            "2026-08-20"
        ),
        ("on_track".to_owned(), 0)
    );

    // A fourth week after the as-of date does not make the left-out third one count
    // as covered: still through 08-14.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(weekly.join("roi.toml"), dir.path().join("roi.toml")).unwrap();
    let mut data = std::fs::read_to_string(weekly.join("data.csv")).unwrap();
    data.push_str("2026-08-22,2026-08-28,facebook,70\n");
    std::fs::write(dir.path().join("data.csv"), data).unwrap();
    check(dir.path());

    // Daily rows with a gap: a row after the as-of date still says the export covers
    // it, so the days without rows count as zero (10 leads on 08-01 and 08-03, then
    // 08-25): through 08-20, 20 days elapsed, forecast 20 / 20 × 31 = 31.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(weekly.join("roi.toml"), dir.path().join("roi.toml")).unwrap();
    std::fs::write(
        dir.path().join("data.csv"),
        "date,platform,leads\n2026-08-01,facebook,10\n2026-08-03,facebook,10\n2026-08-25,facebook,10\n",
    )
    .unwrap();
    let all = goals(dir.path(), "roi.toml", "2026-08-20");
    let g = goal(&all, "leads-weekly");
    assert_eq!(g["data_through"], "2026-08-20");
    assert_eq!(g["days_elapsed"], 20);
    close(&g["forecast"], 31.0);
}

#[test]
fn relative_targets_move_by_the_baseline_size() {
    let all = goals(&crate::root(), EDGES, "2026-08-20");
    // July roi = (200 − 300) / 300 = −1/3; August (150 − 200) / 200 = −0.25.
    let up = goal(&all, "roi-up");
    close(&up["baseline"], -1.0 / 3.0);
    // +40%: −1/3 + 0.4 × 1/3 = −0.2, a better roi than July's.
    close(&up["target"], -0.2);
    assert_eq!(up["direction"], ">=");
    close(&up["current"], -0.25);
    // (−0.25 + 1/3) / (−0.2 + 1/3) = (1/12) / (2/15) = 0.625.
    close(&up["progress"], 0.625);
    // −0.25 < −0.2 − 0.1 × 0.2 = −0.22.
    assert_eq!(up["status"], "behind");
    assert_eq!(
        status(EDGES, "roi-up", "2026-08-20"),
        ("behind".to_owned(), 1)
    );

    // -10%: −1/3 − 0.1 × 1/3 = −11/30, a ceiling below July's.
    let down = goal(&all, "roi-down");
    close(&down["target"], -11.0 / 30.0);
    assert_eq!(down["direction"], "<=");
    assert_eq!(down["status"], "behind");

    // cpl July 300 / 100 = 3.00; -20%: 3.00 − 0.6 = 2.40; current 200 / 80 = 2.50,
    // within 2.40 + 0.1 × 2.40 = 2.64.
    let cpl = goal(&all, "cpl-down");
    close(&cpl["target"], 2.4);
    assert_eq!(cpl["status"], "at_risk");
}

#[test]
fn relative_targets_on_counts_are_whole_numbers_when_they_come_out_whole() {
    // 100 − 0.55 × 100 = 45, which f64 computes as 44.99999999999999.
    let all = goals(&crate::root(), EDGES, "2026-08-20");
    assert_eq!(goal(&all, "leads-down")["target"], 45.0);
    let out = roi(&[
        "check",
        "--config",
        EDGES,
        "--as-of",
        "2026-08-20",
        "--goal",
        "leads-down",
    ]);
    let text = stdout(&out);
    assert!(text.contains("  <= 45 |"), "{text}");
}

#[test]
fn a_zero_baseline_gives_no_relative_target() {
    // July has 0 purchases: +50% of nothing is no target, not ">= 0" (achieved at once).
    let all = goals(&crate::root(), EDGES, "2026-08-20");
    let g = goal(&all, "purchases-up");
    close(&g["baseline"], 0.0);
    assert!(g["target"].is_null(), "{g}");
    assert_eq!(g["status"], "no_data");
    let reason = g["reason"].as_str().unwrap();
    assert!(reason.contains("baseline is 0"), "{reason}");
}

#[test]
fn before_the_start() {
    let all = goals(&crate::root(), EDGES, "2026-06-20");
    // Deadline − as-of: 10 days of June + 31 of July + 31 of August.
    let leads = goal(&all, "leads-500");
    assert_eq!(leads["status"], "not_started");
    assert_eq!(leads["days_left"], 72);
    assert_eq!(leads["days_elapsed"], 0);
    assert!(leads["needed_per_day"].is_null());
    // July, the baseline, has not begun by 06-20: nothing of it is known yet.
    let cpl = goal(&all, "cpl-down");
    assert!(cpl["baseline"].is_null(), "{cpl}");
    assert!(cpl["target"].is_null(), "{cpl}");
    assert!(
        cpl["warnings"]
            .to_string()
            .contains("the baseline runs to 2026-07-31, after the as-of date 2026-06-20"),
        "{cpl}"
    );
    // Money keeps its currency before the start: as of 07-31 July is known, cpl
    // 3.00 USD, target 2.40 USD; days left 31.
    let all = goals(&crate::root(), EDGES, "2026-07-31");
    let cpl = goal(&all, "cpl-down");
    assert_eq!(cpl["status"], "not_started");
    assert_eq!(cpl["currency"], "USD");
    close(&cpl["baseline"], 3.0);
    let out = roi(&[
        "check",
        "--config",
        EDGES,
        "--as-of",
        "2026-07-31",
        "--goal",
        "cpl-down",
    ]);
    let text = stdout(&out);
    assert!(text.contains("| 3.00 USD |"), "{text}");
    assert!(text.contains("| <= 2.40 USD |"), "{text}");
    assert!(text.contains("|        31 |"), "{text}");
}

#[test]
fn data_reaches_as_far_as_the_platforms_export_does() {
    // One row per lead: the campaign's last lead is on 08-09, but Facebook's data
    // runs to 08-20 (another campaign's leads), so it had none since (figures in the
    // README).
    let all = goals(&fixture("goal-edges/per-lead"), "roi.toml", "2026-08-20");
    let g = goal(&all, "fb-leads");
    close(&g["current"], 15.0);
    assert_eq!(g["data_through"], "2026-08-20");
    assert_eq!(g["days_elapsed"], 16);
    close(&g["forecast"], 15.0 / 16.0 * 28.0);
    close(&g["needed_per_day"], 35.0 / 12.0);
    assert_eq!(g["status"], "behind");
}

#[test]
fn days_only_a_left_out_row_covers_do_not_count() {
    // The first week runs across the window's start, the third across the as-of date:
    // 7 days counted of the 23 that can be (figures in the README).
    let all = goals(&fixture("goal-edges/week-before"), "roi.toml", "2026-08-20");
    let g = goal(&all, "fb-leads");
    close(&g["current"], 140.0);
    assert_eq!(g["rows_left_out"], 2);
    assert_eq!(g["data_through"], "2026-08-16");
    assert_eq!(g["days_elapsed"], 7);
    close(&g["forecast"], 460.0);
    close(&g["expected_by_now"], 500.0 * 7.0 / 23.0);
    close(&g["needed_per_day"], 22.5);
    assert_eq!(g["status"], "at_risk");
    // The JSON's days are the forecast's: a script recomputing the pace from them
    // gets the same figures (23 countable days, 16 not covered by data yet); days
    // left are still deadline − as-of.
    assert_eq!(g["days_total"], 23);
    assert_eq!(g["days_left"], 12);
    let (current, elapsed, total) = (140.0, 7.0, 23.0);
    close(&g["forecast"], current / elapsed * total);
    close(&g["expected_by_now"], 500.0 * elapsed / total);
    close(&g["needed_per_day"], (500.0 - current) / (total - elapsed));
}

#[test]
fn a_ceiling_on_stale_data_is_not_achieved_past_the_deadline() {
    // 40.00 USD of spend a day on 08-01 ..= 08-20: 800 known. As of 09-05 the data
    // stops 11 days short of the deadline: the forecast over the window is 800 / 20 ×
    // 31 = 1,240, over a budget of 1,000, so it is not achieved (missed); under a
    // budget of 1,300 both what is known and the forecast meet it (achieved).
    let dir = tempfile::tempdir().unwrap();
    let mut data = String::from("date,platform,spend,currency\n");
    for day in 1..=20 {
        data.push_str(&format!("2026-08-{day:02},facebook,40.00,USD\n"));
    }
    std::fs::write(dir.path().join("spend.csv"), data).unwrap();
    let stanza = |id: &str, target: &str| {
        format!(
            "[[goals]]\nid = \"{id}\"\nkpi = \"spend\"\nstart = 2026-08-01\n\
             deadline = 2026-08-31\ntarget = \"<= {target}\"\n"
        )
    };
    std::fs::write(
        dir.path().join("roi.toml"),
        format!(
            "inputs = [\"spend.csv\"]\n{}{}",
            stanza("budget", "1000"),
            stanza("roomy", "1300")
        ),
    )
    .unwrap();
    let all = goals(dir.path(), "roi.toml", "2026-09-05");
    let budget = goal(&all, "budget");
    close(&budget["current"], 800.0);
    close(&budget["forecast"], 1240.0);
    assert_eq!(budget["data_through"], "2026-08-20");
    assert_eq!(budget["status"], "missed");
    assert_eq!(goal(&all, "roomy")["status"], "achieved");
    let out = roi_in(dir.path(), &["status", "budget", "--as-of", "2026-09-05"]);
    assert_eq!((stdout(&out).trim(), code(&out)), ("missed", 1));
}

#[test]
fn a_list_of_records_reaches_as_far_as_the_file() {
    // HubSpot contacts: Facebook's last lead is on 08-09, the file's on 08-20
    // (figures in the README).
    let all = goals(&fixture("goal-edges/crm"), "roi.toml", "2026-08-20");
    let g = goal(&all, "fb-leads");
    close(&g["current"], 15.0);
    assert_eq!(g["data_through"], "2026-08-20");
    assert_eq!(g["days_elapsed"], 16);
    close(&g["forecast"], 26.25);
    assert_eq!(g["status"], "behind");
}

#[test]
fn a_platform_left_out_at_the_start_shifts_only_its_own_days() {
    // Facebook's month 2025-12-20 ..= 2026-01-19 runs across the start and is left
    // out; Twitter has 2 leads a day from 01-01, Facebook 10 a day from 01-20
    // (figures in the README). Goal leads >= 200 over 01-01 ..= 01-31 (31 days).
    let dir = fixture("goal-edges/staggered");
    // As of 01-10 only Twitter counts: 20 leads in 10 days, 20 / 10 × 31 = 62 <
    // 200 − 0.1 × 200 = 180; needed (200 − 20) / 21 days left.
    let all = goals(&dir, "roi.toml", "2026-01-10");
    let g = goal(&all, "jan");
    close(&g["current"], 20.0);
    assert_eq!(g["days_elapsed"], 10);
    close(&g["forecast"], 62.0);
    close(&g["needed_per_day"], 180.0 / 21.0);
    close(&g["expected_by_now"], 200.0 * 10.0 / 31.0);
    assert_eq!(g["rows_left_out"], 1);
    assert_eq!(g["status"], "behind");
    // As of 01-25: Twitter 50 / 25 × 31 = 62; Facebook counts from 01-20, 60 in 6
    // days of the 12 it can count: 60 / 6 × 12 = 120. 62 + 120 = 182 >= 180: at
    // risk (one rate over 25 days would say 110 / 25 × 31 = 136.4, behind).
    let all = goals(&dir, "roi.toml", "2026-01-25");
    let g = goal(&all, "jan");
    close(&g["current"], 110.0);
    assert_eq!(g["days_elapsed"], 25);
    close(&g["forecast"], 182.0);
    close(&g["needed_per_day"], 90.0 / 6.0);
    assert_eq!(g["status"], "at_risk");
}

#[test]
fn a_relative_target_never_compares_two_currencies() {
    // June's revenue 100 USD, July's 2,000,000 VND: `+20%` of June gave ">= 120 VND"
    // and achieved. Without `[fx]` it is refused, naming both currencies.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("d.csv"),
        "date,platform,revenue,currency\n2026-06-15,facebook,100,USD\n\
         2026-07-15,facebook,2000000,VND\n",
    )
    .unwrap();
    let goal_toml = "[[goals]]\nid = \"rev\"\nkpi = \"sales_revenue\"\nstart = 2026-07-01\n\
                     deadline = 2026-07-31\ntarget = \"+20%\"\n\
                     baseline = { from = 2026-06-01, to = 2026-06-30 }\n";
    std::fs::write(
        dir.path().join("roi.toml"),
        format!("inputs = [\"d.csv\"]\n{goal_toml}"),
    )
    .unwrap();
    for command in ["report", "check"] {
        let out = roi_in(dir.path(), &[command, "--as-of", "2026-07-20"]);
        assert_eq!(code(&out), 2, "{}", transcript(&out));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("goal `rev`: the baseline (2026-06-01 ..= 2026-06-30) is in USD and the current value in VND"),
            "{err}"
        );
        assert!(err.contains("[fx]"), "{err}");
    }
    // With `[fx]` both are in USD: 2,000,000 × 0.00004 = 80 USD against 100 × 1.2 = 120.
    std::fs::write(
        dir.path().join("roi.toml"),
        format!("inputs = [\"d.csv\"]\ncurrency = \"USD\"\n[fx]\nVND = 0.00004\n{goal_toml}"),
    )
    .unwrap();
    let all = goals(dir.path(), "roi.toml", "2026-08-05");
    let g = goal(&all, "rev");
    assert_eq!(g["currency"], "USD");
    close(&g["baseline"], 100.0);
    close(&g["target"], 120.0);
    close(&g["current"], 80.0);
    assert_eq!(g["status"], "missed");
}

#[test]
fn a_cost_with_nothing_to_divide_by_fails_a_ceiling() {
    // 1,000 USD spent and 0 leads: cpl = 1000 / 0 has no value, but it is the worst
    // cost per lead there is, so `cpl <= 5` fails: behind inside the window, missed
    // after it. 500 USD of revenue on 0 spend says nothing about `roas >= 2`
    // (no_data, passes), and 0 / 0 is no data at all.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("d.csv"),
        "date,platform,spend,leads,revenue,conversions,currency\n\
         2026-08-05,facebook,1000,0,0,0,USD\n2026-08-05,instagram,0,0,500,0,USD\n",
    )
    .unwrap();
    let stanza = |id: &str, kpi: &str, target: &str, filter: &str| {
        format!(
            "[[goals]]\nid = \"{id}\"\nkpi = \"{kpi}\"\nstart = 2026-08-01\n\
             deadline = 2026-08-31\ntarget = \"{target}\"\nwhere = {{ platform = \"{filter}\" }}\n"
        )
    };
    std::fs::write(
        dir.path().join("roi.toml"),
        format!(
            "inputs = [\"d.csv\"]\n{}{}{}",
            stanza("cpl", "cpl", "<= 5", "facebook"),
            stanza("roas", "roas", ">= 2", "instagram"),
            stanza("cpa", "cpa", "<= 5", "instagram"),
        ),
    )
    .unwrap();
    let all = goals(dir.path(), "roi.toml", "2026-08-10");
    let cpl = goal(&all, "cpl");
    assert_eq!(cpl["status"], "behind");
    assert!(cpl["current"].is_null());
    assert_eq!(cpl["currency"], "USD");
    assert_eq!(cpl["divided_by_zero"]["numerator"], "spend");
    close(&cpl["divided_by_zero"]["numerator_value"], 1000.0);
    assert_eq!(cpl["divided_by_zero"]["denominator"], "leads");
    assert_eq!(cpl["divided_by_zero"]["sign"], 1);
    // Judged over the days its data covers: Aug 1–5 of 31 (not 0 of 31).
    assert_eq!(
        (&cpl["days_elapsed"], &cpl["days_total"]),
        (&5.into(), &31.into())
    );
    assert_eq!(
        cpl["reason"],
        "`spend` is 1,000.00 USD and `leads` is 0: `cpl` has no value, as far from <= 5.00 USD as it can be"
    );
    let roas = goal(&all, "roas");
    assert_eq!(roas["status"], "no_data");
    assert_eq!(roas["days_elapsed"], 0);
    assert!(
        roas["reason"]
            .as_str()
            .unwrap()
            .contains("`revenue` is 500.00 USD and `spend` is 0"),
        "{roas}"
    );
    // cpa = spend / conversions: 0 / 0 on instagram.
    let cpa = goal(&all, "cpa");
    assert_eq!(cpa["status"], "no_data");
    assert!(cpa.get("divided_by_zero").is_none(), "{cpa}");

    for (as_of, word) in [("2026-08-10", "behind"), ("2026-09-10", "missed")] {
        let out = roi_in(dir.path(), &["status", "cpl", "--as-of", as_of]);
        assert_eq!((stdout(&out).trim(), code(&out)), (word, 1));
        let out = roi_in(dir.path(), &["explain", "cpl", "--as-of", as_of]);
        assert!(
            stdout(&out).contains("data through 2026-08-05; 5 of 31 days elapsed"),
            "{}",
            transcript(&out)
        );
    }
    let out = roi_in(dir.path(), &["status", "roas", "--as-of", "2026-09-10"]);
    assert_eq!((stdout(&out).trim(), code(&out)), ("no_data", 0));
}

#[test]
fn a_floor_met_by_a_sum_that_can_fall_is_not_final() {
    // profit = revenue − spend: day 1 500 − 200 = 300 >= 200, day 2 0 − 300 makes it
    // 0. Met on day 1 is not achieved: the forecast rule says 300 / 1 × 10 = 3,000,
    // on_track; on day 2 (300 − 300) = 0 / 2 × 10 = 0: behind. trial_starts only adds
    // up: 60 on day 1 is achieved.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("d.csv"),
        "date,platform,trial_starts,revenue,spend,currency\n\
         2026-04-01,youtube,60,500,200,USD\n2026-04-02,youtube,0,0,300,USD\n",
    )
    .unwrap();
    let stanza = |id: &str, kpi: &str| {
        format!(
            "[[goals]]\nid = \"{id}\"\nkpi = \"{kpi}\"\nstart = 2026-04-01\n\
             deadline = 2026-04-10\ntarget = \">= 50\"\n"
        )
    };
    std::fs::write(
        dir.path().join("roi.toml"),
        format!(
            "inputs = [\"d.csv\"]\n[kpis.profit]\nformula = \"revenue - spend\"\nunit = \"money\"\n{}{}",
            stanza("profit", "profit"),
            stanza("trials", "trial_starts"),
        ),
    )
    .unwrap();
    let day1 = goals(dir.path(), "roi.toml", "2026-04-01");
    let profit = goal(&day1, "profit");
    close(&profit["current"], 300.0);
    close(&profit["forecast"], 3000.0);
    assert_eq!(profit["status"], "on_track");
    assert_eq!(goal(&day1, "trials")["status"], "achieved");
    let day2 = goals(dir.path(), "roi.toml", "2026-04-02");
    let profit = goal(&day2, "profit");
    close(&profit["current"], 0.0);
    assert_eq!(profit["status"], "behind");

    // Revenue with a refund (a negative row) can fall too: 60 then −5.
    std::fs::write(
        dir.path().join("d.csv"),
        "date,platform,revenue,currency\n2026-04-01,youtube,60,USD\n2026-04-02,youtube,-5,USD\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("roi.toml"),
        format!("inputs = [\"d.csv\"]\n{}", stanza("rev", "sales_revenue")),
    )
    .unwrap();
    // As of 04-01 the refund is not known yet: 60 >= 50, achieved. As of 04-02 the
    // window holds it: 55 >= 50 but not final; forecast 55 / 2 × 10 = 275: on_track.
    assert_eq!(
        goal(&goals(dir.path(), "roi.toml", "2026-04-01"), "rev")["status"],
        "achieved"
    );
    let rev = goals(dir.path(), "roi.toml", "2026-04-02");
    let rev = goal(&rev, "rev");
    close(&rev["current"], 55.0);
    close(&rev["forecast"], 275.0);
    assert_eq!(rev["status"], "on_track");
}

#[test]
fn minus_zero_percent_is_a_ceiling_and_two_signs_are_refused() {
    // July 100 leads, August 80: "-0%" is "<= 100" (no more than July), met by 80;
    // read as ">= 100" it would have been behind.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("d.csv"),
        "date,end_date,platform,leads\n2026-07-01,2026-07-31,facebook,100\n\
         2026-08-01,2026-08-31,facebook,80\n",
    )
    .unwrap();
    let write = |target: &str| {
        std::fs::write(
            dir.path().join("roi.toml"),
            format!(
                "inputs = [\"d.csv\"]\n[[goals]]\nid = \"g\"\nkpi = \"leads\"\nstart = 2026-08-01\n\
                 deadline = 2026-08-31\ntarget = \"{target}\"\n\
                 baseline = {{ from = 2026-07-01, to = 2026-07-31 }}\n"
            ),
        )
        .unwrap();
    };
    write("-0%");
    let all = goals(dir.path(), "roi.toml", "2026-09-05");
    let g = goal(&all, "g");
    assert_eq!(g["direction"], "<=");
    close(&g["target"], 100.0);
    assert_eq!(g["status"], "achieved");
    write("+-10%");
    let out = roi_in(dir.path(), &["check", "--as-of", "2026-09-05"]);
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("`target = \"+-10%\"` is not understood"),
        "{}",
        transcript(&out)
    );
}

#[test]
fn a_baseline_is_before_the_goal_and_known_by_the_as_of_date() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("d.csv"),
        "date,platform,leads\n2026-07-10,facebook,100\n2026-07-20,facebook,50\n\
         2026-08-10,facebook,50\n",
    )
    .unwrap();
    let write = |baseline_to: &str| {
        std::fs::write(
            dir.path().join("roi.toml"),
            format!(
                "inputs = [\"d.csv\"]\n[[goals]]\nid = \"a\"\nkpi = \"leads\"\nstart = 2026-08-01\n\
                 deadline = 2026-08-31\ntarget = \"+20%\"\n\
                 baseline = {{ from = 2026-07-01, to = {baseline_to} }}\n"
            ),
        )
        .unwrap();
    };
    // July to September overlaps August: it would compare the goal with itself.
    write("2026-09-30");
    let out = roi_in(dir.path(), &["check", "--as-of", "2026-08-20"]);
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(
            "goal `a`: line 8, column 12: `baseline = { from = 2026-07-01, to = 2026-09-30 }` does not end before the goal's window 2026-08-01 ..= 2026-08-31"
        ),
        "{}",
        transcript(&out)
    );
    // July alone, as of 07-15: only the 100 leads of 07-10 are known by then, not the
    // 50 of 07-20, so the target is 100 × 1.2 = 120 for now, and a note says so.
    write("2026-07-31");
    let all = goals(dir.path(), "roi.toml", "2026-07-15");
    let g = goal(&all, "a");
    assert_eq!(g["status"], "not_started");
    close(&g["baseline"], 100.0);
    close(&g["target"], 120.0);
    assert!(
        g["warnings"]
            .to_string()
            .contains("the baseline runs to 2026-07-31, after the as-of date 2026-07-15"),
        "{g}"
    );
    // Once July is over: (100 + 50) × 1.2 = 180, no note of the as-of date; July's
    // data begins on 07-10, which a note says (22 of its 31 days), the days before
    // counting as zeros.
    let all = goals(dir.path(), "roi.toml", "2026-08-20");
    let g = goal(&all, "a");
    close(&g["target"], 180.0);
    assert!(
        !g["warnings"].to_string().contains("the baseline runs to"),
        "{g}"
    );
    assert!(
        g["warnings"].to_string().contains(
            "baseline 2026-07-01 ..= 2026-07-31: data for facebook covers 22 of its 31 days (2026-07-10 ..= 2026-07-31)"
        ),
        "{g}"
    );
}

#[test]
fn an_upper_bound_meeting_a_floor_proves_nothing() {
    // Reach 1,000 + 1,000 (facebook, two days) + 1,000 (instagram) = 3,000 summed
    // over rows: an upper bound of the people reached, who may be 1,000. Against
    // `>= 2500` it is not achieved early: the forecast rule gives, per platform (
    // instagram has no rows after 08-01: no data after it, not zeros), facebook
    // 2,000 / 2 × 31 + instagram 1,000 / 1 × 31 = 62,000, on_track, marked
    // unproven; after the deadline achieved, unproven.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("d.csv"),
        "date,platform,reach\n2026-08-01,facebook,1000\n2026-08-02,facebook,1000\n\
         2026-08-01,instagram,1000\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("roi.toml"),
        "inputs = [\"d.csv\"]\n[[goals]]\nid = \"r\"\nkpi = \"reach\"\nstart = 2026-08-01\n\
         deadline = 2026-08-31\ntarget = \">= 2500\"\n",
    )
    .unwrap();
    let all = goals(dir.path(), "roi.toml", "2026-08-02");
    let g = goal(&all, "r");
    close(&g["current"], 3000.0);
    assert_eq!(g["bound"], "upper");
    close(&g["forecast"], 62000.0);
    assert_eq!(g["status"], "on_track");
    assert_eq!(g["unproven"], true);
    let out = roi_in(dir.path(), &["check", "--as-of", "2026-08-02"]);
    let text = stdout(&out);
    assert!(text.contains("| 3,000 (upper bound) |"), "{text}");
    assert!(
        text.contains(
            "note: goal `r`: on_track rests on that bound, so it does not prove >= 2,500"
        ),
        "{text}"
    );
    let out = roi_in(dir.path(), &["status", "r", "--as-of", "2026-09-05"]);
    assert_eq!((stdout(&out).trim(), code(&out)), ("achieved", 0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("roi: r: achieved rests on that bound, so it does not prove >= 2,500"),
        "{err}"
    );
    let all = goals(dir.path(), "roi.toml", "2026-09-05");
    assert_eq!(goal(&all, "r")["unproven"], true);
}

#[test]
fn a_staggered_forecast_combines_each_metric_forecast_by_the_formula() {
    // profit = revenue − spend over 01-01 ..= 01-31 (31 days), as of 01-10. Facebook
    // has spend only: a row 12-20 ..= 01-04 of 100 left out, then 10 a day on 01-05
    // ..= 01-10 (60), so it counts from 01-05 (27 days); the web has revenue only,
    // 50 a day from 01-01 (500). Current 500 − 60 = 440. Forecast, each metric by its
    // platform's rate: revenue 500 / 10 × 31 = 1,550, spend 60 / 6 × 27 = 270;
    // profit 1,550 − 270 = 1,280 < 1,500 − 0.1 × 1,500 = 1,350: behind. (Facebook's
    // profit alone has no value, no revenue to subtract from: it was left out and
    // the forecast was 1,550, on track.)
    let dir = fixture("goal-edges/staggered-profit");
    let all = goals(&dir, "roi.toml", "2026-01-10");
    let g = goal(&all, "profit");
    close(&g["current"], 440.0);
    assert_eq!(g["days_elapsed"], 10);
    close(&g["expected_by_now"], 1500.0 * 10.0 / 31.0);
    close(&g["forecast"], 1280.0);
    assert_eq!(g["status"], "behind");
    // roas = revenue / spend is a level: the forecast is the current 500 / 60.
    let g = goal(&all, "roas");
    close(&g["current"], 500.0 / 60.0);
    close(&g["forecast"], 500.0 / 60.0);
    assert_eq!(g["status"], "on_track");
}

#[test]
fn a_staggered_growth_is_forecast_by_the_method_of_its_current_value() {
    // Growth is taken per account: Facebook has a count before 01-01, so it grows by
    // its count, 1,100 − 1,000 = 100 over 01-01 ..= 01-10 (its gains of 40 over
    // 12-20 ..= 01-04 run across the start, but its count covers every day from
    // 01-01); Twitter has no count before the window, so it grows by its gains,
    // 10 × 5 = 50: 150. Forecast each at its rate over its own days: 100 / 10 × 31 +
    // 50 / 10 × 31 = 310 + 155 = 465 >= 500 − 50 = 450: at_risk. (Gains for both
    // made 60 + 50 = 110, leaving out Facebook's 01-01 ..= 01-04; Facebook's count
    // run on from 01-05 made 100 / 6 × 27 + 155 = 605.)
    let dir = fixture("goal-edges/staggered-growth");
    let all = goals(&dir, "roi.toml", "2026-01-10");
    let g = goal(&all, "growth");
    close(&g["current"], 150.0);
    assert_eq!(g["days_elapsed"], 10);
    close(&g["forecast"], 465.0);
    assert_eq!(g["status"], "at_risk");
}

#[test]
fn only_refunds_counted_in_the_window_make_a_floor_not_final() {
    // Revenue 600 + 600 on 01-01 and 01-02 = 1,200 >= 1,000, spend 100 + 100 = 200 >=
    // 150, as of 01-10. A −30 revenue row on 2025-06-10 and a −5 spend row on
    // 2026-03-01 are outside the window: neither can take anything back from it, so
    // both goals are achieved (the −30 had made revenue on_track).
    let dir = fixture("goal-edges/old-refund");
    let all = goals(&dir, "roi.toml", "2026-01-10");
    close(&goal(&all, "rev")["current"], 1200.0);
    assert_eq!(goal(&all, "rev")["status"], "achieved");
    close(&goal(&all, "spend")["current"], 200.0);
    assert_eq!(goal(&all, "spend")["status"], "achieved");
}

#[test]
fn a_platform_without_rows_in_the_window_does_not_move_its_days() {
    // Facebook's 40 leads over 12-20 ..= 01-04 are left out; it counts from 01-05,
    // 4 a day through 01-10 (24). Twitter's leads are on 2025-06-01 and 2026-03-02,
    // none in January: it has no first day in the window. So the goal counts from
    // 01-05: 6 days elapsed of 27 (01-05 ..= 01-31), expected by now 100 × 6 / 27 =
    // 22.22…, forecast 24 / 6 × 27 = 108 >= 100: on_track; needed (100 − 24) / 21.
    // (Twitter counted from 01-01 had made 10 days elapsed, expected 100 × 10 / 31.)
    let dir = fixture("goal-edges/idle-platform");
    let all = goals(&dir, "roi.toml", "2026-01-10");
    let g = goal(&all, "leads");
    close(&g["current"], 24.0);
    assert_eq!(g["days_elapsed"], 6);
    close(&g["expected_by_now"], 100.0 * 6.0 / 27.0);
    close(&g["forecast"], 108.0);
    close(&g["needed_per_day"], 76.0 / 21.0);
    assert_eq!(g["status"], "on_track");
}

#[test]
fn a_platform_whose_data_stops_early_is_run_on_not_zero_filled() {
    // fixtures/goal-edges/staggered-ends: 60 / 20 × 31 + 30 / 15 × 31 = 155, at_risk.
    let dir = fixture("goal-edges/staggered-ends");
    let all = goals(&dir, "roi.toml", "2026-08-20");
    let g = goal(&all, "leads-160");
    close(&g["current"], 90.0);
    assert_eq!(g["data_through"], "2026-08-20");
    close(&g["forecast"], 155.0);
    assert_eq!(g["status"], "at_risk");
    assert_eq!(g["partial"][0]["platform"], "twitter");
    assert_eq!(g["partial"][0]["to"], "2026-08-15");
    let out = roi_in(&dir, &["check", "--as-of", "2026-08-20"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert!(
        transcript(&out).contains(
            "note: goal `leads-160`: data for twitter covers 15 of the 20 days through 2026-08-20 (2026-08-01 ..= 2026-08-15)"
        ),
        "{}",
        transcript(&out)
    );
}

#[test]
fn a_window_that_starts_before_the_data_says_so() {
    // fixtures/goal-edges/late-start: July's data covers 17 of its 31 days.
    let dir = fixture("goal-edges/late-start");
    let all = goals(&dir, "roi.toml", "2026-08-20");
    let g = goal(&all, "leads-40");
    close(&g["baseline"], 170.0);
    close(&g["target"], 238.0);
    assert_eq!(g["status"], "on_track");
    let text = g["warnings"].to_string();
    assert!(
        text.contains("baseline 2026-07-01 ..= 2026-07-31: data for facebook covers 17 of its 31 days (2026-07-15 ..= 2026-07-31)"),
        "{text}"
    );
    assert_eq!(g["partial"][0]["window"], "baseline");
    assert_eq!(g["partial"][0]["days"], 17);
    let g = goal(&all, "leads-early");
    close(&g["current"], 370.0);
    close(&g["forecast"], 370.0 / 51.0 * 62.0);
    assert_eq!(g["status"], "behind");
    assert!(
        g["warnings"]
            .to_string()
            .contains("data for facebook begins on 2026-07-15, after the start 2026-07-01"),
        "{g}"
    );
    // The table, Markdown and explain carry the note too.
    for args in [
        &["check", "--as-of", "2026-08-20"][..],
        &["check", "--as-of", "2026-08-20", "--format", "markdown"],
        &["explain", "leads-40", "--as-of", "2026-08-20"],
    ] {
        let out = roi_in(&dir, args);
        assert!(
            transcript(&out).contains("covers 17 of its 31 days"),
            "{args:?}: {}",
            transcript(&out)
        );
    }
}

/// A ratio's days without data add to neither side (`fixtures/goal-edges/
/// late-start-ratio`, README): its late start and partial baseline are noted
/// without the zeros and "too low" of a sum, in English and Vietnamese; a sum's
/// (late-start/) keep them.
#[test]
fn a_ratio_that_starts_late_is_not_said_to_be_too_low() {
    let dir = fixture("goal-edges/late-start-ratio");
    let all = goals(&dir, "roi.toml", "2026-08-20");
    let g = goal(&all, "ctr-early");
    close(&g["current"], 0.02);
    close(&g["forecast"], 0.02);
    assert_eq!(g["status"], "behind");
    let text = g["warnings"].to_string();
    assert!(
        text.contains("data for facebook begins on 2026-07-15, after the start 2026-07-01: the value rests on its days from then on (days without data add to neither side of a ratio"),
        "{text}"
    );
    let g = goal(&all, "ctr-up");
    close(&g["baseline"], 0.02);
    assert_eq!(g["status"], "at_risk");
    let text = g["warnings"].to_string();
    assert!(
        text.contains(
            "covers 17 of its 31 days (2026-07-15 ..= 2026-07-31); the baseline rests on those days"
        ),
        "{text}"
    );
    for args in [
        &["check", "--as-of", "2026-08-20"][..],
        &["check", "--as-of", "2026-08-20", "--lang", "vi"],
        &[
            "explain",
            "ctr-early",
            "--as-of",
            "2026-08-20",
            "--format",
            "json",
        ],
    ] {
        let out = transcript(&roi_in(&dir, args));
        assert!(
            !out.contains("too low") && !out.contains("bị thấp"),
            "{args:?}: {out}"
        );
        assert!(
            !out.contains("count as zeros") && !out.contains("được tính bằng 0"),
            "{args:?}: {out}"
        );
    }
    let vi = transcript(&roi_in(
        &dir,
        &["check", "--as-of", "2026-08-20", "--lang", "vi"],
    ));
    assert!(vi.contains("giá trị chỉ dựa trên các ngày từ đó"), "{vi}");
    assert!(
        vi.contains("mốc so sánh chỉ dựa trên những ngày đó"),
        "{vi}"
    );
    // A sum's days before its data are zeros, and it says so.
    let sums = goals(&fixture("goal-edges/late-start"), "roi.toml", "2026-08-20");
    let text = goal(&sums, "leads-early")["warnings"].to_string();
    assert!(
        text.contains("the current value and forecast are too low"),
        "{text}"
    );
}

#[test]
fn on_the_deadline_with_data_through_it_the_status_is_final() {
    // fixtures/goal-edges/deadline-day: 93 leads against >= 100, 31 of 31 days.
    let dir = fixture("goal-edges/deadline-day");
    let all = goals(&dir, "roi.toml", "2026-08-31");
    for (id, want) in [
        ("leads-100", "missed"),
        ("leads-90", "achieved"),
        ("leads-last-day", "missed"),
        ("spend-300", "missed"),
        ("ctr-3", "behind"),
    ] {
        assert_eq!(goal(&all, id)["status"], want, "{id}");
    }
    let out = roi_in(&dir, &["check", "--as-of", "2026-08-31"]);
    assert_eq!(code(&out), 1, "{}", transcript(&out));
    let text = stdout(&out);
    for line in [
        "FAIL leads-100: missed — at the deadline 2026-08-31, 93, short of the target >= 100 by 7",
        "FAIL leads-last-day: missed — at the deadline 2026-08-31, 3, short of the target >= 5 by 2",
        "FAIL spend-300: missed — at the deadline 2026-08-31, 372.00 USD, over the ceiling <= 300.00 USD by 72.00 USD",
        "FAIL ctr-3: behind — the forecast 2.00% misses >= 3.00% by 1.00 percentage points, more than the at-risk margin of 0.30 percentage points (10% of the target)",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    // The day after says the deadline has passed, in both languages.
    let out = roi_in(&dir, &["check", "--as-of", "2026-09-01"]);
    assert!(
        stdout(&out).contains(
            "the deadline 2026-08-31 has passed at 372.00 USD, over the ceiling <= 300.00 USD by 72.00 USD"
        ),
        "{}",
        transcript(&out)
    );
    let out = roi_in(&dir, &["check", "--as-of", "2026-09-01", "--lang", "vi"]);
    let text = stdout(&out);
    assert!(
        text.contains(
            "đã qua hạn 31/08/2026, ở mức 372,00 USD, vượt trần <= 300,00 USD thêm 72,00 USD"
        ),
        "{text}"
    );
    assert!(!text.contains("chưa tới"), "{text}");
    // A day before, nothing is final but a ceiling spend is already over: spend
    // cannot fall, so 360 of 300 is missed whatever the last day brings.
    let all = goals(&dir, "roi.toml", "2026-08-30");
    assert_eq!(goal(&all, "leads-100")["status"], "at_risk");
    let g = goal(&all, "spend-300");
    assert_eq!(g["status"], "missed");
    assert!(
        g["reason"]
            .as_str()
            .unwrap()
            .contains("360.00 USD is already over the ceiling <= 300.00 USD by 60.00 USD"),
        "{g}"
    );
}

#[test]
fn a_rate_goal_carries_its_left_out_note_everywhere() {
    // fixtures/goal-edges/rate-left-out: ctr 200 / 10,000 = 2%, twitter left out.
    let dir = fixture("goal-edges/rate-left-out");
    let note = "ctr: twitter has clicks but no impressions: left out";
    for args in [
        &["check", "--as-of", "2026-08-10"][..],
        &["check", "--as-of", "2026-08-10", "--format", "markdown"],
        &["check", "--as-of", "2026-08-10", "--format", "json"],
        &["status", "ctr-2", "--as-of", "2026-08-10"],
        &["explain", "ctr-2", "--as-of", "2026-08-10"],
    ] {
        let out = roi_in(&dir, args);
        assert!(
            transcript(&out).contains(note),
            "{args:?}: {}",
            transcript(&out)
        );
    }
    let out = roi_in(
        &dir,
        &[
            "explain",
            "ctr-2",
            "--as-of",
            "2026-08-10",
            "--format",
            "json",
        ],
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let metrics = &json["windows"][0]["metrics"];
    let sum = |name: &str| {
        metrics
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["metric"] == name)
            .unwrap()["value"]
            .clone()
    };
    close(&sum("clicks"), 200.0);
    close(&sum("impressions"), 10_000.0);
}

#[test]
fn markdown_keeps_goal_notes_and_bound_marks() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("d.csv"),
        "date,platform,reach\n2026-08-01,facebook,1000\n2026-08-02,facebook,1000\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("roi.toml"),
        "inputs = [\"d.csv\"]\n[[goals]]\nid = \"r\"\nkpi = \"reach\"\nstart = 2026-08-01\n\
         deadline = 2026-08-31\ntarget = \">= 2500\"\n",
    )
    .unwrap();
    for command in ["check", "report"] {
        let out = roi_in(
            dir.path(),
            &[command, "--as-of", "2026-08-02", "--format", "markdown"],
        );
        let text = stdout(&out);
        assert!(text.contains("| 2,000 (upper bound) |"), "{text}");
        assert!(
            text.contains("> note: goal `r`: the value rests on reach summed over rows, so it is an upper bound"),
            "{text}"
        );
        let out = roi_in(
            dir.path(),
            &[
                command,
                "--as-of",
                "2026-08-02",
                "--format",
                "markdown",
                "--lang",
                "vi",
            ],
        );
        let text = stdout(&out);
        assert!(text.contains("2.000 (giới hạn trên)"), "{text}");
        assert!(text.contains("> lưu ý: mục tiêu `r`:"), "{text}");
    }
}

#[test]
fn ambiguous_targets_negative_count_baselines_and_nfd_ids() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("d.csv"),
        "date,platform,leads\n2026-08-01,facebook,3\n",
    )
    .unwrap();
    let run = |goal: &str, args: &[&str]| {
        std::fs::write(
            dir.path().join("roi.toml"),
            format!(
                "inputs = [\"d.csv\"]\n[[goals]]\nkpi = \"leads\"\nstart = 2026-08-01\n\
                 deadline = 2026-08-31\n{goal}\n"
            ),
        )
        .unwrap();
        roi_in(dir.path(), args)
    };
    let check = ["check", "--as-of", "2026-08-20"];
    let out = run("id = \"g\"\ntarget = \"+40\"", &check);
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    assert!(
        transcript(&out).contains(
            "goal `g`: line 7, column 10: `target = \"+40\"`: a sign without % or a comparison is ambiguous: write \"+40%\" for a change relative to the baseline, or \">= 40\" for a fixed number"
        ),
        "{}",
        transcript(&out)
    );
    let out = run("id = \"g\"\ntarget = \"-10\"", &check);
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    assert!(
        transcript(&out).contains("\"-10%\""),
        "{}",
        transcript(&out)
    );
    let out = run("id = \"g\"\ntarget = \"+10%\"\nbaseline = -5", &check);
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    assert!(
        transcript(&out).contains("`baseline = -5`: `leads` is a count, never below 0"),
        "{}",
        transcript(&out)
    );
    // An id written composed in roi.toml, typed decomposed (NFD) on the command line.
    let composed = "khuy\u{1ebf}n-m\u{e3}i";
    let decomposed = "khuye\u{302}\u{301}n-ma\u{303}i";
    let out = run(
        &format!("id = \"{composed}\"\ntarget = \">= 1\""),
        &["status", decomposed, "--as-of", "2026-08-20"],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(stdout(&out).trim(), "achieved");
    // Two goals whose ids differ only by NFC/NFD are the same id.
    std::fs::write(
        dir.path().join("roi.toml"),
        format!(
            "inputs = [\"d.csv\"]\n[[goals]]\nid = \"{composed}\"\nkpi = \"leads\"\n\
             start = 2026-08-01\ndeadline = 2026-08-31\ntarget = \">= 1\"\n\
             [[goals]]\nid = \"{decomposed}\"\nkpi = \"leads\"\nstart = 2026-08-01\n\
             deadline = 2026-08-31\ntarget = \">= 2\"\n"
        ),
    )
    .unwrap();
    let out = roi_in(dir.path(), &check);
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    assert!(
        transcript(&out).contains("two goals have the id"),
        "{}",
        transcript(&out)
    );
}

/// A platform whose daily rows skip days (sales on the days with a sale) reaches as
/// far as its file: figures in `fixtures/goal-edges/README.md` (sparse-sales).
#[test]
fn a_sparse_platform_reaches_as_far_as_its_file() {
    let config = fixture("goal-edges/sparse-sales/roi.toml");
    let out = roi(&[
        "check",
        "--config",
        config.to_str().unwrap(),
        "--as-of",
        "2026-08-20",
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let goal = &json["goals"][0];
    assert_eq!(goal["forecast"], 2015.0);
    assert_eq!(goal["status"], "at_risk");
    assert!(goal.get("partial").is_none(), "{goal}");
    assert_eq!(goal["warnings"], serde_json::json!([]));
}

/// A file that states the range its daily rows cover (Meta's reporting start and end
/// beside a `Day` breakdown, Google Ads' range line) covers it for every platform in
/// it: a campaign that stopped on the 29th spent nothing on the 30th and 31st.
/// Figures in `fixtures/goal-edges/README.md` (stated-range).
#[test]
fn a_stated_range_is_covered_to_its_end() {
    let dir = fixture("goal-edges/stated-range");
    let all = goals(&dir, "roi.toml", "2026-09-02");
    for (id, current) in [("paid-budget-aug", 952.0), ("leads-aug", 58.0)] {
        let g = goal(&all, id);
        close(&g["current"], current);
        close(&g["forecast"], current);
        assert_eq!(g["data_through"], "2026-08-31", "{g}");
        assert_eq!(g["status"], "achieved", "{g}");
        assert!(g.get("partial").is_none(), "{g}");
        assert_eq!(g["warnings"], serde_json::json!([]), "{g}");
    }
    let out = roi_in(&dir, &["explain", "leads-aug", "--as-of", "2026-09-02"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert!(
        stdout(&out).contains("data through 2026-08-31; 31 of 31 days elapsed"),
        "{}",
        transcript(&out)
    );
    let out = roi_in(&dir, &["check", "--as-of", "2026-09-02"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));

    let all = goals(&dir, "google.toml", "2026-09-02");
    let g = goal(&all, "search-budget-aug");
    close(&g["current"], 1000.0);
    close(&g["forecast"], 1000.0);
    assert_eq!(g["data_through"], "2026-08-31", "{g}");
    assert_eq!(g["status"], "achieved", "{g}");
}

/// Sparseness is judged within the goal's window: a day missing from July does not
/// hide that facebook's daily rows stop on 08-15 (`fixtures/goal-edges/README.md`,
/// old-gap).
#[test]
fn an_old_gap_does_not_make_a_platform_sparse() {
    let config = fixture("goal-edges/old-gap/roi.toml");
    let out = roi(&[
        "check",
        "--config",
        config.to_str().unwrap(),
        "--as-of",
        "2026-08-20",
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let goal = &json["goals"][0];
    assert_eq!(goal["forecast"], 93.0);
    assert_eq!(goal["status"], "on_track");
    assert_eq!(goal["data_through"], "2026-08-15");
}

/// `roi check` of a configuration of `fixtures/goal-config` as of 2027-01-15.
fn config_check(config: &str) -> (i32, String, String) {
    let out = roi_in(
        &fixture("goal-config"),
        &["check", "--config", config, "--as-of", "2027-01-15"],
    );
    (
        code(&out),
        stdout(&out),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_dot_before_three_digits_is_not_guessed_for_counts_and_money() {
    // ">= 1.500" leads read as 1.5 would pass a goal that is behind (597 leads,
    // forecast 1,168.04 of 1,500); "<= 90.000" VND read as 90 would fail one.
    let (exit, _, err) = config_check("thousands-count.toml");
    assert_eq!(exit, 2, "{err}");
    assert!(
        err.contains(
            "goal `kh-tet`: line 11, column 10: `target = \">= 1.500\"` reads two ways for `leads`"
        ) && err.contains("write 1500 if you mean thousands, or 1.5 if you mean a decimal"),
        "{err}"
    );
    let (exit, _, err) = config_check("thousands-money.toml");
    assert_eq!(exit, 2, "{err}");
    assert!(
        err.contains("write 90000 if you mean thousands, or 90 if you mean a decimal"),
        "{err}"
    );
    // Written out, both goals are behind (a budget goal beside them is on track).
    let (exit, out, err) = config_check("roi.toml");
    assert_eq!(exit, 1, "{out}{err}");
    assert!(
        out.contains("FAIL kh-tet: behind — the forecast 1,168.04 misses >= 1,500"),
        "{out}"
    );
    assert!(
        out.contains(
            "FAIL cpl-tet: behind — the forecast 100,000 VND is over the ceiling <= 90,000 VND"
        ),
        "{out}"
    );
}

#[test]
fn a_goal_on_a_platform_roi_does_not_know_is_an_error() {
    let (exit, _, err) = config_check("unknown-platform.toml");
    assert_eq!(exit, 2, "{err}");
    assert!(
        err.contains("goal `g7`: line 7, column 22: `platform = \"instgram\"` is neither a platform roi knows")
            && err.contains("(did you mean `instagram`?)"),
        "{err}"
    );
    // The same typo in `--where`; a platform of the data roi does not know is kept.
    let out = roi_in(
        &fixture("goal-config"),
        &[
            "report",
            "--as-of",
            "2027-01-15",
            "--where",
            "platform=facebok",
        ],
    );
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    assert!(stdout(&out).is_empty());
    // A platform a mapping gives (Zalo, which roi does not know) is one of the data.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("zalo.csv"),
        "Ngày,Khách hàng\n2027-01-02,4\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("roi.toml"),
        "inputs = [\"*.csv\"]\n[[mappings]]\nplatform = \"Zalo\"\n\
         [mappings.columns]\n\"Ngày\" = \"date\"\n\"Khách hàng\" = \"leads\"\n\
         [[goals]]\nid = \"z\"\nkpi = \"leads\"\nwhere = { platform = \"zalo\" }\n\
         start = 2027-01-01\ndeadline = 2027-01-02\ntarget = \">= 4\"\n",
    )
    .unwrap();
    let out = roi_in(dir.path(), &["check", "--as-of", "2027-01-15"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert!(stdout(&out).contains("achieved"), "{}", transcript(&out));
}

/// A goal's `where` platform that only a mapping's column gives (Shopee), with no
/// such data in the inputs, is no error: the goal has no data and a note names the
/// value. Only a slip of a platform roi knows (`facebok`) is an error.
#[test]
fn a_goal_on_a_platform_only_other_data_has_is_no_data_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("fb.csv"),
        "date,platform,leads\n2027-01-02,facebook,4\n",
    )
    .unwrap();
    let config = |platform: &str| {
        format!(
            "inputs = [\"*.csv\"]\n[[mappings]]\nfiles = \"san-*.csv\"\n\
             [mappings.columns]\n\"Ngày\" = \"date\"\n\"Sàn\" = \"platform\"\n\
             \"Đơn hàng\" = \"purchases\"\n\
             [[goals]]\nid = \"shop\"\nkpi = \"purchases\"\nwhere = {{ platform = \"Shopee\" }}\n\
             start = 2027-01-01\ndeadline = 2027-01-31\ntarget = \">= 10\"\n\
             [[goals]]\nid = \"both\"\nkpi = \"leads\"\nwhere = {{ platform = {platform} }}\n\
             start = 2027-01-01\ndeadline = 2027-01-02\ntarget = \">= 4\"\n"
        )
    };
    std::fs::write(
        dir.path().join("roi.toml"),
        config("[\"facebook\", \"zalo\"]"),
    )
    .unwrap();
    let out = roi_in(dir.path(), &["check", "--as-of", "2027-01-15"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let err = transcript(&out);
    assert!(
        err.contains(
            "note: goal `shop`: `platform = \"Shopee\"` matches no row: no input has it and it \
             is not a platform roi knows"
        ) && err.contains("note: goal `both`: `platform = \"zalo\"` matches no row"),
        "{err}"
    );
    let out = roi_in(
        dir.path(),
        &["report", "--as-of", "2027-01-15", "--format", "json"],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let all = json["goals"].as_array().unwrap();
    let shop = goal(all, "shop");
    assert_eq!(shop["status"], "no_data");
    assert_eq!(shop["unknown_platforms"], serde_json::json!(["Shopee"]));
    // Facebook's 4 leads reach the target; zalo adds nothing.
    let both = goal(all, "both");
    assert_eq!(both["status"], "achieved");
    close(&both["current"], 4.0);
    assert_eq!(both["unknown_platforms"], serde_json::json!(["zalo"]));
    // A slip of a platform roi knows stays an error.
    std::fs::write(dir.path().join("roi.toml"), config("\"facebok\"")).unwrap();
    let out = roi_in(dir.path(), &["check", "--as-of", "2027-01-15"]);
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    assert!(
        transcript(&out).contains(
            "goal `both`: line 18, column 22: `platform = \"facebok\"` is neither a platform roi knows nor one of \
             the data (did you mean `facebook`?)"
        ),
        "{}",
        transcript(&out)
    );
}

#[test]
fn a_goal_without_a_deadline_is_named() {
    let (exit, _, err) = config_check("missing-deadline.toml");
    assert_eq!(exit, 2, "{err}");
    assert!(err.contains("goal `g13`: `deadline` is missing"), "{err}");
}

#[test]
fn a_download_not_known_by_the_as_of_date_does_not_replace_one_that_was() {
    let dir = fixture("goal-edges/later-download");
    let out = roi_in(
        &dir,
        &["report", "--as-of", "2027-01-16", "--format", "json"],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let all = json["goals"].as_array().unwrap();
    let cpa = goal(all, "cpa-tet");
    close(&cpa["current"], 30.0);
    assert_eq!(cpa["status"], "behind");
    assert_eq!(cpa["data_through"], "2027-01-15");
    let conv = goal(all, "conv-tet");
    close(&conv["current"], 150.0);
    close(&conv["forecast"], 150.0 / 46.0 * 90.0);
    assert_eq!(conv["status"], "behind");
    assert!(
        json.to_string()
            .contains("they end after the as-of date 2027-01-16"),
        "{json}"
    );
    let out = roi_in(&dir, &["check", "--as-of", "2027-01-16"]);
    assert_eq!(code(&out), 1, "{}", transcript(&out));
    // Once the later download is known, it replaces the earlier one.
    let later = goals(&dir, "roi.toml", "2027-02-02");
    close(&goal(&later, "conv-tet")["current"], 240.0);
    close(&goal(&later, "conv-tet")["forecast"], 240.0 / 62.0 * 90.0);
    assert_eq!(goal(&later, "cpa-tet")["status"], "behind");
}

#[test]
fn a_baseline_coverage_note_does_not_depend_on_an_older_export() {
    let note = "baseline 2026-09-01 ..= 2026-11-30: data for facebook covers 30 of its 91 days \
                (2026-11-01 ..= 2026-11-30)";
    let both = fixture("goal-edges/baseline-gap");
    let alone = tempfile::tempdir().unwrap();
    for file in ["roi.toml", "meta-ads-2026-11-01_2027-01-15.csv"] {
        std::fs::copy(both.join(file), alone.path().join(file)).unwrap();
    }
    for dir in [both.as_path(), alone.path()] {
        let all = goals(dir, "roi.toml", "2027-01-15");
        let g = goal(&all, "leads-prev");
        close(&g["baseline"], 300.0);
        close(&g["target"], 450.0);
        close(&g["current"], 597.0);
        assert_eq!(g["status"], "achieved");
        assert!(g.to_string().contains(note), "{} {g}", dir.display());
    }
}

#[test]
fn csv_numbers_carry_no_float_noise() {
    // 120,000,000 × 46 / 90 and 59,700,000 / 46 × 90: 15 significant digits, as
    // every other cell, not the double's 17.
    let out = roi_in(
        &fixture("goal-config"),
        &["check", "--as-of", "2027-01-15", "--format", "csv"],
    );
    assert_eq!(code(&out), 1, "{}", transcript(&out));
    assert!(
        stdout(&out).contains(
            "budget-tet,spend,2026-12-01,2027-02-28,2027-01-15,,<=,120000000,59700000,VND,\
             0.4975,61333333.3333333,116804347.826087,,44,2027-01-15,on_track"
        ),
        "{}",
        transcript(&out)
    );
}

#[test]
fn markdown_kpi_tables_mark_bounds_as_the_other_formats_do() {
    // Reach summed over 76 days is an upper bound: JSON and CSV say so, and so do
    // the table and Markdown, grouped or not.
    let dir = fixture("goal-config");
    for by in [&[][..], &["--by", "platform"][..]] {
        for format in ["markdown", "table"] {
            let mut args = vec!["report", "--as-of", "2027-01-15", "--format", format];
            args.extend(by);
            let out = roi_in(&dir, &args);
            assert!(
                stdout(&out).contains("380,000 (upper bound)"),
                "{args:?}\n{}",
                transcript(&out)
            );
        }
    }
}

#[test]
fn a_sum_already_over_its_ceiling_is_missed_before_the_deadline() {
    // fb-budget: 2 × 40 + 28 × 33.50 = 1,018 > 1,000 as of 05-30; spend cannot fall,
    // so the forecast's at-risk margin does not save it. tt-budget has a −2 row in
    // the window: it can fall back, so the forecast rule still decides (at_risk).
    let dir = fixture("goal-edges/over-ceiling");
    let all = goals(&dir, "roi.toml", "2026-05-30");
    let fb = goal(&all, "fb-budget");
    close(&fb["current"], 1018.0);
    close(&fb["forecast"], 1018.0 / 30.0 * 31.0);
    assert_eq!(fb["status"], "missed");
    assert!(
        fb["reason"]
            .as_str()
            .unwrap()
            .contains("already over the ceiling <= 1,000.00 USD by 18.00 USD"),
        "{}",
        fb["reason"]
    );
    let tt = goal(&all, "tt-budget");
    close(&tt["current"], 1013.0);
    assert_eq!(tt["status"], "at_risk");
    let out = roi_in(&dir, &["check", "--as-of", "2026-05-30"]);
    assert_eq!(code(&out), 1, "{}", transcript(&out));
    assert!(
        stdout(&out).contains("FAIL fb-budget: missed"),
        "{}",
        transcript(&out)
    );
    // Before the budget is used up, the forecast decides: 683, on course for 1,058.65.
    let out = roi_in(&dir, &["status", "fb-budget", "--as-of", "2026-05-20"]);
    assert_eq!(stdout(&out).trim(), "at_risk", "{}", transcript(&out));
}

#[test]
fn a_goal_where_value_no_row_has_is_told_with_the_closest() {
    // `campaign = "Sprng"` while the data has `Spring`: no_data, and a note with the
    // did-you-mean in every output, not a silent pass.
    let dir = fixture("goal-edges/where-typo");
    let note = "`campaign = \"Sprng\"` matches no row of the inputs (did you mean `Spring`?)";
    let out = roi_in(&dir, &["check", "--as-of", "2026-04-05"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert!(transcript(&out).contains(note), "{}", transcript(&out));
    let out = roi_in(&dir, &["status", "spring-leads", "--as-of", "2026-04-05"]);
    assert_eq!(stdout(&out), "no_data\n");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(note),
        "{}",
        transcript(&out)
    );
    let out = roi_in(
        &dir,
        &["report", "--as-of", "2026-04-05", "--format", "markdown"],
    );
    assert!(stdout(&out).contains(note), "{}", transcript(&out));
    let all = goals(&dir, "roi.toml", "2026-04-05");
    let g = goal(&all, "spring-leads");
    assert_eq!(g["status"], "no_data");
    assert_eq!(
        g["where_no_row"],
        serde_json::json!([{"dimension": "campaign", "value": "Sprng", "did_you_mean": "Spring"}])
    );
    assert!(g["warnings"].to_string().contains("did you mean `Spring`"));
    // In Vietnamese, the note is Vietnamese.
    let out = roi_in(
        &dir,
        &[
            "--lang",
            "vi",
            "status",
            "spring-leads",
            "--as-of",
            "2026-04-05",
        ],
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("có phải ý bạn là `Spring`?"),
        "{}",
        transcript(&out)
    );
}

#[test]
fn status_prints_why_there_is_no_data() {
    // stdout stays one word; stderr has the reason check prints as a note.
    let dir = fixture("goal-edges/where-typo");
    let out = roi_in(&dir, &["status", "past-2025", "--as-of", "2026-04-20"]);
    assert_eq!(stdout(&out), "no_data\n");
    assert_eq!(code(&out), 0);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "roi: past-2025: no data for `leads` between 2025-03-01 and 2025-03-31\n"
    );
}

#[test]
fn the_json_days_are_the_forecasts_days() {
    // fixtures/goal-edges/late: a week across the start is left out, so 25 days count.
    let all = goals(&fixture("goal-edges/late"), "roi.toml", "2026-04-20");
    let g = goal(&all, "li-apr");
    close(&g["current"], 140.0);
    assert_eq!(g["days_total"], 25);
    assert_eq!(g["days_elapsed"], 14);
    assert_eq!(g["days_left"], 10);
    close(&g["forecast"], 140.0 / 14.0 * 25.0);
    close(&g["expected_by_now"], 300.0 * 14.0 / 25.0);
    close(&g["needed_per_day"], 160.0 / 11.0);
}

#[test]
fn a_floor_missed_on_stale_data_says_where_the_data_ends() {
    // fixtures/goal-edges/stale-floor: 200 leads through 03-20, checked on 04-01.
    let all = goals(&fixture("goal-edges/stale-floor"), "roi.toml", "2026-04-01");
    let g = goal(&all, "leads-march");
    assert_eq!(g["status"], "missed");
    assert_eq!(
        g["reason"],
        "the deadline 2026-03-31 has passed; the data ends on 2026-03-20 at 200, short of the target >= 300 by 100"
    );
    let dir = fixture("goal-edges/stale-floor");
    let out = roi_in(&dir, &["--lang", "vi", "check", "--as-of", "2026-04-01"]);
    assert!(
        stdout(&out).contains("dữ liệu chỉ đến 20/03/2026"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_money_goal_without_rows_shows_its_target_in_the_report_currency() {
    // fixtures/goal-edges/no-rows-money: no row in November, roi.toml currency VND.
    let all = goals(
        &fixture("goal-edges/no-rows-money"),
        "roi.toml",
        "2025-12-05",
    );
    let g = goal(&all, "cpl-nov");
    assert_eq!(g["status"], "no_data");
    assert_eq!(g["currency"], "VND");
    let dir = fixture("goal-edges/no-rows-money");
    let out = roi_in(&dir, &["check", "--as-of", "2025-12-05"]);
    assert!(stdout(&out).contains("<= 60,000 VND"), "{}", stdout(&out));
}

#[test]
fn vietnamese_notes_write_dates_as_vietnamese_does() {
    // fixtures/goal-edges/late: the data runs 03-30 ..= 04-26.
    let dir = fixture("goal-edges/late");
    let out = roi_in(
        &dir,
        &[
            "--lang",
            "vi",
            "kpi",
            "leads",
            "--from",
            "2026-05-01",
            "--to",
            "2026-05-30",
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        err.contains("01/05/2026 – 30/05/2026") && err.contains("30/03/2026 đến 26/04/2026"),
        "{err}"
    );
    let out = roi_in(
        &dir,
        &[
            "--lang",
            "vi",
            "report",
            "--as-of",
            "2026-04-20",
            "--from",
            "2026-04-01",
            "--to",
            "2026-04-30",
        ],
    );
    let text = format!("{}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
    assert!(
        text.contains("dữ liệu chỉ đến 26/04/2026, trước 30/04/2026"),
        "{text}"
    );
    assert!(!text.contains("2026-04-26"), "{text}");
    // JSON stays ISO whatever the language.
    let out = roi_in(
        &dir,
        &[
            "--lang",
            "vi",
            "kpi",
            "leads",
            "--from",
            "2026-05-01",
            "--to",
            "2026-05-30",
            "--format",
            "json",
        ],
    );
    assert!(
        stdout(&out).contains("2026-05-01 ..= 2026-05-30"),
        "{}",
        stdout(&out)
    );
}

/// A goal's `where` platform roi reads as one it knows (`TikTok Shop` is tiktok)
/// is no unknown platform: the note checks the name as rows are normalized.
#[test]
fn a_goal_on_a_platform_name_roi_normalizes_is_a_platform_it_knows() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("fb.csv"),
        "date,platform,leads\n2027-01-02,facebook,4\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("roi.toml"),
        "inputs = [\"fb.csv\"]\n[[goals]]\nid = \"shop\"\nkpi = \"leads\"\n\
         where = { platform = \"TikTok Shop\" }\nstart = 2027-01-01\n\
         deadline = 2027-01-31\ntarget = \">= 5\"\n",
    )
    .unwrap();
    let out = roi_in(
        dir.path(),
        &["report", "--as-of", "2027-01-15", "--format", "json"],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert!(
        !transcript(&out).contains("not a platform roi knows"),
        "{}",
        transcript(&out)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let shop = goal(json["goals"].as_array().unwrap(), "shop");
    assert_eq!(shop["status"], "no_data");
    assert!(
        shop["unknown_platforms"]
            .as_array()
            .is_none_or(Vec::is_empty),
        "{shop}"
    );
}

/// A growth rate's progress over a baseline above zero is the share of its target
/// reached so far, as a sum's: half a month's 4.24 % of 7.44 % is 57 %, not
/// measured from a whole month's baseline (`fixtures/growth-pace/README.md`).
#[test]
fn a_growth_rate_above_zero_at_baseline_progresses_as_a_sum() {
    let dir = fixture("growth-pace/positive-baseline");
    let all = goals(&dir, "roi.toml", "2026-08-15");
    let rate = goal(&all, "rel");
    close(&rate["baseline"], 310.0 / 5000.0);
    close(&rate["current"], 225.0 / 5310.0);
    close(&rate["progress"], (225.0 / 5310.0) / (0.062 * 1.2));
    close(&rate["forecast"], 465.0 / 5310.0);
    assert_eq!(rate["status"], "on_track");
}

/// A growth rate's target at or below zero (a baseline below zero: July lost
/// followers) is met from the window's first day: progress is measured from the
/// baseline, 758 %, not current ÷ target (`fixtures/growth-pace/README.md`).
#[test]
fn a_growth_rate_below_zero_at_baseline_progresses_from_it() {
    let dir = fixture("growth-pace/negative-baseline");
    let all = goals(&dir, "roi.toml", "2026-08-16");
    let rate = goal(&all, "rel-neg-base");
    close(&rate["baseline"], -310.0 / 5000.0);
    close(&rate["target"], -0.062 * 0.8);
    close(&rate["current"], 150.0 / 4690.0);
    close(
        &rate["progress"],
        (150.0 / 4690.0 + 0.062) / (-0.062 * 0.8 + 0.062),
    );
    assert_eq!(rate["status"], "on_track");
}

/// A follower growth rate is growth over the followers at the window's start: its
/// growth runs on as the `follower_growth` goal's does and its base stays put, so
/// 150 of 5,000 (3 %) in 15 of 31 days is on course for 310 ÷ 5,000 = 6.2 % >= 5 %,
/// not behind at 3 % (`fixtures/growth-pace/README.md`).
#[test]
fn a_growth_rate_is_forecast_by_its_growth_over_the_start_base() {
    let dir = fixture("growth-pace");
    let all = goals(&dir, "roi.toml", "2026-08-15");
    let rate = goal(&all, "fb-growth-rate-aug");
    assert_eq!(rate["pace"], "growth");
    close(&rate["current"], 150.0 / 5000.0);
    close(&rate["forecast"], 310.0 / 5000.0);
    close(&rate["expected_by_now"], 0.05 * 15.0 / 31.0);
    close(&rate["needed_per_day"], (0.05 - 0.03) / 16.0);
    close(&rate["progress"], 0.6);
    assert_eq!(rate["status"], "on_track");
    // The same figures on the growth itself, in followers.
    let growth = goal(&all, "fb-growth-aug");
    assert_eq!(growth["pace"], "cumulative");
    close(&growth["forecast"], 310.0);
    close(&growth["needed_per_day"], 100.0 / 16.0);
    assert_eq!(growth["status"], "on_track");
    // The follower count stays a level: its forecast is its value.
    let count = goal(&all, "fb-followers-aug");
    assert_eq!(count["pace"], "level");
    close(&count["forecast"], 5150.0);
    assert_eq!(count["status"], "at_risk");
    let out = roi_in(&dir, &["check", "--as-of", "2026-08-15"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
}

#[test]
fn a_money_target_is_in_roi_toml_s_currency() {
    // Figures in fixtures/review13-goals/README.md: Google Ads in USD, cost 260.00
    // over 13 conversions, a cpa of 20.00 USD; the target 300000 is written in VND.
    let dir = fixture("review13-goals/target-currency");
    let run = |config: &str, as_of: &str| {
        roi_in(
            &dir,
            &[
                "check", "--config", config, "--as-of", as_of, "--format", "json",
            ],
        )
    };
    // Without [fx], 20 USD is not compared with 300,000 VND as if it were 20 VND.
    let out = run("roi.toml", "2026-08-02");
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    insta::assert_snapshot!("target_in_another_currency", transcript(&out));
    // Before the start the target is in VND too.
    let out = run("roi.toml", "2026-07-30");
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["goals"][0]["currency"], "VND");
    // With a rate, 20 USD × 25,000 = 500,000 VND, over the ceiling by 200,000.
    let all = goals(&dir, "fx.toml", "2026-08-02");
    let g = goal(&all, "cpa-aug");
    assert_eq!(g["currency"], "VND");
    close(&g["current"], 500_000.0);
    close(&g["target"], 300_000.0);
    assert_eq!(g["status"], "missed");
    // No roi.toml currency: the data's, USD, once there is data; none before.
    let all = goals(&dir, "nocurrency.toml", "2026-08-02");
    let g = goal(&all, "cpa-aug");
    assert_eq!(g["currency"], "USD");
    close(&g["current"], 20.0);
    assert_eq!(g["status"], "achieved");
    let all = goals(&dir, "nocurrency.toml", "2026-07-30");
    let g = goal(&all, "cpa-aug");
    assert_eq!(g["status"], "not_started");
    assert!(g.get("currency").is_none(), "{g}");
}

#[test]
fn rows_wholly_after_the_window_do_not_move_data_through() {
    // Figures in fixtures/review13-goals/README.md.
    let dir = fixture("review13-goals/window-outside");
    let all = goals(&dir, "roi.toml", "2026-07-25");
    // LinkedIn's rows are all after the window: Facebook's data ends on 07-08.
    let g = goal(&all, "fb-li-leads");
    close(&g["current"], 80.0);
    assert_eq!(g["data_through"], "2026-07-08");
    assert_eq!(g["days_elapsed"], 8);
    close(&g["expected_by_now"], 72.0);
    assert_eq!(g["status"], "missed");
    let reason = g["reason"].as_str().unwrap();
    assert!(
        reason.contains("the data ends on 2026-07-08 at 80"),
        "{reason}"
    );
    // Twitter has rows in the window and one after it: its days without a row are
    // zeros, so its data reaches the deadline.
    let g = goal(&all, "tw-leads");
    close(&g["current"], 15.0);
    assert_eq!(g["data_through"], "2026-07-10");
    assert_eq!(g["days_elapsed"], 10);
    close(&g["expected_by_now"], 30.0);
    assert_eq!(g["status"], "missed");
}

/// `roi check` of a configuration of `fixtures/review14-g` as of 2027-07-10.
fn review14(config: &str, format: &str) -> std::process::Output {
    roi_in(
        &fixture("review14-g"),
        &[
            "check",
            "--config",
            config,
            "--as-of",
            "2027-07-10",
            "--format",
            format,
        ],
    )
}

/// Progress against a target below zero agrees with the status: under 100 % when
/// the target is not met, 100 % or more when it is (`fixtures/review14-g/README.md`).
#[test]
fn progress_against_a_target_below_zero_agrees_with_the_status() {
    let out = review14("roi.toml", "json");
    assert_eq!(code(&out), 1, "{}", transcript(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let goals = json["goals"].as_array().unwrap();
    for (id, progress, status) in [
        ("roi-up", 0.9375, "at_risk"),
        ("roi-abs", 1.0 - 0.005 / 0.12, "at_risk"),
        ("roi-abs-short", 1.0 - 0.005 / 0.12, "missed"),
        ("fg-loss", 1.0 + 35.0 / 55.0, "behind"),
        ("fg-loss-short", 1.2, "achieved"),
        ("fg-ceiling", 0.8, "missed"),
    ] {
        let g = goal(goals, id);
        let got = g["progress"].as_f64().unwrap_or(f64::NAN);
        assert!((got - progress).abs() < 1e-4, "{id}: {got} != {progress}");
        assert_eq!(g["status"], status, "{id}");
    }
    let table = stdout(&review14("roi.toml", "table"));
    for row in [
        "| roi-abs-short | roi             | 2027-07-01 ..= 2027-07-10 |        - |              -12.50% | >= -12.00% | [#########-]   95% |",
        "| fg-loss-short | follower_growth | 2027-07-01 ..= 2027-07-10 |        - |                  -20 |     >= -25 | [##########]  120% |",
        "| fg-ceiling    | follower_growth | 2027-07-01 ..= 2027-07-10 |        - |                  -20 |     <= -25 | [########--]   80% |",
    ] {
        assert!(table.contains(row), "{table}");
    }
}

/// A decimal comma before other than three digits groups nothing; a single group
/// of three is thousands when the target's currency has no minor unit (the dong).
#[test]
fn targets_with_a_decimal_comma_or_in_dong_read_one_way() {
    let out = review14("targets.toml", "json");
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let goals = json["goals"].as_array().unwrap();
    for (id, target) in [
        ("rev-comma", 8_662_500.0),
        ("spend-comma", 10_017_000.0),
        ("cpl-dong", 300_000.0),
        ("cpl-vnd-comma", 300_000.0),
    ] {
        let g = goal(goals, id);
        close(&g["target"], target);
        assert_eq!(g["status"], "achieved", "{id}");
    }
    // Which reading is meant cannot be told: refused, saying where and why.
    let out = review14("percent-two-ways.toml", "table");
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: percent-two-ways.toml: goal `rev-pct`: line 9, column 10: `target = \"+1,500%\"` \
         reads two ways: a comma before three digits groups thousands in English (1,500 = 1500) \
         but is a decimal mark in Vietnamese and others (1,500 = 1.5); write 1500 if you mean \
         thousands, or 1.5 if you mean a decimal\n"
    );
    let out = review14("dot-alone.toml", "table");
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(
            "goal `cpl-dot`: line 9, column 10: `target = \"<= 300.000\"` reads two ways for `cpl`"
        ),
        "{}",
        transcript(&out)
    );
    // A refused bare number is quoted as written, not as roi reads it.
    let out = review14("negative-count.toml", "table");
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("goal `leads-below`: line 9, column 10: `target = -1`: `leads` is a count"),
        "{}",
        transcript(&out)
    );
}

/// roi's own format holds every platform's rows under one header, where an empty
/// cell is no value: a platform takes part in a rate by what its rows have, as on
/// the exports (`fixtures/roi-format-rates`, figures in its README.md).
#[test]
fn rates_leave_the_same_platforms_out_of_normalized_rows() {
    let dir = fixture("roi-format-rates");
    let tmp = tempfile::tempdir().unwrap();
    let config = dir.join("roi.toml");
    let config = config.to_str().unwrap();
    let check = |inputs: &str| {
        let out = roi(&[
            "report",
            inputs,
            "--config",
            config,
            "--as-of",
            "2026-03-01",
            "--format",
            "json",
        ]);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let all = json["goals"].as_array().unwrap().clone();
        close(&goal(&all, "er")["current"], 593.0 / 5500.0);
        assert_eq!(goal(&all, "er")["status"], "achieved", "{inputs}");
        close(&goal(&all, "ctr")["current"], 378.0 / 5715.0);
        assert_eq!(goal(&all, "ctr")["status"], "achieved", "{inputs}");
        let out = roi(&["check", inputs, "--config", config, "--as-of", "2026-03-01"]);
        assert_eq!(code(&out), 0, "{inputs}: {}", transcript(&out));
    };
    let exports = dir.join("exports");
    check(exports.to_str().unwrap());
    for format in ["csv", "json"] {
        let out = roi(&[
            "normalize",
            exports.to_str().unwrap(),
            "--config",
            config,
            "--format",
            format,
        ]);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        let path = tmp.path().join(format!("rows.{format}"));
        std::fs::write(&path, &out.stdout).unwrap();
        check(path.to_str().unwrap());
    }
}

/// A currency in a goal's `where` is read as the rows' currencies are: `VNĐ` and
/// `đ` are VND, not values no row has (figures in
/// `fixtures/currency-spellings/README.md`).
#[test]
fn a_where_currency_is_read_in_any_spelling() {
    let dir = fixture("currency-spellings");
    let all = goals(&dir, "roi.toml", "2026-09-30");
    let cpl = goal(&all, "cpl-dong");
    close(&cpl["current"], 500_000.0);
    close(&cpl["target"], 600_000.0);
    assert_eq!(cpl["status"], "on_track");
    assert_eq!(cpl["currency"], "VND");
    let spend = goal(&all, "spend-dong");
    close(&spend["current"], 12_000_000.0);
    assert_eq!(spend["status"], "missed");
    for g in [cpl, spend] {
        assert!(g.get("where_no_row").is_none(), "{g}");
    }
    let out = roi_in(&dir, &["check", "--as-of", "2026-09-30"]);
    assert_eq!(code(&out), 1, "{}", transcript(&out));
}

/// A rate's growth target lands on the rate it names: 10 % + 20 % is 12 %, met
/// by 12 % with a full bar (figures in `fixtures/rate-growth/README.md`).
#[test]
fn a_growth_target_on_a_rate_is_met_exactly() {
    let dir = fixture("rate-growth");
    let all = goals(&dir, "roi.toml", "2026-08-05");
    for (id, target) in [("ctr", 0.12), ("eri", 0.11)] {
        let g = goal(&all, id);
        assert_eq!(g["target"].as_f64(), Some(target), "{g}");
        assert_eq!(g["progress"].as_f64(), Some(1.0), "{g}");
        assert_eq!(g["status"], "achieved");
    }
    let out = roi_in(&dir, &["check", "--as-of", "2026-08-05"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let text = stdout(&out);
    for id in ["ctr ", "eri "] {
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("| {id}")))
            .unwrap();
        assert!(line.contains("[##########]  100%"), "{line}");
    }
}

/// `[emv] cost_per_engagement` written as a money string is read as a money
/// target's amount, in roi.toml's `currency` only (figures in
/// fixtures/emv-amounts/README.md).
#[test]
fn a_money_string_for_cost_per_engagement_is_read_as_a_targets_amount() {
    let dir = fixture("emv-amounts");
    for (config, emv) in [
        ("roi.toml", "3250000"),
        ("grouped.toml", "3250000"),
        ("dollars.toml", "130"),
        ("comma.toml", "130"),
    ] {
        let out = roi_in(&dir, &["kpi", "emv", "--config", config]);
        assert_eq!(code(&out), 0, "{config}: {}", transcript(&out));
        assert_eq!(stdout(&out), format!("{emv}\n"), "{config}");
    }
    let key = "`[emv] cost_per_engagement = ";
    for (config, error) in [
        (
            "other.toml",
            "line 4, column 23: `[emv] cost_per_engagement = \"$0.50\"` is written in $, but \
             `emv` is computed in roi.toml's `currency`, VND; write the amount in VND, or set \
             roi.toml's `currency` to the one the amount is in",
        ),
        (
            "none.toml",
            "line 3, column 23: `[emv] cost_per_engagement = \"12.500 ₫\"` is written in ₫, \
             but roi.toml sets no `currency`, which `emv` is computed in; add `currency = \
             \"…\"` (the amount's currency) to roi.toml, or write the number alone",
        ),
        (
            "ambiguous.toml",
            "line 4, column 23: `[emv] cost_per_engagement = \"12.500\"` reads two ways for \
             `emv`: a dot before three digits groups thousands in many languages (12.500 = \
             12500) but is a decimal point in roi.toml (12.500 = 12.5); write 12500 if you \
             mean thousands, or 12.5 if you mean a decimal",
        ),
        (
            "comparison.toml",
            "line 4, column 23: `[emv] cost_per_engagement = \">= 12500\"` is not an amount; \
             write a plain number (12500, 0.5), or one with roi.toml's `currency` before or \
             after it, thousands grouped in threes as in a money target (\"12.500 ₫\", \
             \"12,500 VND\", \"$0.50\")",
        ),
    ] {
        let out = roi_in(&dir, &["kpi", "emv", "--config", config]);
        assert_eq!(code(&out), 2, "{config}: {}", transcript(&out));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(key), "{stderr}");
        assert_eq!(
            stderr.lines().last(),
            Some(format!("error: {config}: {error}").as_str()),
            "{config}"
        );
    }
}

/// roi.toml's own `lang` is the language of its errors, unless `--lang` says
/// otherwise. fixtures/review16-g/lang.
#[test]
fn config_errors_are_in_the_configs_lang() {
    let dir = fixture("review16-g/lang");
    let err = |out: &std::process::Output| String::from_utf8_lossy(&out.stderr).into_owned();
    let out = roi_in(&dir, &["check", "--as-of", "2026-08-03"]);
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    assert_eq!(
        err(&out),
        "lỗi: roi.toml: mục tiêu `ty-le-nhap`: dòng 10, cột 10: `target = \">= 12,5%\"`: trong \
         roi.toml một tỷ lệ được viết dưới dạng phân số: \">= 0.125\" (thay đổi so với mốc so \
         sánh là \"+5%\" hoặc \"-5%\")\n"
    );
    let out = roi_in(&dir, &["check", "--config", "severity.toml"]);
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    assert_eq!(
        err(&out),
        "lỗi: severity.toml: mục tiêu `chi-tieu`: dòng 11, cột 12: `severity = \"warm\"` phải là \"error\" hoặc \"warn\"\n"
    );
    let out = roi_in(&dir, &["check", "--lang", "en", "--as-of", "2026-08-03"]);
    assert!(
        err(&out).starts_with("error: roi.toml: goal `ty-le-nhap`: line 10"),
        "{}",
        err(&out)
    );
}

#[test]
fn a_rate_is_measured_over_the_days_both_its_sides_cover() {
    // A CRM's leads through 08-05, Meta's spend through 08-10 (figures in the
    // README): 2,500,000 / 4, not the whole spend over half the days' leads.
    let dir = fixture("goal-edges/rate-sides");
    let all = goals(&dir, "roi.toml", "2026-08-10");
    let g = goal(&all, "cpl-fb");
    close(&g["current"], 625_000.0);
    assert_eq!(g["data_through"], "2026-08-05");
    assert_eq!(g["status"], "on_track");
    assert_eq!(
        g["sides_cover"],
        serde_json::json!({
            "measured": {"from": "2026-08-01", "to": "2026-08-05"},
            "short": ["leads"],
            "short_days": {"from": "2026-08-01", "to": "2026-08-05"},
            "long": ["spend"],
            "long_days": {"from": "2026-08-01", "to": "2026-08-10"},
        })
    );
    let out = roi_in(&dir, &["check", "--as-of", "2026-08-10"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert!(
        stdout(&out).contains(
            "note: goal `cpl-fb`: cpl: `leads` covers 2026-08-01 ..= 2026-08-05 and `spend` \
             2026-08-01 ..= 2026-08-10: it is measured over the days both cover, 2026-08-01 \
             ..= 2026-08-05"
        ),
        "{}",
        transcript(&out)
    );
    // `roi kpi` keeps the window it is given and says what the rate mixes.
    let note = "roi: cpl: `leads` covers 2026-08-01 ..= 2026-08-05 and `spend` 2026-08-01 ..= \
                2026-08-10: on the other days it counts one side's figures without the \
                other's; a --from/--to within the days both cover compares like with like\n";
    for (window, value, told) in [
        (&[][..], "1875000", note),
        (
            &["--from", "2026-08-01", "--to", "2026-08-05"][..],
            "625000",
            "",
        ),
        (
            &["--from", "2026-08-06", "--to", "2026-08-10"][..],
            "n/a",
            note,
        ),
    ] {
        let mut args = vec!["kpi", "cpl", "--where", "platform=facebook"];
        args.extend_from_slice(window);
        let out = roi_in(&dir, &args);
        assert_eq!(stdout(&out).trim(), value, "{window:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), told, "{window:?}");
    }
}

#[test]
fn a_crm_export_named_for_its_day_reaches_that_day() {
    // HubSpot's export of 08-11 with no contact after 08-02 (figures in the
    // README): 0 leads on 08-03 ..= 08-10, so 10,000,000 / 4, behind.
    let dir = fixture("goal-edges/crm-export-day");
    let all = goals(&dir, "roi.toml", "2026-08-11");
    let g = goal(&all, "cpl-fb");
    close(&g["current"], 2_500_000.0);
    assert_eq!(g["data_through"], "2026-08-10");
    assert_eq!(g["status"], "behind");
    assert_eq!(
        g["sides_cover"]["measured"],
        serde_json::json!({"from": "2026-08-01", "to": "2026-08-10"})
    );
    assert_eq!(code(&roi_in(&dir, &["check", "--as-of", "2026-08-11"])), 1);
    let out = roi_in(
        &dir,
        &[
            "kpi",
            "leads",
            "--where",
            "platform=facebook",
            "--from",
            "2026-08-03",
            "--to",
            "2026-08-10",
        ],
    );
    assert_eq!(stdout(&out), "0\n", "{}", transcript(&out));
    // explain lists the sums the goal is worked out over.
    let out = roi_in(
        &dir,
        &[
            "explain",
            "cpl-fb",
            "--as-of",
            "2026-08-11",
            "--format",
            "json",
        ],
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let current = &json["windows"][0];
    assert_eq!(
        current["window"],
        serde_json::json!({"from": "2026-08-01", "to": "2026-08-10"})
    );
    close(&current["value"], 2_500_000.0);
    let sums: Vec<_> = current["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["metric"].clone(), m["value"].clone()))
        .collect();
    assert_eq!(
        sums,
        [
            (serde_json::json!("spend"), serde_json::json!(10_000_000.0)),
            (serde_json::json!("leads"), serde_json::json!(4.0)),
        ]
    );
}

#[test]
fn report_counts_no_record_in_days_a_list_covers_as_zero() {
    use serde_json::json;
    // As `roi kpi` and the goals (figures in the README): no contact on 08-03 ..=
    // 08-05 of an export made 08-11 is 0 leads, in the total and in each day.
    let dir = fixture("goal-edges/crm-export-day");
    let report = |extra: &[&str]| {
        let mut args = vec![
            "report",
            "--where",
            "platform=facebook",
            "--kpi",
            "leads,cpl",
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        let out = roi_in(&dir, &args);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        json["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| {
                let day = g["key"]["day"].as_str().unwrap_or("").to_owned();
                (
                    day,
                    g["values"]["leads"]["value"].clone(),
                    g["values"]["cpl"]["value"].clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        report(&["--from", "2026-08-03", "--to", "2026-08-05"]),
        [(String::new(), json!(0.0), json!(null))]
    );
    // The list alone, over days without a contact and without any other row: the
    // total is 0 leads, not "no rows match".
    let out = roi_in(
        &dir,
        &[
            "report",
            "hubspot-crm-exports-all-contacts-2026-08-11.csv",
            "--from",
            "2026-08-05",
            "--to",
            "2026-08-09",
            "--kpi",
            "leads",
            "--format",
            "csv",
        ],
    );
    assert_eq!(stdout(&out), "rows,leads\n0,0\n", "{}", transcript(&out));
    let days = report(&["--from", "2026-08-01", "--to", "2026-08-05", "--by", "day"]);
    let want = [
        ("2026-08-01", json!(2.0), json!(500_000.0)),
        ("2026-08-02", json!(2.0), json!(500_000.0)),
        ("2026-08-03", json!(0.0), json!(null)),
        ("2026-08-04", json!(0.0), json!(null)),
        ("2026-08-05", json!(0.0), json!(null)),
    ]
    .map(|(d, l, c)| (d.to_owned(), l, c));
    assert_eq!(days, want);
}

/// A count with no row on a day an export's stated range covers is 0 in the report's
/// groups as in `roi kpi` (fixtures/goal-edges/README.md, stated-range-report/); a
/// newer download without the count's column keeps the older one's values of it but
/// says nothing of its own days (fixtures/overlap-cases/column-presets: link clicks
/// only in the older file, through 03-04).
#[test]
fn report_counts_no_row_in_a_stated_range_as_zero_but_not_past_a_download_without_the_column() {
    let dir = fixture("goal-edges/stated-range-report");
    let by_day = |dir: &std::path::Path, kpis: &str| {
        let out = roi_in(
            dir,
            &[
                "report", ".", "--by", "day", "--kpi", kpis, "--format", "csv",
            ],
        );
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        stdout(&out)
    };
    assert_eq!(
        by_day(&dir, "leads,impressions"),
        "day,rows,leads,leads_change,impressions,impressions_change\n\
         2026-08-01,1,5,,1000,\n\
         2026-08-02,1,0,-1,500,\n\
         2026-08-03,1,7,,1200,\n"
    );
    let day = ["--from", "2026-08-02", "--to", "2026-08-02"];
    let out = roi_in(&dir, &[&["kpi", "leads", "."][..], &day].concat());
    assert_eq!(stdout(&out), "0\n", "{}", transcript(&out));

    let presets = fixture("overlap-cases/column-presets");
    let days = by_day(&presets, "link_clicks,leads");
    let tail: Vec<&str> = days.lines().skip(5).collect();
    assert_eq!(
        tail,
        [
            "2026-03-05,1,,,15,0.071428571",
            "2026-03-06,1,,,16,0.066666667"
        ]
    );
    let window = ["--from", "2026-03-05", "--to", "2026-03-06"];
    let out = roi_in(
        &presets,
        &[&["kpi", "link_clicks", "."][..], &window].concat(),
    );
    assert_eq!(stdout(&out), "n/a\n", "{}", transcript(&out));
}

#[test]
fn explain_shows_the_days_a_rate_is_measured_over() {
    // Leads through 08-05 (the file's last contact), spend through 08-10: the goal
    // is 2,500,000 / 4 over 08-01 ..= 08-05, and so are explain's sums.
    let dir = fixture("goal-edges/rate-sides");
    let out = roi_in(
        &dir,
        &[
            "explain",
            "cpl-fb",
            "--as-of",
            "2026-08-10",
            "--format",
            "json",
        ],
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let current = &json["windows"][0];
    assert_eq!(
        current["window"],
        serde_json::json!({"from": "2026-08-01", "to": "2026-08-05"})
    );
    close(&current["value"], 625_000.0);
    close(&json["goal"]["current"], 625_000.0);
    close(&current["metrics"][0]["value"], 2_500_000.0);
    close(&current["metrics"][1]["value"], 4.0);
}

#[test]
fn a_rate_of_two_lists_of_records_shares_their_days() {
    // 6 leads 08-01 ..= 08-05 (export of 08-12), 3 won deals 08-10 ..= 08-12:
    // customers come after leads, 3 / 6 = 50 % (figures in the README).
    let dir = fixture("goal-edges/crm-two-lists");
    let all = goals(&dir, "roi.toml", "2026-09-01");
    let g = goal(&all, "l2c");
    close(&g["current"], 0.5);
    assert_eq!(g["status"], "achieved");
    assert_eq!(
        g["sides_cover"]["measured"],
        serde_json::json!({"from": "2026-08-01", "to": "2026-08-12"})
    );
}

#[test]
fn no_record_in_days_a_list_covers_is_zero() {
    // No Twitter contact over 08-05 ..= 08-15 in a list of 07-20 ..= 08-19 (figures
    // in fixtures/goal-edges/crm-zero/README.md): 0 leads, missed, as `roi kpi`.
    let dir = fixture("goal-edges/crm-zero");
    let all = goals(&dir, "roi.toml", "2026-08-30");
    let g = goal(&all, "tw-short");
    close(&g["current"], 0.0);
    assert_eq!(g["status"], "missed");
    close(&goal(&all, "fb-short")["current"], 2.0);
    let out = roi_in(&dir, &["status", "tw-short", "--as-of", "2026-08-30"]);
    assert_eq!((stdout(&out).trim(), code(&out)), ("missed", 1));
    let all = goals(&dir, "roi.toml", "2026-09-10");
    let g = goal(&all, "tw-month");
    close(&g["current"], 0.0);
    assert_eq!(g["data_through"], "2026-08-19");
    assert_eq!(g["status"], "missed");
    let through = "roi: data ends on 2026-08-19, before 2026-08-20: values are measured \
                   through 2026-08-19\n";
    for (platform, to, value, told) in [
        ("twitter", "2026-08-15", "0", ""),
        ("twitter", "2026-08-19", "0", ""),
        ("twitter", "2026-08-20", "0", through),
        ("facebook", "2026-08-20", "2", through),
    ] {
        let out = roi_in(
            &dir,
            &[
                "kpi",
                "leads",
                "--where",
                &format!("platform={platform}"),
                "--from",
                "2026-08-05",
                "--to",
                to,
            ],
        );
        assert_eq!(stdout(&out).trim(), value, "{platform} {to}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            told,
            "{platform} {to}"
        );
    }
    // A sheet of contracts mapped with `per_row`: no paid one by 08-20 is 0.
    let dir = fixture("goal-edges/kol-zero");
    let all = goals(&dir, "roi.toml", "2026-08-20");
    let g = goal(&all, "kol-tra-phi-q3");
    close(&g["current"], 0.0);
    close(&g["expected_by_now"], 51.0 / 92.0);
    assert_eq!(g["status"], "behind");
    assert_eq!(goal(&all, "kol-mien-phi-q3")["status"], "achieved");
}

#[test]
fn a_list_reaches_only_an_export_day_in_its_name_and_not_past_today() {
    // Figures in fixtures/goal-edges/crm-name-days/README.md.
    let dir = fixture("goal-edges/crm-name-days");
    let kpi = |args: &[&str]| {
        let mut all = vec!["kpi", "leads"];
        all.extend_from_slice(args);
        let out = roi_in(&dir, &all);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        stdout(&out).trim().to_owned()
    };
    // A campaign's end in the name is no export day: the list ends on 08-02.
    assert_eq!(kpi(&["--from", "2026-08-01", "--to", "2026-08-02"]), "4");
    assert_eq!(kpi(&["--from", "2026-11-01", "--to", "2026-11-30"]), "n/a");
    let all = goals(&dir, "roi.toml", "2026-11-30");
    assert_eq!(goal(&all, "nov-leads")["status"], "no_data");
    assert_eq!(code(&roi_in(&dir, &["check", "--as-of", "2026-11-30"])), 0);
    // An export dated 2099 reaches today (or the as-of date), no further.
    let future = "hubspot-crm-exports-all-contacts-2099-12-31.csv";
    assert_eq!(
        kpi(&[future, "--from", "2026-08-07", "--to", "2026-08-31"]),
        "0"
    );
    assert_eq!(
        kpi(&[future, "--from", "2099-01-01", "--to", "2099-12-31"]),
        "n/a"
    );
    let as_of = |from, to| kpi(&[future, "--as-of", "2026-08-10", "--from", from, "--to", to]);
    assert_eq!(as_of("2026-08-07", "2026-08-10"), "0");
    assert_eq!(as_of("2026-08-11", "2026-08-31"), "n/a");
}

#[test]
fn a_landing_page_without_a_query_string_is_the_page_with_any() {
    // GA4 splits `/new-items` by the query strings of the links to it (figures in
    // fixtures/landing-query/README.md): Pinterest's visits are 600 in Q3, 510 in Q4
    // through 11-20; `/new-items-sale` is another page.
    let dir = fixture("landing-query");
    let all = goals(&dir, "roi.toml", "2026-11-24");
    let g = goal(&all, "pinterest-new-items-q4");
    close(&g["baseline"], 600.0);
    close(&g["target"], 900.0);
    close(&g["current"], 510.0);
    close(&g["forecast"], 920.0);
    assert_eq!(g["status"], "on_track");
    let kpi = |page: &str| {
        let out = roi_in(
            &dir,
            &[
                "kpi",
                "web_traffic",
                "--where",
                "platform=pinterest",
                "--where",
                &format!("landing_page={page}"),
            ],
        );
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        stdout(&out).trim().to_owned()
    };
    assert_eq!(kpi("/New-Items"), "1110");
    // A query string asks for that one.
    assert_eq!(
        kpi("/new-items?utm_source=pinterest&utm_medium=social"),
        "350"
    );
}

/// A fixed amount added to a sum (`spend + 5000000`) is a sum in its sum part: the
/// sum runs on and the amount is added once, so a budget on course to be blown fails
/// (`fixtures/goal-edges/fixed-fee/README.md`).
#[test]
fn a_fixed_amount_added_to_a_sum_is_forecast_with_the_sum() {
    let dir = fixture("goal-edges/fixed-fee");
    let all = goals(&dir, "roi.toml", "2027-01-05");
    let spend = goal(&all, "spend-cap");
    close(&spend["forecast"], 24_310_000.0 / 22.0 * 31.0);
    let cost = goal(&all, "cost-cap");
    assert_eq!(cost["pace"], "cumulative");
    close(&cost["current"], 29_310_000.0);
    close(&cost["forecast"], 34_255_000.0 + 5_000_000.0);
    // JSON gives 15 significant digits.
    let near = |v: &serde_json::Value, want: f64| {
        let got = v.as_f64().unwrap_or(f64::NAN);
        assert!((got - want).abs() < 1e-6, "{got} != {want}");
    };
    near(
        &cost["expected_by_now"],
        5_000_000.0 + 30_000_000.0 * 22.0 / 31.0,
    );
    close(&cost["progress"], 0.837_428_571);
    assert_eq!(cost["days_elapsed"], 22);
    assert_eq!(cost["days_total"], 31);
    assert_eq!(cost["status"], "behind");
    let doubled = goal(&all, "doubled-cap");
    assert_eq!(doubled["pace"], "cumulative");
    close(&doubled["current"], 50_620_000.0);
    close(&doubled["forecast"], 70_510_000.0);
    near(
        &doubled["expected_by_now"],
        2_000_000.0 + 68_000_000.0 * 22.0 / 31.0,
    );
    assert_eq!(doubled["status"], "at_risk");
    let out = roi_in(&dir, &["check", "--as-of", "2027-01-05"]);
    assert_eq!(code(&out), 1, "{}", transcript(&out));
    assert!(
        stdout(&out).contains("FAIL cost-cap: behind"),
        "{}",
        transcript(&out)
    );
    let out = roi_in(&dir, &["kpis", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let pace = |name: &str| {
        json["kpis"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["name"] == name)
            .map(|k| k["pace"].clone())
    };
    assert_eq!(pace("total_cost").unwrap(), "cumulative");
    assert_eq!(pace("doubled_cost").unwrap(), "cumulative");
    assert_eq!(pace("cost_per_lead_plus").unwrap(), "level");
}

/// The days only a row across the deadline covers are never counted, as those only
/// a row across the start covers: a December goal on weeks whose last runs into
/// January counts 12-07 ..= 12-27 (`fixtures/goal-edges/week-after/README.md`).
#[test]
fn days_only_a_row_across_the_deadline_covers_do_not_count() {
    let dir = fixture("goal-edges/week-after");
    let all = goals(&dir, "roi.toml", "2026-12-28");
    let g = goal(&all, "leads-dec");
    close(&g["current"], 210.0);
    assert_eq!(g["data_through"], "2026-12-27");
    assert_eq!(g["counted_through"], "2026-12-27");
    assert_eq!(g["days_elapsed"], 21);
    assert_eq!(g["days_total"], 21);
    close(&g["forecast"], 210.0);
    close(&g["expected_by_now"], 250.0);
    assert!(g["needed_per_day"].is_null());
    assert_eq!(g["rows_left_out"], 2);
    assert_eq!(g["status"], "behind");
    let warnings = g["warnings"].to_string();
    assert!(!warnings.contains("data ends"), "{warnings}");
    assert!(
        warnings.contains("the days after 2026-12-27 that only it covers are never counted"),
        "{warnings}"
    );

    let all = goals(&dir, "roi.toml", "2027-01-04");
    let g = goal(&all, "leads-dec");
    close(&g["forecast"], 210.0);
    assert_eq!(g["status"], "missed");
    assert_eq!(
        g["reason"],
        "the deadline 2026-12-31 has passed at 210 counted through 2026-12-27 (the last \
         row runs past the deadline and cannot be counted), short of the target >= 250 by 40"
    );
    assert!(!g["warnings"].to_string().contains("data ends"));
    let out = roi_in(&dir, &["check", "--as-of", "2027-01-04"]);
    assert_eq!(code(&out), 1, "{}", transcript(&out));

    // A budget is spent over the same days: 2,100 of 2,200, not a run rate over
    // days no row can give.
    let all = goals(&dir, "budget.toml", "2027-01-04");
    let g = goal(&all, "budget-dec");
    close(&g["current"], 2100.0);
    close(&g["forecast"], 2100.0);
    assert_eq!(g["days_total"], 21);
    assert_eq!(g["status"], "achieved");
}

/// A month's row across a goal's edge beside daily rows of its export cuts no days:
/// the daily rows count in its place, and later ones will
/// (`fixtures/goal-edges/month-beside-days/README.md`).
#[test]
fn a_row_across_an_edge_with_finer_rows_beside_it_cuts_no_days() {
    let dir = fixture("goal-edges/month-beside-days");
    let all = goals(&dir, "roi.toml", "2026-08-10");
    let g = goal(&all, "spend-aug-1-15");
    close(&g["current"], 29.0);
    assert_eq!(g["days_elapsed"], 10);
    assert_eq!(g["days_total"], 15);
    close(&g["forecast"], 43.5);
    close(&g["expected_by_now"], 50.0 * 10.0 / 15.0);
    assert!(g["counted_through"].is_null(), "{g}");
    assert!(!g["warnings"].to_string().contains("never counted"), "{g}");
    let g = goal(&all, "spend-from-aug-5");
    close(&g["current"], 17.4);
    assert_eq!(g["days_elapsed"], 6);
    assert_eq!(g["days_total"], 37);
    close(&g["forecast"], 107.3);
    assert!(g["counted_from"].is_null(), "{g}");
}

/// A sum over a stock at the window's end (`engagements / follower_count`, and
/// roi.toml's `impressions / follower_count`) grows with the days as its sum does:
/// its forecast runs the sum on to the deadline over the stock's latest value
/// (`fixtures/flow-over-stock`, figures in its README.md).
#[test]
fn a_sum_over_a_stock_is_forecast_as_its_sum_runs_on() {
    let dir = fixture("flow-over-stock");
    let at = |as_of: &str| {
        let out = roi_in(&dir, &["check", "--as-of", as_of, "--format", "json"]);
        assert_eq!(code(&out), 0, "{as_of}: {}", transcript(&out));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        json["goals"].as_array().unwrap().clone()
    };
    let goals = at("2026-08-15");
    let er = goal(&goals, "er-f");
    close(&er["current"], 555.0 / 5150.0);
    close(&er["forecast"], 555.0 / 15.0 * 31.0 / 5150.0);
    close(&er["expected_by_now"], 0.2 * 15.0 / 31.0);
    assert_eq!(er["status"], "on_track");
    let ipf = goal(&goals, "ipf");
    close(&ipf["current"], 15000.0 / 5150.0);
    close(&ipf["forecast"], 31000.0 / 5150.0);
    assert_eq!(ipf["status"], "on_track");
    let goals = at("2026-08-25");
    close(
        &goal(&goals, "er-f")["forecast"],
        925.0 / 25.0 * 31.0 / 5250.0,
    );
    assert_eq!(goal(&goals, "er-f")["status"], "on_track");
    let goals = at("2026-08-31");
    close(&goal(&goals, "er-f")["current"], 1147.0 / 5310.0);
    assert_eq!(goal(&goals, "er-f")["status"], "achieved");
    close(&goal(&goals, "ipf")["current"], 31000.0 / 5310.0);
    assert_eq!(goal(&goals, "ipf")["status"], "achieved");
}

/// Without `[emv]`, EMV counts 0.50 per engagement, the article's US dollars: in
/// roi.toml's other `currency` it is converted at `[fx]`'s USD rate, or stays in
/// dollars, and a note says which (fixtures/emv-amounts/README.md).
#[test]
fn the_default_emv_is_in_dollars_until_a_rate_converts_it() {
    let dir = fixture("emv-amounts");
    let json = |config: &str| {
        let out = roi_in(
            &dir,
            &["kpi", "emv", "--config", config, "--format", "json"],
        );
        assert_eq!(code(&out), 0, "{config}: {}", transcript(&out));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let in_dollars = "emv is in US dollars: it counts each engagement at the default cost of \
                      0.50 USD, and [fx] has no USD rate into VND: set `[emv] \
                      cost_per_engagement` in roi.toml to what an engagement is worth in VND, \
                      or give [fx] a USD rate";
    let vnd = json("default.toml");
    assert_eq!(vnd["value"], 130.0);
    assert_eq!(vnd["currency"], "USD");
    assert_eq!(vnd["notes"], serde_json::json!([in_dollars]));
    let converted = "emv counts each engagement at the default cost of 0.50 USD, 12500 VND at \
                     [fx]'s rate of 25000: set `[emv] cost_per_engagement` in roi.toml to what \
                     an engagement is worth in VND";
    let fx = json("default-fx.toml");
    assert_eq!(fx["value"], 3_250_000.0);
    assert_eq!(fx["currency"], "VND");
    assert_eq!(fx["notes"], serde_json::json!([converted]));
    let usd = json("default-usd.toml");
    assert_eq!(usd["value"], 130.0);
    assert_eq!(usd["currency"], "USD");
    assert_eq!(usd["notes"], serde_json::Value::Null);
    assert_eq!(json("roi.toml")["notes"], serde_json::Value::Null);
    let out = roi_in(
        &dir,
        &["report", "--config", "default.toml", "--kpi", "emv"],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert!(
        stdout(&out).contains(&format!("note: {in_dollars}")),
        "{}",
        transcript(&out)
    );
    // A goal in VND: met at the converted figure, refused against dollars.
    let status = |config: &str| {
        roi_in(
            &dir,
            &[
                "status",
                "emv-aug",
                "--config",
                config,
                "--as-of",
                "2026-08-31",
            ],
        )
    };
    let out = status("default-fx.toml");
    assert_eq!(
        (code(&out), stdout(&out)),
        (0, "achieved\n".into()),
        "{}",
        transcript(&out)
    );
    let text = std::fs::read_to_string(dir.join("default-fx.toml")).unwrap();
    let scratch = tempfile::tempdir().unwrap();
    std::fs::copy(
        dir.join("instagram-noi-dung.csv"),
        scratch.path().join("instagram-noi-dung.csv"),
    )
    .unwrap();
    std::fs::write(
        scratch.path().join("roi.toml"),
        text.replace("[fx]\nUSD = 25000\n", ""),
    )
    .unwrap();
    let out = roi_in(
        scratch.path(),
        &["status", "emv-aug", "--as-of", "2026-08-31"],
    );
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    assert!(
        transcript(&out).contains("its target is in VND")
            && transcript(&out).contains("data in USD"),
        "{}",
        transcript(&out)
    );
}

/// A rate whose numerator and denominator are each only in an export without the
/// other (GA4's conversions, Meta's link clicks) has no value: the goal's reason
/// says so rather than "no data", and `check --format markdown` keeps every
/// no_data goal's reason, as the table does (fixtures/review18-b/README.md).
#[test]
fn a_rate_of_sides_in_different_exports_says_why_in_every_format() {
    let dir = fixture("review18-b/sides-apart");
    let reason = "no value for `conversion_rate` between 2026-08-01 and 2026-08-03: no export \
                  has both conversions and link_clicks, and a rate never divides one export's \
                  by another's, so every one is left out";
    let out = roi_in(&dir, &["status", "cr", "--as-of", "2026-08-03"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(stdout(&out), "no_data\n");
    assert!(
        String::from_utf8_lossy(&out.stderr).starts_with(&format!("roi: cr: {reason}\n")),
        "{}",
        transcript(&out)
    );
    let out = roi_in(
        &dir,
        &["check", "--as-of", "2026-08-03", "--format", "json"],
    );
    let check: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(check["goals"][0]["reason"], reason, "{check}");
    let out = roi_in(
        &dir,
        &["check", "--as-of", "2026-08-03", "--format", "markdown"],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    insta::assert_snapshot!("sides_apart_check_markdown", stdout(&out));
    let out = roi_in(
        &dir,
        &[
            "check",
            "--as-of",
            "2026-08-03",
            "--format",
            "markdown",
            "--lang",
            "vi",
        ],
    );
    let text = stdout(&out);
    assert!(
        text.contains(
            "> lưu ý: mục tiêu `july-leads`: không có dữ liệu `leads` từ 01/07/2026 đến 31/07/2026"
        ),
        "{text}"
    );
}

/// A platform whose data ends early: before the deadline the note says its sums are
/// run on at their daily rate for the forecast; on the deadline there is no forecast,
/// and the note does not say so (the twenty-first review's I).
#[test]
fn a_partial_platform_note_speaks_of_a_forecast_only_before_the_deadline() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("rows.csv"),
        "date,platform,leads\n2026-08-01,facebook,5\n2026-08-02,facebook,5\n\
         2026-08-03,facebook,5\n2026-08-01,twitter,2\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("roi.toml"),
        "inputs = [\"rows.csv\"]\n[[goals]]\nid = \"leads\"\nkpi = \"leads\"\n\
         target = \">= 10\"\nstart = 2026-08-01\ndeadline = 2026-08-03\n",
    )
    .unwrap();
    let note = |as_of: &str| {
        let out = roi_in(dir.path(), &["status", "leads", "--as-of", as_of]);
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let before = note("2026-08-02");
    assert!(
        before.contains("data for twitter covers 1 of the 2 days through 2026-08-02")
            && before.contains("the forecast runs its sums on at their daily rate"),
        "{before}"
    );
    let on = note("2026-08-03");
    assert!(
        on.contains("data for twitter covers 1 of the 3 days through 2026-08-03")
            && !on.contains("forecast"),
        "{on}"
    );
}

/// A row across the goal's window edge is told only when it holds one of the goal's
/// metrics: a TikTok week beside a goal on Google Ads' spend is no row it lost.
#[test]
fn rows_left_out_are_told_only_when_they_hold_the_goals_metrics() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("rows.csv"),
        "date,end_date,platform,video_views,spend,currency\n\
         2026-07-27,2026-08-02,tiktok,700,,\n\
         2026-08-01,2026-08-01,google_ads,,10,USD\n2026-08-02,2026-08-02,google_ads,,12,USD\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("roi.toml"),
        "inputs = [\"rows.csv\"]\n\
         [[goals]]\nid = \"spend\"\nkpi = \"spend\"\ntarget = \"<= 100\"\nstart = 2026-08-01\ndeadline = 2026-08-31\n\
         [[goals]]\nid = \"views\"\nkpi = \"video_views\"\ntarget = \">= 100\"\nstart = 2026-08-01\ndeadline = 2026-08-31\n",
    )
    .unwrap();
    let notes = |goal: &str| {
        let out = roi_in(dir.path(), &["status", goal, "--as-of", "2026-08-02"]);
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    assert!(!notes("spend").contains("left out"), "{}", notes("spend"));
    assert!(
        notes("views").contains("1 row(s) cover dates partly outside the goal's window"),
        "{}",
        notes("views")
    );
}

#[test]
fn a_list_of_records_covers_the_days_before_its_first_record() {
    // HubSpot's export of 08-07, first contact 08-05 (figures in the README): as of
    // 08-04 the goal has 0 leads and is behind, not no_data. A list whose records
    // all lie past the goal's window says nothing of it: no_data.
    let dir = fixture("goal-edges/crm-before-first");
    let all = goals(&dir, "roi.toml", "2026-08-04");
    let g = goal(&all, "fb-leads-aug");
    close(&g["current"], 0.0);
    close(&g["expected_by_now"], 60.0 * 4.0 / 31.0);
    close(&g["needed_per_day"], 60.0 / 27.0);
    assert_eq!(g["status"], "behind");
    assert_eq!(code(&roi_in(&dir, &["check", "--as-of", "2026-08-04"])), 1);
    let all = goals(&dir, "roi.toml", "2026-08-07");
    let g = goal(&all, "fb-leads-aug");
    close(&g["current"], 10.0);
    close(&g["forecast"], 10.0 / 7.0 * 31.0);
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("goal-edges/crm-before-first/hubspot-crm-exports-all-contacts-2026-08-07.csv"),
        dir.path()
            .join("hubspot-crm-exports-all-contacts-2026-08-07.csv"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("roi.toml"),
        "inputs = [\"hubspot-crm-exports-all-contacts-2026-08-07.csv\"]\n[[goals]]\n\
         id = \"july\"\nkpi = \"leads\"\nstart = 2026-07-01\ndeadline = 2026-07-31\n\
         target = \">= 10\"\n",
    )
    .unwrap();
    let all = goals(dir.path(), "roi.toml", "2026-08-10");
    assert_eq!(goal(&all, "july")["status"], "no_data");
}

#[test]
fn a_whole_quarters_default_baseline_is_the_quarter_before() {
    // Figures in the README (quarter-baseline/): Q2's 48 orders, not the 92 days
    // before Q3 with a March order.
    let dir = fixture("goal-edges/quarter-baseline");
    let all = goals(&dir, "roi.toml", "2026-10-01");
    let g = goal(&all, "so-don-van-truot-q3");
    assert_eq!(
        g["baseline_window"],
        serde_json::json!({"from": "2026-04-01", "to": "2026-06-30"})
    );
    close(&g["baseline"], 48.0);
    close(&g["target"], 48.0 * 1.12);
    close(&g["current"], 59.0);
    assert_eq!(g["status"], "achieved");
}

#[test]
fn money_and_list_counts_over_covered_days_are_zero() {
    // Figures in the README (list-zeros/).
    let dir = fixture("goal-edges/list-zeros");
    let all = goals(&dir, "roi.toml", "2027-01-08");
    for (id, expected, needed) in [("flash-revenue", 100.0, 50.0), ("flash-spend", 50.0, 25.0)] {
        let g = goal(&all, id);
        close(&g["current"], 0.0);
        assert_eq!(g["currency"], "USD", "{id}");
        close(&g["expected_by_now"], expected * 4.0 / 6.0);
        close(&g["needed_per_day"], needed);
        assert_eq!(g["status"], "behind", "{id}");
    }
    let g = goal(&all, "tiktok-leads");
    close(&g["current"], 0.0);
    close(&g["expected_by_now"], 10.0 * 8.0 / 31.0);
    close(&g["needed_per_day"], 10.0 / 23.0);
    assert_eq!(g["status"], "behind");
    let g = goal(&all, "fb-cpl-late");
    assert_eq!(g["status"], "behind");
    assert_eq!(g["divided_by_zero"]["numerator_value"], 25.0);
    let all = goals(&dir, "roi.toml", "2027-01-12");
    for id in ["flash-revenue", "flash-spend", "fb-cpl-late"] {
        assert_eq!(goal(&all, id)["status"], "missed", "{id}");
    }
    let g = goal(&all, "tiktok-leads");
    assert_eq!(g["data_through"], "2027-01-10");
    close(&g["expected_by_now"], 10.0 * 10.0 / 31.0);
    assert_eq!(code(&roi_in(&dir, &["check", "--as-of", "2027-01-12"])), 1);
    // `roi kpi` says the same.
    for (args, expected) in [
        (&["spend", "--where", "campaign=Flash Sale"][..], "0\n"),
        (&["leads", "--where", "platform=tiktok"], "0\n"),
    ] {
        let out = roi_in(
            &dir,
            &[
                &["kpi"][..],
                args,
                &[
                    "--from",
                    "2027-01-05",
                    "--to",
                    "2027-01-10",
                    "--as-of",
                    "2027-01-12",
                ],
            ]
            .concat(),
        );
        assert_eq!(stdout(&out), expected, "{args:?}: {}", transcript(&out));
    }
    // A contact without any source may be the TikTok lead: the list no longer tells
    // that none is (no data, not 0). One whose source names no platform (`Direct
    // Traffic`) is on none, and tells.
    let copy = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, copy.path().join(path.file_name().unwrap())).unwrap();
    }
    let list = copy
        .path()
        .join("hubspot-crm-exports-all-contacts-2027-01-10.csv");
    let mut text = std::fs::read_to_string(&list).unwrap();
    text.push_str("\"505\",\"Vy\",\"vy@example.vn\",\"2027-01-05 11:00\",\"\",\"\"\n");
    std::fs::write(&list, text).unwrap();
    let all = goals(copy.path(), "roi.toml", "2027-01-12");
    assert_eq!(goal(&all, "tiktok-leads")["status"], "no_data");
}

/// A goal on masked counts (`<5`): a lower bound of conversions proves a floor met,
/// never one missed; an upper bound of cpa the other way round. `roi check` still
/// fails on what the export cannot show met, and says why (figures in
/// fixtures/masked-counts/README.md).
#[test]
fn goals_on_masked_counts_say_which_side_is_proven() {
    let dir = fixture("masked-counts");
    let all = goals(&dir, "roi.toml", "2026-09-04");
    for (id, current, status, unproven) in [
        ("conversions-20", 18.0, "missed", true),
        ("conversions-15", 18.0, "achieved", false),
        ("cpa-6", 100.0 / 18.0, "achieved", false),
        ("cpa-5", 100.0 / 18.0, "missed", true),
    ] {
        let g = goal(&all, id);
        close(&g["current"], current);
        assert_eq!(g["status"], status, "{id}");
        assert_eq!(g["masked"], serde_json::json!(["conversions"]), "{id}");
        assert_eq!(g.get("unproven").is_some(), unproven, "{id}: {g}");
    }
    assert_eq!(goal(&all, "conversions-15")["bound"], "lower");
    assert_eq!(goal(&all, "cpa-6")["bound"], "upper");
    let out = roi_in(&dir, &["check", "--as-of", "2026-09-04"]);
    assert_eq!(code(&out), 1, "{}", transcript(&out));
    let err = stdout(&out);
    assert!(
        err.contains(
            "note: goal `cpa-5`: missed rests on that bound: with the masked counts the value may meet <= 5.00 USD"
        ) && err.contains(
            "note: goal `cpa-6`: the value rests on conversions, whose small counts the export masks (`<5`) and roi reads as no value, so it is an upper bound"
        ) && !err.contains("reach"),
        "{err}"
    );
    // `roi explain` says why its figure is a bound.
    let out = roi_in(&dir, &["explain", "cpa"]);
    assert!(
        stdout(&out).ends_with(
            "cpa = 5.56 USD\n  5 row(s) from tiktok-ads-by-day.csv\nnote: the value rests on conversions, whose small counts the export masks (`<5`) and roi reads as no value, so it is an upper bound\n"
        ),
        "{}",
        transcript(&out)
    );
}

/// Reach summed over days over a ceiling: the people reached may be fewer and under
/// it, so `missed` is told as unproven.
#[test]
fn reach_summed_over_a_ceiling_is_an_unproven_miss() {
    let dir = tempfile::tempdir().unwrap();
    // 5 days of 1,000 people: 5,000 summed, an upper bound of unique people.
    let mut data = String::from("date,platform,reach\n");
    for day in 1..=5 {
        data.push_str(&format!("2026-08-0{day},facebook,1000\n"));
    }
    std::fs::write(dir.path().join("reach.csv"), data).unwrap();
    std::fs::write(
        dir.path().join("roi.toml"),
        "inputs = [\"reach.csv\"]\n[[goals]]\nid = \"reach-cap\"\nkpi = \"reach\"\n\
         start = 2026-08-01\ndeadline = 2026-08-05\ntarget = \"<= 3000\"\n",
    )
    .unwrap();
    let all = goals(dir.path(), "roi.toml", "2026-08-06");
    let g = goal(&all, "reach-cap");
    close(&g["current"], 5000.0);
    assert_eq!(g["bound"], "upper");
    assert_eq!(g["status"], "missed");
    assert_eq!(g["unproven"], true);
    assert!(g.get("masked").is_none(), "{g}");
    let out = roi_in(dir.path(), &["check", "--as-of", "2026-08-06"]);
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).contains(
            "note: goal `reach-cap`: missed rests on that bound: unique people reached may be fewer, and meet <= 3,000"
        ),
        "{}",
        transcript(&out)
    );
}

/// Every value roi.toml checks after parsing names its line and column, as a
/// parse error does.
#[test]
fn settings_checked_after_parsing_name_their_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("d.csv"),
        "date,platform,leads\n2026-08-01,facebook,3\n",
    )
    .unwrap();
    for (config, expected) in [
        (
            "currency = \"USD\"\nat_risk_tolerance = 1.5\n",
            "line 2, column 21: `at_risk_tolerance = 1.5` must be a fraction between 0 and 1",
        ),
        (
            "lang = \"de\"\n",
            "line 1, column 8: `lang = \"de\"` must be \"en\" or \"vi\"",
        ),
        (
            "currency = \"XYZ\"\n",
            "line 1, column 12: `currency` names the currency \"XYZ\"",
        ),
        (
            "year = 2500\n",
            "line 1, column 8: `year = 2500` is not a year",
        ),
        (
            "currency = \"USD\"\n[emv]\nweights = { likes = -1 }\n",
            "line 3, column 21: `[emv] weights` gives `likes` the weight -1",
        ),
        (
            "[fx]\nVND = 0.00004\n",
            "line 2, column 7: `[fx]` rates convert into the report currency",
        ),
        (
            "currency = \"USD\"\n[fx]\nVND = 25400\n",
            "line 3, column 7: `[fx]` rate `VND = 25400` reads as one VND worth 25400 USD",
        ),
        (
            "[insights]\ntop = 0\n",
            "line 2, column 7: `[insights] top = 0` would list no best and no worst posts",
        ),
        (
            "[clv]\nexpected_lifetime = 0\n",
            "line 2, column 21: `[clv] expected_lifetime = 0` must be a number above 0",
        ),
        // The platform's position, not the first key's of `where`.
        (
            "inputs = [\"d.csv\"]\n[[goals]]\nid = \"g\"\nkpi = \"leads\"\nstart = 2026-08-01\n\
             deadline = 2026-08-31\ntarget = \">= 5\"\n\
             where = { campaign = \"A\", platform = \"facebok\" }\n",
            "goal `g`: line 8, column 38: `platform = \"facebok\"` is neither a platform",
        ),
    ] {
        std::fs::write(dir.path().join("roi.toml"), config).unwrap();
        let out = roi_in(dir.path(), &["check"]);
        assert_eq!(code(&out), 2, "{config}: {}", transcript(&out));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with(&format!("error: roi.toml: {expected}")),
            "{config}: {err}"
        );
    }
}

/// On the deadline day itself the reason says "at the deadline", not that it has
/// passed: weekly rows, the four weeks inside August 4 × 70 = 280 leads, the weeks
/// across its ends left out (the last runs past the deadline and can never count).
#[test]
fn the_deadline_day_is_not_past_the_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("date,end_date,platform,leads\n");
    for (from, to) in [
        ("2026-07-27", "2026-08-02"),
        ("2026-08-03", "2026-08-09"),
        ("2026-08-10", "2026-08-16"),
        ("2026-08-17", "2026-08-23"),
        ("2026-08-24", "2026-08-30"),
        ("2026-08-31", "2026-09-06"),
    ] {
        csv.push_str(&format!("{from},{to},facebook,70\n"));
    }
    std::fs::write(dir.path().join("data.csv"), csv).unwrap();
    std::fs::write(
        dir.path().join("roi.toml"),
        "inputs = [\"data.csv\"]\n[[goals]]\nid = \"w\"\nkpi = \"leads\"\nstart = 2026-08-01\ndeadline = 2026-08-31\ntarget = \">= 300\"\n",
    )
    .unwrap();
    let reason = |as_of: &str| {
        let out = roi_in(dir.path(), &["check", "--as-of", as_of]);
        assert_eq!(code(&out), 1, "{}", transcript(&out));
        stdout(&out)
            .lines()
            .find(|l| l.starts_with("FAIL w: "))
            .map_or_else(|| panic!("{}", transcript(&out)), str::to_owned)
    };
    let cut = "280 counted through 2026-08-30 (the last row runs past the deadline and cannot \
               be counted), short of the target >= 300 by 20";
    assert_eq!(
        reason("2026-08-31"),
        format!("FAIL w: missed — at the deadline 2026-08-31, {cut}")
    );
    assert_eq!(
        reason("2026-09-01"),
        format!("FAIL w: missed — the deadline 2026-08-31 has passed at {cut}")
    );
}
