"""``wirewatch_entities``: named entities grouped under canonical names, with aliases and roles.

spaCy's NER finds the names; rules then
- add names the model misses: knowledge-base aliases (armed groups, countries, outlets), in-text acronym
  definitions ("The Resistance Front (TRF)", "ISIS (Islamic State of Khorasan Province ISKP)") and capitalized
  runs that end in an organisation's head word ("Harlow Appliances recalled ...");
- drop junk (dates or numbers tagged ORG, lower-case words) and mend cut names ("Lashkar-e-Taiba" cut to "Taiba");
- mend labels the text contradicts: a one-word "person" the text also tags an organisation ("Labour"), a two-word
  "place" or "organisation" whose last word the text tags a person ("Regina Marsh ... Marsh said");
- group mentions of one entity: a surname with the one full name that ends in it, an acronym with its definition,
  a KB alias with its canonical name, a company's first word with its full name ("Harlow" with "Harlow Appliances");
- read roles off premodifiers ("Pakistan Defence Minister Khawaja Asif") and appositions.

The result is ``doc._.entities``: ``[{"id", "name", "type", "aliases", "roles", "wikidata",
"mentions": [{"start", "end", "text", "kind"}]}]`` in order of first mention, kind one of name/alias/role.
It becomes the record's ``entities`` (``wirewatch.resolve.entities``).
"""


import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from wirewatch.nlp.extensions import register_extensions
from wirewatch.nlp.kb import KnowledgeBase, default_kb, is_acronym, normalize_name
from wirewatch.nlp.roles import RoleLexicon, apposition_role, default_roles, premodifier_role

logger = logging.getLogger(__name__)

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT")
_MONTHS = r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?"
_DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_DATE_LIKE = re.compile(rf"(?i)^(\W*\d[\d\W]*|.*\b({_MONTHS}|{_DAYS})\b.*|.*\d{{4}}.*|\d+\w*)$")
_HONORIFIC = re.compile(r"^(mr|mrs|ms|miss|dr|prof|sir|dame|lord|lady|gen|col|lt|sen|rep|gov|rev|president|"
                        r"prime minister|minister|judge|justice|sheikh|imam)\.?\s+", re.IGNORECASE)
_SUFFIX = re.compile(r"\s*,?\s+(jr|sr|ii|iii|iv)\.?$", re.IGNORECASE)
_FINITE_VERB = re.compile(r"\s(Is|Are|Was|Were|Says|Said|Will|Would|Can|Could|Has|Have|Had|Does|Did)(\s|$)")
_POSSESSIVE = re.compile(r"[’']s?$")
_CONNECTOR_WORDS = {"of", "the", "and", "for", "in", "e", "i", "ul", "ur", "wa", "al", "el", "de", "du", "la",
                    "le", "des", "del", "y", "et", "da", "do", "di", "an", "a", "on", "at", "to"}
_PAREN = re.compile(r"\(([^()\n]{1,120})\)")
_OR_ACRONYM = re.compile(r",\s+or\s+([A-Z][A-Za-z0-9&\-]{1,9})(?=[,.;:)]|\s+(?:for\s+short|as\s+it\s+is\s+known)\b)")
_WORD = re.compile(r"[\w][\w\-’'.&]*")
_KB_KINDS_MATCHED = ("armed_group", "country", "outlet")
# "<group> of/in/for <place...>" and "<group> - <place...>": a branch's name opens with its parent's.
_PARENT_QUALIFIER = re.compile(r"^(?:the\s+)?(.+?)(?:\s+(?:of|in|for)\s+(?:the\s+)?|\s*[-\u2013\u2014]\s+)[A-Z]")
# Last words of company names: legal forms and the trades companies name themselves by. A capitalized run ending in
# one (or in an association's head word) is an organisation even where the model misses it, often at a sentence's
# start.
_COMPANY_HEADS = frozenset({"Inc", "Inc.", "Corp", "Corp.", "Corporation", "Co.", "Company", "Ltd", "Ltd.", "LLC",
    "LLP", "PLC", "Plc", "GmbH", "Group", "Holdings", "Industries", "Enterprises", "Partners",
    "Capital", "Ventures", "Technologies", "Technology", "Systems", "Solutions", "Labs", "Laboratories",
    "Pharmaceuticals", "Therapeutics", "Biotech", "Motors", "Airlines", "Airways", "Logistics", "Appliances",
    "Electronics", "Foods", "Brands", "Stores", "Retail", "Energy", "Resources", "Mining", "Petroleum",
    "Chemicals", "Materials", "Insurance", "Bancorp", "Financial", "Communications", "Telecom", "Media",
    "Entertainment", "Networks", "Software", "Semiconductor", "Semiconductors", "Robotics", "Aerospace",
    "Shipping", "Freight", "Construction", "Developments", "Properties"})
