"""The default cleaners and their order, as data.

``PRE`` runs on the whole page before the content is chosen; ``POST`` runs on
the chosen content.  Edit them by name::

    from newsclean.cleaners import PRE
    pre = PRE.disable("share-bars").insert(my_step, after="comments")
"""

from __future__ import annotations

from .. import patterns
from ..blockmodel import block_model
from ..pipeline import Pipeline
from .comments import CommentCleaner, comments
from .duplicates import duplicates
from .phrases import PhraseCleaner
from .streaming import streamed_segments
from .structure import checkbox_labels, forms, hidden, non_content, noscript, signup_boxes
from .syndication import ad_labels, credit_lines, datelines, rights_lines, syndication
from .posts import post_chrome
from .product import product_carousels, product_purchase, product_reviews
from .prune import prune_chrome, trim_edges
from .story import (bare_dates, story_asides, story_disclosures, story_pitches, teaser_lists,
                    trailing_sections)
from .title import title_heading
from .tokens import TokenCleaner, token_set

# max_chars: the most text one match of that kind of chrome holds; a bigger match is a wrapper of
# content that happens to carry the word (a "sharing-container" around the story).
# A consent manager's widget goes whatever it holds (no guard): its name is never the story's.
consent_managers = TokenCleaner("consent-managers", token_set(patterns.CONSENT_MANAGERS), patterns.CONSENT_ROOTS,
                                max_share=None, max_total=None)
cookie_banners = TokenCleaner("cookie-banners", token_set(patterns.COOKIES), max_chars=3000)
navigation = TokenCleaner("navigation", token_set(patterns.NAVIGATION),
                          ("nav", "[role=navigation]", "[role=menubar]", "[role=menu]", "[role=banner]",
                           "[role=contentinfo]", "header", "footer", "[role=search]"),
                          spare_inside=("article", "main", "[itemprop=articleBody]"), max_prose=2000,
                          unguarded=frozenset({"footer"}))
# An <aside> inside a story or post is a pull quote or a quoted reply, not a sidebar.  A class/id
# match that is paragraphs of prose with few links is a content column that carries the word
# (``element__secondary``, a BEM part), not a sidebar: sidebars are lists of links and widgets.
SIDEBAR_PROSE = 400
SIDEBAR_PROSE_SHARE = 0.5
sidebars = TokenCleaner("sidebars", token_set(patterns.SIDEBAR), ("aside", "[role=complementary]"),
                        spare_inside=("article", "[itemprop=articleBody]", "[itemprop=text]", ".post-body",
                                      ".cooked", ".entry-content", ".post-content"),
                        max_prose=SIDEBAR_PROSE, prose_share=SIDEBAR_PROSE_SHARE)
# A link or button that opens a pop-up carries its class too: the trigger is not the overlay.
overlays = TokenCleaner("overlays", token_set(patterns.OVERLAYS), ("[role=dialog]", "[aria-modal=true]"),
                        max_chars=3000, keep_tags=frozenset({"a", "button", "span", "img", "i", "svg"}))
share_bars = TokenCleaner("share-bars", token_set(patterns.SHARE), max_chars=1000)
related = TokenCleaner("related-articles", token_set(patterns.RELATED))
newsletter = TokenCleaner("newsletter", token_set(patterns.NEWSLETTER), max_chars=1500)
ads = TokenCleaner("ads", token_set(patterns.ADS), ("ins.adsbygoogle", "[data-ad-slot]", "[data-ad-unit]"), max_chars=1500)
author_bio = TokenCleaner("author-bio", token_set(patterns.AUTHOR_BIO), ("[rel=author] + .bio",), max_chars=1500)
# A byline or author box appears once or twice on a story; the same author class on every item of a
# list is the index's own content (each paper's authors, each post's writer in a blog index).
author_names = TokenCleaner("author-names", token_set(patterns.AUTHOR_NAMES), max_chars=1500, max_repeats=3)
post_meta = TokenCleaner("post-meta", token_set(patterns.POST_META), max_chars=600)
tag_lists = TokenCleaner("tag-lists", token_set(patterns.TAG_LISTS), ("[rel=tag]",), max_chars=1000)
back_to_top = TokenCleaner("back-to-top", token_set(patterns.BACK_TO_TOP), ('a[href="#top"]',), max_chars=300)
meta_lines = TokenCleaner("meta-lines", token_set(patterns.META), max_chars=600)
# Image captions and photo credits describe a picture the text does not carry.  (Measured: keeping
# them on pages that are not stories, where a card's caption can be the item, scores lower overall.)
captions = TokenCleaner("captions", token_set(patterns.CAPTIONS), ("figcaption",), stage="content", max_chars=600)
phrase_sections = PhraseCleaner("chrome-phrases", tuple(p for group in ("comments", "related", "share", "newsletter",
                                                                        "byline", "feedback", "embeds")
                                                         for p in patterns.PHRASES[group]))
phrase_buttons = PhraseCleaner("back-to-top-phrases", patterns.PHRASES["back-to-top"], climb=False)
# "Next" and "previous" are words of sentences too ("click <b>Next</b>"): only a label on its own line goes.
pager_phrases = PhraseCleaner("pager-phrases", patterns.PHRASES["pager"], climb=False, alone=True)

PRE = Pipeline((
    streamed_segments,
    checkbox_labels,
    signup_boxes,
    non_content,
    noscript,
    hidden,
    consent_managers,
    cookie_banners,
    navigation,
    sidebars,
    comments,
    product_reviews,
    forms,
    overlays,
    share_bars,
    related,
    teaser_lists,
    newsletter,
    ads,
    story_disclosures,
    author_bio,
    author_names,
    story_asides,
    post_meta,
    post_chrome,
    tag_lists,
    back_to_top,
    meta_lines,
    phrase_sections,
    phrase_buttons,
    pager_phrases,
    product_carousels,
    product_purchase,
), stage="document")

POST = Pipeline((
    title_heading,
    syndication,
    captions,
    duplicates,
    prune_chrome,
    trim_edges,
    trailing_sections,
    credit_lines,
    ad_labels,
    rights_lines,
    datelines,
    bare_dates,
    story_pitches,
    block_model,  # learned (newsclean/blockmodel.py); see benchmarks/train_blocks.py
), stage="content",
    # Off by default: on the validation half it gains little (wcxb-dev +0.0002, trafilatura-eval +0.0012,
    # readability-pages +0.0000) for 11% more instructions; docs/pipeline.md has the figures.
    disabled=frozenset({"block-model"}))

__all__ = ["PRE", "POST", "TokenCleaner", "PhraseCleaner", "CommentCleaner", "token_set"]
