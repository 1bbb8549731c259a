"""The blood-donation dataset: the ``drives`` table (one row per drive) and the ``panel`` view (one row per
reporting unit and year), with the columns the HTML report shows of it."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd
import pyarrow as pa

from pipeline.emit.schemas import FIGURE_STATUSES, STR, INT, FLOAT, col, register_table, review_cols
from pipeline.emit.tables import _best, _frame, _keyed, figure_year, integer, number, review_marks, text
from pipeline.model import Document, Figure

DRIVE_KINDS = ("units_received", "units_quota", "participants", "percent_of_plan", "drive_date", "drive_campaign")

DRIVES = pa.schema([
    col("doc_id", STR, required=True),
    col("year", INT),
    col("drive_no", INT, required=True),
    col("date", STR, "ISO date of the drive"),
    col("campaign", STR, "campaign name"),
    col("participants", INT),
    col("units_received", INT),
    col("units_quota", INT),
    col("percent_of_plan", FLOAT),
    col("status", STR, "held | planned", required=True, allowed=FIGURE_STATUSES),
    col("figure_keys", STR, "source figures, comma-separated", required=True),
    *review_cols("a source figure"),
])


def drives_table(docs: list[Document]) -> pd.DataFrame:
    groups: dict[tuple[str, int | None, int], dict[str, list[tuple[str, Figure]]]] = defaultdict(
        lambda: defaultdict(list))
    for doc, key, fig in _keyed(docs):
        drive_no = integer(fig.attrs.get("drive_no"))
        if fig.kind in DRIVE_KINDS and drive_no is not None:
            groups[(doc.doc_id, figure_year(doc, fig), drive_no)][fig.kind].append((key, fig))
    rows = []
    for (doc_id, year, drive_no), kinds in groups.items():
        figs = [f for members in kinds.values() for _, f in members]
        keys = sorted(k for members in kinds.values() for k, _ in members)
        explicit = [text(f.attrs.get("status")) for f in figs if text(f.attrs.get("status"))]
        planned = (explicit[0] == "planned") if explicit else any(bool(f.attrs.get("plan")) for f in figs)

        def val(kind: str, conv):
            best = _best(kinds.get(kind, []))
            return conv(best[1].value) if best else None

        rows.append(dict(
            doc_id=doc_id, year=year, drive_no=drive_no, date=val("drive_date", text),
            campaign=val("drive_campaign", text), participants=val("participants", integer),
            units_received=val("units_received", integer), units_quota=val("units_quota", integer),
            percent_of_plan=val("percent_of_plan", number), status="planned" if planned else "held",
            figure_keys=",".join(keys), **review_marks(*(f.review for f in figs)),
        ))
    rows.sort(key=lambda r: (r["doc_id"], r["year"] or 0, r["drive_no"]))
    return _frame("drives", rows)


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
names AS (SELECT unit_code, any_value(unit_name) AS unit_name FROM documents GROUP BY unit_code),
-- figures an auditor checked or corrected (the review stage): a panel row built from one is marked
marks AS (SELECT coalesce(list(figure_key) FILTER (reviewed), []) AS reviewed,
                 coalesce(list(figure_key) FILTER (corrected), []) AS corrected FROM figures),
panel_rows AS (SELECT
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
    flatten([coalesce(s.received_refs, []), coalesce(s.quota_refs, []), coalesce(s.participants_refs, []),
             coalesce(s.percent_refs, []), coalesce(s.drives_refs, []), coalesce(h.refs, []),
             coalesce(p.quota_refs, []), coalesce(p.drives_refs, []), coalesce(a.refs, [])]) AS all_refs
FROM keys k
LEFT JOIN names n USING (unit_code)
LEFT JOIN stated1 s USING (unit_code, year)
LEFT JOIN held h USING (unit_code, year)
LEFT JOIN plan1 p USING (unit_code, year)
LEFT JOIN award_sum a USING (unit_code, year))
SELECT r.* EXCLUDE (all_refs),
    list_sort(list_distinct([split_part(x, '#', 1) FOR x IN all_refs])) AS doc_ids,
    list_has_any(all_refs, m.reviewed) AS reviewed, list_has_any(all_refs, m.corrected) AS corrected
FROM panel_rows r, marks m
ORDER BY r.unit_code, r.year
"""

PANEL_COLUMNS = (  # (column, its refs column) as shown in the report
    ("unit_code", None), ("unit_name", None), ("year", None), ("quota", "quota_refs"), ("quota_source", None),
    ("quota_planned", "quota_planned_refs"), ("received", "received_refs"), ("percent", None),
    ("percent_claimed", "percent_refs"), ("participants", "participants_refs"), ("drives", "drives_refs"),
    ("drives_planned", "drives_planned_refs"), ("awards", "awards_refs"), ("doc_ids", None),
)

register_table("drives", DRIVES)
DATASETS = (("drives", drives_table),)
VIEWS = (PANEL_SQL,)
