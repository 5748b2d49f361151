//! Turns rows read from files into the dataset: interns dimension values, applies
//! platform aliases and the default currency, registers custom metrics, and removes
//! the overlap between exports so no observation is counted twice.
//!
//! Overlap: two files that both hold a row with the same dates and dimensions (a
//! user who downloads "last 28 days" every week) describe the same observation; a
//! row with a content id is keyed by the id, not by its title or other description,
//! which can be edited between downloads ([`identity`]). For
//! each such key only the rows of the newest export are kept: the file whose data
//! reaches the latest date, then the later modification time, then the later input.
//! Within one file, rows with equal keys are all kept (a CRM export has one row per
//! lead), which is why this works per file rather than per row; a platform's series
//! (a row per day) is the exception, whose day pasted twice its reader takes back
//! ([`Builder::take_back`]).
//!
//! Merging: a run that only needs a few dimensions (a report `--by platform`) can
//! ask the builder to [`Keep`] just those. Rows of one file and kind with the same
//! dates and the same values of the kept dimensions are then merged as they are
//! pushed: their metric values are added exactly and the row counts how many input
//! rows it stands for. Memory then grows with the distinct (date, kept dimensions)
//! keys, not with the input rows. Rows carrying a stock (last value per series) or
//! a duration (weighted by the row's own message count) are kept as read, and so
//! are rows whose values would not add up exactly.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono::NaiveDate;

use crate::dataset::{
    Dataset, Dims, Family, FamilyInfo, Gap, MetricInfo, Row, Skipped, SourceFile, Sym,
};
use crate::i18n::Message;
use crate::input::layout;
use crate::model::{
    Aggregation, Amount, Dimension, MetricId, Unit, canonical_metric, normalize_platform,
};

/// Dimensions and dates of a row, as read.
pub struct RowInput<'a> {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub dims: [Option<&'a str>; Dimension::COUNT],
    pub line: u64,
    /// Whether the platform was read from a column of the file, a breakdown of the
    /// export's numbers by platform (Meta Ads' `Platform`), rather than given to
    /// every row by the export (a Meta Ads report without it holds every placement).
    pub platform_column: bool,
    /// Which breakdown columns of its layout its file has, as bits (Meta's `Age`,
    /// `Gender`…: see [`Dimension::Breakdown`]), whatever this row's cells hold.
    pub segments: u32,
}

/// The dimensions a run needs. Rows that differ only in the others may be merged;
/// platform, account and currency are always kept (money is summed per currency,
/// stocks per account series, and reports speak of platforms).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keep([bool; Dimension::COUNT]);

impl Keep {
    pub fn new(dims: impl IntoIterator<Item = Dimension>) -> Keep {
        let mut keep = [false; Dimension::COUNT];
        for d in
            dims.into_iter()
                .chain([Dimension::Platform, Dimension::Account, Dimension::Currency])
        {
            keep[d.index()] = true;
        }
        Keep(keep)
    }

    pub fn contains(self, d: Dimension) -> bool {
        self.0[d.index()]
    }
}

/// The dates a file's rows of one kind and platform cover, and at which level: only
/// such spans of two files that overlap can hold the same observation (the same
/// kind) or the same numbers at two levels (one family: see [`layout::family`]).
#[derive(Debug, Clone, Copy)]
struct Span {
    file: u32,
    /// The table of its file ([`Builder::start_table`]): a workbook's sheets, a CSV
    /// file's tables, as many spans.
    table: u32,
    kind: u32,
    platform: Option<Sym>,
    account: One,
    currency: One,
    first: NaiveDate,
    last: NaiveDate,
    /// The breakdown dimensions ([`BREAKDOWN`]) its rows carry, as bits, and the
    /// platform's bit when its rows' platform is a column of the file
    /// ([`RowInput::platform_column`]); above them, its breakdown columns
    /// ([`RowInput::segments`]).
    detail: u32,
    /// The descriptive dimensions ([`DESCRIPTIVE`]) its rows carry, as bits.
    described: u32,
    /// Whether a row covers more than one day.
    ranged: bool,
}

/// A dimension of a span's rows (its account, its currency): one value (or none)
/// for all, or several.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum One {
    Value(Option<Sym>),
    Mixed,
}

impl One {
    /// Whether two spans can be of one series: not when both tell different values.
    fn agrees(self, other: One) -> bool {
        match (self, other) {
            (One::Value(Some(a)), One::Value(Some(b))) => a == b,
            _ => true,
        }
    }

    fn map(self, f: impl Fn(Sym) -> Sym) -> One {
        match self {
            One::Value(v) => One::Value(v.map(f)),
            One::Mixed => One::Mixed,
        }
    }
}

/// Dimensions that break numbers down: tables of one family that carry different
/// ones are the same numbers at two levels. Descriptive ones (a campaign's type, a
/// post's text) and platform, account and currency (kept apart anyway) are not.
const BREAKDOWN: [Dimension; 11] = [
    Dimension::Campaign,
    Dimension::AdSet,
    Dimension::Keyword,
    Dimension::SearchTerm,
    Dimension::Ad,
    Dimension::Breakdown,
    Dimension::ContentId,
    Dimension::Source,
    Dimension::Medium,
    Dimension::LandingPage,
    Dimension::Product,
];

/// Dimensions as bits of their indexes.
const fn bits(dims: &[Dimension]) -> u32 {
    let mut bits = 0;
    let mut i = 0;
    while i < dims.len() {
        bits |= 1 << dims[i].index();
        i += 1;
    }
    bits
}

/// [`BREAKDOWN`] as bits of dimension indexes.
const BREAKDOWN_BITS: u32 = bits(&BREAKDOWN);

/// Where [`RowInput::segments`] start in [`Span::detail`], above the dimensions.
const SEGMENTS_SHIFT: usize = Dimension::COUNT;
// Meta's seven breakdown columns and YouTube chart data's twelve must fit above the
// dimensions in the u32.
const _: () = assert!(SEGMENTS_SHIFT + 12 <= 32);

/// The breakdown segment as a bit of [`Span::detail`].
const SEGMENT_BIT: u32 = 1 << Dimension::Breakdown.index();

/// The platform as a bit of [`Span::detail`].
const PLATFORM_BIT: u32 = 1 << Dimension::Platform.index();

/// Every dimension as bits of their indexes, below [`SEGMENTS_SHIFT`].
const DIMENSION_BITS: u32 = (1 << Dimension::COUNT) - 1;

/// [`DESCRIPTIVE`] as bits of dimension indexes.
const DESCRIPTIVE_BITS: u32 = bits(&DESCRIPTIVE);

impl Span {
    fn dates_meet(&self, other: &Span) -> bool {
        self.first <= other.last && other.first <= self.last
    }

    /// Two files' rows of one platform (and account and currency, where both
    /// tell: an account's money is in one currency); or of any platform, when one
    /// file breaks its numbers down by platform and the other does not (its
    /// platform is the export's, for all its placements): see [`Span::by_platform`].
    fn same_series(&self, other: &Span) -> bool {
        // One file's tables (a workbook's daily and posts sheets, a month per sheet,
        // a sheet copied) are exports of their own; one table's rows are all kept.
        (self.table != other.table || self.kind != other.kind)
            && (self.platform == other.platform || self.by_platform() != other.by_platform())
            && self.account.agrees(other.account)
            && self.currency.agrees(other.currency)
    }

    /// Whether two spans of one family at two levels are rather two breakdowns of
    /// the same totals: each carries a breakdown the other does not (by source, by
    /// landing page). Where one's are a part of the other's (by day, by day and
    /// campaign), the one with fewer is a coarser level.
    fn alternative(&self, other: &Span) -> bool {
        self.detail & !other.detail != 0 && other.detail & !self.detail != 0
    }

    /// Whether its rows' platform is a breakdown, read from a column of the file.
    fn by_platform(&self) -> bool {
        self.detail & PLATFORM_BIT != 0
    }

    /// How fine its dates are: days, then ranges, then totals of unstated dates. An
    /// export of totals over its download's range ([`layout::family`]) whose range
    /// is known is finer than the days of its download: the per-video breakdown of
    /// what the daily totals hold, which count for any window of days.
    fn grain(&self, totals: bool) -> u8 {
        match (totals, self.ranged) {
            (true, false) => 0,
            (false, true) => 1,
            (false, false) => 2,
            (true, true) => 3,
        }
    }

    /// Which of two levels of one family is the finer, the larger: the one with more
    /// breakdown, then finer dates. A table with fewer breakdowns holds its keys'
    /// whole totals, whichever its dates (a campaign's days beside its ad sets'
    /// range, which may leave ad sets out, count); only totals over a range not
    /// known are coarser than any, their days being no days.
    fn fineness(&self, totals: bool) -> (bool, u32, u8) {
        let grain = self.grain(totals);
        (grain != 0, self.detail.count_ones(), grain)
    }
}

/// Where rows go as they are read when they are not kept: `roi normalize` to Parquet
/// writes them and lets them go, so its memory does not grow with the input.
pub type Flush<'f> = &'f mut (dyn FnMut(&Dataset, &[Row]) + Send);

/// Rows handed to a [`Flush`] at a time.
const FLUSH_ROWS: usize = 1 << 16;

pub struct Builder<'f> {
    dataset: Dataset,
    /// Takes the rows as they are read, instead of the dataset.
    flush: Option<Flush<'f>>,
    /// The dimensions kept when rows are merged; `None` keeps every row as read.
    merge: Option<Keep>,
    /// The current file's merged rows: the hash of what they merge on
    /// ([`merge_hash`]) and their index in the dataset. A row found by hash is
    /// checked against the row: the key is not stored a second time.
    merged: hashbrown::HashTable<(u64, usize)>,
    /// The current file's content ids of 16 digits or more ending in zeros past the
    /// 15th: one seen twice is two posts a spreadsheet rounded to one number.
    zero_ids: rustc_hash::FxHashSet<Sym>,
    /// Platform and currency values as read, and what they normalize to.
    platforms: Cache,
    currencies: Cache,
    spans: Vec<Span>,
    /// Kinds of export seen, and the one rows are pushed with now.
    kinds: Vec<String>,
    kind: u32,
    /// The workbook sheet read now, in a workbook of several: its warnings and
    /// skipped rows name it.
    sheet: Option<String>,
    /// The tables read, in order: their file, their first row, and what names them
    /// in a warning (`sheet `July``); rows of a table are pushed together.
    tables: Vec<TableMark>,
    default_currency: Option<String>,
    modified: Vec<Option<SystemTime>>,
    /// The day each file was exported, when it says (TikTok Content's `Time`).
    export_days: Vec<Option<NaiveDate>>,
    /// The as-of date of the run, when given: see [`Builder::known_by`].
    known_by: Option<NaiveDate>,
    /// The account of each input given one (roi.toml's `inputs`), and the current
    /// file's: see [`Builder::accounts`].
    accounts: Accounts,
    file_account: Option<String>,
    /// The account a download's name gives (a YouTube Studio folder's channel, an X
    /// handle, a LinkedIn Page): its rows' account when roi.toml gives none
    /// ([`account_in_name`]).
    named_account: Option<String>,
}

/// The account roi.toml gives an input's files, by their path as read.
pub type Accounts = std::sync::Arc<rustc_hash::FxHashMap<PathBuf, String>>;

/// A row's identity ([`identity`]): its dates, dimensions and kind, and whether its
/// file breaks the numbers down by platform (its facebook row is then a part of the
/// facebook row of a file that does not, which holds every placement).
type Key = (NaiveDate, NaiveDate, Dims, u32, bool);

/// Another builder's ids in this one ([`Builder::translate`]).
struct Translation {
    syms: Vec<Sym>,
    metrics: Vec<MetricId>,
    kinds: Vec<u32>,
}

impl Translation {
    fn apply(&self, row: &mut Row) {
        for d in Dimension::ALL {
            row.dims
                .set(d, row.dims.get(d).map(|s| self.syms[s as usize]));
        }
        for (id, _) in &mut row.values {
            *id = self.metrics[id.0 as usize];
        }
        row.kind = self.kinds[row.kind as usize];
    }
}

/// A row about to be merged: what [`Builder::merge_row`] compares and adds.
struct RowRef<'a> {
    start: NaiveDate,
    end: NaiveDate,
    dims: Dims,
    values: &'a [(MetricId, Amount)],
    kind: u32,
    count: u32,
    post: bool,
}

