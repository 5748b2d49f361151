//! The normalized metrics model every importer maps onto: dimensions, canonical
//! metrics with their aggregation kind, platform ids, and exact fixed-point amounts.
//!
//! Platform knowledge stays out of this module; it only knows what a normalized row
//! may contain, so later stages never look at raw export columns.

use std::fmt;

/// A dimension of a normalized row. Filters and `--by` refer to these by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dimension {
    Platform,
    Account,
    Campaign,
    AdSet,
    Ad,
    ContentId,
    ContentType,
    Source,
    Medium,
    LandingPage,
    Product,
    Currency,
    /// When a post was published, `YYYY-MM-DDTHH:MM` as exported (with its UTC
    /// offset when the export gives one).
    Published,
    /// A post's text or title: its length, and comments' words for sentiment.
    Text,
    /// A video's length in seconds, as exported.
    VideoDuration,
    /// A post's permalink.
    Link,
    /// The brand a mention is about (a listening export's query or topic).
    Brand,
    /// A search ad's keyword (Google Ads' keyword and search terms reports): a
    /// breakdown below the ad group.
    Keyword,
    /// The search that showed a keyword's ad (Google Ads' search terms report): a
    /// breakdown below the keyword.
    SearchTerm,
    /// The segment of an ads report broken down by who saw the ads or where (Meta's
    /// `Age`, `Gender`, `Country`, `Impression device`…), its columns in one value:
    /// `Age 18-24 · Gender female`. A level below the ad. Also a GA4 report's channel
    /// group (`Session default channel group Organic Search`), which is no medium.
    Breakdown,
}

impl Dimension {
    pub const ALL: [Dimension; 20] = [
        Dimension::Platform,
        Dimension::Account,
        Dimension::Campaign,
        Dimension::AdSet,
        Dimension::Ad,
        Dimension::ContentId,
        Dimension::ContentType,
        Dimension::Source,
        Dimension::Medium,
        Dimension::LandingPage,
        Dimension::Product,
        Dimension::Currency,
        Dimension::Published,
        Dimension::Text,
        Dimension::VideoDuration,
        Dimension::Link,
        Dimension::Brand,
        Dimension::Keyword,
        Dimension::SearchTerm,
        Dimension::Breakdown,
    ];
    pub const COUNT: usize = Self::ALL.len();

    pub fn name(self) -> &'static str {
        match self {
            Dimension::Platform => "platform",
            Dimension::Account => "account",
            Dimension::Campaign => "campaign",
            Dimension::AdSet => "ad_set",
            Dimension::Ad => "ad",
            Dimension::ContentId => "content_id",
            Dimension::ContentType => "content_type",
            Dimension::Source => "source",
            Dimension::Medium => "medium",
            Dimension::LandingPage => "landing_page",
            Dimension::Product => "product",
            Dimension::Currency => "currency",
            Dimension::Published => "published",
            Dimension::Text => "text",
            Dimension::VideoDuration => "video_duration",
            Dimension::Link => "link",
            Dimension::Brand => "brand",
            Dimension::Keyword => "keyword",
            Dimension::SearchTerm => "search_term",
            Dimension::Breakdown => "breakdown",
        }
    }

    /// Whether `--by` groups its values ignoring case, as filters compare them.
    /// Names do; ids, addresses, times and free text do not: YouTube video ids and
    /// many post ids are case-sensitive, so `abcDEF` and `ABCdef` are two videos.
    pub fn groups_ignoring_case(self) -> bool {
        !matches!(
            self,
            Dimension::ContentId
                | Dimension::LandingPage
                | Dimension::Link
                | Dimension::Published
                | Dimension::Text
                | Dimension::VideoDuration
        )
    }

    pub const fn index(self) -> usize {
        self as usize
    }

    pub fn from_name(name: &str) -> Option<Dimension> {
        Self::ALL.into_iter().find(|d| d.name() == name)
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How a metric combines over a window. The KPI engine must respect it: summing a
/// stock or averaging a flow gives numbers that look right and are not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aggregation {
    /// Summed over the window (impressions, leads, spend…).
    Flow,
    /// A level on a date (followers): the last value at or before the window end,
    /// summed across accounts.
    Stock,
    /// Unique people (reach): summed, but the sum is only an upper bound.
    Unique,
    /// A duration per message (first reply time): mean weighted by `messages_received`.
    Duration,
}

