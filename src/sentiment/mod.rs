//! Sentiment: reading the labels listening tools export, and estimating it from
//! text with a transparent word list when they give none.
//!
//! The estimate follows `fixtures/sentiment/score.py` exactly (the tests compare
//! them text by text): normalise (NFC, lowercase, curly apostrophes, emoji
//! modifiers dropped), tokenise (words; each emoji a token), match the lexicon's
//! terms greedily longest first (up to 4 tokens), multiply a term after an
//! intensifier by its factor, flip and halve a term with a negator among the 3
//! tokens before it, and sum: ≥ 1 positive, ≤ −1 negative, neutral between. The
//! word lists (`lexicon.en.txt`, `lexicon.vi.txt`) document their format and
//! can be extended from roi.toml.

use std::collections::HashMap;

use unicode_general_category::{GeneralCategory, get_general_category};
use unicode_normalization::UnicodeNormalization;

const MAX_PHRASE_TOKENS: usize = 4;
const NEGATION_WINDOW: usize = 3;
const NEGATION_FACTOR: f64 = 0.5;

/// A mention's sentiment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sentiment {
    Positive,
    Neutral,
    Negative,
    /// Mixed, not rated, unknown: a mention, with no sentiment to count.
    Unrated,
}

impl Sentiment {
    /// The metric a mention of this sentiment counts in, exported or estimated.
    pub fn metric(self, estimated: bool) -> Option<&'static str> {
        Some(match (self, estimated) {
            (Sentiment::Positive, false) => "mentions_positive",
            (Sentiment::Neutral, false) => "mentions_neutral",
            (Sentiment::Negative, false) => "mentions_negative",
            (Sentiment::Positive, true) => "estimated_positive",
            (Sentiment::Neutral, true) => "estimated_neutral",
            (Sentiment::Negative, true) => "estimated_negative",
            (Sentiment::Unrated, _) => return None,
        })
    }
}

/// A sentiment label as listening tools write it: `Positive`, `NEGATIVE`,
/// `Tích cực`, `-1`, `0.35`… `None` when the text is no sentiment at all.
pub fn parse_label(text: &str) -> Option<Sentiment> {
    // Composed: `Tích cực` written decomposed is the same label.
    let t = crate::dataset::compose(text.trim()).to_lowercase();
    Some(match t.as_str() {
        "positive" | "pos" | "tích cực" | "tich cuc" | "positivo" | "positif" => {
            Sentiment::Positive
        }
        "negative" | "neg" | "tiêu cực" | "tieu cuc" | "negativo" | "négatif" | "negatif" => {
            Sentiment::Negative
        }
        "neutral" | "neu" | "trung lập" | "trung lap" | "trung tính" | "neutro" | "neutre" => {
            Sentiment::Neutral
        }
        "" | "mixed" | "hỗn hợp" | "not rated" | "unknown" | "unrated" | "n/a" | "none" => {
            Sentiment::Unrated
        }
        other => {
            // Numeric scores (Pulsar writes −1…+1): the sign decides.
            let v: f64 = other.replace(',', ".").parse().ok()?;
            if !v.is_finite() {
                return None;
            }
            match v.partial_cmp(&0.0)? {
                std::cmp::Ordering::Greater => Sentiment::Positive,
                std::cmp::Ordering::Less => Sentiment::Negative,
                std::cmp::Ordering::Equal => Sentiment::Neutral,
            }
        }
    })
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Entry {
    Term(i32),
    Negator,
    Intensifier(f64),
}

/// One language's word list.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    table: HashMap<Vec<String>, Entry>,
}

/// A line of a word list that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{source_name}:{line}: {message}")]
pub struct LexiconError {
    pub source_name: String,
    pub line: usize,
    pub message: String,
}

