"""Pathological inputs: each gives a stated result or a documented error, within a generous time bound.

Inputs are generated here (no big files in the repository).  The time bound
is a safety net against hangs, not a benchmark: an alarm fails the test if
one case uses more than 20 seconds of CPU (``conftest.bounded``).
"""

from __future__ import annotations

import gc
import re
import struct
import zlib

import pytest

import newsclean
from newsclean import Article, InputError, NotHTMLError, extract
from newsclean.encoding import decode

from conftest import bounded

SENTENCE = "The quick brown fox jumps over the lazy dog near the river bank. "
PARA = SENTENCE * 3


def run(html, **kw) -> Article:
    with bounded():
        article = extract(html, **kw)
    assert isinstance(article, Article)
    return article


def texts(article: Article) -> list[str]:
    return [b.text for b in article.blocks]


# -- empty and near-empty -------------------------------------------------------------------------
@pytest.mark.parametrize("html", ["", b"", "   \n\t  \r\n", b" \n\t \x0c ", "<html></html>", "<<<<>>>></></></>< p>"])
def test_empty_or_markup_only_gives_no_article(html):
    article = run(html)
    assert article.text == "" and article.blocks == () and not article.found


def test_only_scripts_gives_no_article_and_no_script_text():
    article = run("<script>var zqscript = 1;</script><script>launch('zqscript')</script><style>p{}</style>")
    assert article.text == "" and article.title is None


@pytest.mark.parametrize("bad", [None, 12, 3.5, ["<p>x</p>"], {"html": "x"}])
def test_wrong_input_type_is_input_error(bad):
    with bounded(), pytest.raises(InputError, match="must be str or bytes"):
        extract(bad)


def test_the_cycle_collector_is_paused_during_an_extraction_and_restored_after():
    seen = []
    extractor = newsclean.Extractor()
    extractor.run("<p>x</p>", before_clean=lambda root, ctx: seen.append(gc.isenabled()))
    assert seen == [False] and gc.isenabled()
    with pytest.raises(InputError):
        extract(12)
    assert gc.isenabled()  # turned back on when the extraction raises
    gc.disable()
    try:
        extractor.run("<p>x</p>", before_clean=lambda root, ctx: seen.append(gc.isenabled()))
        assert seen == [False, False] and not gc.isenabled()  # a caller's choice to keep it off holds
    finally:
        gc.enable()


# -- size -----------------------------------------------------------------------------------------
def test_twenty_megabyte_page_keeps_every_paragraph():
    n = 16_000
    body = "".join(f"<div class='c'><p>Paragraph {i}: {SENTENCE * 20}</p></div>" for i in range(n))
    data = f"<html><head><title>Big</title></head><body>{body}</body></html>".encode()
    assert len(data) > 20 * 1024 * 1024
    article = run(data)
    assert len(article.blocks) == n
    assert article.blocks[0].text == f"Paragraph 0: {(SENTENCE * 20).strip()}"
    assert article.blocks[-1].text == f"Paragraph {n - 1}: {(SENTENCE * 20).strip()}"


def test_input_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr(newsclean.extractor, "MAX_INPUT_BYTES", 1000)
    with pytest.raises(InputError, match="exceeds the 1000 limit"):
        extract(b"<p>" + b"x" * 1000 + b"</p>")
    with pytest.raises(InputError, match="exceeds the 1000 limit"):
        extract("<p>" + "x" * 1000 + "</p>")


def test_hundred_thousand_sibling_paragraphs():
    n = 100_000
    article = run("<body>" + "".join(f"<p>Sibling paragraph number {i} here.</p>" for i in range(n)) + "</body>")
    assert len(article.blocks) == n
    assert article.blocks[0].text == "Sibling paragraph number 0 here."
    assert article.blocks[54321].text == "Sibling paragraph number 54321 here."


