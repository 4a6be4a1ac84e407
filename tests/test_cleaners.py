"""Each default cleaner alone, on a small page: what goes, what stays, and what the trace says.

A page is a story paragraph (``STORY``) next to one piece of chrome; the step
must remove the chrome, keep the story, and report the count in its StepTrace.
"""

from __future__ import annotations

import pytest

import newsclean

from newsclean import dom
from newsclean.cleaners import POST, PRE, TokenCleaner, token_set

from conftest import run_step

STORY = ("The council approved the new bridge on Monday after a debate that lasted most of the evening, "
         "and work on the river banks is due to begin in May if the weather allows it.")
STORY2 = ("Engineers expect the crossing to carry about four thousand cyclists a day once it opens, "
          "roughly twice the number that use the old road bridge downstream today.")


def page(chrome: str, *, before: bool = False) -> str:
    """A body with two story paragraphs in an article and ``chrome`` after (or before) it."""
    story = f'<article class="post"><p id="s1">{STORY}</p><p id="s2">{STORY2}</p></article>'
    return f"<html><head><title>t</title></head><body>{chrome + story if before else story + chrome}</body></html>"


def assert_story_kept(run) -> None:
    assert STORY in run.text and STORY2 in run.text


# -- markup-only cleaners -----------------------------------------------------------------------
def test_non_content_removes_scripts_styles_forms_controls_and_iframes():
    run = run_step("non-content", page('<script>var x = "<p>not text</p>";</script><style>p{color:red}</style>'
                                       '<noscript>Enable JavaScript</noscript><iframe src="/ad"></iframe>'
                                       '<button>Load more</button><svg><text>icon</text></svg>'))
    assert_story_kept(run)
    for gone in ("not text", "color:red", "Load more", "icon"):
        assert gone not in run.text
    assert not run.has("script, style, iframe, button, svg")
    assert run.trace.removed == 5


def test_noscript_removes_fallback_messages():
    run = run_step("noscript", page('<noscript>Enable JavaScript</noscript><noscript><img src="/px.gif"></noscript>'))
    assert_story_kept(run)
    assert "Enable JavaScript" not in run.text
    assert not run.has("noscript")
    assert run.trace.removed == 2


def test_noscript_keeps_the_page_a_script_rendered_site_hides_in_it():
    """Discourse and some SPAs serve the readable page inside <noscript>: it is unwrapped, not dropped."""
    run = run_step("noscript", f'<html><body><div id="app"></div><noscript><div class="topic"><p>{STORY}</p>'
                               f'<p>{STORY2}</p></div></noscript><noscript>Enable JavaScript</noscript></body></html>')
    assert_story_kept(run)
    assert "Enable JavaScript" not in run.text
    assert not run.has("noscript") and run.has("div.topic")
    assert run.trace.removed == 1


def test_streamed_segments_go_where_reacts_script_puts_them():
    """React streaming sends the story after the footer in ``<div hidden id="S:n">``; ``$RC``/``$RS`` calls
    name each segment's placeholder, the loading fallback goes, and pairs without a call match by number."""
    html = ('<html><body><main><h1>Bridge</h1><!--$?--><template id="B:0"></template><p>Loading story</p>'
            '<!--/$--><!--$?--><template id="P:1"></template>Loading...<!--/$--><div id="more"><!--$?-->'
            '<template id="B:2"></template><!--/$--></div></main><footer>Site footer</footer>'
            f'<div hidden id="S:0"><p>{STORY}</p></div><script>$RC("B:0","S:0")</script>'
            f'<div hidden id="S:1"><p>{STORY2}</p></div><script>$RS("S:1","P:1")</script>'
            '<div hidden id="S:2"><p>Third part.</p></div></body></html>')
    run = run_step("streamed-segments", html)
    # in the order the reader sees (the scripts' own text goes later, with ``non-content``)
    assert run.text.startswith(f"Bridge {STORY} {STORY2} Third part. Site footer $RC(")
    assert not run.has("div[hidden], template")
    assert run.trace.removed == 1  # the <p> fallback; the bare "Loading..." text node has no element
    assert run.trace.note == "placed 3 of 3 streamed segments"


def test_streamed_segments_inside_streamed_segments_arrive_too():
    """A segment can hold the placeholder of a later one (a post inside the page's streamed layout)."""
    html = ('<html><body><main><!--$?--><template id="B:0"></template><!--/$--></main>'
            '<div hidden id="S:0"><div class="layout"><h1>Bridge</h1><!--$?--><template id="B:1"></template>'
            '<p>Loading post</p><!--/$--></div></div><div hidden id="S:1"><p>' + STORY + '</p></div>'
            '<script>$RC("B:0","S:0");$RC("B:1","S:1")</script></body></html>')
    run = run_step("streamed-segments", html)
    assert run.text.startswith(f"Bridge {STORY} $RC(")
    assert run.root.css_first("main > div.layout > p").text() == STORY


def test_streamed_segments_leaves_a_hidden_div_without_a_placeholder():
    run = run_step("streamed-segments", page('<div hidden id="S:7"><p>Orphan segment</p></div>'))
    assert run.has("div[hidden]") and "Orphan segment" in run.text
    assert run.trace.removed == 0


def test_hidden_removes_hidden_attribute_aria_hidden_inline_styles_and_sr_only():
    run = run_step("hidden", page('<div hidden>Hidden one</div><span aria-hidden="true">Icon label</span>'
                                  '<div style="display: none">Popup text</div>'
                                  '<div style="VISIBILITY:HIDDEN">Ghost</div><span class="sr-only">Skip</span>'))
    assert_story_kept(run)
    for gone in ("Hidden one", "Icon label", "Popup text", "Ghost", "Skip"):
        assert gone not in run.text
    assert run.trace.removed == 5


def test_hidden_removes_webflow_form_status_messages():
    """Webflow hides a form's "done" and "fail" messages in its own stylesheet until the form is sent."""
    form = ('<div class="w-form"><form><input name="email"></form><div class="w-form-done"><div>Thank you! Your '
            'submission has been received!</div></div><div class="w-form-fail"><div>Oops! Something went wrong '
            'while submitting the form.</div></div></div>')
    run = run_step("hidden", page(form))
    assert run.text == f"{STORY} {STORY2}"
    assert run.trace.removed == 2


def test_hidden_removes_gravity_forms_admin_only_fields():
    """Gravity Forms hides admin-only fields and their "hidden when viewing" note in its own stylesheet."""
    form = ('<form id="gform_3"><div class="gfield"><label>Name</label></div>'
            '<div class="gfield gfield_visibility_hidden"><div class="admin-hidden-markup"><span>This field is '
            'hidden when viewing the form</span></div><label>utm_source</label></div></form>')
    run = run_step("hidden", page(form))
    assert run.text == f"{STORY} {STORY2} Name"
    assert run.trace.removed == 1


def test_hidden_removes_bootstrap_and_foundation_hide_class():
    """``.hide`` is Bootstrap 2's and Foundation's ``display: none`` utility, like Tailwind's ``hidden``."""
    run = run_step("hidden", page('<div class="modal hide fade"><p>Sign in to continue</p></div>'
                                  '<div class="hideaway">Hideaway bar</div>'))
    assert run.text == f"{STORY} {STORY2} Hideaway bar"
    assert run.trace.removed == 1


def test_hidden_removes_popovers():
    """An element with the ``popover`` attribute is drawn only when a script or button opens it (the
    "install this app" and "allow notifications" cards forum software ships on every page)."""
    run = run_step("hidden", page('<i-card id="iPwaInstall" popover><h4>To install this app on iOS</h4><ol><li>Tap '
                                  'the Share icon</li></ol></i-card><div popover="manual">Allow notifications</div>'))
    assert run.text == f"{STORY} {STORY2}"
    assert run.trace.removed == 2


def test_hidden_spares_a_cards_second_link_kept_from_screen_readers_only():
    """A teaser card's snippet is often a second link to the story, ``aria-hidden`` and out of the tab
    order so that the card is announced once: it is on screen.  Hidden by any other means, it goes."""
    card = ('<div class="card"><h2><a href="/s">Bridge approved</a></h2>'
            '<p><a href="/s" aria-hidden="true" tabindex="-1">Work on the river banks begins in May.</a></p>'
            '<a href="/s" aria-hidden="true" tabindex="-1" class="sr-only">Read more</a>'
            '<a href="/s" aria-hidden="true" tabindex="-1" style="display: none">Share</a>'
            '<a href="/s" aria-hidden="true">Icon</a></div>')
    run = run_step("hidden", page(card))
    assert dom.text_of(run.root.css_first("div.card")) == "Bridge approved Work on the river banks begins in May."
    assert run.trace.removed == 3


def test_hidden_spares_a_node_holding_most_of_the_page():
    """Some themes hide the whole article until a script fades it in: it must not vanish."""
    run = run_step("hidden", f'<html><body><div style="display:none"><p>{STORY}</p><p>{STORY2}</p></div>'
                             '<p>Short footer</p></body></html>')
    assert_story_kept(run)
    assert run.trace.removed == 0


def test_hidden_spares_collapsed_accordion_and_tab_panels():
    """A collapsed panel hides the page's own text (product details, shipping terms, an FAQ's answers)
    until a click."""
    panels = ('<button aria-expanded="false">Shipping</button>'
              '<div id="collapse-2-panel" aria-hidden="true"><p>Orders ship within two days.</p></div>'
              '<div role="tabpanel" hidden><p>Machine washable at 30 degrees.</p></div>'
              '<div class="accordion__content" style="display:none"><p>Made in Portugal.</p></div>'
              '<div class="faq__question">Returns?</div><div class="faq__answer" style="display: none;">'
              '<div>Within 30 days.</div></div>'
              '<div class="menu-flyout" aria-hidden="true"><a href="/a">All products</a></div>')
    run = run_step("hidden", page(panels))
    assert run.text == (f"{STORY} {STORY2} "
                        "Shipping Orders ship within two days. Machine washable at 30 degrees. Made in Portugal. "
                        "Returns? Within 30 days.")
    assert run.trace.removed == 1  # the hidden flyout menu


def test_checkbox_labels_removes_a_label_repeated_beside_every_item():
    # a shop grid's "Compare" box under each product: the label wraps its box, or names it by ``for``
    items = "".join(f"<div class='item'><h3>Mug {i}</h3><label><input type='checkbox'>Compare</label>"
                    f"<input type='checkbox' id='w{i}'><label for='w{i}'>Add to wishlist</label></div>"
                    for i in range(3))
    run = run_step("checkbox-labels", page(items))
    assert_story_kept(run)
    assert [dom.text_of(n) for n in run.root.css("div.item")] == ["Mug 0", "Mug 1", "Mug 2"]
    assert run.trace.removed == 6


def test_checkbox_labels_removes_a_filter_panels_labels():
    # a listing's filter facets: distinct labels, grouped in a fieldset
    facets = ("<fieldset><legend>Size</legend>" + "".join(
        f"<label><input type='checkbox' name='s' value='{s}'>{s}</label>" for s in ("S", "M", "L")) + "</fieldset>")
    run = run_step("checkbox-labels", page(facets, before=True))
    assert_story_kept(run)
    assert dom.text_of(run.root.css_first("fieldset")) == "Size"
    assert run.trace.removed == 3


def test_checkbox_labels_keeps_a_checklists_own_labels():
    # a recipe's ingredients are checkbox labels too, each its own text; so is a lone consent box
    items = "".join(f"<li><label><input type='checkbox'>{t}</label></li>" for t in ("2 eggs", "Flour", "Salt"))
    run = run_step("checkbox-labels", page(f"<ul>{items}</ul><label><input type='checkbox'>Remember me</label>"))
    assert_story_kept(run)
    assert [dom.text_of(n) for n in run.root.css("li")] == ["2 eggs", "Flour", "Salt"]
    assert "Remember me" in run.text
    assert run.trace.removed == 0