impl Lexicon {
    /// Reads a word list in the format its header describes.
    pub fn parse(source_name: &str, text: &str) -> Result<Lexicon, LexiconError> {
        let mut lexicon = Lexicon::default();
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        for (n, raw) in text.split('\n').enumerate() {
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |message: String| LexiconError {
                source_name: source_name.to_owned(),
                line: n + 1,
                message,
            };
            if let Some(term) = line.strip_prefix('!') {
                if term.contains('\t') {
                    return Err(err("a negator line has no score".to_owned()));
                }
                lexicon.add(term.trim(), Entry::Negator).map_err(err)?;
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let [term, value] = fields[..] else {
                return Err(err(format!(
                    "expected TERM<TAB>VALUE, got {} field(s): {line:?}",
                    fields.len()
                )));
            };
            let (term, value) = (term.trim(), value.trim());
            if let Some(term) = term.strip_prefix('+') {
                let factor = parse_factor(value).ok_or_else(|| {
                    err(format!(
                        "factor {value:?} must be a multiple of 0.25 in 0.25..4, like 1.5"
                    ))
                })?;
                lexicon
                    .add(term.trim(), Entry::Intensifier(factor))
                    .map_err(err)?;
                continue;
            }
            let score = parse_score(value)
                .ok_or_else(|| err(format!("score {value:?} is not an integer in -3..3")))?;
            lexicon.add(term, Entry::Term(score)).map_err(err)?;
        }
        Ok(lexicon)
    }

    /// Adds the user's words (roi.toml), replacing built-in entries of the same term.
    pub fn extend(&mut self, words: &[(String, i32)]) -> Result<(), String> {
        for (term, score) in words {
            if !(-3..=3).contains(score) {
                return Err(format!("score {score} of {term:?} is outside -3..3"));
            }
            let key = tokenize(term);
            if key.is_empty() || key.len() > MAX_PHRASE_TOKENS {
                return Err(format!("{term:?} must be 1 to {MAX_PHRASE_TOKENS} words"));
            }
            self.table.insert(key, Entry::Term(*score));
        }
        Ok(())
    }

    fn add(&mut self, term: &str, entry: Entry) -> Result<(), String> {
        let key = tokenize(term);
        if key.is_empty() {
            return Err(format!("term {term:?} has no tokens"));
        }
        if key.len() > MAX_PHRASE_TOKENS {
            return Err(format!(
                "term {term:?} has {} tokens, at most {MAX_PHRASE_TOKENS}",
                key.len()
            ));
        }
        if self.table.insert(key, entry).is_some() {
            return Err(format!("term {term:?} duplicates an earlier entry"));
        }
        Ok(())
    }

    /// The text's score: the sum of its terms' scores.
    /// Whether any word or phrase of `text` is in the list.
    pub fn knows_any(&self, text: &str) -> bool {
        let tokens = tokenize(text);
        (0..tokens.len()).any(|i| {
            (1..=MAX_PHRASE_TOKENS.min(tokens.len() - i))
                .any(|n| self.table.contains_key(&tokens[i..i + n]))
        })
    }

    pub fn score(&self, text: &str) -> f64 {
        let tokens = tokenize(text);
        // Greedy, longest first: (entry or none, first token, end).
        let mut units: Vec<(Option<Entry>, usize, usize)> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let longest = (1..=MAX_PHRASE_TOKENS.min(tokens.len() - i))
                .rev()
                .find_map(|n| self.table.get(&tokens[i..i + n]).map(|e| (*e, n)));
            match longest {
                Some((entry, n)) => {
                    units.push((Some(entry), i, i + n));
                    i += n;
                }
                None => {
                    units.push((None, i, i + 1));
                    i += 1;
                }
            }
        }
        let mut total = 0.0;
        for (k, &(entry, start, _)) in units.iter().enumerate() {
            let Some(Entry::Term(score)) = entry else {
                continue;
            };
            if score == 0 {
                continue;
            }
            let mut s = f64::from(score);
            if let Some(&(Some(Entry::Intensifier(factor)), _, _)) =
                k.checked_sub(1).map(|j| &units[j])
            {
                s *= factor;
            }
            let window = start.saturating_sub(NEGATION_WINDOW);
            let negated = units[..k]
                .iter()
                .any(|&(e, from, to)| e == Some(Entry::Negator) && to > window && from < start);
            if negated {
                s = -s * NEGATION_FACTOR;
            }
            total += s;
        }
        total
    }
}

fn parse_score(text: &str) -> Option<i32> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().filter(|s| (-3..=3).contains(s))
}

fn parse_factor(text: &str) -> Option<f64> {
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !digits(int) || !digits(frac) || (text.contains('.') && frac.is_empty()) {
        return None;
    }
    let v: f64 = text.parse().ok()?;
    ((0.25..=4.0).contains(&v) && (v * 4.0).fract() == 0.0).then_some(v)
}

