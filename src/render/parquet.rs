//! The normalized rows as a Hive-partitioned Parquet dataset:
//! `DIR/platform=facebook/month=2026-08/part-0.parquet`.
//!
//! The schema is the same for every run and every partition, whatever columns the
//! inputs happen to fill, so that partitions and runs union without casts and SQL can
//! name any column. `platform` lives only in the path, as Hive and Spark require.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, bail};
use arrow_array::builder::{Decimal128Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, Date32Array, Int64Array, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use chrono::{Datelike, NaiveDate};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::dataset::{BlankZeros, Dataset, MetricInfo, Row};
use crate::model::{Amount, CANONICAL_METRICS, Dimension, MetricId};
use crate::say;

/// The partition value of rows without a platform, as Hive and Spark write it.
const DEFAULT_PARTITION: &str = "__HIVE_DEFAULT_PARTITION__";

/// Rows per record batch and per row group: bounds what the writer holds at once.
const BATCH_ROWS: usize = 65_536;

/// `Amount` is millionths, so its integer is a DECIMAL(38,6) value as it is.
const PRECISION: u8 = 38;
const SCALE: i8 = Amount::DECIMALS as i8;

/// Column names the layout uses besides dimensions and canonical metrics; `month`
/// is the second partition key, which readers add as a column.
const RESERVED: [&str; 5] = ["date", "end_date", "month", "source_file", "source_line"];

/// What was written, for the one-line summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub rows: usize,
    pub files: usize,
}

/// Refuses a target that would lose data: an existing non-empty folder without
/// `--force`, and, even with it, anything but an earlier output of this writer.
pub fn check_target(dir: &Path, force: bool) -> anyhow::Result<()> {
    let Ok(meta) = fs::symlink_metadata(dir) else {
        return Ok(());
    };
    if !meta.is_dir() {
        bail!(say!("error.parquet_not_dir", path = dir.display()));
    }
    let entries =
        fs::read_dir(dir).with_context(|| say!("error.write_in", path = dir.display()))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| say!("error.write_in", path = dir.display()))?;
        names.push(entry.file_name());
    }
    if names.is_empty() {
        return Ok(());
    }
    if !force {
        bail!(say!("error.parquet_exists", path = dir.display()));
    }
    // `--force` removes the folder's content: a mistyped `--output ~` must not wipe
    // a home folder, so only partition folders of an earlier run may be replaced.
    if let Some(other) = names
        .iter()
        .find(|n| !n.to_string_lossy().starts_with("platform="))
    {
        bail!(say!(
            "error.parquet_foreign",
            path = dir.display(),
            entry = other.to_string_lossy()
        ));
    }
    Ok(())
}

/// The fixed schema of this dataset: dates, every dimension but `platform`, every
/// canonical metric, the dataset's custom metrics, provenance.
fn schema(metrics: &[MetricInfo]) -> anyhow::Result<SchemaRef> {
    let mut fields = vec![
        Field::new("date", DataType::Date32, false),
        Field::new("end_date", DataType::Date32, false),
    ];
    fields.extend(dimensions().map(|d| Field::new(d.name(), DataType::Utf8, true)));
    for (i, m) in metrics.iter().enumerate() {
        let custom = i >= CANONICAL_METRICS.len();
        if custom
            && (RESERVED.contains(&m.name.as_str()) || Dimension::from_name(&m.name).is_some())
        {
            bail!(say!(
                "error.parquet_reserved",
                name = m.name,
                reserved = RESERVED.join(", ")
            ));
        }
        fields.push(Field::new(&m.name, metric_type(i, &m.name), true));
    }
    fields.push(Field::new("source_file", DataType::Utf8, false));
    fields.push(Field::new("source_line", DataType::Int64, false));
    Ok(Arc::new(Schema::new(fields)))
}

fn dimensions() -> impl Iterator<Item = Dimension> {
    Dimension::ALL
        .into_iter()
        .filter(|d| *d != Dimension::Platform)
}

/// Canonical whole counts are whole numbers; everything else, attributed counts
/// (Google Ads' `4.5` conversions) and custom metrics included (their unit is a
/// guess), keeps its six decimals.
fn metric_type(index: usize, name: &str) -> DataType {
    if index < CANONICAL_METRICS.len() && crate::model::is_whole_count(name) {
        DataType::Int64
    } else {
        DataType::Decimal128(PRECISION, SCALE)
    }
}

