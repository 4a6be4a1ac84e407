"""Choose the content root: the element whose blocks add up to the most article-like text.

Every text block gets a value: long text with few links is positive, short
or link-dense text (menus, card grids, footers) negative.  A container's
score is the sum of the values of the blocks under it, so the winner is the
subtree that gains the most prose while taking in the least chrome: adding
a sidebar or a link list lowers a container's score, adding the next
paragraph raises it.  Tunables are module constants.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple, Protocol, Sequence

import regex

from . import dom
from .article import Candidate

if TYPE_CHECKING:
    from .context import Context
    from .dom import LexborNode
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


def block_value(u: Unit, penalty: float = BLOCK_PENALTY, link_weight: float = LINK_WEIGHT) -> float:
    """How much a unit looks like content (positive) or chrome (negative)."""
    if u.neutral:
        return HEADING_VALUE if u.links < 0.5 * u.chars else -penalty
    return u.chars - link_weight * u.links - penalty


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
                if c.kind != kind or (c.row if cell else c.path[:-1]) != key:
                    break
                chars += len(c.text)
                links += c.link_chars
                anchors += c.anchors
                i += 1
            partial = not cell and (_inside(blocks, start - 1, blocks[start].path)
                                    or _inside(blocks, i, blocks[i - 1].path))
            units.append(Unit(path, chars, links, anchors, False, b.node.parent, partial))
            continue
        units.append(Unit(b.path, len(b.text), b.link_chars, b.anchors, b.kind in ("heading", "caption"), b.node))
        i += 1
    return units


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
    """The page declares a product (schema.org Product and kin, or an og:type ``product...``)."""
    return not PRODUCT_TYPES.isdisjoint(ctx.page_types) or any(t.startswith("og:product") for t in ctx.page_types)


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

    def best(self, root: LexborNode, blocks: Sequence[RawBlock], ctx: Context) -> Choice | None:
        if not blocks:
            return None
        story = is_story(ctx)
        penalty = self.penalty if story else self.other_penalty
        link_weight = self.link_weight if story else self.other_link_weight
        score: dict[int, float] = {}
        depth: dict[int, int] = {}
        footers = _page_footers(root)
        parent: dict[int, int] = {}
        for u in scored_units(blocks):
            v = block_value(u, penalty, link_weight)
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
        top = max(score.values(), default=0.0)
        if top < MIN_SCORE:
            return _short_page(root, blocks, score)
        near = [mid for mid, s in score.items() if s >= NEAR_BEST * top]
        winner = max(near, key=lambda m: depth[m])
        if self.sibling_share is not None:
            winner = _spread(winner, score, parent, self.sibling_share, blocks)
        node = _node_for(blocks, winner)
        if self.landmark_share is not None:
            inner = _landmark(node, score, depth, self.landmark_share * score[winner])
            if inner is not None:
                node, winner = inner, inner.mem_id
        ranked = sorted(score.items(), key=lambda kv: -kv[1])[:N_CANDIDATES] if ctx.record else []
        cands = tuple(Candidate(dom.css_path(_node_for(blocks, mid)), round(s, 1), 0) for mid, s in ranked)
        return Choice(node, score[winner], cands)


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
    card grid beside an intro) is a rival, not more of the same."""
    floor = share * score[winner]
    cur = winner
    while up := parent.get(cur, 0):
        rivals = [mid for mid, s in score.items() if s >= floor and mid != cur and parent.get(mid) == up]
        if rivals:
            mine = _node_for(blocks, cur)
            kind = (mine.tag, mine.attributes.get("class"))
            for mid in rivals:
                other = _node_for(blocks, mid)
                if (other.tag, other.attributes.get("class")) == kind:
                    return up
        if score[up] < NEAR_BEST * score[winner]:
            break
        cur = up
    return winner


def _node_for(blocks: Sequence[RawBlock], mem_id: int) -> LexborNode:
    """The element with ``mem_id``: walk up from a block that has it on its path."""
    for b in blocks:
        if mem_id in b.path:
            node = b.node
            for _ in range(len(b.path) - 1 - b.path.index(mem_id)):
                node = node.parent
            return node
    raise LookupError(mem_id)
