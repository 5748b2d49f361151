//! Terminal tables (comfy-table).

use std::io::{self, Write};

use comfy_table::{Attribute, Cell, CellAlignment, Color, ContentArrangement, Table, presets};

use super::{Style, goal_value, human, progress_bar};
use crate::goals::{GoalResult, Status};
use crate::kpi::Bound;
use crate::report::{CheckResult, Inputs, KpiList, Report};

fn new_table(style: Style) -> Table {
    let mut t = Table::new();
    t.load_preset(if style.unicode {
        presets::UTF8_FULL_CONDENSED
    } else {
        presets::ASCII_MARKDOWN
    });
    t.set_content_arrangement(if style.fit_terminal {
        ContentArrangement::Dynamic
    } else {
        ContentArrangement::Disabled
    });
    if style.color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    t
}

fn header(t: &mut Table, names: &[&str], style: Style) {
    t.set_header(names.iter().map(|n| {
        let c = Cell::new(n);
        if style.color {
            c.add_attribute(Attribute::Bold)
        } else {
            c
        }
    }));
}

fn right(t: &mut Table, from: usize) {
    let n = t.column_count();
    for i in from..n {
        if let Some(col) = t.column_mut(i) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
}

fn status_cell(status: Status, style: Style) -> Cell {
    let cell = Cell::new(status.word());
    if !style.color {
        return cell;
    }
    cell.fg(match status {
        Status::Achieved | Status::OnTrack => Color::Green,
        Status::AtRisk => Color::Yellow,
        Status::Behind | Status::Missed => Color::Red,
        Status::NotStarted | Status::NoData => Color::DarkGrey,
    })
}

pub fn report(r: &Report, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let scope = match r.window {
        Some(w) => format!("{} ..= {}", w.from, w.to),
        None => match (r.inputs.first_date, r.inputs.last_date) {
            (Some(a), Some(b)) => format!("all data, {a} ..= {b}"),
            _ => "no data".to_owned(),
        },
    };
    let filter = if r.filter.is_empty() {
        String::new()
    } else {
        let parts: Vec<String> = r
            .filter
            .iter()
            .map(|(k, v)| format!("{k}={}", v.join("|")))
            .collect();
        format!(", where {}", parts.join(", "))
    };
    writeln!(out, "KPIs ({scope}{filter})")?;
    if r.groups.is_empty() {
        writeln!(out, "no rows match")?;
    } else if r.group_by.is_empty() {
        let mut t = new_table(style);
        header(&mut t, &["kpi", "value", "unit"], style);
        let group = &r.groups[0];
        for col in &r.kpis {
            let v = &group.values[&col.name];
            let mut text = human(v.value, col.unit, v.currency.as_deref());
            match v.bound {
                Bound::Exact => {}
                Bound::Upper => text.push_str(" (upper bound)"),
                Bound::Lower => text.push_str(" (lower bound)"),
                Bound::Approximate => text.push_str(" (approximate)"),
            }
            t.add_row(vec![
                Cell::new(&col.name),
                Cell::new(text),
                Cell::new(col.unit.name()),
            ]);
        }
        right(&mut t, 1);
        if let Some(c) = t.column_mut(2) {
            c.set_cell_alignment(CellAlignment::Left);
        }
        writeln!(out, "{t}")?;
    } else {
        let mut t = new_table(style);
        let mut names: Vec<&str> = r.group_by.iter().map(String::as_str).collect();
        names.push("rows");
        names.extend(r.kpis.iter().map(|k| k.name.as_str()));
        header(&mut t, &names, style);
        for g in &r.groups {
            let mut cells: Vec<Cell> = g.key.values().map(Cell::new).collect();
            cells.push(Cell::new(g.rows));
            for col in &r.kpis {
                let v = &g.values[&col.name];
                cells.push(Cell::new(human(v.value, col.unit, v.currency.as_deref())));
            }
            t.add_row(cells);
        }
        right(&mut t, r.group_by.len());
        writeln!(out, "{t}")?;
    }
    if !r.goals.is_empty() {
        writeln!(out)?;
        writeln!(out, "Goals (as of {})", r.as_of)?;
        goals_table(&r.goals, style, out)?;
    }
    footer(&r.notes, &r.goals, &r.inputs, out)
}

fn goals_table(goals: &[GoalResult], style: Style, out: &mut dyn Write) -> io::Result<()> {
    let mut t = new_table(style);
    header(
        &mut t,
        &[
            "goal",
            "kpi",
            "window",
            "baseline",
            "current",
            "target",
            "progress",
            "expected now",
            "forecast",
            "needed/day",
            "days left",
            "status",
        ],
        style,
    );
    for g in goals {
        let target = match g.target {
            Some(v) => format!("{} {}", g.direction, goal_value(g, Some(v))),
            None => "n/a".to_owned(),
        };
        t.add_row(vec![
            Cell::new(&g.id),
            Cell::new(&g.kpi),
            Cell::new(format!("{} ..= {}", g.start, g.deadline)),
            Cell::new(if g.baseline.is_some() {
                goal_value(g, g.baseline)
            } else {
                "-".to_owned()
            }),
            Cell::new(goal_value(g, g.current)),
            Cell::new(target),
            Cell::new(progress_bar(g.progress, style)),
            Cell::new(if g.expected_by_now.is_some() {
                goal_value(g, g.expected_by_now)
            } else {
                "-".to_owned()
            }),
            Cell::new(goal_value(g, g.forecast)),
            Cell::new(if g.needed_per_day.is_some() {
                goal_value(g, g.needed_per_day)
            } else {
                "-".to_owned()
            }),
            Cell::new(g.days_left),
            status_cell(g.status, style),
        ]);
    }
    right(&mut t, 3);
    if let Some(c) = t.column_mut(11) {
        c.set_cell_alignment(CellAlignment::Left);
    }
    writeln!(out, "{t}")
}

fn footer(
    notes: &[String],
    goals: &[GoalResult],
    inputs: &Inputs,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out)?;
    let mut line = format!(
        "Read {} file{}, {} row{}",
        inputs.files.len(),
        if inputs.files.len() == 1 { "" } else { "s" },
        inputs.rows,
        if inputs.rows == 1 { "" } else { "s" },
    );
    if inputs.rows_replaced > 0 {
        line.push_str(&format!(
            "; {} row(s) replaced by newer overlapping exports",
            inputs.rows_replaced
        ));
    }
    if inputs.rows_skipped > 0 {
        line.push_str(&format!("; {} row(s) skipped", inputs.rows_skipped));
    }
    writeln!(out, "{line}.")?;
    for f in &inputs.files {
        for s in &f.skipped {
            writeln!(
                out,
                "  {}: skipped {} row(s): {} (first at line {})",
                f.path.display(),
                s.rows,
                s.reason,
                s.first_line
            )?;
        }
        for w in &f.warnings {
            writeln!(out, "  {}: {w}", f.path.display())?;
        }
    }
    for n in notes {
        writeln!(out, "note: {n}")?;
    }
    for g in goals {
        for w in &g.warnings {
            writeln!(out, "note: goal `{}`: {w}", g.id)?;
        }
    }
    Ok(())
}

