"""Recovery of unsaved work, without Textual.

Each running session writes the working state of its open designs to its own recovery
file (``recovery-<pid>-<start time>.json`` in the state folder) a moment after every edit, and removes
it when it ends through its own quit (saved, or the user chose not to save).  A file left
by a session that is no longer running is what a crash, a killed terminal or a power cut
leaves behind: the next session offers to restore it.

The state folder is ``$THERMO_ORBIT_STATE_DIR``, else ``$XDG_STATE_HOME/thermo-orbit``,
else ``~/.local/state/thermo-orbit``; the display preference is kept there too.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["state_dir", "RecoveryFile", "new_session", "recovery_path", "write_recovery", "find_recoveries",
           "read_settings", "write_settings", "atomic_write"]


def state_dir() -> Path:
    """Where recovery files and settings live (see the module docstring)."""
    if os.environ.get("THERMO_ORBIT_STATE_DIR"):
        return Path(os.environ["THERMO_ORBIT_STATE_DIR"])
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "thermo-orbit"


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a synced temporary file and a rename: a crash
    while writing leaves the previous file whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass
class RecoveryFile:
    """A recovery file and what it holds: ``docs`` as :meth:`DesignDoc.to_json` gives them."""

    path: Path
    pid: int
    saved_at: float
    docs: list[dict]

    def describe(self) -> str:
        """When, and which designs ("default.toml, untitled")."""
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.saved_at))
        names = ", ".join(Path(d["path"]).name if d.get("path") else str(d["table"].get("name") or "untitled")
                          for d in self.docs)
        return f"{when}: {names}"

    def discard(self) -> None:
        """Remove the file."""
        self.path.unlink(missing_ok=True)


def new_session() -> str:
    """A name for this session's recovery file: the process id and the start time."""
    return f"{os.getpid()}-{time.time_ns() // 1_000_000}"


def recovery_path(folder: Path, session: str) -> Path:
    """The recovery file of ``session``."""
    return Path(folder) / f"recovery-{session}.json"


def write_recovery(folder: Path, session: str, docs: list[dict]) -> Path | None:
    """Write the unsaved designs of ``session`` (``docs``: JSON-ready); with none, remove
    its file.  Returns the file written, or None."""
    path = recovery_path(folder, session)
    if not docs:
        path.unlink(missing_ok=True)
        return None
    data = {"pid": os.getpid(), "session": session, "saved_at": time.time(), "docs": docs}
    atomic_write(path, json.dumps(data, indent=1, default=str))
    return path


def _running(pid: int, session: str, own_session: str) -> bool:
    """Whether the session that wrote a file still runs (never true of a file from an
    earlier session of this very process: that one ended without quitting)."""
    if session == own_session:
        return True
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    except OSError:
        return False
    return True


def find_recoveries(folder: Path, own_session: str = "") -> list[RecoveryFile]:
    """Recovery files left by sessions that are no longer running, newest first
    (unreadable files are skipped, and left for the user to look at)."""
    found = []
    for path in Path(folder).glob("recovery-*.json"):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            rec = RecoveryFile(path, int(data["pid"]), float(data["saved_at"]), list(data["docs"]))
            session = str(data.get("session", ""))
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if rec.docs and not _running(rec.pid, session, own_session):
            found.append(rec)
    return sorted(found, key=lambda r: -r.saved_at)


def read_settings(folder: Path) -> dict:
    """The saved display preference and other settings ({} if none)."""
    try:
        return dict(json.loads((Path(folder) / "settings.json").read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return {}


def write_settings(folder: Path, settings: dict) -> None:
    """Keep the settings for the next session (a failure to write is not an error)."""
    with contextlib.suppress(OSError):
        atomic_write(Path(folder) / "settings.json", json.dumps(settings, indent=1))
