"""wirewatch's exceptions. Messages say what happened and what to do about it."""
from __future__ import annotations


class WirewatchError(Exception):
    """Base of every error wirewatch raises on purpose."""


class InputError(WirewatchError):
    """An input item cannot be read or holds no article.

    Args:
        source: the file (or ``-`` for stdin) the item came from.
        message: what is wrong, in words a user can act on.
        item_id: the item's id inside the file (a JSONL id or line number), if any.
    """

    def __init__(self, source: str, message: str, item_id: str | None = None) -> None:
        self.source = source
        self.item_id = item_id
        self.message = message
        # A file's own name as its id adds nothing to the message.
        named = item_id and item_id != source.replace("\\", "/").rsplit("/", 1)[-1]
        where = f"{source} [{item_id}]" if named else source
        super().__init__(f"{where}: {message}")


class ConfigurationError(WirewatchError):
    """A setting or option has a value wirewatch cannot use."""


class StoreError(WirewatchError):
    """The knowledge-base store failed or holds something unexpected."""
