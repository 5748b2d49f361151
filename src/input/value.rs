//! Cells as exports write them: localized numbers (`1,234.5`, `1.234,5`,
//! `1.234.567 ₫`, `12%`, `$1,234.00`), placeholders for "no value", and the many
//! date shapes, with day-first or month-first decided per file from the values.

use chrono::{Datelike, NaiveDate};

use super::number::{NumberError, parse_digits, parse_plain};
use crate::model::Amount;

/// Which character a file uses as its decimal mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DecimalMark {
    /// Decided per cell: both marks → the last is decimal; `1,234` or `1.234.567`
    /// (groups of three) → separators; otherwise the lone mark is decimal.
    #[default]
    Auto,
    Dot,
    Comma,
}

/// [`str::trim`], with the usual cell (nothing to trim) told from its two ends: this
/// runs several times for every cell of every row.
pub fn trim(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// Cells that mean "no value".
pub fn is_missing(text: &str) -> bool {
    const MISSING: [&str; 10] = [
        "-",
        "--",
        "—",
        "undefined",
        "n/a",
        "na",
        "null",
        "none",
        "nan",
        "(not set)",
    ];
    let t = trim(text);
    match t.as_bytes().first() {
        None => true,
        // Most cells are numbers, and no placeholder starts with a digit.
        Some(b) if b.is_ascii_digit() => false,
        Some(_) => t.len() <= 9 && MISSING.iter().any(|m| t.eq_ignore_ascii_case(m)),
    }
}

/// Masked small counts (`<5`): a value exists but is hidden.
pub fn is_censored(text: &str) -> bool {
    let t = trim(text);
    (t.starts_with('<') || t.starts_with('>')) && t.len() > 1
}

/// Parses a localized number into an exact amount. `Ok(None)` for placeholders.
#[inline]
pub fn parse_number(text: &str, mark: DecimalMark) -> Result<Option<Amount>, NumberError> {
    parse_amount(text, mark).map(|(value, _)| value)
}

/// A currency symbol or code written beside an amount, and the currencies that
/// write it: `₫` is only the dong, but `$` is the dollar of a dozen countries and the
/// peso of others, so it names none of them alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Symbol {
    pub text: &'static str,
    pub currencies: &'static [&'static str],
}

impl Symbol {
    /// The one currency the symbol names, if it names one.
    pub fn currency(self) -> Option<&'static str> {
        match self.currencies {
            [one] => Some(one),
            _ => None,
        }
    }

    /// Whether an amount with this symbol can be in `currency` (a code).
    pub fn allows(self, currency: &str) -> bool {
        self.currencies
            .iter()
            .any(|c| c.eq_ignore_ascii_case(currency.trim()))
    }

    /// Whether every currency it may be has no minor unit (`300.000 ₫` is 300000).
    pub fn whole(self) -> bool {
        self.currencies
            .iter()
            .all(|c| crate::model::currency_decimals(c) == 0)
    }
}

const DOLLARS: &[&str] = &[
    "USD", "CAD", "AUD", "NZD", "SGD", "HKD", "TWD", "MXN", "ARS", "CLP", "COP", "UYU", "DOP",
    "JMD", "TTD", "BSD", "BBD", "BZD", "BND", "FJD", "NAD", "XCD", "LRD", "GYD", "SRD",
];

/// The symbols and codes an amount may carry; codes first, so that `USD $12` is USD.
const SYMBOLS: &[Symbol] = &[
    Symbol {
        text: "VND",
        currencies: &["VND"],
    },
    Symbol {
        text: "USD",
        currencies: &["USD"],
    },
    Symbol {
        text: "EUR",
        currencies: &["EUR"],
    },
    // The codes of the other currencies an export's amounts are written in.
    Symbol {
        text: "GBP",
        currencies: &["GBP"],
    },
    Symbol {
        text: "BRL",
        currencies: &["BRL"],
    },
    Symbol {
        text: "IDR",
        currencies: &["IDR"],
    },
    Symbol {
        text: "THB",
        currencies: &["THB"],
    },
    Symbol {
        text: "PHP",
        currencies: &["PHP"],
    },
    Symbol {
        text: "MYR",
        currencies: &["MYR"],
    },
    Symbol {
        text: "SGD",
        currencies: &["SGD"],
    },
    Symbol {
        text: "AUD",
        currencies: &["AUD"],
    },
    Symbol {
        text: "CAD",
        currencies: &["CAD"],
    },
    Symbol {
        text: "INR",
        currencies: &["INR"],
    },
    Symbol {
        text: "JPY",
        currencies: &["JPY"],
    },
    Symbol {
        text: "KRW",
        currencies: &["KRW"],
    },
    Symbol {
        text: "CNY",
        currencies: &["CNY"],
    },
    Symbol {
        text: "MXN",
        currencies: &["MXN"],
    },
    Symbol {
        text: "₫",
        currencies: &["VND"],
    },
    Symbol {
        text: "đ",
        currencies: &["VND"],
    },
    Symbol {
        text: "€",
        currencies: &["EUR"],
    },
    Symbol {
        text: "£",
        currencies: &["GBP"],
    },
    Symbol {
        text: "₹",
        currencies: &["INR"],
    },
    Symbol {
        text: "₩",
        currencies: &["KRW"],
    },
    // The dollars a letter names, before the bare `$` (and `US$` before `S$`).
    Symbol {
        text: "US$",
        currencies: &["USD"],
    },
    Symbol {
        text: "HK$",
        currencies: &["HKD"],
    },
    Symbol {
        text: "NT$",
        currencies: &["TWD"],
    },
    Symbol {
        text: "R$",
        currencies: &["BRL"],
    },
    Symbol {
        text: "S$",
        currencies: &["SGD"],
    },
    Symbol {
        text: "A$",
        currencies: &["AUD"],
    },
    Symbol {
        text: "C$",
        currencies: &["CAD"],
    },
    Symbol {
        text: "Rp",
        currencies: &["IDR"],
    },
    Symbol {
        text: "฿",
        currencies: &["THB"],
    },
    Symbol {
        text: "₱",
        currencies: &["PHP"],
    },
    Symbol {
        text: "$",
        currencies: DOLLARS,
    },
    Symbol {
        text: "¥",
        currencies: &["JPY", "CNY"],
    },
];

/// The currency symbol in a cell, if any (the most specific when there are several).
/// The dong's code is read in any case and as Vietnamese writes it (`VNĐ`, `vnđ`).
pub fn currency_symbol(text: &str) -> Option<Symbol> {
    if dong_code(text).is_some() {
        return Some(SYMBOLS[0]);
    }
    SYMBOLS.iter().copied().find(|s| text.contains(s.text))
}

/// `text` with the dong's code in any case and spelling (`VNĐ`, `vnđ`, `vnd`)
/// written `VND`, or `None` when it has none.
fn dong_code(text: &str) -> Option<String> {
    if !text.contains(['v', 'V']) {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut found = false;
    let mut i = 0;
    while i < chars.len() {
        if let [v, n, d, ..] = chars[i..]
            && v.eq_ignore_ascii_case(&'v')
            && n.eq_ignore_ascii_case(&'n')
            && matches!(d, 'd' | 'D' | 'đ' | 'Đ')
        {
            out.push_str("VND");
            found = true;
            i += 3;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    found.then_some(out)
}

/// [`parse_number`], with the currency symbol the number was written with, if any.
/// Only numbers with something beside their digits reach the symbol search.
pub fn parse_amount(
    text: &str,
    mark: DecimalMark,
) -> Result<(Option<Amount>, Option<Symbol>), NumberError> {
    let (thousands, decimal) = match mark {
        DecimalMark::Auto => (None, b'.'),
        DecimalMark::Dot => (Some(b','), b'.'),
        DecimalMark::Comma => (Some(b'.'), b','),
    };
    let trimmed = trim(text);
    if let Some(value) =
        super::number::short_unsigned_called(trimmed.as_bytes(), thousands, decimal)
    {
        return Ok((Some(value), None));
    }
    if is_missing(text) {
        return Ok((None, None));
    }
    // Other plain numbers (signed, long, many decimals): read without allocating.
    // (This is exactly what the general path below reduces them to.)
    if mark != DecimalMark::Comma
        && !trimmed.is_empty()
        && trimmed
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
        && trimmed.bytes().filter(|&b| b == b'.').count() <= 1
    {
        return parse_plain(trimmed).map(|v| (v, None));
    }
    // Numbers with separators and nothing else (`1.234.567`, `1,234.56`, `12,5%`, as
    // Vietnamese and many English exports write every amount): rewritten on the
    // stack, the same way as the general path below does it.
    if !trimmed.is_empty()
        && trimmed.len() <= 40
        && trimmed
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'-' | b'%'))
    {
        let (body, percent) = match trimmed.strip_suffix('%') {
            Some(body) => (body, true),
            None => (trimmed, false),
        };
        if body.is_empty() {
            return Err(NumberError::NotANumber);
        }
        let mut buffer = [0u8; 48];
        let plain = plain_digits(body, mark, &mut buffer).ok_or(NumberError::NotANumber)?;
        let value = parse_digits(plain)?;
        return Ok((
            value.map(|v| if percent { Amount(v.0 / 100) } else { v }),
            None,
        ));
    }
    parse_general(text, mark)
}

/// Any number: spaces, currency symbols, `(negative)`, `%`, separators.
fn parse_general(
    text: &str,
    mark: DecimalMark,
) -> Result<(Option<Amount>, Option<Symbol>), NumberError> {
    // The minus sign `−` (U+2212) is how Nordic locales and typeset text write `-`.
    let mut t: String = text
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .map(|c| if c == '\u{2212}' { '-' } else { c })
        .collect();
    let negative_parens = t.starts_with('(') && t.ends_with(')');
    if negative_parens {
        t = format!("-{}", &t[1..t.len() - 1]);
    }
    if let Some(written) = dong_code(&t) {
        t = written;
    }
    let symbol = currency_symbol(&t);
    if symbol.is_some() {
        for s in SYMBOLS {
            t = t.replace(s.text, "");
        }
        // Excel's Accounting format writes a zero as `$ -` and a negative as
        // `$ (1,234.50)`: the symbol before the dash or the brackets.
        if t == "-" {
            return Ok((Some(Amount(0)), symbol));
        }
        if !negative_parens && t.starts_with('(') && t.ends_with(')') && t.len() > 2 {
            t = format!("-{}", &t[1..t.len() - 1]);
        }
    }
    let percent = t.ends_with('%');
    if percent {
        t.pop();
    }
    if t.is_empty() {
        return Err(NumberError::NotANumber);
    }
    // A currency without minor units has no fraction: its lone mark before three
    // digits (`300.000 ₫`) groups thousands, whatever the file's other amounts use.
    let mark = match symbol {
        Some(s) if s.whole() => match lone_mark_before_three(&t)
            .or_else(|| ['.', ','].into_iter().find(|&m| grouped_by_three(&t, m)))
        {
            Some('.') => DecimalMark::Comma,
            Some(_) => DecimalMark::Dot,
            None => mark,
        },
        _ => mark,
    };
    let plain = normalize_separators(&t, mark).ok_or(NumberError::NotANumber)?;
    let value = parse_plain(&plain)?;
    Ok((
        value.map(|v| if percent { Amount(v.0 / 100) } else { v }),
        symbol,
    ))
}

/// How to read a number that has no fraction: its only mark, before three digits
/// (`1.234`, `1,234`), groups thousands. `None` when it has no such mark, or more
/// than three digits before it (`1234.567` groups nothing).
pub fn thousands_reading(text: &str) -> Option<DecimalMark> {
    // Every count of every row comes here: its bytes alone, no chars decoded.
    let t = digit_span(text).as_bytes();
    let at = t.iter().position(|&b| b == b'.' || b == b',')?;
    // Its marks all of one kind, grouping by three (`1.234`, `1.250.000`); no
    // group of thousands starts with a zero (`0.125` is a fraction).
    if !grouped_by_three_bytes(t, t[at]) {
        return None;
    }
    match t[at] {
        b'.' => Some(DecimalMark::Comma),
        _ => Some(DecimalMark::Dot),
    }
}

/// A number's digits and what lies between them: `text` without what precedes its
/// first ASCII digit or follows its last (`1.234 €` gives `1.234`; as
/// `trim_matches(|c: char| !c.is_ascii_digit())`, found by bytes, since a digit is
/// one byte and no byte of a longer character is one).
pub fn digit_span(text: &str) -> &str {
    let bytes = text.as_bytes();
    let Some(start) = bytes.iter().position(u8::is_ascii_digit) else {
        return "";
    };
    let end = bytes
        .iter()
        .rposition(u8::is_ascii_digit)
        .map_or(start, |e| e + 1);
    &text[start..end]
}

/// The number's only mark, when exactly three digits follow it (`300.000`, `1,500`).
fn lone_mark_before_three(t: &str) -> Option<char> {
    // No group of thousands starts with a zero: `0.125` is a fraction.
    if t.starts_with('0') {
        return None;
    }
    let mut marks = t.char_indices().filter(|(_, c)| matches!(c, '.' | ','));
    let (at, mark) = marks.next()?;
    let after = &t[at + 1..];
    (marks.next().is_none() && after.len() == 3 && after.bytes().all(|b| b.is_ascii_digit()))
        .then_some(mark)
}

fn grouped_by_three(int: &str, sep: char) -> bool {
    // Separators are ASCII: a byte that is neither one nor a digit fails either way.
    u8::try_from(sep).is_ok_and(|sep| grouped_by_three_bytes(int.as_bytes(), sep))
}

/// Whether `int` (after a sign) is one to three digits, then groups of three each
/// after one `sep`, at least one, its first digit not `0`; or grouped the Indian
/// way, by lakh and crore with commas (`1,23,456`, `12,34,56,789`: one or two
/// digits, groups of two, and the last three), which no locale reads as a fraction.
pub(crate) fn grouped_by_three_bytes(int: &[u8], sep: u8) -> bool {
    let signs = int.iter().take_while(|b| matches!(b, b'-' | b'+')).count();
    // No group of thousands starts with `0`: `0,500` is a fraction in the other
    // locale, never five hundred.
    if int.get(signs) == Some(&b'0') {
        return false;
    }
    // One look at the bytes: a run of 1 to 3 digits, then runs of exactly 3, each
    // after one `sep`, and at least one `sep` (or the Indian runs).
    // India groups with commas only: `50.00.000` is a slip, not five million.
    let (mut run, mut groups, mut threes, mut indian) = (0, 0, true, sep == b',');
    for &b in &int[signs..] {
        if b == sep {
            if groups == 0 {
                threes = (1..=3).contains(&run);
                indian &= (1..=2).contains(&run);
            } else {
                threes &= run == 3;
                indian &= run == 2;
            }
            if !threes && !indian {
                return false;
            }
            groups += 1;
            run = 0;
        } else if b.is_ascii_digit() {
            run += 1;
        } else {
            return false;
        }
    }
    run == 3 && (threes && groups >= 1 || indian && groups >= 2)
}

/// An ASCII number rewritten into `buffer` with `.` as its decimal mark and no
/// thousands separators (see [`normalize_separators`]); `None` when its separators
/// do not group by three, or it does not fit.
fn plain_digits<'b>(t: &str, mark: DecimalMark, buffer: &'b mut [u8]) -> Option<&'b [u8]> {
    let (thousands, decimal) = separators(t, mark);
    let (thousands, decimal) = (u8::try_from(thousands).ok()?, u8::try_from(decimal).ok()?);
    let bytes = t.as_bytes();
    // A few bytes: a plain look beats a vectorized search.
    let (int, frac) = match bytes.iter().rposition(|&b| b == decimal) {
        Some(at) => (&bytes[..at], Some(&bytes[at + 1..])),
        None => (bytes, None),
    };
    if int.contains(&thousands) && !grouped_by_three_bytes(int, thousands) {
        return None;
    }
    let mut n = 0;
    let digits = int.iter().copied().filter(|&b| b != thousands).chain(
        frac.into_iter()
            .flat_map(|f| std::iter::once(b'.').chain(f.iter().copied())),
    );
    for b in digits {
        *buffer.get_mut(n)? = b;
        n += 1;
    }
    Some(&buffer[..n])
}

