//! Goals with deadlines: the window so far, the baseline, pace, run-rate forecast
//! and the status rule. Everything is evaluated "as of" a date; data may end before
//! it, and then progress is measured through the last date the data covers.

use chrono::NaiveDate;
use serde::Serialize;

use crate::dataset::{Dataset, Filter, Window};
use crate::i18n::Lang;
use crate::kpi::{Bound, Catalogue, DividedByZero, EvalError, Fx, Pace, Value};
use crate::model::Unit;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub enum Cmp {
    #[serde(rename = ">=")]
    AtLeast,
    #[serde(rename = "<=")]
    AtMost,
}

impl Cmp {
    pub fn met(self, value: f64, target: f64) -> bool {
        match self {
            Cmp::AtLeast => value >= target - 1e-9 * target.abs().max(1.0),
            Cmp::AtMost => value <= target + 1e-9 * target.abs().max(1.0),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target {
    /// A change relative to the baseline: 0.4 for `+40%`.
    Relative {
        change: f64,
    },
    Absolute {
        cmp: Cmp,
        value: f64,
    },
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Baseline {
    /// The window of equal length just before the goal's start.
    PreviousPeriod,
    Window(Window),
    Value(f64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Warn,
    Error,
}

#[derive(Debug, Clone)]
pub struct Goal {
    pub id: String,
    pub title: String,
    pub kpi: String,
    /// Where `kpi` is written in roi.toml (line, column), for an error on its name.
    pub kpi_at: Option<(usize, usize)>,
    /// Where its `where` is written, for an error on a platform it names.
    pub where_at: Option<(usize, usize)>,
    pub filter: Filter,
    pub window: Window,
    pub target: Target,
    pub baseline: Option<Baseline>,
    pub severity: Severity,
    pub tags: Vec<String>,
}

/// The lowest status that fails `roi check` (`--fail-on`, `fail_on` in roi.toml).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FailOn {
    /// Only goals whose deadline passed unmet.
    Missed,
    /// Goals behind pace, and missed ones.
    Behind,
    /// Goals at risk, behind or missed.
    #[value(name = "at_risk")]
    AtRisk,
}

impl FailOn {
    pub fn parse(text: &str) -> Option<FailOn> {
        match text {
            "missed" => Some(FailOn::Missed),
            "behind" => Some(FailOn::Behind),
            "at_risk" => Some(FailOn::AtRisk),
            _ => None,
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            FailOn::Missed => "missed",
            FailOn::Behind => "behind",
            FailOn::AtRisk => "at_risk",
        }
    }

    /// Whether a goal with this status and severity fails the check.
    pub fn fails(self, status: Status, severity: Severity) -> bool {
        severity == Severity::Error
            && match self {
                FailOn::Missed => status == Status::Missed,
                FailOn::Behind => matches!(status, Status::Missed | Status::Behind),
                FailOn::AtRisk => {
                    matches!(status, Status::Missed | Status::Behind | Status::AtRisk)
                }
            }
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord, Hash, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Achieved,
    OnTrack,
    AtRisk,
    Behind,
    Missed,
    NotStarted,
    NoData,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Achieved,
        Status::OnTrack,
        Status::AtRisk,
        Status::Behind,
        Status::Missed,
        Status::NotStarted,
        Status::NoData,
    ];

    /// The stable word scripts read (`roi status`, JSON).
    pub fn word(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::OnTrack => "on_track",
            Status::AtRisk => "at_risk",
            Status::Behind => "behind",
            Status::Missed => "missed",
            Status::NotStarted => "not_started",
            Status::NoData => "no_data",
        }
    }
}

/// Everything `report`, `check` and `status` say about one goal.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct GoalResult {
    pub id: String,
    pub title: String,
    pub kpi: String,
    pub unit: Unit,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    pub pace: Pace,
    pub start: NaiveDate,
    pub deadline: NaiveDate,
    pub as_of: NaiveDate,
    /// `>=` or `<=`.
    pub direction: Cmp,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_window: Option<Window>,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    /// Value over `start ..= min(as_of, deadline)`.
    pub current: Option<f64>,
    /// Fraction of the way to the target (1.0 = reached).
    pub progress: Option<f64>,
    /// Where a linear pace would be by the data-through date (cumulative KPIs).
    pub expected_by_now: Option<f64>,
    /// Run-rate forecast at the deadline for cumulative KPIs; for a growth rate, its
    /// flow's forecast over the base at the window's start; the current value otherwise.
    pub forecast: Option<f64>,
    /// What each day not yet covered by data must add to reach the target
    /// (cumulative KPIs, `>=` targets).
    pub needed_per_day: Option<f64>,
    /// Days from the as-of date to the deadline (deadline − as-of, 0 once it has
    /// passed); before `start`, more than the window's length.
    pub days_left: i64,
    /// Countable days (see `days_total`) from the first one through the data-through
    /// date: the elapsed days of `expected_by_now` and `forecast`. 0 when the goal
    /// has no forecast.
    pub days_elapsed: i64,
    /// The days the forecast counts: the window's, but for those at its start that
    /// only a row left out across `start` covers (a week that began before it), and
    /// those at its end only a row left out across the deadline covers.
    /// For a cumulative KPI whose platforms count alike, `forecast` = `current` ÷
    /// `days_elapsed` × `days_total`, `expected_by_now` = `target` × `days_elapsed` ÷
    /// `days_total`, and `needed_per_day` spreads what is missing over `days_total` −
    /// `days_elapsed` days. The window's length when the goal has no forecast.
    pub days_total: i64,
    /// Last date the goal's data covers, capped at the as-of date.
    pub data_through: Option<NaiveDate>,
    /// The last countable day, when it is before the deadline: the days after it
    /// are covered only by a row left out across the deadline (a week running into
    /// the next month), never counted, now or later. Absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counted_through: Option<NaiveDate>,
    pub rows: u64,
    pub status: Status,
    pub severity: Severity,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The at-risk tolerance used (a fraction of the target).
    pub tolerance: f64,
    /// `upper`, `lower` or `approximate` when the value rests on reach summed over
    /// rows, or on counts with masked cells (`masked`).
    #[serde(skip_serializing_if = "Bound::is_exact_ref")]
    pub bound: Bound,
    /// The counts the value rests on whose small values the export masks (`<5`),
    /// read as no value: why it is a bound. Omitted when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub masked: Vec<String>,
    /// The value rests on reach summed over rows.
    #[serde(skip)]
    pub reach_summed: bool,
    /// Why a quotient KPI has no value though the window has data: its numerator is
    /// not 0 and its denominator is (spend 1,000 USD and 0 leads).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub divided_by_zero: Option<DividedByZero>,
    /// The status rests on a value that is a bound pointing the way that decides it:
    /// an upper bound of reach meeting a `>=` target, or over a `<=` ceiling (the
    /// people reached may be fewer), a lower bound of masked counts short of a
    /// floor. Not proven. Omitted when false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unproven: bool,
    /// Rows whose date range crosses the window's edge, left out.
    #[serde(skip_serializing_if = "is_zero")]
    pub rows_left_out: u64,
    /// Platforms whose data covers only part of the goal's window so far or of the
    /// baseline's: taken as having no data on the other days, not zeros.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub partial: Vec<PartialData>,
    /// Platforms a rate left out because they have its numerator but none of its
    /// denominator, in the current or the baseline window.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rate_left_out: Vec<crate::kpi::LeftOut>,
    /// The platforms with the rate's numerator when no row of the current window
    /// has its denominator (also in `rate_left_out`): why it has no value.
    #[serde(skip)]
    #[schemars(skip)]
    pub lacking_denominator: Vec<crate::kpi::LeftOut>,
    /// Platforms whose leads in the goal's window come both from an ad or page
    /// export and from a CRM's records: they may be the same people, counted twice.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub leads_counted_twice: Vec<String>,
    /// Ad platforms whose revenue or conversions in the goal's window come from
    /// their ad export while a web analytics export (GA4) gives revenue or key
    /// events too: the site's figures include the ads' sales, so they may be
    /// counted twice. Both are added.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sales_counted_twice: Vec<String>,
    /// EMV at the default cost per engagement, in dollars, in another currency:
    /// told in `warnings`.
    #[serde(skip)]
    #[schemars(skip)]
    pub emv_default: Option<crate::i18n::Message>,
    /// `where` platforms neither roi, roi.toml nor the inputs know (`shopee`, which a
    /// mapping's column gives in inputs not read this time): they match no row.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unknown_platforms: Vec<String>,
    /// `where` values of other dimensions that no row of the inputs has (a
    /// campaign's name mistyped): the goal selects nothing for them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub where_no_row: Vec<WhereNoRow>,
    /// A rate whose numerator and denominator cover different days: measured over
    /// the days both cover.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sides_cover: Option<SidesCover>,
    /// Why the status is what it is, in one English sentence.
    pub reason: String,
    pub warnings: Vec<String>,
}

/// A goal's `where` value no row of the inputs has.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct WhereNoRow {
    /// The dimension (`campaign`, `country`, …).
    pub dimension: String,
    /// The value as written.
    pub value: String,
    /// The closest value of the dimension in the inputs, if one is close enough to
    /// be the one meant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub did_you_mean: Option<String>,
}

/// The days each side of a rate covers in a goal's window, when they differ.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct SidesCover {
    /// The days both cover, over which the value is measured: absent when they
    /// share none (no value).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measured: Option<Window>,
    /// The base metrics of the side that ends first (or, ending together, begins
    /// last), and the days its data covers from the goal's start.
    pub short: Vec<String>,
    pub short_days: Window,
    /// The other side's.
    pub long: Vec<String>,
    pub long_days: Window,
}

