"""Reported speech from the dependency parse: "X said (that) ...", "according to X, ...".

Each finding is a `Found`: a content span (characters), the cue token and the
head of the source noun phrase (None when the parse names no source, as in
passives). Constructions covered:
- a cue verb with a clausal complement: "X said/told reporters/insisted (that) ...";
- a cue verb tacked on to the clause it reports: "..., X said." (parataxis);
- an object cue with a noun-phrase content: "X described the talks as ...", "X denied the report";
- "according to X, ..." (the rest of the clause is the content).
Limits: cues inside quotation marks are skipped (nested speech is not reported).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from services.quotes.cues import is_according_to, is_as_cue, is_cue_verb, is_object_cue
from services.quotes.layout import clip_to_paragraph, dateline_end, headline_end, in_dateline, paragraph_of, sentence_of

_EDGE_PUNCT = ",;:—\u2013-([)]. "
_OBJECT_DEPS = frozenset({"dobj", "oprd", "xcomp", "attr", "ccomp", "dative"})
_INHERIT_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "acl", "acomp", "prep"})
MAX_LINE_SUBJECT = 8


@dataclass(frozen=True)
class Found:
    content: tuple[int, int]
    cue: Token
    source: Token | None


def char_span(doc: Doc, text: str, start: int, end: int) -> tuple[int, int]:
    """Characters of tokens [start, end), trimmed of punctuation at either edge (quote marks kept)."""
    if end <= start:
        return (0, 0)
    first, last = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    while first < last and text[first] in _EDGE_PUNCT:
        first += 1
    while last > first and text[last - 1] in _EDGE_PUNCT:
        last -= 1
    return (first, last)


def _line_subject(cue: Token, text: str) -> Token | None:
    """The noun ending the words between a paragraph start and the cue (parse split wrongly)."""
    start = text.rfind("\n", 0, cue.idx) + 1
    words = [t for t in cue.doc[max(0, cue.i - MAX_LINE_SUBJECT) : cue.i] if t.idx >= start and not t.is_space]
    if words and len(words) < MAX_LINE_SUBJECT and words[-1].pos_ in ("NOUN", "PROPN", "PRON"):
        return words[-1]
    return None


def source_of(cue: Token, text: str) -> Token | None:
    """Head of the noun phrase naming who spoke, in the cue's paragraph (None if not found)."""
    source, verb = _subject_of(cue)
    if source is not None and "\n" in text[min(source.idx, verb.idx) : max(source.idx, verb.idx)]:
        return _line_subject(verb, text)
    return source


def _subject_of(cue: Token) -> tuple[Token | None, Token]:
    """Head of the noun phrase naming who spoke (the cue's subject, or its governor's), and its verb.

    A participle borrows its governor's subject ("X responded by saying ...",
    "..., arguing that ..."; a passive governor's too: "After saying ..., she was
    taken ..."), reaching past a clause that is itself reported ("X said he
    believed ..., arguing ..." is X's); "a statement announcing ..." is the statement's.
    """
    verb = cue
    for _ in range(4):
        deps = ("nsubj", "agent") if verb is cue else ("nsubj", "agent", "nsubjpass")
        subjects = [c for c in verb.children if c.dep_ in deps and not in_dateline(c)]
        subject = min(subjects, key=lambda c: abs(c.i - verb.i)) if subjects else None
        if subject is not None and subject.dep_ == "agent":
            subject = next((c for c in subject.children if c.dep_ == "pobj"), None)
        if subject is not None:
            outer = verb.head if verb is not cue and verb.dep_ == "ccomp" and is_cue_verb(verb.head) else None
            outer_subject = next((c for c in outer.children if c.dep_ == "nsubj"), None) if outer else None
            return (outer_subject, outer) if outer_subject is not None and outer else (subject, verb)
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return verb.head, verb
        if verb.dep_ not in _INHERIT_DEPS or verb.head is verb:
            break
        verb = verb.head
    return None, cue


def according_to_source(token: Token) -> Token | None:
    to = token.nbor()
    return next((c for c in to.children if c.dep_ == "pobj"), None)


def _subtree_bounds(token: Token) -> tuple[int, int]:
    return token.left_edge.i, token.right_edge.i + 1


def _trailing_cue(token: Token, clause: Token) -> bool:
    """A participial cue tacked on after a comma ("..., arguing that ..."): a statement of its own."""
    return (
        token.i > clause.i and token.dep_ == "advcl" and token.tag_ == "VBG" and is_cue_verb(token)
        and token.left_edge.i > 0 and token.doc[token.left_edge.i - 1].text == ","
    )


def _content_of(cue: Token, text: str) -> tuple[int, int] | None:
    """Token bounds of what the cue reports, or None."""
    para = paragraph_of(text, cue.idx)
    # When the cue's line opens with a dateline, a clause from an earlier line of its paragraph is
    # not content: the parser may run a headline set off by a single line break into the sentence
    # ("Leaders split over summit\nOTTAWA (Wire) - X called the summit ...") and hang it on the
    # cue as a clause. (A clause reaching back into an earlier paragraph is clipped to the cue's.)
    line_start = text.rfind("\n", 0, cue.idx) + 1
    dated = dateline_end(text, cue.idx) > line_start
    clause = next((c for c in cue.children if c.dep_ == "ccomp" and para[0] <= c.idx < para[1]
                   and not (dated and para[0] <= c.left_edge.idx < line_start)), None)
    if clause is not None:
        start, end = _subtree_bounds(clause)
        return start, min([end] + [t.left_edge.i for t in clause.subtree if _trailing_cue(t, clause)])
    if cue.dep_ == "parataxis":
        head_start, head_end = _subtree_bounds(cue.head)
        cue_start, cue_end = _subtree_bounds(cue)
        return (head_start, cue_start) if cue_end >= head_end else (head_start, head_end)
    parts = [c for c in cue.rights if c.dep_ in _OBJECT_DEPS or (c.dep_ == "prep" and c.lower_ == "as")]
    has_predicate = any(
        c.dep_ in ("oprd", "xcomp", "ccomp", "prep") or any(g.lower_ == "as" for g in c.children) for c in parts
    )
    if parts and (is_object_cue(cue) or (is_as_cue(cue) and has_predicate)):
        return parts[0].left_edge.i, parts[-1].right_edge.i + 1
    return None


def _according_content(token: Token) -> tuple[int, int] | None:
    """The clause an "according to X" phrase modifies, without the phrase itself."""
    start, end = sentence_of(token)
    phrase_start, phrase_end = _subtree_bounds(token)
    if phrase_start - start > end - phrase_end:
        return start, phrase_start
    return phrase_end, end


def find_reported(doc: Doc, text: str, quoted: set[int]) -> list[Found]:
    """Every parse-based attribution whose cue lies outside quotation marks (`quoted` token ids).

    Not in a headline, and the content stays in its cue's paragraph (services.quotes.layout).
    """
    found = []
    headline = headline_end(text)
    for token in doc:
        if token.i in quoted or token.idx < headline:
            continue
        if is_cue_verb(token):
            bounds = _content_of(token, text)
            source = source_of(token, text)
        elif is_according_to(token):
            bounds = _according_content(token)
            source = according_to_source(token)
        else:
            continue
        if bounds is not None and bounds[1] - bounds[0] >= 2:
            start, end = char_span(doc, text, *bounds)
            dateline = dateline_end(text, token.idx)
            if dateline > text.rfind("\n", 0, token.idx) + 1:
                start = max(start, dateline)
            content = clip_to_paragraph(text, (start, end), token.idx)
            if content is not None:
                found.append(Found(content, token, source))
    return found
