//! The KPI catalogue and its evaluation over aggregated base metrics.
//!
//! Every KPI, built-in or user-defined, is a formula over window totals, so every
//! ratio is a ratio of sums. Division by zero and missing inputs give no value, never
//! inf or NaN; money keeps its currency and two currencies are never added without
//! an `[fx]` rate.

pub mod formula;
pub mod sql;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::NaiveDate;
use indexmap::IndexMap;

use crate::dataset::{Aggregate, Dataset, FOLLOWER_FLOWS, Part, Sym};
use crate::model::{Aggregation, MetricId, Unit, canonical_metric, sum_to_f64};
use formula::{Expr, Op};

/// How a KPI behaves over a goal's window: cumulative KPIs grow with time (sums), so
/// pace and run-rate forecasts apply; levels (ratios, stocks) are compared as they are;
/// a growth rate (a flow over the stock at the window's start, `follower_growth_rate`)
/// grows as its flow does over a base that stays put, so its flow is run on and
/// divided by that base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Pace {
    Cumulative,
    Level,
    Growth,
}

impl Pace {
    /// Whether goals on the KPI get a linear pace and a run-rate forecast.
    pub fn runs_on(self) -> bool {
        matches!(self, Pace::Cumulative | Pace::Growth)
    }
}

#[derive(Debug, Clone)]
pub struct KpiDef {
    pub name: String,
    pub formula: Expr,
    pub unit: Unit,
    pub description: String,
    pub builtin: bool,
}

/// Built-in KPIs: name, formula, unit, description. EMV, CPA and CLV formulas are
/// completed from the settings.
const BUILTIN: &[(&str, &str, Unit, &str)] = &[
    (
        "follower_count",
        "followers",
        Unit::Count,
        "followers at the end of the window (last value per account, summed)",
    ),
    (
        "follower_growth",
        "growth(followers)",
        Unit::Count,
        "followers at window end minus followers before window start; gained − lost + net changes when no earlier count exists",
    ),
    (
        "follower_growth_rate",
        "follower_growth / (follower_count - follower_growth)",
        Unit::Ratio,
        "follower growth relative to the followers at the window start",
    ),
    (
        "impressions",
        "impressions",
        Unit::Count,
        "times content was shown",
    ),
    (
        "reach",
        "reach",
        Unit::Count,
        "unique accounts reached; summed over rows it is an upper bound",
    ),
    (
        "web_traffic",
        "sessions",
        Unit::Count,
        "website sessions (from social sources when filtered so)",
    ),
    (
        "share_of_voice",
        "mentions / category_mentions",
        Unit::Ratio,
        "brand mentions among all mentions of the tracked keywords",
    ),
    (
        "positive_share",
        "mentions_positive / (mentions_positive + mentions_neutral + mentions_negative)",
        Unit::Ratio,
        "positive mentions among the mentions with a sentiment (as the listening tool rated them)",
    ),
    (
        "negative_share",
        "mentions_negative / (mentions_positive + mentions_neutral + mentions_negative)",
        Unit::Ratio,
        "negative mentions among the mentions with a sentiment",
    ),
    (
        "neutral_share",
        "mentions_neutral / (mentions_positive + mentions_neutral + mentions_negative)",
        Unit::Ratio,
        "neutral mentions among the mentions with a sentiment",
    ),
    (
        "net_sentiment",
        "(mentions_positive - mentions_negative) / (mentions_positive + mentions_negative)",
        Unit::Ratio,
        "positive minus negative mentions over both: from -100% (all negative) to +100%",
    ),
    (
        "estimated_positive_share",
        "estimated_positive / (estimated_positive + estimated_neutral + estimated_negative)",
        Unit::Ratio,
        "an estimate: positive share of comments and mentions classified by roi's word lists",
    ),
    (
        "estimated_net_sentiment",
        "(estimated_positive - estimated_negative) / (estimated_positive + estimated_negative)",
        Unit::Ratio,
        "an estimate: net sentiment of comments and mentions classified by roi's word lists",
    ),
    ("clicks", "clicks", Unit::Count, "all clicks"),
    (
        "link_clicks",
        "link_clicks",
        Unit::Count,
        "clicks on links to your site",
    ),
    (
        "ctr",
        "clicks / impressions",
        Unit::Ratio,
        "click-through rate",
    ),
    ("likes", "likes", Unit::Count, "likes and reactions"),
    ("comments", "comments", Unit::Count, "comments and replies"),
    ("shares", "shares", Unit::Count, "shares, reposts, retweets"),
    ("saves", "saves", Unit::Count, "saves and bookmarks"),
    ("mentions", "mentions", Unit::Count, "mentions of the brand"),
    (
        "profile_visits",
        "profile_visits",
        Unit::Count,
        "visits to the profile or page",
    ),
    ("video_views", "video_views", Unit::Count, "video views"),
    (
        "engagements",
        "likes + comments + shares + saves",
        Unit::Count,
        "interactions with content",
    ),
    (
        "engagement_rate",
        "engagements / reach",
        Unit::Ratio,
        "engagements per person reached",
    ),
    (
        "engagement_rate_impressions",
        "engagements / impressions",
        Unit::Ratio,
        "engagements per impression",
    ),
    (
        "engagement_rate_followers",
        "engagements / follower_count",
        Unit::Ratio,
        "engagements per follower at the window end",
    ),
    (
        "sales_revenue",
        "revenue",
        Unit::Money,
        "revenue attributed to the selection",
    ),
    ("spend", "spend", Unit::Money, "amount spent"),
    ("leads", "leads", Unit::Count, "leads generated"),
    (
        "lead_conversion_rate",
        "leads / link_clicks",
        Unit::Ratio,
        "leads per link click",
    ),
    (
        "lead_to_customer_rate",
        "customers / leads",
        Unit::Ratio,
        "leads who became customers",
    ),
    (
        "conversion_rate",
        "conversions / link_clicks",
        Unit::Ratio,
        "non-revenue conversions per link click",
    ),
    (
        "non_revenue_conversions",
        "conversions",
        Unit::Count,
        "sign-ups, downloads, form fills",
    ),
    ("purchases", "purchases", Unit::Count, "purchases"),
    (
        "issues_resolved",
        "issues_resolved",
        Unit::Count,
        "customer issues resolved",
    ),
    (
        "avg_first_reply_time",
        "first_reply_seconds",
        Unit::Seconds,
        "first reply time, weighted by messages received",
    ),
    (
        "clv",
        "revenue / customers * CLV_LIFETIME",
        Unit::Money,
        "customer lifetime value: revenue per customer × expected lifetime ([clv] in roi.toml)",
    ),
    (
        "emv",
        "EMV",
        Unit::Money,
        "earned media value: Σ interactions × weight × cost per engagement ([emv] in roi.toml)",
    ),
    (
        "cpa",
        "spend / (CPA_ACTIONS)",
        Unit::Money,
        "cost per action; actions are set by [cpa] actions",
    ),
    ("cpl", "spend / leads", Unit::Money, "cost per lead"),
    ("cpc", "spend / clicks", Unit::Money, "cost per click"),
    (
        "cpm",
        "spend / impressions * 1000",
        Unit::Money,
        "cost per thousand impressions",
    ),
    (
        "roi",
        "(revenue - spend) / spend",
        Unit::Ratio,
        "return on investment",
    ),
    ("roas", "revenue / spend", Unit::Ratio, "return on ad spend"),
];

/// Whether `name` is a built-in KPI worked out from other metrics that does not add
/// up over rows (`ctr`, `cpl`, `follower_count`), not a metric of its own: a column
/// of that name holds per-row values that, summed, would stand in for the KPI. A
/// sum's column (`engagements`, `sales_revenue`, `emv`) added up is the KPI.
pub fn is_derived_builtin(name: &str) -> bool {
    canonical_metric(name).is_none()
        && BUILTIN
            .iter()
            .find(|(n, ..)| *n == name)
            .is_some_and(|&(n, text, ..)| {
                let text = match n {
                    "emv" => emv_formula(&KpiSettings::default()),
                    _ => text.to_owned(),
                };
                !formula::parse(&text).is_ok_and(|f| adds_up(&f))
            })
}

/// Whether a formula is a sum of flows, each times a constant: its value over rows
/// is the sum of its values per row.
fn adds_up(expr: &Expr) -> bool {
    let constant = |e: &Expr| matches!(e, Expr::Number(_));
    match expr {
        Expr::Name(name) => canonical_metric(name).is_some_and(|id| {
            crate::model::CANONICAL_METRICS[id.0 as usize].aggregation == Aggregation::Flow
        }),
        Expr::Neg(e) => adds_up(e),
        Expr::Binary(Op::Add | Op::Sub, l, r) => adds_up(l) && adds_up(r),
        Expr::Binary(Op::Mul, l, r) => constant(l) && adds_up(r) || constant(r) && adds_up(l),
        Expr::Binary(Op::Div, l, r) => constant(r) && adds_up(l),
        Expr::Number(_) | Expr::Growth(_) => false,
    }
}

/// Settings the built-in formulas depend on.
#[derive(Debug, Clone)]
pub struct KpiSettings {
    pub emv_cost_per_engagement: f64,
    pub emv_weights: Vec<(String, f64)>,
    pub cpa_actions: String,
    pub clv_expected_lifetime: f64,
    pub custom: Vec<CustomKpi>,
    /// `[emv] cost_per_engagement` is not given: EMV is at the article's 0.50 US
    /// dollars, in roi.toml's `currency` only at an `[fx]` rate (see [`EmvDollars`]).
    pub emv_in_dollars: bool,
}

impl Default for KpiSettings {
    /// The worked examples of the source article: likes ×1, comments ×2, shares ×3
    /// at 0.50 per engagement; CPA counts conversions.
    fn default() -> Self {
        KpiSettings {
            emv_cost_per_engagement: 0.5,
            emv_weights: vec![
                ("likes".into(), 1.0),
                ("comments".into(), 2.0),
                ("shares".into(), 3.0),
            ],
            cpa_actions: "conversions".into(),
            clv_expected_lifetime: 1.0,
            custom: Vec::new(),
            emv_in_dollars: true,
        }
    }
}

#[derive(Debug, Clone)]
pub struct CustomKpi {
    pub name: String,
    pub formula: String,
    pub unit: Option<Unit>,
    pub description: Option<String>,
}

/// A problem in the KPI definitions, found when the configuration is loaded.
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    Syntax {
        kpi: String,
        source: formula::FormulaError,
    },
    Shadows(String),
    DivisionByZero {
        kpi: String,
    },
    /// The KPI the cycle was met at, and the cycle.
    Cycle {
        kpi: String,
        cycle: String,
    },
    GrowthOfFlow {
        kpi: String,
        arg: String,
    },
}

impl CatalogueError {
    /// The KPI whose definition the error is in, where one is.
    pub fn kpi(&self) -> Option<&str> {
        match self {
            CatalogueError::Syntax { kpi, .. }
            | CatalogueError::DivisionByZero { kpi }
            | CatalogueError::GrowthOfFlow { kpi, .. }
            | CatalogueError::Cycle { kpi, .. }
            | CatalogueError::Shadows(kpi) => Some(kpi),
        }
    }
}