/// The unit of a metric or KPI value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Count,
    Money,
    Ratio,
    Seconds,
    Number,
}

impl Unit {
    pub fn name(self) -> &'static str {
        match self {
            Unit::Count => "count",
            Unit::Money => "money",
            Unit::Ratio => "ratio",
            Unit::Seconds => "seconds",
            Unit::Number => "number",
        }
    }

    pub fn from_name(name: &str) -> Option<Unit> {
        [
            Unit::Count,
            Unit::Money,
            Unit::Ratio,
            Unit::Seconds,
            Unit::Number,
        ]
        .into_iter()
        .find(|u| u.name() == name)
    }
}

/// A canonical base metric.
#[derive(Debug, Clone, Copy)]
pub struct MetricDef {
    pub name: &'static str,
    pub aggregation: Aggregation,
    pub unit: Unit,
}

const fn flow(name: &'static str) -> MetricDef {
    MetricDef {
        name,
        aggregation: Aggregation::Flow,
        unit: Unit::Count,
    }
}

const fn money(name: &'static str) -> MetricDef {
    MetricDef {
        name,
        aggregation: Aggregation::Flow,
        unit: Unit::Money,
    }
}

/// Every canonical metric, in the order of the documented format.
pub const CANONICAL_METRICS: &[MetricDef] = &[
    flow("impressions"),
    MetricDef {
        name: "reach",
        aggregation: Aggregation::Unique,
        unit: Unit::Count,
    },
    flow("clicks"),
    flow("link_clicks"),
    flow("likes"),
    flow("comments"),
    flow("shares"),
    flow("saves"),
    flow("video_views"),
    flow("profile_visits"),
    flow("mentions"),
    flow("category_mentions"),
    flow("mentions_positive"),
    flow("mentions_neutral"),
    flow("mentions_negative"),
    flow("estimated_positive"),
    flow("estimated_neutral"),
    flow("estimated_negative"),
    MetricDef {
        name: "followers",
        aggregation: Aggregation::Stock,
        unit: Unit::Count,
    },
    flow("followers_gained"),
    flow("followers_lost"),
    // A net change where an export gives only the difference (YouTube's
    // `Subscribers`, TikTok's difference from the previous day): gains less losses.
    flow("followers_net"),
    flow("sessions"),
    flow("leads"),
    flow("conversions"),
    flow("purchases"),
    flow("customers"),
    money("revenue"),
    money("spend"),
    flow("issues_resolved"),
    flow("messages_received"),
    MetricDef {
        name: "first_reply_seconds",
        aggregation: Aggregation::Duration,
        unit: Unit::Seconds,
    },
    flow("influencers_signed"),
];

/// Index of a metric in a dataset's metric registry: canonical metrics first, then
/// the custom metrics found in the inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MetricId(pub u16);

pub fn canonical_metric(name: &str) -> Option<MetricId> {
    CANONICAL_METRICS
        .iter()
        .position(|m| m.name == name)
        .map(|i| MetricId(i as u16))
}

/// Currencies written without minor units: ISO 4217's exponent 0, and the
/// rupiah, forint and Taiwan dollar, whose cents exist on paper but not in prices
/// or ad accounts.
const WHOLE_CURRENCIES: [&str; 20] = [
    "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND",
    "VUV", "XAF", "XOF", "XPF", "IDR", "HUF", "TWD",
];