/// A platform's data covering only part of a window.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct PartialData {
    /// `current` (the goal's window so far) or `baseline`.
    pub window: String,
    /// Absent for rows without a platform.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// The first and last day it has data for in the window; absent when none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
    /// Days it has data for, of `of`: the baseline's days, or the goal's days
    /// elapsed through the data-through date.
    pub days: i64,
    pub of: i64,
    pub kind: PartialKind,
}

/// How a platform's data falls short of a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PartialKind {
    /// Its first row comes after the goal's start: the days before count as zeros.
    BeginsLate,
    /// Its rows stop before the others': no data after them, not zeros (a level).
    EndsEarly,
    /// The same for a sum: the forecast runs its sums on at their daily rate.
    EndsEarlyRunOn,
    /// It covers only part of the baseline window: the other days count as zeros.
    Baseline,
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_zero(n: &u64) -> bool {
    *n == 0
}

pub struct Context<'a> {
    pub dataset: &'a Dataset,
    pub catalogue: &'a Catalogue,
    pub fx: &'a Fx,
    pub tolerance: f64,
    pub as_of: NaiveDate,
}

pub fn evaluate(goal: &Goal, cx: &Context<'_>) -> Result<GoalResult, EvalError> {
    cx.catalogue.check_name(&goal.kpi, cx.dataset)?;
    let selection = cx.dataset.select(&goal.filter);
    let pace = cx.catalogue.pace(&goal.kpi, cx.dataset);
    let window = goal.window;
    let days_total = window.days();
    let period_end = cx.as_of.min(window.to);

    // Rows across a window's edge are told only when they hold one of the KPI's
    // metrics: a TikTok week beside a goal on Google Ads' spend is no row it lost.
    let metric_ids: Vec<crate::model::MetricId> = cx
        .catalogue
        .base_metrics(&goal.kpi, cx.dataset)
        .iter()
        .filter_map(|m| cx.dataset.metric_id(m))
        .collect();
    let left_out = |w: Window, agg: &crate::dataset::Aggregate| {
        // The rows are looked at again only when some row was left out.
        let holds = agg.straddling_rows > 0
            && selection
                .rows
                .iter()
                .any(|r| w.straddles(r) && r.values.iter().any(|(id, _)| metric_ids.contains(id)));
        if holds { agg.straddling_rows } else { 0 }
    };
    let value_over = |w: Window| -> Result<(Value, u64, u64), EvalError> {
        let agg = selection.aggregate(Some(w));
        let value = cx
            .catalogue
            .evaluate_whole(&goal.kpi, cx.dataset, &agg, cx.fx)?;
        Ok((value, agg.rows, left_out(w, &agg)))
    };

    let current_window = Window::new(window.from, period_end);
    // How far the data reaches: the last date of the rows that carry the KPI's
    // metrics on the platforms of the goal's rows, its other conditions aside (an
    // export of a campaign per row has no row for a campaign on a day it did not run,
    // so a goal on one campaign is covered as far as the export goes). Another export
    // of the same platform that runs longer (follower activity) carries other
    // metrics and says nothing about them. Files do not matter: roi's own format
    // may hold any number of exports in one.
    let metrics: Vec<crate::model::MetricId> = cx
        .catalogue
        .base_metrics(&goal.kpi, cx.dataset)
        .iter()
        .filter_map(|m| cx.dataset.metric_id(m))
        .collect();
    let platform = |r: &crate::dataset::Row| r.dims.get(crate::model::Dimension::Platform);
    // A row of an export with the metric's column carries it even when its cell is
    // empty (Meta leaves a zero blank): a campaign without purchases has 0 on its
    // days.
    let carries = |r: &crate::dataset::Row| {
        r.values.iter().any(|(id, _)| metrics.contains(id))
            || metrics.iter().any(|m| cx.dataset.exports(r.file, *m))
    };
    let Coverage {
        platforms,
        lists,
        files,
        by_file,
        spans,
        reaches,
    } = coverage(
        cx,
        &selection,
        &carries,
        current_window,
        period_end,
        window.to,
    );
    let platform_name =
        |p: Option<crate::dataset::Sym>| p.map(|s| cx.dataset.interner.get(s).to_owned());
    let baseline_window = match goal.baseline {
        Some(Baseline::PreviousPeriod) => Some(previous_period(window)),
        Some(Baseline::Window(w)) => Some(w),
        _ => None,
    };
    // Data after the as-of date is not known yet at that date (a back-test, or a
    // goal not started whose baseline month still runs): the baseline is measured
    // through as-of, and a note says so.
    let baseline_measured = baseline_window
        .filter(|w| w.from <= cx.as_of)
        .map(|w| Window::new(w.from, w.to.min(cx.as_of)));
    let mut baseline_left_out = 0;
    let mut baseline_rate_left_out = Vec::new();
    let mut partial = Vec::new();
    let (baseline, baseline_currency) = match goal.baseline {
        Some(Baseline::Value(v)) => (Some(v), None),
        _ => match baseline_measured {
            Some(w) => {
                let agg = selection.aggregate(Some(w));
                baseline_left_out = left_out(w, &agg);
                // A platform whose first row comes after the baseline's start (or
                // whose last is before its end) may be an export that does not go back
                // that far, or days with nothing: its rows cannot tell. Its days
                // without data count as zeros, as they always did, and a note gives
                // the days its data covers, so a baseline month with data from the
                // 15th is not taken for a whole month unnoticed. A platform with rows
                // in the goal's window and none in the baseline's is said too.
                // What covers the baseline is the exports that reach into it: a file of
                // the platform that ends months before it says nothing of its days. A
                // file of records (or of a sparse platform) covers its whole range for
                // every platform in it.
                for (p, _) in &reaches {
                    let Ok(i) = platforms.binary_search(p) else {
                        continue;
                    };
                    let mut covered: Vec<(NaiveDate, NaiveDate)> = spans
                        [spans.partition_point(|s| s.0 < i)..spans.partition_point(|s| s.0 <= i)]
                        .iter()
                        .map(|&(_, file, from, to)| {
                            let whole = lists
                                .binary_search(&(*p, file))
                                .ok()
                                .and_then(|_| files.binary_search(&file).ok())
                                .map(|f| by_file[f]);
                            match whole {
                                Some(Reach {
                                    first: Some(a),
                                    last: Some(b),
                                    ..
                                }) => (a.min(from), b.max(to)),
                                _ => (from, to),
                            }
                        })
                        .filter(|&(from, to)| from <= w.to && to >= w.from)
                        .map(|(from, to)| (from.max(w.from), to.min(w.to)))
                        .collect();
                    covered.sort_unstable();
                    let mut days = 0;
                    let mut seen_to: Option<NaiveDate> = None;
                    for &(a, b) in &covered {
                        let a = seen_to.map_or(a, |t| a.max(t + chrono::Days::new(1)));
                        if b >= a {
                            days += (b - a).num_days() + 1;
                        }
                        seen_to = seen_to.max(Some(b));
                    }
                    if days >= w.days() {
                        continue;
                    }
                    let from = covered.first().map_or(w.from, |c| c.0);
                    let to = seen_to.unwrap_or(w.to);
                    let in_window = selection.rows.iter().any(|r| {
                        platform(r) == *p && carries(r) && r.start <= w.to && r.end >= w.from
                    });
                    let in_current = cx.as_of >= window.from
                        && selection
                            .rows
                            .iter()
                            .any(|r| platform(r) == *p && carries(r) && current_window.contains(r));
                    if !in_window && !in_current {
                        continue;
                    }
                    partial.push(PartialData {
                        window: "baseline".to_owned(),
                        platform: platform_name(*p),
                        from: (days > 0).then_some(from),
                        to: (days > 0).then_some(to),
                        days,
                        of: w.days(),
                        kind: PartialKind::Baseline,
                    });
                }
                let value = cx
                    .catalogue
                    .evaluate_whole(&goal.kpi, cx.dataset, &agg, cx.fx)?;
                baseline_rate_left_out = value.left_out;
                (value.value, value.currency)
            }
            None => (None, None),
        },
    };
    let unit = cx.catalogue.unit(&goal.kpi, cx.dataset);
    // A money number the user wrote (the target, or a baseline) is in roi.toml's
    // `currency`: values in another one that `[fx]` did not convert are refused, not
    // compared with it as though they were in it (300,000 meant in VND against a cost
    // per action of 20 USD). A target taken from the baseline is in the data's.
    let written_in = match (goal.target, goal.baseline) {
        (Target::Absolute { .. }, _) | (_, Some(Baseline::Value(_))) if unit == Unit::Money => {
            cx.fx.base.as_deref()
        }
        _ => None,
    };
    let in_written = |found: Option<&str>| match (written_in, found) {
        (Some(target), Some(data)) if target != data => Err(EvalError::TargetCurrency {
            target: target.to_owned(),
            data: data.to_owned(),
        }),
        _ => Ok(()),
    };
    in_written(baseline_currency.as_deref())?;
    let (direction, target) = match goal.target {
        Target::Absolute { cmp, value } => (cmp, Some(value)),
        Target::Relative { change } => (
            // "-0%" is written as a ceiling: the sign, not the value, says which.
            if change.is_sign_negative() {
                Cmp::AtMost
            } else {
                Cmp::AtLeast
            },
            baseline.and_then(|b| relative_target(b, change, unit)),
        ),
    };

    let mut result = GoalResult {
        id: goal.id.clone(),
        title: goal.title.clone(),
        kpi: goal.kpi.clone(),
        unit,
        currency: None,
        pace,
        start: window.from,
        deadline: window.to,
        as_of: cx.as_of,
        direction,
        baseline_window,
        baseline,
        target,
        current: None,
        progress: None,
        expected_by_now: None,
        forecast: None,
        needed_per_day: None,
        // Deadline − as-of, as documented: before the start that is more than the
        // window's length, which is what a reader planning ahead wants.
        days_left: (window.to - cx.as_of).num_days().max(0),
        days_elapsed: 0,
        days_total,
        data_through: None,
        counted_through: None,
        rows: 0,
        status: Status::NoData,
        severity: goal.severity,
        tags: goal.tags.clone(),
        tolerance: cx.tolerance,
        bound: Bound::Exact,
        masked: Vec::new(),
        reach_summed: false,
        divided_by_zero: None,
        unproven: false,
        rows_left_out: 0,
        partial,
        rate_left_out: Vec::new(),
        lacking_denominator: Vec::new(),
        leads_counted_twice: Vec::new(),
        sales_counted_twice: Vec::new(),
        emv_default: cx.catalogue.emv_default_note(&goal.kpi, cx.fx),
        unknown_platforms: Vec::new(),
        where_no_row: Vec::new(),
        sides_cover: None,
        reason: String::new(),
        warnings: Vec::new(),
    };

    if cx.as_of < window.from {
        // No value of the window yet to take the currency from: the baseline's, or
        // the report currency that money without one is in.
        result.currency = baseline_currency.or_else(|| {
            (result.unit == Unit::Money)
                .then(|| cx.fx.base.clone())
                .flatten()
        });
        result.status = Status::NotStarted;
        return Ok(described(result));
    }

    // How far the data reaches, per platform: the last day of its rows counted in the
    // window. Only rows counted in the value say how far it reaches: a week that ends
    // after the as-of date is left out, and taking its end would spread the weeks
    // before it over days they do not cover (a forecast too low). A row wholly after
    // the as-of date does show that the export covers it, so days without rows before
    // it are zeros; unless a left-out row runs across the as-of date, whose days
    // before it are not counted. A platform whose rows stop earlier than another's
    // has no data after its last day, not zeros: its days after it are not known.
    // Only a platform with rows in the window (or across its start) is covered up to
    // a row after it: one whose rows are all after the window says nothing of its days.
    let through_of = |reach: &Reach| {
        let in_window = reach.counted_end.is_some() || reach.across_start || reach.list_later;
        reach
            .counted_end
            .max((in_window && reach.after && !reach.across).then_some(period_end))
            .filter(|d| *d >= window.from)
    };
    // A rate whose two sides come from exports covering different days (a CRM's
    // leads through the 5th, Meta's spend through the 10th) would divide the one's
    // days by part of them: it is measured over the days both cover, the later
    // first day through the earlier last one, as a goal's lagging data is measured
    // through its last day.
    let sides = match cx.catalogue.rate_sides(&goal.kpi, cx.dataset) {
        Some((num, den)) if pace == Pace::Level => {
            // A side covers what the files giving it cover: a post without reach
            // in an export with reach is a post left out, not days without data.
            let left_out: Vec<crate::dataset::Part> = cx
                .catalogue
                .left_out(
                    &goal.kpi,
                    cx.dataset,
                    &selection.aggregate(Some(current_window)),
                )
                .into_iter()
                .map(|(part, _)| part)
                .collect();
            let side = |m: &[crate::model::MetricId]| {
                let files = crate::dataset::files_giving(cx.dataset, &selection.rows, m, &left_out);
                let gives =
                    |r: &crate::dataset::Row| files.binary_search(&r.file).is_ok() && carries(r);
                let reaches = coverage(
                    cx,
                    &selection,
                    &gives,
                    current_window,
                    period_end,
                    window.to,
                )
                .reaches;
                let known = reaches.iter().filter(|(_, r)| through_of(r).is_some());
                let to = known.clone().filter_map(|(_, r)| through_of(r)).max()?;
                // Lists of records reach back to the window's start: a day before
                // their first record had none. Customers come days after their
                // leads, and a rate of two lists would otherwise share no day.
                let from = if files.iter().all(|f| cx.dataset.files[*f as usize].records) {
                    window.from
                } else {
                    known.filter_map(|(_, r)| r.first).min()?
                };
                Some(Window::new(from.max(window.from), to))
            };
            side(&num)
                .zip(side(&den))
                .filter(|(n, d)| n != d)
                .map(|(n, d)| {
                    let names = |ids: &[crate::model::MetricId]| {
                        ids.iter()
                            .map(|id| cx.dataset.metric(*id).name.clone())
                            .collect()
                    };
                    let (num, den) = ((names(&num), n), (names(&den), d));
                    // The side that ends first (or begins last) is named first.
                    let (short, long) =
                        if (n.to, std::cmp::Reverse(n.from)) <= (d.to, std::cmp::Reverse(d.from)) {
                            (num, den)
                        } else {
                            (den, num)
                        };
                    let (from, to) = (n.from.max(d.from), n.to.min(d.to));
                    SidesCover {
                        measured: (from <= to).then(|| Window::new(from, to)),
                        short: short.0,
                        short_days: short.1,
                        long: long.0,
                        long_days: long.1,
                    }
                })
        }
        _ => None,
    };
    // Sides that share no day leave no day to measure: an empty window.
    let current_window = sides.as_ref().map_or(current_window, |s| {
        s.measured
            .unwrap_or(Window::new(window.from, window.from - chrono::Days::new(1)))
    });
    result.sides_cover = sides;

    let (mut value, rows, straddling) = value_over(current_window)?;
    in_written(value.currency.as_deref())?;
    // A baseline of 100 USD and a current 2,000,000 VND would give a target of "120
    // VND": refused, as a window mixing them is, unless `[fx]` brought both into the
    // report currency.
    if let (Some(w), Some(base), Some(now)) = (baseline_window, &baseline_currency, &value.currency)
        && base != now
    {
        return Err(EvalError::BaselineCurrency {
            window: w,
            baseline: base.clone(),
            current: now.clone(),
        });
    }
    result.rows = rows;
    // No value because no row of the window has the rate's denominator: the reason
    // says so rather than "no data".
    if value.value.is_none() {
        result.lacking_denominator = cx.catalogue.lacking_denominator(
            &goal.kpi,
            cx.dataset,
            &selection.aggregate(Some(current_window)),
        );
    }
    result.rate_left_out.clone_from(&value.left_out);
    for l in baseline_rate_left_out {
        if !result.rate_left_out.contains(&l) {
            result.rate_left_out.push(l);
        }
    }
    let in_window = || {
        selection
            .rows
            .iter()
            .filter(|r| current_window.contains(r))
            .copied()
    };
    result.leads_counted_twice =
        cx.catalogue
            .leads_counted_twice(&goal.kpi, cx.dataset, in_window());
    result.sales_counted_twice =
        cx.catalogue
            .sales_counted_twice(&goal.kpi, cx.dataset, in_window());
    result.currency.clone_from(&value.currency);
    result.rows_left_out = straddling + baseline_left_out;
    result.bound = value.bound;
    result.masked.clone_from(&value.masked);
    result.reach_summed = value.rests_on_reach();
    // A rate measured over the days both its sides cover ends there.
    let data_through = reaches
        .iter()
        .filter_map(|(_, r)| through_of(r))
        .max()
        .map(|d| d.min(current_window.to))
        .filter(|d| *d >= window.from);
    // A list of records that tells every row's value of what the goal selects on (a
    // CRM whose contacts each have a source) holds every record up to its end: over
    // days it covers, a goal none of its records meet is at 0 (no TikTok contact in
    // the list is 0 TikTok leads), though no row of it is selected.
    let silent_list = (!goal.filter.is_empty() && !selection.rows.iter().any(|r| carries(r)))
        .then(|| {
            crate::dataset::list_without_match(cx.dataset, &goal.filter, &metrics, current_window)
        })
        .flatten()
        .filter(|d| *d >= window.from);
    let data_through = data_through.or(silent_list);
    result.data_through = data_through;
    // The goal's own rows that run across the window's start are left out: the days
    // they cover are not known day by day, and are not counted, now or later. That
    // holds per platform, as data-through does: Facebook's month across the start
    // says nothing about Twitter's days, which count from the start. Only platforms
    // with rows counted in the window have a first day: one whose rows are all
    // before or after it would count from the start and move the elapsed days.
    let mut counted: Vec<_> = selection
        .rows
        .iter()
        .filter(|r| carries(r) && current_window.contains(r))
        .map(|r| platform(r))
        .collect();
    counted.sort_unstable();
    counted.dedup();
    // A platform whose follower count was read before the window grows by its count
    // from the window's start: a row of gains across the start does not hold it back.
    let flows: Vec<crate::model::MetricId> = crate::dataset::FOLLOWER_FLOWS
        .iter()
        .filter_map(|m| cx.dataset.metric_id(m))
        .collect();
    let counted_before: Vec<_> = match cx.dataset.metric_id("followers") {
        Some(id) if metrics.contains(&id) => selection
            .rows
            .iter()
            .filter(|r| r.end < window.from && r.value(id).is_some())
            .map(|r| platform(r))
            .collect(),
        _ => Vec::new(),
    };
    let holds_back = |r: &crate::dataset::Row| {
        !counted_before.contains(&platform(r))
            || r.values
                .iter()
                .any(|(id, _)| metrics.contains(id) && !flows.contains(id))
    };
    let mut starts: Vec<(Option<crate::dataset::Sym>, NaiveDate)> = counted
        .iter()
        .map(|p| {
            let from = selection
                .rows
                .iter()
                .filter(|r| {
                    platform(r) == *p
                        && carries(r)
                        && r.start < window.from
                        && r.end >= window.from
                        && !r.parted
                        && holds_back(r)
                })
                .map(|r| r.end + chrono::Days::new(1))
                .max()
                .map_or(window.from, |d| d.max(window.from));
            (*p, from)
        })
        .collect();
    starts.sort_by_key(|(_, from)| *from);
    let counted_from = starts.first().map_or(window.from, |(_, from)| *from);
    // Each counted platform's days: countable from `from` through `to` and its own
    // data-through date (a platform whose rows stop before another's has no data
    // after them, not zeros), and the day its first row begins. As at the start, the
    // days at the end that only a row across the deadline covers are never counted
    // (a week of 12-28 ..= 01-03 for a December goal), unless its own rows count
    // them.
    let spans: Vec<Span> = starts
        .iter()
        .map(|(p, from)| {
            let reach = reaches
                .iter()
                .find(|(q, _)| q == p)
                .map(|(_, r)| *r)
                .unwrap_or_default();
            let through = through_of(&reach)
                .unwrap_or(period_end)
                .min(current_window.to);
            let to = selection
                .rows
                .iter()
                .filter(|r| {
                    // Finer rows of its export count its days in its place.
                    platform(r) == *p
                        && carries(r)
                        && r.start <= window.to
                        && r.end > window.to
                        && !r.parted
                })
                .filter_map(|r| r.start.pred_opt())
                .min()
                .map_or(window.to, |d| d.max(through).max(*from));
            Span {
                platform: *p,
                from: *from,
                first: reach.first.map_or(*from, |f| f.max(*from)),
                list: reach.list,
                through,
                to,
            }
        })
        .collect();
    let counted_to = spans.iter().map(|s| s.to).max().unwrap_or(window.to);
    if let Some(through) = data_through {
        let of = (through - counted_from).num_days() + 1;
        for span in &spans {
            let partial = |kind| PartialData {
                window: "current".to_owned(),
                platform: platform_name(span.platform),
                from: Some(span.first),
                to: Some(span.through),
                days: (span.through - span.first).num_days() + 1,
                of,
                kind,
            };
            // Rows that begin after the start count the days before them as zeros
            // (sparse exports have no row on a day without one), but the reader is
            // told; a list of records holds every record up to its end, so its days
            // before the first had none, and there is nothing to tell.
            if span.first > span.from && !span.list {
                result.partial.push(partial(PartialKind::BeginsLate));
            }
            if span.through < through {
                // From the deadline on there is no forecast to run anything on.
                result
                    .partial
                    .push(partial(if pace.runs_on() && cx.as_of < window.to {
                        PartialKind::EndsEarlyRunOn
                    } else {
                        PartialKind::EndsEarly
                    }));
            }
        }
    }
    if rows > 0 && value.value.is_none() {
        let agg = selection.aggregate(Some(current_window));
        result.divided_by_zero =
            cx.catalogue
                .divided_by_zero(&goal.kpi, cx.dataset, &agg, cx.fx, &|ids| {
                    crate::dataset::says_covered(cx.dataset, &selection.rows, ids, current_window)
                })?;
    }
    if let Some(zero) = &result.divided_by_zero
        && result.unit == Unit::Money
        && result.currency.is_none()
    {
        in_written(zero.numerator_currency.as_deref())?;
        // Cost per lead is in the currency of the spend it divides.
        result.currency.clone_from(&zero.numerator_currency);
    }
    if result.currency.is_none() && result.unit == Unit::Money {
        // No value to take the currency from (no row in the window, or 0 / 0): the
        // baseline's, or the report currency money without one is in, as before the
        // start, so the target is shown in it.
        result.currency = baseline_currency.clone().or_else(|| cx.fx.base.clone());
    }
    // Days that can count towards the target: the window's, but for those only a
    // left-out row at its start covers. A goal judged (a quotient over nothing
    // included) tells them; one without data does not.
    let through = data_through.unwrap_or(period_end);
    let countable = ((counted_to - counted_from).num_days() + 1).clamp(1, days_total);
    let elapsed = ((through - counted_from).num_days() + 1).clamp(1, countable);
    let judged = |mut result: GoalResult| {
        result.days_total = countable;
        result.days_elapsed = elapsed;
        result.counted_through = (counted_to < window.to).then_some(counted_to);
        result
    };
    if let (Some(zero), Some(_)) = (&result.divided_by_zero, target) {
        // Spend with no lead is a cost per lead beyond any ceiling: as bad as it
        // gets, so a `<=` goal fails (behind until the deadline, then missed). The
        // other way round (revenue without spend against a roas floor) it proves
        // nothing: no value to judge, no_data.
        let worst = match direction {
            Cmp::AtMost => zero.sign > 0,
            Cmp::AtLeast => zero.sign < 0,
        };
        result.status = match (worst, cx.as_of > window.to) {
            (false, _) => Status::NoData,
            (true, true) => Status::Missed,
            (true, false) => Status::Behind,
        };
        if result.status != Status::NoData {
            result = judged(result);
        }
        return Ok(described(result));
    }
    // A count or an amount with no row in days its files say they cover (a CRM's
    // contacts without a Twitter lead over them, a campaign that stopped in a report
    // through the month's end) is 0, as `roi kpi` gives it, not no data.
    let zero = value.value.is_none()
        && straddling == 0
        && data_through.is_some()
        && pace == Pace::Cumulative
        && matches!(unit, Unit::Count | Unit::Money)
        && (crate::dataset::says_covered(cx.dataset, &selection.rows, &metrics, current_window)
            || reaches.iter().any(|(_, r)| r.list_later)
            || silent_list.is_some())
        && !selection.aggregate(Some(current_window)).gives(&metrics);
    if zero {
        value.value = Some(cx.catalogue.offset(&goal.kpi));
        if unit == Unit::Money && result.currency.is_none() {
            result.currency = crate::dataset::currency_of(cx.dataset, &selection.rows, &metrics);
        }
    }
    if (rows == 0 && !zero) || value.value.is_none() {
        result.status = Status::NoData;
        return Ok(described(result));
    }
    let current = value.value.unwrap_or_default();
    result.current = Some(current);

    let Some(target) = target else {
        // A relative target without baseline data: nothing to compare with.
        result.status = Status::NoData;
        return Ok(described(result));
    };

    let mut result = judged(result);
    let remaining = countable - elapsed;

    // A growth rate runs on as a sum does: it starts at 0 and its base stays put.
    let cumulative = pace.runs_on();
    // So does its progress, the share of its target reached so far; but for a
    // target of zero or below (a baseline that shrank), met from the window's first
    // day, which is measured from the baseline, as a level's.
    // Without the noise of a division: a met goal's 0.9999999999999993 is 1.
    result.progress = progress(
        current,
        target,
        baseline,
        direction,
        pace == Pace::Cumulative || (pace == Pace::Growth && target > 0.0),
    )
    .map(crate::render::snapped);
    let uniform = spans
        .iter()
        .all(|s| s.from == counted_from && s.through == through && s.to == counted_to);
    // Each base metric's sum run on at its own platform's rate, over that
    // platform's countable days from the days it has data for.
    let rate = |p| {
        spans
            .iter()
            .find(|s| s.platform == p)
            .map_or(1.0, |s| run_on(s.from, s.through, s.to))
    };
    let growth = if pace == Pace::Growth {
        cx.catalogue.growth_sides(&goal.kpi, cx.dataset)
    } else {
        None
    };
    // A fixed amount added to a sum (`spend + 5000000`) is there from the first day:
    // only the sum runs on.
    let offset = if pace == Pace::Cumulative {
        cx.catalogue.offset(&goal.kpi)
    } else {
        0.0
    };
    let forecast = if !cumulative {
        current
    } else if let Some((flow, base)) = growth {
        // A growth rate: its flow's forecast (as a goal on the flow itself makes
        // it) over the base at the window's start, which the days to come do not
        // move: 310 new followers on 5,000 at the start is 6.2 %.
        let agg = selection.aggregate(Some(current_window));
        let side = |e: &crate::kpi::formula::Expr, a: &crate::dataset::Aggregate| {
            cx.catalogue
                .evaluate_expr(&goal.kpi, e, cx.dataset, a, cx.fx)
        };
        let flow_forecast = if uniform {
            side(&flow, &agg)?.map(|f| f / elapsed as f64 * countable as f64)
        } else {
            side(&flow, &agg.scaled(&rate))?
        };
        flow_forecast
            .zip(side(&base, &agg)?)
            .filter(|(_, b)| *b != 0.0)
            .map(|(f, b)| f / b)
            .filter(|v| v.is_finite())
            .unwrap_or(current)
    } else if uniform {
        offset + (current - offset) / elapsed as f64 * countable as f64
    } else {
        // The formula over the sums run on: what the line above does with one rate
        // for all.
        let agg = selection.aggregate(Some(current_window)).scaled(&rate);
        cx.catalogue
            .evaluate(&goal.kpi, cx.dataset, &agg, cx.fx)?
            .value
            .unwrap_or(current)
    };
    result.forecast = Some(forecast);
    if cumulative {
        result.expected_by_now =
            Some(offset + (target - offset) * elapsed as f64 / countable as f64);
        if remaining > 0
            && cx.as_of <= window.to
            && !direction.met(current, target)
            && direction == Cmp::AtLeast
        {
            result.needed_per_day = Some((target - current) / remaining as f64);
        }
    }

    let met_now = direction.met(current, target);
    // Reach summed over days is an upper bound of the people reached: at 3,000 it
    // may be 1,000 people, so it shows a floor of 2,500 is not met, never that it is.
    let proves = matches!(
        (direction, value.bound),
        (_, Bound::Exact) | (Cmp::AtLeast, Bound::Lower) | (Cmp::AtMost, Bound::Upper)
    );
    // A value over a ceiling proves it is exceeded only if the true value is not
    // below it: exact, or a lower bound.
    let proves_over = matches!(value.bound, Bound::Exact | Bound::Lower);
    // Met today is final only for a sum that cannot fall back: not a difference
    // (profit went 300 on day 1, 0 on day 2), nor a window whose counted rows hold
    // negative values (refunds). A refund outside the window takes nothing from it,
    // and one after the as-of date is not known yet.
    let monotone = cx.catalogue.monotone(&goal.kpi, cx.dataset)
        && !selection.rows.iter().any(|r| {
            current_window.contains(r)
                && r.values
                    .iter()
                    .any(|(id, v)| v.0 < 0 && metrics.contains(id))
        });
    // A sum whose data stops short of the deadline is not final: the days without
    // data still count towards a floor and still spend under a ceiling. Past the
    // deadline it is achieved only if both what is known and the forecast over the
    // whole window meet the target (a budget known to 08-20 at 800 of 1,000, on
    // course for 1,240, is not achieved); a note says the data is stale. So is a
    // platform whose data begins after the start or ends before the deadline.
    let reaches_deadline = spans.iter().all(|s| s.through >= s.to);
    let achieved = met_now && (!cumulative || reaches_deadline || direction.met(forecast, target));
    // On the deadline itself, with every platform's data through it, nothing is left
    // to come: the result is as final as the day after.
    let settled = cx.as_of > window.to || (cx.as_of == window.to && reaches_deadline);
    result.status = if settled {
        if achieved {
            Status::Achieved
        } else {
            Status::Missed
        }
    } else if met_now && direction == Cmp::AtLeast && monotone && proves {
        Status::Achieved
    } else if !met_now && direction == Cmp::AtMost && monotone && proves_over {
        // The mirror: a ceiling a sum that cannot fall is already over cannot be
        // met any more, whatever the days left bring.
        Status::Missed
    } else if direction.met(forecast, target) {
        Status::OnTrack
    } else {
        let slack = cx.tolerance * target.abs();
        let within = match direction {
            Cmp::AtLeast => forecast >= target - slack,
            Cmp::AtMost => forecast <= target + slack,
        };
        if within {
            Status::AtRisk
        } else {
            Status::Behind
        }
    };
    // And the other way: a sum of reach over a ceiling, or masked conversions
    // short of a floor, may be the bound's side of a true value that meets it.
    let proves_miss = matches!(
        (direction, value.bound),
        (_, Bound::Exact) | (Cmp::AtLeast, Bound::Upper) | (Cmp::AtMost, Bound::Lower)
    );
    result.unproven = match result.status {
        Status::Achieved | Status::OnTrack | Status::AtRisk => !proves,
        Status::Missed | Status::Behind => !proves_miss,
        _ => false,
    };
    Ok(described(result))
}

