"""Write the dataset: Parquet + CSV per table and one DuckDB file holding every table and the ``panel`` view.

The dataset is one unit. A run writes every file of it (tables, DuckDB, report) into a fresh folder
``OUT/.dataset-XXXX``, then ``publish`` swaps the symbolic link ``OUT/dataset`` to it in one
``os.replace``: a reader, or a run killed at any moment, sees the old dataset or the new one, never a mix.
``OUT/<file>`` are fixed links through ``OUT/dataset/`` (``OUT/vnreports.duckdb -> dataset/vnreports.duckdb``),
so the paths users know stay the same and change all together.

CSV files are for spreadsheets: a text cell that starts like a formula (``= + - @``, tab, carriage return)
gets a leading apostrophe there (``csv_safe``); Parquet and DuckDB keep the exact values.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Callable

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from pipeline.emit.schemas import SCHEMAS, validate
from pipeline.fsio import _umask, atomic_path

DB_NAME = "vnreports.duckdb"
DATASET = "dataset"  # OUT/dataset -> .dataset-XXXX, the current dataset
STAGING_PREFIX = ".dataset-"
_FORMULA_START = r"[=+\-@\t\r]"  # what a spreadsheet reads as the start of a formula (OWASP: CSV injection)
_FORMULA = re.compile("^" + _FORMULA_START)
# read-only, no file system beyond the database file: no COPY, ATTACH, read_csv('/any/path'), extensions
QUERY_CONFIG = {
    "enable_external_access": False,
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
    "lock_configuration": True,
}
_FAULT: Callable[[str], None] | None = None  # tests: called at every step of writing, may raise (a "kill")


def _step(name: str) -> None:
    if _FAULT is not None:
        _FAULT(name)

# One row per reporting unit and year. Actual values come from the report about that year (a year
# total it states, else the sum over its held drives); the quota falls back to the plan that an
# earlier report (or a plan issued in that year) gave for the year. Every value column has a
# *_refs column listing the figure_key(s) it came from (figures.figure_key).
PANEL_SQL = """
CREATE VIEW panel AS
WITH fig AS (
    SELECT f.*, d.unit_code, d.unit_name, d.report_year AS doc_year, d.date AS doc_date
    FROM figures f JOIN documents d USING (doc_id)
    WHERE f.year IS NOT NULL AND d.copy_of IS NULL  -- each report once: its primary copy
),
-- year totals a report states as actuals: one figure per (unit, year, kind), preferring the report
-- about that year, then the most confident figure, then the latest report, then the first in the text
stated AS (
    SELECT unit_code, year, kind, value_num, figure_key,
           row_number() OVER (PARTITION BY unit_code, year, kind
               ORDER BY (doc_year IS NOT DISTINCT FROM year) DESC, confidence DESC, doc_date DESC NULLS LAST,
                        doc_id, page, line, char_start) AS rk
    FROM fig
    WHERE NOT plan AND drive_no IS NULL AND value_num IS NOT NULL
      AND kind IN ('units_received', 'units_quota', 'participants', 'percent_of_plan', 'drive_count')
),
stated1 AS (
    SELECT unit_code, year,
        max(value_num) FILTER (kind = 'units_received') AS received,
        list(figure_key) FILTER (kind = 'units_received') AS received_refs,
        max(value_num) FILTER (kind = 'units_quota') AS quota,
        list(figure_key) FILTER (kind = 'units_quota') AS quota_refs,
        max(value_num) FILTER (kind = 'participants') AS participants,
        list(figure_key) FILTER (kind = 'participants') AS participants_refs,
        max(value_num) FILTER (kind = 'percent_of_plan') AS percent_claimed,
        list(figure_key) FILTER (kind = 'percent_of_plan') AS percent_refs,
        max(value_num) FILTER (kind = 'drive_count') AS drives,
        list(figure_key) FILTER (kind = 'drive_count') AS drives_refs
    FROM stated WHERE rk = 1 GROUP BY unit_code, year
),
-- drives of one document per (unit, year, status): held drives from the report about that year,
-- planned drives from a report before that year; then the latest such document
drive_docs AS (
    SELECT dr.*, d.unit_code, d.report_year AS doc_year,
           dense_rank() OVER (PARTITION BY d.unit_code, dr.year, dr.status
               ORDER BY CASE WHEN dr.status = 'held' THEN d.report_year IS NOT DISTINCT FROM dr.year
                             ELSE coalesce(d.report_year < dr.year, false) END DESC,
                        d.date DESC NULLS LAST, d.doc_id) AS rk
    FROM drives dr JOIN documents d USING (doc_id)
    WHERE dr.year IS NOT NULL AND d.copy_of IS NULL
),
held AS (
    SELECT unit_code, year,
        CASE WHEN count(units_received) = count(*) THEN sum(units_received) END AS received,
        CASE WHEN count(units_quota) = count(*) THEN sum(units_quota) END AS quota,
        CASE WHEN count(participants) = count(*) THEN sum(participants) END AS participants,
        count(*) AS drives,
        string_split(string_agg(figure_keys, ',' ORDER BY drive_no), ',') AS refs
    FROM drive_docs WHERE status = 'held' AND rk = 1 GROUP BY unit_code, year
),
-- the plan for a year: a planned year quota, else the sum of planned drives; stated in a report of an
-- earlier year (report N-1) when there is one, else in a plan issued during the year; the latest first
plan_total AS (
    SELECT unit_code, year, kind, value_num, figure_key,
           row_number() OVER (PARTITION BY unit_code, year, kind
               ORDER BY coalesce(doc_year < year, false) DESC, doc_date DESC NULLS LAST, confidence DESC,
                        doc_id, page, line, char_start) AS rk
    FROM fig
    WHERE plan AND drive_no IS NULL AND value_num IS NOT NULL AND kind IN ('units_quota', 'drive_count')
      AND (doc_year IS NULL OR doc_year <= year)
),
planned_drives AS (
    SELECT unit_code, year,
        CASE WHEN count(units_quota) = count(*) THEN sum(units_quota) END AS quota,
        count(*) AS drives,
        string_split(string_agg(figure_keys, ',' ORDER BY drive_no), ',') AS refs
    FROM drive_docs
    WHERE status = 'planned' AND rk = 1 AND (doc_year IS NULL OR doc_year <= year)
    GROUP BY unit_code, year
),
plan1 AS (
    SELECT coalesce(t.unit_code, p.unit_code) AS unit_code, coalesce(t.year, p.year) AS year,
        coalesce(t.quota, p.quota) AS quota,
        CASE WHEN t.quota IS NOT NULL THEN t.quota_refs ELSE p.refs END AS quota_refs,
        coalesce(t.drives, p.drives) AS drives,
        CASE WHEN t.drives IS NOT NULL THEN t.drives_refs ELSE p.refs END AS drives_refs
    FROM (SELECT unit_code, year,
              max(value_num) FILTER (kind = 'units_quota') AS quota,
              list(figure_key) FILTER (kind = 'units_quota') AS quota_refs,
              max(value_num) FILTER (kind = 'drive_count') AS drives,
              list(figure_key) FILTER (kind = 'drive_count') AS drives_refs
          FROM plan_total WHERE rk = 1 GROUP BY unit_code, year) t
    FULL JOIN planned_drives p ON t.unit_code = p.unit_code AND t.year = p.year
),
-- awards of one document per (unit, year), as for held drives
award_docs AS (
    SELECT a.*, d.unit_code,
           dense_rank() OVER (PARTITION BY d.unit_code, a.year
               ORDER BY (d.report_year IS NOT DISTINCT FROM a.year) DESC, d.date DESC NULLS LAST, d.doc_id) AS rk
    FROM awards a JOIN documents d USING (doc_id)
    WHERE a.kind = 'award_count' AND a.year IS NOT NULL AND d.copy_of IS NULL
),
award_sum AS (
    SELECT unit_code, year, sum(recipients) AS awards, list(figure_key ORDER BY figure_key) AS refs
    FROM award_docs WHERE rk = 1 GROUP BY unit_code, year
),
keys AS (
    SELECT unit_code, year FROM stated1 UNION SELECT unit_code, year FROM held
    UNION SELECT unit_code, year FROM plan1 UNION SELECT unit_code, year FROM award_sum
),
names AS (SELECT unit_code, any_value(unit_name) AS unit_name FROM documents GROUP BY unit_code)
SELECT
    k.unit_code, n.unit_name, k.year,
    coalesce(s.quota, h.quota, p.quota)::BIGINT AS quota,
    CASE WHEN s.quota IS NOT NULL THEN 'report' WHEN h.quota IS NOT NULL THEN 'drives'
         WHEN p.quota IS NOT NULL THEN 'plan' END AS quota_source,
    CASE WHEN s.quota IS NOT NULL THEN s.quota_refs WHEN h.quota IS NOT NULL THEN h.refs
         ELSE p.quota_refs END AS quota_refs,
    p.quota::BIGINT AS quota_planned, p.quota_refs AS quota_planned_refs,
    coalesce(s.received, h.received)::BIGINT AS received,
    CASE WHEN s.received IS NOT NULL THEN s.received_refs WHEN h.received IS NOT NULL THEN h.refs
         END AS received_refs,
    round(100.0 * coalesce(s.received, h.received) / nullif(coalesce(s.quota, h.quota, p.quota), 0), 1)
        AS percent,
    s.percent_claimed, s.percent_refs,
    coalesce(s.participants, h.participants)::BIGINT AS participants,
    CASE WHEN s.participants IS NOT NULL THEN s.participants_refs WHEN h.participants IS NOT NULL THEN h.refs
         END AS participants_refs,
    coalesce(s.drives, h.drives)::BIGINT AS drives,
    CASE WHEN s.drives IS NOT NULL THEN s.drives_refs WHEN h.drives IS NOT NULL THEN h.refs END AS drives_refs,
    p.drives::BIGINT AS drives_planned, p.drives_refs AS drives_planned_refs,
    a.awards::BIGINT AS awards, a.refs AS awards_refs,
    list_sort(list_distinct([split_part(r, '#', 1) FOR r IN
        flatten([coalesce(s.received_refs, []), coalesce(s.quota_refs, []), coalesce(s.participants_refs, []),
                 coalesce(s.percent_refs, []), coalesce(s.drives_refs, []), coalesce(h.refs, []),
                 coalesce(p.quota_refs, []), coalesce(p.drives_refs, []), coalesce(a.refs, [])])])) AS doc_ids
