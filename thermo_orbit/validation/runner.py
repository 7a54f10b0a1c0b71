"""The validation cases: read and checked from ``cases.toml`` (through the project's one
TOML reader), evaluated by their evaluators (:mod:`thermo_orbit.validation.evaluators`) and
compared with their published values within their tolerances.  Computes only; prints
nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pint

from .._io import read_toml
from ..errors import InputError
from ..units import Q_, parse_quantity

# every family's evaluators, registered in EVALUATORS as they are imported
from . import evaluators_orbit, evaluators_power, evaluators_survivability, evaluators_thermal  # noqa: F401
from .evaluators import EVALUATORS, ValidationDataError

__all__ = ["FAMILIES", "CASES_FILE", "CaseResult", "load_cases", "load_calibrations", "run_cases", "is_offset",
           "comparable", "ValidationDataError"]

#: The families, in report order.
FAMILIES = (
    "orbit geometry",
    "environment",
    "radiators",
    "liquid-metal properties",
    "low-Pr heat transfer",
    "ordinary-fluid heat transfer",
    "hydraulics",
    "power sizing",
    "whole system",
    "survivability",
)

CASES_FILE = Path(__file__).resolve().with_name("cases.toml")

_REQUIRED = ("id", "family", "description", "reference", "source", "published", "tolerance", "evaluator")
_TEXT_FIELDS = (*_REQUIRED, "notes")


def _parse(text: Any, where: str) -> pint.Quantity:
    """A unit string of the data file ("550 km") as a Quantity."""
    if not isinstance(text, str):
        raise ValidationDataError(f"{where}: expected a unit string such as \"550 km\", got {text!r}")
    try:
        return parse_quantity(text)
    except ValueError as err:
        raise ValidationDataError(f"{where}: {err}") from None


def _parse_tolerance(text: Any, where: str) -> pint.Quantity:
    """``"0.5 %"`` is relative (a Quantity in percent), anything else absolute."""
    if isinstance(text, str) and text.strip().endswith("%"):
        number = text.strip()[:-1].strip()
        try:
            value = float(number)
        except ValueError:
            raise ValidationDataError(f"{where}: not a percentage: {text!r}") from None
        return Q_(value, "percent")
    return _parse(text, where)


def _check_case(case: dict, where: str) -> dict:
    """``case`` when it is complete and well formed; else :class:`ValidationDataError` naming
    ``where`` and the field."""
    missing = [k for k in _REQUIRED if k not in case]
    if missing:
        raise ValidationDataError(f"{where}: missing {', '.join(missing)}")
    for key in _TEXT_FIELDS:
        if key in case and (not isinstance(case[key], str) or not case[key].strip()):
            raise ValidationDataError(f"{where}: {key} must be non-empty text")
    unknown = set(case) - set(_TEXT_FIELDS) - {"inputs", "options"}
    if unknown:
        raise ValidationDataError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    if case["family"] not in FAMILIES:
        raise ValidationDataError(f"{where}: family {case['family']!r} is not one of {', '.join(FAMILIES)}")
    if case["evaluator"] not in EVALUATORS:
        raise ValidationDataError(f"{where}: no evaluator named {case['evaluator']!r}")
    if not case["reference"].isascii():
        raise ValidationDataError(f"{where}: reference must be ASCII (it names tests)")
    published = _parse(case["published"], f"{where}.published")
    tolerance = _parse_tolerance(case["tolerance"], f"{where}.tolerance")
    if tolerance.magnitude < 0:
        raise ValidationDataError(f"{where}.tolerance: must not be negative")
    if tolerance.units != Q_(1, "percent").units and is_offset(tolerance):
        raise ValidationDataError(f"{where}.tolerance: give a temperature tolerance in K, not {case['tolerance']!r}")
    if tolerance.units != Q_(1, "percent").units and tolerance.dimensionality != published.dimensionality:
        raise ValidationDataError(f"{where}.tolerance: {case['tolerance']!r} is not in the dimension of "
                                  f"the published value {case['published']!r}")
    inputs = case.get("inputs", {})
    options = case.get("options", {})
    if not isinstance(inputs, dict) or not isinstance(options, dict):
        raise ValidationDataError(f"{where}: inputs and options must be tables")
    for key, value in inputs.items():
        _parse(value, f"{where}.inputs.{key}")
    for key, value in options.items():
        if not isinstance(value, str):
            raise ValidationDataError(f"{where}.options.{key}: expected text, got {value!r}")
    return case


def load_cases(path: str | Path | None = None) -> list[dict]:
    """Read and check the validation cases (default: the shipped ``cases.toml``).

    Returns the cases as dicts, in file order.  Raises :class:`ValidationDataError` naming the
    case and field of the first problem.
    """
    path = Path(path) if path is not None else CASES_FILE
    try:
        data = read_toml(path, "validation data file")
    except InputError as err:
        raise ValidationDataError(str(err)) from None
    cases = data.get("case", [])
    if not isinstance(cases, list) or not cases:
        raise ValidationDataError(f"{path}: no [[case]] entries")
    seen: set[str] = set()
    out = []
    for i, case in enumerate(cases):
        where = f"{path.name}: case {case.get('id', f'#{i + 1}')!s}"
        _check_case(case, where)
        if case["id"] in seen:
            raise ValidationDataError(f"{where}: duplicate id")
        seen.add(case["id"])
        out.append(case)
    return out


_CALIBRATION_FIELDS = ("figure", "calibrated_on", "calibration_cases", "validated_by")


def load_calibrations(path: str | Path | None = None) -> list[dict]:
    """The ``[[calibration]]`` entries of the cases file: each figure of the model that is
    calibrated on data (``calibrated_on``), the cases whose published value is that data
    (``calibration_cases``) and the cases that check it (``validated_by``), never the same
    case: a figure is not validated against what it was calibrated on.  Raises
    :class:`ValidationDataError` naming the entry and the field."""
    path = Path(path) if path is not None else CASES_FILE
    data = read_toml(path, "validation data file")
    ids = {c.get("id") for c in data.get("case", [])}
    out = []
    for i, cal in enumerate(data.get("calibration", [])):
        where = f"{path.name}: calibration {cal.get('figure', f'#{i + 1}')!s}"
        if set(cal) != set(_CALIBRATION_FIELDS):
            raise ValidationDataError(f"{where}: needs exactly the fields {', '.join(_CALIBRATION_FIELDS)}")
        unknown = [x for x in (*cal["calibration_cases"], *cal["validated_by"]) if x not in ids]
        if unknown:
            raise ValidationDataError(f"{where}: no case named {', '.join(unknown)}")
        both = set(cal["calibration_cases"]) & set(cal["validated_by"])
        if both:
            raise ValidationDataError(f"{where}: validated against its own calibration ({', '.join(sorted(both))})")
        out.append(cal)
    return out


@dataclass(frozen=True)
class CaseResult:
    """One case compared: ``error`` = computed − published in the published value's unit."""

    id: str
    family: str
    description: str
    reference: str
    source: str
    published: pint.Quantity
    computed: pint.Quantity | None
    error: pint.Quantity | None
    tolerance: pint.Quantity  #: absolute (published unit) or relative (percent)
    passed: bool
    published_text: str = ""
    tolerance_text: str = ""
    notes: str = ""
    message: str = ""  #: why the evaluation failed, if it did
    evaluator: str = ""
    inputs: dict = field(default_factory=dict)
    options: dict = field(default_factory=dict)

    @property
    def relative_error(self) -> float | None:
        """(computed - published)/|published| (kelvin for degC/degF), or None where it does not exist."""
        p = comparable(self.published).magnitude
        if self.error is None or p == 0:
            return None
        return float(self.error.magnitude / abs(p))

    @property
    def relative_tolerance(self) -> bool:
        """True when the tolerance is relative to the published value (given in percent)."""
        return self.tolerance.units == Q_(1, "percent").units


