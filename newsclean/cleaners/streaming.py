"""React's streamed server rendering: put each late segment where the page's script puts it.

A page rendered with React 18+ streaming (Next.js app router, Remix, ...) sends
its shell first, with an empty placeholder per pending part
(``<!--$?--><template id="B:0"></template>…fallback…<!--/$-->``), then each part
at the end of the body as ``<div hidden id="S:0">…</div>``, followed by a
script call ``$RC("B:0","S:0")`` that moves the segment into the placeholder
and drops the fallback (``$RS("S:1","P:1")`` does the same for a postponed
placeholder ``<template id="P:1">``).  Read as served, the story sits in
hidden divs after the footer: ``hidden`` would remove every segment (each is
well under its 50% guard) and keep the loading skeleton.  This step does what
the script does, before ``non-content`` removes the scripts and templates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from .. import dom
from ..pipeline import cleaner

if TYPE_CHECKING:
    from ..context import Context
    from ..dom import LexborNode

_SEGMENTS = 'div[hidden][id^="S:"]'
_PLACEHOLDERS = 'template[id^="B:"], template[id^="P:"]'
# $RC(boundary, segment) completes a Suspense boundary; $RS(segment, placeholder) fills a postponed hole.
_COMPLETE = regex.compile(r'\$RC\(\s*"(B:[0-9a-zA-Z]+)"\s*,\s*"(S:[0-9a-zA-Z]+)"')
_FILL = regex.compile(r'\$RS\(\s*"(S:[0-9a-zA-Z]+)"\s*,\s*"(P:[0-9a-zA-Z]+)"')
_FALLBACK_END = "/$"


def _targets(root: LexborNode) -> dict[str, str]:
    """Segment id -> placeholder id, as the page's own script calls name them."""
    out: dict[str, str] = {}
    for script in dom.select(root, "script"):
        code = script.text(deep=True)
        if "$R" not in code:
            continue
        for boundary, segment in _COMPLETE.findall(code):
            out[segment] = boundary
        for segment, placeholder in _FILL.findall(code):
            out[segment] = placeholder
    return out


def _fallback(placeholder: LexborNode) -> list[LexborNode]:
    """What the boundary shows until its segment arrives (a spinner, a skeleton), up to ``<!--/$-->``."""
    out: list[LexborNode] = []
    node = placeholder.next
    while node is not None:
        if node.tag == "-comment" and (node.comment_content or "").strip() == _FALLBACK_END:
            return out
        out.append(node)
        node = node.next
    return []  # no closing marker: not React's layout, leave the siblings alone


def _owner(node: LexborNode, segments: dict[str, LexborNode]) -> str | None:
    """The id of the streamed segment ``node`` sits in, if any."""
    parent = node.parent
    while parent is not None and parent.tag not in ("body", "html"):
        pid = parent.attributes.get("id")
        if pid in segments and segments[pid].mem_id == parent.mem_id:
            return pid
        parent = parent.parent
    return None


@cleaner("streamed-segments", stage="document")
def streamed_segments(root: LexborNode, ctx: Context) -> None:
    """Move React's streamed segments (``<div hidden id="S:n">``) into their placeholders."""
    found = dom.select(root, _SEGMENTS)
    if not found:
        return
    segments = {n.attributes.get("id") or "": n for n in found}
    # React sends segments at the top level; a look-alike nested in one is left to its outer segment
    segments = {sid: n for sid, n in segments.items() if _owner(n, segments) is None}
    placeholders = {n.attributes.get("id") or "": n for n in dom.select(root, _PLACEHOLDERS)}
    named = _targets(root)
    targets: dict[str, LexborNode] = {}
    for sid in segments:
        # without a script call (the runtime in an external file), React pairs S:n with B:n or P:n
        target = placeholders.get(named.get(sid, "")) or placeholders.get("B:" + sid[2:]) \
            or placeholders.get("P:" + sid[2:])
        if target is not None:
            targets[sid] = target
    # selectolax inserts a copy of a node, not the node: a segment whose placeholder lies inside another
    # segment is placed first, so the copy of the outer one carries it (innermost first, by nesting depth)
    owners = {sid: _owner(target, segments) for sid, target in targets.items()}

    def depth(sid: str) -> int:
        seen = {sid}
        level, owner = 0, owners.get(sid)
        while owner is not None and owner not in seen:
            seen.add(owner)
            level, owner = level + 1, owners.get(owner)
        return level

    for sid in sorted(targets, key=depth, reverse=True):
        target, segment = targets[sid], segments[sid]
        fallback = _fallback(target)
        dom.remove((n for n in fallback if n.tag != "-text"), ctx)
        for text in (n for n in fallback if n.tag == "-text"):  # a bare "Loading..." has no element to trace
            text.decompose()
        for child in segment.iter(include_text=True):
            target.insert_before(child)
        target.decompose()
    for sid in targets:
        segments[sid].decompose()
    if targets:
        ctx.tree_changed()
        ctx.notes.append(f"placed {len(targets)} of {len(segments)} streamed segments")
