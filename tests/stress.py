"""Stress run of the invariants (issue 16): random designs over every field's documented
range and every material choice, sized in batches; reports the exceptions raised and the
invariants broken (both must be 0), and the binding constraints tallied.

    .venv/bin/python tests/stress.py [--designs 100000] [--per-group 1000] [--seed 0]

Not part of the test suite (a few minutes); tests/test_reliability.py runs the same
properties on a small sample with hypothesis.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import invariants as inv


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--designs", type=int, default=100_000)
    parser.add_argument("--per-group", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    stats: dict = {}
    found: list[str] = []
    errors: list[str] = []
    t0 = time.perf_counter()
    while stats.get("designs", 0) < args.designs:
        f, e = inv.run_random(rng, groups=1, per_group=args.per_group, stats=stats)
        found += f
        errors += e
    seconds = time.perf_counter() - t0
    print(f"{stats['designs']:,} designs in {seconds:.0f} s ({stats.get('rejected_groups', 0)} groups of random "
          f"non-kernel fields refused by the design check, each with a message naming the field)")
    print(f"feasible: {stats['feasible']:,}")
    print("binding constraints: " + ", ".join(f"{k} {v:,}" for k, v in
                                             sorted(stats["binding"].items(), key=lambda kv: -kv[1])))
    print(f"exceptions: {len(errors)}")
    for text in sorted(set(errors))[:20]:
        print(f"  {text}")
    print(f"violated invariants: {len(found)}")
    for text in sorted(set(found))[:20]:
        print(f"  {text}")
    return 1 if errors or found else 0


if __name__ == "__main__":
    sys.exit(main())
