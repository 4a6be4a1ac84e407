"""Content choice: landmarks the page marks, and short pages."""

from __future__ import annotations

from newsclean import dom, extract
from newsclean.extractor import Extractor
from newsclean.scoring import CARD_RUN, DensityScorer, _grid_parents, cards_of
from newsclean.segment import segment

STORY = ["The council voted on Tuesday to rebuild the old harbour wall before the winter storms arrive.",
         "Engineers say the new wall will be two metres higher and built from local granite blocks.",
         "Work starts in March and should be finished by the end of the year, the mayor said."]
TEASERS = ["Our evening courses in accounting help working adults change careers without leaving their job.",
           "Ask about scholarships for the spring term: most students pay less than half of the listed fee.",
           "Visit the campus on open day and meet the teachers who will guide you through every module."]


def page(inner: str) -> str:
    return f"<html><body><div class='layout'>{inner}</div></body></html>"


def paras(texts: list[str]) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def test_main_landmark_wins_over_positive_text_beside_it():
    html = page(f"<main>{paras(STORY)}</main><div class='box'>{paras(TEASERS[:1])}</div>")
    assert extract(html).text == "\n\n".join(STORY)


def test_landmarks_can_be_switched_off():
    html = page(f"<main>{paras(STORY)}</main><div class='box'>{paras(TEASERS[:1])}</div>")
    ex = Extractor(scorer=DensityScorer(landmark_share=None), fallback=None)
    assert extract(html, extractor=ex).text == "\n\n".join(STORY + TEASERS[:1])


def test_sibling_articles_with_prose_keep_their_container():
    # stacked stories or a CMS's content sections: the content is spread over several <article>s
    html = page(f"<article>{paras(STORY)}</article><article>{paras(TEASERS)}</article>")
    assert extract(html).text == "\n\n".join(STORY + TEASERS)


ENTRIES = [" ".join(STORY * 3), " ".join(TEASERS), " ".join(STORY)]


def _listicle() -> str:
    """A story page's "best movers" list: three entries, each followed by a row of contact links that
    costs more than the smaller entries bring, so the list scores below its first entry alone."""
    links = "<ul>" + "".join(f"<li><a href='/q{i}'>Get a quote number {i}</a></li>" for i in range(16)) + "</ul>"
    body = "<div class='entries'>" + "".join(f"<div class='entry'><p>{t}</p></div>{links}" for t in ENTRIES)
    return ("<html><head><meta property='og:type' content='article'></head><body><div class='layout'>"
            + body + "</div></div></body></html>")


def test_sibling_entries_worth_a_share_of_the_best_widen_the_content_to_their_list():
    text = extract(_listicle(), extractor=Extractor(fallback=None)).text
    assert all(t in text for t in ENTRIES)


def test_sibling_widening_can_be_switched_off():
    ex = Extractor(scorer=DensityScorer(sibling_share=None), fallback=None)
    assert extract(_listicle(), extractor=ex).text == ENTRIES[0]


def _posts() -> str:
    """A box of 30 one-link lines (a blog teaser list): it costs its parent more than a short section brings."""
    lines = "".join(f"<p><a href='/p{i}'>Post number {i}</a></p>" for i in range(30))
    return f"<div class='posts'>{lines}</div>"


def test_page_builder_sections_of_different_classes_are_one_content():
    """A service page stacked from <section>s, each classed for its layout (an overview, an accordion of
    services): the best section's siblings worth a share of it are more of the page, not rivals.
    <div>s of different classes stay rivals (a card grid beside an intro)."""
    stack = ("<{tag} class='overview'><p>{a}</p><p>{b}</p></{tag}>"
             "<{tag} class='module module-accordion'>{story}</{tag}>{links}")
    links = _posts()
    ex = Extractor(fallback=None)
    sections = page(stack.format(tag="section", a=TEASERS[0], b=TEASERS[1], story=paras(STORY), links=links))
    assert extract(sections, extractor=ex).text == "\n\n".join(TEASERS[:2] + STORY)
    divs = page(stack.format(tag="div", a=TEASERS[0], b=TEASERS[1], story=paras(STORY), links=links))
    assert extract(divs, extractor=ex).text == "\n\n".join(STORY)


