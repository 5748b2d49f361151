//! Bytes to records: the encoding (BOMs, UTF-16, Windows code pages), Excel's
//! `sep=` hint, the delimiter, and records that remember their physical line.
//! Spreadsheets (XLSX) arrive here as records too, so every later step is shared.

use std::path::Path;

use super::InputError;

/// What decoding found out about a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// `utf-8`, `utf-8 (BOM)`, `utf-16le`, `utf-16be`, `windows-1252`…
    pub encoding: String,
}

/// Decodes bytes: a BOM decides; otherwise UTF-8, or UTF-16 without BOM when every
/// other byte is zero, or `fallback` (Windows-1252 unless a mapping says otherwise).
pub fn decode(
    path: &Path,
    bytes: &[u8],
    fallback: Option<&'static encoding_rs::Encoding>,
) -> Result<Decoded, InputError> {
    let with = |encoding: &'static encoding_rs::Encoding, body: &[u8], name: &str| {
        let (text, had_errors) = encoding.decode_without_bom_handling(body);
        if had_errors {
            return Err(InputError::file(
                path,
                crate::say!("error.bad_encoding", encoding = name),
            ));
        }
        Ok(Decoded {
            text: text.into_owned(),
            encoding: name.to_owned(),
        })
    };
    if let Some(body) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return with(encoding_rs::UTF_8, body, "utf-8 (BOM)");
    }
    if let Some(body) = bytes.strip_prefix(b"\xFF\xFE") {
        return with(encoding_rs::UTF_16LE, body, "utf-16le");
    }
    if let Some(body) = bytes.strip_prefix(b"\xFE\xFF") {
        return with(encoding_rs::UTF_16BE, body, "utf-16be");
    }
    if let Some(encoding) = fallback {
        return with(encoding, bytes, encoding.name());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        if text.contains('\0') {
            return utf16_without_bom(path, bytes);
        }
        return Ok(Decoded {
            text: text.to_owned(),
            encoding: "utf-8".to_owned(),
        });
    }
    if looks_utf16(bytes) {
        return utf16_without_bom(path, bytes);
    }
    // Not UTF-8: an old Excel "CSV" in the Windows code page. Vietnamese text in
    // Windows-1258 decodes the same way for its ASCII and most letters.
    with(encoding_rs::WINDOWS_1252, bytes, "windows-1252")
}

fn looks_utf16(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(400)];
    sample.len() >= 4 && sample.iter().filter(|&&b| b == 0).count() * 3 >= sample.len()
}

fn utf16_without_bom(path: &Path, bytes: &[u8]) -> Result<Decoded, InputError> {
    // ASCII text in UTF-16LE has its zero bytes at odd positions.
    let zeros_odd = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let zeros_even = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
    let (encoding, name) = if zeros_odd >= zeros_even {
        (encoding_rs::UTF_16LE, "utf-16le (no BOM)")
    } else {
        (encoding_rs::UTF_16BE, "utf-16be (no BOM)")
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(InputError::file(path, crate::say!("error.bad_utf16")));
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: name.to_owned(),
    })
}

/// The most columns a row may have: exports have dozens; more is damage or not a table.
pub const MAX_COLUMNS: usize = 10_000;

/// The longest row roi reads (1 MiB): a post's text is a few kilobytes.
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// One record of cells, with its first physical line (1-based). The cells share one
/// buffer (a csv `StringRecord`): a record costs its text and an offset per cell,
/// not an allocation per cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: u64,
    pub cells: csv::StringRecord,
}

impl Record {
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }

    pub fn first(&self) -> &str {
        self.cells.get(0).map_or("", str::trim)
    }
}

/// Splits text into records. An Excel `sep=X` first line names the delimiter;
/// otherwise the delimiter is the one of `,`, `;`, tab that splits the first lines
/// most consistently.
pub fn records(path: &Path, text: &str) -> Result<(Vec<Record>, u8), InputError> {
    let mut body = text;
    let mut line_offset = 0;
    let mut delimiter = None;
    if let Some(first) = text.lines().next()
        && let Some(sep) = first.trim().strip_prefix("sep=")
        && sep.len() == 1
    {
        delimiter = Some(sep.as_bytes()[0]);
        body = &text[first.len()..];
        body = body
            .strip_prefix("\r\n")
            .or_else(|| body.strip_prefix('\n'))
            .unwrap_or(body);
        line_offset = 1;
    }
    let delimiter = delimiter.unwrap_or_else(|| sniff_delimiter(body));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(body.as_bytes());
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut lines = LineCounter::new(body);
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                return Err(InputError {
                    path: path.to_path_buf(),
                    line: e.position().map(|p| p.line() + line_offset),
                    column: None,
                    message: crate::say!("error.bad_csv", error = e),
                });
            }
        }
        let line = record.position().map_or(0, |p| lines.at(p.byte())) + line_offset;
        let bytes = record.as_byte_record().as_slice().len();
        if bytes > MAX_RECORD_BYTES {
            return Err(InputError {
                path: path.to_path_buf(),
                line: Some(line),
                column: None,
                message: crate::say!("error.long_row", bytes = bytes, max = MAX_RECORD_BYTES),
            });
        }
        if record.len() > MAX_COLUMNS {
            return Err(InputError {
                path: path.to_path_buf(),
                line: Some(line),
                column: None,
                message: crate::say!("error.wide_row", cells = record.len(), max = MAX_COLUMNS),
            });
        }
        out.push(Record {
            line,
            cells: record.clone(),
        });
    }
    Ok((out, delimiter))
}

