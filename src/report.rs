//! The serialisable results every renderer takes. Building them is the last step
//! of computation; nothing here formats for people.
//!
//! The JSON form of these structs is public: `schema_version` changes when a field
//! changes meaning or disappears (new fields may be added within a version).

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};
use indexmap::IndexMap;
use serde::Serialize;

use crate::dataset::{Aggregate, Dataset, Filter, Needs, Row, SourceFile, Window};
use crate::goals::{self, GoalResult};
use crate::i18n::Message;
use crate::kpi::{Bound, EvalError, Pace};
use crate::model::{Dimension, Unit};
use crate::settings::Config;

pub const SCHEMA_VERSION: u32 = 1;

/// How `--by` groups rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    Dim(Dimension),
    Day,
    Week,
    Month,
}

impl GroupBy {
    pub fn name(self) -> &'static str {
        match self {
            GroupBy::Dim(d) => d.name(),
            GroupBy::Day => "day",
            GroupBy::Week => "week",
            GroupBy::Month => "month",
        }
    }

    pub fn parse(text: &str) -> Option<GroupBy> {
        match text {
            "day" => Some(GroupBy::Day),
            "week" => Some(GroupBy::Week),
            "month" => Some(GroupBy::Month),
            other => Dimension::from_name(other).map(GroupBy::Dim),
        }
    }

    /// The calendar bucket containing `date`.
    fn bucket(self, date: NaiveDate) -> Window {
        match self {
            GroupBy::Day | GroupBy::Dim(_) => Window::new(date, date),
            GroupBy::Week => {
                let monday = date - Days::new(u64::from(date.weekday().num_days_from_monday()));
                Window::new(monday, monday + Days::new(6))
            }
            GroupBy::Month => {
                let first = date.with_day(1).unwrap_or(date);
                let last = first
                    .checked_add_months(chrono::Months::new(1))
                    .and_then(|d| d.pred_opt())
                    .unwrap_or(date);
                Window::new(first, last)
            }
        }
    }

    fn label(self, window: Window) -> String {
        match self {
            GroupBy::Month => window.from.format("%Y-%m").to_string(),
            GroupBy::Week => {
                let w = window.from.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            }
            _ => window.from.to_string(),
        }
    }
}

/// What the report covers.
#[derive(Debug, Clone)]
pub struct Scope {
    pub as_of: NaiveDate,
    pub filter: Filter,
    pub window: Option<Window>,
    pub by: Vec<GroupBy>,
    /// KPIs to show; empty for the default selection.
    pub kpis: Vec<String>,
    /// The period of the trend series.
    pub trend: TrendGrain,
    /// Whether to work out the content insights (post-level rows only).
    pub insights: bool,
}

/// How `--trend` chooses the period of the trend series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum TrendGrain {
    #[default]
    Auto,
    Day,
    Week,
    Month,
    Off,
}

impl TrendGrain {
    fn resolve(self, range: Window) -> Option<GroupBy> {
        match self {
            TrendGrain::Auto if range.days() <= 62 => Some(GroupBy::Day),
            TrendGrain::Auto if range.days() <= 731 => Some(GroupBy::Week),
            TrendGrain::Day => Some(GroupBy::Day),
            TrendGrain::Week => Some(GroupBy::Week),
            TrendGrain::Auto | TrendGrain::Month => Some(GroupBy::Month),
            TrendGrain::Off => None,
        }
    }
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Report {
    pub schema_version: u32,
    pub as_of: NaiveDate,
    /// `--from`/`--to`, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window: Option<Window>,
    /// `--where` conditions, dimension → accepted values.
    pub filter: BTreeMap<String, Vec<String>>,
    pub group_by: Vec<String>,
    /// The KPI columns, in order.
    pub kpis: Vec<KpiColumn>,
    pub groups: Vec<Group>,
    pub goals: Vec<GoalResult>,
    /// Ids of goals whose status fails roi.toml's `fail_on` (what `roi check` would
    /// fail on): JUnit's failures. Each goal's status is in `goals`.
    #[serde(skip)]
    #[schemars(skip)]
    pub failing: Vec<String>,
    /// The same KPI columns per period, over every selected row and per platform.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trend: Option<Trend>,
    /// What content works, when the inputs hold post-level rows (`roi insights`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub insights: Option<crate::insights::Insights>,
    pub inputs: Inputs,
    pub notes: Vec<crate::i18n::Message>,
}

/// KPI values per period: what trend charts and sparklines draw.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Trend {
    /// `day`, `week` or `month`.
    pub grain: String,
    /// One group per period, keyed by the period.
    pub total: Vec<Group>,
    /// One group per platform and period, keyed by both.
    pub by_platform: Vec<Group>,
    /// Rows whose dates cross a period's edge (weekly or monthly exports): left out
    /// of the trend rather than split over days the export does not give.
    pub rows_left_out: u64,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct KpiColumn {
    pub name: String,
    pub unit: Unit,
    pub pace: Pace,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Group {
    /// Group-by dimension → value (`""` when rows have none). Empty without `--by`.
    pub key: IndexMap<String, String>,
    pub rows: u64,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
    pub values: IndexMap<String, KpiValue>,
    /// With a day, week or month grouping: each KPI's relative change from the
    /// previous period of the same group (`0.05` = +5 %). `null` when there is no
    /// previous period with a value, it is 0, the currencies differ, or for a sum
    /// (a cumulative KPI) when either period is not complete: cut by `--from`/`--to`
    /// or by the data's ends, or not covered to its ends by the data of a platform
    /// giving the sum's metrics a value in it. Rounded to 9 decimals.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub change: IndexMap<String, Option<f64>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct KpiValue {
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// `upper`, `lower` or `approximate` when the value rests on reach summed over
    /// rows (not additive) or on counts with masked cells (`<5`, said in `notes`);
    /// absent when exact.
    #[serde(skip_serializing_if = "Bound::is_exact_ref")]
    pub bound: Bound,
}

/// What was read.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Inputs {
    pub files: Vec<SourceFile>,
    /// Rows used after de-duplication.
    pub rows: u64,
    pub rows_replaced: u64,
    pub rows_skipped: u64,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
    /// Files in the folders given of a kind roi does not read (a `.zip`, a `.pdf`):
    /// named, so that none is passed over without a word. Omitted when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_read: Vec<NotRead>,
}

/// A file in a folder given that roi did not read, and why.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct NotRead {
    pub path: String,
    /// Why, and what to do: a `.zip` is to be unzipped.
    pub reason: Message,
}

