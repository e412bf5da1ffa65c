"""The `Store`: ingest records, group near-duplicates into stories, list and search across articles."""
from __future__ import annotations

import hashlib
import json
import math
import os
import re
import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from wirewatch.errors import StoreError
from wirewatch.ingest import RawArticle
from wirewatch.record import Entity, Event, Place, PlaceRef, Quote, Record
from wirewatch.store import stories
from wirewatch.store.dialect import Database, connect, migrate
from wirewatch.store.models import (
    ArticleCopy,
    ArticleSummary,
    EntityProfile,
    EntityRelation,
    EntitySummary,
    EventRow,
    Filters,
    IngestResult,
    IngestStatus,
    Page,
    PageRequest,
    PlaceSummary,
    QuoteRow,
    SearchHit,
    StoredArticle,
    StoreStats,
    VersionInfo,
)

DEFAULT_DB = "wirewatch.db"
PROFILE_LIMIT = 200
"""Most quotes, events, articles or relations an entity profile lists; page with list_quotes etc. for more."""
MAX_STORY_CANDIDATES = 50
SEARCH_KINDS = ("article", "quote", "event")
_UNION = "SELECT id, score, published FROM found"
ITER_BATCH = 500

_SLUG_JUNK = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")

# ArticleSummary's columns, given `a` = articles.
_SUMMARY_COLUMNS = """a.key, a.record_id, a.title, a.publisher, a.published, a.url, a.story_id, a.version AS versions,
    (SELECT count(*) FROM article_entities ae WHERE ae.article = a.key) AS entities,
    (SELECT count(*) FROM quotes q WHERE q.article = a.key) AS quotes,
    (SELECT count(*) FROM events e WHERE e.article = a.key) AS events"""


def raw_hash(raw: RawArticle, *, nlp: bool = True) -> str:
    """Return the hash of what the pipeline reads for `raw` (content and hints) and whether NLP runs.

    Ingest compares it with the stored hashes to skip the pipeline for items already stored.
    """
    payload = json.dumps([raw.source_id, raw.content, raw.kind, raw.url, raw.published, raw.publisher, raw.title,
                          nlp], ensure_ascii=False)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()


def open_store(db: str | os.PathLike[str] | None = None) -> Store:
    """Open (creating if needed) the store at `db` and bring its schema up to date.

    Args:
        db: None for ``./wirewatch.db``; a file path for SQLite; a ``postgresql://`` DSN for PostgreSQL.

    Raises:
        StoreError: the database cannot be opened or is not a wirewatch store.
    """
    target = os.fspath(db) if db is not None else DEFAULT_DB
    is_postgres = target.startswith(("postgresql://", "postgres://"))
    if not is_postgres and target != ":memory:" and not Path(target).parent.is_dir():
        raise StoreError(f"cannot create the SQLite store {target}: folder {Path(target).parent} does not exist")
    try:
        database = connect(target)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the SQLite store {target}: {exc}") from exc
    except Exception as exc:  # psycopg's errors (bad DSN, refused connection) are only known once imported
        raise StoreError(f"cannot connect to PostgreSQL at {_redact(target)}: {exc}".strip()) from exc
    try:
        version = migrate(database)
    except Exception as exc:
        database.close()
        raise StoreError(f"{_redact(target)} is not a usable wirewatch store: {exc}") from exc
    return Store(database, schema_version=version, location=_redact(target))