def test_signup_boxes_remove_the_box_around_a_signup_form():
    # an in-story SMS deals box: heading, pitch and consent line are the box's, not the story's
    box = ("<section class='p-8 border'><div>Deals</div><div>Get deals texted right to your phone!</div>"
           "<form><input type='tel' placeholder='Enter phone number'><button>Sign Me Up</button></form>"
           "<div>By signing up, you agree to receive recurring automated marketing messages.</div></section>")
    run = run_step("signup-boxes", page(f"<div class='wrap'>{box}</div>"))
    assert_story_kept(run)
    assert "Deals" not in run.text and "texted" not in run.text and "By signing up" not in run.text
    assert run.trace.removed == 1


def test_signup_boxes_keep_a_hero_a_product_card_and_a_login():
    # the page's hero asks for an e-mail beside its <h1>; a product card's "notify me" is the item's own;
    # a login form (password field) is no sign-up
    hero = ("<section><h1>The complete help desk</h1><p>Answer every customer from one inbox.</p>"
            "<form><input type='email'><button>Start free trial</button></form></section>")
    card = ("<ul><li><h3>Bird feeder</h3><span>$99</span><form><input type='email'>"
            "<button>Notify me</button></form></li></ul>")
    login = "<div><div>Members</div><form><input name='email'><input type='password'></form></div>"
    run = run_step("signup-boxes", page(hero + card + login, before=True))
    assert_story_kept(run)
    assert "The complete help desk" in run.text and "Bird feeder" in run.text and "Members" in run.text
    assert run.trace.removed == 0


def test_forms_remove_small_forms_but_not_a_page_wrapping_form():
    small = page('<form class="search"><label>Search for:</label><input name="s"></form>')
    run = run_step("forms", small)
    assert_story_kept(run)
    assert "Search for" not in run.text
    assert run.trace.removed == 1

    fields = "".join(f"<div class='gfield'><label>{name}</label><input type='text'><div class='hint'>"
                     f"Required: we use it for this request only.</div></div>"
                     for name in ("First name", "Last name", "Company", "Email", "Phone", "City", "Budget", "Start"))
    contact = page(f"<form id='gform_3'><h3>Request a quote</h3>{fields}<button>Send</button></form>")
    run = run_step("forms", contact)
    assert len(dom.parse(contact).css_first("form").text().strip()) > 400  # over MAX_FORM_TEXT
    assert "Request a quote" not in run.text and "Please enter" not in run.text  # > 400 chars, 8 fields
    assert_story_kept(run)
    assert run.trace.removed == 1

    wrapped = f'<html><body><form id="aspnetForm"><p>{STORY}</p><p>{STORY2}</p><p>{STORY}</p></form></body></html>'
    run = run_step("forms", wrapped)
    assert_story_kept(run)
    assert run.trace.removed == 0


# -- vocabulary cleaners ------------------------------------------------------------------------
def test_cookie_banners():
    run = run_step("cookie-banners", page(
        '<div id="cookie-notice" role="dialog"><span class="cn-text">We use cookies to ensure that we give you '
        'the best experience.</span><a class="cn-button">Ok</a></div>'
        '<div id="onetrust-consent-sdk"><p>Manage consent preferences</p></div>'))
    assert_story_kept(run)
    assert "We use cookies" not in run.text and "Manage consent" not in run.text
    assert run.trace.removed == 2


def test_consent_managers_go_however_long_their_preference_centre():
    vendors = "".join(f"<li class='ot-vendor'>Vendor {i} stores and reads cookies on your device for "
                      f"measurement and personalised advertising purposes.</li>" for i in range(60))
    assert len(vendors) > 3000  # over cookie-banners' max_chars, which would spare it
    html = page(f'<div id="onetrust-consent-sdk"><div class="ot-pc-content"><ul>{vendors}</ul></div></div>'
                f'<div class="cmplz-cookiebanner"><p>Manage your privacy choices</p></div>')
    run = run_step("consent-managers", html)
    assert_story_kept(run)
    assert "Vendor" not in run.text and "privacy choices" not in run.text
    assert run.trace.removed == 2
    assert run_step("cookie-banners", html).trace.removed == 1  # the generic words spare the long one


def test_consent_roots_go_whatever_their_size():
    """A consent platform's preference centre lists every purpose and partner: thousands of characters,
    more than cookie-banners allows a match, and more than the story on a short page."""
    purposes = "".join(f"<h4>Purpose {i}</h4><p>{STORY}</p>" for i in range(12))
    run = run_step("consent-managers", page(
        f'<div id="onetrust-consent-sdk"><div id="onetrust-pc-sdk"><h3>Manage Consent Preferences</h3>'
        f'{purposes}</div></div><div id="CybotCookiebotDialog"><p>This website uses cookies.</p></div>'))
    assert run.text == f"{STORY} {STORY2}"


def test_consent_roots_go_however_long_their_vendor_lists():
    # a preference centre lists every purpose and vendor: longer than cookie-banners' 3,000-character cap
    vendors = "".join(f"<li>Vendor number {i} stores and reads cookies for measurement</li>" for i in range(80))
    centre = (f'<div id="onetrust-consent-sdk"><div id="onetrust-pc-sdk"><p>Privacy preference centre</p>'
              f'<ul>{vendors}</ul></div></div><div id="BorlabsCookieBox"><p>Borlabs settings</p></div>')
    assert len(vendors) > 3000
    assert "Vendor number 79" in run_step("cookie-banners", page(centre)).text
    run = run_step("consent-managers", page(centre + '<div class="consent-note"><p>We value consent</p></div>'))
    assert_story_kept(run)
    assert "Vendor number" not in run.text and "Borlabs settings" not in run.text
    assert "We value consent" in run.text  # a class that only says "consent" names no platform
    assert run.trace.removed == 2


@pytest.mark.parametrize("doctype, removed", [("", True), ("<!DOCTYPE html>", False)])
def test_id_selectors_of_a_token_step_match_as_lexbor_matches_them(doctype, removed):
    """Lexbor matches ``#id`` regardless of case in quirks mode (no doctype) and exactly in standards mode.
    A step whose ``tags`` are all ids asks Lexbor only when the page holds one of them in some case, so
    both answers stay; with none on the page, nothing goes."""
    step = TokenCleaner("id-boxes", token_set(("nothing-here",)), ("#Preference-Centre", "#cmp-box"))
    run = run_step("id-boxes", doctype + page('<div id="PREFERENCE-CENTRE"><p>Vendor list</p></div>'), step=step)
    assert_story_kept(run)
    assert ("Vendor list" not in run.text) == removed
    run = run_step("id-boxes", doctype + page('<div id="cmp-boxes"><p>Vendor list</p></div>'), step=step)
    assert "Vendor list" in run.text and run.trace.removed == 0


def test_navigation_menus_breadcrumbs_headers_and_footers():
    run = run_step("navigation", page(
        '<header class="site-header"><a class="logo">Daily Planet</a></header>'
        '<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>'
        '<ol class="breadcrumb"><li><a href="/">Start</a></li><li>Local</li></ol>'
        '<ul id="menu-main-menu" class="menu"><li><a href="/sport">Sport</a></li></ul>', before=True)
        .replace("</body>", '<footer id="colophon"><p>© 2023 Daily Planet. Imprint.</p></footer></body>'))
    assert_story_kept(run)
    for gone in ("Daily Planet", "Home", "World", "Start", "Sport", "Imprint"):
        assert gone not in run.text
    assert run.trace.removed == 5


def test_navigation_removes_a_footer_even_when_it_holds_most_of_the_text():
    """Shops put their privacy policy and terms in modals inside <footer>: more text than the product,
    but still the site's footer.  The page-share guard that protects a wrapper named ``nav-...``
    around the story does not apply to the <footer> element itself."""
    policy = "".join(f"<p>{i}. We process personal information for the purposes of running our business, "
                     "complying with the law and protecting our website and our customers.</p>" for i in range(12))
    html = (f"<html><body><div class='product'><h1>Wool runner</h1><p>{STORY}</p></div>"
            f"<footer><div id='modal-privacy-policy'><h2>Privacy policy</h2>{policy}</div></footer></body></html>")
    run = run_step("navigation", html)
    assert STORY in run.text
    assert "Privacy policy" not in run.text and "personal information" not in run.text
    assert run.trace.removed == 1


def test_navigation_spares_a_story_in_a_wrapper_named_navigation():
    """A class word on a page wrapper (``left-navigation_page-wrapper``) does not make the story a menu;
    a flyout of long labels in the same wrapper kind of class is still removed."""
    long = "".join(f"<p>{STORY} {STORY2}</p>" for _ in range(20))
    labels = "".join(f"<label><input type=checkbox> Language number {i} of the review filter</label>" for i in range(60))
    html = (f'<html><body><div id="left-navigation_page-wrapper">{long}</div>'
            f'<div class="navigation-flyout">{labels}</div></body></html>')
    run = run_step("navigation", html)
    assert run.text.count(STORY) == 20 and "review filter" not in run.text
    assert run.trace.removed == 1 and "prose, not navigation" in run.trace.note


def test_navigation_keeps_an_articles_own_header():
    """<header> inside <article> is the story's introduction (headline, teaser), not site navigation."""
    teaser = "After ten years of planning, the city has picked a builder for the new cycle bridge."
    html = (f'<html><body><header class="site-header"><a href="/">Daily Planet</a></header><article><header>'
            f'<h1>Bridge approved</h1><p class="teaser">{teaser}</p></header><p>{STORY}</p><p>{STORY2}</p>'
            '</article></body></html>')
    run = run_step("navigation", html)
    assert_story_kept(run)
    assert teaser in run.text and "Bridge approved" in run.text
    assert "Daily Planet" not in run.text
    assert run.trace.removed == 1


def test_navigation_keeps_formulas_marked_with_a_menu_class():
    """MathJax marks a rendered formula ``CtxtMenu_Attached_0`` once its context menu is attached."""
    formula = ('<mjx-container class="MathJax CtxtMenu_Attached_0" jax="CHTML"><mjx-assistive-mml>'
               '<math><mi>a</mi><mo>≠</mo><mn>0</mn></math></mjx-assistive-mml></mjx-container>')
    html = (f"<html><body><div class='menu'><a href='/'>Home</a></div><p>{STORY}</p><p>When {formula}, "
            f"there are two solutions.</p><p class='CtxtMenu_Attached_1'><math><mi>x</mi></math></p>"
            f"<p>{STORY2}</p></body></html>")
    run = run_step("navigation", html)
    assert_story_kept(run)
    assert "a ≠ 0" in " ".join(run.text.split()) and "Home" not in run.text
    assert run.trace.removed == 2  # the menu, and the paragraph whose own class says menu


def test_sidebars_ignore_utility_classes_that_name_a_colour():
    """Tailwind/Bootstrap ``text-secondary`` is grey text, not WordPress's ``#secondary`` sidebar."""
    html = (f"<html><body><div id='secondary'><a href='/a'>Archives</a></div><article><p>{STORY}</p>"
            f"<p class='text-secondary-300 md:bg-secondary'>{STORY2}</p><p>{STORY}</p></article></body></html>")
    run = run_step("sidebars", html)
    assert_story_kept(run)
    assert "Archives" not in run.text
    assert run.trace.removed == 1


