"""``newsclean explain``: show, on the page, what was kept and what each step removed.

:func:`explain` runs the extractor with tracing on and attributes every text
block of the untouched page to one verdict:

* ``removed``: an element on the block's path was removed; the outermost
  removed element decides which step (or site rule) gets the blame;
* ``kept``: the block lies under the chosen content root and survived; it
  maps to the :class:`~newsclean.Block` of the Article it landed in;
* ``outside``: the block survived the cleaners but is not under the content
  root the scorer (or a site rule) chose.

Inline parts removed from a surviving block (a "share" link inside a
paragraph) are kept as :class:`Trim` records of that block; a block that
lost all of its text that way counts as removed by the first such step.

Removing a node in selectolax disassembles its subtree (text and ancestors
are gone), so before any step runs we clone the body: the clone is the
pristine mirror used for removed nodes' text, for walking their ancestors,
for the reasons, and for counting what a suggested selector matches.

The result is typed data (:class:`Explanation`, frozen dataclasses, with
``to_dict``/``to_json``) and a self-contained HTML report
(:func:`render_html`) that never copies page markup: every page string is
escaped, and a Content-Security-Policy lets only the report's own inline
style and script (by hash) run.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Sequence

import regex

from . import dom, patterns
from .article import Article, Candidate
from .cleaners.comments import CommentCleaner
from .cleaners.phrases import PhraseCleaner
from .cleaners.tokens import TokenCleaner, token_set
from .extractor import DEFAULT, Extractor
from .pipeline import FunctionStep, SelectorCleaner
from .segment import SKIP_TAGS, RawBlock, segment

if TYPE_CHECKING:
    from .context import Context
    from .dom import LexborNode
    from .sites import RuleSet

Status = Literal["kept", "removed", "outside"]
STATUSES: tuple[str, ...] = ("kept", "removed", "outside")
MAX_SELECTOR_DEPTH = 5  # ancestors a suggested selector may climb before it gives up on being unique
MAX_SELECTOR_QUERIES = 1500  # match counts per page (each is a walk of the page); later selectors count -1
# An id or class that names one page rather than a kind of element (post-4121, comment-11, col-3):
# useless in a site rule, so suggested selectors skip it.
_PAGE_SPECIFIC = regex.compile(r"\d{2,}|[-_]\d+$")
_IDENT = regex.compile(r"-?[A-Za-z_][\w-]*")
_META_FIELDS = ("title", "authors", "published", "modified", "site_name", "language", "description", "image",
                "tags", "categories", "canonical_url", "license", "source", "rule_id")


# -- the trace, as data ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Suggestion:
    """What to put in a ``[[rule]]`` table to flip a block's fate on this site.

    ``action`` is what the rule does to the block (``keep`` a removed or
    outside block, ``remove`` a kept one); ``toml`` holds the lines to add;
    ``selector`` is the CSS selector in them, if any, and ``matches`` how many
    elements of this page it matches (-1: not counted, see ``MAX_SELECTOR_QUERIES``).
    """

    action: Literal["keep", "remove"]
    toml: tuple[str, ...]
    selector: str | None = None
    matches: int = 0
    note: str = ""


@dataclass(frozen=True, slots=True)
class Trim:
    """An inline part of a block (a link, a span) that a step removed."""

    step: str
    selector: str
    text: str


@dataclass(frozen=True, slots=True)
class Region:
    """A removed element that held text blocks: the unit a step removed.

    ``path`` is the CSS path the trace recorded at removal time; ``selector``
    a site-rule-ready selector for the same element and ``matches`` how many
    elements of the page it matches.
    """

    index: int
    step: str
    tag: str
    path: str
    selector: str
    matches: int
    reason: str
    in_content: bool
    chars: int
    blocks: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class BlockTrace:
    """One text block of the untouched page and its verdict.

    ``step`` and ``region`` say who removed a removed block (``region`` is
    None when it lost all its text to trims); ``article_block`` is the index
    in ``Article.blocks`` a kept block landed in.  A kept block also gets a
    ``selector`` for its own element and the number of elements it
    ``matches`` (what a ``remove`` rule needs); other blocks leave them empty,
    since the selector that matters for them is in their ``suggestion``.
    """

    index: int
    kind: str
    tag: str
    level: int
    text: str
    status: Status
    step: str | None
    region: int | None
    article_block: int | None
    selector: str
    matches: int
    trims: tuple[Trim, ...]
    suggestion: Suggestion


@dataclass(frozen=True, slots=True)
class StepSummary:
    """One step as it ran on this page: nodes and characters it removed, and the text blocks it took."""

    name: str
    stage: Literal["document", "select", "content"]
    removed: int
    chars: int
    ms: float
    blocks: int
    trims: int
    note: str


@dataclass(frozen=True, slots=True)
class FieldSource:
    """An Article metadata field, its value as text, and where the extractor found it ("" if not recorded)."""

    name: str
    value: str
    source: str


@dataclass(frozen=True, slots=True)
class Explanation:
    """Everything the report shows, as data: see the module docstring."""

    url: str | None
    host: str | None
    article: Article
    content_selector: str | None
    rule_id: str | None
    blocks: tuple[BlockTrace, ...]
    regions: tuple[Region, ...]
    steps: tuple[StepSummary, ...]
    candidates: tuple[Candidate, ...]
    fields: tuple[FieldSource, ...]
    ms: float

    def count(self, status: Status) -> int:
        """How many text blocks have this verdict."""
        return sum(1 for b in self.blocks if b.status == status)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict; the Article is in ``article`` (its own ``to_dict``, without trace)."""
        out: dict[str, Any] = {
            "url": self.url, "host": self.host, "content_selector": self.content_selector,
            "rule_id": self.rule_id, "ms": self.ms,
            "counts": {s: self.count(s) for s in STATUSES},  # type: ignore[arg-type]
            "steps": [asdict(s) for s in self.steps],
            "candidates": [asdict(c) for c in self.candidates],
            "fields": [asdict(f) for f in self.fields],
            "regions": [asdict(r) for r in self.regions],
            "blocks": [asdict(b) for b in self.blocks],
            "article": self.article.to_dict(),
        }
        return _lists(out)

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_html(self) -> str:
        """The self-contained HTML report."""
        from ._explain_report import render_html

        return render_html(self)