class Store:
    """Records kept in SQL: one writer, commit per article, plain SQL queries for every listing."""

    count_cap = 10_000
    """Most matches a search counts: past it the exact total costs more than it tells anyone."""

    def __init__(self, database: Database, *, schema_version: int, location: str) -> None:
        self.db = database
        self.location = location  # the file or DSN (password hidden), for messages
        self.backend = database.backend
        self.schema_version = schema_version

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # ---- ingest -------------------------------------------------------------------------------------------------

    def has_raw_hash(self, value: str) -> bool:
        """Return whether an item with this `raw_hash` was stored already (its pipeline run can be skipped)."""
        return self.db.first("SELECT 1 AS found FROM raw_inputs WHERE raw_hash = :h", {"h": value}) is not None

    def add(self, record: Record, *, raw_hash: str | None = None) -> IngestResult:
        """Store `record` in one transaction and say what became of it (see `IngestResult`).

        The same record twice is stored once; the same URL (or source id when there is no URL) with changed
        text becomes a new version, the current one; a new article close to a stored one joins its story.
        """
        record_json = record.model_dump_json()
        now = _now()
        with self.db.transaction():
            known = self.db.first(
                "SELECT v.article, v.version, v.record_json, a.version AS current, a.story_id, a.identity "
                "FROM article_versions v JOIN articles a ON a.key = v.article WHERE v.record_id = :id",
                {"id": record.id})
            if known:
                self._remember_raw(raw_hash, record.id)
                return self._refresh(record, record_json, known)
            shingle_set = stories.shingles(record.text)
            bucket_list = stories.buckets(shingle_set)
            article = self.db.first("SELECT key, version, story_id FROM articles WHERE identity = :identity",
                                    {"identity": _identity(record)})
            status: IngestStatus
            if article:
                key, version, story_id, status = article["key"], article["version"] + 1, article["story_id"], "new_version"
                self.db.execute(
                    "UPDATE articles SET record_id = :record_id, version = :version, title = :title, "
                    "publisher = :publisher, published = :published, url = :url, language = :language, "
                    "shingles = :shingles WHERE key = :key",
                    {**_article_columns(record), "version": version, "shingles": len(shingle_set), "key": key})
                self.db.execute("DELETE FROM story_buckets WHERE article = :key", {"key": key})
            else:
                key, version = record.id, 1
                joined = self._matching_story(shingle_set, bucket_list)
                if joined:
                    story_id, status = joined, "duplicate"
                else:
                    story_id, status = record.id, "new"
                    self.db.execute("INSERT INTO stories (id, created_at) VALUES (:id, :now)",
                                    {"id": story_id, "now": now})
                self.db.execute(
                    "INSERT INTO articles (key, identity, record_id, version, story_id, title, publisher, published, "
                    "url, language, shingles, stored_at) VALUES (:key, :identity, :record_id, :version, :story_id, "
                    ":title, :publisher, :published, :url, :language, :shingles, :now)",
                    {**_article_columns(record), "key": key, "identity": _identity(record), "version": version,
                     "story_id": story_id, "shingles": len(shingle_set), "now": now})
            self.db.execute(
                "INSERT INTO article_versions (record_id, article, version, title, published, updated, "
                "record_json, stored_at) VALUES (:record_id, :article, :version, :title, :published, "
                ":updated, :record_json, :now)",
                {"record_id": record.id, "article": key, "version": version,
                 "title": record.title, "published": record.published, "updated": record.updated,
                 "record_json": record_json, "now": now})
            self.db.executemany("INSERT INTO story_buckets (bucket, article) VALUES (:bucket, :article)",
                                [{"bucket": b, "article": key} for b in bucket_list])
            self._write_facts(key, record, replace=status == "new_version")
            self._remember_raw(raw_hash, record.id)
        return IngestResult(status=status, article=key, record_id=record.id, version=version, story_id=story_id)

    def _remember_raw(self, raw_hash: str | None, record_id: str) -> None:
        if raw_hash:
            self.db.execute("INSERT INTO raw_inputs (raw_hash, record_id) VALUES (:h, :id) ON CONFLICT DO NOTHING",
                            {"h": raw_hash, "id": record_id})

    def _refresh(self, record: Record, record_json: str, known: dict[str, Any]) -> IngestResult:
        """Handle a record whose text is stored already: unchanged, re-extracted (newer pipeline, NLP on), or a copy.

        The same text from another URL or source is the same record: the stored article keeps its own and lists
        the other among its copies (a wire story run by several outlets).
        """
        status: IngestStatus = "unchanged"
        if known["identity"] != _identity(record):
            added = self.db.execute(
                "INSERT INTO article_copies (article, identity, url, publisher, published, stored_at) VALUES "
                "(:article, :identity, :url, :publisher, :published, :now) ON CONFLICT DO NOTHING RETURNING article",
                {"article": known["article"], "identity": _identity(record), "url": record.url,
                 "publisher": record.publisher, "published": record.published, "now": _now()})
            status = "copy" if added else "unchanged"
        elif known["record_json"] != record_json:
            status = "updated"
            self.db.execute("UPDATE article_versions SET record_json = :record_json, title = :title, "
                            "published = :published, updated = :updated WHERE record_id = :id",
                            {"record_json": record_json, "title": record.title, "published": record.published,
                             "updated": record.updated, "id": record.id})
            if known["version"] == known["current"]:
                self.db.execute("UPDATE articles SET title = :title, publisher = :publisher, published = :published, "
                                "url = :url, language = :language WHERE key = :key",
                                {**_article_columns(record), "key": known["article"]})
                self._write_facts(known["article"], record, replace=True)
        return IngestResult(status=status, article=known["article"], record_id=record.id, version=known["version"],
                            story_id=known["story_id"])

    def _matching_story(self, shingle_set: set[str], bucket_list: list[int]) -> str | None:
        """Return the story of the stored article closest to this text, if one is close enough."""
        if not bucket_list:
            return None
        params = {f"b{i}": b for i, b in enumerate(bucket_list)}
        candidates = self.db.execute(
            f"SELECT a.key, a.story_id, a.shingles, v.record_json FROM (SELECT article, count(*) AS shared "
            f"FROM story_buckets WHERE bucket IN ({', '.join(':' + k for k in params)}) GROUP BY article "
            f"ORDER BY shared DESC, article LIMIT {MAX_STORY_CANDIDATES}) s JOIN articles a ON a.key = s.article "
            f"JOIN article_versions v ON v.record_id = a.record_id", params)
        best: tuple[float, str] | None = None
        for row in candidates:
            if not stories.sizes_can_match(len(shingle_set), row["shingles"]):
                continue  # decided by the set sizes alone, without reading the stored text
            found = stories.overlap(shingle_set, stories.shingles(json.loads(row["record_json"])["text"]))
            if found.same_story and (best is None or found.strength > best[0]):
                best = (found.strength, row["story_id"])
        return best[1] if best else None

    def _write_facts(self, key: str, record: Record, *, replace: bool) -> None:
        """Write (with `replace`: rewrite) the rows derived from the article's current record."""
        if replace:
            for table in ("search_docs", "mentions", "quotes", "event_entities", "events", "times", "relations",
                          "article_places", "article_entities"):
                self.db.execute(f"DELETE FROM {table} WHERE article = :key", {"key": key})
        local: dict[str, str] = {}  # the record's entity id -> store entity key
        by_name: dict[str, str] = {}  # canonical name (folded) -> store entity key
        entity_rows, name_rows, mention_rows = [], [], []
        for entity in record.entities:
            entity_key = self._entity_key(entity)
            local[entity.id] = entity_key
            by_name.setdefault(_fold(entity.name), entity_key)
            entity_rows.append({"article": key, "entity": entity_key, "local_id": entity.id, "name": entity.name,
                                "aliases": json.dumps(entity.aliases, ensure_ascii=False),
                                "roles": json.dumps(entity.roles, ensure_ascii=False),
                                "mentions": len(entity.mentions)})
            name_rows += [{"entity": entity_key, "name": name} for name in
                          sorted({_fold(n) for n in [entity.name, *entity.aliases]})]
            mention_rows += [{"article": key, "entity": entity_key, "start": m.start, "end": m.end, "text": m.text}
                             for m in entity.mentions]
        self.db.executemany(
            "INSERT INTO article_entities (article, entity, local_id, name, aliases_json, roles_json, mentions) "
            "VALUES (:article, :entity, :local_id, :name, :aliases, :roles, :mentions)", entity_rows)
        self.db.executemany(
            "INSERT INTO entity_names (entity, folded_name) VALUES (:entity, :name) ON CONFLICT DO NOTHING", name_rows)
        self.db.executemany(
            "INSERT INTO mentions (article, entity, start_offset, end_offset, text) "
            "VALUES (:article, :entity, :start, :end, :text)", mention_rows)
        search_rows = [{"kind": "article", "article": key, "seq": 0,
                        "body": "\n\n".join(filter(None, [record.title, record.standfirst, record.text]))}]
        quote_rows = []
        for seq, quote in enumerate(record.quotes):
            speaker = quote.speaker
            speaker_key = None
            if speaker:
                speaker_key = local.get(speaker.entity or "") or by_name.get(_fold(speaker.name or ""))
            quote_rows.append({"article": key, "seq": seq, "speaker": speaker_key,
                               "speaker_name": speaker.name if speaker else None, "type": quote.type,
                               "start": quote.start, "end": quote.end, "json": quote.model_dump_json()})
            search_rows.append({"kind": "quote", "article": key, "seq": seq,
                                "body": " — ".join(filter(None, [quote.text, speaker.name if speaker else None]))})
        self.db.executemany(
            "INSERT INTO quotes (article, seq, speaker_entity, speaker_name, type, start_offset, end_offset, "
            "quote_json) VALUES (:article, :seq, :speaker, :speaker_name, :type, :start, :end, :json)", quote_rows)
        place_keys: dict[str, str] = {}  # folded place name -> place key
        for place in record.places:
            place_key = self._place_key(place)
            place_keys.setdefault(_fold(place.name), place_key)
            self.db.execute(
                "INSERT INTO article_places (article, place, mentions) VALUES (:article, :place, :mentions) "
                "ON CONFLICT (article, place) DO UPDATE SET mentions = article_places.mentions + excluded.mentions",
                {"article": key, "place": place_key, "mentions": len(place.mentions)})
        for seq, event in enumerate(record.events):
            event_place = None
            if event.place:
                event_place = place_keys.get(_fold(event.place.name)) or self._place_key(event.place)
            self.db.execute(
                "INSERT INTO events (article, seq, type, acled_event_type, place, lat, lon, date_earliest, "
                "date_latest, event_json) VALUES (:article, :seq, :type, :acled, :place, :lat, :lon, :earliest, "
                ":latest, :json)",
                {"article": key, "seq": seq, "type": event.type,
                 "acled": event.acled.event_type if event.acled else None, "place": event_place,
                 "lat": event.place.lat if event.place else None, "lon": event.place.lon if event.place else None,
                 "earliest": event.date.earliest if event.date else None,
                 "latest": event.date.latest if event.date else None, "json": event.model_dump_json()})
            roles = {(by_name[_fold(name)], role) for role, names in
                     (("actor", event.actors), ("target", event.targets), ("claimed_by", event.claimed_by))
                     for name in names if _fold(name) in by_name}
            self.db.executemany(
                "INSERT INTO event_entities (article, seq, entity, role) VALUES (:article, :seq, :entity, :role)",
                [{"article": key, "seq": seq, "entity": entity_key, "role": role} for entity_key, role in sorted(roles)])
            search_rows.append({"kind": "event", "article": key, "seq": seq,
                                "body": " ".join([event.evidence, event.type.lower(), *event.actors, *event.targets])})
        self.db.executemany(
            "INSERT INTO times (article, seq, text, value, type, earliest, latest, start_offset, end_offset) "
            "VALUES (:article, :seq, :text, :value, :type, :earliest, :latest, :start, :end)",
            [{"article": key, "seq": seq, "text": t.text, "value": t.value, "type": t.type, "earliest": t.earliest,
              "latest": t.latest, "start": t.start, "end": t.end} for seq, t in enumerate(record.times)])
        self.db.executemany(
            "INSERT INTO relations (article, seq, subject, predicate, object, evidence, subject_entity, object_entity) "
            "VALUES (:article, :seq, :subject, :predicate, :object, :evidence, :subject_entity, :object_entity)",
            [{"article": key, "seq": seq, "subject": r.subject, "predicate": r.predicate, "object": r.object,
              "evidence": r.evidence, "subject_entity": by_name.get(_fold(r.subject)),
              "object_entity": by_name.get(_fold(r.object))} for seq, r in enumerate(record.relations)])
        self.db.executemany("INSERT INTO search_docs (kind, article, seq, body) VALUES (:kind, :article, :seq, :body)",
                            search_rows)

    def _entity_key(self, entity: Entity) -> str:
        """Return the store key of `entity`, merging by knowledge-base id, else by canonical name and type."""
        folded = _fold(entity.name)
        if entity.wikidata:
            row = self.db.first("SELECT key FROM entities WHERE wikidata = :wd ORDER BY key LIMIT 1",
                                {"wd": entity.wikidata})
            if row:
                return row["key"]
            row = self.db.first("SELECT key FROM entities WHERE type = :type AND folded_name = :folded "
                                "AND wikidata IS NULL ORDER BY key LIMIT 1", {"type": entity.type, "folded": folded})
            if row:  # first seen without its id: the id now joins the entity
                self.db.execute("UPDATE entities SET wikidata = :wd WHERE key = :key",
                                {"wd": entity.wikidata, "key": row["key"]})
                return row["key"]
        else:
            row = self.db.first("SELECT key FROM entities WHERE type = :type AND folded_name = :folded "
                                "ORDER BY wikidata IS NOT NULL, key LIMIT 1", {"type": entity.type, "folded": folded})
            if row:
                return row["key"]
        key = f"{entity.type.lower()}-{_slug(entity.name)}"
        if self.db.first("SELECT 1 AS taken FROM entities WHERE key = :key", {"key": key}):
            # Same slug, different entity (another KB id, or a name that only differs in punctuation).
            key += "-" + (entity.wikidata or hashlib.sha1(folded.encode()).hexdigest()[:8]).lower()
        self.db.execute("INSERT INTO entities (key, name, type, folded_name, wikidata) "
                        "VALUES (:key, :name, :type, :folded, :wd)",
                        {"key": key, "name": entity.name, "type": entity.type, "folded": folded,
                         "wd": entity.wikidata})
        return key

    def _place_key(self, place: Place | PlaceRef) -> str:
        """Return the store key of a place: by GeoNames id when known, else by name and country."""
        geonameid = getattr(place, "geonameid", None)
        if geonameid is not None:
            key = f"geonames-{geonameid}"
        else:
            key = "place-" + _slug(" ".join(filter(None, [place.name, place.country])))
        self.db.execute(
            "INSERT INTO places (key, name, lat, lon, country, admin1, geonameid) "
            "VALUES (:key, :name, :lat, :lon, :country, :admin1, :geonameid) ON CONFLICT (key) DO NOTHING",
            {"key": key, "name": place.name, "lat": place.lat, "lon": place.lon, "country": place.country,
             "admin1": place.admin1, "geonameid": geonameid})
        return key

    # ---- reading ------------------------------------------------------------------------------------------------

    def get_article(self, key: str) -> StoredArticle | None:
        """Return the article with this key (or with a version whose record id is `key`), current version."""
        row = self.db.first(
            "SELECT a.key, a.story_id, v.record_json FROM articles a "
            "JOIN article_versions v ON v.record_id = a.record_id "
            "WHERE a.key = (SELECT article FROM article_versions WHERE record_id = :key) OR a.key = :key",
            {"key": key})
        if not row:
            return None
        versions = [VersionInfo(**v) for v in self.db.execute(
            "SELECT version, record_id, title, published, updated, stored_at FROM article_versions "
            "WHERE article = :key ORDER BY version", {"key": row["key"]})]
        copies = [ArticleCopy(url=c["url"], source=None if c["url"] else c["identity"].removeprefix("source:"),
                              publisher=c["publisher"], published=c["published"], stored_at=c["stored_at"])
                  for c in self.db.execute("SELECT identity, url, publisher, published, stored_at FROM article_copies "
                                           "WHERE article = :key ORDER BY stored_at, identity", {"key": row["key"]})]
        related = [ArticleSummary(**r) for r in self.db.execute(
            f"SELECT {_SUMMARY_COLUMNS} FROM articles a WHERE a.story_id = :story AND a.key <> :key "
            f"ORDER BY a.published, a.key LIMIT {PROFILE_LIMIT}", {"story": row["story_id"], "key": row["key"]})]
        return StoredArticle(key=row["key"], record=Record.model_validate_json(row["record_json"]),
                             story_id=row["story_id"], versions=versions, copies=copies, related=related)

    def list_articles(self, filters: Filters, page: PageRequest) -> Page[ArticleSummary]:
        """Return articles matching `filters`, newest first."""
        where, params = self._article_filters(filters)
        sql = f"FROM articles a WHERE {where}"
        total = self.db.scalar(f"SELECT count(*) AS n {sql}", params)
        rows = self.db.execute(
            f"SELECT {_SUMMARY_COLUMNS} {sql} ORDER BY a.published IS NULL, a.published DESC, a.key "
            f"LIMIT :limit OFFSET :offset", {**params, "limit": page.limit, "offset": page.offset})
        return Page(items=[ArticleSummary(**r) for r in rows], total=total, limit=page.limit, offset=page.offset)

    def iter_records(self, filters: Filters) -> Iterator[Record]:
        """Yield the current record of every article matching `filters`, in key order, a batch at a time."""
        where, params = self._article_filters(filters)
        after = ""
        while True:
            rows = self.db.execute(
                f"SELECT a.key, v.record_json FROM articles a JOIN article_versions v ON v.record_id = a.record_id "
                f"WHERE {where} AND a.key > :after ORDER BY a.key LIMIT {ITER_BATCH}", {**params, "after": after})
            for row in rows:
                yield Record.model_validate_json(row["record_json"])
            if len(rows) < ITER_BATCH:
                return
            after = rows[-1]["key"]

    def get_entity(self, key: str) -> EntityProfile | None:
        """Return everything stored about one entity: names, roles, articles, quotes, events, relations."""
        entity = self.db.first("SELECT key, name, type, wikidata FROM entities WHERE key = :key", {"key": key})
        if not entity:
            return None
        aliases: Counter[str] = Counter()
        roles: Counter[str] = Counter()
        for row in self.db.execute("SELECT name, aliases_json, roles_json FROM article_entities WHERE entity = :key",
                                   {"key": key}):
            aliases.update(a for a in json.loads(row["aliases_json"]) if a != entity["name"])
            roles.update(json.loads(row["roles_json"]))
        only = Filters(entity=key)
        first = PageRequest(limit=PROFILE_LIMIT)
        articles = self.list_articles(only, first).items
        by = [QuoteRow(**self._quote_row(r)) for r in self.db.execute(
            f"SELECT {_QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.key = q.article "
            f"WHERE q.speaker_entity = :key ORDER BY a.published, q.article, q.seq LIMIT {PROFILE_LIMIT}",
            {"key": key})]
        about = [QuoteRow(**self._quote_row(r)) for r in self.db.execute(
            f"SELECT {_QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.key = q.article "
            f"WHERE (q.speaker_entity IS NULL OR q.speaker_entity <> :key) AND EXISTS (SELECT 1 FROM mentions m "
            f"WHERE m.article = q.article AND m.entity = :key AND m.start_offset >= q.start_offset "
            f"AND m.end_offset <= q.end_offset) ORDER BY a.published, q.article, q.seq LIMIT {PROFILE_LIMIT}",
            {"key": key})]
        events = self.list_events(only, first).items
        relations = [EntityRelation(**r) for r in self.db.execute(
            f"SELECT r.article, r.subject, r.predicate, r.object, r.evidence FROM relations r "
            f"WHERE r.subject_entity = :key OR r.object_entity = :key ORDER BY r.article, r.seq LIMIT {PROFILE_LIMIT}",
            {"key": key})]
        return EntityProfile(key=key, name=entity["name"], type=entity["type"], wikidata=entity["wikidata"],
                             aliases=[a for a, _ in aliases.most_common()], roles=[r for r, _ in roles.most_common()],
                             articles=articles, quotes_by=by, quotes_about=about, events=events, relations=relations)

    def list_entities(self, filters: Filters, page: PageRequest) -> Page[EntitySummary]:
        """Return entities named in the matching articles, most widely reported first.

        Here `filters.text` matches the entity's names and `filters.entity_type` its type.
        """
        where, params = self._article_filters(filters.model_copy(update={"text": None, "entity": None}))
        conditions = [where]
        if filters.text:
            conditions.append("en.key IN (SELECT n.entity FROM entity_names n WHERE n.folded_name LIKE :name_like)")
            params["name_like"] = f"%{_fold(filters.text)}%"
        if filters.entity:
            conditions.append(self._entity_condition("en.key", filters.entity, params))
        if filters.entity_type:
            conditions.append("en.type = :entity_type")
            params["entity_type"] = filters.entity_type.upper()
        sql = (f"FROM entities en JOIN article_entities ae ON ae.entity = en.key JOIN articles a ON a.key = ae.article "
               f"WHERE {' AND '.join(conditions)} GROUP BY en.key, en.name, en.type, en.wikidata")
        total = self.db.scalar(f"SELECT count(*) AS n FROM (SELECT en.key {sql}) t", params)
        rows = self.db.execute(
            f"SELECT en.key, en.name, en.type, en.wikidata, count(DISTINCT ae.article) AS articles, "
            f"sum(ae.mentions) AS mentions {sql} ORDER BY articles DESC, mentions DESC, en.name "
            f"LIMIT :limit OFFSET :offset", {**params, "limit": page.limit, "offset": page.offset})
        return Page(items=[EntitySummary(**r) for r in rows], total=total, limit=page.limit, offset=page.offset)

    def list_quotes(self, filters: Filters, page: PageRequest) -> Page[QuoteRow]:
        """Return quotes from matching articles; with `filters.entity`, quotes by or about that entity."""
        where, params = self._article_filters(filters.model_copy(update={"text": None, "entity": None}))
        conditions = [where]
        if filters.text:
            conditions.append(self._text_condition("quote", "q", filters.text, params))
        if filters.entity:
            keys = self._entity_condition("{col}", filters.entity, params)
            conditions.append(
                f"({keys.format(col='q.speaker_entity')} OR EXISTS (SELECT 1 FROM mentions m "
                f"WHERE m.article = q.article AND {keys.format(col='m.entity')} "
                f"AND m.start_offset >= q.start_offset AND m.end_offset <= q.end_offset))")
        sql = f"FROM quotes q JOIN articles a ON a.key = q.article WHERE {' AND '.join(conditions)}"
        total = self.db.scalar(f"SELECT count(*) AS n {sql}", params)
        rows = self.db.execute(
            f"SELECT {_QUOTE_COLUMNS} {sql} ORDER BY a.published IS NULL, a.published DESC, q.article, q.seq "
            f"LIMIT :limit OFFSET :offset", {**params, "limit": page.limit, "offset": page.offset})
        return Page(items=[QuoteRow(**self._quote_row(r)) for r in rows], total=total, limit=page.limit,
                    offset=page.offset)

    def list_events(self, filters: Filters, page: PageRequest) -> Page[EventRow]:
        """Return events from matching articles; dates and `near` apply to the event's own date and place."""
        where, params = self._article_filters(
            filters.model_copy(update={"text": None, "entity": None, "since": None, "until": None, "near": None}))
        conditions = [where, *self._event_conditions(filters, params, "e")]
        if filters.text:
            conditions.append(self._text_condition("event", "e", filters.text, params))
        if filters.entity:
            keys = self._entity_condition("ee.entity", filters.entity, params)
            conditions.append(f"EXISTS (SELECT 1 FROM event_entities ee WHERE ee.article = e.article "
                              f"AND ee.seq = e.seq AND {keys})")
        sql = f"FROM events e JOIN articles a ON a.key = e.article WHERE {' AND '.join(conditions)}"
        total = self.db.scalar(f"SELECT count(*) AS n {sql}", params)
        rows = self.db.execute(
            f"SELECT e.article, a.title, a.published, a.publisher, e.event_json {sql} "
            f"ORDER BY COALESCE(e.date_earliest, a.published) IS NULL, COALESCE(e.date_earliest, a.published) DESC, "
            f"e.article, e.seq LIMIT :limit OFFSET :offset", {**params, "limit": page.limit, "offset": page.offset})
        return Page(items=[EventRow(article=r["article"], title=r["title"], published=r["published"],
                                    publisher=r["publisher"], event=Event.model_validate_json(r["event_json"]))
                           for r in rows], total=total, limit=page.limit, offset=page.offset)

    def list_places(self, filters: Filters, page: PageRequest) -> Page[PlaceSummary]:
        """Return places named by matching articles or their events, with counts; `near` applies to the place."""
        where, params = self._article_filters(filters.model_copy(update={"text": None, "near": None}))
        conditions = ["1 = 1"]
        if filters.text:
            conditions.append("lower(p.name) LIKE :name_like")
            params["name_like"] = f"%{filters.text.lower()}%"
        if filters.near:
            conditions.append(_near_condition("p", filters, params))
        sql = (f"FROM (SELECT ap.place AS place, count(*) AS articles, 0 AS events FROM article_places ap "
               f"JOIN articles a ON a.key = ap.article WHERE {where} GROUP BY ap.place "
               f"UNION ALL SELECT e.place AS place, 0 AS articles, count(*) AS events FROM events e "
               f"JOIN articles a ON a.key = e.article WHERE e.place IS NOT NULL AND {where} GROUP BY e.place) t "
               f"JOIN places p ON p.key = t.place WHERE {' AND '.join(conditions)} "
               f"GROUP BY p.key, p.name, p.lat, p.lon, p.country, p.admin1, p.geonameid")
        total = self.db.scalar(f"SELECT count(*) AS n FROM (SELECT p.key {sql}) c", params)
        rows = self.db.execute(
            f"SELECT p.key, p.name, p.lat, p.lon, p.country, p.admin1, p.geonameid, sum(t.articles) AS articles, "
            f"sum(t.events) AS events {sql} ORDER BY sum(t.articles) + sum(t.events) DESC, p.name "
            f"LIMIT :limit OFFSET :offset", {**params, "limit": page.limit, "offset": page.offset})
        return Page(items=[PlaceSummary(**r) for r in rows], total=total, limit=page.limit, offset=page.offset)

    def search(self, filters: Filters, page: PageRequest) -> Page[SearchHit]:
        """Return articles, quotes and events matching `filters.text` (all words), best first.

        Without text, every item passing the other filters is returned, newest first. Dates and `near` apply to
        an event's own date and place, and to the article's date and places for articles and quotes. The total
        is exact up to `count_cap`; past it, `total` is the cap and `total_exact` is False.
        """
        counting, params = self._search_sources(filters, ranked=False)
        counted = self.db.scalar(f"{counting} SELECT count(*) AS n FROM (SELECT m.id FROM ({_UNION}) m "
                                 f"LIMIT {int(self.count_cap) + 1}) c", params)
        ranking, params = self._search_sources(filters, ranked=True)
        query = self.db.search_query(filters.text or "")
        match, _, snippet = self.db.search_match() if query else ("", "", "substr(d.body, 1, 240)")
        order = "m.score DESC, m.published DESC, m.id" if query else "m.published IS NULL, m.published DESC, m.id"
        # Rank ids first, then build snippets and read payloads for the page alone: both cost per row.
        rows = self.db.execute(
            f"{ranking} SELECT d.kind, d.article, a.title, a.published, a.publisher, {snippet} AS snippet, m.score, "
            f"q.quote_json, e.event_json FROM (SELECT * FROM ({_UNION}) m ORDER BY {order} "
            f"LIMIT :limit OFFSET :offset) m JOIN search_docs d ON d.id = m.id {match} "
            f"JOIN articles a ON a.key = d.article "
            f"LEFT JOIN events e ON d.kind = 'event' AND e.article = d.article AND e.seq = d.seq "
            f"LEFT JOIN quotes q ON d.kind = 'quote' AND q.article = d.article AND q.seq = d.seq "
            f"ORDER BY {order}", {**params, "limit": page.limit, "offset": page.offset})
        hits = [SearchHit(kind=r["kind"], article=r["article"], title=r["title"], published=r["published"],
                          publisher=r["publisher"], snippet=r["snippet"], score=float(r["score"]),
                          quote=Quote.model_validate_json(r["quote_json"]) if r["quote_json"] else None,
                          event=Event.model_validate_json(r["event_json"]) if r["event_json"] else None)
                for r in rows]
        return Page(items=hits, total=min(counted, self.count_cap), total_exact=counted <= self.count_cap,
                    limit=page.limit, offset=page.offset)

    def search_counts(self, filters: Filters) -> dict[str, int]:
        """Return how many articles, quotes and events `search` finds for `filters` (its `type` aside), exactly."""
        counting, params = self._search_sources(filters.model_copy(update={"type": None}), ranked=False)
        rows = self.db.execute(f"{counting} SELECT d.kind, count(*) AS n FROM ({_UNION}) m "
                               f"JOIN search_docs d ON d.id = m.id GROUP BY d.kind", params)
        counts = {kind: 0 for kind in SEARCH_KINDS}
        counts.update({r["kind"]: r["n"] for r in rows})
        return counts

    def _search_sources(self, filters: Filters, *, ranked: bool) -> tuple[str, dict[str, Any]]:
        """Return a WITH clause defining `found` (id, score, published: the search documents passing `filters`,
        one query per kind, joined in `_UNION`), and its parameters.

        The full-text match runs once, in `hits`. Each kind then has its own query: an OR between the article
        side and the event side of the date and place filters would keep every index out, and each side has its
        own ("near" drives from the events' coordinates for events, from the places' for articles and quotes).
        """
        where, params = self._article_filters(
            filters.model_copy(update={"text": None, "since": None, "until": None, "near": None}))
        query = self.db.search_query(filters.text or "")
        hits = ""
        if query:
            match, score, _ = self.db.search_match()
            params["query"] = query
            hits = f"hits AS MATERIALIZED (SELECT d.id, d.kind, d.article, d.seq, {score if ranked else '0.0'} " \
                   f"AS score FROM search_docs d {match}), "
        parts = []
        for kind in [filters.type] if filters.type else SEARCH_KINDS:
            conditions = [where, f"d.kind = '{kind}'"]
            events = ""
            if kind == "event":
                events = "JOIN events e ON e.article = d.article AND e.seq = d.seq"
                conditions += self._event_conditions(filters, params, "e")
            else:
                conditions += _date_conditions("a.published", filters, params)
                if filters.near:
                    conditions.append(f"d.article IN (SELECT ap.article FROM article_places ap JOIN places p "
                                      f"ON p.key = ap.place WHERE {_near_condition('p', filters, params)})")
            parts.append(f"SELECT d.id AS id, {'d.score' if hits else '0.0'} AS score, a.published AS published "
                         f"FROM {'hits' if hits else 'search_docs'} d JOIN articles a ON a.key = d.article {events} "
                         f"WHERE {' AND '.join(conditions)}")
        return f"WITH {hits}found AS ({' UNION ALL '.join(parts)})", params

    def stats(self) -> StoreStats:
        """Return how many articles, versions, stories, entities, quotes, events and places the store holds."""
        counts = {table: self.db.scalar(f"SELECT count(*) AS n FROM {table}") for table in
                  ("articles", "article_versions", "stories", "entities", "quotes", "events", "places")}
        return StoreStats(backend=self.backend, articles=counts["articles"], versions=counts["article_versions"],
                          stories=self.db.scalar("SELECT count(DISTINCT story_id) AS n FROM articles"),
                          entities=counts["entities"], quotes=counts["quotes"], events=counts["events"],
                          places=counts["places"], schema_version=self.schema_version)

    # ---- filters --------------------------------------------------------------------------------------------------

    def _article_filters(self, filters: Filters) -> tuple[str, dict[str, Any]]:
        """Return a WHERE clause over `a` (articles) for the article-level filters, and its parameters."""
        conditions = ["1 = 1"]
        params: dict[str, Any] = {}
        if filters.text:
            conditions.append(self._text_condition("article", "a", filters.text, params))
        if filters.entity:
            keys = self._entity_condition("ae.entity", filters.entity, params)
            conditions.append(f"a.key IN (SELECT ae.article FROM article_entities ae WHERE {keys})")
        if filters.publisher:
            conditions.append("lower(a.publisher) = lower(:publisher)")
            params["publisher"] = filters.publisher
        conditions += _date_conditions("a.published", filters, params)
        if filters.near:
            conditions.append(f"a.key IN (SELECT ap.article FROM article_places ap JOIN places p ON p.key = ap.place "
                              f"WHERE {_near_condition('p', filters, params)})")
        return " AND ".join(conditions), params

    def _event_conditions(self, filters: Filters, params: dict[str, Any], alias: str) -> list[str]:
        """Return conditions putting an event's own date and place (else its article's date) within the filters."""
        conditions = _date_conditions(f"COALESCE({alias}.date_earliest, a.published)", filters, params)
        if filters.near:
            conditions.append(_near_condition(alias, filters, params))
        return conditions

    def _text_condition(self, kind: str, alias: str, text: str, params: dict[str, Any]) -> str:
        """Return a condition keeping rows of `alias` whose search document of `kind` matches `text`."""
        query = self.db.search_query(text)
        if not query:
            return "1 = 1"
        match, _, _ = self.db.search_match()
        params["query"] = query
        if kind == "article":
            return f"{alias}.key IN (SELECT d.article FROM search_docs d {match} WHERE d.kind = 'article')"
        return (f"EXISTS (SELECT 1 FROM search_docs d {match} WHERE d.kind = '{kind}' "
                f"AND d.article = {alias}.article AND d.seq = {alias}.seq)")

    def _entity_condition(self, column: str, value: str, params: dict[str, Any]) -> str:
        """Return `column IN (...)` for the entities `value` names (a key, a name or an alias)."""
        keys = self.entity_keys(value)
        if not keys:
            return "1 = 0"
        names = {f"entity_{i}": k for i, k in enumerate(keys)}
        params.update(names)
        return f"{column} IN ({', '.join(':' + n for n in names)})"

    def entity_keys(self, value: str) -> list[str]:
        """Return the keys of the entities that `value` names: an entity key, or a name or alias (any case)."""
        rows = self.db.execute("SELECT key FROM entities WHERE key = :value UNION "
                               "SELECT entity AS key FROM entity_names WHERE folded_name = :folded",
                               {"value": value, "folded": _fold(value)})
        return sorted(r["key"] for r in rows)

    @staticmethod
    def _quote_row(row: dict[str, Any]) -> dict[str, Any]:
        return {"article": row["article"], "title": row["title"], "published": row["published"],
                "publisher": row["publisher"], "speaker_key": row["speaker_entity"],
                "quote": Quote.model_validate_json(row["quote_json"])}


