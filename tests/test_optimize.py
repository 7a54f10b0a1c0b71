"""The optimiser, the global sensitivity and the uncertainty of a result (issue 20).

Each test checks against what nobody on the project wrote: a closed-form optimum, a brute
force over the same axes, SALib's published Ishigami indices, the definition of Sobol
indices (they sum to at most 1), and the deterministic sizing.
"""

from __future__ import annotations

import importlib
import json

import numpy as np
import pytest

from shipped import DESIGNS_DIR
from thermo_orbit import load_design, size
from thermo_orbit.batch import size_columns
from thermo_orbit.cli import main
from thermo_orbit.design import DesignError, default_design_path
from thermo_orbit.sizing.stated import uncertain_inputs
from thermo_orbit.sizing.uncertainty import size_uncertainty, wilson_interval
from thermo_orbit.sweeps.analysis import merge_near_duplicates
from thermo_orbit.sweeps.optimize import optimize
from thermo_orbit.sweeps.optimize_spec import load_optimize_spec, parse_optimize_spec
from thermo_orbit.sweeps.sensitivity import sensitivity, sobol_indices
from thermo_orbit.uncertain import nominal_text, parse_uncertain

optimize_module = importlib.import_module("thermo_orbit.sweeps.optimize")  # the module, not the function
LOOP_TRADE = DESIGNS_DIR / "sweeps" / "loop_trade.toml"
LOOP_PARETO = DESIGNS_DIR / "sweeps" / "loop_pareto.toml"


def _spec(optimize_table: dict, axes: list[dict]) -> dict:
    return {"sweep": {"name": "test", "base": str(default_design_path())}, "axis": axes, "optimize": optimize_table}


# ---------------------------------------------------------------- the optimiser

def test_closed_form_interior_minimum(monkeypatch):
    """A one-axis trade whose objective is (g - 17.3 K)² + 1000 kg over glide 5-40 K and
    whose freeze margin is 40 - g: the optimum, g = 17.3 K, is known in closed form.  The
    model is replaced by that function; the optimiser's code path (differential evolution,
    constraints, polish) is the real one."""
    def fake(base, columns, cache=None, n=None, invalid_reasons=None):
        g = np.asarray(columns["thermal.radiator_glide"], dtype=np.float64)
        out = {k: np.zeros(g.size) for k in size_columns(base, {}, n=1)}
        out["mass.total"] = (g - 17.3) ** 2 + 1000.0
        out["margins.freeze"] = 40.0 - g
        out["feasible"] = np.ones(g.size, dtype=bool)
        out["binding_constraint"] = np.zeros(g.size, dtype=np.int8)
        return out

    monkeypatch.setattr(optimize_module, "size_columns", fake)
    spec = parse_optimize_spec(_spec({"minimize": "mass.total", "constraints": ["margins.freeze >= 1 K"],
                                      "generations": 30},
                                     [{"field": "thermal.radiator_glide", "range": ["5 K", "40 K"], "count": 2}]))
    r = optimize(spec)
    # tolerance: DE's relative tol 1e-6 plus the polish; 1e-3 K is far below any design meaning
    assert r.optimum["thermal.radiator_glide"] == pytest.approx(17.3, abs=1e-3)
    assert r.optimum["mass.total"] == pytest.approx(1000.0, abs=1e-5)


