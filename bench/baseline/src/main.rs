//! The minimal program roi is measured against: parse roi's normalized CSV with the
//! csv crate's `ByteRecord` reader on one thread and sum the same columns per
//! (platform, campaign), money exactly in millionths. Prints CSV, sorted.

use std::collections::BTreeMap;

const SUMMED: [&str; 10] = [
    "impressions", "reach", "likes", "comments", "shares", "saves", "link_clicks", "spend",
    "leads", "revenue",
];

/// A decimal field as millionths, without allocating; empty is 0.
fn millionths(field: &[u8]) -> i64 {
    let (mut int, mut frac, mut digits, mut seen_dot) = (0i64, 0i64, 0, false);
    for &b in field {
        match b {
            b'.' => seen_dot = true,
            b'0'..=b'9' if !seen_dot => int = int * 10 + i64::from(b - b'0'),
            b'0'..=b'9' if digits < 6 => {
                frac = frac * 10 + i64::from(b - b'0');
                digits += 1;
            }
            _ => {}
        }
    }
    while digits < 6 {
        frac *= 10;
        digits += 1;
    }
    int * 1_000_000 + frac
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: roi-bench-baseline FILE");
    let mut reader = csv::Reader::from_path(path).expect("readable CSV");
    let header = reader.byte_headers().expect("a header").clone();
    let index = |name: &str| header.iter().position(|h| h == name.as_bytes()).expect(name);
    let (platform, campaign) = (index("platform"), index("campaign"));
    let columns: Vec<usize> = SUMMED.iter().map(|c| index(c)).collect();
    let mut groups: BTreeMap<(Vec<u8>, Vec<u8>), [i64; 10]> = BTreeMap::new();
    let mut record = csv::ByteRecord::new();
    while reader.read_byte_record(&mut record).expect("valid CSV") {
        let key = (record[platform].to_vec(), record[campaign].to_vec());
        let sums = match groups.get_mut(&key) {
            Some(s) => s,
            None => groups.entry(key).or_insert([0; 10]),
        };
        for (sum, &i) in sums.iter_mut().zip(&columns) {
            *sum += millionths(&record[i]);
        }
    }
    let mut out = csv::Writer::from_writer(std::io::stdout().lock());
    let mut head = vec!["platform".to_owned(), "campaign".to_owned()];
    head.extend(SUMMED.iter().map(|s| (*s).to_owned()));
    out.write_record(&head).expect("stdout");
    for ((p, c), sums) in groups {
        let mut row = vec![String::from_utf8_lossy(&p).into_owned(), String::from_utf8_lossy(&c).into_owned()];
        row.extend(sums.iter().map(|m| format!("{}.{:06}", m / 1_000_000, m % 1_000_000)));
        out.write_record(&row).expect("stdout");
    }
    out.flush().expect("stdout");
}
