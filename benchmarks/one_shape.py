"""One extraction of one scaling shape, in a fresh process: CPU and wall seconds.

    python benchmarks/one_shape.py siblings 20 [--corpus ../shared/datasets/wcxb-dev]

``benchmarks/speed.py`` times every shape and size in one process, after
trafilatura's runs on the same pages, and a 20 MB point there is a single run.
Session 8 read siblings-20 at 3.2 s there and 1.9-2.8 s here; session 9 timed it
twice in one process, with and without trafilatura's run before it, and found no
difference (2.43-2.62 s both ways): the gap was this machine's drift, not the
process.  This gives one shape's figure without the whole run, timed the way a
batch worker meets such a page: a process that
has extracted a few corpus pages first (so the patterns each step compiles on first use are
compiled, as they are in speed.py's scaling run, which warms up on every shape).  The shapes are
speed.py's own builders.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import speed  # noqa: E402

WARM_UP_PAGES = 3
SHAPES = ("grown", "siblings", "nested", "text-node", "table")  # speed.shape_builders' names


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("shape", choices=SHAPES)
    ap.add_argument("megabytes", type=float)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "datasets" / "wcxb-dev",
                    help="pages whose bodies the grown shape concatenates")
    args = ap.parse_args(argv)
    html = speed.shape_builders(args.corpus)[args.shape](int(args.megabytes * 1_000_000))
    import newsclean

    for page in speed.load_corpus(args.corpus, WARM_UP_PAGES):
        newsclean.extract(*page)
    cpu, wall = time.process_time(), time.perf_counter()
    newsclean.extract(html)
    print(f"{args.shape} {args.megabytes:g} MB ({len(html):,} bytes): cpu {time.process_time() - cpu:.2f} s, "
          f"wall {time.perf_counter() - wall:.2f} s ({newsclean.__file__})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