/// The thousands separator and the decimal mark of a number.
fn separators(t: &str, mark: DecimalMark) -> (char, char) {
    match mark {
        DecimalMark::Dot => (',', '.'),
        DecimalMark::Comma => ('.', ','),
        DecimalMark::Auto => {
            let has_dot = t.contains('.');
            let has_comma = t.contains(',');
            if has_dot && has_comma {
                if t.rfind('.') > t.rfind(',') {
                    (',', '.')
                } else {
                    ('.', ',')
                }
            } else if has_comma {
                if grouped_by_three(t, ',') {
                    (',', '.')
                } else {
                    ('.', ',')
                }
            } else if has_dot && t.matches('.').count() > 1 {
                ('.', ',')
            } else {
                (',', '.')
            }
        }
    }
}

/// Rewrites a number to `.` decimal mark and no separators.
fn normalize_separators(t: &str, mark: DecimalMark) -> Option<String> {
    let (thousands, decimal) = separators(t, mark);
    let (int, frac) = match t.rfind(decimal) {
        Some(at) => (&t[..at], Some(&t[at + decimal.len_utf8()..])),
        None => (t, None),
    };
    if int.contains(thousands) && !grouped_by_three(int, thousands) {
        return None;
    }
    let mut out: String = int.chars().filter(|c| *c != thousands).collect();
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    Some(out)
}

/// How a file writes its dates when they are numeric and slashed or dashed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayOrder {
    MonthFirst,
    DayFirst,
}

/// A date as read, before the year of year-less dates is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParsedDate {
    Full(NaiveDate),
    /// Month and day without a year (TikTok's `February 28`).
    YearLess {
        month: u32,
        day: u32,
    },
    /// `a/b/yyyy` where both a and b could be the month.
    Numeric {
        first: u32,
        second: u32,
        year: i32,
        /// The weekday written before it (`Mon, 08/03/2026`; 0 = Monday): the date
        /// must fall on it in the file's day order.
        weekday: Option<u32>,
    },
}

/// English weekday names as X writes them before a date (`Tue, Jul 14, 2026`),
/// full or shortened; Monday first, as chrono numbers them.
const WEEKDAYS: [&[&str]; 7] = [
    &["mon", "monday"],
    &["tue", "tues", "tuesday"],
    &["wed", "weds", "wednesday"],
    &["thu", "thur", "thurs", "thursday"],
    &["fri", "friday"],
    &["sat", "saturday"],
    &["sun", "sunday"],
];

/// Weekdays as messages name them, Monday first.
pub const WEEKDAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The weekday a word names (0 = Monday).
fn weekday_of(word: &str) -> Option<u32> {
    let lower = word.trim_end_matches('.').to_ascii_lowercase();
    WEEKDAYS
        .iter()
        .position(|names| names.contains(&lower.as_str()))
        .map(|i| i as u32)
}

/// Vietnamese weekdays, two words each (`Thứ Hai`, `Chủ Nhật`), Monday first.
const VIETNAMESE_WEEKDAYS: [[&str; 2]; 7] = [
    ["thứ", "hai"],
    ["thứ", "ba"],
    ["thứ", "tư"],
    ["thứ", "năm"],
    ["thứ", "sáu"],
    ["thứ", "bảy"],
    ["chủ", "nhật"],
];

/// The weekday a text starts with (`Tue, …`, `Thứ Hai, …`; 0 = Monday), and the
/// text after it.
fn leading_weekday(t: &str) -> Option<(u32, &str)> {
    let separator = |c: char| c.is_whitespace() || c == ',';
    let mut words = t.split(separator).filter(|w| !w.is_empty());
    let first = words.next()?;
    let (named, last) = match weekday_of(first) {
        Some(named) => (named, first),
        None => {
            let second = words.next()?;
            let pair = [first, second].map(|w| crate::dataset::compose(w).to_lowercase());
            let named = VIETNAMESE_WEEKDAYS.iter().position(|v| *v == pair)?;
            (named as u32, second)
        }
    };
    let end = offset_in(t, last)? + last.len();
    Some((named, t[end..].trim_start_matches(separator)))
}

/// Where `part`, a slice of `whole`, starts in it.
fn offset_in(whole: &str, part: &str) -> Option<usize> {
    (part.as_ptr() as usize)
        .checked_sub(whole.as_ptr() as usize)
        .filter(|at| at + part.len() <= whole.len())
}

/// A cell read with a mapping's `date_format`, also after a weekday the format does
/// not read: `Chủ Nhật, 02/08/2026` with `%d/%m/%Y`, or with `%A, %d/%m/%Y` (chrono
/// knows English weekdays only). The date, or `Err` with the weekday named and the
/// date when it is not on it, as a date read without a format is checked.
pub fn date_with_format(
    text: &str,
    format: &str,
) -> Option<Result<NaiveDate, (&'static str, NaiveDate)>> {
    // A date-only format reads a date followed by its time of day (`%d/%m/%Y` for
    // `01/03/2026 09:15`), as dates without a format are read.
    let read = |text: &str, f: &str| {
        NaiveDate::parse_from_str(text, f)
            .or_else(|_| chrono::NaiveDateTime::parse_from_str(text, f).map(|dt| dt.date()))
            .ok()
            .or_else(|| {
                NaiveDate::parse_and_remainder(text, f)
                    .ok()
                    .filter(|(_, rest)| is_time_of_day(rest))
                    .map(|(d, _)| d)
            })
    };
    let text = text.trim();
    if let Some(d) = read(text, format) {
        return Some(Ok(d));
    }
    let (named, rest) = leading_weekday(text)?;
    let format = ["%A", "%a"]
        .iter()
        .find_map(|w| format.strip_prefix(w))
        .map_or(format, |f| f.trim_start_matches([',', ' ']));
    let d = read(rest, format)?;
    Some(if d.weekday().num_days_from_monday() == named {
        Ok(d)
    } else {
        Err((WEEKDAY_NAMES[named as usize], d))
    })
}

/// A date written after a weekday that is not that date's weekday
/// (`Mon, Jul 14, 2026`): the weekday named, and the date. Such a cell is no date,
/// since one of its parts was misread or mistyped; this says which part disagrees.
pub fn weekday_conflict(text: &str) -> Option<(&'static str, NaiveDate)> {
    let t = trim(text).trim_matches('"');
    let (named, rest) = leading_weekday(t)?;
    match parse_date(rest)? {
        ParsedDate::Full(d) if d.weekday().num_days_from_monday() != named => {
            Some((WEEKDAY_NAMES[named as usize], d))
        }
        _ => None,
    }
}

/// Vietnamese month names after `tháng` (Excel vi-VN's long date, `03 Tháng Tám
/// 2026`), January first; the last two are two words.
const VIETNAMESE_MONTHS: [&str; 12] = [
    "một",
    "hai",
    "ba",
    "tư",
    "năm",
    "sáu",
    "bảy",
    "tám",
    "chín",
    "mười",
    "mười một",
    "mười hai",
];

