"""newsclean batch: inputs, output lines, failure paths, time limit, order, interruption and resume."""

from __future__ import annotations

import gzip
import json
import os
import pickle
import time
from pathlib import Path

import pytest

from newsclean import DEFAULT, extract
from newsclean.batch import (ExtractorSpec, Failure, Progress, Record, build_extractor, main, records, run,
                             show_progress)


def page(n: int, *, charset: str | None = None) -> str:
    """A small article page whose body text is unique to ``n``."""
    meta = f'<meta charset="{charset}">' if charset else ""
    paras = "".join(f"<p>Paragraph {i} of story {n}: the council met on Tuesday to discuss roads, schools, "
                    f"parks and the budget for the coming year in some detail.</p>" for i in range(4))
    return (f"<html><head>{meta}<title>Story {n}</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>Story {n}</h1>{paras}</article><footer>Copyright</footer></body></html>")


def lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def jsonl_items(n: int, *, url=lambda i: f"https://news.example/{i}") -> list[Record]:
    return [Record(id=f"p{i}", input=f"mem:{i}", url=url(i), html=page(i)) for i in range(n)]


# -- extractors injected through the ExtractorSpec test hook (module level, so they pickle) ----------
class _Sleepy:
    """Sleeps for the seconds written after '/sleep/' in the URL, then extracts normally."""

    def extract(self, html, url=None, *, encoding=None):
        if url and "/sleep/" in url:
            time.sleep(float(url.rsplit("/", 1)[1]))
        return DEFAULT.extract(html, url, encoding=encoding)


class _Crashy:
    """Kills its own process on a '/crash' URL, as a segfault in a parser would."""

    def extract(self, html, url=None, *, encoding=None):
        if url and url.endswith("/crash"):
            os._exit(3)
        return DEFAULT.extract(html, url, encoding=encoding)


def sleepy() -> _Sleepy:
    return _Sleepy()


def crashy() -> _Crashy:
    return _Crashy()


# -- inputs ------------------------------------------------------------------------------------------
def test_folder_is_walked_recursively_in_sorted_order_and_matches_extract(tmp_path):
    src = tmp_path / "in"
    (src / "b").mkdir(parents=True)
    (src / "a.html").write_text(page(1))
    (src / "b" / "c.htm").write_text(page(2))
    (src / "b" / "d.html.gz").write_bytes(gzip.compress(page(3).encode()))
    (src / "notes.txt").write_text("not a page")
    out = tmp_path / "out.jsonl"
    assert main([str(src), "-o", str(out), "--workers", "2", "--quiet"]) == 0
    got = lines(out)
    assert [r["id"] for r in got] == [str(src / "a.html"), str(src / "b" / "c.htm"), str(src / "b" / "d.html.gz")]
    assert [r["text"] for r in got] == [extract(page(n)).text for n in (1, 2, 3)]
    assert got[0]["input"] == got[0]["id"] and got[0]["title"] == "Story 1"
    assert not (tmp_path / "out.jsonl.part").exists()


def test_glob_selects_matching_files(tmp_path):
    for n in range(3):
        (tmp_path / f"p{n}.html").write_text(page(n))
    (tmp_path / "skip.htm").write_text(page(9))
    out = tmp_path / "out.jsonl"
    assert main([str(tmp_path / "p*.html"), "-o", str(out), "--quiet", "--workers", "1"]) == 0
    assert [Path(r["id"]).name for r in lines(out)] == ["p0.html", "p1.html", "p2.html"]