# Last words of associations' names ("Coastal Ferry Workers Union"); news shortens these to no first word.
_ORG_HEADS = _COMPANY_HEADS | {"Union", "Association", "Federation", "Institute", "Foundation", "Society",
                               "Alliance", "Coalition"}
_SPEECH_LEMMAS = frozenset({"say", "tell", "add", "state", "announce", "explain", "write", "insist", "warn"})
# Priority when spans tie on length: an in-text definition, then the KB, then the model.
_PRIO = {"def": 0, "kb": 1, "ner": 2}


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    label: str
    source: str
    kb: dict | None = None
    key: str = ""


@dataclass
class _Definition:
    """An in-text definition: a long name, its acronyms, and looser names the text equates with it."""

    long: tuple[int, int]
    long_text: str
    acronyms: list[tuple[int, int, str]] = field(default_factory=list)
    equated: list[tuple[int, int, str]] = field(default_factory=list)

    def forms(self) -> set[str]:
        return {normalize_name(t) for t in [self.long_text, *(a[2] for a in self.acronyms + self.equated)]}


@Language.factory(
    "wirewatch_entities",
    assigns=["doc._.entities"],
    requires=["doc.ents", "token.dep"],
    default_config={"kb_path": None, "match_kb": True, "min_acronym_len": 3},
)
def make_entity_linker(nlp: Language, name: str, *, kb_path: str | None, match_kb: bool,
                       min_acronym_len: int) -> "EntityLinker":
    """Build the ``wirewatch_entities`` component.

    Args:
        nlp: the pipeline.
        name: the component's name.
        kb_path: a KB in JSON Lines to use instead of the shipped one (None: ``data/kb.jsonl``).
        match_kb: find KB aliases the model missed (armed groups, countries, outlets).
        min_acronym_len: the shortest KB acronym matched in text ("IS" is too short to trust).
    """
    register_extensions()
    kb = KnowledgeBase.from_path(kb_path) if kb_path else default_kb()
    return EntityLinker(nlp, name, kb=kb, roles=default_roles(), match_kb=match_kb, min_acronym_len=min_acronym_len)


