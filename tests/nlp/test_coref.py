"""wirewatch_coref: pronouns, titles and role nouns resolved to entities. Texts are the team's own."""
from __future__ import annotations

import pytest
import spacy
from _entity_pipeline import entity_pipeline

from wirewatch.nlp.coref import quoted_mask


@pytest.fixture(scope="module")
def nlp():
    return entity_pipeline()


def resolved(doc, name, kind="pronoun"):
    cluster = next(e for e in doc._.entities if e["name"] == name)
    return [m["text"] for m in cluster["mentions"] if m["kind"] == kind]


def test_pronoun_with_one_candidate(nlp):
    doc = nlp("Zalmay Khalilzad criticised the decision on Saturday. He said it would backfire badly.")
    assert resolved(doc, "Zalmay Khalilzad") == ["He"]


def test_pronoun_with_two_candidates_takes_last_person_subject(nlp):
    doc = nlp("Imran Malik met Tariq Shah in Lahore on Monday. Malik later told reporters the meeting went well. "
              "He said more talks were planned for March.")
    assert resolved(doc, "Imran Malik") == ["He"]
    assert resolved(doc, "Tariq Shah") == []


def test_pronoun_with_tied_candidates_stays_unresolved(nlp):
    doc = nlp("Imran Malik and Tariq Shah met in Lahore on Monday. He said more talks were planned.")
    assert resolved(doc, "Imran Malik") == [] and resolved(doc, "Tariq Shah") == []


def test_gender_from_courtesy_titles(nlp):
    doc = nlp("Ms Amina Yusuf met Mr Tariq Shah in Kano on Friday. She said the meeting had been useful.")
    assert resolved(doc, "Amina Yusuf") == ["She"]
    assert resolved(doc, "Tariq Shah") == []


def test_the_minister_goes_to_the_person_with_that_role(nlp):
    doc = nlp("Foreign Minister Ishaq Dar arrived in Kabul on Sunday with a delegation of officials. "
              "The minister met members of the interim government.")
    assert resolved(doc, "Ishaq Dar", "nominal") == ["The minister"]


def test_possessive_role_names_the_office_holder(nlp):
    doc = nlp("\"Pakistan's Defense Minister has admitted it,\" the envoy wrote. "
              "Pakistan Defence Minister Khawaja Asif said on Friday that the policy was a mistake.")
    assert resolved(doc, "Khawaja Asif", "nominal") == ["Pakistan's Defense Minister"]


def test_pronoun_inside_quotes_is_left_alone(nlp):
    doc = nlp("Zalmay Khalilzad wrote on Saturday, \"He has admitted his country's mistake.\"")
    assert resolved(doc, "Zalmay Khalilzad") == []


def test_they_for_a_group_subject(nlp):
    doc = nlp("The Kivu Liberation Forces (KLF) claimed the attack on the convoy on Sunday. "
              "They said it had carried weapons.")
    assert resolved(doc, "Kivu Liberation Forces") == ["They"]


def test_quoted_mask_marks_inside_only():
    blank = spacy.blank("en")
    doc = blank('He said "we will stay" and left.')
    mask = quoted_mask(doc)
    assert [t.text for t, m in zip(doc, mask) if m] == ["we", "will", "stay"]


def test_clusters_survive_worker_processes(nlp):
    texts = ["Foreign Minister Ishaq Dar arrived in Kabul on Sunday. He met officials of the interim government."] * 2
    docs = list(nlp.pipe(texts, n_process=2))
    assert all(resolved(doc, "Ishaq Dar") == ["He"] for doc in docs)


def test_relative_pronoun_names_the_noun_its_clause_hangs_on(nlp):
    doc = nlp("The plan was criticised by Senator Maria Delgado, who said it would cost farmers dearly. "
              "Who pays for it is still unclear.")
    assert resolved(doc, "Maria Delgado") == ["who"]  # the question word opening the next sentence is no relative


@pytest.fixture(scope="module")
def nlp_with_quotes():
    """Entities, quotes, then coreference: "it" is resolved only as a quote's speaker."""
    import wirewatch.nlp.quotes  # noqa: F401 - registers wirewatch_quotes
    from wirewatch.nlp import MODEL_NAME

    nlp = spacy.load(MODEL_NAME)
    for name in ("wirewatch_entities", "wirewatch_quotes"):
        nlp.add_pipe(name)
    nlp.add_pipe("wirewatch_coref", config={"use_name_lexicon": False})
    return nlp


def test_it_as_a_speaker_goes_to_the_organisation_subject(nlp_with_quotes):
    doc = nlp_with_quotes("The Harbour Workers Union rejected the port authority's offer on Tuesday. "
                          "It said the new shift rota would cut take-home pay.")
    assert resolved(doc, "Harbour Workers Union") == ["It"]


def test_it_that_no_one_says_stays_unresolved(nlp_with_quotes):
    doc = nlp_with_quotes("The Harbour Workers Union rejected the offer on Tuesday. It was raining when the talks ended.")
    assert resolved(doc, "Harbour Workers Union") == []


