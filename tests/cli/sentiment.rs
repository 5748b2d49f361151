//! Sentiment: the Rust estimate agrees with the reference scorer
//! (fixtures/sentiment/score.py) on every hand-labelled text, and the accuracy the
//! docs state is the accuracy measured here.

use roi::sentiment::{Classifier, Sentiment};

use crate::{python, root};

/// (lang, label, text) of the hand-labelled set.
fn labelled() -> Vec<(String, String, String)> {
    let mut reader =
        csv::Reader::from_path(root().join("fixtures/sentiment/labelled.csv")).unwrap();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_owned(), r[1].to_owned(), r[2].to_owned())
        })
        .collect()
}

#[test]
fn the_estimate_matches_the_reference_scorer_exactly() {
    let out = std::process::Command::new(python())
        .arg(root().join("fixtures/sentiment/score.py"))
        .arg("--scores")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .from_reader(text.as_bytes());
    let classifier = Classifier::new(&[]).unwrap();
    let mut rows = 0;
    for r in reader.records() {
        let r = r.unwrap();
        let (lang, score, text) = (&r[0], r[1].parse::<f64>().unwrap(), &r[3]);
        assert_eq!(classifier.score_in(lang, text), score, "{lang}: {text}");
        rows += 1;
    }
    assert_eq!(rows, labelled().len());
}

#[test]
fn the_stated_accuracy_is_the_measured_one() {
    let classifier = Classifier::new(&[]).unwrap();
    let mut lines = Vec::new();
    for lang in ["en", "vi"] {
        let rows: Vec<_> = labelled().into_iter().filter(|r| r.0 == lang).collect();
        let right = rows
            .iter()
            .filter(|(lang, label, text)| {
                let score = classifier.score_in(lang, text);
                let predicted = if score >= 1.0 {
                    Sentiment::Positive
                } else if score <= -1.0 {
                    Sentiment::Negative
                } else {
                    Sentiment::Neutral
                };
                roi::sentiment::parse_label(label) == Some(predicted)
            })
            .count();
        lines.push(format!(
            "{lang}: {right}/{} = {:.1}%",
            rows.len(),
            100.0 * right as f64 / rows.len() as f64
        ));
    }
    // Lines are wrapped in the README: compare with whitespace runs as one space.
    let readme = std::fs::read_to_string(root().join("README.md"))
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for line in lines {
        assert!(readme.contains(&line), "README.md should state `{line}`");
    }
}

/// The figures worked by hand in fixtures/sentiment/README.md.
#[test]
fn mentions_sentiment_and_share_of_voice() {
    let out = crate::roi(&[
        "report",
        "--config",
        "fixtures/sentiment/roi.toml",
        "--kpi",
        "mentions,category_mentions,share_of_voice,positive_share,negative_share,net_sentiment,estimated_positive_share,estimated_net_sentiment",
        "--format",
        "json",
    ]);
    assert_eq!(crate::code(&out), 0, "{}", crate::transcript(&out));
    let report: serde_json::Value = serde_json::from_str(&crate::stdout(&out)).unwrap();
    let v = |k: &str| report["groups"][0]["values"][k]["value"].as_f64().unwrap();
    // The figures as JSON writes them: without a double's 17th digit.
    let want = roi::render::denoised;
    // Meltwater: 7 of our 10 mentions; comments: 8 more, all ours.
    assert_eq!(v("mentions"), 15.0);
    assert_eq!(v("category_mentions"), 18.0);
    assert_eq!(v("share_of_voice"), want(15.0 / 18.0));
    // Our rated Meltwater mentions: 4 positive, 1 neutral, 1 negative (1 not rated).
    assert_eq!(v("positive_share"), want(4.0 / 6.0));
    assert_eq!(v("negative_share"), want(1.0 / 6.0));
    assert_eq!(v("net_sentiment"), want((4.0 - 1.0) / (4.0 + 1.0)));
    // The comments, estimated: 4 positive, 2 neutral, 2 negative.
    assert_eq!(v("estimated_positive_share"), want(4.0 / 8.0));
    assert_eq!(
        v("estimated_net_sentiment"),
        want((4.0 - 2.0) / (4.0 + 2.0))
    );
}

#[test]
fn a_listening_export_is_recognised() {
    let out = crate::roi(&["inspect", "fixtures/sentiment/meltwater-mentions.csv"]);
    insta::assert_snapshot!(crate::transcript(&out));
}

#[test]
fn bad_sentiment_words_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("roi.toml"),
        "[sentiment]\nwords = { \"xịn\" = 5 }\n",
    )
    .unwrap();
    let out = crate::roi_in(dir.path(), &["kpis"]);
    assert_eq!(crate::code(&out), 2);
    assert!(
        crate::transcript(&out)
            .contains("`[sentiment] words`: score 5 of \"xịn\" is outside -3..3"),
        "{}",
        crate::transcript(&out)
    );
}

#[test]
fn an_unknown_label_is_a_counted_warning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("roi.toml"),
        "[[mappings]]\nper_row = \"mentions\"\ncolumns = { \"Date\" = \"date\", \"Tone\" = \"sentiment\" }\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("mentions.csv"),
        "Date,Tone\n2026-08-01,Positive\n2026-08-01,great\n2026-08-02,great\n2026-08-02,Negative\n",
    )
    .unwrap();
    let out = crate::roi_in(
        dir.path(),
        &[
            "report",
            "mentions.csv",
            "--kpi",
            "mentions,positive_share,net_sentiment",
        ],
    );
    assert_eq!(crate::code(&out), 0, "{}", crate::transcript(&out));
    let text = crate::transcript(&out);
    // Four mentions; two rated (1 positive, 1 negative); two with an unknown label.
    assert!(text.contains("| mentions       |      4 |"), "{text}");
    assert!(text.contains("50.00%"), "{text}");
    assert!(
        text.contains(
            "2 row(s) from line 3: sentiment `great` in column `Tone` is not one roi knows"
        ),
        "{text}"
    );
}

/// Vietnamese comments whose only accents Western languages also write (`Thích`,
/// `Chán`) or that have none (`Ngon`) are read with the Vietnamese list when the
/// English one knows none of their words. Hand labels (the Vietnamese list): Không
/// thích −, Thích +, Chán −, Tôi thích +, Ngon +, Không ngon −: positive 3 of 6 = 50 %,
/// net (3 − 3) / 6 = 0.
#[test]
fn vietnamese_comments_without_vietnamese_only_letters() {
    use Sentiment::{Negative, Positive};
    let c = Classifier::new(&[]).unwrap();
    let labels: Vec<Sentiment> = [
        "Không thích",
        "Thích",
        "Chán",
        "Tôi thích",
        "Ngon",
        "Không ngon",
    ]
    .iter()
    .map(|t| c.classify(t).0)
    .collect();
    assert_eq!(
        labels,
        [Negative, Positive, Negative, Positive, Positive, Negative]
    );
    // English keeps its list: "good" and "not good"; a text it knows words of scores
    // with it even at 0 (love +3, hate −3), and a longer plain-ASCII text it knows
    // nothing of stays English (`sang` is a Vietnamese word, not this one's).
    assert_eq!(c.classify("good").0, Positive);
    assert_eq!(c.classify("not good").0, Negative);
    assert_eq!(
        c.classify("Love the design, hate the price").0,
        Sentiment::Neutral
    );
    assert_eq!(
        c.classify("We sang along the whole time").0,
        Sentiment::Neutral
    );
}