class EntityLinker:
    """Groups a Doc's names into canonical entities with aliases and roles (``doc._.entities``)."""

    def __init__(self, nlp: Language, name: str = "wirewatch_entities", *, kb: KnowledgeBase,
                 roles: RoleLexicon, match_kb: bool = True, min_acronym_len: int = 3):
        self.name = name
        self.kb = kb
        self.roles = roles
        self.match_kb = match_kb
        self.min_acronym_len = min_acronym_len
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._rows: dict[str, dict] = {}
        if match_kb:
            self._add_patterns(nlp)

    def _add_patterns(self, nlp: Language) -> None:
        texts, ids = [], []
        for alias, row in self.kb.aliases():
            if row.get("kind") not in _KB_KINDS_MATCHED or not _matchable(alias, row, self.min_acronym_len):
                continue
            texts.append(alias)
            ids.append(row["id"])
            self._rows[row["id"]] = row
        by_id: dict[str, list[Doc]] = {}
        for row_id, pattern in zip(ids, nlp.tokenizer.pipe(texts)):  # type: ignore[union-attr]
            by_id.setdefault(row_id, []).append(pattern)
        for row_id, patterns in by_id.items():
            self.matcher.add(row_id, patterns)

    def __call__(self, doc: Doc) -> Doc:
        """Set ``doc._.entities`` from ``doc.ents`` and the rules; return the Doc."""
        doc._.entities = self.link(doc)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Process a stream of Docs."""
        for doc in docs:
            yield self(doc)

    # -- the steps -------------------------------------------------------------------------------------------

    def link(self, doc: Doc) -> list[dict]:
        """Return the entity clusters of a Doc (see the module docstring)."""
        defs = find_definitions(doc.text)
        mentions = self._ner_mentions(doc) + self._definition_mentions(doc, defs)
        if self.match_kb:
            mentions += self._kb_mentions(doc)
        mentions = _resolve_overlaps(mentions)
        mentions = _resolve_overlaps(mentions + _missed_organisations(doc, mentions))
        _relabel_misread_names(mentions)
        mentions = _resolve_overlaps(mentions + _missed_person_names(doc, mentions))
        clusters = self._cluster(doc, mentions, defs)
        return self._finish(doc, clusters)

    def _ner_mentions(self, doc: Doc) -> list[_Mention]:
        out = []
        full = doc.text  # built anew on each access: read it once
        for ent in doc.ents:
            if ent.label_ not in ENTITY_TYPES and not _speaking_name(ent):
                continue
            start, end = _mend_span(full, ent.start_char, ent.end_char)
            if ent.label_ == "PERSON":
                start = _name_particle_start(full, start)
            if ent.label_ in ("PERSON", "WORK_OF_ART", "LAW"):
                start = self._after_leading_role(doc, ent, start)
            text = full[start:end]
            if _is_junk(text, ent.label_):
                continue
            kb = self.kb.lookup(text, _kb_types(ent.label_))
            if kb and " " not in text and not _plain_word_ok(text, kb):
                kb = None
            label = ent.label_ if ent.label_ in ENTITY_TYPES else "PERSON"
            if label == "PERSON" and kb is None and self.kb.construct_group_name(text):
                label = "ORG"  # "Jaish-ul-Wadi": built like the groups' names, which the model takes for people's
            out.append(_Mention(start, end, text, label, "ner", kb))
        return out

    def _after_leading_role(self, doc: Doc, ent: Span, start: int) -> int:
        """The start of the name when the model's span opens with role words ("Harbour Master Ines Okoro"): the
        role stays in the text before the name, where the role rules read it."""
        last_role = max((t.i for t in ent if t.idx >= start and self.roles.is_role(t.text)), default=None)
        if last_role is None:
            return start
        rest = doc[last_role + 1:ent.end]
        if len(rest) >= 2 and all(t.is_title and not self.roles.is_role(t.text) for t in rest):
            return rest[0].idx
        return start

    def _definition_mentions(self, doc: Doc, defs: list[_Definition]) -> list[_Mention]:
        out = []
        full = doc.text
        for d in defs:
            out.append(_Mention(d.long[0], d.long[1], d.long_text, "ORG", "def"))
            for s, e, t in d.acronyms + d.equated:
                out.append(_Mention(s, e, t, "ORG", "def"))
            # Later uses of the short forms, which the model often misses ("TRF said...").
            for _, _, short in d.acronyms + d.equated:
                for m in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", full):
                    out.append(_Mention(m.start(), m.end(), short, "ORG", "def"))
            for m in re.finditer(rf"(?<![\w-]){re.escape(d.long_text)}(?![\w-])", full):
                out.append(_Mention(m.start(), m.end(), d.long_text, "ORG", "def"))
        return out

    def _kb_mentions(self, doc: Doc) -> list[_Mention]:
        out = []
        for match_id, start, end in self.matcher(doc):
            row = self._rows[doc.vocab.strings[match_id]]
            span = doc[start:end]
            if not _kb_match_ok(span, row):
                continue
            label = row["type"]
            out.append(_Mention(span.start_char, span.end_char, span.text, label, "kb", row))
        return out

    def _cluster(self, doc: Doc, mentions: list[_Mention], defs: list[_Definition]) -> dict[str, dict]:
        def_keys: dict[str, int] = {}
        for i, d in enumerate(defs):
            for form in d.forms():
                def_keys.setdefault(form, i)
        def_rows = {i: self._definition_row(d) for i, d in enumerate(defs)}  # {} when the KB does not know it
        persons = _PersonIndex([m for m in mentions if m.label == "PERSON" and not m.kb])
        clusters: dict[str, dict] = {}
        for m in mentions:
            key_text = normalize_name(m.text)
            if key_text in def_keys:
                i = def_keys[key_text]
                row = def_rows[i]
                m.kb = row if row and "id" in row else None
                m.key = f"kb:{row['id']}" if m.kb else f"def:{i}"
                m.label = row["type"] if m.kb else "ORG"
            elif m.kb:
                m.key = f"kb:{m.kb['id']}"
                m.label = m.kb["type"]
            elif m.label == "PERSON" or persons.surname_owner(m.text) is not None:
                m.key = persons.key(m)
                m.label = "PERSON"
            else:
                m.key = f"txt:{_type_class(m.label)}:{key_text}"
            c = clusters.setdefault(m.key, {"mentions": [], "kb": m.kb, "def": None, "labels": Counter()})
            if m.key.startswith("def:"):
                c["def"] = defs[int(m.key[4:])]
            c["mentions"].append(m)
            c["labels"][m.label] += 1
        _merge_undefined_acronyms(clusters)
        _merge_company_short_names(clusters)
        _merge_shouted_places(clusters)
        return clusters

    def _definition_row(self, d: _Definition) -> dict:
        """The KB row of a definition's long name or its own acronyms (not of looser equated names)."""
        row = self.kb.lookup(d.long_text, ("ORG",))
        if row:
            return row
        for _, _, acronym in d.acronyms:
            row = self.kb.lookup(acronym, ("ORG",))
            # Acronyms are shared ("NRA" is a Ugandan army and an American lobby): the text's own long name
            # must agree with the KB entry before the acronym may choose it.
            if row and _same_long_name(d.long_text, row):
                return row
        # A branch named after its parent and a place ("Islamic State of Khorasan Province", "al-Qaeda in the
        # Islamic Maghreb"): when the KB lacks the branch, the parent group it names is the closest canonical
        # entry, better than a name made up from the text.
        parent = _PARENT_QUALIFIER.match(d.long_text)
        if parent and len(parent.group(1).split()) >= 2 or parent and "-" in parent.group(1):
            row = self.kb.lookup(parent.group(1), ("ORG",))
            if row and row.get("kind") == "armed_group":
                return row
        return {}

    def _finish(self, doc: Doc, clusters: dict[str, dict]) -> list[dict]:
        out = []
        full = doc.text
        for c in clusters.values():
            mentions = sorted({(m.start, m.end): m for m in c["mentions"]}.values(), key=lambda m: m.start)
            label = c["kb"]["type"] if c["kb"] else c["labels"].most_common(1)[0][0]
            name = _canonical_name(c, mentions, label, full, self._news_spelling(c, mentions))
            surface = [_strip_possessive(m.text) for m in mentions]
            aliases = _dedupe([s for s in surface if normalize_name(s) != normalize_name(name)])
            if c["def"]:
                aliases = _dedupe(aliases + [a[2] for a in c["def"].acronyms + c["def"].equated]
                                  + [c["def"].long_text])
                aliases = [a for a in aliases if normalize_name(a) != normalize_name(name)]
            items = [{"start": m.start, "end": m.end, "text": m.text,
                      "kind": "name" if normalize_name(m.text) == normalize_name(name) else "alias"} for m in mentions]
            roles: list[str] = []
            if label == "PERSON":
                for m in mentions:
                    for role in self._roles_of(doc, m):
                        items.append({"start": role.start_char, "end": role.end_char, "text": role.text, "kind": "role"})
                        roles.append(role.text)
            out.append({"id": "", "name": name, "type": label, "aliases": aliases, "roles": _dedupe(roles),
                        "wikidata": (c["kb"] or {}).get("wikidata"),
                        "mentions": sorted(items, key=lambda x: (x["start"], x["end"]))})
        out.sort(key=lambda e: e["mentions"][0]["start"])
        for i, ent in enumerate(out, 1):
            ent["id"] = f"e{i}"
        return out

    def _news_spelling(self, c: dict, mentions: list[_Mention]) -> str | None:
        """The article's own spelling of a KB group it names only by spelling variants ("Taliban" for "Taleban").

        The KB keeps the dataset's transliteration; the record follows the news text when the text never uses it.
        """
        row = c["kb"]
        if not row or row.get("kind") != "armed_group":
            return None
        texts = [_strip_possessive(m.text) for m in mentions]
        if not texts or not all(self.kb.is_variant(t, row) for t in texts):
            return None
        counts = Counter(texts)
        return max(counts, key=lambda t: (counts[t], len(t)))

    def _roles_of(self, doc: Doc, m: _Mention) -> list[Span]:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not len(span):
            return []
        found = [premodifier_role(doc, span.start, self.roles), apposition_role(span, self.roles)]
        return [r for r in found if r is not None]

    # -- serialization: the KB travels with the pipeline ----------------------------------------------------

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the KB as ``kb.jsonl`` in ``path``."""
        import json

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        with (path / "kb.jsonl").open("w", encoding="utf-8") as fh:
            for row in self.kb.rows.values():
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "EntityLinker":
        """Read the KB written by ``to_disk``."""
        file = Path(path) / "kb.jsonl"
        if file.is_file():
            self.kb = KnowledgeBase.from_path(file)
        return self


# -- helpers ---------------------------------------------------------------------------------------------------


def find_definitions(text: str) -> list[_Definition]:
    """Find in-text acronym definitions, both ways round.

    "The Resistance Front (TRF)" defines TRF; "ISIS (Islamic State of Khorasan Province ISKP)" defines ISKP
    and equates ISIS with it in this article.
    """
    defs = []
    for m in _OR_ACRONYM.finditer(text):  # "the Juba Valley Front, or JVF,": news style for a first definition
        acronym = m.group(1)
        long = _long_form_before(text, m.start(), acronym)
        if long:
            defs.append(_Definition(long, text[long[0]:long[1]], acronyms=[(m.start(1), m.end(1), acronym)]))
    for m in _PAREN.finditer(text):
        inner = m.group(1).strip()
        inner_start = m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
        if is_acronym(inner):
            long = _long_form_before(text, m.start(), inner)
            if long:
                defs.append(_Definition(long, text[long[0]:long[1]],
                                        acronyms=[(inner_start, inner_start + len(inner), inner)]))
            continue
        outer = re.search(r"([A-Za-z][\w\-&.]*)\s*$", text[:m.start()])
        if not outer or not is_acronym(outer.group(1)):
            continue
        words = list(_WORD.finditer(inner))
        if not words or not words[0].group()[0].isupper():
            continue
        acronyms = []
        if len(words) > 1 and is_acronym(words[-1].group()) and _initials_match(
                [w.group() for w in words[:-1]], words[-1].group()):
            last = words.pop()
            acronyms.append((inner_start + last.start(), inner_start + last.end(), last.group()))
        if not all(w.group()[0].isupper() or w.group().lower() in _CONNECTOR_WORDS for w in words):
            continue
        long = (inner_start + words[0].start(), inner_start + words[-1].end())
        if len(words) < 2:
            continue
        outer_span = (outer.start(1), outer.end(1), outer.group(1))
        d = _Definition(long, text[long[0]:long[1]], acronyms=acronyms)
        if _initials_match([w.group() for w in words], outer.group(1)):
            d.acronyms.append(outer_span)
        else:
            d.equated.append(outer_span)
        defs.append(d)
    return defs


def _same_long_name(long_text: str, row: dict) -> bool:
    """Whether an in-text long name is a spelling of a KB entry's name or one of its long aliases."""
    key = normalize_name(long_text)
    names = [row["name"], *row.get("aliases", []), *row.get("variants", [])]
    return any(SequenceMatcher(None, key, normalize_name(n)).ratio() >= 0.8 for n in names if not is_acronym(n))