/// Where the rows that `carries` (those with a goal's metrics) reach, per platform
/// of the selection (see [`evaluate`]).
struct Coverage {
    platforms: Vec<Option<crate::dataset::Sym>>,
    /// The files of records (or of a sparse platform) each platform appears in.
    lists: Vec<(Option<crate::dataset::Sym>, u32)>,
    files: Vec<u32>,
    by_file: Vec<Reach>,
    /// The dates each file's rows of each platform span, with the range it states.
    spans: Vec<(usize, u32, NaiveDate, NaiveDate)>,
    reaches: Vec<(Option<crate::dataset::Sym>, Reach)>,
}

fn coverage(
    cx: &Context<'_>,
    selection: &crate::dataset::Selection<'_>,
    carries: &dyn Fn(&crate::dataset::Row) -> bool,
    current_window: Window,
    period_end: NaiveDate,
    goal_end: NaiveDate,
) -> Coverage {
    let platform = |r: &crate::dataset::Row| r.dims.get(crate::model::Dimension::Platform);
    let mut platforms: Vec<_> = selection
        .rows
        .iter()
        .filter(|r| carries(r))
        .map(|r| platform(r))
        .collect();
    platforms.sort_unstable();
    platforms.dedup();
    // A platform whose daily rows skip days inside their range is sparse: sales on
    // the days with a sale, sessions from a source on the days it sent any. A day
    // without its row is a day with nothing, as in a file of records (a CRM's leads).
    // Judged within the goal's window, so a day missing from an old archive does not
    // make a platform whose rows stop early now look sparse.
    // The dataset's rows, with the finer rows that stand in for coarser rows the
    // goal's window cannot count (a month's row, the window cut by the as-of date).
    let all_rows = || {
        cx.dataset
            .rows
            .iter()
            .chain(cx.dataset.finer.iter().filter(|r| {
                cx.dataset
                    .stands_in(r, Some(current_window), selection.needs)
            }))
    };
    let mut days: Vec<(usize, NaiveDate)> = Vec::new();
    let mut ranged = vec![false; platforms.len()];
    for r in all_rows().filter(|r| carries(r) && current_window.contains(r)) {
        if let Ok(i) = platforms.binary_search(&platform(r)) {
            if r.start == r.end {
                days.push((i, r.start));
            } else {
                ranged[i] = true;
            }
        }
    }
    days.sort_unstable();
    days.dedup();
    let mut sparse = vec![false; platforms.len()];
    for (i, is_sparse) in sparse.iter_mut().enumerate() {
        let mine = &days[days.partition_point(|d| d.0 < i)..days.partition_point(|d| d.0 <= i)];
        if let (Some(first), Some(last), false) = (mine.first(), mine.last(), ranged[i]) {
            *is_sparse = ((last.1 - first.1).num_days() + 1) as usize > mine.len();
        }
    }
    drop(days);
    // Such a platform's data, and a file of records', reach as far as the files it
    // is in: all their rows tell it, for every platform in them.
    let mut lists: Vec<(Option<crate::dataset::Sym>, u32)> = selection
        .rows
        .iter()
        .filter(|r| {
            let is_sparse = platforms
                .binary_search(&platform(r))
                .is_ok_and(|i| sparse[i]);
            (cx.dataset.files[r.file as usize].records || is_sparse) && carries(r)
        })
        .map(|r| (platform(r), r.file))
        .collect();
    lists.sort_unstable();
    lists.dedup();
    let mut files: Vec<u32> = lists.iter().map(|(_, f)| *f).collect();
    files.sort_unstable();
    files.dedup();
    // How far each platform's data reaches, in one pass over the rows that carry the
    // KPI's metrics: its own rows, the range stated by the files it appears in (Meta's
    // reporting start and end beside a `Day` breakdown, a range line above daily
    // rows: a campaign that stopped on the 29th of a report through the 31st spent
    // nothing on the 30th and 31st), and the files of records it appears in.
    let mut by_platform = vec![Reach::default(); platforms.len()];
    let mut by_file = vec![Reach::default(); files.len()];
    // The dates each file's rows of each platform span (with the range it states):
    // what an export covers, for the baseline's coverage note.
    let mut spans: Vec<(usize, u32, NaiveDate, NaiveDate)> = Vec::new();
    for r in all_rows().filter(|r| carries(r)) {
        if let Ok(i) = platforms.binary_search(&platform(r)) {
            by_platform[i].add(r, current_window, period_end);
            let (mut from, mut to) = (r.start, r.end);
            if let Some((a, b)) = cx.dataset.files[r.file as usize].stated {
                by_platform[i].add_days(a, b, current_window, period_end);
                (from, to) = (from.min(a), to.max(b));
            }
            match spans.last_mut() {
                Some(s) if (s.0, s.1) == (i, r.file) => {
                    (s.2, s.3) = (s.2.min(from), s.3.max(to));
                }
                _ => spans.push((i, r.file, from, to)),
            }
        }
        if let Ok(i) = files.binary_search(&r.file) {
            by_file[i].add(r, current_window, period_end);
            let list = cx.dataset.files[r.file as usize].records;
            by_file[i].list |= list;
            by_file[i].list_later |= list && r.start > period_end && r.start <= goal_end;
        }
    }
    spans.sort_unstable();
    let mut merged: Vec<(usize, u32, NaiveDate, NaiveDate)> = Vec::new();
    for span in spans {
        match merged.last_mut() {
            Some(m) if (m.0, m.1) == (span.0, span.1) => {
                (m.2, m.3) = (m.2.min(span.2), m.3.max(span.3));
            }
            _ => merged.push(span),
        }
    }
    let spans = merged;
    let reach_of = |p: Option<crate::dataset::Sym>| -> Reach {
        let mut out = platforms
            .binary_search(&p)
            .map_or_else(|_| Reach::default(), |i| by_platform[i]);
        for (_, file) in lists.iter().filter(|(q, _)| *q == p) {
            if let Ok(i) = files.binary_search(file) {
                out.merge(by_file[i]);
            }
        }
        out
    };
    let reaches: Vec<(Option<crate::dataset::Sym>, Reach)> =
        platforms.iter().map(|p| (*p, reach_of(*p))).collect();
    Coverage {
        platforms,
        lists,
        files,
        by_file,
        spans,
        reaches,
    }
}

