"""β angle and eclipse season over a year: a dawn-dusk orbit against an ISS-like orbit.

The default design's orbit (550 km, sun-synchronous, ascending node at 18:00) keeps the
orbit plane near the terminator: β stays high and the orbit sees an eclipse only in a
season around the June solstice, when the Sun's declination tilts β below the critical
angle.  An ISS-like orbit (400 km, 51.6 deg) has its node drifting about 5 deg per day,
so β swings through zero about once a month and eclipses last up to about 36 minutes on
nearly every day of the year.  For each orbit this prints the β range, the longest
eclipse (cylindrical shadow and conical umbra), the days with an eclipse and the eclipse
season, and optionally saves a plot of β and eclipse duration against the date.

Run::

    .venv/bin/python examples/beta_season.py                 # daily samples over 365 days
    .venv/bin/python examples/beta_season.py --step 5        # every 5 days (faster)
    .venv/bin/python examples/beta_season.py --plot beta.png # and save a PNG
"""

from __future__ import annotations

import argparse
import sys

from thermo_orbit import Q_, beta_angle_over_year, critical_beta, default_design_path, load_design
from thermo_orbit.summary import orbit_environment_summary


def designs():
    """The default design and an ISS-like variant of it (same start date)."""
    design = load_design(default_design_path())
    iss_like = design.with_fields({"orbit.sun_synchronous": False, "orbit.altitude": "400 km",
                                   "orbit.inclination": "51.6 deg", "orbit.raan": "0 deg"})
    return {f"default design ({design['orbit.altitude'].to('km').magnitude:g} km SSO, "
            f"LTAN {design['orbit.ltan']})": design,
            "ISS-like (400 km, 51.6 deg)": iss_like}


def summarise(name, design, days, step_days):
    """Print β and eclipse figures of one design's orbit; return its history."""
    orbit = design.orbit()
    history = beta_angle_over_year(orbit, days=days, step=Q_(step_days, "day"))
    beta = history.beta.to("deg").magnitude
    n_eclipse = history.days_with_eclipse
    print(name)
    print(f"  inclination            {orbit.inclination.to('deg').magnitude:8.2f} deg")
    print(f"  period                 {history.period.to('min').magnitude:8.2f} min")
    print(f"  critical beta          {critical_beta(orbit.altitude).to('deg').magnitude:8.2f} deg"
          "  (no eclipse above it)")
    print(f"  beta range             {beta.min():8.2f} deg to {beta.max():.2f} deg")
    print(f"  longest eclipse        {history.max_eclipse_duration.to('min').magnitude:8.2f} min (cylindrical shadow)")
    print(f"  longest umbra          {history.umbra_duration.max().to('min').magnitude:8.2f} min (conical shadow)")
    print(f"  days with eclipse      {n_eclipse * step_days:8.0f} day of {days:g} day"
          f" (sampled every {step_days:g} day)")
    # the season over the first year at daily steps, as `thermo-orbit summary` prints it
    print(f"  eclipse season         {orbit_environment_summary(design).eclipse_season}")
    print()
    return history


def plot(histories, path):
    """Save β and eclipse duration against the date to ``path`` (PNG)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (ax_b, ax_e) = plt.subplots(2, 1, sharex=True, figsize=(9, 6))
    for name, h in histories.items():
        t = h.time.astype("datetime64[D]")
        ax_b.plot(t, h.beta.to("deg").magnitude, label=name)
        ax_e.plot(t, h.eclipse_duration.to("min").magnitude, label=name)
    ax_b.set_ylabel("β [deg]")
    ax_e.set_ylabel("eclipse per orbit [min]")
    ax_b.legend(fontsize="small")
    ax_b.grid(alpha=0.3)
    ax_e.grid(alpha=0.3)
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=float, default=365.0, help="span in days (default 365)")
    parser.add_argument("--step", type=float, default=1.0, help="sampling step in days (default 1; larger is faster)")
    parser.add_argument("--plot", help="save a PNG of β and eclipse duration to this path")
    args = parser.parse_args(argv)

    histories = {name: summarise(name, design, args.days, args.step) for name, design in designs().items()}
    if args.plot:
        plot(histories, args.plot)
        print(f"plot saved to {args.plot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
