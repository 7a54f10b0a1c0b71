"""Modal screens: a choice between buttons (quit, close, overwrite, recover), a file path
(save as, open) and the key map."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, DirectoryTree, Input, Static

__all__ = ["ChoiceScreen", "quit_screen", "PathScreen", "TomlTree", "HelpScreen"]


class ChoiceScreen(ModalScreen[str]):
    """A question with buttons; returns the id of the button pressed.  The focus starts
    on ``focus`` (the safe choice); Escape returns ``escape``; left and right move
    between the buttons."""

    BINDINGS = [Binding("escape", "escape", "cancel", show=False),
                Binding("left", "app.focus_previous", show=False),
                Binding("right", "app.focus_next", show=False)]

    def __init__(self, title: str, body: str, choices: list[tuple[str, str, str]], focus: str, escape: str,
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self.title_text, self.body = title, body
        self.choices, self.focus_id, self.escape_id = choices, focus, escape

    def compose(self) -> ComposeResult:
        """The dialog."""
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title")
            yield Static(Text(self.body), classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                for key, label, variant in self.choices:
                    yield Button(label, id=key, variant=variant)

    def on_mount(self) -> None:
        """The focus on the safe choice, or on the path."""
        self.query_one(f"#{self.focus_id}", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id)

    def action_escape(self) -> None:
        """Escape: the safe answer."""
        self.dismiss(self.escape_id)


def quit_screen(names: list[str], closing: bool = False) -> ChoiceScreen:
    """Save and quit / Quit without saving / Cancel, the focus on Cancel (``closing``: the
    same for closing one tab)."""
    verb = "close" if closing else "quit"
    listing = "\n".join(f"  • {n}" for n in names)
    body = f"Unsaved changes in:\n{listing}"
    return ChoiceScreen(f"{verb.capitalize()} with unsaved changes?", body,
                        [("save", f"Save and {verb}", "primary"), ("discard", f"{verb.capitalize()} without saving",
                                                                     "error"), ("cancel", "Cancel", "default")],
                        focus="cancel", escape="cancel", id="quit-dialog")


class TomlTree(DirectoryTree):
    """Folders and design files (``*.toml``)."""

    def filter_paths(self, paths):
        """Folders and TOML files, no hidden ones."""
        return [p for p in paths if not p.name.startswith(".") and (p.is_dir() or p.suffix == ".toml")]


class PathScreen(ModalScreen[Path | None]):
    """Ask for a file (save as) or a design file or sweep folder (open); returns the path
    or None.  Relative paths are read from the current directory."""

    BINDINGS = [Binding("escape", "cancel", "cancel", show=False)]

    def __init__(self, prompt: str, default: Path, action: str = "Save", browse: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.prompt, self.default, self.action_label, self.browse = prompt, default, action, browse

    def compose(self) -> ComposeResult:
        """The dialog."""
        with Vertical(classes="dialog path-dialog"):
            yield Static(Text(self.prompt, style="bold"), classes="dialog-title")
            yield Input(value=str(self.default), id="path")
            if self.browse:
                yield TomlTree(Path.cwd(), id="tree")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.action_label, variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        """The focus on the safe choice, or on the path."""
        field = self.query_one("#path", Input)
        field.focus()
        field.cursor_position = len(field.value)

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def _ok(self, event) -> None:
        event.stop()
        text = self.query_one("#path", Input).value.strip()
        self.dismiss(Path(text).expanduser() if text else None)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self, event=None) -> None:
        """Cancel: no path."""
        self.dismiss(None)

    @on(DirectoryTree.FileSelected)
    def _file(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        self.dismiss(Path(event.path))

    @on(DirectoryTree.DirectorySelected)
    def _folder(self, event: DirectoryTree.DirectorySelected) -> None:
        if (Path(event.path) / "manifest.json").is_file():  # a sweep's results: open it
            event.stop()
            self.dismiss(Path(event.path))
        else:
            self.query_one("#path", Input).value = str(event.path)


class HelpScreen(ModalScreen):
    """Every key, and how fields take values."""

    BINDINGS = [Binding("escape,f1,q,question_mark", "dismiss", "close", show=False)]

    def __init__(self, keys: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(**kwargs)
        self.keys = keys

    def compose(self) -> ComposeResult:
        """The dialog."""
        from rich.table import Table as RichTable

        table = RichTable.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, what in self.keys:
            table.add_row(key, what)
        note = Text(
            "Fields take numbers with units in any spelling pint reads (\"550 km\", \"1.2 MW\", \"85 degC\"); "
            "an empty field takes its default. The line under the form explains the focused field. "
            "The example designs shipped with thermo-orbit open read-only: ctrl+s saves a copy. "
            "Unsaved work is kept in a recovery file and offered again after a crash.")
        with Vertical(classes="dialog help-dialog"):
            yield Static(Text("thermo-orbit: keys", style="bold"), classes="dialog-title")
            with VerticalScroll():
                yield Static(table)
                yield Static(note, classes="help-note")
            yield Button("Close", id="close", variant="primary")

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss()
