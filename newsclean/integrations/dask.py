"""Extraction over a ``dask.bag`` or a ``dask.dataframe``, one Extractor per worker process.

>>> import dask.bag as db
>>> from newsclean.integrations.dask import extract_bag
>>> pages = db.from_sequence([("https://example.com/a", html_a), ...], npartitions=8)
>>> extract_bag(pages).to_textfiles("out/*.jsonl")   # or .compute()

>>> from newsclean.integrations.dask import extract_frame
>>> articles = extract_frame(ddf, html="html", url="url")  # ddf gains title, text, ... and error

Work is done partition by partition: each task receives an
:class:`~newsclean.batch.ExtractorSpec` (a few bytes) and gets the Extractor
from :func:`~newsclean.batch.build_extractor`, which builds it once per
process and reuses it for every later partition.  A page that fails gives an
``error`` value ("Type: message") instead of failing the task.  There is no
per-page time limit here (Dask has no way to kill one task); use
``newsclean batch`` when pathological pages must be cut off.

Needs ``pip install 'newsclean[dask]'``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from ..batch import ExtractorSpec, Record, build_extractor, extract_record

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe
    import pandas

FIELDS: tuple[str, ...] = ("title", "text", "authors", "published", "language", "site_name", "error")


def as_record(item: tuple[str | None, str | bytes] | Mapping[str, Any], index: int) -> Record:
    """A bag item, ``(url, html)`` or ``{"url", "html"[, "id", "encoding"]}``, as a Record."""
    if isinstance(item, Mapping):
        url, html = item.get("url"), item.get("html")
        rid = item.get("id")
        encoding = item.get("encoding")
    else:
        url, html = item
        rid, encoding = None, None
    rid = str(rid) if rid is not None else (url or f"#{index}")
    if not isinstance(html, (str, bytes)):
        html = None  # extract_record turns this into an error value
    return Record(id=rid, input="dask", url=url, html=html, encoding=encoding)


def extract_partition(items: Iterable[Any], spec: ExtractorSpec = ExtractorSpec()) -> list[dict[str, Any]]:
    """Extract one partition of bag items into output dicts (the same as ``newsclean batch`` lines)."""
    extractor = build_extractor(spec)
    return [extract_record(as_record(item, i), extractor) for i, item in enumerate(items)]


def extract_bag(bag: dask.bag.Bag, *, spec: ExtractorSpec = ExtractorSpec()) -> dask.bag.Bag:
    """A bag of output dicts, one per ``(url, html)`` item, partition for partition."""
    return bag.map_partitions(extract_partition, spec)


def extract_frame_partition(frame: pandas.DataFrame, html: str = "html", url: str | None = "url",
                            fields: Sequence[str] = FIELDS, spec: ExtractorSpec = ExtractorSpec()
                            ) -> pandas.DataFrame:
    """One pandas partition with the chosen Article fields added as object columns."""
    import pandas as pd

    extractor = build_extractor(spec)
    urls = frame[url] if url else [None] * len(frame)
    rows = [extract_record(Record(id=str(i), input="dask", url=u, html=h if isinstance(h, (str, bytes)) else None),
                           extractor) for i, u, h in zip(frame.index, urls, frame[html])]
    added = {f: pd.Series([r.get(f) for r in rows], index=frame.index, dtype=object) for f in fields}
    return frame.assign(**added)


def extract_frame(frame: dask.dataframe.DataFrame, *, html: str = "html", url: str | None = "url",
                  fields: Sequence[str] = FIELDS, spec: ExtractorSpec = ExtractorSpec()
                  ) -> dask.dataframe.DataFrame:
    """The dataframe with ``fields`` (Article keys, plus ``error``) added, computed partition-wise."""
    meta = extract_frame_partition(frame._meta, html, url, tuple(fields), spec)
    return frame.map_partitions(extract_frame_partition, html, url, tuple(fields), spec, meta=meta)
