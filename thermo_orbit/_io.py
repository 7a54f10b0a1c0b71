"""Files: the one TOML reader of design files and sweep specs, and atomic writing (a
temporary file in the target's folder, flushed and synced, then renamed over the target,
so a crash or an interrupt never leaves a half-written file)."""

from __future__ import annotations

import glob
import os
import stat
import tempfile
import time
import tomllib
from pathlib import Path

from .errors import InputError

__all__ = ["atomic_write_bytes", "atomic_write_text", "read_toml"]


def read_toml(path: str | Path, what: str = "TOML file") -> dict:
    """The table of the TOML file ``path``, read as UTF-8 (a leading byte-order mark, which
    some Windows editors write, is skipped).  A missing, unreadable, non-UTF-8 or malformed
    file raises :class:`InputError` (field ``"file"``) with one line naming the file;
    ``what`` names the kind of file in it ("design file", "sweep spec")."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("file", str(path), f"an existing {what}", f"no such {what}: {path}") from None
    except IsADirectoryError:
        raise InputError("file", str(path), f"a {what}", f"cannot read {path}: a folder, not a {what}") from None
    except OSError as err:
        raise InputError("file", str(path), f"a readable {what}",
                         f"cannot read {what} {path}: {err.strerror or err}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        raise InputError("file", str(path), "UTF-8 text",
                         f"{path}: not UTF-8 text (byte 0x{data[err.start]:02x} on line {line}); "
                         f"save the {what} as UTF-8") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise InputError("file", str(path), "valid TOML", f"{path}: not valid TOML: {err}") from None


_STARTED = time.time()  # about when this process started: temporaries older than this are stale


def atomic_write_bytes(path: str | Path, data: bytes, *, clean_stale: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically: a temporary ``.NAME.*.tmp`` in the same
    folder, flushed and synced, then renamed over the target.

    An existing file keeps its mode (a 0600 file stays 0600; a new file gets 0666 less the
    umask).  A symbolic link is written through: its target is replaced atomically and the
    link stays.  ``clean_stale`` also removes ``.NAME.*.tmp`` files next to the target
    that are older than this process (left by a save that was killed).  Returns the path
    written (the link's target for a link)."""
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    folder = path.parent if str(path.parent) else Path(".")
    if clean_stale:
        _remove_stale(folder, path.name)
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as err:  # name the file asked for, not the temporary
        raise OSError(err.errno, err.strerror, str(path)) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)  # mkstemp makes 0600
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise OSError(err.errno, err.strerror, str(path)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _remove_stale(folder: Path, name: str) -> None:
    """Remove ``.NAME.*.tmp`` in ``folder`` last written before this process started."""
    for p in folder.glob(f".{glob.escape(name)}.*.tmp"):
        try:
            if p.is_file() and not p.is_symlink() and p.stat().st_mtime < _STARTED:
                p.unlink()
        except OSError:
            pass


def atomic_write_text(path: str | Path, text: str, *, clean_stale: bool = False) -> Path:
    """Write ``text`` to ``path`` atomically, encoded as UTF-8 (see :func:`atomic_write_bytes`)."""
    return atomic_write_bytes(path, text.encode("utf-8"), clean_stale=clean_stale)
