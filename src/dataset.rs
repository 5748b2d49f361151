//! The de-duplicated rows of every input, with interned dimension values, and the
//! aggregation of a filtered window into base-metric totals.
//!
//! Aggregation is where the metric kinds of the model are honoured: flows are summed
//! exactly (integer millionths), money per currency, stocks take the last value per
//! account series, durations are weighted by their message counts, and reach is
//! summed but remembered as an upper bound.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::i18n::Message;
use crate::model::{
    Aggregation, Amount, CANONICAL_METRICS, Dimension, MESSAGES_RECEIVED, MetricId, Unit,
    canonical_metric,
};

/// An interned dimension value.
pub type Sym = u32;

/// An export family (see [`crate::input::layout::family`]): an index into
/// [`Dataset::families`], or [`Family::ANY`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Family(pub u16);

impl Family {
    /// No family of its own: rows of a list of records (a CRM's leads), and a value
    /// that belongs to the account rather than to an export's content (followers),
    /// stand for their platform as a whole, beside any family.
    pub const ANY: Family = Family(u16::MAX);

    /// Whether two families' numbers are about the same content: the same family,
    /// or one of them belongs to its platform as a whole.
    pub fn meets(self, other: Family) -> bool {
        self == other || self == Family::ANY || other == Family::ANY
    }
}

/// One export family of a dataset: its key and the name it is told by in notes (the
/// name of the first layout of it read).
#[derive(Debug, Clone)]
pub struct FamilyInfo {
    pub key: String,
    pub name: String,
}

/// A row's dimension values as interned ids, four bytes each: a large report holds
/// one row per merged key, so this is most of its memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dims([Sym; Dimension::COUNT]);

impl std::hash::Hash for Dims {
    /// Two ids to a word: every row read is hashed, and each word hashed is one
    /// more step of a chain of multiplications.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        for pair in self.0.chunks(2) {
            let high = pair.get(1).map_or(0, |&s| u64::from(s) << 32);
            state.write_u64(u64::from(pair[0]) | high);
        }
    }
}

impl Dims {
    /// No value; never an interned id (that would take 4 billion distinct values).
    const NONE: Sym = Sym::MAX;
    pub const EMPTY: Dims = Dims([Dims::NONE; Dimension::COUNT]);

    pub fn get(&self, d: Dimension) -> Option<Sym> {
        let sym = self.0[d.index()];
        (sym != Dims::NONE).then_some(sym)
    }

    pub fn set(&mut self, d: Dimension, value: Option<Sym>) {
        self.0[d.index()] = value.unwrap_or(Dims::NONE);
    }
}

/// One normalized observation.
#[derive(Debug, Clone)]
pub struct Row {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub dims: Dims,
    /// A boxed slice, not a `Vec`: 8 bytes less on every row (a large report
    /// holds one per merged key), and rows are 136 bytes, not 144. Its values
    /// rarely change once read ([`Row::edit_values`]).
    pub values: Box<[(MetricId, Amount)]>,
    pub file: u32,
    pub line: u64,
    /// Which kind of export the row came from (a layout, or roi's format with a given
    /// header): only rows of the same kind can be the same observation.
    pub kind: u32,
    /// How many input rows this row stands for: 1 as read, more when rows that
    /// differ only in dimensions the run does not need were merged (their values
    /// summed). Whatever counts rows counts this.
    pub count: u32,
    /// A post's own numbers, a content export's row with a content id or link and
    /// a post type: a rate over posts leaves out a post without its denominator.
    /// Merged only with rows of the same post whose reach and impressions are blank
    /// or 0 as its own are ([`post_denominators`]).
    pub post: bool,
    /// A stand-in ([`Dataset::finer`]): 1 + its index in [`Dataset::coarser`].
    pub coarser: u32,
    /// Every day of it is in finer rows of its export (a month beside its days): a
    /// window that cannot count it counts them, so it is not left out of that window.
    pub split: bool,
    /// Some days of it are in shorter finer rows of its export: a window across its
    /// edge counts them in its place, so it does not cut the window's countable days.
    pub parted: bool,
    /// Its finer rows carry dimensions it lacks (a day's views beside each video's):
    /// 1 + its index in [`Dataset::answered`].
    pub answered: u32,
}

// Every merged key holds a row: a field more costs a 1,000,000-row report about a
// megabyte once it passes the next multiple of 8 bytes.
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Row>() == 136);

impl Row {
    pub fn dim(&self, d: Dimension) -> Option<Sym> {
        self.dims.get(d)
    }

    pub fn value(&self, m: MetricId) -> Option<Amount> {
        self.values.iter().find(|(id, _)| *id == m).map(|(_, v)| *v)
    }

    /// Changes the row's list of values (drops or adds some).
    pub fn edit_values(&mut self, edit: impl FnOnce(&mut Vec<(MetricId, Amount)>)) {
        let mut values = std::mem::take(&mut self.values).into_vec();
        edit(&mut values);
        self.values = values.into_boxed_slice();
    }
}

/// How a finer table's dimensions differ from a coarser table's it is a level of,
/// as bits of the dimensions' indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Gap {
    /// Those the finer rows carry and the coarser ones lack.
    pub lacks: u32,
    /// Those the coarser rows carry and the finer ones lack.
    pub loses: u32,
}

impl Gap {
    /// Whether the finer rows answer a query that the coarser ones cannot: it needs
    /// a dimension they alone carry and none they lack (a query by ad and by age is
    /// answered by neither an ad report nor an age report: the coarser of the two
    /// keeps counting), or it filters on one they alone carry, which the coarser
    /// rows can never pass (`--where ad=… --by age`).
    pub fn answers(self, needs: Needs) -> bool {
        self.lacks & needs.dims != 0 && self.loses & needs.dims == 0
            || self.lacks & needs.filtered != 0
    }
}

/// The dimensions a query filters or groups by (`dims`) and those it filters by
/// (`filtered`), as bits of their indexes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Needs {
    pub dims: u32,
    pub filtered: u32,
}

/// Rows left out of a file, by reason. Nothing is dropped without being counted.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct Skipped {
    pub reason: Message,
    pub rows: u64,
    /// Line of the first such row, to look at it.
    pub first_line: u64,
}

/// How one header column was read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct ColumnMapping {
    pub header: String,
    /// `date`, a dimension, a metric (with its currency), or "not imported".
    pub target: crate::i18n::Message,
}

/// One table of a file (GA4 files hold several; workbooks one per sheet).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct TableInfo {
    /// The layout the header was recognised as.
    pub layout: String,
    /// Physical line (or sheet row) of the header.
    pub header_line: u64,
    pub columns: Vec<ColumnMapping>,
    /// Header columns no layout knows: not imported.
    pub unmapped: Vec<String>,
    /// Rows read from the table.
    pub rows: u64,
}

fn lossy_path<S: serde::Serializer>(path: &std::path::Path, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&path.to_string_lossy())
}

/// [`SourceFile::format`] of roi's own format.
pub const NATIVE_CSV: &str = "roi (CSV)";
pub const NATIVE_JSON: &str = "roi (JSON)";

