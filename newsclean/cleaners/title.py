"""Drop the headline from the body: ``Article.title`` holds it, ``text`` does not repeat it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import dom
from ..meta_text import is_title
from ..pipeline import cleaner

if TYPE_CHECKING:
    from ..context import Context
    from ..dom import LexborNode


@cleaner("title-heading", stage="content")
def title_heading(root: LexborNode, ctx: Context) -> None:
    """Remove the first heading whose text is the page's title (or contains it)."""
    if not ctx.title:
        return
    for node in dom.select(root, "h1, h2, h3")[:4]:
        if is_title(node.text(deep=True), ctx.title):
            dom.remove([node], ctx)
            return
