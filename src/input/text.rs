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
        // Windows-1258 writes Vietnamese tones as combining marks (`ê` + `◌́`), where
        // headers, names and word lists are composed (`ế`): composed, they compare.
        let text = if encoding == encoding_rs::WINDOWS_1258 {
            use unicode_normalization::UnicodeNormalization;
            text.nfc().collect()
        } else {
            text.into_owned()
        };
        Ok(Decoded {
            text,
            encoding: name.to_owned(),
        })
    };
    if let Some(body) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        // The mark says UTF-8: a byte that is not is damage, at its place.
        if let Err(e) = std::str::from_utf8(body) {
            return Err(damaged_utf8_error(path, bytes, 3 + e.valid_up_to()));
        }
        return with(encoding_rs::UTF_8, body, "utf-8 (BOM)");
    }
    if let Some(body) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(path, body, false, "utf-16le");
    }
    if let Some(body) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(path, body, true, "utf-16be");
    }
    if let Some(encoding) = fallback {
        return with(encoding, bytes, encoding.name());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        // UTF-16 without a byte-order mark can be valid UTF-8 too (ASCII, and CJK
        // characters whose bytes are all below 0x80): its NULs are many. A NUL or
        // two in text is damage: say where.
        if looks_utf16(bytes) || many_nuls(bytes) {
            return utf16_without_bom(path, bytes);
        }
        if let Some(at) = text.find('\0') {
            let lf = lf_text(bytes);
            let line = line_breaks(&bytes[..at], lf) + 1;
            let start = line_start(bytes, at, lf);
            return Err(InputError {
                path: path.to_path_buf(),
                line: Some(line),
                column: None,
                message: crate::say!(
                    "error.nul_byte",
                    character = text[start..at].chars().count() + 1
                ),
            });
        }
        return Ok(Decoded {
            text: text.to_owned(),
            encoding: "utf-8".to_owned(),
        });
    }
    if looks_utf16(bytes) {
        return utf16_without_bom(path, bytes);
    }
    // UTF-8 with a few bytes that are not: damage (a cell pasted from another
    // encoding), not a file in an old code page, which would garble every letter.
    if let Some(at) = damaged_utf8(bytes) {
        return Err(damaged_utf8_error(path, bytes, at));
    }
    // Not UTF-8: an old Excel "CSV" in the Windows code page, Vietnamese or Western.
    if looks_windows_1258(bytes) {
        return with(encoding_rs::WINDOWS_1258, bytes, "windows-1258");
    }
    with(encoding_rs::WINDOWS_1252, bytes, "windows-1252")
}

/// Where the first byte that is not UTF-8 is, when the bytes are UTF-8 with damage
/// rather than text in an old code page: the valid multi-byte characters that a code
/// page does not write by chance clearly outnumber the runs of bytes that are not
/// UTF-8. In Windows-1252 a valid pair arises wherever a capital accented letter
/// stands before a symbol (`É”` is `ɔ`, `Ã”` is `Ô`), so a two-byte character counts
/// only when it is a letter of the alphabets exports are written in (`é`, `đ`, `ơ`,
/// `ș`, Greek, Cyrillic) or a Latin-1 symbol (`£`, `®`), and half as much as a
/// three- or four-byte one (`ế`, `“`,
/// CJK), which needs two symbols in a row after a small letter.
fn damaged_utf8(bytes: &[u8]) -> Option<usize> {
    let (mut weight, mut invalid) = (0usize, 0usize);
    let mut first = None;
    let mut at = 0;
    for chunk in bytes.utf8_chunks() {
        weight += chunk
            .valid()
            .chars()
            .map(|c| match c.len_utf8() {
                1 => 0,
                2 => usize::from(common_letter(c) || latin1_symbol(c)),
                _ => 2,
            })
            .sum::<usize>();
        at += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            invalid += 1;
            first.get_or_insert(at);
        }
        at += chunk.invalid().len();
    }
    let first = first?;
    (weight > 0 && weight >= 2 * invalid).then_some(first)
}

/// A Latin-1 symbol (`£`, `°`, `®`, a no-break space): in UTF-8 `C2` and a byte
/// from `A0`, which in Windows-1252 is `Â` before a symbol, a pair no text writes.
fn latin1_symbol(c: char) -> bool {
    ('\u{A0}'..='\u{BF}').contains(&c)
}

/// A two-byte UTF-8 character that text is written with: the accented Latin letters
/// of Western, Central European, Vietnamese and Romanian text, Greek and Cyrillic.
fn common_letter(c: char) -> bool {
    matches!(c,
        '\u{C0}'..='\u{17F}' | '\u{1A0}' | '\u{1A1}' | '\u{1AF}' | '\u{1B0}'
        | '\u{218}'..='\u{21B}' | '\u{386}'..='\u{3CE}' | '\u{400}'..='\u{45F}')
        && c.is_alphabetic()
}

/// The error for UTF-8 damaged at byte `at`: its line, its character in the line,
/// and the byte.
fn damaged_utf8_error(path: &Path, bytes: &[u8], at: usize) -> InputError {
    let before = &bytes[..at];
    let lf = lf_text(bytes);
    let line = line_breaks(before, lf) + 1;
    let in_line = &before[line_start(bytes, at, lf)..];
    let in_line = in_line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(in_line);
    let character = String::from_utf8_lossy(in_line).chars().count() + 1;
    InputError {
        path: path.to_path_buf(),
        line: Some(line),
        column: None,
        message: crate::say!(
            "error.damaged_utf8",
            byte = format!("0x{:02X}", bytes[at]),
            character = character
        ),
    }
}

/// The line breaks in a run of `\r` and `\n` bytes. In a text with a `\n` anywhere,
/// its `\n`s end lines (`\r\n`, and `\r\r\n` as Excel writes it at times, end one;
/// a `\r` inside a quoted cell ends none); in a text without one (Excel's "CSV
/// (Macintosh)", whose lines end in `\r`), its `\r`s do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Breaks {
    lf: u64,
    cr: u64,
}

impl Breaks {
    fn add(&mut self, byte: u8) {
        match byte {
            b'\n' => self.lf += 1,
            b'\r' => self.cr += 1,
            _ => {}
        }
    }

    /// The lines the run ends, in a text with `\n`s (`lf_text`) or without.
    fn lines(self, lf_text: bool) -> u64 {
        if lf_text { self.lf } else { self.cr }
    }

    fn plus(self, other: Breaks) -> Breaks {
        Breaks {
            lf: self.lf + other.lf,
            cr: self.cr + other.cr,
        }
    }
}

/// The line breaks in `bytes` (see [`Breaks`]), of a text with `\n`s (`lf_text`) or
/// without: the line of the byte after them is one more.
pub fn line_breaks(bytes: &[u8], lf_text: bool) -> u64 {
    let byte = if lf_text { b'\n' } else { b'\r' };
    memchr::memchr_iter(byte, bytes).count() as u64
}

/// Where the line holding byte `at` starts, in a text with `\n`s or without.
fn line_start(bytes: &[u8], at: usize, lf_text: bool) -> usize {
    let byte = if lf_text { b'\n' } else { b'\r' };
    memchr::memrchr(byte, &bytes[..at]).map_or(0, |i| i + 1)
}

/// Whether a text's lines end in `\n` (see [`Breaks`]).
fn lf_text(bytes: &[u8]) -> bool {
    memchr::memchr(b'\n', bytes).is_some()
}

/// Whether bytes that are not UTF-8 read as Vietnamese in Windows-1258. Its five
/// tone marks are bytes that Windows-1252 reads as `Ì Ò Þ ì ò`, and they follow
/// vowels. Italian also writes `ì` and `ò` after vowels (`può`, `ciò`), so only what
/// no Western text writes counts for Vietnamese: a tone after one of 1258's own
/// vowels (`â ă ê ô ơ ư`, which 1252 reads as `â ã ê ô õ ý`), a capital-looking tone
/// (`Ì Ò Þ`) after a lower-case vowel, as in `Ngày`, `tiền`, `đã`, and `Đ`/`đ`
/// (1252's `Ð`/`ð`, which Icelandic writes inside and at the end of words) starting a
/// word before a vowel. What counts for Western text is a tone byte after a consonant
/// or at a word's start (`così`, `Þetta`). One sign suffices when nothing speaks for
/// 1252 (a short name, `Tết`); otherwise Vietnamese needs two and the majority.
fn looks_windows_1258(bytes: &[u8]) -> bool {
    const TONES: [u8; 5] = [0xCC, 0xD2, 0xDE, 0xEC, 0xF2];
    const CAPITAL_TONES: [u8; 3] = [0xCC, 0xD2, 0xDE];
    // â ă ê ô ơ ư in both cases.
    const OWN_VOWELS: &[u8] = b"\xC2\xC3\xCA\xD4\xD5\xDD\xE2\xE3\xEA\xF4\xF5\xFD";
    // Đ đ.
    const D_BAR: [u8; 2] = [0xD0, 0xF0];
    let vowel = |b: u8| {
        b"aeiouyAEIOUY".contains(&b) || OWN_VOWELS.contains(&b) || (0xC0..=0xFF).contains(&b)
    };
    let (mut vietnamese, mut other) = (0, 0);
    for (i, &byte) in bytes.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| bytes[j]);
        if D_BAR.contains(&byte) {
            let starts_word = before.is_none_or(|b| !b.is_ascii_alphanumeric() && b < 0x80);
            let next_is_vowel = bytes
                .get(i + 1)
                .is_some_and(|&b| vowel(b) && !TONES.contains(&b) && !D_BAR.contains(&b));
            if starts_word && next_is_vowel {
                vietnamese += 1;
            }
            continue;
        }
        if !TONES.contains(&byte) {
            continue;
        }
        let Some(before) = before else {
            other += 1;
            continue;
        };
        let lower_vowel = b"aeiouy".contains(&before) || OWN_VOWELS.contains(&before);
        if OWN_VOWELS.contains(&before) || (lower_vowel && CAPITAL_TONES.contains(&byte)) {
            vietnamese += 1;
        } else if !lower_vowel && !b"AEIOUY".contains(&before) {
            other += 1;
        }
    }
    (vietnamese >= 1 && other == 0) || (vietnamese >= 2 && vietnamese > other)
}

fn looks_utf16(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(400)];
    sample.len() >= 4 && sample.iter().filter(|&&b| b == 0).count() * 3 >= sample.len()
}

/// Whether a tenth or more of the bytes are NULs.
fn many_nuls(bytes: &[u8]) -> bool {
    bytes.iter().filter(|&&b| b == 0).count() * 10 >= bytes.len()
}

fn utf16_without_bom(path: &Path, bytes: &[u8]) -> Result<Decoded, InputError> {
    // ASCII text in UTF-16LE has its zero bytes at odd positions.
    let zeros_odd = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let zeros_even = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
    // Text's NULs are the high halves of its ASCII letters, all on one side;
    // a program or an image has them on both (`U+0100` and its like are rare).
    if zeros_odd.min(zeros_even) * 4 > zeros_odd.max(zeros_even) {
        let message = if path.as_os_str() == super::STDIN {
            crate::say!("error.binary_stdin")
        } else {
            crate::say!("error.binary")
        };
        return Err(InputError::file(path, message));
    }
    if zeros_odd >= zeros_even {
        decode_utf16(path, bytes, false, "utf-16le (no BOM)")
    } else {
        decode_utf16(path, bytes, true, "utf-16be (no BOM)")
    }
}

/// Decodes UTF-16 (after its BOM). Damage is told at its line and character: a
/// surrogate without its pair, or an odd last byte or a first half of a pair at the
/// end, where the file was cut off.
fn decode_utf16(
    path: &Path,
    body: &[u8],
    big_endian: bool,
    name: &str,
) -> Result<Decoded, InputError> {
    let units = body.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    });
    let mut text = String::with_capacity(body.len() / 2);
    // The first damage: the characters decoded before it, and the unit.
    let mut damage: Option<(usize, u16)> = None;
    let mut chars = 0;
    for decoded in char::decode_utf16(units) {
        match decoded {
            Ok(c) => text.push(c),
            Err(e) => {
                damage.get_or_insert((chars, e.unpaired_surrogate()));
                text.push(char::REPLACEMENT_CHARACTER);
            }
        }
        chars += 1;
    }
    let odd = body.len() % 2 == 1;
    // A high surrogate as the last unit lost its pair to the cut.
    let cut_pair =
        damage.is_some_and(|(at, unit)| at + 1 == chars && (0xD800..0xDC00).contains(&unit));
    if damage.is_none() && !odd {
        return Ok(Decoded {
            text,
            encoding: name.to_owned(),
        });
    }
    let at = match damage {
        Some((at, _)) if !cut_pair => at,
        _ => chars,
    };
    // Lines as the reader counts them: by `\n`, or by `\r` in a text without one.
    let lf = text.contains('\n');
    let before: Vec<char> = text.chars().take(at).collect();
    let is_break = |c: &char| if lf { *c == '\n' } else { *c == '\r' };
    let line = before.iter().filter(|c| is_break(c)).count() as u64 + 1;
    let character = before.iter().rev().take_while(|c| !is_break(c)).count() + 1;
    let message = match damage {
        Some((_, unit)) if !cut_pair => crate::say!(
            "error.utf16_damaged",
            encoding = name,
            character = character,
            unit = format!("0x{unit:04X}")
        ),
        _ => crate::say!("error.utf16_cut", encoding = name),
    };
    Err(InputError {
        path: path.to_path_buf(),
        line: Some(line),
        column: None,
        message,
    })
}

