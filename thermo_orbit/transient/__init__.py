"""Coupled heat and power balance over one orbit, at its periodic steady state.

Nodes (state, per design): the rack with its cold plates, ``n_segments`` radiator panel
segments along the coolant flow, the battery, the solar array, and the battery's state of
charge.  The coolant is quasi-steady: its transit through a segment (about a second) is far
shorter than any node's time constant (minutes to hours), so each segment's outlet follows
from its inlet and panel temperature,

    T_out,i = T_p,i + (T_in,i − T_p,i) exp(−UA_i / ṁc_p),

and the coolant's heat capacity is lumped into the node it sits in.  The outlet of the last
segment returns to the cold plate, which is a heat exchanger with the rack node.

Forcing along the orbit (phase from orbit noon): the Sun's visible fraction with penumbra,
direct sun on array and radiator faces with incidence, albedo with the sub-satellite solar
zenith angle, Earth infrared (:mod:`thermo_orbit.environment`).

Power: the array (efficiency from its own temperature, end of life) feeds the bus through
the daylight path efficiency; the loads are rack, pump and survival heater; a surplus
charges the battery (charge efficiency, tapering to zero at full charge, the rest shunted);
a deficit discharges it (discharge and transmission efficiencies).  The heater is a
proportional thermostat on the coldest coolant (full power at and below the set point =
melting point + freeze margin, falling linearly to zero ``thermal.survival_heater_band`` above it;
capacity ``thermal.survival_heater_fraction`` of the rack power, both design fields), drawing
from the bus.  It is proportional on
purpose: an on/off thermostat with hysteresis, once it cycles, sets up its own limit cycle
whose period is not the orbit's, so no periodic orbit exists for shooting to find (tried:
Newton then stalls at a few kelvin).  The proportional heater gives the orbit-average power
an on/off one would draw; :func:`simulate_thermostat` marches a real on/off thermostat with
hysteresis over several orbits from the periodic state, for its duty, switchings, coldest
coolant and how far from repeating the orbit is.

The periodic state is found by shooting: Newton's method on x ↦ Φ(x) − x, Φ the state after
one orbit from a fixed-step 4th-order Runge–Kutta integration, the Jacobian by finite
differences integrated alongside (vectorised over designs and perturbations).

Layout: :mod:`~thermo_orbit.transient.model` (parameters from a sized design),
:mod:`~thermo_orbit.transient.forcing` (the environment along the orbit),
:mod:`~thermo_orbit.transient.kernel` (the compiled right-hand side and RK4 orbit, the one
model), :mod:`~thermo_orbit.transient.integrate`, :mod:`~thermo_orbit.transient.shooting`
(periodic orbit and certificate), :mod:`~thermo_orbit.transient.simulate` and
:mod:`~thermo_orbit.transient.thermostat` (the results).
"""

from .integrate import OrbitRun, Thermostat, integrate
from .model import TransientModel, build_model
from .shooting import periodic_orbit, stable_steps
from .simulate import OrbitSimulation, simulate_orbit
from .thermostat import ThermostatSimulation, simulate_thermostat

__all__ = ["TransientModel", "build_model", "periodic_orbit", "stable_steps", "OrbitSimulation", "simulate_orbit",
           "ThermostatSimulation", "simulate_thermostat", "OrbitRun", "Thermostat", "integrate"]
