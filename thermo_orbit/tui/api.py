"""Everything the terminal UI uses of the thermo-orbit package, in one module.

The package's modules are being moved into packages (``sizing.py`` to ``system/``, ...);
the old import paths keep working, and this is the only file of the UI that names them,
so re-pointing the UI is a change here only.  No physics here: loading, validating,
sizing, simulating and reading sweeps are the package's; this module only calls them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .._io import read_toml
from ..errors import InputError, ThermoOrbitError
from ..format import number
from ..materials import battery_not_sizable, list_materials
from ..orbit import beta_angle_over_year
from ..sizing import size
from ..sweeps import column_units, pareto_front, read_manifest, read_results, summarize
from ..system.design import Design, DesignError, default_design_path, flatten_table, save_design
from ..system.fields import FIELDS, MATERIAL_FIELDS, Field
from ..transient import simulate_orbit
from ..units import Q_

__all__ = ["FIELDS", "Field", "Design", "DesignError", "InputError", "ThermoOrbitError", "save_design", "size",
           "simulate_orbit", "beta_angle_over_year", "read_results", "pareto_front", "column_units",
           "summarize", "material_family", "material_choices", "validate", "read_raw_table", "examples_dir",
           "is_example", "example_paths", "year_history", "orbit_transient", "SweepData", "load_sweep",
           "is_sweep_dir", "sweep_row_table", "quantity", "number", "flatten_table"]

def material_family(path: str) -> str | None:
    """The materials family a field chooses from (``MATERIAL_FIELDS``), or None."""
    return MATERIAL_FIELDS.get(path)


def material_choices(family: str) -> list[str]:
    """The names offered for a material field: the one place the UI lists materials.
    Batteries that cannot be sized from the database alone are not offered
    (``thermo-orbit materials list battery`` says why)."""
    names = list(list_materials(family))
    if family == "battery":
        names = [n for n in names if battery_not_sizable(n) is None]
    return names


def validate(flat: dict[str, Any], path: Path | None) -> tuple[Design | None, list]:
    """A design from a flat table (``{"rack.power": "120 kW", "name": ...}``, values as a
    design file writes them), or None and every problem (``InputError`` with ``field``)."""
    try:
        return Design(values={}, path=path).with_fields(dict(flat)), []
    except DesignError as err:
        return None, list(err.problems)
    except ThermoOrbitError as err:
        return None, [err]


def read_raw_table(path: Path) -> dict:
    """The TOML table of a design file as written (errors and all), for opening a file
    that does not validate; a missing or malformed file raises ``DesignError`` naming it
    (the package's one TOML reader)."""
    try:
        return read_toml(path, "design file")
    except InputError as err:
        raise DesignError(str(path), [err]) from None


def examples_dir() -> Path:
    """The folder of the example designs shipped with the package."""
    return default_design_path().parent.resolve()


def is_example(path: Path | None) -> bool:
    """True for a file inside the shipped examples (opened read-only, saved only as a copy)."""
    if path is None:
        return False
    try:
        Path(path).resolve().relative_to(examples_dir())
    except ValueError:
        return False
    return True


def example_paths() -> list[Path]:
    """The shipped example designs."""
    return sorted(examples_dir().glob("*.toml"))


def quantity(values, unit: str):
    """Numbers with a unit written as the sweep's columns write it ("kg", "degC"), on the
    package's one unit registry."""
    return Q_(values, unit)


def year_history(design: Design):
    """Beta angle and eclipse over the first year of the design's orbit."""
    return beta_angle_over_year(design.orbit(), days=365)


def orbit_transient(design: Design, result):
    """The periodic orbit solution of a sized design."""
    return simulate_orbit(design, result)


# ---------------------------------------------------------------- sweeps


class SweepData:
    """What the UI shows of a finished sweep: its summary, the Pareto front as rows of
    plain values, the column units, and the base design's table (for picking a row)."""

    def __init__(self, directory: Path, summary, rows: list[dict], units: dict[str, str], base: dict):
        self.directory = directory
        self.summary = summary
        self.rows = rows
        self.units = units
        self.base = base

    @property
    def objectives(self) -> tuple[str, ...]:
        """Objective paths as the spec writes them ("-margins.freeze" maximises)."""
        return tuple(self.summary.objectives)

    @property
    def axes(self) -> tuple[str, ...]:
        """The design fields the sweep varied."""
        return tuple(self.summary.axes)


def is_sweep_dir(path: Path) -> bool:
    """A folder that holds a sweep's results."""
    return Path(path).is_dir() and (Path(path) / "manifest.json").is_file()


def load_sweep(directory: Path) -> SweepData:
    """Read a sweep's summary and Pareto front (may take a while: run it in a worker)."""
    directory = Path(directory)
    summary = summarize(directory)
    front = pareto_front(directory)
    rows = [] if front is None else front.to_pylist()
    # the base design is in the manifest the sweep writes (OUT/manifest.json, docs/sweeps.md)
    manifest = read_manifest(directory)
    return SweepData(directory, summary, rows, column_units(directory), manifest.get("base_design", {}))


def sweep_row_table(data: SweepData, row: dict) -> dict:
    """The nested design table of one sweep row: the base design with the row's axis values."""
    table = {k: dict(v) if isinstance(v, dict) else v for k, v in data.base.items()}
    for axis in data.axes:
        value, unit = row[axis], data.units.get(axis, "")
        text = value if isinstance(value, str) else (f"{float(value)!r} {unit}".strip() if unit else value)
        section, key = axis.split(".", 1)
        table.setdefault(section, {})[key] = text
    table["name"] = f"{data.summary.name} #{row['design_id']}"
    table["description"] = f"Design {row['design_id']} of sweep {data.summary.name!r} ({data.directory})."
    return table