/// What was read from one input file.
#[derive(Debug, Clone, Default, serde::Serialize, schemars::JsonSchema)]
#[allow(clippy::struct_excessive_bools)] // independent marks, each set by its reader
pub struct SourceFile {
    /// As given; a name that is not UTF-8 is written with `�` for its bad bytes.
    #[serde(serialize_with = "lossy_path")]
    pub path: PathBuf,
    /// Which export the file was read as.
    pub format: String,
    /// The text encoding found (`utf-8`, `utf-16le`…), or `xlsx`.
    pub encoding: String,
    /// The tables read, with their column mappings.
    pub tables: Vec<TableInfo>,
    pub rows_read: u64,
    /// Rows replaced by the same rows of a newer overlapping export.
    pub rows_replaced: u64,
    pub skipped: Vec<Skipped>,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
    pub warnings: Vec<Message>,
    /// Its rows are records, one per event (a CRM's leads): a day without any has
    /// no row, so how far the file's data reaches is told by all its rows.
    #[serde(skip)]
    #[schemars(skip)]
    pub records: bool,
    /// The range the file says its rows cover (Meta's `Reporting starts/ends` beside
    /// a `Day` breakdown, a Google Ads or GA4 range line above daily rows): a day in
    /// it without a row is a day with nothing, for every platform in the file.
    #[serde(skip)]
    #[schemars(skip)]
    pub stated: Option<(NaiveDate, NaiveDate)>,
    /// Its content ids include one of 16 digits or more with a digit past the 15th
    /// that is not zero: a spreadsheet did not round the column, so its ids ending
    /// in zeros are real ([`crate::normalize::excel_mangled`]).
    #[serde(skip)]
    #[schemars(skip)]
    pub exact_long_ids: bool,
    /// Its content ids show a spreadsheet rounded them: one is in scientific
    /// notation (`1.8E+16`), or one ending in zeros past its 15th digit is on two
    /// rows (two posts rounded to one number).
    #[serde(skip)]
    #[schemars(skip)]
    pub rounding_shown: bool,
    /// Its rows' account is the one its name gives (an X handle, a LinkedIn Page),
    /// not a column's or roi.toml's.
    #[serde(skip)]
    #[schemars(skip)]
    pub account_from_name: bool,
}

impl SourceFile {
    /// Whether it is in roi's own format (CSV or JSON), where an empty cell is no
    /// value rather than an export's zero.
    pub fn is_native(&self) -> bool {
        matches!(self.format.as_str(), NATIVE_CSV | NATIVE_JSON)
    }

    /// The days it says its rows cover, a day without a row being a day with
    /// nothing: the range it states, else a list of records' first to last day.
    pub fn covers(&self) -> Option<(NaiveDate, NaiveDate)> {
        self.stated.or(if self.records {
            self.first_date.zip(self.last_date)
        } else {
            None
        })
    }

    /// Whether it says it covers days of `window` (see [`SourceFile::covers`]).
    pub fn covers_days_of(&self, window: Window) -> bool {
        self.covers()
            .is_some_and(|(from, to)| from <= window.to && window.from <= to)
    }

    /// Whether its content ids ending in zeros past the 15th digit were rounded.
    /// Excel rounds a whole column: where it shows nowhere else, or where another
    /// long id keeps a digit there that is not zero, such ids are real.
    pub fn zeros_rounded(&self) -> bool {
        self.rounding_shown && !self.exact_long_ids
    }
}

/// A metric known to a dataset: canonical or found as a custom column.
#[derive(Debug, Clone)]
pub struct MetricInfo {
    pub name: String,
    pub aggregation: Aggregation,
    pub unit: Unit,
    /// Some of its values count records (a CRM's leads, a listening tool's
    /// mentions): a platform without any has none, rather than no data.
    pub from_records: bool,
}

#[derive(Debug, Default)]
pub struct Interner {
    values: Vec<String>,
    lower: Vec<String>,
    index: rustc_hash::FxHashMap<String, Sym>,
}

impl Interner {
    pub fn intern(&mut self, value: &str) -> Sym {
        if let Some(&sym) = self.index.get(value) {
            return sym;
        }
        // Text is kept composed (NFC): `Khuyến` typed on one system and written
        // decomposed by another is one campaign. The decomposed spelling is kept as
        // another key of the same value, so it is composed once.
        let composed = compose(value);
        if let Some(&sym) = self.index.get(composed.as_ref()) {
            self.index.insert(value.to_owned(), sym);
            return sym;
        }
        let sym = self.values.len() as Sym;
        self.lower.push(composed.to_lowercase());
        if composed != value {
            self.index.insert(value.to_owned(), sym);
        }
        self.index.insert(composed.clone().into_owned(), sym);
        self.values.push(composed.into_owned());
        sym
    }

    pub fn get(&self, sym: Sym) -> &str {
        &self.values[sym as usize]
    }

    /// Every value, in the order it was first interned (its id's order).
    pub fn values(&self) -> impl Iterator<Item = &str> {
        self.values.iter().map(String::as_str)
    }

    /// The form filters compare (composed, lowercase), worked out once per value.
    pub(crate) fn lower(&self, sym: Sym) -> &str {
        &self.lower[sym as usize]
    }
}

/// `text` composed (NFC), borrowed when it already is (all ASCII text is).
pub fn compose(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.nfc().collect())
    }
}

/// See [`Dataset::blank_zeros`].
#[derive(Debug, Default)]
pub struct BlankZeros {
    per_file: Vec<Vec<MetricId>>,
    covered: rustc_hash::FxHashMap<(u32, u64), Vec<MetricId>>,
}

impl BlankZeros {
    /// The row's values, then the zeros its export left blank.
    pub fn values(&self, row: &Row) -> Vec<(MetricId, Amount)> {
        let mut values = row.values.to_vec();
        let covered = self.covered.get(&(row.file, row.line));
        for m in self.per_file.get(row.file as usize).into_iter().flatten() {
            if row.value(*m).is_none() && !covered.is_some_and(|c| c.contains(m)) {
                values.push((*m, Amount(0)));
            }
        }
        values
    }
}

/// All rows of all inputs, after de-duplication.
#[derive(Debug)]
pub struct Dataset {
    pub rows: Vec<Row>,
    /// Values of finer rows (a post's) that a coarser level of the same export
    /// counts (the account's day): one row per post row, with its dates and
    /// dimensions and only those values. Never in a total; post-level analysis
    /// ([`Dataset::select_posts`]) adds them back to their post.
    pub covered: Vec<Row>,
    /// The same values again, of finer rows a coarser row counts over a range
    /// reaching past theirs (a month's row beside its days): a window that holds
    /// such a row and none of the coarser rows that count it (`--from`, a goal cut
    /// by its as-of date, a week) counts the finer row instead, since it cannot
    /// count the coarser one ([`Dataset::stands_in`]). In no total over all rows.
    pub finer: Vec<Row>,
    /// The ranges of the coarser rows counting each row of [`Dataset::finer`], with
    /// the dimensions (as bits of their indexes) the finer row carries and each lacks.
    pub coarser: Vec<Vec<(NaiveDate, NaiveDate, Gap)>>,
    /// Per coarser row with [`Row::answered`], per finer table: the dimensions its
    /// rows carry and the coarser row lacks, and the metrics they share. A query on
    /// such a dimension (a filter, a group) counts that table's values of those
    /// metrics instead of the row's own, which cannot answer it; the row's other
    /// metrics still count ([`Dataset::answered_by_finer`]).
    pub answered: Vec<Vec<(Gap, Vec<MetricId>)>>,
    pub files: Vec<SourceFile>,
    pub metrics: Vec<MetricInfo>,
    pub interner: Interner,
    /// Each kind of export's family, by a row's `kind`.
    pub kind_families: Vec<Family>,
    pub families: Vec<FamilyInfo>,
    /// Per platform and family, the metrics some file with rows of it gives a value (see
    /// [`Dataset::carries`]); worked out once, when first asked.
    carried: std::sync::OnceLock<Vec<(Part, Vec<u64>)>>,
    /// Per file, the metrics its rows gave a value as read, before a newer
    /// export's rows took the values of the columns it lacks from an older one's
    /// (see [`Dataset::exports`]).
    pub(crate) exported: Vec<Vec<u64>>,
    /// Files of the folders given that roi does not read (a `.zip`, a `.pdf`).
    pub not_read: Vec<PathBuf>,
}

