#!/usr/bin/env python3
"""Build wirewatch's entity knowledge base (``src/wirewatch/nlp/data/kb.jsonl``) from open named sources.

Sources (see ``src/wirewatch/nlp/data/NOTICE``):
- UCDP Actor Dataset v22.1 (CC BY 4.0): non-state armed groups (``Org == 1``) with their short names,
  original and English full names, and name changes.
- A demonym table compiled from Wikipedia (``demonyms.csv``): countries with adjectival and demonym forms.
- pycountry (ISO 3166-1, from Debian's iso-codes), when installed: ISO codes and official names.
- countryinfo, when installed: ISO codes for English names ISO has since changed ("Turkey") and alternative
  spellings ("Turkiye", "Great Britain"); plus the English exonyms table of ``scripts/build_gazetteer.py``
  ("Britain", "Burma").

Armed groups also get ``variants``: transliteration respellings news writes ("Taliban" for UCDP's "Taleban",
"al-Qaeda" for "al-Qaida"), looked up only when no name or alias matches (``wirewatch.nlp.kb``).
- wirewatch's own publishers table (``clean/data/publishers.tsv``), when present: news outlets.

No source available offline gives Wikidata QIDs, so ``wikidata`` stays null rather than being guessed.

Usage:
    python scripts/build_kb.py [--shared ../shared] [--out src/wirewatch/nlp/data/kb.jsonl]
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO.parent / "shared"
DEFAULT_OUT = REPO / "src" / "wirewatch" / "nlp" / "data" / "kb.jsonl"
PUBLISHERS = REPO / "src" / "wirewatch" / "clean" / "data" / "publishers.tsv"

# Connector words skipped when reading initials off a full name ("Tehrik-i-Taliban Pakistan" -> TTP).
_CONNECTORS = {"of", "the", "and", "for", "in", "e", "i", "ul", "ur", "wa", "al", "el", "de", "du", "la", "le",
               "des", "del", "y", "et", "da", "do", "dos", "das", "di", "an", "a"}
# Markers of a transliterated (Arabic, Urdu, Pashto...) name, which English news keeps untranslated.
_TRANSLIT = re.compile(r"(?i)(^|[\s-])(al|el|ul|ur|e|i|wa)-|-(e|i|ul|ur|al)-|\bwa\b")


def ascii_fold(text: str) -> str:
    """Return ``text`` without diacritics ("Türkiye" -> "Turkiye"), quotes straightened."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def initials(name: str) -> str:
    """Return the upper-case initials of a name's content words, hyphen parts included."""
    words = [w for w in re.split(r"[\s\-\u2013]+", name) if w]
    return "".join(w[0].upper() for w in words if w.lower().strip("'\u2019") not in _CONNECTORS and w[0].isalnum())


def is_acronym(name: str) -> bool:
    """True for short upper-case names: "TTP", "LeJ", "M23", "ISIS"."""
    return bool(re.fullmatch(r"[A-Za-z0-9&.\-]{2,10}", name)) and sum(c.isupper() for c in name) >= 2


# Transliteration spellings that English news and conflict datasets write differently: each pair is tried both
# ways, one at a time ("Taleban" -> "Taliban", "al-Qaida" -> "al-Qaeda", "Tayyiba" -> "Taiba").
_SPELLING_SWAPS = [("e", "i"), ("a", "e"), ("ai", "ae"), ("ai", "ay"), ("ie", "ee"), ("ee", "i"), ("q", "k"),
                   ("ou", "u"), ("o", "u"), ("iy", "i"), ("dh", "d"), ("kh", "k"), ("j", "dj")]
_DOUBLED = re.compile(r"([a-z])\1")
_ARTICLE = re.compile(r"(?i)(^|(?<=[\s-]))(al|el)([\s-])(?=\w)")
# Variants are made for word names only, not for English descriptions ("Salafist Group for Preaching...").
MAX_VARIANT_WORDS = 4


