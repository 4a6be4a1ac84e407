"""The only module that touches selectolax.

Rules it enforces (see STYLE.md, section 9):

* one comma-joined selector per query: Lexbor re-parses a selector each call;
* results are deduplicated by ``mem_id``: without ``MATCH_FIRST`` a node
  matching several selectors of a list is reported once per selector;
* ``<html>``, ``<body>`` and protected nodes (the content root) are never
  removed, since ``node.css()`` can return the node itself (``MATCH_ROOT``);
* nodes are compared by ``mem_id``, never with ``==`` (which compares HTML).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Iterable, cast

import regex
from selectolax.lexbor import LexborHTMLParser, LexborNode, SelectolaxError

from .article import Removal

if TYPE_CHECKING:
    from .context import Context

__all__ = ["LexborNode", "LexborHTMLParser", "SelectolaxError", "parse", "select", "remove", "text_of",
           "css_path", "check_selector", "first", "by_tag", "ancestor", "closest", "inside_any", "outermost", "is_attached",
           "token_index"]

_NEVER_REMOVE = frozenset({"html", "body", "head"})
# Removing one of these changes the text of the block around it rather than dropping a block.
_INLINE_OR_BR = frozenset({"a", "abbr", "b", "br", "cite", "code", "em", "font", "i", "img", "label", "mark", "q",
                           "s", "small", "span", "strong", "sub", "sup", "time", "u", "wbr", "button", "input",
                           "select", "textarea", "svg", "picture"})
SAMPLE_CHARS = 80
MAX_SAMPLES = 20


MAX_DEPTH = 256
_SURROGATE = regex.compile(r"[\ud800-\udfff]")
_INLINE = frozenset({"a", "b", "i", "em", "strong", "span", "font", "small", "u", "s", "sub", "sup", "code", "abbr"})


# Lexbor parses as a browser with scripting off: a <noscript>'s content is markup there, so a raw-text
# element left open inside it (a tag manager's ``<iframe .../>``: the slash closes nothing) reads the rest
# of the page as its text.  A browser runs scripts, reads noscript as raw text ending at the first
# </noscript>, and shows the page.  Such a page is parsed again with those elements closed.
_RAW_TEXT = ("iframe", "textarea", "title", "style", "xmp", "noembed", "noframes")
_RAW_TEXT_TAGS = ", ".join(_RAW_TEXT)
_NOSCRIPT = re.compile(rb"(<noscript\b[^>]*>)(.*?)(</noscript\s*>)", re.I | re.S)
_RAW_OPEN = {tag: re.compile(rb"<" + tag.encode() + rb"\b", re.I) for tag in _RAW_TEXT}
_RAW_CLOSE = {tag: re.compile(rb"</" + tag.encode() + rb"\s*>", re.I) for tag in _RAW_TEXT}


def _swallowed(root: LexborNode) -> bool:
    """Whether a raw-text element inside a noscript holds the noscript's end tag (and so the page after it).

    Looked for inside each noscript: one query with a descendant combinator per raw-text tag would try
    all seven on every element of the page (0.37 vs 0.25 ms a page)."""
    return any("</noscript" in (node.text() or "").lower()
               for box in root.css("noscript") for node in box.css(_RAW_TEXT_TAGS))


def _close_raw_text(match: re.Match[bytes]) -> bytes:
    inner = match.group(2)
    for tag in _RAW_TEXT:
        if _RAW_OPEN[tag].search(inner) and not _RAW_CLOSE[tag].search(inner):
            inner += b"</" + tag.encode() + b">"
    return match.group(1) + inner + match.group(3)


@lru_cache(maxsize=8)
def _too_deep(depth: int) -> str:
    """Selector matching elements with at least ``depth`` element ancestors."""
    return " > ".join(["*"] * (depth + 1))


def _has_deeper(root: LexborNode, depth: int) -> bool:
    """Whether an element under ``root`` has at least ``depth`` element ancestors:
    ``root.css_first(_too_deep(depth)) is not None``, asked of first children only.

    Lexbor tests a selector on every element, climbing its ancestors; the first child of a deep
    element's parent is as deep, so only first children need the climb (0.42 -> 0.37 ms a page)."""
    return root.css_first(_too_deep(depth) + ":first-child") is not None


