//! Files larger than the head roi looks at (64 KiB) are read from disk record by
//! record, once per pass, instead of being held in memory. These tests check that
//! the streamed path gives the figures worked out here from the generated rows, the
//! same output as the in-memory path (standard input), and the same error positions.

use crate::{code, roi_in, stdout, transcript};

/// Runs roi with `input` on standard input.
fn roi_stdin(dir: &std::path::Path, args: &[&str], input: &[u8]) -> std::process::Output {
    assert_cmd::Command::cargo_bin("roi")
        .expect("the roi binary is built")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("LANG", "C.UTF-8")
        .args(args)
        .write_stdin(input)
        .output()
        .expect("roi runs")
}

fn groups(out: &std::process::Output) -> serde_json::Value {
    assert_eq!(code(out), 0, "{}", transcript(out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    report["groups"].clone()
}

/// What reading one file gives: its normalized rows, their lines, and what is said of
/// the file (its path left out); or the error.
type ReadOutcome = Result<(String, Vec<u64>, serde_json::Value), String>;

fn read_one_file(path: &std::path::Path, options: &roi::input::ReadOptions) -> ReadOutcome {
    let dataset = roi::input::load(&[path.to_path_buf()], options).map_err(|e| e.to_string())?;
    let mut csv = Vec::new();
    roi::render::normalized_csv(&dataset, &mut csv).unwrap();
    let lines = dataset.rows.iter().map(|r| r.line).collect();
    let mut file = serde_json::to_value(&dataset.files[0]).unwrap();
    file["path"] = serde_json::Value::Null;
    Ok((String::from_utf8(csv).unwrap(), lines, file))
}

/// A Vietnamese Meta Ads export (BOM, CRLF, `1.234.567` thousands, day-first dates)
/// of 4,000 rows, about 400 KB. Until row 3,000 every day is 12 or less and every
/// amount has exactly three digits after its dot, so the day order and the decimal
/// mark can only be decided from rows far past the head.
#[test]
fn a_large_vietnamese_export_is_read_from_disk_with_the_hand_totals() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(
        "\u{feff}Tên chiến dịch,Bắt đầu báo cáo,Kết thúc báo cáo,Người tiếp cận,Lượt hiển thị,Loại kết quả,Kết quả,Số tiền đã chi tiêu (VND),Lượt click vào liên kết\r\n",
    );
    let (mut reach, mut impressions, mut spend, mut leads, mut clicks) =
        (0u64, 0u64, 0u64, 0u64, 0u64);
    for i in 0..4000u64 {
        let (day, month) = if i < 3000 {
            (1 + i % 12, 1 + (i / 12) % 12)
        } else {
            (13 + i % 16, 1 + i % 12)
        };
        let row_reach = 1000 + i % 97 * 1000; // 1.000 … 97.000: three digits after the dot
        let row_impressions = 2000 + i % 89 * 1000;
        let row_spend = if i < 3000 {
            150_000 + i % 50 * 1000
        } else {
            1_234_567 + i
        };
        let row_leads = i % 9;
        let row_clicks = i % 31;
        reach += row_reach;
        impressions += row_impressions;
        spend += row_spend;
        leads += row_leads;
        clicks += row_clicks;
        let thousands = |n: u64| {
            let digits = n.to_string();
            let mut out = String::new();
            for (k, ch) in digits.chars().enumerate() {
                if k > 0 && (digits.len() - k).is_multiple_of(3) {
                    out.push('.');
                }
                out.push(ch);
            }
            out
        };
        text.push_str(&format!(
            "Hè 2026,{day:02}/{month:02}/2026,{day:02}/{month:02}/2026,\"{}\",\"{}\",Khách hàng tiềm năng,{row_leads},\"{}\",{row_clicks}\r\n",
            thousands(row_reach),
            thousands(row_impressions),
            thousands(row_spend)
        ));
    }
    text.push_str("Tổng,,,,,,,,\r\n");
    assert!(text.len() > 300_000);
    std::fs::write(dir.path().join("meta.csv"), &text).unwrap();
    let args = [
        "report",
        "--format",
        "json",
        "--kpi",
        "reach,impressions,spend,leads,link_clicks",
    ];
    let mut on_disk = args.to_vec();
    on_disk.push("meta.csv");
    let disk = groups(&roi_in(dir.path(), &on_disk));
    let values = &disk[0]["values"];
    assert_eq!(values["reach"]["value"], reach as f64);
    assert_eq!(values["impressions"]["value"], impressions as f64);
    assert_eq!(values["spend"]["value"], spend as f64);
    assert_eq!(values["spend"]["currency"], "VND");
    assert_eq!(values["leads"]["value"], leads as f64);
    assert_eq!(values["link_clicks"]["value"], clicks as f64);
    assert_eq!(disk[0]["rows"], 4000);
    // The same bytes on standard input are held in memory: the same figures.
    let mut piped = args.to_vec();
    piped.push("-");
    assert_eq!(
        groups(&roi_stdin(dir.path(), &piped, text.as_bytes())),
        disk
    );
    // The total row is skipped and counted, at its line.
    let inspect = roi_in(dir.path(), &["inspect", "meta.csv", "--format", "json"]);
    let inspect: serde_json::Value = serde_json::from_slice(&inspect.stdout).unwrap();
    let skipped = &inspect["files"][0]["skipped"][0];
    assert_eq!(skipped["rows"], 1);
    assert_eq!(skipped["first_line"], 4002);
}

/// A native file with CRLF line ends and a quoted cell spanning two lines: the bad
/// value on row 4,321 is reported at its physical line, streamed or not.
#[test]
fn an_error_deep_in_a_large_file_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("date,platform,campaign,likes\r\n");
    text.push_str("2026-08-01,facebook,\"two\r\nlines\",1\r\n");
    for i in 1..5000 {
        let likes = if i == 4321 {
            "12,5,1".to_owned()
        } else {
            (i % 50).to_string()
        };
        text.push_str(&format!("2026-08-01,facebook,Summer,\"{likes}\"\r\n"));
    }
    assert!(text.len() > 100_000);
    std::fs::write(dir.path().join("rows.csv"), &text).unwrap();
    // Header line 1, the two-line row lines 2–3, row i on line i + 3.
    let want = "rows.csv:4324: column 4 (`likes`): ";
    for threads in ["1", "2"] {
        let disk = roi_in(dir.path(), &["report", "rows.csv", "--threads", threads]);
        assert_eq!(code(&disk), 2);
        assert!(transcript(&disk).contains(want), "{}", transcript(&disk));
    }
    let piped = roi_stdin(dir.path(), &["report", "-"], text.as_bytes());
    assert!(
        transcript(&piped).contains("-:4324: column 4 (`likes`): "),
        "{}",
        transcript(&piped)
    );
}

