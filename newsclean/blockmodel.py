"""A learned block filter: a logistic regression over cheap block features drops chrome blocks.

The hand rules choose the content root and prune what scores as chrome; what
is left still holds short lines the rules cannot tell from prose (a bio line,
a "related" teaser that escaped the token cleaners, a caption).  This step
scores every text block of the content with a logistic regression whose
weights ship as data (``newsclean/data/blocks.json``, written by
``benchmarks/train_blocks.py``) and removes blocks whose probability of
being content is below the model's threshold.  Inference is pure Python:
one dot product per block.

The features (:func:`features`) are computed on the blocks under the content
root after the other content steps ran, which is exactly where the training
script records them.
"""

from __future__ import annotations

import json
import math
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Callable, Sequence

import regex

from . import dom, patterns
from .scoring import is_story
from .segment import blocks_of

if TYPE_CHECKING:
    from .context import Context
    from .dom import LexborNode
    from .segment import RawBlock

KINDS = ("heading", "list_item", "cell", "code", "caption", "quote")  # "paragraph" is the base
# Class/id vocabularies of chrome (and of the article body) the ancestors of a block may carry.
GROUPS: dict[str, frozenset[str]] = {name: frozenset(dom.normalize_token(t) for t in tokens) for name, tokens in (
    ("nav", patterns.NAVIGATION), ("sidebar", patterns.SIDEBAR), ("comments", patterns.COMMENTS),
    ("share", patterns.SHARE), ("related", patterns.RELATED), ("newsletter", patterns.NEWSLETTER),
    ("ads", patterns.ADS), ("author", patterns.AUTHOR_BIO), ("post_meta", patterns.POST_META),
    ("tags", patterns.TAG_LISTS), ("meta", patterns.META), ("captions", patterns.CAPTIONS),
    ("content", patterns.CONTENT))}
# Never dropped: code listings are short, digit-heavy and unpunctuated (all the model reads as chrome), yet a
# page shows them as content (measured out-of-fold on the train half: line-number gutters, install commands).
KEEP_KINDS = frozenset({"code"})
# Long blocks with few links are kept without being scored: on the train half the model would drop 30 of
# 30,249 such blocks, and skipping them skips most of the text the features read (85% of the characters).
PROSE_CHARS = 80
PROSE_LINK_SHARE = 0.2
HASH_BUCKETS = 32  # other class/id words of the ancestors, hashed: site-independent habits (card, teaser, ...)
WORD_LEVELS = 3
ANCESTOR_TAGS = ("li", "td", "header", "footer", "aside", "nav", "form", "figure", "a")
FEATURES: tuple[str, ...] = (
    ("log_chars", "log_words", "link_share", "anchors_per_word", "stops_per_word", "commas_per_word",
     "ends_sentence", "digit_share", "caps_share", "level")
    + tuple(f"kind_{k}" for k in KINDS)
    + ("position", "chars_before", "chars_after", "from_densest", "text_share", "repeats", "is_title",
       "prev_link_share", "next_link_share", "prev_log_chars", "next_log_chars", "story", "log_blocks",
       "rel_depth", "siblings_share")
    + tuple(f"in_{g}" for g in GROUPS) + tuple(f"under_{t}" for t in ANCESTOR_TAGS)
    + tuple(f"word_{i}" for i in range(HASH_BUCKETS)))

_WORDS = regex.compile(r"\w+")
_STOPS = regex.compile(r"[.!?。！？]")
_ENDS = regex.compile(r"[.!?。！？:;\"'”»)…]$")
_DIGIT = regex.compile(r"\d")


Tree = tuple[tuple[int, ...], tuple[float, ...], tuple[int, ...], tuple[int, ...], tuple[float, ...]]


