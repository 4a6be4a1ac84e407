"""``newsclean batch``: extract many pages in worker processes, one JSON line each.

Design (see docs/batch.md):

* inputs are read lazily (files, folders, globs, WARC, JSONL or ``-`` for
  JSONL on stdin) and at most ``workers * AHEAD`` pages are in flight, so
  memory stays flat whatever the input size;
* each worker process builds its Extractor once from an
  :class:`ExtractorSpec` (a tiny picklable recipe) and handles one page at a
  time, so a page that overruns ``--timeout`` is cut off by killing that
  worker and starting a new one;
* every failure is an output line ``{"id", "url", "input", "error"}``;
* lines go to ``OUT.part`` (one write per complete line) which is renamed to
  ``OUT`` only when the run ends; ``--resume`` reads the ids already in
  ``OUT.part`` (or in a finished ``OUT``) and skips those pages.
"""

from __future__ import annotations

import argparse
import functools
import glob
import gzip
import json
import multiprocessing as mp
import os
import signal
import sys
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence, TextIO

from .warc import is_warc, read_pages

if TYPE_CHECKING:
    from .extractor import Extractor

AHEAD = 4  # pages in flight per worker in ordered mode: bounds the reorder buffer
HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
POLL_SECONDS = 0.5


# -- the extractor recipe ------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ExtractorSpec:
    """How a worker builds its Extractor: site rule paths, or a module-level factory.

    A spec pickles in a few bytes whatever the Extractor holds, and
    :func:`build_extractor` caches the result per process, so each worker
    builds its Extractor once (the Extractor itself does not pickle yet: see
    docs/batch.md).
    """

    rules: tuple[str, ...] = ()
    factory: Callable[[], Extractor] | None = None


@functools.lru_cache(maxsize=8)
def build_extractor(spec: ExtractorSpec) -> Extractor:
    """The Extractor a spec describes, built once per process (Extractors are immutable)."""
    from .extractor import DEFAULT, Extractor
    from .sites import RuleSet

    if spec.factory is not None:
        return spec.factory()
    if spec.rules:
        return Extractor(rules=RuleSet.load(*spec.rules))
    return DEFAULT


# -- records -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Record:
    """One page to extract: its bytes (or text), or a path the worker reads itself."""

    id: str
    input: str  # where it came from: a path, "file.jsonl:LINE" or "file.warc.gz@OFFSET"
    url: str | None = None
    html: bytes | str | None = None
    path: str | None = None
    encoding: str | None = None
    weight: int = 0  # input bytes it stands for, for the progress bar

    def load(self) -> bytes | str:
        """The page; files are read (and gunzipped) here, in the worker."""
        if self.html is not None:
            return self.html
        if self.path is None:
            raise ValueError("record has neither html nor path")
        if self.path.lower().endswith(".gz"):
            with gzip.open(self.path, "rb") as fh:
                return fh.read()
        return Path(self.path).read_bytes()


@dataclass(frozen=True, slots=True)
class Failure:
    """A record that could not even be read (bad JSONL line, damaged WARC): becomes an error line."""

    id: str
    input: str
    error: str
    url: str | None = None
    weight: int = 0


def error_text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def error_line(id: str, url: str | None, input: str, error: str) -> str:
    """The line of a page that failed; the same keys whatever the failure."""
    return json.dumps({"id": id, "url": url, "input": input, "error": error}, ensure_ascii=False)


def extract_record(record: Record, extractor: Extractor) -> dict[str, Any]:
    """The output object of one record: the Article's fields, or ``error``; never raises an Exception."""
    try:
        article = extractor.extract(record.load(), record.url, encoding=record.encoding)
        return {"id": record.id, "input": record.input, **article.to_dict()}
    except Exception as exc:  # one page's failure must never stop the batch
        return {"id": record.id, "url": record.url, "input": record.input, "error": error_text(exc)}


def extract_line(record: Record, extractor: Extractor) -> tuple[str, bool]:
    """The output line of one record and whether it is an error line."""
    out = extract_record(record, extractor)
    return json.dumps(out, ensure_ascii=False), "error" in out


# -- inputs --------------------------------------------------------------------------------------
def expand(args: Sequence[str]) -> Iterator[str]:
    """Input arguments to input paths: globs expand (sorted), everything else passes through."""
    for arg in args:
        if arg != "-" and not os.path.exists(arg) and glob.has_magic(arg):
            yield from sorted(glob.glob(arg, recursive=True))
        else:
            yield arg


