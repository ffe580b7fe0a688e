"""Curated attribution cues: the verbs and phrases that introduce what someone said.

Cues are matched on spaCy lemmas, so "said", "says" and "saying" are one cue.
Groups follow the kinds of attribution found in news (speech, writing, stance,
belief, evidence); the list is curated by hand, not learned, so it is easy to
audit. Limits: a cue verb only counts as an attribution when the parse gives it
a content (a clause, an object for the `OBJECT_CUES`, or a quotation nearby).
"""

from __future__ import annotations

from spacy.tokens import Token

SPEECH = frozenset({
    "say", "tell", "add", "state", "declare", "announce", "remark", "note", "explain",
    "reply", "respond", "answer", "retort", "counter", "continue", "repeat", "reiterate",
    "recall", "recount", "mention", "comment", "observe", "joke", "quip", "shout", "yell",
    "scream", "whisper", "exclaim", "mutter", "murmur", "ask", "inform", "brief", "testify",
    "proclaim", "pronounce", "concede", "acknowledge", "admit", "confess",
})
WRITING = frozenset({"write", "tweet", "post", "report", "publish", "email", "text", "blog", "retweet"})
STANCE = frozenset({
    "claim", "insist", "warn", "argue", "deny", "assert", "contend", "maintain", "allege",
    "accuse", "charge", "complain", "criticize", "criticise", "slam", "blast", "praise",
    "call", "describe", "characterize", "label", "dub", "brand", "stress", "emphasize",
    "emphasise", "urge", "demand", "suggest", "predict", "promise", "vow", "pledge",
    "threaten", "boast", "brag", "lament", "caution", "advise", "recommend", "propose",
    "dispute", "reject", "dismiss", "rebut", "refute", "protest", "object", "affirm",
    "reaffirm", "assure", "guarantee", "swear", "confirm", "concur", "agree", "disagree",
    "point", "signal", "hint", "imply", "indicate", "question", "wonder", "speculate",
    "forecast", "estimate", "figure", "reason", "posit", "acknowledge", "tout", "chide",
})
BELIEF = frozenset({"think", "believe", "hope", "expect", "fear", "worry", "feel", "know", "doubt", "suspect"})
EVIDENCE = frozenset({"find", "show", "reveal", "conclude", "learn", "discover", "determine", "suggest", "cite"})


# Cues whose content may be their object alone: "denied the report".
OBJECT_CUES = frozenset({
    "deny", "confirm", "announce", "predict", "promise", "pledge", "dismiss", "reject", "dispute",
})
# Cues whose content is an object with a predicate: "described the talks as 'productive'",
# "called the outcome 'worrisome'".
AS_CUES = frozenset({
    "describe", "characterize", "call", "label", "dub", "brand", "praise", "criticize", "tout",
    "blast", "slam", "laud", "hail", "admire", "accuse", "portray", "depict", "paint", "cast",
    "denounce", "condemn", "mock", "ridicule", "attack", "rip", "dismiss",
})

CUE_LEMMAS = SPEECH | WRITING | STANCE | BELIEF | EVIDENCE | AS_CUES

# Multi-word cues, matched on lower-cased token texts: "according to Pompeo, ...".
ACCORDING_TO = ("according", "to")
# Nouns that carry an attribution: "in a statement", "in an interview".
CARRIER_NOUNS = frozenset({"statement", "interview", "tweet", "letter", "speech", "email", "report", "post"})


def is_cue_verb(token: Token) -> bool:
    """A verb (not an auxiliary) whose lemma is a curated cue."""
    return token.pos_ == "VERB" and token.lemma_.lower() in CUE_LEMMAS


def is_object_cue(token: Token) -> bool:
    return token.lemma_.lower() in OBJECT_CUES


def is_as_cue(token: Token) -> bool:
    return token.lemma_.lower() in AS_CUES


def is_according_to(token: Token) -> bool:
    """The "according" of "according to X"."""
    nxt = token.nbor() if token.i + 1 < len(token.doc) else None
    return token.lower_ == ACCORDING_TO[0] and nxt is not None and nxt.lower_ == ACCORDING_TO[1]
