"""Design sweeps: a spec of axes over a base design, run chunk by chunk into a results
folder, and read back as a summary, a Pareto front, the best designs and plots.

The modules:

- :mod:`~thermo_orbit.sweeps.spec`: the TOML spec (:func:`load_sweep_spec`) and the designs it names;
- :mod:`~thermo_orbit.sweeps.axes`: one axis (values, a range or bounds), checked as a design file is;
- :mod:`~thermo_orbit.sweeps.engine`: chunk evaluation, :func:`run_sweep` and the finishing steps;
- :mod:`~thermo_orbit.sweeps.store`: the results folder (manifest, Parquet chunks, lock, estimate);
- :mod:`~thermo_orbit.sweeps.dask`: the scheduler address, the Dask client, chunks on workers;
- :mod:`~thermo_orbit.sweeps.analysis`: summary, Pareto front, one-at-a-time sensitivity;
- :mod:`~thermo_orbit.sweeps.plots`: the Pareto and tornado plots.

The usage is in the user guide (docs/sweeps.md); ``thermo-orbit sweep`` and
``thermo-orbit pareto`` are :mod:`thermo_orbit.cli.sweep`.
"""

from .analysis import SweepSummary, merge_fronts, pareto_front, pareto_mask, summarize, tornado_data
from .axes import Axis
from .dask import check_scheduler_address, dask_client, payload_hash, run_dask
from .engine import evaluate_chunk, export_best, finish_sweep, run_sweep, write_chunk
from .plots import plot_pareto, plot_tornado
from .spec import SAMPLE_BLOCK, SweepSpec, design_columns, load_sweep_spec, parse_sweep_spec, spec_from_payload
from .store import (
                    LARGE_BYTES,
                    LARGE_DESIGNS,
                    MANIFEST,
                    SweepError,
                    SweepEstimate,
                    check_directory,
                    chunk_ok,
                    chunk_path,
                    column_units,
                    estimate_sweep,
                    lock_directory,
                    read_manifest,
                    read_results,
                    remove_stale_temporaries,
)

__all__ = [
    # spec
    "SweepSpec", "Axis", "load_sweep_spec", "parse_sweep_spec", "design_columns", "spec_from_payload",
    "SAMPLE_BLOCK",
    # running
    "run_sweep", "evaluate_chunk", "write_chunk", "finish_sweep", "export_best", "estimate_sweep",
    "SweepEstimate", "SweepError", "LARGE_DESIGNS", "LARGE_BYTES",
    # Dask
    "check_scheduler_address", "dask_client", "run_dask", "payload_hash",
    # the results folder
    "read_results", "column_units", "read_manifest", "lock_directory", "check_directory",
    "remove_stale_temporaries", "chunk_path", "chunk_ok", "MANIFEST",
    # analysis and plots
    "SweepSummary", "summarize", "pareto_front", "pareto_mask", "merge_fronts", "tornado_data",
    "plot_pareto", "plot_tornado",
]
