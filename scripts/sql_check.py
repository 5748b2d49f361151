#!/usr/bin/env python3
"""Cross-checks `roi sql` against `roi report --format json` on a real SQL engine.

For each case: normalize the inputs to Parquet (`roi normalize --format parquet`),
generate the KPI query (`roi sql`), run it on the engine over those files, and
require every group and every KPI (value and currency) to equal `roi report` on the
same inputs, to 1e-9 relative. Then the rollup: `roi sql --rollup day` run on the
engine, its output read back by `roi report`, must give the same KPIs again.

Usage: scripts/sql_check.py --roi target/debug/roi [--engine duckdb|bigquery|spark|postgres]
                            [--postgres DSN]
`.ci/run` runs it with DuckDB and BigQuery (its text translated by sqlglot and run
on DuckDB) through scripts/sql-check, and with Spark and PostgreSQL through
scripts/scale-out-check (docs/scale-out.md).
"""

import argparse
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-24"

EDGE = "fixtures/sql/edge.csv"

# (name, roi.toml or None, inputs, extra arguments shared by `report` and `sql`)
CASES = [
    ("kpis", "fixtures/kpis/roi.toml", ["fixtures/kpis/data.csv"], []),
    ("kpis by platform", "fixtures/kpis/roi.toml", ["fixtures/kpis/data.csv"], ["--by", "platform"]),
    ("kpis window", "fixtures/kpis/roi.toml", ["fixtures/kpis/data.csv"], ["--from", "2026-08-02", "--to", "2026-08-31"]),
    ("kpis by day", "fixtures/kpis/roi.toml", ["fixtures/kpis/data.csv"], ["--by", "platform,day"]),
    ("seeds", "examples/seeds/roi.toml", [], []),
    ("seeds by platform", "examples/seeds/roi.toml", [], ["--by", "platform"]),
    ("seeds by campaign, month", "examples/seeds/roi.toml", [], ["--by", "campaign,month"]),
    ("seeds facebook, window", "examples/seeds/roi.toml", [], ["--where", "platform=facebook|instagram", "--from", "2026-08-01", "--to", "2026-08-20"]),
    ("shop by platform", "examples/shop-downloads/roi.toml", [], ["--by", "platform"]),
    ("shop by week", "examples/shop-downloads/roi.toml", [], ["--by", "week"]),
    ("shop by platform, month, window", "examples/shop-downloads/roi.toml", [], ["--by", "platform,month", "--from", "2026-08-03"]),
    ("shop campaign", "examples/shop-downloads/roi.toml", [], ["--by", "campaign", "--where", "platform=facebook"]),
    ("vi by platform", "examples/vi/roi.toml", [], ["--by", "platform"]),
    ("trend by week", None, ["fixtures/trend/daily.csv"], ["--by", "platform,week"]),
    ("overlap", None, ["fixtures/overlap"], ["--by", "platform"]),
    ("stocks read on different days, by week", None, ["fixtures/stocks/followers.csv"], ["--by", "week"]),
    ("stocks, window without readings", None, ["fixtures/stocks/followers.csv"], ["--from", "2026-08-15", "--to", "2026-08-20"]),
    ("stocks, window with one series read", None, ["fixtures/stocks/followers.csv"], ["--by", "account", "--from", "2026-08-08", "--to", "2026-08-13"]),
    ("currencies with fx", "fixtures/currencies/roi.toml", [], []),
    ("currencies with fx by platform", "fixtures/currencies/roi.toml", [], ["--by", "platform,day"]),
    ("currencies without fx", None, ["fixtures/currencies"], ["--by", "platform"]),
    ("currencies without fx by currency", None, ["fixtures/currencies"], ["--by", "currency"]),
    ("formula KPIs, CPA, CLV, EMV", "fixtures/parquet/roi.toml", [], ["--by", "platform"]),
    ("formula KPIs by month", "fixtures/parquet/roi.toml", [], ["--by", "month", "--where", "campaign=back to school|tết 2027"]),
    ("follower net changes", None, ["fixtures/importers/youtube-studio-table-engagement.csv"], ["--by", "platform"]),
    ("follower net changes by day", None, ["fixtures/importers/youtube-studio-chart-subscribers.csv"], ["--by", "day"]),
    ("follower growth per account, count or flows", None, ["fixtures/mixed-growth/accounts.csv"], ["--from", "2026-10-02", "--to", "2026-10-04"]),
    ("follower growth per account, by platform", None, ["fixtures/mixed-growth/accounts.csv"], ["--by", "platform", "--from", "2026-10-02", "--to", "2026-10-04"]),
    ("follower growth per account, by day", None, ["fixtures/mixed-growth/accounts.csv"], ["--by", "day"]),
    ("follower growth per account, no window", None, ["fixtures/mixed-growth/accounts.csv"], []),
    ("follower growth per account, a count only before the window", None, ["fixtures/mixed-growth/stale.csv"], ["--from", "2026-10-02", "--to", "2026-10-04"]),
    ("follower growth per account, a count only before the window, by day", None, ["fixtures/mixed-growth/stale.csv"], ["--by", "day", "--from", "2026-10-02", "--to", "2026-10-04"]),
    ("edge: ISO weeks across New Year", None, [EDGE], ["--by", "platform,week"]),
    # SQL groups text as written, `roi report --by` as `--where` compares it (README,
    # `roi sql`): `KHUYẾN MÃI` and `Khuyến Mãi` are two SQL rows but one report row,
    # so the cases that group by campaign leave that campaign out.
    ("edge: days", None, [EDGE], ["--by", "campaign,day", "--where", "campaign=o'brien|back\\slash|ärger"]),
    ("edge: a quote in --where", None, [EDGE], ["--by", "campaign", "--where", "campaign=o'brien"]),
    ("edge: a backslash in --where", None, [EDGE], ["--by", "campaign", "--where", "campaign=BACK\\slash"]),
    ("edge: Vietnamese case", None, [EDGE], ["--by", "platform", "--where", "campaign=khuyến mãi"]),
    ("edge: German case", None, [EDGE], ["--by", "platform", "--where", "campaign=ärger"]),
    ("edge: window inside months", None, [EDGE], ["--by", "platform,month", "--from", "2020-12-30", "--to", "2027-01-02"]),
    ("edge: window from a date", None, [EDGE], ["--by", "platform", "--from", "2021-01-01"]),
]

