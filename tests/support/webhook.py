"""A local webhook receiver for tests: stdlib http.server in a thread, recording every POST."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WAIT_SECONDS = 120.0


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]  # lower-case names
    body: bytes
    status: int  # what the server answered


Answer = Callable[[str, dict[str, str], bytes], int]  # (path, headers, body) -> HTTP status; may block


@dataclass
class Webhook:
    url: str
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def requests(self) -> list[Received]:
        with self.lock:
            return list(self.received)

    def wait_for(self, condition: Callable[[list[Received]], bool], timeout: float = WAIT_SECONDS,
                  alive: Callable[[], None] = lambda: None) -> list[Received]:
        """Every request so far, once `condition` holds for them; `alive` may raise to fail early."""
        deadline = time.monotonic() + timeout
        while not condition(got := self.requests()):
            alive()
            if time.monotonic() > deadline:
                raise AssertionError(f"webhook condition not met after {timeout:.0f} s; got {len(got)} requests: "
                                     f"{[(r.status, r.headers.get('idempotency-key')) for r in got][:20]}")
            time.sleep(0.05)
        return got


@contextmanager
def running_webhook(answer: Answer = lambda path, headers, body: 200) -> Iterator[Webhook]:
    """A webhook on a free loopback port that answers each POST with `answer(...)`'s status."""
    webhook: Webhook

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            headers = {name.lower(): value for name, value in self.headers.items()}
            status = answer(self.path, headers, body)
            with webhook.lock:
                webhook.received.append(Received(self.path, headers, body, status))
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    webhook = Webhook(url=f"http://127.0.0.1:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield webhook
    finally:
        server.shutdown()
        server.server_close()
