//! GitHub-flavoured Markdown, for CI summaries and pull-request comments.

use std::io::{self, Write};

use super::{Style, goal_value, human, progress_bar};
use crate::goals::{GoalResult, Status};
use crate::report::{CheckResult, KpiList, Report};

/// Escapes the characters that would break a table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
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

fn goals(goals: &[GoalResult], out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "| | goal | kpi | window | current | target | progress | forecast | days left | status |"
    )?;
    writeln!(out, "|---|---|---|---|--:|--:|---|--:|--:|---|")?;
    for g in goals {
        let target = g.target.map_or("n/a".to_owned(), |t| {
            format!("{} {}", g.direction, goal_value(g, Some(t)))
        });
        writeln!(
            out,
            "| {} | {} | {} | {} ..= {} | {} | {} | `{}` | {} | {} | {} |",
            emoji(g.status),
            cell(&g.title),
            cell(&g.kpi),
            g.start,
            g.deadline,
            goal_value(g, g.current),
            cell(&target),
            progress_bar(g.progress, Style::PLAIN),
            goal_value(g, g.forecast),
            g.days_left,
            g.status.word()
        )?;
    }
    Ok(())
}

pub fn report(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## KPIs")?;
    writeln!(out)?;
    let mut head: Vec<String> = r.group_by.clone();
    head.extend(r.kpis.iter().map(|k| k.name.clone()));
    if head.is_empty() {
        writeln!(out, "no KPI has a value")?;
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
            let mut cells: Vec<String> = g.key.values().map(|v| cell(v)).collect();
            for k in &r.kpis {
                let v = &g.values[&k.name];
                cells.push(human(v.value, k.unit, v.currency.as_deref()));
            }
            writeln!(out, "| {} |", cells.join(" | "))?;
        }
    }
    if !r.goals.is_empty() {
        writeln!(out)?;
        writeln!(out, "## Goals (as of {})", r.as_of)?;
        writeln!(out)?;
        goals(&r.goals, out)?;
    }
    if !r.notes.is_empty() {
        writeln!(out)?;
        for n in &r.notes {
            writeln!(out, "> {}", cell(n))?;
        }
    }
    Ok(())
}

pub fn check(r: &CheckResult, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "## roi check: {} (as of {})",
        if r.passed { "passed ✅" } else { "failed ❌" },
        r.as_of
    )?;
    writeln!(out)?;
    goals(&r.goals, out)?;
    let failing: Vec<&GoalResult> = r
        .goals
        .iter()
        .filter(|g| r.failed.contains(&g.id))
        .collect();
    if !failing.is_empty() {
        writeln!(out)?;
        for g in failing {
            writeln!(
                out,
                "- **{}** {}: {}",
                cell(&g.id),
                g.status.word(),
                cell(&g.reason)
            )?;
        }
    }
    Ok(())
}

pub fn kpi_list(list: &KpiList, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "| kpi | formula | unit | description |")?;
    writeln!(out, "|---|---|---|---|")?;
    for k in &list.kpis {
        writeln!(
            out,
            "| `{}` | `{}` | {} | {} |",
            k.name,
            cell(&k.formula),
            k.unit.name(),
            cell(&k.description)
        )?;
    }
    Ok(())
}
