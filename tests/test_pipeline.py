"""The Pipeline API: edits by name, errors that name the valid steps, immutability, and running."""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor

import pytest

import newsclean
from newsclean import POST, PRE, Extractor, Pipeline, PipelineError, SelectorCleaner, Step, cleaner, dom

from conftest import load_fixtures


def noop(name: str, stage: str = "any") -> Step:
    @cleaner(name, stage=stage)
    def step(root, ctx):
        """Does nothing."""

    return step


ABC = Pipeline((noop("a"), noop("b"), noop("c")))


# -- positions ----------------------------------------------------------------------------------
@pytest.mark.parametrize("where, names", [
    ({}, ("a", "b", "c", "x")),
    ({"last": True}, ("a", "b", "c", "x")),
    ({"first": True}, ("x", "a", "b", "c")),
    ({"before": "b"}, ("a", "x", "b", "c")),
    ({"after": "b"}, ("a", "b", "x", "c")),
    ({"before": "a"}, ("x", "a", "b", "c")),
    ({"after": "c"}, ("a", "b", "c", "x")),
])
def test_insert_positions(where, names):
    assert ABC.insert(noop("x"), **where).names == names


@pytest.mark.parametrize("where", [{"before": "a", "after": "b"}, {"first": True, "last": True},
                                   {"before": "a", "first": True}, {"after": "c", "last": True}])
def test_two_positions_are_a_type_error(where):
    with pytest.raises(TypeError, match="at most one position"):
        ABC.insert(noop("x"), **where)


@pytest.mark.parametrize("where, names", [
    ({"first": True}, ("c", "a", "b")),
    ({"before": "b"}, ("a", "c", "b")),
    ({"after": "a"}, ("a", "c", "b")),
    ({"last": True}, ("a", "b", "c")),
])
def test_move(where, names):
    assert ABC.move("c", **where).names == names


def test_move_keeps_the_disabled_flag():
    moved = ABC.disable("c").move("c", first=True)
    assert moved.names == ("c", "a", "b")
    assert [s.name for s in moved.active] == ["a", "b"]


def test_remove_and_replace():
    assert ABC.remove("b").names == ("a", "c")
    replaced = ABC.replace("b", noop("b2"))
    assert replaced.names == ("a", "b2", "c")
    assert replaced["b2"].name == "b2"
    same_name = noop("b")
    assert ABC.replace("b", same_name)["b"] is same_name


def test_replace_carries_the_disabled_flag_to_the_new_step():
    assert ABC.disable("b").replace("b", noop("b2")).disabled == frozenset({"b2"})


def test_disable_enable_only():
    p = ABC.disable("a", "c")
    assert [s.name for s in p.active] == ["b"]
    assert p.names == ("a", "b", "c")  # disabled steps keep their place
    assert [s.name for s in p.enable("c").active] == ["b", "c"]
    assert [s.name for s in ABC.only("c", "a").active] == ["a", "c"]
    assert "b" in ABC and "z" not in ABC and len(ABC) == 3


# -- errors -------------------------------------------------------------------------------------
@pytest.mark.parametrize("edit", [
    lambda p: p.insert(noop("x"), before="nope"),
    lambda p: p.insert(noop("x"), after="nope"),
    lambda p: p.move("nope", first=True),
    lambda p: p.remove("nope"),
    lambda p: p.replace("nope", noop("x")),
    lambda p: p.disable("nope"),
    lambda p: p.enable("nope"),
    lambda p: p.only("a", "nope"),
    lambda p: p["nope"],
])
def test_unknown_name_raises_pipeline_error_listing_valid_names(edit):
    with pytest.raises(PipelineError) as info:
        edit(ABC)
    message = str(info.value)
    assert "'nope'" in message
    assert all(f"'{n}'" in message for n in ABC.names)
    assert isinstance(info.value, KeyError) and isinstance(info.value, newsclean.NewscleanError)


def test_move_to_an_unknown_anchor_raises():
    with pytest.raises(PipelineError, match="'nope'"):
        ABC.move("a", before="nope")


def test_unknown_name_in_the_default_pipeline_lists_its_steps():
    with pytest.raises(PipelineError, match="share-bars"):
        PRE.disable("share-bar")


@pytest.mark.parametrize("edit", [
    lambda p: p.insert(noop("b")),
    lambda p: p.replace("a", noop("c")),
    lambda p: Pipeline(p.steps + (noop("a"),)),
])
def test_duplicate_name_is_a_value_error(edit):
    with pytest.raises(ValueError, match="duplicate step name"):
        edit(ABC)


def test_disabling_an_unknown_step_at_construction_fails():
    with pytest.raises(PipelineError):
        Pipeline((noop("a"),), disabled=frozenset({"b"}))


def test_a_non_step_is_rejected():
    with pytest.raises(TypeError, match="not a step"):
        Pipeline((lambda root, ctx: None,))  # type: ignore[arg-type]


@pytest.mark.parametrize("pipeline, stage", [(PRE, "content"), (POST, "document")])
def test_stage_mismatch_is_a_value_error(pipeline, stage):
    with pytest.raises(ValueError, match="runs on"):
        pipeline.insert(noop("x", stage), first=True)


@pytest.mark.parametrize("pipeline", [PRE, POST])
def test_any_stage_steps_fit_everywhere(pipeline):
    assert pipeline.insert(noop("x"), first=True).names[0] == "x"


def test_default_pipelines_have_their_stages():
    assert PRE.stage == "document" and POST.stage == "content"
    assert all(s.stage in ("document", "any") for s in PRE.steps)
    assert all(s.stage in ("content", "any") for s in POST.steps)


