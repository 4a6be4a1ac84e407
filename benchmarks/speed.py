"""Speed of newsclean beside its peers: throughput, memory, import time, and time against page size.

    python benchmarks/speed.py /work/shared/datasets

One run measures everything the results file reports, because the machine
is shared and noisy: absolute figures move from run to run, while ratios
taken inside one run (where noise hits every extractor alike) hold.

* throughput: every page of a corpus is loaded into memory first, one
  warm-up pass runs every extractor over it, then ``--rounds`` rounds run
  every extractor on every page, the order of extractors rotating from page
  to page and reversed in odd rounds;
* memory: each extractor runs in a fresh subprocess over the whole memory
  corpus (wcxb-dev), reading pages from disk one at a time, and reports its
  peak RSS and the RSS every ``--rss-every`` pages;
* import time of ``newsclean`` (and of trafilatura for scale), fresh subprocesses;
* scaling: time per page from 1 KB to 20 MB for real pages grown by
  concatenation and for pathological shapes, with the log-log slope fitted
  over sizes of 100 KB and more;
* a profile of newsclean (see ``benchmarks/profiling.py``).

The report names the newsclean build that ran (pure Python, or compiled with
mypyc: docs/compiled.md).  ``--build NAME=PATH`` (repeatable) adds the
newsclean importable from PATH (a ``pip install --target`` of a wheel, or a
source tree) as the extractor ``newsclean[NAME]``, served by a subprocess
that times each page itself, so that two builds and the peers are
interleaved page by page in one run; ``--extractors`` picks who runs.

Writes ``speed.md`` and ``speed.png`` into ``--out`` (default benchmarks/results).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import logging
import math
import os
import pickle
import platform
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path
from typing import Callable, Iterable, Sequence

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.corpus import corpora, pages  # noqa: E402

Extract = Callable[[bytes, "str | None"], str]

KB = 1024
MB = 1024 * KB
SIZES = (1 * KB, 10 * KB, 100 * KB, 300 * KB, 1 * MB, 3 * MB, 10 * MB, 20 * MB)
FIT_FROM = 100 * KB  # the exponent is fitted on sizes from here up: below, fixed costs dominate
LINEAR_LIMIT = 1.1  # newsclean's fitted exponent must not exceed this
BIG_PAGE_LIMIT_S = 2.0  # nor may a 20 MB page take longer than this
PEER_BUDGET_S = 60.0  # a peer's predicted time for the next size above this: its larger sizes are skipped
MIN_SAMPLE_S = 0.3  # small pages are repeated until this much time is spent, and the fastest run is kept
MEMORY_CORPUS = "wcxb-dev"
MAX_NEST = 10_000  # the nested shape's depth stops here; depth_probe() goes beyond
DEPTHS = (2_500, 5_000, 10_000, 20_000, 40_000, 80_000)
DEPTH_BUDGET_S = 20.0  # depth_probe stops after a depth that took longer than this


# -- the extractors ---------------------------------------------------------------------------------
def _newsclean() -> Extract:
    import newsclean

    return lambda data, url: newsclean.extract(data, url=url).text


def _trafilatura(fast: bool) -> Callable[[], Extract]:
    def make() -> Extract:
        import trafilatura

        logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
        return lambda data, url: trafilatura.extract(data, url=url, fast=fast) or ""

    return make


def _readability() -> Extract:
    from readability import Document

    logging.getLogger("readability").setLevel(logging.CRITICAL)
    return lambda data, url: Document(data, url=url).summary()


def _resiliparse() -> Extract:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding

    return lambda data, url: extract_plain_text(bytes_to_str(data, detect_encoding(data)), main_content=True)


# name -> factory; the factory imports lazily so that a memory subprocess loads only its own library
EXTRACTORS: dict[str, Callable[[], Extract]] = {
    "newsclean": _newsclean,
    "trafilatura": _trafilatura(False),
    "trafilatura-fast": _trafilatura(True),
    "readability-lxml": _readability,
    "resiliparse": _resiliparse,
}
SCALING_EXTRACTORS = ("newsclean", "trafilatura")


def build_of(package: str = "newsclean") -> str:
    """Which build of ``package`` this process imported: ``pure`` or ``compiled (N modules)``.

    Counts the imported modules of the package that were loaded from an extension (a mypyc ``.so``)."""
    compiled = [m for name, m in list(sys.modules.items())
                if (name == package or name.startswith(package + "."))
                and str(getattr(m, "__file__", "") or "").endswith(tuple(EXTENSION_SUFFIXES))]
    return f"compiled ({len(compiled)} modules)" if compiled else "pure"


class BuildWorker:
    """newsclean from another import path, in a subprocess that times each extraction itself.

    One interpreter cannot import two builds of one package, so each build compared in a run
    lives in its own process; pages go over a pipe, and only the child's own clock around
    ``newsclean.extract`` is counted (the pipe is not)."""

    def __init__(self, path: str) -> None:
        env = _env()
        env["PYTHONPATH"] = os.pathsep.join([path, str(ROOT)])  # the build first; benchmarks/ from ROOT
        self.proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), ".", "--serve-build"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, cwd="/")
        self.build = self._ask(None)[2]

    def _ask(self, request: tuple[bytes, str | None] | None) -> tuple[float, bool, str]:
        blob = pickle.dumps(request)
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(len(blob).to_bytes(8, "little") + blob)
        self.proc.stdin.flush()
        size = int.from_bytes(self.proc.stdout.read(8), "little")
        return pickle.loads(self.proc.stdout.read(size))

    def timed(self, data: bytes, url: str | None) -> tuple[float, bool, str]:
        """(seconds the child spent in extract, whether it succeeded, the text)."""
        return self._ask((data, url))

    def __call__(self, data: bytes, url: str | None) -> str:
        return self.timed(data, url)[2]


def serve_build() -> None:
    """The child side of :class:`BuildWorker`: answer timing requests until stdin closes."""
    import newsclean

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer

    def reply(answer: tuple[float, bool, str]) -> None:
        blob = pickle.dumps(answer)
        stdout.write(len(blob).to_bytes(8, "little") + blob)
        stdout.flush()

    first = True
    while head := stdin.read(8):
        request = pickle.loads(stdin.read(int.from_bytes(head, "little")))
        if first:  # the handshake: which build was imported
            reply((0.0, True, build_of()))
            first = False
            continue
        data, url = request
        start = time.perf_counter()
        try:
            text, ok = newsclean.extract(data, url=url).text, True
        except Exception:
            text, ok = "", False
        reply((time.perf_counter() - start, ok, text))


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version()}
    for dist in ("selectolax", "trafilatura", "readability-lxml", "resiliparse", "lxml", "regex"):
        try:
            out[dist] = version(dist)
        except PackageNotFoundError:
            out[dist] = "missing"
    import newsclean

    out["newsclean"] = f"{newsclean.__version__} ({_git_head()}, {build_of()} build)"
    return out


def _git_head() -> str:
    try:
        return subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown commit"


# -- throughput -------------------------------------------------------------------------------------
@dataclass
class Throughput:
    """Seconds each extractor spent on one corpus, summed over the measured rounds."""

    corpus: str
    pages: int
    rounds: int
    seconds: dict[str, float] = field(default_factory=dict)
    per_page: dict[str, list[float]] = field(default_factory=dict)  # fastest round, per page
    failures: dict[str, int] = field(default_factory=dict)

    def pages_per_s(self, name: str) -> float:
        return self.pages * self.rounds / self.seconds[name] if self.seconds[name] else math.inf

    def ratio(self, name: str, peer: str) -> float:
        """How many times faster ``name`` is than ``peer`` (pages/s over pages/s)."""
        return self.pages_per_s(name) / self.pages_per_s(peer)


def load_corpus(folder: Path, limit: int | None) -> list[tuple[bytes, str | None]]:
    """Every page's bytes and URL, in memory, so that disk and gzip stay out of the timings."""
    out = []
    for page in pages(folder):
        out.append((page.html(), page.url))
        if limit and len(out) >= limit:
            break
    return out