/// The 1-based lines of records, from their byte offsets. The csv crate's own line
/// count is one short after a CRLF (the `\n` is counted with the next record), so
/// lines are counted here from the bytes, skipping the terminator a record position
/// may hold. Records come in order, so each count goes on from the last one: linear
/// in the file, not in records × file.
pub struct LineCounter<'a> {
    bytes: &'a [u8],
    at: usize,
    newlines: u64,
}

impl<'a> LineCounter<'a> {
    pub fn new(text: &'a str) -> LineCounter<'a> {
        LineCounter {
            bytes: text.as_bytes(),
            at: 0,
            newlines: 0,
        }
    }

    /// The line of the record starting at `byte` (offsets never go backwards).
    pub fn at(&mut self, byte: u64) -> u64 {
        let bytes = self.bytes;
        let mut end = (byte as usize).min(bytes.len());
        while end < bytes.len() && (bytes[end] == b'\n' || bytes[end] == b'\r') {
            end += 1;
        }
        if end < self.at {
            // Not in order after all: count from the start.
            self.at = 0;
            self.newlines = 0;
        }
        self.newlines += bytes[self.at..end].iter().filter(|&&b| b == b'\n').count() as u64;
        self.at = end;
        self.newlines + 1
    }
}

fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .take(10)
        .collect();
    let mut best = (b',', 0usize);
    for d in [b',', b';', b'\t'] {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, d)).collect();
        // The delimiter that appears most, on the most lines.
        let score = counts.iter().filter(|&&c| c > 0).count() * 1000
            + counts.iter().max().copied().unwrap_or(0);
        if score > best.1 {
            best = (d, score);
        }
    }
    best.0
}

fn count_outside_quotes(line: &str, delimiter: u8) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for b in line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == delimiter && !quoted {
            n += 1;
        }
    }
    n
}

/// Every sheet of a workbook as records (rows numbered from 1).
pub fn workbook(path: &Path) -> Result<Vec<(String, Vec<Record>)>, InputError> {
    use calamine::{Data, Reader, open_workbook_auto};
    let mut book = open_workbook_auto(path)
        .map_err(|e| InputError::file(path, crate::say!("error.read_workbook", error = e)))?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|e| {
            InputError::file(
                path,
                crate::say!("error.read_sheet", sheet = name, error = e),
            )
        })?;
        let first_row = range.start().map_or(0, |(r, _)| r);
        let records = range
            .rows()
            .enumerate()
            .map(|(i, row)| Record {
                line: u64::from(first_row) + i as u64 + 1,
                cells: row
                    .iter()
                    .map(|cell| match cell {
                        Data::Empty => String::new(),
                        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
                        Data::Float(f) => crate::render::plain_number(*f),
                        Data::Int(i) => i.to_string(),
                        Data::Bool(b) => b.to_string(),
                        Data::DateTime(d) => excel_date(d.as_f64()),
                        Data::Error(e) => format!("#{e:?}"),
                    })
                    .collect(),
            })
            .collect();
        sheets.push((name, records));
    }
    Ok(sheets)
}

/// An Excel serial date as ISO text (the 1900 date system).
pub fn excel_date(serial: f64) -> String {
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    base.checked_add_days(chrono::Days::new(serial.floor().max(0.0) as u64))
        .map_or_else(|| serial.to_string(), |d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_boms_and_utf16() {
        let p = Path::new("x.csv");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "sep=,\r\n\"Reach\""
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        let d = decode(p, &utf16, None).unwrap();
        assert_eq!(d.text, "sep=,\r\n\"Reach\"");
        assert_eq!(d.encoding, "utf-16le");
        let no_bom: Vec<u8> = "Date,Reach\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(decode(p, &no_bom, None).unwrap().text, "Date,Reach\n");
        let latin = b"Caf\xe9,1\n";
        let d = decode(p, latin, None).unwrap();
        assert_eq!(d.text, "Café,1\n");
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn sep_line_and_sniffing() {
        let p = Path::new("x.csv");
        let (recs, d) = records(p, "sep=;\n\"a\";\"b\"\n1;2\n").unwrap();
        assert_eq!(d, b';');
        assert_eq!(recs[0].line, 2);
        assert_eq!(recs[1].cells, vec!["1", "2"]);
        let (_, d) = records(p, "Day\tCampaign\tCost\n2026-01-01\tA\t$412.30\n").unwrap();
        assert_eq!(d, b'\t');
        let (_, d) = records(
            p,
            "Jour;Nom de la campagne;Montant\n2026-01-01;\"A, B\";1 234,56\n",
        )
        .unwrap();
        assert_eq!(d, b';');
    }

    #[test]
    fn lines_count_crlf_files_right() {
        let p = Path::new("x.csv");
        let (recs, _) = records(p, "a,b\r\n1,2\r\n\r\n3,4\r\n").unwrap();
        let lines: Vec<u64> = recs.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 2, 4]);
        let (recs, _) = records(p, "sep=,\r\n\"t\"\r\na,b\r\n").unwrap();
        assert_eq!(recs[1].line, 3);
    }

    #[test]
    fn excel_serials() {
        assert_eq!(excel_date(46_235.0), "2026-08-01");
    }
}

#[cfg(test)]
mod line_tests {
    use super::*;

    #[test]
    fn lines_from_offsets_in_one_pass() {
        let text = "a,b\r\n1,2\r\n\r\n3,\"x\ny\"\n4,5\n";
        let mut lines = LineCounter::new(text);
        // Offsets of the records as the csv crate gives them.
        assert_eq!(lines.at(0), 1);
        assert_eq!(lines.at(5), 2);
        assert_eq!(lines.at(10), 4);
        assert_eq!(lines.at(20), 6);
        // Out of order: counted again from the start, still right.
        assert_eq!(lines.at(5), 2);
    }
}
