"""Turn page bytes into text the way a browser would, without mojibake.

Order of evidence (WHATWG "encoding sniffing", plus one safety net):

1. a byte-order mark;
2. bytes that are valid UTF-8 and contain non-ASCII text are UTF-8, whatever
   the page declares: a false positive of this test is vanishingly rare, while
   pages that declare ISO-8859-1 and are really UTF-8 are common;
3. the caller's ``encoding`` (the HTTP header's charset), then the page's
   ``<meta charset>`` / ``http-equiv`` declaration, when the bytes decode
   cleanly with it;
4. a detector (charset-normalizer) on the first 64 KiB;
5. UTF-8 with replacement characters.
"""

from __future__ import annotations

import codecs
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
    except LookupError:
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


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 without a BOM shows NUL in every other byte of ASCII markup."""
    sample = head[:512]
    if len(sample) < 8:
        return None
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


def detect(data: bytes) -> str | None:
    """Guess an encoding with charset-normalizer (imported on first need)."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - it is a dependency
        return None
    best = from_bytes(data[:_SNIFF]).best()
    return _lookup(best.encoding) if best else None


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode page bytes; return ``(text, codec name)``.

    ``encoding`` is the charset of the HTTP ``Content-Type`` header, if the
    caller has one; it outranks the page's own declaration, as in browsers.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise InputError(f"expected bytes, got {type(data).__name__}")
    data = bytes(data)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, "replace"), codec
    sniff_not_html(data)
    codec = _utf16_without_bom(data)
    if codec:
        return data.decode(codec, "replace"), codec
    if not data.isascii():
        text = _clean(data, "utf-8")
        if text is not None:
            return text, "utf-8"
    else:
        return data.decode("ascii"), "ascii"
    for label in (encoding, declared_encoding(data)):
        codec = _lookup(label)
        if codec and codec not in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
            text = _clean(data, codec)
            if text is not None and not _looks_wrong(text, codec, data):
                return text, codec
    codec = detect(data)
    if codec:
        text = _clean(data, codec)
        if text is not None:
            return text, codec
    return data.decode("utf-8", "replace"), "utf-8"


def _looks_wrong(text: str, codec: str, data: bytes) -> bool:
    """A single-byte declaration that decodes, but into C1 controls or the wrong script.

    Windows-1252 decodes almost any bytes, so "decoded cleanly" proves little:
    a page whose high bytes turn into many C1 controls or unlikely symbols
    was written in another encoding (Cyrillic, CJK...).  Ask the detector.
    """
    if codec not in ("cp1252", "iso8859-15", "cp1250", "iso8859-2"):
        return False
    high = sum(1 for ch in text if ord(ch) > 127)
    if high < 20:
        return False
    # Letters with diacritics in Western text are isolated; long runs of
    # high characters mean another script.
    runs = re.findall(r"[^\x00-\x7f]{4,}", text[:20000])
    return sum(map(len, runs)) > 0.5 * high
