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
