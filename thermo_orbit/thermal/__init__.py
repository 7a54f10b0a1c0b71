"""The thermal subsystem: the radiator (:mod:`~thermo_orbit.thermal.radiator`: emission,
environmental sink, area with the coolant's glide; :mod:`~thermo_orbit.thermal.fins`: the
radiating fin), the heat-transfer and friction correlations
(:mod:`~thermo_orbit.thermal.correlations`), the pumped loop from chip to radiator
(:mod:`~thermo_orbit.thermal.loop` and its kernel :mod:`~thermo_orbit.thermal.loop_kernel`),
and the loop's survivability against meteoroids and debris
(:mod:`~thermo_orbit.thermal.mmod_environment`, :mod:`~thermo_orbit.thermal.ballistic_limits`,
:mod:`~thermo_orbit.thermal.survivability`).  Each module holds SI kernels (``*_si``) beside
their unit-checked public functions."""
