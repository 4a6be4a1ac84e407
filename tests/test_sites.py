"""Site rules: TOML loading, host matching, validation errors that point at the culprit, and their effect."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path
from types import SimpleNamespace

import pytest

import newsclean
from newsclean import DensityScorer, Extractor, RuleError, RuleSet, SiteRule

RULES = """
[[rule]]
id = "example"
hosts = ["example.com", "*.example.com"]
content = ["div.story-body", "article"]
remove = [".promo-box"]
disable = ["share-bars", "trim-edges"]

[[rule]]
id = "news-example"
hosts = ["news.example.com"]
content = ["main .text"]
"""


@pytest.fixture
def ruleset() -> RuleSet:
    return RuleSet.loads(RULES, source="rules.toml")


# -- loading ------------------------------------------------------------------------------------
def test_loads_builds_typed_rules(ruleset):
    assert [r.id for r in ruleset] == ["example", "news-example"]
    rule = ruleset.rules[0]
    assert rule.content == ("div.story-body", "article")
    assert rule.remove == (".promo-box",)
    assert rule.disable == ("share-bars", "trim-edges")
    assert rule.source == "rules.toml"


def test_load_reads_files_and_folders(tmp_path: Path):
    (tmp_path / "a.toml").write_text(RULES, encoding="utf-8")
    (tmp_path / "b.toml").write_text('[[rule]]\nid = "other"\nhosts = ["other.org"]\n', encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a rule file", encoding="utf-8")
    assert [r.id for r in RuleSet.load(tmp_path / "a.toml")] == ["example", "news-example"]
    folder = RuleSet.load(tmp_path)
    assert [r.id for r in folder] == ["example", "news-example", "other"]
    assert folder.match("other.org").source == str(tmp_path / "b.toml")


def test_rulesets_combine_with_or(ruleset):
    more = RuleSet.from_rules([{"id": "other", "hosts": ["other.org"]}])
    both = ruleset | more
    assert len(both) == 3 and both.match("other.org").id == "other"


def test_builtin_rules_load_and_validate():
    assert isinstance(RuleSet.builtin(), RuleSet)


# -- host matching ------------------------------------------------------------------------------
@pytest.mark.parametrize("host, rule_id", [
    ("example.com", "example"),
    ("www.example.com", "example"),
    ("EXAMPLE.COM", "example"),
    ("example.com.", "example"),
    ("blog.example.com", "example"),
    ("a.b.example.com", "example"),
    ("news.example.com", "news-example"),      # exact beats *.suffix
    ("www.news.example.com", "news-example"),
    ("x.news.example.com", "example"),          # no *.news.example.com: the longest wildcard applies
    ("notexample.com", None),
    ("example.org", None),
    (None, None),
    ("", None),
])
def test_host_matching(ruleset, host, rule_id):
    rule = ruleset.match(host)
    assert (rule.id if rule else None) == rule_id


def test_wildcard_matches_subdomains_only():
    rules = RuleSet.from_rules([{"id": "w", "hosts": ["*.example.net"]}])
    assert rules.match("a.example.net").id == "w"
    assert rules.match("example.net") is None


def test_www_in_a_rule_host_is_ignored():
    rules = RuleSet.from_rules([{"id": "w", "hosts": ["www.example.net"]}])
    assert rules.match("example.net").id == "w"


def test_a_host_claimed_twice_is_an_error():
    text = RULES + '\n[[rule]]\nid = "again"\nhosts = ["www.news.example.com"]\n'
    with pytest.raises(RuleError) as info:
        RuleSet.loads(text, source="dup.toml")
    assert (info.value.source, info.value.rule, info.value.field) == ("dup.toml", "again", "hosts")
    assert "news-example" in str(info.value)


def test_a_duplicate_rule_id_is_an_error():
    with pytest.raises(RuleError, match="duplicate rule id"):
        RuleSet.from_rules([{"id": "x", "hosts": ["a.org"]}, {"id": "x", "hosts": ["b.org"]}])


# -- validation: every error names the file, the rule and the field ------------------------------
@pytest.mark.parametrize("body, field, words", [
    ('content = ["div["]', "content", "invalid CSS selector"),
    ('remove = ["p:nope-pseudo"]', "remove", "invalid CSS selector"),
    ('title = ["h1 >> span"]', "title", "invalid CSS selector"),
    ('disable = ["share-bar"]', "disable", "unknown step name"),
    ('content = "article"', "content", "must be a list of strings"),
    ('remove = [1, 2]', "remove", "non-empty strings"),
    ('hosts = ["exa mple.com"]', "hosts", "invalid host pattern"),
    ('hosts = []', "hosts", "at least one host"),
    ('selectors = ["article"]', "selectors", "unknown field"),
])
def test_validation_errors_name_file_rule_and_field(body, field, words):
    lines = ['[[rule]]', 'id = "broken"']
    if not body.startswith("hosts"):
        lines.append('hosts = ["broken.org"]')
    text = "\n".join(lines + [body]) + "\n"
    with pytest.raises(RuleError) as info:
        RuleSet.loads(text, source="sites/broken.toml")
    err = info.value
    assert (err.source, err.rule, err.field) == ("sites/broken.toml", "broken", field)
    message = str(err)
    assert "sites/broken.toml" in message and "'broken'" in message and f"'{field}'" in message
    assert words in message
    assert isinstance(err, ValueError)


def test_unknown_step_error_lists_the_valid_names():
    with pytest.raises(RuleError, match="share-bars"):
        SiteRule(id="x", hosts=("x.org",), disable=("share-bar",))


def test_malformed_toml_names_the_file(tmp_path: Path):
    path = tmp_path / "bad.toml"
    path.write_text('[[rule]]\nid = "x"\nhosts = ["x.org"\n', encoding="utf-8")
    with pytest.raises(RuleError) as info:
        RuleSet.load(path)
    assert info.value.source == str(path)
    assert str(path) in str(info.value) and "malformed TOML" in str(info.value)


def test_unreadable_file_names_the_file(tmp_path: Path):
    with pytest.raises(RuleError) as info:
        RuleSet.load(tmp_path / "missing.toml")
    assert "missing.toml" in str(info.value)


@pytest.mark.parametrize("text, words", [
    ('rule = "x"', "array of tables"),
    ('[[rules]]\nid = "x"\nhosts = ["x.org"]', "unknown top-level key"),
    ('[[rule]]\nhosts = ["x.org"]', "required"),
])
def test_file_level_errors(text, words):
    with pytest.raises(RuleError, match=words) as info:
        RuleSet.loads(text, source="f.toml")
    assert "f.toml" in str(info.value)


def test_rules_built_in_code_validate_the_same_way():
    with pytest.raises(RuleError) as info:
        SiteRule(id="code", hosts=("code.org",), content=("div[",))
    assert (info.value.rule, info.value.field) == ("code", "content")


# -- effect on extraction -----------------------------------------------------------------------
LONG = ("The regional council voted on Tuesday to extend the night bus network to the three outer districts, "
        "after a two-year trial showed that most riders were shift workers without a car.")
PAGE = f"""<html><head><title>Night buses</title></head><body>
<div class="lead-text"><p>{LONG} {LONG}</p><p>{LONG}</p></div>
<div class="story-body"><p>The story body that the rule points at.</p>
<div class="promo-box"><p>Subscribe to our print edition for only 9 euros a month</p></div>
<div class="share"><a href="#">Facebook</a> <a href="#">Twitter</a></div></div>
</body></html>"""


class SpyScorer:
    """A scorer that records that it was asked."""

    def __init__(self) -> None:
        self.calls = 0
        self.inner = DensityScorer()

    def best(self, root, blocks, ctx):
        self.calls += 1
        return self.inner.best(root, blocks, ctx)


def test_content_selector_wins_and_skips_the_scorer(ruleset):
    spy = SpyScorer()
    article = Extractor(scorer=spy, rules=ruleset).extract(PAGE, url="https://www.example.com/night-buses")
    assert spy.calls == 0
    assert article.rule_id == "example"
    assert article.text.startswith("The story body that the rule points at.")
    assert LONG not in article.text  # the scorer would have chosen the longer lead block


def test_first_matching_content_selector_wins(ruleset):
    page = PAGE.replace('class="story-body"', 'class="other"').replace("<div class=\"lead-text\">", "<article>") \
        .replace("</div>\n<div class=\"other\">", "</article>\n<div class=\"other\">")
    article = Extractor(rules=ruleset).extract(page, url="https://example.com/x")
    assert LONG in article.text
    assert "rule points at" not in article.text


def test_without_a_matching_selector_the_scorer_decides(ruleset):
    spy = SpyScorer()
    page = PAGE.replace("story-body", "other")
    article = Extractor(scorer=spy, rules=ruleset).extract(page, url="https://example.com/x")
    assert spy.calls == 1
    assert LONG in article.text


def test_rule_remove_and_disable_are_applied(ruleset):
    article = newsclean.extract(PAGE, url="https://example.com/x", rules=ruleset, trace=True)
    assert "print edition" not in article.text  # rule.remove
    assert "Facebook" in article.text  # rule.disable = ["share-bars", "trim-edges"]
    names = [t.name for t in article.trace]
    assert "share-bars" not in names
    (site,) = [t for t in article.trace if t.name == "site-rule"]
    assert site.removed == 1


def test_rules_only_apply_to_their_hosts(ruleset):
    article = newsclean.extract(PAGE, url="https://elsewhere.org/x", rules=ruleset)
    assert article.rule_id is None
    assert "Facebook" not in article.text


# -- entry points are opt-in --------------------------------------------------------------------
def _entry_point(name: str, provider) -> SimpleNamespace:
    return SimpleNamespace(name=name, value=f"plugin.rules:{name}", load=lambda: provider)


def test_entry_point_rules_are_loaded_only_when_asked(monkeypatch, ruleset):
    calls: list[str] = []

    def fake_entry_points(*, group):
        calls.append(group)
        return [_entry_point("plugin", lambda: [{"id": "plugin", "hosts": ["plugin.example"]}])]

    monkeypatch.setattr(importlib.metadata, "entry_points", fake_entry_points)
    newsclean.extract(PAGE, url="https://plugin.example/x")
    Extractor().extract(PAGE, url="https://plugin.example/x")
    assert calls == []  # nothing reads entry points behind the user's back

    rules = RuleSet.from_entry_points()
    assert calls == ["newsclean.rules"]
    assert rules.match("plugin.example").id == "plugin"
    assert rules.rules[0].source == "plugin.rules:plugin"


def test_entry_point_rules_are_validated(monkeypatch):
    monkeypatch.setattr(importlib.metadata, "entry_points",
                        lambda *, group: [_entry_point("bad", lambda: [{"id": "bad", "hosts": ["b.org"],
                                                                        "content": ["div["]}])])
    with pytest.raises(RuleError) as info:
        RuleSet.from_entry_points()
    assert (info.value.source, info.value.rule, info.value.field) == ("plugin.rules:bad", "bad", "content")


def test_entry_point_that_is_not_callable_is_an_error(monkeypatch):
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda *, group: [_entry_point("x", 42)])
    with pytest.raises(RuleError, match="not callable"):
        RuleSet.from_entry_points()


def test_rule_field_selectors_win_over_the_page_markup():
    rules = RuleSet.loads('''
[[rule]]
id = "fields"
hosts = ["fields.example"]
title = [".kicker-free-title", "h2.real-title"]
author = [".writer"]
date = [".when"]
''')
    html = ("<html><head><title>Wrong | Site</title><meta property='og:title' content='Wrong'></head><body>"
            "<h2 class='real-title'>The real headline</h2><span class='writer'>Ada Byron</span>"
            "<span class='writer'>Alan Turing</span><span class='when' data-x='1'>2023-04-05</span>"
            "<article><p>" + "The council approved the bridge after a long debate about money. " * 3 + "</p></article>"
            "</body></html>")
    art = newsclean.extract(html, url="https://fields.example/a", rules=rules)
    assert art.title == "The real headline"
    assert art.authors == ("Ada Byron", "Alan Turing")
    assert art.published is not None and art.published.date().isoformat() == "2023-04-05"
    assert dict(art.sources)["title"] == "rule fields"
