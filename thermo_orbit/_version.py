"""The version of thermo-orbit, in one place: the package exports it, the packaging reads it
(``pyproject.toml``: ``version = {attr = ...}``), and the sweep results record it, without
importing the whole package."""

__version__ = "0.1.0"
