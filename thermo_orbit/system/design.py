"""Design files: TOML with units written as strings, validated field by field.

A design is read with :func:`load_design`, which reports every problem at once, each
with its field path as written in the file (``orbit.altitude``), the value and the
expected unit or range; an unknown key gets a "did you mean" suggestion.  Only TOML is
read: no pickle, no code execution.

The field table (path, unit, range, default and its source) is
:data:`thermo_orbit.fields.FIELDS`, re-exported here.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pint

from ..errors import InputError
from ..orbit import CircularOrbit
from ..timescales import to_datetime64
from ..uncertain import nominal_text, parse_uncertain
from ..units import parse_quantity, unit_text
from .fields import FIELDS, Field

__all__ = ["Field", "FIELDS", "Design", "DesignError", "load_design", "save_design", "parse_design",
           "default_design_path", "flatten_table", "MAX_PROBLEMS"]


class DesignError(InputError):
    """One or more problems in a design; ``problems`` lists each :class:`InputError` (at
    most :data:`MAX_PROBLEMS`; ``more`` counts the problems found beyond them)."""

    def __init__(self, source: str, problems: list[InputError], more: int = 0):
        self.problems = problems
        self.more = more
        if len(problems) == 1 and not more and problems[0].field == "file":  # the file itself: one line
            message = str(problems[0])
        else:
            lines = "\n".join(f"  - {p}" for p in problems)
            if more:
                lines += f"\n  ... and {more:,} more"
            total = len(problems) + more
            noun = "problem" if total == 1 else "problems"
            message = f"{source}: {total:,} {noun}:\n{lines}"
        super().__init__(problems[0].field, problems[0].value, problems[0].expected, message)


#: problems reported in full; beyond these a design error only counts them
MAX_PROBLEMS = 50


@dataclass(frozen=True)
class Design:
    """A validated design: ``values`` maps field paths to Quantities (or text/bool/int),
    defaults filled in; ``table`` is the TOML table as written (what :func:`save_design`
    writes back); ``defaults_used`` lists the fields that took their default."""

    values: dict[str, Any]
    path: Path | None = None
    table: dict = field(default_factory=dict, compare=False, repr=False)
    defaults_used: tuple[str, ...] = field(default=(), compare=False)

    def with_values(self, **changes: Any) -> Design:
        """A new design with fields changed, given by path with dots as ``__``
        (``rack__power="150 kW"``) or as a dict ``{"rack.power": "150 kW"}`` via
        :meth:`with_fields`.  The result is validated like a loaded file."""
        return self.with_fields({k.replace("__", "."): v for k, v in changes.items()})

    def with_fields(self, changes: dict[str, Any]) -> Design:
        """A new design with the fields in ``changes`` (path → value as in a design file,
        or a Quantity) set; validated like a loaded file (raises :class:`DesignError`)."""
        table = {k: dict(v) if isinstance(v, dict) else v for k, v in self.table.items()}
        for path, value in changes.items():
            if isinstance(value, pint.Quantity):
                value = _quantity_text(value)
            if "." in path:
                section, key = path.split(".", 1)
                table.setdefault(section, {})[key] = value
            else:
                table[path] = value
        new = parse_design(table, str(self.path) if self.path else "design")
        return Design(new.values, self.path, new.table, new.defaults_used)

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    @property
    def name(self) -> str:
        """The design's ``name`` field."""
        return self.values["name"]

    def orbit(self) -> CircularOrbit:
        """The design's orbit as a :class:`CircularOrbit` at mission start."""
        v = self.values
        if v["orbit.sun_synchronous"]:
            return CircularOrbit.sun_synchronous(v["orbit.altitude"], v["orbit.ltan"], v["orbit.mission_start"])
        return CircularOrbit(v["orbit.altitude"], v["orbit.inclination"], v["orbit.raan"], v["orbit.mission_start"])


def flatten_table(table: dict) -> dict[str, Any]:
    """``{"orbit": {"altitude": ...}, "name": ...}`` to ``{"orbit.altitude": ..., "name": ...}``
    (one level of sections)."""
    out: dict[str, Any] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            out.update({f"{key}.{sub}": v for sub, v in value.items()})
        else:
            out[key] = value
    return out


