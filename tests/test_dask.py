"""newsclean.integrations.dask on a small dask.distributed LocalCluster."""

from __future__ import annotations

import os

import pytest

from newsclean import DEFAULT, extract
from newsclean.batch import ExtractorSpec

if os.environ.get("CI") == "true":  # the test extra installs dask: missing it under CI is a failure, not a skip
    import dask
    import distributed
    import pandas as pd
else:
    dask = pytest.importorskip("dask")
    distributed = pytest.importorskip("distributed")
    pd = pytest.importorskip("pandas")
import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402

from newsclean.integrations.dask import extract_bag, extract_frame  # noqa: E402


def page(n: int) -> str:
    paras = "".join(f"<p>Paragraph {i} of story {n}: the council met on Tuesday to discuss roads, schools, "
                    f"parks and the budget for the coming year in some detail.</p>" for i in range(4))
    return f"<html><head><title>Story {n}</title></head><body><article>{paras}</article></body></html>"


BUILDS: list[int] = []


def counting_factory():
    """Counts how often an Extractor is built (the test runs the cluster in this process)."""
    BUILDS.append(1)
    return DEFAULT


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(processes=False, n_workers=1, threads_per_worker=2,
                                  dashboard_address=":0") as cluster, distributed.Client(cluster) as c:
        yield c


def test_bag_of_url_html_pairs_gives_one_output_dict_each_and_one_extractor(client):
    items = [(f"https://news.example/{i}", page(i)) for i in range(6)] + [("https://news.example/bad", 42)]
    bag = db.from_sequence(items, npartitions=3)
    spec = ExtractorSpec(factory=counting_factory)
    out = extract_bag(bag, spec=spec).compute()
    assert [r["id"] for r in out] == [u for u, _ in items]
    assert [r["title"] for r in out[:6]] == [f"Story {i}" for i in range(6)]
    assert out[0]["text"] == extract(page(0), "https://news.example/0").text
    assert out[6]["error"] == "ValueError: record has neither html nor path"
    assert len(BUILDS) == 1  # three partitions, one Extractor


def test_bag_of_dicts_keeps_ids(client):
    bag = db.from_sequence([{"id": "a", "url": None, "html": page(1)}, {"html": page(2)}], npartitions=1)
    out = extract_bag(bag).compute()
    assert [(r["id"], r["title"]) for r in out] == [("a", "Story 1"), ("#1", "Story 2")]


def test_dataframe_gains_article_columns_partition_wise(client):
    frame = pd.DataFrame({"url": [f"https://news.example/{i}" for i in range(4)],
                          "html": [page(i) for i in range(3)] + [None]})
    ddf = dd.from_pandas(frame, npartitions=2)
    result = extract_frame(ddf, fields=("title", "text", "error")).compute()
    assert list(result.columns) == ["url", "html", "title", "text", "error"]
    assert list(result["title"][:3]) == ["Story 0", "Story 1", "Story 2"]
    assert result["text"][1] == extract(page(1), "https://news.example/1").text
    assert result["error"][3] == "ValueError: record has neither html nor path" and result["error"][0] is None


def test_worker_processes_receive_the_spec_and_build_rules_there(tmp_path):
    rules = tmp_path / "r.toml"
    rules.write_text('[[rule]]\nid = "news.example"\nhosts = ["news.example"]\ncontent = ["article"]\n')
    with distributed.LocalCluster(processes=True, n_workers=1, threads_per_worker=1,
                                  dashboard_address=":0") as cluster, distributed.Client(cluster):
        bag = db.from_sequence([("https://news.example/1", page(1))], npartitions=1)
        out = extract_bag(bag, spec=ExtractorSpec(rules=(str(rules),))).compute()
    assert out[0]["rule_id"] == "news.example" and out[0]["title"] == "Story 1"