/// The period just before `window`: as many whole calendar months before it when it
/// is whole months (a quarter's is the quarter before, not the 92 days before a
/// 92-day third quarter, one of them in March), else as many days.
fn previous_period(window: Window) -> Window {
    use chrono::Datelike;
    let to = window.from - chrono::Days::new(1);
    let months = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
    let whole_months = window.from.day() == 1 && (window.to + chrono::Days::new(1)).day() == 1;
    if whole_months
        && let Ok(count) = u32::try_from(months(window.to) - months(window.from) + 1)
        && let Some(from) = window.from.checked_sub_months(chrono::Months::new(count))
    {
        return Window::new(from, to);
    }
    Window::new(to - chrono::Days::new(window.days().max(1) as u64 - 1), to)
}

/// How many times its sums so far a platform's sums reach by the deadline at its
/// run rate over its own countable days (from `from`, the day after a row left out
/// across the start) and its own data (through `through`, its data-through date).
/// One rate over the goal's earliest start would spread a late platform's sums over
/// days it does not count (too low); over the latest, the others' days would be
/// squeezed (too high); one data-through date for all would count the days after a
/// platform's data stops as zeros. A platform that has not started counting yet
/// keeps what it has.
fn run_on(from: NaiveDate, through: NaiveDate, deadline: NaiveDate) -> f64 {
    let countable = (deadline - from).num_days() + 1;
    let elapsed = ((through - from).num_days() + 1).min(countable);
    if elapsed >= 1 {
        countable as f64 / elapsed as f64
    } else {
        1.0
    }
}