/// Vietnamese writes a month as `tháng 8` (Google's short form `thg 8`) or `Tháng
/// Tám`: the word, then the month's number or name. The month and how many words
/// it takes.
fn vietnamese_month(words: &[&str]) -> Option<(u32, usize)> {
    let lower = |w: &str| crate::dataset::compose(w).to_lowercase();
    let (word, rest) = words.split_first()?;
    if !matches!(lower(word).as_str(), "thg" | "tháng") {
        return None;
    }
    let number = rest.first()?;
    if let Some(m) = number
        .trim_end_matches('.')
        .parse::<u32>()
        .ok()
        .filter(|m| (1..=12).contains(m))
    {
        return Some((m, 2));
    }
    // The longest name written: `Mười Một` before `Mười`.
    let two = rest
        .get(1)
        .map(|w| format!("{} {}", lower(number), lower(w)));
    let named = |name: &str| VIETNAMESE_MONTHS.iter().position(|m| *m == name);
    two.as_deref()
        .and_then(named)
        .map(|i| (i as u32 + 1, 3))
        .or_else(|| named(&lower(number)).map(|i| (i as u32 + 1, 2)))
}

/// A Vietnamese month's words (`tháng 8`, `Tháng Tám`) made one month word, as an
/// English name would be, and the joining words of `ngày 3 tháng 8 năm 2026` left
/// out (`năm` only once the month is read: `Tháng Năm` is May).
fn merge_vietnamese_month(words: &mut Vec<&str>) {
    if let Some((i, (m, taken))) =
        (0..words.len()).find_map(|i| vietnamese_month(&words[i..]).map(|found| (i, found)))
    {
        words.splice(i..i + taken, [&ENGLISH_MONTHS[m as usize - 1][..3]]);
        words.retain(|w| {
            !matches!(
                crate::dataset::compose(w).to_lowercase().as_str(),
                "ngày" | "năm"
            )
        });
    }
}

/// Month names beyond English, as the analytics UIs and spreadsheets in other
/// languages write them in dates and date ranges (`1 août 2026`, `1 de agosto de
/// 2026`, `1. März 2026`, `1 Agustus 2026`), full and shortened, January first. No
/// word names two months; English names are matched by their first three letters.
const OTHER_MONTHS: [&[&str]; 12] = [
    &[
        "janv", "janvier", "ene", "enero", "janeiro", "januar", "jän", "jänner", "januari", "gen",
        "gennaio",
    ],
    &[
        "févr",
        "fevr",
        "février",
        "fevrier",
        "febrero",
        "fev",
        "fevereiro",
        "februar",
        "februari",
        "febbraio",
    ],
    &[
        "mars", "marzo", "março", "marco", "mär", "märz", "maerz", "maret", "mrt", "maart",
    ],
    &["avr", "avril", "abr", "abril", "aprile"],
    &["mai", "mayo", "maio", "mei", "mag", "maggio"],
    &["juin", "junio", "junho", "juni", "giu", "giugno"],
    &["juil", "juillet", "julio", "julho", "juli", "lug", "luglio"],
    &[
        "août", "aout", "ago", "agosto", "agu", "agt", "agustus", "augustus",
    ],
    &[
        "sept",
        "septembre",
        "septiembre",
        "setiembre",
        "set",
        "setembro",
        "settembre",
    ],
    &[
        "octobre", "octubre", "out", "outubro", "okt", "oktober", "ott", "ottobre",
    ],
    &["novembre", "noviembre", "novembro"],
    &[
        "déc",
        "décembre",
        "decembre",
        "dic",
        "diciembre",
        "dez",
        "dezembro",
        "dezember",
        "des",
        "desember",
        "dicembre",
    ],
];

/// Thai month names, full, January first (TikTok's `1 มีนาคม`).
const THAI_MONTHS: [&str; 12] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];

/// English month names, January first.
pub(crate) const ENGLISH_MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_of(name: &str) -> Option<u32> {
    let lower = crate::dataset::compose(name.trim_end_matches('.')).to_lowercase();
    if let Some(i) = OTHER_MONTHS
        .iter()
        .position(|names| names.contains(&lower.as_str()))
        .or_else(|| THAI_MONTHS.iter().position(|m| *m == lower))
    {
        return Some(i as u32 + 1);
    }
    // An English month, written whole or cut short (`Mar`, `Sept`, `March`): a word
    // that only begins like one (`Marketing`, `Junior`) is none.
    (lower.len() >= 3)
        .then(|| {
            ENGLISH_MONTHS
                .iter()
                .position(|m| m.starts_with(lower.as_str()))
        })
        .flatten()
        .map(|i| i as u32 + 1)
}

/// Parses the date part of a cell: ISO (with time, `T`, zone), `YYYYMMDD`,
/// `a/b/yyyy` or `a-b-yyyy` (order decided later), `Aug 28, 2025`, `28 Aug 2025`,
/// `February 28` (no year).
/// A `YYYY-MM-DD` date (chrono's `%Y-%m-%d`, which also takes `2026-8-1`). The
/// usual ten-digit form is read directly: this runs once per row.
pub fn iso_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10))
    {
        return NaiveDate::from_ymd_opt(y as i32, m, d);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// The years a date may have: from 1900 (Excel's first) to 2399. Later years are
/// what Thai software writes in the Buddhist era, 543 ahead (`15/08/2569` is 15
/// August 2026): read as written they would sit centuries ahead, past every goal
/// window, and vanish from every report; converting them silently would guess at
/// files that merely have a typo. Earlier years (`0`, `-2026`) are typos or damage.
pub const YEARS: std::ops::Range<i32> = 1900..2400;

/// Why a date read from `value` (its cell, quoted in the message) cannot be: its
/// year is out of [`YEARS`]. Every reader of dates asks this.
pub fn year_error(date: NaiveDate, value: &str) -> Option<String> {
    let year = chrono::Datelike::year(&date);
    if YEARS.contains(&year) {
        None
    } else if year >= YEARS.end {
        Some(crate::say!(
            "error.buddhist_year",
            value = format!("{value:?}"),
            year = year,
            gregorian = year - 543
        ))
    } else {
        Some(crate::say!(
            "error.year_out_of_range",
            value = format!("{value:?}"),
            year = year,
            first = YEARS.start,
            last = YEARS.end - 1
        ))
    }
}

pub fn parse_date(text: &str) -> Option<ParsedDate> {
    let t = trim(text);
    let t = if t.starts_with('"') || t.ends_with('"') {
        t.trim_matches('"')
    } else {
        t
    };
    if t.is_empty() {
        return None;
    }
    // What follows the date must be its time or nothing: a range's other end
    // (`2026-08-01 - 2026-08-07`), a weekday in brackets or a stray word, read past,
    // would make the cell its first day.
    let then = |date: Option<ParsedDate>, rest: &str| date.filter(|_| time_or_nothing(rest));
    // ISO first, with its time (`T`, zone) after it.
    if let Some(head) = t.get(..10)
        && head.as_bytes()[4] == b'-'
        && let Some(d) = iso_date(head)
    {
        return then(Some(ParsedDate::Full(d)), &t[10..]);
    }
    // GA4's `20260801`: read from its digits, not through a format string (a tenth
    // of the time of reading a GA4 export went to chrono's format parser).
    if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        let n = |r: std::ops::Range<usize>| {
            t.as_bytes()[r]
                .iter()
                .fold(0, |n, &b| n * 10 + u32::from(b - b'0'))
        };
        return NaiveDate::from_ymd_opt(n(0..4) as i32, n(4..6), n(6..8)).map(ParsedDate::Full);
    }
    // The date ends at a space, a `T`, or the comma before a time (Salesforce's
    // `8/1/2026, 9:12 AM`).
    let head = t
        .bytes()
        .position(|b| matches!(b, b' ' | b'T' | b','))
        .map_or(t, |end| &t[..end]);
    let rest = &t[head.len()..];
    if let Some(date) = numeric_date(head) {
        return then(date, rest);
    }
    let dashed: Vec<&str> = head.split('-').collect();
    // `03-Aug-2026`, `03-Aug-26` (listening tools, Excel's default in some locales).
    if let [d, m, y] = dashed[..]
        && let Some(month) = month_of(m)
        && m.chars().all(|c| c.is_ascii_alphabetic())
        && let (Ok(day), Ok(year)) = (d.parse::<u32>(), y.parse::<i32>())
        && matches!(y.len(), 2 | 4)
    {
        let year = if y.len() == 2 { 2000 + year } else { year };
        return then(
            NaiveDate::from_ymd_opt(year, month, day).map(ParsedDate::Full),
            rest,
        );
    }
    // `28-Feb`: TikTok's year-less `February 28` re-saved by US Excel (`d-mmm`).
    // Not `Feb-28`: that is how Excel shows a month of a year (`Nov-25`).
    if let [d, m] = dashed[..]
        && m.chars().all(|c| c.is_ascii_alphabetic())
        && matches!(d.len(), 1 | 2)
        && d.bytes().all(|c| c.is_ascii_digit())
        && let (Some(month), Ok(day)) = (month_of(m), d.parse::<u32>())
    {
        // 2000 is a leap year, so February 29 is accepted here, as below.
        NaiveDate::from_ymd_opt(2000, month, day)?;
        return then(Some(ParsedDate::YearLess { month, day }), rest);
    }
    // Month names: `Aug 28, 2025`, `August 28 2025`, `28 Aug 2025`, `February 28`,
    // after a weekday (X: `Tue, Jul 14, 2026`; `Thứ Hai, 3 tháng 8, 2026`), or
    // Vietnamese `1 thg 8, 2026`, `03 Tháng Tám 2026`, `ngày 03 tháng 08 năm 2026`.
    // `1 de agosto de 2026`: the joining words are not parts of the date.
    let (weekday, body) = leading_weekday(t).map_or((None, t), |(w, rest)| (Some(w), rest));
    // `Thứ Hai, 03/08/2026`, `Mon, 08/03/2026`: checked against the weekday once
    // the file's day order is known.
    if let Some(w) = weekday {
        let head = body
            .bytes()
            .position(|b| matches!(b, b' ' | b'T' | b','))
            .map_or(body, |end| &body[..end]);
        if let Some(date) = numeric_date(head) {
            return then(date, &body[head.len()..]).and_then(|d| match d {
                ParsedDate::Full(day) => agrees_on(day, w).then_some(d),
                ParsedDate::Numeric {
                    first,
                    second,
                    year,
                    ..
                } => Some(ParsedDate::Numeric {
                    first,
                    second,
                    year,
                    weekday: Some(w),
                }),
                ParsedDate::YearLess { .. } => None,
            });
        }
    }
    let mut words: Vec<&str> = body
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty() && !matches!(*w, "de" | "del" | "of"))
        .collect();
    merge_vietnamese_month(&mut words);
    // A weekday that is not the date's weekday means a part was misread: no date.
    let agrees = |d: NaiveDate| weekday.is_none_or(|w| agrees_on(d, w));
    let num = |w: &str| {
        // `1st`, `2nd`, `3rd`, `4th`; French `1er`, German `1.`.
        w.trim_end_matches(['.', 's', 't', 'n', 'd', 'r', 'h', 'e'])
            .parse::<u32>()
            .ok()
    };
    match words.as_slice() {
        [m, d, y, ..] | [d, m, y, ..]
            if month_of(m).is_some() && num(d).is_some() && y.len() == 4 =>
        {
            let after = offset_in(body, y)? + y.len();
            NaiveDate::from_ymd_opt(y.parse().ok()?, month_of(m)?, num(d)?)
                .filter(|d| agrees(*d) && time_or_nothing(&body[after..]))
                .map(ParsedDate::Full)
        }
        // `March 1`; `1 tháng 3`, `1 de marzo`, `1 Maret`, `1 มีนาคม` (TikTok in
        // other languages).
        [m, d] | [d, m] if month_of(m).is_some() && num(d).is_some() => {
            let (month, day) = (month_of(m)?, num(d)?);
            // 2000 is a leap year, so February 29 is accepted here.
            NaiveDate::from_ymd_opt(2000, month, day)?;
            Some(ParsedDate::YearLess { month, day })
        }
        _ => None,
    }
}