def parse(text: str, utf8: bytes | None = None) -> LexborHTMLParser:
    """Parse decoded HTML.  Lone surrogates become U+FFFD instead of truncating the page.

    ``utf8`` is ``text`` encoded as UTF-8 when the caller already holds it
    (a page that arrived as clean UTF-8 bytes): encoding a large page again
    costs a few percent of an extraction.

    Elements nested deeper than ``MAX_DEPTH`` are unwrapped into their
    ancestor at that depth (browsers cap parser depth the same way), so every
    later walk up the tree is bounded and nothing is quadratic in depth.
    """
    if utf8 is not None:
        data = utf8
    else:
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            data = _SURROGATE.sub("\ufffd", text).encode("utf-8")
    tree = LexborHTMLParser(data)
    root = tree.root
    if root is not None and _swallowed(root):
        tree = LexborHTMLParser(_NOSCRIPT.sub(_close_raw_text, data))
        root = tree.root
    if root is not None and _has_deeper(root, MAX_DEPTH):
        deep = root.css(_too_deep(MAX_DEPTH))
        inside = {node.mem_id for node in deep}
        # the outermost ones (found before any is flattened: that moves the childless ones)
        tops = [node for node in deep if (parent := node.parent) is not None and parent.mem_id not in inside]
        for node in tops:
            _flatten(node)
    if tree.body is None and root is not None:
        noframes = root.css_first("noframes")
        if noframes is not None and "<" in noframes.text():
            # a frameset page: its <noframes> fallback is raw text to the parser; parse it as the body
            head = tree.head.html if tree.head is not None else ""
            return parse(f"<html>{head}<body>{noframes.text()}</body></html>")
    return tree


def _flatten(top: LexborNode) -> None:
    """Replace ``top`` by its text: what unwrapping it and every element inside it, in document
    order, gives: each element that is not inline set apart by a space before and after it, and
    an element without children (``<br>``, ``<img>``) kept, as ``unwrap()`` leaves it.

    Built here rather than by unwrapping: Lexbor walks the whole subtree of a node it detaches, and
    each unwrap detaches its children, so unwrapping a chain of 10,000 nested elements one by one
    walks the rest of the chain each time (quadratic; 1.9 s for a 1 MB page).  Here the text and
    comment nodes are copied beside ``top`` (leaves: no subtree to walk) and ``top`` is detached
    once, which gives the same children, in the same order, as the unwraps did.
    """
    out: list[LexborNode | str] = []
    if top.child is None:  # nothing to unwrap: the element stays, set apart if it is not inline
        if top.tag not in _INLINE:
            top.insert_before(" ")
            top.insert_after(" ")
        return
    keep: list[int] = []  # where the elements kept as they are sit in ``out``
    open_: list[tuple[int, bool]] = []  # the elements the walk is inside of: (mem_id, set apart by spaces)
    for node in top.traverse(include_text=True):
        if open_:
            parent = node.parent
            up = parent.mem_id if parent is not None else 0
            while open_ and open_[-1][0] != up:  # the walk left these elements: their closing space
                if open_.pop()[1]:
                    out.append(" ")
        if node.is_element_node:
            spaced = node.tag not in _INLINE
            if spaced:
                out.append(" ")
            if node.child is None:  # unwrap() leaves an element without children (<br>, <img>) as it is
                keep.append(len(out))
                out.append(node)
            open_.append((node.mem_id, spaced))
        else:
            out.append(node)
    while open_:
        if open_.pop()[1]:
            out.append(" ")
    moved = set(keep)
    for i, item in enumerate(out):
        # a text or comment is copied (``move`` checks every ancestor of ``top``); a kept element is
        # moved, as a copy would lose what is not its children (a <template>'s content)
        top.insert_before(item, move=i in moved)
    top.decompose(recursive=False)  # detach only, as dom.remove does


def select(root: LexborNode, selector: str) -> list[LexborNode]:
    """Nodes under (and possibly including) ``root`` that match ``selector``, once each, in order."""
    seen: set[int] = set()
    out = []
    for node in root.css(selector):
        mid = node.mem_id
        if mid not in seen:
            seen.add(mid)
            out.append(node)
    return out


def by_tag(root: LexborNode, tags: frozenset[str] | set[str]) -> list[LexborNode]:
    """Elements under (and including) ``root`` whose tag is in ``tags``, in document order.

    The same nodes as ``select(root, "a, b, ...")``, for a fraction of the
    cost: Lexbor tries every alternative of a selector list on every node,
    while one walk with a set look-up per node does not grow with the list.
    """
    return [node for node in root.traverse() if node.tag in tags]


def first(root: LexborNode, selectors: Iterable[str]) -> LexborNode | None:
    """The first node matching the first selector that matches anything."""
    for sel in selectors:
        node = root.css_first(sel)
        if node is not None:
            return node
    return None


def check_selector(selector: str) -> str | None:
    """None if the selector parses, else the parser's message (for load-time validation)."""
    try:
        LexborHTMLParser("<p></p>").css(selector)
    except (SelectolaxError, ValueError, TypeError) as exc:
        return str(exc) or "invalid selector"
    return None