def page_orders(names: Sequence[str], index: int, round_: int) -> list[str]:
    """The order of extractors for one page: rotated per page, reversed in odd rounds."""
    k = index % len(names)
    order = list(names[k:]) + list(names[:k])
    return order[::-1] if round_ % 2 else order


def throughput(name: str, docs: Sequence[tuple[bytes, str | None]], extractors: dict[str, Extract],
               rounds: int) -> Throughput:
    """Warm up once, then time ``rounds`` interleaved passes of every extractor over ``docs``."""
    names = list(extractors)
    result = Throughput(name, len(docs), rounds, {n: 0.0 for n in names},
                        {n: [math.inf] * len(docs) for n in names}, {n: 0 for n in names})
    for round_ in range(-1, rounds):  # round -1 is the warm-up
        for i, (data, url) in enumerate(docs):
            for n in page_orders(names, i, max(round_, 0)):
                seconds, ok = _time_one(extractors[n], data, url)
                if round_ < 0:
                    continue
                result.seconds[n] += seconds
                result.per_page[n][i] = min(result.per_page[n][i], seconds)
                result.failures[n] += not ok
        print(f"  {name}: {'warm-up' if round_ < 0 else f'round {round_ + 1}/{rounds}'} done", file=sys.stderr)
    return result


def _time_one(fn: Extract, data: bytes, url: str | None) -> tuple[float, bool]:
    if isinstance(fn, BuildWorker):
        seconds, ok, _ = fn.timed(data, url)
        return seconds, ok
    start = time.perf_counter()
    try:
        fn(data, url)
        ok = True
    except Exception:  # a peer failing on a page is a result, not a crash of the benchmark
        ok = False
    return time.perf_counter() - start, ok