def test_jsonl_input_keeps_ids_and_turns_bad_records_into_error_lines(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "first", "url": "https://news.example/1", "html": page(1)}) + "\n"
                   + json.dumps({"url": "https://news.example/2", "html": page(2)}) + "\n"
                   + "{not json\n"
                   + json.dumps({"url": "https://news.example/4"}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main([str(src), "-o", str(out), "--quiet", "--workers", "2"]) == 0
    got = lines(out)
    assert [r["id"] for r in got] == ["first", f"{src}:2", f"{src}:3", f"{src}:4"]
    assert got[0]["url"] == "https://news.example/1" and got[0]["text"] == extract(page(1)).text
    assert got[2]["error"].startswith("JSONDecodeError: ")
    assert got[3] == {"id": f"{src}:4", "url": None, "input": f"{src}:4",
                      "error": "ValueError: a record needs an 'html' string"}


def test_truncated_gzip_page_is_an_error_line_and_the_batch_goes_on(tmp_path):
    (tmp_path / "a.html.gz").write_bytes(gzip.compress(page(1).encode())[:-30])
    (tmp_path / "b.html").write_text(page(2))
    out = tmp_path / "out.jsonl"
    assert main([str(tmp_path), "-o", str(out), "--quiet", "--workers", "1"]) == 0
    bad, good = lines(out)
    assert bad["error"] == "EOFError: Compressed file ended before the end-of-stream marker was reached"
    assert good["title"] == "Story 2"


def test_missing_input_is_a_usage_error(tmp_path, capsys):
    assert main([str(tmp_path / "nope.html"), "-o", str(tmp_path / "o.jsonl")]) == 2
    assert "no such input" in capsys.readouterr().err


# -- WARC ----------------------------------------------------------------------------------------------
def _warc(tmp_path: Path, *, truncate: int = 0) -> Path:
    from newsclean.warc import response_record

    latin = page(1).replace("Story 1", "Caf\u00e9 1").encode("cp1252")
    data = (response_record("https://news.example/cafe", latin, content_type="text/html; charset=ISO-8859-1",
                            record_id="0001", compress=True)
            + response_record("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n....", content_type="image/png",
                              record_id="0002", compress=True)
            + response_record("https://news.example/2", page(2).encode(), record_id="0003", compress=True))
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data[:-truncate] if truncate else data)
    return path


def test_warc_html_responses_use_target_uri_and_http_charset_and_skip_other_records(tmp_path):
    pytest.importorskip("fastwarc")
    out = tmp_path / "out.jsonl"
    assert main([str(_warc(tmp_path)), "-o", str(out), "--quiet", "--workers", "1"]) == 0
    got = lines(out)
    assert [(r["id"], r["url"]) for r in got] == [("<urn:uuid:0001>", "https://news.example/cafe"),
                                                   ("<urn:uuid:0003>", "https://news.example/2")]
    assert got[0]["title"] == "Caf\u00e9 1"  # cp1252 bytes read with the header's charset, no <meta>
    assert got[0]["input"] == f"{tmp_path / 'crawl.warc.gz'}@0"


def test_truncated_warc_keeps_the_good_records_and_records_the_damage(tmp_path):
    pytest.importorskip("fastwarc")
    out = tmp_path / "out.jsonl"
    path = _warc(tmp_path, truncate=40)
    assert main([str(path), "-o", str(out), "--quiet", "--workers", "1"]) == 0
    first, damage = lines(out)
    assert first["id"] == "<urn:uuid:0001>" and first["text"]
    assert damage["id"] == f"{path}@error" and damage["error"].startswith("OSError: ")


# -- time limit, crashes, order ------------------------------------------------------------------------
def test_a_page_over_the_time_limit_gets_an_error_line_and_its_worker_is_replaced(tmp_path):
    items = jsonl_items(4, url=lambda i: "https://news.example/sleep/60" if i == 1 else f"https://news.example/{i}")
    out = tmp_path / "out.jsonl"
    start = time.monotonic()
    summary = run(items, out, spec=ExtractorSpec(factory=sleepy), workers=1, timeout=1.0)
    assert time.monotonic() - start < 8
    got = lines(out)
    assert [r["id"] for r in got] == ["p0", "p1", "p2", "p3"]
    assert got[1]["error"] == "Timeout: extraction took longer than 1 s"
    assert [r["title"] for r in (got[0], got[2], got[3])] == ["Story 0", "Story 2", "Story 3"]
    assert (summary.written, summary.errors) == (4, 1)


def test_a_worker_that_dies_costs_only_its_page(tmp_path):
    items = jsonl_items(3, url=lambda i: "https://news.example/crash" if i == 0 else f"https://news.example/{i}")
    out = tmp_path / "out.jsonl"
    run(items, out, spec=ExtractorSpec(factory=crashy), workers=1)
    got = lines(out)
    assert got[0]["error"] == "WorkerDied: worker exited with code 3"
    assert [r.get("title") for r in got[1:]] == ["Story 1", "Story 2"]


