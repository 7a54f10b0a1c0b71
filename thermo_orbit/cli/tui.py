"""``thermo-orbit tui``: the interactive terminal UI (:mod:`thermo_orbit.tui`, imported
only here, so the other commands never load Textual)."""

from __future__ import annotations

import argparse
from pathlib import Path

__all__ = ["cmd_tui"]


def cmd_tui(args: argparse.Namespace) -> int:
    """``thermo-orbit tui [DESIGN]`` (default design: designs/default.toml)."""
    from ..design import default_design_path, load_design

    path = Path(args.design) if args.design else default_design_path()
    load_design(path)  # a bad file is reported here, before the screen opens
    from ..tui import run_app

    run_app(path)
    return 0
