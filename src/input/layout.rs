//! Platform knowledge as data: each known export layout lists its header aliases
//! (English, Vietnamese, Spanish…) and what each column means in the normalized
//! model. Adding a layout is adding an entry; user mappings in roi.toml become
//! layouts of the same shape.

use crate::input::value::{DayOrder, DecimalMark};
use crate::model::Dimension;

/// What a column holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// The row's date (or the start of its range).
    Date,
    /// A post's publish time: the row's date, and the time of day kept as the
    /// `published` dimension.
    PublishTime,
    /// A single day that overrides a reporting range (Meta's `Day` breakdown).
    Day,
    /// The end of the row's range.
    EndDate,
    /// A column holding each row's own range (GA4's `Date range` in a comparison:
    /// `Aug 1, 2026 - Aug 31, 2026`): the row covers it.
    DateRange,
    /// GA4's `Nth day` (`0000`, `0001`…): days counted from the range's stated start.
    NthDay,
    /// A week segment (Google Ads' `Week`): the date of its first day; the row
    /// covers that day and the six after it.
    Week,
    /// A month segment (Google Ads' `Month`: `December 2026`, `2026-12`): the row
    /// covers the whole month.
    Month,
    /// A quarter segment (Google Ads' `Quarter`: `2026-07-01`, `Q3 2026`): the row
    /// covers the whole quarter.
    Quarter,
    /// A year segment (Google Ads' `Year`: `2026`): the row covers the whole year.
    Year,
    /// A month's number (GA4's `Month`: `01`–`12`): beside a `Year` column the row
    /// covers that month of that year; alone, that month of the export's range when
    /// the range holds it once (twelve months at most).
    MonthOfYear,
    /// A time breakdown writing each row's own range (Meta's `Month`/`Week`:
    /// `2026-07-01 - 2026-07-31`), within the reporting range beside it.
    Period,
    Dim(Dimension),
    /// A base metric, with a factor applied to each value (1 for most).
    Metric(String, f64),
    /// Meta's `Results`: counted as leads, purchases or conversions by the
    /// result type column.
    Results,
    /// Meta's `Result indicator` / `Loại kết quả`.
    ResultType,
    /// A mention's sentiment as a listening tool rated it (`Positive`, `Tiêu cực`).
    Sentiment,
    /// An hour of the row's day (TikTok follower activity): kept as the
    /// `published` dimension, `YYYY-MM-DDTHH:00`.
    Hour,
    /// The day the export was made (TikTok Content's `Time`): no row's date is after it.
    ExportDay,
    /// A video's length in milliseconds (classic Facebook's `Lifetime Video length`):
    /// kept as `video_duration` in seconds, the unit Business Suite's `Duration (sec)`
    /// is written in, so that both are told short or long alike.
    VideoLengthMs,
    /// Known and deliberately not imported (rates, ids, text): KPIs are recomputed
    /// from sums, never averaged from exported rates.
    Derived,
    /// The sponsored part of a Page's figures (LinkedIn's `Clicks (sponsored)`): the
    /// activity an ads export counts, not imported beside the organic part; a row
    /// holding any is warned (once per file, counted).
    Sponsored,
}

#[derive(Debug, Clone)]
pub struct Column {
    /// Normalized header names (see [`normalize_header`]).
    pub aliases: Vec<String>,
    pub target: Target,
    /// The aliases are in order of preference: when several headers of a file match
    /// the column, the one named by the earliest alias is read, whatever the order of
    /// the columns (LinkedIn's `Clicks (organic)` before `Clicks (total)`). Otherwise
    /// the first such header in the file is read.
    pub ranked: bool,
}

/// Meta Ads' `Messaging conversations started`, the first alias of its column.
const MESSAGING_STARTED: &str = "Messaging conversations started";

impl Column {
    /// The column is Meta Ads' `Messaging conversations started` (in any language),
    /// read as `leads` beside the `Leads` column, which counts lead forms: `Results`
    /// of a messaging type restate it, a lead form's restate the `Leads` column.
    pub fn counts_messaging(&self) -> bool {
        // The first alias, normalized as headers are (lowercased).
        self.aliases
            .first()
            .is_some_and(|a| a.eq_ignore_ascii_case(MESSAGING_STARTED))
    }
}

/// One known export layout.
#[derive(Debug, Clone)]
#[allow(clippy::struct_excessive_bools)] // independent traits of one export
pub struct Layout {
    pub id: String,
    /// Human name, e.g. `Meta Ads Manager`.
    pub name: String,
    /// Platform of every row, unless a column or the source says otherwise.
    pub platform: Option<String>,
    pub columns: Vec<Column>,
    /// Groups of normalized headers; the layout matches only when all headers of at
    /// least one group are present (no groups: the column matches decide).
    pub signatures: Vec<Vec<String>>,
    /// Normalized headers whose presence rules the layout out.
    pub excludes: Vec<String>,
    /// Whether a header without any of its signatures may still be the layout.
    pub unsigned: Unsigned,
    pub decimal: LayoutMark,
    /// How slashed dates are ordered when the values do not tell.
    pub day_order: Option<DayOrder>,
    /// The order instead when the header is not in English, for a platform that
    /// writes ISO dates itself: its slashed dates were written by a spreadsheet in
    /// the user's language, and every language but US English puts the day first.
    /// `None`: `day_order` holds in every language (Meta Business Suite writes
    /// `03/07/2026` month-first in its Spanish UI).
    pub localized_day_order: Option<DayOrder>,
    /// An explicit chrono format for the date columns (user mappings).
    pub date_format: Option<String>,
    /// Only files whose name matches (user mappings).
    pub files: Option<glob::Pattern>,
    /// Dimensions every row gets (`platform = "zalo"` in a mapping).
    pub constants: Vec<(Dimension, String)>,
    /// Rows whose column (normalized header) holds this value are skipped, counted;
    /// with the header as the mapping writes it, for messages.
    pub skip_if: Vec<(String, String, String)>,
    /// The text encoding of matching files, when they are not UTF-8 (mappings).
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Lines before the header that are never the header (mappings).
    pub skip_lines: usize,
    /// A line above the header names the one metric of the file (Meta's
    /// single-metric exports): title aliases → metric.
    pub title_metric: bool,
    /// The platform is inferred from the `source` dimension (web analytics).
    pub platform_from_source: bool,
    /// Every row counts this much of a metric (a CRM export: one row, one lead).
    pub per_row: Option<(String, f64)>,
    /// Rows whose first cell is a description (classic Facebook's second header row).
    pub description_row: bool,
    /// Its total row is the whole of what the export counts, rows it does not list
    /// too (YouTube Studio's table data): checked against the rows' sums.
    pub whole_total: bool,
    /// Warnings each file read with this layout gets (a mapping's target one letter
    /// off a built-in name).
    pub warnings: Vec<crate::i18n::Message>,
}

impl Layout {
    /// A built-in layout of which no column is read (TikTok's follower shares): its
    /// files are known, listed and skipped. A mapping's every column `ignore` is
    /// still refused as reading nothing: the user may have meant otherwise.
    pub fn reads_nothing(&self) -> bool {
        !self.id.starts_with("mapping-") && self.columns.iter().all(|c| c.target == Target::Derived)
    }
}

/// Whether a header without any of a layout's signatures may still be it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsigned {
    Refused,
    /// A date column beside columns of the layout alone is the layout (YouTube's
    /// `Totals.csv` and chart data hold the one metric the user charted, in the UI's
    /// language: `Ngày, Thời gian xem (giờ)`).
    KnownSeries,
}

/// A layout's decimal mark, and how far it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayoutMark {
    /// The platform's, for a file whose values do not tell (`Auto`: none): a file
    /// re-saved in another locale (`1.100,50`) is read as its values are written.
    Convention(DecimalMark),
    /// The user's (a mapping's `decimal`): it holds whatever the values say.
    Given(DecimalMark),
}

/// A currency a header cell writes in brackets (`Spend (USD)`, `Doanh thu (VNĐ)`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderCurrency {
    /// One currency, by its ISO code.
    Code(String),
    /// A symbol written for several currencies (`$`, `¥`): it names none of them,
    /// and its column's amounts are read as if each were written with it.
    Symbol(super::value::Symbol),
}

impl HeaderCurrency {
    /// The one currency it names, if it names one.
    pub fn code(&self) -> Option<&str> {
        match self {
            HeaderCurrency::Code(code) => Some(code),
            HeaderCurrency::Symbol(_) => None,
        }
    }

    /// As the header wrote it: the code, or the symbol.
    pub fn shown(&self) -> &str {
        match self {
            HeaderCurrency::Code(code) => code,
            HeaderCurrency::Symbol(symbol) => symbol.text,
        }
    }

    /// The symbol written for several currencies, if it is one.
    pub fn symbol(&self) -> Option<super::value::Symbol> {
        match self {
            HeaderCurrency::Code(_) => None,
            HeaderCurrency::Symbol(symbol) => Some(*symbol),
        }
    }
}

/// The currency a header's bracketed mark names, read as roi.toml's `currency` is
/// ([`crate::model::currency_code`]: `VNĐ`, `₫`, `đ`, `US$`, `RMB`, `€`), or an
/// ambiguous symbol (`$`). A mark of letters alone is a code only in capitals
/// (`Amount spent (USD)`): TikTok's `Clicks (all)` names no Albanian lek. A code
/// roi does not know counts only in parentheses: a tag in square brackets
/// (`Phiên [SEO]`, `Impressions [WEB]`) is no currency.
fn header_currency(mark: &str, square: bool) -> Option<HeaderCurrency> {
    let letters_only = mark.chars().all(|c| c.is_ascii_alphabetic());
    if letters_only && !mark.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    if let Some(code) = crate::model::currency_code(mark) {
        return Some(HeaderCurrency::Code(code));
    }
    if letters_only && mark.len() == 3 && !square {
        // A code roi does not know is still the file's currency, as written.
        return Some(HeaderCurrency::Code(mark.to_owned()));
    }
    super::value::currency_symbol(mark)
        .filter(|s| s.text == mark && s.currency().is_none())
        .map(HeaderCurrency::Symbol)
}

/// Lowercases, trims, joins whitespace (header cells can hold newlines) and drops a
/// trailing currency in brackets (`(VND)`, `[VNĐ]`, `(₫)`), which is returned.
pub fn normalize_header(header: &str) -> (String, Option<HeaderCurrency>) {
    // Most headers (and every built-in alias, normalized at start-up) are plain
    // ASCII words with single spaces: lowercasing them is all there is to do.
    let plain = header
        .chars()
        .all(|c| c == ' ' || !(c.is_whitespace() || c.is_control() || c == '"' || c == '\u{feff}'))
        && !header.contains("  ")
        && !header.starts_with(' ')
        && !header.ends_with([' ', ')', ']']);
    if plain {
        let lower = if header.is_ascii() {
            header.to_ascii_lowercase()
        } else {
            crate::dataset::compose(header).to_lowercase()
        };
        return (lower, None);
    }
    // Composed (NFC), as values are: a Vietnamese header a tool wrote decomposed
    // (`e` + `◌̂` + `◌́`) or a mapping key typed so matches the composed alias.
    let header = crate::dataset::compose(header);
    let joined = header
        .trim_matches(|c: char| c.is_whitespace() || c == '"' || c == '\u{feff}')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for (open, close) in [('(', ')'), ('[', ']')] {
        if let Some(start) = joined.rfind(open)
            && joined.ends_with(close)
        {
            let mark = joined[start + 1..joined.len() - 1].trim();
            if let Some(currency) = header_currency(mark, open == '[')
                .or_else(|| currency_among_words(mark).map(HeaderCurrency::Code))
            {
                return (joined[..start].trim_end().to_lowercase(), Some(currency));
            }
        }
    }
    (joined.to_lowercase(), None)
}

/// The words of a header's last bracket (`(đơn vị: VNĐ)`, `(USD thousands)`).
fn bracket_words(header: &str) -> Vec<&str> {
    let header = header.trim_end();
    header
        .strip_suffix(')')
        .and_then(|h| h.rsplit_once('(').map(|(_, i)| i))
        .or_else(|| {
            header
                .strip_suffix(']')
                .and_then(|h| h.rsplit_once('[').map(|(_, i)| i))
        })
        .map_or_else(Vec::new, words)
}

/// A bracket's words, apart at spaces and the marks that list or label them.
fn words(inner: &str) -> Vec<&str> {
    inner
        .split(|c: char| c.is_whitespace() || matches!(c, ':' | ';' | '-' | '–' | '/' | '='))
        .filter(|w| !w.is_empty())
        .collect()
}

/// A currency a bracket names among other words (`(đơn vị: VNĐ)`, `(VND - đã gồm
/// VAT)`, `(nghìn đồng)`, whose scale [`header_scale`] tells): one known code or
/// symbol.
fn currency_among_words(mark: &str) -> Option<String> {
    let words = words(mark);
    if words.len() < 2 {
        return None;
    }
    let mut codes = words.iter().filter_map(|w| bracket_currency(w));
    let code = codes.next()?;
    codes.all(|c| c == code).then_some(code)
}

/// A word of a bracket that names a currency: a symbol or a written name of one
/// (`₫`, `VNĐ`, `đồng`, `US$`), or the code of a currency ad accounts are kept in.
/// Other codes are also words (`ALL` campaigns, `TOP` posts, `RM` remarketing).
fn bracket_currency(word: &str) -> Option<String> {
    const ACCOUNT_CURRENCIES: &[&str] = &[
        "VND", "USD", "EUR", "GBP", "JPY", "KRW", "CNY", "SGD", "THB", "IDR", "MYR", "PHP", "AUD",
        "CAD", "INR", "TWD", "HKD", "CHF", "BRL", "MXN",
    ];
    let word = crate::dataset::compose(word);
    if word.to_lowercase() == "đồng" {
        return Some("VND".to_owned());
    }
    if word.is_ascii() && !ACCOUNT_CURRENCIES.contains(&&*word) {
        return None;
    }
    crate::model::currency_code(&word)
}

/// How many units a word says each amount counts (`nghìn` 1,000, `triệu`
/// 1,000,000).
fn scale_of(word: &str) -> Option<f64> {
    let word = word.to_lowercase();
    let word = word.trim_matches(|c: char| matches!(c, '\'' | '’' | '.' | ','));
    match word {
        "nghìn" | "ngàn" | "k" | "000" | "1000" | "1.000" | "1,000" | "thousand" | "thousands"
        | "tausend" | "mil" | "miles" | "milliers" => Some(1e3),
        "triệu" | "tr" | "million" | "millions" | "mn" | "mio" => Some(1e6),
        "tỷ" | "tỉ" | "billion" | "billions" | "bn" | "mrd" => Some(1e9),
        _ => None,
    }
}

/// A header that says its amounts of money are counted in thousands or millions
/// (`Doanh thu (nghìn đồng)`, `Revenue (USD thousands)`, `Cost ($000)`): the word and
/// the scale it means. roi reads each cell as written, which would be that many
/// times too small. Only a bracket that names a currency counts its money so: `(top
/// 1000 posts)` is no scale, nor is `tỷ lệ` (a rate) a billion.
pub fn header_scale(header: &str) -> Option<(String, f64)> {
    let header = crate::dataset::compose(header);
    let words = bracket_words(&header);
    let money = words.iter().any(|w| {
        bracket_currency(w).is_some()
            || super::value::currency_symbol(w).is_some()
            || w.chars()
                .any(|c| matches!(c, '$' | '€' | '£' | '¥' | '₫' | 'đ'))
    });
    if !money
        || words
            .windows(2)
            .any(|p| matches!(p, [a, b] if (*a == "tỷ" || *a == "tỉ") && b.starts_with("lệ")))
    {
        return None;
    }
    words.into_iter().find_map(|w| {
        // `$000`, `1.000đ`: the number without the currency stuck to it.
        let number = w.trim_matches(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','));
        scale_of(w)
            .or_else(|| {
                (!number.is_empty() && number != w)
                    .then(|| scale_of(number))
                    .flatten()
            })
            .map(|s| (w.to_owned(), s))
    })
}

fn col(aliases: &[&str], target: Target) -> Column {
    Column {
        aliases: aliases.iter().map(|a| normalize_header(a).0).collect(),
        target,
        ranked: false,
    }
}

/// A metric whose aliases are in order of preference ([`Column::ranked`]).
fn ranked_metric(aliases: &[&str], name: &str) -> Column {
    Column {
        ranked: true,
        ..metric(aliases, name)
    }
}

fn metric(aliases: &[&str], name: &str) -> Column {
    col(aliases, Target::Metric(name.to_owned(), 1.0))
}