def test_ordered_output_follows_input_order_even_when_pages_finish_out_of_order(tmp_path):
    delays = [0.4, 0.0, 0.2, 0.0, 0.1, 0.0]
    items = jsonl_items(6, url=lambda i: f"https://news.example/sleep/{delays[i]}")
    out = tmp_path / "out.jsonl"
    run(items, out, spec=ExtractorSpec(factory=sleepy), workers=2)
    assert [r["id"] for r in lines(out)] == [f"p{i}" for i in range(6)]
    unordered = tmp_path / "unordered.jsonl"
    run(items, unordered, spec=ExtractorSpec(factory=sleepy), workers=2, ordered=False)
    ids = [r["id"] for r in lines(unordered)]
    assert sorted(ids) == [f"p{i}" for i in range(6)] and ids != [f"p{i}" for i in range(6)]


# -- interruption and resume -----------------------------------------------------------------------
def interrupted_after(items, n):
    """The items, then a Ctrl-C once ``n`` have been handed out."""
    for i, item in enumerate(items):
        if i == n:
            raise KeyboardInterrupt
        yield item


def test_interrupted_run_leaves_only_complete_lines_in_the_part_file_then_resume_finishes(tmp_path):
    items = jsonl_items(10)
    out = tmp_path / "out.jsonl"
    first = run(interrupted_after(items, 6), out, workers=2)
    assert first.interrupted and not out.exists()
    part = lines(tmp_path / "out.jsonl.part")
    assert [r["id"] for r in part] == [f"p{i}" for i in range(len(part))]  # a prefix, every line complete
    second = run(items, out, workers=2, resume=True)
    assert not second.interrupted and second.skipped == len(part)
    assert [r["id"] for r in lines(out)] == [f"p{i}" for i in range(10)]  # each page exactly once, in order
    assert not (tmp_path / "out.jsonl.part").exists()


def test_resume_drops_a_line_cut_by_a_crash_and_redoes_that_page(tmp_path):
    out = tmp_path / "out.jsonl"
    part = tmp_path / "out.jsonl.part"
    whole = json.dumps({"id": "p0", "input": "mem:0", "title": "Story 0"})
    part.write_text(whole + "\n" + '{"id": "p1", "input": "mem:1", "tit', encoding="utf-8")
    summary = run(jsonl_items(3), out, workers=1, resume=True)
    assert summary.skipped == 1
    got = lines(out)
    assert [r["id"] for r in got] == ["p0", "p1", "p2"] and got[1]["title"] == "Story 1"


def test_resume_of_a_finished_output_adds_only_new_pages(tmp_path):
    out = tmp_path / "out.jsonl"
    run(jsonl_items(2), out, workers=1)
    again = run(jsonl_items(4), out, workers=1, resume=True)
    assert (again.skipped, again.written) == (2, 2)
    assert [r["id"] for r in lines(out)] == ["p0", "p1", "p2", "p3"]


def test_failure_items_from_readers_are_written_in_their_place(tmp_path):
    items = [jsonl_items(1)[0], Failure(id="bad", input="in.jsonl:2", error="ValueError: x"), jsonl_items(2)[1]]
    out = tmp_path / "out.jsonl"
    run(items, out, workers=1)
    assert [r["id"] for r in lines(out)] == ["p0", "bad", "p1"]


# -- parquet -----------------------------------------------------------------------------------------
def test_parquet_output_has_one_row_per_page_and_resumes(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": f"p{i}", "url": f"https://news.example/{i}", "html": page(i)}
                                              for i in range(3)] + [{"id": "bad"}])
    out = tmp_path / "out.parquet"
    assert main([str(src), "-o", str(out), "--format", "parquet", "--quiet", "--workers", "1"]) == 0
    table = pq.read_table(out).to_pylist()
    assert [r["id"] for r in table] == ["p0", "p1", "p2", f"{src}:4"]
    assert table[1]["title"] == "Story 1"
    assert table[1]["text"] == extract(page(1), "https://news.example/1").text
    assert table[3]["error"] == "ValueError: a record needs an 'html' string" and table[3]["text"] is None
    assert main([str(src), "-o", str(out), "--format", "parquet", "--quiet", "--resume"]) == 0
    assert [r["id"] for r in pq.read_table(out).to_pylist()] == ["p0", "p1", "p2", f"{src}:4"]


