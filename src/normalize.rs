//! Turns rows read from files into the dataset: interns dimension values, applies
//! platform aliases and the default currency, registers custom metrics, and removes
//! the overlap between exports so no observation is counted twice.
//!
//! Overlap: two files that both hold a row with the same dates and dimensions (a
//! user who downloads "last 28 days" every week) describe the same observation. For
//! each such key only the rows of the newest export are kept: the file whose data
//! reaches the latest date, then the later modification time, then the later input.
//! Within one file, rows with equal keys are all kept (a CRM export has one row per
//! lead), which is why this works per file rather than per row.

use std::path::PathBuf;
use std::time::SystemTime;

use chrono::NaiveDate;

use crate::dataset::{Dataset, MetricInfo, Row, Skipped, SourceFile, Sym};
use crate::i18n::Message;
use crate::model::{
    Aggregation, Amount, Dimension, MetricId, Unit, canonical_metric, normalize_platform,
};

/// Dimensions and dates of a row, as read.
pub struct RowInput<'a> {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub dims: [Option<&'a str>; Dimension::COUNT],
    pub line: u64,
}

pub struct Builder {
    dataset: Dataset,
    /// Kinds of export seen, and the one rows are pushed with now.
    kinds: Vec<String>,
    kind: u32,
    /// Metrics the current file's earlier tables provided.
    file_metrics: Vec<String>,
    default_currency: Option<String>,
    modified: Vec<Option<SystemTime>>,
}

type Key = (NaiveDate, NaiveDate, [Option<Sym>; Dimension::COUNT], u32);

impl Builder {
    pub fn new(default_currency: Option<String>) -> Builder {
        Builder {
            dataset: Dataset::default(),
            kinds: Vec::new(),
            kind: 0,
            file_metrics: Vec::new(),
            default_currency,
            modified: Vec::new(),
        }
    }

    /// Registers a file; rows pushed after this belong to it.
    pub fn start_file(&mut self, path: PathBuf, format: &str, modified: Option<SystemTime>) {
        self.dataset.files.push(SourceFile {
            path,
            format: format.to_owned(),
            encoding: String::new(),
            tables: Vec::new(),
            rows_read: 0,
            rows_replaced: 0,
            skipped: Vec::new(),
            first_date: None,
            last_date: None,
            warnings: Vec::new(),
        });
        self.modified.push(modified);
        self.file_metrics.clear();
    }

    /// The kind of export the next rows come from: a layout id, or roi's format with
    /// its header. Overlap is only looked for between rows of the same kind, so a
    /// TikTok overview and a TikTok follower history of the same day both count.
    pub fn set_kind(&mut self, kind: &str) {
        self.kind = match self.kinds.iter().position(|k| k == kind) {
            Some(i) => i as u32,
            None => {
                self.kinds.push(kind.to_owned());
                (self.kinds.len() - 1) as u32
            }
        };
    }

    /// Whether an earlier table of the current file already provided this metric.
    pub fn metric_taken(&self, name: &str) -> bool {
        self.file_metrics.iter().any(|m| m == name)
    }

    /// Records the metrics a table of the current file provided.
    pub fn take_metrics(&mut self, names: impl IntoIterator<Item = String>) {
        self.file_metrics.extend(names);
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

    /// A counted warning: rows that were kept but deserve a look. The catalogue text
    /// of `what` takes `rows` (how many) and `line` (the first one) as well.
    pub fn warn_row(&mut self, what: Message, line: u64) {
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
            });
        }
    }

    pub fn warn(&mut self, warning: Message) {
        self.current_file().warnings.push(warning);
    }

    /// Counts a row left out, by reason.
    pub fn skip(&mut self, reason: Message, line: u64) {
        let file = self.current_file();
        if let Some(s) = file.skipped.iter_mut().find(|s| s.reason == reason) {
            s.rows += 1;
        } else {
            file.skipped.push(Skipped {
                reason,
                rows: 1,
                first_line: line,
            });
        }
    }

    pub fn push(&mut self, input: &RowInput<'_>, values: Vec<(MetricId, Amount)>) {
        let mut dims = [None; Dimension::COUNT];
        for d in Dimension::ALL {
            let value = input.dims[d.index()]
                .map(str::trim)
                .filter(|v| !v.is_empty());
            dims[d.index()] = match (d, value) {
                (Dimension::Platform, Some(v)) => {
                    Some(self.dataset.interner.intern(&normalize_platform(v)))
                }
                (Dimension::Currency, Some(v)) => {
                    Some(self.dataset.interner.intern(&v.to_uppercase()))
                }
                (Dimension::Currency, None) => self
                    .default_currency
                    .clone()
                    .map(|c| self.dataset.interner.intern(&c)),
                (_, Some(v)) => Some(self.dataset.interner.intern(v)),
                (_, None) => None,
            };
        }
        let file = (self.dataset.files.len() - 1) as u32;
        let source = self.current_file();
        source.rows_read += 1;
        source.first_date = Some(
            source
                .first_date
                .map_or(input.start, |d| d.min(input.start)),
        );
        source.last_date = Some(source.last_date.map_or(input.end, |d| d.max(input.end)));
        self.dataset.rows.push(Row {
            start: input.start,
            end: input.end,
            dims,
            values,
            file,
            line: input.line,
            kind: self.kind,
        });
    }

    /// Finishes the dataset, keeping only the newest export's rows for each key.
    pub fn finish(mut self) -> Dataset {
        let rank = |file: u32, ds: &Dataset, modified: &[Option<SystemTime>]| {
            (
                ds.files[file as usize].last_date,
                modified[file as usize],
                file,
            )
        };
        // Keys are dates and interned ids: a fast non-cryptographic hash is enough.
        let mut owner: rustc_hash::FxHashMap<Key, u32> = rustc_hash::FxHashMap::default();
        for row in &self.dataset.rows {
            let key = (row.start, row.end, row.dims, row.kind);
            owner
                .entry(key)
                .and_modify(|best| {
                    if rank(row.file, &self.dataset, &self.modified)
                        > rank(*best, &self.dataset, &self.modified)
                    {
                        *best = row.file;
                    }
                })
                .or_insert(row.file);
        }
        let rows = std::mem::take(&mut self.dataset.rows);
        let mut kept = Vec::with_capacity(rows.len());
        for row in rows {
            if owner[&(row.start, row.end, row.dims, row.kind)] == row.file {
                kept.push(row);
            } else {
                self.dataset.files[row.file as usize].rows_replaced += 1;
            }
        }
        self.dataset.rows = kept;
        self.dataset
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

/// Whether negative values are an error for this metric: counts cannot be negative.
pub fn must_be_non_negative(name: &str) -> bool {
    canonical_metric(name).is_some()
        && !matches!(
            crate::model::CANONICAL_METRICS
                .iter()
                .find(|m| m.name == name)
                .map(|m| m.unit),
            Some(Unit::Money)
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metric_names_are_identifiers() {
        assert_eq!(metric_name("Lead Score (%)"), "lead_score");
        assert_eq!(metric_name("  trial_starts "), "trial_starts");
    }

    #[test]
    fn counts_are_non_negative_money_may_be_negative() {
        assert!(must_be_non_negative("likes"));
        assert!(!must_be_non_negative("spend"));
        assert!(!must_be_non_negative("custom_delta"));
    }
}
