//! Platform exports: records → tables (preambles, several tables per file) → the
//! header row and its layout → rows mapped onto the normalized model.
//!
//! Nothing is guessed silently: totals, description rows and footers are skipped
//! and counted; the day order and the year of year-less dates are decided per file
//! from its values and reported; a value that does not parse is an error naming its
//! file, line, column and value.

use std::path::Path;

use chrono::{Datelike, NaiveDate};

use super::InputError;
use super::layout::{
    Column, HeaderCurrency, Layout, LayoutMark, Target, Unsigned, normalize_header,
    platform_of_source,
};
use super::text::{Record, RecordReader, Text};
use super::value::{
    DayOrder, DayOrderVotes, DecimalMark, ParsedDate, Span, Symbol, is_censored, parse_amount,
    parse_date, time_of_day,
};
use crate::dataset::{ColumnMapping, TableInfo};
use crate::model::{Amount, Dimension, canonical_metric};
use crate::normalize::{Builder, RowInput, metric_name, must_be_non_negative};

/// Context a file gives its rows.
#[derive(Debug, Clone, Default)]
pub struct FileContext {
    /// The year for year-less dates, from `--year` or roi.toml.
    pub year: Option<i32>,
    /// The latest date the file name gives (`…_20170401_20170408_en.csv`), and
    /// whether it names a day, a month (its last day) or only a year (its last day).
    pub name_date: Option<(NaiveDate, NamePart)>,
    /// The day the export says it was made (TikTok Content's `Time`): its year-less
    /// dates end on or before it.
    pub exported: Option<NaiveDate>,
    /// The file's modification date: year-less dates end on or before it.
    pub modified: Option<NaiveDate>,
    /// How mention exports are read: whose brand, and the sentiment word lists.
    pub mentions: Option<std::sync::Arc<MentionSettings>>,
}

/// How much of a date a file name gives ([`FileContext::name_date`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NamePart {
    Year,
    Month,
    Day,
}

/// `[sentiment]` of roi.toml, as the importer needs it.
#[derive(Debug, Clone)]
pub struct MentionSettings {
    /// The brand names that are ours (lowercase); empty: every mention is ours.
    pub brands: Vec<String>,
    pub classifier: crate::sentiment::Classifier,
}

/// A block of records: its preamble (`#` lines, titles) and its body. Only the
/// first records of the body (where the header is looked for) are held; the rest is
/// read again from the file's [`Text`] on each pass.
pub struct Table<'t> {
    pub preamble: Vec<Record>,
    /// The first records of the body.
    pub head: Vec<Record>,
    /// Index of the body's first record in the text, and one past its last
    /// ([`Table::OPEN`] when not known yet: see [`single_table`]).
    first: u64,
    end: u64,
    /// Body records that are not blank.
    pub filled: u64,
    text: &'t Text,
}

impl Table<'_> {
    /// The end of a table assumed to run to the end of the text.
    const OPEN: u64 = u64::MAX;

    /// Whether the table is assumed to run to the end of the text (not yet known).
    fn is_open(&self) -> bool {
        self.end == Table::OPEN
    }

    /// Where the body's records after the first `skip` are, for a reader of the
    /// text from its start; `#` lines between preamble lines belong to the
    /// preamble, not the body.
    pub fn body(&self, skip: usize) -> Body {
        Body {
            index: 0,
            first: self.first,
            end: self.end,
            skip,
            new_table: false,
        }
    }
}

/// Which records of a text are a table's body, as a reader goes through them.
pub struct Body {
    index: u64,
    first: u64,
    end: u64,
    /// Body records still to pass over.
    skip: usize,
    /// An open table met a `#` line after its data: another table starts there.
    new_table: bool,
}

impl Body {
    /// The records of an open table from a reader of a later part of the text
    /// ([`super::parts`]): every record there is the body's.
    fn rest() -> Body {
        Body {
            index: 0,
            first: 0,
            end: Table::OPEN,
            skip: 0,
            new_table: false,
        }
    }

    /// Reads the next body record into `record`; `false` at the table's end.
    pub fn next(
        &mut self,
        reader: &mut RecordReader<'_>,
        record: &mut Record,
    ) -> Result<bool, InputError> {
        while self.index < self.end && reader.read(record)? {
            self.index += 1;
            if self.index <= self.first {
                continue;
            }
            if record.first().starts_with('#') {
                if self.end == Table::OPEN {
                    self.new_table = true;
                    return Ok(false);
                }
                continue;
            }
            if self.skip > 0 {
                self.skip -= 1;
                continue;
            }
            return Ok(true);
        }
        Ok(false)
    }
}

/// The text as one table, when its first records (`records`, at least twice `head`
/// unless the text is shorter) are a preamble of `#` lines (GA4's) and then data and
/// no `#` line among the `head` records after it: most exports are one table, and
/// this saves the pass [`split_tables`] makes over the whole text. The table is
/// open: reading it stops at a `#` line after its data, where [`read_table`] says
/// the text must be split after all.
pub fn single_table(text: &Text, mut records: Vec<Record>, head: usize) -> Option<Table<'_>> {
    let leading = records
        .iter()
        .take_while(|r| r.first().starts_with('#'))
        .count();
    if leading > head {
        return None;
    }
    let mut body = records.split_off(leading);
    body.truncate(head);
    if body.iter().any(|r| r.first().starts_with('#')) {
        return None;
    }
    let filled = body.iter().filter(|r| !r.is_blank()).count() as u64;
    (filled > 0).then_some(Table {
        preamble: records,
        head: body,
        first: leading as u64,
        end: Table::OPEN,
        filled,
        text,
    })
}

/// Splits a text into tables: a `#` line after data starts a new table (GA4's
/// "Download file" holds several). Holds at most `head` records of each body.
/// Also returns the text's first record that is not blank (`#` lines included).
pub fn split_tables(
    text: &Text,
    head: usize,
) -> Result<(Vec<Table<'_>>, Option<Record>), InputError> {
    let empty = |first: u64| Table {
        preamble: Vec::new(),
        head: Vec::new(),
        first,
        end: first,
        filled: 0,
        text,
    };
    let mut tables = Vec::new();
    let mut current = empty(0);
    let mut reader = text.reader()?;
    let mut record = Record::default();
    let mut index = 0;
    let mut first = None;
    while reader.read(&mut record)? {
        if first.is_none() && !record.is_blank() {
            first = Some(record.clone());
        }
        if record.first().starts_with('#') {
            if current.filled > 0 {
                tables.push(std::mem::replace(&mut current, empty(index)));
            }
            current.preamble.push(record.clone());
            if current.filled == 0 && current.head.is_empty() {
                current.first = index + 1;
            }
        } else {
            if current.head.len() < head {
                current.head.push(record.clone());
            }
            if !record.is_blank() {
                current.filled += 1;
            }
        }
        index += 1;
        current.end = index;
    }
    tables.push(current);
    tables.retain(|t| t.filled > 0);
    // The file's preamble names its account and property once, above the first
    // table: they are every table's.
    let owner: Vec<Record> = tables.first().map_or_else(Vec::new, |t| {
        t.preamble
            .iter()
            .filter(|r| preamble_owner(&r.cells.iter().collect::<Vec<_>>().join(",")).is_some())
            .cloned()
            .collect()
    });
    for table in tables.iter_mut().skip(1) {
        if !table
            .preamble
            .iter()
            .any(|r| preamble_owner(r.first()).is_some())
        {
            table.preamble.splice(0..0, owner.iter().cloned());
        }
    }
    Ok((tables, first))
}

/// A date cell that does not fall on the weekday written before it, quoted as
/// `value`; weekdays named in the language of the messages (`Thứ Hai`).
fn weekday_message(value: &str, named: &str, date: chrono::NaiveDate) -> String {
    let weekday = |name: &str| {
        let key = format!("insights.weekdays.{}", name.to_lowercase());
        crate::i18n::tr(crate::i18n::current(), &key, &[])
    };
    let actual = super::value::WEEKDAY_NAMES
        [chrono::Datelike::weekday(&date).num_days_from_monday() as usize];
    crate::say!(
        "error.date_weekday",
        value = value,
        named = weekday(named),
        date = crate::i18n::date(crate::i18n::current(), date),
        actual = weekday(actual)
    )
}

/// A GA4 preamble line naming whose report it is: `# Property: shop-a - GA4`
/// (or `# Account:`, in the UI's language), as `(is_property, name)`.
fn preamble_owner(line: &str) -> Option<(bool, &str)> {
    const PROPERTY: [&str; 7] = [
        "property",
        "tài sản",
        "thuộc tính",
        "propriété",
        "propiedad",
        "propriedade",
        "properti",
    ];
    const ACCOUNT: [&str; 7] = [
        "account",
        "tài khoản",
        "compte",
        "cuenta",
        "conta",
        "konto",
        "akun",
    ];
    let t = line.strip_prefix('#')?.trim();
    let (label, value) = t.split_once(':')?;
    let label = label.trim().to_lowercase();
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if PROPERTY.contains(&label.as_str()) {
        Some((true, value))
    } else if ACCOUNT.contains(&label.as_str()) {
        Some((false, value))
    } else {
        None
    }
}

/// A header matched to a layout.
pub struct Matched<'a> {
    pub layout: &'a Layout,
    /// Index of the header record in the table body.
    pub header: usize,
    /// Per header cell: the layout column it matched, and a currency in its name.
    pub cells: CellMatches<'a>,
    pub score: usize,
    /// A header of two rows ([`joined_header`]) as read: the names of both rows.
    pub joined: Option<Record>,
    /// The built-in layout a mapping claiming the file by its `files` glob is read
    /// instead of: its rows are still that export's (see [`read_table`]).
    pub displaced: Option<&'a Layout>,
}

impl Matched<'_> {
    /// The header's names: its record's, or both rows' of a two-row header.
    pub fn header_record<'t>(&'t self, table: &'t Table<'_>) -> &'t Record {
        self.joined.as_ref().unwrap_or(&table.head[self.header])
    }

    /// Index of the first record below the header (below both rows of a two-row one).
    pub fn body(&self) -> usize {
        self.header + 1 + usize::from(self.joined.is_some())
    }
}

/// A header of two rows, as a sheet with merged header cells is saved: a group name
/// (`Performance`) over the columns it spans, their names on the next row
/// (`Impressions`, `Reach`), and a name spanning both rows (`Day`) on the first only.
/// Each column is named by its lower cell, or by the upper one where the lower is
/// empty. `None` unless the next row is names only (no number, no date), and each
/// row names a column the other leaves empty.
fn joined_header(top: &Record, next: Option<&Record>) -> Option<Record> {
    fn trimmed(r: &Record, i: usize) -> &str {
        super::value::trim(r.cells.get(i).unwrap_or(""))
    }
    let next = next.filter(|r| !r.is_blank())?;
    // A name merged over both rows (`Day` beside a group) is read in each of them
    // (see `fill_merged_down`): below, it names nothing the top row does not.
    let top_blank = |i: usize| trimmed(top, i).is_empty();
    let next_blank = |i: usize| trimmed(next, i).is_empty() || trimmed(next, i) == trimmed(top, i);
    let names_only = (0..next.cells.len())
        .filter(|&i| !next_blank(i))
        .map(|i| trimmed(next, i))
        .all(|c| c.chars().any(char::is_alphabetic) && parse_date(c).is_none());
    let len = top.cells.len().max(next.cells.len());
    // Each row names a column the other leaves empty: a line above the header (a
    // title, a date range) names none of the header's columns.
    let fills = (0..len).any(|i| top_blank(i) && !next_blank(i));
    let spans = (0..len).any(|i| !top_blank(i) && next_blank(i));
    // A group row names two columns at least: one cell alone is a title above a
    // header whose first cell is empty.
    let named = (0..top.cells.len()).filter(|&i| !top_blank(i)).count();
    if !names_only || !fills || !spans || named < 2 {
        return None;
    }
    let cells = (0..len)
        .map(|i| {
            let from = if next_blank(i) { top } else { next };
            from.cells.get(i).unwrap_or("")
        })
        .collect();
    Some(Record {
        cells,
        ..top.clone()
    })
}

/// Per header cell: the layout column it matched and the currency in its name.
type CellMatches<'a> = Vec<Option<(&'a Column, Option<HeaderCurrency>)>>;

/// A normalized header that ends in a code written in small letters (`amount spent
/// (eur)`): the name before it, and the code in capitals. Such a code is taken for a
/// currency only when the whole header names no column (`clicks (all)` does).
fn small_code(name: &str) -> Option<(&str, String)> {
    let (base, rest) = name.rsplit_once(" (")?;
    let code = rest.strip_suffix(')')?;
    (code.len() == 3 && code.bytes().all(|b| b.is_ascii_lowercase()))
        .then(|| (base, code.to_ascii_uppercase()))
}

/// `unsigned_allowed`: whether the file may be a layout without its signature
/// ([`Unsigned::KnownSeries`]), which its name or folder tells.
fn match_header<'a>(
    layout: &'a Layout,
    record: &Record,
    unsigned_allowed: bool,
) -> Option<(usize, CellMatches<'a>)> {
    let find = |name: &str| {
        layout
            .columns
            .iter()
            .find(|c| c.aliases.iter().any(|a| a == name))
    };
    let names: Vec<(String, Option<HeaderCurrency>)> = record
        .cells
        .iter()
        .map(|cell| {
            let (name, currency) = normalize_header(cell);
            match small_code(&name) {
                Some((base, code))
                    if currency.is_none() && find(&name).is_none() && find(base).is_some() =>
                {
                    (base.to_owned(), Some(HeaderCurrency::Code(code)))
                }
                _ => (name, currency),
            }
        })
        .collect();
    let present = |h: &String| names.iter().any(|(n, _)| n == h);
    let signed =
        layout.signatures.is_empty() || layout.signatures.iter().any(|g| g.iter().all(present));
    if !signed && (layout.unsigned == Unsigned::Refused || !unsigned_allowed) {
        return None;
    }
    if layout.excludes.iter().any(present) {
        return None;
    }
    // A column whose aliases are ranked (LinkedIn's organic before total) is read
    // from the header named by its earliest alias, wherever that header stands.
    let rank = |c: &Column, name: &str| c.aliases.iter().position(|a| a == name);
    let preferred = |c: &Column, i: usize| {
        let mine = rank(c, &names[i].0);
        !names.iter().enumerate().any(|(j, (other, _))| {
            j != i && find(other).is_some_and(|o| std::ptr::eq(o, c)) && {
                let theirs = rank(c, other);
                theirs < mine || (theirs == mine && j < i)
            }
        })
    };
    let mut used: Vec<*const Column> = Vec::new();
    let mut cells = Vec::with_capacity(names.len());
    let mut score = 0;
    for (i, (name, currency)) in names.iter().enumerate() {
        let column = find(name);
        match column {
            // A second column for the same thing (classic Facebook's repeated names,
            // two spellings of one measure) is left unmapped, and reported as such.
            Some(c) if c.ranked && !preferred(c, i) => cells.push(None),
            Some(c)
                if matches!(c.target, Target::Derived | Target::Sponsored)
                    || c.ranked
                    || !used.contains(&std::ptr::from_ref(c)) =>
            {
                used.push(std::ptr::from_ref(c));
                score += 1;
                // A currency in a header is its amounts': only a column of money
                // has one (`Conversions (ALL)` counts, in no Albanian lek).
                let money = match &c.target {
                    Target::Metric(name, _) => name.is_empty() || crate::model::is_money(name),
                    _ => false,
                };
                cells.push(Some((c, currency.clone().filter(|_| money))));
            }
            _ => cells.push(None),
        }
    }
    // Meta's results per attribution window (`Results (7-day click)`) beside no
    // plain `Results`: a single window is the results, as the report was set to
    // count them (said in a note when the rows are read); several overlap and
    // none is read (also said).
    if !cells
        .iter()
        .flatten()
        .any(|(c, _)| c.target == Target::Results)
        && let Some(results) = layout.columns.iter().find(|c| c.target == Target::Results)
        && let [i] = results_windows(results, &names, &cells)[..]
    {
        cells[i] = Some((results, None));
        score += 1;
    }
    let has = |f: &dyn Fn(&Target) -> bool| cells.iter().flatten().any(|(c, _)| f(&c.target));
    let dated = has(&|t| {
        matches!(
            t,
            Target::Date
                | Target::Day
                | Target::PublishTime
                | Target::Week
                | Target::Month
                | Target::Quarter
                | Target::Year
                | Target::MonthOfYear
                | Target::Period
                | Target::DateRange
                | Target::NthDay
        )
    });
    // Without a signature every column must be the layout's: a column of anything
    // else (`Date, Cost, Impressions`, or a column without a name) is a sheet of
    // one's own.
    if !signed && (cells.iter().any(Option::is_none) || !has(&|t| *t == Target::Date)) {
        return None;
    }
    let measured = has(&|t| matches!(t, Target::Metric(..) | Target::Results))
        || layout.per_row.is_some()
        || layout.reads_nothing();
    (measured && (dated || layout.signatures.iter().flatten().count() > 0))
        .then_some((score, cells))
}

/// The attribution window of a results column (`results (7-day click)` → `7-day
/// click`): a `Results` alias followed by a parenthesized qualifier.
fn attribution_window<'n>(results: &Column, name: &'n str) -> Option<&'n str> {
    let (base, window) = name.strip_suffix(')')?.split_once(" (")?;
    (results.aliases.iter().any(|a| a == base) && !window.trim().is_empty())
        .then_some(window.trim())
}

/// The unmatched header cells that are results per attribution window.
fn results_windows(
    results: &Column,
    names: &[(String, Option<HeaderCurrency>)],
    cells: &CellMatches<'_>,
) -> Vec<usize> {
    names
        .iter()
        .enumerate()
        .filter(|(i, (n, _))| cells[*i].is_none() && attribution_window(results, n).is_some())
        .map(|(i, _)| i)
        .collect()
}

/// Finds the header row among the first records and the layout it belongs to.
pub fn find_header<'a>(
    path: &Path,
    table: &Table<'_>,
    layouts: &'a [Layout],
) -> Result<Option<Matched<'a>>, (&'a Layout, &'a Layout)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // A date and a metric alone (`Date,Impressions`) could be anyone's sheet: it is
    // YouTube Studio's chart data or totals only under the names YouTube gives them
    // (`Totals.csv`, `Chart data.csv`) or in a download's folder, named by its range.
    let unsigned_allowed = {
        let lower = name.to_lowercase();
        lower.starts_with("totals")
            || lower.starts_with("chart data")
            || path
                .canonicalize()
                .ok()
                .and_then(|p| {
                    p.parent()
                        .and_then(Path::file_name)
                        .map(|d| d.to_string_lossy().into_owned())
                })
                .is_some_and(|folder| crate::normalize::range_in_name(&folder).is_some())
    };
    let is_mapping = |l: &Layout| l.id.starts_with("mapping-");
    let claims = |l: &Layout| is_mapping(l) && l.files.is_some();
    let mut best: Option<Matched<'a>> = None;
    let mut rival: Option<&'a Layout> = None;
    // The best built-in layout at the header a claiming mapping took; `None` for
    // one of two that fit as well (which export it is cannot be told).
    let mut displaced: Option<(usize, usize, Option<&'a Layout>)> = None;
    let window = 15 + layouts.iter().map(|l| l.skip_lines).max().unwrap_or(0);
    for (index, record) in table.head.iter().enumerate().take(window) {
        if record.is_blank() {
            continue;
        }
        // `skip_lines` counts the file's lines above the header, blank ones too.
        let above = usize::try_from(record.line.saturating_sub(1)).unwrap_or(usize::MAX);
        let joined = joined_header(record, table.head.get(index + 1));
        for layout in layouts {
            if layout.files.as_ref().is_some_and(|g| !g.matches(&name))
                || above < layout.skip_lines
                || index >= layout.skip_lines + 15
            {
                continue;
            }
            let plain = match_header(layout, record, unsigned_allowed);
            let two_rows = joined
                .as_ref()
                .and_then(|j| match_header(layout, j, unsigned_allowed));
            let ((score, cells), two_rows) = match (plain, two_rows) {
                (Some(p), Some(t)) if t.0 > p.0 => (t, true),
                (Some(p), _) => (p, false),
                (None, Some(t)) => (t, true),
                (None, None) => continue,
            };
            if !is_mapping(layout) {
                displaced = match displaced {
                    Some((i, s, _)) if i == index && s == score => Some((i, s, None)),
                    Some((i, s, d)) if i == index && s > score => Some((i, s, d)),
                    _ => Some((index, score, Some(layout))),
                };
            }
            let take = match &best {
                // A mapping whose `files` glob names the file is what the user asked
                // for it: it is read instead of a built-in layout, whatever that reads.
                Some(b) if b.header == index && claims(layout) && !is_mapping(b.layout) => true,
                Some(b) if b.header == index && claims(b.layout) && !is_mapping(layout) => false,
                Some(b) if b.header == index && b.score == score && b.layout.id != layout.id => {
                    // A user's mapping settles any tie with the built-in layouts; of two
                    // mappings, the one whose `files` glob is the more specific (see
                    // [`files_specificity`]), and only two as specific are a tie that
                    // cannot be settled: which was meant cannot be told.
                    let ordering = if is_mapping(b.layout) && is_mapping(layout) {
                        files_specificity(layout).cmp(&files_specificity(b.layout))
                    } else {
                        std::cmp::Ordering::Equal
                    };
                    if ordering == std::cmp::Ordering::Equal
                        && (!is_mapping(b.layout) || is_mapping(layout))
                    {
                        rival = Some(layout);
                    }
                    ordering == std::cmp::Ordering::Greater
                }
                Some(b) if b.header < index || b.score >= score => false,
                _ => true,
            };
            if take {
                rival = None;
                best = Some(Matched {
                    layout,
                    header: index,
                    cells,
                    score,
                    joined: two_rows.then(|| joined.clone()).flatten(),
                    displaced: None,
                });
            }
        }
        if best.is_some() {
            break;
        }
        displaced = None;
    }
    if let Some(b) = &mut best
        && claims(b.layout)
    {
        b.displaced = displaced
            .filter(|(i, _, _)| *i == b.header)
            .and_then(|(_, _, l)| l);
    }
    if let (Some(b), Some(r)) = (&best, rival) {
        return Err((b.layout, r));
    }
    Ok(best)
}

/// How specific a mapping's `files` glob is, to settle which of two mappings that
/// fit a file equally well applies: one with a glob (that matched the file's name,
/// or it would not be a candidate) over one without, then the glob with more literal
/// characters, then the one with fewer wildcards (`*`, `?`, a `[…]` class).
/// `zalo-hcm-*.csv` beats `zalo-*.csv`, which beats no `files`.
fn files_specificity(layout: &Layout) -> Option<(usize, std::cmp::Reverse<usize>)> {
    let glob = layout.files.as_ref()?.as_str();
    let (mut literal, mut wild) = (0, 0);
    let mut chars = glob.chars();
    while let Some(c) = chars.next() {
        match c {
            '*' | '?' => wild += 1,
            '[' => {
                // `[…]` up to its `]` (a `]` right after `[` or `[!` is a member).
                wild += 1;
                let mut first = true;
                for c in chars.by_ref() {
                    if c == ']' && !first {
                        break;
                    }
                    first = c == '!' && first;
                }
            }
            _ => literal += 1,
        }
    }
    Some((literal, std::cmp::Reverse(wild)))
}

/// A label that exports write on a totals row, as the whole cell or in its documented
/// shape: `Total`, `Totals`, `Totales`, `Total general`, `Grand total`, `Tổng`, `Tổng
/// cộng`, the same in the other languages exports and Excel pivots are written in
/// (`Total geral`, `Total général`, `Gesamtergebnis`, `Total Keseluruhan`, `Totale
/// complessivo`, `Eindtotaal`…), each also with a colon (`Totals:`); Google Ads' `Total:
/// Account` / `Total: Search` (`Total : compte`, `Gesamt: Konto`), TikTok Ads' `Total
/// of 3 campaigns`, Salesforce's `Grand Totals (5700 records)`. A word at the start is
/// not enough: a campaign or post may be called `Total Care - Search` or `Total
/// rewards: how we pay`.
fn is_total_label(cell: &str) -> bool {
    // Every label starts with one of these letters: most cells are ruled out unlowered.
    if !cell.starts_with(['t', 'T', 'g', 'G', 's', 'S', 'e', 'E', 'j', 'J']) {
        return false;
    }
    // Composed: `Tổng` written decomposed is the same label.
    let t = crate::dataset::compose(cell.trim()).to_lowercase();
    matches!(
        t.trim_end_matches(':').trim_end(),
        "total"
            | "totals"
            | "totales"
            | "total general"
            | "grand total"
            | "grand totals"
            | "tổng"
            | "tổng cộng"
            | "tổng số"
            | "gesamt"
            | "gesamtsumme"
            | "gesamtergebnis"
            | "summe"
            | "total geral"
            | "totais"
            | "total général"
            | "totaux"
            | "total keseluruhan"
            | "jumlah"
            | "totale"
            | "totale complessivo"
            | "totaal"
            | "eindtotaal"
    ) || [
        "total",
        "tổng",
        "tổng cộng",
        "tổng số",
        "gesamt",
        "summe",
        "totale",
        "totaal",
        "jumlah",
        "totales",
        "totais",
    ]
    .iter()
    .any(|label| {
        // Google Ads' `Total: Account` in the UI's language: `Tổng: Tài khoản`,
        // `Gesamt: Konto`, `Totale: account`, French `Total : compte` (a space before
        // the colon).
        t.strip_prefix(label)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    })
        // TikTok Ads Manager: `Total of 3 campaigns` (not a campaign called `Total of
        // 2026 sales`).
        || t.strip_prefix("total of ").is_some_and(|rest| {
            rest.split_once(' ').is_some_and(|(n, what)| {
                n.bytes().all(|b| b.is_ascii_digit())
                    && matches!(
                        what.trim_end_matches('s'),
                        "result" | "campaign" | "ad group" | "ad" | "record" | "row"
                    )
            })
        })
        || t.strip_prefix("grand totals (")
            .is_some_and(|rest| rest.ends_with(" records)") || rest.ends_with(" record)"))
}

/// Meta Ads Manager's summary row as its table labels it, in the name column:
/// `Results from 2 campaigns`, `Kết quả từ 3 nhóm quảng cáo` (not a campaign called
/// `Results from 2026`).
fn is_results_label(cell: &str) -> bool {
    if !cell.starts_with(['r', 'R', 'k', 'K']) {
        return false;
    }
    let t = crate::dataset::compose(cell.trim()).to_lowercase();
    let count_of = |rest: &str, things: &[&str]| {
        rest.split_once(' ').is_some_and(|(n, what)| {
            !n.is_empty()
                && n.bytes()
                    .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
                && things.contains(&what.trim())
        })
    };
    t.strip_prefix("results from ").is_some_and(|rest| {
        count_of(
            rest,
            &[
                "campaign",
                "campaigns",
                "ad set",
                "ad sets",
                "ad",
                "ads",
                "account",
                "accounts",
            ],
        )
    }) || t.strip_prefix("kết quả từ ").is_some_and(|rest| {
        count_of(
            rest,
            &["chiến dịch", "nhóm quảng cáo", "quảng cáo", "tài khoản"],
        )
    })
}

/// A totals row: its first cell is a totals label, or a cell beyond the header's
/// named columns is (GA4 explorations write `Grand total` in an extra column, and a
/// file re-saved by Excel pads the header with empty cells as far as that column).
fn is_total(record: &Record, named_len: usize) -> bool {
    is_total_label(record.first())
        || (record.cells.len() > named_len
            && record
                .cells
                .iter()
                .skip(named_len)
                .any(|c| is_total_label(c.trim())))
}

/// Salesforce's boilerplate below a report, on a line of its own:
/// `Confidential Information - Do Not Distribute` and `Copyright (c) 2000-2026
/// salesforce.com, inc. All rights reserved.` (or `Copyright ©`). A row that merely
/// starts with the word (a post titled `Copyright basics`) is data.
fn is_footer(record: &Record) -> bool {
    let first = record.first();
    if !first.starts_with(['c', 'C']) {
        return false;
    }
    let first = first.to_lowercase();
    let boilerplate = first == "confidential information - do not distribute"
        || ((first.starts_with("copyright (c)") || first.starts_with("copyright ©"))
            && first.trim_end_matches('.').ends_with("all rights reserved"));
    boilerplate
        && record
            .cells
            .iter()
            .skip(1)
            .all(|c| super::value::trim(c).is_empty())
}

fn is_description(record: &Record) -> bool {
    record.first().is_empty()
        && record.cells.iter().any(|c| {
            let t = c.trim_start();
            t.starts_with("Lifetime:") || t.starts_with("Daily:") || t.starts_with("Weekly:")
        })
}

/// What a mapping should read a column of dates as, by its header: `week` for a
/// week segment (each row that week), `month` for a month, else `date` (one day).
fn segment_of(header: &str) -> &'static str {
    let name = normalize_header(header).0;
    let first = name.split([' ', '(']).next().unwrap_or("");
    if ["week", "weekly", "tuần", "semaine", "woche", "semana"].contains(&first) {
        "week"
    } else if ["month", "monthly", "tháng", "mois", "monat", "mes", "mês"].contains(&first) {
        "month"
    } else {
        "date"
    }
}