impl fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            CatalogueError::Syntax { kpi, source } => {
                crate::say!("error.kpi_syntax", kpi = kpi, error = source)
            }
            CatalogueError::Shadows(kpi) => crate::say!("error.kpi_shadows", kpi = kpi),
            CatalogueError::DivisionByZero { kpi } => {
                crate::say!("error.kpi_division_by_zero", kpi = kpi)
            }
            CatalogueError::Cycle { cycle, .. } => crate::say!("error.kpi_cycle", cycle = cycle),
            CatalogueError::GrowthOfFlow { kpi, arg } => {
                crate::say!("error.kpi_growth_of_flow", kpi = kpi, arg = arg)
            }
        })
    }
}

/// How the command that met amounts in two currencies lets them be narrowed to one:
/// each suggests only what it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Narrow {
    /// Not known where it is met: rates only.
    #[default]
    Rates,
    /// `--where currency=…` (`roi kpi`, `insights`, `explain` of a KPI).
    Where,
    /// `--where currency=…` or `--by currency` (`roi report`).
    WhereOrBy,
    /// A goal's `where = { currency = "…" }` in roi.toml (`check`, `status`, goals).
    Goal,
}

/// A problem evaluating a KPI over data.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    MixedCurrencies {
        metric: String,
        currencies: String,
        /// What the message suggests to narrow the data with, besides rates.
        narrow: Narrow,
    },
    UnknownName {
        name: String,
        hint: String,
    },
    /// A custom KPI with the name of a column of the inputs: which one a formula
    /// or `roi kpi` means cannot be told.
    ShadowsColumn {
        kpi: String,
        column: String,
    },
    MissingRate {
        currency: String,
        base: String,
    },
    InGoal {
        goal: String,
        inner: Box<EvalError>,
    },
    BaselineCurrency {
        window: crate::dataset::Window,
        baseline: String,
        current: String,
    },
    /// A number the goal states in money (its target, or a baseline) is in roi.toml's
    /// `currency`, and its data in another that `[fx]` does not convert.
    TargetCurrency {
        target: String,
        data: String,
    },
    /// A `where` platform that is neither one roi knows nor one of the data.
    UnknownPlatform {
        value: String,
        hint: String,
        platforms: String,
    },
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            EvalError::MixedCurrencies {
                metric,
                currencies,
                narrow,
            } => mixed_currencies(metric, currencies, *narrow),
            EvalError::UnknownName { name, hint } => {
                crate::say!("error.unknown_name", name = name, hint = hint)
            }
            EvalError::ShadowsColumn { kpi, column } => {
                crate::say!("error.kpi_shadows_column", kpi = kpi, column = column)
            }
            EvalError::MissingRate { currency, base } => {
                crate::say!("error.missing_rate", currency = currency, base = base)
            }
            EvalError::InGoal { goal, inner } => {
                // A goal's data is narrowed by its own `where`, not by a flag.
                let error = match &**inner {
                    EvalError::MixedCurrencies {
                        metric,
                        currencies,
                        narrow: Narrow::Rates,
                    } => mixed_currencies(metric, currencies, Narrow::Goal),
                    other => other.to_string(),
                };
                crate::say!("error.in_goal", goal = goal, error = error)
            }
            EvalError::BaselineCurrency {
                window,
                baseline,
                current,
            } => crate::say!(
                "error.baseline_currency",
                from = window.from,
                to = window.to,
                baseline = baseline,
                current = current
            ),
            EvalError::TargetCurrency { target, data } => {
                crate::say!("error.target_currency", target = target, data = data)
            }
            EvalError::UnknownPlatform {
                value,
                hint,
                platforms,
            } => crate::say!(
                "error.unknown_platform",
                value = value,
                hint = hint,
                platforms = platforms
            ),
        })
    }
}

impl EvalError {
    /// Amounts in two currencies met by a command that narrows data with `narrow`:
    /// the message suggests it. Other errors, and those met in a goal, are kept.
    #[must_use]
    pub fn narrowed(self, narrow: Narrow) -> Self {
        match self {
            EvalError::MixedCurrencies {
                metric,
                currencies,
                narrow: Narrow::Rates,
            } => EvalError::MixedCurrencies {
                metric,
                currencies,
                narrow,
            },
            other => other,
        }
    }
}

fn mixed_currencies(metric: &str, currencies: &str, narrow: Narrow) -> String {
    let narrow = match narrow {
        Narrow::Rates => String::new(),
        Narrow::Where => crate::say!("error.narrow_where"),
        Narrow::WhereOrBy => crate::say!("error.narrow_where_or_by"),
        Narrow::Goal => crate::say!("error.narrow_goal"),
    };
    crate::say!(
        "error.mixed_currencies",
        metric = metric,
        currencies = currencies,
        narrow = narrow
    )
}

/// Exchange rates into the report currency, from `[fx]`.
#[derive(Debug, Clone, Default)]
pub struct Fx {
    pub base: Option<String>,
    pub rates: BTreeMap<String, f64>,
}

impl Fx {
    /// How many of `base` one unit of `currency` is worth.
    fn rate(&self, currency: &str, base: &str) -> Result<f64, EvalError> {
        if currency == base {
            return Ok(1.0);
        }
        self.rates
            .get(currency)
            .copied()
            .ok_or_else(|| EvalError::MissingRate {
                currency: currency.to_owned(),
                base: base.to_owned(),
            })
    }
}

/// How exact a value is. Reach summed over several rows counts a person once per
/// row, so the sum is an upper bound of unique people, and a rate divided by it is a
/// lower bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    Exact,
    Upper,
    Lower,
    /// Both directions mixed: only an estimate.
    Approximate,
}

impl Bound {
    pub fn is_exact(self) -> bool {
        self == Bound::Exact
    }

    /// For serde's `skip_serializing_if`.
    #[allow(clippy::trivially_copy_pass_by_ref)]
    pub fn is_exact_ref(&self) -> bool {
        self.is_exact()
    }

    /// As JSON writes it; empty when exact.
    pub fn word(self) -> &'static str {
        match self {
            Bound::Exact => "",
            Bound::Upper => "upper",
            Bound::Lower => "lower",
            Bound::Approximate => "approximate",
        }
    }

    fn flip(self) -> Bound {
        match self {
            Bound::Upper => Bound::Lower,
            Bound::Lower => Bound::Upper,
            other => other,
        }
    }

    fn and(self, other: Bound) -> Bound {
        match (self, other) {
            (Bound::Exact, b) | (b, Bound::Exact) => b,
            (a, b) if a == b => a,
            _ => Bound::Approximate,
        }
    }
}

/// One evaluated KPI.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    /// `None` when undefined: no data, or division by zero.
    pub value: Option<f64>,
    pub unit: Unit,
    pub currency: Option<String>,
    pub bound: Bound,
    /// Platforms left out of a rate because they have its numerator but none of its
    /// denominator.
    pub left_out: Vec<LeftOut>,
    /// Why the value is a bound: it rests on reach summed over rows, and on these
    /// counts with cells the export masks (`<5`). Nothing when exact.
    pub reach_summed: bool,
    pub masked: Vec<String>,
}

impl Value {
    /// Whether the bound rests on summed reach: said outright, or a bound with no
    /// masked count to account for it.
    pub fn rests_on_reach(&self) -> bool {
        self.reach_summed || (!self.bound.is_exact() && self.masked.is_empty())
    }
}

/// A quotient with nothing to divide by: `numerator` (its formula text) is
/// `numerator_value` while `denominator` totals 0, so the KPI runs off towards
/// `sign` × ∞.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct DividedByZero {
    pub numerator: String,
    pub numerator_value: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub numerator_currency: Option<String>,
    pub denominator: String,
    /// 1 when the quotient runs off towards +∞, −1 towards −∞.
    pub sign: i8,
}

/// A platform's export left out of a rate of counts or a cost of counts (cpc):
/// within the selection and window it has values for the numerator's metrics
/// (`has`) but for none of the denominator's (`lacks`), so adding its numerator
/// would inflate the rate (120 % share of voice), or the other way round.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct LeftOut {
    pub platform: String,
    /// The export its values come from (`Meta Ads Manager`); absent for a list of
    /// records or an account's values (followers), which stand for the platform.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub export: Option<String>,
    pub has: Vec<String>,
    pub lacks: Vec<String>,
    /// The number of posts left out when these are the platform's posts without
    /// the denominator (or with 0), rather than its whole export: its other posts
    /// count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub posts: Option<u64>,
}

/// The note that leads of `platforms` may be counted twice (see
/// [`Catalogue::leads_counted_twice`]).
/// A note on a rate whose sides' data cover different days: `short` the side that
/// ends first (or begins last), each with its base metrics and days.
pub fn sides_note(
    key: &'static str,
    kpi: &str,
    short: (&[String], crate::dataset::Window),
    long: (&[String], crate::dataset::Window),
) -> crate::i18n::Message {
    let names = |m: &[String]| {
        m.iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(" + ")
    };
    crate::i18n::Message {
        key,
        args: vec![
            ("kpi", kpi.to_owned()),
            ("short", names(short.0)),
            ("sfrom", short.1.from.to_string()),
            ("sto", short.1.to.to_string()),
            ("long", names(long.0)),
            ("lfrom", long.1.from.to_string()),
            ("lto", long.1.to.to_string()),
        ],
        dates: vec!["sfrom", "sto", "lfrom", "lto"],
    }
}

/// The note that a value is a bound because it rests on counts with cells the
/// export masks (`masked`); `None` when exact or when none is masked.
pub fn masked_note(bound: Bound, masked: &[String]) -> Option<crate::i18n::Message> {
    let metrics = masked.join(", ");
    match bound {
        _ if masked.is_empty() => None,
        Bound::Exact => None,
        Bound::Upper => Some(crate::msg!("note.masked_upper", metrics = metrics)),
        Bound::Lower => Some(crate::msg!("note.masked_lower", metrics = metrics)),
        Bound::Approximate => Some(crate::msg!("note.masked_approximate", metrics = metrics)),
    }
}

pub fn leads_counted_twice_note(platforms: &[String]) -> crate::i18n::Message {
    crate::msg!("note.leads_two_sources", platforms = platforms.join(", "))
}

/// The note that revenue and conversions of the ad platforms `platforms` may be
/// counted twice (see [`Catalogue::sales_counted_twice`]).
pub fn sales_counted_twice_note(platforms: &[String]) -> crate::i18n::Message {
    crate::msg!(
        "note.sales_two_sources",
        platforms = platforms.join(", "),
        alternatives = platforms.join("|")
    )
}

impl LeftOut {
    /// The note saying so, as `kpi: twitter (X Analytics) has clicks but no
    /// impressions: left out`.
    pub fn note(&self, kpi: &str) -> crate::i18n::Message {
        let platform = match &self.export {
            Some(export) => format!("{} ({export})", self.platform),
            None => self.platform.clone(),
        };
        if let Some(posts) = self.posts {
            return crate::msg!(
                "note.rate_posts_left_out",
                kpi = kpi,
                posts = posts,
                platform = platform,
                has = self.has.join(", "),
                lacks = self.lacks.join(", ")
            );
        }
        crate::msg!(
            "note.rate_left_out",
            kpi = kpi,
            platform = platform,
            has = self.has.join(", "),
            lacks = self.lacks.join(", ")
        )
    }
}

