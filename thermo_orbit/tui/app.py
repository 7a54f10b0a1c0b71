"""The thermo-orbit terminal UI: several designs as tabs, each edited with units and sized
as you type; a compare view of pinned designs; a sweep's Pareto front; nothing lost
(a quit that asks, autosave to a recovery file, undo and redo).

Every action has a key that no text field takes and no terminal multiplexer's prefix
uses (tmux ctrl+b, screen ctrl+a), is listed in the footer and in the command palette
(ctrl+p), and is described in :data:`COMMANDS` (one table for all three).
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from typing import Iterable

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static, TabbedContent, TabPane, Tabs

from . import api
from .compare_view import CompareView
from .design_view import DesignView
from .display_units import DisplayPrefs
from .footer import KeyFooter
from .messages import DocChanged, PickSweepRow, RecoverySaved
from .recovery import find_recoveries, new_session, read_settings, state_dir, write_recovery, write_settings
from .screens import ChoiceScreen, HelpScreen, PathScreen, quit_screen
from .state import DesignDoc, flatten
from .sweep_view import SweepView

__all__ = ["ThermoOrbitApp", "run_app", "COMMANDS", "check_paths"]

_SECTION = Binding.Group("section", compact=True)
_TAB = Binding.Group("tab", compact=True)
_UNDO = Binding.Group("undo/redo", compact=True)

#: (keys, action, footer label, palette title, palette help, in the footer, footer group)
COMMANDS: tuple[tuple[str, str, str, str, str, bool, Binding.Group | None], ...] = (
    ("ctrl+q", "quit", "quit", "Quit", "Quit (asks first if a design has unsaved changes)", True, None),
    ("ctrl+p", "command_palette", "palette", "", "", True, None),
    ("f1", "help", "help", "Keys and help", "Every key, and how fields take values", True, None),
    ("ctrl+s", "save", "save", "Save", "Save the design to its file (an example design: save a copy)", True, None),
    ("ctrl+r", "save_as", "save as", "Save as...", "Save the design to a new file (default: the current directory)",
     True, None),
    ("ctrl+z", "undo", "undo", "Undo", "Undo the last edit", True, _UNDO),
    ("ctrl+y", "redo", "redo", "Redo", "Redo the last undone edit", True, _UNDO),
    ("f2", "results", "results", "Results / form",
     "Narrow terminal: show the form, the results or the plots; wider: move between the form and the results",
     True, None),
    ("f3", "pin", "pin", "Pin to compare", "Pin this design's inputs and results to the compare view", True, None),
    ("f4", "compare", "compare", "Compare view", "Pinned designs side by side, differences highlighted", True, None),
    ("ctrl+down", "next_section", "next section", "Next section", "Open the next section of the form", True,
     _SECTION),
    ("ctrl+up", "previous_section", "previous section", "Previous section", "Open the previous section of the form",
     True, _SECTION),
    ("ctrl+pagedown", "next_tab", "next tab", "Next tab", "Show the next tab (designs, compare, sweeps)", True, _TAB),
    ("ctrl+pageup", "previous_tab", "previous tab", "Previous tab", "Show the previous tab", True, _TAB),
    ("ctrl+o", "open", "open", "Open...", "Open a design file, or a sweep folder to browse its Pareto front", True,
     None),
    ("f8", "plot", "plot", "Orbit / year plot", "Show the other plot where only one fits", True, None),
    ("f6", "temperature_unit", "°C/K/°F", "Temperature unit", "Show temperatures in degC, K or degF", True, None),
    ("f7", "unit_system", "SI/US", "SI / customary units", "Show results in SI or US customary units", True, None),
    ("f9", "close_tab", "close tab", "Close tab", "Close this tab (asks first if the design has unsaved changes)",
     True, None),
)
#: actions that act on the design of the current tab
_DESIGN_ACTIONS = {"save", "save_as", "undo", "redo", "results", "pin", "next_section", "previous_section", "plot"}
_ALL_ACTIONS = {c[1] for c in COMMANDS} - {"command_palette"}


def _bindings() -> list[Binding]:
    out = []
    for keys, action, label, _title, help_text, show, group in COMMANDS:
        out.append(Binding(keys, action, label, show=show, tooltip=help_text, group=group))
    out.append(Binding("question_mark", "help", "help", show=False))
    return out


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


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "design"


class ThermoOrbitApp(App):
    """Interactive design of an orbital data center's thermal and power systems."""

    CSS_PATH = ["app.tcss", "dialogs.tcss"]
    TITLE = "thermo-orbit"
    BINDINGS = _bindings()
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
            await self._add_tab(SweepView(path), Content(f"sweep: {path.name}"))
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

    def schedule_autosave(self, delay: float | None = None) -> None:
        """Write the recovery file a moment after the last change."""
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
        self._autosave_timer = self.set_timer(max(0.01, self.AUTOSAVE_DELAY if delay is None else delay),
                                             self.autosave)

    def autosave(self) -> None:
        """Write the unsaved designs to this session's recovery file (in a worker)."""
        docs = [v.doc.to_json() for v in self.design_views() if v.doc.dirty]
        self._write_recovery(docs)

    @work(thread=True, exclusive=True, group="autosave", exit_on_error=False)
    def _write_recovery(self, docs: list[dict]) -> None:
        try:
            self.post_message(RecoverySaved(write_recovery(self.state_dir, self.session, docs)))
        except OSError as err:
            self.post_message(RecoverySaved(error=f"recovery file not written: {err}"))

    @on(RecoverySaved)
    def _recovery_saved(self, message: RecoverySaved) -> None:
        self.recovery_file = message.path
        if message.error:
            self.notify(message.error, severity="warning")

    def _offer_recovery(self, rec) -> None:
        body = (f"A session ended without quitting and left unsaved work:\n  {rec.describe()}\n\n"
                "Restore opens it in new tabs (marked unsaved). Discard deletes it. Later keeps it for next time.")

        async def answer(choice: str | None) -> None:
            if choice == "restore":
                for data in rec.docs:
                    await self.restore(DesignDoc.from_json(data))
                rec.discard()
                self.notify("restored: save to keep it (ctrl+z undoes the recovered edits)", timeout=6)
                self.schedule_autosave(0.0)
            elif choice == "discard":
                rec.discard()

        self.push_screen(ChoiceScreen("Recover unsaved work?", body,
                                      [("restore", "Restore", "primary"), ("discard", "Discard", "error"),
                                       ("later", "Later", "default")], focus="restore", escape="later",
                                      id="recovery-dialog"), answer)

    async def restore(self, doc: DesignDoc) -> DesignView:
        """Open a recovered design, in place of the same file's tab if that has no changes."""
        for view in self.design_views():
            same = doc.path is not None and view.doc.path is not None and view.doc.path.resolve() == doc.path.resolve()
            if same and not view.doc.dirty:
                await self.tabs.remove_pane(view.parent.id)
        return await self.add_design(doc)

    # ------------------------------------------------------------------ saving
    def default_save_path(self, doc: DesignDoc) -> Path:
        """Save-as proposes the current directory, under the file's name (or the design's)."""
        name = doc.path.name if doc.path is not None else _slug(str(doc.table.get("name") or "design")) + ".toml"
        return Path.cwd() / name

    async def save_view(self, view: DesignView, save_as: bool = False) -> bool:
        """Save a design (asking for a file where needed); True once it is on disk."""
        doc = view.doc
        design, problems = api.validate(doc.table, doc.path)
        if problems:
            self.tabs.active = view.parent.id
            self.notify(f"not saved: {len(problems)} problem(s); first: {problems[0]}", severity="error", timeout=6)
            view.focus_field()
            return False
        target = doc.path
        if save_as or target is None or doc.read_only:
            target = await self._ask_target(doc)
            if target is None:
                self.notify("not saved", timeout=2)
                return False
        try:
            api.save_design(design, target)
        except OSError as err:
            self.notify(f"not saved: {err.strerror or err} ({target})", severity="error", timeout=6)
            return False
        doc.mark_saved(target)
        self._relabel(view)
        self.notify(f"saved {target}", timeout=4)
        self.schedule_autosave(0.0)
        self.refresh_bindings()
        return True

    async def _ask_target(self, doc: DesignDoc) -> Path | None:
        prompt = "Save a copy of the example as:" if doc.read_only else "Save the design as:"
        target = await self.push_screen_wait(PathScreen(prompt, self.default_save_path(doc), "Save", id="save-as"))
        if target is None:
            return None
        target = (Path.cwd() / target) if not target.is_absolute() else target
        if target.is_dir():
            self.notify(f"{target} is a folder: give a file name", severity="error")
            return None
        if api.is_example(target):
            self.notify("the example designs are read-only: save the copy in another folder", severity="error")
            return None
        same = doc.path is not None and target.exists() and target.resolve() == doc.path.resolve()
        if target.exists() and not same:
            choice = await self.push_screen_wait(ChoiceScreen(
                "Overwrite?", f"{target} exists.", [("overwrite", "Overwrite", "error"), ("cancel", "Cancel", "default")],
                focus="cancel", escape="cancel", id="overwrite-dialog"))
            if choice != "overwrite":
                return None
        return target

    @work(exclusive=True, group="save", exit_on_error=False)
    async def _save(self, view: DesignView, save_as: bool) -> None:
        await self.save_view(view, save_as)

    def action_save(self) -> None:
        """Save the current design."""
        self._save(self.view, False)

    def action_save_as(self) -> None:
        """Save the current design to a new file."""
        self._save(self.view, True)

    # ------------------------------------------------------------------ quitting and closing
    async def action_quit(self) -> None:
        """Quit; with unsaved changes ask first (the focus on Cancel)."""
        dirty = [v for v in self.design_views() if v.doc.dirty]
        if not dirty:
            self.finish()
            return
        self.push_screen(quit_screen([self._doc_name(v) for v in dirty]), self._quit_answer)

    def _doc_name(self, view: DesignView) -> str:
        doc = view.doc
        return str(doc.path) if doc.path is not None else f"{doc.title} (never saved)"

    def _quit_answer(self, choice: str | None) -> None:
        if choice == "discard":
            self.finish()
        elif choice == "save":
            self._save_all_then_quit()

    @work(exclusive=True, group="save", exit_on_error=False)
    async def _save_all_then_quit(self) -> None:
        for view in [v for v in self.design_views() if v.doc.dirty]:
            if not await self.save_view(view):
                self.notify("not quitting: a design was not saved", severity="warning")
                return
        self.finish()

    def finish(self) -> None:
        """End the session on purpose: its recovery file goes, then the app exits."""
        write_recovery(self.state_dir, self.session, [])
        self.exit()

    def action_close_tab(self) -> None:
        """Close the current tab (asks first for unsaved changes)."""
        pane = self.tabs.active_pane
        if pane is None:
            return
        view = self.view
        if view is not None and view.doc.dirty:
            def answer(choice: str | None) -> None:
                if choice == "discard":
                    self.run_worker(self._close_pane(pane.id))
                elif choice == "save":
                    self._save_then_close(view, pane.id)
            self.push_screen(quit_screen([self._doc_name(view)], closing=True), answer)
            return
        self.run_worker(self._close_pane(pane.id))

    @work(exclusive=True, group="save", exit_on_error=False)
    async def _save_then_close(self, view: DesignView, pane_id: str) -> None:
        if await self.save_view(view):
            await self._close_pane(pane_id)

    async def _close_pane(self, pane_id: str) -> None:
        await self.tabs.remove_pane(pane_id)
        self._update_empty()
        self.schedule_autosave(0.0)
        self.refresh_bindings()
        if self.view is not None:
            self.view.focus_field()

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
        self.notify(f"units: {prefs.describe()}", timeout=2)

    def action_temperature_unit(self) -> None:
        """Next temperature unit (degC, K, degF)."""
        self._set_prefs(self.prefs.next_temperature())

    def action_unit_system(self) -> None:
        """SI or US customary."""
        self._set_prefs(self.prefs.next_system())

    def action_help(self) -> None:
        """The key map."""
        keys = [(self.get_key_display(Binding(k.split(",")[0], a)), f"{title}: {help_text}")
                for k, a, _, title, help_text, _, _ in COMMANDS if title]
        keys += [("tab / shift+tab", "next / previous field of the open section (then the results)"),
                 ("ctrl+p", "command palette: every action by name"),
                 ("enter / space", "open a choice, toggle a yes/no field"),
                 ("compare: d / delete", "only the rows that differ / unpin the column under the cursor"),
                 ("sweep: enter", "open the row under the cursor as a new design")]
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
            if title and self.check_action(action, ()):
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
        if action not in _ALL_ACTIONS:
            return True
        if isinstance(self.screen, ModalScreen):
            return False
        if action in _DESIGN_ACTIONS:
            view = self.view
            if view is None:
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
