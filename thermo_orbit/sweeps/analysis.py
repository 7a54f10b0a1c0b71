"""What a sweep's results say: the counts of the summary, the Pareto front over the
objectives and the one-at-a-time sensitivity of an output (the tornado chart's data).

Pareto fronts (non-dominated sets) of designs over several objectives, all minimised:
a point *a* dominates *b* when ``a ≤ b`` in every objective and ``a < b`` in at least one
(Deb, *Multi-Objective Optimization using Evolutionary Algorithms*, Wiley 2001, Def. 2.5).
Points sorted lexicographically can only be dominated by points before them, so the front
is built in one pass over blocks, each block checked against the front so far and
within itself: no Python loop per point, memory of the order front × block.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..batch import OUTPUTS, size_columns
from ..design import FIELDS
from ..errors import InputError
from .axes import quantity_in
from .spec import SweepSpec, group_cache
from .store import read_manifest, read_results

__all__ = ["pareto_mask", "merge_fronts", "SweepSummary", "summarize", "pareto_front", "tornado_data",
           "merge_near_duplicates", "default_tolerance", "parse_tolerance"]

_BLOCK = 512


def pareto_mask(objectives) -> np.ndarray:
    """Boolean mask of the non-dominated rows of ``objectives`` (shape (n, k), every column
    minimised; rows with a NaN are never on the front).  Equal rows are all kept.

    >>> pareto_mask([[1, 4], [2, 2], [3, 3], [4, 1], [2, 5]]).tolist()
    [True, True, False, True, False]
    """
    F = np.asarray(objectives, dtype=np.float64)
    if F.ndim != 2:
        raise ValueError("objectives must be a 2-D array (designs × objectives)")
    n, k = F.shape
    mask = np.zeros(n, dtype=bool)
    finite = np.all(np.isfinite(F), axis=1)
    idx = np.flatnonzero(finite)
    if idx.size == 0:
        return mask
    G = F[idx]
    order = idx[np.lexsort(G.T[::-1])]
    if k == 2:  # sorted by the first objective: on the front iff the second beats every earlier point
        f1, f2 = F[order, 0], F[order, 1]
        best_before = np.concatenate(([np.inf], np.minimum.accumulate(f2)[:-1]))
        strict = f2 < best_before
        last = np.maximum.accumulate(np.where(strict, np.arange(f2.size), -1))
        last_before = np.concatenate(([-1], last[:-1]))
        dup = ~strict & (last_before >= 0) & (f2 == best_before) & (f1 == f1[np.maximum(last_before, 0)])
        mask[order[strict | dup]] = True
        return mask
    front = np.empty((0, k))
    for start in range(0, order.size, _BLOCK):
        block = order[start:start + _BLOCK]
        B = F[block]
        if front.shape[0]:
            le = np.all(front[:, None, :] <= B[None, :, :], axis=2)
            lt = np.any(front[:, None, :] < B[None, :, :], axis=2)
            alive = ~np.any(le & lt, axis=0)
            block, B = block[alive], B[alive]
        le = np.all(B[:, None, :] <= B[None, :, :], axis=2)
        lt = np.any(B[:, None, :] < B[None, :, :], axis=2)
        alive = ~np.any(le & lt, axis=0)
        mask[block[alive]] = True
        front = np.vstack([front, B[alive]])
    return mask


def merge_fronts(*fronts: np.ndarray) -> np.ndarray:
    """Indices into the stacked ``fronts`` (each (n_i, k)) of the front of their union."""
    stacked = np.vstack([np.asarray(f, dtype=np.float64) for f in fronts])
    return np.flatnonzero(pareto_mask(stacked))


# ---------------------------------------------------------------- the summary

@dataclass
class SweepSummary:
    """What a finished (or interrupted) sweep holds."""

    name: str
    directory: Path
    designs: int  #: designs evaluated (before filters)
    kept: int  #: rows written (after filters)
    feasible: int
    binding: dict[str, int]  #: binding constraint → count (all evaluated designs)
    invalid_reasons: dict[str, int]
    chunks_done: int
    chunks_total: int
    seconds: float = 0.0
    front: Any = None  #: pyarrow Table of the Pareto front
    objectives: tuple[str, ...] = ()
    axes: tuple[str, ...] = ()  #: the spec's axis fields
    extra: dict = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        """Every chunk is on disk."""
        return self.chunks_done == self.chunks_total

    def to_dict(self) -> dict:
        """JSON-ready summary (what ``summary.json`` holds)."""
        out = {"name": self.name, "designs": self.designs, "rows_kept": self.kept, "feasible": self.feasible,
               "binding_constraints": dict(sorted(self.binding.items(), key=lambda kv: -kv[1])),
               "invalid_reasons": self.invalid_reasons, "chunks_done": self.chunks_done,
               "chunks_total": self.chunks_total, "complete": self.complete,
               "seconds": round(self.seconds, 3), "objectives": list(self.objectives),
               "front_size": 0 if self.front is None else self.front.num_rows}
        out.update(self.extra)
        return out


def summarize(directory: str | Path) -> SweepSummary:
    """Counts of a sweep from its manifest: designs, rows kept, feasible, binding
    constraints, invalid inputs, chunks done."""
    directory = Path(directory)
    m = read_manifest(directory)
    binding: dict[str, int] = {}
    invalid: dict[str, int] = {}
    designs = kept = feasible = 0
    for s in m["stats"].values():
        designs += s["designs"]
        kept += s["kept"]
        feasible += s["feasible"]
        for name, n in s["binding"].items():
            binding[name] = binding.get(name, 0) + n
        for text, n in s.get("invalid_reasons", {}).items():
            invalid[text] = invalid.get(text, 0) + n
    return SweepSummary(name=m["name"], directory=directory, designs=designs, kept=kept, feasible=feasible,
                        binding=binding, invalid_reasons=invalid, chunks_done=len(m["stats"]),
                        chunks_total=m["chunks"], objectives=tuple(m["objectives"]), axes=tuple(m.get("axes", ())))


# ---------------------------------------------------------------- the Pareto front of a sweep

def _objective_matrix(table, objectives) -> np.ndarray:
    """The objectives of a table's rows as columns to minimise ("-name" negated)."""
    cols = []
    for o in objectives:
        x = table.column(o.lstrip("-")).to_numpy(zero_copy_only=False).astype(np.float64)
        cols.append(-x if o.startswith("-") else x)
    return np.stack(cols, axis=1) if cols else np.empty((table.num_rows, 0))


