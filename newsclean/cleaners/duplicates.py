"""Second copies of the content's own blocks.

Pages render some text twice, and an extractor that cannot see CSS keeps both:
- shops render the description (or the whole details panel) once per screen
  size, with all but one copy hidden by media queries;
- site builders (Framer, Webflow) do the same with a whole article: two or
  three renderings of the body, one per breakpoint, or a gated and an ungated
  one;
- forum replies quote the post they answer, whose text the thread already
  holds.
A block (40+ characters, not a heading, cell or image) whose text repeats an
earlier block under another parent is a candidate copy.  Which copies go:
- on a page that declares a product, every one (measured on wcxb-dev product
  pages: 30 better, 2 worse);
- inside a quotation (``<blockquote>``, a ``quote`` class), every one;
- elsewhere, only when the copies make up 30% of the content or more, counting
  texts seen at most three times: a second rendering of the body.  Texts that
  recur more often are a template (a code sample's note in each language tab,
  the same line on every product card) and stay, as do copies under one parent
  (a paragraph repeated in a list of siblings is the author's).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import dom
from ..pipeline import cleaner
from ..scoring import is_product
from ..segment import blocks_of

if TYPE_CHECKING:
    from ..context import Context
    from ..dom import LexborNode

# A repeated block this long is a copy; shorter ones ("Add to cart", "Size", "In stock") repeat
# legitimately.  Measured on wcxb-dev product pages: 40 chars gains on 30 pages and loses on 2.
DUPLICATE_MIN_CHARS = 40
# Copies outside quotes go only when they are this share of the content's text: a second rendering
# of the body, not a repeated line.
COPY_SHARE = 0.3
# A text seen more often than this is a template repeated per tab or card, not a per-screen copy.
MAX_COPIES = 3
_QUOTE_WORDS = frozenset({"quote", "blockquote", "quotation"})


@cleaner("duplicates", stage="content")
def duplicates(root: LexborNode, ctx: Context) -> None:
    """Remove second copies of the content's blocks: per-screen renderings and quoted posts."""
    product = is_product(ctx)
    first_parent: dict[str, int] = {}  # block text -> mem_id of the parent of its first occurrence
    seen: dict[str, int] = {}  # block text -> occurrences
    drop: list[LexborNode] = []
    copies: list[tuple[LexborNode, str]] = []
    total = 0
    for b in blocks_of(root, ctx):
        if b.kind in ("image", "cell", "heading"):  # alt texts and section titles repeat; a table keeps its shape
            continue
        key = _key(b.text)
        total += len(key)
        if len(key) < DUPLICATE_MIN_CHARS:
            continue
        seen[key] = seen.get(key, 0) + 1
        path = b.path
        if len(path) > 1:  # the walk's path holds every element down to the block's: its parent is next to last
            pid = path[-2]
        else:
            parent = b.node.parent
            pid = parent.mem_id if parent is not None else 0
        first = first_parent.setdefault(key, pid)
        # only a block element that holds nothing but this text goes (not a wrapper of other blocks)
        if first == pid or _key(dom.text_of(b.node)) != key:  # (a first occurrence is under its own parent)
            continue
        if product or _quoted(b.node, root):
            drop.append(b.node)
        else:
            copies.append((b.node, key))
    if copies and sum(len(k) for _, k in copies if seen[k] <= MAX_COPIES) >= COPY_SHARE * total:
        drop.extend(n for n, _ in copies)
    dom.remove(drop, ctx)


def _key(text: str) -> str:
    """What makes two blocks copies: the same text, whitespace and case aside.

    ``"".join(text.split())`` with the spaces dropped first: a block's text has single spaces between
    its words, and a text left without whitespace splits into itself (one piece, which ``join`` returns
    as it is), where splitting each word out cost most of this step on a page of 100,000 paragraphs."""
    return "".join(text.replace(" ", "").split()).casefold()


def _quoted(node: LexborNode, root: LexborNode) -> bool:
    """Whether ``node`` is, or sits in, a quotation below ``root``: a ``<blockquote>`` or a ``quote`` class."""
    stop = root.mem_id  # selectolax makes a new wrapper per ``.parent``: compare ids, not objects
    cur: LexborNode | None = node
    while cur is not None and cur.mem_id != stop:
        if cur.tag == "blockquote":
            return True
        cls = cur.attributes.get("class")
        if cls and not _QUOTE_WORDS.isdisjoint(dom.tokens_of(cls, "")):
            return True
        cur = cur.parent
    return False
