"""The main noun a claim is about: the fallback subject when no curated topic is named.

Rule (deterministic, English, spaCy `en_core_web_sm` tagger + parser + lemmatizer):
1. strip a leading "that" and quotation marks, so reported speech parses as a clause;
2. take the grammatical subject (nsubj / nsubjpass) of the root when it is a common noun
   (or a noun the tagger mistook for a present-tense verb);
3. otherwise (a pronoun, a name, "there is ...", or a verbless fragment) the root of the first
   noun chunk headed by a common noun ("Iran denied it shipped any drones" -> drone);
   a noun followed by more nouns gives way to the last of them ("cholera outbreak" -> outbreak);
4. the answer is that noun's lower-cased lemma ("outbreaks" -> outbreak); nouns too generic to
   name a subject (`GENERIC`) are skipped.
Only the head lemma is kept, not its modifiers, so "the deadly cholera outbreak" and "the
outbreak" share a key: low cardinality is what lets two outlets meet. Limits: parser errors
on fragments; one noun per claim, even when a claim is about two things.
"""

from __future__ import annotations

import functools
import re

from spacy.language import Language
from spacy.tokens import Doc, Token

from services.common.nlp import load_nlp

PARSE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
GENERIC: frozenset[str] = frozenset({
    "thing", "things", "people", "person", "one", "time", "way", "year", "day", "week", "month",
    "lot", "part", "number", "kind", "fact", "point", "anyone", "everyone", "someone", "nothing",
    "statement", "comment", "remark", "question", "issue", "matter", "situation", "reporter",
    "official", "spokesman", "spokeswoman", "spokesperson", "source", "report", "story", "news",
    "everything", "something", "anything", "percent", "%", "today", "yesterday", "what",
})
_LEAD = re.compile(r"^[\s\"'\u201c\u201d\u2018\u2019(]*(?:that\s+)?[\"'\u201c\u201d\u2018\u2019]*", re.IGNORECASE)
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
MAX_CHARS = 600


@functools.cache
def parser() -> Language:
    """The English model without NER, loaded once per process on first use."""
    return load_nlp(PARSE)


def _usable(token: Token) -> bool:
    """A common noun; a subject the tagger took for a present-tense verb counts too, since a
    subject is nominal ("the cholera outbreak has ..." is tagged outbreak/VBP by the small model)."""
    lemma = token.lemma_.lower()
    nominal = token.pos_ == "NOUN" or (token.dep_ in _SUBJECTS and token.tag_ in ("VBP", "VB", "VBZ"))
    return nominal and lemma.isalpha() and len(lemma) > 2 and lemma not in GENERIC


def _rightmost(token: Token) -> Token:
    """The last noun of a run of nouns: English noun compounds are head-final ("cholera outbreak")."""
    doc = token.doc
    while token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "NOUN":
        token = doc[token.i + 1]
    return token


def _noun_of(doc: Doc) -> str | None:
    candidates = [child for sent in list(doc.sents)[:1] for child in sent.root.children
                  if child.dep_ in _SUBJECTS]
    candidates += [chunk.root for chunk in doc.noun_chunks]
    for token in candidates:
        head = _rightmost(token)
        if _usable(head):
            return head.lemma_.lower()
    return None


@functools.lru_cache(maxsize=4096)
def head_noun(text: str) -> str | None:
    """The lemma of the common noun `text` is about (see the module rule), or None."""
    cleaned = _LEAD.sub("", text[:MAX_CHARS]).strip()
    if not cleaned:
        return None
    return _noun_of(parser()(cleaned))
