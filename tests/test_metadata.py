"""Metadata sources, precedence and text rules, on small inline pages."""

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean import dom
from newsclean.context import Context
from newsclean.meta_dates import date_in_url, leading_date, parse_date, prefer_local
from newsclean.meta_jsonld import loads
from newsclean.meta_text import guess_language, split_names, strip_site
from newsclean.metadata import extract_metadata, language_code, license_name


def meta_of(head: str = "", body: str = "", url: str | None = "https://news.example.com/politics/story",
            lang: str = "") -> object:
    html = f"<html{lang}><head>{head}</head><body>{body}</body></html>"
    return extract_metadata(dom.parse(html), Context.new(url))


def ld(obj: str) -> str:
    return f'<script type="application/ld+json">{obj}</script>'


# -- JSON-LD ----------------------------------------------------------------------------------
def test_jsonld_graph_resolves_author_reference():
    m = meta_of(ld('{"@context": "https://schema.org", "@graph": ['
                   '{"@type": "WebSite", "name": "Daily Example"},'
                   '{"@type": "NewsArticle", "headline": "Budget passes", "author": {"@id": "#jane"},'
                   ' "datePublished": "2021-03-05T10:00:00+01:00", "keywords": "budget, council"},'
                   '{"@type": "Person", "@id": "#jane", "name": "Jane Doe"}]}'))
    assert m.title == "Budget passes"
    assert m.authors == ("Jane Doe",)
    assert m.published == datetime(2021, 3, 5, 10, 0, tzinfo=timezone(timedelta(hours=1)))
    assert m.site_name == "Daily Example"
    assert m.tags == ("budget", "council")
    assert m.sources["authors"] == "json-ld"


def test_page_types_come_from_jsonld_microdata_and_the_first_og_type():
    # a JSON-LD block that does not parse still names its types; a script that is not JSON-LD does not count
    m = meta_of(head='<meta property="OG:Type" content=" Article "><meta property="og:type" content="video">'
                     + ld('{"@type": ["NewsArticle", "https://schema.org/WebPage"], "headline": "x",}')
                     + '<script itemprop="x">{"@type": "Recipe"}</script>',
                body='<div itemscope itemtype="https://schema.org/Product http://schema.org/Offer">x</div>')
    assert m.types == {"og:article", "NewsArticle", "WebPage", "Product", "Offer"}
    # the first og:type meta decides, even an empty one
    assert meta_of(head='<meta property="og:type"><meta property="og:type" content="article">').types == frozenset()
    assert meta_of(body="<p>No declared type.</p>").types == frozenset()


def test_jsonld_array_of_objects_and_author_list():
    m = meta_of(ld('[{"@type": "BreadcrumbList"}, {"@type": "BlogPosting", "headline": "Notes",'
                   ' "author": [{"@type": "Person", "name": "Ann Lee"}, {"@type": "Person", "name": "Bo Chen"}],'
                   ' "publisher": {"@type": "Organization", "name": "Notes Blog"}}]'))
    assert m.authors == ("Ann Lee", "Bo Chen")
    assert m.site_name == "Notes Blog"


def test_jsonld_article_type_beats_webpage_and_organisation_authors_are_skipped():
    m = meta_of(ld('{"@type": "WebPage", "name": "Home | Site", "datePublished": "2019-01-01"}')
                + ld('{"@type": ["Report", "CreativeWork"], "headline": "Annual report",'
                     ' "author": [{"@type": "Organization", "name": "ACME"}, {"@type": "Person", "name": "Kim Ito"}],'
                     ' "datePublished": "2022-06-30"}'))
    assert m.title == "Annual report"
    assert m.authors == ("Kim Ito",)
    assert m.published == datetime(2022, 6, 30)