/// Writes the rows under `dir`, replacing an earlier output when `force` allows it.
///
/// Everything is written into a fresh sibling folder first, each file through a
/// temporary name, fsync and rename; the folder then takes `dir`'s place by rename.
/// A failure leaves `dir` as it was, and a reader never sees a mix of two runs.
pub fn write(ds: &Dataset, dir: &Path, force: bool) -> anyhow::Result<Written> {
    let mut rows: Vec<&Row> = ds.rows.iter().collect();
    // Platform first, then the CSV writer's order: a month is then a contiguous run
    // of each platform, and rows inside a partition come in the CSV's order.
    rows.sort_by(|a, b| {
        platform(ds, a)
            .cmp(&platform(ds, b))
            .then_with(|| (a.start, a.end, a.file, a.line).cmp(&(b.start, b.end, b.file, b.line)))
    });
    let mut writer = Streamed::start(ds, dir, force)?;
    for chunk in rows.chunks(BATCH_ROWS) {
        writer.write_refs(ds, chunk);
    }
    writer.finish()
}

/// What the open files of a streamed write may hold, in rows and in the writers'
/// estimate of their memory, before the fullest ends its row group early: with one
/// open file per partition, this bounds the writer's memory.
const BUFFERED_ROWS: usize = 1 << 18;
const BUFFERED_BYTES: usize = 64 << 20;

/// A write that takes rows as they are read ([`crate::input::stream`]) and lets
/// them go: one open file per partition, row groups ended when the open files hold
/// [`BUFFERED_ROWS`] or [`BUFFERED_BYTES`]. Its memory depends on the partitions, not on the rows. Rows
/// inside a partition come in input order (file, then line). Nothing is in place
/// until [`Streamed::finish`]; a write that fails or is dropped leaves `dir` as it
/// was.
pub struct Streamed {
    dir: PathBuf,
    parent: PathBuf,
    staged: Option<PathBuf>,
    schema: SchemaRef,
    metrics: Vec<MetricInfo>,
    zeros: BlankZeros,
    parts: std::collections::BTreeMap<(Option<String>, (i32, u32)), Part>,
    rows: usize,
    /// The first error: later rows are ignored, and `finish` returns it.
    error: Option<anyhow::Error>,
}

struct Part {
    target: PathBuf,
    writer: ArrowWriter<tempfile::NamedTempFile>,
}

impl Streamed {
    /// Starts a write of rows with the metrics of `probe` (the same inputs, read
    /// once before without keeping rows, so every custom metric has its column).
    pub fn start(probe: &Dataset, dir: &Path, force: bool) -> anyhow::Result<Streamed> {
        check_target(dir, force)?;
        let schema = schema(&probe.metrics)?;
        let parent = dir
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        fs::create_dir_all(&parent)
            .with_context(|| say!("error.write_in", path = parent.display()))?;
        let staged = tempfile::Builder::new()
            .prefix(".roi-parquet-")
            .tempdir_in(&parent)
            .with_context(|| say!("error.write_in", path = parent.display()))?
            .keep();
        Ok(Streamed {
            dir: dir.to_path_buf(),
            parent,
            staged: Some(staged),
            schema,
            metrics: probe.metrics.clone(),
            zeros: probe.blank_zeros(),
            parts: std::collections::BTreeMap::new(),
            rows: 0,
            error: None,
        })
    }

    /// Writes a batch of rows (a [`crate::normalize::Flush`]).
    pub fn write(&mut self, ds: &Dataset, rows: &[Row]) {
        self.write_refs(ds, &rows.iter().collect::<Vec<_>>());
    }

    fn write_refs(&mut self, ds: &Dataset, rows: &[&Row]) {
        if self.error.is_none()
            && let Err(e) = self.try_write(ds, rows)
        {
            self.error = Some(e);
        }
    }

    fn try_write(&mut self, ds: &Dataset, rows: &[&Row]) -> anyhow::Result<()> {
        let mut by_part: std::collections::BTreeMap<_, Vec<&Row>> =
            std::collections::BTreeMap::new();
        for &row in rows {
            let key = (platform(ds, row).map(str::to_owned), month(row.start));
            by_part.entry(key).or_default().push(row);
        }
        for (key, part_rows) in by_part {
            let batch = batch(ds, &self.metrics, &self.zeros, &self.schema, &part_rows)?;
            let part = match self.parts.entry(key) {
                std::collections::btree_map::Entry::Occupied(at) => at.into_mut(),
                std::collections::btree_map::Entry::Vacant(at) => {
                    let staged = self.staged.as_deref().unwrap_or(Path::new("."));
                    let folder = partition_folder(staged, at.key().0.as_deref(), at.key().1);
                    at.insert(open_part(&folder, &self.schema)?)
                }
            };
            let failed = || say!("error.write", path = part.target.display());
            part.writer.write(&batch).with_context(failed)?;
            self.rows += part_rows.len();
        }
        // End the row groups of the fullest open files while they hold too much: the
        // writers' own estimate of their memory is low, so rows are counted too.
        loop {
            let rows: usize = self
                .parts
                .values()
                .map(|p| p.writer.in_progress_rows())
                .sum();
            let bytes: usize = self.parts.values().map(|p| p.writer.memory_size()).sum();
            if rows <= BUFFERED_ROWS && bytes <= BUFFERED_BYTES {
                break;
            }
            let Some(part) = self
                .parts
                .values_mut()
                .max_by_key(|p| p.writer.in_progress_rows())
            else {
                break;
            };
            let failed = || say!("error.write", path = part.target.display());
            part.writer.flush().with_context(failed)?;
        }
        Ok(())
    }