impl Default for Dataset {
    fn default() -> Self {
        Dataset {
            rows: Vec::new(),
            covered: Vec::new(),
            finer: Vec::new(),
            coarser: Vec::new(),
            answered: Vec::new(),
            files: Vec::new(),
            metrics: CANONICAL_METRICS
                .iter()
                .map(|m| MetricInfo {
                    name: m.name.to_owned(),
                    aggregation: m.aggregation,
                    unit: m.unit,
                    from_records: false,
                })
                .collect(),
            interner: Interner::default(),
            kind_families: Vec::new(),
            families: Vec::new(),
            carried: std::sync::OnceLock::new(),
            not_read: Vec::new(),
            exported: Vec::new(),
        }
    }
}

/// An inclusive range of calendar dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct Window {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Window {
    pub fn new(from: NaiveDate, to: NaiveDate) -> Window {
        Window { from, to }
    }

    /// Days in the window, both ends included.
    pub fn days(self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    pub fn contains(self, row: &Row) -> bool {
        row.start >= self.from && row.end <= self.to
    }

    pub fn straddles(self, row: &Row) -> bool {
        !self.contains(row) && row.start <= self.to && row.end >= self.from
    }
}

/// Rows selected by dimension values; values of one dimension are alternatives,
/// dimensions are all required. Comparison ignores case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub conditions: Vec<(Dimension, Vec<String>)>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.conditions.is_empty()
    }

    /// Both filters at once.
    pub fn and(&self, other: &Filter) -> Filter {
        let mut conditions = self.conditions.clone();
        conditions.extend(other.conditions.iter().cloned());
        Filter { conditions }
    }

    /// The dimensions it asks about, as bits of their indexes.
    pub fn dims(&self) -> u32 {
        self.conditions
            .iter()
            .fold(0, |bits, (dim, _)| bits | 1 << dim.index())
    }

    fn compile(&self, interner: &Interner) -> Vec<(Dimension, Vec<Sym>)> {
        self.conditions
            .iter()
            .map(|(dim, wanted)| {
                let wanted: Vec<String> = wanted.iter().map(|w| filter_key(*dim, w)).collect();
                let syms = (0..interner.values.len() as Sym)
                    .filter(|&s| {
                        wanted
                            .iter()
                            .any(|w| filter_matches(*dim, w, interner.lower(s)))
                    })
                    .collect();
                (*dim, syms)
            })
            .collect()
    }
}

/// A filter value as rows are compared with it, lower-cased: a platform by its
/// id (aliases), a currency by its code (`VNĐ`, `đ` and `₫` are `vnd`, as the
/// rows' currencies are read), other text composed (NFC).
pub fn filter_key(dim: Dimension, value: &str) -> String {
    let text = compose(value.trim());
    match dim {
        Dimension::Platform => crate::model::normalize_platform(&text),
        Dimension::Currency => crate::model::currency_code(&text)
            .unwrap_or_else(|| text.into_owned())
            .to_lowercase(),
        _ => text.to_lowercase(),
    }
}

/// Whether a row's value, lower-cased, is one a filter's key asks for: the same
/// value, or for a page (a landing page, a post's link) written without a query
/// string, that page with any. GA4's `Landing page + query string` splits a page by
/// the `utm_` tags of the links to it, and `/new-items` means every visit to it.
pub fn filter_matches(dim: Dimension, key: &str, value: &str) -> bool {
    value == key
        || (matches!(dim, Dimension::LandingPage | Dimension::Link)
            && !key.contains('?')
            && value
                .strip_prefix(key)
                .is_some_and(|query| query.starts_with('?')))
}

/// A filter value that matches no row of the inputs (see [`Filter::unmatched`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unmatched {
    /// A platform that neither roi, the inputs nor a mapping know and that is a slip
    /// of one roi knows (`facebok`, see [`crate::model::platform_near_miss`]): an
    /// error. `hint` is the did-you-mean; `platforms` lists the platforms roi knows
    /// and those of the inputs. Another unknown name (`shopee`, which only a
    /// mapping's column may give) is a [`Unmatched::NoRow`].
    UnknownPlatform {
        value: String,
        hint: String,
        platforms: String,
    },
    /// A value no row has in its dimension (a platform roi knows that the inputs
    /// lack, a campaign's name mistyped): worth a note. `near` is the closest of
    /// the dimension's values in the inputs, if one is close enough to be meant.
    NoRow {
        dim: Dimension,
        value: String,
        near: Option<String>,
    },
}

impl Filter {
    /// Each value of the filter that matches no row of `dataset` in its dimension,
    /// in the filter's order: the check `--where` and a goal's `where` share, so a
    /// typo is not read as "no data". Values are compared as the filter compares
    /// them (platform aliases, case, composed text). No value is said to match no
    /// row when the dataset holds no rows (nothing was read), though a slip of a
    /// platform is still one. `mapped` are the platforms roi.toml's mappings fix:
    /// known, though no input has them.
    pub fn unmatched(&self, dataset: &Dataset, mapped: &[&str]) -> Vec<Unmatched> {
        if self.conditions.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (dim, wanted) in &self.conditions {
            // The dimension's values in the rows, once each.
            let mut present: Vec<Sym> = dataset
                .rows
                .iter()
                .chain(&dataset.covered)
                .filter_map(|r| r.dim(*dim))
                .collect();
            present.sort_unstable();
            present.dedup();
            let lower: Vec<&str> = present.iter().map(|&s| dataset.interner.lower(s)).collect();
            let names: Vec<&str> = present.iter().map(|&s| dataset.interner.get(s)).collect();
            // Alternatives that are one value the rows have, apart at its `|`s
            // (`FB | Conv | Tết` typed without `\|`): that value is what was meant.
            let whole = (wanted.len() > 1)
                .then(|| filter_key(*dim, &wanted.join("|")))
                .and_then(|key| {
                    lower
                        .iter()
                        .position(|l| l.contains('|') && filter_matches(*dim, &key, l))
                })
                .map(|at| names[at]);
            for value in wanted {
                let (key, shown) = (filter_key(*dim, value), value.trim().to_owned());
                if lower.iter().any(|l| filter_matches(*dim, &key, l)) {
                    continue;
                }
                let near = (*dim == Dimension::Platform)
                    .then(|| crate::model::platform_near_miss(value))
                    .flatten()
                    .filter(|_| {
                        !mapped
                            .iter()
                            .any(|m| crate::model::normalize_platform(m) == key)
                    });
                if let Some(near) = near {
                    let mut platforms: Vec<String> = crate::model::platform_ids()
                        .map(str::to_owned)
                        .chain(mapped.iter().map(|m| crate::model::normalize_platform(m)))
                        .chain(names.iter().map(|n| crate::model::normalize_platform(n)))
                        .collect();
                    platforms.sort_unstable();
                    platforms.dedup();
                    out.push(Unmatched::UnknownPlatform {
                        hint: crate::say!("error.did_you_mean", name = near),
                        value: shown,
                        platforms: platforms.join(", "),
                    });
                } else if !dataset.rows.is_empty() {
                    // Insights show content types by family (`IG reel` is a reel);
                    // rows keep the export's own words, which the filter matches.
                    let family = || {
                        let mut same: Vec<&str> = names
                            .iter()
                            .copied()
                            .filter(|n| crate::insights::category(Some(n), "") == key)
                            .collect();
                        same.sort_unstable();
                        (!same.is_empty()).then(|| same.join("`, `"))
                    };
                    out.push(Unmatched::NoRow {
                        dim: *dim,
                        near: whole
                            .or_else(|| crate::kpi::nearest(&shown, names.iter().copied()))
                            .map(str::to_owned)
                            .or_else(|| (*dim == Dimension::ContentType).then(family).flatten()),
                        value: shown,
                    });
                }
            }
        }
        out
    }
}

