"""The parse shipped between workers is DocBin's format, written and read without DocBin."""

from __future__ import annotations

import base64

import pytest
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from services.common.docs import PARSE_ATTRS, blank_vocab, decode_doc, encode_doc
from services.common.nlp import load_nlp

TEXT = ('Secretary of State Mike Pompeo said on Saturday the talks in Pyongyang were "productive". '
        "North Korea's KCNA called them regrettable.\n\nThe State Department declined to comment.")

TokenAnnotation = tuple[str, str, str, str, str, str, int, bool | None, str, str]
Annotations = tuple[list[TokenAnnotation], list[str], list[tuple[int, int, str]]]


def shipped(doc: Doc) -> Annotations:
    tokens = [(t.text, t.whitespace_, t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i, t.is_sent_start,
               t.ent_iob_, t.ent_type_) for t in doc]
    return tokens, [chunk.text for chunk in doc.noun_chunks], [(e.start, e.end, e.label_) for e in doc.ents]


def docbin_encode(doc: Doc) -> str:
    docs = DocBin(attrs=list(PARSE_ATTRS), store_user_data=False)
    docs.add(doc)
    return base64.b64encode(docs.to_bytes()).decode("ascii")


def docbin_decode(data: str) -> Doc:
    [doc] = DocBin().from_bytes(base64.b64decode(data)).get_docs(blank_vocab())
    return doc


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="module")
def parsed(nlp: Language) -> Doc:
    return nlp(TEXT)


def test_round_trip_keeps_every_shipped_annotation(parsed: Doc) -> None:
    decoded = decode_doc(encode_doc(parsed), blank_vocab())
    assert shipped(decoded) == shipped(parsed)
    assert decoded.text == TEXT


def test_docbin_reads_what_we_write(parsed: Doc) -> None:
    assert shipped(docbin_decode(encode_doc(parsed))) == shipped(parsed)


def test_we_read_what_docbin_writes(parsed: Doc) -> None:
    """Bundles written by an earlier release, still on the topic after an upgrade."""
    assert shipped(decode_doc(docbin_encode(parsed), blank_vocab())) == shipped(parsed)


def test_unknown_spaces_stay_unknown() -> None:
    doc = Doc(blank_vocab(), words=["No", "spaces", "given"])
    decoded = decode_doc(encode_doc(doc), blank_vocab())
    assert decoded.has_unknown_spaces and [t.text for t in decoded] == ["No", "spaces", "given"]


def test_an_empty_text_round_trips(nlp: Language) -> None:
    assert len(decode_doc(encode_doc(nlp("")), blank_vocab())) == 0
