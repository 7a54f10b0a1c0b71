"""The orbit and year plots (textual-plotext), drawn from the data the workers sent."""

from __future__ import annotations

from typing import Any

import numpy as np
from textual_plotext import PlotextPlot

from .display_units import DisplayPrefs, to_display
from .formatting import format_number

__all__ = ["OrbitPlot", "YearPlot", "FrontPlot"]


def _start(plot: PlotextPlot, title: str):
    plt = plot.plt
    plt.clear_data()
    plt.clear_figure()
    plt.title(title)
    return plt


class OrbitPlot(PlotextPlot):
    """Coolant temperatures (display unit) and state of charge over one orbit, eclipse
    between grey lines; the title says the verdict."""

    _shown: tuple = (None, DisplayPrefs(), "")

    def on_resize(self) -> None:
        """Draw again: the title is chosen to fit the width."""
        if self._shown[0] is not None:
            self.show(*self._shown)

    def show(self, sim: Any, prefs: DisplayPrefs, error: str = "") -> None:
        """Draw ``sim`` (or say why there is none); the title gives the coldest coolant,
        the lowest state of charge and the verdict."""
        self._shown = (sim, prefs, error)
        if sim is None:
            _start(self, f"orbit: {error or 'waiting for a valid design'}")
            self.refresh()
            return
        t = np.asarray(sim.time.to("min").magnitude, dtype=float).tolist()
        hot, unit = to_display(sim.coolant_max_temperature, "coolant_max_temperature", prefs)
        cold, _ = to_display(sim.coolant_min_temperature, "coolant_min_temperature", prefs)
        coldest, cunit = to_display(sim.extremes["coolant_min"], "coolant_min", prefs)
        soc_min = float(sim.extremes["state_of_charge_min"].to("").magnitude)
        verdict = "feasible" if sim.feasible else "INFEASIBLE"
        extremes = f"coolant ≥ {format_number(float(coldest))} {cunit}, charge ≥ {format_number(100 * soc_min)} %"
        titles = [f"one orbit, {sim.case} case: {extremes}; {verdict}", f"{sim.case} case: {extremes}; {verdict}",
                  f"{sim.case} case: {verdict}"]
        width = (self.size.width or 80) - 2
        plt = _start(self, next((t for t in titles if len(t) <= width), titles[-1]))  # plotext drops a longer one
        plt.plot(t, np.asarray(hot, dtype=float).tolist(), label=f"coolant max {unit}")
        plt.plot(t, np.asarray(cold, dtype=float).tolist(), label=f"coolant min {unit}")
        soc = (100 * np.asarray(sim.state_of_charge.to("").magnitude, dtype=float)).tolist()
        plt.plot(t, soc, label="charge %", yside="right")
        eclipse = np.flatnonzero(np.asarray(sim.eclipse))
        if eclipse.size:
            plt.vline(t[eclipse[0]], "gray")
            plt.vline(t[eclipse[-1]], "gray")
        plt.xlabel("min from orbit noon (eclipse between grey lines)")
        self.refresh()


class YearPlot(PlotextPlot):
    """Beta angle and eclipse duration over the first year."""

    def show(self, history: Any, error: str = "") -> None:
        """Draw the year (or say why there is none)."""
        if history is None:
            _start(self, f"year: {error or 'waiting for a valid design'}")
            self.refresh()
            return
        days = np.asarray(history.elapsed.to("day").magnitude, dtype=float).tolist()
        plt = _start(self, "beta angle and eclipse over the first year")
        plt.plot(days, np.asarray(history.beta.to("deg").magnitude, dtype=float).tolist(), label="beta deg")
        plt.plot(days, np.asarray(history.eclipse_duration.to("min").magnitude, dtype=float).tolist(),
                 label="eclipse min", yside="right")
        plt.xlabel("day")
        self.refresh()


class FrontPlot(PlotextPlot):
    """A sweep's Pareto front: the first objective against the second, the row under the
    cursor marked."""

    def show(self, x: list[float], y: list[float], labels: tuple[str, str], mark: int | None = None) -> None:
        """Draw the front; ``mark``: the index of the highlighted point."""
        plt = _start(self, "Pareto front")
        if x:
            plt.scatter(x, y, marker="dot")
            if mark is not None and 0 <= mark < len(x):
                plt.scatter([x[mark]], [y[mark]], marker="X", color="red")
        plt.xlabel(labels[0])
        plt.ylabel(labels[1])
        self.refresh()
