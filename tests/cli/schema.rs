//! The JSON output is public: its schemas are published in `docs/schema/`, kept in
//! step with the code by this test, and every command's real output is validated
//! against them by an independent validator (Python `jsonschema`). Objects allow no
//! undocumented fields.

use crate::{code, roi, root, run_python};

fn strict(mut value: serde_json::Value) -> serde_json::Value {
    fn walk(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                    map.insert("additionalProperties".into(), false.into());
                }
                map.values_mut().for_each(walk);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    walk(&mut value);
    value
}

fn schemas() -> Vec<(&'static str, serde_json::Value)> {
    use roi::report::{CheckResult, Explanation, KpiAnswer, KpiList, Report};
    fn of<T: schemars::JsonSchema>() -> serde_json::Value {
        // Output schemas: fields skipped when empty are not required.
        let generator = schemars::generate::SchemaSettings::draft2020_12()
            .for_serialize()
            .into_generator();
        strict(generator.into_root_schema_for::<T>().to_value())
    }
    vec![
        ("report", of::<Report>()),
        ("check", of::<CheckResult>()),
        ("kpi", of::<KpiAnswer>()),
        ("kpis", of::<KpiList>()),
        ("explain", of::<Explanation>()),
        ("insights", of::<roi::insights::Insights>()),
    ]
}

#[test]
fn published_schemas_match_the_code() {
    let update = std::env::var_os("ROI_UPDATE_SCHEMAS").is_some();
    for (name, schema) in schemas() {
        let path = root()
            .join("docs/schema")
            .join(format!("{name}.schema.json"));
        let text = serde_json::to_string_pretty(&schema).unwrap() + "\n";
        if update {
            std::fs::write(&path, &text).unwrap();
        }
        let published = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            published == text,
            "{} is out of date; run `ROI_UPDATE_SCHEMAS=1 cargo test --test cli schema` and review the diff",
            path.display()
        );
    }
}

#[test]
fn every_command_output_validates_against_its_schema() {
    let goals = "fixtures/goals/roi.toml";
    let kpis = "fixtures/kpis/roi.toml";
    let cases: Vec<(&str, Vec<&str>)> = vec![
        (
            "report",
            vec!["report", "--config", goals, "--as-of", "2026-08-20"],
        ),
        (
            "report",
            vec![
                "report",
                "--config",
                goals,
                "--as-of",
                "2026-08-20",
                "--by",
                "platform,month",
            ],
        ),
        (
            "report",
            vec!["report", "--config", kpis, "--where", "platform=facebook"],
        ),
        ("report", vec!["report", "fixtures/overlap"]),
        (
            "report",
            vec!["report", "fixtures/insights/instagram-content.csv"],
        ),
        (
            "insights",
            vec!["insights", "fixtures/insights/instagram-content.csv"],
        ),
        (
            "insights",
            vec![
                "insights",
                "fixtures/importers/tweet_activity_metrics_shop_20150901_20151001_en.csv",
            ],
        ),
        (
            "check",
            vec!["check", "--config", goals, "--as-of", "2026-08-20"],
        ),
        (
            "check",
            vec!["check", "--config", goals, "--as-of", "2026-07-01"],
        ),
        ("kpi", vec!["kpi", "reach", "--config", kpis]),
        (
            "kpi",
            vec!["kpi", "ctr", "--config", goals, "--from", "2026-08-01"],
        ),
        ("kpis", vec!["kpis"]),
        (
            "explain",
            vec![
                "explain",
                "reach-aug",
                "--config",
                goals,
                "--as-of",
                "2026-08-20",
            ],
        ),
        (
            "explain",
            vec!["explain", "follower_growth_rate", "--config", kpis],
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec![];
    for (i, (schema, command)) in cases.iter().enumerate() {
        let mut command = command.clone();
        command.extend(["--format", "json"]);
        let out = roi(&command);
        assert!(
            code(&out) <= 1,
            "{command:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let file = dir.path().join(format!("{i}.json"));
        std::fs::write(&file, &out.stdout).unwrap();
        let schema = root()
            .join("docs/schema")
            .join(format!("{schema}.schema.json"));
        args.push(schema.to_string_lossy().into_owned());
        args.push(file.to_string_lossy().into_owned());
    }
    let script = r"
import json, sys
from jsonschema import Draft202012Validator
pairs = list(zip(sys.argv[1::2], sys.argv[2::2]))
for schema_path, doc_path in pairs:
    schema = json.load(open(schema_path))
    doc = json.load(open(doc_path))
    errors = list(Draft202012Validator(schema).iter_errors(doc))
    if errors:
        print(doc_path, schema_path, [e.message for e in errors[:3]], file=sys.stderr)
        sys.exit(1)
    assert doc['schema_version'] == 1
print(len(pairs), 'documents valid')
";
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = run_python(script, &args);
    assert_eq!(result.trim(), format!("{} documents valid", cases.len()));
}