#[derive(Debug, Clone)]
struct Quantity {
    value: Option<f64>,
    currency: Option<String>,
    bound: Bound,
    /// Money whose rows name no currency, said as where it comes from (`no
    /// currency in ga4.csv`): it cannot meet an amount in a named currency.
    unnamed: Option<String>,
}

impl Quantity {
    fn plain(value: Option<f64>) -> Quantity {
        Quantity {
            unnamed: None,
            value,
            currency: None,
            bound: Bound::Exact,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Catalogue {
    kpis: IndexMap<String, KpiDef>,
    /// See [`KpiSettings::emv_in_dollars`].
    emv_in_dollars: bool,
}

/// How EMV at the default cost per engagement, 0.50 US dollars, is shown.
#[derive(Debug, Clone, PartialEq)]
pub enum EmvDollars {
    /// In US dollars: roi.toml's `currency` is USD, or `[fx]` has no USD rate.
    Usd,
    /// In roi.toml's `currency`, at `[fx]`'s rate of one USD in it.
    Converted { base: String, rate: f64 },
}

/// The currency of EMV at the default cost per engagement.
pub const EMV_DEFAULT_CURRENCY: &str = "USD";

/// Suggests the closest of `candidates` to a misspelt `name`.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    nearest(name, candidates)
        .map(|c| crate::say!("error.did_you_mean", name = c))
        .unwrap_or_default()
}

/// The candidate closest to `name`, if one is close enough to be a slip of it.
pub fn nearest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    // `Tet` for `Tết` is the name typed without its accents, however short: a
    // spelling distance over so few letters would not call it close.
    let bare = folded(name);
    if let Some(same) = candidates.iter().find(|c| folded(c) == bare) {
        return Some(same);
    }
    candidates
        .into_iter()
        // `CPL` for `cpl`: names are lowercase, what people type may not be.
        .map(|c| {
            (
                strsim::jaro_winkler(&name.to_lowercase(), &c.to_lowercase()),
                c,
            )
        })
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// `text` lowercased without its diacritics (`Tết` → `tet`, `Đà Nẵng` → `da nang`).
fn folded(text: &str) -> String {
    use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

impl Catalogue {
    pub fn new(settings: &KpiSettings) -> Result<Catalogue, CatalogueError> {
        let mut kpis = IndexMap::new();
        for &(name, text, unit, description) in BUILTIN {
            let text = match name {
                "emv" => emv_formula(settings),
                "cpa" => format!("spend / ({})", settings.cpa_actions),
                "clv" => format!("revenue / customers * {}", settings.clv_expected_lifetime),
                _ => text.to_owned(),
            };
            let formula = formula::parse(&text).map_err(|source| CatalogueError::Syntax {
                kpi: name.to_owned(),
                source,
            })?;
            kpis.insert(
                name.to_owned(),
                KpiDef {
                    name: name.to_owned(),
                    formula,
                    unit,
                    description: description.to_owned(),
                    builtin: true,
                },
            );
        }
        for custom in &settings.custom {
            if kpis.contains_key(&custom.name) || canonical_metric(&custom.name).is_some() {
                return Err(CatalogueError::Shadows(custom.name.clone()));
            }
            let formula =
                formula::parse(&custom.formula).map_err(|source| CatalogueError::Syntax {
                    kpi: custom.name.clone(),
                    source,
                })?;
            if formula.divides_by_zero() {
                return Err(CatalogueError::DivisionByZero {
                    kpi: custom.name.clone(),
                });
            }
            kpis.insert(
                custom.name.clone(),
                KpiDef {
                    name: custom.name.clone(),
                    formula,
                    unit: custom.unit.unwrap_or(Unit::Number),
                    description: custom.description.clone().unwrap_or_default(),
                    builtin: false,
                },
            );
        }
        let mut catalogue = Catalogue {
            kpis,
            emv_in_dollars: settings.emv_in_dollars,
        };
        catalogue.check_structure()?;
        // A KPI of roi.toml without a `unit` whose formula gives an amount of money
        // (`spend / clicks`) is money, shown in its currency as `cpc` is. Known once
        // no KPI refers to itself, through others.
        let untyped: Vec<String> = settings
            .custom
            .iter()
            .filter(|c| c.unit.is_none())
            .map(|c| c.name.clone())
            .collect();
        for name in untyped {
            if catalogue.is_money(&Expr::Name(name.clone()), 0)
                && let Some(kpi) = catalogue.kpis.get_mut(&name)
            {
                kpi.unit = Unit::Money;
            }
        }
        Ok(catalogue)
    }

    /// Whether a formula gives an amount of money: money plus or minus anything,
    /// money times or over a number; money over money is a ratio.
    fn is_money(&self, expr: &Expr, depth: usize) -> bool {
        if depth > 64 {
            return false;
        }
        match expr {
            Expr::Number(_) | Expr::Growth(_) => false,
            Expr::Name(name) => match canonical_metric(name) {
                Some(_) => crate::model::is_money(name),
                None => self.kpis.get(name).is_some_and(|k| {
                    k.unit == Unit::Money
                        || (k.unit == Unit::Number
                            && !k.builtin
                            && self.is_money(&k.formula, depth + 1))
                }),
            },
            Expr::Neg(e) => self.is_money(e, depth + 1),
            Expr::Binary(Op::Add | Op::Sub | Op::Mul, l, r) => {
                self.is_money(l, depth + 1) || self.is_money(r, depth + 1)
            }
            Expr::Binary(Op::Div, l, r) => {
                self.is_money(l, depth + 1) && !self.is_money(r, depth + 1)
            }
        }
    }

    /// How EMV is in the report when it counts engagements at the default cost per
    /// engagement (`None` when roi.toml sets its cost).
    pub fn emv_dollars(&self, fx: &Fx) -> Option<EmvDollars> {
        // Without a `currency`, money is in none: EMV stays as plain as the rest.
        let base = fx.base.as_deref().filter(|_| self.emv_in_dollars)?;
        Some(match fx.rates.get(EMV_DEFAULT_CURRENCY) {
            Some(rate) if base != EMV_DEFAULT_CURRENCY => EmvDollars::Converted {
                base: base.to_owned(),
                rate: *rate,
            },
            _ => EmvDollars::Usd,
        })
    }

    /// The note that the KPI `name` (`emv`, or a KPI over it) counts engagements at the
    /// default cost per engagement, US dollars, when roi.toml's `currency` is another:
    /// converted at `[fx]`'s rate, or left in dollars.
    pub fn emv_default_note(&self, name: &str, fx: &Fx) -> Option<crate::i18n::Message> {
        let base = fx.base.as_deref().filter(|b| *b != EMV_DEFAULT_CURRENCY)?;
        let dollars = self.emv_dollars(fx)?;
        if !self.refers_to(name, "emv", 0) {
            return None;
        }
        let cost = KpiSettings::default().emv_cost_per_engagement;
        Some(match dollars {
            EmvDollars::Converted { rate, .. } => crate::msg!(
                "note.emv_default_converted",
                kpi = name,
                converted = cost * rate,
                rate = rate,
                currency = base
            ),
            EmvDollars::Usd => crate::msg!("note.emv_default", kpi = name, currency = base),
        })
    }

    /// EMV at the default cost per engagement is in US dollars: converted into the
    /// report currency at `[fx]`'s rate, or said to be in dollars.
    fn emv_in_currency(&self, name: &str, mut q: Quantity, fx: &Fx) -> Quantity {
        if name != "emv" || q.currency.is_some() || q.value.is_none() {
            return q;
        }
        match self.emv_dollars(fx) {
            None => return q,
            Some(EmvDollars::Usd) => q.currency = Some(EMV_DEFAULT_CURRENCY.to_owned()),
            Some(EmvDollars::Converted { base, rate }) => {
                q.value = q.value.map(|v| v * rate);
                q.currency = Some(base);
            }
        }
        q.unnamed = None;
        q
    }

    /// Whether the KPI `name` is `target` or is computed from it.
    fn refers_to(&self, name: &str, target: &str, depth: usize) -> bool {
        name == target
            || depth < 64
                && self.kpis.get(name).is_some_and(|k| {
                    k.formula
                        .names()
                        .iter()
                        .any(|n| *n != name && self.refers_to(n, target, depth + 1))
                })
    }

    pub fn iter(&self) -> impl Iterator<Item = &KpiDef> {
        self.kpis.values()
    }

    pub fn get(&self, name: &str) -> Option<&KpiDef> {
        self.kpis.get(name)
    }

    /// Names a KPI can be asked for by: KPIs, then metrics of the dataset.
    pub fn is_known(&self, name: &str, dataset: &Dataset) -> bool {
        self.kpis.contains_key(name) || dataset.metric_id(name).is_some()
    }

    fn check_structure(&self) -> Result<(), CatalogueError> {
        for kpi in self.kpis.values() {
            for arg in growth_args(&kpi.formula) {
                if canonical_metric(arg).is_some() && arg != "followers" {
                    return Err(CatalogueError::GrowthOfFlow {
                        kpi: kpi.name.clone(),
                        arg: arg.to_owned(),
                    });
                }
            }
        }
        // Depth-first search for a cycle through KPI references; metrics end a path.
        let mut done = BTreeSet::new();
        for name in self.kpis.keys() {
            let mut path = Vec::new();
            self.visit(name, &mut path, &mut done)?;
        }
        Ok(())
    }

    fn visit<'a>(
        &'a self,
        name: &'a str,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Result<(), CatalogueError> {
        if done.contains(name) {
            return Ok(());
        }
        if let Some(at) = path.iter().position(|p| *p == name) {
            let mut cycle: Vec<&str> = path[at..].to_vec();
            cycle.push(name);
            return Err(CatalogueError::Cycle {
                kpi: name.to_owned(),
                cycle: cycle.join(" → "),
            });
        }
        let Some(kpi) = self.kpis.get(name) else {
            return Ok(());
        };
        path.push(name);
        for dep in kpi.formula.names() {
            if canonical_metric(dep).is_none() {
                self.visit(dep, path, done)?;
            }
        }
        path.pop();
        done.insert(name);
        Ok(())
    }

    /// Checks that every name in every formula exists, once the inputs are known,
    /// and that no KPI of roi.toml has the name of a column read (a custom metric):
    /// a metric is read before a KPI of its name, so `roi kpi trial_starts` would
    /// give the column's sum where the KPI was meant.
    pub fn check_names(&self, dataset: &Dataset) -> Result<(), EvalError> {
        self.check_names_in(dataset).map_err(|(_, e)| e)
    }

    /// [`Catalogue::check_names`], with the KPI whose definition the error is in.
    pub fn check_names_in(&self, dataset: &Dataset) -> Result<(), (&str, EvalError)> {
        for kpi in self.kpis.values().filter(|k| !k.builtin) {
            if let Some(id) = dataset.metric_id(&kpi.name) {
                return Err((
                    &kpi.name,
                    EvalError::ShadowsColumn {
                        kpi: kpi.name.clone(),
                        column: column_of(dataset, id),
                    },
                ));
            }
        }
        for kpi in self.kpis.values() {
            for name in kpi.formula.names() {
                self.check_name(name, dataset)
                    .map_err(|e| (kpi.name.as_str(), e))?;
            }
        }
        Ok(())
    }

    pub fn check_name(&self, name: &str, dataset: &Dataset) -> Result<(), EvalError> {
        if self.is_known(name, dataset) {
            return Ok(());
        }
        let candidates = self
            .kpis
            .keys()
            .map(String::as_str)
            .chain(dataset.metrics.iter().map(|m| m.name.as_str()));
        Err(EvalError::UnknownName {
            name: name.to_owned(),
            hint: did_you_mean(name, candidates),
        })
    }

    /// The base metrics a KPI is computed from, in formula order, KPIs expanded.
    pub fn base_metrics(&self, name: &str, dataset: &Dataset) -> Vec<String> {
        let mut out = Vec::new();
        self.collect_metrics(name, dataset, &mut out, 0);
        out
    }

    fn collect_metrics(&self, name: &str, ds: &Dataset, out: &mut Vec<String>, depth: usize) {
        if depth > 64 {
            return;
        }
        if ds.metric_id(name).is_some() {
            if !out.iter().any(|m| m == name) {
                out.push(name.to_owned());
            }
            return;
        }
        if let Some(kpi) = self.kpis.get(name) {
            for dep in kpi.formula.names() {
                self.collect_metrics(dep, ds, out, depth + 1);
            }
            if growth_args(&kpi.formula).contains(&"followers") {
                for m in FOLLOWER_FLOWS {
                    self.collect_metrics(m, ds, out, depth + 1);
                }
            }
        }
    }

    /// Whether a KPI's formula takes the growth of followers, itself or through a
    /// KPI it names (`follower_growth_rate`).
    fn grows_followers(&self, name: &str, depth: usize) -> bool {
        self.kpis.get(name).is_some_and(|kpi| {
            growth_args(&kpi.formula).contains(&"followers")
                || depth < 64
                    && kpi
                        .formula
                        .names()
                        .iter()
                        .any(|n| self.grows_followers(n, depth + 1))
        })
    }

    /// Whether less of a KPI is better: a cost of something (spend over it: cpc, cpl,
    /// cpa, cpm, a KPI of roi.toml written so) or a time to wait (seconds).
    pub fn lower_is_better(&self, name: &str, dataset: &Dataset) -> bool {
        // Spend over something, times or over a constant (`cpm` is per 1,000).
        fn cost(expr: &Expr) -> bool {
            match expr {
                Expr::Binary(Op::Div, num, den) => {
                    matches!(&**num, Expr::Name(n) if n == "spend")
                        || matches!(&**den, Expr::Number(_)) && cost(num)
                }
                Expr::Binary(Op::Mul, a, b) => match (&**a, &**b) {
                    (e, Expr::Number(k)) | (Expr::Number(k), e) => *k > 0.0 && cost(e),
                    _ => false,
                },
                _ => false,
            }
        }
        if self.unit(name, dataset) == Unit::Seconds {
            return true;
        }
        match self.kpis.get(name).map(|k| &k.formula) {
            Some(Expr::Name(other)) if other != name => self.lower_is_better(other, dataset),
            Some(formula) => cost(formula),
            None => false,
        }
    }

    /// The unit a KPI or metric name is reported in.
    /// The stock metrics whose growth the KPI `name` is worked out from
    /// (`follower_growth`, a rate over it): `growth(followers)` in its formula or a
    /// KPI's it refers to.
    pub fn grown_stocks(&self, name: &str) -> Vec<String> {
        fn walk(c: &Catalogue, e: &formula::Expr, out: &mut Vec<String>, depth: usize) {
            match e {
                formula::Expr::Growth(n) if !out.contains(n) => out.push(n.clone()),
                formula::Expr::Name(n) if depth < 64 => {
                    if let Some(k) = c.kpis.get(n) {
                        walk(c, &k.formula, out, depth + 1);
                    }
                }
                formula::Expr::Neg(e) => walk(c, e, out, depth),
                formula::Expr::Binary(_, l, r) => {
                    walk(c, l, out, depth);
                    walk(c, r, out, depth);
                }
                _ => {}
            }
        }
        let mut out = Vec::new();
        walk(self, &formula::Expr::Name(name.to_owned()), &mut out, 0);
        out
    }

    pub fn unit(&self, name: &str, dataset: &Dataset) -> Unit {
        if let Some(kpi) = self.kpis.get(name) {
            return kpi.unit;
        }
        dataset
            .metric_id(name)
            .map_or(Unit::Number, |id| dataset.metric(id).unit)
    }

    /// Whether a KPI accumulates over time (sums of flows, scaled by constants).
    pub fn pace(&self, name: &str, dataset: &Dataset) -> Pace {
        if self.cumulative(&Expr::Name(name.to_owned()), dataset, 0) {
            Pace::Cumulative
        } else if self.growth_sides(name, dataset).is_some() {
            Pace::Growth
        } else {
            Pace::Level
        }
    }

    /// A flow over a stock, its flow and base: a formula `flow / (stock - flow)`, a
    /// cumulative flow over a stock less that flow, which is the stock at the window's
    /// start (`follower_growth / (follower_count - follower_growth)`), or `flow /
    /// stock`, over the stock at the window's end (`engagements / follower_count`).
    /// Either rate grows as its flow does, the base moving little if at all. Any other
    /// quotient is a level.
    pub fn growth_sides(&self, name: &str, dataset: &Dataset) -> Option<(Expr, Expr)> {
        let mut formula = &self.kpis.get(name)?.formula;
        for _ in 0..64 {
            match formula {
                Expr::Name(other) if other != name && dataset.metric_id(other).is_none() => {
                    formula = &self.kpis.get(other)?.formula;
                }
                _ => break,
            }
        }
        let Expr::Binary(Op::Div, flow, base) = formula else {
            return None;
        };
        if self.cumulative(flow, dataset, 0)
            && !base.names().is_empty()
            && self.only_stocks(base, dataset, 0)
        {
            return Some(((**flow).clone(), (**base).clone()));
        }
        let Expr::Binary(Op::Sub, stock, less) = &**base else {
            return None;
        };
        (less == flow
            && self.cumulative(flow, dataset, 0)
            && !self.cumulative(stock, dataset, 0)
            && !matches!(&**stock, Expr::Number(_)))
        .then(|| ((**flow).clone(), (**base).clone()))
    }

    /// Whether a formula holds no sums: stocks (followers) and constants only.
    fn only_stocks(&self, expr: &Expr, dataset: &Dataset, depth: usize) -> bool {
        if depth > 64 {
            return false;
        }
        match expr {
            Expr::Number(_) => true,
            Expr::Growth(_) => false,
            Expr::Name(name) => match dataset.metric_id(name) {
                Some(id) => dataset.metric(id).aggregation == Aggregation::Stock,
                None => self
                    .kpis
                    .get(name)
                    .is_some_and(|k| self.only_stocks(&k.formula, dataset, depth + 1)),
            },
            Expr::Neg(e) => self.only_stocks(e, dataset, depth + 1),
            Expr::Binary(_, l, r) => {
                self.only_stocks(l, dataset, depth + 1) && self.only_stocks(r, dataset, depth + 1)
            }
        }
    }

    /// A formula's value over an aggregate (the sides of a growth rate), with the
    /// platforms the KPI `name` leaves out left out.
    pub fn evaluate_expr(
        &self,
        name: &str,
        expr: &Expr,
        dataset: &Dataset,
        agg: &Aggregate,
        fx: &Fx,
    ) -> Result<Option<f64>, EvalError> {
        let (agg, _) = self.counted(name, dataset, agg);
        Ok(self
            .eval(expr, dataset, &agg, fx)?
            .value
            .filter(|v| v.is_finite()))
    }

    /// Whether a formula is linear in sums of flows, `a·Σ + b`, with at least one sum:
    /// a fixed fee added to spend grows with the days as spend does.
    fn cumulative(&self, expr: &Expr, dataset: &Dataset, depth: usize) -> bool {
        if depth > 64 {
            return false;
        }
        let constant = |e: &Expr| e.names().is_empty();
        match expr {
            Expr::Number(_) => false,
            Expr::Growth(_) => true,
            Expr::Name(name) => match dataset.metric_id(name) {
                Some(id) => matches!(
                    dataset.metric(id).aggregation,
                    Aggregation::Flow | Aggregation::Unique
                ),
                None => self
                    .kpis
                    .get(name)
                    .is_some_and(|k| self.cumulative(&k.formula, dataset, depth + 1)),
            },
            Expr::Neg(e) => self.cumulative(e, dataset, depth + 1),
            Expr::Binary(Op::Add | Op::Sub, l, r) => {
                let (a, b) = (
                    self.cumulative(l, dataset, depth + 1),
                    self.cumulative(r, dataset, depth + 1),
                );
                (a || constant(l)) && (b || constant(r)) && (a || b)
            }
            Expr::Binary(Op::Mul, l, r) => {
                (constant(l) && self.cumulative(r, dataset, depth + 1))
                    || (constant(r) && self.cumulative(l, dataset, depth + 1))
            }
            Expr::Binary(Op::Div, l, r) => constant(r) && self.cumulative(l, dataset, depth + 1),
        }
    }

    /// The constant term `b` of a cumulative KPI `a·Σ + b`: its value with every sum at
    /// 0. A run-rate forecast runs on the sums, never the constant.
    pub fn offset(&self, name: &str) -> f64 {
        self.offset_of(&Expr::Name(name.to_owned()), 0)
    }

    fn offset_of(&self, expr: &Expr, depth: usize) -> f64 {
        if depth > 64 {
            return 0.0;
        }
        let v = match expr {
            Expr::Number(n) => *n,
            Expr::Growth(_) => 0.0,
            Expr::Name(name) => self
                .kpis
                .get(name)
                .filter(|k| k.formula != *expr)
                .map_or(0.0, |k| self.offset_of(&k.formula, depth + 1)),
            Expr::Neg(e) => -self.offset_of(e, depth + 1),
            Expr::Binary(op, l, r) => {
                let (l, r) = (self.offset_of(l, depth + 1), self.offset_of(r, depth + 1));
                match op {
                    Op::Add => l + r,
                    Op::Sub => l - r,
                    Op::Mul => l * r,
                    Op::Div => l / r,
                }
            }
        };
        if v.is_finite() { v } else { 0.0 }
    }

    /// Whether a cumulative KPI can only grow as days are added: sums of flows with
    /// positive weights. A difference (profit = revenue − spend), a negated term, a
    /// negative factor or a growth of followers (unfollows) can fall back, so a floor
    /// it meets today may be lost tomorrow. Rows with negative values (refunds) are
    /// the caller's to check.
    pub fn monotone(&self, name: &str, dataset: &Dataset) -> bool {
        self.pace(name, dataset) == Pace::Cumulative
            && self.only_adds(&Expr::Name(name.to_owned()), 0)
    }

    /// Whether a KPI is a count that cannot be below 0 (leads, engagements): a
    /// target under 0 on it is never met as a ceiling and always as a floor.
    pub fn never_negative(&self, name: &str) -> bool {
        self.kpis.get(name).is_some_and(|k| k.unit == Unit::Count)
            && self.only_adds(&Expr::Name(name.to_owned()), 0)
    }

    fn only_adds(&self, expr: &Expr, depth: usize) -> bool {
        if depth > 64 {
            return false;
        }
        let positive = |e: &Expr| matches!(e, Expr::Number(n) if *n > 0.0);
        match expr {
            Expr::Number(n) => *n >= 0.0,
            Expr::Growth(_) | Expr::Neg(_) | Expr::Binary(Op::Sub, ..) => false,
            // A KPI's formula, else a metric: a sum of rows.
            Expr::Name(name) if canonical_metric(name).is_some() => true,
            Expr::Name(name) => self
                .kpis
                .get(name)
                .is_none_or(|k| self.only_adds(&k.formula, depth + 1)),
            Expr::Binary(Op::Add, l, r) => {
                self.only_adds(l, depth + 1) && self.only_adds(r, depth + 1)
            }
            Expr::Binary(Op::Mul, l, r) => {
                (positive(l) && self.only_adds(r, depth + 1))
                    || (positive(r) && self.only_adds(l, depth + 1))
            }
            Expr::Binary(Op::Div, l, r) => positive(r) && self.only_adds(l, depth + 1),
        }
    }

    /// The base metrics of the numerator and of the denominator of a rate of counts:
    /// a KPI whose formula's top level divides by something holding a metric, with
    /// no money on either side, or a cost of counts: spend over them (cpc, cpl, cpa,
    /// cpm). Other money KPIs (roas, roi) are blended sums by design: revenue often
    /// comes from a shop or GA4 without spend, and paid for by every platform's.
    pub fn rate_sides(&self, name: &str, ds: &Dataset) -> Option<(Vec<MetricId>, Vec<MetricId>)> {
        let (num, den) = self.quotient_sides(name, ds)?;
        let money = |ids: &[MetricId]| ids.iter().any(|id| ds.metric(*id).unit == Unit::Money);
        let cost = num.iter().all(|id| ds.metric(*id).name == "spend");
        (!num.is_empty() && !den.is_empty() && !money(&den) && (cost || !money(&num)))
            .then_some((num, den))
    }

    /// The base metrics of the numerator and of the denominator of a KPI whose
    /// formula's top level divides (through aliases and constant factors).
    fn quotient_sides(&self, name: &str, ds: &Dataset) -> Option<(Vec<MetricId>, Vec<MetricId>)> {
        if ds.metric_id(name).is_some() {
            return None;
        }
        let mut formula = &self.kpis.get(name)?.formula;
        for _ in 0..64 {
            match formula {
                Expr::Name(n) if ds.metric_id(n).is_none() && self.kpis.contains_key(n) => {
                    formula = &self.kpis[n].formula;
                }
                // A constant factor or divisor (cpm's per 1,000, `cpl / 1000`) scales
                // both sides alike.
                _ => match formula.scaled() {
                    Some((e, _)) => formula = e,
                    None => break,
                },
            }
        }
        let Expr::Binary(Op::Div, l, r) = formula else {
            return None;
        };
        let (mut num, mut den) = (Vec::new(), Vec::new());
        self.side_metrics(l, ds, &mut num, false, 0);
        // A denominator's growth is a base only with its count: gains without a
        // count (YouTube's subscribers gained) are no base to grow from.
        self.side_metrics(r, ds, &mut den, true, 0);
        Some((num, den))
    }

    fn side_metrics(
        &self,
        expr: &Expr,
        ds: &Dataset,
        out: &mut Vec<MetricId>,
        stock_only: bool,
        depth: usize,
    ) {
        let mut push = |id: MetricId| {
            if !out.contains(&id) {
                out.push(id);
            }
        };
        match expr {
            Expr::Number(_) => {}
            Expr::Name(n) => match ds.metric_id(n) {
                Some(id) => push(id),
                None => {
                    if let Some(kpi) = self.kpis.get(n)
                        && depth < 64
                    {
                        self.side_metrics(&kpi.formula, ds, out, stock_only, depth + 1);
                    }
                }
            },
            Expr::Growth(n) => {
                let extra: &[&str] = if n == "followers" && !stock_only {
                    &FOLLOWER_FLOWS
                } else {
                    &[]
                };
                for m in std::iter::once(n.as_str()).chain(extra.iter().copied()) {
                    if let Some(id) = ds.metric_id(m) {
                        push(id);
                    }
                }
            }
            Expr::Neg(e) => self.side_metrics(e, ds, out, stock_only, depth + 1),
            Expr::Binary(_, l, r) => {
                self.side_metrics(l, ds, out, stock_only, depth + 1);
                self.side_metrics(r, ds, out, stock_only, depth + 1);
            }
        }
    }

    /// The totals a KPI is worked out over: without the parts (a platform's
    /// export) [`Self::left_out`] leaves out of it, which it also returns.
    pub fn counted<'a>(
        &self,
        name: &str,
        ds: &Dataset,
        agg: &'a Aggregate,
    ) -> (std::borrow::Cow<'a, Aggregate>, Vec<(Part, LeftOut)>) {
        // Worked out once for both uses below (it walks the formula and looks up
        // every name in it).
        let sides = self.rate_sides(name, ds);
        let mut left_out = match &sides {
            Some((num, den)) => left_out_of_sides(num, den, ds, agg, false),
            None => Vec::new(),
        };
        // A platform whose follower counts in the window have no count before it,
        // nor gains or losses, grows by an unknown number: a growth (or a rate of it)
        // leaves it out, its count too, rather than take its growth for 0 and its
        // followers for a base that did not grow.
        if self.grows_followers(name, 0) {
            for platform in growth_unknown(ds, agg) {
                let part = (platform, crate::dataset::Family::ANY);
                if left_out.iter().any(|(p, _)| *p == part) {
                    continue;
                }
                let before = agg.window.map(|w| format!("followers < {}", w.from));
                left_out.push((
                    part,
                    LeftOut {
                        platform: platform
                            .map_or_else(String::new, |s| ds.interner.get(s).to_owned()),
                        export: None,
                        has: vec!["followers".to_owned()],
                        lacks: before
                            .into_iter()
                            .chain(FOLLOWER_FLOWS.iter().map(|m| (*m).to_owned()))
                            .collect(),
                        posts: None,
                    },
                ));
            }
        }
        let mut agg = if left_out.is_empty() {
            std::borrow::Cow::Borrowed(agg)
        } else {
            let parts: Vec<Part> = left_out.iter().map(|(p, _)| *p).collect();
            std::borrow::Cow::Owned(agg.without_parts(&parts))
        };
        // A cost keeps a post's spend that bought none of the counts.
        if let Some((num, den)) = sides
            && !num.iter().any(|id| ds.metric(*id).unit == Unit::Money)
            && let Some((fewer, posts)) = agg.without_posts_lacking(&den, &num)
        {
            agg = std::borrow::Cow::Owned(fewer);
            let names =
                |ids: &[MetricId]| ids.iter().map(|id| ds.metric(*id).name.clone()).collect();
            for (part, n, has) in posts {
                left_out.push((
                    part,
                    LeftOut {
                        platform: part
                            .0
                            .map_or_else(String::new, |s| ds.interner.get(s).to_owned()),
                        export: ds.family_name(part.1).map(str::to_owned),
                        has: names(&has),
                        lacks: names(&den),
                        posts: Some(n),
                    },
                ));
            }
        }
        (agg, left_out)
    }

    /// The parts a rate leaves out over an aggregate, each a platform's values from
    /// one export family: those with values for the numerator's metrics but for
    /// none of the denominator's in the same export (organic engagements from a Page
    /// export are not divided by an ads export's reach). A list of records (a CRM's
    /// leads) and an account's values (followers) stand for their platform beside
    /// any export. Rows without a platform are always kept (nothing says where they
    /// come from).
    pub fn left_out(&self, name: &str, ds: &Dataset, agg: &Aggregate) -> Vec<(Part, LeftOut)> {
        self.left_out_of(name, ds, agg, false)
    }

    /// The platforms that have a rate's numerator when no row of `agg` has any value
    /// for its denominator (a Google Ads export's conversions without link clicks
    /// for conversion_rate): why the rate has no value. `agg` is everything the KPI
    /// is worked out over (the window and filter, all groups together): a group of
    /// `--by platform` without the denominator says nothing. The other way round,
    /// the platforms with its denominator when no row has its numerator, which is
    /// unknown there (a Meta Ads export's impressions without clicks for ctr); and
    /// when each side has rows but every platform with either is left out (GA4's
    /// conversions, Meta's link clicks), all of them. Empty otherwise
    /// ([`Self::left_out`] says which platforms are left out then).
    /// For another quotient (`roas`), the platforms with one side when no row has
    /// the other.
    pub fn lacking_denominator(&self, name: &str, ds: &Dataset, agg: &Aggregate) -> Vec<LeftOut> {
        self.left_out_of(name, ds, agg, true)
            .into_iter()
            .map(|(_, l)| l)
            .collect()
    }

    /// Whether the metrics of a KPI have values in `agg` as it needs them to have
    /// one: each side of a rate one of its own (a cost over conversions no row has
    /// shows no value in any currency), another KPI all its metrics (`roas` without
    /// revenue has none).
    pub fn could_have_value(&self, name: &str, ds: &Dataset, agg: &Aggregate) -> bool {
        let has = |id: &MetricId| {
            !agg.metrics[id.0 as usize]
                .parts_with_value(ds.metric(*id).aggregation)
                .is_empty()
        };
        match self.rate_sides(name, ds) {
            Some((num, den)) => num.iter().any(has) && den.iter().any(has),
            None => self
                .base_metrics(name, ds)
                .iter()
                .filter_map(|m| ds.metric_id(m))
                .all(|id| has(&id)),
        }
    }

    /// [`Self::evaluate`] over everything the KPI is worked out over (the window and
    /// filter of `roi kpi`, `explain` or a goal): a rate without a value because no
    /// row has its denominator says which platforms have its numerator in
    /// `left_out`.
    pub fn evaluate_whole(
        &self,
        name: &str,
        dataset: &Dataset,
        agg: &Aggregate,
        fx: &Fx,
    ) -> Result<Value, EvalError> {
        let mut v = self.evaluate(name, dataset, agg, fx)?;
        if v.value.is_none() {
            for l in self.lacking_denominator(name, dataset, agg) {
                if !v.left_out.contains(&l) {
                    v.left_out.push(l);
                }
            }
        }
        Ok(v)
    }

    fn left_out_of(
        &self,
        name: &str,
        ds: &Dataset,
        agg: &Aggregate,
        no_denominator: bool,
    ) -> Vec<(Part, LeftOut)> {
        match self.rate_sides(name, ds) {
            Some((num, den)) => left_out_of_sides(&num, &den, ds, agg, no_denominator),
            None if no_denominator => {
                let parts = |id: &MetricId| {
                    agg.metrics[id.0 as usize].parts_with_value(ds.metric(*id).aggregation)
                };
                self.one_side_only(name, ds, &parts)
            }
            None => Vec::new(),
        }
    }

    /// Why a quotient that is no rate of counts (`roas`, blended by design) has no
    /// value: one side's metrics have values and none of the other's does (Meta's
    /// `Purchase ROAS` is read, its revenue is not: spend without revenue). The
    /// platforms of the side with values, each as a [`LeftOut`].
    fn one_side_only(
        &self,
        name: &str,
        ds: &Dataset,
        parts: &dyn Fn(&MetricId) -> Vec<Part>,
    ) -> Vec<(Part, LeftOut)> {
        let Some((num, den)) = self.quotient_sides(name, ds) else {
            return Vec::new();
        };
        let valued = |ids: &[MetricId]| ids.iter().any(|id| !parts(id).is_empty());
        let (has, lacks) = match (valued(&num), valued(&den)) {
            (true, false) => (num, den),
            (false, true) => (den, num),
            _ => return Vec::new(),
        };
        // A side of constants alone lacks nothing to name.
        if lacks.is_empty() {
            return Vec::new();
        }
        let names = |ids: &[MetricId]| -> Vec<String> {
            ids.iter().map(|id| ds.metric(*id).name.clone()).collect()
        };
        let mut out: Vec<(Part, LeftOut)> = Vec::new();
        for id in &has {
            for part in parts(id) {
                let Some(platform) = part.0 else { continue };
                let metric = ds.metric(*id).name.clone();
                match out.iter_mut().find(|(p, _)| *p == part) {
                    Some((_, l)) => l.has.push(metric),
                    None => out.push((
                        part,
                        LeftOut {
                            platform: ds.interner.get(platform).to_owned(),
                            export: ds.family_name(part.1).map(str::to_owned),
                            has: vec![metric],
                            lacks: names(&lacks),
                            posts: None,
                        },
                    )),
                }
            }
        }
        out.sort_by(|a, b| (&a.1.platform, &a.1.export).cmp(&(&b.1.platform, &b.1.export)));
        out
    }

    /// The platforms whose leads, counted by `name`, come both from an ad or page
    /// export (a lead form's results) and from a list of records (a CRM's contacts)
    /// among `rows`: the same people may be counted twice. Empty when `name` counts
    /// no leads. One rule for every command: `report`, the goals of `check`,
    /// `status` and `explain`, and `kpi`.
    pub fn leads_counted_twice<'r>(
        &self,
        name: &str,
        ds: &Dataset,
        rows: impl IntoIterator<Item = &'r crate::dataset::Row>,
    ) -> Vec<String> {
        let Some(leads) = ds.metric_id("leads") else {
            return Vec::new();
        };
        if !self.base_metrics(name, ds).iter().any(|m| m == "leads") {
            return Vec::new();
        }
        // Per platform: leads from exports of numbers, and from records.
        let mut seen: BTreeMap<&str, (bool, bool)> = BTreeMap::new();
        for row in rows {
            if row.value(leads).is_none_or(|v| v.0 == 0) {
                continue;
            }
            let Some(platform) = ds.dim_value(row, crate::model::Dimension::Platform) else {
                continue;
            };
            let entry = seen.entry(platform).or_default();
            if ds.files[row.file as usize].records {
                entry.1 = true;
            } else {
                entry.0 = true;
            }
        }
        seen.into_iter()
            .filter(|(_, (ads, crm))| *ads && *crm)
            .map(|(p, _)| p.to_owned())
            .collect()
    }

