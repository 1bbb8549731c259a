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
            for view in family_views():
                con.execute(view)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        tmp.with_name(tmp.name + ".wal").unlink(missing_ok=True)
        path.with_name(path.name + ".wal").unlink(missing_ok=True)


def family_views() -> list[str]:
    """SQL of every report family's views (the blood family's ``panel`` ...)."""
    from pipeline.families import FAMILIES

    return [sql for f in FAMILIES.values() for sql in f.views]


def _has_view(con, name: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = ?", [name]).fetchone()[0])


def export_panel(db: Path, out_dir: Path) -> None:
    """OUT/panel.parquet and OUT/panel.csv: the view materialised for readers without DuckDB."""
    with duckdb.connect(str(db), read_only=True) as con:
        if not _has_view(con, "panel"):
            return
        for ext, options in (("parquet", "FORMAT parquet"), ("csv", "FORMAT csv, HEADER true")):
            with atomic_path(out_dir / f"panel.{ext}") as tmp:
                con.execute(f"COPY (SELECT * FROM panel) TO '{_sql_string(tmp)}' ({options})")


def _sql_string(path: Path) -> str:
    return str(path).replace("'", "''")


def read_panel(path: Path) -> list[dict]:
    """The panel view's rows as dicts (lists stay lists, nulls are None)."""
    with duckdb.connect(str(path), read_only=True) as con:
        if not _has_view(con, "panel"):
            return []
        cur = con.execute("SELECT * FROM panel")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]
