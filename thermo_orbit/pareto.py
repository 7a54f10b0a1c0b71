"""Moved: Pareto fronts are :mod:`thermo_orbit.sweeps.analysis`.  This module keeps the old
import path working and re-exports the names it had; new code imports from
:mod:`thermo_orbit.sweeps`."""

from .sweeps.analysis import merge_fronts, pareto_mask

__all__ = ["pareto_mask", "merge_fronts"]
