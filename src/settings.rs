//! `roi.toml`: parsed strictly (unknown keys are errors), then validated once into
//! typed [`Config`] that the rest of the program takes. No module below sees TOML.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use indexmap::IndexMap;
use serde::Deserialize;

use crate::dataset::{Filter, Window};
use crate::goals::{Baseline, Cmp, FailOn, Goal, Severity, Target};
use crate::kpi::{Catalogue, CustomKpi, Fx, KpiSettings, did_you_mean};
use crate::model::{Dimension, Unit};

pub const CONFIG_FILE: &str = "roi.toml";
pub const DEFAULT_TOLERANCE: f64 = 0.10;

/// A problem in roi.toml. The message names the key and says what was expected.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct ConfigError {
    pub path: String,
    pub message: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    inputs: Vec<RawInput>,
    // Spanned, as every value checked after parsing: its error gives its line and column.
    currency: Option<toml::Spanned<String>>,
    at_risk_tolerance: Option<toml::Spanned<f64>>,
    emv: Option<RawEmv>,
    cpa: Option<RawCpa>,
    clv: Option<RawClv>,
    #[serde(default)]
    fx: BTreeMap<String, toml::Spanned<f64>>,
    #[serde(default)]
    kpis: IndexMap<String, RawKpi>,
    #[serde(default)]
    goals: Vec<RawGoal>,
    fail_on: Option<toml::Spanned<String>>,
    year: Option<toml::Spanned<i32>>,
    lang: Option<toml::Spanned<String>>,
    #[serde(default)]
    mappings: Vec<crate::input::layout::MappingSpec>,
    insights: Option<RawInsights>,
    sentiment: Option<RawSentiment>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSentiment {
    #[serde(default)]
    brands: Vec<String>,
    #[serde(default)]
    words: BTreeMap<String, i32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInsights {
    short_video_seconds: Option<f64>,
    short_text_chars: Option<usize>,
    min_posts: Option<u64>,
    timezone: Option<toml::Spanned<String>>,
    rank_by: Option<toml::Spanned<String>>,
    top: Option<toml::Spanned<usize>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEmv {
    cost_per_engagement: Option<toml::Spanned<Amount>>,
    weights: Option<IndexMap<String, toml::Spanned<f64>>>,
}

/// An amount in roi.toml's `currency`: a number, or a text read as a money target's
/// amount is (`"12.500 ₫"`), once the currency is known.
#[derive(Debug)]
enum Amount {
    Number(f64),
    Text(String),
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        match toml::Value::deserialize(d)? {
            toml::Value::Integer(n) => Ok(Amount::Number(n as f64)),
            toml::Value::Float(n) => Ok(Amount::Number(n)),
            toml::Value::String(s) => Ok(Amount::Text(s)),
            other => Err(D::Error::custom(crate::say!(
                "error.amount_type",
                value = other
            ))),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCpa {
    actions: toml::Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClv {
    expected_lifetime: toml::Spanned<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKpi {
    formula: toml::Spanned<String>,
    unit: Option<toml::Spanned<String>>,
    description: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGoal {
    // Spanned, as every value checked after parsing: its error gives its line and column.
    id: toml::Spanned<String>,
    title: Option<String>,
    kpi: Option<toml::Spanned<String>>,
    // Values read as they come, so a wrong one is named with its key.
    #[serde(rename = "where", default)]
    filter: BTreeMap<String, toml::Spanned<toml::Value>>,
    start: Option<toml::Spanned<TomlDate>>,
    deadline: Option<toml::Spanned<TomlDate>>,
    target: Option<toml::Spanned<NumberOrText>>,
    baseline: Option<toml::Spanned<RawBaseline>>,
    severity: Option<toml::Spanned<String>>,
    #[serde(default)]
    tags: Vec<String>,
}

/// An input: a file, folder or glob, alone or with the account its rows are.
#[derive(Debug, Deserialize)]
#[serde(
    untagged,
    expecting = "an input is a path, or a table such as { path = \"brand-a/*.csv\", account = \"Brand A\" }"
)]
enum RawInput {
    Path(String),
    Account(RawAccountInput),
}

/// Its own struct so that a misspelt key (`acount`) is refused, not ignored.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAccountInput {
    path: String,
    account: String,
}

#[derive(Debug, Deserialize)]
#[serde(
    untagged,
    expecting = "`target` must be a number or a text such as \">= 500\", \"<= 5.00\" or \"+20%\""
)]
enum NumberOrText {
    Number(f64),
    Text(String),
}

const BASELINE_EXPECTING: &str = "`baseline` must be \"previous_period\", a number, or a window such as { from = 2026-07-01, to = 2026-07-31 }";

#[derive(Debug)]
enum RawBaseline {
    Number(f64),
    Text(String),
    Window(RawWindow),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWindow {
    from: TomlDate,
    to: TomlDate,
}

impl<'de> Deserialize<'de> for RawBaseline {
    /// Not an untagged enum: that would take `{ from, to, platfrom = … }` as a
    /// window and drop the misspelt key, where an unknown key must be refused.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        match toml::Value::deserialize(d)? {
            toml::Value::Integer(n) => Ok(RawBaseline::Number(n as f64)),
            toml::Value::Float(n) => Ok(RawBaseline::Number(n)),
            toml::Value::String(s) => Ok(RawBaseline::Text(s)),
            toml::Value::Table(t) => t
                .try_into()
                .map(RawBaseline::Window)
                .map_err(|e: toml::de::Error| D::Error::custom(e.message().trim_end())),
            _ => Err(D::Error::custom(BASELINE_EXPECTING)),
        }
    }
}

/// A date written either as a TOML date (`2026-08-01`) or a string.
#[derive(Debug, Clone)]
struct TomlDate(String);

impl<'de> Deserialize<'de> for TomlDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged, expecting = "a date such as 2026-08-31")]
        enum Either {
            Date(toml::value::Datetime),
            Text(String),
        }
        Ok(TomlDate(match Either::deserialize(d)? {
            Either::Date(dt) => dt.to_string(),
            Either::Text(s) => s,
        }))
    }
}

/// The validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where roi.toml is; inputs are relative to it. `None` without a config file.
    pub path: Option<PathBuf>,
    pub inputs: Vec<String>,
    /// Inputs given an account (`{ path = "…", account = "…" }`): the account of
    /// their rows that name none.
    pub accounts: Vec<(String, String)>,
    pub currency: Option<String>,
    pub at_risk_tolerance: f64,
    pub fx: Fx,
    pub catalogue: Catalogue,
    pub goals: Vec<Goal>,
    /// The lowest status that fails `roi check`.
    pub fail_on: FailOn,
    /// The year of exports whose dates have none.
    pub year: Option<i32>,
    /// The language of human-facing output (`lang = "vi"`).
    pub lang: Option<crate::i18n::Lang>,
    /// `[[mappings]]`: the user's own export layouts.
    pub mappings: Vec<crate::input::layout::Layout>,
    /// `[insights]`: thresholds and time zone of `roi insights`.
    pub insights: crate::insights::InsightSettings,
    /// `[sentiment]`: our brand names and extra words for the sentiment estimate.
    pub mentions: std::sync::Arc<crate::input::tabular::MentionSettings>,
    /// Where each `[kpis.NAME]` formula is written (line, column), for errors found
    /// once the inputs' columns are known.
    pub formula_at: BTreeMap<String, (usize, usize)>,
}

fn mention_settings(
    brands: &[String],
    words: &[(String, i32)],
) -> Result<std::sync::Arc<crate::input::tabular::MentionSettings>, String> {
    Ok(std::sync::Arc::new(
        crate::input::tabular::MentionSettings {
            brands: brands
                .iter()
                .map(|b| crate::dataset::compose(b.trim()).to_lowercase())
                .collect(),
            classifier: crate::sentiment::Classifier::new(words)?,
        },
    ))
}

