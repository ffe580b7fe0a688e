"""`counterclaim publish` reads .txt, .json and JSON lines, and refuses bad input up front."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from services.cli.publish import InputError, derive_id, read_articles


def test_txt_file_is_one_article_titled_by_its_first_line(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("Headline here\n\nBody text.", encoding="utf-8")
    [article] = read_articles([str(tmp_path / "story.txt")], max_bytes=10_000, source="Desk")
    assert article.title == "Headline here"
    assert article.text == "Headline here\n\nBody text."
    assert article.source == "Desk"
    assert article.id == derive_id(article.text)


def test_a_one_line_txt_file_counts_once_against_the_size_limit(tmp_path: Path) -> None:
    """Its first line is its title; a title as long as the text would double the message."""
    line = "The minister said the talks were productive. " * 200  # 9,000 characters, one line
    (tmp_path / "one-line.txt").write_text(line, encoding="utf-8")
    [article] = read_articles([str(tmp_path / "one-line.txt")], max_bytes=len(line) + 1000)
    assert article.text == line and article.title is not None and len(article.title) <= 200
    assert article.title.endswith("\u2026") and line.startswith(article.title[:-1])
    with pytest.raises(InputError, match="over the limit of 9000"):  # the text alone is what goes over
        read_articles([str(tmp_path / "one-line.txt")], max_bytes=9000)


def test_json_object_list_and_lines_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps({"id": "a1", "text": "A."}), encoding="utf-8")
    (tmp_path / "many.json").write_text(json.dumps([{"id": "a2", "text": "B."}, {"text": "C."}]))
    (tmp_path / "feed.jsonl").write_text('{"id": "a4", "text": "D."}\n\n{"id": "a5", "text": "E."}\n')
    (tmp_path / "ignored.md").write_text("not an article")
    ids = [a.id for a in read_articles([str(tmp_path)], max_bytes=10_000)]
    assert sorted(ids) == sorted(["a1", "a2", derive_id("C."), "a4", "a5"])


def test_derived_ids_are_stable() -> None:
    assert derive_id("same text") == derive_id("same text") != derive_id("other text")


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("bad.json", b"{not json", "not JSON"),
        ("blank.json", b'{"id": "x", "text": "   "}', "text"),
        ("latin1.txt", "caf\u00e9".encode("latin-1"), "not UTF-8"),
        ("list.jsonl", b"[1, 2]\n", "expected a JSON object"),
        ("noid.json", b'{"id": "bad id!", "text": "x"}', "id"),
        ("big.json", json.dumps({"id": "big", "text": "x" * 5000}).encode(), "over the limit"),
    ],
)
def test_bad_inputs_are_refused_with_where_and_why(tmp_path: Path, name: str, content: bytes, problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    (tmp_path / "good.json").write_text(json.dumps({"id": "ok", "text": "fine"}))
    with pytest.raises(InputError) as caught:
        read_articles([str(tmp_path)], max_bytes=1000)
    assert name in str(caught.value) and problem in str(caught.value)


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_articles([str(tmp_path / "absent.txt")], max_bytes=1000)
    with pytest.raises(InputError, match="no articles found"):
        read_articles([str(tmp_path)], max_bytes=1000)
