"""The ``wirewatch_relations`` component and ``relations_from_doc``: one table of fictional wire-style sentences
per predicate with the relation each must give, near misses that must give nothing, hand-built Docs on a blank
pipeline, serialization, and the evidence check on every relation (test sentences and the bundled samples).

All sentences are written for these tests; the people, groups and attacks in them are invented.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, DocBin

from wirewatch import extract, extract_many
from wirewatch.ingest import read_inputs
from wirewatch.nlp import load_pipeline
from wirewatch.nlp.extensions import register_extensions
from wirewatch.nlp.relations import RelationFinder, default_cues, parse_cues
from wirewatch.record import Entity, Record, Relation
from wirewatch.resolve.entities import entities_from_doc
from wirewatch.resolve.relations import relations_from_doc

ROOT = Path(__file__).resolve().parents[2]

POSITIVE = [
    ("Interior Minister Daniel Okafor said the curfew in the capital would stay in place until Friday.",
     ("Daniel Okafor", "role", "Interior Minister")),
    ("In an interview with Al Jazeera, presenter Clara Voss asked the general whether the talks had failed.",
     ("Clara Voss", "role", "presenter at Al Jazeera")),
    ("The Northern Dawn Brigade (NDB) said it had withdrawn its fighters from the town.",
     ("Northern Dawn Brigade", "alias", "NDB")),
    ("The Southern Hills Movement, or SHM, has denied any role in the killings.",
     ("Southern Hills Movement", "alias", "SHM")),
    ("The Hill Lions, a splinter group of the Eastern Liberation Army, have operated in the valley since 2019.",
     ("Hill Lions", "offshoot_of", "Eastern Liberation Army")),
    ("Analysts say the River Guard is a front for the Eastern Liberation Army.",
     ("River Guard", "offshoot_of", "Eastern Liberation Army")),
    ("Police said Hassan Odeke was a member of the Lake Victoria Fighters.",
     ("Hassan Odeke", "member_of", "Lake Victoria Fighters")),
    ("Kamal Dorani, the leader of the Coastal Freedom Front, was arrested in Mombasa on Tuesday.",
     ("Kamal Dorani", "leader_of", "Coastal Freedom Front")),
    ("Shield Army chief Omar Bakri denied the claim in a video posted online.",
     ("Omar Bakri", "leader_of", "Shield Army")),
    ("The Northern Dawn Brigade claimed responsibility for the bombing in Quetta on Monday.",
     ("Northern Dawn Brigade", "claimed_responsibility", "Quetta bombing")),
    ("The Valley Hawks, which claimed the ambush, were banned by the United Nations in 2019.",
     ("Valley Hawks", "banned_by", "United Nations")),
    (("Gunmen carried out an ambush on an army convoy near Kohlu on Monday.\n\nThe Northern Dawn Brigade claimed "
      "responsibility in a statement."), ("Northern Dawn Brigade", "claimed_responsibility", "ambush")),
    ("A little-known group, the Valley Hawks, claimed responsibility for the ambush on Friday.",
     ("Valley Hawks", "claimed_responsibility", "ambush")),
    ("The Valley Hawks, which claimed the ambush, were banned by the United Nations in 2019.",
     ("Valley Hawks", "claimed_responsibility", "ambush")),
    ("Britain proscribed the Red Crescent Militia in 2021.",
     ("Red Crescent Militia", "banned_by", "United Kingdom")),
    ("Witnesses said fighters of the outlawed Red Crescent Militia set fire to the market.",
     ("Red Crescent Militia", "status", "banned")),
    ("The attack took place in the Mastung district in Balochistan, officials said.",
     ("Mastung", "located_in", "Balochistan")),
    ("Six soldiers were killed in Chhattisgarh's Bijapur district on Sunday.",
     ("Bijapur", "located_in", "Chhattisgarh")),
]

# Near misses: the cue words are there, the pattern is not.
NEGATIVE = [
    "The committee claimed that the bombing in Quetta had been staged by rivals.",  # a claim about, not of, an act
    "Kamal Dorani met the leader of the Coastal Freedom Front in Mombasa last week.",  # he met the leader
    "The ministry banned the march in Quetta after clashes with police.",  # a march is no group
    "Flights between Lahore and Karachi resumed on Sunday after the storm.",  # neither place holds the other
    "The Coastal Freedom Front, or ISIS, was blamed for the raid.",  # "or" with letters that spell nothing here
    "Officials from the Eastern Liberation Army met traders from Karachi, Lahore and Quetta.",
    ("A bomb attack hit a bus in Gwadar on Monday. Talks on the new port resumed on Tuesday. The Northern Dawn "
     "Brigade claimed responsibility on Wednesday."),  # the act is too far back to be sure the claim is for it
]


@pytest.fixture(scope="module")
def nlp():
    try:
        return load_pipeline()
    except OSError:
        pytest.skip("the spaCy model is not installed")


def _relations(doc: Doc) -> tuple[list[Relation], list[Entity]]:
    entities = entities_from_doc(doc)
    return relations_from_doc(doc, entities), entities


def _triples(doc: Doc) -> set[tuple[str, str, str]]:
    return {(r.subject, r.predicate, r.object) for r in _relations(doc)[0]}


@pytest.mark.parametrize("text, expected", POSITIVE)
def test_each_predicate_from_its_pattern(nlp, text, expected):
    assert expected in _triples(nlp(text))


@pytest.mark.parametrize("text", NEGATIVE)
def test_near_misses_give_nothing(nlp, text):
    assert _triples(nlp(text)) == set()


def test_the_component_runs_last_in_the_pipeline(nlp):
    assert nlp.pipe_names[-1] == "wirewatch_relations"


def test_doc_relations_are_offsets_inside_their_sentence(nlp):
    for doc in nlp.pipe(text for text, _ in POSITIVE):
        for rel in doc._.relations:
            sent = rel["sentence"]
            for part in (rel["subject"], rel["object"]):
                assert sent["start"] <= part["start"] < part["end"] <= sent["end"]
                assert doc.text[part["start"]:part["end"]] == part["text"]


# -- evidence: every relation's sentence names both its ends --------------------------------------------------

_GLUE = {"at", "of", "the"}  # the words a composed object adds ("presenter at Al Jazeera")


def _named(evidence: str, name: str, entities: list[Entity]) -> bool:
    """True when the evidence writes the name, one of its entity's aliases or mentions, or every word of it."""
    forms = {name}
    for ent in entities:
        if ent.name == name:
            forms |= set(ent.aliases) | {m.text for m in ent.mentions}
    if any(form in evidence for form in forms):
        return True
    words = [w for w in re.findall(r"\w+", name) if w.lower() not in _GLUE]
    return bool(words) and all(w in evidence for w in words)