FROM keys k
LEFT JOIN names n USING (unit_code)
LEFT JOIN stated1 s USING (unit_code, year)
LEFT JOIN held h USING (unit_code, year)
LEFT JOIN plan1 p USING (unit_code, year)
LEFT JOIN award_sum a USING (unit_code, year)
ORDER BY k.unit_code, k.year
"""


def validate_tables(frames: dict[str, pd.DataFrame]) -> dict[str, pa.Table]:
    """Every table checked against its schema (TableSchemaError on the first breach)."""
    return {name: validate(name, frames[name]) for name in SCHEMAS}


def write_dataset(frames: dict[str, pd.DataFrame], folder: Path) -> dict[str, pa.Table]:
    """Validate every table, then write FOLDER/<table>.parquet, FOLDER/<table>.csv, FOLDER/vnreports.duckdb
    and the panel view as FOLDER/panel.parquet and FOLDER/panel.csv (FOLDER: a staging folder)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tables = validate_tables(frames)  # all checked before anything is written
    for name, table in tables.items():
        write_table(table, folder, name)
    write_database(tables, folder / DB_NAME)
    _step("database")
    export_panel(folder / DB_NAME, folder)
    return tables


def write_table(table: pa.Table, folder: Path, name: str) -> None:
    """FOLDER/<name>.parquet (exact values) and FOLDER/<name>.csv (formula-safe)."""
    with atomic_path(folder / f"{name}.parquet") as tmp:
        pq.write_table(table, tmp)
    _step(f"{name}.parquet")
    with atomic_path(folder / f"{name}.csv") as tmp:
        pacsv.write_csv(csv_safe(table), tmp)
    _step(f"{name}.csv")


