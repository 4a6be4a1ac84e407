"""Choose the content root: the element whose blocks add up to the most article-like text.

Every text block gets a value: long text with few links is positive, short
or link-dense text (menus, card grids, footers) negative.  A container's
score is the sum of the values of the blocks under it, so the winner is the
subtree that gains the most prose while taking in the least chrome: adding
a sidebar or a link list lowers a container's score, adding the next
paragraph raises it.  A listing's content is a grid of item cards, which block by
block scores like a menu: the scorer also values each card as one unit (see
``cards_of``) and takes that answer when the grid outweighs the best prose.
Tunables are module constants.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import is_
from typing import TYPE_CHECKING, NamedTuple, Protocol, Sequence, cast

import regex

from . import dom, patterns
from .article import Candidate
from .dom import LexborNode  # at run time too: a compiled NamedTuple resolves its field types on import
from .meta_text import is_title

if TYPE_CHECKING:
    from .context import Context
    from .segment import RawBlock

BLOCK_PENALTY = 25.0  # chars a block must have before it adds anything: menus are many tiny blocks
LINK_WEIGHT = 1.6  # a link character costs this many text characters
# Pages that do not declare themselves a story (listings, products, services, docs) are made of
# shorter blocks that are still content; they pay a smaller penalty per block.
OTHER_PENALTY = 10.0
OTHER_LINK_WEIGHT = 1.0  # ...and their links (product names, job titles) cost less
STORY_TYPES = frozenset({"Article", "NewsArticle", "BlogPosting", "Report", "ReportageNewsArticle",
                         "AnalysisNewsArticle", "OpinionNewsArticle", "ReviewNewsArticle", "BackgroundNewsArticle",
                         "ScholarlyArticle", "TechArticle", "LiveBlogPosting", "og:article"})
# schema.org types (and og:type) of a page about one thing for sale; og:product.group and the like are
# matched by prefix (see ``is_product``).
PRODUCT_TYPES = frozenset({"Product", "ProductGroup", "IndividualProduct", "ProductModel", "SomeProducts"})
_BUY_BOX = frozenset(dom.normalize_token(t) for t in patterns.BUY_BOX)
HEADING_VALUE = 3.0
NEAR_BEST = 0.98  # among containers scoring this close to the best, the deepest wins
MIN_SCORE = 15.0  # a best subtree worth less than this is a stray label, not an article
N_CANDIDATES = 5
# Landmarks the page itself marks as its content.  When one lies inside the winner and holds this
# share of the winner's score, it wins instead: text outside <main> or beside the one big <article>
# (program teasers, contact blocks, a newsletter pitch) scores positive too, but the page says it is
# not the content.  A forum thread's many <article> posts never hold that share one by one.
LANDMARKS = "main, [role=main], article"
LANDMARK_SHARE = 0.6
RIVAL_SHARE = 0.25
# A sibling of the winner worth this share of its score: the content is the run of them (see _spread).
SIBLING_SHARE = 0.3
SECTION_SHARE = 0.1  # ...and of a <section> sibling (see _spread): a short offer or contact section is the page too
# Item cards (see ``cards_of``): runs of at least CARD_RUN like siblings, each holding 2..CARD_MAX_BLOCKS
# text blocks, a linked title and links for CARD_MIN_LINKS of its text.  A card pays the block penalty
# once, and its links cost CARD_LINK_WEIGHT: a listing's titles are links and are its content.
CARD_RUN = 4
CARD_MAX_BLOCKS = 16
CARD_MIN_LINKS = 0.2
CARD_RANK_CHARS = 3  # a first block this short and unlinked is the item's rank, not its title
CARD_DEPTH = 6  # a card is at most this many levels above its blocks
CARD_LINK_WEIGHT = 0.0
# Valued as cards, a grid must be worth this many times the best prose's score to be the content
# (measured on wcxb-dev: 1.0 let a story's sidebar of teasers with snippets win over a short story).
CARD_SHARE = 1.6
# ...unless that prose holds the page's headline and is worth this much: then it is the story, and the grid
# beside it a block of teasers (a listing's intro under its heading is shorter).
STORY_SCORE = 500.0


class Unit(NamedTuple):
    """What scoring sees of a block, or of a whole list / table row."""

    path: tuple[int, ...]
    chars: int
    links: int
    anchors: int
    neutral: bool  # headings and captions follow whatever container wins
    node: LexborNode
    # List items that hold other blocks (feature cards: a heading, a paragraph and a "Learn more" link
    # per item): ``node`` is then more than this unit, and so is each item.
    partial: bool = False
    card: int = 0  # ``mem_id`` of the item card the unit belongs to (see ``cards_of``), else 0


def block_value(u: Unit, penalty: float = BLOCK_PENALTY, link_weight: float = LINK_WEIGHT) -> float:
    """How much a unit looks like content (positive) or chrome (negative)."""
    if u.neutral:
        return HEADING_VALUE if u.links < 0.5 * u.chars else -penalty
    return u.chars - link_weight * u.links - penalty


def cards_of(blocks: Sequence[RawBlock]) -> set[int]:
    """``mem_id`` of the item cards among the elements on the blocks' paths.

    A card grid (search results, a category's products, a section's story teasers) is a run of
    like siblings, each a title link with a line or two beside it (a snippet, a price, a date).
    Block by block those are short and link-dense, so they score like a menu; as cards they are
    the page's content.  A run is at least ``CARD_RUN`` siblings sharing tag and first class, two
    thirds of them card-like (see ``_card_like``).  A run inside a page's ``<nav>`` or ``<header>``
    (a mega menu's entries, each a link and a line of description) is a menu, however card-like.
    """
    least = -(-2 * CARD_RUN // 3)  # card-like children a grid needs at the least (two thirds of a run)
    parents = _grid_parents(blocks, least)
    out: set[int] = set()
    if not parents:
        return out
    kids: dict[int, dict[int, list[int]]] = {}  # parent -> child -> indexes of the text blocks under it
    for i, b in enumerate(blocks):
        if b.kind == "image":
            continue
        path = b.path
        for d in range(max(0, len(path) - 1 - CARD_DEPTH), len(path) - 1):
            if path[d] in parents:
                kids.setdefault(path[d], {}).setdefault(path[d + 1], []).append(i)
    for children in kids.values():
        if len(children) < CARD_RUN:
            continue
        like = {child: _card_like(blocks, idx) for child, idx in children.items()}
        if sum(like.values()) < least:
            continue  # no run of theirs can be a grid: skip finding their elements (a walk up per child)
        runs: dict[tuple[str | None, str], list[int]] = {}
        likes: dict[tuple[str | None, str], int] = {}
        for child, idx in children.items():
            b = blocks[idx[0]]
            node = dom.ancestor(b.node, len(b.path) - 1 - b.path.index(child))
            kind = (node.tag, _first_class(node))
            runs.setdefault(kind, []).append(child)
            likes[kind] = likes.get(kind, 0) + like[child]
        grids = [m for kind, m in runs.items() if len(m) >= CARD_RUN and 3 * likes[kind] >= 2 * len(m)]
        if grids and not _in_menu(node.parent):
            for members in grids:
                out.update(members)
    return out


def _grid_parents(blocks: Sequence[RawBlock], least: int) -> set[int]:
    """``mem_id`` of the elements that may hold a grid: ``least`` or more of their children are reached
    from a linked text block.  A card-like child holds a linked block, its title (see ``_card_like``), so every
    parent ``cards_of`` could keep is here; the rest are never grouped.  Only linked blocks are walked:
    a giant data table (no links, hundreds of thousands of cells) costs one test per cell, not a
    grouping of every cell under each of its ancestors."""
    reached: dict[int, set[int]] = {}  # parent -> its children on a linked block's path
    for b in blocks:
        if not b.link_chars or b.kind == "image":
            continue
        path = b.path
        for d in range(max(0, len(path) - 1 - CARD_DEPTH), len(path) - 1):
            reached.setdefault(path[d], set()).add(path[d + 1])
    return {parent for parent, children in reached.items() if len(children) >= least}


def _card_like(blocks: Sequence[RawBlock], idx: list[int]) -> bool:
    """The text blocks ``idx`` of one element read as an item card: 2 to ``CARD_MAX_BLOCKS`` of them
    (a menu's items hold one), the first linked (the title), no ``<li>`` (a menu entry with its
    submenu; the ``<dt>``/``<dd>`` of a product card's spec sheet are no menu's entries), links
    ``CARD_MIN_LINKS`` of the text or more (a comment or a forum post is its author's linked name
    above prose)."""
    if idx and len(blocks[idx[0]].text) <= CARD_RANK_CHARS and not blocks[idx[0]].link_chars:
        idx = idx[1:]  # a ranked list's number ("1", "2.") before each item's title
    if not 2 <= len(idx) <= CARD_MAX_BLOCKS or not blocks[idx[0]].link_chars:
        return False
    links = chars = 0
    for j in idx:
        b = blocks[j]
        if b.kind == "list_item" and b.tag == "li":
            return False
        links += b.link_chars
        chars += len(b.text)
    return links >= CARD_MIN_LINKS * chars


_MENU_TAGS = frozenset({"nav", "header"})
_MENU_ROLES = frozenset({"navigation", "menu", "menubar", "banner"})


def _in_menu(node: LexborNode | None) -> bool:
    """``node`` is or sits inside a ``<nav>``, a ``<header>`` or an element with a menu's role."""
    while node is not None:
        if node.tag in _MENU_TAGS or node.attributes.get("role") in _MENU_ROLES:
            return True
        node = node.parent
    return False


def _first_class(node: LexborNode) -> str:
    """The first class name: what a template gives every item, where later names vary per item
    (WordPress adds ``post-123 category-x`` to each post)."""
    classes = (node.attributes.get("class") or "").split(None, 1)
    return classes[0] if classes else ""


def unit_values(units: Sequence[Unit], penalty: float, link_weight: float,
                cards: set[int] | frozenset[int] = frozenset()) -> list[tuple[Unit, float]]:
    """Each unit and its value.  The units of an item card in ``cards`` (see ``cards_of``) are valued
    as one: the penalty once per card, links at ``CARD_LINK_WEIGHT`` (a linked title is text)."""
    if not cards:
        return [(u, block_value(u, penalty, link_weight)) for u in units]
    out = []
    charged: set[int] = set()
    for u in units:
        card = next((m for m in reversed(u.path[-CARD_DEPTH - 1:]) if m in cards), 0)
        if not card:
            out.append((u, block_value(u, penalty, link_weight)))
            continue
        v = u.chars - CARD_LINK_WEIGHT * u.links
        if card not in charged:
            charged.add(card)
            v -= penalty
        out.append((u._replace(card=card), v))
    return out


def units_of(blocks: Sequence[RawBlock], ctx: Context) -> list[Unit]:
    """``scored_units(blocks)``, made once per extraction for one list of blocks.

    The scorer and prune-chrome both weigh units, and on most pages the content root holds
    every block the scorer saw (a page of paragraphs, one giant table): the units are then the
    same, and making them again cost a tenth of such a page.  Safe because units depend on the
    blocks alone, and a block is never changed once made (new text makes new blocks, see
    ``segment.blocks_of``): the same block objects in the same order give the same units.
    """
    cached = cast("tuple[Sequence[RawBlock], list[Unit]] | None", ctx.cache.get("units"))
    if cached is not None and len(cached[0]) == len(blocks) and all(map(is_, cached[0], blocks)):
        return cached[1]
    units = scored_units(blocks)
    ctx.cache["units"] = (blocks, units)
    return units


def scored_units(blocks: Sequence[RawBlock]) -> list[Unit]:
    """One unit per block, except that the cells of one table row and the items of one list are one
    unit on the row's (list's) path: a data table or a bullet list is many short blocks, and
    charging each the block penalty would make it look like a menu.  A menu stays negative as a
    unit because its text is links."""
    units: list[Unit] = []
    blocks = [b for b in blocks if b.kind != "image"]  # pictures are not text to weigh
    i = 0
    n = len(blocks)
    while i < n:
        b = blocks[i]
        kind = b.kind
        if kind == "cell" or kind == "list_item":
            path = b.path[:-1]
            cell = kind == "cell"
            key = b.row if cell else path
            chars = links = anchors = 0
            start = i
            while i < n:
                c = blocks[i]
                if c.kind != kind or (c.row != key if cell else c.path[:-1] != key):
                    break
                chars += len(c.text)
                links += c.link_chars
                anchors += c.anchors
                i += 1
            partial = not cell and (_inside(blocks, start - 1, blocks[start].path)
                                    or _inside(blocks, i, blocks[i - 1].path))
            units.append(_tuple_new(Unit, (path, chars, links, anchors, False, b.node.parent, partial, 0)))
            continue
        # Unit(...) without the Python frame of a NamedTuple's __new__ (one unit per block)
        units.append(_tuple_new(Unit, (b.path, len(b.text), b.link_chars, b.anchors, b.kind in _NEUTRAL, b.node,
                                       False, 0)))
        i += 1
    return units


_tuple_new = tuple.__new__
_NEUTRAL = ("heading", "caption")


def _inside(blocks: Sequence[RawBlock], i: int, path: tuple[int, ...]) -> bool:
    """Block ``i`` exists and sits under the element at the end of ``path``."""
    if not path or not 0 <= i < len(blocks):
        return False
    other = blocks[i].path
    return len(other) > len(path) and other[len(path) - 1] == path[-1]


def is_story(ctx: Context) -> bool:
    """The page declares itself an article (schema.org type or og:type)."""
    return not STORY_TYPES.isdisjoint(ctx.page_types)


def is_product(ctx: Context) -> bool:
    """The page declares a product (schema.org Product and kin, or an og:type ``product...``), or, declaring
    no story, shows a buy box (see :func:`_sells`)."""
    if not PRODUCT_TYPES.isdisjoint(ctx.page_types) or any(t.startswith("og:product") for t in ctx.page_types):
        return True
    return not is_story(ctx) and _sells(ctx)  # a story's affiliate buy box does not make it a product page


def _sells(ctx: Context) -> bool:
    """The page holds a buy box (``patterns.BUY_BOX``: the price and "Add to cart" of one item).

    Read from the class/id index of the page, which is built once by the first token step and keeps the
    elements later steps remove: the answer does not depend on which step asks first.
    """
    root = ctx.root
    if root is None:
        return False
    index = dom.token_index(root, ctx, patterns.IGNORED_CLASS_PREFIXES)
    return bool(index.first_seen(index.having(_BUY_BOX)))


def page_penalty(ctx: Context, story: float = BLOCK_PENALTY, other: float = OTHER_PENALTY) -> float:
    return story if is_story(ctx) else other


@dataclass(frozen=True, slots=True)
class Choice:
    node: LexborNode
    score: float
    candidates: tuple[Candidate, ...]


class Scorer(Protocol):
    """Picks the content root among the elements under ``root``."""

    def best(self, root: LexborNode, blocks: Sequence[RawBlock], ctx: Context) -> Choice | None: ...


@dataclass(frozen=True, slots=True)
class DensityScorer:
    """The maximum-sum subtree of block values (see the module docstring)."""

    penalty: float = BLOCK_PENALTY
    link_weight: float = LINK_WEIGHT
    other_penalty: float = OTHER_PENALTY
    other_link_weight: float = OTHER_LINK_WEIGHT
    landmark_share: float | None = LANDMARK_SHARE  # None: ignore landmarks
    sibling_share: float | None = SIBLING_SHARE  # None: never widen to siblings
    card_share: float | None = CARD_SHARE  # None: never value item cards as cards

    def best(self, root: LexborNode, blocks: Sequence[RawBlock], ctx: Context) -> Choice | None:
        if not blocks:
            return None
        story = is_story(ctx)
        penalty = self.penalty if story else self.other_penalty
        link_weight = self.link_weight if story else self.other_link_weight
        footers = _page_footers(root)
        units = units_of(blocks, ctx)
        tally = _tally(unit_values(units, penalty, link_weight), footers, penalty)
        top = max(tally.score.values(), default=0.0)
        winner = self._winner(tally, blocks) if top >= MIN_SCORE else None
        cards = cards_of(blocks) if self.card_share is not None else set()
        if cards:
            # A grid of item cards is the content when, valued as cards, it outweighs the best prose
            # (a listing's intro, a cookie notice); beside a story's body it is a teaser block.
            valued = unit_values(units, penalty, link_weight, cards)
            gridded = _tally(valued, footers, penalty)
            if max(gridded.score.values(), default=0.0) >= MIN_SCORE:
                other = self._winner(gridded, blocks)
                grid = sum(v for u, v in valued if u.card and other in u.path)
                if (grid >= self.card_share * max(tally.score[winner] if winner else 0.0, MIN_SCORE)  # type: ignore[operator]
                        and not (winner is not None and tally.score[winner] >= STORY_SCORE
                                 and _headlined(blocks, winner, other, ctx))):
                    tally, winner = gridded, other
        if winner is None:
            return _short_page(root, blocks, tally.score)
        ranked = sorted(tally.score.items(), key=lambda kv: -kv[1])[:N_CANDIDATES] if ctx.record else []
        cands = tuple(Candidate(dom.css_path(_node_for(blocks, mid)), round(s, 1), 0) for mid, s in ranked)
        return Choice(_node_for(blocks, winner), tally.score[winner], cands)

    def _winner(self, tally: _Tally, blocks: Sequence[RawBlock]) -> int:
        """The best subtree's ``mem_id``: the deepest near the top, widened to a run of like siblings,
        narrowed to a landmark inside it."""
        score, depth = tally.score, tally.depth
        top = max(score.values())
        near = [mid for mid, s in score.items() if s >= NEAR_BEST * top]
        winner = max(near, key=lambda m: depth[m])
        if self.sibling_share is not None:
            winner = _spread(winner, score, tally.parent, self.sibling_share, blocks)
        if self.landmark_share is not None:
            inner = _landmark(_node_for(blocks, winner), score, depth, self.landmark_share * score[winner])
            if inner is not None:
                winner = inner.mem_id
        return winner


def _headlined(blocks: Sequence[RawBlock], prose: int, grid: int, ctx: Context) -> bool:
    """The prose winner ``prose`` holds the page's headline (the heading that repeats its title) and the grid
    ``grid`` does not."""
    heads = [b for b in blocks if b.kind == "heading" and is_title(b.text, ctx.title)]
    return any(prose in b.path for b in heads) and not any(grid in b.path for b in heads)


class _Tally(NamedTuple):
    """Per element (``mem_id``): the sum of the values of the units under it, its depth, its parent."""

    score: dict[int, float]
    depth: dict[int, int]
    parent: dict[int, int]


def _tally(valued: Sequence[tuple[Unit, float]], footers: set[int], penalty: float) -> _Tally:
    score: dict[int, float] = {}
    depth: dict[int, int] = {}
    parent: dict[int, int] = {}
    for u, v in valued:
        if footers and v > -penalty and not footers.isdisjoint(u.path):
            v = -penalty
        up = 0
        for d, mid in enumerate(u.path):
            s = score.get(mid)
            if s is None:  # depth and parent are the same on every path through ``mid``
                score[mid] = 0.0 + v
                depth[mid] = d
                parent[mid] = up
            else:
                score[mid] = s + v
            up = mid
    return _Tally(score, depth, parent)


PAGE_FOOTERS = "footer, [role=contentinfo]"
_OWNERS = frozenset({"article", "main"})


def _page_footers(root: LexborNode) -> set[int]:
    """``mem_id`` of the page's footers still in the tree: ``<footer>`` / ``role=contentinfo``
    outside any ``<article>`` or ``<main>`` (inside one, it is that article's own footer).

    The navigation step removes every such ``<footer>``, but spares a ``role=contentinfo`` element
    holding most of the page's text (and a user may skip the step).  What such a footer holds is a
    privacy policy, a store locator or legal notices: its text never counts toward a content root.
    """
    out = set()
    for node in dom.select(root, PAGE_FOOTERS):
        cur = node.parent
        while cur is not None and cur.tag not in _OWNERS:
            cur = cur.parent
        if cur is None:
            out.add(node.mem_id)
    return out


_WORD = regex.compile(r"\w\w")
SHORT_PAGE = 200  # chars: a page this short whose text is not links is its own content


def _short_page(root: LexborNode, blocks: Sequence[RawBlock], score: dict[int, float]) -> Choice | None:
    """When no subtree is worth MIN_SCORE: the page's <main>/<article> if it holds text that is not
    links, else the whole (cleaned) page if it is that short.  A one-line post or a stub page is
    still the page's content; a page left with only menus is not."""
    texts = [b for b in blocks if b.kind != "image"]  # alt text is not the page's text

    def prose(mid: int | None) -> tuple[int, int]:
        inside = [b for b in texts if mid is None or mid in b.path]
        return sum(len(b.text) for b in inside), sum(b.link_chars for b in inside)

    for node in dom.select(root, LANDMARKS):
        chars, links = prose(node.mem_id)
        if chars and links < 0.5 * chars:
            return Choice(node, score.get(node.mem_id, 0.0), ())
    chars, links = prose(None)
    if (0 < chars <= SHORT_PAGE and links < 0.5 * chars
            and any(_WORD.search(b.text) for b in texts)):  # stray "<<>>" is not a page of text
        return Choice(root, score.get(root.mem_id, 0.0), ())
    return None


def _landmark(node: LexborNode, score: dict[int, float], depth: dict[int, int],
              floor: float) -> LexborNode | None:
    """The deepest landmark strictly inside ``node`` that scores at least ``floor`` and has no rival:
    another landmark beside it (not around it, not inside it) worth more than ``RIVAL_SHARE`` of its
    score means the content is spread over several (stacked stories, a CMS's content sections)."""
    marks = [n for n in dom.select(node, LANDMARKS) if n.mem_id != node.mem_id and n.mem_id in score]
    lines = {m.mem_id: _ancestors(m, node) for m in marks}  # each mark and its ancestors below ``node``
    best: LexborNode | None = None
    for cand in marks:
        if score[cand.mem_id] < floor or (best is not None and depth[best.mem_id] >= depth[cand.mem_id]):
            continue
        line = lines[cand.mem_id]
        rivals = sum(max(score[m.mem_id], 0.0) for m in marks
                     if m.mem_id not in line and cand.mem_id not in lines[m.mem_id])
        if rivals <= RIVAL_SHARE * score[cand.mem_id]:
            best = cand
    return best


def _ancestors(node: LexborNode, stop: LexborNode) -> set[int]:
    """``mem_id`` of ``node`` and its ancestors up to (not including) ``stop``."""
    out = set()
    cur: LexborNode | None = node
    while cur is not None and cur.mem_id != stop.mem_id:
        out.add(cur.mem_id)
        cur = cur.parent
    return out


def _spread(winner: int, score: dict[int, float], parent: dict[int, int], share: float,
            blocks: Sequence[RawBlock]) -> int:
    """The parent of the winner (or of a wrapper scoring as much) when a sibling of the same tag and
    class scores at least ``share`` of the winner: the content is a run of like sections (a
    listicle's entries, a thread's posts), not the best one of them.  A sibling of another kind (a
    card grid beside an intro) is a rival, not more of the same.  ``<section>`` siblings are alike
    whatever their class: a page builder's page is a stack of sections (an overview, an accordion of
    services, a FAQ), each classed for its layout, and one worth ``SECTION_SHARE`` of the winner is
    enough (a short offer section beside a long one)."""
    floor = min(share, SECTION_SHARE) * score[winner]
    cur = winner
    while up := parent.get(cur, 0):
        rivals = [mid for mid, s in score.items() if s >= floor and mid != cur and parent.get(mid) == up]
        if rivals:
            mine = _node_for(blocks, cur)
            kind = (mine.tag, mine.attributes.get("class"))
            for mid in rivals:
                other = _node_for(blocks, mid)
                if other.tag == mine.tag == "section" or (score[mid] >= share * score[winner]
                                                          and (other.tag, other.attributes.get("class")) == kind):
                    return up
        if score[up] < NEAR_BEST * score[winner]:
            break
        cur = up
    return winner


def _node_for(blocks: Sequence[RawBlock], mem_id: int) -> LexborNode:
    """The element with ``mem_id``: walk up from a block that has it on its path."""
    for b in blocks:
        if mem_id in b.path:
            return dom.ancestor(b.node, len(b.path) - 1 - b.path.index(mem_id))
    raise LookupError(mem_id)