def _long_form_before(text: str, paren: int, acronym: str) -> tuple[int, int] | None:
    """The shortest run of capitalized words right before "(" whose initials spell the acronym."""
    words = list(_WORD.finditer(text[max(0, paren - 200):paren]))
    offset = max(0, paren - 200)
    run: list[re.Match[str]] = []
    for w in reversed(words):
        gap = text[offset + w.end():paren if not run else offset + run[-1].start()]
        if gap.strip():  # punctuation between words ends the name
            break
        run.append(w)
        if len(run) > 12:
            break
    run.reverse()
    for i in range(len(run) - 1, -1, -1):
        cand = run[i:]
        if not cand[0].group()[0].isupper():
            continue
        if _initials_match([w.group() for w in cand], acronym):
            return offset + cand[0].start(), offset + cand[-1].end()
    return None


def _initials_match(words: list[str], acronym: str) -> bool:
    """True when the acronym's letters are the words' initials, connectors counted or not."""
    letters = "".join(c for c in acronym if c.isalnum()).upper()
    parts = [p for w in words for p in re.split(r"[-\u2013]", w) if p]
    with_all = "".join(p[0] for p in parts if p[0].isupper() or p[0].isdigit()).upper()
    content = "".join(p[0] for p in parts if p.lower() not in _CONNECTOR_WORDS).upper()
    return len(letters) >= 2 and letters in (with_all, content)