impl<'f> Builder<'f> {
    pub fn new(default_currency: Option<String>) -> Builder<'f> {
        Builder {
            dataset: Dataset::default(),
            flush: None,
            merge: None,
            merged: hashbrown::HashTable::new(),
            zero_ids: rustc_hash::FxHashSet::default(),
            platforms: Cache::default(),
            currencies: Cache::default(),
            spans: Vec::new(),
            kinds: Vec::new(),
            kind: 0,
            sheet: None,
            tables: Vec::new(),
            default_currency,
            modified: Vec::new(),
            export_days: Vec::new(),
            known_by: None,
            accounts: Accounts::default(),
            file_account: None,
            named_account: None,
        }
    }

    /// The account of the rows of these files that name none: two X accounts'
    /// overviews, which name no account, are then two accounts' days, not one
    /// account's downloaded twice.
    pub fn accounts(mut self, accounts: Accounts) -> Builder<'f> {
        self.accounts = accounts;
        self
    }

    /// The as-of date of the run: of two overlapping ranges of one key, one that
    /// ends after it was not known on that date, so it does not replace one that
    /// ends by it, however new its export (a download of December to January 31
    /// does not stand in, as of January 16, for the one of December to January 15).
    pub fn known_by(mut self, date: Option<NaiveDate>) -> Builder<'f> {
        self.known_by = date;
        self
    }

    /// Merges rows as they are pushed, keeping only these dimensions (see the module
    /// doc). Only exact while no two files hold rows of one kind over overlapping
    /// dates: [`Builder::overlaps_earlier_file`] tells.
    pub fn merging(mut self, keep: Option<Keep>) -> Builder<'f> {
        self.merge = keep;
        self
    }

    /// Hands rows to `flush` in batches as they are read instead of keeping them.
    /// Exact only while no two files hold rows of one kind over overlapping dates
    /// ([`Builder::overlaps_earlier_file`]): nothing is then de-duplicated.
    pub fn flushing(mut self, flush: Option<Flush<'f>>) -> Builder<'f> {
        self.flush = flush;
        self
    }

    fn flush_rows(&mut self) {
        if self.flush.is_some() {
            // A streamed write asks it of the first pass, which keeps no rows.
            self.note_exported();
        }
        if let Some(flush) = self.flush.as_mut() {
            flush(&self.dataset, &self.dataset.rows);
            self.dataset.rows.clear();
        }
    }

    /// Whether the current file has rows of a kind over dates that an earlier file's
    /// rows of that kind also cover. Merged rows are exact only while this is false
    /// after every file: then no row of one file can replace a row of another, and
    /// merged rows give the same sums as the rows they hold.
    pub fn overlaps_earlier_file(&self) -> bool {
        let Some(file) = self.dataset.files.len().checked_sub(1) else {
            return false;
        };
        let file = file as u32;
        let split = self
            .spans
            .iter()
            .rposition(|s| s.file != file)
            .map_or(0, |i| i + 1);
        let (earlier, current) = self.spans.split_at(split);
        // The current file's own tables too: a workbook's sheets can be levels. A
        // series that names no platform may take its content export's, and be a
        // level of it ([`Builder::series_platforms`]); totals over a download's
        // range are dated once every file is read ([`Builder::date_totals`]).
        current.iter().any(|c| {
            earlier
                .iter()
                .chain(current)
                .any(|e| self.conflict(e, c).is_some())
        }) || self
            .spans
            .iter()
            .any(|s| self.content_platforms(s).is_some() || self.undated(s))
    }

    /// Whether two spans' rows can be the same: the same observation (one kind and
    /// level, dates that meet) or the same numbers at two levels (one family, levels
    /// that differ, dates that meet or are unstated).
    fn conflict(&self, a: &Span, b: &Span) -> Option<Conflict> {
        if !a.same_series(b) {
            return None;
        }
        let (fa, fb) = (
            layout::family(&self.kinds[a.kind as usize]),
            layout::family(&self.kinds[b.kind as usize]),
        );
        let same_level = a.detail == b.detail && a.ranged == b.ranged;
        match (fa, fb) {
            (Some((fa, ua)), Some((fb, ub))) if fa == fb && (!same_level || ua != ub) => {
                (self.undated(a) || self.undated(b) || a.dates_meet(b)).then_some(Conflict::Levels)
            }
            // Two exports of one family at one level (Meta's reach and views series)
            // hold other numbers: neither the same rows nor levels.
            (Some((fa, _)), Some((fb, _)))
                if fa == fb
                    && a.kind != b.kind
                    && !layout::same_observations(
                        &self.kinds[a.kind as usize],
                        &self.kinds[b.kind as usize],
                    ) =>
            {
                None
            }
            // Records (a CRM's contacts) with an id are the same record whatever
            // their dates ([`identity`]): two exports of them overlap even when their
            // dates do not meet.
            _ => {
                let same_kind = layout::same_observations(
                    &self.kinds[a.kind as usize],
                    &self.kinds[b.kind as usize],
                );
                (same_kind && a.platform == b.platform && (a.dates_meet(b) || fa.is_none()))
                    .then_some(Conflict::Same)
            }
        }
    }

    /// Whether a span's dates are not the dates its numbers cover: totals over a
    /// range not known ([`Builder::date_totals`]).
    fn undated(&self, span: &Span) -> bool {
        self.totals(span) && !span.ranged
    }

    /// Whether a span's rows are totals over its download's range (YouTube's table
    /// data), whether or not that range is known.
    fn totals(&self, span: &Span) -> bool {
        layout::family(&self.kinds[span.kind as usize]).is_some_and(|(_, u)| u)
    }

    /// Dates totals over a download's range (YouTube's table data, read by each
    /// video's publish day) by that range, where it is known: a `2026-08-01_2026-08-31`
    /// in its file's or folder's name (YouTube names the download so), else the
    /// dates of the other levels of its family in its folder (the chart data and
    /// totals of the same download). Their rows are then a finer level of those
    /// days, and two downloads of other ranges both count.
    fn date_totals(&mut self) {
        for s in 0..self.spans.len() {
            let span = self.spans[s];
            if span.ranged || !self.totals(&span) {
                continue;
            }
            let path = &self.dataset.files[span.file as usize].path;
            let folder = path.parent();
            // `Table data.csv` and `./Table data.csv` name no folder: its name is the
            // absolute path's.
            let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            let named = [
                absolute.file_name(),
                absolute.parent().and_then(Path::file_name),
            ]
            .into_iter()
            .flatten()
            .find_map(|name| range_in_name(&name.to_string_lossy()));
            let family = layout::family(&self.kinds[span.kind as usize]).map(|(f, _)| f);
            let range = named.or_else(|| {
                self.spans
                    .iter()
                    .filter(|c| {
                        !self.totals(c)
                            && layout::family(&self.kinds[c.kind as usize]).map(|(f, _)| f)
                                == family
                            && self.dataset.files[c.file as usize].path.parent() == folder
                    })
                    .map(|c| (c.first, c.last))
                    .reduce(|(a, b), (c, d)| (a.min(c), b.max(d)))
            });
            let Some((from, to)) = range else {
                continue;
            };
            let first_row = self.tables[span.table as usize].first_row;
            let end = self
                .tables
                .get(span.table as usize + 1)
                .map_or(self.dataset.rows.len(), |m| m.first_row)
                .min(self.dataset.rows.len());
            for row in &mut self.dataset.rows[first_row.min(end)..end] {
                if row.kind == span.kind && row.dims.get(Dimension::Platform) == span.platform {
                    // The day the row was read by is the video's publish day: still
                    // its publish day (insights' weekday of publication) once the row
                    // covers the download's range.
                    if row.dims.get(Dimension::Published).is_none() {
                        let day = self.dataset.interner.intern(&row.start.to_string());
                        row.dims.set(Dimension::Published, Some(day));
                    }
                    (row.start, row.end) = (from, to);
                }
            }
            // One day's download is still a range: what marks its rows as dated.
            (
                self.spans[s].first,
                self.spans[s].last,
                self.spans[s].ranged,
            ) = (from, to, true);
            let (first, last) = self
                .spans
                .iter()
                .filter(|c| c.file == span.file)
                .fold((from, to), |(a, b), c| (a.min(c.first), b.max(c.last)));
            let file = &mut self.dataset.files[span.file as usize];
            (file.first_date, file.last_date) = (Some(first), Some(last));
        }
    }

    /// Registers a file; rows pushed after this belong to it.
    pub fn start_file(&mut self, path: PathBuf, format: &str, modified: Option<SystemTime>) {
        // Rows merge only within a file: de-duplication works per file.
        self.merged.clear();
        self.zero_ids.clear();
        self.file_account = self.accounts.get(&path).cloned();
        self.dataset.files.push(SourceFile {
            path,
            format: format.to_owned(),
            ..SourceFile::default()
        });
        self.modified.push(modified);
        self.export_days.push(None);
        self.sheet = None;
        self.tables.push(TableMark {
            file: (self.dataset.files.len() - 1) as u32,
            first_row: self.dataset.rows.len(),
            label: String::new(),
            listed: false,
            records: false,
            series: false,
            moneyless: false,
        });
    }

    /// Starts a table of the current file (a sheet, one of a CSV file's tables),
    /// named in warnings by `label`: its rows are compared with the file's other
    /// tables' as with another file's (the same observation, or levels).
    pub fn start_table(&mut self, label: String) {
        let file = (self.dataset.files.len() - 1) as u32;
        let current = self.current_table();
        // Rows of one table never merge with another's.
        self.merged.clear();
        match self.tables.last_mut() {
            Some(mark) if mark.file == file && !self.spans.iter().any(|s| s.table == current) => {
                mark.first_row = self.dataset.rows.len();
                mark.label = label;
                mark.listed = false;
                mark.records = false;
                mark.series = false;
                mark.moneyless = false;
            }
            _ => self.tables.push(TableMark {
                file,
                first_row: self.dataset.rows.len(),
                label,
                listed: false,
                records: false,
                series: false,
                moneyless: false,
            }),
        }
    }

    /// The current table is a list of records, a row per record: a layout's or
    /// mapping's `per_row` (a CRM's contacts, a sheet of leads, a listening tool's
    /// mentions). Its file is then a file of records, as a CRM export is
    /// ([`crate::dataset::SourceFile::records`]): its leads may be an ad export's, its
    /// days without a row are days without a record. How its rows merge with
    /// other files' is its kind's, as ever. `listed`: a list of leads, whose id is
    /// the lead's own, so that an id twice is one lead (see
    /// [`Builder::one_row_per_record`]); not so a list of purchases or mentions,
    /// whose id (a customer's, a post's) may hold several.
    ///
    /// Only when all the file's tables are: a workbook's sheet of leads beside a
    /// sheet of posts leaves the posts what they are (see [`Builder::unlisted_rows`]).
    pub fn set_records(&mut self, listed: bool) {
        if let Some(mark) = self.tables.last_mut() {
            mark.records = true;
            mark.listed |= listed;
        }
        let file = self.dataset.files.len().wrapping_sub(1) as u32;
        let all_listed = self.file_marks(file).all(|m| m.records);
        if let Some(source) = self.dataset.files.last_mut() {
            source.records |= all_listed;
        }
    }

    /// The table marks of `file`, the latest first.
    fn file_marks(&self, file: u32) -> impl Iterator<Item = &TableMark> {
        self.tables.iter().rev().take_while(move |m| m.file == file)
    }

    /// Rows of a table that is no list of records, in a file a list of records made
    /// a file of records ([`Builder::set_records`]): the file is not one.
    fn unlisted_rows(&mut self) {
        let file = self.dataset.files.len().wrapping_sub(1) as u32;
        if self
            .tables
            .last()
            .is_some_and(|m| m.file == file && !m.records)
            && self.file_marks(file).any(|m| m.records)
        {
            self.current_file().records = false;
        }
    }

    /// Whether a table of the current file is a list of leads or a series: its rows
    /// are held to the file's end, for [`Builder::one_row_per_record`] and
    /// [`Builder::take_back`], not flushed.
    fn holds_records(&self) -> bool {
        let file = self.dataset.files.len().saturating_sub(1) as u32;
        self.file_marks(file).any(|m| m.listed || m.series)
    }

    /// The current table is a platform's series, a row per day (TikTok's overview):
    /// a day read twice in it is a download pasted twice, which its reader tells
    /// from the rows' cells and takes back ([`Builder::take_back`]). Its rows are
    /// few, and are kept as read.
    pub fn set_series(&mut self) {
        if let Some(mark) = self.tables.last_mut() {
            mark.series = true;
        }
    }

    /// The current table has no column of money (a CRM's contacts): its rows take
    /// no default currency. A currency is what money is counted in; given to a
    /// count, it would move that count with `--by currency` and `--where
    /// currency=…` as if it were another currency's.
    pub fn set_moneyless(&mut self) {
        if let Some(mark) = self.tables.last_mut() {
            mark.moneyless = true;
        }
    }

    /// Takes back the current series table's rows read from `lines` (sorted): a day
    /// pasted twice is `skipped` (counted as a skipped row, by its caller), a day
    /// whose later row contradicts it is replaced by that row (counted as replaced).
    pub fn take_back(&mut self, lines: &[u64], skipped: bool) {
        let Some(mark) = self.tables.last().filter(|m| m.series) else {
            return;
        };
        let (file, first) = (mark.file, mark.first_row);
        let before = self.dataset.rows.len();
        let mut r = 0;
        self.dataset.rows.retain(|row| {
            r += 1;
            r <= first || row.file != file || lines.binary_search(&row.line).is_err()
        });
        let taken = (before - self.dataset.rows.len()) as u64;
        self.merged.clear();
        let source = self.current_file();
        if skipped {
            source.rows_read = source.rows_read.saturating_sub(taken);
        } else {
            source.rows_replaced += taken;
        }
    }

    /// Of the current file's rows of one record id in one list of records (a
    /// contact exported twice in one CRM file), the later row counts: it is the
    /// same record, as a newer download's would be. Each id is warned of, with both
    /// lines, and the earlier row counted as replaced. A file with such a list is
    /// not flushed before its end ([`Builder::holds_records`]).
    pub fn one_row_per_record(&mut self) {
        let Some(file) = self.dataset.files.len().checked_sub(1) else {
            return;
        };
        let file = file as u32;
        let marks: Vec<usize> = (0..self.tables.len())
            .filter(|&t| self.tables[t].file == file)
            .collect();
        if !marks.iter().any(|&t| self.tables[t].listed) {
            return;
        }
        let mut seen: rustc_hash::FxHashMap<(u32, [Option<Sym>; 4]), usize> =
            rustc_hash::FxHashMap::default();
        let mut removed: Vec<usize> = Vec::new();
        let mut warnings = Vec::new();
        for (i, &t) in marks.iter().enumerate() {
            let mark = &self.tables[t];
            let end = marks
                .get(i + 1)
                .map_or(self.dataset.rows.len(), |&n| self.tables[n].first_row);
            if !mark.listed {
                continue;
            }
            seen.clear();
            for r in mark.first_row..end.min(self.dataset.rows.len()) {
                let row = &self.dataset.rows[r];
                if row.file != file || row.dims.get(Dimension::ContentId).is_none() {
                    continue;
                }
                let id = (row.kind, RECORD_ID.map(|d| row.dims.get(d)));
                if let Some(earlier) = seen.insert(id, r) {
                    removed.push(earlier);
                    let sym = row.dims.get(Dimension::ContentId);
                    let name = sym.map_or("", |s| self.dataset.interner.get(s));
                    warnings.push(crate::msg!(
                        "warning.same_record",
                        id = name,
                        first = self.dataset.rows[earlier].line,
                        line = row.line
                    ));
                }
            }
        }
        if removed.is_empty() {
            return;
        }
        removed.sort_unstable();
        for &t in &marks {
            let before = removed.partition_point(|&r| r < self.tables[t].first_row);
            self.tables[t].first_row -= before;
        }
        let mut gone = removed.iter().peekable();
        let mut r = 0;
        self.dataset.rows.retain(|_| {
            let drop = gone.next_if(|&&g| g == r).is_some();
            r += 1;
            !drop
        });
        self.merged.clear();
        let source = self.current_file();
        source.rows_replaced += removed.len() as u64;
        source.warnings.extend(warnings);
    }

    /// The table rows are pushed to now.
    fn current_table(&self) -> u32 {
        self.tables.len().saturating_sub(1) as u32
    }

    /// Takes in what `other` read of one file (in a thread of its own), as if this
    /// builder had read the file itself now: values are interned, metrics registered
    /// and kinds named in the order `other` met them, which is the order this builder
    /// would have. Only for builders that keep their rows.
    pub fn absorb(&mut self, other: Builder<'_>) {
        debug_assert!(!self.is_flushing() && !other.is_flushing());
        let file_offset = self.dataset.files.len() as u32;
        let table_offset = self.tables.len() as u32;
        let row_offset = self.dataset.rows.len();
        // Registering `other`'s kinds marks the last file read as a list of records
        // for a CRM's kind: that file is no such list, whatever `other` holds.
        let records = self.dataset.files.last().map(|f| f.records);
        let ids = self.translate(&other);
        if let (Some(file), Some(records)) = (self.dataset.files.last_mut(), records) {
            file.records = records;
        }
        self.merged.clear();
        self.tables
            .extend(other.tables.into_iter().map(|mark| TableMark {
                file: mark.file + file_offset,
                first_row: mark.first_row + row_offset,
                ..mark
            }));
        self.dataset.files.extend(other.dataset.files);
        self.modified.extend(other.modified);
        self.export_days.extend(other.export_days);
        self.spans.extend(other.spans.into_iter().map(|s| Span {
            file: s.file + file_offset,
            table: s.table + table_offset,
            kind: ids.kinds[s.kind as usize],
            platform: s.platform.map(|p| ids.syms[p as usize]),
            account: s.account.map(|a| ids.syms[a as usize]),
            currency: s.currency.map(|c| ids.syms[c as usize]),
            ..s
        }));
        self.dataset
            .rows
            .extend(other.dataset.rows.into_iter().map(|mut row| {
                ids.apply(&mut row);
                row.file += file_offset;
                row
            }));
    }

    /// A builder for a later part of the current file, read on a thread of its own
    /// and taken in with [`Builder::absorb_part`].
    pub fn part(&self) -> Builder<'static> {
        let mut part = Builder::new(self.default_currency.clone())
            .merging(self.merge)
            .accounts(self.accounts.clone());
        if let Some(file) = self.dataset.files.last() {
            part.start_file(file.path.clone(), &file.format, None);
        }
        if let Some(kind) = self.kinds.get(self.kind as usize) {
            part.set_kind(kind, self.kind_name(self.kind as usize));
        }
        if let Some(mark) = self.tables.last() {
            if mark.records {
                part.set_records(mark.listed);
            }
            if mark.series {
                part.set_series();
            }
            if mark.moneyless {
                part.set_moneyless();
            }
        }
        part
    }

    /// Takes in what `part` read of a later part of the current file, whose lines
    /// it counted from the part's start: `lines` lines come before it. What comes
    /// out is what reading the part on with this builder gives: rows merge with the
    /// current file's, counts add up, and the first line of each warning and skip
    /// is the earliest. (One exception: where adding two merged rows would pass the
    /// 64-bit limit, the rows that stay apart can be cut differently; their sums are
    /// the same.)
    pub fn absorb_part(&mut self, part: Builder<'_>, lines: u64) {
        debug_assert!(!self.is_flushing() && !part.is_flushing());
        let ids = self.translate(&part);
        let file = (self.dataset.files.len() - 1) as u32;
        let table = self.current_table();
        for span in &part.spans {
            self.note_span(Span {
                file,
                table,
                kind: ids.kinds[span.kind as usize],
                platform: span.platform.map(|s| ids.syms[s as usize]),
                account: span.account.map(|s| ids.syms[s as usize]),
                currency: span.currency.map(|s| ids.syms[s as usize]),
                ..*span
            });
        }
        for read in part.dataset.files {
            for skipped in read.skipped {
                self.skip_rows(skipped.reason, skipped.first_line + lines, skipped.rows);
            }
            let source = self.current_file();
            source.records |= read.records;
            source.stated = union(source.stated, read.stated);
            source.rows_read += read.rows_read;
            source.first_date = match (source.first_date, read.first_date) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            // `None` is less than any date.
            source.last_date = source.last_date.max(read.last_date);
            source.tables.extend(read.tables);
            for mut warning in read.warnings {
                let counted = |w: &Message| matches!(&w.args[..], [("rows", _), ("line", _), ..]);
                if !counted(&warning) {
                    source.warnings.push(warning);
                    continue;
                }
                let same = source.warnings.iter_mut().find(|w| {
                    counted(w) && w.key == warning.key && w.args[2..] == warning.args[2..]
                });
                let rows = |w: &Message| w.args[0].1.parse::<u64>().unwrap_or(0);
                match same {
                    Some(w) => w.args[0].1 = (rows(w) + rows(&warning)).to_string(),
                    None => {
                        let line = warning.args[1].1.parse::<u64>().unwrap_or(0) + lines;
                        warning.args[1].1 = line.to_string();
                        source.warnings.push(warning);
                    }
                }
            }
        }
        if !part.dataset.rows.is_empty() && self.current_file().records {
            self.unlisted_rows();
        }
        // A large file's memory peaks here, both builders' rows held at once: the
        // part's merge map is done with, and this builder's rows and merge map grow
        // once, by at most the part's rows, not by doubling (or by a table rebuilt
        // beside its old copy) while the part's rows are held.
        drop(part.merged);
        let adding = part.dataset.rows.len();
        self.dataset.rows.reserve_exact(adding);
        if self.merge.is_some() {
            self.merged.reserve(adding, |&(h, _)| h);
        }
        for mut row in part.dataset.rows {
            ids.apply(&mut row);
            row.file = file;
            row.line += lines;
            // As in `push`: a list of leads' record keeps its id, a series' row its line.
            let apart = self.tables.last().is_some_and(|m| {
                m.series || (m.listed && row.dims.get(Dimension::ContentId).is_some())
            });
            let merges = !apart && self.merges(&row.values);
            if merges
                && self.merge_row(&RowRef {
                    start: row.start,
                    end: row.end,
                    dims: row.dims,
                    values: &row.values,
                    kind: row.kind,
                    count: row.count,
                    post: row.post,
                })
            {
                continue;
            }
            self.dataset.rows.push(row);
        }
    }

    /// What `other`'s values, metrics and kinds are in this builder, registered in
    /// the order `other` met them.
    fn translate(&mut self, other: &Builder<'_>) -> Translation {
        let translation = Translation {
            syms: other
                .dataset
                .interner
                .values()
                .map(|v| self.dataset.interner.intern(v))
                .collect(),
            metrics: other
                .dataset
                .metrics
                .iter()
                .map(|m| self.metric(&m.name))
                .collect(),
            kinds: other
                .kinds
                .iter()
                .enumerate()
                .map(|(i, k)| {
                    self.set_kind(k, other.kind_name(i));
                    self.kind
                })
                .collect(),
        };
        for (info, id) in other.dataset.metrics.iter().zip(&translation.metrics) {
            self.dataset.metrics[id.0 as usize].from_records |= info.from_records;
        }
        translation
    }

    /// Whether rows are handed on as they are read (and cannot be taken back).
    pub fn is_flushing(&self) -> bool {
        self.flush.is_some()
    }

    /// Forgets what the current file gave, to read it again from its start (decoded
    /// another way). Its rows are the last ones held: rows of one file are pushed
    /// together. Values interned meanwhile stay, unused. Not for a flushing builder.
    /// The day the current file was exported, as it says: it ranks the file among
    /// overlapping exports before the dates its rows reach.
    pub fn set_export_day(&mut self, day: NaiveDate) {
        if let Some(last) = self.export_days.last_mut() {
            *last = Some(last.map_or(day, |d| d.max(day)));
        }
    }

    pub fn restart_file(&mut self) {
        debug_assert!(!self.is_flushing(), "flushed rows cannot be taken back");
        let Some(file) = self.dataset.files.len().checked_sub(1) else {
            return;
        };
        let file = file as u32;
        let kept = self
            .dataset
            .rows
            .iter()
            .rposition(|r| r.file != file)
            .map_or(0, |i| i + 1);
        self.dataset.rows.truncate(kept);
        self.merged.clear();
        self.spans.retain(|s| s.file != file);
        self.tables.retain(|t| t.file != file);
        self.tables.push(TableMark {
            file,
            first_row: kept,
            label: String::new(),
            listed: false,
            records: false,
            series: false,
            moneyless: false,
        });
        let source = self.current_file();
        source.tables.clear();
        source.rows_read = 0;
        source.rows_replaced = 0;
        source.skipped.clear();
        source.first_date = None;
        source.last_date = None;
        source.warnings.clear();
        source.stated = None;
    }

    /// The current file says its rows cover `start ..= end` (see
    /// [`SourceFile::stated`]).
    pub fn state_range(&mut self, start: NaiveDate, end: NaiveDate) {
        let source = self.current_file();
        source.stated = union(source.stated, Some((start, end)));
    }

    /// The current file, a list of records exported on a day on or after its last
    /// record (HubSpot's `hubspot-crm-exports-all-contacts-2026-08-11.csv`, or the
    /// end of a range an export's name gives): it holds every record up to that day,
    /// so its days after its last record are days without one, not days it does not
    /// reach. A day in the name before its last record is no export day (a range's
    /// start): the list reaches its last record, as any does. Nor does it reach past
    /// the as-of date, or today: no export was made later.
    pub fn records_through(&mut self, day: NaiveDate) {
        let day = day.min(
            self.known_by
                .unwrap_or_else(|| chrono::Local::now().date_naive()),
        );
        let source = self.current_file();
        if let (true, Some(first), Some(last)) =
            (source.records, source.first_date, source.last_date)
            && day >= last
        {
            source.stated = union(source.stated, Some((first, day)));
        }
    }

    /// The kind of export the next rows come from: a layout id, or roi's format with
    /// its header. Overlap is only looked for between rows of the same kind, so a
    /// TikTok overview and a TikTok follower history of the same day both count.
    /// The currency of amounts that name none (roi.toml's `currency`).
    pub fn default_currency(&self) -> Option<&str> {
        self.default_currency.as_deref()
    }

    /// `export` names the kind's family in notes (a layout's name), when it is the
    /// first of its family; `None` for roi's own format, whose rows no longer say
    /// which export they come from: they stand for their platform as a whole
    /// ([`Family::ANY`]), as records do.
    pub fn set_kind(&mut self, kind: &str, export: Option<&str>) {
        if let Some(file) = self.dataset.files.last_mut() {
            file.records |= layout::family(kind).is_none();
        }
        // Two accounts' downloads side by side are two accounts, not one download
        // and a newer one.
        self.named_account = self
            .dataset
            .files
            .last()
            .and_then(|file| account_in_name(kind, &file.path));
        // A YouTube download's folder names its channel for all its files alike.
        let from_name = self.named_account.is_some()
            && self.file_account.is_none()
            && layout::family(kind).is_none_or(|(f, _)| f != "youtube-studio");
        if let Some(file) = self.dataset.files.last_mut() {
            file.account_from_name |= from_name;
        }
        self.kind = match self.kinds.iter().position(|k| k == kind) {
            Some(i) => i as u32,
            None => {
                self.kinds.push(kind.to_owned());
                let families = &mut self.dataset.families;
                let family =
                    layout::family(kind)
                        .zip(export)
                        .map_or(Family::ANY, |((key, _), name)| {
                            let at = match families.iter().position(|f| f.key == key) {
                                Some(at) => {
                                    let info = &mut families[at];
                                    info.name = shared_name(&info.name, name);
                                    at
                                }
                                None => {
                                    families.push(FamilyInfo {
                                        key: key.to_owned(),
                                        name: name.to_owned(),
                                    });
                                    families.len() - 1
                                }
                            };
                            Family(u16::try_from(at).unwrap_or(u16::MAX - 1))
                        });
                self.dataset.kind_families.push(family);
                (self.kinds.len() - 1) as u32
            }
        };
    }

    /// The name of a kind's family, as [`Builder::set_kind`] was told it.
    fn kind_name(&self, kind: usize) -> Option<&str> {
        self.dataset
            .kind_families
            .get(kind)
            .and_then(|f| self.dataset.family_name(*f))
    }

    fn current_file(&mut self) -> &mut SourceFile {
        self.dataset
            .files
            .last_mut()
            .expect("start_file is called before rows are pushed")
    }

    /// The id of a metric column: canonical, or a custom metric registered now.
    pub fn metric(&mut self, name: &str) -> MetricId {
        if let Some(id) = self.dataset.metric_id(name) {
            return id;
        }
        self.dataset.metrics.push(MetricInfo {
            name: name.to_owned(),
            aggregation: Aggregation::Flow,
            unit: Unit::Number,
            from_records: false,
        });
        MetricId((self.dataset.metrics.len() - 1) as u16)
    }

    pub fn metric_info(&self, id: MetricId) -> &MetricInfo {
        self.dataset.metric(id)
    }

    /// Describes the current file: its encoding and format.
    pub fn describe_file(&mut self, encoding: &str, format: &str) {
        let file = self.current_file();
        encoding.clone_into(&mut file.encoding);
        format.clone_into(&mut file.format);
    }

    pub fn add_table(&mut self, table: crate::dataset::TableInfo) {
        self.current_file().tables.push(table);
    }

    /// Rows skipped so far in the current file.
    pub fn last_file_skips(&self) -> &[Skipped] {
        self.dataset
            .files
            .last()
            .map_or(&[], |f| f.skipped.as_slice())
    }

    /// The current file's warnings.
    pub fn last_file_warnings(&self) -> &[Message] {
        self.dataset
            .files
            .last()
            .map_or(&[], |f| f.warnings.as_slice())
    }

    /// A counted warning: rows that were kept but deserve a look. The catalogue text
    /// of `what` takes `rows` (how many) and `line` (the first one) as well.
    pub fn warn_row(&mut self, what: Message, line: u64) {
        let what = self.in_sheet(what);
        let file = self.current_file();
        let same = |w: &Message| w.key == what.key && w.args.get(2..) == Some(&what.args[..]);
        if let Some(w) = file.warnings.iter_mut().find(|w| same(w)) {
            let rows = w.args[0].1.parse::<u64>().unwrap_or(0) + 1;
            w.args[0].1 = rows.to_string();
        } else {
            let mut args = vec![("rows", "1".to_owned()), ("line", line.to_string())];
            args.extend(what.args);
            file.warnings.push(Message {
                key: what.key,
                args,
                dates: what.dates,
            });
        }
    }

    /// The sum of `metric` over the current table's rows (in [`Amount`] units, times
    /// its column's scale), while they are all held: `None` once a streamed write
    /// has let some go, or without the metric.
    pub fn table_sum(&self, metric: &str) -> Option<i128> {
        if self.flush.is_some() {
            return None;
        }
        let id = self.dataset.metric_id(metric)?;
        let first = self.tables.last()?.first_row;
        Some(
            self.dataset
                .rows
                .get(first..)?
                .iter()
                .flat_map(|r| r.values.iter())
                .filter(|(m, _)| *m == id)
                .map(|(_, v)| i128::from(v.0))
                .sum(),
        )
    }

    pub fn warn(&mut self, warning: Message) {
        let warning = self.in_sheet(warning);
        self.current_file().warnings.push(warning);
    }

    /// The sheet of a workbook of several that the next rows, warnings and skipped
    /// rows are of (`None`: the file has no sheets, or one).
    pub fn set_sheet(&mut self, sheet: Option<String>) {
        self.sheet = sheet;
    }

    /// A message of the current sheet names it (see [`Message::text`]).
    fn in_sheet(&self, mut message: Message) -> Message {
        if let Some(sheet) = &self.sheet {
            message.args.push((crate::i18n::IN_SHEET, sheet.clone()));
        }
        message
    }

    /// Warnings of the current file so far: where [`Builder::insert_warning`] can put
    /// one that is only known later.
    pub fn warning_count(&self) -> usize {
        self.dataset.files.last().map_or(0, |f| f.warnings.len())
    }

    /// A warning among the current file's, at `at` (or last, if there are fewer).
    pub fn insert_warning(&mut self, at: usize, warning: Message) {
        let warning = self.in_sheet(warning);
        let warnings = &mut self.current_file().warnings;
        warnings.insert(at.min(warnings.len()), warning);
    }

    /// Counts a row left out, by reason.
    pub fn skip(&mut self, reason: Message, line: u64) {
        self.skip_rows(reason, line, 1);
    }

    /// Counts rows left out for one reason, the first of them on `line`.
    pub fn skip_rows(&mut self, reason: Message, line: u64, rows: u64) {
        let reason = self.in_sheet(reason);
        let file = self.current_file();
        if let Some(s) = file.skipped.iter_mut().find(|s| s.reason == reason) {
            s.rows += rows;
        } else {
            file.skipped.push(Skipped {
                reason,
                rows,
                first_line: line,
            });
        }
    }

    /// Adds a row with these values (metric ids in the order the file gives them).
    pub fn push(&mut self, input: &RowInput<'_>, values: &[(MetricId, Amount)]) {
        // A record's row keeps its id, to be counted once (see
        // [`Builder::one_row_per_record`]); a series' row its line, for
        // [`Builder::take_back`].
        let apart = self.tables.last().is_some_and(|m| {
            m.series || (m.listed && input.dims[Dimension::ContentId.index()].is_some())
        });
        let keep = self.merge.filter(|_| !apart && self.merges(values));
        // A table without money takes no currency; in roi's own format, where every
        // row shares one header, a row without an amount and without a currency
        // (a CRM's leads, written out by `roi normalize`) neither.
        let moneyless = self.tables.last().is_some_and(|m| m.moneyless)
            || (self.default_currency.is_some()
                && input.dims[Dimension::Currency.index()]
                    .is_none_or(|c| crate::input::value::trim(c).is_empty())
                && self
                    .dataset
                    .files
                    .last()
                    .is_some_and(crate::dataset::SourceFile::is_native)
                && !values
                    .iter()
                    .any(|(id, _)| self.dataset.metric(*id).unit == Unit::Money));
        // The level of the row, from what it carries as read (merging may drop it).
        let mut present = 0u32;
        let mut dims = Dims::EMPTY;
        for d in Dimension::ALL {
            let value = input.dims[d.index()]
                .map(crate::input::value::trim)
                .filter(|v| !v.is_empty());
            present |= u32::from(value.is_some()) << d.index();
            if keep.is_some_and(|k| !k.contains(d)) {
                // Not interned either: a dropped post text should cost nothing.
                continue;
            }
            let interner = &mut self.dataset.interner;
            let sym = match (d, value) {
                (Dimension::Platform, Some(v)) => Some(
                    self.platforms
                        .get(v, || interner.intern(&normalize_platform(v))),
                ),
                // Every spelling of one currency (`VNĐ`, `đ`, `₫`) is its one code,
                // so the rows' amounts add up; a name roi does not know stays as
                // written, upper-cased.
                (Dimension::Currency, Some(v)) => Some(self.currencies.get(v, || {
                    interner
                        .intern(&crate::model::currency_code(v).unwrap_or_else(|| v.to_uppercase()))
                })),
                (Dimension::Currency, None) if !moneyless => {
                    self.default_currency.as_deref().map(|c| interner.intern(c))
                }
                (Dimension::Account, None) => self
                    .file_account
                    .as_deref()
                    .or(self.named_account.as_deref())
                    .map(|a| interner.intern(a)),
                (_, Some(v)) => Some(interner.intern(v)),
                (_, None) => None,
            };
            dims.set(d, sym);
        }
        // Excel rounds a whole column, so whether an id ending in zeros is rounded
        // is told by its file's other ids ([`excel_mangled`]). Ids of 15 digits or
        // fewer cost a length check.
        if let Some(id) = input.dims[Dimension::ContentId.index()]
            && id.len() > 15
        {
            match rounding(id) {
                Rounding::No => self.current_file().exact_long_ids |= long_id(id).is_some(),
                Rounding::Zeros => {
                    if let Some(sym) = dims.get(Dimension::ContentId)
                        && !self.zero_ids.insert(sym)
                    {
                        self.current_file().rounding_shown = true;
                    }
                }
                Rounding::Scientific => self.current_file().rounding_shown = true,
            }
        }
        let mut detail = present & BREAKDOWN_BITS | input.segments << SEGMENTS_SHIFT;
        if input.platform_column {
            detail |= present & PLATFORM_BIT;
        }
        let described = present & DESCRIPTIVE_BITS;
        let file = (self.dataset.files.len() - 1) as u32;
        let table = self.current_table();
        let kind = self.kind;
        if self.current_file().records {
            self.unlisted_rows();
        }
        // A list of records' metrics count records, in whatever file.
        if self.current_file().records || self.tables.last().is_some_and(|m| m.records) {
            for (id, _) in values {
                self.dataset.metrics[id.0 as usize].from_records = true;
            }
        }
        let source = self.current_file();
        source.rows_read += 1;
        source.first_date = Some(
            source
                .first_date
                .map_or(input.start, |d| d.min(input.start)),
        );
        source.last_date = Some(source.last_date.map_or(input.end, |d| d.max(input.end)));
        self.note_span(Span {
            file,
            table,
            kind,
            platform: dims.get(Dimension::Platform),
            account: One::Value(dims.get(Dimension::Account)),
            // roi.toml's `currency` is no currency the file names: the file's rows
            // may be those of a download in another ([`assume_dimension`]).
            currency: One::Value(
                dims.get(Dimension::Currency)
                    .filter(|_| present & 1 << Dimension::Currency.index() != 0),
            ),
            first: input.start,
            last: input.end,
            detail,
            described,
            ranged: input.start != input.end,
        });
        // A post's own row, from the dimensions as read (merging may drop them): an
        // id or link and what kind of post it is, in a platform's content export,
        // which gives a post once. A publish time alone does not tell: YouTube's
        // Chart data gives a video's days, each with its publish time. Nor does roi's
        // own format, whose rows may be a post's days: a day without reach is then
        // no post without it.
        let has = |d: Dimension| present & 1 << d.index() != 0;
        let post = (has(Dimension::ContentId) || has(Dimension::Link))
            && has(Dimension::ContentType)
            && self
                .dataset
                .kind_families
                .get(kind as usize)
                .is_some_and(|f| *f != crate::dataset::Family::ANY);
        let row = RowRef {
            start: input.start,
            end: input.end,
            dims,
            values,
            kind,
            count: 1,
            post,
        };
        if keep.is_some() && self.merge_row(&row) {
            return;
        }
        self.dataset.rows.push(Row {
            start: input.start,
            end: input.end,
            dims,
            values: values.into(),
            file,
            line: input.line,
            kind,
            count: 1,
            post,
            coarser: 0,
            answered: 0,
            split: false,
            parted: false,
        });
        if self.flush.is_some() && self.dataset.rows.len() >= FLUSH_ROWS && !self.holds_records() {
            self.flush_rows();
        }
    }

    /// Whether a row with these values merges (when merging at all): a stock is the
    /// last value per series and a duration is weighted by its own row's message
    /// count, so rows with them keep every dimension, unmerged.
    fn merges(&self, values: &[(MetricId, Amount)]) -> bool {
        self.merge.is_some()
            && values.iter().all(|(id, _)| {
                matches!(
                    self.dataset.metric(*id).aggregation,
                    Aggregation::Flow | Aggregation::Unique
                )
            })
    }

    /// Merges `row` into the current file's row with the same dates, kind, kept
    /// dimensions and metrics; `false` when the caller is to push it as a new row,
    /// which later rows then merge into.
    fn merge_row(&mut self, row: &RowRef<'_>) -> bool {
        let index = self.dataset.rows.len();
        let rows = &mut self.dataset.rows;
        let hash = merge_hash(row.start, row.end, row.kind, &row.dims, row.values);
        // A post without a rate's denominator (reach 0) must stay told apart from the
        // posts with it.
        let lacks = row
            .post
            .then(|| crate::dataset::lacked_denominators(row.values));
        let same = |&(h, i): &(u64, usize)| {
            let r: &Row = &rows[i];
            h == hash
                && r.start == row.start
                && r.end == row.end
                && r.kind == row.kind
                && r.dims == row.dims
                && r.post == row.post
                && r.values
                    .iter()
                    .map(|v| v.0)
                    .eq(row.values.iter().map(|v| v.0))
                && lacks.is_none_or(|l| crate::dataset::lacked_denominators(&r.values) == l)
        };
        match self.merged.find_entry(hash, same) {
            Ok(mut at) => {
                if merge_into(&mut rows[at.get().1], row.values, row.count) {
                    return true;
                }
                // Not exactly addable (an overflow, a count at its limit): the row
                // stays apart and later rows merge into it.
                at.get_mut().1 = index;
            }
            Err(_) => {
                self.merged.insert_unique(hash, (hash, index), |&(h, _)| h);
            }
        }
        false
    }

    /// Widens the current file's span of this kind and platform to the row's (or a
    /// part's span's) dates and level.
    fn note_span(&mut self, add: Span) {
        let span = self
            .spans
            .iter_mut()
            .rev()
            .take_while(|s| s.file == add.file)
            .find(|s| s.table == add.table && s.kind == add.kind && s.platform == add.platform);
        match span {
            Some(s) => {
                s.first = s.first.min(add.first);
                s.last = s.last.max(add.last);
                s.detail |= add.detail;
                s.described |= add.described;
                s.ranged |= add.ranged;
                if s.account != add.account {
                    s.account = One::Mixed;
                }
                if s.currency != add.currency {
                    s.currency = One::Mixed;
                }
            }
            None => self.spans.push(add),
        }
    }

    /// What the content exports of a Meta series' family say of its platform, when
    /// neither its title nor its file name does (Business Suite's `Alcance.csv`):
    /// the platforms of the content exports whose dates meet the series', `None`
    /// where the span is no such series or no such export is read.
    fn content_platforms(&self, series: &Span) -> Option<Vec<Option<Sym>>> {
        let kind = &self.kinds[series.kind as usize];
        if series.platform.is_some() || !kind.starts_with(layout::SERIES_KIND) {
            return None;
        }
        let family = layout::family(kind).map(|(f, _)| f);
        let mut platforms: Vec<Option<Sym>> = self
            .spans
            .iter()
            .filter(|c| {
                let other = &self.kinds[c.kind as usize];
                c.table != series.table
                    && !other.starts_with(layout::SERIES_KIND)
                    && layout::family(other).map(|(f, _)| f) == family
                    && c.dates_meet(series)
            })
            .map(|c| c.platform)
            .collect();
        platforms.sort_unstable();
        platforms.dedup();
        (!platforms.is_empty()).then_some(platforms)
    }

    /// A Meta series that names no platform takes the platform of the content
    /// exports of its family whose dates meet its own, when they are all of one:
    /// they are one export at two levels, which [`Builder::conflict`] then tells
    /// (its reach is not added to its posts'). Its warning that it has no platform
    /// becomes a note that says so; content exports of both platforms leave it
    /// without one, added on top of theirs, and its warning says that too.
    fn series_platforms(&mut self) {
        for s in 0..self.spans.len() {
            let span = self.spans[s];
            let Some(platforms) = self.content_platforms(&span) else {
                continue;
            };
            let paths = {
                let mut files: Vec<u32> = self
                    .spans
                    .iter()
                    .filter(|c| {
                        c.table != span.table
                            && platforms.contains(&c.platform)
                            && c.dates_meet(&span)
                            && !self.kinds[c.kind as usize].starts_with(layout::SERIES_KIND)
                            && layout::family(&self.kinds[c.kind as usize])
                                == layout::family(&self.kinds[span.kind as usize])
                    })
                    .map(|c| c.file)
                    .collect();
                files.sort_unstable();
                files.dedup();
                files
                    .iter()
                    .map(|&f| {
                        format!(
                            "`{}`",
                            self.dataset.files[f as usize].path.to_string_lossy()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let (key, args) = match platforms.as_slice() {
                [Some(platform)] => {
                    let platform = *platform;
                    self.spans[s].platform = Some(platform);
                    let mark = &self.tables[span.table as usize];
                    let end = self
                        .tables
                        .get(span.table as usize + 1)
                        .map_or(self.dataset.rows.len(), |m| m.first_row);
                    let end = end.min(self.dataset.rows.len());
                    for row in &mut self.dataset.rows[mark.first_row.min(end)..end] {
                        if row.kind == span.kind && row.dims.get(Dimension::Platform).is_none() {
                            row.dims.set(Dimension::Platform, Some(platform));
                        }
                    }
                    let name = self.dataset.interner.get(platform).to_owned();
                    (
                        "warning.series_platform_from_content",
                        vec![("platform", name), ("paths", paths)],
                    )
                }
                [_, _, ..] if platforms.iter().all(Option::is_some) => {
                    ("warning.series_no_platform_both", vec![("paths", paths)])
                }
                _ => continue,
            };
            let warnings = &mut self.dataset.files[span.file as usize].warnings;
            if let Some(w) = warnings
                .iter_mut()
                .find(|w| w.key == "warning.series_no_platform")
            {
                w.key = key;
                w.args.splice(0..0, args);
            }
        }
    }

    /// Finishes the dataset, keeping only the newest export's rows for each key.
    pub fn finish(self) -> Dataset {
        let held = self.flush.is_none();
        let mut dataset = self.finish_rows();
        if held {
            roi_files_overlap(&mut dataset);
        }
        // A net series that named no platform and took one says so, not that its
        // rows have none.
        for (file, platform) in drop_implied_nets(&mut dataset.rows) {
            let name = dataset.interner.get(platform).to_owned();
            if let Some(w) = dataset.files[file as usize]
                .warnings
                .iter_mut()
                .find(|w| w.key == "warning.series_no_platform")
            {
                w.key = "warning.series_platform_from_flows";
                w.args.insert(0, ("platform", name));
            }
        }
        // A net series left out for the gains and losses beside it no longer gives
        // the metric: its empty days are no zeros ([`Dataset::exports`]), so the net
        // change on its own is no value rather than 0.
        let bit = |net: MetricId, bits: &Vec<u64>| {
            bits.get(usize::from(net.0) / 64)
                .is_some_and(|w| w & (1 << (net.0 % 64)) != 0)
        };
        if let Some(net) = canonical_metric(crate::model::FOLLOWERS_NET)
            && held
            && dataset.exported.iter().any(|bits| bit(net, bits))
        {
            let mut gives = vec![false; dataset.exported.len()];
            for row in &dataset.rows {
                if row.values.iter().any(|(m, _)| *m == net)
                    && let Some(g) = gives.get_mut(row.file as usize)
                {
                    *g = true;
                }
            }
            for (bits, gives) in dataset.exported.iter_mut().zip(gives) {
                if let Some(word) = bits.get_mut(usize::from(net.0) / 64).filter(|_| !gives) {
                    *word &= !(1 << (net.0 % 64));
                }
            }
        }
        dataset
    }

    /// Warns on `file` that `note`'s rows gave way to those of file `by` (`key` says
    /// why that may be wrong).
    fn warn_replaced(files: &mut [SourceFile], key: &'static str, file: u32, by: u32, note: &Note) {
        let path = files[by as usize].path.display().to_string();
        let message = Message {
            key,
            args: vec![
                ("rows", note.rows.to_string()),
                ("from", note.from.to_string()),
                ("to", note.to.to_string()),
                ("path", path),
            ],
            dates: Vec::new(),
        }
        .dates(&["from", "to"]);
        files[file as usize].warnings.push(message);
    }

    /// An account a file's name gives (an X handle, a LinkedIn Page) stands only
    /// where no other export of its platform leaves its rows over the same days
    /// without one: X's account overview, which names no handle, beside tweet
    /// activity that does holds the same account's figures (at another level of
    /// them), not another account's.
    fn unname_mixed_platforms(&mut self) {
        type Ranges =
            rustc_hash::FxHashMap<(Option<crate::dataset::Sym>, u32), (NaiveDate, NaiveDate)>;
        let files = &self.dataset.files;
        if !files.iter().any(|f| f.account_from_name) {
            return;
        }
        // Per platform and file, the days its rows span: named, and without an account.
        let (mut named, mut unnamed) = (Ranges::default(), Ranges::default());
        for r in &self.dataset.rows {
            let ranges = if files[r.file as usize].account_from_name {
                &mut named
            } else if r.dims.get(Dimension::Account).is_none() {
                &mut unnamed
            } else {
                continue;
            };
            let span = ranges
                .entry((r.dims.get(Dimension::Platform), r.file))
                .or_insert((r.start, r.end));
            *span = (span.0.min(r.start), span.1.max(r.end));
        }
        let dropped: rustc_hash::FxHashSet<(Option<crate::dataset::Sym>, u32)> = named
            .into_iter()
            .filter(|((platform, _), (from, to))| {
                unnamed
                    .iter()
                    .any(|((p, _), (f, t))| p == platform && f <= to && from <= t)
            })
            .map(|(key, _)| key)
            .collect();
        if dropped.is_empty() {
            return;
        }
        for row in &mut self.dataset.rows {
            if dropped.contains(&(row.dims.get(Dimension::Platform), row.file)) {
                row.dims.set(Dimension::Account, None);
            }
        }
    }

    /// Adds the metrics the rows held give values of to their files' columns
    /// ([`Dataset::exports`]).
    fn note_exported(&mut self) {
        let words = self.dataset.metrics.len().div_ceil(64);
        let exported = &mut self.dataset.exported;
        exported.resize(self.dataset.files.len(), Vec::new());
        for row in &self.dataset.rows {
            if let Some(bits) = exported.get_mut(row.file as usize) {
                bits.resize(words, 0);
                for (id, _) in &row.values {
                    bits[usize::from(id.0) / 64] |= 1 << (id.0 % 64);
                }
            }
        }
    }

    fn finish_rows(mut self) -> Dataset {
        if self.flush.is_some() {
            // Flushed rows were never held: there is nothing to de-duplicate.
            self.flush_rows();
            return self.dataset;
        }
        self.unname_mixed_platforms();
        // What each export's columns are, before merging gives a newer export's rows
        // an older one's values of the columns it lacks.
        self.note_exported();
        self.series_platforms();
        self.date_totals();
        let spans = &self.spans;
        // Per span, the spans whose rows its rows count for: finer levels, or (true)
        // another breakdown of the same totals (see [`Span::alternative`]).
        let mut levels: Vec<Vec<(usize, bool)>> = vec![Vec::new(); spans.len()];
        let mut overlapping = false;
        let mut ranges = false;
        let mut unnamed_pairs: Vec<(usize, usize)> = Vec::new();
        let mut uncurrencied_pairs: Vec<(usize, usize)> = Vec::new();
        let mut unstated: Vec<(u32, u32)> = Vec::new();
        // Tables of one file that hold the same observations (see below).
        let mut repeated: rustc_hash::FxHashSet<u32> = rustc_hash::FxHashSet::default();
        // The newer export: the one made later, by the day it says it was made (a
        // weekly TikTok Content export whose posts are no newer still has fresher
        // totals), else by the last day its data reaches (which it was made on or
        // after); then the later modified time, then the later input.
        let ranks: Vec<_> = (0..self.dataset.files.len())
            .map(|f| {
                (
                    self.export_days[f].or(self.dataset.files[f].last_date),
                    self.modified[f],
                    f as u32,
                )
            })
            .collect();
        // Each table's spans of one kind as one, all its platforms' breakdowns in it.
        let mut tables: rustc_hash::FxHashMap<(u32, u32), Span> = rustc_hash::FxHashMap::default();
        for s in spans {
            tables
                .entry((s.table, s.kind))
                .and_modify(|t| {
                    t.detail |= s.detail;
                    t.ranged |= s.ranged;
                })
                .or_insert(*s);
        }
        for (i, a) in spans.iter().enumerate() {
            for (j, b) in spans.iter().enumerate().skip(i + 1) {
                match self.conflict(a, b) {
                    None => {}
                    Some(Conflict::Same) => {
                        overlapping = true;
                        ranges |= a.ranged && b.ranged;
                        // Two downloads of totals over ranges not known (two months'
                        // table data) look alike by their videos' publish days: the
                        // newer replaces the older, which a warning names.
                        if self.undated(a) && a.file != b.file {
                            let (a, b) = (a.file, b.file);
                            unstated.push(if ranks[a as usize] < ranks[b as usize] {
                                (a, b)
                            } else {
                                (b, a)
                            });
                        }
                        if a.file == b.file {
                            repeated.extend([a.table, b.table]);
                        }
                        // One file names no account, the other does: its rows may be
                        // that account's ([`assume_accounts`]).
                        let unnamed = One::Value(None);
                        if (a.account == unnamed) != (b.account == unnamed) {
                            unnamed_pairs.push(if a.account == unnamed { (i, j) } else { (j, i) });
                        }
                        // Likewise a download without the currency column.
                        if (a.currency == unnamed) != (b.currency == unnamed) {
                            uncurrencied_pairs.push(if a.currency == unnamed {
                                (i, j)
                            } else {
                                (j, i)
                            });
                        }
                    }
                    Some(Conflict::Levels) if a.alternative(b) => {
                        overlapping = true;
                        // Two breakdowns of the same totals (by source, by landing
                        // page), neither finer: one counts, in [`resolve_levels`] as
                        // a coarser table would. The one that names the platform,
                        // then the one not by search term (Google leaves out the
                        // terms few searched: a part of its keywords' totals), then
                        // breaks down by more, then by days, then the newer export,
                        // then the first table of a file. Told of whole
                        // tables, not of their platforms' spans: a source table's
                        // `google` rows are its `l.facebook.com` rows' breakdown, and
                        // a choice per platform would drop both tables' web rows.
                        let order = |s: &Span| {
                            let whole = tables.get(&(s.table, s.kind)).unwrap_or(s);
                            (
                                whole.by_platform(),
                                whole.detail & 1 << Dimension::SearchTerm.index() == 0,
                                whole.detail.count_ones(),
                                whole.grain(self.totals(s)),
                                ranks[s.file as usize],
                                std::cmp::Reverse(s.table),
                            )
                        };
                        let (kept, other) = if order(a) > order(b) { (i, j) } else { (j, i) };
                        levels[kept].push((other, true));
                    }
                    Some(Conflict::Levels) => {
                        overlapping = true;
                        // The coarser level counts. Fewer breakdowns make it where
                        // its days hold the other's ([`Span::fineness`]: a campaign's
                        // days beside some of its ad sets over those days); a shorter
                        // one (the last two weeks by day beside a month by ad set) is
                        // a level of its own days only, and coarser dates make it, so
                        // that the month counts where the days do not reach. Then the
                        // older export.
                        let (fewer, more) = if a.detail.count_ones() < b.detail.count_ones() {
                            (a, b)
                        } else {
                            (b, a)
                        };
                        let by_detail = fewer.detail != more.detail
                            && fewer.first <= more.first
                            && more.last <= fewer.last;
                        let order = |s: &Span| {
                            let (dated, detail, grain) = s.fineness(self.totals(s));
                            let grain = u32::from(grain);
                            let key = if by_detail {
                                [detail, grain]
                            } else {
                                [grain, detail]
                            };
                            (dated, key, ranks[s.file as usize])
                        };
                        let (fine, coarse) = if order(a) > order(b) { (i, j) } else { (j, i) };
                        levels[coarse].push((fine, false));
                    }
                }
            }
        }
        unstated.sort_unstable();
        unstated.dedup();
        for (older, newer) in unstated {
            let path = self.dataset.files[newer as usize]
                .path
                .display()
                .to_string();
            self.dataset.files[older as usize]
                .warnings
                .push(crate::msg!("warning.totals_replaced", path = path));
        }
        if !overlapping {
            // No two files cover a date with rows of one kind or family: no row can
            // replace another, and the maps below would only cost memory.
            return self.dataset;
        }
        let mut removed = vec![false; self.dataset.rows.len()];
        // Each row's table: rows are held a table at a time, in order.
        let mut table_of = vec![0u32; self.dataset.rows.len()];
        for (t, mark) in self.tables.iter().enumerate() {
            let all = table_of.len();
            let end = self.tables.get(t + 1).map_or(all, |m| m.first_row.min(all));
            if let Some(rows) = table_of.get_mut(mark.first_row..end) {
                rows.fill(t as u32);
            }
        }
        let table_of = table_of;
        let undated: Vec<bool> = spans.iter().map(|s| self.undated(s)).collect();
        let totals: Vec<bool> = spans.iter().map(|s| self.totals(s)).collect();
        let mut notes: std::collections::BTreeMap<(u32, Replaced, usize), Note> =
            std::collections::BTreeMap::new();

        // Levels: a coarser table's rows and a finer table's rows of the same key over
        // the same days are the same numbers, counted once (see [`resolve_levels`]).
        let mut resolved = Levels::default();
        if levels.iter().any(|l| !l.is_empty()) {
            // The finest first: where two finer tables cover a row, the finest is the
            // one named.
            let order = |s: usize| {
                let span = &spans[s];
                (span.fineness(totals[s]), ranks[span.file as usize])
            };
            for fines in &mut levels {
                fines.sort_by_key(|&(f, _)| std::cmp::Reverse(order(f)));
            }
            // Of two downloads of a coarser level, the newer's rows count (below): its
            // rows are the ones the finer rows are told to be counted in.
            let newer: Vec<_> = spans.iter().map(|s| ranks[s.file as usize]).collect();
            resolved = resolve_levels(
                spans,
                &levels,
                &newer,
                &undated,
                &table_of,
                &mut self.dataset.rows,
                &self.dataset.metrics,
                &mut notes,
            );
            for &r in &resolved.split {
                self.dataset.rows[r].split = true;
            }
            for &r in &resolved.parted {
                self.dataset.rows[r].parted = true;
            }
            let mut answered: Vec<_> = std::mem::take(&mut resolved.answered).into_iter().collect();
            answered.sort_unstable_by_key(|(r, _)| *r);
            for (r, entry) in answered {
                self.dataset.answered.push(entry);
                self.dataset.rows[r].answered = self.dataset.answered.len() as u32;
            }
        }
        let Levels {
            covered: levels_covered,
            counted_in,
            ..
        } = resolved;
        let rows = &self.dataset.rows;
        let records: Vec<bool> = self
            .kinds
            .iter()
            .map(|k| layout::family(k).is_none())
            .collect();
        // A descriptive dimension (a campaign's type) tells rows without an id apart
        // only where every file of their kind carries it: a download without the
        // column holds the same campaigns' same days.
        let mut described = vec![DESCRIPTIVE_BITS; self.kinds.len()];
        for span in spans {
            described[span.kind as usize] &= span.described;
        }
        // A post's id a spreadsheet rounded (`1.8E+16`) names many posts: as in
        // insights, its link names the post, and where another row with that link
        // has a real id (a fresh download beside the re-saved one), the post is that
        // id, so the two downloads' rows are one observation. Without a link the row
        // is known by no id: its dates and description tell it apart, and two posts
        // rounded to one number are never taken for one.
        // Whether an id is rounded depends on its file's column as a whole
        // ([`excel_mangled`]): each value's form is worked out once, then read with
        // its file's.
        let zeros_rounded: Vec<bool> = self
            .dataset
            .files
            .iter()
            .map(SourceFile::zeros_rounded)
            .collect();
        let mut forms: rustc_hash::FxHashMap<Sym, Rounding> = rustc_hash::FxHashMap::default();
        let mut real_ids: rustc_hash::FxHashMap<(u32, Sym), Sym> = rustc_hash::FxHashMap::default();
        for row in rows.iter().filter(|r| !records[r.kind as usize]) {
            let Some(id) = row.dims.get(Dimension::ContentId) else {
                continue;
            };
            let interner = &self.dataset.interner;
            let form = *forms
                .entry(id)
                .or_insert_with(|| rounding(interner.get(id)));
            if !form.rounded(zeros_rounded[row.file as usize])
                && let Some(link) = row.dims.get(Dimension::Link)
            {
                real_ids.entry((row.kind, link)).or_insert(id);
            }
        }
        // A post (or an account's day) is one observation in the exports of
        // either family that hold it ([`layout::same_observations`]).
        let observation_kind: Vec<u32> = (0..self.kinds.len())
            .map(|k| {
                let first =
                    (0..k).find(|&o| layout::same_observations(&self.kinds[o], &self.kinds[k]));
                first.unwrap_or(k) as u32
            })
            .collect();
        let identity_in = |row: &Row, across: bool| {
            let kind = row.kind as usize;
            let id = row.dims.get(Dimension::ContentId).and_then(|id| {
                let rounded = forms
                    .get(&id)
                    .is_some_and(|f| f.rounded(zeros_rounded[row.file as usize]));
                if records[kind] || !rounded {
                    return Some(id);
                }
                let link = row.dims.get(Dimension::Link)?;
                Some(real_ids.get(&(row.kind, link)).copied().unwrap_or(link))
            });
            let mut key = identity(row, id, records[kind], described[kind], across);
            key.3 = observation_kind[kind];
            key
        };
        let identity_of = |row: &Row| identity_in(row, true);
        let (assumed, mut ambiguous) = assume_dimension(
            Dimension::Account,
            spans,
            &unnamed_pairs,
            rows,
            &table_of,
            &removed,
            &self.dataset.interner,
            |r: usize| identity_of(&rows[r]),
        );
        // A download without the currency column (its rows without one, or with
        // roi.toml's) beside one with it: its amounts are in that download's
        // currency where it holds the same rows.
        let (currencies, unclear) = assume_dimension(
            Dimension::Currency,
            spans,
            &uncurrencied_pairs,
            rows,
            &table_of,
            &removed,
            &self.dataset.interner,
            |r: usize| {
                let mut key = identity_of(&rows[r]);
                if let Some(&account) = assumed.get(&r) {
                    key.2.set(Dimension::Account, Some(account));
                }
                key
            },
        );
        ambiguous.extend(unclear);
        // Spans whose platform is a breakdown, where a span of their family is not:
        // their rows are another level, apart from the other's of one platform.
        let by_platform: rustc_hash::FxHashSet<(u32, u32, Option<Sym>)> = levels
            .iter()
            .enumerate()
            .flat_map(|(c, fines)| fines.iter().map(move |&(f, _)| (c, f)))
            .filter(|&(c, f)| spans[c].by_platform() != spans[f].by_platform())
            .flat_map(|(c, f)| [c, f])
            .filter(|&s| spans[s].by_platform())
            .map(|s| (spans[s].table, spans[s].kind, spans[s].platform))
            .collect();
        // The key of a row among other files' (`across`) or its own file's rows.
        let key_in = |r: usize, across: bool| {
            let row = &rows[r];
            let mut key = identity_in(row, across);
            if let Some(&account) = assumed.get(&r) {
                key.2.set(Dimension::Account, Some(account));
            }
            if let Some(&currency) = currencies.get(&r) {
                key.2.set(Dimension::Currency, Some(currency));
            }
            key.4 = !records[row.kind as usize]
                && by_platform.contains(&(
                    table_of[r],
                    row.kind,
                    row.dims.get(Dimension::Platform),
                ));
            key
        };
        let key = |r: usize| key_in(r, true);
        // The same observation: for each key only the rows of the newest export.
        // Keys are dates and interned ids: a fast non-cryptographic hash is enough.
        let mut owner: rustc_hash::FxHashMap<Key, usize> = rustc_hash::FxHashMap::default();
        for (r, row) in rows.iter().enumerate().filter(|(r, _)| !removed[*r]) {
            owner
                .entry(key(r))
                .and_modify(|best| {
                    if ranks[row.file as usize] > ranks[rows[*best].file as usize] {
                        *best = r;
                    }
                })
                .or_insert(r);
        }
        // Which rows give way, and to which; per file and the file whose rows replaced
        // some of its own: those rows, how many of them are unlike the row kept, and
        // their dates.
        let mut gave_way: Vec<(usize, usize)> = Vec::new();
        let mut replaced: std::collections::BTreeMap<(u32, u32), (u64, u64, Note)> =
            std::collections::BTreeMap::new();
        // Per row kept, the values of the rows of other files it replaced, summed;
        // and those rows.
        // Keyed by the file that gave way too: two files replaced by one row are
        // each compared with it, not their sum.
        let mut parts: rustc_hash::FxHashMap<(u32, usize), Vec<(MetricId, Amount)>> =
            rustc_hash::FxHashMap::default();
        let mut compared: Vec<(usize, usize)> = Vec::new();
        // Per file and the file whose rows replaced its own: lists of records
        // without an id (no Lead ID, no email), whose rows are only days and sources.
        let mut unidentified: std::collections::BTreeMap<(u32, u32), Note> =
            std::collections::BTreeMap::new();
        let leads = self.dataset.metric_id("leads");
        let mut last_day = vec![NaiveDate::MIN; self.dataset.files.len()];
        for row in rows {
            let last = &mut last_day[row.file as usize];
            *last = (*last).max(row.end);
        }
        for (r, row) in rows.iter().enumerate() {
            if removed[r] {
                continue;
            }
            let by = owner[&key(r)];
            let kept = &rows[by];
            if kept.file == row.file {
                continue;
            }
            removed[r] = true;
            gave_way.push((r, by));
            // A newer download of one list, or another list (another owner's leads)
            // of the same days and sources: without an id, the two cannot be told.
            if records[row.kind as usize]
                && records[kept.kind as usize]
                && row.dims.get(Dimension::ContentId).is_none()
                && row.values.iter().any(|(id, _)| Some(*id) == leads)
            {
                unidentified
                    .entry((row.file, kept.file))
                    .or_insert_with(|| Note::new(row))
                    .add(row, kept.start, kept.end, true);
            }
            // The same posts in another family's export: less expected than a
            // download again, so told.
            if kept.kind != row.kind {
                let why = if row.dims.get(Dimension::ContentId).is_some() {
                    Replaced::Posts
                } else {
                    Replaced::Days
                };
                notes
                    .entry((row.file, why, table_of[by] as usize))
                    .or_insert_with(|| Note::new(row))
                    .add(row, kept.start, kept.end, true);
            }
            // A download again that reaches later days changes the older one's
            // last days (late attribution, views still coming): those tell nothing
            // of whose rows they are.
            let (older_last, newer_last) =
                (last_day[row.file as usize], last_day[kept.file as usize]);
            if newer_last > older_last && row.end + chrono::Days::new(3) > older_last {
                continue;
            }
            let entry = replaced
                .entry((row.file, kept.file))
                .or_insert_with(|| (0, 0, Note::new(row)));
            entry.0 += 1;
            // Rows that name their account are never another account's.
            let unnamed = row.dims.get(Dimension::Account).is_none()
                && kept.dims.get(Dimension::Account).is_none();
            if unnamed {
                add_values(parts.entry((row.file, by)).or_default(), &row.values);
                compared.push((r, by));
            }
            entry.2.add(row, kept.start, kept.end, true);
        }
        // A file with several rows of one key breaks it down by a column roi does
        // not read (an age, a region): its rows are parts of the other file's row,
        // not another account's. Each key's rows are compared as their sums.
        if !compared.is_empty() {
            let whole_of: rustc_hash::FxHashSet<usize> = parts.keys().map(|k| k.1).collect();
            let mut wholes: rustc_hash::FxHashMap<usize, Vec<(MetricId, Amount)>> =
                rustc_hash::FxHashMap::default();
            for (r, row) in rows.iter().enumerate() {
                if removed[r] {
                    continue;
                }
                if let Some(&by) = owner.get(&key(r))
                    && whole_of.contains(&by)
                    && rows[by].file == row.file
                {
                    add_values(wholes.entry(by).or_default(), &row.values);
                }
            }
            for (r, by) in compared {
                if let (Some(entry), Some(part), Some(whole)) = (
                    replaced.get_mut(&(rows[r].file, rows[by].file)),
                    parts.get(&(rows[r].file, by)),
                    wholes.get(&by),
                ) {
                    entry.1 += u64::from(unlike(part, whole));
                }
            }
        }
        drop(owner);
        for ((file, by), note) in unidentified {
            let files = &mut self.dataset.files;
            Self::warn_replaced(
                files,
                "warning.records_without_id_replaced",
                file,
                by,
                &note,
            );
        }
        // A download again of the same days changes a few figures, the latest days';
        // days without an account that all differ in nearly every figure are likely
        // another account's (two X accounts' overviews, two LinkedIn Pages'
        // followers: their exports name none), which the newer file must not stand
        // in for.
        let mut accounts_apart = Vec::new();
        for ((file, by), (count, unlike, note)) in replaced {
            if count >= 2 && unlike == count {
                accounts_apart.push((file, by));
                let files = &mut self.dataset.files;
                Self::warn_replaced(files, "warning.unlike_replaced", file, by, &note);
            }
        }
        // A newer export downloaded with other columns (no `Link clicks`) says
        // nothing of the metrics it has no column for: the replaced row's values
        // of those stay, on the row that replaces it, from the newest export that
        // has them. An export's columns are told by the metrics its rows hold (of
        // all its tables, so that no value is counted twice); in roi's own format,
        // where every platform shares one header and an empty cell is no value, by
        // the row's own values. Followers gained and lost and the net change are one
        // quantity: a row or export with any of them has them all.
        let mut kept_values: std::collections::BTreeMap<(usize, MetricId), usize> =
            std::collections::BTreeMap::new();
        if !gave_way.is_empty() {
            let words = self.dataset.metrics.len().div_ceil(64);
            let flows: Vec<MetricId> = crate::dataset::FOLLOWER_FLOWS
                .iter()
                .filter_map(|n| self.dataset.metric_id(n))
                .collect();
            // A metric's masked cells (`conversions_masked`) are told by the
            // export that has the metric: a newer download without any has none.
            let masked: Vec<Option<MetricId>> = (0..self.dataset.metrics.len())
                .map(|i| self.dataset.masked_of(MetricId(i as u16)))
                .collect();
            let set = |bits: &mut [u64], id: MetricId| {
                let family = if flows.contains(&id) {
                    &flows[..]
                } else {
                    std::slice::from_ref(&id)
                };
                for m in family {
                    for m in std::iter::once(*m).chain(masked[usize::from(m.0)]) {
                        bits[usize::from(m.0) / 64] |= 1 << (m.0 % 64);
                    }
                }
            };
            let native: Vec<bool> = self
                .dataset
                .files
                .iter()
                .map(crate::dataset::SourceFile::is_native)
                .collect();
            let mut file_metrics = vec![vec![0u64; words]; self.dataset.files.len()];
            for row in rows.iter().filter(|row| !native[row.file as usize]) {
                for (id, _) in &row.values {
                    set(&mut file_metrics[row.file as usize], *id);
                }
            }
            let mut own = vec![0u64; words];
            for &(r, by) in &gave_way {
                let (row, kept) = (&rows[r], &rows[by]);
                if accounts_apart.contains(&(row.file, kept.file)) {
                    continue;
                }
                let has = if native[kept.file as usize] {
                    own.fill(0);
                    for (id, _) in &kept.values {
                        set(&mut own, *id);
                    }
                    &own[..]
                } else {
                    &file_metrics[kept.file as usize][..]
                };
                for (id, _) in &row.values {
                    if has[usize::from(id.0) / 64] & 1 << (id.0 % 64) != 0 {
                        continue;
                    }
                    kept_values
                        .entry((by, *id))
                        .and_modify(|from| {
                            if ranks[row.file as usize] > ranks[rows[*from].file as usize] {
                                *from = r;
                            }
                        })
                        .or_insert(r);
                }
            }
        }

        // One file's tables of one kind and level that hold a key (a sheet copied,
        // a month in two sheets) hold the same observation, as two exports would; of
        // one file, neither is newer: the first table's values count, and a later
        // table's values of the metrics an earlier table gives for that key are not
        // counted, whichever metrics they are (results too). A row left without
        // values is counted nowhere.
        let mut repeats: Vec<(usize, Vec<MetricId>)> = Vec::new();
        if !repeated.is_empty() {
            let mut given: rustc_hash::FxHashMap<Key, Vec<(u32, MetricId)>> =
                rustc_hash::FxHashMap::default();
            for (r, row) in rows.iter().enumerate() {
                let table = table_of[r];
                if removed[r] || !repeated.contains(&table) {
                    continue;
                }
                let list = given.entry(key_in(r, false)).or_default();
                let mut earlier = None;
                let mut same = Vec::new();
                for (id, _) in &row.values {
                    match list.iter().find(|(t, m)| *t != table && m == id) {
                        Some(&(t, _)) => {
                            earlier.get_or_insert(t);
                            same.push(*id);
                        }
                        None if !list.contains(&(table, *id)) => list.push((table, *id)),
                        None => {}
                    }
                }
                let Some(earlier) = earlier else {
                    continue;
                };
                let note = notes
                    .entry((row.file, Replaced::Repeat(table), earlier as usize))
                    .or_insert_with(|| Note::new(row));
                for &id in &same {
                    let name = &self.dataset.metrics[usize::from(id.0)].name;
                    if !note.metrics.contains(name) {
                        note.metrics.push(name.clone());
                    }
                }
                note.add(row, row.start, row.end, true);
                removed[r] = same.len() == row.values.len();
                repeats.push((r, same));
            }
        }

        // Ranges of one key that overlap without being equal cannot be split: the
        // newest export's row is kept, and what it leaves out is told.
        let mut parted_ranges: Vec<usize> = Vec::new();
        if ranges {
            let mut by_key: rustc_hash::FxHashMap<(Dims, u32, bool), Vec<usize>> =
                rustc_hash::FxHashMap::default();
            for (r, row) in rows.iter().enumerate() {
                if !removed[r] && row.start != row.end {
                    let (_, _, dims, kind, split) = key(r);
                    by_key.entry((dims, kind, split)).or_default().push(r);
                }
            }
            for mut same in by_key.into_values() {
                if same.iter().all(|&r| table_of[r] == table_of[same[0]]) {
                    continue;
                }
                // Rows known by the as-of date first, then the newest export's; of
                // one file, its first table's (the sort keeps the rows' order).
                let known = |row: &Row| self.known_by.is_none_or(|d| row.end <= d);
                let rank = |r: usize| (known(&rows[r]), ranks[rows[r].file as usize]);
                same.sort_by_key(|&r| std::cmp::Reverse(rank(r)));
                let mut kept: Vec<usize> = Vec::new();
                // Replaced rows that a longer kept range covers: they still answer
                // a window that holds them and not it (see below).
                let mut inside: Vec<usize> = Vec::new();
                for r in same {
                    let row = &rows[r];
                    // One file's rows of equal dates are the same observation, left
                    // to the repeats above.
                    let newer = kept.iter().copied().find(|&k| {
                        let equal = rows[k].file == row.file
                            && (rows[k].start, rows[k].end) == (row.start, row.end);
                        table_of[k] != table_of[r]
                            && !equal
                            && rows[k].start <= row.end
                            && row.start <= rows[k].end
                            && (rows[k].file != row.file || key_in(k, false) == key_in(r, false))
                    });
                    match newer {
                        Some(by) => {
                            removed[r] = true;
                            let k = &rows[by];
                            let covered = k.start <= row.start && row.end <= k.end;
                            // It counts in a window that holds it and none of the
                            // newer rows around or across it (see `around` below):
                            // Aug 1–14 beside a newer Aug 8–21, or inside a newer Aug
                            // 1–31. Never one that holds a row that counts or stands
                            // in (Aug 1–31 beside a newer Aug 8–14): a window holding
                            // it would count both. Its values a level counts (YouTube's
                            // video views beside the daily views) are out of it
                            // already; the others (the videos' impressions) stand in.
                            let stands_in = !row.values.is_empty()
                                && kept.iter().chain(&inside).all(|&o| {
                                    !(row.start <= rows[o].start && rows[o].end <= row.end)
                                });
                            // Newer, but not known by the as-of date.
                            let why = if ranks[row.file as usize] > ranks[k.file as usize] {
                                Replaced::AfterAsOf
                            } else if stands_in {
                                inside.push(r);
                                Replaced::Inside
                            } else {
                                Replaced::Range
                            };
                            notes
                                .entry((row.file, why, table_of[by] as usize))
                                .or_insert_with(|| Note::new(row))
                                .add(row, k.start, k.end, covered);
                        }
                        None => kept.push(r),
                    }
                }
                // Each counts in a window that holds it and none of the longer rows
                // around it: the longest one a window holds is the one that counts.
                for (n, &r) in inside.iter().enumerate() {
                    let row = &rows[r];
                    // A newer row standing in across its edge (Aug 8–21 beside Aug
                    // 1–14) counts in a window that holds it: this one does not.
                    let across = inside[..n]
                        .iter()
                        .chain(&kept)
                        .map(|&o| &rows[o])
                        .filter(|o| {
                            o.start <= row.end
                                && row.start <= o.end
                                && !(o.start <= row.start && row.end <= o.end)
                                && !(row.start <= o.start && o.end <= row.end)
                        });
                    let around: Vec<(NaiveDate, NaiveDate, Gap)> = kept
                        .iter()
                        .chain(&inside)
                        .map(|&o| &rows[o])
                        .filter(|o| {
                            o.start <= row.start
                                && row.end <= o.end
                                && (o.start, o.end) != (row.start, row.end)
                        })
                        .chain(across)
                        .map(|o| (o.start, o.end, Gap { lacks: 0, loses: 0 }))
                        .collect();
                    let parted = inside
                        .iter()
                        .any(|&o| o != r && row.start <= rows[o].start && rows[o].end <= row.end);
                    self.dataset.coarser.push(around);
                    self.dataset.finer.push(Row {
                        values: row.values.clone(),
                        coarser: self.dataset.coarser.len() as u32,
                        parted,
                        ..*row
                    });
                }
                // A window across a kept row's edge counts the rows inside it.
                parted_ranges.extend(kept.iter().copied().filter(|&k| {
                    inside
                        .iter()
                        .any(|&o| rows[k].start <= rows[o].start && rows[o].end <= rows[k].end)
                }));
            }
        }

        // The covered values of the rows kept go to post-level analysis; a row that
        // has no other value is counted nowhere.
        let mut covered: Vec<(usize, Vec<(MetricId, Amount)>)> = levels_covered
            .into_iter()
            .filter(|(r, _)| !removed[*r])
            .collect();
        covered.sort_unstable_by_key(|(r, _)| *r);
        for (r, values) in covered {
            let values = values.into_boxed_slice();
            let row = &rows[r];
            removed[r] = row.values.is_empty();
            // Counted by coarser rows over a range reaching past its own, or that
            // lack a dimension it carries: a window that holds it and none of them,
            // or a query on that dimension, counts it instead. Not beside a range
            // unstated, whose rows' dates are no range.
            let ranges: Option<Vec<(NaiveDate, NaiveDate, Gap)>> =
                counted_in.get(&r).and_then(|c| {
                    c.iter()
                        .map(|&(range, gap)| range.map(|(from, to)| (from, to, gap)))
                        .collect()
                });
            if let Some(mut ranges) = ranges
                && ranges
                    .iter()
                    .any(|&(from, to, gap)| from < row.start || row.end < to || gap.lacks != 0)
            {
                ranges.sort_unstable();
                ranges.dedup();
                self.dataset.coarser.push(ranges);
                self.dataset.finer.push(Row {
                    values: values.clone(),
                    // Its row still counts its other values, and is counted there.
                    count: if removed[r] { row.count } else { 0 },
                    coarser: self.dataset.coarser.len() as u32,
                    ..*row
                });
            }
            self.dataset.covered.push(Row { values, ..*row });
        }
        // Values kept from replaced rows go to the rows that replaced them, if those
        // rows still count.
        let mut moved: Vec<(usize, MetricId, Amount)> = Vec::new();
        let mut told = rustc_hash::FxHashSet::default();
        for ((by, id), from) in kept_values {
            let row = &rows[from];
            let Some(value) = row.value(id).filter(|_| !removed[by]) else {
                continue;
            };
            moved.push((by, id, value));
            let name = &self.dataset.metrics[usize::from(id.0)].name;
            let note = notes
                .entry((row.file, Replaced::Lacking, table_of[by] as usize))
                .or_insert_with(|| Note::new(row));
            if !note.metrics.contains(name) {
                note.metrics.push(name.clone());
            }
            if told.insert(from) {
                note.add(row, rows[by].start, rows[by].end, true);
            }
        }
        for (r, ids) in repeats {
            self.dataset.rows[r].edit_values(|v| v.retain(|(id, _)| !ids.contains(id)));
        }
        for (r, id, value) in moved {
            self.dataset.rows[r].edit_values(|v| v.push((id, value)));
        }
        for r in parted_ranges {
            self.dataset.rows[r].parted = true;
        }
        // Where a table is: its file, and the table when the file has several.
        let places: Vec<String> = self
            .tables
            .iter()
            .map(|mark| {
                let path = self.dataset.files[mark.file as usize].path.display();
                let several = self.tables.iter().filter(|t| t.file == mark.file).count() > 1;
                if several && !mark.label.is_empty() {
                    format!("{path} ({})", mark.label)
                } else {
                    path.to_string()
                }
            })
            .collect();
        let files = &mut self.dataset.files;
        for (file, message) in ambiguous {
            files[file as usize].warnings.push(message);
        }
        // A level or breakdown in words: `range × campaign`.
        let describe = |grain: u8, detail: u32| {
            let mut text = match grain {
                0 => "total",
                1 | 3 => "range",
                _ => "day",
            }
            .to_owned();
            for d in std::iter::once(&Dimension::Platform)
                .chain(&BREAKDOWN)
                .filter(|d| detail & 1 << d.index() != 0)
            {
                text.push_str(" × ");
                text.push_str(d.name());
            }
            text
        };
        // A table's breakdown, over its spans (its facebook rows name the platform
        // by their source, its other rows do not).
        let table_detail = |table: u32| {
            let mut grain = u8::MAX;
            let mut detail = 0;
            for (s, span) in spans.iter().enumerate().filter(|(_, s)| s.table == table) {
                grain = grain.min(span.grain(totals[s]));
                detail |= span.detail;
            }
            describe(grain, detail)
        };
        for ((file, why, by), note) in notes {
            let (path, detail) = match why {
                Replaced::Coarser => {
                    let coarse = &spans[by];
                    let detail = describe(coarse.grain(totals[by]), coarse.detail);
                    (places[coarse.table as usize].clone(), detail)
                }
                Replaced::Alternative(_) => {
                    let table = spans[by].table;
                    (places[table as usize].clone(), table_detail(table))
                }
                Replaced::Range
                | Replaced::Inside
                | Replaced::Posts
                | Replaced::Days
                | Replaced::AfterAsOf
                | Replaced::Repeat(_)
                | Replaced::Lacking => (places[by].clone(), String::new()),
            };
            // Totals over a range beside the same numbers by day: the days are no
            // coarser level, only the level that counts.
            let by_day =
                matches!(why, Replaced::Coarser) && note.ranges && spans[by].grain(totals[by]) == 2;
            // Not counted only in queries the coarser rows can answer.
            let answers = note.answers != 0 && matches!(why, Replaced::Coarser);
            let key = match (why, note.covered) {
                (Replaced::Coarser, true) if by_day && answers => "warning.level_by_day_answers",
                (Replaced::Coarser, false) if by_day && answers => {
                    "warning.level_by_day_partly_answers"
                }
                (Replaced::Coarser, true) if answers => "warning.level_in_coarser_answers",
                (Replaced::Coarser, false) if answers => "warning.level_in_coarser_partly_answers",
                (Replaced::Coarser, true) if by_day => "warning.level_by_day",
                (Replaced::Coarser, false) if by_day => "warning.level_by_day_partly",
                (Replaced::Coarser, true) => "warning.level_in_coarser",
                (Replaced::Coarser, false) => "warning.level_in_coarser_partly",
                (Replaced::Range, true) => "warning.range_replaced",
                (Replaced::Range, false) => "warning.range_partly_replaced",
                (Replaced::Inside, true) => "warning.range_replaced_inside",
                (Replaced::Inside, false) => "warning.range_replaced_across",
                (Replaced::Posts, _) => "warning.posts_replaced",
                (Replaced::Days, _) => "warning.days_replaced",
                (Replaced::Repeat(_), _) => "warning.repeated_rows",
                (Replaced::Alternative(_), _) => "warning.alternative_breakdown",
                (Replaced::AfterAsOf, _) => "warning.range_after_as_of",
                (Replaced::Lacking, _) => "warning.replaced_lacking",
            };
            let mut args = Vec::new();
            if let Replaced::Repeat(table) = why {
                let mut metrics = note.metrics.clone();
                metrics.sort();
                args.push(("metrics", metrics.join(", ")));
                args.push(("table", places[table as usize].clone()));
            }
            if let Replaced::Alternative(table) = why {
                args.push(("table", places[table as usize].clone()));
                args.push(("table_detail", table_detail(table)));
            }
            if matches!(why, Replaced::Lacking) {
                let mut metrics = note.metrics.clone();
                metrics.sort();
                args.push(("metrics", metrics.join(", ")));
            }
            if matches!(why, Replaced::Coarser | Replaced::Alternative(_)) {
                let mut metrics = note.metrics.clone();
                metrics.sort();
                args.push(("metrics", metrics.join(", ")));
                args.push(("detail", detail));
            }
            if answers {
                let dims: Vec<&str> = Dimension::ALL
                    .iter()
                    .filter(|d| note.answers & 1 << d.index() != 0)
                    .map(|d| d.name())
                    .collect();
                args.push(("dimensions", dims.join(", ")));
            }
            args.extend([
                ("rows", note.rows.to_string()),
                ("from", note.from.to_string()),
                ("to", note.to.to_string()),
                ("path", path),
                ("kept_from", note.kept_from.to_string()),
                ("kept_to", note.kept_to.to_string()),
            ]);
            if let (Replaced::AfterAsOf, Some(as_of)) = (why, self.known_by) {
                args.push(("as_of", as_of.to_string()));
            }
            let message = crate::i18n::Message {
                key,
                args,
                dates: Vec::new(),
            }
            .dates(&["from", "to", "kept_from", "kept_to", "as_of"]);
            files[file as usize].warnings.push(message);
        }
        // A row without the currency column that counts in place of its download's
        // with it has that download's currency; a note says which.
        let mut taken: std::collections::BTreeMap<(u32, Sym), Note> =
            std::collections::BTreeMap::new();
        for (&r, &currency) in &currencies {
            let row = &mut self.dataset.rows[r];
            if removed[r] || row.dims.get(Dimension::Currency) == Some(currency) {
                continue;
            }
            row.dims.set(Dimension::Currency, Some(currency));
            taken
                .entry((row.file, currency))
                .or_insert_with(|| Note::new(row))
                .add(row, NaiveDate::MIN, NaiveDate::MIN, true);
        }
        for ((file, currency), note) in taken {
            let currency = self.dataset.interner.get(currency).to_owned();
            files[file as usize].warnings.push(
                crate::msg!(
                    "warning.currency_assumed",
                    rows = note.rows,
                    from = note.from,
                    to = note.to,
                    currency = currency
                )
                .dates(&["from", "to"]),
            );
        }
        let mut removed = removed.into_iter();
        self.dataset.rows.retain(|row| {
            let gone = removed.next().unwrap_or(false);
            if gone {
                files[row.file as usize].rows_replaced += u64::from(row.count);
            }
            !gone
        });
        self.dataset
    }
}

/// Whether a row replaced by another of its key differs from it in nearly every
/// figure (three in four of those either has, zeros in both aside): the sign of
/// another account's row rather than a newer download's.
fn unlike(values: &[(MetricId, Amount)], kept: &[(MetricId, Amount)]) -> bool {
    differ_in_most(values, kept, |a, b| a != b)
}

/// Whether two sums differ in nearly every figure (as [`unlike`]) by more than a
/// tenth: another account's, where a newer download of the same one revises a few
/// figures a little (a day's late conversions, spend settled after the fact).
fn far_apart(values: &[(MetricId, Amount)], kept: &[(MetricId, Amount)]) -> bool {
    differ_in_most(values, kept, |a, b| {
        let (a, b) = (a.0.unsigned_abs(), b.0.unsigned_abs());
        a.min(b).saturating_mul(11) < a.max(b).saturating_mul(10)
    })
}

fn differ_in_most(
    values: &[(MetricId, Amount)],
    kept: &[(MetricId, Amount)],
    differs: impl Fn(Amount, Amount) -> bool,
) -> bool {
    let (mut compared, mut differ) = (0u32, 0u32);
    for (id, value) in values {
        let Some((_, other)) = kept.iter().find(|(m, _)| m == id) else {
            continue;
        };
        if value.0 == 0 && other.0 == 0 {
            continue;
        }
        compared += 1;
        differ += u32::from(differs(*value, *other));
    }
    compared > 0 && differ * 4 >= compared * 3
}

/// Adds a row's values to a sum of rows' values.
fn add_values(sum: &mut Vec<(MetricId, Amount)>, values: &[(MetricId, Amount)]) {
    for &(id, value) in values {
        match sum.iter_mut().find(|(m, _)| *m == id) {
            Some((_, total)) => total.0 = total.0.saturating_add(value.0),
            None => sum.push((id, value)),
        }
    }
}

/// The name of a family of several layouts: the words their names begin with
/// (`Meta Business Suite` for its content export and its single-metric series), so
/// that a note names it alike whichever of its files was read first. Names with no
/// word in common: the first in order of text.
/// Two files of roi's format with other columns (a sheet saved again with a column
/// added, or another source's rows of the same days) are two exports, both counted:
/// where both give a metric for the same dates and dimensions, each file gets a
/// warning naming the other, the metrics and the first such rows, so a re-saved
/// sheet beside its older copy does not double the figures unseen.
fn roi_files_overlap(dataset: &mut Dataset) {
    type Key = (NaiveDate, NaiveDate, Dims);
    let native: Vec<bool> = dataset.files.iter().map(SourceFile::is_native).collect();
    if native.iter().filter(|n| **n).count() < 2 {
        return;
    }
    let bits = |row: &Row| {
        row.values
            .iter()
            .filter(|(id, _)| id.0 < 64)
            .fold(0u64, |b, (id, _)| b | 1 << id.0)
    };
    let mut first: rustc_hash::FxHashMap<Key, (u32, u32, u64, u64)> =
        rustc_hash::FxHashMap::default();
    // Per pair of files (earlier, later): the metrics both give, and the first rows.
    let mut pairs: std::collections::BTreeMap<(u32, u32), (u64, u64, u64, NaiveDate)> =
        std::collections::BTreeMap::new();
    for row in &dataset.rows {
        if !native.get(row.file as usize).copied().unwrap_or(false) {
            continue;
        }
        let key = (row.start, row.end, row.dims);
        let mine = bits(row);
        match first.get(&key) {
            Some(&(kind, file, theirs, line)) if kind != row.kind && file != row.file => {
                let shared = mine & theirs;
                if shared != 0 {
                    let entry = pairs
                        .entry((file, row.file))
                        .or_insert((0, line, row.line, row.start));
                    entry.0 |= shared;
                }
            }
            Some(_) => {}
            None => {
                first.insert(key, (row.kind, row.file, mine, row.line));
            }
        }
    }
    for ((a, b), (shared, line_a, line_b, date)) in pairs {
        let metrics: Vec<String> = (0..64u16)
            .filter(|i| shared & (1 << i) != 0)
            .filter_map(|i| dataset.metrics.get(usize::from(i)).map(|m| m.name.clone()))
            .collect();
        let other = dataset.files[a as usize].path.display().to_string();
        if let Some(file) = dataset.files.get_mut(b as usize) {
            file.warnings.push(
                crate::msg!(
                    "warning.roi_files_overlap",
                    other = other,
                    metrics = metrics.join(", "),
                    date = date,
                    line = line_b,
                    other_line = line_a
                )
                .dates(&["date"]),
            );
        }
    }
}

const ROI_KIND: &str = "roi:";
/// Not a character of a column name.
const ROI_KIND_SEPARATOR: char = '\u{1f}';

/// The kind of export ([`Builder::set_kind`]) of a file of roi's format with these
/// columns, in any order.
pub fn roi_kind(columns: &[&str]) -> String {
    let mut columns = columns.to_vec();
    columns.sort_unstable();
    let mut kind = ROI_KIND.to_owned();
    for (i, c) in columns.iter().enumerate() {
        if i > 0 {
            kind.push(ROI_KIND_SEPARATOR);
        }
        kind.push_str(c);
    }
    kind
}

fn shared_name(a: &str, b: &str) -> String {
    let words: Vec<&str> = a
        .split(' ')
        .zip(b.split(' '))
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x)
        .collect();
    if words.is_empty() {
        a.min(b).to_owned()
    } else {
        words.join(" ")
    }
}

/// Dimensions that describe a post or video rather than tell it apart: its title,
/// text, publish time, length, permalink and type can be edited (or read
/// differently) between two downloads, and the edited post is still the same post.
pub(crate) const DESCRIPTIVE: [Dimension; 5] = [
    Dimension::ContentType,
    Dimension::Published,
    Dimension::Text,
    Dimension::VideoDuration,
    Dimension::Link,
];

/// Dimensions that tell one record (a CRM contact) apart from another of the same
/// id: the series it is in (account, currency) and the brand it is about. Its
/// source, medium, campaign and lifecycle stage are what the CRM knows of it at
/// export time, and change between exports; so does its platform, which its source
/// gives (a lead whose source a rep corrected from Web to Facebook is one lead).
const RECORD_ID: [Dimension; 4] = [
    Dimension::Account,
    Dimension::Currency,
    Dimension::Brand,
    Dimension::ContentId,
];

/// What makes two rows of two exports the same observation. A row with a content
/// id (a post, a video, a contact) is that content: its descriptive dimensions
/// ([`DESCRIPTIVE`]) are left out, so a title edited between two downloads does not
/// make the video count twice; its breakdown (a traffic source) stays, so rows of
/// two levels stay apart for [`resolve_levels`]. The id is the one the row is known
/// by (`id`), which for a post whose id a spreadsheet rounded is not the id read
/// ([`excel_mangled`]); a row known by none is keyed as a row without an id. A record's id is the whole of its
/// identity ([`RECORD_ID`]), dates included: a merged contact's create date may
/// move, and it is still one lead. Rows without an id (a campaign's) are their
/// dimensions, as read, but for the descriptive ones not in `described` (those
/// every file of the kind carries): a campaign's type, written in one download and
/// not in the other, does not make its day two. Between two files (`across`), a
/// record without an id leaves out its status (content type), which changes between
/// downloads; within one file (a workbook's sheet per status) the status tells two
/// leads of one day apart. A copy of the row's dimensions: no allocation.
fn identity(row: &Row, id: Option<Sym>, record: bool, described: u32, across: bool) -> Key {
    if id.is_none() {
        let mut dims = row.dims;
        dims.set(Dimension::ContentId, None);
        for d in DESCRIPTIVE {
            if described & 1 << d.index() == 0 {
                dims.set(d, None);
            }
        }
        if record && across {
            // A record's status (a lead's `Lead Status`, a contact's lifecycle
            // stage) is what the CRM knows of it at export time: a lead worked
            // between two downloads is still the one lead of its day. One
            // download's status is as it was, for all its tables: two leads of
            // one day in its Open and Contacted sheets are two leads.
            dims.set(Dimension::ContentType, None);
        }
        return (row.start, row.end, dims, row.kind, false);
    }
    if record {
        let mut dims = Dims::EMPTY;
        for d in RECORD_ID {
            dims.set(d, row.dims.get(d));
        }
        return (NaiveDate::MIN, NaiveDate::MIN, dims, row.kind, false);
    }
    let mut dims = row.dims;
    for d in DESCRIPTIVE {
        dims.set(d, None);
    }
    dims.set(Dimension::ContentId, id);
    (row.start, row.end, dims, row.kind, false)
}

/// How a spreadsheet may have written a long id it rounded to its 15 significant
/// digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rounding {
    /// Not a form rounding leaves.
    No,
    /// 16 digits or more, all zeros past the 15th: `18000000000000000`, or a real
    /// id that happens to end so.
    Zeros,
    /// `1.22158E+17`: always rounded.
    Scientific,
}

impl Rounding {
    /// Whether an id of this form was rounded, in a file whose ids ending in zeros
    /// are or are not rounded ([`crate::dataset::SourceFile::zeros_rounded`]).
    pub(crate) fn rounded(self, zeros_rounded: bool) -> bool {
        match self {
            Rounding::No => false,
            Rounding::Zeros => zeros_rounded,
            Rounding::Scientific => true,
        }
    }
}

/// An id of 16 digits or more: whether all its digits past the 15th are zeros.
fn long_id(id: &str) -> Option<bool> {
    let t = id.trim();
    (t.len() > 15 && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.bytes().skip(15).all(|b| b == b'0'))
}

/// The form of an id as a spreadsheet writes a long number it rounded.
pub(crate) fn rounding(id: &str) -> Rounding {
    if let Some(zeros) = long_id(id) {
        return if zeros { Rounding::Zeros } else { Rounding::No };
    }
    let t = id.trim();
    let Some((mantissa, exponent)) = t.split_once(['E', 'e']) else {
        return Rounding::No;
    };
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    let scientific = !exponent.is_empty()
        && exponent.bytes().all(|b| b.is_ascii_digit())
        && mantissa.bytes().any(|b| b.is_ascii_digit())
        && mantissa
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',');
    if scientific {
        Rounding::Scientific
    } else {
        Rounding::No
    }
}

