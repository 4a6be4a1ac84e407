"""Side-by-side quality benchmark: newsclean and its peers on every corpus of a folder.

    python -m benchmarks.quality ../shared/datasets --jobs 2 -o /tmp/run.json
    python -m benchmarks.quality ../shared/datasets --only newsclean,trafilatura --corpus wcxb-dev \\
        --compare /tmp/run.json --no-report

Metrics are those of benchmarks/metrics.py (word P/R/F1 where a page has
``main_content``, snippet P/R/F1/accuracy where it has ``with``/``without``).
Peers do not change between runs, so each peer's text is cached per page under
``--cache`` (keyed by extractor, its version, corpus and page id): a rerun only
recomputes newsclean.  A peer that raises (or overruns ``--timeout``) on a page
scores that page as empty output, and the error is counted.

Writes ``quality.md`` and ``quality.png`` into ``--report`` (default
benchmarks/results) unless ``--no-report``; ``-o`` keeps per-page scores.
"""

from __future__ import annotations

import argparse
import datetime
import json
import logging
import os
import platform
import re
import shlex
import signal
import subprocess
import sys
import time
import warnings
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

from benchmarks.corpus import Page, corpora, pages
from benchmarks.metrics import mean, snippet_counts, snippet_total, word_prf
from benchmarks.peers import EXTRACTORS

HERE = Path(__file__).resolve().parent
DEFAULT_CACHE = HERE / "out" / "cache"
DEFAULT_REPORT = HERE / "results"
Row = dict[str, Any]


# --- extraction, with the on-disk cache -------------------------------------------------------------------------

@dataclass(frozen=True)
class Job:
    """One page and what to run on it; extractors go by name (adapters are looked up in the worker)."""

    page: Page
    extractors: tuple[str, ...]
    versions: Mapping[str, str]
    cache: Path | None
    timeout: float


class PeerTimeout(Exception):
    pass


def _on_alarm(signum: int, frame: Any) -> None:
    raise PeerTimeout


def cache_path(cache: Path, name: str, version: str, page: Page) -> Path:
    safe = re.sub(r"[^\w.-]", "_", page.id)
    return cache / f"{name}-{version}" / page.corpus / f"{safe}.json"


def run_extractor(name: str, data: bytes, url: str | None, timeout: float) -> tuple[str, str | None]:
    """(text, error): an exception or a timeout gives empty text and the error's name and message."""
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        return EXTRACTORS[name](data, url) or "", None
    except PeerTimeout:
        return "", f"timeout after {timeout:g}s"
    except Exception as exc:  # a benchmark counts failures instead of dying
        return "", f"{type(exc).__name__}: {str(exc)[:200]}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def extract(job: Job, name: str, data: bytes) -> tuple[str, str | None, bool]:
    """(text, error, from_cache) for one extractor on the job's page."""
    path = None
    if job.cache is not None and EXTRACTORS[name].cached:
        path = cache_path(job.cache, name, job.versions[name], job.page)
        if path.exists():
            hit = json.loads(path.read_text(encoding="utf-8"))
            return hit["text"], hit["error"], True
    text, error = run_extractor(name, data, job.page.url, job.timeout)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")  # an interrupted run leaves no half-written entry
        tmp.write_text(json.dumps({"text": text, "error": error}), encoding="utf-8")
        os.replace(tmp, path)
    return text, error, False


def score(page: Page, text: str) -> Row:
    """The page's metrics for one output: word P/R/F1 and/or snippet counts."""
    row: Row = {}
    if page.main_content is not None:
        row["p"], row["r"], row["f1"] = word_prf(text, page.main_content)
    if page.with_ or page.without:
        row["snip"] = list(snippet_counts(text, page.with_, page.without))
    return row


def score_page(job: Job) -> list[Row]:
    page, data = job.page, job.page.html()
    rows = []
    for name in job.extractors:
        text, error, cached = extract(job, name, data)
        row: Row = {"extractor": name, "corpus": page.corpus, "id": page.id, "page_type": page.page_type,
                    "chars": len(text), "cached": cached}
        if error:
            row["error"] = error
        row.update(score(page, text))
        rows.append(row)
    return rows


