"""Comment sections and comment forms, without eating forum threads.

On a forum thread the posts are the content and often carry the same class
names ("comment", "reply", "discussion") as a news site's comment section.
When the nodes that look like comments hold most of the page's text, the
page is a thread: they stay, and only the reply form goes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import dom, patterns
from ..pipeline import Stage
from .tokens import TokenCleaner, token_set

if TYPE_CHECKING:
    from ..context import Context
    from ..dom import LexborNode

THREAD_TYPES = ("DiscussionForumPosting", "QAPage", "Question", "SocialMediaPosting")
_THREAD_MICRODATA = ", ".join(f'[itemtype*="{t}"]' for t in THREAD_TYPES)
FORUM_SHARE = 0.5  # comment-like nodes holding more than this share of the text make a thread
_FORMS = token_set(("comment-respond", "respond", "reply-form", "comment-form", "commentform", "reply-title"))


@dataclass(frozen=True, slots=True)
class CommentCleaner:
    name: str = "comments"
    stage: Stage = "any"

    def __call__(self, root: LexborNode, ctx: Context) -> None:
        sections = TokenCleaner("comments", token_set(patterns.COMMENTS), ("#comments", "[itemprop=comment]"),
                                max_share=None).matches(root, ctx)
        chars = sum(len(dom.text_of(n)) for n in sections if not dom._inside_any(n, sections))
        total = ctx.total_chars
        thread = bool(ctx.page_types.intersection(THREAD_TYPES)) or root.css_first(_THREAD_MICRODATA) is not None
        if thread or (total and chars > FORUM_SHARE * total):
            ctx.notes.append(f"a thread ({'schema.org type' if thread else f'comments hold {chars}/{total} chars'}):"
                             " posts kept")
            sections = TokenCleaner("comment-forms", _FORMS).matches(root, ctx)
        if ctx.comments:
            ctx.comment_nodes.extend(n.clone() if hasattr(n, "clone") else n for n in sections)
        dom.remove(sections, ctx)


comments = CommentCleaner()
