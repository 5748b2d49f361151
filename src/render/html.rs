//! One self-contained HTML page: goal cards with their pace, the KPI table, trend
//! charts as inline SVG and the data-coverage notes. No script, no font, no request:
//! it opens from a file system and prints.
//!
//! Every figure the page shows carries its JSON value in `data-value`, so a test can
//! hold the page to the JSON output number by number.

use std::io::{self, Write};

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::{goal_value, human, plain_number, status_label};
use crate::goals::{self, GoalResult, Status};
use crate::i18n::{Lang, date, group_value, kpi_label, tr};
use crate::insights::{InsightGroup, Insights, PostFigure, weekday_name};
use crate::kpi::Bound;
use crate::model::Unit;
use crate::report::{Group, KpiColumn, Report, Trend};

/// Okabe–Ito: told apart with every common colour-vision deficiency.
const PALETTE: &[&str] = &[
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
];
/// Dash patterns, so lines stay apart in grey print too.
const DASHES: &[&str] = &["", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 4", "3 6"];

const STYLE: &str = include_str!("html.css");

fn status_mark(status: Status) -> &'static str {
    match status {
        Status::Achieved => "✔",
        Status::OnTrack => "●",
        Status::AtRisk => "▲",
        Status::Behind => "▼",
        Status::Missed => "✖",
        Status::NotStarted => "○",
        Status::NoData => "–",
    }
}

fn data_value(v: Option<f64>) -> String {
    v.map_or_else(|| "null".to_owned(), plain_number)
}

pub fn report(r: &Report, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let t = |key: &str, args: &[(&str, &str)]| tr(lang, key, args);
    let scope = match r.window {
        Some(w) => format!("{} – {}", date(lang, w.from), date(lang, w.to)),
        None => match (r.inputs.first_date, r.inputs.last_date) {
            (Some(a), Some(b)) => t(
                "report.all_data",
                &[("from", &date(lang, a)), ("to", &date(lang, b))],
            ),
            _ => t("report.no_data", &[]),
        },
    };
    let filter: Vec<String> = r
        .filter
        .iter()
        .map(|(k, v)| format!("{k} = {}", v.join(" | ")))
        .collect();
    let page = html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content=(concat!("roi ", env!("CARGO_PKG_VERSION")));
                title { (t("html.title", &[("date", &date(lang, r.as_of))])) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    h1 { (t("html.title", &[("date", &date(lang, r.as_of))])) }
                    p.scope {
                        (scope)
                        @for f in &filter { " · " (f) }
                    }
                }
                main {
                    @if !r.goals.is_empty() {
                        section #goals {
                            h2 { (t("report.goals_title", &[("date", &date(lang, r.as_of))])) }
                            div.cards { @for g in &r.goals { (goal_card(g, lang)) } }
                        }
                    }
                    section #kpis {
                        h2 { (t("report.kpis_heading", &[])) }
                        (kpi_table(r, lang))
                        p.hint { (t("report.ratios_note", &[])) }
                    }
                    @if let Some(trend) = &r.trend {
                        (trends(trend, &r.kpis, lang))
                    }
                    @if let Some(i) = &r.insights {
                        (insights(i, lang))
                    }
                    (coverage(r, lang))
                }
                footer {
                    (t("html.footer", &[("version", env!("CARGO_PKG_VERSION")), ("date", &date(lang, r.as_of))]))
                }
            }
        }
    };
    out.write_all(page.into_string().as_bytes())?;
    writeln!(out)
}