def text_of(node: LexborNode) -> str:
    """The node's text with whitespace collapsed (for samples and phrase tests)."""
    return " ".join(node.text(deep=True, separator=" ").split())


# byte -> 0 for the ASCII characters str.split() splits on, 1 for every other byte
_SPACE_MARKS = bytes(0 if chr(b).isspace() else 1 for b in range(128)) + bytes([1] * 128)


def text_len(node: LexborNode) -> int:
    """``len(text_of(node))``, counted without making the words: on a page of millions of words
    (the whole page's size, for the removal guards) splitting them cost a tenth of the extraction.

    For ASCII text the whitespace and the starts of words are counted on a map of the bytes
    (whitespace 0, else 1); other text is split as :func:`text_of` does.
    """
    text = node.text(deep=True, separator=" ")
    if not text.isascii():
        return len(" ".join(text.split()))
    marks = text.encode("ascii").translate(_SPACE_MARKS)
    words = marks.count(b"\x00\x01") + (marks[:1] == b"\x01")
    return len(marks) - marks.count(b"\x00") + words - 1 if words else 0


_CSS_IDENT = regex.compile(r"[A-Za-z][\w-]*")  # an id css_path can write as #id
_CSS_CLASS = regex.compile(r"-?[A-Za-z_][\w-]*")  # a class name it can write as .name


def css_path(node: LexborNode, depth: int = 4) -> str:
    """A short CSS selector for a node: stops at the nearest id, else ``depth`` levels."""
    parts: list[str] = []
    cur: LexborNode | None = node
    while cur is not None and cur.tag not in ("html", "-document") and len(parts) < depth:
        attrs = cur.attributes
        ident = attrs.get("id")
        if ident and _CSS_IDENT.fullmatch(ident):
            parts.append(f"{cur.tag}#{ident}")
            break
        cls = (attrs.get("class") or "").split()
        cls = [c for c in cls if _CSS_CLASS.fullmatch(c)][:2]
        parts.append(f"{cur.tag}" + "".join("." + c for c in cls))
        cur = cur.parent
    return " > ".join(reversed(parts))


def removable(node: LexborNode, ctx: Context) -> bool:
    return node.tag not in _NEVER_REMOVE and node.mem_id not in ctx.protected


def remove(nodes: Iterable[LexborNode], ctx: Context, *, max_share: float | None = None,
           max_total: float | None = None, max_chars: int | None = None) -> int:
    """Detach nodes and record them in the current step's trace; return how many were removed.

    ``max_share`` spares a node that holds more than that share of the page's
    text: a class token such as ``comments`` on a wrapper of the whole page
    must not take the article with it.  ``max_total`` does the same for the
    whole batch: a vocabulary word that a page builder puts on every block
    (``elementor-widget``) must not empty the page piece by piece.
    ``max_chars`` spares a node holding more text than the chrome it was
    matched as can hold (a share bar is never 2,000 characters of prose).
    """
    todo = [n for n in nodes if removable(n, ctx)]
    if not todo:
        return 0
    guarded = (max_share is not None or max_total is not None) and ctx.total_chars > 0
    texts: list[str | None] = [text_of(n) for n in todo] if ctx.record else [None] * len(todo)
    sizes = _Sizes(todo, texts) if (guarded or max_chars is not None) else None
    if max_chars is not None and sizes is not None:
        keep = [sizes.within(i, max_chars) for i in range(len(todo))]
        for node, ok in zip(todo, keep):
            if not ok:
                ctx.notes.append(f"spared {css_path(node, 2)} (too much text for this kind of chrome)")
        todo, texts = sizes.keep(keep), [t for t, ok in zip(texts, keep) if ok]
    if max_share is not None and guarded and sizes is not None:
        keep = [sizes.within(i, max_share * ctx.total_chars) for i in range(len(todo))]
        for node, ok in zip(todo, keep):
            if not ok:
                ctx.notes.append(f"spared {css_path(node, 2)} (most of the page)")
        todo, texts = sizes.keep(keep), [t for t, ok in zip(texts, keep) if ok]
    if max_total is not None and ctx.total_chars > 0 and sizes is not None:
        top = {n.mem_id for n in outermost(todo)}
        tops = [i for i, n in enumerate(todo) if n.mem_id in top]
        if not sizes.sum_within(tops, max_total * ctx.total_chars):
            outer = sum(sizes.exact(i) for i in tops)
            ctx.notes.append(f"skipped: {len(todo)} matches hold {outer}/{ctx.total_chars} chars of the page")
            return 0
    count = 0
    for node, text in zip(todo, texts):
        if not is_attached(node):
            continue
        if ctx.record and text is not None:
            path = css_path(node)
            ctx.removed_ids[node.mem_id] = (ctx.step, path)
            if len(ctx.removals) < MAX_SAMPLES:
                ctx.removals.append(Removal(node.tag or "", path, text[:SAMPLE_CHARS], len(text)))
            ctx.removed_chars += len(text)
        ctx.removed_all.add(node.mem_id)
        if node.tag in _INLINE_OR_BR:
            ctx.text_dirty = True
        if ctx.edits is not None and (parent := node.parent) is not None:
            ctx.edits.append(parent)  # the text around it may join into one block (segment.blocks_of)
        node.decompose(recursive=False)  # detach only: the subtree stays readable for traces
        count += 1
    ctx.removed_count += count
    return count


