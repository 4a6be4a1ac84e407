"""Product pages end to end: the item's description and details, without the shop's chrome around it."""

from __future__ import annotations

import json

from newsclean import extract
from newsclean.extractor import Extractor

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