/// Whether a file giving one of `rows` a value of `metrics` says it covers days of
/// `window` (see [`SourceFile::covers`]): a count over them with no row is 0.
pub fn says_covered(ds: &Dataset, rows: &[&Row], metrics: &[MetricId], window: Window) -> bool {
    rows.iter().any(|row| {
        ds.files[row.file as usize].covers_days_of(window)
            && row
                .values
                .iter()
                .any(|(id, _)| metrics.contains(id) && ds.has_column(row.file, *id))
    })
}

/// How far a list of records giving `metrics` covers `window` (its last day in it),
/// when its records each have a value of every dimension `filter` selects on, so
/// that it tells none of them is selected: the latest such list's.
pub fn list_without_match(
    ds: &Dataset,
    filter: &Filter,
    metrics: &[MetricId],
    window: Window,
) -> Option<NaiveDate> {
    let mut through = None;
    for (f, file) in ds.files.iter().enumerate() {
        let f = f as u32;
        let Some((from, to)) = file.covers().filter(|_| file.records) else {
            continue;
        };
        if from > window.to || to < window.from || !metrics.iter().any(|m| ds.has_column(f, *m)) {
            continue;
        }
        // A column of its own per record: two values at least (one given to every
        // row, a lead-form export's platform, tells nothing of other platforms).
        let rows = ds.rows.iter().filter(|r| r.file == f);
        // And every record tells: a contact without a source may be the one, while
        // one whose source names no platform (`Direct Traffic`) is on none.
        let tells = filter.conditions.iter().all(|(d, _)| {
            let known = |r: &Row| {
                r.dims.get(*d).is_some()
                    || (*d == Dimension::Platform && r.dims.get(Dimension::Source).is_some())
            };
            let mut values = rows.clone().filter_map(|r| r.dims.get(*d));
            rows.clone().all(known)
                && values
                    .next()
                    .is_some_and(|first| values.any(|v| v != first))
        });
        if tells {
            through = through.max(Some(to.min(window.to)));
        }
    }
    through
}

/// The one currency of the rows that give `metrics` a value: money that is 0 over
/// days its file says it covers (a campaign that stopped, in a report through the
/// month's end) is 0 in it. `None` when a row names none, or rows name several.
pub fn currency_of(ds: &Dataset, rows: &[&Row], metrics: &[MetricId]) -> Option<String> {
    let mut found = None;
    for row in rows
        .iter()
        .filter(|r| r.values.iter().any(|(id, _)| metrics.contains(id)))
    {
        let currency = row.dim(Dimension::Currency)?;
        if found.is_some_and(|f| f != currency) {
            return None;
        }
        found = Some(currency);
    }
    found.map(|c| ds.interner.get(c).to_owned())
}

/// The files that give any of `metrics` a value in `rows`, but for the parts a rate
/// leaves out, sorted: what a side of a rate covers is what they cover, though some
/// of their rows (a post without reach) lack it.
pub fn files_giving(
    ds: &Dataset,
    rows: &[&Row],
    metrics: &[MetricId],
    left_out: &[Part],
) -> Vec<u32> {
    let mut files: Vec<u32> = rows
        .iter()
        .filter(|r| {
            // A platform left out as a whole (its follower change without its
            // followers) leaves out every export of it.
            let platform = r.dims.get(Dimension::Platform);
            !left_out
                .iter()
                .any(|(p, f)| *p == platform && (*f == Family::ANY || *f == ds.family(r)))
                && r.values.iter().any(|(id, _)| metrics.contains(id))
        })
        .map(|r| r.file)
        .collect();
    files.sort_unstable();
    files.dedup();
    files
}

/// The rows of a dataset that pass a filter, ready to aggregate over windows.
pub struct Selection<'a> {
    pub dataset: &'a Dataset,
    pub rows: Vec<&'a Row>,
    /// The dimensions the query filters or groups by, as bits of their indexes: rows
    /// of a level that lacks one leave their values to finer rows that carry it.
    pub needs: Needs,
}

impl Dataset {
    /// Whether a file with rows of `platform` in export family `family` gives
    /// `metric` a value in any of its rows: what that export measures on the
    /// platform. A file's empty cells are zeros where it has the column (Meta leaves
    /// a zero blank), while a metric no such file gives is unknown there. In roi's
    /// own format every platform shares one header and an empty cell is no value,
    /// so there a platform gives what its own rows have values for, as its export
    /// did. [`Family::ANY`] asks about every export of the platform, and a list of
    /// records speaks for every family, unless `exact` asks about `family`'s own
    /// files alone. True when the rows are not held.
    pub fn carries(
        &self,
        platform: Option<Sym>,
        family: Family,
        metric: MetricId,
        exact: bool,
    ) -> bool {
        if self.rows.is_empty() {
            return true;
        }
        let carried = self.carried.get_or_init(|| {
            let words = self.metrics.len().div_ceil(64);
            let mut per_file: Vec<(Vec<u64>, Vec<Part>)> =
                vec![(vec![0; words], Vec::new()); self.files.len()];
            // Per part of a file in roi's format, each part's own.
            let mut per_part: Vec<(Vec<u64>, Vec<Part>)> = Vec::new();
            for row in &self.rows {
                let part = (row.dims.get(Dimension::Platform), self.family(row));
                let (bits, parts) = if self.files[row.file as usize].is_native() {
                    let at = match per_part.iter().position(|(_, p)| p[0] == part) {
                        Some(at) => at,
                        None => {
                            per_part.push((vec![0; words], vec![part]));
                            per_part.len() - 1
                        }
                    };
                    &mut per_part[at]
                } else {
                    &mut per_file[row.file as usize]
                };
                for (id, _) in &row.values {
                    bits[id.0 as usize / 64] |= 1 << (id.0 % 64);
                }
                if !parts.contains(&part) {
                    parts.push(part);
                }
            }
            let mut out: Vec<(Part, Vec<u64>)> = Vec::new();
            for (bits, parts) in per_file.into_iter().chain(per_part) {
                for part in parts {
                    let at = match out.iter().position(|(q, _)| *q == part) {
                        Some(at) => at,
                        None => {
                            out.push((part, vec![0; words]));
                            out.len() - 1
                        }
                    };
                    out[at].1.iter_mut().zip(&bits).for_each(|(a, b)| *a |= b);
                }
            }
            out
        });
        carried
            .iter()
            .filter(|((p, f), _)| *p == platform && (*f == family || !exact && f.meets(family)))
            .any(|(_, bits)| {
                bits.get(metric.0 as usize / 64)
                    .is_some_and(|w| w & (1 << (metric.0 % 64)) != 0)
            })
    }

    /// Whether `file` itself has `metric`'s column: a newer download's rows keep an
    /// older one's values of a column it lacks, which say nothing of its other days.
    pub fn has_column(&self, file: u32, metric: MetricId) -> bool {
        self.exported.get(file as usize).is_none_or(|bits| {
            bits.get(metric.0 as usize / 64)
                .is_some_and(|w| w & (1 << (metric.0 % 64)) != 0)
        })
    }

