"""Results do not move where no model changed: every number of ``size --json`` of the
example designs and every output of a fixed random batch equal the stored outputs
(tests/reference/stored_outputs.py, regenerated only with a model change that says why)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from reference import stored_outputs as ref


@pytest.fixture(scope="module")
def stored():
    with np.load(ref.FILE) as data:
        return {k: data[k] for k in data.files}


def _numbers(tree, path=""):
    """Every number of a JSON tree by its path (text leaves are not compared)."""
    if isinstance(tree, dict):
        for k, v in tree.items():
            yield from _numbers(v, f"{path}.{k}" if path else k)
    elif isinstance(tree, list):
        for i, v in enumerate(tree):
            yield from _numbers(v, f"{path}[{i}]")
    elif isinstance(tree, (int, float)) and not isinstance(tree, bool):
        yield path, float(tree)


@pytest.mark.parametrize("name", ref.EXAMPLES)
def test_example_designs_size_as_stored(stored, name):
    from thermo_orbit import size

    now = dict(_numbers(size(ref._design(name)).to_dict()))
    before = dict(_numbers(json.loads(str(stored[f"example/{name}"]))))
    assert now.keys() >= before.keys(), sorted(before.keys() - now.keys())
    moved = {k: (before[k], now[k]) for k in before if now[k] != before[k]}
    assert not moved, moved


def test_random_batch_sizes_as_stored(stored):
    from thermo_orbit import size_batch

    for group, base, cols in ref.batch_inputs():
        out = size_batch(base, cols)
        for path, value in out.items():
            before = stored[f"batch/{group}/{path}"]
            now = np.asarray(getattr(value, "magnitude", value))
            if path == "binding_constraint":
                assert list(now.astype(str)) == list(before), (group, path)
            else:
                np.testing.assert_array_equal(now, before, err_msg=f"{group} {path}")
