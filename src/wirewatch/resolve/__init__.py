"""Resolve: an annotated spaCy ``Doc`` into the record's sections. Only here do spaCy and the record meet."""
