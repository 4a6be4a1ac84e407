"""Chrome of product pages: customer reviews, and the second copy of the description.

On a page that declares a product (schema.org ``Product`` or ``og:type``
``product``), the content is the item: its name, description, details and
specifications.  The customer reviews under it are the shop's comment
section: often longer than the description, they pull the content root up
to a wrapper of the whole page and fill the text with other people's words.
They are removed only on product pages, since a story's ``review`` class is
the story itself.

Shops also render the description (or the whole details panel) twice, one
copy per screen size with the other hidden by CSS that an extractor cannot
see; the chosen content then holds every paragraph twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import dom, patterns
from ..pipeline import cleaner
from ..scoring import is_product
from ..segment import INLINE_TAGS, blocks_of
from .tokens import TokenCleaner, token_set

if TYPE_CHECKING:
    from ..context import Context
    from ..dom import LexborNode

# Built once (a TokenCleaner checks itself when made).  No ``max_chars``: a product's reviews can
# outweigh its description many times; ``max_share`` still spares a wrapper of most of the page.
# Inline elements are spared: a "(12 reviews)" link or star badge inside a card or a buy box is
# not the review section, and on a page of product cards it is part of each card.
_REVIEWS = TokenCleaner("product-reviews", token_set(patterns.REVIEWS), max_share=0.6, max_total=None,
                        keep_tags=INLINE_TAGS)


@cleaner("product-reviews", stage="document")
def product_reviews(root: LexborNode, ctx: Context) -> None:
    """Remove customer-review sections on pages that declare a product."""
    if is_product(ctx):
        _REVIEWS(root, ctx)


# A repeated block this long is a second copy; shorter ones ("Add to cart", "Size", "In stock") repeat
# legitimately.  Measured on wcxb-dev product pages: 40 chars gains on 30 pages and loses on 2.
DUPLICATE_MIN_CHARS = 40


@cleaner("product-duplicates", stage="content")
def product_duplicates(root: LexborNode, ctx: Context) -> None:
    """Remove blocks of a product page's content whose text repeats an earlier block."""
    if not is_product(ctx):
        return
    seen: set[str] = set()
    drop = []
    for b in blocks_of(root, ctx):
        if b.kind in ("image", "cell", "heading"):  # alt texts and section titles repeat; a table keeps its shape
            continue
        key = "".join(b.text.split()).casefold()
        if len(key) < DUPLICATE_MIN_CHARS:
            continue
        # only a block element that holds nothing but this text goes (not a wrapper of other blocks)
        if key in seen and "".join(dom.text_of(b.node).split()).casefold() == key:
            drop.append(b.node)
        seen.add(key)
    dom.remove(drop, ctx)
