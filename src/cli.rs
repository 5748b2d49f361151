//! The command line, as clap derive structs. Nothing here decides anything: the
//! values are validated into typed settings by [`crate::run`].

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::i18n::{self, Lang};

use crate::goals::FailOn;
use crate::render::Format;
use crate::report::TrendGrain;

const EXIT_CODES: &str = "\
Exit codes:
  0  success; every goal passes (check, status)
  1  a goal fails: behind or missed by default, see --fail-on (check, status)
  2  usage, configuration or input error

Colour only on a terminal, never with NO_COLOR or TERM=dumb unless --color always. `-` as an input reads standard input.";

#[derive(Debug, Parser)]
#[command(
    name = "roi",
    version,
    about = "Turn social and ad platform exports into KPIs, goal progress and a CI gate",
    long_about = "Turn social and ad platform exports into honest answers: KPIs computed as ratios of sums, \
                  goals with deadlines, forecasts, and a gate for CI.\n\n\
                  Without --config, roi reads ./roi.toml when it exists.",
    after_help = EXIT_CODES
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

// Command-line switches are booleans by nature.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Configuration file [default: ./roi.toml when it exists]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Evaluate goals as of this date (YYYY-MM-DD) [default: today]
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Output format
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// When to use colour (auto: never when NO_COLOR is set or TERM=dumb)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// ASCII tables, progress bars and sparklines, even on a terminal
    #[arg(long, global = true)]
    pub ascii: bool,
    /// Treat every skipped row, and every value read but not counted, as an error
    #[arg(long, global = true)]
    pub strict: bool,
    /// Print nothing on stdout; the exit code tells the result
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Write the output to this file (atomically) instead of stdout (`-`: stdout); a
    /// folder for --format parquet
    #[arg(long, short, global = true, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Year of exports whose dates have no year (TikTok) [default: `year` of roi.toml,
    /// else the file name or its modification date]
    #[arg(long, global = true, value_name = "YEAR", value_parser = parse_year)]
    pub year: Option<i32>,
    /// Language of tables, notes and Markdown [default: `lang` of roi.toml, else
    /// LC_ALL / LC_MESSAGES / LANG, else en]; JSON, CSV and `roi status` never change
    #[arg(long, global = true, value_enum)]
    pub lang: Option<crate::i18n::Lang>,
    /// Overwrite files that roi writes (--output, init)
    #[arg(long, global = true)]
    pub force: bool,
    /// Threads for reading: with 2 or more, a large file is parsed on one while its
    /// rows are built on another; results are the same [default: the CPUs available]
    #[arg(long, global = true, value_name = "N", value_parser = parse_threads)]
    pub threads: Option<std::num::NonZeroUsize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args, Clone, Default)]