fn dim(aliases: &[&str], d: Dimension) -> Column {
    col(aliases, Target::Dim(d))
}

/// A dimension whose aliases are in order of preference ([`Column::ranked`]).
fn ranked_dim(aliases: &[&str], d: Dimension) -> Column {
    Column {
        ranked: true,
        ..dim(aliases, d)
    }
}

fn sponsored(aliases: &[&str]) -> Column {
    col(aliases, Target::Sponsored)
}

fn derived(aliases: &[&str]) -> Column {
    col(aliases, Target::Derived)
}

/// Business Suite's one column of reactions, comments and shares together, in the
/// export's languages, and the metrics it sums: not read, since each has a column of
/// its own, which a preset may leave out ([`summed_parts`]).
const REACTIONS_COMMENTS_SHARES: (&[&str], &[&str]) = (
    &[
        "Reactions, Comments and Shares",
        "Reacciones, comentarios y veces que se ha compartido",
        "Cảm xúc, bình luận và lượt chia sẻ",
    ],
    &["likes", "comments", "shares"],
);

/// The metrics a column not read sums, by its normalized header: a metric among
/// them that the export has no column of is missing unless said.
pub fn summed_parts(normalized: &str) -> Option<&'static [&'static str]> {
    let (names, parts) = REACTIONS_COMMENTS_SHARES;
    names
        .iter()
        .any(|n| normalize_header(n).0 == normalized)
        .then_some(parts)
}

/// The figures of X/Twitter's tweet activity exports, by tweet and by day alike.
fn tweet_metrics() -> Vec<Column> {
    vec![
        metric(&["impressions"], "impressions"),
        metric(&["likes", "favorites"], "likes"),
        metric(&["replies"], "comments"),
        metric(&["retweets"], "shares"),
        metric(&["url clicks"], "link_clicks"),
        metric(&["user profile clicks"], "profile_visits"),
        // Views of videos, GIFs and images alike: not `video_views` (as
        // the overview's `Media views`).
        metric(&["media views"], "media_views"),
        metric(&["follows"], "followers_gained"),
        // The plain columns count the organic part of a tweet's figures and
        // the `promoted` ones its paid part: the two add up (`-` where a
        // tweet was not promoted).
        metric(&["promoted impressions"], "impressions"),
        metric(&["promoted likes", "promoted favorites"], "likes"),
        metric(&["promoted replies"], "comments"),
        metric(&["promoted retweets"], "shares"),
        metric(&["promoted url clicks"], "link_clicks"),
        metric(&["promoted user profile clicks"], "profile_visits"),
        metric(&["promoted media views"], "media_views"),
        metric(&["promoted follows"], "followers_gained"),
        derived(&[
            "engagements",
            "engagement rate",
            "hashtag clicks",
            "detail expands",
            "permalink clicks",
            "app opens",
            "app installs",
            "email tweet",
            "dial phone",
            "media engagements",
            "promoted engagements",
            "promoted engagement rate",
            "promoted hashtag clicks",
            "promoted detail expands",
            "promoted permalink clicks",
            "promoted app opens",
            "promoted app installs",
            "promoted email tweet",
            "promoted dial phone",
            "promoted media engagements",
        ]),
    ]
}

/// The metrics of YouTube Studio's table data, chart data and totals: the chart and
/// the totals hold the one metric the user charted, which may be any of them.
fn youtube_metrics() -> Vec<Column> {
    vec![
        metric(
            &["Views", "Lượt xem", "Visualizaciones", "Aufrufe"],
            "video_views",
        ),
        metric(
            &[
                "Impressions",
                "Số lượt hiển thị",
                "Impresiones",
                "Impressionen",
            ],
            "impressions",
        ),
        metric(
            &["Likes", "Lượt thích", "Me gusta", "„Mag ich“-Bewertungen"],
            "likes",
        ),
        metric(
            &[
                "Comments added",
                "Bình luận đã thêm",
                "Comentarios añadidos",
                "Hinzugefügte Kommentare",
            ],
            "comments",
        ),
        metric(
            &[
                "Shares",
                "Lượt chia sẻ",
                "Veces compartido",
                "Geteilte Inhalte",
            ],
            "shares",
        ),
        metric(&["Subscribers gained"], "followers_gained"),
        metric(&["Subscribers lost"], "followers_lost"),
        // Gained less lost: counted only on rows without those two.
        metric(
            &["Subscribers", "Người đăng ký", "Suscriptores", "Abonnenten"],
            "followers_net",
        ),
        metric(
            &[
                "Watch time (hours)",
                "Thời gian xem (giờ)",
                "Tiempo de visualización (horas)",
                "Wiedergabezeit (Stunden)",
            ],
            "watch_time_hours",
        ),
        // The channel's earnings, in the currency its header names.
        metric(
            &[
                "Estimated revenue",
                "Doanh thu ước tính",
                "Ingresos estimados",
                "Geschätzter Umsatz",
            ],
            "revenue",
        ),
        derived(&[
            "Impressions click-through rate (%)",
            "Tỷ lệ nhấp của số lượt hiển thị (%)",
            "Porcentaje de clics de las impresiones (%)",
            "Klickrate der Impressionen (%)",
            "Average view duration",
            "Average percentage viewed (%)",
            "New viewers",
            "Regular viewers",
            "RPM",
            "CPM",
            "Playback-based CPM",
        ]),
    ]
}

struct Spec {
    id: &'static str,
    name: &'static str,
    platform: Option<&'static str>,
    signature: &'static [&'static [&'static str]],
    decimal: DecimalMark,
    day_order: Option<DayOrder>,
    columns: Vec<Column>,
}

impl Spec {
    fn build(self) -> Layout {
        Layout {
            id: self.id.to_owned(),
            name: self.name.to_owned(),
            platform: self.platform.map(str::to_owned),
            columns: self.columns,
            signatures: self
                .signature
                .iter()
                .map(|group| group.iter().map(|s| normalize_header(s).0).collect())
                .collect(),
            excludes: Vec::new(),
            unsigned: Unsigned::Refused,
            decimal: LayoutMark::Convention(self.decimal),
            day_order: self.day_order,
            date_format: None,
            files: None,
            constants: Vec::new(),
            warnings: Vec::new(),
            skip_if: Vec::new(),
            encoding: None,
            skip_lines: 0,
            title_metric: false,
            platform_from_source: false,
            per_row: None,
            description_row: false,
            whole_total: false,
            localized_day_order: None,
        }
    }
}

/// Titles of Meta's single-metric exports → metric.
pub const SERIES_TITLES: &[(&str, &str)] = &[
    ("reach", "reach"),
    ("alcance", "reach"),
    ("số người tiếp cận", "reach"),
    ("lượt tiếp cận", "reach"),
    ("impressions", "impressions"),
    ("lượt hiển thị", "impressions"),
    ("impresiones", "impressions"),
    ("views", "video_views"),
    ("visualizaciones", "video_views"),
    ("lượt xem", "video_views"),
    ("follows", "followers_gained"),
    ("instagram follows", "followers_gained"),
    ("facebook follows", "followers_gained"),
    ("seguidores", "followers_gained"),
    ("seguidores de instagram", "followers_gained"),
    ("seguidores de facebook", "followers_gained"),
    ("lượt theo dõi", "followers_gained"),
    ("lượt theo dõi trên facebook", "followers_gained"),
    ("lượt theo dõi trên instagram", "followers_gained"),
    ("người theo dõi trên facebook", "followers_gained"),
    ("người theo dõi trên instagram", "followers_gained"),
    // Unfollows and net follows, each with the platform forms the follows have
    // (`Facebook unfollows`, `Lượt bỏ theo dõi trên Facebook`: see `series_metric`).
    ("unfollows", "followers_lost"),
    ("lượt bỏ theo dõi", "followers_lost"),
    ("số lượt bỏ theo dõi", "followers_lost"),
    ("người bỏ theo dõi", "followers_lost"),
    ("dejar de seguir", "followers_lost"),
    ("dejaron de seguir", "followers_lost"),
    ("personas que dejaron de seguir", "followers_lost"),
    ("deixaram de seguir", "followers_lost"),
    ("deixar de seguir", "followers_lost"),
    ("désabonnements", "followers_lost"),
    ("abonnements perdus", "followers_lost"),
    ("nicht mehr gefolgt", "followers_lost"),
    ("berhenti mengikuti", "followers_lost"),
    ("net follows", "followers_net"),
    ("net followers", "followers_net"),
    ("lượt theo dõi ròng", "followers_net"),
    ("số lượt theo dõi ròng", "followers_net"),
    ("seguidores netos", "followers_net"),
    ("seguimientos netos", "followers_net"),
    ("seguimentos líquidos", "followers_net"),
    ("seguidores líquidos", "followers_net"),
    ("abonnements nets", "followers_net"),
    ("abonnés nets", "followers_net"),
    ("pengikut bersih", "followers_net"),
    ("profile visits", "profile_visits"),
    ("instagram profile visits", "profile_visits"),
    ("visitas al perfil de instagram", "profile_visits"),
    ("visitas", "profile_visits"),
    ("lượt truy cập trang cá nhân", "profile_visits"),
    ("lượt truy cập trang", "profile_visits"),
    ("content interactions", "content_interactions"),
    ("interacciones con el contenido", "content_interactions"),
    ("lượt tương tác với nội dung", "content_interactions"),
    ("link clicks", "link_clicks"),
    ("clics en el enlace", "link_clicks"),
    ("lượt click vào liên kết", "link_clicks"),
    // French, German, Portuguese and Indonesian Business Suite titles: the words
    // their Ads Manager uses for the same measures.
    ("couverture", "reach"),
    ("reichweite", "reach"),
    ("jangkauan", "reach"),
    ("impressionen", "impressions"),
    ("impressões", "impressions"),
    ("impresi", "impressions"),
    ("clics sur un lien", "link_clicks"),
    ("clics sur le lien", "link_clicks"),
    ("link-klicks", "link_clicks"),
    ("cliques no link", "link_clicks"),
    ("klik tautan", "link_clicks"),
    // Italian and Dutch reach; Portuguese, German and French views.
    ("copertura", "reach"),
    ("bereik", "reach"),
    ("visualizações", "video_views"),
    ("aufrufe", "video_views"),
    ("vues", "video_views"),
    // Titles naming their platform are read without it (`Instagram reach`,
    // `Follower auf Instagram`: see `series_metric`); these are what remains.
    ("followers", "followers_gained"),
    ("follower", "followers_gained"),
    ("người theo dõi", "followers_gained"),
    ("abonnés", "followers_gained"),
    ("pengikut", "followers_gained"),
    ("visits", "profile_visits"),
    ("page visits", "profile_visits"),
    ("lượt truy cập", "profile_visits"),
    ("visites", "profile_visits"),
    ("besuche", "profile_visits"),
    // A Page's new likes are no new followers: Business Suite gives both series
    // (`Facebook Page new likes`, `Facebook follows`) of one Page, and someone may
    // like a Page without following it, or follow it without liking it.
    ("new likes", "page_likes_gained"),
    ("lượt thích mới", "page_likes_gained"),
    ("nuevos me gusta", "page_likes_gained"),
    ("new follows", "followers_gained"),
    ("new followers", "followers_gained"),
    ("người theo dõi mới", "followers_gained"),
    ("lượt theo dõi mới", "followers_gained"),
    ("nuevos seguidores", "followers_gained"),
];

/// The metric a Business Suite single-metric series' title names, with or without
/// its platform: `Reach`, `Instagram reach`, `Seguidores de Instagram`, `Follower auf
/// Instagram`, `Người theo dõi trên Facebook`. `None` for a title roi does not know.
pub fn series_metric(title: &str) -> Option<&'static str> {
    let lower = normalize_header(title).0;
    let find = |t: &str| {
        SERIES_TITLES
            .iter()
            .find(|(name, _)| *name == t)
            .map(|(_, m)| *m)
    };
    find(&lower).or_else(|| {
        const PLATFORMS: [&str; 2] = ["instagram", "facebook"];
        const JOINERS: [&str; 9] = ["on", "de", "trên", "auf", "sur", "di", "do", "da", "en"];
        // A Page's series names the Page (`Facebook Page reach`, `Lượt tiếp cận Trang
        // Facebook`, `Alcance de la página de Facebook`): the platform's account, no
        // part of the metric. Tried only once the words as written name none, so that
        // `trang cá nhân` (a profile) keeps its `trang`.
        const PAGE: [&[&str]; 6] = [
            &["de", "la", "página"],
            &["a", "la", "página"],
            &["de", "la", "pagina"],
            &["a", "la", "pagina"],
            &["page"],
            &["trang"],
        ];
        let words: Vec<&str> = lower
            .split_whitespace()
            .filter(|w| !PLATFORMS.contains(w))
            .collect();
        let trimmed = |mut words: Vec<&str>| {
            while words.last().is_some_and(|w| JOINERS.contains(w)) {
                words.pop();
            }
            while words.first().is_some_and(|w| JOINERS.contains(w)) {
                words.remove(0);
            }
            find(&words.join(" "))
        };
        trimmed(words.clone()).or_else(|| {
            let mut rest = Vec::new();
            let mut i = 0;
            while i < words.len() {
                match PAGE.iter().find(|p| words[i..].starts_with(p)) {
                    Some(p) => i += p.len(),
                    None => {
                        rest.push(words[i]);
                        i += 1;
                    }
                }
            }
            trimmed(rest)
        })
    })
}

/// Web analytics sources → platform, for "traffic from Pinterest" in one filter.
pub const SOURCE_PLATFORMS: &[(&str, &str)] = &[
    ("facebook", "facebook"),
    ("fb", "facebook"),
    ("l.facebook.com", "facebook"),
    ("m.facebook.com", "facebook"),
    ("lm.facebook.com", "facebook"),
    ("facebook.com", "facebook"),
    ("instagram", "instagram"),
    ("instagram.com", "instagram"),
    ("l.instagram.com", "instagram"),
    ("ig", "instagram"),
    ("t.co", "twitter"),
    ("twitter", "twitter"),
    ("twitter.com", "twitter"),
    ("x.com", "twitter"),
    ("x", "twitter"),
    ("pinterest", "pinterest"),
    ("pinterest.com", "pinterest"),
    ("pin.it", "pinterest"),
    ("linkedin", "linkedin"),
    ("linkedin.com", "linkedin"),
    ("lnkd.in", "linkedin"),
    ("tiktok", "tiktok"),
    ("tiktok.com", "tiktok"),
    ("youtube", "youtube"),
    ("youtube.com", "youtube"),
    ("m.youtube.com", "youtube"),
    ("youtu.be", "youtube"),
    ("threads.net", "threads"),
    ("zalo", "zalo"),
    ("zalo.me", "zalo"),
];

/// The platform of the `[[mappings]]` stanza roi suggests when the file's name
/// names none: refused in roi.toml, so a stanza pasted unchanged counts no rows as
/// a platform they are not of.
pub const PLATFORM_UNSET: &str = "?";

/// The platform a web analytics source comes from (`l.facebook.com / referral`), or
/// a CRM's lead source (`Facebook Lead Ads`). A source that names two platforms
/// (`Facebook/Instagram Ads`, `Facebook / Instagram`) comes from none of them.
pub fn platform_of_source(source: &str) -> Option<&'static str> {
    let lower = crate::dataset::compose(source.trim()).to_lowercase();
    let named = platforms_named_in(&lower);
    if named.len() > 1 {
        return None;
    }
    // A host (`l.facebook.com/path`), or the source of a `source / medium` pair.
    let host = lower
        .split('/')
        .next()
        .unwrap_or(&lower)
        .trim()
        .trim_start_matches("www.");
    let name = lower
        .split_once(" / ")
        .map_or(lower.as_str(), |(s, _)| s)
        .trim()
        .trim_start_matches("www.");
    SOURCE_PLATFORMS
        .iter()
        .find(|(s, _)| *s == name || (host.contains('.') && *s == host))
        .map(|(_, p)| *p)
        .or_else(|| {
            // Subdomains and country domains: `pinterest.co.uk`, `business.facebook.com`.
            SOURCE_PLATFORMS
                .iter()
                .filter(|(s, _)| s.contains('.') && host.contains('.'))
                .find(|(s, _)| {
                    let name = s.split('.').next().unwrap_or(s);
                    host.split('.').any(|part| part == name) && name.len() > 2
                })
                .map(|(_, p)| *p)
        })
        .or_else(|| named.first().copied())
}

