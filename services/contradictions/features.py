"""Hand-crafted features of a claim pair (a, b): does b contradict, deny or undermine a?

Named features (negation mismatch, refute words, refute word stems and denial
phrases, hedges, questions, VADER polarity opposition, antonyms, overlap, length)
plus hashed unigrams and bigrams of b. A long b (an article body) is read through
its few sentences that share most words with a, with refute words, stems and
phrases also counted over the whole body. Hashing is crc32, so feature indices are
the same in every process. Polarity is plain VADER (not the domain lexicon of
`polarity.py`), so the committed weights do not drift when that lexicon changes.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import zlib

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

HASH_BUCKETS = 16384
LONG_TEXT_CHARS = 400
FOCUS_SENTENCES = 2

NEGATIONS = frozenset({"not", "no", "never", "n't", "none", "nobody", "nothing", "neither", "nor",
                       "without", "cannot"})
REFUTES = frozenset({
    "hoax", "hoaxes", "fake", "faked", "false", "falsely", "deny", "denies", "denied", "denial",
    "debunk", "debunked", "debunks", "untrue", "myth", "baseless", "reject", "rejects", "rejected",
    "dismiss", "dismissed", "dismisses", "refute", "refuted", "refutes", "fabricated", "bogus",
    "satire", "satirical", "misleading", "sorry", "actually", "unfounded", "nonsense", "disputed",
    "disputes", "contrary", "wrong", "lie", "lies", "lied", "fiction", "prank", "photoshopped", "photoshop",
    "doctored", "incorrect", "inaccurate", "retracted", "spoof", "doubt", "doubts", "doubtful", "skeptical",
    "sceptical", "questions", "questioned", "rubbish", "nope", "erroneous", "fooled", "figment", "scam",
    "fraud", "fraudulent", "misinformation", "disinformation", "joke", "parody", "busted", "exaggerated",
    "overblown", "mistaken", "misreported", "unverified", "unconfirmed", "conspiracy",
})
RUMOURS = frozenset({"rumor", "rumors", "rumour", "rumours", "rumored", "rumoured", "speculation",
                     "speculate", "reportedly", "allegedly", "viral", "claims", "claim"})
HEDGES = frozenset({"may", "might", "could", "reports", "report", "says", "said", "according", "apparently",
                    "possibly", "likely", "probably"})
ANTONYMS: tuple[tuple[str, str], ...] = (
    ("win", "lose"), ("won", "lost"), ("rise", "fall"), ("increase", "decrease"), ("alive", "dead"),
    ("guilty", "innocent"), ("true", "false"), ("confirm", "deny"), ("confirmed", "denied"),
    ("support", "oppose"), ("accept", "reject"), ("approve", "reject"), ("agree", "disagree"),
    ("success", "failure"), ("legal", "illegal"), ("safe", "dangerous"), ("real", "fake"),
    ("up", "down"), ("more", "less"), ("open", "closed"), ("arrested", "released"), ("found", "missing"),
    ("dead", "alive"), ("died", "alive"), ("killed", "alive"), ("captured", "safe"), ("kidnapped", "safe"),
    ("true", "hoax"), ("real", "hoax"), ("will", "won't"), ("yes", "no"),
)
STOPWORDS = frozenset((
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as",
    "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "he",
    "she", "they", "we", "you", "i", "his", "her", "their", "our", "your", "has", "have", "had", "do",
    "does", "did", "will", "would", "should", "can", "could", "may", "might", "not", "no", "s", "said",
    "says",
))
# Word starts that mark a denial, debunking or doubt in any inflection ("hoaxer", "denies", "rumoured").
REFUTE_STEMS = (
    "hoax", "fake", "debunk", "deni", "deny", "rumo", "myth", "untru", "satir", "parod", "prank", "fabricat",
    "dismiss", "rebuff", "slam", "refut", "retract", "baseless", "bogus", "unfounded", "false", "spoof", "scam",
    "conspirac", "photoshop", "doctor", "exaggerat", "mislead", "misreport", "unconfirm", "unverif", "quit",
    "crazy", "ridicul", "nonsens", "dubious", "skeptic", "doubt", "laugh", "mock", "joke", "fiction", "lie",
)
# Multi-word denials, retreats and negated copulas, matched on the lower-cased text.
REFUTE_PHRASES = re.compile(
    r"\b(?:made (?:it|that|this|the \w+) up|made up|not real|not true|isn'?t true|never happened|put to rest|"
    r"no evidence|no proof|not dead|still alive|is alive|alive and well|safe and|drops? out|dropped out|"
    r"pulls? out|pulled out|backs? out|backed out|bail(?:s|ed)? on|steps? down|turns? down|turned down|"
    r"walks? away|calls? off|called off|good one|too good to be true|don'?t believe|not so fast|think again|"
    r"nope|not quite|fact check|(?:is|was|are|were)n'?t|won'?t|didn'?t|doesn'?t|hasn'?t|haven'?t|"
    r"not (?:been|a|the|to|be))\b")
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|n't")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens; "don't" gives "do" and "n't"."""
    words: list[str] = []
    for token in _TOKEN.findall(text.lower().replace("\u2019", "'")):
        if token.endswith("n't") and len(token) > 3:
            words.extend((token[:-3], "n't"))
        else:
            words.append(token)
    return words