def test_a_small_section_beside_the_best_one_joins_it():
    """A short <section> (an offer, worth about a tenth of the best section) is still part of the page;
    a short <div> beside it of another class is not."""
    offer = "Ten percent off your first visit this spring."
    links = _posts()
    ex = Extractor(fallback=None)
    for tag, expected in (("section", [offer] + STORY), ("div", STORY)):
        html = page(f"<{tag} class='offers'><p>{offer}</p></{tag}>"
                    f"<{tag} class='story'>{paras(STORY)}</{tag}>{links}")
        assert extract(html, extractor=ex).text == "\n\n".join(expected)


def test_short_page_is_its_own_content():
    assert extract("<html><body><p>Closed today.</p></body></html>").text == "Closed today."


def test_short_main_is_the_content_even_under_the_score_floor():
    html = page("<nav><a href='/'>Home</a> <a href='/a'>About</a></nav><main><h1>Ok</h1><p>Sold out.</p></main>")
    article = extract(html)
    assert article.text == "Sold out." and article.title == "Ok"  # the heading is the title


def test_page_of_links_only_has_no_article():
    article = extract(page("<div><a href='/a'>One</a> <a href='/b'>Two</a> <a href='/c'>Three</a></div>"))
    assert not article.found and article.text == ""


def test_a_page_footer_never_counts_toward_the_content():
    # a footer holding most of the page (a privacy policy drawer) is spared by the navigation step;
    # its text must not make it, or a wrapper around it, the content
    policy = "".join(f"<p>{t} {t}</p>" for t in TEASERS * 3)
    html = page(f"<main><h1>Oak bench</h1>{paras(STORY[:1])}</main><footer><div class='policy'>{policy}</div></footer>")
    assert extract(html).text == STORY[0]


def test_an_articles_own_footer_still_counts():
    html = page(f"<article>{paras(STORY[:2])}<footer>{paras(STORY[2:])}</footer></article>"
                f"<div>{paras(TEASERS[:1])}</div>")
    assert extract(html).text == "\n\n".join(STORY)


# -- item cards ---------------------------------------------------------------------------------------------
MUGS = [f"Hand-thrown stoneware mug in glaze number {i}" for i in range(8)]
INTRO = "Every mug is thrown by hand in our coastal studio and glazed in small batches."


def _card(title: str, i: int) -> str:
    """A product card: a linked title and a price, as a category page repeats it."""
    return f"<div class='card item-{i}'><h3><a href='/mug/{i}'>{title}</a></h3><p class='price'>${20 + i}.00</p></div>"


def _grid(titles: list[str]) -> str:
    return "<div class='grid'>" + "".join(_card(t, i) for i, t in enumerate(titles)) + "</div>"


def _listing() -> str:
    """A category page: a heading, one line of intro, then the grid of products."""
    return page(f"<div class='intro'><h1>Mugs</h1><p>{INTRO}</p></div>{_grid(MUGS)}")


def test_a_grid_of_item_cards_outweighing_the_intro_is_the_content():
    # card by card a title link and a price score like a menu; as cards they outweigh the intro line
    text = extract(_listing(), extractor=Extractor(fallback=None)).text
    assert text == "\n\n".join([INTRO] + [f"{m}\n\n${20 + i}.00" for i, m in enumerate(MUGS)])


def test_item_cards_can_be_switched_off():
    ex = Extractor(scorer=DensityScorer(card_share=None), fallback=None)
    assert extract(_listing(), extractor=ex).text == INTRO


def _story_with_teasers() -> str:
    return ("<html><head><meta property='og:type' content='article'></head><body><div class='layout'>"
            f"<div class='story'>{paras(STORY)}</div>{_grid(MUGS[:4])}</div></body></html>")


def test_teaser_cards_beside_a_story_stay_out():
    # valued as cards the row is worth less than CARD_SHARE times the story: it is a teaser block
    assert extract(_story_with_teasers(), extractor=Extractor(fallback=None)).text == "\n\n".join(STORY)