/// Whether a post id of `file` is one a spreadsheet rounded, naming every post it
/// rounds from. `1.8E+16` always is. An id ending in zeros past its 15th digit is
/// only where its file shows the rounding ([`SourceFile::zeros_rounded`]): about one
/// real 17-digit Instagram id in a hundred ends so.
pub(crate) fn excel_mangled(id: &str, file: &SourceFile) -> bool {
    rounding(id).rounded(file.zeros_rounded())
}

/// Rows of two levels of one export: for each coarser row, the finer rows of its key
/// (its platform, account, currency and values of the breakdown dimensions both
/// tables carry; account and currency only where both tables tell them) are the
/// same numbers broken down further. Where they cover every day of the coarser row
/// (or either table's dates are not the dates its numbers cover, YouTube's table
/// data), the coarser row's values of the metrics they give are not counted; where
/// they cover only some of its days, the coarser row is counted whole and the finer
/// rows' values of its metrics on those days are not; where there are none, both
/// count. A finer span marked `true` is rather another breakdown of the same totals
/// ([`Span::alternative`]): its rows are taken the same way, and told apart. Warnings on the file whose values are not counted say where they are.
/// The values not counted are taken out of their rows and returned, by row, for
/// post-level analysis ([`Dataset::covered`]); a row left without values is
/// counted nowhere, and still takes part in de-duplication (its older copy in
/// another export is the same post). Time and memory follow the rows of the
/// tables in a level conflict.
#[allow(clippy::too_many_arguments)] // the finishing builder's parts, borrowed apart
fn resolve_levels<R: Ord>(
    spans: &[Span],
    levels: &[Vec<(usize, bool)>],
    newer: &[R],
    undated: &[bool],
    table_of: &[u32],
    rows: &mut [Row],
    metrics: &[MetricInfo],
    notes: &mut std::collections::BTreeMap<(u32, Replaced, usize), Note>,
) -> Levels {
    type Map<K, V> = rustc_hash::FxHashMap<K, V>;
    // A finer table's rows by key, by day.
    type ByKey = Map<Dims, Vec<usize>>;
    // The rows of each span in a level conflict.
    let mut span_of: Map<(u32, u32, Option<Sym>), usize> = Map::default();
    for (c, fines) in levels.iter().enumerate() {
        for s in fines
            .iter()
            .map(|&(f, _)| f)
            .chain(std::iter::once(c).filter(|_| !fines.is_empty()))
        {
            let span = &spans[s];
            span_of.insert((span.table, span.kind, span.platform), s);
        }
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); spans.len()];
    for (r, row) in rows.iter().enumerate() {
        let platform = row.dims.get(Dimension::Platform);
        if let Some(&s) = span_of.get(&(table_of[r], row.kind, platform)) {
            members[s].push(r);
        }
    }
    drop(span_of);
    let project = |dims: &Dims, mask: u32| {
        let mut key = Dims::EMPTY;
        for d in Dimension::ALL {
            if mask & 1 << d.index() != 0 {
                key.set(d, dims.get(d));
            }
        }
        key
    };
    // Followers gained and lost and the net change are one quantity: a coarse row
    // with either covers a finer row's other.
    let follower_change = |id: MetricId| {
        matches!(
            metrics[usize::from(id.0)].name.as_str(),
            crate::model::FOLLOWERS_NET | "followers_gained" | "followers_lost"
        )
    };
    // A count of masked cells (`conversions_masked`) goes with its metric: not
    // counted where the metric is not, and not named apart.
    let base_of: Vec<Option<MetricId>> = metrics
        .iter()
        .map(|m| {
            let base = m.name.strip_suffix("_masked")?;
            metrics
                .iter()
                .position(|b| b.name == base)
                .map(|i| MetricId(i as u16))
        })
        .collect();
    // Metrics not counted, per row, applied once every row is decided.
    let mut strip: Map<usize, Vec<MetricId>> = Map::default();
    let name = |note: &mut Note, id: MetricId| {
        if base_of[usize::from(id.0)].is_some() {
            return;
        }
        let name = &metrics[usize::from(id.0)].name;
        if !note.metrics.contains(name) {
            note.metrics.push(name.clone());
        }
    };
    // Per finer row and coarse span, the days of the row its coarse rows hold (none
    // when one holds them all): a range is covered by days only if every one is
    // there. And the rows partly held, by note, told once every row is read.
    let mut held: Map<(usize, usize), Vec<(NaiveDate, NaiveDate)>> = Map::default();
    let mut partial: Vec<(usize, usize, (u32, Replaced, usize))> = Vec::new();
    // A table whose own rows are not counted (chart data beside the totals of the
    // same download) comes after the table that counts over it: the rows below
    // both are then noted as counted in the one that does count.
    let mut order: Vec<usize> = (0..levels.len()).collect();
    order.sort_by_cached_key(|&c| {
        let below = levels
            .iter()
            .filter(|fines| fines.iter().any(|&(f, _)| f == c))
            .count();
        (below, std::cmp::Reverse(&newer[c]))
    });
    // The finer rows each coarse span's rows hold, as noted.
    let mut claimed: rustc_hash::FxHashSet<(usize, usize)> = rustc_hash::FxHashSet::default();
    let mut counted_in: Map<usize, Vec<CountedIn>> = Map::default();
    let mut answered: Map<usize, Vec<(Gap, Vec<MetricId>)>> = Map::default();
    let mut parts_of: Map<usize, Vec<(NaiveDate, NaiveDate)>> = Map::default();
    for c in order {
        let fines = &levels[c];
        if fines.is_empty() {
            continue;
        }
        let coarse = &spans[c];
        // Per finer table: the dimensions of the key, and its rows by key, by day.
        let pairs: Vec<(usize, bool, u32, ByKey, Gap)> = fines
            .iter()
            .map(|&(f, alternative)| {
                let fine = &spans[f];
                let mut mask = coarse.detail & fine.detail;
                // Segments of other breakdowns (`Age 18-24` beside `Age 18-24 ·
                // Gender female`, or `Country VN`) are never one key.
                if coarse.detail >> SEGMENTS_SHIFT != fine.detail >> SEGMENTS_SHIFT {
                    mask &= !SEGMENT_BIT;
                }
                // The platform is part of the key unless one table breaks its numbers
                // down by platform and the other holds every platform's.
                if coarse.by_platform() == fine.by_platform() {
                    mask |= PLATFORM_BIT;
                }
                for (d, a, b) in [
                    (Dimension::Account, coarse.account, fine.account),
                    (Dimension::Currency, coarse.currency, fine.currency),
                ] {
                    if a != One::Value(None) && b != One::Value(None) {
                        mask |= 1 << d.index();
                    }
                }
                let mut by_key: Map<Dims, Vec<usize>> = Map::default();
                for &r in &members[f] {
                    by_key
                        .entry(project(&rows[r].dims, mask))
                        .or_default()
                        .push(r);
                }
                for list in by_key.values_mut() {
                    list.sort_by_key(|&r| (rows[r].start, rows[r].end));
                }
                // The dimensions the finer rows carry and the coarse ones lack: a
                // query on one of them is answered by the finer rows alone.
                let own = |s: &Span| (s.detail | s.described) & DIMENSION_BITS;
                let gap = Gap {
                    lacks: own(fine) & !own(coarse),
                    loses: own(coarse) & !own(fine),
                };
                (f, alternative, mask, by_key, gap)
            })
            .collect();
        for &r in &members[c] {
            let row = &rows[r];
            let (start, end) = (row.start, row.end);
            for (f, alternative, mask, by_key, gap) in &pairs {
                let Some(list) = by_key.get(&project(&row.dims, *mask)) else {
                    continue;
                };
                let over = list.iter().copied().filter(|&x| {
                    undated[c] || undated[*f] || (rows[x].start <= end && rows[x].end >= start)
                });
                // The coarse row is the platform's own total of its key over its days,
                // whether or not the finer table holds every part of it (an ad report
                // may leave ads out): it counts, and the finer rows' values of its
                // metrics on its days are counted in it.
                for x in over {
                    let fine = &rows[x];
                    let shared = |id: MetricId| {
                        let id = base_of[usize::from(id.0)].unwrap_or(id);
                        row.values
                            .iter()
                            .any(|v| v.0 == id || follower_change(v.0) && follower_change(id))
                    };
                    if fine.values.iter().any(|(id, _)| shared(*id)) {
                        counted_in
                            .entry(x)
                            .or_default()
                            .push(((!undated[c]).then_some((start, end)), *gap));
                        if gap.lacks != 0 {
                            // Per finer table: a query on its dimensions leaves to it
                            // only the metrics it shares, not another finer table's.
                            let tables = answered.entry(r).or_default();
                            let at = match tables.iter().position(|(g, _)| g == gap) {
                                Some(at) => at,
                                None => {
                                    tables.push((*gap, Vec::new()));
                                    tables.len() - 1
                                }
                            };
                            let ids = &mut tables[at].1;
                            for (id, _) in fine.values.iter().filter(|(id, _)| shared(*id)) {
                                if !ids.contains(id) {
                                    ids.push(*id);
                                }
                            }
                        }
                        // Only finer rows shorter than the coarse one stand in for it
                        // in a window it crosses: one of the same range crosses it too.
                        if !undated[c] && (fine.start > start || fine.end < end) {
                            parts_of.entry(r).or_default().push((fine.start, fine.end));
                        }
                    }
                    let stripped = strip.get(&x);
                    let same: Vec<MetricId> = fine
                        .values
                        .iter()
                        .map(|(id, _)| *id)
                        .filter(|id| shared(*id))
                        .filter(|id| stripped.is_none_or(|ids| !ids.contains(id)))
                        .collect();
                    let why = if *alternative {
                        Replaced::Alternative(spans[*f].table)
                    } else {
                        Replaced::Coarser
                    };
                    let whole = undated[c] || (start <= fine.start && fine.end <= end);
                    let part = (start.max(fine.start), end.min(fine.end));
                    if same.is_empty() {
                        // Already counted in another coarse row or table; a later day
                        // of this table that meets it (a video's range beside its
                        // daily rows) is still among the days that count for it.
                        if claimed.contains(&(x, c))
                            && let Some(note) = notes.get_mut(&(fine.file, why, c))
                        {
                            note.kept_from = note.kept_from.min(start);
                            note.kept_to = note.kept_to.max(end);
                        }
                        if whole {
                            held.remove(&(x, c));
                        } else if let Some(parts) = held.get_mut(&(x, c)) {
                            parts.push(part);
                        }
                        continue;
                    }
                    let key = (fine.file, why, c);
                    let note = notes.entry(key).or_insert_with(|| Note::new(fine));
                    note.ranges |= spans[*f].ranged;
                    note.answers |= gap.lacks;
                    for &id in &same {
                        name(note, id);
                    }
                    note.add(fine, start, end, true);
                    claimed.insert((x, c));
                    if whole {
                        held.remove(&(x, c));
                    } else {
                        held.entry((x, c)).or_default().push(part);
                        partial.push((x, c, key));
                    }
                    let ids = strip.entry(x).or_default();
                    for id in same {
                        if !ids.contains(&id) {
                            ids.push(id);
                        }
                    }
                }
            }
        }
    }
    for (x, c, key) in partial {
        let Some(mut parts) = held.remove(&(x, c)) else {
            continue;
        };
        parts.sort_unstable();
        // The first day of the row no part holds yet.
        let mut next = rows[x].start;
        for (from, to) in parts {
            if from > next {
                break;
            }
            next = next.max(to.succ_opt().unwrap_or(NaiveDate::MAX));
        }
        if next <= rows[x].end
            && let Some(note) = notes.get_mut(&key)
        {
            note.covered = false;
        }
    }
    let parted: Vec<usize> = parts_of.keys().copied().collect();
    // A coarse row whose every day is in the finer rows it counts.
    let split = parts_of
        .into_iter()
        .filter_map(|(r, mut parts)| {
            parts.sort_unstable();
            let mut next = rows[r].start;
            for (from, to) in parts {
                if from > next {
                    break;
                }
                next = next.max(to.succ_opt().unwrap_or(NaiveDate::MAX));
            }
            (next > rows[r].end).then_some(r)
        })
        .collect();
    let covered = strip
        .into_iter()
        .map(|(r, ids)| {
            let row = &mut rows[r];
            let (covered, kept) = std::mem::take(&mut row.values)
                .into_iter()
                .partition(|(id, _)| ids.contains(id));
            row.values = Vec::into_boxed_slice(kept);
            // Its numbers are partly the coarser level's (the account's reach on its
            // day): rates over them are that level's ratios of sums.
            row.post = false;
            (r, covered)
        })
        .collect();
    Levels {
        covered,
        counted_in,
        split,
        parted,
        answered,
    }
}

