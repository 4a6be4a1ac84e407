"""Score newsclean alone on every corpus of a folder; per-page scores to JSON.

    python -m benchmarks.evaluate ../shared/datasets -o /tmp/run.json [--compare OLD.json] [--jobs 2]
        [--split validation] [--skip STEP,...] [--enable block-model]

This is the fast loop for extraction work and the basis of the CI quality
gate (tests/test_quality_gate.py); benchmarks/quality.py adds the peers.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from benchmarks.corpus import SPLITS, Page, corpora, pages, split_of
from benchmarks.metrics import mean, snippet_counts, snippet_total, word_prf


SKIP: tuple[str, ...] = ()
ENABLE: tuple[str, ...] = ()  # default-off steps to switch on (``block-model``)


def _set_skip(names: tuple[str, ...], enable: tuple[str, ...] = ()) -> None:
    global SKIP, ENABLE
    SKIP, ENABLE = names, enable


def _extractor():
    """The default extractor, with the ``ENABLE`` steps switched on."""
    import newsclean
    from newsclean.extractor import DEFAULT, Extractor

    if not ENABLE:
        return DEFAULT
    pre, post = newsclean.PRE, newsclean.POST
    return Extractor(pre=pre.enable(*(n for n in ENABLE if n in pre)), post=post.enable(*(n for n in ENABLE if n in post)))


def score_page(page: Page) -> dict[str, Any]:
    import newsclean

    try:
        text = newsclean.extract(page.html(), url=page.url, skip=SKIP, extractor=_extractor()).text
        error = None
    except Exception as exc:  # a benchmark records failures instead of dying
        text, error = "", f"{type(exc).__name__}: {exc}"
    row: dict[str, Any] = {"corpus": page.corpus, "id": page.id, "page_type": page.page_type, "chars": len(text)}
    if error:
        row["error"] = error
    if page.main_content is not None:
        row["p"], row["r"], row["f1"] = word_prf(text, page.main_content)
    if page.with_ or page.without:
        row["snip"] = snippet_counts(text, page.with_, page.without)
    return row


def summarize(rows: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    by_corpus: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_corpus[r["corpus"]].append(r)
    for corpus, rs in sorted(by_corpus.items()):
        scored = [r for r in rs if "f1" in r]
        if scored:
            out[corpus] = {"word_p": mean([r["p"] for r in scored]), "word_r": mean([r["r"] for r in scored]),
                           "word_f1": mean([r["f1"] for r in scored]), "pages": len(scored)}
            types: dict[str, list[float]] = defaultdict(list)
            for r in scored:
                if r["page_type"]:
                    types[r["page_type"]].append(r["f1"])
            for t, fs in sorted(types.items()):
                out[f"{corpus}/{t}"] = {"word_f1": mean(fs), "pages": len(fs)}
        snips = [r["snip"] for r in rs if "snip" in r]
        if snips and corpus not in out or (snips and "word_f1" not in out.get(corpus, {})):
            s = snippet_total(snips)
            out[corpus] = {"snip_p": s.precision, "snip_r": s.recall, "snip_f1": s.f1, "snip_acc": s.accuracy,
                           "pages": len(snips)}
    return out


def run(folder: str, jobs: int, skip: tuple[str, ...] = (), split: str | None = None,
        enable: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Per-page scores; ``skip`` names pipeline steps to leave out (to measure what one step is worth);
    ``split`` keeps one half of every corpus (see ``benchmarks.corpus.split_of``)."""
    todo = [p for c in corpora(folder) for p in pages(c) if split is None or split_of(p) == split]
    _set_skip(skip, enable)
    if jobs <= 1:
        return [score_page(p) for p in todo]
    with ProcessPoolExecutor(jobs, initializer=_set_skip, initargs=(skip, enable)) as pool:
        return list(pool.map(score_page, todo, chunksize=16))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder")
    ap.add_argument("-o", "--output", help="write per-page scores here (JSON)")
    ap.add_argument("--compare", help="a previous --output file: list pages that changed")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--show", type=int, default=15, help="how many changed pages to list")
    ap.add_argument("--skip", default="", help="comma-separated step names to leave out")
    ap.add_argument("--enable", default="", help="comma-separated default-off step names to switch on")
    ap.add_argument("--split", choices=SPLITS, help="score one fixed half of every corpus only")
    args = ap.parse_args(argv)
    rows = run(args.folder, args.jobs, tuple(s for s in args.skip.split(",") if s), args.split,
               tuple(s for s in args.enable.split(",") if s))
    summary = summarize(rows)
    for key, vals in summary.items():
        print(f"{key:32s} " + "  ".join(f"{k}={v:.4f}" if isinstance(v, float) else f"{k}={v}"
                                         for k, v in vals.items()))
    errors = [r for r in rows if "error" in r]
    if errors:
        print(f"{len(errors)} pages raised; first: {errors[0]['corpus']}/{errors[0]['id']}: {errors[0]['error']}")
    if args.output:
        Path(args.output).write_text(json.dumps({"summary": summary, "pages": rows}))
    if args.compare:
        compare(json.loads(Path(args.compare).read_text())["pages"], rows, args.show)
    return 0


def _page_score(r: dict[str, Any]) -> float:
    if "f1" in r:
        return r["f1"]
    tp, fn, fp, tn = r["snip"]
    return (tp + tn) / max(tp + fn + fp + tn, 1)


def compare(old: list[dict[str, Any]], new: list[dict[str, Any]], show: int) -> None:
    before = {(r["corpus"], r["id"]): r for r in old}
    deltas = []
    for r in new:
        o = before.get((r["corpus"], r["id"]))
        if o is not None and ("f1" in r or "snip" in r):
            d = _page_score(r) - _page_score(o)
            if abs(d) > 1e-9:
                deltas.append((d, r["corpus"], r["id"], r.get("page_type")))
    deltas.sort()
    print(f"\n{sum(1 for d in deltas if d[0] > 0)} pages better, {sum(1 for d in deltas if d[0] < 0)} worse")
    print("worse:", *[f"  {c}/{i} ({t}) {d:+.3f}" for d, c, i, t in deltas[:show] if d < 0], sep="\n")
    print("better:", *[f"  {c}/{i} ({t}) {d:+.3f}" for d, c, i, t in deltas[::-1][:show] if d > 0], sep="\n")


if __name__ == "__main__":
    sys.exit(main())
