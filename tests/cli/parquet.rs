//! `roi normalize --format parquet --output DIR`: the files read back with the
//! parquet crate's own reader and compared with `roi normalize`'s CSV of the same
//! input, plus hand-checked values of `fixtures/parquet` (two files: ads and posts).

use std::collections::BTreeMap;
use std::fs::File;
use std::path::Path;

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Decimal128Type, Int64Type};
use arrow_array::{Array, RecordBatch, RecordBatchReader};
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use crate::{code, fixture, roi, roi_in, stdout, transcript};

/// One partition file: its path under DIR, column names and types, and its rows as
/// column → value text, NULLs left out.
struct Partition {
    path: String,
    schema: Vec<(String, DataType, bool)>,
    rows: Vec<BTreeMap<String, String>>,
}

fn read_partitions(dir: &Path) -> Vec<Partition> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
        .iter()
        .map(|file| {
            let reader = ParquetRecordBatchReaderBuilder::try_new(File::open(file).unwrap())
                .unwrap()
                .build()
                .unwrap();
            let schema = reader
                .schema()
                .fields()
                .iter()
                .map(|f| (f.name().clone(), f.data_type().clone(), f.is_nullable()))
                .collect();
            let mut rows = Vec::new();
            for batch in reader {
                rows.extend(rows_of(&batch.unwrap()));
            }
            let path = file
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            Partition { path, schema, rows }
        })
        .collect()
}

fn rows_of(batch: &RecordBatch) -> Vec<BTreeMap<String, String>> {
    let mut rows = vec![BTreeMap::new(); batch.num_rows()];
    for (field, column) in batch.schema().fields().iter().zip(batch.columns()) {
        for (i, row) in rows.iter_mut().enumerate() {
            if column.is_null(i) {
                continue;
            }
            let text = match field.data_type() {
                DataType::Date32 => {
                    let days = column.as_primitive::<Date32Type>().value(i);
                    (chrono::NaiveDate::default() + chrono::Days::new(days as u64)).to_string()
                }
                DataType::Utf8 => column.as_string::<i32>().value(i).to_owned(),
                DataType::Int64 => column.as_primitive::<Int64Type>().value(i).to_string(),
                DataType::Decimal128(38, 6) => {
                    decimal_text(column.as_primitive::<Decimal128Type>().value(i))
                }
                other => panic!("unexpected type {other} of {}", field.name()),
            };
            row.insert(field.name().clone(), text);
        }
    }
    rows
}

/// A DECIMAL(38,6) value written as roi's CSV writes amounts: `35.5`, `12`.
fn decimal_text(v: i128) -> String {
    let sign = if v < 0 { "-" } else { "" };
    let (int, frac) = (v.abs() / 1_000_000, v.abs() % 1_000_000);
    if frac == 0 {
        format!("{sign}{int}")
    } else {
        let digits = format!("{frac:06}");
        format!("{sign}{int}.{}", digits.trim_end_matches('0'))
    }
}

/// The rows of `roi normalize` (CSV) as column → value, empty cells left out.
fn csv_rows(args: &[&str]) -> Vec<BTreeMap<String, String>> {
    let out = roi(args);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            let mut row: BTreeMap<String, String> = header
                .iter()
                .zip(rec.iter())
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect();
            // The CSV leaves `end_date` out when every row is one day; Parquet never.
            if !row.contains_key("end_date") {
                row.insert("end_date".to_owned(), row["date"].clone());
            }
            row
        })
        .collect()
}

fn normalize_parquet(inputs: &str, dir: &Path) -> std::process::Output {
    let dir = dir.to_str().unwrap();
    roi(&["normalize", inputs, "--format", "parquet", "--output", dir])
}

const DIMENSIONS: [&str; 19] = [
    "account",
    "campaign",
    "ad_set",
    "ad",
    "content_id",
    "content_type",
    "source",
    "medium",
    "landing_page",
    "product",
    "currency",
    "published",
    "text",
    "video_duration",
    "link",
    "brand",
    "keyword",
    "search_term",
    "breakdown",
];