pub struct Selection {
    /// Only rows whose dimension has this value (case-insensitive); repeat for more
    /// conditions, separate alternatives with `|`: --where platform=facebook|instagram
    /// (a key given twice takes either value, as `|` does)
    #[arg(long = "where", value_name = "KEY=VALUE")]
    pub filters: Vec<String>,
    /// First date to include (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<NaiveDate>,
    /// Last date to include (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// KPI summary and goal-progress tables
    #[command(after_help = "Examples:
  roi report                                  # inputs and goals from ./roi.toml
  roi report exports/ --by platform           # a folder of exports, no config needed
  roi report --by month --where platform=facebook --from 2026-07-01
  roi report --format json > report.json")]
    Report {
        /// Export files or folders [default: `inputs` of roi.toml]
        #[arg(value_name = "INPUT")]
        inputs: Vec<String>,
        /// Group by: platform, campaign, content_type, any dimension, day, week, month
        /// (comma-separated or repeated)
        #[arg(long, value_name = "KEY", value_delimiter = ',')]
        by: Vec<String>,
        /// KPIs to show (comma-separated or repeated) [default: those with a value]
        #[arg(long = "kpi", value_name = "NAME", value_delimiter = ',')]
        kpis: Vec<String>,
        /// Period of the trend series (sparklines, HTML charts, `trend` in JSON): auto
        /// takes days up to two months of data, weeks up to two years, months beyond
        #[arg(long, value_enum, value_name = "PERIOD", default_value_t = TrendGrain::Auto)]
        trend: TrendGrain,
        #[command(flatten)]
        selection: Selection,
    },
    /// Fail (exit 1) when any goal is behind or missed: the CI gate
    #[command(after_help = "Examples:
  roi check                       # exit 0 when every goal passes, 1 otherwise
  roi check --as-of 2026-08-31 --format markdown")]
    Check {
        /// Export files or folders [default: `inputs` of roi.toml]
        #[arg(value_name = "INPUT")]
        inputs: Vec<String>,
        /// The lowest status that fails [default: `fail_on` of roi.toml, else behind]
        #[arg(long, value_enum)]
        fail_on: Option<FailOn>,
        /// Check only this goal (repeatable)
        #[arg(long = "goal", value_name = "ID")]
        goals: Vec<String>,
        /// Check only goals with this tag (repeatable)
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
    },
    /// Print one goal's status word (achieved, on_track, at_risk, behind, missed,
    /// not_started, no_data); exit code as `check`
    #[command(after_help = "Example:
  if [ \"$(roi status fb-reach-aug)\" = achieved ]; then echo done; fi")]
    Status {
        /// The goal's `id` in roi.toml
        goal: String,
        /// The lowest status that fails [default: `fail_on` of roi.toml, else behind]
        #[arg(long, value_enum)]
        fail_on: Option<FailOn>,
    },
    /// Print one KPI's value as a plain number (or n/a)
    #[command(after_help = "Examples:
  roi kpi cpl --where platform=facebook
  roi kpi engagement_rate exports/ --from 2026-08-01 --to 2026-08-31
  roi kpi emv --format json")]
    Kpi {
        /// KPI (see `roi kpis`) or metric name
        name: String,
        /// Export files or folders [default: `inputs` of roi.toml]
        #[arg(value_name = "INPUT")]
        inputs: Vec<String>,
        #[command(flatten)]
        selection: Selection,
    },
    /// What content works: engagement by content type, length, weekday and hour of
    /// publication; the best and worst posts
    #[command(after_help = "Examples:
  roi insights exports/
  roi insights --where platform=instagram --from 2026-07-01 --rank-by engagements
  roi insights --format json | jq '.by_content_type'")]
    Insights {
        /// Export files or folders [default: `inputs` of roi.toml]
        #[arg(value_name = "INPUT")]
        inputs: Vec<String>,
        /// Order the best and worst posts by this KPI [default: `rank_by` of
        /// [insights] in roi.toml, else engagement_rate]
        #[arg(long, value_name = "KPI")]
        rank_by: Option<String>,
        /// Fewest posts a group needs to be ranked [default: `min_posts` of
        /// [insights], else 5]
        #[arg(long, value_name = "N")]
        min_posts: Option<u64>,
        /// How many best and worst posts to list, 1 or more [default: `top` of
        /// [insights], else 5]
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
        top: Option<u64>,
        #[command(flatten)]
        selection: Selection,
    },
    /// Show how a goal's or KPI's figure came about: formula, sums, files, rows
    #[command(after_help = "Examples:
  roi explain fb-reach-aug        # a goal of roi.toml
  roi explain cpl --where platform=facebook exports/")]
    Explain {
        /// A goal id of roi.toml, or a KPI or metric name (`kpi:NAME` or `goal:ID`
        /// when a goal has a KPI's name)
        subject: String,
        /// Export files or folders [default: `inputs` of roi.toml]
        #[arg(value_name = "INPUT")]
        inputs: Vec<String>,
        #[command(flatten)]
        selection: Selection,
    },
    /// Show how each export was read: format, encoding, header, column mapping,
    /// date range, rows read and skipped, warnings
    #[command(after_help = "Examples:
  roi inspect exports/
  roi inspect 'Campaign report.csv' --format json")]
    Inspect {
        /// Export files or folders [default: `inputs` of roi.toml]
        #[arg(value_name = "INPUT")]
        inputs: Vec<String>,
    },
    /// Write the normalized rows in roi's own format (CSV, or JSON with --format json),
    /// or as Parquet partitioned by platform and month (--format parquet --output DIR)
    #[command(after_help = "Examples:
  roi normalize exports/ > normalized.csv
  roi normalize exports/ --format json --output rows.json
  roi normalize exports/ --format parquet --output lake/roi")]
    Normalize {
        /// Export files or folders [default: `inputs` of roi.toml]
        #[arg(value_name = "INPUT")]
        inputs: Vec<String>,
    },
    /// Print one SQL query computing KPIs over roi's normalized rows with the columns
    /// of its Parquet files (`roi normalize --format parquet`, or a table loaded from
    /// them) in DuckDB, Spark, BigQuery or PostgreSQL, generated from the same formulas
    /// as `roi report`
    #[command(after_help = "Examples:
  roi sql --dialect duckdb --by platform --table \"read_parquet('rows/**/*.parquet', hive_partitioning = true)\"
  roi sql --dialect bigquery --by month --where platform=facebook cpl ctr roas
  roi sql --dialect spark --rollup day --by campaign > rollup.sql")]
    Sql {
        /// KPIs or canonical metrics to compute (a custom metric through a KPI of
        /// roi.toml) [default: every KPI of the catalogue]
        #[arg(value_name = "KPI")]
        names: Vec<String>,
        /// The SQL engine to write for
        #[arg(long, value_enum, default_value_t = crate::kpi::sql::Dialect::Duckdb)]
        dialect: crate::kpi::sql::Dialect,
        /// The table (or any FROM item, such as a Parquet scan) holding normalized rows
        /// with the columns of roi's Parquet files
        #[arg(long, value_name = "SQL", default_value = "roi_rows")]
        table: String,
        /// Group by: any dimension, day, week, month (comma-separated or repeated)
        #[arg(long, value_name = "KEY", value_delimiter = ',')]
        by: Vec<String>,
        /// Instead of KPIs, roll the rows up to roi's normalized format at this grain,
        /// keeping platform, account, currency, the --by dimensions and those the goals
        /// of roi.toml filter on
        #[arg(long, value_enum, value_name = "GRAIN")]
        rollup: Option<crate::kpi::sql::Rollup>,
        #[command(flatten)]
        selection: Selection,
    },
    /// List every KPI with its formula, unit and aggregation
    #[command(after_help = "Examples:
  roi kpis
  roi kpis --format json | jq -r '.kpis[].name'")]
    Kpis,
    /// Write a commented starter roi.toml (refuses to overwrite without --force)
    #[command(after_help = "Examples:
  roi init                 # ./roi.toml
  roi init -               # to stdout
  roi init marketing/roi.toml --force")]
    Init {
        /// Where to write it (`-` for stdout)
        #[arg(default_value = "roi.toml")]
        path: PathBuf,
    },
    /// Print a shell completion script
    #[command(after_help = "Example:
  roi completions bash > ~/.local/share/bash-completion/completions/roi")]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff)
    #[command(after_help = "Example:
  roi man > roi.1 && man ./roi.1")]
    Man,
}

