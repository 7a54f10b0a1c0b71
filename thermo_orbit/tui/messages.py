"""Messages: how workers report back (posted from their thread; ``post_message`` is
thread-safe) and how views tell the app that something changed.  A worker never touches a
widget; the handler of its message does, on the app's thread."""

from __future__ import annotations

from typing import Any

from textual.message import Message

__all__ = ["Sized", "Invalid", "YearReady", "OrbitReady", "SweepLoaded", "DocChanged", "PickSweepRow",
           "RecoverySaved"]


class Sized(Message):
    """A sizing finished: the validated design and its result (of edit ``generation``)."""

    def __init__(self, generation: int, design: Any, result: Any) -> None:
        super().__init__()
        self.generation, self.design, self.result = generation, design, result


class Invalid(Message):
    """The inputs of edit ``generation`` cannot be sized: each problem names its field."""

    def __init__(self, generation: int, problems: list) -> None:
        super().__init__()
        self.generation, self.problems = generation, problems


class YearReady(Message):
    """Beta angle and eclipse over the year (``history``), or why there are none (``error``)."""

    def __init__(self, generation: int, history: Any = None, error: str = "") -> None:
        super().__init__()
        self.generation, self.history, self.error = generation, history, error


class OrbitReady(Message):
    """The periodic orbit solution (``sim``), or why there is none (``error``)."""

    def __init__(self, generation: int, sim: Any = None, error: str = "") -> None:
        super().__init__()
        self.generation, self.sim, self.error = generation, sim, error


class SweepLoaded(Message):
    """A sweep's front was read (``data``), or could not be (``error``)."""

    def __init__(self, data: Any = None, error: str = "") -> None:
        super().__init__()
        self.data, self.error = data, error


class DocChanged(Message):
    """A design's working state changed (edit, undo, save): tab title and recovery follow."""

    def __init__(self, view: Any) -> None:
        super().__init__()
        self.view = view


class PickSweepRow(Message):
    """Open a row of a sweep's front as a new design (``table``: the nested design table)."""

    def __init__(self, table: dict) -> None:
        super().__init__()
        self.table = table


class RecoverySaved(Message):
    """The recovery file was written (``path``; None when removed) or failed (``error``)."""

    def __init__(self, path: Any = None, error: str = "") -> None:
        super().__init__()
        self.path, self.error = path, error