/// Canonical metrics in the documented order, and whether each is a count (INT64).
const METRICS: [(&str, bool); 33] = [
    ("impressions", true),
    ("reach", true),
    ("clicks", true),
    ("link_clicks", true),
    ("likes", true),
    ("comments", true),
    ("shares", true),
    ("saves", true),
    ("video_views", true),
    ("profile_visits", true),
    ("mentions", true),
    ("category_mentions", true),
    ("mentions_positive", true),
    ("mentions_neutral", true),
    ("mentions_negative", true),
    ("estimated_positive", true),
    ("estimated_neutral", true),
    ("estimated_negative", true),
    ("followers", true),
    ("followers_gained", true),
    ("followers_lost", true),
    ("followers_net", true),
    ("sessions", true),
    ("leads", true),
    ("conversions", false),
    ("purchases", true),
    ("customers", true),
    ("revenue", false),
    ("spend", false),
    ("issues_resolved", true),
    ("messages_received", true),
    ("first_reply_seconds", false),
    ("influencers_signed", true),
];

fn expected_schema(custom: &[&str]) -> Vec<(String, DataType, bool)> {
    let decimal = DataType::Decimal128(38, 6);
    let mut schema = vec![
        ("date".to_owned(), DataType::Date32, false),
        ("end_date".to_owned(), DataType::Date32, false),
    ];
    schema.extend(DIMENSIONS.map(|d| (d.to_owned(), DataType::Utf8, true)));
    schema.extend(METRICS.map(|(m, count)| {
        let ty = if count {
            DataType::Int64
        } else {
            decimal.clone()
        };
        (m.to_owned(), ty, true)
    }));
    schema.extend(
        custom
            .iter()
            .map(|m| ((*m).to_owned(), decimal.clone(), true)),
    );
    schema.push(("source_file".to_owned(), DataType::Utf8, false));
    schema.push(("source_line".to_owned(), DataType::Int64, false));
    schema
}

