//! Finding input files, reading their bytes, deciding which export each one is, and
//! handing its rows to the [`Builder`](crate::normalize::Builder).
//!
//! Every error names the file, and where there is one the line, the column, the
//! value and what was expected.

pub mod layout;
mod native;
pub mod number;
mod parts;
pub mod tabular;
pub mod text;
pub mod value;

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::dataset::Dataset;
use crate::normalize::Builder;

/// Bad input: which file, which line and column, and what was wrong.
#[derive(Debug, thiserror::Error)]
pub struct InputError {
    pub path: PathBuf,
    pub line: Option<u64>,
    /// The column as `N (`name`)`.
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const LINE: usize = 600;
        const WHOLE: usize = 20_000;
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ": {}", crate::say!("error.column", column = column))?;
        }
        // Values are quoted in messages, on one line; a damaged file's "value" can be
        // megabytes. A long line is cut, not a message of many short lines (the
        // mapping stanza for an unknown export's twenty columns), and the lines after
        // a line cut are still written, until the whole is too long.
        let mut written = 0;
        f.write_str(": ")?;
        for (i, line) in self.message.split('\n').enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            let fits = LINE.min(WHOLE.saturating_sub(written));
            if line.len() <= fits || line.chars().count() <= fits {
                f.write_str(line)?;
                written += line.chars().count();
            } else {
                let head: String = line.chars().take(fits).collect();
                write!(f, "{head}… ({})", crate::say!("error.cut"))?;
                written += fits;
                if written >= WHOLE {
                    return Ok(());
                }
            }
        }
        Ok(())
    }
}

impl InputError {
    /// The error of a part of a file whose lines were counted from the part's start,
    /// with `lines` lines before it.
    fn after_lines(mut self, lines: u64) -> InputError {
        self.line = self.line.map(|l| l + lines);
        self
    }

    /// Names the column of an error the record reader gave, which gives only its
    /// number: it reads records before anyone knows which is the header.
    pub fn in_header<S: AsRef<str>>(mut self, names: impl IntoIterator<Item = S>) -> InputError {
        if let Some(column) = &self.column
            && let Ok(n) = column.parse::<usize>()
            && let Some(name) = n.checked_sub(1).and_then(|i| names.into_iter().nth(i))
        {
            self.column = Some(format!("{n} (`{}`)", name.as_ref().trim()));
        }
        self
    }

    /// Names the workbook sheet the error is in (`None`: a file of one sheet, or
    /// none), unless its message does already (a formula's error names its cell).
    pub fn in_sheet(mut self, sheet: Option<&str>) -> InputError {
        if let Some(sheet) = sheet
            && !self.message.contains(&format!("`{sheet}`"))
        {
            self.message = format!(
                "{}: {}",
                crate::say!("where.sheet", sheet = sheet),
                self.message
            );
        }
        self
    }

    pub fn file(path: &Path, message: impl Into<String>) -> InputError {
        InputError {
            path: path.to_path_buf(),
            line: None,
            column: None,
            message: message.into(),
        }
    }
}

/// How inputs are read.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Currency of money columns that name none.
    pub default_currency: Option<String>,
    /// Every skipped row is an error.
    pub strict: bool,
    /// The year of year-less dates (TikTok), from `--year` or roi.toml.
    pub year: Option<i32>,
    /// The user's mappings from roi.toml, tried before the built-in layouts.
    pub mappings: Vec<layout::Layout>,
    /// Whose brand mentions are, and the sentiment word lists (`[sentiment]`).
    pub mentions: Option<std::sync::Arc<tabular::MentionSettings>>,
    /// The dimensions the run needs: rows may be merged on them as they are read
    /// (see [`load`]). `None` keeps every row as read.
    pub merge: Option<crate::normalize::Keep>,
    /// Files longer than this are read from disk on each pass rather than held
    /// (default [`text::HEAD_BYTES`]; the fuzz target makes it small so that its
    /// inputs take the streamed path too).
    pub head_bytes: Option<usize>,
    /// Threads to read with (`None`: the CPUs available). With two or more, each large
    /// file on disk is parsed on a second thread while the first turns its records
    /// into rows; what is read is the same.
    pub threads: Option<std::num::NonZeroUsize>,
    /// The as-of date a run was given (`--as-of`): among overlapping ranges, a row
    /// that ends after it was not known then and does not replace one that was.
    pub known_by: Option<chrono::NaiveDate>,
    /// The account of the rows of these files that name none (roi.toml's `inputs`).
    pub accounts: crate::normalize::Accounts,
    /// Files of the folders given that roi does not read ([`Expanded::not_read`]):
    /// the dataset names them.
    pub not_read: Vec<PathBuf>,
}

/// The input name that means standard input.
pub const STDIN: &str = "-";

/// File extensions looked at inside folders.
pub const EXTENSIONS: &[&str] = &[
    "csv", "tsv", "txt", "json", "ndjson", "jsonl", "xlsx", "xlsm", "xls", "ods",
];

/// The files inputs name: those to read, and those of a folder that roi does not
/// read (a `.zip`, a `.pdf`), which the output names so that none is passed over
/// without a word.
#[derive(Debug, Default)]
pub struct Expanded {
    pub files: Vec<PathBuf>,
    pub not_read: Vec<PathBuf>,
}

/// Kinds of file a folder of downloads may hold that roi does not read but that
/// may hold data (an archive of exports, a PDF report, another spreadsheet): named
/// in the output when a folder is read ([`Expanded::not_read`]). Notes, configs and
/// scripts beside the exports (`.md`, `.toml`, `.py`) and roi's own outputs (`.html`,
/// `.parquet`) are passed over without a word.
const NOT_READ_NAMED: &[&str] = &[
    "zip", "gz", "tgz", "7z", "rar", "tar", "pdf", "numbers", "xlsb", "xml",
];