/// The most columns a row may have: exports have dozens; more is damage or not a table.
pub const MAX_COLUMNS: usize = 10_000;

/// The longest row roi reads (1 MiB): a post's text is a few kilobytes.
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// One record of cells, with its first physical line (1-based). The cells share one
/// buffer: a record costs its text and two offsets per cell, not an allocation per
/// cell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    pub line: u64,
    pub cells: simd_csv::StringRecord,
    /// Which cells of a workbook row hold a number typed as one, not text: their
    /// value is what the cell says, whatever the decimal mark of the file's text
    /// cells. Empty for text files, whose cells are all text.
    pub typed: Vec<bool>,
    /// A workbook row's formula cells saved without a computed value: the cell's
    /// index, its column letters and the error to raise when the cell is read as a
    /// value. Such a cell reads as empty; a cell roi does not read (an unmapped
    /// column, a total row) may hold one.
    pub unsaved: Vec<(usize, String, String)>,
    /// Which date cells of a workbook row are shown without a year (`d-mmm`): Excel
    /// gives a year-less text it reads as a date (TikTok's `December 30`) the year of
    /// the day it was opened, which is no year the export said. Empty for text files.
    pub no_year: Vec<bool>,
}

impl Record {
    /// Whether cell `i` is a typed number (see [`Record::typed`]).
    pub fn is_typed(&self, i: usize) -> bool {
        self.typed.get(i).copied().unwrap_or(false)
    }

    /// Whether cell `i` is a date shown without its year (see [`Record::no_year`]).
    pub fn shows_no_year(&self, i: usize) -> bool {
        self.no_year.get(i).copied().unwrap_or(false)
    }

    /// No cell holds anything: a formula saved without its value is something
    /// (unknown), so its row is read, not passed over as an empty line.
    pub fn is_blank(&self) -> bool {
        self.unsaved.is_empty() && self.cells.iter().all(|c| super::value::trim(c).is_empty())
    }

    pub fn first(&self) -> &str {
        self.cells.get(0).map_or("", super::value::trim)
    }
}

/// How much of a file is looked at to decide its encoding, delimiter and kind.
pub const HEAD_BYTES: usize = 64 * 1024;

/// A file's text, readable more than once. A UTF-8 file stays on disk and each pass
/// reads it again, so memory does not grow with its size; standard input, files in
/// other encodings and workbook sheets are held in memory.
pub struct Text {
    path: std::path::PathBuf,
    held: Held,
    /// Bytes before the first record: a BOM and Excel's `sep=` line.
    skip: u64,
    /// Lines before the first record (the `sep=` line).
    line_offset: u64,
    pub delimiter: u8,
    /// The encoding, as `roi inspect` shows it.
    pub encoding: String,
    /// The first [`HEAD_BYTES`] of the text (after a BOM), and whether there is more.
    head: String,
    longer: bool,
    /// A pass met bytes that are not UTF-8 (the file is then decoded another way).
    /// Parts of the file may be read on several threads at once.
    not_utf8: std::sync::atomic::AtomicBool,
    /// Records are parsed on a second thread ([`Text::set_read_ahead`]).
    read_ahead: bool,
    /// The workbook sheet it is, in a workbook of several sheets.
    pub sheet: Option<String>,
    /// A workbook sheet's column of each record's first cell (0-based): errors name
    /// the sheet's column letters, and a table may start in column B.
    first_column: Option<u32>,
    /// A workbook saved in Excel's 1904 date system: its serials count from 1904.
    pub date_1904: bool,
}

enum Held {
    Disk,
    Text(String),
    Records(Vec<Record>),
}

impl Text {
    /// A UTF-8 file read from disk on each pass; `bom` bytes start it, `head` is its
    /// beginning (at most [`HEAD_BYTES`]).
    pub fn on_disk(path: &Path, bom: usize, head: &[u8], encoding: &str) -> Text {
        let head = &head[bom.min(head.len())..];
        let head = match std::str::from_utf8(head) {
            Ok(t) => t,
            // Cut inside a character at the end of the head.
            Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or(""),
        };
        Text::new(path, Held::Disk, bom, head, true, encoding)
    }

    /// Text already decoded into memory.
    pub fn in_memory(path: &Path, text: String, encoding: &str) -> Text {
        let mut end = HEAD_BYTES.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let head = text[..end].to_owned();
        let longer = end < text.len();
        Text::new(path, Held::Text(text), 0, &head, longer, encoding)
    }

    /// The beginning of the text, to tell what it is.
    pub fn head(&self) -> &str {
        &self.head
    }

    /// Whether the text goes on past [`Text::head`].
    pub fn is_longer_than_head(&self) -> bool {
        self.longer
    }

    pub fn is_on_disk(&self) -> bool {
        matches!(self.held, Held::Disk)
    }

    /// The whole text (a JSON file is parsed whole).
    pub fn into_string(self) -> Result<String, InputError> {
        match self.held {
            Held::Text(text) => Ok(text),
            Held::Records(_) => Ok(String::new()),
            Held::Disk => {
                let bytes = std::fs::read(&self.path).map_err(|e| {
                    InputError::file(&self.path, crate::say!("error.read_file", error = e))
                })?;
                let body = bytes.get(self.skip as usize..).unwrap_or_default();
                String::from_utf8(body.to_vec()).map_err(|_| match damaged_utf8(&bytes) {
                    Some(at) => damaged_utf8_error(&self.path, &bytes, at),
                    None => InputError::file(
                        &self.path,
                        crate::say!("error.bad_encoding", encoding = self.encoding),
                    ),
                })
            }
        }
    }

    /// Whether the whole text is UTF-8: a file on disk is checked to its end, in
    /// pieces, for a reader that would otherwise only find out while rows are read.
    pub fn is_utf8_throughout(&self) -> Result<bool, InputError> {
        use std::io::Read;
        if !self.is_on_disk() {
            return Ok(true);
        }
        let error = |e: std::io::Error| {
            InputError::file(&self.path, crate::say!("error.read_file", error = e))
        };
        let mut file = std::fs::File::open(&self.path).map_err(error)?;
        let mut buffer = vec![0; 1 << 16];
        // Bytes of a character cut by the end of the previous piece.
        let mut carried = 0;
        loop {
            let n = file.read(&mut buffer[carried..]).map_err(error)?;
            if n == 0 {
                return Ok(carried == 0);
            }
            let filled = carried + n;
            match std::str::from_utf8(&buffer[..filled]) {
                Ok(_) => carried = 0,
                Err(e) if e.error_len().is_none() => {
                    buffer.copy_within(e.valid_up_to()..filled, 0);
                    carried = filled - e.valid_up_to();
                }
                Err(_) => return Ok(false),
            }
        }
    }

    /// Whether a pass found bytes that are not UTF-8.
    pub fn not_utf8(&self) -> bool {
        self.not_utf8.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// A workbook sheet's records; `named` names it in a workbook of several.
    pub fn sheet(path: &Path, format: &str, named: Option<String>, sheet: Sheet) -> Text {
        Text {
            path: path.to_path_buf(),
            held: Held::Records(sheet.records),
            skip: 0,
            line_offset: 0,
            delimiter: b',',
            encoding: format.to_owned(),
            head: String::new(),
            longer: false,
            not_utf8: std::sync::atomic::AtomicBool::new(false),
            read_ahead: false,
            sheet: named,
            first_column: Some(sheet.first_column),
            date_1904: sheet.date_1904,
        }
    }

    /// Whether the text is a workbook sheet's.
    pub fn is_sheet(&self) -> bool {
        self.first_column.is_some()
    }

    /// Cell `i`'s column as an error names it: its number in a text file, the
    /// sheet's letters in a workbook (`F`, as the spreadsheet app shows it).
    pub fn column(&self, i: usize) -> String {
        match self.first_column {
            Some(first) => column_letters(first.saturating_add(i as u32)),
            None => (i + 1).to_string(),
        }
    }

    fn new(path: &Path, held: Held, bom: usize, start: &str, longer: bool, encoding: &str) -> Text {
        // An Excel `sep=X` first line names the delimiter; otherwise the delimiter is
        // the one of `,`, `;`, tab that splits the first lines most consistently.
        let mut skip = bom as u64;
        let mut line_offset = 0;
        let mut body = start;
        let mut delimiter = None;
        if let Some(first) = start.lines().next()
            && let Some(sep) = first.trim().strip_prefix("sep=")
            && sep.len() == 1
        {
            delimiter = Some(sep.as_bytes()[0]);
            body = &start[first.len()..];
            body = body
                .strip_prefix("\r\n")
                .or_else(|| body.strip_prefix('\n'))
                .unwrap_or(body);
            skip += (start.len() - body.len()) as u64;
            line_offset = 1;
        }
        Text {
            path: path.to_path_buf(),
            held,
            skip,
            line_offset,
            delimiter: delimiter.unwrap_or_else(|| sniff_delimiter(body)),
            encoding: encoding.to_owned(),
            head: start.to_owned(),
            longer,
            not_utf8: std::sync::atomic::AtomicBool::new(false),
            read_ahead: false,
            sheet: None,
            first_column: None,
            date_1904: false,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether passes over this file parse on a second thread (see [`ReadAhead`]).
    pub fn set_read_ahead(&mut self, read_ahead: bool) {
        self.read_ahead = read_ahead && self.is_on_disk() && self.longer;
    }

    /// A reader from the first record.
    pub fn reader(&self) -> Result<RecordReader<'_>, InputError> {
        self.reader_with(self.read_ahead)
    }

    /// The first records, read on this thread (a few records do not pay for a parser
    /// thread): at least `n` and one that is not blank, unless the text ends first.
    /// `false` with them when reading stopped at an error, which the passes over the
    /// whole text meet again.
    pub fn first_records(&self, n: usize) -> (Vec<Record>, bool) {
        let mut records: Vec<Record> = Vec::new();
        let Ok(mut reader) = self.reader_with(false) else {
            return (records, false);
        };
        let mut record = Record::default();
        while records.len() < n || records.iter().all(Record::is_blank) {
            match reader.read(&mut record) {
                Ok(true) => records.push(record.clone()),
                Ok(false) => break,
                Err(_) => return (records, false),
            }
        }
        (records, true)
    }

    fn reader_with(&self, read_ahead: bool) -> Result<RecordReader<'_>, InputError> {
        let input = match &self.held {
            Held::Records(records) => Input::Held(records.iter()),
            Held::Text(text) => Input::Csv(Box::new(CsvRecords::new(
                self,
                Source::Bytes(text.as_bytes()),
                self.skip,
                self.line_offset,
            )?)),
            Held::Disk => {
                let open = || {
                    CsvRecords::new(
                        self,
                        Source::Disk(self.path.clone()),
                        self.skip,
                        self.line_offset,
                    )
                };
                let ahead = if read_ahead {
                    ReadAhead::start(open()?)
                } else {
                    None
                };
                match ahead {
                    Some(ahead) => Input::Ahead(ahead),
                    None => Input::Csv(Box::new(open()?)),
                }
            }
        };
        Ok(RecordReader {
            text: self,
            input,
            part_not_utf8: None,
        })
    }

    /// Up to `parts - 1` cuts that split a file on disk into parts of about equal
    /// size, each at a line break found without parsing, all after the first `keep`
    /// records (a header and what comes before it). None for a text in memory, and
    /// none where no line break is near. Whether a cut falls between two records
    /// (and not inside a quoted cell) is known once the part before it has been
    /// parsed: [`RecordReader::lines_to`].
    pub fn cuts(&self, parts: usize, keep: usize) -> Result<Vec<Cut>, InputError> {
        use std::io::{Read, Seek, SeekFrom};
        if !self.is_on_disk() || parts < 2 {
            return Ok(Vec::new());
        }
        let start = {
            let mut reader = self.reader_with(false)?;
            let mut record = Record::default();
            for _ in 0..keep {
                if !reader.read(&mut record)? {
                    return Ok(Vec::new());
                }
            }
            match &reader.input {
                Input::Csv(records) => records.position(),
                _ => return Ok(Vec::new()),
            }
        };
        let error = |e: std::io::Error| {
            InputError::file(&self.path, crate::say!("error.read_file", error = e))
        };
        let mut file = std::fs::File::open(&self.path).map_err(error)?;
        let body = file.metadata().map_err(error)?.len().saturating_sub(start);
        let mut cuts: Vec<Cut> = Vec::new();
        let mut window = Vec::with_capacity(1 << 16);
        for k in 1..parts as u64 {
            let from = start + body * k / parts as u64;
            if cuts.last().is_some_and(|c| c.at >= from) {
                continue;
            }
            file.seek(SeekFrom::Start(from)).map_err(error)?;
            window.clear();
            (&mut file)
                .take(1 << 16)
                .read_to_end(&mut window)
                .map_err(error)?;
            cuts.extend(Cut::in_window(&window, from));
        }
        Ok(cuts)
    }

    /// A reader of the records from `from` (the first record when `None`) that stops
    /// at `to`. Records after a cut are numbered from line 1 of the part:
    /// [`RecordReader::lines_to`] tells how many lines each part before it has.
    pub fn part(&self, from: Option<Cut>, to: Option<Cut>) -> Result<RecordReader<'_>, InputError> {
        let (start, line_offset) = from.map_or((self.skip, self.line_offset), |c| (c.at, 0));
        let source = Source::Disk(self.path.clone());
        let mut records = CsvRecords::new(self, source, start, line_offset)?;
        records.stop = to.map_or(u64::MAX, |c| c.breaks);
        Ok(RecordReader {
            text: self,
            input: Input::Csv(Box::new(records)),
            part_not_utf8: Some(false),
        })
    }
}

