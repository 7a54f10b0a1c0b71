"""The design-file fields: each field's path as written in a design file, its unit, its
range, its default and where the default comes from (a citation, or "design
assumption").  Design files (:mod:`thermo_orbit.system.design`), batches and sweep specs
check values against this table through :meth:`Field.check`; docs/design-fields.md is
generated from it.  Choice lists are those of the physics modules that define them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..environment import STANDARDS
from ..errors import InputError
from ..orbit import ALTITUDE_RANGE
from ..power.solar_array import BUSES, POINTING_MODES, REGULATION_PATH_EFFICIENCY
from ..thermal.radiator import ORIENTATIONS
from ..thermal.radiator_mass import FLOWN_RADIATORS, RADIATOR_MASS_MODELS
from ..thermal.survivability import ARMOUR_MODES
from .mass import GROWTH_BY_MATURITY

__all__ = ["Field", "FIELDS", "MATERIAL_FIELDS"]


@dataclass(frozen=True)
class Field:
    """One design field: its path, unit (``None`` for text/bool/int), range in that unit,
    default, and where the default comes from (a citation, or "design assumption")."""

    path: str
    unit: str | None
    low: float | None = None
    high: float | None = None
    default: Any = None
    required: bool = False
    kind: type = float
    doc: str = ""
    choices: tuple[str, ...] = ()
    source: str = ""
    example: str = ""
    fraction_of: str | None = None  #: the value may also be a fraction (0 to 1) of this field's value

    def check(self, values, item: str = "design") -> np.ndarray:
        """Check ``values`` against this field (the one range and choice check of design
        files, batches and sweep specs): magnitudes in :attr:`unit` for a quantity field,
        text, bools or whole numbers otherwise.  Returns them as an array (float64, or
        objects); raises :class:`InputError` naming the field, the value and, for several
        values, the ``item`` number of the first bad one."""
        if self.kind is dict:
            return np.array([self._check_table(x) for x in values], dtype=object)
        if self.unit is not None:
            mag = np.atleast_1d(np.asarray(values, dtype=np.float64))
            bad = ~np.isfinite(mag)
            if self.low is not None:
                bad |= mag < self.low
            if self.high is not None:
                bad |= mag > self.high
            if np.any(bad):
                i = int(np.argmax(bad))
                u = f" {self.unit}" if self.unit else ""
                shown, where = f"{mag[i]:g}{u}", f" ({item} {i})" if mag.size > 1 else ""
                expected = f"{self.low:g}{u} to {self.high:g}{u}"
                raise InputError(self.path, shown, expected, f"{self.path}: expected {expected}, got {shown}{where}")
            return mag
        arr = np.empty(len(values), dtype=object)
        arr[:] = [x.item() if isinstance(x, np.generic) else x for x in values]
        for i, x in enumerate(arr):
            self._check_one(x, f" ({item} {i})" if len(arr) > 1 else "")
        return arr

    def _check_table(self, x) -> dict:
        """A cycle-life-like table ``{dod = [...], cycles = [...]}``: two or more points,
        fractions in (0, 1], positive counts."""
        expected = "a table {dod = [0.2, 0.4], cycles = [60000, 20000]} of two or more points"
        try:
            dod = np.asarray(x["dod"], dtype=np.float64)
            cycles = np.asarray(x["cycles"], dtype=np.float64)
        except (KeyError, TypeError, ValueError):
            raise InputError(self.path, x, expected) from None
        ok = (dod.ndim == 1 and dod.shape == cycles.shape and dod.size >= 2 and np.all((dod > 0) & (dod <= 1))
              and np.all(cycles > 0) and np.all(np.isfinite(cycles)) and np.unique(dod).size == dod.size)
        if not ok:
            raise InputError(self.path, x, expected + " with each dod in (0, 1] once and each cycles > 0")
        return {"dod": dod.tolist(), "cycles": cycles.tolist()}

    def _check_one(self, x, where: str) -> None:
        if self.kind is bool and not isinstance(x, bool):
            raise InputError(self.path, x, "true or false", f"{self.path}: expected true or false, got {x!r}{where}")
        outside = isinstance(x, int) and ((self.low is not None and x < self.low)
                                          or (self.high is not None and x > self.high))
        if self.kind is int and (isinstance(x, bool) or not isinstance(x, int) or outside):
            raise InputError(self.path, x, "a whole number in range", f"{self.path}: expected a whole number from "
                             f"{self.low:g} to {self.high:g}, got {x!r}{where}")
        if self.kind is str and (not isinstance(x, str) or (self.choices and x not in self.choices)):
            expected = f"one of {', '.join(self.choices)}" if self.choices else "text in quotes"
            raise InputError(self.path, x, expected, f"{self.path}: expected {expected}, got {x!r}{where}")


_SMAD = "SMAD 3rd ed. (Wertz & Larson 1999), Sec. 11.4"
_ASSUMPTION = "design assumption"
_SMAD_ID = "SMAD 3rd ed. (Wertz & Larson 1999), Table 11-35 (materials/system.toml: SMAD-inherent-degradation-elements)"

FIELDS: dict[str, Field] = {f.path: f for f in [
    Field("name", None, kind=str, default="unnamed design", doc="Design name."),
    Field("description", None, kind=str, default="", doc="What the design represents."),
    # rack
    Field("rack.power", "kW", 0.001, 1e6, required=True,
          doc="Electrical power drawn per rack (all of it becomes heat).",
          example="120 kW"),
    Field("rack.count", None, 1, 1e6, default=1, kind=int, doc="Number of racks."),
    Field("rack.mass", "kg", 0.0, 1e5, required=True, doc="Mass of one rack as flown (servers, cold plates, frame).",
          example="1000 kg"),
    Field("rack.shielding_mass", "kg", 0.0, 1e5, default="0 kg", doc="Radiation shielding per rack."),
    Field("rack.max_junction_temperature", "degC", -55.0, 200.0, default="85 degC",
          doc="Highest allowed chip junction temperature.", source=_ASSUMPTION),
    Field("rack.junction_to_cold_plate_resistance", "K/W", 0.0, 1.0, default="1e-4 K/W",
          doc="Rack-level resistance junction to cold-plate wall (per-chip value / chips in parallel).",
          source=_ASSUMPTION),
    Field("rack.eclipse_power", "kW", 0.0, 1e6, fraction_of="rack.power",
          doc="Electrical power per rack in eclipse (work throttled or paused), a power or a fraction of "
              "rack.power (\"0.2\"); default: rack.power.  The array and battery are sized for it, and the cold "
              "case carries it.  In a batch or sweep give powers."),
    Field("rack.specific_heat", "J/(kg*K)", 100.0, 5000.0, default="700 J/(kg*K)",
          doc="Mean specific heat of a rack (copper, aluminium, boards), for the orbit transient.", source=_ASSUMPTION),
    Field("rack.cold_plate_wetted_area", "m^2", 1e-4, 1e3, default="3 m^2", doc="Wetted area of a rack's cold plates.",
          source=_ASSUMPTION),
    Field("rack.cold_plate_hydraulic_diameter", "mm", 0.05, 100.0, default="2 mm",
          doc="Hydraulic diameter of the cold-plate channels.", source=_ASSUMPTION),
    Field("rack.cold_plate_flow_area", "cm^2", 0.01, 1e4, default="30 cm^2",
          doc="Total flow cross-section of a rack's cold-plate channels.", source=_ASSUMPTION),
    Field("rack.cold_plate_loss_coefficient", "", 0.0, 1e4, default="5",
          doc="Loss coefficient K of a rack's cold plates.",
          source=_ASSUMPTION),
    # orbit
    Field("orbit.altitude", "km", ALTITUDE_RANGE[0] / 1e3, ALTITUDE_RANGE[1] / 1e3, required=True,
          doc="Circular orbit altitude above the equatorial radius.", example="550 km"),
    Field("orbit.sun_synchronous", None, kind=bool, default=False,
          doc="Sun-synchronous orbit: inclination from the altitude, node from orbit.ltan."),
    Field("orbit.ltan", None, kind=str, default="18:00",
          doc='Local time of the ascending node of a sun-synchronous orbit, "HH:MM".'),
    Field("orbit.inclination", "deg", 0.0, 180.0, doc="Inclination (not for sun-synchronous orbits)."),
    Field("orbit.raan", "deg", -360.0, 360.0, default="0 deg", doc="Ascending node at mission start."),
    Field("orbit.mission_start", None, kind=str, default="2027-01-01T00:00:00",
          doc="Mission start, UTC, ISO 8601."),
    Field("orbit.mission_life", "year", 0.01, 30.0, default="5 year", doc="Mission life."),
    Field("orbit.environment", None, kind=str, default="ECSS-E-ST-10-04C", choices=STANDARDS,
          doc="Thermal-environment design cases: the ECSS bounding ranges, or the ISS SSP 41000 cases."),
    # power
    Field("power.cell", None, kind=str, default="XTJ-Prime", doc="Solar cell (materials: solar_cell)."),
    Field("power.cell_efficiency", "", 0.01, 0.6, doc="Cell efficiency at 28 degC; default: the cell's cited value."),
    Field("power.cell_temperature_coefficient", "1/K", -0.02, 0.0,
          doc="Relative temperature coefficient of cell efficiency; required where the database has no cited value."),
    Field("power.cell_absorptance", "", 0.0, 1.0, doc="Front solar absorptance; default: the cell's cited value."),
    Field("power.cell_emissivity", "", 0.0, 1.0, doc="Front IR emissivity; default: the cell's cited value."),
    Field("power.array_back_emissivity", "", 0.0, 1.0, default="0.8", doc="IR emissivity of the array's back face.",
          source=_ASSUMPTION),
    Field("power.packing_factor", "", 0.1, 1.0, default="0.85", doc="Cell area / array area.", source=_ASSUMPTION),
    Field("power.regulation", None, kind=str, default="PPT", choices=tuple(REGULATION_PATH_EFFICIENCY),
          doc="Peak-power tracking or direct energy transfer (sets the path efficiencies).", source=_SMAD),
    Field("power.path_efficiency_eclipse", "", 0.1, 1.0,
          doc="Override X_e (default: from power.bus; the SMAD bus takes it from power.regulation)."),
    Field("power.path_efficiency_daylight", "", 0.1, 1.0,
          doc="Override X_d (default: from power.bus; the SMAD bus takes it from power.regulation)."),
    Field("power.bus", None, kind=str, default="SMAD", choices=BUSES,
          doc="Power path: 'SMAD', the nominal path efficiencies of SMAD for power.regulation (a 1990s "
              "small-satellite bus); 'regulated', a regulated high-power bus built from its components "
              "(array, charge and discharge regulators, distribution, and the battery's charge and discharge "
              "efficiencies).", source=_SMAD),
    Field("power.array_regulator_efficiency", "", 0.5, 1.0, default="0.98",
          doc="Array regulator (S3R shunt or MPPT converter) of the 'regulated' bus; no cited value found "
              "(materials/system.toml: high-voltage-regulated-bus, notes).", source=_ASSUMPTION),
    Field("power.charge_regulator_efficiency", "", 0.5, 1.0, default="0.95",
          doc="Battery charge regulator of the 'regulated' bus; no cited value found.", source=_ASSUMPTION),
    Field("power.discharge_regulator_efficiency", "", 0.5, 1.0, default="0.95",
          doc="Battery discharge regulator of the 'regulated' bus (lower bound of a flown 50 V BDR).",
          source="Terma BDR module datasheet, Galileo IOV (materials/system.toml: high-voltage-regulated-bus)"),
    Field("power.distribution_efficiency", "", 0.5, 1.0, default="0.98",
          doc="Distribution (switches and harness) of the 'regulated' bus: 1 - the 2 % voltage-drop goal of a "
              "150 V bus.", source="COLUMBUS power system, Space Solar Power Review 7 (1988) p. 58 (materials/"
              "system.toml: high-voltage-regulated-bus, derived)"),
    Field("power.pointing", None, kind=str, default="sun_tracking", choices=POINTING_MODES,
          doc="Array pointing."),
    Field("power.array_tilt", "deg", 0.0, 180.0, doc="Tilt of a fixed array's normal from nadir."),
    Field("power.design_and_assembly_factor", "", 0.1, 1.0, default="0.85",
          doc="Element of the inherent degradation I_d: design and assembly losses (range 0.77 to 0.90).",
          source=_SMAD_ID),
    Field("power.shadowing_factor", "", 0.1, 1.0, default="1.0",
          doc="Element of the inherent degradation I_d: shadowing of the cells (range 0.80 to 1.00).",
          source=_SMAD_ID),
    Field("power.inherent_degradation", "", 0.1, 1.0,
          doc="I_d without its temperature element (the array's efficiency is taken at its computed temperature, "
              "so SMAD's 'temperature of array' element is 1); default: design and assembly x shadowing."),
    Field("power.degradation_per_year", "", 0.0, 0.5, default="0.0275",
          doc="Yearly array degradation D (SMAD: 2.75 %/yr for GaAs).", source=_SMAD),
    Field("power.eol_fluence", "1/cm^2", 1e10, 1e17,
          doc="1 MeV electron-equivalent fluence at end of life; when given, the cell's cited remaining "
              "factor replaces the yearly degradation."),
    Field("power.array_specific_power", "W/kg", 1.0, 2000.0, default="130 W/kg",
          doc="Array specific power at BOL (JPL APSA flexible blanket, materials/solar_cells.toml).",
          source="materials/solar_cells.toml: APSA"),
    Field("power.margin", "", 0.0, 2.0, default="0.1", doc="Margin on the loads for array sizing.", source=_ASSUMPTION),
    Field("power.max_array_area", "m^2", 1.0, 1e7, doc="Largest array area allowed (optional)."),
    Field("power.battery", None, kind=str, default="VES180",
          doc="Battery (materials: battery): its cited specific energy and cycle-life table; `thermo-orbit "
              "materials list battery` shows which can size and why not."),
    Field("power.battery_depth_of_discharge", "", 0.01, 1.0,
          doc="Allowed depth of discharge the designer takes responsibility for, instead of the chemistry's "
              "cycle-life data (listed in the result's assumptions)."),
    Field("power.battery_cycle_life", None, kind=dict,
          doc="The designer's cycle-life table {dod = [...], cycles = [...]} (two or more points), instead of "
              "the chemistry's (listed in the result's assumptions)."),
    Field("power.battery_specific_energy", "Wh/kg", 1.0, 1000.0,
          doc="Battery-level specific energy; default: the battery's cited pack value, else its cell value x 0.75."),
    Field("power.battery_specific_heat", "J/(kg*K)", 100.0, 5000.0, default="1000 J/(kg*K)",
          doc="Battery specific heat (transient).", source=_ASSUMPTION),
    Field("power.battery_conductance", "W/K", 0.001, 1e9,
          doc="Thermal conductance from the batteries to their own thermal control, checked instead of sized; "
              "default: sized so that the charge and discharge heat keeps the battery inside its chemistry's "
              "operating range (at least power.battery_conductance_per_capacity times the installed capacity)."),
    Field("power.battery_conductance_per_capacity", "W/(K*kWh)", 0.001, 1e4, default="2 W/(K*kWh)",
          doc="The least battery thermal-control conductance per kWh installed (its cold plates scale with its "
              "size), when power.battery_conductance is not given; raised where the battery's heat needs more.",
          source=_ASSUMPTION),
    Field("power.battery_control_temperature", "degC", -40.0, 80.0, default="20 degC",
          doc="Temperature of the batteries' thermal control (their heat sink); below the chemistry's range a "
              "battery heater holds them in it.", source=_ASSUMPTION),
    Field("power.battery_heater_band", "K", 0.1, 50.0, default="2 K",
          doc="Proportional band of the battery heater: full power at the bottom of the chemistry's operating "
              "range, none this far above it (used where the thermal control is colder than the range).",
          source=_ASSUMPTION),
    Field("power.array_specific_heat", "J/(kg*K)", 100.0, 5000.0, default="900 J/(kg*K)",
          doc="Array specific heat (transient).", source=_ASSUMPTION),
    Field("power.battery_count", None, 1, 1000, default=4, kind=int, doc="Number of batteries."),
    Field("power.battery_redundancy", None, kind=bool, default=True, doc="Size for one battery out."),
    Field("power.battery_charge_efficiency", "", 0.5, 1.0, default="0.97", doc="Charge energy efficiency.",
          source=_ASSUMPTION),
    Field("power.battery_discharge_efficiency", "", 0.5, 1.0, default="0.97", doc="Discharge energy efficiency.",
          source=_ASSUMPTION),
    Field("power.transmission_efficiency", "", 0.5, 1.0, default="0.9", doc="Battery to load, n in SMAD Eq. 11-6.",
          source=_SMAD),
    Field("power.safe_mode_energy", "kWh", 0.001, 1e5, default="10 kWh", doc="Least battery energy (safe mode).",
          source=_ASSUMPTION),
    Field("power.max_charge_rate", "1/h", 0.01, 10.0, default="1 1/h",
          doc="Largest charge C-rate.", source=_ASSUMPTION),
    # thermal loop
    Field("thermal.coolant", None, kind=str, default="NaK-78", doc="Coolant (materials: coolant)."),
    Field("thermal.radiator_glide", "K", 0.1, 300.0, default="20 K",
          doc="Coolant temperature drop across the radiator.",
          source=_ASSUMPTION),
    Field("thermal.coolant_velocity", "m/s", 0.01, 20.0, default="1 m/s",
          doc="Target velocity in the radiator tubes. The tube count is the count at which the velocity equals this "
              "target at the converged operating point (pump power included), rounded up to a whole number (at least "
              "1): the velocity at the design's own operating point is then at most the target, and the count does "
              "not depend on how the solver got there. No operating point at this velocity is a pumping runaway.",
          source=_ASSUMPTION),
    Field("thermal.pump_efficiency", "", 0.001, 1.0, default="0.1",
          doc="Pump wire-to-fluid efficiency (EM pumps: a few to ~10 %; mechanical: higher).", source=_ASSUMPTION),
    Field("thermal.pump_specific_mass", "kg/W", 0.0, 10.0, default="0.01 kg/W", doc="Pump mass per electrical watt.",
          source=_ASSUMPTION),
    Field("thermal.manifold_loss_coefficient", "", 0.0, 1e4, default="10",
          doc="Loss coefficient K of manifolds and lines.",
          source=_ASSUMPTION),
    Field("thermal.tube_roughness", "um", 0.0, 1000.0, default="1.5 um",
          doc="Tube roughness (drawn tubing: Cengel & Ghajar, Table 8-2).", source="Cengel & Ghajar, Table 8-2"),
    Field("thermal.inventory_allowance", "", 0.0, 10.0, default="0.3",
          doc="Coolant outside the radiator tubes, as a fraction of the tube volume.", source=_ASSUMPTION),
    Field("thermal.freeze_margin", "K", 0.0, 200.0, default="10 K", doc="Required margin above the melting point.",
          source=_ASSUMPTION),
    Field("thermal.boil_margin", "K", 0.0, 500.0, default="50 K", doc="Required margin below the boiling point.",
          source=_ASSUMPTION),
    Field("thermal.cold_case_load_fraction", "", 0.0, 1.0, default="1",
          doc="Rack load in the cold case as a fraction of full power.", source=_ASSUMPTION),
    Field("thermal.survival_heater_fraction", "", 0.0, 2.0, default="0.2",
          doc="Survival heater capacity on the coldest coolant, as a fraction of the rack power (orbit transient).",
          source=_ASSUMPTION),
    Field("thermal.survival_heater_band", "K", 0.1, 50.0, default="2 K",
          doc="Proportional band of the survival heater: full power at the set point (melting point + freeze "
              "margin), none this far above it (orbit transient).", source=_ASSUMPTION),
    Field("thermal.heat_pump", None, kind=bool, default=False,
          doc="Add a heat pump between the chip loop and the radiator; the radiator temperature (lift) that "
              "minimises total mass is chosen and reported."),
    Field("thermal.heat_pump_carnot_fraction", "", 0.05, 1.0, default="0.5",
          doc="Heat pump COP as a fraction of Carnot.", source=_ASSUMPTION),
    Field("thermal.heat_pump_specific_mass", "kg/kW", 0.0, 1000.0, default="10 kg/kW",
          doc="Heat pump mass per kW of compressor work.", source=_ASSUMPTION),
    Field("thermal.heat_pump_max_lift", "K", 1.0, 500.0, default="150 K",
          doc="Largest lift searched for the mass optimum.", source=_ASSUMPTION),
    Field("thermal.control_hardware_specific_mass", "kg/kW", 0.0, 1000.0, default="5.07 kg/kW",
          doc="Loop hardware outside the radiator and the pump (valves, heat exchangers) per kW rejected: "
              "(6 x 22.68 kg valve modules + 41.28 kg interface heat exchanger) / 35 kW of one ISS EATCS loop.",
          source="materials/system.toml: ISS-EATCS-loop-hardware (derived)"),
    Field("thermal.loops", None, 1, 100000, default=1, kind=int,
          doc="Independent coolant loops sharing the radiator equally; a loop lost takes its share of the heat "
              "rejection with it (the racks on it are throttled)."),
    Field("thermal.reject_power_losses", None, kind=bool, default=True,
          doc="The loop's radiator also rejects the power system's losses."),
    # radiator
    Field("radiator.orientation", None, kind=str, default="edge_on", choices=ORIENTATIONS,
          doc="Radiator orientation (see thermo_orbit.thermal.radiator.ORIENTATIONS)."),
    Field("radiator.tilt", "deg", 0.0, 180.0, doc="Face A tilt from nadir for orientation = tilted."),
    Field("radiator.coating", None, kind=str, default="AZ-93", doc="Coating (materials: coating)."),
    Field("radiator.absorptance", "", 0.0, 1.0, doc="Solar absorptance at beginning of life; default: the coating's."),
    Field("radiator.emissivity", "", 0.01, 1.0, doc="IR emissivity at beginning of life; default: the coating's."),
    Field("radiator.absorptance_eol", "", 0.0, 1.0,
          doc="Solar absorptance at end of life; required where the coating has no cited EOL value."),
    Field("radiator.emissivity_eol", "", 0.01, 1.0, doc="IR emissivity at end of life; default: the BOL value."),
    Field("radiator.tube_inner_diameter", "mm", 0.5, 200.0, default="6 mm", doc="Radiator tube inner diameter.",
          source=_ASSUMPTION),
    Field("radiator.tube_wall_thickness", "mm", 0.05, 20.0, default="0.5 mm", doc="Tube wall.", source=_ASSUMPTION),
    Field("radiator.tube_pitch", "cm", 0.5, 200.0, default="10 cm", doc="Distance between tubes.", source=_ASSUMPTION),
    Field("radiator.tube_material", None, kind=str, default="SS316", doc="Tube material (materials: structure)."),
    Field("radiator.fin_material", None, kind=str, default="Al6061", doc="Fin material (materials: structure)."),
    Field("radiator.fin_thickness", "mm", 0.01, 50.0, default="1 mm", doc="Fin thickness.", source=_ASSUMPTION),
    Field("radiator.mass_model", None, kind=str, default="flown", choices=RADIATOR_MASS_MODELS,
          doc="Radiator mass: 'flown' at the areal mass of a flown radiator (radiator.flown_reference; "
              "deployment, manifolds, hoses and structure included), never below its own panel, tubes and "
              "coolant; 'bottom_up' from its parts and the design's deployment and manifold allowances.",
          source="flown class: ISS ATCS overview (materials/system.toml: ISS-EATCS-radiator-ORU, ISS-PVR)"),
    Field("radiator.flown_reference", None, kind=str, default="ISS-EATCS-radiator-ORU",
          choices=FLOWN_RADIATORS,
          doc="Flown radiator whose areal mass (per m^2 of one face) the 'flown' model takes "
              "(materials/system.toml).", source="materials/system.toml: ISS-EATCS-radiator-ORU"),
    Field("radiator.manifold_mass_fraction", "", 0.0, 5.0, default="0.3",
          doc="Manifolds, headers and inter-panel hoses as a fraction of the tubes with their coolant.",
          source=_ASSUMPTION),
    Field("radiator.deployment_areal_density", "kg/m^2", 0.0, 100.0, default="3 kg/m^2",
          doc="Deployment mechanism, hinges, booms and launch restraints per m^2 of panel ('bottom_up').",
          source=_ASSUMPTION),
    Field("radiator.armour_thickness", "mm", 0.0, 50.0, default="0 mm",
          doc="Debris armour sleeve around each radiator tube."),
    Field("radiator.armour_material", None, kind=str, default="Al6061", doc="Armour material (materials: structure)."),
    Field("radiator.structure_areal_density", "kg/m^2", 0.0, 100.0, default="1 kg/m^2",
          doc="Panel structure besides fins and tubes.", source=_ASSUMPTION),
    # survivability (micrometeoroids and orbital debris)
    Field("survivability.armour", None, kind=str, default="size", choices=ARMOUR_MODES,
          doc="'size': the thinnest armour on the tubes that meets survivability.required_pnp (Al6061 up to "
              "20 mm); 'given': radiator.armour_thickness, checked against the required PNP; 'off': not evaluated "
              "(MMOD handled elsewhere; the report says so)."),
    Field("survivability.required_pnp", "", 0.5, 0.999999, default="0.95",
          doc="Required probability of no penetration of each loop's tubes over the mission.",
          source="Christiansen (2009) NASA/TM-2009-214785 Table 2-7: Hubble 0.95 over 2 years (ISS 0.98 to 0.998 "
                 "per critical element over 10 years)"),
    Field("survivability.heat_fraction_after_loss", "", 0.0, 1.0,
          doc="Heat rejection the design must keep with one loop lost, a fraction of the full load (optional): "
              "n loops keep (n - 1)/n."),
    Field("survivability.exposed_fraction", "", 0.01, 1.0, default="1.0",
          doc="Fraction of the tube surface open to space (1: tubes in a panel radiating from both faces, "
              "not shadowed by the fins).", source=_ASSUMPTION),
    Field("survivability.bumper_thickness", "mm", 0.0, 20.0, default="0 mm",
          doc="A face sheet over the tubes on both faces of the panel, acting as a Whipple bumper."),
    Field("survivability.bumper_standoff", "mm", 0.0, 500.0, default="0 mm",
          doc="Distance from the bumper to the tube wall (a bumper counts only with a standoff)."),
    Field("survivability.bumper_material", None, kind=str, default="Al6061",
          doc="Bumper material (materials: structure)."),
    # bus
    Field("bus.structure_fraction", "", 0.0, 0.8, default="0.27",
          doc="Structure and mechanisms as a fraction of the dry mass (racks included, growth allowance not).",
          source="The New SMAD (2011) Table 14-18, LEO (secondary: materials/system.toml)"),
    Field("bus.harness_specific_mass", "kg/kW", 0.0, 1000.0, default="1 kg/kW",
          doc="Harness per kW of bus load.", source=_ASSUMPTION),
    Field("bus.power_conditioning_specific_mass", "kg/kW", 0.0, 1000.0, default="5.43 kg/kW",
          doc="Power conditioning and distribution unit (shunts, battery charge and discharge regulators, "
              "distribution) per kW of array power: a flown 3 kW, 50 V PCDU (Galileo IOV, 16.3 kg); larger units "
              "are lighter per kW.",
          source="Terma Galileo PCDU datasheet (materials/system.toml: high-voltage-regulated-bus, derived)"),
    Field("bus.maturity", None, kind=str, default="new", choices=tuple(GROWTH_BY_MATURITY),
          doc="Design maturity for the mass growth allowance: existing (ECSS category A/B), modified (C) or new "
              "(D).", source="ESA EIDA-2656 / ECSS-E-ST-10-02C categories (secondary: materials/system.toml)"),
    Field("bus.mass_growth_allowance", "", 0.0, 2.0,
          doc="Mass growth allowance on everything sized here (the racks and launch.other_mass excepted); "
              "default: by bus.maturity (existing 5 %, modified 10 %, new 20 %)."),
    # sizing
    Field("sizing.method", None, kind=str, default="steady", choices=("steady", "orbit"),
          doc="How thermo-orbit size sizes the design: 'steady' (each subsystem at its own worst case) or 'orbit' "
              "(from the steady answer, the radiator, survival heater, battery and array sized against the periodic "
              "orbit: docs/physics/transient.md, Orbit sizing); the command's --method overrides it."),
    # launch and mass
    Field("launch.payload_per_launch", "t", 0.1, 1000.0, default="100 t",
          doc="Payload to the orbit per launch (Starship class, public figures).", source="shared/CONTEXT.md"),
    Field("launch.cost_per_kg", "USD/kg", 0.0, 1e6, default="200 USD/kg",
          doc="Launch cost per kg (Suncatcher's parity threshold).", source="shared/CONTEXT.md"),
    Field("launch.other_mass", "kg", 0.0, 1e7, default="0 kg",
          doc="Bus, structure, avionics and everything else not sized here.", source=_ASSUMPTION),
]}

#: design fields that name a record of the materials database, and its family
MATERIAL_FIELDS = {"thermal.coolant": "coolant", "power.cell": "solar_cell", "power.battery": "battery",
                   "radiator.coating": "coating", "radiator.tube_material": "structure",
                   "radiator.fin_material": "structure", "radiator.armour_material": "structure",
                   "survivability.bumper_material": "structure"}
