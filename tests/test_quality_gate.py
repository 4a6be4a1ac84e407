"""The quality gate: newsclean alone on the three corpora must stay above pinned F1 floors.

The corpora live outside the repo (``../shared/datasets`` beside the clone, or
``NEWSCLEAN_DATASETS``).  In CI their absence is a failure; elsewhere the
test skips with the reason.  Floors are in ``benchmarks/floors.json``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from benchmarks.evaluate import run, summarize

ROOT = Path(__file__).resolve().parents[1]
DATASETS = Path(os.environ.get("NEWSCLEAN_DATASETS", ROOT.parent / "shared" / "datasets"))
FLOORS = json.loads((ROOT / "benchmarks" / "floors.json").read_text())


@pytest.fixture(scope="module")
def summary() -> dict[str, dict[str, float]]:
    if not (DATASETS / "wcxb-dev" / "truth.jsonl").exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"corpora not found at {DATASETS}")
        pytest.skip(f"corpora not found at {DATASETS} (set NEWSCLEAN_DATASETS)")
    rows = run(str(DATASETS), jobs=os.cpu_count() or 1)
    assert not [r for r in rows if "error" in r], "extract() raised on corpus pages"
    return summarize(rows)


@pytest.mark.parametrize("key", [k for k in FLOORS if not k.startswith("_")])
def test_f1_stays_above_its_floor(summary, key):
    for metric, floor in FLOORS[key].items():
        value = summary[key][metric]
        assert value >= floor, f"{key} {metric} fell to {value:.4f}, below the floor {floor}"
