"""Tokenizer special cases: abbreviated titles stay one token, so a quote's speaker survives them.
Sentences are written for these tests."""
from __future__ import annotations

import wirewatch
from wirewatch.nlp import load_pipeline


def test_abbreviated_titles_are_one_token() -> None:
    nlp = load_pipeline()
    words = [t.text for t in nlp.make_doc("Police spokesman Col. Ann Lee and Sgt. Maj. Tom Ode told CAPT. Ray Bo.")]
    assert {"Col.", "Sgt.", "Maj.", "CAPT."} <= set(words)


def test_a_split_quote_around_an_abbreviated_title_is_one_quote() -> None:
    text = ("Checkpoint attacked\n\n“We have counted 12 dead,” police spokesman Col. Abdi Warsame told reporters, "
            "“and the number may rise.”\n\nThis story has been updated with more details from the scene.")
    record = wirewatch.extract(text, kind="text", published="2026-05-17")
    quote = next(q for q in record.quotes if "counted 12 dead" in q.text)
    assert "number may rise" in quote.text
    assert quote.speaker is not None and quote.speaker.name == "Abdi Warsame"
