-- The same text stored from another URL or source (a syndicated wire story): one article, every place it ran.
CREATE TABLE article_copies (
    article TEXT NOT NULL REFERENCES articles(key),
    identity TEXT NOT NULL,               -- url:<url> or source:<source id>, as articles.identity
    url TEXT,
    publisher TEXT,
    published TEXT,
    stored_at TEXT NOT NULL,
    PRIMARY KEY (article, identity)
);
