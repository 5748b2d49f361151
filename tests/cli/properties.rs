//! Properties of the maths over generated data in roi's own format: row order,
//! splitting into files, repeating a file and the window never change a KPI.

use std::path::PathBuf;

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
        let rate = (reach > 0).then(|| likes as f64 / reach as f64);
        prop_assert!(same(&[values[5]], &[rate]));
        for v in values.iter().flatten() {
            prop_assert!(v.is_finite());
        }
    }
}
