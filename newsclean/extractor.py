"""The extractor: decode, parse, read metadata, clean, choose the content, build the Article."""

from __future__ import annotations

import gc
import time
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence
from urllib.parse import urljoin

import regex

from . import dom
from .article import Article, Block, Link, StepTrace
from .cleaners import POST, PRE
from .context import Context
from .encoding import decode, sniff_text
from .comments import comments_from
from .errors import InputError, PipelineError
from .fallback import Evidence, Fallback, TrafilaturaFallback, asks, takes, text_chars
from .metadata import apply_rule_fields, extract_metadata
from .pipeline import Pipeline, SelectorCleaner
from .scoring import DensityScorer, Scorer
from .segment import RawBlock, blocks_of, links_of
from .sites import EMPTY, RuleSet, SiteRule
from .standfirst import new_to, standfirst

if TYPE_CHECKING:
    from .dom import LexborHTMLParser, LexborNode

MAX_INPUT_BYTES = 64 * 1024 * 1024  # larger inputs are refused rather than slowly chewed


@dataclass(frozen=True)
class Extractor:
    """A configured, immutable, thread-safe extractor.  ``extract()`` is its function mirror.

    >>> ex = Extractor(pre=PRE.disable("share-bars"), rules=RuleSet.load("rules/"))
    >>> article = ex.extract(html, url="https://example.com/story")
    """

    pre: Pipeline = PRE
    post: Pipeline = POST
    scorer: Scorer = field(default_factory=DensityScorer)
    rules: RuleSet = EMPTY
    fallback: Fallback | None = field(default_factory=TrafilaturaFallback)

    def extract(self, html: str | bytes, url: str | None = None, *, encoding: str | None = None,
                trace: bool = False, comments: bool = False, rules: RuleSet | None = None,
                skip: Sequence[str] = ()) -> Article:
        """Extract the article of one page.

        ``html`` is the page as ``str`` or raw ``bytes`` (decoded like a
        browser would; ``encoding`` is the HTTP header's charset, if known).
        ``trace`` records what each step removed; ``skip`` names steps to
        leave out for this call only.  A page without an article gives an
        Article whose ``found`` is False; unusable input raises
        :class:`~newsclean.InputError`.
        """
        with _collector_paused():
            return self._run(html, url, encoding, trace, comments, rules, skip, None, keep_tree=False).article

    def run(self, html: str | bytes, url: str | None = None, *, encoding: str | None = None, trace: bool = False,
            comments: bool = False, rules: RuleSet | None = None, skip: Sequence[str] = (),
            before_clean: Callable[[LexborNode, Context], None] | None = None) -> Extraction:
        """Like :meth:`extract`, but also return the parsed tree, the context and the content node.

        For tools that look inside an extraction (``newsclean explain``);
        ``before_clean(root, ctx)`` is called on the untouched body before any
        step runs.  Removed nodes are only detached, so they stay readable.
        """
        with _collector_paused():
            return self._run(html, url, encoding, trace, comments, rules, skip, before_clean, keep_tree=True)

    def _run(self, html: str | bytes, url: str | None, encoding: str | None, trace: bool, comments: bool,
             rules: RuleSet | None, skip: Sequence[str], before_clean: Callable[[LexborNode, Context], None] | None,
             *, keep_tree: bool) -> Extraction:
        """:meth:`run`; without ``keep_tree`` the parse tree is let go before the fallback runs, so a page
        that falls back peaks at one tree in memory (newsclean's or trafilatura's), not both."""
        text, utf8 = _as_text(html, encoding)
        unknown = set(skip) - set(self.pre.names) - set(self.post.names)
        if unknown:
            raise PipelineError(f"cannot skip unknown step(s) {sorted(unknown)}; available: "
                                f"{self.pre.names + self.post.names}")
        ruleset = rules if rules is not None else self.rules
        ctx = Context.new(url, None, record=trace, comments=comments)
        ctx.rule = ruleset.match(ctx.host) if len(ruleset) else None
        tree = dom.parse(text, utf8)
        meta = extract_metadata(tree, ctx)
        if ctx.rule is not None:
            apply_rule_fields(tree, ctx.rule, meta)
        ctx.title = meta.title
        ctx.page_types = meta.types
        root = tree.body or tree.root
        if root is None:
            return Extraction(Article(url=url, title=meta.title), tree, ctx, None)
        _protect_document(ctx, tree)
        ctx.root = root
        pre, post = _for_rule(self.pre, ctx.rule), _for_rule(self.post, ctx.rule)
        if before_clean is not None:
            before_clean(root, ctx)
        pre(root, ctx, skip=skip)

        start = time.perf_counter()
        node = dom.first(root, ctx.rule.content) if ctx.rule and ctx.rule.content else None
        candidates: tuple = ()
        lead: list[RawBlock] = []
        if node is None:
            page = blocks_of(root, ctx)
            choice = self.scorer.best(root, page, ctx)
            if choice is not None:
                node, candidates = choice.node, choice.candidates
                lead = standfirst(page, node, ctx)
        if trace:
            ctx.trace.append(StepTrace("select-content", 0, 0, round((time.perf_counter() - start) * 1000, 3),
                                       note=dom.css_path(node) if node is not None else "no content found"))
        blocks: tuple[Block, ...] = ()
        if node is not None:
            ctx.protected.add(node.mem_id)
            post(node, ctx, skip=skip)
            body = blocks_of(node, ctx)
            lead = new_to(lead, body) if lead else lead
            if lead and trace:
                ctx.trace.append(StepTrace("standfirst", 0, 0, 0.0,
                                           note=", ".join(dom.css_path(b.node) for b in lead)))
            blocks = _absolute(to_blocks(lead + body), url)
        found_comments = comments_from(ctx.comment_nodes) if comments else ()
        fallback = self.fallback
        evidence = _evidence(fallback, blocks, text, ctx) if fallback is not None else None
        if fallback is not None and evidence is not None and asks(fallback, evidence):
            if not keep_tree:
                tree = root = node = choice = page = body = None  # type: ignore[assignment]
                lead = []  # its blocks hold nodes of the tree too
                ctx.root, ctx.cache, ctx.comment_nodes = None, {}, []
            blocks = _fall_back(fallback, blocks, evidence, _without_consent(text, url, pre, skip), url, ctx)
        article = Article(
            url=url, title=meta.title, text=blocks_text(blocks), blocks=blocks, authors=meta.authors,
            published=meta.published, modified=meta.modified, site_name=meta.site_name, language=meta.language,
            description=meta.description, image=meta.image, tags=meta.tags, categories=meta.categories,
            canonical_url=meta.canonical_url, license=meta.license, source=ctx.source_line,
            comments=found_comments,
            rule_id=ctx.rule.id if ctx.rule else None, sources=tuple(meta.sources.items()),
            trace=tuple(ctx.trace) if trace else (), candidates=candidates)
        return Extraction(article, tree, ctx, node, tuple(b.node for b in lead))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector held off for one extraction, and let run again after it.

    An extraction allocates a few objects per element (nodes, blocks, paths) that
    all live until it ends, and the collector, triggered every few hundred
    allocations, keeps re-scanning them: about a third of the time on a page of
    100,000 table cells, and a tenth on an ordinary one.  Nothing an extraction
    makes needs the collector (reference counting frees it all), so it runs once
    the extraction is over.  A caller that disabled the collector keeps it off;
    with threads, whichever extraction ends first turns it back on.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _evidence(fallback: Fallback, blocks: tuple[Block, ...], html: str, ctx: Context) -> Evidence | None:
    """What :func:`~newsclean.fallback.asks` reads, or None when newsclean kept ``min_chars`` or more.

    That first test is made here, so a page with a clear article pays
    nothing for the rest: ``ctx.total_chars`` (which needs the tree) is only
    measured on a short answer.
    """
    chars = text_chars(blocks)
    if chars >= fallback.min_chars:
        return None
    return Evidence(chars, ctx.total_chars, len(html), bool(ctx.rule is not None and ctx.rule.content))


