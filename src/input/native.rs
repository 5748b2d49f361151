//! roi's own format: the normalized model written out, as CSV with a header or as
//! JSON (an array of objects, or one object per line). Strict on purpose: a file in
//! this format was written by roi or by someone who read its documentation.

use std::path::Path;

use chrono::NaiveDate;

use super::InputError;
use super::number::{NumberError, parse_plain};
use super::text::{Record, RecordReader, Text};
use crate::model::{Amount, Dimension, MetricId};
use crate::normalize::{Builder, RowInput, metric_name, must_be_non_negative};

#[derive(Debug, Clone, Copy)]
enum Field {
    Date,
    EndDate,
    Dim(Dimension),
    /// A metric, whether it must not be negative (a count, spend), and whether it must be
    /// whole ([`crate::model::is_whole_count`]).
    Metric(MetricId, bool, bool),
    /// A built-in KPI's name ([`crate::kpi::is_derived_builtin`]): not read.
    Derived,
}

fn field_for(name: &str, builder: &mut Builder) -> Field {
    match name {
        "date" => Field::Date,
        "end_date" => Field::EndDate,
        _ => match Dimension::from_name(name) {
            Some(d) => Field::Dim(d),
            None if crate::kpi::is_derived_builtin(&metric_name(name)) => Field::Derived,
            None => {
                let metric = metric_name(name);
                Field::Metric(
                    builder.metric(&metric),
                    must_be_non_negative(&metric),
                    crate::model::is_whole_count(&metric),
                )
            }
        },
    }
}

/// The field a column or JSON key names, as [`field_for`] reads it: `Likes`,
/// `likes`, `Trial starts` and `trial-starts` name one metric.
fn field_key(name: &str) -> String {
    if name == "date" || name == "end_date" || Dimension::from_name(name).is_some() {
        name.to_owned()
    } else {
        metric_name(name)
    }
}

/// The first name that names the same field as one before it: its position, and the
/// earlier name's.
fn same_field<'a>(names: impl IntoIterator<Item = &'a str>) -> Option<(usize, usize)> {
    let mut seen: Vec<String> = Vec::new();
    for (i, name) in names.into_iter().enumerate() {
        let key = field_key(name);
        if let Some(j) = seen.iter().position(|k| *k == key) {
            return Some((i, j));
        }
        seen.push(key);
    }
    None
}

/// The message for `name` naming the field `earlier` names.
fn same_field_message(name: &str, earlier: &str) -> String {
    if name == earlier {
        crate::say!("error.duplicate_column", column = name)
    } else {
        crate::say!(
            "error.same_field",
            column = name,
            other = earlier,
            field = field_key(name)
        )
    }
}

/// Warns, once per file, that a column named as a built-in KPI is not read.
fn warn_derived(name: &str, builder: &mut Builder) {
    let kpi = metric_name(name);
    if !crate::kpi::is_derived_builtin(&kpi) {
        return;
    }
    let warning = crate::msg!("warning.native_kpi_column", column = name, kpi = kpi);
    if !builder.last_file_warnings().contains(&warning) {
        builder.warn(warning);
    }
}

struct Cell<'a> {
    path: &'a Path,
    line: u64,
    index: usize,
    name: &'a str,
    value: &'a str,
}

