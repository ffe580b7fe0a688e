"""The desk's settings: port from --port or COUNTERCLAIM_DESK_PORT, validated; one group per instance."""

from __future__ import annotations

import pytest

from services.common.settings import SettingsError
from services.desk.settings import load_desk_settings, port_number


def test_defaults() -> None:
    settings = load_desk_settings({})
    assert (settings.port, settings.host, settings.history, settings.article_cache) == (8080, "127.0.0.1", 200, 800)
    assert settings.group.startswith("counterclaim-desk-") and settings.group.endswith("-8080")


def test_the_port_option_wins_over_the_variable_and_names_the_group() -> None:
    env = {"COUNTERCLAIM_DESK_PORT": "9000"}
    assert load_desk_settings(env).port == 9000
    settings = load_desk_settings(env, port=9001, group_prefix="team")
    assert settings.port == 9001
    assert settings.group.startswith("team-desk-") and settings.group.endswith("-9001")
    assert load_desk_settings({"COUNTERCLAIM_DESK_GROUP": "mine"}).group == "mine"


@pytest.mark.parametrize("env", [
    {"COUNTERCLAIM_DESK_PORT": "70000"}, {"COUNTERCLAIM_DESK_PORT": "0"}, {"COUNTERCLAIM_DESK_PORT": "http"},
    {"COUNTERCLAIM_DESK_PORT": "-1"}, {"COUNTERCLAIM_DESK_HISTORY": "0"}, {"COUNTERCLAIM_DESK_ARTICLES": "1.5"},
    {"COUNTERCLAIM_DESK_GROUP": "no spaces"},
])
def test_invalid_values_name_their_variable(env: dict[str, str]) -> None:
    with pytest.raises(SettingsError, match=next(iter(env))):
        load_desk_settings(env)


@pytest.mark.parametrize("text", ["0", "65536", "80a", "", "-5"])
def test_port_option_must_be_a_tcp_port(text: str) -> None:
    with pytest.raises(ValueError, match="TCP port"):
        port_number(text)
    assert port_number("8081") == 8081
