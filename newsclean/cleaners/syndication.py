"""Lines about a story rather than of it: where it or its pictures come from, who paid, who owns it, when.

``syndication`` moves a "Source: ..." line out of the body into
``Article.source``; ``credit-lines`` drops a picture's credit ("Foto: dpa",
"(Photo: Getty Images)") that is not inside a caption element; ``ad-labels``
drops an advertising label ("Anzeige", "Advertisement") or an affiliate
disclosure ("This post may contain affiliate links"); ``rights-lines`` drops a
copyright notice ("© 2022 X. All rights reserved."); ``datelines`` drops a
line that only dates the story ("Published: 03.04.2020, 12:35"; the date is
``Article.published``).  Each is a short block
whose words say what it is, wherever it sits: these are matched on the
chosen content's text blocks, not on markup, since they are mostly plain
``<p>`` lines.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from itertools import accumulate
from operator import is_, itemgetter
from typing import TYPE_CHECKING, Callable, cast

import regex

from .. import dom, patterns
from ..pipeline import cleaner
from ..segment import blocks_of

if TYPE_CHECKING:
    from ..context import Context
    from ..dom import LexborNode
    from ..segment import RawBlock

_SOURCE = regex.compile(patterns.SOURCE_LINE, regex.I)
MAX_LINE = 140
_CANDIDATES = frozenset({"p", "div", "span", "em", "i", "small", "strong"})


@cleaner("syndication", stage="content")
def syndication(root: LexborNode, ctx: Context) -> None:
    """A short paragraph that is only "Source: X" names where the story came from; it is not story."""
    found = []
    nodes: list[LexborNode] = []
    blocks: list[LexborNode] = []
    for node in root.traverse():
        tag = node.tag
        if tag in _CANDIDATES:
            nodes.append(node)
            if tag == "p" or tag == "div":
                blocks.append(node)
    holders = _holders(blocks, root)
    for node in nodes:
        if node.mem_id in holders:
            continue  # holds a paragraph or div: never a source line (tested below), and its text is long
        raw = node.text(deep=True)
        if len(raw) > 4 * MAX_LINE or ":" not in raw:  # cheap tests first: no normalising of big divs
            continue  # or of text without the colon a source line needs
        text = " ".join(raw.split())
        if len(text) > MAX_LINE:
            continue
        m = _SOURCE.fullmatch(text)
        if m and not any(c.mem_id != node.mem_id for c in dom.select(node, "p, div")):
            ctx.source_line = ctx.source_line or m.group("src").strip()
            found.append(node)
    dom.remove(found, ctx)


def _holders(blocks: list[LexborNode], root: LexborNode) -> set[int]:
    """The ``mem_id`` of every element under ``root`` (and of ``root``) that has one of ``blocks`` below it.

    Each walk up stops at the first ancestor already found, so this costs one
    step per container, not one per block and level.
    """
    found: set[int] = set()
    root_id = root.mem_id
    for node in blocks:
        if node.mem_id == root_id:
            continue
        cur = node.parent
        while cur is not None:
            mid = cur.mem_id
            if mid in found:
                break
            found.add(mid)
            if mid == root_id:
                break
            cur = cur.parent
    return found


# -- credit-lines, ad-labels ------------------------------------------------------------------------
CREDIT_MAX_CHARS = 150  # a credit names a photographer and an agency; a longer block is a caption or story
AD_LABEL_MAX_CHARS = 200  # a label or a one-sentence disclosure
RIGHTS_MAX_CHARS = 300  # a notice of a sentence or two; a longer block that mentions copyright is text about it
DATELINE_MAX_CHARS = 80  # a label, a date and a time
# A block whose element holds this many characters more than the block is the own text of a container
# (a <div> whose first words are a credit, with the story's paragraphs inside it): removing it would take them.
_SLACK = 20
_CREDIT = re.compile(patterns.CREDIT_LINE)  # lowercase patterns on lowercased text: see line_blocks


class _Gated:
    """A line pattern whose alternatives not anchored at the start need one of ``needles`` in the text:
    without one, only a match at the start is possible, and ``match`` there is cheap where ``search``
    tries every alternative at every position (100,000 short paragraphs made that most of a page's time).
    Same matches as ``pattern.search``."""

    def __init__(self, pattern: str, needles: tuple[str, ...]) -> None:
        self._pattern = re.compile(pattern)
        self._needles = needles

    def search(self, text: str) -> re.Match[str] | None:
        for needle in self._needles:
            if needle in text:
                return self._pattern.search(text)
        return self._pattern.match(text)

    def searches(self, lines: _Lines) -> list[Callable[[str], re.Match[str] | None]]:
        """``search`` for each of ``lines`` in turn, as the method to call on its text: the needles are
        looked for in all the lines at once (one scan of their joined text per needle, where testing
        each line cost 16 calls of ``in`` apiece on a page of 100,000 paragraphs)."""
        search, match = self._pattern.search, self._pattern.match
        out: list[Callable[[str], re.Match[str] | None]] = [match] * len(lines.rows)
        for j in lines.holding(self._needles):
            out[j] = search
        return out


_AD_LABEL = _Gated(patterns.AD_LABEL, patterns.AD_LABEL_NEEDLES)
_RIGHTS = _Gated(patterns.RIGHTS_LINE, patterns.RIGHTS_LINE_NEEDLES)
_DATELINE = re.compile(patterns.DATELINE)
# A line inside an element that holds more (a date in a card's header) recurring more often than this is
# a field of every item of a list (each card's "Updated March 2, 2026"), the list's own text: those stay.
MAX_INNER_LINES = 2
# Code is never prose, and a table cell is the table's data (a column of dates, of picture credits), not a
# stray line: skipping cells also keeps a giant table from paying a regex per cell in each line step.
_NOT_LINES = frozenset({"code", "cell"})


def line_blocks(root: LexborNode, ctx: Context, pattern: re.Pattern[str] | _Gated, max_chars: int,
                kinds: frozenset[str] | None = None, *, whole: bool = False) -> list[tuple[int, RawBlock]]:
    """The blocks under ``root`` (with their index in ``blocks_of``) of at most ``max_chars`` characters
    whose lowercased text matches ``pattern`` (all of it when ``whole``) and whose element holds no other
    text: the element can go alone.  ``kinds`` limits the block kinds (never code or table cells:
    ``_NOT_LINES``).  The patterns are lowercase and compiled without IGNORECASE: matching lowercased text
    that way costs a third of a case-insensitive ``regex`` search, and these run on every short block."""
    out = []
    root_id = root.mem_id
    if not whole:
        match = pattern.search
    elif isinstance(pattern, re.Pattern):
        match = pattern.fullmatch
    else:
        raise TypeError("a whole-text match needs a compiled pattern")
    inner = []  # lines found as a child of their block's element (see _line_child)
    lines = _short_lines(root, ctx, max_chars)
    matches = pattern.searches(lines) if isinstance(pattern, _Gated) and not whole else None
    for j in range(bisect_right(lines.lengths, max_chars)):  # the rows of at most max_chars characters
        i, b, _chars, lowered = lines.rows[j]
        if kinds is not None and b.kind not in kinds:
            continue
        if (match(lowered) if matches is None else matches[j](lowered)) is None:
            continue
        text = b.text
        if b.node.mem_id == root_id or len(dom.text_of(b.node)) > len(text) + _SLACK:
            line = _line_child(b)
            if line is not None:
                inner.append((i, dataclasses.replace(b, node=line)))
            continue
        out.append((i, b))
    if inner and len(inner) <= MAX_INNER_LINES:
        out += inner
    out.sort(key=_FIRST)  # in document order
    return out


_FIRST = itemgetter(0)


# The longest block a built-in line step reads (rights-lines, story-pitches): the blocks up to it are
# listed once, lowercased, for all of them.
LINE_MAX_CHARS = 300


class _Lines:
    """The blocks a line step may test, listed once per answer of ``blocks_of`` and shared by the line
    steps that follow one another on it (on a page of 100,000 short paragraphs each step lowercased and
    tested every one of them).  ``rows``: (index in ``blocks_of``, block, length, lowercased text) of the
    blocks of at most ``bound`` characters that are not ``_NOT_LINES``, shortest first (a step reads the
    rows up to its own limit), ``lengths`` their lengths."""

    __slots__ = ("blocks", "bound", "rows", "lengths", "_joined", "_starts")

    def __init__(self, blocks: list[RawBlock], bound: int) -> None:
        self.blocks = blocks
        self.bound = bound
        self.rows = sorted(((i, b, len(b.text), b.text.lower()) for i, b in enumerate(blocks)
                            if len(b.text) <= bound and b.kind not in _NOT_LINES), key=_LENGTH)
        self.lengths = [row[2] for row in self.rows]
        self._joined = ""
        self._starts: list[int] = []

    def holding(self, needles: tuple[str, ...]) -> set[int]:
        """The positions in ``rows`` of the lines whose lowercased text holds one of ``needles``."""
        if not self._starts and self.rows:  # the texts joined by a character no needle holds
            texts = [row[3] for row in self.rows]
            self._joined = "\0".join(texts)
            self._starts = [at + j for j, at in enumerate(accumulate(map(len, texts), initial=0))][:-1]
        joined, starts, out = self._joined, self._starts, set()
        for needle in needles:
            at = joined.find(needle)
            while at >= 0:
                j = bisect_right(starts, at) - 1
                out.add(j)
                at = joined.find(needle, starts[j + 1]) if j + 1 < len(starts) else -1
        return out


_LENGTH = itemgetter(2)


def _short_lines(root: LexborNode, ctx: Context, max_chars: int) -> _Lines:
    """The :class:`_Lines` of the blocks under ``root`` (of ``max_chars`` or ``LINE_MAX_CHARS`` characters
    at most, whichever is more)."""
    blocks = blocks_of(root, ctx)
    cached = cast("_Lines | None", ctx.cache.get("short-lines"))
    if (cached is not None and cached.bound >= max_chars and len(cached.blocks) == len(blocks)
            and all(map(is_, cached.blocks, blocks))):  # the same blocks: blocks_of's answer did not change
        return cached
    lines = _Lines(blocks, max(max_chars, LINE_MAX_CHARS))
    ctx.cache["short-lines"] = lines
    return lines


def _line_child(b: RawBlock) -> LexborNode | None:
    """The child element of ``b.node`` that holds all of the block's text and nothing else, if any.

    A line that is the own text of a container is one inline element beside the container's blocks
    (``<time>Publiziert: 03.04.2020</time>`` between the story's last paragraph and the comments,
    a header's date above its ``<h2>``): that element can go alone where its container cannot."""
    text = " ".join(b.text.split())
    child = b.node.child
    while child is not None:
        if child.is_element_node and dom.text_of(child) == text:
            return child
        child = child.next
    return None


@cleaner("credit-lines", stage="content")
def credit_lines(root: LexborNode, ctx: Context) -> None:
    """Remove short lines that credit a picture ("Foto: dpa", "Photograph by X"): the ``captions`` step
    finds them by their class; these are plain paragraphs and image alt texts that say it in words."""
    dom.remove([b.node for _i, b in line_blocks(root, ctx, _CREDIT, CREDIT_MAX_CHARS)], ctx)


@cleaner("ad-labels", stage="content")
def ad_labels(root: LexborNode, ctx: Context) -> None:
    """Remove advertising labels and affiliate disclosures: a note about the page's business, not its text."""
    dom.remove([b.node for _i, b in line_blocks(root, ctx, _AD_LABEL, AD_LABEL_MAX_CHARS)], ctx)


@cleaner("rights-lines", stage="content")
def rights_lines(root: LexborNode, ctx: Context) -> None:
    """Remove copyright notices ("© 2022 X", "All rights reserved", "Alle Rechte vorbehalten")."""
    dom.remove([b.node for _i, b in line_blocks(root, ctx, _RIGHTS, RIGHTS_MAX_CHARS)], ctx)


@cleaner("datelines", stage="content")
def datelines(root: LexborNode, ctx: Context) -> None:
    """Remove lines that only date the story ("Updated on May 2, 2024"): metadata, not text."""
    dom.remove([b.node for _i, b in line_blocks(root, ctx, _DATELINE, DATELINE_MAX_CHARS)], ctx)
