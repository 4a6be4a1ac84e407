"""``extract()`` touches neither the network nor the file system, and loads no module.

After one warm-up pass (so that lazy imports, such as the charset detector's,
have happened), the file and socket entry points are replaced by functions
that raise, and an audit hook (PEP 578) records every file open, socket
call, new import, process spawn or ``exec`` that happens anyway, including
the ones that bypass those names (``io.open_code``, C-level opens).
"""

from __future__ import annotations

import builtins
import io
import os
import pathlib
import socket
import sys
from contextlib import contextmanager
from dataclasses import replace

import pytest

import newsclean
from newsclean import RuleSet, extract

_FORBIDDEN_EVENTS = ("open", "socket.", "import", "exec", "compile", "subprocess.", "os.system", "os.exec",
                     "os.posix_spawn", "os.spawn", "os.fork", "os.listdir", "os.scandir", "os.remove",
                     "os.rename", "os.mkdir", "os.chdir", "shutil.", "glob.", "urllib.", "http.", "ftplib.",
                     "smtplib.", "ctypes.", "webbrowser.", "sqlite3.")


class _Recorder:
    """Audit events of interest, while ``active``.  The hook cannot be removed, so it is installed once."""

    def __init__(self) -> None:
        self.active = False
        self.events: list[tuple[str, str]] = []

    def __call__(self, event: str, args: tuple) -> None:
        if self.active and event.startswith(_FORBIDDEN_EVENTS):
            self.events.append((event, repr(args)[:200]))


RECORDER = _Recorder()
sys.addaudithook(RECORDER)

RU = "Это русский текст статьи. Сегодня в Москве открылась новая библиотека, и многие жители пришли туда. "
JA = "日本語の記事本文です。東京都では今日、新しい図書館が開館しました。多くの市民が訪れ、本を借りていきました。"
STORY = "The council passed the budget on Tuesday after a long debate about schools and roads. "
RULES = RuleSet.loads('[[rule]]\nid = "example"\nhosts = ["example.com"]\nremove = [".promo"]\n'
                      'disable = ["share-bars"]\n', source="inline")


def _page(body: str, head: str = "") -> str:
    return (f"<html><head>{head}<title>A title | Site</title><meta name='author' content='A. Writer'>"
            "<meta property='article:published_time' content='2024-05-01T10:00:00Z'></head><body>"
            "<nav><a href='/'>Home</a><a href='/news'>News</a></nav>"
            f"<article><h1>A title</h1><p>{body}</p><p>{body}</p><div class='promo'>Buy now</div>"
            "<div class='share'>Share on Facebook</div></article>"
            "<section class='comments'><h2>Leave a Reply</h2><p>Nice post</p></section>"
            "<script>track()</script><footer>Copyright</footer></body></html>")


CASES = {
    "utf-8 str": (_page(STORY * 3), {}),
    "utf-8 bytes with rules and trace": (_page(STORY * 3).encode(), {"url": "https://example.com/a", "rules": RULES,
                                                                     "trace": True, "comments": True}),
    "windows-1251 undeclared (detector)": (_page(RU * 2).encode("cp1251"), {}),
    "shift_jis undeclared (detector)": (_page(JA * 2).encode("shift_jis"), {}),
    "windows-1251 declared wrongly (mess check)": (_page(RU * 2, '<meta charset="iso-8859-1">').encode("cp1251"),
                                                   {}),
    "utf-16 without BOM": (_page(JA).encode("utf-16-le"), {"encoding": "utf-16"}),
    "markdown output": (_page(STORY * 3), {"url": "example.com/b"}),
}


def _raise(*args, **kwargs):
    raise AssertionError(f"I/O attempted during extraction: {args!r:.200}")


@pytest.fixture(scope="module")
def warmed():
    """Each case extracted once with I/O allowed: the reference results, and lazy imports done."""
    out = {name: extract(html, **kw) for name, (html, kw) in CASES.items()}
    for article in out.values():
        article.to_markdown(), article.to_json()  # output helpers import lazily too
    return out


@contextmanager
def forbidden_io():
    """File and socket entry points raise, and the audit hook records; all restored on exit.

    A context manager rather than a fixture: pytest itself opens files to
    format a failure, so the patches must be gone before any assertion runs.
    """
    patches = [(socket, "socket"), (socket, "create_connection"), (socket, "getaddrinfo"), (builtins, "open"),
               (io, "open"), (io, "open_code"), (os, "open")]
    patches += [(pathlib.Path, name) for name in ("open", "read_text", "read_bytes", "glob", "iterdir")]
    saved = [(target, name, getattr(target, name)) for target, name in patches]
    RECORDER.events.clear()
    try:
        for target, name in patches:
            setattr(target, name, _raise)
        RECORDER.active = True
        yield RECORDER.events
    finally:
        RECORDER.active = False
        for target, name, value in saved:
            setattr(target, name, value)


@pytest.mark.parametrize("name", list(CASES))
def test_extract_does_no_io(name, warmed):
    html, kw = CASES[name]
    with forbidden_io() as events:
        article = extract(html, **kw)
        article.to_markdown(), article.to_json()
    assert events == []
    assert replace(article, trace=()) == replace(warmed[name], trace=())  # the trace holds timings
    assert article.found


def test_the_guard_itself_catches_io():
    """The patched names raise, and the audit hook sees what goes around them."""
    import _io

    outcomes = []
    with forbidden_io() as events:
        for attempt in (lambda: open(__file__), lambda: socket.create_connection(("127.0.0.1", 9)),
                        lambda: pathlib.Path(__file__).read_text()):
            try:
                attempt()
                outcomes.append("passed")
            except AssertionError:
                outcomes.append("raised")
        _io.FileIO(__file__).close()  # goes around every patched name ...
    assert outcomes == ["raised", "raised", "raised"]
    assert [e for e, _ in events] == ["open"]  # ... and the audit hook records it


def test_decoded_cases_need_the_detector(warmed):
    """The undeclared legacy pages really go through charset-normalizer (else the test above proves less)."""
    from newsclean.encoding import declared_encoding, decode

    for name in ("windows-1251 undeclared (detector)", "shift_jis undeclared (detector)"):
        data = CASES[name][0]
        assert declared_encoding(data) is None
        assert data.decode("utf-8", "replace") != decode(data)[0]
    assert "Москве" in warmed["windows-1251 undeclared (detector)"].text
    assert "図書館" in warmed["shift_jis undeclared (detector)"].text


def test_import_and_extract_do_not_read_entry_points(tmp_path):
    """Plugins load only when the user calls RuleSet.from_entry_points()."""
    import subprocess

    code = (
        "import importlib.metadata as md\n"
        "calls = []\n"
        "real = md.entry_points\n"
        "def spy(*a, **k):\n"
        "    calls.append((a, k))\n"
        "    return real(*a, **k)\n"
        "md.entry_points = spy\n"
        "import newsclean\n"
        "newsclean.extract('<p>' + 'A sentence of the article text. ' * 5 + '</p>', url='https://example.com/')\n"
        "newsclean.Extractor().extract(b'<p>' + 'Это русский текст статьи. '.encode('cp1251') * 5 + b'</p>')\n"
        "assert calls == [], calls\n"
        "newsclean.RuleSet.from_entry_points()\n"
        "assert len(calls) == 1 and calls[0][1] == {'group': 'newsclean.rules'}, calls\n"
        "print('ok')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(pathlib.Path(newsclean.__file__).parent.parent)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
