"""The design-file fields: moved to :mod:`thermo_orbit.system.fields`; re-exported here."""

from .system.fields import FIELDS, MATERIAL_FIELDS, Field

__all__ = ["Field", "FIELDS", "MATERIAL_FIELDS"]