impl NotRead {
    pub fn of(dataset: &Dataset) -> Vec<NotRead> {
        dataset
            .not_read
            .iter()
            .map(|path| {
                let zip = path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
                NotRead {
                    path: path.to_string_lossy().into_owned(),
                    reason: if zip {
                        crate::msg!("warning.not_read_zip")
                    } else {
                        crate::msg!(
                            "warning.not_read",
                            extensions = crate::input::EXTENSIONS
                                .iter()
                                .map(|e| format!(".{e}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    },
                }
            })
            .collect()
    }
}

impl Inputs {
    pub fn of(dataset: &Dataset) -> Inputs {
        let range = dataset.date_range();
        Inputs {
            files: dataset.files.clone(),
            rows: dataset.input_rows(),
            rows_replaced: dataset.files.iter().map(|f| f.rows_replaced).sum(),
            rows_skipped: dataset
                .files
                .iter()
                .flat_map(|f| &f.skipped)
                .map(|s| s.rows)
                .sum(),
            first_date: range.map(|w| w.from),
            last_date: range.map(|w| w.to),
            not_read: NotRead::of(dataset),
        }
    }
}

/// KPIs shown per group when `--by` is given and no `--kpi` chosen.
const HEADLINE: &[&str] = &[
    "impressions",
    "reach",
    "engagements",
    "engagement_rate",
    "clicks",
    "ctr",
    "web_traffic",
    "leads",
    "cpl",
    "sales_revenue",
    "spend",
    "roas",
];

/// `where` values that match no row of the inputs ([`crate::dataset::Filter::unmatched`],
/// which `--where` shares). A platform that is a slip of one roi knows (`facebok`,
/// see [`crate::model::platform_near_miss`]) is an error: it would select nothing
/// and read as "no data" rather than as the typo it is. Any other value no row has
/// is returned for a note.
pub fn check_where(
    config: &Config,
    dataset: &Dataset,
    filter: &crate::dataset::Filter,
) -> Result<Vec<crate::dataset::Unmatched>, EvalError> {
    let mapped: Vec<&str> = config
        .mappings
        .iter()
        .filter_map(|m| m.platform.as_deref())
        .collect();
    let mut out = Vec::new();
    for miss in filter.unmatched(dataset, &mapped) {
        match miss {
            crate::dataset::Unmatched::UnknownPlatform {
                value,
                hint,
                platforms,
            } => {
                return Err(EvalError::UnknownPlatform {
                    value,
                    hint,
                    platforms,
                });
            }
            other @ crate::dataset::Unmatched::NoRow { .. } => out.push(other),
        }
    }
    Ok(out)
}

pub fn evaluate_goals(
    config: &Config,
    dataset: &Dataset,
    as_of: NaiveDate,
    goals: &[&goals::Goal],
) -> Result<Vec<GoalResult>, EvalError> {
    let mut unknown = Vec::new();
    for g in goals {
        unknown.push(
            check_where(config, dataset, &g.filter).map_err(|e| EvalError::InGoal {
                goal: g.id.clone(),
                inner: Box::new(e),
            })?,
        );
    }
    let cx = goals::Context {
        dataset,
        catalogue: &config.catalogue,
        fx: &config.fx,
        tolerance: config.at_risk_tolerance,
        as_of,
    };
    goals
        .iter()
        .zip(unknown)
        .map(|(g, unknown)| {
            let mut result = goals::evaluate(g, &cx).map_err(|e| EvalError::InGoal {
                goal: g.id.clone(),
                inner: Box::new(e),
            })?;
            if !unknown.is_empty() {
                let mapped = |p: &str| {
                    config.mappings.iter().any(|m| {
                        m.platform
                            .as_deref()
                            .is_some_and(|q| crate::model::normalize_platform(q) == p)
                    })
                };
                for miss in unknown {
                    let crate::dataset::Unmatched::NoRow { dim, value, near } = miss else {
                        continue;
                    };
                    if dim == Dimension::Platform {
                        // A platform roi or a mapping knows that no input has is
                        // the goal's no_data; another name is not one roi knows.
                        let id = crate::model::normalize_platform(&crate::dataset::compose(&value));
                        if crate::model::platform_id(&id).is_none() && !mapped(&id) {
                            result.unknown_platforms.push(value);
                        }
                    } else {
                        result.where_no_row.push(goals::WhereNoRow {
                            dimension: dim.name().to_owned(),
                            value,
                            did_you_mean: near,
                        });
                    }
                }
                result.warnings = goals::notes(&result, crate::i18n::Lang::En);
            }
            Ok(result)
        })
        .collect()
}

pub fn build(config: &Config, dataset: &Dataset, scope: &Scope) -> Result<Report, EvalError> {
    config.catalogue.check_names(dataset)?;
    check_where(config, dataset, &scope.filter)?;
    for name in &scope.kpis {
        config.catalogue.check_name(name, dataset)?;
    }
    let selection = dataset.select(&scope.filter);
    let dims: Vec<Dimension> = scope
        .by
        .iter()
        .filter_map(|g| match g {
            GroupBy::Dim(d) => Some(*d),
            _ => None,
        })
        .collect();
    let time = scope
        .by
        .iter()
        .copied()
        .find(|g| !matches!(g, GroupBy::Dim(_)));
    let (raw_groups, straddling, merged, covering) =
        aggregate_groups(&selection, &dims, time, scope.window);
    let mut notes = merged;
    if straddling > 0 {
        notes.push(crate::msg!("note.straddling", rows = straddling));
    }

    let candidates: Vec<String> = if scope.kpis.is_empty() {
        if scope.by.is_empty() {
            config.catalogue.iter().map(|k| k.name.clone()).collect()
        } else {
            HEADLINE.iter().map(|s| (*s).to_owned()).collect()
        }
    } else {
        // A KPI named twice is one column, where it is first named.
        let mut named: Vec<String> = Vec::with_capacity(scope.kpis.len());
        for name in &scope.kpis {
            if !named.contains(name) {
                named.push(name.clone());
            }
        }
        named
    };

    let mut evaluated = evaluate_groups(config, dataset, &raw_groups, &covering, &candidates)?;
    // Data none of the headline KPIs reads (a follower history alone) shows the
    // KPIs it does give, as a report without `--by` does.
    let mut candidates = candidates;
    if scope.kpis.is_empty()
        && !scope.by.is_empty()
        && !evaluated
            .groups
            .iter()
            .any(|g| g.values.values().any(|v| v.value.is_some()))
    {
        candidates = config.catalogue.iter().map(|k| k.name.clone()).collect();
        evaluated = evaluate_groups(config, dataset, &raw_groups, &covering, &candidates)?;
    }
    let Evaluated {
        mut groups,
        mixed,
        inexact,
        masked,
        left_out,
    } = evaluated;
    if let Some(grain) = time {
        period_changes(config, dataset, grain, &raw_groups, &mut groups);
    }
    // Groups are made with the period last; `--by week,campaign` asks for it first,
    // in the columns and in the order of the rows.
    let order: Vec<&str> = scope.by.iter().map(|g| g.name()).collect();
    if groups
        .first()
        .is_some_and(|g| !g.key.keys().map(String::as_str).eq(order.iter().copied()))
    {
        for g in &mut groups {
            let mut key = IndexMap::with_capacity(g.key.len());
            for name in &order {
                if let Some((k, v)) = g.key.shift_remove_entry(*name) {
                    key.insert(k, v);
                }
            }
            key.extend(g.key.drain(..));
            g.key = key;
        }
        // Period labels (`2026-08-03`, `2026-W32`, `2026-08`) sort as their dates.
        groups.sort_by(|a, b| a.key.values().cmp(b.key.values()));
    }
    // Default selections show only KPIs that have a value somewhere.
    let shown: Vec<String> = candidates
        .into_iter()
        .filter(|name| {
            !scope.kpis.is_empty() || groups.iter().any(|g| g.values[name].value.is_some())
        })
        .collect();
    for g in &mut groups {
        g.values.retain(|name, _| shown.contains(name));
        g.change.retain(|name, _| shown.contains(name));
    }
    // A period that only a carried stock reaches is a row of the table for the KPIs
    // of that stock: beside none of them, it would be a row of blanks.
    groups.retain(|g| g.rows > 0 || g.values.values().any(|v| v.value.is_some()));
    for (m, kpis) in mixed.iter().filter(|(_, kpis)| !kpis.is_empty()) {
        notes.push(crate::msg!(
            "note.mixed_currencies_kpis",
            metric = m,
            kpis = kpis.join(", ")
        ));
    }
    if inexact {
        notes.push(crate::msg!("report.reach_note"));
    }
    if !masked.is_empty() {
        notes.push(crate::msg!(
            "report.masked_note",
            metrics = masked.join(", ")
        ));
    }
    let in_window = |r: &&&Row| scope.window.is_none_or(|w| w.contains(r));
    let rows = || selection.rows.iter().filter(in_window).copied();
    // The first shown KPI whose leads, or sales, two kinds of export both give.
    let first = |twice: &dyn Fn(&str) -> Vec<String>| {
        shown.iter().map(|name| twice(name)).find(|p| !p.is_empty())
    };
    if let Some(platforms) =
        first(&|name| config.catalogue.leads_counted_twice(name, dataset, rows()))
    {
        notes.push(crate::kpi::leads_counted_twice_note(&platforms));
    }
    if let Some(platforms) =
        first(&|name| config.catalogue.sales_counted_twice(name, dataset, rows()))
    {
        notes.push(crate::kpi::sales_counted_twice_note(&platforms));
    }
    notes.extend(
        (shown.iter()).find_map(|name| config.catalogue.emv_default_note(name, &config.fx)),
    );
    // Notes of KPIs the table does not show are dropped with them, except in the
    // default selection: there a KPI without a value because every platform of it
    // was left out says why it is missing (a rate of two exports that no export has).
    notes.extend(left_out.into_iter().filter(|n| {
        scope.kpis.is_empty() || n.args.iter().any(|(k, v)| *k == "kpi" && shown.contains(v))
    }));
    // A rate the table shows without a value anywhere because no row, all groups
    // together, has its denominator says which platforms have its numerator (a
    // Google Ads export's conversions without link clicks). A group alone without
    // it says nothing.
    let without_value: Vec<&String> = shown
        .iter()
        .filter(|name| groups.iter().all(|g| g.values[*name].value.is_none()))
        .collect();
    if !without_value.is_empty() {
        let whole = match raw_groups.as_slice() {
            [(_, agg, _)] if scope.by.is_empty() => std::borrow::Cow::Borrowed(agg),
            _ => std::borrow::Cow::Owned(selection.aggregate(scope.window)),
        };
        for name in without_value {
            for l in config.catalogue.lacking_denominator(name, dataset, &whole) {
                let note = l.note(name);
                if !notes.contains(&note) {
                    notes.push(note);
                }
            }
        }
    }

    let whole = selection.aggregate(scope.window);
    notes.extend(shown.iter().filter_map(|name| {
        sides_note(
            &config.catalogue,
            dataset,
            &selection.rows,
            &whole,
            name,
            scope.window,
        )
    }));
    notes.extend(window_notes(
        dataset,
        &selection.rows,
        None,
        scope.window,
        // Groups of carried stock alone, or of counts a file says are 0, are values
        // too (the only groups kept without rows).
        groups.iter().map(|g| g.rows.max(1)).sum(),
    ));
    if (!scope.filter.is_empty() || scope.window.is_some()) && !config.goals.is_empty() {
        // Goals carry their own filters and windows, so their figures never change
        // with the flags that narrow the KPI table.
        notes.push(crate::msg!("note.goals_own_scope"));
    }
    let goal_refs: Vec<&goals::Goal> = config.goals.iter().collect();
    let goals = evaluate_goals(config, dataset, scope.as_of, &goal_refs)?;
    let trend = match selection
        .date_range()
        .map(|range| clip(range, scope.window))
        .filter(|range| range.from <= range.to)
        .and_then(|range| scope.trend.resolve(range))
    {
        Some(grain) => Some(trend(config, &selection, grain, scope.window, &shown)?),
        None => None,
    };

    // Posts ranked by money in two currencies cannot be ordered (`roi insights`
    // refuses): the report goes on without its insights, and says why.
    let insights = if scope.insights {
        match crate::insights::build(config, dataset, &scope.filter, scope.window) {
            // A content-type table of n/a alone (videos without engagements: YouTube's
            // table data) tells nothing: left out, as no posts are.
            Ok(i) => Some(i).filter(|i| {
                let told = i
                    .by_content_type
                    .iter()
                    .any(|g| g.engagements.is_some() || g.engagement_rate.is_some());
                (i.posts > 0 && told) || !i.follower_hours.is_empty()
            }),
            Err(EvalError::MixedCurrencies {
                metric, currencies, ..
            }) => {
                notes.push(crate::msg!(
                    "note.mixed_currencies",
                    metric = format!("{metric} ({currencies})")
                ));
                None
            }
            Err(e) => return Err(e),
        }
    } else {
        None
    };
    Ok(Report {
        schema_version: SCHEMA_VERSION,
        as_of: scope.as_of,
        window: scope
            .window
            .map(|w| shown_window(w, selection.date_range())),
        filter: scope
            .filter
            .conditions
            .iter()
            .map(|(d, v)| (d.name().to_owned(), v.clone()))
            .collect(),
        group_by: scope.by.iter().map(|g| g.name().to_owned()).collect(),
        kpis: shown
            .iter()
            .map(|name| KpiColumn {
                name: name.clone(),
                unit: config.catalogue.unit(name, dataset),
                pace: config.catalogue.pace(name, dataset),
            })
            .collect(),
        groups,
        failing: goals
            .iter()
            .filter(|g| config.fail_on.fails(g.status, g.severity))
            .map(|g| g.id.clone())
            .collect(),
        goals,
        trend,
        insights,
        inputs: Inputs::of(dataset),
        notes,
    })
}

fn trend(
    config: &Config,
    selection: &crate::dataset::Selection<'_>,
    grain: GroupBy,
    window: Option<Window>,
    kpis: &[String],
) -> Result<Trend, EvalError> {
    let dataset = selection.dataset;
    let (total, left_out, _, covering) = aggregate_groups(selection, &[], Some(grain), window);
    let (by_platform, _, _, platforms) =
        aggregate_groups(selection, &[Dimension::Platform], Some(grain), window);
    // A period whose money mixes currencies shows no value, as a table cell does.
    Ok(Trend {
        grain: grain.name().to_owned(),
        total: evaluate_groups(config, dataset, &total, &covering, kpis)?.groups,
        by_platform: evaluate_groups(config, dataset, &by_platform, &platforms, kpis)?.groups,
        rows_left_out: left_out,
    })
}

/// KPI values of each group, with the currency mixes and inexact values met.
struct Evaluated {
    groups: Vec<Group>,
    /// Each sum of money over two currencies, with the KPIs it left without a value:
    /// a cost that leaves a platform out may not meet its currency at all.
    mixed: std::collections::BTreeMap<String, Vec<String>>,
    inexact: bool,
    /// Counts with masked cells some value rests on.
    masked: Vec<String>,
    /// Notes of the platforms rates left out, once each.
    left_out: Vec<crate::i18n::Message>,
}

fn evaluate_groups(
    config: &Config,
    dataset: &Dataset,
    raw_groups: &[RawGroup],
    covering: &Covering<'_>,
    candidates: &[String],
) -> Result<Evaluated, EvalError> {
    let mut mixed = std::collections::BTreeMap::<String, Vec<String>>::new();
    let mut groups = Vec::with_capacity(raw_groups.len());
    let mut inexact = false;
    let mut masked: Vec<String> = Vec::new();
    let mut left_out = Vec::new();
    for (key, agg, place) in raw_groups {
        let mut values = IndexMap::new();
        // A group without rows stands for a carried stock where the data reaches the
        // window, or else only for the counts a file says are 0 over its days.
        let zero_only = agg.rows == 0 && !(agg.carries_stock() && dataset.has_rows_in(agg.window));
        for name in candidates {
            // A table cell over two currencies shows no value and says why; the
            // amounts are never added. (`roi kpi` and goals refuse outright.)
            let mut v = match config.catalogue.evaluate(name, dataset, agg, &config.fx) {
                Err(EvalError::MixedCurrencies {
                    metric, currencies, ..
                }) => {
                    // Named only if one currency would give it a value.
                    let kpis = mixed.entry(format!("{metric} ({currencies})")).or_default();
                    if !kpis.contains(name) && config.catalogue.could_have_value(name, dataset, agg)
                    {
                        kpis.push(name.clone());
                    }
                    crate::kpi::Value {
                        value: None,
                        unit: config.catalogue.unit(name, dataset),
                        currency: None,
                        bound: Bound::Exact,
                        left_out: Vec::new(),
                        reach_summed: false,
                        masked: Vec::new(),
                    }
                }
                other => other?,
            };
            if zero_only {
                v.value = None;
            }
            if v.value.is_none() {
                let metrics = base_metric_ids(config, dataset, name);
                if !agg.gives(&metrics)
                    && counted_zero(config, dataset, name, v.unit, agg, |w| {
                        covering.says_covered(*place, &metrics, w)
                    })
                {
                    v.value = Some(config.catalogue.offset(name));
                    v.currency = (v.unit == Unit::Money)
                        .then(|| covering.currency(*place, &metrics))
                        .flatten();
                    v.bound = Bound::Exact;
                }
            }
            inexact |= v.rests_on_reach();
            for m in &v.masked {
                if !masked.contains(m) {
                    masked.push(m.clone());
                }
            }
            // Once each; the posts a rate leaves out are counted over all groups.
            for l in &v.left_out {
                let same = |(kpi, o): &&mut (String, crate::kpi::LeftOut)| {
                    kpi == name
                        && crate::kpi::LeftOut {
                            posts: l.posts,
                            ..o.clone()
                        } == *l
                };
                match left_out.iter_mut().find(same) {
                    Some((_, o)) => {
                        if let (Some(n), Some(more)) = (&mut o.posts, l.posts) {
                            *n += more;
                        }
                    }
                    None => left_out.push((name.clone(), l.clone())),
                }
            }
            values.insert(
                name.clone(),
                KpiValue {
                    value: v.value,
                    currency: v.currency,
                    bound: v.bound,
                },
            );
        }
        groups.push(Group {
            key: key.clone(),
            rows: agg.rows,
            first_date: agg.first,
            last_date: agg.last,
            values,
            change: IndexMap::new(),
        });
    }
    Ok(Evaluated {
        groups,
        mixed,
        inexact,
        masked,
        left_out: left_out.iter().map(|(kpi, l)| l.note(kpi)).collect(),
    })
}

/// Fills each group's change from the period just before it. Groups come ordered by
/// their dimension key, then by period, so the previous period is the previous
/// group when it has the same key and its window ends the day before.
fn period_changes(
    config: &Config,
    dataset: &Dataset,
    grain: GroupBy,
    raw: &[RawGroup],
    groups: &mut [Group],
) {
    let complete = |w: Option<Window>| w.is_some_and(|w| grain.bucket(w.from) == w);
    let spans = metric_spans(dataset, grain);
    // Per KPI that sums, its base metrics.
    let mut bases: BTreeMap<String, Vec<crate::model::MetricId>> = BTreeMap::new();
    for i in 0..groups.len() {
        let window = raw[i].1.window;
        let previous = i.checked_sub(1).filter(|&j| {
            let same_key = raw[j]
                .0
                .iter()
                .filter(|(k, _)| *k != grain.name())
                .eq(raw[i].0.iter().filter(|(k, _)| *k != grain.name()));
            let adjacent = raw[j]
                .1
                .window
                .zip(window)
                .is_some_and(|(a, b)| a.to.succ_opt() == Some(b.from));
            same_key && adjacent
        });
        let names: Vec<String> = groups[i].values.keys().cloned().collect();
        for name in names {
            let change = previous.and_then(|j| {
                let before = &groups[j].values[&name];
                let now = &groups[i].values[&name];
                let sum = config.catalogue.pace(&name, dataset) == Pace::Cumulative;
                if sum && !(complete(raw[j].1.window) && complete(window)) {
                    return None;
                }
                // A sum is compared only over days each of its metrics has data
                // for on every platform giving it a value in either period: a source that stops (or
                // starts) inside them would make a drop (or a jump) of days it
                // does not cover, however far another source runs.
                if sum {
                    let metrics = bases.entry(name.clone()).or_insert_with(|| {
                        config
                            .catalogue
                            .base_metrics(&name, dataset)
                            .iter()
                            .filter_map(|m| dataset.metric_id(m))
                            .collect()
                    });
                    let from = raw[j].1.window?.from;
                    let to = window?.to;
                    let covers = [&raw[j].1, &raw[i].1].into_iter().all(|agg| {
                        metrics.iter().all(|&m| {
                            agg.metrics[m.0 as usize].platforms.iter().all(|p| {
                                spans
                                    .get(&(p.platform, m))
                                    .is_some_and(|&(a, b)| a <= from && to <= b)
                            })
                        })
                    });
                    if !covers {
                        return None;
                    }
                }
                if before.currency != now.currency {
                    return None;
                }
                let (b, n) = (before.value?, now.value?);
                // Rounded to 9 decimals: a change of ratios carries float noise
                // (0.3 vs 0.2 gives 0.49999999999999994) that no reader wants.
                (b != 0.0).then(|| ((n - b) / b.abs() * 1e9).round() / 1e9)
            });
            groups[i].change.insert(name, change);
        }
    }
}

/// Per platform and metric, the first and last day its data covers.
type MetricSpans = rustc_hash::FxHashMap<
    (Option<crate::dataset::Sym>, crate::model::MetricId),
    (NaiveDate, NaiveDate),
>;

/// Per platform and metric, the first and last day of the rows that give the metric
/// a value, widened to the range a file states its rows cover (Meta's reporting
/// start and end beside a `Day` breakdown, a GA4 or Google Ads range line) and, for
/// a file of records (a CRM's leads, where a day without any has no row), to all of
/// the file's days. Only rows that fit in a period of `grain` count: a monthly row
/// is left out of weeks, so it says nothing of the weeks it spans.
fn metric_spans(dataset: &Dataset, grain: GroupBy) -> MetricSpans {
    let mut out = MetricSpans::default();
    // Finer rows count in the periods their coarser rows run across.
    let finer = dataset.finer.iter().filter(|r| {
        let bucket = grain.bucket(r.start);
        dataset.stands_in(r, Some(bucket), Needs::default())
    });
    for row in dataset
        .rows
        .iter()
        .filter(|r| r.end <= grain.bucket(r.start).to)
        .chain(finer)
    {
        let file = &dataset.files[row.file as usize];
        let mut from = row.start;
        let mut to = row.end;
        if let Some((a, b)) = file.stated {
            from = from.min(a);
            to = to.max(b);
        }
        if file.records
            && let (Some(a), Some(b)) = (file.first_date, file.last_date)
        {
            from = from.min(a);
            to = to.max(b);
        }
        let platform = row.dim(Dimension::Platform);
        for (id, _) in &row.values {
            out.entry((platform, *id))
                .and_modify(|(a, b)| {
                    *a = (*a).min(from);
                    *b = (*b).max(to);
                })
                .or_insert((from, to));
        }
    }
    out
}

/// Base-metric totals per group: one per `dims` key, and per period of `time` when
/// given. Also returns how many rows straddled a window's edge and were left out,
/// and a note for each value whose spellings were grouped as one.
type RawGroup = (IndexMap<String, String>, crate::dataset::Aggregate, usize);

/// The metrics each group's key has from files with their columns that say which
/// days they cover (lists of records, exports stating their range), found when a
/// cell first needs them: a count with no row in a group is 0 over such days, as
/// `roi kpi` gives it.
struct Covering<'s> {
    dataset: &'s Dataset,
    rows: &'s [&'s Row],
    /// Each row's group, and each group's key (the last element of a [`RawGroup`]).
    group_of: Vec<usize>,
    place: Vec<usize>,
    given: std::cell::OnceCell<Vec<Vec<(u32, crate::model::MetricId)>>>,
}

impl Covering<'_> {
    /// [`crate::dataset::currency_of`] the rows of the key at `place`.
    fn currency(&self, place: usize, metrics: &[crate::model::MetricId]) -> Option<String> {
        let rows: Vec<&Row> = self
            .rows
            .iter()
            .zip(&self.group_of)
            .filter(|(_, g)| self.place[**g] == place)
            .map(|(r, _)| *r)
            .collect();
        crate::dataset::currency_of(self.dataset, &rows, metrics)
    }

    /// [`crate::dataset::says_covered`] of the rows of the key at `place`.
    fn says_covered(
        &self,
        place: usize,
        metrics: &[crate::model::MetricId],
        window: Window,
    ) -> bool {
        let files = &self.dataset.files;
        let given = self.given.get_or_init(|| {
            let mut given = vec![Vec::new(); self.place.iter().max().map_or(0, |p| p + 1)];
            for (row, &g) in self.rows.iter().zip(&self.group_of) {
                let pairs: &mut Vec<_> = &mut given[self.place[g]];
                for (id, _) in &row.values {
                    if self.dataset.has_column(row.file, *id) && !pairs.contains(&(row.file, *id)) {
                        pairs.push((row.file, *id));
                    }
                }
            }
            given
        });
        given.get(place).is_some_and(|pairs| {
            pairs.iter().any(|(file, id)| {
                metrics.contains(id) && files[*file as usize].covers_days_of(window)
            })
        })
    }
}

fn aggregate_groups<'s, 'a: 's>(
    selection: &'s crate::dataset::Selection<'a>,
    dims: &[Dimension],
    time: Option<GroupBy>,
    window: Option<Window>,
) -> (Vec<RawGroup>, u64, Vec<crate::i18n::Message>, Covering<'s>) {
    let (dataset, rows) = (selection.dataset, selection.rows.as_slice());
    // A group's dimensions are asked about as a filter's are.
    let needs = Needs {
        dims: dims
            .iter()
            .fold(selection.needs.dims, |bits, d| bits | 1 << d.index()),
        ..selection.needs
    };
    let scope_window = window;
    // Rows per dimension key: grouped by interned values (no string per row), then
    // ordered by the values' text so output order does not depend on reading order.
    // The key of a row is built in one buffer: only a new group allocates one.
    let mut groups: rustc_hash::FxHashMap<Vec<Option<crate::dataset::Sym>>, usize> =
        rustc_hash::FxHashMap::default();
    let mut group_of: Vec<usize> = Vec::with_capacity(rows.len());
    let mut key = Vec::with_capacity(dims.len());
    // Rows of each group the window can see: what the label of a value spelt two
    // ways goes by.
    let mut seen: Vec<u64> = Vec::new();
    for row in rows {
        key.clear();
        key.extend(dims.iter().map(|d| row.dim(*d)));
        let group = match groups.get(key.as_slice()) {
            Some(&group) => group,
            None => {
                groups.insert(key.clone(), groups.len());
                seen.push(0);
                groups.len() - 1
            }
        };
        seen[group] +=
            u64::from(scope_window.is_none_or(|w| row.end >= w.from && row.start <= w.to));
        group_of.push(group);
    }
    // Values that differ only as filters ignore (case, composition) are one group,
    // so `--by campaign` agrees with `--where campaign=…` and goals. Its label is the
    // spelling of the most rows, ties going to the first in byte order: the same
    // whatever the order of files or rows. Ids and addresses group as written.
    let fold = |d: Dimension, s: crate::dataset::Sym| {
        if d.groups_ignoring_case() {
            dataset.interner.lower(s)
        } else {
            dataset.interner.get(s)
        }
    };
    let mut spellings: Vec<BTreeMap<&str, BTreeMap<&str, u64>>> = vec![BTreeMap::new(); dims.len()];
    for (syms, &group) in &groups {
        for (i, s) in syms.iter().enumerate() {
            if let Some(s) = s {
                *spellings[i]
                    .entry(fold(dims[i], *s))
                    .or_default()
                    .entry(dataset.interner.get(*s))
                    .or_default() += seen[group];
            }
        }
    }
    let label: Vec<BTreeMap<&str, &str>> = spellings
        .iter()
        .map(|folded| {
            folded
                .iter()
                .map(|(&f, spelt)| {
                    let best = spelt
                        .iter()
                        .rev()
                        .max_by_key(|(_, n)| **n)
                        .map_or(f, |(s, _)| s);
                    (f, best)
                })
                .collect()
        })
        .collect();
    let mut merged = Vec::new();
    for ((d, folded), label) in dims.iter().zip(&spellings).zip(&label) {
        for (f, spelt) in folded {
            let shown: Vec<&&str> = spelt
                .iter()
                .filter(|(_, n)| **n > 0)
                .map(|(s, _)| s)
                .collect();
            if shown.len() > 1 {
                merged.push(crate::msg!(
                    "note.grouped_spellings",
                    dim = d.name(),
                    spellings = shown
                        .iter()
                        .map(|s| format!("“{s}”"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    shown = label[f],
                ));
            }
        }
    }
    let mut by_key: BTreeMap<Vec<String>, Vec<usize>> = BTreeMap::new();
    for (syms, group) in groups {
        let key = syms
            .iter()
            .zip(dims.iter().zip(&label))
            .map(|(s, (d, label))| s.map_or("", |s| label[fold(*d, s)]).to_owned())
            .collect();
        by_key.entry(key).or_default().push(group);
    }
    // Each group's place among the keys, in their order.
    let mut place = vec![0; group_of.iter().max().map_or(0, |g| g + 1)];
    for (i, groups) in by_key.values().enumerate() {
        for &g in groups {
            place[g] = i;
        }
    }
    let mut raw_groups = Vec::new();
    let mut straddling = 0;
    if time.is_none() {
        // The keys' totals are added up in one pass over the rows, in memory order:
        // a key's rows lie far apart, and going through them key by key would wait
        // on memory at every row.
        let mut totals: Vec<crate::dataset::Totals<'_>> = (0..by_key.len())
            .map(|_| crate::dataset::Totals::new(dataset, scope_window, needs))
            .collect();
        for (row, &g) in rows.iter().zip(&group_of) {
            totals[place[g]].add(row);
        }
        let aggs: Vec<Aggregate> = totals
            .into_iter()
            .map(crate::dataset::Totals::finish)
            .collect();
        // A group whose stock was read before the window and not in it still counts
        // (an account read on Monday, in a window Tuesday to Friday), as it does in
        // the total, when the data reaches the window (`--where` aside).
        let any_rows = aggs.iter().any(|a| a.rows > 0);
        for (place, (key, agg)) in by_key.into_keys().zip(aggs).enumerate() {
            straddling += agg.straddling_rows;
            // The total over a window without rows is a row of the table when a file
            // says it covers the window's days (a list of leads without one then):
            // its counts are 0, as `roi kpi` says ([`evaluate_groups`]).
            if agg.rows > 0
                || (agg.carries_stock() && (any_rows || dataset.has_rows_in(scope_window)))
                || (dims.is_empty() && scope_window.is_some())
            {
                let labels = dims
                    .iter()
                    .zip(&key)
                    .map(|(d, v)| (d.name().to_owned(), v.clone()))
                    .collect();
                raw_groups.push((labels, agg, place));
            }
        }
        let covering = Covering {
            dataset,
            rows,
            group_of,
            place,
            given: std::cell::OnceCell::new(),
        };
        return (raw_groups, straddling, merged, covering);
    }
    let mut members: Vec<Vec<&Row>> = vec![Vec::new(); by_key.len()];
    for (row, &g) in rows.iter().zip(&group_of) {
        members[place[g]].push(*row);
    }
    // Periods are cut at the ends of all the rows, not of each key's: a source with
    // sessions on some days only (a GA4 referrer) has whole weeks like the others,
    // and whether its sums compare is told by the days its data covers.
    let all_range = rows
        .iter()
        .map(|r| r.start)
        .min()
        .zip(rows.iter().map(|r| r.end).max())
        .map(|(from, to)| Window::new(from, to));
    let has_stock = |r: &Row| {
        r.values
            .iter()
            .any(|(id, _)| dataset.metric(*id).aggregation == crate::model::Aggregation::Stock)
    };
    // The first days of all the rows, to tell the periods some row falls in.
    let mut starts: Vec<_> = rows.iter().map(|r| r.start).collect();
    starts.sort_unstable();
    for (place, (key, rows)) in by_key.into_keys().zip(members).enumerate() {
        let sub = crate::dataset::Selection {
            dataset,
            rows,
            needs,
        };
        // A stock is carried into the periods after its key's last row, as far as
        // the data reaches (a follower count read in March still counts in April).
        let carried = sub.rows.iter().any(|r| has_stock(r));
        let windows: Vec<Option<Window>> = match time {
            None => vec![scope_window],
            Some(grain) => {
                let Some(range) = sub.date_range() else {
                    continue;
                };
                let range = match all_range {
                    Some(all) if carried => {
                        Window::new(grain.bucket(range.from).from.max(all.from), all.to)
                    }
                    Some(all) => Window::new(
                        grain.bucket(range.from).from.max(all.from),
                        grain.bucket(range.to).to.min(all.to),
                    ),
                    None => range,
                };
                let range = clip(range, scope_window);
                let mut out = Vec::new();
                let mut day = range.from;
                while day <= range.to {
                    let bucket = grain.bucket(day);
                    out.push(Some(clip(bucket, Some(range))));
                    day = bucket.to + Days::new(1);
                }
                out
            }
        };
        // Each period sees only its own rows, the rows that may straddle it, and the
        // last stock value of each series before it: linear in rows, not rows × periods.
        let mut ordered: Vec<&Row> = sub.rows.clone();
        ordered.sort_by_key(|r| r.start);
        let long: Vec<&Row> = ordered
            .iter()
            .filter(|r| r.end > r.start)
            .copied()
            .collect();
        // The latest row with a stock value per series, before the current period.
        let mut carry: BTreeMap<crate::dataset::SeriesKey, &Row> = BTreeMap::new();
        let remember = |r: &'a Row, carry: &mut BTreeMap<crate::dataset::SeriesKey, &'a Row>| {
            if has_stock(r) {
                let key = (
                    r.dim(Dimension::Platform),
                    r.dim(Dimension::Account),
                    r.dim(Dimension::ContentId),
                );
                if carry.get(&key).is_none_or(|c| c.end <= r.end) {
                    carry.insert(key, r);
                }
            }
        };
        // Rows left out: those that run across a period's edge or the window's,
        // each once however many periods it crosses.
        if let Some(grain) = time {
            straddling += sub
                .rows
                .iter()
                .filter(|r| {
                    let inside = scope_window.is_none_or(|w| r.end >= w.from && r.start <= w.to);
                    // Not a row whose days are all in finer rows counted instead, nor
                    // a finer row whose coarser row counts in its period or that
                    // never stands in for one in this query.
                    let counted = !r.split
                        && (r.coarser == 0
                            || dataset.may_stand_in(r, needs)
                                && !dataset.coarser_in(r, grain.bucket(r.start), needs));
                    inside
                        && counted
                        && (r.end > grain.bucket(r.start).to
                            || scope_window.is_some_and(|w| w.straddles(r)))
                })
                .count() as u64;
        }
        let mut next = 0;
        for window in windows {
            let rows: Vec<&Row> = match window {
                Some(w) if time.is_some() => {
                    let mut in_period = Vec::new();
                    while next < ordered.len() && ordered[next].start <= w.to {
                        let r = ordered[next];
                        if r.start < w.from {
                            remember(r, &mut carry);
                        } else {
                            in_period.push(r);
                        }
                        next += 1;
                    }
                    let mut rows: Vec<&Row> = carry.values().copied().collect();
                    rows.extend(long.iter().filter(|r| r.start < w.from && r.end >= w.from));
                    rows.extend(in_period.iter().copied());
                    for r in in_period.iter().filter(|r| r.end <= w.to) {
                        remember(r, &mut carry);
                    }
                    rows
                }
                _ => sub.rows.clone(),
            };
            let agg = crate::dataset::Selection {
                dataset,
                rows,
                needs,
            }
            .aggregate(window);
            if time.is_none() {
                straddling += agg.straddling_rows;
            }
            // A period of no row of its key keeps the stock carried into it when
            // other rows fall in it, as a group of `--by` alone does.
            let others = |w: Window| {
                let at = starts.partition_point(|d| *d < w.from);
                starts.get(at).is_some_and(|d| *d <= w.to)
            };
            if agg.rows == 0 && !(agg.carries_stock() && window.is_some_and(others)) {
                continue;
            }
            let mut labels: IndexMap<String, String> = dims
                .iter()
                .zip(&key)
                .map(|(d, v)| (d.name().to_owned(), v.clone()))
                .collect();
            if let (Some(grain), Some(w)) = (time, window) {
                labels.insert(grain.name().to_owned(), grain.label(w));
            }
            raw_groups.push((labels, agg, place));
        }
    }
    let covering = Covering {
        dataset,
        rows,
        group_of,
        place,
        given: std::cell::OnceCell::new(),
    };
    (raw_groups, straddling, merged, covering)
}

fn clip(w: Window, to: Option<Window>) -> Window {
    match to {
        Some(t) => Window::new(w.from.max(t.from), w.to.min(t.to)),
        None => w,
    }
}

/// The figure `roi kpi` prints.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct KpiAnswer {
    pub schema_version: u32,
    pub kpi: String,
    pub value: Option<f64>,
    pub unit: Unit,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// `upper`, `lower` or `approximate` when the value rests on reach summed over
    /// rows (not additive); absent when exact.
    #[serde(skip_serializing_if = "Bound::is_exact_ref")]
    pub bound: Bound,
    /// The value rests on reach summed over rows (a note on stderr says so).
    #[serde(skip)]
    pub reach_summed: bool,
    /// Rows the value was computed from.
    pub rows: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window: Option<Window>,
    pub filter: BTreeMap<String, Vec<String>>,
    /// What a reader should know about the value: platforms a rate left out because
    /// they have its numerator but none of its denominator, and rows left out of the
    /// window because their date range crosses its edge.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<crate::i18n::Message>,
}

pub fn kpi_answer(
    config: &Config,
    dataset: &Dataset,
    name: &str,
    filter: &Filter,
    window: Option<Window>,
) -> Result<KpiAnswer, EvalError> {
    config.catalogue.check_name(name, dataset)?;
    let selection = dataset.select(filter);
    let agg = selection.aggregate(window);
    let mut v = config
        .catalogue
        .evaluate_whole(name, dataset, &agg, &config.fx)?;
    // A window without rows has no value, as the report's "no rows match": a stock
    // carried from before it (a follower count, a growth of 0) would be told as fact
    // for days the data does not reach.
    let metrics = base_metric_ids(config, dataset, name);
    // A stock read before the window counts in it when the data reaches the window,
    // though the filter's rows do not (an account read on Monday, Tuesday to Friday).
    let no_rows = agg.rows == 0 && !(agg.carries_stock() && dataset.has_rows_in(window));
    // Nor has a window whose rows give none of the KPI's metrics (Meta's spend
    // beside no lead from the CRM).
    if no_rows || (v.value.is_none() && !agg.gives(&metrics)) {
        // Unless a file that gives the KPI's metrics says it covers days of the
        // window: a list of records over its days (a CRM without a lead on the 3rd),
        // or an export stating its range (a GA4 source without sessions that day),
        // measured through its last day as rows are. Then a count or an amount is 0,
        // as the file says (an amount in the currency of the file's rows); ratios
        // have none.
        let zero = counted_zero(config, dataset, name, v.unit, &agg, |w| {
            crate::dataset::says_covered(dataset, &selection.rows, &metrics, w)
                || (agg.rows == 0
                    && !filter.is_empty()
                    && crate::dataset::list_without_match(dataset, filter, &metrics, w).is_some())
        });
        v.value = if zero {
            Some(config.catalogue.offset(name))
        } else {
            None
        };
        v.currency = (zero && v.unit == Unit::Money)
            .then(|| crate::dataset::currency_of(dataset, &selection.rows, &metrics))
            .flatten();
        v.bound = Bound::Exact;
    }
    // Rows in the window, none with any of the KPI's metrics (cpl over a followers
    // export): said, so a missing column does not read as 0 / 0.
    let no_metrics = (v.value.is_none() && agg.rows > 0 && !agg.gives(&metrics)).then(|| {
        let names: Vec<String> = metrics
            .iter()
            .map(|id| dataset.metric(*id).name.clone())
            .collect();
        crate::msg!(
            "note.kpi_no_metrics",
            kpi = name,
            metrics = names.join(", ")
        )
    });
    // A count a file says is 0 needs no word that no value is given.
    let rows_told = if v.value.is_some() { 1 } else { agg.rows };
    let window_notes = window_notes(dataset, &selection.rows, Some(&metrics), window, rows_told);
    let in_window = || {
        selection
            .rows
            .iter()
            .filter(|r| window.is_none_or(|w| w.contains(r)))
            .copied()
    };
    let reach_summed = v.rests_on_reach();
    Ok(KpiAnswer {
        schema_version: SCHEMA_VERSION,
        kpi: name.to_owned(),
        value: v.value,
        unit: v.unit,
        currency: v.currency,
        bound: v.bound,
        reach_summed,
        rows: agg.rows,
        window: window.map(|w| shown_window(w, selection.date_range())),
        filter: filter_map(filter),
        notes: v
            .left_out
            .iter()
            .map(|l| l.note(name))
            .chain(crate::kpi::masked_note(v.bound, &v.masked))
            .chain({
                let platforms = config
                    .catalogue
                    .leads_counted_twice(name, dataset, in_window());
                (!platforms.is_empty()).then(|| crate::kpi::leads_counted_twice_note(&platforms))
            })
            .chain({
                let platforms = config
                    .catalogue
                    .sales_counted_twice(name, dataset, in_window());
                (!platforms.is_empty()).then(|| crate::kpi::sales_counted_twice_note(&platforms))
            })
            .chain(config.catalogue.emv_default_note(name, &config.fx))
            .chain(
                (agg.straddling_rows > 0)
                    .then(|| crate::msg!("note.straddling", rows = agg.straddling_rows)),
            )
            .chain(sides_note(
                &config.catalogue,
                dataset,
                &selection.rows,
                &agg,
                name,
                window,
            ))
            .chain(window_notes)
            .chain(no_metrics)
            .collect(),
    })
}

/// The ids of the base metrics of KPI `name` that the data has.
fn base_metric_ids(config: &Config, dataset: &Dataset, name: &str) -> Vec<crate::model::MetricId> {
    config
        .catalogue
        .base_metrics(name, dataset)
        .iter()
        .filter_map(|m| dataset.metric_id(m))
        .collect()
}

/// Whether `name`, with no row of its metrics in `agg`, is 0 there: a sum of counts
/// or of money, over a window a file giving its metrics says it covers (`covered`). Rows that cross the
/// window's edge (a month's total, a week's) hold values of its days that cannot be
/// placed: not 0 then, but unknown.
fn counted_zero(
    config: &Config,
    dataset: &Dataset,
    name: &str,
    unit: Unit,
    agg: &Aggregate,
    covered: impl FnOnce(Window) -> bool,
) -> bool {
    config.catalogue.pace(name, dataset) == Pace::Cumulative
        && matches!(unit, Unit::Count | Unit::Money)
        && agg.straddling_rows == 0
        && agg.window.is_some_and(covered)
}

/// What a reader of figures over `--from`/`--to` must know of the data's ends: a
/// window without rows (no value is given), or one running past the last day the
/// data covers (values are measured through it), and each platform whose data stops
/// before another's in it. The data is the selected rows that
/// carry `metrics` (all rows when `None`); it reaches as far as its rows, the range
/// their files state, and a file of records' last day.
fn window_notes(
    dataset: &Dataset,
    rows: &[&Row],
    metrics: Option<&[crate::model::MetricId]>,
    window: Option<Window>,
    rows_in_window: u64,
) -> Vec<crate::i18n::Message> {
    let Some(window) = window else {
        return Vec::new();
    };
    let Some((first, last)) = data_range(dataset, rows, metrics) else {
        return Vec::new();
    };
    let shown = shown_window(window, Some(Window::new(first, last)));
    let mut notes = if rows_in_window == 0 && window.to == NaiveDate::MAX {
        // `--from` alone past the data: no day to name as its end.
        vec![
            crate::msg!(
                "note.window_no_rows_from",
                from = window.from,
                first = first,
                last = last
            )
            .dates(&["from", "first", "last"]),
        ]
    } else if rows_in_window == 0 && window.from == NaiveDate::MIN {
        vec![
            crate::msg!(
                "note.window_no_rows_to",
                to = window.to,
                first = first,
                last = last
            )
            .dates(&["to", "first", "last"]),
        ]
    } else if rows_in_window == 0 {
        vec![
            crate::msg!(
                "note.window_no_rows",
                from = shown.from,
                to = shown.to,
                first = first,
                last = last
            )
            .dates(&["from", "to", "first", "last"]),
        ]
    } else if window.to != NaiveDate::MAX && window.to > last {
        vec![
            crate::msg!("note.window_past_data", date = last, end = window.to)
                .dates(&["date", "end"]),
        ]
    } else {
        Vec::new()
    };
    // A platform whose data stops before the others' in the window (its export
    // downloaded earlier) adds nothing for its later days: they are missing, not
    // zeros, and a total over the window says so.
    if rows_in_window > 0 && window.to != NaiveDate::MAX {
        let mut ends: BTreeMap<Option<crate::dataset::Sym>, NaiveDate> = BTreeMap::new();
        for row in rows.iter().filter(|r| carries(r, metrics)) {
            let end = data_end(dataset, row).min(window.to);
            let at = ends.entry(row.dims.get(Dimension::Platform)).or_insert(end);
            *at = (*at).max(end);
        }
        ends.retain(|_, end| *end >= window.from);
        let latest = ends.values().copied().max();
        for (platform, end) in &ends {
            if let (Some(platform), Some(latest)) = (platform, latest)
                && *end < latest
            {
                notes.push(
                    crate::msg!(
                        "note.platform_ends_early",
                        platform = dataset.interner.get(*platform),
                        date = end,
                        latest = latest
                    )
                    .dates(&["date", "latest"]),
                );
            }
        }
    }
    notes
}

/// Whether `row` carries any of `metrics` (any row when `None`).
fn carries(row: &Row, metrics: Option<&[crate::model::MetricId]>) -> bool {
    metrics.is_none_or(|m| row.values.iter().any(|(id, _)| m.contains(id)))
}

/// The last day a row's data covers: its own, the range its file states, a file of
/// records' last day.
fn data_end(dataset: &Dataset, row: &Row) -> NaiveDate {
    let file = &dataset.files[row.file as usize];
    let mut end = row.end;
    if let Some((_, to)) = file.stated {
        end = end.max(to);
    }
    if file.records
        && let Some(last) = file.last_date
    {
        end = end.max(last);
    }
    end
}

/// The first and last day the rows that carry `metrics` (all rows when `None`)
/// cover: their own dates, the range their files state, a file of records' last day.
fn data_range(
    dataset: &Dataset,
    rows: &[&Row],
    metrics: Option<&[crate::model::MetricId]>,
) -> Option<(NaiveDate, NaiveDate)> {
    let mut range: Option<(NaiveDate, NaiveDate)> = None;
    for row in rows.iter().filter(|r| carries(r, metrics)) {
        let end = data_end(dataset, row);
        range = Some(range.map_or((row.start, end), |(a, b)| (a.min(row.start), b.max(end))));
    }
    range
}

/// A rate whose numerator and denominator come from data covering different days
/// (a CRM's leads through the 5th, Meta's spend through the 10th), over a window
/// (the whole data when `None`) reaching past the days both cover: there it divides
/// one side's figures with none of the other's. Goals measure such a rate over the
/// common days; a table over the window the reader chose can only say so.
fn sides_note(
    catalogue: &crate::kpi::Catalogue,
    dataset: &Dataset,
    rows: &[&Row],
    agg: &Aggregate,
    name: &str,
    window: Option<Window>,
) -> Option<crate::i18n::Message> {
    let (num, den) = catalogue.rate_sides(name, dataset)?;
    let left_out: Vec<crate::dataset::Part> = catalogue
        .left_out(name, dataset, agg)
        .into_iter()
        .map(|(part, _)| part)
        .collect();
    let metrics: Vec<crate::model::MetricId> = num.iter().chain(&den).copied().collect();
    // A side covers what the files giving it cover (see `goals::evaluate`).
    let side = |ids: &[crate::model::MetricId]| {
        let files = crate::dataset::files_giving(dataset, rows, ids, &left_out);
        let rows: Vec<&Row> = rows
            .iter()
            .filter(|r| files.binary_search(&r.file).is_ok())
            .copied()
            .collect();
        let (from, to) = data_range(dataset, &rows, Some(&metrics))?;
        let names: Vec<String> = ids
            .iter()
            .map(|id| dataset.metric(*id).name.clone())
            .collect();
        Some((names, Window::new(from, to)))
    };
    let (n, d) = (side(&num)?, side(&den)?);
    if n.1 == d.1 {
        return None;
    }
    let (all, both) = (
        Window::new(n.1.from.min(d.1.from), n.1.to.max(d.1.to)),
        Window::new(n.1.from.max(d.1.from), n.1.to.min(d.1.to)),
    );
    let shown = window.map_or(all, |w| Window::new(w.from.max(all.from), w.to.min(all.to)));
    if shown.from > shown.to || (both.from <= shown.from && shown.to <= both.to) {
        return None;
    }
    let (short, long) =
        if (n.1.to, std::cmp::Reverse(n.1.from)) <= (d.1.to, std::cmp::Reverse(d.1.from)) {
            (n, d)
        } else {
            (d, n)
        };
    Some(crate::kpi::sides_note(
        "note.sides_cover_window",
        name,
        (&short.0, short.1),
        (&long.0, long.1),
    ))
}

/// One line of `roi kpis`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct KpiInfo {
    pub name: String,
    pub formula: String,
    pub unit: Unit,
    /// How the KPI aggregates: `cumulative` sums grow over time; `level` is a ratio or stock.
    pub pace: Pace,
    pub description: String,
    pub builtin: bool,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct KpiList {
    pub schema_version: u32,
    pub kpis: Vec<KpiInfo>,
}

pub fn kpi_list(config: &Config) -> KpiList {
    let empty = Dataset::default();
    KpiList {
        schema_version: SCHEMA_VERSION,
        kpis: config
            .catalogue
            .iter()
            .map(|k| KpiInfo {
                name: k.name.clone(),
                formula: k.formula.to_string(),
                unit: k.unit,
                pace: config.catalogue.pace(&k.name, &empty),
                description: k.description.clone(),
                builtin: k.builtin,
            })
            .collect(),
    }
}

/// What `roi check` decided.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CheckResult {
    pub schema_version: u32,
    pub as_of: NaiveDate,
    /// The lowest status that fails.
    pub fail_on: crate::goals::FailOn,
    pub passed: bool,
    /// Ids of goals whose status fails the check.
    pub failed: Vec<String>,
    /// Ids of `severity = "warn"` goals that would fail: reported, never failing.
    pub warned: Vec<String>,
    pub goals: Vec<GoalResult>,
    pub inputs: Inputs,
}