@pytest.mark.parametrize("text", [
    '{"@type": "NewsArticle", "headline": "Fixed", "author": {"name": "Jo Bloggs",},}',   # trailing commas
    '<!-- {"@type": "NewsArticle", "headline": "Fixed", "author": {"name": "Jo Bloggs"}} -->',
    '{"@type": "NewsArticle", "headline": "Fixed\x01", "author": {"name": "Jo Bloggs"}}',  # control char
])
def test_broken_jsonld_is_repaired(text):
    m = meta_of(ld(text))
    assert (m.title, m.authors) == ("Fixed", ("Jo Bloggs",))


def test_jsonld_beyond_repair_is_skipped_for_the_next_source():
    m = meta_of(ld('{"@type": "NewsArticle", "headline": "Broken" "author": }')
                + '<meta property="og:title" content="From OpenGraph">')
    assert m.title == "From OpenGraph"
    assert m.sources["title"] == "opengraph"
    assert loads('{"a": ') is None


# -- precedence -------------------------------------------------------------------------------
def test_jsonld_beats_opengraph_beats_meta():
    head = ('<meta name="author" content="Meta Author"><meta name="description" content="meta description">'
            '<meta property="og:description" content="og description">'
            '<meta property="article:published_time" content="2020-02-02T08:00:00Z">'
            '<meta name="date" content="2019-09-09">')
    m = meta_of(head + ld('{"@type": "NewsArticle", "author": {"name": "LD Author"}}'))
    assert m.authors == ("LD Author",)
    assert m.description == "og description"
    assert m.published == datetime(2020, 2, 2, 8, 0, tzinfo=timezone.utc)
    assert m.sources == {"authors": "json-ld", "description": "opengraph", "published": "opengraph"} | {
        k: v for k, v in m.sources.items() if k not in ("authors", "description", "published")}
    m = meta_of(head.replace('<meta property="og:description" content="og description">', ""))
    assert (m.authors, m.description) == (("Meta Author",), "meta description")


def test_meta_names_parsely_and_dublin_core():
    m = meta_of('<meta name="parsely-author" content="Sam Roe"><meta name="DC.date.issued" content="2018-07-04">'
                '<meta http-equiv="content-language" content="fr-FR"><meta name="parsely-section" content="World">')
    assert m.authors == ("Sam Roe",)
    assert m.published == datetime(2018, 7, 4)
    assert m.language == "fr"
    assert m.categories == ("World",)


def test_microdata_and_time_element():
    body = ('<article><h1 itemprop="headline">Quake hits coast</h1>'
            '<span itemprop="author" itemscope><span itemprop="name">Ola Nordmann</span></span>'
            '<time datetime="2017-11-02T09:30:00+01:00">2 Nov</time></article>')
    m = meta_of(body=body)
    assert m.authors == ("Ola Nordmann",)
    assert m.published == datetime(2017, 11, 2, 9, 30, tzinfo=timezone(timedelta(hours=1)))
    assert m.sources["published"] == "time"


def test_time_in_aside_is_not_the_publication_date():
    m = meta_of(body='<aside><time datetime="2001-01-01">old</time></aside><p>text</p>', url=None)
    assert m.published is None


def test_date_in_url_is_the_last_markup_fallback():
    m = meta_of(url="https://example.com/2022/12/06/some-story/")
    assert m.published == datetime(2022, 12, 6)
    assert m.sources["published"] == "url"


# -- bylines ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("byline", "names"), [
    ("By Jane Doe and John Roe", ("Jane Doe", "John Roe")),
    ("Von Max Muster und Erika Mustermann", ("Max Muster", "Erika Mustermann")),
    ("Par Jean Dupont", ("Jean Dupont",)),
    ("Por María García y José Pérez", ("María García", "José Pérez")),
    ("Di Mario Rossi", ("Mario Rossi",)),
    ("Autor: Jan Kowalski", ("Jan Kowalski",)),
    ("By Lucas Nolan22 Dec 2016", ("Lucas Nolan",)),
    ("Jane Doe @janedoe | March 3, 2020", ("Jane Doe",)),
    ("By Staff", ()),
    ("Ann Lee, Bo Chen; Cy Dee", ("Ann Lee", "Bo Chen", "Cy Dee")),
])
def test_split_names(byline, names):
    assert split_names([byline]) == names


