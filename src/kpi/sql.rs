//! The KPI catalogue as one SQL query over roi's normalized rows, for the engines a
//! warehouse or a data lake already runs (DuckDB, Spark, BigQuery, PostgreSQL).
//!
//! The query is generated from the formulas [`Catalogue::evaluate`] uses, with the
//! same rules, so the two cannot drift: ratios are ratios of sums; a stock takes its
//! last value per series (platform, account, content) at or before the window's end;
//! a missing term of a sum adds nothing; division by zero has no value (NULL); money is summed per
//! currency and two currencies meet only through `[fx]`; with `[fx]`, amounts with a
//! rate are in the base currency, exactly as roi converts them.
//!
//! The input is a table (or any `FROM` item: a Parquet scan) with the columns of
//! `roi normalize --format parquet`: `date`, `end_date`, the dimensions, the metrics
//! and the provenance columns `source_file`, `source_line`.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use chrono::NaiveDate;

use super::formula::{Expr, Op};
use super::{Catalogue, Fx};
use crate::dataset::{Filter, Window};
use crate::model::{Aggregation, CANONICAL_METRICS, Dimension, MESSAGES_RECEIVED, Unit};
use crate::report::GroupBy;

/// The SQL engine a query is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Dialect {
    Duckdb,
    Spark,
    Bigquery,
    Postgres,
}

impl Dialect {
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Duckdb => "duckdb",
            Dialect::Spark => "spark",
            Dialect::Bigquery => "bigquery",
            Dialect::Postgres => "postgres",
        }
    }

    fn ident(self, name: &str) -> String {
        match self {
            Dialect::Duckdb | Dialect::Postgres => format!("\"{}\"", name.replace('"', "\"\"")),
            Dialect::Spark | Dialect::Bigquery => format!("`{}`", name.replace('`', "``")),
        }
    }

    fn string(self, text: &str) -> String {
        match self {
            Dialect::Duckdb | Dialect::Postgres => format!("'{}'", text.replace('\'', "''")),
            // Both read backslash escapes inside string literals.
            Dialect::Spark | Dialect::Bigquery => {
                format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"))
            }
        }
    }

    /// A text column as an ordering key: PostgreSQL orders text by the database's
    /// collation (`en_US.UTF-8` puts `meta.csv` before `Meta.csv`), the others by
    /// bytes; `COLLATE "C"` orders by bytes everywhere.
    fn bytewise(self, expr: &str) -> String {
        match self {
            Dialect::Postgres => format!("{expr} COLLATE \"C\""),
            _ => expr.to_owned(),
        }
    }

    fn double(self) -> &'static str {
        match self {
            Dialect::Duckdb | Dialect::Spark => "DOUBLE",
            Dialect::Bigquery => "FLOAT64",
            Dialect::Postgres => "DOUBLE PRECISION",
        }
    }

    fn to_double(self, expr: &str) -> String {
        format!("CAST({expr} AS {})", self.double())
    }

    #[allow(clippy::unused_self)] // every dialect reads `DATE 'YYYY-MM-DD'`
    fn date(self, date: NaiveDate) -> String {
        format!("DATE '{date}'")
    }

    /// The first day of the period holding `date`, as a DATE.
    fn bucket(self, grain: GroupBy, date: &str) -> String {
        match (self, grain) {
            (Dialect::Bigquery, GroupBy::Week) => format!("DATE_TRUNC({date}, ISOWEEK)"),
            (Dialect::Bigquery, GroupBy::Month) => format!("DATE_TRUNC({date}, MONTH)"),
            (Dialect::Spark, GroupBy::Month) => format!("trunc({date}, 'MM')"),
            (Dialect::Spark, GroupBy::Week) => format!("CAST(date_trunc('WEEK', {date}) AS DATE)"),
            (_, GroupBy::Week) => format!("CAST(date_trunc('week', {date}) AS DATE)"),
            (_, GroupBy::Month) => format!("CAST(date_trunc('month', {date}) AS DATE)"),
            (_, GroupBy::Day | GroupBy::Dim(_)) => date.to_owned(),
        }
    }

    /// The period's label as `roi report` writes it: `2026-08-05`, `2026-W32`, `2026-08`.
    fn label(self, grain: GroupBy, start: &str) -> String {
        match (self, grain) {
            (Dialect::Duckdb, GroupBy::Week) => format!("strftime({start}, '%G-W%V')"),
            (Dialect::Duckdb, GroupBy::Month) => format!("strftime({start}, '%Y-%m')"),
            (Dialect::Duckdb, _) => format!("strftime({start}, '%Y-%m-%d')"),
            (Dialect::Bigquery, GroupBy::Week) => format!("FORMAT_DATE('%G-W%V', {start})"),
            (Dialect::Bigquery, GroupBy::Month) => format!("FORMAT_DATE('%Y-%m', {start})"),
            (Dialect::Bigquery, _) => format!("FORMAT_DATE('%Y-%m-%d', {start})"),
            (Dialect::Postgres, GroupBy::Week) => format!("to_char({start}, 'IYYY-\"W\"IW')"),
            (Dialect::Postgres, GroupBy::Month) => format!("to_char({start}, 'YYYY-MM')"),
            (Dialect::Postgres, _) => format!("to_char({start}, 'YYYY-MM-DD')"),
            // Spark has no ISO week-year pattern: the ISO year is the year of the
            // week's Thursday.
            (Dialect::Spark, GroupBy::Week) => format!(
                "concat(CAST(year(date_add({start}, 3)) AS STRING), '-W', \
                 lpad(CAST(weekofyear({start}) AS STRING), 2, '0'))"
            ),
            (Dialect::Spark, GroupBy::Month) => format!("date_format({start}, 'yyyy-MM')"),
            (Dialect::Spark, _) => format!("date_format({start}, 'yyyy-MM-dd')"),
        }
    }
}

