"""What every command's report shares: the console it prints on, quantities as an engineer
reads them (:func:`thermo_orbit.format.engineering`), text from files made safe to print,
and the two-column tables of the reports."""

from __future__ import annotations

from collections.abc import Iterable

from ..format import engineering, printable

__all__ = ["report_console", "safe", "quantity_text", "value_table", "status_text"]


def report_console(stderr: bool = False):
    """A rich Console for the reports (soft-wrapped); a closed pipe raises
    :class:`BrokenPipeError` up to :func:`thermo_orbit.cli.main` (rich itself would exit
    with status 1, which here means "infeasible")."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError

    return _Console(stderr=stderr, soft_wrap=True)


def safe(text) -> str:
    """Text from a design or spec file (a name, a value), printable and free of rich markup."""
    from rich.markup import escape

    return escape(printable(text))


def quantity_text(q, unit: str | None = None, digits: int = 4) -> str:
    """A quantity in a text report (:func:`thermo_orbit.format.engineering`); ``"-"`` for
    None, a table (dict) as it is."""
    if q is None:
        return "-"
    if isinstance(q, dict):
        return str(q)
    return engineering(q, unit, digits)


def value_table(rows: Iterable[tuple[str, str]] = (), title: str | None = None, **options):
    """A rich Table of (quantity, value) rows without a header, values right-aligned;
    ``options`` go to the Table (``min_width``, ``title_justify``...)."""
    from rich.table import Table

    t = Table(title=title, show_header=False, **options)
    t.add_column("quantity")
    t.add_column("value", justify="right")
    for name, value in rows:
        t.add_row(name, value)
    return t


def status_text(feasible: bool) -> str:
    """FEASIBLE in green or INFEASIBLE in red (rich markup)."""
    return "[bold green]FEASIBLE[/]" if feasible else "[bold red]INFEASIBLE[/]"
