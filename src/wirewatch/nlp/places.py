"""The ``wirewatch_places`` component: toponyms found and geocoded offline against the packaged gazetteer.

Mentions come from the model's GPE/LOC/FAC entities and from gazetteer matching over capitalized words (so a
district the model misses is found), including places that open an organization's name ("the Sangamon County
Board") and towns of a state the article names that the model mislabelled. Each mention is resolved by the
article's context: the countries and regions of its other places and its demonyms ("Pakistani" -> PK), a
co-mention ("Columbus, Georgia", "SALEM, Ore.", "Athens, GA"), population and feature class; then once more with
the first pass's choices as context, favouring namesakes near the article's other towns and of the same kind as
the places listed beside them. A capital or country that is the subject of a speech or decision verb
("Islamabad must address...") is the government acting: it stays a place, flagged ``metonymy``.

Results: spans in ``doc.spans[spans_key]`` with ``span._.place`` = {"name", "lat", "lon", "country", "admin1",
"geonameid", "precision", "metonymy"} (record field ``places``).
"""
# No "from __future__ import annotations": spaCy validates factory arguments from real annotations.

import logging
import math
import re
import shutil
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from wirewatch.nlp.datelines import DATELINE, DATELINE_MAX_TOKENS
from wirewatch.nlp.extensions import register_extensions
from wirewatch.nlp.gazetteer import (
    AREA_CODES,
    DEFAULT_PATH,
    KIND_ABBREV,
    KIND_ALT,
    KIND_CODE,
    KIND_NAME,
    Candidate,
    Gazetteer,
    fold,
    normalize_key,
)
from wirewatch.nlp.kb import default_kb

logger = logging.getLogger(__name__)

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entities whose words are not places of their own ("Bank of America", "Jordan Peterson").
BLOCKING_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "NORP", "LANGUAGE",
                             "DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL"})
# Head words naming an admin level: "Mastung district" (second order), "Washington state" (first order).
ADMIN2_WORDS = frozenset({"district", "county", "division", "municipality", "parish", "regency", "tehsil"})
ADMIN1_WORDS = frozenset({"province", "state", "region", "governorate", "prefecture", "oblast", "territory",
                          "department"})
ADMIN_WORDS = ADMIN2_WORDS | ADMIN1_WORDS
PHYSICAL_WORDS = frozenset({"river", "lake", "mountains", "mountain", "valley", "hills", "desert", "plateau",
                            "basin", "island", "islands", "bay", "gulf", "sea", "strait", "peninsula", "creek",
                            "canal", "dam", "forest", "coast"})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "from", "to", "into", "across", "outside", "inside", "around",
                            "toward", "towards", "throughout", "via", "between", "through", "of", "within"})
JOINERS = frozenset({"of", "de", "del", "la", "le", "al", "el", "upon", "on", "the", "and", "da", "do", "dos"})
# Words that are also place names somewhere but mostly something else in English news text.
COMMON_WORDS = frozenset(["a", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it", "me", "my", "no", "of", "on", "or", "so", "to", "up", "us", "we", "all", "and", "any", "are", "but", "can", "did", "few", "for", "get", "had", "has", "her", "him", "his", "how", "its", "may", "new", "not", "now", "old", "one", "our", "out", "own", "see", "she", "the", "too", "two", "use", "was", "way", "who", "why", "yes", "you", "also", "back", "best", "both", "city", "come", "down", "each", "even", "ever", "from", "good", "have", "here", "home", "into", "just", "last", "like", "long", "made", "make", "many", "more", "most", "much", "must", "near", "next", "only", "over", "part", "same", "some", "such", "take", "than", "that", "them", "then", "they", "this", "time", "very", "want", "well", "were", "what", "when", "will", "with", "year", "your", "about", "after", "again", "along", "among", "being", "below", "could", "every", "first", "great", "house", "large", "later", "never", "other", "place", "point", "right", "since", "small", "still", "their", "there", "these", "thing", "think", "those", "three", "under", "until", "where", "which", "while", "world", "would", "young", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mobile", "reading", "bath", "nice", "split", "police", "union", "independence", "liberty", "victory", "unity", "hope", "justice", "progress", "commerce", "industry", "enterprise", "opportunity", "paradise", "eureka", "why", "ok", "fine", "young", "hill", "mount", "lake", "river", "bay", "beach", "island", "islands", "valley", "park", "center", "centre", "north", "south", "east", "west", "central", "northern", "southern", "eastern", "western", "upper", "lower", "new", "old", "little", "big", "great", "grand", "saint", "san", "santa", "fort", "port", "cape", "point", "ocean", "sea", "gulf", "coast", "health", "school", "church", "hospital", "court", "street", "road", "bridge", "station", "airport", "university", "college", "general", "major", "colonel", "captain", "president", "governor", "minister", "senator", "mayor", "king", "queen", "prince", "princess", "god", "lord", "christ", "jesus", "allah", "buddha", "earth", "moon", "sun", "heaven", "region", "capital", "congress", "parliament", "senate", "pentagon", "kremlin", "capitol"]) | ADMIN_WORDS | PHYSICAL_WORDS
# Labels the small model gives places by mistake ("Mozambique" ORG, "Winnipeg" PRODUCT): such an entity is taken
# as a place only with evidence (a country or province name, a locative preposition, a place beside it).
RESCUE_LABELS = frozenset({"ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "EVENT", "FAC", "NORP"})
# Words that open a public body's name after its place: "Queensland Police", "U.S. Centers for Disease Control".
PUBLIC_BODY_WORDS = frozenset({"police", "department", "ministry", "government", "centers", "centres", "center",
                               "centre", "health", "provincial", "national", "public", "emergency", "fire",
                               "court", "highway", "patrol", "council", "legislature", "assembly", "senate", "army",
                               "navy", "air", "coast", "border", "environmental", "environment", "food", "agriculture",
                               "agricultural", "disaster", "forces", "military", "federal", "county", "city", "board",
                               "commission", "commissioners", "supervisors", "sheriff", "schools", "bureau",
                               "office", "division", "forestry", "transportation", "wildlife", "parks",
                               "corrections", "attorney", "clerk", "superior", "supreme", "district", "sanitation",
                               "water", "transit", "housing", "elections", "library"})
# Capitalized words that make the name before them a school's or hospital's: "Franklin Elementary", "Lincoln High".
# (Not "University" or "Street": "Boston University" and "Washington Street" leave Boston and Washington places.)
FACILITY_WORDS = frozenset({"elementary", "middle", "high", "school", "academy", "hospital"})
# Nouns that make "a <town> man" a town's resident, as local news names people.
RESIDENT_WORDS = frozenset({"man", "woman", "resident", "couple", "teen", "teenager", "boy", "girl", "family",
                            "native", "youth"})
# Nouns that, right after a town's name, make it the town's own: "Lafayette firefighters", "the Paris City Council".
LOCAL_BODY_WORDS = frozenset({"police", "firefighters", "officers", "officials", "residents", "voters", "council",
                              "city", "town", "village", "township", "mayor", "schools", "school", "deputies",
                              "councilors", "aldermen", "selectmen", "fire", "public", "municipal", "hospital",
                              "laboratory"})
PLACE_NOUNS = frozenset({"town", "city", "village", "province", "district", "region", "state", "county",
                         "capital", "suburb", "island", "port", "area", "municipality", "outskirts", "community",
                         "hamlet", "township", "settlement", "neighborhood", "neighbourhood", "commune"})
# Nouns that make the place name before them a disease's ("Marburg virus", "Lassa fever", "Lyme disease"): the
# name is the disease's, not a place the story happens in.
DISEASE_WORDS = frozenset({"virus", "viruses", "ebolavirus", "fever", "disease", "syndrome", "encephalitis",
                           "hemorrhagic", "haemorrhagic", "flu"})
# Regions' abbreviations that are also English words: "Man." (Manitoba), "Miss.", "Wash.", "Mass.", "Ind.".
WORD_ABBREVIATIONS = frozenset({"man", "miss", "wash", "mass", "ind", "del", "que", "vic", "tas", "ark", "me", "la",
                                "pa", "mo", "ore", "cal", "col", "mont", "neb", "penn", "ala", "nev", "ten", "sask"})
# Prefixes that make a hyphenated compound of a place name ("euro-Atlantic", "pro-Moscow"), not a place mention.
COMPOUND_PREFIXES = frozenset({"euro", "trans", "pro", "anti", "mid", "non", "ex", "post", "pre", "inter", "pan",
                               "neo", "cross", "intra", "extra"})
# Nouns before "of <name>" that make the name a place: "residents of Crieff", "parts of Yorkshire".
PLACE_OF_WORDS = frozenset({"residents", "people", "parts", "part", "outskirts", "mayor", "town", "city", "village",
                            "province", "district", "region", "state", "county", "community", "suburb", "suburbs",
                            "streets", "north", "south", "east", "west", "centre", "center"})
# Words that alone name a part of many countries ("the Eastern province", "Central region").
DIRECTION_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                             "central", "northeast", "northwest", "southeast", "southwest", "north-east",
                             "north-west", "south-east", "south-west", "northeastern", "northwestern",
                             "southeastern", "southwestern", "upper", "lower", "middle", "far"})
