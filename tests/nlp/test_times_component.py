"""The ``wirewatch_times`` component: blank pipelines with hand-set parses, the real model, serialization, n_process.

Sentences are written for these tests in the style of wire copy.
"""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

import wirewatch.nlp  # noqa: F401  registers the factory
from wirewatch.nlp.times import clause_tense, docs_with_published
from wirewatch.resolve.times import times_from_doc

# Wednesday 23 April 2025 in Pakistan.
PUBLISHED = "2025-04-23T18:00:00+05:00"


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("en")
    nlp.add_pipe("wirewatch_times")
    return nlp


@pytest.fixture(scope="module")
def model(model_with):
    return model_with("wirewatch_times")


def tag(nlp, text: str, published: str | None = PUBLISHED) -> dict[str, dict]:
    (doc,) = nlp.pipe(docs_with_published(nlp, [(text, published)]))
    return {span._.timex["text"]: span._.timex for span in doc.spans["wirewatch_times"]}


def parsed_doc(nlp, words, tags, heads, deps, lemmas) -> Doc:
    """A Doc with a hand-made parse: what the tagger and parser would give, without the model."""
    doc = Doc(nlp.vocab, words=words, tags=tags, heads=heads, deps=deps, lemmas=lemmas)
    doc._.published = PUBLISHED
    return doc


def test_blank_pipeline_tags_and_normalizes(blank):
    found = tag(blank, "Gunmen killed two guards in Quetta on Monday, police said, a week after talks ended.")
    assert found["Monday"]["value"] == "2025-04-21"  # no parse: news convention, the previous Monday
    assert found["Monday"]["type"] == "DATE" and found["Monday"]["rule"] == "weekday"
    assert found["a week"]["value"] == "P1W"


def test_spans_key_is_configurable():
    nlp = spacy.blank("en")
    nlp.add_pipe("wirewatch_times", config={"spans_key": "dates"})
    (doc,) = nlp.pipe(docs_with_published(nlp, [("Talks resume tomorrow.", PUBLISHED)]))
    assert [s.text for s in doc.spans["dates"]] == ["tomorrow"]


def test_hand_set_future_tense_picks_the_next_weekday(blank):
    # "The minister will visit Kabul on Monday ." with will -> aux of visit.
    doc = parsed_doc(blank, ["The", "minister", "will", "visit", "Kabul", "on", "Monday", "."],
                     ["DT", "NN", "MD", "VB", "NNP", "IN", "NNP", "."], [1, 3, 3, 3, 3, 3, 5, 3],
                     ["det", "nsubj", "aux", "ROOT", "dobj", "prep", "pobj", "punct"],
                     ["the", "minister", "will", "visit", "Kabul", "on", "Monday", "."])
    doc = blank.get_pipe("wirewatch_times")(doc)
    (span,) = doc.spans["wirewatch_times"]
    assert clause_tense(doc[6]) == "FUTURE"
    assert span._.timex["value"] == "2025-04-28"


def test_hand_set_past_tense_picks_the_previous_weekday(blank):
    doc = parsed_doc(blank, ["The", "minister", "visited", "Kabul", "on", "Monday", "."],
                     ["DT", "NN", "VBD", "NNP", "IN", "NNP", "."], [1, 2, 2, 2, 2, 4, 2],
                     ["det", "nsubj", "ROOT", "dobj", "prep", "pobj", "punct"],
                     ["the", "minister", "visit", "Kabul", "on", "Monday", "."])
    doc = blank.get_pipe("wirewatch_times")(doc)
    assert doc.spans["wirewatch_times"][0]._.timex["value"] == "2025-04-21"


def test_hand_set_is_set_to_is_future(blank):
    # "The summit is set to open on Friday ."
    doc = parsed_doc(blank, ["The", "summit", "is", "set", "to", "open", "on", "Friday", "."],
                     ["DT", "NN", "VBZ", "VBN", "TO", "VB", "IN", "NNP", "."], [1, 3, 3, 3, 5, 3, 5, 6, 3],
                     ["det", "nsubjpass", "auxpass", "ROOT", "aux", "xcomp", "prep", "pobj", "punct"],
                     ["the", "summit", "be", "set", "to", "open", "on", "Friday", "."])
    assert clause_tense(doc[7]) == "FUTURE"
    doc = blank.get_pipe("wirewatch_times")(doc)
    assert doc.spans["wirewatch_times"][0]._.timex["value"] == "2025-04-25"


def test_without_published_relative_values_stay_empty(blank):
    found = tag(blank, "The ceasefire agreed on 12 March 2024 collapsed on Friday.", published=None)
    assert found["12 March 2024"]["value"] == "2024-03-12"
    assert found["Friday"]["value"] is None


def test_times_from_doc_gives_record_times(blank):
    text = "Protests began in mid-March and have lasted about three decades in spirit, organisers said yesterday."
    (doc,) = blank.pipe(docs_with_published(blank, [(text, PUBLISHED)]))
    times = times_from_doc(doc)
    assert [(t.text, t.value, t.mod) for t in times] == [
        ("mid-March", "2025-03", "MID"), ("about three decades", "P30Y", "APPROX"), ("yesterday", "2025-04-22", None)]
    for t in times:
        assert text[t.start:t.end] == t.text
    assert (times[0].earliest, times[0].latest, times[0].granularity) == ("2025-03-11", "2025-03-20", "month")
    assert times_from_doc(spacy.blank("en")("No group here.")) == []


def test_real_model_reads_tense(model):
    text = ("The company said on Monday that it will close the plant on Friday. "
            "The ministry is set to publish the figures on Tuesday.")
    found = tag(model, text)
    assert found["Monday"]["value"] == "2025-04-21"
    assert found["Friday"]["value"] == "2025-04-25"
    assert found["Tuesday"]["value"] == "2025-04-29"


def test_real_model_same_weekday_is_publication_day(model):
    assert tag(model, "Troops withdrew from the town on Wednesday.")["Wednesday"]["value"] == "2025-04-23"


def test_to_disk_and_load_round_trip(blank, tmp_path):
    blank.to_disk(tmp_path / "pipeline")
    nlp2 = spacy.load(tmp_path / "pipeline")
    assert nlp2.pipe_names == ["wirewatch_times"]
    text = "Output fell 3% in the first quarter of 2025 and again last week."
    assert tag(nlp2, text) == tag(blank, text)


def test_n_process_2_keeps_published(blank):
    items = [(f"Talks ended yesterday after {n} hours.", f"2025-04-{10 + n:02d}") for n in range(1, 7)]
    docs = list(blank.pipe(docs_with_published(blank, items), n_process=2, batch_size=2))
    values = [[s._.timex["value"] for s in d.spans["wirewatch_times"]] for d in docs]
    assert values == [[f"2025-04-{9 + n:02d}", f"PT{n}H"] for n in range(1, 7)]
