"""Orbit and environment summary of a design: moved to :mod:`thermo_orbit.system.summary`;
re-exported here."""

from .system.summary import OrbitEnvironmentSummary, orbit_environment_summary

__all__ = ["OrbitEnvironmentSummary", "orbit_environment_summary"]