impl Cell<'_> {
    fn error(&self, message: String) -> InputError {
        InputError {
            path: self.path.to_path_buf(),
            line: Some(self.line),
            column: Some(format!("{} (`{}`)", self.index + 1, self.name)),
            message,
        }
    }

    fn date(&self) -> Result<NaiveDate, InputError> {
        let date = super::value::iso_date(self.value.trim()).ok_or_else(|| {
            self.error(crate::say!(
                "error.native_date",
                value = format!("{:?}", self.value)
            ))
        })?;
        match super::value::year_error(date, self.value) {
            Some(message) => Err(self.error(message)),
            None => Ok(date),
        }
    }

    #[inline]
    fn amount(
        &self,
        id: MetricId,
        non_negative: bool,
        whole: bool,
        builder: &mut Builder,
    ) -> Result<Option<Amount>, InputError> {
        let value = match parse_plain(self.value) {
            Ok(value) => value,
            Err(e) => return Err(self.not_an_amount(e, id, builder)),
        };
        // Summed, a fraction of a lead would pass for data (`1.500` meant as 1,500
        // is 1.5 here): refused, as the Parquet writer does.
        if whole && let Some(v) = value.filter(|v| v.0 % Amount::SCALE != 0) {
            return Err(self.fraction_in_count(v, id, builder));
        }
        if non_negative && value.is_some_and(Amount::is_negative) {
            self.negative_kept(id, builder);
        }
        Ok(value)
    }

    #[cold]
    fn fraction_in_count(&self, value: Amount, id: MetricId, builder: &Builder) -> InputError {
        self.error(crate::say!(
            "error.native_fraction",
            value = format!("{:?}", self.value.trim()),
            read = crate::render::normalized::amount_text(value),
            metric = builder.metric_info(id).name
        ))
    }

    #[cold]
    fn not_an_amount(&self, e: NumberError, id: MetricId, builder: &Builder) -> InputError {
        let metric = &builder.metric_info(id).name;
        self.error(match e {
            NumberError::NotANumber => crate::say!(
                "error.native_number",
                value = format!("{:?}", self.value),
                custom = if crate::model::canonical_metric(metric).is_none() {
                    crate::say!("error.custom_metric", column = self.name)
                } else {
                    String::new()
                }
            ),
            NumberError::TooLarge => {
                crate::say!("error.too_large", value = format!("{:?}", self.value))
            }
        })
    }

    /// Platforms write corrections (-1 comments); kept so totals match, reported.
    #[cold]
    fn negative_kept(&self, id: MetricId, builder: &mut Builder) {
        let metric = builder.metric_info(id).name.clone();
        builder.warn_row(
            crate::msg!("warning.negative_kept", metric = metric),
            self.line,
        );
    }
}

/// Whether a `published` cell is empty, a day (`2026-08-31`) or a day and time as
/// roi writes them (`2026-08-31T14:05`, `2026-08-31 14:05:00`, with `Z` or an offset
/// such as `+07:00`).
fn is_publish_time(value: &str) -> bool {
    let value = value.trim();
    value.is_empty()
        || (value.len() == 10 && super::value::iso_date(value).is_some())
        || crate::insights::local_time(value, None).is_some()
}

/// Maps one record's cells (name, value) onto a row; `values` is a buffer.
fn push_record<'a>(
    path: &Path,
    line: u64,
    cells: impl Iterator<Item = (usize, &'a str, Field, &'a str, u64)>,
    values: &mut Vec<(MetricId, Amount)>,
    builder: &mut Builder,
) -> Result<(), InputError> {
    let mut start = None;
    let mut end = None;
    let mut dims = [None; Dimension::COUNT];
    values.clear();
    // A money cell written as thousands are in Vietnam (`300.000`), checked against
    // the row's currency once every cell is read.
    let mut grouped_money = None;
    for (index, name, field, value, cell_line) in cells {
        let cell = Cell {
            path,
            line: cell_line,
            index,
            name,
            value,
        };
        match field {
            Field::Date => start = Some(cell.date()?),
            Field::EndDate if value.trim().is_empty() => {}
            Field::EndDate => end = Some(cell.date()?),
            // A publish time that cannot be (`T25:00`) had a part mistyped, and a
            // word after it roi does not read could move it by twelve hours:
            // refused, as in an export, not read as no time.
            Field::Dim(Dimension::Published) if let Some(bad) = super::value::bad_time(value) => {
                return Err(cell.error(bad.message(value)));
            }
            // roi's own field, as `normalize` writes it: any other text (`8:30 PM`,
            // a day-first date) would be kept as no time of day, the post silently
            // out of the hours `insights` counts.
            Field::Dim(Dimension::Published) if !is_publish_time(value) => {
                return Err(cell.error(crate::say!(
                    "error.native_published",
                    value = format!("{value:?}")
                )));
            }
            Field::Dim(d) => dims[d.index()] = Some(value),
            Field::Derived => {}
            Field::Metric(id, non_negative, whole) => {
                if grouped_money.is_none()
                    && super::value::grouped_by_three_bytes(value.trim().as_bytes(), b'.')
                    && builder.metric_info(id).unit == crate::model::Unit::Money
                {
                    grouped_money = Some((index, name, value, cell_line));
                }
                if let Some(v) = cell.amount(id, non_negative, whole, builder)? {
                    values.push((id, v));
                }
            }
        }
    }
    let Some(start) = start else {
        return Err(InputError {
            path: path.to_path_buf(),
            line: Some(line),
            column: None,
            message: crate::say!("error.no_date"),
        });
    };
    // In a currency without minor units, `300.000` is three hundred thousand in
    // every export and target roi reads, and three hundred here: refused, not
    // read a thousand times too small.
    if let Some((index, name, value, cell_line)) = grouped_money {
        let currency = dims[Dimension::Currency.index()].or(builder.default_currency());
        if let Some(currency) = currency.filter(|c| crate::model::currency_decimals(c) == 0) {
            return Err(Cell {
                path,
                line: cell_line,
                index,
                name,
                value,
            }
            .error(crate::say!(
                "error.native_grouped_money",
                value = format!("{:?}", value.trim()),
                currency = currency.trim().to_ascii_uppercase(),
                digits = value.trim().replace(['.', '+'], "")
            )));
        }
    }
    let end = end.unwrap_or(start);
    if end < start {
        return Err(InputError {
            path: path.to_path_buf(),
            line: Some(line),
            column: Some("`end_date`".to_owned()),
            message: crate::say!("error.end_before_start", end = end, start = start),
        });
    }
    builder.push(
        &RowInput {
            start,
            end,
            platform_column: dims[crate::model::Dimension::Platform.index()].is_some(),
            segments: 0,
            dims,
            line,
        },
        values,
    );
    Ok(())
}