/// The status rules, in the order they are tried.
pub const STATUS_RULES: &str = "Rules, in order: not_started before the start; no_data without rows; \
after the deadline (or on it, with every platform's data through it) achieved if the target is met, else missed; inside the window achieved when a >= target \
on a cumulative KPI is already met, on_track when the forecast meets the target, at_risk when it misses \
by at most the tolerance times the target, behind otherwise";

/// How one figure came about over one window.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ExplainedWindow {
    /// `current`, `baseline` or `all`.
    pub role: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window: Option<Window>,
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Rows inside the window.
    pub rows: u64,
    /// Each base metric of the formula over the window.
    pub metrics: Vec<MetricSum>,
    /// Rows per input file.
    pub files: Vec<FileRows>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_date: Option<NaiveDate>,
    /// Rows left out because they cross the window's edge.
    pub straddling_rows: u64,
    /// Platforms a rate left out because they have its numerator but none of its
    /// denominator (`metrics` are the sums without them: those the value uses).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<crate::i18n::Message>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct MetricSum {
    pub metric: String,
    /// `sum`, `last value per account` (stocks), `weighted mean` (durations),
    /// `sum, upper bound` (reach).
    pub aggregation: String,
    /// The same, for renderers that write it in the reader's language.
    #[serde(skip)]
    #[schemars(skip)]
    pub aggregated: crate::model::Aggregation,
    /// A stock's readings before the window (the count a growth starts from), not
    /// at its end: `aggregation` says `last value before the window per account`.
    #[serde(skip)]
    #[schemars(skip)]
    pub before: bool,
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Rows that had a value for the metric.
    pub rows: u64,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct FileRows {
    pub path: String,
    pub rows: u64,
}