def test_visible_byline_is_read_when_markup_has_no_author():
    m = meta_of(body='<div class="article-byline">Von Max Muster | 5. März 2021</div><p>Text</p>')
    assert m.authors == ("Max Muster",)
    assert m.sources["authors"] == "byline"
    assert m.published == datetime(2021, 3, 5)
    assert m.sources["published"] == "date-text"


def test_author_url_in_meta_is_not_a_name():
    m = meta_of('<meta property="article:author" content="https://facebook.com/someone">')
    assert m.authors == ()


# -- dates ------------------------------------------------------------------------------------
CET = timezone(timedelta(hours=1))


@pytest.mark.parametrize(("text", "expected"), [
    ("2021-03-05T10:00:00Z", datetime(2021, 3, 5, 10, tzinfo=timezone.utc)),
    ("2021-03-05T10:00:00.123+01:00", datetime(2021, 3, 5, 10, tzinfo=CET)),
    ("2021-03-05 10:00:00 +0100", datetime(2021, 3, 5, 10, tzinfo=CET)),
    ("2021-03-05", datetime(2021, 3, 5)),
    ("20210305", datetime(2021, 3, 5)),
    ("Fri, 05 Mar 2021 10:00:00 GMT", datetime(2021, 3, 5, 10, tzinfo=timezone.utc)),
    ("March 5, 2021 10:30 PM EST", datetime(2021, 3, 5, 22, 30, tzinfo=timezone(timedelta(hours=-5)))),
    ("5. März 2021", datetime(2021, 3, 5)),
    ("05.03.2021 um 10:30 Uhr", datetime(2021, 3, 5, 10, 30)),
    ("5 janvier 2021", datetime(2021, 1, 5)),
    ("5 de marzo de 2021", datetime(2021, 3, 5)),
    ("5 maggio 2021", datetime(2021, 5, 5)),
    ("1614938400", datetime(2021, 3, 5, 10, tzinfo=timezone.utc)),
])
def test_parse_date_formats_and_languages(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "yesterday", "1850-01-01", "2021-13-45", "© 1890"])
def test_parse_date_refuses_non_dates(text):
    assert parse_date(text) is None


def test_parse_date_searches_visible_text():
    assert parse_date("Veröffentlicht am 12. Dezember 2019, 14:05", search=True) == datetime(2019, 12, 12, 14, 5)


def test_date_in_url_forms():
    assert date_in_url("https://x.org/2020/01/31/a") == datetime(2020, 1, 31)
    assert date_in_url("https://x.org/news/20200131-a.html") == datetime(2020, 1, 31)
    assert date_in_url("https://x.org/2020/13/31/a") is None
    assert date_in_url("https://x.org/a-1234") is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Thu, 09/25/2025 - 11:38", datetime(2025, 9, 25)),            # Drupal: weekday prefix, month > 12 swaps
    ("01-11-2023 10:29", datetime(2023, 11, 1, 10, 29)),           # day first with dashes
    ("31.10.23", datetime(2023, 10, 31)),                          # two-digit year
    ("12.03.2021.", datetime(2021, 3, 12)),                        # trailing dot (Croatian, Serbian)
    ("3 марта 2021", datetime(2021, 3, 3)),                        # Russian genitive
    ("15 серпня 2016", datetime(2016, 8, 15)),                     # Ukrainian
    ("12. března 2021", datetime(2021, 3, 12)),                    # Czech
    ("5 Ekim 2021", datetime(2021, 10, 5)),                        # Turkish
    ("2024 Jun 30", datetime(2024, 6, 30)),                        # PubMed citation date
    ("2021年3月5日 10:00", datetime(2021, 3, 5, 10, 0)),             # CJK
])
def test_parse_date_more_formats_and_languages(text, expected):
    assert parse_date(text) == expected


