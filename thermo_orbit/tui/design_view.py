"""One open design: its form, its results and its plots, laid out for the terminal's size,
with the sizing, the orbit and the year computed in thread workers after every edit."""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Container, Horizontal, Vertical
from textual.events import DescendantBlur, DescendantFocus, Resize
from textual.widgets import Input, Select, Static

from . import api
from .display_units import DisplayPrefs, to_display, unit_text
from .fields import BoolField, DesignForm, FieldRow, section_of
from .formatting import format_limit, format_number
from .messages import DocChanged, Invalid, OrbitReady, Sized, YearReady
from .plots import OrbitPlot, YearPlot
from .results_model import Pin
from .results_pane import ResultsTable, SummaryStrip
from .state import DesignDoc, raw_to_text, text_to_raw

__all__ = ["DesignView", "layout_mode", "problem_field", "PAGES"]

#: what a narrow terminal shows, one at a time (F2 steps through them)
PAGES = ("form", "results", "plots")
NARROW, WIDE, SHORT = 100, 160, 34


def layout_mode(width: int, height: int) -> tuple[str, bool]:
    """("narrow" | "medium" | "wide", short) for a view of this size: below 100 columns
    one pane at a time; from 160 the plots get their own column; below 34 rows a medium
    layout leaves the plots to F2."""
    mode = "narrow" if width < NARROW else ("wide" if width >= WIDE else "medium")
    return mode, height < SHORT


def _problem_text(problem: Any) -> str:
    return str(problem).replace("\n", " ")


def problem_field(problem: Any, table: dict) -> str | None:
    """The field path a problem names; a bare key ("coolant", as some checks name it)
    is read as the one field or table key that ends with it."""
    name = getattr(problem, "field", None)
    if not name or name in api.FIELDS or name in table:
        return name or None
    matches = [p for p in list(api.FIELDS) + list(table) if p.rsplit(".", 1)[-1] == name]
    matches = list(dict.fromkeys(matches))
    return matches[0] if len(matches) == 1 else name