/// A counted platform's days in the goal's window.
struct Span {
    platform: Option<crate::dataset::Sym>,
    from: NaiveDate,
    /// The first day of its rows, or `from`.
    first: NaiveDate,
    /// Its rows are a list of records, which holds every record up to its end.
    list: bool,
    through: NaiveDate,
    /// Its last countable day.
    to: NaiveDate,
}

/// How far one platform's (or one file of records') rows that carry a goal's
/// metrics reach.
#[derive(Debug, Clone, Copy, Default)]
#[allow(clippy::struct_excessive_bools)] // independent marks, each set by its rows
struct Reach {
    /// The last day of its rows counted in the goal's window so far.
    counted_end: Option<NaiveDate>,
    /// A row wholly after the period's end.
    after: bool,
    /// A row running across the period's end.
    across: bool,
    /// A row running across the window's start.
    across_start: bool,
    /// Of a list of records, which holds every record up to its end.
    list: bool,
    /// A list's record later in the goal's window than the period counted: the
    /// days before it had none (a campaign's first days without a lead). A list
    /// whose records all lie past the goal's window (a later month's) says nothing
    /// of its days.
    list_later: bool,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
}

impl Reach {
    fn add(&mut self, r: &crate::dataset::Row, current: Window, period_end: NaiveDate) {
        if current.contains(r) {
            self.counted_end = self.counted_end.max(Some(r.end));
        }
        self.after |= r.start > period_end;
        self.across |= r.start <= period_end && r.end > period_end;
        self.across_start |= r.start < current.from && r.end >= current.from;
        self.first = Some(self.first.map_or(r.start, |f| f.min(r.start)));
        self.last = self.last.max(Some(r.end));
    }

