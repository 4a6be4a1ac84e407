"""The extractors measured side by side: a name -> ``callable(bytes, url) -> str`` table.

Every adapter gets the page's raw bytes.  Libraries that take bytes get them
as they are (their own encoding detection is part of what is measured);
libraries that only take ``str`` get the text of
:func:`newsclean.encoding.decode`, decoded once per page (:func:`as_text`), so
no peer is handicapped by a worse decoder than another's.

Imports are lazy: this module loads without the peers installed (CI has only
the ``test`` extra), and a worker pays for a library only when it runs it.
"""

from __future__ import annotations

import functools
import importlib.metadata
from dataclasses import dataclass
from typing import Callable

Adapter = Callable[[bytes, "str | None"], str]

# newspaper4k needs some URL to build an Article; it is never fetched.
_PLACEHOLDER_URL = "https://example.invalid/article"


@functools.lru_cache(maxsize=2)
def as_text(data: bytes) -> str:
    """The page decoded once, the same way for every str-only peer (bytes cache their hash)."""
    from newsclean.encoding import decode

    return decode(data)[0]


def _newsclean(data: bytes, url: str | None) -> str:
    import newsclean

    return newsclean.extract(data, url=url).text


def _trafilatura(**options: bool) -> Adapter:
    """trafilatura.extract on the raw bytes; ``options`` differ from its defaults."""
    def run(data: bytes, url: str | None) -> str:
        import trafilatura

        return trafilatura.extract(data, url=url, **options) or ""
    return run


def _readability(data: bytes, url: str | None) -> str:
    """The text of readability-lxml's summary; html-text turns its HTML into text with block breaks."""
    import html_text
    from readability import Document

    return html_text.extract_text(Document(data, url=url).summary(html_partial=True))


def _newspaper(data: bytes, url: str | None) -> str:
    from newspaper import Article, Config

    config = Config()
    config.fetch_images = False  # parse() would download images otherwise
    config.follow_meta_refresh = False
    article = Article(url or _PLACEHOLDER_URL, config=config)
    article.download(input_html=as_text(data))
    article.parse()
    return article.text or ""


@functools.cache
def _goose_client():  # type: ignore[no-untyped-def]
    """One Goose per process: building it loads its stopword files and config."""
    from goose3 import Goose

    return Goose({"enable_image_fetching": False, "strict": False})


def _goose(data: bytes, url: str | None) -> str:
    return _goose_client().extract(url=url, raw_html=as_text(data)).cleaned_text or ""


@functools.cache
def _justext_stoplist() -> frozenset[str]:
    """The union of jusText's stoplists: the corpora mix many languages (trafilatura's eval does the same)."""
    import justext

    return frozenset().union(*(justext.get_stoplist(lang) for lang in justext.get_stoplists()))


def _justext(data: bytes, url: str | None) -> str:
    import justext

    paragraphs = justext.justext(data, _justext_stoplist())
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def _resiliparse(data: bytes, url: str | None) -> str:
    from resiliparse.extract.html2text import extract_plain_text

    return extract_plain_text(as_text(data), main_content=True)


def _html_text(data: bytes, url: str | None) -> str:
    import html_text

    return html_text.extract_text(as_text(data))


def _newsclean_version() -> str:
    """The imported package's own version: the venv may hold another checkout's metadata."""
    import newsclean

    return newsclean.__version__


def _distribution(name: str, *also: str) -> Callable[[], str]:
    """The installed version of ``name``, then ``+other-version`` for each helper distribution the adapter runs."""
    def one(dist: str) -> str:
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            return "missing"
    return lambda: "+".join([one(name), *(f"{d}-{one(d)}" for d in also)])


@dataclass(frozen=True)
class Extractor:
    """One row of the benchmark: an adapter, and the version that keys its cached output."""

    name: str
    run: Adapter
    version: Callable[[], str]
    cached: bool = True  # peers do not change between runs; newsclean does

    def __call__(self, data: bytes, url: str | None) -> str:
        return self.run(data, url)


# newsclean first: reports keep this order.
EXTRACTORS: dict[str, Extractor] = {e.name: e for e in (
    Extractor("newsclean", _newsclean, _newsclean_version, cached=False),
    Extractor("trafilatura", _trafilatura(), _distribution("trafilatura")),
    Extractor("trafilatura-nocomments", _trafilatura(include_comments=False), _distribution("trafilatura")),
    Extractor("trafilatura-precision", _trafilatura(favor_precision=True), _distribution("trafilatura")),
    Extractor("trafilatura-fast", _trafilatura(fast=True), _distribution("trafilatura")),
    Extractor("readability-lxml", _readability, _distribution("readability-lxml", "html-text")),
    Extractor("newspaper4k", _newspaper, _distribution("newspaper4k")),
    Extractor("goose3", _goose, _distribution("goose3")),
    Extractor("justext", _justext, _distribution("justext")),
    Extractor("resiliparse", _resiliparse, _distribution("resiliparse")),
    Extractor("html-text", _html_text, _distribution("html-text")),
)}
