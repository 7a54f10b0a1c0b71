"""The thermo-orbit terminal UI: several designs as tabs, each edited with units and sized
as you type; a compare view of pinned designs; a sweep's Pareto front; nothing lost
(a quit that asks, autosave to a recovery file, undo and redo).

Every action has a key that no text field takes and no terminal multiplexer's prefix
uses (tmux ctrl+b, screen ctrl+a), is listed in the footer and in the command palette
(ctrl+p), and is described in :data:`COMMANDS` (one table for all three).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static, TabbedContent, TabPane, Tabs

from . import api
from .commands import APP_ACTIONS, COMMANDS, DESIGN_ACTIONS, EXTRA_KEYS, bindings
from .compare_view import CompareView
from .design_view import DesignView
from .display_units import DisplayPrefs
from .files import FileActions
from .footer import KeyFooter
from .messages import DocChanged, PickSweepRow, RecoverySaved
from .recovery import find_recoveries, new_session, read_settings, state_dir, write_settings
from .screens import HelpScreen, PathScreen
from .state import DesignDoc, flatten
from .sweep_view import SweepView

__all__ = ["ThermoOrbitApp", "run_app", "COMMANDS", "check_paths"]


def check_paths(paths: Iterable[str | Path]) -> list[Path]:
    """The paths to open, each an existing design file (valid TOML; its fields may be
    wrong: they open marked) or a sweep folder; raises ``DesignError`` naming the first
    that is not."""
    out = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            if not api.is_sweep_dir(path):
                raise api.DesignError(str(path), [api.InputError("file", str(path), "a design file or a sweep folder",
                                                                 f"{path}: a folder without sweep results")])
        else:
            api.read_raw_table(path)
        out.append(path)
    return out


class ThermoOrbitApp(FileActions, App):
    """Interactive design of an orbital data center's thermal and power systems."""

    CSS_PATH = ["app.tcss", "dialogs.tcss"]
    TITLE = "thermo-orbit"
    BINDINGS = bindings()
    AUTOSAVE_DELAY = 1.0  #: seconds after an edit before the recovery file is written

    def __init__(self, paths: str | Path | Iterable[str | Path] = (), *, state: str | Path | None = None,
                 offer_recovery: bool = True) -> None:
        super().__init__()
        if isinstance(paths, (str, Path)):
            paths = [paths]
        self.paths = [Path(p) for p in paths]
        self.state_dir = Path(state) if state is not None else state_dir()
        self.session = new_session()
        self.offer_recovery = offer_recovery
        settings = read_settings(self.state_dir)
        self.prefs = DisplayPrefs(settings.get("temperature", "degC"), settings.get("system", "SI"))
        self.pins: list = []
        self._count = 0
        self._autosave_timer = None
        self.recovery_file: Path | None = None

    # ------------------------------------------------------------------ layout and start
    def compose(self) -> ComposeResult:
        """The tabs and the footer."""
        yield Static(Text("No design open: ctrl+o opens a design file or a sweep folder."), id="empty")
        yield TabbedContent(id="tabs")
        yield KeyFooter(compact=True, show_command_palette=False)  # ctrl+p is in COMMANDS, in its place

    async def on_mount(self) -> None:
        """Open the designs, focus the first field, offer to recover unsaved work."""
        for tabs in self.tabs.query_children(Tabs):
            tabs.can_focus = False
        for path in self.paths or [api.examples_dir() / "default.toml"]:
            await self.open_path(path, focus=False)  # focus in a tab that is then hidden would bring it back
        self._update_empty()
        first = self.tabs.query(TabPane).first() if self.tabs.tab_count else None
        if first is not None:
            self.tabs.active = first.id  # the first file given is in front
        if self.view is not None:
            self.view.focus_field()
        if self.offer_recovery:
            found = find_recoveries(self.state_dir, self.session)
            if found:
                self._offer_recovery(found[0])

    @property
    def tabs(self) -> TabbedContent:
        """The tabs: designs, compare, sweeps."""
        return self.query_one("#tabs", TabbedContent)

    def _update_empty(self) -> None:
        self.query_one("#empty").display = self.tabs.tab_count == 0

    def design_views(self) -> list[DesignView]:
        """Every open design."""
        return list(self.query(DesignView))

    @property
    def view(self) -> DesignView | None:
        """The design of the current tab, or None."""
        pane = self.tabs.active_pane
        if pane is None:
            return None
        found = pane.query_children(DesignView)
        return found.first() if found else None

    # ------------------------------------------------------------------ opening
    async def open_path(self, path: Path, focus: bool = True) -> bool:
        """Open a design file (its bad fields marked) or a sweep folder in a new tab."""
        path = Path(path)
        if path.is_dir():
            if not api.is_sweep_dir(path):
                self.notify(f"{path}: no sweep results in this folder", severity="error")
                return False
            await self._add_tab(SweepView(path, self.prefs), Content(f"sweep: {path.name}"))
            return True
        for view in self.design_views():
            if view.doc.path is not None and view.doc.path.resolve() == path.resolve():
                self.tabs.active = view.parent.id
                return True
        try:
            table = api.read_raw_table(path)
        except api.DesignError as err:
            self.notify(str(err).replace("\n", " "), severity="error", timeout=8)
            return False
        doc = DesignDoc.from_table(table, path)
        await self.add_design(doc, focus)
        if doc.read_only:
            self.notify(f"{path.name} is an example: read-only; ctrl+s saves a copy in the current directory",
                        timeout=5)
        return True

    async def add_design(self, doc: DesignDoc, focus: bool = True) -> DesignView:
        """Open ``doc`` in a new tab and focus its first field (its first bad one)."""
        view = DesignView(doc, self.prefs)
        await self._add_tab(view, self.tab_label(doc))
        if focus:
            view.focus_field()
        return view

    async def _add_tab(self, widget, label: Content) -> None:
        self._count += 1
        pane = TabPane(label, widget, id=f"tab-{self._count}")
        await self.tabs.add_pane(pane)
        self.tabs.active = pane.id
        self._update_empty()
        self.refresh_bindings()

    def tab_label(self, doc: DesignDoc) -> Content:
        """"default.toml (example) *": the file, read-only or not, unsaved changes."""
        markup = "$title" + (" [i](example)[/]" if doc.read_only else "") + (" [b]*[/]" if doc.dirty else "")
        return Content.from_markup(markup, title=doc.title)

    def _relabel(self, view: DesignView) -> None:
        pane = view.parent
        if isinstance(pane, TabPane) and pane.id:
            tab = self.tabs.get_tab(pane.id)
            label = self.tab_label(view.doc)
            if tab.label != label:  # a new label lays the screen out again: only when it changes
                tab.label = label

    # ------------------------------------------------------------------ changes and recovery
    @on(DocChanged)
    def _doc_changed(self, message: DocChanged) -> None:
        self._relabel(message.view)
        self.schedule_autosave()

    @on(RecoverySaved)
    def _recovery_saved(self, message: RecoverySaved) -> None:
        self.recovery_file = message.path
        if message.error:
            self.notify(message.error, severity="warning")

    # ------------------------------------------------------------------ editing actions
    def action_undo(self) -> None:
        """Undo the last edit of the current design."""
        path = self.view.undo()
        self.notify(f"undone: {path}" if path else "nothing to undo", timeout=2)

    def action_redo(self) -> None:
        """Redo the last undone edit."""
        path = self.view.redo()
        self.notify(f"redone: {path}" if path else "nothing to redo", timeout=2)

    def action_next_section(self) -> None:
        """Open the next section of the form."""
        self.view.step_section(+1)

    def action_previous_section(self) -> None:
        """Open the previous section of the form."""
        self.view.step_section(-1)

    def action_results(self) -> None:
        """Show the results (narrow) or move the focus between form and results."""
        self.view.next_page()

    def action_plot(self) -> None:
        """Show the other plot."""
        self.view.toggle_plot()

    def _step_tab(self, step: int) -> None:
        tabs = self.tabs.query_children(Tabs).first()
        (tabs.action_next_tab if step > 0 else tabs.action_previous_tab)()

    def action_next_tab(self) -> None:
        """Show the next tab."""
        self._step_tab(+1)

    def action_previous_tab(self) -> None:
        """Show the previous tab."""
        self._step_tab(-1)

    @on(TabbedContent.TabActivated, "#tabs")
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()
        view = self.view
        if view is not None:
            view.focus_field()
        else:
            for table in event.pane.query("DataTable"):
                table.focus()
                break

    # ------------------------------------------------------------------ compare, units, help, open
    def action_pin(self) -> None:
        """Pin the current design to the compare view."""
        view = self.view
        label = str(view.doc.table.get("name") or view.doc.title)
        taken = {p.label for p in self.pins}
        n = 2
        base = label
        while label in taken:
            label, n = f"{base} #{n}", n + 1
        pin = view.pin(label)
        if pin is None:
            self.notify("not pinned: the results are stale (fix the marked fields first)", severity="warning")
            return
        self.pins.append(pin)
        for compare in self.query(CompareView):
            compare.render_pins()
        self.notify(f"pinned {label}: {len(self.pins)} design(s) in the compare view (F4)", timeout=3)

    async def action_compare(self) -> None:
        """Show the compare view."""
        found = self.query(CompareView)
        if found:
            self.tabs.active = found.first().parent.id
            return
        await self._add_tab(CompareView(self.pins, self.prefs, id="compare"), Content("compare"))
        self.query_one("#compare-table").focus()

    def _set_prefs(self, prefs: DisplayPrefs) -> None:
        self.prefs = prefs
        write_settings(self.state_dir, {"temperature": prefs.temperature, "system": prefs.system})
        for view in self.design_views():
            view.set_prefs(prefs)
        for compare in self.query(CompareView):
            compare.set_prefs(prefs)
        for sweep in self.query(SweepView):
            sweep.set_prefs(prefs)
        self.notify(f"units: {prefs.describe()}", timeout=2)

    def action_temperature_unit(self) -> None:
        """Next temperature unit (degC, K, degF)."""
        self._set_prefs(self.prefs.next_temperature())

    def action_unit_system(self) -> None:
        """SI or US customary."""
        self._set_prefs(self.prefs.next_system())

    def action_help(self) -> None:
        """The key map."""
        keys = [(self.get_key_display(Binding(k.split(",")[0], a)), help_text)
                for k, a, _, title, help_text, _, _ in COMMANDS if title]
        keys += list(EXTRA_KEYS)
        self.push_screen(HelpScreen(keys, id="help-screen"))

    def action_open(self) -> None:
        """Open a design file or a sweep folder."""
        def answer(path: Path | None) -> None:
            if path is not None:
                self.run_worker(self.open_path(path if path.is_absolute() else Path.cwd() / path))
        self.push_screen(PathScreen("Open a design file or a sweep folder:", Path.cwd(), "Open", browse=True,
                                    id="open-dialog"), answer)

    async def open_example(self, path: Path) -> None:
        """Open a shipped example (read-only)."""
        await self.open_path(path)

    @on(PickSweepRow)
    async def _pick(self, message: PickSweepRow) -> None:
        flat = flatten(message.table)
        await self.add_design(DesignDoc(None, flat, {}))
        self.notify("a design from the sweep's front: not saved yet (ctrl+s saves it in the current directory)",
                    timeout=5)

    # ------------------------------------------------------------------ palette and key checks
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every action of :data:`COMMANDS`, the examples, and Textual's own commands."""
        for _keys, action, _label, title, help_text, _show, _group in COMMANDS:
            if title and self._available(action, screen):  # the screen the palette was opened on
                yield SystemCommand(title, help_text, partial(self.run_action, action))
        for path in api.example_paths():
            yield SystemCommand(f"Open example: {path.name}", "A shipped example design (read-only: save a copy)",
                                partial(self.open_example, path))
        if self.pins:
            yield SystemCommand("Unpin all", "Empty the compare view", self._unpin_all)
        for command in super().get_system_commands(screen):
            if command.title != "Quit":  # ours asks first; Textual's is the same action
                yield command

    def _unpin_all(self) -> None:
        self.pins.clear()
        for compare in self.query(CompareView):
            compare.render_pins()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the app's actions under a dialog; disable design actions where the tab
        holds no design."""
        return self._available(action, self.screen)

    def _available(self, action: str, screen: Screen) -> bool | None:
        if action not in APP_ACTIONS:
            return True
        if isinstance(screen, ModalScreen):
            return False
        if action in DESIGN_ACTIONS and self.view is None:
            return None
        if action == "close_tab" and self.tabs.tab_count == 0:
            return None
        return True


def run_app(paths: str | Path | Iterable[str | Path]) -> int:
    """Open the terminal UI on ``paths`` (design files or sweep folders); a missing or
    unreadable file is reported (``DesignError``) before the screen opens.  Returns the
    exit status (nonzero after an internal error)."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    app = ThermoOrbitApp(check_paths(paths))
    app.run()
    return app.return_code or 0