SPEECH_DECISION_LEMMAS = frozenset(["say", "tell", "announce", "state", "claim", "warn", "urge", "demand", "insist", "deny", "reject", "accuse", "condemn", "blame", "threaten", "vow", "pledge", "promise", "agree", "decide", "sign", "approve", "refuse", "order", "ban", "impose", "call", "ask", "respond", "reply", "retaliate", "sanction", "protest", "criticize", "criticise", "welcome", "praise", "argue", "declare", "confirm", "acknowledge", "admit", "suggest", "propose", "offer", "negotiate", "expel", "summon", "recall", "push", "seek", "want", "plan", "intend", "hope", "believe", "expect", "fear", "insist", "signal", "vow"])
MODALS = frozenset({"must", "should", "will", "would", "can", "could", "may", "might", "shall"})
# Where a mention sits in the article matters less than what surrounds it, but a place named once in passing
# with many namesakes needs more than its own population to win.
MAX_NGRAM = 6
# How many tokens away a district or town may be named and still stand in for a river or valley near it.
FEATURE_WINDOW = 8
# Towns and counties named in one article lie near each other: a namesake gains NEIGHBOUR_WEIGHT for each other
# name (two at most) resolved within NEIGHBOUR_KM of it.
NEIGHBOUR_KM = 80.0
NEIGHBOUR_WEIGHT = 2.0
# A namesake of the same kind (and country) as the places listed beside it gains this much per neighbour.
LIST_WEIGHT = 1.5


@dataclass
class _Mention:
    start: int  # token offsets
    end: int
    text: str
    key: str
    from_ner: bool
    label: str
    cands: list[Candidate] = field(default_factory=list)
    hint: str = ""  # "admin" when an admin head word follows
    level: str = ""  # the admin level that head word names (ADM1 / ADM2)
    physical: str = ""  # the physical feature word for "X River" with no gazetteer entry
    rescued: bool = False  # an entity the model labelled ORG/PERSON/... that names a place
    inside_org: bool = False  # a country or province opening an organization's name
    anchored: bool = False  # resolved by a "City, Region" co-mention
    coarse: bool = False  # a physical feature placed at the namesake it is called after
    variant: bool = False  # candidates found by spelling skeleton only
    dotted: bool = False  # a short word with its period split off by the tokenizer ("Vt" "."): an abbreviation
    area_pops: dict[str, int] | None = None  # per country, the population of a region or country of this very name
    extended: bool = False  # an entity the model cut short, grown to the gazetteer name ("Hindu" -> "Hindu Kush")
    choice: Candidate | None = None
    score: float = 0.0
    pick: Candidate | None = None  # the candidate this mention lent the article's context


