"""Property tests: extract() never crashes on junk, never leaks markup, and is deterministic.

Example counts are kept moderate (the whole file runs in a few seconds) so CI stays fast.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsclean
from newsclean import Article, NewscleanError

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TAGS = ("p", "div", "span", "a", "article", "section", "main", "nav", "header", "footer", "aside", "ul", "ol",
        "li", "h1", "h2", "h3", "blockquote", "pre", "code", "table", "tr", "td", "th", "em", "strong", "b",
        "figure", "figcaption", "form", "label", "button", "script", "style", "noscript", "template", "iframe",
        "textarea", "title", "select", "option", "svg")
CLASSES = ("", "share", "related-posts", "comments", "comment-respond", "entry-content", "article-body", "ad",
           "menu", "sidebar", "post-meta", "newsletter", "cookie-notice", "back-to-top", "tags", "hidden")
PHRASES = ("Related Articles", "Leave a Reply", "Back to top", "Source: Reuters", "Share", "print", "Nach oben",
           "Lesen Sie auch", "12 Kommentare")
# Text without "<", ">" and "&": any of those in the output came from markup, never from the text.
WORDS = st.text(st.characters(blacklist_characters="<>&", blacklist_categories=("Cs",)), max_size=80)
TEXT = st.one_of(WORDS, st.sampled_from(PHRASES))


def _element(tag: str, cls: str, attr: str, children: list[str]) -> str:
    attrs = (f' class="{cls}"' if cls else "") + attr
    return f"<{tag}{attrs}>{''.join(children)}</{tag}>"


ATTRS = st.sampled_from(("", ' hidden', ' style="display:none"', ' id="comments"', ' role="navigation"',
                         ' itemprop="comment"', ' aria-hidden="true"', ' href="#top"', ' rel="tag"'))
FRAGMENT = st.recursive(
    TEXT,
    lambda children: st.builds(_element, st.sampled_from(TAGS), st.sampled_from(CLASSES), ATTRS,
                               st.lists(children, max_size=5)),
    max_leaves=40,
)


@st.composite
def pages(draw) -> str:
    body = "".join(draw(st.lists(FRAGMENT, min_size=1, max_size=6)))
    if draw(st.booleans()):
        title = draw(WORDS)
        return f"<!DOCTYPE html><html><head><title>{title}</title></head><body>{body}</body></html>"
    return body


def _extract_or_domain_error(data) -> Article | None:
    try:
        article = newsclean.extract(data)
    except NewscleanError:
        return None
    assert isinstance(article, Article)
    return article


def _strings(article: Article) -> list[str]:
    return [article.text, article.title or "", *(b.text for b in article.blocks), *article.authors]


def _no_lone_surrogates(article: Article) -> None:
    for s in _strings(article):
        s.encode("utf-8")  # raises UnicodeEncodeError on a lone surrogate


@SETTINGS
@given(st.text(max_size=2000))
def test_any_str(data: str):
    article = _extract_or_domain_error(data)
    if article is not None:
        _no_lone_surrogates(article)


@SETTINGS
@given(st.binary(max_size=2000))
def test_any_bytes(data: bytes):
    article = _extract_or_domain_error(data)
    if article is not None:
        _no_lone_surrogates(article)


@SETTINGS
@given(st.text(st.characters(blacklist_categories=()), max_size=300))
def test_str_with_surrogates_in_html(text: str):
    article = _extract_or_domain_error(f"<html><body><p>{text}</p><p>{text}</p></body></html>")
    if article is not None:
        _no_lone_surrogates(article)


@SETTINGS
@given(pages())
def test_html_like_input_never_leaks_markup(html: str):
    article = _extract_or_domain_error(html)
    if article is None:
        return
    _no_lone_surrogates(article)
    # The title is left out: <title> holds raw text, so "<p>" there is the page's own words.
    for s in (article.text, *(b.text for b in article.blocks)):
        assert "<" not in s and ">" not in s
    assert article.found == bool(article.text)
    assert all(b.text for b in article.blocks)


@SETTINGS
@given(pages())
def test_html_like_input_as_bytes_gives_the_same_article(html: str):
    as_str = _extract_or_domain_error(html)
    as_bytes = _extract_or_domain_error(html.encode("utf-8"))
    assert as_str == as_bytes


@SETTINGS
@given(st.one_of(pages(), st.text(max_size=500)))
def test_deterministic(html: str):
    first = _extract_or_domain_error(html)
    second = _extract_or_domain_error(html)
    assert first == second
    if first is not None:
        assert first.to_dict() == second.to_dict()


@SETTINGS
@given(pages())
def test_text_is_the_blocks_joined(html: str):
    article = _extract_or_domain_error(html)
    if article is None:
        return
    for b in article.blocks:
        assert b.text in article.text
    assert Article.from_dict(article.to_dict()) == article
