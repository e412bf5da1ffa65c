"""TempEval-3-style newswire: the time tagger against a TimeML-annotated fixture written by the team.

``tests/fixtures/timeml_newswire.jsonl`` holds short items in the style of 1990s wire copy (TimeBank/AQUAINT:
"said Tuesday", "a year earlier", "fiscal 1989", "the past three months", "the 1990s", sets), each with its
document creation time and gold TIMEX3 extents and values following the TimeML guidelines. None is copied
from an article. Each line: ``id``, ``dct``, ``text`` and ``times`` (text, value, type, start, end, mod where
TimeML gives one). Scoring follows the shared bench: a time matches when one extent contains the other, and
its value is right when it equals the gold value or the gold value is a prefix of it.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import wirewatch.nlp  # noqa: F401  registers the factory
from wirewatch.nlp.times import docs_with_published
from wirewatch.resolve.times import times_from_doc

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "timeml_newswire.jsonl"
# Measured 0.99 (251 gold times); a fourth batch of 60 items (169 times) written later scored 0.967 before the fixes
# it led to and 0.98 after. The floor leaves room for parser differences between model versions.
TIMES_VALUE_F1_FLOOR = 0.95


@pytest.fixture(scope="module")
def items() -> list[dict]:
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def nlp(model_with):
    return model_with("wirewatch_times")


@pytest.fixture(scope="module")
def tagged(nlp, items) -> list[list[dict]]:
    docs = nlp.pipe(docs_with_published(nlp, ((i["text"], i["dct"]) for i in items)))
    return [[t.model_dump() for t in times_from_doc(doc)] for doc in docs]


def _contains(a: dict, b: dict) -> bool:
    return a["start"] <= b["start"] and b["end"] <= a["end"]


def score(items: list[dict], outputs: list[list[dict]]) -> tuple[dict, list[str]]:
    """Return counts and F1s (bench-style matching) and a line per miss, wrong value and spurious time."""
    gold_n = out_n = matched = right = 0
    problems = []
    for item, outs in zip(items, outputs):
        free = list(outs)
        gold_n += len(item["times"])
        out_n += len(outs)
        for g in item["times"]:
            o = next((o for o in free if _contains(g, o) or _contains(o, g)), None)
            if o is None:
                problems.append(f"MISS  {item['id']} {g['text']!r} gold={g['value']}")
                continue
            free.remove(o)
            matched += 1
            if o["value"] is not None and o["value"].startswith(g["value"]):
                right += 1
            else:
                problems.append(f"WRONG {item['id']} {g['text']!r} gold={g['value']} out={o['value']} ({o['rule']})")
        problems += [f"EXTRA {item['id']} {o['text']!r} out={o['value']} ({o['rule']})" for o in free]

    def f1(k: int) -> float:
        return 2 * k / (gold_n + out_n) if gold_n + out_n else 1.0

    return {"gold": gold_n, "output": out_n, "times_f1": f1(matched), "times_value_f1": f1(right)}, problems


def test_fixture_is_consistent(items):
    for item in items:
        for t in item["times"]:
            assert item["text"][t["start"]:t["end"]] == t["text"], (item["id"], t)


def test_timeml_newswire_floor(items, tagged):
    scores, problems = score(items, tagged)
    assert scores["times_value_f1"] >= TIMES_VALUE_F1_FLOOR, (scores, problems)


# Conventions TimeML fixes, one per row: a regression here is a convention broken, not a score drifting.
CONVENTIONS = [
    ("The company now expects a loss.", "1998-02-06", "now", "PRESENT_REF"),
    ("Inflation has recently slowed.", "1998-02-06", "recently", "PAST_REF"),
    ("The carmaker said Tuesday that profit rose.", "1998-02-06", "Tuesday", "1998-02-03"),
    ("Profit fell in the current quarter.", "1998-02-06", "the current quarter", "1998-Q1"),
    ("Revenue for fiscal 1998 rose.", "1998-02-06", "fiscal 1998", "FY1998"),
    ("Growth was slow in the 1990s.", "1998-02-06", "the 1990s", "199"),
    ("Prices have fallen over the past year.", "1998-02-06", "the past year", "P1Y"),
    ("Shares have fallen over the last year.", "1998-02-06", "the last year", "P1Y"),
    ("A year ago, crude cost $14 a barrel.", "1998-02-06", "A year ago", "1997"),
    ("Third-quarter profit rose 8% from a year earlier.", "1989-10-26", "a year earlier", "1988-Q3"),
    ("Sales rose, compared with the year-ago quarter.", "1989-10-26", "the year-ago quarter", "1988-Q3"),
    ("Construction will start this summer.", "1998-02-06", "this summer", "1998-SU"),
    ("The board meets every Tuesday.", "1998-02-06", "every Tuesday", "XXXX-WXX-2"),
    ("Officials met earlier this week.", "1998-01-30", "earlier this week", "1998-W05"),
    ("Rebels took the town two days ago.", "1998-02-06", "two days ago", "1998-02-04"),
    ("The law takes effect Jan. 1.", "1998-10-15", "Jan. 1", "1999-01-01"),
    # A day of the publication month keeps its year whatever the main clause's tense.
    ("The team arrived Friday, two weeks before the opening on Aug. 13.", "2004-08-02", "Aug. 13", "2004-08-13"),
    ("Weekly jobless claims fell by 12,000.", "1998-02-06", "Weekly", "P1W"),
    ("The ceasefire is due to expire on the 28th.", "1995-06-25", "the 28th", "1995-06-28"),
    ("The accord was signed on the 3rd, diplomats said.", "1995-06-25", "the 3rd", "1995-06-03"),
    ("The judge recessed the trial until a week from Monday.", "1998-07-29", "Monday", "1998-08-03"),
]


@pytest.mark.parametrize(("sentence", "dct", "text", "value"), CONVENTIONS)
def test_timeml_conventions(nlp, sentence, dct, text, value):
    (doc,) = nlp.pipe(docs_with_published(nlp, [(sentence, dct)]))
    found = {t.text: t.value for t in times_from_doc(doc)}
    assert found.get(text) == value, found