class PlaceTagger:
    """Find toponyms in a Doc and geocode them with the offline gazetteer.

    Args:
        vocab: the pipeline's vocab.
        name: the component's name.
        spans_key: the span group to write.
        gazetteer_path: a gazetteer SQLite file, or None for the packaged one.
        min_population: the least population for a single-word gazetteer-only match.
    """

    def __init__(self, vocab: Any, name: str = "wirewatch_places", *, spans_key: str = "wirewatch_places",
                 gazetteer_path: str | Path | None = None, min_population: int = 5000) -> None:
        self.vocab = vocab
        self.name = name
        self.spans_key = spans_key
        self.min_population = min_population
        self.gazetteer_path = Path(gazetteer_path) if gazetteer_path else DEFAULT_PATH
        self.gazetteer = Gazetteer(self.gazetteer_path)

    # -- spaCy API -------------------------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        """Tag and geocode the places of one Doc."""
        return next(iter(self.pipe([doc])))

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Tag a stream of Docs; the gazetteer is queried once per batch for all their candidate names.

        Args:
            stream: Docs with entities.
            batch_size: Docs per batch.
        """
        error_handler = self.get_error_handler()
        for batch in minibatch(stream, size=batch_size):
            try:
                mentions = [self._find_mentions(doc) for doc in batch]
                keys = {m.key for ms in mentions for m in ms} | {k for ms in mentions for m in ms for k in
                                                                 self._extra_keys(m)}
                self.gazetteer.prefetch(keys)
            except Exception as e:  # noqa: BLE001 - handed to spaCy's error handler
                error_handler(self.name, self, batch, e)
                yield from batch
                continue
            for doc, ms in zip(batch, mentions):
                try:
                    self._annotate(doc, ms)
                except Exception as e:  # noqa: BLE001
                    error_handler(self.name, self, [doc], e)
                yield doc

    def get_error_handler(self) -> Callable:
        """Return the error handler spaCy set on this component (raise by default)."""
        return getattr(self, "_error_handler", _raise_error)

    def set_error_handler(self, error_handler: Callable) -> None:
        """Set the function called with (name, component, docs, exception) when a Doc fails."""
        self._error_handler = error_handler

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the gazetteer file and the settings into directory ``path``."""
        import srsly

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if "gazetteer" not in exclude:
            shutil.copyfile(self.gazetteer_path, path / "gazetteer.sqlite")
        srsly.write_json(path / "cfg", {"spans_key": self.spans_key, "min_population": self.min_population})

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "PlaceTagger":
        """Load the gazetteer file and settings that :meth:`to_disk` wrote."""
        import srsly

        path = Path(path)
        if (path / "cfg").exists():
            cfg = srsly.read_json(path / "cfg")
            self.spans_key = cfg.get("spans_key", self.spans_key)
            self.min_population = cfg.get("min_population", self.min_population)
        if "gazetteer" not in exclude and (path / "gazetteer.sqlite").exists():
            self.gazetteer.close()
            self.gazetteer_path = path / "gazetteer.sqlite"
            self.gazetteer = Gazetteer(self.gazetteer_path)
        return self

    # -- finding mentions ------------------------------------------------------------------------------------

    def _extra_keys(self, m: _Mention) -> list[str]:
        return [f"{m.key} {w}" for w in ("district", "county", "province", "region")] if m.hint == "admin" else []

    def _find_mentions(self, doc: Doc) -> list[_Mention]:
        out: list[_Mention] = []
        taken = [False] * len(doc)
        blocked = [False] * len(doc)
        # A name entity may be part of a longer place name the model split: "Mission" + PERSON "Viejo".
        name_ent_of: dict[int, Span] = {}
        for ent in doc.ents:
            if ent.label_ in BLOCKING_LABELS:
                for i in range(ent.start, ent.end):
                    blocked[i] = True
                    if ent.label_ in RESCUE_LABELS:
                        name_ent_of[i] = ent
        for ent in doc.ents:
            if ent.label_ not in PLACE_LABELS and ent.label_ not in RESCUE_LABELS:
                continue
            rescued = ent.label_ not in PLACE_LABELS
            start, end = ent.start, ent.end
            while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct):
                start += 1
            while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in {"'s", "’s"}):
                end -= 1
            if start >= end:
                continue
            # The model's span may stop short of the name: "COX'S" of "COX'S BAZAR".
            extended = False
            for j in range(min(len(doc), end + 3), end, -1):
                if all((_capitalized(doc[k]) or doc[k].lower_ in {"'s", "’s"}) and
                       (not doc[k].ent_type_ or ent.start <= k < ent.end) for k in range(end, j)) and \
                        _capitalized(doc[j - 1]) and self.gazetteer.has_key(normalize_key(doc[start:j].text)):
                    end, extended = j, j > ent.end
                    break
            if end - start > 1 and doc[end - 1].lower_ in ADMIN_WORDS and (not doc[end - 1].is_title or (
                    not self.gazetteer.has_key(normalize_key(doc[start:end].text)) and
                    self._names_area_of_level(doc[start:end - 1].text, doc[end - 1].lower_))):
                # "Hebei province", "Rakhine State": the name is "Hebei", the head word a hint (set in _mention)
                end -= 1
            # "Queensland Police", "the Sangamon County Board": a country, province or county opening an
            # organization's name is a place mention of its own (also when the model calls the whole name a place:
            # "Butler County Common Pleas Court"). An organization that is only a place name ("Santa Fe"
            # mislabelled ORG) goes on to the checks for mislabelled places.
            if end - start > 1 and (ent.label_ == "ORG" or not rescued and not self.gazetteer.has_key(
                    normalize_key(doc[start:end].text))) and self._place_opening_org(doc, start, end, out, taken):
                continue
            if rescued and any(doc[i].lower_ in {"and", ","} for i in range(start + 1, end - 1)):
                out.extend(self._places_listed_in_entity(doc, start, end, taken))
                continue
            if rescued and (end - start > 3 or not self.gazetteer.has_key(normalize_key(doc[start:end].text))):
                continue
            if ent.label_ == "NORP" and not (end < len(doc) and doc[end].lower_ in ADMIN_WORDS) and \
                    not self._names_country(doc[start:end].text) and self._is_demonym(doc[start:end].text):
                # "Pakistani" is a demonym; "the Punjab province" a place, and so are "Tajikistan" and (a town
                # the model took for a people) "a Longview woman"
                continue
            m = self._mention(doc, start, end, from_ner=True, label="GPE" if rescued else ent.label_)
            if m:
                m.rescued, m.extended = rescued, extended
                out.append(m)
                for i in range(start, end):
                    taken[i] = True
        # Gazetteer matching over runs of capitalized words the model left out.
        i = 0
        n = len(doc)
        while i < n:
            if taken[i] or blocked[i] and i not in name_ent_of or not _capitalized(doc[i]):
                i += 1
                continue
            found = None
            for j in range(min(n, i + MAX_NGRAM), i, -1):
                if any(taken[k] for k in range(i, j)) or not _capitalized(doc[j - 1]):
                    continue
                # Entity words join a match only as a whole entity inside a longer gazetteer name ("Mission" +
                # PERSON "Viejo", NORP "Hindu" + "Kush").
                crossing = any(blocked[k] for k in range(i, j))
                if crossing and any(blocked[k] and not (k in name_ent_of and i <= name_ent_of[k].start and
                                                        name_ent_of[k].end <= j and
                                                        (i, j) != (name_ent_of[k].start, name_ent_of[k].end))
                                    for k in range(i, j)):
                    continue
                if any(not _capitalized(doc[k]) and doc[k].lower_ not in JOINERS and doc[k].text != "-" and
                       not (doc[k].lower_ in {"'s", "’s"} and i < k < j - 1) for k in range(i, j)):  # "Cox's Bazar"
                    continue
                span = doc[i:j]
                if self.gazetteer.has_key(normalize_key(span.text)) or not crossing and (
                        j < n and doc[j].lower_ in ADMIN_WORDS | PHYSICAL_WORDS):
                    found = self._mention(doc, i, j, from_ner=False, label="GPE")
                    if found:
                        break
            if found:
                out.append(found)
                for k in range(found.start, found.end):
                    taken[k] = True
                i = found.end
            else:
                i += 1
        out.sort(key=lambda m: m.start)
        return out

    def _place_opening_org(self, doc: Doc, start: int, end: int, out: list[_Mention], taken: list[bool]) -> bool:
        """Add the place that opens an organization's name ("Queensland Police"); True when the name had one."""
        for j in range(min(end - 1, start + 3), start, -1):
            key = normalize_key(doc[start:j].text)
            county = doc[j - 1].lower_ in ADMIN2_WORDS  # "the Butler County Common Pleas Court"
            agency = doc[j].lower_ in PUBLIC_BODY_WORDS or doc[j].is_upper and doc[j].is_alpha and 2 <= len(doc[j]) <= 5 \
                or doc[j].lower_ == "state" and j + 1 < end and doc[j + 1].lower_ in PUBLIC_BODY_WORDS
            if not (agency or county) or key in COMMON_WORDS:  # "Queensland Police", "the Ohio EPA", "Oregon State Police"
                continue
            # "the Toledo City Council" is Toledo's, not a "Toledo City"'s
            municipal = doc[j].lower_ in LOCAL_BODY_WORDS and doc[j - 1].lower_ not in LOCAL_BODY_WORDS
            if any(c.is_country or c.feature == "ADM1" or county and c.feature == "ADM2" or
                   municipal and c.feature.startswith("PPL") and c.population >= 1000
                   for c in self.gazetteer.lookup(key, key=key)):
                m = self._mention(doc, start, j, from_ner=False, label="GPE", extend=False)
                if m:
                    m.rescued = m.inside_org = True
                    out.append(m)
                    for i in range(start, j):
                        taken[i] = True
                return True
        return False

    def _places_listed_in_entity(self, doc: Doc, start: int, end: int, taken: list[bool]) -> list[_Mention]:
        """The parts of a mislabelled entity that lists places ("Florence and Sheffield" as one ORG), when every
        part is a gazetteer name; none otherwise."""
        parts, i = [], start
        for j in range(start, end + 1):
            if j == end or doc[j].lower_ in {"and", ","}:
                if j > i:
                    parts.append((i, j))
                i = j + 1
        if len(parts) < 2 or not all(self.gazetteer.has_key(normalize_key(doc[a:b].text)) for a, b in parts):
            return []
        out = []
        for a, b in parts:
            m = self._mention(doc, a, b, from_ner=True, label="GPE")
            if m:
                m.rescued = True
                out.append(m)
                for k in range(a, b):
                    taken[k] = True
        return out

    def _ends_longer_name(self, doc: Doc, m: _Mention) -> bool:
        """True for a one-word gazetteer match that ends a longer name the model missed ("the Danube Delta",
        "Agent Orange"): after a capitalized word inside a sentence that is not itself a place, a people, a
        direction ("Southern Punjab"), an adjective ("sub-Saharan Africa") or an abbreviation ("St.")."""
        if m.from_ner or m.end - m.start != 1 or m.hint or not m.start:
            return False
        before = doc[m.start - 1]
        return _capitalized(before) and before.is_alpha and not before.is_sent_start and not before.is_stop and \
            before.pos_ != "ADJ" and before.lower_ not in DIRECTION_WORDS and \
            before.ent_type_ not in PLACE_LABELS and not self._is_demonym(before.text)

    def _names_area_of_level(self, text: str, word: str) -> bool:
        """True when ``text`` is the own name of an area of the level ``word`` names ("Rakhine" + "State"; not
        "Granite" + "State", a nickname)."""
        level = "ADM2" if word in ADMIN2_WORDS else "ADM1"
        key = normalize_key(text)
        return any(c.feature == level and c.kind == KIND_NAME for c in self.gazetteer.lookup(key, key=key))

    def _regions_after_town(self, doc: Doc, m: _Mention) -> set[int]:
        """The admin-1 areas (geonameids) of the town or county named just before ", <m>" ("Salem, OR")."""
        comma = m.start - 1
        if comma < 1 or doc[comma].text != ",":
            return set()
        out: set[int] = set()
        for length in range(1, 5):
            start = comma - length
            if start < 0 or not (_capitalized(doc[start]) or doc[start].lower_ in {"'s", "’s"} | JOINERS):
                break
            if not _capitalized(doc[start]):
                continue
            key = normalize_key(doc[start:comma].text)
            out |= {c.admin1_id for c in self.gazetteer.lookup(key, key=key) if c.admin1_id and
                    (c.feature.startswith("PPL") or c.feature == "ADM2")}
        return out

    def _is_demonym(self, text: str) -> bool:
        """True when ``text`` names a people ("Pakistani", "Kurds") or is a common word, not a town's name."""
        key = normalize_key(text)
        return key in COMMON_WORDS or key in self.gazetteer.demonyms or key.removesuffix("s") in \
            self.gazetteer.demonyms or fold(text).endswith(("ans", "ians", "ese", "ists", "ites"))

    def _names_country(self, text: str) -> bool:
        """True when ``text`` is a country's or province's own name, not a demonym (a NORP the model mislabelled).

        In lists of countries ("citizens of Turkiye, India, Tajikistan, and Uzbekistan") the small model often
        tags one of them NORP.
        """
        key = normalize_key(text)
        if not key or key in self.gazetteer.demonyms or key in COMMON_WORDS:
            return False
        # A province only by its own name ("Oriental despotism" is no L'Oriental); a country by a curated alias too.
        return any(c.is_country and c.kind != KIND_ABBREV or c.feature == "ADM1" and c.kind == KIND_NAME
                   for c in self.gazetteer.lookup(text, key=key))

    def _mention(self, doc: Doc, start: int, end: int, *, from_ner: bool, label: str,
                 extend: bool = True) -> _Mention | None:
        span = doc[start:end]
        text = span.text
        key = normalize_key(text)
        if not key:
            return None
        m = _Mention(start, end, text, key, from_ner, label)
        nxt = doc[end] if end < len(doc) and extend else None
        m.dotted = end < len(doc) and doc[end].text == "." and not doc[end - 1].whitespace_ and \
            len(doc[end - 1].text) <= 4 and doc[end - 1].is_alpha and doc[end - 1].is_title  # "Vt.", not "an MD."
        last = doc[end - 1].lower_
        if doc[start].lower_ in PHYSICAL_WORDS and end - start > 1 and not self.gazetteer.has_key(key):
            m.physical = doc[start].lower_  # "Lake Titicaca", "Mount Kenya"
        if nxt is not None and nxt.lower_ in ADMIN_WORDS and not nxt.is_title:
            m.hint = "admin"
            m.level = "ADM2" if nxt.lower_ in ADMIN2_WORDS else "ADM1"
        elif start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in ADMIN_WORDS:
            m.level = "ADM2" if doc[start - 2].lower_ in ADMIN2_WORDS else "ADM1"  # "the state of Washington"
        if nxt is not None and nxt.lower_ in PHYSICAL_WORDS and nxt.is_title:
            # "Bolan River": the feature word belongs to the name.
            m.end, m.text = end + 1, doc[start:end + 1].text
            m.key = normalize_key(m.text)
            m.physical = nxt.lower_
        elif last in PHYSICAL_WORDS and end - start > 1:
            m.physical = last
        elif nxt is not None and nxt.lower_ in ADMIN_WORDS and nxt.is_title:
            m.end, m.text = end + 1, doc[start:end + 1].text
            m.key = normalize_key(m.text)
            m.hint = "admin"
            m.level = "ADM2" if nxt.lower_ in ADMIN2_WORDS else "ADM1"
        return m

    # -- resolving -------------------------------------------------------------------------------------------

    def _candidates(self, m: _Mention) -> list[Candidate]:
        cands = self.gazetteer.lookup(m.text, key=m.key)
        if m.hint == "admin" and not m.physical:
            base = m.key
            for suffix in (" district", " county", " province", " region", " division", " governorate", " state",
                           " oblast", " prefecture", " department", " territory"):
                base = base.removesuffix(suffix)
            admin = [c for c in self.gazetteer.lookup(base, key=base) if c.is_admin]
            for w in ("district", "county", "province", "region"):
                admin += [c for c in self.gazetteer.lookup(f"{base} {w}", key=f"{base} {w}") if c.is_admin]
            if admin:
                cands = list({c.geonameid: c for c in admin}.values())
        if not cands and m.physical and m.end - m.start > 1:
            # "Swat Valley", "Mastung River": no entry for the feature, so the admin area or town it is named
            # after stands in (coarse precision).
            words = m.text.split()
            base = normalize_key(" ".join(words[1:] if words[0].lower() == m.physical else words[:-1]))
            cands = [c for c in self.gazetteer.lookup(base, key=base) if c.kind < KIND_ABBREV] \
                if base not in COMMON_WORDS else []
            m.coarse = bool(cands)
        if not cands and not m.physical:
            folded = fold(m.text)
            cands = [c for c in self.gazetteer.lookup_variant(m.text)
                     if SequenceMatcher(None, folded, fold(c.name)).ratio() >= 0.75]
            m.variant = bool(cands)
        return cands

    def _keep(self, doc: Doc, m: _Mention) -> bool:
        """Gate gazetteer-only matches against common words: capitalized, not sentence-initial, big enough."""
        first = doc[m.start]
        if not first.text[:1].isupper():
            return False
        if _names_disease(doc, m):
            return False
        if m.end < len(doc) and doc[m.end].like_num and any(c.is_country for c in m.cands) and \
                m.text.replace(".", "").isupper():
            return False  # "U.S. 191", "US 33": a highway's number, not the country
        if m.start > 1 and doc[m.start - 1].text == "-" and not doc[m.start - 1].whitespace_ and \
                not doc[m.start - 2].whitespace_ and doc[m.start - 2].lower_ in COMPOUND_PREFIXES:
            return False  # "euro-Atlantic integration", "pro-Moscow rebels": part of a compound word
        outlet = default_kb().lookup(m.text)
        if outlet is not None and outlet.get("kind") == "outlet" and \
                not any(c.is_country or c.feature == "ADM1" or c.feature in AREA_CODES for c in m.cands):
            return False  # "Xinhua reported": the news agency, not the town
        # Abbreviations count only as written: "UK", "N.Y.", "Calif.", "NSW" (not "Act", "Miss"); short aliases
        # not at all.
        written_abbrev = m.text.isupper() or "." in m.text or m.dotted
        if (m.dotted or "." in m.text) and m.key.replace(" ", "") in {"bc", "ad", "bce", "ce"} and m.start and \
                any(ch.isdigit() for ch in doc[m.start - 1].text):
            return False  # "500 B.C.", "the mid-500s B.C.": an era, not British Columbia
        # A region's code or abbreviation right after one of its towns is the region: "Salem, OR", "Ballarat, Vic",
        # "Toowoomba, Qld". Alone, "VA", "MD" and "LA" are Veterans Affairs, doctors and Los Angeles, and after a
        # person ("Jane Smith, MP") a title.
        regions_after_town = self._regions_after_town(doc, m)
        state_code = any(c.feature == "ADM1" and c.kind >= KIND_ABBREV and c.geonameid in regions_after_town
                         for c in m.cands)
        # An abbreviation that is also a word ("Man.", "Miss.", "Wash.") names its region after one of its towns, a
        # preposition of place or a party ("R-Miss."); elsewhere it is the word ("Man. United", "a man.").
        word_ok = state_code or bool(m.start) and (doc[m.start - 1].lower_ in LOCATIVE_PREPS or
                                                   doc[m.start - 1].text == "-" or doc[m.start - 1].text == "," and
                                                   m.start > 1 and _capitalized(doc[m.start - 2]))
        m.cands = [c for c in m.cands if not (c.kind == KIND_ABBREV and not written_abbrev and not state_code)
                   and not (c.kind == KIND_ABBREV and m.key in WORD_ABBREVIATIONS and not word_ok)
                   and not (c.kind == KIND_ALT and len(m.key) <= 3 and not m.text.isupper() and
                            not (m.hint == "admin" and c.is_admin))  # "Bay region" is an area's short name
                   and not (c.kind == KIND_CODE and c.geonameid not in regions_after_town)
                   and not (c.kind == KIND_ABBREV and c.feature == "ADM1" and m.text.isupper() and not state_code
                            and "." not in m.text and not m.dotted and len(m.key.replace(" ", "")) < 3)]
        if m.dotted and any(c.kind == KIND_ABBREV for c in m.cands):
            m.end, m.text = m.end + 1, doc[m.start:m.end + 1].text  # the mention as written: "Vt."
        if state_code:
            m.cands = [c for c in m.cands if c.kind >= KIND_ABBREV and c.geonameid in regions_after_town]
            return True
        if _opens_dateline(doc, m):
            towns = [c for c in m.cands if c.feature.startswith("PPL")]
            if towns:  # "MOGADISHU, Somalia (AP) —", "ROME —": a dateline names the town the story is filed from
                m.cands = towns
                return True
        if m.text.isupper() and len(m.key.replace(" ", "")) <= 4:
            # "UK", "DRC", "NY" name countries and states; "UGA" or "BSE" is no town.
            m.cands = [c for c in m.cands if c.is_country or c.feature == "ADM1"]
        words = m.key.split()
        top = m.cands[0] if m.cands else None
        if m.from_ner and not m.rescued:
            if len(words) == 1 and m.key in COMMON_WORDS and not (top and top.is_country) and \
                    not (m.hint == "admin" and any(c.is_admin for c in m.cands)):  # "Eastern province", "Bay region"
                return False
            return bool(m.cands) or bool(m.physical)
        if m.physical:
            return True
        if top is None:
            return False
        prev = doc[m.start - 1].lower_ if m.start else ""
        prev2 = doc[m.start - 2].lower_ if m.start > 1 else ""
        if m.rescued:
            strong = top.is_country or top.feature in AREA_CODES or top.feature == "ADM1"
            if m.inside_org:
                return True  # vetted when found: a country, province or "X County" opening an organization
            if m.extended and (strong or top.population >= 1000):
                return True  # a longer gazetteer name than the model's entity: "Hindu Kush", "COX'S BAZAR"
            if m.hint:
                return strong or bool(m.hint)
            # a PERSON or NORP ("Oriental despotism") needs more than a region's alias
            if strong and doc[m.start].ent_type_ not in {"PERSON", "NORP"} or _town_of_its_people(doc, m):
                return True
            # ... but a country's, province's, region's or capital's own name is the place ("fighting engulfed
            # Khartoum", "in northern Mato Grosso", "Canberra said") unless the article names a person or body
            # with it ("Michael Jordan" ... "Jordan said").
            person = doc[m.start].ent_type_ == "PERSON"
            area = any(c.kind == KIND_NAME and (c.is_country or c.feature in AREA_CODES or c.feature == "ADM1")
                       for c in m.cands)
            capital = any(c.kind == KIND_NAME and c.feature == "PPLC" and c.population >= (
                1_000_000 if person else 250_000) for c in m.cands)
            # (a person's name that is also a region's, "Mary" or "Georgia", needs words of place around it)
            placed = _said_as_place(doc, m.start) or prev in DIRECTION_WORDS | {"neighbouring", "neighboring"}
            if doc[m.start].ent_type_ != "NORP" and m.key not in self._name_words and (
                    capital or area and (placed or not person)):
                return True
            if _appositive_place(doc, m):
                return True  # "from Wabag, the provincial capital"
            if prev == "of" and prev2 in PLACE_NOUNS or prev in PLACE_NOUNS:
                return True
            return prev in LOCATIVE_PREPS - {"of", "to"} and (top.population >= self.min_population or top.is_admin)
        if len(words) == 1:
            abbrev = top.kind == KIND_ABBREV and written_abbrev  # "Vt.", "NY"
            if m.key in COMMON_WORDS or first.is_stop or len(m.key) < 3 and not abbrev or first.is_upper and \
                    len(m.key) < 4 and not abbrev:
                return False
            strong = top.is_country or top.feature in AREA_CODES or top.feature == "ADM1"
            if _town_of_its_people(doc, m):
                return True
            if m.start > 0 and m.end < len(doc) and _capitalized(doc[m.start - 1]) and _capitalized(doc[m.end]) \
                    and not m.hint:
                return False  # "Haroon Rashid Aswad": a word inside a longer name the model missed
            if self._ends_longer_name(doc, m):
                return False
            if first.is_sent_start and not m.hint and not strong and top.feature != "PPLC":
                return False  # (a capital opening a sentence is its government: "Abuja has struggled")
            if prev == "of" and prev2 in PLACE_NOUNS:
                return True
            # "in the Temryuk and Anapa" (but not "as to the Pope's successor")
            locative = prev in LOCATIVE_PREPS or prev == "the" and prev2 in {"in", "near", "around", "across",
                                                                               "throughout", "within", "outside"}
            return strong or m.hint == "admin" or top.population >= 20 * self.min_population or (
                locative and top.population >= self.min_population)
        if all(w in COMMON_WORDS for w in words):
            return False
        return top.population >= 1000 or top.is_admin or top.is_country or top.feature in AREA_CODES

    def _annotate(self, doc: Doc, mentions: list[_Mention]) -> None:
        # Words of the article's longer names of people and bodies ("Michael Jordan", "Georgia Power"): such a
        # word alone, tagged a person, is that person again.
        self._ents = doc.ents  # (spaCy rebuilds the tuple on each read)
        self._name_words = {normalize_key(t.text) for e in self._ents if e.label_ in {"PERSON", "ORG"} and len(e) > 1
                            for t in e}
        kept: list[_Mention] = []
        rejected: list[_Mention] = []
        # A name that opens a facility's name ("Franklin Elementary") means the facility in the rest of the article
        # too ("a teacher at Franklin"), unless it names a country or province.
        facility_keys = set()
        for tok in doc:
            if tok.i and tok.is_title and tok.lower_ in FACILITY_WORDS:
                first = tok.i
                while first > max(0, tok.i - 3) and _capitalized(doc[first - 1]):
                    first -= 1
                facility_keys.update(normalize_key(doc[k:tok.i].text) for k in range(first, tok.i))
        for m in mentions:
            m.cands = self._candidates(m)
        # So does a name that is a disease's or ends a longer name elsewhere: "Marburg virus ... Marburg kills more
        # slowly", "exposure to Agent Orange. ... Agent Orange was used".
        # ("first found in Marburg", "imported to Reston, Virginia" stay the towns).
        borrowed = {m.key for m in mentions if _names_disease(doc, m) or self._ends_longer_name(doc, m)}
        for m in mentions:
            if not any(c.is_country or c.feature == "ADM1" for c in m.cands) and (m.key in facility_keys or (
                    m.key in borrowed and not (_said_as_place(doc, m.start, article=False) or
                                               _before_its_container(doc, m)))):
                continue
            (kept if self._keep(doc, m) else rejected).append(m)
        # A rescued entity beside a place ("Pandi, Bulacan", "Mozambique and Botswana") is a place too, and so is
        # a gazetteer match before ", <place>" ("Buffalo, New York").
        for m in rejected:
            if not m.cands or not doc[m.start].text[:1].isupper() or m.key in COMMON_WORDS:
                continue
            joins = {",", "and", "or"} if m.rescued else {","}
            if (m.rescued or not m.from_ner) and any(
                    (o.end + 1 == m.start and doc[o.end].lower_ in joins and m.rescued) or
                    (m.end + 1 == o.start and doc[m.end].lower_ in joins and (o.cands and (
                        o.cands[0].is_admin or o.cands[0].is_country) or m.rescued)) for o in kept):
                kept.append(m)
            elif not m.from_ner and any(o.end + 1 == m.start and doc[o.end].lower_ in {"and", "or"} and o.cands and
                                        o.cands[0].feature.startswith("PPL") for o in kept):
                # "in the Temryuk and Anapa": a town listed after a town, in the same country
                before = next(o for o in kept if o.end + 1 == m.start)
                towns = [c for c in m.cands if c.feature.startswith("PPL") and c.population >= self.min_population
                         and c.country == before.cands[0].country and c.kind < KIND_ABBREV]
                if towns:
                    m.cands = towns
                    kept.append(m)
        kept.extend(self._local_towns(doc, kept, rejected))
        kept.extend(self._towns_of_the_articles_country(doc, kept, rejected))
        kept.sort(key=lambda m: m.start)
        # A direction alone ("the Eastern province of Prince Edward Island") names a part of a country the article
        # names otherwise, or no place.
        if any(_directional(m) for m in kept):
            around = self._context(doc, [m for m in kept if not _directional(m)])["countries"]
            for m in kept:
                if _directional(m):
                    m.cands = [c for c in m.cands if c.feature in AREA_CODES or around.get(c.country, 0) >= 0.5]
            kept = [m for m in kept if m.cands or not _directional(m)]
        if any(m.variant or m.coarse for m in kept):
            around = self._context(doc, [m for m in kept if not (m.variant or m.coarse)])["countries"]
        for m in kept:
            if m.variant or m.coarse:
                # Weak matches must fit the article: a country its other places name ("Noto Peninsula" is not
                # Noto, Sicily, in a story from Japan), or (variants) a near-identical spelling of a country or
                # province.
                m.cands = [c for c in m.cands if around.get(c.country, 0) >= 1 or (
                    m.coarse and c.population >= 100_000) or (
                    m.variant and (c.is_country or c.feature == "ADM1") and
                    SequenceMatcher(None, fold(m.text), fold(c.name)).ratio() >= 0.85)]
                if m.coarse and not m.cands:
                    m.coarse = False
        context = self._context(doc, kept)
        self._resolve(doc, kept, context)
        # Second pass: the first pass's choices are better context than each name's likeliest reading, and towns
        # named together lie together ("Paris", "Reno", "Lamar County": the Texas ones).
        self._resolve(doc, kept, self._context(doc, kept, resolved=True), self._neighbours(kept),
                      self._list_peers(doc, kept))
        spans = []
        for m in kept:
            place = self._place_dict(doc, m, kept)
            if place is None:
                continue
            span = Span(doc, m.start, m.end, label=m.label if m.label in PLACE_LABELS else "GPE")
            span._.place = place
            spans.append(span)
        doc.spans[self.spans_key] = spans

    def _towns_of_the_articles_country(self, doc: Doc, kept: list[_Mention],
                                       rejected: list[_Mention]) -> list[_Mention]:
        """Rejected names the model took for people or bodies that are towns of a country the article's places are
        in, where the words around them say place: "heading to Folkestone and Dover", "as far as Gatton and Dalby",
        "Residents of Crieff", "parts of Kiambu town, Ruiru and Juja". A name the article gives a person or body in
        full ("Sarah Langford") stays theirs."""
        if not any(m.rescued and m.cands for m in rejected):
            return []
        countries = {cc for cc, weight in self._context(doc, kept)["countries"].items() if weight >= 1}
        if not countries:
            return []
        kept_ids = {id(m) for m in kept}
        starts = {m.start for m in kept} | {m.start for m in rejected}

        def placed(m: _Mention) -> bool:
            return _said_as_place(doc, _list_head(doc, m.start, starts), article=False)

        # A name the article uses anywhere without such words is a person's or a body's ("Clinton said", "Congress
        # voted"): politicians and institutions are named again and again, towns in passing.
        unplaced = {normalize_key(e.text) for e in self._ents if e.label_ in RESCUE_LABELS} - \
            {m.key for m in rejected if m.rescued and placed(m)}
        unplaced |= {m.key for m in rejected if m.rescued and not placed(m)}
        out = []
        for m in rejected:
            first = doc[m.start]
            if id(m) in kept_ids or not m.rescued or m.key in COMMON_WORDS or m.key in self._name_words or \
                    m.key in unplaced or first.is_stop or not first.text[:1].isupper():
                continue
            towns = [c for c in m.cands if c.country in countries and c.kind == KIND_NAME and (
                c.feature == "ADM2" or c.feature.startswith("PPL") and c.population >= 1000)]
            if towns:
                m.cands = towns
                out.append(m)
        return out

    @staticmethod
    def _local_towns(doc: Doc, kept: list[_Mention], rejected: list[_Mention]) -> list[_Mention]:
        """Rejected matches that are towns or counties of a state or province the article names: local news names
        its small towns bare ("residents of Colchester", "Hoover and Vestavia Hills") and the small model often
        mislabels them. Such a mention keeps only its namesakes in those states.
        """
        named = {c.geonameid for m in kept if m.cands and (not m.rescued or m.inside_org)
                 for c in m.cands if c.feature == "ADM1" and c.kind != KIND_ALT}
        if not named:
            return []
        kept_ids = {id(m) for m in kept}
        starts = {m.start for m in kept}
        out = []
        for m in rejected:
            first = doc[m.start]
            if id(m) in kept_ids or m.key in COMMON_WORDS or first.is_stop or not first.text[:1].isupper():
                continue
            local = [c for c in m.cands if c.admin1_id in named and c.kind < KIND_ABBREV and (
                c.feature == "ADM2" or c.feature.startswith("PPL") and c.population >= 1000)]
            if not local:
                continue
            prev = doc[m.start - 1].lower_ if m.start else ""
            listed = m.end < len(doc) and doc[m.end].lower_ in {",", "and", "or"} and m.end + 1 in starts
            # Towns named after people ("Jackson", "Clinton"): a PERSON needs a plainly locative word before it.
            cues = {"in", "near", "outside", "at"} if first.ent_type_ == "PERSON" else LOCATIVE_PREPS | {"and", "or",
                                                                                                        ","}
            if prev in cues or listed:
                m.cands = local
                out.append(m)
        return out

    def _context(self, doc: Doc, mentions: list[_Mention], *, resolved: bool = False) -> dict[str, dict]:
        """Countries and admin-1 areas the article signals: unambiguous places and demonyms.

        Each name counts once, by its likeliest reading, or (``resolved``) by the place chosen for it.
        """
        countries: dict[str, float] = defaultdict(float)
        admins: dict[int, float] = defaultdict(float)
        picks: dict[str, Candidate] = {}
        for m in mentions:
            if not m.cands:
                continue
            if m.key in picks:
                m.pick = picks[m.key]
                continue
            top = m.choice if resolved and m.choice is not None else self._prior_best(m)
            m.pick = picks[m.key] = top
            # A region or country the first pass settled on counts fully: "north Wales" makes a bare "York" Britain's.
            share = 1.0 if len({c.country for c in m.cands[:5]}) == 1 or resolved and (
                m.anchored or top.is_country or top.feature == "ADM1") else 0.5
            if top.country:
                countries[top.country] += share
            if top.admin1_id and not top.is_country:
                admins[top.admin1_id] += share
        for ent in self._ents:
            if ent.label_ == "NORP":
                cc = self.gazetteer.demonyms.get(normalize_key(ent.text)) or \
                    self.gazetteer.demonyms.get(normalize_key(re.sub(r"s$", "", ent.text)))
                if cc:
                    countries[cc] += 1.0
        for tok in doc:
            if tok.is_title and not tok.ent_type_:
                cc = self.gazetteer.demonyms.get(tok.lower_)
                if cc:
                    countries[cc] += 0.5
        return {"countries": countries, "admins": admins}

    @staticmethod
    def _prior(c: Candidate, m: _Mention) -> float:
        pop = max(c.population, 100_000_000) if c.feature in AREA_CODES else c.population
        s = 1.5 * math.log10(pop + 10)
        if c.is_country:
            s += 4.0
        elif c.feature in AREA_CODES:
            s += 3.0
        elif c.feature == "ADM1":
            s += 1.5
        elif c.feature == "PPLC":
            s += 3.0
        elif c.feature == "ADM2":
            s -= 0.5
        if c.feature.startswith("PPL") and c.kind != KIND_ALT and c.admin1 and \
                normalize_key(c.admin1) == normalize_key(c.name):
            # A city that names its province ("Da Nang", "Islamabad", "Sao Paulo") is meant before the province.
            s += 2.5
        if m.level and c.feature == m.level:
            s += 4.0
        if c.feature.startswith("PPL"):
            if m.area_pops is None:
                m.area_pops = {}
                for o in m.cands:
                    if (o.is_country or o.feature == "ADM1") and o.kind == KIND_NAME:
                        m.area_pops[o.country] = max(m.area_pops.get(o.country, 0), o.population)
            if m.area_pops.get(c.country, 0) > 100 * max(c.population, 1):
                s -= 3.0  # "north Wales" is the country, not the village of Wales near Sheffield
        if c.kind == KIND_ALT:
            # An alternate name loses to places that bear the name itself ("Franklin" is not Columbus).
            s -= 4.0 if any(o.kind != KIND_ALT for o in m.cands) else 1.5
        elif c.kind >= KIND_ABBREV:
            s -= 0.5
        return s

    def _prior_best(self, m: _Mention) -> Candidate:
        return max(m.cands, key=lambda c: self._prior(c, m))

    @staticmethod
    def _neighbours(mentions: list[_Mention]) -> dict[int, int]:
        """For each candidate town or county (by geonameid): how many other names of the article were resolved
        to a town or county within NEIGHBOUR_KM of it."""
        def fine(c: Candidate) -> bool:
            return c.feature.startswith("PPL") or c.feature == "ADM2"

        chosen: dict[str, Candidate] = {}
        for m in mentions:
            if m.choice is not None and fine(m.choice) and not m.coarse:
                chosen.setdefault(m.key, m.choice)
        if len(chosen) < 2:
            return {}
        limit = (NEIGHBOUR_KM / 111.2) ** 2
        counts: dict[int, int] = {}
        for m in mentions:
            if len(m.cands) < 2:
                continue
            for c in m.cands:
                if c.geonameid in counts or not fine(c):
                    continue
                cos_lat = math.cos(math.radians(c.lat))
                counts[c.geonameid] = sum(
                    1 for key, o in chosen.items() if key != m.key and
                    (c.lat - o.lat) ** 2 + ((c.lon - o.lon) * cos_lat) ** 2 <= limit)
        return counts

    @staticmethod
    def _list_peers(doc: Doc, mentions: list[_Mention]) -> dict[int, list[Candidate]]:
        """For each mention in a list of places ("Virginia, Washington, West Virginia and Wyoming"): the places
        chosen for the items beside it, by the mention's start."""
        by_start = {m.start: m for m in mentions}
        peers: dict[int, list[Candidate]] = defaultdict(list)
        for m in mentions:
            after = by_start.get(m.end + 1) if m.end < len(doc) and doc[m.end].lower_ in {",", "and", "or"} else None
            if after is None and m.end + 2 < len(doc) and doc[m.end].text == "," and doc[m.end + 1].lower_ in {
                    "and", "or"}:
                after = by_start.get(m.end + 2)  # the serial comma: "Texas, and Utah"
            if after is not None and m.choice is not None and after.choice is not None:
                peers[after.start].append(m.choice)
                peers[m.start].append(after.choice)
        return peers

    def _resolve(self, doc: Doc, mentions: list[_Mention], context: dict[str, dict],
                 neighbours: dict[int, int] | None = None, peers: dict[int, list[Candidate]] | None = None) -> None:
        by_start = {m.start: m for m in mentions}
        countries, admins = context["countries"], context["admins"]
        total = sum(countries.values()) or 1.0
        for m in mentions:
            if not m.cands:
                continue
            m.anchored = False
            own = m.pick or self._prior_best(m)
            # "Columbus, Georgia" / "Pandi, Bulacan": the place after the comma contains this one.
            # A country's name can be a town's too ("LEBANON, Pa."): its container counts as for any place.
            container, weight = self._container(doc, m, by_start)
            best, best_score = None, -1e9
            for c in m.cands:
                s = self._prior(c, m)
                # Country context counts by how much of the article it holds: a local US story lifts US
                # namesakes fully; a passing "the US" in a story about Geneva's talks barely.
                cc_weight = countries.get(c.country, 0) - (1.0 if c.country == own.country else 0)
                s += 4.0 * min(max(cc_weight, 0), 2) / 2 * (countries.get(c.country, 0) / total)
                if c.admin1_id and c.feature != "ADM1":
                    a_weight = admins.get(c.admin1_id, 0) - (1.0 if c.admin1_id == own.admin1_id else 0)
                    # A county named with its state in the same article is nearly always that state's.
                    s += (3.0 if c.feature == "ADM2" else 1.5) * min(max(a_weight, 0), 2)
                for k in container:
                    if (k.is_country and k.country == c.country) or (k.is_admin and k.geonameid == c.admin1_id):
                        s += weight
                        m.anchored = True
                        break
                if neighbours:
                    s += NEIGHBOUR_WEIGHT * min(neighbours.get(c.geonameid, 0), 2)
                if peers:  # items of one list are alike: states with states, countries with countries
                    s += LIST_WEIGHT * sum(1 for p in peers.get(m.start, []) if _feature_group(p) == _feature_group(c)
                                           and (c.is_country or p.country == c.country))
                if s > best_score:
                    best, best_score = c, s
            m.choice, m.score = best, best_score
        # The container of a "City, Region" pair is resolved consistently with its city.
        for m in mentions:
            if m.choice is None or not m.anchored:
                continue
            other = by_start.get(m.end + 1)
            if other is not None and other.cands:
                for k in other.cands:
                    if k.is_admin and k.geonameid == m.choice.admin1_id or k.is_country and k.country == \
                            m.choice.country and not any(x.is_admin and x.geonameid == m.choice.admin1_id
                                                         for x in other.cands):
                        other.choice = k
                        break
        # One name, one place in an article: later bare mentions follow the first resolved one.
        first: dict[str, Candidate] = {}
        for m in mentions:
            if m.choice is None:
                continue
            if m.key in first and not m.anchored and any(c.geonameid == first[m.key].geonameid for c in m.cands):
                m.choice = first[m.key]
            else:
                first.setdefault(m.key, m.choice)

    @staticmethod
    def _container(doc: Doc, m: _Mention, by_start: dict[int, _Mention]) -> tuple[list[Candidate], float]:
        """Candidates of the place that contains M, with the weight of that evidence.

        "Columbus, Georgia" is strong (unless the comma lists places: "China, Japan and Brazil"); "Fulton County
        in Illinois" / "located in Illinois" is weaker.
        """
        if m.end + 1 >= len(doc):
            return [], 0.0
        if doc[m.end].lower_ == "in" or doc[m.end].lower_ == "located" and m.end + 2 < len(doc) and \
                doc[m.end + 1].lower_ == "in":
            other = by_start.get(m.end + 1) or by_start.get(m.end + 2)
            if other is not None and other.cands:
                return [c for c in other.cands if c.is_admin or c.is_country], 4.0
            return [], 0.0
        if doc[m.end].text != ",":
            return [], 0.0
        other = by_start.get(m.end + 1)
        if other is None or not other.cands:
            return [], 0.0
        after = other.end
        if after < len(doc) and doc[after].lower_ in {",", "and", "or"}:
            nxt = after + 1 if after + 1 < len(doc) else after
            if by_start.get(nxt) is not None or (nxt + 1 < len(doc) and by_start.get(nxt + 1) is not None and
                                                  doc[nxt].lower_ in {"and", "or"}):
                return [], 0.0
        before = m.start - 1
        if before > 0 and doc[before].text == "," and any(mm.end == before for mm in by_start.values()):
            return [], 0.0
        return other.cands, 10.0

    def _place_dict(self, doc: Doc, m: _Mention, mentions: list[_Mention]) -> dict | None:
        c = m.choice
        if c is not None and m.coarse:
            return {"name": m.text, "lat": c.lat, "lon": c.lon, "country": c.country or None,
                    "admin1": c.admin1 or None, "geonameid": None, "precision": 3, "metonymy": False}
        if c is None:
            if not m.physical:
                return None
            # A river or valley the gazetteer lacks: placed at the region the sentence names, coarsely.
            region = self._nearest_region(doc, m, mentions)
            if region is None:
                return None
            return {"name": m.text, "lat": region.lat, "lon": region.lon, "country": region.country or None,
                    "admin1": region.admin1 or None, "geonameid": None, "precision": 3, "metonymy": False}
        return {"name": c.name, "lat": c.lat, "lon": c.lon, "country": c.country or None,
                "admin1": c.admin1 or None, "geonameid": c.geonameid if c.geonameid > 0 else None,
                "precision": c.precision, "metonymy": _is_metonymy(doc, m, c)}

    @staticmethod
    def _nearest_region(doc: Doc, m: _Mention, mentions: list[_Mention]) -> Candidate | None:
        """The place that best stands in for a physical feature the gazetteer lacks (a river, a valley).

        A district or town named close by ("the mountains of Mastung district close to the Bolan River") is a
        far better guess than the centre of the province or country the sentence also names; the province or
        country stands in only when no such place is near (and a finer place must lie inside it).
        """
        sent = doc[m.start].sent if doc.has_annotation("SENT_START") else doc[:]
        near = [o for o in mentions if o is not m and o.choice is not None and sent.start <= o.start < sent.end]
        areas = [o.choice for o in near if o.choice.feature == "ADM1" or o.choice.is_country]
        best = None
        for o in near:
            c = o.choice
            dist = o.start - m.end if o.start >= m.end else m.start - o.end
            fine = c.feature == "ADM2" or c.feature.startswith("PPL")
            inside = not areas or any(a.country == c.country and (a.is_country or a.geonameid == c.admin1_id)
                                      for a in areas)
            if fine and dist <= FEATURE_WINDOW and inside:
                rank = (0, 0 if c.feature == "ADM2" else 1, dist)
            elif c.is_admin or c.is_country:
                rank = (1, 0 if c.feature == "ADM1" else 1, dist)  # a province holds a river better than a country
            else:
                rank = (2, 0, dist)
            if best is None or rank < best[0]:
                best = (rank, c)
        return best[1] if best else None


