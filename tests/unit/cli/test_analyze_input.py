"""`counterclaim analyze` reads JSON lines (EVAL.md), and a .txt story as one article."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from services.cli.main import main
from services.cli.publish import derive_id

STORY = ("The Daily Post reported on Monday that the government will close six rural hospitals.\n"
         "Health ministry spokeswoman Anna Berg denied the report, saying no hospital will close.\n")


def events(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


def test_a_txt_story_is_one_article_with_the_id_publish_gives_it(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    assert main(["analyze", "--input", str(tmp_path / "story.txt")]) == 0
    found = events(capsys.readouterr().out)
    assert {e["article_id"] for e in found} == {derive_id(STORY)}
    assert [e["kind"] for e in found if e["type"] == "contradiction"] == ["rebuttal"]


def test_json_lines_give_the_same_events(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "story.jsonl").write_text(json.dumps({"id": derive_id(STORY), "text": STORY}) + "\n",
                                          encoding="utf-8")
    main(["analyze", "--input", str(tmp_path / "story.txt")])
    from_text = capsys.readouterr().out
    main(["analyze", "--input", str(tmp_path / "story.jsonl")])
    assert events(capsys.readouterr().out) == events(from_text)


def test_plain_text_on_json_input_says_how_to_pass_a_story(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "story.md").write_text(STORY, encoding="utf-8")
    with caplog.at_level(logging.ERROR):
        assert main(["analyze", "--input", str(tmp_path / "story.md")]) == 1
    hints = [r.getMessage() for r in caplog.records if "--input STORY.txt" in r.getMessage()]
    assert len(hints) == 1  # once, not once per line
