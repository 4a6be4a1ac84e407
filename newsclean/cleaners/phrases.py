"""PhraseCleaner: remove chrome that announces itself in words ("Related Articles", "Leave a Reply").

A short element whose whole text matches a phrase is removed together with
the section it heads: we climb to the largest ancestor that is still
"chrome-like" (little text of its own beside links), so the heading takes its
list of cards with it, but never the article around it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, cast

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


_Match = Callable[[str], "regex.Match[str] | None"]
# Alternatives in a union below which it stays whole.  Splitting pays per label (us a label over the
# labels of 300 wcxb-dev pages, whole vs split: back-to-top's 15 alternatives 0.6 vs 1.0, pager's 21
# 2.1 vs 1.7, chrome-phrases' 175 4.3 vs 1.3) but costs compiling: a union's groups take ~1.5x its own
# compile time, paid on the step's first use.  Of the built-in steps only chrome-phrases, which runs on
# every page, is split; a product step first used deep into a run would pay its compile there.
MIN_SPLIT = 100


class FirstCharPhrases:
    """``fullmatch`` of a union of phrase patterns, trying only the alternatives that can start with
    the text's first character.

    The ``regex`` module tries every alternative of a union in turn, even when the first character
    already fails: 4-6 us a label for the 175 alternatives of ``chrome-phrases``, about 1 ms of a
    20 ms page.  Here the top-level alternatives are grouped by the ASCII characters they can
    start with (read from the stdlib parser's syntax tree, see :func:`_first_chars`), and a text is
    matched against the group of its first character only.  Case-insensitive matching pairs a few
    other characters with ASCII letters (``ſ`` with ``s``, ``K`` with ``k``, ``ß`` with ``ss``): a
    text starting with one gets the group of its case fold's first character.  An alternative whose
    first characters are not known that way (``.``, ``\\w``, a non-ASCII letter, a pattern the
    stdlib parser cannot read) is in every group.  So the answer is always the whole union's.

    Only for the built-in phrases, which are written in the syntax both parsers share: the ``regex``
    module's own set syntax (``[[a-z]--[aeiou]]``) would be misread here.
    """

    def __init__(self, patterns: tuple[str, ...]) -> None:
        self.patterns = patterns
        self.alternatives = [alt for p in patterns for alt in _top_alternatives(p)]
        self.firsts = [_first_chars(alt) for alt in self.alternatives]
        # Every group compiled now, once (~90 ms for chrome-phrases, whose whole union took 62 ms):
        # compiled lazily, they would land in the middle of a batch.  Digits share one group, which
        # also serves texts starting with other scripts' characters (``\\d`` matches their digits).
        by_key: dict[str, _Match] = {}
        self._by_char: dict[str, _Match] = {}  # an ASCII first character -> its group's fullmatch
        for code in range(128):
            key = _group_key(chr(code).lower())
            if key not in by_key:
                alts = tuple(alt for alt, firsts in zip(self.alternatives, self.firsts)
                             if firsts is None or key in firsts)
                by_key[key] = compile_phrases(alts, check=False).fullmatch if alts else _no_match
            self._by_char[chr(code)] = by_key[key]

    def fullmatch(self, text: str) -> regex.Match[str] | None:
        match = self._by_char.get(text[:1])
        return (match if match is not None else self._other(text[:1]))(text)

    def _other(self, first: str) -> _Match:
        """The group for a text that starts with a character that is not ASCII: that of its case fold's
        first character when it is ASCII (``ſ`` -> ``s``), else the digits' group, which holds every
        alternative that can start with such a character (``\\d`` and the unknown ones)."""
        key = first.casefold()[:1]
        match = self._by_char.get(key) if key else None
        return match if match is not None else self._by_char["0"]


def _group_key(char: str) -> str:
    return "0" if "0" <= char <= "9" else char


def _no_match(text: str) -> None:
    return None


def _top_alternatives(pattern: str) -> list[str]:
    """``pattern`` split at its top-level ``|`` (not inside a group, a character class or after ``\\``)."""
    out, depth, start, i, n = [], 0, 0, 0, len(pattern)
    in_class = False
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
        elif ch == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "]":  # a "]" first in a class is a literal
                i += 1
            elif pattern[i + 1:i + 3] == "^]":
                i += 2
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


try:  # the stdlib's regular-expression parser: private, so any trouble reading it means "unknown"
    from re import _constants as _sre, _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_DIGITS = frozenset("0123456789")


def _first_chars(alternative: str) -> frozenset[str] | None:
    """The lower-cased ASCII characters a match of ``alternative`` can start with (ASCII digits as "0":
    they share one group), or None when that is not known or not only ASCII (then the alternative is
    tried on every text)."""
    try:
        items = list(_sre_parse.parse(alternative, 0))
        firsts, nullable = _firsts_of(items)
    except Exception:  # noqa: BLE001 -- regex-only syntax, or a parser that changed: "unknown" is always safe
        return None
    return None if firsts is None or nullable else frozenset(_group_key(c) for c in firsts)


def _firsts_of(items: list) -> tuple[set[str] | None, bool]:
    """(first characters, can match the empty string) of a sequence of parsed items."""
    out: set[str] = set()
    for op, av in items:
        if op is _sre.AT:  # an anchor or \b takes no character
            continue
        if op is _sre.LITERAL:
            char = chr(av)
            if not char.isascii():
                return None, False
            out.add(char.lower())
            return out, False
        if op is _sre.IN:
            chars = _class_chars(av)
            if chars is None:
                return None, False
            return out | chars, False
        if op is _sre.SUBPATTERN:
            inner, nullable = _firsts_of(list(av[-1]))
        elif op is _sre.BRANCH:
            inner, nullable = set(), False
            for branch in av[1]:
                got, empty = _firsts_of(list(branch))
                if got is None:
                    return None, False
                inner |= got
                nullable = nullable or empty
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            inner, nullable = _firsts_of(list(av[2]))
            nullable = nullable or av[0] == 0
        else:
            return None, False
        if inner is None:
            return None, False
        out |= inner
        if not nullable:
            return out, False
    return out, True


def _class_chars(items: list) -> set[str] | None:
    """The lower-cased ASCII characters of a character class, or None when it holds others."""
    out: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL and chr(av).isascii():
            out.add(chr(av).lower())
        elif op is _sre.RANGE and av[1] < 128 and av[1] - av[0] < 64:
            out.update(chr(c).lower() for c in range(av[0], av[1] + 1))
        elif op is _sre.CATEGORY and av is _sre.CATEGORY_DIGIT:
            out |= _DIGITS  # and other scripts' digits: FirstCharPhrases._other gives those this group
        else:
            return None
    return out


@lru_cache(maxsize=8)
def _builtin_match(patterns: tuple[str, ...]) -> _Match:
    """``fullmatch`` of the union of built-in patterns, split by first character when that pays."""
    if sum(len(_top_alternatives(p)) for p in patterns) < MIN_SPLIT:
        return _builtin_phrases(patterns).fullmatch
    return FirstCharPhrases(patterns).fullmatch


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
        match = self._matcher()
        for node, text in label_texts(root, ctx):
            hit = seen.get(text)
            if hit is None:
                try:
                    hit = seen[text] = match(text) is not None
                except TimeoutError:
                    raise StepError(f"step {self.name!r}: a phrase pattern ran past {PHRASE_TIMEOUT}s on the "
                                    f"label {text[:40]!r}; simplify the pattern") from None
            if hit and attached(node) and (not self.alone or stands_alone(node)):
                found.append((node, text))
        # keep the outermost of nested matches (<h3><span>Related</span></h3>): climbing starts there
        outer = {n.mem_id for n in dom.outermost([n for n, _t in found])}
        return [(n, t) for n, t in found if n.mem_id in outer]

    def _matcher(self) -> _Match:
        """Whether a label's whole text is one of the phrases: built-in phrases by first character
        (:class:`FirstCharPhrases`), user and site-rule patterns under PHRASE_TIMEOUT (read at each call)."""
        if self.regex_ is None:
            return _builtin_match(self.patterns)
        fullmatch, timeout = self.regex_.fullmatch, PHRASE_TIMEOUT
        return lambda text: fullmatch(text, timeout=timeout)

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
