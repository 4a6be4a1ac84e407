"""The trafilatura fallback: when it runs, what is taken, and what is refused."""

from __future__ import annotations

import gc
from dataclasses import dataclass, field

import newsclean
from newsclean import Block, Extractor
from newsclean.fallback import TrafilaturaFallback, markdown_blocks

PROSE = "The council approved the new bridge on Monday after a debate that lasted most of the evening. "


@dataclass(frozen=True)
class Canned:
    """A fallback that returns fixed blocks and counts nothing: the decision is the extractor's."""

    blocks: tuple[Block, ...]
    name: str = "fallback-canned"
    min_chars: int = 500
    min_page_chars: int = 2000
    max_chars: int = 2_000_000

    def __call__(self, html: str, url: str | None) -> tuple[Block, ...]:
        return self.blocks


# A big page whose only prose is one short paragraph, next to a long list of links that the scorer reads as chrome.
LINKS = "".join(f"<li><a href='/job/{i}'>Senior platform engineer, remote, team {i} of the infrastructure group</a></li>"
                for i in range(60))
BIG = f"<html><body><p>{PROSE}</p><ul class='jobs'>{LINKS}</ul></body></html>"
ANSWER = (Block("paragraph", PROSE.strip()), *(Block("list_item", f"Job {i}: " + "x" * 40, level=1) for i in range(20)))


def test_a_short_result_on_a_big_page_takes_the_longer_fallback_answer():
    art = Extractor(fallback=Canned(ANSWER)).extract(BIG, trace=True)
    assert art.blocks == ANSWER
    (step,) = [t for t in art.trace if t.name == "fallback-canned"]
    assert "took the fallback's answer" in step.note


def test_a_short_page_never_falls_back():
    small = f"<html><body><p>{PROSE}</p></body></html>"
    art = Extractor(fallback=Canned(ANSWER)).extract(small)
    assert art.text == PROSE.strip()


def test_a_shorter_fallback_answer_is_not_taken():
    art = Extractor(fallback=Canned((Block("paragraph", "tiny"),))).extract(BIG, trace=True)
    assert "tiny" not in art.text
    assert any("kept newsclean's" in t.note for t in art.trace)


def test_no_fallback_when_disabled():
    assert Extractor(fallback=None).extract(BIG).text == newsclean.extract(BIG, extractor=Extractor(fallback=None)).text


def test_trafilatura_markdown_becomes_typed_blocks():
    md = "# Title\n\nFirst paragraph.\n\n- one\n- two\n1. first\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> quoted\n\n```py\nx = 1\n```"
    kinds = [(b.kind, b.text) for b in markdown_blocks(md)]
    assert kinds == [("heading", "Title"), ("paragraph", "First paragraph."), ("list_item", "one"), ("list_item", "two"),
                     ("list_item", "first"), ("table_row", "a | b"), ("table_row", "1 | 2"), ("quote", "quoted"),
                     ("code", "x = 1")]


def test_the_real_fallback_refuses_an_answer_with_markup(monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "extract", lambda *a, **k: "Some text <br> with a tag")
    assert TrafilaturaFallback()("<p>x</p>", None) == ()


def _live_trees(marker: str) -> int:
    from selectolax.lexbor import LexborHTMLParser

    return sum(1 for o in gc.get_objects() if isinstance(o, LexborHTMLParser) and marker in (o.html or ""))


@dataclass(frozen=True)
class TreeProbe(Canned):
    """Counts the parse trees of the page still alive when the fallback is asked."""

    seen: list[int] = field(default_factory=list)

    def __call__(self, html: str, url: str | None) -> tuple[Block, ...]:
        self.seen.append(_live_trees("team 59 of the infrastructure"))
        return self.blocks


def test_extract_lets_the_parse_tree_go_before_the_fallback_runs():
    probe = TreeProbe(ANSWER)
    assert Extractor(fallback=probe).extract(BIG).blocks == ANSWER
    ran = Extractor(fallback=probe).run(BIG)  # run() returns the tree, so it keeps it
    assert ran.article.blocks == ANSWER and ran.tree is not None
    assert probe.seen == [0, 1]