def _town_of_its_people(doc: Doc, m: _Mention) -> bool:
    """A town named as its people's or its services' ("a Marion man", "Lafayette firefighters")."""
    prev = doc[m.start - 1].lower_ if m.start else ""
    nxt = doc[m.end].lower_ if m.end < len(doc) else ""
    return (nxt in LOCAL_BODY_WORDS or nxt in RESIDENT_WORDS and prev in {"a", "an"}) and \
        any(c.feature.startswith("PPL") and c.population >= 1000 for c in m.cands)


def _said_as_place(doc: Doc, start: int, *, article: bool = True) -> bool:
    """True when the words before a name say place: "in", "to", "near" ..., "residents of", "parts of"; with
    ``article``, also after "the" ("in the Sahel", "at the Rafah crossing"; a town takes none: "in the White
    House" is the institution)."""
    prev = doc[start - 1].lower_ if start else ""
    prev2 = doc[start - 2].lower_ if start > 1 else ""
    if prev == "the" and start > 1 and article:
        prev, prev2 = prev2, doc[start - 3].lower_ if start > 2 else ""
    return prev in LOCATIVE_PREPS - {"of"} or prev == "of" and prev2 in PLACE_OF_WORDS


def _list_head(doc: Doc, start: int, starts: set[int]) -> int:
    """The first name of the list a name ends ("to Bramhall, Marple and Cheadle": Bramhall's start)."""
    while start > 2 and doc[start - 1].lower_ in {",", "and", "or"}:
        before = start - 2 if doc[start - 2].lower_ not in {",", "and"} else start - 3
        head = next((s for s in range(before, max(-1, before - 4), -1) if s in starts), None)
        if head is None:
            break
        start = head
    return start


