//! Turning results into text: terminal tables, JSON, CSV and Markdown. Rendering
//! never computes a figure; it only formats what the report holds.

mod csv_out;
mod html;
mod insights;
mod junit;
mod markdown;
pub(crate) mod normalized;
pub mod parquet;
mod table;

pub use normalized::{normalized_csv, normalized_json};

use std::io::{self, Write};

use crate::goals::{GoalResult, Status};
use crate::i18n::Lang;
use crate::model::Unit;
use crate::report::{CheckResult, KpiAnswer, KpiList, Report};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
    Markdown,
    /// JUnit XML, one test case per goal (`roi check`)
    Junit,
    /// One self-contained HTML page with charts (`roi report`)
    Html,
    /// Parquet files partitioned by platform and month (`roi normalize --output DIR`)
    Parquet,
}

/// How text output looks on this terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
    /// Unicode block characters in progress bars; ASCII otherwise.
    pub unicode: bool,
    /// Fit tables to the terminal's width; otherwise lines are as long as needed.
    pub fit_terminal: bool,
    /// The language of the words, numbers and dates people read.
    pub lang: Lang,
}

impl Style {
    pub const PLAIN: Style = Style {
        color: false,
        unicode: false,
        fit_terminal: false,
        lang: Lang::En,
    };
}

/// A number as scripts read it: `.` decimal mark, no separators, no exponent,
/// rounded to 9 decimals. A value whose shortest exact form needs 17 significant
/// digits is a double's noise (a division's, a float sum's), so it is rounded to 15:
/// 0.1 + 0.2 prints 0.3, and 184,000,000 / 3 prints 61333333.3333333, not
/// 61333333.333333336; an exact amount of 16 digits (1234567890.423456) is kept.
pub fn plain_number(v: f64) -> String {
    noise_free(v, 9)
}

/// `v` as [`plain_number`] writes it, as a number: JSON gives the figure CSV and
/// the table give (docs/json.md promises it), not a division's 16 decimals.
pub fn denoised(v: f64) -> f64 {
    if v.is_finite() {
        plain_number(v).parse().unwrap_or(v)
    } else {
        v
    }
}

/// [`plain_number`] with at most `max_decimals` decimals.
fn noise_free(v: f64, max_decimals: i32) -> String {
    if !v.is_finite() {
        return "n/a".to_owned();
    }
    let digits = if v == 0.0 {
        0
    } else {
        v.abs().log10().floor() as i32 + 1
    };
    // The shortest text that reads back as the same double: 276558547.41 for a sum
    // of cents (printing more decimals would show the double's binary error).
    let shortest = format!("{v}");
    let significant = shortest
        .trim_start_matches(['-', '0', '.'])
        .chars()
        .filter(char::is_ascii_digit)
        .count();
    let shortest_decimals = shortest.split_once('.').map_or(0, |(_, d)| d.len());
    // Sixteen digits are a figure (an exact amount) unless the sixteenth is a run
    // of 9s or 0s a division left (7853158.455399999 is 7853158.4554).
    // Formatted only for 16 digits: an exact format of many decimals is slow
    // (most figures are short sums and print as `shortest`).
    let fifteen = (significant == 16)
        .then(|| {
            let decimals = (15 - digits).clamp(0, max_decimals) as usize;
            let t = format!("{v:.decimals$}");
            if t.contains('.') {
                t.trim_end_matches('0').trim_end_matches('.').to_owned()
            } else {
                t
            }
        })
        .filter(|fifteen| {
            fifteen
                .trim_start_matches(['-', '0', '.'])
                .chars()
                .filter(char::is_ascii_digit)
                .count()
                < 14
        });
    let mut text = if let Some(fifteen) = fifteen {
        fifteen
    } else if significant <= 16 && shortest_decimals <= max_decimals as usize {
        shortest
    } else {
        let kept = if significant > 16 { 15 } else { 16 };
        let decimals = (kept - digits).clamp(0, max_decimals) as usize;
        format!("{v:.decimals$}")
    };
    if text.contains('.') {
        text.truncate(text.trim_end_matches('0').trim_end_matches('.').len());
    }
    if text == "-0" { "0".to_owned() } else { text }
}

