"""The orbit model's parameters: :class:`TransientModel`, one entry per design on SI float
arrays, built from a design and its steady sizing (:func:`build_model`)."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import NamedTuple

import numpy as np

from .. import environment as env
from .. import materials as mat
from .. import orbit as orb
from ..constants import CELL_REFERENCE_TEMPERATURE, EARTH_RADIUS
from ..errors import InputError
from ..system import Design, resolve_inputs, size_steady
from ..system.battery_thermal import survival_heater_capacity_si
from ..system.inputs import battery_temperature_range
from ..thermal import radiator as rad
from ..units import magnitude

__all__ = ["TransientModel", "KERNEL_PARAMETERS", "KernelParams", "kernel_params", "build_model", "take",
           "LOOP_OUTPUTS", "loop_row_si", "with_columns"]


@dataclass
class TransientModel:
    """Parameters of the orbit model on SI float arrays, one entry per design (shape (D,)).

    Derived columns and the orbit's forcing are cached on the instance at its first solve:
    set a model's fields before solving it, not after."""

    names: list
    n_segments: int
    period: np.ndarray
    a: np.ndarray  # orbit radius, m
    beta: np.ndarray  # rad
    S: np.ndarray
    albedo: np.ndarray
    olr: np.ndarray
    # rack and cold plate
    P_rack: np.ndarray  # in sunlight, W
    P_rack_eclipse: np.ndarray  # in the Earth's shadow (rack.eclipse_power), W
    P_pump: np.ndarray
    C_rack: np.ndarray
    ntu_cp: np.ndarray  # hA/(mdot cp) of the cold plate
    mcp: np.ndarray  # mdot cp, W/K
    # radiator (per segment, equal segments)
    A_seg: np.ndarray  # planform area of a segment, m^2
    C_seg: np.ndarray  # heat capacity of a segment with its coolant, J/K
    ntu_seg: np.ndarray  # UA/(mdot cp) per segment
    eta_panel: np.ndarray
    eps_rad: np.ndarray
    alpha_rad: np.ndarray
    orientation: str
    # battery
    E_cap: np.ndarray  # J
    C_bat: np.ndarray
    G_bat: np.ndarray  # battery to its thermal control, W/K
    T_bat_control: np.ndarray  # the battery thermal control's temperature, K
    T_bat_range: np.ndarray  # allowed operating range (D, 2), K
    P_bat_heater: np.ndarray  # the battery heater's capacity (0: none), W
    T_bat_heater_off: np.ndarray  # where the battery heater is off: the range's bottom + its band, K
    bat_heater_band: np.ndarray  # K
    P_charge_max: np.ndarray  # the charge regulator's limit, power.max_charge_rate × capacity (inf: none), W
    eta_c: np.ndarray
    eta_d: np.ndarray
    eta_t: np.ndarray
    dod_allowed: np.ndarray
    # array
    A_arr: np.ndarray
    C_arr: np.ndarray
    eta_ref: np.ndarray
    gamma: np.ndarray
    T_ref: np.ndarray
    pf: np.ndarray
    degr: np.ndarray  # I_d * L_d
    alpha_arr: np.ndarray
    eps_f: np.ndarray
    eps_b: np.ndarray
    X_d: np.ndarray
    pointing: str
    # heater
    T_set: np.ndarray
    P_heater_max: np.ndarray
    heater_band: np.ndarray
    T_melt: np.ndarray

    @property
    def n_state(self) -> int:
        """State variables per design: rack, the radiator segments, battery, array, state of charge."""
        return self.n_segments + 4  # rack, segments, battery, array, SOC


#: the per-design parameters the compiled right-hand side reads, by name (each a field of
#: :class:`TransientModel`): the one list the kernel's :class:`KernelParams` is built from
KERNEL_PARAMETERS = ("P_rack", "P_rack_eclipse", "P_pump", "C_rack", "ntu_cp", "mcp", "A_seg", "C_seg", "ntu_seg",
                     "eta_panel", "eps_rad", "E_cap", "C_bat", "G_bat", "T_bat_control", "eta_c", "eta_d", "eta_t",
                     "A_arr", "C_arr", "eta_ref", "gamma", "T_ref", "pf", "degr", "eps_f", "eps_b", "X_d", "T_set",
                     "P_heater_max", "heater_band", "P_bat_heater", "T_bat_heater_off", "bat_heater_band",
                     "P_charge_max", "S")