/// Expands files, folders (recursively) and glob patterns, relative to `base`.
pub fn expand(inputs: &[String], base: &Path) -> Result<Expanded, InputError> {
    let mut files = Vec::new();
    let mut not_read = Vec::new();
    for input in inputs {
        if input == "-" {
            files.push(PathBuf::from(STDIN));
            continue;
        }
        let path = if base == Path::new(".") {
            PathBuf::from(input)
        } else {
            base.join(input)
        };
        if input.contains(['*', '?', '[']) {
            let pattern = path.to_string_lossy().into_owned();
            let matches = glob::glob(&pattern)
                .map_err(|e| InputError::file(&path, crate::say!("error.glob", error = e)))?;
            // The folders named before the first wildcard; below them, clutter the
            // pattern does not name (a `.` or `~$` it writes itself) is skipped.
            let literal: PathBuf = path
                .components()
                .take_while(|c| !c.as_os_str().to_string_lossy().contains(['*', '?', '[']))
                .collect();
            let before = files.len();
            for entry in matches {
                let entry = entry.map_err(|e| InputError::file(e.path(), e.error().to_string()))?;
                let below = entry.strip_prefix(&literal).unwrap_or(&entry);
                let cluttered = below.components().any(|c| match c {
                    std::path::Component::Normal(name) => {
                        is_clutter(name) && !named_by(input, &name.to_string_lossy())
                    }
                    _ => false,
                });
                if entry.is_file() && !cluttered {
                    files.push(entry);
                }
            }
            if files.len() == before {
                return Err(InputError::file(&path, crate::say!("error.glob_no_match")));
            }
        } else if path.is_dir() {
            let before = files.len();
            let not_read_before = not_read.len();
            for entry in walkdir::WalkDir::new(&path)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || !is_clutter(e.file_name()))
            {
                let entry = entry.map_err(|e| {
                    let at = e.path().unwrap_or(&path).to_path_buf();
                    InputError::file(&at, crate::say!("error.read_folder", error = e))
                })?;
                let p = entry.path();
                let extension = p
                    .extension()
                    .and_then(|e| e.to_str())
                    .map(str::to_ascii_lowercase)
                    .unwrap_or_default();
                let list = if EXTENSIONS.contains(&extension.as_str()) {
                    Some(&mut files)
                } else if NOT_READ_NAMED.contains(&extension.as_str()) {
                    Some(&mut not_read)
                } else {
                    None
                };
                if entry.file_type().is_file()
                    && let Some(list) = list
                {
                    list.push(p.to_path_buf());
                }
            }
            if files.len() == before {
                let extensions = EXTENSIONS.join(", ");
                return Err(InputError::file(
                    &path,
                    match not_read.get(not_read_before) {
                        Some(other) => crate::say!(
                            "error.folder_not_read",
                            extensions = extensions,
                            file = other.display()
                        ),
                        None => crate::say!("error.empty_folder", extensions = extensions),
                    },
                ));
            }
        } else if path.is_file() {
            files.push(path);
        } else if let (Ok(_), Err(e)) = (std::fs::symlink_metadata(&path), std::fs::metadata(&path))
        {
            // A link that leads nowhere, or in a circle: it exists, so not "missing".
            return Err(InputError::file(
                &path,
                crate::say!("error.broken_link", error = e),
            ));
        } else {
            return Err(InputError::file(&path, crate::say!("error.missing")));
        }
    }
    // The same file named twice (a folder and a file in it) is read once.
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    not_read.retain(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    Ok(Expanded { files, not_read })
}

/// What a folder holds besides exports: hidden files and folders (`.DS_Store`,
/// `.git`), Excel's lock files (`~$report.xlsx`), macOS's resource forks (`._a.csv`)
/// and zip folders (`__MACOSX`). Skipped when a folder is read, and among a glob's
/// matches unless the pattern names them (`data/.g.csv`); named, they are read.
fn is_clutter(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.starts_with("~$") || name == "__MACOSX"
}

/// Whether a glob pattern names a clutter file or folder itself: a part of it that
/// starts as the name does (`.g.csv`, `.*.csv`, `~$*.csv`, `__MACOSX/*`).
fn named_by(pattern: &str, name: &str) -> bool {
    pattern.split(['/', '\\']).any(|part| {
        (name.starts_with('.') && part.starts_with('.') && part != "." && part != "..")
            || (name.starts_with("~$") && part.starts_with("~$"))
            || (name == "__MACOSX" && part.starts_with("__MACOSX"))
    })
}

/// Reads one export given as bytes (`name` decides nothing but the messages and the
/// workbook check): the entry point of the fuzz targets.
pub fn load_bytes(name: &Path, bytes: &[u8], options: &ReadOptions) -> Result<Dataset, InputError> {
    let layouts = Layouts::new(&options.mappings);
    let mut builder = Builder::new(options.default_currency.clone())
        .known_by(options.known_by)
        .accounts(options.accounts.clone());
    let context = tabular::FileContext {
        year: options.year,
        name_date: date_in_name(name),
        exported: None,
        modified: None,
        mentions: options.mentions.clone(),
    };
    read_file(
        name,
        Contents::Whole(bytes.to_vec()),
        None,
        1,
        &context,
        &layouts,
        &mut builder,
    )?;
    builder.one_row_per_record();
    Ok(builder.finish())
}

/// A file's bytes as far as they were read: all of them (standard input, a small
/// file, the fuzz targets), or the beginning of a file that stays on disk.
enum Contents {
    Whole(Vec<u8>),
    Head(Vec<u8>),
}

impl Contents {
    fn open(path: &Path, head_bytes: usize) -> Result<Contents, InputError> {
        let mut bytes = Vec::new();
        if path.as_os_str() == STDIN {
            std::io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|e| InputError::file(path, crate::say!("error.read_stdin", error = e)))?;
            return Ok(Contents::Whole(bytes));
        }
        let file = std::fs::File::open(path)
            .map_err(|e| InputError::file(path, crate::say!("error.read_file", error = e)))?;
        let read_error =
            |e: std::io::Error| InputError::file(path, crate::say!("error.read_file", error = e));
        let mut reader = std::io::BufReader::new(file);
        // One byte more than the head tells whether the file is longer.
        (&mut reader)
            .take(head_bytes as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(read_error)?;
        let mut head = head_bytes;
        if bytes.len() > head_bytes && !bytes[..head_bytes].contains(&b'\n') {
            // The delimiter is told from whole lines: a head cut inside the first
            // line (a small head, a very wide header) would show none of `;`.
            std::io::BufRead::read_until(
                &mut (&mut reader).take(text::MAX_RECORD_BYTES as u64),
                b'\n',
                &mut bytes,
            )
            .map_err(read_error)?;
            head = bytes.len();
            (&mut reader)
                .take(1)
                .read_to_end(&mut bytes)
                .map_err(read_error)?;
        }
        if bytes.len() > head {
            bytes.truncate(head);
            Ok(Contents::Head(bytes))
        } else {
            Ok(Contents::Whole(bytes))
        }
    }

    /// Every byte of the file.
    fn whole(self, path: &Path) -> Result<Vec<u8>, InputError> {
        match self {
            Contents::Whole(bytes) => Ok(bytes),
            Contents::Head(_) => std::fs::read(path)
                .map_err(|e| InputError::file(path, crate::say!("error.read_file", error = e))),
        }
    }