    /// Whether `file` is an export of one table with `metric`'s column, so that its
    /// empty cells are zeros (Meta leaves a zero blank): some row of it has a value.
    /// Not roi's own format, where an empty cell is no value, nor a list of records,
    /// nor a file of several tables (a second table may lack the column).
    pub fn exports(&self, file: u32, metric: MetricId) -> bool {
        let Some(source) = self.files.get(file as usize) else {
            return false;
        };
        if source.is_native() || source.records || source.tables.len() > 1 {
            return false;
        }
        (file as usize) < self.exported.len() && self.has_column(file, metric)
    }

    /// What roi's own format writes for each row, where an empty cell is no value:
    /// the row's values and a 0 for each metric its export gives as an empty cell
    /// ([`Dataset::exports`]), so the output reads back as the export did. Not for a
    /// stock or a duration, whose empty cell is no reading, nor for a value a coarser
    /// level counts ([`Dataset::covered`]): it is no 0.
    pub fn blank_zeros(&self) -> BlankZeros {
        let per_file = (0..self.files.len() as u32)
            .map(|file| {
                (0..self.metrics.len() as u16)
                    .map(MetricId)
                    .filter(|m| {
                        matches!(
                            self.metric(*m).aggregation,
                            Aggregation::Flow | Aggregation::Unique
                        ) && self.exports(file, *m)
                    })
                    .collect()
            })
            .collect();
        let covered = self
            .covered
            .iter()
            .map(|r| {
                (
                    (r.file, r.line),
                    r.values.iter().map(|(id, _)| *id).collect(),
                )
            })
            .collect();
        BlankZeros { per_file, covered }
    }

    /// The export family a row comes from; [`Family::ANY`] for a list of records.
    pub fn family(&self, row: &Row) -> Family {
        self.kind_families
            .get(row.kind as usize)
            .copied()
            .unwrap_or(Family::ANY)
    }

    /// The name a family is told by; `None` for [`Family::ANY`].
    pub fn family_name(&self, family: Family) -> Option<&str> {
        self.families
            .get(usize::from(family.0))
            .map(|f| f.name.as_str())
    }

    /// The key of a family (the layout id, `google-ads`, `ga4`); `None` for
    /// [`Family::ANY`].
    pub fn family_key(&self, family: Family) -> Option<&str> {
        self.families
            .get(usize::from(family.0))
            .map(|f| f.key.as_str())
    }

    pub fn metric_id(&self, name: &str) -> Option<MetricId> {
        canonical_metric(name).or_else(|| {
            self.metrics
                .iter()
                .position(|m| m.name == name)
                .map(|i| MetricId(i as u16))
        })
    }

    pub fn metric(&self, id: MetricId) -> &MetricInfo {
        &self.metrics[id.0 as usize]
    }

    /// The metric counting the masked cells of `id` ([`crate::model::masked_metric`]),
    /// if any file masks some.
    pub fn masked_of(&self, id: MetricId) -> Option<MetricId> {
        let name = &self.metric(id).name;
        self.metrics
            .iter()
            .position(|m| {
                m.name
                    .strip_suffix("_masked")
                    .is_some_and(|base| base == name)
            })
            .map(|i| MetricId(i as u16))
    }

    pub fn dim_value(&self, row: &Row, d: Dimension) -> Option<&str> {
        row.dim(d).map(|s| self.interner.get(s))
    }

    /// Whether any row, whatever a filter keeps, lies inside `window`.
    pub fn has_rows_in(&self, window: Option<Window>) -> bool {
        window.is_some_and(|w| self.rows.iter().any(|r| w.contains(r)))
    }

    /// The rows that pass a filter, with the [`Dataset::finer`] rows that stand in
    /// for them in windows that cannot count them (counted only there).
    pub fn select(&self, filter: &Filter) -> Selection<'_> {
        self.select_from(filter, &self.finer)
    }

    /// Whether a row counts in a window as a stand-in for coarser rows, in a query
    /// on the dimensions `needs`: always for a row that is none; for one of
    /// [`Dataset::finer`], when the window holds it and none of the coarser rows
    /// that count it answers ([`Dataset::coarser_in`]). Over all the data, only when
    /// every one of them lacks a dimension the query needs and the row carries.
    pub fn stands_in(&self, row: &Row, window: Option<Window>, needs: Needs) -> bool {
        let Some(index) = row.coarser.checked_sub(1) else {
            return true;
        };
        self.coarser.get(index as usize).is_some()
            && window.is_none_or(|w| w.contains(row))
            && !self.coarser_answer(row, window, needs)
    }

    /// Whether a coarser row that counts a [`Dataset::finer`] row lies inside a window
    /// and carries every dimension of `needs` the finer row does.
    pub fn coarser_in(&self, row: &Row, w: Window, needs: Needs) -> bool {
        self.coarser_answer(row, Some(w), needs)
    }

    /// Whether a [`Dataset::finer`] row counts in some window of a query on `needs`:
    /// a coarser row counting it runs past it or lacks a dimension the query needs.
    /// One that never does is never left out of a window either.
    pub fn may_stand_in(&self, row: &Row, needs: Needs) -> bool {
        let index = row.coarser.saturating_sub(1) as usize;
        self.coarser.get(index).is_some_and(|ranges| {
            ranges
                .iter()
                .any(|&(from, to, gap)| gap.answers(needs) || from < row.start || row.end < to)
        })
    }

    fn coarser_answer(&self, row: &Row, window: Option<Window>, needs: Needs) -> bool {
        let index = row.coarser.saturating_sub(1) as usize;
        self.coarser.get(index).is_some_and(|ranges| {
            ranges.iter().any(|&(from, to, gap)| {
                !gap.answers(needs) && window.is_none_or(|w| w.from <= from && to <= w.to)
            })
        })
    }

    /// The metrics of a coarser row that its finer rows count instead in a query on
    /// the dimensions `needs`, one it lacks and they carry (`--by content_id` beside
    /// a day's totals): empty for any other row or query.
    pub fn answered_by_finer(&self, row: &Row, needs: Needs) -> Vec<MetricId> {
        let mut out = Vec::new();
        let tables = row
            .answered
            .checked_sub(1)
            .and_then(|i| self.answered.get(i as usize));
        for (_, metrics) in tables
            .into_iter()
            .flatten()
            .filter(|(gap, _)| gap.answers(needs))
        {
            for id in metrics {
                if !out.contains(id) {
                    out.push(*id);
                }
            }
        }
        out
    }

    /// The rows that pass a filter and the [`Dataset::covered`] values of their
    /// posts: each post's full numbers, for post-level analysis only. A total over
    /// it would count the covered values twice.
    pub fn select_posts(&self, filter: &Filter) -> Selection<'_> {
        self.select_from(filter, &self.covered)
    }

    fn select_from<'a>(&'a self, filter: &Filter, covered: &'a [Row]) -> Selection<'a> {
        let compiled = filter.compile(&self.interner);
        let rows = self
            .rows
            .iter()
            .chain(covered)
            .filter(|row| {
                compiled
                    .iter()
                    .all(|(dim, syms)| row.dim(*dim).is_some_and(|s| syms.contains(&s)))
            })
            .collect();
        Selection {
            dataset: self,
            rows,
            needs: Needs {
                dims: filter.dims(),
                filtered: filter.dims(),
            },
        }
    }

    /// Input rows the dataset stands for (merged rows count as many as they hold).
    pub fn input_rows(&self) -> u64 {
        self.rows.iter().map(|r| u64::from(r.count)).sum()
    }

    /// First and last date any row covers.
    pub fn date_range(&self) -> Option<Window> {
        let from = self.rows.iter().map(|r| r.start).min()?;
        let to = self.rows.iter().map(|r| r.end).max()?;
        Some(Window::new(from, to))
    }
}

