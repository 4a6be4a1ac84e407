"""Text rules for metadata values: author names, headline suffixes, a cheap language guess.

Kept apart from the source readers in :mod:`newsclean.metadata` so each rule
can be tested on plain strings.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Iterable

import regex

_WS = regex.compile(r"\s+")


# -- headlines ----------------------------------------------------------------------------------
def _heading_norm(text: str) -> str:
    return " ".join(text.split()).casefold().strip(" .:")


def is_title(text: str, title: str | None) -> bool:
    """``text`` (a heading's) is the page's ``title``, or holds it with little more (a kicker, a site name)."""
    if not title:
        return False
    text, title = _heading_norm(text), _heading_norm(title)
    return bool(text) and (text == title or (len(title) > 15 and title in text and len(text) < 1.5 * len(title)))


# -- authors ------------------------------------------------------------------------------------
# "By", "Von", "Par", ... before a byline (multilingual); "Written by", "Posted by", "Autor:", "Text:".
BYLINE_PREFIX = regex.compile(
    r"^(?:(?:written|posted|published|reported|text|words|story|photos?|fotos?)\s+(?:and\s+\w+\s+)?by|"
    r"geschrieben\s+von|verfasst\s+von|ein\s+(?:beitrag|artikel)\s+von|"
    r"by|von|vom|par|por|di|da|de|door|av|af|przez|от|"
    r"autor(?:in|en)?|author(?:s)?|auteur(?:e)?s?|autore|autora|text|texto|testo|redakteur(?:in)?|"
    r"reporter|posted|geschrieben|publié|publicado|pubblicato)\b\s*[:\-–—]?\s*", regex.I)
# Parts of a byline that are not names: roles, "Staff", agencies' boilerplate.
NOT_NAME = regex.compile(
    r"^(?:staff|staff\s+writer|staff\s+reporter|editor|editors|editorial\s+(?:staff|team|board)|admin|administrator|"
    r"guest|anonymous|unknown|no\s+author|redaktion|the\s+editors|contributor|correspondent|senior\s+\w+|(?:\w+\s+)?"
    r"(?:reporter|writer|editor|correspondent|columnist|contributor)|updated|published|posted|more|follow|"
    r"email|share|mehr|alle\s+artikel|view\s+all\s+posts|see\s+all|read\s+more|facebook|twitter|instagram|linkedin)$",
    regex.I)
# Name separators: comma, semicolon, ampersand, slash/pipe, and "and" in several languages.
NAME_SPLIT = regex.compile(r"\s*(?:[,;&|/•·]|\s(?:and|und|et|y|e|en|och|og|i|и|a)\s)\s*", regex.I)
_DATE_TAIL = regex.compile(
    r"(?:\s*[|,\-–—·•]?\s*(?:on|am|le|el|il|updated|aktualisiert|publié|veröffentlicht|published)?\s*)"
    r"(?:\d{1,4}[./\-]\d{1,2}[./\-]\d{1,4}|\d{1,2}\.?\s+\p{L}+\.?\s+\d{4}|\p{L}+\.?\s+\d{1,2},?\s+\d{4}|"
    r"\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}).*$", regex.I)
# "May 28 Written By Jane Doe": the name follows the keyword even when a date comes first.
_INNER_BY = regex.compile(r"\b(?:written|posted|published|geschrieben|verfasst)\s+(?:by|von)\s+", regex.I)
# "Jane Doe 7 min read", "07 Dezember": a word that starts with a digit ends the name ("user123" stays).
_NUMBER_TAIL = regex.compile(r"(?:^|\s)\d.*$")
_HANDLE = regex.compile(r"\s*@\w+|https?://\S+|\S+@\S+\.\w+", regex.I)
_LETTER = regex.compile(r"\p{L}")
MAX_NAME_CHARS = 60


def clean_name(text: str) -> str | None:
    """One author name from a byline fragment: prefix, handle, date and role removed; None if no name is left."""
    text = _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip(" \t\n|,;:-–—·•")
    for _ in range(2):
        text = BYLINE_PREFIX.sub("", text).strip(" |,;:-–—·•")
    text = _HANDLE.sub("", text)
    inner = _INNER_BY.search(text)
    if inner:
        text = text[inner.end():]
    text = _DATE_TAIL.sub("", text)
    text = _NUMBER_TAIL.sub("", text).strip(" |,;:-–—·•()[]")
    if not text or len(text) > MAX_NAME_CHARS or NOT_NAME.match(text):
        return None
    if not _LETTER.search(text) or len(text.split()) > 6:
        return None
    return text


def split_names(values: Iterable[str]) -> tuple[str, ...]:
    """Byline strings to distinct names: "A and B", "A, B", "By A | 3 May 2020" -> ("A", "B")."""
    out: list[str] = []
    seen: set[str] = set()
    for value in values:
        if not value or value.startswith(("http://", "https://", "/")):
            continue
        value = BYLINE_PREFIX.sub("", _HANDLE.sub(" ", _WS.sub(" ", value)).strip())
        value = _DATE_TAIL.sub("", value)
        for part in NAME_SPLIT.split(value):
            name = clean_name(part)
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                out.append(name)
    return tuple(out)


# -- titles -------------------------------------------------------------------------------------
TITLE_SEP = regex.compile(r"\s+[|\-–—·:»«/~•]{1,2}\s+|\s*[|·•]\s*")


_NOT_ALNUM = regex.compile(r"[\W_]+")


def _key(text: str) -> str:
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text).casefold())


def strip_site(title: str, site_names: Iterable[str]) -> str:
    """The title without a leading or trailing site-name segment (" | Site", "Site - ").

    A segment is the site's when it matches one of ``site_names`` (also
    host-name forms such as ``ehow`` for "eHow", by prefix).  A title that
    would be left empty is returned unchanged.
    """
    parts = TITLE_SEP.split(title)
    if len(parts) < 2:
        return title
    keys = {k for k in (_key(s) for s in site_names if s) if k}

    def is_site(segment: str) -> bool:
        k = _key(segment)
        return bool(k) and any(k == s or (len(k) >= 3 and (s.startswith(k) or k.startswith(s))) for s in keys)

    matches = list(TITLE_SEP.finditer(title))
    # trailing segments first: "Headline | Section | Site"
    end = len(title)
    for m in matches[::-1]:  # not reversed(): mypyc cannot compile reversed() over a list of untyped matches
        if is_site(title[m.end():end]):
            end = m.start()
        else:
            break
    start = 0
    for m in matches:
        if m.start() >= end:
            break
        if is_site(title[start:m.start()]):
            start = m.end()
        else:
            break
    out = title[start:end].strip()
    return out or title


def is_site_name(text: str, site_names: Iterable[str]) -> bool:
    """True when ``text`` is one of the site's names (folded: case, spaces, punctuation)."""
    key = _key(text)
    return bool(key) and any(key == _key(s) for s in site_names if s)