/// Whether a date falls on a weekday (0 = Monday).
fn agrees_on(d: NaiveDate, weekday: u32) -> bool {
    d.weekday().num_days_from_monday() == weekday
}

/// Whether what follows a date leaves it a date: nothing, or a time of day that
/// reads ([`time_after`]). Russian and Bulgarian write `г.` (year) after the year:
/// `01.08.2026 г.`.
fn time_or_nothing(rest: &str) -> bool {
    let rest = rest
        .trim_start()
        .strip_prefix("г.")
        .filter(|r| r.is_empty() || r.starts_with(char::is_whitespace))
        .unwrap_or(rest);
    rest.trim().is_empty()
        || time_after(rest).is_some_and(|time| matches!(read_clock(time), Some(Ok(_))))
}

/// A month as a `Month` segment writes it (Google Ads): `December 2026`, `Dec 2026`,
/// `décembre 2026`, `diciembre de 2026`, `tháng 12 2026`, `2026-12`, `12/2026`, or
/// a date in it (its first day, `2026-12-01`). Returns the year and month.
pub fn parse_month(text: &str) -> Option<(i32, u32)> {
    let t = trim(text).trim_matches('"').trim();
    if let Some(ParsedDate::Full(d)) = parse_date(t) {
        return Some((d.year(), d.month()));
    }
    // Meta's `Month` breakdown writes the month as its days, `2026-07-01 -
    // 2026-07-31`: a month only when both ends are in it.
    if let Some((a, b)) = super::tabular::split_range(t)
        && let (Some(ParsedDate::Full(a)), Some(ParsedDate::Full(b))) =
            (parse_date(a.trim()), parse_date(b.trim()))
        && (a.year(), a.month()) == (b.year(), b.month())
        && a <= b
    {
        return Some((a.year(), a.month()));
    }
    let year = four_digit_year;
    let month = |m: &str| {
        (matches!(m.len(), 1 | 2) && m.bytes().all(|b| b.is_ascii_digit()))
            .then(|| m.parse::<u32>().ok())
            .flatten()
            .filter(|m| (1..=12).contains(m))
    };
    // GA4's `Year month`: `202612`.
    if t.len() == 6
        && let (Some(y), Some(m)) = (year(&t[..4]), t.get(4..).and_then(month))
    {
        return Some((y, m));
    }
    // Numbers: `2026-12`, `2026/12`, `12/2026`, `12.2026`.
    if let Some(sep) = t.chars().find(|c| matches!(c, '-' | '/' | '.'))
        && let [a, b] = t.split(sep).collect::<Vec<_>>()[..]
    {
        return match (year(a), month(b), month(a), year(b)) {
            (Some(y), Some(m), ..) | (_, _, Some(m), Some(y)) => Some((y, m)),
            _ => None,
        };
    }
    let mut words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty() && !matches!(*w, "de" | "del" | "of"))
        .collect();
    merge_vietnamese_month(&mut words);
    match words.as_slice() {
        [m, y] | [y, m] if month_of(m).is_some() && year(y).is_some() => {
            Some((year(y)?, month_of(m)?))
        }
        _ => None,
    }
}

/// A month's number as GA4's `Month` writes it (`01`–`12`), or its name.
pub fn parse_month_number(text: &str) -> Option<u32> {
    let t = trim(text).trim_matches('"').trim();
    if (1..=2).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse::<u32>().ok().filter(|m| (1..=12).contains(m));
    }
    month_of(t)
}