# -- immutability -------------------------------------------------------------------------------
def test_pipeline_is_frozen_and_edits_leave_the_original_alone():
    before_names, before_disabled = PRE.names, PRE.disabled
    edited = PRE.disable("ads").insert(noop("x"), after="comments").remove("hidden").move("forms", first=True)
    assert edited is not PRE
    assert (PRE.names, PRE.disabled) == (before_names, before_disabled)
    with pytest.raises(dataclasses.FrozenInstanceError):
        PRE.steps = ()  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        Extractor().pre = PRE  # type: ignore[misc]
    assert hash(PRE) == hash(Pipeline(PRE.steps, PRE.disabled, PRE.stage))


def test_token_cleaner_validates_its_repeat_bounds():
    from newsclean.cleaners import TokenCleaner, token_set

    with pytest.raises(ValueError, match="min_repeats <= max_repeats"):
        TokenCleaner("bad", token_set(("teaser",)), min_repeats=0)
    with pytest.raises(ValueError, match="min_repeats <= max_repeats"):
        TokenCleaner("bad", token_set(("teaser",)), min_repeats=3, max_repeats=2)
    assert TokenCleaner("ok", token_set(("teaser",)), min_repeats=2, max_repeats=2).min_repeats == 2


def test_selector_cleaner_validates_its_selectors():
    with pytest.raises(ValueError, match="invalid selector"):
        SelectorCleaner("bad", ("div[",))
    with pytest.raises(ValueError, match="at least one selector"):
        SelectorCleaner("empty", ())


# -- running ------------------------------------------------------------------------------------
PAGE = ("<html><head><title>Pumps</title></head><body><nav><a href='/'>Home</a></nav><article>"
        "<p>Well pumps draw far more current when they start than when they run, so a weak start capacitor "
        "shows up first as a breaker that trips on cold mornings.</p>"
        "<div class='share-buttons'><a href='#'>Facebook</a> <a href='#'>Twitter</a></div>"
        "<p class='sales-line'>Our spring sale ends Friday with discounts on every pump.</p>"
        "<p>A new capacitor costs a few dollars and takes ten minutes to fit with the power off.</p>"
        "</article></body></html>")


def test_a_user_step_inserted_by_name_runs_in_place():
    calls: list[tuple[str, ...]] = []

    @cleaner("drop-sales-lines", stage="document")
    def drop_promo_lines(root, ctx):
        calls.append(tuple(t.name for t in ctx.trace))
        dom.remove(dom.select(root, "p.sales-line"), ctx)

    plain = newsclean.extract(PAGE)
    assert "spring sale" in plain.text
    ex = Extractor(pre=PRE.insert(drop_promo_lines, after="comments"))
    article = ex.extract(PAGE, trace=True)
    assert "spring sale" not in article.text
    assert "A new capacitor costs" in article.text
    names = [t.name for t in article.trace]
    assert names.index("drop-sales-lines") == names.index("comments") + 1
    assert calls and calls[0][-1] == "comments"  # it ran right after "comments"
    (own,) = [t for t in article.trace if t.name == "drop-sales-lines"]
    assert own.removed == 1


def test_skip_leaves_steps_out_for_one_call_only():
    skipped = newsclean.extract(PAGE, skip=["share-bars"], trace=True)
    assert "Facebook" in skipped.text
    assert "share-bars" not in [t.name for t in skipped.trace]
    again = newsclean.extract(PAGE, trace=True)
    assert "Facebook" not in again.text
    assert "share-bars" in [t.name for t in again.trace]


def test_disabled_step_does_not_run():
    article = Extractor(pre=PRE.disable("share-bars")).extract(PAGE, trace=True)
    assert "Facebook" in article.text
    assert "share-bars" not in [t.name for t in article.trace]


def test_trace_lists_every_active_step_in_order():
    article = newsclean.extract(PAGE, trace=True)
    names = [t.name for t in article.trace]
    assert [n for n in names if n in PRE] == [s.name for s in PRE.active]
    assert [n for n in names if n in POST] == [s.name for s in POST.active]  # block-model is off by default
    assert names.index(PRE.names[-1]) < names.index("select-content") < names.index(POST.names[0])


def test_one_extractor_shared_by_threads_gives_the_serial_results():
    pages = [(f.html, f.url) for f in load_fixtures()] + [(PAGE.encode(), None)]
    ex = Extractor(pre=PRE.insert(noop("user-step"), first=True))
    serial = [ex.extract(html, url) for html, url in pages]
    jobs = pages * 6
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(lambda job: ex.extract(*job), jobs))
    assert parallel == serial * 6


# -- the decorator ------------------------------------------------------------------------------
def test_cleaner_decorator_makes_a_named_step():
    @cleaner("drop-figures", stage="content")
    def drop_figures(root, ctx):
        """Figures are not text."""
        dom.remove(dom.select(root, "figure"), ctx)

    assert isinstance(drop_figures, Step)
    assert (drop_figures.name, drop_figures.stage, drop_figures.doc) == ("drop-figures", "content",
                                                                          "Figures are not text.")
    assert POST.insert(drop_figures, first=True).names[0] == "drop-figures"
    with pytest.raises(ValueError):
        PRE.insert(drop_figures)


@pytest.mark.parametrize("name", ["", " padded ", None])
def test_cleaner_decorator_rejects_bad_names(name):
    with pytest.raises(ValueError, match="step name"):
        cleaner(name)  # type: ignore[arg-type]


def test_cleaner_decorator_rejects_unknown_stages():
    with pytest.raises(ValueError, match="stage must be one of"):
        cleaner("x", stage="everywhere")  # type: ignore[arg-type]


def test_skip_with_an_unknown_name_raises_and_lists_the_steps():
    with pytest.raises(newsclean.PipelineError, match="cannot skip unknown step.*'share-barz'.*available"):
        newsclean.extract("<p>x</p>", skip=["share-barz"])