/// The grain of `--rollup`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Rollup {
    Day,
}

/// What to compute, and over what.
#[derive(Debug, Clone)]
pub struct Query<'a> {
    pub dialect: Dialect,
    /// The `FROM` item: a table name or a Parquet scan.
    pub table: &'a str,
    pub by: &'a [GroupBy],
    pub filter: &'a Filter,
    pub window: Option<Window>,
    /// KPI (or metric) names; empty for the whole catalogue.
    pub kpis: &'a [String],
}

/// A name that is neither a KPI nor a metric.
#[derive(Debug, thiserror::Error)]
#[error("{}", crate::say!("error.sql_unknown", name = name, hint = hint))]
pub struct UnknownName {
    pub name: String,
    pub hint: String,
}

/// How one base metric is totalled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Sum,
    Money,
    Stock,
    Duration,
}

fn kind_of(name: &str) -> Kind {
    match CANONICAL_METRICS.iter().find(|m| m.name == name) {
        Some(m) if m.aggregation == Aggregation::Stock => Kind::Stock,
        Some(m) if m.aggregation == Aggregation::Duration => Kind::Duration,
        Some(m) if m.unit == Unit::Money => Kind::Money,
        // Custom metrics are flows, as the importer registers them.
        _ => Kind::Sum,
    }
}

fn is_metric(name: &str) -> bool {
    CANONICAL_METRICS.iter().any(|m| m.name == name)
}

struct Writer<'a> {
    d: Dialect,
    catalogue: &'a Catalogue,
    /// `[fx]` rates into the base currency (the base itself at 1), upper case.
    rates: Vec<(String, f64)>,
    /// The base currency as an SQL string, with `[fx]`.
    base: Option<String>,
    /// EMV at the default cost per engagement, in US dollars.
    emv: Option<super::EmvDollars>,
}

/// A KPI's value and currency as SQL expressions over the `totals` columns.
struct Compiled {
    value: String,
    /// `None` when the KPI never carries a currency.
    currency: Option<String>,
}

