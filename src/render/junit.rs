//! JUnit XML for CI test reporters (GitLab, Jenkins, GitHub): one test case per
//! goal. Goals that fail the check are failures; goals not yet started or without
//! data are skipped; everything else passes, with its figures in the output. The
//! suite's output says what was read: rows skipped or replaced, each file's warnings.

use std::io::{self, Write};

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use super::{goal_current, goal_value};
use crate::goals::{self, GoalResult, Status};
use crate::i18n::Lang;

fn summary(g: &GoalResult) -> String {
    let target = g.target.map_or("n/a".to_owned(), |t| {
        format!("{} {}", g.direction, goal_value(g, Some(t), Lang::En))
    });
    format!(
        "{}: current {}, target {target}, forecast {}, status {} (as of {}, window {} ..= {})",
        g.title,
        goal_current(g, Lang::En),
        goal_value(g, g.forecast, Lang::En),
        g.status.word(),
        g.as_of,
        g.start,
        g.deadline
    )
}

pub fn goals(
    name: &str,
    goals: &[GoalResult],
    failed: &[String],
    inputs: &crate::report::Inputs,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut report = Report::new(name);
    let mut suite = TestSuite::new("goals");
    // What was read, and each file's skipped rows and warnings: a CI reporter shows
    // the suite's output, and a figure left out must not go unsaid.
    let (line, items) = super::input_lines(inputs, Lang::En);
    let mut read = format!("{line}.\n");
    for item in items {
        read.push_str(item.trim());
        read.push('\n');
    }
    suite.set_system_out(read);
    for g in goals {
        // The goal's notes (bounds, stale or partial data, platforms left out) go
        // with its reason: a CI reporter shows nothing else.
        let details = std::iter::once(g.reason.clone())
            .chain(goals::notes(g, Lang::En))
            .collect::<Vec<_>>()
            .join("\n");
        let status = if failed.contains(&g.id) {
            let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
            s.set_message(summary(g));
            s.set_type(g.status.word());
            s.set_description(details.clone());
            s
        } else if matches!(g.status, Status::NotStarted | Status::NoData) {
            let mut s = TestCaseStatus::skipped();
            s.set_message(format!("{}: {}", g.status.word(), g.reason));
            s
        } else {
            TestCaseStatus::success()
        };
        let mut case = TestCase::new(g.id.clone(), status);
        case.set_classname(format!("roi.{}", g.kpi));
        case.set_system_out(format!("{}\n{details}\n", summary(g)));
        suite.add_test_case(case);
    }
    report.add_test_suite(suite);
    // Serialized first, so that a closed pipe comes back as the io error it is.
    let xml = report.to_string().map_err(io::Error::other)?;
    // quick-junit ends the document with its own newline: one, as every format.
    writeln!(out, "{}", xml.trim_end())
}