/// Where a file is cut into parts read on threads of their own: a run of line-break
/// bytes with other bytes on both sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cut {
    /// The first byte of the run.
    breaks: u64,
    /// The byte after it, where the next part starts.
    at: u64,
    /// The `\n` bytes in the run.
    newlines: u64,
}

impl Cut {
    /// The first run of line breaks that `window` (the bytes from byte `from`) holds
    /// whole, with another byte before it.
    fn in_window(window: &[u8], from: u64) -> Option<Cut> {
        let is_break = |b: &u8| matches!(b, b'\r' | b'\n');
        let mut search = 0;
        loop {
            let newline = search + memchr::memchr(b'\n', &window[search..])?;
            let end = newline + window[newline..].iter().position(|b| !is_break(b))?;
            if let Some(before) = window[..newline].iter().rposition(|b| !is_break(b)) {
                let run = &window[before + 1..end];
                return Some(Cut {
                    breaks: from + before as u64 + 1,
                    at: from + end as u64,
                    // A run with a `\n`, in a text with them.
                    newlines: line_breaks(run, true),
                });
            }
            search = end;
        }
    }
}

/// Records read one at a time, each with its first physical line.
pub struct RecordReader<'a> {
    text: &'a Text,
    input: Input<'a>,
    /// A reader of a part met bytes that are not UTF-8. It does not tell the text:
    /// only the part whose error is the file's does ([`RecordReader::tell_not_utf8`]).
    part_not_utf8: Option<bool>,
}

enum Input<'a> {
    Csv(Box<CsvRecords<'a>>),
    Held(std::slice::Iter<'a, Record>),
    Ahead(ReadAhead),
}

impl RecordReader<'_> {
    /// Reads the next record into `record` (its buffers are reused); `false` at the end.
    pub fn read(&mut self, record: &mut Record) -> Result<bool, InputError> {
        let read = match &mut self.input {
            Input::Held(records) => {
                return Ok(match records.next() {
                    Some(r) => {
                        record.clone_from(r);
                        true
                    }
                    None => false,
                });
            }
            Input::Csv(csv) => csv.read(record),
            Input::Ahead(ahead) => ahead.read(record),
        };
        read.map_err(|failed| {
            match &mut self.part_not_utf8 {
                Some(seen) => *seen |= failed.not_utf8,
                None if failed.not_utf8 => self.tell_not_utf8(),
                None => {}
            }
            failed.error
        })
    }

    /// Tells the text that a pass found bytes that are not UTF-8 ([`Text::not_utf8`]);
    /// for a reader of a part, once its error is the one the file gives, if this
    /// reader met such bytes.
    pub fn tell_not_utf8(&self) {
        if self.part_not_utf8 != Some(false) {
            self.text
                .not_utf8
                .store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }
}

impl RecordReader<'_> {
    /// The lines of the part this reader read (with those before the text's first
    /// record, for the first part), once it has stopped at `cut`. `None` when its
    /// last record runs past the cut: the cut fell inside a quoted cell, and the
    /// part after it did not start at a record.
    pub fn lines_to(&mut self, cut: Cut) -> Option<u64> {
        let Input::Csv(records) = &mut self.input else {
            return None;
        };
        // The parser stops after the first byte of the line break ending a record.
        let ended = records.position();
        if ended <= cut.breaks || ended > cut.at {
            return None;
        }
        let last_byte = cut.breaks - 1 - records.base;
        let before_run = records.counted().line_at(last_byte) - 1;
        Some(records.line_offset + before_run + cut.newlines)
    }

    /// Reads on past the cut it was to stop at, to the end of the text.
    pub fn read_to_end(&mut self) {
        if let Input::Csv(records) = &mut self.input {
            records.stop = u64::MAX;
        }
    }
}

/// Why a record could not be read, and whether it is because the bytes are not UTF-8.
struct Failed {
    error: InputError,
    not_utf8: bool,
    /// Its line is already the text's (a NUL byte found ahead of the records read),
    /// not one a reader taking over must correct.
    placed: bool,
}

/// Whether each cell is UTF-8 on its own. simd-csv checks a record's bytes together,
/// where the halves of a character split by quotes and a delimiter join up.
fn cells_are_utf8(cells: &simd_csv::StringRecord) -> bool {
    let record = cells.as_byte_record();
    record.as_slice().is_ascii() || record.iter().all(|c| std::str::from_utf8(c).is_ok())
}

/// Where a reader's bytes come from, so that it can start again at any byte.
enum Source<'a> {
    Disk(std::path::PathBuf),
    /// The whole text.
    Bytes(&'a [u8]),
    /// The whole text, handed over a few bytes at a time: reads end anywhere.
    #[cfg(test)]
    Pieces(&'a [u8], usize),
}

type Bytes<'a> = Counted<Box<dyn std::io::Read + Send + 'a>>;

impl<'a> Source<'a> {
    fn open_at(&self, at: u64) -> std::io::Result<Box<dyn std::io::Read + Send + 'a>> {
        match self {
            Source::Disk(path) => {
                use std::io::{Seek, SeekFrom};
                let mut file = std::fs::File::open(path)?;
                file.seek(SeekFrom::Start(at))?;
                Ok(Box::new(file))
            }
            Source::Bytes(bytes) => {
                let at = usize::try_from(at).unwrap_or(usize::MAX);
                Ok(Box::new(bytes.get(at..).unwrap_or_default()))
            }
            #[cfg(test)]
            Source::Pieces(bytes, size) => {
                struct Pieces<'b>(&'b [u8], usize);
                impl std::io::Read for Pieces<'_> {
                    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                        let n = self.1.min(buf.len()).min(self.0.len());
                        buf[..n].copy_from_slice(&self.0[..n]);
                        self.0 = &self.0[n..];
                        Ok(n)
                    }
                }
                let at = usize::try_from(at).unwrap_or(usize::MAX);
                Ok(Box::new(Pieces(bytes.get(at..).unwrap_or_default(), *size)))
            }
        }
    }
}

/// The two csv parsers. Both read a text the same way when its quotes only open and
/// close whole cells and its lines end in LF or CRLF, as nearly every export's do:
/// the fast one reads while the input checks that ([`Plain`]); at the first record
/// where the check fails, or that fails itself, the exact one takes over.
enum Parser<'a> {
    /// simd-csv: finds quotes, delimiters and line ends many bytes at a time.
    Fast(simd_csv::Reader<Bytes<'a>>),
    /// The csv crate's, which reads any text as the csv crate does.
    Exact(csv::Reader<Bytes<'a>>, csv::StringRecord),
}

/// The csv parser over a text's bytes, with the checks every record passes.
struct CsvRecords<'a> {
    parser: Parser<'a>,
    source: Source<'a>,
    delimiter: u8,
    path: std::path::PathBuf,
    line_offset: u64,
    encoding: String,
    /// The byte of the text where the input starts.
    base: u64,
    /// No record is read once the input is at this byte of the text (a [`Cut`]).
    stop: u64,
    /// Where the last record the fast parser read starts (from `base`), and its line.
    last: Option<(u64, u64)>,
    /// Where the input started, and the lines before it: what `base` and
    /// `line_offset` were before the exact parser took over.
    origin: (u64, u64),
}

