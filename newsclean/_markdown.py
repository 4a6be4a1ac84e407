"""Render an :class:`~newsclean.article.Article` as Markdown."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .article import Article, Block, Link


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(rows: list["Block"], links: bool) -> str:
    width = max(len(r.cells) for r in rows) or 1
    lines = []
    for i, row in enumerate(rows):
        cells = _linked_cells(row) if links and row.links else list(row.cells)
        cells += [""] * (width - len(cells))
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        if i == 0:
            lines.append("|" + " --- |" * width)
    return "\n".join(lines)


def _linked_cells(row: "Block") -> list[str]:
    """A table row's cells with its links (offsets count in the row's ``" | "``-joined text)."""
    out, at = [], 0
    for cell in row.cells:
        out.append(_linked(cell, [k for k in row.links if at <= k.start and k.end <= at + len(cell)], at))
        at += len(cell) + 3
    return out


def _link(label: str, href: str) -> str:
    """``[label](href)`` with brackets in the label escaped and an address holding spaces or parentheses
    in angle brackets, so the Markdown parses back to the same link."""
    label = label.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    if any(c in href for c in " ()<>"):
        href = "<" + href.replace("<", "%3C").replace(">", "%3E") + ">"
    return f"[{label}]({href})"


def _image(alt: str, src: str) -> str:
    """``![alt](src)``: a link to the image, marked as one."""
    return "!" + _link(alt, src)


def _linked(text: str, links: Sequence[Link], offset: int = 0) -> str:
    """``text`` with its links as ``[anchor](href)``; ``offset`` is where ``text`` starts in the block's text."""
    out, at = [], 0
    for k in links:
        start, end = k.start - offset, k.end - offset
        out.append(text[at:start])
        out.append(_link(text[start:end], k.href))
        at = end
    out.append(text[at:])
    return "".join(out)


def render(article: "Article", *, links: bool = False) -> str:
    """Blocks to Markdown; consecutive list items and table rows stay together.

    With ``links``, the links of every block but code become ``[anchor](href)``.
    """
    parts: list[str] = []
    if article.title:
        parts.append(f"# {article.title}")
    blocks = article.blocks
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.kind == "list_item":
            items = []
            while i < len(blocks) and blocks[i].kind == "list_item":
                li = blocks[i]
                items.append("  " * max(li.level - 1, 0) + ("1. " if li.ordered else "- ")
                             + (_linked(li.text, li.links) if links and li.links else li.text))
                i += 1
            parts.append("\n".join(items))
            continue
        if b.kind == "table_row":
            rows = []
            while i < len(blocks) and blocks[i].kind == "table_row":
                rows.append(blocks[i])
                i += 1
            parts.append(_table(rows, links))
            continue
        text = _linked(b.text, b.links) if links and b.links and b.kind != "code" else b.text
        if b.kind == "heading":
            parts.append("#" * min(max(b.level, 2), 6) + " " + text)
        elif b.kind == "quote":
            parts.append("\n".join("> " + line for line in text.split("\n")))
        elif b.kind == "code":
            parts.append(f"```{b.lang or ''}\n{b.text}\n```")
        elif b.kind == "image":
            parts.append(_image(b.text, b.src or ""))
        elif b.kind == "caption":
            parts.append(f"*{text}*")
        else:
            parts.append(text)
        i += 1
    return "\n\n".join(parts) + ("\n" if parts else "")