/// UTF-8 for its first 100 KB, then a Windows-1252 `é`: the file is decoded whole in
/// its code page after all, and says so; in roi's format and a platform's, on one
/// thread and with a parser thread.
#[test]
fn a_file_that_stops_being_utf8_is_decoded_in_its_code_page() {
    let dir = tempfile::tempdir().unwrap();
    let mut native = b"date,platform,campaign,likes\n".to_vec();
    let mut meta = b"Day,Campaign name,Impressions,Amount spent (USD)\n".to_vec();
    for i in 0..4000 {
        native.extend_from_slice(format!("2026-08-01,facebook,Summer,{}\n", i % 7).as_bytes());
        meta.extend_from_slice(format!("2026-08-01,Summer,{},1.5\n", i % 7).as_bytes());
    }
    native.extend_from_slice(b"2026-08-02,facebook,Caf\xe9,5\n");
    meta.extend_from_slice(b"2026-08-02,Caf\xe9,5,2\n");
    std::fs::write(dir.path().join("old.csv"), &native).unwrap();
    std::fs::write(dir.path().join("ads.csv"), &meta).unwrap();
    // Two quoted cells whose Windows-1252 bytes (`É`, `©`) would join into one UTF-8
    // `é` if the record were checked whole.
    let mut split = b"date,platform,campaign,ad_set,likes\n".to_vec();
    for i in 0..4000 {
        split.extend_from_slice(format!("2026-08-01,facebook,Summer,A,{}\n", i % 7).as_bytes());
    }
    split.extend_from_slice(b"2026-08-02,facebook,\"CAF\xc9\",\"\xa9 set\",5\n");
    std::fs::write(dir.path().join("split.csv"), &split).unwrap();
    let out = roi_in(dir.path(), &["normalize", "split.csv"]);
    assert_eq!(code(&out), 0, "{}", transcript(&out));
    assert!(
        stdout(&out).ends_with("\n2026-08-02,facebook,CAFÉ,© set,5\n"),
        "{}",
        transcript(&out)
    );
    for threads in ["1", "2"] {
        let out = roi_in(dir.path(), &["normalize", "old.csv", "--threads", threads]);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        assert!(
            stdout(&out).ends_with("\n2026-08-02,facebook,Café,5\n"),
            "{}",
            transcript(&out)
        );
        assert_eq!(stdout(&out).lines().count(), 4002);
        // 4,000 rows of i % 7: 571 rounds of 0..=6 (21 each) and 0, 1, 2.
        let ads = roi_in(
            dir.path(),
            &[
                "report",
                "ads.csv",
                "--by",
                "campaign",
                "--format",
                "csv",
                "--kpi",
                "impressions,spend",
                "--as-of",
                "2026-09-01",
                "--threads",
                threads,
            ],
        );
        assert_eq!(
            stdout(&ads),
            "campaign,rows,impressions,spend,spend_currency\n\
             Café,1,5,2,USD\n\
             Summer,4000,11994,6000,USD\n",
            "{}",
            transcript(&ads)
        );
        for file in ["old.csv", "ads.csv"] {
            let inspect = roi_in(dir.path(), &["inspect", file, "--format", "json"]);
            let inspect: serde_json::Value = serde_json::from_slice(&inspect.stdout).unwrap();
            assert_eq!(inspect["files"][0]["encoding"], "windows-1252", "{file}");
        }
    }
}

