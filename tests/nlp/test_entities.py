"""wirewatch_entities: canonical names, aliases, roles, acronym definitions, the KB. Texts are the team's own."""
from __future__ import annotations

import json

import pytest
import spacy
from _entity_pipeline import entity_pipeline

from wirewatch.nlp.entities import _is_junk, find_definitions
from wirewatch.nlp.kb import KnowledgeBase, default_kb, normalize_name
from wirewatch.resolve.entities import entities_from_doc, entity_for_span


@pytest.fixture(scope="module")
def nlp():
    return entity_pipeline()


def by_name(doc, name):
    hits = [e for e in doc._.entities if e["name"] == name]
    assert hits, f"no cluster {name!r} in {[e['name'] for e in doc._.entities]}"
    return hits[0]


def test_surname_joins_full_name(nlp):
    doc = nlp("Finance Minister Nadia Rahimi presented the budget on Monday. "
              "Rahimi told lawmakers that spending on schools would rise.")
    person = by_name(doc, "Nadia Rahimi")
    assert person["type"] == "PERSON"
    assert "Rahimi" in person["aliases"]
    assert [m["text"] for m in person["mentions"] if m["kind"] == "alias"] == ["Rahimi"]
    assert not [e for e in doc._.entities if e["name"] == "Rahimi"]


def test_two_people_sharing_a_surname_stay_apart(nlp):
    doc = nlp("Hillary Clinton and Bill Clinton arrived in Little Rock on Tuesday. "
              "Bill Clinton spoke first, thanking volunteers. Clinton said the library would open in May.")
    hillary, bill = by_name(doc, "Hillary Clinton"), by_name(doc, "Bill Clinton")
    assert hillary["id"] != bill["id"]
    # The lone surname goes to the one named most recently before it.
    assert "Clinton" in [m["text"] for m in bill["mentions"]]
    assert "Clinton" not in [m["text"] for m in hillary["mentions"]]


def test_acronym_defined_after_full_name(nlp):
    doc = nlp("The Kivu Liberation Forces (KLF) said on Sunday that its fighters had left the town. "
              "Residents said KLF patrols were still seen at night.")
    group = by_name(doc, "Kivu Liberation Forces")
    assert group["type"] == "ORG"
    assert "KLF" in group["aliases"]
    assert sum(m["text"] == "KLF" for m in group["mentions"]) == 2


def test_acronym_before_full_name_with_inner_acronym(nlp):
    doc = nlp("Officials said ISIS (Islamic State of Khorasan Province ISKP) still runs camps in the east. "
              "An ISIS commander was arrested last week.")
    # The KB has no branch entry: the definition links to the parent group it names, keeping its own forms.
    group = by_name(doc, "Islamic State")
    assert {"ISKP", "ISIS", "Islamic State of Khorasan Province"} <= set(group["aliases"])
    assert sum(m["text"] == "ISIS" for m in group["mentions"]) == 2


def test_text_definition_beats_a_kb_acronym_of_another_group(nlp):
    # "NRA" is a Ugandan armed group in the KB; the text defines it as someone else.
    doc = nlp("The National Rifle Association (NRA) said on Monday it would fight the bill. "
              "The NRA has millions of members.")
    lobby = by_name(doc, "National Rifle Association")
    assert "NRA" in lobby["aliases"]
    assert not [e for e in doc._.entities if e["name"] == "National Resistance Army"]
    doc = nlp("The National Resistance Army (NRA) marched on the capital in 1986, its commander said.")
    assert by_name(doc, "National Resistance Army")["type"] == "ORG"


def test_definition_finder_both_ways():
    text = "The Resistance Front (TRF) claimed it. Later, NUF (National Unity Front) denied it. The (big) one."
    defs = find_definitions(text)
    assert [(d.long_text, [a[2] for a in d.acronyms]) for d in defs] == [
        ("The Resistance Front", ["TRF"]), ("National Unity Front", ["NUF"])]


def test_kb_alias_gives_canonical_name(nlp):
    doc = nlp("TTP fighters attacked a police checkpoint in North Waziristan on Friday, "
              "officials in Islamabad said. The U.S. embassy condemned the attack.")
    group = by_name(doc, "Tehrik-i-Taliban Pakistan")
    assert group["type"] == "ORG" and "TTP" in group["aliases"]
    country = by_name(doc, "United States")
    assert country["type"] == "GPE"


def test_role_from_premodifiers(nlp):
    doc = nlp("Pakistan Defence Minister Khawaja Asif told reporters on Friday that the talks had failed. "
              "Earlier, BBC presenter Clive Myrie asked Asif about the border.")
    assert "Pakistan Defence Minister" in by_name(doc, "Khawaja Asif")["roles"]
    myrie = by_name(doc, "Clive Myrie")
    assert any(r.endswith("presenter") for r in myrie["roles"])
    assert any(m["kind"] == "role" for m in myrie["mentions"])


def test_role_from_apposition(nlp):
    doc = nlp("Ishaq Dar, the country's foreign minister, said on Monday that the border would reopen.")
    roles = by_name(doc, "Ishaq Dar")["roles"]
    assert any("foreign minister" in r for r in roles), roles


