"""Per-call state: one :class:`Context` per ``extract()`` call, never shared.

Steps read the URL, host and matched site rule from it and record what they
removed through it; this is what keeps one ``Extractor`` safe to share
across threads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .article import Removal, StepTrace
from .dom import LexborNode, text_len
from .sites import SiteRule  # at run time too: a compiled dataclass resolves its field types on import


def host_of(url: str | None) -> str | None:
    """The lower-case host of a URL without ``www.``, or None."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


@dataclass(slots=True)
class Context:
    """The state of one extraction.

    ``protected`` holds the ``mem_id`` of nodes no step may remove (``<html>``,
    ``<body>``, the content root once chosen).  ``total_chars`` is the text
    size of the page body, for steps that must not remove "most of the page".
    """

    url: str | None = None
    host: str | None = None
    rule: SiteRule | None = None
    record: bool = False
    comments: bool = False
    protected: set[int] = field(default_factory=set)
    root: LexborNode | None = None  # the node the document-stage pipeline runs on
    _total_chars: int | None = None
    trace: list[StepTrace] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)
    removed_count: int = 0
    removed_chars: int = 0
    notes: list[str] = field(default_factory=list)
    removed_ids: dict[int, tuple[str, str]] = field(default_factory=dict)  # mem_id -> (step, css path)
    step: str = ""
    comment_nodes: list[object] = field(default_factory=list)
    source_line: str | None = None
    title: str | None = None
    page_types: frozenset[str] = frozenset()  # schema.org @types the page declares
    cache: dict[object, object] = field(default_factory=dict)
    removed_all: set[int] = field(default_factory=set)  # mem_ids of every removed node
    text_dirty: bool = False  # a removal or unwrap changed the text of a block (see segment.blocks_of)
    # the parents of the nodes removed since the last walk, so that blocks_of walks again only the blocks
    # around them; None once an unwrap or insertion changed the tree in a way they do not locate
    edits: list[LexborNode] | None = field(default_factory=list)
    generation: int = 0  # how many times an unwrap or insertion changed the tree (``tree_changed``)

    @classmethod
    def new(cls, url: str | None = None, rule: SiteRule | None = None, *, record: bool = False,
            comments: bool = False) -> "Context":
        return cls(url=url, host=host_of(url), rule=rule, record=record, comments=comments)

    @property
    def total_chars(self) -> int:
        """Text size of the page, measured on first use (after markup-only steps ran, so CSS and
        script text do not count)."""
        if self._total_chars is None:  # len(text_of): the same measure as the removal guards use
            self._total_chars = text_len(self.root) if self.root is not None else 0
        return self._total_chars

    @total_chars.setter
    def total_chars(self, value: int) -> None:
        self._total_chars = value

    def tree_changed(self) -> None:
        """An unwrap or insertion changed the text of blocks: the next ``blocks_of`` walks its root again, and
        the next class/id index of an element is read anew rather than from the page's (``dom.token_index``)."""
        self.text_dirty = True
        self.edits = None
        self.generation += 1

    def begin_step(self, name: str = "") -> None:
        self.step = name
        self.removals, self.removed_count, self.removed_chars, self.notes = [], 0, 0, []

    def end_step(self, name: str, ms: float) -> None:
        self.trace.append(StepTrace(name, self.removed_count, self.removed_chars, round(ms, 3),
                                    tuple(self.removals), "; ".join(self.notes)))