/// A coarser row counting a finer one: its range (`None`: unstated), and the
/// dimensions the finer row carries that it lacks.
type CountedIn = (Option<(NaiveDate, NaiveDate)>, Gap);

/// What [`resolve_levels`] decides: per finer row, the values a coarser level counts,
/// the ranges of the coarser rows that count them (`None`: an unstated range), and
/// the coarser rows every day of which is in finer rows.
#[derive(Default)]
struct Levels {
    covered: rustc_hash::FxHashMap<usize, Vec<(MetricId, Amount)>>,
    counted_in: rustc_hash::FxHashMap<usize, Vec<CountedIn>>,
    split: Vec<usize>,
    /// The coarser rows some of whose days are in shorter finer rows.
    parted: Vec<usize>,
    /// Per coarser row whose finer rows carry dimensions it lacks, per finer table:
    /// those dimensions, and the metrics the table's rows share with it.
    answered: rustc_hash::FxHashMap<usize, Vec<(Gap, Vec<MetricId>)>>,
}

/// Rows of a file that names no account, beside an export of the same kind that
/// does (the same report downloaded once with `Account name` and once without): a
/// row whose dates and other dimensions are those of rows of one account in the
/// other files is taken as that account's row, and so the same observation as
/// theirs. Where they are rows of several accounts, which one it is cannot be told:
/// it stays apart (and counts), and a warning on its file says so. The currency
/// likewise (`dim`): a download without the currency column is in the currency of
/// the download with it whose rows it repeats. Returns the value taken per row, and
/// the warnings by file.
#[allow(clippy::too_many_arguments)]
fn assume_dimension(
    dim: Dimension,
    spans: &[Span],
    pairs: &[(usize, usize)],
    rows: &[Row],
    table_of: &[u32],
    removed: &[bool],
    interner: &crate::dataset::Interner,
    identity: impl Fn(usize) -> Key,
) -> (rustc_hash::FxHashMap<usize, Sym>, Vec<(u32, Message)>) {
    type Map<K, V> = rustc_hash::FxHashMap<K, V>;
    type Sums = Vec<(MetricId, Amount)>;
    type Lone = (Sums, Sums, Vec<(usize, Sym)>);
    let mut assumed: Map<usize, Sym> = Map::default();
    let mut warnings = Vec::new();
    if pairs.is_empty() {
        return (assumed, warnings);
    }
    // Which spans name none (true) or do (false).
    let mut side: Map<(u32, u32, Option<Sym>), bool> = Map::default();
    for &(unnamed, named) in pairs {
        for (s, is_unnamed) in [(unnamed, true), (named, false)] {
            let span = &spans[s];
            side.insert((span.table, span.kind, span.platform), is_unnamed);
        }
    }
    let side_of = |r: usize| {
        let row = &rows[r];
        side.get(&(table_of[r], row.kind, row.dims.get(Dimension::Platform)))
            .copied()
    };
    // An unnamed row's currency may be roi.toml's, which the file does not name.
    let key_without = |r: usize| {
        let mut key = identity(r);
        key.2.set(dim, None);
        key
    };
    // The values of the named rows, by their key without the dimension, with a
    // row of each.
    let mut values: Map<Key, Vec<(Sym, usize)>> = Map::default();
    for (r, row) in rows.iter().enumerate() {
        if removed[r] || side_of(r) != Some(false) {
            continue;
        }
        let Some(value) = row.dims.get(dim) else {
            continue;
        };
        let list = values.entry(key_without(r)).or_default();
        if !list.iter().any(|(v, _)| *v == value) {
            list.push((value, r));
        }
    }
    // Per file: rows that match several values, their dates, and the values.
    let mut unclear: std::collections::BTreeMap<u32, (u64, NaiveDate, NaiveDate, Vec<Sym>)> =
        std::collections::BTreeMap::new();
    // Rows with one candidate, by their file and the candidate's: the sums of
    // each side's figures, and the rows. A newer download's rows may each differ
    // (the last days revised); its file's sums are of the other's size, another
    // account's (that shares a campaign's name) are not.
    let mut lone: Map<(u32, u32), Lone> = Map::default();
    for (r, row) in rows.iter().enumerate() {
        if removed[r] || side_of(r) != Some(true) {
            continue;
        }
        let candidates = values.get(&key_without(r)).map_or(&[][..], Vec::as_slice);
        // Of several accounts' rows (a manager account's report), the one whose
        // figures the row repeats is its own: the others differ as another
        // account's do.
        let alike: Vec<Sym> = candidates
            .iter()
            .filter(|&&(_, other)| {
                candidates.len() == 1 || !unlike(&row.values, &rows[other].values)
            })
            .map(|&(v, _)| v)
            .collect();
        match alike.as_slice() {
            [] if candidates.is_empty() => {}
            [one] if candidates.len() == 1 => {
                let sums = lone
                    .entry((row.file, rows[candidates[0].1].file))
                    .or_default();
                add_values(&mut sums.0, &row.values);
                add_values(&mut sums.1, &rows[candidates[0].1].values);
                sums.2.push((r, *one));
            }
            [one] => {
                assumed.insert(r, *one);
            }
            _ => {
                let several: Vec<Sym> = candidates.iter().map(|&(v, _)| v).collect();
                let entry = unclear
                    .entry(row.file)
                    .or_insert((0, row.start, row.end, Vec::new()));
                entry.0 += u64::from(row.count);
                entry.1 = entry.1.min(row.start);
                entry.2 = entry.2.max(row.end);
                for a in several {
                    if !entry.3.contains(&a) {
                        entry.3.push(a);
                    }
                }
            }
        }
    }
    // Files some of whose rows look like another account's: no guess beyond the
    // rows matched.
    let mut doubtful: rustc_hash::FxHashSet<u32> = unclear.keys().copied().collect();
    for ((file, _), (sums, kept, lone)) in lone {
        if far_apart(&sums, &kept) {
            doubtful.insert(file);
        } else {
            assumed.extend(lone);
        }
    }
    if dim == Dimension::Currency {
        // A download is in its account's one currency: where the rows it shares
        // with another download all take one, its other days of the same series
        // (the campaign's days the other does not reach) do too, not roi.toml's.
        // Another series (a campaign the other download has not) may be another
        // account's, in another currency: it keeps its own.
        let series = |r: usize| {
            let (_, _, dims, kind, _) = key_without(r);
            (table_of[r], dims, kind)
        };
        let mut one: Map<(u32, Dims, u32), Option<Sym>> = Map::default();
        for (&r, &currency) in &assumed {
            let entry = one.entry(series(r)).or_insert(Some(currency));
            if *entry != Some(currency) {
                *entry = None;
            }
        }
        for (r, row) in rows.iter().enumerate() {
            if removed[r]
                || side_of(r) != Some(true)
                || doubtful.contains(&row.file)
                || assumed.contains_key(&r)
            {
                continue;
            }
            if let Some(&Some(currency)) = one.get(&series(r)) {
                assumed.insert(r, currency);
            }
        }
    }
    for (file, (count, from, to, list)) in unclear {
        let mut names: Vec<&str> = list.iter().map(|&a| interner.get(a)).collect();
        names.sort_unstable();
        let (key, name) = if dim == Dimension::Currency {
            ("warning.currency_unclear", "currencies")
        } else {
            ("warning.account_unclear", "accounts")
        };
        let message = crate::i18n::Message {
            key,
            args: vec![
                ("rows", count.to_string()),
                ("from", from.to_string()),
                ("to", to.to_string()),
                (name, names.join(", ")),
            ],
            dates: Vec::new(),
        };
        warnings.push((file, message.dates(&["from", "to"])));
    }
    (assumed, warnings)
}

