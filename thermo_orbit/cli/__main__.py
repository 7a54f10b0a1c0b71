"""``python -m thermo_orbit.cli``: the command line, as the ``thermo-orbit`` script."""

import sys

from . import main

if __name__ == "__main__":  # pragma: no cover - imported by tools that walk the package
    sys.exit(main())