def test_active_constraint_optimum_closed_form(monkeypatch):
    """The same function with the constraint margin.freeze = 40 - g >= 25 K: the optimum
    sits on the constraint, g = 15 K (closed form), and the report calls it active."""
    def fake(base, columns, cache=None, n=None, invalid_reasons=None):
        g = np.asarray(columns["thermal.radiator_glide"], dtype=np.float64)
        out = {k: np.zeros(g.size) for k in size_columns(base, {}, n=1)}
        out.update({"mass.total": (g - 17.3) ** 2 + 1000.0, "margins.freeze": 40.0 - g,
                    "feasible": np.ones(g.size, dtype=bool), "binding_constraint": np.zeros(g.size, dtype=np.int8)})
        return out

    monkeypatch.setattr(optimize_module, "size_columns", fake)
    spec = parse_optimize_spec(_spec({"minimize": "mass.total", "constraints": ["margins.freeze >= 25 K"],
                                      "generations": 40},
                                     [{"field": "thermal.radiator_glide", "sample": "lhs", "bounds": ["5 K", "40 K"]}]))
    r = optimize(spec)
    assert r.optimum["thermal.radiator_glide"] == pytest.approx(15.0, abs=1e-3)  # on the bound: polish tolerance
    assert r.constraint_table(r.optimum)[0]["active"]


def test_one_axis_trade_matches_a_dense_grid():
    """On the real model, a one-axis trade (coolant velocity) found by the optimiser is at
    least as light as the best of 2,000 evenly spaced velocities (a brute force nobody tuned)."""
    spec = parse_optimize_spec(_spec({"minimize": "mass.total", "generations": 30},
                                     [{"field": "thermal.coolant_velocity", "sample": "lhs",
                                       "bounds": ["0.3 m/s", "3 m/s"]}]))
    r = optimize(spec)
    v = np.linspace(0.3, 3.0, 2000)
    out = size_columns(spec.sweep.base, {"thermal.coolant_velocity": v}, n=v.size)
    best = np.min(out["mass.total"][out["feasible"]])
    assert r.optimum["mass.total"] <= best * (1 + 1e-9)  # no heavier than the grid's best


def test_shipped_loop_trade_optimum_beats_a_latin_hypercube():
    """The shipped loop trade: the optimum is feasible, meets margins.freeze >= 15 K, and is
    no heavier than the best of a 2,000-sample Latin hypercube over the same axes."""
    from scipy.stats import qmc

    spec = load_optimize_spec(LOOP_TRADE)
    r = optimize(spec)
    assert r.feasible and r.optimum["feasible"] and r.optimum["margins.freeze"] >= 15.0 - 1e-9
    U = qmc.LatinHypercube(d=len(spec.variables), seed=np.random.default_rng(0)).random(2000)
    cols = {}
    for j, v in enumerate(spec.variables):
        cols[v.field] = (np.array(v.choices, dtype=object)[np.floor(U[:, j] * len(v.choices)).astype(int)]
                         if v.kind == "choice" else v.values(U[:, j]))
    out = size_columns(spec.sweep.base, cols, n=2000)
    ok = out["feasible"] & (out["margins.freeze"] >= 15.0)
    assert ok.any()
    assert r.optimum["mass.total"] <= np.min(out["mass.total"][ok])


def test_pareto_optimisation_front_is_nondominated_and_merged():
    spec = load_optimize_spec(LOOP_PARETO)
    spec = parse_optimize_spec({**spec.table, "optimize": {**spec.table["optimize"], "generations": 10}},
                               str(LOOP_PARETO), LOOP_PARETO.parent)
    r = optimize(spec)
    F = np.array([[row["mass.total"], -row["margins.freeze"]] for row in r.front])
    assert len(F) >= 2 and all(row["feasible"] for row in r.front)
    for i in range(len(F)):  # nobody on the front dominates another
        assert not np.any(np.all(F <= F[i], axis=1) & np.any(F < F[i], axis=1))
    tol = np.array([10.0, 0.1])  # the spec's pareto.tolerance
    for i in range(len(F)):
        near = np.all(np.abs(F - F[i]) <= tol, axis=1)
        assert near.sum() == 1


def test_orbit_method_is_read_and_a_bad_method_named():
    # optimize.method = "orbit" sizes every candidate against the periodic orbit (issue 23;
    # run in tests/test_orbit_sizing.py); anything else names the key
    axes = [{"field": "thermal.coolant", "values": ["NaK-78"]}]
    assert parse_optimize_spec(_spec({"method": "orbit"}, axes)).method == "orbit"
    with pytest.raises(DesignError, match=r"optimize\.method"):
        parse_optimize_spec(_spec({"method": "transient"}, axes))


