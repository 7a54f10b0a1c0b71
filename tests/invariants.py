"""Random designs over the documented field ranges, and the physical invariants every
feasible design must hold.  Used by the hypothesis tests (tests/test_invariants.py) and by
the stress run (``tests/stress.py``, 10^5 designs; its command is in the README's
development notes).

A design is drawn field by field from :data:`thermo_orbit.design.FIELDS`: each quantity
uniformly (or log-uniformly where the range spans more than two decades) within its
documented range, each choice and material from its full list, each optional field
present or absent.  Fields that enter only the system kernel vary per design; the others
(orbit, materials, attitudes) are drawn once per group of designs.
"""

from __future__ import annotations

import numpy as np

from thermo_orbit import materials as mat
from thermo_orbit.batch import KERNEL_FIELDS, size_batch
from thermo_orbit.design import FIELDS, DesignError, default_design_path, load_design
from thermo_orbit.fields import MATERIAL_FIELDS
from thermo_orbit.units import Q_

#: fields never drawn: text, the mission start, and the sizing method (the steady sizing is
#: what the invariants hold over millions of designs; orbit sizing, at about 25 designs per
#: second, draws its own random designs in tests/test_orbit_sizing.py)
_SKIP = {"name", "description", "orbit.mission_start", "sizing.method"}


def _quantity(rng, f) -> float:
    lo, hi = f.low, f.high
    if lo is not None and lo > 0 and hi / lo > 100:
        return float(np.exp(rng.uniform(np.log(lo), np.log(hi))))
    return float(rng.uniform(lo, hi))


def _near(rng, f, centre, spread: float = 1.6) -> float:
    """Log-normally around ``centre`` (within a factor of about ``spread``), clipped to the range."""
    if centre is None:
        return _quantity(rng, f)
    x = centre * spread ** rng.normal() if centre > 0 else centre + rng.normal() * (f.high - f.low) * 0.05
    return float(np.clip(x, f.low, f.high))


def draw_value(rng, path: str, centre=None, wide: float = 0.05):
    """One random value of a design field within its documented range: with probability
    ``wide`` anywhere in it, else near ``centre`` (a Quantity: the base design's value),
    so that a good share of designs close and the invariants are exercised."""
    f = FIELDS[path]
    if f.unit is not None:
        c = None if centre is None or rng.random() < wide else float(centre.to(f.unit).magnitude)
        return Q_(_near(rng, f, c), f.unit)
    if f.kind is bool:
        return bool(rng.integers(2))
    if f.kind is int:
        return round(np.exp(rng.uniform(np.log(f.low), np.log(f.high))))
    if f.kind is dict:  # a cycle-life table: DoD falling as the cycles rise
        dod = np.sort(rng.uniform(0.05, 1.0, 3))
        return {"dod": dod.tolist(), "cycles": np.sort(np.exp(rng.uniform(np.log(100), np.log(2e5), 3)))[::-1].tolist()}
    # text and choices: mostly the base's, so that designs close (most database records lack
    # a value that sizing needs, and a design choosing one is refused by check)
    if path in MATERIAL_FIELDS:
        if centre is not None and rng.random() > wide:
            return centre
        return str(rng.choice(mat.list_materials(MATERIAL_FIELDS[path])))
    if centre is not None and rng.random() > 2 * wide:
        return centre
    if f.choices:
        return str(rng.choice(f.choices))
    if path == "orbit.ltan":
        return f"{int(rng.integers(24)):02d}:{int(rng.integers(60)):02d}"
    raise AssertionError(f"no generator for {path}")


def random_group(rng, base=None, optional_share: float = 0.15, reasons: dict | None = None):
    """A base design with every non-kernel field drawn at random (optional fields present
    with probability ``optional_share``), or None when the combination fails ``check``
    (a rejected input is an answer too: the message names the field)."""
    base = base or load_design(default_design_path())
    changes = {}
    for path, f in FIELDS.items():
        if path in _SKIP or path in KERNEL_FIELDS:
            continue
        if f.default is None and not f.required and rng.random() > optional_share:
            continue
        changes[path] = draw_value(rng, path, base.values.get(path))
    if changes.get("orbit.sun_synchronous"):
        changes.pop("orbit.inclination", None)
    elif "orbit.inclination" not in changes:
        changes["orbit.inclination"] = draw_value(rng, "orbit.inclination")
    try:
        return base.with_fields(changes)
    except DesignError as err:
        if reasons is not None:
            for p in err.problems:
                reasons[p.field] = reasons.get(p.field, 0) + 1
        return None


def random_kernel_columns(rng, n: int, base) -> dict:
    """Per-design values of every kernel field, for :func:`size_batch`."""
    cols = {}
    for path in sorted(KERNEL_FIELDS):
        f = FIELDS[path]
        centre = base.values.get(path)
        if centre is None and f.default is None and rng.random() < 0.7:
            continue  # an optional field (a limit such as power.max_array_area): mostly absent
        if f.unit is None:
            cols[path] = [draw_value(rng, path, centre) for _ in range(n)]
            continue
        full = np.array([_quantity(rng, f) for _ in range(n)])
        if centre is None:
            cols[path] = Q_(full, f.unit)
            continue
        c = float(centre.to(f.unit).magnitude)
        near = (c * 1.6 ** rng.normal(size=n) if c > 0 else c + rng.normal(size=n) * (f.high - f.low) * 0.05)
        wide = rng.random(n) < 0.05
        cols[path] = Q_(np.clip(np.where(wide, full, near), f.low, f.high), f.unit)
    if "rack.eclipse_power" in cols and "rack.power" in cols:  # throttled in eclipse, never boosted
        cols["rack.eclipse_power"] = cols["rack.power"] * rng.uniform(0.05, 1.0, n)
    return cols