impl Default for Config {
    fn default() -> Self {
        Config {
            path: None,
            inputs: Vec::new(),
            accounts: Vec::new(),
            currency: None,
            at_risk_tolerance: DEFAULT_TOLERANCE,
            fx: Fx::default(),
            catalogue: Catalogue::new(&KpiSettings::default())
                .expect("built-in KPI formulas parse"),
            goals: Vec::new(),
            fail_on: FailOn::Behind,
            year: None,
            lang: None,
            mappings: Vec::new(),
            insights: crate::insights::InsightSettings::default(),
            mentions: mention_settings(&[], &[]).expect("the built-in word lists parse"),
            formula_at: BTreeMap::new(),
        }
    }
}

impl Config {
    /// Directory that relative inputs are resolved against.
    pub fn base_dir(&self) -> &Path {
        self.path
            .as_deref()
            .and_then(Path::parent)
            .unwrap_or(Path::new("."))
    }

    /// The goal of an id, as typed: composed or decomposed (NFC or NFD) alike.
    pub fn goal(&self, id: &str) -> Result<&Goal, ConfigError> {
        let id = goal_id(id);
        let id = id.as_str();
        self.goals.iter().find(|g| g.id == id).ok_or_else(|| {
            let hint = did_you_mean(id, self.goals.iter().map(|g| g.id.as_str()));
            let known: Vec<&str> = self.goals.iter().map(|g| g.id.as_str()).collect();
            ConfigError {
                path: self.display_path(),
                message: crate::say!(
                    "error.no_goal",
                    id = id,
                    hint = hint,
                    goals = if known.is_empty() {
                        crate::say!("error.none")
                    } else {
                        known.join(", ")
                    }
                ),
            }
        })
    }

