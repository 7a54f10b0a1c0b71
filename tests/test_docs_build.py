"""The user guide builds with ``mkdocs build --strict`` (warnings are errors), into a
temporary folder: broken links, missing pages, pages left out of the nav and docstrings
griffe cannot parse all fail here."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_guide_builds_strict(tmp_path):
    pytest.importorskip("mkdocs")
    pytest.importorskip("mkdocstrings")
    pytest.importorskip("mkdocstrings_handlers.python")
    site = tmp_path / "site"
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for page in ("index.html", "installation.html", "design-fields.html", "margins.html", "references.html",
                 "sweeps.html", "physics/orbit.html", "physics/transient.html", "api/radiator.html"):
        assert (site / page).is_file(), page
    api = (site / "api" / "radiator.html").read_text()
    assert 'id="thermo_orbit.thermal.radiator.radiator_area"' in api  # generated from the docstrings
    assert ".. math::" not in api and ":func:`" not in api  # reST rewritten for Markdown
    assert "site/" in (ROOT / ".gitignore").read_text().split()  # the default output is never committed
    assert not (site / "griffe_rst.py").exists()  # the build's own extension is not published


def test_rst_to_markdown():
    spec = importlib.util.spec_from_file_location("griffe_rst", ROOT / "docs" / "griffe_rst.py")
    if importlib.util.find_spec("griffe") is None:
        pytest.skip("griffe is not installed")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    text = "Area.\n\n.. math:: A = Q / (\\sigma T^4)\n          + 1\n\nSee :func:`radiator_area` and ``sides``."
    assert mod.rst_to_markdown(text) == ("Area.\n\n```text\nA = Q / (\\sigma T^4)\n+ 1\n```\n\n"
                                         "See `radiator_area` and `sides`.")
    # a doctest after a Returns section gets its own Examples section
    doc = "Area.\n\nReturns\n-------\nQuantity\n    [m²].\n\n>>> area(``x``)\n1.0"
    assert mod.rst_to_markdown(doc).endswith("    [m²].\n\nExamples\n--------\n>>> area(``x``)\n1.0")
    assert mod.rst_to_markdown("Examples\n--------\n>>> 1\n1") == "Examples\n--------\n>>> 1\n1"
