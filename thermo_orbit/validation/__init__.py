"""Validation of thermo-orbit against published values.

The cases live in ``cases.toml`` next to this module: each names a published value with its
source, the inputs the source gives, a tolerance, and an *evaluator*, a key into
:data:`EVALUATORS`, the small functions below that call the public thermo-orbit API with the
inputs and return a pint Quantity.  This module only computes and renders; it prints nothing.

>>> results = run_cases([c for c in load_cases() if c["id"] == "orbit-period-geostationary"])
>>> results[0].passed
True

``thermo-orbit validate --markdown docs/validation.md --plots docs/validation`` writes the
report (:func:`validation_markdown`) and its figures (:func:`validation_plots`).
"""

from __future__ import annotations

import io
import math
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pint

from ..errors import ThermoOrbitError
from ..units import Q_, parse_quantity

__all__ = [
    "CASES_FILE",
    "EVALUATORS",
    "FAMILIES",
    "CaseResult",
    "ValidationDataError",
    "format_computed",
    "format_error",
    "format_tolerance",
    "load_cases",
    "plot_files",
    "run_cases",
    "validation_markdown",
    "validation_plots",
]

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
_TEXT_FIELDS = _REQUIRED + ("notes",)


class ValidationDataError(ThermoOrbitError):
    """The validation data file is malformed: the message names the file, the case and the field."""


# --------------------------------------------------------------------------- evaluators
#
# Each evaluator takes (inputs, options): inputs a dict of Quantities parsed from the case's
# unit strings, options a dict of plain strings; it returns a Quantity.  Only the public
# thermo-orbit API is called.

Evaluator = Callable[[dict, dict], pint.Quantity]
EVALUATORS: dict[str, Evaluator] = {}


def _evaluator(name: str):
    def register(func: Evaluator) -> Evaluator:
        EVALUATORS[name] = func
        return func

    return register


def _dimensionless(x) -> pint.Quantity:
    return Q_(float(np.asarray(x)), "")


@_evaluator("orbital_period")
def _ev_orbital_period(inputs, options):
    from ..orbit import orbital_period

    return orbital_period(inputs["altitude"]).to("s")


@_evaluator("mean_motion")
def _ev_mean_motion(inputs, options):
    """Revolutions per day of a circular orbit: 1/period."""
    from ..orbit import orbital_period

    return (1.0 / orbital_period(inputs["altitude"])).to("1/day")


@_evaluator("sun_synchronous_inclination")
def _ev_sso_inclination(inputs, options):
    from ..orbit import sun_synchronous_inclination

    return sun_synchronous_inclination(inputs["altitude"]).to("deg")


@_evaluator("sso_nodal_rate")
def _ev_sso_nodal_rate(inputs, options):
    """J2 node rate at the model's own sun-synchronous inclination for the altitude."""
    from ..orbit import nodal_regression_rate, sun_synchronous_inclination

    h = inputs["altitude"]
    return nodal_regression_rate(h, sun_synchronous_inclination(h)).to("deg/day")


@_evaluator("sun_position_component")
def _ev_sun_position_component(inputs, options):
    """One equatorial component (x, y or z) of the Earth-to-Sun vector, [au]."""
    from ..orbit import earth_sun_distance, sun_direction

    k = "xyz".index(options["component"])
    t = options["time"]
    return (earth_sun_distance(t) * float(sun_direction(t).magnitude[k])).to("au")


@_evaluator("sun_ecliptic_longitude")
def _ev_sun_ecliptic_longitude(inputs, options):
    """Ecliptic longitude recovered from the model's equatorial Sun direction with the
    obliquity of the same low-precision formula (eps = 23.439291 - 0.0130042 T deg)."""
    from ..orbit import sun_direction

    t = np.datetime64(options["time"], "s")
    centuries = (t - np.datetime64("2000-01-01T12:00:00", "s")) / np.timedelta64(1, "s") / 86400.0 / 36525.0
    eps = math.radians(23.439291 - 0.0130042 * centuries)
    v = sun_direction(options["time"]).magnitude
    lam = math.degrees(math.atan2(v[1] / math.cos(eps), v[0])) % 360.0
    return Q_(lam, "deg")


