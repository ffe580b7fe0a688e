"""spaCy parses between workers: DocBin bytes (msgpack, no pickle) in base64 for JSON.

The quote worker ships its parse with each article's quotes, so the contradiction
worker reads lemmas, tags and dependencies without loading a model or parsing again.
"""

from __future__ import annotations

import base64

import spacy
from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

PARSE_ATTRS = ("ORTH", "LEMMA", "POS", "TAG", "DEP", "HEAD", "SENT_START", "SPACY", "ENT_IOB", "ENT_TYPE")


def encode_doc(doc: Doc) -> str:
    """The parse as base64 text; lemmas, tags, dependencies and entities survive, vectors do not."""
    docs = DocBin(attrs=list(PARSE_ATTRS), store_user_data=False)
    docs.add(doc)
    return base64.b64encode(docs.to_bytes()).decode("ascii")


def decode_doc(data: str, vocab: Vocab) -> Doc:
    """The Doc that `encode_doc` wrote; `vocab` may be a blank English one (`blank_vocab()`)."""
    [doc] = DocBin().from_bytes(base64.b64decode(data)).get_docs(vocab)
    return doc


def blank_vocab() -> Vocab:
    """An English vocabulary without a model: enough to read parses and their noun chunks."""
    return spacy.blank("en").vocab
