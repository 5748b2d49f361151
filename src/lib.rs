//! `roi` turns the analytics files marketers export from social and ad platforms
//! into KPIs, goal progress with deadlines, and a CI gate.
//!
//! Data flows one way: [`input`] finds and reads files, [`normalize`] maps rows onto
//! the model of [`model`] and removes overlap, [`dataset`] aggregates windows,
//! [`kpi`] evaluates formulas, [`goals`] judges progress, [`report`] gathers the
//! results and [`render`] formats them. [`run`] wires the command line to it.

/// A line on stderr. A closed or full stderr (`roi status g 2>&1 | true`) loses the
/// line: the verdict and exit code still stand, where `eprintln!` would panic.
macro_rules! stderr_line {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

pub mod ci;
pub mod cli;
pub mod dataset;
pub mod goals;
pub mod i18n;
pub mod input;
pub mod insights;
pub mod kpi;
pub mod model;
pub mod normalize;
pub mod render;
pub mod report;
pub mod sentiment;
pub mod settings;

rust_i18n::i18n!("locales", fallback = "en");

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, bail};
use chrono::NaiveDate;

use cli::{Cli, ColorChoice, Command};
use dataset::{Dataset, Filter, Window};
use model::Dimension;
use render::{Format, Style};
use settings::Config;

/// How a successful run ended, for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Success,
    /// Exit 1: a goal fails.
    GoalFailed,
}

/// Settings for one invocation: flags and roi.toml, validated once.
struct Settings {
    config: Config,
    as_of: NaiveDate,
    /// `--as-of` when given: rows not known by then do not replace rows that were
    /// (see [`normalize::Builder::known_by`]).
    known_by: Option<NaiveDate>,
    format: Format,
    style: Style,
    strict: bool,
    year: Option<i32>,
    /// Whether rows may be merged as they are read (see [`Settings::merged_on`]).
    /// `ROI_NO_MERGE=1` turns it off: a debugging aid to compare both ways.
    merge: bool,
    threads: Option<std::num::NonZeroUsize>,
}

/// Whether a terminal gets colour unless told: not with `NO_COLOR` set (to anything
/// but nothing), nor on a terminal that says it has none (`TERM=dumb`: Emacs'
/// shell, some CI consoles).
fn auto_color(env: impl Fn(&str) -> Option<std::ffi::OsString>) -> bool {
    env("NO_COLOR").is_none_or(|v| v.is_empty()) && env("TERM").is_none_or(|t| t != "dumb")
}