/// Reads roi's CSV record by record, in up to `parts` parts at once; `header` is its
/// first non-blank record, and record number `above` (from 0).
pub fn read_csv(
    path: &Path,
    text: &Text,
    (header, above): (&Record, usize),
    parts: usize,
    builder: &mut Builder,
) -> Result<(), InputError> {
    let names: Vec<String> = header
        .cells
        .iter()
        .map(|h| crate::dataset::compose(h.trim()).into_owned())
        .collect();
    if let Some((i, j)) = same_field(names.iter().map(String::as_str)) {
        return Err(InputError {
            path: path.to_path_buf(),
            line: Some(header.line),
            column: Some(format!("{} (`{}`)", i + 1, names[i])),
            message: same_field_message(&names[i], &names[j]),
        });
    }
    for name in &names {
        warn_derived(name, builder);
    }
    let kind = crate::normalize::roi_kind(&names.iter().map(String::as_str).collect::<Vec<_>>());
    super::parts::read(
        text,
        parts,
        above + 1,
        builder,
        |reader, builder, first| {
            let fields: Vec<Field> = names.iter().map(|n| field_for(n, builder)).collect();
            builder.set_kind(&kind, None);
            let mut record = Record::default();
            while first && reader.read(&mut record)? && record.is_blank() {}
            let mut values = Vec::with_capacity(fields.len());
            read_rows(path, reader, &names, &fields, &mut values, builder)
        },
        |()| super::parts::After::Go,
    )
    .map(drop)
}

/// Reads rows to the end of what `reader` reads.
fn read_rows(
    path: &Path,
    reader: &mut RecordReader<'_>,
    names: &[String],
    fields: &[Field],
    values: &mut Vec<(MetricId, Amount)>,
    builder: &mut Builder,
) -> Result<(), InputError> {
    let mut record = Record::default();
    while reader.read(&mut record).map_err(|e| e.in_header(names))? {
        if record.is_blank() {
            continue;
        }
        if record.cells.len() != names.len() {
            return Err(InputError {
                path: path.to_path_buf(),
                line: Some(record.line),
                column: None,
                message: crate::say!(
                    "error.cell_count",
                    cells = record.cells.len(),
                    header = names.len()
                ),
            });
        }
        let cells = record
            .cells
            .iter()
            .enumerate()
            .map(|(i, value)| (i, names[i].as_str(), fields[i], value, record.line));
        push_record(path, record.line, cells, values, builder)?;
    }
    Ok(())
}

/// Where the bytes of a text start their lines, to tell the line and column of any
/// byte.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Lines {
        // A line starts after each `\n`, or in a text without them, after each `\r`
        // (`\r\r\n` ends one line).
        let bytes = text.as_bytes();
        let end = if bytes.contains(&b'\n') { b'\n' } else { b'\r' };
        Lines(
            std::iter::once(0)
                .chain(memchr::memchr_iter(end, bytes).map(|i| i + 1))
                .collect(),
        )
    }

    /// The 1-based line and the 0-based column (in characters) of byte `at` of `text`.
    fn at(&self, text: &str, at: usize) -> (u64, usize) {
        let line = self.0.partition_point(|&start| start <= at).max(1);
        let start = self.0[line - 1];
        let column = text.get(start..at).map_or(0, |t| t.chars().count());
        (line as u64, column)
    }
}

