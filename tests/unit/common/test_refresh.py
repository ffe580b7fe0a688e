"""spaCy objects are rebuilt after a number of articles; a thread keeps the object it took."""

from __future__ import annotations

import itertools
import logging

import pytest

from services.common.docs import blank_vocab
from services.common.refresh import Refreshed


def test_the_same_object_serves_until_its_articles_are_used_up() -> None:
    built = itertools.count()
    holder = Refreshed(lambda: next(built), after=10)
    assert [holder.take(4), holder.take(4), holder.take(4)] == [0, 0, 0]  # 12 taken: the batch that crosses is served
    assert holder.take(1) == 1
    assert [holder.take(9), holder.take(1)] == [1, 2]


def test_a_rebuild_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    holder = Refreshed(object, after=1, name="vocabulary")
    with caplog.at_level(logging.INFO, logger="services.common.refresh"):
        holder.take(1)
        holder.take(1)
    assert "rebuilding the vocabulary after 1 articles" in caplog.text


def test_a_rebuilt_vocabulary_forgets_the_strings_of_earlier_articles() -> None:
    vocabs = Refreshed(blank_vocab, after=1)
    first = vocabs.take(1)
    first.strings.add("Zyxwvutsrqp")
    second = vocabs.take(1)
    assert second is not first
    assert "Zyxwvutsrqp" not in second.strings
    assert "Zyxwvutsrqp" in first.strings  # a thread still using the old one is unaffected
