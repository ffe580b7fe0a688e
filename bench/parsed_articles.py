"""Parse articles once for the contradiction scripts: spaCy docs and their quotes, cached on disk.

The cache (`.cache/parses/`, keyed by a hash of the text and the model) holds DocBin bytes
only; quotes are extracted again from the cached parse, so extractor changes take effect.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, DocBin

from schemas.articles import Article
from schemas.events import QuoteEvent
from services.common.docs import PARSE_ATTRS, blank_vocab
from services.common.nlp import FULL_PARSE, MODEL_PACKAGE, load_nlp
from services.quotes.extract import extract_quotes

CACHE = Path(__file__).resolve().parents[1] / ".cache" / "parses"


@dataclass(frozen=True)
class Parsed:
    article: Article
    doc: Doc
    quotes: list[QuoteEvent]


def _key(text: str) -> str:
    return hashlib.sha256(f"{MODEL_PACKAGE}\0{text}".encode()).hexdigest()[:24]


def parsed(articles: Sequence[Article], cache: Path = CACHE) -> Iterator[Parsed]:
    """Each article with its parse (from the cache when there) and its quotes, in order."""
    cache.mkdir(parents=True, exist_ok=True)
    vocab = blank_vocab()
    missing = [a for a in articles if not (cache / _key(a.text)).exists()]
    if missing:
        nlp = load_nlp(FULL_PARSE)
        for article, doc in zip(missing, nlp.pipe(a.text for a in missing), strict=True):
            docs = DocBin(attrs=list(PARSE_ATTRS), store_user_data=False)
            docs.add(doc)
            (cache / _key(article.text)).write_bytes(docs.to_bytes())
    for article in articles:
        [doc] = DocBin().from_bytes((cache / _key(article.text)).read_bytes()).get_docs(vocab)
        yield Parsed(article, doc, extract_quotes(doc, article_id=article.id))
