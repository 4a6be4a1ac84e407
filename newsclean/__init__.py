"""newsclean: the article of a web page, without the site's chrome.

>>> import newsclean
>>> article = newsclean.extract(html_bytes, url="https://example.com/story")
>>> article.title, article.text
"""

from __future__ import annotations

from .article import Article, Block, Candidate, Comment, Link, Removal, StepTrace
from .cleaners import POST, PRE, PhraseCleaner, TokenCleaner
from .context import Context
from .errors import InputError, NewscleanError, NotHTMLError, PipelineError, RuleError, StepError
from .extractor import DEFAULT, Extractor, extract
from .pipeline import Pipeline, SelectorCleaner, Step, cleaner
from .scoring import DensityScorer, Scorer
from .sites import RuleSet, SiteRule

__version__ = "0.1.0"

__all__ = [
    "extract", "Extractor", "DEFAULT", "Article", "Block", "Link", "Comment", "StepTrace", "Removal", "Candidate",
    "Pipeline", "Step", "cleaner", "SelectorCleaner", "TokenCleaner", "PhraseCleaner", "PRE", "POST",
    "Context", "Scorer", "DensityScorer", "SiteRule", "RuleSet",
    "NewscleanError", "InputError", "NotHTMLError", "RuleError", "PipelineError", "StepError", "__version__",
]
