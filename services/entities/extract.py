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
from services.entities.names import NAMED_LABELS, Mention, country_of, is_part_of, tidy, trim

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
    persons = [i for i, m in enumerate(mentions) if m.label == "PERSON" or _names_a_person(m, mentions)]
    person_names = _person_names(mentions, persons)
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


def _names_a_person(mention: Mention, mentions: Sequence[Mention]) -> bool:
    """A non-PERSON mention that is part of an earlier person's name: spaCy's mislabel."""
    if mention.label == "PERSON" or country_of(mention) is not None:
        return False
    return any(m.label == "PERSON" and m.start < mention.start and is_part_of(mention.words, m.words) for m in mentions)


def _person_names(mentions: Sequence[Mention], persons: Sequence[int]) -> dict[int, str]:
    """The resolved name of each PERSON mention, by mention index."""
    names: dict[int, str] = {}
    for position, i in enumerate(persons):
        words = mentions[i].words
        earlier = [j for j in persons[:position] if is_part_of(words, mentions[j].words)]
        later = {tidy(mentions[j].text) for j in persons[position + 1 :] if is_part_of(words, mentions[j].words)}
        if earlier:
            names[i] = names[earlier[-1]]
        elif len(later) == 1:
            names[i] = later.pop()
        else:
            names[i] = tidy(mentions[i].text)
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
