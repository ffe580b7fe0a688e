"""The desk's HTTP side, on aiohttp: the page, its live stream (SSE), /metrics and /healthz.

Server-Sent Events fit a one-way feed of alerts: the browser's EventSource reconnects by
itself, and aiohttp's StreamResponse writes the stream with no extra package. Each stream
starts with the held alerts that pass the page's filters, then follows new ones; the page
drops any event id it already shows, so a reconnect or a restarted desk adds nothing twice.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from importlib import resources
from pathlib import Path

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from services.desk.filters import KINDS, AlertFilter, FilterError, parse_filter
from services.desk.metrics import DeskMetrics
from services.desk.state import Desk
from services.desk.view import AlertView

KEEPALIVE_SECONDS = 15.0
RECONNECT_MS = 1000
# Nothing from elsewhere: scripts, styles, images and connections come from this origin only.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; "
                               "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
DESK_KEY = web.AppKey("desk", Desk)
METRICS_KEY = web.AppKey("metrics", DeskMetrics)
HEALTHY_KEY: web.AppKey[Callable[[], bool]] = web.AppKey("healthy")


def static_dir() -> Path:
    return Path(str(resources.files("services.desk") / "static"))


def make_web_app(desk: Desk, metrics: DeskMetrics, healthy: Callable[[], bool]) -> web.Application:
    app = web.Application(middlewares=[_security_headers])
    app[DESK_KEY], app[METRICS_KEY], app[HEALTHY_KEY] = desk, metrics, healthy
    app.router.add_get("/", _page)
    app.router.add_get("/events", _events)
    app.router.add_get("/alerts.json", _alerts_json)
    app.router.add_get("/metrics", _metrics)
    app.router.add_get("/healthz", _health)
    app.router.add_static("/static/", static_dir(), append_version=False)
    app.on_shutdown.append(_end_streams)
    return app


@web.middleware
async def _security_headers(request: web.Request,
                            handler: Callable[[web.Request], Awaitable[web.StreamResponse]]) -> web.StreamResponse:
    response = await handler(request)
    response.headers.update(SECURITY_HEADERS)
    return response


async def _page(request: web.Request) -> web.FileResponse:
    return web.FileResponse(static_dir() / "index.html", headers={"Cache-Control": "no-cache"})


def _filter(request: web.Request) -> AlertFilter:
    try:
        return parse_filter(request.query.getall("kind", []), request.query)
    except FilterError as error:
        raise web.HTTPBadRequest(text=f"{error}\n") from None


async def _alerts_json(request: web.Request) -> web.Response:
    """The held alerts that pass the filters (same query as the page), newest first."""
    keep = _filter(request)
    alerts = [view.as_json() for view in reversed(request.app[DESK_KEY].recent()) if keep.matches(view)]
    return web.json_response({"kinds": KINDS, "alerts": alerts})


async def _events(request: web.Request) -> web.StreamResponse:
    keep, desk = _filter(request), request.app[DESK_KEY]
    response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache",
                                           "X-Accel-Buffering": "no"})
    await response.prepare(request)
    queue = desk.listen()  # before the history is written: nothing that arrives meanwhile is lost
    pages = request.app[METRICS_KEY].pages
    pages.inc()
    try:
        history = [view for view in desk.recent() if keep.matches(view)]
        await response.write(f"retry: {RECONNECT_MS}\n\n".encode())
        for held in history:
            await response.write(_alert_event(held))
        await response.write(f"event: history\ndata: {len(history)}\n\n".encode())
        while True:
            try:
                view: AlertView | None = await asyncio.wait_for(queue.get(), KEEPALIVE_SECONDS)
            except TimeoutError:
                await response.write(b": keep-alive\n\n")  # also finds pages that went away
                continue
            if view is None:  # the desk dropped this page or is shutting down
                break
            if keep.matches(view):
                await response.write(_alert_event(view))
    except ConnectionResetError:
        pass
    finally:
        desk.drop(queue)
        pages.dec()
    return response


def _alert_event(view: AlertView) -> bytes:
    data = json.dumps(view.as_json(), ensure_ascii=False, separators=(",", ":"))
    return f"event: alert\nid: {view.event_id}\ndata: {data}\n\n".encode()


async def _metrics(request: web.Request) -> web.Response:
    body = generate_latest(request.app[METRICS_KEY].registry)
    return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})


async def _health(request: web.Request) -> web.Response:
    """200 once the desk reads its topics; 503 before, or when its consumer has stopped."""
    ok = request.app[HEALTHY_KEY]()
    return web.json_response({"status": "ok" if ok else "starting", "alerts": len(request.app[DESK_KEY])},
                             status=200 if ok else 503)


async def _end_streams(app: web.Application) -> None:
    app[DESK_KEY].close()
