"""Materials database: coolant properties against printed source values, physical sense,
loader rejections, ranges and lookups."""

from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np
import pytest

from thermo_orbit import materials as mat
from thermo_orbit.errors import ExtrapolationWarning, InputError, OutOfRangeError
from thermo_orbit.units import Q_, parse_quantity

POINTS = tomllib.loads((Path(__file__).parent / "reference" / "coolant_points.toml").read_text())["point"]


def _tolerance(text: str, expected):
    number, unit = text.split()[0], text.split()[1] if len(text.split()) > 1 else ""
    if unit == "%":
        return abs(expected.magnitude) * float(number) / 100.0
    return Q_(float(number), unit).to(expected.units).magnitude


@pytest.mark.parametrize("point", POINTS,
                         ids=[f"{p['material']}-{p['property']}-{p.get('temperature', '')}" for p in POINTS])
def test_coolant_against_printed_source_value(point):
    """Each point is a value printed in the named source (see the data file for the table)."""
    c = mat.coolant(point["material"])
    expected = parse_quantity(point["value"])
    if point["property"] in ("melting_point", "boiling_point"):
        got = getattr(c, point["property"])
        if got is None:
            pytest.skip(f"{c.name}: no cited {point['property']} in the data yet")
        got = got.to(expected.units)
        expected = expected.to("K") if expected.dimensionality == got.dimensionality else expected
        got = got.to(expected.units)
    else:
        if point["property"] not in c.properties:
            pytest.skip(f"{c.name}: no cited {point['property']} correlation in the data yet")
        T = parse_quantity(point["temperature"])
        got = getattr(c, point["property"])(T).to(expected.units)
    tol = _tolerance(point["tolerance"], expected)
    assert got.magnitude == pytest.approx(expected.magnitude, abs=tol), point["source"]


@pytest.mark.parametrize("name", ["Na", "K", "LBE", "Ga", "Li", "water", "ammonia"])
def test_density_falls_with_temperature(name):
    c = mat.coolant(name)
    lo, hi = c.valid_range
    if name == "water":  # density maximum near 277 K (IAPWS-95)
        lo = Q_(280, "K")
    T = Q_(np.linspace(lo.magnitude, hi.magnitude, 50), "K")
    assert np.all(np.diff(c.density(T).magnitude) < 0)


@pytest.mark.parametrize("name", ["Na", "K", "LBE", "Ga", "Li"])
def test_liquid_metal_prandtl_order(name):
    # Liquid metals: Pr of order 0.001 to 0.03, higher only near the melting point of the
    # heavy and light ones (LBE ~0.05 at 400 K, Li ~0.06 at 454 K); Incropera et al.,
    # Fundamentals of Heat and Mass Transfer, 7th ed., Sec. 8.8 and Table A.7.
    c = mat.coolant(name)
    lo, hi = c.valid_range
    Pr = c.prandtl(Q_(np.linspace(lo.magnitude, hi.magnitude, 20), "K")).magnitude
    assert np.all((Pr > 0.001) & (Pr < 0.08))
    assert np.median(Pr) < 0.03


def test_coolprop_water_against_incropera():
    # Incropera et al. (7th ed.) Table A.6, saturated water at 300 K: rho = 1/1.003e-3 m^3/kg,
    # cp = 4179 J/(kg K), k = 0.613 W/(m K), mu = 855e-6 Pa s.  Tolerance: the table's rounding
    # plus its older formulations (up to 0.5 % in k).
    w = mat.coolant("water")
    T = Q_(300, "K")
    assert w.density(T).magnitude == pytest.approx(1 / 1.003e-3, rel=2e-3)
    assert w.specific_heat(T).magnitude == pytest.approx(4179, rel=2e-3)
    assert w.thermal_conductivity(T).magnitude == pytest.approx(0.613, rel=1e-2)
    assert w.viscosity(T).magnitude == pytest.approx(855e-6, rel=1e-2)


def test_coolprop_nak_is_not_sodium_potassium():
    # CoolProp's INCOMP::NaK is the nitrate salt 60 % NaNO3 / 40 % KNO3 (Zavoico 2001):
    # about 1900 kg/m^3 at 573 K, more than twice any NaK alloy.  The database never uses it.
    from CoolProp.CoolProp import PropsSI

    assert PropsSI("D", "T", 573.15, "P", 1e5, "INCOMP::NaK") > 1800
    text = (Path(mat.__file__).resolve().parent.parent / "materials" / "coolants.toml")
    if text.exists():
        lines = [line for line in text.read_text().splitlines() if not line.startswith("#") and "form" in line]
        assert "INCOMP::NaK" not in "".join(lines)