#: :data:`KERNEL_PARAMETERS` as the named tuple of float64 arrays (D,) the kernel takes
KernelParams = NamedTuple("KernelParams", [(name, np.ndarray) for name in KERNEL_PARAMETERS])


def kernel_params(m: TransientModel) -> KernelParams:
    """The model's :class:`KernelParams` (cached on the model)."""
    cache = m.__dict__.setdefault("_column_cache", {})
    if "_kernel_params" not in cache:
        cache["_kernel_params"] = KernelParams(*(np.ascontiguousarray(getattr(m, name), dtype=np.float64)
                                                 for name in KERNEL_PARAMETERS))
    return cache["_kernel_params"]


def take(m: TransientModel, idx) -> TransientModel:
    """The model of the designs ``idx`` only (what the model's cache holds for every design,
    such as the forcing already computed, is kept through its ``take``)."""
    kw = {}
    for f in fields(m):
        val = getattr(m, f.name)
        kw[f.name] = val[idx] if isinstance(val, np.ndarray) else ([val[i] for i in idx] if f.name == "names" else val)
    sub = TransientModel(**kw)
    kept = {}
    for val in m.__dict__.get("_column_cache", {}).values():
        if hasattr(val, "take"):  # a per-design entry: kept for these designs, under its own key
            sub_val = val.take(idx)
            kept[sub_val.key] = sub_val
    if kept:
        sub.__dict__["_column_cache"] = kept
    return sub


def _specific_heat(v: dict, path: str) -> float:
    """Specific heat [J/(kg·K)] of the structure material named at ``path``, from its cited
    entry in materials/structures.toml."""
    record = mat.structure(v[path])
    if "specific_heat" not in record.values:
        raise InputError(path, v[path], "a structure material with a cited specific heat",
                         f"{path}: {v[path]} has no cited specific heat in materials/structures.toml, so its "
                         "heat capacity in the orbit transient is unknown; use one that has (Al6061, SS316)")
    return float(record["specific_heat"].to("J/(kg*K)").magnitude)


#: the loop kernel's results (SI, :data:`thermo_orbit.thermal.loop_jit.OUTPUT_NAMES`) the
#: orbit model reads, with their SI units
LOOP_OUTPUTS = {"radiator_outlet_temperature": "K", "mass_flow": "kg/s", "film_coefficient": "W/(m^2*K)",
                "tube_length": "m", "tube_count": "", "coolant_mass": "kg", "fin_mass": "kg", "tube_mass": "kg",
                "structure_mass": "kg", "cold_plate_film_drop": "K", "radiator_area": "m^2",
                "pump_electrical_power": "W", "panel_efficiency": ""}


def loop_row_si(v: dict, loop: dict, P_rack: float, n_segments: int, P_rack_eclipse: float | None = None) -> dict:
    """Rack, cold plate and radiator segments [W, J/K, W/K, m², dimensionless] of one design
    from its sized loop: ``loop`` maps the names of :data:`LOOP_OUTPUTS` to SI floats,
    ``P_rack`` and ``P_rack_eclipse`` (in the Earth's shadow; default ``P_rack``) [W].  The
    segments' heat capacity takes the cited specific heats of the fin and tube materials
    (materials/structures.toml); the cold plate's NTU comes from the sizing's film drop,
    P/(hA) = ΔT_film (Incropera et al. 2011, Sec. 11.3)."""
    T_mean = loop["radiator_outlet_temperature"] + 0.5 * float(v["thermal.radiator_glide"].to("K").magnitude)
    cp = float(v["coolant"].properties["specific_heat"].si(np.array(T_mean)))
    mcp = loop["mass_flow"] * cp
    UA_total = (loop["film_coefficient"] * np.pi * float(v["radiator.tube_inner_diameter"].to("m").magnitude)
                * loop["tube_length"] * loop["tube_count"])
    c_fin, c_tube = _specific_heat(v, "radiator.fin_material"), _specific_heat(v, "radiator.tube_material")
    in_radiator = loop["coolant_mass"] / (1.0 + float(v["thermal.inventory_allowance"].magnitude)) * cp
    # the panel structure (face sheets, honeycomb) is taken at the fin material's specific heat
    C_radiator = (loop["fin_mass"] * c_fin + loop["tube_mass"] * c_tube + loop["structure_mass"] * c_fin
                  + in_radiator)
    C_coolant_rest = loop["coolant_mass"] * cp - in_radiator
    C_rack = (float((v["rack.mass"] * v["rack.count"]).to("kg").magnitude)
              * float(v["rack.specific_heat"].to("J/(kg*K)").magnitude) + C_coolant_rest)
    # cold plate: NTU from the wall-to-coolant drop of the sizing, P/(hA) = dT_film_cp
    hA_cp = P_rack / max(loop["cold_plate_film_drop"], 1e-6)
    area = loop["radiator_area"]
    return dict(P_rack=P_rack, P_rack_eclipse=P_rack if P_rack_eclipse is None else P_rack_eclipse,
                P_pump=loop["pump_electrical_power"], C_rack=C_rack,
                ntu_cp=hA_cp / mcp, mcp=mcp, A_seg=area / n_segments, C_seg=C_radiator / n_segments,
                ntu_seg=UA_total / mcp / n_segments, eta_panel=loop["panel_efficiency"])


