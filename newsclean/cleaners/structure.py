"""Cleaners that work from markup alone: non-content tags, hidden nodes, forms, checkbox labels."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from .. import dom, patterns
from ..pipeline import SelectorCleaner, cleaner

if TYPE_CHECKING:
    from ..context import Context
    from ..dom import LexborNode

# Never text a reader sees as part of a story.
# rt/rp: ruby readings (furigana) are reading aids, not words of the text.
NON_CONTENT_TAGS = ("script", "style", "template", "svg", "rt", "rp", "canvas", "iframe", "object",
                    "embed", "applet", "link", "meta", "button", "input", "select", "textarea", "option",
                    "datalist", "map", "audio", "video", "source", "track", "dialog", "head > title")

non_content = SelectorCleaner("non-content", tuple(NON_CONTENT_TAGS), stage="any")

NOSCRIPT_DOMINANCE = 2.0


@cleaner("noscript", stage="any")
def noscript(root: LexborNode, ctx: Context) -> None:
    """Remove ``<noscript>`` fallbacks, except when one holds the page.

    Script-rendered sites (Discourse, some SPAs) put the readable page inside
    ``<noscript>`` for crawlers; when the largest one holds far more text than
    everything outside the noscripts, it is unwrapped and kept.
    """
    boxes = dom.select(root, "noscript")
    if not boxes:
        return
    sizes = [len(dom.text_of(n)) for n in boxes]
    biggest = max(range(len(boxes)), key=sizes.__getitem__)
    # empty fallbacks (tracking pixels) can never hold the page: skip measuring the whole page's text
    keep = False
    if sizes[biggest]:
        outside = dom.text_len(root) - sum(sizes)
        keep = sizes[biggest] > NOSCRIPT_DOMINANCE * max(outside, 0) and (sizes[biggest] > 200 or outside <= 0)
    if keep:
        ctx.notes.append(f"kept the noscript page ({sizes[biggest]} chars vs {outside} outside)")
        ctx.total_chars = sizes[biggest]
    dom.remove((n for i, n in enumerate(boxes) if not (keep and i == biggest)), ctx)
    if keep:
        boxes[biggest].unwrap()
        ctx.tree_changed()


# [popover]: the HTML popover API draws such an element only when a script or button opens it.
_HIDDEN_ATTRIBUTES = ("[hidden]", "[popover]", "[aria-hidden=true]", '[style*="display:none" i]',
                      '[style*="display: none" i]', '[style*="visibility:hidden" i]', '[style*="visibility: hidden" i]')
_HIDDEN = (*_HIDDEN_ATTRIBUTES, *(f".{c}" for c in patterns.HIDDEN_CLASSES))
HIDDEN_MAX_SHARE = 0.5  # a hidden element holding more of the page is its content, revealed by a script
_HIDDEN_CLASS_SET = frozenset(patterns.HIDDEN_CLASSES)
_PANEL_ROLES = frozenset({"tabpanel", "region"})
_PANEL_TOKENS = frozenset(dom.normalize_token(t) for t in patterns.PANELS)


def _collapsed_panel(node: LexborNode) -> bool:
    """A collapsed accordion or tab panel hides text until a click: the page's own content (product
    details, shipping terms, FAQ answers), not chrome."""
    attrs = node.attributes
    if (attrs.get("role") or "") in _PANEL_ROLES:
        return True
    return not _PANEL_TOKENS.isdisjoint(dom.tokens_of(attrs.get("class") or "", attrs.get("id") or ""))


@cleaner("hidden", stage="any")
def hidden(root: LexborNode, ctx: Context) -> None:
    """Remove hidden elements (``hidden``, ``aria-hidden``, inline ``display: none``, screen-reader
    classes), except collapsed accordion and tab panels."""
    dom.remove([n for n in dom.select(root, _hidden_selector(root, ctx))
                if not (_collapsed_panel(n) or _redundant_link(n))], ctx, max_share=HIDDEN_MAX_SHARE)


def _hidden_selector(root: LexborNode, ctx: Context) -> str:
    """``_HIDDEN`` without the class selectors that no class name of the page can match: Lexbor tries
    every alternative on every element (the 15 class ones cost ~0.45 ms a page), and a page has about
    one of these classes.  Compared lower-cased: in quirks mode Lexbor matches class names regardless of
    ASCII case, and lower() gives every such spelling of a name as the name.  The class/id index read
    here is the one the token steps use next (``dom.early_index``)."""
    present = dom.early_index(root, ctx, patterns.IGNORED_CLASS_PREFIXES).class_names()
    return ", ".join([*_HIDDEN_ATTRIBUTES, *(f".{c}" for c in patterns.HIDDEN_CLASSES if c.lower() in present)])


def _redundant_link(node: LexborNode) -> bool:
    """A link hidden from screen readers and taken out of the tab order, and nothing more: an item
    card's second link to the same page (its snippet, its picture), drawn on screen but left out of
    what assistive tools read so that the card is announced once."""
    attrs = node.attributes
    if node.tag != "a" or attrs.get("tabindex") != "-1" or "hidden" in attrs or "popover" in attrs:
        return False
    style = "".join((attrs.get("style") or "").lower().split())
    if "display:none" in style or "visibility:hidden" in style:
        return False
    return _HIDDEN_CLASS_SET.isdisjoint((attrs.get("class") or "").split())


MAX_FORM_TEXT = 400


@cleaner("forms", stage="any")
def forms(root: LexborNode, ctx: Context) -> None:
    """Remove forms that hold fields and little text: search, login, comment and sign-up forms.

    A form wrapping a whole page (ASP.NET does that) holds far more text and stays.
    """
    dom.remove((f for f in dom.select(root, "form") if _is_form(f) and dom.is_attached(f)), ctx)


# A sign-up form asks for an address (an e-mail or phone field) and nothing a comment or login needs.
_SIGNUP_FIELDS = "input[type=email i], input[type=tel i], input[name*=email i], input[placeholder*=mail i]"
_NOT_SIGNUP = "textarea, input[type=password i]"
SIGNUP_PITCH = 500  # chars beside the form: a box's heading, pitch and consent line, never a story
SIGNUP_CLIMB = 6  # levels: a widget's own wrappers, not the page's columns
# A list item's form is the item's own ("Notify me when in stock" on a product card), and a box with
# the page's <h1> is its hero ("Start your free trial"), not a box beside the content.
_SIGNUP_STOP = frozenset({"body", "html", "main", "article", "li"})


@cleaner("signup-boxes", stage="any")
def signup_boxes(root: LexborNode, ctx: Context) -> None:
    """Remove a sign-up form with the box around it: its heading, its pitch ("Get our deals texted to
    your phone") and its consent line ("By signing up, you agree...").  ``forms`` takes the form
    alone; what a box holds beside it is short, so the box is its widest wrapper holding at most
    SIGNUP_PITCH characters more than the form, found from the form's address field (which is why
    this step runs before ``non-content`` removes the fields)."""
    boxes = []
    for form in dom.select(root, "form"):
        if form.css_first(_NOT_SIGNUP) is not None or form.css_first(_SIGNUP_FIELDS) is None:
            continue
        own = len(dom.text_of(form))
        if own >= MAX_FORM_TEXT:
            continue
        box = None
        node = form.parent
        for _ in range(SIGNUP_CLIMB):
            if (node is None or node.tag in _SIGNUP_STOP or len(dom.text_of(node)) - own > SIGNUP_PITCH
                    or node.css_first("h1") is not None):
                break
            box, node = node, node.parent
        if box is not None:
            boxes.append(box)
    dom.remove(dom.outermost(boxes), ctx)

# A form with this many fields or more, and on average less text than FIELD_TEXT per field, is a form
# however long: a contact or quote form's labels, hints and option lists add up past MAX_FORM_TEXT.
MIN_FIELDS = 3
FIELD_TEXT = 80


def _is_form(form: LexborNode) -> bool:
    text = len(form.text(deep=True).strip())
    if text < MAX_FORM_TEXT:
        return True
    # ``non-content`` has removed the controls by now; their labels remain
    fields = len(form.css("label"))
    return fields >= MIN_FIELDS and text < FIELD_TEXT * fields


_CHECKBOXES = "input[type=checkbox i]"
_LABEL = frozenset({"label"})
_FIELDSET = frozenset({"fieldset"})  # a group of controls, such as one facet of a filter panel
MAX_CHECKBOX_LABEL = 80  # chars: a control's name; a consent sentence beside its box is longer
CHECKBOX_REPEATS = 3  # the same label beside this many boxes is one control per item ("Compare")


@cleaner("checkbox-labels", stage="any")
def checkbox_labels(root: LexborNode, ctx: Context) -> None:
    """Remove the labels of a listing's checkboxes: one repeated beside every item ("Compare",
    "Add to wishlist") and those grouped in a ``<fieldset>`` (a filter panel's "Size M", "Colour
    Black").  Alone, a label is kept: a recipe's ingredients and a checklist's steps are checkbox
    labels too, each its own text.  The boxes themselves go with ``non-content``, so this step runs
    before it (a label wrapping its box is found from the box)."""
    ids = set()
    found: dict[int, LexborNode] = {}  # a label may both wrap its box and name it by ``for``
    for box in dom.select(root, _CHECKBOXES):
        if box.id:
            ids.add(box.id)
        label = dom.closest(box, _LABEL)
        if label is not None:
            found[label.mem_id] = label
    if ids:
        found.update((n.mem_id, n) for n in dom.select(root, "label[for]") if n.attributes.get("for") in ids)
    texts = {mid: dom.text_of(n) for mid, n in found.items()}
    counts = Counter(texts.values())
    dom.remove((n for mid, n in found.items() if len(texts[mid]) <= MAX_CHECKBOX_LABEL
                and (counts[texts[mid]] >= CHECKBOX_REPEATS or dom.closest(n, _FIELDSET) is not None)), ctx)
