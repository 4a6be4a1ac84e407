"""Per-post chrome that a forum's post template repeats around every post.

A thread page prints the same lines beside each post: the poster's statistics
("Join Date: Aug 2008", "Posts: 1,077", "29,553 posts"), the post's number
("Post #3 of 7") and its buttons ("Reply", "Quote", "Report", "Click to
expand...").  Each line alone could be text; the evidence that it is template
is that the same kind of line stands in several places.  The lines are matched
on their whole text (as the phrase steps do) and removed alone, never with
what they sit in.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING

import re

from .. import dom, patterns
from ..pipeline import cleaner
from .phrases import MAX_LABEL_CHARS, label_texts

if TYPE_CHECKING:
    from ..context import Context
    from ..dom import LexborNode

MIN_REPEATS = 2  # the same kind of line in this many places: a template, not a sentence of a post
_NONE, _LINE, _LABEL = 0, 1, 2  # what an element's text is: nothing, a template line, a statistic's label
_DIGITS = re.compile(r"\d[\d.,]*k?")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a whole template line, a statistic's label alone).  The standard ``re`` module: these
    patterns need no full case folding, and it matched them 1.3-1.6x faster than ``regex`` over the
    label texts of 50 wcxb-dev pages (the walk collecting the texts, shared with the phrase steps
    through ``label_texts``, costs far more than either)."""
    labels = "|".join(f"(?:{p})" for p in patterns.POST_STAT_LABELS)
    line = "|".join([rf"(?:{labels})\s*:\s*.{{1,40}}", patterns.POST_STAT_COUNT,
                     *(f"(?:{p})" for p in patterns.POST_BUTTONS)])
    return re.compile(line, re.I), re.compile(labels, re.I)


def _kind(text: str) -> str:
    """What makes two lines the same template line: the label before a colon, digits folded
    ("Posts: 1,077" and "Posts: 98" are one kind; so are "Post #2" and "Post #7")."""
    return _DIGITS.sub("#", text.split(":", 1)[0].casefold()).strip()


@cleaner("post-chrome", stage="document")
def post_chrome(root: LexborNode, ctx: Context) -> None:
    """Remove short lines of a post template (poster statistics, post numbers, post buttons) whose
    kind repeats at least ``MIN_REPEATS`` times on the page."""
    line, label = _patterns()
    attached = dom.attached_check()
    kinds: dict[str, list[LexborNode]] = defaultdict(list)
    seen: dict[str, int] = {}  # menus and post templates repeat their texts: match each distinct one once
    for node, text in label_texts(root, ctx):
        hit = seen.get(text)
        if hit is None:
            hit = seen[text] = (_LINE if line.fullmatch(text) is not None
                                else _LABEL if label.fullmatch(text) is not None else _NONE)
        if hit == _NONE:
            continue
        if hit == _LABEL:
            # "Posts:" with its value in a child element: the label text strips the colon
            text = " ".join(node.text(deep=True).split())
            if len(text) > MAX_LABEL_CHARS or line.fullmatch(text) is None:
                continue
        if attached(node):
            kinds[_kind(text)].append(node)
    targets = [n for nodes in kinds.values() if len(nodes) >= MIN_REPEATS for n in nodes]
    if targets:
        dom.remove(dom.outermost(targets), ctx, max_share=0.25)