    /// A hash of every byte, to find the same file named twice; a file on disk is
    /// read for it only when another input has the same length.
    fn hash(&self, path: &Path) -> std::io::Result<u64> {
        match self {
            Contents::Whole(bytes) => hash_of(bytes.as_slice()),
            Contents::Head(_) => hash_of(std::fs::File::open(path)?),
        }
    }

    /// The bytes read so far: all of them, or the file's beginning.
    fn start(&self) -> &[u8] {
        match self {
            Contents::Whole(bytes) | Contents::Head(bytes) => bytes,
        }
    }

    fn len(&self, path: &Path) -> u64 {
        match self {
            Contents::Whole(bytes) => bytes.len() as u64,
            Contents::Head(_) => std::fs::metadata(path).map_or(u64::MAX, |m| m.len()),
        }
    }
}

/// A hash of every byte `input` gives, whatever sizes it reads them in.
fn hash_of(mut input: impl Read) -> std::io::Result<u64> {
    use std::hash::Hasher;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let mut buffer = vec![0; 1 << 16];
    loop {
        let n = input.read(&mut buffer)?;
        if n == 0 {
            return Ok(h.finish());
        }
        h.write(&buffer[..n]);
    }
}

/// Reads every file into one de-duplicated dataset.
///
/// With `options.merge`, rows are merged as they are read, which keeps memory to the
/// distinct dates and kept dimensions of a huge export. Merged rows can no longer be
/// de-duplicated against another file's rows, so merging is only kept when
/// de-duplication has nothing to do: the common large case (one big export, or many
/// exports of different kinds or of dates that do not overlap) merges; as soon as
/// two files turn out to hold rows of one kind over overlapping dates (weekly "last
/// 28 days" downloads, small files), reading starts again without merging and every
/// row keeps its detail, for exact de-duplication. Standard input cannot be read
/// twice: with it among the inputs nothing is merged.
pub fn load(files: &[PathBuf], options: &ReadOptions) -> Result<Dataset, InputError> {
    let stdin = files.iter().any(|f| f.as_os_str() == STDIN);
    if let Some(keep) = options.merge.filter(|_| !stdin)
        && let Some(dataset) = read_all(files, options, Some(keep), None)?
    {
        return Ok(dataset);
    }
    // Without merging reading never gives up: `None` does not happen here.
    Ok(read_all(files, options, None, None)?.unwrap_or_default())
}

/// Reads every file, handing its rows to `flush` in batches instead of keeping them:
/// memory then depends on the distinct values read, not on the rows. `None` when
/// that cannot be exact: two files hold rows of one kind over overlapping dates
/// (de-duplication needs every row at hand; use [`load`]), or an input is standard
/// input (it cannot be read again after a `None`). The dataset that comes back has
/// the files, metrics and interned values, and no rows.
pub fn stream(
    files: &[PathBuf],
    options: &ReadOptions,
    flush: crate::normalize::Flush<'_>,
) -> Result<Option<Dataset>, InputError> {
    if files.iter().any(|f| f.as_os_str() == STDIN) {
        return Ok(None);
    }
    read_all(files, options, None, Some(flush))
}

/// Reads every file, merging rows on `merge`; `None` when merging turned out not
/// to be exact (overlapping files of one kind), as soon as that is known.
///
/// With two threads or more, small files (a head to a megabyte: see [`Size`]) are
/// read a few at a time in parallel, each into a builder of its own, and
/// taken in by the main builder in input order: what comes out, errors included,
/// is what reading them one after the other gives.
fn read_all(
    files: &[PathBuf],
    options: &ReadOptions,
    merge: Option<crate::normalize::Keep>,
    flush: Option<crate::normalize::Flush<'_>>,
) -> Result<Option<Dataset>, InputError> {
    let layouts = Layouts::new(&options.mappings);
    let flushing = flush.is_some();
    let threads = options
        .threads
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, std::num::NonZeroUsize::get);
    let head_bytes = options.head_bytes.unwrap_or(text::HEAD_BYTES);
    let mut reading = Reading {
        options,
        layouts: &layouts,
        merge,
        threads,
        checked: merge.is_some() || flushing,
        builder: Builder::new(options.default_currency.clone())
            .merging(merge)
            .flushing(flush)
            .known_by(options.known_by)
            .accounts(options.accounts.clone()),
    };
    // Small files waiting to be read together.
    let mut pending: Vec<Job> = Vec::new();
    // Inputs read so far: length, path, and the hash of their bytes once needed.
    let mut seen: Vec<(u64, PathBuf, Option<u64>)> = Vec::new();
    for path in files {
        let job = match open_job(path, head_bytes, options, &mut seen) {
            Ok(job) => job,
            Err(e) => {
                // The files before this one come first, with their own errors.
                if reading
                    .read_together(std::mem::take(&mut pending))?
                    .is_none()
                {
                    return Ok(None);
                }
                return Err(e);
            }
        };
        let together =
            threads > 1 && !flushing && job.size == Size::Small && job.duplicate_of.is_none();
        if (!together || pending.len() == threads)
            && reading
                .read_together(std::mem::take(&mut pending))?
                .is_none()
        {
            return Ok(None);
        }
        if together {
            pending.push(job);
        } else if reading.read_one(job)?.is_none() {
            return Ok(None);
        }
    }
    if reading.read_together(pending)?.is_none() {
        return Ok(None);
    }
    let mut dataset = reading.builder.finish();
    dataset.not_read.clone_from(&options.not_read);
    // Only YouTube breakdown tables, none read: an error, not a report of nothing.
    let breakdown = |f: &crate::dataset::SourceFile| {
        f.warnings
            .iter()
            .find(|w| w.key == "warning.youtube_breakdown")
            .cloned()
    };
    if let Some(warning) = dataset.files.first().and_then(breakdown)
        && dataset.files.iter().all(|f| breakdown(f).is_some())
    {
        return Err(InputError {
            path: dataset.files[0].path.clone(),
            line: Some(1),
            column: None,
            message: warning.to_string(),
        });
    }
    Ok(Some(dataset))
}

/// A file to read: its beginning, and what its rows take from around it.
struct Job {
    path: PathBuf,
    contents: Contents,
    modified: Option<std::time::SystemTime>,
    context: tabular::FileContext,
    size: Size,
    /// An earlier input with the same bytes: this one is not read.
    duplicate_of: Option<PathBuf>,
}

/// What a file's size makes worth doing: a tiny file is read before a thread would
/// start; a small one is read in parallel with others; a large one with a parser
/// thread of its own (files of a megabyte or more, 16 heads).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Size {
    Tiny,
    Small,
    Large,
}

