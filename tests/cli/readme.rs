//! The README's quick tour is real output: every `$ roi …` command in its console
//! blocks (those without a pipe) is run and must print exactly what the README shows.

use crate::{roi, root, stdout};

#[test]
fn readme_console_blocks_are_true() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut checked = 0;
    let mut in_block = false;
    let mut command: Option<String> = None;
    let mut expected = String::new();
    let run = |command: &str, expected: &str| {
        let args: Vec<String> = shell_words(command);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = roi(&args);
        assert_eq!(
            stdout(&out).trim_end(),
            expected.trim_end(),
            "README: `roi {command}`"
        );
    };
    for line in readme.lines() {
        if line.starts_with("```console") {
            in_block = true;
            continue;
        }
        if !in_block {
            continue;
        }
        let end = line.starts_with("```");
        let next = line.strip_prefix("$ ");
        if end || next.is_some() {
            if let Some(c) = command.take() {
                run(&c, expected.trim_end_matches('\n').trim_end_matches('\n'));
                checked += 1;
            }
            expected.clear();
        }
        if end {
            in_block = false;
            continue;
        }
        match next {
            Some(c) => {
                let c = c.split('#').next().unwrap_or(c).trim();
                if let Some(args) = c.strip_prefix("roi ").filter(|a| !a.contains('|')) {
                    command = Some(args.to_owned());
                }
            }
            None if command.is_some() => {
                expected.push_str(line);
                expected.push('\n');
            }
            None => {}
        }
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