/// A 6 MiB row is stopped after the limit plus the reader's look-ahead, at its line,
/// not read whole.
#[test]
fn a_huge_row_is_stopped_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "date,likes\n2026-08-01,5\n2026-08-02,\"{}\"\n",
        "9".repeat(6 << 20)
    );
    std::fs::write(dir.path().join("big.csv"), &text).unwrap();
    let out = roi_in(dir.path(), &["report", "big.csv"]);
    assert_eq!(code(&out), 2);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: big.csv:3: the row is longer than 1048576 bytes, the most roi reads in one row (a damaged file, or not a table?); reading stopped there\n"
    );
}

/// Every fixture and example export, read with a head of a few bytes (so each one
/// takes the streamed path: sniffed from its start, read again from disk on each
/// pass), on one thread and with a parser thread reading ahead, and held in memory:
/// the same rows, the same files, the same errors.
#[test]
fn the_streamed_path_reads_every_fixture_like_the_held_one() {
    let mut files = Vec::new();
    for dir in ["fixtures", "examples"] {
        for entry in walkdir::WalkDir::new(crate::root().join(dir)).sort_by_file_name() {
            let entry = entry.unwrap();
            let ext = entry
                .path()
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("");
            if entry.file_type().is_file()
                && matches!(ext, "csv" | "tsv" | "txt" | "json" | "ndjson")
            {
                files.push(entry.into_path());
            }
        }
    }
    assert!(files.len() > 40, "{} files", files.len());
    let read = |path: &std::path::PathBuf, head: Option<usize>, threads: usize| {
        let options = roi::input::ReadOptions {
            year: Some(2026),
            head_bytes: head,
            threads: std::num::NonZeroUsize::new(threads),
            ..Default::default()
        };
        match roi::input::load(std::slice::from_ref(path), &options) {
            Ok(dataset) => {
                let mut csv = Vec::new();
                roi::render::normalized_csv(&dataset, &mut csv).unwrap();
                let files = serde_json::to_string(&dataset.files).unwrap();
                Ok((String::from_utf8(csv).unwrap(), files))
            }
            Err(e) => Err(e.to_string()),
        }
    };
    let mut streamed = 0;
    for path in &files {
        let held = read(path, None, 1);
        for (head, threads) in [(7, 1), (7, 2), (100, 2)] {
            assert_eq!(
                read(path, Some(head), threads),
                held,
                "{} with a {head}-byte head on {threads} thread(s)",
                path.display()
            );
        }
        streamed += usize::from(held.is_ok());
    }
    assert!(streamed > 30, "{streamed} fixtures read");
}

