"""Render an :class:`~newsclean.article.Article` as Markdown."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .article import Article, Block


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(rows: list["Block"]) -> str:
    width = max(len(r.cells) for r in rows) or 1
    lines = []
    for i, row in enumerate(rows):
        cells = list(row.cells) + [""] * (width - len(row.cells))
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        if i == 0:
            lines.append("|" + " --- |" * width)
    return "\n".join(lines)


def _image(alt: str, src: str) -> str:
    """``![alt](src)`` with brackets in the alt text escaped and an address holding spaces or parentheses
    in angle brackets, so the Markdown parses back to the same image."""
    alt = alt.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    if any(c in src for c in " ()<>"):
        src = "<" + src.replace("<", "%3C").replace(">", "%3E") + ">"
    return f"![{alt}]({src})"


def render(article: "Article") -> str:
    """Blocks to Markdown; consecutive list items and table rows stay together."""
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
                items.append("  " * max(li.level - 1, 0) + ("1. " if li.ordered else "- ") + li.text)
                i += 1
            parts.append("\n".join(items))
            continue
        if b.kind == "table_row":
            rows = []
            while i < len(blocks) and blocks[i].kind == "table_row":
                rows.append(blocks[i])
                i += 1
            parts.append(_table(rows))
            continue
        if b.kind == "heading":
            parts.append("#" * min(max(b.level, 2), 6) + " " + b.text)
        elif b.kind == "quote":
            parts.append("\n".join("> " + line for line in b.text.split("\n")))
        elif b.kind == "code":
            parts.append(f"```{b.lang or ''}\n{b.text}\n```")
        elif b.kind == "image":
            parts.append(_image(b.text, b.src or ""))
        elif b.kind == "caption":
            parts.append(f"*{b.text}*")
        else:
            parts.append(b.text)
        i += 1
    return "\n\n".join(parts) + ("\n" if parts else "")
