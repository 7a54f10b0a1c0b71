"""The loop sizing kernel on float64 SI arrays: the chain of :mod:`thermo_orbit.thermal.loop`
for many designs at once, with named inputs (:class:`LoopInputs`).

Each design is sized by itself in the compiled kernel of
:mod:`thermo_orbit.thermal.loop_jit`: the hot case is a fixed point in the pump power (and
the inlet temperature through the properties), solved by Newton steps on the pass's own
power-law model and secant steps to a relative step of 1e-9 in pump power
(:mod:`thermo_orbit.thermal.loop_solve`), with the tube count of the stated rule (rounded
up from the continuous count of the target velocity) and pumping runaway defined as no
root of the fixed point up to half the rack power; the cold case then finds where the same
loop settles at the cold sink.  A design's answer does not depend on the batch it is in.
The correlations are those of :mod:`thermo_orbit.thermal.correlations` (Lyon 1951,
Gnielinski 1976) and the radiator those of :mod:`thermo_orbit.thermal.radiator` (Mackay
1963, Lieblein 1959).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import numpy as np

from .. import materials as mat
from .._forms import property_program
from .._jit_cache import drop_stale_caches
from ..constraints import Constraint
from ..errors import InputError
from . import correlations as cor
from .fins import fin_quadrature, fin_table
from .loop_jit import N_WORK, OUTPUT_NAMES, size_loops_jit

_HERE = Path(__file__).resolve().parent
#: the files whose code the compiled loop kernel holds
_KERNEL_SOURCES = [_HERE / f"{m}.py" for m in ("loop_pass", "loop_solve", "loop_jit", "correlations", "fins")]
_KERNEL_SOURCES += [_HERE / "radiator.py", _HERE.parent / "_forms.py", _HERE.parent / "constants.py"]


drop_stale_caches(_HERE / "__pycache__", "loop_*.nb[ic]", _KERNEL_SOURCES)

__all__ = ["LoopInputs", "size_loop_si", "coolant_properties_si", "LIQUID_METALS", "FLAG_BITS"]


class LoopInputs(NamedTuple):
    """Inputs of :func:`size_loop_si`, each a float or a float64 array broadcasting over
    designs, in SI units."""

    P: object  #: rack heat, [W]
    P_extra: object  #: heat into the loop besides the racks, [W]
    Tj: object  #: junction limit, [K]
    R_jc: object  #: junction to cold-plate wall, all racks, [K/W]
    A_cp: object  #: cold-plate wetted area, [m²]
    D_cp: object  #: cold-plate hydraulic diameter, [m]
    A_flow_cp: object  #: cold-plate flow area, [m²]
    K_cp: object  #: cold-plate loss coefficient, [dimensionless]
    glide: object  #: coolant drop across the radiator, [K]
    eps: object  #: emissivity of the hot case, [dimensionless]
    Ts_hot: object  #: hot sink, [K]
    Ts_cold: object  #: cold sink, [K]
    d_i: object  #: tube inner diameter, [m]
    wall: object  #: tube wall, [m]
    pitch: object  #: tube pitch, [m]
    v_target: object  #: target velocity in the tubes, [m/s]
    t_fin: object  #: fin thickness, [m]
    k_fin: object  #: fin conductivity, [W/(m·K)]
    rho_fin: object  #: fin density, [kg/m³]
    rho_tube: object  #: tube density, [kg/m³]
    areal_extra: object  #: panel structure, [kg/m²]
    K_man: object  #: manifold loss coefficient, [dimensionless]
    roughness: object  #: tube roughness, [m]
    allowance: object  #: coolant outside the radiator tubes / tube volume, [dimensionless]
    eta_pump: object  #: pump wire-to-fluid efficiency, [dimensionless]
    pump_specific_mass: object  #: [kg/W]
    freeze_margin: object  #: required above the melting point, [K]
    boil_margin: object  #: required below the boiling point, [K]
    cold_load_fraction: object  #: rack load in the cold case / full, [dimensionless]
    lift: object = 0.0  #: heat-pump lift, [K]
    f_hp: object = 1.0  #: heat pump's fraction of Carnot, [dimensionless]
    c_loss: object = 0.0  #: power-system losses per watt of load, [dimensionless]
    eps_cold: object = None  #: emissivity of the cold case (default: ``eps``), [dimensionless]
    #: a given tube count, [dimensionless]; NaN (default): the tube-count rule; 0: the continuous count of
    #: the rule (real, the velocity exactly at the target), for analysis
    tube_count: object = np.nan
    #: the radiator area as a multiple of what the hot sink needs, [dimensionless]; 1 (default):
    #: the steady sizing; the orbit sizing (:mod:`thermo_orbit.sizing.orbit`) finds it on the orbit
    area_scale: object = 1.0


def coolant_properties_si(coolant: mat.Coolant, T: np.ndarray):
    """(ρ [kg/m³], c_p [J/(kg·K)], k [W/(m·K)], μ [Pa·s]) of ``coolant`` at T [K], from its
    cited correlations (materials/coolants.toml); points outside the validity range are
    computed (the caller flags them)."""
    p = coolant.properties
    missing = [n for n in ("density", "specific_heat", "thermal_conductivity", "viscosity") if n not in p]
    if missing:
        raise InputError("coolant", coolant.name,
                         "a coolant with cited density, specific heat, conductivity and viscosity",
                         f"coolant: {coolant.name} has no cited {', '.join(m.replace('_', ' ') for m in missing)} "
                         "in materials/coolants.toml, so its loop cannot be sized")
    return (p["density"].si(T), p["specific_heat"].si(T), p["thermal_conductivity"].si(T), p["viscosity"].si(T))


#: coolants that use the liquid-metal Nusselt correlations
LIQUID_METALS = frozenset({"Na", "K", "NaK-78", "Li", "Ga", "Galinstan", "LBE"})
#: the constraint bits of the compiled kernel's ``bits`` argument, in its order
FLAG_BITS = (Constraint.SINK, Constraint.CHIP, Constraint.FROZEN_HOT, Constraint.FROZEN_COLD, Constraint.BOIL,
             Constraint.PRESSURIZED_HOT, Constraint.LOOP_NOT_CONVERGED, Constraint.PUMP_RUNAWAY,
             Constraint.HEAT_PUMP_RUNAWAY, Constraint.JUNCTION_TO_COLD_PLATE, Constraint.COLD_PLATE_FILM)
_BITS = np.array([int(b) for b in FLAG_BITS], dtype=np.int64)
_PROPERTIES = ("density", "specific_heat", "thermal_conductivity", "viscosity")


def _coolant_arguments(coolant: mat.Coolant):
    """The compiled kernel's coolant arguments: (property program, fin table, quadrature,
    liquid metal) and the constants of :data:`thermo_orbit.thermal.loop_jit.C_FIELDS`."""
    coolant_properties_si(coolant, np.empty(0))  # refuses a coolant without the four properties
    props = tuple(coolant.properties[name] for name in _PROPERTIES)
    liquid_metal = coolant.name in LIQUID_METALS
    nodes, weights = fin_quadrature()
    co = (*property_program(props), fin_table(), nodes, weights, liquid_metal)
    T_boil = np.inf if coolant.boiling_point is None else coolant.boiling_point.to("K").magnitude
    T_top = min(prop.range_K[1] for prop in coolant.properties.values())
    validity = cor.VALIDITY["lyon" if liquid_metal else "gnielinski"]
    consts = np.array([coolant.melting_point.to("K").magnitude, T_boil, float(coolant.pressurized), T_top,
                       float(liquid_metal), *validity, cor.LAMINAR_LIMIT,
                       *(b for prop in props for b in prop.range_K)], dtype=np.float64)
    return co, consts


def _packed(arrays: list[np.ndarray], shape) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The inputs as one buffer: a value shared by every design once (stride 0), a varying
    one as its own contiguous column (stride 1)."""
    n = int(np.prod(shape))
    parts, offset, stride, at = [], [], [], 0
    for a in arrays:
        a = np.asarray(a, dtype=np.float64)
        if a.size == 1:
            parts.append(a.reshape(1))
            offset.append(at)
            stride.append(0)
            at += 1
        else:
            parts.append(np.broadcast_to(a, shape).ravel())
            offset.append(at)
            stride.append(1)
            at += n
    return np.concatenate(parts), np.array(offset, dtype=np.int64), np.array(stride, dtype=np.int64)


