"""Page metadata: title, authors, dates, site, language, description, image, canonical URL.

Read from the untouched tree, before any cleaner runs.  Each field comes
from the most trusted source that has it; ``Metadata.sources`` records
which one, for the trace.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin

import regex

if TYPE_CHECKING:
    from .context import Context
    from .dom import LexborHTMLParser, LexborNode

_WS = regex.compile(r"\s+")
# " | Site", " - Site", " — Site" at the end of a <title>
_TITLE_SEP = regex.compile(r"\s+[|\-–—·:»/]\s+")


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


def _clean(text: str | None) -> str | None:
    if not text:
        return None
    text = _WS.sub(" ", text).strip()
    return text or None


def _meta(tree: LexborHTMLParser, *keys: str) -> str | None:
    for key in keys:
        node = tree.css_first(f'meta[property="{key}" i], meta[name="{key}" i], meta[itemprop="{key}" i]')
        if node is not None:
            value = _clean(node.attributes.get("content"))
            if value:
                return value
    return None


def title_of(tree: LexborHTMLParser, meta: Metadata) -> tuple[str | None, str]:
    """The headline: an <h1> the other sources agree with, else og:title, else <title> minus the site."""
    og = _meta(tree, "og:title", "twitter:title")
    node = tree.css_first("title")
    doc_title = _clean(node.text()) if node is not None else None
    h1s = [_clean(h.text()) for h in tree.css("h1")[:5]]
    h1s = [h for h in h1s if h]
    for h in h1s:
        for ref in (og, doc_title):
            if ref and (h.lower() in ref.lower() or ref.lower() in h.lower()):
                return h, "h1"
    if og:
        return og, "og:title"
    if doc_title:
        parts = _TITLE_SEP.split(doc_title)
        if len(parts) > 1:
            return max(parts, key=len), "title"
        return doc_title, "title"
    if h1s:
        return h1s[0], "h1"
    return None, ""


def extract_metadata(tree: LexborHTMLParser, ctx: Context) -> Metadata:
    meta = Metadata()
    meta.title, src = title_of(tree, meta)
    if src:
        meta.sources["title"] = src
    meta.site_name = _meta(tree, "og:site_name", "application-name")
    meta.description = _meta(tree, "og:description", "description", "twitter:description")
    image = _meta(tree, "og:image", "twitter:image")
    meta.image = urljoin(ctx.url, image) if image and ctx.url else image
    html = tree.css_first("html")
    lang = html.attributes.get("lang") if html is not None else None
    meta.language = _clean(lang.split("-")[0].lower()) if lang else None
    canon = tree.css_first('link[rel="canonical" i]')
    href = canon.attributes.get("href") if canon is not None else None
    if href:
        meta.canonical_url = urljoin(ctx.url, href) if ctx.url else href
    author = _meta(tree, "author", "article:author", "parsely-author", "sailthru.author")
    if author and not author.startswith("http"):
        meta.authors = (author,)
    return meta