def _appositive_place(doc: Doc, m: _Mention) -> bool:
    """True when an appositive calls the name a place: "Wabag, the provincial capital", "Humera, a border town"."""
    i = m.end
    if i + 2 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ not in {"the", "a", "an"}:
        return False
    return any(t.lower_ in PLACE_NOUNS and t.pos_ == "NOUN" for t in doc[i + 2:i + 6])


def _directional(m: _Mention) -> bool:
    """A name that is only directions or a common word ("Eastern", "Bay"): a region of many countries."""
    return all(w in DIRECTION_WORDS for w in m.key.split()) or m.hint == "admin" and m.key in COMMON_WORDS


def _before_its_container(doc: Doc, m: _Mention) -> bool:
    """True when a capitalized name follows after a comma, as a place's container does: "Reston, Virginia"."""
    return m.end + 1 < len(doc) and doc[m.end].text == "," and _capitalized(doc[m.end + 1])


def _names_disease(doc: Doc, m: _Mention) -> bool:
    """True when the name is a disease's: "Marburg virus", "Lassa fever", "Lyme disease"."""
    return m.end < len(doc) and doc[m.end].lower_ in DISEASE_WORDS


def _opens_dateline(doc: Doc, m: _Mention) -> bool:
    """True when the mention is the city of a wire dateline at its paragraph's start."""
    first = doc[m.start]
    if m.start > 0 and "\n" not in doc[m.start - 1].text + doc[m.start - 1].whitespace_:
        return False  # not at a line's start (and ``doc.text`` is rebuilt on each read: look at tokens first)
    dateline = DATELINE.match(doc[m.start:m.start + DATELINE_MAX_TOKENS].text)
    if not (dateline and dateline.start("city") == 0 and dateline.end("city") >= doc[m.end - 1].idx - first.idx):
        return False
    # "LAHORE: The Punjab government..." is a dateline; "WARREN: The bill is..." in a transcript, where several
    # lines open with a capitalized label and a colon, is a speaker.
    return not dateline.group("colon") or len(TRANSCRIPT_LABEL.findall(doc.text)) < 2


