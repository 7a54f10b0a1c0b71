"""The command-line excerpts quoted in the docs, computed, so they cannot go stale.

Each excerpt sits in its page between ``<!-- figures: NAME -->`` and ``<!-- /figures -->``
(the fenced block in between is the excerpt).  ``tests/test_docs_figures.py`` checks that
every page holds what a run gives today; when a change of the model moves a number, run

    .venv/bin/python docs/figures.py --write

from the project folder and commit the pages it rewrites.  ``python docs/figures.py``
alone prints the excerpts.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_MARK = re.compile(r"(<!-- figures: (?P<name>[\w-]+) -->\n```(?P<lang>\w*)\n)(?P<body>.*?)(```\n<!-- /figures -->)",
                   re.S)


def _cli_output(argv: list[str]) -> str:
    """What ``thermo-orbit ARGV`` prints from the project folder, 100 columns wide."""
    from thermo_orbit.cli import main

    buf = io.StringIO()
    old_cwd, old_columns = os.getcwd(), os.environ.get("COLUMNS")
    os.chdir(ROOT)
    os.environ["COLUMNS"] = "100"
    try:
        with contextlib.redirect_stdout(buf):
            main(argv)
    finally:
        os.chdir(old_cwd)
        if old_columns is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = old_columns
    return buf.getvalue()


def size_excerpt(design: str, rows: dict[str, list[str] | None], reasons: bool = False) -> str:
    """The headline of ``thermo-orbit size DESIGN`` and, for each table title in ``rows``,
    the title and the rows with those labels (``None``: every line of that section)."""
    out = _cli_output(["size", design]).splitlines()
    keep = [out[0]]
    if reasons:  # the reasons of an infeasible design, under the headline
        keep += out[1:next(i for i, ln in enumerate(out[1:], 1) if not ln.startswith("  - "))]
    section = None
    for line in out[1:]:
        if line and not line.startswith(("│", "┌", "└", "├", " ")):
            section = line if line in rows else None
            if section is not None:
                keep.append(line)
            continue
        if section is None:
            continue
        wanted = rows[section]
        cells = [c.strip() for c in line.split("│")]
        if (wanted is None and not line.startswith(("┌", "└", "├"))) or (len(cells) > 2 and cells[1] in (wanted or ())):
            keep.append(line)
    return "\n".join(keep) + "\n"


def loop_trade_excerpt() -> str:
    """What ``thermo-orbit sweep designs/sweeps/loop_trade.toml --out loop-trade`` prints,
    condensed: the counts, the binding constraints tallied, the front's size, the best
    design and the files."""
    from thermo_orbit.sweep import pareto_front, run_sweep
    from thermo_orbit.sweep_spec import load_sweep_spec

    spec = load_sweep_spec(ROOT / "designs" / "sweeps" / "loop_trade.toml")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "loop-trade"
        s = run_sweep(spec, out, finish=False)
        front = pareto_front(out)
    n = max(s.designs, 1)
    lines = ["$ thermo-orbit sweep designs/sweeps/loop_trade.toml --out loop-trade",
             f"{s.name}: {spec.n_designs:,} designs in {spec.n_chunks} chunks of {spec.chunk_size:,} -> loop-trade",
             f"{s.name}: {s.designs:,} designs (complete, ... designs/s); {s.feasible:,} feasible "
             f"({100 * s.feasible / n:.1f} %); {s.kept:,} rows kept in loop-trade",
             "binding constraints"]
    for name, count in sorted(s.binding.items(), key=lambda kv: -kv[1]):
        lines.append(f" {name:<26}{count:>6}  {100 * count / n:5.1f} %")
    lines += [f"Pareto front over {', '.join(spec.objectives)} ({front.num_rows} designs; first 10)", " ...",
              f"  best design: loop-trade/best/design-{front.column('design_id')[0].as_py()}.toml",
              "  plot: loop-trade/pareto.png", "  plot: loop-trade/tornado.png",
              "$ thermo-orbit pareto loop-trade --objectives mass.total,radiator.area"]
    return "\n".join(lines) + "\n"


#: name → (page, function giving the excerpt)
FIGURES = {
    "starship-size": ("README.md", lambda: size_excerpt("designs/starship_load.toml", {"Mass and launch": [
        "racks", "solar array", "battery", "radiator", "structure", "power conditioning", "thermal control",
        "growth allowance", "total", "per rack", "launches", "racks per launch"]})),
    "default-size": ("docs/cli.md", lambda: size_excerpt("designs/default.toml", {
        "Heat path (hot case) and freeze (cold case)": [
            "junction limit", "cold-plate wall", "coolant max = radiator inlet", "radiator outlet",
            "radiator sink, hot", "coolant min, cold case", "radiator area / mass as built"],
        "Margins": ["freeze", "radiator sink", "battery depth of discharge"], "Warnings:": None})),
    "sodium-size": ("docs/cli.md", lambda: size_excerpt("designs/sodium_infeasible.toml", {}, reasons=True)),
    "loop-trade": ("docs/sweeps.md", loop_trade_excerpt),
}


def blocks(page: str) -> dict[str, str]:
    """The excerpts a page holds now, by name."""
    return {m.group("name"): m.group("body") for m in _MARK.finditer((ROOT / page).read_text(encoding="utf-8"))}


def write(names=None) -> list[str]:
    """Recompute the excerpts (all, or ``names``) and write them into their pages; the
    pages changed."""
    changed = []
    for name, (page, make) in FIGURES.items():
        if names and name not in names:
            continue
        path = ROOT / page
        text = path.read_text(encoding="utf-8")
        body = make()
        new = _MARK.sub(lambda m, body=body, name=name: m.group(1) + body + m.group(5) if m.group("name") == name
                        else m.group(0), text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(page)
    return changed


if __name__ == "__main__":
    if "--write" in sys.argv:
        print("\n".join(write()) or "every excerpt is current")
    else:
        for name, (page, make) in FIGURES.items():
            print(f"--- {name} ({page})\n{make()}")
