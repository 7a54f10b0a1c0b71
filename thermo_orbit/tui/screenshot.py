"""The README's picture of the terminal UI, made by the app itself:
``python -m thermo_orbit.tui.screenshot docs/tui.svg [WIDTH HEIGHT]`` opens the default
example design at that size (default 120x40), waits for the sizing and the plots, and
saves an SVG screenshot."""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

from textual.worker import WorkerState

from . import api
from .app import ThermoOrbitApp

__all__ = ["screenshot", "main"]


async def screenshot(path: Path, size: tuple[int, int] = (120, 40)) -> Path:
    """Save an SVG of the app on the default example at ``size`` (columns, rows)."""
    with tempfile.TemporaryDirectory() as state:  # no recovery offer, no saved preference
        app = ThermoOrbitApp([api.examples_dir() / "default.toml"], state=state, offer_recovery=False)
        async with app.run_test(size=size) as pilot:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and (
                    any(v.busy for v in app.design_views())
                    or any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers)):
                await pilot.pause(0.05)
            await pilot.pause(0.2)
            app.clear_notifications()
            await pilot.pause()
            path = Path(path)
            app.save_screenshot(filename=path.name, path=str(path.parent or "."))
    return path


def main(argv: list[str] | None = None) -> int:
    """Command line: PATH [WIDTH HEIGHT]."""
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        print(__doc__)
        return 2
    size = (int(argv[1]), int(argv[2])) if len(argv) >= 3 else (120, 40)
    print(asyncio.run(screenshot(Path(argv[0]), size)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
