"""Named entities of an article: one event per entity, with every mention of it.

Pure: takes a parsed spaCy `Doc` (tok2vec + ner is enough; no parser needed) and
returns events. What is merged into one entity:

- country aliases under GPE/LOC/ORG/FAC: "US", "U.S.", "the United States" and
  "Washington" are one entity named "United States" (`services.common.countries`);
  its label is the one most of its mentions carry (the first mention's on a tie);
- a person's partial name joins the person: "Pompeo" after "Mike Pompeo", "Kim"
  after "Kim Jong Un"; the most recent matching full name wins, and a partial name
  before any full name (a headline) joins the one full name that matches it later;
  a partial name spaCy mislabels (an ORG "Pompeo" after the PERSON "Mike Pompeo")
  joins the person too, and every mention of a person's entity is labelled PERSON;
- otherwise mentions with the same label and the same text (whitespace tidied).

Mentions lose a leading "the" and a trailing possessive ("Pompeo's" -> "Pompeo").
Only named labels are kept (`names.NAMED_LABELS`); dates, times, money, percentages,
quantities and cardinal or ordinal numbers are dropped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc

from schemas.common import Span
from schemas.events import EntityEvent
from services.entities.names import NAMED_LABELS, Mention, country_of, tidy, trim

# (kind, name): kind is a spaCy label, or "country" for merged country aliases.
_Key = tuple[str, str]


def extract_entities(doc: Doc, *, article_id: str) -> list[EntityEvent]:
    """One `EntityEvent` per entity of `doc`, sorted by first mention."""
    mentions = [m for ent in doc.ents if ent.label_ in NAMED_LABELS if (m := trim(ent)) is not None]
    keys = _entity_keys(mentions)
    groups: dict[_Key, list[Mention]] = {}
    for mention, key in zip(mentions, keys, strict=True):
        groups.setdefault(key, []).append(mention)
    events = [_event(article_id, key, group) for key, group in groups.items()]
    return sorted(events, key=lambda e: (e.mentions[0].start, e.label, e.name))


def _entity_keys(mentions: Sequence[Mention]) -> list[_Key]:
    fuller = _fuller_names(mentions)
    first_person: dict[tuple[str, ...], int] = {}
    for m in mentions:
        if m.label == "PERSON":
            first_person.setdefault(_folded(m.words), m.start)
    persons = [i for i, m in enumerate(mentions) if m.label == "PERSON" or _names_a_person(m, fuller, first_person)]
    person_names = _person_names(mentions, persons, fuller)
    keys: list[_Key] = []
    for i, mention in enumerate(mentions):
        country = country_of(mention)
        if i in person_names:
            keys.append(("PERSON", person_names[i]))
        elif country is not None:
            keys.append(("country", country))
        else:
            keys.append((mention.label, tidy(mention.text)))
    return keys


def _folded(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w.casefold() for w in words)


def _fuller_names(mentions: Sequence[Mention]) -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    """For each strict head or tail of a mention's words (casefolded), the mentions' word tuples it
    is part of (`names.is_part_of`), found once per article instead of once per pair of mentions."""
    fuller: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for full in dict.fromkeys(_folded(m.words) for m in mentions):
        for size in range(1, len(full)):
            for part in dict.fromkeys((full[:size], full[-size:])):
                fuller.setdefault(part, []).append(full)
    return fuller


def _names_a_person(mention: Mention, fuller: dict[tuple[str, ...], list[tuple[str, ...]]],
                    first_person: dict[tuple[str, ...], int]) -> bool:
    """A non-PERSON mention that is part of an earlier person's name: spaCy's mislabel."""
    if mention.label == "PERSON" or country_of(mention) is not None:
        return False
    return any(first_person.get(full, mention.start) < mention.start for full in fuller.get(_folded(mention.words), ()))


def _person_names(mentions: Sequence[Mention], persons: Sequence[int],
                  fuller: dict[tuple[str, ...], list[tuple[str, ...]]]) -> dict[int, str]:
    """The resolved name of each PERSON mention, by mention index: the name of the latest earlier
    person it is part of, else the one fuller name it is part of later, else its own."""
    last_seen: dict[tuple[str, ...], int] = {}  # person key -> latest mention index so far
    texts_after: dict[tuple[str, ...], dict[str, int]] = {}  # person key -> its tidy texts -> last position
    for position, i in enumerate(persons):
        texts_after.setdefault(_folded(mentions[i].words), {})[tidy(mentions[i].text)] = position
    names: dict[int, str] = {}
    for position, i in enumerate(persons):
        key = _folded(mentions[i].words)
        containing = fuller.get(key, [])
        earlier = [last_seen[full] for full in containing if full in last_seen]
        later = {text for full in containing for text, last in texts_after.get(full, {}).items() if last > position}
        if earlier:
            names[i] = names[max(earlier)]
        elif len(later) == 1:
            names[i] = later.pop()
        else:
            names[i] = tidy(mentions[i].text)
        last_seen[key] = i
    return names


def _majority_label(group: Sequence[Mention]) -> str:
    """The label most mentions carry; on a tie, the earliest mention's."""
    votes = Counter(m.label for m in group)
    return max(votes, key=lambda label: (votes[label], -[m.label for m in group].index(label)))


def _event(article_id: str, key: _Key, group: Sequence[Mention]) -> EntityEvent:
    kind, name = key
    label = _majority_label(group) if kind == "country" else kind
    spans = sorted({(m.start, m.end, m.text) for m in group})
    return EntityEvent(
        event_id=EntityEvent.make_id(article_id, label, name),
        article_id=article_id,
        name=name,
        label=label,
        mentions=tuple(Span(start=s, end=e, text=t) for s, e, t in spans),
    )
