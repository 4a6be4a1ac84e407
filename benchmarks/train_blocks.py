"""Train the block model (newsclean/blockmodel.py) on the train half of the corpora; write its weights.

    python -m benchmarks.train_blocks ../shared/datasets [-o newsclean/data/blocks.json] [--jobs 2]
        [--cache /tmp/blocks-features.pkl]

Needs numpy (training only; inference is pure Python).  Steps:

1. Extract every page with the default pipeline, the ``block-model`` step
   replaced by a recorder that keeps each content block's features and text
   (exactly what the step sees at run time; the fallback is off).
2. Label blocks.  On pages with ``main_content`` (wcxb-dev,
   readability-pages) a block is content when most of its word pairs (its
   word, for a one-word block) occur in the reference.  On trafilatura-eval a
   block holding a ``with`` snippet is content, one holding a ``without``
   snippet is not; other blocks are left out.
3. Fit an L2-regularised logistic regression (Newton's method) on the train
   half (``benchmarks.corpus.split_of``), blocks weighted so that every page
   counts alike.
4. Choose the drop threshold on the train half only, by simulating each
   page's output (word F1, snippet F1) at thresholds from 0 (keep all) up.
5. Report the same simulation on the validation half; the real figures come
   from ``python -m benchmarks.evaluate FOLDER --split validation`` with and
   without ``--skip block-model``.
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import re
import sys
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.corpus import Page, corpora, pages, split_of
from benchmarks.metrics import mean, norm, snippet_counts, snippet_total, word_prf

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "newsclean" / "data" / "blocks.json"
_WORD = re.compile(r"\w+")
THRESHOLDS = (0.0, 0.02, 0.04, 0.06, 0.08, 0.1, 0.12, 0.14, 0.16, 0.18, 0.2, 0.22, 0.25, 0.3, 0.35, 0.4, 0.5)
L2 = 1.0  # ridge on the standardised weights


@dataclass
class Recorder:
    """Stands in for the ``block-model`` step: records what the step would score."""

    name: str = "block-model"
    stage: str = "content"
    seen: list = field(default_factory=list)

    def __call__(self, root, ctx) -> None:
        from newsclean.blockmodel import features, text_blocks

        blocks = text_blocks(root, ctx)
        self.seen.append(([b.text for b in blocks], features(blocks, root, ctx)))


def _pairs(text: str) -> list[str]:
    w = _WORD.findall(text.lower())
    return w if len(w) < 2 else [a + " " + b for a, b in zip(w, w[1:])]


def labels(texts: list[str], page: Page) -> list[int]:
    """1 content, 0 chrome, -1 unknown, per block (see the module docstring)."""
    if page.main_content is not None:
        ref = set(_pairs(page.main_content)) | set(_WORD.findall(page.main_content.lower()))
        out = []
        for t in texts:
            ps = _pairs(t)
            out.append(-1 if not ps else int(sum(p in ref for p in ps) > 0.5 * len(ps)))
        return out
    withs, withouts = [norm(s) for s in page.with_], [norm(s) for s in page.without]
    out = []
    for t in texts:
        n = norm(t)
        if any(s and s in n for s in withs):
            out.append(1)
        elif any(s and s in n for s in withouts):
            out.append(0)
        else:
            out.append(-1)
    return out


def record(page: Page) -> dict[str, Any]:
    from newsclean.cleaners import POST
    from newsclean.extractor import Extractor

    rec = Recorder()
    ex = Extractor(post=POST.replace("block-model", rec), fallback=None)
    try:
        ex.extract(page.html(), url=page.url)
    except Exception as exc:  # noqa: BLE001  a page that raises is left out, and counted
        return {"corpus": page.corpus, "id": page.id, "error": repr(exc)}
    texts, rows = rec.seen[-1] if rec.seen else ([], [])
    return {"corpus": page.corpus, "id": page.id, "page_type": page.page_type, "split": split_of(page),
            "texts": texts, "rows": rows, "labels": labels(texts, page), "ref": page.main_content,
            "with": page.with_, "without": page.without}


def collect(folder: str, jobs: int) -> list[dict[str, Any]]:
    todo = [p for c in corpora(folder) for p in pages(c)]
    if jobs <= 1:
        return [record(p) for p in todo]
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(record, todo, chunksize=16))


def fit(X, y, w, l2: float = L2, iters: int = 30):
    """Weighted L2 logistic regression by Newton's method on standardised X; (weights, bias, mean, scale)."""
    import numpy as np

    mean_, scale = X.mean(axis=0), X.std(axis=0)
    scale[scale < 1e-9] = 1.0
    Z = np.hstack([(X - mean_) / scale, np.ones((len(X), 1))])
    beta = np.zeros(Z.shape[1])
    reg = np.full(Z.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(iters):
        p = 1 / (1 + np.exp(-np.clip(Z @ beta, -40, 40)))
        grad = Z.T @ (w * (p - y)) + reg * beta
        H = (Z * (w * p * (1 - p))[:, None]).T @ Z + np.diag(reg + 1e-9)
        step = np.linalg.solve(H, grad)
        beta -= step
        if np.abs(step).max() < 1e-7:
            break
    return beta[:-1], beta[-1], mean_, scale


def simulate(recs: list[dict[str, Any]], probs: list[list[float]], threshold: float) -> dict[str, dict[str, float]]:
    """Each page's text with blocks below ``threshold`` dropped (never all), scored like evaluate.py."""
    f1s: dict[str, list[float]] = defaultdict(list)
    snips: dict[str, list] = defaultdict(list)
    for r, ps in zip(recs, probs):
        keep = [t for t, p, row in zip(r["texts"], ps, r["rows"]) if p >= threshold or not candidate_row(row)]
        if not keep:
            keep = r["texts"]
        text = "\n\n".join(keep)
        if r["ref"] is not None:
            f = word_prf(text, r["ref"])[2]
            f1s[r["corpus"]].append(f)
            if r["page_type"]:
                f1s[f"{r['corpus']}/{r['page_type']}"].append(f)
        if r["with"] or r["without"]:
            snips[r["corpus"]].append(snippet_counts(text, r["with"], r["without"]))
    out = {k: {"word_f1": mean(v), "pages": len(v)} for k, v in f1s.items()}
    for k, v in snips.items():
        if k not in out:
            out[k] = {"snip_f1": snippet_total(v).f1, "pages": len(v)}
    return out


def candidate_row(row: list[float]) -> bool:
    """``newsclean.blockmodel.candidate`` read back from a feature row: the blocks the step scores."""
    from newsclean.blockmodel import FEATURES, KEEP_KINDS, PROSE_CHARS, PROSE_LINK_SHARE

    assert KEEP_KINDS == {"code"}, "candidate_row() knows only the code exemption of BlockFilter"
    if row[FEATURES.index("kind_code")]:
        return False
    chars = round(math.expm1(row[FEATURES.index("log_chars")]))
    return not (chars >= PROSE_CHARS and row[FEATURES.index("link_share")] < PROSE_LINK_SHARE)


def _gain(base: dict[str, dict[str, float]], new: dict[str, dict[str, float]]) -> float | None:
    """Mean gain over the corpora of their headline figure, or None when a corpus or a wcxb page type
    loses more than ``MAX_LOSS``: the threshold must help every corpus and hurt no kind of page."""
    gains = {}
    for k, v in base.items():
        key = "word_f1" if "word_f1" in v else "snip_f1"
        gains[k] = new[k][key] - v[key]
    if min(gains.values()) < -MAX_LOSS:
        return None
    return mean([g for k, g in gains.items() if "/" not in k])


MAX_LOSS = 0.001


def page_arrays(recs: list[dict[str, Any]]):
    """(X, y, w) over the labelled blocks of ``recs`` (all of them: fitting on the scored candidates only
    measured worse out-of-fold on collections); every page weighs alike; on word-F1 pages a block
    weighs by its words (what word F1 counts), on snippet pages labelled blocks weigh alike."""
    import numpy as np

    X, y, w = [], [], []
    for r in recs:
        lab = [(row, l, len(_WORD.findall(t))) for row, l, t in zip(r["rows"], r["labels"], r["texts"]) if l >= 0]
        if not lab:
            continue
        total = sum(n for *_, n in lab) or 1
        for row, l, n in lab:
            X.append(row)
            y.append(l)
            w.append((n / total) if r["ref"] is not None else 1 / len(lab))
    X, y, w = np.array(X, dtype=float), np.array(y, dtype=float), np.array(w, dtype=float)
    return X, y, w * len(w) / w.sum()


def train_model(kind: str, recs: list[dict[str, Any]], l2: float, n_trees: int = 0, depth: int = 0):
    """A fitted BlockModel (threshold 0.5 until tuned) of ``kind`` "linear" or "trees"."""
    from newsclean.blockmodel import FEATURES, BlockModel

    X, y, w = page_arrays(recs)
    if kind == "linear":
        coef, bias, mean_, scale = fit(X, y, w, l2)
        return BlockModel(FEATURES, float(bias), 0.5, tuple(map(float, coef)), tuple(map(float, mean_)),
                          tuple(map(float, scale)))
    from sklearn.ensemble import GradientBoostingClassifier

    gbm = GradientBoostingClassifier(n_estimators=n_trees or TREES, max_depth=depth or DEPTH, learning_rate=RATE, subsample=0.8,
                                     min_samples_leaf=50, random_state=0)
    gbm.fit(X, y, sample_weight=w)
    trees = []
    for est in gbm.estimators_[:, 0]:
        t = est.tree_
        trees.append((tuple(int(f) if f >= 0 else -1 for f in t.feature), tuple(float(v) for v in t.threshold),
                      tuple(int(v) for v in t.children_left), tuple(int(v) for v in t.children_right),
                      tuple(float(v) * RATE for v in t.value[:, 0, 0])))
    model = BlockModel(FEATURES, 0.0, 0.5, trees=tuple(trees))
    bias = float(gbm.decision_function(X[:1])[0]) - model.log_odds(list(X[0]))
    model = BlockModel(FEATURES, bias, 0.5, trees=tuple(trees))
    check = gbm.decision_function(X[:200])
    assert all(abs(model.log_odds(list(x)) - c) < 1e-6 for x, c in zip(X[:200], check)), "tree export differs"
    return model


TREES, DEPTH, RATE = 120, 3, 0.1
KINDS = ("linear", "trees")


def probs_of(model, recs: list[dict[str, Any]]) -> list[list[float]]:
    return [[model.probability(row) for row in r["rows"]] for r in recs]


def fold_of(r: dict[str, Any]) -> int:
    """Two folds of the train half, for out-of-fold predictions (the threshold is tuned on those)."""
    import hashlib

    return hashlib.sha1(f"fold/{r['corpus']}/{r['id']}".encode()).digest()[0] & 1


def main(argv: list[str] | None = None) -> int:
    from dataclasses import replace

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder")
    ap.add_argument("-o", "--output", default=str(DEFAULT_OUT))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--cache", help="pickle of the recorded blocks: reused when it exists (features unchanged)")
    ap.add_argument("--l2", type=float, default=L2)
    ap.add_argument("--trees", type=int, default=TREES, help="boosting rounds")
    ap.add_argument("--depth", type=int, default=DEPTH, help="depth of each tree")
    ap.add_argument("--kind", choices=KINDS, help="fit only this kind of model (default: both, keep the better)")
    args = ap.parse_args(argv)
    if args.cache and Path(args.cache).exists():
        recs = pickle.loads(Path(args.cache).read_bytes())
    else:
        recs = collect(args.folder, args.jobs)
        if args.cache:
            Path(args.cache).write_bytes(pickle.dumps(recs))
    errors = [r for r in recs if "error" in r]
    recs = [r for r in recs if "error" not in r and r["texts"]]
    train = [r for r in recs if r["split"] == "train"]
    valid = [r for r in recs if r["split"] == "validation"]
    print(f"pages: {len(train)} train, {len(valid)} validation, {len(errors)} raised; "
          f"labelled train blocks: {sum(l >= 0 for r in train for l in r['labels'])}")
    base_oof = simulate(train, [[1.0] * len(r["texts"]) for r in train], 0.5)
    chosen = None
    for kind in ([args.kind] if args.kind else KINDS):
        # out-of-fold probabilities on the train half: fit on one fold, predict the other
        oof: dict[int, list[float]] = {}
        for f in (0, 1):
            part = [r for r in train if fold_of(r) != f]
            m = train_model(kind, part, args.l2, args.trees, args.depth)
            for i, r in enumerate(train):
                if fold_of(r) == f:
                    oof[i] = [m.probability(row) for row in r["rows"]]
        probs = [oof[i] for i in range(len(train))]
        print(f"{kind}: threshold  out-of-fold gain on the train half (None: some corpus or page type loses)")
        best_t, best_g = None, 0.0
        for t in THRESHOLDS[1:]:
            g = _gain(base_oof, simulate(train, probs, t))
            print(f"  {t:5.2f}  {g if g is None else round(g, 4)}")
            if g is not None and g > best_g:
                best_t, best_g = t, g
        print(f"  chosen: {best_t} (gain {best_g:.4f})")
        if best_t is not None and (chosen is None or best_g > chosen[2]):
            chosen = (kind, best_t, best_g)
    if chosen is None:
        print("no model and threshold gains on the train half without a loss; nothing written")
        return 1
    kind, threshold, gain = chosen
    model = replace(train_model(kind, train, args.l2, args.trees, args.depth), threshold=threshold, info={
        "kind": kind, "trained_on": "train half of each corpus (benchmarks.corpus.split_of)",
        "trees": args.trees, "depth": args.depth, "train_pages": len(train), "threshold_gain_out_of_fold": round(gain, 5),
        "command": "python -m benchmarks.train_blocks FOLDER"})
    vbase = simulate(valid, [[1.0] * len(r["texts"]) for r in valid], 0.5)
    vnew = simulate(valid, probs_of(model, valid), threshold)
    print(f"final: {kind}, threshold {threshold}; simulated validation (content-step output, no fallback):")
    for k in sorted(vbase):
        key = "word_f1" if "word_f1" in vbase[k] else "snip_f1"
        print(f"  {k:34s} {key} {vbase[k][key]:.4f} -> {vnew[k][key]:.4f}  ({vbase[k]['pages']} pages)")
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(json.dumps(model.to_json(), separators=(",", ":")) + "\n")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
