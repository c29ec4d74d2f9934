#!/usr/bin/env python3
"""What the web forms (/admin/) cost a build: the generated site at N entries (3,000 unless
told) built cold with the forms (node_modules found: config.yml made from the models, the CMS
bundle, the yaml library and our scripts copied in) and without them, alternating, --repeat
times each; prints the medians of wall time and of CPU time (user + system of the build and its
worker processes: steadier than wall time on a shared machine) and their ratios. Issue #14's
rule: within 5 %.

    .venv/bin/python scripts/bench_forms.py --size 3000 --repeat 5
"""
from __future__ import annotations

import argparse
import resource
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/wenming-bench-forms"))
    args = ap.parse_args()
    if not (ROOT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js").is_file():
        print("node_modules/decap-cms is missing: run npm ci --ignore-scripts first", file=sys.stderr)
        return 1
    project = bench.our_project(args.size, args.workdir, 1)
    base = dict(bench.ENV)
    runs: dict[str, list[float]] = {"with": [], "without": []}
    cpu: dict[str, list[float]] = {"with": [], "without": []}
    for i in range(args.repeat * 2):
        which = "with" if i % 2 == 0 else "without"
        modules = ROOT / "node_modules" if which == "with" else args.workdir / "no-node-modules"
        bench.ENV = {**base, "WENMING_NODE_MODULES": str(modules)}
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        runs[which].append(bench.build(project, cold=True)[0])
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu[which].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        admin = project / "site" / "admin"
        assert (admin / "config.yml").is_file() == (which == "with"), "the forms were not where expected"
        print(f"{which:8} {runs[which][-1]:.1f} s wall, {cpu[which][-1]:.1f} s CPU", file=sys.stderr, flush=True)
    for name, got in (("wall", runs), ("CPU", cpu)):
        w, wo = statistics.median(got["with"]), statistics.median(got["without"])
        print(f"N={args.size} {name}: with the forms {w:.1f} s, without {wo:.1f} s, ratio {w / wo:.3f} "
              f"(runs with {', '.join(f'{t:.1f}' for t in got['with'])}; "
              f"without {', '.join(f'{t:.1f}' for t in got['without'])})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