@dataclass(frozen=True, slots=True)
class BlockModel:
    """Log-odds of "content" for a feature row: ``bias``, plus a standardised linear part
    ``sum(w * (x - mean) / scale)``, plus the leaf values of boosted regression trees.

    A tree is five parallel tuples over its nodes: feature index (-1 at a leaf), split threshold
    (go left when ``x <= threshold``), left child, right child, leaf value.  Either part may be
    empty; ``benchmarks/train_blocks.py`` writes whichever model validated better.
    """

    features: tuple[str, ...]
    bias: float
    threshold: float  # blocks whose probability is below this are dropped
    weights: tuple[float, ...] = ()
    mean: tuple[float, ...] = ()
    scale: tuple[float, ...] = ()
    trees: tuple[Tree, ...] = ()
    info: dict | None = field(default=None, compare=False)  # how it was trained; not used at inference

    @classmethod
    def from_json(cls, data: dict) -> "BlockModel":
        names = tuple(data["features"])
        if names != FEATURES:
            raise ValueError("the stored block model was trained on other features; rerun benchmarks/train_blocks.py")
        weights = tuple(map(float, data.get("weights") or ()))
        if weights and not (len(weights) == len(data["mean"]) == len(data["scale"]) == len(names)):
            raise ValueError("the stored block model's vectors do not match its feature list")
        trees = tuple(tuple(tuple(part) for part in tree) for tree in data.get("trees") or ())
        for tree in trees:
            if len(tree) != 5 or len({len(part) for part in tree}) != 1 or max(tree[0]) >= len(names):
                raise ValueError("a stored block model tree is malformed")
        return cls(names, float(data["bias"]), float(data["threshold"]), weights,
                   tuple(map(float, data.get("mean") or ())), tuple(float(s) or 1.0 for s in data.get("scale") or ()),
                   trees, data.get("info"))

    def to_json(self) -> dict:
        return {"features": list(self.features), "bias": self.bias, "threshold": self.threshold,
                "weights": list(self.weights), "mean": list(self.mean), "scale": list(self.scale),
                "trees": [[list(part) for part in tree] for tree in self.trees], "info": self.info or {}}

    def log_odds(self, row: Sequence[float]) -> float:
        z = self.bias
        for x, w, m, s in zip(row, self.weights, self.mean, self.scale):
            if w:
                z += w * (x - m) / s
        for feature, split, left, right, value in self.trees:
            i = 0
            while feature[i] >= 0:
                i = left[i] if row[feature[i]] <= split[i] else right[i]
            z += value[i]
        return z

    @property
    def cutoff(self) -> float:
        """``threshold`` on the log-odds scale: ``log_odds(row) < cutoff`` iff ``probability(row) < threshold``."""
        t = self.threshold
        return -math.inf if t <= 0.0 else math.inf if t >= 1.0 else math.log(t / (1.0 - t))

    def compiled(self) -> Callable[[Sequence[float]], float]:
        """``log_odds`` as one generated Python expression (trees as nested conditionals), built once
        per model: the loop over node tuples costs five times as many bytecodes per split.  The source
        holds only the model's validated ints and floats."""
        fn = _COMPILED.get(id(self))
        if fn is None or fn[0] is not self:
            fn = _COMPILED[id(self)] = (self, _compile(self))
        return fn[1]

    def probability(self, row: Sequence[float]) -> float:
        z = self.log_odds(row)
        return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0


_COMPILED: dict[int, tuple[BlockModel, Callable[[Sequence[float]], float]]] = {}


def _compile(model: BlockModel) -> Callable[[Sequence[float]], float]:
    def node(tree: Tree, i: int) -> str:
        feature, split, left, right, value = tree
        if feature[i] < 0:
            return repr(float(value[i]))
        return (f"({node(tree, int(left[i]))} if x[{int(feature[i])}] <= {float(split[i])!r} "
                f"else {node(tree, int(right[i]))})")

    terms = [repr(float(model.bias))]
    terms += [f"{float(w) / float(s)!r} * (x[{j}] - {float(m)!r})"
              for j, (w, m, s) in enumerate(zip(model.weights, model.mean, model.scale)) if w]
    terms += [node(tree, 0) for tree in model.trees]
    return eval("lambda x: " + " + ".join(terms), {"__builtins__": {}})  # noqa: S307  numbers only, see above


@lru_cache(maxsize=1)
def default_model() -> BlockModel:
    """The model shipped with the package (read once per process)."""
    text = resources.files("newsclean").joinpath("data/blocks.json").read_text(encoding="utf-8")
    return BlockModel.from_json(json.loads(text))


def _ancestry(block: RawBlock, root_id: int, memo: dict[int, tuple[tuple[int, ...], tuple[int, ...]]]) -> set[int]:
    """Indices of the binary features the block's ancestors (block element up to, not including, the
    content root) switch on: chrome vocabularies and tags on any of them, hashed class/id words on the
    nearest ``WORD_LEVELS`` only (further up, every block shares them).  Per element, memoised."""
    out: set[int] = set()
    node: LexborNode | None = block.node
    base_groups = len(FEATURES) - HASH_BUCKETS - len(ANCESTOR_TAGS) - len(GROUPS)
    base_tags = base_groups + len(GROUPS)
    base_words = base_tags + len(ANCESTOR_TAGS)
    steps = len(block.path) - 1 - block.path.index(root_id) if root_id in block.path else len(block.path) - 1
    for level in range(steps):
        if node is None:
            break
        mid = node.mem_id
        hit = memo.get(mid)
        if hit is None:
            attrs = node.attributes
            cls, ident = attrs.get("class") or "", attrs.get("id") or ""
            found: list[int] = []
            hashed: list[int] = []
            if cls or ident:
                toks = dom.tokens_of(cls, ident, patterns.IGNORED_CLASS_PREFIXES)
                found += [base_groups + i for i, g in enumerate(GROUPS.values()) if not g.isdisjoint(toks)]
                hashed += [base_words + zlib.crc32(t.encode()) % HASH_BUCKETS for t in toks if "-" not in t]
            tag = node.tag
            if tag in ANCESTOR_TAGS:
                found.append(base_tags + ANCESTOR_TAGS.index(tag))
            hit = memo[mid] = (tuple(found), tuple(hashed))
        out.update(hit[0])
        if level < WORD_LEVELS:
            out.update(hit[1])
        node = node.parent
    return out


