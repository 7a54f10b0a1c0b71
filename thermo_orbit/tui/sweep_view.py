"""A sweep's Pareto front: a table and a plot; enter on a row opens it as a new design."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Static

from . import api
from .display_units import DisplayPrefs, to_display
from .formatting import format_number, format_value
from .messages import PickSweepRow, SweepLoaded
from .plots import FrontPlot
from .results_pane import Table

__all__ = ["SweepView"]


class SweepView(Vertical):
    """The front of the sweep in ``directory`` (read in a worker)."""

    def __init__(self, directory: Path, prefs: DisplayPrefs | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.directory = Path(directory)
        self.prefs = prefs or DisplayPrefs()
        self.data: api.SweepData | None = None
        self.columns: list[str] = []

    def compose(self) -> ComposeResult:
        """Head line, the front as a table and as a plot."""
        yield Static(Text(f"reading {self.directory} ..."), id="sweep-head")
        with Horizontal(id="sweep-body"):
            yield Table(id="front", cursor_type="row", zebra_stripes=True)
            yield FrontPlot(id="front-plot")

    def on_mount(self) -> None:
        """Read the sweep in a worker."""
        self._load(self.directory)

    @work(thread=True, exclusive=True, group="sweep", exit_on_error=False)
    def _load(self, directory: Path) -> None:
        try:
            self.post_message(SweepLoaded(api.load_sweep(directory)))
        except Exception as err:  # noqa: BLE001 - an unreadable sweep is a message, not a crash
            self.post_message(SweepLoaded(error=f"{directory}: {err}"))

    @on(SweepLoaded)
    def _loaded(self, message: SweepLoaded) -> None:
        message.stop()
        head = self.query_one("#sweep-head", Static)
        if message.data is None:
            head.update(Text(message.error, style="bold red"))
            return
        self.data = data = message.data
        s = data.summary
        head.update(Text(f"{s.name}: {format_value(s.designs)} designs, {format_value(s.feasible)} feasible, "
                         f"{len(data.rows)} on the Pareto front of {', '.join(data.objectives)} "
                         f"({s.chunks_done}/{s.chunks_total} chunks).  Enter opens the row as a new design."))
        objectives = [o.lstrip("-") for o in data.objectives]
        self.columns = ["design_id"] + objectives + [a for a in data.axes if a not in objectives]
        self.render_front()

    def set_prefs(self, prefs: DisplayPrefs) -> None:
        """Show in the new display units."""
        self.prefs = prefs
        self.render_front()

    def column(self, name: str) -> tuple[list[Any], str]:
        """A column's values in the display units, and the unit's text."""
        data = self.data
        values = [row.get(name) for row in data.rows]
        unit = data.units.get(name, "")
        numeric = values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)
        if unit and numeric:
            magnitudes, text = to_display(api.quantity(values, unit), name, self.prefs)
            return [float(m) for m in magnitudes], text
        return values, unit

    def render_front(self) -> None:
        """Fill the table and the plot from the front."""
        if self.data is None:
            return
        table = self.query_one("#front", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        columns = [self.column(c) for c in self.columns]
        for name, (_values, unit) in zip(self.columns, columns):
            table.add_column(Text(f"{name} [{unit}]" if unit else name), key=name)  # Text: "[kg]" is no markup
        for i in range(len(self.data.rows)):
            cells = []
            for values, _unit in columns:
                value = values[i]
                text = str(value) if isinstance(value, (str, int)) else format_number(value)
                cells.append(Text(text, justify="left" if isinstance(value, str) else "right"))
            table.add_row(*cells, key=str(i))
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1), animate=False)
        self._plot(table.cursor_row)

    def _plot(self, mark: int | None) -> None:
        objectives = [o.lstrip("-") for o in self.data.objectives] if self.data is not None else []
        if not objectives:
            return
        x, xunit = self.column(objectives[0])
        if len(objectives) > 1:
            y, yunit = self.column(objectives[1])
            ylabel = f"{objectives[1]} [{yunit}]" if yunit else objectives[1]
        else:
            y, ylabel = self.column("design_id")[0], "design_id"
        xlabel = f"{objectives[0]} [{xunit}]" if xunit else objectives[0]
        self.query_one(FrontPlot).show([float(v) for v in x], [float(v) for v in y], (xlabel, ylabel), mark)

    @on(DataTable.RowHighlighted, "#front")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._plot(event.cursor_row)

    @on(DataTable.RowSelected, "#front")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.pick(event.cursor_row)

    def pick(self, index: int) -> None:
        """Open row ``index`` of the front as a new design (the app opens the tab)."""
        if self.data is not None and 0 <= index < len(self.data.rows):
            self.post_message(PickSweepRow(api.sweep_row_table(self.data, self.data.rows[index])))
