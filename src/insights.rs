//! What content works: engagement by content type, by video and text length, by
//! weekday and hour of publication, and the best and worst posts.
//!
//! A post is a row that names its content (content id or link) and says what it is
//! or when it went out (content type or publish time). Each post's rows are summed
//! first, so a post exported twice, or once per day, counts as one post. Every
//! group's engagement rate is a ratio of the group's sums; engagements per post is
//! the group's engagements over its number of posts. Groups with fewer posts than
//! `min_posts` are shown with their figures but never ranked: a few posts cannot
//! tell which content works. A post's values that a coarser level of its export
//! counts in the totals ([`Dataset::covered`]) are its values here.

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike};
use serde::Serialize;

use crate::dataset::{Aggregate, Dataset, Filter, Row, Selection, Sym, Window};
use crate::kpi::EvalError;
use crate::model::Dimension;
use crate::settings::Config;

pub const SCHEMA_VERSION: u32 = 1;

/// `[insights]` of roi.toml.
#[derive(Debug, Clone, PartialEq)]
pub struct InsightSettings {
    /// Videos up to this length are short.
    pub short_video_seconds: f64,
    /// Texts up to this many characters are short.
    pub short_text_chars: usize,
    /// Fewest posts a group needs to be ranked.
    pub min_posts: u64,
    /// The account's time zone: publish times with a UTC offset are shown in it.
    pub timezone: Option<chrono_tz::Tz>,
    /// The KPI that orders the best and worst posts.
    pub rank_by: String,
    /// How many best and worst posts to list.
    pub top: usize,
}