fn goal_card(g: &GoalResult, lang: Lang) -> Markup {
    let t = |key: &str| tr(lang, &format!("header.{key}"), &[]);
    let target = g
        .target
        .map(|v| format!("{} {}", g.direction, goal_value(g, Some(v), lang)));
    let fact = |key: &str, v: Option<f64>| {
        html! {
            div {
                dt { (t(key)) }
                dd data-value=(data_value(v)) { (goal_value(g, v, lang)) }
            }
        }
    };
    html! {
        article class={"card " (g.status.word())} #{"goal-" (g.id)} {
            div.status {
                span.mark aria-hidden="true" { (status_mark(g.status)) }
                " " (status_label(g.status, lang))
            }
            h3 { (g.title) }
            p.what {
                code { (g.id) } " · " (kpi_label(lang, &g.kpi)) " · "
                (date(lang, g.start)) " – " (date(lang, g.deadline))
            }
            (progress_svg(g, lang))
            dl {
                (fact("current", g.current))
                div {
                    dt { (t("target")) }
                    dd data-value=(data_value(g.target)) { (target.unwrap_or_else(|| "n/a".to_owned())) }
                }
                @if g.expected_by_now.is_some() { (fact("expected_now", g.expected_by_now)) }
                (fact("forecast", g.forecast))
                @if g.needed_per_day.is_some() { (fact("needed_per_day", g.needed_per_day)) }
                div {
                    dt { (t("days_left")) }
                    dd data-value=(g.days_left) { (g.days_left) }
                }
            }
            p.reason { (goals::explain(g, lang)) }
            @for note in goals::notes(g, lang) { p.note { (note) } }
        }
    }
}

/// The bar runs from zero (or the baseline) to the target and a little past it; the
/// thin mark is where a steady pace would be by now, the hollow one the forecast.
fn progress_svg(g: &GoalResult, lang: Lang) -> Markup {
    const W: f64 = 300.0;
    let Some(progress) = g.progress else {
        return html! {};
    };
    let target = g.target.filter(|t| *t != 0.0);
    let cumulative = g.pace.runs_on();
    let pace = target
        .zip(g.expected_by_now)
        .filter(|_| cumulative)
        .map(|(t, e)| e / t);
    let forecast = target
        .zip(g.forecast)
        .filter(|_| cumulative)
        .map(|(t, f)| f / t);
    let top = [Some(progress), pace, forecast]
        .into_iter()
        .flatten()
        .fold(1.0_f64, f64::max)
        .min(1.5);
    // Marks are drawn inside a margin so the forecast circle is never cut at the end.
    let length = |fraction: f64| (fraction.clamp(0.0, top) / top * W * 10.0).round() / 10.0;
    let x = |fraction: f64| ((6.0 + length(fraction)) * 10.0).round() / 10.0;
    let label = tr(
        lang,
        "html.progress_label",
        &[("percent", &super::progress_percent(progress).to_string())],
    );
    html! {
        svg.progress viewBox="0 0 312 34" role="img" aria-label=(label) {
            title { (label) }
            rect.track x="6" y="8" width=(W) height="14" rx="3" {}
            rect.fill x="6" y="8" width=(length(progress)) height="14" rx="3" {}
            line.target x1=(x(1.0)) x2=(x(1.0)) y1="4" y2="26" {}
            @if let Some(p) = pace {
                line.pace x1=(x(p)) x2=(x(p)) y1="4" y2="26" {}
            }
            @if let Some(f) = forecast {
                circle.forecast cx=(x(f)) cy="15" r="5" {}
            }
            text x="6" y="33" { (format!("{}%", super::progress_percent(progress))) }
        }
    }
}

fn value_span(g: &Group, col: &KpiColumn, lang: Lang) -> Markup {
    let v = &g.values[&col.name];
    let mark = match v.bound {
        Bound::Exact => "",
        Bound::Upper => "≤ ",
        Bound::Lower => "≥ ",
        Bound::Approximate => "≈ ",
    };
    html! {
        span data-kpi=(col.name) data-value=(data_value(v.value)) {
            (mark) (human(v.value, col.unit, v.currency.as_deref(), lang))
        }
    }
}

