"""Where the shipped data files live: ``materials/`` and ``designs/`` of the source tree,
installed as ``thermo_orbit/_materials`` and ``thermo_orbit/_designs``."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["materials_dir", "designs_dir", "read_toml"]


def _package_dir(package: str, source_name: str) -> Path:
    try:
        path = Path(str(resources.files(package)))
        if path.is_dir():
            return path
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parent.parent / source_name


def materials_dir() -> Path:
    """Folder of the material and technology data files."""
    return _package_dir("thermo_orbit._materials", "materials")


def designs_dir() -> Path:
    """Folder of the example designs."""
    return _package_dir("thermo_orbit._designs", "designs")


@lru_cache(maxsize=None)
def read_toml(path: Path) -> dict:
    """Parse a TOML file once (cached by path)."""
    with open(path, "rb") as f:
        return tomllib.load(f)
