"""Store behaviour, on SQLite and PostgreSQL: round-trip, idempotence, versions, stories, entities, search."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import ValidationError

import wirewatch.store
from wirewatch.record import Entity, Event, Mention, Place, PlaceRef, Quote, Record, Speaker, record_id
from wirewatch.store import Filters, PageRequest, Store, StoreError, open_store

ALL = PageRequest(limit=500)
MIGRATIONS = len(list((Path(wirewatch.store.__file__).parent / "migrations" / "sqlite").glob("*.sql")))

# Fictional article text, written for these tests.
LONG_STORY = " ".join(
    f"Paragraph {n} of the Tarvos report says the river ferry to Olmaris was stopped by flooding on day {n}, "
    f"and the harbour master counted {n * 3} stranded vehicles near the northern quay before the evening curfew."
    for n in range(1, 13))
OTHER_STORY = ("A cycling race through the hill villages of Brenmoor drew record crowds on Sunday, the organisers "
               "said, with the youngest rider finishing the mountain stage ahead of the defending champion. "
               "Cafe owners along the route reported their busiest weekend of the year.")


def with_text(record: Record, text: str, **changes: object) -> Record:
    """A copy of `record` with new text (and id), dropping the facts whose offsets pointed into the old text."""
    data = record.model_dump()
    data.update(paragraphs=[text], text=text, id=record_id(text), entities=[], quotes=[], times=[], places=[],
                events=[], relations=[], **changes)
    return Record.model_validate(data)


def test_full_records_round_trip(store: Store, sample_records: list[Record]) -> None:
    for record in sample_records:
        assert store.add(record).status == "new"
    for record in sample_records:
        stored = store.get_article(record.id)
        assert stored is not None
        assert stored.record.model_dump_json() == record.model_dump_json()
    assert {r.id: r for r in store.iter_records(Filters())} == {r.id: r for r in sample_records}
    stats = store.stats()
    assert (stats.articles, stats.versions, stats.stories) == (len(sample_records),) * 3
    assert stats.quotes == sum(len(r.quotes) for r in sample_records)


def test_same_article_twice_is_one_row(store: Store, sample_records: list[Record]) -> None:
    first = store.add(sample_records[0], raw_hash="h1")
    again = store.add(sample_records[0], raw_hash="h1")
    assert again.status == "unchanged" and again.article == first.article and again.version == 1
    assert store.stats().articles == 1 and store.stats().versions == 1
    assert store.list_quotes(Filters(), ALL).total == len(sample_records[0].quotes)
    assert store.has_raw_hash("h1") and not store.has_raw_hash("h2")


def test_same_text_reextracted_replaces_the_record(store: Store, make_record: Callable[..., Record]) -> None:
    bare = make_record(OTHER_STORY, url="https://example.org/race")
    store.add(bare)
    richer = bare.model_copy(update={"entities": [Entity(id="e1", name="Brenmoor", type="GPE")]})
    assert store.add(richer).status == "updated"
    assert store.get_article(bare.id).record == richer  # type: ignore[union-attr]
    assert store.stats().versions == 1 and store.list_entities(Filters(), ALL).total == 1


def test_the_same_text_from_another_url_is_a_copy_of_the_stored_article(
        store: Store, make_record: Callable[..., Record]) -> None:
    wire = make_record(LONG_STORY, url="https://example.org/ferry", publisher="Tarvos Post")
    copy = wire.model_copy(update={"url": "https://example.net/news/ferry", "publisher": "Brenmoor Courier"})
    assert store.add(wire).status == "new"
    assert store.add(copy).status == "copy"
    assert store.add(copy).status == "unchanged"  # the same copy seen again
    stored = store.get_article(wire.id)
    assert stored is not None and stored.record.url == "https://example.org/ferry"
    assert [(c.url, c.publisher) for c in stored.copies] == [("https://example.net/news/ferry", "Brenmoor Courier")]
    assert store.stats().articles == 1


def test_changed_text_at_same_url_is_a_new_version(store: Store, make_record: Callable[..., Record]) -> None:
    first = make_record(LONG_STORY, url="https://example.org/ferry", title="Ferry stopped")
    second = with_text(first, LONG_STORY.replace("flooding", "a storm surge"), title="Ferry stopped by storm")
    assert store.add(first).status == "new"
    result = store.add(second)
    assert (result.status, result.article, result.version) == ("new_version", first.id, 2)
    for key in (first.id, second.id):
        stored = store.get_article(key)
        assert stored is not None and stored.key == first.id and stored.record == second
        assert [(v.version, v.record_id) for v in stored.versions] == [(1, first.id), (2, second.id)]
    assert store.stats().articles == 1
    assert store.search(Filters(text="storm surge"), ALL).total == 1
    assert store.search(Filters(text="flooding"), ALL).total == 0  # only the current version is searched
    assert store.add(first).status == "unchanged"  # an old version seen again changes nothing


def test_without_url_the_source_id_identifies_the_article(store: Store, make_record: Callable[..., Record]) -> None:
    store.add(make_record(OTHER_STORY, source_id="race.txt"))
    assert store.add(make_record(OTHER_STORY + " Rain is expected.", source_id="race.txt")).status == "new_version"
    assert store.add(make_record(OTHER_STORY + " Rain is expected.", source_id="other.txt")).status == "copy"
    copies = store.get_article(make_record(OTHER_STORY, source_id="race.txt").id).copies  # type: ignore[union-attr]
    assert [(c.url, c.source) for c in copies] == [(None, "other.txt")]


def test_syndicated_copy_and_teaser_join_the_story(store: Store, make_record: Callable[..., Record]) -> None:
    original = make_record(LONG_STORY, url="https://example.org/ferry", publisher="Tarvos Post")
    syndicated = make_record(LONG_STORY.replace("the evening curfew", "the curfew") + " Reporting by agency staff.",
                             url="https://mirror.example.net/ferry", publisher="Mirror")
    teaser = make_record(LONG_STORY[:400].rsplit(" ", 1)[0], url="https://example.org/briefs", publisher="Briefs")
    unrelated = make_record(OTHER_STORY, url="https://example.org/race")
    assert store.add(original).status == "new"
    joined = store.add(syndicated)
    assert joined.status == "duplicate" and joined.story_id == original.id
    short = store.add(teaser)
    assert short.status == "duplicate" and short.story_id == original.id
    alone = store.add(unrelated)
    assert alone.status == "new" and alone.story_id != original.id
    related = store.get_article(original.id).related  # type: ignore[union-attr]
    assert {a.key for a in related} == {syndicated.id, teaser.id}
    assert store.stats().stories == 2


def test_unrelated_samples_each_start_a_story(store: Store, sample_records: list[Record]) -> None:
    assert {store.add(r).status for r in sample_records} == {"new"}
    assert store.stats().stories == len(sample_records)


def _about(name: str, wikidata: str | None, text: str, url: str, make_record: Callable[..., Record]) -> Record:
    start = text.index(name)
    entity = Entity(id="e1", name=name, type="ORG", wikidata=wikidata, aliases=[name.upper()], roles=["militia"],
                    mentions=[Mention(start=start, end=start + len(name), text=name)])
    return make_record(text, url=url, entities=[entity])


def test_entities_merge_across_articles(store: Store, make_record: Callable[..., Record]) -> None:
    store.add(_about("Olmaris Guard", None, "The Olmaris Guard closed the quay on Monday.", "https://a.example/1",
                     make_record))
    store.add(_about("Olmaris Guard", "Q999001", "Later the Olmaris Guard reopened the road.", "https://a.example/2",
                     make_record))
    store.add(_about("olmaris  guard", "Q999001", "Witnesses saw the olmaris  guard leave town.",
                     "https://a.example/3", make_record))
    entities = store.list_entities(Filters(), ALL)
    assert entities.total == 1
    summary = entities.items[0]
    assert (summary.articles, summary.wikidata, summary.key) == (3, "Q999001", "org-olmaris-guard")
    profile = store.get_entity(summary.key)
    assert profile is not None and len(profile.articles) == 3 and profile.roles == ["militia"]
    assert store.entity_keys("OLMARIS GUARD") == ["org-olmaris-guard"]
    assert store.get_entity("no-such-entity") is None


def _event_record(make_record: Callable[..., Record]) -> Record:
    text = ("Officials in Tarvos said gunmen attacked the ferry office on Monday. “We will rebuild,” the mayor "
            "Ana Ruiz said.")
    mayor = text.index("Ana Ruiz")
    quote_start = text.index("We will")
    return make_record(
        text, url="https://example.org/tarvos", publisher="Tarvos Post", published="2026-03-02",
        entities=[Entity(id="e1", name="Ana Ruiz", type="PERSON",
                         mentions=[Mention(start=mayor, end=mayor + 8, text="Ana Ruiz")])],
        quotes=[Quote(text="We will rebuild", type="direct", speaker=Speaker(name="Ana Ruiz", entity="e1"),
                      cue="said", start=quote_start, end=quote_start + 15)],
        places=[Place(name="Tarvos", lat=10.0, lon=20.0, country="XX", geonameid=990001,
                      mentions=[Mention(start=13, end=19, text="Tarvos")])],
        events=[Event(type="ASSAULT", actors=["gunmen"], targets=["Ana Ruiz"], evidence=text.split(".")[0],
                      place=PlaceRef(name="Tarvos", lat=10.0, lon=20.0, country="XX"))])


def test_search_and_listing_filters(store: Store, make_record: Callable[..., Record]) -> None:
    store.add(_event_record(make_record))
    store.add(make_record(OTHER_STORY, url="https://example.org/race", publisher="Brenmoor Courier",
                          published="2026-05-10T09:00:00+00:00"))
    assert store.search(Filters(text="rebuild"), ALL).total == 2  # the article and its quote
    quote_hits = store.search(Filters(text="rebuild", type="quote"), ALL)
    assert quote_hits.total == 1 and quote_hits.items[0].quote and quote_hits.items[0].quote.text == "We will rebuild"
    assert [h.kind for h in store.search(Filters(text="gunmen attacked", type="event"), ALL).items] == ["event"]
    assert store.search(Filters(text="rebuild", entity="ana ruiz"), ALL).total == 2
    assert store.search(Filters(text="rebuild", entity="Nobody"), ALL).total == 0
    assert store.search(Filters(text="riders crowd", publisher="brenmoor courier"), ALL).total == 1  # stemmed
    assert store.search(Filters(text="riders crowd", publisher="Tarvos Post"), ALL).total == 0
    assert store.search(Filters(text="riders skiers"), ALL).total == 0  # every word must match
    assert store.search(Filters(since="2026-05-01"), ALL).total == 1
    assert store.search(Filters(until="2026-03-02"), ALL).total == 3  # the whole day counts
    assert store.search(Filters(until="2026-03-01"), ALL).total == 0
    near = store.search(Filters(near=(10.1, 20.1), km=30), ALL)
    assert near.total == 3 and {h.kind for h in near.items} == {"article", "quote", "event"}
    assert store.search(Filters(near=(12.0, 20.0), km=30), ALL).total == 0
    page = store.search(Filters(), PageRequest(limit=1, offset=1))
    assert page.total == 4 and len(page.items) == 1
    assert store.list_articles(Filters(publisher="Tarvos Post"), ALL).total == 1
    assert store.list_articles(Filters(text="ferry office"), ALL).total == 1
    by_ana = store.list_quotes(Filters(entity="Ana Ruiz"), ALL)
    assert by_ana.total == 1 and by_ana.items[0].speaker_key == "person-ana-ruiz"
    events = store.list_events(Filters(near=(10.0, 20.0), km=5), ALL)
    assert events.total == 1 and events.items[0].event.type == "ASSAULT"
    assert store.list_events(Filters(entity="Ana Ruiz"), ALL).total == 1
    places = store.list_places(Filters(), ALL).items
    assert [(p.key, p.articles, p.events) for p in places] == [("geonames-990001", 1, 1)]
    profile = store.get_entity("person-ana-ruiz")
    assert profile is not None and len(profile.quotes_by) == 1 and len(profile.events) == 1


def test_bad_filters_and_stores_are_clear_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="not an ISO date"):
        Filters(since="yesterday")
    with pytest.raises(ValidationError):
        PageRequest(limit=501)
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "missing" / "x.db")
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="junk.db"):
        open_store(tmp_path / "junk.db")
    with pytest.raises(StoreError, match=r"postgresql://u:\*\*\*@127.0.0.1:1/x"):
        open_store("postgresql://u:secret@127.0.0.1:1/x")


def test_reopening_applies_no_migration_twice(fresh_db: str) -> None:
    with open_store(fresh_db) as first:
        assert first.schema_version == MIGRATIONS
    with open_store(fresh_db) as again:
        assert again.db.scalar("SELECT count(*) AS n FROM schema_migrations") == MIGRATIONS


def test_search_counts_up_to_the_cap_and_per_kind_exactly(store: Store, make_record: Callable[..., Record]) -> None:
    store.add(_event_record(make_record))
    store.add(make_record(OTHER_STORY, url="https://example.org/race", publisher="Brenmoor Courier",
                          published="2026-05-10T09:00:00+00:00"))
    everything = store.search(Filters(), ALL)
    assert everything.total == 4 and everything.total_exact
    store.count_cap = 2
    capped = store.search(Filters(), PageRequest(limit=3))
    assert (capped.total, capped.total_exact, len(capped.items)) == (2, False, 3)
    assert store.search_counts(Filters(type="quote")) == {"article": 2, "quote": 1, "event": 1}
    assert store.search_counts(Filters(text="rebuild")) == {"article": 1, "quote": 1, "event": 0}
    assert store.search_counts(Filters(near=(10.1, 20.1), km=30)) == {"article": 1, "quote": 1, "event": 1}