fn group_thousands(int: &str) -> String {
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

/// `1234567.891` with `decimals` → `1,234,567.89`.
pub fn grouped(v: f64, decimals: usize) -> String {
    let text = format!("{v:.decimals$}");
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    // A value that rounds to nothing (-0.001 to two decimals) has no sign; -0.40 has.
    let int = if int == "-0" && frac.bytes().all(|b| b == b'0') {
        "0"
    } else {
        int
    };
    if frac.is_empty() {
        group_thousands(int)
    } else {
        format!("{}.{frac}", group_thousands(int))
    }
}

/// A value as people read it: thousands separators, percentages, currencies, in the
/// language's marks (`1,234.50 USD`, `1.234.567 ₫`).
pub fn human(value: Option<f64>, unit: Unit, currency: Option<&str>, lang: Lang) -> String {
    let Some(v) = value else {
        return "n/a".to_owned();
    };
    let m = |text: String| crate::i18n::marks(lang, &text);
    match unit {
        Unit::Count | Unit::Number if currency.is_none() && v.fract() == 0.0 => m(grouped(v, 0)),
        // Below 1 two decimals may keep no figure (70 leads / 79,000 impressions is
        // 0.000886, not 0.00): three significant digits, no fewer than two decimals.
        Unit::Count | Unit::Number if currency.is_none() && v.abs() < 1.0 => m(three_figures(v, 2)),
        Unit::Count | Unit::Number if currency.is_none() => m(grouped(v, 2)),
        Unit::Ratio => format!("{}%", m(grouped(v * 100.0, 2))),
        // A KPI of roi.toml whose `unit` says count but whose formula gives money
        // (`spend / clicks`) keeps its currency: an amount without one says less.
        // A cost of a few of the currency's smallest units or less (a cost per
        // view of 0.00003 USD, a cost per click of 0.015) keeps three figures.
        Unit::Count | Unit::Number | Unit::Money => {
            let decimals = currency.map_or(2, crate::model::currency_decimals);
            let text = if v != 0.0 && v.abs() < 10f64.powi(1 - decimals as i32) {
                three_figures(v, decimals)
            } else {
                grouped(v, decimals)
            };
            match currency {
                Some("VND") if lang == Lang::Vi => format!("{} ₫", m(text)),
                Some(c) => format!("{} {c}", m(text)),
                None => m(text),
            }
        }
        Unit::Seconds => duration(v),
    }
}

/// A small value with three significant digits (70 leads / 79,000 impressions is
/// 0.000886, not 0.00), and no fewer than `decimals`.
fn three_figures(v: f64, decimals: usize) -> String {
    let places = (2 - v.abs().log10().floor() as i32).clamp(decimals as i32, 9) as usize;
    let text = grouped(v, places);
    let extra = text.len() - text.trim_end_matches('0').len();
    let text = &text[..text.len() - extra.min(places - decimals)];
    text.strip_suffix('.').unwrap_or(text).to_owned()
}

fn duration(seconds: f64) -> String {
    let total = seconds.round() as i64;
    let (h, m, s) = (total / 3600, (total % 3600) / 60, total % 60);
    if h > 0 {
        format!("{h}h {m:02}m {s:02}s")
    } else if m > 0 {
        format!("{m}m {s:02}s")
    } else {
        format!("{s}s")
    }
}

/// A goal's value in its unit and currency.
pub fn goal_value(goal: &GoalResult, v: Option<f64>, lang: Lang) -> String {
    human(v, goal.unit, goal.currency.as_deref(), lang)
}

/// A value written with its bound, `42,750 (upper bound)`, when it rests on reach
/// summed over rows: every human format marks it, as CSV and JSON carry it.
/// `value`, the text of `of`, marked `(upper bound)` (or lower, approximate) when it
/// rests on reach summed over rows; `n/a` is never marked.
pub fn with_bound(value: String, of: Option<f64>, bound: crate::kpi::Bound, lang: Lang) -> String {
    let key = match bound {
        _ if of.is_none() => None,
        crate::kpi::Bound::Exact => None,
        crate::kpi::Bound::Upper => Some("report.upper_bound"),
        crate::kpi::Bound::Lower => Some("report.lower_bound"),
        crate::kpi::Bound::Approximate => Some("report.approximate"),
    };
    match key {
        Some(key) => format!("{value} ({})", crate::i18n::tr(lang, key, &[])),
        None => value,
    }
}

/// A goal's current value, marked `(upper bound)` when it rests on reach summed
/// over rows, as the KPI table marks it: the goal's status rests on it.
pub fn goal_current(g: &GoalResult, lang: Lang) -> String {
    with_bound(goal_value(g, g.current, lang), g.current, g.bound, lang)
}

/// A goal's progress in whole percent, as every format shows it. Short of the
/// target is never shown as 100%: 300 of 301 is 99%, not a rounded-up 100% beside
/// a missed status. The small allowance keeps 0.57 at 57% though it is 56.999… in
/// floating point.
pub fn progress_percent(p: f64) -> i64 {
    if p < 1.0 - 1e-9 {
        ((p * 100.0 + 1e-9).floor() as i64).min(99)
    } else {
        (p * 100.0).round() as i64
    }
}

pub fn progress_bar(progress: Option<f64>, style: Style) -> String {
    let Some(p) = progress else {
        return "n/a".to_owned();
    };
    let width = 10;
    let filled = ((p.clamp(0.0, 1.0) * width as f64).floor() as usize).min(width);
    let pct = format!("{:>4}%", progress_percent(p));
    if style.unicode {
        format!("{}{} {pct}", "█".repeat(filled), "░".repeat(width - filled))
    } else {
        format!(
            "[{}{}] {pct}",
            "#".repeat(filled),
            "-".repeat(width - filled)
        )
    }
}

/// A change from the previous period after a value: ` ▲5.2%`, ` ▼3%` (` +5.2%`,
/// ` -3%` in ASCII); nothing when there is none.
pub fn change_mark(change: Option<f64>, style: Style) -> String {
    let Some(c) = change.filter(|c| c.is_finite()) else {
        return String::new();
    };
    let pct = crate::i18n::marks(style.lang, &grouped((c * 100.0).abs(), 1));
    let pct = pct
        .strip_suffix(if style.lang == Lang::Vi { ",0" } else { ".0" })
        .unwrap_or(&pct)
        .to_owned();
    let (up, down, flat) = if style.unicode {
        ("▲", "▼", "=")
    } else {
        ("+", "-", "=")
    };
    if (c * 1000.0).round() == 0.0 {
        format!(" {flat}0%")
    } else if c > 0.0 {
        format!(" {up}{pct}%")
    } else {
        format!(" {down}{pct}%")
    }
}

/// Sparkline of a series: one character per period, a blank where there is no value.
pub fn sparkline(values: &[Option<f64>], style: Style) -> String {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    const ASCII: [char; 8] = ['_', '.', ',', '-', '~', '=', '*', '#'];
    let ramp = if style.unicode { BLOCKS } else { ASCII };
    let known = values.iter().flatten().copied().filter(|v| v.is_finite());
    let (low, high) = known.fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
        (l.min(v), h.max(v))
    });
    values
        .iter()
        .map(|v| match v {
            Some(v) if v.is_finite() => {
                let level = if high > low {
                    ((v - low) / (high - low) * 7.0).round() as usize
                } else {
                    3
                };
                ramp[level.min(7)]
            }
            _ => ' ',
        })
        .collect()
}

