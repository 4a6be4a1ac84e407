"""dom's class/id tokens: the fast paths give exactly what the plain definitions give."""

from __future__ import annotations

import pytest

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
    # an element a step adds after the page was indexed is read too
    story.css_first("p").insert_before(dom.parse('<div class="related-links">x</div>').body.css_first("div"))
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
