"""Docs that cannot go stale: the README's Python snippets run, and the numbers they quote
in comments are what the code gives; the command-line excerpts in README.md, docs/cli.md
and docs/sweeps.md are what a run prints today (docs/figures.py computes them; run
``python docs/figures.py --write`` after a change that moves a number)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _figures():
    spec = importlib.util.spec_from_file_location("docs_figures", ROOT / "docs" / "figures.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


FIGURES = _figures()


def _python_blocks(page: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", (ROOT / page).read_text(encoding="utf-8"), re.S)


_QUOTED = re.compile(r"^(?P<code>[^#]+?)\s+#\s*(?P<value>-?[\d,]*\.?\d+(?:e-?\d+)?)\s*(?P<unit>[^\s,;]*)")


def _check_quoted(code: str, value: str, unit: str, ns: dict) -> None:
    """``expr  # 157.6 m²``: the expression equals the number to the digits shown."""
    from thermo_orbit.units import Q_

    got = eval(code, ns)
    shown = float(value.replace(",", ""))
    decimals = len(value.split(".")[1]) if "." in value else 0
    if hasattr(got, "units"):
        got = got.to(Q_(1, unit).units if unit else "").magnitude
    assert abs(float(got) - shown) <= 0.5 * 10 ** -decimals + 1e-12, f"{code.strip()}: {got} shown as {value} {unit}"


@pytest.mark.parametrize("i", range(len(_python_blocks("README.md"))))
def test_readme_python_snippet_runs_alone_and_its_quoted_numbers_hold(i, monkeypatch):
    monkeypatch.chdir(ROOT)
    block = _python_blocks("README.md")[i]
    ns: dict = {}
    exec(compile(block, f"README.md python block {i + 1}", "exec"), ns)
    checked = 0
    for line in block.splitlines():
        m = _QUOTED.match(line)
        tuple_quote = re.match(r"^(?P<code>[^#]+?)\s+#\s*(?P<repr>\(.*\))\s*$", line)
        if m:
            _check_quoted(m.group("code"), m.group("value"), m.group("unit"), ns)
            checked += 1
        elif tuple_quote:
            assert repr(eval(tuple_quote.group("code"), ns)) == tuple_quote.group("repr")
            checked += 1
    if i == 0:
        assert checked == 3  # area, (feasible, binding), area in ft²


def test_readme_blocks_exist():
    assert len(_python_blocks("README.md")) >= 2


@pytest.mark.parametrize("name", sorted(FIGURES.FIGURES))
def test_quoted_cli_excerpt_is_what_a_run_prints(name):
    page, make = FIGURES.FIGURES[name]
    held = FIGURES.blocks(page)
    assert name in held, f"{page}: no <!-- figures: {name} --> block"
    assert held[name] == make(), f"{page} is stale: run `.venv/bin/python docs/figures.py --write`"


def test_docs_state_no_count_of_validation_cases():
    # the count changes with every case added; docs/validation.md, generated, states it
    for page in ("README.md", "docs/index.md", "docs/validation.md"):
        text = (ROOT / page).read_text(encoding="utf-8")
        if page == "docs/validation.md":
            from thermo_orbit.validation import load_cases

            n = len(load_cases())
            assert f"{n} of {n} cases pass" in text
            continue
        assert not re.search(r"\b\d+ (published )?(reference |validation )?cases\b", text), page
