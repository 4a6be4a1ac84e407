"""Segmentation: what reads as one run of text stays one block."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean import dom, extract
from newsclean.context import Context
from newsclean.extractor import _join, to_blocks
from newsclean.segment import blocks_of, segment

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


# -- links ------------------------------------------------------------------------------------------
def _blocks(html: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(kind, text, [(anchor text, href)]) of each block, with every link's offsets checked against the text."""
    out = []
    for b in to_blocks(segment(dom.parse(html).body)):
        previous_end = 0
        for link in b.links:
            assert previous_end <= link.start < link.end <= len(b.text)  # in order, not overlapping
            assert b.text[link.start:link.end] == b.text[link.start:link.end].strip()
            previous_end = link.end
        out.append((b.kind, b.text, [(b.text[k.start:k.end], k.href) for k in b.links]))
    return out


def test_links_keep_exact_offsets_through_nested_markup_and_whitespace():
    html = ("<p>See <a href='/a'>\n  the   <b>first</b>\n\t report </a>, then <a href='b.html'><b>x</b> y</a>"
            "<a href='/c'>glued</a>.</p>")
    assert _blocks(html) == [("paragraph", "See the first report , then x yglued.",  # the space is text
                              [("the first report", "/a"), ("x y", "b.html"), ("glued", "/c")])]
    link = to_blocks(segment(dom.parse(html).body))[0].links[0]
    assert (link.start, link.end, link.href) == (4, 20, "/a")


def test_links_that_lead_nowhere_are_dropped_and_mailto_is_kept():
    html = ("<p><a href='javascript:void(0)'>js</a> <a href=' JavaScript:x()'>js2</a> <a href='java\nscript:x'>js3</a>"
            " <a href='#top'>top</a> <a href=''>empty</a> <a>no href</a> <a href='data:text/html,x'>data</a>"
            " <a href='/i'><img src='i.png'></a> <a href='mailto:desk@news.example'>write</a>"
            " <a href=' tel:+4930 '>call</a></p>")
    assert _blocks(html) == [("paragraph", "js js2 js3 top empty no href data write call",
                              [("write", "mailto:desk@news.example"), ("call", "tel:+4930")])]


def test_links_in_list_items_quotes_headings_captions_cells_and_after_line_breaks():
    html = ("<h2>On <a href='/h'>the bridge</a></h2><ul><li><a href='/1'>one</a></li><li>two <a href='/2'>"
            "\u200b three\u200b </a> four</li></ul><blockquote>He <a href='/q'>said</a> so</blockquote>"
            "<figure><figcaption>Photo: <a href='/p'>Ana</a></figcaption></figure>"
            "<p>line<br><a href='/br'>after  <br>break</a><br>x</p>"
            "<table><tr><td><a href='/c1'>cell</a> x</td><td>y <a href='/c2'>z</a></td></tr></table>"
            "<pre>code <a href='/code'>link</a></pre>")
    assert _blocks(html) == [
        ("heading", "On the bridge", [("the bridge", "/h")]),
        ("list_item", "one", [("one", "/1")]),
        ("list_item", "two three four", [("three", "/2")]),
        ("quote", "He said so", [("said", "/q")]),
        ("caption", "Photo: Ana", [("Ana", "/p")]),
        ("paragraph", "line\nafter\nbreak\nx", [("after\nbreak", "/br")]),
        ("table_row", "cell x | y z", [("cell", "/c1"), ("z", "/c2")]),  # offsets count in the joined row
        ("code", "code link", []),  # fenced code cannot show links
    ]


def test_a_link_around_blocks_links_each_block_and_the_text_around_them():
    html = "<div>Read <a href='/t'>more<h3>Linked  heading</h3><p>Teaser</p>tail</a> end</div>"
    assert _blocks(html) == [("paragraph", "Read more", [("more", "/t")]),
                             ("heading", "Linked heading", [("Linked heading", "/t")]),
                             ("paragraph", "Teaser", [("Teaser", "/t")]),
                             ("paragraph", "tail end", [("tail", "/t")])]


