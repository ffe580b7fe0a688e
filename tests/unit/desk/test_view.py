"""A contradiction event as the page shows it, and the page's filters."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from schemas.common import Speaker
from schemas.events import Claim, ContradictionEvent, ContradictionKind
from services.desk.filters import AlertFilter, FilterError, parse_filter
from services.desk.view import AlertView, ArticleText, alert_view

TEXT_A = "Talks opened on Monday. Mr Pompeo called the talks \"productive\". Both sides left."
TEXT_B = "Pyongyang responded. KCNA called the talks \"regrettable\" in a statement. It gave no date."
ARRIVED = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


def claim(article_id: str, text: str, words: str, speaker: Speaker | None, source: str | None = None) -> Claim:
    start = text.index(words)
    return Claim(article_id=article_id, start=start, end=start + len(words), text=words, speaker=speaker,
                 source=source)


def event(kind: ContradictionKind = "evaluative", confidence: float = 0.8,
          subject: str = "talks") -> ContradictionEvent:
    first = claim("a", TEXT_A, '"productive"', Speaker(name="Mike Pompeo", affiliation="United States"), "Wire A")
    second = claim("b", TEXT_B, '"regrettable"', Speaker(name="KCNA", affiliation="North Korea"))
    return ContradictionEvent(event_id=ContradictionEvent.make_id(kind, first, second), article_id="b", kind=kind,
                              subject=subject, claims=(first, second), confidence=confidence,
                              explanation="they judge the talks in opposite ways")


def no_article(article_id: str) -> ArticleText | None:
    return None


def article(text: str, source: str | None = None) -> ArticleText:
    cut = text.index(". ") + 2
    second_cut = text.index(". ", cut) + 2
    return ArticleText(text=text, sentences=((0, cut - 1), (cut, second_cut - 1), (second_cut, len(text))),
                       title=f"title of {text[:9]}", source=source)


def test_each_claim_shows_speaker_side_outlet_and_the_quote_in_its_sentences() -> None:
    articles = {"a": article(TEXT_A, "Wire A"), "b": article(TEXT_B, "Wire B")}
    view = alert_view(event(), ARRIVED, articles.get)
    assert (view.kind, view.subject, view.confidence) == ("evaluative", "talks", 0.8)
    assert view.explanation == "they judge the talks in opposite ways"
    assert view.arrived_at == "2026-11-30T08:00:00+00:00"
    first, second = view.claims
    assert (first.speaker, first.side, first.outlet) == ("Mike Pompeo", "United States", "Wire A")
    assert (second.speaker, second.side, second.outlet) == ("KCNA", "North Korea", "Wire B")  # from the article
    assert first.in_context and first.quote == '"productive"'
    assert first.before == "Talks opened on Monday. Mr Pompeo called the talks "
    assert second.after == " in a statement. It gave no date."
    assert second.title == "title of Pyongyang"


def test_without_the_article_the_claim_is_shown_alone() -> None:
    view = alert_view(event(), ARRIVED, no_article)
    first = view.claims[0]
    assert not first.in_context
    assert (first.quote, first.before, first.after, first.title) == ('"productive"', "", "", None)
    assert first.outlet == "Wire A"


def test_an_article_whose_text_does_not_hold_the_claim_gives_no_context() -> None:
    changed = article(TEXT_A.replace("productive", "excellent!"))
    view = alert_view(event(), ARRIVED, {"a": changed}.get)
    assert not view.claims[0].in_context
    assert view.claims[0].quote == '"productive"'


def test_an_unattributed_claim_has_no_speaker_or_side() -> None:
    base = event()
    unattributed = base.model_copy(update={"claims": (base.claims[0].model_copy(update={"speaker": None}),
                                                      base.claims[1])})
    view = alert_view(unattributed, ARRIVED, no_article)
    assert (view.claims[0].speaker, view.claims[0].side) == (None, None)


def views() -> list[AlertView]:
    return [alert_view(event("evaluative", 0.8), ARRIVED, no_article),
            alert_view(event("rebuttal", 0.4, subject="CD: denuclearisation"), ARRIVED, no_article)]


@pytest.mark.parametrize(("kinds", "query", "expected"), [
    ([], {}, ["evaluative", "rebuttal"]),
    (["rebuttal"], {}, ["rebuttal"]),
    (["rebuttal", "evaluative"], {}, ["evaluative", "rebuttal"]),
    ([], {"min": "0.5"}, ["evaluative"]),
    ([], {"min": "0.4"}, ["evaluative", "rebuttal"]),
    ([], {"q": "  DENUCLEAR "}, ["rebuttal"]),  # subject, case and spaces ignored
    ([], {"q": "pompeo"}, ["evaluative", "rebuttal"]),  # a speaker of both
    ([], {"q": "kcna", "min": "0.6"}, ["evaluative"]),
    (["evidence"], {}, []),
])
def test_filters_keep_what_the_url_asks_for(kinds: list[str], query: dict[str, str], expected: list[str]) -> None:
    keep = parse_filter(kinds, query)
    assert [view.kind for view in views() if keep.matches(view)] == expected


def test_no_filter_keeps_everything() -> None:
    assert parse_filter([], {}) == AlertFilter()


@pytest.mark.parametrize(("kinds", "query"), [
    (["opinion"], {}), ([], {"min": "1.5"}), ([], {"min": "-0.1"}), ([], {"min": "high"}), ([], {"q": "x" * 201}),
])
def test_invalid_filters_are_refused(kinds: list[str], query: dict[str, str]) -> None:
    with pytest.raises(FilterError):
        parse_filter(kinds, query)
