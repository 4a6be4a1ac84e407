"""Drop the headline from the body: ``Article.title`` holds it, ``text`` does not repeat it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import dom
from ..pipeline import cleaner

if TYPE_CHECKING:
    from ..context import Context
    from ..dom import LexborNode


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold().strip(" .:")


def is_title(text: str, title: str | None) -> bool:
    """``text`` (a heading's) is the page's ``title``, or holds it with little more (a kicker, a site name)."""
    if not title:
        return False
    text, title = _norm(text), _norm(title)
    return bool(text) and (text == title or (len(title) > 15 and title in text and len(text) < 1.5 * len(title)))


@cleaner("title-heading", stage="content")
def title_heading(root: LexborNode, ctx: Context) -> None:
    """Remove the first heading whose text is the page's title (or contains it)."""
    if not ctx.title:
        return
    for node in dom.select(root, "h1, h2, h3")[:4]:
        if is_title(node.text(deep=True), ctx.title):
            dom.remove([node], ctx)
            return
