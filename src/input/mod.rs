//! Finding input files, reading their bytes, deciding which export each one is, and
//! handing its rows to the [`Builder`](crate::normalize::Builder).
//!
//! Every error names the file, and where there is one the line, the column, the
//! value and what was expected.

mod native;
pub mod number;

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
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ": column {column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl InputError {
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
}

/// The input name that means standard input.
pub const STDIN: &str = "-";

/// File extensions looked at inside folders.
const EXTENSIONS: &[&str] = &["csv", "tsv", "txt", "json", "ndjson", "jsonl"];

/// Expands files, folders (recursively) and glob patterns, relative to `base`.
pub fn expand(inputs: &[String], base: &Path) -> Result<Vec<PathBuf>, InputError> {
    let mut files = Vec::new();
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
            let matches = glob::glob(&pattern).map_err(|e| {
                InputError::file(&path, format!("is not a valid glob pattern: {e}"))
            })?;
            let before = files.len();
            for entry in matches {
                let entry = entry.map_err(|e| InputError::file(e.path(), e.error().to_string()))?;
                if entry.is_file() {
                    files.push(entry);
                }
            }
            if files.len() == before {
                return Err(InputError::file(
                    &path,
                    "matches no file; check the pattern in `inputs` (it is relative to roi.toml)",
                ));
            }
        } else if path.is_dir() {
            let before = files.len();
            for entry in walkdir::WalkDir::new(&path)
                .follow_links(true)
                .sort_by_file_name()
            {
                let entry = entry.map_err(|e| {
                    let at = e.path().unwrap_or(&path).to_path_buf();
                    InputError::file(&at, format!("cannot read the folder: {e}"))
                })?;
                let p = entry.path();
                let wanted = p
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
                if entry.file_type().is_file() && wanted {
                    files.push(p.to_path_buf());
                }
            }
            if files.len() == before {
                return Err(InputError::file(
                    &path,
                    format!(
                        "is a folder without export files (looked for {})",
                        EXTENSIONS.join(", ")
                    ),
                ));
            }
        } else if path.is_file() {
            files.push(path);
        } else {
            return Err(InputError::file(&path, "no such file or folder"));
        }
    }
    // The same file named twice (a folder and a file in it) is read once.
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    Ok(files)
}

/// Reads every file into one de-duplicated dataset.
pub fn load(files: &[PathBuf], options: &ReadOptions) -> Result<Dataset, InputError> {
    let mut builder = Builder::new(options.default_currency.clone());
    for path in files {
        let mut bytes = Vec::new();
        if path.as_os_str() == STDIN {
            std::io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|e| InputError::file(path, format!("cannot read standard input: {e}")))?;
        } else {
            std::fs::File::open(path)
                .and_then(|mut f| f.read_to_end(&mut bytes))
                .map_err(|e| InputError::file(path, format!("cannot read the file: {e}")))?;
        }
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        read_file(path, &bytes, modified, &mut builder)?;
        if options.strict
            && let Some(file) = builder_last_skip(&builder)
        {
            return Err(InputError {
                path: path.clone(),
                line: Some(file.first_line),
                column: None,
                message: format!(
                    "{} row(s) skipped ({}); `--strict` makes skipped rows errors",
                    file.rows, file.reason
                ),
            });
        }
    }
    Ok(builder.finish())
}

fn builder_last_skip(builder: &Builder) -> Option<crate::dataset::Skipped> {
    builder.last_file_skips().first().cloned()
}

/// Decodes a file's text: UTF-8 with or without a byte-order mark.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<String, InputError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        InputError {
            path: path.to_path_buf(),
            line: Some(line),
            column: None,
            message: format!("byte {at} is not UTF-8; save the file as UTF-8 (CSV UTF-8 in Excel)"),
        }
    })
}

fn read_file(
    path: &Path,
    bytes: &[u8],
    modified: Option<std::time::SystemTime>,
    builder: &mut Builder,
) -> Result<(), InputError> {
    let text = decode(path, bytes)?;
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(InputError::file(path, "the file is empty"));
    }
    if trimmed.starts_with('[') || trimmed.starts_with('{') {
        builder.start_file(path.to_path_buf(), "roi-json", modified);
        native::read_json(path, &text, builder)
    } else {
        builder.start_file(path.to_path_buf(), "roi-csv", modified);
        native::read_csv(path, &text, builder)
    }
}
