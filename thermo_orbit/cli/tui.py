"""``thermo-orbit tui``: the interactive terminal UI (:mod:`thermo_orbit.tui`, imported
only here, so the other commands never load Textual)."""

from __future__ import annotations

import argparse

__all__ = ["cmd_tui"]


def cmd_tui(args: argparse.Namespace) -> int:
    """``thermo-orbit tui [DESIGN|SWEEP ...]``: each file or sweep folder in a tab (default:
    designs/default.toml).  A missing or unreadable file is reported before the screen opens."""
    from ..design import default_design_path
    from ..tui import run_app

    designs = args.design if isinstance(args.design, list) else [args.design] if args.design else []
    return run_app(designs or [default_design_path()])
