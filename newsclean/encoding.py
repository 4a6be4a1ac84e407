"""Turn page bytes into text the way a browser would, without mojibake.

Order of evidence (WHATWG "encoding sniffing", plus safety nets):

1. a byte-order mark; then UTF-16/UTF-32 without one, recognised by the NUL
   bytes that ASCII markup leaves in every other (every fourth) byte;
2. bytes that are valid UTF-8 and contain non-ASCII text are UTF-8, whatever
   the page declares: a false positive of this test is vanishingly rare, while
   pages that declare ISO-8859-1 and are really UTF-8 are common.  Bytes that
   are UTF-8 but for a few stray or truncated sequences are UTF-8 too (with
   U+FFFD for the broken bytes) rather than a guess of the detector;
3. the caller's ``encoding`` (the HTTP header's charset), then the page's
   ``<meta charset>`` / ``http-equiv`` declaration, when the bytes decode
   cleanly with it *and* the result reads as text of one script (see
   :func:`mess`): legacy codecs such as Windows-1251 or GB18030 decode almost
   any bytes, so "decoded cleanly" alone proves little;
4. a detector (charset-normalizer) on the first 64 KiB;
5. UTF-8 with replacement characters.

Bytes that are clearly another format (PDF, images, archives, JSON) raise
:class:`~newsclean.NotHTMLError`.  Nothing here reads files or the network.
"""

from __future__ import annotations

import codecs
import json
import re

from .errors import InputError, NotHTMLError

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_META = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.+-]{1,40})""", re.I)
_XML_DECL = re.compile(rb"""^<\?xml[^>]{0,200}encoding\s*=\s*["']([a-zA-Z0-9_.:+-]{1,40})""", re.I)
# Magic numbers of formats a crawler hands over by mistake.
_NOT_HTML = ((b"%PDF-", "PDF"), (b"\x89PNG\r\n\x1a\n", "PNG image"), (b"\xff\xd8\xff", "JPEG image"),
             (b"GIF87a", "GIF image"), (b"GIF89a", "GIF image"), (b"PK\x03\x04", "ZIP archive"),
             (b"\x1f\x8b", "gzip data"), (b"RIFF", "RIFF media"), (b"\x00\x00\x00\x18ftyp", "MP4 video"),
             (b"\x00\x00\x00\x20ftyp", "MP4 video"), (b"wOFF", "font"), (b"wOF2", "font"),
             (b"\x7fELF", "executable"))
_SNIFF = 65536
_WIDE = ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
# A page that is UTF-8 but for this share of broken sequences (a truncated
# download, one corrupted byte) is decoded as UTF-8 with U+FFFD.
MIN_UTF8_CHARS = 4
MAX_BROKEN_UTF8_SHARE = 0.05
# Mess (charset-normalizer's measure) above which a declared encoding is
# doubted and the detector consulted; 0.0 for text of one script.
MAX_DECLARED_MESS = 0.1
_MESS_SAMPLE_CHARS = 20000
_TAG = re.compile(r"<[^<>]{0,2000}>")
_NON_ASCII_WORD = re.compile(r"[^\s<>]{0,40}[^\x00-\x7f][^\s<>]{0,40}")


def _lookup(label: str | bytes | None) -> str | None:
    """The Python codec for a charset label, or None when unknown."""
    if not label:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", "ignore")
    label = label.strip().lower()
    # WHATWG maps these labels to supersets; browsers follow it and so do we.
    label = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
             "ascii": "cp1252", "iso8859-1": "cp1252", "gb2312": "gb18030", "gbk": "gb18030",
             "x-sjis": "shift_jis", "shift-jis": "shift_jis", "iso-8859-9": "cp1254",
             "tis-620": "cp874", "x-user-defined": "cp1252", "unicode": "utf-16-le",
             "utf-16": "utf-16-le"}.get(label, label)
    try:
        return codecs.lookup(label).name
    except (LookupError, ValueError):  # ValueError: a label with a NUL byte
        return None


def declared_encoding(data: bytes) -> str | None:
    """The encoding the page declares in its first 64 KiB, if any."""
    head = data[:_SNIFF]
    m = _XML_DECL.match(head) or _META.search(head)
    return _lookup(m.group(1)) if m else None


def sniff_not_html(data: bytes) -> None:
    """Raise NotHTMLError when the bytes are obviously another format."""
    head = data[:16]
    for magic, kind in _NOT_HTML:
        if head.startswith(magic):
            raise NotHTMLError(f"input looks like {kind}, not HTML")


def sniff_text(text: str) -> None:
    """Raise NotHTMLError when decoded text is obviously another format.

    Catches binary formats that were decoded as Latin-1 and handed over as
    ``str``, and JSON documents (an API response is not a web page, even
    when it holds HTML in a string: unpack it first).
    """
    sniff_not_html(text[:16].encode("latin-1", "replace"))
    if _is_json(text):
        raise NotHTMLError("input looks like JSON, not HTML")


