"""The entry point of the command line: parse, run the command, turn every error into its
exit code and one message (never a traceback unless ``--debug``)."""

from __future__ import annotations

import os
import sys

from ..errors import ThermoOrbitError
from ..format import printable
from .parser import build_parser
from .size import cmd_size
from .tui import cmd_tui

__all__ = ["main", "EXIT_CLOSED_PIPE"]

EXIT_CLOSED_PIPE = 141  #: 128 + SIGPIPE, what a shell reports for a program its pipe's reader left


def main(argv: list[str] | None = None) -> int:
    """Run the command line on ``argv`` and return the exit status (see
    :mod:`thermo_orbit.cli`); input errors are one message on stderr, never a traceback."""
    args = build_parser().parse_args(argv)
    if args.command is None:  # the main job: the terminal UI on a terminal, else the sizing report
        from ..design import default_design_path

        if sys.stdin.isatty() and sys.stdout.isatty():
            args.func, args.design = cmd_tui, None
        else:
            args.func, args.design, args.json, args.verify = cmd_size, str(default_design_path()), False, None
            args.method = None
    try:
        status = args.func(args)
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return status
    except BrokenPipeError:
        return _closed_pipe()
    except ThermoOrbitError as err:
        print("thermo-orbit: " + "\n".join(printable(line) for line in str(err).splitlines()), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("thermo-orbit: interrupted", file=sys.stderr)
        return 130
    except Exception as err:  # noqa: BLE001 - last line of defence: no traceback to users
        return _internal_error(err, args.debug)


def _internal_error(err: Exception, debug: bool) -> int:
    """2 for a file named on the command line that cannot be read or written, else 3 with
    a request to report it (``--debug`` re-raises for the traceback)."""
    if isinstance(err, OSError) and err.filename is not None and not debug:
        print(f"thermo-orbit: {err.filename}: {err.strerror or err}", file=sys.stderr)
        return 2
    if debug:
        raise err
    print(f"thermo-orbit: internal error: {type(err).__name__}: {err}\n"
          "Please report it with the design file; run with --debug for the traceback.",
          file=sys.stderr)
    return 3


def _closed_pipe() -> int:
    """The reader of stdout went away (``| head``): send what is left of the output to
    /dev/null, so the interpreter's last flush does not fail too, and exit quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
    return EXIT_CLOSED_PIPE