    pub fn display_path(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| CONFIG_FILE.to_owned(), |p| p.display().to_string())
    }

    /// Loads `path`, or `./roi.toml` when it exists, or the defaults. Unless
    /// `lang_given` (`--lang`), the file's own `lang` becomes the run's language
    /// first, so that the file's errors are in it too.
    pub fn load(path: Option<&Path>, lang_given: bool) -> Result<Config, ConfigError> {
        let path = match path {
            Some(p) => p.to_path_buf(),
            None => {
                let default = PathBuf::from(CONFIG_FILE);
                if !default.is_file() {
                    return Ok(Config::default());
                }
                default
            }
        };
        let display = path.display().to_string();
        let text = std::fs::read_to_string(&path).map_err(|e| ConfigError {
            path: display.clone(),
            message: crate::say!("error.read_config", error = e),
        })?;
        if !lang_given && let Some(lang) = lang_in(&text) {
            crate::i18n::set_current(lang);
        }
        let mut config = Config::parse(&text, &display)?;
        config.path = Some(path);
        Ok(config)
    }

    pub fn parse(text: &str, display: &str) -> Result<Config, ConfigError> {
        let err = |message: String| ConfigError {
            path: display.to_owned(),
            message,
        };
        let raw: RawConfig =
            toml::from_str(text).map_err(|e| err(describe_toml_error(text, &e)))?;

        let mut inputs = Vec::new();
        let mut accounts = Vec::new();
        for input in raw.inputs {
            match input {
                RawInput::Path(path) => inputs.push(path),
                RawInput::Account(RawAccountInput { path, account }) => {
                    let account = account.trim();
                    if account.is_empty() {
                        return Err(err(crate::say!("error.input_account", path = path)));
                    }
                    accounts.push((path.clone(), account.to_owned()));
                    inputs.push(path);
                }
            }
        }
        let tolerance = match &raw.at_risk_tolerance {
            None => DEFAULT_TOLERANCE,
            Some(t) if (0.0..1.0).contains(t.get_ref()) => *t.get_ref(),
            Some(t) => {
                return Err(err(at(
                    text,
                    t.span(),
                    &crate::say!("error.tolerance", value = t.get_ref()),
                )));
            }
        };
        let year = raw.year.as_ref().map(|y| *y.get_ref());
        if let Some(y) = &raw.year
            && !crate::input::value::YEARS.contains(y.get_ref())
        {
            return Err(err(at(
                text,
                y.span(),
                &crate::say!(
                    "error.config_year",
                    value = y.get_ref(),
                    first = crate::input::value::YEARS.start,
                    last = crate::input::value::YEARS.end - 1
                ),
            )));
        }
        // `VNĐ` as Vietnamese writes it is VND; `US Dollar` or `XYZ` is no currency
        // an export names, and money in it would never meet the rows'.
        let currency = match &raw.currency {
            None => None,
            Some(c) => Some(crate::model::currency_code(c.get_ref()).ok_or_else(|| {
                err(at(
                    text,
                    c.span(),
                    &crate::say!(
                        "error.config_currency",
                        key = "currency",
                        value = c.get_ref(),
                        hint = crate::model::currency_hint(c.get_ref())
                    ),
                ))
            })?),
        };

        let mut kpi_settings = KpiSettings::default();
        // Checked before they are written into formulas: `nan` there would read as an
        // unknown name, and a cost or lifetime of 0 or below gives figures that look
        // real but mean nothing.
        let positive = |key: &str, n: f64| {
            if n.is_finite() && n > 0.0 {
                Ok(n)
            } else {
                Err(err(crate::say!(
                    "error.positive",
                    key = key,
                    value = toml_number(n)
                )))
            }
        };
        kpi_settings.emv_in_dollars = raw
            .emv
            .as_ref()
            .is_none_or(|e| e.cost_per_engagement.is_none());
        if let Some(emv) = raw.emv {
            if let Some(cost) = emv.cost_per_engagement {
                const KEY: &str = "[emv] cost_per_engagement";
                let (line, column) = line_column(text, cost.span().start);
                let cost = match cost.into_inner() {
                    Amount::Number(n) => n,
                    Amount::Text(t) => {
                        amount_text(KEY, "emv", &t, currency.as_deref()).map_err(|m| {
                            err(crate::say!(
                                "error.toml_at",
                                line = line,
                                column = column,
                                error = m
                            ))
                        })?
                    }
                };
                kpi_settings.emv_cost_per_engagement = positive(KEY, cost).map_err(|e| {
                    err(crate::say!(
                        "error.toml_at",
                        line = line,
                        column = column,
                        error = e.message
                    ))
                })?;
            }
            if let Some(weights) = emv.weights {
                for (metric, weight) in &weights {
                    let w = *weight.get_ref();
                    if !(w.is_finite() && w >= 0.0) {
                        return Err(err(at(
                            text,
                            weight.span(),
                            &crate::say!(
                                "error.emv_weight",
                                metric = metric,
                                value = toml_number(w)
                            ),
                        )));
                    }
                }
                // An empty table is no "nothing is worth anything": EMV would be 0
                // whatever the data, a goal on it never met, for no reason shown.
                if let Some(first) = weights.values().next()
                    && weights.values().all(|w| *w.get_ref() == 0.0)
                {
                    return Err(err(at(
                        text,
                        first.span(),
                        &crate::say!("error.emv_weights_none"),
                    )));
                }
                if weights.is_empty() {
                    return Err(err(crate::say!("error.emv_weights_none")));
                }
                kpi_settings.emv_weights = weights
                    .into_iter()
                    .map(|(m, w)| (m, w.into_inner()))
                    .collect();
            }
        }
        if let Some(cpa) = raw.cpa {
            // Checked as written, where it is written: the catalogue sees it only
            // inside `spend / (…)`, which the user never wrote.
            let (line, column) = line_column(text, cpa.actions.span().start);
            let at = |m: String| {
                err(crate::say!(
                    "error.toml_at",
                    line = line,
                    column = column,
                    error = m
                ))
            };
            let actions = cpa.actions.into_inner();
            let formula = crate::kpi::formula::parse(&actions)
                .map_err(|e| at(crate::say!("error.cpa_actions_syntax", error = e)))?;
            if formula.divides_by_zero() {
                return Err(at(crate::say!(
                    "error.cpa_actions_division_by_zero",
                    formula = actions
                )));
            }
            kpi_settings.cpa_actions = actions;
        }
        if let Some(clv) = raw.clv {
            let span = clv.expected_lifetime.span();
            kpi_settings.clv_expected_lifetime = positive(
                "[clv] expected_lifetime",
                clv.expected_lifetime.into_inner(),
            )
            .map_err(|e| err(at(text, span, &e.message)))?;
        }
        // Where each KPI's formula is written: an error in it names its line.
        let mut formula_spans = BTreeMap::new();
        for (name, kpi) in raw.kpis {
            let unit = match &kpi.unit {
                None => None,
                Some(u) => Some(Unit::from_name(u.get_ref()).ok_or_else(|| {
                    err(at(
                        text,
                        u.span(),
                        &crate::say!("error.kpi_unit", kpi = name, unit = u.get_ref()),
                    ))
                })?),
            };
            formula_spans.insert(name.clone(), kpi.formula.span());
            kpi_settings.custom.push(CustomKpi {
                name,
                formula: kpi.formula.into_inner(),
                unit,
                description: kpi.description,
            });
        }
        let catalogue = Catalogue::new(&kpi_settings).map_err(|e| {
            let message = e.to_string();
            match e.kpi().and_then(|k| formula_spans.get(k)) {
                Some(span) => err(at(text, span.clone(), &message)),
                None => err(message),
            }
        })?;

        let mut rates = BTreeMap::new();
        // Where each rate is written, for the errors below.
        let mut rate_spans = BTreeMap::new();
        for (key, rate) in raw.fx {
            let span = rate.span();
            let code = crate::model::currency_code(&key).ok_or_else(|| {
                err(at(
                    text,
                    span.clone(),
                    &crate::say!(
                        "error.config_currency",
                        key = "[fx]",
                        value = key,
                        hint = crate::model::currency_hint(&key)
                    ),
                ))
            })?;
            if rates.insert(code.clone(), rate.into_inner()).is_some() {
                return Err(err(at(
                    text,
                    span,
                    &crate::say!("error.fx_twice", currency = code),
                )));
            }
            rate_spans.insert(code, span);
        }
        // An error about `currency`'s rate names the rate's line.
        let at_rate = |code: &str, message: String| match rate_spans.get(code) {
            Some(span) => err(at(text, span.clone(), &message)),
            None => err(message),
        };
        let fx = Fx {
            base: currency.clone(),
            rates,
        };
        if let Some(code) = fx.rates.keys().next()
            && fx.base.is_none()
        {
            return Err(at_rate(code, crate::say!("error.fx_without_currency")));
        }
        // The report currency's own rate is 1 by definition: another number there
        // was meant for some other currency, and would be ignored.
        if let Some(base) = &fx.base
            && let Some(rate) = fx.rates.get(base)
            && *rate != 1.0
        {
            return Err(at_rate(
                base,
                crate::say!(
                    "error.fx_base_rate",
                    currency = base,
                    value = toml_number(*rate)
                ),
            ));
        }
        // A rate of 0, below 0 or not a number would turn amounts into nonsense that
        // still prints as a figure.
        if let Some((currency, rate)) = fx.rates.iter().find(|(_, r)| !(r.is_finite() && **r > 0.0))
        {
            return Err(at_rate(
                currency,
                crate::say!(
                    "error.fx_rate",
                    currency = currency,
                    value = toml_number(*rate),
                    base = fx.base.as_deref().unwrap_or_default()
                ),
            ));
        }

        // A rate written the other way round (`VND = 25400` beside `currency =
        // "USD"`: the dollar in dong, as rates are quoted) makes every amount tens of
        // thousands of times too large. Between the dollar, euro, pound or franc and
        // a currency without minor units (each worth less than one of them) the
        // direction is certain.
        let strong = |c: &str| matches!(c, "USD" | "EUR" | "GBP" | "CHF");
        let whole = |c: &str| crate::model::currency_decimals(c) == 0;
        if let Some(base) = &fx.base
            && let Some((currency, rate)) = fx.rates.iter().find(|(c, r)| {
                (strong(base) && whole(c) && **r >= 1.0) || (whole(base) && strong(c) && **r <= 1.0)
            })
        {
            return Err(at_rate(
                currency,
                crate::say!(
                    "error.fx_inverted",
                    currency = currency,
                    value = toml_number(*rate),
                    base = base,
                    inverse = three_figures(1.0 / rate)
                ),
            ));
        }

        let mut goals: Vec<Goal> = Vec::new();
        for raw_goal in raw.goals {
            let id_span = raw_goal.id.span();
            let goal =
                goal_from_raw(raw_goal, &catalogue, text, currency.as_deref()).map_err(&err)?;
            if goals.iter().any(|g| g.id == goal.id) {
                return Err(err(at(
                    text,
                    id_span,
                    &crate::say!("error.duplicate_goal", id = goal.id),
                )));
            }
            goals.push(goal);
        }

        let fail_on = match &raw.fail_on {
            None => FailOn::Behind,
            Some(value) => FailOn::parse(value.get_ref()).ok_or_else(|| {
                err(at(
                    text,
                    value.span(),
                    &crate::say!("error.fail_on", value = value.get_ref()),
                ))
            })?,
        };

        let mut mappings = Vec::new();
        for (i, spec) in raw.mappings.iter().enumerate() {
            mappings.push(
                spec.to_layout(i, display, text)
                    .map_err(|m| err(crate::say!("error.mapping", number = i + 1, error = m)))?,
            );
        }

        let lang = match &raw.lang {
            None => None,
            Some(l) => Some(crate::i18n::Lang::parse(l.get_ref()).ok_or_else(|| {
                err(at(
                    text,
                    l.span(),
                    &crate::say!("error.lang", value = l.get_ref()),
                ))
            })?),
        };

        let mut insights = crate::insights::InsightSettings::default();
        if let Some(raw) = raw.insights {
            if let Some(v) = raw.short_video_seconds {
                insights.short_video_seconds = v;
            }
            if let Some(v) = raw.short_text_chars {
                insights.short_text_chars = v;
            }
            if let Some(v) = raw.min_posts {
                insights.min_posts = v;
            }
            // No best and no worst posts is an empty table, not a choice.
            if let Some(v) = raw.top {
                if *v.get_ref() == 0 {
                    return Err(err(at(text, v.span(), &crate::say!("error.insights_top"))));
                }
                insights.top = v.into_inner();
            }
            if let Some(name) = raw.timezone {
                insights.timezone = Some(name.get_ref().parse().map_err(|_| {
                    err(at(
                        text,
                        name.span(),
                        &crate::say!("error.timezone", value = name.get_ref()),
                    ))
                })?);
            }
            if let Some(kpi) = raw.rank_by {
                let span = kpi.span();
                let kpi = kpi.into_inner();
                if catalogue.get(&kpi).is_none() && crate::model::canonical_metric(&kpi).is_none() {
                    return Err(err(at(
                        text,
                        span,
                        &crate::say!(
                            "error.rank_by",
                            value = kpi,
                            hint = crate::kpi::did_you_mean(
                                &kpi,
                                catalogue.iter().map(|k| k.name.as_str())
                            )
                        ),
                    )));
                }
                insights.rank_by = kpi;
            }
        }

        let mentions = match raw.sentiment {
            None => mention_settings(&[], &[]),
            Some(raw) => mention_settings(&raw.brands, &raw.words.into_iter().collect::<Vec<_>>()),
        }
        .map_err(|e| err(crate::say!("error.sentiment_words", error = e)))?;

        let formula_at = formula_spans
            .into_iter()
            .map(|(kpi, span)| (kpi, line_column(text, span.start)))
            .collect();
        Ok(Config {
            formula_at,
            mentions,
            insights,
            fail_on,
            lang,
            mappings,
            year,
            path: None,
            inputs,
            accounts,
            currency,
            at_risk_tolerance: tolerance,
            fx,
            catalogue,
            goals,
        })
    }
}