    /// Closes every file and puts the folder in place of `dir`.
    pub fn finish(mut self) -> anyhow::Result<Written> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        let files = self.parts.len();
        for (_, part) in std::mem::take(&mut self.parts) {
            let failed = || say!("error.write", path = part.target.display());
            let tmp = part.writer.into_inner().with_context(failed)?;
            tmp.as_file().sync_all().with_context(failed)?;
            tmp.persist(&part.target).with_context(failed)?;
        }
        if let Some(staged) = self.staged.take() {
            swap_into_place(&staged, &self.dir, &self.parent).inspect_err(|_| {
                let _ = fs::remove_dir_all(&staged);
            })?;
        }
        Ok(Written {
            rows: self.rows,
            files,
        })
    }
}

impl Drop for Streamed {
    fn drop(&mut self) {
        // Not finished: nothing of this write is left behind.
        if let Some(staged) = self.staged.take() {
            self.parts.clear();
            let _ = fs::remove_dir_all(staged);
        }
    }
}

fn partition_folder(staged: &Path, platform: Option<&str>, (year, month): (i32, u32)) -> PathBuf {
    staged
        .join(format!(
            "platform={}",
            platform.map_or_else(|| DEFAULT_PARTITION.to_owned(), escape)
        ))
        .join(format!("month={year:04}-{month:02}"))
}

/// A new partition file, written under a temporary name until it is complete.
fn open_part(folder: &Path, schema: &SchemaRef) -> anyhow::Result<Part> {
    let target = folder.join("part-0.parquet");
    let failed = || say!("error.write", path = target.display());
    fs::create_dir_all(folder).with_context(failed)?;
    let mut builder = tempfile::Builder::new();
    // Temporary files are private (0600); these are data for other tools and users,
    // so they get the mode any new file gets (0666 less the umask).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let tmp = builder.tempfile_in(folder).with_context(failed)?;
    let writer =
        ArrowWriter::try_new(tmp, schema.clone(), Some(properties())).with_context(failed)?;
    Ok(Part { target, writer })
}

/// Statistics per column chunk (what engines prune row groups with), not per page:
/// page statistics stay in memory until the footer, one entry per page written.
fn properties() -> WriterProperties {
    WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(BATCH_ROWS))
        .set_statistics_enabled(parquet::file::properties::EnabledStatistics::Chunk)
        .build()
}

fn platform<'a>(ds: &'a Dataset, row: &Row) -> Option<&'a str> {
    ds.dim_value(row, Dimension::Platform)
        .filter(|p| !p.is_empty())
}

fn month(date: NaiveDate) -> (i32, u32) {
    (date.year(), date.month())
}