def test_extracted_links_are_absolute_against_the_page_url():
    html = (f"<html><body><article><p>{STORY}</p><p>Read <a href='../docs/report.pdf'>the report</a>, "
            "<a href='//cdn.example/x'>a mirror</a> and <a href='https://other.example/a b'>another</a>.</p>"
            f"<p>{STORY} Again.</p></article></body></html>")
    blocks = extract(html, url="https://news.example/2024/story.html").blocks
    assert [(b.text[k.start:k.end], k.href) for b in blocks for k in b.links] == [
        ("the report", "https://news.example/docs/report.pdf"), ("a mirror", "https://cdn.example/x"),
        ("another", "https://other.example/a b")]
    assert extract(html).blocks[1].links[0].href == "../docs/report.pdf"  # no page URL: as the page wrote it
    assert extract(html).text == extract(html.replace("href=", "data-x=")).text  # links never change the text


# never a lone "\n": a text node of exactly "\n" is taken for a <br> (a known quirk of segment(), not of links)
_SPACE = st.sampled_from((" ", "  ", "\n ", " \n\t", "\t", "\u00a0", "\u200b", " \u200b ", ""))
_WORD = st.sampled_from(("a", "bc", "déf", "x.y", "[1]"))
_RUN = st.lists(st.one_of(_SPACE, _WORD, _WORD.map(lambda w: f"<b>{w}</b>"), _SPACE.map(lambda s: f"<i>{s}</i>")),
                max_size=6).map("".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_RUN, st.booleans()), min_size=1, max_size=6))
def test_link_offsets_always_slice_the_normalised_anchor_text(runs):
    html = "<p>" + "".join(f"<a href='/{i}'>{run}</a>" if linked else run
                           for i, (run, linked) in enumerate(runs)) + "</p>"
    blocks = to_blocks(segment(dom.parse(html).body))
    expected = []
    for i, (run, linked) in enumerate(runs):
        words = " ".join(dom.parse(f"<p>{run}</p>").body.text().replace("\u200b", "").split())
        if linked and words:
            expected.append((words, f"/{i}"))
    got = [(b.text[k.start:k.end], k.href) for b in blocks for k in b.links]
    assert got == expected


@pytest.mark.parametrize("base", ["https://news.example/a/b.html", "http://news.example/", "https://news.example"])
def test_address_joining_skips_urljoin_only_where_it_gives_the_same(base):
    refs = ["https://x.com", "https://x.com/a b", "http://x.com/a/../b", "https://x.com/a?", "https://x.com/a#",
            "https://x.com/a?#f", "https://x.com/a;p?q=1#f", "https://X.COM/A", "https://x.com//a//b", "http://x.com?q",
            "https://user:pw@x.com:8080/p", "https://[::1]/a", "https://x.com/a?q#", "https:/x", "https://", "http://",
            "https:///a", "https://\\x", "https://a.com#x", "http://[bad/x", "/a/./b/../c", "../d?", "mailto:a@b.c"]
    for ref in refs:
        try:
            expected = urljoin(base, ref)
        except ValueError:
            expected = ref
        assert _join(base, ref) == expected, ref


def test_a_source_newline_between_inline_elements_is_a_space_and_br_a_break():
    html = (f"<html><body><article><p>{STORY} <b>x</b>\n<b>y</b> and<br>more</p><p>{STORY}</p></article>"
            "</body></html>")
    assert extract(html).text == f"{STORY} x y and\nmore\n\n{STORY}"


