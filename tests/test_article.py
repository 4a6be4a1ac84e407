"""Article: a frozen value with a stable, JSON-safe dict form that round-trips, and text/Markdown views."""

from __future__ import annotations

import copy
import dataclasses
import json
import pickle
from datetime import datetime, timedelta, timezone

import pytest

import newsclean
from newsclean import Article, Block, Candidate, Comment, Link, Removal, StepTrace

CET = timezone(timedelta(hours=1))

BLOCKS = (
    Block("paragraph", "The council approved the bridge."),
    Block("heading", "Costs", level=2),
    Block("list_item", "Steel: 4.1 million", level=1),
    Block("list_item", "Labour: 2.9 million", level=1),
    Block("list_item", "of which overtime", level=2),
    Block("list_item", "First vote", level=1, ordered=True),
    Block("list_item", "Second vote", level=1, ordered=True),
    Block("table_row", "Year | Riders", cells=("Year", "Riders")),
    Block("table_row", "2023 | 4,000", cells=("2023", "4,000")),
    Block("quote", "It is about time.\nEveryone agrees."),
    Block("code", 'def cost(x):\n    return x * 1.2', lang="python"),
    Block("code", "plain text block"),
    Block("heading", "Deep heading", level=5),
)

FULL = Article(
    url="https://example.com/bridge", title="Bridge approved", text="The council approved the bridge.",
    blocks=BLOCKS, authors=("Jana Krüger", "Tom Li"), published=datetime(2023, 3, 14, 6, 0, tzinfo=CET),
    modified=datetime(2023, 3, 14, 9, 41, 30), site_name="Daily", language="de", description="Bridge.",
    image="https://example.com/i.jpg", tags=("bridges", "cycling"), categories=("Local",),
    canonical_url="https://example.com/bridge", license="CC-BY-4.0", source="dpa",
    comments=(Comment("About time.", "Anna", datetime(2023, 3, 14, 11, 2, tzinfo=timezone.utc)),
              Comment("Too expensive.")),
    rule_id="example", sources=(("title", "h1"), ("published", "meta")),
    trace=(StepTrace("navigation", 2, 40, 0.12, (Removal("nav", "body > nav", "Home World", 10),), "note"),
           StepTrace("select-content", 0, 0, 0.3, note="article")),
    candidates=(Candidate("body > article", 812.5, 900),),
)

LINKED = Article(url="https://example.com/a", title="Links", text="x", blocks=(
    Block("paragraph", "See the [1] report (PDF) and us.",
          links=(Link(4, 18, "https://example.com/r (1).pdf"), Link(29, 31, "mailto:desk@example.com"))),
    Block("heading", "Read more", level=2, links=(Link(5, 9, "https://example.com/more"),)),
    Block("list_item", "one and two", level=1, links=(Link(0, 3, "https://example.com/1"),)),
    Block("list_item", "plain", level=2),
    Block("table_row", "a | b c", cells=("a", "b c"), links=(Link(4, 5, "https://example.com/b"),)),
    Block("table_row", "d|e | f", cells=("d|e", "f"), links=(Link(0, 3, "https://example.com/?q=a|b"),)),
    Block("quote", "He said\nso", links=(Link(3, 10, "https://example.com/q"),)),
    Block("caption", "Photo: Ana", links=(Link(7, 10, "https://example.com/ana"),)),
    Block("image", "A bridge", src="https://example.com/b.jpg"),
))

FIELD_ORDER = [f.name for f in dataclasses.fields(Article)]


def test_to_dict_keys_follow_field_order():
    assert list(FULL.to_dict(trace=True)) == FIELD_ORDER
    assert list(FULL.to_dict()) == [n for n in FIELD_ORDER if n not in ("trace", "candidates")]
    assert list(Article().to_dict()) == list(FULL.to_dict())  # empty fields keep their keys


def test_to_dict_is_json_safe():
    d = FULL.to_dict(trace=True)
    assert json.loads(json.dumps(d)) == d  # only JSON types, nothing lost in a round trip
    assert d["published"] == "2023-03-14T06:00:00+01:00"
    assert d["modified"] == "2023-03-14T09:41:30"
    assert d["authors"] == ["Jana Krüger", "Tom Li"]
    assert d["sources"] == {"title": "h1", "published": "meta"}
    assert d["comments"][0] == {"text": "About time.", "author": "Anna", "published": "2023-03-14T11:02:00+00:00"}
    assert d["blocks"][1] == {"kind": "heading", "text": "Costs", "level": 2}
    assert d["blocks"][7]["cells"] == ["Year", "Riders"]


@pytest.mark.parametrize("article", [FULL, Article(), Article(title="Only a title"),
                                     Article(text="x", blocks=(Block("paragraph", "x"),)), LINKED],
                         ids=["full", "empty", "title-only", "one-block", "links"])
def test_from_dict_round_trips(article):
    assert Article.from_dict(article.to_dict(trace=True)) == article
    assert Article.from_dict(json.loads(article.to_json(trace=True))) == article


def test_round_trip_keeps_timezones():
    again = Article.from_dict(FULL.to_dict())
    assert again.published.utcoffset() == timedelta(hours=1)
    assert again.modified.tzinfo is None


def test_from_dict_without_trace_drops_only_the_trace():
    again = Article.from_dict(FULL.to_dict())
    assert again == dataclasses.replace(FULL, trace=(), candidates=())


def test_from_dict_rejects_unknown_keys():
    with pytest.raises(ValueError, match="unknown Article field 'body'"):
        Article.from_dict({"body": "x"})


