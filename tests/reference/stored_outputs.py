"""Stored outputs of the example designs and of a fixed random batch, so that a change that
should not move a number (a refactoring) can be shown not to: tests/test_stored_outputs.py
compares against ``stored_outputs.npz``.

When a change is meant to move numbers (a model change), regenerate and say why in the
commit: ``.venv/bin/python tests/reference/stored_outputs.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FILE = HERE / "stored_outputs.npz"
EXAMPLES = ("default", "iss_ammonia_baseline", "starship_load", "suncatcher_node", "sodium_infeasible")
#: group bases of the random batch: an example design with these fields changed
GROUPS = {"default": {}, "heat_pump": {"thermal.heat_pump": True}, "ammonia": {"thermal.coolant": "ammonia"},
          "iss": None, "suncatcher": None}
#: kernel fields varied per row of the batch: (field, low, high, unit)
AXES = (("rack.power", 5.0, 600.0, "kW"), ("thermal.radiator_glide", 5.0, 60.0, "K"),
        ("thermal.coolant_velocity", 0.2, 4.0, "m/s"), ("radiator.tube_inner_diameter", 2.0, 20.0, "mm"),
        ("radiator.tube_pitch", 3.0, 30.0, "cm"), ("rack.max_junction_temperature", 50.0, 120.0, "degC"),
        ("thermal.pump_efficiency", 0.02, 0.6, ""), ("radiator.fin_thickness", 0.2, 3.0, "mm"))
ROWS = 40


def _design(name):
    from thermo_orbit import load_design

    return load_design(ROOT / "designs" / f"{name}.toml")


def batch_inputs():
    """(group name, base design, changes) of the fixed random batch."""
    from thermo_orbit import Q_

    rng = np.random.default_rng(20261206)
    out = []
    for group, changes in GROUPS.items():
        base = {"iss": _design("iss_ammonia_baseline"), "suncatcher": _design("suncatcher_node")}.get(group)
        base = base if base is not None else _design("default").with_fields(changes)
        cols = {field: Q_(rng.uniform(lo, hi, ROWS), unit) for field, lo, hi, unit in AXES}
        out.append((group, base, cols))
    return out


def compute() -> dict[str, np.ndarray]:
    """The stored quantities: every number of ``size --json`` of each example design, and
    every output column of the batch."""
    from thermo_orbit import size, size_batch

    stored = {}
    for name in EXAMPLES:
        stored[f"example/{name}"] = np.array(json.dumps(size(_design(name)).to_dict(), sort_keys=True))
    for group, base, cols in batch_inputs():
        out = size_batch(base, cols)
        for path, value in out.items():
            stored[f"batch/{group}/{path}"] = np.asarray(getattr(value, "magnitude", value)).astype(
                str if path == "binding_constraint" else None)
    return stored


if __name__ == "__main__":
    np.savez_compressed(FILE, **compute())
    print(f"wrote {FILE}")
