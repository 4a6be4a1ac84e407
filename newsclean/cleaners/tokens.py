"""TokenCleaner: remove nodes whose class or id carries a word of a vocabulary group."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from .. import dom, patterns
from ..pipeline import Stage, _check_name

if TYPE_CHECKING:
    from ..context import Context
    from ..dom import LexborNode

_CONTENT = frozenset(dom.normalize_token(t) for t in patterns.CONTENT)
# Never removed by a token match: the page's landmarks for the article itself.
PROSE_LINK_SHARE = 0.15
_KEEP_TAGS = frozenset({"html", "body", "main", "article", "h1"})


def token_set(tokens: Iterable[str]) -> frozenset[str]:
    out = frozenset(dom.normalize_token(t) for t in tokens)
    if not out or "" in out:
        raise ValueError("a token group must hold non-empty tokens (an empty one would match nothing)")
    return out


@dataclass(frozen=True, slots=True)
class TokenCleaner:
    """Remove elements matching ``tags`` (CSS) or whose class/id has one of ``tokens``.

    Matching is by whole words of the class/id (``related`` matches
    ``yarpp-related`` and ``relatedPosts``, not ``unrelated``).  A node whose
    class/id also says it is the article body, or that holds more than
    ``max_share`` of the page's text, is spared.
    """

    name: str
    tokens: frozenset[str]
    tags: tuple[str, ...] = ()
    stage: Stage = "any"
    spare_inside: tuple[str, ...] = ()  # CSS: a node matched by ``tags`` inside one of these stays
    max_share: float | None = 0.4
    max_total: float | None = 0.6
    max_chars: int | None = None  # more text than this under one match: not this kind of chrome
    # A class/id match holding more text than this outside links is prose, not a menu: a wrapper that
    # happens to carry the word (``left-navigation_page-wrapper`` around the story).  Tag matches
    # (``footer``, ``nav``) are not spared by it.
    max_prose: int | None = None
    keep_tags: frozenset[str] = frozenset()  # class/id matches on these tags stay (a popup's trigger link)

    def __post_init__(self) -> None:
        _check_name(self.name)
        if self.tags:
            bad = dom.check_selector(", ".join(self.tags))
            if bad:
                raise ValueError(f"{self.name}: invalid selector: {bad}")

    def matches(self, root: LexborNode, ctx: Context) -> list[LexborNode]:
        """The attached nodes this cleaner would remove, in document order."""
        found: list[LexborNode] = []
        if self.tags:
            spare = set()
            if self.spare_inside:
                spare = {n.mem_id for n in dom.select(root, ", ".join(f"{a} {t}" for a in self.spare_inside
                                                                      for t in self.tags))}
            found.extend(n for n in dom.select(root, ", ".join(self.tags))
                         if n.mem_id not in spare and dom.is_attached(n))
        seen = {n.mem_id for n in found}
        for node, toks in dom.token_index(root, ctx, patterns.IGNORED_CLASS_PREFIXES).having(self.tokens):
            if not toks.isdisjoint(_CONTENT):
                continue
            if (node.tag in _KEEP_TAGS or node.tag in self.keep_tags or node.mem_id in seen
                    or not dom.is_attached(node)):
                continue
            if self.max_prose is not None and _is_prose(node, self.max_prose):
                ctx.notes.append(f"spared {dom.css_path(node, 2)} (prose, not {self.name})")
                continue
            seen.add(node.mem_id)
            found.append(node)
        return found

    def __call__(self, root: LexborNode, ctx: Context) -> None:
        dom.remove(self.matches(root, ctx), ctx, max_share=self.max_share, max_total=self.max_total,
                   max_chars=self.max_chars)


def _is_prose(node: LexborNode, min_chars: int) -> bool:
    """More than ``min_chars`` of paragraph text (``<p>``), and links a small part of all its text: a
    story.  Menus, flyouts and filter panels hold long text too, but in links and labels."""
    para = sum(len(p.text(deep=True).strip()) for p in node.css("p"))
    if para <= min_chars:
        return False
    return dom.link_chars(node) < PROSE_LINK_SHARE * len(node.text(deep=True).strip())
