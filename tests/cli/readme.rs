//! The README's quick tour is real output: every `$ roi …` command in its console
//! blocks (those without a pipe) is run and must print exactly what the README shows.
//! `ROI_UPDATE_README=1 cargo test --test cli readme` rewrites the outputs in place.

use crate::{roi, root, stdout};

#[test]
fn readme_console_blocks_are_true() {
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let update = std::env::var_os("ROI_UPDATE_README").is_some();
    let mut rewritten = String::new();
    let mut checked = 0;
    let mut in_block = false;
    // The command being checked, and the README's lines of its output.
    let mut command: Option<String> = None;
    let mut shown = String::new();
    let mut flush = |command: &mut Option<String>, shown: &mut String, rewritten: &mut String| {
        if let Some(c) = command.take() {
            let args = shell_words(&c);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let actual = stdout(&roi(&args));
            if update {
                rewritten.push_str(actual.trim_end());
                rewritten.push('\n');
                // Keep a blank line that separated this output from the next command.
                if shown.ends_with("\n\n") {
                    rewritten.push('\n');
                }
            } else {
                assert_eq!(actual.trim_end(), shown.trim_end(), "README: `roi {c}`");
            }
            checked += 1;
        } else {
            rewritten.push_str(shown);
        }
        shown.clear();
    };
    for line in readme.lines() {
        if !in_block {
            rewritten.push_str(line);
            rewritten.push('\n');
            in_block = line.starts_with("```console");
            continue;
        }
        let end = line.starts_with("```");
        let next = line.strip_prefix("$ ");
        if end || next.is_some() {
            flush(&mut command, &mut shown, &mut rewritten);
        }
        if end {
            in_block = false;
            rewritten.push_str(line);
            rewritten.push('\n');
            continue;
        }
        if let Some(c) = next {
            rewritten.push_str(line);
            rewritten.push('\n');
            let c = c.split('#').next().unwrap_or(c).trim();
            if let Some(args) = c.strip_prefix("roi ").filter(|a| !a.contains('|')) {
                command = Some(args.to_owned());
            }
            continue;
        }
        shown.push_str(line);
        shown.push('\n');
    }
    if update {
        std::fs::write(&path, rewritten).unwrap();
    }
    assert!(checked >= 4, "only {checked} README commands were checked");
}

/// Splits a command line on spaces, keeping double-quoted words together.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}