@pytest.mark.parametrize("href", [" java\nscript:void(0)", "\tJavaScript:go()", "\n\njavascript:x", "JAVASCRIPT:"])
def test_a_script_link_is_recognised_as_a_browser_reads_its_address(href):
    """Tabs and newlines inside an address, and spaces around it, are dropped by browsers: the same
    rule ``href_of`` uses to drop ``javascript:`` targets from ``Block.links``."""
    html = f"<html><body><a href='{href}'><p>abc</p><p>def</p></a></body></html>"
    assert extract(html).text == "abc\n\ndef"


@pytest.mark.parametrize("href", ["/javascript:x", "x javascript:", "#javascript:"])
def test_an_address_not_starting_with_javascript_wraps_as_a_link(href):
    """Only an address that starts with ``javascript:`` (after whitespace) makes a click handler: around
    block elements any other link stays a link, and its blocks are linked text."""
    tree = dom.parse(f"<html><body><a href='{href}'><p>abc</p><p>def</p></a></body></html>")
    assert [(b.text, b.link_chars) for b in segment(tree.body)] == [("abc", 3), ("def", 3)]


def test_blocks_of_derives_a_descendant_and_follows_removals():
    """After one walk, blocks_of answers for a descendant root from the cache (asked twice, the same
    blocks), and a removal made between two calls drops that element's blocks from the next answer;
    each answer equals a fresh walk of the tree as it is."""
    tree = dom.parse("<html><body><p>intro</p><div id=main><p>one</p><section><p>two</p><p>three</p>"
                     "</section><ul><li>four</li></ul></div><p>outro</p></body></html>")
    ctx = Context()
    assert [b.text for b in blocks_of(tree.body, ctx)] == ["intro", "one", "two", "three", "four", "outro"]
    main = tree.css_first("#main")
    first = blocks_of(main, ctx)
    assert [b.text for b in first] == ["one", "two", "three", "four"]
    first.pop()  # a caller's list is its own: the next answer is whole
    assert [b.text for b in blocks_of(main, ctx)] == ["one", "two", "three", "four"]
    assert dom.remove([tree.css_first("section")], ctx) == 1
    assert [b.text for b in blocks_of(main, ctx)] == ["one", "four"] == [b.text for b in segment(main)]
    assert [b.text for b in blocks_of(tree.body, ctx)] == ["intro", "one", "four", "outro"]
    assert blocks_of(tree.css_first("ul"), ctx)[0].text == "four"


def test_to_blocks_makes_the_same_blocks_as_the_block_class():
    from newsclean.article import Block, Link

    html = ('<h2>Head</h2><p>See <a href="/x">this</a> here</p><ol><li>one</li></ol><pre class="language-py">x = 1</pre>'
            '<img alt="A cat" src="/cat.png"><table><tr><td>a</td><td><a href="/b">b</a></td></tr></table>')
    blocks = to_blocks(segment(dom.parse(html).body))
    assert blocks == (
        Block("heading", "Head", level=2),
        Block("paragraph", "See this here", links=(Link(4, 8, "/x"),)),
        Block("list_item", "one", level=1, ordered=True),
        Block("code", "x = 1", lang="py"),
        Block("image", "A cat", src="/cat.png"),
        Block("table_row", "a | b", cells=("a", "b"), links=(Link(4, 5, "/b"),)),
    )
    assert all(type(b) is Block for b in blocks)


def _fields(blocks):
    """What a block says, without its walk order: the same from a fresh walk and from a partial one."""
    from newsclean.segment import links_of

    return [(b.kind, b.text, b.link_chars, b.path, b.level, b.ordered, b.in_quote, b.row, b.anchors, b.header,
             b.src, links_of(b)) for b in blocks]


