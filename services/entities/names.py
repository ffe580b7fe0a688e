"""Mentions of named entities: which spaCy labels count, how a mention is trimmed and named.

Pure helpers for `extract.py`: they read a spaCy `Span` and return plain values.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan

from services.common.countries import canonical_country

# Only named things are entities; numeric and temporal labels (DATE, TIME, PERCENT,
# MONEY, QUANTITY, ORDINAL, CARDINAL) are values, not entities, and are dropped.
NAMED_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)

# Labels under which a country alias ("US", "Washington", "the EU") names the country
# or bloc itself. NORP ("American") stays a group of people, named as written.
_COUNTRY_LABELS = frozenset({"GPE", "LOC", "ORG", "FAC"})

_LEADING_ARTICLES = frozenset({"the"})
_POSSESSIVES = frozenset({"'s", "'", "\u2019s", "\u2019"})


@dataclass(frozen=True)
class Mention:
    """One trimmed entity mention: character offsets into the doc, its text and spaCy label."""

    start: int
    end: int
    text: str
    label: str
    words: tuple[str, ...]


def trim(ent: SpacySpan) -> Mention | None:
    """The mention without a leading "the" or a trailing possessive; None when nothing is left.

    "the European Union" -> "European Union"; "Mike Pompeo's" -> "Mike Pompeo".
    A known limit: a name that really begins with "The" loses it ("The Hague" -> "Hague").
    """
    tokens = list(ent)
    while tokens and tokens[0].lower_ in _LEADING_ARTICLES:
        tokens.pop(0)
    while tokens and (tokens[-1].text in _POSSESSIVES or tokens[-1].is_space):
        tokens.pop()
    if not tokens:
        return None
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1].text)
    # = ent.doc.text[start:end] (the tokens are contiguous), without rebuilding the whole doc's text
    text = "".join(t.text_with_ws for t in tokens[:-1]) + tokens[-1].text
    words = tuple(t.text for t in tokens if not t.is_space)
    return Mention(start=start, end=end, text=text, label=ent.label_, words=words)


def tidy(text: str) -> str:
    """Collapse runs of whitespace (a name broken across lines) to one space."""
    return " ".join(text.split())


def country_of(mention: Mention) -> str | None:
    """The canonical country or bloc that this mention names, if it names one."""
    if mention.label not in _COUNTRY_LABELS:
        return None
    return canonical_country(mention.text)


def is_part_of(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Whether `short` is a strictly shorter head or tail of `full`, case-insensitively.

    "Pompeo" is part of "Mike Pompeo"; "Kim" is part of "Kim Jong Un" (family name first).
    """
    if not short or len(short) >= len(full):
        return False
    lowered = [w.casefold() for w in short]
    return lowered == [w.casefold() for w in full[: len(short)]] or lowered == [
        w.casefold() for w in full[-len(short) :]
    ]