def test_junk_names_are_dropped():
    assert _is_junk("2024", "ORG")
    assert _is_junk("March 3", "ORG")
    assert _is_junk("jihadists", "NORP")
    assert _is_junk("’s Note", "ORG")
    assert not _is_junk("Lashkar-e-Taiba", "ORG")


def test_record_entities_and_span_lookup(nlp):
    doc = nlp("Former envoy Zalmay Khalilzad warned on Saturday of more attacks. Khalilzad wrote on X.")
    ents = entities_from_doc(doc)
    person = next(e for e in ents if e.name == "Zalmay Khalilzad")
    assert person.id.startswith("e") and len(person.mentions) == 2
    start = doc.text.rindex("Khalilzad")
    assert entity_for_span(doc, start, start + 9)["name"] == "Zalmay Khalilzad"
    assert entity_for_span(doc, 0, 1) is None or entity_for_span(doc, 0, 1)["type"] == "PERSON"


def test_shipped_kb_lookups():
    kb = default_kb()
    assert kb.lookup("ISIS")["name"] == "Islamic State"
    assert kb.lookup("Islamic State")["id"] == kb.lookup("IS")["id"]
    assert kb.lookup("Lashkar-e-Taiba")["type"] == "ORG"
    assert kb.lookup("Türkiye") is None or kb.lookup("Türkiye")["type"] == "GPE"
    assert kb.lookup("the United States")["name"] == "United States"
    assert kb.lookup("Pakistani", ("NORP",))["name"] == "Pakistanis"
    assert all(row["wikidata"] is None or row["wikidata"].startswith("Q") for row in kb.rows.values())
    assert normalize_name("the U.S.") == normalize_name("U.S")


def test_kb_build_from_shared_sources(shared_dir, tmp_path):
    import importlib.util
    from pathlib import Path

    script = Path(__file__).resolve().parents[2] / "scripts" / "build_kb.py"
    spec = importlib.util.spec_from_file_location("build_kb", script)
    build_kb = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_kb)
    out = tmp_path / "kb.jsonl"
    n = build_kb.build(shared_dir, out)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert n == len(rows) > 1000
    kb = KnowledgeBase(rows)
    assert kb.lookup("TTP")["name"] == "Tehrik-i-Taliban Pakistan"
    assert kb.lookup("BLA")["name"] == "Balochistan Liberation Army"
    assert kb.lookup("UK")["name"] == "United Kingdom"
    assert build_kb.canonical_group_name("HTS", "Organization for the Liberation of the Levant",
                                         "Hay'at Tahrir al-Sham") == "Hay'at Tahrir al-Sham"