# Consent widgets newsclean recognises and trafilatura does not: on a page where newsclean found little,
# trafilatura's longer answer was often a cookie banner's text.
_CONSENT_STEPS = ("consent-managers", "cookie-banners")


def _without_consent(html: str, url: str | None, pre: Pipeline, skip: Iterable[str]) -> str:
    """The page as the fallback gets it: parsed again (the tree was pruned by the content steps, or released),
    its consent-platform widgets and cookie banners removed by this extraction's own steps of those names
    (a caller who disabled, skipped or replaced one gets that here too)."""
    steps = tuple(name for name in _CONSENT_STEPS if name in pre and name not in pre.disabled)
    if not steps:
        return html
    tree = dom.parse(html)
    root = tree.body
    if root is None:
        return html
    ctx = Context.new(url)
    _protect_document(ctx, tree)
    ctx.root = root
    pre.only(*steps)(root, ctx, skip=skip)
    return tree.html or html


def _protect_document(ctx: Context, tree: dom.LexborHTMLParser) -> None:
    """``<html>``, ``<head>`` and ``<body>`` are never removed, whatever a step matches."""
    ctx.protected.update(n.mem_id for n in (tree.root, tree.body, tree.head) if n is not None)


def _fall_back(fallback: Fallback, blocks: tuple[Block, ...], evidence: Evidence, html: str, url: str | None,
               ctx: Context) -> tuple[Block, ...]:
    """The fallback's blocks when :func:`~newsclean.fallback.takes` prefers them (``asks`` said to ask)."""
    start = time.perf_counter()
    other = _drop_title(fallback(html, url), ctx.title)
    taken = takes(blocks, other)
    if ctx.record:
        ctx.trace.append(StepTrace(fallback.name, 0, 0, round((time.perf_counter() - start) * 1000, 3),
                                   note=f"newsclean found {evidence.chars} chars of {evidence.page_chars} "
                                        f"({evidence.share:.0%}); "
                                        + ("took the fallback's answer" if taken else "kept newsclean's")))
    return other if taken else blocks