def _quantity_text(q: pint.Quantity) -> str:
    """A Quantity as design-file text that reads back to the same value (repr of the float)."""
    unit = unit_text(q.units)
    return f"{float(q.magnitude)!r} {unit}".strip()


def _fraction_of(field: Field, q: pint.Quantity, raw: Any) -> pint.Quantity:
    """A field that also takes a fraction of another field: the fraction, checked in [0, 1]."""
    if not 0.0 <= float(q.magnitude) <= 1.0:
        raise InputError(field.path, raw,
                         f"a fraction of {field.fraction_of} from 0 to 1, or a quantity in {field.unit}")
    return q


def _nominal_of(field: Field, raw: Any) -> Any:
    """A value written with its uncertainty (``"0.91 ± 0.02"``, ``"uniform(...)"``,
    :mod:`thermo_orbit.uncertain`): the nominal is what is sized; the distribution is read
    again from the design's table by ``size --uncertainty``."""
    try:
        u = parse_uncertain(raw)
        if u is not None and field.unit is not None:
            u.to(field.unit)
    except (ValueError, pint.DimensionalityError) as err:
        raise InputError(field.path, raw, f'a quantity, or one with its uncertainty ("{_example(field)} ± ...")',
                         f"{field.path}: cannot read {raw!r} as an uncertain quantity: {err}") from None
    return nominal_text(raw)


def _parse_quantity(field: Field, raw: Any) -> pint.Quantity:
    raw = _nominal_of(field, raw)
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and (field.unit == "" or field.fraction_of):
        raw = repr(float(raw))
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        raise InputError(field.path, raw, f'a quantity with a unit, such as "{_example(field)}"',
                         f'{field.path}: expected a quantity with a unit such as "{_example(field)}", '
                         f"got {raw!r} (a plain number)")
    if not isinstance(raw, str):
        raise InputError(field.path, raw, f'a quantity written as a string, such as "{_example(field)}"')
    try:
        q = parse_quantity(raw)
    except ValueError:
        raise InputError(field.path, raw, f'a quantity such as "{_example(field)}"',
                         f'{field.path}: cannot read {raw!r} as a quantity; write it like '
                         f'"{_example(field)}"') from None
    if field.fraction_of and q.dimensionless:
        return _fraction_of(field, q, raw)
    try:
        mag = q.to(field.unit).magnitude
    except pint.DimensionalityError:
        raise InputError(field.path, raw, f"a quantity in {field.unit}",
                         f'{field.path}: expected a quantity convertible to {field.unit} such as '
                         f'"{_example(field)}", got {raw!r} (dimension {q.dimensionality})') from None
    field.check(mag, item="value")
    return q


def _example(field: Field) -> str:
    if field.example:
        return field.example
    if field.default is not None and isinstance(field.default, str):
        return field.default
    mid = field.low if field.low not in (None, 0.0) else (field.high or 1.0) / 10
    return f"{mid:g} {field.unit}"


def _parse_value(field: Field, raw: Any) -> Any:
    if field.unit is not None:
        return _parse_quantity(field, raw)
    field.check([raw])  # type, range and choices, naming the field
    return raw


def _unknown_field(path: str, raw: Any) -> InputError:
    """An unknown key, with the closest known field when one is close."""
    shown = path if len(path) <= 80 else path[:77] + "..."
    close = difflib.get_close_matches(path, FIELDS.keys(), n=1, cutoff=0.6) if len(path) <= 200 else []
    hint = f'; did you mean "{close[0]}"?' if close else ""
    return InputError(shown, raw, "a known field", f"{shown}: unknown field{hint}")


