//! Terminal tables (comfy-table).

use std::io::{self, Write};

use comfy_table::{Attribute, Cell, CellAlignment, Color, ContentArrangement, Table, presets};

use super::{Style, change_mark, goal_value, human, progress_bar, sparkline, status_label};

/// Periods a sparkline shows: the most recent ones.
const SPARKLINE_PERIODS: usize = 24;
use crate::goals::{self, GoalResult, Status};
use crate::i18n::{date, tr};
use crate::report::{CheckResult, Inputs, KpiList, Report};

pub(super) fn new_table(style: Style) -> Table {
    let mut t = Table::new();
    t.load_preset(if style.unicode {
        presets::UTF8_FULL_CONDENSED
    } else {
        presets::ASCII_MARKDOWN
    });
    t.set_content_arrangement(ContentArrangement::Dynamic);
    // Some terminals (a `script` session, a CI runner's pseudo-terminal) say they are
    // 0 columns wide: fitting into that would wrap every header one letter a line.
    if !style.fit_terminal || t.width().is_none_or(|w| w == 0) {
        t.set_content_arrangement(ContentArrangement::Disabled);
    }
    if style.color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    t
}

pub(super) fn header(t: &mut Table, names: &[&str], style: Style) {
    t.set_header(names.iter().map(|n| {
        let c = Cell::new(n);
        if style.color {
            c.add_attribute(Attribute::Bold)
        } else {
            c
        }
    }));
}