/// What `roi explain` shows.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Explanation {
    pub schema_version: u32,
    pub subject: String,
    pub kpi: String,
    pub formula: String,
    pub unit: Unit,
    pub pace: Pace,
    pub filter: BTreeMap<String, Vec<String>>,
    pub windows: Vec<ExplainedWindow>,
    /// The goal's evaluation, when the subject is a goal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goal: Option<GoalResult>,
    /// The rule that decided the status, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// How a metric is added up over a window, in words.
pub fn aggregation_words(
    aggregation: crate::model::Aggregation,
    lang: crate::i18n::Lang,
) -> String {
    let key = match aggregation {
        crate::model::Aggregation::Flow => "explain.agg_sum",
        crate::model::Aggregation::Unique => "explain.agg_unique",
        crate::model::Aggregation::Stock => "explain.agg_stock",
        crate::model::Aggregation::Duration => "explain.agg_duration",
    };
    crate::i18n::tr(lang, key, &[])
}

/// A window as shown: an open end (`--from` without `--to`) as far as the `data` goes,
/// not to the last date a calendar holds.
fn shown_window(w: Window, data: Option<Window>) -> Window {
    Window::new(
        // An open start is the data's first day, but never past the end asked for
        // (`--to` before the selection's first row: a window that holds no row).
        if w.from == NaiveDate::MIN {
            data.map_or(w.from, |d| d.from.min(w.to))
        } else {
            w.from
        },
        if w.to == NaiveDate::MAX {
            data.map_or(w.to, |d| d.to.max(w.from))
        } else {
            w.to
        },
    )
}