class _Sizes:
    """The ``text_of`` lengths of the nodes a removal is guarded for, measured only as far as a test needs.

    A node's raw text (``node.text``) is never shorter than its ``text_of``, which keeps its words and puts
    one space between them: a raw length within a limit settles the test without collapsing the
    whitespace (what most of ``text_of`` costs), and most matched chrome is far below its limit.
    """

    __slots__ = ("nodes", "raw", "known")

    def __init__(self, nodes: list[LexborNode], texts: list[str | None]) -> None:
        self.nodes = nodes
        self.raw: list[str | None] = [None] * len(nodes)
        self.known: list[int | None] = [None if t is None else len(t) for t in texts]

    def bound(self, i: int) -> int:
        size = self.known[i]
        if size is not None:
            return size
        raw = self.raw[i]
        if raw is None:
            raw = self.raw[i] = self.nodes[i].text(deep=True, separator=" ")
        return len(raw)

    def exact(self, i: int) -> int:
        size = self.known[i]
        if size is None:
            self.bound(i)
            size = self.known[i] = len(" ".join(cast(str, self.raw[i]).split()))  # len(text_of(node))
        return size

    def within(self, i: int, limit: float) -> bool:
        return self.bound(i) <= limit or self.exact(i) <= limit

    def sum_within(self, indexes: list[int], limit: float) -> bool:
        return sum(self.bound(i) for i in indexes) <= limit or sum(self.exact(i) for i in indexes) <= limit

    def keep(self, keep: list[bool]) -> list[LexborNode]:
        """Drop the nodes whose ``keep`` is False (and what is known of them); the nodes kept."""
        self.nodes = [n for n, ok in zip(self.nodes, keep) if ok]
        self.raw = [r for r, ok in zip(self.raw, keep) if ok]
        self.known = [k for k, ok in zip(self.known, keep) if ok]
        return self.nodes


def outermost(nodes: list[LexborNode]) -> list[LexborNode]:
    """The nodes that have no ancestor among ``nodes`` (nested matches dropped), in order."""
    ids = {n.mem_id for n in nodes}
    return [n for n in nodes if not inside_any(n, ids)]


def ancestor(node: LexborNode, up: int) -> LexborNode:
    """The element ``up`` levels above ``node`` (the top of the tree when there are fewer): with a block's
    ``path``, the element at depth ``d`` is ``ancestor(block.node, len(path) - 1 - d)``."""
    for _ in range(up):
        parent = node.parent
        if parent is None:
            break
        node = parent
    return node


def closest(node: LexborNode, tags: frozenset[str]) -> LexborNode | None:
    """The nearest ancestor of ``node`` whose tag is in ``tags``, if any (a walk bounded by MAX_DEPTH)."""
    cur = node.parent
    while cur is not None and cur.tag not in tags:
        cur = cur.parent
    return cur


def inside_any(node: LexborNode, ids: set[int] | frozenset[int]) -> bool:
    """True when an ancestor of ``node`` has its ``mem_id`` in ``ids`` (a walk bounded by MAX_DEPTH)."""
    cur = node.parent
    while cur is not None:
        if cur.mem_id in ids:
            return True
        cur = cur.parent
    return False




# -- class/id tokens ------------------------------------------------------------------------------
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")  # stdlib re: these run per class name, and re is faster here
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
MAX_NGRAM = 4


def normalize_token(token: str) -> str:
    """``relatedPosts``, ``related_posts`` and ``related-posts`` all become ``related-posts``."""
    return "-".join(w for w in _NON_ALNUM.split(_CAMEL.sub(r"\1-\2", token).lower()) if w)