def test_newsletter_ignores_a_negated_class():
    """``non-paywall`` marks the free part of the story: the opposite of a paywall box."""
    html = (f"<html><body><article><section class='row non-paywall'><p>{STORY}</p></section><p>{STORY2}</p>"
            f"<p>{STORY}</p></article><div class='paywall'>Subscribe to read on.</div></body></html>")
    run = run_step("newsletter", html)
    assert_story_kept(run)
    assert run.text.count(STORY) == 2 and "Subscribe" not in run.text
    assert run.trace.removed == 1


def test_sidebars():
    run = run_step("sidebars", page('<aside class="widget-area"><h2>Recent Posts</h2><ul><li><a href="/a">'
                                    'Another story</a></li></ul></aside><div id="secondary"><p>Archives</p></div>'))
    assert_story_kept(run)
    assert "Recent Posts" not in run.text and "Archives" not in run.text
    assert run.trace.removed == 2


def test_sidebars_spare_a_prose_column_that_carries_the_word():
    """A BEM part ``element__secondary`` holding paragraphs of prose is the page's text; a sidebar column
    whose few paragraphs sit among labels and links (a rate box, review cards) still goes."""
    column = (f"<div class='cta__text'><div class='element__secondary'><p>{STORY}</p><p>{STORY2}</p>"
              f"<p>{STORY}</p></div></div>")
    rates = "".join(f"<div>Rate {i}: 3.{i}% a year</div>" for i in range(30))
    side = f"<div class='col sticky-sidebar'><p>{STORY2}{STORY}{STORY2}</p>{rates}</div>"  # 500 chars of <p>
    story = f"<article>{f'<p>{STORY}</p>' * 16}</article>"
    run = run_step("sidebars", f"<html><body>{column}{story}{side}</body></html>")
    assert run.text.count(STORY) == 18 and STORY2 in run.text
    assert "Rate 3" not in run.text
    assert run.trace.removed == 1


def test_share_bars():
    run = run_step("share-bars", page('<div class="sharedaddy sd-sharing-enabled"><h3>Share this:</h3>'
                                      '<a class="share-twitter">Twitter</a><a class="share-facebook">Facebook</a>'
                                      '</div><ul class="socialShareButtons"><li>WhatsApp</li></ul>'))
    assert_story_kept(run)
    for gone in ("Share this", "Twitter", "Facebook", "WhatsApp"):
        assert gone not in run.text
    assert run.trace.removed == 2


def test_related_articles():
    run = run_step("related-articles", page(
        '<div id="jp-relatedposts" class="jp-relatedposts"><h3>Related</h3><a href="/x">Other bridge story</a></div>'
        '<section class="yarpp-related"><a href="/y">Council budget passes</a></section>'))
    assert_story_kept(run)
    assert "Other bridge story" not in run.text and "Council budget" not in run.text
    assert run.trace.removed == 2


def test_related_does_not_match_inside_a_word():
    """``related`` is a whole word of the class: ``unrelated-note`` is not a related-posts box."""
    html = page("").replace('<p id="s2">', '<p id="s2" class="unrelatedNote">')
    run = run_step("related-articles", html)
    assert_story_kept(run)
    assert run.trace.removed == 0


def test_newsletter():
    run = run_step("newsletter", page('<div class="newsletter-signup"><h3>Get the morning briefing</h3>'
                                      '<p>Every weekday at six.</p></div><div class="mc4wp-form">Email</div>'))
    assert_story_kept(run)
    assert "morning briefing" not in run.text and "weekday at six" not in run.text
    assert run.trace.removed == 2


def test_ads_and_sponsored():
    run = run_step("ads", page('<div class="ad-slot"><span>Advertisement</span></div>'
                               '<ins class="adsbygoogle" data-ad-slot="123"></ins>'
                               '<div class="sponsored-content"><a>Ten tricks banks hate</a></div>'))
    assert_story_kept(run)
    assert "Advertisement" not in run.text and "Ten tricks" not in run.text
    assert run.trace.removed == 3


def test_ads_do_not_match_words_that_merely_contain_ad():
    """``ad`` is a whole-word token: ``header-image``, ``read-more`` and ``lead`` are not ads."""
    html = page("").replace('<p id="s1">', '<p id="s1" class="lead">').replace('<p id="s2">', '<p id="s2" class="ready">')
    run = run_step("ads", html)
    assert_story_kept(run)
    assert run.trace.removed == 0


def test_newsletter_drops_donation_appeals():
    run = run_step("newsletter", page('<div id="achgut_spenden" class="formular"><h3>Sie lesen uns gern?</h3>'
                                      '<p>Zeigen Sie Ihre Wertschätzung!</p></div>'
                                      '<div class="rty-new-donation"><p>Support this kind of reporting.</p></div>'
                                      '<div class="steady-kasten"><p>Would you consider supporting our work?</p></div>'))
    assert_story_kept(run)
    for gone in ("lesen uns gern", "Wertschätzung", "Support this kind", "consider supporting"):
        assert gone not in run.text
    assert run.trace.removed == 3


def test_story_disclosures_go_on_a_story_only():
    chrome = ('<section class="editorial-disclosure"><p>This post contains references to products from our '
              'advertisers.</p></section><p class="aawp-disclaimer">Prices may have changed since.</p>')
    run = run_step("story-disclosures", page(chrome), page_types=frozenset({"NewsArticle"}))
    assert_story_kept(run)
    assert "references to products" not in run.text and "Prices may have changed" not in run.text
    assert run.trace.removed == 2
    # a service page's disclaimer (fees, rates, terms) is what the page says
    kept = run_step("story-disclosures", page(chrome), page_types=frozenset({"WebPage"}))
    assert "references to products" in kept.text and "Prices may have changed" in kept.text
    assert kept.trace.removed == 0


def test_story_asides_go_on_a_story_only():
    chrome = ('<div class="factbox"><p>Never miss the latest news by signing up.</p></div>'
              '<div id="contact" class="no-print"><p>Questions? Call the press office.</p></div>'
              '<div class="kastenBox"><div class="kastenHead">Further link</div></div>')
    run = run_step("story-asides", page(chrome), page_types=frozenset({"Article"}))
    assert_story_kept(run)
    for gone in ("Never miss", "press office", "Further link"):
        assert gone not in run.text
    assert run.trace.removed == 3
    # on a service page the feature infobox and the contact block are what the page offers
    kept = run_step("story-asides", page(chrome), page_types=frozenset({"WebPage"}))
    assert "press office" in kept.text and kept.trace.removed == 0


def test_teaser_lists_drop_a_row_of_teasers_but_not_a_lone_lead():
    cards = "".join(f'<div class="m-teaser"><a href="/s{i}"><h2>Other story {i}</h2></a><p>Its summary {i}.</p></div>'
                    for i in range(3))
    html = page(cards).replace('<p id="s1">', '<p id="s1" class="teaser">')  # the lead carries "teaser" too
    run = run_step("teaser-lists", html, page_types=frozenset({"NewsArticle"}))
    assert_story_kept(run)
    assert "Other story" not in run.text and "Its summary" not in run.text
    assert run.trace.removed == 3
    kept = run_step("teaser-lists", html, page_types=frozenset({"WebPage"}))  # a service page's feature cards
    assert "Other story 2" in kept.text and kept.trace.removed == 0


def test_author_bio():
    run = run_step("author-bio", page('<div class="saboxplugin-wrap"><p>Jane writes about transport and '
                                      'cities.</p><a>View all posts</a></div>'))
    assert_story_kept(run)
    assert "writes about transport" not in run.text
    assert run.trace.removed == 1


def test_author_bio_knows_bio_compounds_but_not_bio_alone():
    run = run_step("author-bio", page('<div class="contributor-bio"><p>Audrey is the print editor of the paper.</p>'
                                      '</div><div class="bio"><p>Bio Bohnen aus Sidamo, fruchtig und mild.</p></div>'))
    assert_story_kept(run)
    assert "print editor" not in run.text
    assert "Bio Bohnen" in run.text  # German for organic beans: "bio" alone is not a person's bio
    assert run.trace.removed == 1


def test_author_names_drop_a_byline_and_an_author_box():
    run = run_step("author-names", page('<div id="author" class="herald-author"><h4>Über den Autor</h4>'
                                        '<p>Medizinstudent, Papa, Krankenpfleger.</p></div>'
                                        '<p class="article-header__author">Iwona Kurz</p>', before=True))
    assert_story_kept(run)
    assert "Über den Autor" not in run.text and "Medizinstudent" not in run.text and "Iwona Kurz" not in run.text
    assert run.trace.removed == 2


def test_author_names_spare_the_authors_of_every_item_of_a_list():
    """An index of papers or posts names each item's authors: the same class on many items is content."""
    items = "".join(f'<li><a href="/p{i}">Paper {i}</a><div class="list-authors">Ann Lee, Bo Chen {i}</div></li>'
                    for i in range(5))
    run = run_step("author-names", page(f"<ul>{items}</ul>"))
    assert "Bo Chen 4" in run.text and run.text.count("Ann Lee") == 5
    assert run.trace.removed == 0


def test_overlays():
    run = run_step("overlays", page('<div class="newsletter_small_dialog"><form><label>Lists</label></form></div>'
                                    '<div id="signup-modal"><p>Get 10% off your first order</p></div>'
                                    '<div role="dialog"><p>Choose your region</p></div>'
                                    '<p class="x"><a class="open-popup" href="#m">Size guide</a></p>'))
    assert_story_kept(run)
    for gone in ("Lists", "10% off", "Choose your region"):
        assert gone not in run.text
    assert "Size guide" in run.text  # the link that opens a pop-up is not the pop-up
    assert run.trace.removed == 3


def test_post_meta():
    run = run_step("post-meta", page('<dl class="postprofile"><dt>Senator</dt><dd>Posts: 4032</dd></dl>'
                                     '<div class="post-signature"><a>user398</a> 1,992 gold badges</div>'
                                     '<div class="js-vote-count">67</div>'))
    assert_story_kept(run)
    assert "Posts: 4032" not in run.text and "gold badges" not in run.text and "67" not in run.text
    assert run.trace.removed == 3


def test_post_meta_removes_the_posters_statistics_and_rank_but_not_the_name():
    """Forum engines print the poster's statistics and rank beside each post under their own class
    names (XenForo message-userExtras and userTitle, Invision ipsEntry__authorStats, vBulletin
    userinfo_extra): the thread's reference text has the poster's name and the post, not these."""
    card = ('<section class="message-user"><h4 class="message-name"><a class="username">Chris Hall</a></h4>'
            '<h5 class="userTitle message-userTitle">Distinguished Member</h5><div class="message-userExtras">'
            '<dl class="pairs"><dt>Joined</dt><dd>Jun 4, 2024</dd></dl>'
            '<dl class="pairs"><dt>Messages</dt><dd>28</dd></dl></div></section>'
            '<aside class="ipsEntry__author-column"><h3>brob</h3><ul class="ipsEntry__authorStats">'
            '<li>21.9k</li><li>554</li></ul></aside>'
            '<div class="userinfo_extra"><dl class="userstats"><dt>Join Date</dt><dd>Aug 2008</dd></dl></div>')
    run = run_step("post-meta", page(card, before=True))
    assert run.text == f"Chris Hall brob {STORY} {STORY2}"
    assert run.trace.removed == 4


def test_post_meta_spares_a_long_post_in_a_signature_wrapper():
    long = " ".join([STORY] * 3)
    run = run_step("post-meta", page(f'<div class="signature"><p>{long}</p></div>'))
    assert long in run.text and run.trace.removed == 0


