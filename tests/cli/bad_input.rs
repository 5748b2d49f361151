//! The bad-input corpus: small broken files and configurations, each with its exact
//! message and exit code pinned by a snapshot. Every message names the file, the line
//! and column where there is one, the value and what was expected; none is a panic.

use crate::{code, roi_in, transcript};

/// A case: files to write (name, bytes), the roi.toml (empty for none) and the
/// command line.
struct Case {
    name: &'static str,
    files: Vec<(&'static str, Vec<u8>)>,
    config: &'static str,
    args: Vec<&'static str>,
}

fn case(name: &'static str, file: &'static str, body: &str, args: &[&'static str]) -> Case {
    Case {
        name,
        files: vec![(file, body.as_bytes().to_vec())],
        config: "",
        args: args.to_vec(),
    }
}

fn config_case(name: &'static str, config: &'static str, args: &[&'static str]) -> Case {
    Case {
        name,
        files: vec![(
            "data.csv",
            b"date,platform,leads,spend\n2026-08-01,facebook,5,10\n".to_vec(),
        )],
        config,
        args: args.to_vec(),
    }
}

/// A Vietnamese export with a title line above its header, for mapping cases.
const ZALO: &str = "Báo cáo Zalo OA\nNgày,Loại,Lượt thích,Chi phí,Tiền tệ\n01/08/2026,Bài viết,56,\"150.000\",VND\n13/08/2026,Video,10,\"50.000\",VND\nTổng,,66,\"200.000\",VND\n";

/// A mapping case: `zalo-aug.csv` read through the mapping of `config`.
fn mapping_case(name: &'static str, config: &'static str, args: &[&'static str]) -> Case {
    Case {
        name,
        files: vec![("zalo-aug.csv", ZALO.as_bytes().to_vec())],
        config,
        args: args.to_vec(),
    }
}

/// `[[mappings]]` for `zalo-aug.csv`, each case adding its own lines above the
/// columns.
macro_rules! zalo_mapping {
    ($extra:literal) => {
        concat!(
            "inputs = [\"zalo-aug.csv\"]\n[[mappings]]\nfiles = \"zalo-*.csv\"\nskip_lines = 1\n",
            $extra,
            "[mappings.columns]\n\"Ngày\" = \"date\"\n\"Loại\" = \"content_type\"\n\"Lượt thích\" = \"likes\"\n\"Chi phí\" = \"spend\"\n\"Tiền tệ\" = \"currency\"\n"
        )
    };
}

fn cases() -> Vec<Case> {
    let report = &["report", "in.csv"];
    let mut binary: Vec<u8> = (0..=255u8).cycle().take(2000).collect();
    binary.extend_from_slice(&[0xff, 0xfe, 0x00]);
    let utf16_no_bom: Vec<u8> = "Date,Video Views,Profile Views\n2026-08-01,5,1\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    // UTF-16 with a BOM, cut one byte into its last character; and one with a lone
    // surrogate on its second line.
    let utf16 = |text: &str| -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    };
    let mut utf16_cut =
        utf16("Date\tVideo Views\tProfile Views\r\n2026-08-01\t5\t1\r\n2026-08-02\t7");
    utf16_cut.push(b'\t');
    let mut utf16_lone = utf16("Date\tVideo Views\tProfile Views\r\n2026-08-01\t5");
    utf16_lone.extend_from_slice(&0xD800u16.to_le_bytes());
    utf16_lone.extend(utf16("\t1\r\n").into_iter().skip(2));
    let mut latin1_in_utf8 = b"date,platform,likes\n2026-08-01,".to_vec();
    latin1_in_utf8.extend_from_slice(b"caf\xe9,5\n");
    // UTF-8 with Vietnamese letters and one byte of Windows-1252 (`é`): damage, not
    // a file in an old code page. Read whole, and past the first 64 KiB read from disk.
    let stray = |rows: usize| {
        let mut bytes = b"date,platform,campaign,leads\n".to_vec();
        for _ in 0..rows {
            bytes.extend_from_slice("2026-08-01,facebook,Khuyến mãi Tết,10\n".as_bytes());
        }
        bytes.extend_from_slice(b"2026-08-03,facebook,Caf\xe9,5\n");
        bytes
    };
    let mut stray_json = br#"[{"date":"2026-08-01","platform":"facebook","#.to_vec();
    stray_json.extend_from_slice("\n \"campaign\":\"Khuyến mãi\",\"leads\":1},\n".as_bytes());
    stray_json.extend_from_slice(br#"{"date":"2026-08-02","platform":"facebook","campaign":"Caf"#);
    stray_json.extend_from_slice(b"\xe9\",\"leads\":5}]");
    let stray_bom = b"\xEF\xBB\xBFdate,platform,likes\n2026-08-01,caf\xe9,5\n".to_vec();
    let long_line = format!("date,likes\n2026-08-01,{}\n", "9".repeat(2 << 20));
    // An export whose quote opens far past the records read to find its header.
    let mut long_export = String::from("Date,Video Views,Profile Views\n");
    for month in 1..=12 {
        for day in 1..=28 {
            let views = if month == 11 && day == 2 { "\"5" } else { "5" };
            long_export.push_str(&format!("2026-{month:02}-{day:02},{views},1\n"));
        }
    }
    // The start of a program (ELF): NULs on both sides of its 16-bit units, and a
    // unit (0xDE23) that would be half a pair read as UTF-16.
    let mut elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec();
    for _ in 0..40 {
        elf.extend_from_slice(&[0x03, 0x00, 0x3e, 0x00, 0x23, 0xde, 0x00, 0x00]);
        elf.extend_from_slice(&[0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
    }
    let wide_header = format!(
        "{}\n",
        (0..20_000)
            .map(|i| format!("c{i}"))
            .collect::<Vec<_>>()
            .join(",")
    );
    vec![
        Case {
            name: "a_2_mib_line",
            files: vec![("in.csv", long_line.into_bytes())],
            config: "",
            args: report.to_vec(),
        },
        Case {
            name: "a_20000_column_header",
            files: vec![("in.csv", wide_header.into_bytes())],
            config: "",
            args: report.to_vec(),
        },
        case("empty_file", "in.csv", "", report),
        case("whitespace_only", "in.csv", "  \n\n \n", report),
        case("header_only_native", "in.csv", "date,likes\n", report),
        case(
            "header_only_export",
            "in.csv",
            "Date,Video Views,Profile Views\n",
            report,
        ),
        Case {
            name: "utf16_cut_off",
            files: vec![("in.csv", utf16_cut)],
            config: "",
            args: report.to_vec(),
        },
        Case {
            name: "utf16_lone_surrogate",
            files: vec![("in.csv", utf16_lone)],
            config: "",
            args: report.to_vec(),
        },
        Case {
            name: "binary_bytes",
            files: vec![("in.csv", binary)],
            config: "",
            args: report.to_vec(),
        },
        case(
            "truncated_last_line",
            "in.csv",
            "\"Date\",\"Video Views\",\"Profile Views\",\"Likes\"\n\"2026-08-01\",\"5\",\"1\",\"2\"\n\"2026-08-02\",\"7",
            report,
        ),
        // Quotes that would swallow rows into one cell: an error where the quoted
        // cell opens, --strict or not.
        case(
            "quote_open_to_the_end",
            "f.csv",
            "date,platform,likes,campaign\n2026-08-05,facebook,12,\"Back to school\n2026-08-06,facebook,13,B\n",
            &["kpi", "likes", "f.csv", "--strict"],
        ),
        case(
            "cut_inside_a_quoted_cell",
            "f.csv",
            "date,platform,likes,campaign\n2026-08-05,facebook,12,B\n2026-08-06,facebook,13,\"Back to sch",
            &["kpi", "likes", "f.csv"],
        ),
        case(
            "closing_quote_then_text_across_lines",
            "f.csv",
            "date,platform,campaign,likes\n2026-08-05,facebook,\"Back to school,12\n2026-08-06,facebook,B,13\n2026-08-07,facebook,\"C\",14\n",
            &["kpi", "likes", "f.csv", "--strict"],
        ),
        Case {
            name: "quote_open_far_into_an_export",
            files: vec![("in.csv", long_export.into_bytes())],
            config: "",
            args: report.to_vec(),
        },
        // Not bad input: line breaks and doubled quotes inside quoted cells, and a
        // stray quote inside one line, read as before (25 likes, exit 0).
        case(
            "good_quotes_across_lines",
            "f.csv",
            "date,platform,campaign,likes\r\n2026-08-05,facebook,\"Back \"\"to\"\"\r\nschool\",12\r\n2026-08-06,facebook,12\" screen,13\r\n",
            &["kpi", "likes", "f.csv", "--strict"],
        ),
        // A Google Ads range above the header with an impossible day: every row
        // would be without a date.
        case(
            "google_ads_range_with_an_impossible_day",
            "in.csv",
            "Campaign report\n\"February 30, 2026 - March 31, 2026\"\nCampaign,Currency code,Impr.,Clicks,Cost\nA,USD,100,4,10.50\n",
            &["kpi", "spend", "in.csv"],
        ),
        case(
            "google_ads_range_with_a_misspelt_month",
            "in.csv",
            "Campaign report\n\"Agust 1, 2026 - August 31, 2026\"\nCampaign,Currency code,Impr.,Clicks,Cost\nA,USD,100,4,10.50\n",
            &["kpi", "spend", "in.csv"],
        ),
        // Keys and columns that name one field once case, spaces and punctuation are
        // set aside: which value to keep cannot be told (the sum would count both).
        case(
            "json_keys_naming_one_field",
            "in.json",
            r#"[{"date":"2026-08-01","platform":"facebook","Likes":10,"likes":99}]"#,
            &["kpi", "likes", "in.json"],
        ),
        case(
            "json_keys_naming_one_field_with_punctuation",
            "in.json",
            r#"[{"date":"2026-08-01","platform":"facebook","Trial starts":10,"trial-starts":5}]"#,
            &["kpi", "trial_starts", "in.json"],
        ),
        case(
            "csv_columns_naming_one_field",
            "in.csv",
            "date,platform,likes,likes_\n2026-08-01,facebook,10,99\n",
            &["kpi", "likes", "in.csv"],
        ),
        // A pretty-printed array: the error is on the line of the bad value (10), in
        // the field's place in its record (3).
        case(
            "pretty_json_bad_value_line",
            "in.json",
            "[\n  {\n    \"date\": \"2026-08-01\",\n    \"platform\": \"facebook\",\n    \"likes\": 1\n  },\n  {\n    \"date\": \"2026-08-02\",\n    \"platform\": \"facebook\",\n    \"likes\": \"4x\"\n  }\n]\n",
            &["kpi", "likes", "in.json"],
        ),
        // Two records on one line: the second's syntax error is at its own column.
        case(
            "json_syntax_error_in_the_second_record",
            "in.json",
            "[{\"date\":\"2026-08-01\",\"likes\":1},\n {\"date\":\"2026-08-02\",\"likes\":2}, {\"date\" \"2026-08-03\"}]\n",
            &["kpi", "likes", "in.json"],
        ),
        // A `.json` file holding no object is JSON, not a CSV header.
        case(
            "json_top_level_null",
            "in.json",
            "null\n",
            &["kpi", "likes", "in.json"],
        ),
        case(
            "json_top_level_number",
            "in.json",
            "42",
            &["kpi", "likes", "in.json"],
        ),
        // Lines ended by CR alone (Excel's "CSV (Macintosh)"): the error is on line 3.
        case(
            "cr_only_line_breaks",
            "in.csv",
            "date,platform,likes\r2026-08-01,facebook,1\r2026-08-02,facebook,1o\r",
            &["kpi", "likes", "in.csv"],
        ),
        // With `\n`s in the file, a `\r` inside quotes ends no line, and `\r\r\n` ends
        // one: the error is on line 4 in both.
        case(
            "lf_file_quoted_cr",
            "in.csv",
            "date,platform,campaign,likes\n2026-08-01,facebook,\"A\rsecond\",10\n\
             2026-08-02,facebook,B,20\n2026-08-03,facebook,C,1x2\n",
            &["kpi", "likes", "in.csv"],
        ),
        case(
            "cr_cr_lf_line_breaks",
            "in.csv",
            "date,platform,likes\r\r\n2026-08-01,facebook,10\r\r\n\
             2026-08-02,facebook,20\r\r\n2026-08-03,facebook,1x2\r\r\n",
            &["kpi", "likes", "in.csv"],
        ),
        // Years no export holds, in roi's own format as in exports: one rule.
        case(
            "native_negative_year",
            "in.csv",
            "date,platform,likes\n2026-08-01,facebook,1\n-2026-08-01,facebook,10\n",
            &["kpi", "likes", "in.csv"],
        ),
        case(
            "native_buddhist_year",
            "in.csv",
            "date,platform,likes\n2026-08-01,facebook,1\n2569-08-15,facebook,10\n",
            &["kpi", "likes", "in.csv"],
        ),
        case(
            "year_flag_out_of_range",
            "in.csv",
            "date,platform,likes\n2026-08-01,facebook,1\n",
            &["kpi", "likes", "in.csv", "--year", "0"],
        ),
        case(
            "more_cells_than_header",
            "in.csv",
            "date,likes\n2026-08-01,5,6\n",
            report,
        ),
        case(
            "fewer_cells_than_header_native",
            "in.csv",
            "date,likes,comments\n2026-08-01,5\n",
            report,
        ),
        case(
            "more_cells_in_export",
            "in.csv",
            "Date,Video Views,Profile Views\n2026-08-01,5,1,9\n",
            report,
        ),
        case(
            "unterminated_quote",
            "in.csv",
            "Date,Video Views,Profile Views\n2026-08-01,\"5,1\n2026-08-02,4,1\n",
            report,
        ),
        case(
            "comma_groups_not_a_number",
            "in.csv",
            "date,likes\n2026-08-01,\"12,3,4\"\n",
            report,
        ),
        case(
            "exponent_overflow",
            "in.csv",
            "date,likes\n2026-08-01,1e999\n",
            report,
        ),
        case("nan", "in.csv", "date,likes\n2026-08-01,NaN\n", report),
        case(
            "double_minus",
            "in.csv",
            "date,spend\n2026-08-01,--5\n",
            report,
        ),
        case(
            "too_large",
            "in.csv",
            "date,spend\n2026-08-01,99999999999999999999\n",
            report,
        ),
        // `1.500` meant as 1,500 leads is 1.5 in roi's format: no count has a fraction.
        case(
            "fraction_in_count_native",
            "fraccount.csv",
            "date,platform,leads,spend,currency\n\
             2026-08-01,facebook,1.500,2500000,VND\n\
             2026-08-02,facebook,2.5,2500000,VND\n",
            &["kpi", "leads", "fraccount.csv", "--strict"],
        ),
        // `300.000` dong is 300,000 in every export and target, 300 in roi's format
        // (a fraction): refused, not read a thousand times too small, whether the
        // row's currency comes from its column or from roi.toml (`--currency`-less).
        case(
            "grouped_money_native",
            "vnd.csv",
            "date,platform,leads,spend,currency\n\
             2026-08-01,facebook,3,2500000,VND\n\
             2026-08-02,facebook,2,300.000,vnd\n",
            &["kpi", "spend", "vnd.csv"],
        ),
        Case {
            name: "grouped_money_native_config_currency",
            files: vec![(
                "own.csv",
                b"date,platform,spend\n2026-08-01,facebook,1.250\n".to_vec(),
            )],
            config: "currency = \"VND\"\ninputs = [\"own.csv\"]\n",
            args: vec!["kpi", "spend"],
        },
        // No group of thousands starts with `0`: in a file whose numbers write `.`
        // as the decimal mark, `0,500` is no number (it was read as 500).
        case(
            "leading_zero_group",
            "in.csv",
            "Campaign report\n\
             August 1, 2026 - August 31, 2026\n\
             Day,Campaign,Currency code,Impr.,Clicks,Cost,Conversions\n\
             2026-08-01,Brand,USD,1000,50,20.00,2.00\n\
             2026-08-02,Brand,USD,1000,60,\"0,500\",3.00\n",
            report,
        ),
        // A publish time roi's format does not read (a 12-hour clock, a day-first
        // date) would leave the post out of the hours insights counts, silently.
        case(
            "published_unread_native",
            "posts.csv",
            "date,platform,content_id,published,likes\n\
             2026-09-01,facebook,p1,2026-09-01T09:15,10\n\
             2026-09-01,facebook,p2,2026-09-01 8:30 PM,12\n",
            &["insights", "posts.csv"],
        ),
        case(
            "negative_count_native",
            "in.csv",
            "date,likes\n2026-08-01,-3\n",
            &["kpi", "likes", "in.csv"],
        ),
        case(
            "impossible_date",
            "in.csv",
            "date,likes\n2026-02-31,5\n",
            report,
        ),
        case(
            "impossible_date_slashed",
            "in.csv",
            "Date,Video Views,Profile Views\n31/02/2026,5,1\n",
            report,
        ),
        // Every written form of a day the calendar lacks is told as one, not as a
        // cell that is no date.
        case(
            "impossible_date_iso_export",
            "in.csv",
            "Reporting starts,Reporting ends,Campaign name,Impressions\n2026-02-30,2026-02-30,A,10\n",
            report,
        ),
        case(
            "impossible_date_month_name",
            "in.csv",
            "Reporting starts,Reporting ends,Campaign name,Impressions\n\"Feb 30, 2026\",\"Feb 30, 2026\",A,10\n",
            report,
        ),
        case(
            "impossible_date_dotted",
            "in.csv",
            "Reporting starts,Reporting ends,Campaign name,Impressions\n30.02.2026,30.02.2026,A,10\n",
            report,
        ),
        case(
            "impossible_date_vietnamese",
            "in.csv",
            "Reporting starts,Reporting ends,Campaign name,Impressions\n\"30 tháng 2, 2026\",\"30 tháng 2, 2026\",A,10\n",
            report,
        ),
        // Text after a date, read past, would make the cell its first day: a range
        // (a week in one row), a weekday in brackets, a stray word.
        case(
            "date_range_in_a_date_column",
            "in.csv",
            "Báo cáo chiến dịch\n1 thg 8, 2026 - 10 thg 8, 2026\nNgày,Chiến dịch,Mã đơn vị tiền tệ,Lượt hiển thị,Lượt nhấp,Chi phí\n\"2026-08-01 - 2026-08-07\",A,VND,100,10,\"200.000\"\n",
            report,
        ),
        case(
            "numeric_date_range_in_a_date_column",
            "in.csv",
            "Tên chiến dịch,Ngày,Người tiếp cận,Lượt hiển thị,Số tiền đã chi tiêu (VND),Lượt click vào liên kết\nTết,\"01/08/2026 - 07/08/2026\",1000,5000,\"700.000\",70\n",
            report,
        ),
        case(
            "weekday_in_brackets_after_a_date",
            "in.csv",
            "Báo cáo chiến dịch\n1 thg 8, 2026 - 10 thg 8, 2026\nNgày,Chiến dịch,Mã đơn vị tiền tệ,Lượt hiển thị,Lượt nhấp,Chi phí\n\"2026-08-01 (Thứ Hai)\",B,VND,100,10,\"300.000\"\n",
            report,
        ),
        case(
            "word_after_a_month_name_date",
            "in.csv",
            "Báo cáo chiến dịch\n1 thg 8, 2026 - 10 thg 8, 2026\nNgày,Chiến dịch,Mã đơn vị tiền tệ,Lượt hiển thị,Lượt nhấp,Chi phí\n\"8 thg 8, 2026 rác\",C,VND,100,10,\"100.000\"\n",
            report,
        ),
        case(
            "impossible_date_year_less",
            "in.csv",
            "Date,Video Views,Profile Views\nFebruary 28,5,1\nFebruary 30,5,1\n",
            report,
        ),
        // Beside a `Day` column the reporting start and end are not the row's day,
        // but a cell there that is no date is still refused.
        case(
            "meta_day_reporting_end_not_a_date",
            "in.csv",
            "Reporting starts,Reporting ends,Campaign name,Day,Impressions,Amount spent (USD)\n2026-08-01,2026-08-02,A,2026-08-01,1000,10.50\n2026-08-01,banana,A,2026-08-02,500,5.25\n",
            report,
        ),
        case(
            "meta_day_reporting_end_not_in_calendar",
            "in.csv",
            "Reporting starts,Reporting ends,Campaign name,Day,Impressions,Amount spent (USD)\n2026-08-01,2026-02-31,A,2026-08-01,1000,10.50\n",
            report,
        ),
        // A line of text among the rows is a damaged row, quoted; below them it is
        // a note (fixtures/damaged-tables).
        case(
            "one_cell_line_among_rows",
            "in.csv",
            "Campaign name,Day,Impressions,Amount spent (USD)\nA,2026-08-01,100,1.00\nReport generated at 2026-11-30 10:15\nA,2026-08-02,100,1.00\n",
            report,
        ),
        // A cut-off day among a Meta export's rows has no campaign name: still a
        // damaged row, not the export's summary row.
        case(
            "meta_cut_day_among_rows",
            "in.csv",
            "Day,Campaign name,Amount spent (USD),Impressions\n2026-08-01,Summer,10.50,1000\n2026-08-02\n2026-08-03,Summer,5.00,500\n",
            report,
        ),
        // Two downloads joined with `cat`: the second keeps its byte-order mark,
        // which no message shows.
        case(
            "two_downloads_joined",
            "in.csv",
            "\u{feff}\"Date\",\"Video Views\",\"Profile Views\"\n\"February 27\",5,1\n\u{feff}\"Date\",\"Video Views\",\"Profile Views\"\n\"February 28\",5,1\n",
            report,
        ),
        case(
            "byte_order_mark_inside_a_date",
            "in.csv",
            "Date,Video Views,Profile Views\nFebruary 27,5,1\n\u{feff}\"Feb\",5,1\n",
            report,
        ),
        // A date whose time cannot be: refused like an impossible date, not read
        // as its day (or as a post without a time).
        case(
            "impossible_time_iso",
            "in.csv",
            "Day,Campaign name,Results,Result indicator,Impressions,Amount spent (USD)\n\
             2026-08-13T25:00:00,A,1,actions:lead,100,1.00\n",
            report,
        ),
        case(
            "impossible_time_minutes",
            "in.csv",
            "Day,Campaign name,Results,Result indicator,Impressions,Amount spent (USD)\n\
             13/08/2026 25:70,A,1,actions:lead,100,1.00\n",
            report,
        ),
        case(
            "impossible_time_offset",
            "in.csv",
            "Day,Campaign name,Results,Result indicator,Impressions,Amount spent (USD)\n\
             2026-08-13T09:00:00+25:00,A,1,actions:lead,100,1.00\n",
            report,
        ),
        case(
            "impossible_publish_time",
            "in.csv",
            "Post ID,Page name,Publish time,Post type,Date,Reach,Reactions\n\
             111_1,Shop,08/03/2026 09:15,Photo,Lifetime,100,5\n\
             111_2,Shop,08/13/2026 99:99,Photo,Lifetime,100,5\n",
            report,
        ),
        // A word after the time that is no half of the day nor a zone: once the
        // Vietnamese `CH` (PM) was dropped so, and 11:55 PM read as 11:55.
        case(
            "unknown_word_after_publish_time",
            "in.csv",
            "Post ID,Page name,Publish time,Post type,Date,Reach,Reactions\n\
             111_1,Shop,08/03/2026 09:15 CH,Photo,Lifetime,100,5\n\
             111_2,Shop,08/13/2026 11:55 XY,Photo,Lifetime,100,5\n",
            report,
        ),
        case(
            "unknown_word_after_native_publish_time",
            "in.csv",
            "date,platform,content_id,published,likes\n\
             2026-08-01,instagram,1,2026-08-01T10:00 PST8,10\n",
            report,
        ),
        // roi's own format: as in an export (found in review: read as no time).
        case(
            "impossible_native_publish_time",
            "in.csv",
            "date,platform,content_id,published,likes\n\
             2026-08-01,instagram,1,2026-08-01T10:00,10\n\
             2026-08-02,instagram,2,2026-08-02T23:61,5\n",
            report,
        ),
        case(
            "impossible_native_publish_offset",
            "in.json",
            "[{\"date\": \"2026-08-01\", \"platform\": \"instagram\", \
             \"published\": \"2026-08-01T10:00+25:00\", \"likes\": 10}]",
            &["report", "in.json"],
        ),
        case(
            "ambiguous_day_month",
            "in.csv",
            "Date,Video Views,Profile Views\n01/02/2026,5,1\n03/04/2026,5,1\n",
            report,
        ),
        case(
            "day_first_and_month_first",
            "in.csv",
            "Date,Video Views,Profile Views\n13/01/2026,5,1\n01/13/2026,5,1\n",
            report,
        ),
        case(
            "out_of_order_and_duplicated_dates",
            "in.csv",
            "date,platform,likes\n2026-08-03,facebook,1\n2026-08-01,facebook,2\n2026-08-03,facebook,4\n",
            &["kpi", "likes", "in.csv"],
        ),
        Case {
            name: "windows_1252_in_utf8",
            files: vec![("in.csv", latin1_in_utf8)],
            config: "",
            args: vec!["kpi", "likes", "in.csv"],
        },
        Case {
            name: "utf8_with_one_stray_byte",
            files: vec![("in.csv", stray(2))],
            config: "",
            args: vec!["kpi", "leads", "in.csv"],
        },
        Case {
            name: "utf8_with_one_stray_byte_past_the_head",
            files: vec![("in.csv", stray(2000))],
            config: "",
            args: vec!["kpi", "leads", "in.csv"],
        },
        Case {
            name: "utf8_json_with_one_stray_byte",
            files: vec![("in.json", stray_json)],
            config: "",
            args: vec!["kpi", "leads", "in.json"],
        },
        Case {
            name: "utf8_bom_with_one_stray_byte",
            files: vec![("in.csv", stray_bom)],
            config: "",
            args: vec!["kpi", "likes", "in.csv"],
        },
        Case {
            name: "utf16_without_bom",
            files: vec![("in.csv", utf16_no_bom)],
            config: "",
            args: vec!["kpi", "video_views", "in.csv"],
        },
        case(
            "mixed_currencies",
            "in.csv",
            "date,spend,currency\n2026-08-01,10,USD\n2026-08-01,250000,VND\n",
            &["kpi", "spend", "in.csv"],
        ),
        case(
            "unknown_export",
            "in.csv",
            "Ngày,Doanh số,Ghi chú\n01/08/2026,5,x\n",
            report,
        ),
        // Thai letters with their marks are shown as written, not escaped.
        case(
            "unknown_export_thai",
            "in.csv",
            "ชื่อแคมเปญ,วัน,ผลลัพธ์\nA,01/08/2026,5\n",
            report,
        ),
        case(
            "looks_like_two_platforms",
            "in.csv",
            "Date,Profile Views,Likes,Comments,Pin clicks,Outbound clicks,Saves,Video Views\n2026-08-01,1,2,3,4,5,6,7\n",
            report,
        ),
        case(
            "json_not_an_array_of_objects",
            "in.json",
            "[1, 2, 3]",
            &["report", "in.json"],
        ),
        case(
            "check_without_config",
            "in.csv",
            "date,platform,likes\n2026-08-01,facebook,5\n",
            &["check", "in.csv"],
        ),
        case(
            "status_without_config",
            "in.csv",
            "date,platform,likes\n2026-08-01,facebook,5\n",
            &["status", "likes-goal"],
        ),
        case(
            "json_field_written_twice",
            "in.json",
            "[{\"date\": \"2026-08-01\", \"likes\": 5, \"likes\": 7}]",
            &["report", "in.json"],
        ),
        case(
            "json_syntax",
            "in.json",
            "[{\"date\": \"2026-08-01\", \"likes\": 5,}]",
            &["report", "in.json"],
        ),
        case(
            "ndjson_bad_line",
            "in.json",
            "{\"date\": \"2026-08-01\", \"likes\": 5}\n{\"date\": \"2026-08-02\", \"likes\": }\n",
            &["report", "in.json"],
        ),
        case(
            "json_nested_value",
            "in.json",
            "[{\"date\": \"2026-08-01\", \"likes\": {\"n\": 5}}]",
            &["report", "in.json"],
        ),
        case(
            "no_date_in_record",
            "in.json",
            "[{\"likes\": 5}]",
            &["report", "in.json"],
        ),
        case(
            "end_before_start",
            "in.csv",
            "date,end_date,likes\n2026-08-05,2026-08-01,5\n",
            report,
        ),
        case(
            "duplicate_header",
            "in.csv",
            "date,likes,likes\n2026-08-01,1,2\n",
            report,
        ),
        case(
            "empty_header_cell",
            "in.csv",
            "date,,likes\n2026-08-01,1,2\n",
            report,
        ),
        case(
            "missing_file",
            "other.csv",
            "date,likes\n",
            &["report", "missing.csv"],
        ),
        case(
            "glob_matches_nothing",
            "in.csv",
            "date,likes\n",
            &["report", "exports/*.csv"],
        ),
        case(
            "folder_without_exports",
            "notes.md",
            "hello",
            &["report", "."],
        ),
        case("no_inputs_at_all", "notes.md", "hello", &["report"]),
        case(
            "unknown_kpi",
            "in.csv",
            "date,likes\n2026-08-01,5\n",
            &["kpi", "likez", "in.csv"],
        ),
        case(
            "bad_where",
            "in.csv",
            "date,likes\n2026-08-01,5\n",
            &["kpi", "likes", "in.csv", "--where", "platfrom=facebook"],
        ),
        case(
            "where_without_equals",
            "in.csv",
            "date,likes\n2026-08-01,5\n",
            &["kpi", "likes", "in.csv", "--where", "facebook"],
        ),
        case(
            "to_before_from",
            "in.csv",
            "date,likes\n2026-08-01,5\n",
            &[
                "kpi",
                "likes",
                "in.csv",
                "--from",
                "2026-09-01",
                "--to",
                "2026-08-01",
            ],
        ),
        case(
            "bad_as_of",
            "in.csv",
            "date,likes\n2026-08-01,5\n",
            &["report", "in.csv", "--as-of", "31/08/2026"],
        ),
        // A TikTok Ads count masked as `<5` is read as no value: kept as a warning,
        // an error under --strict, at its line.
        case(
            "strict_masked_count",
            "in.csv",
            "By Day,Campaign name,Currency,Cost,Impressions,Conversions\n2026-09-01,A,VND,\"1,250,000\",\"50,000\",20\n2026-09-02,A,VND,\"1,000,000\",\"40,000\",<5\n",
            &["report", "in.csv", "--strict"],
        ),
        case(
            "strict_skipped_total",
            "in.csv",
            "Date,Campaign name,Spend in account currency,Impressions\n2026-08-01,A,1.00,10\nTotal,,1.00,10\n",
            &["report", "in.csv", "--strict"],
        ),
        config_case(
            "target_percent_level",
            "inputs = [\"data.csv\"]\n[[goals]]\nid = \"er\"\nkpi = \"engagement_rate\"\nstart = 2026-08-01\ndeadline = 2026-08-31\ntarget = \">= 5%\"\n",
            &["check"],
        ),
        config_case(
            "toml_syntax",
            "inputs = [\"data.csv\"\ncurrency = \"USD\"\n",
            &["report"],
        ),
        config_case(
            "toml_unknown_key",
            "inputs = [\"data.csv\"]\ncurency = \"USD\"\n",
            &["report"],
        ),
        config_case(
            "goal_unknown_kpi",
            "inputs = [\"data.csv\"]\n[[goals]]\nid = \"g\"\nkpi = \"leeds\"\nstart = 2026-08-01\ndeadline = 2026-08-31\ntarget = 10\n",
            &["check"],
        ),
        config_case(
            "target_nan",
            "inputs = [\"data.csv\"]\n[[goals]]\nid = \"g\"\nkpi = \"leads\"\nstart = 2026-08-01\ndeadline = 2026-08-31\ntarget = nan\n",
            &["check"],
        ),
        config_case(
            "target_inf",
            "inputs = [\"data.csv\"]\n[[goals]]\nid = \"g\"\nkpi = \"leads\"\nstart = 2026-08-01\ndeadline = 2026-08-31\ntarget = inf\n",
            &["check"],
        ),
        config_case(
            "target_minus_inf",
            "inputs = [\"data.csv\"]\n[[goals]]\nid = \"g\"\nkpi = \"leads\"\nstart = 2026-08-01\ndeadline = 2026-08-31\ntarget = -inf\n",
            &["check"],
        ),
        config_case(
            "baseline_nan",
            "inputs = [\"data.csv\"]\n[[goals]]\nid = \"g\"\nkpi = \"leads\"\nstart = 2026-08-01\ndeadline = 2026-08-31\ntarget = \"+40%\"\nbaseline = nan\n",
            &["check"],
        ),
        config_case(
            "baseline_zero_relative",
            "inputs = [\"data.csv\"]\n[[goals]]\nid = \"g\"\nkpi = \"leads\"\nstart = 2026-08-01\ndeadline = 2026-08-31\ntarget = \"+40%\"\nbaseline = 0\n",
            &["check"],
        ),
        config_case(
            "target_strictly_greater",
            "inputs = [\"data.csv\"]\n[[goals]]\nid = \"g\"\nkpi = \"leads\"\nstart = 2026-08-01\ndeadline = 2026-08-31\ntarget = \"> 200\"\n",
            &["check"],
        ),
        config_case(
            "target_strictly_less",
            "inputs = [\"data.csv\"]\n[[goals]]\nid = \"g\"\nkpi = \"leads\"\nstart = 2026-08-01\ndeadline = 2026-08-31\ntarget = \"< 200\"\n",
            &["check"],
        ),
        config_case(
            "target_bool",
            "inputs = [\"data.csv\"]\n[[goals]]\nid = \"g\"\nkpi = \"leads\"\nstart = 2026-08-01\ndeadline = 2026-08-31\ntarget = true\n",
            &["check"],
        ),
        config_case(
            "target_list",
            "inputs = [\"data.csv\"]\n[[goals]]\nid = \"g\"\nkpi = \"leads\"\nstart = 2026-08-01\ndeadline = 2026-08-31\ntarget = [500]\n",
            &["check"],
        ),
        config_case(
            "baseline_bool",
            "inputs = [\"data.csv\"]\n[[goals]]\nid = \"g\"\nkpi = \"leads\"\nstart = 2026-08-01\ndeadline = 2026-08-31\ntarget = \"+40%\"\nbaseline = true\n",
            &["check"],
        ),
        config_case(
            "fx_negative",
            "inputs = [\"data.csv\"]\ncurrency = \"USD\"\n[fx]\nVND = -0.00004\n",
            &["kpi", "spend"],
        ),
        config_case(
            "fx_zero",
            "inputs = [\"data.csv\"]\ncurrency = \"USD\"\n[fx]\nVND = 0\n",
            &["kpi", "spend"],
        ),
        config_case(
            "fx_nan",
            "inputs = [\"data.csv\"]\ncurrency = \"USD\"\n[fx]\nVND = nan\n",
            &["kpi", "spend"],
        ),
        // The dollar in dong (as rates are quoted) where the dong in dollars is
        // meant: every amount 25400 × 25400 times too large.
        config_case(
            "fx_inverted",
            "inputs = [\"data.csv\"]\ncurrency = \"USD\"\n[fx]\nVND = 25400\n",
            &["kpi", "spend"],
        ),
        config_case(
            "fx_inverted_into_dong",
            "inputs = [\"data.csv\"]\ncurrency = \"VND\"\n[fx]\nEUR = 0.0000365\n",
            &["kpi", "spend"],
        ),
        config_case(
            "fx_inf",
            "inputs = [\"data.csv\"]\ncurrency = \"USD\"\n[fx]\nVND = inf\n",
            &["kpi", "spend"],
        ),
        config_case(
            "unknown_kpi_in_another_goal_status",
            "inputs = [\"data.csv\"]\n[[goals]]\nid = \"a\"\nkpi = \"leads\"\nstart = 2026-08-01\ndeadline = 2026-08-31\ntarget = 100\n[[goals]]\nid = \"b\"\nkpi = \"leadz\"\nstart = 2026-08-01\ndeadline = 2026-08-31\ntarget = 100\n",
            &["status", "a", "--as-of", "2026-08-20"],
        ),
        config_case(
            "unknown_kpi_in_another_goal_check",
            "inputs = [\"data.csv\"]\n[[goals]]\nid = \"a\"\nkpi = \"leads\"\nstart = 2026-08-01\ndeadline = 2026-08-31\ntarget = 100\n[[goals]]\nid = \"b\"\nkpi = \"leadz\"\nstart = 2026-08-01\ndeadline = 2026-08-31\ntarget = 100\n",
            &["check", "--goal", "a", "--as-of", "2026-08-20"],
        ),
        config_case(
            "kpi_cycle",
            "inputs = [\"data.csv\"]\n[kpis.a]\nformula = \"b * 2\"\n[kpis.b]\nformula = \"a + leads\"\n",
            &["report"],
        ),
        config_case(
            "kpi_syntax",
            "inputs = [\"data.csv\"]\n[kpis.a]\nformula = \"leads / (spend\"\n",
            &["report"],
        ),
        config_case(
            "goal_year_typo",
            "inputs = [\"data.csv\"]\n[[goals]]\nid = \"g\"\nkpi = \"leads\"\nstart = 0026-08-01\ndeadline = 2026-08-31\ntarget = 10\n",
            &["check"],
        ),
        config_case(
            "kpi_divides_by_zero",
            "inputs = [\"data.csv\"]\n[kpis.a]\nformula = \"leads / 0\"\n",
            &["report"],
        ),
        config_case(
            "kpi_shadows_builtin",
            "inputs = [\"data.csv\"]\n[kpis.cpl]\nformula = \"spend / leads\"\n",
            &["report"],
        ),
        config_case(
            "duplicate_goal_ids",
            "inputs = [\"data.csv\"]\n[[goals]]\nid = \"g\"\nkpi = \"leads\"\nstart = 2026-08-01\ndeadline = 2026-08-31\ntarget = 10\n[[goals]]\nid = \"g\"\nkpi = \"leads\"\nstart = 2026-08-01\ndeadline = 2026-08-31\ntarget = 10\n",
            &["check"],
        ),
        config_case(
            "duplicate_key",
            "inputs = [\"data.csv\"]\ncurrency = \"VND\"\ncurrency = \"USD\"\n",
            &["report"],
        ),
        config_case(
            "calendar_invalid_date",
            "inputs = [\"data.csv\"]\n[[goals]]\nid = \"g\"\nkpi = \"leads\"\nstart = 2026-02-01\ndeadline = 2026-02-30\ntarget = 10\n",
            &["check"],
        ),
        config_case(
            "deadline_before_start",
            "inputs = [\"data.csv\"]\n[[goals]]\nid = \"g\"\nkpi = \"leads\"\nstart = 2026-08-31\ndeadline = 2026-08-01\ntarget = 10\n",
            &["check"],
        ),
        config_case(
            "relative_target_without_baseline_data",
            "inputs = [\"data.csv\"]\n[[goals]]\nid = \"g\"\nkpi = \"leads\"\nstart = 2026-08-01\ndeadline = 2026-08-31\ntarget = \"+20%\"\n",
            &["check", "--as-of", "2026-08-10"],
        ),
        config_case(
            "filter_on_unknown_dimension",
            "inputs = [\"data.csv\"]\n[[goals]]\nid = \"g\"\nkpi = \"leads\"\nwhere = { channel = \"facebook\" }\nstart = 2026-08-01\ndeadline = 2026-08-31\ntarget = 10\n",
            &["check"],
        ),
        config_case(
            "percent_target_without_sign",
            "inputs = [\"data.csv\"]\n[[goals]]\nid = \"g\"\nkpi = \"leads\"\nstart = 2026-08-01\ndeadline = 2026-08-31\ntarget = \"40%\"\n",
            &["check"],
        ),
        config_case(
            "bad_severity",
            "inputs = [\"data.csv\"]\n[[goals]]\nid = \"g\"\nkpi = \"leads\"\nstart = 2026-08-01\ndeadline = 2026-08-31\ntarget = 10\nseverity = \"fatal\"\n",
            &["check"],
        ),
        config_case(
            "fx_without_currency",
            "inputs = [\"data.csv\"]\n[fx]\nVND = 0.00004\n",
            &["report"],
        ),
        config_case(
            "unknown_goal_for_status",
            GOAL_WITH_INPUTS,
            &["status", "h"],
        ),
        config_case(
            "check_without_goals",
            "inputs = [\"data.csv\"]\n",
            &["check"],
        ),
        config_case(
            "mapping_without_date",
            "inputs = [\"data.csv\"]\n[[mappings]]\n[mappings.columns]\n\"Views\" = \"video_views\"\n",
            &["report"],
        ),
        config_case(
            "mapping_bad_target",
            "inputs = [\"data.csv\"]\n[[mappings]]\n[mappings.columns]\n\"Ngày\" = \"date\"\n\"Views\" = \"Video Views\"\n",
            &["report"],
        ),
        config_case(
            "config_year_out_of_range",
            "inputs = [\"data.csv\"]\nyear = 2569\n",
            &["report"],
        ),
        config_case(
            "bad_lang",
            "inputs = [\"data.csv\"]\nlang = \"fr\"\n",
            &["report"],
        ),
        Case {
            name: "kpi_named_like_a_column",
            files: vec![(
                "data.csv",
                b"date,platform,clicks,trial_starts\n2026-08-01,facebook,50,4\n".to_vec(),
            )],
            config: "inputs = [\"data.csv\"]\n[kpis.trial_starts]\nformula = \"clicks * 2\"\nunit = \"count\"\n",
            args: vec!["kpi", "trial_starts"],
        },
        mapping_case(
            "mapping_target_a_letter_off_a_metric",
            "inputs = [\"zalo-aug.csv\"]\n[[mappings]]\nskip_lines = 1\n[mappings.columns]\n\"Ngày\" = \"date\"\n\"Lượt thích\" = \"like\"\n\"Chi phí\" = \"spend\"\n",
            &["kpi", "like"],
        ),
        mapping_case(
            "mapping_target_a_letter_off_a_dimension",
            "inputs = [\"zalo-aug.csv\"]\n[[mappings]]\nskip_lines = 1\n[mappings.columns]\n\"Ngày\" = \"date\"\n\"Loại\" = \"content_typ\"\n\"Chi phí\" = \"spend\"\n",
            &["kpi", "spend"],
        ),
        mapping_case(
            "skip_if_column_not_in_header",
            zalo_mapping!("skip_if = { \"Loai\" = \"Video\" }\n"),
            &["normalize"],
        ),
        config_case(
            "currency_not_a_code",
            "inputs = [\"data.csv\"]\ncurrency = \"US Dollar\"\n",
            &["kpi", "spend"],
        ),
        config_case(
            "currency_unknown_code",
            "inputs = [\"data.csv\"]\ncurrency = \"XYZ\"\n",
            &["kpi", "spend"],
        ),
        config_case(
            "fx_key_not_a_code",
            "inputs = [\"data.csv\"]\ncurrency = \"USD\"\n[fx]\n\"đồng\" = 0.00004\n",
            &["kpi", "spend"],
        ),
        config_case(
            "fx_rate_of_the_report_currency",
            "inputs = [\"data.csv\"]\ncurrency = \"USD\"\n[fx]\nVND = 0.00004\nUSD = 2\n",
            &["kpi", "spend"],
        ),
        mapping_case(
            "mapping_currency_not_a_code",
            zalo_mapping!("dims = { currency = \"Dollar\" }\n"),
            &["kpi", "spend"],
        ),
        mapping_case(
            "mapping_scale_zero",
            "inputs = [\"zalo-aug.csv\"]\n[[mappings]]\nskip_lines = 1\n[mappings.columns]\n\"Ngày\" = \"date\"\n\"Chi phí\" = { metric = \"spend\", scale = 0 }\n",
            &["kpi", "spend"],
        ),
        mapping_case(
            "mapping_scale_negative",
            "inputs = [\"zalo-aug.csv\"]\n[[mappings]]\nskip_lines = 1\n[mappings.columns]\n\"Ngày\" = \"date\"\n\"Chi phí\" = { metric = \"spend\", scale = -0.001 }\n",
            &["kpi", "spend"],
        ),
        mapping_case(
            "mapping_dims_platform_and_platform_column",
            "inputs = [\"zalo-aug.csv\"]\n[[mappings]]\ndims = { platform = \"zalo\" }\nskip_lines = 1\n[mappings.columns]\n\"Ngày\" = \"date\"\n\"Loại\" = \"platform\"\n\"Chi phí\" = \"spend\"\n",
            &["kpi", "spend"],
        ),
        Case {
            name: "two_mappings_fit_one_file",
            files: vec![("zalo-aug.csv", ZALO.as_bytes().to_vec())],
            config: concat!(
                zalo_mapping!(""),
                "[[mappings]]\nfiles = \"zalo-*.csv\"\nskip_lines = 1\n[mappings.columns]\n\"Ngày\" = \"date\"\n\"Loại\" = \"content_type\"\n\"Lượt thích\" = \"likes\"\n\"Chi phí\" = \"revenue\"\n\"Tiền tệ\" = \"currency\"\n"
            ),
            args: vec!["kpi", "spend"],
        },
        mapping_case(
            "mapping_date_format_without_fields",
            zalo_mapping!("date_format = \"dd/mm/yyyy\"\n"),
            &["kpi", "spend"],
        ),
        mapping_case(
            "date_not_in_the_mapping_date_format",
            zalo_mapping!("date_format = \"%m/%d/%Y\"\nskip_if = { \"Ngày\" = \"Tổng\" }\n"),
            &["kpi", "spend"],
        ),
        config_case(
            "insights_top_zero",
            "inputs = [\"data.csv\"]\n[insights]\ntop = 0\n",
            &["insights"],
        ),
        config_case(
            "insights_top_zero_flag",
            "",
            &["insights", "data.csv", "--top", "0"],
        ),
        mapping_case(
            "mapping_column_an_accent_off",
            "inputs = [\"zalo-aug.csv\"]\n[[mappings]]\nfiles = \"zalo-*.csv\"\nskip_lines = 1\n[mappings.columns]\n\"Ngày\" = \"date\"\n\"Lượt thich\" = \"likes\"\n\"Chi phí\" = \"spend\"\n",
            &["kpi", "spend"],
        ),
        mapping_case(
            "mapping_files_in_another_case",
            "inputs = [\"zalo-aug.csv\"]\n[[mappings]]\nfiles = \"zalo-*.CSV\"\nskip_lines = 1\n[mappings.columns]\n\"Ngày\" = \"date\"\n\"Lượt thích\" = \"likes\"\n\"Chi phí\" = \"spend\"\n",
            &["kpi", "spend"],
        ),
        mapping_case(
            "mapping_files_with_a_folder",
            "inputs = [\"zalo-aug.csv\"]\n[[mappings]]\nfiles = \"exports/zalo-*.csv\"\nskip_lines = 1\n[mappings.columns]\n\"Ngày\" = \"date\"\n\"Chi phí\" = \"spend\"\n",
            &["kpi", "spend"],
        ),
        config_case(
            "missing_config_file",
            "",
            &["report", "--config", "nope.toml"],
        ),
        // A misspelt key in an inline table is refused, at its place, as one in
        // `[[goals]]` is: `platfrom` was dropped and the baseline taken from every
        // platform.
        config_case(
            "baseline_unknown_key",
            "inputs = [\"data.csv\"]\n[[goals]]\nid = \"g\"\nkpi = \"leads\"\nstart = 2026-08-08\ndeadline = 2026-08-31\ntarget = \"+10%\"\nbaseline = { from = 2026-08-01, to = 2026-08-07, platfrom = \"facebook\" }\n",
            &["check"],
        ),
        config_case(
            "input_unknown_key",
            "inputs = [{ path = \"data.csv\", account = \"A\", acount = \"B\" }]\n",
            &["report"],
        ),
        mapping_case(
            "mapping_scaled_column_unknown_key",
            "inputs = [\"zalo-aug.csv\"]\n[[mappings]]\nskip_lines = 1\n[mappings.columns]\n\"Ngày\" = \"date\"\n\"Chi phí\" = { metric = \"spend\", scale = 0.001, scal = 1 }\n",
            &["kpi", "spend"],
        ),
        // An empty list selects no row: refused, not a goal with no data that passes.
        config_case(
            "where_empty_list",
            "inputs = [\"data.csv\"]\n[[goals]]\nid = \"g\"\nkpi = \"spend\"\nstart = 2026-08-01\ndeadline = 2026-08-31\ntarget = \"<= 100\"\nwhere = { platform = [] }\n",
            &["check"],
        ),
        // Every value of roi.toml checked after it is parsed is an error at its line
        // and column, naming its key, as a target's is.
        config_case(
            "where_value_a_number",
            "inputs = [\"data.csv\"]\n[[goals]]\nid = \"g\"\nkpi = \"spend\"\nstart = 2026-08-01\ndeadline = 2026-08-31\ntarget = \"<= 100\"\nwhere = { campaign = 2027 }\n",
            &["check"],
        ),
        config_case(
            "deadline_not_a_date",
            "inputs = [\"data.csv\"]\n[[goals]]\nid = \"g\"\nkpi = \"spend\"\nstart = 2026-08-01\ndeadline = \"31/08/2026\"\ntarget = \"<= 100\"\n",
            &["check"],
        ),
        config_case(
            "fail_on_unknown",
            "inputs = [\"data.csv\"]\nfail_on = \"at-risk\"\n",
            &["check"],
        ),
        config_case(
            "baseline_reversed",
            "inputs = [\"data.csv\"]\n[[goals]]\nid = \"g\"\nkpi = \"spend\"\nstart = 2026-08-08\ndeadline = 2026-08-31\ntarget = \"-10%\"\nbaseline = { from = 2026-08-07, to = 2026-08-01 }\n",
            &["check"],
        ),
        // `[cpa] actions` is checked as a formula of its own, quoted as written and
        // at its place: `leads / 0` gave cpa n/a, `leads +` an error quoting
        // `spend / (leads +)`.
        config_case(
            "cpa_actions_division_by_zero",
            "inputs = [\"data.csv\"]\n[cpa]\nactions = \"leads / 0\"\n",
            &["kpi", "cpa"],
        ),
        config_case(
            "cpa_actions_syntax",
            "inputs = [\"data.csv\"]\n[cpa]\nactions = \"leads +\"\n",
            &["kpi", "cpa"],
        ),
        // A share where a count or an amount belongs: not read as a fraction of it.
        case(
            "percent_in_a_count",
            "g.csv",
            "Campaign report\n\"August 1, 2026 - August 3, 2026\"\nDay,Campaign,Currency code,Impr.,Clicks,Cost,Conversions\n2026-08-01,Tet Sale,USD,\"1,000\",50,25.00,2.00\n2026-08-02,Tet Sale,USD,\"2,000\",60%,30.00,3.00\n",
            &["kpi", "clicks", "g.csv"],
        ),
        case(
            "percent_in_an_amount",
            "meta.csv",
            "Campaign name,Reporting starts,Reporting ends,Impressions,Amount spent (USD),CTR (all)\nA,2026-08-01,2026-08-01,100,5.00,1.5%\nA,2026-08-02,2026-08-02,200,12%,2.5%\n",
            &["report", "meta.csv", "--strict"],
        ),
        case(
            "fraction_in_a_count",
            "g.csv",
            "Campaign report\n\"August 1, 2026 - August 3, 2026\"\nDay,Campaign,Currency code,Impr.,Clicks,Cost,Conversions\n2026-08-01,Tet Sale,USD,1.5,50,25.00,2.50\n",
            &["kpi", "impressions", "g.csv"],
        ),
        case(
            "reporting_ends_before_it_starts",
            "meta.csv",
            "\u{feff}Tên chiến dịch,Bắt đầu báo cáo,Kết thúc báo cáo,Người tiếp cận,Lượt hiển thị,Số tiền đã chi tiêu (VND)\nKhuyến mãi Tết,2026-08-14,2026-08-01,5000,8000,1.500.000\n",
            &["normalize", "meta.csv"],
        ),
        case(
            "reporting_range_reversed_beside_a_day",
            "meta.csv",
            "Campaign name,Day,Reporting starts,Reporting ends,Impressions,Amount spent (USD)\nA,2026-08-01,2026-08-03,2026-08-01,100,5\n",
            &["kpi", "impressions", "meta.csv"],
        ),
        case(
            "day_outside_the_reporting_range",
            "meta.csv",
            "Campaign name,Day,Reporting starts,Reporting ends,Impressions,Amount spent (USD)\nA,2026-08-01,2026-08-01,2026-08-03,100,5\nA,2026-08-09,2026-08-01,2026-08-03,200,6\n",
            &["kpi", "impressions", "meta.csv"],
        ),
        case(
            "day_outside_the_title_range",
            "g.csv",
            "Campaign report\n\"August 1, 2026 - August 3, 2026\"\nDay,Campaign,Currency code,Impr.,Clicks,Cost,Conversions\n2026-08-01,Tet Sale,USD,\"1,000\",50,25.00,2.00\n2026-09-02,Tet Sale,USD,\"2,000\",60,30.00,3.00\n",
            &["kpi", "impressions", "g.csv"],
        ),
        case(
            "day_outside_the_ga4_preamble_range",
            "ga4.csv",
            "# Start date: 20260801\n# End date: 20260803\nDate,Sessions,Key events,Total revenue\n20260801,10,1,5.00\n20260804,30,3,7.00\n",
            &["inspect", "ga4.csv"],
        ),
        case(
            "repeated_column_with_other_values",
            "meta.csv",
            "Campaign name,Day,Reporting starts,Reporting ends,Impressions,Impressions,Amount spent (USD),Amount spent (VND)\nA,2026-08-01,2026-08-01,2026-08-01,100,200,5,100000\nA,2026-08-02,2026-08-02,2026-08-02,300,300,6,6\n",
            &["report", "meta.csv", "--kpi", "impressions,spend"],
        ),
        case(
            "repeated_column_strict",
            "meta.csv",
            "Campaign name,Day,Reporting starts,Reporting ends,Impressions,Impressions,Amount spent (USD)\nA,2026-08-01,2026-08-01,2026-08-01,100,200,5\n",
            &["report", "meta.csv", "--strict"],
        ),
        case(
            "repeated_column_same_values",
            "meta.csv",
            "Campaign name,Day,Reporting starts,Reporting ends,Impressions,Impressions,Amount spent (USD)\nA,2026-08-01,2026-08-01,2026-08-01,100,100,5\n",
            &["kpi", "impressions", "meta.csv", "--strict"],
        ),
        mapping_case(
            "mapping_two_columns_one_metric",
            "inputs = [\"zalo-aug.csv\"]\n[[mappings]]\nfiles = \"zalo-*.csv\"\nskip_lines = 1\n[mappings.columns]\n\"Ngày\" = \"date\"\n\"Lượt thích\" = \"spend\"\n\"Chi phí\" = \"spend\"\n",
            &["kpi", "spend"],
        ),
        Case {
            name: "mapping_two_date_columns",
            files: vec![(
                "FollowerHistory.csv",
                "\"Ngày\",\"Người theo dõi\",\"Chênh lệch người theo dõi so với ngày hôm trước\"\n\"1 tháng 8\",\"1,020\",\"-5\"\n\"2 tháng 8\",\"1,040\",\"20\"\n"
                    .as_bytes()
                    .to_vec(),
            )],
            config: "inputs = [\"FollowerHistory.csv\"]\nyear = 2026\n[[mappings]]\nfiles = \"FollowerHistory.csv\"\nplatform = \"tiktok\"\n[mappings.columns]\n\"Ngày\" = \"date\"\n\"Người theo dõi\" = \"followers\"\n\"Chênh lệch người theo dõi so với ngày hôm trước\" = \"date\"\n",
            args: vec!["report", "--kpi", "follower_count,follower_growth"],
        },
        // The stanza prefills one date column: the header that is a date word, not
        // a column of numbers whose name says `ngày`.
        case(
            "stanza_one_date_column",
            "history.csv",
            "\"Ngày\",\"Người theo dõi\",\"Chênh lệch người theo dõi so với ngày hôm trước\",\"Ngày tải\"\n\"1 tháng 8\",\"1,020\",\"-5\",\"2 tháng 9\"\n",
            &["report", "history.csv"],
        ),
        case(
            "ga4_preamble_without_a_table",
            "ga4.csv",
            "# ----------------------------------------\n# Report CSV Export\n# Start date: 20260801\n# End date: 20260803\n",
            &["report", "ga4.csv"],
        ),
        case(
            "google_ads_title_without_a_table",
            "g.csv",
            "Campaign report\n\"August 1, 2026 - August 3, 2026\"\n",
            &["report", "g.csv"],
        ),
        case(
            "a_note_is_not_tabular",
            "ghi-chu.txt",
            "Ghi chú: file tháng 9 tải ngày 22/9 bởi Minh.\nNhớ đổi tên chiến dịch.\n",
            &["report", "."],
        ),
        Case {
            name: "a_program_named_csv",
            files: vec![("in.csv", elf)],
            config: "",
            args: report.to_vec(),
        },
    ]
}

const GOAL_WITH_INPUTS: &str = "inputs = [\"data.csv\"]\n[[goals]]\nid = \"g\"\nkpi = \"leads\"\nstart = 2026-08-01\ndeadline = 2026-08-31\ntarget = 10\n";

/// Runs every case in a temporary folder, `--lang` first when given.
fn run_cases(lang: Option<&'static str>) -> Vec<(&'static str, String)> {
    let cases = cases();
    let mut names = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for case in cases {
        assert!(names.insert(case.name), "two cases are named {}", case.name);
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes) in &case.files {
            std::fs::write(dir.path().join(name), bytes).unwrap();
        }
        if !case.config.is_empty() {
            std::fs::write(dir.path().join("roi.toml"), case.config).unwrap();
        }
        let mut args = Vec::new();
        if let Some(lang) = lang {
            args.extend(["--lang", lang]);
        }
        args.extend(case.args.iter().copied());
        let text = transcript(&roi_in(dir.path(), &args));
        assert!(!text.contains("panicked"), "{}: {text}", case.name);
        assert!(!text.contains("RUST_BACKTRACE"), "{}: {text}", case.name);
        out.push((case.name, text));
    }
    out
}

#[test]
fn every_bad_input_gets_a_clear_message_and_no_panic() {
    let results = run_cases(None);
    assert!(
        results.len() >= 60,
        "the corpus has {} cases",
        results.len()
    );
    for (name, text) in results {
        insta::assert_snapshot!(name, text);
    }
}

/// The same corpus in Vietnamese: the same exit codes, and messages from the
/// Vietnamese catalogue (only values, names and the TOML parser's own words stay).
#[test]
fn every_bad_input_message_in_vietnamese() {
    let english = run_cases(None);
    let vietnamese = run_cases(Some("vi"));
    for ((name, en), (_, vi)) in english.iter().zip(&vietnamese) {
        let exit = |t: &str| t.lines().next().map(str::to_owned);
        assert_eq!(exit(en), exit(vi), "{name}: exit codes differ");
        // clap's own usage errors (unknown flags, unparsable values) are clap's text.
        if en.contains("error: ") && !en.contains("For more information, try '--help'") {
            assert!(vi.contains("lỗi: "), "{name}: {vi}");
        }
        insta::assert_snapshot!(format!("vi__{name}"), vi);
    }
}

/// Only counts of whole things refuse a fraction in roi's format: Google Ads and
/// GA4 attribute conversions in parts, and a custom metric's unit is the user's.
#[test]
fn fractional_conversions_and_custom_metrics_are_read_in_roi_format() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("in.csv"),
        "date,platform,conversions,trial_starts\n\
         2026-08-01,google_ads,1.5,0.25\n\
         2026-08-02,google_ads,2.25,1\n",
    )
    .unwrap();
    for (metric, value) in [("conversions", "3.75"), ("trial_starts", "1.25")] {
        let out = roi_in(dir.path(), &["kpi", metric, "in.csv", "--strict"]);
        assert_eq!(code(&out), 0, "{}", transcript(&out));
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), value);
    }
}

/// A link in a circle exists, so it is not "no such file": said as what it is,
/// named or inside a folder.
#[cfg(unix)]
#[test]
fn a_symbolic_link_loop_is_told_as_such() {
    let tmp = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("loop2.csv", tmp.path().join("loop1.csv")).unwrap();
    std::os::unix::fs::symlink("loop1.csv", tmp.path().join("loop2.csv")).unwrap();
    let out = roi_in(tmp.path(), &["kpi", "impressions", "loop1.csv"]);
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: loop1.csv: is a symbolic link that cannot be followed: Too many levels of \
         symbolic links (os error 40)\n"
    );
}

/// A mapping that maps a column to a built-in KPI worked out from other metrics asks
/// roi to add up a rate: refused (`fixtures/kpi-named-columns/mapping.toml`).
#[test]
fn a_mapping_to_a_derived_kpi_is_refused() {
    let dir = crate::fixture("kpi-named-columns");
    let out = roi_in(&dir, &["kpi", "ctr", "ctr.csv", "--config", "mapping.toml"]);
    assert_eq!(code(&out), 2, "{}", transcript(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).lines().last(),
        Some(
            "error: mapping.toml: mapping #1: column `CTR` maps to `ctr`, a KPI roi works out \
             from its own formula over the totals of the rows selected (`roi kpis`), not a \
             metric a column gives: map the column to `ignore`, or to a name of its own \
             (`ctr_reported`)"
        )
    );
}