pub(super) fn right(t: &mut Table, from: usize) {
    let n = t.column_count();
    for i in from..n {
        if let Some(col) = t.column_mut(i) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
}

fn status_cell(status: Status, style: Style) -> Cell {
    let cell = Cell::new(status_label(status, style.lang));
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

fn t(style: Style, key: &str, args: &[(&str, &str)]) -> String {
    tr(style.lang, key, args)
}

fn h(style: Style, key: &str) -> String {
    tr(style.lang, &format!("header.{key}"), &[])
}

fn conditions(filter: &std::collections::BTreeMap<String, Vec<String>>) -> String {
    filter
        .iter()
        .map(|(k, v)| format!("{k}={}", v.join("|")))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn report(r: &Report, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let d = |x| date(style.lang, x);
    let scope = match r.window {
        Some(w) => crate::i18n::date_range(style.lang, w.from, w.to),
        None => match (r.inputs.first_date, r.inputs.last_date) {
            (Some(a), Some(b)) => t(style, "report.all_data", &[("from", &d(a)), ("to", &d(b))]),
            _ => t(style, "report.no_data", &[]),
        },
    };
    let filter = if r.filter.is_empty() {
        String::new()
    } else {
        t(
            style,
            "report.where",
            &[("conditions", &conditions(&r.filter))],
        )
    };
    writeln!(
        out,
        "{}",
        t(
            style,
            "report.kpis_title",
            &[("scope", &scope), ("filter", &filter)]
        )
    )?;
    if r.groups.is_empty() {
        writeln!(out, "{}", t(style, "report.no_rows", &[]))?;
    } else if r.group_by.is_empty() {
        let mut table = new_table(style);
        // The last periods of the trend, oldest first, as a sparkline per KPI.
        let periods = r.trend.as_ref().map_or(&[][..], |t| {
            &t.total[t.total.len().saturating_sub(SPARKLINE_PERIODS)..]
        });
        let trend_header = r.trend.as_ref().filter(|_| periods.len() > 1).map(|trend| {
            let grain = t(style, &format!("html.grain.{}", trend.grain), &[]);
            t(style, "header.trend", &[("grain", &grain)])
        });
        let mut names = vec![h(style, "kpi"), h(style, "value"), h(style, "unit")];
        names.extend(trend_header.clone());
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        header(&mut table, &names, style);
        let group = &r.groups[0];
        for col in &r.kpis {
            let v = &group.values[&col.name];
            let text = super::with_bound(
                human(v.value, col.unit, v.currency.as_deref(), style.lang),
                v.value,
                v.bound,
                style.lang,
            );
            let mut row = vec![
                Cell::new(crate::i18n::kpi_label(style.lang, &col.name)),
                Cell::new(text),
                Cell::new(t(style, &format!("unit.{}", col.unit.name()), &[])),
            ];
            if trend_header.is_some() {
                let series: Vec<Option<f64>> = periods
                    .iter()
                    .map(|p| p.values.get(&col.name).and_then(|v| v.value))
                    .collect();
                row.push(Cell::new(sparkline(&series, style)));
            }
            table.add_row(row);
        }
        right(&mut table, 1);
        for i in [2, 3] {
            if let Some(c) = table.column_mut(i) {
                c.set_cell_alignment(CellAlignment::Left);
            }
        }
        writeln!(out, "{table}")?;
    } else {
        let mut table = new_table(style);
        let label = |name: &str| crate::i18n::column_label(style.lang, name);
        let mut names: Vec<String> = r.group_by.iter().map(|g| label(g)).collect();
        names.push(h(style, "rows"));
        names.extend(r.kpis.iter().map(|k| label(&k.name)));
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        header(&mut table, &names, style);
        for g in &r.groups {
            let mut cells: Vec<Cell> = g
                .key
                .iter()
                .map(|(k, v)| Cell::new(crate::i18n::group_value(style.lang, k, v)))
                .collect();
            cells.push(Cell::new(g.rows));
            for col in &r.kpis {
                let v = &g.values[&col.name];
                let change = g.change.get(&col.name).copied().flatten();
                let value = super::with_bound(
                    human(v.value, col.unit, v.currency.as_deref(), style.lang),
                    v.value,
                    v.bound,
                    style.lang,
                );
                cells.push(Cell::new(format!(
                    "{}{}",
                    value,
                    change_mark(change, style)
                )));
            }
            table.add_row(cells);
        }
        right(&mut table, r.group_by.len());
        writeln!(out, "{table}")?;
    }
    if let Some(i) = &r.insights {
        super::insights::report_section(i, style, out)?;
    }
    if !r.goals.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            t(style, "report.goals_title", &[("date", &d(r.as_of))])
        )?;
        goals_table(&r.goals, style, out)?;
    }
    footer(&r.notes, &r.goals, &r.inputs, style, out)
}

fn goals_table(goals: &[GoalResult], style: Style, out: &mut dyn Write) -> io::Result<()> {
    let mut table = new_table(style);
    let names: Vec<String> = [
        "goal",
        "kpi",
        "window",
        "baseline",
        "current",
        "target",
        "progress",
        "expected_now",
        "forecast",
        "needed_per_day",
        "days_left",
        "status",
    ]
    .iter()
    .map(|k| h(style, k))
    .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    header(&mut table, &names, style);
    let lang = style.lang;
    let dash = || "-".to_owned();
    for g in goals {
        let target = match g.target {
            Some(v) => format!("{} {}", g.direction, goal_value(g, Some(v), lang)),
            None => "n/a".to_owned(),
        };
        table.add_row(vec![
            Cell::new(&g.id),
            Cell::new(&g.kpi),
            Cell::new(crate::i18n::date_range(lang, g.start, g.deadline)),
            Cell::new(if g.baseline.is_some() {
                goal_value(g, g.baseline, lang)
            } else {
                dash()
            }),
            Cell::new(super::goal_current(g, lang)),
            Cell::new(target),
            Cell::new(progress_bar(g.progress, style)),
            Cell::new(if g.expected_by_now.is_some() {
                goal_value(g, g.expected_by_now, lang)
            } else {
                dash()
            }),
            Cell::new(goal_value(g, g.forecast, lang)),
            Cell::new(if g.needed_per_day.is_some() {
                goal_value(g, g.needed_per_day, lang)
            } else {
                dash()
            }),
            Cell::new(g.days_left),
            status_cell(g.status, style),
        ]);
    }
    right(&mut table, 3);
    if let Some(c) = table.column_mut(11) {
        c.set_cell_alignment(CellAlignment::Left);
    }
    writeln!(out, "{table}")
}

fn footer(
    notes: &[crate::i18n::Message],
    goals: &[GoalResult],
    inputs: &Inputs,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out)?;
    let mut line = t(
        style,
        "report.read_files",
        &[
            ("files", &inputs.files.len().to_string()),
            ("rows", &inputs.rows.to_string()),
        ],
    );
    if inputs.rows_replaced > 0 {
        line.push_str(&t(
            style,
            "report.replaced",
            &[("rows", &inputs.rows_replaced.to_string())],
        ));
    }
    if inputs.rows_skipped > 0 {
        line.push_str(&t(
            style,
            "report.skipped",
            &[("rows", &inputs.rows_skipped.to_string())],
        ));
    }
    writeln!(out, "{line}.")?;
    for f in &inputs.files {
        let path = f.path.display().to_string();
        for s in &f.skipped {
            writeln!(
                out,
                "{}",
                t(
                    style,
                    "report.skipped_line",
                    &[
                        ("path", &path),
                        ("rows", &s.rows.to_string()),
                        ("reason", &s.reason.text(style.lang)),
                        ("line", &s.first_line.to_string()),
                    ],
                )
            )?;
        }
        for w in &f.warnings {
            writeln!(out, "  {path}: {}", w.text(style.lang))?;
        }
    }
    for n in &inputs.not_read {
        writeln!(out, "  {}: {}", n.path, n.reason.text(style.lang))?;
    }
    for n in notes {
        writeln!(
            out,
            "{}",
            t(style, "report.note", &[("text", &n.text(style.lang))])
        )?;
    }
    for g in goals {
        // A `no_data` goal says why it has no value (no baseline, no row in its
        // window), as `check` does.
        let why = (g.status == Status::NoData).then(|| goals::explain(g, style.lang));
        for w in why.into_iter().chain(goals::notes(g, style.lang)) {
            writeln!(
                out,
                "{}",
                t(style, "report.goal_note", &[("id", &g.id), ("text", &w)])
            )?;
        }
    }
    Ok(())
}

