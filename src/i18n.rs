//! The language people read: one message catalogue per language (`locales/*.yml`,
//! compiled in by rust-i18n), and how numbers, money and dates are written in it.
//! Machine-facing output (JSON, CSV, `roi status`, exit codes) never changes with it.

use std::borrow::Cow;
use std::fmt;
use std::sync::atomic::{AtomicU8, Ordering};

/// A language of the human-facing output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    En,
    Vi,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Vi => "vi",
        }
    }

    pub fn parse(text: &str) -> Option<Lang> {
        let lower = text.trim().to_ascii_lowercase();
        if lower.starts_with("vi") {
            Some(Lang::Vi)
        } else if lower.starts_with("en")
            || lower == "c"
            || lower.starts_with("c.")
            || lower == "posix"
        {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// From the environment, as POSIX orders it: `LC_ALL`, then `LC_MESSAGES`, then `LANG`.
    pub fn from_env() -> Option<Lang> {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
            .find_map(|v| Lang::parse(&v))
    }
}

/// The language of this run's human-facing text: set once from `--lang`, roi.toml or
/// the environment, read where a message is written out for a person (error text).
static CURRENT: AtomicU8 = AtomicU8::new(0);

pub fn set_current(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

pub fn current() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::Vi,
        _ => Lang::En,
    }
}

/// A message of the catalogue in the run's language, arguments as `name = value`:
/// for error text, which only people read.
#[macro_export]
macro_rules! say {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::tr(
            $crate::i18n::current(),
            $key,
            &[$((stringify!($name), &$value.to_string())),*],
        )
    };
}

/// A [`Message`] of the catalogue, arguments as `name = value`.
#[macro_export]
macro_rules! msg {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Message {
            key: $key,
            args: vec![$((stringify!($name), $value.to_string())),*],
            dates: Vec::new(),
        }
    };
}

/// A message carried in results (a file's warnings, skipped-row reasons, report
/// notes): kept as its catalogue key and arguments, written in the reader's language
/// by the table and Markdown renderers, and always in English in JSON and CSV, so
/// machine output never changes with the language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Message {
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
    /// The arguments that are ISO dates roi worked out (not dates quoted as typed):
    /// written as the reader's language writes dates, `dd/mm/yyyy` in Vietnamese.
    pub dates: Vec<&'static str>,
}

/// The argument of a message that names the workbook sheet it is about: the text
/// then starts `sheet `Notes`: `.
pub const IN_SHEET: &str = "in_sheet";

impl Message {
    /// Marks the arguments `names` as dates to write in the reader's form.
    #[must_use]
    pub fn dates(mut self, names: &[&'static str]) -> Self {
        self.dates.extend_from_slice(names);
        self
    }

    pub fn text(&self, lang: Lang) -> String {
        let localized: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(k, v)| {
                let date = self
                    .dates
                    .contains(k)
                    .then(|| v.parse::<chrono::NaiveDate>().ok())
                    .flatten();
                (*k, date.map_or_else(|| v.clone(), |d| self::date(lang, d)))
            })
            .collect();
        let args: Vec<(&str, &str)> = localized.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let text = tr(lang, self.key, &args);
        match self.args.iter().find(|(k, _)| *k == IN_SHEET) {
            Some((_, sheet)) => format!("{}: {text}", tr(lang, "where.sheet", &[("sheet", sheet)])),
            None => text,
        }
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(current()))
    }
}

impl serde::Serialize for Message {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text(Lang::En))
    }
}

impl schemars::JsonSchema for Message {
    fn schema_name() -> Cow<'static, str> {
        "Message".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }
}