#[test]
fn partitions_schema_and_rows_match_the_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("out");
    let out = normalize_parquet("fixtures/parquet", &dir);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(stdout(&out), "");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "roi: wrote 9 row(s) to 4 Parquet file(s) under {}\n",
            dir.display()
        )
    );

    let parts = read_partitions(&dir);
    let listing: Vec<(&str, usize)> = parts
        .iter()
        .map(|p| (p.path.as_str(), p.rows.len()))
        .collect();
    assert_eq!(
        listing,
        [
            (
                "platform=__HIVE_DEFAULT_PARTITION__/month=2026-08/part-0.parquet",
                1
            ),
            ("platform=facebook/month=2026-07/part-0.parquet", 3),
            ("platform=facebook/month=2026-08/part-0.parquet", 3),
            ("platform=tiktok/month=2026-08/part-0.parquet", 2),
        ]
    );
    for part in &parts {
        assert_eq!(
            part.schema,
            expected_schema(&["trial_starts"]),
            "{}",
            part.path
        );
    }

    // Round trip: each partition holds exactly the CSV's rows of its platform and
    // month, with the same values; every other column is NULL. (Rows are written as
    // they are read, so a partition is in input order, the CSV in date order.)
    let csv = csv_rows(&["normalize", "fixtures/parquet"]);
    assert_eq!(csv.len(), 9);
    let mut compared = 0;
    for part in &parts {
        let (platform, month) = part
            .path
            .strip_prefix("platform=")
            .and_then(|p| p.split_once("/month="))
            .unwrap();
        let month = &month[..7];
        let platform = (platform != "__HIVE_DEFAULT_PARTITION__").then_some(platform);
        let expected: Vec<_> = csv
            .iter()
            .filter(|r| r.get("platform").map(String::as_str) == platform)
            .filter(|r| r["date"].starts_with(month))
            .map(|r| {
                let mut r = r.clone();
                r.remove("platform");
                r
            })
            .collect();
        let got: Vec<_> = part
            .rows
            .iter()
            .map(|r| {
                let mut r = r.clone();
                r.remove("source_file");
                r.remove("source_line");
                r
            })
            .collect();
        let sorted = |mut rows: Vec<BTreeMap<String, String>>| {
            rows.sort_by_key(|r| format!("{r:?}"));
            rows
        };
        assert_eq!(sorted(got.clone()), sorted(expected), "{}", part.path);
        compared += got.len();
    }
    assert_eq!(compared, csv.len());

    // By hand from fixtures/parquet: August on Facebook is, in input order, ads.csv
    // lines 4 and 5 (the week-long row), then posts.csv line 3.
    let aug = &parts[2].rows;
    let provenance: Vec<(&str, &str, &str, &str)> = aug
        .iter()
        .map(|r| {
            (
                r["date"].as_str(),
                r["end_date"].as_str(),
                r["source_file"].as_str(),
                r["source_line"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        provenance,
        [
            ("2026-08-01", "2026-08-01", "fixtures/parquet/ads.csv", "4"),
            ("2026-08-01", "2026-08-07", "fixtures/parquet/ads.csv", "5"),
            (
                "2026-08-01",
                "2026-08-01",
                "fixtures/parquet/posts.csv",
                "3"
            ),
        ]
    );
    assert_eq!(aug[0]["campaign"], "Tết 2027");
    assert_eq!(aug[0]["impressions"], "900");
    assert_eq!(aug[0]["spend"], "12.000001");
    assert_eq!(aug[0]["revenue"], "100");
    assert_eq!(aug[0]["currency"], "USD");
    assert!(
        !aug[0].contains_key("clicks"),
        "an empty cell is NULL, not 0"
    );
    assert_eq!(aug[2]["first_reply_seconds"], "90.5");
    assert_eq!(aug[2]["comments"], "0", "a written 0 stays 0");
    let unplatformed = &parts[0].rows[0];
    assert_eq!(unplatformed["campaign"], "Newsletter");
    assert_eq!(unplatformed["clicks"], "12");
}

#[test]
fn decimals_and_counts_have_their_exact_physical_values() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("out");
    let out = normalize_parquet("fixtures/parquet/ads.csv", &dir);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let file = dir.join("platform=facebook/month=2026-07/part-0.parquet");
    let batch = ParquetRecordBatchReaderBuilder::try_new(File::open(file).unwrap())
        .unwrap()
        .build()
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    let column = |name: &str| batch.column_by_name(name).unwrap().clone();
    // 35.50 and 40.25 USD in millionths; 1000 and 1200 impressions as integers.
    let spend = column("spend");
    let spend = spend.as_primitive::<Decimal128Type>();
    assert_eq!(spend.values().to_vec(), [35_500_000, 40_250_000]);
    let impressions = column("impressions");
    let impressions = impressions.as_primitive::<Int64Type>();
    assert_eq!(impressions.values().to_vec(), [1000, 1200]);
    let trials = column("trial_starts");
    let trials = trials.as_primitive::<Decimal128Type>();
    assert!(trials.is_null(0));
    assert_eq!(trials.value(1), 3_000_000);
    let dates = column("date");
    // 2026-07-30 is day 20664 after 1970-01-01.
    assert_eq!(
        dates.as_primitive::<Date32Type>().values().to_vec(),
        [20_664, 20_665]
    );
}

#[test]
fn an_existing_folder_is_replaced_only_with_force() {
    let tmp = tempfile::tempdir().unwrap();
    let ads = fixture("parquet/ads.csv");
    let posts = fixture("parquet/posts.csv");
    let run = |input: &Path, force: bool| {
        let mut args = vec![
            "normalize",
            input.to_str().unwrap(),
            "--format",
            "parquet",
            "--output",
            "out",
        ];
        if force {
            args.push("--force");
        }
        roi_in(tmp.path(), &args)
    };
    let listing = || {
        let mut parts: Vec<String> = read_partitions(&tmp.path().join("out"))
            .into_iter()
            .map(|p| p.path)
            .collect();
        parts.sort();
        parts
    };
    assert_eq!(code(&run(&ads, false)), 0);
    assert_eq!(listing().len(), 4);

    let refused = run(&posts, false);
    assert_eq!(code(&refused), 2);
    assert_eq!(
        String::from_utf8_lossy(&refused.stderr),
        "error: out already exists and is not empty; add `--force` to replace it\n"
    );
    assert_eq!(listing().len(), 4, "a refused run changes nothing");

    // Replaced, not merged: the ads' partitions posts.csv has no rows for are gone.
    let forced = run(&posts, true);
    assert_eq!(code(&forced), 0, "{}", transcript(&forced));
    assert_eq!(
        listing(),
        [
            "platform=facebook/month=2026-07/part-0.parquet",
            "platform=facebook/month=2026-08/part-0.parquet",
            "platform=tiktok/month=2026-08/part-0.parquet",
        ]
    );
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(leftovers, ["out"], "no temporary folder is left behind");

    // Even --force never empties a folder roi did not fill.
    std::fs::write(tmp.path().join("out/notes.txt"), "mine").unwrap();
    let foreign = run(&posts, true);
    assert_eq!(code(&foreign), 2);
    assert!(
        String::from_utf8_lossy(&foreign.stderr).starts_with(
            "error: out holds `notes.txt`, which roi did not write: even with `--force`"
        ),
        "{}",
        transcript(&foreign)
    );
    assert!(tmp.path().join("out/notes.txt").exists());
}

#[test]
fn an_empty_existing_folder_is_filled() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("out")).unwrap();
    let posts = fixture("parquet/posts.csv");
    let args = [
        "normalize",
        posts.to_str().unwrap(),
        "--format",
        "parquet",
        "--output",
        "out",
    ];
    let out = roi_in(tmp.path(), &args);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(read_partitions(&tmp.path().join("out")).len(), 3);
}

