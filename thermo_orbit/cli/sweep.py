"""``thermo-orbit sweep`` and ``thermo-orbit pareto``: run a sweep spec with a progress bar,
re-read a results folder; both print the summary (printing only; the engine is
:mod:`thermo_orbit.sweeps`)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..format import number
from .console import report_console, safe

__all__ = ["cmd_sweep", "cmd_pareto", "print_summary"]


def print_summary(console, summary, directory: Path) -> None:
    """The summary of a sweep: counts, binding constraints, invalid inputs, the first rows
    of the Pareto front, the best designs and plots written."""
    s = summary
    rate = f", {s.designs / s.seconds:,.0f} designs/s" if s.seconds > 0 and s.designs else ""
    state = "complete" if s.complete else f"[yellow]{s.chunks_done} of {s.chunks_total} chunks[/]"
    console.print(f"[bold]{safe(s.name)}[/]: {s.designs:,} designs ({state}{rate}); "
                  f"[green]{s.feasible:,} feasible[/] ({100 * s.feasible / max(s.designs, 1):.1f} %); "
                  f"{s.kept:,} rows kept in {safe(directory)}", highlight=False)
    console.print(_binding_table(s))
    for text, n in s.invalid_reasons.items():
        console.print(f"  [red]invalid input ({n:,} designs):[/] {safe(text)}", highlight=False)
    if s.front is not None:
        console.print(_front_table(s, directory))
    elif s.complete:
        console.print("no feasible design: no Pareto front")
    for p in s.extra.get("best_designs", []):
        console.print(f"  best design: {safe(directory / p)}", highlight=False)
    for p in s.extra.get("plots", []):
        console.print(f"  plot: {safe(directory / p)}", highlight=False)
    for p in s.extra.get("csv", []):
        console.print(f"  csv: {safe(directory / p)}", highlight=False)


def _binding_table(s):
    from rich.table import Table

    t = Table(title="binding constraints", title_justify="left")
    t.add_column("constraint")
    t.add_column("designs", justify="right")
    t.add_column("share", justify="right")
    for name, n in sorted(s.binding.items(), key=lambda kv: -kv[1]):
        t.add_row(name, f"{n:,}", f"{100 * n / max(s.designs, 1):.1f} %")
    return t


def _front_table(s, directory: Path):
    """The first 10 designs of the front: objectives, then the other axes, with units."""
    from rich.table import Table

    from ..sweeps import column_units

    units = column_units(directory)
    objectives = [o.lstrip("-") for o in s.objectives]
    ft = Table(title=f"Pareto front over {', '.join(s.objectives)} ({s.front.num_rows} designs; first 10)",
               title_justify="left")
    ft.add_column("design")
    columns = objectives + [c for c in s.axes if c not in objectives]
    numeric = {c for c in columns if isinstance(s.front.slice(0, 1).to_pylist()[0][c], float)}
    for c in columns:  # every number with its unit, [-] for a dimensionless one
        unit = units.get(c) or ("-" if c in numeric else "")
        ft.add_column(f"{c} [{unit}]" if unit else c, justify="right")
    for row in s.front.slice(0, 10).to_pylist():
        ft.add_row(str(row["design_id"]), *(number(row[c]) if isinstance(row[c], float) else safe(row[c])
                                            for c in columns))
    return ft


def _progress_bar(console):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(TextColumn("designs"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                    TimeRemainingColumn(), console=console, disable=not console.is_terminal)


def _announce(console, spec, out: Path, args: argparse.Namespace) -> None:
    """What will run where; the estimate of a large sweep."""
    from rich.markup import escape

    from ..sweeps import estimate_sweep

    console.print(escape(f"{spec.name}: {spec.n_designs:,} designs in {spec.n_chunks} chunks of {spec.chunk_size:,} "
                         f"-> {out}" + (f" on {args.workers} local workers" if args.workers else "")
                         + (f" on the cluster at {args.scheduler}" if args.scheduler else "")), highlight=False)
    estimate = estimate_sweep(spec)
    if estimate.large:
        console.print(escape(f"estimate: {estimate.text(args.workers or 1)}"), highlight=False)


def _interrupted(args: argparse.Namespace, out: Path) -> int:
    """After an interrupt: what is saved and the command that continues; 130."""
    from ..sweeps import summarize

    try:
        s = summarize(out)
        saved = f"{s.chunks_done} of {s.chunks_total} chunks ({s.designs:,} designs) are saved in {out}"
    except Exception:  # noqa: BLE001 - the message must come out whatever the folder holds
        saved = f"finished chunks are saved in {out}"
    again = " --yes" if args.yes else ""
    print(f"thermo-orbit: interrupted; {saved}; continue with:\n"
          f"  thermo-orbit sweep {args.spec} --out {out} --resume{again}", file=sys.stderr)
    return 130


def cmd_sweep(args: argparse.Namespace) -> int:
    """``thermo-orbit sweep``: run a spec with a progress bar, print the summary; 0 when
    complete, 130 when interrupted (finished chunks kept, resume command printed)."""
    from ..sweeps import load_sweep_spec, run_sweep

    spec = load_sweep_spec(args.spec)
    out = Path(args.out) if args.out else Path(f"{Path(args.spec).stem}-results")
    console = report_console(stderr=True)
    _announce(console, spec, out, args)
    progress = _progress_bar(console)
    t0 = time.perf_counter()
    with progress:
        task = progress.add_task("sweep", total=spec.n_designs, rate="")

        def report(done, total):
            dt = time.perf_counter() - t0
            progress.update(task, completed=done, rate=f"{done / dt:,.0f}/s" if dt > 0 else "")

        try:
            summary = run_sweep(spec, out, workers=args.workers, scheduler=args.scheduler, resume=args.resume,
                                progress=report, yes=args.yes)
        except KeyboardInterrupt:
            progress.stop()
            return _interrupted(args, out)
    if getattr(args, "csv", False) and summary.complete:
        from ..sweeps import finish_sweep
        from ..sweeps.export import write_results_csv

        summary = finish_sweep(out, summary=summary, plots=False, csv=True)
        summary.extra.setdefault("csv", []).insert(0, write_results_csv(out).name)
    print_summary(report_console(), summary, out)
    return 0


def cmd_pareto(args: argparse.Namespace) -> int:
    """``thermo-orbit pareto``: re-read a sweep's results, recompute the front (optionally
    over other objectives), the best designs and the plots, print the summary."""
    from ..sweeps import finish_sweep, lock_directory, summarize

    directory = Path(args.directory)
    summary = summarize(directory)
    objectives = [o.strip() for o in args.objectives.split(",")] if args.objectives else None
    tolerance = _tolerance(args.tolerance, objectives or summary.objectives)
    with lock_directory(directory):  # not while a sweep writes into the folder
        summary = finish_sweep(directory, objectives=objectives, summary=summary, plots=not args.no_plots,
                               tolerance=tolerance, csv=args.csv)
    print_summary(report_console(), summary, directory)
    return 0


def _tolerance(text: str | None, objectives) -> list[float] | None:
    """``--tolerance "10 kg,0.1 K"``: one quantity per objective, in the outputs' units."""
    if not text:
        return None
    from ..design import DesignError
    from ..sweeps.analysis import parse_tolerance

    problems: list = []
    tol = parse_tolerance([t.strip() for t in text.split(",")], list(objectives), problems)
    if problems:
        raise DesignError("--tolerance", problems)
    return tol