    /// The ad platforms whose revenue or conversions (`revenue`, `conversions`,
    /// `purchases`), counted by `name`, come from an ad export (Meta Ads, Google
    /// Ads, TikTok Ads, Pinterest ads) among `rows` while a web analytics export
    /// (GA4) or a list of records (a CRM's deals, a shop's orders) gives some too:
    /// the site's sales and key events include those the ads brought (GA4's `google /
    /// cpc`), so the same sales may be counted twice. Any
    /// web analytics value counts, whatever platform its source names: a GA4 report
    /// not broken down by source holds the ads' sales too. Empty when `name` counts
    /// none of them. Both are still added: which to keep is the user's choice.
    pub fn sales_counted_twice<'r>(
        &self,
        name: &str,
        ds: &Dataset,
        rows: impl IntoIterator<Item = &'r crate::dataset::Row>,
    ) -> Vec<String> {
        let base = self.base_metrics(name, ds);
        let ids: Vec<MetricId> = ["revenue", "conversions", "purchases"]
            .into_iter()
            .filter(|m| base.iter().any(|b| b == m))
            .filter_map(|m| ds.metric_id(m))
            .collect();
        if ids.is_empty() {
            return Vec::new();
        }
        let mut ads: BTreeSet<&str> = BTreeSet::new();
        let mut analytics = false;
        for row in rows {
            if !ids
                .iter()
                .any(|id| row.value(*id).is_some_and(|v| v.0 != 0))
            {
                continue;
            }
            // A list of sales (a CRM's deals, a shop's orders) holds every sale, the
            // ads' as much as a web analytics export does.
            if ds.files[row.file as usize].records {
                analytics = true;
                continue;
            }
            let Some(key) = ds.family_key(ds.family(row)) else {
                continue;
            };
            if crate::input::layout::is_web_analytics(key) {
                analytics = true;
            } else if crate::input::layout::is_ad_export(key)
                && let Some(platform) = ds.dim_value(row, crate::model::Dimension::Platform)
            {
                ads.insert(platform);
            }
        }
        if !analytics {
            return Vec::new();
        }
        ads.into_iter().map(str::to_owned).collect()
    }

    /// Why a KPI has no value when it divides something other than 0 by a total of 0
    /// (spend 1,000 USD and no leads): the numerator, its value and which way the
    /// quotient runs off (`sign`: +1 towards +∞, −1 towards −∞). `None` when it has a
    /// value, for 0 / 0 (nothing happened) and when it is not a quotient.
    ///
    /// `covered` says whether files giving these metrics say they cover the window:
    /// a denominator of counts none of whose rows fall in it (a CRM's list without a
    /// lead yet) is then 0, as the count alone is.
    pub fn divided_by_zero(
        &self,
        name: &str,
        ds: &Dataset,
        agg: &Aggregate,
        fx: &Fx,
        covered: &dyn Fn(&[MetricId]) -> bool,
    ) -> Result<Option<DividedByZero>, EvalError> {
        // Through aliases, signs and constant factors (cpm is spend / impressions ×
        // 1000) down to the quotient.
        let mut expr = &Expr::Name(name.to_owned());
        let mut sign = 1.0;
        let (num, den) = loop {
            match expr {
                Expr::Name(n) if ds.metric_id(n).is_none() => match self.kpis.get(n) {
                    Some(kpi) => expr = &kpi.formula,
                    None => return Ok(None),
                },
                _ => match (expr.scaled(), expr) {
                    (Some((e, factor)), _) => {
                        sign *= factor.signum();
                        expr = e;
                    }
                    (None, Expr::Binary(Op::Div, l, r)) => break (l, r),
                    _ => return Ok(None),
                },
            }
        };
        let (agg, _) = self.counted(name, ds, agg);
        let numerator = self.eval(num, ds, &agg, fx)?;
        let mut denominator = self.eval(den, ds, &agg, fx)?;
        if denominator.value.is_none() {
            let mut metrics = Vec::new();
            for n in den.names() {
                self.collect_metrics(n, ds, &mut metrics, 0);
            }
            let ids: Vec<MetricId> = metrics.iter().filter_map(|m| ds.metric_id(m)).collect();
            let counts = ids
                .iter()
                .all(|id| ds.metric(*id).unit == crate::model::Unit::Count);
            if !ids.is_empty() && counts && !agg.gives(&ids) && covered(&ids) {
                denominator.value = Some(0.0);
            }
        }
        Ok(match (numerator.value, denominator.value) {
            (Some(n), Some(d)) if d == 0.0 && n != 0.0 && n.is_finite() => Some(DividedByZero {
                numerator: num.to_string(),
                numerator_value: n,
                numerator_currency: numerator.currency,
                denominator: den.to_string(),
                sign: if sign * n > 0.0 { 1 } else { -1 },
            }),
            _ => None,
        })
    }

    /// Evaluates a KPI (or a bare metric) over an aggregate. A rate or cost of counts
    /// leaves out the platforms that have its numerator but none of its denominator,
    /// and says so in `left_out`.
    pub fn evaluate(
        &self,
        name: &str,
        dataset: &Dataset,
        agg: &Aggregate,
        fx: &Fx,
    ) -> Result<Value, EvalError> {
        let (agg, left_out) = self.counted(name, dataset, agg);
        let mut left_out: Vec<LeftOut> = left_out.into_iter().map(|(_, l)| l).collect();
        let q = match self.kpis.get(name) {
            Some(kpi) if dataset.metric_id(name).is_none() => {
                for l in self.left_out_within(&kpi.formula, dataset, &agg, 0) {
                    if !left_out.contains(&l) {
                        left_out.push(l);
                    }
                }
                let q = self.eval(&kpi.formula, dataset, &agg, fx)?;
                self.emv_in_currency(name, q, fx)
            }
            _ => self.eval(&Expr::Name(name.to_owned()), dataset, &agg, fx)?,
        };
        let unit = self.unit(name, dataset);
        let bound = if q.value.is_some() {
            q.bound
        } else {
            Bound::Exact
        };
        let (mut reach_summed, mut masked) = (false, Vec::new());
        if !bound.is_exact() {
            for metric in self.base_metrics(name, dataset) {
                let Some(id) = dataset.metric_id(&metric) else {
                    continue;
                };
                reach_summed |= dataset.metric(id).aggregation == Aggregation::Unique
                    && agg.metrics.get(id.0 as usize).is_some_and(|t| t.rows > 1);
                if agg.masks(dataset, id) {
                    masked.push(metric);
                }
            }
        }
        Ok(Value {
            value: q.value.filter(|v| v.is_finite()),
            unit: if q.currency.is_some() && unit == Unit::Number {
                Unit::Money
            } else {
                unit
            },
            // Money built from constants (EMV's cost per engagement) is in the
            // report currency.
            currency: match unit {
                _ if q.value.is_none() => None,
                Unit::Ratio => None,
                Unit::Money => q.currency.or_else(|| fx.base.clone()),
                _ => q.currency,
            },
            bound,
            left_out,
            reach_summed,
            masked,
        })
    }

    /// What the KPIs a formula refers to leave out, each as it is evaluated there
    /// (see [`Self::eval`]).
    fn left_out_within(
        &self,
        expr: &Expr,
        ds: &Dataset,
        agg: &Aggregate,
        depth: usize,
    ) -> Vec<LeftOut> {
        let mut out = Vec::new();
        for name in expr.names() {
            let Some(kpi) = self.kpis.get(name) else {
                continue;
            };
            if ds.metric_id(name).is_some() || depth > 64 {
                continue;
            }
            let (agg, left_out) = self.counted(name, ds, agg);
            let within = self.left_out_within(&kpi.formula, ds, &agg, depth + 1);
            for l in left_out.into_iter().map(|(_, l)| l).chain(within) {
                if !out.contains(&l) {
                    out.push(l);
                }
            }
        }
        out
    }

    fn eval(
        &self,
        expr: &Expr,
        ds: &Dataset,
        agg: &Aggregate,
        fx: &Fx,
    ) -> Result<Quantity, EvalError> {
        Ok(match expr {
            Expr::Number(n) => Quantity::plain(Some(*n)),
            Expr::Name(name) => {
                if let Some(id) = ds.metric_id(name) {
                    metric_quantity(name, ds, agg, id, fx)?
                } else if let Some(kpi) = self.kpis.get(name) {
                    // As that KPI, with its own platforms left out: `cpl + cpc` adds
                    // two costs, not a sum of spend over each's counts.
                    let (agg, _) = self.counted(name, ds, agg);
                    let q = self.eval(&kpi.formula, ds, &agg, fx)?;
                    self.emv_in_currency(name, q, fx)
                } else {
                    return Err(self.check_name(name, ds).err().unwrap_or_else(|| {
                        EvalError::UnknownName {
                            name: name.clone(),
                            hint: String::new(),
                        }
                    }));
                }
            }
            Expr::Growth(name) => growth(name, ds, agg),
            Expr::Neg(e) => {
                let q = self.eval(e, ds, agg, fx)?;
                Quantity {
                    value: q.value.map(|v| -v),
                    ..q
                }
            }
            Expr::Binary(op, l, r) => {
                let l = self.eval(l, ds, agg, fx)?;
                let r = self.eval(r, ds, agg, fx)?;
                let (l, r) = same_currency(expr, l, r, fx)?;
                combine(*op, l, r)
            }
        })
    }
}