def test_post_chrome_removes_template_lines_repeated_beside_posts():
    posts = "".join(
        f'<div class="post"><div class="author"><a>user{i}</a><div class="smallfont"><div>Join Date: <b>Aug 200{i}'
        f'</b></div><div>Posts: <b>1,07{i}</b></div><span>{i + 1:,} posts</span></div><a href="#p{i}">#{i + 1}</a>'
        f'</div><blockquote>Quoted words<div class="expand"><a>Click to expand...</a></div></blockquote>'
        f'<p>{post}</p><ul class="actions"><li><a>Reply</a></li><li><a>Quote</a></li></ul></div>'
        for i, post in enumerate(FORUM_POSTS))
    run = run_step("post-chrome", f"<html><body>{posts}</body></html>")
    # two posts are enough: the same kind of line twice is a template
    two = run_step("post-chrome", "<html><body>" + posts[:posts.rindex('<div class="post">')] + "</body></html>")
    assert two.trace.removed == 2 * 6
    # a bare "#2" stays: articles number ranked items and link issues that way
    assert run.text == " ".join(f"user{i} #{i + 1} Quoted words {post}" for i, post in enumerate(FORUM_POSTS))
    assert run.trace.removed == 3 * 6  # join date, posts, count, expander, reply, quote


def test_post_chrome_keeps_lines_that_do_not_repeat():
    """One "Location: Harbour Hall" or "Reply" line is a sentence of the page, not a post template."""
    chrome = '<p>Location: Harbour Hall</p><p>Posts: 12</p><p>Joined: <b>May 2019</b></p><p><a>Reply</a></p>'
    run = run_step("post-chrome", page(chrome))
    assert_story_kept(run)
    assert "Location: Harbour Hall Posts: 12 Joined: May 2019 Reply" in run.text
    assert run.trace.removed == 0


def test_tag_lists():
    run = run_step("tag-lists", page('<div class="post-tags"><span>Tags:</span><a rel="tag">bridges</a>'
                                     '<a rel="tag">cycling</a></div><p class="x"><a rel="tag">loose</a></p>'))
    assert_story_kept(run)
    for gone in ("Tags:", "bridges", "cycling", "loose"):
        assert gone not in run.text
    assert run.trace.removed == 4  # the box, its two links (matched before the box), the loose tag link


def test_back_to_top():
    run = run_step("back-to-top", page('<a id="go-to-top" class="go-to-top-button" href="#body">'
                                       '<span>Back to top button</span></a><a href="#top">^</a>'))
    assert_story_kept(run)
    assert "Back to top" not in run.text and "^" not in run.text
    assert run.trace.removed == 2


def test_meta_lines():
    run = run_step("meta-lines", page('<div class="entry-meta"><span class="byline">By Jane Roe</span>'
                                      '<span class="reading-time">3 min read</span></div>', before=True))
    assert_story_kept(run)
    assert "Jane Roe" not in run.text and "3 min read" not in run.text
    assert run.trace.removed >= 1


def test_meta_lines_drop_the_filed_under_line_of_a_blog_post():
    run = run_step("meta-lines", page('<div class="entry-utility">This entry was posted in <a>News</a>. '
                                      'Bookmark the <a>permalink</a>.</div><p class="postmetadata alt">'
                                      'Filed on Monday, 6 May 2014 under Linux.</p>'))
    assert_story_kept(run)
    assert "This entry was posted" not in run.text and "Filed on Monday" not in run.text
    assert run.trace.removed == 2


# -- comments and the forum guard ---------------------------------------------------------------
WP_COMMENTS = (
    '<div id="comments" class="comments-area"><h2 class="comments-title">2 thoughts on this</h2>'
    '<ol class="comment-list"><li class="comment"><p>Great news for cyclists.</p></li>'
    '<li class="comment"><p>About time.</p></li></ol>'
    '<div id="respond" class="comment-respond"><h3 id="reply-title">Leave a Reply</h3>'
    '<form id="commentform" class="comment-form"><p class="comment-notes">Your email address will not be '
    'published.</p><textarea name="comment"></textarea></form></div></div>')


def long_page(chrome: str) -> str:
    """A story long enough that a short comment section is clearly not the page's main text."""
    return page(chrome).replace("</article>", f"<p>{STORY}</p><p>{STORY2}</p></article>")


def test_comments_removes_the_comment_section_and_its_form():
    run = run_step("comments", long_page(WP_COMMENTS))
    assert_story_kept(run)
    for gone in ("Great news for cyclists", "About time", "Leave a Reply", "will not be published"):
        assert gone not in run.text
    assert run.trace.removed == 1  # #comments holds everything else


def test_a_post_whose_taxonomy_term_reads_comments_stays_and_its_comments_go():
    # WordPress's post_class() adds a class per category, tag and custom taxonomy term: "hentry" marks the post
    post = ('<section class="post type-post hentry category-news internet-estallido-comentarios">'
            f'<p>{STORY}</p><p>{STORY2}</p></section>')
    run = run_step("comments", f"<html><body>{post}{WP_COMMENTS}</body></html>")
    assert_story_kept(run)
    assert "Great news for cyclists" not in run.text and "Leave a Reply" not in run.text


def test_comments_in_a_comment_box_are_removed():
    box = ('<div id="comment-box" class="user-post-box"><h3>Comment list (2)</h3><ul class="single-post"><li>'
           '#1 Mei: what a lovely trip</li><li>#2 Lin: the photos are beautiful</li></ul></div>')
    run = run_step("comments", long_page(box))
    assert_story_kept(run)
    assert "lovely trip" not in run.text and "Comment list" not in run.text
    assert run.trace.removed == 1


def test_comments_are_kept_apart_when_asked():
    run = run_step("comments", long_page(WP_COMMENTS), comments=True)
    assert len(run.ctx.comment_nodes) == 1
    assert "Great news for cyclists" not in run.text


def test_comment_form_alone_is_removed():
    run = run_step("comments", page('<div id="respond" class="comment-respond"><h3>Leave a Reply</h3>'
                                    '<form class="comment-form"><input name="author"></form></div>'))
    assert_story_kept(run)
    assert "Leave a Reply" not in run.text
    assert run.trace.removed == 1


def test_comments_in_a_panel_beside_the_story_are_not_a_thread():
    """A CMS puts the story and the comments in sibling panels with the same class: the comment panel
    holds the reply form, so it is a section, not a reply standing beside its first post."""
    comments = "".join(f'<div class="comment clearfix"><span class="username">Reader {i}</span><p>I think the '
                       f'bridge will change the whole town, and not only for the cyclists who use it. {i}</p>'
                       '</div>' for i in range(3))
    html = (f'<html><body><div class="panel-pane pane-body">{f"<p>{STORY}</p><p>{STORY2}</p>" * 3}</div>'
            f'<div class="panel-pane pane-social-comments"><h2>Comments</h2><form><textarea></textarea></form>'
            f'{comments}</div></body></html>')
    run = run_step("comments", html)
    assert run.text.count(STORY) == 3 and run.text.count(STORY2) == 3
    assert "Reader" not in run.text and "whole town" not in run.text
    assert "a thread" not in run.trace.note
    assert run.trace.removed == 1


FORUM_POSTS = (
    "My well pump trips the breaker every time it starts after a cold night. The breaker is a new twenty amp "
    "one and the wiring was checked last year.",
    "Check the start capacitor first. When it weakens the motor draws much more current on start, and cold "
    "makes that worse. They are cheap and easy to swap.",
    "That was it. The capacitor was bulging on one side. Replaced it this morning and the pump has started "
    "fine ten times in a row.",
)
# schema.org markup as Discourse serves it: the first post is the topic, the replies are itemprop=comment
FORUM = (
    '<html><body><h1>Pump keeps tripping the breaker</h1><div itemscope itemtype="http://schema.org/'
    'DiscussionForumPosting">'
    + "".join(f'<div id="post_{i}" class="topic-body"{" itemprop=comment" if i else ""}>'
              f'<div class="post" itemprop="text"><p>{text}</p></div></div>' for i, text in enumerate(FORUM_POSTS))
    + '</div><div id="reply-control" class="reply-form"><form><textarea></textarea></form>'
      '<p>Log in to reply to this thread.</p></div></body></html>')


def test_forum_guard_keeps_posts_and_removes_only_the_reply_form():
    run = run_step("comments", FORUM)
    for post in FORUM_POSTS:
        assert post in run.text
    assert "Log in to reply" not in run.text
    assert run.trace.removed == 1
    assert "a thread" in run.trace.note and "posts kept" in run.trace.note


def _qa_post(kind: str, text: str, remarks: tuple[str, ...]) -> str:
    prop = "mainEntity" if kind == "Question" else "suggestedAnswer"
    items = "".join(f'<li itemprop="comment" itemscope itemtype="https://schema.org/Comment" class="comment">'
                    f'<span class="comment-copy">{r}</span> \u2013 <a class="comment-user">user{i}</a></li>'
                    for i, r in enumerate(remarks))
    return (f'<div itemprop="{prop}" itemscope itemtype="https://schema.org/{kind}" class="post">'
            f'<div class="post-body" itemprop="text"><p>{text}</p></div>'
            f'<div class="comments js-comments-container"><ul class="comments-list">{items}</ul></div>'
            f'<div class="comments-link"><a href="#">Show 2 more comments</a></div></div>')


def test_comments_under_a_question_or_answer_go_on_a_qa_page():
    """The question and its answers are the content of a Q&A page; the comment list under each one is
    remarks about that post, and goes (a forum's replies, Comment items of a posting, stay: see above)."""
    html = ('<html><body><div itemscope itemtype="https://schema.org/QAPage">'
            + _qa_post("Question", FORUM_POSTS[0], ("Which pump model is it?", "Is it on a GFCI?"))
            + _qa_post("Answer", FORUM_POSTS[1], ("This fixed mine too.",))
            + _qa_post("Answer", FORUM_POSTS[2], ())
            + '</div></body></html>')
    run = run_step("comments", html)
    assert run.text == " ".join(FORUM_POSTS)
    assert "posts kept" in run.trace.note and "6 comment elements under a question or answer" in run.trace.note  # list and link, x3


def test_comments_inside_a_question_stay_when_nothing_is_marked_as_an_answer():
    html = ('<html><body><div itemscope itemtype="https://schema.org/QAPage">'
            + _qa_post("Question", FORUM_POSTS[0], ("Which pump model is it?",)) + '</div></body></html>')
    run = run_step("comments", html)
    assert "Which pump model is it?" in run.text and run.trace.removed == 0