/// A file read as one table until a `#` line past its first records starts another
/// (the one-table reading gives up and the file is split): both tables are read, and
/// the total rows of the first are counted once.
#[test]
fn a_second_table_after_the_first_records_is_still_its_own_table() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("Day,Campaign name,Impressions,Amount spent (USD)\n");
    for day in 1..=30 {
        text.push_str(&format!("2026-08-{day:02},Summer,10,1.5\n"));
    }
    text.push_str("Total,,300,45\n# Second table\nDay,Campaign name,Reach,Amount spent (USD)\n");
    text.push_str("2026-09-01,Winter,5,1\n2026-09-02,Winter,7,1\nTotal,,12,2\n");
    std::fs::write(dir.path().join("two.csv"), &text).unwrap();
    for threads in ["1", "2"] {
        let report = roi_in(
            dir.path(),
            &[
                "report",
                "two.csv",
                "--by",
                "campaign",
                "--format",
                "csv",
                "--kpi",
                "impressions,spend,reach",
                "--as-of",
                "2026-10-01",
                "--threads",
                threads,
            ],
        );
        // The second table's spend is of other days (September): it counts.
        assert_eq!(
            stdout(&report),
            "campaign,rows,impressions,spend,spend_currency,reach,reach_bound\n\
             Summer,30,300,45,USD,,\n\
             Winter,2,,2,USD,12,upper\n",
            "{}",
            transcript(&report)
        );
        let inspect = roi_in(
            dir.path(),
            &[
                "inspect",
                "two.csv",
                "--format",
                "json",
                "--threads",
                threads,
            ],
        );
        let inspect: serde_json::Value = serde_json::from_slice(&inspect.stdout).unwrap();
        let file = &inspect["files"][0];
        assert_eq!(file["tables"].as_array().map(Vec::len), Some(2));
        assert_eq!(file["rows_read"], 32);
        assert_eq!(file["skipped"][0]["rows"], 2);
        assert_eq!(file["skipped"][0]["first_line"], 32);
    }
}

/// Every fixture and example folder, its files read a few at a time in parallel and
/// one after the other, merged on a campaign key and kept as read: the same rows,
/// the same files, the same errors.
#[test]
fn files_read_in_parallel_give_what_one_thread_gives() {
    let mut folders = Vec::new();
    for dir in ["fixtures", "examples"] {
        for entry in walkdir::WalkDir::new(crate::root().join(dir)).sort_by_file_name() {
            let entry = entry.unwrap();
            if entry.file_type().is_dir() {
                folders.push(entry.into_path());
            }
        }
    }
    let read = |folder: &std::path::Path, threads: usize, merge| {
        let inputs = [folder.to_string_lossy().into_owned()];
        // A folder without exports (scripts, snapshots) has nothing to read.
        let Ok(roi::input::Expanded { files, .. }) =
            roi::input::expand(&inputs, std::path::Path::new("."))
        else {
            return Err("no exports".to_owned());
        };
        // A small head: the fixtures are then files worth reading in parallel.
        let options = roi::input::ReadOptions {
            year: Some(2026),
            threads: std::num::NonZeroUsize::new(threads),
            merge,
            head_bytes: Some(100),
            ..Default::default()
        };
        match roi::input::load(&files, &options) {
            Ok(dataset) => {
                let mut csv = Vec::new();
                roi::render::normalized_csv(&dataset, &mut csv).unwrap();
                let files = serde_json::to_string(&dataset.files).unwrap();
                let count = dataset.files.len();
                Ok((String::from_utf8(csv).unwrap(), files, count))
            }
            Err(e) => Err(e.to_string()),
        }
    };
    let keep = roi::normalize::Keep::new([roi::model::Dimension::Campaign]);
    let mut several = 0;
    for folder in &folders {
        for merge in [None, Some(keep)] {
            let one = read(folder, 1, merge);
            assert_eq!(read(folder, 2, merge), one, "{}", folder.display());
            several += usize::from(one.as_ref().is_ok_and(|(_, _, n)| *n > 1));
        }
    }
    assert!(several > 10, "{several} folders of several files read");
}

/// Two broken files read together: the error is the first file's, as when they are
/// read one after the other.
#[test]
fn the_first_files_error_comes_first_when_files_are_read_together() {
    let dir = tempfile::tempdir().unwrap();
    // Each over 64 KiB, so that they are read together.
    let rows = "2026-08-01,5\n".repeat(6000);
    let a = format!("date,likes\n{rows}2026-13-01,5\n");
    let b = format!("date,likes\n2026-08-01,five\n{rows}");
    std::fs::write(dir.path().join("a.csv"), a).unwrap();
    std::fs::write(dir.path().join("b.csv"), b).unwrap();
    for threads in ["1", "2"] {
        let out = roi_in(dir.path(), &["report", ".", "--threads", threads]);
        assert_eq!(code(&out), 2);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.starts_with("error: "), "{stderr}");
        assert!(stderr.contains("a.csv:6002: column 1 (`date`)"), "{stderr}");
    }
}