/// [`Catalogue::left_out`] of a rate whose sides are `num` and `den`.
fn left_out_of_sides(
    num: &[MetricId],
    den: &[MetricId],
    ds: &Dataset,
    agg: &Aggregate,
    no_denominator: bool,
) -> Vec<(Part, LeftOut)> {
    let parts =
        |id: &MetricId| agg.metrics[id.0 as usize].parts_with_value(ds.metric(*id).aggregation);
    let meets = |with: &[Part], (p, f): Part| with.iter().any(|(q, g)| *q == p && g.meets(f));
    let with_den: Vec<Part> = den.iter().flat_map(parts).collect();
    let with_num: Vec<Part> = num.iter().flat_map(parts).collect();
    // Without any denominator the rate has no value anyway: nothing to leave out
    // (a `--by platform` group of a platform without reach says nothing more).
    // [`Catalogue::lacking_denominator`] asks over everything the KPI is worked out
    // over, where it says why the rate has none: no row has the denominator, or
    // none has the numerator, or each side's parts are all left out.
    if !no_denominator && with_den.is_empty() {
        return Vec::new();
    }
    // Spend over counts (cpc, cpl): spend of a platform that no export gives
    // any of the counts paid for another platform's, and unattributed counts (a CRM's leads without a
    // source) may be any platform's, so its spend is kept then.
    let cost = num.iter().any(|id| ds.metric(*id).unit == Unit::Money);
    if cost && with_den.iter().any(|p| p.0.is_none()) {
        return Vec::new();
    }
    let mut out: Vec<(Part, LeftOut)> = Vec::new();
    // The part has `metric` of one side and none of `lacks`, the other's.
    let left_out =
        |out: &mut Vec<(Part, LeftOut)>, part: Part, metric: MetricId, lacks: &[MetricId]| {
            let metric = ds.metric(metric).name.clone();
            match out.iter_mut().find(|(p, _)| *p == part) {
                Some((_, l)) => {
                    if !l.has.contains(&metric) {
                        l.has.push(metric);
                    }
                }
                None => out.push((
                    part,
                    LeftOut {
                        platform: part
                            .0
                            .map_or_else(String::new, |s| ds.interner.get(s).to_owned()),
                        export: ds.family_name(part.1).map(str::to_owned),
                        has: vec![metric],
                        lacks: lacks.iter().map(|m| ds.metric(*m).name.clone()).collect(),
                        posts: None,
                    },
                )),
            }
        };
    for id in num {
        for part in parts(id) {
            // A cost's counts often come from what tells where sales and leads
            // came from (GA4's key events by source, a CRM's leads), so its spend
            // stays beside those of its platform. Not beside an organic export's
            // (a Page's clicks on its posts): nobody paid for those. A file with
            // the counts' column gives them to every platform in it (Meta leaves
            // a zero blank).
            let attributes = |(q, g): &Part| {
                *q == part.0
                    && (g.meets(part.1)
                        || ds.family_key(*g).is_some_and(|key| {
                            crate::input::layout::is_web_analytics(key)
                                || crate::input::layout::is_ad_export(key)
                        }))
            };
            if part.0.is_none()
                || meets(&with_den, part)
                || (cost && with_den.iter().any(attributes))
                || (cost && den.iter().any(|d| ds.carries(part.0, part.1, *d, false)))
            {
                continue;
            }
            left_out(&mut out, part, *id, den);
        }
    }
    // The other way round, a part with the denominator whose exports give none
    // of the numerator (Meta's impressions in a ctr, where Meta gave link clicks
    // but no clicks) would dilute the rate: its numerator is unknown, not 0. Not
    // so when the numerator is a part of the denominator (a sentiment share: a
    // platform without positive mentions has none), or counts records (leads in
    // a CRM, a listening tool's mentions): no record is none. Nor for a cost:
    // counts without spend (a CRM's leads, a Page's clicks) cost nothing.
    let unknown_when_absent = !cost
        && num
            .iter()
            .any(|id| !den.contains(id) && !ds.metric(*id).from_records);
    if unknown_when_absent && (no_denominator || !with_num.is_empty()) {
        for id in den {
            for part in parts(id) {
                if part.0.is_none()
                    || meets(&with_num, part)
                    // Only its own export's column makes its empty cells zeros:
                    // another file's values outside the selection say nothing of
                    // these rows (roi's own format leaves them empty, unknown).
                    || num.iter().any(|n| {
                        ds.carries(part.0, part.1, *n, !ds.metric(*n).from_records)
                    })
                {
                    continue;
                }
                left_out(&mut out, part, *id, num);
            }
        }
    }
    out.sort_by(|a, b| (&a.1.platform, &a.1.export).cmp(&(&b.1.platform, &b.1.export)));
    // With both sides somewhere, the rate lacks a value for want of them only when
    // every part with either is left out: then that is why.
    if no_denominator
        && !with_den.is_empty()
        && !with_num.is_empty()
        && with_den
            .iter()
            .chain(&with_num)
            .any(|p| !out.iter().any(|(q, _)| q == p))
    {
        return Vec::new();
    }
    out
}

