"""Runs the README's counts SQL (tests/paths/counts.sql) in DuckDB on raw
paths, for tests/node/counts.test.mjs.

    python3 tests/paths/duckdb_counts.py PATHS.csv OUTCOMES.csv COUNTS.sql

PATHS.csv has path_id,position,channel (one row per touch), OUTCOMES.csv
path_id,converted (one row per customer path, converted 0 or 1). Prints the
counts CSV (kind,channel,next_channel,count) that Journey.fromCounts reads,
and the DuckDB version on stderr.
"""

import csv
import sys

import duckdb


def number(x) -> str:
    """An integer as one; any other double as the shortest text that reads
    back as the same double (repr)."""
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return repr(x)


def main() -> None:
    paths, outcomes, sql_file = sys.argv[1:4]
    with open(sql_file, encoding="utf-8") as f:
        sql = f.read()
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE paths AS SELECT * FROM read_csv(?, header = true, "
        "columns = {'path_id': 'BIGINT', 'position': 'INTEGER', 'channel': 'VARCHAR'})",
        [paths],
    )
    con.execute(
        "CREATE TABLE outcomes AS SELECT path_id, converted = 1 AS converted FROM read_csv(?, "
        "header = true, columns = {'path_id': 'BIGINT', 'converted': 'INTEGER'})",
        [outcomes],
    )
    rows = con.execute(sql).fetchall()
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["kind", "channel", "next_channel", "count"])
    for kind, channel, next_channel, count in rows:
        out.writerow([kind, channel, next_channel or "", number(count)])
    print(f"duckdb {duckdb.__version__}", file=sys.stderr)


if __name__ == "__main__":
    main()
