"""The results of one design: the summary strip (always in sight: verdict, binding
constraint, key figures, margins) and the table of every result row."""

from __future__ import annotations

from typing import Any

from rich.style import Style
from rich.text import Text
from textual.content import Content
from textual.widgets import DataTable, Static

from .display_units import DisplayPrefs, to_display
from .formatting import format_number, format_signed, format_value
from .results_model import ResultRow, key_figures, label_of, lookup, margins_of, result_rows

__all__ = ["shown", "sign_style", "is_margin", "SummaryStrip", "Table", "ResultsTable", "theme_color", "figure"]


def shown(value: Any, path: str, prefs: DisplayPrefs, signed: bool = False) -> tuple[str, str]:
    """(number text, unit text) of a result value under the display preference."""
    if hasattr(value, "units"):
        magnitude, unit = to_display(value, path, prefs)
        fmt = format_signed if signed else format_number
        if getattr(magnitude, "ndim", 0) == 1:
            return " to ".join(fmt(float(m)) for m in magnitude), unit
        return fmt(float(magnitude)), unit
    if value is None:
        return "—", ""
    return format_value(value), ""


def _number(value: Any) -> float | None:
    try:
        return float(value.magnitude if hasattr(value, "units") else value)
    except (TypeError, ValueError):
        return None


def sign_style(value: Any) -> str:
    """"success" for a positive margin, "error" for a negative one, "warning" at zero."""
    x = _number(value)
    if x is None:
        return ""
    return "success" if x > 0 else ("error" if x < 0 else "warning")


def is_margin(path: str, value: Any = None) -> bool:
    """A row read as a constraint's margin (coloured by its sign): the result's margins,
    and temperatures named "..._margin" (not a sizing allowance such as power_margin)."""
    if path.startswith("margins."):
        return True
    return path.endswith("_margin") and hasattr(value, "units") and str(value.dimensionality) == "[temperature]"


def theme_color(app, name: str) -> str | None:
    """A colour of the app's theme ("success", "error", "warning", "accent")."""
    return app.theme_variables.get(name) if name else None


def _chips_to_lines(chips: list[Content], width: int) -> Content:
    """Pack chips on lines of ``width`` cells, separated by " · ", never splitting one."""
    lines: list[Content] = []
    line: Content | None = None
    sep = Content.from_markup("[dim] · [/]")
    for chip in chips:
        if line is None:
            line = chip
        elif line.cell_length + 3 + chip.cell_length <= width:
            line = line + sep + chip
        else:
            lines.append(line)
            line = chip
    if line is not None:
        lines.append(line)
    return Content("\n").join(lines)