fn kpi_table(r: &Report, lang: Lang) -> Markup {
    let t = |key: &str| tr(lang, &format!("header.{key}"), &[]);
    if r.groups.is_empty() {
        return html! { p { (tr(lang, "report.no_rows", &[])) } };
    }
    if r.group_by.is_empty() {
        let g = &r.groups[0];
        return html! {
            div.scroll {
                table.kpis {
                    thead { tr { th { (t("kpi")) } th.num { (t("value")) } th { (t("unit")) } } }
                    tbody {
                        @for col in &r.kpis {
                            tr {
                                td { (kpi_label(lang, &col.name)) }
                                td.num { (value_span(g, col, lang)) }
                                td { (tr(lang, &format!("unit.{}", col.unit.name()), &[])) }
                            }
                        }
                    }
                }
            }
        };
    }
    html! {
        div.scroll {
            table.kpis {
                thead {
                    tr {
                        @for d in &r.group_by { th { (d) } }
                        th.num { (t("rows")) }
                        @for col in &r.kpis { th.num { (col.name) } }
                    }
                }
                tbody {
                    @for g in &r.groups {
                        tr {
                            @for (k, v) in &g.key { td { (group_value(lang, k, v)) } }
                            td.num data-value=(g.rows) { (human(Some(g.rows as f64), Unit::Count, None, lang)) }
                            @for col in &r.kpis { td.num { (value_span(g, col, lang)) } }
                        }
                    }
                }
            }
        }
    }
}

fn trends(trend: &Trend, kpis: &[KpiColumn], lang: Lang) -> Markup {
    let grain = tr(lang, &format!("html.grain.{}", trend.grain), &[]);
    let periods: Vec<&str> = trend
        .total
        .iter()
        .filter_map(|g| g.key.get(&trend.grain).map(String::as_str))
        .collect();
    let mut platforms: Vec<&str> = trend
        .by_platform
        .iter()
        .filter_map(|g| g.key.get("platform").map(String::as_str))
        .collect();
    platforms.sort_unstable();
    platforms.dedup();
    // A KPI is charted when it has at least two points to join.
    let charted: Vec<&KpiColumn> = kpis
        .iter()
        .filter(|col| {
            trend
                .total
                .iter()
                .chain(&trend.by_platform)
                .filter(|g| g.values.get(&col.name).is_some_and(|v| v.value.is_some()))
                .count()
                >= 2
        })
        .collect();
    html! {
        section #trends {
            h2 { (tr(lang, "html.trends_heading", &[("grain", &grain)])) }
            @if charted.is_empty() || periods.len() < 2 {
                p { (tr(lang, "html.no_trend", &[])) }
            } @else {
                div.charts {
                    @for col in charted { (chart(trend, col, &periods, &platforms, lang)) }
                }
            }
            @if trend.rows_left_out > 0 {
                p.note { (tr(lang, "html.trend_left_out", &[("rows", &trend.rows_left_out.to_string())])) }
            }
        }
    }
}

/// A chart line: its label, its platform (none for the total), values per period.
type Line<'p> = (String, Option<&'p str>, Vec<(Option<f64>, Option<String>)>);