# -- phrase cleaners, in every supported language -----------------------------------------------
SECTIONS = {
    "en-related": "<div><h3>Related Articles</h3><ul><li><a href='/a'>Bridge costs rise</a></li>"
                  "<li><a href='/b'>Ferry to close</a></li></ul></div>",
    "en-reply": "<div><h3>Leave a Reply</h3><p><a href='/login'>Log in</a></p></div>",
    "de": "<div><h4>Lesen Sie auch</h4><ul><li><a href='/a'>Brückenkosten steigen</a></li></ul></div>",
    "de-comments": "<div><h3>Schreibe einen Kommentar</h3><p><a href='/login'>Anmelden</a></p></div>",
    "fr": "<div><h3>À lire aussi</h3><ul><li><a href='/a'>Le pont coûtera plus cher</a></li></ul></div>",
    "es": "<div><h3>Te puede interesar</h3><ul><li><a href='/a'>El puente costará más</a></li></ul></div>",
    "it": "<div><h3>Leggi anche</h3><ul><li><a href='/a'>Il ponte costerà di più</a></li></ul></div>",
    "pt": "<div><h3>Leia também</h3><ul><li><a href='/a'>A ponte vai custar mais</a></li></ul></div>",
    "pl": "<div><h3>Czytaj także</h3><ul><li><a href='/a'>Most będzie droższy</a></li></ul></div>",
    "en-closed": "<div><h4>Comments are closed.</h4><a href='/feed'>RSS</a></div>",
    "de-closed": "<div><h4>Kommentare sind geschlossen.</h4><a href='/feed'>RSS</a></div>",
    "de-newest": "<div><h3>Neueste Artikel</h3><ul><li><a href='/a'>Brückenkosten steigen</a></li></ul></div>",
    "de-feedback": "<div><h4>War dieser Artikel hilfreich?</h4><a href='#ja'>Ja</a> <a href='#nein'>Nein</a></div>",
    "en-feedback": "<div><h4>Was this article helpful?</h4><a href='#y'>Yes</a> <a href='#n'>No</a></div>",
    "de-overview": "<div><h4>Zurück zur Übersicht</h4><a href='/news'>Alle Meldungen</a></div>",
    "en-similar": "<div><h3>Similar threads</h3><ul><li><a href='/t/1'>Pump trips breaker</a></li></ul></div>",
    "en-related-questions": "<div><h4>Related questions</h4><ul><li><a href='/q/1'>Why does my pump hum?</a></li>"
                            "</ul></div>",
    "de-exclaimed": "<div><h3>Das könnte Sie auch interessieren!</h3><ul><li><a href='/a'>Brückenkosten</a></li>"
                    "</ul></div>",
    "de-topic": "<div><h3>Das Thema könnte dich auch interessieren:</h3><ul><li><a href='/a'>Radwege</a></li>"
                "</ul></div>",
    "de-column": "<div><h3>Weitere Beiträge aus der Kolumne:</h3><ul><li><a href='/a'>Die Fähre</a></li></ul></div>",
    "de-links": "<div><h4>Weiterführende Links</h4><ul><li><a href='/a'>Stadtrat</a></li></ul></div>",
    "de-login": "<div><p>Sie sind aktuell nicht eingeloggt.</p><a href='/login'>Anmelden</a></div>",
    "es-formal": "<div><h3>Lea también</h3><ul><li><a href='/a'>El puente costará más</a></li></ul></div>",
    "de-write": "<div><h3>Kommentare schreiben</h3><p><a href='/login'>Anmelden</a></p></div>",
    "de-embed": "<div><h4>Externer Inhalt</h4><a href='#zustimmen'>Inhalt von twitter.com laden</a></div>",
    "en-embed": "<div><h4>External content</h4><a href='#consent'>Load the post from twitter.com</a></div>",
}


@pytest.mark.parametrize("html", SECTIONS.values(), ids=SECTIONS.keys())
def test_chrome_phrases_remove_the_section_they_head(html: str):
    run = run_step("chrome-phrases", page(html))
    assert_story_kept(run)
    # the heading and every link of its section are gone, and only one node was removed: the section
    assert not run.has("h3, h4") and not run.has("li, a")
    assert run.trace.removed == 1


def test_chrome_phrases_never_climb_into_the_article():
    html = (f'<html><body><article><p>{STORY}</p><h3>Related Articles</h3><p>{STORY2}</p></article>'
            '</body></html>')
    run = run_step("chrome-phrases", html)
    assert_story_kept(run)
    assert "Related Articles" not in run.text
    assert run.trace.removed == 1


def test_chrome_phrases_need_the_whole_text_to_match():
    html = page("").replace(STORY2, "Readers who share this view wrote to the council; related articles "
                                    "appeared all week.")
    run = run_step("chrome-phrases", html)
    assert "related articles appeared" in run.text
    assert run.trace.removed == 0


def test_chrome_phrases_remove_a_line_every_item_repeats_but_keep_the_items():
    """"N min read" on each story card of a listing is the card's line, not a section's heading:
    the labels go alone and the cards stay.  A "Read more" link closing each teaser of a box still
    takes its teaser (that box is chrome), and a heading seen once still takes its section."""
    cards = "".join(f'<div class="card"><h2><a href="/s{i}">Story number {i} about the harbour</a></h2>'
                    f"<span>{i + 2} min read</span></div>" for i in range(4))
    teasers = "".join(f'<div class="t"><a href="/t{i}">Teaser {i}</a> <a href="/t{i}">Read more</a></div>'
                      for i in range(3))
    related = '<div><h3>Related articles</h3><ul><li><a href="/r">Other story</a></li></ul></div>'
    html = (f"<html><body><main><p>{STORY}</p><div>{cards}</div><p>{STORY2}</p></main>"
            f"<aside><div>{teasers}</div></aside>{related}</body></html>")
    run = run_step("chrome-phrases", html)
    assert_story_kept(run)
    assert "Story number 3 about the harbour" in run.text and "Story number 0" in run.text
    assert "min read" not in run.text
    assert "Teaser" not in run.text and "Other story" not in run.text
    assert run.trace.removed == 4 + 1 + 1  # four labels, the teaser box (one climb takes it all), the section


def test_chrome_phrases_leave_code_alone():
    """``print`` in a code block is code, not a "Print this" button."""
    html = page('<pre><code><span class="k">print</span>(total)</code></pre>')
    run = run_step("chrome-phrases", html)
    assert run.root.css_first("pre").text() == "print(total)"
    assert run.trace.removed == 0


BUTTONS = {"en": "Back to top", "de": "Nach oben", "fr": "Retour en haut", "es": "Volver arriba",
           "it": "Torna su", "pt": "Voltar ao topo", "pl": "Do góry"}


@pytest.mark.parametrize("label", BUTTONS.values(), ids=BUTTONS.keys())
def test_back_to_top_phrases_remove_only_the_button(label: str):
    html = page(f'<div class="wrap"><p>{STORY2}</p><a href="#">{label}</a></div>').replace(
        f'<p id="s2">{STORY2}</p>', "")
    run = run_step("back-to-top-phrases", html)
    assert label not in run.text
    assert STORY in run.text and STORY2 in run.text  # its container stays: climb is off
    assert run.trace.removed == 1


PAGER = ("Weiter »", "‹ Previous", "Vorheriges", "Zurück zum Lexikon", "weiterlesen", "Lire la suite",
         "Quellen ausblenden", "Dieses Skript als PDF herunterladen", "Następny")


@pytest.mark.parametrize("label", PAGER)
def test_pager_phrases_remove_only_the_link(label: str):
    html = page(f'<div class="wrap"><p>{STORY2}</p><p><a href="/p/2">{label}</a></p></div>').replace(
        f'<p id="s2">{STORY2}</p>', "")
    run = run_step("pager-phrases", html)
    assert label not in run.text
    assert STORY in run.text and STORY2 in run.text  # its container stays: climb is off
    assert run.trace.removed == 1


def test_pager_phrases_keep_headings_and_calls_to_action_that_say_more():
    kept = ("<h2>Weiter geht es mit der Brücke</h2>", "<h3>Zurück zur Natur</h3>", '<a href="/all">View all</a>',
            '<a class="btn" href="/buy">Buy now</a>', "<p>Next, the council voted.</p>",
            '<p>To go on, click <b>Next</b> as in <a href="/a"><span>the previous article</span></a> first</p>')
    run = run_step("pager-phrases", page("".join(kept)))
    assert run.text == (f"{STORY} {STORY2} Weiter geht es mit der Brücke Zurück zur Natur View all Buy now "
                        "Next, the council voted. To go on, click Next as in the previous article first")
    assert run.trace.removed == 0


# -- content-stage cleaners ---------------------------------------------------------------------
# -- product pages ----------------------------------------------------------------------------------
PRODUCT_PAGE = ("<html><body><div class='product'><h1>Oak bench</h1><p>" + STORY + "</p>"
                "<p><a class='reviews-link' href='#r'>(2 reviews)</a></p></div>"
                "<div class='product-reviews'><h2>Customer reviews</h2>"
                "<div class='review'><p>Sturdy and easy to assemble, five stars.</p></div>"
                "<div class='review'><p>Arrived late but looks great in the hall.</p></div></div>"
                "<div class='yotpo-main-widget'><p>Write a review</p></div></body></html>")


@pytest.mark.parametrize("types", [{"Product"}, {"ProductGroup"}, {"og:product"}, {"og:product.group"}])
def test_product_reviews_removes_review_sections_on_a_product_page(types):
    run = run_step("product-reviews", PRODUCT_PAGE, page_types=frozenset(types | {"BreadcrumbList"}))
    assert run.text == f"Oak bench {STORY} (2 reviews)"  # the inline count link is not the section
    assert run.trace.removed == 2


@pytest.mark.parametrize("types", [set(), {"Review", "Article"}, {"Offer"}])
def test_product_reviews_leave_pages_that_declare_no_product_alone(types):
    """On a story a ``reviews`` class can be the story itself (a critic's review column)."""
    run = run_step("product-reviews", PRODUCT_PAGE, page_types=frozenset(types))
    assert "five stars" in run.text and "Write a review" in run.text
    assert run.trace.removed == 0


def test_product_reviews_spare_a_wrapper_of_most_of_the_page():
    html = f"<html><body><div id='reviews'><p>{STORY}</p><p>{STORY2}</p></div><p>Footer line</p></body></html>"
    run = run_step("product-reviews", html, page_types=frozenset({"Product"}))
    assert_story_kept(run)
    assert run.trace.removed == 0


CAROUSEL_PAGE = ("<html><body><div class='product'><h1>Oak bench</h1><p>" + STORY + "</p></div>"
                 "<div class='carousel'><h2>Customers who bought this item also bought</h2>"
                 "<div class='card'><a href='/p/1'>Pine stool</a><span>$40.00</span></div>"
                 "<div class='card'><a href='/p/2'>Walnut shelf</a><span>$85.00</span></div></div>"
                 "<section><h3>Seller's other items</h3><ul><li><a href='/p/3'>Birch tray</a></li></ul></section>"
                 "<div><h2>Materials</h2><p>" + STORY2 + "</p></div></body></html>")


def test_product_carousels_remove_rows_of_other_items_with_their_heading():
    run = run_step("product-carousels", CAROUSEL_PAGE, page_types=frozenset({"Product"}))
    assert run.text == f"Oak bench {STORY} Materials {STORY2}"  # a heading that names no carousel stays
    assert run.trace.removed == 2


@pytest.mark.parametrize("types", [set(), {"CollectionPage"}, {"NewsArticle"}])
def test_product_carousels_leave_pages_that_declare_no_product_alone(types):
    """On a shop's category page or a story, "Related products" can head the page's own list."""
    run = run_step("product-carousels", CAROUSEL_PAGE, page_types=frozenset(types))
    assert "Pine stool" in run.text and "Birch tray" in run.text
    assert run.trace.removed == 0


PURCHASE_PAGE = ("<html><body><div class='product'><h1>Oak bench</h1><p>" + STORY + "</p>"
                 "<button class='add-to-wishlist'>Add to wish list</button>"
                 "<div class='klarna-placement'>Pay in 4 interest-free payments of $30.</div>"
                 "<div id='shipping_and_returns'><h3>Shipping and returns</h3><p>Free returns within 30 days.</p></div>"
                 "<p>" + STORY2 + "</p></div><ul class='grid'>"
                 + "".join(f"<li><a href='/p/{i}'>Stool {i}</a><a class='wishlist-link' href='#'>+ wishlist</a></li>"
                           for i in range(4))
                 + "</ul></body></html>")


def test_product_purchase_removes_wish_list_buttons_pay_later_offers_and_delivery_terms():
    run = run_step("product-purchase", PURCHASE_PAGE, page_types=frozenset({"Product"}))
    # the same wishlist link on four cards is a field of each card of a list: it stays
    assert run.text == (f"Oak bench {STORY} {STORY2} " + " ".join(f"Stool {i} + wishlist" for i in range(4)))
    assert run.trace.removed == 3