def test_card_share_sets_how_much_a_grid_must_outweigh_the_prose():
    ex = Extractor(scorer=DensityScorer(card_share=0.1), fallback=None)
    text = extract(_story_with_teasers(), extractor=ex).text
    assert text.startswith("\n\n".join(STORY)) and all(m in text for m in MUGS[:4])


def _teaser(i: int) -> str:
    return (f"<div class='teaser'><h3><a href='/news/{i}'>Another story from the harbour district that the council "
            f"discussed at length, part {i}</a></h3><p>{i + 1} March 2024</p></div>")


def _headlined(title: str, story: list[str]) -> str:
    """A page that declares no type: its headline over a story, a rail of short lines, and a grid of teasers
    that, valued as cards, outweighs the story."""
    grid = "<div class='more'>" + "".join(_teaser(i) for i in range(16)) + "</div>"
    rail = "<div class='rail'>" + "".join(f"<p>{i}</p>" for i in range(150)) + "</div>"
    return (f"<html><head><title>{title}</title></head><body><div class='layout'>"
            f"<div class='story'><h1>{title}</h1>{paras(story)}</div>{rail}{grid}</div></body></html>")


def test_a_story_under_the_headline_wins_over_a_bigger_grid_of_teasers():
    text = extract(_headlined("Harbour wall to be rebuilt", STORY * 3), extractor=Extractor(fallback=None)).text
    assert text == "\n\n".join(STORY * 3)


def test_a_short_intro_under_the_headline_still_loses_to_the_grid():
    text = extract(_headlined("Harbour news", STORY[:1]), extractor=Extractor(fallback=None)).text
    assert "Another story from the harbour district that the council discussed at length, part 15" in text


def _cards(html: str) -> set[int]:
    tree = dom.parse(html)
    return cards_of(segment(tree.body))


def test_cards_of_finds_the_run_of_like_siblings():
    tree = dom.parse(_listing())
    found = cards_of(segment(tree.body))
    assert found == {n.mem_id for n in tree.css("div.card")}


def test_grid_parents_holds_every_grid_and_no_unlinked_table():
    """Only elements reached from linked blocks are grouped: the grid's parent is among them, and a
    data table without links (each row five short cells, a run of like siblings) yields none."""
    tree = dom.parse(_listing())
    blocks = segment(tree.body)
    assert tree.css_first("div.grid").mem_id in _grid_parents(blocks, 3)
    rows = "".join(f"<tr>{'<td>cell text</td>' * 5}</tr>" for _ in range(CARD_RUN * 3))
    table = segment(dom.parse(page(f"<table><tbody>{rows}</tbody></table>")).body)
    assert _grid_parents(table, 3) == set() and cards_of(table) == set()
    # three rows opening with a linked cell: the body of the table is reached (a superset), yet its rows,
    # a fifth of their text linked at most, are no cards
    row = f"<tr><td><a href='/x'>cell</a> text</td>{'<td>cell text</td>' * 4}</tr>"
    tree = dom.parse(page(f"<table><tbody>{row * 3}{rows}</tbody></table>"))
    linked = segment(tree.body)
    assert _grid_parents(linked, 3) == {tree.css_first("tbody").mem_id} and cards_of(linked) == set()


def test_cards_of_needs_a_run_of_CARD_RUN():
    assert _cards(page(_grid(MUGS[:CARD_RUN]))) and not _cards(page(_grid(MUGS[:CARD_RUN - 1])))


def test_cards_of_skips_menus():
    # one link per item is a menu, not cards; a mega menu's card-like entries sit in the page's header
    links = "<ul>" + "".join(f"<li class='item'><a href='/m{i}'>{m}</a></li>" for i, m in enumerate(MUGS)) + "</ul>"
    assert not _cards(page(links))
    assert not _cards(page(f"<header class='top'>{_grid(MUGS)}</header>"))
    assert not _cards(page(f"<div role='navigation'>{_grid(MUGS)}</div>"))