/// A status as people read it in the language (scripts read [`Status::word`]).
/// What was read, in a line (`Read 2 file(s), 9 row(s); 1 row(s) skipped`), and each
/// file's skipped rows and warnings, one item each: under a table, in a CI summary.
pub fn input_lines(inputs: &crate::report::Inputs, lang: Lang) -> (String, Vec<String>) {
    let mut line = crate::i18n::tr(
        lang,
        "report.read_files",
        &[
            ("files", &inputs.files.len().to_string()),
            ("rows", &inputs.rows.to_string()),
        ],
    );
    if inputs.rows_replaced > 0 {
        line.push_str(&crate::i18n::tr(
            lang,
            "report.replaced",
            &[("rows", &inputs.rows_replaced.to_string())],
        ));
    }
    if inputs.rows_skipped > 0 {
        line.push_str(&crate::i18n::tr(
            lang,
            "report.skipped",
            &[("rows", &inputs.rows_skipped.to_string())],
        ));
    }
    let mut items = Vec::new();
    for f in &inputs.files {
        let path = f.path.display().to_string();
        for s in &f.skipped {
            items.push(crate::i18n::tr(
                lang,
                "report.skipped_line",
                &[
                    ("path", &path),
                    ("rows", &s.rows.to_string()),
                    ("reason", &s.reason.text(lang)),
                    ("line", &s.first_line.to_string()),
                ],
            ));
        }
        for w in &f.warnings {
            items.push(format!("{path}: {}", w.text(lang)));
        }
    }
    for n in &inputs.not_read {
        items.push(format!("{}: {}", n.path, n.reason.text(lang)));
    }
    (line, items)
}

pub fn status_label(status: Status, lang: Lang) -> String {
    crate::i18n::tr(lang, &format!("status.{}", status.word()), &[])
}

pub fn report(r: &Report, format: Format, style: Style, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Table => table::report(r, style, out),
        Format::Json => json(r, out),
        Format::Csv => csv_out::report(r, out),
        Format::Markdown => markdown::report(r, style.lang, out),
        Format::Junit => junit::goals("roi report", &r.goals, &r.failing, &r.inputs, out),
        Format::Html => html::report(r, style.lang, out),
        Format::Parquet => Err(io::Error::other(crate::say!("error.parquet_only"))),
    }
}

