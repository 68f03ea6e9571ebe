"""Write one table as Parquet and CSV, atomically, with the declared column types."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from service.batch import tables
from service.batch.store import atomic_write, atomic_write_file


def write_table(out: Path, name: str, rows: list[dict[str, Any]]) -> None:
    table = pa.Table.from_pylist(rows, schema=tables.schema(name))
    atomic_write_file(out / f"{name}.parquet", lambda tmp: pq.write_table(table, tmp, compression="zstd"))
    atomic_write(out / f"{name}.csv", lambda fh: _write_csv(fh, name, rows))


def _write_csv(fh: Any, name: str, rows: list[dict[str, Any]]) -> None:
    cols = [c.name for c in tables.COLUMNS[name]]
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(cols)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in cols])


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