def _mend_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow a span cut inside a hyphenated name ("Lashkar-e-[Taiba]"); trim space and a possessive."""
    while start > 1 and text[start - 1] in "-\u2010" and text[start - 2].isalnum():
        start -= 2
        while start > 0 and text[start - 1].isalnum():
            start -= 1
    while end < len(text) - 1 and text[end] in "-\u2010" and text[end + 1].isalpha() and text[end + 1].isupper():
        end += 1
        while end < len(text) and text[end].isalnum():
            end += 1
    segment = text[start:end]
    # A quotation mark inside a name ends it ("Trump’s ‘Incredibly"): keep the part before it.
    cut = re.search(r"[\u2018\u201c\u201d\"]|[’']s?\s*[\u2018\u201c\"]", segment)
    if cut and cut.start() > 0:
        end = start + cut.start()
        segment = text[start:end]
    if "\n" in segment:  # a name never spans paragraphs: keep the first line with letters
        first = next((ln for ln in segment.split("\n") if ln.strip()), segment)
        start += segment.index(first)
        end = start + len(first)
    while end > start and text[end - 1] in " \t,;:":
        end -= 1
    lead = re.match(r"(a|an|the)\s+", text[start:end])  # "a Republican Party": the article is no part of the name
    if lead and end - start > lead.end():
        start += lead.end()
    m = re.search(r"[’']s?$", text[start:end])
    if m and end - start > 3 and text[start:end].count(" ") < 8:
        end = start + m.start()
    return start, end


_PARTICLE = re.compile(r"(bin|ibn|bint|al|el|de|del|della|van|von|der|da|di|dos|du|le|la|ben|abu)\s")


def _name_particle_start(text: str, start: int) -> int:
    """Grow a person's name left over the given name the model dropped before a particle ("Alwaleed bin Talal")."""
    if not _PARTICLE.match(text, start):
        return start
    m = re.search(r"([A-Z][\w'’-]+)\s+$", text[max(0, start - 40):start])
    return start - len(m.group(0)) if m else start


def _is_junk(text: str, label: str) -> bool:
    """Dates and numbers tagged as names, lower-case words, single characters."""
    if len(text) < 2 or not any(c.isalpha() for c in text) or not text[0].isalnum():
        return True
    if any(c in "?!@#/\\|<>[]{}=+*_" for c in text):  # handles, URLs and run-together words are no names
        return True
    if text == text.lower():
        return True
    if label in ("ORG", "PERSON", "NORP", "FAC", "PRODUCT", "EVENT") and _DATE_LIKE.match(text):
        return True
    # A title-case headline read as a name ("White Supremacists Are Capitalizing"): names hold no finite verb.
    if len(text.split()) >= 3 and _FINITE_VERB.search(text):
        return True
    return label == "PERSON" and len(text) > 60


