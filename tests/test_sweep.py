"""Sweeps: the batch sizing against size() row by row, chunked Parquet, resume after an
interrupt, Dask equal to serial, Pareto fronts, and bad specs."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shipped import spec_paths
from thermo_orbit import load_design
from thermo_orbit.batch import BINDING_NAMES, KERNEL_FIELDS, OUTPUTS, flag_reasons, size_batch
from thermo_orbit.design import FIELDS, DesignError, default_design_path
from thermo_orbit.errors import InputError
from thermo_orbit.sizing import size
from thermo_orbit.sweeps import (
    SweepError,
    design_columns,
    load_sweep_spec,
    pareto_front,
    pareto_mask,
    parse_sweep_spec,
    read_results,
    run_sweep,
    summarize,
)
from thermo_orbit.units import Q_

DESIGNS = default_design_path().parent
SPECS = spec_paths()  # the shipped specs, never a glob of designs/sweeps/


def _json_value(d: dict, path: str, unit: str):
    node = d
    for part in path.split("."):
        node = node[part]
    if isinstance(node, dict) and "value" in node:
        if node["value"] is None:
            return np.nan
        return Q_(node["value"], node["unit"]).to(unit).magnitude if unit else Q_(node["value"], node["unit"]).m
    return node


# ---------------------------------------------------------------- batch = size() row by row

def _grid(spec_table: dict) -> tuple:
    spec = parse_sweep_spec(spec_table, "test", base_dir=DESIGNS)
    cols = design_columns(spec, 0, spec.n_designs)
    return spec, cols


ROW_SPEC = {
    "sweep": {"base": "default.toml"},
    "axis": [
        {"field": "thermal.coolant", "values": ["NaK-78", "Na"]},
        {"field": "orbit.altitude", "values": ["550 km", "1000 km"]},
        {"field": "rack.power", "values": ["60 kW", "250 kW"]},
        {"field": "thermal.radiator_glide", "values": ["8 K", "30 K"]},
        {"field": "radiator.tube_pitch", "values": ["5 mm", "10 cm"]},  # 5 mm: inside a 6 mm tube, invalid
    ],
}


@pytest.fixture(scope="module")
def row_check():
    spec, cols = _grid(ROW_SPEC)
    out = size_batch(spec.base, {p: (Q_(c, FIELDS[p].unit) if FIELDS[p].unit else list(c)) for p, c in cols.items()})
    return spec, cols, out


def test_batch_rows_equal_size_of_each_design(row_check):
    spec, cols, out = row_check
    checked = 0
    for i in range(spec.n_designs):
        changes = {p: (Q_(float(c[i]), FIELDS[p].unit) if FIELDS[p].unit else c[i]) for p, c in cols.items()}
        if Q_(cols["radiator.tube_pitch"][i], FIELDS["radiator.tube_pitch"].unit).to("m").magnitude < 0.01:
            with pytest.raises(InputError, match=r"radiator\.tube_pitch"):  # the design check refuses it
                spec.base.with_fields(changes)
            assert not out["feasible"][i] and out["binding_constraint"][i] == "invalid_input"
            assert np.isnan(out["mass.total"][i].magnitude)
            continue
        r = size(spec.base.with_fields(changes))
        d = r.to_dict()
        assert out["feasible"][i] == r.feasible
        assert out["binding_constraint"][i] == r.binding_constraint
        for path, unit in OUTPUTS.items():
            if path.startswith("heat_pump.") and d["heat_pump"] is None:
                assert out[path][i].magnitude == 0.0
                continue
            expected = _json_value(d, path, unit)
            got = out[path][i].magnitude
            if expected is None or not np.isfinite(expected):
                assert np.isnan(got), (i, path)
            else:
                assert got == pytest.approx(expected, rel=1e-9, abs=1e-9), (i, path)
        checked += 1
    assert checked == 16


def test_batch_rows_equal_size_with_a_heat_pump():
    base = load_design(DESIGNS / "default.toml").with_fields({"thermal.heat_pump": True})
    P = Q_([90.0, 180.0], "kW")
    out = size_batch(base, {"rack.power": P})
    for i in range(2):
        r = size(base.with_fields({"rack.power": P[i]}))
        assert out["heat_pump.lift"][i].to("K").magnitude == pytest.approx(r.heat_pump["lift"].to("K").magnitude,
                                                                          abs=1e-9)
        assert out["mass.total"][i].magnitude == pytest.approx(r.mass["total"].to("kg").magnitude, rel=1e-9)
        assert out["feasible"][i] == r.feasible


@pytest.mark.parametrize("name", ["iss_ammonia_baseline", "starship_load", "suncatcher_node", "sodium_infeasible"])
def test_batch_of_one_equals_size_for_each_example_design(name):
    d = load_design(DESIGNS / f"{name}.toml")
    r = size(d)
    out = size_batch(d, {"rack.power": Q_([d["rack.power"].to("kW").magnitude], "kW")})
    assert out["feasible"][0] == r.feasible
    assert out["binding_constraint"][0] == r.binding_constraint
    assert out["mass.total"][0].magnitude == pytest.approx(r.mass["total"].to("kg").magnitude, rel=1e-9)
    assert out["radiator.area"][0].magnitude == pytest.approx(r.radiator["area"].to("m^2").magnitude, rel=1e-9)


def test_a_design_sizes_the_same_alone_in_a_batch_of_one_and_among_ten_thousand():
    # issue 22: the tube count and every output of a design do not depend on what else is
    # sized with it (each design is solved by itself): size() of the design, a batch of one
    # and row k of a batch of 10^4 random others agree bitwise
    import invariants as inv

    base = load_design(default_design_path())
    rng = np.random.default_rng(22)
    cols = inv.random_kernel_columns(rng, 10_000, base)
    k = 7_777
    while int(cols["power.battery_count"][k]) < 2:  # a valid design (the base has one-battery-out redundancy)
        k += 1
    one_design = {p: c[k:k + 1] for p, c in cols.items()}
    design = base.with_fields({p: c[k] for p, c in cols.items()})
    many, one = size_batch(base, cols), size_batch(base, one_design)
    r = size(design)
    d = r.to_dict()
    for path, unit in OUTPUTS.items():
        a, b = many[path][k].magnitude, one[path][0].magnitude
        assert a == b or (np.isnan(a) and np.isnan(b)), path
        if path.startswith("heat_pump.") and d["heat_pump"] is None:
            continue
        expected = _json_value(d, path, unit)
        if expected is None or not np.isfinite(expected):
            assert np.isnan(a), path
        else:  # the JSON's unit conversions may round in the last place
            assert a == pytest.approx(expected, rel=1e-12, abs=1e-12), path
    assert many["feasible"][k] == one["feasible"][0] == r.feasible
    assert many["binding_constraint"][k] == one["binding_constraint"][0] == r.binding_constraint
    assert r.loop.velocity.magnitude == pytest.approx(many["loop.velocity"][k].magnitude, rel=1e-12)
    # the velocity at every feasible design's operating point is at most its target
    ok = many["feasible"]
    target = cols["thermal.coolant_velocity"].to("m/s").magnitude if "thermal.coolant_velocity" in cols else \
        base["thermal.coolant_velocity"].to("m/s").magnitude
    assert np.all(many["loop.velocity"].magnitude[ok] <= np.broadcast_to(target, ok.shape)[ok])


def test_batch_bad_input_names_the_field():
    d = load_design(default_design_path())
    with pytest.raises(InputError, match=r"rack\.power"):
        size_batch(d, {"rack.power": Q_([100, 150], "m")})
    with pytest.raises(InputError, match=r"thermal\.radiator_glide.*design 1"):
        size_batch(d, {"thermal.radiator_glide": Q_([10, -5], "K")})
    with pytest.raises(InputError, match=r"thermal\.coolant"):
        size_batch(d, {"thermal.coolant": ["NaK-78", "unobtainium"]})
    with pytest.raises(InputError, match="not a design field"):
        size_batch(d, {"rack.powr": Q_([1], "kW")})
    with pytest.raises(InputError, match="lengths"):
        size_batch(d, {"rack.power": Q_([1, 2], "kW"), "thermal.radiator_glide": Q_([10], "K")})


def test_every_unit_in_the_size_json_reads_back():
    d = size(load_design(default_design_path())).to_dict()

    def walk(node):
        if isinstance(node, dict):
            if "unit" in node and "value" in node:
                Q_(1.0, node["unit"])  # raises if pint cannot read the unit text
                yield node["unit"]
            else:
                for v in node.values():
                    yield from walk(v)

    units = set(walk(d))
    assert "degC" in units and len(units) > 10


def test_kernel_fields_and_outputs_are_design_fields_and_result_paths():
    assert KERNEL_FIELDS <= set(FIELDS)
    assert not set(OUTPUTS) & set(FIELDS)  # input and output columns never collide
    assert flag_reasons(0) == []
    assert "invalid combination of inputs" in flag_reasons(1 << 12)


# ---------------------------------------------------------------- specs

@pytest.mark.parametrize("path", SPECS, ids=[p.stem for p in SPECS])
def test_example_specs_load(path):
    spec = load_sweep_spec(path)
    assert spec.n_designs >= 1
    assert spec.axes


def test_grid_order_and_sample_determinism():
    spec, cols = _grid({"sweep": {"base": "default.toml", "samples": 5, "seed": 3},
                        "axis": [{"field": "thermal.coolant", "values": ["NaK-78", "K"]},
                                 {"field": "thermal.radiator_glide", "range": ["10 K", "30 K"], "count": 3},
                                 {"field": "rack.power", "sample": "lhs", "bounds": ["50 kW", "100 kW"]}]})
    assert spec.n_designs == 2 * 3 * 5
    assert list(cols["thermal.coolant"][:15]) == ["NaK-78"] * 15
    assert list(cols["thermal.radiator_glide"][:15:5]) == [10.0, 20.0, 30.0]
    # samples are crossed with the grid and do not depend on the chunk boundaries
    part = design_columns(spec, 7, 13)
    assert np.array_equal(part["rack.power"], cols["rack.power"][7:13])
    p = np.sort(cols["rack.power"][:5])
    assert np.all((p >= 50) & (p <= 100))
    strata = np.floor((p - 50) / 10).astype(int)  # a Latin hypercube: one sample per fifth
    assert sorted(strata) == [0, 1, 2, 3, 4]


BAD_SPECS = [
    ({"axis": [{"field": "rack.powr", "values": ["1 kW"]}]}, "did you mean \"rack.power\""),
    ({"axis": [{"field": "rack.power", "range": ["1 m", "2 m"], "count": 2}]}, r"axis\[0\].range.*kW"),
    ({"axis": [{"field": "rack.power", "values": ["-5 kW"]}]}, "rack.power"),
    ({"axis": [{"field": "rack.power", "sample": "lhs", "bounds": ["1 kW", "2 kW"]}]}, "sweep.samples"),
    ({"axis": [{"field": "rack.power", "values": ["1 kW"], "range": ["1 kW", "2 kW"]}]}, "exactly one"),
    ({"sweep": {"outputs": ["mass.totl"]}}, "sweep.outputs"),
    ({"pareto": {"objectives": ["mass"]}}, "pareto.objectives"),
    ({"sweep": {"chunk_size": 0}}, "sweep.chunk_size"),
    ({"sweep": {"base": "no_such_design.toml"}}, "sweep.base"),
    ({"axis": [{"field": "thermal.coolant", "range": ["1 K", "2 K"], "count": 2}]}, "not numeric"),
    ({"filter": [{"output": "mass.total", "max": "5 m"}]}, r"filter\[0\].max"),
    ({"sweeps": {}}, "unknown section"),
]


@pytest.mark.parametrize("table,message", BAD_SPECS, ids=[m for _, m in BAD_SPECS])
def test_bad_specs_name_the_problem(table, message):
    with pytest.raises(DesignError, match=message):
        parse_sweep_spec(table, "bad.toml", base_dir=DESIGNS)


def test_cli_bad_spec_exit_2(tmp_path):
    from thermo_orbit.cli import main

    bad = tmp_path / "bad.toml"
    bad.write_text('[sweep]\nbase = "x"\n[[axis]]\nfield = "rack.power"\nvalues = [5]\n')
    assert main(["sweep", str(bad), "--out", str(tmp_path / "o")]) == 2
    bad.write_text("not toml [")
    assert main(["sweep", str(bad)]) == 2
    assert main(["pareto", str(tmp_path / "nothing")]) == 2


# ---------------------------------------------------------------- engine

SMALL = {"sweep": {"base": "default.toml", "samples": 6, "seed": 2, "chunk_size": 10},
         "axis": [{"field": "thermal.coolant", "values": ["NaK-78", "K"]},
                  {"field": "thermal.radiator_glide", "values": ["10 K", "25 K"]},
                  {"field": "thermal.coolant_velocity", "sample": "lhs", "bounds": ["0.5 m/s", "2 m/s"]}],
         "pareto": {"objectives": ["mass.total", "-margins.freeze"], "best": 2}}


def _small_spec(**sweep):
    table = json.loads(json.dumps(SMALL))
    table["sweep"].update(sweep)
    return parse_sweep_spec(table, "small.toml", base_dir=DESIGNS)


def _all_rows(directory):
    import pyarrow as pa

    t = pa.concat_tables(list(read_results(directory)))
    return t.sort_by("design_id")


@pytest.fixture(scope="module")
def serial_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("serial")
    summary = run_sweep(_small_spec(), out / "r")
    return out / "r", summary


def test_serial_sweep_writes_chunks_summary_front_and_plots(serial_run):
    out, s = serial_run
    spec = _small_spec()
    assert s.complete and s.designs == spec.n_designs == 24
    assert len(list((out / "chunks").glob("*.parquet"))) == spec.n_chunks == 3
    rows = _all_rows(out)
    assert rows.column("design_id").to_pylist() == list(range(24))
    meta = json.loads(pq.read_schema(out / "chunks" / "chunk-000000.parquet").metadata[b"thermo_orbit.units"])
    assert meta["mass.total"] == "kg" and meta["thermal.radiator_glide"] == "K"
    assert sum(s.binding.values()) == 24 and set(s.binding) <= set(BINDING_NAMES)
    assert s.feasible == int(np.sum(rows.column("feasible").to_numpy(zero_copy_only=False)))
    assert (out / "pareto.png").stat().st_size > 1000 and (out / "tornado.png").stat().st_size > 1000
    summary = json.loads((out / "summary.json").read_text())
    assert summary["complete"] and summary["designs"] == 24
    best = sorted((out / "best").glob("*.toml"))
    assert 1 <= len(best) <= 2
    d = load_design(best[0])  # an exported design is a valid design file and sizes feasible
    assert size(d).feasible


def test_front_of_results_is_the_brute_force_front(serial_run):
    out, _ = serial_run
    rows = _all_rows(out)
    feas = rows.column("feasible").to_numpy(zero_copy_only=False)
    F = np.stack([rows.column("mass.total").to_numpy(zero_copy_only=False),
                  -rows.column("margins.freeze").to_numpy(zero_copy_only=False)], axis=1)[feas]
    ids = rows.column("design_id").to_numpy()[feas]
    brute = [ids[i] for i, f in enumerate(F) if not np.any(np.all(F <= f, 1) & np.any(F < f, 1))]
    front = pareto_front(out)
    assert sorted(front.column("design_id").to_pylist()) == sorted(brute)


def test_resume_after_interrupt_loses_nothing_and_duplicates_nothing(serial_run, tmp_path):
    out_ref, _ = serial_run
    out = tmp_path / "r"
    calls = []

    def interrupt(done, total):
        calls.append(done)
        if len(calls) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_sweep(_small_spec(), out, progress=interrupt)
    s = summarize(out)
    assert s.chunks_done == 2 and not s.complete
    # a damaged chunk (a crash mid-copy by some other tool) is recomputed on resume
    (out / "chunks" / "chunk-000001.parquet").write_bytes(b"PAR1 broken")
    with pytest.raises(SweepError, match="--resume"):
        run_sweep(_small_spec(), out)
    s = run_sweep(_small_spec(), out, resume=True)
    assert s.complete and s.designs == 24
    assert _all_rows(out).equals(_all_rows(out_ref))


def test_resume_refuses_a_changed_spec(serial_run, tmp_path):
    out = tmp_path / "r"
    run_sweep(_small_spec(), out, finish=False)
    with pytest.raises(SweepError, match="different sweep"):
        run_sweep(_small_spec(seed=99), out, resume=True)
    other = tmp_path / "not-empty"
    other.mkdir()
    (other / "keep.txt").write_text("mine")
    with pytest.raises(SweepError, match="not empty"):
        run_sweep(_small_spec(), other)
    assert (other / "keep.txt").read_text() == "mine"


def test_filters_and_feasible_only(tmp_path):
    table = json.loads(json.dumps(SMALL))
    table["sweep"]["feasible_only"] = True
    table["filter"] = [{"output": "radiator.area", "max": "200 m^2"}]
    spec = parse_sweep_spec(table, "f.toml", base_dir=DESIGNS)
    s = run_sweep(spec, tmp_path / "r", finish=False)
    rows = _all_rows(tmp_path / "r")
    assert s.designs == 24 and s.kept == rows.num_rows
    assert all(rows.column("feasible").to_pylist())
    assert max(rows.column("radiator.area").to_pylist()) <= 200


def test_dask_local_cluster_with_two_workers_equals_serial(serial_run, tmp_path):
    pytest.importorskip("distributed")
    out_ref, _ = serial_run
    s = run_sweep(_small_spec(), tmp_path / "r", workers=2, finish=False)
    assert s.complete
    assert _all_rows(tmp_path / "r").equals(_all_rows(out_ref))


def test_sigterm_keeps_finished_chunks_and_resume_completes(tmp_path):
    spec = tmp_path / "slow.toml"
    spec.write_text(f'''[sweep]
base = "{(DESIGNS / "default.toml").as_posix()}"
samples = 400
chunk_size = 20
[[axis]]
field = "orbit.altitude"
sample = "random"
bounds = ["500 km", "1200 km"]
''')  # every design its own orbit: slow chunks
    out = tmp_path / "r"
    cmd = [sys.executable, "-m", "thermo_orbit.cli", "sweep", str(spec), "--out", str(out)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    # chunk 2 on disk: chunks 0 and 1 are recorded (a chunk is recorded before the next starts)
    while time.time() < deadline and not (out / "chunks" / "chunk-000002.parquet").exists():
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "--resume" in err
    s = summarize(out)
    assert 2 <= s.chunks_done < s.chunks_total
    ids = _all_rows(out).column("design_id").to_pylist()
    assert ids == sorted(set(ids)) and len(ids) == 20 * s.chunks_done


# ---------------------------------------------------------------- Pareto

KNOWN = [  # (points, front) worked by hand
    ([[1, 5], [2, 3], [3, 4], [4, 1], [5, 5], [2, 3]], [True, True, False, True, False, True]),
    ([[0, 0, 0], [1, 0, 0], [0, 1, 1]], [True, False, False]),
    ([[1, 2, 3], [3, 2, 1], [2, 2, 2], [3, 3, 3]], [True, True, True, False]),
    ([[1, np.nan], [2, 2]], [False, True]),
]


@pytest.mark.parametrize("points,front", KNOWN)
def test_pareto_known_sets(points, front):
    assert pareto_mask(points).tolist() == front


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 4), st.integers(1, 700), st.integers(0, 2**32 - 1), st.booleans())
def test_pareto_equals_brute_force(k, n, seed, ties):
    rng = np.random.default_rng(seed)
    F = rng.integers(0, 6, (n, k)).astype(float) if ties else rng.random((n, k))
    brute = np.array([not np.any(np.all(F <= f, 1) & np.any(F < f, 1)) for f in F])
    assert np.array_equal(pareto_mask(F), brute)


def test_sweep_verified_by_the_orbit_transient(tmp_path):
    spec = parse_sweep_spec({"sweep": {"base": "default.toml", "verify": "transient", "chunk_size": 2},
                             "axis": [{"field": "rack.power", "values": ["100 kW", "140 kW"]}]},
                            "t.toml", base_dir=DESIGNS)
    s = run_sweep(spec, tmp_path / "r", finish=False)
    rows = _all_rows(tmp_path / "r").to_pylist()
    assert s.designs == 2
    for row in rows:
        assert row["transient.feasible"] is not None
        assert row["transient.freeze_margin"] > 0  # the default NaK-78 loop does not freeze in eclipse
        assert row["feasible"] == (row["transient.feasible"] and row["flags"] == 0)


def test_existing_dask_scheduler_equals_serial(serial_run, tmp_path):
    # a cluster reached by address: its workers send the Parquet bytes, the client writes
    distributed = pytest.importorskip("distributed")
    out_ref, _ = serial_run
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as c:
        s = run_sweep(_small_spec(), tmp_path / "r", scheduler=c.scheduler_address, finish=False)
    assert s.complete
    assert _all_rows(tmp_path / "r").equals(_all_rows(out_ref))


def test_unreachable_scheduler_is_a_clear_error(tmp_path):
    with pytest.raises(SweepError, match="cannot reach the Dask scheduler"):
        run_sweep(_small_spec(), tmp_path / "r", scheduler="tcp://127.0.0.1:9", finish=False)
    assert not (tmp_path / "r").exists()  # created only once the cluster answers: a rerun is not refused


def test_invalid_groups_are_rows_with_their_reasons(tmp_path):
    # an impossible sun-synchronous altitude, a tube pitch inside the tube and a coolant
    # without cited transport data: rows with binding "invalid_input", the sweep runs on
    spec = parse_sweep_spec({"sweep": {"base": "default.toml"},
                             "axis": [{"field": "orbit.altitude", "values": ["800 km", "6500 km"]},
                                      {"field": "radiator.tube_pitch", "values": ["6 mm", "10 cm"]},
                                      {"field": "thermal.coolant", "values": ["NaK-78", "Galinstan"]}]},
                            "inv.toml", base_dir=DESIGNS)
    s = run_sweep(spec, tmp_path / "r", finish=False)
    assert s.designs == 8 and s.binding["invalid_input"] == 7 and s.feasible == 1
    reasons = " | ".join(s.invalid_reasons)
    assert "sun-synchronous" in reasons and "tube_pitch" in reasons and "Galinstan" in reasons


def test_two_base_designs_in_one_process_do_not_share_prepared_groups():
    # The prepared groups are cached between chunks; the cache keys name only the group's
    # fields, so before the cache was kept per base design a second sweep from another base
    # design in the same process (or on the same Dask workers) got the first one's numbers.
    from thermo_orbit.sweeps import evaluate_chunk, tornado_data

    def spec(base):
        return parse_sweep_spec({"sweep": {"base": base, "outputs": ["mass.total"]},
                                 "axis": [{"field": "rack.power", "values": ["100 kW", "200 kW"]}]},
                                "t.toml", base_dir=DESIGNS)

    def masses(s):
        data, _ = evaluate_chunk(s.payload(), 0)
        return pq.read_table(pa.BufferReader(data)).column("mass.total").to_pylist()

    a, b = spec("default.toml"), spec("iss_ammonia_baseline.toml")
    expected = size_batch(b.base, {"rack.power": Q_([100, 200], "kW")})["mass.total"].to("kg").magnitude
    masses(a)
    tornado_data(a)
    assert masses(b) == pytest.approx(expected, rel=1e-12)
    assert tornado_data(b)[0][3] == pytest.approx(size(b.base).mass["total"].to("kg").magnitude, rel=1e-9)


def test_old_import_paths_still_work():
    # sweep.py, sweep_spec.py and pareto.py moved into thermo_orbit.sweeps; the old paths
    # re-export the same objects
    import thermo_orbit.pareto as old_pareto
    import thermo_orbit.sweep as old_sweep
    import thermo_orbit.sweep_spec as old_spec
    from thermo_orbit import sweeps

    for module in (old_sweep, old_spec, old_pareto):
        assert "Moved" in module.__doc__
        for name in module.__all__:
            assert getattr(module, name) is getattr(sweeps, name, getattr(module, name)), name
    assert old_sweep.run_sweep is sweeps.run_sweep and old_spec.parse_sweep_spec is sweeps.parse_sweep_spec
    assert old_pareto.pareto_mask is sweeps.pareto_mask
