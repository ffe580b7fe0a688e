"""The main noun a claim is about: the fallback subject when no curated topic is named.

It reads the quote worker's parse of the article (shipped with each article's quotes as
DocBin bytes), so the contradiction worker never parses. Rule, on the claim's span:
1. the span's root, the word whose head lies outside the claim ("that the outbreak has
   been contained" -> contained);
2. take the grammatical subject (nsubj / nsubjpass) of that root when it is a common noun
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

import bisect
import functools

from spacy.tokens import Doc, Span, Token

GENERIC: frozenset[str] = frozenset({
    "thing", "things", "people", "person", "one", "time", "way", "year", "day", "week", "month",
    "lot", "part", "number", "kind", "fact", "point", "anyone", "everyone", "someone", "nothing",
    "statement", "comment", "remark", "question", "issue", "matter", "situation", "reporter",
    "official", "spokesman", "spokeswoman", "spokesperson", "source", "report", "story", "news",
    "everything", "something", "anything", "percent", "%", "today", "yesterday", "what",
})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


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


@functools.lru_cache(maxsize=1)  # a Doc hashes by identity: this remembers the latest doc only
def _doc_chunks(doc: Doc) -> tuple[list[tuple[int, int, Token]], list[int]]:
    """(start, end, root) of the doc's noun chunks, computed once per doc: `Span.noun_chunks`
    runs the chunker over the whole doc on every call, and an article has several claims."""
    chunks = [(chunk.start, chunk.end, chunk.root) for chunk in doc.noun_chunks]
    return chunks, [start for start, _, _ in chunks]


def _noun_of(span: Span) -> str | None:
    candidates = [child for child in span.root.children
                  if child.dep_ in _SUBJECTS and span.start <= child.i < span.end]
    # = [chunk.root for chunk in span.noun_chunks], without re-chunking the whole doc
    chunks, starts = _doc_chunks(span.doc)
    first, last = bisect.bisect_left(starts, span.start), bisect.bisect_left(starts, span.end)
    candidates += [root for start, end, root in chunks[first:last] if end <= span.end]
    for token in candidates:
        head = _rightmost(token)
        if _usable(head) and head.i < span.end:
            return head.lemma_.lower()
    return None


def head_noun(doc: Doc | None, start: int, end: int) -> str | None:
    """The lemma of the common noun the text at [start, end) is about (see the module rule).

    None without a parse (`doc` is None), or when the claim has no usable noun.
    """
    if doc is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not span.text.strip():
        return None
    return _noun_of(span)
