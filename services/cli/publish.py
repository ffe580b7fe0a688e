"""`counterclaim publish`: read articles from files or stdin, validate them all, then produce them."""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schemas.articles import Article
from services.common.intake import Rejection, decode
from services.common.kafka import make_producer
from services.common.settings import Settings

ARTICLE_SUFFIXES = {".txt", ".json", ".jsonl", ".ndjson"}
# A .txt file's title is its first line, cut to this many characters: a one-line file is
# not sent (and counted against the size limit) twice.
TITLE_CHARS = 200


class InputError(ValueError):
    """An input that cannot become an article; the message says where and why."""


@dataclass(frozen=True)
class Record:
    where: str  # file and line, for messages
    data: dict[str, Any]


def read_articles(paths: list[str], *, max_bytes: int, source: str | None = None) -> list[Article]:
    """Every article in `paths` (files, folders or '-'), or InputError listing every bad one."""
    articles: list[Article] = []
    problems: list[str] = []
    for record in _records(paths, problems):
        data = dict(record.data)
        if source and not data.get("source"):
            data["source"] = source
        if isinstance(data.get("text"), str) and not data.get("id"):
            data["id"] = derive_id(data["text"])
        # The workers' own edge check, so what publish accepts no worker dead-letters.
        result = decode(json.dumps(data, ensure_ascii=False).encode("utf-8"), Article, max_bytes=max_bytes)
        if isinstance(result, Rejection):
            problems.append(f"{record.where}: {result.detail}")
        else:
            articles.append(result)
    if problems:
        raise InputError("\n".join(problems))
    if not articles:
        raise InputError("no articles found in " + ", ".join(paths))
    return articles


def title_of(text: str) -> str | None:
    """The first non-blank line, cut at a word boundary to at most TITLE_CHARS characters."""
    first = text.strip().splitlines()[0].strip() if text.strip() else ""
    if len(first) <= TITLE_CHARS:
        return first or None
    cut = first[:TITLE_CHARS - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip() + "\u2026"


def derive_id(text: str) -> str:
    """A stable id from the text itself: republishing the same text gives the same id."""
    return "article-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def send_articles(settings: Settings, articles: list[Article], *, topic: str) -> int:
    """Produce every article keyed by its id; returns how many the broker acknowledged."""
    producer = make_producer(settings, max_request_size=max(1048576, settings.max_article_bytes * 2))
    try:
        futures = [
            producer.send(topic, key=a.id.encode(), value=a.model_dump_json(exclude_none=True).encode())
            for a in articles
        ]
        producer.flush()
        for future in futures:
            future.get(timeout=30)  # raises the broker's error, if any
    finally:
        producer.close()
    return len(futures)


def _records(paths: list[str], problems: list[str]) -> Iterator[Record]:
    for name in paths:
        if name == "-":
            yield from _json_lines(sys.stdin.buffer.read(), "<stdin>", problems)
            continue
        path = Path(name)
        if not path.exists():
            problems.append(f"{name}: no such file or directory")
        elif path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.suffix in ARTICLE_SUFFIXES and p.is_file()):
                yield from _file(child, problems)
        else:
            yield from _file(path, problems)


def _file(path: Path, problems: list[str]) -> Iterator[Record]:
    raw = path.read_bytes()
    if path.suffix == ".txt":
        text = _utf8(raw, str(path), problems)
        if text is not None:
            yield Record(str(path), {"text": text, "title": title_of(text)})
    elif path.suffix == ".json":
        text = _utf8(raw, str(path), problems)
        data = _parse(text, str(path), problems) if text is not None else None
        if data is None:
            return
        items = data if isinstance(data, list) else [data]
        for index, item in enumerate(items):
            yield from _object(item, f"{path}[{index}]" if isinstance(data, list) else str(path), problems)
    else:
        yield from _json_lines(raw, str(path), problems)


def _json_lines(raw: bytes, where: str, problems: list[str]) -> Iterator[Record]:
    text = _utf8(raw, where, problems)
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        item = _parse(line, f"{where}:{number}", problems)
        if item is not None:
            yield from _object(item, f"{where}:{number}", problems)


def _parse(text: str, where: str, problems: list[str]) -> Any:
    """The JSON value of `text`, or None with the reason added to `problems`."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        problems.append(f"{where}: not JSON ({error.msg} at line {error.lineno})")
    except (ValueError, RecursionError) as error:
        problems.append(f"{where}: not JSON we accept ({_why(error)})")
    return None


def _object(item: object, where: str, problems: list[str]) -> Iterator[Record]:
    if isinstance(item, dict):
        yield Record(where, item)
    else:
        problems.append(f"{where}: expected a JSON object with 'text', got {type(item).__name__}")


def _utf8(raw: bytes, where: str, problems: list[str]) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.append(f"{where}: not UTF-8 (byte {error.start})")
        return None


def _why(error: BaseException) -> str:
    return "nested too deeply" if isinstance(error, RecursionError) else str(error)[:120]