def test_pipeline_round_trip(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipe")
    again = spacy.load(tmp_path / "pipe")
    doc = again("Hamas said on Tuesday that the talks in Cairo had ended.")
    assert any(e["name"] == "Hamas" for e in doc._.entities)


def test_undefined_acronym_joins_the_organisation_it_spells(nlp):
    doc = nlp("The Democratic National Committee suspended the campaign's access to its voter file on Friday. "
              "A DNC spokesman said the decision was final.")
    committee = by_name(doc, "Democratic National Committee")
    assert "DNC" in committee["aliases"]


def test_one_word_group_nicknames_never_rename_other_names():
    from wirewatch.nlp.entities import _plain_word_ok

    kb = default_kb()
    seleka = kb.lookup("Seleka")
    assert not _plain_word_ok("Union", seleka)
    assert _plain_word_ok("Hamas", kb.lookup("Hamas"))
    assert _plain_word_ok("TTP", kb.lookup("TTP"))


# -- spelling variants and branches of KB groups ------------------------------------------------------------------


def _kb_with(*rows):
    return KnowledgeBase([{"type": "ORG", "kind": "armed_group", "aliases": [], **r} for r in rows])


def test_build_kb_spelling_variants():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "scripts" / "build_kb.py"
    spec = importlib.util.spec_from_file_location("_build_kb_for_test", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert "Taliban" in mod.spelling_variants("Taleban")
    assert {"al-Qaeda", "Al Qaeda", "Al-Qaeda"} <= set(mod.spelling_variants("al-Qaida"))
    assert "Hezbollah" in mod.spelling_variants("Hizbollah")
    assert mod.spelling_variants("TTP") == []  # acronyms stay as they are


def test_variant_links_only_when_no_name_or_alias_does():
    kb = _kb_with({"id": "a", "name": "Taleban", "variants": ["Taliban"]},
                  {"id": "b", "name": "Jamaat Rahma", "variants": ["Jamat Rahma"]},
                  {"id": "c", "name": "Jamat Rahma Front", "aliases": ["Jamat Rahma"]})
    assert kb.lookup("Taliban")["id"] == "a"
    assert kb.is_variant("Taliban", kb.rows["a"]) and not kb.is_variant("Taleban", kb.rows["a"])
    assert kb.lookup("Jamat Rahma")["id"] == "c"  # a real alias wins over another row's variant


def test_news_spelling_of_a_kb_group_becomes_the_canonical_name(nlp):
    # The shipped KB spells the group as UCDP does ("Taleban"); the record follows the article's spelling.
    doc = nlp("The Taliban said on Monday that its fighters had left the town. The Taliban later denied it.")
    group = by_name(doc, "Taliban")
    assert group["type"] == "ORG"


def test_branch_named_after_a_kb_group_links_to_it(nlp):
    doc = nlp("A statement from the Islamic State of Sahel Province (ISSP) said its fighters raided the base.")
    group = by_name(doc, "Islamic State")
    assert {"ISSP", "Islamic State of Sahel Province"} <= set(group["aliases"])


def test_shipped_kb_links_news_spellings():
    kb = default_kb()
    assert kb.lookup("Taliban", ("ORG",))["name"] == "Taleban"
    assert kb.lookup("al-Qaeda", ("ORG",))["name"] == "al-Qaida"
    assert kb.lookup("Turkiye", ("GPE",))["name"] == "Turkey"
    assert kb.lookup("Britain", ("GPE",))["name"] == "United Kingdom"


def test_hyphenated_kb_group_name_beats_the_models_person(nlp):
    # The model tags "Lashkar-e-Jhangvi" as a person; the KB knows the group by that exact name.
    doc = nlp("Officials said Lashkar-e-Jhangvi fighters were arrested in Quetta on Friday.")
    assert by_name(doc, "Lashkar-e-Jhangvi")["type"] == "ORG"


def test_place_inside_a_kb_group_name_is_part_of_it(nlp):
    doc = nlp("Fighters of the Tehrik-i-Taliban Pakistan attacked a checkpoint in Bannu on Sunday.")
    assert by_name(doc, "Tehrik-i-Taliban Pakistan")["type"] == "ORG"


def test_construct_name_on_a_group_head_word_is_an_organisation(nlp):
    # Unknown to the KB, but built like Jaish-ul-Islam and Jaish-e-Mohammed.
    doc = nlp("A little-known group, Jaish-ul-Fatah, claimed the attack in a message on Telegram.")
    assert by_name(doc, "Jaish-ul-Fatah")["type"] == "ORG"
    kb = default_kb()
    assert not kb.construct_group_name("Jean-Pierre Bemba")
    assert not kb.construct_group_name("Abdul-Rahman")


def test_acronym_given_after_or_joins_the_organisation(nlp):
    doc = nlp("The Juba Valley Liberation Front, or JVLF, claimed the attack. JVLF fighters have held the town "
              "since March.")
    group = by_name(doc, "Juba Valley Liberation Front")
    assert group["type"] == "ORG" and "JVLF" in group["aliases"]
    assert not [e for e in doc._.entities if e["name"] == "JVLF"]


def test_a_place_shouted_in_a_dateline_is_the_place_written_below(nlp):
    doc = nlp("KABUL, Afghanistan (AP) — Gunmen attacked a school. Schools in Kabul closed on Monday.")
    place = by_name(doc, "Kabul")
    assert place["type"] == "GPE" and "KABUL" in [m["text"] for m in place["mentions"]]


def test_a_run_ending_in_a_company_head_word_is_an_organisation(nlp):
    doc = nlp("Morrow Appliances recalled 20,000 kettles on Monday. A spokeswoman for Morrow said no one was hurt. "
              "Morrow sold the kettles online, and Morrow will refund buyers.")
    company = by_name(doc, "Morrow Appliances")  # the full name, though the short one is used more
    assert company["type"] == "ORG"
    assert company["mentions"][1]["text"] == "Morrow"
    assert [e["name"] for e in doc._.entities] == ["Morrow Appliances"]


def test_a_run_ending_in_an_associations_head_word_is_an_organisation(nlp):
    doc = nlp("The Coastal Ferry Workers Union called a strike on Monday.")
    assert by_name(doc, "Coastal Ferry Workers Union")["type"] == "ORG"


def test_a_one_word_person_the_text_also_calls_an_organisation_is_that(nlp):
    doc = nlp("Labour said it would force a vote. \u201cThis is a budget for the few,\u201d Labour said.")
    assert [(e["name"], e["type"]) for e in doc._.entities] == [("Labour", "ORG")]


def test_a_two_word_name_whose_surname_the_text_calls_a_person_is_that_person(nlp):
    doc = nlp("Regina Marsh said the plan would fail. \u201cIt is a mess,\u201d Marsh said.")
    person = by_name(doc, "Regina Marsh")
    assert person["type"] == "PERSON" and "Marsh" in person["aliases"]


def test_a_speaking_name_with_a_leading_role_is_a_person_with_that_role(nlp):
    # The model files this name as a work of art; works do not tell reporters things.
    doc = nlp('"We will not reopen the night terminal," Harbour Master Ines Okoro told reporters on Monday.')
    person = by_name(doc, "Ines Okoro")
    assert person["type"] == "PERSON" and "Harbour Master" in person["roles"]
