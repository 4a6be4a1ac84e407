"""Segmentation: what reads as one run of text stays one block."""

from __future__ import annotations

from newsclean import dom, extract
from newsclean.context import Context
from newsclean.segment import blocks_of

STORY = "The council approved the new bridge on Monday after a debate that lasted most of the evening."


def test_mathml_formula_reads_inline():
    html = (f"<html><body><article><p>{STORY}</p><p>When <math><mi>a</mi><mo>≠</mo><mn>0</mn></math>, "
            "there are two solutions to the equation we study here.</p></article></body></html>")
    assert extract(html).text == f"{STORY}\n\nWhen a≠0, there are two solutions to the equation we study here."


PAGE = (f"<html><body><article><p>{STORY}</p>"
        "<figure><img src='/img/bridge.jpg' alt='The [new] bridge at dusk'></figure>"
        f"<p>{STORY} Again.</p>"
        "<img src='data:image/gif;base64,R0lGOD' data-src='lazy/one (1).png' alt='Lazy one'>"
        "<img src='/icon.png' alt=''><img src='/spacer.gif'><img alt='no address'></article></body></html>")


def test_images_with_alt_text_are_blocks_in_reading_order_with_absolute_addresses():
    article = extract(PAGE, url="https://news.example/2024/story.html")
    images = [(b.text, b.src) for b in article.blocks if b.kind == "image"]
    assert images == [("The [new] bridge at dusk", "https://news.example/img/bridge.jpg"),
                      ("Lazy one", "https://news.example/2024/lazy/one (1).png")]  # data: placeholder skipped
    assert [b.kind for b in article.blocks] == ["paragraph", "image", "paragraph", "image"]


def test_images_stay_out_of_the_text_and_show_in_markdown():
    article = extract(PAGE, url="https://news.example/2024/story.html")
    assert article.text == f"{STORY}\n\n{STORY} Again."
    md = article.to_markdown()
    assert "![The \\[new\\] bridge at dusk](https://news.example/img/bridge.jpg)" in md
    assert "![Lazy one](<https://news.example/2024/lazy/one (1).png>)" in md
    assert "icon.png" not in md and "spacer" not in md and "no address" not in md


def test_a_page_of_images_only_has_no_article():
    article = extract("<html><body><img src='a.png' alt='A cat'><img src='b.png' alt='A dog'></body></html>")
    assert not article.found and article.text == ""


def test_a_script_link_around_paragraphs_is_text_not_a_link():
    """A ``javascript:`` link wrapped around paragraphs is a click handler on the text, not a link; the
    page's text is then not all links, and it is the article."""
    html = "<html><body><a href='javascript:'><p>abc</p><p>def</p>ghi</a></body></html>"
    assert extract(html).text == "abc\n\ndef\n\nghi"


def test_a_short_script_link_stays_a_link():
    tree = dom.parse("<html><body><p><a href='javascript:print()'>Print this page</a></p>"
                     "<div><a href='JavaScript:void(0)'><div>Open the gallery</div></a></div></body></html>")
    blocks = blocks_of(tree.body, Context())
    assert [(b.text, b.link_chars) for b in blocks] == [("Print this page", 15), ("Open the gallery", 0)]
