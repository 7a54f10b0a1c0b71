"""The footer: Textual's, rebuilt only when the keys it shows change (Textual rebuilds
it on every focus change, which costs a layout of the whole screen per Tab)."""

from __future__ import annotations

from textual.widgets import Footer

__all__ = ["KeyFooter"]


class KeyFooter(Footer):
    """A footer that skips rebuilding when the shown keys are the same."""

    _shown: tuple | None = None

    def bindings_changed(self, screen) -> None:
        """Rebuild only if the keys shown (key, label, enabled) changed."""
        shown = tuple((b.key, b.description, enabled) for _node, b, enabled, _tip in screen.active_bindings.values()
                      if b.show)
        if self._bindings_ready and shown == self._shown:
            return
        self._shown = shown
        super().bindings_changed(screen)
