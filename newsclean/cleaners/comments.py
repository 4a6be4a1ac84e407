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
MIN_POST_CHARS = 80
# A page whose comment-like nodes hold most of its text, with too little
# beside them to be a story, is a discussion (link aggregators, Q&A).
FORUM_SHARE = 0.5
MAX_REST_CHARS = 2000
# Built once: a TokenCleaner validates its selectors when it is made, which is not per-page work.
_SECTIONS = TokenCleaner("comments", token_set(patterns.COMMENTS), ("#comments", "[itemprop=comment]"),
                         max_share=None)
_FORMS = TokenCleaner("comment-forms", token_set(("comment-respond", "respond", "reply-form", "comment-form",
                                                  "commentform", "reply-title")))


@dataclass(frozen=True, slots=True)
class CommentCleaner:
    name: str = "comments"
    stage: Stage = "any"

    def __call__(self, root: LexborNode, ctx: Context) -> None:
        sections = _SECTIONS.matches(root, ctx)
        why = ""
        if ctx.page_types.intersection(THREAD_TYPES) or _thread_microdata(root):
            why = "schema.org type"
        elif any(_has_post_sibling(n, sections) for n in _replies(sections)[:50]):
            why = "replies stand beside the first post"
        else:
            chars = sum(dom.text_len(n) for n in dom.outermost(sections))
            rest = ctx.total_chars - chars
            if ctx.total_chars and chars > FORUM_SHARE * ctx.total_chars and rest < MAX_REST_CHARS:
                why = f"the replies hold {chars} of {ctx.total_chars} chars and nothing else is an article"
        if why:
            ctx.notes.append(f"a thread ({why}): posts kept")
            remarks = _remarks_on_answers(root, sections)
            if remarks:
                ctx.notes.append(f"{len(remarks)} comment elements under a question or answer removed")
            sections = _FORMS.matches(root, ctx) + remarks
        if ctx.comments:
            ctx.comment_nodes.extend(dom.outermost(sections))
        dom.remove(sections, ctx)


def _thread_microdata(root: LexborNode) -> bool:
    """True when an element under ``root`` has an ``itemtype`` naming a thread type.

    The same test as ``[itemtype*="DiscussionForumPosting"], ...`` (a
    case-sensitive substring), with one cheap query instead of one substring
    alternative per type tried on every node.
    """
    for node in root.css("[itemtype]"):
        itemtype = node.attributes.get("itemtype")
        if itemtype and any(t in itemtype for t in THREAD_TYPES):
            return True
    return False


def _schema_types(node: LexborNode) -> set[str]:
    """The schema.org type names an element declares (``https://schema.org/Answer`` -> ``Answer``)."""
    return {t.rstrip("/").rsplit("/", 1)[-1] for t in (node.attributes.get("itemtype") or "").split()}


def _remarks_on_answers(root: LexborNode, matched: list[LexborNode]) -> list[LexborNode]:
    """The comment matches inside a schema.org ``Question`` or ``Answer`` item, on a page that marks
    its answers as such: on a Q&A page the question and its answers are the content, and the short
    comments under each one ("Have you tried...? - user, Mar 3") are remarks about a post, not posts.
    A forum marks its replies as ``Comment`` items of the thread's posting, never inside an answer."""
    if not matched:
        return []
    posts = {n.mem_id: types for n in root.css("[itemtype]") if (types := _schema_types(n) & {"Question", "Answer"})}
    if not any("Answer" in types for types in posts.values()):
        return []
    ids = set(posts)
    return [n for n in dom.outermost(matched) if dom.inside_any(n, ids)]


def _replies(matched: list[LexborNode]) -> list[LexborNode]:
    """The matches that can be one reply: not a section that holds other matches or a reply form.
    A comment section beside the story can share the page's panel classes with it, and that must
    not read as a reply beside its thread's first post."""
    ids = {n.mem_id for n in matched}
    holders: set[int] = set()
    for node in matched:
        cur = node.parent
        while cur is not None:
            if cur.mem_id in ids:
                holders.add(cur.mem_id)
            cur = cur.parent
    return [n for n in matched if n.mem_id not in holders and n.css_first("textarea") is None]


def _has_post_sibling(node: LexborNode, matched: list[LexborNode]) -> bool:
    """True when a reply has an unmatched sibling of its own kind holding text: the opening post.

    Forums mark replies as comments but not the first post, which sits beside
    them with the same tag and class; a news site's comment list sits apart
    from the story.
    """
    parent = node.parent
    if parent is None or node.tag in ("section", "form"):
        return False
    ids = {m.mem_id for m in matched}
    mine = set((node.attributes.get("class") or "").split())
    if not mine:
        return False
    for sib in parent.iter(include_text=False):
        if sib.tag != node.tag or sib.mem_id in ids:
            continue
        if mine & set((sib.attributes.get("class") or "").split()) and len(dom.text_of(sib)) > MIN_POST_CHARS:
            return True
    return False


comments = CommentCleaner()
