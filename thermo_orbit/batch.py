"""Many designs at once: moved to :mod:`thermo_orbit.system.batch` (the engine) and
:mod:`thermo_orbit.sizing` (the entry point); re-exported here so existing imports keep
working: ``thermo_orbit.batch.size_batch(design, {"rack.power": Q_([80, 120], "kW")})``."""

from .constraints import BINDING_NAMES
from .sizing import size_batch
from .system.batch import KERNEL_FIELDS, binding_names, column_values, flag_reasons, size_columns
from .system.outputs import OUTPUTS

__all__ = ["KERNEL_FIELDS", "OUTPUTS", "BINDING_NAMES", "size_batch", "size_columns", "column_values",
           "binding_names", "flag_reasons"]