def candidate(block: RawBlock) -> bool:
    """A block the model scores: not a code listing, not a long block of unlinked text."""
    return block.kind not in KEEP_KINDS and not (
        len(block.text) >= PROSE_CHARS and block.link_chars < PROSE_LINK_SHARE * len(block.text))


def features(blocks: Sequence[RawBlock], root: LexborNode, ctx: Context,
             only: Sequence[int] | None = None) -> list[list[float]]:
    """One feature row (in ``FEATURES`` order) per block, or per block of the indices ``only``;
    ``blocks`` are all the text blocks under ``root`` (page-level features read them all)."""
    n = len(blocks)
    if not n:
        return []
    texts = [b.text for b in blocks]
    chars = [len(t) for t in texts]
    total = sum(chars) or 1
    densest = max(range(n), key=chars.__getitem__)
    link = [b.link_chars / c if c else 0.0 for b, c in zip(blocks, chars)]
    seen: dict[str, int] = {}
    for t in texts:
        key = t.casefold()
        seen[key] = seen.get(key, 0) + 1
    title = (ctx.title or "").casefold().strip()
    story = 1.0 if is_story(ctx) else 0.0
    log_blocks = math.log1p(n)
    root_id = root.mem_id
    depths = [len(b.path) for b in blocks]
    min_depth = min(depths)
    parents: dict[tuple[int, ...], int] = {}
    for b, c in zip(blocks, chars):
        parents[b.path[:-1]] = parents.get(b.path[:-1], 0) + c
    memo: dict[int, tuple[tuple[int, ...], tuple[int, ...]]] = {}
    width = len(FEATURES)
    rows = []
    prefix = [0]
    for c in chars:
        prefix.append(prefix[-1] + c)
    for i in (range(n) if only is None else only):
        b = blocks[i]
        text, c = texts[i], chars[i]
        before = prefix[i]
        words = _WORDS.findall(text)
        nw = len(words) or 1
        caps = sum(1 for w in words if w[0].isupper())
        kinds = [0.0] * len(KINDS)
        if b.kind in KINDS:
            kinds[KINDS.index(b.kind)] = 1.0
        row = ([math.log1p(c), math.log1p(len(words)), link[i], b.anchors / nw, len(_STOPS.findall(text)) / nw,
                text.count(",") / nw, 1.0 if _ENDS.search(text) else 0.0,
                len(_DIGIT.findall(text)) / (c or 1), caps / nw, float(b.level)]
               + kinds
               + [i / (n - 1) if n > 1 else 0.0, before / total, (total - before - c) / total,
                  abs(i - densest) / n, c / total, 1.0 if seen[text.casefold()] > 1 else 0.0,
                  1.0 if title and text.casefold() == title else 0.0,
                  link[i - 1] if i else 1.0, link[i + 1] if i + 1 < n else 1.0,
                  math.log1p(chars[i - 1]) if i else 0.0, math.log1p(chars[i + 1]) if i + 1 < n else 0.0,
                  story, log_blocks, float(depths[i] - min_depth), parents[b.path[:-1]] / total])
        row += [0.0] * (width - len(row))  # the ancestry features, set below
        for j in _ancestry(b, root_id, memo):
            row[j] = 1.0
        rows.append(row)
    return rows


def text_blocks(root: LexborNode, ctx: Context) -> list[RawBlock]:
    """The blocks the model scores: every block under ``root`` but images (they carry no text)."""
    return [b for b in blocks_of(root, ctx) if b.kind != "image"]


@dataclass(frozen=True, slots=True)
class BlockFilter:
    """The ``block-model`` step: remove content blocks the model scores below its threshold.

    A block element that holds other (kept) blocks is never removed, so only
    the block's own element goes, never a container of kept text.  With no
    ``model`` given, the packaged one (:func:`default_model`) is used.
    """

    name: str = "block-model"
    stage: str = "content"
    model: BlockModel | None = None

    def __call__(self, root: LexborNode, ctx: Context) -> None:
        blocks = text_blocks(root, ctx)
        if len(blocks) < 2:
            return  # one block is the whole content: nothing to weigh it against
        model = self.model or default_model()
        todo = [i for i, b in enumerate(blocks) if candidate(b)]
        if not todo:
            return
        score = model.compiled()
        drop = [blocks[i] for i, row in zip(todo, features(blocks, root, ctx, todo)) if score(row) < model.cutoff]
        if not drop or len(drop) == len(blocks):
            return  # never empty the content: the root was chosen for its text
        dropped = {b.node.mem_id for b in drop}
        holders = {mid for b in blocks if b.node.mem_id not in dropped for mid in b.path[:-1]}
        dom.remove([b.node for b in drop if b.node.mem_id not in holders], ctx)


block_model = BlockFilter()
