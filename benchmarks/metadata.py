"""Score page metadata, field by field, for newsclean, trafilatura and newspaper4k.

    python -m benchmarks.metadata ../shared/datasets -o benchmarks/results/metadata.md [--refresh] [--show FIELD]

Each tool sees the same decoded text (newsclean's decoder) and reads metadata
only: ``newsclean.metadata.extract_metadata`` on a fresh tree,
``trafilatura.metadata.extract_metadata`` (what ``bare_extraction(...,
with_metadata=True)`` calls), and newspaper4k's ``Article.parse`` (which has
no metadata-only entry point, so its time includes body extraction).  Peer
outputs are cached under ``benchmarks/out/`` (gitignored); ``--refresh``
recomputes them.

Which truth field is scored against which output:

=================  ===========================================  ==========================
corpus             truth field                                  output
=================  ===========================================  ==========================
readability-pages  title, author (byline), date,                title, authors, published,
                   extra.excerpt, extra.siteName, extra.lang    description, site_name, language
wcxb-dev           title, author, date                          title, authors, published
trafilatura-eval   title, author, date, extra.sitename,         title, authors, published,
                   extra.categories, extra.tags,                site_name, categories, tags,
                   extra.description, extra.license             description, license
=================  ===========================================  ==========================

A page counts for a field only when its truth value is non-empty.  Matching
(the score is the share of those pages a tool gets right):

* text (title, site name): Unicode NFKC, case folded, whitespace folded,
  typographic quotes and dashes mapped to ASCII, equal.
* description: as text, after dropping a trailing ellipsis on both sides; when
  the truth ended in an ellipsis (a truncated excerpt) the prediction may
  continue it (prefix match).
* date: the calendar date (``YYYY-MM-DD``) of the truth equals that of the
  output, each read in its own stated zone (no conversion).
* authors: sets of names.  A string is split on ``,`` ``;`` ``&`` ``|`` and the
  words and/und/et/y/e; a leading by/von/par/por/di/door/av/from is dropped;
  names are text-normalised; the two sets must be equal.
* language: the primary subtag (``en`` of ``en-US``), case folded.
* tags, categories: sets of text-normalised values, equal.
* license: case folded, runs of spaces and hyphens folded to one space.

``spurious`` (trafilatura-eval only, where the truth holds an explicit empty
value for a page that was labelled): the share of those pages where the tool
still gave a value.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import unicodedata
import warnings
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Iterable

from benchmarks.corpus import Page, corpora, pages

OUT = Path(__file__).parent / "out"
TOOLS = ("newsclean", "trafilatura", "newspaper4k", "newsclean+htmldate")

# (corpus, field) -> how to read the truth value from a truth record
TRUTH: dict[str, dict[str, Callable[[dict[str, Any]], Any]]] = {
    "readability-pages": {
        "title": lambda r: r.get("title"), "authors": lambda r: r.get("author"), "date": lambda r: r.get("date"),
        "description": lambda r: (r.get("extra") or {}).get("excerpt"),
        "site_name": lambda r: (r.get("extra") or {}).get("siteName"),
        "language": lambda r: (r.get("extra") or {}).get("lang"),
    },
    "wcxb-dev": {"title": lambda r: r.get("title"), "authors": lambda r: r.get("author"),
                 "date": lambda r: r.get("date")},
    "trafilatura-eval": {
        "title": lambda r: r.get("title"), "authors": lambda r: r.get("author"), "date": lambda r: r.get("date"),
        "site_name": lambda r: (r.get("extra") or {}).get("sitename"),
        "categories": lambda r: (r.get("extra") or {}).get("categories"),
        "tags": lambda r: (r.get("extra") or {}).get("tags"),
        "description": lambda r: (r.get("extra") or {}).get("description"),
        "license": lambda r: (r.get("extra") or {}).get("license"),
    },
}
FIELDS = ("title", "authors", "date", "site_name", "language", "description", "categories", "tags", "license")


# -- normalisation ------------------------------------------------------------------------------
_WS = re.compile(r"\s+")
_PUNCT = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
_ELLIPSIS = re.compile(r"\s*(\.\.\.|…)\s*$")
_NAME_SPLIT = re.compile(r"\s*(?:[,;&|]|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*", re.I)
_BY = re.compile(r"^(?:by|von|par|por|di|door|av|from)\s+", re.I)


def norm_text(value: Any) -> str:
    if not value:
        return ""
    text = unicodedata.normalize("NFKC", str(value)).translate(_PUNCT)
    return _WS.sub(" ", text).strip().casefold()


def norm_names(value: Any) -> frozenset[str]:
    items = value if isinstance(value, (list, tuple, set, frozenset)) else [value or ""]
    out = set()
    for item in items:
        for name in _NAME_SPLIT.split(norm_text(item)):
            name = _BY.sub("", name).strip(" .:-")
            if name:
                out.add(name)
    return frozenset(out)


def as_date(value: Any) -> str | None:
    """``YYYY-MM-DD`` of a date, datetime or ISO string (as text: a few truth values are not valid dates)."""
    if not value:
        return None
    if isinstance(value, (date, datetime)):
        return value.isoformat()[:10]
    m = re.match(r"\d{4}-\d{2}-\d{2}", str(value))
    return m[0] if m else None


def match_description(pred: Any, truth: Any) -> bool:
    p, t = norm_text(pred), norm_text(truth)
    truncated = bool(_ELLIPSIS.search(t))
    p, t = _ELLIPSIS.sub("", p), _ELLIPSIS.sub("", t)
    return bool(p) and (p == t or (truncated and p.startswith(t)))


def norm_license(value: Any) -> str:
    return re.sub(r"[\s\-]+", " ", norm_text(value))


MATCH: dict[str, Callable[[Any, Any], bool]] = {
    "title": lambda p, t: bool(norm_text(p)) and norm_text(p) == norm_text(t),
    "site_name": lambda p, t: bool(norm_text(p)) and norm_text(p) == norm_text(t),
    "authors": lambda p, t: bool(norm_names(p)) and norm_names(p) == norm_names(t),
    "date": lambda p, t: as_date(p) is not None and as_date(p) == as_date(t),
    "language": lambda p, t: bool(p) and norm_text(p).split("-")[0].split("_")[0] == norm_text(t).split("-")[0],
    "description": match_description,
    "categories": lambda p, t: bool(p) and {norm_text(x) for x in p} == {norm_text(x) for x in t},
    "tags": lambda p, t: bool(p) and {norm_text(x) for x in p} == {norm_text(x) for x in t},
    "license": lambda p, t: bool(p) and norm_license(p) == norm_license(t),
}


# -- tools: each returns a dict of FIELDS (JSON-safe) ------------------------------------------
def run_newsclean(text: str, url: str | None, *, htmldate: bool = False) -> dict[str, Any]:
    """newsclean's metadata; ``meta_ms`` excludes parsing, which the extractor does anyway."""
    from newsclean import dom
    from newsclean.context import Context
    from newsclean.metadata import extract_metadata

    tree = dom.parse(text)
    start = time.perf_counter()
    m = extract_metadata(tree, Context.new(url), htmldate=htmldate)
    meta_ms = (time.perf_counter() - start) * 1000
    return {"meta_ms": meta_ms, "title": m.title, "authors": list(m.authors), "date": m.published.isoformat() if m.published else None,
            "site_name": m.site_name, "language": m.language, "description": m.description,
            "categories": list(m.categories), "tags": list(m.tags), "license": m.license,
            "sources": m.sources}


