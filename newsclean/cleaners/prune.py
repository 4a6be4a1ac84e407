"""Inside the chosen content: drop the sub-containers and edge blocks that score as chrome.

The content root is the subtree with the most article-like text, but it can
still hold a link box, a "Print / Share" row or a photo-credit line.  The
same block values that chose the root find them: a sub-container whose
blocks add up to a clearly negative value and that holds no real paragraph
is chrome; so is a run of negative blocks at either end of the content.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple, cast

from .. import dom, patterns
from ..context import host_of
from ..dom import LexborNode  # at run time too: a compiled NamedTuple resolves its field types on import
from ..pipeline import cleaner
from ..scoring import (CARD_SHARE, LINK_WEIGHT, MIN_SCORE, Unit, cards_of, is_story, page_penalty, units_of,
                       unit_values)
from ..segment import blocks_of

if TYPE_CHECKING:
    from ..context import Context
    from ..segment import RawBlock

PRUNE_BELOW = -40.0  # a sub-container adding up to less than this...
PRUNE_MAX_UNIT = 30.0  # ...whose best block is worth less than this, is chrome


class _Scored(NamedTuple):
    """A scoring unit as these steps see it: its path from the content root and its value here."""

    path: tuple[int, ...]
    value: float
    node: LexborNode
    neutral: bool
    chars: int
    links: int
    partial: bool
    card: int  # the item card it belongs to, else 0 (see ``scoring.cards_of``)


def _units(root: LexborNode, ctx: Context) -> list[_Scored]:
    """The scored units under ``root``, shared by prune-chrome and trim-edges while nothing was removed
    between them (the common case: computing them is most of both steps' cost on long pages)."""
    key = (root.mem_id, len(ctx.removed_all), ctx.text_dirty)  # what blocks_of keys its cache on too
    cached = cast("tuple[tuple[int, int, bool], list[_Scored]] | None", ctx.cache.get("prune-units"))
    if cached is not None and cached[0] == key:
        return cached[1]
    out = _compute_units(root, ctx)
    ctx.cache["prune-units"] = (key, out)
    return out


def _compute_units(root: LexborNode, ctx: Context) -> list[_Scored]:
    blocks = blocks_of(root, ctx)
    penalty = page_penalty(ctx)
    out = []
    mid = root.mem_id
    tables: dict[int, bool] = {}  # table mem_id -> is a data table, for this call's rows
    at = 0  # the root's index in the last path (the same in every path of one blocks_of answer)
    for u, value in _valued(blocks, penalty, ctx):
        path = u.path  # paths start at ``root``
        if len(path) <= at or path[at] != mid:
            at = path.index(mid) if mid in path else 0
        if at:
            path = path[at:]
        if value < 0 and u.node.tag == "tr" and (not u.links or _in_data_table(u.node, tables)):
            value = 0.0  # a data table's row (short figures, linked names) is not chrome, however short
        out.append(_tuple_new(_Scored, (path, value, u.node, u.neutral, u.chars, u.links, u.partial, u.card)))
    return out


_tuple_new = tuple.__new__  # _Scored(...) without the Python frame of a NamedTuple's __new__


DATA_TABLE_COLUMNS = 2  # a header row of at least this many <th> heads a data table...
DATA_TABLE_ROWS = 4  # ...of at least this many rows


def _in_data_table(row: LexborNode, seen: dict[int, bool]) -> bool:
    """``row`` belongs to a data table: one whose first row is all column heads (``<th>``, at least
    ``DATA_TABLE_COLUMNS``) above ``DATA_TABLE_ROWS`` rows or more.  Its rows of linked names (a
    list of laureates, a ranking of titles) are link-dense like a menu's, but a menu laid out as a
    table (a navbox) heads its rows, not its columns.  ``seen`` caches the answer per table."""
    table = dom.closest(row, _TABLE)
    if table is None:
        return False
    known = seen.get(table.mem_id)
    if known is None:
        rows = [r for r in table.css("tr") if (t := dom.closest(r, _TABLE)) is not None and t.mem_id == table.mem_id]
        cells = [c for c in rows[0].iter() if c.tag in ("th", "td")] if rows else []
        known = (len(rows) > DATA_TABLE_ROWS and len(cells) >= DATA_TABLE_COLUMNS
                 and all(c.tag == "th" for c in cells))
        seen[table.mem_id] = known
    return known


_TABLE = frozenset({"table"})  # a row belongs to its nearest table (rows of a nested table to that table)


def _valued(blocks: list[RawBlock], penalty: float, ctx: Context) -> list[tuple[Unit, float]]:
    """The units and their values, item cards valued as cards when their grid outweighs the rest
    of the content (the test that lets scoring choose a grid; see ``DensityScorer.best``): a
    listing's cards are its content, a story's teaser row stays chrome to prune."""
    units = units_of(blocks, ctx)
    plain = unit_values(units, penalty, LINK_WEIGHT)
    cards = cards_of(blocks)
    if not cards:
        return plain
    valued = unit_values(units, penalty, LINK_WEIGHT, cards)
    grid = sum(v for u, v in valued if u.card)
    return valued if grid >= CARD_SHARE * max(sum(v for _u, v in plain), MIN_SCORE) else plain


EDGE_MAX_CHARS = 40  # a short line at the end ("Print", "Photo: X") is chrome...
EDGE_LINK_DENSITY = 0.5  # ...and so is a mostly-linked one at either end


@cleaner("prune-chrome", stage="content")
def prune_chrome(root: LexborNode, ctx: Context) -> None:
    """Remove sub-containers of the content whose blocks add up to chrome."""
    units = _units(root, ctx)
    if not units:
        return
    total: dict[int, float] = {}
    best: dict[int, float] = {}
    for u in units:
        v = u.value
        for mid in u.path[1:]:  # path[0] is the content root itself
            top = best.get(mid)
            if top is None:
                total[mid] = 0.0 + v
                best[mid] = v
            else:
                total[mid] += v
                if v > top:
                    best[mid] = v
    bad = {mid for mid, s in total.items() if s < PRUNE_BELOW and best[mid] < PRUNE_MAX_UNIT}
    if not bad:
        return
    targets = []
    seen: set[int] = set()
    for path, _v, node, *_ in units:
        # the outermost bad ancestor of this unit
        for d, mid in enumerate(path[1:], 1):
            if mid in bad:
                if mid not in seen:
                    seen.add(mid)
                    targets.append(dom.ancestor(node, len(path) - 1 - d))
                break
    dom.remove([t for t in targets if not _cites_away(t, ctx.host)], ctx)


_SOCIAL = frozenset(patterns.SOCIAL_HOSTS)
CITE_MIN_LINKS = 2


def _cites_away(node: LexborNode, host: str | None) -> bool:
    """Every link of ``node`` leaves the site: a story's list of sources, pull requests or shops
    ("Check price at Amazon"), not the site's own navigation or teasers, which link within it."""
    if not host:
        return False
    links = node.css("a[href]")
    if len(links) < CITE_MIN_LINKS:
        return False
    for a in links:
        href = (a.attributes.get("href") or "").strip().lower()
        other = host_of(href) if href.startswith(("http:", "https:", "//")) else None  # else a relative link
        if (other is None or other == host or other.endswith("." + host) or host.endswith("." + other)
                or other in _SOCIAL or other.partition(".")[2] in _SOCIAL):
            return False
    return True


@cleaner("trim-edges", stage="content")
def trim_edges(root: LexborNode, ctx: Context) -> None:
    """Remove negative-valued blocks at the end of the content (and at its start, headings excepted)."""
    units = _units(root, ctx)
    if all(u.neutral for u in units):
        return  # only headings and captions: nothing to tell chrome from
    short = EDGE_MAX_CHARS if is_story(ctx) else 0  # a listing's last item is short and still content
    # Trimming stops at an item card (a listing's last card is link-dense and still content), at list
    # items that hold headings or paragraphs too (feature cards ending in a "Learn more" link), and at
    # any unit whose element holds content beside it (a story <div> whose own first words are a link):
    # removing the element would take the story with it.
    n = len(units)
    total = sum(u.chars for u in units)
    head = 0
    drop = []
    for i, u in enumerate(units):
        if (u.neutral or u.partial or u.card or u.links < EDGE_LINK_DENSITY * u.chars
                or _holds_content(units, i, total)):
            break
        drop.append(u.node)
        head = i + 1
    for i in range(n - 1, head - 1, -1):
        u = units[i]
        if (u.partial or u.card or not (u.links >= EDGE_LINK_DENSITY * u.chars or u.chars <= short)
                or _holds_content(units, i, total)):
            break
        drop.append(u.node)
    dom.remove(drop, ctx)


HOLDS_CONTENT = 0.5  # an edge unit whose element holds this share of the content's text is the body
_SCAN = 200  # neighbours looked at; an element holding more than this many units is the body too


def _holds_content(units: list[_Scored], i: int, total: int) -> bool:
    """The element of unit ``i`` holds ``HOLDS_CONTENT`` of the content's text: the story's body
    whose own first or last words are a link.  The units under one element are consecutive, so its
    neighbours tell.  A promo box (a pitch and its sign-up link) is a small share and still goes."""
    if len(units[i].path) == 1:
        return False  # the root's own text: the root is never removed, so trimming moves past it
    mid = units[i].node.mem_id
    chars = units[i].chars
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(units) and mid in units[j].path:
            if abs(j - i) > _SCAN:
                return True
            chars += units[j].chars
            j += step
    return chars >= HOLDS_CONTENT * total