@_evaluator("earth_sun_distance_extreme")
def _ev_earth_sun_distance_extreme(inputs, options):
    """Smallest or largest Earth-Sun distance over a calendar year, daily at 00:00 UT."""
    from ..orbit import earth_sun_distance

    year = int(options["year"])
    days = np.arange(f"{year}-01-01", f"{year + 1}-01-01", dtype="datetime64[D]")
    r = earth_sun_distance(days).to("au").magnitude
    pick = {"min": np.min, "max": np.max}[options["extreme"]]
    return Q_(float(pick(r)), "au")


@_evaluator("beta_angle")
def _ev_beta_angle(inputs, options):
    from ..orbit import beta_angle

    return beta_angle(options["time"], inputs["inclination"], inputs["raan"]).to("deg")


@_evaluator("eclipse_duration")
def _ev_eclipse_duration(inputs, options):
    from ..orbit import eclipse_duration

    return eclipse_duration(inputs["altitude"], inputs["beta"], model=options.get("model", "cylindrical")).to("min")


@_evaluator("solar_flux_at_distance")
def _ev_solar_flux(inputs, options):
    from ..environment import solar_flux

    return solar_flux(inputs["distance"]).to("W/m^2")


@_evaluator("design_case_value")
def _ev_design_case_value(inputs, options):
    """``albedo``, ``earth_ir`` or ``solar_flux`` of a named design case of a standard."""
    from ..environment import design_case

    case = design_case(options["case"], standard=options["standard"])
    return Q_(getattr(case, options["quantity"]))


@_evaluator("view_factor_plate_to_earth")
def _ev_view_factor(inputs, options):
    from ..environment import view_factor_plate_to_earth

    return view_factor_plate_to_earth(inputs["altitude"], inputs["tilt"])


@_evaluator("stefan_boltzmann_constant")
def _ev_stefan_boltzmann(inputs, options):
    """Blackbody emission to a 0 K sink divided by T^4."""
    from ..thermal.radiator import radiated_flux

    T = inputs["temperature"].to("K")
    return (radiated_flux(T, 1.0, Q_(0.0, "K")) / T**4).to("W/(m^2*K^4)")


@_evaluator("sink_from_zero_flux")
def _ev_sink_from_zero_flux(inputs, options):
    from ..thermal.radiator import sink_temperature_from_flux

    return sink_temperature_from_flux(Q_(0.0, "W/m^2"), inputs["emissivity"]).to("K")


@_evaluator("isothermal_radiator_area")
def _ev_isothermal_radiator_area(inputs, options):
    from ..thermal.radiator import isothermal_radiator_area

    return isothermal_radiator_area(inputs["heat"], inputs["temperature"], inputs["emissivity"],
                                    inputs["sink_temperature"], fin_efficiency=inputs.get("fin_efficiency", 1.0),
                                    sides=int(inputs.get("sides", Q_(2, "")).magnitude)).to("m^2")


@_evaluator("radiator_area_from_loop")
def _ev_radiator_area_from_loop(inputs, options):
    """Radiator area of a pumped loop whose radiator inlet is the loop return temperature:
    supply + heat / (loop flow x c_p(supply)), cooling to the given outlet temperature."""
    from ..materials import coolant
    from ..thermal.radiator import radiator_area

    fluid = coolant(options["coolant"])
    supply = inputs["supply_temperature"].to("K")
    rise = (inputs["heat"] / (inputs["loop_flow"] * fluid.specific_heat(supply))).to("K").magnitude
    inlet = Q_(supply.magnitude + rise, "K")
    return radiator_area(inputs["heat"], inlet, inputs["outlet_temperature"].to("K"), inputs["emissivity"],
                         inputs["sink_temperature"].to("K"), fin_efficiency=inputs.get("fin_efficiency", 1.0),
                         sides=int(inputs.get("sides", Q_(2, "")).magnitude)).to("m^2")


