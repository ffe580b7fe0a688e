"""Print FNC-1 train bodies for a reader: one component of a components file, or ids.

    .venv/bin/python bench/labels/show_bodies.py --component N [--components FILE]
    .venv/bin/python bench/labels/show_bodies.py fnctrain-12 fnctrain-40

FILE is `fnc-train-components.jsonl` unless given (`fnc-train-story-components.jsonl` holds
the stories of the second round of labels).
"""

import argparse
import csv
import json
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
COMPONENTS = Path(__file__).with_name("fnc-train-components.jsonl")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ids", nargs="*")
    parser.add_argument("--component", type=int)
    parser.add_argument("--components", type=Path, default=COMPONENTS)
    args = parser.parse_args()
    ids = list(args.ids)
    if args.component is not None:
        rows = [json.loads(line) for line in args.components.read_text(encoding="utf-8").splitlines()]
        ids += next(r["articles"] for r in rows if r["component"] == args.component)
    with (SHARED / "data" / "fnc-1" / "train_bodies.csv").open(encoding="utf-8") as handle:
        bodies = {f"fnctrain-{r['Body ID']}": r["articleBody"] for r in csv.DictReader(handle)}
    for article in ids:
        print(f"=== {article} ===\n{bodies[article].strip()}\n")


if __name__ == "__main__":
    main()
