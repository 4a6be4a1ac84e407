"""JSON-LD (schema.org) blocks: parse leniently, flatten, pick the page's main entity.

Real pages ship JSON-LD with trailing commas, raw control characters, HTML
comments and CDATA wrappers; :func:`loads` repairs those and otherwise gives
up on the block (never raises).  :func:`objects` flattens ``@graph`` and
arrays and resolves ``{"@id": ...}`` references, since Yoast-style graphs
name the author only through a reference to a ``Person`` node.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Iterator

import regex

# The entity types whose fields describe the page's main content, most specific first.
ARTICLE_TYPES = ("NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
                 "BackgroundNewsArticle", "ReviewNewsArticle", "LiveBlogPosting", "BlogPosting", "Article",
                 "TechArticle", "ScholarlyArticle", "SatiricalArticle", "Report", "SocialMediaPosting",
                 "DiscussionForumPosting", "Review", "Recipe", "HowTo", "Product", "VideoObject", "Event",
                 "Question", "QAPage", "Course", "JobPosting")
PAGE_TYPES = ("WebPage", "ItemPage", "AboutPage", "ProfilePage", "CollectionPage", "FAQPage", "MedicalWebPage")
_RANK = {t: i for i, t in enumerate(ARTICLE_TYPES + PAGE_TYPES)}

_TRAILING_COMMA = regex.compile(r",\s*(?=[}\]])")
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_WRAPPERS = regex.compile(r"^\s*(?:<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)|(?://\s*\]\]>|\]\]>|-->)\s*$")
_DECODER = json.JSONDecoder(strict=False)  # strict=False: raw newlines/tabs inside strings are accepted


def loads(text: str) -> Any:
    """The JSON value of a ``<script type=application/ld+json>`` body, or None when beyond repair.

    Tries the text as is, then with comment/CDATA wrappers, control
    characters and trailing commas removed, then as several concatenated
    values (some CMSs print one object per plugin into one script).
    """
    text = text.strip()
    if not text:
        return None
    try:
        return _DECODER.decode(text)
    except ValueError:
        pass
    fixed = _TRAILING_COMMA.sub("", _CONTROL.sub(" ", _WRAPPERS.sub("", text))).strip().rstrip(";")
    try:
        return _DECODER.decode(fixed)
    except ValueError:
        pass
    values, pos = [], 0
    while pos < len(fixed):
        try:
            value, end = _DECODER.raw_decode(fixed, pos)
        except ValueError:
            break
        values.append(value)
        pos = end
        while pos < len(fixed) and fixed[pos] in " \t\r\n,;":
            pos += 1
    return values or None


def objects(values: Iterable[Any]) -> list[dict[str, Any]]:
    """Every object of the blocks, ``@graph`` and arrays flattened, in document order."""
    out: list[dict[str, Any]] = []
    for value in values:
        _walk(value, 0, out)
    return out


def _walk(value: Any, depth: int, out: list[dict[str, Any]]) -> None:
    """:func:`objects` for one value.  A module function, not a closure: a closure that calls itself is
    a reference cycle, which kept every page's parsed JSON-LD alive until the cycle collector ran."""
    if depth > 4:
        return
    if isinstance(value, list):
        for item in value:
            _walk(item, depth + 1, out)
    elif isinstance(value, dict):
        if "@graph" in value:
            _walk(value["@graph"], depth + 1, out)
        if "@type" in value:
            out.append(value)


def types(obj: dict[str, Any]) -> tuple[str, ...]:
    """The ``@type`` of an object as a tuple of short names (``schema:NewsArticle`` -> ``NewsArticle``)."""
    t = obj.get("@type")
    items = t if isinstance(t, list) else [t]
    return tuple(str(x).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for x in items if isinstance(x, str))


def rank(obj: dict[str, Any]) -> int:
    """How well an object describes the main content: lower is better, ``len(_RANK)`` is not at all."""
    return min((_RANK.get(t, len(_RANK)) for t in types(obj)), default=len(_RANK))


def main_entity(objs: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The article-like object (the best-ranked type, the first of equals), or None."""
    best = None
    best_rank = len(_RANK)
    for obj in objs:
        r = rank(obj)
        if r < best_rank:
            best, best_rank = obj, r
    return best


def by_id(objs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {obj["@id"]: obj for obj in objs if isinstance(obj.get("@id"), str)}


def resolve(value: Any, ids: dict[str, dict[str, Any]]) -> Any:
    """A ``{"@id": x}`` reference replaced by the object it names (one level)."""
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id") in ids:
        return ids[value["@id"]]
    return value


def first_of_type(objs: list[dict[str, Any]], *wanted: str) -> dict[str, Any] | None:
    for obj in objs:
        if any(t in wanted for t in types(obj)):
            return obj
    return None


def names(value: Any, ids: dict[str, dict[str, Any]], *, people_only: bool = False) -> Iterator[str]:
    """The ``name`` strings of an author/publisher value: a string, an object, or a list of either."""
    items = value if isinstance(value, list) else [value]
    for item in items[:20]:
        item = resolve(item, ids)
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            if people_only and "Organization" in types(item) and "Person" not in types(item):
                continue
            name = item.get("name")
            if isinstance(name, list):
                name = next((n for n in name if isinstance(n, str)), None)
            if isinstance(name, dict):
                name = name.get("@value")
            if isinstance(name, str):
                yield name
            elif isinstance(item.get("givenName"), str):
                yield f"{item['givenName']} {item.get('familyName') or ''}".strip()


def text_value(value: Any) -> str | None:
    """A plain string from a schema.org value (string, ``{"@value"}``, first of a list)."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, (str, dict))), None)
    if isinstance(value, dict):
        value = value.get("@value") or value.get("url") or value.get("@id")
    return value if isinstance(value, str) else None


def strings(value: Any) -> list[str]:
    """A list of strings from a string (comma separated), a list, or objects with a name."""
    if isinstance(value, str):
        return [v for v in (s.strip() for s in value.split(",")) if v]
    if isinstance(value, list):
        out = []
        for v in value:
            if isinstance(v, str) and v.strip():
                out.append(v.strip())
            elif isinstance(v, dict) and isinstance(v.get("name"), str):
                out.append(v["name"].strip())
        return out
    return []
