"""What a desk holds: each alert once, bounded history and article texts, live pages fed and dropped."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from schemas.events import Claim, ContradictionEvent
from services.desk.state import CLIENT_QUEUE, ArticleCache, Desk
from services.desk.view import ArticleText

START = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


def event(n: int) -> ContradictionEvent:
    first = Claim(article_id=f"a{n}", start=0, end=4, text="good")
    second = Claim(article_id=f"b{n}", start=0, end=3, text="bad")
    return ContradictionEvent(event_id=ContradictionEvent.make_id("evaluative", first, second), article_id=f"b{n}",
                              kind="evaluative", subject=f"subject {n}", claims=(first, second), confidence=0.5,
                              explanation="opposed")


def text(chars: int) -> ArticleText:
    return ArticleText(text="x" * chars, sentences=())


def test_an_alert_is_held_once_whatever_the_redeliveries() -> None:
    desk = Desk(history=10, articles=ArticleCache(10))
    assert desk.add(event(1), START) is not None
    assert desk.add(event(1), START + timedelta(seconds=5)) is None
    assert [view.subject for view in desk.recent()] == ["subject 1"]


def test_history_keeps_the_newest_alerts_in_arrival_order() -> None:
    desk = Desk(history=3, articles=ArticleCache(10))
    for n in (5, 1, 4, 2, 3):  # arrival order differs from numbering
        desk.add(event(n), START + timedelta(seconds=n))
    assert [view.subject for view in desk.recent()] == ["subject 3", "subject 4", "subject 5"]
    assert desk.add(event(0), START) is not None  # older than all held: not kept
    assert len(desk) == 3 and "subject 0" not in [view.subject for view in desk.recent()]


def test_alerts_use_the_article_text_cached_before_them() -> None:
    articles = ArticleCache(10)
    articles.put("a1", ArticleText(text="good news", sentences=((0, 9),)))
    view = Desk(history=5, articles=articles).add(event(1), START)
    assert view is not None
    assert view.claims[0].in_context and view.claims[0].after == " news"
    assert not view.claims[1].in_context


def test_the_article_cache_drops_the_oldest_by_count_and_by_characters() -> None:
    cache = ArticleCache(max_articles=2, max_chars=100)
    cache.put("a", text(10))
    cache.put("b", text(10))
    cache.put("c", text(10))
    assert (cache.get("a"), len(cache)) == (None, 2)
    cache.put("d", text(95))
    assert cache.get("c") is None and cache.get("b") is None and cache.get("d") is not None
    cache.put("d", text(20))  # replacing an article counts its new size only
    cache.put("e", text(70))
    assert cache.get("d") is not None and len(cache) == 2


def test_live_pages_get_new_alerts_and_a_slow_page_is_ended() -> None:
    async def scenario() -> None:
        desk = Desk(history=CLIENT_QUEUE + 10, articles=ArticleCache(1))
        fast, slow = desk.listen(), desk.listen()
        desk.add(event(0), START)
        first = await fast.get()
        assert first is not None and first.subject == "subject 0"
        for n in range(1, CLIENT_QUEUE + 1):
            desk.add(event(n), START)
            while not fast.empty():
                fast.get_nowait()
        assert desk.listeners == 1  # the slow one overflowed and was dropped
        assert slow.get_nowait() is None  # ...with the end-of-stream marker only
        desk.close()
        assert fast.get_nowait() is None and desk.listeners == 0

    asyncio.run(scenario())