/// Opens a file and tells whether an earlier input had the same bytes.
fn open_job(
    path: &Path,
    head_bytes: usize,
    options: &ReadOptions,
    seen: &mut Vec<(u64, PathBuf, Option<u64>)>,
) -> Result<Job, InputError> {
    let contents = Contents::open(path, head_bytes)?;
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let len = contents.len(path);
    let mut hash = None;
    let mut same = None;
    for (other_len, other, other_hash) in &mut *seen {
        if *other_len != len {
            continue;
        }
        let read = |e: std::io::Error, p: &Path| {
            InputError::file(p, crate::say!("error.read_file", error = e))
        };
        if other_hash.is_none() {
            // Earlier inputs in memory were hashed when read: this one is on disk.
            let file = std::fs::File::open(&*other).map_err(|e| read(e, other))?;
            *other_hash = Some(hash_of(file).map_err(|e| read(e, other))?);
        }
        if hash.is_none() {
            hash = Some(contents.hash(path).map_err(|e| read(e, path))?);
        }
        if *other_hash == hash {
            same = Some(other.clone());
            break;
        }
    }
    let size = match len / head_bytes.max(1) as u64 {
        0 => Size::Tiny,
        1..16 => Size::Small,
        _ => Size::Large,
    };
    if same.is_none() {
        // Bytes in memory (standard input) cannot be read again: hashed now.
        if hash.is_none() && matches!(contents, Contents::Whole(_)) {
            hash = contents.hash(path).ok();
        }
        seen.push((len, path.to_path_buf(), hash));
    }
    Ok(Job {
        path: path.to_path_buf(),
        contents,
        modified,
        context: tabular::FileContext {
            year: options.year,
            name_date: date_in_name(path),
            exported: None,
            mentions: options.mentions.clone(),
            modified: modified.map(|m| chrono::DateTime::<chrono::Local>::from(m).date_naive()),
        },
        size,
        duplicate_of: same,
    })
}

/// The files read so far, and what reading the next ones needs.
struct Reading<'r, 'f> {
    options: &'r ReadOptions,
    layouts: &'r Layouts<'r>,
    merge: Option<crate::normalize::Keep>,
    threads: usize,
    /// Whether overlapping files make the reading inexact (merged or flushed rows).
    checked: bool,
    builder: Builder<'f>,
}

impl Reading<'_, '_> {
    /// Reads one file into the builder; `None` when the reading is no longer exact.
    fn read_one(&mut self, job: Job) -> Result<Option<()>, InputError> {
        if let Some(first) = &job.duplicate_of {
            self.builder.start_file(job.path, "duplicate", job.modified);
            self.builder
                .warn(crate::msg!("warning.same_bytes", path = first.display()));
            return Ok(Some(()));
        }
        read_file(
            &job.path,
            job.contents,
            job.modified,
            if job.size == Size::Large {
                self.threads
            } else {
                1
            },
            &job.context,
            self.layouts,
            &mut self.builder,
        )?;
        self.builder.one_row_per_record();
        self.check(&job.path)
    }

