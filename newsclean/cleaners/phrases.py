"""PhraseCleaner: remove chrome that announces itself in words ("Related Articles", "Leave a Reply").

A short element whose whole text matches a phrase is removed together with
the section it heads: we climb to the largest ancestor that is still
"chrome-like" (little text of its own beside links), so the heading takes its
list of cards with it, but never the article around it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, cast

import regex

from .. import dom, patterns
from ..errors import StepError
from ..pipeline import Stage, _check_name

if TYPE_CHECKING:
    from ..context import Context
    from ..dom import LexborNode

# Elements whose text can be a chrome label: whole text for the ones that cannot nest in
# themselves, own text only for the others (deep text of nestable tags would be quadratic).
_DEEP_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "a", "button", "label", "legend", "summary", "dt",
                        "caption", "figcaption"})
_SHALLOW_TAGS = frozenset({"p", "span", "strong", "b", "div", "li", "section", "header", "em", "i", "font", "td"})
_LABELS = _DEEP_TAGS | _SHALLOW_TAGS
MAX_CLIMB = 12
MAX_LABEL_CHARS = 90
MAX_SECTION_OWN_TEXT = 160  # non-link characters a section may hold besides its heading
PHRASE_TIMEOUT = 0.5  # seconds for one phrase match: a bad user pattern cannot hang a worker
# newsclean's own phrases, vetted for backtracking: matched without the timeout, which about
# doubles the cost of each match in the ``regex`` module.
_BUILTIN = frozenset(p for group in patterns.PHRASES.values() for p in group)


def compile_phrases(patterns: tuple[str, ...], *, check: bool = True) -> regex.Pattern[str]:
    """One case-insensitive pattern matching any of ``patterns``.  ``check`` first compiles each
    pattern alone, so that a bad one is named and cannot unbalance the others' parentheses."""
    if not patterns:
        raise ValueError("a phrase group needs at least one pattern")
    for p in patterns if check else ():
        try:
            regex.compile(p, regex.V1)
        except regex.error as exc:
            raise ValueError(f"invalid phrase pattern {p!r}: {exc}") from None
    return regex.compile(r"(?:" + "|".join(f"(?:{p})" for p in patterns) + r")", regex.I | regex.V1)


@lru_cache(maxsize=8)
def _builtin_phrases(patterns: tuple[str, ...]) -> regex.Pattern[str]:
    """The compiled union of built-in patterns, on first use: compiling the phrases with full case
    folding is a large part of ``import newsclean``, and the patterns are tested as they ship."""
    return compile_phrases(patterns, check=False)


@dataclass(frozen=True, slots=True)
class PhraseCleaner:
    """Remove short elements whose text is a chrome phrase, with the section they head.

    ``climb`` False removes only the element itself (for buttons and links
    such as "Back to top").  ``alone`` matches only a label that is not a
    word of a sentence: "Next" in "click <b>Next</b>" or "the <a>previous
    article</a>" stays.
    """

    name: str
    patterns: tuple[str, ...]
    stage: Stage = "any"
    climb: bool = True
    alone: bool = False
    # None when every pattern is a built-in one (compiled on first use, see ``_builtin_phrases``)
    regex_: regex.Pattern[str] | None = field(init=False, repr=False, compare=False, default=None)
    # every pattern a built-in one: matched without PHRASE_TIMEOUT (user and site-rule patterns keep it)
    _trusted: bool = field(init=False, repr=False, compare=False, default=False)

    def __post_init__(self) -> None:
        _check_name(self.name)
        if self.patterns and _BUILTIN.issuperset(self.patterns):
            object.__setattr__(self, "_trusted", True)
        else:
            object.__setattr__(self, "regex_", compile_phrases(self.patterns))

    def labels(self, root: LexborNode, ctx: Context | None = None) -> list[LexborNode]:
        """Innermost short elements whose whole text matches (the attached ones, in document order)."""
        return [node for node, _text in self._matches(root, ctx)]

    def _matches(self, root: LexborNode, ctx: Context | None) -> list[tuple[LexborNode, str]]:
        """:meth:`labels` with the text each one matched on."""
        found = []
        seen: dict[str, bool] = {}  # menus repeat their labels: match each distinct text once
        attached = dom.attached_check()  # nothing is removed while matching
        pattern = self.regex_ if self.regex_ is not None else _builtin_phrases(self.patterns)
        fullmatch, timeout = pattern.fullmatch, None if self._trusted else PHRASE_TIMEOUT  # read at each call
        for node, text in label_texts(root, ctx):
            hit = seen.get(text)
            if hit is None:
                try:
                    hit = seen[text] = (fullmatch(text) if timeout is None
                                        else fullmatch(text, timeout=timeout)) is not None
                except TimeoutError:
                    raise StepError(f"step {self.name!r}: a phrase pattern ran past {PHRASE_TIMEOUT}s on the "
                                    f"label {text[:40]!r}; simplify the pattern") from None
            if hit and attached(node) and (not self.alone or stands_alone(node)):
                found.append((node, text))
        # keep the outermost of nested matches (<h3><span>Related</span></h3>): climbing starts there
        outer = {n.mem_id for n in dom.outermost([n for n, _t in found])}
        return [(n, t) for n, t in found if n.mem_id in outer]

    def __call__(self, root: LexborNode, ctx: Context) -> None:
        matches = self._matches(root, ctx)  # attached ones only; nothing is removed before dom.remove
        items = _item_labels(matches) if self.climb else set()
        targets = []
        for label, _text in matches:
            climbs = self.climb and label.mem_id not in items
            targets.append(section_of(label, root, ctx) if climbs else label)
        dom.remove(targets, ctx, max_share=0.25)


