"""The learned block filter: stored weights load, features are what they say, the step drops and keeps."""

from __future__ import annotations

import json
import math

import pytest

from newsclean import dom, extract
from newsclean.blockmodel import FEATURES, BlockFilter, BlockModel, default_model, features, text_blocks
from newsclean.cleaners import POST
from newsclean.context import Context
from newsclean.extractor import Extractor

STORY = ["The council voted on Tuesday to rebuild the old harbour wall before the winter storms arrive.",
         "Engineers say the new wall will be two metres higher and built from local granite blocks.",
         "Work starts in March and should be finished by the end of the year, the mayor said."]


def rows_of(html: str) -> tuple[list, list[dict[str, float]]]:
    tree = dom.parse(html)
    ctx = Context.new()
    root = tree.body
    ctx.root = root
    blocks = text_blocks(root, ctx)
    return blocks, [dict(zip(FEATURES, row)) for row in features(blocks, root, ctx)]


def test_shipped_model_loads_with_the_current_feature_list():
    model = default_model()
    assert model.features == FEATURES
    assert model.trees or len(model.weights) == len(model.mean) == len(model.scale) == len(FEATURES)
    assert all(max(tree[0]) < len(FEATURES) for tree in model.trees)
    assert 0.0 <= model.threshold < 1.0


def test_a_model_trained_on_other_features_is_refused():
    data = default_model().to_json()
    data["features"] = data["features"][:-1]
    with pytest.raises(ValueError, match="other features"):
        BlockModel.from_json(data)


def test_features_of_a_small_page():
    html = ("<html><body><div class='story'><h2>Harbour wall</h2>"
            f"<p>{STORY[0]}</p><p>{STORY[1]}</p></div>"
            "<div class='share-bar'><p><a href='/x'>Share on X</a></p></div></body></html>")
    blocks, rows = rows_of(html)
    assert [b.text for b in blocks] == ["Harbour wall", STORY[0], STORY[1], "Share on X"]
    head, first, second, share = rows
    assert head["kind_heading"] == 1.0 and first["kind_heading"] == 0.0
    assert head["position"] == 0.0 and share["position"] == 1.0
    assert share["link_share"] == 1.0 and first["link_share"] == 0.0
    assert share["in_share"] == 1.0 and first["in_share"] == 0.0
    assert first["log_chars"] == pytest.approx(math.log1p(len(STORY[0])))
    assert first["log_words"] == pytest.approx(math.log1p(16))
    assert first["ends_sentence"] == 1.0 and head["ends_sentence"] == 0.0
    assert first["stops_per_word"] == pytest.approx(1 / 16)
    assert head["caps_share"] == pytest.approx(0.5)  # "Harbour" of "Harbour wall"
    total = sum(len(b.text) for b in blocks)
    assert first["chars_before"] == pytest.approx(len("Harbour wall") / total)
    assert first["prev_link_share"] == 0.0 and head["prev_link_share"] == 1.0  # nothing before: as if links
    assert share["next_link_share"] == 1.0


def test_repeated_text_is_flagged():
    html = f"<html><body><p>Read more</p><p>{STORY[0]}</p><p>Read more</p></body></html>"
    _, rows = rows_of(html)
    assert [r["repeats"] for r in rows] == [1.0, 0.0, 1.0]


def _model(weights: dict[str, float], bias: float, threshold: float = 0.5) -> BlockModel:
    n = len(FEATURES)
    return BlockModel(FEATURES, bias, threshold, tuple(weights.get(f, 0.0) for f in FEATURES), (0.0,) * n,
                      (1.0,) * n)


def _with(model: BlockModel) -> Extractor:
    return Extractor(post=POST.replace("block-model", BlockFilter(model=model)).enable("block-model"), fallback=None)


def test_the_step_drops_blocks_below_the_threshold_and_keeps_the_rest():
    # a toy model: content when the block ends a sentence
    html = "<html><body><article>" + "".join(f"<p>{t}</p>" for t in STORY) + "<p>Photo gallery</p></article></body></html>"
    toy = _model({"ends_sentence": 10.0}, -5.0)
    assert extract(html, extractor=_with(toy)).text == "\n\n".join(STORY)


def test_the_step_never_empties_the_content():
    html = "<html><body><article>" + "".join(f"<p>{t}</p>" for t in STORY) + "</article></body></html>"
    drop_all = _model({}, -10.0)
    assert extract(html, extractor=_with(drop_all)).text == "\n\n".join(STORY)


def test_an_element_holding_kept_blocks_stays():
    # the <div>'s own line is dropped by the toy model, but the div also holds the story paragraphs
    html = ("<html><body><article><div>Posted in News<p>" + "</p><p>".join(STORY) + "</p></div>"
            "</article></body></html>")
    toy = _model({"ends_sentence": 10.0}, -5.0)
    assert extract(html, extractor=_with(toy)).text == "\n\n".join(["Posted in News"] + STORY)


def test_the_step_is_named_off_by_default_and_can_be_skipped():
    assert POST.names[-1] == "block-model" and "block-model" in POST.disabled
    html = "<html><body><article>" + "".join(f"<p>{t}</p>" for t in STORY) + "<p>Photo gallery</p></article></body></html>"
    assert extract(html).text == "\n\n".join(STORY + ["Photo gallery"])  # default: the model does not run
    html = "<html><body><article>" + "".join(f"<p>{t}</p>" for t in STORY) + "<p>Photo gallery</p></article></body></html>"
    toy = _with(_model({"ends_sentence": 10.0}, -5.0))
    assert extract(html, extractor=toy, skip=("block-model",)).text == "\n\n".join(STORY + ["Photo gallery"])


def test_shipped_model_drops_a_copyright_line_and_keeps_the_story():
    # the step alone, on a content root that still holds chrome below the story
    story = [STORY[0] + " " + STORY[1], STORY[2] + " " + STORY[0]]
    html = ("<html><body><article><h1>Harbour wall</h1>" + "".join(f"<p>{t}</p>" for t in story)
            + "<ul><li><a href='/f'>Facebook</a></li><li><a href='/t'>Twitter</a></li></ul>"
            "<p><a href='/next'>Next article: Storm warning for the coast</a></p>"
            "<div class='footer-note'><p>\u00a9 2024 Example News. All rights reserved.</p></div>"
            "</article></body></html>")
    tree = dom.parse(html)
    ctx = Context.new()
    ctx.root = tree.body
    BlockFilter()(tree.body, ctx)
    kept = [b.text for b in text_blocks(tree.body, Context.new())]
    assert kept[:3] == ["Harbour wall"] + story
    assert not any("rights reserved" in t for t in kept)


def test_an_extractor_with_a_given_model_is_hashable_and_equal_to_its_copy():
    ex = _with(default_model())
    assert hash(ex.post) == hash(_with(default_model()).post)


def test_stored_model_round_trips_through_json():
    model = default_model()
    again = BlockModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again.weights == model.weights and again.threshold == model.threshold
