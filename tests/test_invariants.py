"""Output invariants of ``extract()`` under generated input (hypothesis).

Whatever the input: an Article or a NewscleanError; ``text`` holds no
markup, no script or style content, no comment and no unpaired surrogate; the
same input gives the same Article.

Example counts stay small for CI.  For a long run::

    NEWSCLEAN_HYPOTHESIS_PROFILE=fuzz python -m pytest tests/test_invariants.py
"""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, given, settings, strategies as st

import newsclean
from newsclean import Article, NewscleanError, dom, extract
from newsclean.encoding import decode

settings.register_profile("newsclean-ci", max_examples=40, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("newsclean-fuzz", max_examples=20_000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
_PROFILE = os.environ.get("NEWSCLEAN_HYPOTHESIS_PROFILE", "ci")
PROFILE = settings.get_profile("newsclean-fuzz" if _PROFILE == "fuzz" else "newsclean-ci")

SCRIPT_MARKER, STYLE_MARKER, COMMENT_MARKER, ATTR_MARKER = "zqscript", "zqstyle", "zqcomment", "zqattr"
MARKERS = (SCRIPT_MARKER, STYLE_MARKER, COMMENT_MARKER, ATTR_MARKER)
# Tags whose content the parser treats as markup.  Left out on purpose: raw-text and RCDATA
# elements that display their markup as text (xmp, plaintext, textarea, title) or are known
# to leak it (noframes, see test_reliability); svg and math hold no children here, since in
# foreign content "<script></p>" legitimately ends the script (the HTML spec's breakout).
TAGS = ("p", "div", "span", "a", "b", "i", "em", "strong", "ul", "ol", "li", "table", "tr", "td", "th", "h1",
        "h2", "h3", "article", "section", "main", "nav", "aside", "header", "footer", "blockquote", "pre", "code",
        "form", "figure", "figcaption", "dl", "dt", "dd", "sup", "small", "font", "center", "button", "label",
        "select", "option", "template", "iframe", "noscript", "object", "details", "summary", "q")
VOID = ("br", "img", "hr", "input", "wbr", "meta", "link")
_TAG_IN_TEXT = re.compile(r"</?(?:%s)\b" % "|".join(TAGS + VOID))
_SURROGATE = re.compile(r"[\ud800-\udfff]")

WORDS = st.sampled_from(["news", "city", "council", "Москва", "новости", "東京", "新聞", "café", "naïve", "ﬁ",
                         "emoji😀", "a", "the", "budget", "\u200b", "\u00a0", "tab\tword", "line\nbreak"])
ENTITIES = st.sampled_from(["&amp;", "&eacute;", "&#233;", "&#x41;", "&nbsp;", "&#0;", "&#xD800;", "&#x110000;",
                            "&bogus;", "&", "&#", "&#x;", "&copy", "&quot;", "&gt;"])
text_run = st.lists(st.one_of(WORDS, ENTITIES), min_size=1, max_size=30).map(" ".join)


@st.composite
def attributes(draw) -> str:
    out = []
    for _ in range(draw(st.integers(0, 3))):
        name = draw(st.sampled_from(["class", "id", "href", "data-x", "style", "hidden", "title", "role"]))
        value = draw(st.sampled_from([f"{ATTR_MARKER}", f"a {ATTR_MARKER} > b", "share comments", "nav",
                                      "display:none", "", "article-body", f"'{ATTR_MARKER}'"]))
        quote = draw(st.sampled_from(['"', "'"]))
        out.append(f" {name}={quote}{value.replace(quote, '')}{quote}")
    return "".join(out)


def script_or_style(kind: str, marker: str) -> st.SearchStrategy[str]:
    # Near-misses of the end tag stay inside; the other element's end tag is harmless here.
    other = "</style>" if kind == "script" else "</script>"
    inner = st.lists(st.sampled_from([marker, "</p>", "<p>", f"</{kind[:3]}", f"<{kind}>", "<!--", "-->",
                                      "'</div>'", "a < b", "x = '<b>'", f"{marker}();", "\n", other]),
                     min_size=1, max_size=8).map("".join)
    return inner.map(lambda body: f"<{kind}>{body} {marker}</{kind}>")


@st.composite
def element(draw, children: st.SearchStrategy[str]) -> str:
    tag = draw(st.sampled_from(TAGS))
    body = "".join(draw(st.lists(children, max_size=4)))
    close = draw(st.sampled_from(["balanced", "balanced", "balanced", "unclosed", "stray"]))
    if close == "unclosed":
        return f"<{tag}{draw(attributes())}>{body}"
    if close == "stray":
        return f"{body}</{tag}>"
    return f"<{tag}{draw(attributes())}>{body}</{tag}>"


leaf = st.one_of(
    text_run,
    text_run,
    st.sampled_from(VOID).flatmap(lambda t: attributes().map(lambda a: f"<{t}{a}>")),
    st.sampled_from(["<svg><text>label</text><desc>chart</desc></svg>", "<math><mi>x</mi><mo>=</mo></math>"]),
    script_or_style("script", SCRIPT_MARKER),
    script_or_style("style", STYLE_MARKER),
    st.sampled_from([f"<!-- {COMMENT_MARKER} -->", "<!-->", "<!--->", f"<!--- {COMMENT_MARKER} --!>",
                     f"<![CDATA[ {COMMENT_MARKER} ]]>", f"<!DOCTYPE {COMMENT_MARKER}>", f"<?{COMMENT_MARKER}?>"]),
)
fragments = st.recursive(leaf, lambda inner: element(inner), max_leaves=40)
documents = st.lists(fragments, min_size=1, max_size=6).map(
    lambda parts: "<!DOCTYPE html><html><head><title>T</title></head><body>" + "".join(parts) + "</body></html>")


def check_article(article: Article) -> None:
    """Invariants every Article meets, whatever the input."""
    assert isinstance(article, Article)
    values = [article.text, article.title or "", article.description or "", *article.authors,
              *(b.text for b in article.blocks), *(c for b in article.blocks for c in b.cells)]
    for value in values:
        assert not _SURROGATE.search(value), f"unpaired surrogate in {value!r}"


def extract_or_error(html, **kw) -> Article | None:
    """extract(), where only NewscleanError subclasses may escape (None then)."""
    try:
        article = extract(html, **kw)
    except NewscleanError:
        return None
    check_article(article)
    return article


def hidden_markers(html: str) -> list[str]:
    """The markers that the parsed page holds only in scripts, styles, comments and attributes.

    The HTML parser decides what is text: a stray ``</style>`` after a
    ``<script><!--<script>`` closes the script (the spec's double-escaped
    state), and then what follows is text for every browser.  So the oracle
    is the parse tree itself, not the generator's intent.
    """
    tree = dom.parse(html)
    for node in tree.css("script, style"):
        node.decompose()
    visible = " ".join(n.text_content or "" for n in tree.root.traverse(include_text=True)
                       if n.tag == "-text")
    return [m for m in MARKERS if m in html and m not in visible]


@PROFILE
@given(documents)
def test_text_holds_no_markup_script_style_or_comment(html):
    article = extract_or_error(html)
    assert article is not None, "a generated HTML document is HTML"
    for marker in hidden_markers(html):
        assert marker not in article.text
    assert not _TAG_IN_TEXT.search(article.text), article.text


@PROFILE
@given(documents)
def test_same_document_gives_the_same_article(html):
    assert extract(html) == extract(html)
    assert extract(html.encode("utf-8")) == extract(html)


@PROFILE
@given(st.binary(max_size=2048), st.sampled_from([None, "utf-8", "windows-1251", "shift_jis", "bogus"]))
def test_random_bytes_give_an_article_or_a_newsclean_error(data, encoding):
    first = extract_or_error(data, encoding=encoding)
    second = extract_or_error(data, encoding=encoding)
    assert first == second


@PROFILE
@given(st.text(max_size=500))
def test_any_text_gives_an_article_or_a_newsclean_error(text):
    first = extract_or_error(text)
    assert first == extract_or_error(text)


@PROFILE
@given(st.binary(max_size=1024))
def test_decode_gives_text_without_surrogates(data):
    try:
        text, codec = decode(data)
    except newsclean.InputError:
        return
    assert not _SURROGATE.search(text)
    assert decode(data) == (text, codec)


PARAGRAPH = st.lists(st.sampled_from(["Москва", "новости", "東京", "新聞", "café", "über", "niño", "日本語", "中文",
                                      "emoji😀", "naïve", "garçon", "œuvre", "Ελλάδα"]), min_size=3, max_size=40).map(" ".join)


@PROFILE
@given(PARAGRAPH, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]),
       st.sampled_from([None, "utf-8", "iso-8859-1", "windows-1251", "shift_jis", "gb2312", "bogus"]))
