"""Entity quality on CoNLL-2003 dev, scored exactly as ../shared/EVAL.md defines.

One document per -DOCSTART-; its text is each sentence's tokens joined by single
spaces, sentences joined by "\\n"; gold spans come from the IOB2 tags. Predictions
are mapped to CoNLL labels (PERSON -> PER, ORG -> ORG, GPE/LOC/FAC -> LOC,
NORP/EVENT/PRODUCT/WORK_OF_ART/LAW/LANGUAGE -> MISC, others dropped) and scored
entity by entity on exact (start, end, label).

Ours = `extract_entities` on the worker's NER-only pipeline; the reference = plain
en_core_web_sm (every component) with its `doc.ents` mapped the same way.

    .venv/bin/python -m bench.quality_entities [--data ../shared/data/conll2003/dev.txt]

Prints figures; asserts nothing (tests/quality/test_entities_conll.py does).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language

from services.common.docs import blank_vocab, decode_doc, encode_doc
from services.common.nlp import MODEL_PACKAGE, load_nlp
from services.entities.extract import extract_entities

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "conll2003" / "dev.txt"

TO_CONLL = {
    "PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
    "NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC",
}  # fmt: skip

Entity = tuple[int, int, str]  # (start, end, CoNLL label)


@dataclass(frozen=True)
class Document:
    text: str
    gold: frozenset[Entity]


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    predicted: int
    gold: int
    correct: int


def read_conll(path: Path) -> list[Document]:
    """The documents of a CoNLL-2003 file (IOB2 tags in the last column)."""
    documents: list[list[list[tuple[str, str]]]] = []
    sentence: list[tuple[str, str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        fields = line.split()
        if fields and fields[0] == "-DOCSTART-":
            documents.append([])
        elif fields:
            sentence.append((fields[0], fields[-1]))
        elif sentence:
            documents[-1].append(sentence)
            sentence = []
    return [_document(sentences) for sentences in documents if sentences]


def _document(sentences: Sequence[Sequence[tuple[str, str]]]) -> Document:
    texts: list[str] = []
    gold: set[Entity] = set()
    offset = 0
    open_entity: tuple[int, int, str] | None = None
    for sentence in sentences:
        cursor = offset
        for token, tag in sentence:
            prefix, _, label = tag.partition("-")
            if open_entity and (prefix != "I" or label != open_entity[2]):
                gold.add(open_entity)
                open_entity = None
            end = cursor + len(token)
            if prefix in ("B", "I"):
                open_entity = (open_entity[0], end, label) if open_entity else (cursor, end, label)
            cursor = end + 1
        if open_entity:
            gold.add(open_entity)
            open_entity = None
        texts.append(" ".join(token for token, _ in sentence))
        offset += len(texts[-1]) + 1
    return Document(text="\n".join(texts), gold=frozenset(gold))


def reference_predictions(nlp: Language, texts: Iterable[str]) -> Iterator[set[Entity]]:
    """Plain spaCy: every `doc.ents` span, mapped."""
    for doc in nlp.pipe(texts):
        yield {(e.start_char, e.end_char, TO_CONLL[e.label_]) for e in doc.ents if e.label_ in TO_CONLL}


def our_predictions(nlp: Language, texts: Iterable[str]) -> Iterator[set[Entity]]:
    """`extract_entities` on the parse as the entity worker gets it (shipped by the quote worker)."""
    vocab = blank_vocab()
    for i, doc in enumerate(nlp.pipe(texts)):
        events = extract_entities(decode_doc(encode_doc(doc), vocab), article_id=f"conll-{i}")
        yield {(m.start, m.end, TO_CONLL[e.label]) for e in events if e.label in TO_CONLL for m in e.mentions}


def score(gold: Iterable[frozenset[Entity]], predicted: Iterable[set[Entity]]) -> Score:
    n_gold = n_pred = n_correct = 0
    for g, p in zip(gold, predicted, strict=True):
        n_gold, n_pred, n_correct = (
            n_gold + len(g),
            n_pred + len(p),
            n_correct + len(g & p),
        )
    precision = n_correct / n_pred if n_pred else 0.0
    recall = n_correct / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1, n_pred, n_gold, n_correct)


def evaluate(path: Path) -> dict[str, Score]:
    """Ours and the reference on the CoNLL file at `path`."""
    documents = read_conll(path)
    texts = [d.text for d in documents]
    gold = [d.gold for d in documents]
    ours = score(gold, our_predictions(load_nlp(), texts))
    reference = score(gold, reference_predictions(spacy.load(MODEL_PACKAGE), texts))
    return {"ours": ours, "reference": reference}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"CoNLL data not found at {args.data}", file=sys.stderr)
        return 2
    print(f"CoNLL-2003 {args.data.name}, entity-level exact match")
    print(f"{'system':<34} {'P':>6} {'R':>6} {'F1':>6} {'pred':>6} {'gold':>6} {'correct':>7}")
    names = {
        "ours": "ours (extract_entities, worker path)",
        "reference": "reference (plain en_core_web_sm)",
    }
    for key, s in evaluate(args.data).items():
        row = f"{s.precision:6.4f} {s.recall:6.4f} {s.f1:6.4f} {s.predicted:6d} {s.gold:6d} {s.correct:7d}"
        print(f"{names[key]:<34} {row}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