def host_names(host: str | None) -> tuple[str, ...]:
    """Site-name forms of a host: ``www.nytimes.com`` -> ("nytimes.com", "nytimes")."""
    if not host:
        return ()
    host = host.removeprefix("www.")
    labels = host.split(".")
    core = labels[-2] if len(labels) >= 2 else labels[0]
    if len(labels) >= 3 and labels[-2] in ("co", "com", "org", "net", "ac", "gov"):
        core = labels[-3]
    return (host, core)


# -- language -----------------------------------------------------------------------------------
# The most frequent short function words of each language; a page's text votes with them.
STOPWORDS = {
    "en": "the and of to in is that for it was on with as are be this by have from",
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine",
    "fr": "le la les de des et est en un une du que pour dans qui pas sur au avec",
    "es": "el la de que y en los del se las por un para con una su al es lo como",
    "it": "il di che la e per un in del non una sono le della con si al da",
    "pt": "o a de que e do da em um para com não uma os no se na por mais as dos",
    "nl": "de het een van en in is dat op te zijn voor met die niet aan er ook",
    "pl": "i w na z że do się nie to jest o jak po co ale od za",
    "sv": "och i att det som en på är av för med till den har de inte om",
}
_VOTES: dict[str, list[str]] = {}
for _lang, _words in STOPWORDS.items():
    for _w in _words.split():
        _VOTES.setdefault(_w, []).append(_lang)
_WORD = regex.compile(r"\p{L}+")
MIN_VOTES = 8


def guess_language(text: str) -> str | None:
    """The language whose function words dominate ``text`` (Latin-script languages), else None.

    A cheap fallback for pages without ``lang`` markup; CJK and Cyrillic
    texts are recognised by script.
    """
    sample = text[:4000]
    if not sample:
        return None
    scripts: Counter[str] = Counter()
    for ch in sample[:1000]:
        if "\u3040" <= ch <= "\u30ff":
            scripts["ja"] += 1
        elif "\u4e00" <= ch <= "\u9fff":
            scripts["zh"] += 1
        elif "\uac00" <= ch <= "\ud7af":
            scripts["ko"] += 1
        elif "\u0400" <= ch <= "\u04ff":
            scripts["ru"] += 1
        elif "\u0600" <= ch <= "\u06ff":
            scripts["ar"] += 1
    if scripts:
        lang, n = scripts.most_common(1)[0]
        if n >= 50:
            return "ja" if lang == "zh" and scripts["ja"] > 5 else lang
    votes: Counter[str] = Counter()
    for word in _WORD.findall(sample.lower()):
        for lang in _VOTES.get(word, ()):
            votes[lang] += 1
    if not votes:
        return None
    (lang, n), *rest = votes.most_common(2)
    if n < MIN_VOTES or (rest and rest[0][1] * 1.3 > n):
        return None
    return lang
