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
    rows = con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = ?", [name]).fetchall()
    return bool(rows[0][0])  # fetchall: DuckDB 2 keeps a result open until it is read to the end


def export_panel(db: Path, folder: Path) -> None:
    """FOLDER/panel.parquet and FOLDER/panel.csv: the view materialised for readers without DuckDB."""
    with duckdb.connect(str(db), read_only=True) as con:
        if not _has_view(con, "panel"):
            return
        table = con.sql("SELECT * FROM panel").to_arrow_table()
    write_table(table, folder, "panel")


def _sql_string(path: Path) -> str:
    """A path as an SQL string literal's content."""
    return str(path).replace("'", "''")


def connect_readonly(db: Path) -> duckdb.DuckDBPyConnection:
    """The dataset's DuckDB, read-only and confined to itself (``QUERY_CONFIG``): what `vnreports query` uses.

    The file is ATTACHed to an in-memory database, then the configuration is locked: DuckDB keeps one
    instance per opened path and process, and opening the path itself with another configuration than a
    connection held elsewhere in the process (the review desk's report thread) would fail."""
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH '{_sql_string(Path(db))}' AS dataset (READ_ONLY)")
        con.execute("USE dataset")
        for name, value in QUERY_CONFIG.items():
            if name != "lock_configuration":
                con.execute(f"SET {name} = {str(value).lower()}")
        if QUERY_CONFIG.get("lock_configuration"):
            con.execute("SET lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con


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
    """An output folder of the older layout (the files themselves in OUT/), or one copied with its links
    followed (OUT/dataset a plain folder), becomes a dataset folder with the same content; every step
    leaves the same old dataset readable (but for the instant OUT/dataset is renamed)."""
    link = out_dir / DATASET
    if link.is_symlink():
        return
    if link.is_dir():  # a copied output folder (links followed): OUT/dataset is a folder of its own
        legacy = out_dir / f"{STAGING_PREFIX}{uuid.uuid4().hex[:12]}"
        os.rename(link, legacy)  # becomes a dataset folder, then the link points at it
        _point(link, legacy.name)
        for name in sorted(os.listdir(legacy)):
            if (out_dir / name).is_file() and not (out_dir / name).is_symlink():
                _point(out_dir / name, f"{DATASET}/{name}")
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


def current_dataset(out_dir: Path) -> Path:
    """The folder holding the current dataset: where ``OUT/dataset`` points (``OUT`` itself in the older
    layout)."""
    link = Path(out_dir) / DATASET
    return Path(out_dir) / os.readlink(link) if link.is_symlink() else Path(out_dir)


def keep_report(out_dir: Path, staged: Path) -> Path | None:
    """The current report.html copied into ``staged`` (a dataset written without its report keeps the
    one it has until a new one is written over it); its path, or None when there is none."""
    current = current_dataset(out_dir) / "report.html"
    if not current.is_file():
        return None
    shutil.copy2(current, staged / "report.html")
    return staged / "report.html"


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
    with duckdb.connect(str(path), read_only=True) as con:  # as every internal reader opens it (one config per file)
        if not _has_view(con, "panel"):
            return []
        cur = con.execute("SELECT * FROM panel")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]
