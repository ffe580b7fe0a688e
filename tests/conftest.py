"""Fixtures shared by every test tier."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """`../shared` beside the checkout (research data); tests that need it skip without it."""
    if not (SHARED / "EVAL.md").is_file():
        pytest.skip(f"research data not found at {SHARED} (it lives beside the checkout, not in it)")
    return SHARED


@pytest.fixture(scope="session")
def mission_story(shared_dir: Path) -> str:
    return (shared_dir / "examples" / "mission-story.txt").read_text(encoding="utf-8")
