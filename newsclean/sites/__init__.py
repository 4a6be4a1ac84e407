"""Site rules as data: per-host content selectors, removals, disabled steps and field selectors.

A rule file is TOML holding one or more ``[[rule]]`` tables::

    [[rule]]
    id = "example.com"
    hosts = ["example.com", "*.example.com"]   # "www." is ignored; "*.x" matches subdomains of x only
    content = ["article .story-body", "main > article"]   # first match wins; the scorer is skipped
    remove = [".newsletter-cta", "aside.related"]
    unwrap = ["span.dropcap"]
    disable = ["share-bars"]                   # default step names
    title = ["h1.headline"]                    # field selectors: first match wins
    author = [".byline a[rel=author]"]
    date = ["time[datetime]"]

Everything is validated when the rule is built, so a typo fails at load time
with an error naming the file, the rule and the field.  Rules are data: no
field can run code.  Host matching: an exact host beats ``*.suffix``; a
host claimed twice in one :class:`RuleSet` is an error.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from .. import dom
from ..errors import RuleError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ENTRY_POINT_GROUP = "newsclean.rules"
_LIST_FIELDS = ("hosts", "content", "remove", "unwrap", "disable", "title", "author", "date")
_SELECTOR_FIELDS = ("content", "remove", "unwrap", "title", "author", "date")


def _known_steps() -> frozenset[str]:
    from ..cleaners import POST, PRE

    return frozenset(PRE.names + POST.names)


@dataclass(frozen=True, slots=True)
class SiteRule:
    """One site's rule.  Build it from code or load it from TOML; both validate the same way."""

    id: str
    hosts: tuple[str, ...]
    content: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()
    unwrap: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    title: tuple[str, ...] = ()
    author: tuple[str, ...] = ()
    date: tuple[str, ...] = ()
    tests: tuple[Mapping[str, Any], ...] = ()
    source: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        def fail(msg: str, fld: str | None = None) -> RuleError:
            return RuleError(msg, source=self.source, rule=self.id if isinstance(self.id, str) else None, field=fld)

        if not isinstance(self.id, str) or not self.id.strip():
            raise fail("id must be a non-empty string", "id")
        for name in _LIST_FIELDS:
            value = getattr(self, name)
            if isinstance(value, str) or not isinstance(value, (tuple, list)):
                raise fail(f"must be a list of strings, got {type(value).__name__}", name)
            if not all(isinstance(v, str) and v.strip() for v in value):
                raise fail("must hold only non-empty strings", name)
            object.__setattr__(self, name, tuple(v.strip() for v in value))
        if not self.hosts:
            raise fail("a rule needs at least one host", "hosts")
        for host in self.hosts:
            bare = host[2:] if host.startswith("*.") else host
            if not bare or any(c in bare for c in "*/: @?#"):
                raise fail(f"invalid host pattern {host!r} (use 'example.com' or '*.example.com')", "hosts")
        for name in _SELECTOR_FIELDS:
            for sel in getattr(self, name):
                bad = dom.check_selector(sel)
                if bad:
                    raise fail(f"invalid CSS selector {sel!r}: {bad}", name)
        known = _known_steps()
        unknown = [n for n in self.disable if n not in known]
        if unknown:
            raise fail(f"unknown step name(s) {unknown}; available: {sorted(known)}", "disable")
        if not isinstance(self.tests, (tuple, list)):
            raise fail("must be a list of tables", "tests")
        for t in self.tests:
            if not isinstance(t, Mapping):
                raise fail(f"each entry must be a table, got {type(t).__name__}", "tests")
            extra = sorted(set(t) - {"fixture", "with", "without", "url"})
            if extra:
                raise fail(f"unknown key(s) {extra}; allowed: fixture, url, with, without", "tests")
        object.__setattr__(self, "tests", tuple(self.tests))

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, source: str | None = None) -> "SiteRule":
        if not isinstance(data, Mapping):
            raise RuleError("a rule must be a table", source=source)
        names = {f.name for f in fields(cls)} - {"source"}
        rule_id = data.get("id") if isinstance(data.get("id"), str) else None
        unknown = sorted(set(data) - names)
        if unknown:
            raise RuleError(f"unknown field(s) {unknown}; allowed: {sorted(names)}", source=source, rule=rule_id,
                            field=unknown[0])
        if "id" not in data or "hosts" not in data:
            raise RuleError("'id' and 'hosts' are required", source=source, rule=rule_id)
        return cls(**data, source=source)

    def normalized_hosts(self) -> Iterator[tuple[str, bool]]:
        """(host, is_wildcard) pairs with ``www.`` dropped and lower-cased."""
        for h in self.hosts:
            h = h.lower()
            wild = h.startswith("*.")
            if wild:
                h = h[2:]
            if h.startswith("www."):
                h = h[4:]
            yield h, wild


