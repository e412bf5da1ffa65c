"""``wirewatch_datelines``: a wire dateline ("MOGADISHU, Somalia (AP) —", "LAHORE:") is a sentence of its own.

The component runs before the parser, which keeps sentence starts set before it. Without it the parser reads
the dateline into the story's first sentence, and its city becomes the subject of the first act ("MOGADISHU —
Gunmen attacked ...": Mogadishu attacked) or of the first quote. The dateline stays in the text, so the places
component still finds its city.
"""
# No "from __future__ import annotations": spaCy validates factory arguments from real annotations.

import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

# At a paragraph's start: a city in capitals ("LOS ANGELES", "ST. PAUL", "COX'S BAZAR"), then optionally a state or
# country and a date ("Somalia", "Minn.", "April 26"), then optionally an agency in brackets, then a dash.
_CITY = r"[A-Z][A-Z.'’\-]{2,}(?:[ \t]+[A-Z][A-Z.'’\-]+){0,3}"
_QUALIFIER = r"(?:,[ \t]*[A-Z][\w.'’\-]*(?:[ \t]+[\w.'’\-]+){0,3}){0,2}"
_AGENCY = r"(?:[ \t]*\([A-Z][\w.&'’ \-]{0,30}\))?"

# The regional form ends with a colon ("LAHORE: ...", "TOOWOOMBA, Qld: ...", "ISLAMABAD (Reuters): ..."), as
# headings ("UPDATE:", "READ MORE:") and transcripts' speaker labels ("HOST:", "SEN. SMITH (D-Ore.):") do too.
# So the colon form is stricter than the dash form: its region is a capitalized or abbreviated name ("Pakistan",
# "Qld", "B.C.") or a known all-caps one ("NSW"), never a newsroom ("JOHN SMITH, CNN:"); its agency is no party
# label ("(D-Ore.)"); and after the colon comes prose (a capital and, on the line, a lower-case letter) that does
# not open like speech ("HOST: Welcome back.", "WARREN: I think ...").
_REGION_CAPS = ("NSW", "ACT", "QLD", "NT", "SA", "WA", "TAS", "VIC", "NZ", "UK", "US", "USA", "UAE", "KSA", "DRC",
                "PNG", "AJK", "KP", "KPK", "GB", "J&K", "UP", "MP", "NCR", "HK", "PRC", "ROC")
_REGION_WORD = (r"(?:[A-Z][a-z][\w'’\-]*\.?|[A-Z](?:[A-Za-z]?\.)+[A-Za-z]?"
                rf"|(?:{'|'.join(re.escape(w) for w in _REGION_CAPS)})(?![\w&])|\d{{1,4}})")
_COLON_QUALIFIER = (rf"(?:,[ \t]*{_REGION_WORD}(?:[ \t]+(?:(?:of|and|the|de|da|del|al|el)[ \t]+)?{_REGION_WORD}){{0,3}})"
                    r"{0,2}")
_COLON_AGENCY = r"(?:[ \t]*\((?![A-Z]{1,2}-)(?:[A-Z][\w.&'’ \-]{0,30}|dpa)\))?"
# Words that open a speaker's reply rather than a story's first sentence.
_SPEECH_OPENERS = ("I", "I'm", "I've", "I'd", "I'll", "We", "We're", "We've", "You", "Yes", "No", "Yeah", "Well",
                   "Thank", "Thanks", "Good", "Hello", "Hi", "Welcome", "So", "Okay", "OK", "Oh", "Look", "Right",
                   "Sure", "Absolutely", "Exactly", "Please", "Let", "Let's", "Listen", "Of", "Uh", "Um")
_COLON_BODY = (rf"(?=[A-Z\"“‘'][^\n]*[a-z])(?!(?:{'|'.join(re.escape(w) for w in _SPEECH_OPENERS)})"
               r"(?![\w'’]))")