_WORD = re.compile(r"[a-z0-9]+")  # the pieces _NON_ALNUM.split leaves, empty ones dropped
# Cache sizes.  One class name's words are small and recur across sites (``container``, ``menu-item``);
# a whole class attribute's or id's tokens are larger (~1.3 KB an entry with its frozenset) and mostly
# seen on one page only (hit rates under 30% over wcxb-dev), where they are asked for once by the page's
# token index and again by the content's: 1,024 entries cover a page, 4,096 held ~11 MB more.
NAME_CACHE = 4096
ATTR_CACHE = 1024


def _words(raw: str) -> tuple[str, ...]:
    """The lower-case words of one class name or id (``relatedPosts`` -> ``related``, ``posts``)."""
    if not raw.islower():
        raw = _CAMEL.sub(r"\1-\2", raw).lower()
    return tuple(_WORD.findall(raw))


_name_words = lru_cache(maxsize=NAME_CACHE)(_words)


@lru_cache(maxsize=NAME_CACHE)
def _name_tokens(raw: str) -> tuple[str, ...]:
    """The words of one class name or id and their runs of 2-4 words joined by ``-`` (cached: sites
    repeat the same class names on every page)."""
    words = _name_words(raw)
    out = list(words)
    n = len(words)
    for size in range(2, min(MAX_NGRAM, n) + 1):
        for i in range(n - size + 1):
            out.append("-".join(words[i:i + size]))
    return tuple(out)


def _ignored_class(raw: str, ignored_prefixes: tuple[str, ...]) -> bool:
    """Whether ``tokens_of`` leaves this class name out; a utility's variant prefix (``md:``,
    ``hover:``) does not change what it names."""
    return bool(ignored_prefixes) and raw.rpartition(":")[2].lower().startswith(ignored_prefixes)


@lru_cache(maxsize=ATTR_CACHE)
def _class_tokens(class_attr: str, ignored_prefixes: tuple[str, ...]) -> frozenset[str]:
    """The tokens of every class name of one ``class`` attribute, minus ignored classes (cached: a
    page repeats its class lists on many elements, and a site on every page)."""
    out: set[str] = set()
    for raw in class_attr.split():
        if not _ignored_class(raw, ignored_prefixes):
            out.update(_name_tokens(raw))
    return frozenset(out)


@lru_cache(maxsize=ATTR_CACHE)
def _id_tokens(id_attr: str, ignored_prefixes: tuple[str, ...]) -> frozenset[str]:
    id_attr = id_attr.strip()
    if not id_attr or (ignored_prefixes and id_attr.lower().startswith(ignored_prefixes)):
        return frozenset()
    return frozenset(_name_tokens(id_attr))


def tokens_of(class_attr: str, id_attr: str, ignored_prefixes: tuple[str, ...] = ()) -> frozenset[str]:
    """The tokens of every class and of the id (see ``_name_tokens``), minus ignored classes."""
    if not id_attr:
        return _class_tokens(class_attr, ignored_prefixes) if class_attr else frozenset()
    if not class_attr:
        return _id_tokens(id_attr, ignored_prefixes)
    return _class_tokens(class_attr, ignored_prefixes) | _id_tokens(id_attr, ignored_prefixes)


@lru_cache(maxsize=256)
def _vocabulary(tokens: frozenset[str]) -> tuple[frozenset[str], dict[str, tuple[tuple[str, ...], ...]]]:
    """A vocabulary as :meth:`TokenIndex.having` looks it up: its one-word tokens, and the other words
    of each longer token under its first word (cached per vocabulary; a frozenset keeps its hash)."""
    runs: dict[str, list[tuple[str, ...]]] = {}
    for token in tokens:
        if "-" in token:
            first, *rest = token.split("-")
            runs.setdefault(first, []).append(tuple(rest))
    return frozenset(t for t in tokens if "-" not in t), {w: tuple(r) for w, r in runs.items()}