impl Default for InsightSettings {
    fn default() -> Self {
        InsightSettings {
            short_video_seconds: 60.0,
            short_text_chars: 100,
            min_posts: 5,
            timezone: None,
            rank_by: "engagement_rate".to_owned(),
            top: 5,
        }
    }
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Insights {
    pub schema_version: u32,
    /// Posts found (rows summed per post).
    pub posts: u64,
    /// Posts without a time of day: counted by weekday, not by hour.
    pub posts_without_time: u64,
    /// Posts without a length (a video without its duration, a post without its
    /// text): counted everywhere but in `by_length`.
    pub posts_without_length: u64,
    /// The time zone hours are shown in: the configured one, or `as exported`.
    pub timezone: String,
    /// Fewest posts a group needs to be ranked.
    pub min_posts: u64,
    /// What groups are ranked by: `engagement_rate`, or `engagements_per_post` when
    /// the posts have no reach.
    pub ranked_by: String,
    pub by_content_type: Vec<InsightGroup>,
    /// `short_video`, `long_video` (by duration), `short_text`, `long_text`.
    pub by_length: Vec<InsightGroup>,
    /// Monday first; every weekday, with or without posts.
    pub by_weekday: Vec<InsightGroup>,
    /// Hours 0–23 of publication that have posts.
    pub by_hour: Vec<InsightGroup>,
    /// Weekday × hour cells that have posts.
    pub grid: Vec<GridCell>,
    /// Posts without a value of `rank_by` (a rate whose denominator they lack, reach):
    /// in no list of best and worst posts.
    pub posts_unranked: u64,
    /// The KPI the best and worst posts are ordered by: `rank_by` of the settings,
    /// or, when no post has a value for it, the first of `engagement_rate`,
    /// `engagement_rate_impressions`, `engagements` that has one.
    pub rank_by: String,
    pub rank_unit: crate::model::Unit,
    pub top_posts: Vec<PostFigure>,
    pub bottom_posts: Vec<PostFigure>,
    /// The KPI asked for as `rank_by` (roi.toml or `--rank-by`) when no post has a
    /// value of it and `rank_by` is another.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rank_by_requested: Option<String>,
    /// When `--where`, `--from` or `--to` keep none of the inputs' posts: the posts
    /// the inputs hold.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unselected: Option<Unselected>,
    /// When followers are online (TikTok follower activity): by hour of the day,
    /// the mean of active followers over the days the export covers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub follower_hours: Vec<FollowerHour>,
}

/// The inputs' posts, none of which the selection keeps.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Unselected {
    pub posts: u64,
    /// First and last publish day.
    pub first: NaiveDate,
    pub last: NaiveDate,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct FollowerHour {
    pub hour: u32,
    /// Mean active followers in this hour over `days` days.
    pub active_followers: f64,
    pub days: u64,
}

/// Active followers by hour of the day, averaged over the days that have the hour.
fn follower_hours(dataset: &Dataset, selection: &Selection<'_>) -> Vec<FollowerHour> {
    let Some(metric) = dataset.metric_id("active_followers") else {
        return Vec::new();
    };
    let mut by_hour: BTreeMap<u32, (i128, std::collections::BTreeSet<NaiveDate>)> = BTreeMap::new();
    for row in &selection.rows {
        let (Some(value), Some(slot)) = (
            row.value(metric),
            dataset.dim_value(row, Dimension::Published),
        ) else {
            continue;
        };
        let Some(hour) = slot.get(11..13).and_then(|h| h.parse::<u32>().ok()) else {
            continue;
        };
        let entry = by_hour.entry(hour).or_default();
        entry.0 += i128::from(value.0);
        entry.1.insert(row.start);
    }
    by_hour
        .into_iter()
        .map(|(hour, (sum, days))| FollowerHour {
            hour,
            active_followers: sum as f64 / crate::model::Amount::SCALE as f64 / days.len() as f64,
            days: days.len() as u64,
        })
        .collect()
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct InsightGroup {
    pub key: String,
    pub posts: u64,
    pub engagements: Option<f64>,
    pub reach: Option<f64>,
    /// Σ engagements ÷ Σ reach over the group's posts.
    pub engagement_rate: Option<f64>,
    pub engagements_per_post: Option<f64>,
    /// 1 for the best group (equal figures share a rank); absent for groups with
    /// too few posts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rank: Option<u32>,
    /// Fewer posts than `min_posts`: shown, not ranked.
    pub too_few_posts: bool,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct GridCell {
    /// 1 = Monday … 7 = Sunday.
    pub weekday: u32,
    pub hour: u32,
    pub posts: u64,
    pub engagements_per_post: Option<f64>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct PostFigure {
    pub platform: String,
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    pub content_type: String,
    pub date: NaiveDate,
    /// Local publish time, when the export gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<NaiveDateTime>,
    /// The `rank_by` KPI.
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    pub engagements: Option<f64>,
}

/// One post: its rows and what they say about it.
struct Post<'a> {
    rows: Vec<Cow<'a, Row>>,
    platform: String,
    id: String,
    link: Option<String>,
    category: String,
    date: NaiveDate,
    published: Option<NaiveDateTime>,
    duration: Option<f64>,
    text_chars: Option<usize>,
}

/// Content types as platforms and languages write them, by family.
const CATEGORIES: &[(&str, &[&str])] = &[
    ("reel", &["reel", "thước phim"]),
    (
        "carousel",
        &["carousel", "album", "băng chuyền", "carrusel", "multi"],
    ),
    ("story", &["story", "stories", "tin"]),
    ("video", &["video", "clip", "short"]),
    (
        "image",
        &["photo", "image", "ảnh", "hình", "imagen", "foto", "picture"],
    ),
    (
        "link",
        &["link", "liên kết", "enlace", "article", "bài viết liên kết"],
    ),
    ("text", &["status", "text", "trạng thái", "estado", "post"]),
];

/// The family of a content type: `IG reel` → reel, `Ảnh` → image; TikTok and
/// YouTube posts are videos; unknown types keep their own name, lowercased.
pub fn category(content_type: Option<&str>, platform: &str) -> String {
    let Some(raw) = content_type.map(str::trim).filter(|t| !t.is_empty()) else {
        return match platform {
            "tiktok" | "youtube" => "video".to_owned(),
            _ => "unknown".to_owned(),
        };
    };
    let lower = raw.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    for (family, names) in CATEGORIES {
        let hit = names.iter().any(|n| {
            if n.contains(' ') {
                lower.contains(n)
            } else {
                words
                    .iter()
                    .any(|w| w == n || w.strip_suffix('s') == Some(n))
            }
        });
        if hit {
            return (*family).to_owned();
        }
    }
    lower
}

/// A publish time in the account's time zone: times with an offset are converted
/// to `tz` when one is set; times without are taken as exported.
pub(crate) fn local_time(text: &str, tz: Option<chrono_tz::Tz>) -> Option<NaiveDateTime> {
    let (head, mut offset) = (text.get(..16)?, text.get(16..)?);
    // `2026-09-01 22:15`, as SQL writes it, is `2026-09-01T22:15`.
    let head_t;
    let head = if head.as_bytes().get(10) == Some(&b' ') {
        head_t = format!("{}T{}", &head[..10], &head[11..]);
        head_t.as_str()
    } else {
        head
    };
    let naive = NaiveDateTime::parse_from_str(head, "%Y-%m-%dT%H:%M").ok()?;
    // Seconds and their fraction (`T08:30:00Z`, `T10:00:00.000+07:00`, as RFC 3339
    // writes them) say nothing the hour needs.
    if let Some(rest) = offset.strip_prefix(':')
        && rest.len() >= 2
        && rest.as_bytes()[..2].iter().all(u8::is_ascii_digit)
    {
        offset = rest[2..].trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    }
    if offset.is_empty() {
        return Some(naive);
    }
    // `+0700` as RFC 3339 writes it, `+07:00`.
    let colon;
    // Bytes, not characters: a stray letter after the minutes (`22:15é`) must not
    // be sliced through.
    if offset.len() == 5 && offset.as_bytes()[1..].iter().all(u8::is_ascii_digit) {
        colon = format!("{}:{}", &offset[..3], &offset[3..]);
        offset = &colon;
    }
    let at = DateTime::parse_from_rfc3339(&format!("{head}:00{offset}")).ok()?;
    Some(match tz {
        Some(tz) => at.with_timezone(&tz).naive_local(),
        None => naive,
    })
}

fn posts<'a>(
    dataset: &'a Dataset,
    selection: &Selection<'a>,
    s: &InsightSettings,
) -> Vec<Post<'a>> {
    let dim = |row: &Row, d| dataset.dim_value(row, d);
    // Rows are grouped by interned values (no string per row), then the posts are
    // ordered by their platform's and id's text, so the order does not depend on
    // reading order.
    let mut index: rustc_hash::FxHashMap<(Option<Sym>, Sym), usize> =
        rustc_hash::FxHashMap::default();
    let mut groups: Vec<(&str, &str, Vec<&Row>)> = Vec::new();
    for row in &selection.rows {
        // A file of records (a CRM's contacts, a listening tool's mentions) holds no
        // posts of ours, whatever ids and types its rows carry.
        if dataset
            .files
            .get(row.file as usize)
            .is_some_and(|f| f.records)
        {
            continue;
        }
        // An id Excel turned into a number (`1.22158E+17`) names many posts: the link
        // tells them apart.
        let id = row
            .dim(Dimension::ContentId)
            .filter(|&id| {
                row.dim(Dimension::Link).is_none()
                    || !dataset.files.get(row.file as usize).is_some_and(|f| {
                        crate::normalize::excel_mangled(dataset.interner.get(id), f)
                    })
            })
            .or_else(|| row.dim(Dimension::Link));
        // TikTok's and YouTube's content exports are videos, each row one, whether or
        // not the publish time has a time of day.
        let described = row.dim(Dimension::ContentType).is_some()
            || row.dim(Dimension::Published).is_some()
            || row
                .dim(Dimension::Platform)
                .is_some_and(|p| matches!(dataset.interner.get(p), "tiktok" | "youtube"));
        if let (Some(id), true) = (id, described) {
            let platform = row.dim(Dimension::Platform);
            let at = *index.entry((platform, id)).or_insert_with(|| {
                groups.push((
                    platform.map_or("", |p| dataset.interner.get(p)),
                    dataset.interner.get(id),
                    Vec::new(),
                ));
                groups.len() - 1
            });
            groups[at].2.push(row);
        }
    }
    groups.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let by_key = groups
        .into_iter()
        .map(|(platform, id, rows)| ((platform.to_owned(), id), rows));
    by_key
        .map(|((platform, id), rows)| {
            let first = |d| rows.iter().find_map(|r| dim(r, d));
            let published = first(Dimension::Published).and_then(|t| local_time(t, s.timezone));
            Post {
                link: first(Dimension::Link).map(str::to_owned),
                category: category(first(Dimension::ContentType), &platform),
                // A publish day without a time (YouTube's table data dated by its
                // download's range) is still the day it was published.
                date: published
                    .map(|p| p.date())
                    .or_else(|| {
                        first(Dimension::Published)
                            .and_then(|t| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
                    })
                    .unwrap_or_else(|| rows.iter().map(|r| r.start).min().unwrap_or_default()),
                published,
                duration: first(Dimension::VideoDuration)
                    .and_then(|d| d.trim().replace(',', ".").parse::<f64>().ok()),
                text_chars: first(Dimension::Text).map(|t| t.chars().count()),
                rows: one_level(rows),
                platform,
                id: id.to_owned(),
            }
        })
        .collect()
}

/// A post's rows with each metric taken from one kind of export only. Two levels
/// of one export (YouTube's table data, a video's range total, and its chart data,
/// the same views by day) hold the same numbers: the report never adds them, nor
/// does a post. Of the kinds that give a metric, the one whose rows cover the most
/// days is kept (the complete one), and of those the finest (most rows).
fn one_level(rows: Vec<&Row>) -> Vec<Cow<'_, Row>> {
    let kinds = |rows: &[&Row]| {
        let mut kinds: Vec<u32> = rows.iter().map(|r| r.kind).collect();
        kinds.sort_unstable();
        kinds.dedup();
        kinds
    };
    let kinds = kinds(&rows);
    if kinds.len() < 2 {
        return rows.into_iter().map(Cow::Borrowed).collect();
    }
    let mut metrics: Vec<crate::model::MetricId> = rows
        .iter()
        .flat_map(|r| r.values.iter().map(|v| v.0))
        .collect();
    metrics.sort_unstable();
    metrics.dedup();
    // Per metric, the kind that gives it.
    let mut keep: Vec<(crate::model::MetricId, u32)> = Vec::new();
    for m in metrics {
        let best = kinds
            .iter()
            .filter_map(|&k| {
                let mut spans: Vec<(NaiveDate, NaiveDate)> = rows
                    .iter()
                    .filter(|r| r.kind == k && r.value(m).is_some())
                    .map(|r| (r.start, r.end))
                    .collect();
                if spans.is_empty() {
                    return None;
                }
                let n = spans.len();
                spans.sort_unstable();
                let mut days = 0i64;
                let mut next = NaiveDate::MIN;
                for (from, to) in spans {
                    let from = from.max(next);
                    if from <= to {
                        days += (to - from).num_days() + 1;
                        next = to.succ_opt().unwrap_or(NaiveDate::MAX);
                    }
                }
                Some(((days, n, std::cmp::Reverse(k)), k))
            })
            .max();
        if let Some((_, k)) = best {
            keep.push((m, k));
        }
    }
    rows.into_iter()
        .map(|r| {
            if r.values.iter().all(|(m, _)| keep.contains(&(*m, r.kind))) {
                return Cow::Borrowed(r);
            }
            let mut own = r.clone();
            own.edit_values(|v| v.retain(|(m, _)| keep.contains(&(*m, r.kind))));
            Cow::Owned(own)
        })
        .collect()
}

/// A post's candidate KPIs, evaluated in order.
type Evaluated = Vec<Result<Option<crate::kpi::Value>, EvalError>>;

/// A selection's sums, with KPIs read off them.
struct Totals<'c> {
    config: &'c Config,
    dataset: &'c Dataset,
    agg: Aggregate,
}

