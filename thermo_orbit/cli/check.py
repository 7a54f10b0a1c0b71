"""``thermo-orbit check``: read and validate a design file, say how many fields take their
defaults (a bad file is exit 2 with every problem named, as for every command)."""

from __future__ import annotations

import argparse

from ..format import printable

__all__ = ["cmd_check"]


def cmd_check(args: argparse.Namespace) -> int:
    """``thermo-orbit check DESIGN``: 0 when the file is valid."""
    from ..design import load_design

    design = load_design(args.design)
    print(f"{printable(args.design)}: valid ({printable(design.name)}); {len(design.defaults_used)} fields take "
          "their defaults")
    return 0