/// Hive's escaping of a partition value, so that any platform name stays one path
/// component (no `/`, no `=`) and reads back as written.
fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if c.is_control()
            || matches!(
                c,
                '"' | '#' | '%' | '\'' | '*' | '/' | ':' | '=' | '?' | '\\' | '{' | '[' | ']' | '^'
            )
        {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The rows as one record batch; `metrics` are the schema's, of which the rows'
/// metric ids index a prefix.
fn batch(
    ds: &Dataset,
    metrics: &[MetricInfo],
    zeros: &BlankZeros,
    schema: &SchemaRef,
    rows: &[&Row],
) -> anyhow::Result<RecordBatch> {
    let mut columns: Vec<ArrayRef> = Vec::with_capacity(schema.fields().len());
    columns.push(Arc::new(Date32Array::from_iter_values(
        rows.iter().map(|r| days(r.start)),
    )));
    columns.push(Arc::new(Date32Array::from_iter_values(
        rows.iter().map(|r| days(r.end)),
    )));
    for d in dimensions() {
        let mut b = StringBuilder::with_capacity(rows.len(), 0);
        for row in rows {
            b.append_option(ds.dim_value(row, d));
        }
        columns.push(Arc::new(b.finish()));
    }

    // Row by row into every metric's builder: a row holds a few values, so looking
    // each column's value up in every row would cost metrics × values per row.
    let mut builders = Vec::with_capacity(metrics.len());
    for (i, m) in metrics.iter().enumerate() {
        builders.push(match metric_type(i, &m.name) {
            DataType::Int64 => MetricBuilder::Count(Int64Builder::with_capacity(rows.len())),
            _ => MetricBuilder::Exact(
                Decimal128Builder::with_capacity(rows.len())
                    .with_precision_and_scale(PRECISION, SCALE)?,
            ),
        });
    }
    let mut cells: Vec<Option<Amount>> = vec![None; metrics.len()];
    for row in rows {
        cells.fill(None);
        for (id, v) in zeros.values(row) {
            cells[id.0 as usize] = Some(v);
        }
        for (i, (b, cell)) in builders.iter_mut().zip(&cells).enumerate() {
            match b {
                MetricBuilder::Count(b) => match cell {
                    Some(v) if v.0 % Amount::SCALE != 0 => {
                        return Err(fraction(ds, row, MetricId(i as u16), *v));
                    }
                    Some(v) => b.append_value(v.0 / Amount::SCALE),
                    None => b.append_null(),
                },
                MetricBuilder::Exact(b) => b.append_option(cell.map(|v| i128::from(v.0))),
            }
        }
    }
    columns.extend(builders.into_iter().map(|b| -> ArrayRef {
        match b {
            MetricBuilder::Count(mut b) => Arc::new(b.finish()),
            MetricBuilder::Exact(mut b) => Arc::new(b.finish()),
        }
    }));

    let mut files = StringBuilder::with_capacity(rows.len(), 0);
    for row in rows {
        files.append_value(ds.files[row.file as usize].path.to_string_lossy());
    }
    columns.push(Arc::new(files.finish()));
    columns.push(Arc::new(Int64Array::from_iter_values(
        rows.iter().map(|r| r.line as i64),
    )));
    Ok(RecordBatch::try_new(schema.clone(), columns)?)
}

enum MetricBuilder {
    Count(Int64Builder),
    Exact(Decimal128Builder),
}

/// Days since 1970-01-01, Parquet's DATE.
fn days(date: NaiveDate) -> i32 {
    (date - NaiveDate::default()).num_days() as i32
}

/// A count with a fraction has no INT64 value; rounding it would change the data.
fn fraction(ds: &Dataset, row: &Row, metric: MetricId, value: Amount) -> anyhow::Error {
    anyhow::anyhow!(say!(
        "error.parquet_fraction",
        path = ds.files[row.file as usize].path.display(),
        line = row.line,
        metric = ds.metric(metric).name,
        value = super::normalized::amount_text(value)
    ))
}

/// Moves the finished folder to `dir`. An existing `dir` (empty, or an earlier
/// output allowed by `--force`) is first moved aside into a sibling temporary folder
/// and put back if the second rename fails; both renames stay on one filesystem.
fn swap_into_place(staged: &Path, dir: &Path, parent: &Path) -> anyhow::Result<()> {
    let failed = || say!("error.write", path = dir.display());
    if fs::symlink_metadata(dir).is_err() {
        return fs::rename(staged, dir).with_context(failed);
    }
    let aside = tempfile::Builder::new()
        .prefix(".roi-parquet-old-")
        .tempdir_in(parent)
        .with_context(failed)?;
    let old: PathBuf = aside.path().join("old");
    fs::rename(dir, &old).with_context(failed)?;
    if let Err(e) = fs::rename(staged, dir) {
        let _ = fs::rename(&old, dir);
        return Err(e).with_context(failed);
    }
    // The new output is in place; a leftover old copy is only disk space, so an
    // error while removing it does not fail the run.
    drop(aside);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partition_values_stay_one_path_component() {
        assert_eq!(escape("facebook"), "facebook");
        assert_eq!(escape("../a/b"), "..%2Fa%2Fb");
        assert_eq!(escape("a=b%"), "a%3Db%25");
        assert_eq!(escape("zalo ổn"), "zalo ổn");
    }

    #[test]
    fn dates_count_days_from_the_epoch() {
        assert_eq!(days(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()), 0);
        assert_eq!(days(NaiveDate::from_ymd_opt(2026, 8, 1).unwrap()), 20_666);
        assert_eq!(days(NaiveDate::from_ymd_opt(1969, 12, 31).unwrap()), -1);
    }
}