impl Settings {
    fn from_cli(cli: &Cli) -> anyhow::Result<Settings> {
        let config = Config::load(cli.global.config.as_deref(), cli.global.lang.is_some())?;
        let year = cli.global.year.or(config.year);
        let lang = resolve_lang(cli, &config);
        i18n::set_current(lang);
        let tty = std::io::stdout().is_terminal();
        let color = match cli.global.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tty && auto_color(|name| std::env::var_os(name)),
        };
        Ok(Settings {
            config,
            as_of: cli
                .global
                .as_of
                .unwrap_or_else(|| chrono::Local::now().date_naive()),
            known_by: cli.global.as_of,
            format: cli.global.format,
            style: Style {
                color,
                unicode: tty && !cli.global.ascii,
                fit_terminal: tty,
                lang,
            },
            strict: cli.global.strict,
            year,
            merge: std::env::var_os("ROI_NO_MERGE").is_none_or(|v| v.is_empty()),
            threads: cli.global.threads,
        })
    }

    /// What a command keeps of each row: it needs `dims` and the dimensions every
    /// goal filters on (platform, account and currency are always kept), so rows that
    /// differ only in others may be merged as they are read, to bound memory on huge
    /// exports. `None` when rows are to be kept as read.
    fn merged_on(&self, dims: impl IntoIterator<Item = Dimension>) -> Option<normalize::Keep> {
        let goals = self
            .config
            .goals
            .iter()
            .flat_map(|g| g.filter.conditions.iter().map(|(d, _)| *d));
        self.merge
            .then(|| normalize::Keep::new(dims.into_iter().chain(goals)))
    }

    /// Reads the inputs given on the command line, or those of roi.toml, merging rows
    /// on `merge` when given (see [`input::load`]).
    fn dataset(
        &self,
        inputs: &[String],
        merge: Option<normalize::Keep>,
    ) -> anyhow::Result<Dataset> {
        let (files, options) = self.inputs(inputs, merge)?;
        let dataset = input::load(&files, &options)?;
        self.check_names(&dataset)?;
        Ok(dataset)
    }

    /// The input files, and how to read them.
    fn inputs(
        &self,
        inputs: &[String],
        merge: Option<normalize::Keep>,
    ) -> anyhow::Result<(Vec<PathBuf>, input::ReadOptions)> {
        let (list, base) = if inputs.is_empty() {
            if self.config.inputs.is_empty() {
                bail!(say!("error.no_inputs"));
            }
            (
                &self.config.inputs[..],
                self.config.base_dir().to_path_buf(),
            )
        } else {
            (inputs, PathBuf::from("."))
        };
        let input::Expanded { files, not_read } = input::expand(list, &base)?;
        let accounts = self.input_accounts(&files)?;
        let options = input::ReadOptions {
            default_currency: self.config.currency.clone(),
            strict: self.strict,
            year: self.year,
            mappings: self.config.mappings.clone(),
            mentions: Some(self.config.mentions.clone()),
            merge,
            head_bytes: None,
            threads: self.threads,
            known_by: self.known_by,
            accounts,
            not_read,
        };
        Ok((files, options))
    }

    /// The accounts roi.toml's `inputs` give, for the files read: the same file
    /// named on the command line is that account's too.
    fn input_accounts(&self, files: &[PathBuf]) -> anyhow::Result<normalize::Accounts> {
        if self.config.accounts.is_empty() {
            return Ok(normalize::Accounts::default());
        }
        // Per file: how specifically an input names it, the account and the input.
        let mut given: rustc_hash::FxHashMap<PathBuf, (Rank, &String, &String)> =
            rustc_hash::FxHashMap::default();
        for (pattern, account) in &self.config.accounts {
            // A pattern that matches nothing is the inputs' own error when they
            // are roi.toml's, and no account of the files named instead.
            let matched = input::expand(std::slice::from_ref(pattern), self.config.base_dir())
                .unwrap_or_default()
                .files;
            // A folder's input and one of a subfolder or file in it: the narrower
            // (its path before any wildcard deeper, then the fewer files it names:
            // `data/meta-*.csv` within `data/*.csv`) says whose the file is, in
            // whichever order they come.
            let rank = (
                input_depth(pattern, self.config.base_dir()),
                std::cmp::Reverse(matched.len()),
            );
            for file in matched {
                let Ok(path) = std::fs::canonicalize(&file) else {
                    continue;
                };
                match given.get(&path) {
                    Some(&(had, other, first)) if had == rank && other != account => {
                        return Err(settings::ConfigError {
                            path: self.config.display_path(),
                            message: say!(
                                "error.input_accounts",
                                file = file.display(),
                                first = first,
                                account1 = other,
                                second = pattern,
                                account2 = account
                            ),
                        }
                        .into());
                    }
                    Some(&(had, ..)) if had >= rank => {}
                    _ => {
                        given.insert(path, (rank, account, pattern));
                    }
                }
            }
        }
        let accounts = files
            .iter()
            .filter_map(|file| {
                let (_, account, _) = given.get(&std::fs::canonicalize(file).ok()?)?;
                Some((file.clone(), (*account).clone()))
            })
            .collect();
        Ok(std::sync::Arc::new(accounts))
    }

    fn check_names(&self, dataset: &Dataset) -> anyhow::Result<()> {
        self.config
            .catalogue
            .check_names_in(dataset)
            .map_err(|(kpi, e)| {
                let path = self.config.display_path();
                match self.config.formula_at.get(kpi) {
                    Some((line, column)) => anyhow::Error::new(settings::ConfigError {
                        path,
                        message: say!("error.toml_at", line = line, column = column, error = e),
                    }),
                    None => anyhow::Error::new(e).context(say!("error.in_kpis_of", path = path)),
                }
            })?;
        // Every goal's, not only those a command asks about: a name that is wrong in
        // one goal is an error in the file, as a bad date in any goal is.
        for goal in &self.config.goals {
            // An error in a goal, at the place in roi.toml it is about.
            let in_goal = |at: Option<(usize, usize)>, e: &dyn std::fmt::Display| {
                let inner = match at {
                    Some((line, column)) => {
                        say!("error.toml_at", line = line, column = column, error = e)
                    }
                    None => e.to_string(),
                };
                settings::ConfigError {
                    path: self.config.display_path(),
                    message: say!("error.in_goal", goal = goal.id, error = inner),
                }
            };
            // A platform in `where` that is a slip of one roi knows (`facebok`).
            report::check_where(&self.config, dataset, &goal.filter)
                .map_err(|e| in_goal(goal.where_at, &e))?;
            self.config
                .catalogue
                .check_name(&goal.kpi, dataset)
                .map_err(|e| in_goal(goal.kpi_at, &e))?;
        }
        Ok(())
    }

    /// Writes the inputs' rows as Parquet under `dir`. Rows are written as they are
    /// read and let go, so memory does not grow with the input: a first pass keeps no
    /// rows and finds every custom metric (the schema) and whether two downloads
    /// overlap; a second writes. Overlapping downloads must be de-duplicated with
    /// every row at hand, and standard input cannot be read twice: those are read
    /// whole, then written.
    fn parquet(
        &self,
        inputs: &[String],
        dir: &std::path::Path,
        force: bool,
    ) -> anyhow::Result<(render::parquet::Written, Dataset)> {
        let (files, options) = self.inputs(inputs, None)?;
        if let Some(probe) = input::stream(&files, &options, &mut |_, _| {})? {
            self.check_names(&probe)?;
            let mut writer = render::parquet::Streamed::start(&probe, dir, force)?;
            let streamed = input::stream(&files, &options, &mut |ds, rows| writer.write(ds, rows))?;
            let Some(dataset) = streamed else {
                bail!(say!("error.inputs_changed"));
            };
            return Ok((writer.finish()?, dataset));
        }
        let dataset = self.dataset(inputs, None)?;
        Ok((render::parquet::write(&dataset, dir, force)?, dataset))
    }
}