def _check_evidence(relations: list[Relation], entities: list[Entity]) -> None:
    for rel in relations:
        names = {rel.subject, rel.object}
        if rel.predicate == "alias":  # the short name stands for its subject
            assert rel.object in rel.evidence, rel
            continue
        if rel.predicate == "status":
            names = {rel.subject}
        for name in names:
            assert _named(rel.evidence, name, entities), (name, rel)


def test_evidence_names_subject_and_object_in_test_sentences(nlp):
    for doc in nlp.pipe(text for text, _ in POSITIVE):
        _check_evidence(*_relations(doc))


@pytest.fixture(scope="module")
def sample_records(nlp) -> dict[str, Record]:
    """The bundled samples' records, by source id."""
    return {r.source_id: r for r in extract_many(read_inputs([str(ROOT / "samples")])) if isinstance(r, Record)}


def test_evidence_names_subject_and_object_in_the_samples(sample_records):
    assert len(sample_records) == 8 and any(r.relations for r in sample_records.values())
    for record in sample_records.values():
        _check_evidence(record.relations, record.entities)


# -- quality: the project's scorer on the seed and the samples (floors a little under what the rules reach) -------

@pytest.mark.quality
def test_samples_relations_floor(scorer, sample_records):
    results = []
    for path in sorted((ROOT / "tests" / "fixtures" / "expected").glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        results.append({"relations": scorer.score_relations(gold, sample_records[gold["source_id"]].model_dump())})
    table = scorer.aggregate(results)["relations"]
    assert table["precision"] >= 0.9 and table["f1"] >= 0.7, table


@pytest.mark.quality
def test_seed_relations(shared_dir, scorer):
    (path,) = sorted((shared_dir / "fixtures" / "seed").glob("*.txt"))
    (raw,) = read_inputs([str(path)])
    gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
    table = scorer.score_relations(gold, extract(raw).model_dump())  # type: ignore[arg-type]
    assert table["recall"] == 1.0 and table["precision"] >= 0.85, table


# -- blank pipeline, hand-built Docs: the patterns without the model --------------------------------------------

def _cluster(doc: Doc, cid: str, name: str, label: str, *texts: str) -> dict:
    mentions = []
    for text in texts:
        start = doc.text.index(text)
        mentions.append({"start": start, "end": start + len(text), "text": text, "kind": "name"})
    return {"id": cid, "name": name, "type": label, "aliases": [], "roles": [], "wikidata": None,
            "mentions": mentions}


def test_apposition_pattern_on_a_hand_parsed_doc():
    register_extensions()
    words = ["The", "Tide", "Front", ",", "an", "offshoot", "of", "the", "Reef", "Army", ",", "fled", "."]
    heads = [2, 2, 11, 2, 5, 2, 5, 9, 9, 6, 2, 11, 11]
    deps = ["det", "compound", "nsubj", "punct", "det", "appos", "prep", "det", "compound", "pobj", "punct",
            "ROOT", "punct"]
    pos = ["DET", "PROPN", "PROPN", "PUNCT", "DET", "NOUN", "ADP", "DET", "PROPN", "PROPN", "PUNCT", "VERB", "PUNCT"]
    lemmas = ["the", "Tide", "Front", ",", "an", "offshoot", "of", "the", "Reef", "Army", ",", "flee", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas,
              sent_starts=[True] + [False] * 12)
    doc._.entities = [_cluster(doc, "e1", "Tide Front", "ORG", "Tide Front"),
                      _cluster(doc, "e2", "Reef Army", "ORG", "Reef Army")]
    RelationFinder(cues=default_cues())(doc)
    assert _triples(doc) == {("Tide Front", "offshoot_of", "Reef Army")}


def test_located_in_needs_the_gazetteer_to_agree():
    register_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    finder = RelationFinder(cues=default_cues())

    def doc_with_places(text: str, places: dict[str, dict]) -> Doc:
        doc = nlp(text)
        spans = []
        for words, place in places.items():
            start = text.index(words)
            span = doc.char_span(start, start + len(words))
            span._.place = place
            spans.append(span)
        doc.spans["wirewatch_places"] = spans
        doc._.entities = []
        return finder(doc)

    town = {"name": "Kelo", "country": "XA", "admin1": "North Province", "geonameid": 1}
    province = {"name": "North Province", "country": "XA", "admin1": "North Province", "geonameid": 2}
    other = {"name": "South Province", "country": "XA", "admin1": "South Province", "geonameid": 3}
    held = doc_with_places("Gunmen raided Kelo in North Province.", {"Kelo": town, "North Province": province})
    assert [(r["subject"]["text"], r["object"]["text"]) for r in held._.relations] == [("Kelo", "North Province")]
    apart = doc_with_places("Gunmen raided Kelo in South Province.", {"Kelo": town, "South Province": other})
    assert apart._.relations == []


# -- serialization ------------------------------------------------------------------------------------------------

def test_cues_round_trip_through_disk(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("wirewatch_relations")
    nlp.to_disk(tmp_path / "pipe")
    assert (tmp_path / "pipe" / "wirewatch_relations" / "relation_cues.txt").is_file()
    loaded = spacy.load(tmp_path / "pipe")
    assert loaded.get_pipe("wirewatch_relations").cues.kinds == default_cues().kinds


def test_cue_lexicon_parses_kinds():
    cues = parse_cues("# comment\noffshoot\toffshoot_of\nraid\tact\n")
    assert cues.kinds == {"offshoot_of": frozenset({"offshoot"}), "act": frozenset({"raid"})}


def test_relations_survive_docbin(nlp):
    doc = nlp(POSITIVE[4][0])
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    restored = next(DocBin().from_bytes(data).get_docs(nlp.vocab))
    # msgpack gives the list back as a tuple; the dicts come back equal.
    assert list(restored._.relations) == doc._.relations and doc._.relations
