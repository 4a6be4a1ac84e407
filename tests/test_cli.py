"""The ``newsclean`` command, run in-process through ``newsclean.cli.main``."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from newsclean.cli import main

from conftest import load_fixtures

SEED = next(f for f in load_fixtures() if f.name == "crypto-news-xi-visit")
TITLE = "Xi Jinping will visit Russia next week"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_file_prints_only_the_story(capsys):
    code, out, err = run(capsys, str(SEED.path), "--url", SEED.url)
    assert code == 0 and err == ""
    assert out == f"{TITLE}\n\n{SEED.expected}\n"


def test_without_url_still_prints_the_story(capsys):
    code, out, _ = run(capsys, str(SEED.path))
    assert code == 0
    assert out == f"{TITLE}\n\n{SEED.expected}\n"


def test_dash_reads_stdin(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED.html), encoding="utf-8"))
    code, out, _ = run(capsys, "-", "--url", SEED.url)
    assert code == 0
    assert out == f"{TITLE}\n\n{SEED.expected}\n"


def test_format_json(capsys):
    code, out, _ = run(capsys, str(SEED.path), "--url", SEED.url, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["title"] == TITLE
    assert data["text"] == SEED.expected
    assert data["source"] == "Crypto News Deutsch"
    assert data["url"] == SEED.url
    assert "trace" not in data


def test_format_json_with_trace(capsys):
    code, out, _ = run(capsys, str(SEED.path), "--format", "json", "--trace")
    assert code == 0
    names = [t["name"] for t in json.loads(out)["trace"]]
    assert "comments" in names and "select-content" in names


def test_format_markdown(capsys):
    code, out, _ = run(capsys, str(SEED.path), "--format", "markdown")
    assert code == 0
    assert out.startswith(f"# {TITLE}\n\nChinese President Xi Jinping")
    assert "\n\n## China the Peacemaker?\n\n" in out
    assert "Related Articles" not in out and "Leave a Reply" not in out


def test_format_text_is_the_default(capsys):
    assert run(capsys, str(SEED.path), "--format", "text")[1] == run(capsys, str(SEED.path))[1]


def test_unknown_format_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        main([str(SEED.path), "--format", "yaml"])
    assert info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


PAGE = """<html><head><title>Night buses</title></head><body>
<div class="lead"><p>{long}</p><p>{long}</p></div>
<div class="story"><p>The part a site rule points at, and nothing else on the page.</p></div></body></html>"""
LONG = ("The regional council voted on Tuesday to extend the night bus network to the three outer districts, "
        "after a two-year trial showed that most riders were shift workers without a car.")


def test_rules_file_is_applied(capsys, tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_text(PAGE.format(long=LONG), encoding="utf-8")
    rules = tmp_path / "rules.toml"
    rules.write_text('[[rule]]\nid = "buses"\nhosts = ["buses.example"]\ncontent = ["div.story"]\n', encoding="utf-8")
    code, out, _ = run(capsys, str(page), "--url", "https://www.buses.example/night", "--rules", str(rules))
    assert code == 0
    assert out == "Night buses\n\nThe part a site rule points at, and nothing else on the page.\n"
    code, out, _ = run(capsys, str(page), "--url", "https://www.buses.example/night")
    assert LONG in out


def test_invalid_rules_file_exits_2_naming_it(capsys, tmp_path: Path):
    rules = tmp_path / "bad.toml"
    rules.write_text('[[rule]]\nid = "bad"\nhosts = ["x.org"]\ncontent = ["div["]\n', encoding="utf-8")
    code, out, err = run(capsys, str(SEED.path), "--rules", str(rules))
    assert code == 2 and out == ""
    assert str(rules) in err and "'content'" in err


def test_missing_file_exits_2_with_a_message(capsys, tmp_path: Path):
    missing = tmp_path / "nope.html"
    code, out, err = run(capsys, str(missing))
    assert code == 2
    assert out == ""
    assert str(missing) in err and err.startswith("newsclean:")


def test_page_without_article_exits_1(capsys, tmp_path: Path):
    empty = tmp_path / "empty.html"
    empty.write_text("<html><head><title>Nothing</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
                     encoding="utf-8")
    code, out, _ = run(capsys, str(empty))
    assert code == 1
    assert "Home" not in out


def test_not_html_exits_2(capsys, tmp_path: Path):
    pdf = tmp_path / "doc.html"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    code, out, err = run(capsys, str(pdf))
    assert code == 2 and out == ""
    assert err.startswith("newsclean:")