impl Selection<'_> {
    /// Last date the selected rows cover.
    pub fn data_through(&self) -> Option<NaiveDate> {
        self.rows.iter().map(|r| r.end).max()
    }

    pub fn date_range(&self) -> Option<Window> {
        let from = self.rows.iter().map(|r| r.start).min()?;
        Some(Window::new(from, self.data_through()?))
    }

    /// Totals of every base metric over the window (all rows when `None`).
    pub fn aggregate(&self, window: Option<Window>) -> Aggregate {
        let mut totals = Totals::new(self.dataset, window, self.needs);
        for row in &self.rows {
            totals.add(row);
        }
        totals.finish()
    }
}

/// Totals of every base metric over a window, added up row by row: many selections'
/// totals can then be added up in one pass over their rows, in memory order.
pub struct Totals<'d> {
    dataset: &'d Dataset,
    agg: Aggregate,
    messages: Option<MetricId>,
    // Sums and row counts go through a running total per metric (and one per file)
    // that only reaches the map when its key changes: rows come in runs of one file
    // and one currency.
    // Sums run per platform and export family too (the slot in the metric's
    // `platforms`), so a rate can leave out a platform's export without its
    // denominator; `slot` is the last one each metric used, checked before any search.
    running: Vec<Option<(usize, MoneyKey, i128)>>,
    slot: Vec<usize>,
    file_rows: Option<(u32, u64)>,
    /// The dimensions the query needs ([`Selection::needs`]).
    needs: Needs,
    /// The follower flows, summed per account too (see [`MetricTotal::by_account`]).
    by_account: Vec<bool>,
}

/// The flows follower growth is told by where an account has no count before the
/// window: gains, losses and net changes.
pub const FOLLOWER_FLOWS: [&str; 3] = ["followers_gained", "followers_lost", "followers_net"];

impl<'d> Totals<'d> {
    pub fn new(dataset: &'d Dataset, window: Option<Window>, needs: Needs) -> Totals<'d> {
        Totals {
            dataset,
            agg: Aggregate {
                window,
                metrics: vec![MetricTotal::default(); dataset.metrics.len()],
                ..Aggregate::default()
            },
            messages: dataset.metric_id(MESSAGES_RECEIVED),
            running: vec![None; dataset.metrics.len()],
            slot: vec![0; dataset.metrics.len()],
            file_rows: None,
            needs,
            // By id, not by name: insights make a `Totals` per post.
            by_account: {
                let mut flows = vec![false; dataset.metrics.len()];
                for id in FOLLOWER_FLOWS.iter().filter_map(|n| dataset.metric_id(n)) {
                    if let Some(flag) = flows.get_mut(id.0 as usize) {
                        *flag = true;
                    }
                }
                flows
            },
        }
    }

    pub fn add(&mut self, row: &Row) {
        let window = self.agg.window;
        let series_key = |row: &Row| {
            (
                row.dim(Dimension::Platform),
                row.dim(Dimension::Account),
                row.dim(Dimension::ContentId),
            )
        };
        let count = u64::from(row.count);
        // A finer row's stand-in whose row counts its other values (`count` 0: that
        // row is the one counted among rows) still gives its own values: a metric's
        // rows with a value count it, or its sums would read as no value.
        let valued = if count == 0 && row.coarser != 0 {
            1
        } else {
            count
        };
        if row.coarser != 0 {
            // A stand-in across the window's edge is left out of it, as the row it
            // stands in for would be.
            if let Some(w) = window.filter(|w| w.straddles(row))
                && self.dataset.may_stand_in(row, self.needs)
                && !self.dataset.coarser_in(row, w, self.needs)
            {
                self.agg.straddling_rows += count;
            }
            if !self.dataset.stands_in(row, window, self.needs) {
                return;
            }
        }
        // Finer rows count these values in this query: never both levels.
        let answered = self.dataset.answered_by_finer(row, self.needs);
        if !answered.is_empty() && row.values.iter().all(|(id, _)| answered.contains(id)) {
            return;
        }
        for id in &answered {
            if let Some(total) = self.agg.metrics.get_mut(id.0 as usize) {
                total.left_to_finer = true;
            }
        }
        let in_window = window.is_none_or(|w| w.contains(row));
        let before = window.is_some_and(|w| row.end < w.from);
        if !in_window {
            // A row whose days are all in finer rows counted instead is not left out.
            if window.is_some_and(|w| w.straddles(row)) && !row.split {
                self.agg.straddling_rows += count;
            }
            if !before {
                return;
            }
        }
        if in_window {
            self.agg.rows += count;
            match &mut self.file_rows {
                Some((file, rows)) if *file == row.file => *rows += count,
                other => {
                    if let Some((file, rows)) = other.replace((row.file, count)) {
                        *self.agg.rows_per_file.entry(file).or_default() += rows;
                    }
                }
            }
            self.agg.first = Some(self.agg.first.map_or(row.start, |f| f.min(row.start)));
            self.agg.last = self.agg.last.max(Some(row.end));
        }
        let currency = row.dim(Dimension::Currency);
        let platform = row.dim(Dimension::Platform);
        let family = self.dataset.family(row);
        // A post's values are kept apart by the metrics it has no value for, so a
        // rate can leave out the posts without its denominator. A list of records
        // holds no posts of ours, whatever ids its rows carry.
        let lacks = if row.post
            && self
                .dataset
                .files
                .get(row.file as usize)
                .is_none_or(|f| !f.records)
        {
            lacked_denominators(&row.values)
        } else {
            0
        };
        for &(id, value) in row.values.iter().filter(|(id, _)| !answered.contains(id)) {
            let info = &self.dataset.metrics[id.0 as usize];
            let total = &mut self.agg.metrics[id.0 as usize];
            let slot = if in_window {
                // Metrics of the account rather than of an export's content (stocks,
                // the follower flows) are the platform's as a whole.
                let account_level =
                    info.aggregation == Aggregation::Stock || self.by_account[id.0 as usize];
                let (family, lacks) = if account_level {
                    (Family::ANY, 0)
                } else {
                    (family, lacks)
                };
                platform_slot(
                    &mut total.platforms,
                    &mut self.slot[id.0 as usize],
                    (platform, family),
                    lacks,
                )
            } else {
                0
            };
            match info.aggregation {
                Aggregation::Stock => {
                    let readings = if in_window {
                        &mut total.last
                    } else {
                        &mut total.before
                    };
                    let entry = readings.entry(series_key(row)).or_insert((row.end, value));
                    if row.end >= entry.0 {
                        *entry = (row.end, value);
                    }
                    if in_window {
                        total.platforms[slot].rows += valued;
                    }
                }
                _ if !in_window => {}
                Aggregation::Duration => {
                    // A row without a message count weighs as one message.
                    let weight = self
                        .messages
                        .and_then(|m| row.value(m))
                        .map_or(i128::from(Amount::SCALE), |w| i128::from(w.0));
                    let part = &mut total.platforms[slot];
                    part.weighted += i128::from(value.0) * weight;
                    part.weight += weight;
                    part.rows += valued;
                }
                Aggregation::Flow | Aggregation::Unique => {
                    if self.by_account[id.0 as usize] {
                        let account = (platform, row.dim(Dimension::Account));
                        let entry = total.by_account.entry(account).or_insert((0, row.end));
                        entry.0 += i128::from(value.0);
                        entry.1 = entry.1.max(row.end);
                    }
                    // Money without a currency is only known to be in its own
                    // file's currency: unknown currencies of two files never add.
                    let key = if info.unit == Unit::Money {
                        (currency, currency.is_none().then_some(row.file))
                    } else {
                        (None, None)
                    };
                    match &mut self.running[id.0 as usize] {
                        Some((s, k, sum)) if *s == slot && *k == key => {
                            *sum += i128::from(value.0);
                        }
                        other => {
                            if let Some((s, k, sum)) =
                                other.replace((slot, key, i128::from(value.0)))
                            {
                                *total.platforms[s].sums.entry(k).or_default() += sum;
                            }
                        }
                    }
                    total.platforms[slot].rows += valued;
                }
            }
        }
    }

    pub fn finish(mut self) -> Aggregate {
        for (total, run) in self.agg.metrics.iter_mut().zip(self.running) {
            if let Some((slot, key, sum)) = run {
                *total.platforms[slot].sums.entry(key).or_default() += sum;
            }
            // The metric's totals are its platforms' totals added up; one platform's
            // are moved, not copied (a group of one platform is the common case).
            if let [part] = total.platforms.as_mut_slice() {
                total.rows = part.rows;
                total.sums = std::mem::take(&mut part.sums);
                total.weighted = part.weighted;
                total.weight = part.weight;
            } else {
                let parts = std::mem::take(&mut total.platforms);
                for part in &parts {
                    total.add_part(part);
                }
                total.platforms = parts;
            }
            // A stock's value over a window is its last reading at or before the
            // window's end: a series not read inside the window keeps the value it
            // had before it (and so grows by 0), rather than dropping out of the sum.
            // Done here, once per series, not per row.
            for (series, reading) in &total.before {
                total.last.entry(*series).or_insert(*reading);
            }
        }
        if let Some((file, rows)) = self.file_rows {
            *self.agg.rows_per_file.entry(file).or_default() += rows;
        }
        self.agg
    }
}

/// Totals of one metric over a window.
#[derive(Debug, Clone, Default)]
pub struct MetricTotal {
    /// Rows in the window that had a value (input rows: a merged row counts as many).
    pub rows: u64,
    /// Some row's value was left to finer rows the query counts instead: its
    /// export's blank is then no 0, whatever the row's other metrics.
    pub left_to_finer: bool,
    /// Flow sums in millionths, by currency for money (`None` otherwise or unknown).
    pub sums: BTreeMap<MoneyKey, i128>,
    /// Stock: last value at or before the window's end per series (platform, account,
    /// content): read in the window, or else the last reading before it.
    pub last: BTreeMap<SeriesKey, (NaiveDate, Amount)>,
    /// Stock: last value before the window per series.
    pub before: BTreeMap<SeriesKey, (NaiveDate, Amount)>,
    /// A follower flow's sums per account (platform and account) in the window, and
    /// the last day of a row with one: follower growth is taken per account, by its
    /// flows on days its counts do not bound.
    pub by_account: BTreeMap<(Option<Sym>, Option<Sym>), (i128, NaiveDate)>,
    /// Duration: Σ value × weight and Σ weight, both in millionths.
    pub weighted: i128,
    pub weight: i128,
    /// Each platform's part of the totals above per export family (rows without a
    /// platform are one more), for the parts whose rows in the window had a value: a
    /// rate leaves out a platform's export that has its numerator but none of its
    /// denominator. With one part it holds no sums: they are the totals above. Stocks
    /// keep their readings in `last` and `before`, whose series keys name the
    /// platform; their parts, and the follower flows', are of [`Family::ANY`].
    pub platforms: Vec<PlatformTotal>,
}

/// One platform's part of a metric's totals over a window, from one export family.
#[derive(Debug, Clone, Default)]
pub struct PlatformTotal {
    pub platform: Option<Sym>,
    pub family: Family,
    /// For posts' values, the metrics (by id, below 64) the posts have no value or
    /// 0 for; 0 for every other row's.
    pub lacks: u64,
    pub rows: u64,
    pub sums: BTreeMap<MoneyKey, i128>,
    pub weighted: i128,
    pub weight: i128,
}

/// The index of the part of `platform` and family among `parts`, added when new;
/// `last` is the one found last time, tried first (rows come in runs of one
/// platform and one export).
fn platform_slot(
    parts: &mut Vec<PlatformTotal>,
    last: &mut usize,
    (platform, family): (Option<Sym>, Family),
    lacks: u64,
) -> usize {
    let is = |p: &PlatformTotal| p.platform == platform && p.family == family && p.lacks == lacks;
    if parts.get(*last).is_some_and(is) {
        return *last;
    }
    *last = match parts.iter().position(is) {
        Some(i) => i,
        None => {
            parts.push(PlatformTotal {
                platform,
                family,
                lacks,
                ..PlatformTotal::default()
            });
            parts.len() - 1
        }
    };
    *last
}

impl MetricTotal {
    fn add_part(&mut self, part: &PlatformTotal) {
        self.rows += part.rows;
        for (key, sum) in &part.sums {
            *self.sums.entry(*key).or_default() += sum;
        }
        self.weighted += part.weighted;
        self.weight += part.weight;
    }