@_evaluator("coolant_property")
def _ev_coolant_property(inputs, options):
    """A coolant's melting or boiling point, or a property at ``temperature``."""
    from ..materials import coolant

    c = coolant(options["material"])
    prop = options["property"]
    if prop in ("melting_point", "boiling_point"):
        value = getattr(c, prop)
        if value is None:
            raise ValidationDataError(f"{c.name} has no cited {prop.replace('_', ' ')}")
        return value.to("K")
    return getattr(c, prop)(inputs["temperature"])


@_evaluator("nusselt_lyon")
def _ev_nusselt_lyon(inputs, options):
    from ..thermal.correlations import nusselt_lyon_martinelli

    return _dimensionless(nusselt_lyon_martinelli(inputs["peclet"].to("").magnitude))


@_evaluator("nusselt_skupinski")
def _ev_nusselt_skupinski(inputs, options):
    from ..thermal.correlations import nusselt_skupinski

    return _dimensionless(nusselt_skupinski(inputs["peclet"].to("").magnitude))


@_evaluator("liquid_metal_nusselt")
def _ev_liquid_metal_nusselt(inputs, options):
    from ..thermal.correlations import liquid_metal_nusselt

    return _dimensionless(liquid_metal_nusselt(inputs["reynolds"].to("").magnitude,
                                               inputs["prandtl"].to("").magnitude,
                                               boundary=options.get("boundary", "heat_flux")))


@_evaluator("nusselt_gnielinski")
def _ev_nusselt_gnielinski(inputs, options):
    from ..thermal.correlations import nusselt_gnielinski

    return _dimensionless(nusselt_gnielinski(inputs["reynolds"].to("").magnitude, inputs["prandtl"].to("").magnitude,
                                             inputs["friction_factor"].to("").magnitude))


@_evaluator("friction_factor_darcy")
def _ev_friction_factor(inputs, options):
    from ..thermal.correlations import friction_factor_darcy

    return _dimensionless(friction_factor_darcy(inputs["reynolds"].to("").magnitude,
                                                inputs["relative_roughness"].to("").magnitude))


@_evaluator("daylight_path_efficiency")
def _ev_daylight_path_efficiency(inputs, options):
    """X_d from the array sizing: with no eclipse P_sa = P_d / X_d."""
    from ..power.solar_array import required_array_power

    P = inputs["load"]
    P_sa = required_array_power(P, P, inputs["sunlight_time"], Q_(0.0, "min"), options["regulation"])
    return (P / P_sa).to("")


@_evaluator("eclipse_path_efficiency")
def _ev_eclipse_path_efficiency(inputs, options):
    """X_e from the array sizing: with no daylight load P_sa T_d = P_e T_e / X_e."""
    from ..power.solar_array import required_array_power

    P_e, T_d, T_e = inputs["load_eclipse"], inputs["sunlight_time"], inputs["eclipse_time"]
    P_sa = required_array_power(Q_(0.0, "W"), P_e, T_d, T_e, options["regulation"])
    return (P_e * T_e / (P_sa * T_d)).to("")


@_evaluator("fluence_remaining_factor")
def _ev_fluence_remaining_factor(inputs, options):
    from ..power.solar_array import fluence_remaining_factor

    return fluence_remaining_factor(options["cell"], inputs["fluence"]).to("")


@_evaluator("solar_array_sizing")
def _ev_solar_array_sizing(inputs, options):
    """One output (``options["quantity"]``: ``area``, ``power_bol`` or ``power_eol``) of
    :func:`~thermo_orbit.power.solar_array.size_solar_array`.

    A source that gives cell efficiencies at BOL and EOL is mapped as ``efficiency`` = the
    BOL value and ``remaining_factor`` = EOL/BOL.  Inputs a source does not have default to
    the loss-free value 1 (inherent degradation, cosine, packing factor, daylight path
    efficiency); no eclipse load and no eclipse time unless given.  The array mass is not
    evaluated, so the areal density passed is a placeholder."""
    from ..power.solar_array import size_solar_array

    one = Q_(1.0, "")
    eff_bol = inputs["efficiency_bol"]
    remaining = (inputs["efficiency_eol"] / eff_bol).to("") if "efficiency_eol" in inputs else None
    r = size_solar_array(
        inputs["load_sunlight"], inputs.get("load_eclipse", Q_(0.0, "W")), inputs["sunlight_time"],
        inputs.get("eclipse_time", Q_(0.0, "min")), efficiency=eff_bol, solar_flux=inputs["solar_flux"],
        inherent_degradation=inputs.get("inherent_degradation", one), remaining_factor=remaining,
        cosine=inputs.get("cosine", one), packing_factor=inputs.get("packing_factor", one),
        path_efficiency_daylight=inputs.get("path_efficiency_daylight", one),
        areal_density=Q_(1.0, "kg/m^2"))
    return getattr(r, options["quantity"])