#[test]
fn the_folders_above_the_output_are_made() {
    let tmp = tempfile::tempdir().unwrap();
    let posts = fixture("parquet/posts.csv");
    let args = [
        "normalize",
        posts.to_str().unwrap(),
        "--format",
        "parquet",
        "--output",
        "lake/rows/client=shop",
    ];
    let out = roi_in(tmp.path(), &args);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let written = tmp.path().join("lake/rows/client=shop");
    assert_eq!(read_partitions(&written).len(), 3);
    // Nothing but the output is left in the folder above it.
    let siblings: Vec<_> = std::fs::read_dir(tmp.path().join("lake/rows"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(siblings, ["client=shop"]);
}

#[test]
fn parquet_needs_output_and_normalize() {
    let out = roi(&["normalize", "fixtures/parquet", "--format", "parquet"]);
    assert_eq!(code(&out), 2);
    assert_eq!(stdout(&out), "");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: `--format parquet` writes a folder of files, not text for stdout: add `--output DIR`\n"
    );
    for (command, formats) in [
        (
            &["report", "fixtures/parquet"][..],
            "table, json, csv, markdown, junit or html",
        ),
        (
            &["kpi", "cpc", "fixtures/parquet"],
            "table, json, csv or markdown",
        ),
        (&["inspect", "fixtures/parquet"], "table or json"),
        (&["kpis"], "table, json, csv or markdown"),
    ] {
        let mut args = command.to_vec();
        args.extend(["--format", "parquet", "--output", "out"]);
        let out = roi(&args);
        assert_eq!(code(&out), 2, "{command:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!(
                "error: `roi {}` writes {formats}, not parquet\n",
                command[0]
            ),
        );
    }
    assert!(!crate::root().join("out").exists());
}

/// roi's own CSV and a platform export refuse such a count when read, before
/// anything is written.
#[test]
fn a_count_with_a_fraction_is_an_error_not_rounded() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("meta.csv"),
        "Reporting starts,Reporting ends,Campaign name,Reach,Amount spent (USD),Link clicks\n\
         2026-08-01,2026-08-01,A,100,1.50,3\n\
         2026-08-02,2026-08-02,A,100,1.00,2.5\n",
    )
    .unwrap();
    let args = [
        "normalize",
        "meta.csv",
        "--format",
        "parquet",
        "--output",
        "out",
    ];
    let out = roi_in(tmp.path(), &args);
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: meta.csv:3: column 6 (`Link clicks`): \"2.5\" has a fraction, but \
         `link_clicks` is a count; expected a whole number\n"
    );
    let left: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        left,
        ["meta.csv"],
        "nothing written, no temporary folder left"
    );
}

