"""Settings from the environment: security pass-through to both Kafka clients, secrets kept out of
reprs and logs, names validated."""

from __future__ import annotations

import logging
import ssl
from pathlib import Path

import faust
import pytest

from services.common.app import _credentials
from services.common.kafka import client_config, ssl_context
from services.common.settings import SettingsError, load_settings, topic_name

SECRET = "s3cr3t-Pa55word"
SASL = {"KAFKA_BOOTSTRAP_SERVERS": "kafka-1:9093,kafka-2:9093", "KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT",
        "KAFKA_SASL_USERNAME": "counterclaim", "KAFKA_SASL_PASSWORD": SECRET}


@pytest.mark.parametrize("mechanism", ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "scram-sha-512"])
def test_sasl_reaches_kafka_python_and_faust(mechanism: str) -> None:
    settings = load_settings({**SASL, "KAFKA_SASL_MECHANISM": mechanism})
    config = client_config(settings)
    assert config["bootstrap_servers"] == ["kafka-1:9093", "kafka-2:9093"]
    assert (config["security_protocol"], config["sasl_mechanism"]) == ("SASL_PLAINTEXT", mechanism.upper())
    assert (config["sasl_plain_username"], config["sasl_plain_password"]) == ("counterclaim", SECRET)
    credentials = _credentials(settings.security)
    assert isinstance(credentials, faust.SASLCredentials)
    assert credentials.mechanism.value == mechanism.upper() and credentials.protocol.value == "SASL_PLAINTEXT"
    assert (credentials.username, credentials.password, credentials.ssl_context) == ("counterclaim", SECRET, None)


def test_sasl_over_tls_carries_the_ca_to_both(tmp_path: Path) -> None:
    ca = _self_signed_ca(tmp_path)
    settings = load_settings({**SASL, "KAFKA_SECURITY_PROTOCOL": "SASL_SSL", "KAFKA_SASL_MECHANISM": "SCRAM-SHA-256",
                              "KAFKA_SSL_CAFILE": str(ca)})
    config = client_config(settings)
    assert config["security_protocol"] == "SASL_SSL" and config["ssl_cafile"] == str(ca)
    credentials = _credentials(settings.security)
    assert credentials.protocol.value == "SASL_SSL" and isinstance(credentials.ssl_context, ssl.SSLContext)


def test_tls_alone_and_plaintext(tmp_path: Path) -> None:
    ca = _self_signed_ca(tmp_path)
    tls = load_settings({"KAFKA_SECURITY_PROTOCOL": "SSL", "KAFKA_SSL_CAFILE": str(ca)})
    assert client_config(tls)["ssl_cafile"] == str(ca) and "sasl_mechanism" not in client_config(tls)
    credentials = _credentials(tls.security)
    assert isinstance(credentials, faust.SSLCredentials) and credentials.protocol.value == "SSL"
    plain = load_settings({})
    assert client_config(plain)["security_protocol"] == "PLAINTEXT" and _credentials(plain.security) is None
    assert ssl_context(plain.security) is None


def test_a_mechanism_without_a_sasl_protocol_is_not_half_applied() -> None:
    settings = load_settings({"KAFKA_SASL_MECHANISM": "PLAIN", "KAFKA_SASL_USERNAME": "u"})
    assert "sasl_mechanism" not in client_config(settings) and _credentials(settings.security) is None


@pytest.mark.parametrize(("env", "variable"), [
    ({"KAFKA_SECURITY_PROTOCOL": "SASL_SSL"}, "KAFKA_SASL_MECHANISM"),
    ({**SASL, "KAFKA_SASL_MECHANISM": "GSSAPI"}, "KAFKA_SASL_MECHANISM"),
    ({"KAFKA_SECURITY_PROTOCOL": "TLS"}, "KAFKA_SECURITY_PROTOCOL"),
    ({"COUNTERCLAIM_TOPIC_RAW": "raw articles"}, "COUNTERCLAIM_TOPIC_RAW"),
    ({"COUNTERCLAIM_GROUP_PREFIX": "a/b"}, "COUNTERCLAIM_GROUP_PREFIX"),
    ({"COUNTERCLAIM_MAX_ARTICLE_BYTES": "lots"}, "COUNTERCLAIM_MAX_ARTICLE_BYTES"),
    ({"COUNTERCLAIM_BATCH_SIZE": "0"}, "COUNTERCLAIM_BATCH_SIZE"),
    ({"COUNTERCLAIM_QUOTE_INSTANCES": "0"}, "COUNTERCLAIM_QUOTE_INSTANCES"),
    ({"COUNTERCLAIM_QUOTE_INSTANCES": "5"}, "COUNTERCLAIM_QUOTE_INSTANCES"),
])
def test_bad_settings_name_their_variable(env: dict[str, str], variable: str) -> None:
    with pytest.raises(SettingsError, match=variable):
        load_settings(env)


@pytest.mark.parametrize("name", ["", ".", "..", "a" * 250, "raw articles", "raw/articles", "räw"])
def test_illegal_topic_names_are_refused(name: str) -> None:
    with pytest.raises(SettingsError):
        topic_name(name, "X")


def test_defaults() -> None:
    settings = load_settings({})
    assert settings.embedded and settings.bootstrap_servers == "127.0.0.1:9092"
    assert settings.max_article_bytes == 1024 * 1024 and settings.topics.dead_letters == "dead-letters"
    assert load_settings({"COUNTERCLAIM_MAX_ARTICLE_BYTES": "4096"}).max_article_bytes == 4096
    assert settings.quote_instances == 2 and settings.partitions == 4


def test_the_password_never_shows(caplog: pytest.LogCaptureFixture) -> None:
    settings = load_settings({**SASL, "KAFKA_SASL_MECHANISM": "SCRAM-SHA-512"})
    assert SECRET not in repr(settings) and SECRET not in str(settings) and SECRET not in repr(settings.security)
    assert SECRET not in repr(_credentials(settings.security))
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("services").info("settings %s, credentials %r", settings, _credentials(settings.security))
    assert SECRET not in caplog.text


def test_no_pickle_anywhere() -> None:
    root = Path(__file__).resolve().parents[3]
    offenders = [str(path) for folder in ("services", "schemas") for path in (root / folder).rglob("*.py")
                 if "pickle" in path.read_text(encoding="utf-8").replace("no pickle", "")]
    assert offenders == []


def _self_signed_ca(folder: Path) -> Path:
    """A CA file ssl.create_default_context accepts: the system bundle, copied."""
    bundle = Path(ssl.get_default_verify_paths().openssl_cafile)
    if not bundle.is_file():
        pytest.skip(f"no CA bundle at {bundle}")
    target = folder / "ca.pem"
    target.write_bytes(bundle.read_bytes())
    return target
