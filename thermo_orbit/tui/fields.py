"""The design form: one line per field (label and value), sections as tabs, the bad
fields marked.  Editors post the usual Textual ``Changed`` messages; the design view
turns them into edits of its document."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, Select, Static, TabbedContent, TabPane

from .api import FIELDS, material_choices, material_family
from .state import raw_to_text

__all__ = ["FieldInput", "BoolField", "FieldRow", "FieldList", "DesignForm", "sections_of", "section_of"]

#: the section of the top-level fields (name, description) and of unknown keys
DESIGN_SECTION = "design"


def section_of(path: str) -> str:
    """The form section a field path belongs to."""
    if "." in path:
        section = path.split(".", 1)[0]
        if any(p.startswith(section + ".") for p in FIELDS):
            return section
    return DESIGN_SECTION


def sections_of() -> list[str]:
    """The form's sections: the design file's sections in the order of the field table,
    then "design" (name, description, and any key that is not a field)."""
    out = []
    for path in FIELDS:
        section = section_of(path)
        if section not in out and section != DESIGN_SECTION:
            out.append(section)
    return [*out, DESIGN_SECTION]


class FieldInput(Input, inherit_bindings=False):
    """A one-line text field: Textual's Input without the page-scrolling keys it inherits
    (pgup, pgdn, ctrl+pgup, ctrl+pgdn), which mean nothing on one line and are the app's."""

    BINDINGS = Input.BINDINGS


class BoolField(Widget, can_focus=True):
    """A yes/no field shown as text ("[x] true"), readable on any terminal; space, enter
    or a click toggles it."""

    BINDINGS = [Binding("space,enter", "toggle", "toggle", show=False)]
    value: reactive[bool] = reactive(False)

    class Changed(Message):
        """The user toggled the field."""

        def __init__(self, field: BoolField, value: bool) -> None:
            super().__init__()
            self.field, self.value = field, value

        @property
        def control(self) -> BoolField:
            """The field that changed."""
            return self.field

    def render(self) -> str:
        """The field as text."""
        return "[x] true" if self.value else "[ ] false"

    def action_toggle(self) -> None:
        """Toggle, as the user."""
        self.value = not self.value
        self.post_message(self.Changed(self, self.value))

    def on_click(self) -> None:
        """A click toggles."""
        self.action_toggle()


def _options(path: str, value: Any) -> list[str] | None:
    fld = FIELDS.get(path)
    if fld is None:
        return None
    family = material_family(path)
    if family is not None:
        names = material_choices(family)
    elif fld.choices:
        names = list(fld.choices)
    else:
        return None
    if isinstance(value, str) and value not in names:
        names.append(value)  # what the file says stays visible (and is marked if it is wrong)
    return names


class FieldRow(Horizontal):
    """One design field on one line: its label and its editor (text, choice or switch)."""

    def __init__(self, path: str, raw: Any, headless: bool = False) -> None:
        super().__init__(classes="field-row")
        self.path = path
        self.field = FIELDS.get(path)
        self.raw = raw
        self.headless = headless
        self.problem: str | None = None

    @property
    def label_text(self) -> str:
        """The label: the key as words; an unknown key in full."""
        if self.field is None:
            return f"? {self.path}"
        key = self.path.split(".", 1)[-1]
        return key.replace("_", " ") + (" *" if self.field.required else "")

    def compose(self) -> ComposeResult:
        """Label and editor."""
        yield Static(self.label_text, classes="field-label")
        yield self._editor()

    def _editor(self) -> Widget:
        fld = self.field
        tooltip = fld.doc if fld is not None else "not a design field: empty it to remove it"
        if fld is not None and fld.kind is bool:
            widget = BoolField(classes="field-input")
            widget.value = bool(self.raw if isinstance(self.raw, bool) else fld.default)
            widget.tooltip = tooltip
            return widget
        value = self.raw if self.raw is not None else (fld.default if fld is not None else None)
        options = _options(self.path, value)
        if options is not None:
            return Select([(n, n) for n in options], value=value if value in options else Select.NULL,
                          allow_blank=value not in options or fld.default is None, compact=True,
                          classes="field-input", tooltip=tooltip, type_to_search=True)
        if fld is None:
            placeholder = ""
        elif fld.required:
            placeholder = f"required, e.g. {fld.example}" if fld.example else "required"
        elif fld.default is not None:
            placeholder = f"default {raw_to_text(fld.default)}"
        else:
            placeholder = "optional"
        widget = FieldInput(value=raw_to_text(self.raw), placeholder=placeholder, compact=True, classes="field-input",
                       tooltip=tooltip, select_on_focus=True)
        if self.headless:
            widget.cursor_blink = False  # snapshots: the same picture every time
        return widget

    @property
    def editor(self) -> Widget:
        """The editing widget."""
        return self.query_one(".field-input")

    def show_raw(self, raw: Any) -> None:
        """Show ``raw`` (as the file writes it; None: the default) without recording an edit."""
        self.raw = raw
        widget = self.editor
        fld = self.field
        if isinstance(widget, BoolField):
            widget.value = bool(raw if isinstance(raw, bool) else fld.default)
        elif isinstance(widget, Select):
            value = raw if raw is not None else fld.default
            if value is None:
                widget.clear()
            else:
                widget.value = value
        else:
            widget.value = raw_to_text(raw)

    def set_problem(self, problem: str | None) -> None:
        """Mark the field bad (with the message) or good."""
        self.problem = problem
        self.set_class(problem is not None, "-invalid")
        label = self.query_one(".field-label", Static)
        label.update(("✗ " if problem else "") + self.label_text, layout=False)


