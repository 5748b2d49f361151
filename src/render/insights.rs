//! `roi insights` as terminal tables or Markdown.

use std::io::{self, Write};

use comfy_table::Cell;

use super::table::{header, new_table, right};
use super::{Style, human};
use crate::i18n::{Lang, date, tr};
use crate::insights::{InsightGroup, Insights, PostFigure, weekday_name};
use crate::model::Unit;

/// A group's name as people read it: weekdays, content types and lengths are
/// translated; hours and unknown content types are shown as they are.
pub fn group_label(section: &str, key: &str, lang: Lang) -> String {
    let catalogue_key = match section {
        "weekday" => format!("insights.weekdays.{key}"),
        "hour" => return format!("{key}:00"),
        _ => format!("insights.types.{key}"),
    };
    let text = tr(lang, &catalogue_key, &[]);
    if text == catalogue_key {
        key.to_owned()
    } else {
        text
    }
}

/// A section's title: a heading in Markdown, where a line above a table would run
/// into the paragraph before it.
fn title(text: &str, md: bool, out: &mut dyn Write) -> io::Result<()> {
    if md {
        writeln!(out, "## {text}")?;
        writeln!(out)
    } else {
        writeln!(out, "{text}")
    }
}

fn groups_table(
    heading: &str,
    section: &str,
    groups: &[InsightGroup],
    style: Style,
    md: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let lang = style.lang;
    let t = |key: &str| tr(lang, &format!("insights.{key}"), &[]);
    title(heading, md, out)?;
    let mut table = new_table(style);
    let names = [
        t(section),
        t("posts"),
        t("engagements"),
        t("per_post"),
        t("engagement_rate"),
        t("rank"),
    ];
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    header(&mut table, &names, style);
    for g in groups {
        table.add_row(vec![
            Cell::new(group_label(section, &g.key, lang)),
            Cell::new(g.posts),
            Cell::new(human(g.engagements, Unit::Count, None, lang)),
            Cell::new(human(g.engagements_per_post, Unit::Number, None, lang)),
            Cell::new(human(g.engagement_rate, Unit::Ratio, None, lang)),
            Cell::new(match (g.rank, g.too_few_posts) {
                (Some(r), _) => r.to_string(),
                (None, true) => t("too_few"),
                (None, false) => "-".to_owned(),
            }),
        ]);
    }
    right(&mut table, 1);
    writeln!(out, "{table}")
}

/// Engagements per post by weekday and hour: one character per hour, darker is
/// more, blank without posts.
fn grid(i: &Insights, style: Style, md: bool, out: &mut dyn Write) -> io::Result<()> {
    let ramp: &[char] = if style.unicode {
        &['░', '▒', '▓', '█']
    } else {
        &['.', ':', '=', '#']
    };
    let high = i
        .grid
        .iter()
        .filter_map(|c| c.engagements_per_post)
        .fold(0.0_f64, f64::max);
    title(&tr(style.lang, "insights.grid_title", &[]), md, out)?;
    // Markdown would run the grid's lines together and eat its spaces.
    if md {
        writeln!(out, "```text")?;
    }
    let label_width = (1..=7)
        .map(|d| {
            group_label("weekday", weekday_name(d), style.lang)
                .chars()
                .count()
        })
        .max()
        .unwrap_or(3);
    let mut hours = String::new();
    for h in (0..24).step_by(3) {
        hours.push_str(&format!("{h:<3}"));
    }
    writeln!(out, "{:label_width$}  {hours}", "")?;
    for d in 1..=7 {
        let label = group_label("weekday", weekday_name(d), style.lang);
        let pad = label_width - label.chars().count();
        let cells: String = (0..24)
            .map(|h| {
                i.grid
                    .iter()
                    .find(|c| c.weekday == d && c.hour == h)
                    .and_then(|c| c.engagements_per_post)
                    .map_or(' ', |v| {
                        let level = if high > 0.0 {
                            ((v / high) * (ramp.len() - 1) as f64).round() as usize
                        } else {
                            0
                        };
                        ramp[level.min(ramp.len() - 1)]
                    })
            })
            .collect();
        writeln!(out, "{label}{}  {cells}", " ".repeat(pad))?;
    }
    if md {
        writeln!(out, "```")?;
    }
    writeln!(out)
}

fn posts_table(
    heading: &str,
    posts: &[PostFigure],
    rank_by: &str,
    unit: Unit,
    style: Style,
    md: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let lang = style.lang;
    let t = |key: &str| tr(lang, &format!("insights.{key}"), &[]);
    title(heading, md, out)?;
    let mut table = new_table(style);
    // Ranked by engagements, the ranking column is already the engagements.
    let engagements = rank_by != "engagements";
    let mut names = vec![
        t("platform"),
        t("post"),
        t("content_type"),
        t("published"),
        rank_by.to_owned(),
    ];
    if engagements {
        names.push(t("engagements"));
    }
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    header(&mut table, &names, style);
    for p in posts {
        let when = p.published.map_or_else(
            || date(lang, p.date),
            |t| format!("{} {}", date(lang, t.date()), t.format("%H:%M")),
        );
        let mut row = vec![
            Cell::new(&p.platform),
            Cell::new(p.link.as_deref().unwrap_or(&p.id)),
            Cell::new(group_label("content_type", &p.content_type, lang)),
            Cell::new(when),
            Cell::new(human(p.value, unit, p.currency.as_deref(), lang)),
        ];
        if engagements {
            row.push(Cell::new(human(p.engagements, Unit::Count, None, lang)));
        }
        table.add_row(row);
    }
    right(&mut table, 4);
    writeln!(out, "{table}")?;
    writeln!(out)
}