def _lists(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    return value


# -- the pristine mirror --------------------------------------------------------------------------
@dataclass
class _Snapshot:
    """The page as it was before any step ran: its blocks and a cloned body to look things up in."""

    blocks: list[RawBlock] = field(default_factory=list)
    clone: LexborNode | None = None
    mirror: dict[int, LexborNode] = field(default_factory=dict)  # original mem_id -> clone node
    original: dict[int, int] = field(default_factory=dict)  # clone mem_id -> original mem_id

    def take(self, root: LexborNode, ctx: Context) -> None:
        """The ``before_clean`` hook of :meth:`Extractor.run`."""
        self.blocks = segment(root)
        clone = root.clone()
        ours = [n.mem_id for n in root.traverse(include_text=False)]
        theirs = list(clone.traverse(include_text=False))
        if len(ours) != len(theirs):  # cannot happen for a deep clone; refuse to guess
            raise RuntimeError("the cloned body does not mirror the original")
        self.clone = clone
        self.mirror = dict(zip(ours, theirs))
        self.original = {c.mem_id: o for o, c in zip(ours, theirs)}

    def ancestors(self, mem_id: int) -> list[int]:
        """Original mem_ids of the element's ancestors, nearest first, as they were before cleaning."""
        out = []
        node = self.mirror.get(mem_id)
        cur = node.parent if node is not None else None
        while cur is not None:
            oid = self.original.get(cur.mem_id)
            if oid is None:
                break
            out.append(oid)
            cur = cur.parent
        return out


@dataclass
class _Selectors:
    """Site-rule-ready CSS selectors for elements of the pristine page, with their match counts."""

    snap: _Snapshot
    counts: dict[str, int] = field(default_factory=dict)
    made: dict[int, tuple[str, int]] = field(default_factory=dict)

    def count(self, selector: str) -> int:
        n = self.counts.get(selector)
        if n is None and len(self.counts) >= MAX_SELECTOR_QUERIES:
            return -1  # not counted: keeps a page with thousands of blocks fast
        if n is None:
            try:
                n = len(dom.select(self.snap.clone, selector)) if self.snap.clone is not None else 0
            except (dom.SelectolaxError, ValueError):
                n = 0
            self.counts[selector] = n
        return n

    def of(self, mem_id: int) -> tuple[str, int]:
        """The shortest path of stable tag/class/id parts that matches only this element, or the best try.

        It climbs at most ``MAX_SELECTOR_DEPTH`` ancestors and stops at a
        stable id.  When that stays ambiguous and the element's own part is
        a bare tag, the climb is redone with ``:nth-of-type()`` on it
        (position-based, so it may not carry over to other pages of the
        site; the count says how exact a selector is).
        """
        if mem_id in self.made:
            return self.made[mem_id]
        node = self.snap.mirror.get(mem_id)
        if node is None:
            return "", 0
        part, anchored = _part(node)
        best = self._climb(node, part, anchored)
        if best[1] > 1 and not anchored and "." not in part and node.parent is not None:
            best = self._climb(node, f"{part}:nth-of-type({_nth_of_type(node)})", False, min_parts=2)
        self.made[mem_id] = best
        return best

    def _climb(self, node: LexborNode, part: str, anchored: bool, min_parts: int = 1) -> tuple[str, int]:
        """``part`` with parent parts prepended until it is unique (``min_parts``: a position alone is too vague)."""
        parts = [part]
        best = (part, self.count(part) if min_parts <= 1 else 0)
        cur = node.parent
        while not anchored and (best[1] != 1 or len(parts) < min_parts) and cur is not None \
                and cur.tag not in ("html", "-document") and len(parts) < MAX_SELECTOR_DEPTH:
            up, anchored = _part(cur)
            parts.append(up)
            sel = " > ".join(reversed(parts))
            best = (sel, self.count(sel))
            cur = cur.parent
        return best


def _stable(name: str) -> bool:
    return bool(_IDENT.fullmatch(name)) and not _PAGE_SPECIFIC.search(name)


def _part(node: LexborNode) -> tuple[str, bool]:
    """One selector part for ``node`` and whether it is anchored by an id."""
    attrs = node.attributes
    ident = attrs.get("id") or ""
    tag = node.tag or "*"
    if ident and _stable(ident):
        return f"{tag}#{ident}", True
    classes = [c for c in (attrs.get("class") or "").split() if _stable(c)][:2]
    return tag + "".join("." + c for c in classes), False


def _nth_of_type(node: LexborNode) -> int:
    k = 0
    parent = node.parent
    for sib in parent.iter() if parent is not None else ():
        if sib.tag == node.tag:
            k += 1
        if sib.mem_id == node.mem_id:
            break
    return max(k, 1)


# -- why a step removed a node --------------------------------------------------------------------
_COMMENT_TOKENS = token_set(patterns.COMMENTS)


def reason(step: object, node: LexborNode, *, rule_remove: Sequence[str] = ()) -> str:
    """A one-line reason why ``step`` matched ``node`` (a node of the pristine mirror), or ""."""
    if isinstance(step, (TokenCleaner, CommentCleaner)):
        tokens = step.tokens if isinstance(step, TokenCleaner) else _COMMENT_TOKENS
        attrs = node.attributes
        found = dom.tokens_of(attrs.get("class") or "", attrs.get("id") or "",
                              patterns.IGNORED_CLASS_PREFIXES) & tokens
        if found:
            words = ", ".join(repr(t) for t in sorted(found, key=lambda t: (-len(t), t))[:3])
            return f"class/id word {words} is in the {step.name!r} vocabulary"
        tags = step.tags if isinstance(step, TokenCleaner) else ("#comments", "[itemprop=comment]")
        return _first_match(node, tags)
    if isinstance(step, SelectorCleaner):
        return _first_match(node, step.selectors)
    if isinstance(step, PhraseCleaner):
        labels = step.labels(node)
        if labels:
            return f"headed by {dom.text_of(labels[0])!r}, a {step.name!r} phrase"
        return ""
    if isinstance(step, FunctionStep):
        return step.doc.split("\n")[0]
    if rule_remove:
        return _first_match(node, rule_remove).replace("matches", "the site rule's remove list matches", 1)
    return ""


def _first_match(node: LexborNode, selectors: Sequence[str]) -> str:
    for sel in selectors:
        try:
            if node.css_matches(sel):
                return f"matches {sel!r}"
        except (dom.SelectolaxError, ValueError):
            continue
    return ""


# -- explain ----------------------------------------------------------------------------------------
def explain(html: str | bytes, url: str | None = None, *, extractor: Extractor = DEFAULT,
            rules: RuleSet | None = None, encoding: str | None = None) -> Explanation:
    """Extract the page with tracing and attribute every text block to a verdict (see the module docstring)."""
    start = time.perf_counter()
    snap = _Snapshot()
    ex = extractor.run(html, url, encoding=encoding, trace=True, rules=rules, before_clean=snap.take)
    article, ctx, content = ex.article, ex.ctx, ex.content
    sels = _Selectors(snap)
    host = ctx.host
    content_id = content.mem_id if content is not None else None
    content_line = snap.ancestors(content_id)[::-1] + [content_id] if content_id is not None else []
    removed = ctx.removed_ids
    block_ids = {b.node.mem_id: i for i, b in enumerate(snap.blocks)}
    on_path = {mid for b in snap.blocks for mid in b.path}

    trims = _trims(snap, removed, block_ids, on_path, sels)
    surviving = {b.node.mem_id for b in segment(ex.tree.body or ex.tree.root)} if ex.tree.root is not None else set()
    lead = {n.mem_id for n in ex.lead}  # the standfirst: outside the content root, first in the Article
    landed = _article_index([*(b for b in snap.blocks if b.node.mem_id in lead),
                             *segment(content)]) if content is not None else {}
    steps_by_name = {s.name: s for s in (*extractor.pre.steps, *extractor.post.steps)}
    rule_remove = ctx.rule.remove if ctx.rule else ()

    regions: dict[int, Region] = {}
    region_blocks: dict[int, list[int]] = {}
    blocks: list[BlockTrace] = []
    for i, b in enumerate(snap.blocks):
        outer = next((mid for mid in b.path if mid in removed), None)
        own_trims = tuple(trims.get(i, ()))
        sel, matches = "", 0
        region = None
        if outer is not None:
            status: Status = "removed"
            step = removed[outer][0]
            if outer not in regions:
                rsel, rn = sels.of(outer)
                mirror = snap.mirror.get(outer)
                why = reason(steps_by_name.get(step), mirror, rule_remove=rule_remove if step == "site-rule"
                             else ()) if mirror is not None else ""
                regions[outer] = Region(len(regions), step, mirror.tag if mirror is not None else "",
                                        removed[outer][1], rsel, rn, why, content_id in b.path, 0, ())
                region_blocks[outer] = []
            region = regions[outer].index
            region_blocks[outer].append(i)
            suggestion = _keep_removed(regions[outer], b, content_line, sels, host)
        elif b.node.mem_id not in surviving and own_trims:
            status, step = "removed", own_trims[0].step
            suggestion = _keep_trimmed(step, host)
        else:
            step = None
            status = "kept" if content_id is not None and (content_id in b.path or b.node.mem_id in lead) else "outside"
            if status == "kept":
                sel, matches = sels.of(b.node.mem_id)
                suggestion = _remove(sel, matches, host)
            else:
                suggestion = _keep_outside(b, content_line, sels, host)
        blocks.append(BlockTrace(i, b.kind, b.tag, b.level, b.text, status, step, region,
                                 landed.get(b.node.mem_id) if status == "kept" else None, sel, matches, own_trims,
                                 suggestion))
    regs = tuple(Region(r.index, r.step, r.tag, r.path, r.selector, r.matches, r.reason, r.in_content,
                        sum(len(snap.blocks[i].text) for i in region_blocks[mid]), tuple(region_blocks[mid]))
                 for mid, r in regions.items())
    return Explanation(
        url=url, host=host, article=article,
        content_selector=sels.of(content_id)[0] if content_id is not None else None,
        rule_id=article.rule_id, blocks=tuple(blocks), regions=regs,
        steps=_steps(article, blocks, extractor), candidates=article.candidates, fields=_fields(article),
        ms=round((time.perf_counter() - start) * 1000, 1))


def _trims(snap: _Snapshot, removed: dict[int, tuple[str, str]], block_ids: dict[int, int], on_path: set[int],
           sels: _Selectors) -> dict[int, list[Trim]]:
    """Removed elements that held no block of their own: inline parts of the enclosing block.

    Only text the enclosing block really showed counts (a removed
    ``<script>`` under a container was never part of any block's text).
    """
    out: dict[int, list[Trim]] = {}
    for mid, (step, _path) in removed.items():
        mirror = snap.mirror.get(mid)
        if mid in on_path or mirror is None or mirror.tag in SKIP_TAGS:
            continue
        ups = snap.ancestors(mid)
        if any(a in removed for a in ups):
            continue  # inside a removed element: the outer one decides
        owner = next((block_ids[a] for a in ups if a in block_ids), None)
        text = dom.text_of(mirror)
        if owner is not None and text and text in snap.blocks[owner].text:
            out.setdefault(owner, []).append(Trim(step, sels.of(mid)[0], text))
    return out


def _article_index(final: Sequence[RawBlock]) -> dict[int, int]:
    """Element mem_id -> index in ``Article.blocks`` (the cells of one table row share a block)."""
    out: dict[int, int] = {}
    index = -1
    row = None
    for b in final:
        if not (b.kind == "cell" and row is not None and b.row == row):
            index += 1
        row = b.row if b.kind == "cell" else None
        out[b.node.mem_id] = index
    return out


def _steps(article: Article, blocks: Sequence[BlockTrace], extractor: Extractor) -> tuple[StepSummary, ...]:
    post = set(extractor.post.names)
    out = []
    for t in article.trace:
        stage = "select" if t.name == "select-content" else "content" if t.name in post else "document"
        taken = sum(1 for b in blocks if b.status == "removed" and b.step == t.name)
        trims = sum(1 for b in blocks for tr in b.trims if tr.step == t.name)
        out.append(StepSummary(t.name, stage, t.removed, t.chars, t.ms, taken, trims, t.note))  # type: ignore[arg-type]
    return tuple(out)


def _fields(article: Article) -> tuple[FieldSource, ...]:
    sources = dict(article.sources)
    out = []
    for name in _META_FIELDS:
        value = getattr(article, name)
        if value in (None, (), ""):
            continue
        text = ", ".join(value) if isinstance(value, tuple) else value.isoformat() if hasattr(value, "isoformat") \
            else str(value)
        out.append(FieldSource(name, text, "site rule" if name == "rule_id" else sources.get(name, "")))
    return tuple(out)


# -- suggestions --------------------------------------------------------------------------------------
def _toml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def _header(host: str | None) -> tuple[str, ...]:
    h = host or "example.com"
    return ("[[rule]]", f"id = {_toml(h)}", f"hosts = [{_toml(h)}]")


def _remove(selector: str, matches: int, host: str | None) -> Suggestion:
    note = "" if matches == 1 else f"this selector matches {matches} elements on this page; all of them go"
    return Suggestion("remove", _header(host) + (f"remove = [{_toml(selector)}]",), selector, matches, note)


def _lca(b: RawBlock, content_line: Sequence[int]) -> int | None:
    """The deepest element that holds both the content root and the block."""
    on = set(content_line)
    return next((mid for mid in reversed(b.path) if mid in on), None)


def _keep_outside(b: RawBlock, content_line: Sequence[int], sels: _Selectors, host: str | None) -> Suggestion:
    target = _lca(b, content_line) if content_line else b.path[-1]
    sel, n = sels.of(target) if target is not None else ("body", 1)
    note = ("content roots replace the scorer's choice on this site; this one holds the current content and "
            "this block" if content_line else "no content was found; this makes the block the content")
    if n != 1:
        note += f" (the selector matches {n} elements; the first one is used)"
    return Suggestion("keep", _header(host) + (f"content = [{_toml(sel)}]",), sel, n, note)


def _keep_removed(region: Region, b: RawBlock, content_line: Sequence[int], sels: _Selectors,
                  host: str | None) -> Suggestion:
    if region.step == "site-rule":
        return Suggestion("keep", (f"# delete the selector that matches {region.selector} from remove",),
                          region.selector, region.matches, "the site rule itself removed it")
    lines = _header(host) + (f"disable = [{_toml(region.step)}]",)
    note = f"turns the {region.step!r} step off for the whole site, not just for this element"
    if not region.in_content:
        sel, n = sels.of(_lca(b, content_line)) if content_line else sels.of(b.path[-1])
        lines += (f"content = [{_toml(sel)}]",)
        note += "; it also lies outside the chosen content, so the content root must grow to hold it"
    return Suggestion("keep", lines, None, 0, note)


def _keep_trimmed(step: str, host: str | None) -> Suggestion:
    return Suggestion("keep", _header(host) + (f"disable = [{_toml(step)}]",), None, 0,
                      f"turns the {step!r} step off for the whole site")


# -- command line ---------------------------------------------------------------------------------------
def main(argv: Sequence[str]) -> int:
    """``newsclean explain PAGE.html [--url URL] [-o report.html] [--format html|json]``."""
    from .errors import NewscleanError
    from .sites import RuleSet

    ap = argparse.ArgumentParser(prog="newsclean explain",
                                 description="Show what newsclean kept and what each step removed, on the page.")
    ap.add_argument("page", help="an HTML file, or - for standard input")
    ap.add_argument("--url", help="the page's address (for site rules)")
    ap.add_argument("-o", "--output", help="write the report here instead of standard output")
    ap.add_argument("--format", choices=("html", "json"), default="html")
    ap.add_argument("--rules", action="append", default=[], metavar="FILE",
                    help="site rules: a TOML file or a folder of them (repeatable)")
    ap.add_argument("--encoding", help="the charset from the HTTP header, if known")
    args = ap.parse_args(argv)
    try:
        data = sys.stdin.buffer.read() if args.page == "-" else Path(args.page).read_bytes()
    except OSError as exc:
        print(f"newsclean explain: cannot read {args.page}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    try:
        rules = RuleSet.load(*args.rules) if args.rules else None
        exp = explain(data, args.url, rules=rules, encoding=args.encoding)
    except NewscleanError as exc:
        print(f"newsclean explain: {exc}", file=sys.stderr)
        return 2
    out = exp.to_json(indent=2) + "\n" if args.format == "json" else exp.to_html()
    if args.output:
        Path(args.output).write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    return 0


__all__ = ["explain", "Explanation", "BlockTrace", "Region", "Trim", "StepSummary", "FieldSource", "Suggestion",
           "reason", "main"]
