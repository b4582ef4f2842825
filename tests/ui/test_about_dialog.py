"""Tests for the About dialog (desktop.ui.about_dialog)."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QApplication, QLabel, QTreeWidgetItem

from desktop import __version__
from desktop.core.models.catalog import resources_dir
from desktop.ui.about_dialog import AboutDialog, app_icon, installed_version, load_components

PORTABLE = {
    "llama_cpp_python": "0.3.36",
    "system_info": "CPU : SSE3 = 1 | AVX = 1 | AVX2 = 1 | AVX512 = 0 |",
    "features": {"CPU": {"SSE3": "1", "AVX": "1", "AVX2": "1", "AVX512": "0"}},
    "backends": ["CPU"],
    "portable": True,
    "variants": ["x64", "sse42", "sandybridge", "haswell", "skylakex"],
    "cpu_variant": "haswell",
    "cpu_variant_label": "AVX2",
    "lib_dir": "/opt/thinkdesk/_internal/llama_cpp/lib",
}


def rows(dialog: AboutDialog) -> dict[str, QTreeWidgetItem]:
    tree = dialog.tree
    found = {}
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        for j in range(group.childCount()):
            found[group.child(j).text(0)] = group.child(j)
    return found


def test_shows_version_and_the_cpu_variant_in_use(qtbot):
    dialog = AboutDialog(build_info=PORTABLE)
    qtbot.addWidget(dialog)
    assert __version__ in dialog.findChild(QLabel, "aboutVersion").text()
    engine = dialog.findChild(QLabel, "aboutEngine").text()
    assert "0.3.36" in engine and "haswell (AVX2)" in engine
    assert dialog.findChild(QLabel, "cpuVariant").text() == "haswell (AVX2)"
    features = dialog.findChild(QLabel, "cpuFeatures").text()
    assert "AVX2" in features and "AVX512" not in features  # only what is switched on


def test_lists_every_bundled_component_and_the_model_licences(qtbot):
    dialog = AboutDialog(build_info=PORTABLE)
    qtbot.addWidget(dialog)
    listed = rows(dialog)
    licences = {name: item.text(2) for name, item in listed.items()}
    assert licences["Qt 6 / PySide6"] == "LGPL-3.0-only"
    assert licences["llama.cpp (ggml)"] == "MIT"
    assert licences["llama-cpp-python"] == "MIT"
    assert licences["Python"] == "PSF-2.0"
    assert licences["DeepSeek-R1-Distill-Qwen models"] == "MIT"
    assert licences["Qwen2.5-Math base models"] == "Apache-2.0"
    for name in ("numpy", "Jinja2", "psutil", "gguf"):
        assert name in licences, name


def test_selecting_a_component_shows_its_licence_text(qtbot):
    dialog = AboutDialog(build_info=PORTABLE)
    qtbot.addWidget(dialog)
    listed = rows(dialog)
    dialog.tree.setCurrentItem(listed["Qt 6 / PySide6"])
    text = dialog.licence_text.toPlainText()
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in text
    dialog.tree.setCurrentItem(listed["llama.cpp (ggml)"])
    assert "The ggml authors" in dialog.licence_text.toPlainText()
    dialog.tree.setCurrentItem(listed["Qwen2.5-Math base models"])
    assert "Apache License" in dialog.licence_text.toPlainText()


def test_every_listed_licence_file_ships():
    folder = resources_dir() / "licenses"
    components = load_components(folder)
    assert len(components) >= 10
    for component in components:
        text = (folder / component["file"]).read_text(encoding="utf-8")
        assert len(text) > 200, component["file"]


def test_versions_are_the_running_ones(qtbot):
    from PySide6.QtCore import qVersion

    assert installed_version({"name": "Qt 6 / PySide6", "version": ""}) == qVersion()
    assert installed_version({"name": "x", "distribution": "numpy", "version": "0"}) != "0"
    assert installed_version({"name": "x", "distribution": "no-such-dist", "version": "9"}) == "9"


def test_copy_details_puts_support_facts_on_the_clipboard(qtbot):
    dialog = AboutDialog(build_info=PORTABLE)
    qtbot.addWidget(dialog)
    dialog.copy_details()
    copied = QApplication.clipboard().text()
    assert f"ThinkDesk {__version__}" in copied
    assert "CPU backend haswell AVX2" in copied
    assert "AVX2 = 1" in copied


def test_real_build_info_and_icon(qtbot):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert dialog.build_info["llama_cpp_python"]
    assert not app_icon().isNull()
    assert len(app_icon().availableSizes()) >= 5


def test_components_json_is_valid():
    data = json.loads((resources_dir() / "licenses" / "components.json").read_text("utf-8"))
    kinds = {c["kind"] for c in data["components"]}
    assert {"runtime", "library", "model"} <= kinds