@dataclass(slots=True)
class TokenIndex:
    """The class/id tokens of the elements under a root, looked up by vocabulary word.

    Built once per root and call.  Computing every token (words and their
    2-4 word runs) of every class list costs more than all token cleaners'
    look-ups together, and most class names match no vocabulary; so the
    index holds only the words of each distinct class name and id, which
    are exactly the one-word tokens of the ``(class, id)`` pairs carrying
    them.  A one-word token is found by its word alone; a longer one only in
    the pairs holding all its words, whose full tokens (exact as
    ``tokens_of``) settle it.
    """

    nodes: list[LexborNode]
    pairs: list[tuple[str, str]]  # distinct (class, id) values
    members: list[list[int]]  # for each pair, the indexes in ``nodes`` of the elements carrying it
    # word -> for each class name or id (read once a page, not once a pair) whose one-word tokens hold it,
    # the pairs carrying that name
    by_word: dict[str, list[list[int]]]
    ignored_prefixes: tuple[str, ...]
    carrying: dict[frozenset[str], set[int]]  # vocabulary -> the pairs carrying one of its tokens, as asked
    _lower_ids: frozenset[str] | None = None
    generation: int = 0  # ``Context.generation`` when it was built
    # a view of a page's index for an element under the page (see ``token_index``): only the nodes under it
    within: LexborNode | None = None
    # built early (``early_index``), before a token step first asked for it (``_settle``)
    early: bool = False
    # for an index built early: the mem_ids of the elements ``remove`` detached before that first ask
    removed_first: frozenset[int] = frozenset()
    _classes: frozenset[str] | None = None

    def lower_ids(self) -> frozenset[str]:
        """Every id under the root (of elements removed since the index was built too), lower-cased."""
        if self._lower_ids is None:
            self._lower_ids = frozenset(ident.lower() for _cls, ident in self.pairs if ident)
        return self._lower_ids

    def having(self, tokens: frozenset[str], without: frozenset[str] = frozenset()) -> list[LexborNode]:
        """Elements carrying any of ``tokens`` and none of ``without``, in document order (of elements removed
        since the index was built too: callers test what they take; see ``first_seen``)."""
        pairs = self._carrying(tokens)
        if pairs and without:
            pairs = pairs - self._carrying(without)
        if not pairs:
            return []
        members = self.members
        nodes = self.nodes
        found = [nodes[i] for i in sorted([i for g in pairs for i in members[g]])]
        if self.within is not None:
            top = self.within.mem_id
            found = [n for n in found if _under(n, top)]
        return found

    def view(self, root: LexborNode) -> TokenIndex:
        """This index as one built on ``root``, an element under its root, would answer, as long as the tree
        only lost elements since this one was built: the same nodes, those under ``root`` now."""
        return TokenIndex(self.nodes, self.pairs, self.members, self.by_word, self.ignored_prefixes, self.carrying,
                          self._lower_ids, self.generation, root, False, self.removed_first)

    def first_seen(self, nodes: list[LexborNode]) -> list[LexborNode]:
        """The ``nodes`` that were in the tree when a token step first asked for this index (an index built
        early holds elements removed before that; one built then holds none)."""
        if not self.removed_first:
            return nodes
        return [n for n in nodes if not _removed_in(n, self.removed_first)]

    def class_names(self) -> frozenset[str]:
        """Every class name under the root (of elements removed since the index was built too), lower-cased."""
        if self._classes is None:
            self._classes = frozenset(name.lower() for cls, _ident in self.pairs for name in cls.split())
        return self._classes

    def _carrying(self, tokens: frozenset[str]) -> set[int]:
        """The pairs whose tokens hold one of ``tokens``."""
        found = self.carrying.get(tokens)
        if found is not None:
            return found
        singles, runs = _vocabulary(tokens)
        by_word = self.by_word
        found = set()
        for word in by_word.keys() & singles:
            found.update(*by_word[word])
        maybe: set[int] = set()  # pairs holding every word of a longer token, maybe not as one run
        for first in by_word.keys() & runs.keys():
            for rest in runs[first]:
                others = [by_word.get(w) for w in rest]
                if all(h is not None for h in others):
                    maybe.update(set().union(*by_word[first]).intersection(
                        *(set().union(*h) for h in others)))  # type: ignore[misc]
        pairs = self.pairs
        for g in maybe - found:
            cls, ident = pairs[g]
            if not tokens.isdisjoint(tokens_of(cls, ident, self.ignored_prefixes)):
                found.add(g)
        self.carrying[tokens] = found
        return found


_CLASS_OR_ID = "[class], [id]:not([class])"


def token_index(root: LexborNode, ctx: Context, ignored_prefixes: tuple[str, ...]) -> TokenIndex:
    """The :class:`TokenIndex` of ``root`` for this call.

    For an element under the page (the content, for its steps) it is a view of the page's index when
    the page's was built since the last insertion or unwrap (``Context.tree_changed``): elements are
    only removed since, so those under ``root`` are what a new index would read, and building one cost
    ~0.2 ms a page."""
    key = ("tokens", root.mem_id)
    cached = cast("TokenIndex | None", ctx.cache.get(key))
    if cached is not None and cached.early:
        cached = _settle(cached, root, ctx, ignored_prefixes)
    if cached is not None:
        return cached
    page = ctx.cache.get(("tokens", ctx.root.mem_id)) if ctx.root is not None else None
    if (isinstance(page, TokenIndex) and page.within is None and not page.early and page.generation == ctx.generation
            and page.ignored_prefixes == ignored_prefixes and _under(root, cast(LexborNode, ctx.root).mem_id)):
        index = ctx.cache[key] = page.view(root)
        return index
    index = ctx.cache[key] = _build_index(root, ctx, ignored_prefixes)
    return index