def _quiet() -> None:
    """Peers log and warn per page (dates they cannot parse...); a benchmark run only wants its tables."""
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")


def run(jobs: Sequence[Job], workers: int) -> list[Row]:
    _quiet()
    results: Iterable[list[Row]]
    if workers <= 1:
        results = map(score_page, jobs)
        return _collect(results, len(jobs))
    with ProcessPoolExecutor(workers, initializer=_quiet) as pool:
        return _collect(pool.map(score_page, jobs, chunksize=4), len(jobs))


def _collect(results: Iterable[list[Row]], total: int) -> list[Row]:
    try:
        from tqdm import tqdm
        results = tqdm(results, total=total, unit="page", file=sys.stderr, mininterval=5)
    except ImportError:
        pass
    return [row for rows in results for row in rows]


# --- summaries ------------------------------------------------------------------------------------------------

def summarize(rows: Iterable[Row]) -> dict[str, dict[str, dict[str, float]]]:
    """extractor -> key -> metrics; keys are a corpus name, or ``corpus/page_type`` (word F1 only)."""
    grouped: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for r in rows:
        grouped[(r["extractor"], r["corpus"])].append(r)
    out: dict[str, dict[str, dict[str, float]]] = defaultdict(dict)
    for (name, corpus), rs in grouped.items():
        entry: dict[str, float] = {"pages": len(rs), "errors": sum(1 for r in rs if "error" in r)}
        out[name][corpus] = entry
        scored = [r for r in rs if "f1" in r]
        if scored:
            entry.update(word_p=mean([r["p"] for r in scored]), word_r=mean([r["r"] for r in scored]),
                         word_f1=mean([r["f1"] for r in scored]), word_pages=len(scored))
            types: dict[str, list[float]] = defaultdict(list)
            for r in scored:
                if r["page_type"]:
                    types[r["page_type"]].append(r["f1"])
            for t, fs in sorted(types.items()):
                out[name][f"{corpus}/{t}"] = {"word_f1": mean(fs), "pages": len(fs)}
        snips = [r["snip"] for r in rs if "snip" in r]
        if snips:
            s = snippet_total(snips)
            entry.update(snip_p=s.precision, snip_r=s.recall, snip_f1=s.f1, snip_acc=s.accuracy,
                         snip_pages=len(snips))
    return dict(out)


def page_score(row: Row) -> float:
    """One number per page for --compare: word F1, else the share of snippets judged right."""
    if "f1" in row:
        return row["f1"]
    tp, fn, fp, tn = row["snip"]
    return (tp + tn) / max(tp + fn + fp + tn, 1)


def compare(old: Iterable[Row], new: Iterable[Row], show: int) -> Iterator[str]:
    """Lines listing, per extractor, the pages whose score moved (rows without "extractor" are newsclean's)."""
    before = {(r.get("extractor", "newsclean"), r["corpus"], r["id"]): r for r in old}
    moved: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for r in new:
        o = before.get((r["extractor"], r["corpus"], r["id"]))
        if o is None or not ("f1" in r or "snip" in r):
            continue
        d = page_score(r) - page_score(o)
        if abs(d) > 1e-9:
            moved[r["extractor"]].append((d, f"{r['corpus']}/{r['id']} ({r['page_type']})"))
    for name in dict.fromkeys(r["extractor"] for r in new):
        ds = sorted(moved.get(name, []))
        better, worse = [x for x in ds if x[0] > 0][::-1], [x for x in ds if x[0] < 0]
        yield f"{name}: {len(better)} pages better, {len(worse)} worse"
        yield from (f"  worse  {d:+.3f} {label}" for d, label in worse[:show])
        yield from (f"  better {d:+.3f} {label}" for d, label in better[:show])


# --- report ---------------------------------------------------------------------------------------------------