def _m(out, path, unit=None):
    q = out[path]
    return np.asarray(q.to(unit).magnitude if unit else q.magnitude, dtype=np.float64)


def violations(out: dict) -> list[str]:
    """The invariants a batch's feasible rows break (empty when none): positive areas,
    masses, flows and powers; hot sink at least the cold; coldest coolant at most the
    hottest; radiator outlet above the hot sink; coolant between its freeze limit and its
    boil limit; depth of discharge within the allowed; the probability of no penetration at
    least the required; no NaN in a feasible row (but survivability's where it is off)."""
    ok = np.asarray(out["feasible"], dtype=bool)
    bad = []

    def require(cond, what):
        cond = np.asarray(cond)
        broken = ok & ~cond
        if np.any(broken):
            bad.append(f"{what}: {int(broken.sum())} feasible rows, e.g. row {int(np.argmax(broken))}")

    for path in ("solar_array.area", "radiator.area", "mass.total", "mass.solar_array", "mass.battery",
                 "mass.radiator", "loop.mass_flow", "power_budget.load", "battery.capacity", "solar_array.power_eol",
                 "loop.heat_rejected"):
        require(_m(out, path) > 0, f"{path} > 0")
    for path in ("loop.pump_power", "loop.pressure_drop", "mass.loop", "mass.racks",
                 "power_budget.power_system_losses"):
        require(_m(out, path) >= 0, f"{path} >= 0")
    require(_m(out, "environment.radiator_sink_hot", "K") >= _m(out, "environment.radiator_sink_cold", "K"),
            "hot sink >= cold sink")
    require(_m(out, "temperatures.coolant_min_cold_case", "K") <= _m(out, "temperatures.coolant_max", "K"),
            "coldest coolant <= hottest")
    require(_m(out, "margins.radiator_sink") > 0, "radiator outlet above the hot sink")
    require(_m(out, "margins.freeze") >= 0, "coldest coolant at or above melting point + freeze margin")
    boil = _m(out, "margins.boil")
    require(np.isnan(boil) | (boil >= 0), "hottest coolant at or below the boil limit")
    require(_m(out, "battery.depth_of_discharge_actual") <= _m(out, "battery.depth_of_discharge"),
            "depth of discharge within the allowed")
    require(_m(out, "margins.battery_depth_of_discharge") >= 0, "depth-of-discharge margin >= 0")
    battery_t = _m(out, "margins.battery_temperature")  # NaN: the chemistry cites no range
    require(np.isnan(battery_t) | (battery_t >= -1e-9), "battery held inside its temperature range")
    evaluated = np.isfinite(_m(out, "survivability.probability_no_penetration"))  # NaN: survivability off
    surv = _m(out, "margins.survivability")
    require(~evaluated | (surv >= -1e-9), "probability of no penetration at least the required")
    for path in out:
        if path in ("feasible", "flags", "binding_constraint", "margins.boil", "heat_pump.lift",
                    "margins.battery_temperature") or \
                not hasattr(out[path], "magnitude"):  # a text column (orbit_sizing.binding)
            continue
        finite = np.isfinite(_m(out, path))
        require(finite | (~evaluated & (path.startswith("survivability.") or path == "margins.survivability")),
                f"{path} finite")
    # on every row, feasible or not: a size is a positive number or no number (NaN)
    for path in ("solar_array.area", "radiator.area", "loop.mass_flow", "mass.total", "mass.radiator",
                 "battery.capacity", "loop.pump_power"):
        x = _m(out, path)
        if np.any(x < 0):
            bad.append(f"{path} negative on {int(np.sum(x < 0))} rows (infeasible or not)")
    return bad


def run_random(rng, groups: int, per_group: int, stats: dict | None = None) -> tuple[list[str], list[str]]:
    """Size ``groups`` random base designs with ``per_group`` random kernel rows each.
    Returns (invariant violations, exceptions raised), each a list of text; ``stats``
    collects counts of designs, feasible rows and groups rejected by ``check``."""
    stats = stats if stats is not None else {}
    found, errors = [], []
    for _ in range(groups):
        base = random_group(rng)
        if base is None:
            stats["rejected_groups"] = stats.get("rejected_groups", 0) + 1
            continue
        cols = random_kernel_columns(rng, per_group, base)
        try:
            out = size_batch(base, cols)
        except Exception as err:  # noqa: BLE001 - the property is that nothing raises
            errors.append(f"{type(err).__name__}: {err}")
            continue
        stats["designs"] = stats.get("designs", 0) + per_group
        stats["feasible"] = stats.get("feasible", 0) + int(np.sum(out["feasible"]))
        binding = stats.setdefault("binding", {})
        for name, count in zip(*np.unique(out["binding_constraint"].astype(str), return_counts=True)):
            binding[str(name)] = binding.get(str(name), 0) + int(count)
        found += violations(out)
    return found, errors