def test_numeric_dates_read_month_first_only_when_asked_and_possible():
    assert parse_date("03/04/2021") == datetime(2021, 4, 3)
    assert parse_date("03/04/2021", month_first=True) == datetime(2021, 3, 4)
    assert parse_date("25/09/2025", month_first=True) == datetime(2025, 9, 25)  # 25 cannot be a month
    assert parse_date("03.04.2021", month_first=True) == datetime(2021, 4, 3)   # dots: always day first


def test_leading_date_only_at_the_start():
    assert leading_date("01.02.2022 – Der Arbeitsmarkt ist gut in das Jahr gestartet") == datetime(2022, 2, 1)
    assert leading_date("Der Arbeitsmarkt ist am 01.02.2022 gut gestartet") is None


def test_date_in_url_day_first_forms():
    assert date_in_url("https://x.de/media-news/meldungen/29-10-2021") == datetime(2021, 10, 29)
    assert date_in_url("https://x.com/artikel/bericht_vom_22.04.2020_worauf") == datetime(2020, 4, 22)
    assert date_in_url("https://x.de/aktuelles/08112021-online-fachtag") == datetime(2021, 11, 8)
    assert date_in_url("https://x.com.ar/politica/story-nid03052022/") == datetime(2022, 5, 3)
    assert date_in_url("https://x.org/item/12345678/") is None
    assert date_in_url("https://x.org/p?id=20200131") is None  # the query is no path


UTC = timezone.utc


def test_prefer_local_same_instant_in_the_publishers_zone():
    local = datetime(2019, 10, 19, 0, 4, tzinfo=timezone(timedelta(hours=2)))
    utc = datetime(2019, 10, 18, 22, 4, tzinfo=UTC)
    assert prefer_local(utc, [utc, local]) is local
    assert prefer_local(utc, [datetime(2019, 10, 18, 12, 0, tzinfo=CET)]) is utc   # another instant
    assert prefer_local(local, [utc]) is local                                     # already local
    naive = datetime(2019, 10, 18, 22, 4)
    assert prefer_local(naive, [local]) is naive


def test_prefer_local_url_day_one_off_a_utc_timestamp():
    utc = datetime(2020, 2, 25, 2, 25, tzinfo=UTC)
    assert prefer_local(utc, [], datetime(2020, 2, 24)) == datetime(2020, 2, 24)
    assert prefer_local(utc, [], datetime(2020, 2, 20)) is utc   # not a zone shift: keep the markup


def test_utc_jsonld_date_yields_to_the_local_meta_date():
    m = meta_of('<meta name="date" content="Sat, 19 Oct 2019 00:04:00 +0200">'
                + ld('{"@type": "NewsArticle", "datePublished": "2019-10-18T22:04:00Z"}'))
    assert m.published == datetime(2019, 10, 19, 0, 4, tzinfo=timezone(timedelta(hours=2)))
    assert m.published.tzinfo is not None


def test_utc_date_yields_to_the_url_day():
    m = meta_of('<meta property="article:published_time" content="2020-02-25T02:25:54+00:00">',
                url="https://pages.example.com/2020/02/24/press-secretary-exits/")
    assert m.published.date() == datetime(2020, 2, 24).date()


def test_only_a_modified_date_is_the_published_fallback():
    m = meta_of('<meta property="article:modified_time" content="2025-02-22T22:13:14+00:00">', url=None)
    assert m.published == datetime(2025, 2, 22, 22, 13, 14, tzinfo=UTC)
    assert m.modified == m.published
    assert m.sources["published"] == "opengraph (modified)"


@pytest.mark.parametrize(("head", "expected"), [
    ('<meta name="w-published-date" content="2025-05-27T06:03:43.274Z">', datetime(2025, 5, 27, 6, 3, 43, tzinfo=UTC)),
    ('<meta name="published" content="July 17, 2025">', datetime(2025, 7, 17)),
    ('<meta name="citation_publication_date" content="2024 Jun 30">', datetime(2024, 6, 30)),
    ('<meta property="article:published_time" content="Thu, 09/25/2025 - 11:38">', datetime(2025, 9, 25)),
])
def test_more_meta_date_names_and_formats(head, expected):
    assert meta_of(head, url=None).published == expected


