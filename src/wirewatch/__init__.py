"""wirewatch: who said what, who did what to whom, where and when — from raw news articles."""
import logging

from wirewatch.pipeline import extract, extract_many

__version__ = "0.1.0"
__all__ = ["__version__", "extract", "extract_many"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
