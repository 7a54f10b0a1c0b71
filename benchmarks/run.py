"""Throughput figures (printed, never asserted).  Run: ``make bench``."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

from thermo_orbit import orbit as orb
from thermo_orbit.constants import EARTH_RADIUS
from thermo_orbit.units import Q_


def best_of(fn, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def bench_eclipse_fraction(n: int = 1_000_000) -> None:
    rng = np.random.default_rng(1)
    h = rng.uniform(300e3, 2000e3, n)
    b = rng.uniform(-np.pi / 2, np.pi / 2, n)
    a = EARTH_RADIUS.si + h
    hq, bq = Q_(h, "m"), Q_(b, "rad")
    t_kernel = best_of(lambda: orb.eclipse_fraction_si(a, b))
    t_pint = best_of(lambda: orb.eclipse_fraction(hq, bq))
    print(f"eclipse_fraction, {n:,} designs")
    print(f"  kernel (float64 SI):   {n / t_kernel:14,.0f} per s  ({t_kernel * 1e3:7.1f} ms)")
    print(f"  pint boundary:         {n / t_pint:14,.0f} per s  ({t_pint * 1e3:7.1f} ms)")
    print(f"  boundary / kernel time: {t_pint / t_kernel:.2f}x")
    t_one = best_of(lambda: orb.eclipse_fraction(Q_(550, "km"), Q_(30, "deg")), repeats=200)
    print(f"  one scalar call through pint: {t_one * 1e6:.0f} us")


def bench_beta_year() -> None:
    o = orb.CircularOrbit.sun_synchronous(Q_(550, "km"), "18:00", "2027-01-01")
    t = best_of(lambda: orb.beta_angle_over_year(o, days=365, step=Q_(0.01, "day")), repeats=3)
    print(f"beta_angle_over_year, 36,501 samples: {t * 1e3:.1f} ms")


def bench_radiator_area(n: int = 1_000_000) -> None:
    from thermo_orbit.thermal.radiator import radiator_area_si

    rng = np.random.default_rng(2)
    Tout = rng.uniform(300, 800, n)
    Tin = Tout + rng.uniform(1, 100, n)
    Ts = rng.uniform(3, 250, n)
    t = best_of(lambda: radiator_area_si(1e5, Tin, Tout, 0.9, Ts, 0.95, 2.0), repeats=3)
    print(f"radiator_area (exact glide integral), {n:,} designs: {n / t:14,.0f} per s")


def bench_loop(n: int = 1_000_000) -> None:
    import warnings

    from thermo_orbit.materials import coolant
    from thermo_orbit.thermal.loop_kernel import LoopInputs, size_loop_si

    rng = np.random.default_rng(3)
    c = coolant("NaK-78")
    P = rng.uniform(50e3, 500e3, n)
    Tj = rng.uniform(340, 380, n)
    Ts = rng.uniform(180, 240, n)
    glide = rng.uniform(5, 40, n)

    def run():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return size_loop_si(c, LoopInputs(
                P=P, P_extra=0.0, Tj=Tj, R_jc=1e-4, A_cp=3.0, D_cp=2e-3, A_flow_cp=3e-3, K_cp=5.0, glide=glide, eps=0.9,
                Ts_hot=Ts, Ts_cold=Ts - 60, d_i=6e-3, wall=5e-4, pitch=0.1, v_target=1.0, t_fin=1e-3, k_fin=167.0,
                rho_fin=2700.0, rho_tube=8000.0, areal_extra=0.0, K_man=10.0, roughness=1.5e-6, allowance=0.3,
                eta_pump=0.1, pump_specific_mass=0.0, freeze_margin=10.0, boil_margin=50.0, cold_load_fraction=1.0))

    t = best_of(run, repeats=1)
    print(f"size_thermal_loop kernel (NaK-78), {n:,} designs: {n / t:14,.0f} per s  ({t:.1f} s)")
    from thermo_orbit.thermal.loop import size_thermal_loop
    from thermo_orbit.units import Q_

    def one():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            size_thermal_loop(
                Q_(120, "kW"), "NaK-78", max_junction_temperature=Q_(85, "degC"),
                junction_to_cold_plate_resistance=Q_(1e-4, "K/W"), cold_plate_wetted_area=Q_(3, "m^2"),
                cold_plate_hydraulic_diameter=Q_(2, "mm"), cold_plate_flow_area=Q_(30, "cm^2"),
                radiator_glide=Q_(20, "K"), emissivity=0.9, sink_temperature_hot=Q_(220, "K"),
                sink_temperature_cold=Q_(150, "K"), tube_inner_diameter=Q_(6, "mm"),
                tube_wall_thickness=Q_(0.5, "mm"), tube_pitch=Q_(10, "cm"), coolant_velocity=Q_(1, "m/s"),
                fin_thickness=Q_(1, "mm"), fin_conductivity=Q_(167, "W/(m*K)"), fin_density=Q_(2700, "kg/m^3"),
                tube_density=Q_(8000, "kg/m^3"), pump_efficiency=0.1)

    one()
    t1 = best_of(one, repeats=20)
    print(f"size_thermal_loop, one design through pint: {t1 * 1e3:.1f} ms")


def bench_power(n: int = 1_000_000) -> None:
    from thermo_orbit.power.battery import size_battery
    from thermo_orbit.power.solar_array import size_solar_array

    rng = np.random.default_rng(4)
    P = Q_(rng.uniform(50, 500, n), "kW")
    Te = Q_(rng.uniform(0, 36, n), "min")
    Td = Q_(95, "min") - Te
    t = best_of(lambda: size_solar_array(P, P, Td, Te, efficiency=0.28, areal_density=Q_(2, "kg/m^2")), repeats=3)
    print(f"size_solar_array, {n:,} designs (arrays through pint): {n / t:14,.0f} per s")
    cycles = rng.uniform(1500, 27000, n)
    t = best_of(lambda: size_battery(P, Te, Td, cycles=cycles, cycle_life={"dod": [0.3, 0.9], "cycles": [27500, 1350]},
                                     specific_energy=Q_(120, "Wh/kg"), charge_efficiency=0.96,
                                     discharge_efficiency=0.96), repeats=3)
    print(f"size_battery, {n:,} designs (arrays through pint): {n / t:14,.0f} per s")


def _rate(fn, n: int, repeats: int = 3) -> tuple[float, float, object]:
    """(designs per s of wall time, designs per s of this process's CPU time, last result):
    best of ``repeats``.  The CPU figure is the one per core (other work on the machine
    stretches the wall clock, by 20-30 % run to run on a shared machine)."""
    wall, cpu, out = [], [], None
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return n / min(wall), n / min(cpu), out


def bench_system(n: int = 1_000_000) -> None:
    import warnings

    from thermo_orbit.design import default_design_path, load_design
    from thermo_orbit.sizing import size
    from thermo_orbit.system.context import prepare
    from thermo_orbit.system.fixed_point import system_fixed_point_si
    from thermo_orbit.system.inputs import kernel_inputs

    design = load_design(default_design_path())
    size(design)  # warm: tables, caches and the compiled kernel
    t1 = best_of(lambda: size(design), repeats=10)
    print(f"size(design), one design through pint: {t1 * 1e3:.1f} ms")

    # the system kernel on arrays of designs (loop + array fixed point), inputs of the default design varied
    ctx = prepare(design)
    captured = {"coolant": ctx.v["coolant"], "p": {**ctx.kernel_constants(), **kernel_inputs(ctx.v)}}
    rng = np.random.default_rng(5)
    p = dict(captured["p"])
    p["P_rack"] = rng.uniform(50e3, 200e3, n)
    p["Af_cp"] = p["P_rack"] / 120e3 * 30e-4
    p["A_cp"] = p["P_rack"] / 120e3 * 3.0
    p["glide"] = rng.uniform(10, 40, n)
    p["Ts_hot"] = rng.uniform(190, 230, n)

    def run():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return system_fixed_point_si(captured["coolant"], p)

    wall, cpu, out = _rate(run, n)
    passes = out[0]["passes"]
    print(f"system fixed point (loop + array kernels), {n:,} designs: {wall:12,.0f} per s wall, {cpu:12,.0f} per s "
          f"of CPU time (one core; best of 3; floor 400,000, goal 1,000,000)")
    print(f"  passes of the hot-case equations per design: mean {passes.mean():.2f}, 99th percentile "
          f"{np.percentile(passes, 99):.0f}, most {passes.max():.0f}")
    bench_velocity_target()
    bench_sweep_split()


def bench_velocity_target(n: int = 100_000, per_group: int = 1000) -> None:
    """Issue 22: the velocity in the radiator tubes at most the target in every feasible
    design of ``n`` random designs over the documented field ranges (tests/invariants.py)."""
    import warnings

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    import invariants as inv
    from thermo_orbit.batch import size_batch

    rng = np.random.default_rng(22)
    designs = feasible = faster = 0
    passes = []
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        while designs < n:
            base = inv.random_group(rng)
            if base is None:
                continue
            cols = inv.random_kernel_columns(rng, per_group, base)
            out = size_batch(base, cols)
            target = (cols["thermal.coolant_velocity"] if "thermal.coolant_velocity" in cols
                      else base["thermal.coolant_velocity"]).to("m/s").magnitude
            ok = out["feasible"]
            v = out["loop.velocity"].to("m/s").magnitude
            faster += int(np.sum(ok & (v > np.broadcast_to(target, ok.shape))))
            feasible += int(ok.sum())
            designs += per_group
            passes.append(out["convergence.passes"].magnitude)
    passes = np.concatenate(passes)
    passes = passes[np.isfinite(passes)]
    print(f"velocity at most the target: {faster} of {feasible:,} feasible designs faster than their target "
          f"({designs:,} random designs over the field ranges, {time.perf_counter() - t0:.0f} s; passes mean "
          f"{passes.mean():.2f}, 99th percentile {np.percentile(passes, 99):.0f})")


_SWEEP_AXES = [{"field": "rack.power", "sample": "lhs", "bounds": ["50 kW", "300 kW"]},
               {"field": "thermal.radiator_glide", "sample": "lhs", "bounds": ["5 K", "40 K"]},
               {"field": "thermal.coolant_velocity", "sample": "lhs", "bounds": ["0.3 m/s", "3 m/s"]},
               {"field": "radiator.tube_inner_diameter", "sample": "lhs", "bounds": ["3 mm", "12 mm"]}]


def bench_sweep_split(n: int = 1_000_000) -> None:
    """A steady sweep end to end in this process, one core (the designs of ``bench_sweep``):
    every chunk drawn, sized and written as Parquet (``write_chunk``), and the time per
    design split into sampling, sizing and writing.  The split times sampling
    (``design_columns``) and sizing (``size_columns``) of the same sweep with another seed
    (the samples are cached once drawn), writing being the rest."""
    import shutil
    import tempfile
    import warnings

    from thermo_orbit.batch import size_columns
    from thermo_orbit.design import default_design_path
    from thermo_orbit.sweeps import design_columns, parse_sweep_spec
    from thermo_orbit.sweeps.engine import write_chunk
    from thermo_orbit.sweeps.spec import group_cache

    def spec(seed):
        return parse_sweep_spec({"sweep": {"base": str(default_design_path()), "samples": n, "chunk_size": 65536,
                                           "name": "bench", "seed": seed}, "axis": _SWEEP_AXES}, "bench")

    out = Path(tempfile.mkdtemp(prefix="thermo-orbit-bench-"))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            a = spec(11)
            (out / "chunks").mkdir()
            t0, c0 = time.perf_counter(), time.process_time()
            for k in range(a.n_chunks):
                write_chunk(a.payload(), k, str(out))
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            b, t_sample, t_size = spec(12), 0.0, 0.0
            for k in range(b.n_chunks):
                start, stop = b.chunk_bounds(k)
                c1 = time.process_time()
                cols = design_columns(b, start, stop)
                c2 = time.process_time()
                size_columns(b.base, cols, cache=group_cache(b), n=stop - start)
                t_sample, t_size = t_sample + c2 - c1, t_size + time.process_time() - c2
    finally:
        shutil.rmtree(out, ignore_errors=True)
    us = 1e6 / n
    print(f"sweep end to end, {n:,} designs, one core: {n / wall:10,.0f} per s wall, {n / cpu:10,.0f} per s of CPU "
          f"time (floor 160,000, goal 500,000); per design {cpu * us:.2f} us: sampling {t_sample * us:.2f}, "
          f"sizing {t_size * us:.2f}, writing {max(cpu - t_sample - t_size, 0.0) * us:.2f}")


def _replicate(base, n: int, distinct_orbits: bool = False):
    """n copies of the orbit model ``base`` with the rack power between 70 and 100 % of the
    power its array and battery were sized for (above it the energy balance cannot close
    and no periodic orbit exists); with ``distinct_orbits`` each on its own orbit (β apart by
    up to 0.06 deg: the forcing is computed once per distinct orbit)."""
    import dataclasses

    from thermo_orbit import transient as tr

    rng = np.random.default_rng(6)
    fields = {}
    for f in dataclasses.fields(base):
        val = getattr(base, f.name)
        if isinstance(val, np.ndarray):
            fields[f.name] = np.repeat(val, n, axis=0)
        elif f.name == "names":
            fields[f.name] = [f"d{i}" for i in range(n)]
        else:
            fields[f.name] = val
    m = tr.TransientModel(**fields)
    m.P_rack = m.P_rack * rng.uniform(0.7, 1.0, n)
    if distinct_orbits:
        m.beta = m.beta + np.linspace(0.0, 1e-3, n)
    return m


def bench_transient_parts(base, n: int = 10000) -> None:
    """What a periodic orbit costs, part by part (issue 23's ways in): the compiled
    right-hand side per evaluation (designs as SIMD lanes), the forcing per distinct orbit
    (steps meeting the forcing's edges, Chebyshev interpolation between them), the step
    counts (from the fastest mode of the linearised model) and the orbits per solve
    (structured shooting)."""
    from thermo_orbit import transient as tr
    from thermo_orbit.transient.forcing import orbit_forcing
    from thermo_orbit.transient.shooting import initial_guess, steps_per_design

    m = _replicate(base, n)
    steps = steps_per_design(m)
    x = initial_guess(m)[:, None, :]
    tr.integrate(m, x, steps, accumulate=False)  # compile (or load) and cache the forcing
    t = best_of(lambda: tr.integrate(m, x, steps, accumulate=False), repeats=3)
    evals = 4 * float(np.sum(steps))
    print(f"right-hand side, compiled, designs as SIMD lanes: {t / evals * 1e9:5.1f} ns per evaluation "
          f"({n:,} designs, one orbit of {int(steps[0])} RK4 steps, best of 3)")
    t_rec = best_of(lambda: tr.integrate(m, x, steps, record=True), repeats=3)
    print(f"one orbit per design: {t / n * 1e6:.0f} us; recorded with the energy bookkeeping: {t_rec / n * 1e6:.0f} us")
    md = _replicate(base, n, distinct_orbits=True)
    counts = steps_per_design(md)

    def forcing():
        md.__dict__.pop("_column_cache", None)
        orbit_forcing(md, counts)
    t_f = best_of(forcing, repeats=3)
    print(f"forcing, each design on its own orbit: {t_f / n * 1e6:.0f} us per orbit ({2 * int(counts.max()) + 1} "
          "nodes, steps meeting the forcing's edges, environment at Chebyshev points, best of 3)")
    print(f"steps per orbit from the fastest mode: {int(steps.min())} to {int(steps.max())} (default design)")


def bench_transient(n_designs=(1000, 10000), loop_designs: int = 3) -> None:
    """Periodic orbit solutions: vectorised shooting over many designs (:func:`_replicate`),
    first all on one orbit, then each on its own, against a per-design loop that shoots
    with scipy's solve_ivp (RK45, rtol 1e-6) for the one-orbit map."""
    import warnings

    from scipy.integrate import solve_ivp

    from thermo_orbit import transient as tr
    from thermo_orbit.transient.forcing import forcing_si
    from thermo_orbit.transient.shooting import initial_guess

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    import transient_oracle as oracle  # the numpy right-hand side, for the per-design solve_ivp loop
    from thermo_orbit.design import default_design_path, load_design

    base = tr.build_model(load_design(default_design_path()))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        rates = {}
        tr.periodic_orbit(_replicate(base, 1))  # compile (or load) the orbit kernel
        for distinct in (False, True):
            for n in n_designs:
                m = _replicate(base, n, distinct)
                t0 = time.perf_counter()
                _, cert, _ = tr.periodic_orbit(m)
                rates[n, distinct] = n / (time.perf_counter() - t0)
                ok = np.mean((cert["periodicity_error_K"] < 1e-3) & (cert["periodicity_error_soc"] < 1e-6))
                where = "each on its own orbit" if distinct else "all on one orbit"
                print(f"periodic orbit, vectorised over {n:,} designs, {where}: {rates[n, distinct]:10,.1f} designs "
                      f"per s ({ok:.0%} certified periodic, {cert['orbits']:.1f} orbits per design)")
        m1 = _replicate(base, 1)
        t1 = best_of(lambda: tr.periodic_orbit(m1), repeats=5)
        print(f"periodic orbit, one design (vectorised code): {t1 * 1e3:.1f} ms (best of 5)")
        bench_transient_parts(base)

        # per-design loop: the same Newton shooting, the one-orbit map by solve_ivp
        m = _replicate(base, loop_designs)
        T = float(base.period[0])

        def orbit_map(d, x0):
            md = _replicate(base, 1)
            md.P_rack = m.P_rack[d:d + 1]

            def f(t, x):
                u = np.array([[2 * np.pi * t / T]])
                dx, _ = oracle.rhs(md, x[None, None, :], forcing_si(md, u), flows=False)
                return dx[0, 0]
            return solve_ivp(f, (0.0, T), x0, method="RK45", rtol=1e-6, atol=1e-6).y[:, -1]

        t0 = time.perf_counter()
        n_state = base.n_state
        for d in range(loop_designs):
            x = initial_guess(_replicate(base, 1))[0]
            for _ in range(4):
                r0 = orbit_map(d, x) - x
                J = np.empty((n_state, n_state))
                for j in range(n_state):
                    h = 1e-4 if j < n_state - 1 else -1e-7
                    xp = x.copy()
                    xp[j] += h
                    J[:, j] = (orbit_map(d, xp) - x - r0 - h * (np.arange(n_state) == j)) / h
                x = x + np.linalg.solve(J, -r0)
                x[-1] = min(max(x[-1], 0.0), 1.0)
        loop_rate = loop_designs / (time.perf_counter() - t0)
        best = max(rates.values())
        print(f"periodic orbit, per-design solve_ivp loop: {loop_rate:10,.2f} designs per s; "
              f"vectorised / loop = {best / loop_rate:,.0f}x")


def _peak_rss_mb(resource) -> float:
    """This process's peak resident memory [MB]: VmHWM of /proc (it starts afresh at exec;
    ru_maxrss keeps the high-water mark of the parent that forked this process)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return float(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _sweep_child(n: int, workers: int) -> None:
    """One sweep in this (fresh) process: prints its rate and peak memory."""
    import resource
    import shutil
    import tempfile

    from thermo_orbit.design import default_design_path
    from thermo_orbit.sweep import run_sweep
    from thermo_orbit.sweep_spec import parse_sweep_spec

    spec = parse_sweep_spec({
        "sweep": {"base": str(default_design_path()), "samples": n, "chunk_size": 65536, "name": "bench"},
        "axis": [{"field": "rack.power", "sample": "lhs", "bounds": ["50 kW", "300 kW"]},
                 {"field": "thermal.radiator_glide", "sample": "lhs", "bounds": ["5 K", "40 K"]},
                 {"field": "thermal.coolant_velocity", "sample": "lhs", "bounds": ["0.3 m/s", "3 m/s"]},
                 {"field": "radiator.tube_inner_diameter", "sample": "lhs", "bounds": ["3 mm", "12 mm"]}]}, "bench")
    out = Path(tempfile.mkdtemp(prefix="thermo-orbit-bench-"))
    try:
        t0 = time.perf_counter()
        s = run_sweep(spec, out / "r", finish=False, workers=workers or None)
        dt = time.perf_counter() - t0
        size_mb = sum(p.stat().st_size for p in (out / "r" / "chunks").glob("*.parquet")) / 1e6
    finally:
        shutil.rmtree(out, ignore_errors=True)
    label = f"{workers} local Dask workers" if workers else "serial"
    self_mb = _peak_rss_mb(resource)
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    memory = f"peak memory {self_mb:,.0f} MB" + (f", largest worker {child_mb:,.0f} MB" if workers else "")
    print(f"sweep, {n:,} designs, {label}: {n / dt:12,.0f} designs per s ({dt:.0f} s, {s.feasible / n:.0%} "
          f"feasible, {size_mb:,.0f} MB Parquet, {memory})")


def bench_sweep(n: int = 10_000_000, workers: int = 2) -> None:
    """A steady sweep end to end (design generation, sizing, Parquet chunks written
    atomically): ``n`` designs of the default design with rack power, radiator glide,
    coolant velocity and tube bore on a Latin hypercube; serial, then on ``workers`` local
    Dask workers, each run in a fresh process so its peak memory is its own."""
    import subprocess
    import sys

    for w in (0, workers):
        subprocess.run([sys.executable, __file__, "--sweep-child", str(n), str(w)], check=True)


def bench_optimize() -> None:
    """Designs evaluated per second inside the optimiser (issue 20): differential evolution
    on the shipped loop trade as shipped (45 members a generation) and with 600 members a
    generation, NSGA-II on the shipped loop_pareto spec, and one call of the optimiser's
    evaluation on 100,000 points (the kernel's rate through the same function)."""
    from pathlib import Path

    import numpy as np

    from thermo_orbit.sweeps.optimize import Evaluator, optimize
    from thermo_orbit.sweeps.optimize_spec import load_optimize_spec, parse_optimize_spec

    specs = Path(__file__).resolve().parent.parent / "designs" / "sweeps"
    spec = load_optimize_spec(specs / "loop_trade.toml")
    big = parse_optimize_spec({**spec.table, "optimize": {**spec.table["optimize"], "population": 200,
                                                          "generations": 30}}, spec.sweep.source, specs)
    for label, s in (("DE, loop trade as shipped", spec), ("DE, loop trade, 600 a generation", big),
                     ("NSGA-II, loop_pareto as shipped", load_optimize_spec(specs / "loop_pareto.toml"))):
        r = optimize(s)
        print(f"optimize, {label}: {r.evaluations / r.seconds:12,.0f} designs per s ({r.evaluations:,} designs, "
              f"{r.seconds:.1f} s, {len(r.choices)} coolants)")
    ev = Evaluator(spec, spec.choices()[0])
    X = np.random.default_rng(0).random((len(spec.continuous), 100_000))
    ev.evaluate(X[:, :10])  # the group prepared once
    t0 = time.perf_counter()
    ev.evaluate(X)
    dt = time.perf_counter() - t0
    print(f"optimize, one evaluation call of 100,000 points: {1e5 / dt:12,.0f} designs per s")


def bench_orbit_sizing(n: int = 1000) -> None:
    """Orbit sizing (issue 23 item 1) of ``n`` designs through ``size_batch(method="orbit")``:
    the default design with the rack power and the radiator glide drawn at random; designs per
    s of wall time and of this process's CPU time (one core), and the ratio to the steady
    sizing of the same designs in the same run (``size_batch(method="steady")``)."""
    import warnings

    from thermo_orbit.design import default_design_path, load_design
    from thermo_orbit.sizing import size_batch

    design = load_design(default_design_path())
    rng = np.random.default_rng(23)
    changes = {"rack.power": Q_(rng.uniform(80.0, 160.0, n), "kW"),
               "thermal.radiator_glide": Q_(rng.uniform(15.0, 35.0, n), "K")}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        size_batch(design, {k: v[:2] for k, v in changes.items()}, method="orbit")  # warm: compiled kernels
        wall_s, cpu_s, _ = _rate(lambda: size_batch(design, changes, method="steady"), n, repeats=3)
        wall_o, cpu_o, out = _rate(lambda: size_batch(design, changes, method="orbit"), n, repeats=1)
    scale = out["orbit_sizing.area_scale"].magnitude
    sides = {side: int(np.sum(out["orbit_sizing.binding"] == side)) for side in ("hot", "cold")}
    print(f"orbit sizing, {n:,} designs (size_batch, method='orbit'): {wall_o:10,.1f} per s wall, {cpu_o:10,.1f} per s "
          f"of CPU time (one core)")
    print(f"steady sizing of the same designs (size_batch, method='steady'): {wall_s:10,.0f} per s wall, "
          f"{cpu_s:10,.0f} per s of CPU time; orbit / steady time: {cpu_s / cpu_o:,.0f} x (CPU)")
    print(f"  feasible {int(out['feasible'].sum())} of {n}; binding hot {sides['hot']}, cold {sides['cold']}; area "
          f"scale of the steady area {np.nanmin(scale):.3f} to {np.nanmax(scale):.3f} "
          f"(median {np.nanmedian(scale):.3f})")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", choices=["kernels", "system", "transient", "orbit-sizing", "sweep", "optimize"],
                        help="one group only")
    parser.add_argument("--sweep-designs", type=int, default=10_000_000, help="designs in the sweep benchmark")
    parser.add_argument("--orbit-sizing-designs", type=int, default=1000, help="designs in the orbit-sizing benchmark")
    parser.add_argument("--sweep-child", nargs=2, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sweep_child:
        _sweep_child(*args.sweep_child)
        raise SystemExit(0)
    if args.only in (None, "kernels"):
        bench_eclipse_fraction()
        bench_beta_year()
        bench_radiator_area()
        bench_power()
        bench_loop()
    if args.only in (None, "system"):
        bench_system()
    if args.only in (None, "transient"):
        bench_transient((1000, 10000), 2)
    if args.only in (None, "orbit-sizing"):
        bench_orbit_sizing(args.orbit_sizing_designs)
    if args.only in (None, "sweep"):
        bench_sweep(args.sweep_designs)
    if args.only in (None, "optimize"):
        bench_optimize()
