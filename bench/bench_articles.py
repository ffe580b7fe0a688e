"""Real-length news articles for the speed benchmarks.

FNC-1 article bodies (../shared/data/fnc-1/*bodies.csv, research data that is read
in place and never copied into the repo) when present; otherwise a few sample
stories, repeated with small variations, at a similar length (~2,000 characters).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

FNC = Path(__file__).resolve().parents[2] / "shared" / "data" / "fnc-1"

_STORIES = (
    'The finance minister said on Tuesday that the budget "will balance within two years", '
    "but opposition leader Maria Keller rejected the claim. \"The numbers simply do not add up,\" "
    "Keller told reporters in Berlin. Economists at the Kiel Institute said the forecast relied on "
    "growth of 2.5 percent, well above the 1.1 percent the Bundesbank expects for next year. ",
    "Officials in Manila confirmed that a magnitude 6.1 earthquake struck the northern island of "
    'Luzon early on Friday. "There are no reports of casualties so far," said Renato Solidum, the '
    "head of the Philippine Institute of Volcanology and Seismology. Local media reported damaged "
    "churches in Ilocos Norte, and the Red Cross said it had sent teams to the area. ",
    "Apple denied a report by The Wall Street Journal that it planned to build a car factory in "
    'Ohio. "We have no such plans," a spokesman said in a statement on Monday. The newspaper, citing '
    "people familiar with the matter, had said the company was in talks with state officials. "
    "Governor Mike DeWine declined to comment, and shares of Apple rose 1.2 percent in New York. ",
    "The World Health Organization said the outbreak in West Africa was slowing, while Doctors "
    'Without Borders warned that "the epidemic is far from over". Health minister Abubakar Fofanah '
    "said Sierra Leone had recorded 42 new cases in the past week, down from 120 a month earlier. "
    "President Ernest Bai Koroma thanked the United Nations for its support. ",
)


def load_texts(count: int, data_dir: Path = FNC) -> tuple[list[str], str]:
    """`count` article texts and where they came from."""
    paths = sorted(data_dir.glob("*bodies.csv")) if data_dir.is_dir() else []
    if paths:
        csv.field_size_limit(sys.maxsize)
        texts: list[str] = []
        for path in paths:
            with path.open(encoding="utf-8", newline="") as handle:
                texts += [row["articleBody"].strip() for row in csv.DictReader(handle)]
            if len(texts) >= count:
                break
        texts = [text for text in texts if text][:count]
        return texts, f"FNC-1 bodies ({', '.join(p.name for p in paths)})"
    return [_sample(i) for i in range(count)], "generated sample stories"


def _sample(i: int) -> str:
    """About 2,000 characters: the stories in a rotating order, with a numbered lead."""
    order = [_STORIES[(i + k) % len(_STORIES)] for k in range(len(_STORIES))]
    lead = f"Update {i}: correspondents filed the following reports. "
    return lead + "".join(order) + order[0]