def records(args: Sequence[str]) -> Iterator[Record | Failure]:
    """Every page of every input, lazily, in a stable order."""
    for path in expand(args):
        if path == "-":
            yield from jsonl_records(sys.stdin.buffer, "-")
        elif os.path.isdir(path):
            yield from (file_record(p) for p in walk_html(path))
        elif is_warc(path):
            yield from warc_records(path)
        elif path.lower().endswith(JSONL_SUFFIXES):
            with (gzip.open(path, "rb") if path.lower().endswith(".gz") else open(path, "rb")) as fh:
                yield from jsonl_records(fh, path)
        else:
            yield file_record(path)


def walk_html(folder: str) -> Iterator[str]:
    """HTML files under a folder (recursive), sorted per directory so the order is stable."""
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(HTML_SUFFIXES):
                yield os.path.join(root, name)


def file_record(path: str) -> Record:
    try:
        size = os.path.getsize(path)
    except OSError:
        size = 0  # the worker's read reports the error
    return Record(id=path, input=path, path=path, weight=size)


def jsonl_records(fh: Iterable[bytes], name: str) -> Iterator[Record | Failure]:
    """``{"url", "html"[, "id", "encoding"]}`` per line; a bad line becomes a Failure."""
    lineno = 0
    try:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            where = f"{name}:{lineno}"
            try:
                obj = json.loads(raw)
                if not isinstance(obj, dict) or not isinstance(obj.get("html"), str):
                    raise ValueError("a record needs an 'html' string")
                rid = obj.get("id")
                yield Record(id=where if rid is None else str(rid), input=where, url=obj.get("url"),
                             html=obj["html"], encoding=obj.get("encoding"), weight=len(raw))
            except ValueError as exc:
                yield Failure(id=where, input=where, error=error_text(exc), weight=len(raw))
    except (OSError, EOFError) as exc:  # a truncated .jsonl.gz
        yield Failure(id=f"{name}:{lineno + 1}", input=name, error=error_text(exc))


def warc_records(path: str) -> Iterator[Record | Failure]:
    """The HTML responses of a WARC file; damage after the last good record becomes a Failure."""
    last = 0
    try:
        for page in read_pages(path):
            yield Record(id=page.record_id, input=f"{path}@{page.offset}", url=page.url, html=page.body,
                         encoding=page.charset, weight=page.offset - last)
            last = page.offset
    except (OSError, EOFError, ValueError) as exc:
        yield Failure(id=f"{path}@error", input=path, error=error_text(exc))


def input_bytes(args: Sequence[str]) -> int | None:
    """Total size of the inputs (for the ETA), from file sizes only; None when reading stdin."""
    total = 0
    for path in expand(args):
        if path == "-":
            return None
        if os.path.isdir(path):
            total += sum(os.path.getsize(p) for p in walk_html(path))
        elif os.path.exists(path):
            total += os.path.getsize(path)
    return total


