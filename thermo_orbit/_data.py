"""Where the shipped data files live: ``materials/`` and ``designs/`` of the source tree,
installed as ``thermo_orbit/_materials`` and ``thermo_orbit/_designs``."""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = ["materials_dir", "designs_dir", "read_toml"]


def _package_dir(installed_name: str, source_name: str) -> Path:
    """``thermo_orbit/<installed_name>`` in an installed wheel, else ``<source_name>`` of the source tree."""
    here = Path(__file__).resolve().parent
    installed = here / installed_name
    return installed if installed.is_dir() else here.parent / source_name


def materials_dir() -> Path:
    """Folder of the material and technology data files."""
    return _package_dir("_materials", "materials")


def designs_dir() -> Path:
    """Folder of the example designs."""
    return _package_dir("_designs", "designs")


@cache
def read_toml(path: Path) -> dict:
    """Parse a TOML file once (cached by path), with the one reader of
    :func:`thermo_orbit._io.read_toml`."""
    from ._io import read_toml as _read

    return _read(path, "data file")