@dataclass(frozen=True, slots=True)
class Extraction:
    """An Article with the state that produced it (see :meth:`Extractor.run`)."""

    article: Article
    tree: LexborHTMLParser
    ctx: Context
    content: LexborNode | None
    lead: tuple[LexborNode, ...] = ()  # the standfirst's elements, before ``content`` (see newsclean.standfirst)


def _absolute(blocks: tuple[Block, ...], url: str | None) -> tuple[Block, ...]:
    """Image addresses and link targets resolved against the page URL (a relative one means nothing off the page).

    Without a URL they stay as the page wrote them.
    """
    if not url or not any(b.src or b.links for b in blocks):
        return blocks
    joined: dict[str, str] = {}  # pages repeat targets; urljoin is the costly part

    def join(ref: str) -> str:
        out = joined.get(ref)
        if out is None:
            out = joined[ref] = _join(url, ref)
        return out

    return tuple(b if not (b.src or b.links) else
                 replace(b, src=join(b.src) if b.src else b.src,
                         links=tuple(Link(k.start, k.end, join(k.href)) for k in b.links))
                 for b in blocks)


_PLAIN_WEB = regex.compile(r"https?://[^/?#\\]")  # an absolute web address with a host


def _join(base: str, ref: str) -> str:
    """``urljoin(base, ref)``, skipped where it would give ``ref`` back (a plain absolute web address).

    urljoin is pure Python and a page holds dozens of links; for an ``http(s)://``
    ``ref`` it only re-assembles the parts, which changes nothing unless a ``?`` or
    ``#`` is left empty (then it drops it), so those still go through it.
    """
    if _PLAIN_WEB.match(ref) and "?#" not in ref and ref[-1] not in "?#":
        return ref
    try:
        return urljoin(base, ref)
    except ValueError:  # a malformed address stays as the page wrote it
        return ref


def _drop_title(blocks: tuple[Block, ...], title: str | None) -> tuple[Block, ...]:
    """Without a leading heading that repeats the title (``Article.title`` holds it)."""
    if blocks and title and blocks[0].kind == "heading" and blocks[0].text.casefold() == title.casefold():
        return blocks[1:]
    return blocks


def _as_text(html: str | bytes, encoding: str | None) -> tuple[str, bytes | None]:
    """The page as text, and as UTF-8 bytes when the input already was exactly those (for the parser)."""
    if isinstance(html, str):
        if len(html) > MAX_INPUT_BYTES:
            raise InputError(f"input of {len(html)} characters exceeds the {MAX_INPUT_BYTES} limit")
        sniff_text(html)
        return html, None
    if isinstance(html, (bytes, bytearray, memoryview)):
        if len(html) > MAX_INPUT_BYTES:
            raise InputError(f"input of {len(html)} bytes exceeds the {MAX_INPUT_BYTES} limit")
        data = bytes(html)
        text, codec = decode(data, encoding)
        # the bytes are the text's UTF-8 when they decoded as ASCII or UTF-8 without a byte order mark
        # (stripped) or a broken sequence (replaced by U+FFFD)
        same = codec in ("ascii", "utf-8") and not data.startswith(b"\xef\xbb\xbf") and "\ufffd" not in text
        return text, data if same else None
    raise InputError(f"html must be str or bytes, got {type(html).__name__}")


def _for_rule(pipeline: Pipeline, rule: SiteRule | None) -> Pipeline:
    """The pipeline with a site rule applied: its removals first, its disabled steps off."""
    if rule is None:
        return pipeline
    out = pipeline.disable(*(n for n in rule.disable if n in pipeline))
    if pipeline.stage == "document" and rule.remove:
        out = out.insert(SelectorCleaner("site-rule", rule.remove), first=True)
    if pipeline.stage == "document" and rule.unwrap:
        out = out.insert(_Unwrap("site-rule-unwrap", rule.unwrap), first=True)
    return out


@dataclass(frozen=True, slots=True)
class _Unwrap:
    name: str
    selectors: tuple[str, ...]
    stage: str = "document"

    def __call__(self, root: LexborNode, ctx: Context) -> None:
        for node in dom.select(root, ", ".join(self.selectors)):
            if dom.removable(node, ctx):
                node.unwrap()
                ctx.tree_changed()