def early_index(root: LexborNode, ctx: Context, ignored_prefixes: tuple[str, ...]) -> TokenIndex:
    """The class/id index of ``root`` for a look at the names a page has (``class_names``, ``lower_ids``: a
    superset, as removed elements may count) before the token steps, by a step that asks Lexbor only for
    the selectors those names can match.

    Built here if none is yet, the page's index is the one the token steps use: their first ask notes what
    was removed in between (``TokenIndex.first_seen``), so it answers as an index built then would.
    Another root's is built for the look alone."""
    key = ("tokens", root.mem_id)
    index = cast("TokenIndex | None", ctx.cache.get(key))
    if index is None:
        index = _build_index(root, ctx, ignored_prefixes)
        index.early = True
        if ctx.root is not None and root.mem_id == ctx.root.mem_id:
            ctx.cache[key] = index
    return index


def _settle(index: TokenIndex, root: LexborNode, ctx: Context, ignored_prefixes: tuple[str, ...]) -> TokenIndex:
    """An early index (``early_index``) at a token step's first ask: it notes what was removed since it was
    built (``first_seen``), or is built anew when an insertion or unwrap changed the tree since.  Its
    ``having`` holds those removed elements too, as it holds the ones removed later: token steps only
    take the attached elements it gives."""
    if index.generation != ctx.generation:
        fresh = ctx.cache[("tokens", root.mem_id)] = _build_index(root, ctx, ignored_prefixes)
        return fresh
    # every element detached since went through ``remove`` (the others that detach call tree_changed)
    index.removed_first = frozenset(ctx.removed_all)
    index.early = False
    return index


def _removed_in(node: LexborNode, removed: frozenset[int]) -> bool:
    """Whether ``node`` or one of its ancestors is among ``removed``: a removal detaches an element, which
    keeps its own subtree, so the walk up from ``node`` meets the first element removed above it."""
    return node.mem_id in removed or inside_any(node, removed)


def _build_index(root: LexborNode, ctx: Context, ignored_prefixes: tuple[str, ...]) -> TokenIndex:
    """A :class:`TokenIndex` of ``root`` read from the tree as it is."""
    nodes: list[LexborNode] = []
    pairs: list[tuple[str, str]] = []
    members: list[list[int]] = []
    group_of: dict[tuple[str, str], int] = {}
    by_name: dict[str, list[int]] = {}  # class name -> the pairs carrying it (a name twice in one: twice)
    by_id: dict[str, list[int]] = {}
    # once each: without MATCH_FIRST, "[class], [id]" reports an element with both twice
    for node in root.css(_CLASS_OR_ID):
        # ``attrs.get`` and ``id`` read two attributes; ``attributes`` would build a dict of all of them
        pair = (node.attrs.get("class") or "", node.id or "")
        g = group_of.get(pair)
        if g is not None:
            members[g].append(len(nodes))
            nodes.append(node)
            continue
        g = group_of[pair] = len(pairs)
        pairs.append(pair)
        members.append([len(nodes)])
        nodes.append(node)
        cls, ident = pair
        for raw in cls.split():
            by_name.setdefault(raw, []).append(g)
        if ident:
            by_id.setdefault(ident, []).append(g)
    by_word: dict[str, list[list[int]]] = {}
    _index_words(by_word, list(by_name.items()), _ignored_names(ignored_prefixes, True),
                 _class_words(ignored_prefixes))
    _index_words(by_word, [(ident.strip(), held) for ident, held in by_id.items()],
                 _ignored_names(ignored_prefixes, False), lambda ident: _id_words(ident, ignored_prefixes))
    return TokenIndex(nodes, pairs, members, by_word, ignored_prefixes, {}, None, ctx.generation)


def _under(node: LexborNode, top: int) -> bool:
    """Whether ``node`` is the element whose ``mem_id`` is ``top`` or one under it, in the tree as it is now."""
    return node.mem_id == top or inside_any(node, {top})


# ``_CAMEL.sub(r"\1-\2", s)`` as ``_CAMEL_AT.sub(r"-\g<0>", s)``: a pattern that starts with a character set
# is searched for by a scan for that set, ~2x faster than trying ``_CAMEL`` at every position of a page's names
_CAMEL_AT = re.compile(r"[A-Z](?<=[a-z0-9][A-Z])")
# every ASCII character that is not part of a word (``_WORD``) or a NUL, to a space
_NOT_WORD = {c: " " for c in range(1, 128) if not re.fullmatch(r"[a-z0-9]", chr(c))}


