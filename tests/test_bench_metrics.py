"""The benchmark's metrics on tiny hand-computed cases, and quality.py's aggregation, cache and failure handling."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest

from benchmarks import quality
from benchmarks.corpus import Page, reference
from benchmarks.metrics import SnippetScore, mean, norm, snippet_counts, snippet_total, word_prf, words
from benchmarks.peers import Extractor


# --- word P/R/F1 ------------------------------------------------------------------------------------------------

def test_words_lowercases_and_counts_repeats():
    assert words("The cat, the CAT sat.") == Counter({"the": 2, "cat": 2, "sat": 1})


def test_words_are_unicode_word_runs():
    assert words("Größe: über-all 3,5") == Counter({"größe": 1, "über": 1, "all": 1, "3": 1, "5": 1})


def test_word_prf_uses_multiset_overlap():
    # pred a,a,b (3 tokens); ref a,b,b,c,d (5); overlap = min(2,1) + min(1,2) = 2
    p, r, f = word_prf("a a b", "a b b c d")
    assert (p, r) == pytest.approx((2 / 3, 2 / 5))
    assert f == pytest.approx(0.5)  # 2 * (2/3) * (2/5) / (2/3 + 2/5)


def test_word_prf_repeated_word_counts_once_per_reference_occurrence():
    assert word_prf("spam spam spam spam", "spam") == pytest.approx((0.25, 1.0, 0.4))


def test_word_prf_ignores_case_and_punctuation():
    assert word_prf("Hello, WORLD!", "hello world") == (1.0, 1.0, 1.0)


def test_empty_prediction_scores_zero():
    assert word_prf("", "some reference text") == (0.0, 0.0, 0.0)
    assert word_prf(" ... ", "some reference text") == (0.0, 0.0, 0.0)  # no token is as empty as no text


def test_disjoint_prediction_scores_zero():
    assert word_prf("other words", "reference text") == (0.0, 0.0, 0.0)


def test_empty_reference():
    assert word_prf("", "") == (1.0, 1.0, 1.0)
    assert word_prf("anything", "") == (0.0, 1.0, 0.0)


def test_a_main_content_without_words_is_no_reference():
    assert reference("Some text.") == "Some text."
    assert reference("") is None
    assert reference(" \n — | ") is None
    assert reference(None) is None


def test_mean():
    assert mean([0.5, 1.0, 0.0]) == pytest.approx(0.5)
    assert mean([]) == 0.0


# --- snippets ---------------------------------------------------------------------------------------------------

def test_norm_collapses_whitespace_and_lowercases():
    assert norm("  The\tQuick \n\n Brown  ") == "the quick brown"


def test_snippet_counts_normalise_whitespace_and_case_on_both_sides():
    pred = "The  Quick\nbrown fox jumps"
    tp, fn, fp, tn = snippet_counts(pred, with_=["  quick\t BROWN ", "lazy dog"], without=["THE QUICK", "cat"])
    assert (tp, fn, fp, tn) == (1, 1, 1, 1)


def test_snippet_counts_on_empty_prediction():
    assert snippet_counts("", ["a b", "c"], ["d"]) == (0, 2, 0, 1)


def test_snippet_counts_match_across_a_line_break():
    assert snippet_counts("first part\nsecond part", ["part second"], []) == (1, 0, 0, 0)


def test_snippet_total_sums_then_scores():
    s = snippet_total([(3, 1, 1, 5), (1, 1, 0, 2)])
    assert (s.tp, s.fn, s.fp, s.tn) == (4, 2, 1, 7)
    assert s.precision == pytest.approx(4 / 5)
    assert s.recall == pytest.approx(4 / 6)
    assert s.f1 == pytest.approx(8 / 11)  # 2 * 0.8 * (2/3) / (0.8 + 2/3)
    assert s.accuracy == pytest.approx(11 / 14)


def test_snippet_score_without_counts_is_zero_not_an_error():
    s = SnippetScore(0, 0, 0, 0)
    assert (s.precision, s.recall, s.f1, s.accuracy) == (0.0, 0.0, 0.0, 0.0)


# --- quality.py: aggregation --------------------------------------------------------------------------------------

def _row(extractor, corpus, id_, **kw):
    return {"extractor": extractor, "corpus": corpus, "id": id_, "page_type": kw.pop("page_type", None), **kw}


def test_summarize_means_word_scores_sums_snippets_and_splits_page_types():
    rows = [
        _row("x", "c", "1", page_type="article", p=1.0, r=0.5, f1=2 / 3, snip=[1, 0, 0, 1]),
        _row("x", "c", "2", page_type="forum", p=0.5, r=0.5, f1=0.5, snip=[0, 1, 1, 0], error="E: boom"),
        _row("x", "c", "3", page_type="article", p=0.0, r=0.0, f1=0.0),
        _row("x", "s", "4", snip=[2, 0, 1, 1]),
    ]
    out = quality.summarize(rows)["x"]
    c = out["c"]
    assert (c["pages"], c["errors"], c["word_pages"], c["snip_pages"]) == (3, 1, 3, 2)
    assert (c["word_p"], c["word_r"]) == pytest.approx((0.5, 1 / 3))
    assert c["word_f1"] == pytest.approx((2 / 3 + 0.5) / 3)
    assert (c["snip_p"], c["snip_r"], c["snip_acc"]) == pytest.approx((0.5, 0.5, 0.5))
    assert out["c/article"] == pytest.approx({"word_f1": 1 / 3, "pages": 2})
    assert out["c/forum"] == pytest.approx({"word_f1": 0.5, "pages": 1})
    assert "word_f1" not in out["s"] and out["s"]["snip_f1"] == pytest.approx(0.8)  # P 2/3, R 1


def test_table_bolds_the_best_of_each_column_and_ties():
    lines = quality.table(["newsclean", "peer"], ["P", "R"], [[0.5, 0.9], [0.7, 0.9]], {"errors": ["0", "3"]})
    assert lines[0] == "| extractor | P | R | errors |"
    assert lines[2] == "| **newsclean** | 0.500 | **0.900** | 0 |"
    assert lines[3] == "| peer | **0.700** | **0.900** | 3 |"


def test_compare_lists_moved_pages_per_extractor():
    old = [_row("a", "c", "1", f1=0.5), _row("a", "c", "2", f1=0.5), {"corpus": "c", "id": "1", "f1": 0.2}]
    new = [_row("a", "c", "1", f1=0.75), _row("a", "c", "2", f1=0.5), _row("newsclean", "c", "1", f1=0.1)]
    assert list(quality.compare(old, new, show=5)) == [
        "a: 1 pages better, 0 worse", "  better +0.250 c/1 (None)",
        "newsclean: 0 pages better, 1 worse", "  worse  -0.100 c/1 (None)"]


def test_page_score_falls_back_to_snippet_accuracy():
    assert quality.page_score({"snip": [1, 1, 0, 2]}) == 0.75


# --- quality.py: cache and failures -------------------------------------------------------------------------------

def _page(id_="p/1"):
    return Page("corp", id_, "https://example.com/a", None, "some words here", (), (), {}, Path("unused"))


@pytest.fixture
def fake_extractors(monkeypatch):
    calls = []

    def echo(data, url):
        calls.append(data)
        return data.decode()

    def boom(data, url):
        raise ValueError("bad page")

    def slow(data, url):
        time.sleep(5)
        return "late"

    table = {"echo": Extractor("echo", echo, lambda: "1.0"), "boom": Extractor("boom", boom, lambda: "2"),
             "slow": Extractor("slow", slow, lambda: "1"), "live": Extractor("live", echo, lambda: "0", cached=False)}
    monkeypatch.setattr(quality, "EXTRACTORS", table)
    return calls


def _job(tmp_path, names):
    return quality.Job(_page(), tuple(names), {n: quality.EXTRACTORS[n].version() for n in names}, tmp_path, 0.2)


def test_peer_output_is_cached_by_name_version_corpus_and_page(tmp_path, fake_extractors):
    job = _job(tmp_path, ["echo"])
    assert quality.extract(job, "echo", b"some words") == ("some words", None, False)
    assert quality.extract(job, "echo", b"some words") == ("some words", None, True)
    assert fake_extractors == [b"some words"]
    assert (tmp_path / "echo-1.0" / "corp" / "p_1.json").exists()


def test_uncached_extractor_always_runs(tmp_path, fake_extractors):
    job = _job(tmp_path, ["live"])
    quality.extract(job, "live", b"x")
    assert quality.extract(job, "live", b"x") == ("x", None, False)
    assert len(fake_extractors) == 2 and not any(tmp_path.iterdir())


def test_a_raising_peer_scores_the_page_as_empty_and_records_the_error(tmp_path, fake_extractors):
    [row] = _score(tmp_path, ["boom"])
    assert row["error"] == "ValueError: bad page"
    assert (row["chars"], row["p"], row["r"], row["f1"]) == (0, 0.0, 0.0, 0.0)


def test_a_peer_over_the_timeout_is_stopped(tmp_path, fake_extractors):
    started = time.perf_counter()
    assert quality.run_extractor("slow", b"", None, 0.2) == ("", "timeout after 0.2s")
    assert time.perf_counter() - started < 2


def _score(tmp_path, names):
    """score_page reads the page's bytes from disk; give it a gzipped file."""
    import gzip

    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(b"<p>x</p>"))
    page = Page("corp", "p1", None, None, "some words here", (), (), {}, path)
    return quality.score_page(quality.Job(page, tuple(names), {n: "0" for n in names}, tmp_path / "cache", 1.0))