/// A date range written in a preamble or title line: GA4's `# Start date: 20230101`
/// and `# End date:` (in the UI's language: `# Date de début : 20260801`),
/// `# 20230515-20230521`, Google Ads' `July 8, 2025 - July 31, 2025`, and the same
/// with the year only at the end (`Aug 1 - Aug 31, 2026`), in numbers
/// (`08/01/2026 - 08/31/2026`) or in Vietnamese (`1 thg 8, 2026 - 31 thg 8, 2026`).
/// Returns each range stated, in order, with the line it was read from (GA4 writes
/// a `Start date` / `End date` pair per range of a comparison). A line written as
/// a range whose date is impossible (`February 30, 2026 - March 31, 2026`, `Agust
/// 31`, `08/32/2026`) is an error: read past, it would leave every row without a
/// date. `order` is what slashed dates that tell nothing are read in (`None`: they
/// are a [`BadRange`] with both readings).
fn preamble_range(lines: &[(u64, String)], order: Option<DayOrder>) -> Result<Preamble, BadRange> {
    // LinkedIn Campaign Manager's `Report Start:` / `Report End:` (and `Date
    // Generated:`) are written in the UI's locale: `01/09/2026, 00:00` in a UK one.
    // A day above 12 on any of them tells the order of all of them.
    let told = preamble_votes(lines).decide().ok().flatten();
    let readable = |d: &ParsedDate| match told {
        Some(o) => d.resolve(Some(o), None).is_some(),
        None => [DayOrder::MonthFirst, DayOrder::DayFirst]
            .into_iter()
            .any(|o| d.resolve(Some(o), None).is_some()),
    };
    // A report is made on or after the first day it covers: an order that puts
    // `Date Generated:` before the range's start is not the UI's.
    let generated = lines.iter().find_map(|(_, text)| {
        let t = text.trim_start_matches('#').trim().trim_matches('"');
        let (label, value) = t.split_once(':')?;
        label
            .trim()
            .eq_ignore_ascii_case("date generated")
            .then(|| parse_date(day_part(value)))
            .flatten()
    });
    let made_after = |o: DayOrder, start: NaiveDate| {
        generated
            .and_then(|g| g.resolve(Some(o), None))
            .is_none_or(|g| g >= start)
    };
    let mut preamble = Preamble::default();
    let mut start = None;
    let mut end = None;
    for (line, text) in lines {
        let line = *line;
        let t = text.trim_start_matches('#').trim().trim_matches('"');
        let bad = |date: &str| BadRange {
            line,
            text: t.to_owned(),
            date: date.trim().to_owned(),
            readings: None,
        };
        if let Some((label, value)) = t.split_once(':')
            && let Some(is_start) = range_label(label)
        {
            let day = day_part(value);
            let Some(date) = parse_date(day).filter(readable) else {
                // With its time cut off, a date that cannot be (`31/02/2026, 23:59`)
                // is told, not read past.
                if looks_like_a_date_range(day, day) {
                    return Err(bad(day));
                }
                continue;
            };
            if is_start {
                start = Some((date, day));
            } else {
                end = Some((date, day));
            }
            // A pair is one range; the next pair is another.
            if let (Some((a, a_text)), Some((b, _))) = (start, end) {
                (start, end) = (None, None);
                let read = |o: Option<DayOrder>| Some((a.resolve(o, None)?, b.resolve(o, None)?));
                let numeric = [a, b]
                    .iter()
                    .any(|d| matches!(d, ParsedDate::Numeric { .. }));
                let (order, guess) = if !numeric {
                    (None, None)
                } else if told.is_some() {
                    (told, None)
                } else {
                    let ordered = |o| {
                        read(Some(o))
                            .filter(|(x, y)| x <= y && made_after(o, *x))
                            .map(|_| o)
                    };
                    let mut votes = DayOrderVotes::default();
                    votes.add(&a);
                    votes.add(&b);
                    match (ordered(DayOrder::MonthFirst), ordered(DayOrder::DayFirst)) {
                        (Some(o), None) | (None, Some(o)) => (Some(o), None),
                        _ => match votes.compact() {
                            Some((o, span, other)) => (Some(o), Some((o, Some((span, other))))),
                            None => match (order, read(Some(DayOrder::MonthFirst))) {
                                (Some(o), _) => (Some(o), Some((o, None))),
                                (None, Some(m)) => {
                                    let d = read(Some(DayOrder::DayFirst)).unwrap_or(m);
                                    return Err(BadRange {
                                        readings: Some([m, d]),
                                        ..bad(a_text)
                                    });
                                }
                                (None, None) => (Some(DayOrder::DayFirst), None),
                            },
                        },
                    }
                };
                if let Some((x, y)) = read(order) {
                    ranges_push(
                        &mut preamble,
                        (x, y, line),
                        order.filter(|_| numeric),
                        guess,
                    );
                }
            }
        } else if let Some((a, b)) = {
            // `Last 30 days (Aug 1, 2026 - Aug 30, 2026)`: the range in brackets.
            let t = match (t.find('('), t.rfind(')')) {
                (Some(open), Some(close)) if open < close => &t[open + 1..close],
                _ => t,
            };
            split_range(t)
        } {
            if let Some((a, b)) = range_ends(a, b, order) {
                preamble.ranges.push((a, b, line));
            } else if looks_like_a_date_range(a, b) {
                // Not a date in any order of its numbers (`08/32/2026`).
                let no_date = |d: Option<ParsedDate>| match d {
                    None => true,
                    Some(d @ ParsedDate::Numeric { .. }) => {
                        [DayOrder::MonthFirst, DayOrder::DayFirst]
                            .into_iter()
                            .all(|o| d.resolve(Some(o), None).is_none())
                    }
                    Some(_) => false,
                };
                match (parse_date(a.trim()), parse_date(b.trim())) {
                    (x, _) if no_date(x) => return Err(bad(a)),
                    (_, y) if no_date(y) => return Err(bad(b)),
                    // A day that the other end's year does not have (`Feb 29 - Mar
                    // 1, 2027`).
                    (Some(ParsedDate::YearLess { .. }), Some(ParsedDate::Full(_))) => {
                        return Err(bad(a));
                    }
                    (Some(ParsedDate::Full(_)), Some(ParsedDate::YearLess { .. })) => {
                        return Err(bad(b));
                    }
                    // Both orders make a range, and nothing tells which: read past,
                    // every row would be left without a date.
                    (
                        Some(x @ ParsedDate::Numeric { .. }),
                        Some(y @ ParsedDate::Numeric { .. }),
                    ) => {
                        let read = |o| Some((x.resolve(Some(o), None)?, y.resolve(Some(o), None)?));
                        if let (Some(m), Some(d)) =
                            (read(DayOrder::MonthFirst), read(DayOrder::DayFirst))
                        {
                            return Err(BadRange {
                                readings: Some([m, d]),
                                ..bad(a)
                            });
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    Ok(preamble)
}

/// What a preamble states: its ranges, the order their slashed dates were read in,
/// and how that order was guessed when no date told it.
#[derive(Debug, Default, PartialEq)]
struct Preamble {
    ranges: Vec<(NaiveDate, NaiveDate, u64)>,
    order: Option<DayOrder>,
    /// Read so the range is short (with its span and the other reading's), or in
    /// the layout's convention (`None`): said in a note.
    guess: Option<(DayOrder, Option<(Span, Span)>)>,
}

fn ranges_push(
    preamble: &mut Preamble,
    range: (NaiveDate, NaiveDate, u64),
    order: Option<DayOrder>,
    guess: Option<(DayOrder, Option<(Span, Span)>)>,
) {
    preamble.ranges.push(range);
    preamble.order = preamble.order.or(order);
    preamble.guess = preamble.guess.or(guess);
}

/// A labelled preamble value's date, without the time after it: `8/1/2026, 12:00
/// AM`, `September 21, 2026, 12:00 AM`, `September 20, 2026 at 3:04 PM`.
fn day_part(value: &str) -> &str {
    let value = value.trim().trim_matches('"');
    match value.split_once(" at ") {
        Some((day, _)) => day,
        None => match value.rsplit_once(',') {
            Some((day, time)) if time.contains(':') => day,
            _ => value,
        },
    }
    .trim()
}

/// What the slashed dates of a preamble's labelled lines (a range's start and end,
/// `Date Generated:`) say of their order together.
fn preamble_votes(lines: &[(u64, String)]) -> DayOrderVotes {
    let mut votes = DayOrderVotes::default();
    for (_, text) in lines {
        let t = text.trim_start_matches('#').trim().trim_matches('"');
        if let Some((label, value)) = t.split_once(':')
            && (range_label(label).is_some() || label.trim().eq_ignore_ascii_case("date generated"))
            && let Some(date) = parse_date(day_part(value))
        {
            votes.add(&date);
        }
    }
    votes
}

/// A range's two ends as written: `Aug 1, 2026 - Aug 31, 2026`, with an en dash,
/// or GA4's compact `20260801-20260831`.
pub(super) fn split_range(t: &str) -> Option<(&str, &str)> {
    t.split_once(" - ")
        .or_else(|| t.split_once(" – "))
        .or_else(|| {
            (t.len() == 17 && t.as_bytes()[8] == b'-')
                .then(|| t.split_at(8))
                .map(|(a, b)| (a, &b[1..]))
        })
        .or_else(|| {
            // `1–30 Sept 2026`, `1.–30. Sept. 2026`: a start of only its day, the
            // dash unspaced.
            let (a, b) = t.split_once(['–', '-'])?;
            bare_day(a).map(|_| (a, b))
        })
}

/// A range's start written as its day alone (`1`, `1.`): the end's month and year.
fn bare_day(text: &str) -> Option<u32> {
    let t = text.trim().trim_end_matches('.');
    (!t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
}

/// A `Date range` cell read as the row's own range ([`Target::DateRange`]).
fn cell_range(text: &str, order: Option<DayOrder>) -> Option<(NaiveDate, NaiveDate)> {
    let (a, b) = split_range(super::value::trim(text))?;
    range_ends(a, b, order).filter(|(a, b)| a <= b)
}

/// A preamble line written as a date range whose date is not one.
#[derive(Debug)]
struct BadRange {
    line: u64,
    text: String,
    date: String,
    /// The range read month-first and day-first, when it is both.
    readings: Option<[Span; 2]>,
}

/// Whether two texts are written as the ends of a date range ([`looks_like_a_date`]),
/// one with a year (four digits, or GA4's `20260832`) and one with two numbers or
/// more: `Aug 1 - Aug 31, 2026` is, `Version 2 - 2026` and `Q3 2026 - Q4 2026` are not.
fn looks_like_a_date_range(a: &str, b: &str) -> bool {
    let numbers = |s: &str| -> Vec<usize> {
        s.split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty())
            .map(str::len)
            .collect()
    };
    let (x, y) = (numbers(a), numbers(b));
    let compact = x == [8] && y == [8];
    compact
        || (looks_like_a_date(a)
            && looks_like_a_date(b)
            && x.iter().chain(&y).any(|&n| n == 4)
            && (x.len() >= 2 || y.len() >= 2))
}

/// Whether a text is written as a whole date, possible or not, with nothing else:
/// numbers alone (`08/32/2026`, `2026-02-30`, `20260832`, a year-less `12/12`), or
/// one or two words (a month, `thg`) with a day of one or two digits (`Agust 31,
/// 2026`, `1 thg 8, 2026`, `31st Aug`, a year-less `Feb 29`) and at most one year of
/// four digits. A title's `Brand 2026` (no day) or `08/15 push` (a word after a
/// slashed date) is no date.
fn looks_like_a_date(text: &str) -> bool {
    let text = text.trim();
    if text.is_empty()
        || !text
            .chars()
            .all(|c| c.is_alphanumeric() || c.is_whitespace() || ",./-".contains(c))
    {
        return false;
    }
    let parts: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || ",./-".contains(c))
        .filter(|p| !p.is_empty())
        .collect();
    let mut words = 0;
    let (mut short, mut years, mut compact) = (0, 0, 0);
    for part in &parts {
        let digits = part.chars().take_while(char::is_ascii_digit).count();
        let rest = &part[digits..];
        if digits == 0 && rest.chars().all(char::is_alphabetic) {
            words += 1;
            continue;
        }
        if !(rest.is_empty() || ["st", "nd", "rd", "th"].contains(&rest)) {
            return false;
        }
        match digits {
            1 | 2 => short += 1,
            4 => years += 1,
            8 => compact += 1,
            _ => return false,
        }
    }
    if compact > 0 {
        return parts.len() == 1;
    }
    if years > 1 {
        return false;
    }
    if words == 0 {
        // Day, month and year; or day and month.
        return short + years == 3 || (short == 2 && years == 0);
    }
    // A month written as a word: with a day, never among slashes.
    !text.contains('/') && words <= 2 && (1..=2).contains(&short)
}

/// The day a preamble says the file was made: LinkedIn Campaign Manager's `Date
/// Generated: 9/20/2026, 9:15 AM` (or `September 20, 2026 at 3:04 PM`), slashed in
/// the order its numbers tell, else in `order` (the preamble's range's, else the
/// rows').
/// The note that dates were read in the order that keeps them together, with the
/// span the other order would give.
fn compact_warning(
    order: DayOrder,
    (from, to): (NaiveDate, NaiveDate),
    (other_from, other_to): (NaiveDate, NaiveDate),
) -> crate::i18n::Message {
    let message = match order {
        DayOrder::DayFirst => crate::msg!(
            "warning.day_first_compact",
            from = from,
            to = to,
            other_from = other_from,
            other_to = other_to
        ),
        DayOrder::MonthFirst => crate::msg!(
            "warning.month_first_compact",
            from = from,
            to = to,
            other_from = other_from,
            other_to = other_to
        ),
    };
    message.dates(&["from", "to", "other_from", "other_to"])
}

fn generated_day(lines: &[(u64, String)], order: Option<DayOrder>) -> Option<NaiveDate> {
    lines.iter().find_map(|(_, text)| {
        let t = text.trim_matches('"');
        let (label, value) = t.split_once(':')?;
        if !label.trim().eq_ignore_ascii_case("date generated") {
            return None;
        }
        let day = parse_date(day_part(value))?;
        let mut votes = DayOrderVotes::default();
        votes.add(&day);
        day.resolve(votes.decide().ok().flatten().or(order), None)
    })
}

/// Whether a preamble label names the start (`true`) or the end of the range, in
/// the languages of the analytics UIs: `Start date`, `Date de début`, `Fecha de
/// inicio`, `Startdatum`, `Data de início`, `Ngày bắt đầu`, `Tanggal mulai`; `End
/// date`, `Date de fin`, `Fecha de finalización`, `Enddatum`, `Data de término`,
/// `Ngày kết thúc`, `Tanggal akhir`. A word of the label decides, so `Account:` or
/// `Propriété :` are no range.
fn range_label(label: &str) -> Option<bool> {
    const START: &[&str] = &[
        "start",
        "début",
        "debut",
        "inicio",
        "início",
        "startdatum",
        "beginn",
        "bắt",
        "mulai",
        "awal",
    ];
    const END: &[&str] = &[
        "end",
        "fin",
        "finalización",
        "término",
        "termino",
        "final",
        "enddatum",
        "ende",
        "kết",
        "akhir",
        "selesai",
    ];
    let lower = crate::dataset::compose(label).to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() > 4 {
        return None;
    }
    if words.iter().any(|w| START.contains(w)) {
        Some(true)
    } else if words.iter().any(|w| END.contains(w)) {
        Some(false)
    } else {
        None
    }
}

/// The two ends of a written range. A start without a year takes the end's (the
/// year before when its month comes later: `Dec 20 - Jan 5, 2027`), and an end of
/// a day and year the start's month (`Aug 1 - 30, 2026`); numeric ends are read in
/// the order their values tell (`08/31/2026` can only be month-first), else the one
/// order that puts the start before the end, else the one under which they lie
/// much closer together ([`DayOrderVotes::compact`]: `08/01/2026 - 08/07/2026` is
/// a week of August, not January to July), else the layout's.
fn range_ends(a: &str, b: &str, order: Option<DayOrder>) -> Option<(NaiveDate, NaiveDate)> {
    // `1 - 30 Sep 2026`, `1–30 thg 9, 2026`: the start is that day of the end's month.
    if let Some(day) = bare_day(a)
        && let Some(ParsedDate::Full(y)) = parse_date(b.trim())
    {
        return y.with_day(day).filter(|x| *x <= y).map(|x| (x, y));
    }
    let first = parse_date(a.trim())?;
    let last = parse_date(b.trim()).or_else(|| {
        let month = a.trim().trim_end_matches(|c: char| c.is_ascii_digit());
        (matches!(first, ParsedDate::YearLess { .. })
            && b.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        .then(|| parse_date(&format!("{month}{}", b.trim())))
        .flatten()
    })?;
    match (first, last) {
        (ParsedDate::Full(x), ParsedDate::Full(y)) => Some((x, y)),
        (ParsedDate::YearLess { month, day }, ParsedDate::Full(y)) => {
            let year = chrono::Datelike::year(&y);
            let x = NaiveDate::from_ymd_opt(year, month, day)
                .filter(|x| *x <= y)
                .or_else(|| NaiveDate::from_ymd_opt(year - 1, month, day))?;
            Some((x, y))
        }
        // `Aug 1, 2026 - Aug 31`: an end without a year takes the start's (the year
        // after when its month comes earlier).
        (ParsedDate::Full(x), ParsedDate::YearLess { month, day }) => {
            let year = chrono::Datelike::year(&x);
            let y = NaiveDate::from_ymd_opt(year, month, day)
                .filter(|y| *y >= x)
                .or_else(|| NaiveDate::from_ymd_opt(year + 1, month, day))?;
            Some((x, y))
        }
        (ParsedDate::Numeric { .. }, ParsedDate::Numeric { .. }) => {
            let mut votes = DayOrderVotes::default();
            votes.add(&first);
            votes.add(&last);
            let read = |o| Some((first.resolve(Some(o), None)?, last.resolve(Some(o), None)?));
            if let Some(o) = votes.decide().ok()? {
                return read(o);
            }
            let ordered = |o| read(o).filter(|(x, y)| x <= y);
            match (ordered(DayOrder::MonthFirst), ordered(DayOrder::DayFirst)) {
                (Some(r), None) | (None, Some(r)) => Some(r),
                _ => votes.compact().map(|(o, ..)| o).or(order).and_then(read),
            }
        }
        _ => None,
    }
}

/// Reads one table with its matched layout into the builder; returns what was read.
/// `None` when an open table ([`single_table`]) turns out to be followed by another:
/// nothing was read then, and the text is to be split into tables first.
/// Reads a table's rows into `builder`; an open table of a large file in up to
/// `parts` parts at once. `None` when an open table turns out to be followed by
/// another (nothing is then kept).
pub fn read_table(
    path: &Path,
    table: &Table<'_>,
    matched: &Matched<'_>,
    context: &FileContext,
    parts: usize,
    builder: &mut Builder,
) -> Result<Option<TableInfo>, InputError> {
    read_layout_table(path, table, matched, context, parts, builder).map_err(|mut e| {
        // A value the column's target refuses (text in a metric) when the mapping's
        // target is a letter off a built-in name (`content_typ`): the slip is the
        // likely cause, so the error says so.
        for w in &matched.layout.warnings {
            let column = w.args.iter().find(|(k, _)| *k == "column");
            if let (Some((_, column)), Some(at)) = (column, &e.column)
                && at.ends_with(&format!("(`{column}`)"))
            {
                e.message = format!("{}\n{}", e.message, w.text(crate::i18n::current()));
            }
        }
        e
    })
}

fn read_layout_table(
    path: &Path,
    table: &Table<'_>,
    matched: &Matched<'_>,
    context: &FileContext,
    parts: usize,
    builder: &mut Builder,
) -> Result<Option<TableInfo>, InputError> {
    let layout = matched.layout;
    let header = matched.header_record(table);
    // A column name written as a formula without its value is unknown: its column
    // would be dropped unseen.
    if let Some((_, column, message)) = header.unsaved.first() {
        return Err(InputError {
            path: path.to_path_buf(),
            line: Some(header.line),
            column: Some(column.clone()),
            message: message.clone(),
        });
    }
    // A header that counts its amounts in thousands (`Doanh thu (nghìn đồng)`) read
    // as written would be a thousand times too small: refused unless mapped with a
    // scale.
    for (i, cell) in matched.cells.iter().enumerate() {
        if let Some((column, _)) = cell
            && let Target::Metric(metric, scale) = &column.target
            && *scale == 1.0
            && let Some((word, by)) = super::layout::header_scale(&header.cells[i])
        {
            let name = header.cells[i].trim();
            return Err(InputError {
                path: path.to_path_buf(),
                line: Some(header.line),
                column: Some(format!("{} (`{name}`)", table.text.column(i))),
                message: crate::say!(
                    "error.header_scale",
                    word = word,
                    by = crate::render::plain_number(by),
                    metric = if metric.is_empty() {
                        "…"
                    } else {
                        metric.as_str()
                    },
                    header = name
                ),
            });
        }
    }
    let header_len = header.cells.len();
    // The header's named columns: empty cells after them are an editor's padding.
    let named_len = header
        .cells
        .iter()
        .rposition(|c| !super::value::trim(c).is_empty())
        .map_or(0, |i| i + 1);
    let err = |line: u64, index: Option<usize>, message: String| InputError {
        path: path.to_path_buf(),
        line: Some(line),
        column: index.map(|i| {
            format!(
                "{} (`{}`)",
                table.text.column(i),
                header.cells.get(i).map_or("", |h| h.trim())
            )
        }),
        message,
    };
    let wrong_symbol = |line: u64, i: usize, text: &str, symbol: Symbol, currency: &str| {
        err(
            line,
            Some(i),
            crate::say!(
                "error.currency_symbol",
                value = format!("{:?}", text.trim()),
                symbol = symbol.text,
                currency = currency.trim()
            ),
        )
    };

    // Lines above the header that are not the header: titles and preambles, whole
    // (an unquoted `Aug 1, 2026 - Aug 31, 2026` is split at its commas; an editor's
    // empty cells after it are not part of it).
    let above: Vec<(u64, String)> = table
        .preamble
        .iter()
        .chain(&table.head[..matched.header])
        .map(|r| {
            let cells: Vec<&str> = r.cells.iter().collect();
            let line = cells.join(",");
            (r.line, line.trim_end_matches([',', ' ']).to_owned())
        })
        .collect();
    // GA4's preamble names the property (and account) the report is of: two
    // properties' reports are two accounts' numbers, never one export's overlap.
    let preamble_account: Option<String> = {
        // The whole line: a name may hold the file's delimiter (`Acme, Inc.`).
        let lines: Vec<String> = table
            .preamble
            .iter()
            .map(|r| r.cells.iter().collect::<Vec<_>>().join(","))
            .collect();
        let owners: Vec<(bool, &str)> = lines.iter().filter_map(|l| preamble_owner(l)).collect();
        owners
            .iter()
            .find(|(property, _)| *property)
            .or_else(|| owners.first())
            .map(|(_, name)| name.trim_end_matches([',', ' ']).to_owned())
    };
    // Rows that carry their own dates need no range line to date them: one whose
    // order nothing decides (`08/01/2026 - 09/02/2026`) is passed over then.
    let dated_rows = matched.cells.iter().any(|c| {
        c.as_ref().is_some_and(|(c, _)| {
            matches!(
                c.target,
                Target::Date | Target::PublishTime | Target::Day | Target::Period
            )
        })
    });
    // Above dated rows, a range whose dates tell no order is read in the order the
    // rows are ([`Tally::decide`]), once they are read: in the layout's convention
    // it could contradict them unseen.
    let mut undecided: Option<([Span; 2], u64)> = None;
    let preamble = match preamble_range(&above, layout.day_order.filter(|_| !dated_rows)) {
        Err(BadRange {
            readings: Some(readings),
            line,
            ..
        }) if dated_rows => {
            undecided = Some((readings, line));
            Ok(Preamble::default())
        }
        other => other,
    }
    .map_err(|bad| {
        let message = match bad.readings {
            Some([(a, b), (c, d)]) => crate::say!(
                "error.range_ambiguous",
                value = format!("{:?}", bad.text),
                month_first = crate::i18n::date_range(crate::i18n::current(), a, b),
                day_first = crate::i18n::date_range(crate::i18n::current(), c, d)
            ),
            None => crate::say!(
                "error.range_bad_date",
                value = format!("{:?}", bad.text),
                date = format!("{:?}", bad.date)
            ),
        };
        err(bad.line, None, message)
    })?;
    let check_range = |(start, end): Span, line: u64| -> Result<(), InputError> {
        if end < start {
            return Err(err(
                line,
                None,
                crate::say!("error.range_reversed", start = start, end = end),
            ));
        }
        for d in [start, end] {
            let text = above
                .iter()
                .find(|(l, _)| *l == line)
                .map_or("", |(_, t)| t.trim());
            if let Some(message) = super::value::year_error(d, text) {
                return Err(err(line, None, message));
            }
        }
        Ok(())
    };
    let mut ranges: Vec<(NaiveDate, NaiveDate, u64)> = Vec::new();
    for &(start, end, line) in &preamble.ranges {
        check_range((start, end), line)?;
        // The same range said twice (a title and a `Start date` pair) is one.
        if !ranges.iter().any(|(a, b, _)| (*a, *b) == (start, end)) {
            ranges.push((start, end, line));
        }
    }
    // A `Date range` column says each row's own range (GA4's comparisons).
    let range_column = matched.cells.iter().position(|c| {
        c.as_ref()
            .is_some_and(|(c, _)| c.target == Target::DateRange)
    });
    let range = match ranges[..] {
        [] => None,
        [(start, end, _)] => Some((start, end)),
        // Two ranges (a comparison) with rows that say which is theirs.
        _ if range_column.is_some() => None,
        // Two ranges and nothing to tell which rows are whose: guessing one would
        // add the other's numbers into it.
        [(a, b, _), (c, d, line), ..] => {
            return Err(err(
                line,
                None,
                crate::say!(
                    "error.range_two",
                    first = crate::i18n::date_range(crate::i18n::current(), a, b),
                    second = crate::i18n::date_range(crate::i18n::current(), c, d)
                ),
            ));
        }
    };
    let title = table.head[..matched.header]
        .iter()
        .rev()
        .find(|r| r.cells.iter().filter(|c| !c.trim().is_empty()).count() == 1)
        .map(|r| r.first().to_owned());

    // Columns an earlier column of the same name took, with that column: their
    // cells are not read, so a row where they say otherwise is told.
    let mut repeats: Vec<(usize, usize, bool)> = Vec::new();
    // Columns without a name: not read, so a row with a value in one is told.
    let mut headerless: Vec<usize> = Vec::new();
    let mut info = TableInfo {
        layout: layout.name.clone(),
        header_line: header.line,
        columns: Vec::new(),
        unmapped: Vec::new(),
        rows: 0,
    };
    for (i, cell) in matched.cells.iter().enumerate() {
        // Header cells can hold line breaks (LinkedIn); shown on one line.
        let name = header.cells[i]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        match cell {
            Some((column, currency)) => info.columns.push(ColumnMapping {
                header: name,
                target: describe(&column.target, currency.as_ref().map(HeaderCurrency::shown)),
            }),
            None if name.is_empty() => headerless.push(i),
            None => {
                // A column the layout knows, under a name an earlier column already
                // took: the first is read, this one is said to repeat it.
                let normalized = normalize_header(&header.cells[i]).0;
                let first = layout
                    .columns
                    .iter()
                    .find(|c| c.aliases.contains(&normalized))
                    .and_then(|column| {
                        matched
                            .cells
                            .iter()
                            .position(|m| m.as_ref().is_some_and(|(c, _)| std::ptr::eq(*c, column)))
                    });
                // Classic Facebook writes every name twice on purpose (Total
                // Count, then Unique Users), and a ranked column's names differ by
                // design (LinkedIn's organic before total): the first is read, as
                // documented. Another repeat is one measure written twice.
                let by_design = layout.description_row
                    || (layout.columns.iter())
                        .find(|c| c.aliases.contains(&normalized))
                        .is_some_and(|c| c.ranked);
                // Only the same name written twice is one measure twice: two names
                // of one metric (Google Ads' `Conv. value` and `All conv. value`, a
                // CRM's `Lifecycle Stage` and `Lead Status`) are two measures, of
                // which the layout reads the first, as documented.
                if let Some(j) = first
                    && !by_design
                {
                    let (theirs, their_currency) = normalize_header(&header.cells[j]);
                    if theirs == normalized {
                        let currency = normalize_header(&header.cells[i]).1;
                        repeats.push((i, j, currency != their_currency));
                    }
                }
                match first {
                    Some(j) => info.columns.push(ColumnMapping {
                        header: name,
                        target: crate::msg!(
                            "inspect.target.same_as",
                            column = header.cells[j]
                                .split_whitespace()
                                .collect::<Vec<_>>()
                                .join(" ")
                        ),
                    }),
                    None => info.unmapped.push(name),
                }
            }
        }
    }
    // A column not read whose name holds the name of a metric the export has no
    // column for (`Lượt cảm xúc` beside no `Cảm xúc`) is likely that metric under
    // another wording: said, since the metric would otherwise be missing unseen.
    // A `Results` column counts whatever its rows' result type says: leads,
    // purchases, conversions… are all read through it.
    let results_read = matched
        .cells
        .iter()
        .flatten()
        .any(|(c, _)| c.target == Target::Results);
    let read_metrics: Vec<&str> = matched
        .cells
        .iter()
        .flatten()
        .filter_map(|(c, _)| match &c.target {
            Target::Metric(m, _) => Some(m.as_str()),
            _ => None,
        })
        .chain(
            results_read
                .then_some([
                    "leads",
                    "purchases",
                    "conversions",
                    "link_clicks",
                    "reach",
                    "impressions",
                    "saves",
                    "video_views",
                    "followers_gained",
                ])
                .into_iter()
                .flatten(),
        )
        .collect();
    for name in &info.unmapped {
        let normalized = normalize_header(name).0;
        let words: Vec<&str> = normalized.split_whitespace().collect();
        // A value's column names what it is the value of (`Purchases conversion
        // value (7-day click)`): the longest name it holds is what it is, and a
        // value is never taken for a count.
        let value = CONVERSION_VALUE.iter().any(|v| normalized.contains(v));
        let hint = layout
            .columns
            .iter()
            .filter_map(|c| {
                let Target::Metric(metric, _) = &c.target else {
                    return None;
                };
                if read_metrics.contains(&metric.as_str())
                    || value && !crate::model::is_money(metric)
                {
                    return None;
                }
                c.aliases
                    .iter()
                    .filter(|a| a.chars().count() >= 4 && **a != normalized)
                    .filter(|a| {
                        let alias: Vec<&str> = a.split_whitespace().collect();
                        words.windows(alias.len()).any(|w| w == alias.as_slice())
                    })
                    .min_by_key(|a| std::cmp::Reverse(a.split_whitespace().count()))
                    .map(|a| (metric.clone(), a.clone()))
            })
            .min_by_key(|(_, a)| std::cmp::Reverse(a.split_whitespace().count()));
        if let Some((metric, alias)) = hint {
            builder.warn(crate::msg!(
                "warning.column_like_metric",
                column = name,
                metric = metric,
                alias = alias
            ));
        }
    }
    // A column not read as the sum of metrics read on their own (Business Suite's
    // `Reactions, Comments and Shares`) holds those the export has no column of.
    for (i, cell) in matched.cells.iter().enumerate() {
        if !cell
            .as_ref()
            .is_some_and(|(c, _)| c.target == Target::Derived)
        {
            continue;
        }
        let Some(parts) = super::layout::summed_parts(&normalize_header(&header.cells[i]).0) else {
            continue;
        };
        let missing: Vec<&str> = parts
            .iter()
            .filter(|p| !read_metrics.contains(p))
            .copied()
            .collect();
        if !missing.is_empty() {
            let quoted = |names: &[&str]| {
                names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            builder.warn(crate::msg!(
                "warning.summed_column",
                column = header.cells[i]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                parts = quoted(parts),
                missing = quoted(&missing)
            ));
        }
    }
    if let Some(results) = layout.columns.iter().find(|c| c.target == Target::Results) {
        let names: Vec<(String, Option<HeaderCurrency>)> =
            header.cells.iter().map(normalize_header).collect();
        let shown = |i: usize| {
            header.cells[i]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        let read = matched
            .cells
            .iter()
            .position(|c| c.as_ref().is_some_and(|(c, _)| c.target == Target::Results));
        match read {
            Some(i) => {
                if attribution_window(results, &names[i].0).is_some() {
                    // The window as the header writes it, not lowercased.
                    let column = shown(i);
                    let window = column
                        .split_once(" (")
                        .map_or("", |(_, w)| w.strip_suffix(')').unwrap_or(w))
                        .trim();
                    builder.warn(crate::msg!(
                        "warning.results_window",
                        column = column,
                        window = format!("`{window}`")
                    ));
                }
            }
            None => {
                let windows = results_windows(results, &names, &matched.cells);
                if !windows.is_empty() {
                    let columns = windows
                        .iter()
                        .map(|&i| format!("`{}`", shown(i)))
                        .collect::<Vec<_>>()
                        .join(", ");
                    builder.warn(crate::msg!("warning.results_windows", columns = columns));
                }
            }
        }
    }
    // The metric of a single-metric export comes from its title line.
    let series_metric = layout.title_metric.then(|| {
        let t = title.clone().unwrap_or_default();
        super::layout::series_metric(&t).map_or_else(
            || {
                // A title roi does not know is a metric of its own: said, since a
                // goal on a known one would otherwise have no data without a word.
                let name = metric_name(&t);
                builder.warn(crate::msg!(
                    "warning.series_title_unknown",
                    title = t,
                    metric = name
                ));
                name
            },
            str::to_owned,
        )
    });
    let platform_hint = layout.platform.clone().or_else(|| {
        let text = format!(
            "{} {}",
            title.as_deref().unwrap_or(""),
            path.to_string_lossy()
        )
        .to_lowercase();
        [
            "instagram",
            "facebook",
            "tiktok",
            "youtube",
            "linkedin",
            "pinterest",
            "twitter",
        ]
        .into_iter()
        .find(|p| text.contains(p))
        .map(str::to_owned)
    });

    // Meta's single-metric series serve Facebook and Instagram alike: only the title
    // or the file name can say which, and a goal on one platform misses rows that
    // name none.
    if layout.title_metric && platform_hint.is_none() {
        builder.warn(crate::msg!("warning.series_no_platform"));
    }
    // Rows without a platform from the layout, the file or a column: their post's
    // link or type may name it.
    let infer_post_platform = platform_hint.is_none() && !layout.platform_from_source;

    // Each table is an export of its own: another table of the file may hold the
    // same rows (a sheet copied), other dates (a month per sheet) or another level
    // (a sheet by day, one by campaign), which reading them all tells apart.
    builder.start_table(match &table.text.sheet {
        Some(sheet) => crate::say!("where.sheet", sheet = sheet),
        None => crate::say!("where.table", line = header.line),
    });
    // A list of records (a mapping's `per_row` as much as HubSpot's contacts) is no
    // export of its own: it stands for its platform beside any export, so its leads
    // are the ones an ads export's spend bought.
    // A mapping read in place of a built-in layout (a re-saved download with its
    // own date format) reads that export: its rows are of its kind, so that they are
    // the same numbers as the rest of its download (YouTube's chart data beside a
    // mapped `Totals.csv`), a level of it, and not added to it.
    let kind = matched
        .displaced
        .filter(|d| {
            layout.per_row.is_none()
                && d.per_row.is_none()
                && !d.title_metric
                // Another platform's file of the same shape (Bing's in Google Ads'
                // columns) is no download of that export.
                && (layout.platform.is_none() || d.platform.is_none() || layout.platform == d.platform)
        })
        .unwrap_or(layout);
    builder.set_kind(
        &match &series_metric {
            Some(metric) => format!("{}:{metric}", kind.id),
            None => kind.id.clone(),
        },
        layout.per_row.is_none().then_some(kind.name.as_str()),
    );
    if let Some((metric, _)) = &layout.per_row {
        // A list of leads (a CRM's contacts, a mapping's `per_row = "leads"`) has a
        // row per lead, an id once; other records (purchases of one customer,
        // comments on one post) may share an id.
        builder.set_records(metric == "leads");
    }
    let money =
        matched.cells.iter().flatten().any(
            |(c, _)| matches!(&c.target, Target::Metric(name, _) if crate::model::is_money(name)),
        );
    if !money {
        builder.set_moneyless();
    }
    // A platform's series (TikTok's overview, a GA4 table by date, a Meta Ads
    // report of the account by `Day`) has a row per day: only its date tells its
    // rows apart. A mapping, a list of records and a table with any other breakdown
    // (an hour, a campaign) may hold several rows of one day, all counted.
    let series = !layout.id.starts_with("mapping-")
        && layout.per_row.is_none()
        && matched
            .cells
            .iter()
            .flatten()
            // GA4's `Nth day` is its date, counted from the range's start.
            .any(|(c, _)| matches!(c.target, Target::Date | Target::NthDay | Target::Day))
        // A column roi does not read may be a breakdown (a region, a page): rows
        // of one day are then no repeats, and a table of them may be large. A
        // reporting range and what the results count describe the day, and
        // break nothing down.
        && matched.cells.iter().all(|c| {
            c.as_ref().is_some_and(|(c, _)| {
                matches!(
                    c.target,
                    Target::Date
                        | Target::NthDay
                        | Target::Day
                        | Target::EndDate
                        | Target::Results
                        | Target::ResultType
                        | Target::Metric(..)
                        | Target::Derived
                        | Target::Sponsored
                        | Target::ExportDay
                )
            })
        });
    // A content table (a row per post or video, Business Suite's or TikTok's
    // content export) holds each post once, as a series each day: a post is its
    // id, and what breaks its numbers down (a traffic source) the rest of its key.
    let posts = !series
        && !layout.id.starts_with("mapping-")
        && layout.per_row.is_none()
        && matched
            .cells
            .iter()
            .flatten()
            .any(|(c, _)| c.target == Target::Dim(Dimension::ContentId));
    let series = series || posts;
    if series {
        builder.set_series();
    }

    // A month's number alone places a row only when the range holds that month once.
    let month_alone = range.filter(|&(a, b)| {
        let index = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
        index(b) - index(a) < 12
    });
    let month_of_year = matched.cells.iter().position(|c| {
        c.as_ref()
            .is_some_and(|(col, _)| col.target == Target::MonthOfYear)
    });
    let date_column = {
        let find = |want: fn(&Target) -> bool| {
            matched
                .cells
                .iter()
                .position(|c| c.as_ref().is_some_and(|(col, _)| want(&col.target)))
        };
        find(|t| *t == Target::Day)
            .or_else(|| find(|t| *t == Target::Period))
            .or_else(|| find(|t| *t == Target::Date))
            .or_else(|| find(|t| *t == Target::NthDay))
            .or_else(|| find(|t| *t == Target::DateRange))
            .or_else(|| find(|t| *t == Target::Week))
            .or_else(|| find(|t| *t == Target::Month))
            .or_else(|| find(|t| *t == Target::Quarter))
            .or_else(|| find(|t| *t == Target::Year))
            .or_else(|| find(|t| *t == Target::MonthOfYear).filter(|_| month_alone.is_some()))
            .or_else(|| find(|t| *t == Target::PublishTime))
    };
    // A comparison's `Date range` beside another date column (`Nth day`): the range
    // each row's days count in.
    let range_column = matched.cells.iter().position(|c| {
        c.as_ref()
            .is_some_and(|(col, _)| col.target == Target::DateRange)
    });
    let target_of = |i: usize| matched.cells[i].as_ref().map(|(c, _)| &c.target);
    // A week, month, quarter or year segment: each row covers the whole period its
    // date starts.
    let segment = date_column
        .and_then(target_of)
        .filter(|t| {
            matches!(
                t,
                Target::Week | Target::Month | Target::Quarter | Target::Year | Target::MonthOfYear
            )
        })
        .map(|t| match t {
            // A year with a month's number beside it is that month.
            Target::Year if month_of_year.is_some() => Target::Month,
            Target::MonthOfYear => Target::Month,
            t => t.clone(),
        });
    // Columns that name a time of day: the publish time, or an hour (TikTok follower
    // activity).
    let publish_column = date_column.filter(|&i| target_of(i) == Some(&Target::PublishTime));
    let hour_column = (0..matched.cells.len()).find(|&i| target_of(i) == Some(&Target::Hour));
    let length_column =
        (0..matched.cells.len()).find(|&i| target_of(i) == Some(&Target::VideoLengthMs));
    let duration_column = (0..matched.cells.len())
        .find(|&i| target_of(i) == Some(&Target::Dim(Dimension::VideoDuration)));
    // An ads report's breakdown columns (Meta's `Age`, `Gender`…) are one segment of
    // the row, each value after its header, so that segments of one campaign-day
    // never share a key and an `Age` report's keys are not an `Age`+`Gender` one's.
    let breakdown_columns: Vec<usize> = (0..matched.cells.len())
        .filter(|&i| target_of(i) == Some(&Target::Dim(Dimension::Breakdown)))
        .collect();
    // Each segment is told by its column's English name whatever the language of
    // the download (`Độ tuổi` is `Age`): the same report downloaded in two
    // languages holds the same keys.
    let breakdown_labels: Vec<String> = breakdown_columns
        .iter()
        .map(|&i| {
            let name = matched.cells[i]
                .as_ref()
                .and_then(|(column, _)| column.aliases.first())
                .map_or_else(|| header.cells[i].trim().to_owned(), Clone::clone);
            let mut chars = name.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        })
        .collect();
    // Which of the layout's breakdowns the file has, as bits: an `Age` report is a
    // level above an `Age`+`Gender` one, and beside a `Country` one another
    // breakdown of the same totals.
    let segments = breakdown_columns
        .iter()
        .filter_map(|&i| {
            let (column, _) = matched.cells[i].as_ref()?;
            matched
                .layout
                .columns
                .iter()
                .filter(|c| c.target == Target::Dim(Dimension::Breakdown))
                .position(|c| std::ptr::eq(c, *column))
        })
        .fold(0u32, |bits, p| bits | 1 << p);
    let day_override = date_column.is_some_and(|i| {
        matched.cells[i]
            .as_ref()
            .is_some_and(|(c, _)| matches!(c.target, Target::Day | Target::Period))
    });
    // A `Day` breakdown makes each row that day (a `Month` one that month): the
    // reporting end is then not read.
    let end_column = (0..matched.cells.len())
        .find(|&i| target_of(i) == Some(&Target::EndDate))
        .filter(|_| !day_override);
    // Beside a `Day` breakdown, the reporting start and end say the range the daily
    // rows cover: a day in it without a row is a day with nothing (a campaign that
    // stopped on the 29th of a report through the 31st).
    let stated_columns = day_override
        .then(|| {
            let start = (0..matched.cells.len()).find(|&i| target_of(i) == Some(&Target::Date))?;
            let end = (0..matched.cells.len()).find(|&i| target_of(i) == Some(&Target::EndDate))?;
            Some((start, end))
        })
        .flatten();
    // Why a row without a date is skipped: a table with no date column roi knows
    // may have one under a name it does not (a column of dates), which a mapping
    // can name.
    let no_date = |record: &Record| {
        let unread = date_column.is_none().then(|| {
            header
                .cells
                .iter()
                .zip(&matched.cells)
                .zip(&record.cells)
                .find(|((h, c), v)| {
                    c.is_none()
                        && !h.trim().is_empty()
                        && (parse_date(v).is_some()
                            || segment_of(h) == "month" && super::value::parse_month(v).is_some())
                })
                .map(|((h, _), _)| h.trim())
        });
        match unread.flatten() {
            Some(column) => crate::msg!(
                "skip.no_date_column",
                column = column,
                target = segment_of(column)
            ),
            None => crate::msg!("skip.no_date"),
        }
    };

    // First pass: which records are data, and what the whole table says about
    // them: the day order of its dates, the years of year-less dates, the decimal
    // mark, the export day. Only those are kept; the records are read again below.
    let mut skip_if: Vec<(usize, &String)> = Vec::new();
    for (column, value, written) in &layout.skip_if {
        let at = header
            .cells
            .iter()
            .position(|h| normalize_header(h).0 == *column);
        // A key the header does not have would skip nothing, silently.
        let Some(at) = at else {
            let columns: Vec<&str> = header
                .cells
                .iter()
                .map(str::trim)
                .filter(|h| !h.is_empty())
                .collect();
            return Err(err(
                header.line,
                None,
                crate::say!(
                    "error.skip_if_column",
                    layout = layout.name,
                    key = written,
                    hint = crate::kpi::did_you_mean(written, columns.iter().copied()),
                    columns = columns.join(", ")
                ),
            ));
        };
        skip_if.push((at, value));
    }
    // Meta Ads Manager's "Include summary row" writes the whole range's totals on a
    // row whose name columns (account, campaign, ad set, ad) are all empty, above
    // rows that have names: that row is a total.
    let meta_ads = layout.id == "meta-ads";
    let name_columns: Vec<usize> = if meta_ads {
        matched
            .cells
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                c.as_ref().is_some_and(|(col, _)| {
                    matches!(
                        col.target,
                        Target::Dim(
                            Dimension::Account
                                | Dimension::Campaign
                                | Dimension::AdSet
                                | Dimension::Ad
                        )
                    )
                })
            })
            .map(|(i, _)| i)
            .collect()
    } else {
        Vec::new()
    };
    // A name cell that holds a formula saved without its value is not empty: its
    // name is unknown, and reading the row says so rather than skip it as a total.
    let blank_at = |record: &Record, i: usize| {
        record
            .cells
            .get(i)
            .is_none_or(|c| super::value::trim(c).is_empty())
    };
    let unnamed = |record: &Record| {
        name_columns
            .iter()
            .all(|&i| blank_at(record, i) && !record.unsaved.iter().any(|(u, ..)| *u == i))
    };
    let summary_row = !name_columns.is_empty()
        && table
            .head
            .iter()
            .skip(matched.body())
            .any(|r| !r.is_blank() && !unnamed(r));
    // The summary may keep the account's name: a first row without a campaign, ad
    // set or ad above rows that have them is the account's total all the same.
    let below_account: Vec<usize> = name_columns
        .iter()
        .copied()
        .filter(|&i| !matches!(target_of(i), Some(Target::Dim(Dimension::Account))))
        .collect();
    let unnamed_below_account = |record: &Record| {
        !below_account.is_empty()
            && below_account
                .iter()
                .all(|&i| blank_at(record, i) && !record.unsaved.iter().any(|(u, ..)| *u == i))
    };
    // Only where every row is of that one account: a row of one account above
    // another's is no total of them.
    let account_column = name_columns
        .iter()
        .copied()
        .find(|&i| matches!(target_of(i), Some(Target::Dim(Dimension::Account))));
    let one_account = account_column.is_none_or(|i| {
        let mut names = table
            .head
            .iter()
            .skip(matched.body())
            .filter_map(|r| r.cells.get(i).map(super::value::trim))
            .filter(|c| !c.is_empty());
        names.next().is_none_or(|first| names.all(|n| n == first))
    });
    let account_summary = one_account
        && table
            .head
            .iter()
            .skip(matched.body() + 1)
            .any(|r| !r.is_blank() && !below_account.is_empty() && !unnamed_below_account(r));
    let labelled_summary = |record: &Record| {
        name_columns
            .iter()
            .any(|&i| record.cells.get(i).is_some_and(is_results_label))
    };
    // A report with no name column, by day or broken down (`Age`, `Platform`,
    // `Placement`…), writes it as its first row, with no day and no segment, above
    // rows that have them; such a row further down is not one.
    let key_columns: Vec<usize> = if meta_ads && name_columns.is_empty() {
        (0..matched.cells.len())
            .filter(|&i| {
                date_column == Some(i) && day_override
                    || matches!(
                        target_of(i),
                        Some(Target::Dim(Dimension::Breakdown | Dimension::Platform))
                    )
            })
            .collect()
    } else {
        Vec::new()
    };
    let keyless = |record: &Record| key_columns.iter().all(|&i| blank_at(record, i));
    let first_summary = !key_columns.is_empty()
        && table
            .head
            .iter()
            .skip(matched.body() + 1)
            .any(|r| !r.is_blank() && !keyless(r));
    // A totals label that is also a word (`Summe`, `Totale`, `Jumlah` may name a
    // campaign) on a row with a day of its own is data: a total is over every day,
    // its day cell left blank (Google Ads' `--`). Not a range's start (Meta's
    // summary row carries `Reporting starts`).
    let day_column = date_column.filter(|&i| {
        end_column.is_none() && matches!(target_of(i), Some(Target::Day | Target::Date))
    });
    let has_own_day = |record: &Record| {
        day_column.is_some_and(|i| {
            parse_date(super::value::trim(record.cells.get(i).unwrap_or(""))).is_some()
                || serial_date(record, i, table.text.date_1904).is_some()
        })
    };
    let yearless_layout = super::layout::writes_no_year(&layout.id);
    let classify_record = |record: &Record, first: bool| -> Result<Class, InputError> {
        if first && layout.description_row && is_description(record) {
            return Ok(Class::Skip(crate::msg!("skip.description")));
        }
        if record.is_blank() {
            return Ok(Class::Blank);
        }
        if is_total(record, named_len) && !has_own_day(record) {
            return Ok(Class::Skip(crate::msg!("skip.total")));
        }
        if is_footer(record) {
            return Ok(Class::Skip(crate::msg!("skip.footer")));
        }
        // A line of one cell is not a summary row but text (below). Below the first
        // row, an unnamed row with a day of its own is a campaign's day whose name
        // a sheet left to the row above (merged or pivot cells), not the summary.
        if (summary_row && unnamed(record) && (first || !has_own_day(record))
            || first && first_summary && keyless(record)
            || first && account_summary && unnamed_below_account(record)
            || labelled_summary(record))
            && record.cells.len() > 1
        {
            return Ok(Class::Skip(crate::msg!("skip.total")));
        }
        if skip_if.iter().any(|(column, value)| {
            record
                .cells
                .get(*column)
                .is_some_and(|cell| crate::dataset::compose(cell.trim()).to_lowercase() == **value)
        }) {
            return Ok(Class::Skip(crate::msg!("skip.skip_if")));
        }
        // A line of one cell under a wider header is text, not a row (`Report
        // generated at …` below the data): a note if no data row follows it.
        if record.cells.len() == 1 && header_len > 1 {
            return Ok(Class::Note);
        }
        // A sheet's row ends at its last cell with something in it: fewer cells
        // than the header is empty cells, not a row cut short.
        if record.cells.len() < header_len
            && !table.text.is_sheet()
            && record.cells.len() > 1
            && record.cells.iter().skip(1).any(|c| !c.trim().is_empty())
        {
            return Err(err(
                record.line,
                None,
                crate::say!(
                    "error.short_row",
                    cells = record.cells.len(),
                    header = header_len
                ),
            ));
        }
        if let Some(i) = (header_len..record.cells.len())
            .find(|&i| !blank_at(record, i))
            .filter(|_| table.text.is_sheet())
        {
            // A sheet's cells are where they are: say which one is beyond the header.
            return Err(InputError {
                column: Some(table.text.column(i)),
                ..err(
                    record.line,
                    None,
                    crate::say!(
                        "error.long_row_cell",
                        value = format!(
                            "{:?}",
                            super::value::trim(record.cells.get(i).unwrap_or(""))
                        ),
                        last = table.text.column(header_len.saturating_sub(1)),
                        cells = record.cells.len(),
                        header = header_len
                    ),
                )
            });
        }
        if record.cells.len() > header_len
            && record
                .cells
                .iter()
                .skip(header_len)
                .any(|c| !c.trim().is_empty())
        {
            return Err(err(
                record.line,
                None,
                crate::say!(
                    "error.long_row_cells",
                    cells = record.cells.len(),
                    header = header_len
                ),
            ));
        }
        let read_date = |i: usize| {
            let text = record.cells.get(i).unwrap_or("");
            if target_of(i) == Some(&Target::Month) {
                // A month is read as its first day.
                return super::value::parse_month(text)
                    .and_then(|(y, m)| chrono::NaiveDate::from_ymd_opt(y, m, 1))
                    .map(ParsedDate::Full)
                    .ok_or_else(|| {
                        let value = format!("{:?}", super::value::trim(text));
                        err(
                            record.line,
                            Some(i),
                            crate::say!("error.month", value = value),
                        )
                    });
            }
            let value = || format!("{:?}", super::value::trim(text));
            let period = match target_of(i) {
                Some(Target::Quarter) => Some(
                    super::value::parse_quarter(text)
                        .ok_or_else(|| crate::say!("error.quarter", value = value())),
                ),
                Some(Target::Year) => Some(
                    super::value::parse_year(text)
                        .ok_or_else(|| crate::say!("error.year", value = value())),
                ),
                Some(Target::MonthOfYear) => Some(
                    match (super::value::parse_month_number(text), month_alone) {
                        (Some(m), Some((a, b))) => [a.year(), a.year() + 1]
                            .into_iter()
                            .filter_map(|y| NaiveDate::from_ymd_opt(y, m, 1))
                            .find(|&first| first <= b && a < first + chrono::Months::new(1))
                            .ok_or_else(|| {
                                crate::say!(
                                    "error.day_outside_range",
                                    value = value(),
                                    start = a,
                                    end = b
                                )
                            }),
                        _ => Err(crate::say!("error.month_number", value = value())),
                    },
                ),
                _ => None,
            };
            // A year with a month's number beside it: the first day of that month.
            let period = match (period, month_of_year) {
                (Some(Ok(year)), Some(j)) if target_of(i) == Some(&Target::Year) => {
                    let cell = record.cells.get(j).unwrap_or("");
                    let month = super::value::parse_month_number(cell)
                        .and_then(|m| NaiveDate::from_ymd_opt(year.year(), m, 1))
                        .ok_or_else(|| {
                            let value = format!("{:?}", super::value::trim(cell));
                            err(
                                record.line,
                                Some(j),
                                crate::say!("error.month_number", value = value),
                            )
                        })?;
                    Some(Ok(month))
                }
                (period, _) => period,
            };
            if let Some(first) = period {
                return first
                    .map(ParsedDate::Full)
                    .map_err(|message| err(record.line, Some(i), message));
            }
            // The time after a date is the row's time (a post's hour), the date its day.
            let explicit = match (layout.date_format.as_ref())
                .map(|f| super::value::date_with_format(text, f))
            {
                Some(Some(Err((named, date)))) => {
                    let value = format!("{:?}", super::value::trim(text));
                    return Err(err(
                        record.line,
                        Some(i),
                        weekday_message(&value, named, date),
                    ));
                }
                other => other.map(|d| d.and_then(Result::ok).map(ParsedDate::Full)),
            };
            if explicit.is_none()
                && let Some(bad) = super::value::bad_time(text)
            {
                // A date whose time cannot be (`25:70`) had a part mistyped or
                // misread: refused, not read as its day.
                return Err(err(record.line, Some(i), bad.message(text)));
            }
            // A year-less date a workbook shows without its year got one from Excel
            // (the year it was opened in), not from the export: its year is
            // inferred as the text's is.
            let yearless = yearless_layout && record.shows_no_year(i);
            explicit
                .unwrap_or_else(|| parse_date(text))
                .map(|d| match d {
                    ParsedDate::Full(d) if yearless => ParsedDate::YearLess {
                        month: chrono::Datelike::month(&d),
                        day: chrono::Datelike::day(&d),
                    },
                    d => d,
                })
                .or_else(|| serial_date(record, i, table.text.date_1904))
                .ok_or_else(|| {
                    let value = format!("{:?}", super::value::trim(text));
                    // A byte-order mark left in a cell (two files joined) is no
                    // part of what the user wrote.
                    let written = format!("{:?}", text.trim_start_matches('\u{feff}'));
                    let message = match super::value::weekday_conflict(text) {
                        Some((named, date)) => weekday_message(&value, named, date),
                        None => match &layout.date_format {
                            // The mapping's format decides: say which one refused it.
                            Some(format) => crate::say!(
                                "error.date_format_mismatch",
                                value = format!("{text:?}"),
                                format = format,
                                layout = layout.name
                            ),
                            None if super::value::calendar_miss(text) => {
                                crate::say!("error.impossible_date", value = written)
                            }
                            None => crate::say!("error.date", value = written),
                        },
                    };
                    err(record.line, Some(i), message)
                })
        };
        // A formula saved without its value, in a cell read as a value
        // (its date too: an empty cell would be blamed instead).
        if let Some((i, _, message)) = record.unsaved.iter().find(|(i, ..)| {
            matched.cells.get(*i).is_some_and(|c| {
                c.as_ref().is_some_and(|(col, _)| {
                    !matches!(col.target, Target::Derived | Target::Sponsored)
                })
            })
        }) {
            return Err(err(record.line, Some(*i), message.clone()));
        }
        let text_of = |i: usize| super::value::trim(record.cells.get(i).unwrap_or(""));
        let own_range = match date_column {
            // A `Date range` cell is the row's range, or an error: a row read
            // without it would be added into another range's.
            Some(i) if matches!(target_of(i), Some(Target::DateRange | Target::Period)) => {
                let (a, b) = cell_range(text_of(i), layout.day_order).ok_or_else(|| {
                    err(
                        record.line,
                        Some(i),
                        crate::say!("error.date_range_cell", value = format!("{:?}", text_of(i))),
                    )
                })?;
                Some((ParsedDate::Full(a), ParsedDate::Full(b)))
            }
            _ => None,
        };
        let date = match date_column {
            Some(_) if own_range.is_some() => own_range.map(|(a, _)| a),
            // GA4's `Nth day`: days from the range's stated start, and within it.
            Some(i) if target_of(i) == Some(&Target::NthDay) => {
                let text = text_of(i);
                let value = format!("{text:?}");
                // The stated range, else the row's own (a comparison's two ranges).
                let own = range_column.and_then(|r| cell_range(text_of(r), layout.day_order));
                let Some((start, end)) = range.or(own) else {
                    return Err(err(
                        record.line,
                        Some(i),
                        crate::say!("error.nth_day_no_start", value = value),
                    ));
                };
                let day = (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| text.parse::<u64>().ok())
                    .flatten()
                    .and_then(|n| start.checked_add_days(chrono::Days::new(n)))
                    .filter(|d| *d <= end);
                match day {
                    Some(d) => Some(ParsedDate::Full(d)),
                    None => {
                        return Err(err(
                            record.line,
                            Some(i),
                            crate::say!("error.nth_day", value = value, start = start, end = end),
                        ));
                    }
                }
            }
            _ => date_column.map(read_date).transpose()?,
        };
        // An end date may be left out (a one-day row), but one written must be a date.
        let end = match end_column {
            _ if own_range.is_some() => own_range.map(|(_, b)| b),
            Some(i) => {
                let text = record.cells.get(i).unwrap_or("");
                if super::value::is_missing(text) {
                    None
                } else {
                    Some(read_date(i)?)
                }
            }
            None => None,
        };
        Ok(Class::Data { date, end })
    };
    // Two downloads joined with `cat`: the second's header is a row that cannot be
    // read. Compared only once a row fails, so rows that read cost nothing; the
    // second header may keep its byte-order mark, which stops its quotes being read.
    let plain = |c: &str| super::layout::normalize_header(c).0;
    let repeated_header = |record: &Record, e: InputError| {
        let cells = header.cells.len().max(record.cells.len());
        let same = (0..cells).all(|i| {
            plain(header.cells.get(i).unwrap_or("")) == plain(record.cells.get(i).unwrap_or(""))
        });
        if same {
            err(
                record.line,
                None,
                crate::say!("error.repeated_header", header = header.line),
            )
        } else {
            e
        }
    };
    let classify = |record: &Record, first: bool| {
        classify_record(record, first).map_err(|e| repeated_header(record, e))
    };
    let whole_columns = WholeColumns::new(
        layout,
        &matched.cells,
        series_metric.as_deref(),
        builder.default_currency(),
    );
    // A workbook sheet has no delimiter of its own.
    let semicolons = table.text.delimiter == b';' && !table.text.is_sheet();
    let export_column = matched.cells.iter().position(|c| {
        c.as_ref()
            .is_some_and(|(col, _)| col.target == Target::ExportDay)
    });
    // Most tables show how their values are written in their first records: their
    // rows are then read in the same pass as the votes, the way those records say,
    // and kept if the whole table says the same. Otherwise they are read again in a
    // second pass. Rows handed on as read cannot be taken back, and only an open
    // table (the file's first) can be started over.
    // The range line's days bound a table by day; a week or month segment may
    // start before it.
    let days_stated = range.filter(|_| {
        date_column.is_some_and(|i| matches!(target_of(i), Some(Target::Day | Target::Date)))
    });
    let guess = if table.is_open() && !builder.is_flushing() {
        let mut head = Tally::new(
            DecimalVotes::new(layout, &whole_columns, semicolons),
            [date_column, end_column],
            days_stated,
        );
        let mut first = true;
        for record in table.head.iter().skip(matched.body()) {
            let Ok(class) = classify(record, first) else {
                break;
            };
            first = false;
            head.add(record, &class, export_column);
        }
        head.guess(layout, header)
            .filter(|_| head.yearless.is_empty())
    } else {
        None
    };
    // Whether each column's metric is a count without fractions, worked out once
    // per table: the check is a scan of the metric names, and every amount with
    // cents asked it.
    let whole_counts: Vec<bool> = matched
        .cells
        .iter()
        .map(|c| {
            let metric = match c.as_ref().map(|(column, _)| &column.target) {
                Some(Target::Metric(name, _)) if name.is_empty() => series_metric.as_deref(),
                Some(Target::Metric(name, _)) => Some(name.as_str()),
                Some(Target::Results) => Some("results"),
                _ => None,
            };
            metric.is_some_and(crate::model::is_whole_count)
        })
        .collect();
    // One row from a data record, read with the table's day order and decimal mark
    // (and its year, for a date without one).
    let make_row = |record: &Record,
                    (date, end_date): (Option<ParsedDate>, Option<ParsedDate>),
                    year: Option<i32>,
                    (order, decimals): (Option<DayOrder>, &Decimals),
                    state: &mut RowState,
                    builder: &mut Builder|
     -> Result<(), InputError> {
        let range = match (undecided, order) {
            (Some(([month_first, day_first], line)), Some(o)) => {
                let range = match o {
                    DayOrder::MonthFirst => month_first,
                    DayOrder::DayFirst => day_first,
                };
                check_range(range, line)?;
                Some(range)
            }
            _ => range,
        };
        let decimal = decimals.mark;
        state.values.clear();
        for &(i, j, other_currency) in &repeats {
            let (ours, theirs) = (record.cells.get(i), record.cells.get(j));
            if other_currency || ours.map(super::value::trim) != theirs.map(super::value::trim) {
                builder.warn_row(
                    crate::msg!(
                        "warning.repeated_column",
                        column = header.cells[j].trim(),
                        at = j + 1,
                        other = header.cells[i].trim(),
                        other_at = i + 1
                    ),
                    record.line,
                );
            }
        }
        for &i in &headerless {
            if record
                .cells
                .get(i)
                .is_some_and(|c| !super::value::trim(c).is_empty())
            {
                builder.warn_row(
                    crate::msg!("warning.blank_header_column", at = i + 1),
                    record.line,
                );
            }
        }
        // A Meta row without a name among named ones (a pivot's or a merge's cells
        // left to the row above): counted, under no campaign, and told.
        if summary_row && unnamed(record) {
            builder.warn_row(crate::msg!("warning.unnamed_row"), record.line);
        } else if account_summary && unnamed_below_account(record) {
            builder.warn_row(crate::msg!("warning.unnamed_below_account"), record.line);
        }
        let day = match date {
            Some(ParsedDate::YearLess { .. }) => date.and_then(|d| d.resolve(order, year)),
            Some(d) => d.resolve(order, None),
            None => None,
        };
        let impossible = |i: usize| {
            let value = format!("{:?}", record.cells.get(i).map_or("", |c| c.trim()));
            err(
                record.line,
                Some(i),
                // A leap day in the year given for dates without one, which has none:
                // read in another year, the whole series would move with it.
                if let (Some(ParsedDate::YearLess { month: 2, day: 29 }), Some(year)) = (date, year)
                {
                    crate::say!("error.leap_day_year", value = value, year = year)
                } else if let Some((named, day)) = date.and_then(|d| d.weekday_miss(order)) {
                    weekday_message(&value, named, day)
                } else if order == Some(DayOrder::DayFirst) {
                    crate::say!("error.impossible_date_day_first", value = value)
                } else {
                    crate::say!("error.impossible_date_month_first", value = value)
                },
            )
        };
        if date.is_some() && day.is_none() {
            return Err(impossible(date_column.unwrap_or(0)));
        }
        let last_day = match end_date {
            Some(d) => Some(
                d.resolve(order, year)
                    .ok_or_else(|| impossible(end_column.unwrap_or(0)))?,
            ),
            None => None,
        };
        for (date, column) in [(day, date_column), (last_day, end_column)] {
            let i = column.unwrap_or(0);
            if let Some(d) = date
                && let Some(message) =
                    super::value::year_error(d, record.cells.get(i).map_or("", |c| c.trim()))
            {
                return Err(err(record.line, Some(i), message));
            }
        }
        // Read as one day, a range that ends before it starts would move its
        // numbers to a day it never said.
        if let (Some(d), Some(e), Some(i)) = (day, last_day, end_column)
            && e < d
        {
            let start_column = date_column.map_or("", |c| header.cells[c].trim());
            return Err(err(
                record.line,
                Some(i),
                crate::say!(
                    "error.row_range_reversed",
                    end = e,
                    start = d,
                    column = start_column
                ),
            ));
        }
        // The range the rows are said to cover: the range line above dated rows, or
        // the reporting start and end beside a `Day` breakdown. A cell there that is
        // no date is an error, as it is without a `Day` column.
        let stated = match (day, range, stated_columns) {
            // A row of a `Date range` column states its own range.
            (Some(d), _, _) if range_column.is_some_and(|i| Some(i) == date_column) => {
                last_day.map(|e| (d, e))
            }
            (Some(_), Some(r), _) => Some(r),
            (Some(_), None, Some((a, b)))
                if state.stated.as_ref().is_some_and(|(x, y)| {
                    record.cells.get(a) == Some(x.as_str())
                        && record.cells.get(b) == Some(y.as_str())
                }) =>
            {
                None
            }
            (Some(_), None, Some((a, b))) => {
                state.stated = Some((
                    record.cells.get(a).unwrap_or_default().to_owned(),
                    record.cells.get(b).unwrap_or_default().to_owned(),
                ));
                // Read only when the cells change from the row above, so a cell that
                // is no date is refused here: the row's day does not need it, but a
                // `banana` or `2026-02-31` would otherwise pass unseen.
                let read = |i: usize| -> Result<Option<chrono::NaiveDate>, InputError> {
                    let text = record.cells.get(i).unwrap_or("");
                    if super::value::is_missing(text) {
                        return Ok(None);
                    }
                    let Some(parsed) =
                        parse_date(text).or_else(|| serial_date(record, i, table.text.date_1904))
                    else {
                        let value = format!("{:?}", super::value::trim(text));
                        let message = if super::value::calendar_miss(text) {
                            crate::say!("error.impossible_date", value = value)
                        } else {
                            crate::say!("error.date", value = value)
                        };
                        return Err(err(record.line, Some(i), message));
                    };
                    parsed
                        .resolve(order, year.or(day.map(|d| chrono::Datelike::year(&d))))
                        .map(Some)
                        .ok_or_else(|| impossible(i))
                };
                let range = read(a)?.zip(read(b)?);
                if let Some((x, y)) = range
                    && y < x
                {
                    return Err(err(
                        record.line,
                        Some(b),
                        crate::say!(
                            "error.row_range_reversed",
                            end = y,
                            start = x,
                            column = header.cells[a].trim()
                        ),
                    ));
                }
                state.stated_range = range;
                range
            }
            _ => None,
        };
        if let Some((a, b)) = stated {
            builder.state_range(a, b);
        }
        // A day outside the range its own export states is no day of that report:
        // its numbers would be added to days the report does not cover.
        let within = if stated_columns.is_some() {
            state.stated_range
        } else {
            range
        };
        // A row with an end of its own (a month of LinkedIn's breakdown from the
        // 1st) is a period, which only has to meet the range.
        let row_end = match end_date {
            Some(e @ ParsedDate::YearLess { .. }) => e.resolve(order, year),
            Some(e) => e.resolve(order, None),
            None => None,
        };
        // A period of a time breakdown meets its report's range, as a day does: Meta
        // may write the calendar week or month the range cuts, which is then clipped
        // to it below.
        let period = date_column.is_some_and(|i| target_of(i) == Some(&Target::Period));
        let outside = |i: usize, d: NaiveDate, (a, b): Span| match target_of(i) {
            Some(Target::Day | Target::Date | Target::Period) => row_end.unwrap_or(d) < a || b < d,
            _ => false,
        };
        if let (Some(d), Some(r @ (a, b)), Some(i)) = (day, within, date_column)
            && outside(i, d, r)
        {
            return Err(err(
                record.line,
                Some(i),
                crate::say!(
                    "error.day_outside_range",
                    value = format!("{:?}", record.cells.get(i).map_or("", |c| c.trim())),
                    start = a,
                    end = b
                ),
            ));
        }
        let (start, end) = match (day, range) {
            // A week or month segment is that period within the export's range: the
            // first week of a report starting on a Thursday holds Thursday on.
            (Some(d), range) if segment.is_some() => {
                let months = match segment {
                    Some(Target::Quarter) => 3,
                    Some(Target::Year) => 12,
                    _ => 1,
                };
                let last = if segment == Some(Target::Week) {
                    d + chrono::Days::new(6)
                } else {
                    d.checked_add_months(chrono::Months::new(months))
                        .and_then(|n| n.pred_opt())
                        .unwrap_or(d)
                };
                match range {
                    Some((a, b)) if a <= last && d <= b => (d.max(a), last.min(b)),
                    // A period wholly outside the range its export states is none of
                    // that report's, as a day outside it.
                    Some((a, b)) => {
                        let i = date_column.unwrap_or_default();
                        return Err(err(
                            record.line,
                            Some(i),
                            crate::say!(
                                "error.day_outside_range",
                                value =
                                    format!("{:?}", record.cells.get(i).map_or("", |c| c.trim())),
                                start = a,
                                end = b
                            ),
                        ));
                    }
                    None => (d, last),
                }
            }
            (Some(d), _) => (d, d),
            (None, Some((a, b))) => (a, b),
            (None, None) => {
                // `All time` exports cannot be placed in time: counted, never guessed.
                note_skip(&mut state.skipped, no_date(record), record.line, 1);
                return Ok(());
            }
        };
        // Only the range's days of a period are the report's, as a Google Ads
        // segment's above.
        let (start, last_day) = match within {
            Some((a, b)) if period => (start.max(a), last_day.map(|e| e.min(b))),
            _ => (start, last_day),
        };
        let hour_slot = match hour_column {
            Some(i) => {
                let text = record.cells.get(i).unwrap_or("");
                let hour = hour_of(text).ok_or_else(|| {
                    err(
                        record.line,
                        Some(i),
                        crate::say!("error.hour", value = format!("{:?}", text.trim())),
                    )
                })?;
                Some(format!("{start}T{hour:02}:00"))
            }
            None => None,
        };
        let published = publish_column
            .and_then(|i| match serial_text(record, i, table.text.date_1904) {
                Some(serial) => time_of_day(&serial),
                None => time_of_day(record.cells.get(i)?),
            })
            .zip(day)
            .map(|(time, day)| format!("{day}T{time}"))
            .or(hour_slot)
            // A publish day without a time of day still says when the post went
            // out (its weekday in insights).
            .or_else(|| publish_column.and(day).map(|day| day.to_string()));
        let mut breakdown = String::new();
        for (&i, label) in breakdown_columns.iter().zip(&breakdown_labels) {
            let value = super::value::trim(record.cells.get(i).unwrap_or(""));
            if value.is_empty() || super::value::is_missing(value) {
                continue;
            }
            if !breakdown.is_empty() {
                breakdown.push_str(" · ");
            }
            breakdown.push_str(label);
            breakdown.push(' ');
            breakdown.push_str(value);
        }
        let length = match length_column {
            Some(i) => {
                let text = record.cells.get(i).unwrap_or("");
                parse_amount(text, DecimalMark::Dot)
                    .map_err(|_| {
                        err(
                            record.line,
                            Some(i),
                            crate::say!(
                                "error.number",
                                value = format!("{:?}", text.trim()),
                                expected = expected_number(None, DecimalMark::Dot)
                            ),
                        )
                    })?
                    .0
                    // Facebook writes 0 for a post without a video: no length.
                    .filter(|ms| ms.0 != 0)
                    .map(|ms| (ms.to_f64() / 1000.0).to_string())
            }
            None => None,
        };
        // A length in seconds is a number of the file, written as its counts are:
        // a Vietnamese export's `1.245` is 1245 seconds, not 1.2.
        let seconds = match duration_column {
            Some(i) => {
                let text = record.cells.get(i).unwrap_or("");
                let mark = if record.is_typed(i) {
                    DecimalMark::Dot
                } else if decimal == DecimalMark::Auto {
                    super::value::thousands_reading(text).unwrap_or(decimal)
                } else {
                    decimal
                };
                match parse_amount(text, mark) {
                    Ok((value, _)) => value.map(|s| crate::render::plain_number(s.to_f64())),
                    // `1:02:03`, as a player shows a length.
                    Err(_) => super::value::clock_seconds(text).map(|s| s.to_string()),
                }
            }
            None => None,
        };
        let mut dims: [Option<&str>; Dimension::COUNT] = [None; Dimension::COUNT];
        let mut results = None;
        // Meta writes no 0: a blank `Results` is none of what its indicator names.
        let mut results_blank = false;
        let mut result_type = None;
        // The messaging column's leads, added once `Results` are decided.
        let mut messaging: Option<(crate::model::MetricId, Amount)> = None;
        let mut sentiment: Option<(usize, &str)> = None;
        let mut sponsored = false;
        let mut header_currency: Option<&str> = None;
        // The first amount whose symbol named a currency (or, until one does, any).
        let mut symbol_currency: Option<(usize, Symbol)> = None;
        let mut source_medium = None;
        for (i, cell) in matched.cells.iter().enumerate() {
            let Some((column, currency)) = cell else {
                continue;
            };
            let text = record.cells.get(i).unwrap_or("");
            match &column.target {
                Target::Date
                | Target::Day
                | Target::EndDate
                | Target::Week
                | Target::Month
                | Target::Quarter
                | Target::Year
                | Target::MonthOfYear
                | Target::Period
                | Target::DateRange
                | Target::NthDay
                | Target::Derived
                | Target::ExportDay => {}
                Target::PublishTime => {
                    dims[Dimension::Published.index()] = published.as_deref();
                }
                Target::Dim(Dimension::Breakdown) => {
                    dims[Dimension::Breakdown.index()] =
                        Some(breakdown.as_str()).filter(|b| !b.is_empty());
                }
                Target::Dim(Dimension::VideoDuration) => {
                    dims[Dimension::VideoDuration.index()] =
                        seconds.as_deref().or(Some(super::value::trim(text))
                            .filter(|v| !v.is_empty() && !super::value::is_missing(v)));
                }
                Target::Dim(d) => {
                    let value = super::value::trim(text);
                    if !value.is_empty() && !super::value::is_missing(value) {
                        if *d == Dimension::Source && value.contains(" / ") {
                            source_medium = value.split_once(" / ");
                        } else {
                            dims[d.index()] = Some(value);
                        }
                    }
                }
                Target::ResultType => result_type = Some(super::value::trim(text)),
                Target::Sponsored => {
                    // Anything but an empty cell or a zero is sponsored activity.
                    let value = super::value::trim(text);
                    sponsored |= !value.is_empty()
                        && !super::value::is_missing(value)
                        && parse_amount(value, DecimalMark::Auto)
                            .map_or(true, |(v, _)| v.is_some_and(|v| v.0 != 0));
                }
                Target::Sentiment => sentiment = Some((i, text.trim())),
                Target::Hour => dims[Dimension::Published.index()] = published.as_deref(),
                Target::VideoLengthMs => {
                    dims[Dimension::VideoDuration.index()] = length.as_deref();
                }
                Target::Results | Target::Metric(..) => {
                    if is_censored(text) {
                        builder.warn_row(
                            crate::msg!("warning.masked", column = header.cells[i].trim()),
                            record.line,
                        );
                        // The hidden count is some number the total lacks: counted in
                        // a metric of its own, a total over it is a lower bound.
                        let name = match &column.target {
                            Target::Metric(name, _) if name.is_empty() => series_metric.clone(),
                            Target::Metric(name, _) => Some(name.clone()),
                            _ => None,
                        };
                        if let Some(name) = name {
                            let id = builder.metric(&crate::model::masked_metric(&name));
                            state.values.add(id, Amount(Amount::SCALE));
                        }
                        continue;
                    }
                    // Which of `.`, `,` and `%` the cell has, and the number it is
                    // when it is only a few digits (most counts), in one look at its
                    // bytes.
                    let (mut marked, mut percent) = (false, false);
                    let mut digits = !text.is_empty() && text.len() <= 12;
                    let mut count: i64 = 0;
                    for b in text.bytes() {
                        let d = b.wrapping_sub(b'0');
                        digits &= d <= 9;
                        count = count.wrapping_mul(10).wrapping_add(i64::from(d));
                        marked |= b == b'.' || b == b',';
                        percent |= b == b'%';
                    }
                    // A number without a mark reads the same with either: most counts
                    // need no decision.
                    let mark = if !marked {
                        decimal
                    } else if record.is_typed(i) {
                        // A workbook's typed number is written with `.`, whatever its
                        // text cells use.
                        DecimalMark::Dot
                    } else if let Some(&(_, mark)) = decimals.proven.iter().find(|(c, _)| *c == i) {
                        mark
                    } else if !decimals.given && whole_columns.column(i, record) {
                        // A count's `1.234` has no fraction, whatever other
                        // columns' values say.
                        super::value::thousands_reading(text).unwrap_or(decimal)
                    } else if let Some(proof) = &decimals.mixed {
                        cell_mark(text, proof)
                            .map_err(|message| err(record.line, Some(i), message))?
                    } else {
                        decimal
                    };
                    let metric = match &column.target {
                        Target::Metric(name, _) if name.is_empty() => series_metric.as_deref(),
                        Target::Metric(name, _) => Some(name.as_str()),
                        _ => Some("results"),
                    };
                    // At most 12 digits and nothing else (no sign, space or mark):
                    // what `parse_amount` reads them as, without its call, which cost
                    // a platform export's counts more than reading them.
                    let parsed = if digits {
                        Ok((Some(Amount(count * Amount::SCALE)), None))
                    } else {
                        parse_amount(text, mark)
                    };
                    let (value, symbol) = parsed.map_err(|e| {
                        let value = format!("{:?}", text.trim());
                        let message = match e {
                            super::number::NumberError::TooLarge => {
                                crate::say!("error.too_large", value = value)
                            }
                            // A number refused for its marks is told the file's
                            // mark, not offered the shape it was refused for.
                            super::number::NumberError::NotANumber
                                if text.contains(['.', ',']) && mark != DecimalMark::Auto =>
                            {
                                let expected = expected_number(metric, mark);
                                if mark == DecimalMark::Dot {
                                    crate::say!(
                                        "error.number_dot",
                                        value = value,
                                        expected = expected
                                    )
                                } else {
                                    crate::say!(
                                        "error.number_comma",
                                        value = value,
                                        expected = expected
                                    )
                                }
                            }
                            super::number::NumberError::NotANumber => crate::say!(
                                "error.number",
                                value = value,
                                expected = expected_number(metric, DecimalMark::Auto)
                            ),
                        };
                        err(record.line, Some(i), message)
                    })?;
                    // A share is no count and no amount: read as a fraction, `60%`
                    // of clicks would add 0.6 of a click.
                    if value.is_some() && percent {
                        let value = format!("{:?}", text.trim());
                        let message = match metric {
                            Some(m) if m == "results" || crate::model::is_count(m) => {
                                Some(crate::say!("error.percent_count", value = value))
                            }
                            Some(m) if crate::model::is_money(m) => {
                                Some(crate::say!("error.percent_amount", value = value))
                            }
                            _ => None,
                        };
                        if let Some(message) = message {
                            return Err(err(record.line, Some(i), message));
                        }
                    }
                    // A header's `($)` is each of its amounts' symbol.
                    let header_symbol = currency.as_ref().and_then(HeaderCurrency::symbol);
                    let currency = currency.as_ref().and_then(HeaderCurrency::code);
                    if let Some(symbol) = symbol.or(header_symbol.filter(|_| value.is_some())) {
                        // The amount says its currency: it must agree with the
                        // header's and with the row's other amounts.
                        let earlier = symbol_currency
                            .filter(|(_, s)| !s.currencies.iter().any(|c| symbol.allows(c)))
                            .map(|(_, s)| s.currency().unwrap_or(s.text));
                        let header = currency.filter(|c| !symbol.allows(c));
                        if let Some(c) = header.or(earlier) {
                            return Err(wrong_symbol(record.line, i, text, symbol, c));
                        }
                        if symbol_currency.is_none_or(|(_, s)| s.currency().is_none()) {
                            symbol_currency = Some((i, symbol));
                        }
                    }
                    let Some(value) = value else {
                        results_blank |= column.target == Target::Results;
                        // A blank amount (Meta leaves no spend blank) is still in the
                        // currency its header names: the row is that account's.
                        if header_currency.is_none() {
                            header_currency = currency;
                        }
                        continue;
                    };
                    if currency.is_some() {
                        header_currency = currency;
                    }
                    match &column.target {
                        Target::Results => {
                            if value.is_negative() {
                                // A correction, kept as written like any count's.
                                builder.warn_row(
                                    crate::msg!("warning.negative_kept", metric = "results"),
                                    record.line,
                                );
                            }
                            results = Some(value);
                        }
                        Target::Metric(name, factor) => {
                            let name = || {
                                if name.is_empty() {
                                    series_metric.clone().unwrap_or_else(|| "value".to_owned())
                                } else {
                                    name.clone()
                                }
                            };
                            if value.is_negative() && must_be_non_negative(&name()) {
                                // Platforms do write corrections (TikTok's -1 comments):
                                // kept so totals match the platform, and reported.
                                builder.warn_row(
                                    crate::msg!("warning.negative_kept", metric = name()),
                                    record.line,
                                );
                            }
                            // A scale turns the column's numbers into the metric's
                            // unit. A cell written `12,5%` is read as the fraction
                            // 0.125: a scale of 0.01 (percent into fractions) has
                            // been applied to it already; any other (100: fractions
                            // into percent) still applies. (A `%` can only end a
                            // number that parsed.)
                            let percent_to_fraction = (*factor - 0.01).abs() < 1e-12;
                            let scaled = if (*factor - 1.0).abs() < f64::EPSILON
                                || (percent_to_fraction && percent)
                            {
                                value
                            } else {
                                Amount((value.0 as f64 * factor).round() as i64)
                            };
                            // As in roi's own format: a fraction of a click is no data.
                            if scaled.0 % Amount::SCALE != 0 && whole_counts[i] {
                                return Err(err(
                                    record.line,
                                    Some(i),
                                    crate::say!(
                                        "error.fraction_count",
                                        value = format!("{:?}", text.trim()),
                                        metric = name()
                                    ),
                                ));
                            }
                            let id =
                                *state.metric_ids[i].get_or_insert_with(|| builder.metric(&name()));
                            if column.counts_messaging() {
                                let (_, sum) = messaging.get_or_insert((id, Amount(0)));
                                sum.0 = sum.0.saturating_add(scaled.0);
                            } else {
                                state.values.add(id, scaled);
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        if sponsored {
            builder.warn_row(crate::msg!("warning.sponsored_left_out"), record.line);
        }
        let blank = results.is_none() && results_blank;
        if let Some(value) = results.or(blank.then_some(Amount(0))) {
            // `Results` restate a column the export may also have (Purchases): count once.
            // Result types repeat row after row: lowercased and looked up once each.
            // Results of a messaging type restate the messaging column, any other
            // leads the `Leads` column (lead forms): a row's other column of the
            // same metric is no restatement (40 form leads beside 0 conversations).
            let mut by_messaging = false;
            let name = match result_type {
                Some(raw) => {
                    let known = match state.result_names.iter().find(|(t, ..)| t == raw) {
                        Some((_, known, messaging)) => {
                            by_messaging = *messaging;
                            *known
                        }
                        None => {
                            // Composed: `Khách hàng tiềm năng` written decomposed is
                            // the same type.
                            let lower = crate::dataset::compose(raw).to_lowercase();
                            let known = result_metric(&lower);
                            by_messaging = known == Some("leads") && is_messaging_result(&lower);
                            state
                                .result_names
                                .push((raw.to_owned(), known, by_messaging));
                            known
                        }
                    };
                    match known {
                        Some(known) => Some(known),
                        // No result of no known kind: nothing to keep or tell.
                        None if blank => None,
                        None => {
                            // Kept, under a name of their own, and told: an unknown
                            // result is no conversion until someone says it is.
                            let warning = if raw.is_empty() {
                                crate::msg!("warning.result_type_empty")
                            } else {
                                crate::msg!("warning.result_type", value = raw)
                            };
                            builder.warn_row(warning, record.line);
                            Some("results")
                        }
                    }
                }
                None => (!blank).then_some("results"),
            };
            // A blank is 0 leads or purchases, but never 0 people reached beside
            // the row's impressions: a blank of unique people is no figure.
            let counted = |name: &str| {
                !blank
                    || crate::model::CANONICAL_METRICS
                        .iter()
                        .any(|m| m.name == name && m.aggregation == crate::model::Aggregation::Flow)
            };
            if let Some(name) = name.filter(|n| counted(n)) {
                let id = builder.metric(name);
                let restated = if by_messaging {
                    messaging.is_some_and(|(m, _)| m == id)
                } else {
                    state.values.has(id)
                };
                if !restated {
                    state.values.add(id, value);
                }
            }
        }
        if let Some((id, value)) = messaging {
            state.values.add(id, value);
        }
        if layout
            .per_row
            .as_ref()
            .is_some_and(|(m, _)| m == "mentions")
        {
            let settings = context.mentions.as_deref();
            let brands = settings.map_or(&[][..], |m| m.brands.as_slice());
            // Our mentions count, with their sentiment; a competitor's count only
            // among all mentions (share of voice).
            let ours = brands.is_empty()
                || dims[Dimension::Brand.index()].is_none_or(|b| {
                    brands.contains(&crate::dataset::compose(b.trim()).to_lowercase())
                });
            let mut counted: Vec<&str> = Vec::new();
            if !brands.is_empty() {
                counted.push("category_mentions");
            }
            if ours {
                counted.push("mentions");
                let rated = match sentiment {
                    Some((i, label)) => match crate::sentiment::parse_label(label) {
                        Some(s) => Some((s, false)),
                        None => {
                            builder.warn_row(
                                crate::msg!(
                                    "warning.sentiment",
                                    column = header.cells[i].trim(),
                                    value = label
                                ),
                                record.line,
                            );
                            None
                        }
                    },
                    None => dims[Dimension::Text.index()]
                        .zip(settings)
                        .map(|(text, m)| (m.classifier.classify(text).0, true)),
                };
                // A rated mention counts 1 in its sentiment and 0 in the other two,
                // so a period without negative mentions has 0 of them, not none.
                if let Some((label, estimated)) = rated
                    && label.metric(estimated).is_some()
                {
                    for other in [
                        crate::sentiment::Sentiment::Positive,
                        crate::sentiment::Sentiment::Neutral,
                        crate::sentiment::Sentiment::Negative,
                    ] {
                        if let Some(name) = other.metric(estimated) {
                            let id = builder.metric(name);
                            let one = if other == label { Amount::SCALE } else { 0 };
                            state.values.add(id, Amount(one));
                        }
                    }
                }
            }
            for name in counted {
                let id = builder.metric(name);
                state.values.add(id, Amount(Amount::SCALE));
            }
        } else if let Some((name, amount)) = &layout.per_row {
            let id = builder.metric(name);
            state
                .values
                .add(id, Amount((amount * Amount::SCALE as f64) as i64));
        }
        if let Some((s, m)) = source_medium {
            dims[Dimension::Source.index()] = Some(s.trim());
            dims[Dimension::Medium.index()] = Some(m.trim());
        }
        let inferred = if layout.platform_from_source {
            let mut of = |source: &str| {
                if let Some(&platform) = state.source_platforms.get(source) {
                    return platform;
                }
                let platform = platform_of_source(source);
                state.source_platforms.insert(source.to_owned(), platform);
                platform
            };
            // Under a paid channel (HubSpot's `Paid Search`, `Paid Social`) the
            // drill-down names the ad network: `Google` there is Google Ads.
            let paid = dims[Dimension::Source.index()].is_some_and(|s| {
                s.split(|c: char| !c.is_alphanumeric())
                    .any(|w| w.eq_ignore_ascii_case("paid"))
            });
            dims[Dimension::Source.index()]
                .and_then(&mut of)
                .or_else(|| {
                    let medium = dims[Dimension::Medium.index()]?;
                    if paid {
                        of(&format!("{medium} ads"))
                    } else {
                        of(medium)
                    }
                })
        } else {
            None
        };
        let platform = inferred.or(if layout.platform_from_source {
            layout.platform.as_deref()
        } else {
            platform_hint.as_deref()
        });
        // A platform read from the row's own cell, or told by its source (GA4's
        // `l.facebook.com`, and `google / cpc` as the layout's own platform: a
        // table by source is broken down by platform, every row of it; a medium
        // alone tells none), breaks the
        // export's numbers down; one given to every row (the layout's, a mapping's)
        // does not.
        let platform_column = dims[Dimension::Platform.index()].is_some()
            || inferred.is_some()
            || layout.platform_from_source && dims[Dimension::Source.index()].is_some();
        for (d, value) in &layout.constants {
            dims[d.index()] = Some(value.as_str());
        }
        if dims[Dimension::Account.index()].is_none() {
            dims[Dimension::Account.index()] = preamble_account.as_deref();
        }
        if dims[Dimension::Platform.index()].is_none() {
            dims[Dimension::Platform.index()] = platform.or_else(|| {
                // An export that serves several platforms (Meta Business Suite:
                // Facebook and Instagram) says each post's in its permalink or type.
                infer_post_platform
                    .then(|| {
                        platform_of_post(
                            dims[Dimension::Link.index()],
                            dims[Dimension::ContentType.index()],
                        )
                    })
                    .flatten()
            });
        }
        if dims[Dimension::Currency.index()].is_none() {
            dims[Dimension::Currency.index()] = header_currency;
        }
        if let Some((i, symbol)) = symbol_currency {
            match dims[Dimension::Currency.index()] {
                Some(c) if !symbol.allows(c) => {
                    let text = record.cells.get(i).unwrap_or("");
                    return Err(wrong_symbol(record.line, i, text, symbol, c));
                }
                Some(_) => {}
                // `$` names no one currency: the row stays without one, as a plain
                // number would, and roi.toml's `currency` applies, if `$` can be it.
                None => match (symbol.currency(), builder.default_currency()) {
                    (None, Some(c)) if !symbol.allows(c) => {
                        let text = record.cells.get(i).unwrap_or("");
                        return Err(wrong_symbol(record.line, i, text, symbol, c));
                    }
                    (named, _) => dims[Dimension::Currency.index()] = named,
                },
            }
        }
        // Business Suite's `Views` count every showing of a post, a photo's as much
        // as a video's (Meta's views took the place of impressions): a still post's
        // are `media_views`, as X's are, and only a video's or reel's video views.
        if layout.id == "meta-business-suite-content"
            && dims[Dimension::ContentType.index()].is_some_and(still_post)
        {
            let (video, media) = (builder.metric("video_views"), builder.metric("media_views"));
            state.values.rename(video, media);
        }
        if state.values.list.len() > 1 {
            state.values.drop_implied_net();
        }
        if state.values.list.is_empty() {
            note_skip(
                &mut state.skipped,
                crate::msg!("skip.no_metric"),
                record.line,
                1,
            );
            return Ok(());
        }
        let end = last_day.unwrap_or(end).max(start);
        if series {
            // The post's id first, then the other dimensions that tell its rows
            // apart (not its text or type, which a download again may change,
            // unless a spreadsheet rounded the id: then posts of one id may be
            // several). A row without an id (an account's total) is none of them.
            let id = dims[Dimension::ContentId.index()].map(str::trim);
            let post = id.filter(|id| posts && !id.is_empty()).map(|id| {
                let rounded = crate::normalize::rounding(id) != crate::normalize::Rounding::No;
                let mut key = id.to_owned();
                for d in Dimension::ALL {
                    if d != Dimension::ContentId
                        && (rounded || !crate::normalize::DESCRIPTIVE.contains(&d))
                    {
                        key.push('\x1f');
                        key.push_str(dims[d.index()].unwrap_or(""));
                    }
                }
                key
            });
            if !posts || post.is_some() {
                let cells = record.cells.iter().map(str::to_owned).collect();
                state.days.push((start, end, record.line, cells, post));
            }
        }
        builder.push(
            &RowInput {
                start,
                end,
                dims,
                line: record.line,
                platform_column,
                segments,
            },
            &state.values.list,
        );
        state.rows += 1;
        Ok(())
    };
    let warnings_before = builder.warning_count();
    let first_pass = |reader: &mut RecordReader<'_>,
                      builder: &mut Builder<'_>,
                      first_part: bool|
     -> Result<Pass, InputError> {
        let mut pass = Pass {
            tally: Tally::new(
                DecimalVotes::new(layout, &whole_columns, semicolons),
                [date_column, end_column],
                days_stated,
            ),
            state: RowState::new(matched.cells.len()),
            failed: None,
            new_table: false,
        };
        let mut body = if first_part {
            table.body(matched.body())
        } else {
            Body::rest()
        };
        let mut record = Record::default();
        let mut first = first_part;
        while body.next(reader, &mut record)? {
            let class = classify(&record, first)?;
            first = false;
            pass.tally.add(&record, &class, export_column);
            let Class::Data { date, end } = class else {
                continue;
            };
            let Some(guess) = guess.as_ref().filter(|_| pass.failed.is_none()) else {
                continue;
            };
            if matches!(date, Some(ParsedDate::YearLess { .. })) {
                // Years come from every year-less date of the table: read again.
                pass.failed = Some(Unread::YearLess);
            } else if let Err(e) = make_row(
                &record,
                (date, end),
                None,
                (guess.0, &guess.1),
                &mut pass.state,
                builder,
            ) {
                pass.failed = Some(Unread::Failed(repeated_header(&record, e)));
            }
        }
        pass.new_table = body.new_table;
        Ok(pass)
    };
    // An open table runs to the end of the text: a large one is read in parts at once.
    let passes = if table.is_open() {
        // The records above the first data record are the first part's.
        let keep = table.first as usize + matched.body();
        // One reader stops building rows at the first it cannot build, and stops
        // reading at a `#` line after the data.
        let after = |pass: &Pass| {
            if pass.new_table {
                super::parts::After::Stop
            } else if pass.failed.is_some() {
                super::parts::After::NoMoreRows
            } else {
                super::parts::After::Go
            }
        };
        super::parts::read(table.text, parts, keep, builder, first_pass, after)?
    } else {
        vec![(first_pass(&mut table.text.reader()?, builder, true)?, 0)]
    };
    let Pass {
        mut tally,
        mut state,
        failed,
        new_table,
    } = Pass::merge(passes);
    if new_table {
        if guess.is_some() {
            builder.restart_file();
        }
        return Ok(None);
    }
    if let Some((line, text)) = &tally.note
        && *line < tally.last_data
    {
        return Err(err(
            *line,
            None,
            crate::say!(
                "error.short_row_text",
                cells = 1,
                header = header_len,
                value = format!("{:?}", super::value::trim(text))
            ),
        ));
    }
    let reading = tally.decide(table.text, layout, header)?;
    let read = guess.as_ref() == Some(&reading) && tally.yearless.is_empty();
    match failed {
        // The table says what its first records say: the error stands.
        Some(Unread::Failed(e)) if read => return Err(e),
        _ if read => {}
        _ => {
            if guess.is_some() {
                builder.restart_file();
                if series {
                    builder.set_series();
                }
            }
            state = RowState::new(matched.cells.len());
        }
    }
    for (reason, line, rows) in std::mem::take(&mut tally.skipped) {
        builder.skip_rows(reason, line, rows);
    }
    let order = reading.0;
    // LinkedIn Campaign Manager says when it made the file: that ranks it among
    // downloads of the same rows, before the dates they reach and the file's
    // modified time (which a copy or a sync changes).
    if let Some(day) = generated_day(&above, preamble.order.or(order)) {
        builder.set_export_day(day);
    }
    // A range line's order guessed, unless the rows' own dates told it.
    if !matches!(tally.votes.decide(), Ok(Some(_))) {
        let warning = match preamble.guess {
            Some((o, Some(((from, to), (other_from, other_to)))))
                if Some(o) != layout.day_order =>
            {
                Some(compact_warning(o, (from, to), (other_from, other_to)))
            }
            Some((DayOrder::DayFirst, None)) => {
                Some(crate::msg!("warning.day_first", layout = layout.name))
            }
            Some((DayOrder::MonthFirst, None)) => {
                Some(crate::msg!("warning.month_first", layout = layout.name))
            }
            _ => None,
        };
        if let Some(warning) = warning {
            builder.insert_warning(warnings_before, warning);
        }
    }
    // The range line's undecided dates are read as the rows' are: said the same way.
    if (tally.numeric || undecided.is_some() && order.is_some()) && tally.votes.decide() == Ok(None)
    {
        let why = fallback_day_order(
            layout,
            header,
            tally.date_columns,
            &tally.decimal,
            &tally.votes,
            tally.stated,
        )
        .1;
        let warning = if why == Fallback::Compact
            && let Some((order, (from, to), (other_from, other_to))) = tally.votes.compact()
        {
            compact_warning(order, (from, to), (other_from, other_to))
        } else if why == Fallback::Localized {
            crate::msg!("warning.day_first_localized", layout = layout.name)
        } else if why == Fallback::Resaved && tally.decimal.fraction {
            crate::msg!("warning.day_first_decimal_comma")
        } else if why == Fallback::Grouped {
            crate::msg!("warning.day_first_grouping")
        } else if why == Fallback::Resaved {
            crate::msg!("warning.day_first_semicolon")
        } else if order == Some(DayOrder::DayFirst) {
            crate::msg!("warning.day_first", layout = layout.name)
        } else {
            crate::msg!("warning.month_first", layout = layout.name)
        };
        // Before the warnings of the rows it tells how to read. The stated range
        // leaves no doubt to tell of.
        if why != Fallback::Stated {
            builder.insert_warning(warnings_before, warning);
        }
    }
    if let Some((line, i, value)) = tally.decimal.assumed() {
        let column = header.cells.get(*i).map_or("", str::trim);
        let warning = match reading.1.mark {
            DecimalMark::Comma if tally.decimal.semicolons => crate::msg!(
                "warning.decimal_comma_semicolon",
                value = value,
                line = line,
                column = column
            ),
            DecimalMark::Comma => crate::msg!(
                "warning.decimal_comma_language",
                value = value,
                line = line,
                column = column
            ),
            _ => crate::msg!(
                "warning.decimal_dot",
                value = value,
                line = line,
                column = column
            ),
        };
        builder.insert_warning(warnings_before, warning);
    }
    let narrowed;
    let context = match tally.export_day {
        Some(day @ ParsedDate::YearLess { .. }) => {
            let mut quiet = Builder::new(None);
            quiet.start_file(path.to_path_buf(), "", None);
            let years = year_less_years(path, &[day], context, &mut quiet)?;
            narrowed = FileContext {
                year: None,
                name_date: None,
                mentions: context.mentions.clone(),
                exported: tally
                    .export_day
                    .and_then(|d| d.resolve(None, years.first().copied().flatten())),
                modified: None,
            };
            if let Some(day) = narrowed.exported {
                builder.set_export_day(day);
            }
            &narrowed
        }
        Some(ParsedDate::Full(d)) => {
            builder.set_export_day(d);
            narrowed = FileContext {
                year: None,
                name_date: None,
                mentions: context.mentions.clone(),
                exported: Some(d),
                modified: None,
            };
            &narrowed
        }
        _ => context,
    };
    let years = year_less_years(path, &tally.yearless, context, builder)?;

    // Second pass: the rows, unless the first pass read them.
    if !read {
        let mut years = years.into_iter();
        let mut reader = table.text.reader()?;
        let mut body = table.body(matched.body());
        let mut record = Record::default();
        let mut first = true;
        while body.next(&mut reader, &mut record)? {
            let class = classify(&record, first)?;
            first = false;
            let Class::Data { date, end } = class else {
                continue;
            };
            let year = match date {
                Some(ParsedDate::YearLess { .. }) => years.next().flatten(),
                _ => None,
            };
            make_row(
                &record,
                (date, end),
                year,
                (reading.0, &reading.1),
                &mut state,
                builder,
            )
            .map_err(|e| repeated_header(&record, e))?;
        }
    }
    if series {
        repeated_days(&mut state, matched, builder);
    }
    for (reason, line, rows) in state.skipped {
        builder.skip_rows(reason, line, rows);
    }
    if layout.whole_total
        && let Some(total) = &tally.total
        && let Some(warning) =
            total_differs(total, matched, header, &reading.1, &whole_columns, builder)
    {
        builder.warn(warning);
    }
    info.rows = state.rows;
    for warning in &layout.warnings {
        builder.warn(warning.clone());
    }
    Ok(Some(info))
}

/// A total row that is the whole of what the export counts (YouTube Studio's `Total`,
/// which counts videos the table does not list: deleted, private, or past the rows
/// exported) against the sums of the table's rows: the metrics where they differ by
/// more than rounding, as written and as summed. Rows summed are short of the
/// account's figures then, and a warning says so.
fn total_differs(
    total: &Record,
    matched: &Matched,
    header: &Record,
    decimals: &Decimals,
    whole_columns: &WholeColumns,
    builder: &Builder,
) -> Option<crate::i18n::Message> {
    let mut differ = Vec::new();
    for i in 0..total.cells.len() {
        let text = total.cells.get(i).unwrap_or_default();
        let Some(Some((column, _))) = matched.cells.get(i) else {
            continue;
        };
        let Target::Metric(metric, scale) = &column.target else {
            continue;
        };
        // A net change is kept only on rows without its gains and losses: its sum
        // is no total of the column.
        if metric == "followers_net" {
            continue;
        }
        // Each cell's mark as the rows' cells of its column are read.
        let mark = if total.is_typed(i) {
            DecimalMark::Dot
        } else if let Some(&(_, mark)) = decimals.proven.iter().find(|(c, _)| *c == i) {
            mark
        } else if !decimals.given && whole_columns.column(i, total) {
            super::value::thousands_reading(text).unwrap_or(decimals.mark)
        } else if decimals.mixed.is_some() {
            continue;
        } else {
            decimals.mark
        };
        let Ok((Some(total), _)) = super::value::parse_amount(text, mark) else {
            continue;
        };
        let Some(sum) = builder.table_sum(metric) else {
            continue;
        };
        let total = total.0 as f64 / Amount::SCALE as f64;
        let sum = sum as f64 / Amount::SCALE as f64 / scale;
        // A total is rounded as its cells are: only a gap beyond that is missing rows.
        if (total - sum).abs() > 1.0_f64.max(total.abs() * 0.005) {
            differ.push(format!(
                "{} {} / {}",
                header.cells.get(i).unwrap_or_default().trim(),
                super::value::trim(text),
                crate::render::plain_number(sum)
            ));
        }
    }
    (!differ.is_empty()).then(|| {
        crate::msg!(
            "warning.total_differs",
            line = total.line,
            figures = differ.join("; ")
        )
    })
}

/// The forms a metric's column takes, for the error refusing a cell: a count has no
/// fraction and no percentage, an amount no percentage (both are refused), and a
/// file whose decimal mark is known is shown that mark alone.
fn expected_number(metric: Option<&str>, mark: DecimalMark) -> String {
    let count = metric.is_some_and(|m| m == "results" || crate::model::is_count(m));
    let amount = metric.is_some_and(crate::model::is_money);
    let forms: &[&str] = match (count, amount, mark) {
        (true, _, DecimalMark::Dot) => &["1234", "1,234"],
        (true, _, DecimalMark::Comma) => &["1234", "1.234"],
        (true, _, DecimalMark::Auto) => &["1234", "1,234", "1.234"],
        (_, true, DecimalMark::Dot) => &["1234.5", "1,234.5"],
        (_, true, DecimalMark::Comma) => &["1234,5", "1.234,5"],
        (_, true, DecimalMark::Auto) => &["1234.5", "1,234.5", "1.234,5"],
        (_, _, DecimalMark::Dot) => &["1234.5", "1,234.5", "12%"],
        (_, _, DecimalMark::Comma) => &["1234,5", "1.234,5", "12%"],
        (_, _, DecimalMark::Auto) => &["1234.5", "1,234.5", "1.234,5", "12%"],
    };
    let (last, first) = forms.split_last().unwrap_or((&"", &[]));
    let forms = format!("{}{}{last}", first.join(", "), crate::say!("error.or"));
    if count {
        crate::say!("error.expected_count", forms = forms)
    } else {
        crate::say!("error.expected_number", forms = forms)
    }
}

/// Days read twice in a series (a download pasted after itself, or appended to an
/// older one without its header), once all its parts are read. A row whose cells
/// are all an earlier row's of its day is that row again: skipped. One that differs
/// from it only in columns roi knows is a newer download's figures of that day: it
/// replaces the earlier. Rows apart in a column roi does not know may be what that
/// column tells apart, and both count, as in any table. A content table's posts
/// likewise, each post (its id and breakdown, of its dates) as a day.
fn repeated_days(state: &mut RowState, matched: &Matched<'_>, builder: &mut Builder<'_>) {
    let known = |i: usize| matched.cells.get(i).is_some_and(Option::is_some);
    let days = &state.days;
    // The rows counted of each day (or post), as indices in `days`.
    let mut counted: rustc_hash::FxHashMap<(NaiveDate, NaiveDate, Option<&str>), Vec<usize>> =
        rustc_hash::FxHashMap::default();
    // (line, the earlier line it repeats) and (line, the earlier line it replaces,
    // their day, their post's id)
    let mut repeats = Vec::new();
    let mut replaced = Vec::new();
    let posts = days.iter().any(|d| d.4.is_some());
    for (i, (start, end, line, cells, post)) in days.iter().enumerate() {
        let of_day = counted.entry((*start, *end, post.as_deref())).or_default();
        if let Some(&j) = of_day.iter().find(|&&j| days[j].3 == *cells) {
            repeats.push((*line, days[j].2));
            continue;
        }
        let contradicts = |j: usize| {
            let earlier = &days[j].3;
            (0..cells.len().max(earlier.len())).all(|c| {
                known(c)
                    || cells.get(c).map_or("", String::as_str)
                        == earlier.get(c).map_or("", String::as_str)
            })
        };
        match of_day.iter_mut().find(|j| contradicts(**j)) {
            Some(j) => {
                let id = post.as_deref().and_then(|p| p.split('\x1f').next());
                replaced.push((*line, days[*j].2, *start, id));
                *j = i;
            }
            None => of_day.push(i),
        }
    }
    if let Some(&(line, first)) = repeats.first() {
        let mut lines: Vec<u64> = repeats.iter().map(|r| r.0).collect();
        lines.sort_unstable();
        builder.take_back(&lines, true);
        let rows = repeats.len() as u64;
        state.rows = state.rows.saturating_sub(rows);
        let reason = if posts {
            crate::msg!("skip.repeated_post")
        } else {
            crate::msg!("skip.repeated_day")
        };
        let warning = match (posts, rows) {
            (true, 1) => crate::msg!("warning.repeated_post", line = line, first = first),
            (true, _) => crate::msg!(
                "warning.repeated_posts",
                rows = rows,
                line = line,
                first = first
            ),
            (false, 1) => crate::msg!("warning.repeated_day", line = line, first = first),
            (false, _) => crate::msg!(
                "warning.repeated_days",
                rows = rows,
                line = line,
                first = first
            ),
        };
        note_skip(&mut state.skipped, reason, line, rows);
        builder.warn(warning);
    }
    if let Some(&(line, first, day, id)) = replaced.first() {
        let mut lines: Vec<u64> = replaced.iter().map(|r| r.1).collect();
        lines.sort_unstable();
        builder.take_back(&lines, false);
        if let Some(id) = id {
            builder.warn(if replaced.len() == 1 {
                crate::msg!(
                    "warning.contradicting_post",
                    line = line,
                    first = first,
                    id = id
                )
            } else {
                crate::msg!(
                    "warning.contradicting_posts",
                    rows = replaced.len(),
                    line = line,
                    first = first,
                    id = id
                )
            });
            return;
        }
        let warning = if replaced.len() == 1 {
            crate::msg!(
                "warning.contradicting_day",
                line = line,
                first = first,
                date = day
            )
        } else {
            crate::msg!(
                "warning.contradicting_days",
                rows = replaced.len(),
                line = line,
                first = first,
                date = day
            )
        };
        builder.warn(warning.dates(&["date"]));
    }
}

/// Whether a Business Suite post type is a still post (a photo, a carousel, a link,
/// text), in any of its UI languages: its views are no video views. A type that
/// may be either (a Story) is not.
fn still_post(kind: &str) -> bool {
    // An Instagram feed post (`Publicación de Instagram`) is a photo or carousel:
    // its videos are reels.
    const STILL: &[&str] = &[
        "photo",
        "foto",
        "image",
        "imagen",
        "imagem",
        "ảnh",
        "hình",
        "bild",
        "gambar",
        "carousel",
        "carrusel",
        "carrossel",
        "carrousel",
        "karussell",
        "băng chuyền",
        "link",
        "enlace",
        "liên kết",
        "lien",
        "text",
        "status",
        "publicación",
        "publicação",
        "publication",
        "bài viết",
        "beitrag",
        "postingan",
        "secuencia",
    ];
    let kind = kind.to_lowercase();
    STILL.iter().any(|w| kind.contains(w))
}

/// The platform a post's permalink (`https://www.instagram.com/reel/…`) or type
/// (`IG reel`, `Reel de Instagram`, `Publicación de Instagram`, `Facebook video`) names.
fn platform_of_post(link: Option<&str>, kind: Option<&str>) -> Option<&'static str> {
    let host = link.and_then(|l| {
        let rest = l.split_once("://").map_or(l, |(_, rest)| rest);
        rest.split(['/', '?', '#']).next()
    });
    host.filter(|h| h.contains('.'))
        .and_then(platform_of_source)
        .or_else(|| {
            let kind = kind?.to_lowercase();
            if kind.contains("instagram") || kind.starts_with("ig ") {
                Some("instagram")
            } else if kind.contains("facebook") {
                Some("facebook")
            } else {
                None
            }
        })
}

/// A workbook's date stored as a plain number (LinkedIn's, with no date format): an
/// Excel serial day of a plausible day (1970 to 2099), with its fraction the time of
/// day (46460.375 is 2027-03-14 09:00), as ISO text. Text cells never are: `46082`
/// in a CSV is no date.
fn serial_text(record: &Record, i: usize, date_1904: bool) -> Option<String> {
    if !record.is_typed(i) {
        return None;
    }
    let serial: f64 = record.cells.get(i)?.trim().parse().ok()?;
    // 25569 is 1970-01-01, 73050 is 2099-12-31 (any time of that day); in the 1904
    // date system 1462 days less.
    let shift = if date_1904 { 1462.0 } else { 0.0 };
    (25_569.0..73_051.0)
        .contains(&(serial + shift))
        .then(|| super::text::excel_date_time(serial, date_1904))
}

fn serial_date(record: &Record, i: usize, date_1904: bool) -> Option<ParsedDate> {
    parse_date(&serial_text(record, i, date_1904)?)
}

/// An hour of the day: `13`, `13:00`, `1 PM`, `1:00 PM`, `1:00 CH`.
fn hour_of(text: &str) -> Option<u32> {
    let t = text.trim().trim_matches('"');
    let end = t
        .find(|c: char| !(c.is_ascii_digit() || c == ':'))
        .unwrap_or(t.len());
    let (clock, half) = match super::value::meridiem(t[end..].trim()) {
        Some((pm, "")) => (&t[..end], Some(if pm { 12 } else { 0 })),
        Some(_) => return None,
        None => (t, None),
    };
    let hour: u32 = clock.split(':').next()?.trim().parse().ok()?;
    match half {
        // 12 AM is 0, 12 PM is 12; a 12-hour clock has no 0 or 13.
        Some(add) if (1..=12).contains(&hour) => Some(hour % 12 + add),
        Some(_) => None,
        None => (hour < 24).then_some(hour),
    }
}

/// What a table's records are.
enum Class {
    Blank,
    /// Not data: counted as skipped, with the reason.
    Skip(crate::i18n::Message),
    /// A line of one cell: a note when only blank lines and notes follow it, else a
    /// damaged row.
    Note,
    /// A data record, with its parsed date when the table has a date column, and its
    /// end date when it has one.
    Data {
        date: Option<ParsedDate>,
        end: Option<ParsedDate>,
    },
}

/// Rows left out by reason: the reason, the first one's line, how many.
type Skips = Vec<(crate::i18n::Message, u64, u64)>;

fn note_skip(skips: &mut Skips, reason: crate::i18n::Message, line: u64, rows: u64) {
    match skips.iter_mut().find(|(r, _, _)| *r == reason) {
        Some((_, _, n)) => *n += rows,
        None => skips.push((reason, line, rows)),
    }
}

/// What a table's records say about how its values are written: its first pass.
struct Tally {
    votes: DayOrderVotes,
    /// Whether a date is written with numbers only (its day order then matters).
    numeric: bool,
    yearless: Vec<ParsedDate>,
    decimal: DecimalVotes,
    /// The export day the first data record gives (TikTok Content's `Time`).
    export_day: Option<ParsedDate>,
    seen_data: bool,
    /// Records that are not data, counted once the table is known to end where
    /// assumed (an open table may not).
    skipped: Skips,
    /// The date and end date columns.
    date_columns: [Option<usize>; 2],
    /// The range the export states its days lie in.
    stated: Option<Span>,
    /// The first numeric date, the first that only reads day-first and the first
    /// that only reads month-first: line, column, value. What the day-order errors
    /// name.
    first_numeric: Option<DateSeen>,
    first_day_first: Option<DateSeen>,
    first_month_first: Option<DateSeen>,
    /// The first numeric date that reads both ways as two different dates
    /// (`03/01/2024`, not `05/05/2024`): what the error of a file that never tells
    /// its day order names.
    first_ambiguous: Option<DateSeen>,
    /// The first numeric date on neither reading's weekday, with its readings
    /// (day-first, month-first): no order can read it.
    weekday_in_neither: Option<(DateSeen, [Option<NaiveDate>; 2], u32)>,
    /// The first one-cell line and the last data record's line: a note above data
    /// is a damaged row.
    note: Option<(u64, String)>,
    last_data: u64,
    /// The first total row, to check the rows' sums against ([`total_differs`]).
    total: Option<Record>,
}

/// A date as written: its line, column and text.
type DateSeen = (u64, usize, String);

/// Why a table's slashed dates are read in the order [`fallback_day_order`] gives.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fallback {
    /// The layout's convention (or none: the file is refused).
    Convention,
    /// Only one order keeps the dates within the range the export states
    /// ([`DayOrderVotes::within`]).
    Stated,
    /// The dates lie much closer together read one way ([`DayOrderVotes::compact`]).
    Compact,
    /// The header of the date column is not in English.
    Localized,
    /// A decimal comma or the `;` separator come from a day-first locale.
    Resaved,
    /// Numbers grouped with `.` (`1.500.000`) come from a day-first locale.
    Grouped,
}

/// How a table's slashed dates are ordered when none of its values tells, and
/// why. First the one order that keeps them within the range the export states.
/// Then day-first when the header of its date column is not in English
/// ([`Layout::localized_day_order`]): not the column's first, English, name. The
/// date column's own name, not any header cell: a custom column (`Café sign-ups`)
/// is named by the user, and Indonesian or German names are plain ASCII.
/// Day-first too when the file's numbers use `,` as the decimal mark or Excel
/// separated it with `;` ([`DecimalVotes::day_first_locale`]): a spreadsheet in a
/// locale that writes dates day-first saved it, whatever its headers' language.
/// Numbers merely grouped with `.` say so only where the platform has no slashed
/// dates of its own in every language: Business Suite writes `6.271` beside
/// month-first dates in Vietnamese. Where only conventions would decide (the
/// layout's, or such grouping), dates that lie much closer together read the
/// other way are read that way: its date columns are days or ranges of an export,
/// never a series of months' first days, which a user's sheet may be (nor are a
/// post export's, whose posts a monthly schedule spreads over months).
fn fallback_day_order(
    layout: &Layout,
    header: &Record,
    date_columns: [Option<usize>; 2],
    decimal: &DecimalVotes,
    votes: &DayOrderVotes,
    stated: Option<Span>,
) -> (Option<DayOrder>, Fallback) {
    if let Some(order) = stated.and_then(|s| votes.within(s)) {
        return (Some(order), Fallback::Stated);
    }
    let (order, why) = fallback_by_locale(layout, header, date_columns, decimal);
    // A post export's dates are the days posts went out, which a monthly post on
    // the 1st spreads over months: closeness tells nothing there.
    let posts = layout
        .columns
        .iter()
        .any(|c| matches!(c.target, Target::PublishTime));
    match votes.compact() {
        Some((compact, ..))
            if matches!(why, Fallback::Convention | Fallback::Grouped)
                && order.is_some_and(|o| o != compact)
                && !posts
                && !layout.id.starts_with("mapping-") =>
        {
            (Some(compact), Fallback::Compact)
        }
        _ => (order, why),
    }
}

fn fallback_by_locale(
    layout: &Layout,
    header: &Record,
    date_columns: [Option<usize>; 2],
    decimal: &DecimalVotes,
) -> (Option<DayOrder>, Fallback) {
    let localized = || {
        date_columns.iter().flatten().any(|&i| {
            let name = normalize_header(header.cells.get(i).unwrap_or("")).0;
            !layout.columns.iter().any(|c| {
                matches!(
                    c.target,
                    Target::Date
                        | Target::Day
                        | Target::EndDate
                        | Target::Week
                        | Target::Month
                        | Target::Quarter
                        | Target::Year
                        | Target::Period
                ) && c.aliases.first() == Some(&name)
            })
        })
    };
    // The platform writes slashed dates itself, in this order in every language.
    let own_order = layout.day_order.is_some() && layout.localized_day_order.is_none();
    // The numbers before the header's language: what the values show is told
    // (a French Meta export's `1 234,56`), when both say day-first.
    let resaved = layout.day_order != Some(DayOrder::DayFirst) && decimal.day_first_locale();
    match layout.localized_day_order {
        Some(order) if localized() && !(resaved && order == DayOrder::DayFirst) => {
            (Some(order), Fallback::Localized)
        }
        _ if resaved => (Some(DayOrder::DayFirst), Fallback::Resaved),
        _ if layout.day_order != Some(DayOrder::DayFirst)
            && !own_order
            && decimal.day_first_grouping() =>
        {
            (Some(DayOrder::DayFirst), Fallback::Grouped)
        }
        _ => (layout.day_order, Fallback::Convention),
    }
}

impl Tally {
    fn new(decimal: DecimalVotes, date_columns: [Option<usize>; 2], stated: Option<Span>) -> Tally {
        Tally {
            votes: DayOrderVotes::default(),
            numeric: false,
            yearless: Vec::new(),
            decimal,
            export_day: None,
            seen_data: false,
            skipped: Vec::new(),
            date_columns,
            stated,
            first_numeric: None,
            first_day_first: None,
            first_month_first: None,
            first_ambiguous: None,
            weekday_in_neither: None,
            note: None,
            last_data: 0,
            total: None,
        }
    }

    /// Keeps the first numeric date of each kind, to name in an error. Only the
    /// first of each is copied: the rest cost two comparisons.
    fn note_numeric(&mut self, date: &ParsedDate, record: &Record, which: usize) {
        let ParsedDate::Numeric { first, second, .. } = *date else {
            return;
        };
        let seen = |i: Option<usize>| {
            let i = i.unwrap_or(0);
            let text = record.cells.get(i).map_or("", str::trim);
            Some((record.line, i, text.to_owned()))
        };
        let column = self.date_columns[which];
        if self.first_numeric.is_none() {
            self.first_numeric = seen(column);
        }
        let told = date.weekday_tells();
        if (first > 12 || told == Some(DayOrder::DayFirst)) && self.first_day_first.is_none() {
            self.first_day_first = seen(column);
        }
        if (second > 12 || told == Some(DayOrder::MonthFirst)) && self.first_month_first.is_none() {
            self.first_month_first = seen(column);
        }
        if self.weekday_in_neither.is_none()
            && let (
                Some(readings),
                ParsedDate::Numeric {
                    weekday: Some(w), ..
                },
            ) = (date.weekday_in_neither(), *date)
            && let Some(seen) = seen(column)
        {
            self.weekday_in_neither = Some((seen, readings, w));
        }
        if first != second && first <= 12 && second <= 12 && self.first_ambiguous.is_none() {
            self.first_ambiguous = seen(column);
        }
    }

    /// Counts a record in.
    fn add(&mut self, record: &Record, class: &Class, export_column: Option<usize>) {
        let (date, end) = match class {
            Class::Blank => return,
            Class::Skip(reason) => {
                // A total is written as its column's values are: `1205.5` under
                // `980.125` VND shows that column's `.` is decimal.
                if reason.key == "skip.total" {
                    self.decimal.add(record);
                    if self.total.is_none() {
                        self.total = Some(record.clone());
                    }
                }
                note_skip(&mut self.skipped, reason.clone(), record.line, 1);
                return;
            }
            Class::Note => {
                note_skip(&mut self.skipped, crate::msg!("skip.note"), record.line, 1);
                self.note
                    .get_or_insert_with(|| (record.line, record.first().to_owned()));
                return;
            }
            Class::Data { date, end } => (date, end),
        };
        self.last_data = record.line;
        if !self.seen_data {
            self.seen_data = true;
            // An export day in the file bounds every date.
            self.export_day = export_column
                .and_then(|i| record.cells.get(i))
                .and_then(parse_date);
        }
        if let Some(d) = date {
            self.votes.add(d);
            self.numeric |= matches!(d, ParsedDate::Numeric { .. });
            self.note_numeric(d, record, 0);
            if matches!(d, ParsedDate::YearLess { .. }) {
                self.yearless.push(*d);
            }
        }
        // The end of a range is written as its start is: `31/03/2026` tells both.
        if let Some(e) = end {
            self.votes.add(e);
            self.numeric |= matches!(e, ParsedDate::Numeric { .. });
            self.note_numeric(e, record, 1);
        }
        self.decimal.add(record);
    }

    /// What [`Tally::decide`] is likely to say once every record is in, from the
    /// first ones.
    fn guess(&self, layout: &Layout, header: &Record) -> Option<(Option<DayOrder>, Decimals)> {
        if self.decimal.clash().is_some() {
            return None;
        }
        let order = match self.votes.decide() {
            Ok(Some(o)) => Some(o),
            Ok(None) => {
                fallback_day_order(
                    layout,
                    header,
                    self.date_columns,
                    &self.decimal,
                    &self.votes,
                    self.stated,
                )
                .0
            }
            Err(_) => return None,
        };
        Some((order, self.decimal.decide(header)))
    }

    /// The day order (from the values, else the layout's convention, else refused)
    /// and the decimal mark.
    fn decide(
        &self,
        text: &Text,
        layout: &Layout,
        header: &Record,
    ) -> Result<(Option<DayOrder>, Decimals), InputError> {
        if let Some(((line, i), mark, decimal, groups)) = self.decimal.clash() {
            return Err(InputError {
                path: text.path().to_path_buf(),
                line: Some(line),
                column: Some(format!(
                    "{} (`{}`)",
                    text.column(i),
                    header.cells.get(i).map_or("", str::trim)
                )),
                message: crate::say!(
                    "error.decimal_clash",
                    mark = mark,
                    decimal = format!("{:?}", decimal.1),
                    decimal_line = decimal.0,
                    groups = format!("{:?}", groups.1),
                    groups_line = groups.0
                ),
            });
        }
        let order = match self.votes.decide() {
            Ok(Some(o)) => Some(o),
            Ok(None) => {
                fallback_day_order(
                    layout,
                    header,
                    self.date_columns,
                    &self.decimal,
                    &self.votes,
                    self.stated,
                )
                .0
            }
            Err(super::value::MixedDayOrder) => {
                let at = |seen: &Option<DateSeen>| match seen {
                    Some((line, i, value)) => crate::say!(
                        "error.date_at",
                        line = line,
                        column = format!(
                            "{} (`{}`)",
                            text.column(*i),
                            header.cells.get(*i).map_or("", str::trim)
                        ),
                        value = format!("{value:?}")
                    ),
                    None => String::new(),
                };
                return Err(InputError::file(
                    text.path(),
                    crate::say!(
                        "error.mixed_day_order",
                        day_first = at(&self.first_day_first),
                        month_first = at(&self.first_month_first)
                    ),
                ));
            }
        };
        if self.numeric
            && order.is_none()
            && let Some(((line, i, value), [day_first, month_first], w)) = &self.weekday_in_neither
        {
            // A date that no order puts on its weekday is the error, not the order.
            let weekday = |w: usize| {
                let key = format!(
                    "insights.weekdays.{}",
                    super::value::WEEKDAY_NAMES[w].to_lowercase()
                );
                crate::i18n::tr(crate::i18n::current(), &key, &[])
            };
            let reading = |d: &Option<NaiveDate>| match d {
                Some(d) => crate::say!(
                    "error.date_reading",
                    date = crate::i18n::date(crate::i18n::current(), *d),
                    weekday = weekday(chrono::Datelike::weekday(d).num_days_from_monday() as usize)
                ),
                None => crate::say!("error.date_reading_none"),
            };
            return Err(InputError {
                path: text.path().to_path_buf(),
                line: Some(*line),
                column: Some(format!(
                    "{} (`{}`)",
                    text.column(*i),
                    header.cells.get(*i).map_or("", str::trim)
                )),
                message: crate::say!(
                    "error.date_weekday_neither",
                    value = format!("{value:?}"),
                    named = weekday(*w as usize),
                    day_first = reading(day_first),
                    month_first = reading(month_first)
                ),
            });
        }
        if self.numeric && order.is_none() {
            // The formats to suggest use the file's own separator: `01-06-2025`
            // needs `%d-%m-%Y`.
            let separator = self
                .first_numeric
                .as_ref()
                .and_then(|(_, _, value)| {
                    // The date's own, not a weekday's letter before it.
                    (value.chars())
                        .skip_while(|c| !c.is_ascii_digit())
                        .find(|c| !c.is_ascii_digit())
                })
                .unwrap_or('/');
            // Named where it is, as any bad value is: the first date that reads as
            // two different days (else the first numeric one: `05/05/2024` alone
            // would read the same either way, but its file still needs a format).
            let at = self
                .first_ambiguous
                .as_ref()
                .or(self.first_numeric.as_ref());
            return Err(InputError {
                path: text.path().to_path_buf(),
                line: at.map(|(line, _, _)| *line),
                column: at.map(|(_, i, _)| {
                    format!(
                        "{} (`{}`)",
                        text.column(*i),
                        header.cells.get(*i).map_or("", str::trim)
                    )
                }),
                message: crate::say!(
                    "error.ambiguous_day_order",
                    value = format!("{:?}", at.map_or("", |(_, _, value)| value.as_str())),
                    day_first = format!("%d{separator}%m{separator}%Y"),
                    month_first = format!("%m{separator}%d{separator}%Y")
                ),
            });
        }
        Ok((order, self.decimal.decide(header)))
    }
}

/// Why rows read in the first pass may not stand.
enum Unread {
    /// A date without a year: its year comes from all of the table's.
    YearLess,
    /// The first row that could not be read the way the first records say.
    Failed(InputError),
}

/// What the first pass over a table (or a part of it) found.
struct Pass {
    tally: Tally,
    /// The rows read with what the first records say, when they say enough.
    state: RowState,
    /// Why those rows may not stand.
    failed: Option<Unread>,
    new_table: bool,
}

impl Pass {
    /// The passes over the parts of a table, in order, each with the lines before
    /// it, as one pass over the whole.
    fn merge(passes: Vec<(Pass, u64)>) -> Pass {
        let mut passes = passes.into_iter();
        let Some((mut all, _)) = passes.next() else {
            unreachable!("a table is read in one part at least")
        };
        for (pass, lines) in passes {
            let tally = pass.tally;
            all.tally.votes.absorb(tally.votes);
            // A later part's lines count from its start.
            let shift = |seen: Option<DateSeen>| seen.map(|(line, i, t)| (line + lines, i, t));
            all.tally.first_numeric = all
                .tally
                .first_numeric
                .take()
                .or(shift(tally.first_numeric));
            all.tally.first_day_first = all
                .tally
                .first_day_first
                .take()
                .or(shift(tally.first_day_first));
            all.tally.first_month_first = all
                .tally
                .first_month_first
                .take()
                .or(shift(tally.first_month_first));
            all.tally.first_ambiguous = all
                .tally
                .first_ambiguous
                .take()
                .or(shift(tally.first_ambiguous));
            all.tally.numeric |= tally.numeric;
            all.tally.note = all
                .tally
                .note
                .take()
                .or(tally.note.map(|(line, text)| (line + lines, text)));
            if tally.seen_data {
                all.tally.last_data = tally.last_data + lines;
            }
            all.tally.yearless.extend(tally.yearless);
            all.tally.total = all.tally.total.take().or(tally.total.map(|total| Record {
                line: total.line + lines,
                ..total
            }));
            all.tally.decimal.absorb(tally.decimal, lines);
            if !all.tally.seen_data {
                all.tally.seen_data = tally.seen_data;
                all.tally.export_day = tally.export_day;
            }
            for (reason, line, rows) in tally.skipped {
                note_skip(&mut all.tally.skipped, reason, line + lines, rows);
            }
            all.state.rows += pass.state.rows;
            all.state.days.extend(
                (pass.state.days.into_iter())
                    .map(|(a, b, line, cells, post)| (a, b, line + lines, cells, post)),
            );
            for (reason, line, rows) in pass.state.skipped {
                note_skip(&mut all.state.skipped, reason, line + lines, rows);
            }
            if all.failed.is_none() {
                all.failed = pass.failed.map(|f| match f {
                    Unread::Failed(e) => Unread::Failed(e.after_lines(lines)),
                    Unread::YearLess => Unread::YearLess,
                });
            }
            all.new_table |= pass.new_table;
        }
        all
    }
}

/// What reading rows keeps from one row to the next.
struct RowState {
    /// One buffer for every row's values: rows that merge allocate nothing.
    values: RowValues,
    /// The metric of each result type seen, by its text (`None`: not known): a
    /// file has a handful, repeated row after row.
    /// And whether it is a messaging type (see [`is_messaging_result`]).
    result_names: Vec<(String, Option<&'static str>, bool)>,
    /// The platform of each traffic source seen (GA4's `l.facebook.com`): a file has
    /// a few hundred at most, repeated row after row.
    source_platforms: rustc_hash::FxHashMap<String, Option<&'static str>>,
    /// Each metric column's id, registered when the column first has a value.
    metric_ids: Vec<Option<crate::model::MetricId>>,
    rows: u64,
    skipped: Skips,
    /// The last reporting start and end read beside a `Day` breakdown, as written:
    /// every row of an export repeats them, and they are read once.
    stated: Option<(String, String)>,
    /// The dates of [`RowState::stated`], when both are dates.
    stated_range: Option<(NaiveDate, NaiveDate)>,
    /// A series' rows as read (dates, line, cells, and in a content table the
    /// post's key, its id first), to find a day or post read twice once every part
    /// is read ([`repeated_days`]); empty for other tables.
    days: Vec<SeriesRow>,
}

/// A series' row as read: its dates, line, cells, and in a content table its
/// post's key.
type SeriesRow = (NaiveDate, NaiveDate, u64, Vec<String>, Option<String>);

impl RowState {
    fn new(columns: usize) -> RowState {
        RowState {
            values: RowValues::default(),
            result_names: Vec::new(),
            source_platforms: rustc_hash::FxHashMap::default(),
            metric_ids: vec![None; columns],
            rows: 0,
            skipped: Vec::new(),
            stated: None,
            stated_range: None,
            days: Vec::new(),
        }
    }
}

/// Which of a table's number columns hold no fractions: counts, and amounts in a
/// currency without minor units, named by the header (`Amount spent (VND)`), a
/// mapping's constant `currency`, row by row by a currency column, or else by
/// roi.toml's `currency`, which such amounts are in.
#[derive(Clone)]
struct WholeColumns {
    /// Per column: `None` for a column that is not a number.
    kinds: Vec<Option<Whole>>,
    /// The currency column, when money columns depend on it.
    currency: Option<usize>,
    /// Whether roi.toml's `currency`, which a row whose currency cell is empty is
    /// in, has no minor units.
    default_whole: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Whole {
    No,
    Yes,
    /// A count: its lone mark before three digits (`1.270` views) can only group
    /// thousands, whatever the platform writes.
    Count,
    /// Money whose currency the row's currency column gives.
    InRowCurrency,
}

impl WholeColumns {
    fn new(
        layout: &Layout,
        cells: &CellMatches<'_>,
        series_metric: Option<&str>,
        default: Option<&str>,
    ) -> WholeColumns {
        // A mapping's constant currency wins over a column's, as it does for rows.
        let constant = layout
            .constants
            .iter()
            .find(|(d, _)| *d == Dimension::Currency)
            .map(|(_, c)| c.as_str());
        let currency = if constant.is_some() {
            None
        } else {
            cells.iter().position(|c| {
                c.as_ref()
                    .is_some_and(|(col, _)| col.target == Target::Dim(Dimension::Currency))
            })
        };
        let whole_in = |c: &str| {
            if crate::model::currency_decimals(c) == 0 {
                Whole::Yes
            } else {
                Whole::No
            }
        };
        let kinds = cells
            .iter()
            .map(|c| {
                let (col, header_currency) = c.as_ref()?;
                Some(match &col.target {
                    Target::Results => Whole::Count,
                    Target::Metric(name, factor) if (*factor - 1.0).abs() < f64::EPSILON => {
                        // A single-metric series' one column holds its title's metric.
                        let name = match (name.is_empty(), series_metric) {
                            (true, Some(m)) => m,
                            _ => name.as_str(),
                        };
                        let money = crate::model::is_money(name);
                        if crate::model::is_whole_count(name) {
                            Whole::Count
                        } else if let Some(c) =
                            header_currency.as_ref().and_then(HeaderCurrency::code)
                        {
                            whole_in(c)
                        } else if let (true, Some(c)) = (money, constant) {
                            whole_in(c)
                        } else if money && currency.is_some() {
                            Whole::InRowCurrency
                        } else if let (true, Some(c)) = (money, default) {
                            // Nothing in the file names a currency: the amounts
                            // are in roi.toml's.
                            whole_in(c)
                        } else {
                            Whole::No
                        }
                    }
                    Target::Metric(..) => Whole::No,
                    _ => return None,
                })
            })
            .collect();
        WholeColumns {
            kinds,
            currency,
            default_whole: default.is_some_and(|c| crate::model::currency_decimals(c) == 0),
        }
    }

    /// Whether a value of this kind in this record has no fraction.
    fn is_whole(&self, kind: Whole, record: &Record) -> bool {
        match kind {
            Whole::No => false,
            Whole::Yes | Whole::Count => true,
            Whole::InRowCurrency => match self.currency.and_then(|c| record.cells.get(c)) {
                // A row that names no currency is in roi.toml's.
                Some(c) if super::value::is_missing(c) => self.default_whole,
                Some(c) => crate::model::currency_decimals(c) == 0,
                None => self.default_whole,
            },
        }
    }

    /// Whether column `i` of this record has no fraction.
    fn column(&self, i: usize, record: &Record) -> bool {
        self.kinds
            .get(i)
            .copied()
            .flatten()
            .is_some_and(|kind| self.is_whole(kind, record))
    }
}

/// The decimal mark of a table, from every value of its number columns: `12,5` or
/// `1.234,5` say comma, `12.5` or `0.0344` say dot, and a mark that repeats
/// (`1.234.567`, `1,234,567`) groups thousands. A lone mark before three digits
/// (`1.234`) could be either, except in a column that holds no fractions (see
/// [`WholeColumns`]), where it can only group thousands. When no value tells, the
/// platform's convention does, else the file's language (see
/// [`DecimalVotes::decide`]), and the reading is told. Only a mark the user gave
/// (a mapping's `decimal`) is taken without a vote.
#[allow(clippy::struct_excessive_bools)] // independent votes, each set by its own values
struct DecimalVotes {
    given: Option<DecimalMark>,
    /// The platform's mark (English exports write `1,234.5`): a file whose values
    /// say otherwise was re-saved in another locale and is read as written.
    convention: Option<DecimalMark>,
    whole: WholeColumns,
    /// The number columns, each with whether its values are whole.
    numeric: Vec<(usize, Whole)>,
    comma: bool,
    dot: bool,
    /// A count's lone mark before three digits grouping thousands (`1.270`
    /// views): `,` then, or `.` (`1,270`), is the decimal mark.
    count_comma: bool,
    count_dot: bool,
    /// A `,` seen before a fraction (`12,5`, `1.234,56`), not only `.` grouping
    /// thousands.
    fraction: bool,
    /// Excel writes `;`-separated CSV where `,` is the decimal mark.
    semicolons: bool,
    /// The first value that could be read either way, with its line and column.
    ambiguous: Option<(u64, usize, String)>,
    /// Per number column (as `numeric`), the first value whose digits give a mark
    /// each of the [`roles`]: a column written by one hand gives a mark one role.
    roles: Vec<[Option<(u64, String)>; 4]>,
    /// The first value whose digits can only be read with `,` as the decimal mark
    /// (`12,5`, `1.234.567`), then the first only read with `.` (`12.5`,
    /// `1,234,567`): a file with both cannot tell how to read `1.500`.
    proof: [Option<DateSeen>; 2],
}

/// A mark a column's values give two roles ([`DecimalVotes::clash`]).
type Clash = ((u64, usize), char, (u64, String), (u64, String));

/// The roles a value's digits give the marks, as bits ([`DecimalVotes::roles`]).
mod roles {
    pub const DOT_DECIMAL: u8 = 1;
    pub const DOT_GROUPS: u8 = 2;
    pub const COMMA_DECIMAL: u8 = 4;
    pub const COMMA_GROUPS: u8 = 8;
    /// Roles that say `.` is the decimal mark.
    pub const DOT_SIDE: u8 = DOT_DECIMAL | COMMA_GROUPS;
}

/// How a table's numbers are read, as [`DecimalVotes::decide`] decides.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Decimals {
    mark: DecimalMark,
    /// The mark is a mapping's `decimal`: every value is read with it.
    given: bool,
    /// The values proving `,` and `.` each the decimal mark, when the file has
    /// both: a lone mark before three digits (`1.500`) is then refused.
    mixed: Option<Box<[DateSeen; 2]>>,
    /// Columns without fractions whose own values say their decimal mark: their
    /// lone mark before three digits is read with it (`951.238` beside `48211.5`
    /// VND), not as thousands.
    proven: Vec<(usize, DecimalMark)>,
}

impl DecimalVotes {
    fn new(layout: &Layout, whole: &WholeColumns, semicolons: bool) -> DecimalVotes {
        let (given, convention) = match layout.decimal {
            LayoutMark::Given(mark) => (Some(mark), None),
            LayoutMark::Convention(DecimalMark::Auto) => (None, None),
            LayoutMark::Convention(mark) => (None, Some(mark)),
        };
        DecimalVotes {
            given,
            convention,
            whole: whole.clone(),
            numeric: whole
                .kinds
                .iter()
                .enumerate()
                .filter_map(|(i, k)| Some((i, (*k)?)))
                .collect(),
            comma: false,
            dot: false,
            count_comma: false,
            count_dot: false,
            fraction: false,
            semicolons,
            ambiguous: None,
            roles: vec![Default::default(); whole.kinds.iter().flatten().count()],
            proof: [None, None],
        }
    }

    fn add(&mut self, record: &Record) {
        if self.given.is_some() {
            return;
        }
        for (n, &(i, kind)) in self.numeric.iter().enumerate() {
            let cell = record.cells.get(i).unwrap_or("");
            // Most counts have no mark at all: no vote, and no closer look. A
            // workbook's typed number is no text in the file's locale.
            if !cell.bytes().any(|b| b == b',' || b == b'.') || record.is_typed(i) {
                continue;
            }
            // The number alone: currency symbols, spaces, signs and `%` on either
            // side are not part of how its digits group (`1.234 €` is `1.234`).
            let t = super::value::digit_span(cell);
            // The last of each mark, and how many, in one look at the bytes.
            let (mut last_comma, mut last_dot, mut commas, mut dots) = (None, None, 0, 0);
            for (at, b) in t.bytes().enumerate() {
                match b {
                    b',' => (last_comma, commas) = (Some(at), commas + 1),
                    b'.' => (last_dot, dots) = (Some(at), dots + 1),
                    _ => {}
                }
            }
            // No group of thousands starts with a zero: `0.125` is a fraction.
            let whole = self.whole.is_whole(kind, record) && !t.starts_with('0');
            // What the digits alone say; a column's kind or a symbol only guesses.
            let mut said = 0;
            match (last_comma, last_dot) {
                // A mark outside the digits (`5.`, `,-`) says nothing.
                (None, None) => {}
                (Some(c), Some(d)) if c > d => {
                    (self.comma, self.fraction) = (true, true);
                    said = roles::COMMA_DECIMAL | roles::DOT_GROUPS;
                }
                (Some(_), Some(_)) => {
                    self.dot = true;
                    said = roles::DOT_DECIMAL | roles::COMMA_GROUPS;
                }
                // `1,234,567` groups thousands; `12,5` or `1234,567` is a decimal.
                (Some(_), None) if commas > 1 => {
                    self.dot = true;
                    said = roles::COMMA_GROUPS;
                }
                (Some(c), None) if t.len() - c - 1 != 3 || c > 3 => {
                    (self.comma, self.fraction) = (true, true);
                    said = roles::COMMA_DECIMAL;
                }
                (None, Some(_)) if dots > 1 => {
                    self.comma = true;
                    said = roles::DOT_GROUPS;
                }
                (None, Some(d)) if t.len() - d - 1 != 3 || d > 3 => {
                    self.dot = true;
                    said = roles::DOT_DECIMAL;
                }
                // `23,456` impressions or `150.000` VND: whole, so thousands.
                (Some(_), None) if whole => {
                    self.dot = true;
                    self.count_dot |= kind == Whole::Count;
                }
                (None, Some(_)) if whole => {
                    self.comma = true;
                    self.count_comma |= kind == Whole::Count;
                }
                // So is an amount whose symbol names a currency without minor units
                // (`300.000 ₫` in a column whose header names no currency).
                (Some(_), None)
                    if super::value::currency_symbol(cell).is_some_and(Symbol::whole) =>
                {
                    self.dot = true;
                }
                (None, Some(_))
                    if super::value::currency_symbol(cell).is_some_and(Symbol::whole) =>
                {
                    self.comma = true;
                }
                _ => {
                    if self.ambiguous.is_none() {
                        self.ambiguous = Some((record.line, i, t.to_owned()));
                    }
                }
            }
            if said != 0 {
                // An amount in a currency of its own (its symbol's, its row's) is
                // written as that currency is: the dong's `1.250.000 ₫` says nothing
                // of the file's other amounts, nor of its column's in other currencies.
                let symbol = if t.len() == cell.len() {
                    None
                } else {
                    super::value::currency_symbol(cell)
                };
                let in_row_currency = kind == Whole::InRowCurrency;
                if !(symbol.is_some_and(Symbol::whole) || in_row_currency && whole) {
                    let side = usize::from(said & roles::DOT_SIDE != 0);
                    if self.proof[side].is_none() {
                        self.proof[side] = Some((record.line, i, t.to_owned()));
                    }
                }
                if symbol.is_none() && !in_row_currency {
                    for (bit, first) in self.roles[n].iter_mut().enumerate() {
                        if said & (1 << bit) != 0 && first.is_none() {
                            *first = Some((record.line, t.to_owned()));
                        }
                    }
                }
            }
        }
    }

    /// Takes in the votes of another part of the same table, which comes after.
    /// `lines`: the lines before that part, from which its lines count.
    fn absorb(&mut self, other: DecimalVotes, lines: u64) {
        self.comma |= other.comma;
        self.dot |= other.dot;
        self.count_comma |= other.count_comma;
        self.count_dot |= other.count_dot;
        self.fraction |= other.fraction;
        if self.ambiguous.is_none() {
            self.ambiguous = other.ambiguous.map(|(line, i, t)| (line + lines, i, t));
        }
        for (mine, theirs) in self.proof.iter_mut().zip(other.proof) {
            if mine.is_none() {
                *mine = theirs.map(|(line, i, t)| (line + lines, i, t));
            }
        }
        for (mine, theirs) in self.roles.iter_mut().zip(other.roles) {
            for (mine, theirs) in mine.iter_mut().zip(theirs) {
                if mine.is_none() {
                    *mine = theirs.map(|(line, t)| (line + lines, t));
                }
            }
        }
    }

    /// The first value that gives its mark the other role than an earlier value of
    /// its column does (`48211.5` below `1.234.567`): where it is (line and
    /// column), the mark, and the values giving it each role (line and text):
    /// decimal, then grouping.
    fn clash(&self) -> Option<Clash> {
        let mut first: Option<Clash> = None;
        for (&(i, _), seen) in self.numeric.iter().zip(&self.roles) {
            for (mark, a, b) in [('.', 0, 1), (',', 2, 3)] {
                if let (Some(x), Some(y)) = (&seen[a], &seen[b]) {
                    let line = x.0.max(y.0);
                    if first.as_ref().is_none_or(|c| line < c.0.0) {
                        first = Some(((line, i), mark, x.clone(), y.clone()));
                    }
                }
            }
        }
        first
    }

    /// How the numbers are read: with the mark their digits say (`12,5`,
    /// `1.234.567`; `12.5`, `1,234,567`); when they say both, each cell on its own
    /// and a lone mark before three digits refused. A column without fractions
    /// reads its lone mark before three digits as thousands unless its own values
    /// say their decimal mark.
    fn decide(&self, header: &Record) -> Decimals {
        let proven = self
            .numeric
            .iter()
            .zip(&self.roles)
            .filter(|((_, kind), _)| *kind != Whole::No)
            .filter_map(|(&(i, _), seen)| {
                let said = (0..4)
                    .filter(|&bit| seen[bit].is_some())
                    .fold(0, |all, bit| all | (1 << bit));
                match (said & !roles::DOT_SIDE != 0, said & roles::DOT_SIDE != 0) {
                    (true, false) => Some((i, DecimalMark::Comma)),
                    (false, true) => Some((i, DecimalMark::Dot)),
                    _ => None,
                }
            })
            .collect();
        let (mark, mixed) = match &self.proof {
            [Some(_), None] => (DecimalMark::Comma, None),
            [None, Some(_)] => (DecimalMark::Dot, None),
            [Some(comma), Some(dot)] => (
                DecimalMark::Auto,
                Some(Box::new([comma.clone(), dot.clone()])),
            ),
            [None, None] => (self.guess_mark(header), None),
        };
        Decimals {
            mark: self.given.unwrap_or(mark),
            given: self.given.is_some(),
            mixed,
            proven,
        }
    }

    /// The mark when no value's digits say it: a column's kind (`23,456`
    /// impressions), else `,` for a file that Excel separated with `;`, else the
    /// platform's, else `,` for a file whose headers have letters beyond English
    /// (Vietnamese, Spanish, French exports write `1.200` for 1200), else each
    /// cell on its own (a lone `.` is then decimal, a lone `,` groups thousands).
    fn guess_mark(&self, header: &Record) -> DecimalMark {
        // A dong amount's `980.125` is read as thousands in its own column but may
        // be the platform's decimal (YouTube's `30.375` hours beside it): against
        // the platform's mark only a count's grouping (`1.270` views) or Excel's
        // `;` shows a re-save in another locale.
        let (comma, dot) = match self.convention {
            Some(_) => (self.count_comma, self.count_dot),
            None => (self.comma, self.dot),
        };
        match (comma, dot) {
            (true, false) => DecimalMark::Comma,
            (false, true) => DecimalMark::Dot,
            (true, true) => DecimalMark::Auto,
            (false, false) => match self.convention {
                _ if self.semicolons => DecimalMark::Comma,
                Some(convention) => convention,
                None if header.cells.iter().any(|c| !c.is_ascii()) => DecimalMark::Comma,
                None => DecimalMark::Auto,
            },
        }
    }

    /// Whether the numbers say the file was saved where dates are written
    /// day-first: `,` as their decimal mark, or (none saying otherwise) Excel's `;`
    /// separator. A mapping's given mark is the user's, no evidence of a locale.
    fn day_first_locale(&self) -> bool {
        self.given.is_none() && !self.dot && (self.fraction || self.semicolons)
    }

    /// Whether the numbers group thousands with `.` (`1.500.000`, `6.271`) and
    /// nothing else tells the locale ([`DecimalVotes::day_first_locale`]).
    fn day_first_grouping(&self) -> bool {
        self.given.is_none() && !self.dot && self.comma
    }

    /// The value read by assumption when no value told the mark (see
    /// [`DecimalVotes::decide`]): its line, column and text.
    fn assumed(&self) -> Option<&(u64, usize, String)> {
        let conventional = self.convention.is_some() && !self.semicolons;
        if self.given.is_some() || conventional || self.comma || self.dot {
            return None;
        }
        self.ambiguous.as_ref()
    }
}

/// How a cell of a file that writes both decimal marks ([`Decimals::mixed`]) is
/// read: as its own digits say, and a lone mark before three digits (`1.500`),
/// which either mark could be, refused, naming the values that show both marks.
/// A symbol of a currency without minor units (`300.000 ₫`) still tells.
fn cell_mark(text: &str, proof: &[DateSeen; 2]) -> Result<DecimalMark, String> {
    if super::value::thousands_reading(text).is_some()
        && text.matches(['.', ',']).count() == 1
        && !super::value::currency_symbol(text).is_some_and(Symbol::whole)
    {
        let [(comma_line, _, comma), (dot_line, _, dot)] = proof;
        return Err(crate::say!(
            "error.decimal_mixed",
            value = format!("{:?}", super::value::trim(text)),
            comma = format!("{comma:?}"),
            comma_line = comma_line,
            dot = format!("{dot:?}"),
            dot_line = dot_line
        ));
    }
    // A lone `,` that is no group of three is decimal (`12,5`, `0,125`).
    let lone_comma = text.matches(',').count() == 1 && !text.contains('.');
    Ok(if lone_comma {
        DecimalMark::Comma
    } else {
        DecimalMark::Auto
    })
}

/// A row's values, one per metric: two columns of one metric add up.
#[derive(Default)]
struct RowValues {
    list: Vec<(crate::model::MetricId, Amount)>,
    /// The metric ids below 128 in the list, as bits: most rows never search it.
    seen: u128,
}

impl RowValues {
    fn clear(&mut self) {
        self.list.clear();
        self.seen = 0;
    }

    fn bit(id: crate::model::MetricId) -> Option<u128> {
        (id.0 < 128).then(|| 1 << id.0)
    }

    fn has(&self, id: crate::model::MetricId) -> bool {
        match RowValues::bit(id) {
            Some(bit) => self.seen & bit != 0,
            None => self.list.iter().any(|(m, _)| *m == id),
        }
    }

    /// Leaves out the row's net follower change when the row gives its gains or
    /// losses too (YouTube's `Subscribers` beside `Subscribers gained` and `lost`):
    /// the net change is their difference, not counted a second time.
    fn drop_implied_net(&mut self) {
        static IDS: std::sync::LazyLock<[Option<crate::model::MetricId>; 3]> =
            std::sync::LazyLock::new(|| {
                [
                    canonical_metric(crate::model::FOLLOWERS_NET),
                    canonical_metric("followers_gained"),
                    canonical_metric("followers_lost"),
                ]
            });
        let [Some(net), Some(gained), Some(lost)] = *IDS else {
            return;
        };
        if !self.has(net) || !(self.has(gained) || self.has(lost)) {
            return;
        }
        let value = |id| self.list.iter().find(|(m, _)| *m == id).map(|v| v.1);
        // Beside one side only, the net change gives the other: growth stays it.
        let (g, l) = (value(gained), value(lost));
        let other = self
            .remove(net)
            .and_then(|n| crate::normalize::side_from_net(n, g, l, (gained, lost)));
        if let Some((id, v)) = other {
            self.add(id, v);
        }
    }

    /// Takes the row's value of `id` out of it.
    fn remove(&mut self, id: crate::model::MetricId) -> Option<Amount> {
        if !self.has(id) {
            return None;
        }
        let at = self.list.iter().position(|(m, _)| *m == id)?;
        self.seen &= !RowValues::bit(id).unwrap_or(0);
        Some(self.list.remove(at).1)
    }

    /// Counts the row's value of `from` as `to`'s.
    fn rename(&mut self, from: crate::model::MetricId, to: crate::model::MetricId) {
        if let Some(v) = self.remove(from) {
            self.add(to, v);
        }
    }

    fn add(&mut self, id: crate::model::MetricId, v: Amount) {
        if !self.has(id) {
            self.list.push((id, v));
            self.seen |= RowValues::bit(id).unwrap_or(0);
        } else if let Some((_, existing)) = self.list.iter_mut().find(|(m, _)| *m == id) {
            existing.0 = existing.0.saturating_add(v.0);
        }
    }
}

/// What Meta's `Results` count, from the result indicator (`actions:lead`) or the
/// result type as the Ads Manager UI names it (`Leads`, `Khách hàng tiềm năng`),
/// lowercased. `None` for a type roi does not know, or none written: those results
/// are kept apart (as `results`) and told, never guessed into conversions.
fn result_metric(kind: &str) -> Option<&'static str> {
    let kind = kind.trim();
    if kind.is_empty() {
        return None;
    }
    if !kind.contains(char::is_whitespace)
        && kind.is_ascii()
        && let Some(metric) = result_indicator(kind)
    {
        return Some(metric);
    }
    // UI names say the same things in words, with qualifiers around them
    // (`Website purchases`, `On-Facebook leads`, `Leads (form)`): the first phrase
    // found decides, so the more specific phrases come first.
    RESULT_NAMES
        .iter()
        .find(|(phrases, _)| phrases.iter().any(|p| kind.contains(p)))
        .map(|(_, metric)| *metric)
        .or_else(|| {
            RESULT_NAMES_WHOLE
                .iter()
                .find(|(names, _)| names.contains(&kind))
                .map(|(_, metric)| *metric)
        })
}

/// A result indicator: the Marketing API's action type behind `actions:`
/// (`actions:offsite_conversion.fb_pixel_purchase`), or a delivery metric (`reach`).
fn result_indicator(id: &str) -> Option<&'static str> {
    let action = id.strip_prefix("actions:").unwrap_or(id);
    // Meta marks the events an advertiser counts as conversions by where they
    // happened: on the site (`offsite_conversion.`, the pixel's `fb_pixel_…`,
    // `custom.<id>` custom conversions), on Meta (`onsite_conversion.`), in an app
    // (`app_custom_event.fb_mobile_…`), or across them (`omni_…`).
    let (event, conversion) = [
        "offsite_conversion.fb_pixel_",
        "offsite_conversion.",
        "onsite_conversion.",
        "app_custom_event.fb_mobile_",
        "onsite_web_app_",
        "onsite_web_",
        "omni_",
    ]
    .iter()
    .find_map(|p| action.strip_prefix(p))
    .map_or((action, false), |event| (event, true));
    let metric = match event {
        "lead" | "lead_grouped" | "leadgen_grouped" | "leadgen.other" => "leads",
        // Conversations started count as leads, as the UI names do (README).
        e if e.starts_with("messaging_conversation_started")
            || e.starts_with("messaging_first_reply")
            || e == "total_messaging_connection" =>
        {
            "leads"
        }
        "purchase" => "purchases",
        "link_click" => "link_clicks",
        "landing_page_view" => LANDING_PAGE_VIEWS,
        "post_engagement" => POST_ENGAGEMENTS,
        "like" | "page_like" => "followers_gained",
        "post_save" => "saves",
        "profile_visit_view" if !conversion => "profile_visits",
        "video_view" | "video_thruplay_watched_actions" | "thruplay" => "video_views",
        "reach" if !conversion => "reach",
        "impressions" if !conversion => "impressions",
        "mobile_app_install"
        | "app_install"
        | "app_installs"
        | "complete_registration"
        | "add_to_cart"
        | "initiate_checkout"
        | "add_payment_info"
        | "add_to_wishlist"
        | "contact"
        | "subscribe"
        | "start_trial"
        | "submit_application"
        | "schedule"
        | "custom" => "conversions",
        // Any other event Meta files under conversions is one of the advertiser's
        // (a custom conversion's id, a custom event's name).
        _ if conversion => "conversions",
        _ => return None,
    };
    Some(metric)
}

/// A result type (lowercased) counting messaging conversations (started, first
/// replies, connections), which a `Messaging conversations started` column gives:
/// its results restate that column, not the `Leads` column (lead forms). Leads
/// taken in a conversation (`Messaging leads`, `Khách hàng tiềm năng qua tin
/// nhắn`) are leads: the `Leads` column counts them.
fn is_messaging_result(kind: &str) -> bool {
    let messaging = [
        "messag",
        "tin nhắn",
        "trò chuyện",
        "mensaje",
        "conversa",
        "percakapan",
        "unterhaltung",
    ]
    .iter()
    .any(|p| kind.contains(p));
    let leads = [
        "lead",
        "tiềm năng",
        "cliente potencial",
        "clientes potenciales",
        "prospect",
        "calon pelanggan",
        "interessent",
    ]
    .iter()
    .any(|p| kind.contains(p));
    messaging && !leads
}

/// Landing page views are link clicks that loaded the page: neither a conversion nor
/// the same count as `link_clicks`, which the export usually has beside them.
const LANDING_PAGE_VIEWS: &str = "landing_page_views";
/// Meta's post engagement counts every action on an ad (clicks, video plays, likes…),
/// not the likes + comments + shares + saves of the `engagements` KPI.
const POST_ENGAGEMENTS: &str = "post_engagements";

/// "Conversion value" in the languages of the Ads Manager UI, as headers are
/// compared (lowercase): a column holding it is an amount of money, whatever count
/// it is the value of.
const CONVERSION_VALUE: &[&str] = &[
    "conversion value",
    "giá trị chuyển đổi",
    "valor de conversión",
    "valor de conversão",
    "valeur de conversion",
    "conversion-wert",
    "nilai konversi",
];

/// Result types as the Ads Manager UI names them (English, Vietnamese, Spanish,
/// French, and the common ones in German, Portuguese and Indonesian), by a phrase
/// inside the name; the first match decides.
const RESULT_NAMES: &[(&[&str], &str)] = &[
    (
        &[
            "messag",
            "tin nhắn",
            "trò chuyện",
            "mensaje",
            "lead",
            "khách hàng tiềm năng",
            "cliente potencial",
            "clientes potenciales",
            "prospect",
            // `Conversations`, `Conversas`, `Conversaciones`: started in messages.
            "conversa",
            "percakapan",
            // Calls, as conversations, are a conversion location of lead campaigns.
            "calls placed",
        ],
        "leads",
    ),
    (
        &[
            "purchase",
            "lượt mua",
            "mua hàng",
            "compra",
            "achat",
            "käufe",
            "pembelian",
        ],
        "purchases",
    ),
    (
        &[
            "landing page view",
            "xem trang đích",
            "página de destino",
            "page de destination",
        ],
        LANDING_PAGE_VIEWS,
    ),
    (
        &[
            "link click",
            "click vào liên kết",
            "nhấp vào liên kết",
            "clics en el enlace",
            "clic sur un lien",
            "clics sur un lien",
            "clics sur des liens",
            "link-klicks",
            "cliques no link",
            "klik tautan",
        ],
        "link_clicks",
    ),
    (
        &[
            "post engagement",
            "tương tác với bài viết",
            "interacción con la publicación",
            "interacciones con la publicación",
            "interactions avec une publication",
            "interactions avec la publication",
        ],
        POST_ENGAGEMENTS,
    ),
    (
        &[
            "page like",
            "follows or likes",
            "thích trang",
            "me gusta de la página",
            "j’aime la page",
            "j'aime la page",
            "instagram follow",
        ],
        "followers_gained",
    ),
    (
        &[
            "profile visit",
            "truy cập trang cá nhân",
            "visitas al perfil",
        ],
        "profile_visits",
    ),
    (
        &[
            "thruplay",
            "video play",
            "video view",
            "phát video",
            "xem video",
        ],
        "video_views",
    ),
    (
        &[
            "registration",
            "đăng ký",
            "registro",
            "inscription",
            "add to cart",
            "adds to cart",
            "giỏ hàng",
            "carrito",
            "panier",
            "checkouts initiated",
            "bắt đầu thanh toán",
            "payment info",
            "app install",
            "cài đặt ứng dụng",
            "instalaciones de la app",
            "installations de l",
            "custom conversion",
            "chuyển đổi tùy chỉnh",
            "conversiones personalizadas",
            "conversions personnalisées",
            "conversion",
            "chuyển đổi",
            "conversión",
            "conversiones",
        ],
        "conversions",
    ),
];

/// Names that are a whole result type, too short to find inside another.
const RESULT_NAMES_WHOLE: &[(&[&str], &str)] = &[
    (
        &[
            "reach",
            "người tiếp cận",
            "alcance",
            "couverture",
            "reichweite",
            "jangkauan",
        ],
        "reach",
    ),
    (
        &["impressions", "lượt hiển thị", "impresiones"],
        "impressions",
    ),
];

fn describe(target: &Target, currency: Option<&str>) -> crate::i18n::Message {
    // Names of the model (`date`, `reach`) stay as they are in every language: they
    // are what a config or `--by` is written with.
    let (key, name) = match target {
        Target::Date => ("inspect.target.name", "date".to_owned()),
        Target::PublishTime => ("inspect.target.publish_time", String::new()),
        Target::Day => ("inspect.target.day", String::new()),
        Target::EndDate => ("inspect.target.name", "end_date".to_owned()),
        Target::Week => ("inspect.target.week", String::new()),
        Target::Month => ("inspect.target.month", String::new()),
        Target::Quarter => ("inspect.target.quarter", String::new()),
        Target::Year => ("inspect.target.year", String::new()),
        Target::MonthOfYear => ("inspect.target.month_of_year", String::new()),
        Target::DateRange | Target::Period => ("inspect.target.date_range", String::new()),
        Target::NthDay => ("inspect.target.nth_day", String::new()),
        Target::Dim(d) => ("inspect.target.name", d.name().to_owned()),
        Target::Metric(name, factor) if (*factor - 1.0).abs() > f64::EPSILON => {
            ("inspect.target.name", format!("{name} × {factor}"))
        }
        Target::Metric(name, _) if name.is_empty() => ("inspect.target.titled", String::new()),
        Target::Metric(name, _) => ("inspect.target.name", name.clone()),
        Target::Results => ("inspect.target.results", String::new()),
        Target::Hour => ("inspect.target.hour", String::new()),
        Target::ResultType => ("inspect.target.result_type", String::new()),
        Target::Sentiment => ("inspect.target.sentiment", String::new()),
        Target::Derived => ("inspect.target.derived", String::new()),
        Target::Sponsored => ("inspect.target.sponsored", String::new()),
        Target::ExportDay => ("inspect.target.export_day", String::new()),
        // Milliseconds into seconds, written as a metric's scale is.
        Target::VideoLengthMs => ("inspect.target.name", "video_duration × 0.001".to_owned()),
    };
    let currency = currency.map(|c| format!(" ({c})")).unwrap_or_default();
    crate::i18n::Message {
        key,
        args: vec![("name", name), ("currency", currency)],
        dates: Vec::new(),
    }
}

/// Years for year-less dates, in row order. Rows are assumed in date order; a month
/// that goes backwards (December → January) starts the next year.
fn year_less_years(
    path: &Path,
    parsed: &[ParsedDate],
    context: &FileContext,
    builder: &mut Builder,
) -> Result<Vec<Option<i32>>, InputError> {
    let yearless: Vec<(u32, u32)> = parsed
        .iter()
        .filter_map(|d| match d {
            ParsedDate::YearLess { month, day } => Some((*month, *day)),
            _ => None,
        })
        .collect();
    if yearless.is_empty() {
        return Ok(Vec::new());
    }
    // The reference: the latest date the export can hold.
    let no_year = || InputError {
        path: path.to_path_buf(),
        line: None,
        column: None,
        message: crate::say!("error.no_year"),
    };
    let (reference, how) = if let Some(y) = context.year {
        (
            NaiveDate::from_ymd_opt(y, 12, 31),
            crate::msg!("warning.year_flag", year = y),
        )
    } else if let Some((date, part)) = context.name_date {
        match part {
            NamePart::Day => (
                Some(date),
                crate::msg!("warning.date_name", date = date).dates(&["date"]),
            ),
            // A month names the download's first month or its last (`tiktok dec
            // 2024` of December 29 – January 2): its dates reach at most two months
            // past it.
            NamePart::Month => (
                date.checked_add_days(chrono::Days::new(62)),
                crate::msg!("warning.month_name", month = date.format("%Y-%m")),
            ),
            NamePart::Year => (
                Some(date),
                crate::msg!("warning.year_name", year = chrono::Datelike::year(&date)),
            ),
        }
    } else if let Some(d) = context.exported {
        (
            Some(d),
            crate::msg!("warning.year_exported", date = d).dates(&["date"]),
        )
    } else if let Some(m) = context.modified {
        (
            Some(m),
            crate::msg!("warning.year_saved", date = m).dates(&["date"]),
        )
    } else {
        return Err(no_year());
    };
    // A year out of the calendar's range (`--year 999999`) gives no reference either.
    let reference = reference.ok_or_else(no_year)?;
    // The latest year, not after the reference, in which the date exists: February
    // 29 walks back to a leap year, at most eight years away (2104 → 2096). A date in
    // no year (`February 30`) keeps the reference's year and is refused with its
    // position when its row is read.
    // A year the user gave is the year: a February 29 it does not have is refused
    // with its position when its row is read, not moved to another year.
    let exists = |y: i32, (m, d): (u32, u32)| NaiveDate::from_ymd_opt(y, m, d).is_some();
    let given = context.year.is_some();
    let latest_year = |(m, d): (u32, u32)| {
        let y = chrono::Datelike::year(&reference);
        (y - 8..=y)
            .rev()
            .find(|&y| given || NaiveDate::from_ymd_opt(y, m, d).is_some_and(|x| x <= reference))
            .unwrap_or(y)
    };
    // The year a date would be read in were it not February 29: where it is, and
    // the year differs, the warning names the years used.
    let plain_year =
        |(m, d): (u32, u32)| latest_year(if (m, d) == (2, 29) { (2, 28) } else { (m, d) });
    // A daily series (steps of a few days forward) keeps its order across New Year:
    // anchor its last date, then walk back. Other files (posts in any order) give
    // each date the latest year that is not after the reference.
    let key = |(m, d): (u32, u32)| i64::from(m) * 31 + i64::from(d);
    let steps: Vec<i64> = yearless.windows(2).map(|p| key(p[1]) - key(p[0])).collect();
    let forward = steps
        .iter()
        .filter(|s| (1..=8).contains(*s) || **s < -300)
        .count();
    let daily = (!steps.is_empty() && forward * 10 >= steps.len() * 8)
        .then(|| yearless.last().copied())
        .flatten();
    let mut moved = false;
    let years: Vec<Option<i32>> = if let Some(last) = daily {
        let walk = |mut year: i32| {
            let mut out = vec![year];
            for step in steps.iter().rev() {
                if *step < -300 {
                    year -= 1;
                }
                out.push(year);
            }
            out.reverse();
            out
        };
        // The series' years are tied to one another, so a leap day anywhere in it
        // (`February 29` before `March 1`) moves the whole series back to the
        // latest years in which every one of its dates exists.
        let anchor = latest_year(last);
        let years = (0..=8)
            .filter(|back| !given || *back == 0)
            .map(|back| walk(anchor - back))
            .find(|years| years.iter().zip(&yearless).all(|(y, md)| exists(*y, *md)))
            .unwrap_or_else(|| walk(anchor));
        moved = years.last().copied() != Some(plain_year(last));
        years.into_iter().map(Some).collect()
    } else {
        yearless
            .iter()
            .map(|md| {
                let year = latest_year(*md);
                moved |= year != plain_year(*md);
                Some(year)
            })
            .collect()
    };
    if moved {
        // Read in another year than the reference gives: say which.
        let used: std::collections::BTreeSet<i32> = years.iter().flatten().copied().collect();
        let (first, last) = (used.first().copied(), used.last().copied());
        let span = match (first, last) {
            (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
            (Some(a), _) => a.to_string(),
            _ => String::new(),
        };
        builder.warn(
            crate::msg!("warning.year_leap_day", years = span, date = reference).dates(&["date"]),
        );
    } else {
        builder.warn(how);
    }
    Ok(years)
}

/// Whether a header could be roi's own format: a lowercase `date` column and
/// identifier-like names only.
pub fn is_native_header(record: &Record) -> bool {
    record.cells.iter().any(|c| c.trim() == "date")
        && record.cells.iter().all(|c| {
            let t = crate::dataset::compose(c.trim());
            // Letters of any script: the names roi gives the metrics it finds
            // (`lượt_dùng_thử`), which it must read back.
            !t.is_empty()
                && t.chars()
                    .all(|ch| (ch.is_alphanumeric() && !ch.is_uppercase()) || ch == '_')
        })
}

/// Names of the closest known layouts to an unknown header, for the error message.
pub fn closest_layouts(header: &Record, layouts: &[Layout]) -> Vec<String> {
    closest(header, layouts)
        .into_iter()
        .take(3)
        .map(|(_, l)| l.name.clone())
        .collect()
}

/// The layouts that know any cell of a header, with how many they know, most first.
fn closest<'a>(header: &Record, layouts: &'a [Layout]) -> Vec<(usize, &'a Layout)> {
    let names: Vec<String> = header.cells.iter().map(|c| normalize_header(c).0).collect();
    let mut scored: Vec<(usize, &Layout)> = layouts
        .iter()
        .map(|l| {
            let hits = names
                .iter()
                .filter(|n| l.columns.iter().any(|c| c.aliases.contains(n)))
                .count();
            (hits, l)
        })
        .filter(|(hits, _)| *hits > 0)
        .collect();
    scored.sort_by_key(|s| std::cmp::Reverse(s.0));
    scored
}

/// What the cells of an unknown file's columns hold, from its first data records.
pub struct Columns {
    /// Per header cell: it holds numbers ([`number_columns`]).
    pub numbers: Vec<bool>,
    /// Per header cell: two of its filled cells and at least half of them name a
    /// platform (a CRM's lead source: `Quảng cáo FB`, `IG Ads`, `Fanpage Zalo`; one
    /// `x` may be a mark, not X), so it is each row's
    /// platform rather than one platform for the file.
    pub platforms: Vec<bool>,
}

/// [`Columns`] of an unknown file: `None` when no data record follows the header
/// among `records`.
pub fn columns_of(records: &[Record], header: &Record) -> Option<Columns> {
    let numbers = number_columns(records, header)?;
    let platforms = (0..header.cells.len())
        .map(|i| {
            let filled: Vec<&str> = data_rows(records, header)
                .filter_map(|r| r.cells.get(i))
                .map(super::value::trim)
                .filter(|c| !c.is_empty() && !super::value::is_missing(c))
                .collect();
            let named = filled
                .iter()
                .filter(|c| crate::input::layout::platform_of_cell(c).is_some())
                .count();
            !numbers.get(i).copied().unwrap_or(false) && named > 1 && 2 * named >= filled.len()
        })
        .collect();
    Some(Columns { numbers, platforms })
}

/// The first data records below `header` among `records`.
fn data_rows<'r>(records: &'r [Record], header: &Record) -> impl Iterator<Item = &'r Record> {
    let line = header.line;
    records
        .iter()
        .filter(move |r| r.line > line && !r.is_blank() && !r.first().starts_with('#'))
        .take(15)
}

/// Which columns of an unknown file's header hold numbers, from the data records
/// among `records` below it: a column whose filled cells are all amounts (`1.500.000
/// ₫`, `12,5%`), neither dates nor digits led by a 0 (`0901000001`, a phone number
/// or a code: no quantity is written so). `None` when no data record follows the
/// header among them.
fn number_columns(records: &[Record], header: &Record) -> Option<Vec<bool>> {
    let rows: Vec<&Record> = data_rows(records, header).collect();
    if rows.is_empty() {
        return None;
    }
    let is_number = |text: &str| {
        let t = super::value::trim(text);
        let code = t.len() > 1 && t.starts_with('0') && t.bytes().all(|b| b.is_ascii_digit());
        !code
            && matches!(parse_amount(t, DecimalMark::Auto), Ok((Some(_), _)))
            && parse_date(t).is_none()
    };
    Some(
        (0..header.cells.len())
            .map(|i| {
                let mut filled = rows
                    .iter()
                    .filter_map(|r| r.cells.get(i))
                    .map(super::value::trim)
                    .filter(|c| !c.is_empty() && !super::value::is_missing(c))
                    .peekable();
                filled.peek().is_some() && filled.all(is_number)
            })
            .collect(),
    )
}

/// Whether a layout reads any number of a row: a column mapped to a metric, or a
/// `per_row` count.
fn measures(layout: &Layout) -> bool {
    layout.per_row.is_some()
        || layout
            .columns
            .iter()
            .any(|c| matches!(c.target, Target::Metric(..) | Target::Results))
}

/// Why the mappings of roi.toml that seem meant for an unknown file did not apply
/// to it: its `files` glob does not match the file's name, columns it maps are not
/// in the header (a letter or an accent off), `skip_lines` passes over the header,
/// or it maps no column to a metric (then the header's columns of numbers are
/// named, or, with none, `per_row = "leads"` is offered: such a file is a list of
/// records). A mapping for other files (no column of this header, another name) is
/// left out. `numbers` tells which header cells hold numbers ([`number_columns`]).
pub fn mappings_not_applied(
    path: &Path,
    header: &Record,
    numbers: Option<&[bool]>,
    layouts: &[Layout],
) -> Vec<String> {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let names: Vec<String> = header.cells.iter().map(|c| normalize_header(c).0).collect();
    let cells: Vec<&str> = header
        .cells
        .iter()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let mut out = Vec::new();
    for layout in layouts.iter().filter(|l| l.id.starts_with("mapping-")) {
        let hits = layout
            .columns
            .iter()
            .filter(|c| c.aliases.iter().any(|a| names.contains(a)))
            .count();
        let fits_name = layout.files.as_ref().map(|g| g.matches(&file));
        if hits == 0 && fits_name != Some(true) {
            continue;
        }
        let mut reasons = Vec::new();
        if let (Some(glob), Some(false)) = (&layout.files, fits_name) {
            let any_case = glob.matches_with(
                &file,
                glob::MatchOptions {
                    case_sensitive: false,
                    ..glob::MatchOptions::new()
                },
            );
            reasons.push(if any_case {
                crate::say!(
                    "error.mapping_files_case",
                    glob = glob.as_str(),
                    file = file
                )
            } else {
                crate::say!(
                    "error.mapping_files_miss",
                    glob = glob.as_str(),
                    file = file
                )
            });
        }
        for column in &layout.columns {
            let alias = &column.aliases[0];
            if !names.contains(alias) {
                reasons.push(crate::say!(
                    "error.mapping_column_miss",
                    column = alias,
                    hint = crate::kpi::did_you_mean(alias, cells.iter().copied())
                ));
            }
        }
        let above = usize::try_from(header.line.saturating_sub(1)).unwrap_or(usize::MAX);
        if hits == layout.columns.len() && above < layout.skip_lines {
            reasons.push(crate::say!(
                "error.mapping_skip_lines_miss",
                skip = layout.skip_lines,
                line = header.line
            ));
        }
        if !measures(layout) {
            let numbered: Vec<String> = header
                .cells
                .iter()
                .zip(numbers.unwrap_or_default())
                .filter(|(c, n)| **n && !c.trim().is_empty())
                .map(|(c, _)| format!("`{}`", c.trim()))
                .collect();
            reasons.push(crate::say!(
                "error.mapping_no_metric",
                hint = if numbered.is_empty() {
                    crate::say!("error.mapping_no_metric_records")
                } else {
                    crate::say!(
                        "error.mapping_no_metric_numbers",
                        columns = numbered.join(", ")
                    )
                }
            ));
        }
        if !reasons.is_empty() {
            out.push(crate::say!(
                "error.mapping_not_applied",
                layout = layout.name,
                reasons = reasons.join("; ")
            ));
        }
    }
    out
}

/// The record of an unknown file most like its header: among its first records
/// (`#` comments left out, and title or description lines of one cell), the first
/// whose cells are mostly text, neither numbers nor dates, and at least half as many
/// as the most any of them has. A data row below the header may hold more text
/// cells (a ragged row with notes at its end): the header comes first. A key-value
/// line above it (`Account:,Shop`) is none. A file of one column keeps the
/// first record with the most text.
pub fn likely_header<'r>(records: impl IntoIterator<Item = &'r Record>) -> Option<&'r Record> {
    let text_cells = |r: &Record| {
        r.cells
            .iter()
            .filter(|c| {
                let t = super::value::trim(c);
                !t.is_empty()
                    && !matches!(parse_amount(t, DecimalMark::Auto), Ok((Some(_), _)))
                    && parse_date(t).is_none()
            })
            .count()
    };
    let filled = |r: &Record| {
        r.cells
            .iter()
            .filter(|c| !super::value::trim(c).is_empty())
            .count()
    };
    let first: Vec<(&Record, usize, usize)> = records
        .into_iter()
        .filter(|r| !r.is_blank() && !r.first().starts_with('#'))
        .take(15)
        .map(|r| (r, text_cells(r), filled(r)))
        .collect();
    let most = first
        .iter()
        .filter(|(_, _, filled)| *filled > 1)
        .map(|(_, text, _)| *text)
        .max()
        .unwrap_or(0);
    if most > 1
        && let Some((r, ..)) = first.iter().find(|(r, text, filled)| {
            *filled > 1
                && 2 * text >= most
                && 2 * text > *filled
                && !(*filled == 2 && super::value::trim(r.first()).ends_with(':'))
        })
    {
        return Some(r);
    }
    let mut best: Option<(&Record, usize)> = None;
    for &(record, n, _) in &first {
        if best.is_none_or(|(_, most)| n > most) {
            best = Some((record, n));
        }
    }
    best.map(|(r, _)| r)
}

/// Why the first records of a text are no table, when each holds one cell at most:
/// a GA4 preamble or a Google Ads title and date range whose table was cut off, or
/// prose (a note saved beside the exports). No mapping could read such a file.
pub fn no_table(head: &[Record]) -> Option<String> {
    let filled: Vec<&Record> = head.iter().filter(|r| !r.is_blank()).collect();
    if filled.is_empty()
        || filled
            .iter()
            .any(|r| r.cells.iter().filter(|c| !c.trim().is_empty()).count() > 1)
    {
        return None;
    }
    let lines: Vec<(u64, String)> = filled
        .iter()
        .map(|r| (r.line, r.cells.iter().collect::<Vec<_>>().join(",")))
        .collect();
    Some(match preamble_range(&lines, None).ok()?.ranges.first() {
        Some((start, end, _))
            if filled
                .iter()
                .all(|r| r.first().trim_start().starts_with('#')) =>
        {
            crate::say!("error.preamble_only", start = start, end = end)
        }
        Some((start, end, _)) => crate::say!("error.title_only", start = start, end = end),
        None => crate::say!("error.not_tabular"),
    })
}

/// A ready-to-edit mapping stanza for an unknown header: every column (up to a few
/// hundred), and the lines above the header to skip. The platform is the closest
/// layout's when one layout knows more of the header's cells than any other (two of
/// them at least); a cell is prefilled with what that layout reads it as, else with
/// what every layout that knows it reads it as (roi's vocabulary: `Lượt thích` is
/// likes wherever it is a column), else with a metric or dimension of the same name.
/// A file with a date but neither a column read as a metric nor one of numbers
/// (`numbers`, see [`number_columns`]) is a list of records, one row per lead (a
/// CRM's leads, a sheet of them): the stanza counts its rows, `per_row = "leads"`,
/// as a mapping without a metric would count nothing.
pub fn mapping_stanza(
    path: &Path,
    header: &Record,
    columns_held: Option<&Columns>,
    layouts: &[Layout],
) -> String {
    const COLUMNS: usize = 300;
    let numbers = columns_held.map(|c| c.numbers.as_slice());
    let names_platforms =
        |i: usize| columns_held.is_some_and(|c| c.platforms.get(i) == Some(&true));
    let ranked = closest(header, layouts);
    // The layouts that know the most cells (two at least).
    let nearest: Vec<&Layout> = match ranked.first() {
        Some(&(top, _)) if top >= 2 => ranked
            .iter()
            .take_while(|(hits, _)| *hits == top)
            .map(|(_, l)| *l)
            .collect(),
        _ => Vec::new(),
    };
    // The platform the file's name says (`tiktok-ads-report.xlsx`), never the nearest
    // layouts': a LinkedIn report's `Impressions`, `Clicks`, `Reach` are Meta Ads'
    // too. Else a placeholder, refused when pasted unchanged.
    let platform = path
        .file_stem()
        .and_then(|n| crate::input::layout::platform_of_source(&n.to_string_lossy()))
        .unwrap_or(crate::input::layout::PLATFORM_UNSET);
    // A column naming each row's platform (a lead's source) is mapped to it: one
    // platform for the file would put every lead on it.
    let platform_column = (0..header.cells.len()).find(|&i| {
        // Not a column a layout reads as something else (`Campaign` cells such as
        // `Facebook Tết` name a platform too): a source, or one roi does not know.
        let cell = header.cells.get(i).unwrap_or("");
        let known = known_target(&normalize_header(cell).0, &nearest, layouts);
        known.is_none_or(|t| t == "source")
            && names_platforms(i)
            && !super::value::trim(header.cells.get(i).unwrap_or("")).is_empty()
    });
    let mut out = format!(
        "[[mappings]]\nfiles = \"{}\"\n",
        path.file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
    );
    if platform_column.is_none() {
        out.push_str(&format!(
            "platform = \"{platform}\"            # {}\n",
            crate::say!(
                "error.stanza_platform",
                platforms = crate::model::platform_ids().collect::<Vec<_>>().join(", ")
            )
        ));
    }
    if header.line > 1 {
        out.push_str(&format!(
            "skip_lines = {}                # {}\n",
            header.line - 1,
            crate::say!("error.stanza_skip_lines")
        ));
    }
    let mut columns = String::new();
    let named = header.cells.iter().filter(|c| !c.trim().is_empty()).count();
    if named > COLUMNS {
        columns.push_str(&format!(
            "# {}\n",
            crate::say!(
                "error.stanza_more_columns",
                shown = COLUMNS,
                columns = named
            )
        ));
    }
    // Whether a column is dated, read as a metric, or may be one (`…`) and holds
    // numbers.
    let (mut dated, mut measured) = (false, false);
    let cells: Vec<(usize, &str)> = header
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.trim().is_empty())
        .take(COLUMNS)
        .map(|(i, c)| (i, c.trim()))
        .collect();
    let holds_numbers = |i: usize| numbers.is_some_and(|n| n.get(i) == Some(&true));
    // Each cell's guess, with how surely a `date` guess is the date: a known column
    // or a date word alone before a header that only holds one (`Chênh lệch … so
    // với ngày hôm trước` holds numbers).
    let mut guesses: Vec<(String, u8)> = cells
        .iter()
        .map(|&(i, name)| {
            let lower = metric_name(name);
            if Some(i) == platform_column {
                ("platform".to_owned(), 0)
            } else if let Some(known) = known_target(&normalize_header(name).0, &nearest, layouts)
                // A date column the nearest layout passes over (the content export's
                // `Date`, which holds `Lifetime`) is this file's date all the same.
                .filter(|k| k != "ignore" || !is_date_word(&lower))
            {
                (known, 0)
            } else if is_date_word(&lower) {
                // Google Forms' responses are dated by their `Timestamp` (`Dấu thời
                // gian` in Vietnamese).
                ("date".to_owned(), 0)
            } else if ["date", "ngày", "timestamp", "dấu_thời_gian"]
                .iter()
                .any(|w| lower.contains(w))
                && !holds_numbers(i)
            {
                ("date".to_owned(), 1)
            } else if canonical_metric(&lower).is_some() || Dimension::from_name(&lower).is_some() {
                (lower, 0)
            } else {
                ("…".to_owned(), 0)
            }
        })
        .collect();
    // A mapping reads one date column: the likeliest is prefilled, the others left
    // for the user.
    let best_date = (guesses.iter().enumerate())
        .filter(|(_, (g, _))| g == "date")
        .min_by_key(|(at, (_, rank))| (*rank, *at))
        .map(|(at, _)| at);
    for (at, (guess, _)) in guesses.iter_mut().enumerate() {
        if guess == "date" && Some(at) != best_date {
            "…".clone_into(guess);
        }
    }
    // A dimension (the post's text, its campaign) is read from one column: a second
    // guess of it (Pinterest's `Title` and `Description`, both text) is left for the
    // user, or the stanza pasted as offered would be refused.
    let mut single: Vec<String> = Vec::new();
    for (guess, _) in &mut guesses {
        if guess == "…" || guess == "ignore" || canonical_metric(guess).is_some() {
            continue;
        }
        if single.contains(guess) {
            "…".clone_into(guess);
        } else {
            single.push(guess.clone());
        }
    }
    for (&(i, _), (guess, _)) in cells.iter().zip(&guesses) {
        match guess.as_str() {
            "date" | "published" | "week" | "month" => dated = true,
            "end_date" | "hour" | "sentiment" => {}
            // A column of numbers a layout passes over (GA4's `Active users`) is
            // still numbers: the rows are no records to count one by one.
            "…" | "ignore" => measured |= numbers.is_some_and(|n| n.get(i) == Some(&true)),
            other => measured |= Dimension::from_name(other).is_none(),
        }
    }
    let records = dated && !measured && numbers.is_some();
    // A record's creation is its row's date: a list of leads has no post whose
    // publish time (LinkedIn's `Created date`) the date would only stand beside.
    if records
        && !guesses.iter().any(|(g, _)| g == "date")
        && let Some((guess, _)) = guesses.iter_mut().find(|(g, _)| g == "published")
    {
        "date".clone_into(guess);
    }
    for (&(_, name), (guess, _)) in cells.iter().zip(guesses) {
        columns.push_str(&format!(
            "\"{}\" = \"{guess}\"\n",
            name.replace('"', "\\\"")
        ));
    }
    if records {
        out.push_str(&format!(
            "per_row = \"leads\"            # {}\n",
            crate::say!("error.stanza_per_row")
        ));
    }
    out.push_str("[mappings.columns]\n");
    out.push_str(&columns);
    out
}

/// What a header cell (normalized) is read as, in a mapping's words: as the nearest
/// layouts read it, else as every built-in layout that reads it does (none when they
/// disagree), else `ignore` when the nearest layouts know it and do not read it.
/// A header naming a date and nothing else (`Date`, `Ngày`, Google Forms' `Timestamp`,
/// `Dấu thời gian` in Vietnamese), as [`metric_name`] writes it.
fn is_date_word(lower: &str) -> bool {
    matches!(
        lower,
        "date" | "day" | "ngày" | "timestamp" | "dấu_thời_gian"
    )
}

fn known_target(name: &str, nearest: &[&Layout], layouts: &[Layout]) -> Option<String> {
    fn column<'l>(l: &'l Layout, name: &str) -> Option<&'l Target> {
        l.columns
            .iter()
            .find(|c| c.aliases.iter().any(|a| a == name))
            .map(|c| &c.target)
    }
    let word = |t: &Target| -> Option<String> {
        Some(match t {
            Target::Date | Target::Day => "date".to_owned(),
            Target::PublishTime => "published".to_owned(),
            Target::EndDate => "end_date".to_owned(),
            Target::Week => "week".to_owned(),
            Target::Month => "month".to_owned(),
            Target::Hour => "hour".to_owned(),
            Target::Sentiment => "sentiment".to_owned(),
            Target::Dim(d) => d.name().to_owned(),
            Target::Metric(m, scale) if *scale == 1.0 => m.clone(),
            _ => return None,
        })
    };
    // One word that every layout of these that reads the cell agrees on.
    let agreed = |targets: Vec<&Target>| -> Option<String> {
        let mut words = targets
            .into_iter()
            .filter(|t| **t != Target::Derived)
            .map(word);
        let first = words.next()??;
        words.all(|w| w.as_deref() == Some(&first)).then_some(first)
    };
    let near: Vec<&Target> = nearest.iter().filter_map(|l| column(l, name)).collect();
    agreed(near.clone())
        .or_else(|| {
            agreed(
                layouts
                    .iter()
                    .filter(|l| !l.id.starts_with("mapping-"))
                    .filter_map(|l| column(l, name))
                    .collect(),
            )
        })
        .or_else(|| {
            (!near.is_empty() && near.iter().all(|t| **t == Target::Derived))
                .then(|| "ignore".to_owned())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// LinkedIn Campaign Manager's `Report Start:` / `Report End:` lines: a day with
    /// its time, slashed in the layout's order when the numbers do not tell.
    #[test]
    fn labelled_range_with_a_time_of_day() {
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let lines = |a: &str, b: &str| [(2, a.to_owned()), (3, b.to_owned())];
        let numeric = lines(
            "Report Start: 8/1/2026, 12:00 AM",
            "Report End: 8/31/2026, 11:59 PM",
        );
        let ranges = preamble_range(&numeric, Some(DayOrder::MonthFirst))
            .unwrap()
            .ranges;
        assert_eq!(ranges, [(day(8, 1), day(8, 31), 3)]);
        let words = lines(
            "\"Report Start: September 21, 2026, 12:00 AM\"",
            "\"Report End: September 27, 2026, 11:59 PM\"",
        );
        let ranges = preamble_range(&words, None).unwrap().ranges;
        assert_eq!(ranges, [(day(9, 21), day(9, 27), 3)]);
    }

    /// Day-first labelled dates (a UK UI's `01/09/2026, 00:00`): a day above 12 on
    /// any line tells the order of all; else the reading that keeps the range
    /// short; else the order given, said, or both readings when none is.
    #[test]
    fn labelled_range_day_first() {
        use DayOrder::{DayFirst, MonthFirst};
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let lines =
            |a: &str, b: &str, c: &str| [(2, a.to_owned()), (3, b.to_owned()), (4, c.to_owned())];
        let told = lines(
            "Report Start: 01/02/2026, 00:00",
            "Report End: 03/04/2026, 23:59",
            "Date Generated: 13/04/2026, 08:12",
        );
        let p = preamble_range(&told, Some(MonthFirst)).unwrap();
        assert_eq!(
            (p.ranges, p.order, p.guess),
            (vec![(day(2, 1), day(4, 3), 3)], Some(DayFirst), None)
        );
        let week = lines(
            "Report Start: 01/09/2026, 00:00",
            "Report End: 07/09/2026, 23:59",
            "Date Generated: 08/09/2026, 08:12",
        );
        let p = preamble_range(&week, Some(MonthFirst)).unwrap();
        let spans = ((day(9, 1), day(9, 7)), (day(1, 9), day(7, 9)));
        assert_eq!(
            (p.ranges, p.guess),
            (
                vec![(day(9, 1), day(9, 7), 3)],
                Some((DayFirst, Some(spans)))
            )
        );
        // Jan 2 – Mar 4 or Feb 1 – Apr 3: nothing tells.
        let neither = lines(
            "Report Start: 01/02/2026, 00:00",
            "Report End: 03/04/2026, 23:59",
            "Date Generated: 05/04/2026, 08:12",
        );
        let p = preamble_range(&neither, Some(MonthFirst)).unwrap();
        assert_eq!(
            (p.ranges, p.guess),
            (vec![(day(1, 2), day(3, 4), 3)], Some((MonthFirst, None)))
        );
        let bad = preamble_range(&neither, None).unwrap_err();
        assert_eq!(
            bad.readings,
            Some([(day(1, 2), day(3, 4)), (day(2, 1), day(4, 3))])
        );
        let generated = |t: &str, o| generated_day(&[(4, t.to_owned())], Some(o));
        assert_eq!(
            generated("Date Generated: 03/10/2026, 08:12", DayFirst),
            Some(day(10, 3))
        );
        assert_eq!(
            generated("Date Generated: 17/09/2026, 09:00", MonthFirst),
            Some(day(9, 17))
        );
    }

    /// LinkedIn Campaign Manager's `Date Generated:` line, in each form it takes.
    #[test]
    fn generated_day_of_a_preamble() {
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d);
        let read = |t: &str| generated_day(&[(4, t.to_owned())], Some(DayOrder::MonthFirst));
        assert_eq!(read("Date Generated: 9/20/2026, 9:15 AM"), day(9, 20));
        assert_eq!(
            read("\"Date Generated: September 20, 2026 at 3:04 PM\""),
            day(9, 20)
        );
        assert_eq!(read("Date Generated: 9/1/2026"), day(9, 1));
        assert_eq!(read("Report Start: 9/1/2026, 12:00 AM"), None);
    }

    /// A line written as a range with an impossible date is an error naming it; lines
    /// that only look a little like one are no range at all.
    #[test]
    fn ranges_with_impossible_dates() {
        let range = |t: &str| preamble_range(&[(2, t.to_owned())], None).map(|p| p.ranges);
        for (line, date) in [
            (
                "\"February 30, 2026 - March 31, 2026\"",
                "February 30, 2026",
            ),
            ("Agust 1, 2026 - August 31, 2026", "Agust 1, 2026"),
            ("August 1, 2026 – August 32, 2026", "August 32, 2026"),
            ("08/01/2026 - 08/32/2026", "08/32/2026"),
            ("# 20260801-20260832", "20260832"),
            ("# Start date: 20260230", "20260230"),
            ("Feb 29 - Mar 1, 2027", "Feb 29"),
            ("Aug 1 - Agust 31, 2026", "Agust 31, 2026"),
        ] {
            let bad = range(line).expect_err(line);
            assert_eq!((bad.line, bad.date.as_str()), (2, date), "{line}");
        }
        for line in [
            "Campaign report - 2026",
            "Version 2 - 2026",
            "Q3 2026 - Q4 2026",
            "All time",
            "Account: Shop - 2026",
            // Titles: a word and a year, a slashed date with a word after it.
            "Brand 2026 - 08/15 push",
            "Campaign 2026 - 08/01 launch",
            "Back to school 2026 - Aug 1",
            "Sale 12/12 - 31/12 deals",
        ] {
            assert!(matches!(range(line).as_deref(), Ok([])), "{line}");
        }
        assert_eq!(range("Aug 1 - Aug 31, 2026").unwrap().len(), 1);
    }

    /// An unknown file's header: the first plausible row, below titles of one cell and
    /// key-value lines, above data rows that may hold more text cells.
    #[test]
    fn the_likely_header_is_the_first_plausible_row() {
        let header = |text: &str| {
            let (records, _) = crate::input::text::records(Path::new("x.csv"), text).unwrap();
            likely_header(&records).map(|r| r.line)
        };
        assert_eq!(
            header("Ten,Email,Nguon\nAn,an@x.com,Zalo,khach quen,goi lai\nBinh,b@x.com,Zalo,,\n"),
            Some(1)
        );
        assert_eq!(
            header(
                "Zalo OA report\nPeriod: 01/08/2026 - 31/08/2026\n\nNgày,Lượt xem,Lượt thích\n01/08/2026,100,5\n"
            ),
            Some(4)
        );
        assert_eq!(
            header("Account:,Shop\nNgày,Lượt xem,Lượt thích,Chia sẻ\n2026-08-01,1,2,3\n"),
            Some(2)
        );
        assert_eq!(
            header("Export generated by Tool X\nDate,Views\n2026-08-01,10\n"),
            Some(2)
        );
    }

    #[test]
    fn totals_labels_are_whole_labels() {
        for label in [
            "Total",
            "Grand total",
            "Total: Account",
            "Total : compte",
            "Total\u{a0}: compte",
            "Gesamt: Konto",
            "Total: cuenta",
            "Totals:",
            "Total geral",
            "Total Geral",
            "Total général",
            "Gesamtergebnis",
            "Total Keseluruhan",
            "TOTALE COMPLESSIVO",
            "Eindtotaal",
            "Total of 3 campaigns",
            "Total of 1 result",
            "Total of 12 ad groups",
            "To\u{302}\u{309}ng",
            "Tổng cộng: Chiến dịch",
            "Tổng số: Tìm kiếm",
            "Summe: Konto",
            "Jumlah: Akun",
            "Totales: cuenta",
        ] {
            assert!(is_total_label(label), "{label}");
        }
        for label in [
            "Total Care - Search",
            "Total of 2026 sales",
            "Total of many campaigns",
            "Totally",
            "Gesamtkunstwerk",
            "Totalement: oui",
            "Total geral 2026",
            "Summer sale",
            "Jumlah pengikut",
            "Summertime: sale",
        ] {
            assert!(!is_total_label(label), "{label}");
        }
        for label in [
            "Results from 2 campaigns",
            "Results from 1 ad set",
            "Results from 1,204 ads",
            "Kết quả từ 3 nhóm quảng cáo",
        ] {
            assert!(is_results_label(label), "{label}");
        }
        for label in [
            "Results from 2026 survey",
            "Results from many campaigns",
            "Results",
            "Kết quả từ khóa",
        ] {
            assert!(!is_results_label(label), "{label}");
        }
    }

    proptest::proptest! {
        /// A row's values add up per metric as a plain search of the list does, ids
        /// past the bits included.
        #[test]
        fn row_values_add_up_as_a_search_does(
            adds in proptest::collection::vec((0u16..200, -1000i64..1000), 0..40)
        ) {
            let mut values = RowValues::default();
            let mut reference: Vec<(crate::model::MetricId, Amount)> = Vec::new();
            for (id, v) in adds {
                let id = crate::model::MetricId(id);
                values.add(id, Amount(v));
                match reference.iter_mut().find(|(m, _)| *m == id) {
                    Some((_, have)) => have.0 = have.0.saturating_add(v),
                    None => reference.push((id, Amount(v))),
                }
                proptest::prop_assert!(values.has(id));
            }
            proptest::prop_assert_eq!(values.list, reference);
        }

        /// The decimal votes of a column of numbers are those of each number read on
        /// its own: the last mark, how many of it, and how the digits group around it,
        /// whatever surrounds the number (signs, spaces, `%`, a currency symbol).
        #[test]
        fn decimal_votes_are_each_numbers_own(
            cells in proptest::collection::vec(
                " ?\\(?-?[0-9]{0,5}([.,][0-9]{0,4}){0,3}(%| ₫| €)?\\)? ?",
                1..12,
            )
        ) {
            let mut votes = votes_for(false);
            let (mut comma, mut dot) = (false, false);
            for cell in &cells {
                let t = cell.trim_matches(|c: char| !c.is_ascii_digit());
                let (c, d) = (t.rfind(','), t.rfind('.'));
                // The dong has no minor unit: its lone mark before three digits groups.
                let whole = cell.contains('₫');
                match (c, d) {
                    (Some(c), Some(d)) => (comma, dot) = (comma || c > d, dot || c < d),
                    (Some(_), None) if t.matches(',').count() > 1 => dot = true,
                    (Some(c), None) if t.len() - c - 1 != 3 || c > 3 => comma = true,
                    (Some(_), None) => dot |= whole,
                    (None, Some(_)) if t.matches('.').count() > 1 => comma = true,
                    (None, Some(d)) if t.len() - d - 1 != 3 || d > 3 => dot = true,
                    (None, Some(_)) => comma |= whole,
                    (None, None) => {}
                }
                votes.add(&record(cell));
                proptest::prop_assert_eq!((votes.comma, votes.dot), (comma, dot), "{:?}", cells);
            }
        }
    }

    fn votes_for(whole: bool) -> DecimalVotes {
        let kind = if whole { Whole::Yes } else { Whole::No };
        DecimalVotes {
            given: None,
            convention: None,
            whole: WholeColumns {
                kinds: vec![Some(kind)],
                currency: None,
                default_whole: false,
            },
            numeric: vec![(0, kind)],
            comma: false,
            dot: false,
            count_comma: false,
            count_dot: false,
            fraction: false,
            semicolons: false,
            ambiguous: None,
            roles: vec![Default::default()],
            proof: [None, None],
        }
    }

    fn record(cell: &str) -> Record {
        Record {
            line: 2,
            cells: std::iter::once(cell).collect(),
            typed: Vec::new(),
            unsaved: Vec::new(),
            no_year: Vec::new(),
        }
    }

    /// What one column of cells votes: (comma is decimal, dot is decimal).
    fn vote(whole: bool, cells: &[&str]) -> (bool, bool) {
        let mut votes = votes_for(whole);
        for cell in cells {
            votes.add(&record(cell));
        }
        (votes.comma, votes.dot)
    }

    #[test]
    fn result_types_count_as_what_they_are() {
        for (kind, metric) in [
            (
                "actions:offsite_conversion.fb_pixel_purchase",
                Some("purchases"),
            ),
            (
                "actions:offsite_conversion.fb_pixel_custom",
                Some("conversions"),
            ),
            ("offsite_conversion.custom.123", Some("conversions")),
            (
                "actions:onsite_conversion.messaging_conversation_started_7d",
                Some("leads"),
            ),
            ("actions:onsite_conversion.post_save", Some("saves")),
            ("actions:landing_page_view", Some("landing_page_views")),
            ("actions:post_engagement", Some("post_engagements")),
            ("post_engagement", Some("post_engagements")),
            ("reach", Some("reach")),
            ("website purchases", Some("purchases")),
            ("post engagement", Some("post_engagements")),
            ("page likes", Some("followers_gained")),
            ("lượt thích trang", Some("followers_gained")),
            ("lượt xem trang đích", Some("landing_page_views")),
            ("khách hàng tiềm năng trên meta", Some("leads")),
            ("instagram profile visits", Some("profile_visits")),
            ("profile_visit_view", Some("profile_visits")),
            ("instagram follows", Some("followers_gained")),
            ("calls placed", Some("leads")),
            ("estimated ad recall lift (people)", None),
            ("actions:page_engagement", None),
            ("", None),
        ] {
            assert_eq!(result_metric(kind), metric, "{kind}");
        }
    }

    #[test]
    fn messaging_result_types_are_told_from_lead_forms() {
        for kind in [
            "actions:onsite_conversion.messaging_conversation_started_7d",
            "actions:onsite_conversion.messaging_first_reply",
            "actions:onsite_conversion.total_messaging_connection",
            "messaging conversations started",
            "lượt bắt đầu cuộc trò chuyện qua tin nhắn",
            "conversaciones con mensajes iniciadas",
            "conversas por mensagem iniciadas",
            "percakapan pesan dimulai",
            "conversations",
        ] {
            assert_eq!(result_metric(kind), Some("leads"), "{kind}");
            assert!(is_messaging_result(kind), "{kind}");
        }
        for kind in [
            "actions:onsite_conversion.lead_grouped",
            "actions:offsite_conversion.fb_pixel_lead",
            "leads",
            "khách hàng tiềm năng trên meta",
            // Leads taken in a conversation are leads, which `Leads` counts.
            "messaging leads",
            "khách hàng tiềm năng qua tin nhắn",
        ] {
            assert_eq!(result_metric(kind), Some("leads"), "{kind}");
            assert!(!is_messaging_result(kind), "{kind}");
        }
    }

    #[test]
    fn a_number_votes_by_its_digits_not_its_symbols() {
        // `1.234 €`: three digits after the dot, as `1.234`; the ` €` is no digit.
        assert_eq!(vote(false, &["1.234 €"]), (false, false));
        // `(1,5 €)` likewise: the number alone votes.
        // But `₫` says the dong, which has no minor unit: `450.000 ₫` groups thousands.
        assert_eq!(vote(false, &["450.000 ₫"]), (true, false));
        assert_eq!(vote(false, &["(1,5 €)"]), (true, false));
        assert_eq!(vote(false, &["$1,234.00"]), (false, true));
    }

    #[test]
    fn a_repeated_mark_groups_thousands() {
        assert_eq!(vote(false, &["1,234,567"]), (false, true));
        assert_eq!(vote(false, &["1.300.000 ₫"]), (true, false));
        // A group of four cannot be thousands: the mark is decimal.
        assert_eq!(vote(false, &["1234,567"]), (true, false));
        assert_eq!(vote(false, &["1234.567"]), (false, true));
    }

    #[test]
    fn whole_columns_tell_a_lone_mark_before_three_digits() {
        // A count (or VND) cannot be 23.456: the mark groups thousands.
        assert_eq!(vote(true, &["23,456"]), (false, true));
        assert_eq!(vote(true, &["23.456"]), (true, false));
        assert_eq!(vote(true, &["150.000 ₫"]), (true, false));
        // Anything else still votes as it does in any column.
        assert_eq!(vote(true, &["12,5"]), (true, false));
        assert_eq!(vote(true, &["29.0"]), (false, true));
        // Elsewhere the same text says nothing, and is kept to be told.
        let mut votes = votes_for(false);
        votes.add(&record("23,456"));
        assert_eq!((votes.comma, votes.dot), (false, false));
        assert_eq!(votes.assumed(), Some(&(2, 0, "23,456".to_owned())));
    }

    #[test]
    fn a_columns_own_decimals_outweigh_its_kind() {
        let decide = |whole: bool, cells: &[&str]| {
            let mut votes = votes_for(whole);
            for cell in cells {
                votes.add(&record(cell));
            }
            (votes.decide(&record("x")), votes.clash().map(|c| c.1))
        };
        // VND: `48211.5` says `.` is the column's decimal mark, so `951.238` is a
        // decimal too; alone, it groups thousands.
        let (d, clash) = decide(true, &["951.238", "48211.5"]);
        assert_eq!(
            (d.mark, d.proven, clash),
            (DecimalMark::Dot, vec![(0, DecimalMark::Dot)], None)
        );
        let (d, _) = decide(true, &["951.238"]);
        assert_eq!((d.mark, d.proven), (DecimalMark::Comma, vec![]));
        // A mark that groups in one value and is decimal in another.
        assert_eq!(decide(true, &["1.234.567", "48211.5"]).1, Some('.'));
        assert_eq!(decide(false, &["12,50", "1,234.50"]).1, Some(','));
        // Both marks, each in a role of its own: only a lone mark is refused.
        let (d, clash) = decide(false, &["12,5", "1.234.567", "1,5"]);
        assert_eq!(
            (d.mark, d.mixed.is_some(), clash),
            (DecimalMark::Comma, false, None)
        );
        let (d, clash) = decide(false, &["12,5", "12.5"]);
        assert_eq!(
            (d.mark, d.mixed.is_some(), clash),
            (DecimalMark::Auto, true, None)
        );
    }

    #[test]
    fn typed_workbook_numbers_do_not_vote() {
        let mut votes = votes_for(false);
        let mut typed = record("12.5");
        typed.typed = vec![true];
        votes.add(&typed);
        assert_eq!((votes.comma, votes.dot), (false, false));
        assert_eq!(votes.assumed(), None);
    }

    #[test]
    fn hours_of_the_day() {
        assert_eq!(hour_of("0"), Some(0));
        assert_eq!(hour_of("\"13\""), Some(13));
        assert_eq!(hour_of("13:00"), Some(13));
        assert_eq!(hour_of("1 PM"), Some(13));
        assert_eq!(hour_of("12 AM"), Some(0));
        assert_eq!(hour_of("12:00 PM"), Some(12));
        assert_eq!(hour_of("24"), None);
        assert_eq!(hour_of("13 PM"), None);
        assert_eq!(hour_of("1 CH"), Some(13));
        assert_eq!(hour_of("12:00 SA"), Some(0));
        assert_eq!(hour_of("1 XY"), None);
        assert_eq!(hour_of("noon"), None);
    }
}
