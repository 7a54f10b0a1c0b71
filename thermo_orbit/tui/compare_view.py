"""The compare view: any number of pinned designs as columns, the inputs that differ and
every result, the cells that differ from the first column highlighted."""

from __future__ import annotations

from typing import Any

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from .display_units import DisplayPrefs, display_unit, unit_text
from .formatting import format_number, format_value
from .results_model import Pin, compare_rows, label_of, same_value
from .results_pane import Table, is_margin, sign_style, theme_color

__all__ = ["CompareView", "compare_cells"]


def _cell(value: Any, unit: Any) -> str:
    if hasattr(value, "units"):
        magnitude = value.to(unit).magnitude if unit is not None else value.magnitude
        if getattr(magnitude, "ndim", 0) == 1:
            return " to ".join(format_number(float(m)) for m in magnitude)
        return format_number(float(magnitude))
    return "—" if value is None else format_value(value)


def compare_cells(values: list[Any], path: str, prefs: DisplayPrefs) -> tuple[list[str], str]:
    """Cell texts of one row in one display unit, and that unit's text."""
    first = next((v for v in values if hasattr(v, "units")), None)
    unit = display_unit(first, path, prefs) if first is not None else None
    texts = []
    for v in values:
        try:
            texts.append(_cell(v, unit))
        except Exception:  # noqa: BLE001 - a value in another dimension than the first column's
            texts.append(_cell(v, None) + f" {unit_text(v.units)}" if hasattr(v, "units") else str(v))
    shown_unit = unit_text(first.to(unit).units) if first is not None else ""
    return texts, shown_unit


class CompareView(Vertical):
    """Pinned designs side by side."""

    BINDINGS = [Binding("d", "differences", "differences only"),
                Binding("delete,backspace", "unpin", "unpin column"),
                Binding("x", "clear", "unpin all", show=False)]

    def __init__(self, pins: list[Pin], prefs: DisplayPrefs, **kwargs) -> None:
        super().__init__(**kwargs)
        self.pins = pins  # the app's list: pinning elsewhere shows here
        self.prefs = prefs
        self.only_differences = False

    def compose(self) -> ComposeResult:
        """A head line and the table."""
        yield Static("", id="compare-head")
        yield Table(id="compare-table", cursor_type="cell", zebra_stripes=True)

    def on_mount(self) -> None:
        """Fill the table."""
        self.render_pins()

    @property
    def table(self) -> DataTable:
        """The comparison table."""
        return self.query_one("#compare-table", DataTable)

    def set_prefs(self, prefs: DisplayPrefs) -> None:
        """Show in the new display units."""
        self.prefs = prefs
        self.render_pins()

    def render_pins(self) -> None:
        """Fill the table from the pinned designs."""
        table = self.table
        table.clear(columns=True)
        n = len(self.pins)
        head = (f"{n} pinned design{'s' if n != 1 else ''}; cells that differ from the first column are "
                "highlighted.  F3 pins the current design;  d: only differences "
                f"({'on' if self.only_differences else 'off'});  delete: unpin the column")
        self.query_one("#compare-head", Static).update(Text(head))
        if not self.pins:
            table.add_column("nothing pinned yet: open a design and press F3")
            return
        table.add_column("quantity", key="quantity")
        table.add_column("unit", key="unit")
        for i, pin in enumerate(self.pins):
            table.add_column(Text(pin.label), key=f"pin-{i}", width=max(12, min(24, len(pin.label))))
        ok = Style(color=theme_color(self.app, "success"), bold=True)
        bad = Style(color=theme_color(self.app, "error"), bold=True)
        hot = Style(color=theme_color(self.app, "warning"), bold=True)
        heading = Style(bold=True, color=theme_color(self.app, "accent"))
        table.add_row(Text("verdict", style="bold"), "",
                      *[Text("FEASIBLE", style=ok) if p.result.feasible else Text("INFEASIBLE", style=bad)
                        for p in self.pins], key="verdict")
        table.add_row(Text("binding", style="bold"), "", *[Text(label_of(p.result.binding_constraint or ""))
                                                          for p in self.pins], key="binding")
        section = None
        for row in compare_rows(self.pins):
            if self.only_differences and not row.differs:
                continue
            heading_text = "inputs that differ" if row.kind == "input" else label_of(row.path.split(".")[0])
            if heading_text != section:
                section = heading_text
                table.add_row(Text(section, style=heading), "", *[""] * n)
            texts, unit = compare_cells(row.values, row.path, self.prefs)
            label = Text("  " + label_of(row.path.split(".", 1)[-1]), style="bold" if row.differs else "")
            cells = []
            for i, (text, value) in enumerate(zip(texts, row.values)):
                style = ""
                if row.kind == "result" and is_margin(row.path, value):
                    style = {"success": ok, "error": bad}.get(sign_style(value), "")
                elif i > 0 and not same_value(row.values[0], value):
                    style = hot
                cells.append(Text(text, style=style, justify="right"))
            table.add_row(label, Text(unit), *cells, key=f"{row.kind}:{row.path}")

    def action_differences(self) -> None:
        """Show only the rows that differ (or every row)."""
        self.only_differences = not self.only_differences
        self.render_pins()

    def action_unpin(self) -> None:
        """Unpin the design of the column under the cursor."""
        column = self.table.cursor_column - 2
        if 0 <= column < len(self.pins):
            del self.pins[column]
            self.render_pins()

    def action_clear(self) -> None:
        """Unpin every design."""
        self.pins.clear()
        self.render_pins()