@_evaluator("battery_capacity")
def _ev_battery_capacity(inputs, options):
    """Capacity of :func:`~thermo_orbit.power.battery.battery_capacity` (SMAD Eq. 11-6) in
    energy, or, with a ``bus_voltage`` input, in charge (capacity / voltage, A h)."""
    from ..power.battery import battery_capacity

    C = battery_capacity(inputs["load_eclipse"], inputs["eclipse_time"], inputs["depth_of_discharge"],
                         n_batteries=int(inputs.get("n_batteries", Q_(1, "")).magnitude),
                         transmission_efficiency=inputs.get("transmission_efficiency", Q_(1.0, "")))
    if "bus_voltage" in inputs:
        return (C / inputs["bus_voltage"]).to("A*h")
    return C.to("kWh")


# --- survivability evaluators ---
# MMOD survivability (thermo_orbit.thermal.survivability and the kernels it uses): one contiguous
# block, to be moved as a whole.

@_evaluator("meteoroid_flux")
def _ev_meteoroid_flux(inputs, options):
    """Grün (1985) meteoroid flux with Earth focusing and shielding, per m^2 and year."""
    from ..thermal.survivability import meteoroid_flux

    return meteoroid_flux(inputs["diameter"], inputs["altitude"],
                          inputs.get("density", Q_(1000.0, "kg/m^3"))).to("1/(m^2*a)")


@_evaluator("meteoroid_flux_ratio")
def _ev_meteoroid_flux_ratio(inputs, options):
    """Ratio of two meteoroid fluxes: (diameter, altitude) over (reference_diameter, reference_altitude)."""
    from ..thermal.survivability import meteoroid_flux

    num = meteoroid_flux(inputs["diameter"], inputs["altitude"])
    den = meteoroid_flux(inputs.get("reference_diameter", inputs["diameter"]),
                         inputs.get("reference_altitude", inputs["altitude"]))
    return (num / den).to("")


@_evaluator("debris_flux")
def _ev_debris_flux(inputs, options):
    """ORDEM2000 debris flux of the tables of NASA/TM-2009-214785; ``options.year`` a calendar year."""
    from ..thermal.survivability import debris_flux

    return debris_flux(inputs["diameter"], inputs["altitude"], inputs["inclination"],
                       float(options.get("year", "2010"))).to("1/(m^2*a)")


@_evaluator("single_wall_critical_diameter")
def _ev_single_wall_critical_diameter(inputs, options):
    """Cour-Palais single-wall ballistic limit (Christiansen 2009 Eq. 4-6) of a wall given by its
    density, Brinell hardness and sound speed; ``options.damage`` the k of Eqs. 4-3 to 4-5."""
    from ..thermal.survivability import MaterialProperties, single_wall_critical_diameter

    mat = MaterialProperties(inputs["density"], inputs["brinell"], inputs["sound_speed"], Q_(1.0, "Pa"))
    dc = single_wall_critical_diameter(inputs["thickness"], mat, inputs["projectile_density"], inputs["velocity"],
                                       inputs.get("angle", Q_(0.0, "deg")), float(options.get("damage", "1.8")))
    return dc.to("cm")


