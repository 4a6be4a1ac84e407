"""Read a corpus folder of the shared layout: ``truth.jsonl`` plus ``html/<id>.html.gz``."""

from __future__ import annotations

import gzip
import json
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
            yield Page(folder.name, r["id"], url, r.get("page_type"), r.get("main_content"),
                       tuple(r.get("with") or ()), tuple(r.get("without") or ()), r, folder / r["html"])
