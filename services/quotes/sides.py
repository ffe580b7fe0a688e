"""Which side a speaker speaks for: from the text first, then a small gazetteer.

The text wins: "US Secretary of State Mike Pompeo" is the United States because
the mention says so, and "South Korean media" is South Korea. Only when the
words name no country does the gazetteer of well-known outlets and institutions
decide (KCNA is North Korea's state news agency). Country names are canonical
(services.common.countries); organisations with no single country (NATO, the
United Nations) are their own side.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Span, Token

from services.common.countries import canonical_country

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


def gazetteer_side(name: str) -> str | None:
    """The side of a known outlet or institution named anywhere in `name`."""
    lowered = name.lower().removeprefix("the ")
    if lowered in GAZETTEER:
        return GAZETTEER[lowered]
    for key, side in GAZETTEER.items():
        if len(key) > 3 and key in lowered:
            return side
    return None


def _token_country(token: Token) -> str | None:
    return canonical_country(token.text) if token.pos_ in ("PROPN", "ADJ") else None


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


def affiliation(
    mention: Span | None, name: str, context: Iterable[Span] = (), ents_in: Callable[[Span], list[Span]] = lambda s: []
) -> str | None:
    """Side of a speaker: the mention's words, then earlier mentions (`context`), then the gazetteer.

    `ents_in(span)` gives the named entities inside a span.
    """
    for words in ([mention] if mention is not None else []) + list(context):
        side = side_from_words(words, ents_in(words)) or gazetteer_side(words.text)
        if side:
            return side
    return canonical_country(name) or gazetteer_side(name)