/// The part of the insights `roi report` shows: engagement by content type.
pub fn report_section(i: &Insights, style: Style, out: &mut dyn Write) -> io::Result<()> {
    if i.posts == 0 {
        return Ok(());
    }
    let title = format!(
        "{} ({})",
        tr(style.lang, "insights.by_content_type", &[]),
        tr(style.lang, "insights.more", &[])
    );
    writeln!(out)?;
    groups_table(
        &title,
        "content_type",
        &i.by_content_type,
        style,
        false,
        out,
    )
}

/// The insights as terminal tables, or as Markdown (`md`): headings, pipe tables and
/// the grid in a code block.
pub fn table(i: &Insights, style: Style, md: bool, out: &mut dyn Write) -> io::Result<()> {
    let lang = style.lang;
    let t = |key: &str, args: &[(&str, &str)]| tr(lang, &format!("insights.{key}"), args);
    if i.posts == 0 {
        match &i.unselected {
            Some(u) => writeln!(
                out,
                "{}",
                t(
                    "none_selected",
                    &[
                        ("posts", &u.posts.to_string()),
                        ("first", &date(lang, u.first)),
                        ("last", &date(lang, u.last)),
                    ]
                )
            )?,
            None => writeln!(out, "{}", t("no_posts", &[]))?,
        }
        return follower_hours(i, style, md, out);
    }
    let zone = if i.timezone == "as exported" {
        t("as_exported", &[])
    } else {
        i.timezone.clone()
    };
    writeln!(
        out,
        "{}",
        t(
            "summary",
            &[
                ("posts", &i.posts.to_string()),
                ("without_time", &i.posts_without_time.to_string()),
                ("without_length", &i.posts_without_length.to_string()),
                ("timezone", &zone),
                ("min_posts", &i.min_posts.to_string()),
                (
                    "ranked_by",
                    &crate::i18n::kpi_label(style.lang, &i.ranked_by)
                ),
            ],
        )
    )?;
    writeln!(out)?;
    groups_table(
        &t("by_content_type", &[]),
        "content_type",
        &i.by_content_type,
        style,
        md,
        out,
    )?;
    writeln!(out)?;
    if !i.by_length.is_empty() {
        groups_table(&t("by_length", &[]), "length", &i.by_length, style, md, out)?;
        writeln!(out)?;
    }
    groups_table(
        &t("by_weekday", &[]),
        "weekday",
        &i.by_weekday,
        style,
        md,
        out,
    )?;
    writeln!(out)?;
    if !i.by_hour.is_empty() {
        groups_table(&t("by_hour", &[]), "hour", &i.by_hour, style, md, out)?;
        writeln!(out)?;
        grid(i, style, md, out)?;
    }
    let rank_by = &crate::i18n::kpi_label(style.lang, &i.rank_by);
    posts_table(
        &t("top", &[("kpi", rank_by)]),
        &i.top_posts,
        rank_by,
        i.rank_unit,
        style,
        md,
        out,
    )?;
    if !i.bottom_posts.is_empty() {
        posts_table(
            &t("bottom", &[("kpi", rank_by)]),
            &i.bottom_posts,
            rank_by,
            i.rank_unit,
            style,
            md,
            out,
        )?;
    }
    if i.posts_unranked > 0 {
        let posts = i.posts_unranked.to_string();
        writeln!(
            out,
            "{}",
            t("unranked", &[("posts", &posts), ("kpi", rank_by)])
        )?;
        writeln!(out)?;
    }
    follower_hours(i, style, md, out)
}

/// When followers are online, as a bar per hour.
fn follower_hours(i: &Insights, style: Style, md: bool, out: &mut dyn Write) -> io::Result<()> {
    if i.follower_hours.is_empty() {
        return Ok(());
    }
    let lang = style.lang;
    writeln!(out)?;
    title(&tr(lang, "insights.follower_hours", &[]), md, out)?;
    let high = i
        .follower_hours
        .iter()
        .map(|h| h.active_followers)
        .fold(0.0_f64, f64::max);
    let mut table = new_table(style);
    let names = [
        tr(lang, "insights.hour", &[]),
        tr(lang, "insights.active_followers", &[]),
        String::new(),
    ];
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    header(&mut table, &names, style);
    for h in &i.follower_hours {
        let width = if high > 0.0 {
            (h.active_followers / high * 20.0).round() as usize
        } else {
            0
        };
        let bar = if style.unicode { "█" } else { "#" }.repeat(width);
        table.add_row(vec![
            Cell::new(format!("{:02}:00", h.hour)),
            Cell::new(human(Some(h.active_followers), Unit::Number, None, lang)),
            Cell::new(bar),
        ]);
    }
    right(&mut table, 1);
    if let Some(c) = table.column_mut(2) {
        c.set_cell_alignment(comfy_table::CellAlignment::Left);
    }
    writeln!(out, "{table}")
}