def test_cards_of_skips_comments():
    # each comment starts with its author's linked name, but its text is prose, not links
    comment = ("<div class='comment'><p><a href='/u/{0}'>reader{0}</a></p><p>" + " ".join(STORY) + "</p></div>")
    assert not _cards(page("".join(comment.format(i) for i in range(6))))


def test_a_card_may_hold_a_row_of_swatches():
    # a shop's product card: its title, a dozen colour swatches (each a link) and a price
    swatches = "".join(f"<div class='swatch'><a href='/c{j}'>Colour {j}</a></div>" for j in range(12))
    cards = "".join(f"<li class='product'><h2><a href='/p{i}'>{m}</a></h2>{swatches}<p>$30.00</p></li>"
                    for i, m in enumerate(MUGS[:5]))
    tree = dom.parse(page(f"<ul class='products'>{cards}</ul>"))
    assert cards_of(segment(tree.body)) == {n.mem_id for n in tree.css("li.product")}


def test_a_ranked_card_may_start_with_its_number():
    # a ranking's row: its rank, then the linked title, the author and the rating; a longer
    # unlinked first line is a caption or a date, and such an item is no card
    rows = "".join(f"<tr class='book'><td>{i + 1}</td><td><a href='/b{i}'>{m}</a></td><td>4.{i} avg rating</td></tr>"
                   for i, m in enumerate(MUGS[:5]))
    tree = dom.parse(page(f"<table><tbody>{rows}</tbody></table>"))
    assert cards_of(segment(tree.body)) == {n.mem_id for n in tree.css("tr.book")}
    dated = rows.replace("<td>1</td>", "<td>March</td>").replace("<td>2</td>", "<td>April</td>")
    assert not _cards(page(f"<table><tbody>{dated}</tbody></table>"))


def test_a_card_may_hold_a_spec_sheet():
    # a shop's product card: its linked title, then brand, colour and price as a <dl> (no menu's entries)
    sheet = "<a href='/p{0}'><dl><dt>Brand</dt><dd>Studio</dd><dt>Colour</dt><dd>Glaze {0}</dd></dl></a>"
    cards = "".join(f"<article class='product'><a href='/p{i}'>{m}</a>{sheet.format(i)}</article>"
                    for i, m in enumerate(MUGS[:5]))
    tree = dom.parse(page(f"<div class='products'>{cards}</div>"))
    assert cards_of(segment(tree.body)) == {n.mem_id for n in tree.css("article.product")}


def test_cards_of_skips_menu_entries_with_submenus():
    # each entry: its link, then a list of sub-links; card-like by its links, but its blocks are <li>s
    sub = "<ul>" + "".join(f"<li><a href='/s{j}'>Sub entry {j}</a></li>" for j in range(3)) + "</ul>"
    entries = "".join(f"<li class='entry'><a href='/m{i}'>{m}</a>{sub}</li>" for i, m in enumerate(MUGS[:5]))
    assert not _cards(page(f"<ul class='mega'>{entries}</ul>"))
    entries = "".join(f"<div class='entry'><a href='/m{i}'>{m}</a>{sub}</div>" for i, m in enumerate(MUGS[:5]))
    assert not _cards(page(f"<div class='mega'>{entries}</div>"))


def test_units_are_made_once_for_the_same_blocks_and_again_for_others():
    from newsclean.context import Context
    from newsclean.scoring import scored_units, units_of

    blocks = segment(dom.parse(page(paras(STORY) + "<table><tr><td>a</td><td>b</td></tr></table>")).body)
    ctx = Context.new()
    first = units_of(blocks, ctx)
    assert first == scored_units(blocks) and len(first) == 4  # three paragraphs and one table row
    assert units_of(list(blocks), ctx) is first  # a copy of the list holds the same blocks
    fewer = units_of(blocks[1:], ctx)
    assert fewer == scored_units(blocks[1:]) and len(fewer) == 3
    others = segment(dom.parse(page(paras(STORY) + "<table><tr><td>a</td><td>b</td></tr></table>")).body)
    assert units_of(others, ctx) is not fewer  # equal text, other blocks: made again