/// Google Ads and GA4 attribute conversions in fractions: DECIMAL, as written.
#[test]
fn fractional_conversions_are_decimal_in_parquet() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("out");
    let out = normalize_parquet(
        fixture("importers/google-ads-fractional-conversions.csv")
            .to_str()
            .unwrap(),
        &dir,
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let parts = read_partitions(&dir);
    let rows: Vec<(&str, &str, &str)> = parts
        .iter()
        .flat_map(|p| &p.rows)
        .map(|r| {
            (
                r["date"].as_str(),
                r["conversions"].as_str(),
                r["clicks"].as_str(),
            )
        })
        .collect();
    // The file's Conversions 0.333 and 3; clicks stay whole (INT64).
    assert_eq!(
        rows,
        [("2026-08-01", "0.333", "10"), ("2026-08-02", "3", "20")]
    );
    let ty = |name: &str| {
        parts[0]
            .schema
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, t, _)| t.clone())
    };
    assert_eq!(ty("conversions"), Some(DataType::Decimal128(38, 6)));
    assert_eq!(ty("clicks"), Some(DataType::Int64));
}

#[test]
fn a_custom_metric_named_like_a_layout_column_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("sales.csv"),
        "date,platform,month,likes\n2026-08-01,facebook,8,3\n",
    )
    .unwrap();
    let args = [
        "normalize",
        "sales.csv",
        "--format",
        "parquet",
        "--output",
        "out",
    ];
    let out = roi_in(tmp.path(), &args);
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: custom metric `month` has the name of a Parquet column roi writes (date, \
         end_date, month, source_file, source_line, or a dimension); rename that column of \
         the input\n"
    );
    assert!(!tmp.path().join("out").exists());
}

#[cfg(unix)]
#[test]
fn files_are_readable_like_any_new_file() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("out");
    let out = normalize_parquet("fixtures/parquet/posts.csv", &dir);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let file = dir.join("platform=tiktok/month=2026-08/part-0.parquet");
    let mode = std::fs::metadata(file).unwrap().permissions().mode() & 0o777;
    // Not the 0600 of a temporary file: the mode of any new file under this umask.
    let plain = tmp.path().join("plain");
    std::fs::write(&plain, "").unwrap();
    let expected = std::fs::metadata(plain).unwrap().permissions().mode() & 0o777;
    assert_eq!(format!("{mode:o}"), format!("{expected:o}"));
}

#[test]
fn a_file_is_not_an_output_folder() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("out"), "mine").unwrap();
    let posts = fixture("parquet/posts.csv");
    for force in [false, true] {
        let mut args = vec![
            "normalize",
            posts.to_str().unwrap(),
            "--format",
            "parquet",
            "--output",
            "out",
        ];
        if force {
            args.push("--force");
        }
        let out = roi_in(tmp.path(), &args);
        assert_eq!(code(&out), 2, "{}", transcript(&out));
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "error: out is not a folder (a file or a link); Parquet output is a folder: \
             choose another `--output DIR`\n"
        );
        assert_eq!(
            std::fs::read_to_string(tmp.path().join("out")).unwrap(),
            "mine"
        );
    }
}