/// A large file in roi's format is cut into parts read at once, one per thread. Cuts
/// land anywhere: between CRLF pairs and blank lines, after a BOM and a `sep=` line,
/// inside a quoted cell that holds line breaks (the part before then reads on). Rows,
/// their lines, counted warnings and errors are what one reader gives, merged or not.
#[test]
fn a_file_read_in_parts_gives_what_one_reader_gives() {
    let dir = tempfile::tempdir().unwrap();
    let row = |i: usize, eol: &str| {
        // A negative count now and then: a counted warning with its first line.
        let likes = if i.is_multiple_of(97) {
            -1
        } else {
            (i % 13) as i64
        };
        format!(
            "2026-08-{:02},facebook,\"Camp, {}\",{likes},{}.5{eol}",
            i % 28 + 1,
            i % 5,
            i % 7
        )
    };
    let body =
        |eol: &str, rows: std::ops::Range<usize>| -> String { rows.map(|i| row(i, eol)).collect() };
    let header = "date,platform,campaign,likes,spend\n";
    let mut texts = vec![
        ("lf", format!("{header}{}", body("\n", 0..3000))),
        (
            "crlf-blank",
            format!(
                "\u{feff}sep=,\r\n{}{}",
                header.replace('\n', "\r\n"),
                (0..3000).map(|i| row(i, "\r\n\r\n")).collect::<String>()
            ),
        ),
        (
            "quoted-breaks",
            format!(
                "{header}{}2026-08-01,facebook,\"{}\",1,1\n{}",
                body("\n", 0..100),
                "many\nlines\r\n".repeat(4000),
                body("\n", 100..200)
            ),
        ),
        (
            "late-error",
            format!(
                "{header}{}2026-08-01,facebook,x,1,one\n",
                body("\n", 0..3000)
            ),
        ),
        (
            "two-errors",
            format!(
                "{header}2026-08-01,facebook,x,1\n{}2026-08-01,facebook,x,1,one\n",
                body("\n", 0..3000)
            ),
        ),
    ];
    // The fast parser hands over to the csv crate's at a quote inside a cell, which
    // the csv crate reads as a character.
    texts.push((
        "stray-quote",
        format!(
            "{header}{}2026-08-01,facebook,ab\"c,1,1\n{}",
            body("\n", 0..2500),
            body("\n", 2500..3000)
        ),
    ));
    texts.push(("cr-only", texts[0].1.replace('\n', "\r")));
    texts.push(("blank-lines-first", format!("\n\n\n{}", texts[0].1)));
    let keep = roi::normalize::Keep::new([roi::model::Dimension::Campaign]);
    for (name, text) in &texts {
        let path = dir.path().join(format!("{name}.csv"));
        std::fs::write(&path, text).unwrap();
        for merge in [None, Some(keep)] {
            let read = |threads: usize| {
                let options = roi::input::ReadOptions {
                    threads: std::num::NonZeroUsize::new(threads),
                    merge,
                    head_bytes: Some(64),
                    ..Default::default()
                };
                read_one_file(&path, &options)
            };
            let one = read(1);
            for threads in [2, 3, 7] {
                assert_eq!(read(threads), one, "{name} on {threads} threads, {merge:?}");
            }
        }
    }
    // The figures one reader gives are right: lines and warnings of the CRLF file
    // (BOM and `sep=` on line 1, header on line 2, row i on line 3 + 2i).
    let options = roi::input::ReadOptions {
        threads: std::num::NonZeroUsize::new(3),
        head_bytes: Some(64),
        ..Default::default()
    };
    let dataset = roi::input::load(&[dir.path().join("crlf-blank.csv")], &options).unwrap();
    assert_eq!(dataset.rows.len(), 3000);
    assert_eq!(dataset.rows[2999].line, 3 + 2 * 2999);
    let warning = &dataset.files[0].warnings[0];
    // Rows 0, 97, …, 2910: 31 negative counts, the first on line 3.
    assert_eq!(
        warning.args[..2],
        [("rows", "31".to_owned()), ("line", "3".to_owned())]
    );
    // The stray quote is a character of its cell, on line 2 + 2,500; the last row
    // is on line 3,002.
    let dataset = roi::input::load(&[dir.path().join("stray-quote.csv")], &options).unwrap();
    assert_eq!(dataset.rows.len(), 3001);
    let stray = &dataset.rows[2500];
    assert_eq!(stray.line, 2502);
    let campaign = stray.dims.get(roi::model::Dimension::Campaign);
    assert_eq!(campaign.map(|c| dataset.interner.get(c)), Some("ab\"c"));
    assert_eq!(dataset.rows[3000].line, 3002);
    // The error is on the last line, 3,002; with two errors, the first one's.
    for (name, line) in [("late-error", 3002), ("two-errors", 2)] {
        let err = roi::input::load(&[dir.path().join(format!("{name}.csv"))], &options)
            .unwrap_err()
            .to_string();
        assert!(err.contains(&format!("{name}.csv:{line}:")), "{err}");
    }
}

