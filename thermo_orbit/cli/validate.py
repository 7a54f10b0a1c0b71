"""``thermo-orbit validate``: thermo-orbit against published values, a table per family
(the cases and their comparison are :mod:`thermo_orbit.validation`).  ``--markdown``
writes the report, ``--plots`` its figures.  Exit 0 when every case passes, else 1."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from .console import report_console

__all__ = ["cmd_validate"]


def cmd_validate(args: argparse.Namespace) -> int:
    """``thermo-orbit validate [--markdown PATH] [--plots DIR]``."""
    from .. import validation as val

    markdown, plots = _output_paths(args)
    results = val.run_cases(val.load_cases())
    if plots is not None:
        _write(lambda: val.validation_plots(results, plots), "--plots", args.plots, "a folder that can be written",
               f"cannot write into {args.plots}")
    if markdown is not None:
        link = None if plots is None else Path(os.path.relpath(plots.resolve(), markdown.resolve().parent)).as_posix()
        _write(lambda: _save(markdown, val.validation_markdown(results, plots=link)), "--markdown", args.markdown,
               "a file that can be written", f"cannot write {args.markdown}")
    return _print_results(results)


def _output_paths(args: argparse.Namespace) -> tuple[Path | None, Path | None]:
    """``--markdown`` (a file in an existing folder) and ``--plots`` (a folder, created if missing)."""
    from ..errors import InputError

    markdown = Path(args.markdown) if args.markdown else None
    plots = Path(args.plots) if args.plots else None
    if markdown is not None and (markdown.is_dir() or not markdown.resolve().parent.is_dir()):
        raise InputError("--markdown", args.markdown, "a file in an existing folder")
    if plots is not None and plots.exists() and not plots.is_dir():
        raise InputError("--plots", args.plots, "a folder (it is created if missing)")
    return markdown, plots


def _save(path: Path, text: str) -> None:
    from .._io import atomic_write_text

    atomic_write_text(path, text)


def _write(write, option: str, value: str, expected: str, what: str) -> None:
    """Run ``write``; a file-system error is an input error naming the option."""
    from ..errors import InputError

    try:
        write()
    except OSError as err:
        raise InputError(option, value, expected, f"{option}: {what} ({err.strerror or err})") from None


def _print_results(results) -> int:
    """A table per family, the failures with their reasons, the count; 0 when all pass."""
    from rich.markup import escape

    from .. import validation as val

    console = report_console()
    if not console.is_terminal:
        console.width = max(console.width, 200)
    for family in val.FAMILIES:
        rows = [r for r in results if r.family == family]
        if rows:
            console.print(_family_table(family, rows))
    failed = [r for r in results if not r.passed]
    for r in failed:
        reason = f": {r.message}" if r.message else ""
        console.print(f"[red]FAIL {escape(r.id)}{escape(reason)} {escape('[' + r.source + ']')}[/]")
    colour = "green" if not failed else "red"
    console.print(f"[bold {colour}]{len(results) - len(failed)} of {len(results)} cases pass[/]")
    return 0 if not failed else 1


def _family_table(family: str, rows):
    from rich.markup import escape
    from rich.table import Table

    from .. import validation as val

    t = Table(title=f"{family} ({sum(r.passed for r in rows)} of {len(rows)} pass)", title_justify="left")
    t.add_column("case", no_wrap=True)
    for name in ("source", "published", "computed", "error", "tolerance"):
        t.add_column(name, justify="left" if name == "source" else "right")
    t.add_column("result")
    for r in rows:
        t.add_row(escape(r.id), escape(r.reference), escape(r.published_text), escape(val.format_computed(r)),
                  escape(val.format_error(r)), escape(val.format_tolerance(r)),
                  "[green]PASS[/]" if r.passed else "[bold red]FAIL[/]")
    return t