/// For commands whose stdout is one word or number: what was skipped or doubtful in
/// the inputs goes to stderr, so nothing is dropped silently and stdout stays clean.
/// How many folders deep an input's path goes before its first wildcard (a file
/// named alone: the file), once resolved.
/// How narrowly an input names its files: depth before any wildcard, then fewer
/// files named; larger is narrower.
type Rank = (usize, std::cmp::Reverse<usize>);

fn input_depth(pattern: &str, base: &std::path::Path) -> usize {
    let literal: PathBuf = base
        .join(pattern)
        .components()
        .take_while(|c| !c.as_os_str().to_string_lossy().contains(['*', '?', '[']))
        .collect();
    std::fs::canonicalize(&literal)
        .unwrap_or(literal)
        .components()
        .count()
}

/// `normalize` writes rows: a file's word that its days without a row are days with
/// nothing (a stated range, a list of records through its export day) has no place
/// in roi's format, so read back those days are no data, not zeros. Said per file.
fn stated_range_notes(dataset: &Dataset, quiet: bool) {
    if quiet {
        return;
    }
    for f in &dataset.files {
        if let (Some((from, to)), Some(first), Some(last)) = (f.covers(), f.first_date, f.last_date)
            && (from < first || last < to)
        {
            stderr_line!(
                "{}",
                say!(
                    "stderr.normalize_stated_range",
                    path = f.path.display(),
                    from = from,
                    to = to,
                    first = first,
                    last = last
                )
            );
        }
    }
}

fn input_notes_to_stderr(dataset: &Dataset, quiet: bool) {
    if quiet {
        return;
    }
    let mut err = std::io::stderr().lock();
    for f in &dataset.files {
        for s in &f.skipped {
            let _ = writeln!(
                err,
                "{}",
                say!(
                    "stderr.skipped",
                    path = f.path.display(),
                    rows = s.rows,
                    reason = s.reason,
                    line = s.first_line
                )
            );
        }
        for w in &f.warnings {
            let _ = writeln!(err, "roi: {}: {w}", f.path.display());
        }
    }
    for n in report::NotRead::of(dataset) {
        let _ = writeln!(err, "roi: {}: {}", n.path, n.reason);
    }
}

/// A gate's output written: when the reader closed the pipe (`roi check | head`),
/// the rest of the output is dropped, not the verdict, which the exit code carries.
fn verdict_stands(written: std::io::Result<()>) -> std::io::Result<()> {
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        written => written,
    }
}

/// `--lang`, then `lang` in roi.toml, then the environment, then English.
fn resolve_lang(cli: &Cli, config: &Config) -> i18n::Lang {
    cli.global
        .lang
        .or(config.lang)
        .or_else(i18n::Lang::from_env)
        .unwrap_or_default()
}

fn filter_from(flags: &[String]) -> anyhow::Result<Filter> {
    let mut conditions: Vec<(Dimension, Vec<String>)> = Vec::new();
    for flag in flags {
        let Some((key, value)) = flag.split_once('=') else {
            bail!(say!("error.where_form", flag = flag));
        };
        let key = key.trim();
        let dim = Dimension::from_name(key).with_context(|| {
            say!(
                "error.where_flag_dimension",
                flag = flag,
                key = key,
                hint = kpi::did_you_mean(key, Dimension::ALL.iter().map(|d| d.name())),
                dimensions = Dimension::ALL.map(Dimension::name).join(", ")
            )
        })?;
        let values = where_values(value).into_iter();
        // One key named twice is either value, as `a|b` is: the headings, JSON and
        // SQL show one condition per key, and nothing has two campaigns at once.
        match conditions.iter_mut().find(|(d, _)| *d == dim) {
            Some((_, wanted)) => wanted.extend(values),
            None => conditions.push((dim, values.collect())),
        }
    }
    Ok(Filter { conditions })
}

/// A `--where` value's alternatives: apart at each `|`, but for `\|`, a `|` of the
/// value itself (campaigns are often named `FB | Conv | Tết`).
fn where_values(value: &str) -> Vec<String> {
    let mut values = Vec::new();
    let mut current = String::new();
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                chars.next();
                current.push('|');
            }
            '|' => values.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    values.push(current);
    values
}

