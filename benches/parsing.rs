//! Micro-benchmarks of the hot parts of reading an export: numbers, dates, header
//! detection, and whole files in roi's format and as a Meta Ads export. The end-to-end
//! comparison with DuckDB and Polars is `bench/run` (BENCHMARKS.md).

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use roi::input::value::{DecimalMark, parse_date, parse_number};

fn numbers(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse_number");
    for (name, text, mark) in [
        ("plain", "1234.56", DecimalMark::Dot),
        ("thousands", "1,234,567.89", DecimalMark::Dot),
        ("vietnamese", "1.234.567", DecimalMark::Comma),
        ("percent", "12,5%", DecimalMark::Comma),
        ("empty", "", DecimalMark::Dot),
    ] {
        group.bench_function(name, |b| b.iter(|| parse_number(black_box(text), mark)));
    }
    group.finish();
}

fn dates(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse_date");
    for (name, text) in [
        ("iso", "2026-08-01"),
        ("day_first", "01/08/2026"),
        ("month_name", "Aug 3, 2026"),
        ("dashed_month", "03-Aug-2026"),
        ("year_less", "August 3"),
    ] {
        group.bench_function(name, |b| b.iter(|| parse_date(black_box(text))));
    }
    group.finish();
}

/// A Meta Ads Manager export of `rows` rows (English, daily breakdown).
fn meta_export(rows: usize) -> String {
    let mut text = String::from(
        "Reporting starts,Reporting ends,Day,Campaign name,Ad set name,Results,Result indicator,Reach,Impressions,Amount spent (USD),Link clicks\n",
    );
    for i in 0..rows {
        let day = 1 + i % 28;
        text.push_str(&format!(
            "2026-08-01,2026-08-31,2026-08-{day:02},\"Summer sale {}, \"\"wave\"\"\",Audience {},{},actions:lead,\"1,{:03}\",\"2,{:03}\",{}.{:02},{}\n",
            i % 40,
            i % 25,
            i % 13,
            i % 1000,
            (i * 7) % 1000,
            i % 90,
            i % 100,
            i % 50
        ));
    }
    text
}

/// The same rows in roi's own format.
fn native_export(rows: usize) -> String {
    let mut text = String::from(
        "date,platform,campaign,ad_set,leads,reach,impressions,spend,currency,link_clicks\n",
    );
    for i in 0..rows {
        text.push_str(&format!(
            "2026-08-{:02},facebook,\"Summer sale {}, \"\"wave\"\"\",Audience {},{},{},{},{}.{:02},USD,{}\n",
            1 + i % 28,
            i % 40,
            i % 25,
            i % 13,
            1000 + i % 1000,
            2000 + (i * 7) % 1000,
            i % 90,
            i % 100,
            i % 50
        ));
    }
    text
}

fn detection(c: &mut Criterion) {
    let layouts = roi::input::layout::builtin();
    let text = roi::input::text::Text::in_memory(Path::new("ads.csv"), meta_export(20), "utf-8");
    c.bench_function("detect_meta_ads_header", |b| {
        b.iter(|| {
            let (tables, _) = roi::input::tabular::split_tables(&text, 16).expect("tables");
            let found =
                roi::input::tabular::find_header(Path::new("ads.csv"), &tables[0], &layouts);
            assert!(matches!(found, Ok(Some(_))));
        });
    });
}

fn files(c: &mut Criterion) {
    let rows = 10_000;
    let options = roi::input::ReadOptions::default();
    let mut group = c.benchmark_group("read_10000_rows");
    group.throughput(Throughput::Elements(rows as u64));
    for (name, file, text) in [
        ("roi_csv", "rows.csv", native_export(rows)),
        ("meta_ads", "ads.csv", meta_export(rows)),
    ] {
        let bytes = text.into_bytes();
        group.bench_function(name, |b| {
            b.iter(|| {
                let dataset = roi::input::load_bytes(Path::new(file), black_box(&bytes), &options)
                    .expect("reads");
                assert_eq!(dataset.input_rows(), rows as u64);
            });
        });
    }
    group.finish();
}

criterion_group!(benches, numbers, dates, detection, files);
criterion_main!(benches);
