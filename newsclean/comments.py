"""Turn the comment sections the ``comments`` step removed into typed :class:`Comment` items.

Only used when ``extract(..., comments=True)``.  Each comment is found by the
markup comment systems share (WordPress, Disqus exports, schema.org): its
author, date and own text, without the replies nested inside it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from . import dom
from .article import Comment
from .meta_dates import parse_date

if TYPE_CHECKING:
    from .dom import LexborNode

# Selector lists below are in order of preference: the first selector with a match wins.
ITEM = ("[itemprop=comment], li.comment, article.comment, div.comment, li.comment-item, div.comment-item, "
        "[id^=comment-]:not(a):not(span), .comment-wrapper")
AUTHOR = "[itemprop=author] [itemprop=name], [itemprop=author], .comment-author .fn, .comment-author, .fn, cite, .author"
DATE = "time[datetime], [itemprop=dateCreated], [itemprop=datePublished], .comment-date, .comment-metadata time"
TEXT = "[itemprop=text], .comment-content, .comment-body > p, .comment-text, .comment-body"
MAX_COMMENTS = 500


def comments_from(sections: Iterable[LexborNode]) -> tuple[Comment, ...]:
    out: list[Comment] = []
    seen: set[int] = set()
    for section in sections:
        items = dom.select(section, ITEM)
        for item in items:
            if item.mem_id in seen or len(out) >= MAX_COMMENTS:
                continue
            seen.add(item.mem_id)
            comment = _one(item, items)
            if comment is not None:
                out.append(comment)
    return tuple(out)


def _own(node: LexborNode, selectors: str, items: list[LexborNode]) -> LexborNode | None:
    """The match of the first selector that has one in ``node``, outside nested comments."""
    nested = {n.mem_id for n in items if n.mem_id != node.mem_id}
    for selector in selectors.split(", "):
        found = _first_own(node, selector, nested)
        if found is not None:
            return found
    return None


def _first_own(node: LexborNode, selector: str, nested: set[int]) -> LexborNode | None:
    for found in dom.select(node, selector):
        if found.mem_id == node.mem_id:
            continue
        cur = found.parent
        inside = False
        while cur is not None and cur.mem_id != node.mem_id:
            if cur.mem_id in nested:
                inside = True
                break
            cur = cur.parent
        if not inside:
            return found
    return None


def _one(item: LexborNode, items: list[LexborNode]) -> Comment | None:
    body = _own(item, TEXT, items)
    text = dom.text_of(body) if body is not None else ""
    if not text:
        return None
    author_node = _own(item, AUTHOR, items)
    author = dom.text_of(author_node) if author_node is not None else None
    date_node = _own(item, DATE, items)
    published = None
    if date_node is not None:
        published = parse_date(date_node.attributes.get("datetime") or date_node.attributes.get("content")
                               or dom.text_of(date_node), search=True)
    return Comment(text=text, author=author or None, published=published)