fn explain_window(
    config: &Config,
    dataset: &Dataset,
    kpi: &str,
    filter: &Filter,
    role: &str,
    window: Option<Window>,
) -> Result<ExplainedWindow, EvalError> {
    let selection = dataset.select(filter);
    let agg = selection.aggregate(window);
    let value = config
        .catalogue
        .evaluate_whole(kpi, dataset, &agg, &config.fx)?;
    // The sums the value is worked out over: without the platforms a rate leaves
    // out (facebook's 200 clicks over its 10,000 impressions, not every platform's
    // 500), as the notes say.
    let (counted, _) = config.catalogue.counted(kpi, dataset, &agg);
    let grown = config.catalogue.grown_stocks(kpi);
    let mut metrics = Vec::new();
    for name in config.catalogue.base_metrics(kpi, dataset) {
        let Some(id) = dataset.metric_id(&name) else {
            continue;
        };
        let info = dataset.metric(id);
        let v = config
            .catalogue
            .evaluate(&name, dataset, &counted, &config.fx)?;
        let total = &counted.metrics[id.0 as usize];
        // A growth is worked out from the count before the window: shown beside the
        // count at its end, so the figure can be followed.
        let before = (info.aggregation == crate::model::Aggregation::Stock
            && window.is_some()
            && grown.contains(&name))
        .then(|| MetricSum {
            aggregation: crate::i18n::tr(crate::i18n::Lang::En, "explain.agg_stock_before", &[]),
            aggregated: info.aggregation,
            before: true,
            metric: name.clone(),
            value: (!total.before.is_empty())
                .then(|| total.before.values().map(|(_, a)| a.to_f64()).sum::<f64>()),
            currency: None,
            rows: total.before.len() as u64,
        });
        metrics.push(MetricSum {
            // JSON keeps English words, whatever the reader's language.
            aggregation: aggregation_words(info.aggregation, crate::i18n::Lang::En),
            aggregated: info.aggregation,
            before: false,
            metric: name,
            value: v.value,
            currency: v.currency,
            rows: total.rows,
        });
        metrics.extend(before);
    }
    Ok(ExplainedWindow {
        role: role.to_owned(),
        window: window.map(|w| shown_window(w, selection.date_range())),
        value: value.value,
        currency: value.currency,
        rows: agg.rows,
        metrics,
        files: agg
            .rows_per_file
            .iter()
            .map(|(file, rows)| FileRows {
                path: dataset.files[*file as usize].path.display().to_string(),
                rows: *rows,
            })
            .collect(),
        first_date: agg.first,
        last_date: agg.last,
        straddling_rows: agg.straddling_rows,
        notes: value
            .left_out
            .iter()
            .map(|l| l.note(kpi))
            .chain(crate::kpi::masked_note(value.bound, &value.masked))
            .collect(),
    })
}