# Groupings the rollup keeps, so `roi report` on the rollup gives the same KPIs.
ROLLUP_CASES = [
    ("seeds rollup", "examples/seeds/roi.toml", [], ["--by", "platform"], ["campaign"]),
    ("shop rollup", "examples/shop-downloads/roi.toml", [], ["--by", "platform,month"], ["campaign"]),
    ("kpis rollup", "fixtures/kpis/roi.toml", ["fixtures/kpis/data.csv"], ["--by", "platform"], []),
    ("edge rollup", None, [EDGE], ["--by", "campaign,week"], ["campaign"]),
]


def run(args, **kw):
    proc = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, **kw)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}")
    return proc.stdout


def config_args(config):
    return ["--config", config] if config else []


class DuckDB:
    name = "duckdb"

    def __init__(self):
        import duckdb

        self.con = duckdb.connect()

    def table(self, parquet):
        return f"read_parquet('{parquet}/**/*.parquet', hive_partitioning = true)"

    def query(self, sql):
        cur = self.con.execute(sql)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def to_csv(self, sql, path):
        self.con.execute(f"COPY ({sql.rstrip().rstrip(';')}) TO '{path}' (HEADER, DELIMITER ',')")


class BigQuery(DuckDB):
    """BigQuery's text, checked without BigQuery: parsed as BigQuery SQL by sqlglot,
    translated to DuckDB and run on the same Parquet files. It proves the query is
    valid BigQuery (to sqlglot's grammar) and means the same as the other dialects."""

    name = "bigquery"

    def table(self, parquet):
        self.con.execute(
            f"CREATE OR REPLACE VIEW roi_rows AS SELECT * FROM "
            f"read_parquet('{parquet}/**/*.parquet', hive_partitioning = true)"
        )
        return "roi_rows"

    def translate(self, sql):
        import sqlglot

        return sqlglot.transpile(sql, read="bigquery", write="duckdb",
                                 error_level=sqlglot.ErrorLevel.RAISE)[0]

    def query(self, sql):
        return super().query(self.translate(sql))

    def to_csv(self, sql, path):
        super().to_csv(self.translate(sql), path)


class Spark:
    """Spark SQL in local mode (pyspark), reading the Hive-partitioned Parquet directly."""

    name = "spark"

    def __init__(self):
        from pyspark.sql import SparkSession

        self.spark = (
            SparkSession.builder.master("local[2]")
            .appName("roi-sql-check")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.ui.showConsoleProgress", "false")
            # Partition values (platform=…, month=…) stay strings, as written.
            .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
            .getOrCreate()
        )
        self.spark.sparkContext.setLogLevel("ERROR")

    def table(self, parquet):
        return f"parquet.`{parquet}`"

    def query(self, sql):
        rows = self.spark.sql(sql.rstrip().rstrip(";")).collect()
        return [r.asDict() for r in rows]

    def to_csv(self, sql, path):
        rows = self.query(sql)
        write_csv(rows, path)


