"""PolNeAR quote scoring, exactly as ../shared/EVAL.md defines it.

Gold is the first `.ann` file of each article in sorted order; every `E`
relation with a Content span is one attribution (a discontinuous span runs from
its first start to its last end). A prediction matches a gold attribution when
the character Jaccard of the two content spans is at least 0.5, one-to-one,
best Jaccard first. Importable by bench scripts and quality tests alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

QUOTE_MARKS = "\"“”„‟«»'\u2018\u2019"


@dataclass(frozen=True)
class GoldAttribution:
    content: tuple[int, int]
    source: tuple[int, int] | None
    direct: bool
    cue: tuple[int, int] | None = None


@dataclass(frozen=True)
class Prediction:
    content: tuple[int, int]
    speaker_mention: tuple[int, int] | None


@dataclass
class Tally:
    """Counts for precision/recall/F1 and speaker accuracy."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0
    speaker_total: int = 0
    speaker_correct: int = 0
    misses: list[tuple[str, tuple[int, int]]] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.predicted += other.predicted
        self.gold += other.gold
        self.matched += other.matched
        self.speaker_total += other.speaker_total
        self.speaker_correct += other.speaker_correct

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_correct / self.speaker_total if self.speaker_total else 0.0


def articles(split_dir: Path) -> Iterator[tuple[str, str, Path | None]]:
    """(article stem, text, first .ann path or None) for every article of a split."""
    anns = sorted((split_dir / "attributions").glob("*.ann"))
    for text_path in sorted((split_dir / "text").glob("*.txt")):
        stem = text_path.stem
        first = next((a for a in anns if a.name.startswith(stem + "_")), None)
        yield stem, text_path.read_text(encoding="utf-8"), first


def _span(field_text: str) -> tuple[int, int]:
    parts = [tuple(int(x) for x in piece.split()) for piece in field_text.split(";")]
    return parts[0][0], parts[-1][1]


def is_direct(text: str, start: int, end: int) -> bool:
    """Gold content begins or ends with a quotation mark within two characters."""
    head = text[max(0, start - 2) : start + 2]
    tail = text[max(start, end - 2) : end + 2]
    return any(c in QUOTE_MARKS for c in head + tail)


def read_gold(ann_path: Path, text: str) -> list[GoldAttribution]:
    spans: dict[str, tuple[int, int]] = {}
    relations: list[dict[str, str]] = []
    for line in ann_path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            _role, _, offsets = cols[1].partition(" ")
            spans[cols[0]] = _span(offsets)
        elif line.startswith("E") and len(cols) >= 2:
            relations.append(dict(arg.split(":", 1) for arg in cols[1].split() if ":" in arg))
    gold = []
    for rel in relations:
        if "Content" not in rel or rel["Content"] not in spans:
            continue
        start, end = spans[rel["Content"]]
        source = spans.get(rel.get("Source", ""))
        gold.append(GoldAttribution((start, end), source, is_direct(text, start, end), spans.get(rel.get("Cue", ""))))
    return gold


def jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = (a[1] - a[0]) + (b[1] - b[0]) - inter
    return inter / union if union > 0 else 0.0


def match(preds: list[Prediction], gold: list[GoldAttribution]) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs with Jaccard >= 0.5, best first."""
    candidates = sorted(
        ((jaccard(p.content, g.content), i, j) for i, p in enumerate(preds) for j, g in enumerate(gold)),
        reverse=True,
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for score, i, j in candidates:
        if score < 0.5:
            break
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((i, j))
    return pairs


def _overlaps(a: tuple[int, int] | None, b: tuple[int, int]) -> bool:
    return a is not None and min(a[1], b[1]) - max(a[0], b[0]) >= 1


def score_article(preds: list[Prediction], gold: list[GoldAttribution], text: str) -> tuple[Tally, Tally]:
    """(all attributions, direct subset) tallies for one article."""
    everything, direct = Tally(), Tally()
    direct_gold_idx = [j for j, g in enumerate(gold) if g.direct]
    direct_preds_idx = [i for i, p in enumerate(preds) if is_direct(text, *p.content)]
    for tally, pred_idx, gold_idx in (
        (everything, list(range(len(preds))), list(range(len(gold)))),
        (direct, direct_preds_idx, direct_gold_idx),
    ):
        sub_p = [preds[i] for i in pred_idx]
        sub_g = [gold[j] for j in gold_idx]
        pairs = match(sub_p, sub_g)
        tally.predicted, tally.gold, tally.matched = len(sub_p), len(sub_g), len(pairs)
        for i, j in pairs:
            source = sub_g[j].source
            if source is not None:
                tally.speaker_total += 1
                tally.speaker_correct += _overlaps(sub_p[i].speaker_mention, source)
        matched_gold = {j for _, j in pairs}
        tally.misses = [("miss", sub_g[j].content) for j in range(len(sub_g)) if j not in matched_gold]
    return everything, direct


def totals(results: Iterable[tuple[Tally, Tally]]) -> tuple[Tally, Tally]:
    everything, direct = Tally(), Tally()
    for a, d in results:
        everything.add(a)
        direct.add(d)
    return everything, direct
