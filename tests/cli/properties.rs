//! Properties of the maths over generated data in roi's own format: row order,
//! splitting into files, repeating a file and the window never change a KPI.

use std::path::PathBuf;

use chrono::Datelike;
use proptest::prelude::*;
use roi::dataset::Filter;
use roi::settings::Config;

#[derive(Debug, Clone)]
struct Row {
    day: u32,
    platform: &'static str,
    likes: u32,
    reach: u32,
    spend_cents: u32,
    leads: u32,
}

fn rows() -> impl Strategy<Value = Vec<Row>> {
    prop::collection::vec(
        (
            1u32..=31,
            0usize..3,
            0u32..500,
            0u32..5000,
            0u32..100_000,
            0u32..20,
        )
            .prop_map(|(day, p, likes, reach, spend_cents, leads)| Row {
                day,
                platform: ["facebook", "instagram", "tiktok"][p],
                likes,
                reach,
                spend_cents,
                leads,
            }),
        1..40,
    )
}

/// Writes rows as CSV; every row gets its own `content_id`, so no two rows are the
/// same observation.
fn csv(rows: &[(usize, Row)]) -> String {
    let mut out = String::from("date,platform,content_id,likes,reach,spend,leads,currency\n");
    for (id, r) in rows {
        out.push_str(&format!(
            "2026-08-{:02},{},post-{id},{},{},{}.{:02},{},USD\n",
            r.day,
            r.platform,
            r.likes,
            r.reach,
            r.spend_cents / 100,
            r.spend_cents % 100,
            r.leads
        ));
    }
    out
}

const KPIS: &[&str] = &[
    "likes",
    "reach",
    "spend",
    "leads",
    "cpl",
    "engagement_rate",
    "emv",
];

fn kpis(files: &[String], filter: &Filter) -> Vec<Option<f64>> {
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<PathBuf> = files
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let p = dir.path().join(format!("part{i}.csv"));
            std::fs::write(&p, text).unwrap();
            p
        })
        .collect();
    let dataset = roi::input::load(&paths, &roi::input::ReadOptions::default()).unwrap();
    let config = Config::default();
    KPIS.iter()
        .map(|k| {
            roi::report::kpi_answer(&config, &dataset, k, filter, None)
                .unwrap()
                .value
        })
        .collect()
}

