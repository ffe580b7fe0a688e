"""What a running desk holds: recent alerts, recent article texts, and the pages listening."""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from datetime import datetime

from schemas.events import ContradictionEvent
from services.desk.view import AlertView, ArticleText, alert_view

log = logging.getLogger(__name__)
CLIENT_QUEUE = 256  # alerts a slow page may fall behind before it is disconnected (it then reconnects)
MAX_CACHED_CHARS = 50_000_000  # article text kept, whatever the article count


class ArticleCache:
    """The most recently seen article texts, bounded in count and in characters."""

    def __init__(self, max_articles: int, max_chars: int = MAX_CACHED_CHARS) -> None:
        self._articles: OrderedDict[str, ArticleText] = OrderedDict()
        self._max_articles, self._max_chars, self._chars = max_articles, max_chars, 0

    def put(self, article_id: str, article: ArticleText) -> None:
        old = self._articles.pop(article_id, None)
        self._chars += len(article.text) - (len(old.text) if old else 0)
        self._articles[article_id] = article
        while self._articles and (len(self._articles) > self._max_articles or self._chars > self._max_chars):
            _, dropped = self._articles.popitem(last=False)
            self._chars -= len(dropped.text)

    def get(self, article_id: str) -> ArticleText | None:
        return self._articles.get(article_id)

    def __len__(self) -> int:
        return len(self._articles)


class Desk:
    """Alerts by event id (each once, the `history` latest to arrive) and the live pages' queues."""

    def __init__(self, history: int, articles: ArticleCache) -> None:
        self.articles = articles
        self._alerts: OrderedDict[str, AlertView] = OrderedDict()
        self._history = history
        self._listeners: set[asyncio.Queue[AlertView | None]] = set()

    def add(self, event: ContradictionEvent, arrived_at: datetime) -> AlertView | None:
        """Keep and broadcast a new alert; None for one already held (a redelivery or a re-read)."""
        if event.event_id in self._alerts:
            return None
        view = alert_view(event, arrived_at, self.articles.get)
        self._alerts[event.event_id] = view
        if len(self._alerts) > self._history:  # history is re-read partition by partition: not in time order
            oldest = min(self._alerts, key=lambda event_id: self._alerts[event_id].arrived_at)
            del self._alerts[oldest]
            if oldest == event.event_id:
                return view  # older than every alert held: not shown
        for queue in list(self._listeners):
            try:
                queue.put_nowait(view)
            except asyncio.QueueFull:
                log.warning("a page fell %d alerts behind; disconnecting it so it reloads", CLIENT_QUEUE)
                self.drop(queue)
        return view

    def recent(self) -> list[AlertView]:
        """The alerts held, oldest arrival first."""
        return sorted(self._alerts.values(), key=lambda view: view.arrived_at)

    def listen(self) -> asyncio.Queue[AlertView | None]:
        queue: asyncio.Queue[AlertView | None] = asyncio.Queue(CLIENT_QUEUE)
        self._listeners.add(queue)
        return queue

    def drop(self, queue: asyncio.Queue[AlertView | None]) -> None:
        """Stop feeding `queue`; its reader sees None and ends its stream."""
        if queue in self._listeners:
            self._listeners.discard(queue)
            while not queue.empty():
                queue.get_nowait()
            queue.put_nowait(None)

    def close(self) -> None:
        for queue in list(self._listeners):
            self.drop(queue)

    @property
    def listeners(self) -> int:
        return len(self._listeners)

    def __len__(self) -> int:
        return len(self._alerts)