class SummaryStrip(Static):
    """Verdict, binding constraint with its margin, key figures and margins, packed to
    the width so the essentials are in sight at 80 columns; marked stale with the reason
    while the inputs are invalid."""

    def __init__(self, **kwargs) -> None:
        super().__init__("", **kwargs)
        self.result = None
        self.stale_reason = ""
        self.prefs = DisplayPrefs()

    def show(self, result: Any, prefs: DisplayPrefs, stale_reason: str = "") -> None:
        """Show ``result`` (may be None) under ``prefs``; ``stale_reason``: why it is stale."""
        self.result, self.prefs, self.stale_reason = result, prefs, stale_reason
        self._render_strip()

    def on_resize(self) -> None:
        """Pack the chips again for the new width."""
        self._render_strip()

    def _chips(self) -> list[Content]:
        r, prefs = self.result, self.prefs
        chips = []
        if r.feasible:
            chips.append(Content.from_markup("[b reverse $success] FEASIBLE [/]"))
        else:
            chips.append(Content.from_markup("[b reverse $error] INFEASIBLE [/]"))
        binding = getattr(r, "binding_constraint", "") or ""
        margin = dict(margins_of(r)).get(binding)
        chip = Content.from_markup("binding [b]$name[/]", name=label_of(binding))
        if margin is not None:
            number, unit = shown(margin, f"margins.{binding}", prefs, signed=True)
            chip = chip + Content(" ") + Content.from_markup(f"[${sign_style(margin) or 'foreground'}]$v[/]",
                                                             v=f"{number} {unit}".strip())
        chips.append(chip)
        for label, path, value in key_figures(r):
            number, unit = shown(value, path, prefs)
            chips.append(Content.from_markup("$label [b]$v[/]", label=label, v=f"{number} {unit}".strip()))
        return chips

    def _margin_chips(self) -> list[Content]:
        chips = []
        for name, value in margins_of(self.result):
            number, unit = shown(value, f"margins.{name}", self.prefs, signed=True)
            chips.append(Content.from_markup(f"$name [${sign_style(value) or 'foreground'}]$v[/]",
                                             name=label_of(name), v=f"{number} {unit}".strip()))
        if chips:
            chips[0] = Content.from_markup("[dim]margins[/] ") + chips[0]
        return chips

    def _render_strip(self) -> None:
        width = max(20, self.content_region.width or self.app.size.width)
        parts: list[Content] = []
        if self.stale_reason:
            parts.append(Content.from_markup("[b reverse $warning] STALE [/] [$warning]$why[/]",
                                             why=self.stale_reason))
        if self.result is None:
            if not self.stale_reason:
                parts.append(Content.from_markup("[dim]sizing...[/]"))
            self.update(Content("\n").join(parts))
            return
        body = [_chips_to_lines(self._chips(), width)]
        if width >= 100:  # room for every margin on its own line; below, the binding one is in sight
            body.append(_chips_to_lines(self._margin_chips(), width))
        if not self.result.feasible and self.result.reasons and width >= 100:
            body.append(Content.from_markup("[$error]$why[/]", why="; ".join(self.result.reasons)))
        content = Content("\n").join(body)
        if self.stale_reason:
            content = content.stylize("dim")
        parts.append(content)
        self.update(Content("\n").join(parts))
        self.set_class(bool(self.stale_reason), "-stale")


class Table(DataTable, inherit_bindings=False):
    """A DataTable without the sideways page keys it inherits (ctrl+pgup, ctrl+pgdn):
    those switch the app's tabs."""

    BINDINGS = DataTable.BINDINGS


class ResultsTable(Table):
    """Every row of the result, by section, in the display units; margins coloured by sign."""

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.rows_shown: list[ResultRow] = []

    def on_mount(self) -> None:
        """The columns."""
        self.add_column("quantity", key="quantity")
        self.add_column("value", key="value")
        self.add_column("unit", key="unit")

    def show(self, result: Any, prefs: DisplayPrefs) -> None:
        """Fill the table from ``result`` (keeps the cursor on the same row)."""
        cursor = self.cursor_row
        self.clear()
        self.rows_shown = result_rows(result) if result is not None else []
        section = None
        ok = Style(color=theme_color(self.app, "success"))
        bad = Style(color=theme_color(self.app, "error"))
        zero = Style(color=theme_color(self.app, "warning"))
        heading = Style(bold=True, color=theme_color(self.app, "accent"))
        for row in self.rows_shown:
            if row.section != section:
                section = row.section
                self.add_row(Text(label_of(section), style=heading), "", "", key=f"section:{section}")
            margin = is_margin(row.path, row.value)
            number, unit = shown(row.value, row.path, prefs, signed=margin)
            style = None
            if margin:
                style = {"success": ok, "error": bad, "warning": zero}.get(sign_style(row.value))
            self.add_row(Text("  " + row.label), Text(number, style=style or "", justify="right"), Text(unit),
                         key=row.path)
        if self.row_count:
            self.move_cursor(row=min(cursor, self.row_count - 1), animate=False, scroll=False)

    def value_text(self, path: str) -> str:
        """The value cell of the row of ``path`` (for tests and the status line)."""
        return str(self.get_cell(path, "value"))


def figure(result: Any, path: str, prefs: DisplayPrefs) -> str:
    """"157.6 m²": one result value as shown."""
    value = lookup(result, path)
    number, unit = shown(value, path, prefs)
    return f"{number} {unit}".strip()