/// The `expecting` texts of roi.toml's value types, as serde gives them (in
/// English: an attribute takes only a literal), with their catalogue keys.
const EXPECTING: [(&str, &str); 5] = [
    (
        "an input is a path, or a table such as { path = \"brand-a/*.csv\", account = \"Brand A\" }",
        "toml.expect_input",
    ),
    (
        "`target` must be a number or a text such as \">= 500\", \"<= 5.00\" or \"+20%\"",
        "toml.expect_target",
    ),
    (BASELINE_EXPECTING, "toml.expect_baseline"),
    ("a date such as 2026-08-31", "toml.expect_date"),
    (
        "a metric or dimension name such as \"spend\" or \"campaign\", or a scaled metric such as { metric = \"spend\", scale = 0.001 }",
        "toml.expect_column",
    ),
];

fn describe_toml_error(text: &str, e: &toml::de::Error) -> String {
    let mut message = e.message().trim_end().to_owned();
    for (english, key) in EXPECTING {
        if message.contains(english) {
            message = message.replace(english, &crate::i18n::tr(crate::i18n::current(), key, &[]));
        }
    }
    let Some(span) = e.span() else {
        return message;
    };
    // The parser's own messages ("duplicate key", "invalid date") leave out what
    // they found; a short one-line span is it.
    if let Some(found) = text
        .get(span.clone())
        .map(str::trim)
        .filter(|s| !s.is_empty() && !s.contains(['\n', '`']) && s.chars().count() <= 60)
        .filter(|s| !message.contains(s.trim_matches('"')))
    {
        message = crate::i18n::tr(
            crate::i18n::current(),
            "toml.found",
            &[("error", &message), ("found", found)],
        );
    }
    at(text, span, &message)
}

/// A message about the value at `span` of roi.toml, with its line and column.
fn at(text: &str, span: std::ops::Range<usize>, message: &str) -> String {
    let (line, column) = line_column(text, span.start);
    crate::say!(
        "error.toml_at",
        line = line,
        column = column,
        error = message
    )
}

/// The line and column (both from 1, the column in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The two readings of a number whose one mark is a dot before exactly three digits
/// (`1.500`, `-90.000`): as thousands grouped by a dot (`1500`) and as a decimal
/// (`1.5`). `None` for any other number: `0.050` groups nothing, `1.5`, `1.5000`,
/// `1,500.000` and `1_500.000` have only one reading.
fn dot_thousands(number: &str) -> Option<(String, String)> {
    let number = number.trim();
    let (sign, digits) = match number.strip_prefix(['+', '-']) {
        Some(rest) => (&number[..1], rest.trim_start()),
        None => ("", number),
    };
    let (whole, fraction) = digits.split_once('.')?;
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(whole) || whole.starts_with('0') || whole.len() > 3 {
        return None;
    }
    if fraction.len() != 3 || !all_digits(fraction) {
        return None;
    }
    let sign = sign.trim_start_matches('+');
    let decimal = format!("{whole}.{}", fraction.trim_end_matches('0'));
    Some((
        format!("{sign}{whole}{fraction}"),
        format!("{sign}{}", decimal.trim_end_matches('.')),
    ))
}

/// A number as TOML spells it, for messages: `nan`, `inf`, `-inf`, `0.5`.
/// `lang = "vi"` read line by line, before the file is parsed: an error elsewhere
/// in it (a syntax error too) is still told in its language. Top-level keys come
/// before the first table.
fn lang_in(text: &str) -> Option<crate::i18n::Lang> {
    text.lines()
        .map(str::trim)
        .take_while(|line| !line.starts_with('['))
        .filter_map(|line| line.split_once('='))
        .find(|(key, _)| key.trim().trim_matches(['"', '\'']) == "lang")
        .and_then(|(_, value)| {
            let value = value.split('#').next().unwrap_or("").trim();
            crate::i18n::Lang::parse(value.trim_matches(['"', '\'']))
        })
}

fn toml_number(n: f64) -> String {
    n.to_string().to_lowercase()
}