    /// The parts (platform and export family) with a value: for a stock, the
    /// platforms with a reading at or before the window's end, as a whole;
    /// otherwise the parts with rows in the window.
    pub fn parts_with_value(&self, aggregation: Aggregation) -> Vec<Part> {
        if aggregation == Aggregation::Stock {
            let mut out: Vec<Part> = self.last.keys().map(|k| (k.0, Family::ANY)).collect();
            out.dedup();
            out
        } else {
            // Posts lacking different metrics are apart in `platforms`, one part.
            let mut out: Vec<Part> = Vec::new();
            for p in &self.platforms {
                if !out.contains(&(p.platform, p.family)) {
                    out.push((p.platform, p.family));
                }
            }
            out
        }
    }

    /// The totals of the parts `keep` accepts (with what their posts lack).
    fn restricted(&self, keep: &dyn Fn(Part, u64) -> bool) -> MetricTotal {
        let mut out = MetricTotal {
            last: self
                .last
                .iter()
                .filter(|(k, _)| keep((k.0, Family::ANY), 0))
                .map(|(k, v)| (*k, *v))
                .collect(),
            before: self
                .before
                .iter()
                .filter(|(k, _)| keep((k.0, Family::ANY), 0))
                .map(|(k, v)| (*k, *v))
                .collect(),
            by_account: self
                .by_account
                .iter()
                .filter(|(k, _)| keep((k.0, Family::ANY), 0))
                .map(|(k, v)| (*k, *v))
                .collect(),
            ..MetricTotal::default()
        };
        if let [part] = self.platforms.as_slice() {
            if keep((part.platform, part.family), part.lacks) {
                out.rows = self.rows;
                out.sums.clone_from(&self.sums);
                out.weighted = self.weighted;
                out.weight = self.weight;
                out.platforms.push(part.clone());
            }
            return out;
        }
        for part in self
            .platforms
            .iter()
            .filter(|p| keep((p.platform, p.family), p.lacks))
        {
            out.add_part(part);
            out.platforms.push(part.clone());
        }
        out
    }
}

pub type SeriesKey = (Option<Sym>, Option<Sym>, Option<Sym>);

/// A platform's part of a total from one export family.
pub type Part = (Option<Sym>, Family);

/// The metrics a post may lack for a rate to leave it out (a reel without reach,
/// a post without impressions, a photo without video views), as bits by id: every
/// canonical count a rate, built in or a formula of roi.toml, may divide by. Posts
/// are kept apart by these alone, so that posts merge and add up as other rows do
/// whatever else is 0.
pub(crate) fn post_denominators() -> u64 {
    static MASK: std::sync::LazyLock<u64> = std::sync::LazyLock::new(|| {
        crate::model::CANONICAL_METRICS
            .iter()
            .enumerate()
            .filter(|(i, m)| {
                *i < 64
                    && m.unit == crate::model::Unit::Count
                    && matches!(m.aggregation, Aggregation::Flow | Aggregation::Unique)
            })
            .fold(0, |mask, (i, _)| mask | 1 << i)
    });
    *MASK
}

/// Which of [`post_denominators`] a post's values have no value or 0 for, as bits.
pub(crate) fn lacked_denominators(values: &[(MetricId, crate::model::Amount)]) -> u64 {
    !values
        .iter()
        .filter(|(id, v)| v.0 != 0 && id.0 < 64)
        .fold(0u64, |have, (id, _)| have | 1 << id.0)
        & post_denominators()
}

/// Posts a rate leaves out, per part: how many, and which of its numerator's
/// metrics they have.
pub type PostsLeftOut = Vec<(Part, u64, Vec<MetricId>)>;

/// The currency a sum is in: a currency code, or for money without one the file it
/// came from (its currency is unknown, so it is its own).
pub type MoneyKey = (Option<Sym>, Option<u32>);

/// Base-metric totals over one window of one selection.
#[derive(Debug, Clone, Default)]
pub struct Aggregate {
    pub window: Option<Window>,
    pub metrics: Vec<MetricTotal>,
    /// Rows inside the window.
    pub rows: u64,
    pub rows_per_file: BTreeMap<u32, u64>,
    /// Rows covering dates partly inside the window: left out, since splitting them
    /// would invent a daily distribution the export does not give.
    pub straddling_rows: u64,
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
    /// Some parts' rows were taken out of the totals (a rate's platform without its
    /// denominator), though `rows_per_file` still counts them.
    pub trimmed: bool,
}

impl Aggregate {
    /// Whether a row in the window has masked cells of `id` (see
    /// [`Dataset::masked_of`]): its sum lacks them.
    pub fn masks(&self, dataset: &Dataset, id: MetricId) -> bool {
        // A count of them, not a row with the column: roi's format writes 0 on
        // the rows without.
        dataset.masked_of(id).is_some_and(|m| {
            self.metrics
                .get(m.0 as usize)
                .is_some_and(|t| t.sums.values().any(|v| *v != 0))
        })
    }

