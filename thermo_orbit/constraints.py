"""The constraints a design must meet: one enumeration, with each constraint's text and the
order in which reasons are listed and the binding constraint is chosen.

Every path that decides feasibility (the loop kernel, the battery, the whole-system sizing,
the orbit transient's verdict, batches and sweeps) sets bits of :class:`Constraint` and
reads the names and texts from here; nothing decides by searching a message's text.

A ``flags`` column of a batch or sweep is an integer of these bits; the bit values are
stable (results written by earlier versions decode the same).  ``binding_constraint``
columns hold indices into :data:`BINDING_NAMES`.

>>> flags = Constraint.FROZEN_COLD | Constraint.ARRAY_AREA
>>> binding_name(int(flags))
'freeze'
>>> reasons_of(int(flags))[0]
'coolant freezes in the cold case'
"""

from __future__ import annotations

import enum

import numpy as np

__all__ = ["Constraint", "BINDING_NAMES", "BINDING_CODES", "MARGIN_NAMES", "binding_name", "binding_codes",
           "reasons_of", "text_of"]


class Constraint(enum.IntFlag):
    """A failed constraint, as a bit of a design's ``flags``."""

    SINK = 1
    FROZEN_HOT = 2
    FROZEN_COLD = 4
    BOIL = 8
    CHIP = 16
    LOOP_NOT_CONVERGED = 32
    PUMP_RUNAWAY = 64
    PRESSURIZED_HOT = 128
    ARRAY_AREA = 1 << 8
    BATTERY_CYCLES = 1 << 9
    BATTERY_CHARGE_RATE = 1 << 10
    SYSTEM_NOT_CONVERGED = 1 << 11
    INVALID_INPUT = 1 << 12
    TRANSIENT = 1 << 13  #: the orbit transient fails for a reason not listed below
    HEAT_PUMP_RUNAWAY = 1 << 14
    JUNCTION_TO_COLD_PLATE = 1 << 15
    COLD_PLATE_FILM = 1 << 16
    TRANSIENT_FREEZE = 1 << 17
    TRANSIENT_BATTERY_TEMPERATURE = 1 << 18
    TRANSIENT_BATTERY_DEPTH = 1 << 19
    TRANSIENT_NOT_PERIODIC = 1 << 20
    ARRAY_POWER = 1 << 21
    MODEL_RANGE = 1 << 22  #: a result that is not finite and positive where it must be: never called feasible
    SURVIVABILITY = 1 << 23
    TRANSIENT_JUNCTION = 1 << 24  #: the orbit sizing: the hottest junction above its limit over the orbit
    BATTERY_TEMPERATURE = 1 << 25  #: steady: the battery's thermal control cannot hold it in its range
    TRANSIENT_LOAD_SHED = 1 << 26  #: orbit: the battery runs empty and the bus sheds load


