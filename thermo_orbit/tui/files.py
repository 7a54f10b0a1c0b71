"""Saving, quitting, closing and recovering: the app's file actions, in a mixin of
:class:`~thermo_orbit.tui.app.ThermoOrbitApp`.  Nothing here can lose a change: a quit or a
close with unsaved changes asks (the focus on Cancel), save-as proposes the current
directory and never writes into the shipped examples, and the working state of every
unsaved design is kept in a recovery file until the session ends on purpose."""

from __future__ import annotations

import re
from pathlib import Path

from textual import work

from . import api
from .design_view import DesignView
from .messages import RecoverySaved
from .recovery import write_recovery
from .screens import ChoiceScreen, PathScreen, quit_screen
from .state import DesignDoc

__all__ = ["FileActions"]


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "design"


class FileActions:
    """Save, save as, quit, close a tab, autosave and recovery (mixed into the app)."""

    _finished = False  #: set when the session ends on purpose (no recovery file after that)

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
        if self._finished:  # the session ended on purpose: its file is gone and stays gone
            return
        try:
            self.post_message(RecoverySaved(write_recovery(self.state_dir, self.session, docs)))
        except OSError as err:
            self.post_message(RecoverySaved(error=f"recovery file not written: {err}"))

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
                "Overwrite?", f"{target} exists.",
                [("overwrite", "Overwrite", "error"), ("cancel", "Cancel", "default")],
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
        self._finished = True
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
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