@_evaluator("whipple_critical_diameter")
def _ev_whipple_critical_diameter(inputs, options):
    """JSC Whipple ballistic limit (Christiansen 1993; Christiansen 2009 Eqs. 4-23 to 4-26)."""
    from ..thermal.survivability import whipple_critical_diameter

    return whipple_critical_diameter(inputs["bumper_thickness"], inputs["bumper_density"], inputs["standoff"],
                                     inputs["wall_thickness"], inputs["wall_yield"], inputs["projectile_density"],
                                     inputs["velocity"], inputs.get("angle", Q_(0.0, "deg"))).to("cm")


@_evaluator("whipple_design_rear_wall")
def _ev_whipple_design_rear_wall(inputs, options):
    """Critical diameter of the Whipple shield sized by the design equations (Christiansen 2009
    Eqs. 4-21, 4-22) for a projectile of ``diameter`` at ``velocity`` (normal): the performance
    equation should give the design diameter back."""
    from ..thermal.survivability import whipple_critical_diameter

    d, rp = inputs["diameter"].to("cm").magnitude, inputs["projectile_density"].to("g/cm^3").magnitude
    rb, S = inputs["bumper_density"].to("g/cm^3").magnitude, inputs["standoff"].to("cm").magnitude
    sig, vn = inputs["wall_yield"].to("ksi").magnitude, inputs["velocity"].to("km/s").magnitude
    tb = (0.25 if S / d < 30 else 0.20) * d * rp / rb
    tw = 0.16 * d**0.5 * (rp * rb) ** (1 / 6) * (math.pi / 6 * rp * d**3) ** (1 / 3) * vn / S**0.5 * (70 / sig) ** 0.5
    return whipple_critical_diameter(Q_(tb, "cm"), inputs["bumper_density"], inputs["standoff"], Q_(tw, "cm"),
                                     inputs["wall_yield"], inputs["projectile_density"], inputs["velocity"]).to("cm")


# --------------------------------------------------------------------------- cases

def _parse(text: Any, where: str) -> pint.Quantity:
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
    if tolerance.units != Q_(1, "percent").units and _is_offset(tolerance):
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
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise ValidationDataError(f"{path}: cannot read ({err.strerror or err})") from None
    except tomllib.TOMLDecodeError as err:
        raise ValidationDataError(f"{path}: not valid TOML ({err})") from None
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
        p = _comparable(self.published).magnitude
        if self.error is None or p == 0:
            return None
        return float(self.error.magnitude / abs(p))

    @property
    def relative_tolerance(self) -> bool:
        """True when the tolerance is relative to the published value (given in percent)."""
        return self.tolerance.units == Q_(1, "percent").units


def _is_offset(q: pint.Quantity) -> bool:
    """degC, degF: temperatures pint cannot subtract or scale as they are."""
    return not q._ok_for_muldiv()


def _comparable(q: pint.Quantity) -> pint.Quantity:
    return q.to("K") if _is_offset(q) else q


def _compare(published: pint.Quantity, computed: pint.Quantity, tolerance: pint.Quantity):
    """(error = computed - published in the published unit, kelvin for degC/degF; passed)."""
    p = _comparable(published)
    diff = float(computed.to(p.units).magnitude - p.magnitude)
    if tolerance.units == Q_(1, "percent").units:
        limit = abs(p.magnitude) * tolerance.to("").magnitude
    else:
        limit = tolerance.to(p.units).magnitude
    passed = bool(np.isfinite(diff) and abs(diff) <= limit * (1.0 + 1e-12))
    return Q_(diff, p.units), passed


def _run_one(case: dict) -> CaseResult:
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


# --------------------------------------------------------------------------- formatting

def _digits(text: str) -> int:
    """Significant digits of the number in a unit string ("0.9771945 au" -> 7)."""
    match = re.match(r"\s*[-+]?(\d*)\.?(\d*)(?:[eE][-+]?\d+)?", text)
    if not match:
        return 4
    whole, frac = match.groups()
    digits = (whole + frac).lstrip("0")
    return max(len(digits), 1)


def _unit_text(q: pint.Quantity) -> str:
    text = f"{q.units:~P}"
    return "" if text in ("", "dimensionless") else text