/// ISO 4217's codes in use (and the precious metals and SDR it lists), which a
/// currency in roi.toml must be one of.
const ISO_4217: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD",
    "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUC", "CUP",
    "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP",
    "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS",
    "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW",
    "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD",
    "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN",
    "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR",
    "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SLL",
    "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY",
    "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES",
    "VND", "VUV", "WST", "XAF", "XAG", "XAU", "XCD", "XCG", "XDR", "XOF", "XPD", "XPF", "XPT",
    "XSU", "XUA", "YER", "ZAR", "ZMW", "ZWG", "ZWL",
];

/// Symbols and other names written for one currency only, upper-cased: `US$`,
/// `RMB`, `฿`…
const CURRENCY_ALIASES: &[(&str, &str)] = &[
    ("US$", "USD"),
    ("U.S.$", "USD"),
    ("A$", "AUD"),
    ("AU$", "AUD"),
    ("C$", "CAD"),
    ("CA$", "CAD"),
    ("NZ$", "NZD"),
    ("S$", "SGD"),
    ("SG$", "SGD"),
    ("HK$", "HKD"),
    ("NT$", "TWD"),
    ("R$", "BRL"),
    ("MX$", "MXN"),
    ("RMB", "CNY"),
    ("CN¥", "CNY"),
    ("JP¥", "JPY"),
    ("円", "JPY"),
    ("฿", "THB"),
    ("₱", "PHP"),
    ("RP", "IDR"),
    ("RM", "MYR"),
    ("₭", "LAK"),
    ("៛", "KHR"),
    ("₺", "TRY"),
    ("₽", "RUB"),
    ("₴", "UAH"),
    ("₪", "ILS"),
    ("₦", "NGN"),
    ("ZŁ", "PLN"),
    ("₸", "KZT"),
];

/// Symbols written for several currencies, upper-cased, with those currencies: not
/// one of them alone.
const CURRENCY_AMBIGUOUS: &[(&str, &[&str])] = &[
    ("¥", &["JPY", "CNY"]),
    ("￥", &["JPY", "CNY"]),
    ("元", &["CNY", "TWD", "HKD"]),
    ("$", &["USD", "CAD", "AUD", "SGD", "HKD", "MXN"]),
    ("KR", &["SEK", "NOK", "DKK", "ISK"]),
    ("FR", &["CHF", "XOF", "XAF"]),
];

/// The ISO 4217 code a currency written in roi.toml stands for: the code in any
/// case (`usd`), the dong as Vietnamese writes it (`VNĐ`, `đ`, `₫`), the symbols
/// the readers take for one currency (`€`, `£`, `₹`, `₩`) and other names of one
/// currency (`US$`, `RMB`, `฿`: [`CURRENCY_ALIASES`]). `None` for anything else
/// (`US Dollar`, `XYZ`, `$` and `¥`, which name several; see [`currency_hint`]).
pub fn currency_code(text: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    let text: String = text.trim().nfc().collect();
    let upper = text.to_uppercase();
    if upper == "VNĐ" || upper == "Đ" {
        return Some("VND".to_owned());
    }
    if ISO_4217.contains(&upper.as_str()) {
        return Some(upper);
    }
    if let Some((_, code)) = CURRENCY_ALIASES.iter().find(|(alias, _)| *alias == upper) {
        return Some((*code).to_owned());
    }
    crate::input::value::currency_symbol(&text)
        .filter(|s| s.text == text)
        .and_then(crate::input::value::Symbol::currency)
        .map(str::to_owned)
}

