"""What a claim is about: one canonical subject per topic word, scoped by the story's parties.

Within one story "the talks", "negotiations", "conversations" and "discussions"
are the same subject. `TOPICS` is a small, documented synonym table for the
subjects of diplomatic and political news (singular and plural forms listed).
Across articles, a topic's key also names the two countries the story mentions
most ("talks: North Korea / United States"), so talks about one conflict are
never compared with talks about another. These keys name the subjects of
within-article evaluative contradictions; cross-article comparison keys by story
(see `story`). Limits: word lists, not word senses ("talks" as a verb is rare in news
and accepted).
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from services.common.countries import canonical_country, other_place

# canonical subject -> words that name it (plural and singular forms listed explicitly)
TOPICS: dict[str, tuple[str, ...]] = {
    "talks": ("talks", "negotiations", "negotiation", "conversations", "conversation", "discussions",
              "discussion", "dialogue", "meeting", "meetings", "consultations"),
    "summit": ("summit", "summits"),
    "deal": ("deal", "deals", "agreement", "agreements", "accord", "accords", "treaty", "treaties", "pact",
             "pacts", "compact"),
    "plan": ("plan", "plans", "proposal", "proposals", "framework", "roadmap", "road map", "blueprint"),
    "denuclearization": ("denuclearization", "denuclearisation", "nuclear program", "nuclear programme"),
    "sanctions": ("sanctions", "embargo"),
    "ceasefire": ("ceasefire", "cease-fire", "truce", "armistice"),
    "election": ("election", "elections", "vote", "ballot"),
    "investigation": ("investigation", "probe", "inquiry", "impeachment"),
    "strikes": ("airstrike", "airstrikes", "air strike", "air strikes", "missile strike", "attack"),
}

_WORD_TO_TOPIC = {word: topic for topic, words in TOPICS.items() for word in words}
_TOPIC_PATTERN = re.compile(
    r"\b(" + "|".join(re.escape(w) for w in sorted(_WORD_TO_TOPIC, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_NAME_RUN = re.compile(r"\b[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,4}")


def topic_of(text: str) -> str | None:
    """The first topic of `TOPICS` (the table's order is its priority) named in `text`, or None.

    Priority makes "denuclearization talks" and "the talks at the summit" both about talks.
    """
    named = topics_in(text)
    return next((topic for topic in TOPICS if topic in named), None)


def topic_offsets(text: str, topic: str) -> list[int]:
    """Where words naming `topic` start in `text`."""
    return [m.start() for m in _TOPIC_PATTERN.finditer(text) if _WORD_TO_TOPIC[m.group(1).lower()] == topic]


def mask_topics(text: str) -> str:
    """`text` with each word naming a topic replaced by 'it', so it carries no sentiment."""
    return _TOPIC_PATTERN.sub("it", text)


def topics_in(text: str) -> Counter[str]:
    """How often each canonical topic is named in `text`."""
    return Counter(_WORD_TO_TOPIC[m.group(1).lower()] for m in _TOPIC_PATTERN.finditer(text))


def _strip_possessive(word: str) -> str:
    return re.sub(r"(['\u2019]s?|[.,])$", "", word) if not word.endswith(("U.S.", "U.N.", "U.K.")) else word


def countries_in(text: str) -> Counter[str]:
    """Canonical countries named in `text` (longest alias in each run of capitalised words)."""
    return Counter(dict(_countries_in(text)))  # a fresh Counter: callers may change theirs


@functools.lru_cache(maxsize=256)
def _countries_in(text: str) -> tuple[tuple[str, int], ...]:
    # Cached: an article's text is scanned for its parties, its main country and per claim.
    found: Counter[str] = Counter()
    for run in _NAME_RUN.finditer(text):
        words = [_strip_possessive(w) for w in run.group(0).split()]
        start = 0
        while start < len(words):
            for end in range(len(words), start, -1):
                name = " ".join(words[start:end])
                country = _canonical_country(name)
                if country or other_place(name):  # "New Mexico" is taken whole: no Mexico in it
                    found.update([country] if country else [])
                    start = end
                    break
            else:
                start += 1
    return tuple(found.items())


_canonical_country = functools.lru_cache(maxsize=8192)(canonical_country)  # name runs repeat across articles


def story_parties(text: str, *, limit: int = 2) -> tuple[str, ...]:
    """The `limit` countries the story names most, sorted by name for a stable key."""
    return tuple(sorted(name for name, _ in countries_in(text).most_common(limit)))


def subject_key(topic: str, parties: tuple[str, ...]) -> str:
    """'talks: North Korea / United States', or the bare topic when no country is named."""
    return f"{topic}: {' / '.join(parties)}" if parties else topic
