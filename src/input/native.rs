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
    /// A metric, and whether it must not be negative (a count).
    Metric(MetricId, bool),
}

fn field_for(name: &str, builder: &mut Builder) -> Field {
    match name {
        "date" => Field::Date,
        "end_date" => Field::EndDate,
        _ => match Dimension::from_name(name) {
            Some(d) => Field::Dim(d),
            None => {
                let metric = metric_name(name);
                Field::Metric(builder.metric(&metric), must_be_non_negative(&metric))
            }
        },
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
        super::value::iso_date(self.value.trim()).ok_or_else(|| {
            self.error(crate::say!(
                "error.native_date",
                value = format!("{:?}", self.value)
            ))
        })
    }

    fn amount(
        &self,
        id: MetricId,
        non_negative: bool,
        builder: &mut Builder,
    ) -> Result<Option<Amount>, InputError> {
        let value = match parse_plain(self.value) {
            Ok(value) => value,
            Err(e) => return Err(self.not_an_amount(e, id, builder)),
        };
        if non_negative && value.is_some_and(Amount::is_negative) {
            self.negative_kept(id, builder);
        }
        Ok(value)
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

/// Maps one record's cells (name, value) onto a row; `values` is a buffer.
fn push_record<'a>(
    path: &Path,
    line: u64,
    cells: impl Iterator<Item = (usize, &'a str, Field, &'a str)>,
    values: &mut Vec<(MetricId, Amount)>,
    builder: &mut Builder,
) -> Result<(), InputError> {
    let mut start = None;
    let mut end = None;
    let mut dims = [None; Dimension::COUNT];
    values.clear();
    for (index, name, field, value) in cells {
        let cell = Cell {
            path,
            line,
            index,
            name,
            value,
        };
        match field {
            Field::Date => start = Some(cell.date()?),
            Field::EndDate if value.trim().is_empty() => {}
            Field::EndDate => end = Some(cell.date()?),
            Field::Dim(d) => dims[d.index()] = Some(value),
            Field::Metric(id, non_negative) => {
                if let Some(v) = cell.amount(id, non_negative, builder)? {
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
    let names: Vec<String> = header.cells.iter().map(|h| h.trim().to_owned()).collect();
    for (i, name) in names.iter().enumerate() {
        if names[..i].contains(name) {
            return Err(InputError {
                path: path.to_path_buf(),
                line: Some(header.line),
                column: Some(format!("{} (`{name}`)", i + 1)),
                message: crate::say!("error.duplicate_column", column = name),
            });
        }
    }
    let mut kind: Vec<&str> = names.iter().map(String::as_str).collect();
    kind.sort_unstable();
    let kind = format!("roi:{}", kind.join(","));
    super::parts::read(
        text,
        parts,
        above + 1,
        builder,
        |reader, builder, first| {
            let fields: Vec<Field> = names.iter().map(|n| field_for(n, builder)).collect();
            builder.set_kind(&kind);
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
            .map(|(i, value)| (i, names[i].as_str(), fields[i], value));
        push_record(path, record.line, cells, values, builder)?;
    }
    Ok(())
}

pub fn read_json(path: &Path, text: &str, builder: &mut Builder) -> Result<(), InputError> {
    let json_error = |line: u64, e: &serde_json::Error| {
        // serde_json's message ends with its own position, which is counted from
        // the start of what it parsed, not of the file: the error names the file's.
        let text = e.to_string();
        let position = format!(" at line {} column {}", e.line(), e.column());
        InputError {
            path: path.to_path_buf(),
            line: Some(line + e.line().max(1) as u64 - 1),
            column: (e.column() > 0).then(|| e.column().to_string()),
            message: crate::say!(
                "error.bad_json",
                error = text.strip_suffix(&position).unwrap_or(&text)
            ),
        }
    };
    let trimmed = text.trim_start();
    let records: Vec<(u64, JsonRecord)> = if trimmed.starts_with('[') {
        // Line numbers of array elements are not kept by serde_json; report records by
        // their position instead, which is what a JSON user counts anyway.
        let items: Vec<JsonRecord> = serde_json::from_str(text).map_err(|e| json_error(1, &e))?;
        items
            .into_iter()
            .enumerate()
            .map(|(i, v)| (i as u64 + 1, v))
            .collect()
    } else {
        let mut out = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let value = serde_json::from_str(line).map_err(|e| json_error(i as u64 + 1, &e))?;
            out.push((i as u64 + 1, value));
        }
        out
    };
    let mut values = Vec::new();
    for (line, record) in records {
        let JsonRecord::Object { fields: map, twice } = record else {
            return Err(InputError {
                path: path.to_path_buf(),
                line: Some(line),
                column: None,
                message: crate::say!("error.json_object"),
            });
        };
        if let Some(name) = twice {
            return Err(InputError {
                path: path.to_path_buf(),
                line: Some(line),
                column: Some(format!("`{name}`")),
                message: crate::say!("error.json_field_twice"),
            });
        }
        let mut kind: Vec<&str> = map.iter().map(|(k, _)| k.as_str()).collect();
        kind.sort_unstable();
        builder.set_kind(&format!("roi:{}", kind.join(",")));
        let mut texts = Vec::with_capacity(map.len());
        for (name, v) in &map {
            let text = match v {
                serde_json::Value::Null => String::new(),
                serde_json::Value::String(s) => s.clone(),
                // `1e-6` is how JSON writers (roi's own among them) write a millionth:
                // a float is read from its shortest decimal digits, never in exponent form.
                serde_json::Value::Number(n) => match n.as_f64().filter(|_| n.is_f64()) {
                    Some(f) => f.to_string(),
                    None => n.to_string(),
                },
                other => {
                    return Err(InputError {
                        path: path.to_path_buf(),
                        line: Some(line),
                        column: Some(format!("`{name}`")),
                        message: crate::say!("error.json_value", value = other),
                    });
                }
            };
            texts.push((name.clone(), field_for(name, builder), text));
        }
        let cells = texts
            .iter()
            .enumerate()
            .map(|(i, (name, field, text))| (i, name.as_str(), *field, text.as_str()));
        push_record(path, line, cells, &mut values, builder)?;
    }
    Ok(())
}

/// One JSON record: its fields in the order written, and the first field written twice
/// (a map would keep the last one silently); or a value that is not an object.
enum JsonRecord {
    Object {
        fields: Vec<(String, serde_json::Value)>,
        twice: Option<String>,
    },
    Other,
}

impl<'de> serde::Deserialize<'de> for JsonRecord {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
        struct Record;
        impl<'de> Visitor<'de> for Record {
            type Value = JsonRecord;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<JsonRecord, A::Error> {
                let mut fields: Vec<(String, serde_json::Value)> = Vec::new();
                let mut twice = None;
                while let Some(name) = map.next_key::<String>()? {
                    let value = map.next_value()?;
                    if fields.iter().any(|(n, _)| *n == name) {
                        twice.get_or_insert(name);
                    } else {
                        fields.push((name, value));
                    }
                }
                Ok(JsonRecord::Object { fields, twice })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<JsonRecord, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(JsonRecord::Other)
            }
            fn visit_bool<E>(self, _: bool) -> Result<JsonRecord, E> {
                Ok(JsonRecord::Other)
            }
            fn visit_i64<E>(self, _: i64) -> Result<JsonRecord, E> {
                Ok(JsonRecord::Other)
            }
            fn visit_u64<E>(self, _: u64) -> Result<JsonRecord, E> {
                Ok(JsonRecord::Other)
            }
            fn visit_f64<E>(self, _: f64) -> Result<JsonRecord, E> {
                Ok(JsonRecord::Other)
            }
            fn visit_str<E>(self, _: &str) -> Result<JsonRecord, E> {
                Ok(JsonRecord::Other)
            }
            fn visit_unit<E>(self) -> Result<JsonRecord, E> {
                Ok(JsonRecord::Other)
            }
        }
        deserializer.deserialize_any(Record)
    }
}
