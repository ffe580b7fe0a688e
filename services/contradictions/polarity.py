"""How a statement evaluates its subject: VADER plus a documented diplomatic lexicon.

VADER (valence -4..+4 per word, negation and booster handling built in) misses
or underweights the words diplomats and officials use to praise or pan talks,
so `DOMAIN_LEXICON` adds them. `evaluation()` reports the compound polarity and
the evaluative words (cues) it found; a statement without a cue is treated as
descriptive, not evaluative, which keeps ordinary reporting from producing
evaluative contradictions. Limits: English only; sarcasm and irony are not seen;
negation is VADER's (three tokens back) plus "not in the spirit of". `evaluation()`
masks the words naming a subject (`subjects.TOPICS`: VADER scores "agreement" +2.2),
since naming the deal is not praising it; `polarity()` itself is unmasked.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from services.contradictions.subjects import mask_topics

# Valences on VADER's scale. Multi-word entries are matched as phrases and folded
# into single tokens before VADER sees the text.
DOMAIN_LEXICON: dict[str, float] = {
    # praise of talks, deals and counterparts
    "productive": 2.5, "progress": 2.2, "good faith": 2.2, "good-faith": 2.2, "constructive": 2.3,
    "fruitful": 2.5, "successful": 2.5, "success": 2.4, "breakthrough": 2.6, "positive": 2.0, "substantive": 1.8,
    "cordial": 1.8, "encouraging": 2.2, "on track": 1.8, "in the spirit of": 1.5,
    # condemnation
    "regrettable": -2.6, "worrisome": -2.4, "worrying": -2.3, "gangster-like": -3.2, "gangster": -3.0,
    "cancerous": -3.0, "unilateral": -1.5, "provocative": -2.2, "provocation": -2.2,
    "deplorable": -3.0, "unacceptable": -2.8, "disappointing": -2.4, "failure": -2.4,
    "fatally mistaken": -3.0, "mistaken": -2.0, "hostile": -2.6, "reckless": -2.6,
    "stalled": -1.8, "deadlock": -2.0, "impasse": -2.0, "breakdown": -2.2, "setback": -2.0,
    "bad faith": -2.6, "bad-faith": -2.6, "dangerous": -2.3, "distrust": -2.0,
}

EVALUATIVE_CUES: frozenset[str] = frozenset(DOMAIN_LEXICON)
_PHRASES = sorted((p for p in DOMAIN_LEXICON if " " in p or "-" in p), key=len, reverse=True)
_PHRASE_PATTERN = re.compile(r"\b(" + "|".join(re.escape(p) for p in _PHRASES) + r")\b", re.IGNORECASE)
_CUE_PATTERN = re.compile(
    r"\b(" + "|".join(re.escape(w) for w in sorted(DOMAIN_LEXICON, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
_NEGATED_SPIRIT = re.compile(r"\bnot in the spirit of\b", re.IGNORECASE)


def _token(phrase: str) -> str:
    return phrase.lower().replace(" ", "_").replace("-", "_")


@functools.cache
def analyzer() -> SentimentIntensityAnalyzer:
    """VADER with the domain lexicon merged in; built once, on first use."""
    vader = SentimentIntensityAnalyzer()
    vader.lexicon.update({_token(word): valence for word, valence in DOMAIN_LEXICON.items()})
    return vader


@dataclass(frozen=True)
class Evaluation:
    """Polarity in [-1, 1] (VADER compound) and the evaluative cue words found."""

    polarity: float
    cues: tuple[str, ...]

    @property
    def evaluative(self) -> bool:
        return bool(self.cues)


def _prepare(text: str) -> str:
    text = _NEGATED_SPIRIT.sub("not in_the_spirit_of", text)
    return _PHRASE_PATTERN.sub(lambda m: _token(m.group(1)), text)


def polarity(text: str) -> float:
    """VADER compound polarity with the domain lexicon, in [-1, 1]."""
    return float(analyzer().polarity_scores(_prepare(text))["compound"])


def cue_offsets(text: str) -> list[int]:
    """Where the domain evaluative cues of `text` start."""
    return [m.start() for m in _CUE_PATTERN.finditer(text)]


@functools.lru_cache(maxsize=4096)  # cross-article scoring re-evaluates remembered claims
def evaluation(text: str) -> Evaluation:
    """The polarity of `text`, subject words masked, and the domain evaluative cues it contains,
    in order of appearance."""
    cues = tuple(dict.fromkeys(m.group(1).lower() for m in _CUE_PATTERN.finditer(text)))
    return Evaluation(polarity=polarity(mask_topics(text)), cues=cues)