pub use markdown::check as markdown_check;

pub fn check(r: &CheckResult, format: Format, style: Style, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Table => table::check(r, style, out),
        Format::Json => json(r, out),
        Format::Csv => csv_out::goals(&r.goals, &r.failed, out),
        Format::Markdown => markdown::check(r, style.lang, out),
        Format::Junit => junit::goals("roi check", &r.goals, &r.failed, &r.inputs, out),
        Format::Html => Err(io::Error::other(crate::say!("error.html_only"))),
        Format::Parquet => Err(io::Error::other(crate::say!("error.parquet_only"))),
    }
}

pub fn explanation(
    e: &crate::report::Explanation,
    format: Format,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Json => json(e, out),
        _ => table::explanation(e, style, out),
    }
}

pub fn inspection(
    i: &crate::report::Inspection,
    format: Format,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Json => json(i, out),
        _ => table::inspection(i, style, out),
    }
}

pub fn insights(
    i: &crate::insights::Insights,
    format: Format,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Json => json(i, out),
        Format::Markdown => insights::table(
            i,
            Style {
                lang: style.lang,
                ..Style::PLAIN
            },
            true,
            out,
        ),
        _ => insights::table(i, style, false, out),
    }
}

pub fn kpi_answer(a: &KpiAnswer, format: Format, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Json => json(a, out),
        _ => writeln!(out, "{}", a.value.map_or("n/a".to_owned(), plain_number)),
    }
}

pub fn kpi_list(
    list: &KpiList,
    format: Format,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Table => table::kpi_list(list, style, out),
        Format::Json => json(list, out),
        Format::Csv => csv_out::kpi_list(list, out),
        Format::Markdown => markdown::kpi_list(list, style.lang, out),
        Format::Junit => Err(io::Error::other(crate::say!("error.junit_only"))),
        Format::Html => Err(io::Error::other(crate::say!("error.html_only"))),
        Format::Parquet => Err(io::Error::other(crate::say!("error.parquet_only"))),
    }
}

/// Written whole or not at all: a value that fails to serialize halfway must not
/// leave half a document on stdout for a program to read.
fn json<T: serde::Serialize>(value: &T, out: &mut dyn Write) -> io::Result<()> {
    let mut text = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut text, Denoised::default());
    value.serialize(&mut ser)?;
    text.push(b'\n');
    out.write_all(&text)
}

