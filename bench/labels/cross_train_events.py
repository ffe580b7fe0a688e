"""Cross-article alerts on FNC-1 *train* bodies, for judging by reading (never test bodies).

    .venv/bin/python -m bench.labels.cross_train_events [--shared ../shared] [--out FILE] [--components FILE]

Runs every train body through one in-process `counterclaim analyze` run, as the FNC-1
measurement does for test bodies (`{"id": "fnctrain-<Body ID>", "source": "outlet-<Body ID>"}`,
in increasing Body ID), and writes one line per cross-article event: the two article ids,
each claim's offsets and the confidence; and the articles those alerts link, grouped into
connected components, for a reader to label each article's stance (`CROSS-GUIDE.md`). Offsets
only: the bodies stay in ../shared under FNC-1's terms. `show_bodies.py` prints a component.
The committed files record the alerts of the code of 2026-11-30 (morning), which the stance
labels refer to; run later code with `--out` and `--components` pointing elsewhere.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections.abc import Sequence
from pathlib import Path

from bench.news_scoring import connected
from bench.quality_news import SHARED, run_analyze

OUT = Path(__file__).with_name("fnc-train-cross-events.jsonl")
COMPONENTS = Path(__file__).with_name("fnc-train-components.jsonl")


def train_bodies(shared: Path) -> dict[str, str]:
    """FNC-1 train bodies by article id (`fnctrain-<Body ID>`), in increasing Body ID."""
    with (shared / "data" / "fnc-1" / "train_bodies.csv").open(encoding="utf-8") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda r: int(r["Body ID"]))
    return {f"fnctrain-{r['Body ID']}": r["articleBody"] for r in rows}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--components", type=Path, default=COMPONENTS)
    args = parser.parse_args(argv)
    articles = [{"id": article, "text": body, "source": f"outlet-{article.split('-')[1]}"}
                for article, body in train_bodies(args.shared).items()]
    events = [e for e in run_analyze(articles)
              if e.get("type") == "contradiction" and e["kind"] == "cross-article"]
    with args.out.open("w", encoding="utf-8") as out:
        for number, event in enumerate(events):
            claims = [[c["article_id"], c["start"], c["end"]] for c in event["claims"]]
            out.write(json.dumps({"event": number, "claims": claims, "confidence": event["confidence"],
                                  "subject": event["subject"]}) + "\n")
    groups = components([(e["claims"][0]["article_id"], e["claims"][1]["article_id"]) for e in events])
    args.components.write_text("".join(json.dumps({"component": n, "articles": ids}) + "\n"
                                  for n, ids in enumerate(groups)), encoding="utf-8")
    print(f"{len(events)} cross-article events -> {args.out}; {len(groups)} components -> {args.components}")


def components(pairs: Sequence[tuple[str, str]]) -> list[list[str]]:
    """The articles linked by alerts, grouped into connected components (each sorted by Body ID),
    largest first: a reader labels each component's articles together."""
    grouped: dict[str, list[str]] = {}
    for node, root in connected(pairs).items():
        grouped.setdefault(root, []).append(node)
    ordered = [sorted(ids, key=lambda i: int(i.rsplit("-", 1)[1])) for ids in grouped.values()]
    return sorted(ordered, key=lambda ids: (-len(ids), int(ids[0].rsplit("-", 1)[1])))


if __name__ == "__main__":
    main()
