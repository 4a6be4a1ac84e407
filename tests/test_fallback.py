"""The trafilatura fallback: when it runs, what is taken, and what is refused."""

from __future__ import annotations

import gc
from dataclasses import dataclass, field

import newsclean
from newsclean import Block, Extractor
from newsclean.fallback import Evidence, TrafilaturaFallback, asks, markdown_blocks, takes

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


@dataclass(frozen=True)
class Recorder(Canned):
    """A canned fallback that records every page it is asked about."""

    asked: list[str] = field(default_factory=list)

    def __call__(self, html: str, url: str | None) -> tuple[Block, ...]:
        self.asked.append(html)
        return self.blocks


# A page with a clear article: five long paragraphs (2,400 chars of prose) under a short menu.
STORY = [f"Paragraph {i}. " + PROSE * 5 for i in range(5)]
CLEAR = ("<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>"
         + "".join(f"<p>{p}</p>" for p in STORY) + "</article></body></html>")


def test_a_page_where_newsclean_finds_little_asks_the_fallback_and_says_why():
    fb = Recorder(ANSWER)
    art = Extractor(fallback=fb).extract(BIG, trace=True)
    assert fb.asked == [newsclean.dom.parse(BIG).html]  # the page itself, serialised again (see below)
    (step,) = [t for t in art.trace if t.name == "fallback-canned"]
    assert step.note == "newsclean found 93 chars of 4283 (2%); took the fallback's answer"


def test_the_fallback_gets_the_page_without_its_consent_widgets():
    """trafilatura does not know consent platforms: on pages where newsclean found little, its longer answer
    was often the cookie banner's text.  The fallback gets the page with what ``consent-managers`` and
    ``cookie-banners`` remove already removed, and nothing else changed."""
    banner = ('<div id="onetrust-consent-sdk"><p>We and our 842 partners use cookies to store and access '
              'personal data on your device.</p></div><div class="cookie-notice"><p>Accept all cookies?</p></div>')
    fb = Recorder(ANSWER)
    Extractor(fallback=fb).extract(BIG.replace("<body>", "<body>" + banner))
    (seen,) = fb.asked
    assert "cookies" not in seen and "842 partners" not in seen
    assert PROSE.strip() in seen and seen.count("<li>") == 60


def test_the_fallback_sees_the_consent_steps_this_extraction_runs():
    """A caller who turned ``cookie-banners`` off (or skips it for a call) gets that in the fallback's page too."""
    banner = '<div class="cookie-notice"><p>Accept all cookies?</p></div>'
    page = BIG.replace("<body>", "<body>" + banner)
    for extractor, skip in ((Extractor(fallback=(fb := Recorder(ANSWER)),
                                       pre=newsclean.PRE.disable("cookie-banners")), ()),
                            (Extractor(fallback=(fb2 := Recorder(ANSWER))), ("cookie-banners",))):
        extractor.extract(page, skip=skip)
    assert "Accept all cookies?" in fb.asked[0] and "Accept all cookies?" in fb2.asked[0]


def test_a_page_with_a_clear_article_never_asks_the_fallback():
    fb = Recorder(ANSWER)
    art = Extractor(fallback=fb).extract(CLEAR, trace=True)
    assert fb.asked == []
    assert art.text == "\n\n".join(p.strip() for p in STORY)
    assert not any(t.name == "fallback-canned" for t in art.trace)


def test_the_fallback_never_sees_a_page_above_its_max_chars():
    fb = Recorder(ANSWER, max_chars=len(BIG) - 1)
    assert Extractor(fallback=fb).extract(BIG).text == PROSE.strip()
    assert fb.asked == []
    assert Extractor(fallback=Recorder(ANSWER, max_chars=len(BIG))).extract(BIG).blocks == ANSWER


def test_asks_reads_the_four_thresholds_of_any_fallback():
    fb = Canned(())  # min_chars 500, min_page_chars 2000, max_chars 2,000,000
    assert asks(fb, Evidence(chars=499, page_chars=2000, html_chars=2_000_000))
    assert not asks(fb, Evidence(chars=500, page_chars=9000, html_chars=20_000))  # enough text kept
    assert not asks(fb, Evidence(chars=0, page_chars=1999, html_chars=20_000))  # a short page: no doubt
    assert not asks(fb, Evidence(chars=0, page_chars=9000, html_chars=2_000_001))  # too big for the fallback
    assert not asks(fb, Evidence(chars=0, page_chars=9000, html_chars=20_000, rule_content=True))
    assert Evidence(chars=50, page_chars=200, html_chars=900).share == 0.25
    assert Evidence(chars=0, page_chars=0, html_chars=0).share == 0.0


def test_takes_prefers_more_text_and_does_not_count_alt_text():
    ours = (Block("paragraph", "x" * 10),)
    assert takes(ours, (Block("paragraph", "y" * 11),))
    assert not takes(ours, (Block("paragraph", "y" * 10),))
    assert not takes(ours, (Block("paragraph", "y" * 5), Block("image", "a long alt text", src="/i.png")))


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
