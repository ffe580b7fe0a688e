"""The real model, loaded once, for the tests that need a parse (head-noun subjects)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from services.common.nlp import load_nlp


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()