pub fn check(r: &CheckResult, style: Style, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "Goals (as of {})", r.as_of)?;
    goals_table(&r.goals, style, out)?;
    writeln!(out)?;
    for g in &r.goals {
        if r.failed.contains(&g.id) {
            writeln!(out, "FAIL {}: {} — {}", g.id, g.status.word(), g.reason)?;
        }
    }
    let total = r.goals.len();
    if r.passed {
        writeln!(out, "check passed: {total} goal(s), none behind or missed")?;
    } else {
        writeln!(
            out,
            "check failed: {} of {total} goal(s) behind or missed",
            r.failed.len()
        )?;
    }
    for g in &r.goals {
        for w in &g.warnings {
            writeln!(out, "note: goal `{}`: {w}", g.id)?;
        }
    }
    Ok(())
}

pub fn kpi_list(list: &KpiList, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let mut t = new_table(style);
    header(
        &mut t,
        &["kpi", "formula", "unit", "pace", "description"],
        style,
    );
    for k in &list.kpis {
        t.add_row(vec![
            Cell::new(&k.name),
            Cell::new(&k.formula),
            Cell::new(k.unit.name()),
            Cell::new(match k.pace {
                crate::kpi::Pace::Cumulative => "cumulative",
                crate::kpi::Pace::Level => "level",
            }),
            Cell::new(&k.description),
        ]);
    }
    writeln!(out, "{t}")?;
    writeln!(
        out,
        "Ratios are ratios of sums over the window; no value (n/a) when a divisor is 0 or data is missing."
    )?;
    Ok(())
}

