"""Terminal UI (Textual).  Imported only by ``thermo-orbit tui``: ``import thermo_orbit``
does not import Textual."""

from .app import ThermoOrbitApp, run_app

__all__ = ["ThermoOrbitApp", "run_app"]