@pytest.mark.parametrize("bad, field", [({"minimize": "mass.totl"}, "optimize.minimize"),
                                        ({"constraints": ["margins.freeze > 15 K"]}, "optimize.constraints[0]"),
                                        ({"constraints": ["margins.freeze >= 15 m"]}, "optimize.constraints[0]"),
                                        ({"generations": 0}, "optimize.generations"),
                                        ({"speed": 1}, "optimize.speed")])
def test_bad_optimize_section_names_the_key(bad, field):
    with pytest.raises(DesignError) as err:
        parse_optimize_spec(_spec(bad, [{"field": "thermal.coolant", "values": ["NaK-78"]}]))
    assert field in str(err.value)


def test_infeasible_everywhere_is_an_answer():
    spec = parse_optimize_spec(_spec({"constraints": ["margins.freeze >= 500 K"], "generations": 3},
                                     [{"field": "thermal.radiator_glide", "range": ["5 K", "40 K"], "count": 2}]))
    r = optimize(spec)
    assert not r.feasible and r.optimum is None and r.choices[0]["best"] is not None


def test_optimize_command_writes_its_files(tmp_path):
    out = tmp_path / "opt"
    assert main(["optimize", str(LOOP_TRADE), "--out", str(out), "--csv"]) == 0
    for name in ("report.json", "history.csv", "convergence.png", "optimum.toml", "optimum.csv"):
        assert (out / name).exists(), name
    report = json.loads((out / "report.json").read_text())
    assert report["optimum"]["mass.total"]["unit"] == "kg" and report["constraint_status"]
    header = (out / "optimum.csv").read_text().splitlines()[0]
    assert "mass.total [kg]" in header and "thermal.coolant_velocity [m/s]" in header
    assert size(load_design(out / "optimum.toml")).feasible  # the optimum reads back as a design


# ---------------------------------------------------------------- sensitivity

def _ishigami(u):
    x = -np.pi + 2 * np.pi * u
    return {"y": np.sin(x[:, 0]) + 7.0 * np.sin(x[:, 1]) ** 2 + 0.1 * x[:, 2] ** 4 * np.sin(x[:, 0])}


def test_ishigami_sobol_indices_within_salib_published_values():
    """SALib/SALib tests/test_regression.py (test_regression_sobol): S1 = [0.31, 0.44, 0.00],
    ST = [0.55, 0.44, 0.24] for the Ishigami function (a = 7, b = 0.1) with the tolerance
    SALib itself asserts (atol 0.05, rtol 0.1: sampling error at these sample counts)."""
    ind, _ = sobol_indices(_ishigami, ["x1", "x2", "x3"], n=4096, seed=3)
    np.testing.assert_allclose(ind["y"]["S1"], [0.31, 0.44, 0.00], atol=5e-2, rtol=1e-1)
    np.testing.assert_allclose(ind["y"]["ST"], [0.55, 0.44, 0.24], atol=5e-2, rtol=1e-1)


def test_design_indices_sum_to_at_most_one_within_their_intervals():
    r = sensitivity(LOOP_TRADE, outputs=["mass.total", "radiator.area"], samples=256)
    for out in ("mass.total", "radiator.area"):
        ind = r.indices[out]
        assert np.sum(ind["S1"]) <= 1.0 + np.sum(ind["S1_conf"])  # variance shares add up to at most 1
        assert np.all(ind["ST"] + ind["ST_conf"] >= ind["S1"] - ind["S1_conf"])  # total ≥ first order


def test_sensitivity_command_writes_its_files(tmp_path):
    assert main(["sensitivity", str(LOOP_TRADE), "--out", str(tmp_path / "s"), "--samples", "64"]) == 0
    for name in ("sensitivity.json", "sensitivity.csv", "sensitivity.png"):
        assert (tmp_path / "s" / name).exists()


