"""The example designs and sweep specs shipped in ``designs/``.

Tests take their examples from these lists, never from a glob of the folder: a design a
user saves in ``designs/`` (the TUI's "save as" suggests it) must not break ``make test``.
A new shipped example is added here, and to the README's list.
"""

from pathlib import Path

DESIGNS_DIR = Path(__file__).resolve().parent.parent / "designs"

#: the shipped example designs, ``designs/<name>.toml``
SHIPPED_DESIGNS = ("default", "iss_ammonia_baseline", "sodium_infeasible", "starship_load", "suncatcher_node")
#: the shipped sweep specs, ``designs/sweeps/<name>.toml``
SHIPPED_SPECS = ("loop_trade", "loop_pareto")


def design_paths() -> list[Path]:
    """Paths of the shipped example designs."""
    return [DESIGNS_DIR / f"{name}.toml" for name in SHIPPED_DESIGNS]


def spec_paths() -> list[Path]:
    """Paths of the shipped sweep specs."""
    return [DESIGNS_DIR / "sweeps" / f"{name}.toml" for name in SHIPPED_SPECS]