def _kb_types(label: str) -> tuple[str, ...]:
    return ("GPE", "LOC") if label in ("GPE", "LOC") else (label,) if label != "FAC" else ("FAC",)


def _type_class(label: str) -> str:
    return "GPE" if label in ("GPE", "LOC", "FAC") else label


def _matchable(alias: str, row: dict, min_acronym_len: int) -> bool:
    """Whether a KB alias is safe to look for in running text."""
    words = alias.split()
    if is_acronym(alias):
        letters = sum(c.isalpha() for c in alias)
        return letters >= (2 if row["kind"] == "country" else min_acronym_len)
    if not alias[:1].isupper():
        return False
    if len(words) == 1:
        return row["kind"] == "country" or "-" in alias or _plain_word_ok(alias, row)
    content = [w for w in words if w.lower() not in _CONNECTOR_WORDS]
    return len(content) >= 2 or row["kind"] == "country"


def _missed_person_names(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """Later uses of a person's name the model did not tag ("... — Asif insisted"): capitalized tokens equal to
    the surname of exactly one full name in the article, or a full name repeated verbatim."""
    persons = _PersonIndex([m for m in mentions if m.label == "PERSON" and not m.kb])
    if not persons.full:
        return []
    taken = {i for m in mentions for i in range(m.start, m.end)}
    surnames = Counter(f[-1] for f in persons.full)
    wanted = {f[-1] for f in persons.full if surnames[f[-1]] == 1 and len(f[-1]) > 2}
    out = []
    for tok in doc:
        if tok.text in wanted and tok.idx not in taken and tok.pos_ == "PROPN" and tok.text[0].isupper():
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            prev = doc[tok.i - 1] if tok.i > 0 else None
            # Part of a longer name the model skipped ("Asif Ali Zardari") is someone else: leave it.
            if (nxt is not None and nxt.pos_ == "PROPN" and nxt.idx not in taken) or \
                    (prev is not None and prev.pos_ == "PROPN" and prev.idx not in taken and prev.is_title
                     and not _HONORIFIC.match(prev.text + " ")):
                continue
            out.append(_Mention(tok.idx, tok.idx + len(tok.text), tok.text, "PERSON", "ner"))
    return out


def _speaking_name(ent: Span) -> bool:
    """A name the model filed as a work of art or a law that says or tells something ("Harbour Master Ines Okoro
    told reporters"): works and laws do not speak, people do."""
    return ent.label_ in ("WORK_OF_ART", "LAW") and ent.root.dep_ == "nsubj" and \
        ent.root.head.lemma_ in _SPEECH_LEMMAS and all(t.is_title or t.is_punct for t in ent)


def _missed_organisations(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """Capitalized runs of proper nouns that end in an organisation's head word ("Harlow Appliances", "Coastal Ferry
    Workers Union"), where no mention already covers the whole run; a longer model or KB name keeps its span."""
    out = []
    for tok in doc:
        if tok.text not in _ORG_HEADS or tok.pos_ != "PROPN":
            continue
        start = tok.i
        while start > tok.sent.start and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
            start -= 1
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if start == tok.i or nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper():
            continue  # a head word alone ("Group") names nothing; nor one inside a longer name ("Energy Secretary")
        s, e = doc[start].idx, tok.idx + len(tok.text)
        if any(m.start <= s and e <= m.end for m in mentions):
            continue
        out.append(_Mention(s, e, doc[start:tok.i + 1].text, "ORG", "ner"))  # Doc.text would rebuild the string
    return out


def _relabel_misread_names(mentions: list[_Mention]) -> None:
    """A one-word person the model also tags as an organisation or group elsewhere in the text, and that is no full
    name's surname, is that ("Labour said"); a two-word place or organisation the KB does not know whose last word
    the model tags a person on its own is that person's full name ("Regina Marsh ... Marsh said")."""
    one_word = [m for m in mentions if " " not in m.text and not m.kb]
    other = {m.text: m.label for m in one_word if m.label in ("ORG", "NORP")}
    persons = {m.text for m in one_word if m.label == "PERSON"}
    surnames = {m.text.split()[-1] for m in mentions if m.label == "PERSON" and " " in m.text}
    for m in mentions:
        words = m.text.split()
        if m.label == "PERSON" and len(words) == 1 and not m.kb and m.text in other and m.text not in surnames:
            m.label = other[m.text]
        elif m.label in ("ORG", "GPE", "LOC", "FAC") and not m.kb and m.source == "ner" and len(words) == 2 \
                and words[0].istitle() and words[1] in persons and words[1] not in _ORG_HEADS:
            m.label = "PERSON"


def _merge_company_short_names(clusters: dict[str, dict]) -> None:
    """Fold a one-word organisation, product or person into the one company whose name it opens ("a spokeswoman for
    Harlow" after "Harlow Appliances"): news shortens a company to its first word."""
    companies: dict[str, list[str]] = {}
    for key, c in clusters.items():
        words = c["mentions"][0].text.split()
        if key.startswith("txt:ORG:") and len(words) >= 2 and words[-1] in _COMPANY_HEADS:
            companies.setdefault(words[0], []).append(key)
    for key in [k for k in clusters if k.startswith(("txt:ORG:", "txt:PRODUCT:", "per:?"))]:
        texts = {_strip_possessive(m.text) for m in clusters[key]["mentions"]}
        hits = companies.get(next(iter(texts)), []) if len(texts) == 1 else []
        if len(hits) == 1 and hits[0] != key:
            target = clusters[hits[0]]
            target["mentions"] += clusters[key]["mentions"]
            target["labels"]["ORG"] += len(clusters[key]["mentions"])  # a short name the model took for a person's
            target["company"] = _strip_possessive(target["mentions"][0].text)  # the full name, however rarely used
            del clusters[key]


def _merge_shouted_places(clusters: dict[str, dict]) -> None:
    """Fold a name the model took for an organisation only where it is written in capitals ("MOGADISHU —", a
    dateline) into the place of that name the article also writes normally."""
    for key in [k for k in clusters if k.startswith("txt:ORG:")]:
        place = clusters.get("txt:GPE:" + key.removeprefix("txt:ORG:"))
        if place is not None and all(m.text.isupper() for m in clusters[key]["mentions"]):
            moved = clusters.pop(key)
            for m in moved["mentions"]:
                m.key, m.label = "txt:GPE:" + key.removeprefix("txt:ORG:"), "GPE"
                place["mentions"].append(m)
                place["labels"]["GPE"] += 1


def _merge_undefined_acronyms(clusters: dict[str, dict]) -> None:
    """Fold an acronym the text never defines into the one organisation in it whose initials it spells.

    "the Democratic National Committee ... the DNC said": news often skips the "(DNC)"; an acronym naming
    exactly one multi-word organisation of the article is that organisation.
    """
    long_orgs = [k for k, c in clusters.items() if c["labels"].most_common(1)[0][0] == "ORG"
                 and len(c["mentions"][0].text.split()) >= 2]
    for key in [k for k in clusters if k.startswith("txt:ORG:")]:
        short = clusters[key]["mentions"][0].text
        if not is_acronym(short) or "." in short:
            continue
        hits = [k for k in long_orgs if k != key and any(
            _initials_match(m.text.split(), short) for m in clusters[k]["mentions"][:3])]
        if len(hits) == 1:
            target = clusters[hits[0]]
            target["mentions"] += clusters[key]["mentions"]
            target["labels"].update(clusters[key]["labels"])
            del clusters[key]


def _plain_word_ok(word: str, row: dict) -> bool:
    """A one-word alias may stand for a group only when it is the group's own name.

    UCDP lists one-word nicknames ("Union" for Seleka, "Elements"): as the name of something else they are
    common words, so they never rename what the model found.
    """
    return row["kind"] == "country" or is_acronym(word) or "-" in word \
        or normalize_name(word) == normalize_name(row["name"]) or (
            " " not in row["name"] and normalize_name(word) in {normalize_name(v) for v in row.get("variants", [])})


def _kb_match_ok(span: Span, row: dict) -> bool:
    """Context checks on a KB match: a lone word must be a proper noun, an acronym not part of shouted text."""
    sent = span.sent
    if is_acronym(span.text):
        upper = sum(t.is_upper for t in sent if t.is_alpha)
        alpha = sum(t.is_alpha for t in sent) or 1
        return upper / alpha < 0.5
    ner = {t.ent_type_ for t in span} - {""}
    covering = {e.label_ for e in span.doc.ents if e.start <= span.start and span.end <= e.end}
    if row["kind"] != "country" and covering & {"GPE", "LOC", "PERSON", "FAC"}:
        # The model reads a place or person there ("Tibet"): a group alias does not overrule it, except a
        # hyphen-joined name ("Lashkar-e-Jhangvi"), which the model often takes for a person's. A place inside
        # a longer group name ("Tehrik-i-Taliban Pakistan") is part of the name and does not count.
        if covering - {"PERSON"} or not any(t.text == "-" for t in span):
            return False
    if len(span) == 1 and row["kind"] != "country":
        # A one-word group name ("Hamas", but also "Union", "Cobras") needs the model's agreement, or a
        # proper noun that does not open its sentence.
        return bool(ner & {"ORG", "NORP"}) or "-" in span.text or (
            span[0].pos_ == "PROPN" and not span[0].is_sent_start and not ner)
    return True


def _resolve_overlaps(mentions: list[_Mention]) -> list[_Mention]:
    """Keep the longest of overlapping spans; on a tie an in-text definition, then the KB, then the model."""
    chosen: list[_Mention] = []
    taken: list[tuple[int, int]] = []
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), _PRIO[m.source], m.start)):
        if any(m.start < e and s < m.end for s, e in taken):
            continue
        chosen.append(m)
        taken.append((m.start, m.end))
    return sorted(chosen, key=lambda m: m.start)