def csv_cell(value: str) -> str:
    """A text cell as a spreadsheet may show it: an apostrophe before a formula-like start."""
    return "'" + value if _FORMULA.match(value) else value


def _list_text(column: pa.ChunkedArray) -> pa.Array:
    return pa.array([None if v is None else "[" + ", ".join("" if x is None else str(x) for x in v) + "]"
                     for v in column.to_pylist()], pa.string())


def csv_safe(table: pa.Table) -> pa.Table:
    """``table`` for a CSV file: lists as ``[a, b]`` text, text cells neutralised as ``csv_cell`` does."""
    columns = []
    for field, column in zip(table.schema, table.columns):
        if pa.types.is_list(field.type) or pa.types.is_large_list(field.type):
            column = _list_text(column)
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            column = pc.replace_substring_regex(column, pattern=f"^({_FORMULA_START})", replacement="'\\1")
        columns.append(column)
    return pa.table(columns, names=table.schema.names)


def write_database(tables: dict[str, pa.Table], path: Path) -> None:
    """A fresh DuckDB file with every table and the panel view, swapped in for the old one."""
    with atomic_path(path) as tmp:
        tmp.unlink()  # DuckDB creates its own file
        con = duckdb.connect(str(tmp))
        try:
            for name, table in tables.items():
                con.register("incoming", table)
                con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM incoming')
                con.unregister("incoming")
            con.execute(PANEL_SQL)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        tmp.with_name(tmp.name + ".wal").unlink(missing_ok=True)
        path.with_name(path.name + ".wal").unlink(missing_ok=True)