fn same(a: &[Option<f64>], b: &[Option<f64>]) -> bool {
    a.iter().zip(b).all(|(x, y)| match (x, y) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(1.0),
        (None, None) => true,
        _ => false,
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn order_split_and_repetition_change_nothing(rows in rows(), seed in any::<u64>(), cut in 0usize..40) {
        let numbered: Vec<(usize, Row)> = rows.into_iter().enumerate().collect();
        let whole = kpis(&[csv(&numbered)], &Filter::default());

        let mut shuffled = numbered.clone();
        // A deterministic permutation from the seed.
        let n = shuffled.len();
        for i in (1..n).rev() {
            let j = (seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(i as u64) % (i as u64 + 1)) as usize;
            shuffled.swap(i, j);
        }
        prop_assert!(same(&whole, &kpis(&[csv(&shuffled)], &Filter::default())));

        let cut = cut.min(n);
        let split = kpis(&[csv(&numbered[..cut]), csv(&numbered[cut..])], &Filter::default());
        prop_assert!(same(&whole, &split));

        let twice = kpis(&[csv(&numbered), csv(&numbered)], &Filter::default());
        prop_assert!(same(&whole, &twice), "the same export twice is counted once");
    }

    #[test]
    fn ratios_are_ratios_of_sums(rows in rows()) {
        let numbered: Vec<(usize, Row)> = rows.iter().cloned().enumerate().collect();
        let values = kpis(&[csv(&numbered)], &Filter::default());
        let likes: u64 = rows.iter().map(|r| u64::from(r.likes)).sum();
        let reach: u64 = rows.iter().map(|r| u64::from(r.reach)).sum();
        let cents: u64 = rows.iter().map(|r| u64::from(r.spend_cents)).sum();
        let leads: u64 = rows.iter().map(|r| u64::from(r.leads)).sum();
        prop_assert_eq!(values[0], Some(likes as f64));
        prop_assert_eq!(values[2], Some(cents as f64 / 100.0));
        let cpl = (leads > 0).then(|| cents as f64 / 100.0 / leads as f64);
        prop_assert!(same(&[values[4]], &[cpl]));
        // No row names a post type: none is a post, and the rate is the ratio of
        // sums, rows without reach included.
        let rate = (reach > 0).then(|| likes as f64 / reach as f64);
        prop_assert!(same(&[values[5]], &[rate]));
        for v in values.iter().flatten() {
            prop_assert!(v.is_finite());
        }
    }
}

/// Rows of an ads account, to be written in several platforms' layouts.
#[derive(Debug, Clone)]
struct AdRow {
    day: u32,
    campaign: usize,
    reach: u32,
    impressions: u32,
    spend_thousands: u32,
    leads: u32,
}

fn ad_rows() -> impl Strategy<Value = Vec<AdRow>> {
    prop::collection::vec(
        (
            1u32..=28,
            0usize..3,
            0u32..20_000,
            0u32..50_000,
            0u32..5_000,
            0u32..50,
        )
            .prop_map(
                |(day, campaign, reach, impressions, spend_thousands, leads)| AdRow {
                    day,
                    campaign,
                    reach,
                    impressions,
                    spend_thousands,
                    leads,
                },
            ),
        1..30,
    )
    .prop_map(|mut rows| {
        // One row per campaign and day, as Meta's daily breakdown has.
        rows.sort_by_key(|r| (r.day, r.campaign));
        rows.dedup_by_key(|r| (r.day, r.campaign));
        rows
    })
}

const CAMPAIGNS: [&str; 3] = ["Back to school", "Tin nhắn, Zalo", "Hè \"2026\""];

fn vnd(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// The rows as roi's own format.
fn as_native(rows: &[AdRow]) -> String {
    let mut out = String::from("date,platform,campaign,reach,impressions,spend,currency,leads\n");
    for r in rows {
        out.push_str(&format!(
            "2026-08-{:02},facebook,{},{},{},{},VND,{}\n",
            r.day,
            quote(CAMPAIGNS[r.campaign]),
            r.reach,
            r.impressions,
            u64::from(r.spend_thousands) * 1000,
            r.leads
        ));
    }
    out
}

/// The rows as a Vietnamese Meta Ads Manager export (BOM, dotted VND, a total row).
fn as_meta_vi(rows: &[AdRow]) -> String {
    let mut out = String::from(
        "\u{feff}Tên chiến dịch,Ngày,Người tiếp cận,Lượt hiển thị,Loại kết quả,Kết quả,Số tiền đã chi tiêu (VND)\n",
    );
    for r in rows {
        out.push_str(&format!(
            "{},2026-08-{:02},\"{}\",\"{}\",Khách hàng tiềm năng,{},\"{}\"\n",
            quote(CAMPAIGNS[r.campaign]),
            r.day,
            vnd(u64::from(r.reach)),
            vnd(u64::from(r.impressions)),
            r.leads,
            vnd(u64::from(r.spend_thousands) * 1000)
        ));
    }
    out.push_str("Tổng,,,,,,\n");
    out
}

/// The rows as an English Meta Ads Manager export (`1,234` grouping, day breakdown).
fn as_meta_en(rows: &[AdRow]) -> String {
    let mut out = String::from(
        "Reporting starts,Reporting ends,Day,Campaign name,Results,Result indicator,Reach,Impressions,Amount spent (VND)\n",
    );
    for r in rows {
        out.push_str(&format!(
            "2026-08-01,2026-08-31,2026-08-{:02},{},{},actions:lead,\"{}\",\"{}\",\"{}\"\n",
            r.day,
            quote(CAMPAIGNS[r.campaign]),
            r.leads,
            vnd(u64::from(r.reach)).replace('.', ","),
            vnd(u64::from(r.impressions)).replace('.', ","),
            vnd(u64::from(r.spend_thousands) * 1000).replace('.', ",")
        ));
    }
    out
}

fn ads_kpis(files: &[(&str, String)]) -> Vec<Option<f64>> {
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<PathBuf> = files
        .iter()
        .map(|(name, text)| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).unwrap();
            p
        })
        .collect();
    let dataset = roi::input::load(&paths, &roi::input::ReadOptions::default()).unwrap();
    let config = Config::default();
    ["reach", "impressions", "spend", "leads", "cpl", "cpm"]
        .iter()
        .map(|k| {
            roi::report::kpi_answer(&config, &dataset, k, &Filter::default(), None)
                .unwrap()
                .value
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn platform_layouts_give_the_figures_of_the_normalized_rows(rows in ad_rows(), cut in 0usize..30) {
        let native = ads_kpis(&[("rows.csv", as_native(&rows))]);
        let vi = ads_kpis(&[("meta-vi.csv", as_meta_vi(&rows))]);
        let en = ads_kpis(&[("meta-en.csv", as_meta_en(&rows))]);
        prop_assert!(same(&native, &vi), "Vietnamese Meta Ads: {vi:?} vs {native:?}");
        prop_assert!(same(&native, &en), "English Meta Ads: {en:?} vs {native:?}");
        // Split into two downloads, or downloaded twice: the same figures.
        let cut = cut.min(rows.len());
        let split = ads_kpis(&[
            ("a.csv", as_meta_vi(&rows[..cut])),
            ("b.csv", as_meta_vi(&rows[cut..])),
        ]);
        prop_assert!(same(&native, &split));
        let mut reversed = rows.clone();
        reversed.reverse();
        let twice = ads_kpis(&[("a.csv", as_meta_en(&rows)), ("b.csv", as_meta_en(&reversed))]);
        prop_assert!(same(&native, &twice), "the same rows in two downloads count once");
        // Normalizing and reading back changes nothing.
        let dataset = {
            let dir = tempfile::tempdir().unwrap();
            let p = dir.path().join("meta.csv");
            std::fs::write(&p, as_meta_vi(&rows)).unwrap();
            roi::input::load(&[p], &roi::input::ReadOptions::default()).unwrap()
        };
        let mut normalized = Vec::new();
        roi::render::normalized_csv(&dataset, &mut normalized).unwrap();
        let back = ads_kpis(&[("normalized.csv", String::from_utf8(normalized).unwrap())]);
        prop_assert!(same(&native, &back));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Grouping by period reads each period's rows only; it must give exactly what
    /// evaluating each period's window over all rows gives, stocks included.
    #[test]
    fn periods_equal_their_windows(days in prop::collection::vec((0u32..120, 0u32..500, 0u32..1000, 0usize..2), 1..60)) {
        let start = chrono::NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        let mut text = String::from("date,platform,account,likes,followers\n");
        let mut seen = std::collections::BTreeSet::new();
        for (offset, likes, followers, account) in &days {
            if !seen.insert((*offset, *account)) {
                continue;
            }
            let date = start + chrono::Days::new(u64::from(*offset));
            text.push_str(&format!("{date},facebook,acct{account},{likes},{}\n", 1000 + followers));
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rows.csv");
        std::fs::write(&path, text).unwrap();
        let dataset = roi::input::load(&[path], &roi::input::ReadOptions::default()).unwrap();
        let config = Config::default();
        for grain in [roi::report::GroupBy::Month, roi::report::GroupBy::Week, roi::report::GroupBy::Day] {
            let scope = roi::report::Scope {
                as_of: start,
                filter: Filter::default(),
                window: None,
                by: vec![grain],
                kpis: vec!["likes".into(), "follower_count".into(), "follower_growth".into()],
                trend: roi::report::TrendGrain::Auto,
                insights: true,
            };
            let report = roi::report::build(&config, &dataset, &scope).unwrap();
            for group in &report.groups {
                let (Some(from), Some(to)) = (group.first_date, group.last_date) else { continue };
                // The period's full window: the bucket containing its first row.
                let label = group.key[grain.name()].clone();
                let window = match grain {
                    roi::report::GroupBy::Month => {
                        let first = from.with_day(1).unwrap();
                        let last = first.checked_add_months(chrono::Months::new(1)).unwrap().pred_opt().unwrap();
                        roi::dataset::Window::new(first, last)
                    }
                    roi::report::GroupBy::Week => {
                        let monday = from - chrono::Days::new(u64::from(from.weekday().num_days_from_monday()));
                        roi::dataset::Window::new(monday, monday + chrono::Days::new(6))
                    }
                    _ => roi::dataset::Window::new(from, from),
                };
                prop_assert!(to <= window.to, "{label}");
                for kpi in ["likes", "follower_count", "follower_growth"] {
                    let direct = roi::report::kpi_answer(&config, &dataset, kpi, &Filter::default(), Some(window)).unwrap();
                    prop_assert_eq!(group.values[kpi].value, direct.value, "{} {} {}", kpi, label, grain.name());
                }
            }
        }
    }
}