/// A "did you mean" for a currency [`currency_code`] refused: the code of a
/// currency's name (`US Dollar` → USD, `đồng` → VND), else the closest code.
pub fn currency_hint(text: &str) -> String {
    const NAMES: &[(&str, &str)] = &[
        ("us dollar", "USD"),
        ("dollar", "USD"),
        ("đô la", "USD"),
        ("đô", "USD"),
        ("euro", "EUR"),
        ("đồng", "VND"),
        ("dong", "VND"),
        ("pound", "GBP"),
        ("sterling", "GBP"),
        ("yen", "JPY"),
        ("yuan", "CNY"),
        ("renminbi", "CNY"),
        ("won", "KRW"),
        ("baht", "THB"),
        ("rupiah", "IDR"),
        ("ringgit", "MYR"),
        ("rupee", "INR"),
    ];
    use unicode_normalization::UnicodeNormalization;
    let upper = text.trim().nfc().collect::<String>().to_uppercase();
    if let Some((_, codes)) = CURRENCY_AMBIGUOUS.iter().find(|(s, _)| *s == upper) {
        return crate::say!(
            "error.currency_ambiguous",
            symbol = text.trim(),
            codes = codes.join(", ")
        );
    }
    // A dollar of a country (`AU $`, `$ US`), though not as written above: no guess
    // from its letters (`US$` is not `USN`).
    if upper.contains('$') {
        let letters: String = upper.chars().filter(char::is_ascii_alphabetic).collect();
        let code = CURRENCY_ALIASES
            .iter()
            .find(|(alias, _)| alias.contains('$') && alias.replace(['$', '.'], "") == letters)
            .map(|(_, code)| *code);
        return code.map_or_else(String::new, |code| {
            crate::say!("error.did_you_mean", name = code)
        });
    }
    // Whole words: ` dollar ` in ` us dollars `, not `won` in `wonder`.
    let words: Vec<String> = text
        .nfc()
        .collect::<String>()
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.strip_suffix('s')
                .filter(|s| s.len() > 2)
                .unwrap_or(w)
                .to_owned()
        })
        .collect();
    let padded = format!(" {} ", words.join(" "));
    if let Some((_, code)) = NAMES
        .iter()
        .find(|(name, _)| padded.contains(&format!(" {name} ")))
    {
        return crate::say!("error.did_you_mean", name = code);
    }
    crate::kpi::did_you_mean(text.trim(), ISO_4217.iter().copied())
}

/// Minor-unit digits people expect for a currency (a code in any case, as a
/// currency column may write it): none for the dong, the yen…
pub fn currency_decimals(currency: &str) -> usize {
    // Asked for every amount of a row whose currency a column gives: codes are three
    // letters, compared as bytes.
    let whole = match currency.trim().as_bytes() {
        &[a, b, c] => {
            let code = [
                a.to_ascii_uppercase(),
                b.to_ascii_uppercase(),
                c.to_ascii_uppercase(),
            ];
            WHOLE_CURRENCIES.iter().any(|w| w.as_bytes() == code)
        }
        _ => false,
    };
    if whole { 0 } else { 2 }
}

/// The metric counting the cells of `metric` an export masks (TikTok Ads' `<5`
/// conversions): a sum of `metric` over rows with any is a lower bound. A column of
/// roi's format by this name carries the mark through `roi normalize`.
pub fn masked_metric(metric: &str) -> String {
    format!("{metric}_masked")
}

/// Whether a canonical metric counts whole things (impressions, clicks, leads):
/// its values have no fraction.
pub fn is_count(name: &str) -> bool {
    CANONICAL_METRICS
        .iter()
        .any(|m| m.name == name && m.unit == Unit::Count)
}

/// Whether a canonical count is always written whole. Not conversions: Google Ads
/// and GA4 attribute them in fractions (`0.33`, `1.125`).
pub fn is_whole_count(name: &str) -> bool {
    is_count(name) && name != "conversions"
}

/// Whether a canonical metric is an amount of money (spend, revenue).
pub fn is_money(name: &str) -> bool {
    CANONICAL_METRICS
        .iter()
        .any(|m| m.name == name && m.unit == Unit::Money)
}

/// A net follower change: gains less losses, so it may be negative; follower
/// growth adds it to them. An export row that gives gains or losses beside it is
/// read without it (its difference would count twice).
pub const FOLLOWERS_NET: &str = "followers_net";

/// The metric that weights `first_reply_seconds`.
pub const MESSAGES_RECEIVED: &str = "messages_received";