fn four_digit_year(y: &str) -> Option<i32> {
    (y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
        .then(|| y.parse::<i32>().ok())
        .flatten()
}

/// A quarter as a `Quarter` segment writes it: its first day (`2026-07-01`, as
/// Google Ads downloads do), `Q3 2026` or `2026 Q3`. Returns its first day; a date
/// that starts no quarter is not one.
pub fn parse_quarter(text: &str) -> Option<NaiveDate> {
    let t = trim(text).trim_matches('"').trim();
    if let Some(ParsedDate::Full(d)) = parse_date(t) {
        return (d.day() == 1 && d.month() % 3 == 1).then_some(d);
    }
    let quarter = |w: &str| {
        w.strip_prefix(['Q', 'q'])
            .and_then(|n| n.parse::<u32>().ok())
            .filter(|n| (1..=4).contains(n))
    };
    let words: Vec<&str> = t.split_whitespace().collect();
    let [first, second] = words[..] else {
        return None;
    };
    let (year, number) = match (quarter(first), four_digit_year(second)) {
        (Some(number), Some(year)) => (year, number),
        _ => (four_digit_year(first)?, quarter(second)?),
    };
    NaiveDate::from_ymd_opt(year, number * 3 - 2, 1)
}

/// A year as a `Year` segment writes it, `2026`: its first day.
pub fn parse_year(text: &str) -> Option<NaiveDate> {
    four_digit_year(trim(text).trim_matches('"').trim())
        .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
}

/// Whether a cell that [`parse_date`] refuses is written as a date whose day or
/// month is not in the calendar (`2026-02-30`, `Feb 30, 2026`, `30.02.2026`,
/// `February 30`): it reads once one of its short numbers is 1. Asked only of cells
/// already refused, to say which of the two they are.
pub fn calendar_miss(text: &str) -> bool {
    let t = trim(text);
    let mut start = None;
    for (i, c) in t.char_indices().chain(std::iter::once((t.len(), ' '))) {
        match (c.is_ascii_digit(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                start = None;
                if i - s <= 2 && parse_date(&format!("{}1{}", &t[..s], &t[i..])).is_some() {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// `01/08/2026`, `1-8-26`, `2026.08.01`: three runs of digits split by one kind of
/// separator. `None` when the text is not of that shape; `Some(None)` when it is but
/// is no date.
#[allow(clippy::option_option)] // the outer answer says whether the shape matched
fn numeric_date(head: &str) -> Option<Option<ParsedDate>> {
    let sep = head.bytes().find(|b| !b.is_ascii_digit())?;
    if !matches!(sep, b'/' | b'-' | b'.') {
        return None;
    }
    // Most dates have three short numbers: read in one look at the bytes.
    let mut parts = [(0u32, 0usize); 3];
    let mut k = 0;
    for &b in head.as_bytes() {
        if b == sep {
            k += 1;
            if k == 3 {
                return None;
            }
        } else if b.is_ascii_digit() && parts[k].1 < 9 {
            parts[k] = (parts[k].0 * 10 + u32::from(b - b'0'), parts[k].1 + 1);
        } else {
            return numeric_date_split(head, sep);
        }
    }
    let [(first, a), (second, b), (third, c)] = parts;
    if k != 2 || a == 0 || b == 0 || c == 0 {
        return None;
    }
    if a == 4 {
        return Some(NaiveDate::from_ymd_opt(first as i32, second, third).map(ParsedDate::Full));
    }
    let year = if c == 2 { 2000 + third } else { third };
    if sep == b'.' {
        return Some(dotted(first, second, year as i32));
    }
    Some(Some(ParsedDate::Numeric {
        first,
        second,
        year: year as i32,
        weekday: None,
    }))
}

/// [`numeric_date`] of what it does not read in one look (long numbers, other bytes).
#[allow(clippy::option_option)] // as numeric_date
fn numeric_date_split(head: &str, sep: u8) -> Option<Option<ParsedDate>> {
    let mut parts = head.split(char::from(sep));
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|d| d.is_ascii_digit());
    if parts.next().is_some() || !(digits(a) && digits(b) && digits(c)) {
        return None;
    }
    let (Ok(first), Ok(second), Ok(third)) = (a.parse::<i64>(), b.parse::<i64>(), c.parse::<i64>())
    else {
        return Some(None);
    };
    if a.len() == 4 {
        return Some(
            NaiveDate::from_ymd_opt(first as i32, second as u32, third as u32)
                .map(ParsedDate::Full),
        );
    }
    let year = if c.len() == 2 { 2000 + third } else { third };
    if sep == b'.' {
        return Some(
            u32::try_from(first)
                .ok()
                .zip(u32::try_from(second).ok())
                .and_then(|(day, month)| dotted(day, month, i32::try_from(year).ok()?)),
        );
    }
    Some(Some(ParsedDate::Numeric {
        first: first as u32,
        second: second as u32,
        year: year as i32,
        weekday: None,
    }))
}

/// `01.08.2026`: the locales that write dates with dots (German, Russian, Polish…)
/// all put the day first, and none writes month.day.year, so a dotted date needs no
/// vote on its order.
fn dotted(day: u32, month: u32, year: i32) -> Option<ParsedDate> {
    NaiveDate::from_ymd_opt(year, month, day).map(ParsedDate::Full)
}

/// Dates in one file that are day-first on some rows and month-first on others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MixedDayOrder;

/// Day or month first, from a column's values: a first part above 12 means
/// day-first, a second part above 12 month-first. Values are added one at a time, so
/// a file's dates need not be held.
#[derive(Debug, Clone, Copy, Default)]
pub struct DayOrderVotes {
    day_first: bool,
    month_first: bool,
    /// While no value has told: the first and last date read day-first and read
    /// month-first ([`DayOrderVotes::compact`]).
    spread: [Option<Span>; 2],
}

impl DayOrderVotes {
    pub fn add(&mut self, value: &ParsedDate) {
        if let ParsedDate::Numeric {
            first,
            second,
            year,
            ..
        } = *value
        {
            let told = value.weekday_tells();
            self.day_first |= first > 12 || told == Some(DayOrder::DayFirst);
            self.month_first |= second > 12 || told == Some(DayOrder::MonthFirst);
            if !self.day_first && !self.month_first {
                let readings = [(second, first), (first, second)];
                for (spread, (month, day)) in self.spread.iter_mut().zip(readings) {
                    if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
                        widen(spread, (date, date));
                    }
                }
            }
        }
    }

    /// Takes in the votes of another part of the same values.
    pub fn absorb(&mut self, other: DayOrderVotes) {
        self.day_first |= other.day_first;
        self.month_first |= other.month_first;
        for (spread, theirs) in self.spread.iter_mut().zip(other.spread) {
            if let Some(theirs) = theirs {
                widen(spread, theirs);
            }
        }
    }

    /// When no value tells the order: the one under which the dates lie much closer
    /// together (at most half the span of the other), with the dates' span read
    /// that way and the other. A daily export's `01/09/2026`…`07/09/2026` are a
    /// week of September, not the 9th of seven months.
    pub fn compact(&self) -> Option<(DayOrder, Span, Span)> {
        let [Some(day), Some(month)] = self.spread else {
            return None;
        };
        let span = |(a, b): (NaiveDate, NaiveDate)| (b - a).num_days();
        if span(day) * 2 < span(month) {
            Some((DayOrder::DayFirst, day, month))
        } else if span(month) * 2 < span(day) {
            Some((DayOrder::MonthFirst, month, day))
        } else {
            None
        }
    }

    /// When no value tells the order: the one order that keeps every date within
    /// the range the export states (a Google Ads range line, a GA4 preamble): read
    /// the other way, its rows would be days the report does not cover.
    pub fn within(&self, (start, end): Span) -> Option<DayOrder> {
        let inside = |s: Option<Span>| s.is_some_and(|(a, b)| start <= a && b <= end);
        match (inside(self.spread[0]), inside(self.spread[1])) {
            (true, false) => Some(DayOrder::DayFirst),
            (false, true) => Some(DayOrder::MonthFirst),
            _ => None,
        }
    }

    /// `Err` when the file says both.
    pub fn decide(self) -> Result<Option<DayOrder>, MixedDayOrder> {
        match (self.day_first, self.month_first) {
            (true, true) => Err(MixedDayOrder),
            (true, false) => Ok(Some(DayOrder::DayFirst)),
            (false, true) => Ok(Some(DayOrder::MonthFirst)),
            (false, false) => Ok(None),
        }
    }
}

/// A first and a last date.
pub type Span = (NaiveDate, NaiveDate);

fn widen(spread: &mut Option<Span>, (from, to): (NaiveDate, NaiveDate)) {
    *spread = Some(spread.map_or((from, to), |(a, b)| (a.min(from), b.max(to))));
}

/// Decides day or month first from a column's values (see [`DayOrderVotes`]).
pub fn day_order<'a>(
    values: impl Iterator<Item = &'a ParsedDate>,
) -> Result<Option<DayOrder>, MixedDayOrder> {
    let mut votes = DayOrderVotes::default();
    for v in values {
        votes.add(v);
    }
    votes.decide()
}

impl ParsedDate {
    /// The calendar date, given the file's day order and the year of year-less dates.
    pub fn resolve(self, order: Option<DayOrder>, year: Option<i32>) -> Option<NaiveDate> {
        match self {
            ParsedDate::Full(d) => Some(d),
            ParsedDate::YearLess { month, day } => NaiveDate::from_ymd_opt(year?, month, day),
            ParsedDate::Numeric { weekday, .. } => self
                .read(order?)
                .filter(|d| weekday.is_none_or(|w| d.weekday().num_days_from_monday() == w)),
        }
    }

    /// A numeric date read in `order`, whatever weekday is written before it.
    fn read(self, order: DayOrder) -> Option<NaiveDate> {
        let ParsedDate::Numeric {
            first,
            second,
            year,
            ..
        } = self
        else {
            return None;
        };
        match order {
            DayOrder::MonthFirst => NaiveDate::from_ymd_opt(year, first, second),
            DayOrder::DayFirst => NaiveDate::from_ymd_opt(year, second, first),
        }
    }

    /// The one day order in which a numeric date falls on the weekday written
    /// before it (`Mon, 08/03/2026` is 3 August, a Monday, not 8 March, a Sunday):
    /// read the other way, the cell would be no date.
    pub fn weekday_tells(self) -> Option<DayOrder> {
        let ParsedDate::Numeric {
            weekday: Some(w), ..
        } = self
        else {
            return None;
        };
        let falls = |o| {
            self.read(o)
                .is_some_and(|d| d.weekday().num_days_from_monday() == w)
        };
        match (falls(DayOrder::DayFirst), falls(DayOrder::MonthFirst)) {
            (true, false) => Some(DayOrder::DayFirst),
            (false, true) => Some(DayOrder::MonthFirst),
            _ => None,
        }
    }

    /// A numeric date after a weekday that it falls on in neither order
    /// (`Thứ Ba, 03/08/2026`: 3 August is a Monday, 8 March a Sunday): its two
    /// readings, day-first then month-first, where they are dates.
    pub fn weekday_in_neither(self) -> Option<[Option<NaiveDate>; 2]> {
        let ParsedDate::Numeric {
            weekday: Some(w), ..
        } = self
        else {
            return None;
        };
        let readings = [DayOrder::DayFirst, DayOrder::MonthFirst].map(|o| self.read(o));
        readings
            .iter()
            .flatten()
            .all(|d| d.weekday().num_days_from_monday() != w)
            .then_some(readings)
    }

    /// A numeric date that is a date in `order` but not on the weekday written
    /// before it: the weekday named, and the date.
    pub fn weekday_miss(self, order: Option<DayOrder>) -> Option<(&'static str, NaiveDate)> {
        let ParsedDate::Numeric {
            weekday: Some(w), ..
        } = self
        else {
            return None;
        };
        self.read(order?)
            .filter(|d| d.weekday().num_days_from_monday() != w)
            .map(|d| (WEEKDAY_NAMES[w as usize], d))
    }
}

/// The time of day after a date, as `HH:MM` with the UTC offset when the text has
/// one (`+07:00`, `+0000`, `Z`, `UTC`): `08/03/2026 09:15` → `09:15`,
/// `2015-09-01 07:29 +0000` → `07:29+00:00`, `3:05 PM` → `15:05`. `None` when the
/// text has no time.
pub fn time_of_day(text: &str) -> Option<String> {
    clock(text)?.ok()
}

/// A length written as a clock (`1:02:03`, `4:05`): its seconds.
pub fn clock_seconds(text: &str) -> Option<u64> {
    let parts: Vec<&str> = trim(text).split(':').collect();
    if !(2..=3).contains(&parts.len())
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
        || parts[1..].iter().any(|p| p.len() != 2)
    {
        return None;
    }
    let numbers: Vec<u64> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    // Minutes and seconds after the first part are each below 60.
    if numbers[1..].iter().any(|&n| n >= 60) {
        return None;
    }
    Some(numbers.iter().fold(0, |total, &n| total * 60 + n))
}

/// Why the time after a date is refused rather than read as its day.
#[derive(Debug, PartialEq, Eq)]
pub enum BadTime {
    /// An hour past 23, a minute or second past 59, a UTC offset past ±14:00 or
    /// with minutes past 59 (`2026-08-13T25:00:00`, `13/08/2026 25:70`,
    /// `…T09:00+25:00`): a part was mistyped or misread.
    Impossible,
    /// Words after the time that are neither a half of the day nor a zone
    /// (`11:55 XY`): dropped, they could turn the hour by twelve (an unknown
    /// language's PM), as the Vietnamese `CH` once did.
    Suffix(String),
}

impl BadTime {
    /// The error for the date-time `text` it was found in.
    pub fn message(&self, text: &str) -> String {
        let value = format!("{:?}", trim(text));
        match self {
            BadTime::Impossible => crate::say!("error.time", value = value),
            BadTime::Suffix(suffix) => {
                crate::say!("error.time_suffix", value = value, suffix = suffix)
            }
        }
    }
}

/// Whether the time after a date cannot be read ([`BadTime`]). `None` when the text
/// has no time or a time that reads.
pub fn bad_time(text: &str) -> Option<BadTime> {
    // Most dates have no time: one look for its `:` before any parsing (every row's
    // date cell is checked).
    if !text.as_bytes().contains(&b':') {
        return None;
    }
    clock(text)?.err()
}

/// A half of the day at the start of what follows a time: `AM` / `PM`, as the
/// Vietnamese UI writes them `SA` (sáng) / `CH` (chiều), in any case, dotted or
/// not (`a.m.`). Whether it is the afternoon, and what follows it.
pub fn meridiem(tail: &str) -> Option<(bool, &str)> {
    let end = tail
        .find(|c: char| !(c.is_ascii_alphabetic() || c == '.'))
        .unwrap_or(tail.len());
    let word: String = tail[..end].chars().filter(|&c| c != '.').collect();
    let pm = match word.to_ascii_uppercase().as_str() {
        "AM" | "SA" => false,
        "PM" | "CH" => true,
        _ => return None,
    };
    Some((pm, tail[end..].trim()))
}

/// Whether `rest`, what follows a date, is a time of day and nothing else: a space
/// or `T`, then `09:15`, `09:15:00`, `09:15:00.123`, `9:15 AM`, `9:15 CH`, with a
/// UTC offset or zone after it (`+07:00`, `+0700`, `Z`, `UTC`, `GMT+7`). An impossible time (`25:70`) is
/// none.
pub fn is_time_of_day(rest: &str) -> bool {
    let Some(time) = rest
        .strip_prefix('T')
        .or_else(|| rest.strip_prefix(char::is_whitespace))
    else {
        return false;
    };
    let time = time.trim();
    let end = time
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(time.len());
    let (clock, tail) = time.split_at(end);
    let Some(t) = ["%H:%M", "%H:%M:%S", "%H:%M:%S%.f"]
        .iter()
        .find_map(|f| chrono::NaiveTime::parse_from_str(clock, f).ok())
    else {
        return false;
    };
    let zone = match meridiem(tail.trim()) {
        // A 12-hour clock runs from 1 to 12.
        Some(_) if !(1..=12).contains(&chrono::Timelike::hour(&t)) => return false,
        Some((_, zone)) => zone,
        None => tail.trim(),
    };
    matches!(offset(zone), Some(Ok(_)))
}

/// A zone after a time: `Z`, `UTC`, `GMT` (+00:00), an offset (`+07:00`, `+0700`,
/// `-03`), or one after `UTC` / `GMT` (`GMT+7`), as `+07:00`. `None` when it is no
/// zone, `Err` when its offset cannot be (past ±14:00, minutes past 59).
fn offset(zone: &str) -> Option<Result<String, ()>> {
    let upper = zone.to_ascii_uppercase();
    let zone = upper
        .strip_prefix("UTC")
        .or_else(|| upper.strip_prefix("GMT"))
        .unwrap_or(&upper);
    if zone.is_empty() || zone == "Z" {
        return Some(Ok("+00:00".to_owned()));
    }
    let sign = zone.chars().next().filter(|c| matches!(c, '+' | '-'))?;
    let rest = &zone[1..];
    let (hours, minutes) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None if rest.len() == 4 => rest.split_at(2),
        None => (rest, "00"),
    };
    let digits = |d: &str| !d.is_empty() && d.len() <= 2 && d.bytes().all(|b| b.is_ascii_digit());
    if !digits(hours) || minutes.len() != 2 || !digits(minutes) {
        return None;
    }
    let (h, m): (u32, u32) = (hours.parse().ok()?, minutes.parse().ok()?);
    // UTC offsets run from -12:00 to +14:00.
    if h > 14 || m > 59 || (h == 14 && m > 0) {
        return Some(Err(()));
    }
    Some(Ok(format!("{sign}{h:02}:{minutes}")))
}

/// The time of day after a date ([`time_of_day`]): `None` when the text has none,
/// `Err` when it has one that cannot be read ([`bad_time`]).
fn clock(text: &str) -> Option<Result<String, BadTime>> {
    let t = text.trim().trim_matches('"');
    // The time starts after the date's last digit.
    let time = t
        .char_indices()
        .filter(|&(i, _)| t[..i].ends_with(|p: char| p.is_ascii_digit()))
        .find_map(|(i, _)| time_after(&t[i..]))?;
    read_clock(time)
}

/// The time of day that follows a date, as it is written after one: after a `T`
/// or a space (`2026-08-01T09:15`, `01/08/2026 09:15`), or a comma and a space
/// (Salesforce's and LinkedIn's `8/1/2026, 9:12 AM`, `Aug 1, 2026, 9:12 AM`), or
/// `at` (`August 1, 2026 at 9:12 AM`). `None` unless an hour and a `:` start it.
fn time_after(rest: &str) -> Option<&str> {
    let time = match rest.strip_prefix(',') {
        Some(rest) => rest.strip_prefix(char::is_whitespace)?.trim_start(),
        None => match rest.strip_prefix('T') {
            Some(time) => time,
            None => {
                let time = rest.strip_prefix(char::is_whitespace)?.trim_start();
                time.strip_prefix("at ").map_or(time, str::trim_start)
            }
        },
    };
    let hour = time.bytes().take_while(u8::is_ascii_digit).count();
    ((1..=2).contains(&hour) && time.as_bytes().get(hour) == Some(&b':')
        || french_clock(time).is_some())
    .then_some(time)
}

/// A French time (`09h12`, `9h05`) as `09:12`, with what follows it.
fn french_clock(time: &str) -> Option<String> {
    let (hour, rest) = time.split_once('h')?;
    let minute = rest.get(..2)?;
    let tail = &rest[2..];
    let digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
    ((1..=2).contains(&hour.len())
        && digits(hour)
        && digits(minute)
        && !tail.starts_with(|c: char| c.is_ascii_digit() || c == ':'))
    .then(|| format!("{hour}:{minute}{tail}"))
}

/// A time of day ([`clock`]) from its first digit to the end of the text.
fn read_clock(rest: &str) -> Option<Result<String, BadTime>> {
    let french = french_clock(rest);
    let rest = french.as_deref().unwrap_or(rest);
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(rest.len());
    let clock = &rest[..end];
    let mut parts = clock.split(':');
    let mut hour: u32 = parts.next()?.parse().ok()?;
    let minute: u32 = parts.next()?.get(..2)?.parse().ok()?;
    // Seconds, with any fraction after them (`00.000`).
    let second = match parts.next() {
        Some(s) => {
            let whole = s.split('.').next().unwrap_or("");
            if whole.is_empty() {
                0
            } else {
                whole.parse::<u32>().ok()?
            }
        }
        None => 0,
    };
    if hour > 23 || minute > 59 || second > 59 {
        return Some(Err(BadTime::Impossible));
    }
    let tail = rest[end..].trim();
    let zone = match meridiem(tail) {
        // A 12-hour clock has no hour 13 (`13:00 PM`); `00:30 AM` is read as written.
        Some(_) if hour > 12 => return Some(Err(BadTime::Impossible)),
        Some((pm, zone)) => {
            // 12 AM is 0, 12 PM is 12.
            if pm && hour < 12 {
                hour += 12;
            } else if !pm && hour == 12 {
                hour = 0;
            }
            zone
        }
        None => tail,
    };
    let offset = if zone.is_empty() {
        None
    } else {
        match offset(zone) {
            Some(Ok(offset)) => Some(offset),
            Some(Err(())) => return Some(Err(BadTime::Impossible)),
            // A zone's abbreviation (`PDT`, `ICT`, `CEST`) names no offset roi knows
            // for sure; the time is read as written, as the zone-less times beside it.
            None if (3..=5).contains(&zone.len())
                && zone.bytes().all(|b| b.is_ascii_uppercase()) =>
            {
                None
            }
            None => return Some(Err(BadTime::Suffix(zone.to_owned()))),
        }
    };
    Some(Ok(format!(
        "{hour:02}:{minute:02}{}",
        offset.unwrap_or_default()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(text: &str) -> Option<f64> {
        parse_number(text, DecimalMark::Auto)
            .unwrap()
            .map(Amount::to_f64)
    }

    #[test]
    fn day_month_name_year() {
        let d = |y, m, d| Some(ParsedDate::Full(NaiveDate::from_ymd_opt(y, m, d).unwrap()));
        assert_eq!(parse_date("03-Aug-2026 09:15AM"), d(2026, 8, 3));
        assert_eq!(parse_date("22-Jan-22"), d(2022, 1, 22));
        assert_eq!(parse_date("31-Feb-2026"), None);
    }

    #[test]
    fn weekdays_vietnamese_months_and_dots() {
        let d = |y, m, d| Some(ParsedDate::Full(NaiveDate::from_ymd_opt(y, m, d).unwrap()));
        // 14 July 2026 is a Tuesday, 1 August 2026 a Saturday, 26 April 2024 a Friday.
        assert_eq!(parse_date("Tue, Jul 14, 2026"), d(2026, 7, 14));
        assert_eq!(parse_date("\"Sat, Aug 01, 2026\""), d(2026, 8, 1));
        assert_eq!(parse_date("Friday, April 26, 2024"), d(2024, 4, 26));
        assert_eq!(weekday_conflict("Tue, Jul 14, 2026"), None);
        // A weekday the date does not fall on: something was misread.
        assert_eq!(parse_date("Mon, Jul 14, 2026"), None);
        assert_eq!(
            weekday_conflict("Mon, Jul 14, 2026"),
            Some(("Monday", NaiveDate::from_ymd_opt(2026, 7, 14).unwrap()))
        );
        assert_eq!(parse_date("1 thg 8, 2026"), d(2026, 8, 1));
        assert_eq!(parse_date("31 tháng 8, 2026"), d(2026, 8, 31));
        // Decomposed (NFD): `a` and a combining acute.
        assert_eq!(parse_date("31 tha\u{301}ng 8, 2026"), d(2026, 8, 31));
        assert_eq!(parse_date("thg 12 5, 2026"), d(2026, 12, 5));
        assert_eq!(parse_date("1 thg 13, 2026"), None);
        let year_less = |month, day| Some(ParsedDate::YearLess { month, day });
        assert_eq!(parse_date("1 tháng 3"), year_less(3, 1));
        assert_eq!(parse_date("1 de marzo"), year_less(3, 1));
        assert_eq!(parse_date("1 Maret"), year_less(3, 1));
        assert_eq!(parse_date("1 มีนาคม"), year_less(3, 1));
        assert_eq!(parse_date("31. Dezember"), year_less(12, 31));
        assert_eq!(parse_date("30 de febrero"), None);
        assert_eq!(parse_date("1 tháng 13"), None);
        // A word that only begins like a month is none.
        assert_eq!(parse_date("5 Marketing"), None);
        assert_eq!(parse_date("2 Junior"), None);
        assert_eq!(parse_date("Sept 3"), year_less(9, 3));
        // Month names in other languages, as their UIs and spreadsheets write them.
        for text in [
            "1 août 2026",
            "1er août 2026",
            "1 de agosto de 2026",
            "1. August 2026",
            "1 Agustus 2026",
            "1 ago 2026",
            "1 agosto 2026",
        ] {
            assert_eq!(parse_date(text), d(2026, 8, 1), "{text}");
        }
        assert_eq!(parse_date("15 déc. 2025"), d(2025, 12, 15));
        assert_eq!(parse_date("3 März 2026"), d(2026, 3, 3));
        assert_eq!(parse_date("3 mai 2026"), d(2026, 5, 3));
        assert_eq!(parse_date("3 out 2026"), d(2026, 10, 3));
        // Dotted dates are day-first whatever their values.
        assert_eq!(parse_date("01.08.2026"), d(2026, 8, 1));
        assert_eq!(parse_date("1.8.26"), d(2026, 8, 1));
        assert_eq!(parse_date("08.31.2026"), None);
    }

    #[test]
    fn vietnamese_long_dates() {
        let d = |y, m, d| Some(ParsedDate::Full(NaiveDate::from_ymd_opt(y, m, d).unwrap()));
        // 3 August 2026 is a Monday, 9 August a Sunday.
        for text in [
            "Thứ Hai, 3 tháng 8, 2026",
            "THỨ HAI, 3 THÁNG 8, 2026",
            // Decomposed (NFD): `u`, a horn and an acute; `a` and an acute.
            "Thu\u{31b}\u{301} Hai, 3 tha\u{301}ng 8, 2026",
            "03 Tháng Tám 2026",
            "03 tháng tám 2026",
            "ngày 03 tháng 08 năm 2026",
            "Ngày 3 tháng Tám năm 2026",
        ] {
            assert_eq!(parse_date(text), d(2026, 8, 3), "{text}");
        }
        assert_eq!(parse_date("Chủ Nhật, 9 tháng 8, 2026"), d(2026, 8, 9));
        assert_eq!(parse_date("Chủ nhật, 9 tháng 8, 2026"), d(2026, 8, 9));
        // `Mười Một` is one month, not October and a word.
        assert_eq!(parse_date("02 Tháng Mười 2026"), d(2026, 10, 2));
        assert_eq!(parse_date("02 Tháng Mười Một 2026"), d(2026, 11, 2));
        assert_eq!(parse_date("02 Tháng Mười Hai 2026"), d(2026, 12, 2));
        // `Năm` is May after `tháng`, and the year's word after the month.
        assert_eq!(parse_date("01 Tháng Năm 2026"), d(2026, 5, 1));
        assert_eq!(parse_date("ngày 1 tháng Năm năm 2026"), d(2026, 5, 1));
        assert_eq!(parse_date("03 Tháng Mười Ba 2026"), None);
        assert_eq!(parse_date("Thứ Hai, 4 tháng 8, 2026"), None);
        assert_eq!(
            weekday_conflict("Thứ Hai, 4 tháng 8, 2026"),
            Some(("Monday", NaiveDate::from_ymd_opt(2026, 8, 4).unwrap()))
        );
        assert_eq!(weekday_conflict("Thứ Ba, 4 tháng 8, 2026"), None);
        assert_eq!(parse_month("Tháng Tám 2026"), Some((2026, 8)));
        assert_eq!(parse_month("tháng 12 năm 2026"), Some((2026, 12)));
    }

    #[test]
    fn weekdays_before_numeric_dates_french_times_and_year_words() {
        let full = |y, m, d| Some(ParsedDate::Full(NaiveDate::from_ymd_opt(y, m, d).unwrap()));
        // 3 August 2026 is a Monday, 8 March 2026 a Sunday: the weekday tells the
        // order, and is checked in the one the file has.
        for text in [
            "Thứ Hai, 03/08/2026",
            "Mon, 08/03/2026",
            "Monday, 08/03/2026 09:15",
        ] {
            let d = parse_date(text).unwrap();
            let (day_first, month_first) = if text.starts_with('M') {
                (None, full(2026, 8, 3))
            } else {
                (full(2026, 8, 3), None)
            };
            let told = if text.starts_with('M') {
                DayOrder::MonthFirst
            } else {
                DayOrder::DayFirst
            };
            assert_eq!(d.weekday_tells(), Some(told), "{text}");
            for (order, want) in [
                (DayOrder::DayFirst, day_first),
                (DayOrder::MonthFirst, month_first),
            ] {
                assert_eq!(
                    d.resolve(Some(order), None).map(ParsedDate::Full),
                    want,
                    "{text}"
                );
            }
        }
        let sunday = parse_date("Mon, 08/03/2026").unwrap();
        assert_eq!(
            sunday.weekday_miss(Some(DayOrder::DayFirst)),
            Some(("Monday", NaiveDate::from_ymd_opt(2026, 3, 8).unwrap()))
        );
        assert_eq!(sunday.weekday_miss(Some(DayOrder::MonthFirst)), None);
        // A date with its year first or dotted needs no order: checked at once.
        assert_eq!(parse_date("Thứ Hai, 2026-08-03"), full(2026, 8, 3));
        assert_eq!(parse_date("Thứ Ba, 03.08.2026"), None);
        assert_eq!(
            weekday_conflict("Thứ Ba, 03.08.2026"),
            Some(("Tuesday", NaiveDate::from_ymd_opt(2026, 8, 3).unwrap()))
        );
        // French times; the Russian and Bulgarian `г.` after the year.
        assert_eq!(parse_date("2026-08-01 09h12"), full(2026, 8, 1));
        assert_eq!(
            parse_date("01/08/2026 9h05").map(|d| d.resolve(Some(DayOrder::DayFirst), None)),
            Some(NaiveDate::from_ymd_opt(2026, 8, 1))
        );
        assert_eq!(time_of_day("2026-08-01 09h12").as_deref(), Some("09:12"));
        assert_eq!(bad_time("2026-08-01 25h12"), None);
        assert_eq!(parse_date("2026-08-01 25h12"), None);
        assert_eq!(parse_date("01.08.2026 г."), full(2026, 8, 1));
        assert_eq!(parse_date("01.08.2026 г. 09:15"), full(2026, 8, 1));
        for text in [
            "2026-08-01 09h",
            "2026-08-01 09h123",
            "2026-08-01 h12",
            "01.08.2026 г.x",
            "01.08.2026 год",
            "Mon 08/03/2026 foo",
            "Thứ Hai, 03/08/2026 - 09/08/2026",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }

    #[test]
    fn words_after_a_date_make_it_no_date() {
        // A range's other end, a weekday in brackets, a stray word: read past, the
        // cell would be its first day.
        for text in [
            "2026-08-01 - 2026-08-07",
            "01/08/2026 - 07/08/2026",
            "2026-08-01 (Thứ Hai)",
            "8 thg 8, 2026 rác",
            "Aug 1, 2026 - Aug 7, 2026",
            "03-Aug-2026 note",
            "28-Feb extra",
            "2026-08-01x",
            "2026-08-01 10:00 foo",
            "2026-08-01 25:00",
            "8/1/2026,9:12 AM",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
        let d = |y, m, d| Some(ParsedDate::Full(NaiveDate::from_ymd_opt(y, m, d).unwrap()));
        for text in [
            "2026-08-01T09:15:00.000Z",
            "2026-08-01 09:15:00 UTC",
            "2026-08-01 09:15 GMT+7",
            "2026-08-01 09:15 PDT",
            "Aug 1, 2026, 9:12 AM",
            "Aug 1, 2026 9:12 AM",
            "August 1, 2026 at 9:12 AM",
            "1 thg 8, 2026 09:15",
        ] {
            assert_eq!(parse_date(text), d(2026, 8, 1), "{text}");
        }
        // Salesforce Lightning's en_US date and time, with a two-digit year too.
        let august_first = Some(ParsedDate::Numeric {
            first: 8,
            second: 1,
            year: 2026,
            weekday: None,
        });
        assert_eq!(parse_date("8/1/2026, 9:12 AM"), august_first);
        assert_eq!(parse_date("8/1/26, 9:12 AM"), august_first);
        assert_eq!(time_of_day("8/1/2026, 9:12 PM").as_deref(), Some("21:12"));
        assert_eq!(
            time_of_day("Aug 1, 2026, 9:12 AM").as_deref(),
            Some("09:12")
        );
        // A month written as its days is that month when both ends are in it.
        assert_eq!(parse_month("2026-07-01 - 2026-07-31"), Some((2026, 7)));
        assert_eq!(parse_month("2026-07-01 - 2026-08-31"), None);
    }

    #[test]
    fn lengths_written_as_a_clock() {
        assert_eq!(clock_seconds("1:02:03"), Some(3723));
        assert_eq!(clock_seconds("4:05"), Some(245));
        assert_eq!(clock_seconds(" 0:45 "), Some(45));
        for text in ["1:60", "1:2", "1.245", "abc", ":30", "1:02:03:04", ""] {
            assert_eq!(clock_seconds(text), None, "{text}");
        }
    }

    #[test]
    fn months_of_a_month_segment() {
        for (text, want) in [
            ("December 2026", Some((2026, 12))),
            ("Dec 2026", Some((2026, 12))),
            ("décembre 2026", Some((2026, 12))),
            ("diciembre de 2026", Some((2026, 12))),
            ("Dezember 2026", Some((2026, 12))),
            ("tháng 12 2026", Some((2026, 12))),
            ("Tháng 12, 2026", Some((2026, 12))),
            ("2026-12", Some((2026, 12))),
            ("12/2026", Some((2026, 12))),
            ("2026-12-01", Some((2026, 12))),
            ("202612", Some((2026, 12))),
            ("202613", None),
            ("2026-13", None),
            ("Smarch 2026", None),
            ("December", None),
            ("", None),
        ] {
            assert_eq!(parse_month(text), want, "{text}");
        }
    }

    #[test]
    fn quarters_and_years() {
        let d = |m| NaiveDate::from_ymd_opt(2026, m, 1);
        for (text, want) in [
            ("2026-07-01", d(7)),
            ("Q3 2026", d(7)),
            ("2026 Q4", d(10)),
            ("q1 2026", d(1)),
            ("2026-08-01", None),
            ("Q5 2026", None),
            ("Q3", None),
            ("", None),
        ] {
            assert_eq!(parse_quarter(text), want, "{text}");
        }
        assert_eq!(parse_year("2026"), d(1));
        assert_eq!(parse_year("26"), None);
        assert_eq!(parse_year("2026-01-01"), None);
    }

    #[test]
    fn times_of_day() {
        assert_eq!(time_of_day("08/03/2026 09:15").as_deref(), Some("09:15"));
        assert_eq!(
            time_of_day("2015-09-01 07:29 +0000").as_deref(),
            Some("07:29+00:00")
        );
        assert_eq!(
            time_of_day("2026-08-03T21:05:59+07:00").as_deref(),
            Some("21:05+07:00")
        );
        assert_eq!(
            time_of_day("2026-08-03T21:05:59Z").as_deref(),
            Some("21:05+00:00")
        );
        assert_eq!(time_of_day("8/3/2026 3:05 PM").as_deref(), Some("15:05"));
        assert_eq!(time_of_day("8/3/2026 12:30 AM").as_deref(), Some("00:30"));
        // Vietnamese: sáng (SA) and chiều (CH), in any case, dotted or not.
        assert_eq!(time_of_day("09/01/2026 11:55 CH").as_deref(), Some("23:55"));
        assert_eq!(time_of_day("09/02/2026 12:05 SA").as_deref(), Some("00:05"));
        assert_eq!(time_of_day("09/03/2026 12:00 ch").as_deref(), Some("12:00"));
        assert_eq!(
            time_of_day("09/04/2026 8:30 c.h.").as_deref(),
            Some("20:30")
        );
        assert_eq!(
            time_of_day("09/04/2026 8:30 PM GMT+7").as_deref(),
            Some("20:30+07:00")
        );
        assert_eq!(bad_time("09/01/2026 13:00 PM"), Some(BadTime::Impossible));
        assert_eq!(time_of_day("09/01/2026 0:30 SA").as_deref(), Some("00:30"));
        // A zone's abbreviation is no offset roi knows: the time as written.
        assert_eq!(
            time_of_day("09/01/2026 10:00 PM PDT").as_deref(),
            Some("22:00")
        );
        assert_eq!(
            bad_time("09/01/2026 11:55 XY"),
            Some(BadTime::Suffix("XY".to_owned()))
        );
        assert_eq!(time_of_day("08/03/2026"), None);
        assert_eq!(time_of_day("July 16"), None);
        assert_eq!(time_of_day("Aug 28, 2025"), None);
        assert_eq!(time_of_day("2026-08-03 25:00"), None);
    }

    #[test]
    fn times_after_a_date() {
        for rest in [
            " 09:15",
            " 09:15:00",
            "T09:15:00.123",
            " 9:15 AM",
            " 12:05 pm",
            " 11:55 CH",
            " 12:05 s.a.",
            " 09:15 +07:00",
            "T09:15:00+0700",
            " 09:15 UTC",
            "T09:15:00Z",
        ] {
            assert!(is_time_of_day(rest), "{rest:?}");
        }
        for rest in [
            "",
            " ",
            "09:15",
            " 25:70",
            " 09:61",
            " 13:00 PM",
            " 13:00 CH",
            " 09:15 note",
            " 09:15 +25:00",
            " x",
        ] {
            assert!(!is_time_of_day(rest), "{rest:?}");
        }
    }

    #[test]
    fn impossible_times_are_told_apart_from_no_time() {
        for text in [
            "2026-08-13T25:00:00",
            "2026-08-13 23:61",
            "2026-08-13 99:99",
            "13/08/2026 25:70",
            "2026-08-13T09:00:61",
            "2026-08-13T09:00:00+25:00",
            "2026-08-13T09:00:00-0975",
            "2026-08-13T09:00:00+14:30",
        ] {
            assert_eq!(bad_time(text), Some(BadTime::Impossible), "{text}");
        }
        for text in [
            "2026-08-13",
            "13/08/2026",
            "Aug 28, 2025",
            "2026-08-13T23:59:59.999Z",
            "2026-08-13 00:00",
            "8/3/2026 3:05 PM",
            "2026-08-13T09:00:00+14:00",
            "2026-08-13T09:00:00-12:00",
            "2015-09-01 07:29 +0545",
            "09/01/2026 11:55 CH",
            "09/01/2026 11:55 PM GMT+7",
        ] {
            assert_eq!(bad_time(text), None, "{text}");
        }
    }

    #[test]
    fn a_whole_numbers_lone_mark_before_three_digits_groups_thousands() {
        assert_eq!(thousands_reading("\"1.234\""), Some(DecimalMark::Comma));
        assert_eq!(thousands_reading("1,234"), Some(DecimalMark::Dot));
        assert_eq!(thousands_reading("250.000 ₫"), Some(DecimalMark::Comma));
        // Marks of one kind, all grouping by three: thousands too.
        assert_eq!(thousands_reading("1.234.567"), Some(DecimalMark::Comma));
        assert_eq!(thousands_reading("1,234,567 VND"), Some(DecimalMark::Dot));
        // Not marks of one kind grouping by three: the file's mark reads it.
        for text in [
            "1234.567",
            "12.5",
            "1.234.56",
            "1.234,567",
            "1.234,5",
            "1234",
            "",
            "0.125",
            "0,125",
        ] {
            assert_eq!(thousands_reading(text), None, "{text}");
        }
    }

    #[test]
    fn amounts_tell_their_currency_symbol() {
        let read = |text, mark| {
            let (value, symbol) = parse_amount(text, mark).unwrap();
            (value.map(Amount::to_f64), symbol.map(|s| s.text))
        };
        // The dong has no minor unit: a lone mark before three digits groups
        // thousands, whichever mark the file uses for its other amounts.
        assert_eq!(
            read("300.000 ₫", DecimalMark::Dot),
            (Some(300_000.0), Some("₫"))
        );
        assert_eq!(
            read("300,000đ", DecimalMark::Comma),
            (Some(300_000.0), Some("đ"))
        );
        assert_eq!(read("12.5 ₫", DecimalMark::Dot), (Some(12.5), Some("₫")));
        assert_eq!(read("€7,25", DecimalMark::Auto), (Some(7.25), Some("€")));
        assert_eq!(read("$1.500", DecimalMark::Dot), (Some(1.5), Some("$")));
        assert_eq!(read("USD $12", DecimalMark::Dot), (Some(12.0), Some("USD")));
        assert_eq!(read("1,234.50", DecimalMark::Dot), (Some(1234.5), None));
        // Other locales' symbols and codes; a letter before `$` names its dollar,
        // `US$` before `S$`. The rupiah has no minor unit.
        for (text, mark, value, currency) in [
            ("R$ 1.234,56", DecimalMark::Comma, 1234.56, "BRL"),
            ("1.234,56 R$", DecimalMark::Comma, 1234.56, "BRL"),
            ("BRL 1.234,56", DecimalMark::Comma, 1234.56, "BRL"),
            ("Rp 1.234.567", DecimalMark::Comma, 1_234_567.0, "IDR"),
            ("Rp1.500", DecimalMark::Dot, 1500.0, "IDR"),
            ("IDR 1.234.567", DecimalMark::Comma, 1_234_567.0, "IDR"),
            ("฿1,234.50", DecimalMark::Dot, 1234.5, "THB"),
            ("THB 1,234.50", DecimalMark::Dot, 1234.5, "THB"),
            ("US$1,234.50", DecimalMark::Dot, 1234.5, "USD"),
            ("S$ 1,234.50", DecimalMark::Dot, 1234.5, "SGD"),
            ("HK$20", DecimalMark::Dot, 20.0, "HKD"),
            ("₱1,234.50", DecimalMark::Dot, 1234.5, "PHP"),
            ("MYR 12.50", DecimalMark::Dot, 12.5, "MYR"),
        ] {
            let (amount, symbol) = parse_amount(text, mark).unwrap();
            assert_eq!(amount.map(Amount::to_f64), Some(value), "{text}");
            assert_eq!(symbol.and_then(Symbol::currency), Some(currency), "{text}");
        }
        // The dong's code in any case, as Vietnamese writes it.
        for text in [
            "1.500.000 VNĐ",
            "1.500.000 vnđ",
            "1.500.000Vnđ",
            "1.500.000 vnd",
        ] {
            assert_eq!(
                read(text, DecimalMark::Auto),
                (Some(1_500_000.0), Some("VND")),
                "{text}"
            );
            assert_eq!(
                currency_symbol(text).and_then(Symbol::currency),
                Some("VND")
            );
        }
        let dollar = currency_symbol("$3").unwrap();
        assert!(dollar.currency().is_none() && dollar.allows("CAD") && !dollar.allows("VND"));
        assert_eq!(
            currency_symbol("3 ₫").and_then(Symbol::currency),
            Some("VND")
        );
    }

    #[test]
    fn localized_numbers() {
        assert_eq!(n("1,234.5"), Some(1234.5));
        assert_eq!(n("1.234,5"), Some(1234.5));
        assert_eq!(n("1.234.567 ₫"), Some(1_234_567.0));
        assert_eq!(n("1.234.567,5 ₫"), Some(1_234_567.5));
        assert_eq!(n("12%"), Some(0.12));
        assert_eq!(n("$1,234.00"), Some(1234.0));
        assert_eq!(n("795,836"), Some(795_836.0));
        assert_eq!(n("29.0"), Some(29.0));
        assert_eq!(n("1 234,56"), Some(1234.56));
        assert_eq!(n("12,5"), Some(12.5));
        assert_eq!(n("-2"), Some(-2.0));
        assert_eq!(n("(12.50)"), Some(-12.5));
        for missing in ["", " --", "-", "undefined", "N/A"] {
            assert_eq!(n(missing), None, "{missing:?}");
        }
        assert_eq!(
            parse_number("1.234", DecimalMark::Comma)
                .unwrap()
                .map(Amount::to_f64),
            Some(1234.0)
        );
        assert!(parse_number("12,3,4", DecimalMark::Auto).is_err());
        assert!(parse_number("abc", DecimalMark::Auto).is_err());
        assert!(parse_number("1e999", DecimalMark::Auto).is_err());
    }

    #[test]
    fn excel_year_less_dates_and_calendar_misses() {
        let feb28 = Some(ParsedDate::YearLess { month: 2, day: 28 });
        for text in ["28-Feb", "28-feb"] {
            assert_eq!(parse_date(text), feb28, "{text}");
        }
        assert_eq!(parse_date("30-Feb"), None);
        // Excel's month of a year, not a day.
        assert_eq!(parse_date("Nov-25"), None);
        for text in [
            "2026-02-30",
            "Feb 30, 2026",
            "30.02.2026",
            "30 tháng 2, 2026",
            "February 30",
            "30-Feb",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
            assert!(calendar_miss(text), "{text}");
        }
        for text in ["banana", "Date", "Q3 2026", "2026-13-45", ""] {
            assert!(!calendar_miss(text), "{text}");
        }
    }

    #[test]
    fn dates() {
        let d = |y, m, day| {
            Some(ParsedDate::Full(
                NaiveDate::from_ymd_opt(y, m, day).unwrap(),
            ))
        };
        assert_eq!(parse_date("2026-08-01"), d(2026, 8, 1));
        assert_eq!(parse_date("2017-04-04 00:00 +0000"), d(2017, 4, 4));
        assert_eq!(parse_date("2026-02-24T00:00:00"), d(2026, 2, 24));
        assert_eq!(parse_date("20230101"), d(2023, 1, 1));
        assert_eq!(parse_date("20241231"), d(2024, 12, 31));
        assert_eq!(parse_date("20240229"), d(2024, 2, 29));
        for impossible in ["20230229", "20231301", "20230100", "20230432"] {
            assert_eq!(parse_date(impossible), None, "{impossible}");
        }
        assert_eq!(parse_date("Aug 28, 2025"), d(2025, 8, 28));
        assert_eq!(parse_date("July 8, 2025"), d(2025, 7, 8));
        assert_eq!(
            parse_date("February 28"),
            Some(ParsedDate::YearLess { month: 2, day: 28 })
        );
        assert_eq!(
            parse_date("01/19/2017 09:03:47 AM"),
            Some(ParsedDate::Numeric {
                first: 1,
                second: 19,
                year: 2017,
                weekday: None,
            })
        );
        assert_eq!(parse_date("Total"), None);
        let vals = [
            parse_date("03/07/2026").unwrap(),
            parse_date("31/07/2026").unwrap(),
        ];
        assert_eq!(day_order(vals.iter()), Ok(Some(DayOrder::DayFirst)));
        let both = [
            parse_date("13/01/2026").unwrap(),
            parse_date("01/13/2026").unwrap(),
        ];
        assert!(day_order(both.iter()).is_err());
        assert_eq!(
            parse_date("31/02/2026")
                .unwrap()
                .resolve(Some(DayOrder::DayFirst), None),
            None
        );
    }

    /// Grouping by three as it was first written: split, then look at the parts; or
    /// the Indian way, groups of two before the last three.
    fn grouped_by_splitting(int: &str, sep: char) -> bool {
        let digits = int.trim_start_matches(['-', '+']);
        let parts: Vec<&str> = digits.split(sep).collect();
        let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        let (first, rest) = (parts[0], &parts[1..]);
        let western = first.len() <= 3
            && !rest.is_empty()
            && rest.iter().all(|p| p.len() == 3 && all_digits(p));
        let indian = sep == ','
            && first.len() <= 2
            && rest.len() >= 2
            && rest[..rest.len() - 1]
                .iter()
                .all(|p| p.len() == 2 && all_digits(p))
            && rest.last().is_some_and(|p| p.len() == 3 && all_digits(p));
        !first.is_empty() && !first.starts_with('0') && all_digits(first) && (western || indian)
    }

    #[test]
    fn indian_grouping_and_the_minus_sign_are_read() {
        assert_eq!(n("1,23,456"), Some(123_456.0));
        assert_eq!(n("12,34,56,789.50"), Some(123_456_789.5));
        assert_eq!(n("₹1,23,456"), Some(123_456.0));
        assert_eq!(n("−5"), Some(-5.0));
        assert_eq!(n("−1.234,5"), Some(-1234.5));
        // Neither grouping: refused as before.
        assert!(parse_number("1,2,345", DecimalMark::Dot).is_err());
        assert!(parse_number("123,45,678", DecimalMark::Dot).is_err());
        assert!(parse_number("1,23,45", DecimalMark::Dot).is_err());
        assert!(parse_number("50.00.000", DecimalMark::Comma).is_err());
    }

    /// How `parse_date` first read numeric dates: split on each separator in turn.
    /// `None` when no separator gives three runs of digits (other shapes are tried).
    #[allow(clippy::option_option)]
    fn general_numeric(head: &str) -> Option<Option<ParsedDate>> {
        for sep in ['/', '-', '.'] {
            let parts: Vec<&str> = head.split(sep).collect();
            if parts.len() == 3
                && parts
                    .iter()
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            {
                let nums: Vec<i64> = parts.iter().filter_map(|p| p.parse().ok()).collect();
                if nums.len() != 3 {
                    return Some(None);
                }
                if parts[0].len() == 4 {
                    return Some(
                        NaiveDate::from_ymd_opt(nums[0] as i32, nums[1] as u32, nums[2] as u32)
                            .map(ParsedDate::Full),
                    );
                }
                let year = if parts[2].len() == 2 {
                    2000 + nums[2]
                } else {
                    nums[2]
                };
                if sep == '.' {
                    let (Ok(y), Ok(m), Ok(d)) = (
                        i32::try_from(year),
                        u32::try_from(nums[1]),
                        u32::try_from(nums[0]),
                    ) else {
                        return Some(None);
                    };
                    return Some(NaiveDate::from_ymd_opt(y, m, d).map(ParsedDate::Full));
                }
                return Some(Some(ParsedDate::Numeric {
                    first: nums[0] as u32,
                    second: nums[1] as u32,
                    year: year as i32,
                    weekday: None,
                }));
            }
        }
        None
    }

    proptest::proptest! {
        /// The quick trim trims as `str::trim` does.
        #[test]
        fn trim_is_str_trim(text in "\\PC{0,6}|[ \t\u{a0}\u{3000}]?[a-z0-9.]{0,3}[ \t\u{a0}\u{2003}]?") {
            proptest::prop_assert_eq!(trim(&text), text.trim());
        }

        /// Numeric dates are read in one look as they were by splitting on each
        /// separator in turn.
        #[test]
        fn numeric_dates_read_as_the_general_path_reads_them(
            text in "[0-9]{0,11}[-/.][0-9]{0,3}[-/.][0-9]{0,5}|[0-9]{1,2}[/][0-9]{1,2}[/][0-9]{2,4}"
        ) {
            proptest::prop_assert_eq!(numeric_date(&text), general_numeric(&text));
        }

        /// Grouping is read in one look as it was by splitting.
        #[test]
        fn grouping_in_one_look(text in "[-+]?[0-9]{0,4}([.,][0-9]{0,4}){0,3}|[-0-9.,a ]{0,9}") {
            for sep in [',', '.'] {
                proptest::prop_assert_eq!(
                    grouped_by_three(&text, sep),
                    grouped_by_splitting(&text, sep)
                );
            }
        }

        /// The direct reading of ISO dates agrees with chrono's.
        #[test]
        fn iso_dates_read_as_chrono_reads_them(text in "(19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]|[0-9]{1,5}-[0-9]{1,3}-[0-9]{1,3}|[-0-9]{10}") {
            proptest::prop_assert_eq!(
                iso_date(&text),
                NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok()
            );
        }

        /// Placeholders are found as by comparing every cell with each of them.
        #[test]
        fn missing_as_compared_with_each_placeholder(
            text in " ?([-—0-9]{0,3}|(?i)(n/a|na|nan|null|none|undefined|\\(not set\\))|[a-z0-9 ]{0,10}) ?"
        ) {
            const MISSING: [&str; 10] =
                ["-", "--", "—", "undefined", "n/a", "na", "null", "none", "nan", "(not set)"];
            let t = text.trim();
            let reference = t.is_empty() || MISSING.iter().any(|m| t.eq_ignore_ascii_case(m));
            proptest::prop_assert_eq!(is_missing(&text), reference);
        }

        /// The fast paths read every number exactly as the general path does.
        #[test]
        fn fast_paths_agree_with_the_general_one(
            text in " ?[-+0-9.,%]{1,24} ?|[0-9]{0,4}([.,][0-9]{2,4}){0,5}",
        ) {
            for mark in [DecimalMark::Auto, DecimalMark::Dot, DecimalMark::Comma] {
                let general = if is_missing(&text) {
                    Ok(None)
                } else {
                    parse_general(&text, mark).map(|(v, _)| v)
                };
                proptest::prop_assert_eq!(parse_number(&text, mark), general);
            }
        }
    }
}
