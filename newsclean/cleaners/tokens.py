"""TokenCleaner: remove nodes whose class or id carries a word of a vocabulary group."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from .. import dom, patterns
from ..pipeline import Stage, _check_name

if TYPE_CHECKING:
    from ..context import Context
    from ..dom import LexborNode

_CONTENT = frozenset(dom.normalize_token(t) for t in patterns.CONTENT + patterns.ENTRY)
# Never removed by a token match: the page's landmarks for the article itself, and formulas (MathJax
# marks a rendered formula ``CtxtMenu_Attached_0`` when it attaches its context menu: not a menu).
_KEEP_TAGS = frozenset({"html", "body", "main", "article", "h1", "math", "mjx-container"})
PROSE_LINK_SHARE = 0.15  # a ``max_prose`` match with links under this share of its text is a story
_PLAIN_TAG = re.compile(r"[a-z][a-z0-9]*")
_ATTR_EQUALS = re.compile(r"\[([a-z][a-z-]*)=([A-Za-z][A-Za-z0-9_-]*)\]")  # [role=navigation]
_ID_SELECTOR = re.compile(r"#[A-Za-z][A-Za-z0-9_-]*")  # #onetrust-consent-sdk


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
    # A class/id match holding more than this many characters of <p> text, with few links, is prose, not
    # this kind of chrome: a wrapper that happens to carry the word (``left-navigation_page-wrapper``
    # around the story).  Tag matches (``footer``, ``nav``) are not spared by it.
    max_prose: int | None = None
    # ...and whose <p> text is at least this share of all its text: a layout column that holds a few
    # paragraphs among a calculator, a form and review cards is still a sidebar.
    prose_share: float = 0.0
    keep_tags: frozenset[str] = frozenset()  # class/id matches on these tags stay (a popup's trigger link)
    # A class/id match whose tag and class recur on more than this many matches is a field of every item of
    # a list (the authors of each paper in an index, each post's byline in a blog index), not one piece of
    # chrome: those stay.  None: no limit.
    max_repeats: int | None = None
    # The opposite: a match whose tag and class recur on fewer matches than this stays.  One "teaser" is a
    # story's lead paragraph; several alike are a list of links to other stories.
    min_repeats: int = 1
    # ``tags`` matches on these tag names go whatever share of the page they hold (see navigation)
    unguarded: frozenset[str] = frozenset()
    # ``tags`` as one cheaper query plus a test per result (see ``_plan``); empty when not possible
    _query: str = field(init=False, repr=False, compare=False, default="")
    _tag_names: frozenset[str] = field(init=False, repr=False, compare=False, default=frozenset())
    _attr_values: tuple[tuple[str, frozenset[str]], ...] = field(init=False, repr=False, compare=False,
                                                                 default=())
    # ``tags`` that are all ``#id`` selectors: those ids, lower-cased (see ``_tagged``)
    _ids: frozenset[str] = field(init=False, repr=False, compare=False, default=frozenset())

    def __post_init__(self) -> None:
        _check_name(self.name)
        if self.min_repeats < 1 or (self.max_repeats is not None and self.max_repeats < self.min_repeats):
            raise ValueError(f"{self.name}: need 1 <= min_repeats <= max_repeats, got {self.min_repeats} and "
                             f"{self.max_repeats}")
        if self.tags:
            bad = dom.check_selector(", ".join(self.tags))
            if bad:
                raise ValueError(f"{self.name}: invalid selector: {bad}")
            self._plan()

    def _plan(self) -> None:
        """When ``tags`` are only tag names and ``[attr=value]`` tests, query tag names and
        ``[attr]`` (one alternative per attribute, not per value) and test values in Python:
        Lexbor tries every alternative on every node, so fewer alternatives cost less."""
        ids = [sel.strip()[1:] for sel in self.tags if _ID_SELECTOR.fullmatch(sel.strip())]
        if len(ids) == len(self.tags):
            object.__setattr__(self, "_ids", frozenset(i.lower() for i in ids))
            return
        names: set[str] = set()
        values: dict[str, set[str]] = {}
        for sel in self.tags:
            sel = sel.strip()
            m = _ATTR_EQUALS.fullmatch(sel)
            if _PLAIN_TAG.fullmatch(sel):
                names.add(sel)
            elif m:
                values.setdefault(m.group(1), set()).add(m.group(2))
            else:
                return
        if len(names) + len(values) >= len(self.tags):
            return  # no alternative saved
        object.__setattr__(self, "_query", ", ".join([*sorted(names), *(f"[{a}]" for a in sorted(values))]))
        object.__setattr__(self, "_tag_names", frozenset(names))
        object.__setattr__(self, "_attr_values", tuple((a, frozenset(v)) for a, v in sorted(values.items())))

    def _tagged(self, root: LexborNode, index: dom.TokenIndex) -> list[LexborNode]:
        """The nodes ``tags`` matches, once each, in document order.

        ``#id`` selectors (a consent manager's widget) are asked of Lexbor only when one of the ids is on
        the page: the index read every id already, and a query of one alternative per id costs ~0.4 ms
        a page.  Compared lower-cased, since Lexbor matches ids regardless of case in quirks mode."""
        if self._ids and self._ids.isdisjoint(index.lower_ids()):
            return []
        if not self._query:
            return dom.select(root, ", ".join(self.tags))
        names, tests = self._tag_names, self._attr_values
        out = []
        for node in dom.select(root, self._query):
            if node.tag in names:
                out.append(node)
                continue
            attrs = node.attributes
            if any(attrs.get(a) in v for a, v in tests):
                out.append(node)
        return out

    def matches(self, root: LexborNode, ctx: Context) -> list[LexborNode]:
        """The attached nodes this cleaner would remove, in document order."""
        found: list[LexborNode] = []
        attached = dom.attached_check()  # nothing is removed while matching
        index = dom.token_index(root, ctx, patterns.IGNORED_CLASS_PREFIXES)
        if self.tags:
            tagged = self._tagged(root, index)
            if tagged and self.spare_inside:
                tagged = self._unspared(tagged, root)
            found.extend(n for n in tagged if attached(n))
        seen = {n.mem_id for n in found}
        for node in index.having(self.tokens, without=_CONTENT):
            if (node.tag in _KEEP_TAGS or node.tag in self.keep_tags or node.mem_id in seen
                    or not attached(node)):
                continue
            if self.max_prose is not None and _is_prose(node, self.max_prose, self.prose_share):
                ctx.notes.append(f"spared {dom.css_path(node, 2)} (prose, not {self.name})")
                continue
            seen.add(node.mem_id)
            found.append(node)
        if self.max_repeats is not None or self.min_repeats > 1:
            found = self._by_repeats(found, ctx)
        return found

    def _by_repeats(self, found: list[LexborNode], ctx: Context) -> list[LexborNode]:
        """``found`` minus the matches whose tag and class recur more than ``max_repeats`` times (when the
        class is not empty) or fewer than ``min_repeats`` times."""
        def key(n: LexborNode) -> tuple[str, str]:
            return n.tag or "", n.attributes.get("class") or ""

        counts = Counter(key(n) for n in found)
        most = self.max_repeats
        spared = {k for k, c in counts.items()
                  if (most is not None and c > most and k[1]) or c < self.min_repeats}
        if not spared:
            return found
        ctx.notes.append(f"spared {sum(counts[k] for k in spared)} matches by how often their class recurs")
        return [n for n in found if key(n) not in spared]

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
        found = self.matches(root, ctx)
        if self.unguarded:
            free = [n for n in found if n.tag in self.unguarded]
            if free:
                dom.remove(free, ctx, max_chars=self.max_chars)
                found = [n for n in found if n.tag not in self.unguarded]
        dom.remove(found, ctx, max_share=self.max_share, max_total=self.max_total, max_chars=self.max_chars)


def _is_prose(node: LexborNode, min_chars: int, share: float = 0.0) -> bool:
    """More than ``min_chars`` of paragraph text (``<p>``), at least ``share`` of all its text, and
    links a small part of all its text: a story.  Menus, flyouts and filter panels hold long text
    too, but in links and labels."""
    para = 0
    for p in node.css("p"):
        para += len(p.text(deep=True).strip())
        if para > min_chars and not share:
            break  # without a share to reach, the rest of the paragraphs cannot change the answer
    if para <= min_chars:
        return False
    text = len(node.text(deep=True).strip())
    return para >= share * text and dom.link_chars(node) < PROSE_LINK_SHARE * text