def _has_view(con, name: str) -> bool:
    rows = con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = ?", [name]).fetchall()
    return bool(rows[0][0])  # fetchall: DuckDB 2 keeps a result open until it is read to the end


def export_panel(db: Path, folder: Path) -> None:
    """FOLDER/panel.parquet and FOLDER/panel.csv: the view materialised for readers without DuckDB."""
    with duckdb.connect(str(db), read_only=True) as con:
        if not _has_view(con, "panel"):
            return
        table = con.sql("SELECT * FROM panel").to_arrow_table()
    write_table(table, folder, "panel")


def connect_readonly(db: Path) -> duckdb.DuckDBPyConnection:
    """The dataset's DuckDB, read-only and confined to itself (``QUERY_CONFIG``): what `vnreports query` uses."""
    return duckdb.connect(str(db), read_only=True, config=QUERY_CONFIG)


# -- the dataset as one unit -----------------------------------------------------------------------
def staging_dir(out_dir: Path) -> Path:
    """A fresh folder for the next dataset, unique to this call (``OUT/.dataset-XXXX``)."""
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out_dir))
    os.chmod(folder, 0o777 & ~_umask())  # mkdtemp makes it private; a dataset is as readable as its files
    return folder


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _point(link: Path, target: str) -> None:
    """Make ``link`` a symbolic link to ``target`` in one step (a new link renamed over the old name)."""
    if link.is_symlink() and os.readlink(link) == target:
        return
    tmp = link.with_name(f".{link.name}.{uuid.uuid4().hex[:12]}.lnk")
    os.symlink(target, tmp)
    try:
        os.replace(tmp, link)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _dataset_names() -> set[str]:
    names = {f"{t}.{ext}" for t in (*SCHEMAS, "panel") for ext in ("parquet", "csv")}
    return names | {DB_NAME, "report.html"}


def _adopt_legacy(out_dir: Path) -> None:
    """An output folder of the older layout (the files themselves in OUT/) becomes a dataset folder
    with the same content, file by file; every step leaves the same old dataset readable."""
    link = out_dir / DATASET
    if link.is_symlink():
        return
    old = [n for n in sorted(_dataset_names()) if (out_dir / n).is_file() and not (out_dir / n).is_symlink()]
    if not old:
        return
    legacy = staging_dir(out_dir)
    for name in old:
        try:
            os.link(out_dir / name, legacy / name)
        except OSError:
            shutil.copy2(out_dir / name, legacy / name)
    _point(link, legacy.name)
    for name in old:
        _point(out_dir / name, f"{DATASET}/{name}")


def publish(out_dir: Path, staged: Path) -> None:
    """Make the complete dataset in ``staged`` the current one: one rename of the link ``OUT/dataset``,
    then the fixed links ``OUT/<file>`` (new names only), then the old dataset folders are removed."""
    out_dir, staged = Path(out_dir), Path(staged)
    _adopt_legacy(out_dir)
    _step("adopted")
    _fsync_dir(staged)
    _point(out_dir / DATASET, staged.name)  # the moment the dataset changes
    _fsync_dir(out_dir)
    _step("swapped")
    names = set(os.listdir(staged))
    for name in sorted(names):
        _point(out_dir / name, f"{DATASET}/{name}")
    for name in sorted(_dataset_names() - names):  # a file the new dataset no longer has
        p = out_dir / name
        if p.is_symlink() and os.readlink(p) == f"{DATASET}/{name}":
            p.unlink()
    _step("linked")
    discard_staging(out_dir, keep=staged.name)


def discard_staging(out_dir: Path, keep: str | None = None) -> None:
    """Remove dataset folders other than ``keep`` (earlier datasets, a killed run's half-written one)."""
    current = os.readlink(out_dir / DATASET) if (out_dir / DATASET).is_symlink() else None
    for p in Path(out_dir).glob(STAGING_PREFIX + "*"):
        if p.name not in (keep, current) and p.is_dir() and not p.is_symlink():
            shutil.rmtree(p, ignore_errors=True)


def read_panel(path: Path) -> list[dict]:
    """The panel view's rows as dicts (lists stay lists, nulls are None)."""
    with connect_readonly(Path(path)) as con:
        if not _has_view(con, "panel"):
            return []
        cur = con.execute("SELECT * FROM panel")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]