fn deleted(c: char) -> bool {
    matches!(u32::from(c), 0x200D | 0xFE00..=0xFE0F | 0x1F3FB..=0x1F3FF | 0x20E3)
}

fn is_word(c: char) -> bool {
    use GeneralCategory as G;
    matches!(
        get_general_category(c),
        G::UppercaseLetter
            | G::LowercaseLetter
            | G::TitlecaseLetter
            | G::ModifierLetter
            | G::OtherLetter
            | G::DecimalNumber
            | G::LetterNumber
            | G::OtherNumber
            | G::NonspacingMark
            | G::SpacingMark
            | G::EnclosingMark
    )
}

/// The tokens of a text: words (an apostrophe between letters stays inside) and
/// each emoji on its own.
pub fn tokenize(text: &str) -> Vec<String> {
    let normal: Vec<char> = text
        .nfc()
        .collect::<String>()
        .to_lowercase()
        .chars()
        .filter(|c| !deleted(*c))
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' => '\'',
            other => other,
        })
        .collect();
    let mut tokens = Vec::new();
    let mut word = String::new();
    for (i, &c) in normal.iter().enumerate() {
        if is_word(c) {
            word.push(c);
            continue;
        }
        if c == '\'' && !word.is_empty() && normal.get(i + 1).is_some_and(|n| is_word(*n)) {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            tokens.push(std::mem::take(&mut word));
        }
        if get_general_category(c) == GeneralCategory::OtherSymbol {
            tokens.push(c.to_string());
        }
    }
    if !word.is_empty() {
        tokens.push(word);
    }
    tokens
}

/// English and Vietnamese word lists, with the user's additions. The lists are read
/// when a text is first classified: most runs classify none, and start-up matters.
#[derive(Debug, Clone)]
pub struct Classifier {
    words: Vec<(String, i32)>,
    lexicons: std::sync::OnceLock<Lexicons>,
}

#[derive(Debug, Clone)]
struct Lexicons {
    english: Lexicon,
    vietnamese: Lexicon,
}

/// Letters only Vietnamese writes (tone marks and đ ă â ê ô ơ ư): a text with any
/// is read with the Vietnamese list.
fn looks_vietnamese(text: &str) -> bool {
    text.nfc().any(|c| {
        matches!(
            c.to_lowercase().next().unwrap_or(c),
            'đ' | 'ă'
                | 'â'
                | 'ê'
                | 'ô'
                | 'ơ'
                | 'ư'
                | 'ạ'
                | 'ả'
                | 'ấ'
                | 'ầ'
                | 'ẩ'
                | 'ẫ'
                | 'ậ'
                | 'ắ'
                | 'ằ'
                | 'ẳ'
                | 'ẵ'
                | 'ặ'
                | 'ẹ'
                | 'ẻ'
                | 'ẽ'
                | 'ế'
                | 'ề'
                | 'ể'
                | 'ễ'
                | 'ệ'
                | 'ỉ'
                | 'ị'
                | 'ọ'
                | 'ỏ'
                | 'ố'
                | 'ồ'
                | 'ổ'
                | 'ỗ'
                | 'ộ'
                | 'ớ'
                | 'ờ'
                | 'ở'
                | 'ỡ'
                | 'ợ'
                | 'ụ'
                | 'ủ'
                | 'ứ'
                | 'ừ'
                | 'ử'
                | 'ữ'
                | 'ự'
                | 'ỳ'
                | 'ỵ'
                | 'ỷ'
                | 'ỹ'
                | 'ĩ'
                | 'ũ'
        )
    })
}

impl Classifier {
    /// The built-in lists, extended by `words` (term → score −3…3).
    pub fn new(words: &[(String, i32)]) -> Result<Classifier, String> {
        // The user's words are checked now, where a mistake in roi.toml is reported.
        Lexicon::default().extend(words)?;
        Ok(Classifier {
            words: words.to_vec(),
            lexicons: std::sync::OnceLock::new(),
        })
    }