def _is_json(text: str) -> bool:
    """A whole JSON object or array (the only JSON a crawler mistakes for a page)."""
    body = text.strip()
    if body[:1] not in ("{", "[") or body[-1:] not in ("}", "]"):
        return False
    try:
        json.loads(body)
    except (ValueError, RecursionError):
        return False
    return True


def _wide_without_bom(head: bytes) -> str | None:
    """UTF-16/32 without a BOM show NUL in every other (fourth) byte of ASCII markup."""
    sample = head[:512]
    if len(sample) < 16:
        return None
    quarter = len(sample) // 4
    zeros4 = [sample[i::4].count(0) for i in range(4)]
    # The two high bytes of a BMP character are NUL; the lowest rarely is.
    if zeros4[2] > 0.9 * quarter and zeros4[3] > 0.9 * quarter and zeros4[0] < 0.5 * quarter:
        return "utf-32-le"
    if zeros4[0] > 0.9 * quarter and zeros4[1] > 0.9 * quarter and zeros4[3] < 0.5 * quarter:
        return "utf-32-be"
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _clean(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _mostly_utf8(data: bytes) -> str | None:
    """The text when the bytes are UTF-8 but for a few broken sequences, else None."""
    text = data.decode("utf-8", "replace")
    broken = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    good = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    if good >= MIN_UTF8_CHARS and broken <= MAX_BROKEN_UTF8_SHARE * good:
        return text
    return None


def detect(data: bytes) -> str | None:
    """Guess an encoding with charset-normalizer (imported on first need).

    The page's own declaration is ignored here (``preemptive_behaviour``):
    the detector is asked precisely when that declaration is missing or doubted.
    """
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - it is a dependency
        return None
    matches = list(from_bytes(data[:_SNIFF], preemptive_behaviour=False))
    if not matches:
        return None
    # Short texts read cleanly in several tables (Windows-1251 bytes are also valid KOI8-R or
    # Mac Cyrillic).  Among equally clean readings take the encoding the web actually uses.
    calm = [m for m in matches if m.chaos <= matches[0].chaos + 1e-6]
    best = min(calm, key=lambda m: (_WEB_RANK.get(_lookup(m.encoding) or "", len(_WEB_RANK)), calm.index(m)))
    return _lookup(best.encoding)


# Legacy encodings by how common they are on the web (most common first).
_WEB_RANK = {name: i for i, name in enumerate(
    ("utf-8", "cp1252", "gb18030", "cp1251", "shift_jis", "euc_kr", "big5", "euc_jp", "cp1250", "iso8859-2",
     "cp1256", "cp1253", "cp1254", "cp1255", "cp874", "cp1257", "iso8859-15", "koi8-r", "iso2022_jp"))}


def mess(text: str) -> float:
    """How much the non-ASCII words of ``text`` look like mojibake: 0.0 for clean text of one script.

    Only words holding non-ASCII characters are measured, with tags
    stripped, so that markup and English filler do not dilute the signal:
    ``franзais`` (Latin-1 read as Windows-1251) or kana read as rare GBK
    ideographs score high, ``français`` or ``Москве`` score 0.
    """
    try:
        from charset_normalizer.md import mess_ratio
    except ImportError:  # pragma: no cover - it is a dependency
        return 0.0
    words = _NON_ASCII_WORD.findall(_TAG.sub(" ", text[:_SNIFF * 4]))
    sample = " ".join(words)[:_MESS_SAMPLE_CHARS]
    return mess_ratio(sample, 1.0) if sample else 0.0


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode page bytes; return ``(text, codec name)``.

    ``encoding`` is the charset of the HTTP ``Content-Type`` header, if the
    caller has one; it outranks the page's own declaration, as in browsers,
    unless what it decodes to is plainly mojibake.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise InputError(f"expected bytes, got {type(data).__name__}")
    data = bytes(data)
    text, codec = _decode(data, encoding)
    if _is_json(text):
        raise NotHTMLError("input looks like JSON, not HTML")
    return text, codec


def _decode(data: bytes, encoding: str | None) -> tuple[str, str]:
    for bom, bom_codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(bom_codec, "replace"), bom_codec
    sniff_not_html(data)
    codec = _wide_without_bom(data)
    if codec:
        return data.decode(codec, "replace"), codec
    if data.isascii():
        return data.decode("ascii"), "ascii"
    text = _clean(data, "utf-8")
    if text is not None:
        return text, "utf-8"
    text = _mostly_utf8(data)
    if text is not None:
        return text, "utf-8"
    doubted: tuple[str, str, float] | None = None
    for label in (encoding, declared_encoding(data)):
        codec = _lookup(label)
        if codec and codec not in _WIDE:
            text = _clean(data, codec)
            if text is None:
                continue
            score = mess(text)
            if score <= MAX_DECLARED_MESS:
                return text, codec
            if doubted is None:
                doubted = (text, codec, score)
    codec = detect(data)
    text = _clean(data, codec) if codec else None
    if text is not None and codec is not None:
        if doubted is None or mess(text) < doubted[2] / 2:
            return text, codec
    if doubted is not None:
        return doubted[0], doubted[1]
    return data.decode("utf-8", "replace"), "utf-8"