def spelling_variants(name: str) -> list[str]:
    """Return other spellings of a transliterated name that news commonly writes.

    One vowel or consonant swap at a time (e/i, a/e, ai/ae, ai/ay, ie/ee, q/k, ou/u, ...), a doubled letter
    written single, and the article written "al-", "al ", "Al-" or "Al ". Letters after the first of a word only,
    so initials (and acronyms) stay as they are.

    Args:
        name: a group's name as a dataset spells it.

    Returns:
        Distinct variants, the name itself excluded.
    """
    if is_acronym(name) or len(name.split()) > MAX_VARIANT_WORDS or not re.search(r"[a-z]{3}", name):
        return []
    words = re.split(r"([\s\-]+)", name)
    out: set[str] = set()

    def respell(fn) -> str:
        return "".join(w[:1] + fn(w[1:]) if len(w) > 3 and w.isalpha() else w for w in words)

    for a, b in _SPELLING_SWAPS:
        for x, y in ((a, b), (b, a)):
            out.add(respell(lambda rest, x=x, y=y: rest.replace(x, y)))
    out.add(respell(lambda rest: _DOUBLED.sub(r"\1", rest)))
    with_articles = set()
    for v in out | {name}:
        if _ARTICLE.search(v):
            for art in ("al-", "al ", "Al-", "Al "):
                with_articles.add(_ARTICLE.sub(lambda m: art, v))
    out |= with_articles
    out.discard(name)
    return sorted(v for v in out if v.casefold() != name.casefold())


def _clean(value: str | None) -> str:
    value = (value or "").strip().strip(",").strip()
    return "" if value.lower() in {"", "n/a", "na", "none"} else re.sub(r"\s+", " ", value)


def _split(value: str | None) -> list[str]:
    return [v for v in (_clean(x) for x in (value or "").split(",")) if v]


def canonical_group_name(short: str, full_eng: str, full_orig: str) -> str:
    """Pick the name English news uses for an armed group.

    A word name ("Hamas", "Lashkar-e-Taiba") is kept. For an acronym, the English full name wins when its
    initials spell the acronym ("IS" -> "Islamic State"); a transliterated original name does when its
    initials do ("TTP" -> "Tehrik-i-Taliban Pakistan"); else the English full name.
    """
    if not is_acronym(short):
        return short
    letters = "".join(c for c in short if c.isupper() or c.isdigit())
    if full_eng and initials(full_eng) == letters:
        return full_eng
    if full_orig and _TRANSLIT.search(full_orig) and initials(full_orig) == letters:
        return full_orig
    return full_eng or full_orig or short


def ucdp_groups(path: Path) -> list[dict]:
    """Return KB rows for UCDP's non-state armed groups (``Org == 1``)."""
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for rec in csv.DictReader(fh):
            if rec.get("Org", "").strip() != "1":
                continue
            short = _clean(rec["NameData"])
            full_eng, full_orig = _clean(rec["NameOrigFullEng"]), _clean(rec["NameOrigFull"])
            names = [short, _clean(rec["NameOrig"]), full_orig, full_eng]
            if rec.get("NameChange", "").strip() == "1":
                new_short = _split(rec["NewName"])
                new_eng, new_orig = _split(rec["NewNameFullEng"]), _split(rec["NewNameFullMotherTongue"])
                names += new_short + new_eng + new_orig
                # The lists run oldest to newest: the last full name belongs to the name in use now.
                if new_short and _clean(new_short[-1]) == short:
                    full_eng = new_eng[-1] if new_eng else full_eng
                    full_orig = new_orig[-1] if new_orig else full_orig
            name = canonical_group_name(short, full_eng, full_orig)
            aliases = _dedupe([n for n in names if n and n != name])
            known = {a.casefold() for a in aliases + [name]}
            variants = _dedupe([v for n in [name, *aliases] for v in spelling_variants(n) if v.casefold() not in known])
            rows.append({"id": f"ucdp:{rec['ActorId'].strip()}", "name": name, "type": "ORG", "kind": "armed_group",
                         "aliases": aliases, "variants": variants, "country": [], "wikidata": None,
                         "splinter_of": _clean(rec.get("NamePrev")) or None,
                         "location": _clean(rec.get("Location")) or None})
    return rows


