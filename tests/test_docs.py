"""The docs are honest: every Python example runs, every TOML rule loads, every relative link resolves.

Each document's ```python blocks run in order in one namespace (a later example may use an earlier one's
names), in a fresh folder that holds a link to the repository's ``fixtures/``.  Two HTML comments on the
line just before a fence change what happens to the block:

- ``<!-- no-run -->``: the block is shown but not run (keep these rare);
- ``<!-- file: PATH -->``: the block is written to PATH in that folder when the run reaches it, so an
  example can load the rule file the text just showed.
"""

from __future__ import annotations

import re
import sys
import types
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsclean import RuleSet

ROOT = Path(__file__).resolve().parent.parent
DOCS = ("README.md", "docs/usage.md", "docs/pipeline.md", "docs/site-rules.md")
RULE_DOCS = ("README.md", "docs/site-rules.md")
# Linked files that are written at release time, after the docs (the lead writes the benchmark summary).
PENDING_LINKS = frozenset({"benchmarks/RESULTS.md"})
MAX_NO_RUN = 2  # per document: an example that cannot run is the exception

_FENCE = re.compile(r"^```(\w*)\s*$")
_MARK = re.compile(r"^<!--\s*(no-run|file:\s*(\S+))\s*-->$")
_LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


@dataclass(frozen=True)
class CodeBlock:
    """One fenced block: its language, its body, where it starts, and the marker line before it."""

    doc: str
    line: int
    lang: str
    body: str
    no_run: bool = False
    file: str | None = None


def code_blocks(doc: str) -> list[CodeBlock]:
    """The fenced blocks of a Markdown file, in order."""
    lines = (ROOT / doc).read_text(encoding="utf-8").splitlines()
    out: list[CodeBlock] = []
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        start, lang = i, m.group(1)
        i += 1
        body: list[str] = []
        while i < len(lines) and lines[i].rstrip() != "```":
            body.append(lines[i])
            i += 1
        if i == len(lines):
            raise AssertionError(f"{doc}:{start + 1}: unclosed code fence")
        mark = _MARK.match(lines[start - 1].strip()) if start else None
        out.append(CodeBlock(doc, start + 1, lang, "\n".join(body) + "\n",
                             no_run=bool(mark and mark.group(1) == "no-run"),
                             file=mark.group(2) if mark and mark.group(2) else None))
        i += 1
    return out


def test_code_blocks_are_found():
    """Guards the parser: a fence it failed to see would be an example nobody runs."""
    counts = {doc: sum(b.lang == "python" for b in code_blocks(doc)) for doc in DOCS}
    assert all(n >= 3 for n in counts.values()), counts
    assert sum(b.lang == "toml" for b in code_blocks("docs/site-rules.md")) >= 2


@pytest.mark.parametrize("doc", DOCS)
def test_python_examples_run(doc: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "fixtures").symlink_to(ROOT / "fixtures", target_is_directory=True)
    module = types.ModuleType(f"docs_{Path(doc).stem.replace('-', '_')}")  # dataclasses look their module up
    monkeypatch.setitem(sys.modules, module.__name__, module)
    namespace = module.__dict__
    for block in code_blocks(doc):
        if block.file:
            target = tmp_path / block.file
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block.body, encoding="utf-8")
        if block.lang != "python" or block.no_run:
            continue
        try:
            exec(compile(block.body, f"{doc}:{block.line}", "exec"), namespace)
        except Exception as exc:  # name the block: the traceback alone points at "<doc>:<line>" offsets
            raise AssertionError(f"the example at {doc}:{block.line} failed: {type(exc).__name__}: {exc}") from exc


@pytest.mark.parametrize("doc", DOCS)
def test_no_run_blocks_are_rare(doc: str):
    assert sum(b.no_run for b in code_blocks(doc)) <= MAX_NO_RUN


@pytest.mark.parametrize("doc", RULE_DOCS)
def test_toml_blocks_are_valid_rules(doc: str):
    blocks = [b for b in code_blocks(doc) if b.lang == "toml" and not b.no_run]
    assert blocks
    for block in blocks:
        rules = RuleSet.loads(block.body, source=f"{doc}:{block.line}")
        assert len(rules) >= 1, f"{doc}:{block.line} holds no [[rule]]"


@pytest.mark.parametrize("doc", DOCS + ("docs/index.md",))
def test_relative_links_resolve(doc: str):
    path = ROOT / doc
    if not path.is_file():
        pytest.fail(f"{doc} is missing")
    missing = []
    for target in _LINK.findall(path.read_text(encoding="utf-8")):
        if "://" in target or target.startswith("mailto:"):
            continue
        resolved = (path.parent / target).resolve()
        if resolved.relative_to(ROOT).as_posix() not in PENDING_LINKS and not resolved.exists():
            missing.append(target)
    assert missing == []
