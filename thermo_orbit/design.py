"""Design files: moved to :mod:`thermo_orbit.system.design` (reading, checking, writing)
and :mod:`thermo_orbit.system.fields` (the field table); re-exported here so existing
imports keep working.  ``python -m thermo_orbit.design > docs/design-fields.md`` writes
the field reference."""

from .system.design import (
    MAX_PROBLEMS,
    Design,
    DesignError,
    default_design_path,
    fields_markdown,
    load_design,
    parse_design,
    read_toml,
    save_design,
)
from .system.fields import FIELDS, MATERIAL_FIELDS, Field

__all__ = ["Field", "FIELDS", "MATERIAL_FIELDS", "Design", "DesignError", "load_design", "save_design",
           "parse_design", "read_toml", "default_design_path", "fields_markdown", "MAX_PROBLEMS"]

if __name__ == "__main__":  # pragma: no cover
    print(fields_markdown(), end="")
