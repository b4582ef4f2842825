"""The settings service: round trip, validation, change signals, reset, migration, defaults."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import QSettings

from desktop.core.models.memory_fit import GiB
from desktop.services import settings as settings_module
from desktop.services.settings import DEFAULTS, SCHEMA_VERSION, Settings, SettingsError

#: A valid, non-default value for every key.
CHANGED = {
    "model/path": "/models/r1.gguf",
    "performance/threads": 1,
    "performance/threads_batch": 1,
    "performance/memory_budget_gb": 0.5,
    "performance/context_auto": False,
    "performance/context_length": 2048,
    "performance/use_mlock": True,
    "generation/temperature": 0.7,
    "generation/top_p": 0.9,
    "generation/max_tokens": 1024,
    "generation/repeat_penalty": 1.1,
    "generation/seed": 42,
    "generation/instructions": "Answer briefly.",
    "generation/thinking_display": "hidden",
    "generation/thinking_budget": 2048,
    "chat/send_key": "ctrl_enter",
    "models/extra_catalog": "/srv/company-catalog.json",
    "appearance/language": "zh_TW",
    "appearance/font_size": 18,
    "appearance/theme": "dark",
    "network/source": "hf-mirror",
    "network/modelscope_endpoint": "http://127.0.0.1:8001",
    "network/hf_mirror_endpoint": "https://mirror.example.com/hf",
    "network/hf_endpoint": "http://localhost:9000",
    "network/offline": True,
    "sharing/enabled": True,
    "sharing/network": True,
    "sharing/port": 8181,
    "sharing/api_key": "k3y",
    "engine/kind": "remote",
    "engine/server_url": "http://gpu-box:8080",
    "engine/server_model": "deepseek-r1-32b",
    "measured/load_bytes_per_s": 180e6,
    "measured/load_machine": "0123456789abcdef",
}


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(tmp_path / "settings.ini")


def record(settings: Settings) -> list[tuple[str, object]]:
    seen: list[tuple[str, object]] = []
    settings.changed.connect(lambda key, value: seen.append((key, value)))
    return seen


def test_every_key_has_a_default_of_its_type_and_a_valid_change():
    assert set(CHANGED) == set(DEFAULTS)
    for key, (kind, default) in DEFAULTS.items():
        assert isinstance(default, kind), key
        assert settings_module.validate(key, default) is None, key
        assert settings_module.validate(key, CHANGED[key]) is None, key
        assert CHANGED[key] != default, key


def test_network_keys_are_the_ones_the_downloader_reads(settings):
    assert settings.value("network/source") == "auto"
    assert settings.value("network/modelscope_endpoint") == "https://www.modelscope.cn"
    assert settings.value("network/hf_mirror_endpoint") == "https://hf-mirror.com"
    assert settings.value("network/hf_endpoint") == "https://huggingface.co"
    assert settings.value("network/offline") is False and not settings.offline()


def test_round_trip_through_the_file(settings, tmp_path):
    seen = record(settings)
    settings.set_values(CHANGED)
    assert sorted(key for key, _ in seen) == sorted(CHANGED)
    again = Settings(tmp_path / "settings.ini")
    for key, value in CHANGED.items():
        assert again.value(key) == value and type(again.value(key)) is type(value), key


def test_changed_only_on_real_change(settings):
    seen = record(settings)
    settings.set_value("generation/temperature", 0.6)  # the default: no change
    settings.set_value("generation/temperature", 0.8)
    settings.set_value("generation/temperature", 0.8)
    assert seen == [("generation/temperature", 0.8)]
    settings.set_value("generation/temperature", 1)  # an int is fine for a float key
    assert seen[-1] == ("generation/temperature", 1.0)


@pytest.mark.parametrize(
    ("key", "value", "match"),
    [
        ("generation/temperature", 2.5, "between"),
        ("generation/top_p", 0.0, "between"),
        ("performance/threads", 100_000, "between"),
        ("performance/memory_budget_gb", 0.2, "between"),
        ("performance/context_length", 100, "between"),
        ("appearance/font_size", 3, "between"),
        ("appearance/theme", "purple", "one of"),
        ("network/source", "ftp", "one of"),
        ("network/hf_endpoint", "hf-mirror.com", "not a valid address"),
        ("network/hf_endpoint", "https://", "not a valid address"),
        ("network/modelscope_endpoint", "ftp://example.com", "not a valid address"),
        ("network/hf_mirror_endpoint", "https://exa mple.com", "not a valid address"),
        ("generation/instructions", "x" * 5000, "limited"),
    ],
)
def test_invalid_values_are_refused_and_never_stored(settings, key, value, match):
    seen = record(settings)
    with pytest.raises(SettingsError, match=match) as caught:
        settings.set_value(key, value)
    assert caught.value.key == key
    assert settings.value(key) == DEFAULTS[key][1] and seen == []
    assert settings.validate(key, value)


def test_wrong_types_are_refused(settings):
    with pytest.raises(TypeError):
        settings.set_value("performance/threads", "4")
    with pytest.raises(TypeError):
        settings.set_value("performance/threads", True)
    with pytest.raises(TypeError):
        settings.set_value("network/offline", 1)


def test_set_values_is_all_or_nothing(settings):
    seen = record(settings)
    with pytest.raises(SettingsError):
        settings.set_values({"generation/temperature": 0.9, "network/hf_endpoint": "nope"})
    assert settings.value("generation/temperature") == 0.6 and seen == []


def test_reset_to_defaults_keeps_the_model_and_signals_what_changed(settings):
    settings.set_values({"model/path": "/m.gguf", "generation/seed": 7, "appearance/theme": "dark"})
    seen = record(settings)
    changed = settings.reset_to_defaults()
    assert sorted(changed) == ["appearance/theme", "generation/seed"]
    assert sorted(seen) == [("appearance/theme", "system"), ("generation/seed", -1)]
    assert settings.value("model/path") == "/m.gguf"


def test_hand_edited_garbage_falls_back_to_the_default(tmp_path):
    store = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    store.setValue("schema_version", SCHEMA_VERSION)
    store.setValue("performance/threads", "lots")
    store.setValue("generation/temperature", "9.5")
    store.setValue("appearance/theme", "neon")
    store.sync()
    settings = Settings(tmp_path / "s.ini")
    assert settings.value("performance/threads") == 0
    assert settings.value("generation/temperature") == 0.6
    assert settings.value("appearance/theme") == "system"


def test_version_1_files_are_migrated(tmp_path):
    old = QSettings(str(tmp_path / "v1.ini"), QSettings.Format.IniFormat)
    old.setValue("schema_version", 1)
    old.setValue("performance/context_length", 2048)
    old.sync()
    settings = Settings(tmp_path / "v1.ini")
    assert settings.schema_version == SCHEMA_VERSION
    # Someone who chose a context length in version 1 keeps it rather than getting Auto.
    assert settings.context_length() == 2048
    fresh = Settings(tmp_path / "new.ini")
    assert fresh.schema_version == SCHEMA_VERSION and fresh.context_length() is None


def test_defaults_follow_the_hardware(settings, monkeypatch):
    import psutil

    monkeypatch.setattr(psutil, "cpu_count", lambda logical=True: 16 if logical else 6)
    monkeypatch.setattr(psutil, "virtual_memory", lambda: SimpleNamespace(total=16 * GiB))
    assert settings.threads() == 6  # physical cores
    assert settings.threads_batch() == 6
    assert settings.validate("performance/threads", 16) is None
    assert settings.validate("performance/threads", 17)  # beyond the logical cores
    assert settings.validate("performance/memory_budget_gb", 16.0) is None
    assert settings.validate("performance/memory_budget_gb", 17.0)
    assert settings.memory_budget_bytes() is None  # auto
    settings.set_values({"performance/threads": 3, "performance/memory_budget_gb": 4.5})
    assert settings.threads() == 3 and settings.threads_batch() == 3
    assert settings.memory_budget_bytes() == int(4.5 * GiB)


def test_the_load_rate_is_kept_per_machine_and_smoothed(tmp_path, monkeypatch):
    settings = Settings(tmp_path / "s.ini")
    assert settings.load_rate() is None  # never measured
    assert settings.record_load(1_000_000, 0.01) is None  # a tiny file tells nothing
    assert settings.load_rate() is None
    assert settings.record_load(2_000_000_000, 10.0) == 200e6
    assert settings.record_load(2_000_000_000, 20.0) == 150e6
    assert Settings(tmp_path / "s.ini").load_rate() == 150e6  # after a restart
    # The same data folder on another PC (a portable copy): its rate is not this one's.
    monkeypatch.setattr(settings_module, "machine_key", lambda: "another-pc")
    assert Settings(tmp_path / "s.ini").load_rate() is None
    assert settings.record_load(2_000_000_000, 40.0) == 50e6  # not blended with the other PC's


def test_restore_defaults_keeps_the_measured_rate(tmp_path):
    settings = Settings(tmp_path / "s.ini")
    settings.record_load(2_000_000_000, 10.0)
    settings.reset_to_defaults()
    assert settings.load_rate() == 200e6