# -- memory (one fresh subprocess per extractor) -------------------------------------------------------
def rss_mb() -> float:
    """Current resident set size of this process, from /proc (no psutil needed)."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / MB


def peak_rss_mb() -> float:
    """Peak RSS of this process: ``VmHWM``, else ``ru_maxrss``.

    Linux keeps ``ru_maxrss`` across fork and exec, so a subprocess started
    by a big parent would report the parent's peak; ``VmHWM`` belongs to the
    process's own address space.
    """
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / KB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / KB  # Linux reports KiB


def memory_worker(name: str, folder: Path, every: int, limit: int | None) -> dict:
    """Run one extractor over a corpus read page by page from disk; RSS before, every N pages, peak."""
    fn = EXTRACTORS[name]()
    fn(b"<html><body><p>warm</p></body></html>", None)
    baseline = rss_mb()
    samples = [(0, round(baseline, 1))]
    count = 0
    for page in pages(folder):
        _time_one(fn, page.html(), page.url)
        count += 1
        if count % every == 0:
            samples.append((count, round(rss_mb(), 1)))
        if limit and count >= limit:
            break
    if samples[-1][0] != count:
        samples.append((count, round(rss_mb(), 1)))
    return {"name": name, "pages": count, "baseline_mb": round(baseline, 1), "peak_mb": round(peak_rss_mb(), 1),
            "samples": samples}


def memory(names: Iterable[str], folder: Path, every: int, limit: int | None) -> list[dict]:
    out = []
    for name in names:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--memory-worker", name, str(folder),
               "--rss-every", str(every)] + (["--limit", str(limit)] if limit else [])
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=_env())
        if proc.returncode != 0:
            out.append({"name": name, "error": proc.stderr.strip().splitlines()[-1:]})
            continue
        out.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        print(f"  memory: {name} peak {out[-1]['peak_mb']} MB", file=sys.stderr)
    return out


def _env() -> dict[str, str]:
    """The environment for subprocesses: this worktree's newsclean first on the path."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return env


def growth(samples: Sequence[Sequence[float]]) -> float:
    """RSS growth in MB per 1,000 pages over the second half of the run (after caches filled)."""
    half = [s for s in samples if s[0] >= samples[-1][0] / 2]
    if len(half) < 2 or half[-1][0] == half[0][0]:
        return 0.0
    return (half[-1][1] - half[0][1]) / (half[-1][0] - half[0][0]) * 1000


# -- import time ---------------------------------------------------------------------------------------
HEAVY = ("charset_normalizer", "lxml", "numpy", "trafilatura", "htmldate", "courlan", "justext", "readability",
         "resiliparse", "bs4", "tomllib", "json", "urllib.parse", "datetime")


def import_time(module: str, runs: int = 5) -> dict:
    """Median wall time of ``import module`` in fresh interpreters, and what ``-X importtime`` shows."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    walls = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                                  env=_env(), check=True).stdout) for _ in range(runs)]
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"], capture_output=True,
                          text=True, cwd=ROOT, env=_env(), check=True)
    rows = parse_importtime(proc.stderr)
    loaded = {name for name, _, _ in rows}
    top = sorted((r for r in rows if r[0].split(".")[0] != module), key=lambda r: -r[2])
    return {"module": module, "wall_ms": round(statistics.median(walls) * 1000, 1),
            "cumulative_ms": round(next((c for n, _, c in rows if n == module), 0) / 1000, 1),
            "heavy_loaded": sorted(h for h in HEAVY if h in loaded),
            "modules": len(rows),
            "top": [(n, round(c / 1000, 1)) for n, _, c in _outermost(top)[:8]]}


def parse_importtime(stderr: str) -> list[tuple[str, int, int]]:
    """``(module, self us, cumulative us)`` from ``-X importtime`` lines (indentation kept in the name)."""
    rows = []
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cum_us, name = line[len("import time:"):].split("|", 2)
        rows.append((name.rstrip(), int(self_us), int(cum_us)))
    return [(n.strip(), s, c) for n, s, c in rows]


def _outermost(rows: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Drop submodules of a package already listed, so the list names distinct costs."""
    out: list[tuple[str, int, int]] = []
    for row in rows:
        if not any(row[0].startswith(o[0] + ".") for o in out):
            out.append(row)
    return out


# -- page shapes for the scaling curve --------------------------------------------------------------------
_WORDS = ("the council said on tuesday that the new budget would fund schools roads and the hospital "
          "while critics argued the plan left rural towns behind and raised taxes for families ").split()


def prose(chars: int, seed: int = 0) -> str:
    """Plain sentence-like text of about ``chars`` characters (deterministic)."""
    words, n, i = [], 0, seed
    while n < chars:
        w = _WORDS[i % len(_WORDS)]
        words.append(w)
        n += len(w) + 1
        i += 7
    return " ".join(words)