# -- worker processes ----------------------------------------------------------------------------
def _worker_main(conn: Connection, spec: ExtractorSpec) -> None:
    """A worker: build the Extractor once, then answer one record at a time until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    extractor = build_extractor(spec)
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        seq, record = task
        conn.send((seq, *extract_line(record, extractor)))


@dataclass
class _Worker:
    process: Any
    conn: Connection
    task: tuple[int, Record] | None = None
    deadline: float = 0.0


@dataclass
class Pool:
    """Worker processes that each hold one record at a time, with a per-record time limit.

    A worker that overruns the limit, or dies, is killed and replaced; its
    record gets an error line.  ``results()`` yields ``(seq, line, failed)``.
    """

    spec: ExtractorSpec
    size: int
    timeout: float
    context: Any = field(default_factory=mp.get_context)
    workers: list[_Worker] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.workers = [self._start() for _ in range(self.size)]

    def _start(self) -> _Worker:
        parent, child = self.context.Pipe()
        proc = self.context.Process(target=_worker_main, args=(child, self.spec), daemon=True)
        proc.start()
        child.close()
        return _Worker(proc, parent)

    def idle(self) -> _Worker | None:
        return next((w for w in self.workers if w.task is None), None)

    @property
    def busy(self) -> int:
        return sum(w.task is not None for w in self.workers)

    def submit(self, worker: _Worker, seq: int, record: Record) -> None:
        worker.task = (seq, record)
        worker.deadline = time.monotonic() + self.timeout
        worker.conn.send(worker.task)

    def results(self) -> list[tuple[int, str, bool]]:
        """Wait (at most POLL_SECONDS or the next deadline) and collect finished records."""
        busy = [w for w in self.workers if w.task is not None]
        if not busy:
            return []
        now = time.monotonic()
        wait_for = max(0.0, min(POLL_SECONDS, *(w.deadline - now for w in busy)))
        ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], wait_for))
        out = []
        for w in busy:
            if w.conn in ready:
                try:
                    out.append(w.conn.recv())
                    w.task = None
                    continue
                except (EOFError, OSError):
                    pass
            if w.conn in ready or w.process.sentinel in ready:
                w.process.join(1)  # its pipe may close before the exit code is known
                out.append(self._replace(w, f"WorkerDied: worker exited with code {w.process.exitcode}"))
            elif time.monotonic() > w.deadline:
                out.append(self._replace(w, f"Timeout: extraction took longer than {self.timeout:g} s"))
        return out

    def _replace(self, w: _Worker, error: str) -> tuple[int, str, bool]:
        assert w.task is not None
        seq, record = w.task
        self._stop(w, kill=True)
        self.workers[self.workers.index(w)] = self._start()
        return seq, error_line(record.id, record.url, record.input, error), True

    def _stop(self, w: _Worker, *, kill: bool) -> None:
        if kill:
            w.process.kill()
        else:
            try:
                w.conn.send(None)
            except OSError:
                w.process.kill()
        w.process.join(5)
        if w.process.is_alive():
            w.process.kill()
            w.process.join()
        w.conn.close()

    def close(self, *, kill: bool = False) -> None:
        for w in self.workers:
            self._stop(w, kill=kill or w.task is not None)
        self.workers = []


# -- output --------------------------------------------------------------------------------------
def part_path(out: Path) -> Path:
    return out.with_name(out.name + ".part")


def recover(part: Path) -> set[str]:
    """Ids in a partial output; a last line cut by a crash is truncated away."""
    done: set[str] = set()
    good = 0
    with open(part, "rb") as fh:
        for raw in fh:
            if not raw.endswith(b"\n"):
                break
            try:
                done.add(json.loads(raw)["id"])
            except (ValueError, KeyError, TypeError):
                break
            good += len(raw)
    if good != part.stat().st_size:
        with open(part, "r+b") as fh:
            fh.truncate(good)
    return done


def open_output(out: Path, *, resume: bool, fmt: str) -> tuple[TextIO, set[str]]:
    """The part file to append to and the ids already done.

    With ``resume``, an existing ``OUT.part`` is continued; otherwise a
    finished ``OUT`` is moved back to ``OUT.part`` (as JSON lines) and
    continued, so a crash during the resumed run still leaves no
    complete-looking ``OUT``.  Without ``resume`` the part file starts empty.
    """
    part = part_path(out)
    if resume and not part.exists() and out.exists():
        if fmt == "parquet":
            parquet_to_jsonl(out, part)
            out.unlink()
        else:
            out.replace(part)
    done = recover(part) if resume and part.exists() else set()
    return open(part, "a" if resume else "w", encoding="utf-8", buffering=1), done


def finish_output(out: Path, fmt: str) -> None:
    part = part_path(out)
    if fmt == "parquet":
        jsonl_to_parquet(part, out)
        part.unlink()
    else:
        part.replace(out)


# -- parquet (optional: pyarrow) -----------------------------------------------------------------
def parquet_schema() -> Any:
    import pyarrow as pa

    link = pa.struct([("start", pa.int32()), ("end", pa.int32()), ("href", pa.string())])
    block = pa.struct([("kind", pa.string()), ("text", pa.string()), ("level", pa.int32()),
                       ("cells", pa.list_(pa.string())), ("lang", pa.string()), ("src", pa.string()),
                       ("ordered", pa.bool_()), ("links", pa.list_(link))])
    comment = pa.struct([("text", pa.string()), ("author", pa.string()), ("published", pa.string())])
    strings = pa.list_(pa.string())
    return pa.schema([
        ("id", pa.string()), ("input", pa.string()), ("url", pa.string()), ("error", pa.string()),
        ("title", pa.string()), ("text", pa.string()), ("blocks", pa.list_(block)), ("authors", strings),
        ("published", pa.string()), ("modified", pa.string()), ("site_name", pa.string()),
        ("language", pa.string()), ("description", pa.string()), ("image", pa.string()), ("tags", strings),
        ("categories", strings), ("canonical_url", pa.string()), ("license", pa.string()),
        ("source", pa.string()), ("comments", pa.list_(comment)), ("rule_id", pa.string()),
        ("sources", pa.map_(pa.string(), pa.string())),
    ])


def jsonl_to_parquet(src: Path, dst: Path, rows_per_group: int = 1000) -> None:
    """Stream a JSONL output into a Parquet file, one row group per ``rows_per_group`` lines."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("--format parquet needs pyarrow: pip install 'newsclean[parquet]'") from exc
    schema = parquet_schema()
    tmp = dst.with_name(dst.name + ".tmp")

    def flush(rows: list[dict[str, Any]]) -> None:
        for r in rows:
            if isinstance(r.get("sources"), dict):
                r["sources"] = list(r["sources"].items())
        writer.write_table(pa.Table.from_pylist(rows, schema=schema))

    with pq.ParquetWriter(tmp, schema) as writer, open(src, encoding="utf-8") as fh:
        rows: list[dict[str, Any]] = []
        for line in fh:
            rows.append(json.loads(line))
            if len(rows) >= rows_per_group:
                flush(rows)
                rows = []
        if rows:
            flush(rows)
    tmp.replace(dst)


