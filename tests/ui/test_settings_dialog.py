"""The settings pane drives the settings service: edits are stored on OK, invalid input is
refused with a message, defaults come back, and the memory breakdown follows the fields."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.core.models.memory_fit import GiB, ModelFacts
from desktop.core.system.hardware import HardwareFacts
from desktop.services.settings import APP_KEPT_KEYS, DEFAULTS, Settings
from desktop.ui.settings_dialog import SettingsDialog

HARDWARE = HardwareFacts(
    cpu_model="Test CPU",
    machine="x86_64",
    os="TestOS",
    physical_cores=4,
    logical_cores=8,
    total_ram=16 * GiB,
    available_ram=10 * GiB,
    memlock_limit=None,
)
#: DeepSeek-R1-Distill-Qwen-1.5B Q4_K_M as the catalog describes it.
FACTS = ModelFacts(1_117_320_576, 28, 2, 128, 131072, n_head=12, name="R1 1.5B")


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(tmp_path / "settings.ini")


@pytest.fixture
def dialog(qtbot, settings) -> SettingsDialog:
    dialog = SettingsDialog(settings, HARDWARE, FACTS, auto_budget_bytes=8 * GiB)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def click(qtbot, dialog: SettingsDialog, which: QDialogButtonBox.StandardButton) -> None:
    qtbot.mouseClick(dialog.buttons.button(which), Qt.MouseButton.LeftButton)


def test_every_setting_but_the_model_and_measurements_has_a_field(dialog):
    assert set(dialog.fields) == set(DEFAULTS) - APP_KEPT_KEYS


def test_fields_show_the_stored_values(qtbot, settings):
    settings.set_values({"performance/threads": 1, "network/source": "modelscope"})
    dialog = SettingsDialog(settings, HARDWARE)
    qtbot.addWidget(dialog)
    assert dialog.fields["performance/threads"].value() == 1
    assert dialog.fields["network/source"].currentData() == "modelscope"
    assert dialog.fields["performance/threads"].maximum() >= 1


def test_changing_a_field_and_ok_stores_it(qtbot, dialog, settings):
    seen = []
    settings.changed.connect(lambda key, value: seen.append((key, value)))
    dialog.fields["performance/threads"].setValue(1)
    dialog.fields["generation/thinking_display"].setCurrentIndex(1)
    dialog.fields["network/offline"].setChecked(True)
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        click(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert settings.value("performance/threads") == 1
    assert settings.value("generation/thinking_display") == "collapsed"
    assert settings.offline()
    assert sorted(key for key, _ in seen) == [
        "generation/thinking_display",
        "network/offline",
        "performance/threads",
    ]


def test_cancel_stores_nothing(qtbot, dialog, settings):
    dialog.fields["generation/temperature"].setValue(1.2)
    click(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)
    assert settings.value("generation/temperature") == 0.6


@pytest.mark.parametrize(
    ("key", "bad", "tab", "words"),
    [
        ("network/hf_endpoint", "hf-mirror.com", 3, "web address"),
        ("performance/memory_budget_gb", 0.2, 0, "0.5 GB"),
        ("appearance/font_size", 3, 2, "6 to 72"),
    ],
)
def test_invalid_input_is_refused_with_a_message(qtbot, dialog, settings, key, bad, tab, words):
    editor = dialog.fields[key]
    dialog.fields["generation/seed"].setValue(5)  # a valid edit that must not be stored either
    if isinstance(bad, str):
        editor.setText(bad)
    else:
        editor.setValue(bad)
    click(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert dialog.isVisible() and dialog.error_label.isVisible()
    assert words in dialog.error_label.text()
    assert dialog.tabs.currentIndex() == tab
    assert settings.value(key) == DEFAULTS[key][1] and settings.value("generation/seed") == -1


def test_apply_stores_and_keeps_the_dialog_open(qtbot, dialog, settings):
    dialog.fields["network/modelscope_endpoint"].setText("  http://127.0.0.1:8080  ")
    click(qtbot, dialog, QDialogButtonBox.StandardButton.Apply)
    assert dialog.isVisible() and not dialog.error_label.isVisible()
    assert settings.value("network/modelscope_endpoint") == "http://127.0.0.1:8080"


def test_reset_to_defaults_fills_the_fields_and_ok_stores_them(qtbot, settings):
    settings.set_values({"appearance/theme": "dark", "generation/seed": 9, "model/path": "/m"})
    dialog = SettingsDialog(settings, HARDWARE)
    qtbot.addWidget(dialog)
    click(qtbot, dialog, QDialogButtonBox.StandardButton.RestoreDefaults)
    assert dialog.fields["appearance/theme"].currentData() == "system"
    assert settings.value("appearance/theme") == "dark"  # not until OK
    dialog.accept()
    assert (
        settings.value("appearance/theme") == "system" and settings.value("generation/seed") == -1
    )
    assert settings.value("model/path") == "/m"


def test_memory_breakdown_follows_budget_and_context(dialog):
    page = dialog.performance
    assert "Fits in 8.0 GB" in page.breakdown.text() and "8,192 tokens" in page.breakdown.text()
    page.budget.setValue(1.5)
    assert "reduced from 8,192" in page.breakdown.text()
    page.budget.setValue(1.0)
    assert "Does not fit" in page.breakdown.text()
    assert not dialog.fields["performance/context_length"].isEnabled()
    dialog.fields["performance/context_auto"].setChecked(False)
    assert dialog.fields["performance/context_length"].isEnabled()


def test_without_a_model_the_breakdown_explains_itself(qtbot, settings):
    dialog = SettingsDialog(settings, HARDWARE)
    qtbot.addWidget(dialog)
    assert "Open a model" in dialog.performance.breakdown.text()
    assert "16.0 GB" in dialog.performance.breakdown.text()


def test_mlock_warns_when_the_os_limit_forbids_it(qtbot, settings):
    limited = dataclasses.replace(HARDWARE, memlock_limit=8 << 20)
    dialog = SettingsDialog(settings, limited, FACTS)
    qtbot.addWidget(dialog)
    dialog.show()
    warning = dialog.performance.mlock_warning
    assert not warning.isVisible()
    dialog.fields["performance/use_mlock"].setChecked(True)
    assert warning.isVisible() and "8 MB" in warning.text()


def test_offline_greys_out_the_download_fields(dialog):
    dialog.fields["network/offline"].setChecked(True)
    assert not dialog.fields["network/source"].isEnabled()
    assert not dialog.fields["network/hf_endpoint"].isEnabled()