/// A positive number to three significant figures, as a TOML decimal (`0.0000394`,
/// `25381`).
fn three_figures(n: f64) -> String {
    let decimals = (2 - n.log10().floor() as i32).max(0) as usize;
    let text = format!("{n:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// A date of roi.toml (`start`, `deadline`, a baseline's window): one of the years
/// a date of an export may have, or a typo (`0026-11-01` would make a window of
/// two thousand years that every goal meets).
fn config_date(key: &str, text: &str) -> Result<NaiveDate, String> {
    let date = parse_date(text)
        .ok_or_else(|| crate::say!("error.config_date", key = key, value = text))?;
    let years = crate::input::value::YEARS;
    if years.contains(&chrono::Datelike::year(&date)) {
        Ok(date)
    } else {
        Err(crate::say!(
            "error.config_date_year",
            key = key,
            value = text,
            year = chrono::Datelike::year(&date),
            first = years.start,
            last = years.end - 1
        ))
    }
}

/// A goal id as compared: trimmed and in composed form (NFC), so `Mục-tiêu` typed
/// with combining marks is the id written with precomposed letters.
pub fn goal_id(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.trim().nfc().collect()
}

fn goal_from_raw(
    raw: RawGoal,
    catalogue: &Catalogue,
    text: &str,
    currency: Option<&str>,
) -> Result<Goal, String> {
    let id = goal_id(raw.id.get_ref());
    if id.is_empty() {
        return Err(at(text, raw.id.span(), &crate::say!("error.goal_empty_id")));
    }
    let ctx = |m: String| crate::say!("error.in_goal", goal = id, error = m);
    let ctx_at = |span: std::ops::Range<usize>, m: String| ctx(at(text, span, &m));
    let date = |key: &str, value: &toml::Spanned<TomlDate>| {
        config_date(key, &value.get_ref().0).map_err(|m| ctx_at(value.span(), m))
    };
    // Named here rather than by serde, so the message says which goal lacks it.
    let missing = |key: &str, example: &str| {
        ctx(crate::say!(
            "error.goal_missing_key",
            key = key,
            example = example
        ))
    };
    let raw_kpi = raw.kpi.ok_or_else(|| missing("kpi", "kpi = \"leads\""))?;
    let kpi_span = raw_kpi.span();
    let kpi = raw_kpi.into_inner();
    let raw_start = raw
        .start
        .ok_or_else(|| missing("start", "start = 2026-08-01"))?;
    let start = date("start", &raw_start)?;
    let raw_deadline = raw
        .deadline
        .ok_or_else(|| missing("deadline", "deadline = 2026-08-31"))?;
    let deadline = date("deadline", &raw_deadline)?;
    let raw_target = raw
        .target
        .ok_or_else(|| missing("target", "target = \">= 500\""))?;
    // The unit the goal's number is in: a KPI's, else a canonical metric's.
    let unit = catalogue.get(&kpi).map(|k| k.unit).or_else(|| {
        crate::model::canonical_metric(&kpi)
            .map(|id| crate::model::CANONICAL_METRICS[id.0 as usize].unit)
    });
    // "1.500" is one and a half where roi.toml is read, and one thousand five hundred
    // where a dot groups thousands (Vietnamese, German…): for a count or an amount
    // both are plausible, so it is refused rather than guessed.
    let grouped = |key: &str, written: &str, number: &str| {
        if !matches!(unit, Some(Unit::Count | Unit::Money)) {
            return Ok(());
        }
        match dot_thousands(number) {
            Some((thousands, decimal)) => Err(crate::say!(
                "error.dot_thousands",
                key = key,
                value = written,
                kpi = kpi,
                number = number.trim(),
                thousands = thousands,
                decimal = decimal
            )),
            None => Ok(()),
        }
    };
    let source = |span: std::ops::Range<usize>| text.get(span).unwrap_or_default();
    if deadline < start {
        return Err(ctx_at(
            raw_deadline.span(),
            crate::say!(
                "error.deadline_before_start",
                deadline = deadline,
                start = start
            ),
        ));
    }
    let mut conditions = Vec::new();
    let mut where_at = None;
    for (key, values) in raw.filter {
        let span = values.span();
        // The platform's, which is checked against the data later.
        if key == Dimension::Platform.name() || where_at.is_none() {
            where_at = Some(line_column(text, span.start));
        }
        let dim = Dimension::from_name(&key).ok_or_else(|| {
            ctx_at(
                span.clone(),
                crate::say!(
                    "error.where_dimension",
                    key = key,
                    hint = did_you_mean(&key, Dimension::ALL.iter().map(|d| d.name())),
                    dimensions = Dimension::ALL.map(Dimension::name).join(", ")
                ),
            )
        })?;
        let texts = match values.get_ref() {
            toml::Value::String(v) => Some(vec![v.clone()]),
            toml::Value::Array(v) => v
                .iter()
                .map(|v| v.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>(),
            _ => None,
        };
        let Some(values) = texts else {
            return Err(ctx_at(
                span.clone(),
                crate::say!("error.where_value", key = key, value = source(span).trim()),
            ));
        };
        if values.is_empty() {
            return Err(ctx_at(span, crate::say!("error.where_empty", key = key)));
        }
        conditions.push((dim, values));
    }
    // TOML reads `nan` and `inf` as numbers; a goal compared with them says nothing.
    let finite = |key: &str, n: f64| {
        if n.is_finite() {
            Ok(n)
        } else {
            Err(ctx(crate::say!(
                "error.not_finite",
                key = key,
                value = toml_number(n)
            )))
        }
    };
    let target_span = raw_target.span();
    // A target is where most slips are (`"+12,5%"`, `"<= 1.500"`): say where it is.
    let at_target = |m: String| {
        let (line, column) = line_column(text, target_span.start);
        ctx(crate::say!(
            "error.toml_at",
            line = line,
            column = column,
            error = m
        ))
    };
    let target = match raw_target.into_inner() {
        NumberOrText::Number(n) => {
            let written = source(target_span.clone());
            grouped("target", written, written).map_err(at_target)?;
            Target::Absolute {
                cmp: Cmp::AtLeast,
                value: finite("target", n)?,
            }
        }
        NumberOrText::Text(t) => {
            // `>= 5%` of a count is no rate written as a fraction, as the message for
            // a rate would offer: a count's change is relative, its level a number.
            let level = t.trim().trim_start_matches(['>', '<', '=']);
            if unit == Some(Unit::Count)
                && t.trim().starts_with(['>', '<'])
                && level.trim_end().ends_with('%')
            {
                return Err(at_target(crate::say!(
                    "error.target_percent_count",
                    value = t,
                    kpi = kpi
                )));
            }
            let (target, written) = parse_target(&t).map_err(at_target)?;
            // `300.000 ₫` reads one way: the dong has no fraction.
            if matches!(target, Target::Absolute { .. }) && !written.is_some_and(whole_currency) {
                let number = t
                    .trim()
                    .trim_start_matches(['>', '<', '='])
                    .trim_matches(|c: char| !c.is_ascii_digit() && c != '-');
                grouped("target", &format!("\"{t}\""), number).map_err(at_target)?;
            }
            // A money target is in roi.toml's `currency`: one written with another
            // (or on a KPI that is no money) would be compared as if it were not.
            if let Some(written) = written {
                let fits = unit == Some(Unit::Money)
                    && currency.is_some_and(|base| currency_is(written, base));
                if !fits {
                    return Err(at_target(match currency {
                        _ if unit != Some(Unit::Money) => {
                            crate::say!("error.target_currency_not_money", value = t, kpi = kpi)
                        }
                        Some(base) => crate::say!(
                            "error.target_currency_written",
                            value = t,
                            written = written,
                            currency = base
                        ),
                        None => {
                            crate::say!("error.target_currency_none", value = t, written = written)
                        }
                    }));
                }
            }
            target
        }
    };
    let baseline_span = raw.baseline.as_ref().map(toml::Spanned::span);
    let at_baseline = |m: String| ctx_at(baseline_span.clone().unwrap_or_default(), m);
    let baseline = match raw.baseline.map(toml::Spanned::into_inner) {
        None => match target {
            Target::Relative { .. } => Some(Baseline::PreviousPeriod),
            Target::Absolute { .. } => None,
        },
        Some(RawBaseline::Number(n)) => {
            let written = baseline_span.clone().map(source).unwrap_or_default();
            grouped("baseline", written, written).map_err(at_baseline)?;
            let n = finite("baseline", n)?;
            if n == 0.0 && matches!(target, Target::Relative { .. }) {
                return Err(at_baseline(crate::say!("error.baseline_zero")));
            }
            // A count below 0 is no baseline a count can be compared with: `+10%` of
            // −5 leads is a target of −4.50, met by any count at once.
            if n < 0.0 && catalogue.never_negative(&kpi) {
                return Err(at_baseline(crate::say!(
                    "error.negative_count_baseline",
                    baseline = toml_number(n),
                    kpi = kpi
                )));
            }
            Some(Baseline::Value(n))
        }
        Some(RawBaseline::Text(t)) if t == "previous_period" => Some(Baseline::PreviousPeriod),
        Some(RawBaseline::Text(t)) => {
            return Err(at_baseline(crate::say!("error.baseline", value = t)));
        }
        Some(RawBaseline::Window(RawWindow { from, to })) => {
            let within =
                |key: &str, value: &TomlDate| config_date(key, &value.0).map_err(at_baseline);
            let from = within("baseline.from", &from)?;
            let to = within("baseline.to", &to)?;
            if to < from {
                return Err(at_baseline(crate::say!(
                    "error.baseline_order",
                    from = from,
                    to = to
                )));
            }
            // A baseline is what the goal is compared with: one that shares days with
            // the goal's window compares it with itself (an August goal against July
            // to September), and one after it is not a baseline.
            if to >= start {
                return Err(at_baseline(crate::say!(
                    "error.baseline_overlap",
                    from = from,
                    to = to,
                    start = start,
                    deadline = deadline,
                    last = start - chrono::Days::new(1)
                )));
            }
            Some(Baseline::Window(Window::new(from, to)))
        }
    };
    if catalogue.get(&kpi).is_none()
        && crate::model::canonical_metric(&kpi).is_none()
        && !kpi.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return Err(ctx_at(
            kpi_span.clone(),
            crate::say!("error.goal_kpi", value = kpi),
        ));
    }
    if let Target::Absolute { value, .. } = target
        && value < 0.0
        && catalogue.never_negative(&kpi)
    {
        return Err(at_target(crate::say!(
            "error.negative_count_target",
            target = source(target_span.clone()),
            kpi = kpi
        )));
    }
    let severity = match raw
        .severity
        .as_ref()
        .map(|s| (s.get_ref().as_str(), s.span()))
    {
        None | Some(("error", _)) => Severity::Error,
        Some(("warn", _)) => Severity::Warn,
        Some((other, span)) => {
            return Err(ctx_at(span, crate::say!("error.severity", value = other)));
        }
    };
    Ok(Goal {
        kpi_at: Some(line_column(text, kpi_span.start)),
        where_at,
        title: raw.title.unwrap_or_else(|| id.clone()),
        id,
        kpi,
        filter: Filter { conditions },
        window: Window::new(start, deadline),
        target,
        baseline,
        severity,
        tags: raw.tags,
    })
}

/// Parses `+40%`, `-10%`, `>= 500`, `<= 5.00` or a bare number. `> 3` and `< 2` are
/// refused rather than read as `>=` and `<=`: a goal of more than 3 met at 3 would
/// pass a check it should fail.
/// The target, and the currency written with it (`"<= 50.000.000 ₫"`), if any.
pub fn parse_target(text: &str) -> Result<(Target, Option<&str>), String> {
    let t = text.trim();
    let bad = || crate::say!("error.target", value = text);
    if let Some(pct) = t.strip_suffix('%') {
        let pct = pct.trim();
        // `>= 5%` means a rate of at least 0.05, which roi.toml writes as a fraction.
        if let Some((cmp, size)) = ["<=", ">="]
            .iter()
            .find_map(|c| pct.strip_prefix(c).map(|r| (*c, r.trim())))
            && let Ok(size) = target_number(size, text, false)
        {
            return Err(crate::say!(
                "error.target_percent_level",
                value = text,
                fix = format!("{cmp} {}", size / 100.0)
            ));
        }
        if !(pct.starts_with('+') || pct.starts_with('-')) {
            // A word before the number (`tăng 40%`, `increase 40%`) is not read: the
            // fix offered is the number with its sign, not the word with one.
            let at = pct
                .find(|c: char| c.is_ascii_digit() || matches!(c, '.' | '+' | '-'))
                .unwrap_or(0);
            let (word, number) = (pct[..at].trim(), pct[at..].trim_start_matches(['+', '-']));
            return Err(match target_number(number, text, false) {
                Ok(_) if word.is_empty() => {
                    crate::say!("error.target_sign", value = text, pct = pct)
                }
                Ok(_) => crate::say!("error.target_word", value = text, word = word, pct = number),
                Err(_) => bad(),
            });
        }
        // One sign, then a plain size: "+-10%" is not a change anyone means, and "-0%"
        // must stay a ceiling (−0.0 < 0.0 is false, so the sign is kept as written).
        let (negative, size) = pct.split_at(1);
        let size = size.trim();
        if size.starts_with(['+', '-']) {
            return Err(bad());
        }
        let size = target_number(size, text, false)?;
        if !size.is_finite() || (negative == "-" && size >= 100.0) {
            return Err(bad());
        }
        return Ok((
            Target::Relative {
                change: if negative == "-" {
                    -size / 100.0
                } else {
                    size / 100.0
                },
            },
            None,
        ));
    }
    let (cmp, rest) = if let Some(r) = t.strip_prefix(">=") {
        (Cmp::AtLeast, r)
    } else if let Some(r) = t.strip_prefix("<=") {
        (Cmp::AtMost, r)
    } else if let Some((cmp, r)) = t
        .strip_prefix('>')
        .map(|r| (Cmp::AtLeast, r))
        .or_else(|| t.strip_prefix('<').map(|r| (Cmp::AtMost, r)))
    {
        return Err(crate::say!(
            "error.target_strict",
            value = text,
            fix = format!("{cmp} {}", r.trim())
        ));
    } else if let Some(size) = t
        .strip_prefix(['+', '-'])
        .filter(|r| r.trim().parse::<f64>().is_ok())
    {
        // "+40" is "+40%" with the % forgotten as often as ">= 40"; "-10" a ceiling
        // 10% under the baseline as often as a floor of −10: refused, not guessed.
        let sign = &t[..1];
        let size = size.trim();
        return Err(crate::say!(
            "error.target_signed_number",
            value = text,
            relative = format!("{sign}{size}%"),
            absolute = format!(">= {sign}{size}").replace(">= +", ">= ")
        ));
    } else {
        (Cmp::AtLeast, t)
    };
    let rest = rest.trim();
    let (sign, rest) = match (rest.strip_prefix('-'), rest.strip_prefix('+')) {
        (Some(r), _) => ("-", r.trim_start()),
        (None, Some(r)) => ("", r.trim_start()),
        (None, None) => ("", rest),
    };
    // A currency may be written before or after the number (`50.000.000 ₫`, `$5`):
    // the caller checks it is the goal's. A number may start with its mark (`.5`).
    let first = rest
        .find(|c: char| c.is_ascii_digit())
        .map_or(rest.len(), |i| match rest[..i].strip_suffix('.') {
            Some(head) if !head.ends_with(|c: char| c.is_ascii_digit()) => i - 1,
            _ => i,
        });
    let last = rest
        .rfind(|c: char| c.is_ascii_digit())
        .map_or(first, |i| i + 1);
    let (before, number, after) = (
        rest[..first].trim(),
        &rest[first..last],
        rest[last..].trim(),
    );
    let is_currency = |c: &str| {
        crate::model::currency_code(c).is_some()
            || crate::input::value::currency_symbol(c).is_some_and(|s| s.text == c)
    };
    let written = match (before, after) {
        ("", "") => None,
        (c, "") | ("", c) if is_currency(c) => Some(c),
        _ => {
            let odd = format!("{before}{number}{after}")
                .chars()
                .find(|c| !(c.is_ascii_digit() || matches!(c, '.' | ',' | ' ')))
                .unwrap_or(' ');
            return Err(crate::say!("error.target_char", value = text, char = odd));
        }
    };
    if number.is_empty() {
        return Err(bad());
    }
    let number = format!("{sign}{number}");
    let value = target_number(&number, text, written.is_some_and(whole_currency))?;
    if !value.is_finite() {
        return Err(bad());
    }
    Ok((Target::Absolute { cmp, value }, written))
}

/// Whether a currency written with an amount (`₫`, `VND`, `$`) is `base`.
fn currency_is(written: &str, base: &str) -> bool {
    crate::model::currency_code(written).as_deref() == Some(base)
        || crate::input::value::currency_symbol(written)
            .is_some_and(|s| s.text == written && s.allows(base))
}

/// An amount setting written as text (`[emv] cost_per_engagement = "12.500 ₫"`),
/// read as a money target's amount is: the same grouping, and a currency only when
/// it is roi.toml's `currency`, which the KPI built from it is in.
fn amount_text(key: &str, kpi: &str, text: &str, currency: Option<&str>) -> Result<f64, String> {
    let bad = || crate::say!("error.amount_text", key = key, value = text);
    // A comparison or a change is a target's, not an amount.
    if text.contains(['<', '>', '=', '%']) {
        return Err(bad());
    }
    let Ok((Target::Absolute { value, .. }, written)) = parse_target(text) else {
        return Err(bad());
    };
    // Another currency would be multiplied as if it were `currency`.
    match (written, currency) {
        (Some(written), Some(base)) if !currency_is(written, base) => Err(crate::say!(
            "error.amount_currency_written",
            key = key,
            value = text,
            written = written,
            currency = base,
            kpi = kpi
        )),
        (Some(written), None) => Err(crate::say!(
            "error.amount_currency_none",
            key = key,
            value = text,
            written = written,
            kpi = kpi
        )),
        _ => Ok(()),
    }?;
    // `12.500` reads two ways, `12.500 ₫` one: the dong has no fraction.
    if !written.is_some_and(whole_currency) {
        let number = text
            .trim()
            .trim_matches(|c: char| !c.is_ascii_digit() && c != '-');
        if let Some((thousands, decimal)) = dot_thousands(number) {
            return Err(crate::say!(
                "error.dot_thousands",
                key = key,
                value = format!("\"{text}\""),
                kpi = kpi,
                number = number,
                thousands = thousands,
                decimal = decimal
            ));
        }
    }
    Ok(value)
}

/// Whether a currency written with a target has no minor units (`₫`, `VND`, `₩`,
/// `JPY`; not `¥`, which is also the yuan): then, as in the data, a lone mark
/// before three digits (`300.000 ₫`) groups thousands.
fn whole_currency(written: &str) -> bool {
    crate::model::currency_code(written).is_some_and(|c| crate::model::currency_decimals(&c) == 0)
        || crate::input::value::currency_symbol(written)
            .is_some_and(|s| s.text == written && s.whole())
}

/// A target's number as written: with a decimal point, or with thousands grouped
/// in threes by one mark and decimals after the other (`50.000.000`, `1.500,50`),
/// or a decimal comma before other than three digits (`12,5`), which groups nothing.
fn target_number(number: &str, text: &str, whole: bool) -> Result<f64, String> {
    use crate::input::value::{DecimalMark, parse_amount, thousands_reading};
    // `+%`, `>= .`: no number at all, not one grouped wrong; `1e3` and `inf` are
    // numbers to Rust, not to a reader of roi.toml.
    if !number.contains(|c: char| c.is_ascii_digit()) || number.contains(char::is_alphabetic) {
        return Err(crate::say!("error.target", value = text));
    }
    let reading = thousands_reading(number);
    if let (true, Some(mark)) = (whole, reading)
        && let Ok((Some(amount), _)) = parse_amount(number, mark)
    {
        return Ok(amount.to_f64());
    }
    if let Ok(v) = number.parse::<f64>() {
        return Ok(v);
    }
    // A lone comma before three digits groups thousands in English and is a
    // decimal mark in Vietnamese: refused, as a lone dot is for a count.
    if reading.is_some() && number.matches(['.', ',']).count() == 1 {
        let whole = number.replace(',', "");
        let decimal = number.replace(',', ".");
        let decimal = decimal.trim_end_matches('0').trim_end_matches('.');
        return Err(crate::say!(
            "error.target_comma_two_ways",
            value = text,
            number = number,
            thousands = whole,
            decimal = decimal
        ));
    }
    match parse_amount(number, DecimalMark::Auto) {
        Ok((Some(amount), None)) => Ok(amount.to_f64()),
        _ => Err(crate::say!(
            "error.target_groups",
            value = text,
            number = number
        )),
    }
}

impl fmt::Display for Cmp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Cmp::AtLeast => ">=",
            Cmp::AtMost => "<=",
        })
    }
}

