"""Fixtures shared by the test modules: the default example design and its steady sizing."""

from __future__ import annotations

from pathlib import Path

import pytest

from thermo_orbit import size
from thermo_orbit.design import load_design

DESIGNS = Path(__file__).resolve().parent.parent / "designs"


@pytest.fixture(scope="module")
def default():
    """designs/default.toml."""
    return load_design(DESIGNS / "default.toml")


@pytest.fixture(scope="module")
def default_result(default):
    """The steady sizing of ``default``."""
    return size(default)