def test_product_purchase_leaves_pages_that_declare_no_product_alone():
    run = run_step("product-purchase", PURCHASE_PAGE, page_types=frozenset({"NewsArticle"}))
    assert "Free returns within 30 days." in run.text and "Add to wish list" in run.text
    assert run.trace.removed == 0


def test_duplicates_remove_the_second_copy_of_a_product_description():
    desc = "<p>Hand-thrown stoneware mug with a matte speckled glaze.</p><p>Handmade.</p>"
    html = (f"<html><body><div><div class='desktop'><h2>Details</h2>{desc}</div>"
            f"<div class='mobile'><h2>Details</h2>{desc}</div><p>Sold out</p><p>Sold out</p></div></body></html>")
    run = run_step("duplicates", html, page_types=frozenset({"Product"}))
    # short lines and headings repeat legitimately: only the long paragraph's copy goes
    assert run.text == ("Details Hand-thrown stoneware mug with a matte speckled glaze. Handmade. "
                        "Details Handmade. Sold out Sold out")
    assert run.trace.removed == 1


def test_duplicates_keep_a_line_repeated_in_another_section_of_a_story():
    # one repeated paragraph is under a third of the text: the author's repetition, not a second rendering
    html = (f"<html><body><div><p>{STORY}</p><p>{STORY2}</p></div><div><h2>Again</h2><p>{STORY}</p>"
            "<p>Residents of both banks have asked for a crossing since the ferry stopped running a decade ago.</p>"
            "<p>The city expects to pay for it from the regional transport fund and a loan over thirty years.</p>"
            "</div></body></html>")
    run = run_step("duplicates", html, page_types=frozenset({"NewsArticle"}))
    assert run.text.count(STORY) == 2
    assert run.trace.removed == 0


def test_duplicates_remove_a_quoted_copy_of_an_earlier_post():
    html = (f"<html><body><div class='post'><p>{STORY}</p></div><div class='post'>"
            f"<div class='bbCodeQuote'><p>{STORY}</p></div><p>{STORY2}</p></div></body></html>")
    run = run_step("duplicates", html)
    assert run.text == f"{STORY} {STORY2}"
    assert run.trace.removed == 1


def test_a_quotation_counts_only_below_the_content_root():
    from newsclean.cleaners.duplicates import _quoted

    tree = dom.parse("<blockquote><div id='root'><p id='p'>text</p></div></blockquote>")
    para = tree.css_first("#p")
    assert not _quoted(para, tree.css_first("#root"))  # the content itself sits in a quote: not a copy's mark
    assert _quoted(para, tree.body)


def test_duplicates_remove_a_second_rendering_of_the_whole_body():
    body = f"<h1>Headline</h1><p>{STORY}</p><p>{STORY2}</p>"
    html = (f"<html><body><div class='ssr-variant'>{body}</div><div class='ssr-variant phone'>{body}</div>"
            "</body></html>")
    run = run_step("duplicates", html)
    assert run.text == f"Headline {STORY} {STORY2} Headline"
    assert run.trace.removed == 2


def test_duplicates_keep_a_note_repeated_in_every_tab():
    note = "<p>Never hard-code credentials in an application you ship to production.</p>"
    tabs = "".join(f"<div class='tab'><pre>{lang} code</pre>{note}</div>" for lang in ("Python", "Java", "Go", "Ruby"))
    run = run_step("duplicates", f"<html><body><div>{tabs}</div></body></html>")
    assert run.text.count("Never hard-code") == 4
    assert run.trace.removed == 0


def test_duplicates_never_remove_a_wrapper_of_other_blocks():
    html = f"<html><body><div><p>{STORY}</p><div>{STORY}<p>{STORY2}</p></div></div></body></html>"
    run = run_step("duplicates", html, page_types=frozenset({"Product"}))
    assert STORY2 in run.text and run.text.count(STORY) == 2
    assert run.trace.removed == 0


def test_title_heading_removes_the_headline_repeated_in_the_body():
    html = f'<html><body><h1>Bridge approved after long debate</h1><p>{STORY}</p><h2>Costs</h2><p>{STORY2}</p></body></html>'
    run = run_step("title-heading", html, title="Bridge approved after long debate")
    assert "Bridge approved" not in run.text
    assert "Costs" in run.text
    assert run.trace.removed == 1


def test_title_heading_without_a_title_does_nothing():
    html = f'<html><body><h1>Bridge approved</h1><p>{STORY}</p></body></html>'
    run = run_step("title-heading", html, title=None)
    assert "Bridge approved" in run.text
    assert run.trace.removed == 0


@pytest.mark.parametrize("line, source", [
    ("Source: Crypto News Deutsch", "Crypto News Deutsch"),
    ('Source: <a href="https://example.com/x">Reuters</a>', "Reuters"),
    ("<em>Quelle: dpa</em>", "dpa"),
    ("Fuente: EFE", "EFE"),
    ("Źródło: PAP", "PAP"),
])
def test_syndication_moves_the_source_line_out_of_the_text(line: str, source: str):
    run = run_step("syndication", page(f"<p>{line}</p>"))
    assert_story_kept(run)
    assert source not in run.text
    assert run.ctx.source_line == source
    assert run.trace.removed == 1


def test_syndication_ignores_a_sentence_that_mentions_a_source():
    html = page(f"<p>Source: officials said the bridge {STORY}</p>")
    run = run_step("syndication", html)
    assert "officials said the bridge" in run.text
    assert run.ctx.source_line is None
    assert run.trace.removed == 0


def test_prune_chrome_removes_a_link_box_inside_the_content():
    box = ('<div class="x1"><b>Top stories</b><ul><li><a href="/a">Mayor resigns over budget row</a></li>'
           '<li><a href="/b">Storm closes two schools</a></li><li><a href="/c">Derby ends in a draw</a></li></ul></div>')
    run = run_step("prune-chrome", f"<html><body><div id='c'><p>{STORY}</p>{box}<p>{STORY2}</p></div></body></html>")
    assert_story_kept(run)
    assert "Mayor resigns" not in run.text and "Top stories" not in run.text
    assert run.trace.removed == 1


def test_prune_chrome_keeps_a_list_of_links_that_leave_the_site():
    """The same box of links, pointing away from the page's site (a story's sources, its pull
    requests), is part of the story; pointing to social networks, it is a follow box and goes."""
    def box(hrefs):
        return ('<div class="x1"><b>Changes</b><ul>' + "".join(
            f'<li><a href="{h}">{t}</a></li>' for h, t in zip(hrefs, ("Fix the parser", "Sync from upstream",
                                                                        "Update the docs"))) + "</ul></div>")
    def run(hrefs):
        return run_step("prune-chrome", f"<html><body><div id='c'><p>{STORY}</p>{box(hrefs)}<p>{STORY2}</p>"
                                        "</div></body></html>", url="https://blog.example.org/report-39")
    cited = run(["https://github.com/a/b/pull/1", "https://github.com/a/b/pull/2", "//gitlab.com/c/d/-/merge_requests/3"])
    assert_story_kept(cited)
    assert "Fix the parser" in cited.text and cited.trace.removed == 0
    own = run(["/tag/parser", "https://www.example.org/docs", "https://blog.example.org/sync"])  # the site and its hosts
    assert "Fix the parser" not in own.text and own.trace.removed == 1
    social = run(["https://twitter.com/a", "https://www.facebook.com/a", "https://m.youtube.com/@a"])
    assert "Fix the parser" not in social.text and social.trace.removed == 1


def test_prune_chrome_keeps_a_list_of_prose_items():
    items = "".join(f"<li>{s}</li>" for s in (STORY[:90], STORY2[:90]))
    run = run_step("prune-chrome", f"<html><body><div><p>{STORY}</p><ul>{items}</ul></div></body></html>")
    assert STORY2[:90] in run.text
    assert run.trace.removed == 0


def test_prune_chrome_keeps_a_data_table_of_short_figures():
    """Rows like "2/1/2013 | +13.1%" are short, but a table of them without links is the story's data;
    a table of links is still a link box."""
    rows = "".join(f"<tr><td>{m}/1/2013</td><td>+{m}.1%</td></tr>" for m in range(1, 13))
    links = "".join(f"<tr><td><a href='/c{i}'>City {i}</a></td></tr>" for i in range(12))
    html = (f"<html><body><div><p>{STORY}</p><details><summary>Data</summary><table>{rows}</table></details>"
            f"<p>{STORY2}</p><div class='box'><table>{links}</table></div></div></body></html>")
    run = run_step("prune-chrome", html, page_types=frozenset({"NewsArticle"}))
    assert_story_kept(run)
    assert "2/1/2013" in run.text and "+12.1%" in run.text
    assert "City 3" not in run.text
    assert run.trace.removed == 1


def test_prune_chrome_keeps_a_data_table_of_linked_names_under_column_heads():
    """A table whose first row heads its columns (a list of laureates, a ranking) keeps its rows of
    linked names; the same links in a table without column heads are still a link box, and so is a
    navbox whose single head titles the table."""
    people = "".join(f"<tr><td>{1900 + i}</td><td><a href='/p{i}'>Laureate Number {i}</a></td>"
                     f"<td><a href='/q{i}'>Second Laureate {i}</a></td></tr>" for i in range(12))
    heads = "<tr><th>Year</th><th>Physics</th><th>Chemistry</th></tr>"
    links = "".join(f"<tr><td><a href='/c{i}'>City {i}</a></td></tr>" for i in range(12))
    navbox = f"<tr><th colspan='2'>Cities</th></tr>{links}"
    html = (f"<html><body><div><p>{STORY}</p><table><thead>{heads}</thead><tbody>{people}</tbody></table>"
            f"<p>{STORY2}</p><div class='box'><table>{links}</table></div>"
            f"<div class='nav'><table>{navbox}</table></div></div></body></html>")
    run = run_step("prune-chrome", html, page_types=frozenset({"NewsArticle"}))
    assert_story_kept(run)
    assert "Laureate Number 7" in run.text and "Second Laureate 11" in run.text
    assert "City 3" not in run.text
    assert run.trace.removed == 2


def test_trim_edges_drops_short_and_linked_lines_at_the_end_only():
    html = (f"<html><body><div><p><a href='/n'>Newsroom</a> | <a href='/w'>World</a></p><p>{STORY}</p>"
            f"<p>Print</p><p>{STORY2}</p><p><a href='/t'>Tweet</a> <a href='/m'>Mail</a></p><p>Photo: AFP</p>"
            "</div></body></html>")
    run = run_step("trim-edges", html, page_types=frozenset({"NewsArticle"}))
    assert_story_kept(run)
    assert "Print" in run.text  # inside the story: not an edge
    for gone in ("Newsroom", "Tweet", "Photo: AFP"):
        assert gone not in run.text
    assert run.trace.removed == 3


def test_trim_edges_never_takes_the_story_body_with_its_leading_link():
    """The body <div> starts with its own linked words (an agency link); that run is an edge block, but
    its element holds the story, so trimming stops there.  The sign-up link closing the page still goes."""
    promo = ("<div class='box'>We have reported on this city for a hundred years and rely on readers."
             "<p><a href='/join'>Become a member today and support local news</a></p></div>")
    html = (f"<html><body><article><div class='body'><a href='/agency'>City Wire</a><p>{STORY}</p>"
            f"<p>{STORY2}</p><p>{STORY}</p></div>{promo}</article></body></html>")
    run = run_step("trim-edges", html, page_types=frozenset({"NewsArticle"}))
    assert run.text.count(STORY) == 2 and STORY2 in run.text
    assert "Become a member" not in run.text


