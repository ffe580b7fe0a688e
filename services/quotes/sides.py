"""Which side a speaker speaks for: from the text first, then a small gazetteer.

The text wins: "US Secretary of State Mike Pompeo" is the United States because
the mention says so, and "South Korean media" is South Korea. Only when the
words name no country does the gazetteer of well-known outlets and institutions
decide (KCNA is North Korea's state news agency). Country names are canonical
(services.common.countries); organisations with no single country (NATO, the
United Nations) are their own side.

Organisations take their country from the article: once it says "Argentina's
Foreign Ministry", a later "Foreign Ministry spokesman Tomas Herrera" speaks for
Argentina, and "Health Minister Grace Mwale" for the country of the "Health
Ministry" (a minister's title names the ministry). `org_sides` builds that
per-article map; "the ministry" then stands for the one ministry it holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from spacy.tokens import Doc, Span, Token

from services.common.countries import canonical_country, other_place

# Outlets, offices and institutions, lower-cased, to the side they speak for.
GAZETTEER: dict[str, str] = {
    "kcna": "North Korea", "korean central news agency": "North Korea", "rodong sinmun": "North Korea",
    "xinhua": "China", "people's daily": "China", "global times": "China", "cctv": "China",
    "zhongnanhai": "China",
    "tass": "Russia", "ria novosti": "Russia", "sputnik": "Russia", "rt": "Russia", "kremlin": "Russia",
    "white house": "United States", "state department": "United States", "pentagon": "United States",
    "department of state": "United States", "department of defense": "United States",
    "defense department": "United States", "treasury": "United States", "congress": "United States",
    "senate": "United States", "cia": "United States", "fbi": "United States",
    "blue house": "South Korea", "yonhap": "South Korea",
    "kyodo": "Japan", "nhk": "Japan",
    "irna": "Iran", "downing street": "United Kingdom", "foreign office": "United Kingdom",
    "elysee": "France", "élysée": "France",
    "nato": "NATO", "united nations": "United Nations", "un security council": "United Nations",
}

_COUNTRY_LABELS = ("GPE", "NORP")
_MODIFIER_DEPS = frozenset({"poss", "amod", "compound", "nmod"})
_NOT_ORG_WORDS = frozenset({"the", "'s", "\u2019s", "a", "an"})
OrgSides = Mapping[str, tuple[str, str]]  # org key ("health ministry") -> (its name, its country)


def org_key(words: str) -> str:
    """Lower-cased words of an organisation or title, a minister named as the ministry."""
    tokens = [w for w in re.findall(r"[\w'\u2019]+", words.lower()) if w not in _NOT_ORG_WORDS]
    return " ".join("ministry" if w == "minister" else w for w in tokens)


def org_sides(doc: Doc) -> dict[str, tuple[str, str]]:
    """Organisations the article ties to a country ("Zambia's Health Ministry"), first tie wins."""
    found: dict[str, tuple[str, str]] = {}
    for token in doc:
        head = token.head
        if token.dep_ not in _MODIFIER_DEPS or head.i <= token.i or not token.is_title:
            continue
        if head.ent_type_ != "ORG" and not head.is_title:
            continue
        country = canonical_country(doc[token.left_edge.i : token.i + 1].text) or _token_country(token)
        if country is None:
            continue
        words = [t for t in doc[token.i + 1 : head.i + 1] if t.ent_type_ != "PERSON" and not t.is_punct]
        name = " ".join(t.text for t in words if t.lower_ not in _NOT_ORG_WORDS)
        if org_key(name):
            found.setdefault(org_key(name), (name, country))
    return found


def org_side(words: str, orgs: OrgSides) -> str | None:
    """The country of a known organisation (or its minister's title) named in `words`."""
    padded = f" {org_key(words)} "
    return next((side for key, (_, side) in orgs.items() if f" {key} " in padded), None)


def definite_org(mention: Span, head: Token, orgs: OrgSides) -> str | None:
    """The one known organisation that "the ministry" stands for (None when not exactly one)."""
    if mention[0].lower_ != "the" or head.pos_ != "NOUN":
        return None
    names = {name for key, (name, _) in orgs.items() if key.split()[-1] == head.lemma_.lower()}
    return names.pop() if len(names) == 1 else None


def gazetteer_side(name: str) -> str | None:
    """The side of a known outlet or institution named anywhere in `name`."""
    lowered = name.lower().removeprefix("the ")
    if lowered in GAZETTEER:
        return GAZETTEER[lowered]
    padded = " " + " ".join(re.findall(r"[\w'\u2019.]+", lowered)) + " "
    for key, side in GAZETTEER.items():
        if len(key) > 3 and f" {key} " in padded:  # whole words: "senator" is not NATO
            return side
    return None


def _token_country(token: Token) -> str | None:
    """The country a word names, unless it is part of another place's name with a neighbour
    ("New Mexico", "North American")."""
    if token.pos_ not in ("PROPN", "ADJ"):
        return None
    doc = token.doc
    pairs = (doc[max(token.i - 1, 0) : token.i + 1].text, doc[token.i : token.i + 2].text)
    return None if any(other_place(pair) for pair in pairs) else canonical_country(token.text)


def side_from_words(tokens: Iterable[Token], entities: Iterable[Span]) -> str | None:
    """A country named by the entities or words of a mention ("North Korea's KCNA")."""
    for ent in entities:
        if ent.label_ in _COUNTRY_LABELS:
            country = canonical_country(ent.text.removesuffix("'s").removesuffix("\u2019s"))
            if country:
                return country
    for token in tokens:
        country = _token_country(token)
        if country:
            return country
    return None


def mention_side(words: Span, ents_in: Callable[[Span], list[Span]] = lambda s: [],
                 orgs: OrgSides | None = None) -> str | None:
    """The side one mention's own words give: a country it names, the gazetteer, an organisation."""
    orgs = orgs or {}
    return side_from_words(words, ents_in(words)) or gazetteer_side(words.text) or org_side(words.text, orgs)


def affiliation(
    mention: Span | None,
    name: str,
    context: Iterable[Span] = (),
    ents_in: Callable[[Span], list[Span]] = lambda s: [],
    orgs: OrgSides | None = None,
) -> str | None:
    """Side of a speaker: the mention's words, then earlier mentions (`context`), then the gazetteer.

    `ents_in(span)` gives the named entities inside a span; `orgs` is the article's `org_sides`.
    """
    orgs = orgs or {}
    for words in ([mention] if mention is not None else []) + list(context):
        side = mention_side(words, ents_in, orgs)
        if side:
            return side
    return canonical_country(name) or gazetteer_side(name) or org_side(name, orgs)