_QUOTE_COLUMNS = "q.article, a.title, a.published, a.publisher, q.speaker_entity, q.quote_json"


def _date_conditions(column: str, filters: Filters, params: dict[str, Any]) -> list[str]:
    conditions = []
    if filters.since:
        conditions.append(f"{column} >= :since")
        params["since"] = filters.since
    if filters.until:
        if len(filters.until) == 10:  # a whole day: everything before the next one
            conditions.append(f"{column} < :until")
            params["until"] = (date.fromisoformat(filters.until) + timedelta(days=1)).isoformat()
        else:
            conditions.append(f"{column} <= :until")
            params["until"] = filters.until
    return conditions


def _near_condition(alias: str, filters: Filters, params: dict[str, Any]) -> str:
    """Return a condition keeping rows of `alias` (with lat, lon) within `filters.km` of `filters.near`."""
    assert filters.near is not None
    lat, lon = filters.near
    # The bounding box lets the (lat, lon) index cut the rows before the exact distance is computed.
    dlat = filters.km / 111.0
    dlon = min(180.0, filters.km / max(1e-6, 111.0 * abs(math.cos(math.radians(lat)))))
    params.update({"near_lat": lat, "near_lon": lon, "near_km": filters.km, "lat_lo": lat - dlat,
                   "lat_hi": lat + dlat, "lon_lo": lon - dlon, "lon_hi": lon + dlon})
    return (f"{alias}.lat BETWEEN :lat_lo AND :lat_hi AND {alias}.lon BETWEEN :lon_lo AND :lon_hi "
            f"AND wirewatch_km({alias}.lat, {alias}.lon, :near_lat, :near_lon) <= :near_km")


def _identity(record: Record) -> str:
    """Return what makes two records versions of one article: the URL, else the source id."""
    return f"url:{record.url}" if record.url else f"source:{record.source_id}"


def _article_columns(record: Record) -> dict[str, Any]:
    return {"record_id": record.id, "title": record.title, "publisher": record.publisher,
            "published": record.published, "url": record.url, "language": record.language}


def _fold(name: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", name)).strip().casefold()


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    slug = _SLUG_JUNK.sub("-", ascii_name).strip("-")[:80]
    return slug or hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]


def _redact(target: str) -> str:
    """Hide a DSN's password in messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", target)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
