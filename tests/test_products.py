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
