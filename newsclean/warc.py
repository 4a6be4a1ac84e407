"""Read the HTML pages of a WARC file (plain or gzipped) with FastWARC.

Only ``response`` records whose HTTP ``Content-Type`` is HTML are pages;
everything else (requests, metadata, images, PDFs, revisits) is skipped.
Each page keeps its record's target URI and the charset of its HTTP header,
which outranks the page's own ``<meta charset>`` as in browsers.  FastWARC
undoes the HTTP transfer and content encodings (chunked, gzip...).

FastWARC is an optional dependency (``pip install newsclean[warc]``); it is
imported on first use so that the rest of newsclean does not need it.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
WARC_SUFFIXES = (".warc", ".warc.gz")


@dataclass(frozen=True, slots=True)
class WarcPage:
    """One HTML response of a WARC file."""

    record_id: str
    url: str | None
    charset: str | None
    body: bytes
    offset: int  # the record's start in the (compressed) file, for progress and for finding it again


def is_warc(path: str | Path) -> bool:
    return str(path).lower().endswith(WARC_SUFFIXES)


def read_pages(path: str | Path) -> Iterator[WarcPage]:
    """Yield the HTML responses of a WARC file, one record in memory at a time.

    A damaged file (truncated gzip member, broken header) raises ``OSError``
    from the iteration once the pages before the damage have been yielded.
    """
    try:
        from fastwarc.warc import ArchiveIterator, WarcRecordType
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("reading WARC files needs FastWARC: pip install 'newsclean[warc]'") from exc
    with open(path, "rb") as fh:
        for record in ArchiveIterator(fh, record_types=WarcRecordType.response, parse_http=True,
                                      auto_decode="all"):
            if (record.http_content_type or "").lower() not in HTML_TYPES:
                continue
            yield WarcPage(record_id=record.record_id or f"{path}@{record.stream_pos}",
                           url=record.headers.get("WARC-Target-URI"), charset=record.http_charset,
                           body=_payload(record), offset=record.stream_pos)


def _payload(record) -> bytes:  # type: ignore[no-untyped-def]
    """The decoded HTTP payload; a record cut short raises ``OSError``.

    FastWARC raises on a truncated *encoded* payload, but hands back a short
    plain one silently: compare with the declared length in that case.
    """
    body: bytes = record.reader.read()
    http = record.http_headers
    encoded = http is not None and (http.get("Content-Encoding") or http.get("Transfer-Encoding"))
    if not encoded and len(body) < record.content_length:
        raise OSError(f"WARC record {record.record_id} is truncated: {len(body)} of "
                      f"{record.content_length} payload bytes")
    return body


def response_record(url: str, body: bytes, *, content_type: str = "text/html; charset=utf-8",
                    record_id: str, compress: bool = False) -> bytes:
    """The bytes of one WARC/1.1 response record (for tests and benchmarks).

    With ``compress`` the record is its own gzip member, as in crawl archives.
    """
    http = (f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
            .encode("latin-1") + body)
    head = (f"WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{record_id}>\r\n"
            f"WARC-Target-URI: {url}\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n")
    record = head.encode("latin-1") + http + b"\r\n\r\n"
    return gzip.compress(record, mtime=0) if compress else record