/// A table is read in one pass when its first records show how its dates and
/// numbers are written, and read again when the whole table says otherwise. The
/// same table with a `#` line after it is split into tables first and always read
/// in two passes: both give the same rows, lines, warnings, skipped rows and errors.
#[test]
fn a_table_read_in_one_pass_gives_what_two_passes_give() {
    let dir = tempfile::tempdir().unwrap();
    let header = "Day,Campaign name,Impressions,Post comments,Amount spent (USD)\n";
    let rows = |dates: &dyn Fn(usize) -> String, spend: &dyn Fn(usize) -> String| {
        let mut text = String::from(header);
        for i in 0..60 {
            if i % 17 == 5 {
                text.push('\n');
            }
            let comments = if i % 11 == 3 { -1 } else { 2 };
            text.push_str(&format!(
                "{},\"Camp {}\",{},{comments},{}\n",
                dates(i),
                i % 3,
                100 + i,
                spend(i)
            ));
        }
        text.push_str("Total,,,,\n");
        text
    };
    let early = |i: usize| format!("{:02}/01/2026", i % 12 + 1);
    let late_day = |i: usize| format!("{:02}/01/2026", if i < 40 { i % 12 + 1 } else { 13 });
    let plain = |i: usize| format!("{}.25", i % 4);
    let late_comma = |i: usize| {
        if i < 40 {
            "1.500".to_owned()
        } else {
            "\"2,5\"".to_owned()
        }
    };
    let mut cases = vec![
        ("decided-early", rows(&early, &plain)),
        ("late-day-first", rows(&late_day, &plain)),
        ("late-comma", rows(&early, &late_comma)),
        ("late-both", rows(&late_day, &late_comma)),
    ];
    let mut bad = rows(&early, &plain);
    bad = bad.replacen(",102,", ",abc,", 1);
    cases.push(("bad-number", bad));
    let mut bad_late = rows(&late_day, &plain);
    bad_late = bad_late.replacen(",150,", ",abc,", 1);
    cases.push(("bad-number-late-day", bad_late));
    let read_on = |name: &str, text: &str, threads: usize| {
        let path = dir.path().join(format!("{name}.csv"));
        std::fs::write(&path, text).unwrap();
        // A small head makes the file large enough to be read in parts.
        let options = roi::input::ReadOptions {
            year: Some(2026),
            threads: std::num::NonZeroUsize::new(threads),
            head_bytes: (threads > 1).then_some(64),
            ..Default::default()
        };
        read_one_file(&path, &options).map_err(|e| e.replace(name, "FILE").replace("-split", ""))
    };
    let read = |name: &str, text: &str| read_on(name, text, 1);
    for (name, text) in &cases {
        let one = read(name, text);
        let two = read(&format!("{name}-split"), &format!("{text}# the end\n"));
        assert_eq!(one, two, "{name}");
        // Read in parts at once, with the GA4 preamble of `#` lines or without.
        for threads in [2, 3, 7] {
            assert_eq!(
                read_on(name, text, threads),
                one,
                "{name} on {threads} threads"
            );
            let ga4 = format!("# ----\n# Start date: 20260101\n# ----\n{text}");
            let preamble = read_on(&format!("{name}-ga4"), &ga4, 1);
            let parts = read_on(&format!("{name}-ga4"), &ga4, threads);
            assert_eq!(
                parts, preamble,
                "{name} with a preamble on {threads} threads"
            );
        }
    }
    // What they give, worked out here.
    let (csv, lines, file) = read("late-both", &cases[3].1).unwrap();
    // Rows 0–39 on 1–12 January read day first, as row 40's 13/01 says.
    assert!(csv.contains("\n2026-01-12,"), "{csv}");
    assert!(!csv.contains("2026-12-01"), "{csv}");
    // 60 rows; blank lines before rows 5, 22, 39, 56: row i on line i + 2 + blanks.
    assert_eq!(lines.len(), 60);
    assert_eq!(lines[59], 59 + 2 + 4);
    assert_eq!(file["skipped"][0]["rows"], 1, "the total row: {file}");
    // Comments of -1 on rows 3, 14, 25, 36, 47, 58: six, the first on line 5.
    assert_eq!(
        file["warnings"],
        serde_json::json!(["6 row(s): negative `comments` kept as written (first at line 5)"])
    );
    // Dates that could be either order: day-first they are 1–12 January, month-first
    // (the layout's convention) the 1st of twelve months; a table by day's dates lie
    // together, so day-first, said before the warnings of the rows.
    let (csv, _, file) = read("decided-early", &cases[0].1).unwrap();
    assert!(csv.contains("\n2026-01-12,"), "{csv}");
    assert!(!csv.contains("\n2026-12-01,"), "{csv}");
    assert_eq!(
        file["warnings"],
        serde_json::json!([
            "dates read day-first: no date told, and read so they lie together (2026-01-01 ..= 2026-01-12), where month-first they would spread over 2026-01-01 ..= 2026-12-01. If that is wrong, map the file in roi.toml with a month-first `date_format`",
            "6 row(s): negative `comments` kept as written (first at line 5)"
        ])
    );
    // The late 2,5 makes the comma the decimal mark, so 1.500 is fifteen hundred:
    // 40 × 1,500 + 20 × 2.5 = 60,050.
    let dataset = roi::input::load(
        &[dir.path().join("late-both.csv")],
        &roi::input::ReadOptions::default(),
    )
    .unwrap();
    let spend = dataset.metric_id("spend").unwrap();
    let total: i64 = dataset
        .rows
        .iter()
        .filter_map(|r| r.value(spend))
        .map(|a| a.0)
        .sum();
    assert_eq!(total, 60_050 * roi::model::Amount::SCALE);
    let bad = read("bad-number", &cases[4].1).unwrap_err();
    assert!(
        bad.contains("FILE.csv:4: column 3 (`Impressions`)"),
        "{bad}"
    );
}

