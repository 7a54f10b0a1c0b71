"""Plots of a sweep's results: the Pareto front over two objectives and a tornado chart of
one output against each axis (PNG, written atomically)."""

from __future__ import annotations

import io
import math
from pathlib import Path

import numpy as np

from .._io import atomic_write_bytes
from ..batch import OUTPUTS
from ..errors import InputError
from .analysis import pareto_front, tornado_data
from .spec import parse_sweep_spec
from .store import read_manifest, read_results

__all__ = ["plot_pareto", "plot_tornado", "save_figure"]


def _plot_label(name: str, unit: str) -> str:
    return f"{name} [{unit}]" if unit else name


def plot_pareto(directory: str | Path, objectives, path: str | Path, front=None, max_points: int = 20_000) -> Path:
    """Scatter of the feasible designs (an even sample of at most ``max_points``) over the
    first two objectives with the Pareto front drawn (``front``, default: computed over
    the first two objectives); PNG written atomically."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import pyarrow.compute as pc

    directory = Path(directory)
    m = read_manifest(directory)
    units = m["units"]
    a, b = (o.lstrip("-") for o in objectives[:2])
    kept = max(sum(s["feasible"] for s in m["stats"].values()), 1)
    stride = max(1, math.ceil(kept / max_points))
    xs, ys = [], []
    for table in read_results(directory, ["feasible", a, b]):
        table = table.filter(pc.fill_null(table.column("feasible"), False))
        xs.append(table.column(a).to_numpy(zero_copy_only=False)[::stride])
        ys.append(table.column(b).to_numpy(zero_copy_only=False)[::stride])
    front = front if front is not None else pareto_front(directory, objectives[:2])
    fig, ax = plt.subplots(figsize=(7, 5), dpi=100)
    if xs:
        ax.scatter(np.concatenate(xs), np.concatenate(ys), s=4, c="0.7", label="feasible designs", rasterized=True)
    if front is not None:
        ax.plot(front.column(a).to_numpy(), front.column(b).to_numpy(), "o-", color="C3", ms=4,
                label=f"Pareto front ({front.num_rows})")
    ax.set_xlabel(_plot_label(a, units.get(a, "")))
    ax.set_ylabel(_plot_label(b, units.get(b, "")))
    ax.set_title(f"{m['name']}: Pareto front")
    ax.grid(alpha=0.3)
    ax.legend()
    return save_figure(fig, path)


def save_figure(fig, path) -> Path:
    """Write a matplotlib figure as PNG, atomically, and close it."""
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return atomic_write_bytes(path, buf.getvalue())


def plot_tornado(directory: str | Path, path: str | Path, output: str = "mass.total") -> Path:
    """Tornado chart of ``output`` against each axis (one at a time from the base design)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    directory = Path(directory)
    m = read_manifest(directory)
    spec = parse_sweep_spec(m["spec"], m["source"], base_table=m["base_design"])
    if not spec.axes:
        raise InputError("axis", None, "at least one axis for a tornado chart")
    data = tornado_data(spec, output)
    base = data[0][3]
    if not np.isfinite(base):
        raise InputError("sweep.base", m["name"], "a feasible base design for a tornado chart",
                         "tornado chart: the base design is infeasible, so no swing from it is shown")
    unit = OUTPUTS[output]
    fig, ax = plt.subplots(figsize=(8, 0.6 * len(data) + 1.5), dpi=100)
    for i, (_, lo_l, hi_l, _, lo, hi) in enumerate(reversed(data)):
        for val, lab, color in ((lo, lo_l, "C0"), (hi, hi_l, "C3")):
            if np.isfinite(val):
                ax.barh(i, val - base, left=base, color=color, alpha=0.8)
                ax.text(val, i, f" {lab} ", va="center", ha="left" if val >= base else "right", fontsize=8)
            else:
                what = "left out" if lab.endswith("(infeasible)") else "no value"
                ax.text(base, i, f" {lab}: {what} ", va="center", fontsize=8, color="C3")
    ax.set_yticks(range(len(data)), [d[0] for d in reversed(data)])
    ax.axvline(base, color="k", lw=1)
    ax.set_xlabel(_plot_label(output, unit) + f" (base design {base:,.0f})")
    ax.set_title(f"{m['name']}\n{output}, each axis alone from the base design", fontsize=10)
    return save_figure(fig, path)