WORD_COLS = (("word_p", "word P"), ("word_r", "word R"), ("word_f1", "word F1"))
SNIP_COLS = (("snip_p", "snippet P"), ("snip_r", "snippet R"), ("snip_f1", "snippet F1"), ("snip_acc", "accuracy"))


def table(names: Sequence[str], header: Sequence[str], values: Sequence[Sequence[float | None]],
          notes: Mapping[str, Sequence[str]] | None = None) -> list[str]:
    """A markdown table: one row per extractor, the best value of each column in bold (ties too).

    ``notes`` are text columns (header -> one cell per row) appended after the scores, never bolded.
    """
    notes = notes or {}
    best = [max((round(v[c], 3) for v in values if v[c] is not None), default=None) for c in range(len(header))]
    lines = ["| extractor | " + " | ".join([*header, *notes]) + " |",
             "|---|" + "---:|" * (len(header) + len(notes))]
    for i, name in enumerate(names):
        cells = ["" if v is None else f"**{v:.3f}**" if round(v, 3) == best[c] else f"{v:.3f}"
                 for c, v in enumerate(values[i])]
        cells += [column[i] for column in notes.values()]
        label = f"**{name}**" if name == "newsclean" else name
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def corpus_sections(summary: Mapping[str, Mapping[str, Mapping[str, float]]], names: Sequence[str],
                    corpus: str) -> list[str]:
    """The tables of one corpus: word scores first when it has main_content, snippets (primary or secondary)."""
    entries = [summary[n][corpus] for n in names]
    first = entries[0]
    lines = [f"## {corpus}", ""]
    errors = {"errors": [str(int(e["errors"])) for e in entries]}
    if "word_f1" in first:
        lines.append(f"Word precision/recall/F1 against `main_content`, mean over {int(first['word_pages'])} pages.")
        lines += [""] + table(names, [h for _, h in WORD_COLS], [[e[k] for k, _ in WORD_COLS] for e in entries],
                              errors) + [""]
    if "snip_f1" in first:
        what = "Secondary: snippet" if "word_f1" in first else "Snippet"
        lines.append(f"{what} scores (`with`/`without` snippets of {int(first['snip_pages'])} pages, counts summed).")
        lines += [""] + table(names, [h for _, h in SNIP_COLS], [[e[k] for k, _ in SNIP_COLS] for e in entries],
                              None if "word_f1" in first else errors) + [""]
    types = sorted({k.split("/", 1)[1] for n in names for k in summary[n] if k.startswith(corpus + "/")})
    if types:
        counts = {t: int(summary[names[0]][f"{corpus}/{t}"]["pages"]) for t in types}
        lines.append(f"Word F1 per `page_type` on {corpus} (pages per type in the header).")
        lines += [""] + table(names, [f"{t} ({counts[t]})" for t in types],
                              [[summary[n].get(f"{corpus}/{t}", {}).get("word_f1") for t in types] for n in names])
        lines.append("")
    return lines