/// 80,000 generated rows (more than one batch of rows handed to the writer, so rows
/// are written and let go while the file is read) over two platforms and three
/// months: every partition holds its rows, in input order, with the sums worked out
/// here while generating them.
#[test]
fn rows_are_written_as_they_are_read() {
    let tmp = tempfile::tempdir().unwrap();
    let mut text = String::from("date,platform,campaign,impressions,spend,currency\n");
    let mut want: BTreeMap<String, (usize, u64, u64)> = BTreeMap::new();
    for i in 0..80_000u64 {
        let platform = if i % 3 == 0 { "tiktok" } else { "facebook" };
        let month = 6 + i % 3;
        let day = 1 + i % 28;
        let impressions = i % 1000;
        let spend_cents = i % 777;
        text.push_str(&format!(
            "2026-{month:02}-{day:02},{platform},C{},{impressions},{}.{:02},USD\n",
            i % 5,
            spend_cents / 100,
            spend_cents % 100
        ));
        let part = want
            .entry(format!(
                "platform={platform}/month=2026-{month:02}/part-0.parquet"
            ))
            .or_default();
        part.0 += 1;
        part.1 += impressions;
        part.2 += spend_cents;
    }
    std::fs::write(tmp.path().join("big.csv"), &text).unwrap();
    let out = roi_in(
        tmp.path(),
        &[
            "normalize",
            "big.csv",
            "--format",
            "parquet",
            "--output",
            "lake",
        ],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let parts = read_partitions(&tmp.path().join("lake"));
    let got: BTreeMap<String, (usize, u64, u64)> = parts
        .iter()
        .map(|p| {
            let impressions = p
                .rows
                .iter()
                .map(|r| r["impressions"].parse::<u64>().unwrap())
                .sum();
            // Exact decimals: `12.5` is 1250 cents.
            let cents = p
                .rows
                .iter()
                .map(|r| (r["spend"].parse::<f64>().unwrap() * 100.0).round() as u64)
                .sum();
            (p.path.clone(), (p.rows.len(), impressions, cents))
        })
        .collect();
    assert_eq!(got, want);
    for p in &parts {
        let lines: Vec<u64> = p
            .rows
            .iter()
            .map(|r| r["source_line"].parse().unwrap())
            .collect();
        assert!(
            lines.windows(2).all(|w| w[0] < w[1]),
            "{} not in input order",
            p.path
        );
    }
}

/// Overlapping downloads need every row at hand to be counted once: they are read
/// whole, de-duplicated, then written, with the rows of `roi normalize`.
#[test]
fn overlapping_downloads_are_deduplicated_before_they_are_written() {
    let tmp = tempfile::tempdir().unwrap();
    let overlap = fixture("overlap");
    let out = roi_in(
        tmp.path(),
        &[
            "normalize",
            overlap.to_str().unwrap(),
            "--format",
            "parquet",
            "--output",
            "lake",
        ],
    );
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let csv = roi(&["normalize", "fixtures/overlap"]);
    let csv_rows = stdout(&csv).lines().count() - 1;
    let parquet_rows: usize = read_partitions(&tmp.path().join("lake"))
        .iter()
        .map(|p| p.rows.len())
        .sum();
    assert_eq!(parquet_rows, csv_rows);
    assert!(
        transcript(&out).contains(&format!("wrote {csv_rows} row(s)")),
        "{}",
        transcript(&out)
    );
}

/// Meta leaves a zero blank: Parquet has `0` where the export's empty cell is a 0,
/// as the CSV does (`fixtures/normalize-blank-zeros/README.md`).
#[test]
fn an_exports_blank_zero_is_0_in_parquet() {
    let tmp = tempfile::tempdir().unwrap();
    let f = "fixtures/normalize-blank-zeros/meta-ads-usd.csv";
    let out = normalize_parquet(f, &tmp.path().join("lake"));
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let mut figures: Vec<(String, String, String, String)> =
        read_partitions(&tmp.path().join("lake"))
            .into_iter()
            .flat_map(|p| p.rows)
            .map(|r| {
                let cell = |name: &str| r.get(name).cloned().unwrap_or_default();
                (
                    cell("date"),
                    cell("campaign"),
                    cell("purchases"),
                    cell("revenue"),
                )
            })
            .collect();
    // Streamed rows come in input order.
    figures.sort();
    let mut expected = [
        ("2026-09-01", "Fall Sale", "3", "99.99"),
        ("2026-09-01", "Brand Awareness", "0", "0"),
        ("2026-09-02", "Fall Sale", "2", "45.5"),
        ("2026-09-02", "Brand Awareness", "0", "0"),
        ("2026-09-03", "Fall Sale", "0", "0"),
    ]
    .map(|(a, b, c, d)| (a.to_owned(), b.to_owned(), c.to_owned(), d.to_owned()));
    expected.sort();
    assert_eq!(figures, expected);
}

/// Rows written as they are read cannot be taken back: a file in roi's format that
/// stops being UTF-8 past its first 64 KiB is checked before any is written, and
/// then written whole in its code page.
#[test]
fn a_file_that_stops_being_utf8_is_written_in_its_code_page() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"date,platform,campaign,likes\n".to_vec();
    for i in 0..4000 {
        bytes.extend_from_slice(format!("2026-08-01,facebook,Summer,{}\n", i % 7).as_bytes());
    }
    bytes.extend_from_slice(b"2026-08-02,facebook,Caf\xe9,5\n");
    let input = dir.path().join("old.csv");
    std::fs::write(&input, &bytes).unwrap();
    let out = dir.path().join("lake");
    let run = normalize_parquet(input.to_str().unwrap(), &out);
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    let rows: Vec<_> = read_partitions(&out)
        .into_iter()
        .flat_map(|p| p.rows)
        .collect();
    assert_eq!(rows.len(), 4001);
    let cafe: Vec<_> = rows.iter().filter(|r| r["campaign"] == "Café").collect();
    assert_eq!(cafe.len(), 1);
    assert_eq!(cafe[0]["likes"], "5");
}