def _shown_unit(result: CaseResult) -> str:
    """The unit as the case's published value writes it ("1/day", "W/(m^2*K^4)"); kelvin
    for a published degC/degF."""
    if _is_offset(result.published):
        return "K"
    match = re.match(r"\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*(.*?)\s*$", result.published_text)
    return match.group(1) if match else _unit_text(result.published)


def _number(x: float, digits: int) -> str:
    text = f"{x:.{digits}g}"
    return "0" if text in ("0", "-0") else text


def _significant(x: float, n: int = 2) -> str:
    """x to n significant figures with its sign, without an exponent between 1e-5 and 1e6."""
    if x == 0 or not math.isfinite(x):
        return "0" if x == 0 else str(x)
    e = math.floor(math.log10(abs(x)))
    if -5 <= e < 6:
        decimals = n - 1 - e
        return f"{round(x, decimals):+.{max(decimals, 0)}f}"
    return re.sub(r"e([-+])0*(\d)", r"e\1\2", f"{x:+.{n - 1}e}")


def format_computed(result: CaseResult) -> str:
    """The computed value in the published value's unit, one digit more than printed."""
    if result.computed is None:
        return "-"
    published = _comparable(result.published)
    value = result.computed.to(published.units).magnitude
    digits = min(max(_digits(result.published_text) + 1, 4), 12)
    return f"{_number(value, digits)} {_shown_unit(result)}".rstrip()


def format_error(result: CaseResult) -> str:
    """Absolute error in the published unit, and relative in percent."""
    if result.error is None:
        return "-"
    text = f"{_significant(result.error.magnitude)} {_shown_unit(result)}".rstrip()
    rel = result.relative_error
    if rel is not None:
        text += f" ({_significant(100 * rel)} %)"
    return text


def format_tolerance(result: CaseResult) -> str:
    """The tolerance as the case gives it: "0.5 %" (relative) or "± 0.01 s" (absolute)."""
    return result.tolerance_text if result.relative_tolerance else f"± {result.tolerance_text}"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def plot_files(results: list[CaseResult]) -> list[str]:
    """File names :func:`validation_plots` writes for these results, in order."""
    names = ["parity.png"]
    names += [f"coolant-{m}.png" for m in _coolant_materials(results)]
    return names


def _coolant_materials(results: list[CaseResult]) -> list[str]:
    out: list[str] = []
    for r in results:
        if r.evaluator == "coolant_property" and "temperature" in r.inputs:
            m = r.options.get("material")
            if m and m not in out:
                out.append(m)
    return out


def validation_markdown(results: list[CaseResult], plots: str | None = None) -> str:
    """The validation report as Markdown: a summary, then a table per family (source,
    published, thermo-orbit, error, tolerance, pass/fail) and the cases' notes.  No date or
    machine-dependent text, so a committed report is stable.

    ``plots``: link prefix of the figures (the folder given to :func:`validation_plots`,
    relative to the report), or None for no figures.
    """
    total = len(results)
    passed = sum(r.passed for r in results)
    lines = [
        "# Validation report",
        "",
        "thermo-orbit against published values: textbook examples, handbook tables, datasheets and flown",
        "or designed systems.  Each case is an entry of `thermo_orbit/validation/cases.toml` (the source,",
        "the published value, the inputs the source gives, the tolerance and why), evaluated through the",
        "public thermo-orbit API.  Tolerances are the printed precision of the source, its stated",
        "uncertainty, or, where marked in the notes, a documented allowance for a published design built",
        "on different assumptions; no model was tuned to a case.  Cases marked in their notes as a printed",
        "equation evaluated at the inputs check the implementation against the source's equation, not",
        "against data.",
        "",
        "Generated by `thermo-orbit validate --markdown docs/validation.md --plots docs/validation`;",
        "`tests/test_validation.py` fails when this file is not what the code and the data give.",
        "",
        f"**{passed} of {total} cases pass.**",
        "",
        "| family | cases | pass | fail |",
        "|---|---:|---:|---:|",
    ]
    families = [f for f in FAMILIES if any(r.family == f for r in results)]
    for fam in families:
        rs = [r for r in results if r.family == fam]
        ok = sum(r.passed for r in rs)
        lines.append(f"| [{fam}](#{_anchor(fam)}) | {len(rs)} | {ok} | {len(rs) - ok} |")
    lines.append("")
    if plots is not None:
        prefix = plots.rstrip("/")
        lines += ["Computed against published value, every case in its own unit (failures in red):", "",
                  f"![parity plots]({prefix}/parity.png)", ""]
    for fam in families:
        rs = [r for r in results if r.family == fam]
        lines += [f"## {fam[0].upper()}{fam[1:]}", ""]
        lines += ["| case | source | published | thermo-orbit | error | tolerance | result |",
                  "|---|---|---:|---:|---:|---:|---|"]
        for r in rs:
            result = "pass" if r.passed else "**FAIL**"
            given = "; ".join(f"{k} = {v}" for k, v in r.inputs.items())
            case = f"`{r.id}`: {r.description}" + (f"<br>inputs: {given}" if given else "")
            lines.append("| " + " | ".join(_md_cell(x) for x in (
                case, r.source, r.published_text, format_computed(r), format_error(r),
                format_tolerance(r), result)) + " |")
        lines.append("")
        noted = [r for r in rs if r.notes or r.message]
        if noted:
            lines += ["Notes:", ""]
            for r in noted:
                text = r.notes + (f" Evaluation failed: {r.message}" if r.message else "")
                lines.append(f"- `{r.id}`: {text.strip()}")
            lines.append("")
        if fam == "liquid-metal properties" and plots is not None:
            for m in _coolant_materials(rs):
                lines += [f"![{m}: properties against temperature]({plots.rstrip('/')}/coolant-{m}.png)", ""]
    return "\n".join(lines).rstrip() + "\n"