def sentences(text: str) -> list[str]:
    """The text's sentences, split on end punctuation and line breaks (no parse needed)."""
    return [s for s in _SENTENCE_BREAK.split(text) if s.strip()]


def content_words(words: list[str]) -> set[str]:
    return {w for w in words if w not in STOPWORDS and len(w) > 2}


def focus(a: str, b: str) -> str:
    """b itself, or for a long b the sentences sharing most content words with a, in order."""
    if len(b) <= LONG_TEXT_CHARS:
        return b
    wanted = content_words(tokens(a))
    parts = sentences(b)
    ranked = sorted(range(len(parts)), key=lambda i: -len(wanted & content_words(tokens(parts[i]))))
    return " ".join(parts[i] for i in sorted(ranked[:FOCUS_SENTENCES]))


@functools.cache
def _vader() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def polarity(text: str) -> float:
    """Plain VADER compound polarity in [-1, 1]."""
    return float(_vader().polarity_scores(text)["compound"])


def _stem_hits(words: list[str]) -> int:
    return sum(1 for w in words if w.startswith(REFUTE_STEMS))


def _phrase_hits(text: str) -> int:
    return len(REFUTE_PHRASES.findall(text.lower().replace("\u2019", "'")))


def _count(words: list[str], lexicon: frozenset[str]) -> int:
    return sum(1 for w in words if w in lexicon)


def _antonym_hits(first: set[str], second: set[str]) -> int:
    return sum(1 for x, y in ANTONYMS if (x in first and y in second) or (y in first and x in second))


def _near_after(words: list[str], cues: frozenset[str], targets: set[str], window: int = 4) -> int:
    """How many target words follow a cue word within `window` tokens ("not arrested", "denies ... wife")."""
    hits = 0
    for i, word in enumerate(words):
        if word in cues and any(w in targets for w in words[i + 1:i + 1 + window]):
            hits += 1
    return hits


def _hashed(words: list[str]) -> dict[str, float]:
    grams = set(words) | {f"{x}_{y}" for x, y in itertools.pairwise(words)}
    return {f"h{zlib.crc32(g.encode()) % HASH_BUCKETS}": 1.0 for g in grams}


def pair_features(a: str, b: str) -> dict[str, float]:
    """Sparse feature values for the pair; missing names are 0."""
    focused = focus(a, b)
    words_a, words_b, words_all = tokens(a), tokens(focused), tokens(b)
    set_a, set_b = set(words_a), set(words_b)
    content_a, content_b = content_words(words_a), content_words(words_b)
    neg_a, neg_b = _count(words_a, NEGATIONS), _count(words_b, NEGATIONS)
    pol_a, pol_b = polarity(a), polarity(focused)
    refutes_all, stems_all = _count(words_all, REFUTES), _stem_hits(words_all)
    features = {
        "neg_a": min(neg_a, 3) / 3, "neg_b": min(neg_b, 3) / 3,
        "neg_only_b": float(neg_b > 0 and neg_a == 0), "neg_only_a": float(neg_a > 0 and neg_b == 0),
        "refute_a": min(_count(words_a, REFUTES), 3) / 3, "refute_b": min(_count(words_b, REFUTES), 3) / 3,
        "refute_body": math.log1p(refutes_all), "refute_rate": refutes_all / max(len(words_all), 1) * 20,
        "hedge_b": min(_count(words_b, HEDGES), 3) / 3, "rumour_b": min(_count(words_b, RUMOURS), 3) / 3,
        "question_b": float("?" in focused),
        "pol_a": pol_a, "pol_b": pol_b, "pol_gap": abs(pol_a - pol_b), "pol_opposed": float(pol_a * pol_b < -0.05),
        "antonyms": float(_antonym_hits(set_a, set_b)),
        "overlap": len(content_a & content_b) / max(len(content_a | content_b), 1),
        "coverage_a": len(content_a & content_b) / max(len(content_a), 1),
        "negated_shared": min(_near_after(words_b, NEGATIONS, content_a), 2) / 2,
        "refuted_shared": min(_near_after(words_b, REFUTES, content_a), 2) / 2,
        "long_b": float(len(b) > LONG_TEXT_CHARS), "log_len_b": math.log1p(len(words_all)) / 5,
        "stem_a": min(_stem_hits(words_a), 3) / 3, "stem_b": min(_stem_hits(words_b), 3) / 3,
        "stem_any_b": float(_stem_hits(words_b) > 0),
        "stem_body": math.log1p(stems_all), "stem_rate": stems_all / max(len(words_all), 1) * 20,
        "phrase_a": min(_phrase_hits(a), 3) / 3, "phrase_b": min(_phrase_hits(focused), 3) / 3,
        "phrase_body": math.log1p(_phrase_hits(b)),
        "question_end_b": float(focused.strip().endswith("?")),
        "starts_with_no_b": float(bool(words_b) and words_b[0] in ("no", "nope", "not", "sorry")),
    }
    features.update(_hashed(words_b))
    return features
