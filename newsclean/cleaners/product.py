"""Chrome of product pages: customer reviews and carousels of other items (the repeated description is
the ``duplicates`` step's).

On a page that declares a product (schema.org ``Product`` or ``og:type``
``product``), the content is the item: its name, description, details and
specifications.  The customer reviews under it are the shop's comment
section: often longer than the description, they pull the content root up
to a wrapper of the whole page and fill the text with other people's words.
They are removed only on product pages, since a story's ``review`` class is
the story itself.

Around the item, shops show rows of other items ("Customers also bought",
"Frequently bought together", "Seller's other items"): cards of names and
prices that can outweigh the item's own text.  They announce themselves in
their heading, and go with it (see ``PhraseCleaner``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import patterns
from ..pipeline import cleaner
from ..scoring import is_product
from ..segment import INLINE_TAGS
from .phrases import PhraseCleaner
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

# Spared when its class recurs on more than three matches: then it is a field of every card of a list.
_PURCHASE = TokenCleaner("product-purchase", token_set(patterns.PURCHASE), max_chars=800, max_repeats=3)


@cleaner("product-purchase", stage="document")
def product_purchase(root: LexborNode, ctx: Context) -> None:
    """Remove the notices around buying the item on product pages: wish-list buttons, delivery and returns
    terms, pay-later offers (the shop's terms, the same on every item)."""
    if is_product(ctx):
        _PURCHASE(root, ctx)


_CAROUSELS = PhraseCleaner("product-carousels", patterns.PHRASES["product-related"])


@cleaner("product-carousels", stage="document")
def product_carousels(root: LexborNode, ctx: Context) -> None:
    """Remove rows of other items, headed "Customers also bought" and the like, on pages that declare a
    product (on a shop's category page such a heading can name the page's own list)."""
    if is_product(ctx):
        _CAROUSELS(root, ctx)
