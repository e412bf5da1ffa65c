"""The name a common noun phrase gives its referent: "a little-known group, X," "a group calling itself X", "a
militia known as X", "a new front called X". News introduces small armed groups this way, and the name, not
"group", is who acted or claimed an attack."""
from __future__ import annotations

from spacy.tokens import Token

# Participles that give a name: "calling itself", "known as", "called", "named".
NAMING_LEMMAS = frozenset({"call", "know", "name", "dub", "style"})


def given_name(head: Token) -> Token | None:
    """The head word of the name a common noun is given in apposition or by a naming participle, or None."""
    if head.pos_ != "NOUN" or head.ent_type_:
        return None
    for child in head.rights:  # a name follows what it names
        if child.dep_ == "appos" and _is_name(child):
            return child
        if child.dep_ == "acl" and child.lemma_ in NAMING_LEMMAS:
            for part in child.children:
                if part.dep_ in ("oprd", "attr", "xcomp") and _is_name(part):
                    return part
                if part.dep_ == "prep" and part.lower_ == "as":
                    named = next((g for g in part.children if g.dep_ == "pobj" and _is_name(g)), None)
                    if named is not None:
                        return named
    return None


def _is_name(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
