"""The ``thermo-orbit materials`` commands: what the cited database holds, and one entry
with its values, validity ranges and sources (printing only; the data is
:mod:`thermo_orbit.materials`)."""

from __future__ import annotations

import argparse

import numpy as np

from ..format import COOLANT_PROPERTIES, printable

__all__ = ["cmd_materials_list", "cmd_materials_show"]


def _find_material(name: str, family: str | None):
    from .. import materials as mat
    from ..errors import InputError

    families = [family] if family else list(mat.FAMILIES)
    found = []
    for fam in families:
        try:
            found.append((fam, mat.material(fam, name)))
        except InputError:
            continue
    if not found:
        if family:
            mat.material(family, name)  # raises with the known names and a suggestion
        import difflib

        names = {n.lower(): n for f in mat.FAMILIES for n in mat.list_materials(f)}
        close = difflib.get_close_matches(name.lower(), names, n=3, cutoff=0.3)
        hint = f" Did you mean: {', '.join(names[c] for c in close)}?" if close else ""
        raise InputError("name", name, "a material in the database",
                         f"materials: no material named {name!r}.{hint} "
                         "'thermo-orbit materials list' shows them all.")
    if len(found) > 1:
        raise InputError("name", name, "one family",
                         f"materials: {name!r} is in several families ({', '.join(f for f, _ in found)}); "
                         "add --family")
    return found[0]


def cmd_materials_list(args: argparse.Namespace) -> int:
    """``thermo-orbit materials list``."""
    from .. import materials as mat

    fams = [args.family] if args.family else list(mat.FAMILIES)
    for fam in fams:
        names = mat.list_materials(fam)
        if fam != "battery":
            print(f"{fam}: {', '.join(names)}")
            continue
        why = {n: mat.battery_not_sizable(n) for n in names}
        print(f"battery: {', '.join(n for n in names if why[n] is None)}")
        print("  cannot size from the database alone (give power.battery_depth_of_discharge or "
              "power.battery_cycle_life, and power.battery_specific_energy where none is cited):")
        for n in names:
            if why[n] is not None:
                print(f"    {n}: {printable(why[n])}")
    return 0


def _show_coolant(c, temperature) -> None:
    """A coolant: its points, each property's validity and values, the Prandtl number, sources."""
    print(f"{c.name}  ({', '.join(c.aliases)})")
    print(f"  {c.description}")
    if c.composition:
        print(f"  composition: {c.composition}")
    print(f"  melting point: {c.melting_point:.6g~P} ({c.melting_point.to('degC'):.4g~P})   "
          f"[{c.point_sources['melting_point']}]")
    if c.boiling_point is not None:
        print(f"  normal boiling point: {c.boiling_point:.6g~P} ({c.boiling_point.to('degC'):.4g~P})   "
              f"[{c.point_sources['boiling_point']}]")
    else:
        print("  normal boiling point: not in the cited data")
    temps = _temperatures(c, temperature)
    for name, (label, unit, shown) in COOLANT_PROPERTIES.items():
        _show_property(c.properties.get(name), label, unit, shown, temps)
    if temps and all(n in c.properties for n in ("specific_heat", "viscosity", "thermal_conductivity")):
        from ..errors import OutOfRangeError

        for T in temps:
            try:
                print(f"  Prandtl number at {T.to('K'):.6g~P}: {c.prandtl(T).magnitude:.4g}")
            except OutOfRangeError:
                print(f"  Prandtl number at {T.to('K'):.6g~P}: outside the validity range")
    print("  sources:")
    for src in c.sources:
        print(f"    - {src}")
    if c.notes:
        print(f"  notes: {c.notes}")


def _temperatures(c, temperature: str | None) -> list:
    """The temperatures to show: ``--temperature``, else the ends and middle of the validity range."""
    from ..errors import InputError
    from ..units import Q_, parse_quantity

    if temperature:
        expected = 'a temperature such as "400 K" or "100 degC"'
        try:
            T = parse_quantity(temperature)
        except ValueError as err:
            raise InputError("--temperature", temperature, expected) from err
        if not T.check("[temperature]"):
            raise InputError("--temperature", temperature, expected)
        return [T]
    if not c.properties:
        return []
    lo, hi = c.valid_range
    return [Q_(float(v), "K") for v in np.linspace(lo.magnitude, hi.magnitude, 3)] if lo < hi else []


def _show_property(prop, label: str, unit: str, shown: str, temps: list) -> None:
    """One property: validity, form, source and its values (flagged where extrapolated)."""
    import warnings

    from ..errors import ExtrapolationWarning, OutOfRangeError

    if prop is None:
        print(f"  {label}: no cited data")
        return
    lo, hi = prop.range_K
    print(f"  {label}  (valid {lo:.6g} K to {hi:.6g} K; {prop.form}; source: {prop.ref or prop.source})")
    for T in temps:
        try:
            value = prop(T)
            flag = ""
        except OutOfRangeError:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ExtrapolationWarning)
                value = prop(T, extrapolate=True)
            flag = "   EXTRAPOLATED: outside the validity range"
        print(f"      at {T.to('K'):.6g~P}: {value.to(unit).magnitude:.5g} {shown}{flag}")


def _show_record(r) -> None:
    print(f"{r.name}  [{r.family}]" + (f"  ({r.text['title']})" if "title" in r.text else ""))
    if r.description:
        print(f"  {r.description}")
    for key, v in r.values.items():
        q = v.quantity
        shown = f"{q.magnitude}" if not str(q.units) or str(q.units) == "dimensionless" else f"{q:~P}"
        conf = f", confidence {v.confidence}" if v.confidence else ""
        print(f"  {key}: {shown}   [{v.ref}{conf}]")
    for key, t in r.tables.items():
        cols = {k: val for k, val in t.items() if isinstance(val, list)}
        print(f"  {key}: " + "; ".join(f"{k} = {val}" for k, val in cols.items()) + f"   [{t.get('ref', '')}]")
    print("  sources:")
    for src in r.sources:
        print(f"    - {src}")
    if "notes" in r.text:
        print(f"  notes: {r.text['notes']}")


def cmd_materials_show(args: argparse.Namespace) -> int:
    """``thermo-orbit materials show``: every value of an entry with its citation."""
    family, obj = _find_material(args.name, args.family)
    if family == "coolant":
        _show_coolant(obj, args.temperature)
    else:
        _show_record(obj)
    return 0