def test_blogger_abbr_title_is_the_microdata_date():
    m = meta_of(body='<h3 class="post-title">Notes</h3><abbr class="published" itemprop="datePublished" '
                     'title="2019-10-16T08:00:00-07:00">8:00 AM</abbr>', url=None)
    assert m.published == datetime(2019, 10, 16, 8, tzinfo=timezone(timedelta(hours=-7)))
    assert m.sources["published"] == "microdata"


def test_time_in_a_thread_list_is_the_loose_fallback():
    m = meta_of(body='<h1>Rust goals</h1><ol><li><time datetime="2024-08-12 10:00:23">2 hours ago</time>'
                     '</li><li><time datetime="2024-08-13 01:09:47">1 hour ago</time></li></ol>', url=None)
    assert m.published == datetime(2024, 8, 12, 10, 0, 23)


def test_article_footer_is_not_chrome():
    m = meta_of(body='<article><h1>Remote work</h1><p>Text</p><footer class="author__meta">'
                     '<span class="author__meta-date">March 30, 2023 | 5 min read</span></footer></article>',
                url=None)
    assert m.published == datetime(2023, 3, 30)
    assert m.sources["published"] == "date-text"


@pytest.mark.parametrize(("lang", "expected"), [
    (' lang="en-US"', datetime(2021, 3, 4)), (' lang="en-GB"', datetime(2021, 4, 3)),
    (' lang="de"', datetime(2021, 4, 3)), (' lang="en"', datetime(2021, 3, 4)),
])
def test_visible_numeric_date_order_follows_the_page_language(lang, expected):
    m = meta_of(body='<h1>T</h1><span class="post-date">03/04/2021</span>', url=None, lang=lang)
    assert m.published == expected


# -- dates in the visible text (body-text) ---------------------------------------------------------
def test_body_text_date_without_any_markup():
    m = meta_of(body='<h1>Top 10 women talking sports</h1><p>January 22, 2014</p><p>Text of the story.</p>',
                url=None)
    assert m.published == datetime(2014, 1, 22)
    assert m.sources["published"] == "body-text"


def test_body_text_skips_comments_sidebars_and_navigation():
    m = meta_of(body='<nav>Monday, 1 December 2025</nav><div id="sidebar"><p>June 1, 2024</p></div>'
                     '<div class="content with-sidebar"><h1>Guide</h1><div id="comments"><p>1. Mai 2020</p>'
                     '</div><p>Stand: 3. Juni 2020</p></div>', url=None)
    assert m.published == datetime(2020, 6, 3)


@pytest.mark.parametrize("cls", ["layoutTwoColumnsRightSidebar", "sidebar-page", "footerRow"])
def test_headline_column_is_main_whatever_its_class_says(cls):
    m = meta_of(body=f'<div class="{cls}"><h1>Purzelbaum</h1><span>25. November 2021</span></div>', url=None)
    assert m.published == datetime(2021, 11, 25)


def test_chrome_class_without_the_headline_is_chrome():
    m = meta_of(body='<h1>Purzelbaum</h1><div class="sidebar-page"><span>25. November 2021</span></div>', url=None)
    assert m.published is None


@pytest.mark.parametrize("body", [
    '<h1>Services</h1><p>Copyright © 19.12.2019 - 12:14 h by ACME GmbH</p>',      # copyright line
    '<h1>Services</h1><footer><p>Last changed 19.12.2019</p></footer>',            # site footer
    '<h1>Budget</h1><p>In a speech on 5 May 2019 the minister said that the budget would grow, and that the '
    'council would vote on it before the summer, as it does every year.</p>',       # a paragraph mentioning a date
    '<h1>Budget</h1><div class="comment-list"><span>5. Mai 2020</span></div>',       # a comment's date
])
def test_dates_that_must_not_win(body):
    assert meta_of(body=body, url=None).published is None


