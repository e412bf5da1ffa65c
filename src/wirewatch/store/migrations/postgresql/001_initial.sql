-- wirewatch store schema, version 1 (PostgreSQL). Kept in step with ../sqlite/001_initial.sql.
-- An article is one story from one source (its URL, or its source id when it has none); each changed text
-- is a new version. Rows derived from a record (entities, quotes, events...) describe the current version.

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL
);

CREATE TABLE articles (
    key TEXT PRIMARY KEY,                 -- record id of the first version
    identity TEXT NOT NULL UNIQUE,        -- 'url:<url>' or 'source:<source id>'
    record_id TEXT NOT NULL,              -- the current version's record id
    version INTEGER NOT NULL,
    story_id TEXT NOT NULL REFERENCES stories(id),
    title TEXT,
    publisher TEXT,
    published TEXT,
    url TEXT,
    language TEXT,
    shingles INTEGER NOT NULL,            -- size of the 5-word shingle set, for containment checks
    stored_at TEXT NOT NULL
);
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_publisher ON articles(lower(publisher));

CREATE TABLE article_versions (
    record_id TEXT PRIMARY KEY,
    article TEXT NOT NULL REFERENCES articles(key),
    version INTEGER NOT NULL,
    title TEXT,
    published TEXT,
    updated TEXT,
    record_json TEXT NOT NULL,
    stored_at TEXT NOT NULL,
    UNIQUE (article, version)
);

-- Hashes of the raw inputs (content, hints, NLP on or off) that gave each record, so a re-run skips the pipeline.
CREATE TABLE raw_inputs (
    raw_hash TEXT PRIMARY KEY,
    record_id TEXT NOT NULL REFERENCES article_versions(record_id)
);

-- LSH buckets of each article's MinHash (one row per band), so near-duplicate candidates are an indexed lookup.
CREATE TABLE story_buckets (
    bucket BIGINT NOT NULL,
    article TEXT NOT NULL REFERENCES articles(key)
);
CREATE INDEX story_buckets_bucket ON story_buckets(bucket);
CREATE INDEX story_buckets_article ON story_buckets(article);

CREATE TABLE entities (
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    folded_name TEXT NOT NULL,            -- casefolded, whitespace-folded name: the merge key with type
    wikidata TEXT
);
CREATE INDEX entities_name ON entities(type, folded_name);
CREATE INDEX entities_wikidata ON entities(wikidata);

-- Every name an entity goes by (canonical name and aliases, casefolded), so a search by any of them finds it.
CREATE TABLE entity_names (
    entity TEXT NOT NULL REFERENCES entities(key),
    folded_name TEXT NOT NULL,
    PRIMARY KEY (folded_name, entity)
);

-- One row per entity per article: the article's own id, aliases and roles for it.
CREATE TABLE article_entities (
    article TEXT NOT NULL REFERENCES articles(key),
    entity TEXT NOT NULL REFERENCES entities(key),
    local_id TEXT NOT NULL,
    name TEXT NOT NULL,
    aliases_json TEXT NOT NULL,
    roles_json TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article, local_id)
);
CREATE INDEX article_entities_entity ON article_entities(entity);

CREATE TABLE mentions (
    article TEXT NOT NULL REFERENCES articles(key),
    entity TEXT NOT NULL REFERENCES entities(key),
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX mentions_article ON mentions(article, start_offset);
CREATE INDEX mentions_entity ON mentions(entity);

CREATE TABLE quotes (
    article TEXT NOT NULL REFERENCES articles(key),
    seq INTEGER NOT NULL,
    speaker_entity TEXT REFERENCES entities(key),
    speaker_name TEXT,
    type TEXT NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    quote_json TEXT NOT NULL,
    PRIMARY KEY (article, seq)
);
CREATE INDEX quotes_speaker ON quotes(speaker_entity);

CREATE TABLE places (
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    country TEXT,
    admin1 TEXT,
    geonameid INTEGER
);
CREATE INDEX places_latlon ON places(lat, lon);

CREATE TABLE article_places (
    article TEXT NOT NULL REFERENCES articles(key),
    place TEXT NOT NULL REFERENCES places(key),
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article, place)
);
CREATE INDEX article_places_place ON article_places(place);

CREATE TABLE events (
    article TEXT NOT NULL REFERENCES articles(key),
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    acled_event_type TEXT,
    place TEXT REFERENCES places(key),
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    date_earliest TEXT,
    date_latest TEXT,
    event_json TEXT NOT NULL,
    PRIMARY KEY (article, seq)
);
CREATE INDEX events_place ON events(place);
CREATE INDEX events_date ON events(date_earliest);

-- Entities an event names, by role (actor, target, claimed_by).
CREATE TABLE event_entities (
    article TEXT NOT NULL,
    seq INTEGER NOT NULL,
    entity TEXT NOT NULL REFERENCES entities(key),
    role TEXT NOT NULL,
    FOREIGN KEY (article, seq) REFERENCES events(article, seq)
);
CREATE INDEX event_entities_entity ON event_entities(entity);
CREATE INDEX event_entities_event ON event_entities(article, seq);

CREATE TABLE times (
    article TEXT NOT NULL REFERENCES articles(key),
    seq INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT,
    type TEXT,
    earliest TEXT,
    latest TEXT,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    PRIMARY KEY (article, seq)
);

CREATE TABLE relations (
    article TEXT NOT NULL REFERENCES articles(key),
    seq INTEGER NOT NULL,
    subject TEXT NOT NULL,
    predicate TEXT NOT NULL,
    object TEXT NOT NULL,
    evidence TEXT NOT NULL,
    subject_entity TEXT REFERENCES entities(key),
    object_entity TEXT REFERENCES entities(key),
    PRIMARY KEY (article, seq)
);
CREATE INDEX relations_subject ON relations(subject_entity);
CREATE INDEX relations_object ON relations(object_entity);

-- Full-text search over articles, quotes and events: a generated tsvector with a GIN index.
CREATE TABLE search_docs (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind TEXT NOT NULL,                   -- article | quote | event
    article TEXT NOT NULL REFERENCES articles(key),
    seq INTEGER NOT NULL,                 -- quote or event number in the article; 0 for the article
    body TEXT NOT NULL,
    tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED
);
CREATE INDEX search_docs_article ON search_docs(article);
CREATE INDEX search_docs_tsv ON search_docs USING GIN (tsv);

-- Great-circle distance in km; SQLite gets the same function from Python (store/dialect.py).
CREATE FUNCTION wirewatch_km(lat1 DOUBLE PRECISION, lon1 DOUBLE PRECISION, lat2 DOUBLE PRECISION,
                             lon2 DOUBLE PRECISION) RETURNS DOUBLE PRECISION
LANGUAGE sql IMMUTABLE AS $$
    SELECT 6371.0088 * 2 * asin(least(1.0, sqrt(power(sin(radians(lat2 - lat1) / 2), 2)
        + cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lon2 - lon1) / 2), 2))))
$$;