impl<'a> CsvRecords<'a> {
    /// Records of `source` from its byte `base`, which is on line `line_offset + 1`.
    fn new(
        text: &Text,
        source: Source<'a>,
        base: u64,
        line_offset: u64,
    ) -> Result<CsvRecords<'a>, InputError> {
        let input = source
            .open_at(base)
            .map_err(|e| InputError::file(&text.path, crate::say!("error.read_file", error = e)))?;
        let parser = simd_csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(text.delimiter)
            .buffer_capacity(1 << 16)
            .from_reader(Counted::checked(input, text.delimiter));
        Ok(CsvRecords {
            parser: Parser::Fast(parser),
            source,
            delimiter: text.delimiter,
            path: text.path.clone(),
            line_offset,
            encoding: text.encoding.clone(),
            base,
            stop: u64::MAX,
            last: None,
            origin: (base, line_offset),
        })
    }

    /// Whether the text read so far has a `\n` (see [`Breaks`]).
    fn lf_seen(&self) -> bool {
        match &self.parser {
            Parser::Fast(fast) => fast.get_ref().lf_seen,
            Parser::Exact(exact, _) => exact.get_ref().lf_seen,
        }
    }

    fn counted(&mut self) -> &mut Bytes<'a> {
        match &mut self.parser {
            Parser::Fast(fast) => fast.get_mut(),
            Parser::Exact(exact, _) => exact.get_mut(),
        }
    }

    /// The byte of the text after the last record read: after the `\n` ending it for
    /// the fast parser, after the first byte of its line break for the exact one
    /// (which takes the `\n` of a `\r\n` with the next record).
    fn position(&self) -> u64 {
        self.base
            + match &self.parser {
                Parser::Fast(fast) => fast.position(),
                Parser::Exact(exact, _) => exact.position().byte(),
            }
    }

    fn read(&mut self, record: &mut Record) -> Result<bool, Failed> {
        if self.position() >= self.stop {
            return Ok(false);
        }
        if let Parser::Fast(fast) = &mut self.parser {
            let start = fast.position();
            fast.get_mut().since_record = 0;
            match fast.read_record(&mut record.cells) {
                Ok(false) => return Ok(false),
                Ok(true)
                    if record.cells.as_byte_record().as_slice().len() <= MAX_RECORD_BYTES
                        && record.cells.len() <= MAX_COLUMNS
                        && cells_are_utf8(&record.cells) =>
                {
                    record.line = fast.get_mut().line_at(start) + self.line_offset;
                    self.last = Some((start, record.line));
                    return Ok(true);
                }
                // The exact parser reads this record again: the same way, or with the
                // error it is to give.
                _ => self.take_over()?,
            }
        }
        self.read_exact(record)
    }

    /// The exact parser goes on from the record after the last one read.
    #[cold]
    fn take_over(&mut self) -> Result<(), Failed> {
        let (from, line) = self
            .last
            .map_or((0, None), |(from, line)| (from, Some(line)));
        // After a record, from the `\n` that ends the one before: the csv crate drops
        // a byte-order mark at the start of what it reads, which one starting the
        // record must keep.
        self.base += from.saturating_sub(1);
        let input = self.source.open_at(self.base).map_err(|e| Failed {
            error: InputError::file(&self.path, crate::say!("error.read_file", error = e)),
            not_utf8: false,
            placed: false,
        })?;
        let lf_seen = self.lf_seen();
        let exact = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(self.delimiter)
            .buffer_capacity(1 << 16)
            .from_reader(Counted {
                lf_seen,
                ..Counted::new(input)
            });
        self.parser = Parser::Exact(exact, csv::StringRecord::new());
        if let Some(line) = line {
            // The last record read, read again to learn the lines before it.
            self.line_offset = 0;
            let mut again = Record::default();
            // The lines before it are not known yet: an error is the record's, but
            // one placed by its own byte (a NUL ahead) keeps its line.
            self.read_exact(&mut again).map_err(|mut failed| {
                if !failed.placed {
                    failed.error.line = Some(line);
                }
                failed
            })?;
            self.line_offset = line.saturating_sub(again.line);
        }
        Ok(())
    }

    fn read_exact(&mut self, record: &mut Record) -> Result<bool, Failed> {
        let Parser::Exact(csv, cells) = &mut self.parser else {
            unreachable!("the exact parser reads once it has taken over");
        };
        csv.get_mut().since_record = 0;
        let start = csv.position().byte();
        match csv.read_record(cells) {
            Ok(false) => return Ok(false),
            Ok(true) => {}
            Err(e) => {
                let byte = e.position().map_or(start, csv::Position::byte);
                let line = csv.get_mut().line_at(byte) + self.line_offset;
                return Err(self.unreadable(&e, line));
            }
        }
        record.line = cells
            .position()
            .map_or(0, |p| csv.get_mut().line_at(p.byte()))
            + self.line_offset;
        record.cells.clear();
        record.cells.extend(cells.iter());
        let raw = cells.as_byte_record().as_slice();
        let bytes = raw.len();
        // A line break stays in a cell only inside quotes: the record spans lines.
        let spans_lines = memchr::memchr2(b'\n', b'\r', raw).is_some();
        let from = cells.position().map_or(start, csv::Position::byte);
        let to = csv.position().byte();
        let counted = csv.get_ref();
        // The csv crate ends a record at the end of the text even inside quotes.
        let at_end = counted.ended && to == counted.offset;
        if bytes > MAX_RECORD_BYTES || record.cells.len() > MAX_COLUMNS {
            return Err(self.oversized(record, bytes));
        }
        if spans_lines || at_end {
            self.check_quotes(from, to, record.line, spans_lines)?;
        }
        Ok(true)
    }

    /// Checks the quotes of a record the csv crate read leniently, in its raw bytes
    /// (`from`..`to` of what the exact parser reads; it starts on line `line`). Its
    /// lenient reading of a quote left open or closed too early swallows the rows
    /// after it into one cell, silently: a quoted cell still open at the end of the
    /// text is an error, and so, in a record that spans lines (`spans_lines`), is a
    /// closing quote followed by text. Such records are rare, so re-reading them
    /// costs nothing that shows; a stray quote within one line stays the csv
    /// crate's to read.
    #[cold]
    fn check_quotes(&self, from: u64, to: u64, line: u64, spans_lines: bool) -> Result<(), Failed> {
        use std::io::Read;
        let io_error = |e: std::io::Error| Failed {
            error: InputError::file(&self.path, crate::say!("error.read_file", error = e)),
            not_utf8: false,
            placed: false,
        };
        let mut raw = Vec::new();
        self.source
            .open_at(self.base + from)
            .map_err(io_error)?
            .take(to - from)
            .read_to_end(&mut raw)
            .map_err(io_error)?;
        let mut bytes = &raw[..];
        // The csv crate drops a byte-order mark at the start of what it reads.
        if from == 0 {
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        }
        // The record's position may be at line breaks before it (the `\n` of a
        // CRLF, blank lines): `line` is that of its first byte after them.
        let first = bytes
            .iter()
            .position(|b| !matches!(b, b'\r' | b'\n'))
            .unwrap_or(bytes.len());
        match quotes_in_record(&bytes[first..], self.delimiter, spans_lines) {
            Quotes::Fine => Ok(()),
            Quotes::NeverCloses(at) => Err(self.quote_error(
                line + at.line,
                at.column,
                crate::say!("error.quote_never_closes"),
            )),
            Quotes::TextAfterClosing {
                opened,
                closed,
                after,
            } => Err(self.quote_error(
                line + opened.line,
                opened.column,
                // Relative: a part of a file read on a thread of its own counts lines
                // from its start, and only the error's own line is moved on.
                crate::say!(
                    "error.text_after_closing_quote",
                    lines = closed - opened.line,
                    text = after
                ),
            )),
        }
    }

    fn quote_error(&self, line: u64, column: usize, message: String) -> Failed {
        Failed {
            error: InputError {
                path: self.path.clone(),
                line: Some(line),
                // The header is not known here: readers that know it name the column
                // ([`InputError::in_header`]).
                column: Some((column + 1).to_string()),
                message,
            },
            not_utf8: false,
            placed: false,
        }
    }

    fn error_at(&self, line: u64, message: String) -> InputError {
        InputError {
            path: self.path.clone(),
            line: Some(line),
            column: None,
            message,
        }
    }

    /// Why the parser could not read the record at `line`.
    #[cold]
    fn unreadable(&self, e: &csv::Error, line: u64) -> Failed {
        let not_utf8 = matches!(e.kind(), csv::ErrorKind::Utf8 { .. });
        if let csv::ErrorKind::Io(io) = e.kind()
            && let Some(NulByte(at)) = io.get_ref().and_then(|e| e.downcast_ref::<NulByte>())
        {
            return Failed {
                error: InputError {
                    line: self.line_of_byte(self.base + at),
                    ..self.error_at(line, crate::say!("error.nul_byte_on_line"))
                },
                not_utf8,
                placed: true,
            };
        }
        let message = match e.kind() {
            csv::ErrorKind::Io(io)
                if io
                    .get_ref()
                    .is_some_and(<dyn std::error::Error + Send + Sync>::is::<TooLong>) =>
            {
                crate::say!("error.long_row_at_least", max = MAX_RECORD_BYTES)
            }
            csv::ErrorKind::Utf8 { .. } => {
                crate::say!("error.bad_encoding", encoding = self.encoding)
            }
            _ => crate::say!("error.bad_csv", error = e),
        };
        Failed {
            error: self.error_at(line, message),
            not_utf8,
            placed: false,
        }
    }

    /// The line of the text's byte `at`, numbered as this reader numbers its records
    /// (from its input's start): for an error found ahead of the records read,
    /// whose lines are not counted yet.
    #[cold]
    fn line_of_byte(&self, at: u64) -> Option<u64> {
        use std::io::Read;
        let (start, lines) = self.origin;
        let mut head = Vec::new();
        self.source
            .open_at(start)
            .ok()?
            .take(at.saturating_sub(start))
            .read_to_end(&mut head)
            .ok()?;
        let lf = self.lf_seen() || lf_text(&head);
        Some(lines + line_breaks(&head, lf) + 1)
    }

    /// A record read whole that is too long or too wide.
    #[cold]
    fn oversized(&self, record: &Record, bytes: usize) -> Failed {
        let message = if bytes > MAX_RECORD_BYTES {
            // The same words as when the reader stops such a row before its end:
            // which of the two happens depends on where reading buffers fall.
            crate::say!("error.long_row_at_least", max = MAX_RECORD_BYTES)
        } else {
            crate::say!(
                "error.wide_row",
                cells = record.cells.len(),
                max = MAX_COLUMNS
            )
        };
        Failed {
            error: self.error_at(record.line, message),
            not_utf8: false,
            placed: false,
        }
    }
}

/// Where in a record a quoted cell opens: lines after the record's first, and the
/// cell (0-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct QuoteAt {
    line: u64,
    column: usize,
}

/// What [`quotes_in_record`] found.
#[derive(Debug, PartialEq, Eq)]
enum Quotes {
    Fine,
    /// A quoted cell still open at the end of the record, which is the end of the text.
    NeverCloses(QuoteAt),
    /// A quote that closes a cell is followed by `after`, not by a delimiter or a
    /// line end, `closed` lines after the record's first.
    TextAfterClosing {
        opened: QuoteAt,
        closed: u64,
        after: String,
    },
}

/// Follows the quotes of one record's raw bytes as RFC 4180 has them: a quote opens
/// a cell at its start, and a quote inside a quoted cell is doubled or closes it
/// before a delimiter or a line end. A quote inside an unquoted cell is text, as the
/// csv crate reads it. Text after a closing quote is an error only when `strict`.
fn quotes_in_record(bytes: &[u8], delimiter: u8, strict: bool) -> Quotes {
    #[derive(Clone, Copy)]
    enum State {
        CellStart,
        Unquoted,
        Quoted,
        /// After a quote inside a quoted cell: doubled, or the cell's end.
        QuoteInQuoted,
    }
    let mut state = State::CellStart;
    let mut at = QuoteAt { line: 0, column: 0 };
    let mut opened = at;
    for (i, &b) in bytes.iter().enumerate() {
        let line_end = b == b'\r' || b == b'\n';
        state = match state {
            State::CellStart | State::Unquoted | State::QuoteInQuoted if b == delimiter => {
                at.column += 1;
                State::CellStart
            }
            // The line break that ends the record.
            State::CellStart | State::Unquoted | State::QuoteInQuoted if line_end => break,
            State::CellStart if b == b'"' => {
                opened = at;
                State::Quoted
            }
            State::Quoted if b == b'"' => State::QuoteInQuoted,
            State::Quoted => {
                at.line += u64::from(b == b'\n');
                State::Quoted
            }
            State::QuoteInQuoted if b == b'"' => State::Quoted,
            State::QuoteInQuoted if strict => {
                let rest = &bytes[i..];
                let end = rest
                    .iter()
                    .position(|&c| c == delimiter || c == b'\r' || c == b'\n')
                    .unwrap_or(rest.len());
                let after: String = String::from_utf8_lossy(&rest[..end])
                    .chars()
                    .take(40)
                    .collect();
                return Quotes::TextAfterClosing {
                    opened,
                    closed: at.line,
                    after,
                };
            }
            // Text, and text after a closing quote within one line, as the csv crate
            // reads it: a quote from here to the cell's end is text.
            State::CellStart | State::Unquoted | State::QuoteInQuoted => State::Unquoted,
        };
    }
    match state {
        State::Quoted => Quotes::NeverCloses(opened),
        _ => Quotes::Fine,
    }
}

/// Records parsed on a second thread and handed over in batches, in order: parsing
/// a large file and turning its records into rows then run at the same time, and
/// what comes out is what one thread reads. Batches go back to the parser once
/// read, so their buffers are reused rather than allocated.
struct ReadAhead {
    batches: Option<std::sync::mpsc::Receiver<Result<Vec<Record>, Failed>>>,
    used: std::sync::mpsc::Sender<Vec<Record>>,
    batch: Vec<Record>,
    next: usize,
    parser: Option<std::thread::JoinHandle<()>>,
}

impl ReadAhead {
    const BATCH: usize = 1024;

    /// Starts the parser thread; `None` when no thread can be had.
    fn start(records: CsvRecords<'static>) -> Option<ReadAhead> {
        let (send, batches) = std::sync::mpsc::sync_channel(2);
        let (used, reuse) = std::sync::mpsc::channel();
        let parser = std::thread::Builder::new()
            .name("roi-parse".to_owned())
            .spawn(move || ReadAhead::parse(records, &send, &reuse))
            .ok()?;
        Some(ReadAhead {
            batches: Some(batches),
            used,
            batch: Vec::new(),
            next: 0,
            parser: Some(parser),
        })
    }

    /// The parser thread: batches of records until the end, an error, or a reader
    /// that went away.
    fn parse(
        mut records: CsvRecords<'static>,
        send: &std::sync::mpsc::SyncSender<Result<Vec<Record>, Failed>>,
        reuse: &std::sync::mpsc::Receiver<Vec<Record>>,
    ) {
        loop {
            let mut batch = reuse.try_recv().unwrap_or_default();
            let mut filled = 0;
            let mut outcome = Ok(true);
            while filled < ReadAhead::BATCH {
                if filled == batch.len() {
                    batch.push(Record::default());
                }
                outcome = records.read(&mut batch[filled]);
                if !matches!(outcome, Ok(true)) {
                    break;
                }
                filled += 1;
            }
            batch.truncate(filled);
            if send.send(Ok(batch)).is_err() {
                return;
            }
            match outcome {
                Ok(true) => {}
                Ok(false) => return,
                Err(failed) => {
                    let _ = send.send(Err(failed));
                    return;
                }
            }
        }
    }

    fn read(&mut self, record: &mut Record) -> Result<bool, Failed> {
        loop {
            if let Some(next) = self.batch.get_mut(self.next) {
                // The reader's old buffers go back with the batch.
                std::mem::swap(record, next);
                self.next += 1;
                return Ok(true);
            }
            if !self.batch.is_empty() {
                let _ = self.used.send(std::mem::take(&mut self.batch));
            }
            self.next = 0;
            let Some(batches) = &self.batches else {
                return Ok(false);
            };
            match batches.recv() {
                Ok(Ok(batch)) => self.batch = batch,
                Ok(Err(failed)) => {
                    self.batches = None;
                    return Err(failed);
                }
                Err(_) => {
                    // The parser is done; had it panicked, that must not pass for the end.
                    self.batches = None;
                    if let Some(Err(panic)) = self.parser.take().map(std::thread::JoinHandle::join)
                    {
                        std::panic::resume_unwind(panic);
                    }
                    return Ok(false);
                }
            }
        }
    }
}