def test_ten_megabyte_text_node_comes_out_whole():
    words = "lorem ipsum dolor sit amet " * (10 * 1024 * 1024 // 27 + 1)
    article = run(f"<html><body><p>{words}</p></body></html>")
    assert article.text == words.strip()


# -- raw-text elements left open inside <noscript> ----------------------------------------------
def test_an_unclosed_iframe_in_noscript_does_not_swallow_the_page():
    """A tag manager's ``<noscript><iframe .../></noscript>``: the slash closes nothing, and a parser with
    scripting off reads the rest of the page as the iframe's text; a browser ends it at ``</noscript>``."""
    html = ('<html><body><noscript><iframe src="/ns.html?id=GTM-1" height="0" width="0" /></noscript>'
            f'<article><h1>Bridge</h1><p>{PARA}</p></article></body></html>')
    assert run(html).text == PARA.strip()
    tree = newsclean.dom.parse(html)
    assert tree.css_first("article p") is not None and tree.css_first("noscript iframe").text() == ""


def test_a_closed_iframe_in_noscript_is_parsed_once_and_left_as_it_is():
    html = '<body><noscript><iframe src="/ns.html"></iframe></noscript><p>after</p></body>'
    tree = newsclean.dom.parse(html)
    assert tree.css_first("noscript iframe") is not None and tree.css_first("body > p").text() == "after"


# -- depth ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("tag", ["div", "span", "section", "blockquote"])
def test_ten_thousand_deep_nesting_keeps_the_text(tag):
    depth = 10_000
    article = run(f"<{tag}>" * depth + f"<p>{PARA}</p>" + f"</{tag}>" * depth)
    assert article.text == PARA.strip()


def test_ten_thousand_unclosed_inline_tags():
    article = run("<body>" + "<b><i>" * 5_000 + PARA)
    assert article.text == PARA.strip()


def test_blocks_below_the_depth_cap_stay_apart():
    depth = 10_000
    one = PARA.strip()  # no trailing space that would hide glued words
    article = run("<div>" * depth + f"<p>{one}</p><p>{one}</p>" + "</div>" * depth)
    assert texts(article) in ([one, one], [f"{one} {one}"])  # two blocks, or at least no glued words


def test_elements_over_the_depth_cap_are_found_when_the_deepest_is_not_a_last_child(monkeypatch):
    monkeypatch.setattr(newsclean.dom, "MAX_DEPTH", 300)
    article = run("<div>" * 320 + f"<p>{PARA}</p><p>{PARA}</p> tail" + "</div>" * 320)
    assert article.text.startswith(PARA.strip())
    tree = newsclean.dom.parse("<div>" * 320 + "<b>x</b><i>y</i>" + "</div>" * 320)
    assert tree.root.css_first(newsclean.dom._too_deep(300)) is None


def test_over_the_depth_cap_text_is_what_unwrapping_each_element_gives(monkeypatch):
    # The cap flattens in one pass what unwrapping every element over it, in document order, gave:
    # a space around each element that is not inline, childless elements (<br>, <img>, <template>)
    # kept in place, comments kept.
    monkeypatch.setattr(newsclean.dom, "MAX_DEPTH", 3)
    tree = newsclean.dom.parse("<div><div><p>a<br>b<!--c--></p><img src=x><i>d</i><template><p>t</p></template>"
                               "e</div></div><p>f</p>")
    assert tree.body.html == ('<body><div>  a <br> b<!--c-->  <img src="x"> d <template><p>t</p></template> e '
                              "</div><p>f</p></body>")


def test_the_depth_cap_can_be_raised(monkeypatch):
    monkeypatch.setattr(newsclean.dom, "MAX_DEPTH", 1000)
    article = run("<div>" * 400 + f"<p>{PARA}</p><p>{PARA}</p>" + "</div>" * 400)
    assert texts(article) == [PARA.strip(), PARA.strip()]


# -- bytes that are not clean UTF-8 -----------------------------------------------------------------
def test_nul_bytes_are_dropped_like_a_browser_does():
    article = run(b"<html><body><p>hello\x00world " + PARA.encode() + b"</p></body></html>")
    assert article.text == "helloworld " + PARA.strip()


def test_one_stray_byte_in_a_utf8_page_is_one_replacement_character():
    ru = "Сегодня в Москве открылась новая библиотека, и многие жители пришли туда. " * 2
    data = f"<p>{ru}</p>".encode().replace("Москве".encode(), b"\xff" + "Москве".encode(), 1)
    assert decode(data)[1] == "utf-8"
    assert run(data).text == ru.replace("Москве", "\ufffdМоскве", 1).strip()


def test_page_truncated_inside_a_utf8_character():
    ja = "日本語の記事本文です。東京都では今日、新しい図書館が開館しました。" * 3
    data = f"<html><body><p>{ja}".encode()[:-1]
    assert run(data).text == ja[:-1] + "\ufffd"


def test_invalid_utf8_in_an_ascii_page_keeps_the_ascii_text():
    data = b"<p>" + PARA.encode() + b"\xff\xfe\xc3\x28 \xa0\xa1 end</p>"
    text = run(data).text
    assert text.startswith(PARA.strip()) and text.endswith(" end")


def test_a_utf8_bom_is_not_text():
    data = b"\xef\xbb\xbf<html><body><p>" + PARA.encode() + b"</p></body></html>"
    assert run(data).text == PARA.strip() == run(data[3:]).text


@pytest.mark.parametrize("data,exact", [
    ("<p>Москве</p>".encode(), True), (b"<p>plain</p>", True), (b"\xef\xbb\xbf<p>bom</p>", False),
    (b"<p>\xffbroken</p>", False), ("<p>Москве</p>".encode("cp1251"), False)])
def test_only_exact_utf8_input_bytes_go_to_the_parser_as_they_are(data, exact):
    from newsclean.extractor import _as_text

    text, utf8 = _as_text(data, None)
    assert (utf8 is not None) == exact
    if exact:
        assert utf8 == text.encode("utf-8")


# -- UTF-16 and UTF-32 ---------------------------------------------------------------------------
RU = "Это русский текст статьи. Сегодня в Москве открылась новая библиотека, и многие жители пришли туда."
JA = "日本語の記事本文です。東京都では今日、新しい図書館が開館しました。多くの市民が訪れ、本を借りていきました。"
ZH = "这是一篇中文新闻文章。北京市今天开放了一座新的图书馆，许多市民前来参观并借阅图书。"
FR = ("Ceci est un article en français. Aujourd'hui à Paris, une nouvelle bibliothèque a ouvert ses portes ; "
      "les élèves étaient ravis.")


def page(body: str, declaration: str | None = None) -> str:
    meta = f'<meta charset="{declaration}">' if declaration else ""
    return (f"<html><head>{meta}<title>T</title></head><body><article><p>{body}</p><p>{body}</p>"
            "</article></body></html>")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("body", [RU, JA], ids=["ru", "ja"])
def test_utf16_and_utf32_with_and_without_bom(codec, body):
    article = run(page(body, "utf-16").encode(codec))  # "utf-16"/"utf-32" write a BOM, the others do not
    assert texts(article) == [body, body]


# -- legacy encodings, declared right and wrong --------------------------------------------------
LEGACY = [("shift_jis", JA), ("gb18030", ZH), ("windows-1251", RU), ("iso-8859-1", FR)]
WRONG = {"shift_jis": "gb18030", "gb18030": "shift_jis", "windows-1251": "iso-8859-1", "iso-8859-1": "windows-1251"}


@pytest.mark.parametrize("codec,body", LEGACY, ids=[c for c, _ in LEGACY])
@pytest.mark.parametrize("how", ["declared", "undeclared", "declared-utf-8", "declared-other-legacy",
                                 "header", "header-wrong"])
def test_legacy_encodings_decode_without_mojibake(codec, body, how):
    declaration = {"declared": codec, "declared-utf-8": "utf-8", "declared-other-legacy": WRONG[codec]}.get(how)
    header = {"header": codec, "header-wrong": WRONG[codec]}.get(how)
    article = run(page(body, declaration).encode(codec), encoding=header)
    assert texts(article) == [body, body]


def test_http_header_charset_outranks_a_wrong_declaration():
    data = page(RU, "iso-8859-1").encode("koi8-r")  # KOI8-R is a plausible reading; the header settles it
    assert texts(run(data, encoding="koi8-r")) == [RU, RU]


def test_unknown_charset_labels_are_ignored():
    data = page(RU, "no-such-charset").encode("windows-1251")
    assert texts(run(data, encoding="x-bogus\x00label")) == [RU, RU]


# -- other formats handed over by mistake -----------------------------------------------------------
PNG = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + bytes(13) + bytes(4) + zlib.compress(bytes(100))
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4


@pytest.mark.parametrize("data,kind", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n", "PDF"),
    (PNG, "PNG image"), (JPEG, "JPEG image"), (b"GIF89a\x01\x00\x01\x00", "GIF image"),
    (zlib.compress(b"<p>x</p>")[:0] + b"\x1f\x8b\x08\x00" + bytes(12), "gzip data"),
    (b"PK\x03\x04" + bytes(30), "ZIP archive"),
    (b'{"title": "Hello", "body": "<p>' + PARA.encode() + b'</p>"}', "JSON"),
    (b'  [1, 2, {"html": "<p>x</p>"}]\n', "JSON"),
])
def test_other_formats_are_not_html_errors(data, kind):
    with bounded(), pytest.raises(NotHTMLError, match=f"looks like {kind}"):
        extract(data)