def _loop_row(v: dict, r, n_segments: int) -> dict:
    """Rack, cold plate and radiator segments from the sized loop of the result ``r``."""
    lp = r.loop
    loop = {name: float(getattr(lp, name).to(unit).magnitude) if unit else float(getattr(lp, name).magnitude)
            for name, unit in LOOP_OUTPUTS.items()}
    budget = r.power_budget
    return loop_row_si(v, loop, float(budget["rack_power"].to("W").magnitude), n_segments,
                       float(budget.get("rack_power_eclipse", budget["rack_power"]).to("W").magnitude))


def with_columns(m: TransientModel, columns: dict) -> TransientModel:
    """The model ``m`` with the per-design ``columns`` (field → array (D,)) replaced; the
    forcing ``m`` cached is kept (it depends on the orbit and the coatings only)."""
    new = replace(m, **columns)
    cache = {k: val for k, val in m.__dict__.get("_column_cache", {}).items() if k != "_kernel_params"}
    if cache:
        new.__dict__["_column_cache"] = cache
    return new


def _power_row(v: dict, r) -> dict:
    """Battery and array from the sized power system: the battery's conductance to its
    thermal control and its heater as the steady sizing sized them
    (:func:`thermo_orbit.power.battery.battery_thermal_control_si`)."""
    bat, arr = r.battery, r.solar_array
    lo, hi = battery_temperature_range(v)
    band = float(v["power.battery_heater_band"].to("K").magnitude)
    P_heat = float(bat.heater_power.to("W").magnitude)
    rate = v.get("power.max_charge_rate")
    return dict(
        E_cap=float(bat.capacity.to("J").magnitude),
        P_charge_max=np.inf if rate is None else float((rate * bat.capacity).to("W").magnitude),
        C_bat=float(bat.mass.to("kg").magnitude) * float(v["power.battery_specific_heat"].to("J/(kg*K)").magnitude),
        G_bat=float(bat.conductance.to("W/K").magnitude),
        T_bat_control=float(v["power.battery_control_temperature"].to("K").magnitude),
        T_bat_range=[lo, hi], P_bat_heater=P_heat, T_bat_heater_off=lo + band if P_heat > 0.0 else 0.0,
        bat_heater_band=band, eta_c=magnitude(v["power.battery_charge_efficiency"], ""),
        eta_d=magnitude(v["power.battery_discharge_efficiency"], ""),
        eta_t=magnitude(v["power.transmission_efficiency"], ""), dod_allowed=float(bat.depth_of_discharge.magnitude),
        A_arr=float(arr.area.to("m^2").magnitude),
        C_arr=float(arr.mass.to("kg").magnitude) * float(v["power.array_specific_heat"].to("J/(kg*K)").magnitude),
        eta_ref=magnitude(v["power.cell_efficiency"], ""),
        gamma=float(v["power.cell_temperature_coefficient"].to("1/K").magnitude), T_ref=CELL_REFERENCE_TEMPERATURE.si,
        pf=magnitude(v["power.packing_factor"], ""),
        degr=float(arr.inherent_degradation.magnitude) * float(arr.lifetime_degradation.magnitude),
        alpha_arr=magnitude(v["power.cell_absorptance"], ""), eps_f=magnitude(v["power.cell_emissivity"], ""),
        eps_b=magnitude(v["power.array_back_emissivity"], ""), X_d=float(arr.path_efficiency_daylight.magnitude))


