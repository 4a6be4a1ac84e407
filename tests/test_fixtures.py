"""Each hand-written page of ``fixtures/`` gives exactly its expected story, and no chrome anywhere."""

from __future__ import annotations

import pytest

import newsclean

from conftest import Fixture, load_fixtures

FIXTURES = load_fixtures()
IDS = [f.name for f in FIXTURES]
SEED = next(f for f in FIXTURES if f.name == "crypto-news-xi-visit")
SEED_CHROME = ("Crypto News", "Source:", "Related Articles", "Leave a Reply",
               "Your email address will not be published", "Required fields are marked", "Back to top")


def _extract(fx: Fixture) -> newsclean.Article:
    return newsclean.extract(fx.html, url=fx.url)


def _surfaces(article: newsclean.Article) -> dict[str, str]:
    """Every place a chrome string could leak to: the text, each block, the Markdown."""
    out = {"text": article.text, "markdown": article.to_markdown()}
    out.update({f"block {i} ({b.kind})": b.text for i, b in enumerate(article.blocks)})
    return out


def test_manifest_lists_every_page_once():
    pages = sorted(p.relative_to(p.parents[1]).as_posix() for p in SEED.path.parents[1].glob("*/*.html"))
    listed = sorted(f.path.relative_to(f.path.parents[1]).as_posix() for f in FIXTURES)
    assert listed == pages
    for fx in FIXTURES:
        assert fx.path.with_suffix(".expected.txt").is_file(), fx.name


@pytest.mark.parametrize("fx", FIXTURES, ids=IDS)
def test_text_is_exactly_the_story(fx: Fixture):
    assert _extract(fx).text == fx.expected


@pytest.mark.parametrize("fx", FIXTURES, ids=IDS)
def test_title(fx: Fixture):
    assert _extract(fx).title == fx.title


@pytest.mark.parametrize("fx", FIXTURES, ids=IDS)
def test_no_chrome_anywhere(fx: Fixture):
    article = _extract(fx)
    leaks = [(chrome, where) for chrome in fx.without for where, text in _surfaces(article).items()
             if chrome in text]
    assert leaks == []


@pytest.mark.parametrize("fx", FIXTURES, ids=IDS)
def test_title_is_not_repeated_in_body(fx: Fixture):
    article = _extract(fx)
    assert all(b.text != fx.title for b in article.blocks)


@pytest.mark.parametrize("fx", FIXTURES, ids=IDS)
def test_str_and_bytes_input_agree(fx: Fixture):
    assert newsclean.extract(fx.html.decode("utf-8"), url=fx.url) == _extract(fx)


def test_seed_title():
    assert _extract(SEED).title == "Xi Jinping will visit Russia next week"


@pytest.mark.parametrize("chrome", SEED_CHROME)
def test_seed_chrome_is_gone(chrome: str):
    leaks = [where for where, text in _surfaces(_extract(SEED)).items() if chrome in text]
    assert leaks == []


def test_seed_source_line_becomes_the_source_field():
    assert _extract(SEED).source == "Crypto News Deutsch"


def test_seed_subheading_is_a_heading_block():
    headings = [b for b in _extract(SEED).blocks if b.kind == "heading"]
    assert [(b.text, b.level) for b in headings] == [("China the Peacemaker?", 2)]


def test_seed_story_starts_and_ends_where_the_article_does():
    blocks = _extract(SEED).blocks
    assert blocks[0].text.startswith("Chinese President Xi Jinping is due to pay a state visit")
    assert blocks[-1].text.endswith("the Chinese foreign policy expert told AFP.")
    assert len(blocks) == SEED.expected.count("\n\n") + 1


def test_seed_metadata():
    article = _extract(SEED)
    assert article.site_name == "Crypto News"
    assert article.language == "en"
    assert article.canonical_url == SEED.url
    assert article.found