def parse_design(table: dict, source: str = "design") -> Design:
    """Validate a parsed TOML table; raise :class:`DesignError` listing every problem (the
    first :data:`MAX_PROBLEMS` in full, the rest counted)."""
    problems: list[InputError] = []
    more = 0

    def add(problem: InputError | None, path: str = "", raw: Any = None) -> None:
        nonlocal more
        if len(problems) >= MAX_PROBLEMS:
            more += 1
        else:
            problems.append(problem or _unknown_field(path, raw))

    flat = flatten_table(table)
    values: dict[str, Any] = {}
    for path, raw in flat.items():
        field = FIELDS.get(path)
        if field is None:
            add(None, path, raw)  # the suggestion is looked for only for the problems shown
            continue
        try:
            values[path] = _parse_value(field, raw)
        except InputError as err:
            add(err)
    defaults_used = []
    for path, fld in FIELDS.items():
        if path in values or path in flat:
            continue
        if fld.required:
            add(InputError(path, None, f"a value in {fld.unit}",
                           f'{path}: missing; expected a value such as "{_example(fld)}"'))
        elif fld.default is not None:
            values[path] = _parse_value(fld, fld.default)
            defaults_used.append(path)
        else:
            values[path] = None
    if not problems:
        problems.extend(_cross_checks(values))
    if not problems:
        from .inputs import check_sizable  # what sizing needs of the database records and the geometry

        problems.extend(check_sizable(values))
    if problems:
        raise DesignError(source, problems, more)
    return Design(values, None, table, tuple(defaults_used))


def _cross_checks(v: dict[str, Any]) -> list[InputError]:
    """Problems of fields that are valid alone but not together."""
    problems = []
    try:
        to_datetime64(v["orbit.mission_start"], "orbit.mission_start")
    except InputError:
        problems.append(InputError("orbit.mission_start", v["orbit.mission_start"], "a UTC date and time",
                                   'orbit.mission_start: expected a UTC date and time such as "2027-01-01T00:00:00" '
                                   f"(ISO 8601), got {v['orbit.mission_start']!r}"))
    if v.get("orbit.sun_synchronous"):
        if not problems:  # the node follows from the mission start: checked once that reads
            try:
                CircularOrbit.sun_synchronous(v["orbit.altitude"], v["orbit.ltan"], v["orbit.mission_start"])
            except InputError as err:
                problems.append(InputError(f"orbit.{err.field}" if "." not in err.field else err.field,
                                           err.value, err.expected, f"orbit.{err}"))
    elif v.get("orbit.inclination") is None:
        problems.append(InputError("orbit.inclination", None, "an inclination",
                                   'orbit.inclination: missing; give it (e.g. "51.6 deg") '
                                   "or set orbit.sun_synchronous = true"))
    if v.get("radiator.orientation") == "tilted" and v.get("radiator.tilt") is None:
        problems.append(InputError("radiator.tilt", None, "a tilt for a tilted radiator",
                                   'radiator.tilt: missing; radiator.orientation = "tilted" needs the tilt of '
                                   'face A from nadir, e.g. "30 deg"'))
    if v.get("power.pointing") == "fixed" and v.get("power.array_tilt") is None:
        problems.append(InputError("power.array_tilt", None, "a tilt for a fixed array",
                                   'power.array_tilt: missing; power.pointing = "fixed" needs the tilt of the '
                                   'array normal from nadir, e.g. "90 deg"'))
    e, p = v.get("rack.eclipse_power"), v.get("rack.power")
    if e is not None and p is not None and not e.dimensionless and e.to("kW").magnitude > p.to("kW").magnitude:
        problems.append(InputError("rack.eclipse_power", e, "at most rack.power",
                                   f"rack.eclipse_power: {e:~P} is above rack.power ({p:~P}); the racks draw at most "
                                   "their full power in eclipse (give a power up to rack.power or a fraction)"))
    if v.get("power.battery_redundancy") and v.get("power.battery_count", 2) < 2:
        problems.append(InputError("power.battery_count", v["power.battery_count"], "at least 2 with redundancy",
                                   f"power.battery_count: {v['power.battery_count']} battery cannot be sized with "
                                   "one out (power.battery_redundancy = true); give at least 2 batteries or set "
                                   "power.battery_redundancy = false"))
    return problems


