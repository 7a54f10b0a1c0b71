"""Solar array sizing: required array power through the regulation paths, lifetime
degradation, the array's own heat balance (operating temperature and efficiency) by
pointing mode, and the sized array.

References
----------
1. Wertz, J. R. and Larson, W. J. (eds.), *Space Mission Analysis and Design*, 3rd ed.,
   Microcosm/Kluwer, 1999, Sec. 11.4: Eq. (11-5) array power with path efficiencies
   X_e (array → battery → loads, eclipse) and X_d (array → loads, daylight), Eq. (11-7)
   lifetime degradation L_d = (1 − D)^years, inherent degradation I_d.
2. Patel, M. R., *Spacecraft Power Systems*, CRC Press, 2005, ch. 4.
3. Gilmore (2002), ch. 2, for the environment on the array faces.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..constants import EARTH_RADIUS, STEFAN_BOLTZMANN
from ..errors import InputError
from ..results import ResultMixin
from ..units import Q_, check_fraction, check_positive, check_range, quantity, si_value
from .array_thermal import POINTING_MODES, ArrayTemperature, array_operating_temperature, cosine_loss, pointing_si

__all__ = [
    "REGULATION_PATH_EFFICIENCY",
    "BUSES",
    "regulated_bus_path_efficiencies_si",
    "POINTING_MODES",
    "required_array_power",
    "lifetime_degradation",
    "fluence_remaining_factor",
    "cosine_loss",
    "ArrayTemperature",
    "array_operating_temperature",
    "SolarArrayResult",
    "size_solar_array",
    "path_efficiencies",
    "required_power_si",
    "pointing_si",
    "size_array_si",
    "array_result",
]

_SIGMA = STEFAN_BOLTZMANN.si
_R = EARTH_RADIUS.si

#: (X_e, X_d) path efficiencies by regulation: direct energy transfer and peak-power
#: tracking, SMAD 3rd ed. (1999) Sec. 11.4.1, below Eq. (11-5).  Values for the power
#: systems of that era: a modern high-voltage bus can be better; override per design.
REGULATION_PATH_EFFICIENCY = {"PPT": (0.60, 0.80), "DET": (0.65, 0.85)}


def _loads_and_times(load_sunlight, load_eclipse, sunlight_time, eclipse_time):
    """(P_d, P_e, T_d, T_e) in W and s, checked: loads ≥ 0, T_d > 0, T_e ≥ 0."""
    P_d = check_positive(load_sunlight, "load_sunlight", "W", 'Q_(120, "kW")', allow_zero=True)
    P_e = check_positive(load_eclipse, "load_eclipse", "W", 'Q_(120, "kW")', allow_zero=True)
    T_d = si_value(sunlight_time, "sunlight_time", "s", 'Q_(60, "min")')
    check_range(T_d, "sunlight_time", 0.0, None, "s", display_unit="min", low_inclusive=False)
    T_e = check_positive(eclipse_time, "eclipse_time", "s", 'Q_(35, "min")', allow_zero=True)
    return P_d, P_e, T_d, T_e


def path_efficiencies(regulation, X_e, X_d):
    """Eclipse and daylight path efficiencies (X_e, X_d) [dimensionless] of a regulation
    (SMAD 1999, Sec. 11.4: PPT 0.60/0.80, DET 0.65/0.85), each replaced by the design's
    value where given."""
    if regulation not in REGULATION_PATH_EFFICIENCY:
        raise InputError("regulation", regulation, f"one of {', '.join(REGULATION_PATH_EFFICIENCY)}")
    e, d = REGULATION_PATH_EFFICIENCY[regulation]
    e = e if X_e is None else check_fraction(X_e, "path_efficiency_eclipse")
    d = d if X_d is None else check_fraction(X_d, "path_efficiency_daylight")
    return e, d


#: power buses: SMAD's baselines (X_e, X_d by regulation) or a regulated bus built from the
#: efficiencies of its components (:func:`regulated_bus_path_efficiencies_si`)
BUSES = ("SMAD", "regulated")


def regulated_bus_path_efficiencies_si(array_regulator, charge_regulator, discharge_regulator, distribution,
                                       battery_charge, battery_discharge):
    """(X_e, X_d) [dimensionless] of a regulated bus from its components, the terms of SMAD
    (1999) Eq. 11-5: X_d = η_AR η_dist (array regulator to the loads) and
    X_e = η_AR η_BCR η_bat,c η_bat,d η_BDR η_dist (through the charge regulator, the
    battery's own charge and discharge energy efficiencies and the discharge regulator).
    Arrays broadcast.

    >>> [round(x, 4) for x in regulated_bus_path_efficiencies_si(0.98, 0.95, 0.95, 0.98, 0.97, 0.97)]
    [0.8155, 0.9604]
    """
    X_d = array_regulator * distribution
    return X_d * charge_regulator * battery_charge * battery_discharge * discharge_regulator, X_d


def required_power_si(P_e, P_d, T_e, T_d, X_e, X_d):
    """Kernel of :func:`required_array_power`, SMAD (1999) Eq. 11-5:
    P_sa = (P_e T_e / X_e + P_d T_d / X_d) / T_d  [W], loads [W], times [s]."""
    return (P_e * T_e / X_e + P_d * T_d / X_d) / T_d


def required_array_power(load_sunlight, load_eclipse, sunlight_time, eclipse_time, regulation: str = "PPT",
                         path_efficiency_eclipse=None, path_efficiency_daylight=None):
    """Array power that runs the loads in sunlight and recharges the battery for the eclipse.

    .. math:: P_{sa} = \\frac{P_e T_e / X_e + P_d T_d / X_d}{T_d}

    (SMAD 1999, Eq. 11-5), X_e and X_d the efficiencies of the paths array → battery →
    loads and array → loads: 0.65/0.85 for direct energy transfer, 0.60/0.80 for peak-power
    tracking (SMAD Sec. 11.4.1) unless given.

    Parameters
    ----------
    load_sunlight, load_eclipse : Quantity
        Load power in daylight (P_d) and eclipse (P_e), [power], ≥ 0.
    sunlight_time, eclipse_time : Quantity
        Time in sunlight (T_d > 0) and in eclipse (T_e ≥ 0) per orbit, [time].
    regulation : {"PPT", "DET"}
    path_efficiency_eclipse, path_efficiency_daylight : float, optional
        Override X_e, X_d.

    Returns
    -------
    Quantity
        [W].

    Examples
    --------
    >>> round(required_array_power(Q_(1, "kW"), Q_(1, "kW"), Q_(60, "min"), Q_(0, "min")).magnitude, 1)
    1250.0
    """
    P_d, P_e, T_d, T_e = _loads_and_times(load_sunlight, load_eclipse, sunlight_time, eclipse_time)
    X_e, X_d = path_efficiencies(regulation, path_efficiency_eclipse, path_efficiency_daylight)
    return quantity(required_power_si(P_e, P_d, T_e, T_d, X_e, X_d), "W")


def lifetime_degradation(rate_per_year, years):
    """Remaining fraction of array output after ``years`` at ``rate_per_year``.

    .. math:: L_d = (1 - D)^{years}

    (SMAD 1999, Eq. 11-7).

    Parameters
    ----------
    rate_per_year : float
        Yearly degradation D, [dimensionless], 0 to 1 (SMAD: 0.0275 for GaAs).
    years : Quantity
        Mission life, [time].

    Returns
    -------
    Quantity
        Remaining fraction L_d, [dimensionless].

    Examples
    --------
    >>> round(float(lifetime_degradation(0.0275, Q_(5, "year")).magnitude), 4)
    0.8699
    """
    D = si_value(rate_per_year, "rate_per_year", "")
    check_range(D, "rate_per_year", 0.0, 1.0, "", high_inclusive=False)
    yrs = check_positive(years, "years", "year", 'Q_(5, "year")', allow_zero=True)
    return quantity((1.0 - D) ** yrs, "")


def _fluence_points(cell) -> tuple[np.ndarray, np.ndarray]:
    """(fluence [e/cm²], remaining factor of Pmp) from the cell's cited
    ``remaining_factor_pmp_<fluence>`` values (measured ones preferred over derived)."""
    import re

    points = {}
    for key, value in cell.values.items():
        m = re.fullmatch(r"remaining_factor_pmp_(\d+(?:\.\d+)?e\d+)(_derived)?", key)
        if m:
            fl = float(m.group(1))
            if fl not in points or not m.group(2):
                points[fl] = float(value.quantity.magnitude)
    fl = np.array(sorted(points))
    return fl, np.array([points[f] for f in fl])


def fluence_remaining_factor(cell, fluence, extrapolate: bool = False):
    """Remaining fraction of cell Pmp after a 1 MeV electron-equivalent ``fluence``, from
    the remaining factors the cell's datasheet gives (``materials/solar_cells.toml``),
    interpolated linearly in log10(fluence) (the usual form of the datasheets' curves).

    Parameters
    ----------
    cell : str or materials Record
        Solar cell name or record.
    fluence : Quantity or float
        1 MeV electron-equivalent fluence, [1/cm²].
    extrapolate : bool
        Outside the tabulated fluences: extrapolate linearly in log10 (capped at 1) instead
        of raising :class:`OutOfRangeError`.

    Examples
    --------
    >>> round(float(fluence_remaining_factor("XTJ", Q_(7e14, "1/cm^2")).magnitude), 3)
    0.866
    """
    from .. import materials as mat
    from ..errors import OutOfRangeError

    record = mat.solar_cell(cell) if isinstance(cell, str) else cell
    fl, rf = _fluence_points(record)
    if fl.size < 2:
        raise InputError("cell", record.name, "a cell with remaining factors at two or more fluences",
                         f"cell: {record.name} has fewer than two cited remaining factors")
    phi = si_value(fluence, "fluence", "1/cm^2", 'Q_(1e15, "1/cm^2")')
    check_range(phi, "fluence", 0.0, None, "1/cm^2", low_inclusive=False)
    x, xp = np.log10(phi), np.log10(fl)
    if np.any((x < xp[0] - 1e-12) | (x > xp[-1] + 1e-12)) and not extrapolate:
        raise OutOfRangeError("fluence", float(np.max(phi)), f"{fl[0]:.3g} to {fl[-1]:.3g} 1/cm^2",
                              f"fluence: outside the cited range {fl[0]:.3g} to {fl[-1]:.3g} e/cm² of "
                              f"{record.name}; pass extrapolate=True to extrapolate in log10")
    slope_lo = (rf[1] - rf[0]) / (xp[1] - xp[0])
    slope_hi = (rf[-1] - rf[-2]) / (xp[-1] - xp[-2])
    y = np.interp(x, xp, rf)
    y = np.where(x < xp[0], rf[0] + slope_lo * (x - xp[0]), y)
    y = np.where(x > xp[-1], rf[-1] + slope_hi * (x - xp[-1]), y)
    return quantity(np.clip(y, 0.0, 1.0), "")


@dataclass(frozen=True)
class SolarArrayResult(ResultMixin):
    """Sized solar array.  ``feasible`` is False (with ``reasons``) when the array cannot
    carry the load at end of life within the allowed area."""

    required_power: Any  #: P_sa at end of life, [kW]
    power_bol: Any  #: array output at beginning of life, [kW]
    power_eol: Any  #: array output at end of life, [kW]
    area: Any  #: [m^2]
    mass: Any  #: [kg]
    operating_temperature: Any  #: [K]
    efficiency: Any  #: cell efficiency at the operating temperature, [dimensionless]
    cosine_loss: Any  #: mean cos(incidence) in sunlight, [dimensionless]
    inherent_degradation: Any
    lifetime_degradation: Any
    path_efficiency_eclipse: Any
    path_efficiency_daylight: Any
    power_margin: Any  #: design margin applied to the load, [dimensionless]
    path_losses: Any  #: regulation, charge and discharge path losses (heat), orbit average, [W]
    feasible: Any = True
    reasons: Any = ()

def size_array_si(P_d, P_e, T_d, T_e, eta, S, I_d, L_d, cos_t, pf, margin, X_e, X_d,
                   specific_power=None, areal_density=None, rated_per_m2=None) -> dict:
    """Kernel of :func:`size_solar_array` on SI floats or arrays (SMAD 1999, Sec. 11.4):
    P_sa (with margin), BOL and EOL power [W], area [m²], mass [kg], and the orbit-average
    path losses (heat) [W].  A specific power is a rating: the array's power per m² at
    normal incidence with its cells' rated efficiency, ``rated_per_m2`` [W/m²] (η at
    28 °C × packing × 1361 W/m²) times I_d; without it, η × packing × S × I_d."""
    P_sa = required_power_si(P_e, P_d, T_e, T_d, X_e, X_d) * (1.0 + margin)
    P_bol_per_m2 = eta * pf * S * I_d * cos_t
    P_eol_per_m2 = P_bol_per_m2 * L_d
    area = P_sa / P_eol_per_m2
    rated = (eta * pf * S if rated_per_m2 is None else rated_per_m2) * I_d
    mass = area * areal_density if areal_density is not None else area * rated / specific_power
    # each path's loss by itself (not delivered − load): exactly 0 for lossless paths
    losses = (P_e * T_e * (1.0 / X_e - 1.0) + P_d * T_d * (1.0 / X_d - 1.0)) / (T_d + T_e)
    return dict(required_power=P_sa, power_bol=area * P_bol_per_m2, power_eol=area * P_eol_per_m2, area=area,
                mass=mass, path_losses=losses)


def si_quantity_K(value):
    return quantity(si_value(value, "operating_temperature", "K", 'Q_(60, "degC")'), "K")


def size_solar_array(load_sunlight, load_eclipse, sunlight_time, eclipse_time, *, efficiency,
                     solar_flux=Q_(1361, "W/m^2"), regulation: str = "PPT", inherent_degradation=0.77,
                     degradation_per_year=0.0275, years=Q_(5, "year"), cosine=1.0, packing_factor=0.85,
                     specific_power=None, areal_density=None, power_margin=0.0, max_area=None,
                     path_efficiency_eclipse=None, path_efficiency_daylight=None,
                     operating_temperature=None, remaining_factor=None) -> SolarArrayResult:
    """Size the array (SMAD 1999, Sec. 11.4, steps 2-6).

    P_0 = η S (cells at operating temperature, packing factor p),
    P_BOL = P_0 I_d cos θ, P_EOL = P_BOL L_d with L_d = (1 − D)^years,
    A = P_sa / P_EOL, with P_sa from :func:`required_array_power` times (1 + margin).

    Parameters
    ----------
    efficiency : float
        Cell efficiency at the operating temperature (see
        :func:`array_operating_temperature`), [dimensionless].
    solar_flux : Quantity
        Sizing solar flux, [W/m²] (aphelion for the cold/low-power case).
    inherent_degradation : float
        I_d (SMAD Table 11-35 nominal 0.77: design and assembly losses, shadowing, temperature
        already separate here—lower it only for what ``efficiency`` does not include).
    degradation_per_year : float
        D per year (SMAD gives 2.75 %/yr for GaAs; use the cell's fluence data where known).
    cosine : float
        Mean cos(incidence) in sunlight (see :func:`cosine_loss`).
    specific_power : Quantity, optional
        Array specific power at BOL, [W/kg]; or ``areal_density`` [kg/m²].
    power_margin : float
        Margin on the loads (e.g. 0.1 for 10 %).
    max_area : Quantity, optional
        Largest array area the design allows; beyond it the result is infeasible.
    operating_temperature : Quantity, optional
        Recorded in the result (the temperature ``efficiency`` belongs to).
    remaining_factor : float, optional
        End-of-life remaining factor from radiation fluence (see
        :func:`fluence_remaining_factor`); when given it replaces (1 − D)^years.

    Examples
    --------
    >>> r = size_solar_array(Q_(100, "kW"), Q_(100, "kW"), Q_(60, "min"), Q_(35, "min"), efficiency=0.28,
    ...                      areal_density=Q_(2, "kg/m^2"))
    >>> round(r.area.magnitude)
    1024
    """
    P_d, P_e, T_d, T_e = _loads_and_times(load_sunlight, load_eclipse, sunlight_time, eclipse_time)
    eta = check_fraction(efficiency, "efficiency")
    S = si_value(solar_flux, "solar_flux", "W/m^2", 'Q_(1361, "W/m^2")')
    check_range(S, "solar_flux", 0.0, None, "W/m^2", low_inclusive=False)
    I_d = check_fraction(inherent_degradation, "inherent_degradation")
    L_d = (lifetime_degradation(degradation_per_year, years).magnitude if remaining_factor is None
           else check_fraction(remaining_factor, "remaining_factor"))
    cos_t = check_fraction(cosine, "cosine")
    pf = check_fraction(packing_factor, "packing_factor")
    margin = si_value(power_margin, "power_margin", "")
    check_range(margin, "power_margin", 0.0, 10.0, "")
    X_e, X_d = path_efficiencies(regulation, path_efficiency_eclipse, path_efficiency_daylight)
    if (specific_power is None) == (areal_density is None):
        raise InputError("specific_power", specific_power,
                         "exactly one of specific_power [W/kg] or areal_density [kg/m^2]")
    if areal_density is not None:
        rho_a = check_positive(areal_density, "areal_density", "kg/m^2", 'Q_(2, "kg/m^2")', allow_zero=True)
        r = size_array_si(P_d, P_e, T_d, T_e, eta, S, I_d, L_d, cos_t, pf, margin, X_e, X_d, areal_density=rho_a)
    else:
        sp = si_value(specific_power, "specific_power", "W/kg", 'Q_(100, "W/kg")')
        check_range(sp, "specific_power", 0.0, None, "W/kg", low_inclusive=False)
        r = size_array_si(P_d, P_e, T_d, T_e, eta, S, I_d, L_d, cos_t, pf, margin, X_e, X_d, specific_power=sp)
    T_op = None if operating_temperature is None else si_quantity_K(operating_temperature)
    A_max = (None if max_area is None
             else check_positive(max_area, "max_area", "m^2", 'Q_(2000, "m^2")', allow_zero=True))
    return array_result(r, efficiency=eta, cosine=cos_t, inherent_degradation=I_d, lifetime_degradation=L_d,
                        path_efficiencies=(X_e, X_d), power_margin=margin, operating_temperature=T_op, max_area=A_max)


def array_result(r: dict, *, efficiency, cosine, inherent_degradation, lifetime_degradation, path_efficiencies,
                 power_margin, operating_temperature=None, max_area=None) -> SolarArrayResult:
    """Wrap the results ``r`` of :func:`size_array_si` (SMAD 1999, Sec. 11.4; SI) into a
    :class:`SolarArrayResult` with the inputs that produced them; ``max_area`` [m²] makes
    it infeasible beyond that area, with the margin."""
    area = r["area"]
    feasible, reasons = True, ()
    if max_area is not None:
        over = area > max_area
        if np.any(over):
            feasible = bool(not over) if np.ndim(over) == 0 else ~over
            reasons = (f"array area {float(np.max(area)):.0f} m² exceeds the allowed {float(np.max(max_area)):.0f} m² "
                       f"(margin {float(np.min(max_area - area)):.0f} m²)",)
    X_e, X_d = path_efficiencies
    return SolarArrayResult(
        required_power=quantity(r["required_power"], "W").to("kW"), power_bol=quantity(r["power_bol"], "W").to("kW"),
        power_eol=quantity(r["power_eol"], "W").to("kW"), area=quantity(area, "m^2"), mass=quantity(r["mass"], "kg"),
        operating_temperature=operating_temperature, efficiency=quantity(efficiency, ""),
        cosine_loss=quantity(cosine, ""), inherent_degradation=quantity(inherent_degradation, ""),
        lifetime_degradation=quantity(lifetime_degradation, ""), path_efficiency_eclipse=quantity(X_e, ""),
        path_efficiency_daylight=quantity(X_d, ""), power_margin=quantity(power_margin, ""),
        path_losses=quantity(r["path_losses"], "W"), feasible=feasible, reasons=reasons,
    )
