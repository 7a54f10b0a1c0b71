"""The working state of one open design, without Textual: its table as the file writes it
(flat, ``"rack.power" -> "120 kW"``), the table as last saved, read-only or not, and the
history of edits for undo and redo.

Values stay exactly as written ("550 km", 0.85, true): the file's units and spelling are
kept, and what is saved is what the user typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .api import FIELDS, flatten_table, is_example

__all__ = ["flatten", "unflatten", "raw_to_text", "text_to_raw", "Edit", "History", "DesignDoc"]


#: ``{"orbit": {"altitude": ...}}`` to ``{"orbit.altitude": ...}``: the design loader's
flatten = flatten_table


def unflatten(flat: dict[str, Any]) -> dict:
    """The nested table of a flat one (sections in first-seen order)."""
    out: dict = {}
    for path, value in flat.items():
        if "." in path:
            section, key = path.split(".", 1)
            out.setdefault(section, {})[key] = value
        else:
            out[path] = value
    return out


def raw_to_text(raw: Any) -> str:
    """What an input field shows for a value as the file writes it ("" where absent)."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "true" if raw else "false"
    return str(raw)


def text_to_raw(path: str, text: str, current: Any = None) -> Any:
    """The value to store for what was typed: None (absent: the default) for an empty
    field, a whole number for a count, a number where the file wrote a bare number, else
    the text as typed."""
    text = text.strip()
    if not text:
        return None
    fld = FIELDS.get(path)
    if fld is not None and fld.kind is int and fld.unit is None:
        try:
            return int(text)
        except ValueError:
            return text
    if fld is not None and fld.unit == "" and isinstance(current, (int, float)) and not isinstance(current, bool):
        try:
            return float(text)
        except ValueError:
            return text
    return text


@dataclass
class Edit:
    """One undoable change of one field (``None``: the field absent)."""

    path: str
    old: Any
    new: Any
    open: bool = True  #: further typing in the same field extends this edit


class History:
    """Undo and redo of field edits.  Typing in one field is one edit until the field is
    left (:meth:`seal`), another field is edited, or an undo is made."""

    def __init__(self, limit: int = 500):
        self.entries: list[Edit] = []
        self.index = 0  #: entries[:index] are applied
        self.limit = limit

    def record(self, path: str, old: Any, new: Any) -> None:
        """Note that ``path`` went from ``old`` to ``new``."""
        del self.entries[self.index:]
        last = self.entries[-1] if self.entries else None
        if last is not None and last.open and last.path == path:
            last.new = new
            if last.new == last.old and type(last.new) is type(last.old):
                self.entries.pop()
        else:
            if last is not None:
                last.open = False
            self.entries.append(Edit(path, old, new))
            if len(self.entries) > self.limit:
                del self.entries[0]
        self.index = len(self.entries)

    def seal(self) -> None:
        """Close the last edit: the next change starts a new one."""
        if self.entries:
            self.entries[-1].open = False

    def undo(self) -> Edit | None:
        """The edit to revert, or None."""
        self.seal()
        if self.index == 0:
            return None
        self.index -= 1
        return self.entries[self.index]

    def redo(self) -> Edit | None:
        """The edit to apply again, or None."""
        if self.index >= len(self.entries):
            return None
        self.index += 1
        return self.entries[self.index - 1]

    @property
    def can_undo(self) -> bool:
        """There is an edit to undo."""
        return self.index > 0

    @property
    def can_redo(self) -> bool:
        """There is an undone edit to redo."""
        return self.index < len(self.entries)


@dataclass
class DesignDoc:
    """One open design: ``table`` is the working state, ``saved`` what is on disk."""

    path: Path | None
    table: dict[str, Any]
    saved: dict[str, Any]
    read_only: bool = False
    history: History = field(default_factory=History)

    @classmethod
    def from_table(cls, table: dict, path: Path | None, saved: dict | None = None) -> DesignDoc:
        """A document of a nested design table; ``saved`` (nested) defaults to ``table``;
        a file among the shipped examples is read-only."""
        flat = flatten(table)
        return cls(Path(path) if path else None, flat, flatten(saved) if saved is not None else dict(flat),
                   read_only=is_example(path))

    def get(self, path: str) -> Any:
        """The value as written, or None where the field is absent (its default applies)."""
        return self.table.get(path)

    def set(self, path: str, value: Any) -> bool:
        """Set (or, with None, remove) a field as one undoable edit; False if nothing changed."""
        old = self.table.get(path)
        if old == value and type(old) is type(value):
            return False
        self.history.record(path, old, value)
        self._apply(path, value)
        return True

    def _apply(self, path: str, value: Any) -> None:
        if value is None:
            self.table.pop(path, None)
        else:
            self.table[path] = value

    def undo(self) -> str | None:
        """Revert the last edit; the field's path, or None if there was none."""
        edit = self.history.undo()
        if edit is None:
            return None
        self._apply(edit.path, edit.old)
        return edit.path

    def redo(self) -> str | None:
        """Apply the last undone edit again; the field's path, or None."""
        edit = self.history.redo()
        if edit is None:
            return None
        self._apply(edit.path, edit.new)
        return edit.path

    @property
    def dirty(self) -> bool:
        """The working state differs from what is on disk (or was never saved)."""
        return self.path is None or self.table != self.saved

    @property
    def title(self) -> str:
        """File name, or the design's name for a design not saved yet."""
        return self.path.name if self.path is not None else str(self.table.get("name") or "untitled")

    def mark_saved(self, path: Path) -> None:
        """The working state is now on disk at ``path`` (a user's file: writable)."""
        self.path = Path(path)
        self.saved = dict(self.table)
        self.read_only = is_example(self.path)
        self.history.seal()

    def unknown_fields(self) -> list[str]:
        """Paths in the table that are not design fields (a misspelt key in the file)."""
        return [p for p in self.table if p not in FIELDS]

    def to_json(self) -> dict:
        """JSON-ready state for the recovery file."""
        return {"path": str(self.path) if self.path else None, "table": dict(self.table), "saved": dict(self.saved),
                "read_only": self.read_only}

    @classmethod
    def from_json(cls, data: dict) -> DesignDoc:
        """A document from :meth:`to_json` (the recovered table is the working state)."""
        path = Path(data["path"]) if data.get("path") else None
        doc = cls(path, dict(data["table"]), dict(data.get("saved") or {}), read_only=bool(data.get("read_only")))
        for key in list(doc.saved) + [k for k in doc.table if k not in doc.saved]:
            if doc.saved.get(key) != doc.table.get(key):  # each recovered change can be undone
                doc.history.record(key, doc.saved.get(key), doc.table.get(key))
                doc.history.seal()
        return doc
