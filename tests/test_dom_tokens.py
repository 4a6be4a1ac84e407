"""dom's class/id tokens: the fast paths give exactly what the plain definitions give."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean import dom, patterns
from newsclean.context import Context

IGNORED = patterns.IGNORED_CLASS_PREFIXES


@pytest.mark.parametrize("class_attr, expected", [
    # an ignored name, also behind a variant prefix, brings no token; the others do
    ("hover:Text-secondary related-posts", {"related", "posts", "related-posts"}),
    ("tag-sidebar relatedPosts", {"related", "posts", "related-posts"}),
    # a prefix after a colon that is not the last one does not make the name ignored
    ("a:text-x:sidebar", {"a", "text", "x", "sidebar", "a-text", "text-x", "x-sidebar", "a-text-x", "text-x-sidebar",
                          "a-text-x-sidebar"}),
    ("share", {"share"}),
])
def test_class_tokens_leave_out_ignored_names(class_attr, expected):
    assert dom.tokens_of(class_attr, "", IGNORED) == frozenset(expected)


def test_a_name_that_only_contains_a_prefix_keeps_its_tokens():
    assert dom.tokens_of("context-menu", "", IGNORED) == {"context", "menu", "context-menu"}
    assert dom.tokens_of("context-menu", "", ("text-",)) == {"context", "menu", "context-menu"}


PAGE = ('<html><body><nav class="site-nav" id="top-nav">Home</nav>'
        '<div id="story" class="main"><aside class="related-posts">More</aside>'
        '<p class="share-bar">Share</p></div></body></html>')


def test_the_content_index_after_the_page_index_finds_what_a_fresh_one_does():
    tree = dom.parse(PAGE)
    ctx = Context.new()
    page = dom.token_index(tree.body, ctx, IGNORED)
    assert [n.tag for n in page.having(frozenset({"nav"}))] == ["nav"]  # class and id: once
    story = tree.body.css_first("#story")
    # an element a step adds after the page was indexed is read too (the step says it changed the tree)
    story.css_first("p").insert_before(dom.parse('<div class="related-links">x</div>').body.css_first("div"))
    ctx.tree_changed()
    words = frozenset({"related", "share", "nav", "main"})
    fresh = dom.token_index(story, Context.new(), IGNORED).having(words)
    again = dom.token_index(story, ctx, IGNORED).having(words)
    assert [n.mem_id for n in again] == [n.mem_id for n in fresh]
    assert [n.attributes.get("class") for n in again] == ["main", "related-posts", "related-links", "share-bar"]


def test_the_index_finds_camel_case_names_and_skips_ignored_ones():
    tree = dom.parse('<div class="tag-sidebar x">a</div><div class="MainSidebar">b</div>'
                     '<div class="wide md:text-sidebar">c</div><div class="no-sidebar sidebar">d</div>')
    found = dom.token_index(tree.body, Context.new(), IGNORED).having(frozenset({"sidebar"}))
    assert [n.text() for n in found] == ["b", "d"]


@pytest.mark.parametrize("html", [
    "<p>one  two\tthree\n four</p>",
    "<p>  lead and trail  </p><div>\x1c sep\x1f </div>",
    "<p>caf\u00e9\u00a0au lait \u2003 x</p>",  # not ASCII: split as text_of does
    "<p> </p>",
    "<div></div>",
    "<p>a</p><p>b<span> c </span>d</p>",
])
def test_text_len_is_the_length_of_text_of(html):
    node = dom.parse(html).body
    assert dom.text_len(node) == len(dom.text_of(node))


def test_context_total_chars_counts_collapsed_text():
    tree = dom.parse("<article><h1>Title</h1>\n\n<p>Some   words\there.</p></article>")
    ctx = Context.new(None)
    ctx.root = tree.body
    assert ctx.total_chars == len("Title Some words here.")


def test_removal_guards_measure_text_with_whitespace_collapsed():
    """The guards read the text as ``text_of`` gives it: a share bar indented by a thousand spaces is
    short, and words beyond the limit spare the node, whether or not the step is traced."""
    indent = "\n" + " " * 1000
    html = (f'<html><body><div class="share">Share{indent}<a>Tweet</a>{indent}</div>'
            f'<div class="long">{"word " * 30}</div><p>{"story " * 400}</p></body></html>')
    for record in (False, True):
        tree = dom.parse(html)
        ctx = Context.new(record=record)
        ctx.root = tree.body
        assert dom.remove(tree.body.css("div"), ctx, max_chars=100) == 1
        assert [n.attributes["class"] for n in tree.body.css("div")] == ["long"]
        # max_total: the batch holds 149 of the page's ~2,550 characters
        assert dom.remove(tree.body.css("div"), ctx, max_total=149 / len(dom.text_of(tree.body)) - 1e-9) == 0
        assert dom.remove(tree.body.css("div"), ctx, max_total=0.06, max_share=0.06) == 1
        assert tree.body.css("div") == []


VOCABULARIES = [
    frozenset({"related-posts"}),  # a run of words: only within one name, in order
    frozenset({"sidebar", "main-menu", "a-b-c-d-e"}),  # a run longer than MAX_NGRAM words never matches
    frozenset({"text", "x-sidebar"}),  # words of ignored names do not count
    frozenset({"nav", "Nav", "-", "x--y"}),  # tokens that are not normalized match nothing
]
RUNS = ('<div class="related-posts">1</div><div class="related posts">2</div><div class="posts-related">3</div>'
        '<div class="relatedPosts tag-x">4</div><div class="md:text-sidebar">5</div><div class="a:text-x:sidebar">6</div>'
        '<div id="main-menu">7</div><div id="no-sidebar" class="x">8</div><div class="a-b-c-d-e">9</div>'
        '<div class="nav nav-nav" id="Related_Posts">10</div><div class="MainMenu sidebar">11</div>'
        '<p class="related-posts article-body">12</p>')


@pytest.mark.parametrize("tokens", VOCABULARIES)
def test_the_index_finds_what_tokens_of_says(tokens):
    """Each element whose ``tokens_of`` holds a token of the vocabulary, and no other, whatever short cut
    the index takes (one-word tokens by word, longer ones by all their words)."""
    body = dom.parse(RUNS).body
    content = frozenset({"article-body"})
    for without in (frozenset(), content):
        expected = [n.text() for n in dom.select(body, "[class], [id]")
                    if not (t := dom.tokens_of(n.attrs.get("class") or "", n.id or "", IGNORED)).isdisjoint(tokens)
                    and t.isdisjoint(without)]
        found = dom.token_index(body, Context.new(), IGNORED).having(tokens, without=without)
        assert [n.text() for n in found] == expected
    assert [n.text() for n in dom.token_index(body, Context.new(), IGNORED).having(frozenset({"related-posts"}))] \
        == ["1", "4", "10", "12"]


# pieces of class names and ids: camel case, separators, ignored prefixes (also behind a colon and in
# capitals), whitespace inside an id, a NUL (the separator of the joined names) and non-ASCII letters
# (İ lower-cases to two characters), which send the names one by one
_PIECES = st.sampled_from(["a", "z", "Q", "0", "-", "_", ":", " ", "\t", "\x00", "\u0130", "\u212a", "é", "tag-",
                           "Tag-", "is-", "md:", "text-", "relatedPosts", "x1Y"])
_NAMES = st.lists(_PIECES, max_size=6).map("".join)
_PREFIXES = st.sampled_from([IGNORED, (), ("tag-",), ("md:",), ("",), ("Tag-", "is-")])


@settings(max_examples=2000, deadline=None)
@given(st.lists(_NAMES.filter(lambda s: s and not any(c.isspace() for c in s)), max_size=8),
       st.lists(_NAMES, max_size=5), _PREFIXES)
def test_the_words_of_joined_names_are_each_names_words(classes, ids, prefixes):
    """The index's one pass over a page's names joined gives each name's words as the per-name functions
    do, ignored names left out, whichever way the names are read."""
    named_classes = [(c, [i]) for i, c in enumerate(dict.fromkeys(classes))]
    named_ids = [(i, [100 + n]) for n, i in enumerate(dict.fromkeys(ids))]
    expected: dict[str, list[list[int]]] = {}
    for raw, held in named_classes:
        for w in (() if dom._ignored_class(raw, prefixes) else dom._words(raw)):
            expected.setdefault(w, []).append(held)
    for ident, held in named_ids:
        for w in dom._id_words(ident, prefixes):
            expected.setdefault(w, []).append(held)
    found: dict[str, list[list[int]]] = {}
    dom._index_words(found, named_classes, dom._ignored_names(prefixes, True), dom._class_words(prefixes))
    dom._index_words(found, [(i.strip(), held) for i, held in named_ids], dom._ignored_names(prefixes, False),
                     lambda i: dom._id_words(i, prefixes))
    assert found == expected


@given(st.text(st.sampled_from("aZ09-_ xÉ")))
def test_camel_split_by_its_capital_is_the_camel_split(text):
    assert dom._CAMEL_AT.sub(r"-\g<0>", text) == dom._CAMEL.sub(r"\1-\2", text)


@pytest.mark.parametrize("tokens", VOCABULARIES + [frozenset({"related", "posts", "main", "sidebar", "nav"})])
@pytest.mark.parametrize("gone", [(), (0,), (1, 5), (3, 8, 11), (2, 4, 6, 9, 10)])
def test_an_element_index_read_from_the_page_index_is_a_fresh_one(tokens, gone):
    """After removals, the index of an element under the page, which is a view of the page's index, finds
    what one built on that element finds: nothing removed, nothing outside it."""
    page = dom.parse(f'<div id="wrap" class="outer">{RUNS}<div class="related">out</div></div>'
                     '<p class="related-posts">after</p>')
    ctx = Context.new()
    ctx.root = page.body
    dom.token_index(page.body, ctx, IGNORED)
    wrap = page.body.css_first("#wrap")
    items = [n for n in wrap.css("div, p") if n.mem_id != wrap.mem_id]
    for i in gone:
        items[i].decompose(recursive=False)
    view = dom.token_index(wrap, ctx, IGNORED)
    assert view.within is not None  # read from the page's index
    fresh = dom.token_index(wrap, Context.new(), IGNORED)
    for without in (frozenset(), frozenset({"article-body"})):
        assert [n.mem_id for n in view.having(tokens, without)] == [n.mem_id for n in fresh.having(tokens, without)]


@settings(max_examples=300, deadline=None)
@given(st.recursive(st.just(""), lambda inner: st.lists(inner, min_size=1, max_size=3).map(
    lambda kids: "".join(f"<div>{'t' if i % 2 else ''}{k}</div>" for i, k in enumerate(kids))), max_leaves=40),
       st.integers(1, 6))
def test_a_deep_element_is_found_from_first_children_alone(html, depth):
    """The depth cap's test (first children only) agrees with the selector on every element."""
    root = dom.LexborHTMLParser(f"<p>lead</p>{html}").body
    assert dom._has_deeper(root, depth) == (root.css_first(dom._too_deep(depth)) is not None)


