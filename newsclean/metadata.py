"""Page metadata: title, authors, dates, site, language, description, image, tags, canonical URL, licence.

Read from the untouched tree, before any cleaner runs.  Each source is a
small named function that returns the fields it found (already typed and
cleaned); :data:`SOURCES` lists them in order of trust, and each field takes
its value from the first source that has one.  ``Metadata.sources`` records
which source that was.  Sources that cost more (visible bylines, text
language guess, htmldate) only run while a field they could fill is still
missing.  See docs/metadata.md for the precedence table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import unescape
from datetime import datetime
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator
from urllib.parse import urljoin

import re

import regex

from . import meta_jsonld as ld
from .meta_dates import date_in_url, leading_date, parse_date, prefer_local
from .meta_text import TITLE_SEP, is_site_name, guess_language, host_names, split_names, strip_site

if TYPE_CHECKING:
    from .context import Context
    from .dom import LexborHTMLParser, LexborNode
    from .sites import SiteRule

_WS = regex.compile(r"[\s\x00-\x08\x0e-\x1f\x7f]+")  # whitespace and control characters
# _WS's control characters: in text without them, str.split() splits where _WS does (the same
# whitespace, checked over every code point), at a third of the cost.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_TEMPLATE = regex.compile(r"\{\{.*\}\}|\{%.*%\}|<%.*%>|\$\{[\w.]+\}", regex.S)
FIELDS = ("title", "authors", "published", "modified", "site_name", "language", "description", "image", "tags",
          "categories", "canonical_url", "license")


@dataclass(slots=True)
class Metadata:
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime | None = None
    modified: datetime | None = None
    site_name: str | None = None
    language: str | None = None
    description: str | None = None
    image: str | None = None
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    canonical_url: str | None = None
    license: str | None = None
    sources: dict[str, str] = field(default_factory=dict)
    types: frozenset[str] = frozenset()  # schema.org @types and ``og:<type>`` the page declares (see page_types)


def _clean(text: Any) -> str | None:
    """Whitespace folded, entities decoded (twice: CMSs often escape ``&#8211;`` once more), or None."""
    if not isinstance(text, str) or not text:
        return None
    if "&" in text:
        text = unescape(unescape(text))
    if ("{" in text or "<%" in text) and _TEMPLATE.search(text):
        return None  # an unrendered CMS template ("{{ seomatic.helper... }}") says nothing about the page
    text = _WS.sub(" ", text).strip() if _CONTROL.search(text) else " ".join(text.split())
    return text or None


# One walk collects every node the sources read (Lexbor reports a node once per matching selector,
# so nodes are deduplicated by mem_id).  Every <meta>, not only those with a content: the first og:type
# one says the page's type even when it is empty (see page_types).
_GATHER = ('meta, script[type="application/ld+json" i], link[rel][href], a[rel~="tag" i], '
           'a[rel~="license" i], a[rel~="category" i], a[href*="creativecommons.org/" i], [itemprop], '
           '[itemtype], time[datetime], base[href], title, h1, h2, h3')


_TITLE_CLASS = regex.compile(r"entry-title|post-title|article-title|headline|post__title|article__title", regex.I)


class Page:
    """What the sources read, gathered in one tree walk per call.

    ``metas`` maps a lower-cased ``property``/``name``/``http-equiv`` to its
    contents in document order, so each source looks keys up in a dict
    instead of running one CSS query per key; the other lists hold the
    nodes of each kind in document order.
    """

    __slots__ = ("tree", "ctx", "metas", "itemprops", "item_nodes", "ld_scripts", "links", "anchors", "times",
                 "base_href", "title_node", "h1s", "headings", "og_type", "itemtypes", "found", "_ld", "_marked",
                 "_headline")

    def __init__(self, tree: LexborHTMLParser, ctx: Context) -> None:
        self.tree, self.ctx = tree, ctx
        self.metas: dict[str, list[str]] = {}
        self.itemprops: dict[str, list[str]] = {}
        self.item_nodes: list[LexborNode] = []
        self.ld_scripts: list[LexborNode] = []
        self.links: list[LexborNode] = []
        self.anchors: list[LexborNode] = []
        self.times: list[LexborNode] = []
        self.h1s: list[LexborNode] = []
        self.headings: list[LexborNode] = []  # h1-h3 whose class marks a post or article title
        self.base_href: str | None = None
        self.title_node: LexborNode | None = None
        self.og_type: str | None = None  # the content of the first og:type <meta> ("" when it has none)
        self.itemtypes: list[str] = []  # the itemtype attributes, in document order
        seen: set[int] = set()
        for node in tree.css(_GATHER):
            if node.mem_id in seen:
                continue
            seen.add(node.mem_id)
            self._add(node)
        self.found: Metadata = Metadata()
        self._ld: tuple[list[dict[str, Any]], dict[str, dict[str, Any]]] | None = None
        self._marked: list[LexborNode] | None = None
        self._headline: frozenset[int] | None = None

    def _add(self, node: LexborNode) -> None:
        tag, attrs = node.tag, node.attributes
        itemtype = attrs.get("itemtype")
        if itemtype:
            self.itemtypes.append(itemtype)
        if tag == "meta":
            # [property="og:type" i]: lower() folds no other character into these ASCII letters
            if self.og_type is None and (attrs.get("property") or "").lower() == "og:type":
                self.og_type = attrs.get("content") or ""
            content = _clean(attrs.get("content"))
            if not content:
                return
            for attr in ("property", "name", "http-equiv"):
                key = attrs.get(attr)
                if key:
                    self.metas.setdefault(key.strip().lower(), []).append(content)
            prop = attrs.get("itemprop")
            if prop:
                self.itemprops.setdefault(prop.strip(), []).append(content)
            return
        if attrs.get("itemprop") is not None:
            self.item_nodes.append(node)
        if tag == "script":
            self.ld_scripts.append(node)
        elif tag == "link":
            self.links.append(node)
        elif tag == "a":
            self.anchors.append(node)
        elif tag == "time" and attrs.get("datetime"):
            self.times.append(node)
        elif tag == "base" and self.base_href is None:
            self.base_href = attrs.get("href")
        elif tag == "title" and self.title_node is None:
            self.title_node = node
        elif tag in ("h1", "h2", "h3"):
            if tag == "h1" and len(self.h1s) < 3:
                self.h1s.append(node)
            if len(self.headings) < 3 and "class" in attrs and _TITLE_CLASS.search(attrs["class"] or ""):
                self.headings.append(node)

    def meta(self, *keys: str) -> str | None:
        """The first non-empty content of the first key present."""
        for key in keys:
            values = self.metas.get(key)
            if values:
                return values[0]
        return None

    def meta_all(self, *keys: str) -> list[str]:
        return [v for key in keys for v in self.metas.get(key, ())]

    def jsonld(self) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
        """All JSON-LD objects of the page and their ``@id`` index (parsed once)."""
        if self._ld is None:
            blocks = (ld.loads(n.text(deep=True)) for n in self.ld_scripts)
            objs = ld.objects(b for b in blocks if b is not None)
            self._ld = (objs, ld.by_id(objs))
        return self._ld

    def ld_texts(self) -> Iterator[str]:
        """The text of each ``<script type="application/ld+json">`` (not of other scripts with an itemprop)."""
        for node in self.ld_scripts:
            if (node.attributes.get("type") or "").lower() == "application/ld+json":
                yield node.text(deep=True)

    def marked(self) -> list[LexborNode]:
        """Body elements whose class/id/rel marks a byline or a date (one walk, shared by two sources)."""
        if self._marked is None:
            body = self.tree.body
            seen: set[int] = set()
            self._marked = []
            for node in body.css(MARKED_SELECTOR) if body is not None else ():
                if node.mem_id not in seen:
                    seen.add(node.mem_id)
                    self._marked.append(node)
        return self._marked

    def headline_path(self) -> frozenset[int]:
        """``mem_id``s of the first ``<h1>`` and its ancestors: the containers of the main column."""
        if self._headline is None:
            ids: list[int] = []
            node = self.h1s[0] if self.h1s else None
            while node is not None and len(ids) < CHROME_DEPTH * 2:
                ids.append(node.mem_id)
                node = node.parent
            self._headline = frozenset(ids)
        return self._headline

    @property
    def month_first(self) -> bool:
        """Numeric dates read month first ("03/04/2021" is March 4) on US English pages.

        ``lang="en-US"``, or plain ``en`` (mostly US sites); British,
        Australian, Indian... English writes the day first, like the rest.
        """
        root = self.tree.root
        tag = (root.attributes.get("lang") or root.attributes.get("xml:lang") or "") if root is not None else ""
        tag = (tag or self.meta("og:locale") or "").strip().lower().replace("_", "-")
        return tag in ("en", "en-us")

    @property
    def base(self) -> str | None:
        href = self.base_href
        if href and self.ctx.url:
            return urljoin(self.ctx.url, href)
        return href if href and href.startswith(("http://", "https://")) else self.ctx.url


Found = dict[str, Any]


# -- sources, most trusted first ------------------------------------------------------------------
def from_html_lang(page: Page) -> Found:
    """``<html lang>``: the author's own statement of the page language."""
    node = page.tree.root
    if node is None or node.tag != "html":
        return {}
    return {"language": language_code(node.attributes.get("lang") or node.attributes.get("xml:lang"))}


def from_jsonld(page: Page) -> Found:
    """schema.org JSON-LD: the article-like entity, its publisher, the WebSite name."""
    objs, ids = page.jsonld()
    if not objs:
        return {}
    main = ld.main_entity(objs)
    out: Found = {}
    if main is not None:
        out["title"] = _clean(ld.text_value(main.get("headline")) or
                              (ld.text_value(main.get("name")) if ld.rank(main) < len(ld.ARTICLE_TYPES) else None))
        people = list(ld.names(main.get("author") or main.get("creator"), ids, people_only=True))
        out["authors"] = split_names(people)
        out["published"] = parse_date(ld.text_value(main.get("datePublished") or main.get("dateCreated")
                                                    or main.get("uploadDate")))
        out["modified"] = parse_date(ld.text_value(main.get("dateModified")))
        # a WebPage's description is often the site's; only an article-like entity describes the story
        out["description"] = _clean(ld.text_value(main.get("description"))) \
            if ld.rank(main) < len(ld.ARTICLE_TYPES) else None
        out["image"] = ld.text_value(main.get("image") or main.get("thumbnailUrl"))
        out["tags"] = tuple(ld.strings(main.get("keywords")))
        out["categories"] = tuple(ld.strings(main.get("articleSection")))
        out["canonical_url"] = ld.text_value(main.get("url") or main.get("mainEntityOfPage"))
        out["license"] = license_name(ld.text_value(main.get("license")))
        out["language"] = language_code(ld.text_value(main.get("inLanguage")))
        publisher = next(ld.names(main.get("publisher"), ids), None)
        out["site_name"] = _clean(publisher)
    if not out.get("site_name"):
        site = ld.first_of_type(objs, "WebSite")
        if site is not None:
            out["site_name"] = _clean(ld.text_value(site.get("name")))
    return out


def from_opengraph(page: Page) -> Found:
    """OpenGraph (``og:``, ``article:``) and Twitter cards."""
    return {
        "title": page.meta("og:title", "twitter:title"),
        "description": page.meta("og:description", "twitter:description"),
        "image": page.meta("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src"),
        "site_name": page.meta("og:site_name"),
        "canonical_url": page.meta("og:url"),
        "language": language_code(page.meta("og:locale")),
        "published": first_date(page.meta_all("article:published_time", "og:published_time",
                                              "article:published")),
        "modified": first_date(page.meta_all("article:modified_time", "og:updated_time", "og:modified_time")),
        "authors": split_names(page.meta_all("article:author", "og:article:author")),
        "tags": tuple(page.meta_all("article:tag", "og:article:tag")),
        "categories": tuple(page.meta_all("article:section")),
    }


# <meta name=...> keys by field, in order of preference.
META_KEYS = {
    "title": ("parsely-title", "sailthru.title", "dc.title", "dcterms.title", "citation_title", "title"),
    "authors": ("author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author", "byl",
                "citation_author", "article.author", "authors", "dc.creator.aut", "cxenseparse:author"),
    "published": ("article.published", "parsely-pub-date", "sailthru.date", "pubdate", "publishdate",
                  "publish-date", "publish_date", "published_time", "date_published", "datepublished",
                  "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dc.date.created",
                  "dcterms.created", "citation_publication_date", "citation_date", "date", "article_date_original",
                  "originalpublicationdate", "cxenseparse:recs:publishtime", "og:pubdate", "release_date",
                  "sailthru.published_date", "displaydate", "created", "creation_date", "firstpublishedtime"),
    "modified": ("article.updated", "dc.date.modified", "dcterms.modified", "last-modified", "lastmod",
                 "modified", "date_modified", "datemodified", "updated_time", "lastpublishedtime"),
    "description": ("description", "dc.description", "dcterms.description", "sailthru.description"),
    "site_name": ("application-name", "og:site-name", "dc.publisher", "dcterms.publisher", "publisher",
                  "citation_publisher", "citation_journal_title"),
    "language": ("content-language", "language", "dc.language", "dcterms.language"),
    "tags": ("parsely-tags", "sailthru.tags", "news_keywords", "article:tags", "keywords"),
    "categories": ("parsely-section", "article-section", "category", "section", "sailthru.category"),
    "license": ("license", "dc.rights", "dcterms.license", "copyright"),
}


# Any other meta name that says "published" ("w-published-date", "published", "article_publish_time").
_PUBLISHED_KEY = regex.compile(r"(?:^|[-_.:])(?:publi(?:shed|sh|cation)|pub)[-_.]?(?:date|time|at|on)?$", regex.I)


_LIST_SEP = regex.compile(r"[,;]")


def from_meta(page: Page) -> Found:
    """``<meta name>``: author, DC.*, parsely-*, sailthru.*, citation_*, and dates under many names."""
    authors_raw = next((page.metas[k] for k in META_KEYS["authors"] if k in page.metas), [])
    tags = page.meta(*META_KEYS["tags"])
    published = first_date(page.meta_all(*META_KEYS["published"])) or \
        first_date(v for k, values in page.metas.items() if _PUBLISHED_KEY.search(k) for v in values)
    return {
        "title": page.meta(*META_KEYS["title"]),
        "authors": split_names(authors_raw),
        "published": published,
        "modified": first_date(page.meta_all(*META_KEYS["modified"])),
        "description": page.meta(*META_KEYS["description"]),
        "site_name": page.meta(*META_KEYS["site_name"]),
        "language": language_code(page.meta(*META_KEYS["language"])),
        "tags": tuple(t.strip() for t in _LIST_SEP.split(tags) if t.strip()) if tags else (),
        "categories": tuple(page.meta_all(*META_KEYS["categories"])[:1]),
        "license": license_name(page.meta("license", "dcterms.license")),
    }


_ITEMPROPS = frozenset(("headline", "author", "creator", "datePublished", "dateCreated", "dateModified", "description",
              "inLanguage", "articleSection", "keywords", "publisher"))


def _item_value(node: LexborNode) -> str | None:
    attrs = node.attributes
    for attr in ("content", "datetime"):
        if attrs.get(attr):
            return _clean(attrs[attr])
    if node.tag == "abbr" and attrs.get("title"):  # <abbr itemprop=datePublished title="2019-10-16T...">
        return _clean(attrs["title"])
    name = node.css_first('[itemprop~="name"]')
    return _clean((name if name is not None else node).text(deep=True, separator=" "))


def from_microdata(page: Page) -> Found:
    """schema.org microdata: ``itemprop`` on visible elements and on ``<meta>``."""
    props: dict[str, list[str]] = {k: list(v) for k, v in page.itemprops.items()}
    for node in page.item_nodes:
        wanted = [p for p in (node.attributes.get("itemprop") or "").split() if p in _ITEMPROPS]
        value = _item_value(node) if wanted else None
        if value:
            for prop in wanted:
                props.setdefault(prop, []).append(value)

    def first(*keys: str) -> str | None:
        return next((v for k in keys for v in props.get(k, ())), None)

    publisher = first("publisher")
    return {
        "title": first("headline"),
        # the first author node only: forums mark every reply's author with itemprop=author too
        "authors": split_names((props.get("author", []) or props.get("creator", []))[:1]),
        "published": first_date(props.get("datePublished", []) + props.get("dateCreated", [])),
        "modified": first_date(props.get("dateModified", [])),
        "description": first("description"),
        "language": language_code(first("inLanguage")),
        "categories": tuple(props.get("articleSection", [])[:1]),
        "site_name": publisher if publisher and len(publisher) < 80 else None,
    }


def from_links(page: Page) -> Found:
    """``<link>``/``<a>`` relations: canonical, licence, image_src, WordPress tag and category links."""
    out: Found = {}
    tags: list[str] = []
    cats: list[str] = []
    cc_link = None
    for node in page.links + page.anchors:
        rel = (node.attributes.get("rel") or "").lower().split()
        href = node.attributes.get("href") or ""
        if node.tag == "link":
            if "canonical" in rel and "canonical_url" not in out:
                out["canonical_url"] = href
            elif "image_src" in rel and "image" not in out:
                out["image"] = href
            elif "license" in rel and "license" not in out:
                out["license"] = license_name(href)
            continue
        if cc_link is None and "creativecommons.org/" in href.lower() and _CC.search(href):
            cc_link = href
        if not rel:
            continue
        text = _clean(node.text(deep=True))
        if "license" in rel and "license" not in out:
            out["license"] = license_name(href) or (text if text and len(text) < 80 else None)
        elif "category" in rel and text:
            cats.append(text)
        elif "tag" in rel and text:
            tags.append(text)
    out["tags"] = tuple(dict.fromkeys(tags))
    out["categories"] = tuple(dict.fromkeys(cats))
    if "license" not in out and cc_link:
        out["license"] = license_name(cc_link)
    return out


_NOT_MAIN = frozenset({"aside", "footer", "nav", "li"})
_LISTS = frozenset({"li"})  # a date in a list item dates another story


def from_time(page: Page) -> Found:
    """``<time datetime>`` outside asides, footers, navigation and lists (those date other stories).

    When no such element has a date, the first one outside chrome (see
    :func:`in_chrome`) is taken even in a list or an article's aside: a page
    whose only dated element is a list (a thread's first post) or a facts box.
    """
    published = modified = loose = None
    for node in page.times[:20]:
        value = parse_date(node.attributes.get("datetime"), month_first=page.month_first)
        if value is None:
            continue
        if _inside(node, _NOT_MAIN):
            if loose is None and not in_chrome(node, page.headline_path()):
                loose = value
            continue
        marks = " ".join(filter(None, (node.attributes.get("class"), node.attributes.get("itemprop")))).lower()
        if "modif" in marks or "updat" in marks:
            modified = modified or value
        elif published is None:
            published = value
        if published and modified:
            break
    return {"published": published or (None if modified else loose), "modified": modified}


def _inside(node: LexborNode, tags: frozenset[str], depth: int = 12) -> bool:
    parent = node.parent
    while parent is not None and depth:
        if parent.tag in tags:
            return True
        parent, depth = parent.parent, depth - 1
    return False


BYLINE_SELECTOR = ('[rel~="author" i], [class*="byline" i], [id*="byline" i], [class*="author" i], '
                   '[class*="autor" i], [class*="auteur" i], [class*="writer" i], [data-testid*="byline" i]')
_BYLINE_MARK = regex.compile(r"byline|autor|author|auteur|writer", regex.I)
_NOT_BYLINE = regex.compile(r"comment|avatar|bio|about|description|box|widget|related|img|image|photo|social|"
                            r"share|follow|more-|list|archive|cards?-", regex.I)
MAX_BYLINE_CHARS = 120


def from_byline(page: Page) -> Found:
    """A visible byline ("By Jane Doe", "Von Max Muster", "Par ..."): rel=author links and byline/author classes."""
    checked = 0
    for node in page.marked():
        attrs = node.attributes
        marks = f"{attrs.get('class') or ''} {attrs.get('id') or ''} {attrs.get('rel') or ''} {attrs.get('data-testid') or ''}"
        if not _BYLINE_MARK.search(marks):
            continue
        checked += 1
        if checked > 30:
            break
        if _NOT_BYLINE.search(marks) or _inside(node, frozenset({"aside", "footer", "nav"}), 8):
            continue
        text = _clean(node.text(deep=True, separator=" "))
        if not text or len(text) > MAX_BYLINE_CHARS:
            continue
        names = split_names([text])
        if names and len(names) <= 4:
            return {"authors": names}
    return {}


# Classes and ids of the elements that carry a visible date (the vocabulary htmldate also reads).
# (byline classes are in BYLINE_SELECTOR already; "time" covers "timestamp", "date" covers "dateline": each
# selector in the list costs a test per element)
DATE_TEXT_SELECTOR = ('[class*="date" i], [id*="date" i], [class*="datum" i], [class*="fecha" i], '
                      '[class*="posted" i], [class*="publish" i], [class*="meta" i], [class*="time" i], '
                      '[class*="submitted" i]')
_DATE_MARK = regex.compile(r"date|datum|fecha|posted|publish|byline|meta|timestamp|time|submitted", regex.I)
_NOT_DATE = regex.compile(r"comment|update|modif|related|widget|sidebar|archive|calendar|footer|read-?time|"
                          r"reading|runtime|duration|timeline|metabox|metadata-list|recent", regex.I)
MAX_DATE_TEXT = 100
MAX_DATE_NODES = 60


def from_date_text(page: Page) -> Found:
    """A date in the visible text of a date/meta/byline element ("Veröffentlicht am 5. März 2021")."""
    checked = 0
    month_first = page.month_first
    for node in page.marked():
        attrs = node.attributes
        marks = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
        if not _DATE_MARK.search(marks):
            continue
        checked += 1
        if checked > MAX_DATE_NODES:
            break
        if _NOT_DATE.search(marks) or _inside(node, _LISTS, 8) or in_chrome(node, page.headline_path()):
            continue
        text = node.text(deep=True, separator=" ")
        if len(text) > MAX_DATE_TEXT and len(text := " ".join(text.split())) > MAX_DATE_TEXT:
            continue  # (indentation does not count)
        found = parse_date(text, search=True, month_first=month_first) \
            or parse_date(attrs.get("title"), month_first=month_first)
        if found is not None:
            return {"published": found}
    return {}


# Ancestors whose dates belong to something else: comments, other stories, the site's footer.
_CHROME_TAGS = frozenset({"nav", "script", "style", "noscript", "template", "select", "option"})
_SECTION_TAGS = frozenset({"aside", "footer"})  # chrome, unless they are an article's own (its byline footer)
_CHROME_MARK = regex.compile(r"comment|footer|sidebar|related|recent|popular|recommend|copyright|"
                             r"breadcrumb|calendar|archive|trending|most-?read|newsletter|cookie", regex.I)
# Layout words: "layoutTwoColumnsRightSidebar", "with-sidebar", "footerRow", "sidebar-mode main-content" name the
# page grid around the main column, not a chrome box.
_LAYOUT_MARK = regex.compile(r"layout|with|has[-_]|rows?$|columns|mode|main[-_]?content", regex.I)
CHROME_DEPTH = 20


def in_chrome(node: LexborNode, headline: frozenset[int] = frozenset()) -> bool:
    """True when an ancestor is page chrome (tag, class or id), so a date inside it is not the article's.

    A ``<footer>`` or ``<aside>`` inside an ``<article>`` or ``<main>``
    belongs to that article (HTML sectioning: the byline footer, a facts
    box), so it is chrome only outside them.  An ancestor that holds the
    headline (``headline``: the ``mem_id``s of the first ``<h1>``'s
    ancestors) is the main column whatever its class says
    ("content with-sidebar", "footerRow").
    """
    parent, depth = node.parent, CHROME_DEPTH
    section = False
    while parent is not None and depth:
        tag = parent.tag
        if tag in _CHROME_TAGS:
            return True
        if tag in ("body", "html"):
            break
        if parent.mem_id in headline:
            return False
        if tag in _SECTION_TAGS:
            section = True
        elif tag in ("article", "main"):
            section = False
            parent, depth = parent.parent, depth - 1
            continue  # an article's classes name its categories and tags ("category-popular"), not chrome
        attrs = parent.attributes
        marks = (attrs.get("class") or "") + " " + (attrs.get("id") or "")
        if marks != " " and _CHROME_MARK.search(marks) and is_chrome_mark(marks):
            return True
        parent, depth = parent.parent, depth - 1
    return section


def is_chrome_mark(marks: str) -> bool:
    """True when a class or id token names a chrome box ("comments-area"), not a layout ("with-sidebar")."""
    return any(_CHROME_MARK.search(t) and not _LAYOUT_MARK.search(t) for t in marks.split())


# A plausible year: text segments without one are skipped before the date patterns run.  Stdlib ``re``
# without a look-behind (checked by hand): this scans the whole body text, scripts included, and a
# leading digit class or look-behind makes the scan several times slower.
_DATE_CUE = re.compile(r"(?:199|20[0-4])\d(?!\d)")
_COPYRIGHT = regex.compile(r"©|&copy;|\(c\)|copyright|all rights reserved|alle rechte", regex.I)
MAX_SEGMENT = 100
MAX_BODY_SCAN = 500_000  # characters of body text searched for a date (bounds the worst case)
MAX_TEXT_DATES = 30


def from_body_text(page: Page) -> Found:
    """The first full date in a short visible text segment outside chrome.

    The last markup-free resort (htmldate's "extensive search", cheaply):
    only segments of at most ``MAX_SEGMENT`` characters holding a year are
    searched (a date line is short, a paragraph that mentions a date is
    about something else; a longer segment counts only when it opens with
    the date, a press release's dateline), and copyright lines are
    skipped.  The first date outside chrome wins: on the corpora it beats
    "the first after the ``<h1>``" (the byline often stands above the
    headline).  The segments are read from one ``text()`` call; the tree is
    walked only as far as the text nodes that hold a date, to test their
    ancestors (see :func:`dated_segments`).
    """
    body = page.tree.body
    if body is None:
        return {}
    headline, month_first = page.headline_path(), page.month_first
    tried = 0
    for node, value in dated_segments(body, month_first):
        if not in_chrome(node, headline):
            return {"published": value}
        tried += 1
        if tried >= MAX_TEXT_DATES:  # a page of dated teasers: stop
            break
    return {}


_SEGMENT_SEP = "\x1f"  # never in HTML text: the Unit Separator control character


# Labels of dates that are not the page's publication: a forum member's registration, a birthday.  Looked for
# before the date in its segment and in the segment before (the label is often its own text node:
# "<strong>Joined:</strong> 18.09.2008").
_OTHER_DATE_LABEL = regex.compile(r"registriert|registered|anmeldedatum|joined|member since|mitglied seit|"
                                  r"dabei seit|inscrit|inscrito|iscritto|geboren|born|birthday", regex.I)
LABEL_CHARS = 30


def segment_date(text: str, month_first: bool) -> datetime | None:
    """The date of one text segment under the body-text rules (short, or opening with the date; no copyright)."""
    text = text.strip()
    if _COPYRIGHT.search(text, 0, MAX_SEGMENT):
        return None
    if len(text) > MAX_SEGMENT:  # a paragraph: only a dateline that opens it ("01.02.2022 – Der ...")
        return leading_date(text, month_first=month_first)
    return parse_date(text, search=True, month_first=month_first)


def dated_segments(body: LexborNode, month_first: bool) -> Iterator[tuple[LexborNode, datetime]]:
    """(text node, date) for each body text node that holds a date, in document order, lazily.

    ``body.text(separator=...)`` joins the text nodes in document order
    (one C call), so the segments with a year are found by one regex scan
    of one string; the Python-level tree walk then advances to each of
    them in turn, and stops when the caller has its date.
    """
    joined = body.text(deep=True, separator=_SEGMENT_SEP)
    walk = (n for n in body.traverse(include_text=True) if n.tag == "-text")
    index = -1  # of the text node ``walk`` last produced
    counted_to, count = 0, 0  # separators before ``counted_to``
    window = MAX_SEGMENT * 2  # a dated segment is short, or opens with its date: look no further back
    last_end = -1
    for m in _DATE_CUE.finditer(joined, 0, MAX_BODY_SCAN):
        at = m.start()
        if at < last_end or (at and joined[at - 1].isdigit()):
            continue  # one segment, several years; or a longer number
        start = joined.rfind(_SEGMENT_SEP, max(0, at - window), at) + 1
        if start == 0 and at > window:
            continue  # deep inside a long segment (a script, a paragraph)
        end = joined.find(_SEGMENT_SEP, m.end(), start + window)
        end = end if end >= 0 else min(len(joined), start + window)
        last_end = end
        before = joined.rfind(_SEGMENT_SEP, max(0, start - 1 - LABEL_CHARS), max(0, start - 1)) + 1
        if _OTHER_DATE_LABEL.search(joined, before or max(0, start - 1 - LABEL_CHARS), at):
            continue  # "Registriert: 18.09.2008", "Member since 2019": the label stands just before the date
        value = segment_date(joined[start:end], month_first)
        if value is None:
            continue
        count += joined.count(_SEGMENT_SEP, counted_to, start)
        counted_to = start
        node = None
        while index < count:
            node = next(walk, None)
            if node is None:
                return
            index += 1
        yield node, value  # type: ignore[misc]  # a date's segment is a text node of its own


MARKED_SELECTOR = BYLINE_SELECTOR + ", " + DATE_TEXT_SELECTOR


def from_url(page: Page) -> Found:
    """A date in the URL path (``/2022/12/06/``): the CMS's own record of the publication day."""
    url = page.ctx.url or page.found.canonical_url
    return {"published": date_in_url(url)}


def from_host(page: Page) -> Found:
    """The name in the page's address (``www.pluralsight.com`` -> ``pluralsight``), when nothing in the
    page names its site: the last resort, marked ``"host"`` in ``Metadata.sources``."""
    names = host_names(page.ctx.host)
    return {"site_name": names[1]} if names else {}


def from_text(page: Page) -> Found:
    """The language of the visible paragraphs, when no markup states it."""
    body = page.tree.body
    if body is None:
        return {}
    parts: list[str] = []
    size = 0
    for node in body.css("p")[:60]:
        text = node.text(deep=True)
        parts.append(text)
        size += len(text)
        if size > 4000:
            break
    return {"language": guess_language(" ".join(parts))}


def from_htmldate(page: Page) -> Found:
    """htmldate's heuristics over the whole page, the last resort (costly: it re-parses with lxml)."""
    try:
        from htmldate import find_date  # optional: installed with trafilatura
    except ImportError:
        return {}
    try:
        found = find_date(page.tree.html, url=page.ctx.url, extensive_search=False, original_date=True)
    except Exception:  # a third-party heuristic must not break extraction
        return {}
    return {"published": parse_date(found)}


Source = Callable[[Page], Found]
# (name, the fields it can fill, function) in order of trust.
SOURCES: tuple[tuple[str, frozenset[str], Source], ...] = (
    ("html-lang", frozenset({"language"}), from_html_lang),
    ("json-ld", frozenset(FIELDS), from_jsonld),
    ("opengraph", frozenset(FIELDS), from_opengraph),
    ("meta", frozenset(FIELDS), from_meta),
    ("microdata", frozenset(FIELDS), from_microdata),
    ("links", frozenset({"canonical_url", "image", "license", "tags", "categories"}), from_links),
    ("time", frozenset({"published", "modified"}), from_time),
    ("byline", frozenset({"authors"}), from_byline),
    ("url", frozenset({"published"}), from_url),
    ("date-text", frozenset({"published"}), from_date_text),
    ("body-text", frozenset({"published"}), from_body_text),
    ("text", frozenset({"language"}), from_text),
    ("host", frozenset({"site_name"}), from_host),
)
# htmldate only runs when every source above found no publication date.
LAST_RESORT: tuple[tuple[str, frozenset[str], Source], ...] = (("htmldate", frozenset({"published"}),
                                                                 from_htmldate),)


def extract_metadata(tree: LexborHTMLParser, ctx: Context, *, htmldate: bool = False) -> Metadata:
    """Every metadata field of the page, each from the most trusted source that has it.

    ``htmldate=True`` adds htmldate as the last date source, for pages where
    every other source (visible text included) found no date: on the corpora
    it adds about one point of date accuracy, and it re-parses the page with
    lxml (benchmarks/results/metadata.md).
    """
    page = Page(tree, ctx)
    meta = page.found
    candidates: dict[str, list[tuple[str, Any]]] = {}
    sources = SOURCES + (LAST_RESORT if htmldate else ())
    for name, fields, fn in sources:
        if all(_filled(meta, f) for f in fields):
            continue
        for key, value in fn(page).items():
            if value in (None, "", ()):
                continue
            candidates.setdefault(key, []).append((name, value))
            if key != "title" and not _filled(meta, key):
                setattr(meta, key, value)
                meta.sources[key] = name
    _prefer_full_description(meta, candidates.get("description", []))
    meta.title, src = choose_title(page, candidates.get("title", []))
    if src:
        meta.sources["title"] = src
    if meta.published is not None:
        meta.published = prefer_local(meta.published, (v for _, v in candidates.get("published", ())),
                                      date_in_url(ctx.url or meta.canonical_url))
    elif meta.modified is not None:
        # a page that only states when it was last updated: that is the date it shows as its own
        meta.published = meta.modified
        meta.sources["published"] = f"{meta.sources['modified']} (modified)"
    _finish(page, meta)
    meta.types = page_types(page)
    return meta


_LD_TYPE = regex.compile(r'"@type"\s*:\s*(?:"([^"]{1,60})"|\[([^\]]{1,300})\])')
_QUOTED = regex.compile(r'"([^"]+)"')


def page_types(page: Page) -> frozenset[str]:
    """schema.org ``@type`` names in the page's JSON-LD (read without parsing the JSON: a block that does
    not parse still says what it describes) and microdata, plus ``og:<type>`` from OpenGraph.  From the
    nodes the page's one walk gathered, not three more walks."""
    out: set[str] = set()
    if page.og_type:
        out.add("og:" + page.og_type.strip().lower())
    for itemtype in page.itemtypes:
        out.update(itemtype.split())
    for text in page.ld_texts():
        for one, many in _LD_TYPE.findall(text):
            out.update([one] if one else _QUOTED.findall(many))
    return frozenset(t.rsplit("/", 1)[-1] for t in out)


MIN_DESCRIPTION = 35  # characters: 25-60 score within a page or two of each other on the corpora


def _prefer_full_description(meta: Metadata, found: list[tuple[str, str]]) -> None:
    """A JSON-LD description shorter than ``MIN_DESCRIPTION`` yields to the next source's, if it has another.

    Such a value is a fragment or a slogan ("Mezcal is huge right now.",
    "watson - das newsportal"); the sharing description
    (``og:description``) then usually holds the page's own summary.  (A
    short ``og:description`` is the page's chosen summary and stays.)
    """
    if meta.sources.get("description") != "json-ld" or len(meta.description or "") >= MIN_DESCRIPTION:
        return
    other = next(((src, d) for src, d in found if d != meta.description), None)
    if other is not None:
        meta.sources["description"], meta.description = other


def _filled(meta: Metadata, name: str) -> bool:
    if name == "title":
        return False  # decided after all sources are read, see choose_title
    return getattr(meta, name) not in (None, "", ())


def choose_title(page: Page, found: list[tuple[str, str]]) -> tuple[str | None, str]:
    """The headline: the visible heading when a title source agrees with it, else the most trusted title.

    Titles from markup are SEO titles: they often differ from the visible
    headline or carry the site name.  So a heading marked as the post title
    (``h2.entry-title``) or an ``<h1>`` whose words mostly appear in a title
    source (``H1_AGREEMENT``) wins, unless it is the short segment of a
    "Headline | Blog name" title (then it is the blog's name).  Otherwise the
    most trusted source, then a marked heading, then ``<title>``, then the
    first ``<h1>``, with its site-name segment stripped.
    """
    node = page.title_node
    doc_title = _clean(node.text()) if node is not None else None
    marked = [t for t in (_clean(h.text(deep=True, separator=" ")) for h in page.headings) if t]
    h1s = [t for t in (_clean(h.text(deep=True, separator=" ")) for h in page.h1s) if t]
    refs = [t for _, t in found] + ([doc_title] if doc_title else [])
    sites = [page.found.site_name or "", *host_names(page.ctx.host)]
    for heading in dict.fromkeys(marked + h1s):
        if len(heading) > MAX_TITLE_CHARS or is_minor_segment(heading, refs) or is_site_name(heading, sites):
            continue
        if any(agreement(heading, ref) >= H1_AGREEMENT for ref in refs):
            return heading, "h1"
    if found:
        src, title = found[0]
    elif marked:
        return marked[0], "heading"
    elif doc_title:
        src, title = "title", doc_title
    elif h1s:
        return h1s[0], "h1"
    else:
        return None, ""
    sites += [h for h in h1s if is_minor_segment(h, [title])]
    return strip_site(title, sites), src


def is_minor_segment(heading: str, titles: list[str]) -> bool:
    """True when ``heading`` is one segment of a separated title and a longer segment exists (a site name)."""
    key = heading.casefold()
    for title in titles:
        parts = [p.strip().casefold() for p in TITLE_SEP.split(title)]
        if len(parts) > 1 and key in parts and any(len(p) > len(key) for p in parts):
            return True
    return False


H1_AGREEMENT = 0.6  # 0.4 and 0.8 score the same on the corpora within 1 point
MAX_TITLE_CHARS = 300
_TOKEN = regex.compile(r"\w+")


def agreement(headline: str, ref: str) -> float:
    """The share of the headline's words that ``ref`` also has (0 when the headline has none)."""
    words = _TOKEN.findall(headline.casefold())
    if not words:
        return 0.0
    ref_words = set(_TOKEN.findall(ref.casefold()))
    return sum(w in ref_words for w in words) / len(words)


def _finish(page: Page, meta: Metadata) -> None:
    """Absolute URLs, a canonical date order."""
    base = page.base
    for name in ("image", "canonical_url"):
        value = getattr(meta, name)
        if value and base and not value.startswith(("http://", "https://")):
            setattr(meta, name, urljoin(base, value))
        elif value and value.startswith("//"):
            setattr(meta, name, "https:" + value)
    if meta.canonical_url and "#" in meta.canonical_url:
        # JSON-LD "@id"s such as ".../#webpage" name a graph node, not a page address
        meta.canonical_url = meta.canonical_url.split("#", 1)[0] or None
    if meta.published and meta.modified and meta.modified < _comparable(meta.published, meta.modified):
        meta.modified = None


def _comparable(a: datetime, b: datetime) -> datetime:
    """``a`` made comparable with ``b`` (aware vs naive: the zone is dropped)."""
    if (a.tzinfo is None) != (b.tzinfo is None):
        return a.replace(tzinfo=b.tzinfo)
    return a


def first_date(values: Iterable[str | None]) -> datetime | None:
    for value in values:
        found = parse_date(value)
        if found is not None:
            return found
    return None


_LANG = regex.compile(r"^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]{2,8})*$")


def language_code(value: str | None) -> str | None:
    """The primary language subtag, lower case: ``en-US`` / ``de_DE`` -> ``en`` / ``de``."""
    if not value:
        return None
    m = _LANG.match(value.strip().split(",")[0].strip())
    return m[1].lower() if m else None


_CC = regex.compile(r"creativecommons\.org/(licenses|publicdomain)/([a-z\-+]+)/?(\d\.\d)?/?([a-z]{2})?", regex.I)


def license_name(value: str | None) -> str | None:
    """A licence from a URL or name: Creative Commons URLs become "CC BY-SA 4.0 DE", other URLs stay as they are."""
    if not value:
        return None
    m = _CC.search(value)
    if m:
        if m[1].lower() == "publicdomain":
            return "CC0 1.0" if m[2].lower() == "zero" else "Public Domain Mark"
        parts = ["CC", m[2].upper()] + ([m[3]] if m[3] else []) + ([m[4].upper()] if m[4] else [])
        return " ".join(parts)
    value = _clean(value)
    return value if value and len(value) <= 120 else None


def apply_rule_fields(tree: LexborHTMLParser, rule: "SiteRule", meta: Metadata) -> None:
    """A site rule's field selectors win over every other source (first matching selector)."""
    from . import dom
    from .meta_dates import parse_date

    root = tree.root
    if root is None:
        return
    if rule.title:
        node = dom.first(root, rule.title)
        if node is not None and dom.text_of(node):
            meta.title, meta.sources["title"] = dom.text_of(node), f"rule {rule.id}"
    if rule.author:
        names = tuple(dict.fromkeys(dom.text_of(n) for sel in rule.author for n in dom.select(root, sel)
                                    if dom.text_of(n)))
        if names:
            meta.authors, meta.sources["authors"] = names, f"rule {rule.id}"
    if rule.date:
        node = dom.first(root, rule.date)
        if node is not None:
            value = parse_date(node.attributes.get("datetime") or node.attributes.get("content") or dom.text_of(node),
                               search=True)
            if value is not None:
                meta.published, meta.sources["published"] = value, f"rule {rule.id}"