/// How two spans' rows can be the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Conflict {
    /// One kind and level: rows with the same key are the same observation.
    Same,
    /// One family at two levels: the same numbers broken down differently.
    Levels,
}

/// A table of a file: see [`Builder::start_table`].
#[derive(Debug, Clone)]
#[allow(clippy::struct_excessive_bools)] // independent marks, each set by its reader
struct TableMark {
    file: u32,
    /// The index of its first row among the rows held (rows are pushed a table at a
    /// time, and merge only within their table).
    first_row: usize,
    label: String,
    /// Whether the table is a list of leads (a CRM's contacts, a mapping's
    /// `per_row = "leads"`): a record id is then one row of it.
    listed: bool,
    /// Whether the table is a list of records, a row per record (a `per_row`
    /// layout's or mapping's): leads, purchases, mentions.
    records: bool,
    /// Whether the table is a platform's series, a row per day: its rows stay as
    /// read, to the file's end, for [`Builder::take_back`].
    series: bool,
    /// Whether the table has no money column: its rows take no default currency.
    moneyless: bool,
}

/// Why rows were replaced, for the warning that tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Replaced {
    /// Not counted: a coarser table's row, the platform's total of their key over
    /// its days, counts them.
    Coarser,
    Range,
    /// Replaced by the same posts of a newer export of another family (the classic
    /// post export, Business Suite's content export).
    Posts,
    /// Replaced by the same days of a newer export of another family (X's by-day
    /// export before and after its 2023 change).
    Days,
    /// Replaced by a longer range that covers them, which counts in their place but
    /// in a window that holds them and not it.
    Inside,
    /// Not counted: an earlier table of the same file (by its index) holds the same
    /// rows.
    Repeat(u32),
    /// Not counted: the rows of this table (by its index) break the same totals down
    /// by other dimensions than the table counted, neither finer than the other.
    Alternative(u32),
    /// Newer, but ending after the as-of date: the rows known by then are kept.
    AfterAsOf,
    /// Replaced by the same rows of a newer export, which has no column of some of
    /// their metrics: those are kept.
    Lacking,
}