    /// Whether a row in the window has a value of one of `metrics`.
    pub fn gives(&self, metrics: &[MetricId]) -> bool {
        metrics
            .iter()
            .any(|id| self.metrics.get(id.0 as usize).is_some_and(|m| m.rows > 0))
    }

    /// The same totals without the rows of the `left_out` parts (a platform's
    /// export): what a rate is computed from when a platform's export has its
    /// numerator but none of its denominator. Row counts and dates stay those of the
    /// whole selection.
    pub fn without_parts(&self, left_out: &[Part]) -> Aggregate {
        let keep = |p: Part, _| !left_out.contains(&p);
        self.restricted(&keep)
    }

    /// The same totals without the posts that have no value, or 0, for any of
    /// `lacking` (a rate's denominator, `reach`), and the posts left out per part
    /// (those with a value of one of `counted`, the numerator's metrics, and which
    /// of them they have): a post without reach has no share in an engagement rate,
    /// or its engagements would be divided by the other posts' reach. `None` when no
    /// such post has a value of `counted`, when nothing else has a value of
    /// `lacking` other than 0 (the rate has none either way), or when a metric of
    /// `lacking` has no bit in [`PlatformTotal::lacks`].
    pub fn without_posts_lacking(
        &self,
        lacking: &[MetricId],
        counted: &[MetricId],
    ) -> Option<(Aggregate, PostsLeftOut)> {
        let mut mask = 0u64;
        for id in lacking {
            mask |= 1u64.checked_shl(u32::from(id.0)).filter(|_| id.0 < 64)?;
        }
        let left_out = |lacks: u64| lacks & mask == mask;
        // Per part and what its posts lack; a post counts once, whichever of the
        // numerator's metrics it has.
        let mut posts: Vec<(Part, u64, u64, Vec<MetricId>)> = Vec::new();
        for id in counted {
            let parts = &self.metrics[id.0 as usize].platforms;
            for p in parts.iter().filter(|p| left_out(p.lacks) && p.rows > 0) {
                let part = (p.platform, p.family);
                match posts
                    .iter_mut()
                    .find(|(q, l, ..)| *q == part && *l == p.lacks)
                {
                    Some((_, _, n, has)) => {
                        *n = (*n).max(p.rows);
                        has.push(*id);
                    }
                    None => posts.push((part, p.lacks, p.rows, vec![*id])),
                }
            }
        }
        let nonzero = |sums: &BTreeMap<MoneyKey, i128>| sums.values().any(|s| *s != 0);
        let rated = lacking.iter().any(|id| {
            let m = &self.metrics[id.0 as usize];
            match m.platforms.as_slice() {
                // One part's sums are the metric's.
                [p] => !left_out(p.lacks) && nonzero(&m.sums),
                parts => parts.iter().any(|p| !left_out(p.lacks) && nonzero(&p.sums)),
            }
        });
        if posts.is_empty() || !rated {
            return None;
        }
        let mut per_part: PostsLeftOut = Vec::new();
        for (part, _, n, has) in posts {
            match per_part.iter_mut().find(|(q, ..)| *q == part) {
                Some((_, total, all)) => {
                    *total += n;
                    for id in has {
                        if !all.contains(&id) {
                            all.push(id);
                        }
                    }
                }
                None => per_part.push((part, n, has)),
            }
        }
        Some((self.restricted(&|_, lacks| !left_out(lacks)), per_part))
    }

    /// Whether a stock has a reading before the window: its value there is carried.
    pub fn carries_stock(&self) -> bool {
        self.metrics.iter().any(|m| !m.before.is_empty())
    }

    fn restricted(&self, keep: &dyn Fn(Part, u64) -> bool) -> Aggregate {
        Aggregate {
            metrics: self.metrics.iter().map(|m| m.restricted(keep)).collect(),
            window: self.window,
            rows: self.rows,
            rows_per_file: self.rows_per_file.clone(),
            straddling_rows: self.straddling_rows,
            first: self.first,
            last: self.last,
            trimmed: true,
        }
    }

    /// The same totals with each platform's flows, and a stock's change since its
    /// reading before the window, times that platform's `factor`: every base metric
    /// run on at its own platform's rate, for a KPI's formula to combine as it does
    /// the totals. A sum of flows extrapolates and platforms add; a KPI's value per
    /// platform does neither (revenue − spend has none on a platform without revenue).
    /// Row counts, dates, currencies and which series have a reading before stay as
    /// they are, so a growth is taken the same way as over the totals.
    pub fn scaled(&self, factor: &dyn Fn(Option<Sym>) -> f64) -> Aggregate {
        // Sums are in millionths: rounding moves a forecast by under 1e-6 per sum.
        let times = |v: i128, f: f64| (v as f64 * f).round() as i128;
        let mut out = self.clone();
        for total in &mut out.metrics {
            if let [part] = total.platforms.as_slice() {
                // One platform's sums are the totals (its part holds none).
                let f = factor(part.platform);
                total.sums.values_mut().for_each(|s| *s = times(*s, f));
            } else {
                total.sums.clear();
                for part in &mut total.platforms {
                    let f = factor(part.platform);
                    for (key, sum) in &mut part.sums {
                        *sum = times(*sum, f);
                        *total.sums.entry(*key).or_default() += *sum;
                    }
                }
            }
            for (account, (sum, _)) in &mut total.by_account {
                *sum = times(*sum, factor(account.0));
            }
            for (series, (_, reading)) in &mut total.last {
                if let Some((_, before)) = total.before.get(series) {
                    let change = i128::from(reading.0 - before.0);
                    reading.0 = before.0 + times(change, factor(series.0)) as i64;
                }
            }
        }
        out
    }
}