def _index_words(by_word: dict[str, list[list[int]]], named: list[tuple[str, list[int]]],
                 ignored: re.Pattern[str] | None, words_of: Callable[[str], tuple[str, ...]]) -> None:
    """Add each name's pairs under each of its words, ``words_of(name)`` (none for an ignored name).

    ASCII names are read all at once, joined by NULs (no attribute value holds one: the parser
    replaces it): a call per name cost ~2 us (most of a page's names miss the caches, being new to
    them), half of building the page's index.  ``ignored`` finds the names left out in the joined
    names lower-cased (see :func:`_ignored_names`); None: the names are read one by one.
    """
    if not named:
        return
    joined = "\x00".join([name for name, _held in named])
    if ignored is None or not joined.isascii() or joined.count("\x00") != len(named) - 1:
        for name, held in named:
            for w in words_of(name):
                by_word.setdefault(w, []).append(held)
        return
    lowered = "\x00" + joined.lower()
    skip = {lowered.count("\x00", 0, m.end()) - 1 for m in ignored.finditer(lowered)}
    # as _words: an ASCII name that is lower-case is left as it is by both the split and lower()
    words = joined if joined.islower() else _CAMEL_AT.sub(r"-\g<0>", joined).lower()
    i = 0
    held = named[0][1]
    keep = 0 not in skip
    for w in words.translate(_NOT_WORD).replace("\x00", " \x00 ").split():
        if w == "\x00":
            i += 1
            held = named[i][1]
            keep = i not in skip
        elif keep:
            by_word.setdefault(w, []).append(held)


@lru_cache(maxsize=16)
def _ignored_names(ignored_prefixes: tuple[str, ...], last_part: bool) -> re.Pattern[str] | None:
    """A pattern with one match ending in each name that ``tokens_of`` leaves out, in lower-case names
    each after a NUL: a class name whose part after its last colon starts with a prefix (``last_part``,
    as :func:`_ignored_class`), else an id that starts with one (as :func:`_id_words`).  Each match
    starts with a NUL or a colon, so the pattern is searched for by a scan for those.  None when a
    prefix is empty or holds a colon or a NUL, which the pattern would not read as those functions do."""
    if any(not p or ":" in p or "\x00" in p for p in ignored_prefixes):
        return None
    if not ignored_prefixes:
        return re.compile(r"(?!)")
    alts = "|".join(map(re.escape, ignored_prefixes))
    if last_part:
        return re.compile(rf"[\x00:](?:{alts})[^\x00:]*(?=\x00|\Z)")
    return re.compile(rf"\x00(?:{alts})")


@lru_cache(maxsize=8)
def _class_words(ignored_prefixes: tuple[str, ...]) -> Callable[[str], tuple[str, ...]]:
    """The words of one class name as ``tokens_of`` reads it (none when ignored), as a function of the
    name cached per name (one per prefix tuple: hashing the tuple with each name would cost more than the
    look-up), as sites repeat their class names on every page."""
    @lru_cache(maxsize=NAME_CACHE)
    def words(raw: str) -> tuple[str, ...]:
        return () if _ignored_class(raw, ignored_prefixes) else _words(raw)

    return words


def _id_words(id_attr: str, ignored_prefixes: tuple[str, ...]) -> tuple[str, ...]:
    """The words of an id as ``tokens_of`` reads it (none when ignored)."""
    ident = id_attr.strip()
    if not ident or (ignored_prefixes and ident.lower().startswith(ignored_prefixes)):
        return ()
    return _name_words(ident)


def attached_check() -> Callable[[LexborNode], bool]:
    """An ``is_attached`` that remembers the ancestors it walked through, for testing many nodes of
    one tree while nothing is removed: nodes of a page share most of their ancestors, so each walk
    stops at the first one already known instead of climbing to the document."""
    known: dict[int, bool] = {}

    def check(node: LexborNode) -> bool:
        chain: list[int] = []
        cur = node
        while True:
            mid = cur.mem_id
            res = known.get(mid)
            if res is not None:
                break
            chain.append(mid)
            parent = cur.parent
            if parent is None:
                res = cur.tag in ("-document", "html")
                break
            cur = parent
        for mid in chain:
            known[mid] = res
        return res

    return check


def is_attached(node: LexborNode) -> bool:
    """False once the node or one of its ancestors has been removed from the document."""
    cur = node
    while True:
        parent = cur.parent
        if parent is None:
            return cur.tag in ("-document", "html")
        cur = parent


def link_chars(node: LexborNode) -> int:
    """Characters of text inside links under ``node``."""
    return sum(len(a.text(deep=True).strip()) for a in node.css("a"))