/// Canonical platform ids, with the aliases users and exports write for them.
const PLATFORMS: &[(&str, &[&str])] = &[
    ("facebook", &["fb", "meta"]),
    ("instagram", &["ig", "insta"]),
    ("messenger", &[]),
    ("threads", &[]),
    ("tiktok", &["tik tok"]),
    ("youtube", &["yt", "you tube"]),
    ("twitter", &["x", "x (twitter)", "x/twitter"]),
    ("linkedin", &["linked in"]),
    ("pinterest", &[]),
    ("google_ads", &["google ads", "adwords", "google-ads"]),
    ("web", &["website", "site"]),
];

/// The canonical id of a platform name, or `None` for a platform roi does not know
/// (which is still accepted as written, lowercased).
pub fn platform_id(name: &str) -> Option<&'static str> {
    let lower = name.trim().to_lowercase();
    PLATFORMS
        .iter()
        .find(|(id, aliases)| *id == lower || aliases.contains(&lower.as_str()))
        .map(|(id, _)| *id)
}

/// The platform roi knows that `name`, itself not one roi knows, looks like a slip
/// of: the same letters but for case, spaces, `-`, `_` or `.` (`Face Book`,
/// `googleads`), or an id or alias within two edits (`facebok`, `instagarm`), one
/// edit for names of five letters or fewer and none for those of two (`line` is
/// not `site`, `weibo` not `web`). Any other name may be a platform only the data
/// has (a mapping's column gives `Shopee`), so it is no slip.
pub fn platform_near_miss(name: &str) -> Option<&'static str> {
    if platform_id(name).is_some() {
        return None;
    }
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_' | '.' | '/'))
            .flat_map(char::to_lowercase)
            .collect()
    };
    let name = squash(name);
    if name.is_empty() {
        return None;
    }
    PLATFORMS
        .iter()
        .flat_map(|(id, aliases)| {
            std::iter::once(*id)
                .chain(aliases.iter().copied())
                .map(move |a| (*id, a))
        })
        .filter_map(|(id, alias)| {
            let alias = squash(alias);
            let shortest = name.chars().count().min(alias.chars().count());
            let allowed = match shortest {
                0..=2 => 0,
                3..=5 => 1,
                _ => 2,
            };
            let distance = strsim::osa_distance(&name, &alias);
            (distance <= allowed).then_some((distance, id))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, id)| id)
}

/// The platform ids roi knows, in the order of its documentation.
pub fn platform_ids() -> impl Iterator<Item = &'static str> {
    PLATFORMS.iter().map(|(id, _)| *id)
}

/// Normalizes a platform value: known aliases map to their id, a platform's name
/// with ads or shop words (`Quảng cáo Facebook`, `Facebook Lead Ads`, `TikTok
/// Shop`; see [`crate::input::layout::platform_of_cell`]) to that platform, others
/// are lowercased (`Not Facebook`, `Email threads`).
pub fn normalize_platform(name: &str) -> String {
    platform_id(name)
        .or_else(|| crate::input::layout::platform_of_cell(name))
        .map_or_else(|| name.trim().to_lowercase(), str::to_owned)
}

/// An exact amount in millionths. Sums of amounts never drift the way floats do:
/// ten million additions of 0.1 give exactly 1000000.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Amount(pub i64);

impl Amount {
    pub const SCALE: i64 = 1_000_000;
    pub const DECIMALS: usize = 6;

    pub fn to_f64(self) -> f64 {
        self.0 as f64 / Self::SCALE as f64
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }
}