# -- output -----------------------------------------------------------------------------------
_NEW = object.__new__
_KIND, _TEXT, _LEVEL, _CELLS, _LANG, _SRC, _ORDERED, _LINKS = (Block.__dict__[f.name].__set__ for f in fields(Block))


def _block(kind: str, text: str, level: int = 0, cells: tuple[str, ...] = (), lang: str | None = None,
           src: str | None = None, ordered: bool = False, links: tuple[Link, ...] = ()) -> Block:
    """``Block(...)``, filled through its slots: a frozen dataclass's ``__init__`` sets each field by
    ``object.__setattr__``, which took half of :func:`to_blocks` on a page of 100,000 paragraphs."""
    b = _NEW(Block)
    _KIND(b, kind)
    _TEXT(b, text)
    _LEVEL(b, level)
    _CELLS(b, cells)
    _LANG(b, lang)
    _SRC(b, src)
    _ORDERED(b, ordered)
    _LINKS(b, links)
    return b


def to_blocks(raw: Sequence[RawBlock]) -> tuple[Block, ...]:
    """Raw blocks to typed blocks: table cells of one row become one ``table_row``."""
    out: list[Block] = []
    i = 0
    n = len(raw)
    while i < n:
        b = raw[i]
        if b.kind == "cell":
            cells = []
            row_links: list[Link] = []
            at = 0  # where the cell starts in the row's " | "-joined text
            row = b.row
            while i < n:
                c = raw[i]
                if c.kind != "cell" or c.row != row:
                    break
                # "\n" -> " " keeps the length: the offsets hold until nfc() moves them
                cell = c.text.replace("\n", " ")
                if c.spans is not None:
                    cell, own = nfc(cell, links_of(c))
                    row_links += (Link(k.start + at, k.end + at, k.href) for k in own)
                elif not _is_nfc("NFC", cell):  # nfc() without links, inlined: this runs once per cell
                    cell = unicodedata.normalize("NFC", cell)
                cells.append(cell)
                at += len(cell) + 3
                i += 1
            out.append(_block("table_row", " | ".join(cells), cells=tuple(cells), links=tuple(row_links)))
            continue
        if b.kind == "code":  # verbatim
            out.append(_block("code", b.text, lang=b.lang))
        elif b.kind == "image":
            out.append(_block("image", b.text, src=b.src))
        elif b.kind == "paragraph" and b.spans is None and _is_nfc("NFC", b.text):
            out.append(_block("paragraph", b.text))  # the common block: no links to place, already NFC
        else:
            text, links = nfc(b.text, links_of(b))
            if b.kind == "list_item":
                out.append(_block("list_item", text, level=b.level, ordered=b.ordered, links=links))
            elif b.kind == "heading":
                out.append(_block("heading", text, level=b.level, links=links))
            else:
                out.append(_block(b.kind, text, links=links))  # type: ignore[arg-type]
        i += 1
    return tuple(out)


_is_nfc = unicodedata.is_normalized


def nfc(text: str, links: tuple[Link, ...]) -> tuple[str, tuple[Link, ...]]:
    """``text`` in composed form (NFC), its links moved with it.

    Some pages write letters decomposed, a base and its combining marks (Bengali from some CMSs, text
    pasted from macOS): it looks the same but matches nothing a reader types or searches for.  Only a
    text that is not NFC already pays (the check is a quick scan); the page is never normalised whole.
    """
    if unicodedata.is_normalized("NFC", text):
        return text, links
    out = unicodedata.normalize("NFC", text)
    if links:
        def at(i: int) -> int:
            return min(len(unicodedata.normalize("NFC", text[:i])), len(out))

        links = tuple(Link(at(k.start), at(k.end), k.href) for k in links)
    return out, links


_TIGHT = frozenset({"list_item", "table_row"})


def blocks_text(blocks: Sequence[Block]) -> str:
    """Blocks joined: list items and table rows one per line, everything else by a blank line."""
    parts: list[str] = []
    prev = None
    for b in blocks:
        if b.kind == "image":  # alt text describes a picture; it is not the article's text
            continue
        if parts:
            parts.append("\n" if (b.kind in _TIGHT and prev in _TIGHT and b.kind == prev) else "\n\n")
        parts.append(b.text)
        prev = b.kind
    return "".join(parts)


DEFAULT = Extractor()


def extract(html: str | bytes, url: str | None = None, *, encoding: str | None = None, trace: bool = False,
            comments: bool = False, rules: RuleSet | None = None, skip: Sequence[str] = (),
            extractor: Extractor = DEFAULT) -> Article:
    """Extract the article of one page with the default (or given) extractor.  See :meth:`Extractor.extract`."""
    return extractor.extract(html, url, encoding=encoding, trace=trace, comments=comments, rules=rules, skip=skip)
