"""Fuzz ``newsclean.extract()``: any input gives an Article or a NewscleanError, quickly, the same way twice.

Run (from the repository root)::

    pip install atheris                                   # optional: coverage-guided fuzzing
    python benchmarks/fuzz.py --seconds 900               # atheris when installed, else hypothesis
    python benchmarks/fuzz.py --engine hypothesis --examples 200000
    python benchmarks/fuzz.py --seconds 900 --corpus /tmp/nc-corpus -- -max_len=32768   # extra libFuzzer flags

The oracle (:func:`check`) fails on: an exception that is not a
``NewscleanError``; script or style content in ``text`` (a marker word is
planted in a ``<script>`` and a ``<style>`` around the fuzzed bytes); lone
surrogates in any text field; a different Article on a second run of the same
input.  A single input slower than ``--timeout`` seconds is a finding too.
atheris writes each finding to ``<artifacts>/crash-<sha1>`` (or ``timeout-``);
replay one with ``python benchmarks/fuzz.py --replay FILE``.  Keep each
finding as a regression test in tests/test_reliability.py.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

MARKER = "zqxjscriptmarker"
STYLE_MARKER = "zqxjstylemarker"
ENCODINGS = (None, "utf-8", "windows-1251", "shift_jis", "gb18030", "iso-8859-1", "utf-16", "bogus-label")
# Seeds for atheris: each exercises a different branch of decoding or parsing.
SEEDS = (
    b"<html><head><title>t</title></head><body><article><p>" + b"Some words of text here. " * 8 + b"</p></article>",
    "<meta charset=windows-1251><p>Это русский текст статьи, в нём много слов.</p>".encode("cp1251"),
    "<p>日本語の記事本文です。東京都では今日、新しい図書館が開館しました。</p>".encode("shift_jis"),
    "<p>这是一篇中文新闻文章。北京市今天开放了一座新的图书馆。</p>".encode("gb18030"),
    "\ufeff<p>UTF-16 page with a byte order mark and enough words.</p>".encode("utf-16-le"),
    b"<frameset><frame src=a><noframes><p>no frames</p></noframes></frameset>",
    b"<div><div><div><table><tr><td><ul><li><p>deep</p></li></ul></td></tr></table></div></div></div>",
    b"<!-- c --><![CDATA[x]]><svg><![CDATA[y]]></svg><noscript><p>ns</p></noscript><!--> <p>a</p>",
    b'{"json": [1, 2, {"html": "<p>x</p>"}]}',
    b"%PDF-1.4\n",
)


def _wrap(payload: bytes, mode: int) -> bytes | str:
    """The input for one run: raw bytes, text with lone surrogates, or a page template around the bytes."""
    if mode == 0:
        return payload
    if mode == 1:
        return payload.decode("utf-8", "surrogateescape")  # lone surrogates reach the parser
    head = b"<html><head><style>p { color: red } .%s { }</style></head><body>" % STYLE_MARKER.encode()
    script = b"<script>var %s = '</p><p>';</script>" % MARKER.encode()
    return head + script + payload + script + b"</body></html>"


def check(payload: bytes, mode: int = 0, encoding: str | None = None) -> None:
    """Run one input and assert the guarantees; raise AssertionError (or the unexpected error) otherwise."""
    import newsclean

    html = _wrap(payload, mode)
    try:
        first = newsclean.extract(html, encoding=encoding)
    except newsclean.NewscleanError:
        return
    assert isinstance(first, newsclean.Article), type(first)
    fields = [first.text, first.title or "", first.description or "", *(b.text for b in first.blocks),
              *first.authors]
    for value in fields:
        value.encode("utf-8")  # UnicodeEncodeError here means an unpaired surrogate
    if mode == 2:
        for marker in _markers_only_in_scripts(html, encoding):
            assert marker not in first.text, f"script or style content in text: {marker}"
    again = newsclean.extract(html, encoding=encoding)
    assert again == first, "two runs of one input differ"


def _markers_only_in_scripts(html: bytes | str, encoding: str | None) -> list[str]:
    """The planted markers that the parsed page holds inside <script>/<style> elements only.

    The fuzzed bytes may legitimately turn the planted script into text (an
    open ``<textarea>``, a stray ``</`` that eats the ``<script>`` tag as a
    bogus comment); only a marker that the parser put in a script or style
    element and nowhere else must stay out of the text.
    """
    from newsclean import dom
    from newsclean.encoding import decode

    text = html if isinstance(html, str) else decode(html, encoding)[0]
    tree = dom.parse(text)
    inside = " ".join(n.text() for n in tree.css("script, style"))
    for node in tree.css("script, style"):
        node.decompose()
    rest = tree.html or ""
    return [m for m in (MARKER, STYLE_MARKER) if m in inside and m not in rest]


def _split(data: bytes) -> tuple[bytes, int, str | None]:
    """Input bytes to (payload, mode, encoding): the first byte picks the mode and the HTTP charset."""
    if not data:
        return b"", 0, None
    head = data[0]
    return data[1:], head % 3, ENCODINGS[(head // 3) % len(ENCODINGS)]


def one_input(data: bytes) -> None:
    payload, mode, encoding = _split(data)
    check(payload, mode, encoding)


def run_atheris(seconds: int, timeout: int, artifacts: Path, corpus: Path | None, extra: list[str]) -> None:
    import atheris

    with atheris.instrument_imports():
        import newsclean  # noqa: F401  (instrumented for coverage feedback)
    args = [sys.argv[0], f"-max_total_time={seconds}", f"-timeout={timeout}", f"-artifact_prefix={artifacts}/",
            "-max_len=16384", "-print_final_stats=1", *extra]
    if corpus is not None:
        corpus.mkdir(parents=True, exist_ok=True)
        for i, seed in enumerate(SEEDS):
            for mode in range(3):
                (corpus / f"seed-{i}-{mode}").write_bytes(bytes([mode]) + seed)
        args.append(str(corpus))
    atheris.Setup(args, one_input)
    atheris.Fuzz()


def run_hypothesis(examples: int, seconds: int, timeout: int) -> None:
    from hypothesis import HealthCheck, given, settings, strategies as st

    deadline = time.monotonic() + seconds

    @settings(max_examples=examples, deadline=timeout * 1000, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.one_of(st.binary(max_size=4096), st.sampled_from(SEEDS).flatmap(
        lambda s: st.binary(max_size=64).map(lambda b: s[:len(s) // 2] + b + s[len(s) // 2:]))),
        st.integers(0, 2), st.sampled_from(ENCODINGS))
    def fuzz(payload: bytes, mode: int, encoding: str | None) -> None:
        if time.monotonic() > deadline:
            return
        check(payload, mode, encoding)

    fuzz()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    argv = argv[:argv.index("--")] if "--" in argv else argv
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--engine", choices=("auto", "atheris", "hypothesis"), default="auto")
    ap.add_argument("--seconds", type=int, default=600, help="total fuzzing time")
    ap.add_argument("--examples", type=int, default=1_000_000, help="hypothesis: examples at most")
    ap.add_argument("--timeout", type=int, default=20, help="seconds one input may take")
    ap.add_argument("--artifacts", type=Path, default=Path("/tmp/newsclean-fuzz"))
    ap.add_argument("--corpus", type=Path, default=None, help="atheris: corpus folder (seeded on first use)")
    ap.add_argument("--replay", type=Path, nargs="*", help="run these saved inputs through the oracle and stop")
    args = ap.parse_args(argv)
    if args.replay:
        for path in args.replay:
            start = time.perf_counter()
            one_input(path.read_bytes())
            print(f"{path}: ok in {time.perf_counter() - start:.2f}s")
        return 0
    args.artifacts.mkdir(parents=True, exist_ok=True)
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401
            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    if engine == "atheris":
        run_atheris(args.seconds, args.timeout, args.artifacts, args.corpus, extra)
    else:
        run_hypothesis(args.examples, args.seconds, args.timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
