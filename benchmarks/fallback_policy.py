"""Fit and check the fallback's decision offline: when to ask trafilatura, which answer to keep.

    python -m benchmarks.fallback_policy ../shared/datasets [--jobs 2] [-o signals.json] [--signals signals.json]

Each page is extracted once by newsclean with the fallback off, recording the
:class:`newsclean.fallback.Evidence` the decision reads (plus the kept text's
link characters, for studies), and trafilatura's ``include_comments=False``
text is read from the peer cache of benchmarks/quality.py (computed and cached
when missing).  Both outputs are scored, so any policy is simulated without
rerunning either engine: the script prints, for the train half, the validation
half and all pages, the score of every corpus and the share of pages on which
the fallback would run, for

* ``off``: newsclean alone;
* ``default``: :func:`~newsclean.fallback.asks` / ``takes`` with
  ``TrafilaturaFallback()``'s thresholds (what ``extract()`` does);
* a grid of ``min_chars`` x ``min_page_chars``, ranked on the train half only
  (the validation figures are reported, never used to choose);
* ``best-of-both``: trafilatura on every page, the better answer kept page by
  page (a ceiling no rule reaches: it reads the reference), and the same
  within the call budget (the 10% of each corpus's pages where trafilatura
  gains most).

It then slices the pages where newsclean kept ``min_chars`` or more by
signals newsclean has for free (the kept text's share of the page, its link
density, its size) and prints, per decile, trafilatura's mean word-F1 gain
on wcxb-dev: a signal worth a rule would show a decile where it is clearly
positive.

"Longer" is judged on trafilatura's plain text here and on its Markdown blocks
in the library, so the simulation matches ``benchmarks.evaluate`` to about
0.001 (wcxb-dev 0.8732 simulated, 0.873 measured at 128dee9).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Callable, Iterable

from benchmarks.corpus import SPLITS, Page, corpora, pages, split_of
from benchmarks.metrics import mean, snippet_total

PEER = "trafilatura-nocomments"
Row = dict[str, Any]
Policy = Callable[[Row], bool]  # True: the page ends with trafilatura's answer
GRID_MIN_CHARS = (300, 500, 800, 1200)
GRID_MIN_PAGE_CHARS = (1000, 1500, 2000, 3000)


def signals(page: Page, cache: Path | None) -> Row:
    """One page: newsclean's evidence and score with the fallback off, and trafilatura's score."""
    from benchmarks.peers import EXTRACTORS
    from benchmarks.quality import Job, extract, score
    from newsclean.extractor import Extractor
    from newsclean.fallback import text_chars

    data = page.html()
    run = Extractor(fallback=None).run(data, url=page.url)
    ctx, blocks = run.ctx, run.article.blocks
    job = Job(page, (PEER,), {PEER: EXTRACTORS[PEER].version()}, cache, 60.0)
    other, _, _ = extract(job, PEER, data)
    return {"corpus": page.corpus, "id": page.id, "page_type": page.page_type, "split": split_of(page),
            "chars": text_chars(blocks), "page_chars": ctx.total_chars, "html_chars": _html_chars(data),
            "rule_content": bool(ctx.rule is not None and ctx.rule.content),
            "link_chars": sum(link.end - link.start for b in blocks for link in b.links),
            "other_chars": len(other), "ours": score(page, run.article.text), "theirs": score(page, other)}


def _html_chars(data: bytes) -> int:
    """The decoded page's length, as the extractor measures it against ``max_chars``."""
    from newsclean.encoding import decode

    return len(decode(data)[0])


def _job(args: tuple[Page, str | None]) -> Row:
    page, cache = args
    return signals(page, Path(cache) if cache else None)


def collect(folder: str, jobs: int, cache: str | None) -> list[Row]:
    todo = [(p, cache) for c in corpora(folder) for p in pages(c)]
    if jobs <= 1:
        return [_job(t) for t in todo]
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(_job, todo, chunksize=16))


def threshold_policy(min_chars: int, min_page_chars: int, max_chars: int) -> tuple[Policy, Policy]:
    """(asked, taken) for a fallback with these thresholds, through the library's own ``asks``."""
    from dataclasses import dataclass

    from newsclean.fallback import Evidence, asks

    @dataclass(frozen=True)
    class Limits:
        name: str
        min_chars: int
        min_page_chars: int
        max_chars: int

    limits = Limits("simulated", min_chars, min_page_chars, max_chars)

    def asked(r: Row) -> bool:
        return asks(limits, Evidence(r["chars"], r["page_chars"], r["html_chars"], r["rule_content"]))

    return asked, lambda r: asked(r) and r["other_chars"] > r["chars"]


def _page_value(s: Row) -> float:
    """One page's score for choosing the better answer: word F1, else snippet tp - fp."""
    if "f1" in s:
        return s["f1"]
    tp, _, fp, _ = s.get("snip", (0, 0, 0, 0))
    return tp - fp


def best_of_both(r: Row) -> bool:
    return _gain(r) > 0


def _gain(r: Row) -> float:
    return _page_value(r["theirs"]) - _page_value(r["ours"])


def best_within(rows: list[Row], rate: float) -> Policy:
    """The ceiling under a call budget: trafilatura's answer on the ``rate`` share of each corpus's pages
    where it gains most (and gains at all)."""
    by_corpus: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        by_corpus[r["corpus"]].append(r)
    chosen = {(r["corpus"], r["id"]) for rs in by_corpus.values()
              for r in sorted(rs, key=_gain, reverse=True)[:int(rate * len(rs))] if _gain(r) > 0}
    return lambda r: (r["corpus"], r["id"]) in chosen


