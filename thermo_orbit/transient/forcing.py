"""The environment along the orbit as the orbit model sees it: absorbed fluxes per unit
area of radiator (both faces) and array, the Sun on the cells, the Sun's visible fraction
(:mod:`thermo_orbit.environment`, Gilmore 2002, ch. 2), at the steps of one orbit."""

from __future__ import annotations

import numpy as np

from .. import environment as env
from .. import orbit as orb
from ..power.solar_array import pointing_si
from ..thermal import radiator as rad
from .model import TransientModel, take

__all__ = ["forcing_si", "orbit_forcing", "FORCING_FIELDS"]

#: per-design fields the forcing depends on (with the model's orientation and pointing)
FORCING_FIELDS = ("a", "beta", "S", "albedo", "olr", "alpha_rad", "eps_rad", "alpha_arr", "eps_f", "eps_b")
_BLOCK = 256  # orbits computed together: their temporaries stay in cache


def forcing_si(m: TransientModel, u: np.ndarray) -> dict:
    """Environmental forcing at phases ``u`` [rad] (shape (D, K)): absorbed fluxes per unit
    area of radiator (both faces) and array [W/m²], the Sun on the cells [W/m²] and the
    Sun's visible fraction [dimensionless] (Gilmore 2002, ch. 2; Montenbruck & Gill 2000,
    Eq. 3.87 for the penumbra)."""
    a, b = m.a[:, None], m.beta[:, None]
    S, alb, olr = m.S[:, None], m.albedo[:, None], m.olr[:, None]
    lit = orb.sunlit_fraction_si(a, b, u)
    tA, azA = rad.attitude_si(m.orientation, b, u)
    eps_rad = m.eps_rad[:, None]
    alpha_rad, alpha_arr = m.alpha_rad[:, None], m.alpha_arr[:, None]
    qa, qb = env.plate_faces_si(a, b, u, tA, azA, alpha_rad, eps_rad, alpha_rad, eps_rad, S, alb, olr, lit)
    tf, azf, cos_inc = pointing_si(m.pointing, b, u)
    fa, fb = env.plate_faces_si(a, b, u, tf, azf, alpha_arr, m.eps_f[:, None], alpha_arr, m.eps_b[:, None], S, alb, olr,
                                lit)
    return dict(q_rad=sum(qa) + sum(qb), q_arr=sum(fa) + sum(fb), sun_cells=S * lit * np.maximum(cos_inc, 0.0),
                lit=lit)


def orbit_forcing(m: TransientModel, steps: int):
    """The forcing at the step starts and midpoints of one orbit, cached on the model
    (every shooting iteration integrates the same orbit) and computed once per distinct
    orbit and set of surface properties (:func:`forcing_si`, Gilmore 2002, ch. 2).
    Returns (forcing dict of (U, 2 steps + 1) arrays [W/m²], index (D,) of each design's
    row, or None when U = D)."""
    cache = m.__dict__.setdefault("_column_cache", {})
    key = ("forcing", steps)
    if key not in cache:
        u_nodes = np.linspace(0.0, 2 * np.pi, 2 * steps + 1)
        inputs = np.column_stack([np.asarray(getattr(m, name), dtype=np.float64) for name in FORCING_FIELDS])
        distinct, first, which = np.unique(inputs, axis=0, return_index=True, return_inverse=True)
        rows = first if distinct.shape[0] < inputs.shape[0] else np.arange(inputs.shape[0])
        blocks = []
        for start in range(0, rows.size, _BLOCK):
            block = rows[start:start + _BLOCK]
            blocks.append(forcing_si(take(m, block), np.broadcast_to(u_nodes, (block.size, u_nodes.size))))
        F = {k: np.concatenate([b[k] for b in blocks]) for k in blocks[0]}
        cache[key] = (F, np.asarray(which).ravel() if rows is first else None)
    return cache[key]
