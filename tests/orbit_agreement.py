"""Steady and orbit agree (issue 23 item 5): random designs (tests/invariants.py) that the
steady sizing calls feasible, checked against the periodic orbit in the cold case; counts
those the orbit fails, by constraint, and those whose state of charge goes below 0.

    .venv/bin/python tests/orbit_agreement.py [--groups 40] [--per-group 10] [--seed 0]

Not part of the test suite (a minute or two); tests/test_transient.py holds the
properties on a few designs.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import invariants as inv
from thermo_orbit.constraints import Constraint
from thermo_orbit.errors import ThermoOrbitError
from thermo_orbit.system import size_steady
from thermo_orbit.transient import simulate_orbit


def _rows(base, cols: dict, n: int):
    for i in range(n):
        try:
            yield base.with_fields({k: v[i] for k, v in cols.items()})
        except ThermoOrbitError:
            continue


def agreement(groups: int, per_group: int, seed: int = 0) -> tuple[dict, dict]:
    """Random designs (``groups`` groups of ``per_group``) checked steady, then the steady-
    feasible ones against the cold-case orbit.  Returns (counts: steady_feasible,
    orbit_fails, negative_soc, no_certificate, errors; the orbit's failures by constraint
    name)."""
    rng = np.random.default_rng(seed)
    tally = {"steady_feasible": 0, "orbit_fails": 0, "negative_soc": 0, "no_certificate": 0, "errors": 0}
    by_flag: dict = {}
    for _ in range(groups):
        base = inv.random_group(rng)
        if base is None or base.values.get("power.pointing") == "fixed" or \
                base.values.get("radiator.orientation") == "tilted":
            continue
        cols = inv.random_kernel_columns(rng, per_group, base)
        designs, results = [], []
        for d in _rows(base, cols, per_group):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    r = size_steady(d)
                except ThermoOrbitError:
                    continue
            if r.feasible:
                designs.append(d)
                results.append(r)
        if not designs:
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                sims = simulate_orbit(designs, results)
        except Exception as err:  # noqa: BLE001 - counted: nothing may raise
            tally["errors"] += 1
            print(f"error: {type(err).__name__}: {err}")
            continue
        for s in sims:
            tally["steady_feasible"] += 1
            tally["orbit_fails"] += not s.feasible
            tally["negative_soc"] += float(s.extremes["state_of_charge_min"].magnitude) < 0.0
            tally["no_certificate"] += not s.certificate["converged"]
            for c in Constraint:
                if s.flags & c:
                    by_flag[c.name] = by_flag.get(c.name, 0) + 1
    return tally, by_flag


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=40)
    parser.add_argument("--per-group", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    tally, by_flag = agreement(args.groups, args.per_group, args.seed)
    n = max(tally["steady_feasible"], 1)
    print(", ".join(f"{k} {v} ({100 * v / n:.0f} %)" if k != "steady_feasible" else f"{k} {v}"
                    for k, v in tally.items()))
    print("orbit failures by constraint: " + ", ".join(f"{k} {v}" for k, v in sorted(by_flag.items(),
                                                                                      key=lambda kv: -kv[1])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