def _environment_row(d: Design, v: dict, r, case: str, beta) -> dict:
    """The orbit, the environment case and the radiator coating of that case."""
    e = env.design_case(case, standard=v["orbit.environment"])
    b = (float(orb.check_beta(beta)) if beta is not None  # else the β of the longest eclipse of the year
         else float(r.orbit["beta_of_longest_eclipse"].to("rad").magnitude))
    coating = {"nominal": (magnitude(v["radiator.absorptance"], ""), magnitude(v["radiator.emissivity"], ""))}
    coating["hot"], coating["cold"] = rad.coating_worst_cases(*(magnitude(v[k], "") for k in (
        "radiator.absorptance", "radiator.emissivity", "radiator.absorptance_eol", "radiator.emissivity_eol")))
    alpha, eps = coating[case]
    return dict(period=float(r.orbit["period"].to("s").magnitude),
                a=float(EARTH_RADIUS.si + d.orbit().altitude.to("m").magnitude), beta=b,
                S=float(e.solar_flux.to("W/m^2").magnitude), albedo=float(e.albedo.magnitude),
                olr=float(e.earth_ir.to("W/m^2").magnitude), eps_rad=eps, alpha_rad=alpha)


def _heater_row(v: dict, P_rack: float, heater_power) -> dict:
    T_melt = float(v["coolant"].melting_point.to("K").magnitude)
    heater = (survival_heater_capacity_si(v, P_rack) if heater_power is None
              else float(heater_power.to("W").magnitude))
    return dict(T_set=T_melt + float(v["thermal.freeze_margin"].to("K").magnitude), P_heater_max=heater,
                heater_band=float(v["thermal.survival_heater_band"].to("K").magnitude), T_melt=T_melt)


def _check_attitudes(designs_v: list[dict], names: list[str]) -> tuple[str, str]:
    orientations = {v["radiator.orientation"] for v in designs_v}
    pointings = {v["power.pointing"] for v in designs_v}
    if len(orientations) > 1 or len(pointings) > 1:
        raise InputError("designs", names[-1], "designs with the same radiator orientation and array pointing")
    orientation, pointing = orientations.pop(), pointings.pop()
    if pointing == "fixed":
        raise InputError("power.pointing", pointing, "sun_tracking or single_axis for the transient (fixed: not yet)")
    if orientation == "tilted":
        raise InputError("radiator.orientation", orientation, "edge_on, nadir or orbit_normal for the transient")
    return orientation, pointing


def _each(value, name: str, n: int) -> list:
    """``value`` (None, one Quantity, or a Quantity array of one per design) as a list of n."""
    if value is None or np.ndim(getattr(value, "magnitude", value)) == 0:
        return [value] * n
    if len(value) != n:
        raise InputError(name, f"{len(value)} values", f"one value or one per design ({n})")
    return [value[i] for i in range(n)]


def build_model(designs, results=None, *, case: str = "cold", beta=None, n_segments: int = 8,
                heater_power=None) -> TransientModel:
    """Build the orbit model of one design or a list of designs from their sizing.

    Parameters
    ----------
    designs : Design or list of Design
    results : SystemResult or list, optional
        Their sizing (computed when not given).
    case : {"cold", "hot", "nominal"}
        Environment case; the cold case (the coating at its best) is where coolant
        freezes, the hot case (the coating at its worst) where chips run hottest.
    beta : Quantity, optional
        β angle, [angle], one or one per design; default: the β of the longest eclipse of the design's year.
    n_segments : int
        Radiator segments along the flow.
    heater_power : Quantity, optional
        Survival heater capacity, [power], one or one per design; default
        ``thermal.survival_heater_fraction`` of the rack power.

    Returns
    -------
    TransientModel
        Parameters on SI float arrays ([W], [K], [J/K], [m²], [s]), one entry per design.
    """
    single = isinstance(designs, Design)
    designs = [designs] if single else list(designs)
    results = ([size_steady(d) for d in designs] if results is None else [results] if single else list(results))
    if not 1 <= int(n_segments) <= 200:
        raise InputError("n_segments", n_segments, "a whole number from 1 to 200")
    values = [resolve_inputs(d) for d in designs]
    orientation, pointing = _check_attitudes(values, [d.name for d in designs])
    betas, heaters = _each(beta, "beta", len(designs)), _each(heater_power, "heater_power", len(designs))
    rows = []
    for d, r, v, b, h in zip(designs, results, values, betas, heaters):
        row = {**_environment_row(d, v, r, case, b), **_loop_row(v, r, int(n_segments)), **_power_row(v, r)}
        rows.append({**row, **_heater_row(v, row["P_rack"], h)})
    cols = {k: np.asarray([row[k] for row in rows], dtype=np.float64) for k in rows[0]}
    return TransientModel(names=[d.name for d in designs], n_segments=int(n_segments), orientation=orientation,
                          pointing=pointing, **cols)