/// Where `part`, a slice of `text`, starts in it.
fn offset_in(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

pub fn read_json(path: &Path, text: &str, builder: &mut Builder) -> Result<(), InputError> {
    let lines = Lines::new(text);
    // An error of serde_json in `part` of the text, which starts at `(line, column)`.
    let json_error = |(line, column): (u64, usize), e: &serde_json::Error| {
        // serde_json's message ends with its own position, which is counted from
        // the start of what it parsed, not of the file: the error names the file's.
        let message = e.to_string();
        let position = format!(" at line {} column {}", e.line(), e.column());
        let column = if e.line() <= 1 {
            column + e.column()
        } else {
            e.column()
        };
        InputError {
            path: path.to_path_buf(),
            line: Some(line + e.line().max(1) as u64 - 1),
            column: (column > 0).then(|| column.to_string()),
            message: crate::say!(
                "error.bad_json",
                error = message.strip_suffix(&position).unwrap_or(&message)
            ),
        }
    };
    let trimmed = text.trim_start();
    // Each record's text, a slice of the file's.
    let parts: Vec<&str> = if trimmed.starts_with('[') {
        let items: Vec<&serde_json::value::RawValue> = serde_json::from_str(text).map_err(|e| {
            // Skipping over a record, serde_json says less than it does reading it
            // (`key must be a string` for a trailing comma): its words when reading.
            let e = serde_json::from_str::<Vec<serde_json::Value>>(text)
                .err()
                .unwrap_or(e);
            json_error((1, 0), &e)
        })?;
        items
            .into_iter()
            .map(serde_json::value::RawValue::get)
            .collect()
    } else if let Ok(one) = serde_json::from_str::<&serde_json::value::RawValue>(text) {
        // roi's own report (`roi report --format json -o report.json`), saved beside
        // the exports, is no record of them.
        #[derive(serde::Deserialize)]
        struct Output {
            schema_version: serde_json::Value,
        }
        if let Ok(output) = serde_json::from_str::<Output>(one.get()) {
            return Err(InputError {
                path: path.to_path_buf(),
                line: None,
                column: None,
                message: crate::say!("error.json_roi_output", version = output.schema_version),
            });
        }
        // One record, written over several lines or on one.
        vec![one.get()]
    } else {
        text.lines()
            .filter(|line| !line.trim().is_empty())
            .collect()
    };
    let mut values = Vec::new();
    for part in parts {
        let at = lines.at(text, offset_in(text, part));
        let line = at.0;
        let record: JsonRecord<'_> = serde_json::from_str(part).map_err(|e| json_error(at, &e))?;
        let JsonRecord::Object { fields: map, twice } = record else {
            return Err(InputError {
                path: path.to_path_buf(),
                line: Some(line),
                column: None,
                message: crate::say!("error.json_object"),
            });
        };
        // A field's line, where its value starts.
        let line_of =
            |raw: &serde_json::value::RawValue| lines.at(text, offset_in(text, raw.get())).0;
        if let Some((name, raw)) = twice {
            return Err(InputError {
                path: path.to_path_buf(),
                line: Some(line_of(raw)),
                column: Some(format!("`{name}`")),
                message: crate::say!("error.json_field_twice"),
            });
        }
        if let Some((i, j)) = same_field(map.iter().map(|(k, _)| k.as_str())) {
            return Err(InputError {
                path: path.to_path_buf(),
                line: Some(line_of(map[i].1)),
                column: Some(format!("{} (`{}`)", i + 1, map[i].0)),
                message: same_field_message(&map[i].0, &map[j].0),
            });
        }
        let columns: Vec<&str> = map.iter().map(|(k, _)| k.as_str()).collect();
        builder.set_kind(&crate::normalize::roi_kind(&columns), None);
        let mut texts = Vec::with_capacity(map.len());
        for (i, (name, raw)) in map.iter().enumerate() {
            warn_derived(name, builder);
            let field_line = line_of(raw);
            let value: serde_json::Value = serde_json::from_str(raw.get())
                .map_err(|e| json_error(lines.at(text, offset_in(text, raw.get())), &e))?;
            let text = match value {
                serde_json::Value::Null => String::new(),
                serde_json::Value::String(s) => s,
                // A number is read from its text, as a cell is, exactly: through an
                // f64 it would lose digits past the 16th.
                serde_json::Value::Number(_) if !raw.get().contains(['e', 'E']) => {
                    raw.get().to_owned()
                }
                // `1e-6` is how JSON writers (roi's own among them) write a millionth:
                // a float is read from its shortest decimal digits, never in exponent form.
                serde_json::Value::Number(n) => match n.as_f64().filter(|_| n.is_f64()) {
                    Some(f) => f.to_string(),
                    None => n.to_string(),
                },
                other => {
                    return Err(InputError {
                        path: path.to_path_buf(),
                        line: Some(field_line),
                        column: Some(format!("{} (`{name}`)", i + 1)),
                        message: crate::say!("error.json_value", value = other),
                    });
                }
            };
            texts.push((name.clone(), field_for(name, builder), text, field_line));
        }
        let cells = texts
            .iter()
            .enumerate()
            .map(|(i, (name, field, text, at))| (i, name.as_str(), *field, text.as_str(), *at));
        push_record(path, line, cells, &mut values, builder)?;
    }
    Ok(())
}

/// One JSON record: its fields in the order written, each with its value's text in
/// the file's, and the first field written twice (a map would keep the last one
/// silently); or a value that is not an object.
enum JsonRecord<'a> {
    Object {
        fields: Vec<(String, &'a serde_json::value::RawValue)>,
        twice: Option<(String, &'a serde_json::value::RawValue)>,
    },
    Other,
}

impl<'de> serde::Deserialize<'de> for JsonRecord<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
        struct Record;
        impl<'de> Visitor<'de> for Record {
            type Value = JsonRecord<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<JsonRecord<'de>, A::Error> {
                let mut fields: Vec<(String, &'de serde_json::value::RawValue)> = Vec::new();
                let mut twice = None;
                while let Some(name) = map.next_key::<String>()? {
                    // Composed (NFC), as a CSV header's names are: `Chi phí` written
                    // decomposed is the same key.
                    let name = match crate::dataset::compose(&name) {
                        std::borrow::Cow::Borrowed(_) => name,
                        std::borrow::Cow::Owned(composed) => composed,
                    };
                    let value = map.next_value()?;
                    if fields.iter().any(|(n, _)| *n == name) {
                        twice.get_or_insert((name, value));
                    } else {
                        fields.push((name, value));
                    }
                }
                Ok(JsonRecord::Object { fields, twice })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<JsonRecord<'de>, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(JsonRecord::Other)
            }
            fn visit_bool<E>(self, _: bool) -> Result<JsonRecord<'de>, E> {
                Ok(JsonRecord::Other)
            }
            fn visit_i64<E>(self, _: i64) -> Result<JsonRecord<'de>, E> {
                Ok(JsonRecord::Other)
            }
            fn visit_u64<E>(self, _: u64) -> Result<JsonRecord<'de>, E> {
                Ok(JsonRecord::Other)
            }
            fn visit_f64<E>(self, _: f64) -> Result<JsonRecord<'de>, E> {
                Ok(JsonRecord::Other)
            }
            fn visit_str<E>(self, _: &str) -> Result<JsonRecord<'de>, E> {
                Ok(JsonRecord::Other)
            }
            fn visit_unit<E>(self) -> Result<JsonRecord<'de>, E> {
                Ok(JsonRecord::Other)
            }
        }
        deserializer.deserialize_any(Record)
    }
}

#[cfg(test)]
mod tests {
    use crate::input::value::grouped_by_three_bytes;

    /// roi's format refuses money written with `.` grouping thousands (`300.000`).
    #[test]
    fn groups_of_thousands_after_a_dot() {
        let grouped = |v: &str| grouped_by_three_bytes(v.trim().as_bytes(), b'.');
        for v in ["300.000", "1.250", " -12.500 ", "+999.999", "1.250.000"] {
            assert!(grouped(v), "{v}");
        }
        for v in [
            "300000", "0.500", "1250.5", "1250.500", "1.25", "1.2500", "a.250", "1.25x", ".250", "",
        ] {
            assert!(!grouped(v), "{v}");
        }
    }
}