# (constraint, binding name, text), in the order reasons are listed: along the heat path
# from the chip outward first (the first link that fails names the cause), then the loop,
# the power system, and last the orbit transient's verdicts.
_TABLE = (
    (Constraint.INVALID_INPUT, "invalid_input", "invalid combination of inputs"),
    (Constraint.JUNCTION_TO_COLD_PLATE, "junction_to_cold_plate",
     "the junction-to-cold-plate temperature drop leaves the cold-plate wall too cold for the coolant "
     "(below its freeze limit or the radiator sink)"),
    (Constraint.COLD_PLATE_FILM, "cold_plate_film",
     "the cold-plate film temperature drop leaves the coolant too cold (below its freeze limit or the radiator "
     "sink)"),
    (Constraint.CHIP, "chip_temperature",
     "chip limit cannot be met: the coolant would have to be colder than the sink"),
    (Constraint.SINK, "radiator_sink", "radiator colder than its sink"),
    (Constraint.FROZEN_HOT, "freeze", "coolant frozen at the design point"),
    (Constraint.FROZEN_COLD, "freeze", "coolant freezes in the cold case"),
    (Constraint.BOIL, "boil", "coolant above its boiling point"),
    (Constraint.PRESSURIZED_HOT, "boil",
     "pressurized coolant hotter than its saturated-liquid data reach, toward the critical point where it "
     "would boil at any practical loop pressure"),
    (Constraint.HEAT_PUMP_RUNAWAY, "heat_pump_power",
     "heat pump runs away: the power-system losses of its own work need more lift work than they free"),
    (Constraint.LOOP_NOT_CONVERGED, "convergence", "pump-power fixed point did not converge"),
    (Constraint.PUMP_RUNAWAY, "pump_power",
     "pumping power runs away: no operating point at the target velocity (the pump-power fixed point has no "
     "root up to half the rack power; flow passages too small for the heat load)"),
    (Constraint.ARRAY_POWER, "array_power",
     "the array delivers no power: its cell efficiency at its operating temperature (power.cell_efficiency and "
     "power.cell_temperature_coefficient) or its cosine to the Sun is zero or less"),
    (Constraint.ARRAY_AREA, "array_area", "array area above power.max_array_area"),
    (Constraint.SURVIVABILITY, "survivability",
     "a loop's tubes are likely to be punctured by meteoroids or debris: the probability of no penetration is "
     "below survivability.required_pnp (no armour up to 20 mm meets it, or the armour given is too thin), or a "
     "loop lost leaves less heat rejection than survivability.heat_fraction_after_loss"),
    (Constraint.BATTERY_CYCLES, "battery_cycle_life", "battery cycles beyond the cited cycle-life data"),
    (Constraint.BATTERY_CHARGE_RATE, "battery_charge_rate", "recharge above power.max_charge_rate"),
    (Constraint.BATTERY_TEMPERATURE, "battery_temperature",
     "the battery cannot be held in its operating temperature range: its thermal control "
     "(power.battery_control_temperature) is at or above the range's top, power.battery_conductance is too small "
     "for its charge and discharge heat, or the battery heater's band (power.battery_heater_band) does not fit "
     "in the range"),
    (Constraint.SYSTEM_NOT_CONVERGED, "convergence", "system fixed point did not converge"),
    (Constraint.TRANSIENT_JUNCTION, "transient_junction",
     "orbit transient: the hottest chip junction over the orbit (hot case) is above its limit, even at the "
     "largest radiator the orbit sizing tries (twice the steady area)"),
    (Constraint.TRANSIENT_FREEZE, "transient_freeze",
     "orbit transient: the coldest coolant falls below the required freeze margin even with the survival "
     "heater"),
    (Constraint.TRANSIENT_BATTERY_TEMPERATURE, "transient_battery_temperature",
     "orbit transient: the battery leaves its operating temperature range"),
    (Constraint.TRANSIENT_BATTERY_DEPTH, "transient_battery_depth_of_discharge",
     "orbit transient: the battery discharges beyond the allowed depth of discharge"),
    (Constraint.TRANSIENT_LOAD_SHED, "transient_load_shed",
     "orbit transient: battery empty: the bus sheds load (the racks' power drops to what the array delivers)"),
    (Constraint.TRANSIENT_NOT_PERIODIC, "transient",
     "orbit transient: no periodic orbit to the certificate's tolerance"),
    (Constraint.TRANSIENT, "transient", "the orbit transient fails"),
    (Constraint.MODEL_RANGE, "model_range",
     "the model gives no finite, positive size for this design (a combination of inputs outside what it covers)"),
)

#: margins that name the binding constraint of a feasible design (the one with least
#: margin), each a binding name
MARGIN_NAMES = ("freeze", "radiator_sink", "battery_depth_of_discharge", "boil", "survivability", "battery_temperature")

#: binding-constraint names; ``binding_constraint`` columns hold indices into this tuple.
#: New names are only ever appended, so stored codes keep their meaning.
BINDING_NAMES = ("freeze", "radiator_sink", "battery_depth_of_discharge", "boil", "chip_temperature", "pump_power",
                 "convergence", "array_area", "battery_cycle_life", "battery_charge_rate", "invalid_input",
                 "transient_freeze", "transient", "heat_pump_power", "junction_to_cold_plate", "cold_plate_film",
                 "transient_battery_temperature", "transient_battery_depth_of_discharge", "array_power",
                 "model_range", "survivability", "transient_junction", "battery_temperature",
                 "transient_load_shed")
#: binding name → code
BINDING_CODES = {name: i for i, name in enumerate(BINDING_NAMES)}

_ORDER = tuple(c for c, _, _ in _TABLE)
_NAME = {c: name for c, name, _ in _TABLE}
_TEXT = {c: text for c, _, text in _TABLE}
assert set(_NAME.values()) <= set(BINDING_NAMES) and set(_ORDER) == set(Constraint)
assert set(MARGIN_NAMES) <= set(BINDING_NAMES)


def text_of(constraint: Constraint) -> str:
    """The plain-language text of one constraint."""
    return _TEXT[Constraint(constraint)]


def reasons_of(flags: int) -> list[str]:
    """The texts of the failed constraints in ``flags``, in reason order."""
    return [_TEXT[c] for c in _ORDER if int(flags) & c]


def binding_name(flags: int) -> str | None:
    """The binding constraint of an infeasible design: the first failed one in reason
    order; None when ``flags`` is 0."""
    for c in _ORDER:
        if int(flags) & c:
            return _NAME[c]
    return None


def binding_codes(flags: np.ndarray) -> np.ndarray:
    """Binding-constraint codes (into :data:`BINDING_NAMES`) of an array of ``flags``; −1
    where no constraint failed."""
    flags = np.asarray(flags, dtype=np.int64)
    codes = np.full(flags.shape, -1, dtype=np.int64)
    for c in _ORDER:
        codes = np.where((codes < 0) & ((flags & int(c)) != 0), BINDING_CODES[_NAME[c]], codes)
    return codes
