"""A sweep's Pareto front: a table and a plot; enter on a row opens it as a new design."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Static

from . import api
from .formatting import format_number
from .messages import PickSweepRow, SweepLoaded
from .plots import FrontPlot
from .results_pane import Table

__all__ = ["SweepView"]


class SweepView(Vertical):
    """The front of the sweep in ``directory`` (read in a worker)."""

    def __init__(self, directory: Path, **kwargs) -> None:
        super().__init__(**kwargs)
        self.directory = Path(directory)
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
        head.update(Text(f"{s.name}: {s.designs:,} designs, {s.feasible:,} feasible, {len(data.rows)} on the "
                         f"Pareto front of {', '.join(data.objectives)} ({s.chunks_done}/{s.chunks_total} chunks). "
                         "Enter opens the row as a new design."))
        objectives = [o.lstrip("-") for o in data.objectives]
        self.columns = ["design_id"] + objectives + [a for a in data.axes if a not in objectives]
        table = self.query_one("#front", DataTable)
        table.clear(columns=True)
        for col in self.columns:
            unit = data.units.get(col, "")
            table.add_column(f"{col} [{unit}]" if unit else col, key=col)
        for i, row in enumerate(data.rows):
            cells = []
            for col in self.columns:
                value = row.get(col)
                text = str(value) if isinstance(value, (str, int)) else format_number(value)
                cells.append(Text(text, justify="left" if isinstance(value, str) else "right"))
            table.add_row(*cells, key=str(i))
        self._plot(0)

    def _plot(self, mark: int | None) -> None:
        data = self.data
        if data is None:
            return
        objectives = [o.lstrip("-") for o in data.objectives]
        x = [float(r[objectives[0]]) for r in data.rows] if objectives else []
        if len(objectives) > 1:
            y = [float(r[objectives[1]]) for r in data.rows]
            ylabel = objectives[1]
        else:
            y, ylabel = [float(r["design_id"]) for r in data.rows], "design_id"
        self.query_one(FrontPlot).show(x, y, (objectives[0] if objectives else "", ylabel), mark)

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
