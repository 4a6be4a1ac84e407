"""Shared helpers: the hand-written fixture pages, and running one step alone on a parsed page."""

from __future__ import annotations

import signal
from contextlib import contextmanager

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from newsclean import dom
from newsclean.article import StepTrace
from newsclean.cleaners import POST, PRE
from newsclean.context import Context
from newsclean.pipeline import Pipeline

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@dataclass(frozen=True)
class Fixture:
    """One page of ``fixtures/manifest.toml`` with its expected story text."""

    name: str
    path: Path
    url: str
    title: str
    source: str | None
    without: tuple[str, ...]

    @property
    def html(self) -> bytes:
        return self.path.read_bytes()

    @property
    def expected(self) -> str:
        """The ``.expected.txt`` beside the page, without its final newline."""
        return self.path.with_suffix(".expected.txt").read_text(encoding="utf-8").removesuffix("\n")


def load_fixtures() -> list[Fixture]:
    data = tomllib.loads((FIXTURES / "manifest.toml").read_text(encoding="utf-8"))
    return [Fixture(Path(f["file"]).stem, FIXTURES / f["file"], f["url"], f["title"], f.get("source"),
                    tuple(f.get("without", ()))) for f in data["fixture"]]


@dataclass
class StepRun:
    """A page after one step ran on it: the tree (kept alive), its body, the context and the step's trace."""

    tree: object
    root: object
    ctx: Context
    trace: StepTrace

    @property
    def text(self) -> str:
        return dom.text_of(self.root)

    def has(self, selector: str) -> bool:
        return self.root.css_first(selector) is not None


def run_step(name: str, html: str, *, url: str | None = None, title: str | None = None,
             step=None, comments: bool = False, page_types: frozenset[str] = frozenset()) -> StepRun:
    """Run one default step (or ``step``) alone on ``<body>``, the way the extractor sets the context up."""
    tree = dom.parse(html)
    root = tree.body
    ctx = Context.new(url, record=True, comments=comments)
    ctx.title = title
    ctx.page_types = page_types
    ctx.protected.update(n.mem_id for n in (tree.root, tree.body, tree.head) if n is not None)
    ctx.total_chars = len(root.text(deep=True).strip())
    if step is None:
        source = PRE if name in PRE else POST
        pipeline = source.only(name)
    else:
        pipeline = Pipeline((step,))
    pipeline(root, ctx)
    (trace,) = [t for t in ctx.trace if t.name == name]
    return StepRun(tree, root, ctx, trace)


@pytest.fixture(scope="session")
def fixtures() -> list[Fixture]:
    return load_fixtures()


# -- a CPU-time limit for cases that must not hang ---------------------------------------------
class Hang(Exception):
    pass


@contextmanager
def bounded(seconds: float = 20):
    """Fail with Hang when the block uses more than ``seconds`` of CPU.

    CPU time (ITIMER_PROF), not wall time, so that a loaded CI machine does
    not fail a slow-but-finite case; a hang spins the CPU and is caught.  The
    signal is handled between Python bytecodes: a hang inside C code is not
    interrupted (pytest-timeout would be the outer net for that).
    """

    def on_alarm(signum, frame):
        raise Hang(f"took more than {seconds}s")

    previous = signal.signal(signal.SIGPROF, on_alarm)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