impl Totals<'_> {
    fn value(&self, name: &str) -> Result<Option<crate::kpi::Value>, EvalError> {
        let c = self.config;
        match c.catalogue.evaluate(name, self.dataset, &self.agg, &c.fx) {
            Ok(v) => Ok(Some(v)),
            // Posts in two currencies have no single money figure; never added.
            Err(EvalError::MixedCurrencies { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn get(&self, name: &str) -> Result<Option<f64>, EvalError> {
        Ok(self.value(name)?.and_then(|v| v.value))
    }
}

/// The sums of one group's posts, added up with every other group's in one pass
/// over the posts.
struct GroupSums<'d> {
    posts: u64,
    all: crate::dataset::Totals<'d>,
    /// The posts with reach, when some of the group's have none: a post without
    /// reach has no share in the engagement rate, or its engagements would be
    /// divided by the others' reach.
    rated: Option<crate::dataset::Totals<'d>>,
}

fn group(
    config: &Config,
    dataset: &Dataset,
    key: String,
    sums: GroupSums<'_>,
    min_posts: u64,
) -> Result<InsightGroup, EvalError> {
    let totals = Totals {
        config,
        dataset,
        agg: sums.all.finish(),
    };
    let engagements = totals.get("engagements")?;
    let n = sums.posts;
    let engagement_rate = match sums.rated {
        None => totals.get("engagement_rate")?,
        Some(rated) => Totals {
            config,
            dataset,
            agg: rated.finish(),
        }
        .get("engagement_rate")?,
    };
    Ok(InsightGroup {
        key,
        posts: n,
        engagements,
        reach: totals.get("reach")?,
        engagement_rate,
        engagements_per_post: engagements.filter(|_| n > 0).map(|e| e / n as f64),
        rank: None,
        too_few_posts: n < min_posts,
    })
}

/// Ranks the groups with enough posts, best first, by `by`.
fn rank(groups: &mut [InsightGroup], by: fn(&InsightGroup) -> Option<f64>) {
    let mut order: Vec<usize> = (0..groups.len())
        .filter(|&i| !groups[i].too_few_posts && by(&groups[i]).is_some())
        .collect();
    order.sort_by(|&a, &b| {
        by(&groups[b])
            .partial_cmp(&by(&groups[a]))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    // Equal figures share a rank (1, 1, 3): a tie is not a win.
    let mut previous: Option<(f64, u32)> = None;
    for (place, i) in order.into_iter().enumerate() {
        let value = by(&groups[i]).unwrap_or(f64::NAN);
        let rank = match previous {
            Some((v, r)) if v == value => r,
            _ => place as u32 + 1,
        };
        previous = Some((value, rank));
        groups[i].rank = Some(rank);
    }
}

pub fn build(
    config: &Config,
    dataset: &Dataset,
    filter: &Filter,
    window: Option<Window>,
) -> Result<Insights, EvalError> {
    let s = &config.insights;
    config.catalogue.check_name(&s.rank_by, dataset)?;
    let selection = dataset.select(filter);
    // Each post with its full numbers: those a coarser level of its export counts
    // (the account's reach on its day) are its numbers too.
    let mut all = posts(dataset, &dataset.select_posts(filter), s);
    // Posts are narrowed by their publish date in the time zone the insights show
    // (a tweet at 20:30 UTC on the 6th is published on the 7th in Hanoi).
    if let Some(w) = window {
        all.retain(|p| w.from <= p.date && p.date <= w.to);
    }
    // Posts there are, but not in the selection: say so, not that there are none.
    let unselected = if all.is_empty() && (!filter.is_empty() || window.is_some()) {
        let every = posts(dataset, &dataset.select_posts(&Filter::default()), s);
        let first = every.iter().map(|p| p.date).min();
        let last = every.iter().map(|p| p.date).max();
        first.zip(last).map(|(first, last)| Unselected {
            posts: every.len() as u64,
            first,
            last,
        })
    } else {
        None
    };
    let rated: Vec<bool> = match config.catalogue.rate_sides("engagement_rate", dataset) {
        Some((_, den)) => all
            .iter()
            .map(|p| {
                p.rows
                    .iter()
                    .any(|r| r.values.iter().any(|(id, v)| den.contains(id) && v.0 != 0))
            })
            .collect(),
        None => vec![true; all.len()],
    };

    // Every grouping's groups, as lists of posts.
    let grouped = |key_of: &dyn Fn(&Post<'_>) -> Option<String>| {
        let mut map: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, p) in all.iter().enumerate() {
            if let Some(k) = key_of(p) {
                map.entry(k).or_default().push(i);
            }
        }
        map
    };
    let by_content_type = grouped(&|p| Some(p.category.clone()));
    let video = |p: &Post<'_>| matches!(p.category.as_str(), "video" | "reel");
    let video_lengths = grouped(&|p| {
        let d = p.duration.filter(|_| video(p))?;
        Some(
            if d <= s.short_video_seconds {
                "short_video"
            } else {
                "long_video"
            }
            .to_owned(),
        )
    });
    let text_lengths = grouped(&|p| {
        let n = p.text_chars.filter(|_| !video(p))?;
        Some(
            if n <= s.short_text_chars {
                "short_text"
            } else {
                "long_text"
            }
            .to_owned(),
        )
    });
    let mut weekdays: BTreeMap<u32, Vec<usize>> = (1..=7).map(|d| (d, Vec::new())).collect();
    let mut hours: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    let mut cells: BTreeMap<(u32, u32), Vec<usize>> = BTreeMap::new();
    for (i, p) in all.iter().enumerate() {
        weekdays
            .entry(p.date.weekday().number_from_monday())
            .or_default()
            .push(i);
        if let Some(t) = p.published {
            hours.entry(t.hour()).or_default().push(i);
            cells
                .entry((t.weekday().number_from_monday(), t.hour()))
                .or_default()
                .push(i);
        }
    }

    // The groups' sums and each post's are added up in one pass over the posts: a
    // post's rows lie far apart in memory, and going through them once per grouping
    // would wait on memory at every row.
    let mut sums: Vec<GroupSums<'_>> = Vec::new();
    let mut groups_of: Vec<Vec<usize>> = vec![Vec::new(); all.len()];
    let mut take = |members: &[usize], rate: bool| {
        for &i in members {
            groups_of[i].push(sums.len());
        }
        let partly_rated = rate && members.iter().any(|&i| !rated[i]);
        sums.push(GroupSums {
            posts: members.len() as u64,
            all: crate::dataset::Totals::new(dataset, None, crate::dataset::Needs::default()),
            rated: partly_rated.then(|| {
                crate::dataset::Totals::new(dataset, None, crate::dataset::Needs::default())
            }),
        });
    };
    for members in by_content_type
        .values()
        .chain(video_lengths.values())
        .chain(text_lengths.values())
        .chain(weekdays.values())
        .chain(hours.values())
    {
        take(members, true);
    }
    for members in cells.values() {
        take(members, false);
    }

    // The first KPI that gives some post a value orders them (usually the first post
    // tells). Each post's candidates are evaluated in that order until one gives it
    // a value (or fails), so the one chosen has been evaluated for every post.
    let candidates: Vec<&str> = std::iter::once(s.rank_by.as_str())
        .chain([
            "engagement_rate",
            "engagement_rate_impressions",
            "engagements",
        ])
        .collect();
    let mut evaluated: Vec<(Evaluated, Option<f64>)> = Vec::with_capacity(all.len());
    for (i, p) in all.iter().enumerate() {
        let mut own = crate::dataset::Totals::new(dataset, None, crate::dataset::Needs::default());
        for row in &p.rows {
            own.add(row);
            for &g in &groups_of[i] {
                let group = &mut sums[g];
                group.all.add(row);
                if let (true, Some(r)) = (rated[i], group.rated.as_mut()) {
                    r.add(row);
                }
            }
        }
        let t = Totals {
            config,
            dataset,
            agg: own.finish(),
        };
        let mut values: Evaluated = Vec::new();
        for name in &candidates {
            let v = t.value(name);
            let done = !matches!(&v, Ok(v) if v.as_ref().and_then(|v| v.value).is_none());
            values.push(v);
            if done {
                break;
            }
        }
        evaluated.push((values, t.get("engagements")?));
    }
    let mut chosen = candidates.len() - 1;
    'names: for k in 0..candidates.len() {
        for (values, _) in &mut evaluated {
            match values.get_mut(k) {
                Some(failed @ Err(_)) => {
                    std::mem::replace(failed, Ok(None))?;
                }
                Some(Ok(Some(v))) if v.value.is_some() => {
                    chosen = k;
                    break 'names;
                }
                _ => {}
            }
        }
    }
    let rank_by = candidates[chosen].to_owned();
    // A KPI the user named that no post has (a cost without spend) is not replaced
    // silently; the default's fallbacks are documented.
    let rank_by_requested = (!all.is_empty()
        && rank_by != s.rank_by
        && s.rank_by != InsightSettings::default().rank_by)
        .then(|| s.rank_by.clone());

    let mut sums = sums.into_iter();
    let mut build_groups = |keys: Vec<String>, min_posts: u64| {
        keys.into_iter()
            .zip(sums.by_ref())
            .map(|(k, g)| group(config, dataset, k, g, min_posts))
            .collect::<Result<Vec<_>, _>>()
    };
    let mut by_content_type = build_groups(by_content_type.into_keys().collect(), s.min_posts)?;
    let mut by_length = build_groups(
        video_lengths
            .into_keys()
            .chain(text_lengths.into_keys())
            .collect(),
        s.min_posts,
    )?;
    let mut by_weekday = build_groups(
        weekdays
            .into_keys()
            .map(|d| weekday_name(d).to_owned())
            .collect(),
        s.min_posts,
    )?;
    let mut by_hour = build_groups(
        hours.into_keys().map(|h| format!("{h:02}")).collect(),
        s.min_posts,
    )?;
    let grid = cells
        .into_keys()
        .zip(sums)
        .map(|((weekday, hour), g)| {
            let engagements = Totals {
                config,
                dataset,
                agg: g.all.finish(),
            }
            .get("engagements")?;
            Ok(GridCell {
                weekday,
                hour,
                posts: g.posts,
                engagements_per_post: engagements.map(|e| e / g.posts as f64),
            })
        })
        .collect::<Result<Vec<_>, EvalError>>()?;

    // Rank by engagement rate where the posts have reach, else per post.
    let has_rate = by_content_type.iter().any(|g| g.engagement_rate.is_some());
    let (ranked_by, key): (&str, fn(&InsightGroup) -> Option<f64>) = if has_rate {
        ("engagement_rate", |g| g.engagement_rate)
    } else {
        ("engagements_per_post", |g| g.engagements_per_post)
    };
    for groups in [
        &mut by_content_type,
        &mut by_length,
        &mut by_weekday,
        &mut by_hour,
    ] {
        rank(groups, key);
    }

    let mut figures = Vec::new();
    for (p, (mut values, engagements)) in all.iter().zip(evaluated) {
        let v = match values.get_mut(chosen) {
            Some(v) => std::mem::replace(v, Ok(None))?,
            None => None,
        };
        figures.push(PostFigure {
            platform: p.platform.clone(),
            id: p.id.clone(),
            link: p.link.clone(),
            content_type: p.category.clone(),
            date: p.date,
            published: p.published,
            value: v.as_ref().and_then(|v| v.value),
            currency: v.and_then(|v| v.currency),
            engagements,
        });
    }
    let ranked_posts = figures.len();
    figures.retain(|f| f.value.is_some());
    let posts_unranked = (ranked_posts - figures.len()) as u64;
    // Posts' money in two currencies cannot be ordered: 2,500 VND is not more than
    // 0.10 USD. Without `[fx]` rates that is an error, as adding them would be.
    let mut currencies: Vec<&str> = figures
        .iter()
        .filter_map(|f| f.currency.as_deref())
        .collect();
    currencies.sort_unstable();
    currencies.dedup();
    if currencies.len() > 1 {
        return Err(EvalError::MixedCurrencies {
            metric: rank_by.clone(),
            currencies: currencies.join(", "),
            narrow: crate::kpi::Narrow::Rates,
        });
    }
    // The best first: the lowest of a cost (cpc, cpl) or a time to wait.
    let lower_is_better = config.catalogue.lower_is_better(&rank_by, dataset);
    figures.sort_by(|a, b| {
        let (first, second) = if lower_is_better { (a, b) } else { (b, a) };
        first
            .value
            .partial_cmp(&second.value)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.id.cmp(&b.id))
    });
    let top_n = s.top.min(figures.len());
    let bottom_n = s.top.min(figures.len() - top_n);
    let mut bottom_posts: Vec<PostFigure> = figures[figures.len() - bottom_n..].to_vec();
    bottom_posts.reverse();
    let top_posts = figures[..top_n].to_vec();

    Ok(Insights {
        schema_version: SCHEMA_VERSION,
        posts: all.len() as u64,
        posts_without_time: all.iter().filter(|p| p.published.is_none()).count() as u64,
        posts_without_length: all
            .iter()
            .filter(|p| {
                if video(p) {
                    p.duration.is_none()
                } else {
                    p.text_chars.is_none()
                }
            })
            .count() as u64,
        posts_unranked,
        timezone: s
            .timezone
            .map_or_else(|| "as exported".to_owned(), |tz| tz.name().to_owned()),
        min_posts: s.min_posts,
        ranked_by: ranked_by.to_owned(),
        by_content_type,
        by_length,
        by_weekday,
        by_hour,
        grid,
        rank_unit: config.catalogue.unit(&rank_by, dataset),
        rank_by,
        rank_by_requested,
        unselected,
        top_posts,
        bottom_posts,
        follower_hours: follower_hours(dataset, &selection),
    })
}

/// English weekday keys, as JSON writes them (renderers translate).
pub fn weekday_name(number_from_monday: u32) -> &'static str {
    match number_from_monday {
        1 => "monday",
        2 => "tuesday",
        3 => "wednesday",
        4 => "thursday",
        5 => "friday",
        6 => "saturday",
        _ => "sunday",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_by_family() {
        assert_eq!(category(Some("IG reel"), "instagram"), "reel");
        assert_eq!(category(Some("Reel de Instagram"), "instagram"), "reel");
        assert_eq!(category(Some("Ảnh"), "facebook"), "image");
        assert_eq!(category(Some("Photos"), "facebook"), "image");
        assert_eq!(category(Some("Photo"), "facebook"), "image");
        assert_eq!(category(Some("IG carousel"), "instagram"), "carousel");
        assert_eq!(category(Some("Video"), "facebook"), "video");
        assert_eq!(category(None, "tiktok"), "video");
        assert_eq!(category(Some("Liên kết"), "facebook"), "link");
        assert_eq!(category(Some("Trạng thái"), "facebook"), "text");
        assert_eq!(category(Some("Podcast"), "linkedin"), "podcast");
    }

    #[test]
    fn publish_times_in_the_account_zone() {
        let t = |s: &str, tz| local_time(s, tz).map(|d| d.to_string());
        let saigon = Some(chrono_tz::Asia::Ho_Chi_Minh);
        assert_eq!(
            t("2026-08-03T09:15", saigon).as_deref(),
            Some("2026-08-03 09:15:00")
        );
        assert_eq!(
            t("2015-09-01T20:30+00:00", saigon).as_deref(),
            Some("2015-09-02 03:30:00")
        );
        assert_eq!(
            t("2015-09-01T20:30+00:00", None).as_deref(),
            Some("2015-09-01 20:30:00")
        );
        // RFC 3339 with seconds (a warehouse's timestamps), and `+0700`.
        assert_eq!(
            t("2026-09-01T20:30:00Z", saigon).as_deref(),
            Some("2026-09-02 03:30:00")
        );
        assert_eq!(
            t("2026-09-01T10:00:00.000+07:00", saigon).as_deref(),
            Some("2026-09-01 10:00:00")
        );
        assert_eq!(
            t("2026-09-01T10:00:59+0700", None).as_deref(),
            Some("2026-09-01 10:00:00")
        );
        assert_eq!(
            t("2026-09-01 22:15:30", None).as_deref(),
            Some("2026-09-01 22:15:00")
        );
        // A letter of several bytes after the minutes is no offset, and no panic.
        assert_eq!(t("2026-09-01T22:15é123", None), None);
    }
}
