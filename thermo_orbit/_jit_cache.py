"""numba's disk cache of a compiled kernel, kept consistent with the code it holds."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path

__all__ = ["drop_stale_caches"]


def drop_stale_caches(cache_dir: Path, pattern: str, sources: Iterable[Path]) -> None:
    """numba invalidates a function's disk cache when its own file changes, not when a
    function it inlines or calls from another file does: drop the cached machine code
    (``cache_dir``/``pattern``) older than any of the ``sources`` it holds code from (an
    edit, a merge).  Best effort: a cache elsewhere (NUMBA_CACHE_DIR) or a read-only one is
    left alone."""
    with contextlib.suppress(OSError, ValueError):
        newest = max(Path(f).stat().st_mtime for f in sources)
        for cache in Path(cache_dir).glob(pattern):
            if cache.stat().st_mtime < newest:
                cache.unlink(missing_ok=True)
