"""Ingest: read articles from files, folders, JSON Lines and stdin into `RawArticle`s."""
from wirewatch.ingest.raw import RawArticle
from wirewatch.ingest.readers import MAX_INPUT_BYTES, read_inputs

__all__ = ["MAX_INPUT_BYTES", "RawArticle", "read_inputs"]