def _dedupe(names: list[str]) -> list[str]:
    seen, out = set(), []
    for n in names:
        key = n.casefold()
        if key not in seen:
            seen.add(key)
            out.append(n)
    return out


def _country_acronyms(name: str) -> list[str]:
    """Initials of a multi-word country name with their dotted form ("United States" -> US, U.S.)."""
    words = name.split()
    if len(words) < 2:
        return []
    acr = initials(name)
    return [acr, ".".join(acr) + "."] if 2 <= len(acr) <= 4 else []


def countries(demonyms: Path) -> tuple[list[dict], list[dict]]:
    """Return (country rows, nationality rows) from the demonym table, with ISO codes from pycountry."""
    try:
        import pycountry  # build-time only: ISO 3166-1 codes and official names
    except ImportError:  # the KB still builds, without ISO codes
        pycountry = None  # type: ignore[assignment]
    gpes, norps = [], []
    with demonyms.open(encoding="utf-8-sig", newline="") as fh:
        for rec in csv.DictReader(fh):
            entity, geo_name = _clean(rec["Entity Name"]), _clean(rec["Geonames Name"])
            iso = None
            names = [entity, geo_name]
            if pycountry is not None:
                hit = None
                for probe in (entity, geo_name):
                    try:
                        hit = pycountry.countries.lookup(probe)
                        break
                    except LookupError:
                        continue
                if hit is None:
                    hit = _fuzzy_country(pycountry, entity)
                if hit is not None:
                    iso = hit.alpha_2
                    names += [getattr(hit, "common_name", ""), hit.name, getattr(hit, "official_name", "")]
            # countryinfo knows English names ISO has since changed ("Turkey", now "Türkiye" in ISO 3166): its code
            # is taken (after the loop) only when no row ISO already names has it.
            info = _countryinfo(entity, geo_name)
            ci_iso = (info.get("ISO") or {}).get("alpha2") if info and not iso else None
            extra = [a for a in info.get("altSpellings", []) if not a.isupper() and a.isascii()] if info else []
            names = [n for n in names if n]
            # The shortest comma-free form is the one news writes ("United States", "Turkey", "South Korea").
            plain = [n for n in names if "," not in n]
            name = min(plain or names, key=lambda n: (len(n), n))
            adjectival = _split(rec["Adjectival"])
            # The table's adjectival column also lists short names of the country itself ("UK", "U.S.").
            country_forms = [a for a in adjectival if a in names or is_acronym(a.replace(".", "")) and "." in a or a.isupper()]
            adjectival = [a for a in adjectival if a not in country_forms]
            aliases = names + country_forms + _country_acronyms(name) + [ascii_fold(n) for n in names]
            aliases += ["the " + n for n in names if n.split()[0] in {"United", "Republic", "Democratic", "Central"}
                        or n.endswith(("Islands", "States", "Emirates", "Netherlands", "Philippines", "Bahamas"))]
            gpes.append({"id": f"iso:{iso}" if iso else f"geonames:{rec['Geonames Id'].strip()}", "name": name,
                         "type": "GPE", "kind": "country", "aliases": _dedupe([a for a in aliases if a != name]),
                         "country": [iso] if iso else [], "wikidata": None,
                         "geonameid": int(rec["Geonames Id"]) if rec["Geonames Id"].strip().isdigit() else None,
                         "_ci": (ci_iso, extra)})
            demonym = _split(rec["Demonym"])
            if adjectival or demonym:
                norp_name = demonym[0] if demonym else adjectival[0]
                norps.append({"id": f"norp:{iso or rec['Geonames Id'].strip()}", "name": norp_name, "type": "NORP",
                              "kind": "nationality", "aliases": _dedupe([a for a in adjectival + demonym if a != norp_name]),
                              "country": [iso] if iso else [], "wikidata": None, "_gpe": len(gpes) - 1})
    _add_countryinfo(gpes, norps)
    return gpes, norps