def test_a_title_is_a_role(nlp):
    doc = nlp("Sen. Jane Roe and Tom Mills spoke at the hearing on Tuesday. The senator said the bill would pass.")
    assert resolved(doc, "Jane Roe", "nominal") == ["The senator"]


def test_two_noun_office(nlp):
    doc = nlp("Attorney General Mark Dwyer said the state would appeal. The attorney general called the ruling wrong.")
    assert resolved(doc, "Mark Dwyer", "nominal") == ["The attorney general"]


def test_a_field_read_as_an_organisation_does_not_block_the_office(nlp):
    doc = nlp("The Health Secretary, Wes Carter, urged doctors to call off the strike. "
              "The Health Secretary said patients would suffer.")
    assert "The Health Secretary" in resolved(doc, "Wes Carter", "nominal")


def test_an_office_no_role_decides_goes_to_the_person_the_text_is_about(nlp):
    doc = nlp("Sir Keir Starmer told MPs on Wednesday that the targets would stay. "
              "The Prime Minister said the homes would be built.")
    assert resolved(doc, "Keir Starmer", "nominal") == ["The Prime Minister"]


def test_an_office_with_two_people_it_could_be_stays_unresolved(nlp):
    doc = nlp("Keir Starmer met Emmanuel Macron in Paris on Friday. The president said the talks went well.")
    assert resolved(doc, "Keir Starmer", "nominal") == [] and resolved(doc, "Emmanuel Macron", "nominal") == []


def test_what_the_text_called_a_person_is_a_role_of_theirs(nlp):
    doc = nlp("Sen. Jane Roe met Tom Mills, a Democrat, on Monday. The senator said she was hopeful. "
              "Mills disagreed with the plan and left. Later the senator said talks would go on.")
    assert resolved(doc, "Jane Roe", "nominal") == ["The senator", "the senator"]


def test_the_company_goes_to_the_organisation_just_named(nlp):
    doc = nlp("Northwind Holdings recalled 200,000 heaters on Monday. The company said no one had been hurt.")
    assert resolved(doc, "Northwind Holdings", "nominal") == ["The company"]


def test_the_company_with_two_organisations_stays_unresolved(nlp):
    doc = nlp("Acme Corp. and Globex Inc. signed a supply deal on Monday. The company said prices would rise.")
    assert all(resolved(doc, name, "nominal") == [] for name in ("Acme Corp.", "Globex Inc."))


def test_a_repeated_surname_the_recogniser_missed_joins_the_person(nlp):
    doc = nlp("Rep. Tom Mills, a Republican, said the measure was too costly. "
              "Mills said he would offer an alternative.")
    cluster = next(e for e in doc._.entities if e["name"] == "Tom Mills")
    assert [m["text"] for m in cluster["mentions"] if m["kind"] == "alias"] == ["Mills"]
    assert resolved(doc, "Tom Mills") == ["he"]


def test_a_titled_surname_takes_the_full_name_from_the_text(nlp):
    doc = nlp("Kemi Badenoch, the Conservative leader, accused ministers of ignoring rural communities. "
              "Mrs Badenoch said she would force a vote.")
    cluster = next(e for e in doc._.entities if e["type"] == "PERSON")
    assert cluster["name"] == "Kemi Badenoch" and resolved(doc, "Kemi Badenoch") == ["she"]


def test_a_quote_pronoun_tells_a_gender_for_the_next_sentences(nlp_with_quotes):
    doc = nlp_with_quotes("Linda Harper met Robert Klein on Wednesday to discuss flood relief.\n\n"
                          "Klein thanked the state for its help. \u201cThe next days are critical,\u201d he said.\n\n"
                          "\u201cI have asked for emergency funding,\u201d she said.")
    assert resolved(doc, "Robert Klein") == ["he"] and resolved(doc, "Linda Harper") == ["she"]


def test_they_after_a_quotation_and_a_background_clause_goes_to_the_organisation(nlp_with_quotes):
    # neither the subject inside the single-quoted quotation nor the one of the "after" clause is an antecedent
    doc = nlp_with_quotes("The Harbour Workers Union called a strike on Monday after talks with operators "
                          "broke down.\n\n\u2018Our members have been left with no choice,\u2019 they said.")
    assert resolved(doc, "Harbour Workers Union") == ["they"]


def test_they_said_continues_an_organisation_that_spoke_before(nlp_with_quotes):
    doc = nlp_with_quotes("The Harbour Workers Union rejected the offer on Monday. \u201cIt is an insult,\u201d "
                          "it said.\n\nThe port was closed for the day. No date was set for new talks.\n\n"
                          "\u201cWe will not back down,\u201d they said.")
    assert resolved(doc, "Harbour Workers Union") == ["it", "they"]


def test_a_titles_office_is_lexicon_data() -> None:
    from wirewatch.nlp.roles import parse_roles

    lexicon = parse_roles("senator\trole\nsen\ttitle\nsen\toffice\tsenator lawmaker\n")
    assert lexicon.title_roles("Sen.") == ("senator", "lawmaker")
    assert lexicon.title_roles("Mr") == () and "sen" in lexicon.titles and lexicon.is_role("senator")