# --- speed.py's scaling verdict -----------------------------------------------------------------------------------

def test_scaling_verdict_is_judged_at_20_mb_and_says_when_the_run_stopped_short():
    from benchmarks.speed import MB, Point, _verdict

    def at(size: int, seconds: float) -> Point:
        return Point("table", "newsclean", size, seconds, 1, 100)

    assert _verdict(1.0, at(20 * MB - 5000, 1.5)) == "pass"  # builders land a little under the nominal size
    assert _verdict(1.0, at(20 * MB, 2.5)) == "FAIL (2.5 s at 20 MB)"
    assert _verdict(1.2, at(20 * MB, 1.0)).startswith("FAIL")  # over the linear limit
    # a run capped at 10 MB (--max-size) must not read as a pass at 20 MB
    assert _verdict(1.0, at(10 * MB, 1.4)) == "pass (judged at 10 MB, not 20 MB)"
    assert _verdict(1.0, None).startswith("FAIL (largest size not reached")


# --- speed.py's builds: another newsclean in a worker, and the ratios shown --------------------------------------

def test_a_build_worker_reports_its_build_and_extracts_like_this_process():
    import newsclean
    from benchmarks.speed import ROOT, BuildWorker, build_of

    html = (ROOT / "fixtures" / "seed" / "crypto-news-xi-visit.html").read_bytes()
    worker = BuildWorker(str(ROOT))
    try:
        assert worker.build == build_of() == "pure"  # CI installs the pure build
        seconds, ok, text = worker.timed(html, None)
        assert ok and seconds > 0
        assert text == newsclean.extract(html).text
        assert worker.timed(b'{"not": "html"}', None)[1] is False  # NotHTMLError: reported, not raised
    finally:
        worker.proc.stdin.close()
        worker.proc.wait(timeout=10)


def test_ratio_columns_pair_each_newsclean_with_each_trafilatura_mode_and_compiled_with_pure():
    from benchmarks.speed import _ratio_pairs

    assert _ratio_pairs(["newsclean", "trafilatura", "trafilatura-fast", "resiliparse"]) == [
        ("newsclean", "trafilatura"), ("newsclean", "trafilatura-fast")]
    assert _ratio_pairs(["newsclean[pure]", "newsclean[compiled]", "trafilatura"]) == [
        ("newsclean[pure]", "trafilatura"), ("newsclean[compiled]", "trafilatura"),
        ("newsclean[compiled]", "newsclean[pure]")]