/// Where a custom metric was read, for messages: the header of a mapped column and
/// its file (`` `Trial starts` in data.csv ``), or the first file that gives it a
/// value.
fn column_of(ds: &Dataset, id: crate::model::MetricId) -> String {
    let name = &ds.metric(id).name;
    for file in &ds.files {
        for table in &file.tables {
            if let Some(c) = table.columns.iter().find(|c| {
                c.target.key == "inspect.target.name"
                    && c.target.args.iter().any(|(k, v)| *k == "name" && v == name)
            }) {
                return crate::say!(
                    "error.column_in_file",
                    column = c.header,
                    file = file.path.display()
                );
            }
        }
    }
    let file = ds
        .rows
        .iter()
        .find(|r| r.value(id).is_some())
        .and_then(|r| ds.files.get(r.file as usize));
    match file {
        Some(file) => crate::say!(
            "error.column_in_file",
            column = name,
            file = file.path.display()
        ),
        None => format!("`{name}`"),
    }
}

fn emv_formula(settings: &KpiSettings) -> String {
    let terms: Vec<String> = settings
        .emv_weights
        .iter()
        .map(|(metric, weight)| format!("{metric} * {weight}"))
        .collect();
    let sum = if terms.is_empty() {
        "0".to_owned()
    } else {
        terms.join(" + ")
    };
    format!("({sum}) * {}", settings.emv_cost_per_engagement)
}