_REWALK_PAGE = (
    "<html><body>Top line<div id=main><p>Lead <span class=x>drop me</span> text.</p>"
    "<ol><li>one <a href='/1'>link <i class=x>gone</i></a> two</li><li><p>nested <b class=x>x</b> item</p></li></ol>"
    "<blockquote><p>quoted <em class=x>aside</em> words</p></blockquote>"
    "<a href='/teaser'><div><h3>Linked <span class=x>kicker</span> heading</h3></div></a>"
    "<div>before <div class=box>a box</div> after</div>"
    "<pre class='language-py'>x = 1 <span class=x># note</span></pre>"
    "<a name='q'><div><p>Named <span class=x>cut</span> anchor, text not a link</p></div></a>"
    "<a href='javascript:void(0)'><div><p>A click handler <span class=x>cut</span> around a paragraph</p></div></a>"
    "<p>keep <img alt='a map' src='/m.png'> this</p></div>Bottom line</body></html>")


@pytest.mark.parametrize("selector", [".x", ".x, .box", "span.x", "span.x, #main > p"])
def test_blocks_after_removals_read_as_a_fresh_walk(selector):
    """After removals that change text (an inline element among them), blocks_of walks again only the
    blocks around them, with the state their ancestors set (a list's level, a quote, a link around a
    block, code): the answer is the fresh walk's, for the page and for the content root."""
    for root_sel in ("body", "#main"):
        tree = dom.parse(_REWALK_PAGE)
        ctx = Context()
        blocks_of(tree.body, ctx)  # the first walk, cached
        dom.remove(dom.select(tree.body, selector), ctx)
        root = tree.css_first(root_sel)
        assert _fields(blocks_of(root, ctx)) == _fields(segment(root))


def test_a_removal_walks_again_only_the_block_around_it(monkeypatch):
    from newsclean import segment as seg

    tree = dom.parse("<html><body>" + "<p>filler paragraph</p>" * 50
                     + "<div><p>a <span>b</span> c</p></div></body></html>")
    ctx = Context()
    blocks_of(tree.body, ctx)
    walked = []
    real = seg.segment
    monkeypatch.setattr(seg, "segment", lambda root, *a, **k: walked.append(root.tag) or real(root, *a, **k))
    dom.remove([tree.css_first("span")], ctx)
    assert blocks_of(tree.body, ctx)[-1].text == "a c"
    assert walked == ["p"]


def test_text_joined_by_a_removal_in_the_root_is_walked_again():
    """A block removed between two runs of the root's own text joins them, as a fresh walk does."""
    tree = dom.parse("<html><body><div id=r>before <p>middle</p> after<p>last <b>bold</b></p></div></body></html>")
    ctx = Context()
    root = tree.css_first("#r")
    assert [b.text for b in blocks_of(root, ctx)] == ["before", "middle", "after", "last bold"]
    dom.remove([tree.css_first("p"), tree.css_first("b")], ctx)  # the inline marks the text changed
    assert [b.text for b in blocks_of(root, ctx)] == ["before after", "last"] == [b.text for b in segment(root)]


def test_a_removal_in_a_table_cell_is_walked_again_whole():
    tree = dom.parse("<html><body><table><tr><td>a <span>b</span></td><td>c</td></tr></table></body></html>")
    ctx = Context()
    blocks_of(tree.body, ctx)
    dom.remove([tree.css_first("span")], ctx)
    assert _fields(blocks_of(tree.body, ctx)) == _fields(segment(tree.body))
    assert [b.text for b in blocks_of(tree.body, ctx)] == ["a", "c"]


def test_text_marked_changed_by_hand_is_walked_again_whole():
    """A custom step that unwraps and only sets ``ctx.text_dirty`` (no removal recorded) still gets a fresh walk."""
    tree = dom.parse("<html><body><div id=r>a <p>b</p> c</div></body></html>")
    ctx = Context()
    root = tree.css_first("#r")
    assert [b.text for b in blocks_of(root, ctx)] == ["a", "b", "c"]
    tree.css_first("p").unwrap()
    ctx.text_dirty = True
    assert [b.text for b in blocks_of(root, ctx)] == [b.text for b in segment(root)] == ["a b c"]