impl Command {
    /// The `--format`s this command writes; empty when it ignores the flag.
    pub fn formats(&self) -> &'static [Format] {
        use Format::{Csv, Html, Json, Junit, Markdown, Parquet, Table};
        match self {
            Command::Report { .. } => &[Table, Json, Csv, Markdown, Junit, Html],
            Command::Check { .. } => &[Table, Json, Csv, Markdown, Junit],
            Command::Kpi { .. } | Command::Kpis => &[Table, Json, Csv, Markdown],
            Command::Insights { .. } => &[Table, Json, Markdown],
            Command::Explain { .. } | Command::Inspect { .. } => &[Table, Json],
            // `table`, the default, writes CSV.
            Command::Normalize { .. } => &[Table, Csv, Json, Parquet],
            // One word, SQL text, a file, a script, a man page: each has one form.
            Command::Status { .. }
            | Command::Sql { .. }
            | Command::Init { .. }
            | Command::Completions { .. }
            | Command::Man => &[Table],
        }
    }

    /// The subcommand's name, as typed.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Report { .. } => "report",
            Command::Check { .. } => "check",
            Command::Status { .. } => "status",
            Command::Kpi { .. } => "kpi",
            Command::Insights { .. } => "insights",
            Command::Explain { .. } => "explain",
            Command::Inspect { .. } => "inspect",
            Command::Normalize { .. } => "normalize",
            Command::Sql { .. } => "sql",
            Command::Kpis => "kpis",
            Command::Init { .. } => "init",
            Command::Completions { .. } => "completions",
            Command::Man => "man",
        }
    }
}

fn parse_year(text: &str) -> Result<i32, String> {
    text.trim()
        .parse()
        .ok()
        .filter(|y| crate::input::value::YEARS.contains(y))
        .ok_or_else(|| {
            crate::say!(
                "error.flag_year",
                value = text,
                first = crate::input::value::YEARS.start,
                last = crate::input::value::YEARS.end - 1
            )
        })
}

fn parse_threads(text: &str) -> Result<std::num::NonZeroUsize, String> {
    text.trim()
        .parse()
        .map_err(|_| crate::say!("error.flag_threads", value = text))
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| crate::say!("error.flag_date", value = text))?;
    let years = crate::input::value::YEARS;
    let year = chrono::Datelike::year(&date);
    if years.contains(&year) {
        Ok(date)
    } else {
        Err(crate::say!(
            "error.flag_date_year",
            value = text,
            year = year,
            first = years.start,
            last = years.end - 1
        ))
    }
}

/// Parses the command line, with `--help` in the reader's language (`--lang`, else
/// the environment), and exits on a usage error as clap does.
pub fn parse() -> Cli {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = lang_in_args(&args)
        .or_else(Lang::from_env)
        .unwrap_or_default();
    i18n::set_current(lang);
    let mut command = localize(Cli::command(), lang);
    let matches = command
        .try_get_matches_from_mut(args)
        .unwrap_or_else(|e| e.exit());
    let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.format(&mut command).exit());
    // `-` is stdout, as for every tool that writes files.
    if cli.global.output.as_deref() == Some(std::path::Path::new("-")) {
        cli.global.output = None;
    }
    cli
}