SLICES: dict[str, Callable[[Row], float]] = {
    "share of page text": lambda r: r["chars"] / r["page_chars"] if r["page_chars"] else 0.0,
    "link density": lambda r: r["link_chars"] / r["chars"] if r["chars"] else 0.0,
    "chars kept": lambda r: float(r["chars"]),
}


def slices(rows: list[Row], min_chars: int, n: int = 10) -> None:
    """trafilatura's mean word-F1 gain on wcxb-dev pages where newsclean kept ``min_chars`` or more, by decile
    of each signal (and the share of pages where it gains more than 0.02)."""
    pool = [r for r in rows if r["corpus"] == "wcxb-dev" and "f1" in r["ours"] and r["chars"] >= min_chars]
    print(f"== wcxb-dev pages where newsclean kept {min_chars}+ chars ({len(pool)}): trafilatura's gain by decile")
    for name, signal in SLICES.items():
        ranked = sorted(pool, key=signal)
        cells = []
        for i in range(n):
            part = ranked[i * len(ranked) // n:(i + 1) * len(ranked) // n]
            gains = [r["theirs"]["f1"] - r["ours"]["f1"] for r in part]
            cells.append(f"<={signal(part[-1]):.3g}: {mean(gains):+.3f}/{sum(g > 0.02 for g in gains) / len(part):.0%}")
        print(f"{name:20s} " + "  ".join(cells))


def summary(rows: Iterable[Row], taken: Policy, asked: Policy | None = None) -> dict[str, float]:
    """Per corpus: mean word F1 where a reference text exists, else snippet F1; and the call rate."""
    f1s: dict[str, list[float]] = defaultdict(list)
    snips: dict[str, list[Any]] = defaultdict(list)
    n = calls = 0
    for r in rows:
        n += 1
        calls += bool((asked or taken)(r))
        s = r["theirs"] if taken(r) else r["ours"]
        if "f1" in s:
            f1s[r["corpus"]].append(s["f1"])
            if r["page_type"]:
                f1s[f"{r['corpus']}/{r['page_type']}"].append(s["f1"])
        elif "snip" in s:
            snips[r["corpus"]].append(s["snip"])
    out = {k: mean(v) for k, v in sorted(f1s.items())}
    out.update({k: snippet_total(v).f1 for k, v in sorted(snips.items()) if k not in out})  # no reference text
    out["call_rate"] = calls / n if n else 0.0
    return out


def _line(label: str, s: dict[str, float], keys: tuple[str, ...]) -> str:
    return f"{label:28s} " + "  ".join(f"{k.split('/')[-1]}={s.get(k, float('nan')):.4f}" for k in keys)


def report(rows: list[Row]) -> None:
    from newsclean.fallback import TrafilaturaFallback

    default = TrafilaturaFallback()
    corpus_keys = tuple(sorted({r["corpus"] for r in rows}))
    keys = corpus_keys + ("call_rate",)
    halves = {s: [r for r in rows if r["split"] == s] for s in SPLITS}
    halves["all"] = rows
    fitted = []
    for min_chars, min_page in itertools.product(GRID_MIN_CHARS, GRID_MIN_PAGE_CHARS):
        asked, taken = threshold_policy(min_chars, min_page, default.max_chars)
        train = summary(halves["train"], taken, asked)
        fitted.append((sum(train[k] for k in corpus_keys), (min_chars, min_page), asked, taken))
    fitted.sort(key=lambda f: -f[0])
    policies: list[tuple[str, Policy, Policy | None]] = [("off", lambda r: False, None)]
    d_asked, d_taken = threshold_policy(default.min_chars, default.min_page_chars, default.max_chars)
    policies.append(("default", d_taken, d_asked))
    policies += [(f"min_chars={m} min_page={p}", t, a) for _, (m, p), a, t in fitted[:5]]
    policies.append(("best-of-both within 10%", best_within(rows, 0.10), best_within(rows, 0.10)))
    policies.append(("best-of-both (ceiling)", best_of_both, lambda r: True))
    for half, subset in halves.items():
        print(f"== {half} ({len(subset)} pages)")
        for label, taken, asked in policies:
            print(_line(label, summary(subset, taken, asked), keys))
    types = tuple(sorted({f"{r['corpus']}/{r['page_type']}" for r in rows if r["page_type"]}))
    print("== page types, all pages")
    for label, taken, asked in policies[:2] + policies[-2:]:
        print(_line(label, summary(rows, taken, asked), types))
    slices(rows, default.min_chars)


def main(argv: list[str] | None = None) -> int:
    from benchmarks.quality import DEFAULT_CACHE

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", nargs="?", help="corpus folder (not needed with --signals)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--cache", default=str(DEFAULT_CACHE), help="peer output cache (benchmarks/quality.py's)")
    ap.add_argument("-o", "--output", help="write the per-page signals here (JSON)")
    ap.add_argument("--signals", help="read per-page signals from an earlier --output instead of extracting")
    args = ap.parse_args(argv)
    if args.signals:
        rows = json.loads(Path(args.signals).read_text())
    elif args.folder:
        rows = collect(args.folder, args.jobs, args.cache)
    else:
        ap.error("give a corpus folder or --signals")
    if args.output:
        Path(args.output).write_text(json.dumps(rows))
    report(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
