"""Design sweeps: a spec of axes over a base design, run chunk by chunk into a results
folder, and read back as a summary, a Pareto front, the best designs and plots.

The modules:

- :mod:`~thermo_orbit.sweeps.spec`: the TOML spec (:func:`load_sweep_spec`) and the designs it names;
- :mod:`~thermo_orbit.sweeps.axes`: one axis (values, a range or bounds), checked as a design file is;
- :mod:`~thermo_orbit.sweeps.engine`: chunk evaluation, :func:`run_sweep` and the finishing steps;
- :mod:`~thermo_orbit.sweeps.store`: the results folder (manifest, Parquet chunks, lock, estimate);
- :mod:`~thermo_orbit.sweeps.dask`: the scheduler address, the Dask client, chunks on workers;
- :mod:`~thermo_orbit.sweeps.analysis`: summary, Pareto front, one-at-a-time sensitivity;
- :mod:`~thermo_orbit.sweeps.plots`: the Pareto and tornado plots;
- :mod:`~thermo_orbit.sweeps.optimize_spec`, :mod:`~thermo_orbit.sweeps.optimize`,
  :mod:`~thermo_orbit.sweeps.optimize_report`: the optimiser (``[optimize]``), its search and files;
- :mod:`~thermo_orbit.sweeps.sensitivity`: Sobol indices over the axes (``[sensitivity]``);
- :mod:`~thermo_orbit.sweeps.export`: CSV with units in the headers.

The usage is in the user guide (docs/sweeps.md); ``thermo-orbit sweep`` and
``thermo-orbit pareto`` are :mod:`thermo_orbit.cli.sweep`.
"""

from .analysis import SweepSummary, merge_fronts, pareto_front, pareto_mask, summarize, tornado_data
from .axes import Axis
from .dask import check_scheduler_address, dask_client, payload_hash, run_dask
from .engine import evaluate_chunk, export_best, finish_sweep, pareto_folder, run_sweep, write_chunk
from .export import write_results_csv
from .optimize import OptimizeResult, optimize
from .optimize_report import write_optimum
from .optimize_spec import OptimizeSpec, load_optimize_spec
from .plots import plot_pareto, plot_tornado
from .sensitivity import SensitivityResult, sensitivity, write_sensitivity
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
    "plot_pareto", "plot_tornado", "pareto_folder", "write_results_csv",
    # optimisation and sensitivity
    "OptimizeSpec", "load_optimize_spec", "optimize", "OptimizeResult", "write_optimum",
    "sensitivity", "SensitivityResult", "write_sensitivity",
]