    /// Days `from ..= to` covered one by one (a range a file states its daily rows
    /// cover), as rows of nothing on each of them would be.
    fn add_days(&mut self, from: NaiveDate, to: NaiveDate, current: Window, period_end: NaiveDate) {
        let counted = to.min(current.to);
        if from <= counted && counted >= current.from {
            self.counted_end = self.counted_end.max(Some(counted));
        }
        self.after |= to > period_end;
        self.first = Some(self.first.map_or(from, |f| f.min(from)));
        self.last = self.last.max(Some(to));
    }

    fn merge(&mut self, other: Reach) {
        self.counted_end = self.counted_end.max(other.counted_end);
        self.after |= other.after;
        self.across |= other.across;
        self.across_start |= other.across_start;
        self.list |= other.list;
        self.list_later |= other.list_later;
        self.first = match (self.first, other.first) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.last = self.last.max(other.last);
    }
}

/// The target of a change relative to a baseline: the baseline moved by the change
/// times its size, so `+40%` of a negative roi (−33 %) is −20 %, a better one, where
/// scaling it (× 1.4) would give a worse one. `None` for a baseline of 0: a change of
/// nothing is nothing, and `+40%` would be met by any value at once.
fn relative_target(baseline: f64, change: f64, unit: Unit) -> Option<f64> {
    if baseline == 0.0 {
        return None;
    }
    let target = baseline + baseline.abs() * change;
    // 100 − 100 × 0.55 comes out as 44.99999999999999 and would read "45.00" among
    // whole counts. A count target that close to a whole number is taken as it: the
    // step is inside the tolerance `Cmp::met` already allows, so no comparison
    // changes. A truly fractional target (+5% of 210 = 220.5) is kept as it is:
    // rounding it up or down would make the goal quietly stricter or looser.
    // Any other target that is a short decimal but for the noise of its last bits
    // loses the noise: 10 % + 20 % of it is 12 %, not 0.12000000000000001, which 12 %
    // exactly would fall short of. A long one (−1/3 − 10 %) stays exact, as the
    // progress measured against it must.
    let whole = target.round();
    let snapped = crate::render::snapped(target);
    let short = format!("{snapped:e}")
        .split('e')
        .next()
        .is_some_and(|m| m.bytes().filter(u8::is_ascii_digit).count() <= 12);
    Some(
        if unit == Unit::Count && (target - whole).abs() <= 1e-9 * whole.abs().max(1.0) {
            whole
        } else if short {
            snapped
        } else {
            target
        },
    )
}

/// Fills the English reason and notes of the JSON output from the figures.
fn described(mut result: GoalResult) -> GoalResult {
    result.reason = explain(&result, Lang::En);
    result.warnings = notes(&result, Lang::En);
    result
}

fn number(v: f64, lang: Lang) -> String {
    crate::i18n::marks(lang, &crate::render::plain_number(v))
}

/// How far `value` is from the target, in the goal's unit: for a rate, in
/// percentage points (20% against 30% is 10 points off, not 10%).
fn gap_text(g: &GoalResult, value: Option<f64>, lang: Lang) -> String {
    amount_text(g, value.zip(g.target).map(|(v, t)| (v - t).abs()), lang)
}

/// A difference of the goal's values: a rate's in percentage points.
fn amount_text(g: &GoalResult, amount: Option<f64>, lang: Lang) -> String {
    match amount {
        Some(a) if g.unit == Unit::Ratio => crate::i18n::tr(
            lang,
            "reason.points",
            &[(
                "points",
                &crate::i18n::marks(lang, &crate::render::grouped(a * 100.0, 2)),
            )],
        ),
        _ => crate::render::goal_value(g, amount, lang),
    }
}

