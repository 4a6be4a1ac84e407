"""Instruction counts of newsclean and trafilatura under callgrind: a speed ratio the machine's load cannot move.

    python benchmarks/instructions.py ../shared/datasets [--pages 20] [--skip block-model]

Runs three child interpreters under ``valgrind --tool=callgrind``: one that
only loads the pages and warms both extractors up, one that also extracts
every page with newsclean (fallback off: the fallback *is* trafilatura), one
with trafilatura at its defaults.  Each extractor's own count is its run minus
the first; the ratio is trafilatura's over newsclean's.  Pages: the first
``--pages``/2 of wcxb-dev and of trafilatura-eval.  Slow (callgrind runs ~50x
slower): 20 pages take a few minutes.  Needs valgrind (Debian's package).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODES = ("none", "newsclean", "trafilatura")


def child(folder: str, pages: int, mode: str, skip: tuple[str, ...] = ()) -> None:
    sys.path.insert(0, str(ROOT))
    from benchmarks.speed import load_corpus  # noqa: PLC0415
    import newsclean  # noqa: PLC0415
    import trafilatura  # noqa: PLC0415
    from newsclean.extractor import Extractor  # noqa: PLC0415

    docs = []
    for name in ("wcxb-dev", "trafilatura-eval"):
        docs += load_corpus(Path(folder) / name, pages // 2 + 3)
    warm, docs = docs[-3:], [d for d in docs if d not in docs[-3:]][:pages]
    ex = Extractor(fallback=None)
    if skip:  # measure what a step costs: the run without it
        ex = Extractor(pre=ex.pre.disable(*(s for s in skip if s in ex.pre)),
                       post=ex.post.disable(*(s for s in skip if s in ex.post)), fallback=None)
    for data, url in warm:  # lazy imports and first-use caches stay out of the counts
        newsclean.extract(data, url=url, extractor=ex)
        trafilatura.extract(data, url=url)
    for data, url in docs:
        if mode == "newsclean":
            newsclean.extract(data, url=url, extractor=ex)
        elif mode == "trafilatura":
            trafilatura.extract(data, url=url)


def count(folder: str, pages: int, mode: str, skip: tuple[str, ...] = ()) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/cg.out",
                              sys.executable, __file__, folder, "--pages", str(pages), "--child", mode,
                              "--skip", ",".join(skip)],
                             capture_output=True, text=True, check=True)
    found = re.search(r"Collected : (\d+)", out.stderr)
    if not found:
        raise RuntimeError(f"no instruction count in valgrind's output:\n{out.stderr[-2000:]}")
    return int(found.group(1))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder")
    ap.add_argument("--pages", type=int, default=20)
    ap.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    ap.add_argument("--skip", default="", help="comma-separated newsclean steps to leave out (what a step costs)")
    args = ap.parse_args(argv)
    skip = tuple(s for s in args.skip.split(",") if s)
    if args.child:
        child(args.folder, args.pages, args.child, skip)
        return 0
    base, ours, theirs = (count(args.folder, args.pages, m, skip) for m in MODES)
    nc, tr = ours - base, theirs - base
    print(f"pages: {args.pages}; instructions (millions): baseline {base / 1e6:,.0f}, newsclean {nc / 1e6:,.0f}, "
          f"trafilatura {tr / 1e6:,.0f}; trafilatura / newsclean = {tr / nc:.2f}x")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")  # the same hash order in every child: counts repeat
    sys.exit(main())