    /// Reads files, each in a thread of its own, and takes them in in input order.
    fn read_together(&mut self, jobs: Vec<Job>) -> Result<Option<()>, InputError> {
        if jobs.len() < 2 {
            return match jobs.into_iter().next() {
                Some(job) => self.read_one(job),
                None => Ok(Some(())),
            };
        }
        let (layouts, merge) = (self.layouts, self.merge);
        let currency = &self.options.default_currency;
        let accounts = &self.options.accounts;
        let read: Vec<(PathBuf, Result<Builder<'static>, InputError>)> = std::thread::scope(|s| {
            let handles: Vec<_> = jobs
                .into_iter()
                .map(|job| {
                    s.spawn(move || {
                        let mut builder = Builder::new(currency.clone())
                            .merging(merge)
                            .accounts(accounts.clone());
                        let read = read_file(
                            &job.path,
                            job.contents,
                            job.modified,
                            1,
                            &job.context,
                            layouts,
                            &mut builder,
                        );
                        (job.path, read.map(|()| builder))
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        });
        for (path, builder) in read {
            self.builder.absorb(builder?);
            self.builder.one_row_per_record();
            if self.check(&path)?.is_none() {
                return Ok(None);
            }
        }
        Ok(Some(()))
    }

    /// After a file: overlap with an earlier file (the reading is then not exact),
    /// and `--strict`.
    fn check(&self, path: &Path) -> Result<Option<()>, InputError> {
        if self.checked && self.builder.overlaps_earlier_file() {
            return Ok(None);
        }
        if self.options.strict
            && let Some(file) = builder_last_skip(&self.builder)
        {
            return Err(InputError {
                path: path.to_path_buf(),
                line: Some(file.first_line),
                column: None,
                message: crate::say!("error.strict", rows = file.rows, reason = file.reason),
            });
        }
        if self.options.strict
            && let Some(warning) = self
                .builder
                .last_file_warnings()
                .iter()
                .find(|w| NOT_COUNTED.contains(&w.key))
        {
            let line = warning
                .args
                .iter()
                .find(|(name, _)| *name == "line")
                .and_then(|(_, v)| v.parse().ok());
            return Err(InputError {
                path: path.to_path_buf(),
                line,
                column: None,
                message: crate::say!("error.strict_warning", warning = warning),
            });
        }
        Ok(Some(()))
    }
}

/// Warnings of values read but not counted as what they are (a masked count, results
/// of an unknown type, a table not read): `--strict` makes them errors, as it does
/// skipped rows. Warnings of a choice roi made (an encoding, a day order, a year) and
/// of rows counted once among overlapping exports stay warnings.
/// A mapping's target one letter off a built-in name (read as a metric of its own)
/// is one too: it may be a slip. So is a series' day (or a content table's post)
/// given two figures in one file:
/// the earlier is not counted, and which download is right is the user's to know;
/// and a column written twice with other values, of which the second is not read.
const NOT_COUNTED: [&str; 15] = [
    "warning.mapping_near_builtin",
    "warning.youtube_breakdown",
    "warning.same_record",
    "warning.contradicting_day",
    "warning.contradicting_days",
    "warning.contradicting_post",
    "warning.contradicting_posts",
    "warning.masked",
    "warning.repeated_column",
    "warning.results_windows",
    "warning.result_type",
    "warning.result_type_empty",
    "warning.sentiment",
    "warning.unknown_table",
    "warning.unread_export",
];

fn builder_last_skip(builder: &Builder) -> Option<crate::dataset::Skipped> {
    builder.last_file_skips().first().cloned()
}

/// A file read in a guessed encoding says so: its letters may be wrong.
fn warn_encoding(encoding: &str, builder: &mut Builder) {
    if encoding.starts_with("windows-") || encoding.contains("no BOM") {
        builder.warn(crate::msg!("warning.encoding", encoding = encoding));
    }
}

/// Text with NUL bytes or many control characters is not an export.
fn looks_binary(text: &str) -> bool {
    let sample: Vec<char> = text.chars().take(4096).collect();
    let control = sample
        .iter()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        .count();
    sample.contains(&'\0') || control * 20 > sample.len()
}

/// The latest day a file name dates its rows by, and whether the name gives the day
/// itself. A name states a day (`…_20170401_20170408_en.csv`,
/// `Overview_2024-12-30_2025-01-02.csv`) or only a year (`report_2025.csv`: its last
/// day), a plausible one (1990–2099) at the start of a run of digits. A name with two
/// states a range, and the later is its end: the day that bounds the latest
/// year-less date. The first would put a range across New Year a year early; the
/// last day of the later year would put its December a year late.
fn date_in_name(path: &Path) -> Option<(chrono::NaiveDate, tabular::NamePart)> {
    use chrono::NaiveDate;
    use tabular::NamePart;
    let name = path.file_name()?.to_string_lossy().into_owned();
    let b = name.as_bytes();
    let number = |at: usize, len: usize| -> Option<u32> {
        let digits = b.get(at..at + len)?;
        digits
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| digits.iter().fold(0, |n, &d| n * 10 + u32::from(d - b'0')))
    };
    let digit_at = |at: usize| b.get(at).is_some_and(u8::is_ascii_digit);
    (0..b.len())
        .filter(|&i| i == 0 || !digit_at(i - 1))
        .filter_map(|i| {
            let year = i32::try_from(number(i, 4)?).ok()?;
            if !(1990..2100).contains(&year) {
                return None;
            }
            // `20241230`, or `2024-12-30` with `-`, `_` or `.` between its parts.
            let day = |m: usize, d: usize, end: usize| {
                (!digit_at(end))
                    .then(|| NaiveDate::from_ymd_opt(year, number(m, 2)?, number(d, 2)?))
                    .flatten()
            };
            let sep = b.get(i + 4).copied();
            let date = day(i + 4, i + 6, i + 8).or_else(|| {
                (matches!(sep, Some(b'-' | b'_' | b'.')) && b.get(i + 7).copied() == sep)
                    .then(|| day(i + 5, i + 8, i + 10))
                    .flatten()
            });
            match date {
                Some(d) => Some((d, NamePart::Day)),
                None if !digit_at(i + 4) => Some(match month_beside(&name, i) {
                    Some(m) => (last_of_month(year, m)?, NamePart::Month),
                    None => (NaiveDate::from_ymd_opt(year, 12, 31)?, NamePart::Year),
                }),
                None => None,
            }
        })
        .max_by_key(|&(date, part)| (part, date))
}

fn last_of_month(year: i32, month: u32) -> Option<chrono::NaiveDate> {
    let first = chrono::NaiveDate::from_ymd_opt(year, month, 1)?;
    first.checked_add_months(chrono::Months::new(1))?.pred_opt()
}

/// The month written beside the year at byte `at` of a file name: `2024-12`,
/// `2024_12`, `12-2024`, `dec 2024`, `December_2024`, `2024 dec`.
fn month_beside(name: &str, at: usize) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    let (before, after) = (lower.get(..at)?, lower.get(at + 4..)?);
    let is_sep = |c: char| matches!(c, '-' | '_' | '.' | ' ');
    let two_digits = |t: &str| -> Option<u32> {
        let m: u32 = t.parse().ok()?;
        (t.len() == 2 && (1..=12).contains(&m)).then_some(m)
    };
    let word = |w: &str| -> Option<u32> {
        // `dec`, `december`, `sept`: a month's name or its first three letters (not
        // `marc`, a name).
        (0..12)
            .find(|&i| {
                let full = value::ENGLISH_MONTHS[i];
                w == full || w == &full[..3] || (i == 8 && w == "sept")
            })
            .map(|i| i as u32 + 1)
    };
    // After the year: `-12` (not `-123`, `_10k`), or a separator and a month's name.
    if let Some(rest) = after.strip_prefix(is_sep) {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let ends = !rest[digits.len()..].starts_with(|c: char| c.is_ascii_alphanumeric());
        if let Some(m) = two_digits(&digits).filter(|_| ends) {
            return Some(m);
        }
        let letters: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
        if let Some(m) = word(&letters) {
            return Some(m);
        }
    }
    // Before it: `12-` standing alone (not `top10_`, `v12_`), or a month's name,
    // with or without a separator.
    let before = before.strip_suffix(is_sep).unwrap_or(before);
    let digits: String = before
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    if !digits.is_empty() {
        let alone = before[..before.len() - digits.len()]
            .chars()
            .next_back()
            .is_none_or(is_sep);
        return two_digits(&digits.chars().rev().collect::<String>()).filter(|_| alone);
    }
    let letters: String = before
        .chars()
        .rev()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    word(&letters.chars().rev().collect::<String>())
}

/// The user's mappings, then every built-in layout, built when a file first needs
/// them: roi's own format needs none, and building them (every alias normalized)
/// was 8 % of a 1,000-row report's instructions.
struct Layouts<'m> {
    mappings: &'m [layout::Layout],
    all: std::sync::OnceLock<Vec<layout::Layout>>,
}

impl<'m> Layouts<'m> {
    fn new(mappings: &'m [layout::Layout]) -> Layouts<'m> {
        Layouts {
            mappings,
            all: std::sync::OnceLock::new(),
        }
    }

    /// The mappings alone: all that names files, their encodings and lines to skip
    /// (no built-in layout does).
    fn mappings(&self) -> &[layout::Layout] {
        self.mappings
    }

    fn all(&self) -> &[layout::Layout] {
        self.all.get_or_init(|| {
            let mut all = self.mappings.to_vec();
            all.extend(layout::builtin());
            all
        })
    }
}

/// The records before which a header must appear (the header search window).
fn head_records(layouts: &[layout::Layout]) -> usize {
    15 + layouts.iter().map(|l| l.skip_lines).max().unwrap_or(0)
}

/// How a file's bytes are read: a UTF-8 file (with or without BOM) is read from disk
/// on each pass; anything else is decoded whole into memory.
fn on_disk_utf8(head: &[u8]) -> Option<(usize, &'static str)> {
    if head.starts_with(b"\xEF\xBB\xBF") {
        return Some((3, "utf-8 (BOM)"));
    }
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") || head.contains(&0) {
        return None;
    }
    match std::str::from_utf8(head) {
        Ok(_) => Some((0, "utf-8")),
        // A character cut by the end of the head is still UTF-8.
        Err(e) if e.error_len().is_none() => Some((0, "utf-8")),
        Err(_) => None,
    }
}

