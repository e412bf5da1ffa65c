"""The article text as HTML: marks come from offsets, and every piece of text is escaped."""
from __future__ import annotations

from wirewatch.record import Entity, Mention, Place, Quote, Record, Speaker, Time
from wirewatch.web.highlight import highlight_record

TEXT = 'Amina Bello said "<b>calm</b> returned to Gwoza" on Monday.'


def _record(**fields: object) -> Record:
    return Record(id="r1", source_id="t", text=TEXT, paragraphs=[TEXT], **fields)  # type: ignore[arg-type]


def _entity_link(entity: Entity) -> str:
    return f"/entities/{entity.id}"


def _place_link(name: str) -> str:
    return f"/map#{name}"


def _span(text: str) -> tuple[int, int]:
    start = TEXT.index(text)
    return start, start + len(text)


def test_text_is_escaped_and_marks_follow_offsets() -> None:
    person = Entity(id="e1", name="Amina Bello", type="PERSON", mentions=[Mention(start=0, end=11, text="Amina Bello")])
    quote_start, quote_end = _span("<b>calm</b> returned to Gwoza")
    gwoza_start, gwoza_end = _span("Gwoza")
    monday_start, monday_end = _span("Monday")
    record = _record(
        entities=[person],
        quotes=[Quote(text="<b>calm</b> returned to Gwoza", type="direct", start=quote_start, end=quote_end,
                      speaker=Speaker(name="Amina Bello", entity="e1"), cue="said")],
        places=[Place(name="Gwoza", lat=11.08, lon=13.69, country="NG",
                      mentions=[Mention(start=gwoza_start, end=gwoza_end, text="Gwoza")])],
        times=[Time(text="Monday", value="2026-07-06", type="DATE", start=monday_start, end=monday_end)],
    )
    html = str(highlight_record(record, _entity_link, _place_link))
    assert "<b>" not in html and "&lt;b&gt;calm&lt;/b&gt;" in html
    assert '<a class="mark entity entity-person" href="/entities/e1" title="PERSON · Amina Bello">Amina Bello</a>' in html
    assert '<q class="quote quote-direct" title="direct quote · Amina Bello, said">' in html
    # The place sits inside the quote, so its mark nests in the <q>.
    assert html.index("<q ") < html.index('href="/map#Gwoza"') < html.index("</q>")
    assert '<span class="mark time" title="DATE · 2026-07-06">Monday</span>' in html


def test_bad_and_overlapping_offsets_never_lose_text() -> None:
    person = Entity(id="e1", name="Amina Bello", type="PERSON",
                    mentions=[Mention(start=0, end=11, text="Amina Bello"), Mention(start=6, end=11, text="Bello"),
                              Mention(start=50, end=500, text="past the end")])
    straddling = Entity(id="e2", name="said calm", type="ORG", mentions=[Mention(start=12, end=22, text='said "<b>')])
    start, end = _span("<b>calm</b> returned")
    record = _record(entities=[person, straddling], quotes=[Quote(text="calm returned", type="partial", start=start, end=end)])
    html = str(highlight_record(record, _entity_link, _place_link))
    assert html.count("<a ") == 1  # the nested, straddling and out-of-range mentions are dropped
    plain = html.replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", '"')
    for tag in ('<a class="mark entity entity-person" href="/entities/e1" title="PERSON · Amina Bello">', "</a>",
                '<q class="quote quote-partial" title="partial quote · unattributed">', "</q>"):
        plain = plain.replace(tag, "")
    assert plain == TEXT
