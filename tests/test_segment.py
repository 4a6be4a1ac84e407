"""Segmentation: what reads as one run of text stays one block."""

from __future__ import annotations

from newsclean import extract

STORY = "The council approved the new bridge on Monday after a debate that lasted most of the evening."


def test_mathml_formula_reads_inline():
    html = (f"<html><body><article><p>{STORY}</p><p>When <math><mi>a</mi><mo>≠</mo><mn>0</mn></math>, "
            "there are two solutions to the equation we study here.</p></article></body></html>")
    assert extract(html).text == f"{STORY}\n\nWhen a≠0, there are two solutions to the equation we study here."