/// The words a platform cell may write beside a platform's name and still be that
/// platform (`Quảng cáo Facebook`, `TikTok Shop`, `Facebook Lead Ads`, `Zalo OA`).
/// Words that make a platform cell something other than the platform it names: a
/// negation (`Not Facebook`, `Ngoài Facebook`), the rest (`Other than TikTok`), a
/// tracker on another channel (`Web (Facebook pixel)`), for [`platform_of_cell`].
const NOT_THE_PLATFORM: &[&str] = &[
    "not",
    "non",
    "no",
    "without",
    "except",
    "excluding",
    "other",
    "others",
    "pixel",
    "không",
    "ngoài",
    "khác",
    "trừ",
];

/// The platform a platform cell that is no platform id nor alias names, as a lead
/// source would (`Quảng cáo Facebook`, `TikTok Shop`, `Facebook Live`, `Fanpage
/// Facebook`, `Instagram Reels`, `m.facebook.com / referral`): the one platform
/// its words name (see [`platforms_named_in`]: `Email threads` names none), unless
/// a word says it is not that platform ([`NOT_THE_PLATFORM`]: `Not Facebook`,
/// `Web (Facebook pixel)` stay as written).
pub fn platform_of_cell(value: &str) -> Option<&'static str> {
    let lower = crate::dataset::compose(value.trim()).to_lowercase();
    // A web address (a GA4 source, `facebook.com / (not set)`) is its host's:
    // its placeholders negate nothing.
    let host = lower.split_once(" / ").map_or(lower.as_str(), |(s, _)| s);
    if host.contains('.') && !host.contains(char::is_whitespace) {
        return platform_of_source(value);
    }
    // Nor do an analytics tool's placeholders (`facebook / (not set)`).
    let negated = ["(not set)", "(none)", "(other)", "(direct)"]
        .iter()
        .fold(lower.clone(), |text, placeholder| {
            text.replace(placeholder, " ")
        })
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| NOT_THE_PLATFORM.contains(&w));
    if negated {
        return None;
    }
    platform_of_source(value)
}

/// The platforms a source's words name (a CRM's `Facebook Lead Ads`, `Social Media -
/// Facebook`, `Google AdWords`, a campaign tag's `tiktok_ads`): their full names as
/// words; Google, Meta and X only with their ads (`google / organic` is search, `Meta
/// tags` and `Trade show X` no platform); YouTube with its ads is Google Ads, where
/// they are bought. The shorthands `fb` and `ig` are words of their own (`FB Ads`,
/// `Quảng cáo FB`); `x` counts only with its ads, as a word it is too often
/// something else. A fan page (`Inbox Fanpage`) is Facebook's when no other
/// platform is named. Messenger and Threads, common words,
/// count only beside nothing but their owner (`Facebook Messenger`, `Instagram
/// Threads`, which are then theirs alone) or ads words: `Email threads` names none,
/// `Instagram Messenger` Instagram.
fn platforms_named_in(text: &str) -> Vec<&'static str> {
    const NAMES: [(&str, &str); 11] = [
        ("facebook", "facebook"),
        ("fb", "facebook"),
        ("instagram", "instagram"),
        ("ig", "instagram"),
        ("tiktok", "tiktok"),
        ("linkedin", "linkedin"),
        ("pinterest", "pinterest"),
        ("youtube", "youtube"),
        ("twitter", "twitter"),
        ("zalo", "zalo"),
        ("adwords", "google_ads"),
    ];
    /// A common word that is a platform, and the platform that owns it.
    const OWNED: [(&str, &[&str]); 2] = [
        ("messenger", &["facebook", "fb", "meta"]),
        ("threads", &["instagram", "ig"]),
    ];
    // Ads, also as Vietnamese writes them (`Quảng cáo Google`).
    let text = text.replace("quảng cáo", " ads ");
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let is_ads = |w: &str| matches!(w, "ads" | "ad");
    let ads = words.iter().any(|w| is_ads(w));
    let mut named = Vec::new();
    let mut owners: &[&str] = &[];
    for (word, owned_by) in OWNED {
        if words.contains(&word)
            && words
                .iter()
                .all(|w| *w == word || is_ads(w) || owned_by.contains(w))
        {
            named.push(word);
            owners = owned_by;
        }
    }
    for w in &words {
        if owners.contains(w) {
            continue;
        }
        let platform = NAMES
            .iter()
            .find(|(n, _)| n == w)
            .map(|(_, p)| {
                if *p == "youtube" && ads {
                    "google_ads"
                } else {
                    *p
                }
            })
            .or_else(|| (*w == "google" && ads).then_some("google_ads"))
            .or_else(|| (*w == "meta" && ads).then_some("facebook"))
            .or_else(|| (*w == "x" && ads).then_some("twitter"));
        if let Some(p) = platform
            && !named.contains(&p)
        {
            named.push(p);
        }
    }
    // Vietnamese calls a Facebook Page a fanpage; `Fanpage Zalo` is Zalo's.
    if named.is_empty() && words.contains(&"fanpage") {
        named.push("facebook");
    }
    named
}

/// The breakdowns of a LinkedIn Page's followers and visitors, a sheet each.
const LINKEDIN_DEMOGRAPHICS: [&str; 5] = [
    "Location",
    "Job function",
    "Seniority",
    "Industry",
    "Company size",
];

