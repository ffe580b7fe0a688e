"""Turn labeller lines ({article, a, b, kind, confidence, why} or {article, none}) into dev-format labels.

    .venv/bin/python bench/labels/convert_labels.py LABELLER_FILE... > polnear-train-contradictions.jsonl
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from show_article import attributions


def convert(path: Path) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("none"):
            out.append({"article": row["article"], "none": True})
            continue
        ann, rels = attributions(row["article"])
        by_id = dict(rels)
        a, b = sorted((row["a"], row["b"]), key=lambda e: by_id[e]["Content"][0])
        out.append({"article": row["article"], "ann": ann, "a": a, "b": b,
                    "a_content": list(by_id[a]["Content"]), "b_content": list(by_id[b]["Content"]),
                    "a_source": list(by_id[a].get("Source", (0, 0))), "b_source": list(by_id[b].get("Source", (0, 0))),
                    "kind": row["kind"], "confidence": row["confidence"], "why": row["why"]})
    return out


if __name__ == "__main__":
    for name in sys.argv[1:]:
        for item in convert(Path(name)):
            print(json.dumps(item))