def read_toml(path: str | Path, what: str = "design file") -> dict:
    """The TOML table of ``path`` (:func:`thermo_orbit._io.read_toml`: UTF-8, a byte-order
    mark skipped); a missing, unreadable, non-UTF-8 or malformed file raises
    :class:`DesignError` with one line naming it (``what``: "design file", "sweep spec")."""
    from .._io import read_toml as _read

    try:
        return _read(path, what)
    except InputError as err:
        raise DesignError(str(path), [err]) from None


def load_design(path: str | Path) -> Design:
    """Read and validate a design TOML file.

    Raises
    ------
    DesignError
        listing every problem with its field path; also for a missing or unreadable file.
    """
    path = Path(path)
    table = read_toml(path)
    design = parse_design(table, str(path))
    return Design(design.values, path, design.table, design.defaults_used)


def save_design(design: Design, path: str | Path) -> Path:
    """Write ``design`` to ``path`` as TOML, atomically (temporary file in the same folder,
    flushed and synced, then renamed over the target), so a crash never leaves a half
    file.  Comments and layout of the file the design was loaded from are kept (tomlkit);
    the values written are the design's table, which reads back to the same design.

    An existing file keeps its mode; a symbolic link is written through to its target
    (the link stays a link); ``.NAME.toml.*.tmp`` files a killed save left next to the
    target are removed.  Returns ``path``."""
    import tomlkit

    from .._io import atomic_write_text

    path = Path(path)
    doc = None
    if design.path is not None and Path(design.path).exists():
        try:
            doc = tomlkit.parse(Path(design.path).read_text(encoding="utf-8-sig"))
        except Exception:  # noqa: BLE001 - fall back to a fresh document
            doc = None
    if doc is None:
        doc = tomlkit.document()
    _merge_into(doc, design.table)
    atomic_write_text(path, tomlkit.dumps(doc), clean_stale=True)
    return path


def _merge_into(doc, table: dict) -> None:
    import tomlkit

    for key in [k for k in doc if k not in table]:
        del doc[key]
    for key, value in table.items():
        if isinstance(value, dict):
            if key not in doc or not isinstance(doc[key], dict):
                doc[key] = tomlkit.table()
            sub = doc[key]
            for k in [k for k in sub if k not in value]:
                del sub[k]
            for k, v in value.items():
                if k not in sub or sub[k] != v:
                    sub[k] = v
        elif key not in doc or doc[key] != value:
            doc[key] = value


def default_design_path() -> Path:
    """``designs/default.toml`` (shipped with the package)."""
    from .._data import designs_dir

    return designs_dir() / "default.toml"


def fields_markdown() -> str:
    """The design-file reference (docs/design-fields.md): every field, unit, range,
    default and where the default comes from.  A test keeps the file equal to this."""
    lines = ["# Design-file fields", "",
             "Generated from `thermo_orbit.design.FIELDS` (`python -m thermo_orbit.design > docs/design-fields.md`).",
             "Quantities are strings with units (`\"120 kW\"`, `\"85 degC\"`); a default marked *design assumption*",
             "has no cited source and is listed in every sizing result's `assumptions`."]
    section = None
    for path, f in FIELDS.items():
        sec = path.split(".")[0] if "." in path else ""
        if sec != section:
            section = sec
            lines += ["", f"## [{sec}]" if sec else "## top level", "",
                      "| field | unit | range | default | meaning |", "|---|---|---|---|---|"]
        if f.unit is not None:
            unit = f.unit or "dimensionless"
        elif f.choices:
            unit = "one of " + ", ".join(f.choices)
        else:
            unit = f.kind.__name__
        rng = f"{f.low:g} to {f.high:g}" if f.low is not None and f.high is not None else ""
        if f.required:
            default = "**required**"
        elif f.default is not None:
            default = f"`{f.default}`" + (f" ({f.source})" if f.source else "")
        else:
            default = "optional"
        lines.append(f"| `{path.split('.', 1)[-1]}` | {unit} | {rng} | {default} | {f.doc} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(fields_markdown(), end="")
