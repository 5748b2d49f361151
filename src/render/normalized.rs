//! roi's own format written out: the de-duplicated rows, exactly (amounts keep
//! every decimal they were read with), so that reading the output again gives the
//! same rows. Text is written as is: this is data for roi, not for spreadsheets.

use std::io::{self, Write};

use crate::dataset::{BlankZeros, Dataset, Row};
use crate::model::{Amount, Dimension, MetricId};

/// An amount as exact decimal text: `1234.5`, `-0.000001`, `12`.
pub fn amount_text(a: Amount) -> String {
    let negative = a.0 < 0;
    let abs = a.0.unsigned_abs();
    let int = abs / Amount::SCALE as u64;
    let frac = abs % Amount::SCALE as u64;
    let mut text = if frac == 0 {
        int.to_string()
    } else {
        let digits = format!("{frac:06}");
        format!("{int}.{}", digits.trim_end_matches('0'))
    };
    if negative {
        text.insert(0, '-');
    }
    text
}

struct Columns {
    end_date: bool,
    dims: Vec<Dimension>,
    metrics: Vec<MetricId>,
}

fn columns(ds: &Dataset, zeros: &BlankZeros) -> Columns {
    let dims = Dimension::ALL
        .into_iter()
        .filter(|d| ds.rows.iter().any(|r| r.dim(*d).is_some()))
        .collect();
    let mut used = vec![false; ds.metrics.len()];
    for row in &ds.rows {
        for (id, _) in zeros.values(row) {
            used[id.0 as usize] = true;
        }
    }
    let metrics = (0..ds.metrics.len())
        .filter(|i| used[*i])
        .map(|i| MetricId(i as u16))
        .collect();
    Columns {
        end_date: ds.rows.iter().any(|r| r.end != r.start),
        dims,
        metrics,
    }
}

fn sorted(ds: &Dataset) -> Vec<&Row> {
    let mut rows: Vec<&Row> = ds.rows.iter().collect();
    rows.sort_by_key(|r| (r.start, r.end, r.file, r.line));
    rows
}

pub fn normalized_csv(ds: &Dataset, out: &mut dyn Write) -> io::Result<()> {
    let zeros = ds.blank_zeros();
    let cols = columns(ds, &zeros);
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec!["date".to_owned()];
    if cols.end_date {
        header.push("end_date".to_owned());
    }
    header.extend(cols.dims.iter().map(|d| d.name().to_owned()));
    header.extend(cols.metrics.iter().map(|m| ds.metric(*m).name.clone()));
    w.write_record(&header).map_err(super::csv_out::io_error)?;
    for row in sorted(ds) {
        let mut rec = vec![row.start.to_string()];
        if cols.end_date {
            rec.push(row.end.to_string());
        }
        for d in &cols.dims {
            rec.push(ds.dim_value(row, *d).unwrap_or("").to_owned());
        }
        let values = zeros.values(row);
        for m in &cols.metrics {
            let value = values.iter().find(|(id, _)| id == m);
            rec.push(value.map(|(_, v)| amount_text(*v)).unwrap_or_default());
        }
        w.write_record(&rec).map_err(super::csv_out::io_error)?;
    }
    w.flush()
}

pub fn normalized_json(ds: &Dataset, out: &mut dyn Write) -> io::Result<()> {
    let zeros = ds.blank_zeros();
    let cols = columns(ds, &zeros);
    let mut rows = Vec::with_capacity(ds.rows.len());
    for row in sorted(ds) {
        let mut obj = serde_json::Map::new();
        obj.insert("date".into(), row.start.to_string().into());
        if row.end != row.start {
            obj.insert("end_date".into(), row.end.to_string().into());
        }
        for d in &cols.dims {
            if let Some(v) = ds.dim_value(row, *d) {
                obj.insert(d.name().into(), v.into());
            }
        }
        for (id, v) in &zeros.values(row) {
            // Exact decimals as strings would be safest, but numbers are what JSON
            // users expect; six decimals at most round-trip through f64 text.
            let number: serde_json::Number = amount_text(*v)
                .parse()
                .unwrap_or_else(|_| serde_json::Number::from(0));
            obj.insert(ds.metric(*id).name.clone(), number.into());
        }
        rows.push(serde_json::Value::Object(obj));
    }
    serde_json::to_writer_pretty(&mut *out, &rows)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_written_exactly() {
        assert_eq!(amount_text(Amount(1_234_500_000)), "1234.5");
        assert_eq!(amount_text(Amount(-1)), "-0.000001");
        assert_eq!(amount_text(Amount(12_000_000)), "12");
        assert_eq!(amount_text(Amount(0)), "0");
    }
}
