"""The thermo-orbit terminal UI: edit a design with units, see the sizing update as you
type, run the orbit transient, compare with a pinned baseline, save atomically.

Heavy work runs in thread workers (``@work(thread=True, exclusive=True)``) that hand their
results back with ``call_from_thread``; no widget is touched from a worker.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import numpy as np
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    DataTable,
    Footer,
    Header,
    Input,
    Label,
    Select,
    Static,
    Switch,
    TabbedContent,
    TabPane,
)
from textual.worker import get_current_worker
from textual_plotext import PlotextPlot

from .. import materials as mat
from ..design import FIELDS, Design, DesignError, load_design, parse_design, save_design
from ..errors import ThermoOrbitError
from .results import fmt, row_values

SECTIONS = ("rack", "orbit", "power", "thermal", "radiator", "launch")
_MATERIAL_FIELDS = {"thermal.coolant": "coolant", "power.cell": "solar_cell", "power.battery": "battery",
                    "radiator.coating": "coating", "radiator.tube_material": "structure",
                    "radiator.fin_material": "structure"}


def _wid(path: str) -> str:
    return "f-" + path.replace(".", "--")


def _path(widget_id: str) -> str:
    return widget_id[2:].replace("--", ".")


class HelpScreen(ModalScreen):
    """Every key binding."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "close")]

    def compose(self) -> ComposeResult:
        lines = [f"[b]{key}[/b]  {text}" for key, text in (
            ("ctrl+s", "save the design (atomic)"), ("ctrl+a", "save as..."), ("ctrl+o", "open another design"),
            ("ctrl+t / t", "run the orbit transient"),
            ("b", "pin the current results as the baseline to compare with"), ("c", "clear the baseline"),
            ("?", "this help"), ("q / ctrl+q", "quit (asks first if there are unsaved changes)"),
            ("tab / shift+tab", "move between fields"),
        )]
        with Vertical(id="dialog"):
            yield Static("[b]thermo-orbit keys[/b]\n\n" + "\n".join(lines) + "\n\nFields take numbers with units "
                         '("550 km", "1.2 MW", "85 degC"); an empty field takes its default.')
            yield Button("Close", id="close")

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss()


class ConfirmQuit(ModalScreen[bool]):
    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("The design has unsaved changes. Quit anyway?")
            with Horizontal():
                yield Button("Quit", variant="error", id="yes")
                yield Button("Cancel", variant="primary", id="no")

    @on(Button.Pressed)
    def _answer(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class SaveAs(ModalScreen[str | None]):
    """Ask for a file path (save as, open)."""

    def __init__(self, current: str, prompt: str = "Save the design as:", action: str = "Save") -> None:
        super().__init__()
        self.current = current
        self.prompt = prompt
        self.action_label = action

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.prompt)
            yield Input(value=self.current, id="saveas-path")
            with Horizontal():
                yield Button(self.action_label, variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    @on(Button.Pressed)
    def _answer(self, event: Button.Pressed) -> None:
        self.dismiss(self.query_one("#saveas-path", Input).value if event.button.id == "save" else None)

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)


