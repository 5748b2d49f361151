//! CSV for spreadsheets and scripts: one header row, machine numbers (`.` decimal
//! mark, ratios as fractions), empty cells for missing values. Text cells that a
//! spreadsheet would run as a formula are prefixed with `'`.

use std::io::{self, Write};

use super::plain_number;
use crate::goals::GoalResult;
use crate::report::{KpiList, Report};

/// Neutralises cells that start like a spreadsheet formula (CSV injection).
fn safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

fn number(v: Option<f64>) -> String {
    v.map(plain_number).unwrap_or_default()
}

fn writer(out: &mut dyn Write) -> csv::Writer<&mut dyn Write> {
    csv::WriterBuilder::new().from_writer(out)
}

pub(super) fn io_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

pub fn report(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut w = writer(out);
    let changes = r.groups.iter().any(|g| !g.change.is_empty());
    // Reach summed over rows is not additive: a KPI resting on it says so in a column
    // of its own (`upper`, `lower`, `approximate`; empty when exact).
    let bounded: Vec<bool> = r
        .kpis
        .iter()
        .map(|k| r.groups.iter().any(|g| !g.values[&k.name].bound.is_exact()))
        .collect();
    let mut header: Vec<String> = r.group_by.clone();
    header.push("rows".to_owned());
    for (k, &bounded) in r.kpis.iter().zip(&bounded) {
        header.push(k.name.clone());
        if k.unit == crate::model::Unit::Money {
            header.push(format!("{}_currency", k.name));
        }
        if bounded {
            header.push(format!("{}_bound", k.name));
        }
        if changes {
            header.push(format!("{}_change", k.name));
        }
    }
    w.write_record(&header).map_err(io_error)?;
    for g in &r.groups {
        let mut rec: Vec<String> = g.key.values().map(|v| safe(v)).collect();
        rec.push(g.rows.to_string());
        for (k, &bounded) in r.kpis.iter().zip(&bounded) {
            let v = &g.values[&k.name];
            rec.push(number(v.value));
            if k.unit == crate::model::Unit::Money {
                rec.push(v.currency.clone().unwrap_or_default());
            }
            if bounded {
                rec.push(v.bound.word().to_owned());
            }
            if changes {
                rec.push(number(g.change.get(&k.name).copied().flatten()));
            }
        }
        w.write_record(&rec).map_err(io_error)?;
    }
    w.flush()
}

/// `roi check`'s goals; `failed` holds the ids whose status fails the check.
pub fn goals(goals: &[GoalResult], failed: &[String], out: &mut dyn Write) -> io::Result<()> {
    let mut w = writer(out);
    w.write_record([
        "id",
        "kpi",
        "start",
        "deadline",
        "as_of",
        "baseline",
        "direction",
        "target",
        "current",
        "currency",
        "progress",
        "expected_by_now",
        "forecast",
        "needed_per_day",
        "days_left",
        "data_through",
        "status",
        // Added after `status`, so that scripts reading columns by position still work.
        "severity",
        "failed",
        "bound",
        "unproven",
    ])
    .map_err(io_error)?;
    for g in goals {
        w.write_record([
            safe(&g.id),
            g.kpi.clone(),
            g.start.to_string(),
            g.deadline.to_string(),
            g.as_of.to_string(),
            number(g.baseline),
            g.direction.to_string(),
            number(g.target),
            number(g.current),
            g.currency.clone().unwrap_or_default(),
            number(g.progress),
            number(g.expected_by_now),
            number(g.forecast),
            number(g.needed_per_day),
            g.days_left.to_string(),
            g.data_through.map(|d| d.to_string()).unwrap_or_default(),
            g.status.word().to_owned(),
            match g.severity {
                crate::goals::Severity::Error => "error",
                crate::goals::Severity::Warn => "warn",
            }
            .to_owned(),
            failed.contains(&g.id).to_string(),
            g.bound.word().to_owned(),
            g.unproven.to_string(),
        ])
        .map_err(io_error)?;
    }
    w.flush()
}

pub fn kpi_list(list: &KpiList, out: &mut dyn Write) -> io::Result<()> {
    let mut w = writer(out);
    w.write_record(["name", "formula", "unit", "pace", "description"])
        .map_err(io_error)?;
    for k in &list.kpis {
        w.write_record([
            k.name.as_str(),
            &k.formula,
            k.unit.name(),
            match k.pace {
                crate::kpi::Pace::Cumulative => "cumulative",
                crate::kpi::Pace::Level => "level",
                crate::kpi::Pace::Growth => "growth",
            },
            &k.description,
        ])
        .map_err(io_error)?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    #[test]
    fn formula_like_cells_are_neutralised() {
        assert_eq!(super::safe("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(super::safe("-5"), "'-5");
        assert_eq!(super::safe("Back to school"), "Back to school");
    }
}