/// `--where` values that match no row: a platform neither roi, the inputs nor a
/// mapping know that is a slip of one roi knows (`facebok`) is an error; any other
/// value no row has (`shopee`, which a mapping's column may give in other inputs)
/// gets a note on stderr, with the closest value the inputs have.
fn check_filter(
    filter: &Filter,
    dataset: &Dataset,
    config: &Config,
    quiet: bool,
) -> anyhow::Result<()> {
    let mapped: Vec<&str> = config
        .mappings
        .iter()
        .filter_map(|m| m.platform.as_deref())
        .collect();
    for miss in filter.unmatched(dataset, &mapped) {
        match miss {
            dataset::Unmatched::UnknownPlatform {
                value,
                hint,
                platforms,
            } => bail!(say!(
                "error.where_platform",
                value = value,
                hint = hint,
                platforms = platforms
            )),
            dataset::Unmatched::NoRow { dim, value, near } if !quiet => {
                // Typed as offered: a `|` in a value is written `\|`.
                let hint = near
                    .map(|n| say!("error.did_you_mean", name = n.replace('|', "\\|")))
                    .unwrap_or_default();
                stderr_line!(
                    "{}",
                    say!(
                        "stderr.where_no_row",
                        dim = dim.name(),
                        value = value,
                        hint = hint
                    )
                );
            }
            dataset::Unmatched::NoRow { .. } => {}
        }
    }
    // Counts without money (a CRM's leads) have no currency, so a currency filter
    // leaves them out, and a cost over them (`cpl`) loses its denominator.
    if !quiet
        && filter
            .conditions
            .iter()
            .any(|(d, _)| *d == Dimension::Currency)
    {
        let rows = dataset
            .rows
            .iter()
            .filter(|r| r.dims.get(Dimension::Currency).is_none())
            .count();
        if rows > 0 {
            stderr_line!("{}", say!("stderr.where_currency", rows = rows));
        }
    }
    Ok(())
}

