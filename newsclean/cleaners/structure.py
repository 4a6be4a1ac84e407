"""Cleaners that work from markup alone: non-content tags, hidden nodes, forms."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import dom, patterns
from ..pipeline import SelectorCleaner, cleaner

if TYPE_CHECKING:
    from ..context import Context
    from ..dom import LexborNode

# Never text a reader sees as part of a story.
# rt/rp: ruby readings (furigana) are reading aids, not words of the text.
NON_CONTENT_TAGS = ("script", "style", "template", "svg", "rt", "rp", "canvas", "iframe", "object",
                    "embed", "applet", "link", "meta", "button", "input", "select", "textarea", "option",
                    "datalist", "map", "audio", "video", "source", "track", "dialog", "head > title")

non_content = SelectorCleaner("non-content", tuple(NON_CONTENT_TAGS), stage="any")

NOSCRIPT_DOMINANCE = 2.0


@cleaner("noscript", stage="any")
def noscript(root: LexborNode, ctx: Context) -> None:
    """Remove ``<noscript>`` fallbacks, except when one holds the page.

    Script-rendered sites (Discourse, some SPAs) put the readable page inside
    ``<noscript>`` for crawlers; when the largest one holds far more text than
    everything outside the noscripts, it is unwrapped and kept.
    """
    boxes = dom.select(root, "noscript")
    if not boxes:
        return
    sizes = [len(dom.text_of(n)) for n in boxes]
    biggest = max(range(len(boxes)), key=sizes.__getitem__)
    # empty fallbacks (tracking pixels) can never hold the page: skip measuring the whole page's text
    keep = False
    if sizes[biggest]:
        outside = len(dom.text_of(root)) - sum(sizes)
        keep = sizes[biggest] > NOSCRIPT_DOMINANCE * max(outside, 0) and (sizes[biggest] > 200 or outside <= 0)
    if keep:
        ctx.notes.append(f"kept the noscript page ({sizes[biggest]} chars vs {outside} outside)")
        ctx.total_chars = sizes[biggest]
    dom.remove((n for i, n in enumerate(boxes) if not (keep and i == biggest)), ctx)
    if keep:
        boxes[biggest].unwrap()
        ctx.text_dirty = True


_HIDDEN = ("[hidden]", "[aria-hidden=true]", '[style*="display:none" i]', '[style*="display: none" i]',
           '[style*="visibility:hidden" i]', '[style*="visibility: hidden" i]',
           *(f".{c}" for c in patterns.HIDDEN_CLASSES))
hidden = SelectorCleaner("hidden", _HIDDEN, stage="any", max_share=0.5)

MAX_FORM_TEXT = 400


@cleaner("forms", stage="any")
def forms(root: LexborNode, ctx: Context) -> None:
    """Remove forms that hold fields and little text: search, login, comment and sign-up forms.

    A form wrapping a whole page (ASP.NET does that) holds far more text and stays.
    """
    dom.remove((f for f in dom.select(root, "form") if len(f.text(deep=True).strip()) < MAX_FORM_TEXT
                and dom.is_attached(f)), ctx)
