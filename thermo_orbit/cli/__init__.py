"""The ``thermo-orbit`` command line.

``thermo-orbit`` with no arguments runs the main job on ``designs/default.toml``: the
terminal UI on a terminal, else the whole-system sizing report.  Errors in input are
printed as one clear message naming the input, never a traceback.  Exit codes: 0 ok
(feasible), 1 infeasible design (the report is still printed), 2 bad input or file (a
file that cannot be read or written included), 3 internal error, 130 interrupted, 141
the reader of the output went away (``thermo-orbit ... | head``: the rest of the output
is dropped quietly, as a program killed by SIGPIPE, 128 + 13).

The package: :mod:`.parser` (the argument tables), :mod:`.run` (:func:`main`, exit codes),
:mod:`.console` (what the reports share), and one module per command: :mod:`.summary`,
:mod:`.size`, :mod:`.simulate`, :mod:`.check`, :mod:`.validate`, :mod:`.materials`,
:mod:`.sweep` (``sweep`` and ``pareto``), :mod:`.tui`.
"""

from .console import report_console, safe
from .parser import build_parser
from .run import EXIT_CLOSED_PIPE, main

__all__ = ["main", "build_parser", "report_console", "safe", "EXIT_CLOSED_PIPE"]