/// Reads one file into `builder`. With `threads` above one, a large file that is one
/// table (roi's format, most exports) is read in parts at once, one per thread; a
/// pass that cannot be (a file of several tables, a second pass) has a parser thread.
fn read_file(
    path: &Path,
    contents: Contents,
    modified: Option<std::time::SystemTime>,
    threads: usize,
    context: &tabular::FileContext,
    layouts: &Layouts,
    builder: &mut Builder,
) -> Result<(), InputError> {
    read_contents(path, contents, modified, threads, context, layouts, builder)?;
    // Only an export's name dates the day it was made: another day in a name (a
    // campaign's end) says nothing of the days after the last record.
    if let Some((day, tabular::NamePart::Day)) = context.name_date
        && names_export(path)
    {
        builder.records_through(day);
    }
    Ok(())
}

/// Whether a file's name calls it an export, as a word: HubSpot's
/// `hubspot-crm-exports-all-contacts-2026-08-11.csv`, `deals-export-2026-08-31.csv`,
/// `xuat-lien-he-2026-08-11.csv`.
fn names_export(path: &Path) -> bool {
    let Some(stem) = path.file_stem() else {
        return false;
    };
    let stem = crate::dataset::compose(&stem.to_string_lossy()).to_lowercase();
    stem.split(|c: char| !c.is_alphabetic())
        .any(|word| matches!(word, "export" | "exports" | "exported" | "xuat" | "xuất"))
}

fn read_contents(
    path: &Path,
    contents: Contents,
    modified: Option<std::time::SystemTime>,
    threads: usize,
    context: &tabular::FileContext,
    layouts: &Layouts,
    builder: &mut Builder,
) -> Result<(), InputError> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    // What the file is, by its bytes: a workbook saved under a `.csv` name is read
    // as one, a CSV named `.xls` as text, and an HTML page (an `.xls` some tools
    // write) is said to be one.
    let kind = text::sniff(contents.start());
    if kind == text::Sniffed::Html {
        return Err(InputError::file(path, crate::say!("error.html")));
    }
    let book = match kind {
        text::Sniffed::Zip => Some(text::Book::Zip),
        text::Sniffed::Ole => Some(text::Book::Ole),
        _ => None,
    };
    // An old-format workbook is read only under its own name: calamine's reader of
    // that format can exhaust memory on a damaged file (the fuzzer found one), so a
    // file that only looks like one is told to be saved as XLSX instead.
    if book == Some(text::Book::Ole) && extension != "xls" {
        return Err(InputError::file(
            path,
            crate::say!(
                "error.old_xls",
                error = crate::say!("error.old_xls_renamed")
            ),
        ));
    }
    if let Some(book) = book.filter(|_| path.as_os_str() != STDIN) {
        let layouts = layouts.all();
        builder.start_file(path.to_path_buf(), "workbook", modified);
        let workbook = text::workbook(path, book)?;
        let mut found = Vec::new();
        let mut first_header = None;
        // In a workbook of several sheets, errors, warnings and skipped rows name
        // the sheet: its rows are numbered from 1 on each.
        let several = workbook.sheets.len() > 1;
        // A hidden sheet is out of the user's sight (a stale copy, a lookup table):
        // where the visible sheets hold an export it is named, not read; where they
        // hold none (a dashboard over hidden raw data) the hidden ones are read.
        let (hidden, visible): (Vec<_>, Vec<_>) =
            workbook.sheets.into_iter().partition(|s| s.hidden);
        let mut hidden = Some(hidden);
        let mut sheets = visible.into_iter();
        while let Some(content) = sheets.next().or_else(|| {
            let hidden = hidden.take()?;
            if found.is_empty() {
                sheets = hidden.into_iter();
            } else {
                builder.set_sheet(None);
                for h in hidden.iter().filter(|h| !h.records.is_empty()) {
                    builder.warn(crate::msg!("warning.hidden_sheet", sheet = h.name));
                }
            }
            sheets.next()
        }) {
            let sheet = content.name.clone();
            let named = several.then(|| sheet.clone());
            builder.set_sheet(named.clone());
            let in_sheet = |e: InputError| e.in_sheet(named.as_deref());
            let text = text::Text::sheet(path, workbook.format, named.clone(), content);
            let (tables, _) =
                tabular::split_tables(&text, head_records(layouts)).map_err(in_sheet)?;
            for table in &tables {
                first_header.get_or_insert_with(|| {
                    tabular::likely_header(&table.head).map(|h| {
                        let columns = tabular::columns_of(&table.head, h);
                        ((h.clone(), columns), named.clone())
                    })
                });
                if let Some(name) =
                    read_table(path, table, context, layouts, builder).map_err(in_sheet)?
                {
                    found.push(format!("{name} (sheet `{sheet}`)"));
                }
            }
        }
        builder.set_sheet(None);
        let (header, sheet) = first_header.flatten().unzip();
        return finish_file(path, workbook.format, found, header, None, layouts, builder)
            .map_err(|e| e.in_sheet(sheet.flatten().as_deref()));
    }
    // A mapping for this file may name its encoding (an old Windows code page).
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let encoding = layouts
        .mappings()
        .iter()
        .filter(|l| l.files.as_ref().is_some_and(|g| g.matches(&name)))
        .find_map(|l| l.encoding);
    let in_memory = |contents: Contents| -> Result<text::Text, InputError> {
        let bytes = contents.whole(path)?;
        let decoded = text::decode(path, &bytes, encoding)?;
        Ok(text::Text::in_memory(path, decoded.text, &decoded.encoding))
    };
    let streamed = match &contents {
        Contents::Head(head) if encoding.is_none() => {
            on_disk_utf8(head).map(|(bom, name)| text::Text::on_disk(path, bom, head, name))
        }
        _ => None,
    };
    let mut text = match streamed {
        Some(text) => text,
        None => in_memory(contents)?,
    };
    text.set_read_ahead(threads > 1);
    let head = text.head();
    if looks_binary(head) {
        // Standard input is read as text: a workbook there is to be named as a file.
        let message = if path.as_os_str() == STDIN {
            crate::say!("error.binary_stdin")
        } else {
            crate::say!("error.binary")
        };
        return Err(InputError::file(path, message));
    }
    let trimmed = head.trim_start();
    if trimmed.is_empty() && !text.is_longer_than_head() {
        return Err(InputError::file(path, crate::say!("error.empty")));
    }
    // A `.json` file is JSON whatever it holds (`null`, `42` are no CSV header).
    let json_named = matches!(extension.as_str(), "json" | "ndjson" | "jsonl");
    if json_named || trimmed.starts_with('[') || trimmed.starts_with('{') {
        builder.start_file(path.to_path_buf(), "roi-json", modified);
        builder.describe_file(&text.encoding, crate::dataset::NATIVE_JSON);
        let whole = text.into_string()?;
        return native::read_json(path, &whole, builder);
    }
    // A file that turns out not to be UTF-8 past its beginning is decoded whole.
    // Twice the header window: a preamble of `#` lines may come before it.
    let (head, complete) = text.first_records(2 * head_records(layouts.mappings()));
    // The first records again, for an error among them (see below).
    let early = (!complete).then(|| head.clone());
    let first = head.iter().find(|r| !r.is_blank()).cloned();
    // The header an unknown file's error shows, below any title line (else the
    // first record), with what its columns hold.
    let likely = tabular::likely_header(&head)
        .or(first.as_ref())
        .map(|h| (h.clone(), tabular::columns_of(&head, h)));
    let no_table = tabular::no_table(&head);
    if first.as_ref().is_some_and(tabular::is_native_header) {
        // roi's format is one table: read once. Rows handed on as they are read
        // cannot be taken back, so then the bytes are checked first.
        if builder.is_flushing() && !text.is_utf8_throughout()? {
            text = in_memory(Contents::Head(Vec::new()))?;
        }
        builder.start_file(path.to_path_buf(), "roi-csv", modified);
        builder.describe_file(&text.encoding, crate::dataset::NATIVE_CSV);
        warn_encoding(&text.encoding, builder);
        let header = first.unwrap_or_default();
        let header = (&header, head.iter().take_while(|r| r.is_blank()).count());
        return match native::read_csv(path, &text, header, threads, builder) {
            Err(_) if text.not_utf8() => {
                builder.restart_file();
                let text = in_memory(Contents::Head(Vec::new()))?;
                builder.describe_file(&text.encoding, crate::dataset::NATIVE_CSV);
                warn_encoding(&text.encoding, builder);
                native::read_csv(path, &text, header, 1, builder)
            }
            read => read,
        };
    }
    let layouts = layouts.all();
    builder.start_file(path.to_path_buf(), "", modified);
    // Most exports are one table with a known header: read as such, the text is read
    // twice (votes, rows), not three times. Anything else is split into tables first.
    if complete
        && let Some(table) = tabular::single_table(&text, head, head_records(layouts))
        && let Ok(Some(matched)) = tabular::find_header(path, &table, layouts)
        && !matched.layout.reads_nothing()
    {
        let header = &matched.header_record(&table).cells;
        match tabular::read_table(path, &table, &matched, context, threads, builder)
            .map_err(|e| e.in_header(header))
        {
            Ok(Some(info)) => {
                let name = info.layout.clone();
                builder.add_table(info);
                let encoding = text.encoding.clone();
                return finish_file(path, &encoding, vec![name], likely, None, layouts, builder);
            }
            // Another table follows: nothing was kept.
            Ok(None) => {}
            // The text stops being UTF-8: rows read so far are dropped (a flushing
            // builder reads none before the end of its first pass).
            Err(_) if text.not_utf8() => {
                if !builder.is_flushing() {
                    builder.restart_file();
                }
            }
            Err(e) => return Err(e),
        }
    }
    // The tables, in one pass over the text.
    let (tables, _) = match tabular::split_tables(&text, head_records(layouts)) {
        Err(_) if text.not_utf8() && text.is_on_disk() => {
            text = in_memory(Contents::Head(Vec::new()))?;
            tabular::split_tables(&text, head_records(layouts))?
        }
        // An error among the first records (a quote left open in a short file):
        // there is one table up to it, and its header names the error's column.
        Err(e) => {
            let header = early
                .and_then(|head| tabular::single_table(&text, head, head_records(layouts)))
                .and_then(|table| {
                    let matched = tabular::find_header(path, &table, layouts).ok()??;
                    Some(matched.header_record(&table).clone())
                });
            return Err(match header {
                Some(header) if e.line.is_some_and(|l| l > header.line) => {
                    e.in_header(&header.cells)
                }
                _ => e,
            });
        }
        Ok(split) => split,
    };
    let mut found = Vec::new();
    for table in &tables {
        if let Some(name) = read_table(path, table, context, layouts, builder)? {
            found.push(name);
        }
    }
    let encoding = text.encoding.clone();
    finish_file(path, &encoding, found, likely, no_table, layouts, builder)
}

