"""Cut a (cleaned) tree into text blocks: the unit that scoring and output work on.

One iterative walk: block-level elements open a block, inline elements add
their text to the innermost open block, links count toward the block's link
text.  Every block remembers the element ids on its path, so a container's
score is the sum of the blocks under it without another walk.

Where each link sits is noted during the walk (which text pieces it spans)
but only turned into character offsets and checked targets by
:func:`links_of`, for the few blocks that reach the Article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import accumulate
from operator import attrgetter
from typing import TYPE_CHECKING, Callable, Iterator, NamedTuple, cast

import regex

from .article import Link
from .dom import LexborNode  # at run time too: a compiled dataclass resolves its field types on import

if TYPE_CHECKING:
    from .context import Context

INLINE_TAGS = frozenset({
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i",
    "img", "ins", "kbd", "label", "mark", "nobr", "q", "rp", "rt", "ruby", "s", "samp", "small", "span",
    "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "-text", "picture", "abbr", "output",
    "meter", "progress", "slot",
    # MathML: a formula reads inline, as one run of text, not one block per symbol
    "math", "mi", "mo", "mn", "ms", "mtext", "mrow", "msup", "msub", "msubsup", "mfrac", "msqrt", "mroot",
    "mstyle", "mspace", "munder", "mover", "munderover", "mpadded", "mphantom", "menclose", "mfenced",
    "mtable", "mtr", "mtd", "mlabeledtr", "mmultiscripts", "mprescripts", "none", "semantics",
    "annotation", "annotation-xml"})
SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title", "svg", "rt", "rp", "iframe",
                       "object", "embed", "select", "textarea", "button", "input", "option"})
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
LIST_ITEMS = frozenset({"li", "dt", "dd"})
CELLS = frozenset({"td", "th"})
_WS = regex.compile(r"[ \t\r\f\v\u00a0\u200b\ufeff]+")
_NL = regex.compile(r" *\n[ \n]*")


@dataclass(slots=True)
class RawBlock:
    """A run of text under one block element, with what scoring needs to know."""

    node: LexborNode
    tag: str
    kind: str
    text: str
    link_chars: int
    path: tuple[int, ...]
    order: int
    level: int = 0
    ordered: bool = False
    lang: str | None = None
    row: int = 0  # mem_id of the table row, for cells
    header: bool = False  # a th cell
    in_quote: bool = False
    anchors: int = 0  # links opened in this block
    src: str | None = None  # an image block's address (``text`` is its alt text)
    # where its links sit, as the walk saw them: (text pieces, [first piece, end piece or -1, <a>] per link);
    # kept raw because most blocks (menus, footers) never reach the Article: links_of() does the rest
    spans: tuple[list[str], list[list]] | None = None

    @property
    def chars(self) -> int:
        return len(self.text)

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0


class _Open:
    """A block element the walk is inside of, and the text it has gathered so far.

    A plain slots class with a positional ``__init__``: one is made per block
    element (a giant table makes hundreds of thousands), and a dataclass's
    keyword and default-factory handling cost more than the walk around it.
    """

    __slots__ = ("node", "tag", "kind", "order", "path", "mem_id", "parts", "link_chars", "level", "ordered",
                 "lang", "row", "in_quote", "anchors", "links")

    def __init__(self, node: LexborNode, tag: str, kind: str, level: int, order: int, path: tuple[int, ...],
                 mem_id: int, in_quote: bool) -> None:
        self.node = node
        self.tag = tag
        self.kind = kind  # what _close emits: fixed by the tag (and quote) when the element opens
        self.level = level
        self.order = order
        self.path = path
        self.mem_id = mem_id  # path[-1], kept apart: it is compared on every close
        self.in_quote = in_quote
        self.parts: list[str] = []
        self.link_chars = 0
        self.ordered = False
        self.lang: str | None = None
        self.row = 0
        self.anchors = 0
        self.links: list[list] | None = None  # [first part, end part (-1: to the end), anchor] per link


# The block kind of each tag that is not a plain paragraph (a paragraph inside a quote is a quote).
_KINDS = {**{h: "heading" for h in HEADINGS}, **{t: "list_item" for t in LIST_ITEMS}, **{t: "cell" for t in CELLS},
          "pre": "code", "figcaption": "caption", "caption": "caption", "blockquote": "quote"}


def _code_lang(node: LexborNode) -> str | None:
    for n in (node, node.css_first("code")):
        if n is None:
            continue
        for cls in (n.attributes.get("class") or "").split():
            for prefix in ("language-", "lang-", "highlight-source-", "brush:"):
                if cls.startswith(prefix) and len(cls) > len(prefix):
                    return cls[len(prefix):]
    return None


def blocks_of(root: LexborNode, ctx: Context) -> list[RawBlock]:
    """``segment(root)`` for this call, without walking the tree again when it can be derived.

    After the page is segmented once, removing whole blocks or containers
    only drops blocks: the blocks under ``root`` are the cached ones whose
    path holds ``root`` and no removed element.  Removing an inline element
    (a link inside a paragraph) or unwrapping changes a block's text, so it
    marks the cache stale (``ctx.text_dirty``) and the next call walks again:
    only the block elements around the removals (:func:`_rewalked`), or the
    whole root after an unwrap or insertion.
    """
    cached = ctx.cache.get("blocks")
    mid = root.mem_id
    if cached is not None and not ctx.text_dirty:
        cached_root, cached_blocks = cast("tuple[int, list[RawBlock]]", cached)
        removed = ctx.removed_all
        key = (mid, len(removed))  # removals only add: the same count is the same set
        last = cast("tuple[tuple[int, int], list[RawBlock]] | None", ctx.cache.get("blocks-under"))
        if last is not None and last[0] == key:
            return list(last[1])  # asked again with nothing removed since (steps in a row on one root)
        # usable for the cached root and its descendants (their id is on some cached path)
        at = 0 if mid == cached_root else _depth_on(cached_blocks, mid)
        if at is not None:
            under = cached_blocks if not at else [b for b in cached_blocks if len(b.path) > at and b.path[at] == mid]
            kept = [b for b in under if removed.isdisjoint(b.path)] if removed else list(under)
            ctx.cache["blocks-under"] = (key, kept)
            return list(kept)
    blocks = None
    if cached is not None and ctx.edits:  # none recorded: a step marked the text changed by hand (an unwrap)
        blocks = _rewalked(root, cast("tuple[int, list[RawBlock]]", cached), ctx.edits, ctx.removed_all)
    if blocks is None:
        blocks = segment(root)
    ctx.cache["blocks"] = (mid, blocks)
    ctx.cache.pop("blocks-under", None)
    ctx.text_dirty = False
    ctx.edits = []
    return blocks


class _Entry(NamedTuple):
    """What the walk knows on reaching an element from above: the ids of the open elements and the state
    the markup among them set (links, ``<pre>``, quotes, lists), for walking one element alone."""

    path: tuple[int, ...] = ()
    link: LexborNode | None = None
    link_depth: int = 0
    pre_depth: int = 0
    quote_depth: int = 0
    lists: tuple[bool, ...] = ()


# Above an element walked alone: a row sets the cells' row, and the last row opened need not be an ancestor.
_ROWS = frozenset({"tr", "td", "th"})


def _rewalked(root: LexborNode, cached: tuple[int, list[RawBlock]], edits: list[LexborNode],
              removed: set[int]) -> list[RawBlock] | None:
    """``segment(root)`` from the cached blocks, walking again only the block elements around the nodes
    removed since (``edits``: their parents), or None when that cannot be told apart from a full walk.

    A removal changes the text of the nearest block element around it (an inline's words go, the text
    before and after a removed block joins); every other block stays as it was.  The blocks of one
    element are a run in document order, so that run is replaced by a walk of the element alone,
    started with the state its ancestors below ``root`` set.
    """
    cached_root, cached_blocks = cached
    mid = root.mem_id
    if mid == cached_root:
        at, kept = 0, [b for b in cached_blocks if removed.isdisjoint(b.path)]
    else:
        depth = _depth_on(cached_blocks, mid)
        if depth is None:
            return None
        at = depth
        under = [b for b in cached_blocks if len(b.path) > at and b.path[at] == mid]
        if not removed.isdisjoint(under[0].path[:at]) or not _plain_above(root, under[0].path[:at]):
            return None  # detached, or markup above it that a walk from ``root`` would not see
        kept = [_rebased(b, at) for b in under if removed.isdisjoint(b.path)]
    targets: dict[int, tuple[LexborNode, _Entry]] = {}  # the block elements to walk again
    seen: set[int] = set()
    for parent in edits:
        element: LexborNode | None = parent
        while element is not None and element.mem_id not in seen and element.mem_id != mid and (
                element.tag in _NOT_BLOCKS or element.tag is None or element.tag[0] == "-"):
            element = element.parent
        if element is None or element.mem_id in seen:
            continue  # not under ``root``, or known already
        if element.mem_id == mid:  # the text directly in the root may have changed
            if not _own_blocks_unchanged(root, kept):
                return None
            seen.add(mid)
            continue
        seen.add(element.mem_id)
        entry = _entry_of(element, mid)
        if entry is _IN_ROW:
            return None
        if entry is not None:  # None: outside ``root``, detached with a removed ancestor, or in skipped markup
            targets[element.mem_id] = (element, entry)
    if not targets:
        return kept
    ids = set(targets)
    targets = {m: t for m, t in targets.items() if ids.isdisjoint(t[1].path)}  # the outermost walk covers the rest
    ids = set(targets)
    out: list[RawBlock] = []
    walked: set[int] = set()
    for b in kept:
        if ids.isdisjoint(b.path):
            out.append(b)
            continue
        eid = next(m for m in b.path if m in ids)
        if eid not in walked:
            walked.add(eid)
            out.extend(segment(*targets[eid]))
    for eid, (element, entry) in targets.items():
        if eid not in walked and segment(element, entry):
            return None  # text where there was none: not what a removal does; walk it all
    return out


_IN_ROW = _Entry((-1,))  # _entry_of: the element sits in a table row


def _entry_of(element: LexborNode, root_id: int) -> _Entry | None:
    """How a walk from ``root_id`` reaches ``element``; None when it does not (``element`` is outside
    it, detached, or inside markup whose text is skipped), ``_IN_ROW`` inside a table row."""
    chain = []
    node = element.parent
    while node is not None and node.mem_id != root_id:
        chain.append(node)
        node = node.parent
    if node is None:
        return None
    chain.append(node)
    link: LexborNode | None = None
    link_depth = pre_depth = quote_depth = 0
    lists: list[bool] = []
    for node in reversed(chain):
        tag = node.tag
        if tag in SKIP_TAGS:
            return None
        if tag in _ROWS or element.tag in _ROWS:
            return _IN_ROW
        if tag == "a":
            if not _not_a_link(node):
                link_depth += 1
                if link_depth == 1:
                    link = node
        elif tag == "pre":
            pre_depth += 1
        elif tag == "blockquote":
            quote_depth += 1
        elif tag == "ul" or tag == "ol":
            lists.append(tag == "ol")
    return _Entry(tuple(n.mem_id for n in reversed(chain)), link, link_depth, pre_depth, quote_depth, tuple(lists))


def _plain_above(root: LexborNode, ids: tuple[int, ...]) -> bool:
    """The elements ``ids`` are the ancestors of ``root`` (nearest last) and none of them, nor ``root``'s
    own tag, makes a walk from above differ from a walk from ``root``: no link, code, quote, list, row
    or skipped markup."""
    if root.tag in _ROWS:
        return False
    node = root
    for mid in reversed(ids):
        parent = node.parent
        if parent is None or parent.mem_id != mid:
            return False
        node = parent
        tag = node.tag
        if tag in _MARKUP or tag in _ROWS or tag in SKIP_TAGS:
            return False
    return True


def _rebased(b: RawBlock, at: int) -> RawBlock:
    """``b`` with its path starting at depth ``at`` (as a walk from that element gives it)."""
    return RawBlock(b.node, b.tag, b.kind, b.text, b.link_chars, b.path[at:], b.order, b.level, b.ordered, b.lang,
                    b.row, b.header, b.in_quote, b.anchors, b.src, b.spans)


def _own_blocks_unchanged(root: LexborNode, kept: list[RawBlock]) -> bool:
    """The root's own blocks (text directly in it, not in a child block) read the same as ``kept``'s:
    what a removal right under the root can change is only the text beside it."""
    own = [b for b in kept if len(b.path) == 1]
    fresh = [b for b in segment(root, walk=_shallow(root)) if len(b.path) == 1]
    return len(own) == len(fresh) and all(
        a.text == b.text and a.link_chars == b.link_chars and a.anchors == b.anchors and links_of(a) == links_of(b)
        for a, b in zip(own, fresh))


def _shallow(root: LexborNode) -> Iterator[LexborNode]:
    """``root.traverse(include_text=True)`` without what lies inside its block elements: the block
    element itself still comes (it ends the root's text before it), and so does the text of one that
    holds only text (which :func:`segment` steps over)."""
    yield root
    stack: list[LexborNode] = []  # the elements whose children the walk is in
    node = root.child
    while node is not None or stack:
        if node is None:
            node = stack.pop().next
            continue
        yield node
        tag = node.tag
        child = node.child
        if tag is not None and tag[0] != "-" and tag not in _NOT_BLOCKS:  # a block element, or skipped markup
            if (tag not in SKIP_TAGS and tag not in _MARKUP and child is not None and child.next is None
                    and child.is_text_node):
                yield child
            node = node.next
        elif child is not None:
            stack.append(node)
            node = child
        else:
            node = node.next


def _depth_on(blocks: list[RawBlock], mid: int) -> int | None:
    """Where ``mid`` sits on the paths of ``blocks`` (one walk made them all, so an element has one
    depth on every path through it), or None when it is on none of them."""
    for b in blocks:
        if mid in b.path:
            return b.path.index(mid)
    return None


def _not_a_link(node: LexborNode) -> bool:
    """An ``<a>`` that is no link, so its text counts as the text it is: a named anchor (``<a name>``
    without ``href``, a spot that a table of contents jumps to, often around a whole sentence), or a
    ``javascript:`` link around block elements: a click handler on paragraphs (readability unwraps
    these too).  A short ``javascript:`` link (Print, Back, Save) stays a link, and so does an ``<a>``
    with neither (a script's menu toggle)."""
    href = node.attrs.get("href")  # one attribute read (``attributes`` builds a dict of them all)
    if href is None:
        return node.attrs.get("name") is not None
    if not href:
        return False
    lead = href[0]  # the cleaned address starts with the first character that is not whitespace
    if lead != "j" and lead != "J" and not lead.isspace():
        return False  # most links: no copy of the address to clean
    if not _clean_href(href)[:11].lower().startswith("javascript:"):
        return False
    child = node.child
    while child is not None:
        tag = child.tag
        if tag and tag[0] != "-" and tag not in INLINE_TAGS:
            return True
        child = child.next
    return False


_NOT_BLOCKS = INLINE_TAGS | {"ul", "ol", "table", "tbody", "thead", "tfoot", "tr", "br"}


_MARKUP = frozenset({"a", "pre", "blockquote", "ul", "ol", "tr"})  # tags that change the walk's state


def segment(root: LexborNode, entry: _Entry | None = None,
            walk: Iterator[LexborNode] | None = None) -> list[RawBlock]:
    """The text blocks under ``root`` in document order (``entry``: as a walk from higher up reaches
    ``root``; ``walk``: the nodes to read, by default all of them; see :func:`_rewalked`).

    One pass over Lexbor's own pre-order traversal; an element is closed when
    a later node's parent shows the walk has left it (so no recursion and no
    per-node child lists).  The loop is the hottest Python of an extraction:
    common tags take the fewest tests (``_MARKUP`` holds the ones with state).
    """
    blocks: list[RawBlock] = []
    path: list[int] = []  # mem_ids of the open elements (root first)
    tags: list[str] = []  # their tags, same positions
    opened: list[_Open] = []
    lists: list[bool] = []  # ordered? for each open ul/ol
    counter = 0
    link_depth = pre_depth = quote_depth = skip_depth = 0
    link: LexborNode | None = None  # the outermost open <a>
    if entry is not None:  # the ancestors stay open to the end; their tags change no state when closed
        path, tags, lists = list(entry.path), [""] * len(entry.path), list(entry.lists)
        link, link_depth, pre_depth, quote_depth = entry.link, entry.link_depth, entry.pre_depth, entry.quote_depth
    current_row = 0
    skip_tags, not_blocks, markup, kinds = SKIP_TAGS, _NOT_BLOCKS, _MARKUP, _KINDS

    def close_to(parent_id: int) -> None:
        nonlocal link_depth, pre_depth, quote_depth, skip_depth
        while path and path[-1] != parent_id:
            mid = path.pop()
            tag = tags.pop()
            if skip_depth:
                if tag in skip_tags:
                    skip_depth -= 1
                continue
            if tag in markup:
                if tag == "a":
                    link_depth -= 1
                    if not link_depth and opened:  # the link ends in the block it started in
                        top = opened[-1]
                        if top.links:
                            top.links[-1][1] = len(top.parts)
                elif tag == "pre":
                    pre_depth -= 1
                elif tag == "blockquote":
                    quote_depth -= 1
                elif tag == "ul" or tag == "ol":
                    lists.pop()
            if opened and opened[-1].mem_id == mid:
                _close(opened.pop(), blocks, pre_depth > 0 or tag == "pre")

    root_id = root.mem_id
    if walk is None:
        walk = root.traverse(include_text=True)
    for node in walk:
        if path:
            parent = node.parent
            parent_id = parent.mem_id if parent is not None else 0
            if path[-1] != parent_id:  # the walk left one or more open elements
                close_to(parent_id)
        tag = node.tag
        if tag == "-text":
            if opened and not skip_depth:
                text = node.text_content
                if text:
                    if text == "\n":
                        text = " "  # a source newline between inline elements; a lone "\n" part means <br>
                    top = opened[-1]
                    if top.order < 0:  # text after a child block: it reads after that child
                        counter += 1
                        top.order = counter
                    top.parts.append(text)
                    if link_depth:
                        top.link_chars += len(text.strip())
            continue
        if tag is None or tag[0] == "-":
            continue  # comments and other non-elements
        mid = node.mem_id
        path.append(mid)
        tags.append(tag)
        if skip_depth:
            if tag in skip_tags:
                skip_depth += 1
            continue
        if tag in skip_tags:
            skip_depth += 1
            continue
        if tag == "br":
            if opened:
                opened[-1].parts.append("\n")
            continue
        if tag == "img":
            image = _image(node, path)
            if image is not None:
                counter += 1  # after the text of the block it sits in
                image.order = counter
                blocks.append(image)
            continue
        if tag in markup:
            if tag == "a":
                if _not_a_link(node):
                    tags[-1] = "a-none"  # its text counts as the text it is
                else:
                    link_depth += 1
                    if link_depth == 1:
                        link = node
                    if opened:
                        top = opened[-1]
                        top.anchors += 1
                        if link_depth == 1:
                            if top.links is None:
                                top.links = [[len(top.parts), -1, node]]
                            else:
                                top.links.append([len(top.parts), -1, node])
            elif tag == "pre":
                pre_depth += 1
            elif tag == "blockquote":
                quote_depth += 1
            elif tag == "tr":
                current_row = mid
                cells = None if link_depth or pre_depth else _leaf_cells(node)
                if cells is not None:
                    # A row of leaf cells (one text node each, the data table's common row): each is
                    # emitted as the leaf-block path below would, and the walk steps over them.
                    for cell, cell_tag, text in cells:
                        next(walk)  # the cell, or the whitespace beside it
                        if cell is None:  # whitespace between cells: as the text branch above takes it
                            if opened:
                                top = opened[-1]
                                if top.order < 0:
                                    counter += 1
                                    top.order = counter
                                top.parts.append(" " if text == "\n" else text)
                            continue
                        next(walk)  # its text
                        if opened:
                            top = opened[-1]
                            if top.parts or top.anchors or top.links is not None:
                                _flush(top, blocks, False)
                            else:
                                top.order = -1
                        counter += 1
                        if text and text != "\n":
                            # _text() of the one piece; a printable text holds no zero-width characters
                            out = text.strip(" ") if "  " not in text and text.isprintable() else _text((text,), False)
                            if out:
                                blocks.append(RawBlock(cell, cell_tag, "cell", out, 0, (*path, cell.mem_id), counter,
                                                       0, False, None, mid, cell_tag == "th", quote_depth > 0, 0,
                                                       None, None))
                    continue
            else:  # ul, ol
                lists.append(tag == "ol")
        if tag not in not_blocks:
            if opened:
                top = opened[-1]
                if top.parts or top.anchors or top.links is not None:
                    _flush(top, blocks, pre_depth > 0)
                else:  # nothing to emit or carry over (link_chars is 0 without parts)
                    top.order = -1
            counter += 1
            kind = kinds.get(tag)
            if kind is None:
                kind, level = ("quote" if quote_depth else "paragraph"), 0
            elif kind == "heading":
                level = HEADINGS[tag]
            elif kind == "list_item":
                level = max(len(lists), 1)
            else:
                level = 0
            child = node.child
            if child is not None and child.next is None and child.is_text_node and tag not in markup:
                # A leaf block (one text node, the common cell or paragraph): emitted at once, as
                # _close would at its end, and the walk steps over its text.  Its parent's next
                # text then compares with the parent, not with it, so nothing is closed later.
                next(walk)
                block_path = tuple(path)
                path.pop()
                tags.pop()
                text = child.text_content
                if not text or text == "\n":  # a lone source newline reads as a space: no text
                    continue
                # _text() of the one piece, inlined: this runs once per table cell
                if pre_depth:
                    out = text.strip("\n").rstrip()
                elif "\u200b" in text or "\ufeff" in text:
                    out = " ".join(text.replace("\u200b", "").replace("\ufeff", "").split())
                elif "  " not in text and text.isprintable():  # single spaces, the only printable whitespace:
                    out = text.strip(" ")  # what splitting and joining the words gives, without making them
                else:
                    out = " ".join(text.split())
                if out:
                    if link_depth:
                        links = None if pre_depth else ([text], [[0, -1, link]])
                        chars = min(len(text.strip()), len(out))
                    else:
                        links, chars = None, 0
                    blocks.append(RawBlock(node, tag, kind, out, chars, block_path, counter, level,
                                           kind == "list_item" and bool(lists and lists[-1]), None,
                                           current_row if kind == "cell" else 0, tag == "th", quote_depth > 0,
                                           0, None, links))
                continue
            op = _Open(node, tag, kind, level, counter, tuple(path), mid, quote_depth > 0)
            if link_depth:  # a block inside a link (a linked teaser heading): its text is linked
                op.links = [[0, -1, link]]
            if kind == "cell":
                op.row = current_row
            elif kind == "list_item":
                op.ordered = bool(lists and lists[-1])
            elif tag == "pre":
                op.lang = _code_lang(node)
            opened.append(op)
    close_to(-1 if root_id != -1 else -2)
    blocks.sort(key=_ORDER)
    return blocks


def _leaf_cells(row: LexborNode) -> list[tuple[LexborNode | None, str, str]] | None:
    """The children of ``row`` when each is a ``<td>`` or ``<th>`` holding one text node, or the
    whitespace between them (a pretty-printed row), else None: each cell with its tag and text, each
    whitespace as (None, "-text", it).

    :func:`segment` reads such a row's cells here: walked node by node, each paid the walk's tests
    for any element and the leaf-block path, most of a page that is one giant table."""
    out: list[tuple[LexborNode | None, str, str]] = []
    cell = row.child
    while cell is not None:
        tag = cell.tag
        if tag != "td" and tag != "th":
            if tag == "-text" and (space := cell.text_content or "").isspace():  # the parser moves other text out
                out.append((None, tag, space))
                cell = cell.next
                continue
            return None
        child = cell.child
        if child is None or child.next is not None or not child.is_text_node:
            return None
        out.append((cell, tag, child.text_content or ""))  # a text node always has text: "or" is for the type
        cell = cell.next
    return out


_LAZY_SRC = ("src", "data-src", "data-lazy-src", "data-original")


def _image(node: LexborNode, path: list[int]) -> RawBlock | None:
    """An image block for an ``<img>`` with alt text and an address (icons and spacers have neither).

    Lazy-loading pages put the address in ``data-src`` and a placeholder (or
    nothing) in ``src``.  Image blocks carry no text for scoring or for
    ``Article.text``: they only show in ``blocks`` and Markdown.
    """
    attrs = node.attributes
    alt = " ".join((attrs.get("alt") or "").split())
    if not alt:
        return None
    src = next((v for v in (attrs.get(a) for a in _LAZY_SRC) if v and not v.startswith("data:")), None)
    if src is None:
        return None
    return RawBlock(node, "img", "image", alt, 0, tuple(path), 0, src=src.strip())  # path ends at the img


_ORDER = attrgetter("order")  # the sort key of blocks (in C: a Python function costs a call per block)


def _flush(op: _Open, blocks: list[RawBlock], pre: bool) -> None:
    """Emit the text a block holds before a child block opens; later text gets a later order."""
    if op.parts:
        _close(op, blocks, pre)
    op.parts = []
    op.link_chars = 0
    op.anchors = 0
    op.order = -1
    if op.links is not None:  # a link still open goes on after the child block
        last = op.links[-1]
        op.links = [[0, -1, last[2]]] if last[1] < 0 else None


def _close(op: _Open, blocks: list[RawBlock], pre: bool) -> None:
    parts = op.parts
    if op.order < 0 or not parts:
        return
    text = _text(parts, pre)
    if not text:
        return
    tag = op.tag
    link_chars = op.link_chars
    if link_chars > len(text):
        link_chars = len(text)
    links = op.links  # none kept under <pre>: fenced code cannot show them
    blocks.append(RawBlock(op.node, tag, op.kind, text, link_chars, op.path, op.order, op.level,
                           op.ordered, op.lang, op.row, tag == "th", op.in_quote, op.anchors, None,
                           None if links is None or pre else (parts, links)))


def _text(parts: list[str] | tuple[str, ...], pre: bool) -> str:
    """A block's text from the pieces the walk gathered ("" when there is none): kept as it is
    under ``<pre>``, else :func:`_lines` where a ``<br>`` broke a line and :func:`_words` elsewhere
    (both inlined: this runs once per block)."""
    if pre:
        return "".join(parts).strip("\n").rstrip()
    if "\n" in parts:  # <br> line breaks to keep
        return _NL.sub("\n", _WS.sub(" ", _join_lines(parts))).strip()
    raw = parts[0] if len(parts) == 1 else "".join(parts)
    if "\u200b" in raw or "\ufeff" in raw:
        raw = raw.replace("\u200b", "").replace("\ufeff", "")
    elif "  " not in raw and raw.isprintable():  # as in segment's leaf blocks
        return raw.strip(" ")
    return " ".join(raw.split())


def _words(raw: str) -> str:
    """A block's text: whitespace runs to one space, zero-width characters dropped, ends trimmed.

    :func:`_text` inlines this and :func:`_lines` (once per block of the walk); links_of() relies on
    both giving the same text, which tests/test_segment.py checks on generated markup.
    """
    if "\u200b" in raw or "\ufeff" in raw:
        raw = raw.replace("\u200b", "").replace("\ufeff", "")
    return " ".join(raw.split())


def _lines(joined: str) -> str:
    """A block's text with <br> breaks kept (``joined`` from :func:`_join_lines`): runs to one space or break."""
    return _NL.sub("\n", _WS.sub(" ", joined)).strip()


def _join_lines(parts: list[str] | tuple[str, ...]) -> str:
    """Text with <br> line breaks kept: source newlines are spaces, "\\n" parts are breaks."""
    return "".join(p if p == "\n" else p.replace("\n", " ") for p in parts)


# -- links -----------------------------------------------------------------------------------
_NOT_TARGETS = ("javascript:", "vbscript:", "data:")
_URL_NOISE = str.maketrans("", "", "\t\n\r")  # browsers drop these anywhere in an address
_BLANK = "\u200b\ufeff"  # dropped by the text's normalisation, like whitespace


def links_of(block: RawBlock) -> tuple[Link, ...]:
    """The links of ``block`` with offsets into ``block.text`` and targets as the page wrote them.

    The text was normalised (whitespace runs to one space, ends trimmed), so
    offsets are found by normalising the raw text between fixed points: a
    character that is not whitespace is never changed by normalisation and
    whitespace runs never cross it, so the text between two such characters
    normalises the same alone as in the block.  Each piece of the raw text is
    normalised once.  An anchor's own leading and trailing whitespace is left
    out; an anchor with no text, or a target that leads nowhere
    (:func:`href_of`), gives no link.
    """
    if block.spans is None:
        return ()
    parts, spans = block.spans
    norm: Callable[[str], str] = _lines if "\n" in parts else _words  # as _close chose
    raw = _join_lines(parts) if norm is _lines else "".join(parts)
    at = list(accumulate(map(len, parts), initial=0))
    text = block.text
    out: list[Link] = []
    fixed_raw = fixed_text = -1  # a solid character of raw and its index in text
    for first, end, anchor in spans:
        lo, hi = at[first], at[end]  # end -1: the link runs to the block's end (a block inside a link)
        while lo < hi and (raw[lo].isspace() or raw[lo] in _BLANK):
            lo += 1
        while hi > lo and (raw[hi - 1].isspace() or raw[hi - 1] in _BLANK):
            hi -= 1
        if lo == hi:
            continue  # an anchor without text (an icon, an image)
        if fixed_raw < 0:
            start = len(norm(raw[:lo + 1])) - 1
        else:
            start = fixed_text + len(norm(raw[fixed_raw:lo + 1])) - 1
        label = norm(raw[lo:hi])
        stop = start + len(label)
        fixed_raw, fixed_text = hi - 1, stop - 1
        href = href_of(anchor)
        if href is not None and text[start:stop] == label:
            out.append(Link(start, stop, href))
    return tuple(out)


def _clean_href(href: str) -> str:
    """An ``href`` as a browser reads it: tabs and newlines dropped anywhere, ends trimmed."""
    return href.translate(_URL_NOISE).strip()


def href_of(anchor: LexborNode) -> str | None:
    """The target of an ``<a>``, or None when it leads nowhere off the spot.

    Dropped: no or empty ``href``, same-page fragments (``#top``, ``#fn1``),
    and ``javascript:``, ``vbscript:`` and ``data:`` targets (scripts and
    inline payloads, not addresses).  ``mailto:``, ``tel:`` and the like stay.
    """
    href = anchor.attrs.get("href")
    if not href:
        return None
    href = _clean_href(href)
    if not href or href[0] == "#" or href[:11].lower().startswith(_NOT_TARGETS):
        return None
    return href
