"""The argument tables of every ``thermo-orbit`` command: one place to read what the
command line accepts.  Each command is a function of its own module (``cmd_<name>``),
set as the sub-parser's ``func``; choice lists come from the modules that define them."""

from __future__ import annotations

import argparse

from .._version import __version__
from ..materials import FAMILIES
from .check import cmd_check
from .materials import cmd_materials_list, cmd_materials_show
from .optimize import cmd_optimize
from .sensitivity import cmd_sensitivity
from .simulate import cmd_simulate
from .size import cmd_size
from .summary import cmd_summary
from .sweep import cmd_pareto, cmd_sweep
from .tui import cmd_tui
from .validate import cmd_validate

__all__ = ["build_parser"]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every ``thermo-orbit`` command."""
    parser = argparse.ArgumentParser(
        prog="thermo-orbit",
        description="Thermal and power design calculator for orbital data centers.",
    )
    parser.add_argument("--version", action="version", version=f"thermo-orbit {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("summary", help="orbit and thermal-environment summary of a design")
    p.add_argument("design", nargs="?", help="design file (default: designs/default.toml)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("size", help="size the whole system for a design file")
    p.add_argument("design", help="design file (TOML)")
    p.add_argument("--json", action="store_true", help="print JSON: every quantity {value, unit}")
    p.add_argument("--verify", choices=["transient"], help="check the sizing against the periodic orbit")
    p.add_argument("--method", choices=["steady", "orbit"], default=None,
                   help="steady: each subsystem at its own worst case (the default, or the design's sizing.method); "
                        "orbit: radiator, survival heater, battery and array sized against the periodic orbit")
    p.add_argument("--uncertainty", type=int, metavar="N",
                   help="Monte Carlo of N Latin-hypercube samples over the uncertain inputs: P5/P50/P95 of "
                        "masses, areas and margins, probability of feasibility")
    p.add_argument("--seed", type=int, default=0, help="seed of the --uncertainty samples (default 0)")
    p.add_argument("--groups", type=int, default=32,
                   help="strata of the inputs prepared per group (coatings, cell, coolant tables; default 32)")
    p.add_argument("--no-material-uncertainty", action="store_true",
                   help="with --uncertainty: only the design file's own uncertain fields")
    p.set_defaults(func=cmd_size)
    p = sub.add_parser("tui", help="the interactive terminal UI (default: designs/default.toml)")
    p.add_argument("design", nargs="*", help="design files (TOML) or sweep folders, each in a tab")
    p.set_defaults(func=cmd_tui)
    p = sub.add_parser("simulate", help="periodic orbit solution (temperatures, state of charge, heater)")
    p.add_argument("design", help="design file (TOML)")
    p.add_argument("--case", default="cold", help="environment case: cold (default), nominal or hot")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--csv", help="write the time series to this CSV file")
    p.add_argument("--plot", help="write a PNG plot of temperatures and state of charge")
    p.add_argument("--thermostat", action="store_true",
                   help="also march an on/off survival heater with hysteresis over several orbits")
    p.add_argument("--orbits", type=int, default=6, help="orbits to march with --thermostat (default 6)")
    p.set_defaults(func=cmd_simulate)
    p = sub.add_parser("check", help="validate a design file")
    p.add_argument("design", help="design file (TOML)")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("validate", help="compare thermo-orbit with published values (docs/validation.md)")
    p.add_argument("--markdown", metavar="PATH", help="write the validation report as Markdown")
    p.add_argument("--plots", metavar="DIR", help="write the report's figures (PNG) into this folder")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("sweep", help="batch design sweep from a spec TOML (chunked Parquet, resumable, Dask)")
    p.add_argument("spec", help="sweep spec (TOML), e.g. designs/sweeps/loop_trade.toml")
    p.add_argument("--out", help="results folder (default: <spec name>-results)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, help="run on a local Dask cluster of N worker processes")
    where.add_argument("--scheduler", help="run on an existing Dask cluster (scheduler address, tcp://host:8786)")
    p.add_argument("--resume", action="store_true", help="continue a sweep: compute only the chunks missing")
    p.add_argument("--yes", action="store_true",
                   help="run a large sweep (over 10^8 designs or 10 GB estimated) without asking")
    p.add_argument("--csv", action="store_true", help="also write results.csv and pareto.csv (units in the headers)")
    p.set_defaults(func=cmd_sweep)
    p = sub.add_parser("pareto", help="re-read sweep results: summary, Pareto front, best designs, plots")
    p.add_argument("directory", help="results folder of a sweep")
    p.add_argument("--objectives", help='comma-separated outputs to minimise ("-name" maximises); '
                                        "default: the spec's")
    p.add_argument("--tolerance", help='near-duplicate tolerance per objective, comma-separated quantities '
                                       '("10 kg,0.1 K"); default: the spec\'s, else 0.1 %% of each range')
    p.add_argument("--no-plots", action="store_true", help="skip the PNG plots")
    p.add_argument("--csv", action="store_true", help="also write pareto.csv (units in the headers)")
    p.set_defaults(func=cmd_pareto)

    p = sub.add_parser("optimize", help="find the best design of a spec (differential evolution; NSGA-II for "
                                        "several objectives)")
    p.add_argument("spec", help="spec with [optimize] (TOML), e.g. designs/sweeps/loop_optimize.toml")
    p.add_argument("--out", help="output folder (default: <spec name>-optimum)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, help="run the combinations of listed axes on N local Dask workers")
    where.add_argument("--scheduler", help="run on an existing Dask cluster (scheduler address)")
    p.add_argument("--csv", action="store_true", help="also write optimum.csv or front.csv (units in the headers)")
    p.add_argument("--no-plots", action="store_true", help="skip the PNG plots")
    p.set_defaults(func=cmd_optimize)

    p = sub.add_parser("sensitivity", help="Sobol indices of outputs over a spec's axes (SALib), with intervals")
    p.add_argument("spec", help="sweep spec (TOML), optionally with [sensitivity]")
    p.add_argument("--out", help="output folder (default: <spec name>-sensitivity)")
    p.add_argument("--samples", type=int, help="N (a power of 2): N x (axes + 2) designs are sized")
    p.add_argument("--outputs", help="comma-separated outputs (default: the spec's, else mass.total)")
    p.set_defaults(func=cmd_sensitivity)

    m = sub.add_parser("materials", help="the cited materials and technology database")
    msub = m.add_subparsers(dest="materials_command", required=True)
    ml = msub.add_parser("list", help="list materials, all families or one")
    ml.add_argument("family", nargs="?", choices=list(FAMILIES))
    ml.set_defaults(func=cmd_materials_list)
    ms = msub.add_parser("show", help="values, validity ranges and sources of one material")
    ms.add_argument("name")
    ms.add_argument("--temperature", help='temperature for coolant properties, e.g. "373 K" or "100 degC"')
    ms.add_argument("--family", choices=list(FAMILIES))
    ms.set_defaults(func=cmd_materials_show)
    return parser