/// Reads one table when its header is recognised; notes it otherwise.
fn read_table(
    path: &Path,
    table: &tabular::Table<'_>,
    context: &tabular::FileContext,
    layouts: &[layout::Layout],
    builder: &mut Builder,
) -> Result<Option<String>, InputError> {
    match tabular::find_header(path, table, layouts) {
        Ok(Some(matched)) if matched.layout.reads_nothing() => {
            builder.warn(crate::msg!(
                "warning.unread_export",
                line = table.head[matched.header].line,
                layout = matched.layout.name
            ));
            Ok(Some(matched.layout.name.clone()))
        }
        Ok(Some(matched)) => {
            let header = &matched.header_record(table).cells;
            let Some(info) = tabular::read_table(path, table, &matched, context, 1, builder)
                .map_err(|e| e.in_header(header))?
            else {
                unreachable!("only an open table can be followed by another")
            };
            let name = info.layout.clone();
            builder.add_table(info);
            Ok(Some(name))
        }
        Ok(None) => {
            // A YouTube breakdown table gets its own warning ([`finish_file`]).
            if let Some(r) = table.head.iter().find(|r| !r.is_blank())
                && youtube_breakdown(r, layouts).is_none()
            {
                let rows = table.filled - 1;
                builder.warn(crate::msg!(
                    "warning.unknown_table",
                    line = r.line,
                    cells = r
                        .cells
                        .iter()
                        .take(4)
                        .map(str::trim)
                        .collect::<Vec<_>>()
                        .join(", "),
                    rows = rows
                ));
            }
            Ok(None)
        }
        Err((a, b)) if a.id.starts_with("mapping-") && b.id.starts_with("mapping-") => {
            Err(InputError::file(
                path,
                crate::say!("error.two_mappings", first = a.name, second = b.name),
            ))
        }
        Err((a, b)) => Err(InputError::file(
            path,
            crate::say!("error.two_layouts", first = a.name, second = b.name),
        )),
    }
}

