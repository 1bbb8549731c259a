"""Write the dataset: Parquet + CSV per table and one DuckDB file holding every table and the ``panel`` view.

Every file is written to a temporary name and moved into place, so a re-run replaces the dataset
whole and a crash never leaves half of one.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from pipeline.emit.schemas import SCHEMAS, validate
from pipeline.fsio import atomic_path

DB_NAME = "vnreports.duckdb"

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


def write_dataset(frames: dict[str, pd.DataFrame], out_dir: Path) -> dict[str, pa.Table]:
    """Validate every table, then write OUT/<table>.parquet, OUT/<table>.csv, OUT/vnreports.duckdb and
    the panel view as OUT/panel.parquet and OUT/panel.csv."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tables = {name: validate(name, frames[name]) for name in SCHEMAS}  # all checked before anything is written
    for name, table in tables.items():
        with atomic_path(out_dir / f"{name}.parquet") as tmp:
            pq.write_table(table, tmp)
        with atomic_path(out_dir / f"{name}.csv") as tmp:
            pacsv.write_csv(table, tmp)
    write_database(tables, out_dir / DB_NAME)
    export_panel(out_dir / DB_NAME, out_dir)
    return tables


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


def export_panel(db: Path, out_dir: Path) -> None:
    """OUT/panel.parquet and OUT/panel.csv: the view materialised for readers without DuckDB."""
    with duckdb.connect(str(db), read_only=True) as con:
        for ext, options in (("parquet", "FORMAT parquet"), ("csv", "FORMAT csv, HEADER true")):
            with atomic_path(out_dir / f"panel.{ext}") as tmp:
                con.execute(f"COPY (SELECT * FROM panel) TO '{_sql_string(tmp)}' ({options})")


def _sql_string(path: Path) -> str:
    return str(path).replace("'", "''")


def read_panel(path: Path) -> list[dict]:
    """The panel view's rows as dicts (lists stay lists, nulls are None)."""
    with duckdb.connect(str(path), read_only=True) as con:
        cur = con.execute("SELECT * FROM panel")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]
