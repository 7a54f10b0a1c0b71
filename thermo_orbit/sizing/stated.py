"""The uncertain inputs of a design: its own fields written with an uncertainty
(``"0.91 ± 0.02"``, :mod:`thermo_orbit.uncertain`) and the stated uncertainties of the
cited database values it uses (``stated_uncertainty`` in materials/*.toml).

Each becomes an :class:`UncertainInput` naming what it changes: a design field (varied
per design in one kernel call when the kernel reads it per design,
:data:`thermo_orbit.system.inputs.KERNEL_FIELDS`, else per group of designs), a coolant
property (scaled by a factor), a coolant's melting or boiling point, or a structure
value the kernel reads (tube and fin density, fin conductivity).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import materials as mat
from .._data import materials_dir, read_toml
from ..system.design import FIELDS
from ..system.inputs import KERNEL_FIELDS
from ..uncertain import Uncertain, from_stated, parse_uncertain
from ..units import Q_

__all__ = ["UncertainInput", "uncertain_inputs", "stated_uncertainties", "MATERIAL_FIELDS_FROM"]

#: design field → (family, field choosing the record, database keys in the order the sizing
#: takes them, :func:`thermo_orbit.system.inputs.resolve_inputs`): a database value used
#: when the design does not give the field
MATERIAL_FIELDS_FROM = {
    "radiator.absorptance": ("coating", "radiator.coating", ("alpha_bol",)),
    "radiator.emissivity": ("coating", "radiator.coating", ("eps_ir_bol",)),
    "radiator.absorptance_eol": ("coating", "radiator.coating", ("alpha_eol",)),
    "radiator.emissivity_eol": ("coating", "radiator.coating", ("eps_ir_eol",)),
    "power.cell_efficiency": ("solar_cell", "power.cell", ("efficiency_bol",)),
    "power.cell_temperature_coefficient": ("solar_cell", "power.cell",
                                           ("gamma_pmp_rel", "temperature_coefficient_pmp")),
    "power.cell_absorptance": ("solar_cell", "power.cell", ("alpha_solar",)),
    "power.cell_emissivity": ("solar_cell", "power.cell", ("eps_front",)),
    "power.battery_specific_energy": ("battery", "power.battery", ("pack_specific_energy", "battery_specific_energy")),
}
#: structure values the kernel reads from the resolved inputs: key → (field choosing the
#: structure, database keys, SI unit)
_STRUCTURE_VALUES = {
    "tube_density": ("radiator.tube_material", ("density",), "kg/m^3"),
    "fin_density": ("radiator.fin_material", ("density",), "kg/m^3"),
    "fin_conductivity": ("radiator.fin_material", ("thermal_conductivity", "thermal_conductivity_100C"), "W/(m*K)"),
}


@dataclass(frozen=True)
class UncertainInput:
    """One uncertain input: ``target`` is "field" (a design field ``key``), "coolant"
    (a property ``key`` scaled by a factor, or ``melting_point``/``boiling_point`` in K) or
    "resolved" (a structure value ``key`` of the resolved inputs, in ``dist.unit``);
    ``row``: varied per design within one kernel call; ``low``/``high``: truncation."""

    name: str
    dist: Uncertain
    target: str
    key: str
    source: str
    row: bool
    low: float | None = None
    high: float | None = None

    def to_dict(self) -> dict:
        """JSON-ready description: what, distribution, where it comes from."""
        return {"input": self.name, "distribution": self.dist.describe(), "source": self.source,
                "varied": "per design" if self.row else "per group"}


def stated_uncertainties(family: str, name: str) -> dict[str, tuple[Uncertain, str]]:
    """The stated uncertainties of one database record (materials/*.toml): key → (the
    distribution, "citation, ref").  Coolant properties give a dimensionless scale factor
    (mean 1); values and points give the value's own distribution."""
    filename, table = mat.FAMILIES[family]
    data = read_toml(materials_dir() / filename)
    canonical = mat.material(family, name).name
    entry = data.get(table, {}).get(canonical, {})
    sources = data.get("sources", {})
    out = {}
    for key, rec in entry.items():
        stated = rec.get("stated_uncertainty") if isinstance(rec, dict) else None
        if not isinstance(stated, dict):
            continue
        where = f"{sources.get(stated['source'], stated['source'])}, {stated.get('ref', '')}".strip(", ")
        if stated.get("secondary"):
            where += " (SECONDARY)"
        if "value" in rec:  # a cited value or point: its own distribution
            unit = stated.get("unit", rec.get("unit", ""))
            value = float(Q_(rec["value"], rec.get("unit", "")).to(unit).magnitude) if unit else float(rec["value"])
            out[key] = (from_stated(value, unit, stated), where)
        else:  # a property correlation: a factor on it
            out[key] = (from_stated(1.0, "", stated), where)
    return out


def _design_inputs(design) -> list[UncertainInput]:
    """The design's fields written with an uncertainty."""
    out = []
    for section, value in design.table.items():
        items = value.items() if isinstance(value, dict) else [(None, value)]
        for key, raw in items:
            path = f"{section}.{key}" if key is not None else section
            fld = FIELDS.get(path)
            u = parse_uncertain(raw) if fld is not None and fld.unit is not None else None
            if u is not None:
                out.append(UncertainInput(path, u.to(fld.unit), "field", path, "design file", path in KERNEL_FIELDS,
                                          fld.low, fld.high))
    return out


def _database_field_inputs(design, given: set) -> list[UncertainInput]:
    """Database values with a stated uncertainty that the design takes (no override)."""
    out = []
    v = design.values
    for path, (family, chooser, keys) in MATERIAL_FIELDS_FROM.items():
        if path in given or v.get(path) is not None:
            continue
        record = mat.material(family, v[chooser])
        key = next((k for k in keys if k in record.values), None)
        stated = stated_uncertainties(family, v[chooser]) if key else {}
        if key in stated:
            fld = FIELDS[path]
            dist, where = stated[key]
            out.append(UncertainInput(f"{path} ({record.name}.{key})", dist.to(fld.unit), "field", path, where,
                                      path in KERNEL_FIELDS, fld.low, fld.high))
    return out


def _coolant_inputs(design) -> list[UncertainInput]:
    """The coolant's properties (as factors) and points with a stated uncertainty."""
    name = mat.coolant(design.values["thermal.coolant"]).name
    out = []
    for key, (dist, where) in stated_uncertainties("coolant", name).items():
        label = f"{name} {key.replace('_', ' ')}" + ("" if key.endswith("_point") else " (factor)")
        low = 1.0 if key.endswith("_point") else 0.0  # a factor stays positive; a point above 1 K
        out.append(UncertainInput(label, dist, "coolant", key, where, False, low))
    return out


def _structure_inputs(design) -> list[UncertainInput]:
    """Tube and fin values with a stated uncertainty (per design in the kernel)."""
    out = []
    for key, (chooser, keys, unit) in _STRUCTURE_VALUES.items():
        name = design.values[chooser]
        stated = stated_uncertainties("structure", name)
        k = next((k for k in keys if k in mat.structure(name).values), None)
        if k in stated:
            dist, where = stated[k]
            out.append(UncertainInput(f"{chooser} ({name}.{k})", dist.to(unit), "resolved", key, where, True, 0.0))
    return out


def uncertain_inputs(design, materials: bool = True) -> list[UncertainInput]:
    """Every uncertain input of ``design``: its fields written with an uncertainty, and
    (``materials``) the stated uncertainties of the database values it takes."""
    own = _design_inputs(design)
    if not materials:
        return own
    given = {i.key for i in own}
    return own + _database_field_inputs(design, given) + _coolant_inputs(design) + _structure_inputs(design)