# ---------------------------------------------------------------- uncertainty of a result

@pytest.mark.parametrize("text, kind, nominal, spread", [
    ("0.91 ± 0.02", "normal", 0.91, 0.02), ("120 kW +- 5 kW", "normal", 120.0, 5.0),
    ("120 ± 5 kW", "normal", 120.0, 5.0), ("120 kW ± 4 %", "normal", 120.0, 4.8),
    ("85 degC ± 2 K", "normal", 85.0, 2.0), ("uniform(0.89, 0.93)", "uniform", 0.91, 0.93),
    ("triangular(10 K, 12 K, 20 K)", "triangular", 12.0, 20.0)])
def test_uncertain_values_read(text, kind, nominal, spread):
    u = parse_uncertain(text)
    assert u.kind == kind and u.nominal == pytest.approx(nominal) and u.params[-1] == pytest.approx(spread)


def test_a_design_field_with_its_uncertainty_sizes_at_the_nominal():
    base = load_design(default_design_path())
    d = base.with_fields({"rack.power": "120 kW ± 5 %"})
    assert d["rack.power"].to("kW").magnitude == 120.0 and nominal_text("120 kW ± 5 %") == "120.0 kW"
    assert size(d).mass["total"] == size(base).mass["total"]
    with pytest.raises(DesignError, match=r"rack\.power"):
        base.with_fields({"rack.power": "120 kW ± 5 m"})


def test_monte_carlo_p50_with_zero_uncertainty_is_the_deterministic_result():
    d = load_design(default_design_path()).with_fields({"rack.power": "120 kW ± 0 kW",
                                                        "radiator.emissivity": "0.91 ± 0"})
    r = size_uncertainty(d, samples=40, groups=4, materials=False)
    det = size(d)
    assert r.percentiles["mass.total"][1] == pytest.approx(det.mass["total"].to("kg").magnitude, rel=1e-9)
    assert r.percentiles["radiator.area"][1] == pytest.approx(det.loop.radiator_area.to("m^2").magnitude, rel=1e-9)
    assert r.percentiles["margins.freeze"][1] == pytest.approx(det.margins["freeze"].to("K").magnitude, rel=1e-9)
    assert r.probability_feasible == 1.0


def test_monte_carlo_spreads_with_the_input_and_counts_infeasible_samples():
    d = load_design(default_design_path()).with_fields({"rack.power": "uniform(60 kW, 180 kW)"})
    r = size_uncertainty(d, samples=200, materials=False)
    p5, p50, p95, n = r.percentiles["mass.total"]
    assert p5 < p50 < p95 and n == 200
    assert 0.0 <= r.probability_feasible <= 1.0 and sum(r.binding.values()) == 200 - r.feasible


def test_stated_material_uncertainties_are_cited_and_used():
    inputs = uncertain_inputs(load_design(default_design_path()))
    names = {i.name for i in inputs}
    assert "radiator.emissivity (AZ-93.eps_ir_bol)" in names
    assert all(i.source for i in inputs)


def test_wilson_interval_reference():
    """Wilson (1927) score interval; for 0 of 10 the upper end is z²/(n + z²) = 0.2775."""
    assert wilson_interval(0, 10)[1] == pytest.approx(1.959963984540054 ** 2 / (10 + 1.959963984540054 ** 2))


def test_size_uncertainty_json(capsys):
    assert main(["size", str(default_design_path()), "--uncertainty", "16", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)["uncertainty"]
    assert out["samples"] == 16 and out["outputs"]["mass.total"]["p50"]["unit"] == "kg"
    assert "probability_feasible" in out


# ---------------------------------------------------------------- fronts and tables

def test_near_duplicates_merged_within_tolerance():
    F = np.array([[1.0, 5.0], [1.005, 4.995], [2.0, 3.0], [2.0, 3.2]])
    assert merge_near_duplicates(F, [0.01, 0.01]).tolist() == [0, 2, 3]
