"""Benchmarks of ``newsclean batch``: throughput by worker count, memory on a large stream, WARC reading.

    python benchmarks/batch.py throughput CORPUS [--limit N] [--workers 1 2]
    python benchmarks/batch.py memory CORPUS --megabytes 200 600 [--workers 2]
    python benchmarks/batch.py warc CORPUS [--limit N]
    python benchmarks/batch.py feed CORPUS --megabytes 100 > stream.jsonl   (the stream generator alone)

CORPUS is a folder of the shared layout (``truth.jsonl`` + ``html/*.html.gz``),
e.g. /work/shared/datasets/wcxb-dev.  Every figure is printed as a Markdown
table row; nothing large is written to disk (the memory stream goes through a
pipe, the WARC file is a temporary file deleted at the end).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import pages  # noqa: E402
from newsclean.batch import file_record, run  # noqa: E402


def corpus_pages(corpus: str, limit: int | None) -> list:
    out = list(pages(corpus))
    return out[:limit] if limit else out


# -- throughput ----------------------------------------------------------------------------------
def throughput(corpus: str, limit: int | None, workers: list[int]) -> None:
    """Pages/s of the whole engine (read, gunzip, extract, serialise, write) per worker count."""
    files = [str(p.path) for p in corpus_pages(corpus, limit)]
    print("| workers | pages | seconds | pages/s | ratio to 1 worker | load avg (1 min) before / after |\n"
          "|---|---|---|---|---|---|")
    base = None
    with tempfile.TemporaryDirectory() as tmp:
        for n in workers:
            load_before = os.getloadavg()[0]
            summary = run((file_record(f) for f in files), Path(tmp) / f"out{n}.jsonl", workers=n)
            rate = summary.written / summary.seconds
            base = base or rate
            print(f"| {n} | {summary.written} | {summary.seconds:.1f} | {rate:.1f} | {rate / base:.2f} | "
                  f"{load_before:.1f} / {os.getloadavg()[0]:.1f} |", flush=True)


# -- memory on a large stream --------------------------------------------------------------------
def feed(corpus: str, megabytes: float, out=sys.stdout) -> None:
    """Write JSONL records cycling over the corpus pages until ``megabytes`` are out (unique ids)."""
    records = [(p.url, p.html().decode("utf-8", "replace")) for p in corpus_pages(corpus, 200)]
    budget, i = megabytes * 1024 * 1024, 0
    while budget > 0:
        url, html = records[i % len(records)]
        line = json.dumps({"id": f"r{i}", "url": url, "html": html}) + "\n"
        out.write(line)
        budget -= len(line.encode("utf-8"))
        i += 1
    out.flush()


def tree_rss(pid: int) -> tuple[int, int]:
    """(RSS of the main process, largest RSS among its workers), in bytes."""
    import psutil

    proc = psutil.Process(pid)
    kids = [c.memory_info().rss for c in proc.children(recursive=True)]
    return proc.memory_info().rss, max(kids, default=0)


def memory(corpus: str, sizes: list[float], workers: int) -> None:
    """Peak RSS of ``newsclean batch -`` fed through a pipe: it must not grow with the stream size."""
    print("| stream MB | pages | seconds | peak RSS main MB | peak RSS worker MB | worker RSS MB, median of first / "
          "last 10% of samples |\n|---|---|---|---|---|---|")
    for mb in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "out.jsonl"
            cmd = [sys.executable, "-m", "newsclean", "batch", "-", "-o", str(out), "--workers", str(workers),
                   "--quiet"]
            start = time.monotonic()
            proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, text=True, encoding="utf-8",
                                    cwd=Path(__file__).resolve().parent.parent)
            peaks = [0, 0]
            worker_samples: list[int] = []  # early vs late values tell growth from a one-off peak

            def sample() -> None:
                while proc.poll() is None:
                    try:
                        main_rss, worker_rss = tree_rss(proc.pid)
                    except Exception:  # the process ended between two looks
                        break
                    peaks[0], peaks[1] = max(peaks[0], main_rss), max(peaks[1], worker_rss)
                    if worker_rss:
                        worker_samples.append(worker_rss)
                    time.sleep(0.1)

            sampler = threading.Thread(target=sample)
            sampler.start()
            assert proc.stdin is not None
            feed(corpus, mb, proc.stdin)
            proc.stdin.close()
            proc.wait()
            sampler.join()
            n = sum(1 for _ in open(out, encoding="utf-8"))
            tenth = max(1, len(worker_samples) // 10)
            first, last = (statistics.median(part or [0]) / 2**20
                           for part in (worker_samples[:tenth], worker_samples[-tenth:]))
            print(f"| {mb:g} | {n} | {time.monotonic() - start:.1f} | {peaks[0] / 2**20:.0f} | "
                  f"{peaks[1] / 2**20:.0f} | {first:.0f} / {last:.0f} |", flush=True)


# -- WARC reading --------------------------------------------------------------------------------
def warc(corpus: str, limit: int | None) -> None:
    """Records/s and MB/s of reading a gzipped WARC file built from the corpus pages (no extraction)."""
    from newsclean.warc import read_pages, response_record

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.warc.gz"
        raw = 0
        with open(path, "wb") as fh:
            for i, p in enumerate(corpus_pages(corpus, limit)):
                body = p.html()
                raw += len(body)
                fh.write(response_record(p.url or f"https://example.invalid/{i}", body, record_id=f"{i:08d}",
                                         compress=True))
                if i % 3 == 0:  # non-HTML records the reader must skip
                    fh.write(response_record(f"https://example.invalid/{i}.png", b"\x89PNG" * 64,
                                             content_type="image/png", record_id=f"img{i:08d}", compress=True))
        size = path.stat().st_size
        best = None
        for _ in range(3):
            start = time.perf_counter()
            n = sum(1 for _ in read_pages(path))
            best = min(best or 1e9, time.perf_counter() - start)
        print("| HTML records | file MB (gz) | payload MB | seconds | records/s | payload MB/s |\n"
              "|---|---|---|---|---|---|")
        print(f"| {n} | {size / 2**20:.0f} | {raw / 2**20:.0f} | {best:.2f} | {n / best:.0f} | "
              f"{raw / 2**20 / best:.0f} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=("throughput", "memory", "warc", "feed"))
    ap.add_argument("corpus")
    ap.add_argument("--limit", type=int, help="first N pages only")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--megabytes", type=float, nargs="+", default=[200.0])
    args = ap.parse_args(argv)
    if args.what == "throughput":
        throughput(args.corpus, args.limit, args.workers)
    elif args.what == "memory":
        memory(args.corpus, args.megabytes, args.workers[-1])
    elif args.what == "warc":
        warc(args.corpus, args.limit)
    else:
        feed(args.corpus, args.megabytes[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
