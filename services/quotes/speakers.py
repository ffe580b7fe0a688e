"""Speaker mentions and who they resolve to.

A mention is the noun phrase naming the source of one attribution; resolution
turns it into a full name or an organisation:
- surnames and titled names to the full name seen in the article
  ("Pompeo", "Mr. Pompeo" -> "Mike Pompeo");
- he/she to the most recent person who was the subject of a clause, they/it to
  the most recent organisation or group (en_core_web_sm gives no gender for
  names, so he and she are not told apart);
- "the statement", "the report" to whoever the same noun was last attributed to,
  "the country"/"the government" to the last country that spoke, an outlet or
  office named inside the phrase ("the statement carried by ... KCNA") to it,
  "the ministry" to the one ministry the article ties to a country
  (services.quotes.sides.org_sides);
- other common-noun mentions to their words up to the head noun
  ("Doctors working in northern Zambia" -> "Doctors").
Limits: no cross-document or cataphoric resolution.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from services.common.countries import canonical_country, canonical_name
from services.quotes.layout import in_dateline
from services.quotes.sides import affiliation, definite_org, org_sides

TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "gen", "president", "secretary"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "we", "it"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
COUNTRY_NOUNS = frozenset({"country", "nation", "government", "regime", "administration"})
_STOP_DEPS = frozenset({"relcl", "punct", "cc", "conj", "appos", "advcl"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def mention_span(head: Token) -> Span:
    """The noun phrase headed by `head`, cut before a comma, relative clause or apposition."""
    doc = head.doc
    start = head.i
    for left in reversed(list(head.lefts)):
        if left.dep_ in _STOP_DEPS or (left.is_punct and left.text in ",;("):
            break
        start = left.left_edge.i
    end = head.i + 1
    for right in head.rights:
        if right.dep_ in _STOP_DEPS or right.is_punct or head.lower_ in RELATIVE_PRONOUNS or _when(right):
            break
        end = right.right_edge.i + 1
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    while start < head.i and doc[start].is_punct:
        start += 1
    return doc[start:end]


def _when(token: Token) -> bool:
    """A time phrase after a name ("the ministry on Saturday"): not part of the mention."""
    return token.dep_ in ("prep", "npadvmod") and any(t.ent_type_ in ("DATE", "TIME") for t in token.subtree)


def clean_person(ent_text: str) -> str:
    bare = ent_text.removesuffix("'s").removesuffix("\u2019s")
    words = [w for w in bare.split() if w.lower().strip(".") not in TITLES]
    return " ".join(words)


@dataclass
class _Resolved:
    name: str
    is_person: bool
    is_country: bool


class SpeakerResolver:
    """Resolves mentions of one document; built per doc, holds no global state."""

    def __init__(self, doc: Doc, quoted: Callable[[Token], bool] = lambda _: False) -> None:
        self.doc = doc
        self.ents = sorted(doc.ents, key=lambda e: e.start)  # doc.ents builds new spans on every access
        self._ent_starts = [e.start for e in self.ents]
        self._context_sides: dict[str, str | None] = {}
        self._ent_of = {i: ent for ent in self.ents for i in range(ent.start, ent.end)}
        self._earlier: dict[str, list[Span]] = {}
        self.last_side: str | None = None
        self.full_names: dict[str, str] = {}
        self.person_mentions: dict[str, list[Span]] = {}
        for ent in self.ents:
            if ent.label_ != "PERSON":
                continue
            name = clean_person(ent.text)
            if len(name.split()) >= 2:
                self.full_names.setdefault(name.split()[-1], name)
        self._subjects: list[tuple[int, _Resolved]] = []
        for token in doc:
            pronoun = token.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS
            if token.dep_ in _SUBJECT_DEPS and not pronoun and not quoted(token) and not in_dateline(token):
                resolved = self._named(token)
                if resolved is not None:
                    self._subjects.append((token.i, resolved))
        self._keys = [i for i, _ in self._subjects]
        self.orgs = org_sides(doc)
        self.by_noun: dict[str, tuple[str, int]] = {}

    def person_name(self, text: str) -> str:
        name = clean_person(text) or text
        return self.full_names.get(name.split()[-1], name) if len(name.split()) == 1 else name

    def _named(self, head: Token) -> _Resolved | None:
        if head.pos_ == "PROPN" and head.text in self.full_names:
            return _Resolved(self.full_names[head.text], True, False)
        ent = self._ent_of.get(head.i)
        if ent is None:
            return None
        if ent.label_ == "PERSON":
            return _Resolved(self.person_name(ent.text), True, False)
        if ent.label_ in ("ORG", "GPE", "NORP"):
            text = ent.text.removesuffix("'s").removesuffix("\u2019s").removeprefix("the ").split(")")[-1]
            return _Resolved(canonical_name(text), False, canonical_country(text) is not None)
        return None

    def _last_subject(self, before: int, *, person: bool | None = None, country: bool = False) -> str | None:
        for index in range(bisect.bisect_left(self._keys, before) - 1, -1, -1):
            resolved = self._subjects[index][1]
            if before - self._subjects[index][0] > 400:
                break
            if (person is None or resolved.is_person == person) and (not country or resolved.is_country):
                return resolved.name
        return None

    def resolve(self, mention: Span, head: Token) -> str:
        """The full name or organisation a mention stands for (its text when unresolved)."""
        if head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
            antecedent = head.head.head
            return self.resolve(mention_span(antecedent), antecedent)
        lower = head.lower_
        named = self._named(head) or next(
            (n for c in head.children if c.dep_ == "appos" and (n := self._named(c)) is not None), None
        )
        if named is not None:
            return named.name
        if lower in PERSON_PRONOUNS:
            return self._last_subject(head.i, person=True) or head.text
        if lower in GROUP_PRONOUNS:
            return self._last_subject(head.i, person=False) or head.text
        inner = [e for e in self.ents_in(mention) if e.label_ in ("PERSON", "ORG")]
        if inner:
            return self.person_name(inner[-1].text) if inner[-1].label_ == "PERSON" else inner[-1].text
        org = definite_org(mention, head, self.orgs)
        if org is not None:
            return org
        noun = head.lemma_.lower()
        if noun in self.by_noun and head.i - self.by_noun[noun][1] < 600:
            return self.by_noun[noun][0]
        if noun in COUNTRY_NOUNS and any(t.lower_ == "the" for t in mention):
            country = self.last_side or self._last_subject(head.i, country=True)
            if country:
                return country
        return " ".join(self.doc[mention.start : max(head.i + 1, mention.start + 1)].text.split())

    def ents_in(self, span: Span) -> list[Span]:
        """The entities inside `span` (without rebuilding doc.ents), found by bisection."""
        first = bisect.bisect_left(self._ent_starts, span.start)
        last = bisect.bisect_left(self._ent_starts, span.end, lo=first)
        return [e for e in self.ents[first:last] if e.end <= span.end]

    def context_side(self, name: str) -> str | None:
        """The side `name`'s other mentions in the article give, else the gazetteer's for the name;
        found once per name, since it does not depend on the quote."""
        if name not in self._context_sides:
            self._context_sides[name] = affiliation(None, name, self.earlier_mentions(name), self.ents_in, self.orgs)
        return self._context_sides[name]

    def remember(self, head: Token, name: str, side: str | None) -> None:
        """Remember who spoke last: a common-noun source ("the statement") and the side."""
        if not head.ent_type_ and head.pos_ == "NOUN":
            self.by_noun[head.lemma_.lower()] = (name, head.i)
        if side is not None and canonical_country(side):
            self.last_side = side

    def earlier_mentions(self, name: str) -> list[Span]:
        """Noun phrases around the PERSON entities that name `name` (for their side)."""
        if name not in self._earlier:
            last = name.split()[-1:] if name else []
            self._earlier[name] = [
                mention_span(ent.root)
                for ent in self.ents
                if ent.label_ == "PERSON" and clean_person(ent.text).split()[-1:] == last
            ]
        return self._earlier[name]
