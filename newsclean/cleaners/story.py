"""Chrome that is chrome only around a story.

Some notes are the page's own words on one kind of page and boilerplate on
another: a disclaimer of fees and terms is what a bank's service page says,
while the "this post contains affiliate links" note above a news story is
not part of the story; a service page's feature "infobox" or contact block is
its content, while a fact box or a press contact beside a story is not; and
a row of "teaser" cards is a service page's offer but, beside a story, links
to other stories.  These cleaners run only on pages that declare
themselves an article (schema.org type or ``og:type``).

``trailing-sections`` reads the page instead of its declarations: the
sections that follow the story's body inside the chosen content (an author
box, a newsletter pitch, "More you might like" cards) say nothing in their
markup that a story's own paragraphs do not, but they sit after the element
that holds the story's prose.

``story-pitches`` reads words: a publisher's pitch to its reader ("Subscribe
now", "Follow us on Twitter", "Download our app") before the story's first
paragraph or after its last one is not the story's, though it is a plain
``<p>`` like them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import dom, patterns
from ..pipeline import cleaner
from ..scoring import is_story
from ..segment import blocks_of
from .syndication import line_blocks
from .tokens import TokenCleaner, token_set

if TYPE_CHECKING:
    from ..context import Context
    from ..dom import LexborNode
    from ..segment import RawBlock

_DISCLOSURES = TokenCleaner("story-disclosures", token_set(patterns.DISCLOSURES), max_chars=1500)
_ASIDES = TokenCleaner("story-asides", token_set(patterns.ASIDES), max_chars=1500)
# One "teaser" is a story's lead or standfirst; several alike are a list of links to other stories.
_TEASERS = TokenCleaner("teaser-lists", token_set(patterns.TEASERS), max_chars=1500, min_repeats=2)


@cleaner("story-disclosures", stage="document")
def story_disclosures(root: LexborNode, ctx: Context) -> None:
    """Remove advertising and affiliate disclosures on pages that declare a story."""
    if is_story(ctx):
        _DISCLOSURES(root, ctx)


@cleaner("story-asides", stage="document")
def story_asides(root: LexborNode, ctx: Context) -> None:
    """Remove fact boxes, info boxes and press-contact blocks on pages that declare a story."""
    if is_story(ctx):
        _ASIDES(root, ctx)


@cleaner("teaser-lists", stage="document")
def teaser_lists(root: LexborNode, ctx: Context) -> None:
    """Remove lists of teaser cards (two or more alike) on pages that declare a story."""
    if is_story(ctx):
        _TEASERS(root, ctx)


# -- trailing-sections ----------------------------------------------------------------------------
PROSE_MIN_CHARS = 100  # a paragraph this long with few links is the story's prose...
PROSE_LINK_DENSITY = 0.3
BODY_MIN_PROSE = 500  # ...and a content with less prose than this has no body to tell apart
BODY_SHARE = 0.85  # the story's body: the innermost element holding this share of the prose
TAIL_MAX_BLOCKS = 15  # a section after the body with more blocks or characters than these is a second
TAIL_MAX_CHARS = 1500  # part of the page (a newsletter's back issues, a second story), not a box beside it
# An FAQ, a list of steps, a data table or a quotation after the body continues the text; a section
# of headings and short paragraphs is an author box, a pitch or teaser cards.
_TAIL_KINDS = frozenset({"heading", "paragraph", "image"})
# A section that is an item of a list or a row of a table, like the body beside it, is the body's peer
# (the next reply of a thread whose first reply holds most of the prose), not a box after it.
_PEER_TAGS = frozenset({"li", "dd", "dt", "tr", "td"})


def _is_prose(b: RawBlock) -> bool:
    return b.kind == "paragraph" and b.chars >= PROSE_MIN_CHARS and b.link_chars < PROSE_LINK_DENSITY * b.chars


def body_path(blocks: list[RawBlock], root_id: int) -> tuple[int, ...] | None:
    """The path from the content root down to the innermost element holding ``BODY_SHARE`` of the
    prose, or None when that element is the root itself (or there is too little prose to tell)."""
    prose = []  # (path, index of the root in it, chars) of each prose block
    at = 0  # the root's index in the last path: the same in every path of one blocks_of answer
    for b in blocks:
        if not _is_prose(b):
            continue
        path = b.path
        if len(path) <= at or path[at] != root_id:
            if root_id not in path:
                continue
            at = path.index(root_id)
        prose.append((path, at, b.chars))
    total = sum(chars for _path, _at, chars in prose)
    if total < BODY_MIN_PROSE:
        return None
    depth = 1
    while True:
        held: dict[int, int] = {}
        for path, at, chars in prose:
            if len(path) > at + depth:
                mid = path[at + depth]
                held[mid] = held.get(mid, 0) + chars
        top = max(held.items(), key=lambda kv: kv[1], default=None)
        if top is None or top[1] < BODY_SHARE * total:
            break
        prose = [(path, at, chars) for path, at, chars in prose
                 if len(path) > at + depth and path[at + depth] == top[0]]
        depth += 1
    if depth == 1:
        return None
    path, at, _chars = prose[0]
    return path[at:at + depth]


def tail_sections(blocks: list[RawBlock], root_id: int) -> list[LexborNode]:
    """The elements after the story's body that hold only headings and paragraphs, at most
    ``TAIL_MAX_BLOCKS`` blocks and ``TAIL_MAX_CHARS`` characters of them.  A section of headings
    alone stays when the section after it stays: it is that section's heading.  An item of a list
    (``_PEER_TAGS``) stays too."""
    body = body_path(blocks, root_id)
    if body is None:
        return []
    depth = len(body) - 1
    paths = [b.path[b.path.index(root_id):] if root_id in b.path else () for b in blocks]
    last = max(i for i, path in enumerate(paths) if len(path) > depth and path[:depth + 1] == body)
    sections: dict[int, list[int]] = {}  # mem_id of the section element -> its blocks
    for i in range(last + 1, len(blocks)):
        path = paths[i]
        k = next((k for k in range(1, min(len(path), len(body))) if path[k] != body[k]), None)
        if k is None:
            continue  # the own text of an element around the body: not a section of its own
        sections.setdefault(path[k], []).append(i)
    out = []
    keep_next = False  # the section after this one stays: a heading alone heads it
    for mid, idx in reversed(sections.items()):
        text = [blocks[i] for i in idx if blocks[i].kind != "image"]
        headings_only = all(b.kind == "heading" for b in text)
        if (not text or len(text) > TAIL_MAX_BLOCKS or sum(b.chars for b in text) > TAIL_MAX_CHARS
                or not all(b.kind in _TAIL_KINDS for b in text) or (headings_only and keep_next)):
            keep_next = True
            continue
        path = paths[idx[0]]
        section = dom.ancestor(blocks[idx[0]].node, len(path) - 1 - path.index(mid))
        if section.tag in _PEER_TAGS:
            keep_next = True
            continue
        keep_next = False
        out.append(section)
    return out


@cleaner("trailing-sections", stage="content")
def trailing_sections(root: LexborNode, ctx: Context) -> None:
    """Remove the short sections of headings and paragraphs that follow the story's body.

    A site rule that names the content has said what the content is: what follows the body in it
    stays (``newsclean explain`` suggests such a rule to keep a block outside the body).
    """
    if ctx.rule is not None and ctx.rule.content:
        return
    dom.remove(tail_sections(blocks_of(root, ctx), root.mem_id), ctx)


# -- story-pitches -----------------------------------------------------------------------------------
PITCH_MAX_CHARS = 300  # a pitch is a sentence or two; a longer paragraph that mentions subscribing is story
_PITCH = re.compile(patterns.PITCH)  # lowercase, matched on lowercased text (see line_blocks)
_PITCH_KINDS = frozenset({"paragraph", "heading"})


@cleaner("story-pitches", stage="content")
def story_pitches(root: LexborNode, ctx: Context) -> None:
    """Remove the publisher's pitches (subscribe, follow us, get the app) before the first or after the
    last paragraph of a story's prose, on pages that declare a story.  Inside the story, the same words
    are usually its own (a story about a newsletter, an app or a social network)."""
    if not is_story(ctx):
        return
    pitches = line_blocks(root, ctx, _PITCH, PITCH_MAX_CHARS, _PITCH_KINDS)
    if not pitches:
        return
    dom.remove(_at_edges(root, ctx, pitches), ctx)


def _at_edges(root: LexborNode, ctx: Context, found: list[tuple[int, RawBlock]]) -> list[LexborNode]:
    """The elements of the ``found`` blocks (index in ``blocks_of``, block) that sit before the first or
    after the last prose paragraph of the content, ``found`` blocks not counted as prose."""
    skip = {i for i, _b in found}
    prose = [i for i, b in enumerate(blocks_of(root, ctx)) if i not in skip and _is_prose(b)]
    return [b.node for i, b in found if not prose or i < prose[0] or i > prose[-1]]


# -- bare-dates --------------------------------------------------------------------------------------
BARE_DATE_MAX_CHARS = 40
_BARE_DATE = re.compile(patterns.BARE_DATE)


@cleaner("bare-dates", stage="content")
def bare_dates(root: LexborNode, ctx: Context) -> None:
    """Remove a line that is only a date ("23.10.2018", "March 13, 2015") before the first or after the
    last paragraph of the prose: the story's date (``Article.published``) or its footer's.  Between
    paragraphs it stays: a forum's or a changelog's entries are dated there, and readers keep that."""
    found = line_blocks(root, ctx, _BARE_DATE, BARE_DATE_MAX_CHARS, whole=True)
    if found:
        dom.remove(_at_edges(root, ctx, found), ctx)