def markdown(summary: Mapping[str, Mapping[str, Mapping[str, float]]], names: Sequence[str],
             corpus_names: Sequence[str], meta: Mapping[str, Any]) -> str:
    lines = ["# Extraction quality: newsclean beside its peers", "",
             f"Produced on {meta['date']} by this command, run from the repository root "
             f"({meta['wall_seconds']:.0f} s wall time; {meta['cache_hits']} of {meta['peer_extractions']} peer "
             "outputs read from the cache, see `--cache`):", "",
             "```", meta["command"], "```", "",
             "Metrics (benchmarks/metrics.py, as the corpora README defines them): **word** scores lower-case the "
             "text, take `\\w+` tokens and count the multiset overlap with the reference `main_content`; P, R and F1 "
             "are computed per page and averaged. **Snippet** scores check whether each `with` snippet (should be "
             "in the output) and `without` snippet (should not) appears in the whitespace-normalised, lower-cased "
             "output; counts are summed over pages. Best value of each column in bold. A peer that raised on a page "
             "scored it as empty output (the `errors` column).", "",
             "Extractors: every one gets the page's raw bytes; those that only take `str` get it decoded once by "
             "`newsclean.encoding.decode`. trafilatura at its defaults and with one option changed each "
             "(`-nocomments`: `include_comments=False`, `-precision`: `favor_precision=True`, `-fast`: "
             "`fast=True`); readability-lxml: the text of `summary()` (via html-text); jusText: its non-boilerplate "
             "paragraphs, with the union of its stoplists (the corpora mix languages); resiliparse: "
             "`extract_plain_text(main_content=True)`; html-text: all the page's text (the floor).", "",
             "![F1 per corpus and per page type](quality.png)", ""]
    for corpus in corpus_names:
        lines += corpus_sections(summary, names, corpus)
    lines += ["## Versions", "", "| package | version |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in meta["versions"].items()]
    return "\n".join(lines) + "\n"


def headline(entry: Mapping[str, float]) -> float:
    """The corpus's main figure: word F1 where there is main_content, snippet F1 otherwise."""
    return entry["word_f1"] if "word_f1" in entry else entry["snip_f1"]


def chart(summary: Mapping[str, Mapping[str, Mapping[str, float]]], names: Sequence[str],
          corpus_names: Sequence[str], path: Path) -> None:
    """Grouped bars: F1 per corpus, then word F1 per page type; newsclean in a colour of its own."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = [("F1 per corpus (word F1; snippet F1 where there is no main_content)",
               [(f"{c}\n({'word' if 'word_f1' in summary[names[0]][c] else 'snippet'})",
                 [headline(summary[n][c]) for n in names]) for c in corpus_names])]
    for c in corpus_names:
        keys = sorted(k for k in summary[names[0]] if k.startswith(c + "/"))
        if keys:
            panels.append((f"Word F1 per page type on {c}",
                           [(f"{k.split('/', 1)[1]}\n({int(summary[names[0]][k]['pages'])})",
                             [summary[n].get(k, {}).get("word_f1", 0.0) for n in names]) for k in keys]))
    palette = plt.get_cmap("tab20c")  # blues, greens, purples, greys: no red or orange beside newsclean's red
    shades = [0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]
    colours = ["#d62728"] + [palette(shades[i % len(shades)]) for i in range(len(names) - 1)]
    fig, axes = plt.subplots(len(panels), 1, figsize=(max(10, 1.6 * max(len(p[1]) for p in panels) + 2),
                                                      4.2 * len(panels)), squeeze=False)
    width = 0.8 / len(names)
    for ax, (title, groups) in zip(axes[:, 0], panels):
        for i, name in enumerate(names):
            xs = [g + (i - (len(names) - 1) / 2) * width for g in range(len(groups))]
            ys = [vals[i] for _, vals in groups]
            ax.bar(xs, ys, width, label=name, color=colours[i],
                   edgecolor="black" if name == "newsclean" else "none", linewidth=0.8)
            if name == "newsclean":
                for x, y in zip(xs, ys):
                    ax.annotate(f"{y:.2f}", (x, y), ha="center", va="bottom", fontsize=7, xytext=(0, 1),
                                textcoords="offset points")
        ax.set_xticks(range(len(groups)), [label for label, _ in groups], fontsize=9)
        ax.set_ylim(0, 1)
        ax.set_title(title, fontsize=11)
        ax.grid(axis="y", alpha=0.3)
    axes[0, 0].legend(ncol=min(len(names), 6), fontsize=8, loc="lower center", bbox_to_anchor=(0.5, 1.12))
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


# --- command line ---------------------------------------------------------------------------------------------

def _pick(given: str | None, available: Sequence[str], what: str) -> list[str]:
    """The comma-listed names in the order of ``available``; an unknown name is an error that lists them."""
    if not given:
        return list(available)
    wanted = [x.strip() for x in given.split(",") if x.strip()]
    unknown = [x for x in wanted if x not in available]
    if unknown:
        raise SystemExit(f"unknown {what} {', '.join(unknown)}; available: {', '.join(available)}")
    return [x for x in available if x in wanted]


def _git_commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True, text=True,
                              check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "newsclean"], cwd=HERE.parent,
                               capture_output=True, text=True).stdout.strip()
        return head + ("+uncommitted newsclean changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", help="a folder of corpora (truth.jsonl + html/), or one corpus")
    ap.add_argument("-o", "--output", help="write per-page scores here (JSON)")
    ap.add_argument("--compare", help="a previous --output (or benchmarks.evaluate) file: list pages that moved")
    ap.add_argument("--only", help="comma-separated extractors (default: all): " + ", ".join(EXTRACTORS))
    ap.add_argument("--corpus", help="comma-separated corpus folder names (default: all)")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes")
    ap.add_argument("--limit", type=int, help="only the first N pages of each corpus (a quick look)")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds one extractor may spend on one page")
    ap.add_argument("--cache", default=str(DEFAULT_CACHE), help="peer output cache folder (default: %(default)s)")
    ap.add_argument("--no-cache", action="store_true", help="recompute every peer, keep nothing")
    ap.add_argument("--report", default=str(DEFAULT_REPORT), help="where quality.md/png go (default: %(default)s)")
    ap.add_argument("--no-report", action="store_true", help="print the summary only")
    ap.add_argument("--show", type=int, default=10, help="pages listed per extractor by --compare")
    args = ap.parse_args(argv)

    names = _pick(args.only, list(EXTRACTORS), "extractor")
    folders = {f.name: f for f in corpora(args.folder)}
    corpus_names = _pick(args.corpus, list(folders), "corpus")
    versions = {n: EXTRACTORS[n].version() for n in names}
    cache = None if args.no_cache else Path(args.cache)
    jobs = [Job(p, tuple(names), versions, cache, args.timeout)
            for c in corpus_names for i, p in enumerate(pages(folders[c])) if args.limit is None or i < args.limit]

    started = time.perf_counter()
    rows = run(jobs, args.jobs)
    wall = time.perf_counter() - started
    summary = summarize(rows)
    peer_rows = [r for r in rows if EXTRACTORS[r["extractor"]].cached]
    meta = {"command": shlex.join(["python", "-m", "benchmarks.quality", *argv]),
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "wall_seconds": wall, "peer_extractions": len(peer_rows) if cache else 0,
            "cache_hits": sum(1 for r in peer_rows if r["cached"]),
            "versions": {"python": platform.python_version(), "newsclean commit": _git_commit(),
                         **{n: v for n, v in versions.items()}},
            "pages": {c: sum(1 for j in jobs if j.page.corpus == c) for c in corpus_names}}

    for name in names:
        for key, vals in summary[name].items():
            print(f"{name:24s} {key:28s} " + "  ".join(
                f"{k}={v:.4f}" if isinstance(v, float) else f"{k}={v}" for k, v in vals.items()))
        errors = [r for r in rows if r["extractor"] == name and "error" in r]
        if errors:
            e = errors[0]
            print(f"{name}: {len(errors)} pages raised; first: {e['corpus']}/{e['id']}: {e['error']}")
    print(f"wall time {wall:.0f} s; {meta['cache_hits']} of {meta['peer_extractions']} peer outputs from cache")
    if args.output:
        Path(args.output).write_text(json.dumps({"meta": meta, "summary": summary, "pages": rows}))
    if args.compare:
        old = json.loads(Path(args.compare).read_text())["pages"]
        print("\n".join(compare(old, rows, args.show)))
    if not args.no_report:
        report = Path(args.report)
        report.mkdir(parents=True, exist_ok=True)
        (report / "quality.md").write_text(markdown(summary, names, corpus_names, meta), encoding="utf-8")
        chart(summary, names, corpus_names, report / "quality.png")
        print(f"wrote {report / 'quality.md'} and {report / 'quality.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
