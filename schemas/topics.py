"""Which model travels on which topic, and the JSON Schema files generated from them."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from schemas.articles import Article
from schemas.events import ContradictionEvent, EntityEvent, QuoteEvent
from schemas.internal import DeadLetter, QuotedArticle, StoryClaims

SCHEMA_DIR = Path(__file__).parent / "json"

# Topic role (default topic name) -> payload model and version.
TOPIC_MODELS: dict[str, tuple[type[BaseModel], int]] = {
    "raw-articles": (Article, 1),
    "entities": (EntityEvent, 1),
    "quotes": (QuoteEvent, 1),
    "contradictions": (ContradictionEvent, 1),
    "dead-letters": (DeadLetter, 1),
    "quoted-articles": (QuotedArticle, 1),
    "subject-claims": (StoryClaims, 2),
}


def schema_path(role: str) -> Path:
    version = TOPIC_MODELS[role][1]
    return SCHEMA_DIR / f"{role}.v{version}.schema.json"


def render_schema(role: str) -> str:
    """The JSON Schema text for a topic, exactly as it is stored on disk."""
    model, version = TOPIC_MODELS[role]
    schema = model.model_json_schema()
    schema["$id"] = f"https://counterclaim.dev/schemas/{role}.v{version}.schema.json"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