/// Why a goal has its status, in one sentence of the language.
pub fn explain(g: &GoalResult, lang: Lang) -> String {
    // In the goal's unit and currency, as the tables show it.
    let n = |v: Option<f64>| crate::render::goal_value(g, v, lang);
    let target = format!("{} {}", g.direction, n(g.target));
    let date = |d: NaiveDate| crate::i18n::date(lang, d);
    let current = n(g.current);
    let forecast = n(g.forecast);
    let tolerance = number(g.tolerance * 100.0, lang);
    let key_args: (&str, Vec<(&str, String)>) = match g.status {
        Status::NotStarted => ("reason.not_started", vec![("date", date(g.start))]),
        _ if g.divided_by_zero.is_some() && g.current.is_none() => {
            let zero = g.divided_by_zero.as_ref();
            let numerator = zero.map_or(String::new(), |z| {
                let unit = if z.numerator_currency.is_some() {
                    Unit::Money
                } else {
                    Unit::Number
                };
                crate::render::human(
                    Some(z.numerator_value),
                    unit,
                    z.numerator_currency.as_deref(),
                    lang,
                )
            });
            (
                if g.status == Status::NoData {
                    "reason.divided_by_zero_unjudged"
                } else {
                    "reason.divided_by_zero"
                },
                vec![
                    ("kpi", g.kpi.clone()),
                    (
                        "numerator",
                        zero.map_or(String::new(), |z| z.numerator.clone()),
                    ),
                    ("value", numerator),
                    (
                        "denominator",
                        zero.map_or(String::new(), |z| z.denominator.clone()),
                    ),
                    ("target", target.clone()),
                ],
            )
        }
        Status::NoData if g.current.is_some() => {
            let w = g.baseline_window.unwrap_or(Window::new(g.start, g.start));
            (
                if g.baseline == Some(0.0) {
                    "reason.zero_baseline"
                } else {
                    "reason.no_baseline"
                },
                vec![
                    ("kpi", g.kpi.clone()),
                    ("from", date(w.from)),
                    ("to", date(w.to)),
                ],
            )
        }
        // Each side's platforms left out for want of the other: the sides are in
        // different exports, which a rate never divides by each other.
        Status::NoData
            if g.lacking_denominator
                .iter()
                .any(|l| l.lacks != g.lacking_denominator[0].lacks) =>
        {
            let first = &g.lacking_denominator[0];
            (
                "reason.sides_apart",
                vec![
                    ("kpi", g.kpi.clone()),
                    ("from", date(g.start)),
                    ("to", date(g.as_of.min(g.deadline))),
                    ("has", first.has.join(", ")),
                    ("lacks", first.lacks.join(", ")),
                ],
            )
        }
        Status::NoData if !g.lacking_denominator.is_empty() => {
            let mut platforms: Vec<String> = Vec::new();
            let mut has: Vec<String> = Vec::new();
            let mut lacks: Vec<String> = Vec::new();
            for l in &g.lacking_denominator {
                let platform = match &l.export {
                    Some(export) => format!("{} ({export})", l.platform),
                    None => l.platform.clone(),
                };
                for (list, items) in [
                    (&mut platforms, std::slice::from_ref(&platform)),
                    (&mut has, l.has.as_slice()),
                    (&mut lacks, l.lacks.as_slice()),
                ] {
                    for item in items {
                        if !list.contains(item) {
                            list.push(item.clone());
                        }
                    }
                }
            }
            (
                if platforms.len() > 1 {
                    "reason.no_denominator_many"
                } else {
                    "reason.no_denominator"
                },
                vec![
                    ("kpi", g.kpi.clone()),
                    ("from", date(g.start)),
                    ("to", date(g.as_of.min(g.deadline))),
                    ("platform", platforms.join(", ")),
                    ("has", has.join(", ")),
                    ("lacks", lacks.join(", ")),
                ],
            )
        }
        Status::NoData => (
            "reason.no_data",
            vec![
                ("kpi", g.kpi.clone()),
                ("from", date(g.start)),
                ("to", date(g.as_of.min(g.deadline))),
            ],
        ),
        Status::Achieved | Status::Missed
            if g.as_of > g.deadline
                || (g.as_of == g.deadline
                    && g.data_through >= Some(g.counted_through.unwrap_or(g.deadline))) =>
        {
            let before = g.as_of == g.deadline;
            let by_forecast = g.status == Status::Missed
                && g.current
                    .zip(g.target)
                    .is_some_and(|(c, t)| g.direction.met(c, t));
            // Past the deadline on data that stops short of it, the reason says where
            // it ends, whichever way the target is missed or met.
            let stale = g
                .data_through
                .is_some_and(|d| d < g.counted_through.unwrap_or(g.deadline));
            // The data reaches as far as it can count: its last row runs past the
            // deadline.
            let cut = g.counted_through.is_some() && !stale;
            let key = match (g.status, g.direction, by_forecast, before) {
                (Status::Achieved, ..) if cut && before => "reason.final_cut_met",
                (Status::Achieved, ..) if cut => "reason.passed_cut_met",
                (_, Cmp::AtLeast, false, true) if cut => "reason.final_cut_short",
                (_, Cmp::AtLeast, false, false) if cut => "reason.passed_cut_short",
                (_, Cmp::AtMost, false, true) if cut => "reason.final_cut_over",
                (_, Cmp::AtMost, false, false) if cut => "reason.passed_cut_over",
                (Status::Achieved, _, _, false) if stale => "reason.passed_stale_met",
                (Status::Achieved, _, _, false) => "reason.passed_met",
                (Status::Achieved, _, _, true) => "reason.final_met",
                (_, Cmp::AtLeast, false, false) if stale => "reason.passed_stale_short",
                (_, Cmp::AtLeast, false, false) => "reason.passed_short",
                (_, Cmp::AtLeast, false, true) => "reason.final_short",
                (_, Cmp::AtMost, false, false) if stale => "reason.passed_stale_over",
                (_, Cmp::AtMost, false, false) => "reason.passed_over",
                (_, Cmp::AtMost, false, true) => "reason.final_over",
                (_, Cmp::AtLeast, true, _) => "reason.passed_course_short",
                (_, Cmp::AtMost, true, _) => "reason.passed_course_over",
            };
            let missed_by = if by_forecast { g.forecast } else { g.current };
            (
                key,
                vec![
                    ("date", date(g.deadline)),
                    ("current", current),
                    ("forecast", forecast),
                    ("through", g.data_through.map(date).unwrap_or_default()),
                    ("target", target),
                    ("gap", gap_text(g, missed_by, lang)),
                ],
            )
        }
        Status::Missed => (
            "reason.already_over",
            vec![
                ("current", current),
                ("target", target),
                ("gap", gap_text(g, g.current, lang)),
            ],
        ),
        Status::Achieved => (
            "reason.already",
            vec![("current", current), ("target", target)],
        ),
        Status::OnTrack => (
            "reason.on_track",
            vec![("forecast", forecast), ("target", target)],
        ),
        Status::AtRisk | Status::Behind => (
            match (g.status, g.direction) {
                (Status::AtRisk, Cmp::AtLeast) => "reason.at_risk",
                (Status::AtRisk, Cmp::AtMost) => "reason.at_risk_over",
                (_, Cmp::AtLeast) => "reason.behind",
                (_, Cmp::AtMost) => "reason.behind_over",
            },
            vec![
                ("forecast", forecast),
                ("target", target),
                ("gap", gap_text(g, g.forecast, lang)),
                (
                    "margin",
                    amount_text(g, g.target.map(|t| t.abs() * g.tolerance), lang),
                ),
                ("tolerance", tolerance),
            ],
        ),
    };
    let args: Vec<(&str, &str)> = key_args.1.iter().map(|(k, v)| (*k, v.as_str())).collect();
    crate::i18n::tr(lang, key_args.0, &args)
}