def test_forum_member_registration_date_is_not_the_post_date():
    m = meta_of(body='<h1>Freie Software</h1><dl class="postprofile"><dd><strong>Registriert:</strong> 18.09.2008'
                     '</dd></dl><p class="author">von r23 » 21.01.2009, 05:42</p>', url=None)
    assert m.published == datetime(2009, 1, 21, 5, 42)


def test_paragraph_opening_with_a_dateline_counts():
    m = meta_of(body='<h1>Arbeitsmarkt</h1><p><strong>01.02.2022 „Der Arbeitsmarkt ist gut in das Jahr 2022 '
                     'gestartet“, sagte der Vorstandsvorsitzende der Bundesagentur für Arbeit heute in Nürnberg.'
                     '</strong></p>', url=None)
    assert m.published == datetime(2022, 2, 1)


def test_markup_date_beats_visible_text():
    m = meta_of('<meta property="article:published_time" content="2021-03-05T10:00:00+01:00">',
                body='<h1>T</h1><p>January 22, 2014</p>', url=None)
    assert m.published == datetime(2021, 3, 5, 10, tzinfo=CET)
    assert m.sources["published"] == "opengraph"


# -- descriptions ------------------------------------------------------------------------------
def test_unrendered_template_is_no_value():
    m = meta_of('<meta property="og:description" content="FACC produziert mehr Teile als je zuvor.">'
                + ld('{"@type": "NewsArticle", "description": "{{ seomatic.helper.extractTextFromField(entry) }}"}'))
    assert m.description == "FACC produziert mehr Teile als je zuvor."
    assert m.sources["description"] == "opengraph"


def test_short_jsonld_description_yields_to_opengraph():
    og = "The second location opened in Midtown following the first in Ferndale"
    m = meta_of(f'<meta property="og:description" content="{og}">'
                + ld('{"@type": "NewsArticle", "description": "Mezcal is huge right now."}'))
    assert m.description == og
    long_ld = "Facebook collects data about people who have never even opted in."
    m = meta_of(f'<meta property="og:description" content="{og}">'
                + ld(f'{{"@type": "NewsArticle", "description": "{long_ld}"}}'))
    assert m.description == long_ld
    m = meta_of(ld('{"@type": "NewsArticle", "description": "Mezcal is huge right now."}'))
    assert m.description == "Mezcal is huge right now."   # nothing else to take


def test_webpage_description_is_the_sites_not_the_storys():
    m = meta_of('<meta name="description" content="Cocktail classics, episode 12: a Swiss twist on a sour.">'
                + ld('{"@type": "WebPage", "description": "watson - das newsportal"}'))
    assert m.description == "Cocktail classics, episode 12: a Swiss twist on a sour."


# -- titles, URLs, language, licence ----------------------------------------------------------
def test_title_site_suffix_stripped_also_in_og_title():
    m = meta_of('<meta property="og:title" content="Budget passes | Daily Example">'
                '<meta property="og:site_name" content="Daily Example">')
    assert m.title == "Budget passes"
    m = meta_of("<title>Budget passes - Example News</title>", url="https://www.example.com/a")
    assert m.title == "Budget passes"


def test_site_name_falls_back_to_the_name_in_the_address():
    m = meta_of("<title>Managing Python environments</title>", url="https://www.pluralsight.com/tech-blog/x")
    assert m.site_name == "pluralsight" and m.sources["site_name"] == "host"
    m = meta_of("<title>t</title>", url="https://www.nationalgeographic.co.uk/environment/a")
    assert m.site_name == "nationalgeographic"
    m = meta_of('<meta property="og:site_name" content="Pluralsight Tech Blog">',
                url="https://www.pluralsight.com/tech-blog/x")
    assert m.site_name == "Pluralsight Tech Blog" and m.sources["site_name"] == "opengraph"
    assert meta_of("<title>t</title>", url=None).site_name is None