def run_trafilatura(text: str, url: str | None) -> dict[str, Any]:
    from trafilatura.metadata import extract_metadata

    d = extract_metadata(text, default_url=url)
    authors = [a.strip() for a in (d.author or "").split(";") if a.strip()]
    return {"title": d.title, "authors": authors, "date": d.date, "site_name": d.sitename,
            "language": d.language, "description": d.description, "categories": list(d.categories or ()),
            "tags": list(d.tags or ()), "license": d.license}


def run_newspaper(text: str, url: str | None) -> dict[str, Any]:
    from newspaper import Article

    # fetch_images=False: by default newspaper4k downloads candidate images to size them
    a = Article(url or "http://example.com/", fetch_images=False, memoize_articles=False)
    a.download(input_html=text)
    a.parse()
    return {"title": a.title, "authors": list(a.authors),
            "date": a.publish_date.isoformat() if a.publish_date else None,
            "site_name": a.meta_site_name or None, "language": a.meta_lang or None,
            "description": a.meta_description or None, "categories": [], "tags": sorted(a.tags or ()),
            "license": None}


RUNNERS = {"newsclean": run_newsclean,
           "newsclean+htmldate": lambda text, url: run_newsclean(text, url, htmldate=True), "trafilatura": run_trafilatura, "newspaper4k": run_newspaper}


def decoded(page: Page) -> str:
    from newsclean.encoding import decode

    return decode(page.html())[0]


def outputs(tool: str, todo: list[Page], refresh: bool) -> dict[str, dict[str, Any]]:
    """``{page key: output}`` for one tool; peers are cached on disk, newsclean is always recomputed."""
    cache = OUT / f"metadata-{tool}.jsonl"
    cached = not tool.startswith("newsclean")
    got: dict[str, dict[str, Any]] = {}
    if cached and cache.exists() and not refresh:
        for line in cache.open(encoding="utf-8"):
            row = json.loads(line)
            got[row["key"]] = row
    missing = [p for p in todo if f"{p.corpus}/{p.id}" not in got]
    if not missing:
        return got
    runner = RUNNERS[tool]
    if cached:
        OUT.mkdir(exist_ok=True)
    with (cache.open("w" if refresh else "a", encoding="utf-8") if cached else open(os.devnull, "w")) as sink:
        for page in missing:
            key = f"{page.corpus}/{page.id}"
            text = decoded(page)
            start = time.perf_counter()
            try:
                row = runner(text, page.url)
            except Exception as exc:  # a benchmark records failures instead of dying
                row = {"error": f"{type(exc).__name__}: {exc}"}
            row["ms"] = (time.perf_counter() - start) * 1000
            row["key"] = key
            got[key] = row
            sink.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            sink.flush()
    return got


