"""Move "Source: ..." syndication lines out of the body into ``Article.source``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from .. import dom, patterns
from ..pipeline import cleaner

if TYPE_CHECKING:
    from ..context import Context
    from ..dom import LexborNode

_SOURCE = regex.compile(patterns.SOURCE_LINE, regex.I)
MAX_LINE = 140
_CANDIDATES = frozenset({"p", "div", "span", "em", "i", "small", "strong"})


@cleaner("syndication", stage="content")
def syndication(root: LexborNode, ctx: Context) -> None:
    """A short paragraph that is only "Source: X" names where the story came from; it is not story."""
    found = []
    for node in dom.by_tag(root, _CANDIDATES):
        raw = node.text(deep=True)
        if len(raw) > 4 * MAX_LINE:  # cheap length test first: deep text of big divs is not normalised
            continue
        text = " ".join(raw.split())
        if len(text) > MAX_LINE:
            continue
        m = _SOURCE.fullmatch(text)
        if m and not any(c.mem_id != node.mem_id for c in dom.select(node, "p, div")):
            ctx.source_line = ctx.source_line or m.group("src").strip()
            found.append(node)
    dom.remove(found, ctx)