def test_decomposed_letters_come_out_composed_with_links_on_the_same_words():
    # "é" written as "e" + U+0301 and Bengali "কো" as "ক" + U+09C7 + U+09BE: NFC composes both, shortening the text
    decomposed = "Cafe\u0301 de\u0301ja\u0300 vu, \u0995\u09c7\u09be"
    table = ("<table><tr><td>Cafe\u0301 <a href='https://example.com/m'>Me\u0301nard</a></td><td>opened in 1921"
             "</td></tr><tr><td>Bar Lefe\u0300vre</td><td>opened in 1950</td></tr></table>")
    html = (f"<html><body><article><p>{STORY}</p>{table}<p>{decomposed} <a href='https://example.com/r'>"
            f"Rene\u0301 Lefe\u0300vre</a> wrote it.</p><p>{STORY}</p></article></body></html>")
    blocks = extract(html).blocks
    row = blocks[1]
    assert row.text == "Café Ménard | opened in 1921" and row.text[row.links[0].start:row.links[0].end] == "Ménard"
    para = blocks[3]
    assert para.text == "Café déjà vu, \u0995\u09cb René Lefèvre wrote it."
    (link,) = para.links
    assert para.text[link.start:link.end] == "René Lefèvre"


def test_a_named_anchor_is_text_not_a_link():
    html = ("<html><body><article><p><a name='q'>Was sagt Professor Drosten dazu?</a></p>"
            "<p><a href='/next'>Next story</a></p><p><a class='menu-toggle'>Menu</a></p></article></body></html>")
    blocks = segment(dom.parse(html).body)
    assert [(b.text, b.link_chars) for b in blocks] == [
        ("Was sagt Professor Drosten dazu?", 0), ("Next story", 10), ("Menu", 4)]


def test_a_question_set_as_a_named_anchor_stays_in_the_story():
    question = "One of the questions listeners ask most often now: what does the professor say to that?"
    html = (f"<html><head><meta property='og:type' content='article'></head><body><article><p>{STORY} {STORY}</p>"
            f"<p><a name='q'>{question}</a></p><p>{STORY}</p></article></body></html>")
    assert question in extract(html).text


def test_a_blocks_path_ends_with_its_parent_and_itself():
    """Every block's path (fresh walk, cached answer, partial re-walk) ends with its element's parent and its
    element: the duplicates step reads the parent's id from it instead of asking the tree."""
    tree = dom.parse(_REWALK_PAGE)
    ctx = Context()
    fresh = blocks_of(tree.body, ctx)
    dom.remove(dom.select(tree.body, ".x"), ctx)
    for blocks in (fresh, blocks_of(tree.body, ctx), blocks_of(tree.css_first("#main"), ctx)):
        for b in blocks:
            assert b.path[-1] == b.node.mem_id
            if len(b.path) > 1:
                assert b.path[-2] == b.node.parent.mem_id


@pytest.mark.parametrize("text", ["plain words here", " one  two ", "tab\there", "nbsp\u00a0here", "wide\u3000space",
                                  "line\nbreak", "thin\u2009space", "soft\u00adhyphen", "zero\u200bwidth x", "İ ß"])
def test_a_blocks_text_is_its_words_joined_by_single_spaces(text):
    """A leaf block and a block of several pieces: whitespace runs to one space, ends trimmed, zero-width
    characters dropped, whether or not the text takes the shortcut for text with single spaces only."""
    def words(raw):
        return " ".join(raw.replace("\u200b", "").split())

    for html, want in ((f"<p>{text}</p>", words(text)), (f"<p>{text}<b>{text}</b></p>", words(text + text))):
        (block,) = segment(dom.parse(f"<html><body>{html}</body></html>").body)
        assert block.text == want


# -- a row of leaf cells, read by the row (segment._leaf_cells) ---------------------------------------
_CELL_TEXT = st.sampled_from(("a", "b c", "", " ", "\n", "  two  spaces ", "x\u00a0y", "\u200bz", "de\u0301ja", "t\tab",
                              "<b>bold</b>", "1<br>2", "<a href='/c'>linked</a>"))