def _page(body: str, head: str = "<title>Scaling page</title>") -> str:
    return f"<!DOCTYPE html><html><head><meta charset=utf-8>{head}</head><body>{body}</body></html>"


def siblings(size: int) -> bytes:
    """Sibling paragraphs of ~200 bytes under one article: 20 MB is ~100,000 of them."""
    p = f"<p>{prose(190)}</p>"
    return _page("<article>" + p * max(1, size // len(p)) + "</article>").encode()


def nested(size: int) -> bytes:
    """Divs nested one in another, each with a paragraph: ~100 bytes a level up to MAX_NEST levels
    (reached at 1 MB), then longer paragraphs."""
    depth = max(1, min(MAX_NEST, size // 100))
    level = f"<div><p>{prose(max(20, size // depth - 20))}</p>"
    return _page(level * depth + "</div>" * depth).encode()


def deep_only(depth: int) -> bytes:
    """``depth`` nested divs with a short paragraph each: depth alone grows (for :func:`depth_probe`)."""
    return _page(f"<div><p>{prose(80)}</p>" * depth + "</div>" * depth).encode()


def text_node(size: int) -> bytes:
    """One paragraph holding a single text node of the whole size."""
    return _page(f"<article><h1>One node</h1><p>{prose(size)}</p></article>").encode()


def table(size: int) -> bytes:
    """A page that is one giant table: rows of five short cells."""
    row = "<tr>" + "".join(f"<td>{prose(18, seed=i)}</td>" for i in range(5)) + "</tr>"
    return _page("<table><tbody>" + row * max(1, size // len(row)) + "</tbody></table>").encode()


def grown(bodies: Sequence[str]) -> Callable[[int], bytes]:
    """Real pages grown: the bodies of successive corpus pages, concatenated up to the target size."""
    def make(size: int) -> bytes:
        parts, n, i = [], 0, 0
        while n < size:
            part = bodies[i % len(bodies)]
            parts.append(part)
            n += len(part.encode())
            i += 1
        body = "".join(parts).encode()[:size]
        cut = body.rfind(b"<")  # do not end inside a tag
        return _page((body[:cut] if cut > 0 else body).decode("utf-8", "ignore")).encode()

    return make


def shape_builders(corpus: Path) -> dict[str, Callable[[int], bytes]]:
    """Each scaling shape's name and the function that builds a page of it at a given size (``grown``
    concatenates the bodies of ``corpus``'s pages)."""
    return {"grown": grown(corpus_bodies(corpus)), "siblings": siblings, "nested": nested, "text-node": text_node,
            "table": table}


def corpus_bodies(folder: Path, count: int = 120) -> list[str]:
    """The inner HTML of the <body> of the first ``count`` pages of a corpus (decoded by newsclean)."""
    from newsclean import dom
    from newsclean.encoding import decode

    out = []
    for page in pages(folder):
        body = dom.parse(decode(page.html())[0]).body
        if body is not None and body.inner_html:
            out.append(body.inner_html)
        if len(out) >= count:
            break
    return out


@dataclass
class Point:
    shape: str
    extractor: str
    size: int  # bytes of the page
    seconds: float  # fastest of the repeats
    repeats: int
    chars: int  # length of the extracted text (0 = the extractor gave up)


def time_page(fn: Extract, data: bytes) -> tuple[float, int, int]:
    """Fastest run of ``fn`` on ``data``; small pages are repeated until MIN_SAMPLE_S is spent."""
    best, spent, runs, chars = math.inf, 0.0, 0, 0
    while spent < MIN_SAMPLE_S or runs == 0:
        if isinstance(fn, BuildWorker):
            took, ok, text = fn.timed(data, None)
            chars = len(text) if ok else -1
        else:
            start = time.perf_counter()
            try:
                chars = len(fn(data, None) or "")
            except Exception:
                chars = -1
            took = time.perf_counter() - start
        best, spent, runs = min(best, took), spent + took, runs + 1
        if took > MIN_SAMPLE_S or runs >= 50:
            break
    return best, runs, chars


def scaling(shapes: dict[str, Callable[[int], bytes]], sizes: Sequence[int], extractors: dict[str, Extract],
            budget: float = PEER_BUDGET_S) -> tuple[list[Point], list[str]]:
    """Time every extractor on every shape and size; skip an extractor's larger sizes once they would exceed
    ``budget`` (recorded in the second list; for newsclean that fails the 20 MB limit)."""
    points, capped = [], []
    for fn in extractors.values():  # first calls pay for lazy imports and compiled patterns
        for make in shapes.values():
            fn(make(10 * KB), None)
    for shape, make in shapes.items():
        last: dict[str, Point] = {}
        for size in sizes:
            data = make(size)
            for name, fn in extractors.items():
                prev = last.get(name)
                if prev and not math.isinf(prev.seconds) and _predicted(prev, len(data)) > budget:
                    capped.append(f"{name} on {shape}: sizes from {human(size)} skipped "
                                  f"({human(prev.size)} took {prev.seconds:.1f} s)")
                    last[name] = Point(shape, name, len(data), math.inf, 0, 0)
                    continue
                if prev and math.isinf(prev.seconds):
                    continue
                seconds, runs, chars = time_page(fn, data)
                last[name] = Point(shape, name, len(data), seconds, runs, chars)
                points.append(last[name])
                print(f"  scaling: {shape} {human(len(data))} {name} {seconds * 1000:.1f} ms", file=sys.stderr)
    return points, capped


def depth_probe(depths: Sequence[int] = DEPTHS, budget: float = DEPTH_BUDGET_S) -> list[dict]:
    """newsclean and the bare Lexbor parser on ever deeper nesting: is the cost newsclean's or the parser's?"""
    from selectolax.lexbor import LexborHTMLParser

    fn = EXTRACTORS["newsclean"]()
    out = []
    for depth in depths:
        data = deep_only(depth)
        start = time.perf_counter()
        LexborHTMLParser(data)
        parse = time.perf_counter() - start
        start = time.perf_counter()
        fn(data, None)
        whole = time.perf_counter() - start
        out.append({"depth": depth, "bytes": len(data), "parse_s": parse, "newsclean_s": whole})
        print(f"  depth: {depth} parse {parse:.2f} s, newsclean {whole:.2f} s", file=sys.stderr)
        if whole > budget:
            break
    return out


def _predicted(prev: Point, size: int) -> float:
    """A guess of the time at ``size`` from the last measured size, a little worse than linear."""
    return prev.seconds * (size / prev.size) ** 1.5


def fit_exponent(points: Sequence[Point], min_size: int = FIT_FROM) -> float | None:
    """Least-squares slope of log(time) against log(size) over sizes >= ``min_size``."""
    xs = [math.log(p.size) for p in points if p.size >= min_size]
    ys = [math.log(p.seconds) for p in points if p.size >= min_size]
    if len(xs) < 2:
        return None
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx if sxx else None


def human(size: float) -> str:
    for unit, scale in (("MB", MB), ("KB", KB)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size:.0f} B"


# -- the plot ---------------------------------------------------------------------------------------------
def plot(points: Sequence[Point], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    shapes = list(dict.fromkeys(p.shape for p in points))
    fig, ax = plt.subplots(figsize=(9, 6))
    for i, shape in enumerate(shapes):
        color = f"C{i}"
        for name, style in (("newsclean", "-o"), ("trafilatura", "--x")):
            pts = sorted((p for p in points if p.shape == shape and p.extractor == name), key=lambda p: p.size)
            if pts:
                ax.plot([p.size for p in pts], [p.seconds for p in pts], style, color=color, label=f"{name}: {shape}")
    ax.axhline(BIG_PAGE_LIMIT_S, color="grey", linewidth=0.8, linestyle=":")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("page size (bytes)")
    ax.set_ylabel("seconds per page")
    ax.set_title("Time per page against page size (solid: newsclean, dashed: trafilatura)")
    ax.legend(fontsize=7, ncol=2)
    ax.grid(True, which="both", linewidth=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


# -- the report -------------------------------------------------------------------------------------------
def markdown(run: dict) -> str:
    lines = ["# newsclean speed", "",
             f"Measured {run['date']} on `{run['machine']}`, single process.", "",
             "**The machine is shared and noisy** (2 cores, other workers running benchmarks at the same time): "
             "absolute figures move from run to run; only ratios measured inside one run are meaningful. "
             "Extractors are interleaved page by page (order rotating per page, reversed each round) so that "
             "noise hits all of them alike.", "",
             "Command:", "", "```", run["command"], "```", "",
             "Versions: " + ", ".join(f"{k} {v}" for k, v in run["versions"].items()), ""]
    lines += _throughput_md(run["throughput"], run["rounds"])
    if run.get("memory"):
        lines += _memory_md(run["memory"], run["rss_every"])
    if run.get("imports"):
        lines += _imports_md(run["imports"])
    if run.get("scaling"):
        lines += _scaling_md(run["scaling"], run["capped"])
    if run.get("depths"):
        lines += _depth_md(run["depths"])
    if run.get("profile"):
        lines += ["## Profile of newsclean", "", run["profile"], ""]
    return "\n".join(lines) + "\n"


def _throughput_md(results: Sequence[Throughput], rounds: int) -> list[str]:
    if not results:
        return []
    names = list(results[0].seconds)
    pairs = _ratio_pairs(names)
    out = ["## Throughput", "",
           f"Pages per second over each corpus held in memory, after one warm-up pass, {rounds} measured "
           "round(s). `ms/page p50/p95` is over pages (fastest round of each page). "
           "`A vs B` = A's pages/s ÷ B's pages/s (above 1: A is faster).", "",
           "| corpus | pages | " + " | ".join(names) + " | " + " | ".join(f"{a} vs {b}" for a, b in pairs) + " |",
           "| --- | ---: | " + " | ".join("---:" for _ in names + pairs) + " |"]
    for r in results:
        cells = []
        for n in names:
            pp = sorted(r.per_page[n])
            fail = f", {r.failures[n]} failed" if r.failures[n] else ""
            cells.append(f"{r.pages_per_s(n):.1f} p/s ({_pct(pp, 50)}/{_pct(pp, 95)} ms{fail})")
        out.append(f"| {r.corpus} | {r.pages} | " + " | ".join(cells) + " | "
                   + " | ".join(f"**{r.ratio(a, b):.2f}**" for a, b in pairs) + " |")
    total = {n: sum(r.pages * r.rounds for r in results) / sum(r.seconds[n] for r in results) for n in names}
    out.append("| all | " + str(sum(r.pages for r in results)) + " | "
               + " | ".join(f"{total[n]:.1f} p/s" for n in names) + " | "
               + " | ".join(f"**{total[a] / total[b]:.2f}**" for a, b in pairs) + " |")
    return out + [""]


def _ratio_pairs(names: Sequence[str]) -> list[tuple[str, str]]:
    """The ratios the throughput table shows: each newsclean build against each trafilatura mode, and a
    compiled build against the pure one when both ran."""
    ours = [n for n in names if n.startswith("newsclean")]
    peers = [n for n in ("trafilatura", "trafilatura-fast") if n in names]
    pairs = [(a, b) for a in ours for b in peers]
    if "newsclean[compiled]" in names and "newsclean[pure]" in names:
        pairs.append(("newsclean[compiled]", "newsclean[pure]"))
    return pairs


def _pct(sorted_s: Sequence[float], q: int) -> str:
    return f"{sorted_s[min(len(sorted_s) - 1, int(len(sorted_s) * q / 100))] * 1000:.1f}"


def _memory_md(mem: Sequence[dict], every: int) -> list[str]:
    out = ["## Peak memory", "",
           f"Each extractor in a fresh subprocess over the whole of {MEMORY_CORPUS}, pages read from disk one at "
           "a time. Baseline = RSS after import and one tiny page; peak = `VmHWM` (the process's own high-water mark: `ru_maxrss` carries the parent's peak across fork and exec); growth = RSS change per "
           "1,000 pages over the second half of the run (near 0: memory does not grow with pages processed).", "",
           "| extractor | pages | baseline MB | peak MB | growth MB/1000 pages | RSS every "
           f"{every} pages (MB) |", "| --- | ---: | ---: | ---: | ---: | --- |"]
    for m in mem:
        if "error" in m:
            out.append(f"| {m['name']} | failed: {' '.join(m['error'])} | | | | |")
            continue
        series = " ".join(f"{s[1]:.0f}" for s in m["samples"])
        out.append(f"| {m['name']} | {m['pages']} | {m['baseline_mb']} | {m['peak_mb']} | "
                   f"{growth(m['samples']):+.1f} | {series} |")
    return out + [""]


def _imports_md(imports: Sequence[dict]) -> list[str]:
    out = ["## Import time", "",
           "Median wall time of the import in 5 fresh interpreters; `-X importtime` cumulative time; the "
           "costliest modules it pulls in; which of the usual heavy modules are loaded at import.", "",
           "| module | wall ms | importtime ms | modules loaded | heavy modules loaded | costliest imports (ms) |",
           "| --- | ---: | ---: | ---: | --- | --- |"]
    for i in imports:
        top = ", ".join(f"{n} {ms}" for n, ms in i["top"][:6])
        out.append(f"| {i['module']} | {i['wall_ms']} | {i['cumulative_ms']} | {i['modules']} | "
                   f"{', '.join(i['heavy_loaded']) or 'none'} | {top} |")
    return out + [""]


def _scaling_md(points: Sequence[Point], capped: Sequence[str]) -> list[str]:
    shapes = list(dict.fromkeys(p.shape for p in points))
    sizes = sorted({_nominal(p.size) for p in points})
    out = ["## Scaling: time per page against page size", "",
           "Fastest of the repeats (small pages repeated for at least "
           f"{MIN_SAMPLE_S} s). Exponent = least-squares slope of log(time) on log(size) over sizes >= "
           f"{human(FIT_FROM)}. Target for newsclean: exponent <= {LINEAR_LIMIT} and no 20 MB page over "
           f"{BIG_PAGE_LIMIT_S:.0f} s. `(0)` marks an extractor that returned no text.", "",
           "Shapes: **grown** = the bodies of real wcxb-dev pages concatenated into one page; **siblings** = "
           "~200-byte `<p>` siblings (20 MB = ~100,000); **nested** = `<div>`s nested one in another, each with a "
           "paragraph, ~100 bytes a level up to 10,000 levels (reached at 1 MB), then longer paragraphs; **text-node** = one text node of the whole size; "
           "**table** = one giant table of 5-cell rows.", "",
           "| shape | extractor | " + " | ".join(human(s) for s in sizes) + " | exponent | 20 MB verdict |",
           "| --- | --- | " + " | ".join("---:" for _ in sizes) + " | ---: | --- |"]
    for shape in shapes:
        for name in dict.fromkeys(p.extractor for p in points):
            pts = {_nominal(p.size): p for p in points if p.shape == shape and p.extractor == name}
            if not pts:
                continue
            cells = [(f"{pts[s].seconds * 1000:.1f}" + (" (0)" if pts[s].chars <= 0 else "")) if s in pts else "skipped"
                     for s in sizes]
            exp = fit_exponent(list(pts.values()))
            verdict = _verdict(exp, pts.get(max(sizes))) if name.startswith("newsclean") else ""
            exp_cell = f"{exp:.2f}" if exp is not None else "n/a"
            out.append(f"| {shape} | {name} | " + " | ".join(cells) + f" | {exp_cell} | {verdict} |")
    out += ["", "Times in ms per page.", ""]
    if capped:
        out += ["Sizes skipped (predicted over the time budget of "
                f"{PEER_BUDGET_S:.0f} s per page):", ""] + [f"- {c}" for c in capped] + [""]
    return out + ["![time per page against size](speed.png)", ""]


def _verdict(exponent: float | None, biggest: Point | None) -> str:
    if biggest is None:
        return "FAIL (largest size not reached: over the time budget)"
    if exponent is None:
        return "n/a"
    ok = exponent <= LINEAR_LIMIT and biggest.seconds <= BIG_PAGE_LIMIT_S
    verdict = "pass" if ok else f"FAIL ({biggest.seconds:.1f} s at {human(biggest.size)})"
    # the target is for 20 MB: a run capped below it (--max-size) judges its largest page instead, and says so
    nominal = _nominal(biggest.size)
    return verdict if nominal >= max(SIZES) else f"{verdict} (judged at {human(nominal)}, not 20 MB)"


def _depth_md(rows: Sequence[dict]) -> list[str]:
    out = ["## Nesting depth beyond 10,000", "",
           "`<div><p>sentence</p>` repeated `depth` times, nested. The bare Lexbor parse "
           "(`LexborHTMLParser(bytes)`) against the whole newsclean extraction, in seconds. "
           f"Stops after a depth that took over {DEPTH_BUDGET_S:.0f} s.", "",
           "| depth | size | Lexbor parse s | newsclean s |", "| ---: | ---: | ---: | ---: |"]
    out += [f"| {r['depth']:,} | {human(r['bytes'])} | {r['parse_s']:.2f} | {r['newsclean_s']:.2f} |" for r in rows]
    if len(rows) >= 2:
        a, b = rows[0], rows[-1]
        slope = math.log(b["newsclean_s"] / a["newsclean_s"]) / math.log(b["depth"] / a["depth"])
        pslope = math.log(b["parse_s"] / a["parse_s"]) / math.log(b["depth"] / a["depth"])
        out += ["", f"Slope of log(time) on log(depth), first to last row: newsclean {slope:.2f}, "
                f"Lexbor parse alone {pslope:.2f}."]
    return out + [""]


def _nominal(size: int) -> int:
    """The nominal size a page was built for (the builders land a little under or over it)."""
    return min(SIZES, key=lambda s: abs(math.log(size / s)))


# -- main -------------------------------------------------------------------------------------------------
def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus_folder", type=Path, help="a folder of corpora, or one corpus")
    ap.add_argument("--rounds", type=int, default=2, help="measured rounds after the warm-up (default 2)")
    ap.add_argument("--limit", type=int, default=None, help="at most this many pages per corpus (quick runs)")
    ap.add_argument("--rss-every", type=int, default=100, help="sample RSS every N pages in the memory runs")
    ap.add_argument("--max-size", type=int, default=max(SIZES), help="largest scaling size in bytes")
    ap.add_argument("--skip", nargs="*", default=(),
                    choices=("throughput", "memory", "imports", "scaling", "profile"))
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    ap.add_argument("--json", type=Path, default=None, help="also dump the raw figures here")
    ap.add_argument("--merge", type=Path, nargs="+", default=None, metavar="JSON",
                    help="render speed.md/png from --json dumps of runs that measured different sections "
                         "(later files fill what earlier ones skipped); measures nothing")
    ap.add_argument("--build", action="append", default=[], metavar="NAME=PATH",
                    help="also time the newsclean importable from PATH, as newsclean[NAME] (repeatable; e.g. "
                         "pure=. compiled=/tmp/nc-compiled, see docs/compiled.md)")
    ap.add_argument("--extractors", default=None,
                    help="comma-separated extractors to run (default: all, plus the --build ones)")
    ap.add_argument("--memory-worker", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--serve-build", action="store_true", help=argparse.SUPPRESS)
    return ap.parse_args(argv)


def registry(builds: Sequence[str]) -> dict[str, Callable[[], Extract]]:
    """EXTRACTORS plus one ``newsclean[NAME]`` per ``--build NAME=PATH``."""
    out = dict(EXTRACTORS)
    for spec in builds:
        name, sep, path = spec.partition("=")
        if not sep or not name or not path:
            raise SystemExit(f"--build wants NAME=PATH, got {spec!r}")
        out[f"newsclean[{name}]"] = lambda path=str(Path(path).resolve()): BuildWorker(path)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.serve_build:
        serve_build()
        return 0
    if args.memory_worker:
        print(json.dumps(memory_worker(args.memory_worker, args.corpus_folder, args.rss_every, args.limit)))
        return 0
    if args.merge:
        return render(merge_runs([load_run(p) for p in args.merge]), args.out, None)
    folders = corpora(args.corpus_folder)
    run: dict = {"date": dt.datetime.now().astimezone().isoformat(timespec="minutes"),
                 "machine": f"{platform.node()} {platform.machine()}, {os.cpu_count()} cores",
                 "command": " ".join(["python", "benchmarks/speed.py", *sys.argv[1:]]) if argv is None
                 else " ".join(["python", "benchmarks/speed.py", *argv]),
                 "versions": versions(), "rounds": args.rounds, "rss_every": args.rss_every,
                 "throughput": [], "capped": []}
    makers = registry(args.build)
    chosen = args.extractors.split(",") if args.extractors else list(makers)
    unknown = [n for n in chosen if n not in makers]
    if unknown:
        raise SystemExit(f"unknown extractors {unknown}; known: {list(makers)}")
    if "throughput" not in args.skip:
        extractors = {n: makers[n]() for n in chosen}
        _note_builds(run, extractors)
        for folder in folders:
            docs = load_corpus(folder, args.limit)
            run["throughput"].append(throughput(folder.name, docs, extractors, args.rounds))
            del docs
    if "memory" not in args.skip:
        mem_folder = next((f for f in folders if f.name == MEMORY_CORPUS), folders[0])
        run["memory"] = memory([n for n in chosen if n in EXTRACTORS], mem_folder, args.rss_every, args.limit)
    if "imports" not in args.skip:
        run["imports"] = [import_time("newsclean"), import_time("trafilatura")]
    if "scaling" not in args.skip:
        mem_folder = next((f for f in folders if f.name == MEMORY_CORPUS), folders[0])
        shapes = shape_builders(mem_folder)
        sizes = [s for s in SIZES if s <= args.max_size]
        extractors = {n: makers[n]() for n in chosen if n in SCALING_EXTRACTORS or n.startswith("newsclean[")}
        _note_builds(run, extractors)
        run["scaling"], run["capped"] = scaling(shapes, sizes, extractors)
        run["depths"] = depth_probe([d for d in DEPTHS if d * 100 <= args.max_size * 4])
    if "profile" not in args.skip:
        from benchmarks.profiling import profile_report

        mem_folder = next((f for f in folders if f.name == MEMORY_CORPUS), folders[0])
        run["profile"] = profile_report(mem_folder, args.limit)
    return render(run, args.out, args.json)


def _note_builds(run: dict, extractors: dict[str, Extract]) -> None:
    """Record which build each ``newsclean[NAME]`` worker imported (a wrong path shows as "pure")."""
    for name, fn in extractors.items():
        if isinstance(fn, BuildWorker):
            run["versions"][f"{name} build"] = fn.build


def render(run: dict, out: Path, dump: Path | None) -> int:
    """Write speed.md (and speed.png when there is a scaling curve); optionally dump the raw run."""
    out.mkdir(parents=True, exist_ok=True)
    if run.get("scaling"):
        plot(run["scaling"], out / "speed.png")
    text = markdown(run)
    (out / "speed.md").write_text(text, encoding="utf-8")
    if dump:
        dump.write_text(json.dumps(run, default=lambda o: o.__dict__, indent=1), encoding="utf-8")
    print(text)
    return 0


def load_run(path: Path) -> dict:
    """A run dumped with ``--json``, with its throughput and scaling records rebuilt."""
    run = json.loads(path.read_text(encoding="utf-8"))
    run["throughput"] = [Throughput(**t) for t in run.get("throughput", [])]
    run["scaling"] = [Point(**p) for p in run.get("scaling") or []]
    return run


def merge_runs(runs: Sequence[dict]) -> dict:
    """One run from several: each section is taken from the first run that measured it."""
    merged = dict(runs[0])
    for other in runs[1:]:
        for key, value in other.items():
            if value and not merged.get(key):
                merged[key] = value
    merged["command"] = "\n".join(dict.fromkeys(r["command"] for r in runs))
    merged["date"] = " and ".join(dict.fromkeys(r["date"] for r in runs))
    return merged


if __name__ == "__main__":
    sys.exit(main())
