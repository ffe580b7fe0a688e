"""Who a claim's speaker is: an entity or nobody, and when two names are one speaker.

A speaker is a person, organisation, country or group the article names. The quote
worker resolves pronouns and titles ("he", "Mr. Trump") to full names; here a name is
kept only when it still looks like one: never a weekday or month, a determiner or
pronoun left unresolved, a bare possessive ("woman's"), a quantity or a date. A claim
whose speaker is rejected keeps its text but no speaker: it takes part only as
unsourced evidence. Identity: "Donald Trump", "Trump" and "Mr. Trump" are one speaker
(same surname, one name contained in the other); so are "the Clinton campaign" and
"Clinton's campaign" (same words once possessives and articles are dropped).
"""

from __future__ import annotations

import re

from schemas.common import Speaker
from services.common.countries import canonical_country

_NOT_NAMES = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
    "tomorrow", "tonight", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "week", "month", "year", "day", "morning", "evening",
    "afternoon", "night", "time", "all", "this", "that", "these", "those", "every", "each", "some", "any",
    "many", "most", "few", "several", "both", "either", "neither", "none", "one", "it", "he", "she", "they",
    "we", "i", "you", "him", "her", "them", "us", "who", "which", "what", "there", "here", "everyone",
    "everybody", "someone", "somebody", "anyone", "nobody", "something", "nothing", "other", "others",
    "another", "such", "thing", "things", "lot", "part", "number", "percent", "two", "three", "four", "five",
    "six", "seven", "eight", "nine", "ten", "dozen", "hundred", "hundreds", "thousand", "thousands", "million",
    "millions", "weeks", "months", "years", "days", "hours", "minutes",
})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "all", "some", "every", "each", "his",
                          "her", "their", "its", "our", "my", "your", "mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms"})
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_NUMBER = re.compile(r"^[\d.,%$]+$")
_INITIAL = re.compile(r"^\w\.$")


def _words(name: str) -> list[str]:
    """Lowercased words of a name without articles, titles, possessives and middle initials."""
    return [_POSSESSIVE.sub("", w).lower() for w in name.split()
            if w.lower() not in _DETERMINERS and not _INITIAL.match(w)]


def entity_speaker(speaker: Speaker | None) -> Speaker | None:
    """`speaker` when its name can name an entity, else None (see the module docstring)."""
    if speaker is None:
        return None
    raw = speaker.name.split()
    words = _words(speaker.name)
    if not words or all(w in _NOT_NAMES or _NUMBER.match(w) for w in words):
        return None
    if len(raw) == 1 and _POSSESSIVE.search(raw[0]) and not raw[0][0].isupper():
        return None  # "woman's", "newspaper's": the owner of something said, not a speaker
    if raw[-1].endswith(("'s", "\u2019s")) and canonical_country(speaker.name) is None:
        return None  # a possessive phrase names what was said ("the newspaper's"), not who
    return speaker


def identity(speaker: Speaker) -> tuple[str, ...]:
    """Comparable words of a speaker's name: lowercased, articles, titles and possessives dropped."""
    country = canonical_country(speaker.name)
    return (country.lower(),) if country else tuple(_words(speaker.name))


def same_speaker(first: Speaker | None, second: Speaker | None) -> bool:
    """True when both name one entity: equal names, or one name's words end the other's
    ("Trump" in "Donald Trump"), or the same country under two aliases."""
    if first is None or second is None:
        return False
    a, b = identity(first), identity(second)
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return long[len(long) - len(short):] == short or (len(short) == 1 and short[0] in long)