def test_to_json_keeps_unicode_and_indents():
    text = FULL.to_json(indent=2)
    assert "Jana Krüger" in text
    assert text.startswith('{\n  "url": ')
    assert json.loads(text) == FULL.to_dict()
    assert '"trace"' not in text and '"trace"' in FULL.to_json(trace=True)


def test_article_is_frozen_hashable_and_picklable():
    with pytest.raises(dataclasses.FrozenInstanceError):
        FULL.title = "x"  # type: ignore[misc]
    assert hash(FULL) == hash(copy.deepcopy(FULL))
    assert pickle.loads(pickle.dumps(FULL)) == FULL
    assert dataclasses.replace(FULL, title="New").title == "New" and FULL.title == "Bridge approved"


def test_found():
    assert FULL.found and not Article().found and not Article(title="t").found


def test_to_text():
    assert FULL.to_text() == "Bridge approved\n\nThe council approved the bridge."
    assert Article(text="Body only").to_text() == "Body only"
    assert Article(title="Title only").to_text() == "Title only"
    assert Article().to_text() == ""


def test_to_markdown():
    assert FULL.to_markdown() == (
        "# Bridge approved\n\n"
        "The council approved the bridge.\n\n"
        "## Costs\n\n"
        "- Steel: 4.1 million\n- Labour: 2.9 million\n  - of which overtime\n1. First vote\n1. Second vote\n\n"
        "| Year | Riders |\n| --- | --- |\n| 2023 | 4,000 |\n\n"
        "> It is about time.\n> Everyone agrees.\n\n"
        "```python\ndef cost(x):\n    return x * 1.2\n```\n\n"
        "```\nplain text block\n```\n\n"
        "##### Deep heading\n")


def test_markdown_escapes_pipes_in_table_cells_and_pads_short_rows():
    art = Article(text="t", blocks=(Block("table_row", "a | b", cells=("a|b", "c")), Block("table_row", "d",
                                                                                       cells=("d",))))
    assert art.to_markdown() == "| a\\|b | c |\n| --- | --- |\n| d |  |\n"


def test_markdown_with_links_escapes_anchors_and_targets():
    assert LINKED.to_markdown(links=True) == (
        "# Links\n\n"
        "See [the \\[1\\] report](<https://example.com/r (1).pdf>) (PDF) and [us](mailto:desk@example.com).\n\n"
        "## Read [more](https://example.com/more)\n\n"
        "- [one](https://example.com/1) and two\n  - plain\n\n"
        "| a | [b](https://example.com/b) c |\n| --- | --- |\n| [d\\|e](https://example.com/?q=a\\|b) | f |\n\n"
        "> He [said\n> so](https://example.com/q)\n\n"
        "*Photo: [Ana](https://example.com/ana)*\n\n"
        "![A bridge](https://example.com/b.jpg)\n")


def test_markdown_without_links_ignores_them():
    plain = dataclasses.replace(LINKED, blocks=tuple(dataclasses.replace(b, links=()) for b in LINKED.blocks))
    assert LINKED.to_markdown() == LINKED.to_markdown(links=False) == plain.to_markdown(links=True)
    assert "](https://example.com/more)" not in LINKED.to_markdown()
    assert FULL.to_markdown(links=True) == FULL.to_markdown()  # no links: the same either way


def test_links_serialise_as_dicts_and_round_trip():
    d = json.loads(LINKED.to_json())
    assert d["blocks"][0]["links"] == [{"start": 4, "end": 18, "href": "https://example.com/r (1).pdf"},
                                       {"start": 29, "end": 31, "href": "mailto:desk@example.com"}]
    assert "links" not in d["blocks"][3]  # no links: no key, as for other empty fields
    assert Article.from_dict(d).blocks[0].links[1] == Link(29, 31, "mailto:desk@example.com")
    nulls = {**d, "blocks": [{**b, "cells": None, "links": None} for b in d["blocks"][3:4]]}  # as Parquet reads back
    assert Article.from_dict(nulls).blocks == (Block("list_item", "plain", level=2),)


def test_markdown_of_an_empty_article_is_empty():
    assert Article().to_markdown() == ""


def test_markdown_from_a_real_extraction_keeps_structure():
    html = ("<html><head><title>Guide</title></head><body><article><h1>Guide</h1>"
            "<p>Memory grows for three reasons that we see again and again in production services.</p>"
            "<h2>Causes</h2><ul><li>Unbounded caches</li><li>Mutable defaults</li></ul>"
            "<blockquote><p>Look for a cache first.</p></blockquote>"
            '<pre><code class="language-python">cache = {}\nprint(len(cache))</code></pre>'
            "<table><tr><th>Cause</th><th>Share</th></tr><tr><td>Caches</td><td>70%</td></tr></table>"
            "<p>Bounding the cache fixed it for good, and the memory graph has been flat ever since.</p>"
            "</article></body></html>")
    md = newsclean.extract(html).to_markdown()
    assert md == ("# Guide\n\n"
                  "Memory grows for three reasons that we see again and again in production services.\n\n"
                  "## Causes\n\n- Unbounded caches\n- Mutable defaults\n\n"
                  "> Look for a cache first.\n\n"
                  "```python\ncache = {}\nprint(len(cache))\n```\n\n"
                  "| Cause | Share |\n| --- | --- |\n| Caches | 70% |\n\n"
                  "Bounding the cache fixed it for good, and the memory graph has been flat ever since.\n")
