"""The system: design inputs, the whole-system kernel, constraints, results and batches.

- :mod:`~thermo_orbit.system.fields` and :mod:`~thermo_orbit.system.design`: the design
  file's fields and their one check, reading and writing design files;
- :mod:`~thermo_orbit.system.inputs`: database look-ups, what sizing needs, the kernel's
  per-design inputs (and so which fields a batch varies per design);
- :mod:`~thermo_orbit.system.context`: what a design prepares once (orbit over the year,
  worst sinks, array temperature);
- :mod:`~thermo_orbit.system.fixed_point`: the loads ⇄ sizes fixed point;
- :mod:`~thermo_orbit.system.evaluate`: constraints, masses, launches, margins, binding
  constraint, as columns; :mod:`~thermo_orbit.system.outputs` names them;
- :mod:`~thermo_orbit.system.result` and :mod:`~thermo_orbit.system.steady`: one design's
  :class:`SystemResult`; :mod:`~thermo_orbit.system.batch`: many designs at once.
"""

from .batch import KERNEL_FIELDS, column_values, size_batch, size_columns
from .design import Design, DesignError, default_design_path, load_design, parse_design, save_design
from .fields import FIELDS, MATERIAL_FIELDS, Field
from .inputs import check_sizable, resolve_inputs
from .outputs import OUTPUTS
from .result import SystemResult
from .steady import size_steady
from .summary import orbit_environment_summary

__all__ = ["FIELDS", "MATERIAL_FIELDS", "Field", "Design", "DesignError", "default_design_path", "load_design",
           "parse_design", "save_design", "check_sizable", "resolve_inputs", "OUTPUTS", "KERNEL_FIELDS",
           "SystemResult", "size_steady", "size_batch", "size_columns", "column_values", "orbit_environment_summary"]
