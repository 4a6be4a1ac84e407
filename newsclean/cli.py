"""The ``newsclean`` command.

``newsclean PAGE.html`` (or ``-`` for stdin) prints the article; subcommands
live in their own modules and are imported only when used, so the common
path stays cheap.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

# subcommand -> "module:function"; each function takes argv (without the subcommand) and returns an exit code
SUBCOMMANDS: dict[str, str] = {
    "batch": "newsclean.batch:main",
    "explain": "newsclean.explain:main",
}


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    return Path(path).read_bytes()


def extract_main(argv: Sequence[str]) -> int:
    from . import RuleSet, __version__, extract
    from .errors import NewscleanError

    ap = argparse.ArgumentParser(prog="newsclean", description="Print the article of a web page without the "
                                 f"site's chrome. Subcommands: {', '.join(SUBCOMMANDS)} (newsclean SUB --help).")
    ap.add_argument("page", help="an HTML file, or - for standard input")
    ap.add_argument("--url", help="the page's address (for site rules and absolute links)")
    ap.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    ap.add_argument("--rules", action="append", default=[], metavar="FILE",
                    help="site rules: a TOML file or a folder of them (repeatable)")
    ap.add_argument("--encoding", help="the charset from the HTTP header, if known")
    ap.add_argument("--trace", action="store_true", help="with --format json: include what each step removed")
    ap.add_argument("--comments", action="store_true", help="keep reader comments apart in the result")
    ap.add_argument("--version", action="version", version=f"newsclean {__version__}")
    args = ap.parse_args(argv)
    try:
        data = _read(args.page)
    except OSError as exc:
        print(f"newsclean: cannot read {args.page}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    try:
        rules = RuleSet.load(*args.rules) if args.rules else None
        article = extract(data, url=args.url, encoding=args.encoding, trace=args.trace, rules=rules,
                          comments=args.comments)
    except NewscleanError as exc:
        print(f"newsclean: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        out = article.to_json(indent=2, trace=args.trace)
    elif args.format == "markdown":
        out = article.to_markdown()
    else:
        out = article.to_text()
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    return 0 if article.found else 1


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in SUBCOMMANDS:
        import importlib

        module, func = SUBCOMMANDS[argv[0]].split(":")
        return int(getattr(importlib.import_module(module), func)(argv[1:]) or 0)
    return extract_main(argv)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
