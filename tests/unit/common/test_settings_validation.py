"""Every variable is validated at start: the error names the variable and says what is allowed."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.common.settings import SettingsError, load_settings

BAD = [
    ("COUNTERCLAIM_LOG_LEVEL", "loud", "debug, info, warning, error"),
    ("COUNTERCLAIM_BROKER_PORT", "99999", "from 1 to 65535"),
    ("COUNTERCLAIM_BROKER_PORT", "0", "from 1 to 65535"),
    ("COUNTERCLAIM_ENTITIES_METRICS_PORT", "http", "from 1 to 65535"),
    ("COUNTERCLAIM_QUOTES_METRICS_PORT", "70000", "from 1 to 65535"),
    ("KAFKA_BOOTSTRAP_SERVERS", "notahost", "host:port"),
    ("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2", "host:port"),
    ("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:99999", "ports from 1 to 65535"),
    ("KAFKA_BOOTSTRAP_SERVERS", "bad host:9092", "host:port"),
    ("COUNTERCLAIM_PARTITIONS", "2.5", "whole number"),
    ("COUNTERCLAIM_PARTITIONS", "0", "at least 1"),
    ("COUNTERCLAIM_BATCH_SIZE", "-3", "at least 1"),
    ("COUNTERCLAIM_ARTICLE_BUDGET_SECONDS", "0", "greater than 0"),
    ("COUNTERCLAIM_ARTICLE_BUDGET_SECONDS", "inf", "greater than 0"),
    ("COUNTERCLAIM_ARTICLE_BUDGET_SECONDS", "soon", "greater than 0"),
    ("KAFKA_SESSION_TIMEOUT_SECONDS", "nan", "greater than 0"),
    ("COUNTERCLAIM_METRICS_HOST", "not a host", "IP address or a host name"),
    ("KAFKA_SSL_CAFILE", "/nonexistent/ca.pem", "readable file"),
]


@pytest.mark.parametrize(("variable", "value", "allowed"), BAD)
def test_a_bad_value_is_refused_naming_the_variable_and_what_is_allowed(variable: str, value: str,
                                                                         allowed: str) -> None:
    with pytest.raises(SettingsError) as error:
        load_settings({variable: value})
    assert variable in str(error.value) and allowed in str(error.value)


def test_good_values_are_taken() -> None:
    settings = load_settings({
        "COUNTERCLAIM_LOG_LEVEL": "WARNING", "KAFKA_BOOTSTRAP_SERVERS": " kafka-1:9092, 10.0.0.2:9093,[::1]:9094 ",
        "COUNTERCLAIM_BROKER_PORT": "65535", "COUNTERCLAIM_ARTICLE_BUDGET_SECONDS": "2.5",
        "COUNTERCLAIM_METRICS_HOST": "127.0.0.1",
    })
    assert settings.log_level == "warning" and settings.embedded_port == 65535
    assert settings.bootstrap_servers == "kafka-1:9092,10.0.0.2:9093,[::1]:9094" and not settings.embedded
    assert settings.article_budget_seconds == 2.5 and load_settings({}).article_budget_seconds == 300.0


def test_the_run_dir_must_be_a_directory(tmp_path: Path) -> None:
    file = tmp_path / "a-file"
    file.write_text("x")
    for path in (file, file / "below"):
        with pytest.raises(SettingsError, match=r"COUNTERCLAIM_RUN_DIR.*is a file; use a directory"):
            load_settings({"COUNTERCLAIM_RUN_DIR": str(path)})
    assert load_settings({"COUNTERCLAIM_RUN_DIR": str(tmp_path / "new")}).run_dir == tmp_path / "new"


def test_metrics_ports_that_collide_or_overflow_are_refused() -> None:
    with pytest.raises(SettingsError, match=r"COUNTERCLAIM_QUOTES_METRICS_PORT.*COUNTERCLAIM_ENTITIES_METRICS_PORT"):
        load_settings({"COUNTERCLAIM_ENTITIES_METRICS_PORT": "9102"})
    with pytest.raises(SettingsError, match=r"quote instance 2.*9112"):  # quotes-2 lands on contradictions' port
        load_settings({"COUNTERCLAIM_CONTRADICTIONS_METRICS_PORT": "9112"})
    with pytest.raises(SettingsError, match="over 65535"):
        load_settings({"COUNTERCLAIM_QUOTES_METRICS_PORT": "65530"})


def test_the_heartbeat_must_be_shorter_than_the_session() -> None:
    with pytest.raises(SettingsError, match="KAFKA_HEARTBEAT_INTERVAL_SECONDS=3 must be less than"):
        load_settings({"KAFKA_HEARTBEAT_INTERVAL_SECONDS": "3"})
