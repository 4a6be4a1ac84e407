"""A measured fallback: when newsclean is unsure (it found little or no text), ask trafilatura.

newsclean's own engine runs on every page; trafilatura runs only on the few
pages where newsclean is unsure, so its cost is paid rarely.  The decision
has two halves, both here as plain functions of an :class:`Evidence` record
that the extractor fills in at the end of an extraction:

* **When** (:func:`asks`): newsclean kept fewer than ``min_chars``
  characters of a page whose text holds at least ``min_page_chars``, the
  HTML is at most ``max_chars`` long, and no site rule's ``content``
  selector chose the root: 88 of the 2,617 benchmark pages (3.4%; 4.0%
  of wcxb-dev).
* **Which** (:func:`takes`): the fallback's answer replaces newsclean's only
  when it is longer.

Both rules were re-examined against richer signals newsclean has for free
(the content root's share of the page text, its link density, block
kinds, the scorer's runner-up, page types) and against learned models,
fitted on the train half of the corpora and checked on the validation half
(``python -m benchmarks.fallback_policy``; docs/pipeline.md has the
figures).  Nothing beat them on both halves: the pages where trafilatura
does better mostly hold as much text by both engines, and newsclean's own
signals do not tell them apart; among the pages asked, "longer" is within
0.002 word F1 of choosing the better answer page by page.  trafilatura is imported on first use, so
``import newsclean`` stays light.
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
    """A second extractor for pages where newsclean's text is shorter than ``min_chars``.

    The extractor decides with :func:`asks` and :func:`takes`, which read only
    these four attributes, so any object that has them can stand in.
    """

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


@dataclass(frozen=True, slots=True)
class Evidence:
    """What newsclean knows about its own answer when it decides whether to ask the fallback.

    All of it is at hand once the content is chosen, so deciding costs
    nothing: ``chars`` is the text newsclean kept (images' alt text left
    out), ``page_chars`` the text of the page body after the markup-only
    steps, ``html_chars`` the length of the decoded HTML, and
    ``rule_content`` tells that a site rule's ``content`` selector chose the
    root (then a short answer is what the rule asked for, not a doubt).
    """

    chars: int
    page_chars: int
    html_chars: int
    rule_content: bool = False

    @property
    def share(self) -> float:
        """The kept text's share of the page text (0 for an empty page): for traces and studies."""
        return self.chars / self.page_chars if self.page_chars else 0.0


def asks(fallback: Fallback, evidence: Evidence) -> bool:
    """True when newsclean is unsure enough for ``fallback`` to be asked.

    A short answer is a doubt only on a page with enough text for a longer
    one (on a short page trafilatura would return its menu); the fallback
    never sees a page above its ``max_chars``, where it is slow and a short
    newsclean answer is usually right (a giant data table).
    """
    return (evidence.chars < fallback.min_chars
            and evidence.page_chars >= fallback.min_page_chars
            and evidence.html_chars <= fallback.max_chars
            and not evidence.rule_content)


def takes(ours: tuple[Block, ...], theirs: tuple[Block, ...]) -> bool:
    """True when the fallback's blocks should replace newsclean's: they hold more text.

    On the pages :func:`asks` lets through, newsclean's answer is short, and
    a longer answer is nearly always the better one (see the module docstring).
    """
    return text_chars(theirs) > text_chars(ours)


def text_chars(blocks: tuple[Block, ...]) -> int:
    """Characters of text in ``blocks``; an image's alt text is not article text."""
    return sum(len(b.text) for b in blocks if b.kind != "image")


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
