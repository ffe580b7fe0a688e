

def test_the_page_offers_a_checkbox_for_every_kind_of_the_schema() -> None:
    from pathlib import Path
    from typing import get_args

    from schemas.events import ContradictionKind

    page = (Path(__file__).resolve().parents[3] / "services" / "desk" / "static" / "index.html").read_text()
    for kind in get_args(ContradictionKind):
        assert f'name="kind" value="{kind}"' in page
