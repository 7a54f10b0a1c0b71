"""The validation report's figures: computed against published values per family
(``parity.png``) and each liquid metal's properties against temperature with the handbook
points (``coolant-<material>.png``); PNG, 100 dpi, written atomically."""

from __future__ import annotations

import io
import math
from pathlib import Path

import numpy as np

from .._io import atomic_write_bytes
from ..format import COOLANT_PROPERTIES
from ..units import Q_, parse_quantity
from .runner import FAMILIES, CaseResult, comparable

__all__ = ["validation_plots", "plot_files", "coolant_materials"]



def _save(fig, path: Path) -> Path:
    """The figure as PNG at ``path``, written atomically, without the software tag (stable bytes)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, metadata={"Software": None}, pil_kwargs={"optimize": True})
    return atomic_write_bytes(path, buf.getvalue())


def _parity_figure(results: list[CaseResult]):
    from matplotlib.figure import Figure
    from matplotlib.ticker import LogLocator, NullFormatter

    families = [f for f in FAMILIES if any(r.family == f for r in results)]
    ncols = 3
    nrows = max(1, math.ceil(len(families) / ncols))
    fig = Figure(figsize=(9.6, 3.0 * nrows))
    axes = fig.subplots(nrows, ncols, squeeze=False)
    for ax in axes.ravel()[len(families):]:
        ax.set_visible(False)
    for ax, fam in zip(axes.ravel(), families):
        rs = [r for r in results if r.family == fam and r.computed is not None]
        x = np.array([comparable(r.published).magnitude for r in rs], dtype=float)
        y = np.array([r.computed.to(comparable(r.published).units).magnitude for r in rs], dtype=float)
        ok = np.array([r.passed for r in rs], dtype=bool)
        log = x.size > 0 and np.all(x > 0) and np.all(y > 0)
        if x.size:
            lo, hi = min(x.min(), y.min()), max(x.max(), y.max())
            if log:  # whole decades, so every panel has labelled ticks
                lo, hi = 10.0 ** math.floor(math.log10(lo / 1.5)), 10.0 ** math.ceil(math.log10(hi * 1.5))
            else:
                pad = 0.1 * (hi - lo or abs(hi) or 1.0)
                lo, hi = lo - pad, hi + pad
            ax.plot([lo, hi], [lo, hi], color="0.6", lw=1, zorder=1)
            ax.scatter(x[ok], y[ok], s=14, color="tab:blue", zorder=2, label="pass")
            if np.any(~ok):
                ax.scatter(x[~ok], y[~ok], s=22, color="tab:red", marker="x", zorder=3, label="fail")
            ax.set_xlim(lo, hi)
            ax.set_ylim(lo, hi)
        if log:
            ax.set_xscale("log")
            ax.set_yscale("log")
            for axis in (ax.xaxis, ax.yaxis):
                axis.set_major_locator(LogLocator(numticks=6))
                axis.set_minor_formatter(NullFormatter())
        n_all = sum(r.family == fam for r in results)
        n_fail = sum(not r.passed for r in results if r.family == fam)
        ax.set_title(f"{fam}\n{n_all} case{'s' if n_all != 1 else ''}, {n_fail} fail", fontsize=9)
        ax.tick_params(labelsize=7)
        ax.set_xlabel("published", fontsize=8)
        ax.set_ylabel("thermo-orbit", fontsize=8)
    fig.suptitle("thermo-orbit against published values (each case in its own unit; line: equality)", fontsize=10)
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.06, top=0.9, wspace=0.38, hspace=0.55)
    return fig


def _coolant_figure(material: str, results: list[CaseResult]):
    import warnings

    from matplotlib.figure import Figure

    from ..errors import ExtrapolationWarning
    from ..materials import coolant

    c = coolant(material)
    fig = Figure(figsize=(9, 6.2))
    axes = fig.subplots(2, 2)
    points = [r for r in results if r.evaluator == "coolant_property" and r.options.get("material") == material]
    for ax, (prop, (label, unit, shown)) in zip(axes.ravel(), COOLANT_PROPERTIES.items()):
        model = c.properties.get(prop)
        if model is not None:
            lo, hi = model.range_K
            T = np.linspace(float(lo), float(hi), 200)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ExtrapolationWarning)
                v = model(Q_(T, "K")).to(unit).magnitude
            ax.plot(T, v, color="tab:blue", lw=1.5, label="thermo-orbit")
        mine = [r for r in points if r.options.get("property") == prop and "temperature" in r.inputs]
        for r in mine:
            T = parse_quantity(r.inputs["temperature"]).to("K").magnitude
            p = r.published.to(unit).magnitude
            err = abs(p) * r.tolerance.to("").magnitude if r.relative_tolerance else r.tolerance.to(unit).magnitude
            ax.errorbar([T], [p], yerr=[err], fmt="o" if r.passed else "x", ms=4, capsize=2,
                        color="tab:orange" if r.passed else "tab:red")
        if mine:
            ax.plot([], [], "o", color="tab:orange", ms=4, label="published (± tolerance)")
        for name, style in (("melting_point", ":"), ("boiling_point", "--")):
            value = getattr(c, name)
            if value is not None and (model is not None or mine):
                T = value.to("K").magnitude
                left, right = ax.get_xlim()
                if left <= T <= right:
                    ax.axvline(T, color="0.5", ls=style, lw=0.8)
        if model is None and not mine:
            ax.text(0.5, 0.5, "no cited data", ha="center", va="center", transform=ax.transAxes, color="0.4")
        ax.set_title(label, fontsize=9)
        ax.set_xlabel("temperature [K]", fontsize=8)
        ax.set_ylabel(shown, fontsize=8)
        ax.tick_params(labelsize=7)
        if model is not None or mine:
            ax.legend(fontsize=7, loc="best")
    fig.suptitle(f"{c.name}: model over its validity range and the handbook points "
                 "(dotted: melting point, dashed: boiling point)", fontsize=9)
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.08, top=0.9, wspace=0.25, hspace=0.42)
    return fig


def validation_plots(results: list[CaseResult], directory: str | Path) -> list[Path]:
    """Write the report's figures (PNG, 100 dpi) into ``directory`` (created if missing):
    ``parity.png``, one panel per family of computed against published values, and
    ``coolant-<material>.png``, each liquid-metal property against temperature from the model
    with the handbook points and their tolerances.  Returns the paths written."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = [_save(_parity_figure(results), directory / "parity.png")]
    for m in coolant_materials(results):
        written.append(_save(_coolant_figure(m, results), directory / f"coolant-{m}.png"))
    return written


def plot_files(results: list[CaseResult]) -> list[str]:
    """File names :func:`validation_plots` writes for these results, in order."""
    names = ["parity.png"]
    names += [f"coolant-{m}.png" for m in coolant_materials(results)]
    return names


def coolant_materials(results: list[CaseResult]) -> list[str]:
    """The coolants whose properties the results compare at a temperature, in order of
    appearance: each has a figure ``coolant-<material>.png``."""
    out: list[str] = []
    for r in results:
        if r.evaluator == "coolant_property" and "temperature" in r.inputs:
            m = r.options.get("material")
            if m and m not in out:
                out.append(m)
    return out