/// One line per platform, plus the total when there are several platforms.
fn chart(
    trend: &Trend,
    col: &KpiColumn,
    periods: &[&str],
    platforms: &[&str],
    lang: Lang,
) -> Markup {
    const W: f64 = 560.0;
    const H: f64 = 200.0;
    const LEFT: f64 = 86.0;
    const BOTTOM: f64 = 26.0;
    const TOP: f64 = 10.0;
    let series_of = |groups: Vec<&Group>| -> Vec<(Option<f64>, Option<String>)> {
        periods
            .iter()
            .map(|p| {
                groups
                    .iter()
                    .find(|g| g.key.get(&trend.grain).is_some_and(|k| k == p))
                    .and_then(|g| g.values.get(&col.name))
                    .map_or((None, None), |v| (v.value, v.currency.clone()))
            })
            .collect()
    };
    let mut lines: Vec<Line<'_>> = Vec::new();
    for p in platforms {
        let groups = trend
            .by_platform
            .iter()
            .filter(|g| g.key.get("platform").is_some_and(|k| k == p))
            .collect();
        let label = if p.is_empty() {
            tr(lang, "html.no_platform", &[])
        } else {
            (*p).to_owned()
        };
        lines.push((label, Some(p), series_of(groups)));
    }
    lines.retain(|(_, _, s)| s.iter().any(|(v, _)| v.is_some()));
    // The total is a line of its own only when it is not one platform's line again.
    if lines.len() > 1 {
        lines.insert(
            0,
            (
                tr(lang, "html.all_platforms", &[]),
                None,
                series_of(trend.total.iter().collect()),
            ),
        );
    }
    let values = lines
        .iter()
        .flat_map(|(_, _, s)| s.iter().filter_map(|(v, _)| *v));
    let (low, high) = values.fold((0.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let (low, high) = (-nice_ceiling(-low), nice_ceiling(high));
    let high = if high == low { 1.0 } else { high };
    let span = high - low;
    let ticks = if low < 0.0 {
        [high, 0.0, low]
    } else {
        [high, high / 2.0, 0.0]
    };
    let currency = lines
        .iter()
        .flat_map(|(_, _, s)| s.iter().filter_map(|(_, c)| c.clone()))
        .next();
    let step = if periods.len() > 1 {
        (W - LEFT - 10.0) / (periods.len() - 1) as f64
    } else {
        0.0
    };
    let x = |i: usize| ((LEFT + step * i as f64) * 10.0).round() / 10.0;
    let y = |v: f64| ((TOP + (high - v) / span * (H - TOP - BOTTOM)) * 10.0).round() / 10.0;
    let axis = |v: f64| axis_label(v, col.unit, currency.as_deref(), lang);
    let title = kpi_label(lang, &col.name);
    let middle = periods.len() / 2;
    html! {
        figure.chart {
            figcaption { (title) }
            svg viewBox={"0 0 " (W) " " (H)} role="img" aria-label=(title) {
                title { (title) }
                @for v in ticks {
                    line.grid x1=(LEFT) x2=(W - 10.0) y1=(y(v)) y2=(y(v)) {}
                    text.axis x=(LEFT - 6.0) y=(y(v) + 4.0) text-anchor="end" { (axis(v)) }
                }
                @for i in [0, middle, periods.len() - 1] {
                    text.axis x=(x(i)) y=(H - 8.0) text-anchor=(if i == 0 { "start" } else if i == periods.len() - 1 { "end" } else { "middle" }) {
                        (group_value(lang, &trend.grain, periods[i]))
                    }
                }
                @for (n, (label, platform, series)) in lines.iter().enumerate() {
                    @let color = PALETTE[n % PALETTE.len()];
                    @for segment in segments(series) {
                        @if segment.len() > 1 {
                            polyline fill="none" stroke=(color) stroke-width="2"
                                stroke-dasharray=(DASHES[n % DASHES.len()])
                                points=(segment.iter().map(|(i, v)| format!("{},{}", x(*i), y(*v))).collect::<Vec<_>>().join(" ")) {}
                        }
                        @for (i, v) in &segment {
                            circle cx=(x(*i)) cy=(y(*v)) r="2.5" fill=(color) data-kpi=(col.name) data-platform=[platform] data-total[platform.is_none()] data-period=(periods[*i]) data-value=(plain_number(*v)) {
                                title { (label) " · " (group_value(lang, &trend.grain, periods[*i])) ": " (human(Some(*v), col.unit, series[*i].1.as_deref(), lang)) }
                            }
                        }
                    }
                }
            }
            @if !lines.is_empty() {
                ul.legend {
                    @for (n, (label, _, _)) in lines.iter().enumerate() {
                        li {
                            svg.key viewBox="0 0 24 8" aria-hidden="true" {
                                line x1="0" x2="24" y1="4" y2="4" stroke=(PALETTE[n % PALETTE.len()]) stroke-width="2" stroke-dasharray=(DASHES[n % DASHES.len()]) {}
                            }
                            (label)
                        }
                    }
                }
            }
        }
    }
}

fn insights(i: &Insights, lang: Lang) -> Markup {
    let t = |key: &str, args: &[(&str, &str)]| tr(lang, &format!("insights.{key}"), args);
    let zone = if i.timezone == "as exported" {
        t("as_exported", &[])
    } else {
        i.timezone.clone()
    };
    let per_post = i.ranked_by == "engagements_per_post";
    html! {
        section #insights {
            h2 { (t("heading", &[])) }
            p.hint {
                (t("summary", &[
                    ("posts", &i.posts.to_string()),
                    ("without_time", &i.posts_without_time.to_string()),
                    ("without_length", &i.posts_without_length.to_string()),
                    ("timezone", &zone),
                    ("min_posts", &i.min_posts.to_string()),
                    ("ranked_by", &crate::i18n::kpi_label(lang, &i.ranked_by)),
                ]))
            }
            @if i.posts > 0 {
            div.charts.bars {
                (bars(&t("by_content_type", &[]), "content_type", &i.by_content_type, per_post, lang))
                @if !i.by_length.is_empty() {
                    (bars(&t("by_length", &[]), "length", &i.by_length, per_post, lang))
                }
                (bars(&t("by_weekday", &[]), "weekday", &i.by_weekday, per_post, lang))
                @if !i.by_hour.is_empty() {
                    (bars(&t("by_hour", &[]), "hour", &i.by_hour, per_post, lang))
                }
            }
            p.note { (tr(lang, "html.bars_note", &[("min_posts", &i.min_posts.to_string())])) }
            }
            @if !i.grid.is_empty() { (heat_map(i, lang)) }
            @if !i.follower_hours.is_empty() { (follower_hours(i, lang)) }
            @if i.posts > 0 {
            div.charts {
                (post_list(&t("top", &[("kpi", &crate::i18n::kpi_label(lang, &i.rank_by))]), &i.top_posts, i, lang))
                @if !i.bottom_posts.is_empty() {
                    (post_list(&t("bottom", &[("kpi", &crate::i18n::kpi_label(lang, &i.rank_by))]), &i.bottom_posts, i, lang))
                }
            }
            }
        }
    }
}

/// Horizontal bars of the ranking figure; groups with too few posts are drawn
/// hatched and say so, so a tall bar on two posts is never read as a winner.
fn bars(title: &str, section: &str, groups: &[InsightGroup], per_post: bool, lang: Lang) -> Markup {
    const W: f64 = 440.0;
    const ROW: f64 = 22.0;
    const LABEL: f64 = 100.0;
    const VALUE: f64 = 130.0;
    let value = |g: &InsightGroup| {
        if per_post {
            g.engagements_per_post
        } else {
            g.engagement_rate
        }
    };
    let unit = if per_post { Unit::Number } else { Unit::Ratio };
    let high = groups.iter().filter_map(value).fold(0.0_f64, f64::max);
    let h = ROW * groups.len() as f64 + 4.0;
    let length = |v: f64| {
        if high > 0.0 {
            ((v / high * (W - LABEL - VALUE)) * 10.0).round() / 10.0
        } else {
            0.0
        }
    };
    let label = |g: &InsightGroup| super::insights::group_label(section, &g.key, lang);
    let posts = |n: u64| tr(lang, "html.posts", &[("posts", &n.to_string())]);
    html! {
        figure.chart {
            figcaption { (title) }
            svg viewBox={"0 0 " (W) " " (h)} role="img" aria-label=(title) {
                title { (title) }
                @for (n, g) in groups.iter().enumerate() {
                    @let y = ROW * n as f64 + 2.0;
                    text.axis x=(LABEL - 6.0) y=(y + 15.0) text-anchor="end" { (label(g)) }
                    @if let Some(v) = value(g) {
                        rect class=(if g.too_few_posts { "bar few" } else { "bar" })
                            x=(LABEL) y=(y + 3.0) width=(length(v)) height=(ROW - 6.0)
                            data-section=(section) data-key=(g.key) data-value=(plain_number(v)) {
                            title { (label(g)) ": " (human(Some(v), unit, None, lang)) " · " (posts(g.posts)) }
                        }
                        text.axis x=(LABEL + length(v) + 6.0) y=(y + 15.0) {
                            (human(Some(v), unit, None, lang)) " · " (posts(g.posts))
                            @if g.rank == Some(1) { " ★" }
                        }
                    } @else {
                        text.axis x=(LABEL) y=(y + 15.0) { (posts(g.posts)) }
                    }
                }
            }
        }
    }
}

/// Engagements per post by weekday (rows) and hour (columns), one sequential hue:
/// darker is more; an empty cell had no post.
fn heat_map(insights: &Insights, lang: Lang) -> Markup {
    const CELL: f64 = 20.0;
    const LEFT: f64 = 90.0;
    const TOP: f64 = 18.0;
    let high = insights
        .grid
        .iter()
        .filter_map(|c| c.engagements_per_post)
        .fold(0.0_f64, f64::max);
    let title = tr(lang, "insights.grid_title", &[]);
    let width = LEFT + CELL * 24.0 + 4.0;
    let height = TOP + CELL * 7.0 + 4.0;
    html! {
        figure.chart.heat {
            figcaption { (title) }
            div.scroll {
                svg viewBox={"0 0 " (width) " " (height)} role="img" aria-label=(title) {
                    title { (title) }
                    @for hour in (0..24).step_by(3) {
                        text.axis x=(LEFT + CELL * f64::from(hour) + CELL / 2.0) y="12" text-anchor="middle" { (format!("{hour:02}")) }
                    }
                    @for day in 1..=7_u32 {
                        @let top = TOP + CELL * f64::from(day - 1);
                        text.axis x=(LEFT - 6.0) y=(top + 14.0) text-anchor="end" {
                            (super::insights::group_label("weekday", weekday_name(day), lang))
                        }
                        @for hour in 0..24_u32 {
                            @let cell = insights.grid.iter().find(|c| c.weekday == day && c.hour == hour);
                            @let left = LEFT + CELL * f64::from(hour);
                            @match cell.and_then(|c| c.engagements_per_post.map(|v| (c, v))) {
                                Some((cell, value)) => {
                                    rect.cell x=(left) y=(top) width=(CELL - 2.0) height=(CELL - 2.0)
                                        fill-opacity=(format!("{:.2}", 0.15 + 0.85 * if high > 0.0 { value / high } else { 0.0 }))
                                        data-weekday=(day) data-hour=(hour) data-value=(plain_number(value)) {
                                        title {
                                            (super::insights::group_label("weekday", weekday_name(day), lang))
                                            " " (format!("{hour:02}:00")) ": "
                                            (human(Some(value), Unit::Number, None, lang)) " · "
                                            (tr(lang, "html.posts", &[("posts", &cell.posts.to_string())]))
                                        }
                                    }
                                }
                                None => {
                                    rect.empty x=(left) y=(top) width=(CELL - 2.0) height=(CELL - 2.0) {}
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Mean active followers by hour of the day, a column per hour.
fn follower_hours(insights: &Insights, lang: Lang) -> Markup {
    const W: f64 = 560.0;
    const H: f64 = 160.0;
    const LEFT: f64 = 50.0;
    const BOTTOM: f64 = 20.0;
    let title = tr(lang, "insights.follower_hours", &[]);
    let high = nice_ceiling(
        insights
            .follower_hours
            .iter()
            .map(|h| h.active_followers)
            .fold(0.0_f64, f64::max),
    );
    let column = (W - LEFT) / 24.0;
    let height = |v: f64| {
        if high > 0.0 {
            ((v / high * (H - BOTTOM - 10.0)) * 10.0).round() / 10.0
        } else {
            0.0
        }
    };
    html! {
        figure.chart.hours {
            figcaption { (title) }
            svg viewBox={"0 0 " (W) " " (H)} role="img" aria-label=(title) {
                title { (title) }
                text.axis x=(LEFT - 6.0) y="14" text-anchor="end" { (human(Some(high), Unit::Number, None, lang)) }
                text.axis x=(LEFT - 6.0) y=(H - BOTTOM) text-anchor="end" { "0" }
                @for hour in (0..24).step_by(3) {
                    text.axis x=(LEFT + column * f64::from(hour) + column / 2.0) y=(H - 4.0) text-anchor="middle" { (format!("{hour:02}")) }
                }
                @for h in &insights.follower_hours {
                    @let bar = height(h.active_followers);
                    rect.bar x=(LEFT + column * f64::from(h.hour) + 1.0) y=(H - BOTTOM - bar)
                        width=(column - 2.0) height=(bar) data-hour=(h.hour) data-value=(plain_number(h.active_followers)) {
                        title { (format!("{:02}:00", h.hour)) ": " (human(Some(h.active_followers), Unit::Number, None, lang)) }
                    }
                }
            }
        }
    }
}

fn post_list(title: &str, posts: &[PostFigure], i: &Insights, lang: Lang) -> Markup {
    html! {
        figure.chart {
            figcaption { (title) }
            ol.posts {
                @for p in posts {
                    li {
                        @match &p.link {
                            Some(link) if link.starts_with("https://") || link.starts_with("http://") => {
                                a href=(link) rel="noopener noreferrer" { (p.id) }
                            }
                            _ => { code { (p.id) } }
                        }
                        " · " (p.platform) " · "
                        (super::insights::group_label("content_type", &p.content_type, lang)) " · "
                        (p.published.map_or_else(|| date(lang, p.date), |t| format!("{} {}", date(lang, t.date()), t.format("%H:%M"))))
                        ": "
                        strong data-value=(data_value(p.value)) { (human(p.value, i.rank_unit, p.currency.as_deref(), lang)) }
                    }
                }
            }
        }
    }
}

/// An axis label, short enough for the margin: `3M VND`, `250k` (`3 tr ₫`, `250 N`
/// in Vietnamese); small values, ratios and durations as the tables write them.
fn axis_label(v: f64, unit: Unit, currency: Option<&str>, lang: Lang) -> String {
    if v.abs() < 10_000.0 || matches!(unit, Unit::Ratio | Unit::Seconds) {
        return human(Some(v), unit, currency, lang);
    }
    let (scale, en, vi) = if v.abs() >= 1e9 {
        (1e9, "B", "tỷ")
    } else if v.abs() >= 1e6 {
        (1e6, "M", "tr")
    } else {
        (1e3, "k", "N")
    };
    let number = crate::i18n::marks(
        lang,
        &super::plain_number((v / scale * 10.0).round() / 10.0),
    );
    let money = match (unit, currency, lang) {
        (Unit::Money, Some("VND"), Lang::Vi) => " ₫".to_owned(),
        (Unit::Money, Some(c), _) => format!(" {c}"),
        _ => String::new(),
    };
    match lang {
        Lang::En => format!("{number}{en}{money}"),
        Lang::Vi => format!("{number} {vi}{money}"),
    }
}

/// The axis end at or above `v`: 1, 2, 4, 6 or 8 times a power of ten, so the
/// middle tick is round too. Zero stays zero.
fn nice_ceiling(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return 0.0;
    }
    let power = 10_f64.powf(v.log10().floor());
    [1.0, 2.0, 4.0, 6.0, 8.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|top| *top >= v * (1.0 - 1e-12))
        .unwrap_or(10.0 * power)
}

/// Runs of consecutive periods with a value: a missing period breaks the line.
fn segments(series: &[(Option<f64>, Option<String>)]) -> Vec<Vec<(usize, f64)>> {
    let mut out: Vec<Vec<(usize, f64)>> = Vec::new();
    let mut run: Vec<(usize, f64)> = Vec::new();
    for (i, (v, _)) in series.iter().enumerate() {
        match v {
            Some(v) => run.push((i, *v)),
            None if !run.is_empty() => out.push(std::mem::take(&mut run)),
            None => {}
        }
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

fn coverage(r: &Report, lang: Lang) -> Markup {
    let t = |key: &str, args: &[(&str, &str)]| tr(lang, key, args);
    let inputs = &r.inputs;
    let mut summary = t(
        "report.read_files",
        &[
            ("files", &inputs.files.len().to_string()),
            ("rows", &inputs.rows.to_string()),
        ],
    );
    if inputs.rows_replaced > 0 {
        summary.push_str(&t(
            "report.replaced",
            &[("rows", &inputs.rows_replaced.to_string())],
        ));
    }
    if inputs.rows_skipped > 0 {
        summary.push_str(&t(
            "report.skipped",
            &[("rows", &inputs.rows_skipped.to_string())],
        ));
    }
    let range = |f: &crate::dataset::SourceFile| match (f.first_date, f.last_date) {
        (Some(a), Some(b)) => format!("{} – {}", date(lang, a), date(lang, b)),
        _ => "–".to_owned(),
    };
    html! {
        section #coverage {
            h2 { (t("html.coverage_heading", &[])) }
            p { (summary) "." }
            div.scroll {
                table.files {
                    thead {
                        tr {
                            th { (t("html.file", &[])) }
                            th { (t("html.format", &[])) }
                            th { (t("html.dates", &[])) }
                            th.num { (t("html.rows_read", &[])) }
                            th.num { (t("html.rows_replaced", &[])) }
                            th.num { (t("html.rows_skipped", &[])) }
                        }
                    }
                    tbody {
                        @for f in &inputs.files {
                            tr {
                                td { code { (f.path.display()) } }
                                td { (f.format) }
                                td { (range(f)) }
                                td.num data-value=(f.rows_read) { (f.rows_read) }
                                td.num data-value=(f.rows_replaced) { (f.rows_replaced) }
                                td.num data-value=(f.skipped.iter().map(|s| s.rows).sum::<u64>()) {
                                    (f.skipped.iter().map(|s| s.rows).sum::<u64>())
                                }
                            }
                        }
                    }
                }
            }
            @let details: Vec<String> = super::input_lines(inputs, lang)
                .1
                .iter()
                .map(|item| item.trim().to_owned())
                .collect();
            @if !details.is_empty() || !r.notes.is_empty() {
                ul.notes {
                    @for d in &details { li { (d) } }
                    @for n in &r.notes { li { (n.text(lang)) } }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_ends_are_round() {
        assert_eq!(nice_ceiling(0.0), 0.0);
        assert_eq!(nice_ceiling(17_471.0), 20_000.0);
        assert_eq!(nice_ceiling(407.0), 600.0);
        assert_eq!(nice_ceiling(0.0211), 0.04);
        assert_eq!(nice_ceiling(1000.0), 1000.0);
        assert_eq!(nice_ceiling(81.0), 100.0);
    }

    #[test]
    fn short_axis_labels() {
        assert_eq!(
            axis_label(3_000_000.0, Unit::Money, Some("VND"), Lang::En),
            "3M VND"
        );
        assert_eq!(
            axis_label(3_000_000.0, Unit::Money, Some("VND"), Lang::Vi),
            "3 tr ₫"
        );
        assert_eq!(axis_label(250_000.0, Unit::Count, None, Lang::En), "250k");
        assert_eq!(
            axis_label(1_500_000_000.0, Unit::Count, None, Lang::Vi),
            "1,5 tỷ"
        );
        assert_eq!(axis_label(4_000.0, Unit::Count, None, Lang::En), "4,000");
        assert_eq!(axis_label(0.5, Unit::Ratio, None, Lang::En), "50.00%");
    }

    #[test]
    fn gaps_break_lines() {
        let s = |v: Option<f64>| (v, None);
        let series = [s(Some(1.0)), s(Some(2.0)), s(None), s(Some(3.0)), s(None)];
        assert_eq!(
            segments(&series),
            vec![vec![(0, 1.0), (1, 2.0)], vec![(3, 3.0)]]
        );
    }
}
