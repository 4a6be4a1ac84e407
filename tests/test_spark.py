"""newsclean.integrations.spark on a local[2] SparkSession, with the hand-written fixture pages.

pyspark and a Java runtime are part of the test setup (``.[test]`` installs
pyspark; Java 17 is on the CI machine): missing either is a failure under
``CI=true`` and a skip elsewhere, like the headless-browser test.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from newsclean import extract
from newsclean.batch import ExtractorSpec

BUILDS_ENV = "NEWSCLEAN_TEST_SPARK_BUILDS"


def required(what: str) -> None:
    """A missing requirement fails under CI (the test must run there) and skips elsewhere."""
    message = f"{what} is needed for the Spark tests: pip install '.[spark]' and a Java 17+ runtime"
    if os.environ.get("CI") == "true":
        pytest.fail(message + " (CI=true: this test must not be skipped)")
    pytest.skip(message)


def counting_factory():
    """Builds the default Extractor and records the building process (run in Spark's Python workers)."""
    from newsclean import DEFAULT

    with open(os.environ[BUILDS_ENV], "a", encoding="utf-8") as fh:
        fh.write(f"{os.getpid()}\n")
    return DEFAULT


@pytest.fixture(scope="module")
def builds_file(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("spark") / "builds.txt"


@pytest.fixture(scope="module")
def spark(builds_file):
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        required("pyspark")
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        required("a Java runtime")
    # Spark's Python workers inherit this environment: they import this module (for counting_factory)
    # from the tests folder, and the newsclean the test process imports.
    here = Path(__file__).resolve().parent
    paths = [str(here), str(Path(__import__("newsclean").__file__).resolve().parent.parent)]
    env = {"PYTHONPATH": os.pathsep.join(paths + [os.environ.get("PYTHONPATH", "")]), BUILDS_ENV: str(builds_file),
           "PYSPARK_PYTHON": sys.executable}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    session = (SparkSession.builder.master("local[2]").appName("newsclean-test")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "2")
               .config("spark.driver.bindAddress", "127.0.0.1")
               .getOrCreate())
    try:
        yield session
    finally:
        session.stop()
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@pytest.fixture(scope="module")
def pages(fixtures):
    """Four fixture pages (id, url, html as text) and one row whose html is missing."""
    rows = [(f.name, f.url, f.html.decode("utf-8")) for f in fixtures[:4]]
    return rows + [("missing", "https://news.example/missing", None)]


def test_frame_gains_typed_article_columns_and_error_rows(spark, pages, fixtures):
    from newsclean.integrations.spark import extract_frame

    df = spark.createDataFrame(pages, "id string, url string, html string").repartition(2)
    out = extract_frame(df, fields=("title", "text", "authors", "error"))
    assert out.columns == ["id", "url", "html", "title", "text", "authors", "error"]
    assert out.schema["authors"].dataType.simpleString() == "array<string>"
    rows = {r["id"]: r for r in out.collect()}
    assert set(rows) == {f.name for f in fixtures[:4]} | {"missing"}
    for f in fixtures[:4]:
        article = extract(f.html, f.url)
        assert rows[f.name]["title"] == f.title
        assert rows[f.name]["text"] == article.text
        assert rows[f.name]["authors"] == list(article.authors)
        assert rows[f.name]["error"] is None
    missing = rows["missing"]
    assert missing["error"] == "ValueError: record has neither html nor path"
    assert (missing["title"], missing["text"], missing["authors"]) == (None, None, None)


def test_frame_takes_binary_html_nested_fields_and_replaces_same_named_columns(spark, fixtures):
    from newsclean.integrations.spark import extract_frame

    f = fixtures[0]
    df = spark.createDataFrame([(f.url, bytearray(f.html), "stale")], "url string, html binary, title string")
    (row,) = extract_frame(df, fields=("title", "blocks", "sources")).collect()
    article = extract(f.html, f.url)
    assert list(row.asDict()) == ["url", "html", "title", "blocks", "sources"]
    assert row["title"] == f.title
    assert [b["text"] for b in row["blocks"]] == [b.text for b in article.blocks]
    assert [b["kind"] for b in row["blocks"]] == [b.kind for b in article.blocks]
    assert row["sources"] == dict(article.sources)


def test_block_links_are_a_typed_nested_column(spark):
    from newsclean.integrations.spark import extract_frame

    para = "The council met on Tuesday to discuss roads, schools, parks and the budget in some detail. " * 3
    html = (f"<html><body><article><p>{para}</p><p>Read <a href='/report'>the report</a> first.</p>"
            f"<p>{para}</p></article></body></html>")
    df = spark.createDataFrame([("https://news.example/a/story", html)], "url string, html string")
    out = extract_frame(df, fields=("blocks",))
    assert out.schema["blocks"].dataType.simpleString() == (
        "array<struct<kind:string,text:string,level:int,cells:array<string>,lang:string,src:string,"
        "ordered:boolean,links:array<struct<start:int,end:int,href:string>>>>")
    (row,) = out.collect()
    assert [link.asDict() for link in row["blocks"][1]["links"]] == [
        {"start": 5, "end": 15, "href": "https://news.example/report"}]


def test_unknown_field_or_an_input_column_as_field_is_refused_before_anything_runs(spark):
    from newsclean.integrations.spark import extract_frame

    df = spark.createDataFrame([("https://a.example/", "<p>x</p>")], "url string, html string")
    with pytest.raises(KeyError, match="not an output field: titel. Available names: url, error, title"):
        extract_frame(df, fields=("titel",))
    with pytest.raises(ValueError, match="the html and url input columns cannot also be output fields"):
        extract_frame(df, fields=("title", "url"))


def test_rdd_rows_give_batch_lines_and_one_extractor_per_worker_process(spark, pages, fixtures, builds_file):
    from newsclean.integrations.spark import extract_rows

    df = spark.createDataFrame(pages, "id string, url string, html string").repartition(4)
    spec = ExtractorSpec(factory=counting_factory)
    lines = df.rdd.mapPartitions(functools.partial(extract_rows, spec=spec)).map(json.dumps).collect()
    out = {d["id"]: d for d in map(json.loads, lines)}
    for f in fixtures[:4]:
        assert out[f.name]["title"] == f.title
        assert out[f.name]["text"] == extract(f.html, f.url).text
        assert out[f.name]["url"] == f.url and "error" not in out[f.name]
    assert out["missing"] == {"id": "missing", "url": "https://news.example/missing", "input": "spark",
                              "error": "ValueError: record has neither html nor path"}
    pids = builds_file.read_text().split()
    assert len(pids) == len(set(pids))  # never twice in one process, whatever the partitions
    assert 1 <= len(pids) < 4  # four partitions, fewer builds: Python workers are reused (two on local[2])