impl Writer<'_> {
    fn col(&self, name: &str) -> String {
        self.d.ident(name)
    }

    /// The columns of a stock's series (platform, account, content) of the table
    /// aliased `alias` (`r.`, or empty): as `roi_s0…` for a SELECT, bare for a
    /// PARTITION BY.
    fn series(&self, alias: &str) -> (String, String) {
        let columns = ["platform", "account", "content_id"]
            .map(|c| format!("COALESCE({alias}{}, '')", self.col(c)));
        let select = columns
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c} AS roi_s{i}"))
            .collect::<Vec<_>>()
            .join(", ");
        (select, columns.join(", "))
    }

    /// The latest row first: by end date, then the later source line (file names
    /// ordered bytewise, as DuckDB and Spark do).
    fn latest_first(&self, alias: &str) -> String {
        format!(
            "{alias}{} DESC, {} DESC, {alias}{} DESC",
            self.col("end_date"),
            self.d
                .bytewise(&format!("{alias}{}", self.col("source_file"))),
            self.col("source_line")
        )
    }

    /// A duration's mean, weighted by each row's messages (one when it has none).
    fn weighted_mean(&self, col: &str) -> String {
        let d = self.d;
        let weight = format!("COALESCE({}, 1)", d.to_double(&self.col(MESSAGES_RECEIVED)));
        format!(
            "SUM({} * {weight}) / NULLIF(SUM(CASE WHEN {col} IS NOT NULL THEN {weight} END), 0)",
            d.to_double(col)
        )
    }

    fn number(&self, n: f64) -> String {
        self.d.to_double(&format!("{n:?}"))
    }

    fn compile(&self, expr: &Expr, depth: usize) -> Compiled {
        let plain = |value: String| Compiled {
            value,
            currency: None,
        };
        if depth > 64 {
            return plain("NULL".into());
        }
        match expr {
            Expr::Number(n) => plain(self.number(*n)),
            Expr::Growth(name) => plain(self.col(&format!("roi_growth_{name}"))),
            Expr::Name(name) => match self.catalogue.get(name) {
                Some(kpi) if !is_metric(name) => {
                    let inner = self.compile(&kpi.formula, depth + 1);
                    let value = format!("({})", inner.value);
                    // As `Catalogue::emv_in_currency`.
                    match (&self.emv, inner.currency) {
                        (Some(super::EmvDollars::Usd), None) if name == "emv" => Compiled {
                            value,
                            currency: Some(self.d.string(super::EMV_DEFAULT_CURRENCY)),
                        },
                        (Some(super::EmvDollars::Converted { base, rate }), None)
                            if name == "emv" =>
                        {
                            Compiled {
                                value: format!("({value} * {})", self.number(*rate)),
                                currency: Some(self.d.string(&base.to_uppercase())),
                            }
                        }
                        (_, currency) => Compiled { value, currency },
                    }
                }
                _ => Compiled {
                    value: self.col(&format!("m_{name}")),
                    currency: (kind_of(name) == Kind::Money)
                        .then(|| self.col(&format!("c_{name}"))),
                },
            },
            Expr::Neg(e) => {
                let inner = self.compile(e, depth + 1);
                Compiled {
                    value: format!("(-{})", inner.value),
                    currency: inner.currency,
                }
            }
            Expr::Binary(Op::Add, ..) => {
                let mut terms = Vec::new();
                flatten_sum(expr, &mut terms);
                let terms = terms.iter().map(|t| self.compile(t, depth + 1)).collect();
                let (values, currency, differ) = self.same_currency(terms);
                let sum = values
                    .iter()
                    .map(|v| format!("COALESCE({v}, 0)"))
                    .collect::<Vec<_>>()
                    .join(" + ");
                // A missing term adds nothing; all missing, the sum is missing.
                let value = format!(
                    "CASE WHEN COALESCE({}) IS NULL THEN NULL ELSE {sum} END",
                    values.join(", ")
                );
                Self::guard(value, currency, differ)
            }
            Expr::Binary(op, l, r) => {
                let l = self.compile(l, depth + 1);
                let r = self.compile(r, depth + 1);
                // Money over money is a ratio; money over a count stays money.
                let divided = match (&l.currency, &r.currency) {
                    (lc, None) => lc.clone(),
                    (None, Some(_)) => None,
                    (Some(lc), Some(rc)) => Some(format!(
                        "CASE WHEN {rc} IS NOT NULL THEN NULL ELSE {lc} END"
                    )),
                };
                let (values, currency, differ) = self.same_currency(vec![l, r]);
                let (lv, rv) = (&values[0], &values[1]);
                let (value, currency) = match op {
                    // Nothing to subtract from: no value (no revenue is no ROI).
                    Op::Sub => (
                        format!(
                            "CASE WHEN {lv} IS NULL THEN NULL ELSE {lv} - COALESCE({rv}, 0) END"
                        ),
                        currency,
                    ),
                    Op::Mul => (format!("{lv} * {rv}"), currency),
                    Op::Div | Op::Add => (
                        format!("{lv} / NULLIF({rv}, 0)"),
                        if differ.is_some() { None } else { divided },
                    ),
                };
                Self::guard(value, currency, differ)
            }
        }
    }

    /// Terms in one currency, as `roi report` brings them: when two of them name
    /// different currencies, all amounts go into `[fx]`'s base, or without `[fx]`
    /// the result has no value. Returns the terms' values, their currency, and the
    /// condition under which they differ.
    fn same_currency(&self, terms: Vec<Compiled>) -> (Vec<String>, Option<String>, Option<String>) {
        let currencies: Vec<&String> = terms.iter().filter_map(|t| t.currency.as_ref()).collect();
        let mut pairs = Vec::new();
        for (i, a) in currencies.iter().enumerate() {
            for b in &currencies[i + 1..] {
                if a != b {
                    pairs.push(format!(
                        "({a} IS NOT NULL AND {b} IS NOT NULL AND {a} <> {b})"
                    ));
                }
            }
        }
        let differ = (!pairs.is_empty()).then(|| pairs.join(" OR "));
        let currency = first_currency(terms.iter().map(|t| t.currency.clone()));
        let (Some(cond), Some(base)) = (&differ, &self.base) else {
            return (
                terms.into_iter().map(|t| t.value).collect(),
                currency,
                differ,
            );
        };
        let values = terms
            .into_iter()
            .map(|t| match &t.currency {
                Some(c) => format!(
                    "CASE WHEN {cond} THEN {} * {} ELSE {} END",
                    t.value,
                    self.rate(c),
                    t.value
                ),
                None => t.value,
            })
            .collect();
        let currency = currency.map(|c| format!("CASE WHEN {cond} THEN {base} ELSE {c} END"));
        (values, currency, None)
    }

    /// The `[fx]` rate of a currency into the base (NULL when `[fx]` has none).
    fn rate(&self, currency: &str) -> String {
        let mut cases = String::new();
        for (c, r) in &self.rates {
            let _ = write!(cases, " WHEN {} THEN {}", self.d.string(c), self.number(*r));
        }
        format!("(CASE {currency}{cases} END)")
    }

    /// No value where amounts in two currencies would meet without `[fx]`.
    fn guard(value: String, currency: Option<String>, differ: Option<String>) -> Compiled {
        match differ {
            Some(cond) => Compiled {
                value: format!("CASE WHEN {cond} THEN NULL ELSE {value} END"),
                currency,
            },
            None => Compiled { value, currency },
        }
    }

    /// The base metrics a KPI needs, and the stocks whose growth it takes.
    fn needs(&self, expr: &Expr, metrics: &mut BTreeSet<String>, growth: &mut BTreeSet<String>) {
        match expr {
            Expr::Number(_) => {}
            Expr::Growth(name) => {
                growth.insert(name.clone());
                if kind_of(name) == Kind::Stock {
                    metrics.insert(name.clone());
                }
                metrics.insert("followers_gained".into());
                metrics.insert("followers_lost".into());
                metrics.insert("followers_net".into());
            }
            Expr::Name(name) => match self.catalogue.get(name) {
                Some(kpi) if !is_metric(name) => self.needs(&kpi.formula.clone(), metrics, growth),
                _ => {
                    if kind_of(name) == Kind::Duration {
                        metrics.insert(MESSAGES_RECEIVED.into());
                    }
                    metrics.insert(name.clone());
                }
            },
            Expr::Neg(e) => self.needs(e, metrics, growth),
            Expr::Binary(_, l, r) => {
                self.needs(l, metrics, growth);
                self.needs(r, metrics, growth);
            }
        }
    }
}

