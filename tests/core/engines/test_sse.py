"""The SSE decoder, the host rules for offline mode and proxies, and the key store fallback."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.engines.remote_http import SocketCutter, open_session
from desktop.core.engines.sse import MalformedEvent, SSEDecoder, parse_event
from desktop.core.system.credentials import CredentialStore
from desktop.core.system.hosts import is_local_host

STREAM = (
    b": keep-alive\r\n\r\n"
    b'data: {"a": 1}\r\n\r\n'
    b"event: message\ndata: first\ndata: second\n\n"
    b"id: 7\nretry: 100\n\n" + 'data: {"t": "\u6f22\u5b57"}\n\n'.encode() + b"data: [DONE]\n\n"
)


@given(st.lists(st.integers(min_value=0, max_value=len(STREAM)), max_size=12))
def test_events_survive_any_split_of_the_bytes(cuts):
    decoder = SSEDecoder()
    events: list[str] = []
    edges = [0, *sorted(cuts), len(STREAM)]
    for a, b in itertools.pairwise(edges):
        events += decoder.feed(STREAM[a:b])
    events += decoder.flush()
    assert events == ['{"a": 1}', "first\nsecond", '{"t": "漢字"}', "[DONE]"]
    assert decoder.comments == 1


def test_an_event_without_its_blank_line_counts_at_the_end():
    decoder = SSEDecoder()
    assert decoder.feed(b"data: last") == []
    assert decoder.flush() == ["last"]


@pytest.mark.parametrize("data", ["{not json", "[1, 2]", '"text"'])
def test_malformed_event_data_is_named(data):
    with pytest.raises(MalformedEvent):
        parse_event(data)


@pytest.mark.parametrize(
    "host, local",
    [
        ("127.0.0.1", True), ("::1", True), ("localhost", True), ("10.1.2.3", True),
        ("192.168.0.20", True), ("172.16.5.4", True), ("fd00::1", True), ("169.254.1.1", True),
        ("gpu-box", True), ("gpu.local", True), ("8.8.8.8", False), ("2001:4860::8888", False),
    ],
)  # fmt: skip
def test_local_network_hosts(host, local):
    assert is_local_host(host) is local


def test_a_public_name_is_not_local_without_resolving_it():
    assert is_local_host("api.deepseek.com", resolve=False) is False


def test_local_hosts_bypass_the_system_proxy(monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", "http://proxy.example:3128")
    assert open_session("http://192.168.1.5:8080", SocketCutter()).trust_env is False
    assert open_session("https://api.deepseek.com", SocketCutter()).trust_env is True


def test_no_credential_store_keeps_the_key_for_this_run(monkeypatch):
    import keyring
    from keyring.backends import fail

    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    store = CredentialStore("ThinkDesk-test")
    assert not store.persistent and store.problem
    assert store.set("http://gpu:8080", "sk-1") is False
    assert store.get("http://gpu:8080") == "sk-1"
    assert CredentialStore("ThinkDesk-test").get("http://gpu:8080") == ""


def test_a_credential_store_keeps_the_key(monkeypatch):
    import keyring
    from keyring.backend import KeyringBackend

    class Memory(KeyringBackend):
        priority = 1
        saved: dict = {}  # noqa: RUF012

        def get_password(self, service, username):
            return self.saved.get((service, username))

        def set_password(self, service, username, password):
            self.saved[(service, username)] = password

        def delete_password(self, service, username):
            self.saved.pop((service, username), None)

    monkeypatch.setattr(keyring, "get_keyring", lambda: Memory())
    monkeypatch.setattr(keyring, "get_password", Memory().get_password)
    monkeypatch.setattr(keyring, "set_password", Memory().set_password)
    monkeypatch.setattr(keyring, "delete_password", Memory().delete_password)
    assert CredentialStore().set("http://gpu:8080", "sk-2") is True
    assert CredentialStore().get("http://gpu:8080") == "sk-2"
    assert CredentialStore().set("http://gpu:8080", "") is True
    assert CredentialStore().get("http://gpu:8080") == ""