# Parquet (DuckDB) type -> PostgreSQL type, for the table the rows are loaded into.
PG_TYPES = {"DATE": "DATE", "VARCHAR": "TEXT", "BIGINT": "BIGINT", "INTEGER": "BIGINT",
            "SMALLINT": "BIGINT", "TINYINT": "BIGINT", "UBIGINT": "NUMERIC(20,0)",
            "UINTEGER": "BIGINT", "DOUBLE": "DOUBLE PRECISION", "FLOAT": "REAL", "BOOLEAN": "BOOLEAN"}


class Postgres:
    """PostgreSQL: the Parquet rows (read with DuckDB) are copied into a typed table.

    Connects with the libpq environment (PGHOST, PGUSER, PGDATABASE…), as set by
    scripts/scale-out-check, or with --postgres DSN.
    """

    name = "postgres"

    def __init__(self, dsn=""):
        import duckdb
        import psycopg

        self.con = psycopg.connect(dsn, autocommit=True)
        self.con.execute("SET TIME ZONE 'UTC'")
        self.duck = duckdb.connect()

    def table(self, parquet, name="roi_rows"):
        scan = f"read_parquet('{parquet}/**/*.parquet', hive_partitioning = true)"
        columns = self.duck.execute(f"DESCRIBE SELECT * FROM {scan}").fetchall()
        defs = []
        for column, kind, *_ in columns:
            kind = kind.upper()
            pg = kind.replace("DECIMAL", "NUMERIC") if kind.startswith("DECIMAL") else PG_TYPES.get(kind, "TEXT")
            defs.append(f'"{column}" {pg}')
        self.con.execute(f"DROP TABLE IF EXISTS {name}")
        self.con.execute(f"CREATE TABLE {name} ({', '.join(defs)})")
        cur = self.duck.execute(f"SELECT * FROM {scan}")
        with self.con.cursor().copy(f"COPY {name} FROM STDIN") as copy:
            while batch := cur.fetchmany(10000):
                for row in batch:
                    copy.write_row(row)
        self.con.execute(f"ANALYZE {name}")
        return name

    def query(self, sql):
        cur = self.con.execute(sql)
        names = [d.name for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def to_csv(self, sql, path):
        with open(path, "wb") as f, self.con.cursor().copy(
            f"COPY ({sql.rstrip().rstrip(';')}) TO STDOUT (FORMAT CSV, HEADER)"
        ) as copy:
            for data in copy:
                f.write(data)


def write_csv(rows, path):
    import csv

    with open(path, "w", newline="") as f:
        if not rows:
            return
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        for r in rows:
            w.writerow({k: ("" if v is None else v) for k, v in r.items()})


def number(v):
    if v is None:
        return None
    return float(v)


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


COMPARED = [0]


def compare(report, rows, by_names, kpis):
    """Differences between `roi report` groups and SQL rows, as messages."""
    problems = []
    got = {}
    for r in rows:
        key = tuple("" if r[n] is None else str(r[n]) for n in by_names)
        got[key] = r
    expected = {}
    for g in report["groups"]:
        key = tuple(g["key"].get(n, "") for n in by_names)
        # A period that only a stock carried into it reaches (rows 0) is no group
        # of a query over rows (README, `roi sql`: "a stock is carried into the
        # later periods"); a rollup's rows carry it.
        if g["rows"] == 0 and key not in got:
            continue
        expected[key] = g
    if set(expected) != set(got):
        problems.append(f"groups differ: roi {sorted(expected)} vs sql {sorted(got)}")
    for key in sorted(set(expected) & set(got)):
        g, r = expected[key], got[key]
        if r["rows"] is not None and int(r["rows"]) != g["rows"]:
            problems.append(f"{key}: rows roi {g['rows']} vs sql {r['rows']}")
        for k in kpis:
            want = g["values"][k]
            value = number(r[k])
            COMPARED[0] += want["value"] is not None
            if not close(want["value"], value):
                problems.append(f"{key} {k}: roi {want['value']} vs sql {value}")
                continue
            if want["value"] is not None:
                currency = r.get(f"{k}_currency")
                if want.get("currency") != currency:
                    problems.append(f"{key} {k}: currency roi {want.get('currency')} vs sql {currency}")
    return problems


def kpi_names(config):
    out = run([ROI, "kpis", "--format", "json"] + config_args(config))
    return [k["name"] for k in json.loads(out)["kpis"]]


def report(config, inputs, args):
    names = kpi_names(config)
    out = run([ROI, "report", "--format", "json", "--as-of", AS_OF, "--trend", "off",
               "--kpi", ",".join(names)] + config_args(config) + inputs + args)
    return json.loads(out), names


def normalize(config, inputs, tmp):
    out = Path(tmp) / "parquet"
    run([ROI, "normalize", "--format", "parquet", "--output", str(out)] + config_args(config) + inputs)
    return out


def by_of(args):
    if "--by" in args:
        return args[args.index("--by") + 1].split(",")
    return []


def check_case(engine, name, config, inputs, args, tmp):
    parquet = normalize(config, inputs, tmp)
    expected, names = report(config, inputs, args)
    sql = run([ROI, "sql", "--dialect", engine.name, "--table", engine.table(parquet)]
              + config_args(config) + args + names)
    rows = engine.query(sql)
    return compare(expected, rows, by_of(args), [n for n in names if n not in left_out(expected)])


def left_out(report):
    """Rates the report computed without a platform that has their numerator but no
    denominator (`ctr: twitter has clicks but no impressions: left out`): `roi sql`
    sums every platform's numerator (README, `roi sql`), so they are not compared."""
    return {n.split(":")[0] for n in report["notes"] if n.endswith(": left out")}


def export_left_out(report):
    """Rates the report computed without one export of a platform (`engagement_rate:
    facebook (Meta Ads Manager) has reach but no likes, ...: left out`): a rollup,
    like roi's own format, keeps the platform but not the export (README, `roi
    sql`), so `roi report` on it cannot leave one export out. Not compared there."""
    return {n.split(":")[0] for n in report["notes"]
            if n.endswith(": left out") and " (" in n.split(":")[1]}


def check_rollup(engine, name, config, inputs, args, keep, tmp):
    parquet = normalize(config, inputs, tmp)
    expected, names = report(config, inputs, args)
    keep_args = ["--by", ",".join(keep)] if keep else []
    sql = run([ROI, "sql", "--dialect", engine.name, "--rollup", "day", "--table", engine.table(parquet)]
              + config_args(config) + keep_args)
    rolled = Path(tmp) / "rollup.csv"
    engine.to_csv(sql, rolled)
    # The rollup replaces the inputs; roi.toml still gives the KPIs and goals.
    got, _ = report(config, [str(rolled)], args)
    problems = []
    rows = []
    for g in got["groups"]:
        row = dict(g["key"])
        row["rows"] = None
        for k in names:
            row[k] = g["values"][k]["value"]
            row[f"{k}_currency"] = g["values"][k].get("currency")
        rows.append(row)
    skipped = export_left_out(expected)
    for p in compare(expected, rows, by_of(args), [n for n in names if n not in skipped]):
        if " rows roi " not in p:  # a rollup row stands for many rows
            problems.append(p)
    # The goals of roi.toml (what `roi check` gates on) come out the same, but for
    # a rate that left an export out (see export_left_out).
    for want, have in zip(expected["goals"], got["goals"]):
        if any("export" in l for l in want.get("rate_left_out", [])):
            continue
        for field in ("id", "status", "current", "forecast", "data_through"):
            a, b = want.get(field), have.get(field)
            same = close(a, b) if isinstance(a, float) or isinstance(b, float) else a == b
            if not same:
                problems.append(f"goal {want['id']} {field}: roi {a} vs rollup {b}")
        COMPARED[0] += 1
    if len(expected["goals"]) != len(got["goals"]):
        problems.append(f"goals: {len(expected['goals'])} vs {len(got['goals'])}")
    return problems


def say(engine, name, problems):
    status = "ok" if not problems else "FAILED"
    print(f"{engine.name}: {name}: {status} ({COMPARED[0]} values)", flush=True)
    COMPARED[0] = 0
    for p in problems[:20]:
        print(f"    {p}")


def main():
    global ROI
    parser = argparse.ArgumentParser()
    parser.add_argument("--roi", default=str(ROOT / "target/debug/roi"))
    parser.add_argument("--engine", default="duckdb", choices=["duckdb", "bigquery", "spark", "postgres"])
    parser.add_argument("--postgres", default="", metavar="DSN",
                        help="PostgreSQL connection string (default: the PG* environment)")
    opts = parser.parse_args()
    ROI = str(Path(opts.roi).resolve())
    if opts.engine == "duckdb":
        engine = DuckDB()
    elif opts.engine == "bigquery":
        engine = BigQuery()
    elif opts.engine == "spark":
        engine = Spark()
    else:
        engine = Postgres(opts.postgres)
    results = []
    for name, config, inputs, args in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            results.append((name, check_case(engine, name, config, inputs, args, tmp)))
        say(engine, *results[-1])
    for name, config, inputs, args, keep in ROLLUP_CASES:
        with tempfile.TemporaryDirectory() as tmp:
            results.append((name, check_rollup(engine, name, config, inputs, args, keep, tmp)))
        say(engine, *results[-1])
    checked = len(results)
    failures = sum(1 for _, problems in results if problems)
    print(f"{engine.name}: {checked - failures} of {checked} cases equal to roi report")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