fn flatten_sum<'e>(expr: &'e Expr, out: &mut Vec<&'e Expr>) {
    match expr {
        Expr::Binary(Op::Add, l, r) => {
            flatten_sum(l, out);
            flatten_sum(r, out);
        }
        other => out.push(other),
    }
}

fn first_currency(currencies: impl IntoIterator<Item = Option<String>>) -> Option<String> {
    let known: Vec<String> = currencies.into_iter().flatten().collect();
    match known.len() {
        0 => None,
        1 => known.into_iter().next(),
        _ => Some(format!("COALESCE({})", known.join(", "))),
    }
}

/// `[fx]` rates into the base, upper case, with the base itself at 1.
fn fx_rates(fx: &Fx) -> Vec<(String, f64)> {
    match &fx.base {
        Some(base) if !fx.rates.is_empty() => {
            let base = base.to_uppercase();
            let mut rates: Vec<(String, f64)> = fx
                .rates
                .iter()
                .map(|(c, r)| (c.to_uppercase(), *r))
                .collect();
            if !rates.iter().any(|(c, _)| *c == base) {
                rates.push((base, 1.0));
            }
            rates
        }
        _ => Vec::new(),
    }
}

/// The query computing `q.kpis` per group, one row per group.
pub fn kpi_query(catalogue: &Catalogue, fx: &Fx, q: &Query<'_>) -> Result<String, UnknownName> {
    let d = q.dialect;
    let rates = fx_rates(fx);
    let w = Writer {
        d,
        catalogue,
        base: (!rates.is_empty())
            .then(|| fx.base.as_ref().map(|b| d.string(&b.to_uppercase())))
            .flatten(),
        rates,
        emv: catalogue.emv_dollars(fx),
    };
    let names: Vec<String> = if q.kpis.is_empty() {
        catalogue.iter().map(|k| k.name.clone()).collect()
    } else {
        q.kpis.to_vec()
    };
    for name in &names {
        if catalogue.get(name).is_none() && !is_metric(name) {
            let candidates = catalogue
                .iter()
                .map(|k| k.name.as_str())
                .chain(CANONICAL_METRICS.iter().map(|m| m.name));
            return Err(UnknownName {
                name: name.clone(),
                hint: super::did_you_mean(name, candidates),
            });
        }
    }
    let mut metrics = BTreeSet::new();
    let mut growth = BTreeSet::new();
    for name in &names {
        w.needs(&Expr::Name(name.clone()), &mut metrics, &mut growth);
    }
    let metrics: Vec<String> = CANONICAL_METRICS
        .iter()
        .map(|m| m.name.to_owned())
        .filter(|m| metrics.contains(m))
        .chain(metrics.iter().filter(|m| !is_metric(m)).cloned())
        .collect();

    let dims: Vec<Dimension> =
        q.by.iter()
            .filter_map(|g| match g {
                GroupBy::Dim(dim) => Some(*dim),
                _ => None,
            })
            .collect();
    let grain = q.by.iter().copied().find(|g| !matches!(g, GroupBy::Dim(_)));
    let date = w.col("date");
    let end = w.col("end_date");
    // Group keys: `roi_g0…` for dimensions (`''` when a row has none, as in `roi
    // report`), `roi_period` for the period's first day.
    let mut keys: Vec<String> = (0..dims.len()).map(|i| format!("roi_g{i}")).collect();
    if grain.is_some() {
        keys.push("roi_period".into());
    }
    if keys.is_empty() {
        keys.push("roi_all".into());
    }
    let key_list = keys.join(", ");

    let mut sql = String::new();
    let _ = writeln!(
        sql,
        "-- roi {}: KPIs over roi's normalized rows ({} dialect), generated from the KPI catalogue.",
        env!("CARGO_PKG_VERSION"),
        d.name()
    );
    let _ = writeln!(
        sql,
        "-- Ratios are ratios of sums; stocks take their last value per series; NULL means no value."
    );
    sql.push_str("WITH\nsrc AS (\n  SELECT *");
    for (i, dim) in dims.iter().enumerate() {
        let _ = write!(
            sql,
            ",\n    COALESCE({}, '') AS roi_g{i}",
            w.col(dim.name())
        );
    }
    match grain {
        Some(g) => {
            let _ = write!(sql, ",\n    {} AS roi_period", d.bucket(g, &date));
        }
        None if dims.is_empty() => sql.push_str(",\n    1 AS roi_all"),
        None => {}
    }
    let _ = write!(sql, "\n  FROM {}", q.table);
    let conditions = filter_conditions(&w, q.filter);
    if !conditions.is_empty() {
        let _ = write!(sql, "\n  WHERE {}", conditions.join("\n    AND "));
    }
    sql.push_str("\n),\n");

    // Rows inside the window: wholly inside `--from`/`--to`, and for a period
    // grouping wholly inside their period (rows crossing a period edge are left out,
    // as `roi report` does).
    let mut inside = Vec::new();
    if let Some(win) = q.window {
        if win.from != NaiveDate::MIN {
            inside.push(format!("{date} >= {}", d.date(win.from)));
        }
        if win.to != NaiveDate::MAX {
            inside.push(format!("{end} <= {}", d.date(win.to)));
        }
    }
    if let Some(g) = grain {
        inside.push(format!("{} = roi_period", d.bucket(g, &end)));
    }
    sql.push_str("inside AS (\n  SELECT * FROM src");
    if !inside.is_empty() {
        let _ = write!(sql, "\n  WHERE {}", inside.join("\n    AND "));
    }
    sql.push_str("\n),\n");

    // Sums per group; money also counts its currencies (an unknown currency is its
    // own file's).
    let _ = write!(
        sql,
        "sums AS (\n  SELECT {key_list},\n    COUNT(*) AS roi_rows,\n    MIN({date}) AS roi_first,\n    MAX({end}) AS roi_last"
    );
    let currency = format!("UPPER({})", w.col("currency"));
    let rates = &w.rates;
    for m in &metrics {
        let col = w.col(m);
        match kind_of(m) {
            Kind::Sum => {
                let _ = write!(
                    sql,
                    ",\n    {} AS s_{m}",
                    d.to_double(&format!("SUM({col})"))
                );
            }
            Kind::Money => {
                let _ = write!(
                    sql,
                    ",\n    {} AS s_{m},\n    COUNT(DISTINCT CASE WHEN {col} IS NOT NULL THEN COALESCE({currency}, CONCAT('~', {})) END) AS n_{m},\n    MIN(CASE WHEN {col} IS NOT NULL THEN {currency} END) AS k_{m}",
                    d.to_double(&format!("SUM({col})")),
                    w.col("source_file"),
                );
                if !rates.is_empty() {
                    let mut cases = String::new();
                    for (c, r) in rates {
                        let _ = write!(cases, " WHEN {} THEN {}", d.string(c), w.number(*r));
                    }
                    let known: Vec<String> = rates.iter().map(|(c, _)| d.string(c)).collect();
                    let _ = write!(
                        sql,
                        ",\n    SUM({} * CASE {currency}{cases} END) AS f_{m},\n    COUNT(CASE WHEN {col} IS NOT NULL AND ({currency} IS NULL OR {currency} NOT IN ({})) THEN 1 END) AS u_{m}",
                        d.to_double(&col),
                        known.join(", ")
                    );
                }
            }
            Kind::Duration => {
                let _ = write!(sql, ",\n    {} AS s_{m}", w.weighted_mean(&col));
            }
            Kind::Stock => {}
        }
    }
    let _ = write!(sql, "\n  FROM inside\n  GROUP BY {key_list}\n),\n");

    let stocks: Vec<&String> = metrics
        .iter()
        .filter(|m| kind_of(m) == Kind::Stock)
        .collect();
    let (series_select, series) = w.series("");
    let order = w.latest_first("");
    // Where "before the window" starts, per group: the period's first day (within
    // `--from`), or `--from`.
    let from = q.window.map(|w| w.from).filter(|f| *f != NaiveDate::MIN);
    let before_start = match (grain, from) {
        (Some(_), Some(f)) => Some(format!("GREATEST(g.roi_period, {})", d.date(f))),
        (Some(_), None) => Some("g.roi_period".to_owned()),
        (None, Some(f)) => Some(d.date(f)),
        (None, None) => None,
    };
    for m in &stocks {
        let col = w.col(m);
        // The last value of each series inside each group's window.
        let _ = write!(
            sql,
            "last_{m} AS (\n  SELECT {key_list}, {series_select}, {col} AS v,\n    ROW_NUMBER() OVER (PARTITION BY {key_list}, {series} ORDER BY {order}) AS roi_n\n  FROM inside\n  WHERE {col} IS NOT NULL\n),\n"
        );
        let Some(start) = &before_start else {
            // No window start: nothing is before it.
            let _ = write!(
                sql,
                "stock_{m} AS (\n  SELECT {key_list}, {} AS s_{m}\n  FROM last_{m}\n  WHERE roi_n = 1\n  GROUP BY {key_list}\n),\n",
                d.to_double("SUM(v)")
            );
            if growth.contains(*m) {
                let _ = write!(
                    sql,
                    "account_{m} AS (\n  SELECT {key_list}, roi_s0, roi_s1, COUNT(*) AS roi_series, 0 AS roi_known, 0 AS roi_stale, {} AS g\n  FROM last_{m}\n  WHERE roi_n = 1\n  GROUP BY {key_list}, roi_s0, roi_s1\n),\n",
                    d.to_double("NULL")
                );
                sql.push_str(&account_growth(&w, m, &keys));
            }
            continue;
        };
        // The last value of each series before the window, per group.
        let on: Vec<String> = keys
            .iter()
            .filter(|k| *k != "roi_period")
            .map(|k| format!("r.{k} = g.{k}"))
            .chain(std::iter::once(format!("r.{end} < {start}")))
            .collect();
        let key_g = keys
            .iter()
            .map(|k| format!("g.{k}"))
            .collect::<Vec<_>>()
            .join(", ");
        let (series_r, series_rp) = w.series("r.");
        let order_r = w.latest_first("r.");
        let _ = write!(
            sql,
            "before_{m} AS (\n  SELECT {key_g}, {series_r}, r.{col} AS v,\n    ROW_NUMBER() OVER (PARTITION BY {key_g}, {series_rp} ORDER BY {order_r}) AS roi_n\n  FROM sums g\n  JOIN src r ON {}\n  WHERE r.{col} IS NOT NULL\n),\n",
            on.join(" AND ")
        );
        // Every series read at or before the window's end: its value in the window,
        // or else its last value before it (as `roi report` takes a stock).
        let join_on: Vec<String> = keys
            .iter()
            .map(String::as_str)
            .chain(["roi_s0", "roi_s1", "roi_s2"])
            .map(|k| format!("l.{k} = b.{k}"))
            .collect();
        let key_lb = keys
            .iter()
            .map(|k| format!("COALESCE(l.{k}, b.{k}) AS {k}"))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = write!(
            sql,
            "series_{m} AS (\n  SELECT {key_lb}, COALESCE(l.roi_s0, b.roi_s0) AS roi_s0, COALESCE(l.roi_s1, b.roi_s1) AS roi_s1, l.v AS v_in, b.v AS v_before\n  FROM (SELECT * FROM last_{m} WHERE roi_n = 1) l\n  FULL OUTER JOIN (SELECT * FROM before_{m} WHERE roi_n = 1) b ON {}\n),\n",
            join_on.join(" AND ")
        );
        let _ = write!(
            sql,
            "stock_{m} AS (\n  SELECT {key_list}, {} AS s_{m}\n  FROM series_{m}\n  GROUP BY {key_list}\n),\n",
            d.to_double("SUM(COALESCE(v_in, v_before))")
        );
        if growth.contains(*m) {
            let _ = write!(
                sql,
                "account_{m} AS (\n  SELECT {key_list}, roi_s0, roi_s1, COUNT(*) AS roi_series, COUNT(v_before) AS roi_known, COUNT(CASE WHEN v_in IS NULL THEN v_before END) AS roi_stale, {} AS g\n  FROM series_{m}\n  GROUP BY {key_list}, roi_s0, roi_s1\n),\n",
                d.to_double("SUM(COALESCE(v_in, v_before) - v_before)")
            );
            sql.push_str(&account_growth(&w, m, &keys));
        }
    }

    // One row per group: every base metric's total as `m_<name>` (`c_<name>` its
    // currency), the growth of stocks as `roi_growth_<name>`.
    let _ = write!(sql, "totals AS (\n  SELECT sums.*");
    for m in &metrics {
        match kind_of(m) {
            Kind::Sum | Kind::Duration => {
                let _ = write!(sql, ",\n    s_{m} AS m_{m}");
            }
            Kind::Money => {
                let (value, money) = if rates.is_empty() {
                    (
                        format!("CASE WHEN n_{m} <= 1 THEN s_{m} END"),
                        format!("k_{m}"),
                    )
                } else {
                    let base = d.string(&fx.base.clone().unwrap_or_default().to_uppercase());
                    // As `roi report`: every amount with a rate goes into the base,
                    // one currency as well as several; one without a rate stays as it is.
                    (
                        format!("CASE WHEN u_{m} = 0 THEN f_{m} WHEN n_{m} <= 1 THEN s_{m} END"),
                        format!("CASE WHEN u_{m} = 0 THEN {base} WHEN n_{m} <= 1 THEN k_{m} END"),
                    )
                };
                let _ = write!(sql, ",\n    {value} AS m_{m},\n    {money} AS c_{m}");
            }
            Kind::Stock => {
                let _ = write!(sql, ",\n    stock_{m}.s_{m} AS m_{m}");
            }
        }
    }
    for g in &growth {
        let gained = "s_followers_gained";
        let lost = "s_followers_lost";
        let net = "s_followers_net";
        let fallback = format!(
            "CASE WHEN {gained} IS NULL AND {lost} IS NULL AND {net} IS NULL THEN NULL ELSE COALESCE({gained}, 0) - COALESCE({lost}, 0) + COALESCE({net}, 0) END"
        );
        let value = if kind_of(g) == Kind::Stock {
            format!("growth_{g}.g_{g}")
        } else {
            fallback
        };
        let _ = write!(sql, ",\n    {value} AS roi_growth_{g}");
    }
    sql.push_str("\n  FROM sums");
    for m in &stocks {
        let _ = write!(sql, "\n  LEFT JOIN stock_{m} USING ({key_list})");
        if growth.contains(*m) {
            let _ = write!(sql, "\n  LEFT JOIN growth_{m} USING ({key_list})");
        }
    }
    sql.push_str("\n)\n");

    // The KPIs.
    sql.push_str("SELECT");
    let mut columns = Vec::new();
    for (i, dim) in dims.iter().enumerate() {
        columns.push(format!("roi_g{i} AS {}", w.col(dim.name())));
    }
    if let Some(g) = grain {
        columns.push(format!(
            "{} AS {}",
            d.label(g, "roi_period"),
            w.col(g.name())
        ));
    }
    columns.push(format!("roi_rows AS {}", w.col("rows")));
    columns.push(format!("roi_first AS {}", w.col("first_date")));
    columns.push(format!("roi_last AS {}", w.col("last_date")));
    for name in &names {
        let unit = catalogue.get(name).map_or_else(
            || {
                CANONICAL_METRICS
                    .iter()
                    .find(|m| m.name == name)
                    .map_or(Unit::Number, |m| m.unit)
            },
            |k| k.unit,
        );
        let compiled = w.compile(&Expr::Name(name.clone()), 0);
        columns.push(format!("{} AS {}", compiled.value, w.col(name)));
        let currency = match unit {
            Unit::Ratio => None,
            Unit::Money => match (compiled.currency, &fx.base) {
                (Some(c), Some(base)) => {
                    Some(format!("COALESCE({c}, {})", d.string(&base.to_uppercase())))
                }
                (None, Some(base)) => Some(d.string(&base.to_uppercase())),
                (c, None) => c,
            },
            _ => compiled.currency,
        };
        if let Some(c) = currency {
            columns.push(format!(
                "CASE WHEN ({}) IS NULL THEN NULL ELSE {c} END AS {}",
                compiled.value,
                w.col(&format!("{name}_currency"))
            ));
        }
    }
    let _ = write!(sql, "\n  {}", columns.join(",\n  "));
    let _ = write!(
        sql,
        "\nFROM totals\nWHERE roi_rows > 0\nORDER BY {key_list};\n"
    );
    Ok(sql)
}