/// The commented starter configuration `roi init` writes, per language.
pub fn starter(lang: crate::i18n::Lang) -> &'static str {
    match lang {
        crate::i18n::Lang::En => include_str!("starter.toml"),
        crate::i18n::Lang::Vi => include_str!("starter.vi.toml"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The catalogue's English texts are serde's, so a message is only ever
    /// translated, never changed in English.
    #[test]
    fn expecting_texts_are_the_catalogues() {
        for (english, key) in EXPECTING {
            assert_eq!(crate::i18n::tr(crate::i18n::Lang::En, key, &[]), english);
            assert_ne!(crate::i18n::tr(crate::i18n::Lang::Vi, key, &[]), english);
        }
    }

    #[test]
    fn targets_parse() {
        assert!(
            matches!(parse_target("+40%").map(|t| t.0), Ok(Target::Relative { change }) if (change - 0.4).abs() < 1e-12)
        );
        assert!(
            matches!(parse_target("-10 %").map(|t| t.0), Ok(Target::Relative { change }) if (change + 0.1).abs() < 1e-12)
        );
        assert!(matches!(
            parse_target(">= 500").map(|t| t.0),
            Ok(Target::Absolute { cmp: Cmp::AtLeast, value }) if value == 500.0
        ));
        assert!(matches!(
            parse_target("<=5.00").map(|t| t.0),
            Ok(Target::Absolute { cmp: Cmp::AtMost, value }) if value == 5.0
        ));
        assert!(matches!(
            parse_target("150").map(|t| t.0),
            Ok(Target::Absolute { cmp: Cmp::AtLeast, value }) if value == 150.0
        ));
        assert!(
            parse_target("40%")
                .map(|t| t.0)
                .unwrap_err()
                .contains("give its sign")
        );
        // A word before the number: the fix is the number with its sign.
        for (text, word) in [
            ("tăng 40%", "tăng"),
            ("increase 40%", "increase"),
            ("tăng +40%", "tăng"),
        ] {
            let e = parse_target(text).map(|t| t.0).unwrap_err();
            assert!(
                e.contains(&format!("`{word}` is not read"))
                    && e.contains("\"+40%\" for a rise, \"-40%\" for a fall"),
                "{e}"
            );
        }
        assert!(
            parse_target(">= 5%")
                .map(|t| t.0)
                .unwrap_err()
                .contains("\">= 0.05\"")
        );
        assert!(
            parse_target("> 200")
                .map(|t| t.0)
                .unwrap_err()
                .contains("\">= 200\"")
        );
        assert!(
            parse_target("<200")
                .map(|t| t.0)
                .unwrap_err()
                .contains("\"<= 200\"")
        );
        assert!(parse_target("lots").map(|t| t.0).is_err());
        // "-0%" is a ceiling at the baseline (the sign as written), "+0%" a floor.
        assert!(
            matches!(parse_target("-0%").map(|t| t.0), Ok(Target::Relative { change }) if change == 0.0 && change.is_sign_negative())
        );
        assert!(
            matches!(parse_target("+0%").map(|t| t.0), Ok(Target::Relative { change }) if change == 0.0 && change.is_sign_positive())
        );
        // A second sign is refused, not read as "-10%".
        assert!(parse_target("+-10%").map(|t| t.0).is_err());
        assert!(parse_target("-+10%").map(|t| t.0).is_err());
        assert!(parse_target("--10%").map(|t| t.0).is_err());
        assert!(parse_target("-100%").map(|t| t.0).is_err());
        // No number, or one only Rust reads: not understood (not "grouped wrong").
        for text in ["+%", "+ %", ">= .", ">= ,", ">= 1e3", "<= inf", ">= NaN"] {
            let e = parse_target(text).map(|t| t.0).unwrap_err();
            assert!(
                e.contains("is not understood") || e.contains("is not part of a number"),
                "{text}: {e}"
            );
        }
    }

    #[test]
    fn a_percent_level_of_a_count_is_no_fraction() {
        let goal = |kpi: &str| {
            Config::parse(
                &format!(
                    "[[goals]]\nid = \"g\"\nkpi = \"{kpi}\"\nstart = 2026-08-01\n\
                     deadline = 2026-08-31\ntarget = \">= 5%\"\n"
                ),
                "roi.toml",
            )
            .unwrap_err()
            .message
        };
        assert!(
            goal("leads")
                .contains("`leads` is a count, not a rate: a change from the baseline is \"+5%\""),
            "{}",
            goal("leads")
        );
        assert!(goal("ctr").contains("\">= 0.05\""), "{}", goal("ctr"));
    }

    #[test]
    fn the_starter_config_is_valid() {
        for lang in [crate::i18n::Lang::En, crate::i18n::Lang::Vi] {
            let config = Config::parse(starter(lang), "roi.toml").unwrap();
            assert!(!config.goals.is_empty());
        }
    }

    #[test]
    fn unknown_keys_name_their_line() {
        let e = Config::parse("currency = \"USD\"\ncurrancy = 1\n", "roi.toml").unwrap_err();
        assert!(e.message.contains("line 2"), "{}", e.message);
        assert!(e.message.contains("currancy"), "{}", e.message);
    }

    #[test]
    fn settings_that_would_give_meaningless_figures_are_refused() {
        let message = |text: &str| Config::parse(text, "roi.toml").unwrap_err().message;
        for value in ["-1", "0", "nan", "inf"] {
            let m = message(&format!("[clv]\nexpected_lifetime = {value}\n"));
            assert_eq!(
                m,
                format!(
                    "line 2, column 21: `[clv] expected_lifetime = {value}` must be a number above 0"
                )
            );
        }
        let m = message("[emv]\ncost_per_engagement = -1\n");
        assert_eq!(
            m,
            "line 2, column 23: `[emv] cost_per_engagement = -1` must be a number above 0"
        );
        let m = message("[emv]\nweights = { likes = -2 }\n");
        assert!(m.contains("gives `likes` the weight -2"), "{m}");
        for weights in ["{}", "{ likes = 0, shares = 0 }"] {
            let m = message(&format!("[emv]\nweights = {weights}\n"));
            assert!(m.contains("EMV would be 0 whatever the data"), "{m}");
        }
        // Leads are never below 0: "<= -50" is never met, ">= -50" always.
        let goal = |kpi: &str, target: &str| {
            format!(
                "[[goals]]\nid = \"g\"\nkpi = \"{kpi}\"\nstart = 2026-08-01\n\
                 deadline = 2026-08-31\ntarget = \"{target}\"\n"
            )
        };
        let m = message(&goal("leads", "<= -50"));
        assert!(
            m.contains("`target = \"<= -50\"`: `leads` is a count, never below 0"),
            "{m}"
        );
        assert!(message(&goal("engagements", ">= -1")).contains("is a count"));
        // Follower growth is a count that can fall: losing at most 50 is a goal.
        assert!(Config::parse(&goal("follower_growth", ">= -50"), "roi.toml").is_ok());
        assert!(Config::parse(&goal("roi", ">= -0.5"), "roi.toml").is_ok());
    }

    #[test]
    fn bad_goals_are_explained() {
        let goal = |body: &str| {
            Config::parse(
                &format!("[[goals]]\nid = \"g\"\nkpi = \"reach\"\n{body}"),
                "roi.toml",
            )
            .unwrap_err()
            .message
        };
        assert!(
            goal("start = 2026-08-31\ndeadline = 2026-08-01\ntarget = 5")
                .contains("before the start")
        );
        assert!(
            goal("start = 2026-08-01\ndeadline = 2026-08-31\ntarget = 5\nwhere = { platfrom = \"x\" }")
                .contains("did you mean `platform`")
        );
        // A goal without a key it needs is named.
        let m = goal("start = 2026-08-01\ntarget = 5");
        assert!(m.starts_with("goal `g`: `deadline` is missing"), "{m}");
        // A year no export holds is a typo, named with its place, not a window of
        // two thousand years.
        let m = goal("start = 0026-11-01\ndeadline = 2026-11-30\ntarget = 5");
        assert_eq!(
            m,
            "goal `g`: line 4, column 9: `start = 0026-11-01` has the year 26; roi reads the \
             years 1900 to 2399: is it a typo?"
        );
        let m = goal("start = 2026-11-01\ndeadline = 9999-12-31\ntarget = 5");
        assert!(
            m.contains("`deadline = 9999-12-31` has the year 9999"),
            "{m}"
        );
        let m = goal(
            "start = 2026-11-01\ndeadline = 2026-11-30\ntarget = 5\n\
             baseline = { from = 0026-10-01, to = 2026-10-31 }",
        );
        assert!(
            m.contains("`baseline.from = 0026-10-01` has the year 26"),
            "{m}"
        );
    }

    #[test]
    fn a_dot_before_three_digits_is_refused_for_counts_and_money() {
        let goal = |kpi: &str, lines: &str| {
            Config::parse(
                &format!(
                    "currency = \"VND\"\n[[goals]]\nid = \"g\"\nkpi = \"{kpi}\"\n\
                     start = 2026-08-01\ndeadline = 2026-08-31\n{lines}\n"
                ),
                "roi.toml",
            )
            .map(|c| c.goals[0].target)
        };
        let m = goal("leads", "target = \">= 1.500\"").unwrap_err().message;
        assert!(
            m.contains("`target = \">= 1.500\"` reads two ways for `leads`")
                && m.contains("write 1500 if you mean thousands, or 1.5 if you mean a decimal"),
            "{m}"
        );
        let m = goal("cpl", "target = \"<=90.000\"").unwrap_err().message;
        assert!(
            m.contains("write 90000 if you mean thousands, or 90 if"),
            "{m}"
        );
        // Written as a TOML number, and as a baseline, alike; a metric's unit counts.
        let m = goal("spend", "target = 2.250").unwrap_err().message;
        assert!(
            m.contains("`target = 2.250` reads two ways for `spend`"),
            "{m}"
        );
        let m = goal("leads", "target = \"+10%\"\nbaseline = 1.200")
            .unwrap_err()
            .message;
        assert!(m.contains("`baseline = 1.200` reads two ways"), "{m}");
        // One reading only: a rate, other digit counts, a leading 0, a comma.
        for (kpi, lines) in [
            ("ctr", "target = \">= 0.050\""),
            ("ctr", "target = \">= 1.500\""),
            ("leads", "target = \">= 1500\""),
            ("leads", "target = \">= 1.5\""),
            ("cpl", "target = \"<= 2.5000\""),
            ("cpl", "target = \"<= 0.500\""),
            ("cpl", "target = 0.250"),
            ("leads", "target = \"+10%\"\nbaseline = 1200.5"),
        ] {
            assert!(goal(kpi, lines).is_ok(), "{kpi} {lines}");
        }
        assert_eq!(
            dot_thousands("-1.500"),
            Some(("-1500".to_owned(), "-1.5".to_owned()))
        );
        assert_eq!(
            dot_thousands("90.000"),
            Some(("90000".to_owned(), "90".to_owned()))
        );
        assert_eq!(dot_thousands("1234.500"), None);
        assert_eq!(dot_thousands("1.500e3"), None);
    }

    #[test]
    fn targets_written_the_vietnamese_way_are_read_or_explained() {
        let goal = |kpi: &str, target: &str| {
            Config::parse(
                &format!(
                    "currency = \"VND\"\n[[goals]]\nid = \"g\"\nkpi = \"{kpi}\"\n\
                     start = 2026-08-01\ndeadline = 2026-08-31\ntarget = \"{target}\"\n"
                ),
                "roi.toml",
            )
            .map(|c| c.goals[0].target)
            .map_err(|e| e.message)
        };
        let at_most = |value: f64| {
            Ok(Target::Absolute {
                cmp: Cmp::AtMost,
                value,
            })
        };
        // Groups of three that read one way only, with the goal's currency or not.
        for (text, value) in [
            ("<= 50.000.000", 50_000_000.0),
            ("<= 50,000,000", 50_000_000.0),
            ("<= 50.000.000 ₫", 50_000_000.0),
            ("<= 50000000 VND", 50_000_000.0),
            ("<= 50000000 VNĐ", 50_000_000.0),
            ("<= 50000000đ", 50_000_000.0),
            ("<= 1.500,50", 1_500.5),
            ("<= 1,500.50", 1_500.5),
            ("<= .5", 0.5),
            ("<= +0.05", 0.05),
            ("<= .5 ₫", 0.5),
        ] {
            assert_eq!(goal("spend", text), at_most(value), "{text}");
        }
        // One group is thousands in a currency without minor units, as in the data;
        // else it reads two ways, whichever its mark.
        assert_eq!(goal("spend", "<= 90.000 ₫"), at_most(90_000.0));
        assert_eq!(goal("spend", "<= 90,000 VND"), at_most(90_000.0));
        let m = goal("spend", "<= 90.000").unwrap_err();
        assert!(m.contains("reads two ways for `spend`"), "{m}");
        let m = goal("spend", "<= 1,500").unwrap_err();
        assert!(
            m.contains("write 1500 if you mean thousands, or 1.5 if you mean a decimal"),
            "{m}"
        );
        // Another currency than roi.toml's, or one on a count, is refused.
        let m = goal("spend", "<= 5.00 USD").unwrap_err();
        assert!(
            m.contains("goal `g`") && m.contains("written in USD") && m.contains("`currency`, VND"),
            "{m}"
        );
        let m = goal("spend", "<= $5").unwrap_err();
        assert!(m.contains("written in $"), "{m}");
        let m = goal("leads", ">= 500 ₫").unwrap_err();
        assert!(m.contains("`leads` is not an amount of money"), "{m}");
        // What cannot be read is named.
        let m = goal("spend", "<= 50.00.000").unwrap_err();
        assert!(m.contains("50.00.000 is not grouped in threes"), "{m}");
        let m = goal("spend", "≥ 500").unwrap_err();
        assert!(m.contains("`≥` is not part of a number"), "{m}");
    }
}