/// Every built-in layout.
#[allow(clippy::too_many_lines)]
pub fn builtin() -> Vec<Layout> {
    use Dimension::{
        Account, Ad, AdSet, Brand, Breakdown, Campaign, ContentId, ContentType, Currency, Keyword,
        LandingPage, Link, Medium, Platform, SearchTerm, Source, Text, VideoDuration,
    };
    let mut layouts = vec![
        Spec {
            id: "twitter-tweet-activity",
            name: "X/Twitter tweet activity",
            platform: Some("twitter"),
            signature: &[&["Tweet id", "time", "impressions"]],
            decimal: DecimalMark::Dot,
            day_order: None,
            columns: [
                vec![
                    dim(&["Tweet id"], ContentId),
                    col(&["time"], Target::PublishTime),
                    dim(&["Tweet text"], Text),
                    dim(&["Tweet permalink"], Link),
                ],
                tweet_metrics(),
            ]
            .concat(),
        },
        Spec {
            // The same analytics page's `By day` export: the account's figures per
            // day, in the by-tweet export's columns (organic and `promoted` parts).
            id: "twitter-daily-activity",
            name: "X/Twitter daily tweet activity",
            platform: Some("twitter"),
            signature: &[&["Date", "Tweets published", "impressions"]],
            decimal: DecimalMark::Dot,
            day_order: None,
            columns: [
                vec![
                    col(&["Date"], Target::Date),
                    metric(&["Tweets published"], "posts_created"),
                ],
                tweet_metrics(),
            ]
            .concat(),
        },
        Spec {
            id: "x-account-analytics",
            name: "X account analytics content",
            platform: Some("twitter"),
            signature: &[&["Post id", "Date", "Impressions"]],
            decimal: DecimalMark::Auto,
            day_order: None,
            columns: vec![
                dim(&["Post id"], ContentId),
                // The day the post went out: each row is a post, as in the other
                // content exports, not the account's day.
                col(&["Date"], Target::PublishTime),
                metric(&["Impressions"], "impressions"),
                metric(&["Likes"], "likes"),
                metric(&["Replies"], "comments"),
                // Two ways a post spreads, both `shares`: reposts to followers,
                // and shares by direct message or link.
                metric(&["Reposts"], "shares"),
                metric(&["Shares"], "shares"),
                metric(&["Bookmarks"], "saves"),
                metric(&["Profile visits"], "profile_visits"),
                metric(&["New follows"], "followers_gained"),
                dim(&["Post text"], Text),
                dim(&["Post Link"], Link),
                metric(&["URL Clicks"], "link_clicks"),
                derived(&[
                    "Engagements",
                    "Detail Expands",
                    "Hashtag Clicks",
                    "Permalink Clicks",
                ]),
            ],
        },
        Spec {
            // `account_overview_analytics.csv`: the account's totals per day, with
            // what the content export has per post, plus unfollows and posts made.
            id: "x-account-overview",
            name: "X account analytics overview",
            platform: Some("twitter"),
            signature: &[&["Date", "Impressions", "New follows", "Unfollows"]],
            decimal: DecimalMark::Auto,
            day_order: None,
            columns: vec![
                col(&["Date"], Target::Date),
                metric(&["Impressions"], "impressions"),
                metric(&["Likes"], "likes"),
                metric(&["Replies"], "comments"),
                metric(&["Reposts"], "shares"),
                metric(&["Shares"], "shares"),
                metric(&["Bookmarks"], "saves"),
                metric(&["Profile visits"], "profile_visits"),
                metric(&["New follows"], "followers_gained"),
                metric(&["Unfollows"], "followers_lost"),
                metric(&["Video views"], "video_views"),
                // Views of images and videos alike: not `video_views`.
                metric(&["Media views"], "media_views"),
                metric(&["Create Post"], "posts_created"),
                derived(&["Engagements"]),
            ],
        },
        Spec {
            id: "facebook-insights-post",
            name: "Facebook Page Insights post export (classic)",
            platform: Some("facebook"),
            signature: &[&["Post ID", "Posted", "Lifetime Post Total Reach"]],
            decimal: DecimalMark::Dot,
            day_order: Some(DayOrder::MonthFirst),
            columns: vec![
                dim(&["Post ID"], ContentId),
                dim(&["Type"], ContentType),
                col(&["Posted"], Target::PublishTime),
                dim(&["Post Message"], Text),
                dim(&["Permalink"], Link),
                metric(&["Lifetime Post Total Reach"], "reach"),
                metric(&["Lifetime Post Total Impressions"], "impressions"),
                metric(&["Lifetime Post Consumptions"], "clicks"),
                col(&["Lifetime Video length"], Target::VideoLengthMs),
                // Each name is written twice, its Total Count and then its Unique
                // Users (row 2 says which): the first is read, as views are counted.
                // Organic and paid add up to all views, as reach and impressions
                // are read as the total of both.
                metric(&["Lifetime Organic Video Views"], "video_views"),
                metric(&["Lifetime Paid Video Views"], "video_views"),
                // Stories by action type are the Total Count, as the other actions
                // are read; Talking About This is its Unique Users (row 2 says so),
                // read only from an export without the Stories block.
                ranked_metric(
                    &[
                        "Lifetime Post Stories by action type - like",
                        "Lifetime Talking About This (Post) by action type - like",
                    ],
                    "likes",
                ),
                ranked_metric(
                    &[
                        "Lifetime Post Stories by action type - comment",
                        "Lifetime Talking About This (Post) by action type - comment",
                    ],
                    "comments",
                ),
                ranked_metric(
                    &[
                        "Lifetime Post Stories by action type - share",
                        "Lifetime Talking About This (Post) by action type - share",
                    ],
                    "shares",
                ),
            ],
        },
        Spec {
            id: "facebook-insights-page",
            name: "Facebook Page Insights page export (classic)",
            platform: Some("facebook"),
            signature: &[&["Date", "Lifetime Total Likes"]],
            decimal: DecimalMark::Dot,
            day_order: Some(DayOrder::MonthFirst),
            columns: vec![
                col(&["Date"], Target::Date),
                metric(&["Lifetime Total Likes"], "followers"),
                metric(&["Daily New Likes"], "followers_gained"),
                metric(&["Daily Unlikes"], "followers_lost"),
                metric(&["Daily Total Reach"], "reach"),
                metric(&["Daily Total Impressions"], "impressions"),
                metric(&["Daily Page Consumptions"], "clicks"),
            ],
        },
        Spec {
            id: "meta-business-suite-content",
            name: "Meta Business Suite content export",
            platform: None,
            // Each UI language's post id and publish time (es, vi, pt, fr, de, id).
            signature: &[
                &["Post ID", "Publish time"],
                &["identificador de la publicación", "Hora de publicación"],
                &["ID bài viết", "Thời gian đăng"],
                &["Identificação da publicação", "Horário de publicação"],
                &["ID da publicação", "Horário de publicação"],
                &["ID de la publication", "Heure de publication"],
                &["Identifiant de la publication", "Heure de publication"],
                &["Beitrags-ID", "Veröffentlichungszeitpunkt"],
                &["ID Postingan", "Waktu dipublikasikan"],
                &["ID Postingan", "Waktu publikasi"],
            ],
            decimal: DecimalMark::Auto,
            day_order: Some(DayOrder::MonthFirst),
            // Aliases in the order en, es, vi, pt, fr, de, id (and sv where seen).
            columns: vec![
                dim(
                    &[
                        "Post ID",
                        "identificador de la publicación",
                        "ID bài viết",
                        "Identificação da publicação",
                        "ID da publicação",
                        "ID de la publication",
                        "Identifiant de la publication",
                        "Beitrags-ID",
                        "ID Postingan",
                        "Publicerings-id",
                    ],
                    ContentId,
                ),
                // Instagram's account username, Facebook's page name.
                dim(
                    &[
                        "Account username",
                        "Page name",
                        "Nombre de usuario de la cuenta",
                        "Nombre de la página",
                        "Tên người dùng tài khoản",
                        "Tên Trang",
                        "Nome de usuário da conta",
                        "Nome da Página",
                        "Nom d'utilisateur du compte",
                        "Nom d’utilisateur du compte",
                        "Nom de la Page",
                        "Konto-Benutzername",
                        "Seitenname",
                        "Name der Seite",
                        "Nama pengguna akun",
                        "Nama Halaman",
                        "Sidnamn",
                    ],
                    Account,
                ),
                dim(
                    &[
                        "Post type",
                        "Tipo de publicación",
                        "Loại bài viết",
                        "Tipo de publicação",
                        "Type de publication",
                        "Beitragstyp",
                        "Jenis postingan",
                    ],
                    ContentType,
                ),
                col(
                    &[
                        "Publish time",
                        "Hora de publicación",
                        "Thời gian đăng",
                        "Horário de publicação",
                        "Heure de publication",
                        "Veröffentlichungszeitpunkt",
                        "Waktu dipublikasikan",
                        "Waktu publikasi",
                    ],
                    Target::PublishTime,
                ),
                // A post's text: its description, else its title.
                dim(
                    &["Title", "Título", "Tiêu đề", "Titre", "Titel", "Judul"],
                    Text,
                ),
                dim(
                    &[
                        "Description",
                        "Descripción",
                        "Mô tả",
                        "Descrição",
                        "Beschreibung",
                        "Deskripsi",
                    ],
                    Text,
                ),
                dim(
                    &[
                        "Duration (sec)",
                        "Duración (segundos)",
                        "Thời lượng (giây)",
                        "Duração (s)",
                        "Duração (segundos)",
                        "Durée (s)",
                        "Durée (secondes)",
                        "Dauer (Sek.)",
                        "Durasi (detik)",
                    ],
                    VideoDuration,
                ),
                dim(
                    &[
                        "Permalink",
                        "Enlace permanente",
                        "Liên kết cố định",
                        "Link permanente",
                        "Lien permanent",
                        "Tautan permanen",
                    ],
                    Link,
                ),
                metric(
                    &[
                        "Views",
                        "Visualizaciones",
                        "Lượt xem",
                        "Visualizações",
                        "Vues",
                        "Aufrufe",
                        "Tayangan",
                    ],
                    "video_views",
                ),
                metric(
                    &[
                        "Reach",
                        "Alcance",
                        "Số người tiếp cận",
                        "Lượt tiếp cận",
                        "Couverture",
                        "Reichweite",
                        "Jangkauan",
                    ],
                    "reach",
                ),
                metric(
                    &[
                        "Impressions",
                        "Impresiones",
                        "Lượt hiển thị",
                        "Impressões",
                        "Impressionen",
                        "Impresi",
                    ],
                    "impressions",
                ),
                // Instagram's likes, Facebook's reactions.
                metric(
                    &[
                        "Likes",
                        "Reactions",
                        "Me gusta",
                        "Reacciones",
                        "Lượt thích",
                        "Cảm xúc",
                        "Lượt cảm xúc",
                        "Curtidas",
                        "Reações",
                        "J'aime",
                        "J’aime",
                        "Réactions",
                        "„Gefällt mir“-Angaben",
                        "\"Gefällt mir\"-Angaben",
                        "Gefällt mir",
                        "Reaktionen",
                        "Suka",
                        "Reaksi",
                    ],
                    "likes",
                ),
                metric(
                    &[
                        "Shares",
                        "Veces que se ha compartido",
                        "Veces compartido",
                        "Lượt chia sẻ",
                        "Compartilhamentos",
                        "Partages",
                        "Geteilte Inhalte",
                        "Mal geteilt",
                        "Dibagikan",
                        "Berbagi",
                    ],
                    "shares",
                ),
                metric(
                    &[
                        "Follows",
                        "Seguidores",
                        "Lượt theo dõi",
                        "Seguimentos",
                        "Abonnements",
                        "Mengikuti",
                    ],
                    "followers_gained",
                ),
                metric(
                    &[
                        "Comments",
                        "Comentarios",
                        "Bình luận",
                        "Comentários",
                        "Commentaires",
                        "Kommentare",
                        "Komentar",
                    ],
                    "comments",
                ),
                // A Story's replies: its comments, as the KPI counts them ("comments
                // and replies"). A separate column, so a file with both adds them: a
                // post has comments and no replies, a Story (replies are messages)
                // the reverse, and neither counts the other.
                metric(&["Replies", "Respuestas", "Lượt trả lời"], "comments"),
                metric(
                    &[
                        "Saves",
                        "Veces guardado",
                        "Lượt lưu",
                        "Salvamentos",
                        "Enregistrements",
                        "Gespeichert",
                        "Gespeicherte Inhalte",
                        "Disimpan",
                        "Simpanan",
                    ],
                    "saves",
                ),
                metric(
                    &[
                        "Total clicks",
                        "Clics totales",
                        "Tổng số lượt click",
                        "Total de cliques",
                        "Total des clics",
                        "Klicks insgesamt",
                        "Total klik",
                    ],
                    "clicks",
                ),
                metric(
                    &[
                        "Link clicks",
                        "Clics en el enlace",
                        "Lượt click vào liên kết",
                        "Cliques no link",
                        "Clics sur un lien",
                        "Clics sur le lien",
                        "Link-Klicks",
                        "Klik tautan",
                    ],
                    "link_clicks",
                ),
                metric(
                    &[
                        "Profile visits",
                        "Visitas al perfil",
                        "Lượt truy cập trang cá nhân",
                        "Visitas ao perfil",
                        "Visites du profil",
                        "Profilaufrufe",
                        "Kunjungan profil",
                    ],
                    "profile_visits",
                ),
                derived(&[
                    "Account ID",
                    "Page ID",
                    "Identificador de la cuenta",
                    "Identificador de la página",
                    "ID tài khoản",
                    "ID Trang",
                    "Identificação da conta",
                    "Identificação da Página",
                    "ID da conta",
                    "ID da Página",
                    "ID du compte",
                    "Identifiant du compte",
                    "ID de la Page",
                    "Identifiant de la Page",
                    "Konto-ID",
                    "Seiten-ID",
                    "ID Akun",
                    "ID Halaman",
                    "Sid-id",
                    "Account name",
                    "Nombre de la cuenta",
                    "Tên tài khoản",
                    "Nome da conta",
                    "Nom du compte",
                    "Kontoname",
                    "Nama akun",
                    "Data comment",
                    "Comentario sobre los datos",
                    "Bình luận về dữ liệu",
                    "Comentário de dados",
                    "Commentaire sur les données",
                    "Datenkommentar",
                    "Komentar data",
                    "Date",
                    "Fecha",
                    "Ngày",
                    "Data",
                    "Datum",
                    "Tanggal",
                ]),
                derived(REACTIONS_COMMENTS_SHARES.0),
            ],
        },
        Spec {
            id: "meta-ads",
            name: "Meta Ads Manager",
            platform: Some("facebook"),
            signature: &[
                &["Reporting starts"],
                &["Bắt đầu báo cáo"],
                &["Lượt bắt đầu báo cáo"],
                &["Inicio del informe"],
                &["Début des rapports"],
                &["Início dos relatórios"],
                &["Awal pelaporan"],
                &["Berichtsbeginn"],
                &["Amount spent"],
                &["Số tiền đã chi tiêu"],
                &["Montant dépensé"],
                &["Importe gastado"],
                &["Ausgegebener Betrag"],
                &["Valor usado"],
                &["Valor gasto"],
                &["Jumlah yang dibelanjakan"],
            ],
            decimal: DecimalMark::Auto,
            day_order: Some(DayOrder::MonthFirst),
            columns: vec![
                col(
                    &[
                        "Reporting starts",
                        "Bắt đầu báo cáo",
                        "Lượt bắt đầu báo cáo",
                        "Inicio del informe",
                        "Début des rapports",
                        "Início dos relatórios",
                        "Awal pelaporan",
                        "Berichtsbeginn",
                    ],
                    Target::Date,
                ),
                col(
                    &[
                        "Reporting ends",
                        "Kết thúc báo cáo",
                        "Lượt kết thúc báo cáo",
                        "Fin del informe",
                        "Fin des rapports",
                        "Encerramento dos relatórios",
                        "Término dos relatórios",
                        "Akhir pelaporan",
                        "Berichtsende",
                    ],
                    Target::EndDate,
                ),
                col(
                    &["Day", "Ngày", "Día", "Jour", "Tag", "Dia", "Hari"],
                    Target::Day,
                ),
                // The `Time` breakdowns by month and week (in the languages of `Day`
                // above): each row is the period its cell writes, start to end.
                col(
                    &["Month", "Tháng", "Mes", "Mois", "Monat", "Mês", "Bulan"],
                    Target::Period,
                ),
                col(
                    &["Week", "Tuần", "Semana", "Semaine", "Woche", "Minggu"],
                    Target::Period,
                ),
                dim(
                    &[
                        "Account name",
                        "Tên tài khoản",
                        "Nom du compte",
                        "Nombre de la cuenta",
                        "Kontoname",
                        "Nome da conta",
                        "Nama akun",
                    ],
                    Account,
                ),
                dim(
                    &[
                        "Campaign name",
                        "Tên chiến dịch",
                        "Nombre de la campaña",
                        "Campaña",
                        "Nom de la campagne",
                        "Kampagnenname",
                        "Nome da campanha",
                        "Nama kampanye",
                    ],
                    Campaign,
                ),
                dim(
                    &[
                        "Ad set name",
                        "Tên nhóm quảng cáo",
                        "Nombre del conjunto de anuncios",
                        "Nom de l'ensemble de publicités",
                        "Nom de l’ensemble de publicités",
                        "Name der Anzeigengruppe",
                        "Anzeigengruppenname",
                        "Nome do conjunto de anúncios",
                        "Nama set iklan",
                    ],
                    AdSet,
                ),
                dim(
                    &[
                        "Ad name",
                        "Tên quảng cáo",
                        "Nombre del anuncio",
                        "Nom de la publicité",
                        "Anzeigenname",
                        "Nome do anúncio",
                        "Nama iklan",
                    ],
                    Ad,
                ),
                // The `Platform` breakdown: facebook, instagram, messenger…
                dim(
                    &[
                        "Platform",
                        "Nền tảng",
                        "Plataforma",
                        "Plateforme",
                        "Plattform",
                    ],
                    Platform,
                ),
                // The `Breakdown` menu's delivery breakdowns: each row is one segment
                // of its campaign-day, a level below the unbroken report. One column
                // each, so that the breakdowns a file has can be told apart.
                dim(
                    &["Age", "Độ tuổi", "Edad", "Âge", "Alter", "Idade", "Usia"],
                    Breakdown,
                ),
                dim(
                    &[
                        "Gender",
                        "Giới tính",
                        "Sexo",
                        "Sexe",
                        "Geschlecht",
                        "Gênero",
                        "Jenis kelamin",
                    ],
                    Breakdown,
                ),
                dim(
                    &["Country", "Quốc gia", "País", "Pays", "Land", "Negara"],
                    Breakdown,
                ),
                dim(
                    &["Region", "Khu vực", "Región", "Région", "Região", "Wilayah"],
                    Breakdown,
                ),
                dim(&["Placement"], Breakdown),
                dim(&["Device platform"], Breakdown),
                dim(&["Impression device"], Breakdown),
                dim(
                    &[
                        "Currency",
                        "Đơn vị tiền tệ",
                        "Divisa",
                        "Moneda",
                        "Devise",
                        "Währung",
                        "Moeda",
                        "Mata uang",
                    ],
                    Currency,
                ),
                metric(
                    &[
                        "Reach",
                        "Người tiếp cận",
                        "Alcance",
                        "Couverture",
                        "Reichweite",
                        "Jangkauan",
                    ],
                    "reach",
                ),
                metric(
                    &[
                        "Impressions",
                        "Lượt hiển thị",
                        "Impresiones",
                        "Impressionen",
                        "Impressões",
                        "Impresi",
                    ],
                    "impressions",
                ),
                metric(
                    &[
                        "Amount spent",
                        "Số tiền đã chi tiêu",
                        "Importe gastado",
                        "Montant dépensé",
                        "Ausgegebener Betrag",
                        "Valor usado",
                        "Valor gasto",
                        "Jumlah yang dibelanjakan",
                    ],
                    "spend",
                ),
                metric(
                    &[
                        "Link clicks",
                        "Lượt click vào liên kết",
                        "Clics en el enlace",
                        "Clics sur un lien",
                        "Clics sur le lien",
                        "Link-Klicks",
                        "Cliques no link",
                        "Klik tautan",
                    ],
                    "link_clicks",
                ),
                metric(
                    &[
                        "Clicks (all)",
                        "Lượt click (tất cả)",
                        "Clics (todos)",
                        "Clics (tous)",
                        "Klicks (alle)",
                        "Cliques (todos)",
                        "Klik (semua)",
                    ],
                    "clicks",
                ),
                metric(&["Post shares", "Lượt chia sẻ bài viết"], "shares"),
                metric(&["Post comments", "Bình luận về bài viết"], "comments"),
                metric(&["Post reactions", "Cảm xúc về bài viết"], "likes"),
                // Purchases, their value and leads in every UI language the
                // layout signs (en, vi, es, fr, de, pt, id).
                metric(
                    &[
                        "Purchases",
                        "Website purchases",
                        "Lượt mua",
                        "Lượt mua trên trang web",
                        "Compras",
                        "Compras en el sitio web",
                        "Compras no site",
                        "Achats",
                        "Achats sur le site web",
                        "Käufe",
                        "Käufe auf der Website",
                        "Pembelian",
                        "Pembelian di situs web",
                    ],
                    "purchases",
                ),
                metric(
                    &[
                        "Purchases conversion value",
                        "Website purchases conversion value",
                        "Giá trị chuyển đổi mua hàng",
                        "Giá trị chuyển đổi từ lượt mua",
                        "Giá trị chuyển đổi từ lượt mua trên trang web",
                        "Valor de conversión de compras",
                        "Valor de conversión de las compras",
                        "Valor de conversión de compras en el sitio web",
                        "Valeur de conversion des achats",
                        "Valeur de conversion des achats sur le site web",
                        "Conversion-Wert der Käufe",
                        "Conversion-Wert für Käufe",
                        "Conversion-Wert der Käufe auf der Website",
                        "Valor de conversão da compra",
                        "Valor de conversão das compras",
                        "Valor de conversão de compras",
                        "Valor de conversão das compras no site",
                        "Nilai konversi pembelian",
                        "Nilai konversi pembelian di situs web",
                    ],
                    "revenue",
                ),
                metric(
                    &[
                        "Leads",
                        "Khách hàng tiềm năng",
                        "Clientes potenciales",
                        "Prospects",
                        "Cadastros",
                        "Prospek",
                    ],
                    "leads",
                ),
                // Conversations started count as leads, as their result type does
                // (README); beside a `Leads` column the two add up, and `Results`
                // restating either are not counted again ([`Column::counts_messaging`]).
                metric(
                    &[
                        MESSAGING_STARTED,
                        "Lượt bắt đầu cuộc trò chuyện qua tin nhắn",
                        "Số cuộc trò chuyện qua tin nhắn đã bắt đầu",
                        "Conversaciones con mensajes iniciadas",
                        "Conversations par message commencées",
                        "Conversations avec messages commencées",
                        "Begonnene Messaging-Unterhaltungen",
                        "Begonnene Unterhaltungen per Nachricht",
                        "Conversas por mensagem iniciadas",
                        "Percakapan pesan dimulai",
                        "Percakapan dengan pesan dimulai",
                    ],
                    "leads",
                ),
                metric(&["Post saves", "Lượt lưu bài viết"], "saves"),
                metric(
                    &[
                        "Instagram profile visits",
                        "Lượt truy cập trang cá nhân Instagram",
                        "Visitas al perfil de Instagram",
                    ],
                    "profile_visits",
                ),
                metric(&["Page likes", "Lượt thích Trang"], "followers_gained"),
                metric(&["Video plays", "ThruPlays"], "video_views"),
                metric(&["Instagram follows"], "followers_gained"),
                col(
                    &[
                        "Results",
                        "Kết quả",
                        "Resultados",
                        "Résultats",
                        "Ergebnisse",
                        "Hasil",
                    ],
                    Target::Results,
                ),
                col(
                    &[
                        "Result indicator",
                        "Result type",
                        "Loại kết quả",
                        "Indicador de resultado",
                        "Tipo de resultado",
                        "Type de résultat",
                        "Indicateur de résultat",
                        "Indicador de resultados",
                        "Chỉ báo kết quả",
                        "Ergebnistyp",
                        "Ergebnisindikator",
                        "Jenis hasil",
                        "Indikator hasil",
                    ],
                    Target::ResultType,
                ),
                derived(&[
                    "Campaign ID",
                    "Campaign Name",
                    "Ends",
                    "Starts",
                    "Bắt đầu",
                    "Kết thúc",
                    "Frequency",
                    "Tần suất",
                    "Cost per result",
                    "Chi phí trên mỗi kết quả",
                    "CTR (all)",
                    "CTR (Tất cả)",
                    "CTR (tỷ lệ click vào liên kết)",
                    "CPC (all)",
                    "CPC (tất cả)",
                    "CPC (chi phí trên mỗi lượt click vào liên kết)",
                    "CPM (cost per 1,000 impressions)",
                    "CPM (Chi phí trên mỗi 1.000 lượt hiển thị)",
                    "Campaign delivery",
                    "Delivery",
                    "Trạng thái phân phối",
                    "Cấp độ phân phối",
                    "Attribution setting",
                    "Cài đặt ghi nhận",
                    "Post engagement",
                    "Lượt tương tác với bài viết",
                    // The same rates and settings in the other UI languages.
                    "Frecuencia",
                    "Répétition",
                    "Frequenz",
                    "Frequência",
                    "Frekuensi",
                    "Costo por resultado",
                    "Coût par résultat",
                    "Kosten pro Ergebnis",
                    "Custo por resultados",
                    "Biaya per hasil",
                    "CTR (todos)",
                    "CTR (tous)",
                    "CTR (alle)",
                    "CPC (costo por clic en el enlace)",
                    "CPC (coût par clic sur un lien)",
                    "CPC (custo por clique no link)",
                    "CPC (biaya per klik tautan)",
                    "CTR (taxa de cliques no link)",
                    "CTR (rasio klik tayang tautan)",
                    "CPM (costo por mil impresiones)",
                    "CPM (Coût pour 1 000 impressions)",
                    "CPM (Kosten pro 1.000 Impressionen)",
                    "CPM (custo por 1.000 impressões)",
                    "CPM (Biaya per 1.000 Tayangan)",
                    "Estado de la entrega",
                    "Nivel de la entrega",
                    "Veiculação da campanha",
                    "Penayangan kampanye",
                    "Pengaturan atribusi",
                    "CTR (Link-Klickrate)",
                    "CPC (Kosten pro Link-Klick)",
                    "Attributionseinstellung",
                    "Configuración de atribución",
                    "Paramètre d’attribution",
                    "Paramètre d'attribution",
                    "Configuração de atribuição",
                    // What a purchase cost and returned: rates, recomputed from sums.
                    "Cost per purchase",
                    "Chi phí trên mỗi lượt mua",
                    "Costo por compra",
                    "Coût par achat",
                    "Kosten pro Kauf",
                    "Custo por compra",
                    "Biaya per pembelian",
                    "Cost per messaging conversation started",
                    "Chi phí trên mỗi lượt bắt đầu cuộc trò chuyện qua tin nhắn",
                    "Costo por conversación con mensajes iniciada",
                    "Coût par conversation par message commencée",
                    "Kosten pro begonnener Messaging-Unterhaltung",
                    "Custo por conversa por mensagem iniciada",
                    "Biaya per percakapan pesan dimulai",
                    "Purchase ROAS (return on ad spend)",
                    "Website purchase ROAS (return on ad spend)",
                    "ROAS (hiệu quả chi tiêu quảng cáo) cho lượt mua",
                    "ROAS (retorno de la inversión publicitaria) de compras",
                    "ROAS (retour sur les dépenses publicitaires) des achats",
                    "ROAS (Return on Ad Spend) für Käufe",
                    "ROAS (retorno do investimento em anúncios) das compras",
                    "ROAS (imbal hasil belanja iklan) pembelian",
                ]),
            ],
        },
        Spec {
            // TikTok Ads Manager's custom report (CSV, or XLSX as most download it);
            // the columns are the ones the user picked, so only a few sign it.
            id: "tiktok-ads",
            name: "TikTok Ads Manager",
            platform: Some("tiktok"),
            signature: &[
                &["Campaign name", "Cost", "Impressions"],
                &["Ad group name", "Cost", "Impressions"],
                &["Ad name", "Cost", "Impressions"],
            ],
            decimal: DecimalMark::Dot,
            day_order: None,
            columns: vec![
                col(&["By Day", "Date", "Day"], Target::Date),
                dim(&["Campaign name"], Campaign),
                dim(&["Ad group name"], AdSet),
                dim(&["Ad name"], Ad),
                // The audience and delivery breakdowns of a custom report: each row is
                // one segment of its campaign-day, a level below the report without
                // them (see Meta Ads'). `Platform` is the phone's system, not a
                // platform roi knows.
                dim(&["Age"], Breakdown),
                dim(&["Gender"], Breakdown),
                dim(
                    &[
                        "Country/Region",
                        "Country / Region",
                        "Country or region",
                        "Country",
                    ],
                    Breakdown,
                ),
                dim(&["Province/State", "Province", "Region"], Breakdown),
                dim(&["Placement", "Placements"], Breakdown),
                dim(&["Platform", "Operating system", "OS"], Breakdown),
                dim(&["Language"], Breakdown),
                // A Business Center report's advertiser accounts.
                dim(&["Advertiser name", "Advertiser ID"], Account),
                dim(&["Currency"], Currency),
                dim(
                    &["Website URL (Ad level）", "Website URL (Ad level)"],
                    LandingPage,
                ),
                metric(&["Cost", "Total cost"], "spend"),
                metric(&["Impressions"], "impressions"),
                metric(&["Reach"], "reach"),
                metric(&["Clicks (all)"], "clicks"),
                metric(&["Clicks (destination)"], "link_clicks"),
                metric(&["Conversions"], "conversions"),
                metric(&["Video views"], "video_views"),
                // The engagement the ads bought, on the ad's post.
                derived(&[
                    "Frequency",
                    "CPM",
                    "CPC (destination)",
                    "CTR (destination)",
                    "CPC (all)",
                    "CTR (all)",
                    "Cost per 1,000 people reached",
                    "Cost per conversion",
                    "Conversion rate",
                    "2-second video views",
                    "6-second video views",
                    "100% video view rate",
                    "Average play time per video view",
                    "Campaign ID",
                    "Ad group ID",
                    "Ad ID",
                    "Primary status",
                    "Budget",
                ]),
            ],
        },
        Spec {
            id: "tiktok-overview",
            name: "TikTok analytics overview",
            platform: Some("tiktok"),
            // Also in Vietnamese, Spanish and Indonesian, in the words roi reads
            // elsewhere for likes, comments and shares.
            signature: &[
                &["Date", "Video Views", "Profile Views"],
                &["Ngày", "Lượt xem video", "Lượt xem hồ sơ"],
                &[
                    "Fecha",
                    "Visualizaciones de videos",
                    "Visualizaciones del perfil",
                ],
                &["Tanggal", "Penayangan video", "Penayangan profil"],
            ],
            decimal: DecimalMark::Dot,
            day_order: None,
            columns: vec![
                col(&["Date", "Ngày", "Fecha", "Tanggal"], Target::Date),
                metric(
                    &[
                        "Video Views",
                        "Lượt xem video",
                        "Visualizaciones de videos",
                        "Visualizaciones de vídeos",
                        "Penayangan video",
                    ],
                    "video_views",
                ),
                metric(
                    &[
                        "Profile Views",
                        "Lượt xem hồ sơ",
                        "Visualizaciones del perfil",
                        "Penayangan profil",
                    ],
                    "profile_visits",
                ),
                metric(&["Likes", "Lượt thích", "Me gusta", "Suka"], "likes"),
                metric(
                    &["Comments", "Bình luận", "Comentarios", "Komentar"],
                    "comments",
                ),
                metric(
                    &["Shares", "Lượt chia sẻ", "Veces compartido", "Dibagikan"],
                    "shares",
                ),
            ],
        },
        Spec {
            id: "tiktok-content",
            name: "TikTok analytics content",
            platform: Some("tiktok"),
            signature: &[&["Post time", "Total views"]],
            decimal: DecimalMark::Dot,
            day_order: None,
            columns: vec![
                col(&["Post time"], Target::PublishTime),
                dim(&["Video link"], ContentId),
                metric(&["Total likes"], "likes"),
                metric(&["Total comments"], "comments"),
                metric(&["Total shares"], "shares"),
                metric(&["Total views"], "video_views"),
                col(&["Time"], Target::ExportDay),
                dim(&["Video title"], Text),
            ],
        },
        Spec {
            id: "tiktok-followers",
            name: "TikTok follower history",
            platform: Some("tiktok"),
            signature: &[&[
                "Date",
                "Followers",
                "Difference in followers from previous day",
            ]],
            decimal: DecimalMark::Dot,
            day_order: None,
            columns: vec![
                col(&["Date"], Target::Date),
                metric(&["Followers"], "followers"),
                col(
                    &["Difference in followers from previous day"],
                    Target::Metric("followers_net".to_owned(), 1.0),
                ),
            ],
        },
        Spec {
            id: "tiktok-follower-activity",
            name: "TikTok follower activity",
            platform: Some("tiktok"),
            signature: &[&["Date", "Hour", "Active followers"]],
            decimal: DecimalMark::Dot,
            day_order: None,
            columns: vec![
                col(&["Date"], Target::Date),
                col(&["Hour"], Target::Hour),
                metric(&["Active followers"], "active_followers"),
            ],
        },
        Spec {
            id: "tiktok-viewers",
            name: "TikTok viewers",
            platform: Some("tiktok"),
            signature: &[&["Date", "Total Viewers"]],
            decimal: DecimalMark::Dot,
            day_order: None,
            columns: vec![
                col(&["Date"], Target::Date),
                metric(&["Total Viewers"], "reach"),
                metric(&["New Viewers"], "new_viewers"),
                metric(&["Returning Viewers"], "returning_viewers"),
            ],
        },
        // TikTok's follower shares (`"Female","0.59"`, `"VN","0.462"`) come in the
        // same download as the metrics: known, so a folder of it is read, but a share
        // is no count, and these files are skipped with a note.
        Spec {
            id: "tiktok-follower-gender",
            name: "TikTok follower gender shares",
            platform: Some("tiktok"),
            signature: &[&["Gender", "Distribution"]],
            decimal: DecimalMark::Dot,
            day_order: None,
            columns: vec![derived(&["Gender"]), derived(&["Distribution"])],
        },
        Spec {
            id: "tiktok-follower-territories",
            name: "TikTok follower territory shares",
            platform: Some("tiktok"),
            signature: &[&["Top territories", "Distribution"]],
            decimal: DecimalMark::Dot,
            day_order: None,
            columns: vec![derived(&["Top territories"]), derived(&["Distribution"])],
        },
        Spec {
            id: "youtube-studio-table",
            name: "YouTube Studio table data",
            platform: Some("youtube"),
            // English, Vietnamese, Spanish and German Studio.
            signature: &[
                &["Content", "Video publish time"],
                &["Nội dung", "Thời gian xuất bản video"],
                &["Contenido", "Hora de publicación del vídeo"],
                &["Inhalte", "Veröffentlichungszeitpunkt des Videos"],
            ],
            decimal: DecimalMark::Dot,
            day_order: None,
            columns: [
                vec![
                    dim(&["Content", "Nội dung", "Contenido", "Inhalte"], ContentId),
                    col(
                        &[
                            "Video publish time",
                            "Thời gian xuất bản video",
                            "Hora de publicación del vídeo",
                            "Veröffentlichungszeitpunkt des Videos",
                        ],
                        Target::PublishTime,
                    ),
                    dim(
                        &[
                            "Video title",
                            "Tiêu đề video",
                            "Título del vídeo",
                            "Videotitel",
                        ],
                        Text,
                    ),
                    dim(
                        &["Duration", "Thời lượng", "Duración", "Dauer"],
                        VideoDuration,
                    ),
                ],
                youtube_metrics(),
            ]
            .concat(),
        },
        Spec {
            id: "youtube-studio-chart",
            name: "YouTube Studio chart data",
            platform: Some("youtube"),
            // In other languages only with its `Content` column, or as a date
            // column beside the layout's columns alone ([`Unsigned::KnownSeries`]).
            signature: &[
                &["Date", "Views"],
                &["Ngày", "Nội dung", "Lượt xem"],
                &["Fecha", "Contenido", "Visualizaciones"],
                &["Datum", "Inhalte", "Aufrufe"],
            ],
            decimal: DecimalMark::Dot,
            day_order: None,
            columns: [
                vec![
                    col(&["Date", "Ngày", "Fecha", "Datum"], Target::Date),
                    dim(&["Content", "Nội dung", "Contenido", "Inhalte"], ContentId),
                    dim(&["Traffic source", "Nguồn lưu lượng truy cập"], Source),
                    // The other breakdowns Studio charts by: finer rows of the
                    // download's daily totals, as its content and traffic sources are.
                    dim(&["Geography"], Breakdown),
                    dim(&["City"], Breakdown),
                    dim(&["Device type"], Breakdown),
                    dim(&["Operating system"], Breakdown),
                    dim(&["Viewer age"], Breakdown),
                    dim(&["Viewer gender"], Breakdown),
                    dim(&["Subscription status"], Breakdown),
                    dim(&["Subscription source"], Breakdown),
                    dim(&["Playback location"], Breakdown),
                    dim(&["YouTube product"], Breakdown),
                    dim(&["Content type"], Breakdown),
                    dim(&["Sharing service"], Breakdown),
                ],
                youtube_metrics(),
                vec![derived(&[
                    "Video title",
                    "Video publish time",
                    "Duration",
                    "Tiêu đề video",
                    "Thời gian xuất bản video",
                    "Thời lượng",
                    "Título del vídeo",
                    "Hora de publicación del vídeo",
                    "Duración",
                    "Videotitel",
                    "Veröffentlichungszeitpunkt des Videos",
                    "Dauer",
                ])],
            ]
            .concat(),
        },
        Spec {
            id: "google-ads",
            name: "Google Ads report",
            platform: Some("google_ads"),
            // English, Vietnamese, French, German, Spanish and Portuguese UIs.
            signature: &[
                &["Campaign", "Impr."],
                &["Chiến dịch", "Lượt hiển thị"],
                &["Campagne", "Impr."],
                &["Kampagne", "Impr."],
                &["Campaña", "Impr."],
                &["Campanha", "Impr."],
            ],
            decimal: DecimalMark::Dot,
            day_order: None,
            columns: vec![
                col(
                    &["Day", "Date", "Ngày", "Jour", "Tag", "Día", "Dia"],
                    Target::Date,
                ),
                // Segments by week (its Monday, or its Sunday in a Sunday-first
                // account) and by month: each row is that whole week or month.
                col(
                    &[
                        "Week",
                        "Week (Mon - Sun)",
                        "Week (Sun - Sat)",
                        "Tuần",
                        "Semaine",
                        "Woche",
                        "Semana",
                    ],
                    Target::Week,
                ),
                col(
                    &["Month", "Tháng", "Mois", "Monat", "Mes", "Mês"],
                    Target::Month,
                ),
                col(&["Quarter", "Quý", "Trimestre", "Quartal"], Target::Quarter),
                col(
                    &["Year", "Năm", "Année", "Jahr", "Año", "Ano"],
                    Target::Year,
                ),
                dim(
                    &[
                        "Campaign",
                        "Chiến dịch",
                        "Campagne",
                        "Kampagne",
                        "Campaña",
                        "Campanha",
                    ],
                    Campaign,
                ),
                dim(
                    &[
                        "Ad group",
                        "Nhóm quảng cáo",
                        "Groupe d'annonces",
                        "Groupe d’annonces",
                        "Anzeigengruppe",
                        "Grupo de anuncios",
                    ],
                    AdSet,
                ),
                // A keyword and search terms report break an ad group down by keyword
                // and by the search that showed it: levels below the ad group.
                dim(
                    &[
                        "Keyword",
                        "Search keyword",
                        "Từ khóa",
                        "Từ khoá",
                        "Từ khóa tìm kiếm",
                        "Mot clé",
                        "Mot-clé",
                        "Palabra clave",
                        "Palavra-chave",
                    ],
                    Keyword,
                ),
                dim(
                    &[
                        "Search term",
                        "Cụm từ tìm kiếm",
                        "Terme de recherche",
                        "Suchbegriff",
                        "Término de búsqueda",
                        "Termo de pesquisa",
                    ],
                    SearchTerm,
                ),
                // A manager account's report names each client account.
                dim(&["Account", "Account name", "Customer ID"], Account),
                dim(
                    &[
                        "Currency code",
                        "Mã đơn vị tiền tệ",
                        "Code de la devise",
                        "Währungscode",
                        "Código de moneda",
                        "Código da moeda",
                    ],
                    Currency,
                ),
                dim(
                    &[
                        "Campaign type",
                        "Loại chiến dịch",
                        "Type de campagne",
                        "Kampagnentyp",
                        "Tipo de campaña",
                        "Tipo de campanha",
                    ],
                    ContentType,
                ),
                metric(
                    &["Impr.", "Impressions", "Lượt hiển thị", "Impressionen"],
                    "impressions",
                ),
                metric(
                    &["Clicks", "Lượt nhấp", "Clics", "Klicks", "Cliques"],
                    "clicks",
                ),
                // Video campaigns: TrueView views (their rate and cost per view are
                // exported ratios, below).
                metric(&["Views", "Lượt xem", "Vues", "Aufrufe"], "video_views"),
                metric(
                    &[
                        "Interactions",
                        "Lượt tương tác",
                        "Interaktionen",
                        "Interacciones",
                        "Interações",
                    ],
                    "interactions",
                ),
                metric(
                    &[
                        "Cost", "Chi phí", "Coût", "Kosten", "Coste", "Costo", "Custo",
                    ],
                    "spend",
                ),
                // The interface abbreviates its conversion columns (`Conv.`,
                // `Conv. value`, `Cost / conv.`), and downloads keep its words.
                metric(
                    &[
                        "Conversions",
                        "Conv.",
                        "Lượt chuyển đổi",
                        "Conversiones",
                        "Conversões",
                    ],
                    "conversions",
                ),
                metric(
                    &[
                        "Conv. value",
                        "Giá trị chuyển đổi",
                        "Valeur de conv.",
                        "Conv.-Wert",
                        "Valor de conv.",
                        "Valor conv.",
                    ],
                    "revenue",
                ),
                derived(&[
                    "Trạng thái chiến dịch",
                    "Trạng thái",
                    "Lý do trạng thái",
                    "Ngân sách",
                    "Tên ngân sách",
                    "Loại ngân sách",
                    "Điểm tối ưu hóa",
                    "CPC trung bình",
                    "CPM trung bình",
                    "Chi phí trung bình",
                    "Tỷ lệ tương tác",
                    "Tỷ lệ chuyển đổi",
                    "Chi phí / lượt chuyển đổi",
                    "Campaign status",
                    "Budget",
                    "Budget name",
                    "Budget type",
                    "Status",
                    "Status reasons",
                    "Optimization score",
                    "TrueView avg. CPV",
                    "Avg. CPV",
                    "View rate",
                    "CPV trung bình",
                    "Tỷ lệ xem",
                    "CPV moy.",
                    "Taux de vue",
                    "Taux de vues",
                    "Durchschn. CPV",
                    "Aufrufrate",
                    "Avg. CPM",
                    "Avg. CPC",
                    "Avg. cost",
                    "Interaction rate",
                    "CTR",
                    "Conv. rate",
                    "Cost / conv.",
                    "Conv. value / cost",
                    // Conversions of every action, the primary ones (`Conv.`) among
                    // them, and those seen without a click: not added to `Conv.`.
                    "All conv.",
                    "Cost / all conv.",
                    "All conv. rate",
                    "All conv. value / cost",
                    // The value of all conversions, beside `Conv.` (the primary
                    // ones): revenue over it and conversions of `Conv.` would be
                    // two definitions in one ROAS.
                    "All conv. value",
                    "Giá trị của tất cả lượt chuyển đổi",
                    "Valeur de toutes les conv.",
                    "Wert aller Conv.",
                    "Valor de todas las conv.",
                    "View-through conv.",
                    "Ad group status",
                    "Conv. (Platform Comparable)",
                    "Cost / Conv. (Platform Comparable)",
                    "Conv. value / Cost (Platform Comparable)",
                    "Search impr. share",
                    "Search lost IS (budget)",
                    // The same rates and settings in French, German, Spanish, Portuguese.
                    "État de la campagne",
                    "État",
                    "CPC moy.",
                    "CPM moy.",
                    "Coût moy.",
                    "Taux d'interaction",
                    "Taux de conv.",
                    "Coût/conv.",
                    "Kampagnenstatus",
                    "Durchschn. CPC",
                    "Durchschn. CPM",
                    "Durchschn. Kosten",
                    "Interaktionsrate",
                    "Conv.-Rate",
                    "Kosten/Conv.",
                    "Estado de la campaña",
                    "Estado",
                    "Presupuesto",
                    "CPC medio",
                    "CPM medio",
                    "Coste medio",
                    "Tasa de interacción",
                    "Tasa de conv.",
                    "Coste/conv.",
                    "Status da campanha",
                    "Orçamento",
                    "CPC méd.",
                    "CPM méd.",
                    "Custo méd.",
                    "Taxa de interação",
                    "Taxa de conv.",
                    "Custo/conv.",
                ]),
            ],
        },
        Spec {
            id: "linkedin-content-metrics",
            name: "LinkedIn Page content metrics",
            platform: Some("linkedin"),
            signature: &[&["Date", "Impressions (total)"]],
            decimal: DecimalMark::Auto,
            day_order: Some(DayOrder::MonthFirst),
            columns: vec![
                col(&["Date"], Target::Date),
                // The organic figures, the audience of the only reach the sheet
                // has (`Unique impressions (organic)`): the sponsored part is the
                // activity a Campaign Manager export counts, and the totals hold it.
                // A sheet without the split (totals alone) reads its totals.
                ranked_metric(
                    &["Impressions (organic)", "Impressions (total)"],
                    "impressions",
                ),
                metric(&["Unique impressions (organic)"], "reach"),
                ranked_metric(&["Clicks (organic)", "Clicks (total)"], "clicks"),
                ranked_metric(&["Reactions (organic)", "Reactions (total)"], "likes"),
                ranked_metric(&["Comments (organic)", "Comments (total)"], "comments"),
                ranked_metric(
                    &[
                        "Reposts (organic)",
                        "Shares (organic)",
                        "Reposts (total)",
                        "Shares (total)",
                    ],
                    "shares",
                ),
                sponsored(&[
                    "Impressions (sponsored)",
                    "Clicks (sponsored)",
                    "Reactions (sponsored)",
                    "Comments (sponsored)",
                    "Reposts (sponsored)",
                    "Shares (sponsored)",
                ]),
                derived(&[
                    "Engagement rate (organic)",
                    "Engagement rate (sponsored)",
                    "Engagement rate (total)",
                ]),
            ],
        },
        Spec {
            id: "linkedin-posts",
            name: "LinkedIn Page posts",
            platform: Some("linkedin"),
            // Before 2023 the sheet said `Update` where it now says `Post`.
            signature: &[
                &["Post link", "Created date", "Impressions"],
                &["Update link", "Created date", "Impressions"],
            ],
            decimal: DecimalMark::Auto,
            day_order: Some(DayOrder::MonthFirst),
            columns: vec![
                dim(&["Post link", "Update link"], ContentId),
                // `Content type` is the format (Image, Video, Article…); `Post
                // type` says Organic or Sponsored, which is how the post reached
                // people: its medium.
                dim(&["Content type"], ContentType),
                dim(&["Post type", "Update type"], Medium),
                col(&["Created date"], Target::PublishTime),
                dim(&["Post title", "Update title"], Text),
                metric(&["Impressions"], "impressions"),
                // Views of a video post on LinkedIn itself; `Off-site views` (an
                // embed elsewhere) are not read.
                metric(&["Views (excluding off-site video views)"], "video_views"),
                metric(&["Likes", "Reactions"], "likes"),
                metric(&["Comments"], "comments"),
                metric(&["Reposts", "Shares"], "shares"),
                metric(&["Clicks"], "clicks"),
                derived(&["Posted by", "Engagement rate", "Audience"]),
            ],
        },
        Spec {
            id: "linkedin-followers",
            name: "LinkedIn Page new followers",
            platform: Some("linkedin"),
            signature: &[&["Date", "Total followers"]],
            decimal: DecimalMark::Auto,
            day_order: Some(DayOrder::MonthFirst),
            columns: vec![
                col(&["Date"], Target::Date),
                // As the `Metrics` sheet: the sponsored follows are Campaign
                // Manager's `Follows`, and the total holds them.
                ranked_metric(
                    &["Organic followers", "Total followers"],
                    "followers_gained",
                ),
                metric(&["Auto-invited followers"], "followers_gained"),
                sponsored(&["Sponsored followers"]),
            ],
        },
        Spec {
            id: "linkedin-visitors",
            name: "LinkedIn Page visitors",
            platform: Some("linkedin"),
            signature: &[&["Date", "Total page views (total)"]],
            decimal: DecimalMark::Auto,
            day_order: Some(DayOrder::MonthFirst),
            columns: vec![
                col(&["Date"], Target::Date),
                metric(&["Total page views (total)"], "profile_visits"),
                metric(&["Total unique visitors (total)"], "unique_visitors"),
            ],
        },
        // The followers and visitors workbooks' other sheets (`Location`, `Job
        // function`, `Seniority`, `Industry`, `Company size`) break the Page's
        // audience down by who, on no day: known, so the workbook reads without a
        // table called unknown, but no count roi reads, and skipped with a note.
        Spec {
            id: "linkedin-follower-demographics",
            name: "LinkedIn Page follower demographics",
            platform: Some("linkedin"),
            signature: &[
                &["Location", "Total followers"],
                &["Job function", "Total followers"],
                &["Seniority", "Total followers"],
                &["Industry", "Total followers"],
                &["Company size", "Total followers"],
            ],
            decimal: DecimalMark::Auto,
            day_order: None,
            columns: vec![
                derived(&LINKEDIN_DEMOGRAPHICS),
                derived(&["Total followers"]),
            ],
        },
        Spec {
            id: "linkedin-visitor-demographics",
            name: "LinkedIn Page visitor demographics",
            platform: Some("linkedin"),
            signature: &[
                &["Location", "Total views"],
                &["Job function", "Total views"],
                &["Seniority", "Total views"],
                &["Industry", "Total views"],
                &["Company size", "Total views"],
            ],
            decimal: DecimalMark::Auto,
            day_order: None,
            columns: vec![derived(&LINKEDIN_DEMOGRAPHICS), derived(&["Total views"])],
        },
        Spec {
            // Campaign Manager's performance report (UTF-16 tab-separated, or CSV),
            // the paid activity the Page layouts leave out: they read only the
            // organic part. Names from public parsers of real exports (see
            // fixtures/importers/linkedin-campaign-manager/README.md); `Landing
            // Page Clicks` and `Engagement Rate` are connectors' words, guessed
            // for the export.
            id: "linkedin-ads",
            name: "LinkedIn Campaign Manager",
            platform: Some("linkedin"),
            signature: &[&["Total Spent", "Impressions"]],
            decimal: DecimalMark::Dot,
            day_order: Some(DayOrder::MonthFirst),
            columns: vec![
                // A row per day, or per month with its end beside it; without
                // either, the rows cover the preamble's `Report Start`/`End`.
                col(&["Start Date (in UTC)"], Target::Date),
                col(&["End Date (in UTC)"], Target::EndDate),
                dim(&["Account Name"], Account),
                // Since 2025 Campaign Manager calls its levels campaign, ad set and
                // ad, as Meta does; older exports call the campaign `Campaign Group`
                // and the ad set `Campaign`, and their `Campaign Name` is read as
                // written, the campaign (the model has no level above it).
                dim(&["Campaign Name"], Campaign),
                dim(&["Ad Set Name"], AdSet),
                dim(&["Ad Name", "Creative Name"], Ad),
                dim(&["Campaign Type"], ContentType),
                dim(&["Currency"], Currency),
                metric(&["Total Spent"], "spend"),
                metric(&["Impressions"], "impressions"),
                metric(&["Clicks"], "clicks"),
                metric(
                    &["Clicks to Landing Page", "Landing Page Clicks"],
                    "link_clicks",
                ),
                metric(&["Reactions"], "likes"),
                metric(&["Comments"], "comments"),
                metric(&["Shares"], "shares"),
                metric(&["Follows"], "followers_gained"),
                metric(&["Conversions"], "conversions"),
                metric(&["Total Conversion Value"], "revenue"),
                metric(&["Leads"], "leads"),
                metric(&["Reach"], "reach"),
                metric(&["Video Views"], "video_views"),
                derived(&[
                    "Video Completions",
                    "Campaign Group Name",
                    "Campaign Group ID",
                    "Campaign ID",
                    "Ad Set ID",
                    "Ad ID",
                    "Creative ID",
                    "Campaign Status",
                    "Campaign Group Status",
                    "Ad Set Status",
                    "Ad Status",
                    "Campaign Objective",
                    "Ad Set Objective",
                    "Campaign Start Date",
                    "Campaign End Date",
                    "Ad Introduction Text",
                    "Ad Headline",
                    "Click URL",
                    "Average CTR",
                    "Click Through Rate",
                    "Average CPM",
                    "Average CPC",
                    "Cost per Lead",
                    "Cost Per Conversion",
                    "Conversion Rate",
                    "Return on Ad Spend",
                    "Lead Form Completion Rate",
                    "Average Frequency",
                    "Engagement Rate",
                    // Parts and sums of the counts read above.
                    "Clicks to LinkedIn Page",
                    "Other Clicks",
                    "Total Social Actions",
                    "Total Engagements",
                    "Viral Impressions",
                    "Viral Clicks",
                    "Post-Click Conversions",
                    "View-Through Conversions",
                    "Lead Forms Opened",
                    "Lead Form Opens",
                ]),
            ],
        },
        Spec {
            id: "pinterest-ads",
            name: "Pinterest ads report",
            platform: Some("pinterest"),
            signature: &[&["Date", "Campaign name", "Spend in account currency"]],
            decimal: DecimalMark::Dot,
            day_order: None,
            columns: vec![
                col(&["Date"], Target::Date),
                dim(&["Campaign name"], Campaign),
                dim(&["Ad group name"], AdSet),
                metric(&["Spend in account currency"], "spend"),
                // `Total impressions` is the paid ones and the earned (repins of a
                // promoted pin seen for free): what the clicks are out of.
                ranked_metric(&["Total impressions", "Impressions"], "impressions"),
                derived(&["Paid impressions", "Earned impressions"]),
                metric(&["Pin clicks"], "clicks"),
                metric(&["Outbound clicks"], "link_clicks"),
                metric(&["Saves"], "saves"),
                // `Total conversions` adds up every conversion event, checkouts, add
                // to carts and page visits among them: not read, so checkouts count
                // once; sign-ups and leads have columns of their own.
                metric(&["Checkouts", "Total checkouts"], "purchases"),
                metric(&["Checkout value in account currency"], "revenue"),
                metric(
                    &["Sign-ups", "Signups", "Total sign-ups", "Total signups"],
                    "conversions",
                ),
                metric(&["Leads", "Total leads"], "leads"),
                derived(&["CTR", "eCPC", "Checkout ROAS", "Total conversions"]),
            ],
        },
        Spec {
            id: "pinterest-organic",
            name: "Pinterest analytics (organic)",
            platform: Some("pinterest"),
            signature: &[&["Date", "Pin clicks", "Outbound clicks"]],
            decimal: DecimalMark::Dot,
            day_order: None,
            columns: vec![
                col(&["Date"], Target::Date),
                metric(&["Impressions"], "impressions"),
                metric(&["Engagements"], "engagements_total"),
                metric(&["Pin clicks"], "clicks"),
                metric(&["Outbound clicks"], "link_clicks"),
                metric(&["Saves"], "saves"),
                metric(&["Video views"], "video_views"),
                derived(&[
                    "Engagement rate",
                    "Pin click rate",
                    "Outbound click rate",
                    "Save rate",
                ]),
            ],
        },
        Spec {
            id: "meltwater-mentions",
            name: "Meltwater mentions export",
            platform: None,
            signature: &[&["Hit Sentence", "Sentiment"]],
            decimal: DecimalMark::Dot,
            day_order: Some(DayOrder::DayFirst),
            columns: vec![
                col(&["Date"], Target::Date),
                col(&["Sentiment"], Target::Sentiment),
                dim(&["Source"], Platform),
                dim(&["Input Name"], Brand),
                dim(&["URL"], Link),
                // The mention's text: the matching sentence, else its headline.
                dim(&["Headline"], Text),
                dim(&["Hit Sentence"], Text),
                derived(&[
                    "Opening Text",
                    "Influencer",
                    "Country",
                    "Subregion",
                    "Language",
                    "Reach",
                    "Desktop Reach",
                    "Mobile Reach",
                    "Twitter Social Echo",
                    "Facebook Social Echo",
                    "Reddit Social Echo",
                    "National Viewership",
                    "Engagement",
                    "AVE",
                    "Key Phrases",
                    "Keywords",
                    "Twitter Authority",
                    "Tweet Id",
                    "Twitter Id",
                    "Twitter Client",
                    "Twitter Screen Name",
                    "User Profile Url",
                    "Twitter Bio",
                    "Twitter Followers",
                    "Twitter Following",
                    "Alternate Date Format",
                    "Time",
                    "State",
                    "City",
                    "Document Tags",
                ]),
            ],
        },
        Spec {
            id: "ga4",
            name: "Google Analytics 4 report",
            platform: Some("web"),
            // English, French and Vietnamese UIs. A report without sessions (pages
            // and screens, events, ecommerce purchases) is GA4's by its key events
            // (GA4's own name for conversions since 2024) or its pages' column.
            signature: &[
                &["Sessions"],
                &["Số phiên"],
                &["Key events"],
                &["Événements clés"],
                &["Sự kiện chính"],
                &["Page path and screen class"],
                &["Event name", "Event count"],
                &["Tên sự kiện", "Số lượt sự kiện"],
                &["Nom de l'événement", "Nombre d'événements"],
            ],
            decimal: DecimalMark::Dot,
            day_order: None,
            columns: vec![
                col(&["Date", "Ngày"], Target::Date),
                col(
                    &[
                        "Date range",
                        "Plage de dates",
                        "Phạm vi ngày",
                        "Khoảng ngày",
                    ],
                    Target::DateRange,
                ),
                col(&["Nth day", "Nième jour", "Ngày thứ n"], Target::NthDay),
                // `202608`: the row is that month, or that year, of the stated range.
                col(&["Year month"], Target::Month),
                col(&["Year"], Target::Year),
                col(&["Month", "Mois", "Tháng"], Target::MonthOfYear),
                dim(
                    &[
                        "Session source",
                        "First user source",
                        "Source",
                        "Source de la session",
                        "Source de la première visite de l'utilisateur",
                        "Nguồn của phiên",
                        "Nguồn của người dùng đầu tiên",
                        "Nguồn",
                    ],
                    Source,
                ),
                dim(
                    &[
                        "Session medium",
                        "First user medium",
                        "Medium",
                        "Support de la session",
                        "Support",
                        "Phương tiện của phiên",
                        "Phương tiện của người dùng đầu tiên",
                        "Phương tiện",
                    ],
                    Medium,
                ),
                col(
                    &[
                        "Session source / medium",
                        "First user source / medium",
                        "Source / medium",
                        "Source/Support de la session",
                        "Source / support de la session",
                        "Source/Support",
                        "Nguồn/phương tiện của phiên",
                        "Nguồn / phương tiện của phiên",
                        "Nguồn/phương tiện của người dùng đầu tiên",
                        "Nguồn/phương tiện",
                    ],
                    Target::Dim(Source),
                ),
                dim(
                    &[
                        "Session campaign",
                        "Session campaign name",
                        "First user campaign",
                        "Campaign",
                        "Campagne de la session",
                        "Chiến dịch của phiên",
                        "Chiến dịch",
                    ],
                    Campaign,
                ),
                dim(
                    &[
                        "Landing page",
                        "Landing page + query string",
                        "Page de destination",
                        "Trang đích",
                        "Trang đích + chuỗi truy vấn",
                    ],
                    LandingPage,
                ),
                metric(&["Sessions", "Số phiên"], "sessions"),
                metric(
                    &[
                        "Key events",
                        "Conversions",
                        "Événements clés",
                        "Sự kiện chính",
                        "Lượt chuyển đổi",
                    ],
                    "conversions",
                ),
                // Purchase revenue is sales; total revenue adds subscriptions and
                // ad revenue: of the two, whatever their order, purchases are read.
                ranked_metric(
                    &[
                        "Purchase revenue",
                        "Doanh thu từ giao dịch mua",
                        "Total revenue",
                        "Revenu total",
                        "Tổng doanh thu",
                    ],
                    "revenue",
                ),
                metric(
                    &["Transactions", "Ecommerce purchases", "Giao dịch"],
                    "purchases",
                ),
                derived(&[
                    "Users",
                    "Total users",
                    "New users",
                    "Active users",
                    "Engaged sessions",
                    "Average engagement time per session",
                    "Engaged sessions per user",
                    "Events per session",
                    "Engagement rate",
                    "Event count",
                    "Utilisateurs",
                    "Nouveaux utilisateurs",
                    "Utilisateurs actifs",
                    "Sessions avec engagement",
                    "Taux d'engagement",
                    "Nombre d'événements",
                    "Người dùng",
                    "Tổng số người dùng",
                    "Người dùng mới",
                    "Người dùng đang hoạt động",
                    "Số phiên tương tác",
                    "Tỷ lệ tương tác",
                    "Số lượt sự kiện",
                ]),
                // The events report: revenue and key events by the event that
                // made them, another breakdown of the same totals.
                dim(
                    &["Event name", "Tên sự kiện", "Nom de l'événement"],
                    Breakdown,
                ),
                // The pages report: a page's views and key events, wherever the
                // session landed; no landing page, so beside a table by landing
                // page it is another breakdown of the same totals.
                dim(
                    &[
                        "Page path and screen class",
                        "Page path",
                        "Page title and screen class",
                        "Page title",
                        "Đường dẫn trang và lớp màn hình",
                        "Tiêu đề trang và lớp màn hình",
                        "Chemin de la page et classe de l'écran",
                        "Titre de la page et classe de l'écran",
                    ],
                    Breakdown,
                ),
                // A channel group (`Organic Search`) groups sources and mediums by
                // GA4's rules: no medium (`organic`), so a table by it is another
                // breakdown of the same sessions than one by source / medium.
                dim(
                    &[
                        "Session default channel group",
                        "Session primary channel group (Default channel group)",
                        "Groupe de canaux par défaut de la session",
                        "Groupe de canaux principal de la session (groupe de canaux par défaut)",
                        "Nhóm kênh mặc định của phiên",
                        "Nhóm kênh chính của phiên (Nhóm kênh mặc định)",
                    ],
                    Breakdown,
                ),
            ],
        },
        Spec {
            id: "crm-hubspot",
            name: "CRM contacts export (HubSpot-style)",
            platform: None,
            signature: &[&["Create Date"], &["Created Time", "Lead ID"]],
            decimal: DecimalMark::Auto,
            day_order: Some(DayOrder::MonthFirst),
            columns: vec![
                // A contact is a lead from its creation; lifecycle dates (`Became a
                // Lead Date`, empty for a contact that never was one) are not its date.
                col(&["Create Date", "Created Time"], Target::Date),
                // Without an id, a contact's email is what tells it from another
                // list's contact of the same day and source.
                ranked_dim(
                    &[
                        "Record ID",
                        "Lead ID",
                        "Contact ID",
                        "Email",
                        "Email Address",
                    ],
                    ContentId,
                ),
                dim(&["Original Source", "Source", "Lead Source"], Source),
                dim(
                    &["Original Source Drill-Down 1", "Latest Source Drill-Down 1"],
                    Medium,
                ),
                // The campaign a contact is tagged with, wherever its column stands;
                // the drill-down (a form, a UTM campaign) only without one.
                ranked_dim(
                    &["Campaign", "Campaign Name", "Original Source Drill-Down 2"],
                    Campaign,
                ),
                dim(&["Lifecycle Stage", "Lead Status"], ContentType),
                derived(&[
                    "First Name",
                    "Last Name",
                    "Phone Number",
                    "Contact owner",
                    "Lead Owner",
                    "Company / Account",
                    "Associated Company",
                    "Last Activity Date",
                    "Marketing contact status",
                    "Became a Lead Date",
                    "Became a Marketing Qualified Lead Date",
                    "Became a Sales Qualified Lead Date",
                    "Became an Opportunity Date",
                    "Became a Customer Date",
                ]),
            ],
        },
    ]
    .into_iter()
    .map(Spec::build)
    .collect::<Vec<_>>();
    for layout in &mut layouts {
        match layout.id.as_str() {
            "facebook-insights-post" | "facebook-insights-page" => layout.description_row = true,
            "ga4" => layout.platform_from_source = true,
            "meta-ads" => layout.localized_day_order = Some(DayOrder::DayFirst),
            // Table data has no Date column; Chart data has the same columns plus Date.
            "youtube-studio-table" => {
                layout.excludes = vec!["date".to_owned()];
                layout.whole_total = true;
            }
            "youtube-studio-chart" => layout.unsigned = Unsigned::KnownSeries,
            "meltwater-mentions" => layout.per_row = Some(("mentions".to_owned(), 1.0)),
            "crm-hubspot" => {
                // A deals export has a Create Date too, but a deal is no lead.
                layout.excludes = vec!["deal name".to_owned(), "deal stage".to_owned()];
                layout.per_row = Some(("leads".to_owned(), 1.0));
                layout.platform_from_source = true;
            }
            _ => {}
        }
    }
    layouts.push(Layout {
        id: "meta-metric-series".to_owned(),
        name: "Meta Business Suite single-metric series".to_owned(),
        platform: None,
        columns: vec![
            // The date column in each language of Business Suite (fr `Date`, de/nl
            // `Datum`, pt/it/pl `Data`, id `Tanggal`…).
            col(
                &[
                    "Date",
                    "Date (UTC)",
                    "Fecha",
                    "Ngày",
                    "Datum",
                    "Data",
                    "Tanggal",
                    "Tarikh",
                    "Tarih",
                    "Petsa",
                    "Päivämäärä",
                    "Dato",
                    "Дата",
                    "วันที่",
                    "日付",
                    "日期",
                    "날짜",
                ],
                Target::Date,
            ),
            col(&["Primary"], Target::Metric(String::new(), 1.0)),
        ],
        signatures: vec![vec!["primary".to_owned()]],
        excludes: Vec::new(),
        unsigned: Unsigned::Refused,
        decimal: LayoutMark::Convention(DecimalMark::Dot),
        day_order: None,
        date_format: None,
        files: None,
        constants: Vec::new(),
        warnings: Vec::new(),
        skip_if: Vec::new(),
        encoding: None,
        skip_lines: 0,
        title_metric: true,
        platform_from_source: false,
        per_row: None,
        description_row: false,
        whole_total: false,
        localized_day_order: None,
    });
    layouts
}

