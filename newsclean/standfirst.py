"""The standfirst: the lead paragraph a story's template sets between its headline and its body.

Many templates put the headline and the lead (``.intro``, ``.lead``,
``.excerpt``, ``.bajada``, ``.subtitle``, an ``<h2>`` of prose) in an article
header, and the body in a sibling column.  The scorer rightly picks the body:
the header's parent also holds the image credits, the share bar and the
"related" links beside it, which cost more than one paragraph gains.  The lead
is still the story's first paragraph, and the page says where it is: after the
headline (the heading that repeats the page's title) and before the body, with
at most a picture, a date or a byline between them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from .meta_text import is_title

if TYPE_CHECKING:
    from .context import Context
    from .dom import LexborNode
    from .segment import RawBlock

LEAD_MIN_CHARS = 150  # a lead is a sentence or two; a date, a byline, a credit or a one-line dek is shorter
LEAD_LINK_SHARE = 0.2  # ...and prose, not a teaser link
# Text blocks between the headline and the body (pictures not counted): the lead and one line (a date, a
# byline).  A header holding more is a page section of its own (a hero with a pitch, a disclosure, a
# summary box), where the body's first lines are not a lead.
LEAD_MAX_GAP = 2


def standfirst(blocks: Sequence[RawBlock], content: LexborNode, ctx: Context) -> list[RawBlock]:
    """The blocks of the standfirst of the story whose body is ``content`` (``blocks`` are the whole page's,
    in document order), or none: the headline must be outside ``content`` and at most ``LEAD_MAX_GAP`` text
    blocks before its first block; the lead is what of those :func:`is_lead` takes."""
    if not ctx.title:
        return []
    mid = content.mem_id
    first = next((i for i, b in enumerate(blocks) if mid in b.path), None)
    between: list[RawBlock] = []
    for i in range(first - 1 if first else -1, -1, -1):
        b = blocks[i]
        if b.kind == "heading" and is_title(b.text, ctx.title):
            return [x for x in reversed(between) if is_lead(x)]
        if b.kind != "image":
            if len(between) == LEAD_MAX_GAP:
                return []
            between.append(b)
    return []


def is_lead(b: RawBlock) -> bool:
    """A paragraph of prose, or a heading as long as one (a standfirst set as ``<h2>``)."""
    return (b.kind in ("paragraph", "heading") and not b.in_quote and len(b.text) >= LEAD_MIN_CHARS
            and b.link_chars <= LEAD_LINK_SHARE * len(b.text))


REPEAT_CHARS = 60  # a lead starting as the body starts repeats it (an excerpt of the first paragraphs, cut with "[…]")


def new_to(lead: Sequence[RawBlock], body: Sequence[RawBlock]) -> list[RawBlock]:
    """The ``lead`` blocks whose opening the start of ``body`` does not repeat (some templates set an
    excerpt of the body's first paragraphs in the header)."""
    start = " ".join(" ".join(b.text.split()) for b in body[:LEAD_MAX_GAP + 2])
    return [b for b in lead if " ".join(b.text.split())[:REPEAT_CHARS] not in start]
