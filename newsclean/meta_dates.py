"""Dates as pages write them, in several formats and languages, to ``datetime``.

A date with a zone ("Z", "+01:00", "GMT", "CEST") becomes timezone-aware; a
date without one stays naive, because guessing the zone would invent data.
Anything outside ``MIN_YEAR`` .. next year is refused: a copyright line or a
typo is no publication date.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Iterable

import regex

MIN_YEAR = 1994

# Month names and their usual abbreviations (lower case, no dots): en, de, fr, es, it, pt, nl, pl, sv/da/no,
# cs, tr, fi, ru and uk (nominative and genitive: "3 марта 2021").
_MONTH_NAMES = {
    1: "january jan januar jänner janvier janv enero ene gennaio genn gen janeiro januari januar stycznia styczeń "
       "ledna leden ocak tammikuuta tammikuu января январь січня",
    2: "february feb februar feber février fév fevrier fev febrero febbraio fevereiro februari lutego luty "
       "února únor şubat helmikuuta helmikuu февраля февраль лютого",
    3: "march mar märz maerz mär mars marzo março marco maart marca marzec března březen mart maaliskuuta "
       "maaliskuu марта март березня",
    4: "april apr avril avr abril abr aprile aprilis kwietnia kwiecień dubna duben nisan huhtikuuta huhtikuu "
       "апреля апрель квітня",
    5: "may mai mayo maggio mag maio mei maja maj května květen mayıs toukokuuta toukokuu мая май травня",
    6: "june jun juni juin junio giugno giu junho czerwca czerwiec června červen haziran kesäkuuta kesäkuu "
       "июня июнь червня",
    7: "july jul juli juillet juil julio luglio lug julho lipca lipiec července červenec temmuz heinäkuuta "
       "heinäkuu июля июль липня",
    8: "august aug août aout agosto ago augustus sierpnia sierpień srpna srpen ağustos elokuuta elokuu "
       "августа август серпня",
    9: "september sep sept septembre septiembre setiembre settembre set setembro września wrzesień září eylül "
       "syyskuuta syyskuu сентября сентябрь вересня",
    10: "october oct oktober octobre octubre oct ottobre ott outubro out oktober października okt října říjen "
        "ekim lokakuuta lokakuu октября октябрь жовтня",
    11: "november nov novembre noviembre novembro listopada listopad kasım marraskuuta marraskuu ноября ноябрь",
    12: "december dec dezember dez décembre déc decembre diciembre dic dicembre dezembro grudnia grudzień "
        "prosince prosinec aralık joulukuuta joulukuu декабря декабрь грудня",
}
MONTHS: dict[str, int] = {name: num for num, names in _MONTH_NAMES.items() for name in names.split()}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))

# Zone abbreviations seen on news sites; anything else is left naive rather than guessed.
ZONES = {"utc": 0, "gmt": 0, "z": 0, "ut": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6,
         "pst": -8, "pdt": -7, "cet": 1, "cest": 2, "met": 1, "mesz": 2, "mez": 1, "bst": 1, "ist": 5.5,
         "jst": 9, "kst": 9, "aest": 10, "aedt": 11, "eet": 2, "eest": 3, "wet": 0, "west": 1}

_TIME = r"(?:[T\s,]+(?:um\s+|at\s+|à\s+|a\s+las\s+)?(?P<H>\d{1,2})[:h.](?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?" \
        r"\s*(?P<ampm>[ap]\.?m\.?)?(?:\s*(?:Uhr|h))?)?"
_ZONE = r"(?:\s*(?P<zone>Z|[+-]\d{2}:?\d{2}|[+-]\d{2}\b|(?:UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?|" \
        r"\b(?:" + "|".join(k for k in ZONES if len(k) > 1) + r")\b))?"
_F = regex.IGNORECASE | regex.VERSION1

# Date patterns as sources, compiled together on first use (``patterns()``): compiling them with full case
# folding (the month names) was over half of ``import newsclean``.
ISO = r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})" + _TIME + _ZONE
COMPACT = (r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?:T?(?P<H>\d{2})(?P<M>\d{2})"
           r"(?P<S>\d{2})?)?" + _ZONE + r"(?!\d)")
# Numeric dates with the day or the month first: "31.10.2023", "31.10.23", "01-11-2023", "09/25/2025".  Which
# one comes first is decided by the numbers (a value above 12 is a day) or, when both could be months, by
# ``month_first`` (dots and dashes are always day first: the US writes slashes).
DMY = (r"(?<!\d)(?P<d>\d{1,2})(?P<sep>[./])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d.]\d)"
       + _TIME + _ZONE)
DMY_DASH = r"(?<!\d)(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<y>\d{4})(?!\d)" + _TIME + _ZONE
YMD_SLASH = r"(?<!\d)(?P<y>\d{4})[./](?P<m>\d{1,2})[./](?P<d>\d{1,2})(?!\d)" + _TIME + _ZONE
D_MONTH_Y = (r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th|er|º|\.)?\s*(?:de\s+|of\s+)?(?P<mon>" + _MONTH_ALT
             + r")\.?,?\s*(?:de\s+)?(?P<y>\d{4})(?!\d)" + _TIME + _ZONE)
MONTH_D_Y = (r"\b(?P<mon>" + _MONTH_ALT + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})(?!\d)"
             + _TIME + _ZONE)
# "2024 Jun 30" (PubMed citations), "2021年3月5日" (CJK)
Y_MONTH_D = r"(?<!\d)(?P<y>\d{4})\s+(?P<mon>" + _MONTH_ALT + r")\.?\s+(?P<d>\d{1,2})(?!\d)" + _TIME + _ZONE
YMD_CJK = r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日" + _TIME + _ZONE
_TIMESTAMP = regex.compile(r"\d{10}|\d{13}")  # Unix seconds or milliseconds
SOURCES = (ISO, D_MONTH_Y, MONTH_D_Y, DMY, DMY_DASH, YMD_SLASH, Y_MONTH_D, YMD_CJK, COMPACT)  # tried in this order


@lru_cache(maxsize=1)
def patterns() -> tuple[regex.Pattern[str], ...]:
    """The date patterns of ``SOURCES``, compiled on first use."""
    return tuple(regex.compile(src, _F) for src in SOURCES)

# /2022/12/06/, /2022-12-06-, /20221206/ in a URL path; day first: /29-10-2021, _vom_22.04.2020_, /08112021-,
# nid03052022
URL_DATE = regex.compile(r"/(?P<y>(?:19|20)\d{2})[/_-](?P<m>[01]?\d)[/_-](?P<d>[0-3]?\d)(?:[/_.-]|$)|"
                         r"/(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?:[/_.-]|$)", _F)
URL_DATE_DMY = regex.compile(r"(?<![\d.])(?P<d>[0-3]\d)(?P<sep>[.-]?)(?P<m>[01]\d)(?P=sep)(?P<y>(?:19|20)\d{2})"
                             r"(?:[/_.-]|$)")


_OFFSET = regex.compile(r"(?:utc|gmt)?([+-])(\d{1,2}):?(\d{2})?")


def _zone(text: str | None) -> timezone | None:
    if not text:
        return None
    low = text.lower()
    if low in ZONES:
        return timezone(timedelta(hours=ZONES[low]))
    m = _OFFSET.fullmatch(low)
    if not m:
        return timezone.utc if low in ("utc", "gmt") else None
    sign = 1 if m[1] == "+" else -1
    delta = timedelta(hours=int(m[2]), minutes=int(m[3] or 0))
    if delta > timedelta(hours=14):
        return None
    return timezone(sign * delta)


def _build(m: regex.Match[str], month_first: bool = False) -> datetime | None:
    groups = m.groupdict()
    year = int(groups["y"])
    if year < 100:
        year += 2000 if year < 70 else 1900
    month = MONTHS.get(groups["mon"].lower().rstrip(".")) if groups.get("mon") else int(groups["m"])
    day = int(groups["d"])
    if not month:
        return None
    if "sep" in groups or m.re.pattern == DMY_DASH:  # numeric day and month: which is which
        if month > 12 or (month_first and groups.get("sep") == "/" and day <= 12):
            day, month = month, day
    hour = int(groups["H"]) if groups.get("H") else 0
    minute = int(groups["M"]) if groups.get("M") else 0
    second = int(groups["S"]) if groups.get("S") else 0
    ampm = (groups.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        out = datetime(year, month, day, hour, minute, second, tzinfo=_zone(groups.get("zone")))
    except ValueError:
        return None
    return out if plausible(out) else None


def plausible(value: datetime | date) -> bool:
    """True for a year from ``MIN_YEAR`` to next year: older or later is a typo or a placeholder."""
    return MIN_YEAR <= value.year <= date.today().year + 1


def parse_date(text: str | None, *, search: bool = False, month_first: bool = False) -> datetime | None:
    """The first date ``text`` holds, or None.

    With ``search=False`` (attribute values) the date must start the text,
    though a short value may carry a prefix ("Thu, 09/25/2025 - 11:38");
    with ``search=True`` (visible text such as "Published 5. März 2021") it
    may stand anywhere.  ``month_first`` reads an ambiguous "03/04/2021" as
    March 4 (English pages); otherwise the day comes first.  Unix timestamps
    (10 or 13 digits) are read as UTC.
    """
    if not text:
        return None
    text = text.strip()
    if _TIMESTAMP.fullmatch(text):
        try:
            stamp = datetime.fromtimestamp(int(text[:10]), tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
        return stamp if plausible(stamp) else None
    if len(text) > 200:
        text = text[:200]
    best: tuple[int, datetime] | None = None
    for pattern in patterns():
        m = pattern.match(text) if not search else pattern.search(text)
        if m is None:
            continue
        out = _build(m, month_first)
        if not search:
            if out is not None:
                return out
            continue
        if out is not None and (best is None or m.start() < best[0]):
            best = (m.start(), out)
    if best is None and not search:
        return parse_date(text, search=True, month_first=month_first) if len(text) <= 60 else None
    return best[1] if best else None


def leading_date(text: str, *, month_first: bool = False) -> datetime | None:
    """The date that opens ``text`` ("01.02.2022 – Der Arbeitsmarkt ..."), or None: no search, no prefix."""
    head = text[:60]
    for pattern in patterns():
        m = pattern.match(head)
        if m is not None:
            out = _build(m, month_first)
            if out is not None:
                return out
    return None


def date_in_url(url: str | None) -> datetime | None:
    """A date written in the URL path (``/2022/12/06/slug``), as a naive midnight datetime."""
    if not url:
        return None
    path = url.split("://", 1)[-1].split("?", 1)[0]
    m = URL_DATE.search(path) or URL_DATE_DMY.search(path)
    if m is None:
        return None
    try:
        out = datetime(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return out if plausible(out) else None


SAME_INSTANT = timedelta(minutes=2)


def prefer_local(value: datetime, others: Iterable[datetime], url_date: datetime | None = None) -> datetime:
    """``value`` written in the publisher's own zone when it was given in UTC and a witness shows that zone.

    CMSs often print a UTC timestamp in JSON-LD and the same instant with the
    local offset in a meta tag; a story published at 20:00 in New York then
    carries the next day's date in UTC.  The publication day is the local
    one, so: another source's value for the same instant (within
    ``SAME_INSTANT``) with a non-zero offset wins; failing that, a URL date
    one day off the UTC date (``/2020/02/24/`` for ``2020-02-25T02:25Z``)
    gives the day.  Naive values and non-UTC values are returned unchanged.
    """
    if value.tzinfo is None or value.utcoffset() != timedelta(0):
        return value
    for other in others:
        if other.tzinfo is not None and other.utcoffset() != timedelta(0) and abs(other - value) <= SAME_INSTANT:
            return other
    if url_date is not None and abs((url_date.date() - value.date()).days) == 1:
        return url_date
    return value