    fn lexicons(&self) -> &Lexicons {
        self.lexicons.get_or_init(|| {
            let read = |name, text| {
                let mut lexicon =
                    Lexicon::parse(name, text).expect("the built-in word lists parse");
                lexicon
                    .extend(&self.words)
                    .expect("the user's words were checked by Classifier::new");
                lexicon
            };
            Lexicons {
                english: read("lexicon.en.txt", include_str!("lexicon.en.txt")),
                vietnamese: read("lexicon.vi.txt", include_str!("lexicon.vi.txt")),
            }
        })
    }

    /// The estimated sentiment of a text, and its score: with the Vietnamese list when
    /// it has letters only Vietnamese writes, else with the English one, unless that
    /// knows none of its words and the text is short or has accented letters
    /// (`Thích`, `Ngon`, `Chán` have none only Vietnamese writes; "We sang along the
    /// whole time" stays English, though `sang` is a Vietnamese word).
    pub fn classify(&self, text: &str) -> (Sentiment, f64) {
        let lexicons = self.lexicons();
        let vietnamese = looks_vietnamese(text)
            || (!lexicons.english.knows_any(text)
                && (!text.is_ascii() || tokenize(text).len() <= 2));
        let score = if vietnamese {
            lexicons.vietnamese.score(text)
        } else {
            lexicons.english.score(text)
        };
        let label = if score >= 1.0 {
            Sentiment::Positive
        } else if score <= -1.0 {
            Sentiment::Negative
        } else {
            Sentiment::Neutral
        };
        (label, score)
    }

    /// Scores a text with one language's list (for the tests against score.py).
    pub fn score_in(&self, lang: &str, text: &str) -> f64 {
        let lexicons = self.lexicons();
        if lang == "vi" {
            lexicons.vietnamese.score(text)
        } else {
            lexicons.english.score(text)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        assert_eq!(
            tokenize("Don’t BUY!!👍🏽good👍"),
            ["don't", "buy", "👍", "good", "👍"]
        );
        assert_eq!(
            tokenize("Giao hàng nhanh ❤️"),
            ["giao", "hàng", "nhanh", "❤"]
        );
        assert_eq!(tokenize("well-made, 10/10"), ["well", "made", "10", "10"]);
    }

    #[test]
    fn labels() {
        assert_eq!(parse_label("POSITIVE"), Some(Sentiment::Positive));
        assert_eq!(parse_label("Tiêu cực"), Some(Sentiment::Negative));
        // Decomposed (NFD), as some tools write Vietnamese.
        assert_eq!(
            parse_label("Ti\u{65}\u{302}u cu\u{31b}\u{323}c"),
            Some(Sentiment::Negative)
        );
        assert_eq!(parse_label("Not Rated"), Some(Sentiment::Unrated));
        assert_eq!(parse_label("-0.4"), Some(Sentiment::Negative));
        assert_eq!(parse_label("0"), Some(Sentiment::Neutral));
        assert_eq!(parse_label("great"), None);
    }

    #[test]
    fn negation_and_intensifiers() {
        let lex = Lexicon::parse("t", "good\t2\nbad\t-2\n!not\n+very\t1.5\n").unwrap();
        assert_eq!(lex.score("good"), 2.0);
        assert_eq!(lex.score("very good"), 3.0);
        assert_eq!(lex.score("not good"), -1.0);
        assert_eq!(lex.score("not very good"), -1.5);
        assert_eq!(lex.score("not bad at all"), 1.0);
        assert_eq!(lex.score("not that it was really good"), 2.0);
    }

    #[test]
    fn word_list_errors_name_the_line() {
        let e = Lexicon::parse("x.txt", "# c\ngood\t9\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.txt:2: score \"9\" is not an integer in -3..3"
        );
        assert!(Lexicon::parse("x.txt", "good\t1\ngood\t2\n").is_err());
        assert!(Lexicon::parse("x.txt", "+very\t1.3\n").is_err());
        assert!(Lexicon::parse("x.txt", "!not\t1\n").is_err());
    }

    #[test]
    fn built_in_lists_load() {
        let c = Classifier::new(&[("xịn sò".to_owned(), 3)]).unwrap();
        assert_eq!(c.classify("Áo xịn sò").0, Sentiment::Positive);
        assert_eq!(
            c.classify("Terrible service, never again").0,
            Sentiment::Negative
        );
    }
}
