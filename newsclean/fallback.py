"""A measured fallback: when newsclean is unsure (it found little or no text), ask trafilatura.

newsclean's own engine runs on every page; trafilatura runs only on the few
pages where newsclean's output is short (about 6% of the benchmark pages), so
its cost is paid rarely.  Its answer is taken only when it is longer.  The
gain and the cost are measured in benchmarks/RESULTS.md.  trafilatura is
imported on first use, so ``import newsclean`` stays light.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from typing import Protocol

from .article import Block

_ORDERED = re.compile(r"^\d+[.)] ")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}")
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")


class Fallback(Protocol):
    """A second extractor for pages where newsclean's text is shorter than ``min_chars``."""

    name: str
    min_chars: int
    min_page_chars: int
    max_chars: int

    def __call__(self, html: str, url: str | None) -> tuple[Block, ...]: ...


@dataclass(frozen=True, slots=True)
class TrafilaturaFallback:
    """trafilatura 2.x (``include_comments=False``), its Markdown output turned into typed blocks.

    "Unsure" means: newsclean kept fewer than ``min_chars`` characters of a
    page holding at least ``min_page_chars`` (a short page with a short or
    no article is not a doubt: trafilatura would return its menu).  An
    answer holding markup (lxml reads some raw-text elements differently
    from a browser) is refused, so the output guarantees stay newsclean's.  ``max_chars`` keeps it off huge pages, where
    trafilatura is slow and a short newsclean result is usually right (a
    giant data table).
    """

    name: str = "fallback-trafilatura"
    min_chars: int = 500
    min_page_chars: int = 2000
    max_chars: int = 2_000_000

    def __call__(self, html: str, url: str | None) -> tuple[Block, ...]:
        try:
            import trafilatura
        except ImportError as exc:  # a broken install: extraction goes on without the fallback, but says so
            warnings.warn(f"newsclean: the trafilatura fallback is off ({exc})", RuntimeWarning, stacklevel=2)
            return ()
        try:
            md = trafilatura.extract(html, url=url, output_format="markdown", include_comments=False)
        except Exception:  # a fallback must never turn a page newsclean handled into an error
            return ()
        blocks = markdown_blocks(md or "")
        if any(_MARKUP.search(b.text) for b in blocks):
            return ()
        return blocks


def markdown_blocks(md: str) -> tuple[Block, ...]:
    """The block structure of trafilatura's Markdown: headings, list items, table rows, quotes, code."""
    out: list[Block] = []
    code: list[str] | None = None
    lang: str | None = None
    for line in md.split("\n"):
        if code is not None:
            if line.startswith("```"):
                out.append(Block("code", "\n".join(code), lang=lang))
                code = None
            else:
                code.append(line)
            continue
        text = line.strip()
        if not text:
            continue
        if text.startswith("```"):
            code, lang = [], text[3:].strip() or None
        elif text.startswith("#"):
            level = len(text) - len(text.lstrip("#"))
            if text[level:].strip():
                out.append(Block("heading", text[level:].strip(), level=min(level, 6)))
        elif text.startswith(("- ", "* ")):
            out.append(Block("list_item", text[2:].strip(), level=1))
        elif _ORDERED.match(text):
            out.append(Block("list_item", _ORDERED.sub("", text).strip(), level=1, ordered=True))
        elif text.startswith("|"):
            if not _TABLE_RULE.match(text):
                cells = tuple(c.strip() for c in text.strip("|").split("|"))
                out.append(Block("table_row", " | ".join(cells), cells=cells))
        elif text.startswith(">"):
            out.append(Block("quote", text.lstrip("> ").strip()))
        else:
            out.append(Block("paragraph", text))
    if code:
        out.append(Block("code", "\n".join(code), lang=lang))
    return tuple(b for b in out if b.text)
