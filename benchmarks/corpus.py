"""Read a corpus folder of the shared layout: ``truth.jsonl`` plus ``html/<id>.html.gz``."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator


@dataclass(frozen=True)
class Page:
    corpus: str
    id: str
    url: str | None
    page_type: str | None
    main_content: str | None
    with_: tuple[str, ...]
    without: tuple[str, ...]
    truth: dict[str, Any]
    path: Path

    def html(self) -> bytes:
        """The page's bytes exactly as stored (gunzipped, not decoded)."""
        with gzip.open(self.path, "rb") as fh:
            return fh.read()


def corpora(root: str | Path) -> list[Path]:
    """Corpus folders under ``root`` (or ``root`` itself when it is one)."""
    root = Path(root)
    if (root / "truth.jsonl").exists():
        return [root]
    return sorted(p for p in root.iterdir() if (p / "truth.jsonl").exists())


_WORD = re.compile(r"\w")


def reference(main_content: str | None) -> str | None:
    """The page's ``main_content``, or None when it holds no word at all.

    Such a page (19 in wcxb-dev) has no reference to score words against: any
    non-empty output scores F1 0 on it, and the anchors' published figures
    leave it out (trafilatura on wcxb-dev: 0.827 without those pages, 0.819 with).
    """
    return main_content if main_content is not None and _WORD.search(main_content) else None


def pages(folder: str | Path) -> Iterator[Page]:
    folder = Path(folder)
    with open(folder / "truth.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            r = json.loads(line)
            url = r.get("url")
            if url and not url.startswith(("http://", "https://")):
                url = None  # trafilatura-eval stores "hard::name.html" placeholders
            yield Page(folder.name, r["id"], url, r.get("page_type"), reference(r.get("main_content")),
                       tuple(r.get("with") or ()), tuple(r.get("without") or ()), r, folder / r["html"])


SPLITS = ("train", "validation")


def split_of(page: Page) -> str:
    """``"train"`` or ``"validation"``: a fixed half of every corpus, by a hash of the corpus and page id.

    The block model (benchmarks/train_blocks.py) learns on the train half
    only; ``python -m benchmarks.evaluate --split validation`` scores the rest.
    """
    digest = hashlib.sha1(f"{page.corpus}/{page.id}".encode()).digest()
    return SPLITS[digest[0] & 1]
