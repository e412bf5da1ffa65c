-- Indexes for searches that are not full-text: an event's own coordinates (search --near drives from them
-- instead of scanning every search document) and a search document by its kind and number in its article.
CREATE INDEX events_latlon ON events(lat, lon);
CREATE INDEX search_docs_article_kind ON search_docs(article, kind, seq);
