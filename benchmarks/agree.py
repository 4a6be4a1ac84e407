"""Do two builds of newsclean give the same Article on every page?

    python benchmarks/agree.py ../shared/datasets --build /tmp/nc-compiled --require-compiled
    python benchmarks/agree.py ../shared/datasets --build . --against /work/main   # a refactor: output-neutral?

Checks that a mypyc-compiled build (docs/compiled.md) behaves exactly like
the source it was compiled from, or that a change meant to be output-neutral
is: stricter than ``benchmarks.evaluate --compare``, which compares scores.
Each build runs in its own interpreter (one process cannot import two builds
of a package) over every page of the corpora; the whole
``Article.to_dict()`` of each page (text, blocks, links, metadata, score; or
the error raised) is fingerprinted, and the pages whose fingerprints differ
are listed.  Exit status 1 when any page differs, or, with
``--require-compiled``, when ``--build`` imports pure Python (a wrong path).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fingerprints(folder: str, limit: int | None) -> dict[str, object]:
    """Child side: the build this interpreter imports, and ``corpus/id -> sha256`` of each page's result."""
    import newsclean
    from benchmarks.corpus import corpora, pages
    from benchmarks.speed import build_of

    out: dict[str, str] = {}
    for corpus in corpora(folder):
        for i, page in enumerate(pages(corpus)):
            if limit and i >= limit:
                break
            try:
                record = newsclean.extract(page.html(), url=page.url).to_dict()
            except Exception as exc:  # the same error on both sides is agreement too
                record = {"error": f"{type(exc).__name__}: {exc}"}
            blob = json.dumps(record, sort_keys=True, default=str).encode()
            out[f"{corpus.name}/{page.id}"] = hashlib.sha256(blob).hexdigest()
    return {"build": build_of(), "pages": out}


def run_build(path: Path, folder: str, limit: int | None) -> dict:
    """Fingerprints from the newsclean importable from ``path`` (first on the path; benchmarks/ from ROOT)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(path), str(ROOT)]), PYTHONHASHSEED="0")
    cmd = [sys.executable, str(Path(__file__).resolve()), folder, "--child"] + (["--limit", str(limit)] if limit else [])
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd="/", check=True)
    return json.loads(proc.stdout)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", help="a folder of corpora, or one corpus")
    ap.add_argument("--build", type=Path, help="where the build to check is importable from (a source tree, "
                                                 "or a pip install --target of a wheel)")
    ap.add_argument("--require-compiled", action="store_true", help="fail if --build is not a compiled build")
    ap.add_argument("--against", type=Path, default=ROOT, help="the reference build (default: this source tree)")
    ap.add_argument("--limit", type=int, default=None, help="at most this many pages per corpus")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(fingerprints(args.folder, args.limit)))
        return 0
    if args.build is None:
        ap.error("--build is required")
    ref, other = (run_build(p.resolve(), args.folder, args.limit) for p in (args.against, args.build))
    differ = sorted(k for k in ref["pages"].keys() | other["pages"].keys()
                    if ref["pages"].get(k) != other["pages"].get(k))
    print(f"reference: {ref['build']} build; other: {other['build']} build; pages: {len(ref['pages'])}; "
          f"differing: {len(differ)}")
    for key in differ[:20]:
        print("  ", key)
    if args.require_compiled and other["build"] == "pure":
        print(f"{args.build} imports a pure-Python newsclean: not a compiled build", file=sys.stderr)
        return 1
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