def _add_countryinfo(gpes: list[dict], norps: list[dict]) -> None:
    """Give rows ISO left without a code countryinfo's (unless another row has it), then add alternative spellings
    and the exonym table's names ("Turkiye", "Britain") to every row whose code is settled."""
    taken = {r["country"][0] for r in gpes if r["country"]}
    granted: dict[str, int] = {}
    for i, row in enumerate(gpes):
        ci_iso = row["_ci"][0]
        if ci_iso and ci_iso not in taken:
            granted[ci_iso] = -1 if ci_iso in granted else i  # two rows claiming one code: neither gets it
    by_row = {i: iso for iso, i in granted.items() if i >= 0}
    for i, row in enumerate(gpes):
        ci_iso, extra = row.pop("_ci")
        if i in by_row:
            row["id"], row["country"] = f"iso:{by_row[i]}", [by_row[i]]
        if row["country"]:
            known = {a.casefold() for a in [row["name"], *row["aliases"]]}
            row["aliases"] += _dedupe([a for a in extra + EXONYMS.get(row["country"][0], [])
                                       if a.casefold() not in known])
    for norp in norps:
        i = norp.pop("_gpe")
        if i in by_row:
            norp["id"], norp["country"] = f"norp:{by_row[i]}", [by_row[i]]


def _load_exonyms() -> dict[str, list[str]]:
    """The gazetteer build's table of English exonyms news uses for countries ("Britain", "Burma", "Holland")."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("_ww_build_gazetteer", REPO / "scripts" / "build_gazetteer.py")
    if spec is None or spec.loader is None:
        return {}
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return {cc: [n for n in names if not n.replace(".", "").isupper()] for cc, names in mod.COUNTRY_EXTRA.items()}


EXONYMS = _load_exonyms()


def _countryinfo(*names: str) -> dict | None:
    """countryinfo's record of a country (build-time only, optional), or None."""
    try:
        from countryinfo import CountryInfo
    except ImportError:
        return None
    for name in names:
        if not name:
            continue
        try:
            info = CountryInfo(name).info()
        except Exception:  # noqa: BLE001 - CountryNotFoundError and kin: not a country it knows
            continue
        # countryinfo guesses at names it lacks ("Wales" -> United Kingdom): keep only a record that bears the name.
        own = {ascii_fold(n).casefold() for n in [info.get("name") or "", *info.get("altSpellings", [])]} if info else set()
        if info and info.get("ISO") and ascii_fold(name).casefold() in own:
            return info
    return None


def _fuzzy_country(pycountry, name: str):
    """pycountry's fuzzy match, kept only when it starts like the name asked ("Turkey" -> Türkiye, not a neighbour)."""
    try:
        hit = pycountry.countries.search_fuzzy(name)[0]
    except LookupError:
        return None
    return hit if ascii_fold(hit.name)[:4].lower() == ascii_fold(name)[:4].lower() else None


def outlets(path: Path) -> list[dict]:
    """Return KB rows for the news outlets in wirewatch's publishers table (skipped when absent)."""
    if not path.is_file():
        return []
    by_name: dict[str, dict] = {}
    with path.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    for rec in csv.DictReader(lines, delimiter="\t"):
        name = _clean(rec.get("name"))
        if not name or name in by_name:
            continue
        by_name[name] = {"id": f"outlet:{(rec.get('domain') or '').strip()}", "name": name, "type": "ORG",
                         "kind": "outlet", "aliases": [], "country": [c for c in [_clean(rec.get("country"))] if c],
                         "wikidata": None}
    return list(by_name.values())


def build(shared: Path, out: Path) -> int:
    """Write the KB as JSON Lines and return the number of rows."""
    gpes, norps = countries(shared / "kb" / "demonyms.csv")
    rows = ucdp_groups(shared / "kb" / "ucdp-actor-221.csv") + gpes + norps + outlets(PUBLISHERS)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for row in rows:
            row = {k: v for k, v in row.items() if v not in (None, [], "")} | {"wikidata": row.get("wikidata")}
            fh.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    print(f"{build(args.shared, args.out)} rows -> {args.out}")


if __name__ == "__main__":
    main()