/// How the kind of a Business Suite single-metric series begins (its metric follows).
pub const SERIES_KIND: &str = "meta-metric-series:";

/// Which export family rows of this kind (a layout id, `layout:metric`, or roi's
/// format) belong to, for the rule that levels are never added: tables of one
/// family are the same numbers, broken down differently (a Google Ads campaign
/// report and its ad report; YouTube Studio's chart and table data, one download).
/// `None` for exports of records (a CRM's leads, a listening tool's mentions),
/// whose files are lists, not levels. The flag: the kind's dates are not the
/// dates its numbers cover (YouTube's table data: totals over the range the user
/// chose, dated by publish day), so it may cover any date of its family.
pub fn family(kind: &str) -> Option<(&str, bool)> {
    match kind {
        "crm-hubspot" | "meltwater-mentions" => None,
        "youtube-studio-chart" => Some(("youtube-studio", false)),
        "youtube-studio-table" => Some(("youtube-studio", true)),
        // The overview's day totals hold what the content export gives per post;
        // so do TikTok's overview and Meta's (Business Suite's single-metric series,
        // the classic Page Insights' page export) beside their content exports.
        // X's tweet activity exports (by tweet, by day) before its 2023 change are
        // the same levels of the same account as its account analytics after it.
        "x-account-overview"
        | "x-account-analytics"
        | "twitter-daily-activity"
        | "twitter-tweet-activity" => Some(("x-account", false)),
        "tiktok-overview" | "tiktok-content" | "tiktok-viewers" | "tiktok-followers" => {
            Some(("tiktok-account", false))
        }
        "facebook-insights-page" | "facebook-insights-post" => Some(("facebook-insights", false)),
        "meta-business-suite-content" => Some(("meta-business-suite", false)),
        // A LinkedIn Page workbook's `Metrics` sheet (days) and `All posts` sheet.
        "linkedin-content-metrics" | "linkedin-posts" => Some(("linkedin-page", false)),
        _ if kind.starts_with(SERIES_KIND) => Some(("meta-business-suite", false)),
        _ => Some((kind, false)),
    }
}