# -- scoring --------------------------------------------------------------------------------------
def empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == ()


def score(todo: list[Page], results: dict[str, dict[str, dict[str, Any]]], mine: str = "newsclean"):
    """``table[(corpus, field)][tool] = (right, labelled, spurious, explicit_empty)`` and the losses."""
    table: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0, 0]))
    losses: dict[str, list[tuple[str, Any, Any, Any]]] = defaultdict(list)
    for page in todo:
        key = f"{page.corpus}/{page.id}"
        for fld, read in TRUTH.get(page.corpus, {}).items():
            truth = read(page.truth)
            for tool, outs in results.items():
                pred = outs[key].get(fld)
                cell = table[(page.corpus, fld)][tool]
                if truth is None:
                    continue
                if empty(truth):
                    cell[3] += 1
                    cell[2] += not empty(pred)
                    continue
                cell[1] += 1
                ok = MATCH[fld](pred, truth)
                cell[0] += ok
                if tool == mine and not ok and "trafilatura" in results \
                        and MATCH[fld](results["trafilatura"][key].get(fld), truth):
                    losses[fld].append((key, truth, pred, results["trafilatura"][key].get(fld)))
    return table, losses


def report(table, results, cmd: str) -> str:
    tools = tuple(results)
    lines = [f"# Metadata: newsclean vs trafilatura vs newspaper4k", "", f"Command: `{cmd}`", "",
             "Share of pages with a non-empty truth value where the tool's value matches "
             "(matching rules: docstring of benchmarks/metadata.py). "
             "`spur.`: share of pages labelled with an explicit empty value where the tool still gave one "
             "(trafilatura-eval only).", "",
             "| corpus | field | pages | " + " | ".join(tools) + " | " + " | ".join(f"spur. {t}" for t in tools)
             + " |", "|" + " --- |" * (3 + 2 * len(tools))]
    for (corpus, fld) in sorted(table, key=lambda k: (k[0], FIELDS.index(k[1]))):
        cells = table[(corpus, fld)]
        n = cells[tools[0]][1]
        if not n:
            continue
        acc = [f"{cells[t][0] / n:.3f}" for t in tools]
        best = max(cells[t][0] for t in tools)
        acc = [f"**{a}**" if cells[t][0] == best else a for a, t in zip(acc, tools)]
        spur = [f"{cells[t][2] / cells[t][3]:.2f}" if cells[t][3] else "" for t in tools]
        lines.append(f"| {corpus} | {fld} | {n} | " + " | ".join(acc) + " | " + " | ".join(spur) + " |")
    lines += ["", "Time per page in ms, parsing included (newsclean parses with Lexbor, trafilatura with lxml; "
              "newspaper4k also extracts the body). `newsclean metadata` is `extract_metadata` alone on a parsed "
              "tree, the cost it adds to an extraction:", "",
              "| tool | mean | median | p95 | errors |", "| --- | --- | --- | --- | --- |"]
    timings = [(t, "ms") for t in tools] + [(t, "meta_ms") for t in tools if t.startswith("newsclean")]
    for tool, key in timings:
        ms = sorted(r.get(key, 0.0) for r in results[tool].values())
        errors = sum("error" in r for r in results[tool].values())
        label = tool if key == "ms" else f"{tool} metadata"
        if ms:
            lines.append(f"| {label} | {sum(ms) / len(ms):.2f} | {ms[len(ms) // 2]:.2f} | "
                         f"{ms[int(len(ms) * 0.95)]:.2f} | {errors} |")
    lines += ["", "Peer timings are those recorded when their cache was filled (benchmarks/out/); all runs share a "
              "2-core machine with other jobs, so compare orders of magnitude, not decimals. "
              "Readability's title truth is its own `<title>` cleanup (it keeps \" | eHow\"), so a tool that strips "
              "site names loses points there by design."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder")
    ap.add_argument("-o", "--output", help="write the Markdown table here")
    ap.add_argument("--refresh", action="store_true", help="recompute the cached peer outputs")
    ap.add_argument("--show", help="list pages where trafilatura is right and newsclean wrong for this field")
    ap.add_argument("--tools", default=",".join(TOOLS), help="comma list; --show looks at the first one")
    args = ap.parse_args(argv)
    warnings.filterwarnings("ignore")
    todo = [p for c in corpora(args.folder) for p in pages(c) if p.corpus in TRUTH]
    results = {t: outputs(t, todo, args.refresh) for t in args.tools.split(",")}
    table, losses = score(todo, results, args.tools.split(",")[0])
    cmd = "python -m benchmarks.metadata " + " ".join(argv if argv is not None else sys.argv[1:])
    text = report(table, results, cmd)
    print(text)
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(text, encoding="utf-8")
    if args.show:
        for key, truth, pred, peer in losses.get(args.show, []):
            print(f"{key}\n   truth={truth!r}\n   newsclean={pred!r}\n   trafilatura={peer!r}")
        print(len(losses.get(args.show, [])), "losses")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