pub fn check(r: &CheckResult, style: Style, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        t(
            style,
            "report.goals_title",
            &[("date", &date(style.lang, r.as_of))]
        )
    )?;
    goals_table(&r.goals, style, out)?;
    writeln!(out)?;
    for g in &r.goals {
        let key = if r.failed.contains(&g.id) {
            "check.fail_line"
        } else if r.warned.contains(&g.id) {
            "check.warn_line"
        } else {
            continue;
        };
        {
            writeln!(
                out,
                "{}",
                t(
                    style,
                    key,
                    &[
                        ("id", &g.id),
                        ("status", &status_label(g.status, style.lang)),
                        ("reason", &goals::explain(g, style.lang)),
                    ],
                )
            )?;
        }
    }
    let total = r.goals.len().to_string();
    if r.passed {
        writeln!(out, "{}", t(style, "check.passed", &[("goals", &total)]))?;
    } else {
        writeln!(
            out,
            "{}",
            t(
                style,
                "check.failed",
                &[("failed", &r.failed.len().to_string()), ("goals", &total)]
            )
        )?;
    }
    for g in &r.goals {
        if g.status == Status::NoData {
            let why = goals::explain(g, style.lang);
            writeln!(
                out,
                "{}",
                t(style, "report.goal_note", &[("id", &g.id), ("text", &why)])
            )?;
        }
        for w in goals::notes(g, style.lang) {
            writeln!(
                out,
                "{}",
                t(style, "report.goal_note", &[("id", &g.id), ("text", &w)])
            )?;
        }
    }
    Ok(())
}

