"""The exception family newsclean raises.

Every error subclasses :class:`NewscleanError`, and each also subclasses the
builtin that describes it, so ``except ValueError`` keeps working::

    NewscleanError(Exception)
    ├── InputError(NewscleanError, ValueError)      input that is not usable HTML
    │   └── NotHTMLError(InputError)               PDF, image, JSON... handed over by mistake
    ├── RuleError(NewscleanError, ValueError)       a site rule or rule file is invalid
    ├── StepError(NewscleanError, RuntimeError)     a step gave up on a page (a user pattern timed out)
    └── PipelineError(NewscleanError, KeyError)     an unknown step name in a pipeline edit

"No article on this page" is not an error: ``extract()`` returns an
``Article`` whose ``text`` is empty (``article.found`` is False).
"""

from __future__ import annotations


class NewscleanError(Exception):
    """Base class of every error newsclean raises on purpose."""


class InputError(NewscleanError, ValueError):
    """The input cannot be used as a web page (wrong type, undecodable)."""


class NotHTMLError(InputError):
    """The bytes are clearly another format (PDF, image, archive...)."""


class RuleError(NewscleanError, ValueError):
    """A site rule is invalid; the message names the file, the rule and the field."""

    def __init__(self, message: str, *, source: str | None = None, rule: str | None = None,
                 field: str | None = None) -> None:
        where = ", ".join(f"{k} {v!r}" for k, v in (("file", source), ("rule", rule), ("field", field)) if v)
        super().__init__(f"{where}: {message}" if where else message)
        self.source, self.rule, self.field = source, rule, field


class StepError(NewscleanError, RuntimeError):
    """A step failed on a page in a bounded way (e.g. a user pattern ran past its time limit)."""


class PipelineError(NewscleanError, KeyError):
    """An unknown, duplicate or misplaced step name in a pipeline edit."""

    def __str__(self) -> str:  # KeyError quotes its message; keep it readable
        return str(self.args[0]) if self.args else ""
