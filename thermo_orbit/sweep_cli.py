"""The ``thermo-orbit sweep`` and ``thermo-orbit pareto`` commands (printing only; the
engine is :mod:`thermo_orbit.sweep`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["cmd_sweep", "cmd_pareto", "add_parsers"]


def _print_summary(console, summary, directory: Path) -> None:
    from rich.table import Table

    from .cli import safe
    from .format import number
    from .sweep import column_units

    s = summary
    rate = f", {s.designs / s.seconds:,.0f} designs/s" if s.seconds > 0 and s.designs else ""
    state = "complete" if s.complete else f"[yellow]{s.chunks_done} of {s.chunks_total} chunks[/]"
    console.print(f"[bold]{safe(s.name)}[/]: {s.designs:,} designs ({state}{rate}); "
                  f"[green]{s.feasible:,} feasible[/] ({100 * s.feasible / max(s.designs, 1):.1f} %); "
                  f"{s.kept:,} rows kept in {safe(directory)}", highlight=False)
    t = Table(title="binding constraints", title_justify="left")
    t.add_column("constraint")
    t.add_column("designs", justify="right")
    t.add_column("share", justify="right")
    for name, n in sorted(s.binding.items(), key=lambda kv: -kv[1]):
        t.add_row(name, f"{n:,}", f"{100 * n / max(s.designs, 1):.1f} %")
    console.print(t)
    for text, n in s.invalid_reasons.items():
        console.print(f"  [red]invalid input ({n:,} designs):[/] {safe(text)}", highlight=False)
    if s.front is not None:
        units = column_units(directory)
        objectives = [o.lstrip("-") for o in s.objectives]
        ft = Table(title=f"Pareto front over {', '.join(s.objectives)} ({s.front.num_rows} designs; first 10)",
                   title_justify="left")
        ft.add_column("design")
        axes = [c for c in s.axes if c not in objectives]
        for c in objectives + axes:
            ft.add_column(f"{c} [{units.get(c, '')}]" if units.get(c) else c, justify="right")
        for row in s.front.slice(0, 10).to_pylist():
            cells = [str(row["design_id"])]
            for c in objectives + axes:
                v = row[c]
                cells.append(number(v) if isinstance(v, float) else safe(v))
            ft.add_row(*cells)
        console.print(ft)
    elif s.complete:
        console.print("no feasible design: no Pareto front")
    for p in s.extra.get("best_designs", []):
        console.print(f"  best design: {safe(directory / p)}", highlight=False)
    for p in s.extra.get("plots", []):
        console.print(f"  plot: {safe(directory / p)}", highlight=False)


def cmd_sweep(args: argparse.Namespace) -> int:
    """``thermo-orbit sweep``: run a spec with a progress bar, print the summary; 0 when
    complete, 130 when interrupted (finished chunks kept, resume command printed)."""
    from .cli import report_console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from rich.markup import escape

    from .sweep import estimate_sweep, run_sweep
    from .sweep_spec import load_sweep_spec

    spec = load_sweep_spec(args.spec)
    out = Path(args.out) if args.out else Path(f"{Path(args.spec).stem}-results")
    console = report_console(stderr=True)
    estimate = estimate_sweep(spec)
    console.print(escape(f"{spec.name}: {spec.n_designs:,} designs in {spec.n_chunks} chunks of {spec.chunk_size:,} "
                         f"-> {out}" + (f" on {args.workers} local workers" if args.workers else "")
                         + (f" on the cluster at {args.scheduler}" if args.scheduler else "")), highlight=False)
    if estimate.large:
        console.print(escape(f"estimate: {estimate.text(args.workers or 1)}"), highlight=False)
    progress = Progress(TextColumn("designs"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.fields[rate]}"), TimeRemainingColumn(), console=console,
                        disable=not console.is_terminal)
    import time

    t0 = time.perf_counter()
    with progress:
        task = progress.add_task("sweep", total=spec.n_designs, rate="")

        def report(done, total):
            dt = time.perf_counter() - t0
            progress.update(task, completed=done, rate=f"{done / dt:,.0f}/s" if dt > 0 else "")
            if not console.is_terminal:
                pass

        try:
            summary = run_sweep(spec, out, workers=args.workers, scheduler=args.scheduler, resume=args.resume,
                                progress=report, yes=args.yes)
        except KeyboardInterrupt:
            progress.stop()
            from .sweep import summarize

            try:
                s = summarize(out)
                saved = f"{s.chunks_done} of {s.chunks_total} chunks ({s.designs:,} designs) are saved in {out}"
            except Exception:  # noqa: BLE001
                saved = f"finished chunks are saved in {out}"
            again = " --yes" if args.yes else ""
            print(f"thermo-orbit: interrupted; {saved}; continue with:\n"
                  f"  thermo-orbit sweep {args.spec} --out {out} --resume{again}", file=sys.stderr)
            return 130
    _print_summary(report_console(), summary, out)
    return 0


def cmd_pareto(args: argparse.Namespace) -> int:
    """``thermo-orbit pareto``: re-read a sweep's results, recompute the front (optionally
    over other objectives), the best designs and the plots, print the summary."""
    from .cli import report_console

    from .sweep import finish_sweep, lock_directory, summarize

    directory = Path(args.directory)
    summary = summarize(directory)
    objectives = [o.strip() for o in args.objectives.split(",")] if args.objectives else None
    with lock_directory(directory):  # not while a sweep writes into the folder
        summary = finish_sweep(directory, objectives=objectives, summary=summary, plots=not args.no_plots)
    _print_summary(report_console(), summary, directory)
    return 0


def add_parsers(sub) -> None:
    """Add ``sweep`` and ``pareto`` to the command line's subparsers."""
    p = sub.add_parser("sweep", help="batch design sweep from a spec TOML (chunked Parquet, resumable, Dask)")
    p.add_argument("spec", help="sweep spec (TOML), e.g. designs/sweeps/loop_trade.toml")
    p.add_argument("--out", help="results folder (default: <spec name>-results)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, help="run on a local Dask cluster of N worker processes")
    where.add_argument("--scheduler", help="run on an existing Dask cluster (scheduler address, tcp://host:8786)")
    p.add_argument("--resume", action="store_true", help="continue a sweep: compute only the chunks missing")
    p.add_argument("--yes", action="store_true",
                   help="run a large sweep (over 10^8 designs or 10 GB estimated) without asking")
    p.set_defaults(func=cmd_sweep)
    p = sub.add_parser("pareto", help="re-read sweep results: summary, Pareto front, best designs, plots")
    p.add_argument("directory", help="results folder of a sweep")
    p.add_argument("--objectives", help='comma-separated outputs to minimise ("-name" maximises); '
                                        "default: the spec's")
    p.add_argument("--no-plots", action="store_true", help="skip the PNG plots")
    p.set_defaults(func=cmd_pareto)
