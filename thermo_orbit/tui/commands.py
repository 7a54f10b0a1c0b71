"""Every action of the terminal UI: its key, its footer label, its command-palette
title and help, in one table (:data:`COMMANDS`) that makes the bindings, the footer, the
palette and the help screen, so none of them can miss an action.

Keys: none that a text field takes (Textual's Input binds ctrl+a, ctrl+e, ctrl+k, ctrl+u,
ctrl+w, ctrl+d, ctrl+x, ctrl+c, ctrl+v) and none that is a terminal multiplexer's prefix
(tmux ctrl+b, GNU screen ctrl+a).
"""

from __future__ import annotations

from textual.binding import Binding

__all__ = ["COMMANDS", "DESIGN_ACTIONS", "APP_ACTIONS", "EXTRA_KEYS", "bindings"]

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
DESIGN_ACTIONS = {"save", "save_as", "undo", "redo", "results", "pin", "next_section", "previous_section", "plot"}
#: the actions of :data:`COMMANDS` that the app checks (see ``ThermoOrbitApp.check_action``)
APP_ACTIONS = {c[1] for c in COMMANDS} - {"command_palette"}


def bindings() -> list[Binding]:
    """The app's key bindings, from :data:`COMMANDS`.  They take priority over the
    focused widget's: Textual's Input and DataTable inherit ctrl+pgup/pgdn (scroll a page
    sideways), which would otherwise swallow the tab keys; a text field types only
    printable keys, so nothing it needs is taken."""
    out = []
    for keys, action, label, _title, help_text, show, group in COMMANDS:
        out.append(Binding(keys, action, label, show=show, tooltip=help_text, group=group,
                           priority=action != "command_palette"))
    out.append(Binding("question_mark", "help", "help", show=False))
    return out


#: keys of widgets and views, for the help screen
EXTRA_KEYS = (("tab / shift+tab", "next / previous field of the open section (then the results)"),
              ("ctrl+p", "command palette: every action by name"),
              ("enter / space", "open a choice, toggle a yes/no field"),
              ("compare: d / delete", "only the rows that differ / unpin the column under the cursor"),
              ("sweep: enter", "open the row under the cursor as a new design"))
