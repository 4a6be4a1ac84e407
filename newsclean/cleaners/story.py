"""Chrome that is chrome only around a story.

Some notes are the page's own words on one kind of page and boilerplate on
another: a disclaimer of fees and terms is what a bank's service page says,
while the "this post contains affiliate links" note above a news story is
not part of the story; a service page's feature "infobox" or contact block is
its content, while a fact box or a press contact beside a story is not; and
a row of "teaser" cards is a service page's offer but, beside a story, links
to other stories.  These cleaners run only on pages that declare
themselves an article (schema.org type or ``og:type``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import patterns
from ..pipeline import cleaner
from ..scoring import is_story
from .tokens import TokenCleaner, token_set

if TYPE_CHECKING:
    from ..context import Context
    from ..dom import LexborNode

_DISCLOSURES = TokenCleaner("story-disclosures", token_set(patterns.DISCLOSURES), max_chars=1500)
_ASIDES = TokenCleaner("story-asides", token_set(patterns.ASIDES), max_chars=1500)
# One "teaser" is a story's lead or standfirst; several alike are a list of links to other stories.
_TEASERS = TokenCleaner("teaser-lists", token_set(patterns.TEASERS), max_chars=1500, min_repeats=2)


@cleaner("story-disclosures", stage="document")
def story_disclosures(root: LexborNode, ctx: Context) -> None:
    """Remove advertising and affiliate disclosures on pages that declare a story."""
    if is_story(ctx):
        _DISCLOSURES(root, ctx)


@cleaner("story-asides", stage="document")
def story_asides(root: LexborNode, ctx: Context) -> None:
    """Remove fact boxes, info boxes and press-contact blocks on pages that declare a story."""
    if is_story(ctx):
        _ASIDES(root, ctx)


@cleaner("teaser-lists", stage="document")
def teaser_lists(root: LexborNode, ctx: Context) -> None:
    """Remove lists of teaser cards (two or more alike) on pages that declare a story."""
    if is_story(ctx):
        _TEASERS(root, ctx)