def _strip_possessive(text: str) -> str:
    return _POSSESSIVE.sub("", text) if re.search(r"[’']s$", text) else text


def _person_tokens(text: str) -> list[str]:
    text = _SUFFIX.sub("", _strip_possessive(text.strip()))
    while _HONORIFIC.match(text):
        text = _HONORIFIC.sub("", text, count=1)
    return [t for t in re.findall(r"[\w][\w\-’'.]*", text) if t]


class _PersonIndex:
    """Groups person names: full names by first and last word, a lone surname with the one full name ending in it."""

    def __init__(self, mentions: list[_Mention]):
        self.full: list[list[str]] = []  # distinct full names, as tokens
        self.first_seen: dict[int, int] = {}
        self.positions: dict[int, list[int]] = {}
        for m in mentions:
            toks = _person_tokens(m.text)
            if len(toks) >= 2:
                idx = self._full_index(toks)
                self.positions.setdefault(idx, []).append(m.start)

    def _full_index(self, toks: list[str]) -> int:
        for i, other in enumerate(self.full):
            if _same_full_name(toks, other):
                if len(toks) > len(other):
                    self.full[i] = toks
                return i
        self.full.append(toks)
        return len(self.full) - 1

    def surname_owner(self, text: str) -> int | None:
        """The one full name whose last word is this lone word, or None."""
        toks = _person_tokens(text)
        if len(toks) != 1:
            return None
        owners = [i for i, f in enumerate(self.full) if f[-1].casefold() == toks[0].casefold()]
        return owners[0] if len(owners) == 1 else None

    def key(self, m: _Mention) -> str:
        toks = _person_tokens(m.text)
        if len(toks) >= 2:
            return f"per:{self._full_index(toks)}"
        if not toks:
            return f"per:?{m.text}"
        owners = [i for i, f in enumerate(self.full) if f[-1].casefold() == toks[0].casefold()]
        if not owners:
            # A lone first name ("Hillary") is the one full name starting with it, unless it is also a surname.
            owners = [i for i, f in enumerate(self.full) if f[0].casefold() == toks[0].casefold()]
            if len(owners) != 1:
                return f"per:?{toks[0].casefold()}"
        if len(owners) == 1:
            return f"per:{owners[0]}"
        if owners:  # two people share the surname: the one named most recently before, if any
            before = [(max(p for p in self.positions[i] if p < m.start), i) for i in owners
                      if any(p < m.start for p in self.positions[i])]
            if before:
                return f"per:{max(before)[1]}"
        return f"per:?{toks[0].casefold()}"