def is_offset(q: pint.Quantity) -> bool:
    """True for a temperature on an offset scale (degC, degF): pint can neither subtract nor
    scale it as it is."""
    return not q._ok_for_muldiv()


def comparable(q: pint.Quantity) -> pint.Quantity:
    """``q`` in a unit that can be subtracted and scaled: kelvin for degC or degF, else as it is."""
    return q.to("K") if is_offset(q) else q


def _compare(published: pint.Quantity, computed: pint.Quantity, tolerance: pint.Quantity):
    """(error = computed - published in the published unit, kelvin for degC/degF; passed)."""
    p = comparable(published)
    diff = float(computed.to(p.units).magnitude - p.magnitude)
    if tolerance.units == Q_(1, "percent").units:
        limit = abs(p.magnitude) * tolerance.to("").magnitude
    else:
        limit = tolerance.to(p.units).magnitude
    passed = bool(np.isfinite(diff) and abs(diff) <= limit * (1.0 + 1e-12))
    return Q_(diff, p.units), passed


def _run_one(case: dict) -> CaseResult:
    """Evaluate one case and compare it; an evaluator that raises gives a failed result
    with the error as its message."""
    where = f"case {case['id']}"
    published = _parse(case["published"], f"{where}.published")
    tolerance = _parse_tolerance(case["tolerance"], f"{where}.tolerance")
    inputs = {k: _parse(v, f"{where}.inputs.{k}") for k, v in case.get("inputs", {}).items()}
    options = dict(case.get("options", {}))
    computed = error = None
    passed = False
    message = ""
    try:
        computed = EVALUATORS[case["evaluator"]](inputs, options)
        if not isinstance(computed, pint.Quantity):
            raise TypeError(f"evaluator {case['evaluator']!r} returned {type(computed).__name__}, not a Quantity")
        if np.ndim(computed.magnitude) != 0:
            raise TypeError(f"evaluator {case['evaluator']!r} returned an array, not one value")
        if computed.dimensionality != published.dimensionality:
            raise TypeError(f"computed {computed:~P} is not in the dimension of the published {case['published']}")
        error, passed = _compare(published, computed, tolerance)
    except Exception as err:  # noqa: BLE001 - a case that cannot be evaluated is a failed case, with its reason
        message = f"{type(err).__name__}: {err}"
        computed = error = None
        passed = False
    return CaseResult(
        id=case["id"], family=case["family"], description=case["description"], reference=case["reference"],
        source=case["source"], published=published, computed=computed, error=error, tolerance=tolerance,
        passed=passed, published_text=case["published"], tolerance_text=case["tolerance"],
        notes=case.get("notes", ""), message=message, evaluator=case["evaluator"],
        inputs=dict(case.get("inputs", {})), options=options)


def run_cases(cases: list[dict] | None = None) -> list[CaseResult]:
    """Evaluate the cases (default: all of :func:`load_cases`) and compare each with its
    published value.  A case whose evaluator raises is a failed result carrying the message."""
    if cases is None:
        cases = load_cases()
    else:
        for c in cases:
            _check_case(c, f"case {c.get('id', '?')}")
    return [_run_one(c) for c in cases]