/// Exports of two families that hold the same observations: the classic Page post
/// export and Business Suite's content export both give a Facebook post's lifetime
/// figures by its id; X's tweet activity export (by tweet, or by day) and its
/// account analytics (content by post, the overview by day) give the same posts
/// and days of an account, before and after the 2023 change. A post or day in
/// both is one observation, the newer download's. Their other exports (the page
/// export, the series) stay levels of their own family.
pub fn same_observations(a: &str, b: &str) -> bool {
    let group = |kind| match kind {
        "facebook-insights-post" | "meta-business-suite-content" => Some(0),
        "twitter-tweet-activity" | "x-account-analytics" => Some(1),
        "twitter-daily-activity" | "x-account-overview" => Some(2),
        _ => None,
    };
    a == b || group(a).is_some() && group(a) == group(b)
}

/// Whether a layout's platform writes its dates without a year (TikTok Studio's
/// `December 30`): a workbook's date shown without one was given its year by the
/// spreadsheet, and is read as year-less.
pub fn writes_no_year(id: &str) -> bool {
    matches!(
        id,
        "tiktok-overview" | "tiktok-followers" | "tiktok-follower-activity" | "tiktok-viewers"
    )
}

/// Whether an export family is an ad platform's report of its campaigns, whose
/// conversions and conversion value are what the ads brought.
pub fn is_ad_export(family: &str) -> bool {
    matches!(
        family,
        "meta-ads" | "google-ads" | "tiktok-ads" | "pinterest-ads" | "linkedin-ads"
    )
}

