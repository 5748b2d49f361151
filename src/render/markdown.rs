//! GitHub-flavoured Markdown, for CI summaries and pull-request comments.

use std::io::{self, Write};

use super::{Style, change_mark, goal_value, human, progress_bar, status_label};
use crate::goals::{self, GoalResult, Status};
use crate::i18n::{Lang, date, tr};
use crate::report::{CheckResult, Inputs, KpiList, Report};

/// Escapes the characters that would break a table cell, and a `<` that would open
/// an HTML tag (a goal titled `Leads <T11>` would lose `<T11>` on GitHub), outside
/// code spans, where a backslash would show.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, part) in text.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 0 {
            // Only a `<` before a letter, `/`, `!` or `?` opens a tag: `<= 5.00`
            // stays as written.
            let mut chars = part.chars().peekable();
            while let Some(c) = chars.next() {
                if c == '<'
                    && chars
                        .peek()
                        .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'))
                {
                    out.push('\\');
                }
                out.push(c);
            }
        } else {
            out.push_str(part);
        }
    }
    out.replace('|', "\\|").replace('\n', " ")
}

fn emoji(status: Status) -> &'static str {
    match status {
        Status::Achieved => "✅",
        Status::OnTrack => "🟢",
        Status::AtRisk => "🟡",
        Status::Behind => "🔴",
        Status::Missed => "❌",
        Status::NotStarted => "⏳",
        Status::NoData => "⚪",
    }
}

fn h(lang: Lang, key: &str) -> String {
    tr(lang, &format!("header.{key}"), &[])
}

/// The goals' table; under `roi check`, `gate` holds the goals that fail the check
/// and those that would but are warnings: their status cell says so, as the icon
/// tells only the status (an `at_risk` goal may fail the check, a `missed` warning
/// does not).
fn goals(
    goals: &[GoalResult],
    gate: Option<(&[String], &[String])>,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    let names: Vec<String> = [
        "goal",
        "kpi",
        "window",
        "current",
        "target",
        "progress",
        "forecast",
        "days_left",
        "status",
    ]
    .iter()
    .map(|k| h(lang, k))
    .collect();
    writeln!(out, "| | {} |", names.join(" | "))?;
    writeln!(out, "|---|---|---|---|--:|--:|---|--:|--:|---|")?;
    for g in goals {
        let target = g.target.map_or("n/a".to_owned(), |t| {
            format!("{} {}", g.direction, goal_value(g, Some(t), lang))
        });
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | `{}` | {} | {} | {} |",
            emoji(g.status),
            cell(&g.title),
            cell(&g.kpi),
            crate::i18n::date_range(lang, g.start, g.deadline),
            cell(&super::goal_current(g, lang)),
            cell(&target),
            progress_bar(g.progress, Style::PLAIN),
            goal_value(g, g.forecast, lang),
            g.days_left,
            match gate {
                Some((failed, _)) if failed.contains(&g.id) => format!(
                    "**{} — {}**",
                    status_label(g.status, lang),
                    tr(lang, "check.failing", &[])
                ),
                Some((_, warned)) if warned.contains(&g.id) => format!(
                    "{} ({})",
                    status_label(g.status, lang),
                    tr(lang, "check.warned", &[])
                ),
                _ => status_label(g.status, lang),
            }
        )?;
    }
    Ok(())
}

/// Each goal's notes (stale data, bounds, platforms left out), as the table
/// prints them under its goals: a pull request's summary must not lose them.
/// `why_no_data` puts first why a `no_data` goal has no value, as `check` does.
fn goal_notes(
    goals: &[GoalResult],
    why_no_data: bool,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    let notes: Vec<String> = goals
        .iter()
        .flat_map(|g| {
            let why = (why_no_data && g.status == Status::NoData).then(|| goals::explain(g, lang));
            why.into_iter()
                .chain(goals::notes(g, lang))
                .map(|text| tr(lang, "report.goal_note", &[("id", &g.id), ("text", &text)]))
        })
        .collect();
    if !notes.is_empty() {
        writeln!(out)?;
        for n in notes {
            writeln!(out, "> {}", cell(&n))?;
        }
    }
    Ok(())
}