/// A stock's growth per group, taken per account (platform and account) as `roi
/// report` takes it: an account whose series all have a value before the window
/// grows by their change (`account_<m>`), unless one has none in the window and the
/// account has flows; any other by its follower flows in the window; the group grows
/// by their sum.
fn account_growth(w: &Writer<'_>, m: &str, keys: &[String]) -> String {
    let d = w.d;
    let key_list = keys.join(", ");
    let (platform, account) = (w.col("platform"), w.col("account"));
    let flows = format!(
        "flows_{m} AS (\n  SELECT {key_list}, COALESCE({platform}, '') AS roi_s0, COALESCE({account}, '') AS roi_s1,\n    {} AS r_gained, {} AS r_lost, {} AS r_net\n  FROM inside\n  GROUP BY {key_list}, COALESCE({platform}, ''), COALESCE({account}, '')\n),\n",
        d.to_double(&format!("SUM({})", w.col("followers_gained"))),
        d.to_double(&format!("SUM({})", w.col("followers_lost"))),
        d.to_double(&format!("SUM({})", w.col("followers_net"))),
    );
    let on: Vec<String> = keys
        .iter()
        .map(String::as_str)
        .chain(["roi_s0", "roi_s1"])
        .map(|k| format!("a.{k} = f.{k}"))
        .collect();
    let key_af = keys
        .iter()
        .map(|k| format!("COALESCE(a.{k}, f.{k}) AS {k}"))
        .collect::<Vec<_>>()
        .join(", ");
    let group = keys
        .iter()
        .map(|k| format!("COALESCE(a.{k}, f.{k})"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "{flows}growth_{m} AS (\n  SELECT {key_af},\n    SUM(CASE WHEN a.roi_series > 0 AND a.roi_series = a.roi_known AND (a.roi_stale = 0 OR (f.r_gained IS NULL AND f.r_lost IS NULL AND f.r_net IS NULL)) THEN a.g WHEN f.r_gained IS NULL AND f.r_lost IS NULL AND f.r_net IS NULL THEN NULL ELSE COALESCE(f.r_gained, 0) - COALESCE(f.r_lost, 0) + COALESCE(f.r_net, 0) END) AS g_{m}\n  FROM account_{m} a\n  FULL OUTER JOIN flows_{m} f ON {}\n  GROUP BY {group}\n),\n",
        on.join(" AND ")
    )
}

/// `--where` as SQL: each dimension one of its values, ignoring case. Values are
/// composed (NFC), as roi writes text: `Tết` typed decomposed matches its rows.
fn filter_conditions(w: &Writer<'_>, filter: &Filter) -> Vec<String> {
    filter
        .conditions
        .iter()
        .map(|(dim, values)| {
            let keys: Vec<String> = values
                .iter()
                .map(|v| crate::dataset::filter_key(*dim, v))
                .collect();
            let col = w.col(dim.name());
            let wanted: Vec<String> = keys.iter().map(|k| w.d.string(k)).collect();
            let mut one_of = vec![format!("LOWER({col}) IN ({})", wanted.join(", "))];
            // A page without a query string is that page with any, as
            // `crate::dataset::filter_matches` has it; SUBSTR, unlike LIKE, takes
            // `_` and `%` in a page as written.
            if matches!(dim, Dimension::LandingPage | Dimension::Link) {
                for key in keys.iter().filter(|k| !k.contains('?')) {
                    let page = format!("{key}?");
                    one_of.push(format!(
                        "SUBSTR(LOWER({col}), 1, {}) = {}",
                        page.chars().count(),
                        w.d.string(&page)
                    ));
                }
            }
            match one_of.as_slice() {
                [one] => one.clone(),
                _ => format!("({})", one_of.join(" OR ")),
            }
        })
        .collect()
}

/// Dimensions a rollup always keeps: a stock's series and money's currency.
const ROLLUP_DIMS: [Dimension; 3] = [Dimension::Platform, Dimension::Account, Dimension::Currency];

/// The query rolling rows up to roi's normalized format at daily grain (rows that
/// cover several days stay as they are): one row per date, end date, platform,
/// account, currency and `q.by` dimension, flows summed, a stock's last value per
/// content summed, reply times weighted by their messages. Its output is what `roi
/// report` and `roi check` read, with the same KPIs for any grouping by the kept
/// dimensions.
pub fn rollup_query(catalogue: &Catalogue, q: &Query<'_>) -> String {
    let d = q.dialect;
    let w = Writer {
        d,
        catalogue,
        rates: Vec::new(),
        base: None,
        emv: None,
    };
    let mut dims: Vec<Dimension> = ROLLUP_DIMS.to_vec();
    for g in q.by {
        if let GroupBy::Dim(dim) = g
            && !dims.contains(dim)
        {
            dims.push(*dim);
        }
    }
    // Custom metrics that the catalogue's formulas name are kept too.
    let mut custom = BTreeSet::new();
    for kpi in catalogue.iter() {
        for name in kpi.formula.names() {
            if catalogue.get(name).is_none() && !is_metric(name) {
                custom.insert(name.to_owned());
            }
        }
    }
    let metrics: Vec<String> = CANONICAL_METRICS
        .iter()
        .map(|m| m.name.to_owned())
        .chain(custom)
        .collect();
    let date = w.col("date");
    let end = w.col("end_date");
    let keys: Vec<String> = std::iter::once("roi_date".to_owned())
        .chain(std::iter::once("roi_end".to_owned()))
        .chain((0..dims.len()).map(|i| format!("roi_g{i}")))
        .collect();
    let key_list = keys.join(", ");

    let mut sql = String::new();
    let _ = writeln!(
        sql,
        "-- roi {}: normalized rows rolled up by day ({} dialect); roi reads the result as its own format.",
        env!("CARGO_PKG_VERSION"),
        d.name()
    );
    let _ = write!(
        sql,
        "WITH\nsrc AS (\n  SELECT *,\n    {date} AS roi_date,\n    {end} AS roi_end"
    );
    for (i, dim) in dims.iter().enumerate() {
        let _ = write!(
            sql,
            ",\n    COALESCE({}, '') AS roi_g{i}",
            w.col(dim.name())
        );
    }
    let _ = write!(sql, "\n  FROM {}", q.table);
    let mut conditions = filter_conditions(&w, q.filter);
    if let Some(win) = q.window {
        if win.from != NaiveDate::MIN {
            conditions.push(format!("{date} >= {}", d.date(win.from)));
        }
        if win.to != NaiveDate::MAX {
            conditions.push(format!("{end} <= {}", d.date(win.to)));
        }
    }
    if !conditions.is_empty() {
        let _ = write!(sql, "\n  WHERE {}", conditions.join("\n    AND "));
    }
    sql.push_str("\n)");
    let stocks: Vec<&String> = metrics
        .iter()
        .filter(|m| kind_of(m) == Kind::Stock)
        .collect();
    for m in &stocks {
        let col = w.col(m);
        let content = format!("COALESCE({}, '')", w.col("content_id"));
        let _ = write!(
            sql,
            ",\nlast_{m} AS (\n  SELECT {key_list}, {col} AS v,\n    ROW_NUMBER() OVER (PARTITION BY {key_list}, {content} ORDER BY {} DESC, {} DESC) AS roi_n\n  FROM src\n  WHERE {col} IS NOT NULL\n),\nstock_{m} AS (\n  SELECT {key_list}, SUM(v) AS s_{m}\n  FROM last_{m}\n  WHERE roi_n = 1\n  GROUP BY {key_list}\n)",
            d.bytewise(&w.col("source_file")),
            w.col("source_line"),
        );
    }
    sql.push_str(",\nsums AS (\n  SELECT ");
    sql.push_str(&key_list);
    for m in &metrics {
        let col = w.col(m);
        match kind_of(m) {
            Kind::Sum | Kind::Money => {
                let _ = write!(sql, ",\n    SUM({col}) AS s_{m}");
            }
            Kind::Duration => {
                let _ = write!(sql, ",\n    {} AS s_{m}", w.weighted_mean(&col));
            }
            Kind::Stock => {}
        }
    }
    let _ = write!(sql, "\n  FROM src\n  GROUP BY {key_list}\n)\n");
    let mut columns = vec![format!("roi_date AS {date}"), format!("roi_end AS {end}")];
    for (i, dim) in dims.iter().enumerate() {
        columns.push(format!("NULLIF(roi_g{i}, '') AS {}", w.col(dim.name())));
    }
    for m in &metrics {
        columns.push(format!("s_{m} AS {}", w.col(m)));
    }
    let _ = write!(sql, "SELECT\n  {}\nFROM sums", columns.join(",\n  "));
    for m in &stocks {
        let _ = write!(sql, "\n  LEFT JOIN stock_{m} USING ({key_list})");
    }
    let _ = writeln!(sql, "\nORDER BY {key_list};");
    sql
}
