"""Show one PolNeAR train article with its gold attributions (first .ann file in sorted order).

    .venv/bin/python bench/labels/show_article.py ARTICLE_STEM

The text, then one line per attribution, `E id | Source | Cue | Content`, in text order:
what a labeller reads before labelling the article's contradictions (see GUIDE.md).
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "polnear" / "train"
Spans = dict[str, tuple[int, int]]


def _span(field: str) -> tuple[int, int]:
    parts = [tuple(map(int, p.split())) for p in field.split(";")]
    return min(p[0] for p in parts), max(p[1] for p in parts)


def attributions(stem: str) -> tuple[str, list[tuple[str, Spans]]]:
    """The .ann file's name and each relation's role spans (relations without content dropped)."""
    ann = sorted(ROOT.glob(f"attributions/{stem}_*.ann"))[0]
    spans_by_id: dict[str, tuple[str, tuple[int, int]]] = {}
    relations: list[tuple[str, dict[str, str]]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if cols[0].startswith("T"):
            role, _, rest = cols[1].partition(" ")
            spans_by_id[cols[0]] = (role, _span(rest))
        elif cols[0].startswith("E"):
            relations.append((cols[0], dict(part.split(":") for part in cols[1].split())))
    out = []
    for eid, roles in relations:
        got = {r: spans_by_id[t][1] for r, t in roles.items() if t in spans_by_id and r != "Attribution"}
        if "Content" in got:
            out.append((eid, got))
    return ann.name, out


def _show(text: str, got: Spans, role: str) -> str:
    if role not in got:
        return "-"
    start, end = got[role]
    return text[start:end].replace("\n", " ")


def main() -> None:
    stem = sys.argv[1]
    text = (ROOT / "text" / f"{stem}.txt").read_text(encoding="utf-8")
    ann, relations = attributions(stem)
    print(f"ARTICLE {stem}  (ann {ann})\n")
    print(text)
    print("\nATTRIBUTIONS (E id | Source | Cue | Content):")
    for eid, got in sorted(relations, key=lambda r: r[1]["Content"][0]):
        print(f"{eid} | {_show(text, got, 'Source')} | {_show(text, got, 'Cue')} | {_show(text, got, 'Content')}")


if __name__ == "__main__":
    main()