def _anchor(title: str) -> str:
    """GitHub's heading anchor."""
    text = title.lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


# --------------------------------------------------------------------------- plots

_PROPERTY_LABELS = {
    "density": ("density", "kg/m^3", "kg/m³"),
    "specific_heat": ("specific heat", "J/(kg*K)", "J/(kg·K)"),
    "thermal_conductivity": ("thermal conductivity", "W/(m*K)", "W/(m·K)"),
    "viscosity": ("viscosity", "mPa*s", "mPa·s"),
}


def _save(fig, path: Path) -> Path:
    from .._io import atomic_write_bytes

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, metadata={"Software": None}, pil_kwargs={"optimize": True})
    return atomic_write_bytes(path, buf.getvalue())


def _parity_figure(results: list[CaseResult]):
    from matplotlib.figure import Figure
    from matplotlib.ticker import LogLocator, NullFormatter

    families = [f for f in FAMILIES if any(r.family == f for r in results)]
    ncols = 3
    nrows = max(1, math.ceil(len(families) / ncols))
    fig = Figure(figsize=(9.6, 3.0 * nrows))
    axes = fig.subplots(nrows, ncols, squeeze=False)
    for ax in axes.ravel()[len(families):]:
        ax.set_visible(False)
    for ax, fam in zip(axes.ravel(), families):
        rs = [r for r in results if r.family == fam and r.computed is not None]
        x = np.array([_comparable(r.published).magnitude for r in rs], dtype=float)
        y = np.array([r.computed.to(_comparable(r.published).units).magnitude for r in rs], dtype=float)
        ok = np.array([r.passed for r in rs], dtype=bool)
        log = x.size > 0 and np.all(x > 0) and np.all(y > 0)
        if x.size:
            lo, hi = min(x.min(), y.min()), max(x.max(), y.max())
            if log:  # whole decades, so every panel has labelled ticks
                lo, hi = 10.0 ** math.floor(math.log10(lo / 1.5)), 10.0 ** math.ceil(math.log10(hi * 1.5))
            else:
                pad = 0.1 * (hi - lo or abs(hi) or 1.0)
                lo, hi = lo - pad, hi + pad
            ax.plot([lo, hi], [lo, hi], color="0.6", lw=1, zorder=1)
            ax.scatter(x[ok], y[ok], s=14, color="tab:blue", zorder=2, label="pass")
            if np.any(~ok):
                ax.scatter(x[~ok], y[~ok], s=22, color="tab:red", marker="x", zorder=3, label="fail")
            ax.set_xlim(lo, hi)
            ax.set_ylim(lo, hi)
        if log:
            ax.set_xscale("log")
            ax.set_yscale("log")
            for axis in (ax.xaxis, ax.yaxis):
                axis.set_major_locator(LogLocator(numticks=6))
                axis.set_minor_formatter(NullFormatter())
        n_all = sum(r.family == fam for r in results)
        n_fail = sum(not r.passed for r in results if r.family == fam)
        ax.set_title(f"{fam}\n{n_all} case{'s' if n_all != 1 else ''}, {n_fail} fail", fontsize=9)
        ax.tick_params(labelsize=7)
        ax.set_xlabel("published", fontsize=8)
        ax.set_ylabel("thermo-orbit", fontsize=8)
    fig.suptitle("thermo-orbit against published values (each case in its own unit; line: equality)", fontsize=10)
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.06, top=0.9, wspace=0.38, hspace=0.55)
    return fig


