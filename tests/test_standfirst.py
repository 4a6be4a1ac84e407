"""The standfirst: a lead set between the headline and a body the scorer chose without it."""

from __future__ import annotations

import newsclean
from newsclean.explain import explain

TITLE = "Council approves the new river bridge"
LEAD = ("After a debate that lasted most of the evening, the council approved the new bridge on Monday: "
        "work on the river banks is due to begin in May, and the crossing should open two years later.")
BODY = [
    "Engineers expect the crossing to carry about four thousand cyclists a day once it opens, roughly twice "
    "the number that use the old road bridge downstream today, according to the city's transport office.",
    "The vote was close. Eleven members backed the plan and nine opposed it, most of them arguing that the "
    "money would be better spent on repairing the roads that lead to the existing bridge in the north.",
    "Residents of the east bank, who have campaigned for a crossing for more than a decade, gathered outside "
    "the town hall to hear the result and cheered when the mayor announced it from the steps of the building.",
]
RELATED = "".join(f'<li><a href="/news/{i}">Another story about the town council number {i}</a></li>' for i in range(12))


def story(header: str, body: list[str] = BODY) -> str:
    """A story whose header holds the headline and ``header``; its links below make the body the best root."""
    paras = "".join(f"<p>{p}</p>" for p in body)
    return (f"<html><head><title>{TITLE}</title><meta property='og:type' content='article'></head>"
            f"<body><main><div class='story'>"
            f"<header class='story-header'><h1>{TITLE}</h1>{header}</header>"
            f"<div class='story-body'>{paras}</div><ul>{RELATED}</ul></div></main></body></html>")


def test_lead_between_headline_and_body_opens_the_text():
    article = newsclean.extract(story(f'<p class="intro">{LEAD}</p><p>12 March 2024</p>'))
    assert article.text.startswith(LEAD + "\n\n" + BODY[0])
    assert all(p in article.text for p in BODY)
    assert TITLE not in article.text and "Another story" not in article.text
    assert article.blocks[0].kind == "paragraph"


def test_lead_set_as_a_heading_is_a_paragraph_of_text_too():
    article = newsclean.extract(story(f"<h2>{LEAD}</h2>"))
    assert article.text.startswith(LEAD + "\n\n" + BODY[0])


def test_a_header_with_more_than_a_lead_and_a_line_gives_no_lead():
    pitch = ("Our journalism is funded by readers like you: every contribution, however big or small, keeps "
             "our reporting on the town council free for everyone to read, today and in the years to come.")
    article = newsclean.extract(story(f"<p>{LEAD}</p><p>12 March 2024</p><p>{pitch}</p>"))
    assert article.text.startswith(BODY[0])
    assert LEAD not in article.text and pitch not in article.text


def test_short_dek_and_excerpt_of_the_body_are_not_added():
    dek = "The crossing opens in two years."
    assert newsclean.extract(story(f"<p>{dek}</p>")).text.startswith(BODY[0])
    excerpt = BODY[0][:120] + " […]"
    text = newsclean.extract(story(f"<p>{excerpt}</p>")).text
    assert text.startswith(BODY[0]) and "[…]" not in text


def test_explain_counts_the_lead_as_kept_in_the_first_block():
    ex = explain(story(f'<p class="intro">{LEAD}</p>'))
    lead = next(b for b in ex.blocks if b.text == LEAD)
    assert lead.status == "kept" and lead.article_block == 0
    assert next(b for b in ex.blocks if b.text == BODY[0]).article_block == 1