def test_aliases_and_case():
    assert mat.coolant("sodium") is mat.coolant("Na")
    assert mat.coolant("lead-bismuth") is mat.coolant("LBE")
    assert mat.coolant("nak-78") is mat.coolant("NaK-78")


def test_unknown_name_suggests():
    with pytest.raises(InputError) as info:
        mat.coolant("NaK78x")
    assert "did you mean" in str(info.value)


def test_out_of_range_names_material_property_and_range():
    with pytest.raises(OutOfRangeError) as info:
        mat.coolant("Na").density(Q_(300, "K"))
    msg = str(info.value)
    assert "Na density" in msg and "300 K" in msg and "371 K" in msg and "extrapolate=True" in msg


def test_extrapolation_is_flagged():
    with pytest.warns(ExtrapolationWarning, match="Na density"):
        rho = mat.coolant("Na").density(Q_(360, "K"), extrapolate=True)
    assert rho.magnitude > 900


def test_array_and_degC_inputs():
    na = mat.coolant("Na")
    T = Q_(np.array([400.0, 500.0, 600.0]), "K")
    arr = na.specific_heat(T).magnitude
    assert arr.shape == (3,)
    assert arr[1] == na.specific_heat(Q_(500.0, "K")).magnitude
    assert na.density(Q_(126.85, "degC")).magnitude == pytest.approx(na.density(Q_(400.0, "K")).magnitude)


@pytest.mark.parametrize("family", list(mat.FAMILIES))
def test_every_entry_cites_its_source(family):
    for name in mat.list_materials(family):
        obj = mat.material(family, name)
        assert obj.sources, f"{family} {name}"


# --------------------------------------------------------------------------- loader rejections

def _loader_with(tmp_path, monkeypatch, text):
    (tmp_path / "coolants.toml").write_text(text)
    monkeypatch.setattr(mat, "materials_dir", lambda: tmp_path)
    mat._family.cache_clear()


@pytest.fixture
def clean_cache():
    yield
    mat._family.cache_clear()


GOOD = '''
[sources]
s = "A source."
[coolant."X"]
melting_point = { value = 300.0, unit = "K", source = "s" }
[coolant."X".density]
form = "polynomial"
coefficients = [1000.0, -0.1]
unit = "kg/m^3"
range = [300.0, 500.0]
range_unit = "K"
source = "s"
'''


@pytest.mark.parametrize("drop, message", [
    ('unit = "kg/m^3"\n', "missing unit"),
    ('range = [300.0, 500.0]\n', "missing validity range"),
    ('source = "s"\n', "missing source"),
])
def test_loader_rejects_incomplete_entry(tmp_path, monkeypatch, clean_cache, drop, message):
    head, tail = GOOD.split("[coolant.\"X\".density]")
    _loader_with(tmp_path, monkeypatch, head + "[coolant.\"X\".density]" + tail.replace(drop, "", 1))
    with pytest.raises(mat.MaterialDataError) as info:
        mat.coolant("X")
    assert "coolants.toml" in str(info.value) and "'X'" in str(info.value) and message in str(info.value)


def test_loader_accepts_good_entry(tmp_path, monkeypatch, clean_cache):
    _loader_with(tmp_path, monkeypatch, GOOD)
    assert mat.coolant("X").density(Q_(400, "K")).magnitude == pytest.approx(960.0)


# --------------------------------------------------------------------------- data gaps (issue 4)

@pytest.mark.parametrize("name", mat.list_materials("coolant"))
def test_missing_property_is_refused_by_name(name):
    # A property with no cited correlation (Galinstan today has none: materials/README.md, "Open
    # data gaps") must raise and name itself, never fall back to a made-up value.
    c = mat.coolant(name)
    for prop in ("density", "specific_heat", "thermal_conductivity", "viscosity"):
        if prop in c.properties:
            continue
        with pytest.raises(OutOfRangeError, match=f"{c.name}: no cited {prop.replace('_', ' ')}"):
            getattr(c, prop)(Q_(300, "K"))


@pytest.mark.parametrize("family", list(mat.FAMILIES))
def test_values_read_through_wikipedia_are_flagged_secondary(family):
    # The data rules (materials/README.md): a value not read in its source must not look as if it
    # were. A citation that was read through Wikipedia has to say SECONDARY.
    for name in mat.list_materials(family):
        for citation in mat.material(family, name).sources:
            if "wikipedia" in citation.lower():
                assert "secondary" in citation.lower(), f"{family} {name}: {citation[:120]}"