def test_parquet_blocks_carry_their_links_as_a_typed_nested_column(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    html = page(1).replace("<h1>Story 1</h1>", "<h1>Story 1</h1><p>Read <a href='/report'>the report</a> first, "
                           "then the rest of this long paragraph about the council and its budget.</p>")
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "p1", "url": "https://news.example/1", "html": html}])
    out = tmp_path / "out.parquet"
    assert main([str(src), "-o", str(out), "--format", "parquet", "--quiet", "--workers", "1"]) == 0
    table = pq.read_table(out)
    link_type = pa.list_(pa.struct([("start", pa.int32()), ("end", pa.int32()), ("href", pa.string())]))
    assert table.schema.field("blocks").type.value_type.field("links").type == link_type
    blocks = table.to_pylist()[0]["blocks"]
    assert blocks[0]["links"] == [{"start": 5, "end": 15, "href": "https://news.example/report"}]
    assert blocks[1]["links"] is None  # no links: null, like the other empty block fields
    assert blocks[0]["text"][5:15] == "the report"


# -- pieces ------------------------------------------------------------------------------------------
def test_extractor_spec_pickles_small_and_builds_once_per_process(tmp_path):
    rules = tmp_path / "r.toml"
    rules.write_text('[[rule]]\nid = "news.example"\nhosts = ["news.example"]\ncontent = ["article"]\n')
    spec = ExtractorSpec(rules=(str(rules),))
    assert len(pickle.dumps(spec)) < 300
    assert build_extractor(pickle.loads(pickle.dumps(spec))) is build_extractor(spec)
    assert build_extractor(ExtractorSpec()) is DEFAULT
    assert build_extractor(spec).extract(page(1), "https://news.example/1").rule_id == "news.example"


def test_progress_is_shown_only_to_a_person(monkeypatch):
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    monkeypatch.delenv("CI", raising=False)
    assert show_progress(quiet=False) is True
    assert show_progress(quiet=True) is False
    monkeypatch.setenv("CI", "true")
    assert show_progress(quiet=False) is False


def test_disabled_progress_counts_without_a_bar():
    p = Progress(False, None)
    p.advance(10, failed=True)
    p.advance(5, page=False)
    assert (p.pages, p.errors, p.bar) == (1, 1, None)


def test_records_reads_jsonl_lazily(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [{"html": page(i)} for i in range(3)])
    it = records([str(src)])
    first = next(it)
    assert isinstance(first, Record) and first.id == f"{src}:1"
    assert first.weight == len(src.read_bytes().splitlines(keepends=True)[0])


def test_ctrl_c_on_the_command_line_exits_130_with_complete_lines_then_resume_completes(tmp_path):
    import signal
    import subprocess
    import sys

    n = 300
    records = [{"id": f"p{i}", "html": page(i)} for i in range(n)]
    src = write_jsonl(tmp_path / "in.jsonl", records)
    out, part = tmp_path / "out.jsonl", tmp_path / "out.jsonl.part"
    cmd = [sys.executable, "-m", "newsclean", "batch", "-", "-o", str(out), "--workers", "1", "--quiet"]
    # The first run reads from a pipe we hold open, so it cannot finish before the signal, however fast
    # extraction is: it gets the first 100 pages, and Ctrl-C comes once some are written.
    # A process started in the background by a shell inherits SIGINT ignored, and so would the batch
    # (as it should, under nohup): the child gets the default disposition back, as in a terminal.
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=Path(__file__).parent.parent,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert proc.stdin is not None
    for r in records[:100]:
        proc.stdin.write(json.dumps(r) + "\n")
    proc.stdin.flush()
    deadline = time.monotonic() + 30
    while (not part.exists() or part.read_text().count("\n") < 5) and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    proc.stdin.close()
    err = proc.stderr.read() if proc.stderr else ""
    proc.wait(timeout=30)
    assert proc.returncode == 130 and "--resume" in err and not out.exists()
    done = lines(part)  # every line parses
    assert 0 < len(done) <= 100 and [r["id"] for r in done] == [f"p{i}" for i in range(len(done))]
    resume = [sys.executable, "-m", "newsclean", "batch", str(src), "-o", str(out), "--workers", "1", "--quiet",
              "--resume"]
    assert subprocess.run(resume, cwd=Path(__file__).parent.parent).returncode == 0
    assert [r["id"] for r in lines(out)] == [f"p{i}" for i in range(n)]