/// `--lang X` or `--lang=X` before clap has parsed anything, for the help text.
fn lang_in_args(args: &[std::ffi::OsString]) -> Option<Lang> {
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    args.iter().enumerate().find_map(|(i, a)| {
        if a == "--lang" {
            args.get(i + 1).and_then(|v| Lang::parse(v))
        } else {
            a.strip_prefix("--lang=").and_then(Lang::parse)
        }
    })
}

/// The help of every command and argument from the catalogue; English is the
/// definitions' own text.
pub fn localize(command: clap::Command, lang: Lang) -> clap::Command {
    if lang == Lang::En {
        return command;
    }
    localize_command(command, lang, true)
}

fn localize_command(command: clap::Command, lang: Lang, top: bool) -> clap::Command {
    let text = |key: &str| i18n::tr(lang, key, &[]);
    let about = if top {
        text("help.about")
    } else {
        text(&format!("help.command.{}", command.get_name()))
    };
    let after = command.get_after_help().map(|h| {
        let mut h = h
            .to_string()
            .replace("Examples:", &text("help.examples"))
            .replace("Example:", &text("help.examples"));
        for (english, key) in EXAMPLE_COMMENTS {
            h = h.replace(&format!("# {english}"), &format!("# {}", text(key)));
        }
        h
    });
    let positional = std::cell::Cell::new(0);
    let mut command = command
        .about(about)
        .long_about(None)
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            text("help.usage")
        ))
        .subcommand_help_heading(text("help.commands"))
        .mut_args(move |arg| {
            let key = format!("help.arg.{}", arg.get_id());
            let heading = if arg.is_positional() {
                text("help.arguments")
            } else {
                text("help.options")
            };
            // Under a heading of our own, clap sorts arguments by `display_order`:
            // positionals keep the order they are defined in (`<NAME> [INPUT]...`).
            let arg = if arg.is_positional() {
                positional.set(positional.get() + 1);
                arg.display_order(positional.get())
            } else {
                arg
            };
            let arg = arg.help(text(&key)).long_help(None).help_heading(heading);
            // Values described in --help are described in the reader's language; the
            // parser still gives the same type.
            match arg.get_id().as_str() {
                "format" => arg.value_parser(described::<Format>(lang, "format")),
                "fail_on" => arg.value_parser(described::<FailOn>(lang, "fail_on")),
                _ => arg,
            }
        });
    // The generated --help and --version flags take no translation: ours do the same.
    let flag = |id: &'static str, short: char, action: clap::ArgAction| {
        clap::Arg::new(id)
            .short(short)
            .long(id)
            .action(action)
            .help(text(&format!("help.arg.{id}")))
            .help_heading(text("help.options"))
    };
    command = command
        .disable_help_flag(true)
        .arg(flag("help", 'h', clap::ArgAction::Help));
    if top {
        command = command
            .after_help(text("help.exit_codes"))
            .disable_version_flag(true)
            .arg(flag("version", 'V', clap::ArgAction::Version));
    } else if let Some(after) = after {
        command = command.after_help(after);
    }
    command.mut_subcommands(|sub| localize_command(sub, lang, false))
}

/// The comments of the commands' examples, by catalogue key.
const EXAMPLE_COMMENTS: [(&str, &str); 5] = [
    (
        "inputs and goals from ./roi.toml",
        "help.example.inputs_from_config",
    ),
    (
        "a folder of exports, no config needed",
        "help.example.folder_without_config",
    ),
    (
        "exit 0 when every goal passes, 1 otherwise",
        "help.example.check_exit",
    ),
    ("a goal of roi.toml", "help.example.goal_of_config"),
    ("./roi.toml", "help.example.default_path"),
];

/// A parser of a value enum whose values' help (`junit: JUnit XML…`) comes from the
/// catalogue (`help.value.<arg>.<value>`).
fn described<E: clap::ValueEnum + Clone + Send + Sync + 'static>(
    lang: Lang,
    arg: &str,
) -> impl clap::builder::TypedValueParser<Value = E> {
    use clap::builder::TypedValueParser;
    let values: Vec<clap::builder::PossibleValue> = E::value_variants()
        .iter()
        .filter_map(clap::ValueEnum::to_possible_value)
        .map(|v| {
            let described = v.get_help().is_some();
            let key = format!("help.value.{arg}.{}", v.get_name());
            if described {
                v.help(i18n::tr(lang, &key, &[]))
            } else {
                v
            }
        })
        .collect();
    clap::builder::PossibleValuesParser::new(values)
        .try_map(|name: String| E::from_str(&name, false))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
        super::localize(super::Cli::command(), crate::i18n::Lang::Vi).debug_assert();
    }
}