/// An error in an early part is the file's error, even when a later part, read at the
/// same time, meets bytes that are not UTF-8 (which alone would make the file be read
/// again in its code page). Found by the fuzzer comparing one thread with three.
#[test]
fn an_early_error_stands_when_a_later_part_is_not_utf8() {
    let dir = tempfile::tempdir().unwrap();
    for (name, header, row) in [
        (
            "native.csv",
            "date,platform,likes\n",
            "2026-08-01,facebook,1\n",
        ),
        (
            "meta.csv",
            "Day,Campaign name,Impressions,Amount spent (USD)\n",
            "2026-08-01,Summer,1,1.5\n",
        ),
    ] {
        // With a BOM, a file that is not UTF-8 cannot be read in a code page either.
        let mut text = format!("\u{feff}{header}{}", row.repeat(50)).into_bytes();
        text.extend_from_slice(b"2026-08-01,facebook,1,2,3,4,5\n");
        text.extend_from_slice(row.repeat(300).as_bytes());
        text.extend_from_slice(b"2026-08-02,Caf\xe9,5\n");
        let path = dir.path().join(name);
        std::fs::write(&path, &text).unwrap();
        let read = |threads| {
            let options = roi::input::ReadOptions {
                threads: std::num::NonZeroUsize::new(threads),
                head_bytes: Some(64),
                ..Default::default()
            };
            read_one_file(&path, &options).unwrap_err()
        };
        let one = read(1);
        // Header on line 1, rows on 2–51, the ragged row on 52.
        assert!(one.contains(&format!("{name}:52:")), "{one}");
        assert_eq!(read(3), one, "{name}");
    }
}