def test_unicode_pages_decode_exactly_whatever_they_declare(body, codec, declared):
    meta = f'<meta charset="{declared}">' if declared else ""
    html = f"<html><head>{meta}</head><body><article><p>{body} {'filler words here ' * 3}</p></article></body></html>"
    article = extract_or_error(html.encode(codec))
    assert article is not None
    assert article.text == f"{body} {'filler words here ' * 3}".strip()


LEGACY_TEXT = {
    "windows-1251": st.lists(st.sampled_from(["Москва", "новости", "сегодня", "библиотека", "жители", "город",
                                              "открылась", "новая", "и", "в"]), min_size=6, max_size=30),
    "shift_jis": st.lists(st.sampled_from(["東京", "新聞", "今日", "図書館", "市民", "記事", "です", "ました", "の", "が"]),
                          min_size=6, max_size=30),
    "gb18030": st.lists(st.sampled_from(["北京", "新闻", "今天", "图书馆", "市民", "文章", "开放", "参观", "的", "了"]),
                        min_size=6, max_size=30),
}


# Without a declaration a detector decides, and no detector can tell GB18030 from EUC-KR on one
# word repeated ("北京北京...") or Shift-JIS from Windows-1251 on a dozen characters: the pages get
# at least six different words and 80 characters, as real text has.
@PROFILE
@given(st.sampled_from(sorted(LEGACY_TEXT)).flatmap(lambda c: st.tuples(st.just(c), LEGACY_TEXT[c]))
       .filter(lambda cw: len(set(cw[1])) >= 6),
       st.sampled_from(["right", "none", "utf-8", "windows-1252"]))
def test_legacy_pages_of_real_words_decode_without_mojibake(codec_words, declaration):
    codec, words = codec_words
    sep = " " if codec == "windows-1251" else ""
    body = sep.join(words) + ("." if sep else "。")
    while len(body) < 80:  # long enough to be an article, and for a detector
        body = body + sep + body
    declared = {"right": codec, "none": None}.get(declaration, declaration)
    meta = f'<meta charset="{declared}">' if declared else ""
    html = f"<html><head>{meta}</head><body><article><p>{body}</p><p>{body}</p></article></body></html>"
    article = extract_or_error(html.encode(codec))
    assert article is not None
    assert [b.text for b in article.blocks] == [body, body]