_CLASS_WORDS = st.sampled_from(["hidden", "HIDDEN", "Sr-Only", "sr-only", "d-none", "hide", "x", "hiddenx", "buy-box",
                                "price", "w-form-fail", "\u212aide", "visually-hidden"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_CLASS_WORDS, max_size=3), min_size=1, max_size=8), st.booleans(), st.booleans())
def test_hidden_asks_lexbor_for_the_classes_the_page_has_and_finds_what_the_whole_list_does(classes, quirks, style):
    """The hidden step's selector, cut to the class names on the page, matches exactly what the whole
    list matches, in quirks mode (class names match regardless of ASCII case) and standards mode."""
    from newsclean.cleaners.structure import _HIDDEN, _hidden_selector
    hide = ' style="display:none"'
    body = "".join(f'<div class="{" ".join(c)}"{hide if style and i == 0 else ""}>{i}</div>' for i, c in enumerate(classes))
    tree = dom.parse(("" if quirks else "<!DOCTYPE html>") + f"<html><body>{body}</body></html>")
    ctx = Context.new()
    ctx.root = tree.body
    expected = [n.mem_id for n in dom.select(tree.body, ", ".join(_HIDDEN))]
    assert [n.mem_id for n in dom.select(tree.body, _hidden_selector(tree.body, ctx))] == expected