/// Found in review: what one reader does at a `#` line after the data (another table
/// starts), after the first row it cannot read the way the first records say (it
/// builds no more rows, so registers no more metrics or currencies), and at a row
/// too long to read, files read in parts do too.
#[test]
fn parts_stop_where_one_reader_stops() {
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<(&str, String)> = Vec::new();
    let mut two = String::from("Day,Campaign name,Impressions,Amount spent (USD)\n");
    two.push_str(&"2026-08-01,Summer,10,1.5\n".repeat(30));
    two.push_str("# Second table\nDay,Campaign name,Reach,Amount spent (USD)\n");
    two.push_str(&"2026-09-01,Winter,5,1\n".repeat(200));
    files.push(("two-tables", two));
    let mut ga4 = String::from("# ----\n# Start date: 20260101\n# End date: 20260131\n");
    ga4.push_str(
        "Date,Session source / medium,Sessions,Key events,Total revenue,Engaged sessions\n",
    );
    ga4.push_str(&"20260105,l.facebook.com / referral,3,1,5,2\n".repeat(40));
    ga4.push_str("\n# ----\n# Country\nCountry,Sessions\n");
    ga4.push_str(&"Vietnam,7\n".repeat(200));
    files.push(("ga4-two-tables", ga4));
    // Day first only from row 20 on (a wrong guess fails there); the metric of the
    // result indicator changes at rows 20 and 60, and the currency at 100.
    let mut late =
        String::from("Day,Campaign name,Result indicator,Results,Amount spent,Currency\n");
    for i in 0..200 {
        let day = if i == 20 { 13 } else { i % 12 + 1 };
        let indicator = match i {
            0..20 => "actions:lead",
            20..60 => "actions:link_click",
            _ => "reach",
        };
        let currency = if i < 100 { "USD" } else { "EUR" };
        late.push_str(&format!(
            "{day:02}/01/2026,Summer,{indicator},3,1.5,{currency}\n"
        ));
    }
    files.push(("late-day-first", late));
    for (name, text) in &files {
        let path = dir.path().join(format!("{name}.csv"));
        std::fs::write(&path, text).unwrap();
        let read = |threads| {
            let options = roi::input::ReadOptions {
                year: Some(2026),
                threads: std::num::NonZeroUsize::new(threads),
                head_bytes: Some(64),
                ..Default::default()
            };
            let metrics = roi::input::load(std::slice::from_ref(&path), &options)
                .map(|d| d.metrics.iter().map(|m| m.name.clone()).collect::<Vec<_>>());
            (
                read_one_file(&path, &options),
                metrics.map_err(|e| e.to_string()),
            )
        };
        let one = read(1);
        assert!(one.0.is_ok(), "{name}: {:?}", one.0);
        for threads in [2, 3, 7] {
            assert_eq!(read(threads), one, "{name} on {threads} threads");
        }
    }
    // Both tables of the first file: 30 + 200 rows.
    let options = roi::input::ReadOptions {
        head_bytes: Some(64),
        threads: std::num::NonZeroUsize::new(3),
        ..Default::default()
    };
    let dataset = roi::input::load(&[dir.path().join("two-tables.csv")], &options).unwrap();
    assert_eq!(dataset.rows.len(), 230);
}

/// A row of 2 MiB is reported with the same words wherever the reading buffers fall:
/// on one thread and in parts, which start at other offsets.
#[test]
fn a_huge_row_reads_the_same_in_parts() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("date,platform,likes\n");
    text.push_str(&"2026-08-01,facebook,1\n".repeat(110_000));
    text.push_str("2026-08-01,facebook,");
    text.push_str(&"7".repeat(2_167_488));
    text.push_str("\n2026-08-01,facebook,1\n");
    let path = dir.path().join("huge.csv");
    std::fs::write(&path, &text).unwrap();
    let read = |threads| {
        let options = roi::input::ReadOptions {
            threads: std::num::NonZeroUsize::new(threads),
            ..Default::default()
        };
        read_one_file(&path, &options).unwrap_err()
    };
    let one = read(1);
    // Header on line 1, rows on 2–110,001.
    assert!(
        one.ends_with(
            "huge.csv:110002: the row is longer than 1048576 bytes, the most roi reads in one \
             row (a damaged file, or not a table?); reading stopped there"
        ),
        "{one}"
    );
    assert_eq!(read(2), one);
}