# A transcript's speaker label at a line's start: "WARREN:", "SEN. SMITH:".
TRANSCRIPT_LABEL = re.compile(r"(?m)^[A-Z][A-Z.'’ -]{1,30}:")


def _feature_group(c: Candidate) -> str:
    """The kind of place, coarsely: country, first- or second-order division, town, or larger area."""
    if c.feature.startswith("PPL"):
        return "PPL"
    return "AREA" if c.feature in AREA_CODES else c.feature


def _capitalized(tok: Any) -> bool:
    """A capitalized word ("Anapa", "O'Leary") or abbreviation ("Ga.")."""
    return tok.text[:1].isupper() and (tok.is_alpha or tok.text.replace("'", "").replace("’", "").isalpha()) or (
        tok.text[:1].isupper() and "." in tok.text and len(tok.text) <= 6)


def _is_metonymy(doc: Doc, m: _Mention, c: Candidate) -> bool:
    """A capital or country as the subject of a speech or decision verb stands for its government."""
    if not (c.feature == "PPLC" or c.is_country) or not doc.has_annotation("DEP"):
        return False
    for tok in doc[m.start:m.end]:
        if tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.i >= m.end or tok.dep_ in {"nsubj", "nsubjpass"} and \
                tok.head.i < m.start:
            head = tok.head
            if head.lemma_.lower() in SPEECH_DECISION_LEMMAS:
                return True
            if any(ch.dep_ == "aux" and ch.lower_ in MODALS for ch in head.children):
                return True
    return False


