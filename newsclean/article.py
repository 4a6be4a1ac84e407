"""The typed, immutable result of an extraction: :class:`Article` and its parts.

Nothing here holds a parser object, so an ``Article`` pickles, hashes, and
outlives the document it came from.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from typing import Any, Literal, Mapping

BlockKind = Literal["heading", "paragraph", "list_item", "quote", "code", "table_row", "caption", "image"]
BLOCK_KINDS: tuple[str, ...] = ("heading", "paragraph", "list_item", "quote", "code", "table_row", "caption",
                                "image")


@dataclass(frozen=True, slots=True)
class Link:
    """A link inside a block: ``block.text[start:end]`` is its anchor text, ``href`` its target.

    ``href`` is absolute when the page URL is known.  Only links that lead
    somewhere off the spot are kept: no ``javascript:``/``vbscript:``/``data:``
    targets, no same-page fragments (``#notes``, empty ``href``), no anchors
    without text.
    """

    start: int
    end: int
    href: str


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the article body, in reading order.

    ``level`` is the heading level (1-6) for headings and the nesting depth
    (1 = top level) for list items; ``cells`` holds a table row's cells;
    ``lang`` a code block's language where the page marks it; ``src`` an
    image's address (``text`` is then its alt text); ``ordered`` tells a
    numbered list item from a bulleted one.  ``links`` are the links in
    ``text``, in order and not overlapping (code and image blocks have none;
    a table row's offsets count in its ``" | "``-joined ``text``).
    """

    kind: BlockKind
    text: str
    level: int = 0
    cells: tuple[str, ...] = ()
    lang: str | None = None
    src: str | None = None
    ordered: bool = False
    links: tuple[Link, ...] = ()


@dataclass(frozen=True, slots=True)
class Removal:
    """One node a step removed: its tag, a CSS path to find it again, a text sample."""

    tag: str
    selector: str
    sample: str
    chars: int


@dataclass(frozen=True, slots=True)
class StepTrace:
    """What one pipeline step did to one document."""

    name: str
    removed: int
    chars: int
    ms: float
    samples: tuple[Removal, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Comment:
    """A reader comment, kept apart from the article text."""

    text: str
    author: str | None = None
    published: datetime | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A content-root candidate of the scoring stage (kept in the trace)."""

    selector: str
    score: float
    chars: int


_DATES = ("published", "modified")


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """The article a page holds, without the site's chrome.

    ``text`` joins the blocks: paragraphs are separated by a blank line,
    headings stand on their own lines, list items and table rows take one
    line each.  The title is a field of its own and is not repeated in
    ``text``.  ``found`` is False when the page held no article.
    """

    url: str | None = None
    title: str | None = None
    text: str = ""
    blocks: tuple[Block, ...] = ()
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
    source: str | None = None
    comments: tuple[Comment, ...] = ()
    rule_id: str | None = None
    sources: tuple[tuple[str, str], ...] = ()
    trace: tuple[StepTrace, ...] = ()
    candidates: tuple[Candidate, ...] = ()

    @property
    def found(self) -> bool:
        """True when the page held an article body."""
        return bool(self.text)

    # -- serialisation -------------------------------------------------------------------------
    def to_dict(self, *, trace: bool = False) -> dict[str, Any]:
        """A JSON-safe dict with a stable key order (the field order).

        Dates become ISO 8601 strings and tuples lists.  The trace and the
        candidates are left out unless ``trace=True``.
        """
        out: dict[str, Any] = {}
        for f in fields(self):
            if f.name in ("trace", "candidates") and not trace:
                continue
            value = getattr(self, f.name)
            if f.name in _DATES:
                value = value.isoformat() if value else None
            elif f.name == "comments":
                value = [{"text": c.text, "author": c.author,
                          "published": c.published.isoformat() if c.published else None} for c in value]
            elif f.name == "sources":
                value = dict(value)
            elif f.name in ("blocks", "trace", "candidates"):
                value = [_compact(asdict(b)) for b in value]
            elif isinstance(value, tuple):
                value = list(value)
            out[f.name] = value
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Article":
        """Rebuild an Article from :meth:`to_dict` output (round-trips)."""
        kw: dict[str, Any] = {}
        names = {f.name for f in fields(cls)}
        for key, value in data.items():
            if key not in names:
                raise ValueError(f"unknown Article field {key!r}")
            if key in _DATES:
                value = datetime.fromisoformat(value) if value else None
            elif key == "comments":
                value = tuple(Comment(c["text"], c.get("author"),
                                      datetime.fromisoformat(c["published"]) if c.get("published") else None)
                              for c in value)
            elif key == "sources":
                value = tuple(value.items())
            elif key == "blocks":
                value = tuple(_block(b) for b in value)
            elif key == "trace":
                value = tuple(StepTrace(**{**t, "samples": tuple(Removal(**s) for s in t.get("samples", ()))})
                              for t in value)
            elif key == "candidates":
                value = tuple(Candidate(**c) for c in value)
            elif isinstance(value, list):
                value = tuple(value)
            kw[key] = value
        return cls(**kw)

    def to_json(self, *, indent: int | None = None, trace: bool = False) -> str:
        """:meth:`to_dict` as JSON text (UTF-8 characters kept as they are)."""
        return json.dumps(self.to_dict(trace=trace), ensure_ascii=False, indent=indent)

    def to_text(self) -> str:
        """The title, a blank line, then the body text."""
        return f"{self.title}\n\n{self.text}" if self.title and self.text else (self.text or self.title or "")

    def to_markdown(self, *, links: bool = False) -> str:
        """The article as Markdown: title as ``#``, headings, lists, quotes, fenced code, tables.

        With ``links=True`` the blocks' links become ``[anchor](href)``;
        without, the text is rendered as it is (the anchors' words, no targets).
        Code blocks never hold links.
        """
        from ._markdown import render  # small module, imported on use

        return render(self, links=links)


def _block(data: Mapping[str, Any]) -> Block:
    """A Block from its :meth:`Article.to_dict` form (lists back to tuples, link dicts to Links).

    A missing or null ``cells``/``links`` (as Parquet reads back) is empty.
    """
    return Block(**{**data, "cells": tuple(data.get("cells") or ()),
                    "links": tuple(Link(**link) for link in data.get("links") or ())})


def _compact(d: dict[str, Any]) -> dict[str, Any]:
    """Drop default-valued keys of a block/trace dict to keep JSON small; tuples become lists."""
    out = {}
    for k, v in d.items():
        if v in (None, (), 0, False, "") and k not in ("kind", "text", "name", "removed", "chars", "ms", "score"):
            continue
        out[k] = list(v) if isinstance(v, tuple) else v
    return out