def stands_alone(node: LexborNode) -> bool:
    """No text beside ``node`` or beside the ancestors that hold nothing more than it: a line of its own
    (a button, a pager's link), not a word inside a sentence."""
    size = len(node.text(deep=True).strip())
    cur = node
    while cur is not None:
        for sib in (cur.prev, cur.next):
            if sib is not None and sib.tag == "-text" and (sib.text_content or "").strip():
                return False
        parent = cur.parent
        if parent is None or len(parent.text(deep=True).strip()) > size:
            return True
        cur = parent
    return True


ITEM_LABEL_REPEATS = 3  # a label seen this many times, figures aside, is each list item's own line
_FIGURES = regex.compile(r"\d+")


def _item_labels(matches: list[tuple[LexborNode, str]]) -> set[int]:
    """``mem_id`` of the labels that are a line of every item in a list, not a section's heading.

    "3 min read" on each story card, "0 comments" under each post, "Comments:" in each paper's
    entry: the label repeats (its figures aside) once per item, and climbing from it takes the
    item itself, that is the listing's content.  A section's heading ("Related articles", "Leave
    a reply") occurs once or twice.  Such labels are removed alone.  A repeated link without a
    figure is not one of them: "Read more" closes each teaser of a box that is chrome as a whole
    (measured: sparing those boxes lost more on story pages than it gained on listings).
    """
    groups: dict[str, list[int]] = {}
    for node, text in matches:
        if _FIGURES.search(text) is None and _linked(node):
            continue
        groups.setdefault(_FIGURES.sub("#", text.casefold()), []).append(node.mem_id)
    return {mid for ids in groups.values() if len(ids) >= ITEM_LABEL_REPEATS for mid in ids}


def _linked(node: LexborNode) -> bool:
    """``node`` is a link or the only thing in one (``<a><span>Read more</span></a>``)."""
    return node.tag == "a" or (node.parent is not None and node.parent.tag == "a")


def label_texts(root: LexborNode, ctx: Context | None) -> list[tuple[LexborNode, str]]:
    """Every element under ``root`` that could be a label, with its folded text.

    One walk and one text read per element, shared by all phrase steps
    of a call (``ctx.cache``): a later step only skips what an earlier one
    detached.  Text inside ``pre``/``code`` is never a label (``print(x)`` is
    not a button).
    """
    key = ("labels", root.mem_id)
    if ctx is not None and key in ctx.cache:
        return cast("list[tuple[LexborNode, str]]", ctx.cache[key])
    out = []
    has_code = False
    for node in root.traverse():  # as dom.by_tag(root, _LABELS), reading each tag once
        tag = node.tag
        if tag not in _LABELS:
            if tag == "pre" or tag == "code":
                has_code = True
            continue
        text = node.text(deep=tag in _DEEP_TAGS)
        if not text or len(text) > MAX_LABEL_CHARS * 3:  # (whitespace alone normalises to "" below)
            continue
        text = _label(text)
        if text and len(text) <= MAX_LABEL_CHARS:
            out.append((node, text))
    if has_code:  # rare: drop what sits in code (pre/code themselves are never labels)
        code = {n.mem_id for n in dom.select(root, "pre, code, pre *, code *")}
        out = [(n, t) for n, t in out if n.mem_id not in code]
    if ctx is not None:
        ctx.cache[key] = out
    return out


_LABEL_EDGES = " :·|»›>-–—"  # stripped from a label's ends (a colon after it, a pager's arrows)


def _label(text: str) -> str:
    """``text`` with its whitespace runs collapsed to one space and ``_LABEL_EDGES`` stripped from the ends.

    A text whose only whitespace is single spaces (printable: every other whitespace character is not)
    collapses to itself: it is only stripped, without splitting it into words, which cost most of the
    walk on a page of 100,000 paragraphs (each read here, and nearly all too long to be a label)."""
    if text.isprintable() and "  " not in text:
        return text.strip(_LABEL_EDGES)
    return " ".join(text.split()).strip(_LABEL_EDGES)


def section_of(label: LexborNode, root: LexborNode, ctx: Context) -> LexborNode:
    """The largest ancestor of ``label`` that holds little besides the label and links."""
    label_len = len(label.text(deep=True).strip())
    best = label
    cur = label.parent
    for _ in range(MAX_CLIMB):
        if (cur is None or cur.mem_id == root.mem_id or not dom.removable(cur, ctx)
                or cur.tag in ("main", "article")):
            break
        total = len(cur.text(deep=True).strip())
        own = total - label_len - dom.link_chars(cur)
        if own > MAX_SECTION_OWN_TEXT and own > 0.3 * total:
            break
        best = cur
        cur = cur.parent
    return best
