"""The ``wirewatch_events`` component and the record's events: one rule per test, on sentences written for these
tests in the style of wire copy (places are real so the geocoder finds them; people and groups are invented).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

import wirewatch
from wirewatch.nlp.event_lexicon import EventLexicon
from wirewatch.nlp.events import EventFinder
from wirewatch.record import Event, Record

PUBLISHED = "2026-05-04"
# A closing paragraph with no event in it, so the language check has enough English words to go on.
CLOSING = "This story has been updated with more details from the scene and from the people who were there."


def _record(text: str) -> Record:
    return wirewatch.extract(f"{text}\n\n{CLOSING}", kind="text", published=PUBLISHED, title="Test article")


def _events(text: str, plover: str | None = None) -> list[Event]:
    events = _record(text).events
    return [e for e in events if plover is None or e.type == plover]


def _one(text: str, plover: str) -> Event:
    found = _events(text, plover)
    assert len(found) == 1, [(e.type, e.trigger and e.trigger.text) for e in _record(text).events]
    return found[0]


@pytest.mark.parametrize(("sentence", "plover", "acled_sub"), [
    ("Rebel fighters attacked an army checkpoint outside Gao on Tuesday.", "ASSAULT", "Armed clash"),
    ("Gunmen shot dead four villagers near Kidal on Friday.", "ASSAULT", "Attack"),
    ("Police arrested 14 opposition activists in Harare on Monday.", "COERCE", "Arrests"),
    ("Hundreds of nurses protested outside the health ministry in Nairobi on Monday.", "PROTEST", "Peaceful protest"),
    ("The transport union demanded a pay rise for bus drivers.", "DEMAND", None),
    ("The ministry rejected the union's proposal on Thursday.", "REJECT", None),
    ("The two provinces agreed to share water from the reservoir.", "AGREE", "Agreement"),
    ("The European Union imposed sanctions on three shipping firms.", "SANCTION", None),
    ("A drone strike hit a compound in Mogadishu on Sunday.", "ASSAULT", "Air/drone strike"),
    ("Prosecutors opened an investigation into the port contract.", "INVESTIGATE", None),
])
def test_trigger_types_from_the_lexicon(sentence: str, plover: str, acled_sub: str | None) -> None:
    event = _one(sentence, plover)
    assert (event.acled.sub_event_type if event.acled else None) == acled_sub
    assert event.trigger is not None and event.trigger.text in event.evidence


@pytest.mark.parametrize(("sentence", "acled_type", "acled_sub"), [
    ("Rioters torched vehicles and looted shops in Dhaka on Sunday.", "Riots", "Violent demonstration"),
    ("A mob lynched a suspected thief in Kano on Friday.", "Riots", "Mob violence"),
    ("Police fired tear gas to disperse protesters in Nairobi on Tuesday.", "Protests", "Protest with intervention"),
    ("Security forces opened fire on protesters in Khartoum, killing three people.", "Protests",
     "Excessive force against protesters"),
    ("Militants fired mortars at a military base near Kismayo on Wednesday.", "Explosions/Remote violence",
     "Shelling/artillery/missile attack"),
    ("A suicide bomber blew himself up at a mosque in Peshawar, killing 12 worshippers.",
     "Explosions/Remote violence", "Suicide bomb"),
    ("Warplanes bombed rebel positions outside Idlib overnight.", "Explosions/Remote violence", "Air/drone strike"),
    ("Police recovered weapons and explosives from a hideout in Imphal.", "Strategic developments",
     "Disrupted weapons use"),
    ("Gunmen attacked worshippers at a church in Ondo on Sunday.", "Violence against civilians", "Attack"),
])
def test_acled_sub_event_from_weapon_and_parties(sentence: str, acled_type: str, acled_sub: str) -> None:
    (event,) = [e for e in _events(sentence) if e.acled]
    assert event.acled is not None
    assert (event.acled.event_type, event.acled.sub_event_type) == (acled_type, acled_sub)


@pytest.mark.parametrize(("text", "acled_type", "acled_sub"), [
    # the means decides over the verb, the more specific weapon over the other
    ("Two shells fell on a busy street in Goma on Friday, killing three traders.", "Explosions/Remote violence",
     "Shelling/artillery/missile attack"),
    ("A soldier died when his patrol drove over a landmine near Gao.", "Explosions/Remote violence",
     "Remote explosive/landmine/IED"),
    ("Attackers hurled a grenade into a crowded bar in Bujumbura, injuring nine people.",
     "Explosions/Remote violence", "Grenade"),
    ("A truck bomb driven by a suicide attacker exploded at the gate of an army camp near Gao.",
     "Explosions/Remote violence", "Suicide bomb"),
    ("Helicopters dropped barrels of chlorine on a rebel-held district of Idlib.", "Explosions/Remote violence",
     "Chemical weapon"),
    # who took the ground, and what was seized
    ("Separatist fighters seized the town of Ambazonia Junction from the army on Sunday.", "Battles",
     "Non-state actor overtakes territory"),
    ("Government soldiers seized the village of Koro back from the militants.", "Battles",
     "Government regains territory"),
    ("Soldiers seized 40 rifles and a box of grenades from a hideout near Gao.", "Strategic developments",
     "Disrupted weapons use"),
    ("Troops and rebels exchanged fire near Beni on Monday.", "Battles", "Armed clash"),
    ("Rebel forces handed over the town of Sake to a regional force on Friday.", "Strategic developments",
     "Non-violent transfer of territory"),
    # a demonstration is coded by the gravest thing told of it
    ("Hundreds of traders marched through Kano on Monday. Police fired tear gas to break up the march.",
     "Protests", "Protest with intervention"),
    ("Youths threw stones at police during a demonstration over fuel prices in Lagos.", "Riots",
     "Violent demonstration"),
])
def test_acled_sub_event_from_means_ground_and_protest(text: str, acled_type: str, acled_sub: str) -> None:
    coded = [e for e in _events(text) if e.acled]
    assert coded, [(e.type, e.trigger and e.trigger.text) for e in _events(text)]
    assert (coded[0].acled.event_type, coded[0].acled.sub_event_type) == (acled_type, acled_sub)


@pytest.mark.parametrize("sentence", [
    "Fuel prices hit a record high in Lagos on Monday.",
    "Rescuers recovered the bodies of two fishermen off Lamu.",
])
def test_impact_and_arms_verbs_need_a_weapon(sentence: str) -> None:
    assert not [e for e in _events(sentence) if e.type in ("ASSAULT", "COERCE")]


def test_toll_in_a_participle_joins_its_attack() -> None:
    (event,) = _events("A roadside bomb exploded near a police vehicle in Helmand, wounding four officers.")
    assert event.injured is not None and event.injured.min == 4
    assert event.acled and event.acled.sub_event_type == "Remote explosive/landmine/IED"


def test_subject_is_actor_and_object_is_target() -> None:
    event = _one("Rebel fighters attacked an army checkpoint outside Gao on Tuesday.", "ASSAULT")
    assert event.actors == ["Rebel fighters"]
    assert event.targets == ["army checkpoint"]


def test_passive_agent_is_the_actor() -> None:
    event = _one("Three traders were abducted by armed men on the road to Menaka on Sunday.", "ASSAULT")
    assert event.actors == ["armed men"]
    assert event.targets == ["Three traders"]
    assert event.acled and event.acled.sub_event_type == "Abduction/forced disappearance"


def test_noun_trigger_after_a_light_verb_takes_the_verb_subject() -> None:
    event = _one("The Northern Hills Brigade carried out an assault on a police station in Dera Ismail Khan.",
                 "ASSAULT")
    assert event.actors and "Northern Hills Brigade" in event.actors[0]
    assert event.targets == ["police station"]


def test_xcomp_chain_is_one_agreement() -> None:
    events = _events("The two councils agreed to set up a joint water board in Mombasa.")
    assert [e.type for e in events] == ["AGREE"]
    assert events[0].actors == ["two councils"]


@pytest.mark.parametrize(("sentence", "low", "high", "approximate"), [
    ("Gunmen killed some 30 villagers in Zamfara on Sunday.", 30, 30, True),
    ("Gunmen killed at least 12 villagers in Zamfara on Sunday.", 12, None, False),
    ("Gunmen killed dozens of villagers in Zamfara on Sunday.", 24, None, True),
    ("Gunmen killed nine villagers in Zamfara on Sunday.", 9, 9, False),
])
def test_fatalities_with_approximation(sentence: str, low: int, high: int | None, approximate: bool) -> None:
    event = _one(sentence, "ASSAULT")
    assert event.fatalities is not None
    assert (event.fatalities.min, event.fatalities.max, event.fatalities.approximate) == (low, high, approximate)


def test_toll_in_the_next_sentence_joins_the_attack() -> None:
    text = ("Militants stormed a border post near Chaman on Friday. Around 18 guards were killed, and the post "
            "was destroyed.")
    events = _events(text)
    assert [e.type for e in events] == ["ASSAULT"]
    assert events[0].fatalities and events[0].fatalities.min == 18 and events[0].fatalities.approximate


def test_claim_of_responsibility() -> None:
    text = ("A car bomb exploded near the central market in Kabul on Monday. The Eastern Front, a little-known "
            "group, claimed responsibility for the attack.")
    events = _events(text, "ASSAULT")
    assert len(events) == 1
    assert events[0].claimed_by and "Eastern Front" in events[0].claimed_by[0]
    assert events[0].certainty == "reported"


@pytest.mark.parametrize(("sentence", "certainty"), [
    ("Soldiers allegedly killed six farmers near Mopti last week.", "alleged"),
    ("Soldiers reportedly killed six farmers near Mopti last week.", "reported"),
    ("There are reports that soldiers killed six farmers near Mopti last week.", "reported"),
    ("The militia claimed that it had killed six soldiers near Mopti last week.", "claimed"),
    ("The army denied that its soldiers killed six farmers near Mopti last week.", "denied"),
    ("If the militia attacks the town, the army will respond.", "hypothetical"),
    ("Officials confirmed that soldiers killed six farmers near Mopti last week.", "confirmed"),
    ("Soldiers did not kill any farmers near Mopti, the army said.", "denied"),
])
def test_certainty_cues(sentence: str, certainty: str) -> None:
    events = _events(sentence, "ASSAULT")
    assert events, [(e.type, e.trigger and e.trigger.text) for e in _record(sentence).events]
    assert events[0].certainty == certainty


def test_criticism_in_a_quote_is_a_statement_event() -> None:
    text = ('Opposition leader Mara Quist criticized the government on Tuesday, saying "the budget abandons '
            'the poorest families."')
    record = _record(text)
    event = next(e for e in record.events if e.type == "DISAPPROVE")
    assert event.actors == ["Mara Quist"]
    assert event.targets == ["government"]
    assert event.quote is not None and "budget abandons" in record.quotes[event.quote].text


def test_reported_obligation_is_a_demand() -> None:
    event = _one("The envoy said the militia must release the hostages before Friday.", "DEMAND")
    assert event.targets == ["militia"]


def test_event_in_a_quote_is_reported_by_the_speaker() -> None:
    text = ('"Armed men attacked our village in the night," said Elder Tomas Aduku, a councillor in Gulu.')
    event = _one(text, "ASSAULT")
    assert event.reported_by and "Tomas Aduku" in event.reported_by


def test_place_and_date_come_from_the_attachment_not_another_sentence() -> None:
    text = ("Floods closed schools in Kisumu on Monday.\n\nSeparately, gunmen attacked a bus on the highway.")
    event = _one(text, "ASSAULT")
    assert event.place is None
    assert event.date is not None and event.date.text is None  # only the publication bound, no borrowed Monday
    assert event.evidence == "Separately, gunmen attacked a bus on the highway."


def test_place_prefers_in_over_near() -> None:
    event = _one("Fighters attacked a camp in Mastung district close to the Bolan River.", "ASSAULT")
    assert event.place is not None and "Mastung" in event.place.name


def test_blank_pipeline_without_a_parse_finds_nothing() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("wirewatch_events")
    assert nlp("Rebels attacked the town.")._.events == []


def test_lexicon_round_trips_through_disk(tmp_path: Path) -> None:
    finder = EventFinder(spacy.blank("en").vocab)
    finder.to_disk(tmp_path)
    again = EventFinder(spacy.blank("en").vocab).from_disk(tmp_path)
    assert again.lexicon.trigger_text == EventLexicon.default().trigger_text
    assert again.lexicon.cues == finder.lexicon.cues


def test_events_survive_docbin_and_a_saved_pipeline(tmp_path: Path) -> None:
    from spacy.tokens import DocBin

    from wirewatch.nlp import load_pipeline

    nlp = load_pipeline()
    doc = nlp("Rebel fighters attacked an army checkpoint outside Gao on Tuesday, killing some 12 soldiers.")
    assert doc._.events and doc._.events[0]["fatalities"]["min"] == 12
    again = next(iter(DocBin(docs=[doc], store_user_data=True).get_docs(nlp.vocab)))
    assert json.loads(json.dumps(again._.events)) == json.loads(json.dumps(doc._.events))  # lists come back as tuples
    finder = nlp.get_pipe("wirewatch_events")
    finder.to_disk(tmp_path / "events")
    reloaded = EventFinder(nlp.vocab).from_disk(tmp_path / "events")
    assert reloaded.find_events(doc) == doc._.events


def test_question_is_hypothetical_and_statement_takes_the_speakers_channel() -> None:
    text = ('Senator Hana Ruiz on Monday condemned the port closures. "These closures hurt every family," she '
            'said.\n\nIn a post on X, Ruiz asked: "Will the minister admit that the plan failed?"')
    record = _record(text)
    condemned = next(e for e in record.events if e.type == "DISAPPROVE")
    assert condemned.channel == "X"
    asked = [e for e in record.events if e.evidence.startswith("In a post")]
    assert asked and all(e.certainty == "hypothetical" for e in asked)


def test_place_in_a_persons_title_is_not_where_the_act_happened() -> None:
    event = _one("Former British Ambassador to Kenya Thomas Ashby on Friday sharply criticised Uganda over the "
                 "arrests.", "DISAPPROVE")
    assert event.place is None or event.place.country != "KE"


def test_a_persons_they_in_a_quote_is_not_the_speaker() -> None:
    event = _one('"They opened fire on the crowd without warning," said Marta Ilves, a shopkeeper.', "ASSAULT")
    assert "Marta Ilves" not in event.actors
    assert event.reported_by == "Marta Ilves"


@pytest.mark.parametrize(("sentence", "plover", "target"), [
    ("The interior ministry lifted the night curfew in Mombasa on Sunday.", "CONCEDE", "Mombasa"),
    ("Striking traders shut down Kampala on Monday in protest at the new tax.", "PROTEST", "Kampala"),
])
def test_an_act_with_no_recipient_targets_its_place(sentence: str, plover: str, target: str) -> None:
    event = _one(sentence, plover)
    assert event.targets == [target]
    assert event.place is not None and event.place.name == target


def test_an_act_with_no_actor_takes_no_place_as_target() -> None:
    event = _one("Police said the attack in Mombasa last month was the work of a criminal gang.", "ASSAULT")
    assert event.actors == [] and event.targets == []
    assert event.place is not None and event.place.name == "Mombasa"


@pytest.mark.parametrize(("sentence", "plover", "target"), [
    ("Prosecutors opened an investigation against the Harbor Board on Monday.", "INVESTIGATE", "Harbor Board"),
    ("The president issued an ultimatum to the Delta Defence Force on Friday.", "THREATEN", "Delta Defence Force"),
])
def test_a_recipient_on_the_light_verb_is_the_target(sentence: str, plover: str, target: str) -> None:
    assert _one(sentence, plover).targets == [target]


def test_a_common_noun_party_with_a_named_apposition_is_the_name() -> None:
    event = _one("The rebel movement, the Delta Liberation Front, attacked a police post near Warri on Monday.",
                 "ASSAULT")
    assert event.actors == ["Delta Liberation Front"]


def test_a_claim_in_the_next_sentence_is_for_the_act_just_reported() -> None:
    text = ("Gunmen ambushed an army convoy near Kohlu on Monday, killing nine soldiers.\n\n"
            "The Northern Dawn Brigade claimed responsibility in a statement.")
    event = _one(text, "ASSAULT")
    assert event.claimed_by == ["Northern Dawn Brigade"]


@pytest.mark.parametrize(("sentence", "acled_type"), [
    ("Gunmen carried out a terror attack in Pahalgam on Tuesday.", "Violence against civilians"),
    ("Militants carried out a terrorist attack on an army post near Kupwara on Friday.", "Battles"),
])
def test_a_terror_attack_with_no_target_is_aimed_at_civilians(sentence: str, acled_type: str) -> None:
    event = next(e for e in _events(sentence, "ASSAULT"))
    assert event.acled is not None and event.acled.event_type == acled_type


@pytest.mark.parametrize(("sentence", "plover"), [
    ("The rebels said they would not withdraw from the town of Gao.", "REJECT"),  # a refusal, not a pullout
    ("The interior minister of Ghana will resign next week.", "RETREAT"),  # no one it is for: the act, in future
    ("Norway will send medical teams to Kenya, the foreign ministry said.", "AGREE"),  # a promise to Kenya
    ("Moscow massed troops and tanks along the Lithuanian border.", "MOBILIZE"),
    ("Union leaders warned of a general strike if the government cut wages.", "THREATEN"),
    ("The junta rejected United Nations calls for talks with the opposition.", "REJECT"),
    ("Delegations from Ecuador and Peru opened a new round of talks in Brasilia.", "CONSULT"),
])
def test_plover_type_from_negation_intent_and_role(sentence: str, plover: str) -> None:
    event = _one(sentence, plover)
    assert event.actors, event


def test_a_refusal_is_reported_not_denied() -> None:
    assert _one("The rebels said they would not withdraw from the town of Gao.", "REJECT").certainty == "reported"


@pytest.mark.parametrize("sentence", [
    "Forecasters warned of heavy rain in Dhaka on Monday.",  # a warning of no act threatens nothing
    "The party mobilized voters in Lagos ahead of the vote.",  # voters are no forces
    "She pressed the button and the doors opened.",  # pressing no one to do anything
])
def test_verbs_that_are_acts_only_with_the_right_complement(sentence: str) -> None:
    assert not [e for e in _events(sentence) if e.type in ("THREATEN", "MOBILIZE", "DEMAND")]


def test_the_one_pushed_to_act_is_the_target() -> None:
    event = _one("The opposition is pushing hard for the government to hold early elections.", "DEMAND")
    assert event.targets and "government" in event.targets[0]


def test_people_dispersed_while_protesting_protest_themselves() -> None:
    events = _events("Police used tear gas to disperse students protesting fee increases in Nairobi.")
    assert {"COERCE", "PROTEST"} <= {e.type for e in events}
    assert next(e for e in events if e.type == "PROTEST").actors == ["students"]


def test_a_passive_subject_does_the_conjoined_act() -> None:
    event = _one("The governor of Kano has been indicted by a federal court and will resign.", "RETREAT")
    assert event.actors and "governor" in event.actors[0]


def test_who_gets_what_is_given_is_the_target() -> None:
    assert _one("Japan provided medical teams to Bangladesh after the floods.", "AID").targets == ["Bangladesh"]


def test_an_agentless_act_the_story_gives_as_background_is_not_coded_again() -> None:
    events = _events("The Kidal Front declared a unilateral ceasefire in Kidal after ten days of battles with the army.")
    assert [e.type for e in events] == ["RETREAT"]
    # one with a doer of its own is an event: "after rebels attacked the town"
    events = _events("The army imposed a curfew in Gao after rebels attacked the town on Sunday.")
    assert {"COERCE", "ASSAULT"} <= {e.type for e in events}


def test_a_stance_in_the_passive_is_held_by_its_subject() -> None:
    event = _one("Ghana is opposed to Nigerian mediation in the border dispute, an aide said.", "REJECT")
    assert event.actors == ["Ghana"] and event.targets and "Nigerian" in event.targets[0]


@pytest.mark.parametrize("sentence", [
    "A militant group known as the Delta Front attacked a convoy near Warri on Monday.",
    "A new militia calling itself the Delta Front attacked a convoy near Warri on Monday.",
])
def test_a_group_named_by_a_participle_is_that_name(sentence: str) -> None:
    assert _one(sentence, "ASSAULT").actors == ["Delta Front"]