def _raise_error(proc_name: str, proc: Any, docs: list, e: Exception) -> None:
    raise e


def places_by_name(doc: Doc, spans_key: str = "wirewatch_places") -> dict[str, list[Span]]:
    """Group the place spans of ``doc`` by resolved place (geonameid, else name)."""
    groups: dict[str, list[Span]] = defaultdict(list)
    for span in doc.spans.get(spans_key, []):
        place = span._.place or {}
        groups[str(place.get("geonameid") or place.get("name"))].append(span)
    return dict(groups)


@Language.factory("wirewatch_places", assigns=["doc.spans"], requires=["doc.ents"],
                  default_config={"spans_key": "wirewatch_places", "gazetteer_path": None, "min_population": 5000})
def make_place_tagger(nlp: Language, name: str, *, spans_key: str, gazetteer_path: str | None,
                      min_population: int) -> "PlaceTagger":
    """Build the place tagger; the gazetteer loads here, never at import.

    Args:
        nlp: the pipeline.
        name: the component's name.
        spans_key: the span group to write (``doc.spans[spans_key]``).
        gazetteer_path: a gazetteer SQLite file; the packaged one when None.
        min_population: the least population for a single-word place found by gazetteer matching alone.
    """
    register_extensions()  # idempotent: Span._.place among them
    return PlaceTagger(nlp.vocab, name, spans_key=spans_key, gazetteer_path=gazetteer_path,
                       min_population=min_population)