# Capitals at a line's start that are a heading or a speaker's label, not a city: whole labels ("UPDATE:",
# "EDITOR'S NOTE:", "READ MORE —") and the titles that open a speaker's name ("SEN. SMITH:", "PRESIDENT TRUMP:").
# Titles that open towns' names ("ST.", "FORT", "MOUNT", "KING", "LORD", "GENERAL") are not listed.
HEADING_LABELS = frozenset({
    "UPDATE", "UPDATED", "UPDATES", "LIVE UPDATES", "LIVE", "WATCH", "WATCH LIVE", "LISTEN", "BREAKING",
    "BREAKING NEWS", "JUST IN", "DEVELOPING", "URGENT", "FLASH", "ALERT", "EXCLUSIVE", "READ MORE", "READ ALSO",
    "ALSO READ", "MORE", "SEE ALSO", "ALSO SEE", "RELATED", "RELATED STORY", "RELATED STORIES", "MUST READ",
    "RECOMMENDED", "TOP STORIES", "NOTE", "EDITOR'S NOTE", "EDITORS' NOTE", "EDITORS NOTE", "EDITOR'S PICK",
    "CORRECTION", "CLARIFICATION", "DISCLAIMER", "DISCLOSURE", "WARNING", "CONTENT WARNING", "TRIGGER WARNING",
    "SPOILER ALERT", "PHOTO", "PHOTOS", "FILE PHOTO", "VIDEO", "AUDIO", "PODCAST", "GALLERY", "CAPTION", "CREDIT",
    "SOURCE", "SOURCES", "ADVERTISEMENT", "SPONSORED", "OPINION", "ANALYSIS", "COMMENT", "COMMENTARY",
    "EDITORIAL", "REVIEW", "EXPLAINER", "FACT CHECK", "FACT-CHECK", "FACTBOX", "FACT BOX", "SUMMARY", "BACKGROUND",
    "CONTEXT", "TIMELINE", "KEY POINTS", "HIGHLIGHTS", "TAKEAWAYS", "KEY TAKEAWAYS", "WHY IT MATTERS",
    "WHAT'S NEXT", "WHAT WE KNOW", "THE BIG PICTURE", "BIG PICTURE", "BOTTOM LINE", "THE BOTTOM LINE",
    "BY THE NUMBERS", "GO DEEPER", "DRIVING THE NEWS", "BETWEEN THE LINES", "FLASHBACK", "YES", "NO", "TAGS",
    "TOPICS", "SHARE", "SUBSCRIBE", "CONTACT", "EMAIL", "PHONE", "DATE", "TIME", "WHEN", "WHERE", "WHAT", "WHO",
    "WHY", "HOW", "VENUE", "TICKETS", "PRICE", "COST", "DETAILS", "INFO", "INFORMATION", "FROM", "SUBJECT",
    "TRANSCRIPT", "QUESTION", "ANSWER", "HOST", "CO-HOST", "ANCHOR", "CO-ANCHOR", "REPORTER", "CORRESPONDENT",
    "MODERATOR", "INTERVIEWER", "PANELIST", "GUEST", "CALLER", "AUDIENCE", "AUDIENCE MEMBER", "ANNOUNCER",
    "NARRATOR", "VOICE", "VOICEOVER", "VOICE-OVER", "MALE", "FEMALE", "MAN", "WOMAN", "CROWD", "CHORUS", "ALL",
    "BOTH", "OPERATOR", "THE PRESIDENT", "THE VICE PRESIDENT", "THE PRIME MINISTER", "THE SPEAKER", "THE CHAIR",
    "THE CLERK", "THE COURT", "THE WITNESS", "THE DEFENDANT", "CHAIR", "CLERK", "WITNESS", "DEFENDANT",
    "PROSECUTOR", "PROSECUTION", "DEFENSE", "DEFENCE", "COUNSEL", "PLAINTIFF", "RESPONDENT", "PETITIONER",
})
SPEAKER_TITLES = frozenset({
    "PRESIDENT", "VICE", "SEN", "SENATOR", "REP", "REPRESENTATIVE", "CONGRESSMAN", "CONGRESSWOMAN", "GOV",
    "GOVERNOR", "SECRETARY", "SEC", "MINISTER", "PM", "MAYOR", "JUDGE", "JUSTICE", "CHAIRMAN", "CHAIRWOMAN",
    "SPEAKER", "AMBASSADOR", "AMB", "MR", "MRS", "MS", "MISS", "DR", "PROF", "PROFESSOR", "REV", "REVEREND",
    "SGT", "LT", "CAPT", "COL", "GEN", "ADM", "UNIDENTIFIED", "UNKNOWN", "OFFICER", "DETECTIVE", "AGENT",
    "COMMISSIONER", "CHIEF", "DEPUTY", "ATTORNEY", "SHERIFF", "COUNCILMAN", "COUNCILWOMAN", "COUNCILLOR",
    "COUNCILOR", "DELEGATE", "DEL",
})


def _alternatives(labels: frozenset[str]) -> str:
    """A regex alternation of the labels, longest first, any run of spaces between words, either apostrophe."""
    return "|".join(re.escape(w).replace(r"\ ", r"[ \t]+").replace("'", "['’]")
                    for w in sorted(labels, key=len, reverse=True))


_NOT_A_LABEL = (rf"(?!(?:{_alternatives(HEADING_LABELS)})[ \t]*(?:[:(,]|—|–|-(?![\w'’]))"
                rf"|(?:{_alternatives(SPEAKER_TITLES)})(?:\.|[ \t]))")
DATELINE_MAX_TOKENS = 24  # more than the longest dateline: "ST. PAUL, Minn., Jan. 12 (Reuters) —"
# Group ``city`` holds the city's words; ``more`` the dash form's region, date and agency; ``dash`` its dash, and
# ``colon`` the colon form's region and agency with the colon (so exactly one of ``dash`` and ``colon`` is set).
DATELINE = re.compile(rf"(?m)^[ \t]*{_NOT_A_LABEL}(?P<city>{_CITY})"
                      rf"(?:(?P<more>{_QUALIFIER}{_AGENCY})[ \t]*(?P<dash>—|–|--?)[ \t]*(?=\S)"
                      rf"|(?P<colon>{_COLON_QUALIFIER}{_COLON_AGENCY}[ \t]*:)[ \t]+{_COLON_BODY})")
# A second dash before the sentence ends makes the first one half of a parenthetical pair ("NATO — the alliance —").
_PAIRED_DASH = re.compile(r"[^.!?\n]*?\s(?:—|–|--?)\s")


@Language.factory("wirewatch_datelines")
def make_dateline_splitter(nlp: Language, name: str) -> "DatelineSplitter":
    """Build the component; add it before the parser: ``nlp.add_pipe("wirewatch_datelines", before="parser")``."""
    return DatelineSplitter()


class DatelineSplitter:
    """Marks each dateline, and the words after it, as the start of a sentence."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        for match in DATELINE.finditer(text):
            if match.group("dash") and not match.group("more") and _PAIRED_DASH.match(text, match.end()):
                continue
            dateline = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if dateline is None or dateline.end >= len(doc):
                continue
            first = next((t for t in dateline if not t.is_space), None)
            if first is None:
                continue
            first.is_sent_start = True
            for tok in doc[first.i + 1:dateline.end]:
                tok.is_sent_start = False
            doc[dateline.end].is_sent_start = True
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Process a stream of Docs."""
        for doc in docs:
            yield self(doc)
