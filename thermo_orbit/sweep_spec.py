"""Moved: sweep specifications are :mod:`thermo_orbit.sweeps.spec` (the spec) and
:mod:`thermo_orbit.sweeps.axes` (its axes).  This module keeps the old import path working
and re-exports the names it had; new code imports from :mod:`thermo_orbit.sweeps`."""

from .sweeps.axes import Axis
from .sweeps.spec import (
                          DEFAULT_CHUNK,
                          MAX_DESIGNS,
                          SAMPLE_BLOCK,
                          SweepSpec,
                          design_columns,
                          load_sweep_spec,
                          parse_sweep_spec,
                          spec_from_payload,
)

__all__ = ["Axis", "SweepSpec", "load_sweep_spec", "parse_sweep_spec", "design_columns", "SAMPLE_BLOCK",
           "spec_from_payload", "DEFAULT_CHUNK", "MAX_DESIGNS"]
