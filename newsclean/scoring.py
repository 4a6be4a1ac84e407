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
from typing import TYPE_CHECKING, Protocol, Sequence

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
STORY_TYPES = frozenset({"Article", "NewsArticle", "BlogPosting", "Report", "ReportageNewsArticle",
                         "AnalysisNewsArticle", "OpinionNewsArticle", "ReviewNewsArticle", "BackgroundNewsArticle",
                         "ScholarlyArticle", "TechArticle", "LiveBlogPosting", "og:article"})
HEADING_VALUE = 3.0
NEAR_BEST = 0.98  # among containers scoring this close to the best, the deepest wins
MIN_SCORE = 15.0  # a best subtree worth less than this is a stray label, not an article
N_CANDIDATES = 5


def block_value(chars: int, link_chars: int, heading: bool, penalty: float = BLOCK_PENALTY,
                link_weight: float = LINK_WEIGHT) -> float:
    """How much a block looks like article text (positive) or chrome (negative)."""
    if heading:
        return HEADING_VALUE if link_chars < 0.5 * chars else -penalty
    return chars - link_weight * link_chars - penalty


def scored_units(blocks: Sequence[RawBlock], with_nodes: bool = False) -> list[tuple]:
    """(path, chars, link chars, is neutral) per scoring unit.

    The cells of one table row, and the items of one list, are one unit on the
    row's (list's) path: a data table or a bullet list is many short blocks,
    and charging each the block penalty would make it look like a menu.  A
    menu stays negative as a unit because its text is links.  Headings and
    captions are neutral: they follow whatever container wins.
    """
    units: list[tuple[tuple[int, ...], int, int, bool]] = []
    i = 0
    n = len(blocks)
    while i < n:
        b = blocks[i]
        if b.kind in ("cell", "list_item"):
            kind, path = b.kind, b.path[:-1]
            key = b.row if kind == "cell" else path
            chars = links = 0
            while i < n and blocks[i].kind == kind and (blocks[i].row if kind == "cell" else blocks[i].path[:-1]) == key:
                chars += len(blocks[i].text)
                links += blocks[i].link_chars
                i += 1
            units.append((path, chars, links, False, b.node.parent) if with_nodes else (path, chars, links, False))
            continue
        neutral = b.kind in ("heading", "caption")
        units.append((b.path, len(b.text), b.link_chars, neutral, b.node) if with_nodes
                     else (b.path, len(b.text), b.link_chars, neutral))
        i += 1
    return units


def is_story(ctx: Context) -> bool:
    """The page declares itself an article (schema.org type or og:type)."""
    return not STORY_TYPES.isdisjoint(ctx.page_types)


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

    def best(self, root: LexborNode, blocks: Sequence[RawBlock], ctx: Context) -> Choice | None:
        if not blocks:
            return None
        penalty = page_penalty(ctx, self.penalty, self.other_penalty)
        score: dict[int, float] = {}
        depth: dict[int, int] = {}
        for path, chars, links, heading in scored_units(blocks):
            v = block_value(chars, links, heading, penalty, self.link_weight)
            for d, mid in enumerate(path):
                score[mid] = score.get(mid, 0.0) + v
                depth[mid] = d
        top = max(score.values())
        if top < MIN_SCORE:
            return None
        near = [mid for mid, s in score.items() if s >= NEAR_BEST * top]
        winner = max(near, key=lambda m: depth[m])
        node = _node_for(blocks, winner)
        ranked = sorted(score.items(), key=lambda kv: -kv[1])[:N_CANDIDATES] if ctx.record else []
        cands = tuple(Candidate(dom.css_path(_node_for(blocks, mid)), round(s, 1), 0) for mid, s in ranked)
        return Choice(node, score[winner], cands)


def _node_for(blocks: Sequence[RawBlock], mem_id: int) -> LexborNode:
    """The element with ``mem_id``: walk up from a block that has it on its path."""
    for b in blocks:
        if mem_id in b.path:
            node = b.node
            for _ in range(len(b.path) - 1 - b.path.index(mem_id)):
                node = node.parent
            return node
    raise LookupError(mem_id)