@pytest.mark.parametrize("insert", [False, True])
def test_the_index_built_before_the_token_steps_is_the_one_they_would_build(insert):
    """An index built early (``early_index``, for the hidden step) and removals after it: at the token steps'
    first ask, the attached elements it gives, and those it had then (``first_seen``: the buy-box test
    counts every element the index holds), are what an index built then gives; an insertion in between
    has it built anew."""
    html = ('<html><body><div class="buy-box" hidden>x<i class="price">0</i></div><div class="wrap">'
            '<p class="price">1</p><span class="buy-box">2</span></div><aside class="related">3</aside></body></html>')
    tree = dom.parse(html)
    ctx = Context.new()
    ctx.root = tree.body
    assert "buy-box" in dom.early_index(tree.body, ctx, IGNORED).class_names()
    dom.remove([tree.body.css_first("[hidden]"), tree.body.css_first("span")], ctx)
    if insert:
        tree.body.css_first("aside").insert_before(dom.parse('<b class="buy-box">4</b>').body.css_first("b"))
        ctx.tree_changed()
    words = frozenset({"buy-box", "price", "related"})
    index = dom.token_index(tree.body, ctx, IGNORED)
    fresh = [n.mem_id for n in dom.token_index(tree.body, Context.new(), IGNORED).having(words)]
    assert [n.mem_id for n in index.having(words) if dom.is_attached(n)] == fresh
    assert [n.mem_id for n in index.first_seen(index.having(words))] == fresh
    assert [n.text() for n in index.first_seen(index.having(words))] == (["1", "4", "3"] if insert else ["1", "3"])
    dom.remove([tree.body.css_first("aside")], ctx)  # removed after the first ask: still counted
    assert [n.text() for n in index.first_seen(index.having(words))] == (["1", "4", "3"] if insert else ["1", "3"])