/// A record id twice in the last part of a long CRM export, read on several threads,
/// is one lead, as on one thread: a later part's rows of a list of leads keep their
/// ids, never merged before the check (60,002 rows, 999999 on the last two lines).
#[test]
fn a_record_id_twice_in_a_later_part_is_one_lead_on_any_threads() {
    const ROWS: usize = 60_002;
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp
        .path()
        .join("hubspot-crm-exports-all-contacts-2026-03-30.csv");
    let mut text = String::from(
        "\"Record ID\",\"First Name\",\"Create Date\",\"Lifecycle Stage\",\
         \"Original Source\",\"Original Source Drill-Down 1\"\n",
    );
    for i in 0..ROWS {
        let id = if i + 2 >= ROWS { 999_999 } else { 100_000 + i };
        text.push_str(&format!(
            "\"{id}\",\"N{i}\",\"2026-03-28 09:15\",\"lead\",\"PAID_SOCIAL\",\"Facebook\"\n"
        ));
    }
    std::fs::write(&csv, text).unwrap();
    let csv = csv.to_str().unwrap();
    for threads in ["1", "2", "4"] {
        let out = roi(&["--threads", threads, "kpi", "leads", csv]);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        assert_eq!(
            stdout(&out),
            format!("{}\n", ROWS - 1),
            "--threads {threads}"
        );
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("record 999999"),
            "--threads {threads}: {}",
            transcript(&out)
        );
    }
}

/// A list of leads longer than the rows streamed out at a time (65,536): the id
/// said twice, at its first and last lines, is one lead in the Parquet files as in
/// `roi kpi` (its rows are held to the file's end, not flushed).
#[test]
fn a_record_id_twice_in_a_long_crm_export_is_one_row_in_parquet() {
    const ROWS: usize = 70_000;
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp
        .path()
        .join("hubspot-crm-exports-all-contacts-2026-03-30.csv");
    let mut text = String::from(
        "\"Record ID\",\"First Name\",\"Create Date\",\"Lifecycle Stage\",\
         \"Original Source\",\"Original Source Drill-Down 1\"\n",
    );
    for i in 0..ROWS {
        // The last row is the first's contact again.
        let id = if i + 1 == ROWS { 100_000 } else { 100_000 + i };
        let day = 1 + i % 28;
        text.push_str(&format!(
            "\"{id}\",\"N{i}\",\"2026-03-{day:02} 09:15\",\"lead\",\"PAID_SOCIAL\",\"Facebook\"\n"
        ));
    }
    std::fs::write(&csv, text).unwrap();
    let csv = csv.to_str().unwrap();

    let out = roi(&["kpi", "leads", csv]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert_eq!(stdout(&out), format!("{}\n", ROWS - 1));

    let dir = tmp.path().join("out");
    let out = normalize_parquet(csv, &dir);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("record 100000 is in rows at lines 2 and 70001"),
        "{stderr}"
    );
    let rows: i64 = walkdir::WalkDir::new(&dir)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.is_file())
        .map(|p| {
            ParquetRecordBatchReaderBuilder::try_new(File::open(p).unwrap())
                .unwrap()
                .metadata()
                .file_metadata()
                .num_rows()
        })
        .sum();
    assert_eq!(rows, (ROWS - 1) as i64, "{stderr}");
}