class DesignView(Vertical):
    """Form, summary, results and plots of one design document."""

    DEBOUNCE = 0.25  #: seconds of quiet typing before the sizing runs

    def __init__(self, doc: DesignDoc, prefs: DisplayPrefs, **kwargs) -> None:
        super().__init__(classes="design-view", **kwargs)
        self.doc = doc
        self.prefs = prefs
        self.generation = 0
        self.design = None
        self.result = None
        self.problems: list = []
        self.sim = None
        self.year = None
        self.page = "form"
        self.plot = "orbit"
        self.last_path: str | None = None  #: the field last focused (F2 comes back to it)
        self._timer = None
        self._computing = False

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        """Summary, form with its help line, results and plots, status line."""
        yield SummaryStrip(id="summary")
        with Horizontal(id="body"):
            with Vertical(id="form-pane"):
                yield DesignForm(self.doc.table, headless=self.app.is_headless)
                yield Static("", id="help")
            with Container(id="right"):
                yield ResultsTable(id="results")
                with Vertical(id="plots"):
                    yield OrbitPlot(id="plot-orbit")
                    yield YearPlot(id="plot-year")
        yield Static("", id="status")

    def on_mount(self) -> None:
        """Start the first sizing; lay out for the size."""
        self.summary.show(None, self.prefs)
        self.query_one(OrbitPlot).show(None, self.prefs)
        self.query_one(YearPlot).show(None)
        self.request_compute(0.0)
        self.apply_layout()

    def on_resize(self, event: Resize) -> None:
        """Lay out again for the new size."""
        self.apply_layout()

    def apply_layout(self) -> None:
        """Show the panes the size allows (see :func:`layout_mode`)."""
        mode, short = layout_mode(self.size.width or self.app.size.width, self.size.height or self.app.size.height)
        for name in ("narrow", "medium", "wide"):
            self.set_class(mode == name, f"-{name}")
        self.set_class(short, "-short")
        page = self.page
        form, right, results, plots = (self.query_one(f"#{i}") for i in ("form-pane", "right", "results", "plots"))
        if mode == "narrow":
            form.display = page == "form"
            right.display = page != "form"
            results.display = page == "results"
            plots.display = page == "plots"
        elif mode == "medium":
            form.display = right.display = True
            results.display = not (short and page == "plots")
            plots.display = not short or page == "plots"
        else:
            form.display = right.display = results.display = plots.display = True
        both = mode == "wide"
        self.query_one("#plot-orbit").display = both or self.plot == "orbit"
        self.query_one("#plot-year").display = both or self.plot == "year"

    @property
    def mode(self) -> str:
        """The current layout mode."""
        return layout_mode(self.size.width or self.app.size.width, self.size.height or self.app.size.height)[0]

    @property
    def form(self) -> DesignForm:
        """The design form."""
        return self.query_one(DesignForm)

    @property
    def summary(self) -> SummaryStrip:
        """The summary strip."""
        return self.query_one(SummaryStrip)

    @property
    def table(self) -> ResultsTable:
        """The results table."""
        return self.query_one(ResultsTable)

    # ------------------------------------------------------------------ editing
    def _row_of(self, widget) -> FieldRow | None:
        parent = widget.parent
        return parent if isinstance(parent, FieldRow) else None

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        row = self._row_of(event.input)
        if row is not None:
            self.edit(row.path, text_to_raw(row.path, event.value, self.doc.get(row.path)))

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        row = self._row_of(event.select)
        if row is not None:
            value = None if event.value is Select.NULL else event.value
            self.edit(row.path, self._as_raw(row.path, value))

    @on(BoolField.Changed)
    def _bool_changed(self, event: BoolField.Changed) -> None:
        row = self._row_of(event.field)
        if row is not None:
            self.edit(row.path, self._as_raw(row.path, event.value))

    def _as_raw(self, path: str, value: Any) -> Any:
        """A choice equal to the default where the file has no value stays absent."""
        fld = api.FIELDS.get(path)
        if path not in self.doc.table and fld is not None and value == fld.default:
            return None
        return value

    def edit(self, path: str, raw: Any) -> None:
        """Set a field as the user (one undoable edit), then size again."""
        if self.doc.set(path, raw):
            self._changed()

    def _changed(self) -> None:
        self.post_message(DocChanged(self))
        self.request_compute()

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        """A field took the focus: its help under the form."""
        row = self._row_of(event.widget)
        if row is not None:
            self.last_path = row.path
            self.show_help(row.path)

    def on_descendant_blur(self, event: DescendantBlur) -> None:
        """A field lost the focus: its edit is complete (for undo)."""
        if self._row_of(event.widget) is not None:
            self.doc.history.seal()  # leaving a field ends its edit

    def undo(self) -> str | None:
        """Undo the last edit; the field's path, or None."""
        return self._show_change(self.doc.undo())

    def redo(self) -> str | None:
        """Redo the last undone edit; the field's path, or None."""
        return self._show_change(self.doc.redo())

    def _show_change(self, path: str | None) -> str | None:
        if path is None:
            return None
        row = self.form.row(path)
        if row is not None:
            row.show_raw(self.doc.get(path))  # (a section not built yet reads the table when it is)
        self.focus_field(path)
        self._changed()
        return path

    # ------------------------------------------------------------------ focus and sections
    def focus_field(self, path: str | None = None) -> None:
        """Open the section of ``path`` (default: the first bad field, else the open
        section's first field) and focus it."""
        if path is None:
            bad = [p for p in self._problem_map() if p in api.FIELDS or p in self.doc.table]
            path = bad[0] if bad else self.form.first_path()
        if path is None:
            return
        self.form.open_section(section_of(path))
        if self.mode == "narrow" and self.page != "form":
            self.set_page("form")
        self._focus_later(path)

    def step_section(self, step: int) -> str:
        """Open the next or previous section and focus its first field."""
        section = self.form.step_section(step)
        if self.mode == "narrow" and self.page != "form":
            self.set_page("form")
        path = self.form.first_path(section)
        if path is not None:
            self._focus_later(path)
        return section

    def _focus_later(self, path: str, tries: int = 5) -> None:
        """Focus the field of ``path`` once its row is built, if this design is still the
        one shown (focusing into a hidden tab would bring that tab back)."""
        def focus() -> None:
            if getattr(self.app, "view", None) is not self:
                return
            row = self.form.row(path)
            if row is not None and row.children:
                row.editor.focus()
            elif tries > 0:
                self._focus_later(path, tries - 1)
        self.call_after_refresh(focus)

    def set_page(self, page: str) -> None:
        """Show ``page`` ("form", "results", "plots") where one pane shows at a time."""
        self.page = page
        self.apply_layout()

    def next_page(self) -> str:
        """Narrow: show the next page (form, results, plots); wider: move the focus
        between the form and the results.  Returns the page or pane now in front."""
        if self.mode == "narrow":
            self.set_page(PAGES[(PAGES.index(self.page) + 1) % len(PAGES)])
            if self.page == "form":
                self.focus_field(self._back_path())
            elif self.page == "results":
                self.table.focus()
            else:
                self.screen.set_focus(None)  # nothing to type into on the plots page
            return self.page
        if self.table.has_focus:
            self.focus_field(self._back_path())
            return "form"
        self.table.focus()
        return "results"

    def _back_path(self) -> str | None:
        """The field to return to: the last one focused, if its section is open."""
        if self.last_path is not None and section_of(self.last_path) == self.form.section:
            return self.last_path
        return None

    def toggle_plot(self) -> str:
        """Show the other plot (orbit or year) where only one fits; where the plots have
        no room of their own, step through orbit, year and back."""
        mode, short = self.mode, self.has_class("-short")
        if mode == "wide":
            return "both"
        if mode == "narrow" or short:
            if self.page != "plots":
                self.page = "plots"
            elif self.plot == "orbit":
                self.plot = "year"
            else:
                self.plot = "orbit"
                if short and mode == "medium":
                    self.page = "form"
        else:
            self.plot = "year" if self.plot == "orbit" else "orbit"
        if self.page == "plots" and self.app.focused is not None and self.app.focused.has_ancestor(self) \
                and mode == "narrow":
            self.screen.set_focus(None)
        self.apply_layout()
        return self.plot if self.page == "plots" or mode == "medium" else self.page

    # ------------------------------------------------------------------ workers
    def request_compute(self, delay: float | None = None) -> None:
        """Size the working state after ``delay`` seconds (default: the debounce)."""
        self.generation += 1
        if self._timer is not None:
            self._timer.stop()
        generation, table, path = self.generation, dict(self.doc.table), self.doc.path
        self._computing = True
        self._timer = self.set_timer(max(0.01, self.DEBOUNCE if delay is None else delay),
                                     lambda: self._sizing_worker(generation, table, path))

    @work(thread=True, exclusive=True, group="size", exit_on_error=False)
    def _sizing_worker(self, generation: int, table: dict, path) -> None:
        design, problems = api.validate(table, path)
        if problems:
            self.post_message(Invalid(generation, problems))
            return
        try:
            result = api.size(design)
        except api.ThermoOrbitError as err:
            self.post_message(Invalid(generation, [err]))
            return
        except Exception as err:  # noqa: BLE001 - a model failure is reported, the session goes on
            self.post_message(Invalid(generation, [f"internal error in sizing: {type(err).__name__}: {err}"]))
            return
        self.post_message(Sized(generation, design, result))

    @work(thread=True, exclusive=True, group="year", exit_on_error=False)
    def _year_worker(self, generation: int, design) -> None:
        try:
            self.post_message(YearReady(generation, api.year_history(design)))
        except Exception as err:  # noqa: BLE001 - shown in the plot's title
            self.post_message(YearReady(generation, error=str(err)))

    @work(thread=True, exclusive=True, group="orbit", exit_on_error=False)
    def _orbit_worker(self, generation: int, design, result) -> None:
        try:
            self.post_message(OrbitReady(generation, api.orbit_transient(design, result)))
        except Exception as err:  # noqa: BLE001 - shown in the plot's title
            self.post_message(OrbitReady(generation, error=str(err)))

    @property
    def busy(self) -> bool:
        """A sizing is pending or running."""
        return self._computing

    # ------------------------------------------------------------------ results (app thread)
    @on(Sized)
    def _on_sized(self, message: Sized) -> None:
        message.stop()
        if message.generation != self.generation:
            return  # an older edit's result
        self._computing = False
        self.design, self.result, self.problems = message.design, message.result, []
        self.form.mark({})
        self.set_class(False, "-stale")
        self._render_results()
        self._year_worker(message.generation, message.design)
        self._orbit_worker(message.generation, message.design, message.result)
        reasons = "; ".join(self.result.reasons) if not self.result.feasible else "all margins positive"
        self.set_status(f"{self.design.name}: {reasons}", error=not self.result.feasible)
        self._refresh_help()

    @on(Invalid)
    def _on_invalid(self, message: Invalid) -> None:
        message.stop()
        if message.generation != self.generation:
            return
        self._computing = False
        self.problems = list(message.problems)
        self.form.mark(self._problem_map())
        self.set_class(True, "-stale")
        self._render_results()
        n = len(self.problems)
        self.set_status(f"{n} problem{'s' if n != 1 else ''}: " + "; ".join(_problem_text(p) for p in self.problems),
                        error=True)
        self._refresh_help()

    @on(YearReady)
    def _on_year(self, message: YearReady) -> None:
        message.stop()
        if message.generation == self.generation:
            self.year = message.history
            self.query_one(YearPlot).show(message.history, message.error)

    @on(OrbitReady)
    def _on_orbit(self, message: OrbitReady) -> None:
        message.stop()
        if message.generation == self.generation:
            self.sim = message.sim
            self.query_one(OrbitPlot).show(message.sim, self.prefs, message.error)

    def _problem_map(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for p in self.problems:
            path = problem_field(p, self.doc.table)
            if path:
                out.setdefault(path, _problem_text(p))
        return out

    @property
    def stale_reason(self) -> str:
        """Why the results shown are not those of the inputs ("" when they are): the
        bad fields (their messages are in the help and status lines)."""
        if not self.problems:
            return ""
        fields = list(dict.fromkeys(problem_field(p, self.doc.table) or "?" for p in self.problems))
        shown = "last valid results" if self.result is not None else "no results"
        noun = "bad field" if len(fields) == 1 else "bad fields"
        listed = ", ".join(fields[:3]) + (f" (+{len(fields) - 3})" if len(fields) > 3 else "")
        return f"{shown}: {len(fields)} {noun}: {listed}"

    def _render_results(self) -> None:
        self.summary.show(self.result, self.prefs, self.stale_reason)
        self.table.show(self.result, self.prefs)

    def set_prefs(self, prefs: DisplayPrefs) -> None:
        """Show everything in the new display units."""
        self.prefs = prefs
        self._render_results()
        if self.sim is not None:
            self.query_one(OrbitPlot).show(self.sim, prefs)
        self._refresh_help()

    def set_status(self, text: str, error: bool = False) -> None:
        """The status line (plain text: a "[mass]" in a message is not markup)."""
        from rich.text import Text

        status = self.query_one("#status", Static)
        status.update(Text(text), layout=False)  # one line, fixed: no layout
        status.set_class(error, "-error")

    # ------------------------------------------------------------------ help line
    def _refresh_help(self) -> None:
        focused = self.app.focused
        row = self._row_of(focused) if focused is not None else None
        if row is not None:
            self.show_help(row.path)

    def show_help(self, path: str) -> None:
        """The help of ``path`` in the line under the form: unit, range, default and its
        source, the value in the display units, the problem if any, else the field's doc."""
        from rich.text import Text

        fld = api.FIELDS.get(path)
        head = Text(path, style="bold")
        if fld is None:
            head.append("  not a design field: empty it to remove it from the file")
            self.query_one("#help", Static).update(head, layout=False)
            return
        if fld.unit is not None:
            head.append(f"  [{fld.unit or 'dimensionless'}]")
        if fld.low is not None and fld.high is not None:
            head.append(f"  {format_limit(fld.low)} to {format_limit(fld.high)}")
        if fld.required:
            head.append("  required")
        elif fld.default is not None:
            head.append(f"  default: {raw_to_text(fld.default) or '(empty)'}")
            if fld.source:
                head.append(f" ({fld.source})", style="dim")
        value = self.design.values.get(path) if self.design is not None and not self.problems else None
        if hasattr(value, "units"):
            magnitude, unit = to_display(value, path, self.prefs)
            if unit and unit != unit_text(value.units):
                head.append(f"  = {format_number(float(magnitude))} {unit}", style="italic")
        problem = self._problem_map().get(path)
        line = Text("✗ " + problem, style="bold red") if problem else Text(fld.doc)
        self.query_one("#help", Static).update(head + Text("\n") + line, layout=False)  # fixed height: no layout

    # ------------------------------------------------------------------ compare
    def pin(self, label: str) -> Pin | None:
        """A snapshot of the design and its result for the compare view (None when the
        results are stale or missing)."""
        if self.result is None or self.problems or self.design is None:
            return None
        return Pin(label, dict(self.design.values), self.result, str(self.doc.path or self.doc.title))

    def figure(self, path: str) -> str:
        """A result value as shown ("157.6 m²"), for tests and the status line."""
        from .results_pane import figure

        return figure(self.result, path, self.prefs) if self.result is not None else ""