def parquet_to_jsonl(src: Path, dst: Path) -> None:
    """A finished Parquet output back to JSON lines, to resume it."""
    import pyarrow.parquet as pq

    with open(dst, "w", encoding="utf-8") as out:
        for batch in pq.ParquetFile(src).iter_batches():
            for row in batch.to_pylist():
                row = {k: v for k, v in row.items() if v is not None}
                if "sources" in row:
                    row["sources"] = dict(row["sources"])
                out.write(json.dumps(row, ensure_ascii=False) + "\n")


# -- progress ------------------------------------------------------------------------------------
def show_progress(quiet: bool) -> bool:
    """A bar only for a person: stderr is a terminal, not CI, not --quiet."""
    return not quiet and sys.stderr.isatty() and os.environ.get("CI", "").lower() not in ("true", "1")


class Progress:
    """Pages/s, errors and an ETA (from input bytes) on a tqdm bar; a no-op when disabled."""

    def __init__(self, enabled: bool, total_bytes: int | None) -> None:
        self.pages = self.errors = 0
        self.start = time.monotonic()
        self.bar = None
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(total=total_bytes or None, unit="B", unit_scale=True, unit_divisor=1024,
                            file=sys.stderr, dynamic_ncols=True, desc="newsclean batch")

    def advance(self, weight: int, *, failed: bool = False, page: bool = True) -> None:
        self.pages += page
        self.errors += failed
        if self.bar is not None:
            self.bar.update(weight)
            rate = self.pages / max(time.monotonic() - self.start, 1e-9)
            self.bar.set_postfix_str(f"{self.pages} pages, {rate:.1f} pages/s, {self.errors} errors", refresh=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


# -- the run -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Summary:
    written: int
    errors: int
    skipped: int
    seconds: float
    interrupted: bool = False


def run(items: Iterable[Record | Failure], out: str | Path, *, spec: ExtractorSpec = ExtractorSpec(),
        workers: int | None = None, timeout: float = 30.0, ordered: bool = True, resume: bool = False,
        fmt: str = "jsonl", progress: Progress | None = None) -> Summary:
    """Extract every record into ``out``; the engine behind ``newsclean batch``.

    Ctrl-C (KeyboardInterrupt) stops the workers and leaves ``OUT.part``
    holding complete lines (in ordered mode, a prefix of the input order), to
    be continued with ``resume=True``.
    """
    out = Path(out)
    progress = progress or Progress(False, None)
    fh, done = open_output(out, resume=resume, fmt=fmt)
    size = max(1, workers or os.cpu_count() or 1)
    pool = Pool(spec, size, timeout)
    ahead = size * AHEAD  # ordered mode: pages in flight or waiting for an earlier one
    pending: dict[int, tuple[str, bool, int]] = {}  # seq -> (line, failed, weight), waiting for its turn
    weights: dict[int, int] = {}
    next_seq = next_write = written = errors = skipped = 0
    started = time.monotonic()

    def emit(seq: int, line: str, failed: bool) -> None:
        nonlocal next_write, written, errors
        pending[seq] = (line, failed, weights.pop(seq))
        while (next_write in pending) if ordered else pending:
            key = next_write if ordered else next(iter(pending))
            text, bad, weight = pending.pop(key)
            fh.write(text + "\n")
            written += 1
            errors += bad
            progress.advance(weight, failed=bad)
            if ordered:
                next_write += 1

    source = iter(items)
    exhausted = completed = False
    try:
        while not exhausted or pool.busy:
            while not exhausted and (not ordered or next_seq - next_write < ahead):
                worker = pool.idle()
                if worker is None:
                    break
                item = next(source, None)
                if item is None:
                    exhausted = True
                    break
                if item.id in done:
                    skipped += 1
                    progress.advance(item.weight, page=False)
                    continue
                seq, next_seq = next_seq, next_seq + 1
                weights[seq] = item.weight
                if isinstance(item, Failure):
                    emit(seq, error_line(item.id, item.url, item.input, item.error), True)
                else:
                    pool.submit(worker, seq, item)
            for seq, line, failed in pool.results():
                emit(seq, line, failed)
        completed = True
    except KeyboardInterrupt:
        pass  # OUT.part keeps the complete lines written so far
    finally:
        pool.close(kill=not completed)
        fh.close()
        progress.close()
    if completed:
        finish_output(out, fmt)
    return Summary(written, errors, skipped, time.monotonic() - started, interrupted=not completed)


# -- command line --------------------------------------------------------------------------------
def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="newsclean batch", description=(
        "Extract the article of many pages in parallel, one JSON line per page (errors included). "
        "INPUT: HTML files (.gz too), folders (recursive), globs, .warc/.warc.gz files, JSONL files of "
        "{url, html[, id, encoding]}, or - for JSONL on standard input."))
    ap.add_argument("inputs", nargs="+", metavar="INPUT")
    ap.add_argument("-o", "--output", required=True, metavar="OUT", help="the output file (written as OUT.part, "
                    "renamed when the run completes)")
    ap.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl", help="parquet needs pyarrow")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="worker processes (default: CPUs)")
    ap.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                    help="per-page time limit; an overrunning worker is killed and replaced (default 30)")
    ap.add_argument("--unordered", action="store_true", help="write pages as they finish, not in input order")
    ap.add_argument("--resume", action="store_true", help="skip the pages already in OUT.part or OUT")
    ap.add_argument("--rules", action="append", default=[], metavar="FILE",
                    help="site rules: a TOML file or a folder of them (repeatable)")
    ap.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    return ap


