"""Validation of thermo-orbit against published values.

The cases live in ``cases.toml`` next to this package: each names a published value with
its source, the inputs the source gives, a tolerance, and an *evaluator*, a key into
:data:`EVALUATORS`, a small function that calls the public thermo-orbit API with the inputs
and returns a pint Quantity.  The package only computes and renders; it prints nothing.

The modules:

- :mod:`~thermo_orbit.validation.evaluators`: the one registry of evaluators, :class:`ValidationDataError`;
- ``evaluators_orbit``, ``evaluators_thermal``, ``evaluators_power``, ``evaluators_survivability``:
  the evaluators, by family;
- :mod:`~thermo_orbit.validation.runner`: :func:`load_cases`, :func:`run_cases`, :class:`CaseResult`;
- :mod:`~thermo_orbit.validation.report`: the numbers as printed, :func:`validation_markdown`;
- :mod:`~thermo_orbit.validation.plots`: :func:`validation_plots`.

>>> results = run_cases([c for c in load_cases() if c["id"] == "orbit-period-geostationary"])
>>> results[0].passed
True

``thermo-orbit validate --markdown docs/validation.md --plots docs/validation`` writes the
report (:func:`validation_markdown`) and its figures (:func:`validation_plots`).
"""

from .evaluators import EVALUATORS, Evaluator, ValidationDataError
from .plots import plot_files, validation_plots
from .report import format_computed, format_error, format_tolerance, validation_markdown
from .runner import CASES_FILE, FAMILIES, CaseResult, load_cases, run_cases

__all__ = [
    "CASES_FILE",
    "EVALUATORS",
    "Evaluator",
    "FAMILIES",
    "CaseResult",
    "ValidationDataError",
    "format_computed",
    "format_error",
    "format_tolerance",
    "load_cases",
    "plot_files",
    "run_cases",
    "validation_markdown",
    "validation_plots",
]