class FieldList(VerticalScroll, can_focus=False):
    """The fields of one section (scrolls; never takes the focus itself)."""


class DesignForm(Vertical):
    """The design's fields by section; the section tabs switch with keys, never by focus.
    A section's rows are built when it is first opened (a design has about 90 fields;
    building them all would slow every new tab)."""

    def __init__(self, table: dict[str, Any], headless: bool = False) -> None:
        super().__init__(id="form")
        self.table = table  # the document's working table (the same dict: rows read it when built)
        self.headless = headless
        self.sections = sections_of()
        self.built: set[str] = set()
        self.problems: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        """A tab per section, each with an empty field list (built when opened)."""
        with TabbedContent(id="sections"):
            for section in self.sections:
                with TabPane(section, id=f"sec-{section}"):
                    yield FieldList(id=f"list-{section}")

    def on_mount(self) -> None:
        """The section tabs never take the focus."""
        for tabs in self.query("ContentTabs"):
            tabs.can_focus = False  # Tab moves between fields; ctrl+up/down switch sections

    @property
    def tabbed(self) -> TabbedContent:
        """The sections."""
        return self.query_one("#sections", TabbedContent)

    def paths_of(self, section: str) -> list[str]:
        """The field paths of ``section``, then the table's unknown keys that fall in it."""
        known = [p for p in FIELDS if section_of(p) == section]
        return known + [p for p in self.table if p not in FIELDS and section_of(p) == section]

    def build(self, section: str) -> None:
        """Build the rows of ``section`` if not yet built."""
        if section in self.built:
            return
        self.built.add(section)
        rows = [FieldRow(p, self.table.get(p), self.headless) for p in self.paths_of(section)]
        self.query_one(f"#list-{section}", FieldList).mount_all(rows)
        self.call_after_refresh(self._apply_marks)

    @on(TabbedContent.TabActivated, "#sections")
    def _section_opened(self, event: TabbedContent.TabActivated) -> None:
        self.build(self.section)

    def rows(self) -> list[FieldRow]:
        """Every field row built so far."""
        return list(self.query(FieldRow))

    def row(self, path: str) -> FieldRow | None:
        """The row of ``path`` (None if its section is not built yet)."""
        for row in self.query(FieldRow):
            if row.path == path:
                return row
        return None

    @property
    def section(self) -> str:
        """The open section."""
        return (self.tabbed.active or "sec-").removeprefix("sec-")

    def open_section(self, section: str) -> None:
        """Show ``section`` (building it)."""
        self.build(section)
        self.tabbed.active = f"sec-{section}"

    def step_section(self, step: int) -> str:
        """Open the next (+1) or previous (-1) section; returns it."""
        i = self.sections.index(self.section) if self.section in self.sections else 0
        section = self.sections[(i + step) % len(self.sections)]
        self.open_section(section)
        return section

    def first_path(self, section: str | None = None) -> str | None:
        """The first field of ``section`` (default: the open one)."""
        paths = self.paths_of(section or self.section)
        return paths[0] if paths else None

    def mark(self, problems: dict[str, str]) -> None:
        """Mark the fields in ``problems`` (path to message), clear the others, and count
        the bad fields on each section's tab."""
        self.problems = dict(problems)
        self._apply_marks()
        counts: dict[str, int] = {}
        for path in problems:
            counts[section_of(path)] = counts.get(section_of(path), 0) + 1
        for section in self.sections:
            n = counts.get(section, 0)
            label = f"{section} ✗{n}" if n else section
            tab = self.tabbed.get_tab(f"sec-{section}")
            if str(tab.label) != label:
                tab.label = label

    def _apply_marks(self) -> None:
        for row in self.query(FieldRow):
            problem = self.problems.get(row.path)
            if problem != row.problem and row.is_mounted and row.children:
                row.set_problem(problem)