/// Rows of a file replaced for one reason by one other file's: told as a warning.
struct Note {
    rows: u64,
    from: NaiveDate,
    to: NaiveDate,
    kept_from: NaiveDate,
    kept_to: NaiveDate,
    /// Whether the rows kept cover every date of the rows replaced.
    covered: bool,
    /// The metrics replaced (levels: the others stay).
    metrics: Vec<String>,
    /// Levels: the rows replaced are over ranges, not days (a download's totals).
    ranges: bool,
    /// Levels: the dimensions the rows replaced carry and the coarser ones lack; a
    /// query on one counts these rows instead ([`Dataset::answered_by_finer`]).
    answers: u32,
}

impl Note {
    fn new(row: &Row) -> Note {
        Note {
            rows: 0,
            from: row.start,
            to: row.end,
            kept_from: row.start,
            kept_to: row.end,
            covered: true,
            metrics: Vec::new(),
            ranges: false,
            answers: 0,
        }
    }

    fn add(&mut self, row: &Row, kept_from: NaiveDate, kept_to: NaiveDate, covered: bool) {
        if self.rows == 0 {
            (self.kept_from, self.kept_to) = (kept_from, kept_to);
        }
        self.rows += u64::from(row.count);
        self.from = self.from.min(row.start);
        self.to = self.to.max(row.end);
        self.kept_from = self.kept_from.min(kept_from);
        self.kept_to = self.kept_to.max(kept_to);
        self.covered &= covered;
    }
}