def test_strip_site_keeps_headline_colons_and_unknown_suffixes():
    assert strip_site("Sixers notes: Embiid leads", ["Daily"]) == "Sixers notes: Embiid leads"
    assert strip_site("Daily | Budget passes", ["Daily"]) == "Budget passes"
    assert strip_site("Daily", ["Daily"]) == "Daily"


def test_h1_that_agrees_with_the_title_is_the_headline():
    m = meta_of('<meta property="og:title" content="Council passes budget after long debate - Daily">',
                "<h1>Council passes budget after long debate</h1>")
    assert (m.title, m.sources["title"]) == ("Council passes budget after long debate", "h1")


def test_blog_name_h1_is_not_the_headline():
    m = meta_of("<title>Notes on a rainy afternoon | Gnaur</title>", "<h1>Gnaur</h1>", url=None)
    assert m.title == "Notes on a rainy afternoon"


def test_entities_are_decoded_even_when_escaped_twice():
    m = meta_of('<meta property="og:title" content="A &amp;#8211; B">')
    assert m.title == "A – B"


def test_relative_image_and_canonical_made_absolute():
    m = meta_of('<meta property="og:image" content="/img/a.jpg"><link rel="canonical" href="/politics/story">')
    assert m.image == "https://news.example.com/img/a.jpg"
    assert m.canonical_url == "https://news.example.com/politics/story"
    m = meta_of('<base href="https://cdn.example.net/"><meta property="og:image" content="b.png">')
    assert m.image == "https://cdn.example.net/b.png"


def test_language_from_markup_then_text():
    assert meta_of(lang=' lang="de-AT"').language == "de"
    assert meta_of('<meta property="og:locale" content="pt_BR">').language == "pt"
    body = "<p>" + "Die Stadt und der Rat haben sich auf den Haushalt für das Jahr geeinigt, der mit den " * 3 + "</p>"
    m = meta_of(body=body)
    assert (m.language, m.sources["language"]) == ("de", "text")
    assert language_code("not a language") is None


def test_guess_language_abstains_on_short_or_mixed_text():
    assert guess_language("Hello") is None
    assert guess_language("") is None


def test_license_from_rel_and_creative_commons_links():
    m = meta_of(body='<footer><a rel="license" href="https://creativecommons.org/licenses/by-sa/3.0/de/">CC</a>'
                     '</footer>')
    assert m.license == "CC BY-SA 3.0 DE"
    m = meta_of(body='<p><a href="http://creativecommons.org/licenses/by-nc-nd/4.0/">licence</a></p>')
    assert m.license == "CC BY-NC-ND 4.0"
    assert license_name("https://creativecommons.org/publicdomain/zero/1.0/") == "CC0 1.0"


def test_wordpress_tag_and_category_links():
    m = meta_of(body='<a rel="category tag" href="/c/politik">Politik</a><a rel="tag" href="/t/a">Haushalt</a>'
                     '<a rel="tag" href="/t/b">Rat</a>')
    assert m.categories == ("Politik",)
    assert m.tags == ("Haushalt", "Rat")


def test_modified_before_published_is_dropped():
    m = meta_of('<meta property="article:published_time" content="2021-05-05">'
                '<meta property="article:modified_time" content="2020-01-01">')
    assert (m.published, m.modified) == (datetime(2021, 5, 5), None)


def test_empty_document():
    m = extract_metadata(dom.parse(""), Context.new(None))
    assert m.title is None and m.authors == () and m.published is None


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_clean_folds_whitespace_and_control_characters_as_the_full_pattern_does(text):
    """``_clean`` splits text without control characters with str.split(); the answer is _WS's."""
    from newsclean import metadata

    expected = metadata._WS.sub(" ", text).strip() or None
    if "&" not in text and "{" not in text and "<%" not in text:
        assert metadata._clean(text) == expected