def test_not_html_error_is_an_input_error_and_a_value_error():
    with pytest.raises(ValueError):
        extract(PNG)
    assert issubclass(NotHTMLError, InputError) and issubclass(NotHTMLError, newsclean.NewscleanError)


def test_pdf_as_text_is_not_html():
    with pytest.raises(NotHTMLError, match="PDF"):
        extract("%PDF-1.4\n1 0 obj <<>> endobj\n" + PARA)


@pytest.mark.parametrize("text", [PNG.decode("latin-1"), JPEG.decode("latin-1"),
                                  '{"title": "Hello", "body": "<p>' + PARA + '</p>"}'], ids=["png", "jpeg", "json"])
def test_binary_or_json_handed_over_as_str_is_not_html(text):
    with pytest.raises(NotHTMLError):
        extract(text)


def test_json_without_a_closing_bracket_is_treated_as_text():
    data = b'{"body": "' + PARA.encode()  # truncated JSON: not a JSON document, extracted as text
    assert run(data).text == '{"body": "' + PARA.strip()


def test_xml_feed_gives_its_text_without_tags():
    desc = PARA.strip()
    data = (b'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Feed</title>'
            b"<item><title>Item</title><description>" + desc.encode() + b"</description></item></channel></rss>")
    article = run(data)
    assert article.text == desc