pub fn report(r: &Report, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## {}", tr(lang, "report.kpis_heading", &[]))?;
    writeln!(out)?;
    let label = |name: &str| crate::i18n::column_label(lang, name);
    let mut head: Vec<String> = r.group_by.iter().map(|g| label(g)).collect();
    head.extend(r.kpis.iter().map(|k| label(&k.name)));
    if head.is_empty() {
        writeln!(out, "{}", tr(lang, "report.no_rows", &[]))?;
    } else {
        writeln!(out, "| {} |", head.join(" | "))?;
        let aligns: Vec<&str> = r
            .group_by
            .iter()
            .map(|_| "---")
            .chain(r.kpis.iter().map(|_| "--:"))
            .collect();
        writeln!(out, "|{}|", aligns.join("|"))?;
        for g in &r.groups {
            let mut cells: Vec<String> = g
                .key
                .iter()
                .map(|(k, v)| cell(&crate::i18n::group_value(lang, k, v)))
                .collect();
            for k in &r.kpis {
                let v = &g.values[&k.name];
                let change = g.change.get(&k.name).copied().flatten();
                let style = Style {
                    unicode: true,
                    lang,
                    ..Style::PLAIN
                };
                let value = super::with_bound(
                    human(v.value, k.unit, v.currency.as_deref(), lang),
                    v.value,
                    v.bound,
                    lang,
                );
                cells.push(format!("{}{}", value, change_mark(change, style)));
            }
            writeln!(out, "| {} |", cells.join(" | "))?;
        }
    }
    if !r.goals.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "## {}",
            tr(
                lang,
                "report.goals_title",
                &[("date", &date(lang, r.as_of))]
            )
        )?;
        writeln!(out)?;
        goals(&r.goals, None, lang, out)?;
    }
    if !r.notes.is_empty() {
        writeln!(out)?;
        for n in &r.notes {
            writeln!(out, "> {}", cell(&n.text(lang)))?;
        }
    }
    goal_notes(&r.goals, true, lang, out)?;
    inputs(&r.inputs, lang, out)
}

/// What was read: files and rows, rows replaced and skipped, and each file's skipped
/// rows and warnings, as the table's footer says them: a CI summary or a comment
/// shows them too.
fn inputs(inputs: &Inputs, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let (line, items) = super::input_lines(inputs, lang);
    writeln!(out)?;
    writeln!(out, "{}.", cell(&line))?;
    if !items.is_empty() {
        writeln!(out)?;
        for item in items {
            writeln!(out, "- {}", cell(item.trim()))?;
        }
    }
    Ok(())
}

pub fn check(r: &CheckResult, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let key = if r.passed {
        "check.heading_passed"
    } else {
        "check.heading_failed"
    };
    writeln!(
        out,
        "## {}",
        tr(lang, key, &[("date", &date(lang, r.as_of))])
    )?;
    writeln!(out)?;
    goals(&r.goals, Some((&r.failed, &r.warned)), lang, out)?;
    let listed: Vec<&GoalResult> = r
        .goals
        .iter()
        .filter(|g| r.failed.contains(&g.id) || r.warned.contains(&g.id))
        .collect();
    if !listed.is_empty() {
        writeln!(out)?;
        for g in listed {
            // A `severity = "warn"` goal that would fail is said so, never failing.
            let warned = if r.warned.contains(&g.id) {
                format!(" ({})", tr(lang, "check.warned", &[]))
            } else {
                String::new()
            };
            writeln!(
                out,
                "- **{}** {}{warned}: {}",
                cell(&g.id),
                status_label(g.status, lang),
                cell(&goals::explain(g, lang))
            )?;
        }
    }
    goal_notes(&r.goals, true, lang, out)?;
    inputs(&r.inputs, lang, out)
}

pub fn kpi_list(list: &KpiList, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "| {} | {} | {} | {} |",
        h(lang, "kpi"),
        h(lang, "formula"),
        h(lang, "unit"),
        h(lang, "description")
    )?;
    writeln!(out, "|---|---|---|---|")?;
    for k in &list.kpis {
        let description = if k.builtin {
            tr(lang, &format!("kpi.{}", k.name), &[])
        } else {
            k.description.clone()
        };
        writeln!(
            out,
            "| `{}` | `{}` | {} | {} |",
            k.name,
            cell(&k.formula),
            tr(lang, &format!("unit.{}", k.unit.name()), &[]),
            cell(&description)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    /// A title's `<T11>` stays text on GitHub; a code span keeps its `<5` as written,
    /// and a pipe never ends the cell.
    #[test]
    fn cells_escape_tags_and_pipes_but_not_code() {
        assert_eq!(
            super::cell("Leads <T11> <= 5 | `<5` a|b"),
            "Leads \\<T11> <= 5 \\| `<5` a\\|b"
        );
    }
}