/// Whether an export family is a web analytics report (GA4), whose revenue and
/// key events are the site's, those the ads brought included.
pub fn is_web_analytics(family: &str) -> bool {
    family == "ga4"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unfollows_and_net_follows_series_titles_with_or_without_their_platform() {
        for (title, metric) in [
            ("Unfollows", "followers_lost"),
            ("Facebook unfollows", "followers_lost"),
            ("Instagram unfollows", "followers_lost"),
            ("Lượt bỏ theo dõi trên Facebook", "followers_lost"),
            ("Dejar de seguir", "followers_lost"),
            (
                "Personas que dejaron de seguir en Instagram",
                "followers_lost",
            ),
            ("Net follows", "followers_net"),
            ("Facebook net follows", "followers_net"),
            ("Lượt theo dõi trên Facebook", "followers_gained"),
            ("Facebook Page reach", "reach"),
            ("Lượt tiếp cận Trang Facebook", "reach"),
            ("Alcance de la página de Facebook", "reach"),
            ("Visitas a la página de Facebook", "profile_visits"),
            ("Facebook Page new likes", "page_likes_gained"),
            ("Instagram new followers", "followers_gained"),
            ("Nuevos seguidores de Instagram", "followers_gained"),
            ("Lượt thích Trang mới trên Facebook", "page_likes_gained"),
            (
                "Lượt truy cập trang cá nhân trên Instagram",
                "profile_visits",
            ),
        ] {
            assert_eq!(series_metric(title), Some(metric), "{title}");
        }
        // A Page's likes (a total, or new ones?) and its paid part stay unknown.
        for title in ["Facebook Page likes", "Facebook Page reach (Paid)"] {
            assert_eq!(series_metric(title), None, "{title}");
        }
    }

    #[test]
    fn mapping_targets_a_letter_off_a_built_in_are_warned_of() {
        for (typo, known) in [
            ("like", "likes"),
            ("spent", "spend"),
            ("lead", "leads"),
            ("video_veiws", "video_views"),
            ("platfrom", "platform"),
            ("revenues", "revenue"),
            ("weeks", "week"),
        ] {
            let w = custom_metric("X", typo).expect(typo);
            assert!(
                w.args.contains(&("known", known.to_owned())),
                "{typo}: {w:?}"
            );
        }
        for name in [
            "trial_starts",
            "engagement_pct",
            "signups",
            "installs",
            "likes",
            "spend",
            "orders",
            "cpa",
        ] {
            assert!(custom_metric("X", name).is_none(), "{name}");
        }
    }

    #[test]
    fn date_formats_need_a_field() {
        assert!(chrono_format_ok("%d/%m/%Y"));
        assert!(chrono_format_ok("%Y-%m-%d %H:%M"));
        assert!(!chrono_format_ok("dd/mm/yyyy"));
        assert!(!chrono_format_ok("%Q"));
        assert!(!chrono_format_ok(""));
    }

    #[test]
    fn headers_normalize_and_give_up_their_currency() {
        assert_eq!(
            normalize_header("Số tiền đã chi tiêu (VND)"),
            (
                "số tiền đã chi tiêu".to_owned(),
                Some(HeaderCurrency::Code("VND".to_owned()))
            )
        );
        assert_eq!(
            normalize_header(" Impressions\n(total) "),
            ("impressions (total)".to_owned(), None)
        );
        // Marks read as roi.toml's `currency` reads them, in either bracket.
        let vnd = Some(HeaderCurrency::Code("VND".to_owned()));
        for header in [
            "Doanh thu (VNĐ)",
            "Doanh thu (₫)",
            "Doanh thu (đ)",
            "Doanh thu (vnđ)",
            "Doanh thu [VND]",
            "Doanh thu [ VNĐ ]",
        ] {
            assert_eq!(
                normalize_header(header),
                ("doanh thu".to_owned(), vnd.clone()),
                "{header}"
            );
        }
        assert_eq!(
            normalize_header("Revenue (US$)").1,
            Some(HeaderCurrency::Code("USD".to_owned()))
        );
        assert_eq!(
            normalize_header("Revenue (RMB)").1,
            Some(HeaderCurrency::Code("CNY".to_owned()))
        );
        // `$` names no one currency; lowercase letters name none (`Clicks (all)`).
        let (name, currency) = normalize_header("Revenue ($)");
        assert_eq!(name, "revenue");
        assert!(currency.is_some_and(|c| c.code().is_none() && c.symbol().is_some()));
        assert_eq!(
            normalize_header("Clicks (all)"),
            ("clicks (all)".to_owned(), None)
        );
        // A tag in square brackets that is no currency code stays in the name.
        for header in ["Phiên [SEO]", "Impressions [WEB]"] {
            assert_eq!(
                normalize_header(header),
                (header.to_lowercase(), None),
                "{header}"
            );
        }
        assert_eq!(
            normalize_header("Spend (XYZ)").1,
            Some(HeaderCurrency::Code("XYZ".to_owned()))
        );
        // One currency among other words; two, or none known, give none.
        for header in [
            "Chi phí (đơn vị: VNĐ)",
            "Chi phí (VND - đã gồm VAT)",
            "Doanh thu (nghìn đồng)",
        ] {
            assert_eq!(
                normalize_header(header),
                (
                    header[..header.find(" (").unwrap()].to_lowercase(),
                    vnd.clone()
                ),
                "{header}"
            );
        }
        for header in [
            "Cost (USD or VND)",
            "Clicks (all devices)",
            "Spend (incl. tax)",
            "Spend (ALL campaigns)",
            "Cost (RM - remarketing)",
        ] {
            assert_eq!(normalize_header(header).1, None, "{header}");
        }
    }

    #[test]
    fn headers_that_count_in_thousands_say_so() {
        for (header, word, by) in [
            ("Doanh thu (nghìn đồng)", "nghìn", 1e3),
            ("Revenue (USD thousands)", "thousands", 1e3),
            ("Cost ($000)", "$000", 1e3),
            ("Chi phí (1.000đ)", "1.000đ", 1e3),
            ("Doanh thu (triệu VNĐ)", "triệu", 1e6),
        ] {
            assert_eq!(
                header_scale(header),
                Some((word.to_owned(), by)),
                "{header}"
            );
        }
        for header in [
            "Chi phí (VNĐ)",
            "Clicks (all)",
            "Reach (1 day click)",
            "Spend",
            // Only money's bracket counts in thousands; `tỷ lệ` is a rate.
            "Impressions (K)",
            "Reach (top 1000 posts)",
            "Chi phí (tỷ lệ VNĐ)",
        ] {
            assert_eq!(header_scale(header), None, "{header}");
        }
    }

    #[test]
    fn platform_cells_name_the_one_platform_of_their_words() {
        for (cell, platform) in [
            ("Facebook Live", Some("facebook")),
            ("Fanpage Facebook", Some("facebook")),
            ("Instagram Reels", Some("instagram")),
            ("TikTok Shop", Some("tiktok")),
            ("YouTube Ads", Some("google_ads")),
            ("facebook.com / (not set)", Some("facebook")),
            ("l.instagram.com / (other)", Some("instagram")),
            ("facebook / (not set)", Some("facebook")),
            ("Not Facebook", None),
            ("Ngoài Facebook", None),
            ("Web (Facebook pixel)", None),
            ("Other - TikTok", None),
            ("Email threads", None),
            ("Facebook & Instagram", None),
        ] {
            assert_eq!(platform_of_cell(cell), platform, "{cell}");
        }
    }

    #[test]
    fn sources_map_to_platforms() {
        for (source, platform) in [
            ("l.facebook.com", "facebook"),
            ("m.facebook.com / referral", "facebook"),
            ("t.co", "twitter"),
            ("pin.it", "pinterest"),
            ("www.pinterest.com", "pinterest"),
            ("pinterest.co.uk", "pinterest"),
            ("lnkd.in", "linkedin"),
        ] {
            assert_eq!(platform_of_source(source), Some(platform), "{source}");
        }
        assert_eq!(platform_of_source("google"), None);
        assert_eq!(platform_of_source("(direct)"), None);
    }

    #[test]
    fn source_words_name_their_platform() {
        for (source, platform) in [
            ("Facebook Ads", Some("facebook")),
            ("Facebook Lead Ads", Some("facebook")),
            ("Meta Ads", Some("facebook")),
            ("Instagram Ads", Some("instagram")),
            ("TikTok Ads", Some("tiktok")),
            ("LinkedIn Ads", Some("linkedin")),
            ("Google Ads", Some("google_ads")),
            ("Google AdWords", Some("google_ads")),
            ("Social Media - Facebook", Some("facebook")),
            ("tiktok_spring", Some("tiktok")),
            ("google / organic", None),
            ("Paid Social", None),
            ("Facebook and Instagram", None),
            ("Trade show X", None),
            ("Metadata import", None),
            // Meta only with its ads; two platforms name none.
            ("Webinar: Meta tags for SEO", None),
            ("Meta", None),
            ("Meta Ads (Facebook/Instagram)", None),
            ("Facebook/Instagram Ads", None),
            ("Facebook / Instagram", None),
            ("Instagram/Facebook", None),
            ("TikTok/YouTube Shorts", None),
            ("Meta Lead Ads", Some("facebook")),
            ("X Ads", Some("twitter")),
            ("X (Twitter) Ads", Some("twitter")),
            ("facebook / cpc", Some("facebook")),
            ("facebook.com/groups/shop", Some("facebook")),
            ("Quảng cáo Google", Some("google_ads")),
            ("Quảng cáo Facebook", Some("facebook")),
            ("Google", None),
            ("Messenger", Some("messenger")),
            ("Facebook Messenger", Some("messenger")),
            ("Threads", Some("threads")),
            // Messenger and Threads alone or beside their owner; as other words,
            // common words (`Email threads`), naming no platform.
            ("Instagram Messenger", Some("instagram")),
            ("Zalo Messenger", Some("zalo")),
            ("Messenger (Facebook)", Some("messenger")),
            ("Instagram Threads", Some("threads")),
            ("Email threads", None),
            ("Forum threads", None),
            // YouTube's ads are bought through Google Ads.
            ("YouTube Ads", Some("google_ads")),
            ("Quảng cáo YouTube", Some("google_ads")),
            ("Google Ads (YouTube)", Some("google_ads")),
            ("YouTube Shorts", Some("youtube")),
            // Shorthands as words, and a fan page.
            ("FB Ads", Some("facebook")),
            ("Fb Lead Form", Some("facebook")),
            ("Quảng cáo FB", Some("facebook")),
            ("IG Ads", Some("instagram")),
            ("FB Messenger", Some("messenger")),
            ("FB/IG Ads", None),
            ("Inbox Fanpage", Some("facebook")),
            ("Fanpage Zalo", Some("zalo")),
            ("Fbi tips", None),
            ("Big sale", None),
        ] {
            assert_eq!(platform_of_source(source), platform, "{source}");
        }
    }
}