/// The breakdown of a YouTube Studio table data by traffic source, geography,
/// device…: totals over the download's range by a dimension roi does not model, and
/// no dates, so no mapping can read it (its download's chart data and totals can).
fn youtube_breakdown<'r>(header: &'r text::Record, layouts: &[layout::Layout]) -> Option<&'r str> {
    let dated = header.cells.iter().any(|h| {
        let h = h.trim().to_lowercase();
        ["date", "ngày", "fecha", "datum"].contains(&h.as_str())
    });
    // By content (without a publish time) a mapping can read it.
    let by = header.cells.iter().next().map(str::trim)?;
    let by_content = ["Content", "Nội dung", "Contenido", "Inhalte"].contains(&by);
    let closest = tabular::closest_layouts(header, layouts);
    (!dated
        && !by_content
        && closest
            .first()
            .is_some_and(|c| c.starts_with("YouTube Studio")))
    .then_some(by)
}

fn finish_file(
    path: &Path,
    encoding: &str,
    found: Vec<String>,
    // The record most like the header (see [`tabular::likely_header`]), with what
    // its columns hold ([`tabular::columns_of`]).
    first: Option<(text::Record, Option<tabular::Columns>)>,
    // Why the text holds no table ([`tabular::no_table`]): said, with no mapping.
    no_table: Option<String>,
    layouts: &[layout::Layout],
    builder: &mut Builder,
) -> Result<(), InputError> {
    if found.is_empty() {
        if let Some(message) = no_table {
            return Err(InputError::file(path, message));
        }
        let Some((header, columns)) = first else {
            return Err(InputError::file(path, crate::say!("error.no_rows")));
        };
        if let Some(by) = youtube_breakdown(&header, layouts) {
            builder.describe_file(encoding, "YouTube Studio table data");
            builder.warn(crate::msg!("warning.youtube_breakdown", by = by));
            return Ok(());
        }
        let closest = tabular::closest_layouts(&header, layouts);
        return Err(InputError {
            path: path.to_path_buf(),
            line: Some(header.line),
            column: None,
            message: crate::say!(
                "error.unknown_export",
                header = {
                    // On the message's first line, which the stanza follows.
                    let joined = header
                        .cells
                        .iter()
                        .map(str::trim)
                        .collect::<Vec<_>>()
                        .join(",");
                    // Quoted as Debug would, but with every printable letter as it is:
                    // Debug escapes combining marks (Thai, Vietnamese decomposed).
                    let quoted = |text: &str| {
                        let mut out = String::from('"');
                        for c in text.chars() {
                            if c.is_control() || c == '"' || c == '\\' {
                                out.extend(c.escape_debug());
                            } else {
                                out.push(c);
                            }
                        }
                        out.push('"');
                        out
                    };
                    if joined.chars().count() > 300 {
                        format!("{}…", quoted(&joined.chars().take(300).collect::<String>()))
                    } else {
                        quoted(&joined)
                    }
                },
                closest = if closest.is_empty() {
                    String::new()
                } else {
                    crate::say!("error.closest", layouts = closest.join(", "))
                },
                why = tabular::mappings_not_applied(
                    path,
                    &header,
                    columns.as_ref().map(|c| c.numbers.as_slice()),
                    layouts,
                )
                .iter()
                .fold(String::new(), |mut out, m| {
                    // Each on a line of its own: a long header above it would
                    // cut it off.
                    out.push_str(".\n");
                    out.push_str(m);
                    out
                }),
                stanza = tabular::mapping_stanza(path, &header, columns.as_ref(), layouts)
            ),
        });
    }
    let mut names = found;
    names.dedup();
    builder.describe_file(encoding, &names.join(" + "));
    warn_encoding(encoding, builder);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::date_in_name;
    use chrono::NaiveDate;
    use std::path::Path;

    #[test]
    fn a_long_line_of_a_message_is_cut_and_many_short_lines_are_not() {
        let error = |message: String| super::InputError::file(Path::new("a.csv"), message);
        let long = error(format!("bad value {:?}", "x".repeat(5000))).to_string();
        assert!(
            long.chars().count() < 700 && long.ends_with("(message cut)"),
            "{long}"
        );
        let lines: Vec<String> = (0..40).map(|i| format!("\"Column {i}\" = \"…\"")).collect();
        let stanza = error(lines.join("\n")).to_string();
        assert!(stanza.ends_with("\"Column 39\" = \"…\""), "{stanza}");
        // A long line above the stanza is cut; the stanza is still written.
        let both = error(format!("{}\n\n{}", "y".repeat(5000), lines.join("\n"))).to_string();
        assert!(both.contains("(message cut)\n\n\"Column 0\""), "{both}");
        assert!(both.ends_with("\"Column 39\" = \"…\""), "{both}");
    }

    #[test]
    fn a_name_with_two_dates_dates_by_the_later() {
        use super::tabular::NamePart;
        let date = |name: &str| date_in_name(Path::new(name));
        let day = |y, m, d| Some((NaiveDate::from_ymd_opt(y, m, d).unwrap(), NamePart::Day));
        assert_eq!(
            date("tweet_activity_metrics_shop_20170401_20170408_en.csv"),
            day(2017, 4, 8)
        );
        assert_eq!(
            date("tiktok_overview_20241230_20250102.csv"),
            day(2025, 1, 2)
        );
        assert_eq!(date("Overview_2024-12-30_2025-01-02.csv"), day(2025, 1, 2));
        // A year alone dates by its last day.
        assert_eq!(
            date("report_1080p_2025.csv"),
            Some((
                NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
                NamePart::Year
            ))
        );
        // A month beside its year dates by its last day: digits either side, or its
        // name; a number of another length is no month.
        let month = |y, m, d| Some((NaiveDate::from_ymd_opt(y, m, d).unwrap(), NamePart::Month));
        assert_eq!(date("tiktok_2024-12.csv"), month(2024, 12, 31));
        assert_eq!(date("tiktok_02-2024.csv"), month(2024, 2, 29));
        assert_eq!(date("tiktok dec 2024.csv"), month(2024, 12, 31));
        assert_eq!(date("overview_jan2025.csv"), month(2025, 1, 31));
        assert_eq!(date("Overview 2025 September.csv"), month(2025, 9, 30));
        assert_eq!(
            date("report_v2_2025.csv"),
            Some((
                NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
                NamePart::Year
            ))
        );
        for year_only in [
            "top10_2024.csv",
            "v12_2024.csv",
            "marc_2024.csv",
            "report_2024_10k_followers.csv",
        ] {
            assert_eq!(
                date(year_only),
                Some((
                    NaiveDate::from_ymd_opt(2024, 12, 31).unwrap(),
                    NamePart::Year
                )),
                "{year_only}"
            );
        }
        assert_eq!(
            date("decor_2025.csv"),
            Some((
                NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
                NamePart::Year
            ))
        );
        // Digits inside a longer number are not a year; nor is one out of range.
        assert_eq!(date("export_120241230.csv"), None);
        assert_eq!(date("Overview_1200.csv"), None);
    }
}