/// A message of the catalogue, with `%{name}` arguments filled in.
pub fn tr(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let text: Cow<'_, str> = rust_i18n::t!(key, locale = lang.code());
    // One pass, so a value that happens to contain `%{…}` is never filled in again.
    let mut out = String::with_capacity(text.len());
    let mut rest: &str = &text;
    while let Some(at) = rest.find("%{") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let end = after.find('}');
        let value = end.and_then(|end| args.iter().find(|(n, _)| *n == &after[..end]));
        match (end, value) {
            (Some(end), Some((_, value))) => {
                out.push_str(value);
                rest = &after[end + 1..];
            }
            _ => {
                out.push_str("%{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A KPI as people read it: its id in English; `Tên (id)` in Vietnamese, so the id a
/// command needs stays visible.
pub fn kpi_label(lang: Lang, name: &str) -> String {
    let key = format!("kpi_name.{name}");
    let label = tr(lang, &key, &[]);
    if lang == Lang::En || label == key || label.ends_with(&key) || label == name {
        name.to_owned()
    } else {
        format!("{label} ({name})")
    }
}

/// A column of a grouped table as people read it: a dimension or period (`nền
/// tảng`) or a KPI (`lượt hiển thị`) in the reader's language, lower-case like the
/// other column names; in English, or when the catalogue has no name, its id.
pub fn column_label(lang: Lang, name: &str) -> String {
    if lang == Lang::En {
        return name.to_owned();
    }
    let dimension = format!("column_name.{name}");
    let label = tr(lang, &dimension, &[]);
    if label != dimension {
        return label;
    }
    let kpi = format!("kpi_name.{name}");
    let label = tr(lang, &kpi, &[]);
    if label == kpi || label.ends_with(&kpi) || label == name {
        return name.to_owned();
    }
    let mut chars = label.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

/// A range of dates, both included: `2026-08-01 ..= 2026-08-31` in English (as
/// `--from`/`--to` and roi.toml take them), `01/08/2026 – 31/08/2026` in Vietnamese.
pub fn date_range(lang: Lang, from: chrono::NaiveDate, to: chrono::NaiveDate) -> String {
    match lang {
        Lang::En => format!("{} ..= {}", date(lang, from), date(lang, to)),
        Lang::Vi => format!("{} – {}", date(lang, from), date(lang, to)),
    }
}

/// A date as people in the language write it: ISO in English, dd/mm/yyyy in Vietnamese.
pub fn date(lang: Lang, d: chrono::NaiveDate) -> String {
    match lang {
        Lang::En => d.to_string(),
        Lang::Vi => d.format("%d/%m/%Y").to_string(),
    }
}

/// A group's value in a table as people in the language read it: a `--by day`
/// period as [`date`] writes it, a month `08/2026` in Vietnamese (as its days are
/// written); a week keeps its ISO label (`2026-W32`), the only form it has, and a
/// dimension's value is as it is.
pub fn group_value<'a>(lang: Lang, column: &str, value: &'a str) -> Cow<'a, str> {
    let day = |text: &str| text.parse::<chrono::NaiveDate>().ok();
    match (lang, column) {
        (Lang::Vi, "day") => day(value).map_or(Cow::Borrowed(value), |d| date(lang, d).into()),
        (Lang::Vi, "month") => day(&format!("{value}-01")).map_or(Cow::Borrowed(value), |d| {
            d.format("%m/%Y").to_string().into()
        }),
        _ => Cow::Borrowed(value),
    }
}

/// Swaps an English-grouped number (`1,234.5`) into the language's marks.
pub fn marks(lang: Lang, english: &str) -> String {
    match lang {
        Lang::En => english.to_owned(),
        Lang::Vi => english
            .chars()
            .map(|c| match c {
                ',' => '.',
                '.' => ',',
                other => other,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_from_locale_names() {
        assert_eq!(Lang::parse("vi_VN.UTF-8"), Some(Lang::Vi));
        assert_eq!(Lang::parse("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("C.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("fr_FR"), None);
    }

    #[test]
    fn messages_and_marks() {
        assert_eq!(tr(Lang::Vi, "status.on_track", &[]), "đúng tiến độ");
        assert_eq!(
            tr(Lang::En, "report.goals_title", &[("date", "2026-08-20")]),
            "Goals (as of 2026-08-20)"
        );
        assert_eq!(marks(Lang::Vi, "1,234,567.5"), "1.234.567,5");
        assert_eq!(
            date(
                Lang::Vi,
                chrono::NaiveDate::from_ymd_opt(2026, 8, 5).unwrap()
            ),
            "05/08/2026"
        );
        assert_eq!(group_value(Lang::Vi, "day", "2026-08-05"), "05/08/2026");
        assert_eq!(group_value(Lang::Vi, "month", "2026-08"), "08/2026");
        assert_eq!(group_value(Lang::Vi, "week", "2026-W32"), "2026-W32");
        assert_eq!(
            group_value(Lang::Vi, "campaign", "2026-08-05"),
            "2026-08-05"
        );
        assert_eq!(group_value(Lang::En, "day", "2026-08-05"), "2026-08-05");
    }
}