def main(argv: Sequence[str]) -> int:
    args = parser().parse_args(argv)
    missing = [a for a in args.inputs if a != "-" and not os.path.exists(a) and not glob.has_magic(a)]
    if missing:
        print(f"newsclean batch: no such input: {', '.join(missing)}", file=sys.stderr)
        return 2
    if args.format == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            print("newsclean batch: --format parquet needs pyarrow (pip install 'newsclean[parquet]')",
                  file=sys.stderr)
            return 2
    spec = ExtractorSpec(rules=tuple(os.path.abspath(r) for r in args.rules))
    try:
        build_extractor(spec)  # a bad rule file fails here, once, not in every worker
    except Exception as exc:
        print(f"newsclean batch: {exc}", file=sys.stderr)
        return 2
    enabled = show_progress(args.quiet)
    progress = Progress(enabled, input_bytes(args.inputs) if enabled else None)
    summary = run(records(args.inputs), args.output, spec=spec, workers=args.workers, timeout=args.timeout,
                  ordered=not args.unordered, resume=args.resume, fmt=args.format, progress=progress)
    if summary.interrupted:
        print(f"newsclean batch: interrupted; {summary.written} pages written to {args.output}.part "
              "(run again with --resume to finish)", file=sys.stderr)
        return 130
    if not args.quiet:
        rate = summary.written / max(summary.seconds, 1e-9)
        print(f"newsclean batch: {summary.written} pages ({summary.errors} errors, {summary.skipped} skipped) "
              f"in {summary.seconds:.1f} s, {rate:.1f} pages/s -> {args.output}", file=sys.stderr)
    return 0