/// What a reader of a goal's figures should know: stale data, reach bounds, rows
/// left out of the window.
pub fn notes(g: &GoalResult, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    for p in &g.unknown_platforms {
        out.push(crate::i18n::tr(
            lang,
            "note.unknown_platform",
            &[("value", p)],
        ));
    }
    for w in &g.where_no_row {
        let hint = w.did_you_mean.as_deref().map_or(String::new(), |n| {
            crate::i18n::tr(lang, "error.did_you_mean", &[("name", n)])
        });
        out.push(crate::i18n::tr(
            lang,
            "note.where_no_row",
            &[("dim", &w.dimension), ("value", &w.value), ("hint", &hint)],
        ));
    }
    if g.rows_left_out > 0 {
        out.push(crate::i18n::tr(
            lang,
            "note.left_out",
            &[("rows", &g.rows_left_out.to_string())],
        ));
    }
    match g.bound {
        _ if !g.reach_summed && !g.masked.is_empty() => {}
        Bound::Exact => {}
        Bound::Upper => out.push(crate::i18n::tr(lang, "note.bound_upper", &[])),
        Bound::Lower => out.push(crate::i18n::tr(lang, "note.bound_lower", &[])),
        Bound::Approximate => out.push(crate::i18n::tr(lang, "note.bound_approximate", &[])),
    }
    if let Some(note) = crate::kpi::masked_note(g.bound, &g.masked) {
        out.push(note.text(lang));
    }
    for l in &g.rate_left_out {
        out.push(l.note(&g.kpi).text(lang));
    }
    if !g.leads_counted_twice.is_empty() {
        out.push(crate::kpi::leads_counted_twice_note(&g.leads_counted_twice).text(lang));
    }
    if !g.sales_counted_twice.is_empty() {
        out.push(crate::kpi::sales_counted_twice_note(&g.sales_counted_twice).text(lang));
    }
    if let Some(note) = &g.emv_default {
        out.push(note.text(lang));
    }
    let date = |d: Option<NaiveDate>| d.map(|d| crate::i18n::date(lang, d)).unwrap_or_default();
    for p in &g.partial {
        let who = match &p.platform {
            Some(name) => crate::i18n::tr(lang, "note.who_platform", &[("platform", name)]),
            None => crate::i18n::tr(lang, "note.who_all", &[]),
        };
        let key = match p.kind {
            // A ratio (or a stock's last reading) is not lowered by days without
            // data: they add to neither side.
            PartialKind::BeginsLate if g.pace == Pace::Level => "note.begins_late_level",
            PartialKind::BeginsLate => "note.begins_late",
            PartialKind::EndsEarly => "note.partial_current",
            PartialKind::EndsEarlyRunOn => "note.partial_current_run",
            PartialKind::Baseline if p.days == 0 => "note.baseline_none",
            PartialKind::Baseline if g.pace == Pace::Level => "note.partial_baseline_level",
            PartialKind::Baseline => "note.partial_baseline",
        };
        let bw = g
            .baseline_window
            .map(|w| Window::new(w.from, w.to.min(g.as_of)));
        out.push(crate::i18n::tr(
            lang,
            key,
            &[
                ("who", &who),
                ("days", &p.days.to_string()),
                ("of", &p.of.to_string()),
                ("through", &date(g.data_through)),
                ("from", &date(p.from)),
                ("to", &date(p.to)),
                ("bfrom", &date(bw.map(|w| w.from))),
                ("bto", &date(bw.map(|w| w.to))),
                ("start", &date(Some(g.start))),
            ],
        ));
    }
    if let Some(c) = &g.sides_cover {
        out.push(sides_cover_note(&g.kpi, c).text(lang));
    }
    if let Some(w) = g.baseline_window
        && w.to > g.as_of
    {
        out.push(crate::i18n::tr(
            lang,
            "note.baseline_after_as_of",
            &[
                ("to", &crate::i18n::date(lang, w.to)),
                ("as_of", &crate::i18n::date(lang, g.as_of)),
            ],
        ));
    }
    if g.unproven {
        out.push(crate::i18n::tr(
            lang,
            match (
                g.reach_summed || g.masked.is_empty(),
                matches!(g.status, Status::Missed | Status::Behind),
            ) {
                (true, false) => "note.unproven",
                (false, false) => "note.unproven_masked",
                (true, true) => "note.unproven_miss",
                (false, true) => "note.unproven_miss_masked",
            },
            &[
                ("status", &crate::render::status_label(g.status, lang)),
                (
                    "target",
                    &format!(
                        "{} {}",
                        g.direction,
                        crate::render::goal_value(g, g.target, lang)
                    ),
                ),
            ],
        ));
    }
    if let Some(to) = g.counted_through {
        out.push(crate::i18n::tr(
            lang,
            "note.cut",
            &[
                ("date", &crate::i18n::date(lang, to)),
                ("deadline", &crate::i18n::date(lang, g.deadline)),
            ],
        ));
    }
    let period_end = g.as_of.min(g.counted_through.unwrap_or(g.deadline));
    if g.target.is_some()
        && g.current.is_some()
        && let Some(through) = g.data_through
        && through < period_end
    {
        out.push(crate::i18n::tr(
            lang,
            "note.stale",
            &[
                ("date", &crate::i18n::date(lang, through)),
                ("end", &crate::i18n::date(lang, period_end)),
            ],
        ));
    }
    out
}

/// The note of a goal's rate measured over the days both its sides cover.
fn sides_cover_note(kpi: &str, c: &SidesCover) -> crate::i18n::Message {
    let sides = ((&c.short[..], c.short_days), (&c.long[..], c.long_days));
    match c.measured {
        Some(m) => {
            let mut note = crate::kpi::sides_note("note.sides_cover", kpi, sides.0, sides.1);
            note.args.push(("mfrom", m.from.to_string()));
            note.args.push(("mto", m.to.to_string()));
            note.dates(&["mfrom", "mto"])
        }
        None => crate::kpi::sides_note("note.sides_cover_none", kpi, sides.0, sides.1),
    }
}

/// How far along the way to the target the current value is: from zero for
/// cumulative KPIs (a window starts empty; for a `<=` ceiling, the share used), from
/// the baseline for levels.
fn progress(
    current: f64,
    target: f64,
    baseline: Option<f64>,
    direction: Cmp,
    cumulative: bool,
) -> Option<f64> {
    let ratio = |a: f64, b: f64| (b != 0.0).then(|| a / b).filter(|r| r.is_finite());
    // Against a target below zero, current ÷ target runs backwards (−0.125 against
    // `>= -0.12` would be 104 %): the gap to the target is taken in units of its
    // size instead, which is the same as current ÷ target above zero.
    let beyond_negative = |gap: f64| ratio(gap, target.abs()).map(|r| 1.0 + r);
    match (cumulative, baseline) {
        (false, Some(base)) if base != target => ratio(current - base, target - base),
        _ if target < 0.0 => match direction {
            Cmp::AtLeast => beyond_negative(current - target),
            Cmp::AtMost => beyond_negative(target - current),
        },
        // A sum against a ceiling (a budget): the share of it used so far.
        (true, _) => ratio(current, target),
        _ => match direction {
            Cmp::AtLeast => ratio(current, target),
            Cmp::AtMost => ratio(target, current),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_previous_period_of_whole_months_is_those_months() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let w = |a: &str, b: &str| Window::new(d(a), d(b));
        for (window, before) in [
            // A quarter: the quarter before, whatever the days in each.
            (w("2026-07-01", "2026-09-30"), w("2026-04-01", "2026-06-30")),
            (w("2026-03-01", "2026-03-31"), w("2026-02-01", "2026-02-28")),
            (w("2026-01-01", "2026-12-31"), w("2025-01-01", "2025-12-31")),
            (w("2026-12-01", "2027-02-28"), w("2026-09-01", "2026-11-30")),
            // Not whole months: as many days just before.
            (w("2026-08-05", "2026-09-01"), w("2026-07-08", "2026-08-04")),
            (w("2026-07-01", "2026-07-15"), w("2026-06-16", "2026-06-30")),
        ] {
            assert_eq!(previous_period(window), before, "{window:?}");
        }
    }

    #[test]
    fn relative_targets_move_by_the_baseline_size() {
        let t = |b: f64, change: f64, unit: Unit| relative_target(b, change, unit);
        // 200 leads + 10% = 220; − 10% = 180.
        assert_eq!(t(200.0, 0.1, Unit::Count), Some(220.0));
        assert_eq!(t(200.0, -0.1, Unit::Count), Some(180.0));
        // A roi of −1/3: + 40% is −1/3 + 0.4 × 1/3 = −0.2; − 10% is −1/3 − 0.1 × 1/3 = −11/30.
        let up = t(-1.0 / 3.0, 0.4, Unit::Ratio).unwrap();
        assert!((up + 0.2).abs() < 1e-12, "{up}");
        let down = t(-1.0 / 3.0, -0.1, Unit::Ratio).unwrap();
        assert!((down + 11.0 / 30.0).abs() < 1e-12, "{down}");
        // 100 − 0.55 × 100 is 44.99999999999999 in f64: a count takes the whole 45;
        // +5% of 210 leads is 220.5, kept.
        assert_eq!(t(100.0, -0.55, Unit::Count), Some(45.0));
        assert_eq!(t(210.0, 0.05, Unit::Count), Some(220.5));
        assert_eq!(t(0.0, 0.4, Unit::Count), None);
        // 10 % + 20 % of it is 12 % exactly, as 12 % of the data is.
        assert_eq!(t(0.1, 0.2, Unit::Ratio), Some(0.12));
        assert_eq!(t(70.0, 0.1, Unit::Money), Some(77.0));
    }

    #[test]
    fn progress_against_a_target_below_zero_is_under_one_until_met() {
        let p = |current, target, direction| progress(current, target, None, direction, false);
        // −0.125 against `>= -0.12`: not met, 1 − 0.005 / 0.12; −20 against `>= -25`
        // met, 1.2; against `<= -25` not met, 0.8. Above zero, current ÷ target.
        let roi = p(-0.125, -0.12, Cmp::AtLeast).unwrap();
        assert!((roi - (1.0 - 0.005 / 0.12)).abs() < 1e-12, "{roi}");
        assert_eq!(p(-20.0, -25.0, Cmp::AtLeast), Some(1.2));
        assert_eq!(p(-20.0, -25.0, Cmp::AtMost), Some(0.8));
        assert_eq!(p(30.0, 60.0, Cmp::AtLeast), Some(0.5));
        // A sum under a ceiling below zero (a loss of at least 100) is taken so too.
        assert_eq!(progress(-50.0, -100.0, None, Cmp::AtMost, true), Some(0.5));
    }
}