fn growth_args(expr: &Expr) -> Vec<&str> {
    match expr {
        Expr::Growth(n) => vec![n.as_str()],
        Expr::Neg(e) => growth_args(e),
        Expr::Binary(_, l, r) => {
            let mut v = growth_args(l);
            v.extend(growth_args(r));
            v
        }
        _ => Vec::new(),
    }
}

/// Brings two amounts into one currency before they meet: revenue in USD and spend
/// in VND are never subtracted or divided as they are, only through `[fx]`.
fn same_currency(
    expr: &Expr,
    l: Quantity,
    r: Quantity,
    fx: &Fx,
) -> Result<(Quantity, Quantity), EvalError> {
    // Money that names no currency is in some currency all the same: not one to
    // divide VND by (revenue of a GA4 file without one, over spend in VND).
    let mixed = match (&l.currency, &r.currency, &l.unnamed, &r.unnamed) {
        (Some(a), None, _, Some(b)) | (None, Some(b), Some(a), _) => Some(format!("{a}, {b}")),
        _ => None,
    };
    if let Some(currencies) = mixed {
        return Err(EvalError::MixedCurrencies {
            metric: expr.to_string(),
            currencies,
            narrow: Narrow::Rates,
        });
    }
    let (Some(a), Some(b)) = (&l.currency, &r.currency) else {
        return Ok((l, r));
    };
    if a == b {
        return Ok((l, r));
    }
    let Some(base) = fx.base.clone().filter(|_| !fx.rates.is_empty()) else {
        return Err(EvalError::MixedCurrencies {
            metric: expr.to_string(),
            currencies: format!("{a}, {b}"),
            narrow: Narrow::Rates,
        });
    };
    let convert = |q: Quantity| -> Result<Quantity, EvalError> {
        let rate = fx.rate(q.currency.as_deref().unwrap_or_default(), &base)?;
        Ok(Quantity {
            value: q.value.map(|v| v * rate),
            currency: Some(base.clone()),
            bound: q.bound,
            unnamed: None,
        })
    };
    Ok((convert(l)?, convert(r)?))
}

fn combine(op: Op, l: Quantity, r: Quantity) -> Quantity {
    // Growing a divisor or a subtrahend shrinks the result.
    let bound = match op {
        Op::Add | Op::Mul => l.bound.and(r.bound),
        Op::Sub | Op::Div => l.bound.and(r.bound.flip()),
    };
    // Money over money is a ratio, of no currency named or not.
    let unnamed = match op {
        Op::Div if r.currency.is_some() || r.unnamed.is_some() => None,
        Op::Div => l.unnamed.clone(),
        _ => l.unnamed.clone().or_else(|| r.unnamed.clone()),
    };
    let (value, currency) = match op {
        // A missing term adds nothing: a platform without saves still has engagements.
        // A missing subtrahend subtracts nothing; a missing minuend leaves nothing to
        // subtract from (no revenue means no ROI, not -100%).
        Op::Add | Op::Sub => {
            let value = match (op, l.value, r.value) {
                (_, None, None) | (Op::Sub, None, _) => None,
                (Op::Sub, Some(a), b) => Some(a - b.unwrap_or(0.0)),
                (_, a, b) => Some(a.unwrap_or(0.0) + b.unwrap_or(0.0)),
            };
            (value, l.currency.or(r.currency))
        }
        Op::Mul => (
            l.value.zip(r.value).map(|(a, b)| a * b),
            l.currency.or(r.currency),
        ),
        Op::Div => {
            let value = match (l.value, r.value) {
                (Some(a), Some(b)) if b != 0.0 => Some(a / b),
                _ => None,
            };
            // Money over money is a ratio; money over a count stays money.
            let currency = if r.currency.is_some() {
                None
            } else {
                l.currency
            };
            (value, currency)
        }
    };
    Quantity {
        value: value.filter(|v| v.is_finite()),
        currency,
        bound,
        unnamed,
    }
}