/// The side a net follower change gives beside the other side alone (`Follows` 310
/// and net 217: 93 lost), as the metric of `(gained, lost)` and its value; nothing
/// beside both sides, or for a side that would fall below zero.
pub(crate) fn side_from_net(
    net: Amount,
    gained: Option<Amount>,
    lost: Option<Amount>,
    (gained_id, lost_id): (MetricId, MetricId),
) -> Option<(MetricId, Amount)> {
    match (gained, lost) {
        (Some(g), None) if g.0 >= net.0 => Some((lost_id, Amount(g.0 - net.0))),
        (None, Some(l)) => Some((gained_id, Amount(net.0.saturating_add(l.0)))),
        _ => None,
    }
}

/// Leaves out a net follower change where other rows of the same days and
/// dimensions give the gains or losses (Business Suite's `Net follows` series beside
/// its `Follows` and `Unfollows`): the net change is their difference, not counted a
/// second time. Beside one side only, it becomes the other side (`Follows` 310 and
/// `Net follows` 217 are 93 lost), so growth stays the net change (as within one
/// row, `RowValues::drop_implied_net`).
/// The files whose net rows took a platform, and that platform, come back.
fn drop_implied_nets(rows: &mut [Row]) -> Vec<(u32, Sym)> {
    type Days = (NaiveDate, NaiveDate, Dims);
    let (Some(net), Some(gained), Some(lost)) = (
        canonical_metric(crate::model::FOLLOWERS_NET),
        canonical_metric("followers_gained"),
        canonical_metric("followers_lost"),
    ) else {
        return Vec::new();
    };
    let value = |row: &Row, id: MetricId| row.values.iter().find(|(m, _)| *m == id).map(|v| v.1);
    let mut placed = Vec::new();
    if !rows.iter().any(|r| value(r, net).is_some()) {
        return placed;
    }
    // A row's own gains or losses first, as a row an export's columns give is read.
    for row in rows.iter_mut() {
        let Some(n) = value(row, net) else { continue };
        let (g, l) = (value(row, gained), value(row, lost));
        if g.is_none() && l.is_none() {
            continue;
        }
        row.edit_values(|v| {
            v.retain(|(m, _)| *m != net);
            v.extend(side_from_net(n, g, l, (gained, lost)));
        });
    }
    // Per days and dimensions: the gains and the losses other rows give; and, for a
    // net change that names no platform (a series whose title and file name name
    // none), per days and other dimensions, the platforms that give them.
    let mut flows: rustc_hash::FxHashMap<Days, (Option<i64>, Option<i64>)> =
        rustc_hash::FxHashMap::default();
    let mut platforms: rustc_hash::FxHashMap<Days, Vec<Option<Sym>>> =
        rustc_hash::FxHashMap::default();
    let unplaced = |dims: Dims| {
        let mut dims = dims;
        dims.set(Dimension::Platform, None);
        dims
    };
    for row in rows.iter().filter(|r| value(r, net).is_none()) {
        let (g, l) = (value(row, gained), value(row, lost));
        if g.is_none() && l.is_none() {
            continue;
        }
        let entry = flows.entry((row.start, row.end, row.dims)).or_default();
        if let Some(g) = g {
            entry.0 = Some(entry.0.unwrap_or(0).saturating_add(g.0));
        }
        if let Some(l) = l {
            entry.1 = Some(entry.1.unwrap_or(0).saturating_add(l.0));
        }
        let seen = platforms
            .entry((row.start, row.end, unplaced(row.dims)))
            .or_default();
        let platform = row.dims.get(Dimension::Platform);
        if !seen.contains(&platform) {
            seen.push(platform);
        }
    }
    for row in rows.iter_mut() {
        let Some(n) = value(row, net) else { continue };
        // A net change without a platform beside one platform's gains or losses of
        // the same days is that platform's.
        if row.dims.get(Dimension::Platform).is_none()
            && let Some([Some(platform)]) = platforms
                .get(&(row.start, row.end, row.dims))
                .map(Vec::as_slice)
        {
            row.dims.set(Dimension::Platform, Some(*platform));
            if !placed.contains(&(row.file, *platform)) {
                placed.push((row.file, *platform));
            }
        }
        let Some(&(g, l)) = flows.get(&(row.start, row.end, row.dims)) else {
            continue;
        };
        row.edit_values(|v| {
            v.retain(|(m, _)| *m != net);
            v.extend(side_from_net(
                n,
                g.map(Amount),
                l.map(Amount),
                (gained, lost),
            ));
        });
    }
    placed
}

/// Adds `values` (same metric ids, same order) of `rows` rows into `row`, exactly:
/// nothing changes and `false` comes back when the ids differ or a sum would
/// overflow.
fn merge_into(row: &mut Row, values: &[(MetricId, Amount)], rows: u32) -> bool {
    let Some(count) = row.count.checked_add(rows) else {
        return false;
    };
    let addable = row.values.len() == values.len()
        && row
            .values
            .iter()
            .zip(values)
            .all(|((id, have), (other, add))| id == other && have.0.checked_add(add.0).is_some());
    if !addable {
        return false;
    }
    for ((_, have), (_, add)) in row.values.iter_mut().zip(values) {
        have.0 += add.0;
    }
    row.count = count;
    true
}

/// What a row merges on within its file: dates, kind, kept dimensions, metric ids.
fn merge_hash(
    start: NaiveDate,
    end: NaiveDate,
    kind: u32,
    dims: &Dims,
    values: &[(MetricId, Amount)],
) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    (start, end, dims).hash(&mut hasher);
    hasher.write_u64(u64::from(kind) | (values.len() as u64) << 32);
    // Four metric ids to a word (see `Dims`'s hash).
    for ids in values.chunks(4) {
        let word = ids
            .iter()
            .enumerate()
            .fold(0, |word, (i, (id, _))| word | u64::from(id.0) << (16 * i));
        hasher.write_u64(word);
    }
    hasher.finish()
}

/// The interned normal forms of values as read, worked out once per distinct value.
/// A file has a few platforms and currencies, looked up on every row: a short list
/// is searched before the map, with no hashing.
#[derive(Default)]
struct Cache {
    few: Vec<(Box<str>, Sym)>,
    more: rustc_hash::FxHashMap<Box<str>, Sym>,
}

impl Cache {
    const FEW: usize = 8;

    fn get(&mut self, raw: &str, make: impl FnOnce() -> Sym) -> Sym {
        if let Some((_, sym)) = self.few.iter().find(|(v, _)| **v == *raw) {
            return *sym;
        }
        if let Some(&sym) = self.more.get(raw) {
            return sym;
        }
        let sym = make();
        if self.few.len() < Cache::FEW {
            self.few.push((raw.into(), sym));
        } else {
            self.more.insert(raw.into(), sym);
        }
        sym
    }
}