@dataclass(frozen=True, slots=True)
class RuleSet:
    """An immutable set of site rules with host lookup.  Combine sets with ``|``."""

    rules: tuple[SiteRule, ...] = ()
    _exact: Mapping[str, SiteRule] = field(default_factory=dict, repr=False, compare=False)
    _wild: Mapping[str, SiteRule] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        exact: dict[str, SiteRule] = {}
        wild: dict[str, SiteRule] = {}
        ids: set[str] = set()
        for rule in self.rules:
            if not isinstance(rule, SiteRule):
                raise RuleError(f"expected a SiteRule, got {type(rule).__name__}")
            if rule.id in ids:
                raise RuleError("duplicate rule id", source=rule.source, rule=rule.id, field="id")
            ids.add(rule.id)
            for host, is_wild in rule.normalized_hosts():
                table = wild if is_wild else exact
                if host in table:
                    raise RuleError(f"host {host!r} is already claimed by rule {table[host].id!r}",
                                    source=rule.source, rule=rule.id, field="hosts")
                table[host] = rule
        object.__setattr__(self, "_exact", exact)
        object.__setattr__(self, "_wild", wild)

    def __len__(self) -> int:
        return len(self.rules)

    def __iter__(self) -> Iterator[SiteRule]:
        return iter(self.rules)

    def __or__(self, other: "RuleSet") -> "RuleSet":
        return RuleSet(self.rules + other.rules)

    def match(self, host: str | None) -> SiteRule | None:
        """The rule for a host: exact match first, then the longest ``*.suffix`` that is a proper suffix."""
        if not host:
            return None
        host = host.lower().rstrip(".")
        if host.startswith("www."):
            host = host[4:]
        rule = self._exact.get(host)
        if rule is not None:
            return rule
        parts = host.split(".")
        for i in range(1, len(parts)):
            rule = self._wild.get(".".join(parts[i:]))
            if rule is not None:
                return rule
        return None

    # -- loading -------------------------------------------------------------------------------
    @classmethod
    def from_rules(cls, rules: Iterable[SiteRule | Mapping[str, Any]]) -> "RuleSet":
        return cls(tuple(r if isinstance(r, SiteRule) else SiteRule.from_mapping(r) for r in rules))

    @classmethod
    def loads(cls, text: str, *, source: str = "<string>") -> "RuleSet":
        """Rules from TOML text."""
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise RuleError(f"malformed TOML: {exc}", source=source) from None
        rules = data.get("rule", [])
        extra = sorted(set(data) - {"rule"})
        if extra:
            raise RuleError(f"unknown top-level key(s) {extra}; rules go in [[rule]] tables", source=source)
        if not isinstance(rules, list):
            raise RuleError("'rule' must be an array of tables ([[rule]])", source=source)
        return cls(tuple(SiteRule.from_mapping(r, source=source) for r in rules))

    @classmethod
    def load(cls, *paths: str | Path) -> "RuleSet":
        """Rules from TOML files or folders of ``*.toml`` files."""
        out: list[SiteRule] = []
        for p in paths:
            p = Path(p)
            files = sorted(p.glob("*.toml")) if p.is_dir() else [p]
            for f in files:
                try:
                    text = f.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError) as exc:
                    raise RuleError(f"cannot read rule file: {exc}", source=str(f)) from None
                out.extend(cls.loads(text, source=str(f)).rules)
        return cls(tuple(out))

    @classmethod
    def builtin(cls) -> "RuleSet":
        """The rules shipped with newsclean (``newsclean/sites/rules/*.toml``)."""
        folder = Path(__file__).parent / "rules"
        return cls.load(folder) if folder.is_dir() else cls()

    @classmethod
    def from_entry_points(cls, group: str = ENTRY_POINT_GROUP) -> "RuleSet":
        """Rules from installed packages (opt-in): each entry point is a callable returning rules."""
        from importlib.metadata import entry_points

        out: list[SiteRule] = []
        for ep in entry_points(group=group):
            provider = ep.load()
            if not callable(provider):
                raise RuleError(f"entry point {ep.name!r} in {group!r} is not callable", source=ep.value)
            for r in provider():
                out.append(r if isinstance(r, SiteRule) else SiteRule.from_mapping(r, source=ep.value))
        return cls(tuple(out))


EMPTY = RuleSet()
__all__ = ["SiteRule", "RuleSet", "EMPTY", "ENTRY_POINT_GROUP"]
