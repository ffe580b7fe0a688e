"""Negation flips: one claim asserts a predicate that the other negates.

"The outbreak has been contained" against "the outbreak is not contained": a content
word (stemmed crudely: -ed, -ing, -s) that both claims use, negated in exactly one of
them. A word is negated when a negator ("not", "no", "never", "n't", "cannot", ...)
precedes it within `SCOPE` words of the same clause (commas, semicolons and "but",
"and" close a clause). Limits: English, lexical; double negation, negative verbs
("denied", "failed") and antonyms ("rising" / "falling") are not seen; the caller
must already know that the claims share a subject, since "taxes will not rise" and
"spending will rise" also flip.
"""

from __future__ import annotations

import re

NEGATORS = frozenset({"not", "no", "never", "n't", "cannot", "neither", "nor", "without", "nobody", "none"})
STOPWORDS = frozenset({
    "the", "a", "an", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does",
    "did", "will", "would", "can", "could", "should", "may", "might", "must", "shall", "this", "that", "these",
    "those", "it", "its", "they", "them", "their", "we", "our", "he", "she", "his", "her", "you", "i", "of",
    "to", "in", "on", "at", "for", "with", "by", "from", "as", "than", "very", "still", "yet", "any", "all",
    "there", "here", "also", "just", "more", "most", "every", "each", "some", "said", "says",
})
SCOPE = 4
_TOKEN = re.compile(r"[a-z]+(?=n't)|n't|[a-z]+|[,;:]", re.IGNORECASE)
_CLAUSE_BREAKS = frozenset({",", ";", ":", "but", "and", "while", "although", "though"})


def _stem(word: str) -> str:
    """Crude suffix stripping: 'contained' and 'contain', 'shipped' and 'ship' meet."""
    if word.endswith("es") and not word.endswith(("ses", "xes", "zes", "ches", "shes")):
        word = word[:-1]
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            return word[:-1] if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "ls" else word
    return word


def predicate_words(text: str) -> tuple[set[str], set[str]]:
    """(asserted, negated) stemmed content words of `text`; a word may be in both."""
    asserted: set[str] = set()
    negated: set[str] = set()
    since_negator: int | None = None
    for raw in _TOKEN.findall(text):
        word = raw.lower()
        if word in _CLAUSE_BREAKS:
            since_negator = None
        elif word in NEGATORS or word.endswith("n't"):
            since_negator = 0
        else:
            if since_negator is not None:
                since_negator += 1
                if since_negator > SCOPE:
                    since_negator = None
            if word not in STOPWORDS and len(word) > 2:
                (negated if since_negator is not None else asserted).add(_stem(word))
    return asserted, negated


def flipped_words(first: str, second: str) -> set[str]:
    """Stemmed content words asserted in one claim and negated (only) in the other."""
    pos_a, neg_a = predicate_words(first)
    pos_b, neg_b = predicate_words(second)
    return ((pos_a - neg_a) & (neg_b - pos_b)) | ((pos_b - neg_b) & (neg_a - pos_a))