/// JSON as `serde_json` writes it pretty, each number without a double's noise
/// ([`denoised`]): `48.00000000000001` for 1,200,000 × 0.00004 is 48, as CSV writes
/// it. One place, so no field can miss it.
#[derive(Default)]
struct Denoised(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for Denoised {
    fn write_f64<W: ?Sized + Write>(&mut self, w: &mut W, value: f64) -> io::Result<()> {
        self.0.write_f64(w, denoised(value))
    }
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// `v` to 15 significant digits: what a double holds as a figure, without the noise
/// of its last bits (`0.1 + 0.1 × 0.2` is 0.12, not 0.12000000000000001).
pub fn snapped(v: f64) -> f64 {
    if v.is_finite() {
        format!("{v:.14e}").parse().unwrap_or(v)
    } else {
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_numbers_are_rounded_as_csv_writes_them() {
        assert_eq!(denoised(1_200_000.0 * 0.000_04), 48.0);
        assert_eq!(denoised(0.1 + 0.2), 0.3);
        assert_eq!(denoised(1.0 / 14.0), 0.071_428_571);
        assert_eq!(denoised(5.0 / 6.0), 0.833_333_333);
        assert_eq!(denoised(171.5 / 31.0), 5.532_258_065);
        assert_eq!(denoised(2.5e-10), 0.0);
        assert_eq!(denoised(1_234_567_890.423_456), 1_234_567_890.423_456);
    }

    #[test]
    fn plain_numbers_hide_float_noise() {
        assert_eq!(plain_number(0.1 + 0.2), "0.3");
        assert_eq!(plain_number(130.0), "130");
        assert_eq!(plain_number(0.052_345_678_9), "0.052345679");
        assert_eq!(plain_number(-0.0), "0");
        assert_eq!(plain_number(1e15), "1000000000000000");
        // A double's 17th significant digit is noise, not a figure.
        assert_eq!(plain_number(184_000_000.0 / 3.0), "61333333.3333333");
        // An exact amount of 16 significant digits is kept whole.
        assert_eq!(plain_number(1_234_567_890.423_456), "1234567890.423456");
        assert_eq!(plain_number(7_037_035_927_035.0), "7037035927035");
        // A sum of cents: its shortest form, not the double's binary error.
        assert_eq!(
            plain_number(42_220_819.87 + 80_559_846.62 + 65_710_283.45 + 88_067_597.47),
            "276558547.41"
        );
        assert_eq!(plain_number(276_558_547.41), "276558547.41");
        assert_eq!(plain_number(17_203_713.515), "17203713.515");
        // A division's run of 9s in the 16th digit is noise.
        assert_eq!(plain_number(785_315_845.54 / 100.0), "7853158.4554");
        assert_eq!(plain_number(1_168.043_478_260_869_6), "1168.043478261");
        assert_eq!(plain_number(-2.5e-10), "0");
        assert_eq!(plain_number(0.000_001_5), "0.0000015");
        assert_eq!(plain_number(-1234.5), "-1234.5");
    }

    #[test]
    fn human_values() {
        let en = Lang::En;
        assert_eq!(human(Some(1_234_567.0), Unit::Count, None, en), "1,234,567");
        assert_eq!(human(Some(0.05234), Unit::Ratio, None, en), "5.23%");
        assert_eq!(
            human(Some(1234.5), Unit::Money, Some("USD"), en),
            "1,234.50 USD"
        );
        assert_eq!(
            human(Some(1_234_567.4), Unit::Money, Some("VND"), en),
            "1,234,567 VND"
        );
        assert_eq!(
            human(Some(-12.5), Unit::Money, Some("USD"), en),
            "-12.50 USD"
        );
        // Between -1 and 0 the sign stays; a value that rounds to nothing has none.
        assert_eq!(human(Some(-0.4), Unit::Money, Some("USD"), en), "-0.40 USD");
        assert_eq!(human(Some(-0.005), Unit::Ratio, None, en), "-0.50%");
        assert_eq!(human(Some(-0.00001), Unit::Ratio, None, en), "0.00%");
        assert_eq!(human(Some(3725.0), Unit::Seconds, None, en), "1h 02m 05s");
        assert_eq!(human(None, Unit::Count, None, en), "n/a");
        let vi = Lang::Vi;
        assert_eq!(
            human(Some(1_234_567.4), Unit::Money, Some("VND"), vi),
            "1.234.567 ₫"
        );
        assert_eq!(
            human(Some(1234.5), Unit::Money, Some("USD"), vi),
            "1.234,50 USD"
        );
        assert_eq!(human(Some(0.05234), Unit::Ratio, None, vi), "5,23%");
    }

    #[test]
    fn changes_and_sparklines() {
        let unicode = Style {
            unicode: true,
            ..Style::PLAIN
        };
        assert_eq!(change_mark(Some(0.052), unicode), " ▲5.2%");
        assert_eq!(change_mark(Some(-0.5), Style::PLAIN), " -50%");
        assert_eq!(change_mark(Some(12.478), Style::PLAIN), " +1,247.8%");
        assert_eq!(change_mark(Some(0.0), unicode), " =0%");
        assert_eq!(change_mark(None, unicode), "");
        let vi = Style {
            lang: Lang::Vi,
            ..Style::PLAIN
        };
        assert_eq!(change_mark(Some(0.052), vi), " +5,2%");
        let series = [Some(0.0), Some(7.0), None, Some(3.5), Some(14.0)];
        assert_eq!(sparkline(&series, unicode), "▁▅ ▃█");
        assert_eq!(sparkline(&series, Style::PLAIN), "_~ ,#");
        assert_eq!(sparkline(&[Some(5.0), Some(5.0)], unicode), "▄▄");
        assert_eq!(sparkline(&[None, None], unicode), "  ");
    }

    #[test]
    fn bars() {
        assert_eq!(progress_bar(Some(0.5), Style::PLAIN), "[#####-----]   50%");
        assert_eq!(progress_bar(Some(1.7), Style::PLAIN), "[##########]  170%");
        // Short of the target is never 100%, nor a full bar: 300 of 301.
        assert_eq!(
            progress_bar(Some(300.0 / 301.0), Style::PLAIN),
            "[#########-]   99%"
        );
        assert_eq!(
            progress_bar(Some(0.995), Style::PLAIN),
            "[#########-]   99%"
        );
        // Rounded down, but not below what it is for floating-point noise.
        assert_eq!(progress_bar(Some(0.57), Style::PLAIN), "[#####-----]   57%");
        assert_eq!(
            progress_bar(Some(0.876), Style::PLAIN),
            "[########--]   87%"
        );
        assert_eq!(progress_bar(Some(1.0), Style::PLAIN), "[##########]  100%");
    }
}