pub fn kpi_list(list: &KpiList, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let mut table = new_table(style);
    let names: Vec<String> = ["kpi", "formula", "unit", "pace", "description"]
        .iter()
        .map(|k| h(style, k))
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    header(&mut table, &names, style);
    for k in &list.kpis {
        let pace = match k.pace {
            crate::kpi::Pace::Cumulative => "pace.cumulative",
            crate::kpi::Pace::Level => "pace.level",
            crate::kpi::Pace::Growth => "pace.growth",
        };
        let description = if k.builtin {
            t(style, &format!("kpi.{}", k.name), &[])
        } else {
            k.description.clone()
        };
        table.add_row(vec![
            Cell::new(crate::i18n::kpi_label(style.lang, &k.name)),
            Cell::new(&k.formula),
            Cell::new(t(style, &format!("unit.{}", k.unit.name()), &[])),
            Cell::new(t(style, pace, &[])),
            Cell::new(description),
        ]);
    }
    writeln!(out, "{table}")?;
    writeln!(out, "{}", t(style, "report.ratios_note", &[]))
}

pub fn explanation(
    e: &crate::report::Explanation,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let lang = style.lang;
    let d = |x| date(lang, x);
    writeln!(
        out,
        "{} = {}  ({})",
        e.kpi,
        e.formula,
        t(style, &format!("unit.{}", e.unit.name()), &[])
    )?;
    if !e.filter.is_empty() {
        writeln!(
            out,
            "{}",
            t(
                style,
                "explain.where",
                &[("conditions", &conditions(&e.filter))]
            )
        )?;
    }
    for w in &e.windows {
        writeln!(out)?;
        let span = w.window.map_or_else(
            || t(style, "explain.all_data", &[]),
            |w| {
                t(
                    style,
                    "explain.span",
                    &[
                        ("from", &d(w.from)),
                        ("to", &d(w.to)),
                        ("days", &w.days().to_string()),
                    ],
                )
            },
        );
        let role = match w.role.as_str() {
            "all" => "explain.over",
            "baseline" => "explain.baseline_window",
            _ => "explain.current_window",
        };
        let dated = match (w.first_date, w.last_date) {
            (Some(a), Some(b)) => t(style, "explain.dated", &[("from", &d(a)), ("to", &d(b))]),
            _ => String::new(),
        };
        writeln!(
            out,
            "{}",
            t(
                style,
                "explain.rows",
                &[
                    ("role", &t(style, role, &[])),
                    ("span", &span),
                    ("rows", &w.rows.to_string()),
                    ("dated", &dated),
                ],
            )
        )?;
        let mut table = new_table(style);
        let names: Vec<String> = ["metric", "aggregation", "value", "rows_with_value"]
            .iter()
            .map(|k| h(style, k))
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        header(&mut table, &names, style);
        for m in &w.metrics {
            let unit = if m.currency.is_some() {
                crate::model::Unit::Money
            } else {
                crate::model::Unit::Number
            };
            table.add_row(vec![
                Cell::new(&m.metric),
                Cell::new(if m.before {
                    crate::i18n::tr(lang, "explain.agg_stock_before", &[])
                } else {
                    crate::report::aggregation_words(m.aggregated, lang)
                }),
                Cell::new(human(m.value, unit, m.currency.as_deref(), lang)),
                Cell::new(m.rows),
            ]);
        }
        right(&mut table, 2);
        writeln!(out, "{table}")?;
        writeln!(
            out,
            "{} = {}",
            e.kpi,
            human(w.value, e.unit, w.currency.as_deref(), lang)
        )?;
        for f in &w.files {
            writeln!(
                out,
                "{}",
                t(
                    style,
                    "explain.from_file",
                    &[("rows", &f.rows.to_string()), ("path", &f.path)]
                )
            )?;
        }
        for n in &w.notes {
            writeln!(
                out,
                "{}",
                t(style, "report.note", &[("text", &n.text(lang))])
            )?;
        }
        if w.straddling_rows > 0 {
            writeln!(
                out,
                "{}",
                t(
                    style,
                    "explain.left_out",
                    &[("rows", &w.straddling_rows.to_string())]
                )
            )?;
        }
    }
    if let Some(g) = &e.goal {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            t(
                style,
                "explain.goal_line",
                &[("id", &g.id), ("title", &g.title), ("date", &d(g.as_of))],
            )
        )?;
        goals_table(std::slice::from_ref(g), style, out)?;
        if let Some(through) = g.data_through {
            writeln!(
                out,
                "{}",
                t(
                    style,
                    "explain.data_through",
                    &[
                        ("date", &d(through)),
                        ("elapsed", &g.days_elapsed.to_string()),
                        ("total", &g.days_total.to_string()),
                    ],
                )
            )?;
        }
        for w in goals::notes(g, lang) {
            writeln!(out, "{}", t(style, "report.note", &[("text", &w)]))?;
        }
        writeln!(
            out,
            "{}",
            t(
                style,
                "explain.status",
                &[
                    ("reason", &goals::explain(g, lang)),
                    ("status", &status_label(g.status, lang)),
                    ("rules", &t(style, "explain.rules", &[])),
                    (
                        "tolerance",
                        &crate::i18n::marks(lang, &super::plain_number(g.tolerance * 100.0))
                    ),
                ],
            )
        )?;
    }
    Ok(())
}