/// A custom metric's name as formulas can write it: lowercase, `_` for the rest.
pub fn metric_name(header: &str) -> String {
    let mut name: String = header
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    while name.contains("__") {
        name = name.replace("__", "_");
    }
    name.trim_matches('_').to_owned()
}

/// Whether a negative value of this metric is warned of (kept as written): counts
/// and spend cannot be negative, so one is a platform's correction or a misread
/// cell. A net change can (followers lost), and so can revenue (refunds).
pub fn must_be_non_negative(name: &str) -> bool {
    canonical_metric(name).is_some() && name != crate::model::FOLLOWERS_NET && name != "revenue"
}

/// A `2026-08-01_2026-08-31` in a name: the range YouTube Studio names a download by.
pub(crate) fn range_in_name(name: &str) -> Option<(NaiveDate, NaiveDate)> {
    range_at(name).map(|(range, _)| range)
}

/// The account a platform names a download by: YouTube Studio's folder
/// (`Content 2026-08-01_2026-08-31 Kenh ABC`), X's handle
/// (`tweet_activity_metrics_<handle>_<from>_<to>_<lang>.csv`), a LinkedIn Page
/// (`<page>_followers_<ms>.xls`). A browser's ` (1)` is no part of it.
fn account_in_name(kind: &str, path: &Path) -> Option<String> {
    if layout::family(kind).is_some_and(|(f, _)| f == "youtube-studio") {
        let absolute = std::fs::canonicalize(path).ok()?;
        let folder = absolute.parent()?.file_name()?.to_string_lossy();
        return channel_in_name(&folder).map(str::to_owned);
    }
    let name = path.file_stem()?.to_string_lossy();
    let stem = without_copy_number(name.trim());
    let account = if kind.starts_with("twitter-") {
        let rest = stem
            .strip_prefix("daily_tweet_activity_metrics_")
            .or_else(|| stem.strip_prefix("tweet_activity_metrics_"))?;
        // The handle may hold `_`: the range and language are the last three parts.
        let mut parts = rest.rsplitn(4, '_');
        let lang = parts.next()?;
        let to = parts.next()?;
        let from = parts.next()?;
        let handle = parts.next()?;
        let day = |d: &str| d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit());
        (day(from)
            && day(to)
            && !lang.is_empty()
            && lang.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-'))
        .then_some(handle)?
    } else if kind.starts_with("linkedin-") && kind != "linkedin-ads" {
        let (rest, stamp) = stem.rsplit_once('_')?;
        let (page, what) = rest.rsplit_once('_')?;
        (stamp.len() >= 10
            && stamp.bytes().all(|b| b.is_ascii_digit())
            && ["followers", "visitors", "content", "updates", "competitors"].contains(&what))
        .then_some(page)?
    } else {
        return None;
    };
    let account = account.trim();
    (!account.is_empty()).then(|| account.to_owned())
}

/// A name without the ` (1)` (or `(1)`) a browser adds to a second download of it.
fn without_copy_number(name: &str) -> &str {
    match name.strip_suffix(')').and_then(|c| c.rsplit_once('(')) {
        Some((base, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
            base.trim_end()
        }
        _ => name,
    }
}

/// The channel YouTube Studio names a download folder by, after its range
/// (`Content 2026-08-01_2026-08-31 Kenh ABC`), without the ` (1)` a browser adds to
/// a second download of the same name.
fn channel_in_name(name: &str) -> Option<&str> {
    let (_, end) = range_at(name)?;
    let channel = without_copy_number(name[end..].trim());
    (!channel.is_empty()).then_some(channel)
}

/// [`range_in_name`], with where the range ends in the name.
fn range_at(name: &str) -> Option<((NaiveDate, NaiveDate), usize)> {
    // chrono would take ` 2026-07-01` and `2026-07-3` too: ten digits and dashes only.
    let day = |text: &str| {
        let shape = text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
        (text.len() == 10 && shape)
            .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
            .flatten()
    };
    name.char_indices().find_map(|(i, _)| {
        let (from, to) = name.get(i..i + 21)?.split_once('_')?;
        let (from, to) = (day(from)?, day(to)?);
        (from <= to).then_some(((from, to), i + 21))
    })
}

/// The range two stated ranges span.
fn union(
    a: Option<(NaiveDate, NaiveDate)>,
    b: Option<(NaiveDate, NaiveDate)>,
) -> Option<(NaiveDate, NaiveDate)> {
    match (a, b) {
        (Some(a), Some(b)) => Some((a.0.min(b.0), a.1.max(b.1))),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_family_is_named_by_the_words_its_layouts_share() {
        let content = "Meta Business Suite content export";
        let series = "Meta Business Suite single-metric series";
        assert_eq!(shared_name(content, series), "Meta Business Suite");
        assert_eq!(shared_name(series, content), "Meta Business Suite");
        assert_eq!(
            shared_name("Meta Business Suite", series),
            "Meta Business Suite"
        );
        assert_eq!(shared_name(series, series), series);
        assert_eq!(shared_name("b x", "a y"), "a y");
    }

    use super::*;

    #[test]
    fn an_export_named_by_its_account_gives_the_account() {
        let account = |kind: &str, name: &str| account_in_name(kind, Path::new(name));
        let x = "twitter-tweet-activity";
        assert_eq!(
            account(
                x,
                "tweet_activity_metrics_TCORSStgOrg_20170401_20170408_en.csv"
            )
            .as_deref(),
            Some("TCORSStgOrg")
        );
        // A handle with `_`, a browser's second download, another language.
        assert_eq!(
            account(
                x,
                "dir/tweet_activity_metrics_shop_vn_20270301_20270331_vi (2).csv"
            )
            .as_deref(),
            Some("shop_vn")
        );
        assert_eq!(
            account(
                "twitter-daily-activity",
                "daily_tweet_activity_metrics_a_20270301_20270303_en.csv"
            )
            .as_deref(),
            Some("a")
        );
        // The 2015 dumps name no handle.
        assert_eq!(
            account(x, "twitter_activity_metrics_20150901_20151001.csv"),
            None
        );
        assert_eq!(
            account(x, "tweet_activity_metrics_20170401_20170408_en.csv"),
            None
        );
        assert_eq!(account(x, "my tweets.csv"), None);
        let li = "linkedin-followers";
        assert_eq!(
            account(li, "acme-corp_followers_1709251200000.xls").as_deref(),
            Some("acme-corp")
        );
        assert_eq!(
            account(
                "linkedin-content-metrics",
                "my_page_content_1709251200000 (1).xlsx"
            )
            .as_deref(),
            Some("my_page")
        );
        assert_eq!(account(li, "followers.xls"), None);
        assert_eq!(account(li, "acme_followers_2026.xls"), None);
        assert_eq!(
            account(x, "tweet_activity_metrics_shop_20170401_20170408_en(1).csv").as_deref(),
            Some("shop")
        );
        // A Facebook Page's name in a classic export's file name may differ from the
        // `Page name` its Business Suite exports write: not taken.
        assert_eq!(
            account(
                "facebook-insights-post",
                "Facebook Insights Data Export (Post Level) - USC Clinical Trials - 2017-01-19.csv"
            ),
            None
        );
        // Other exports' names say nothing of an account.
        assert_eq!(
            account(
                "meta-ads",
                "tweet_activity_metrics_x_20170401_20170408_en.csv"
            ),
            None
        );
    }

    #[test]
    fn metric_names_are_identifiers() {
        assert_eq!(metric_name("Lead Score (%)"), "lead_score");
        assert_eq!(metric_name("  trial_starts "), "trial_starts");
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 8, d).unwrap()
    }

    /// Pushes one row of `platform` and `campaign` on `date` with these values.
    fn push(b: &mut Builder, date: u32, platform: &str, campaign: &str, values: &[(&str, i64)]) {
        let mut dims = [None; Dimension::COUNT];
        dims[Dimension::Platform.index()] = Some(platform);
        dims[Dimension::Campaign.index()] = Some(campaign);
        dims[Dimension::Currency.index()] = Some("usd");
        let values: Vec<_> = values
            .iter()
            .map(|(name, v)| (b.metric(name), Amount(*v)))
            .collect();
        let line = b.dataset.files.last().map_or(0, |f| f.rows_read) + 2;
        let input = RowInput {
            start: day(date),
            end: day(date),
            dims,
            line,
            platform_column: false,
            segments: 0,
        };
        b.push(&input, &values);
    }

    fn merging_builder() -> Builder<'static> {
        let mut b = Builder::new(None).merging(Some(Keep::new([])));
        b.start_file(PathBuf::from("a.csv"), "test", None);
        b.set_kind("test", Some("test"));
        b
    }

    #[test]
    fn rows_merge_on_kept_dimensions_with_exact_sums() {
        let mut b = merging_builder();
        // Amounts in millionths: 0.1 + 0.2 is exactly 0.3 here.
        push(
            &mut b,
            1,
            "facebook",
            "a",
            &[("spend", 100_000), ("reach", 5)],
        );
        push(
            &mut b,
            1,
            "Facebook",
            "b",
            &[("spend", 200_000), ("reach", 7)],
        );
        push(
            &mut b,
            1,
            "facebook",
            "c",
            &[("spend", 300_000), ("reach", 1)],
        );
        // Another date, platform or set of metrics is another row.
        push(&mut b, 2, "facebook", "a", &[("spend", 1), ("reach", 1)]);
        push(&mut b, 1, "instagram", "a", &[("spend", 1), ("reach", 1)]);
        push(&mut b, 1, "facebook", "a", &[("reach", 1)]);
        push(&mut b, 1, "facebook", "a", &[("reach", 1), ("spend", 1)]);
        let spend = b.metric("spend");
        let reach = b.metric("reach");
        assert!(!b.overlaps_earlier_file());
        let ds = b.finish();
        assert_eq!(ds.rows.len(), 5);
        let first = &ds.rows[0];
        assert_eq!(first.count, 3);
        assert_eq!(first.line, 2, "a merged row keeps its first line");
        assert_eq!(first.value(spend), Some(Amount(600_000)));
        assert_eq!(first.value(reach), Some(Amount(13)));
        assert_eq!(first.dim(Dimension::Campaign), None, "campaign is not kept");
        assert_eq!(ds.dim_value(first, Dimension::Platform), Some("facebook"));
        assert_eq!(ds.dim_value(first, Dimension::Currency), Some("USD"));
        assert_eq!(ds.input_rows(), 7);
        assert_eq!(ds.files[0].rows_read, 7);
        let agg = ds
            .select(&crate::dataset::Filter::default())
            .aggregate(None);
        assert_eq!(agg.rows, 7);
        assert_eq!(agg.rows_per_file[&0], 7);
        assert_eq!(agg.metrics[reach.0 as usize].rows, 7);
        assert_eq!(agg.metrics[spend.0 as usize].rows, 6);
    }

    /// Pushes one row with these dimensions on `date` (an August 2026 day).
    fn push_dims(b: &mut Builder, date: u32, set: &[(Dimension, &str)], values: &[(&str, i64)]) {
        let mut dims = [None; Dimension::COUNT];
        for &(d, v) in set {
            dims[d.index()] = Some(v);
        }
        let values: Vec<_> = values
            .iter()
            .map(|(name, v)| (b.metric(name), Amount(*v)))
            .collect();
        let line = b.dataset.files.last().map_or(0, |f| f.rows_read) + 2;
        let input = RowInput {
            start: day(date),
            end: day(date),
            dims,
            line,
            platform_column: false,
            segments: 0,
        };
        b.push(&input, &values);
    }

    fn total(ds: &Dataset, metric: &str) -> i64 {
        let id = ds.metric_id(metric).unwrap();
        ds.rows
            .iter()
            .filter_map(|r| r.value(id))
            .map(|a| a.0)
            .sum()
    }

    /// A post is its id: an edited title, publish time, length or link does not make
    /// a second post. Its breakdown (a traffic source) does: rows of other sources
    /// are other numbers. Rows without an id keep every dimension as their key.
    #[test]
    fn a_content_id_is_the_identity_not_its_description() {
        use Dimension::{Campaign, ContentId, ContentType, Link, Platform, Source, Text};
        let mut b = Builder::new(None);
        b.start_file(PathBuf::from("old.csv"), "test", None);
        b.set_kind("posts", Some("posts"));
        push_dims(
            &mut b,
            1,
            &[
                (Platform, "tiktok"),
                (ContentId, "1"),
                (Text, "a"),
                (Link, "l1"),
            ],
            &[("video_views", 150)],
        );
        push_dims(
            &mut b,
            1,
            &[(Platform, "tiktok"), (ContentId, "2"), (Source, "search")],
            &[("video_views", 80)],
        );
        push_dims(
            &mut b,
            1,
            &[
                (Platform, "tiktok"),
                (Campaign, "c"),
                (ContentType, "Search"),
            ],
            &[("video_views", 7)],
        );
        // The newer export (its data reaches Aug 2).
        b.start_file(PathBuf::from("new.csv"), "test", None);
        b.set_kind("posts", Some("posts"));
        push_dims(
            &mut b,
            1,
            &[
                (Platform, "tiktok"),
                (ContentId, "1"),
                (Text, "a EDITED"),
                (Link, "l1?x"),
            ],
            &[("video_views", 160)],
        );
        push_dims(
            &mut b,
            1,
            &[(Platform, "tiktok"), (ContentId, "2"), (Source, "feed")],
            &[("video_views", 20)],
        );
        push_dims(
            &mut b,
            1,
            &[
                (Platform, "tiktok"),
                (Campaign, "c"),
                (ContentType, "Video"),
            ],
            &[("video_views", 5)],
        );
        push_dims(
            &mut b,
            2,
            &[(Platform, "tiktok"), (ContentId, "3")],
            &[("video_views", 10)],
        );
        let ds = b.finish();
        // Video 1: the newer 160 replaces 150. Video 2: search 80 and feed 20 are
        // two sources, both count. The campaign rows have no id: their dimensions as
        // read are the key, so a campaign whose type reads otherwise is not matched
        // (7 + 5). Video 3: 10. 160 + 80 + 20 + 7 + 5 + 10 = 282.
        assert_eq!(total(&ds, "video_views"), 282);
        assert_eq!(ds.files[0].rows_replaced, 1);
        assert_eq!(ds.files[1].rows_replaced, 0);
        assert_eq!(
            ds.dim_value(&ds.rows[2], Text),
            Some("a EDITED"),
            "the newer title is kept"
        );
    }

    /// A CRM contact is its id, whatever its stage, source or create date in each
    /// export; inside one export every row counts (a list of leads).
    #[test]
    fn a_record_is_its_id_whatever_its_stage_source_or_date() {
        use Dimension::{ContentId, ContentType, Source};
        let mut b = Builder::new(None);
        b.start_file(PathBuf::from("contacts-03-05.csv"), "test", None);
        b.set_kind("crm-hubspot", Some("crm-hubspot"));
        push_dims(
            &mut b,
            1,
            &[
                (ContentId, "101"),
                (ContentType, "Subscriber"),
                (Source, "Paid Social"),
            ],
            &[("leads", 1)],
        );
        push_dims(
            &mut b,
            2,
            &[(ContentId, "102"), (ContentType, "Lead")],
            &[("leads", 1)],
        );
        // Exported twice in one file: both rows count, as read.
        push_dims(
            &mut b,
            2,
            &[(ContentId, "104"), (ContentType, "Lead")],
            &[("leads", 1)],
        );
        push_dims(
            &mut b,
            2,
            &[(ContentId, "104"), (ContentType, "Lead")],
            &[("leads", 1)],
        );
        b.start_file(PathBuf::from("contacts-03-10.csv"), "test", None);
        b.set_kind("crm-hubspot", Some("crm-hubspot"));
        // 101 moved on in its lifecycle and was re-attributed; 102 was merged into an
        // older contact and took its create date (Aug 1, not 2).
        push_dims(
            &mut b,
            1,
            &[
                (ContentId, "101"),
                (ContentType, "Marketing Qualified Lead"),
                (Source, "Organic Social"),
            ],
            &[("leads", 1)],
        );
        push_dims(
            &mut b,
            1,
            &[(ContentId, "102"), (ContentType, "Lead")],
            &[("leads", 1)],
        );
        push_dims(
            &mut b,
            8,
            &[(ContentId, "103"), (ContentType, "Lead")],
            &[("leads", 1)],
        );
        let ds = b.finish();
        // The newer export's 101, 102, 103, and the older one's two rows of 104 (no
        // newer row of it): 3 + 2 = 5, not 7.
        assert_eq!(total(&ds, "leads"), 5);
        assert_eq!(ds.files[0].rows_replaced, 2);
        assert_eq!(ds.rows.len(), 5);
    }

    #[test]
    fn stock_and_duration_rows_are_never_merged() {
        let mut b = merging_builder();
        for _ in 0..2 {
            push(&mut b, 1, "facebook", "a", &[("followers", 100)]);
            push(
                &mut b,
                1,
                "facebook",
                "a",
                &[("first_reply_seconds", 60), ("messages_received", 2)],
            );
            push(
                &mut b,
                1,
                "facebook",
                "a",
                &[("likes", 1), ("followers", 5)],
            );
        }
        let ds = b.finish();
        assert_eq!(ds.rows.len(), 6);
        assert!(ds.rows.iter().all(|r| r.count == 1));
        // Kept as read: every dimension, the campaign too.
        assert!(ds.rows.iter().all(|r| r.dim(Dimension::Campaign).is_some()));
    }

    #[test]
    fn rows_merge_within_a_file_only_and_never_overflow() {
        let mut b = merging_builder();
        push(&mut b, 1, "facebook", "a", &[("likes", i64::MAX - 1)]);
        push(&mut b, 1, "facebook", "b", &[("likes", 1)]);
        // Would overflow: kept apart, and later rows merge into the new one.
        push(&mut b, 1, "facebook", "c", &[("likes", 1)]);
        push(&mut b, 1, "facebook", "d", &[("likes", 1)]);
        b.start_file(PathBuf::from("b.csv"), "test", None);
        b.set_kind("other", Some("other"));
        push(&mut b, 1, "facebook", "a", &[("likes", 1)]);
        assert!(!b.overlaps_earlier_file(), "another kind never overlaps");
        b.start_file(PathBuf::from("c.csv"), "test", None);
        b.set_kind("test", Some("test"));
        push(&mut b, 3, "facebook", "a", &[("likes", 1)]);
        assert!(!b.overlaps_earlier_file(), "other dates never overlap");
        push(&mut b, 1, "facebook", "a", &[("likes", 1)]);
        assert!(b.overlaps_earlier_file(), "same kind, overlapping dates");
        // As pushed: `finish` would now let the newer c.csv replace a.csv's rows,
        // which is why `input::load` reads again without merging in this case.
        let counts: Vec<(u32, u32, i64)> = b
            .dataset
            .rows
            .iter()
            .map(|r| (r.file, r.count, r.values[0].1.0))
            .collect();
        assert_eq!(
            counts,
            [(0, 2, i64::MAX), (0, 2, 2), (1, 1, 1), (2, 1, 1), (2, 1, 1)]
        );
    }

    #[test]
    fn counts_and_spend_are_non_negative_revenue_may_be_negative() {
        assert!(must_be_non_negative("likes"));
        assert!(must_be_non_negative("spend"));
        assert!(!must_be_non_negative("revenue"));
        assert!(!must_be_non_negative("custom_delta"));
    }

    #[test]
    fn an_id_ending_in_zeros_is_rounded_only_where_its_file_shows_it() {
        assert_eq!(rounding("1.8E+16"), Rounding::Scientific);
        assert_eq!(rounding("17912345678901200"), Rounding::Zeros);
        assert_eq!(rounding("17912345678901234"), Rounding::No);
        assert_eq!(rounding("912345678901200"), Rounding::No);
        let mut file = SourceFile::default();
        assert!(!excel_mangled("17912345678901200", &file));
        assert!(excel_mangled("1.8E+16", &file));
        file.rounding_shown = true;
        assert!(excel_mangled("17912345678901200", &file));
        file.exact_long_ids = true;
        assert!(!excel_mangled("17912345678901200", &file));
        assert!(excel_mangled("1.8E+16", &file));
    }
}
