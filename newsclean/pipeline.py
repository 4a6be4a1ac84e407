"""Named, ordered, pluggable steps.

A step ("cleaner") is any object with a ``name``, a ``stage`` and a call
``step(root, ctx)`` that mutates the tree in place.  A :class:`Pipeline` is an
immutable tuple of steps plus a set of disabled names; every edit returns a
new pipeline, and every edit addresses steps by name.  Unknown names,
duplicates, two positions at once and stage mismatches raise at once:
nothing is ever appended silently.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Literal, Protocol, runtime_checkable

from . import dom
from .errors import PipelineError

if TYPE_CHECKING:
    from .context import Context
    from .dom import LexborNode

Stage = Literal["document", "content", "any"]
STAGES: tuple[str, ...] = ("document", "content", "any")


@runtime_checkable
class Step(Protocol):
    """The extension point: a named callable that cleans a tree in place.

    ``stage`` says where it may run: ``"document"`` (the whole page, before
    the content is chosen), ``"content"`` (the chosen content only) or
    ``"any"``.  Record removals with :func:`newsclean.dom.remove` so they
    show in the trace.
    """

    name: str
    stage: Stage

    def __call__(self, root: LexborNode, ctx: Context) -> None: ...


@dataclass(frozen=True, slots=True)
class FunctionStep:
    """A plain function wrapped as a step by :func:`cleaner`."""

    name: str
    fn: Callable[[LexborNode, Context], None]
    stage: Stage = "any"
    doc: str = ""

    def __call__(self, root: LexborNode, ctx: Context) -> None:
        self.fn(root, ctx)

    def __reduce__(self) -> tuple:
        """Pickle a module-level step by reference (``@cleaner`` rebinds the function's name to the step)."""
        module, qualname = self.fn.__module__, self.fn.__qualname__
        try:
            same = _by_name(module, qualname) is self
        except (ImportError, AttributeError):
            same = False
        return (_by_name, (module, qualname)) if same else (FunctionStep, (self.name, self.fn, self.stage, self.doc))


def _by_name(module: str, qualname: str) -> object:
    import importlib

    obj: object = importlib.import_module(module)
    for part in qualname.split("."):
        obj = getattr(obj, part)
    return obj


def cleaner(name: str, *, stage: Stage = "any") -> Callable[[Callable[[LexborNode, Context], None]], FunctionStep]:
    """Decorator: turn ``fn(root, ctx)`` into a named step.

    >>> @cleaner("drop-figures", stage="content")
    ... def drop_figures(root, ctx):
    ...     dom.remove(dom.select(root, "figure"), ctx)
    """
    _check_name(name)
    if stage not in STAGES:
        raise ValueError(f"stage must be one of {STAGES}, got {stage!r}")

    def wrap(fn: Callable[[LexborNode, Context], None]) -> FunctionStep:
        return FunctionStep(name, fn, stage, (fn.__doc__ or "").strip())

    return wrap


_PLAIN_TAG = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


@dataclass(frozen=True, slots=True)
class SelectorCleaner:
    """Remove whatever one comma-joined CSS selector list matches.

    Plain tag names in the list are matched by one walk of the tree (see
    :func:`newsclean.dom.by_tag`); only the other selectors go to Lexbor.
    """

    name: str
    selectors: tuple[str, ...]
    stage: Stage = "any"
    max_share: float | None = None
    _tags: frozenset[str] = field(init=False, repr=False, compare=False, default=frozenset())
    _others: str = field(init=False, repr=False, compare=False, default="")

    def __post_init__(self) -> None:
        _check_name(self.name)
        if not self.selectors:
            raise ValueError(f"{self.name}: a SelectorCleaner needs at least one selector "
                             "(an empty list would match nothing)")
        bad = dom.check_selector(", ".join(self.selectors))
        if bad:
            raise ValueError(f"{self.name}: invalid selector: {bad}")
        parts = [p.strip() for p in self.selectors]
        object.__setattr__(self, "_tags", frozenset(p for p in parts if _PLAIN_TAG.fullmatch(p)))
        object.__setattr__(self, "_others", ", ".join(p for p in parts if not _PLAIN_TAG.fullmatch(p)))

    def __call__(self, root: LexborNode, ctx: Context) -> None:
        dom.remove(self.matches(root), ctx, max_share=self.max_share)

    def matches(self, root: LexborNode) -> list[LexborNode]:
        """The nodes the selector list matches, once each, in document order."""
        if not self._tags:
            return dom.select(root, self._others)
        if not self._others:
            return dom.by_tag(root, self._tags)
        tags = self._tags
        other = {n.mem_id for n in root.css(self._others)}
        if not other:
            return dom.by_tag(root, tags)
        return [n for n in root.traverse() if n.tag in tags or n.mem_id in other]


def _check_name(name: str) -> None:
    if not isinstance(name, str) or not name or name != name.strip():
        raise ValueError(f"a step name must be a non-empty string without surrounding spaces, got {name!r}")


@dataclass(frozen=True, slots=True)
class Pipeline:
    """An immutable, ordered list of named steps for one stage.

    >>> p = PRE.disable("share-bars").insert(my_step, after="comments")
    """

    steps: tuple[Step, ...] = ()
    disabled: frozenset[str] = frozenset()
    stage: Stage = "any"

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for step in self.steps:
            if not isinstance(step, Step):
                raise TypeError(f"{step!r} is not a step: it needs a name, a stage and a __call__(root, ctx)")
            if step.name in seen:
                raise ValueError(f"duplicate step name {step.name!r}; existing names: {self.names}")
            seen.add(step.name)
            self._check_stage(step)
        unknown = set(self.disabled) - seen
        if unknown:
            raise PipelineError(f"cannot disable unknown step(s) {sorted(unknown)}; available: {self.names}")

    # -- inspection ----------------------------------------------------------------------------
    @property
    def names(self) -> tuple[str, ...]:
        """All step names in order, enabled or not."""
        return tuple(s.name for s in self.steps)

    @property
    def active(self) -> tuple[Step, ...]:
        """The steps that run, in order."""
        return tuple(s for s in self.steps if s.name not in self.disabled)

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def __len__(self) -> int:
        return len(self.steps)

    def __getitem__(self, name: str) -> Step:
        return self.steps[self._index(name)]

    # -- edits (each returns a new Pipeline) ---------------------------------------------------
    def insert(self, step: Step, *, before: str | None = None, after: str | None = None,
               first: bool = False, last: bool = False) -> "Pipeline":
        """Add a step at exactly one position (default: last)."""
        if step.name in self.names:
            raise ValueError(f"duplicate step name {step.name!r}; existing names: {self.names}")
        index = self._position(before=before, after=after, first=first, last=last)
        steps = list(self.steps)
        steps.insert(index, step)
        return Pipeline(tuple(steps), self.disabled, self.stage)

    def remove(self, name: str) -> "Pipeline":
        i = self._index(name)
        return Pipeline(self.steps[:i] + self.steps[i + 1:], self.disabled - {name}, self.stage)

    def replace(self, name: str, step: Step) -> "Pipeline":
        """Put ``step`` where ``name`` was (the new step may keep or change the name)."""
        i = self._index(name)
        if step.name != name and step.name in self.names:
            raise ValueError(f"duplicate step name {step.name!r}; existing names: {self.names}")
        disabled = self.disabled - {name} | ({step.name} if name in self.disabled else set())
        return Pipeline(self.steps[:i] + (step,) + self.steps[i + 1:], frozenset(disabled), self.stage)

    def move(self, name: str, *, before: str | None = None, after: str | None = None,
             first: bool = False, last: bool = False) -> "Pipeline":
        step = self[name]
        return self.remove(name).insert(step, before=before, after=after, first=first, last=last) \
            ._with_disabled(self.disabled)

    def disable(self, *names: str) -> "Pipeline":
        for n in names:
            self._index(n)
        return self._with_disabled(self.disabled | set(names))

    def enable(self, *names: str) -> "Pipeline":
        for n in names:
            self._index(n)
        return self._with_disabled(self.disabled - set(names))

    def only(self, *names: str) -> "Pipeline":
        """Disable every step but these."""
        for n in names:
            self._index(n)
        return self._with_disabled(set(self.names) - set(names))

    def __add__(self, other: "Pipeline") -> "Pipeline":
        return Pipeline(self.steps + other.steps, self.disabled | other.disabled, self.stage)

    # -- running -------------------------------------------------------------------------------
    def __call__(self, root: LexborNode, ctx: Context, *, skip: Iterable[str] = ()) -> None:
        """Run the active steps in order; ``skip`` names steps to leave out for this call only."""
        skipped = set(skip)
        if ctx.root is None:
            ctx.root = root
        for step in self.active:
            if step.name in skipped:
                continue
            ctx.begin_step(step.name)
            start = time.perf_counter()
            step(root, ctx)
            ctx.end_step(step.name, (time.perf_counter() - start) * 1000)

    # -- helpers -------------------------------------------------------------------------------
    def _with_disabled(self, disabled: Iterable[str]) -> "Pipeline":
        return Pipeline(self.steps, frozenset(disabled), self.stage)

    def _index(self, name: str) -> int:
        for i, step in enumerate(self.steps):
            if step.name == name:
                return i
        raise PipelineError(f"no step {name!r}; available: {self.names}")

    def _position(self, *, before: str | None, after: str | None, first: bool, last: bool) -> int:
        given = [k for k, v in (("before", before), ("after", after), ("first", first), ("last", last)) if v]
        if len(given) > 1:
            raise TypeError(f"give at most one position, got {given}")
        if before is not None:
            return self._index(before)
        if after is not None:
            return self._index(after) + 1
        return 0 if first else len(self.steps)

    def _check_stage(self, step: Step) -> None:
        if self.stage != "any" and step.stage not in (self.stage, "any"):
            raise ValueError(f"step {step.name!r} is a {step.stage!r} step; this pipeline runs on {self.stage!r}")
