"""Product pages end to end: the item's description and details, without the shop's chrome around it."""

from __future__ import annotations

import json

import pytest

from newsclean import dom, extract, patterns
from newsclean.context import Context
from newsclean.extractor import Extractor
from newsclean.scoring import is_product

DESCRIPTION = ["Hand-finished oak bench with a natural oil coating that brings out the grain of the wood.",
               "The seat is wide enough for two adults and the legs are joined with traditional mortises."]
REVIEWS = ["I bought two of these for our hallway and they are sturdy, well made and easy to keep clean.",
           "Delivery took three weeks longer than promised, but the bench itself is beautiful and solid."]
NO_FALLBACK = Extractor(fallback=None)


def product_page(types: dict) -> str:
    ld = json.dumps({"@context": "https://schema.org", **types})
    desc = "".join(f"<p>{t}</p>" for t in DESCRIPTION)
    reviews = "".join(f"<div class='review-item'><p>{t}</p><span>Verified buyer</span></div>" for t in REVIEWS)
    return (f"<html><head><title>Oak bench</title><script type='application/ld+json'>{ld}</script></head><body>"
            f"<div class='page'><div class='product-main'><h1>Oak bench</h1>{desc}"
            f"<a class='reviews-count' href='#reviews'>2 reviews</a></div>"
            f"<section id='reviews' class='customer-reviews'><h2>Customer reviews</h2>{reviews}</section>"
            f"</div></body></html>")


def test_a_product_page_keeps_the_description_without_the_customer_reviews():
    article = extract(product_page({"@type": "Product", "name": "Oak bench"}), extractor=NO_FALLBACK)
    assert article.text == "\n\n".join(DESCRIPTION + ["2 reviews"])


def test_reviews_stay_on_a_page_that_declares_no_product():
    article = extract(product_page({"@type": "WebPage"}), extractor=NO_FALLBACK)
    assert article.text == "\n\n".join(DESCRIPTION + ["2 reviews", "Customer reviews", REVIEWS[0],
                                                      "Verified buyer", REVIEWS[1], "Verified buyer"])


def test_a_description_rendered_twice_comes_out_once():
    html = product_page({"@type": "Product", "name": "Oak bench"}).replace(
        "<a class='reviews-count'", "<div class='mobile-only'>" + "".join(f"<p>{t}</p>" for t in DESCRIPTION)
        + "</div><a class='reviews-count'")
    article = extract(html, extractor=NO_FALLBACK)
    assert article.text == "\n\n".join(DESCRIPTION + ["2 reviews"])


def buy_box_page(ld: str = "") -> str:
    """A page that declares nothing (or ``ld``) but sells one item from a buy box."""
    head = f"<script type='application/ld+json'>{ld}</script>" if ld else ""
    return product_page({"@type": "WebPage"}).replace(
        "<script type='application/ld+json'>", "<script type='text/plain'>").replace(
        "</head>", head + "</head>").replace(
        "<a class='reviews-count'", "<div id='buybox'><span>$120.00</span></div><a class='reviews-count'")


def test_a_buy_box_makes_a_page_that_declares_nothing_a_product_page():
    article = extract(buy_box_page(), extractor=NO_FALLBACK)
    assert article.text == "\n\n".join(DESCRIPTION + ["$120.00", "2 reviews"])


def test_a_buy_box_in_a_story_is_an_affiliate_box_not_a_product_page():
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Oak bench"})
    article = extract(buy_box_page(ld), extractor=NO_FALLBACK)
    assert "Customer reviews" in article.text and REVIEWS[0] in article.text  # the review section stays


def _shop_page(buy_box: bool, page_types: frozenset[str] = frozenset()):
    box = "<div class='product-buy-box'><span>$12.00</span><a href='/cart'>Add to cart</a></div>" if buy_box else ""
    tree = dom.parse(f"<html><body><h1>Mug</h1><p>Stoneware mug.</p>{box}</body></html>")
    ctx = Context.new(None)
    ctx.root, ctx.page_types = tree.body, page_types
    return tree, ctx


@pytest.mark.parametrize("buy_box, page_types, expected", [
    (True, frozenset(), True),                       # a shop that declares no type
    (True, frozenset({"FAQPage", "og:website"}), True),
    (False, frozenset(), False),
    (True, frozenset({"NewsArticle"}), False),       # a story's affiliate box
    (False, frozenset({"Product"}), True),
])
def test_is_product_reads_declared_types_or_a_buy_box(buy_box, page_types, expected):
    _, ctx = _shop_page(buy_box, page_types)
    assert is_product(ctx) is expected


def test_a_buy_box_removed_by_an_earlier_step_still_counts():
    """The answer comes from the class/id index built by the first token step, so it does not depend on
    which step asks first."""
    tree, ctx = _shop_page(True)
    dom.token_index(ctx.root, ctx, patterns.IGNORED_CLASS_PREFIXES)  # as the first token step does
    tree.body.css_first(".product-buy-box").decompose()
    assert is_product(ctx) is True