fn metric_quantity(
    name: &str,
    ds: &Dataset,
    agg: &Aggregate,
    id: crate::model::MetricId,
    fx: &Fx,
) -> Result<Quantity, EvalError> {
    let info = ds.metric(id);
    let total = &agg.metrics[id.0 as usize];
    // A stock has a value from a reading before the window even with no row in it.
    let empty = match info.aggregation {
        Aggregation::Stock => total.last.is_empty(),
        _ => total.rows == 0,
    };
    if empty {
        if matches!(info.aggregation, Aggregation::Flow | Aggregation::Unique)
            && !total.left_to_finer
            && let Some(key) = blank_is_zero(ds, agg, id)
        {
            // A 0 of no currency found is in none: it meets any amount.
            return money_sum(name, ds, &BTreeMap::from([(key, 0)]), fx).map(|mut q| {
                if key == (None, None) {
                    q.unnamed = None;
                }
                // Every cell masked (`<5`): 0 is what the file shows, at least.
                if agg.masks(ds, id) {
                    q.bound = Bound::Lower;
                }
                q
            });
        }
        return Ok(Quantity::plain(None));
    }
    Ok(match info.aggregation {
        Aggregation::Flow | Aggregation::Unique => {
            let mut q = money_sum(name, ds, &total.sums, fx)?;
            if info.unit != Unit::Money {
                q.unnamed = None;
            }
            if info.aggregation == Aggregation::Unique && total.rows > 1 {
                q.bound = Bound::Upper;
            }
            // Hidden small counts (`<5`) are missing from the sum: the true total
            // is at least it.
            if agg.masks(ds, id) {
                q.bound = q.bound.and(Bound::Lower);
            }
            q
        }
        Aggregation::Stock => Quantity::plain(Some(sum_to_f64(
            total.last.values().map(|(_, v)| i128::from(v.0)).sum(),
        ))),
        Aggregation::Duration => Quantity::plain(
            (total.weight != 0).then(|| total.weighted as f64 / total.weight as f64 / 1e6),
        ),
    })
}

/// The currency of a 0 for a metric no row of `agg` has a value of, when some of
/// its rows come from an export with the metric's column: its empty cells are
/// zeros there (Meta leaves a zero blank), so a campaign's rows without revenue
/// have revenue 0, not none. Money is in the currency of the other amounts
/// (its spend). `None` when no file of its rows has the column.
fn blank_is_zero(ds: &Dataset, agg: &Aggregate, id: MetricId) -> Option<crate::dataset::MoneyKey> {
    // A file whose rows a rate left out (Meta's spend without clicks in a cpc)
    // gives no 0 either.
    if agg.trimmed {
        return None;
    }
    let file = *agg
        .rows_per_file
        .keys()
        .find(|file| ds.exports(**file, id))?;
    if ds.metric(id).unit != Unit::Money {
        return Some((None, None));
    }
    // The sums do not say which file a named currency is of: with amounts in one
    // currency the 0 is in it, with several in none (a 0 meets any amount).
    let mut keys = agg
        .metrics
        .iter()
        .enumerate()
        .filter(|(i, _)| ds.metrics[*i].unit == Unit::Money)
        .flat_map(|(_, m)| m.sums.keys().copied())
        .filter(|key| key.1.is_none_or(|f| f == file));
    let first = keys.next();
    Some(match first {
        Some(key) if keys.all(|k| k == key) => key,
        _ => (None, None),
    })
}

/// Sums per currency into one quantity. With `[fx]`, money whose currency has a rate
/// is in the report currency, however many currencies there are: a goal's target and
/// its baseline are in that currency, so a sum left in VND would be compared with
/// USD. Without `[fx]` one currency is as it is and several are refused.
fn money_sum(
    name: &str,
    ds: &Dataset,
    sums: &BTreeMap<crate::dataset::MoneyKey, i128>,
    fx: &Fx,
) -> Result<Quantity, EvalError> {
    let currency_name =
        |c: &crate::dataset::MoneyKey| c.0.map(|s| ds.interner.get(s).to_uppercase());
    let base = fx.base.clone().filter(|_| !fx.rates.is_empty());
    if sums.len() <= 1 {
        let (currency, sum) = sums
            .iter()
            .next()
            .map_or(((None, None), 0), |(c, s)| (*c, *s));
        let code = currency_name(&currency);
        // A currency without a rate (or money of no known currency) stays as it is,
        // named, as without `[fx]`.
        if let (Some(base), Some(code)) = (&base, &code)
            && let Ok(rate) = fx.rate(code, base)
        {
            return Ok(Quantity {
                value: Some(sum_to_f64(sum) * rate),
                currency: Some(base.clone()),
                bound: Bound::Exact,
                unnamed: None,
            });
        }
        let unnamed = code.is_none().then(|| unnamed_currency(ds, currency));
        return Ok(Quantity {
            value: Some(sum_to_f64(sum)),
            currency: code,
            bound: Bound::Exact,
            unnamed,
        });
    }
    let names: Vec<String> = sums
        .keys()
        .map(|c| currency_name(c).unwrap_or_else(|| unnamed_currency(ds, *c)))
        .collect();
    let Some(base) = base else {
        return Err(EvalError::MixedCurrencies {
            metric: name.to_owned(),
            currencies: names.join(", "),
            narrow: Narrow::Rates,
        });
    };
    let mut total = 0.0;
    for (currency, sum) in sums {
        let Some(code) = currency_name(currency) else {
            return Err(EvalError::MixedCurrencies {
                metric: name.to_owned(),
                currencies: names.join(", "),
                narrow: Narrow::Rates,
            });
        };
        total += sum_to_f64(*sum) * fx.rate(&code, &base)?;
    }
    Ok(Quantity {
        value: Some(total),
        currency: Some(base),
        bound: Bound::Exact,
        unnamed: None,
    })
}

/// Money of no currency, named by the file it comes from.
fn unnamed_currency(ds: &Dataset, key: crate::dataset::MoneyKey) -> String {
    match key.1 {
        Some(file) => format!(
            "no currency in {}",
            ds.files[file as usize]
                .path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        ),
        None => "no currency".to_owned(),
    }
}

/// The platforms, over a window, whose every account has follower counts in it
/// and neither a count before it nor gains or losses in it: their follower growth
/// is unknown (see [`growth`]).
fn growth_unknown(ds: &Dataset, agg: &Aggregate) -> Vec<Option<Sym>> {
    let Some(id) = ds.metric_id("followers").filter(|_| agg.window.is_some()) else {
        return Vec::new();
    };
    let total = &agg.metrics[id.0 as usize];
    let flows = |account: &(Option<Sym>, Option<Sym>)| {
        FOLLOWER_FLOWS.iter().any(|m| {
            ds.metric_id(m)
                .is_some_and(|f| agg.metrics[f.0 as usize].by_account.contains_key(account))
        })
    };
    // Per platform: whether an account of it grows by a known number.
    let mut known: BTreeMap<Option<Sym>, bool> = BTreeMap::new();
    for series in total.last.keys() {
        let told = total.before.contains_key(series) || flows(&(series.0, series.1));
        *known.entry(series.0).or_default() |= told;
    }
    known
        .into_iter()
        .filter(|(_, told)| !told)
        .map(|(platform, _)| platform)
        .collect()
}

fn growth(name: &str, ds: &Dataset, agg: &Aggregate) -> Quantity {
    // Taken per account (platform and account): one whose every count series has a
    // count before the window grows by its count's change; another by its flows in
    // the window (gains − losses + net changes). So does one with a count before the
    // window but none in it, when it has flows: its count is only not read again.
    // The selection grows by their sum: a TikTok count and a YouTube channel with
    // only gains and losses both count.
    type Account = (Option<Sym>, Option<Sym>);
    #[derive(Default)]
    struct Part {
        change: i128,
        counted: bool,
        unknown: bool,
        unbounded: bool,
        flows: Option<(i128, NaiveDate)>,
    }
    let mut parts: BTreeMap<Account, Part> = BTreeMap::new();
    if let Some(id) = ds.metric_id(name) {
        let total = &agg.metrics[id.0 as usize];
        for (series, (read, v)) in &total.last {
            let part = parts.entry((series.0, series.1)).or_default();
            match total.before.get(series) {
                Some((_, before)) => {
                    part.change += i128::from(v.0) - i128::from(before.0);
                    part.counted = true;
                    part.unbounded |= agg.window.is_some_and(|w| *read < w.from);
                }
                None => part.unknown = true,
            }
        }
    }
    for (metric, sign) in FOLLOWER_FLOWS.iter().zip([1, -1, 1]) {
        let Some(id) = ds.metric_id(metric) else {
            continue;
        };
        for (account, (sum, last)) in &agg.metrics[id.0 as usize].by_account {
            let flows = &mut parts.entry(*account).or_default().flows;
            *flows =
                Some(flows.map_or((sign * sum, *last), |(s, l)| (s + sign * sum, l.max(*last))));
        }
    }
    let mut sum = None;
    for part in parts.values() {
        let value = if part.counted && !part.unknown && !(part.unbounded && part.flows.is_some()) {
            Some(part.change)
        } else {
            part.flows.map(|(s, _)| s)
        };
        if let Some(v) = value {
            sum = Some(sum.unwrap_or(0) + v);
        }
    }
    Quantity::plain(sum.map(sum_to_f64))
}

#[cfg(test)]
mod tests {
    /// A cost of something is best when lowest, per unit or per thousand.
    #[test]
    fn costs_are_lower_is_better() {
        let catalogue = super::Catalogue::new(&super::KpiSettings::default()).unwrap();
        let ds = crate::dataset::Dataset::default();
        for name in ["cpc", "cpl", "cpm", "cpa"] {
            assert!(catalogue.lower_is_better(name, &ds), "{name}");
        }
        for name in ["roas", "ctr", "engagement_rate", "leads"] {
            assert!(!catalogue.lower_is_better(name, &ds), "{name}");
        }
    }

    /// A flow over a stock, at the window's start (follower growth rate) or at its
    /// end (an engagement rate by followers), grows as its flow does: a ratio of two
    /// sums or a stock stays a level.
    #[test]
    fn only_flows_over_stocks_pace_as_growth() {
        use super::Pace;
        let catalogue = super::Catalogue::new(&super::KpiSettings::default()).unwrap();
        let ds = crate::dataset::Dataset::default();
        for k in catalogue.iter() {
            let want =
                ["follower_growth_rate", "engagement_rate_followers"].contains(&k.name.as_str());
            assert_eq!(
                catalogue.pace(&k.name, &ds) == Pace::Growth,
                want,
                "{}",
                k.name
            );
        }
        assert_eq!(catalogue.pace("follower_growth", &ds), Pace::Cumulative);
        assert_eq!(catalogue.pace("follower_count", &ds), Pace::Level);
        assert_eq!(catalogue.pace("engagement_rate", &ds), Pace::Level);
    }

    #[test]
    fn suggestions_ignore_case() {
        assert!(super::did_you_mean("CPL", ["cpl", "cpc", "cpm"]).contains("`cpl`"));
        assert!(super::did_you_mean("Reach", ["reach"]).contains("`reach`"));
    }
}
