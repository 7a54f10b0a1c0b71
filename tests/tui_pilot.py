"""Helpers for driving the terminal UI with Textual's Pilot (used by tests/test_tui*.py)."""

from __future__ import annotations

import time
from pathlib import Path

from textual.worker import WorkerState

from thermo_orbit.tui import ThermoOrbitApp
from thermo_orbit.tui.design_view import DesignView

DESIGNS = Path(__file__).resolve().parent.parent / "designs"
DEFAULT = DESIGNS / "default.toml"
SIZES = {"80x24": (80, 24), "120x40": (120, 40), "200x60": (200, 60)}


def make_app(paths, state: Path, **kwargs) -> ThermoOrbitApp:
    """An app with its recovery files and settings in ``state`` (never the user's); the
    typing debounce shortened, as a test types no slower than it settles."""
    DesignView.DEBOUNCE = 0.05
    return ThermoOrbitApp(paths, state=state, **kwargs)


def _busy(app) -> bool:
    if any(v.busy for v in app.design_views()):
        return True
    return any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers)


async def settle(pilot, timeout: float = 30.0) -> None:
    """Wait until no edit waits for its sizing and every worker has finished and reported."""
    app = pilot.app
    deadline = time.monotonic() + timeout
    await pilot.pause(0.03)
    quiet = 0
    while time.monotonic() < deadline and quiet < 2:  # twice idle in a row: the last messages handled
        quiet = 0 if _busy(app) else quiet + 1
        await pilot.pause(0.03)
    await pilot.pause()


def editor(app, path: str):
    """The editing widget of ``path`` in the current design."""
    return app.view.form.row(path).editor


async def type_into(pilot, path: str, text: str, keys: bool = False) -> None:
    """Focus ``path`` (opening its section) and replace its text with ``text``: pasted
    (``keys``: typed key by key, slower)."""
    view = pilot.app.view
    view.focus_field(path)
    await pilot.pause()
    widget = editor(pilot.app, path)
    assert widget.has_focus
    if keys:
        widget.select_all()
        await pilot.press(*[{" ": "space"}.get(c, c) for c in text] if text else ["backspace"])
    else:
        widget.value = text
        await pilot.pause()
