"""Write the JSON Schema file of every topic: `python -m schemas.generate`."""

from __future__ import annotations

from schemas.topics import SCHEMA_DIR, TOPIC_MODELS, render_schema, schema_path


def main() -> None:
    SCHEMA_DIR.mkdir(exist_ok=True)
    for role in TOPIC_MODELS:
        path = schema_path(role)
        path.write_text(render_schema(role), encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