def size_loop_si(coolant, inputs: LoopInputs, *, cold_case: bool = True) -> dict:
    """Kernel of :func:`thermo_orbit.thermal.loop.size_thermal_loop` on float64 SI arrays
    (:class:`LoopInputs`: [W], [K], [m], [kg/m³], ..., broadcasting over designs); the
    correlations are those of :mod:`thermo_orbit.thermal.correlations` (Lyon 1951,
    Gnielinski 1976) and the radiator of :func:`thermo_orbit.thermal.radiator.radiator_area`
    (Mackay 1963).

    Each design is sized by itself in the compiled kernel
    (:func:`thermo_orbit.thermal.loop_jit.size_loops_jit`): the pump-power fixed point by
    Newton then secant steps to a relative step of 1e-9, the tube-count rule (the smallest
    whole count whose velocity at its converged point is at most the target), the cold
    case.  ``c_loss`` adds power-system losses proportional to the electrical load,
    c (P + P_pump + W_hp), to the heat the loop carries, inside the same fixed point.
    ``cold_case=False`` skips the cold-case solve.  Returns a dict of SI arrays (the
    fields of :class:`thermo_orbit.thermal.loop.LoopResult` and ``flags``,
    ``pump_power_residual`` (the last step [W]), ``pump_runaway_margin``, ``passes``,
    ``continuous_tube_count``), and ``iterations``, the most passes of any design."""
    inputs = inputs._replace(eps_cold=inputs.eps if inputs.eps_cold is None else inputs.eps_cold)
    arrays = [np.asarray(a, dtype=np.float64) for a in inputs]
    shape = np.broadcast_shapes(*(a.shape for a in arrays))
    co, consts = _coolant_arguments(coolant)
    n = int(np.prod(shape))
    out = np.empty((len(OUTPUT_NAMES), n))
    flags = np.empty(n, dtype=np.int64)
    size_loops_jit(*_packed(arrays, shape), co, consts, _BITS, cold_case, out, flags, np.zeros(N_WORK))
    result = {name: out[i].reshape(shape) for i, name in enumerate(OUTPUT_NAMES)}
    result["properties_in_range"] = result["properties_in_range"] != 0.0
    result["nusselt_in_range"] = result["nusselt_in_range"] != 0.0
    result["flags"] = flags.reshape(shape)
    result["iterations"] = int(out[OUTPUT_NAMES.index("passes")].max()) if n else 0
    return result
