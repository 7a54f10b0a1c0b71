"""The power subsystem: the solar array (:mod:`~thermo_orbit.power.solar_array`: SMAD sizing
through the regulation paths, degradation; :mod:`~thermo_orbit.power.array_thermal`: its
pointing and its own heat balance) and the battery (:mod:`~thermo_orbit.power.battery`:
eclipse energy, the depth of discharge the cycle life allows, redundancy, charge rate).
Each module holds SI kernels (``*_si``) beside their unit-checked public functions."""
