"""spaCy parses between workers: DocBin bytes (msgpack, no pickle) in base64 for JSON.

The quote worker ships its parse with each article's quotes, so the contradiction
worker reads lemmas, tags and dependencies without loading a model or parsing again.

Written and read here in DocBin's own format (`DocBin().from_bytes` reads what
`encode_doc` writes, and `decode_doc` reads what `DocBin.to_bytes` writes) but not
through `DocBin`: it collects its strings token by token in Python, and srsly looks
up its msgpack extension hooks among the installed packages' entry points on every
call. That was ~1.3 CPU ms per FNC-1 article to encode and as much to decode, in each
of two workers. The message holds only bytes, strings, numbers, lists and dicts, which
need no extension hooks.
"""

from __future__ import annotations

import base64
import zlib
from typing import Any, cast

import numpy
import spacy
from spacy.attrs import DEP, ENT_TYPE, LEMMA, ORTH, SPACY, TAG, intify_attr
from spacy.tokens import Doc
from spacy.vocab import Vocab
from srsly.msgpack import _Packer, _unpackb  # the plain codec, without srsly's entry-point lookup
from thinc.types import Ints2d

PARSE_ATTRS = ("ORTH", "LEMMA", "POS", "TAG", "DEP", "HEAD", "SENT_START", "SPACY", "ENT_IOB", "ENT_TYPE")
DOCBIN_VERSION = "0.1"
# As DocBin orders them: ORTH first, then the rest by id; spaces go apart.
_ATTRS = (ORTH, *sorted(a for a in (intify_attr(name) for name in PARSE_ATTRS) if a not in (ORTH, SPACY)))
_STRING_VALUED = (ORTH, LEMMA, TAG, DEP, ENT_TYPE)  # the attributes whose values are string hashes


def encode_doc(doc: Doc) -> str:
    """The parse as base64 text; lemmas, tags, dependencies and entities survive, vectors do not."""
    hashes = numpy.unique(doc.to_array(list(_STRING_VALUED)))
    message = {
        "version": DOCBIN_VERSION,
        "attrs": list(_ATTRS),
        "tokens": doc.to_array(list(_ATTRS)).astype("uint64").tobytes("C"),
        "spaces": doc.to_array(SPACY).astype(bool).tobytes("C"),
        "lengths": numpy.asarray([len(doc)], dtype="int32").tobytes("C"),
        "strings": sorted({doc.vocab.strings[int(value)] for value in hashes if value}),
        "cats": [doc.cats],
        "flags": [{"has_unknown_spaces": doc.has_unknown_spaces}],
        "span_groups": [doc.spans.to_bytes()],
    }
    return base64.b64encode(zlib.compress(_Packer(use_bin_type=True).pack(message))).decode("ascii")


def decode_doc(data: str, vocab: Vocab) -> Doc:
    """The one Doc in DocBin bytes (base64); `vocab` may be a blank English one (`blank_vocab()`)."""
    message: dict[str, Any] = _unpackb(zlib.decompress(base64.b64decode(data)), raw=False, use_list=True)
    attrs: list[int | str] = message["attrs"]
    [length] = numpy.frombuffer(message["lengths"], dtype="int32")
    tokens = cast(Ints2d, numpy.frombuffer(message["tokens"], dtype="uint64").reshape((length, len(attrs))))
    for string in message["strings"]:
        vocab[string]  # adds the string and its lexeme, as DocBin does
    [flags] = message.get("flags") or [{}]
    spaces = None if flags.get("has_unknown_spaces") else numpy.frombuffer(message["spaces"], dtype=bool).tolist()
    doc = Doc(vocab, words=tokens[:, attrs.index(ORTH)].tolist(), spaces=spaces)
    doc.from_array(attrs, tokens)
    [doc.cats] = message["cats"]
    [groups] = message.get("span_groups") or [b""]
    if groups:
        doc.spans.from_bytes(groups)
    return doc


def blank_vocab() -> Vocab:
    """An English vocabulary without a model: enough to read parses and their noun chunks."""
    return spacy.blank("en").vocab