_ROW = st.lists(st.tuples(st.sampled_from(("td", "th")), _CELL_TEXT), max_size=4)
_AROUND = st.sampled_from(("{}", "<div>lead {} tail</div>", "<blockquote>{}</blockquote>", "<a href='/t'>{}</a>",
                           "<ul><li>item {}</li></ul>", "<p>para</p>{}<p>after</p>", "<pre>{}</pre>"))


def _fields_in_order(blocks):
    from newsclean.segment import links_of

    return [(b.node.mem_id, b.tag, b.kind, b.text, b.link_chars, b.path, b.order, b.level, b.ordered, b.lang,
             b.row, b.header, b.in_quote, b.anchors, b.src, links_of(b)) for b in blocks]


_SPACE = st.sampled_from(("", "\n", " ", "\n  ", "\t"))  # between, before and after a row's cells


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_ROW, _SPACE, _SPACE), min_size=1, max_size=4), _AROUND)
def test_rows_of_leaf_cells_read_by_the_row_as_the_walk_reads_them(rows, around):
    """Every field of every block (order, path, row, header, quote...) is what the node-by-node walk gives,
    pretty-printed rows (whitespace between and around the cells) too."""
    import newsclean.segment as seg

    html = "<table>" + "".join("<tr>" + edge + space.join(f"<{t}>{x}</{t}>" for t, x in cells) + edge + "</tr>"
                               for cells, space, edge in rows) + "</table>"
    root = dom.parse(around.format(html)).body
    by_row = segment(root)
    plain = seg._leaf_cells
    try:
        seg._leaf_cells = lambda row: None  # every row walked node by node
        by_node = segment(root)
    finally:
        seg._leaf_cells = plain
    assert _fields_in_order(by_row) == _fields_in_order(by_node)


def test_a_row_of_text_cells_is_read_by_the_row_and_one_with_markup_is_not():
    from newsclean.segment import _leaf_cells

    rows = dom.parse("<table><tr><td>a</td><th>b</th></tr><tr><td>a</td><td><b>b</b></td></tr>"
                     "<tr><td>a</td>\n <td>b</td></tr><tr><td>a</td><!-- c --><td>b</td></tr></table>").body.css("tr")
    assert [(t, x) for _n, t, x in _leaf_cells(rows[0])] == [("td", "a"), ("th", "b")]
    assert [(n is None, t, x) for n, t, x in _leaf_cells(rows[2])] == [
        (False, "td", "a"), (True, "-text", "\n "), (False, "td", "b")]
    assert _leaf_cells(rows[1]) is None and _leaf_cells(rows[3]) is None


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_CELL_TEXT, min_size=1, max_size=4), min_size=1, max_size=3))
def test_table_rows_hold_each_cells_text_in_composed_form_with_line_breaks_as_spaces(rows):
    """to_blocks' cells against the plain expression: ``nfc`` of the text with "\\n" as a space, links placed."""
    from newsclean.extractor import nfc
    from newsclean.segment import links_of

    html = "<table>" + "".join("<tr>" + "".join(f"<td>{x}</td>" for x in cells) + "</tr>" for cells in rows) + "</table>"
    raw = segment(dom.parse(html).body)
    expected = []
    for b in raw:
        if not expected or expected[-1][0] != b.row:
            expected.append((b.row, [], []))
        cell, links = nfc(b.text.replace("\n", " "), links_of(b))
        at = sum(len(c) + 3 for c in expected[-1][1])
        expected[-1][1].append(cell)
        expected[-1][2].extend((k.start + at, k.end + at, k.href) for k in links)
    got = [(b.cells, [(k.start, k.end, k.href) for k in b.links]) for b in to_blocks(raw)]
    assert got == [(tuple(cells), links) for _row, cells, links in expected]