impl Drop for ReadAhead {
    fn drop(&mut self) {
        // The parser stops at its next batch once nobody receives.
        self.batches = None;
        if let Some(parser) = self.parser.take() {
            let _ = parser.join();
        }
    }
}

/// A record longer than [`MAX_RECORD_BYTES`], stopped while it is read.
#[derive(Debug, thiserror::Error)]
#[error("record too long")]
struct TooLong;

/// A NUL byte, at this byte of what the reader read: damage in a text file. Files
/// read whole are checked as they are decoded; this catches one in a file read
/// from disk past its first 64 KiB.
#[derive(Debug, thiserror::Error)]
#[error("a NUL byte")]
struct NulByte(u64);

/// Input the fast parser cannot be trusted with, found while it is read: the exact
/// parser takes over ([`Plain`]).
#[derive(Debug, thiserror::Error)]
#[error("quotes or line ends the fast parser may read otherwise")]
struct NotPlain;

/// A reader that remembers where its line breaks are, so each record's physical
/// line is known without holding the text: the csv crate's own line count is one
/// short after a CRLF. Breaks are kept as runs of `\r`/`\n` (a record's position may
/// point at the terminator before it), and forgotten once the records have passed
/// them. It also stops a record that grows past the limit before it fills memory,
/// and, for the fast parser, checks that the text is [`Plain`].
struct Counted<R> {
    inner: R,
    offset: u64,
    /// Runs of line-break bytes: (first byte, breaks), oldest first.
    runs: std::collections::VecDeque<(u64, Breaks)>,
    /// The run still growing: its first byte, its breaks, and the byte after it.
    open: Option<(u64, Breaks, u64)>,
    /// The breaks in the runs already passed.
    passed: Breaks,
    /// A `\n` was read: the text's lines end in `\n`, and a lone `\r` (inside
    /// quotes) ends none (see [`Breaks`]).
    lf_seen: bool,
    /// Bytes read since the current record started.
    since_record: u64,
    plain: Option<Plain>,
    /// A read found the end of the text.
    ended: bool,
}

impl<R> Counted<R> {
    fn new(inner: R) -> Counted<R> {
        Counted {
            inner,
            offset: 0,
            runs: std::collections::VecDeque::new(),
            open: None,
            passed: Breaks::default(),
            lf_seen: false,
            since_record: 0,
            plain: None,
            ended: false,
        }
    }

    /// A reader that fails with [`NotPlain`] where the text stops being [`Plain`].
    fn checked(inner: R, delimiter: u8) -> Counted<R> {
        Counted {
            plain: Some(Plain {
                delimiter,
                quoted: false,
                before: None,
                pending: None,
            }),
            ..Counted::new(inner)
        }
    }

    /// The 1-based line of the record starting at `byte` (offsets never go back).
    fn line_at(&mut self, byte: u64) -> u64 {
        while let Some(&(start, breaks)) = self.runs.front() {
            if start > byte {
                break;
            }
            self.passed = self.passed.plus(breaks);
            self.runs.pop_front();
        }
        let open = self
            .open
            .filter(|(start, _, _)| *start <= byte)
            .map_or(Breaks::default(), |(_, breaks, _)| breaks);
        self.passed.plus(open).lines(self.lf_seen) + 1
    }
}

impl<R: std::io::Read> std::io::Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        // The read-ahead of the csv reader plus the longest record allowed.
        if self.since_record > (MAX_RECORD_BYTES as u64) * 2 {
            return Err(std::io::Error::other(TooLong));
        }
        let n = self.inner.read(buf)?;
        self.ended |= n == 0 && !buf.is_empty();
        let bytes = &buf[..n];
        if let Some(plain) = &mut self.plain
            && !plain.accepts(bytes)
        {
            return Err(std::io::Error::other(NotPlain));
        }
        self.lf_seen |= lf_text(bytes);
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            let at = self.offset + i as u64;
            match &mut self.open {
                Some((_, breaks, next)) if *next == at => {
                    breaks.add(bytes[i]);
                    *next = at + 1;
                }
                open => {
                    let mut breaks = Breaks::default();
                    breaks.add(bytes[i]);
                    if let Some((start, breaks, _)) = open.replace((at, breaks, at + 1)) {
                        self.runs.push_back((start, breaks));
                    }
                }
            }
        }
        if let Some(i) = memchr::memchr(0, bytes) {
            return Err(std::io::Error::other(NulByte(self.offset + i as u64)));
        }
        self.offset += n as u64;
        self.since_record += n as u64;
        Ok(n)
    }
}

/// Whether a text is read the same by both parsers ([`Parser`]), checked as it is
/// read: every quote opens a cell (at its start), closes it (before a delimiter, a
/// line end or the end), or is doubled inside it; every `\r` is followed by `\n`
/// and outside quotes; every quoted cell is closed; the text does not start with a
/// byte-order mark. What the csv crate reads in its own
/// way (a quote inside an unquoted cell, text after a closing quote, lines ending
/// in a lone `\r`) is left to it, and so are cells with a `\r` inside quotes.
struct Plain {
    delimiter: u8,
    /// Inside a quoted cell.
    quoted: bool,
    /// The byte before those being checked; `None` at the start of the text.
    before: Option<u8>,
    /// The last byte checked, when what follows it decides: a quote inside a quoted
    /// cell, or a `\r` outside one.
    pending: Option<u8>,
}

impl Plain {
    /// Checks the next `bytes` of the text (empty at its end).
    fn accepts(&mut self, bytes: &[u8]) -> bool {
        let Some(&last) = bytes.last() else {
            return !self.quoted || self.pending == Some(b'"');
        };
        // The fast parser drops a byte-order mark only when its first read holds it
        // whole.
        if self.before.is_none() && bytes[0] == 0xEF {
            return false;
        }
        let ends_cell = |b: u8| b == self.delimiter || b == b'\r' || b == b'\n';
        // An escaped quote's second half is not looked at again.
        let mut skip_to = 0;
        match self.pending.take() {
            Some(b'"') if bytes[0] == b'"' => skip_to = 1,
            Some(b'"') if ends_cell(bytes[0]) => self.quoted = false,
            Some(b'\r') if bytes[0] == b'\n' => {}
            Some(_) => return false,
            None => {}
        }
        for i in memchr::memchr2_iter(b'"', b'\r', bytes) {
            if i < skip_to {
                continue;
            }
            let next = bytes.get(i + 1).copied();
            match (bytes[i], self.quoted) {
                (b'"', true) => match next {
                    Some(b'"') => skip_to = i + 2,
                    Some(b) if ends_cell(b) => self.quoted = false,
                    Some(_) => return false,
                    None => self.pending = Some(b'"'),
                },
                (b'"', false) => {
                    let before = if i == 0 {
                        self.before
                    } else {
                        Some(bytes[i - 1])
                    };
                    if before.is_some_and(|b| !ends_cell(b)) {
                        return false;
                    }
                    self.quoted = true;
                }
                (_, false) => match next {
                    Some(b'\n') => {}
                    Some(_) => return false,
                    None => self.pending = Some(b'\r'),
                },
                // The fast parser can lose a `\r` inside quotes (before the closing
                // one at the end of the text).
                (_, true) => return false,
            }
        }
        self.before = Some(last);
        true
    }
}

/// Splits text into records (tests and small in-memory texts).
pub fn records(path: &Path, text: &str) -> Result<(Vec<Record>, u8), InputError> {
    let text = Text::in_memory(path, text.to_owned(), "utf-8");
    let mut reader = text.reader()?;
    let mut out = Vec::new();
    let mut record = Record::default();
    while reader.read(&mut record)? {
        out.push(record.clone());
    }
    Ok((out, text.delimiter))
}

fn sniff_delimiter(text: &str) -> u8 {
    let wanted = |l: &&str| !l.trim().is_empty() && !l.starts_with('#');
    // Records, not lines: a quoted cell may hold line breaks, and tabs or `;` in a
    // tweet's second line are no delimiters. A stray quote that swallows the rest
    // of the text leaves one record: lines it is, then.
    let mut lines: Vec<&str> = records_of(text).filter(wanted).take(10).collect();
    if lines.len() < 2 {
        lines = text.lines().filter(wanted).take(10).collect();
    }
    // A table's last lines split by tabs into the same number of cells are a
    // tab-separated table, whatever commas its title lines (LinkedIn's `Report
    // Start: 9/1/2026, 12:00 AM`) or its cells (`1,234.50`, `Aug 1, 2026`) hold:
    // tabs stand in no text a spreadsheet writes unquoted.
    if let [.., a, b] = lines.as_slice() {
        let tabs = count_outside_quotes(a, b'\t');
        if tabs > 0 && tabs == count_outside_quotes(b, b'\t') {
            return b'\t';
        }
    }
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

/// The text's records: its lines, joined where a quoted cell holds a line break.
fn records_of(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut quoted = false;
        let end = rest
            .bytes()
            .position(|b| {
                if b == b'"' {
                    quoted = !quoted;
                }
                b == b'\n' && !quoted
            })
            .unwrap_or(rest.len());
        let record = rest[..end].strip_suffix('\r').unwrap_or(&rest[..end]);
        rest = rest.get(end + 1..).unwrap_or("");
        Some(record)
    })
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

/// What a file's first bytes say it is, whatever its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// A zip archive: an XLSX or ODS workbook.
    Zip,
    /// An OLE compound file: an old-format Excel workbook (`.xls`).
    Ole,
    /// An HTML page (what some tools save as `.xls`).
    Html,
    /// Anything else, read as text.
    Text,
}

/// The kind of a file by its first bytes.
pub fn sniff(start: &[u8]) -> Sniffed {
    if start.starts_with(b"PK\x03\x04") {
        return Sniffed::Zip;
    }
    if start.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Sniffed::Ole;
    }
    // An HTML page in UTF-8 (or ASCII), after a BOM and blank space; UTF-16 pages
    // are told by their first letters too.
    let text: String = match start {
        [0xFF, 0xFE, rest @ ..] | [0xFE, 0xFF, rest @ ..] => rest
            .iter()
            .take(2048)
            .filter(|&&b| b != 0)
            .map(|&b| char::from(b))
            .collect(),
        _ => String::from_utf8_lossy(&start[..start.len().min(2048)]).into_owned(),
    };
    let lower = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .to_ascii_lowercase();
    let html = [
        "<!doctype html",
        "<html",
        "<table",
        "<meta",
        "<head",
        "<body",
    ]
    .iter()
    .any(|tag| lower.starts_with(tag))
        || (lower.starts_with("<?xml") || lower.starts_with("<!--")) && lower.contains("<html");
    if html { Sniffed::Html } else { Sniffed::Text }
}

/// A workbook's format, by its bytes ([`sniff`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Book {
    Zip,
    Ole,
}