def pareto_front(directory: str | Path, objectives: list[str] | tuple[str, ...] | None = None,
                 tolerance=None):
    """The Pareto front of the feasible designs of a sweep over ``objectives`` (output
    paths, minimised; ``"-path"`` maximises; default: the spec's), streamed chunk by
    chunk.  Returns a pyarrow Table of the front rows sorted by the first objective, near
    duplicates merged (:func:`merge_near_duplicates`; ``tolerance``: one value per
    objective in its output's unit, default the spec's ``pareto.tolerance`` when its
    objectives are these, else :func:`default_tolerance`)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    directory = Path(directory)
    m = read_manifest(directory)
    objectives = tuple(objectives or m["objectives"])
    for o in objectives:
        if o.lstrip("-") not in m["units"]:
            raise InputError("objectives", o, "a column of the results",
                             f"objectives: {o!r} is not a column of these results; columns: "
                             f"{', '.join(c for c in m['units'] if c in OUTPUTS)}")
    front = None
    for table in read_results(directory):
        table = table.filter(pc.fill_null(table.column("feasible"), False))
        if table.num_rows == 0:
            continue
        cand = table if front is None else pa.concat_tables([front, table])
        mask = pareto_mask(_objective_matrix(cand, objectives))
        front = cand.filter(pa.array(mask))
    if front is None:
        return None
    F = _objective_matrix(front, objectives)
    order = np.lexsort(F.T[::-1])
    if tolerance is None and tuple(m["objectives"]) == objectives:
        tolerance = parse_tolerance(m["spec"].get("pareto", {}).get("tolerance"), objectives, [])
    tol = default_tolerance(F) if tolerance is None else np.asarray(tolerance, dtype=np.float64)
    keep = order[merge_near_duplicates(F[order], tol)]
    return front.take(pa.array(keep))


def parse_tolerance(raw, objectives, problems: list) -> list[float] | None:
    """``pareto.tolerance``: one quantity per objective (``["10 kg", "0.1 K"]``), as
    magnitudes in the outputs' units; None when not given (problems appended)."""
    if raw is None:
        return None
    if not isinstance(raw, list) or len(raw) != len(objectives):
        problems.append(InputError("pareto.tolerance", raw, f"{len(objectives)} quantities, one per objective"))
        return None
    vals = [quantity_in(t, OUTPUTS[o.lstrip("-")], "pareto.tolerance", problems) for t, o in zip(raw, objectives)]
    return None if any(v is None for v in vals) else vals