class ThermoOrbitApp(App):
    """Interactive design of an orbital data center's thermal and power systems."""

    CSS_PATH = "app.tcss"
    TITLE = "thermo-orbit"
    BINDINGS = [
        Binding("ctrl+s", "save", "save"),
        Binding("ctrl+a", "save_as", "save as"),
        Binding("ctrl+o", "open", "open"),
        Binding("ctrl+t,t", "transient", "orbit transient"),
        Binding("b", "pin", "pin baseline"),
        Binding("c", "unpin", "clear baseline", show=False),
        Binding("question_mark", "help", "help"),
        Binding("ctrl+q,q", "quit", "quit"),
    ]

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = Path(path)
        self.design: Design = load_design(self.path)
        self.table: dict = {k: dict(v) if isinstance(v, dict) else v for k, v in self.design.table.items()}
        self.result: Any = None
        self.baseline: list | None = None
        self.dirty = False
        self._timer = None
        self._editing = False  # widgets post Changed events while they mount: ignore those
        self.sub_title = self.path.name

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="editor"):
            with TabbedContent():
                for section in SECTIONS:
                    with TabPane(section, id=f"tab-{section}"), VerticalScroll():
                        for path, field in FIELDS.items():
                            if path.startswith(section + "."):
                                yield from self._field_row(path, field)
            yield Static("", id="status")
        with Vertical(id="right"):
            yield DataTable(id="results", zebra_stripes=True, cursor_type="row")
            yield Static("computing the orbit transient...", id="busy")
            with TabbedContent(id="plots"):
                with TabPane("orbit", id="tab-orbit-plot"):
                    yield PlotextPlot(id="plot-orbit")
                with TabPane("year", id="tab-year-plot"):
                    yield PlotextPlot(id="plot-year")
        yield Footer()

    def _field_row(self, path: str, field):
        section, key = path.split(".", 1)
        raw = self.table.get(section, {}).get(key)
        with Horizontal(classes="field-row"):
            yield Label(key.replace("_", " "), classes="field-label")
            if field.kind is bool:
                yield Switch(value=bool(raw if raw is not None else field.default), id=_wid(path),
                             classes="field-input", tooltip=field.doc)
            elif path in _MATERIAL_FIELDS or field.choices:
                names = field.choices or tuple(mat.list_materials(_MATERIAL_FIELDS[path]))
                value = raw if raw is not None else field.default
                yield Select([(n, n) for n in names], value=value if value in names else Select.BLANK,
                             id=_wid(path), classes="field-input", tooltip=field.doc, allow_blank=value not in names)
            else:
                placeholder = "required" if field.required else (f"default {field.default}" if field.default is not None
                                                                 else "optional")
                text = "" if raw is None else (str(raw) if not isinstance(raw, bool) else str(raw).lower())
                yield Input(value=text, placeholder=placeholder, id=_wid(path), classes="field-input",
                            tooltip=f"{field.doc} [{field.unit or field.kind.__name__}]")

    def on_mount(self) -> None:
        table = self.query_one("#results", DataTable)
        table.add_columns("quantity", "value", "unit", "baseline", "change")
        self.request_compute()
        self.plot_year()
        self.call_after_refresh(self._enable_editing)

    def _enable_editing(self) -> None:
        self._editing = True

    # ------------------------------------------------------------------ editing
    def _set(self, path: str, value: Any) -> None:
        if not self._editing:
            return
        section, key = path.split(".", 1)
        current = self.table.get(section, {}).get(key)
        default = FIELDS[path].default if path in FIELDS else None
        if value is Select.BLANK or value == "":
            value = None
        if isinstance(value, str) and path in FIELDS and FIELDS[path].kind is int and FIELDS[path].unit is None:
            with contextlib.suppress(ValueError):
                value = int(value)
        if value == current or (current is None and value is not None and str(value) == str(default)):
            return  # no change (a widget echoing what the table already says)
        sub = self.table.setdefault(section, {})
        if value is None:
            sub.pop(key, None)
        else:
            sub[key] = value
        self.dirty = True
        self.sub_title = f"{self.path.name} (modified)"
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(0.25, self.request_compute)

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        if event.input.id and event.input.id.startswith("f-"):
            self._set(_path(event.input.id), event.value.strip())

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        if event.select.id and event.select.id.startswith("f-"):
            self._set(_path(event.select.id), event.value)

    @on(Switch.Changed)
    def _switch_changed(self, event: Switch.Changed) -> None:
        if event.switch.id and event.switch.id.startswith("f-"):
            self._set(_path(event.switch.id), event.value)

    # ------------------------------------------------------------------ workers
    def request_compute(self) -> None:
        self.compute({k: dict(v) if isinstance(v, dict) else v for k, v in self.table.items()})

    @work(thread=True, exclusive=True, group="steady")
    def compute(self, table: dict) -> None:
        from ..sizing import size

        worker = get_current_worker()
        try:
            design = parse_design(table, str(self.path))
            result = size(design)
        except DesignError as err:
            if not worker.is_cancelled:
                self.call_from_thread(self.show_problems, err.problems)
            return
        except ThermoOrbitError as err:
            if not worker.is_cancelled:
                self.call_from_thread(self.show_problems, [err])
            return
        if not worker.is_cancelled:
            self.call_from_thread(self.show_result, Design(design.values, self.path, table, design.defaults_used),
                                  result)

    @work(thread=True, exclusive=True, group="transient")
    def run_transient(self, design: Design, result) -> None:
        from ..transient import simulate_orbit

        worker = get_current_worker()
        try:
            sim = simulate_orbit(design, result)
        except ThermoOrbitError as err:
            if not worker.is_cancelled:
                self.call_from_thread(self.show_status, f"transient: {err}", True)
                self.call_from_thread(self.set_busy, False)
            return
        if not worker.is_cancelled:
            self.call_from_thread(self.show_transient, sim)

    # ------------------------------------------------------------------ display (main thread)
    def show_problems(self, problems) -> None:
        for widget in self.query(".field-input"):
            widget.remove_class("invalid")
        for p in problems:
            with contextlib.suppress(Exception):  # a problem without a widget (a cross-field check)
                self.query_one(f"#{_wid(p.field)}").add_class("invalid")
        self.show_status("; ".join(str(p) for p in problems[:2]) + ("  (last valid results shown)"
                                                                   if self.result is not None else ""), True)

    def show_status(self, text: str, error: bool = False) -> None:
        from rich.text import Text

        status = self.query_one("#status", Static)
        status.update(Text(text))  # plain text: "[mass]" in a message is not markup
        status.set_class(error, "error")

    def set_busy(self, busy: bool) -> None:
        self.query_one("#busy").set_class(busy, "active")

    def show_result(self, design: Design, result) -> None:
        for widget in self.query(".field-input"):
            widget.remove_class("invalid")
        self.design, self.result = design, result
        rows = row_values(result)
        table = self.query_one("#results", DataTable)
        table.clear()
        verdict = "[green]FEASIBLE[/]" if result.feasible else "[red]INFEASIBLE[/]"
        table.add_row("design", verdict, "", "", f"binding: {result.binding_constraint}")
        for i, (label, number, unit) in enumerate(rows):
            base = self.baseline[i][1] if self.baseline else None
            change = "" if base is None or number is None else f"{number - base:+,.4g}"
            table.add_row(label, fmt(number), unit, fmt(base) if self.baseline else "", change)
        reasons = "; ".join(result.reasons) if result.reasons else "all margins positive"
        self.show_status(f"{design.name}: {reasons}", not result.feasible)

    def show_transient(self, sim) -> None:
        self.set_busy(False)
        plot = self.query_one("#plot-orbit", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        t = sim.time.magnitude
        plt.plot(t.tolist(), sim.coolant_max_temperature.to("degC").magnitude.tolist(), label="coolant max °C")
        plt.plot(t.tolist(), sim.coolant_min_temperature.to("degC").magnitude.tolist(), label="coolant min °C")
        plt.plot(t.tolist(), (100 * sim.state_of_charge.magnitude).tolist(), label="SOC %")
        ecl = np.flatnonzero(sim.eclipse)
        if ecl.size:
            plt.vline(float(t[ecl[0]]), "gray")
            plt.vline(float(t[ecl[-1]]), "gray")
        plt.title(f"one orbit ({sim.case} case): eclipse between the grey lines")
        plt.xlabel("min from orbit noon")
        plot.refresh()
        self.query_one("#plots", TabbedContent).active = "tab-orbit-plot"
        verdict = "feasible" if sim.feasible else "; ".join(sim.reasons)
        self.show_status(f"orbit transient: coldest coolant {sim.extremes['coolant_min'].to('degC').magnitude:.1f} °C, "
                         f"lowest SOC {sim.extremes['state_of_charge_min'].magnitude:.3f}: {verdict}", not sim.feasible)

    def plot_year(self) -> None:
        from ..orbit import beta_angle_over_year

        try:
            hist = beta_angle_over_year(self.design.orbit(), days=365)
        except ThermoOrbitError:
            return
        plot = self.query_one("#plot-year", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        days = hist.elapsed.magnitude.tolist()
        plt.plot(days, hist.beta.magnitude.tolist(), label="beta deg")
        plt.plot(days, hist.eclipse_duration.magnitude.tolist(), label="eclipse min")
        plt.title("beta and eclipse over the first year")
        plt.xlabel("day")
        plot.refresh()

    # ------------------------------------------------------------------ actions
    def action_transient(self) -> None:
        if self.result is None:
            self.show_status("no valid design to simulate yet", True)
            return
        self.set_busy(True)
        self.run_transient(self.design, self.result)

    def action_pin(self) -> None:
        if self.result is not None:
            self.baseline = row_values(self.result)
            self.show_result(self.design, self.result)

    def action_unpin(self) -> None:
        self.baseline = None
        if self.result is not None:
            self.show_result(self.design, self.result)

    def action_save(self) -> None:
        self._save_to(self.path)

    def _save_to(self, path: Path) -> None:
        try:
            design = parse_design(self.table, str(path))
        except DesignError as err:
            self.show_problems(err.problems)
            self.show_status(f"not saved: {err.problems[0]}", True)
            return
        try:
            save_design(Design(design.values, self.path, self.table, design.defaults_used), path)
        except OSError as err:
            self.show_status(f"not saved: {err.strerror} ({path})", True)
            return
        self.path = Path(path)
        self.dirty = False
        self.sub_title = self.path.name
        self.show_status(f"saved {path}")

    def action_save_as(self) -> None:
        def done(path: str | None) -> None:
            if path:
                self._save_to(Path(path))
        self.push_screen(SaveAs(str(self.path)), done)

    def action_open(self) -> None:
        if self.dirty:
            self.show_status("unsaved changes: save them (ctrl+s) before opening another design", True)
            return

        def done(path: str | None) -> None:
            if path:
                self.open_design(Path(path))
        self.push_screen(SaveAs(str(self.path), "Open the design file:", "Open"), done)

    def open_design(self, path: Path) -> None:
        """Load ``path`` into the editor (its errors go to the status line, nothing changes)."""
        try:
            design = load_design(path)
        except DesignError as err:
            self.show_status(str(err).replace("\n", " "), True)
            return
        self._editing = False
        self.path, self.design, self.result, self.baseline = path, design, None, None
        self.table = {k: dict(v) if isinstance(v, dict) else v for k, v in design.table.items()}
        for fpath, field in FIELDS.items():
            if "." not in fpath:
                continue
            section, key = fpath.split(".", 1)
            raw = self.table.get(section, {}).get(key)
            widget = self.query_one(f"#{_wid(fpath)}")
            if isinstance(widget, Switch):
                widget.value = bool(raw if raw is not None else field.default)
            elif isinstance(widget, Select):
                value = raw if raw is not None else field.default
                if value is not None:
                    widget.value = value
            else:
                widget.value = "" if raw is None else str(raw)
        self.dirty = False
        self.sub_title = self.path.name
        self.call_after_refresh(self._enable_editing)
        self.request_compute()
        self.plot_year()

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        if not self.dirty:
            self.exit()
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.exit()
        self.push_screen(ConfirmQuit(), done)


def run_app(path: str | Path) -> None:
    ThermoOrbitApp(path).run()