/// Every sheet of a workbook as records (rows numbered from 1).
///
/// calamine's readers can panic on a damaged workbook (its old-format `.xls` reader
/// indexes sectors a cut-off file does not have): such a file is an input error,
/// told quietly, not a crash.
pub fn workbook(path: &Path, kind: Book) -> Result<Workbook, InputError> {
    thread_local!(static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let read = std::panic::catch_unwind(|| read_workbook(path, kind));
    QUIET.with(|q| q.set(false));
    read.unwrap_or_else(|_| {
        let error = crate::say!("error.workbook_damaged");
        Err(InputError::file(
            path,
            match kind {
                Book::Ole => crate::say!("error.old_xls", error = error),
                Book::Zip => crate::say!("error.bad_zip", error = error),
            },
        ))
    })
}

/// A name merged down one column (a campaign's over its days, a Page's over its
/// posts) shows in every cell of the merge, and so is read in every row of it that
/// holds other cells; a workbook keeps it in the first cell only. A number merged so
/// (a budget over its days) is one amount, not one per row, and stays in its first
/// row; merges over columns (a title block, a group header) stay one cell, and so
/// does a merge whose first row holds nothing else (a logo's or a title's box).
/// `cells` are sorted by position.
fn fill_merged_down(
    cells: &mut Vec<((u32, u32), String, bool, bool)>,
    merges: &[calamine::Dimensions],
) {
    let row_of = |cells: &[((u32, u32), String, bool, bool)], r: u32| {
        cells.partition_point(|c| c.0.0 < r)..cells.partition_point(|c| c.0.0 <= r)
    };
    let mut filled = Vec::new();
    for merge in merges {
        let ((top, column), (bottom, right)) = (merge.start, merge.end);
        if column != right || bottom <= top {
            continue;
        }
        let Ok(first) = cells.binary_search_by_key(&(top, column), |c| c.0) else {
            continue;
        };
        let (_, text, typed, no_year) = &cells[first];
        if *typed || row_of(cells, top).len() < 2 {
            continue;
        }
        // Only rows with cells of their own, the merge's last row at most that of
        // the sheet's last cell: a merge down the whole column makes no rows.
        let last = cells.last().map_or(top, |c| c.0.0).min(bottom);
        filled.extend(
            (top + 1..=last)
                .filter(|&r| {
                    // A table's row, not a note below it (a line of one cell).
                    let row = row_of(cells, r);
                    row.len() >= 2 && !cells[row].iter().any(|c| c.0.1 == column)
                })
                .map(|r| ((r, column), text.clone(), false, *no_year)),
        );
    }
    if !filled.is_empty() {
        cells.extend(filled);
        cells.sort_by_key(|c| c.0);
    }
}

fn read_workbook(path: &Path, kind: Book) -> Result<Workbook, InputError> {
    use calamine::{Data, DataType, Ods, Reader, Sheets, Xls, Xlsx, open_workbook};
    let ods = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ods"));
    let opened = match kind {
        Book::Ole => open_workbook::<Xls<_>, _>(path)
            .map(Sheets::Xls)
            .map_err(|e| crate::say!("error.old_xls", error = e)),
        Book::Zip if ods => open_workbook::<Ods<_>, _>(path)
            .map(Sheets::Ods)
            .map_err(|e| crate::say!("error.bad_zip", error = e)),
        // An XLSX, or an ODS under another name.
        Book::Zip => open_workbook::<Xlsx<_>, _>(path)
            .map(Sheets::Xlsx)
            .or_else(|e| {
                open_workbook::<Ods<_>, _>(path)
                    .map(Sheets::Ods)
                    .map_err(|_| e)
            })
            .map_err(|e| crate::say!("error.bad_zip", error = e)),
    };
    let mut book = opened.map_err(|message| InputError::file(path, message))?;
    let (format, date_1904) = match &book {
        Sheets::Xlsx(x) => ("xlsx", x.has_1904_epoch()),
        Sheets::Xls(x) => ("xls", x.has_1904_epoch()),
        Sheets::Xlsb(_) => ("xlsb", false),
        Sheets::Ods(_) => ("ods", false),
    };
    // Sheets hidden in the workbook (a stale copy kept out of sight): named, not read.
    let hidden: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.visible != calamine::SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let read_error = |e: &dyn std::fmt::Display| {
            InputError::file(
                path,
                crate::say!("error.read_sheet", sheet = name, error = e),
            )
        };
        // The cells that hold something, and the formulas, at their sheet positions.
        // An XLSX sheet is read cell by cell: calamine's `Range` is the dense box of
        // the used area, which one stray cell in `XFD1048576` makes 17 billion cells.
        let mut values: Vec<((u32, u32), Data)> = Vec::new();
        let mut formulas: Vec<((u32, u32), String)> = Vec::new();
        match book {
            Sheets::Xlsx(ref mut x) => match x.worksheet_cells_reader(&name) {
                // A chart sheet has no cells.
                Err(calamine::XlsxError::NotAWorksheet(_)) => {}
                Err(e) => return Err(read_error(&e)),
                Ok(mut cells) => {
                    while let Some(cell) =
                        cells.next_cell_with_formula().map_err(|e| read_error(&e))?
                    {
                        if let Some(formula) = cell.formula {
                            formulas.push((cell.pos, formula));
                        }
                        if !matches!(cell.value, calamine::DataRef::Empty) {
                            values.push((cell.pos, cell.value.into()));
                        }
                    }
                }
            },
            // calamine reads the other formats whole when the workbook is opened.
            _ => {
                let range = book.worksheet_range(&name).map_err(|e| read_error(&e))?;
                let (top, left) = range.start().unwrap_or((0, 0));
                values.extend(
                    range
                        .used_cells()
                        .map(|(r, c, v)| ((top + r as u32, left + c as u32), v.clone())),
                );
                if let Ok(range) = book.worksheet_formula(&name) {
                    let (top, left) = range.start().unwrap_or((0, 0));
                    formulas.extend(
                        range
                            .used_cells()
                            .map(|(r, c, f)| ((top + r as u32, left + c as u32), f.clone())),
                    );
                }
            }
        }
        // A number formatted as a percentage (Excel shows 0.125 as 12.5 %) reads as
        // it is shown, with its `%`: a fraction already, not scaled again. Only XLSX
        // tells a cell's number format.
        let styles = book.worksheet_style(&name).ok();
        let format = |at: (u32, u32)| {
            styles
                .as_ref()
                .and_then(|s| s.get(at)?.number_format.as_ref())
                .map(|f| f.format_code.as_str())
        };
        let percent = |at: (u32, u32)| format(at).is_some_and(is_percent_format);
        // Each cell as text: (position, text, typed, a date shown without its year).
        let mut cells: Vec<((u32, u32), String, bool, bool)> = values
            .iter()
            .map(|(at, cell)| {
                let (text, typed) = match cell {
                    Data::Empty => (String::new(), false),
                    Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
                        (s.clone(), false)
                    }
                    Data::Float(_) | Data::Int(_) if percent(*at) => {
                        let f = cell.as_f64().unwrap_or_default();
                        (format!("{}%", crate::render::plain_number(f * 100.0)), true)
                    }
                    Data::Float(f) => (crate::render::plain_number(*f), true),
                    Data::Int(i) => (i.to_string(), true),
                    Data::Bool(b) => (b.to_string(), false),
                    // A duration (`[h]:mm:ss`, a first reply time) is its seconds,
                    // to Excel's millisecond.
                    Data::DateTime(d) if d.is_duration() => {
                        let seconds = (d.as_f64() * 86_400_000.0).round() / 1000.0;
                        (crate::render::plain_number(seconds), true)
                    }
                    Data::DateTime(d) => (excel_date_time(d.as_f64(), date_1904), false),
                    Data::Error(e) => (excel_error(e).to_owned(), false),
                };
                let no_year = matches!(cell, Data::DateTime(d) if !d.is_duration())
                    && format(*at).is_some_and(is_yearless_date_format);
                (*at, text, typed, no_year)
            })
            // A blank cell is no part of the table, whatever its place: a row ends
            // at its last cell with something in it.
            .filter(|(_, text, ..)| !super::value::trim(text).is_empty())
            .collect();
        // A formula cell without a saved value (a workbook written by a program that
        // does not compute formulas) reads as empty: its row remembers it, and reading
        // it as a value is an error, not a zero.
        let with_value: std::collections::HashSet<(u32, u32)> =
            values.iter().map(|(at, _)| *at).collect();
        let unsaved: Vec<((u32, u32), String)> = formulas
            .into_iter()
            .filter(|(at, f)| !f.trim().is_empty() && !with_value.contains(at))
            .collect();
        drop(values);
        cells.sort_by_key(|c| c.0);
        if let Sheets::Xlsx(ref mut x) = book
            && let Ok(merges) = x.merge_cells_by_sheet_name(&name)
        {
            fill_merged_down(&mut cells, &merges);
        }
        let Some(left) = cells
            .iter()
            .map(|c| c.0.1)
            .chain(unsaved.iter().map(|u| u.0.1))
            .min()
        else {
            sheets.push(Sheet {
                hidden: hidden.contains(&name),
                name,
                records: Vec::new(),
                first_column: 0,
                date_1904,
            });
            continue;
        };
        // A cell that would make its row wider than roi reads rows: an error, as a
        // text row that wide is, and no row padded out to it.
        let far = cells
            .iter()
            .map(|c| (c.0, format!("{:?}", c.1.trim())))
            .chain(unsaved.iter().map(|(at, f)| (*at, format!("={f}"))))
            .filter(|(at, _)| (at.1 - left) as usize >= MAX_COLUMNS)
            .min_by_key(|(at, _)| *at);
        if let Some((at, value)) = far {
            return Err(InputError {
                path: path.to_path_buf(),
                line: Some(u64::from(at.0) + 1),
                column: Some(column_letters(at.1)),
                message: crate::say!(
                    "error.sheet_too_wide",
                    sheet = name,
                    cell = format!("{}{}", column_letters(at.1), u64::from(at.0) + 1),
                    value = value,
                    first = column_letters(left),
                    max = MAX_COLUMNS
                ),
            });
        }
        let mut unsaved_by_row: std::collections::BTreeMap<u32, Vec<(usize, String, String)>> =
            std::collections::BTreeMap::new();
        for ((row, column), formula) in unsaved {
            let letters = column_letters(column);
            let message = crate::say!(
                "error.formula_without_value",
                sheet = name,
                cell = format!("{letters}{}", u64::from(row) + 1),
                formula = format!("={formula}")
            );
            unsaved_by_row.entry(row).or_default().push((
                (column - left) as usize,
                letters,
                message,
            ));
        }
        // Rows with something in them, each as wide as its last such cell; the rows
        // between two of them are one blank record (tables are told apart by it).
        let mut rows: Vec<u32> = cells.iter().map(|c| c.0.0).collect();
        rows.extend(unsaved_by_row.keys());
        rows.sort_unstable();
        rows.dedup();
        let mut records = Vec::new();
        let mut cells = cells.into_iter().peekable();
        let mut previous: Option<u32> = None;
        for r in rows {
            if previous.is_some_and(|p| p + 1 < r) {
                records.push(Record {
                    line: u64::from(previous.unwrap_or_default()) + 2,
                    ..Record::default()
                });
            }
            previous = Some(r);
            let unsaved = unsaved_by_row.remove(&r).unwrap_or_default();
            let mut row = Vec::new();
            while let Some(cell) = cells.next_if(|c| c.0.0 == r) {
                row.push(cell);
            }
            let width = row
                .iter()
                .map(|c| (c.0.1 - left) as usize + 1)
                .chain(unsaved.iter().map(|(i, ..)| i + 1))
                .max()
                .unwrap_or(0);
            let mut texts = vec![String::new(); width];
            let mut typed = vec![false; width];
            let mut no_year = vec![false; width];
            for (at, text, is_typed, yearless) in row {
                let i = (at.1 - left) as usize;
                texts[i] = text;
                typed[i] = is_typed;
                no_year[i] = yearless;
            }
            records.push(Record {
                line: u64::from(r) + 1,
                unsaved,
                no_year: if no_year.contains(&true) {
                    no_year
                } else {
                    Vec::new()
                },
                typed,
                cells: texts.into_iter().collect(),
            });
        }
        sheets.push(Sheet {
            hidden: hidden.contains(&name),
            name,
            records,
            first_column: left,
            date_1904,
        });
    }
    Ok(Workbook { format, sheets })
}

/// A workbook read: its sheets, in order.
pub struct Workbook {
    /// The container, as `roi inspect` shows it: `xlsx`, `xls`, `ods`.
    pub format: &'static str,
    pub sheets: Vec<Sheet>,
}

/// One sheet of a workbook.
pub struct Sheet {
    pub name: String,
    /// Rows numbered from 1, as the sheet numbers them.
    pub records: Vec<Record>,
    /// The sheet's column of each record's first cell (0-based).
    pub first_column: u32,
    /// Serials count days from 1904-01-01 (a workbook saved in Excel's 1904 date
    /// system, as Excel for Mac once did).
    pub date_1904: bool,
    /// Hidden in the workbook: not read while a visible sheet holds rows.
    pub hidden: bool,
}

/// An error cell as Excel shows it.
fn excel_error(e: &calamine::CellErrorType) -> &'static str {
    use calamine::CellErrorType as E;
    match e {
        E::Div0 => "#DIV/0!",
        E::NA => "#N/A",
        E::Name => "#NAME?",
        E::Null => "#NULL!",
        E::Num => "#NUM!",
        E::Ref => "#REF!",
        E::Value => "#VALUE!",
        E::GettingData => "#GETTING_DATA",
    }
}

/// The characters of a number format's first section (of positive; negative; zero;
/// text) that are the format's own: not quoted (`0 "%"`), escaped (`0\%`) or in
/// brackets (`[$%-409]`, a locale) as literal text.
fn format_code_chars(code: &str) -> impl Iterator<Item = char> + '_ {
    code.chars()
        .scan((false, false, false), |(quoted, escaped, bracket), c| {
            let own = match c {
                _ if *escaped => {
                    *escaped = false;
                    None
                }
                '"' if !*bracket => {
                    *quoted = !*quoted;
                    None
                }
                _ if *quoted => None,
                '[' => {
                    *bracket = true;
                    None
                }
                ']' => {
                    *bracket = false;
                    None
                }
                _ if *bracket => None,
                '\\' | '_' | '*' => {
                    *escaped = true;
                    None
                }
                ';' => return None,
                c => Some(c),
            };
            Some(own)
        })
        .flatten()
}

/// Whether a number format shows its number as a percentage: a `%` of the format
/// itself ([`format_code_chars`]).
fn is_percent_format(code: &str) -> bool {
    format_code_chars(code).any(|c| c == '%')
}

