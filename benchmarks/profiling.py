"""Where newsclean spends its time: per-step trace averages and a cProfile of whole extractions.

(Not named profile.py: run as a script, that file would shadow the standard library module
``profile`` that ``cProfile`` imports.)

    python benchmarks/profiling.py /work/shared/datasets/wcxb-dev [--limit N] [--profile-pages 400]

Two views, printed as Markdown:

* ``extract(..., trace=True)`` over the corpus: the mean ms per page of
  every named step (the trace's own clock), and the share of the whole
  extraction they cover;
* cProfile of ``extract()`` (without trace) over the first
  ``--profile-pages`` pages: the cumulative time of the stages that the
  trace does not time (decoding, parsing, metadata, segmentation, scoring)
  and the functions with the most time of their own.

Pages are loaded into memory first, so reading and gunzipping stay out.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Sequence

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.speed import load_corpus  # noqa: E402

PROFILE_PAGES = 400
TOP = 20
# Stages located by (file suffix, function name) in the profile: cumulative time, so they nest.
STAGES = (
    ("whole extract()", "newsclean/extractor.py", "run"),
    ("decode bytes", "newsclean/encoding.py", "decode"),
    ("  charset detector", "newsclean/encoding.py", "detect"),
    ("parse (Lexbor + depth cap)", "newsclean/dom.py", "parse"),
    ("metadata", "newsclean/metadata.py", "extract_metadata"),
    ("pipelines (pre + post)", "newsclean/pipeline.py", "__call__"),
    ("  token index (class/id words)", "newsclean/dom.py", "token_index"),
    ("  dom.remove", "newsclean/dom.py", "remove"),
    ("  phrase labels", "newsclean/cleaners/phrases.py", "labels"),
    ("  phrase sections (climb)", "newsclean/cleaners/phrases.py", "section_of"),
    ("segment (twice: scoring and blocks)", "newsclean/segment.py", "segment"),
    ("scoring", "newsclean/scoring.py", "best"),
    ("blocks to Article", "newsclean/extractor.py", "to_blocks"),
)


def step_means(docs: Sequence[tuple[bytes, str | None]], trace: bool) -> tuple[dict[str, float], float]:
    """Mean ms per page of every step, and of the whole extraction.

    With ``trace`` the steps also pay for recording what they removed (a CSS
    path and a text sample per node); without it, the step clocks come from
    ``Extractor.run().ctx.trace``, which the pipeline fills either way.
    """
    import newsclean

    sums: dict[str, float] = defaultdict(float)
    total = 0.0
    for data, url in docs:
        start = time.perf_counter()
        steps = newsclean.DEFAULT.run(data, url, trace=trace).ctx.trace
        total += time.perf_counter() - start
        for step in steps:
            sums[step.name] += step.ms
    n = len(docs) or 1
    return {k: v / n for k, v in sums.items()}, total * 1000 / n


def profile(docs: Sequence[tuple[bytes, str | None]]) -> pstats.Stats:
    import newsclean

    newsclean.extract(b"<html><body><p>warm up</p></body></html>")
    prof = cProfile.Profile()
    prof.enable()
    for data, url in docs:
        newsclean.extract(data, url=url)
    prof.disable()
    return pstats.Stats(prof)


def stage_times(stats: pstats.Stats, n: int) -> list[tuple[str, float, int]]:
    """(stage, cumulative ms per page, calls per page) for each stage found in the profile."""
    out = []
    raw = stats.stats  # type: ignore[attr-defined]
    for label, suffix, func in STAGES:
        cum, calls = 0.0, 0
        for (file, _, name), (_, ncalls, _, ct, _) in raw.items():
            if name == func and file.replace("\\", "/").endswith(suffix):
                cum += ct
                calls += ncalls
        if calls:
            out.append((label, cum * 1000 / n, calls // n if calls >= n else calls))
    return out


def hot_spots(stats: pstats.Stats, n: int, top: int = TOP) -> list[tuple[str, float, float, float]]:
    """The functions with the most time of their own: (where, self ms/page, cumulative ms/page, calls/page)."""
    rows = []
    for (file, line, name), (_, ncalls, tt, ct, _) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append((_where(file, line, name), tt * 1000 / n, ct * 1000 / n, ncalls / n))
    rows.sort(key=lambda r: -r[1])
    return rows[:top]


def _where(file: str, line: int, name: str) -> str:
    if file == "~":
        return name  # a builtin or C method, e.g. "<method 'css' of 'selectolax.lexbor.LexborNode' objects>"
    short = file.replace("\\", "/")
    for marker in ("newsclean/", "site-packages/"):
        if marker in short:
            short = short[short.index(marker):].removeprefix("site-packages/")
            break
    return f"{short}:{line} {name}"


def profile_report(folder: Path, limit: int | None = None, profile_pages: int = PROFILE_PAGES) -> str:
    """Both views as Markdown."""
    docs = load_corpus(folder, limit)
    means, traced_total = step_means(docs, trace=True)
    plain, plain_total = step_means(docs, trace=False)
    sub = docs[:profile_pages]
    stats = profile(sub)
    n = len(sub)
    lines = [f"Corpus `{folder.name}`, {len(docs)} pages. Mean ms per page of each step (the pipeline's own "
             f"clock), with `trace=True` (whole extraction {traced_total:.1f} ms/page, including the trace's "
             f"bookkeeping) and without (whole extraction {plain_total:.1f} ms/page; `select-content` is only "
             "timed with trace). Steps in pipeline order:", "",
             "| step | trace=True ms | share | trace=False ms | share |", "| --- | ---: | ---: | ---: | ---: |"]
    for name, ms in means.items():
        bare = plain.get(name)
        bare_cells = f"{bare:.2f} | {bare / plain_total:.0%}" if bare is not None else "n/a | "
        lines.append(f"| {name} | {ms:.2f} | {ms / traced_total:.0%} | {bare_cells} |")
    untraced = traced_total - sum(means.values())
    plain_rest = plain_total - sum(plain.values()) - means.get("select-content", 0.0)
    lines += [f"| (outside the steps: decode, parse, metadata, final segmentation, Article) | {untraced:.2f} | "
              f"{untraced / traced_total:.0%} | {plain_rest:.2f} | {plain_rest / plain_total:.0%} |", "",
              f"cProfile of `extract()` over the first {n} pages (profiler overhead inflates Python-heavy "
              "code; compare rows with each other, not with the throughput table). Stages, cumulative:", "",
              "| stage | ms/page | calls/page |", "| --- | ---: | ---: |"]
    lines += [f"| {label} | {ms:.2f} | {calls} |" for label, ms, calls in stage_times(stats, n)]
    lines += ["", f"Top {TOP} functions by own time:", "",
              "| function | own ms/page | cumulative ms/page | calls/page |", "| --- | ---: | ---: | ---: |"]
    lines += [f"| `{w}` | {tt:.2f} | {ct:.2f} | {calls:.1f} |" for w, tt, ct, calls in hot_spots(stats, n)]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path, help="one corpus folder (truth.jsonl + html/)")
    ap.add_argument("--limit", type=int, default=None, help="at most this many pages for the trace view")
    ap.add_argument("--profile-pages", type=int, default=PROFILE_PAGES, help="pages run under cProfile")
    args = ap.parse_args(argv)
    print(profile_report(args.corpus, args.limit, args.profile_pages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