def _coolant_figure(material: str, results: list[CaseResult]):
    import warnings

    from matplotlib.figure import Figure

    from ..errors import ExtrapolationWarning
    from ..materials import coolant

    c = coolant(material)
    fig = Figure(figsize=(9, 6.2))
    axes = fig.subplots(2, 2)
    points = [r for r in results if r.evaluator == "coolant_property" and r.options.get("material") == material]
    for ax, (prop, (label, unit, shown)) in zip(axes.ravel(), _PROPERTY_LABELS.items()):
        model = c.properties.get(prop)
        if model is not None:
            lo, hi = model.range_K
            T = np.linspace(float(lo), float(hi), 200)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ExtrapolationWarning)
                v = model(Q_(T, "K")).to(unit).magnitude
            ax.plot(T, v, color="tab:blue", lw=1.5, label="thermo-orbit")
        mine = [r for r in points if r.options.get("property") == prop and "temperature" in r.inputs]
        for r in mine:
            T = parse_quantity(r.inputs["temperature"]).to("K").magnitude
            p = r.published.to(unit).magnitude
            if r.relative_tolerance:
                err = abs(p) * r.tolerance.to("").magnitude
            else:
                err = r.tolerance.to(unit).magnitude
            ax.errorbar([T], [p], yerr=[err], fmt="o" if r.passed else "x", ms=4, capsize=2,
                        color="tab:orange" if r.passed else "tab:red")
        if mine:
            ax.plot([], [], "o", color="tab:orange", ms=4, label="published (± tolerance)")
        for name, style in (("melting_point", ":"), ("boiling_point", "--")):
            value = getattr(c, name)
            if value is not None and (model is not None or mine):
                T = value.to("K").magnitude
                left, right = ax.get_xlim()
                if left <= T <= right:
                    ax.axvline(T, color="0.5", ls=style, lw=0.8)
        if model is None and not mine:
            ax.text(0.5, 0.5, "no cited data", ha="center", va="center", transform=ax.transAxes, color="0.4")
        ax.set_title(label, fontsize=9)
        ax.set_xlabel("temperature [K]", fontsize=8)
        ax.set_ylabel(shown, fontsize=8)
        ax.tick_params(labelsize=7)
        if model is not None or mine:
            ax.legend(fontsize=7, loc="best")
    fig.suptitle(f"{c.name}: model over its validity range and the handbook points "
                 "(dotted: melting point, dashed: boiling point)", fontsize=9)
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.08, top=0.9, wspace=0.25, hspace=0.42)
    return fig


def validation_plots(results: list[CaseResult], directory: str | Path) -> list[Path]:
    """Write the report's figures (PNG, 100 dpi) into ``directory`` (created if missing):
    ``parity.png``, one panel per family of computed against published values, and
    ``coolant-<material>.png``, each liquid-metal property against temperature from the model
    with the handbook points and their tolerances.  Returns the paths written."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = [_save(_parity_figure(results), directory / "parity.png")]
    for m in _coolant_materials(results):
        written.append(_save(_coolant_figure(m, results), directory / f"coolant-{m}.png"))
    return written
