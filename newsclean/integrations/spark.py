"""Extraction over a Spark DataFrame or RDD, one Extractor per Python worker process.

>>> from newsclean.integrations.spark import extract_frame
>>> articles = extract_frame(df, html="html", url="url")   # df gains title, text, ... and error columns

>>> from newsclean.integrations.spark import extract_rows
>>> df.select("id", "url", "html").rdd.mapPartitions(extract_rows).map(json.dumps).saveAsTextFile("out")

:func:`extract_frame` runs through ``DataFrame.mapInPandas``: rows travel to
Python as Arrow batches, and the new columns get Spark types derived from
:func:`newsclean.batch.parquet_schema` (so ``authors`` is ``array<string>``,
``blocks`` an array of structs).  :func:`extract_rows` is the RDD form and
yields the same dicts as ``newsclean batch`` lines.

Both ship only an :class:`~newsclean.batch.ExtractorSpec` (a few bytes) to
the executors; :func:`~newsclean.batch.build_extractor` builds the Extractor
once per Python worker process, and Spark reuses those processes from task to
task (``spark.python.worker.reuse``, on by default).  A page that fails gives
an ``error`` value ("Type: message") instead of failing the task.  There is
no per-page time limit (Spark cannot cut one row short); use
``newsclean batch`` when pathological pages must be cut off.

Needs ``pip install 'newsclean[spark]'`` (pyspark, pandas, pyarrow) and a Java
runtime that the pyspark version supports (17 or later for pyspark 4).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

from ..batch import ExtractorSpec, build_extractor, extract_record, parquet_schema
from .dask import FIELDS, as_record, extract_frame_partition  # plain Python and pandas: dask is not imported

if TYPE_CHECKING:
    import pandas
    import pyarrow
    import pyspark.sql
    import pyspark.sql.types

__all__ = ["FIELDS", "extract_frame", "extract_rows", "extract_batches", "article_schema"]


def spark_type(arrow_type: pyarrow.DataType) -> pyspark.sql.types.DataType:
    """The Spark type of an Arrow type of :func:`parquet_schema`, which stays the one place output types are written."""
    import pyarrow as pa
    from pyspark.sql import types as T

    if pa.types.is_string(arrow_type):
        return T.StringType()
    if pa.types.is_int32(arrow_type):
        return T.IntegerType()
    if pa.types.is_boolean(arrow_type):
        return T.BooleanType()
    if pa.types.is_map(arrow_type):
        return T.MapType(spark_type(arrow_type.key_type), spark_type(arrow_type.item_type))
    if pa.types.is_list(arrow_type):
        return T.ArrayType(spark_type(arrow_type.value_type))
    if pa.types.is_struct(arrow_type):
        return T.StructType([T.StructField(f.name, spark_type(f.type)) for f in arrow_type])
    raise TypeError(f"no Spark type for Arrow type {arrow_type}")


def article_schema(fields: Sequence[str] = FIELDS) -> pyspark.sql.types.StructType:
    """The Spark columns for ``fields`` (Article keys plus ``error``); an unknown name is a KeyError.

    ``id`` and ``input`` are left out: they name a batch line's source, which
    in a DataFrame is the row itself.
    """
    from pyspark.sql import types as T

    arrow = parquet_schema()
    names = [n for n in arrow.names if n not in ("id", "input")]
    unknown = [f for f in fields if f not in names]
    if unknown:
        raise KeyError(f"not an output field: {', '.join(unknown)}. Available names: {', '.join(names)}")
    return T.StructType([T.StructField(f, spark_type(arrow.field(f).type)) for f in fields])


def extract_batches(batches: Iterable[pandas.DataFrame], html: str = "html", url: str | None = "url",
                    fields: Sequence[str] = FIELDS, spec: ExtractorSpec = ExtractorSpec()
                    ) -> Iterator[pandas.DataFrame]:
    """The ``mapInPandas`` function: each batch with ``fields`` appended as the last columns.

    Input columns named like a field are dropped first, so the column order
    is always the one :func:`extract_frame` declares to Spark.
    """
    fields = tuple(fields)
    for frame in batches:
        kept = frame.drop(columns=[c for c in fields if c in frame.columns])
        yield extract_frame_partition(kept, html, url, fields, spec)  # plain pandas, shared with Dask


def extract_frame(frame: pyspark.sql.DataFrame, *, html: str = "html", url: str | None = "url",
                  fields: Sequence[str] = FIELDS, spec: ExtractorSpec = ExtractorSpec()
                  ) -> pyspark.sql.DataFrame:
    """The DataFrame with ``fields`` (Article keys, plus ``error``) as typed columns, computed partition-wise.

    ``html`` is a string or binary column (bytes are decoded as ``extract``
    decodes them: the page's own declaration, else detection); ``url``, if
    given, is the page address that site rules and absolute links use.  Input
    columns named like a field are replaced.  Lazy, like every transformation.
    """
    from pyspark.sql import types as T

    fields = tuple(fields)
    if html in fields or (url and url in fields):
        raise ValueError(f"the html and url input columns cannot also be output fields: {fields}")
    added = article_schema(fields)
    schema = T.StructType([c for c in frame.schema.fields if c.name not in fields] + list(added.fields))

    def run(batches: Iterator[pandas.DataFrame]) -> Iterator[pandas.DataFrame]:
        return extract_batches(batches, html, url, fields, spec)

    return frame.mapInPandas(run, schema)


def extract_rows(rows: Iterable[Any], spec: ExtractorSpec = ExtractorSpec()) -> Iterator[dict[str, Any]]:
    """The ``rdd.mapPartitions`` function: one ``newsclean batch`` output dict per row, lazily.

    A row is a ``pyspark.sql.Row`` or a dict with ``html`` and optionally
    ``url``, ``id`` and ``encoding``, or a ``(url, html)`` pair.  The id is the
    row's ``id``, else its url, else ``#N`` (its place in the partition).  Pass
    another spec with ``functools.partial(extract_rows, spec=...)``.
    """
    extractor = build_extractor(spec)
    for i, row in enumerate(rows):
        item = row.asDict() if hasattr(row, "asDict") else row
        yield extract_record(replace(as_record(item, i), input="spark"), extractor)