def test_trim_edges_keeps_a_listings_short_last_item():
    """On a page that is not a story, a short last line is more likely an item than chrome."""
    html = f"<html><body><div><p>{STORY}</p><p>{STORY2}</p><p>Size 42</p></div></body></html>"
    run = run_step("trim-edges", html)
    assert "Size 42" in run.text
    assert run.trace.removed == 0


def test_trim_edges_keeps_cards_that_end_in_a_link():
    """Feature cards in one list, each ending in a "Learn more" link: the link is the list item's own
    text, but removing that item would remove its card, so trimming stops there."""
    cards = "".join(f"<li><h2>Tool {i}</h2><p>{STORY2}</p><a href='/t{i}'>Learn more about tool {i}</a></li>"
                    for i in range(3))
    html = f"<html><body><div><p>{STORY}</p><ul class='features'>{cards}</ul></div></body></html>"
    run = run_step("trim-edges", html)
    assert_story_kept(run)
    assert run.text.count(STORY2) == 3 and "Tool 2" in run.text
    assert "Learn more about tool 2" in run.text
    assert run.trace.removed == 0


STORY3 = ("Local shops on both banks have asked the council to keep the old footpath open while the works "
          "go on, and the mayor said a decision would follow the next meeting.")


def story_then(after: str) -> str:
    """A page whose content holds a story body (four paragraphs in one element) and ``after`` it."""
    return (f"<html><body><div class='content'><h1>Bridge approved</h1><div class='body'><p>{STORY}</p>"
            f"<p>{STORY2}</p><p>{STORY3}</p><p>{STORY}</p></div>{after}</div></body></html>")


def test_trailing_sections_drop_boxes_of_headings_and_paragraphs_after_the_story_body():
    """An author box and a newsletter pitch follow the element that holds the story's prose."""
    bio = "<div class='b1'><h3>Ann Lee</h3><p>Ann Lee writes about transport and cities for the paper.</p></div>"
    pitch = "<section><h2>Get our morning briefing</h2><p>Sign up and read the news first.</p></section>"
    run = run_step("trailing-sections", story_then(bio + pitch))
    assert run.text == f"Bridge approved {STORY} {STORY2} {STORY3} {STORY}"
    assert run.trace.removed == 2


def test_trailing_sections_keep_lists_tables_and_the_heading_over_them():
    """What continues the text after the body stays: an FAQ list with its heading alone in front of
    it, and a table."""
    faq = "<h2>Questions</h2><ul><li>When does work start? In May.</li><li>Who pays? The region.</li></ul>"
    table = "<table><tr><td>Length</td><td>120 m</td></tr></table>"
    run = run_step("trailing-sections", story_then(faq + table))
    assert run.text == (f"Bridge approved {STORY} {STORY2} {STORY3} {STORY} Questions When does work start? "
                        "In May. Who pays? The region. Length 120 m")
    assert run.trace.removed == 0


def test_trailing_sections_keep_a_second_part_longer_than_a_box():
    """Back issues of a newsletter after its latest one: more text than a box beside a story holds
    (TAIL_MAX_CHARS), so a part of the page; three of them are a box and go."""
    def issues(n: int) -> str:
        return "<div class='issues'><h2>Past issues</h2>" + "".join(
            f"<p><a href='/i{i}'>Issue {i}: the year of the bridge and the river</a> What we read this week "
            f"about cycling, ferries and the price of steel.</p>" for i in range(n)) + "</div>"
    long = run_step("trailing-sections", story_then(issues(14)))
    assert "Issue 13: the year" in long.text and long.trace.removed == 0
    short = run_step("trailing-sections", story_then(issues(3)))
    assert short.text == f"Bridge approved {STORY} {STORY2} {STORY3} {STORY}"
    assert short.trace.removed == 1


def test_trailing_sections_keep_the_other_items_of_the_bodys_list():
    """A thread whose first reply holds most of the prose: the replies after it are its peers."""
    first = f"<li class='c'><p>{STORY}</p><p>{STORY2}</p><p>{STORY3}</p><p>{STORY}</p></li>"
    html = (f"<html><body><div><ol class='comments'>{first}<li class='c'><p>Agreed, a fine plan.</p></li>"
            "</ol></div></body></html>")
    run = run_step("trailing-sections", html)
    assert run.text == f"{STORY} {STORY2} {STORY3} {STORY} Agreed, a fine plan."
    assert run.trace.removed == 0
    box = run_step("trailing-sections", html.replace("<li class='c'><p>Agreed", "<div class='c'><p>Agreed")
                   .replace("plan.</p></li>", "plan.</p></div>"))
    assert box.text == f"{STORY} {STORY2} {STORY3} {STORY}"


def test_trailing_sections_leave_a_site_rules_content_whole():
    html = story_then("<div class='b1'><h3>Ann Lee</h3><p>Ann Lee writes about transport.</p></div>")
    assert "Ann Lee" not in newsclean.extract(html, "https://news.example/a").text
    rule = newsclean.SiteRule("news.example", ("news.example",), content=("div.content",))
    kept = newsclean.extract(html, "https://news.example/a", rules=newsclean.RuleSet((rule,)))
    assert kept.text.endswith("Ann Lee\n\nAnn Lee writes about transport.")


def test_trailing_sections_need_a_body_apart_from_the_content():
    """With the story's paragraphs directly in the content root there is no body to cut after, and
    with too little prose there is no telling the body from the rest."""
    flat = (f"<html><body><p>{STORY}</p><p>{STORY2}</p><p>{STORY3}</p><p>{STORY}</p>"
            "<div><h3>Ann Lee</h3><p>Writer.</p></div></body></html>")
    assert run_step("trailing-sections", flat).trace.removed == 0
    short = f"<html><body><div><p>{STORY}</p></div><div><h3>Ann Lee</h3><p>Writer.</p></div></body></html>"
    run = run_step("trailing-sections", short)
    assert run.text == f"{STORY} Ann Lee Writer."
    assert run.trace.removed == 0


def test_captions_drop_figcaptions_and_photo_credits_but_not_long_text():
    html = (f"<html><body><div><p>{STORY}</p><figure><img src='a.jpg'><figcaption>The old bridge in 1950."
            f"</figcaption></figure><p>{STORY2}</p><p class='photo-credit'>Photo: Jane Doe</p>"
            f"<div class='caption-wrap'><p>{STORY * 5}</p></div></div></body></html>")
    run = run_step("captions", html)
    assert_story_kept(run)
    assert "old bridge in 1950" not in run.text and "Jane Doe" not in run.text
    assert run.text.count(STORY) == 6  # the long "caption" wrapper is story text and stays
    assert run.trace.removed == 2


def test_captions_know_picture_words_joined_to_caption_words():
    """``image-source``, ``imagedescription``, ``bilduntertitel``: a picture word then a describing word."""
    html = (f"<html><body><div><p>{STORY}</p><div class='head__image-source'>(Quelle: Foto Steven)</div>"
            f"<p class='imagedescription'>AFP / MARCO BERTORELLO</p><h5 class='bilduntertitel'>Roots under "
            f"the microscope.</h5><p>{STORY2}</p><p class='image-text-block'>Kept: text beside a picture.</p>"
            f"</div></body></html>")
    run = run_step("captions", html)
    assert_story_kept(run)
    for gone in ("Foto Steven", "BERTORELLO", "Roots under"):
        assert gone not in run.text
    assert "Kept: text beside a picture." in run.text  # "image-text" is not a caption word pair
    assert run.trace.removed == 3


def test_every_default_step_has_a_test_here():
    import sys

    names = {n for n in dir(sys.modules[__name__]) if n.startswith("test_")}
    tested = {step for step in PRE.names + POST.names
              if any(n.startswith("test_" + step.replace("-", "_")) for n in names)}
    assert tested == set(PRE.names + POST.names)


def test_block_model_drops_a_copyright_line_below_the_story():
    # off by default (see docs/pipeline.md); run alone here, with the shipped weights
    html = (f"<html><body><article><h1>Bridge</h1><p>{STORY}</p><p>{STORY2}</p>"
            "<ul><li><a href='/f'>Facebook</a></li><li><a href='/t'>Twitter</a></li></ul>"
            "<p><a href='/next'>Next article: Storm warning for the coast</a></p>"
            "<div class='footer-note'><p>\u00a9 2024 Example News. All rights reserved.</p></div>"
            "</article></body></html>")
    run = run_step("block-model", html)
    assert_story_kept(run)
    assert "rights reserved" not in run.text and "Bridge" in run.text
    assert run.trace.removed == 1


# -- credit-lines, ad-labels, story-pitches: short blocks whose words say they are not the story ------------
NEWS_ARTICLE = frozenset({"NewsArticle"})


def line_page(*parts: str) -> str:
    """An <article> of ``parts`` as the whole body."""
    return "<html><head><title>t</title></head><body><article>" + "".join(parts) + "</article></body></html>"


@pytest.mark.parametrize("line", [
    "Foto: dpa/Marius Becker",
    "(Photo: Getty Images)",
    "Photograph by Ed Marshall, Restoration Programme",
    "Titelbild: picture-alliance",
    "Crédito: Minervino Júnior",
])
def test_credit_lines_drop_a_picture_credit(line: str):
    run = run_step("credit-lines", line_page(f"<p>{STORY}</p><p>{line}</p><p>{STORY2}</p>"))
    assert run.text == f"{STORY} {STORY2}"
    assert run.trace.removed == 1


def test_credit_lines_keep_prose_that_mentions_a_photo_and_the_container_of_the_story():
    long_line = "Photo: " + STORY  # a caption-length paragraph that goes on is not a credit line
    mention = "The photo shows the old bridge."
    html = line_page(f"<div>Foto: Stadt Marburg<p>{STORY}</p><p>{STORY2}</p></div><p>{long_line}</p><p>{mention}</p>")
    run = run_step("credit-lines", html)
    assert run.text == f"Foto: Stadt Marburg {STORY} {STORY2} {long_line} {mention}"
    assert run.trace.removed == 0


def test_credit_lines_drop_an_image_whose_alt_text_is_a_credit():
    run = run_step("credit-lines", line_page(f'<p>{STORY}</p><img src="a.jpg" alt="Foto: Reuters"><p>{STORY2}</p>'))
    assert run.root.css_first("img") is None
    assert run.trace.removed == 1


@pytest.mark.parametrize("line", [
    "Anzeige",
    "- Advertisement -",
    "*Werbung. Dieser Beitrag enthält Werbung für eine Marke.",
    "This post may contain affiliate links. Read our disclosure policy.",
    "Für Käufe über Affiliate Links erhalten wir eine Provision.",
])
def test_ad_labels_drop_labels_and_disclosures(line: str):
    run = run_step("ad-labels", line_page(f"<p>{line}</p><p>{STORY}</p><p>{STORY2}</p>"))
    assert run.text == f"{STORY} {STORY2}"
    assert run.trace.removed == 1


def test_ad_labels_keep_sentences_about_advertising():
    lines = ("Advertisements for the bridge appeared on every bus.",
             "The council's advertisement budget was cut by half.")
    run = run_step("ad-labels", line_page(f"<p>{STORY}</p>" + "".join(f"<p>{x}</p>" for x in lines)))
    assert run.text == " ".join((STORY, *lines))
    assert run.trace.removed == 0


def test_story_pitches_drop_pitches_before_and_after_the_story():
    html = line_page("<p>Subscribe now to our e-paper for the full story.</p>", f"<p>{STORY}</p><p>{STORY2}</p>",
                "<p>Follow The Courier on Twitter and Instagram @courier.</p>",
                "<h3>Download our news app</h3>",
                "<p>Get the latest news straight to your phone with the Courier app.</p>",
                "<p>Alles über die neue Brücke findest Du hier.</p>")
    run = run_step("story-pitches", html, page_types=NEWS_ARTICLE)
    assert run.text == f"{STORY} {STORY2}"
    assert run.trace.removed == 5