/// Whether a number format shows a date without its year (`d-mmm`, `mmm d`,
/// `dd/mm`): a day and no year (`y`, or `e`, the era's year) in the format itself
/// ([`format_code_chars`]). `mmm-yy` (a month of a year) and times (`h:mm`) show no
/// day.
fn is_yearless_date_format(code: &str) -> bool {
    let mut day = false;
    for c in format_code_chars(code) {
        match c {
            'y' | 'Y' | 'e' | 'E' => return false,
            'd' | 'D' => day = true,
            _ => {}
        }
    }
    day
}

/// A spreadsheet's letters for a 0-based column: `A`, `Z`, `AA`.
fn column_letters(mut column: u32) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (column % 26) as u8);
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    letters.iter().rev().map(|&b| char::from(b)).collect()
}

/// An Excel serial date as ISO text (the 1900 date system).
pub fn excel_date(serial: f64) -> String {
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    base.checked_add_days(chrono::Days::new(serial.floor().max(0.0) as u64))
        .map_or_else(|| serial.to_string(), |d| d.to_string())
}

/// A date cell of a workbook as ISO text, with its time of day when it has one
/// (`2026-08-02 09:30`, a post's publish time): the date alone otherwise. A serial
/// below 1 is a time without a date (a cell formatted `h:mm`): its time of day
/// alone, `13:00`. `date_1904`: the workbook counts its serials from 1904-01-01.
pub fn excel_date_time(serial: f64, date_1904: bool) -> String {
    // To the nearest second: 09:30 is 0.395833… of a day.
    let seconds = (serial * 86_400.0).round();
    if serial < 0.0 || !seconds.is_finite() {
        return excel_date(serial);
    }
    let day = (seconds / 86_400.0).floor();
    let time = (seconds - day * 86_400.0) as u64;
    let (h, m, s) = (time / 3600, time / 60 % 60, time % 60);
    let clock = if s == 0 {
        format!("{h:02}:{m:02}")
    } else {
        format!("{h:02}:{m:02}:{s:02}")
    };
    if serial < 1.0 {
        return clock;
    }
    // 1904-01-01 is day 1462 of the 1900 system.
    let date = excel_date(day + if date_1904 { 1462.0 } else { 0.0 });
    if time == 0 {
        date
    } else {
        format!("{date} {clock}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_is_told_from_records_not_lines() {
        // Tweets whose quoted text holds line breaks, tabs and `;`: two records of
        // nine `,`-separated cells, whatever the lines inside the quotes hold.
        let text = "Tweet text,time,Tweet permalink,Tweet id,engagements,likes,retweets,replies,impressions\n\
                    \"a\n\t;\n\t;b\",2024-03-01 10:00 +0000,u,1,1,2,0,0,0\n\
                    \"c\n\n\t\",2024-03-02 10:00 +0000,u,2,1,2,0,0,1\n";
        assert_eq!(sniff_delimiter(text), b',');
        // A stray quote that would swallow the text leaves the lines to tell.
        assert_eq!(sniff_delimiter("a;b;c\n1\" screen;2;3\n4;5;6\n"), b';');
        // Title lines with a comma each above a tab-separated table of one row.
        let text = "Report\nStart: 9/1/2026, 12:00 AM\nEnd: 9/30/2026, 11:59 PM\n\
                    Generated: 10/1/2026, 8:05 AM\nDay\tCost\tClicks\n9/1/2026\t400.00\t90\n";
        assert_eq!(sniff_delimiter(text), b'\t');
        // Tab-separated cells holding more commas than tabs.
        let text = "Day\tImpressions\nAug 1, 2026\t1,000\nAug 2, 2026\t2,000\nAug 3, 2026\t3,000\n";
        assert_eq!(sniff_delimiter(text), b'\t');
        let text = "Day\tCampaign\tCost\tImpr.\tClicks\n2026-08-01\tA\t1,234,567.50\t12,345,678\t1,234,567\n\
                    2026-08-02\tA\t1,234,567.50\t12,345,678\t1,234,567\n";
        assert_eq!(sniff_delimiter(text), b'\t');
        // Decimal commas in a `;`-separated table are no delimiter.
        let text = "Day;Cost;Clicks\n2026-01-01;1,50;2,5\n2026-01-02;2,50;3,5\n";
        assert_eq!(sniff_delimiter(text), b';');
    }

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

    /// Vietnamese in Windows-1258 is told from Western text in Windows-1252 by its
    /// tone marks after vowels; it comes out composed.
    #[test]
    fn tells_windows_1258_from_1252() {
        let p = Path::new("x.csv");
        // "Số tiền đã,Lượt" in 1258: ô then the acute (0xEC), ê then the grave (0xCC),
        // đ (0xF0), a then the tilde (0xDE), ươ (0xFD 0xF5) then the dot below (0xF2).
        let vi = b"S\xf4\xec ti\xea\xccn \xf0a\xde,L\xfd\xf5\xf2t\n";
        let d = decode(p, vi, None).unwrap();
        assert_eq!(d.encoding, "windows-1258");
        assert_eq!(d.text, "Số tiền đã,Lượt\n");
        // Italian and French in 1252: ì and ò end words after consonants.
        for western in [
            &b"cos\xec per\xf2 far\xf2 pi\xf9 citt\xe0 caf\xe9 \xe9t\xe9\n"[..],
            // Italian's ì and ò after vowels: "Ciò che conta", "Tutto ciò che può
            // servire", "Perciò sì", "Perché sì".
            b"Ci\xf2 che conta,Tutto ci\xf2 che pu\xf2 servire,Perci\xf2 s\xec,Perch\xe9 s\xec\n",
            b"PER\xd2 COS\xcc,CI\xd2\n",
            b"Caf\xe9 cr\xe8me br\xfbl\xe9e,\xc9t\xe9\n",
        ] {
            assert_eq!(decode(p, western, None).unwrap().encoding, "windows-1252");
        }
        // One sign suffices when nothing speaks for 1252: `Tết` (ê then the acute)
        // beside `Hè`; `Đồng Tháp` (Đ starting a word, ô then the grave); `Đà Nẵng`.
        for (bytes, text) in [
            (&b"T\xea\xect,H\xe8\n"[..], "Tết,Hè\n"),
            (b"\xd0\xf4\xccng Th\xe1p,\xd4 M\xf4n\n", "Đồng Tháp,Ô Môn\n"),
            (b"\xd0\xe0 N\xe3ng\n", "Đà Năng\n"),
        ] {
            let d = decode(p, bytes, None).unwrap();
            assert_eq!(
                (d.encoding.as_str(), d.text.as_str()),
                ("windows-1258", text)
            );
        }
        // A tone byte after a consonant speaks for 1252 (`così`); Icelandic writes
        // `ð` inside words and `Þ` starting them.
        for western in [&b"cos\xec,pu\xf2\n"[..], b"me\xf0 \xdeetta,vi\xf0\n"] {
            assert_eq!(decode(p, western, None).unwrap().encoding, "windows-1252");
        }
    }

    /// UTF-8 with a byte that is not is damage, named by line, character and byte; a
    /// file with no valid multi-byte character stays a code-page candidate.
    #[test]
    fn damaged_utf8_is_an_error_not_a_code_page() {
        let p = Path::new("x.csv");
        // UTF-8 whose only other characters are Latin-1 symbols (`£`, `®`), and one
        // stray Latin-1 `£`: damaged UTF-8, at its line.
        let pounds = "Campaign,Spend\nA,£10.50\nB,£2.00\nC,£3.25\nD,"
            .bytes()
            .chain(*b"\xa34.00\n")
            .collect::<Vec<u8>>();
        assert_eq!(decode(p, &pounds, None).unwrap_err().line, Some(5));
        let bytes = "a,b\nTết,1\nCaf"
            .bytes()
            .chain(*b"\xe9,2\n")
            .collect::<Vec<u8>>();
        let e = decode(p, &bytes, None).unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(
            e.message.contains("0xE9") && e.message.contains("character 4"),
            "{e}"
        );
        // Lines ended by CR alone count too.
        let cr: Vec<u8> = bytes
            .iter()
            .map(|&b| if b == b'\n' { b'\r' } else { b })
            .collect();
        assert_eq!(decode(p, &cr, None).unwrap_err().line, Some(3));
        assert_eq!(
            decode(p, b"Caf\xe9,1\n", None).unwrap().encoding,
            "windows-1252"
        );
        // French and Vietnamese UTF-8 with a stray Latin-1 byte.
        let fr = "Café,Crème,Été\nRésumé,"
            .bytes()
            .chain(*b"d\xe9j\xe0\n")
            .collect::<Vec<u8>>();
        assert_eq!(decode(p, &fr, None).unwrap_err().line, Some(2));
    }

    /// Windows-1252 makes a valid UTF-8 pair by chance where a capital accented
    /// letter meets a quote (`É”` reads `ɔ`, `Ã”` reads `Ô`): still a code page.
    #[test]
    fn a_code_page_pair_by_chance_is_not_utf8() {
        let p = Path::new("x.csv");
        for bytes in [
            &b"Name,Day\n\x93CAF\xc9\x94 Paris,2026-08-01\n"[..],
            b"Name,Day\nCAF\xc9\x94 Paris,2026-08-01\nRentr\xe9e,2026-08-02\n",
            b"Name,Day\n\x93PROMO\xc7\xc3\x94,2026-08-01\n",
        ] {
            assert_eq!(decode(p, bytes, None).unwrap().encoding, "windows-1252");
        }
        assert_eq!(
            decode(p, b"Name\n\x93CAF\xc9\x94 Paris\n", None)
                .unwrap()
                .text,
            "Name\n“CAFÉ” Paris\n"
        );
    }

    #[test]
    fn sep_line_and_sniffing() {
        let p = Path::new("x.csv");
        let (recs, d) = records(p, "sep=;\n\"a\";\"b\"\n1;2\n").unwrap();
        assert_eq!(d, b';');
        assert_eq!(recs[0].line, 2);
        assert!(recs[1].cells.iter().eq(["1", "2"]));
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
        // Lines ended by CR alone (Excel's "CSV (Macintosh)"), a blank one among them.
        let (recs, _) = records(p, "a,b\r1,2\r\r3,\"x\ry\"\r4,5\r").unwrap();
        let lines: Vec<u64> = recs.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 2, 4, 6]);
        assert_eq!(line_breaks(b"a\r\nb\rc\nd\r\r\ne", true), 3);
        assert_eq!(line_breaks(b"a\rb\r\rc", false), 3);
        // In a text with `\n`s, a `\r` inside quotes ends no line, and `\r\r\n` ends
        // one.
        let (recs, _) = records(p, "a,b\n1,\"x\ry\"\n2,3\n").unwrap();
        let lines: Vec<u64> = recs.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 2, 3]);
        let (recs, _) = records(p, "a,b\r\r\n1,2\r\r\n3,4\r\r\n").unwrap();
        let lines: Vec<u64> = recs.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 2, 3]);
    }

    #[test]
    fn column_letters_as_spreadsheets_write_them() {
        let letters: Vec<String> = [0, 3, 25, 26, 27, 701, 702].map(column_letters).into();
        assert_eq!(letters, ["A", "D", "Z", "AA", "AB", "ZZ", "AAA"]);
    }

    #[test]
    fn excel_serials() {
        assert_eq!(excel_date(46_235.0), "2026-08-01");
        // A date cell with a time keeps it (a post's publish time), to the second.
        assert_eq!(excel_date_time(46_235.0, false), "2026-08-01");
        assert_eq!(
            excel_date_time(46_236.0 + 9.5 / 24.0, false),
            "2026-08-02 09:30"
        );
        assert_eq!(
            excel_date_time(
                46_236.0 + (14.0 * 3600.0 + 5.0 * 60.0 + 7.0) / 86_400.0,
                false
            ),
            "2026-08-02 14:05:07"
        );
        // 23:59:59.9 rounds to the next day's midnight: the date alone.
        assert_eq!(
            excel_date_time(46_236.0 + 86_399.9 / 86_400.0, false),
            "2026-08-03"
        );
        // The 1904 date system's serial of the same day is 1462 days less.
        assert_eq!(excel_date_time(44_773.0 + 0.5, true), "2026-08-01 12:00");
        // A time without a date is its time of day.
        assert_eq!(excel_date_time(13.0 / 24.0, false), "13:00");
        assert_eq!(excel_date_time(0.0, true), "00:00");
        assert_eq!(excel_date_time(7.0 / 86_400.0, false), "00:00:07");
    }

    #[test]
    fn percent_formats() {
        for code in ["0%", "0.0%", "#,##0.00%;[Red]-0.00%", "[Color10]0.0%"] {
            assert!(is_percent_format(code), "{code}");
        }
        for code in ["General", "0.00", "0\\%", "0 \"%\"", "0;-0%", "[$%-409]0"] {
            assert!(!is_percent_format(code), "{code}");
        }
    }
}

