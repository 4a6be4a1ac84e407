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
            tagged = dom.select(root, ", ".join(self.tags))
            if tagged and self.spare_inside:
                tagged = self._unspared(tagged, root)
            found.extend(n for n in tagged if dom.is_attached(n))
        seen = {n.mem_id for n in found}
        for node, toks in dom.token_index(root, ctx, patterns.IGNORED_CLASS_PREFIXES).having(self.tokens):
            if not toks.isdisjoint(_CONTENT):
                continue
            if node.tag in _KEEP_TAGS or node.mem_id in seen or not dom.is_attached(node):
                continue
            seen.add(node.mem_id)
            found.append(node)
        return found

    def _unspared(self, nodes: list[LexborNode], root: LexborNode) -> list[LexborNode]:
        """``nodes`` minus those with an ancestor matching ``spare_inside``.

        The same nodes as the selector list ``"<spare> <tag>, ..."`` leaves
        out (a descendant combinator looks above ``root`` too), without
        asking Lexbor to try every spare/tag pair on every node.
        """
        top = root  # the holders are searched from the top element, as ancestors of ``root`` count
        while (parent := top.parent) is not None and parent.is_element_node:
            top = parent
        holders = {n.mem_id for n in top.css(", ".join(self.spare_inside))}
        if not holders:
            return nodes
        return [n for n in nodes if not dom.inside_any(n, holders)]

    def __call__(self, root: LexborNode, ctx: Context) -> None:
        dom.remove(self.matches(root, ctx), ctx, max_share=self.max_share, max_total=self.max_total,
                   max_chars=self.max_chars)
