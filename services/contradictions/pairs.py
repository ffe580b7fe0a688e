"""What two claims of one article share and how they differ: the pair model's features.

Every feature is read off the claims and the article's parse; none names a topic word.
- shared_entities: named entities (people by surname) both contents mention;
- overlap: Jaccard of the contents' content lemmas (nouns, verbs, adjectives, numbers);
- denial: a denial, refutation or rebuttal word in either claim or its cue ("denied",
  "false", "no evidence"; see `lexicons.denial`), and whether it is the later claim's;
- contention: the later claim's cue is a verb of dispute ("countered", "insisted");
- negation_flip: exactly one claim is negated; numbers_differ: both give numbers, not the same;
- opposed: how strongly the claims' VADER polarities have opposite signs;
- near, contrast: the claims are within two sentences; the later one's sentence opens
  with a contrast ("But", "However") or the words between them hold one;
- addressed: one claim names the other's speaker (an accusation and its answer);
- unsourced: a claim has no entity speaker; sides_differ: both sides known and different.
Limits: English; lexical (a paraphrase with no shared word is not seen as related).
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from services.contradictions import lexicons
from services.contradictions.claims import QuoteClaim
from services.contradictions.speakers import identity

FEATURES = ("shared_entities", "overlap", "denial", "denial_later", "contention", "negation_flip",
            "numbers_differ", "opposed", "near", "contrast", "addressed", "unsourced", "sides_differ",
            "direct_both", "short", "prominent", "evaluative_both", "denial_addressed", "near_overlap")
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})  # the parts of speech that carry content
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})
_CONTRAST = re.compile(r"^\W*(?:but|however|yet|still|though|instead|meanwhile|in response)\b|\bbut\b",
                       re.IGNORECASE)
_NUMBER = re.compile(r"\b\d[\d,.]*\b")


@functools.cache
def _denial_pattern() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(sorted(lexicons.denial(), key=len, reverse=True)) + r")\b", re.IGNORECASE)


def has_denial(text: str) -> bool:
    """True when `text` holds a word or phrase of denial or refutation (`lexicons.json`)."""
    return bool(_denial_pattern().search(text))


def has_negation(text: str) -> bool:
    """True when `text` holds a negator ("not", "never", "n't"; `lexicons.json`)."""
    return any(word in lexicons.negators() for word in re.findall(r"n't|\w+", text.lower()))


@dataclass(frozen=True)
class ClaimView:
    """What the pair features read of one claim, computed once per claim."""

    claim: QuoteClaim
    lemmas: frozenset[str]
    entities: frozenset[str]
    negated: bool
    numbers: frozenset[str]
    denial: bool
    cue: str
    sentence_index: int
    prominence: int  # how often the article names the speaker


def entity_counts(doc: Doc) -> Counter[str]:
    """How often `doc` names each entity (people by surname): speakers' prominence."""
    return Counter(entity_key(e.text, e.label_) for e in doc.ents if e.label_ in ENTITY_LABELS)


def entity_key(text: str, label: str) -> str:
    """An entity's comparable name: lowercased, possessive dropped, people by surname."""
    words = re.sub(r"['\u2019]s$", "", text).lower().split()
    return words[-1] if label == "PERSON" and words else " ".join(words)


def claim_view(claim: QuoteClaim, doc: Doc, sentence_index: int, named: Counter[str]) -> ClaimView:
    """The words, entities, negation, numbers and denial of one claim in `doc`."""
    span = doc.char_span(claim.claim.start, claim.claim.end, alignment_mode="expand")
    tokens = list(span) if span is not None else []
    lemmas = frozenset(t.lemma_.lower() for t in tokens
                       if t.pos_ in CONTENT_POS and not t.is_stop and len(t.text) > 2)
    entities = frozenset(entity_key(e.text, e.label_) for e in (span.ents if span is not None else ())
                         if e.label_ in ENTITY_LABELS)
    cue = claim.cue.lower() if claim.cue else ""
    text = claim.claim.text
    return ClaimView(
        claim=claim, lemmas=lemmas, entities=entities,
        negated=any(t.lower_ in lexicons.negators() or t.dep_ == "neg" for t in tokens),
        numbers=frozenset(_NUMBER.findall(text)),
        denial=has_denial(text) or has_denial(cue),
        cue=cue, sentence_index=sentence_index,
        prominence=sum(named[name] for name in _speaker_names(claim)))


def _speaker_names(claim: QuoteClaim) -> set[str]:
    """The last word of the speaker's name (a person's surname), the key `entity_key` gives it."""
    speaker = claim.claim.speaker
    return set(identity(speaker)[-1:]) if speaker is not None else set()


def pair_features(first: ClaimView, second: ClaimView, between: str) -> dict[str, float]:
    """Features of the pair (`first` earlier in the text); `between` is the text separating them."""
    union = first.lemmas | second.lemmas
    gap = abs(second.sentence_index - first.sentence_index)
    names_a, names_b = _speaker_names(first.claim), _speaker_names(second.claim)
    pa, pb = first.claim.judgement.polarity, second.claim.judgement.polarity
    sides = first.claim.side, second.claim.side
    values = {
        "shared_entities": min(3.0, len(first.entities & second.entities)),
        "overlap": len(first.lemmas & second.lemmas) / len(union) if union else 0.0,
        "denial": float(first.denial or second.denial),
        "denial_later": float(second.denial),
        "contention": float(second.cue.startswith(lexicons.contention_cues())),
        "negation_flip": float(first.negated != second.negated),
        "numbers_differ": float(bool(first.numbers and second.numbers and first.numbers != second.numbers)),
        "opposed": max(0.0, -pa * pb) ** 0.5,
        "near": float(gap <= 2),
        "contrast": float(bool(_CONTRAST.search(between[-300:]))),
        "addressed": float(bool(names_b & (first.lemmas | first.entities)
                                or names_a & (second.lemmas | second.entities))),
        "unsourced": float(first.claim.claim.speaker is None or second.claim.claim.speaker is None),
        "sides_differ": float(None not in sides and sides[0] != sides[1]),
        "direct_both": float(first.claim.direct and second.claim.direct),
        "short": math.log1p(min(len(first.claim.claim.text), len(second.claim.claim.text))) / 8,
        "prominent": math.log1p(min(first.prominence, second.prominence)),
        "evaluative_both": float(min(abs(pa), abs(pb)) >= 0.4),
    }
    values["denial_addressed"] = values["denial"] * values["addressed"]
    values["near_overlap"] = values["near"] * values["overlap"]
    return values