/// A user's mapping from roi.toml, as written.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MappingSpec {
    /// A glob on the file name (`zalo-*.csv`); without it the header decides.
    pub files: Option<String>,
    /// Platform id of every row; beside a column mapped to `platform`, of the rows
    /// whose cell is blank.
    pub platform: Option<String>,
    /// Other dimensions every row gets.
    #[serde(default)]
    pub dims: std::collections::BTreeMap<String, String>,
    /// A chrono format for the date column (`%d/%m/%Y`).
    pub date_format: Option<String>,
    /// `.` or `,`.
    pub decimal: Option<String>,
    /// The encoding of files that are not UTF-8 (`windows-1258`, `utf-16le`…).
    pub encoding: Option<String>,
    /// Lines before the header (titles, notes) that roi should not look at.
    #[serde(default)]
    pub skip_lines: usize,
    /// Rows to leave out (counted): header → value, e.g. `{ "Trạng thái" = "Tổng" }`.
    #[serde(default)]
    pub skip_if: std::collections::BTreeMap<String, String>,
    /// Header → `date`, `end_date`, a dimension, a metric, `ignore`, or
    /// `{ metric = "…", scale = 0.01 }`.
    pub columns: indexmap::IndexMap<String, ColumnSpec>,
    /// Every row counts one of this metric: `leads` for a CRM list, `mentions`
    /// for a listening export (then brand and sentiment are read too).
    pub per_row: Option<String>,
}

#[derive(Debug, Clone, serde::Deserialize)]
#[serde(
    untagged,
    expecting = "a metric or dimension name such as \"spend\" or \"campaign\", or a scaled metric such as { metric = \"spend\", scale = 0.001 }"
)]
pub enum ColumnSpec {
    Name(String),
    Scaled(ScaledColumn),
}

/// Its own struct so that a misspelt key (`scal`) is refused, not ignored.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaledColumn {
    pub metric: String,
    pub scale: f64,
}

impl MappingSpec {
    /// The layout this mapping describes; `Err` names the problem.
    /// `config` names the file the mapping is in, for messages.
    /// `text` is roi.toml's, for the line of a column a message names.
    pub fn to_layout(&self, index: usize, config: &str, text: &str) -> Result<Layout, String> {
        let mut warnings = Vec::new();
        let mut columns = Vec::new();
        let mut dated = false;
        let mut platform_column = None;
        for (header, spec) in &self.columns {
            let target = match spec {
                // A scale of 0 turns every amount into 0, one below 0 flips its sign.
                ColumnSpec::Scaled(ScaledColumn { scale, .. })
                    if !(scale.is_finite() && *scale > 0.0) =>
                {
                    return Err(crate::say!(
                        "error.mapping_scale",
                        column = header,
                        value = scale.to_string().to_lowercase()
                    ));
                }
                ColumnSpec::Scaled(ScaledColumn { metric, .. }) | ColumnSpec::Name(metric)
                    if crate::kpi::is_derived_builtin(metric) =>
                {
                    return Err(crate::say!(
                        "error.mapping_kpi",
                        column = header,
                        target = metric
                    ));
                }
                ColumnSpec::Scaled(ScaledColumn { metric, scale }) => {
                    warnings.extend(custom_metric(header, metric));
                    Target::Metric(metric.clone(), *scale)
                }
                ColumnSpec::Name(name) => match name.as_str() {
                    "date" => {
                        dated = true;
                        Target::Date
                    }
                    "published" => {
                        dated = true;
                        Target::PublishTime
                    }
                    "sentiment" => Target::Sentiment,
                    "hour" => Target::Hour,
                    "end_date" => Target::EndDate,
                    "week" => {
                        dated = true;
                        Target::Week
                    }
                    "month" => {
                        dated = true;
                        Target::Month
                    }
                    "ignore" => Target::Derived,
                    other => match Dimension::from_name(other) {
                        Some(d) => {
                            if d == Dimension::Platform {
                                platform_column = Some(header);
                            }
                            Target::Dim(d)
                        }
                        None if other
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') =>
                        {
                            warnings.extend(custom_metric(header, other));
                            Target::Metric(other.to_owned(), 1.0)
                        }
                        None => {
                            return Err(crate::say!(
                                "error.mapping_target",
                                column = header,
                                target = other
                            ));
                        }
                    },
                },
            };
            // Two columns of one target would be added together (a metric) or one
            // of them left unread (a date, a dimension), whichever the user meant.
            let word = match spec {
                ColumnSpec::Name(name) => name,
                ColumnSpec::Scaled(ScaledColumn { metric, .. }) => metric,
            };
            if word != "ignore"
                && let Some((earlier, _)) = (self.columns.iter())
                    .take_while(|(h, _)| *h != header)
                    .find(|(_, s)| match s {
                        ColumnSpec::Name(n) => n == word,
                        ColumnSpec::Scaled(ScaledColumn { metric, .. }) => metric == word,
                    })
            {
                // TOML tables reach roi in key order: the lines say which came first.
                let line = |h: &str| mapping_key_line(text, index, h);
                let (first, second) = if line(earlier) <= line(header) {
                    (earlier, header)
                } else {
                    (header, earlier)
                };
                return Err(match line(second) {
                    Some(line) => crate::say!(
                        "error.mapping_same_target_at",
                        first = first,
                        second = second,
                        target = word,
                        line = line
                    ),
                    None => crate::say!(
                        "error.mapping_same_target",
                        first = first,
                        second = second,
                        target = word
                    ),
                });
            }
            columns.push(col(&[header.as_str()], target));
        }
        if !dated {
            return Err(crate::say!("error.mapping_no_date"));
        }
        // `platform = "zalo"` beside a column of platforms is the platform of the
        // rows whose cell is blank (see `Layout::platform`).
        let mut constants = Vec::new();
        for (key, value) in &self.dims {
            let d = Dimension::from_name(key)
                .ok_or_else(|| crate::say!("error.mapping_dim", key = key))?;
            if d == Dimension::Platform
                && let Some(column) = platform_column
            {
                return Err(crate::say!(
                    "error.mapping_platform_twice",
                    platform = value,
                    column = column
                ));
            }
            // The currency of every row: `VNĐ` is VND, and `US Dollar` no currency
            // the rows could be added in.
            let value = if d == Dimension::Currency {
                crate::model::currency_code(value).ok_or_else(|| {
                    crate::say!(
                        "error.config_currency",
                        key = "dims.currency",
                        value = value,
                        hint = crate::model::currency_hint(value)
                    )
                })?
            } else {
                value.clone()
            };
            constants.push((d, value));
        }
        // A format without a `%` field reads no date at all (`dd/mm/yyyy`).
        if let Some(format) = &self.date_format
            && !chrono_format_ok(format)
        {
            return Err(crate::say!("error.mapping_date_format", value = format));
        }
        let files = match &self.files {
            // Matched against the file's name alone: a folder in it never matches.
            Some(g) if g.contains(['/', '\\']) => {
                return Err(crate::say!(
                    "error.mapping_files_folder",
                    glob = g,
                    name = g.rsplit(['/', '\\']).next().unwrap_or_default()
                ));
            }
            Some(g) => Some(
                glob::Pattern::new(g)
                    .map_err(|e| crate::say!("error.mapping_files", glob = g, error = e))?,
            ),
            None => None,
        };
        let decimal = match self.decimal.as_deref() {
            None => LayoutMark::Convention(DecimalMark::Auto),
            Some(".") => LayoutMark::Given(DecimalMark::Dot),
            Some(",") => LayoutMark::Given(DecimalMark::Comma),
            Some(other) => return Err(crate::say!("error.mapping_decimal", value = other)),
        };
        let signature = vec![columns.iter().map(|c| c.aliases[0].clone()).collect()];
        let encoding = match &self.encoding {
            Some(label) => Some(
                encoding_rs::Encoding::for_label(label.as_bytes())
                    .ok_or_else(|| crate::say!("error.mapping_encoding", value = label))?,
            ),
            None => None,
        };
        // `…` too: the placeholder of the stanzas of earlier versions.
        if matches!(
            self.platform.as_deref().map(str::trim),
            Some(PLATFORM_UNSET | "…")
        ) {
            return Err(crate::say!(
                "error.mapping_platform_unset",
                platforms = crate::model::platform_ids().collect::<Vec<_>>().join(", ")
            ));
        }
        Ok(Layout {
            id: format!("mapping-{}", index + 1),
            name: format!("{config} mapping #{}", index + 1),
            platform: self
                .platform
                .as_deref()
                .map(crate::model::normalize_platform),
            columns,
            signatures: signature,
            excludes: Vec::new(),
            unsigned: Unsigned::Refused,
            decimal,
            day_order: None,
            date_format: self.date_format.clone(),
            files,
            constants,
            skip_if: self
                .skip_if
                .iter()
                .map(|(h, v)| {
                    let value = crate::dataset::compose(v.trim()).to_lowercase();
                    (normalize_header(h).0, value, h.clone())
                })
                .collect(),
            encoding,
            skip_lines: self.skip_lines,
            title_metric: false,
            platform_from_source: false,
            per_row: match &self.per_row {
                Some(metric)
                    if !metric.is_empty()
                        && metric
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') =>
                {
                    warnings.extend(custom_metric("per_row", metric));
                    Some((metric.clone(), 1.0))
                }
                Some(other) => {
                    return Err(crate::say!(
                        "error.mapping_target",
                        column = "per_row",
                        target = other
                    ));
                }
                None => None,
            },
            description_row: false,
            whole_total: false,
            localized_day_order: None,
            warnings,
        })
    }
}

/// The line (from 1) of roi.toml's `text` where the `index`th `[[mappings]]`
/// (from 0) maps column `key`, when it is written as a line of its own.
fn mapping_key_line(text: &str, index: usize, key: &str) -> Option<usize> {
    let mut mappings = 0;
    let mut current = None;
    for (n, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.starts_with("[[mappings]]") {
            current = Some(mappings);
            mappings += 1;
        } else if t.starts_with('[') && !t.starts_with("[mappings.") {
            current = None;
        } else if current == Some(index)
            && let Some((name, _)) = t.split_once('=')
            && name.trim().trim_matches(['"', '\'']) == key
        {
            return Some(n + 1);
        }
    }
    None
}

/// Warns of a mapping target that is no name roi knows but one or two letters off
/// one (`like`, `spent`, `platfrom`): it becomes a metric of its own, apart from the
/// built-in one, which may be a slip or meant (`follows`, `products`, `sales`). A
/// name further from them (`trial_starts`) is a custom metric without a word.
/// `--strict` makes the warning an error.
fn custom_metric(column: &str, name: &str) -> Option<crate::i18n::Message> {
    const TARGETS: &[&str] = &[
        "date",
        "end_date",
        "week",
        "month",
        "published",
        "sentiment",
        "hour",
        "ignore",
    ];
    if crate::model::canonical_metric(name).is_some() {
        return None;
    }
    let known = crate::model::CANONICAL_METRICS
        .iter()
        .map(|m| m.name)
        .chain(Dimension::ALL.iter().map(|d| d.name()))
        .chain(TARGETS.iter().copied());
    let near = known
        .filter(|k| *k != name)
        .map(|k| (strsim::levenshtein(name, k), k))
        // One letter off a short name (`like`, `lead`), two off a longer one
        // (`video_veiws`): `ad` is not near `cpa`.
        .filter(|(d, k)| *d <= if name.len().min(k.len()) >= 6 { 2 } else { 1 })
        .min_by_key(|(d, _)| *d);
    near.map(|(_, known)| {
        crate::msg!(
            "warning.mapping_near_builtin",
            column = column,
            target = name,
            known = known
        )
    })
}

/// Whether a `date_format` has a chrono field (`%d`) and none chrono refuses.
fn chrono_format_ok(format: &str) -> bool {
    use chrono::format::{Item, StrftimeItems};
    let items: Vec<Item<'_>> = StrftimeItems::new(format).collect();
    !items.iter().any(|i| matches!(i, Item::Error))
        && items
            .iter()
            .any(|i| matches!(i, Item::Numeric(..) | Item::Fixed(..)))
}