pub fn inspection(
    i: &crate::report::Inspection,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let lang = style.lang;
    for (n, f) in i.files.iter().enumerate() {
        if n > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{}", f.path.display())?;
        writeln!(
            out,
            "{}",
            t(style, "inspect.format", &[("value", &f.format)])
        )?;
        writeln!(
            out,
            "{}",
            t(style, "inspect.encoding", &[("value", &f.encoding)])
        )?;
        let dates = match (f.first_date, f.last_date) {
            (Some(a), Some(b)) => crate::i18n::date_range(lang, a, b),
            _ => t(style, "inspect.none", &[]),
        };
        writeln!(out, "{}", t(style, "inspect.dates", &[("value", &dates)]))?;
        writeln!(
            out,
            "{}",
            t(
                style,
                "inspect.rows",
                &[
                    ("read", &f.rows_read.to_string()),
                    ("replaced", &f.rows_replaced.to_string()),
                    (
                        "skipped",
                        &f.skipped.iter().map(|s| s.rows).sum::<u64>().to_string()
                    ),
                ],
            )
        )?;
        for s in &f.skipped {
            writeln!(
                out,
                "{}",
                t(
                    style,
                    "inspect.skipped",
                    &[
                        ("rows", &s.rows.to_string()),
                        ("reason", &s.reason.text(style.lang)),
                        ("line", &s.first_line.to_string()),
                    ],
                )
            )?;
        }
        for w in &f.warnings {
            writeln!(
                out,
                "{}",
                t(style, "inspect.warning", &[("text", &w.text(style.lang))])
            )?;
        }
        for tb in &f.tables {
            writeln!(
                out,
                "{}",
                t(
                    style,
                    "inspect.table",
                    &[
                        ("layout", &tb.layout),
                        ("line", &tb.header_line.to_string()),
                        ("rows", &tb.rows.to_string()),
                    ],
                )
            )?;
            let mut table = new_table(style);
            header(
                &mut table,
                &[&h(style, "column"), &h(style, "read_as")],
                style,
            );
            for c in &tb.columns {
                table.add_row(vec![
                    Cell::new(&c.header),
                    Cell::new(c.target.text(style.lang)),
                ]);
            }
            for u in &tb.unmapped {
                table.add_row(vec![
                    Cell::new(u),
                    Cell::new(t(style, "inspect.unknown_column", &[])),
                ]);
            }
            for line in table.to_string().lines() {
                writeln!(out, "    {line}")?;
            }
        }
    }
    Ok(())
}