pub fn explanation(
    e: &crate::report::Explanation,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "{} = {}  ({})", e.kpi, e.formula, e.unit.name())?;
    if !e.filter.is_empty() {
        let parts: Vec<String> = e
            .filter
            .iter()
            .map(|(k, v)| format!("{k}={}", v.join("|")))
            .collect();
        writeln!(out, "where {}", parts.join(", "))?;
    }
    for w in &e.windows {
        writeln!(out)?;
        let span = w.window.map_or_else(
            || "all data".to_owned(),
            |w| format!("{} ..= {} ({} days)", w.from, w.to, w.days()),
        );
        writeln!(
            out,
            "{}: {span}; {} row(s){}",
            match w.role.as_str() {
                "all" => "over",
                "baseline" => "baseline window",
                _ => "current window",
            },
            w.rows,
            match (w.first_date, w.last_date) {
                (Some(a), Some(b)) => format!(", dated {a} ..= {b}"),
                _ => String::new(),
            }
        )?;
        let mut t = new_table(style);
        header(
            &mut t,
            &["metric", "aggregation", "value", "rows with a value"],
            style,
        );
        for m in &w.metrics {
            let unit = if m.currency.is_some() {
                crate::model::Unit::Money
            } else {
                crate::model::Unit::Number
            };
            t.add_row(vec![
                Cell::new(&m.metric),
                Cell::new(&m.aggregation),
                Cell::new(human(m.value, unit, m.currency.as_deref())),
                Cell::new(m.rows),
            ]);
        }
        right(&mut t, 2);
        writeln!(out, "{t}")?;
        writeln!(
            out,
            "{} = {}",
            e.kpi,
            human(w.value, e.unit, w.currency.as_deref())
        )?;
        for f in &w.files {
            writeln!(out, "  {} row(s) from {}", f.rows, f.path)?;
        }
        if w.straddling_rows > 0 {
            writeln!(
                out,
                "  {} row(s) left out: their date range crosses the window's edge",
                w.straddling_rows
            )?;
        }
    }
    if let Some(g) = &e.goal {
        writeln!(out)?;
        writeln!(out, "goal {} ({}), as of {}", g.id, g.title, g.as_of)?;
        goals_table(std::slice::from_ref(g), style, out)?;
        if let Some(d) = g.data_through {
            writeln!(
                out,
                "data through {d}; {} of {} days elapsed",
                g.days_elapsed, g.days_total
            )?;
        }
        for w in &g.warnings {
            writeln!(out, "note: {w}")?;
        }
    }
    if let Some(rule) = &e.rule {
        writeln!(out, "status: {rule}")?;
    }
    Ok(())
}

pub fn inspection(
    i: &crate::report::Inspection,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    for (n, f) in i.files.iter().enumerate() {
        if n > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{}", f.path.display())?;
        writeln!(out, "  format:    {}", f.format)?;
        writeln!(out, "  encoding:  {}", f.encoding)?;
        match (f.first_date, f.last_date) {
            (Some(a), Some(b)) => writeln!(out, "  dates:     {a} ..= {b}")?,
            _ => writeln!(out, "  dates:     none")?,
        }
        writeln!(
            out,
            "  rows:      {} read, {} replaced by newer exports, {} skipped",
            f.rows_read,
            f.rows_replaced,
            f.skipped.iter().map(|s| s.rows).sum::<u64>()
        )?;
        for s in &f.skipped {
            writeln!(
                out,
                "  skipped:   {} × {} (first at line {})",
                s.rows, s.reason, s.first_line
            )?;
        }
        for w in &f.warnings {
            writeln!(out, "  warning:   {w}")?;
        }
        for t in &f.tables {
            writeln!(
                out,
                "  table:     {} (header on line {}, {} rows)",
                t.layout, t.header_line, t.rows
            )?;
            let mut table = new_table(style);
            header(&mut table, &["column", "read as"], style);
            for c in &t.columns {
                table.add_row(vec![Cell::new(&c.header), Cell::new(&c.target)]);
            }
            for u in &t.unmapped {
                table.add_row(vec![Cell::new(u), Cell::new("unknown: not imported")]);
            }
            for line in table.to_string().lines() {
                writeln!(out, "    {line}")?;
            }
        }
    }
    Ok(())
}
