//! What `roi check` tells a CI system besides its exit code: on GitHub Actions, a
//! Markdown summary appended to `$GITHUB_STEP_SUMMARY` and a workflow annotation
//! per failing or at-risk goal (on stderr, so stdout stays the chosen format).

use std::io::Write;

use anyhow::Context;

use crate::goals::{GoalResult, Status};
use crate::report::CheckResult;

/// Escapes a workflow command's message (`%`, CR, LF).
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property (also `:` and `,`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The annotation for a goal, if it deserves one.
pub fn annotation(goal: &GoalResult, failed: bool) -> Option<String> {
    let level = if failed {
        "error"
    } else if matches!(
        goal.status,
        Status::AtRisk | Status::Behind | Status::Missed
    ) {
        "warning"
    } else {
        return None;
    };
    Some(format!(
        "::{level} title={}::{}",
        escape_property(&format!("roi: {} is {}", goal.id, goal.status.word())),
        escape_data(&format!("{}: {}", goal.title, goal.reason))
    ))
}

pub fn publish(check: &CheckResult, lang: crate::i18n::Lang) -> anyhow::Result<()> {
    if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
        let mut summary = Vec::new();
        crate::render::markdown_check(check, lang, &mut summary)?;
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .with_context(|| {
                format!("cannot append to $GITHUB_STEP_SUMMARY ({})", path.display())
            })?;
        file.write_all(&summary)
            .and_then(|()| file.write_all(b"\n"))
            .with_context(|| {
                format!("cannot append to $GITHUB_STEP_SUMMARY ({})", path.display())
            })?;
    }
    if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
        let stderr = std::io::stderr();
        let mut err = stderr.lock();
        for goal in &check.goals {
            if let Some(line) = annotation(goal, check.failed.contains(&goal.id)) {
                // A closed stderr loses the annotation, not the verdict.
                let _ = writeln!(err, "{line}");
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_commands_are_escaped() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a: b, c"), "a%3A b%2C c");
    }
}