/// A sum of amounts; wide enough that no realistic input overflows it.
pub fn sum_to_f64(sum: i128) -> f64 {
    sum as f64 / Amount::SCALE as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currencies_of_roi_toml_are_iso_codes() {
        for (text, code) in [
            ("USD", "USD"),
            (" usd ", "USD"),
            ("VNĐ", "VND"),
            ("vnđ", "VND"),
            ("Vnđ", "VND"),
            ("đ", "VND"),
            ("₫", "VND"),
            ("€", "EUR"),
            ("£", "GBP"),
        ] {
            assert_eq!(currency_code(text).as_deref(), Some(code), "{text}");
        }
        for (text, code) in [
            ("US$", "USD"),
            ("us$", "USD"),
            ("RMB", "CNY"),
            ("฿", "THB"),
            ("₩", "KRW"),
            ("HK$", "HKD"),
            ("Rp", "IDR"),
            ("zł", "PLN"),
        ] {
            assert_eq!(currency_code(text).as_deref(), Some(code), "{text}");
        }
        for text in ["US Dollar", "XYZ", "$", "¥", "", "dollars", "VN", "kr"] {
            assert_eq!(currency_code(text), None, "{text}");
        }
        // Symbols of several currencies name them all; a dollar is not guessed from
        // its letters (`US$` is not `USN`).
        assert!(
            currency_hint("¥").contains("JPY, CNY"),
            "{}",
            currency_hint("¥")
        );
        assert!(currency_hint("$").contains("USD, CAD"));
        assert!(currency_hint("kr").contains("SEK, NOK"));
        assert!(
            currency_hint("US $").contains("`USD`"),
            "{}",
            currency_hint("US $")
        );
        assert_eq!(currency_hint("Z$"), "");
        assert!(currency_hint("US Dollars").contains("`USD`"));
        assert!(currency_hint("Việt Nam đồng").contains("`VND`"));
        assert!(currency_hint("euro").contains("`EUR`"));
        assert_eq!(currency_hint("wonderful"), "");
    }

    #[test]
    fn platform_aliases_map_to_ids() {
        assert_eq!(normalize_platform("X"), "twitter");
        assert_eq!(normalize_platform(" Facebook "), "facebook");
        assert_eq!(normalize_platform("Zalo"), "zalo");
        assert_eq!(normalize_platform("Google Ads"), "google_ads");
        assert_eq!(normalize_platform("Quảng cáo Facebook"), "facebook");
        assert_eq!(normalize_platform("Shopee"), "shopee");
        assert_eq!(normalize_platform("TikTok Shop"), "tiktok");
        assert_eq!(normalize_platform("Facebook Lead Ads"), "facebook");
        assert_eq!(normalize_platform("m.facebook.com / referral"), "facebook");
        assert_eq!(normalize_platform("YouTube Ads"), "google_ads");
        for kept in ["Not Facebook", "Web (Facebook pixel)", "Email threads"] {
            assert_eq!(normalize_platform(kept), kept.to_lowercase());
        }
    }

    #[test]
    fn every_dimension_round_trips_its_name() {
        for d in Dimension::ALL {
            assert_eq!(Dimension::from_name(d.name()), Some(d));
            assert_eq!(Dimension::ALL[d.index()], d);
        }
    }

    #[test]
    fn canonical_metric_names_are_unique_and_not_dimensions() {
        for (i, m) in CANONICAL_METRICS.iter().enumerate() {
            assert_eq!(canonical_metric(m.name), Some(MetricId(i as u16)));
            assert!(Dimension::from_name(m.name).is_none());
        }
    }

    #[test]
    fn a_platform_slip_is_told_from_a_platform_roi_does_not_know() {
        for (slip, id) in [
            ("facebok", "facebook"),
            ("Instagarm", "instagram"),
            ("tiktk", "tiktok"),
            ("linkdin", "linkedin"),
            ("Face Book", "facebook"),
            ("googleads", "google_ads"),
            ("You-Tube", "youtube"),
        ] {
            assert_eq!(platform_near_miss(slip), Some(id), "{slip}");
        }
        // Known names and aliases are no slips; nor are other platforms, short
        // ones included (`line` is two letters off `site`, `weibo` off `web`).
        for name in [
            "facebook",
            "FB",
            "x",
            "shopee",
            "Shopee Live",
            "zalo",
            "line",
            "weibo",
            "tiki",
            "lazada",
            "vk",
            "ok",
            "tiktok shop",
            "",
        ] {
            assert_eq!(platform_near_miss(name), None, "{name}");
        }
    }
}