def test_story_pitches_keep_pitch_words_inside_the_story_and_on_other_pages():
    inside = "The club asked fans to follow us on Twitter for updates, its spokesman said."
    author = "Follow her on Twitter @jdoe."
    html = line_page(f"<p>{STORY}</p><p>{inside}</p><p>{STORY2}</p><p>{author}</p>")
    run = run_step("story-pitches", html, page_types=NEWS_ARTICLE)
    assert run.text == f"{STORY} {inside} {STORY2} {author}"
    assert run.trace.removed == 0
    pitch = line_page(f"<p>{STORY}</p><p>{STORY2}</p><p>Subscribe now to our e-paper.</p>")
    other = run_step("story-pitches", pitch, page_types=frozenset({"WebPage"}))
    assert other.text == f"{STORY} {STORY2} Subscribe now to our e-paper."
    assert other.trace.removed == 0


@pytest.mark.parametrize("line", [
    "© 2022, Courier.example. This article is the copyrighted property of the Courier.",
    "Copyright 2019 Courier Media",
    "Materiał chroniony prawem autorskim - wszelkie prawa zastrzeżone.",
    "Alle Rechte vorbehalten.",
])
def test_rights_lines_drop_a_copyright_notice(line: str):
    run = run_step("rights-lines", line_page(f"<p>{STORY}</p><p>{STORY2}</p><p>{line}</p>"))
    assert run.text == f"{STORY} {STORY2}"
    assert run.trace.removed == 1


@pytest.mark.parametrize("line", [
    "NOW Example is not responsible for the opinions, statements or media content presented by contributors.",
    "Les opinions exprimées dans les blogs du Courrier n'engagent que leurs auteurs.",
    "The views expressed in this column are those of the author and do not reflect the Courier's.",
    "Die Gastbeiträge geben nicht unbedingt die Meinung der Redaktion wieder.",
])
def test_rights_lines_drop_a_disclaimer_of_the_contributors_views(line: str):
    run = run_step("rights-lines", line_page(f"<p>{STORY}</p><p>{STORY2}</p><p><i>{line}</i></p>"))
    assert run.text == f"{STORY} {STORY2}"
    assert run.trace.removed == 1


def test_rights_lines_keep_a_sentence_about_responsibility():
    line = "The operator said it is not responsible for the delays, which it blamed on the weather."
    run = run_step("rights-lines", line_page(f"<p>{STORY}</p><p>{line}</p>"))
    assert run.text == f"{STORY} {line}"
    assert run.trace.removed == 0


def test_rights_lines_keep_text_about_copyright():
    line = "(Copyright: parts of this paper are reproduced from the author's thesis.)"
    run = run_step("rights-lines", line_page(f"<p>{STORY}</p><p>{line}</p>"))
    assert run.text == f"{STORY} {line}"
    assert run.trace.removed == 0


@pytest.mark.parametrize("line", [
    "Publiziert: 03.04.2020, 12:35",
    "Aktualisiert am 17.01.2021.",
    "Updated on May 2, 2024",
    "Last updated: September 26, 2024",
])
def test_datelines_drop_a_line_that_only_dates_the_story(line: str):
    run = run_step("datelines", line_page(f"<p>{line}</p><p>{STORY}</p><p>{STORY2}</p>"))
    assert run.text == f"{STORY} {STORY2}"
    assert run.trace.removed == 1


def test_datelines_take_an_inline_date_beside_its_containers_blocks():
    """A ``<time>`` that is the own text of the content root (or of a header beside its ``<h2>``) goes alone."""
    html = line_page(f"<header><time>Publikacja: 04.05.2021</time><h2>Council approves the new river bridge</h2></header>",
                     f"<p>{STORY}</p><p>{STORY2}</p><time>Publiziert: 03.04.2020, 12:35</time>")
    run = run_step("datelines", html)
    assert run.text == f"Council approves the new river bridge {STORY} {STORY2}"
    assert run.trace.removed == 2


def test_datelines_keep_the_date_of_every_card_of_a_list():
    cards = "".join(f"<div class='card'><span>Updated March {d}, 2026</span><h3>Issue {d}: what the council decided</h3></div>"
                    for d in (2, 3, 4))
    run = run_step("datelines", line_page(f"<p>{STORY}</p>{cards}"))
    assert run.text == (f"{STORY} " + " ".join(f"Updated March {d}, 2026 Issue {d}: what the council decided"
                                               for d in (2, 3, 4)))
    assert run.trace.removed == 0


def test_datelines_keep_a_byline_and_a_sentence_that_starts_with_a_date_word():
    byline = "Posted on Tuesday 15 October 2019 at 09:11 by Bradley Kuhn"
    sentence = "Updated maps of the crossing will be published by the council in May."
    run = run_step("datelines", line_page(f"<p>{byline}</p><p>{STORY}</p><p>{sentence}</p>"))
    assert run.text == f"{byline} {STORY} {sentence}"
    assert run.trace.removed == 0


def test_bare_dates_drop_a_date_line_before_or_after_the_prose():
    html = line_page("<p>23.10.2018</p>", f"<p>{STORY}</p><p>{STORY2}</p>", "<p>Feb 14, 2026 | 9:05 pm</p>")
    run = run_step("bare-dates", html)
    assert run.text == f"{STORY} {STORY2}"
    assert run.trace.removed == 2


def test_bare_dates_keep_dates_between_paragraphs_and_lines_that_say_more():
    html = line_page(f"<p>{STORY}</p><p>March 13, 2015</p><p>{STORY2}</p>",
                     "<p>March 13, 2015: the bridge opens</p><p>$20.00</p>")
    run = run_step("bare-dates", html)
    assert run.text == f"{STORY} March 13, 2015 {STORY2} March 13, 2015: the bridge opens $20.00"
    assert run.trace.removed == 0


@pytest.mark.parametrize("text", [
    "anzeige", "- advertisement -", "this post may contain affiliate links.", "dieser artikel enthält werbung",
    "we earn a commission: affiliate links below help us (commission)", "© 2022 example gmbh", "(c) 2019 x",
    "copyright 2020 the times. all rights reserved.", "text. alle rechte vorbehalten.", "tous droits réservés",
    "the council approved the new bridge on monday", "rights of way were discussed", "sponsored by nobody"])
def test_gated_line_patterns_find_what_a_full_search_finds(text):
    """ad-labels and rights-lines test a block from its start unless it holds one of the words their
    other alternatives need (patterns.*_NEEDLES): the same answer as searching every position."""
    import re

    from newsclean import patterns
    from newsclean.cleaners.syndication import _AD_LABEL, _RIGHTS
    for gated, source in ((_AD_LABEL, patterns.AD_LABEL), (_RIGHTS, patterns.RIGHTS_LINE)):
        assert (gated.search(text) is None) == (re.search(source, text) is None)


def test_gated_patterns_over_the_shared_lines_find_what_each_line_alone_finds():
    """The needles of ad-labels and rights-lines are looked for in all short blocks at once (their joined
    text): each block gets the same answer as ``search`` on it alone, wherever the needle sits (first and
    last block, two blocks in a row, twice in one block, at a block's start or end)."""
    from newsclean.cleaners.syndication import _AD_LABEL, _RIGHTS, _Lines
    from newsclean.segment import segment

    texts = ["Rights of way were discussed", "All rights reserved. All rights reserved.", STORY,
             "Alle Rechte vorbehalten", "Anzeige", "Dieser Artikel enthält Werbung", "the council met",
             "© 2022 Example GmbH", "Affiliate links earn us a commission", "a text without one",
             "Tous droits réservés", "this post may contain affiliate links"]
    tree = dom.parse("<html><body>" + "".join(f"<p>{t}</p>" for t in texts) + "</body></html>")
    lines = _Lines(segment(tree.body), 300)
    assert len(lines.rows) == len(texts)
    for gated in (_AD_LABEL, _RIGHTS):
        found = [m(row[3]) is not None for m, row in zip(gated.searches(lines), lines.rows)]
        assert found == [gated.search(row[3]) is not None for row in lines.rows]
        assert any(found) and not all(found)
        assert sum(m == gated._pattern.search for m in gated.searches(lines)) >= 2  # needles were found


def test_line_steps_in_a_row_see_what_the_step_before_removed():
    """The line steps share one list of short blocks while blocks_of's answer stays the same: after a
    removal the next step's list is made again, without the removed block."""
    from newsclean.cleaners.syndication import _RIGHTS, RIGHTS_MAX_CHARS, line_blocks
    from newsclean.context import Context

    tree = dom.parse(line_page(f"<p>{STORY}</p><p>Foto: dpa, all rights reserved</p><p>{STORY2}</p>"
                               "<p>© 2022 Example</p>"))
    ctx = Context()
    first = line_blocks(tree.body, ctx, _RIGHTS, RIGHTS_MAX_CHARS)
    assert [b.text for _i, b in first] == ["Foto: dpa, all rights reserved", "© 2022 Example"]
    assert line_blocks(tree.body, ctx, _RIGHTS, RIGHTS_MAX_CHARS) == first  # nothing removed: the same answer
    dom.remove([first[0][1].node], ctx)
    assert [b.text for _i, b in line_blocks(tree.body, ctx, _RIGHTS, RIGHTS_MAX_CHARS)] == ["© 2022 Example"]


@pytest.mark.parametrize("text", ["a b  c", "tab\there", "nbsp\u00a0here", "wide\u3000space", "line\nbreak",
                                  "  ends  ", "", " ", "Straße GROSS", "İstanbul", "x\u2028y", "zero\u200bwidth"])
def test_duplicates_key_is_the_text_without_whitespace_casefolded(text):
    from newsclean.cleaners.duplicates import _key

    assert _key(text) == "".join(text.split()).casefold()


@pytest.mark.parametrize("text", ["Related articles:", " » Next page » ", "a  b", "tab\tlabel", "nbsp\u00a0label",
                                  "--", "", "   ", "Comments (3)", "line\nbreak —", "wide\u3000space:"])
def test_label_text_collapses_whitespace_and_strips_the_edges(text):
    from newsclean.cleaners.phrases import _label

    assert _label(text) == " ".join(text.split()).strip(" :·|»›>-–—")


def test_body_path_is_the_same_from_the_pages_cached_blocks_and_from_a_walk_of_the_content():
    """body_path reads paths that start at the content root (a walk of it) or higher up (the page's cached
    walk, the root some levels down): the same body either way, and None for a root that is the body."""
    from newsclean.cleaners.story import body_path
    from newsclean.context import Context
    from newsclean.segment import blocks_of, segment

    body = "".join(f"<p>{STORY} {i}</p>" for i in range(6))
    tree = dom.parse(f"<html><body><nav><p>{STORY}</p></nav><main><div><section id=b>{body}</section>"
                     f"<aside><p>{STORY2}</p></aside></div></main></body></html>")
    ctx = Context()
    blocks_of(tree.body, ctx)  # the page's walk, cached
    main = tree.css_first("main")
    cached, fresh = blocks_of(main, ctx), segment(main)
    assert cached[0].path[0] != main.mem_id and fresh[0].path[0] == main.mem_id
    section = tree.css_first("#b").mem_id
    assert body_path(cached, main.mem_id) == body_path(fresh, main.mem_id)
    assert body_path(fresh, main.mem_id)[-1] == section
    assert body_path(segment(tree.css_first("#b")), section) is None
