"""Terminal UI (Textual).  Imported only by ``thermo-orbit tui``: ``import thermo_orbit``
does not import Textual, and neither do the UI's own model modules (``state``,
``results_model``, ``recovery``, ``display_units``, ``formatting``, ``api``): the app is
loaded on first use of :class:`ThermoOrbitApp` or :func:`run_app`."""

from __future__ import annotations

__all__ = ["ThermoOrbitApp", "run_app"]


def __getattr__(name: str):
    if name in __all__:
        from . import app

        return getattr(app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