def test_xhtml_with_xml_declaration_in_a_legacy_encoding():
    data = ('<?xml version="1.0" encoding="windows-1251"?><html xmlns="http://www.w3.org/1999/xhtml">'
            f"<body><p>{RU}</p></body></html>").encode("cp1251")
    assert run(data).text == RU


# -- framesets, noscript, comments, CDATA ----------------------------------------------------------
def test_frameset_without_noframes_gives_the_title_and_no_text():
    article = run("<html><head><title>Frames</title></head><frameset cols='50%,50%'>"
                  "<frame src='a.html'><frame src='b.html'></frameset></html>")
    assert article.title == "Frames" and article.text == ""


def test_frameset_noframes_content_without_markup():
    article = run("<html><head><title>Frames</title></head><frameset><frame src='a.html'>"
                  f"<noframes><body><p>{PARA}</p></body></noframes></frameset></html>")
    assert article.text == PARA.strip()


def test_noscript_only_content_is_not_lost():
    article = run(f"<html><body><noscript><p>{PARA}</p></noscript></body></html>")
    assert article.text == PARA.strip()


def test_noscript_next_to_an_article_stays_out():
    article = run(f"<html><body><article><p>{PARA}</p></article>"
                  "<noscript><p>Please enable JavaScript to view the comments.</p></noscript></body></html>")
    assert article.text == PARA.strip()


def test_unterminated_comment_swallows_the_rest_like_a_browser():
    article = run(f"<body><p>Before {PARA}</p><!-- never closed <p>Hidden {PARA}</p>")
    assert article.text == f"Before {PARA}".strip()


def test_abruptly_closed_and_oddly_closed_comments():
    article = run(f"<body><p>One {PARA}</p><!--> <p>Two {PARA}</p><!---> <p>Three {PARA}</p>"
                  f"<!-- a -- b --!> <p>Four {PARA}</p><!-- x --></body>")
    assert texts(article) == [f"{n} {PARA}".strip() for n in ("One", "Two", "Three", "Four")]


def test_cdata_in_html_and_svg_is_not_text():
    article = run(f"<body><p>Before {PARA}</p><![CDATA[ cdatamarker ]]><svg><![CDATA[ svgmarker ]]></svg>"
                  f"<p>After {PARA}</p></body>")
    assert texts(article) == [f"Before {PARA}".strip(), f"After {PARA}".strip()]


def test_unterminated_cdata_keeps_document_order():
    # "<![CDATA[ ... <p" is a bogus comment up to the first ">": the text after it is loose in <body>
    article = run(f"<body><p>Before {PARA}</p><![CDATA[ never closed <p>After {PARA}</p></body>")
    assert texts(article) == [f"Before {PARA}".strip(), f"After {PARA}".strip()]


def test_unclosed_script_swallows_the_rest_as_script():
    article = run(f"<body><p>{PARA}</p><script>var zqmarker = 1; <p>More {PARA}</p>")
    assert article.text == PARA.strip()


def test_lone_surrogates_in_str_input_do_not_reach_the_text():
    article = run(f"<p>{PARA}\ud800 end \udfff</p>")
    article.text.encode("utf-8")  # raises on an unpaired surrogate
    assert re.fullmatch(re.escape(PARA.strip()) + " \ufffd+ end \ufffd+", article.text)


def test_one_lone_surrogate_is_one_replacement_character():
    assert run(f"<p>{PARA}\ud800 end</p>").text == f"{PARA}\ufffd end".strip()


# -- regressions found by benchmarks/fuzz.py -------------------------------------------------------
def test_fuzz_stray_end_tag_open_turns_a_following_script_tag_into_a_comment():
    # "</" right before "<script>" makes "</<script>" a bogus comment: the script's
    # content is then plain text for every HTML parser, so it may appear in the text.
    html = ("<body><script>var a = 1;</script><p>}></<script>var zqxjmarker = 'a long enough string here';"
            "</script></body>")
    article = run(html)
    assert article.text == "}>var zqxjmarker = 'a long enough string here';"