# ---------------------------------------------------------------- one axis at a time

def _axis_ends(axis) -> tuple[list, np.ndarray]:
    """The values of an axis a tornado chart tries: its lowest and highest (every distinct
    value of a text or true/false axis), and the column that sizes them."""
    if axis.unit is None:
        ends = list(dict.fromkeys(axis.values.tolist()))
        col = np.empty(len(ends), dtype=object)
        col[:] = ends
        return ends, col
    ends = [float(np.min(axis.values)), float(np.max(axis.values))] if axis.kind == "values" \
        else [axis.low, axis.high]
    return ends, np.asarray(ends)


def tornado_data(spec: SweepSpec, output: str = "mass.total") -> list[tuple[str, str, str, float, float, float]]:
    """One-at-a-time sensitivity of ``output`` at the base design: for each axis, the
    output with the axis at its lowest and at its highest value (a text or true/false
    axis: at the feasible values giving the least and the most), the other fields at the
    base.  Returns (field, low label, high label, base value, low value, high value), the
    widest swing first.  Infeasible designs are left out: their value is NaN and their
    label says "infeasible" (a frozen loop is no option, however light); NaN too where the
    design has no value (a radiator colder than its sink)."""
    cache = group_cache(spec)
    base_out = size_columns(spec.base, {}, cache=cache, n=1)
    base = base_out[output][0] if base_out["feasible"][0] else np.nan
    out = []
    for a in spec.axes:
        ends, col = _axis_ends(a)
        res = size_columns(spec.base, {a.field: col}, cache=cache, n=len(col))
        vals = np.where(res["feasible"], res[output], np.nan)
        if a.unit is None and FIELDS[a.field].kind is not int and np.any(np.isfinite(vals)):
            lo_i, hi_i = int(np.nanargmin(vals)), int(np.nanargmax(vals))
        else:
            lo_i, hi_i = 0, len(ends) - 1
        label = (lambda x, u=a.unit: f"{x:.4g} {u}".strip()) if a.unit is not None else str

        def text(i, label=label, ends=ends, res=res):
            return label(ends[i]) + ("" if res["feasible"][i] else " (infeasible)")

        out.append((a.field, text(lo_i), text(hi_i), float(base), float(vals[lo_i]), float(vals[hi_i])))
    out.sort(key=lambda r: -(abs(r[5] - r[4]) if np.isfinite(r[5] - r[4]) else np.inf))
    return out


# ---------------------------------------------------------------- near-duplicate points

def merge_near_duplicates(objectives, tolerance) -> np.ndarray:
    """Indices of the rows of ``objectives`` (n × k, in the order to prefer: the front sorted
    by its first objective) kept after merging near duplicates: a row within ``tolerance``
    (one value per objective, or one for all) of a row already kept in *every* objective is
    dropped.  NaN never matches.

    >>> merge_near_duplicates([[1.0, 5.0], [1.0001, 4.9999], [2.0, 3.0]], [0.01, 0.01]).tolist()
    [0, 2]
    """
    F = np.asarray(objectives, dtype=np.float64)
    tol = np.broadcast_to(np.asarray(tolerance, dtype=np.float64), (F.shape[1],))
    kept: list[int] = []
    for i in range(F.shape[0]):
        if not kept or not np.any(np.all(np.abs(F[kept] - F[i]) <= tol, axis=1)):
            kept.append(i)
    return np.asarray(kept, dtype=np.int64)


def default_tolerance(objectives) -> np.ndarray:
    """Per objective, 0.1 % of its range over ``objectives`` (n × k): points closer than
    that in every objective are one design for the engineer (a design choice)."""
    F = np.asarray(objectives, dtype=np.float64)
    if F.size == 0:
        return np.zeros(F.shape[1] if F.ndim == 2 else 0)
    span = np.nanmax(F, axis=0) - np.nanmin(F, axis=0)
    return 1e-3 * np.where(np.isfinite(span), span, 0.0)
