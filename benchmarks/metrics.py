"""The metrics the anchors publish, exactly as ../shared/datasets/README.md defines them.

* Word F1 (WCXB): lower-case, tokens are ``\\w+`` matches, overlap is the size
  of the multiset intersection; P, R, F1 per page, then the mean of each over
  pages.  An empty prediction against a non-empty reference scores 0.
* Snippet F1 (trafilatura): whitespace-normalised, lower-cased containment of
  each ``with`` (true positive if found) and ``without`` (false positive if
  found) snippet; counts summed over pages, then P, R, F1, accuracy.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

_WORD = re.compile(r"\w+")
_WS = re.compile(r"\s+")


def words(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.lower()))


def word_prf(pred: str, ref: str) -> tuple[float, float, float]:
    p_words, r_words = words(pred or ""), words(ref or "")
    n_pred, n_ref = sum(p_words.values()), sum(r_words.values())
    if n_ref == 0:
        return (1.0, 1.0, 1.0) if n_pred == 0 else (0.0, 1.0, 0.0)
    if n_pred == 0:
        return 0.0, 0.0, 0.0
    overlap = sum((p_words & r_words).values())
    p, r = overlap / n_pred, overlap / n_ref
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def norm(text: str) -> str:
    return _WS.sub(" ", text or "").strip().lower()


def snippet_counts(pred: str, with_: Sequence[str], without: Sequence[str]) -> tuple[int, int, int, int]:
    """(tp, fn, fp, tn) for one page."""
    text = norm(pred)
    tp = sum(1 for s in with_ if norm(s) in text)
    fp = sum(1 for s in without if norm(s) in text)
    return tp, len(with_) - tp, fp, len(without) - fp


@dataclass(frozen=True)
class SnippetScore:
    tp: int
    fn: int
    fp: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        total = self.tp + self.fn + self.fp + self.tn
        return (self.tp + self.tn) / total if total else 0.0


def snippet_total(counts: Iterable[Sequence[int]]) -> SnippetScore:
    tp = fn = fp = tn = 0
    for a, b, c, d in counts:
        tp, fn, fp, tn = tp + a, fn + b, fp + c, tn + d
    return SnippetScore(tp, fn, fp, tn)


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0