def _same_full_name(a: list[str], b: list[str]) -> bool:
    fa, fb = [t.casefold().rstrip(".") for t in a], [t.casefold().rstrip(".") for t in b]
    if fa == fb:
        return True
    if fa[0] != fb[0] or fa[-1] != fb[-1]:
        return False
    # Middle names and initials may come and go ("Donald J. Trump" ~ "Donald Trump").
    return set(fa) <= set(fb) or set(fb) <= set(fa) or len(fa) != len(fb)


def _canonical_name(c: dict, mentions: list[_Mention], label: str, text: str, news_spelling: str | None = None) -> str:
    if c["kb"]:
        return news_spelling or c["kb"]["name"]
    if c["def"]:
        return re.sub(r"^the\s+", "", c["def"].long_text)
    if c.get("company"):
        return c["company"]
    texts = [_strip_possessive(m.text) for m in mentions]
    if label == "PERSON":
        best: list[str] = []
        for t in texts:  # the fullest form of the name, titles dropped
            toks = _person_tokens(t)
            if len(toks) > len(best):
                best = toks
        return " ".join(best) or texts[0]
    counts = Counter(_drop_article(m, t, text) for m, t in zip(mentions, texts))
    # A form in capitals (a dateline's "KABUL") loses to the same name written normally.
    return max(counts, key=lambda t: (not (t.isupper() and len(t) > 4), counts[t], len(t)))


def _drop_article(m: _Mention, name: str, text: str) -> str:
    """A name without its leading article, unless a capital "The" mid-sentence shows it is part of the name."""
    if not re.match(r"(?i)the\s", name):
        return name
    before = text[:m.start].rstrip()
    if name.startswith("The") and before and before[-1] not in ".!?:\"\u201c\u2018'(":
        return name  # "claimed by The Resistance Front": the article is part of the name
    return name[4:].lstrip()


def _dedupe(items: list[str]) -> list[str]:
    seen, out = set(), []
    for item in items:
        key = item.casefold()
        if item and key not in seen:
            seen.add(key)
            out.append(item)
    return out