#[cfg(test)]
mod line_tests {
    use super::*;

    #[test]
    fn lines_of_records_read_in_small_pieces() {
        // One byte at a time: runs of line breaks cross every read boundary.
        struct Trickle<'a>(&'a [u8]);
        impl std::io::Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let Some((&b, rest)) = self.0.split_first() else {
                    return Ok(0);
                };
                buf[0] = b;
                self.0 = rest;
                Ok(1)
            }
        }
        let text = "a,b\r\n1,2\r\n\r\n3,\"x\ny\"\n4,5\n";
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(Counted::new(Trickle(text.as_bytes())));
        let mut record = csv::StringRecord::new();
        let mut lines = Vec::new();
        while csv.read_record(&mut record).unwrap() {
            let byte = record.position().unwrap().byte();
            lines.push(csv.get_mut().line_at(byte));
        }
        assert_eq!(lines, vec![1, 2, 4, 6]);
    }

    #[test]
    fn cuts_fall_after_whole_runs_of_line_breaks() {
        let cut = |w: &[u8]| Cut::in_window(w, 100);
        // The run must be whole: a window starting inside one looks further.
        assert_eq!(
            cut(b"\nab\r\n\r\ncd"),
            Some(Cut {
                breaks: 103,
                at: 107,
                newlines: 2
            })
        );
        assert_eq!(cut(b"ab\n"), None, "the run may go on past the window");
        assert_eq!(cut(b"ab\rcd"), None, "no \\n");
    }

    /// Parts of a file on disk: a clean cut gives the lines before it; a cut inside
    /// a quoted cell is found out by the part before it.
    #[test]
    fn a_part_tells_whether_it_ended_at_its_cut() {
        let dir = tempfile::tempdir().unwrap();
        let check = |text: &str, lines: Option<u64>| {
            let path = dir.path().join("t.csv");
            std::fs::write(&path, text).unwrap();
            let head = &text.as_bytes()[..64];
            let disk = Text::on_disk(&path, 0, head, "utf-8");
            let cuts = disk.cuts(2, 1).unwrap();
            assert_eq!(cuts.len(), 1);
            let mut reader = disk.part(None, Some(cuts[0])).unwrap();
            let mut record = Record::default();
            let mut read = 0;
            while reader.read(&mut record).unwrap() {
                read += 1;
            }
            assert_eq!(reader.lines_to(cuts[0]), lines, "{read} records read");
            if lines.is_none() {
                // Reading on gives every record after all.
                reader.read_to_end();
                while reader.read(&mut record).unwrap() {
                    read += 1;
                }
                assert_eq!(read, 3);
            }
        };
        let row = "2026-08-01,facebook,summer,1\r\n";
        // 60 rows of 30 bytes: the first line break from byte 900 on ends row 31.
        check(&row.repeat(60), Some(31));
        let quoted = format!("a,b\n1,\"{}\"\n2,3\n", "x\ny\n".repeat(100));
        check(&quoted, None);
    }
}

#[cfg(test)]
mod parser_tests {
    use super::*;

    /// What a reader gives: each record's line and cells, or the error it stops at.
    fn read_all(
        source: Source<'_>,
        delimiter: u8,
        exact: bool,
    ) -> Vec<Result<(u64, Vec<String>), String>> {
        let mut text = Text::in_memory(Path::new("t.csv"), String::new(), "utf-8");
        text.delimiter = delimiter;
        let mut records = CsvRecords::new(&text, source, 0, 0).unwrap();
        if exact {
            records
                .take_over()
                .map_err(|f| f.error.to_string())
                .unwrap();
        }
        let mut out = Vec::new();
        let mut record = Record::default();
        loop {
            match records.read(&mut record) {
                Ok(true) => out.push(Ok((
                    record.line,
                    record.cells.iter().map(str::to_owned).collect(),
                ))),
                Ok(false) => return out,
                Err(failed) => {
                    out.push(Err(format!("{} {}", failed.error, failed.not_utf8)));
                    return out;
                }
            }
        }
    }

    /// A cell as exports write them, or as they should not.
    fn cell() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::prop_oneof![
            "[a-z0-9 é]{0,6}",
            "\"[a-z,;\r\n é]{0,6}\"",
            "\"[a-z]{0,3}\"\"[a-z ,]{0,3}\"",
            // What the fast parser must hand over: stray quotes, text after a closing
            // quote, an open quote, a lone `\r`.
            "[a-z]{0,2}\"[a-z,]{0,2}",
            "\"[a-z]{0,2}\"[a-z]{1,2}",
            "\"[a-z\n]{0,3}",
            "[a-z]{0,2}\r[a-z]{0,2}",
        ]
    }

    fn text() -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
        use proptest::prelude::*;
        let line = proptest::collection::vec(cell(), 1..4).prop_map(|cells| cells.join(","));
        let ending = proptest::prop_oneof!["\n", "\r\n", "\n\n", "\r\n\r\n", "\r", ""];
        let lines = proptest::collection::vec((line, ending), 0..6);
        let noise = proptest::collection::vec(
            proptest::sample::select(vec![
                b'a', b',', b';', b'"', b'\r', b'\n', 0xC3, 0xA9, 0xFF, 0xEF,
            ]),
            0..40,
        );
        proptest::prop_oneof![
            lines.prop_map(|lines| {
                lines
                    .into_iter()
                    .flat_map(|(l, e)| format!("{l}{e}").into_bytes())
                    .collect()
            }),
            noise,
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        /// The fast parser, with the exact one taking over where the text is not
        /// plain, reads every text as the exact parser alone does: the same records,
        /// lines and errors.
        #[test]
        fn the_fast_parser_reads_as_the_exact_one(
            mut bytes in text(),
            semicolon: bool,
            bom: bool,
            piece in 1usize..9,
        ) {
            let delimiter = if semicolon { b';' } else { b',' };
            if bom {
                bytes.splice(0..0, "\u{feff}".bytes());
            }
            proptest::prop_assert_eq!(
                read_all(Source::Bytes(&bytes), delimiter, false),
                read_all(Source::Bytes(&bytes), delimiter, true)
            );
            // Reads that end anywhere: inside a quoted cell, between `\r` and `\n`.
            proptest::prop_assert_eq!(
                read_all(Source::Pieces(&bytes, piece), delimiter, false),
                read_all(Source::Pieces(&bytes, piece), delimiter, true)
            );
        }

        /// The check gives the same answer however the text is split into reads.
        #[test]
        fn the_plain_check_does_not_depend_on_reads(bytes in text(), cuts in proptest::collection::vec(0usize..60, 0..4)) {
            let check = |pieces: &[&[u8]]| {
                let mut plain = Plain { delimiter: b',', quoted: false, before: None, pending: None };
                pieces.iter().filter(|p| !p.is_empty()).all(|p| plain.accepts(p))
                    && plain.accepts(&[])
            };
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(bytes.len())).collect();
            cuts.sort_unstable();
            let mut pieces = Vec::new();
            let mut from = 0;
            for cut in cuts {
                pieces.push(&bytes[from..cut]);
                from = cut;
            }
            pieces.push(&bytes[from..]);
            proptest::prop_assert_eq!(check(&pieces), check(&[&bytes[..]]));
        }
    }

    /// Found by review: each compared with the csv crate's parser alone.
    #[test]
    fn texts_where_the_parsers_once_differed() {
        // A character split by quotes and a delimiter is not UTF-8: an error, as the
        // csv crate says, not a record.
        for text in [&b"\"\xC3\",\"\xA9\"\n"[..], b"\"\xC3\",\xA9\n"] {
            let read = read_all(Source::Bytes(text), b',', false);
            assert!(
                matches!(&read[..], [Err(e)] if e.ends_with("true")),
                "{read:?}"
            );
            assert_eq!(read, read_all(Source::Bytes(text), b',', true));
        }
        // A line holding only a byte-order mark before the record the exact parser
        // takes over at, in the same read and in the next one.
        let mut long = b"x,y\n".repeat(16_379);
        long.extend_from_slice(b"\xEF\xBB\xBF\n");
        long.extend_from_slice(&b"b".repeat(20));
        long.extend_from_slice(b"\"c\nlast,row\n");
        for text in [&b"a\n\xEF\xBB\xBF\nb\xFF\n"[..], &long] {
            let exact = read_all(Source::Bytes(text), b',', true);
            assert_eq!(read_all(Source::Bytes(text), b',', false), exact);
        }
        assert_eq!(read_all(Source::Bytes(&long), b',', true).len(), 16_382);
    }

    /// Quotes that would swallow rows are errors at the line and cell where the
    /// quoted cell opens, whichever parser met the record first and however the
    /// text is split into reads; legit quoted line breaks and a stray quote within
    /// one line read as before.
    #[test]
    fn quotes_that_swallow_rows_are_errors() {
        let check = |text: &str, expected: Result<usize, &str>| {
            for piece in [1, 3, 1 << 16] {
                for exact in [false, true] {
                    let read = read_all(Source::Pieces(text.as_bytes(), piece), b',', exact);
                    match expected {
                        Ok(n) => assert!(
                            read.len() == n && read.iter().all(Result::is_ok),
                            "{text:?}: {read:?}"
                        ),
                        Err(e) => {
                            assert_eq!(read.last(), Some(&Err(format!("{e} false"))), "{text:?}");
                        }
                    }
                }
            }
        };
        let never = "a quoted cell opens here and never closes; the file may be cut off or a quote is missing";
        check(
            "a,b\r\n1,\"x\r\n2,y\r\n",
            Err(&format!("t.csv:2: column 2: {never}")),
        );
        check(
            "a,b\n\n1,2\n3,\"cut",
            Err(&format!("t.csv:4: column 2: {never}")),
        );
        // A byte-order mark before the quote is not text of the cell. (Reads of
        // exactly its three bytes are left out: csv-core takes a read holding only
        // a stripped mark for the end of the text, in both parsers alike.)
        for exact in [false, true] {
            assert_eq!(
                read_all(Source::Bytes("\u{feff}\"a".as_bytes()), b',', exact),
                [Err(format!("t.csv:1: column 1: {never} false"))]
            );
        }
        check(
            "a,b,c\n1,\"x,2\n3,y,4\n5,\"C\",6\n",
            Err(
                "t.csv:2: column 2: a quoted cell opens here and runs over 2 line breaks \
                 to a closing quote followed by `C\"`, not by a delimiter or the end of the \
                 line; a quote is missing or stray, and the lines in between would be read \
                 as one cell",
            ),
        );
        // Legit: quoted line breaks with escaped quotes, a stray quote inside one
        // line, text after a closing quote on one line, a closed quote at the end.
        check(
            "a,b\r\n\"x \"\"y\"\"\r\nz\",1\r\n12\" screen,2\r\n\"a\"b,3\r\n\"e\"",
            Ok(5),
        );
        check("a,b\n1,\"x\ny\"", Ok(2));
    }

    #[test]
    fn quote_states() {
        let at = |line, column| QuoteAt { line, column };
        assert_eq!(
            quotes_in_record(b"a,\"b\nc\"\"d\",e\n", b',', true),
            Quotes::Fine
        );
        assert_eq!(
            quotes_in_record(b"a;\"b", b';', false),
            Quotes::NeverCloses(at(0, 1))
        );
        assert_eq!(
            quotes_in_record(b"\"a\"b,\"c", b',', false),
            Quotes::NeverCloses(at(0, 1))
        );
        assert_eq!(
            quotes_in_record(b"x,\"a\nb\nc\"d\"e,f\n", b',', true),
            Quotes::TextAfterClosing {
                opened: at(0, 1),
                closed: 2,
                after: "d\"e".to_owned()
            }
        );
    }

    #[test]
    fn plain_texts_are_read_fast_and_others_handed_over() {
        let fast = |t: &str| {
            let mut plain = Plain {
                delimiter: b',',
                quoted: false,
                before: None,
                pending: None,
            };
            plain.accepts(t.as_bytes()) && plain.accepts(&[])
        };
        assert!(fast("a,\"b, \"\"c\"\"\"\r\n\"x\ny\",2\n"));
        assert!(!fast("\"x\r\ny\",2\n"), "a CR inside quotes");
        assert!(!fast("\u{feff}a,b\n"), "a byte-order mark");
        assert!(!fast("a\"b,c\n"), "a quote inside an unquoted cell");
        assert!(!fast("\"a\"b,c\n"), "text after a closing quote");
        assert!(!fast("a,b\rc,d\r"), "lines ending in a lone CR");
        assert!(!fast("\"a,b\n"), "a quote never closed");
    }
}