/// `--by` values as groupings: dimensions and at most one period.
fn group_by_from(by: &[String]) -> anyhow::Result<Vec<report::GroupBy>> {
    let by = by
        .iter()
        .map(|b| {
            report::GroupBy::parse(b.trim()).with_context(|| {
                say!(
                    "error.by",
                    value = b,
                    hint = kpi::did_you_mean(
                        b,
                        Dimension::ALL
                            .iter()
                            .map(|d| d.name())
                            .chain(["day", "week", "month"])
                    ),
                    dimensions = Dimension::ALL.map(Dimension::name).join(", ")
                )
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    if by
        .iter()
        .filter(|g| !matches!(g, report::GroupBy::Dim(_)))
        .count()
        > 1
    {
        bail!(say!("error.by_one_period"));
    }
    Ok(by)
}

fn window_from(selection: &cli::Selection) -> anyhow::Result<Option<Window>> {
    Ok(match (selection.from, selection.to) {
        (None, None) => None,
        (from, to) => {
            let from = from.unwrap_or(NaiveDate::MIN);
            let to = to.unwrap_or(NaiveDate::MAX);
            if to < from {
                bail!(say!("error.to_before_from", from = from, to = to));
            }
            Some(Window::new(from, to))
        }
    })
}

/// Runs one command, writing its output to `out` (or to `--output`, atomically).
pub fn run(cli: &Cli, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let g = &cli.global;
    // Until roi.toml is read (it may set `lang`), errors speak the flag's or the
    // environment's language.
    i18n::set_current(g.lang.or_else(i18n::Lang::from_env).unwrap_or_default());
    let formats = cli.command.formats();
    if !formats.contains(&g.format) {
        let word = |f: &Format| format!("{f:?}").to_lowercase();
        let (last, others) = formats.split_last().unwrap_or((&Format::Table, &[]));
        let mut written = others.iter().map(word).collect::<Vec<_>>().join(", ");
        if !written.is_empty() {
            written.push_str(&say!("error.or"));
        }
        written.push_str(&word(last));
        bail!(say!(
            "error.format_for",
            command = cli.command.name(),
            formats = written,
            format = word(&g.format)
        ));
    }
    if g.format == Format::Parquet {
        if g.output.is_none() {
            bail!(say!("error.parquet_output"));
        }
        // `--output` is a folder the Parquet writer fills itself: nothing to buffer.
        return execute(cli, out);
    }
    if let Some(path) = &g.output {
        refuse_overwrite(path, g.force)?;
        let mut buffer = Vec::new();
        let outcome = execute(cli, &mut buffer)?;
        write_atomically(path, &buffer)?;
        return Ok(outcome);
    }
    if g.quiet {
        return execute(cli, &mut std::io::sink());
    }
    execute(cli, out)
}

fn refuse_overwrite(path: &std::path::Path, force: bool) -> anyhow::Result<()> {
    if path.exists() && !force && !is_special(path) {
        bail!(say!("error.exists", path = path.display()));
    }
    Ok(())
}

/// Whether the path is no file to replace but a device, a pipe or a socket
/// (`/dev/null`, `/dev/stdout`, a FIFO a script reads): written to as it is.
fn is_special(path: &std::path::Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// Writes beside the target, then renames, so a reader never sees half a file; a
/// device or a pipe is written to directly, never replaced by a file.
fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> anyhow::Result<()> {
    if is_special(path) {
        return std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|mut f| f.write_all(bytes))
            .with_context(|| say!("error.write", path = path.display()));
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let mut builder = tempfile::Builder::new();
    // Temporary files are private (0600); the file written is not: it keeps the mode
    // of the file it replaces, or gets the mode any new file gets (0666 less the
    // umask), as the Parquet writer's files do.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::metadata(path).map_or_else(
            |_| std::fs::Permissions::from_mode(0o666),
            |m| m.permissions(),
        ));
    }
    if !dir.is_dir() {
        if dir.exists() {
            bail!(say!(
                "error.write_not_folder",
                path = path.display(),
                folder = dir.display()
            ));
        }
        bail!(say!(
            "error.write_no_folder",
            path = path.display(),
            folder = dir.display()
        ));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(|e| {
        // tempfile's error names the temporary file it could not create, which the
        // user never asked for: the folder is what they can fix.
        let reason = e.to_string();
        let reason = reason
            .split(" at path ")
            .next()
            .unwrap_or_default()
            .to_owned();
        anyhow::Error::msg(reason).context(say!("error.write_in", path = dir.display()))
    })?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| say!("error.write", path = path.display()))?;
    tmp.persist(path)
        .with_context(|| say!("error.write", path = path.display()))?;
    Ok(())
}

fn execute(cli: &Cli, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    match &cli.command {
        Command::Init { path } => {
            let lang = cli
                .global
                .lang
                .or_else(i18n::Lang::from_env)
                .unwrap_or_default();
            return init(path, cli.global.force, lang, out);
        }
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            // Into memory first: clap_complete panics when its writer fails, and a
            // reader that closes the pipe (`roi completions bash | head`) must end
            // quietly, as `out` does.
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut command, "roi", &mut script);
            out.write_all(&script)?;
            return Ok(Outcome::Success);
        }
        Command::Man => {
            let command = <Cli as clap::CommandFactory>::command();
            clap_mangen::Man::new(command).render(out)?;
            return Ok(Outcome::Success);
        }
        _ => {}
    }
    let settings = Settings::from_cli(cli)?;
    let Settings {
        config,
        as_of,
        format,
        style,
        ..
    } = &settings;
    match &cli.command {
        Command::Report {
            inputs,
            by,
            kpis,
            trend,
            selection,
        } => {
            let by = group_by_from(by)?;
            let extras = !matches!(format, Format::Csv | Format::Markdown | Format::Junit);
            let scope = report::Scope {
                as_of: *as_of,
                filter: filter_from(&selection.filters)?,
                window: window_from(selection)?,
                by,
                kpis: kpis.clone(),
                // CSV, Markdown and JUnit show neither: not worked out for them.
                trend: if extras {
                    *trend
                } else {
                    report::TrendGrain::Off
                },
                insights: extras,
            };
            // Goals are evaluated in every report. Insights need post-level rows: a
            // report that works them out keeps every row as read.
            let merge = if scope.insights {
                None
            } else {
                settings.merged_on(
                    scope
                        .by
                        .iter()
                        .filter_map(|g| match g {
                            report::GroupBy::Dim(d) => Some(*d),
                            _ => None,
                        })
                        .chain(scope.filter.conditions.iter().map(|(d, _)| *d)),
                )
            };
            let dataset = settings.dataset(inputs, merge)?;
            check_filter(&scope.filter, &dataset, config, cli.global.quiet)?;
            let report = report::build(config, &dataset, &scope)
                .map_err(|e| e.narrowed(kpi::Narrow::WhereOrBy))?;
            if matches!(format, Format::Csv | Format::Markdown) {
                input_notes_to_stderr(&dataset, cli.global.quiet);
            }
            // CSV has no place for the report's notes (rows left out at a window's
            // edge, currencies not added, platforms a rate left out): stderr does.
            if *format == Format::Csv && !cli.global.quiet {
                for note in &report.notes {
                    stderr_line!("roi: {}", note.text(style.lang));
                }
            }
            render::report(&report, *format, *style, out)?;
            Ok(Outcome::Success)
        }
        Command::Check {
            inputs,
            fail_on,
            goals,
            tags,
        } => {
            if config.path.is_none() {
                bail!(say!("error.no_config_for_goals", command = "check"));
            }
            if config.goals.is_empty() {
                bail!(say!("error.no_goals", path = config.display_path()));
            }
            let mut selected: Vec<&goals::Goal> = Vec::new();
            for id in goals {
                let goal = config.goal(id)?;
                // A goal named twice is one goal, as a KPI named twice in --kpi is one
                // column: counted once, never failing twice.
                if !selected.iter().any(|g| std::ptr::eq(*g, goal)) {
                    selected.push(goal);
                }
            }
            if goals.is_empty() {
                selected = config.goals.iter().collect();
            }
            if !tags.is_empty() {
                let chosen = selected.clone();
                selected.retain(|g| g.tags.iter().any(|t| tags.contains(t)));
                let tags = tags.join(&say!("error.or"));
                // With --goal the selection is both: other goals with the tag are
                // beside the point, the chosen ones' tags are.
                if selected.is_empty() && !goals.is_empty() {
                    let told: Vec<String> = chosen
                        .iter()
                        .map(|g| match g.tags.as_slice() {
                            [] => say!("error.goal_no_tags", goal = g.id),
                            t => say!("error.goal_tags", goal = g.id, tags = t.join(", ")),
                        })
                        .collect();
                    bail!(say!(
                        "error.no_tag_in_goals",
                        tags = tags,
                        goals = told.join("; ")
                    ));
                }
                if selected.is_empty() {
                    bail!(say!("error.no_tag", tags = tags));
                }
            }
            let dataset = settings.dataset(inputs, settings.merged_on([]))?;
            let fail_on = fail_on.unwrap_or(config.fail_on);
            let check = report::check(config, &dataset, *as_of, &selected, fail_on)?;
            if matches!(format, Format::Table | Format::Csv | Format::Markdown) {
                input_notes_to_stderr(&dataset, cli.global.quiet);
            }
            verdict_stands(render::check(&check, *format, *style, out))?;
            ci::publish(&check, style.lang)?;
            Ok(if check.passed {
                Outcome::Success
            } else {
                Outcome::GoalFailed
            })
        }
        Command::Status { goal, fail_on } => {
            if config.path.is_none() {
                bail!(say!("error.no_config_for_goals", command = "status"));
            }
            let goal = config.goal(goal)?;
            let dataset = settings.dataset(&[], settings.merged_on([]))?;
            input_notes_to_stderr(&dataset, cli.global.quiet);
            let fail_on = fail_on.unwrap_or(config.fail_on);
            let check = report::check(config, &dataset, *as_of, &[goal], fail_on)?;
            // The word alone says nothing of a bound it rests on or of stale data:
            // stderr does, as for `roi kpi`.
            // Nor why there is no data, which `check` prints as a note.
            if !cli.global.quiet {
                for g in &check.goals {
                    if g.status == goals::Status::NoData {
                        stderr_line!("roi: {}: {}", g.id, goals::explain(g, style.lang));
                    }
                    for note in goals::notes(g, style.lang) {
                        stderr_line!("roi: {}: {note}", g.id);
                    }
                }
            }
            verdict_stands(
                check
                    .goals
                    .iter()
                    .try_for_each(|g| writeln!(out, "{}", g.status.word())),
            )?;
            Ok(if check.passed {
                Outcome::Success
            } else {
                Outcome::GoalFailed
            })
        }
        Command::Kpi {
            name,
            inputs,
            selection,
        } => {
            let filter = filter_from(&selection.filters)?;
            let merge = settings.merged_on(filter.conditions.iter().map(|(d, _)| *d));
            let dataset = settings.dataset(inputs, merge)?;
            input_notes_to_stderr(&dataset, cli.global.quiet);
            check_filter(&filter, &dataset, config, cli.global.quiet)?;
            let answer =
                report::kpi_answer(config, &dataset, name, &filter, window_from(selection)?)
                    .map_err(|e| e.narrowed(kpi::Narrow::Where))?;
            // The number alone says nothing of reach summed over rows: stderr does
            // (JSON carries it as `bound`).
            if *format != Format::Json && answer.reach_summed && !cli.global.quiet {
                let key = format!("note.bound_{}", answer.bound.word());
                stderr_line!("roi: {name}: {}", i18n::tr(style.lang, &key, &[]));
            }
            // Platforms a rate left out (JSON carries them in `notes`).
            if *format != Format::Json && !cli.global.quiet {
                for note in &answer.notes {
                    stderr_line!("roi: {}", note.text(style.lang));
                }
            }
            render::kpi_answer(&answer, *format, out)?;
            Ok(Outcome::Success)
        }
        Command::Insights {
            inputs,
            rank_by,
            min_posts,
            top,
            selection,
        } => {
            let mut config = config.clone();
            if let Some(kpi) = rank_by {
                config.insights.rank_by.clone_from(kpi);
            }
            if let Some(n) = min_posts {
                config.insights.min_posts = *n;
            }
            if let Some(n) = top {
                config.insights.top = usize::try_from(*n).unwrap_or(usize::MAX);
            }
            let dataset = settings.dataset(inputs, None)?;
            input_notes_to_stderr(&dataset, cli.global.quiet);
            let filter = filter_from(&selection.filters)?;
            check_filter(&filter, &dataset, &config, cli.global.quiet)?;
            let insights = insights::build(&config, &dataset, &filter, window_from(selection)?)
                .map_err(|e| e.narrowed(kpi::Narrow::Where))?;
            // JSON carries it as `rank_by_requested`.
            if let (Some(asked), false, false) = (
                &insights.rank_by_requested,
                *format == Format::Json,
                cli.global.quiet,
            ) {
                stderr_line!(
                    "{}",
                    i18n::tr(
                        style.lang,
                        "stderr.rank_by_missing",
                        &[("asked", asked), ("used", &insights.rank_by)]
                    )
                );
            }
            render::insights(&insights, *format, *style, out)?;
            Ok(Outcome::Success)
        }
        Command::Explain {
            subject,
            inputs,
            selection,
        } => {
            let has_goal = |name: &str| config.goals.iter().any(|g| g.id == name);
            // `kpi:`/`goal:` say which is meant when a goal has a KPI's name.
            let (subject, meant) = match subject.split_once(':') {
                _ if has_goal(&settings::goal_id(subject)) => (subject.as_str(), None),
                Some(("kpi", name)) => (name, Some(false)),
                Some(("goal", name)) => (name, Some(true)),
                _ => (subject.as_str(), None),
            };
            let subject = &settings::goal_id(subject);
            let is_goal = meant.unwrap_or_else(|| has_goal(subject));
            let is_kpi = config.catalogue.get(subject).is_some()
                || model::canonical_metric(subject).is_some();
            // Only a prefix makes `is_goal` differ from `has_goal`: when the name is of
            // the other kind, the prefix is what is wrong, not the name.
            if is_goal && !has_goal(subject) && is_kpi {
                bail!(say!(
                    "error.goal_prefix_on_kpi",
                    name = subject,
                    path = config.display_path()
                ));
            }
            let kpi_prefix_on_goal = || {
                say!(
                    "error.kpi_prefix_on_goal",
                    name = subject,
                    path = config.display_path()
                )
            };
            if is_goal && !has_goal(subject) {
                let goal_ids = config.goals.iter().map(|g| g.id.as_str());
                bail!(say!(
                    "error.not_goal_of",
                    name = subject,
                    path = config.display_path(),
                    hint = kpi::did_you_mean(subject, goal_ids)
                ));
            }
            if !is_goal
                && !is_kpi
                && !subject
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_')
            {
                if has_goal(subject) {
                    bail!(kpi_prefix_on_goal());
                }
                bail!(say!("error.not_goal_or_kpi", name = subject));
            }
            let dataset = settings.dataset(inputs, None)?;
            input_notes_to_stderr(&dataset, cli.global.quiet);
            if !is_goal && !config.catalogue.is_known(subject, &dataset) {
                if has_goal(subject) {
                    bail!(kpi_prefix_on_goal());
                }
                let goal_ids = config.goals.iter().map(|g| g.id.as_str());
                let names = config.catalogue.iter().map(|k| k.name.as_str());
                bail!(say!(
                    "error.not_goal_or_kpi_of",
                    name = subject,
                    path = config.display_path(),
                    hint = kpi::did_you_mean(subject, goal_ids.chain(names))
                ));
            }
            if is_goal
                && meant.is_none()
                && !cli.global.quiet
                && config.catalogue.is_known(subject, &dataset)
            {
                stderr_line!(
                    "{}",
                    say!(
                        "stderr.explain_goal_and_kpi",
                        name = subject,
                        path = config.display_path()
                    )
                );
            }
            let filter = filter_from(&selection.filters)?;
            check_filter(&filter, &dataset, config, cli.global.quiet)?;
            let explanation = report::explain(
                config,
                &dataset,
                subject,
                is_goal,
                *as_of,
                &filter,
                window_from(selection)?,
            )
            // A goal's data is narrowed by its own `where`; a KPI's by the flag.
            .map_err(|e| {
                e.narrowed(if is_goal {
                    kpi::Narrow::Goal
                } else {
                    kpi::Narrow::Where
                })
            })?;
            render::explanation(&explanation, *format, *style, out)?;
            Ok(Outcome::Success)
        }
        Command::Inspect { inputs } => {
            // Each file that cannot be read is told, and the others are inspected
            // together (their overlaps too); then exit 2.
            let (mut files, options) = settings.inputs(inputs, None)?;
            let total = files.len();
            let stdin = files.iter().any(|f| f.as_os_str() == input::STDIN);
            let mut failed = 0;
            let dataset = loop {
                match input::load(&files, &options) {
                    Ok(dataset) => break dataset,
                    // Standard input cannot be read again.
                    Err(e) if !stdin && files.contains(&e.path) => {
                        stderr_line!("{}: {e}", say!("error.prefix"));
                        files.retain(|f| *f != e.path);
                        failed += 1;
                        if files.is_empty() {
                            break Dataset::default();
                        }
                    }
                    Err(e) => return Err(e.into()),
                }
            };
            settings.check_names(&dataset)?;
            let inspection = report::Inspection {
                schema_version: report::SCHEMA_VERSION,
                files: dataset.files.clone(),
            };
            render::inspection(&inspection, *format, *style, out)?;
            if failed > 0 {
                bail!(say!(
                    "error.some_unreadable",
                    failed = failed,
                    files = total
                ));
            }
            Ok(Outcome::Success)
        }
        Command::Normalize { inputs } => {
            if *format == Format::Parquet {
                let Some(dir) = &cli.global.output else {
                    bail!(say!("error.parquet_output"));
                };
                // Before reading anything: a refused target should not cost a read.
                render::parquet::check_target(dir, cli.global.force)?;
                let (written, dataset) = settings.parquet(inputs, dir, cli.global.force)?;
                input_notes_to_stderr(&dataset, cli.global.quiet);
                stated_range_notes(&dataset, cli.global.quiet);
                if !cli.global.quiet {
                    stderr_line!(
                        "{}",
                        say!(
                            "stderr.parquet_wrote",
                            rows = written.rows,
                            files = written.files,
                            path = dir.display()
                        )
                    );
                }
                return Ok(Outcome::Success);
            }
            let dataset = settings.dataset(inputs, None)?;
            input_notes_to_stderr(&dataset, cli.global.quiet);
            stated_range_notes(&dataset, cli.global.quiet);
            if *format == Format::Json {
                render::normalized_json(&dataset, out)?;
            } else {
                render::normalized_csv(&dataset, out)?;
            }
            Ok(Outcome::Success)
        }
        Command::Sql {
            names,
            dialect,
            table,
            by,
            rollup,
            selection,
        } => {
            let by = group_by_from(by)?;
            let filter = filter_from(&selection.filters)?;
            // No rows to look at, but a slip of a platform roi knows (`facebok`)
            // would make a query that matches nothing: refused as `--where` is.
            check_filter(&filter, &Dataset::default(), config, true)?;
            let query = kpi::sql::Query {
                dialect: *dialect,
                table,
                by: &by,
                filter: &filter,
                window: window_from(selection)?,
                kpis: names,
            };
            let sql = match rollup {
                Some(kpi::sql::Rollup::Day) => {
                    if by.iter().any(|g| !matches!(g, report::GroupBy::Dim(_))) {
                        bail!(say!("error.sql_by"));
                    }
                    // The goals of roi.toml must still find their rows in the rollup.
                    let mut keep = by.clone();
                    for goal in &config.goals {
                        for (dim, _) in &goal.filter.conditions {
                            if !keep.contains(&report::GroupBy::Dim(*dim)) {
                                keep.push(report::GroupBy::Dim(*dim));
                            }
                        }
                    }
                    kpi::sql::rollup_query(
                        &config.catalogue,
                        &kpi::sql::Query { by: &keep, ..query },
                    )
                }
                None => kpi::sql::kpi_query(&config.catalogue, &config.fx, &query)?,
            };
            out.write_all(sql.as_bytes())?;
            Ok(Outcome::Success)
        }
        Command::Kpis => {
            render::kpi_list(&report::kpi_list(config), *format, *style, out)?;
            Ok(Outcome::Success)
        }
        Command::Init { .. } | Command::Completions { .. } | Command::Man => {
            unreachable!("handled before settings are loaded")
        }
    }
}

fn init(
    path: &std::path::Path,
    force: bool,
    lang: i18n::Lang,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    // `-` is stdout, as it is stdin for inputs: `roi init - > team/roi.toml`.
    if path.as_os_str() == input::STDIN {
        out.write_all(settings::starter(lang).as_bytes())?;
        return Ok(Outcome::Success);
    }
    refuse_overwrite(path, force)?;
    write_atomically(path, settings::starter(lang).as_bytes())?;
    writeln!(
        out,
        "{}",
        i18n::tr(lang, "init.wrote", &[("path", &path.display().to_string())])
    )?;
    Ok(Outcome::Success)
}

#[cfg(test)]
mod tests {
    use super::auto_color;

    #[test]
    fn colour_is_off_with_no_color_or_a_dumb_terminal() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                vars.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| std::ffi::OsString::from(v))
            }
        };
        assert!(auto_color(env(&[])));
        assert!(auto_color(env(&[("TERM", "xterm-256color")])));
        assert!(auto_color(env(&[("NO_COLOR", "")])));
        assert!(!auto_color(env(&[("NO_COLOR", "1")])));
        assert!(!auto_color(env(&[("TERM", "dumb")])));
    }
}