fn filter_map(filter: &Filter) -> BTreeMap<String, Vec<String>> {
    filter
        .conditions
        .iter()
        .map(|(d, v)| (d.name().to_owned(), v.clone()))
        .collect()
}

/// Explains a goal (by id) or a KPI over the filter and window.
pub fn explain(
    config: &Config,
    dataset: &Dataset,
    subject: &str,
    is_goal: bool,
    as_of: NaiveDate,
    filter: &Filter,
    window: Option<Window>,
) -> Result<Explanation, EvalError> {
    let goal = config.goals.iter().find(|g| is_goal && g.id == subject);
    let kpi = goal.map_or(subject, |g| g.kpi.as_str());
    config.catalogue.check_name(kpi, dataset)?;
    let formula = config
        .catalogue
        .get(kpi)
        .map_or_else(|| kpi.to_owned(), |k| k.formula.to_string());
    let mut windows = Vec::new();
    let (goal_result, rule, filter) = match goal {
        Some(goal) => {
            let result = evaluate_goals(config, dataset, as_of, &[goal])?
                .pop()
                .unwrap_or_else(|| unreachable!("one goal in, one result out"));
            // The days the goal's value is measured over: a rate's, those both its
            // sides cover (none when they share no day).
            let current = result.sides_cover.as_ref().map_or(
                Window::new(goal.window.from, as_of.min(goal.window.to)),
                |s| {
                    s.measured.unwrap_or(Window::new(
                        goal.window.from,
                        goal.window.from - chrono::Days::new(1),
                    ))
                },
            );
            if as_of >= goal.window.from {
                windows.push(explain_window(
                    config,
                    dataset,
                    kpi,
                    &goal.filter,
                    "current",
                    Some(current),
                )?);
            }
            if let Some(b) = result.baseline_window {
                windows.push(explain_window(
                    config,
                    dataset,
                    kpi,
                    &goal.filter,
                    "baseline",
                    Some(b),
                )?);
            }
            let rule = format!(
                "{} → {}. {STATUS_RULES} (tolerance {}%)",
                result.reason,
                result.status.word(),
                plain(config.at_risk_tolerance * 100.0)
            );
            (Some(result), Some(rule), goal.filter.clone())
        }
        None => {
            windows.push(explain_window(
                config,
                dataset,
                kpi,
                filter,
                if window.is_some() { "current" } else { "all" },
                window,
            )?);
            (None, None, filter.clone())
        }
    };
    Ok(Explanation {
        schema_version: SCHEMA_VERSION,
        subject: subject.to_owned(),
        kpi: kpi.to_owned(),
        formula,
        unit: config.catalogue.unit(kpi, dataset),
        pace: config.catalogue.pace(kpi, dataset),
        filter: filter_map(&filter),
        windows,
        goal: goal_result,
        rule,
    })
}

fn plain(v: f64) -> String {
    crate::render::plain_number(v)
}

/// Evaluates the selected goals and applies the failure policy.
pub fn check(
    config: &Config,
    dataset: &Dataset,
    as_of: NaiveDate,
    goals: &[&goals::Goal],
    fail_on: crate::goals::FailOn,
) -> Result<CheckResult, EvalError> {
    let results = evaluate_goals(config, dataset, as_of, goals)?;
    let fails = |g: &GoalResult, severity| fail_on.fails(g.status, severity);
    let failed: Vec<String> = results
        .iter()
        .filter(|g| fails(g, g.severity))
        .map(|g| g.id.clone())
        .collect();
    let warned = results
        .iter()
        .filter(|g| g.severity == goals::Severity::Warn && fails(g, goals::Severity::Error))
        .map(|g| g.id.clone())
        .collect();
    Ok(CheckResult {
        schema_version: SCHEMA_VERSION,
        as_of,
        fail_on,
        passed: failed.is_empty(),
        failed,
        warned,
        goals: results,
        inputs: Inputs::of(dataset),
    })
}

/// What `roi inspect` shows: how each file was read.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Inspection {
    pub schema_version: u32,
    pub files: Vec<SourceFile>,
}
