"""Results users take elsewhere: tables as CSV with the unit of every column in its header
(``mass.total [kg]``), from a sweep's Parquet results, its Pareto front or an
optimisation's rows."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .._io import atomic_write_text
from .store import column_units, read_results

__all__ = ["header", "rows_csv", "table_csv", "write_results_csv"]


def header(name: str, unit: str) -> str:
    """A column header with its unit: ``"mass.total [kg]"``, ``"[-]"`` marks a dimensionless
    number; ``"feasible"`` (not a number) without one.

    >>> header("radiator.area", "m**2"), header("feasible", "")
    ('radiator.area [m**2]', 'feasible')
    """
    return f"{name} [{unit}]" if unit else name


def _cell(x) -> str:
    if isinstance(x, float):
        return "" if x != x else repr(x)  # NaN: an empty cell (no value)
    return "" if x is None else str(x)


def rows_csv(rows: list[dict], columns: list[str], units: dict[str, str]) -> str:
    """CSV text of ``rows`` (dicts) over ``columns``, units in the header."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([header(c, units.get(c, "")) for c in columns])
    for r in rows:
        w.writerow([_cell(r.get(c)) for c in columns])
    return buf.getvalue()


def table_csv(table, units: dict[str, str], with_header: bool = True) -> str:
    """CSV text of a pyarrow Table, units in the header (from ``units``)."""
    import pyarrow as pa

    cols = table.column_names
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    if with_header:  # a number without a unit is marked dimensionless, "[-]"
        w.writerow([header(c, units.get(c, "") or ("-" if pa.types.is_floating(table.schema.field(c).type) else ""))
                    for c in cols])
    data = [table.column(c).to_pylist() for c in cols]
    for row in zip(*data):
        w.writerow([_cell(x) for x in row])
    return buf.getvalue()


def write_results_csv(directory: str | Path, path: str | Path | None = None) -> Path:
    """Every row of a sweep's results as one CSV (``results.csv`` in the folder by
    default), chunk by chunk, units in the header."""
    directory = Path(directory)
    units = column_units(directory)
    parts = []
    for i, table in enumerate(read_results(directory)):
        parts.append(table_csv(table, units, with_header=i == 0))
    return atomic_write_text(Path(path) if path else directory / "results.csv", "".join(parts))
