"""An error saved with an answer is shown in the UI language of the day it is read, not the
one it was saved in (issue 14, item 14)."""

from __future__ import annotations

from test_translations import translated  # noqa: F401  (restores font and locale after)

from desktop.core.system.i18n import QT_TRANSLATE_NOOP, UserMessage, from_stored, to_stored
from desktop.services.i18n import translate_message
from desktop.storage.history import HistoryStore

TOO_LONG = QT_TRANSLATE_NOOP(
    "Engine",
    "The question is too long for the model's context ({tokens} tokens of {n_ctx}). "
    "Shorten it or raise the context length in Settings.",
)


def test_a_stored_error_is_translated_when_read_back(translated, tmp_path):  # noqa: F811
    path = tmp_path / "history.sqlite3"
    store = HistoryStore(path)
    cid = store.create_conversation("q")
    store.add_message(cid, "user", "a very long question")
    mid = store.add_message(cid, "assistant", status="streaming")
    store.update_message(mid, status="failed", error=TOO_LONG.format(tokens=5000, n_ctx=4096))
    store.close()
    store = HistoryStore(path)
    error = store.thread(cid)[-1].error
    store.close()
    assert isinstance(error, UserMessage) and error.startswith("The question is too long")
    translated("zh_CN")
    shown = translate_message(error)
    assert "5000" in shown and "The question" not in shown
    assert any("\u4e00" <= ch <= "\u9fff" for ch in shown)


def test_plain_text_errors_round_trip_unchanged():
    assert from_stored(to_stored("disk full")) == "disk full"
    assert from_stored(None) is None


def test_the_about_box_translates_the_built_in_backend(translated, qtbot):  # noqa: F811
    from PySide6.QtWidgets import QLabel

    from desktop.core.system.llama_info import llama_build_info
    from desktop.ui.about_dialog import AboutDialog

    label = QT_TRANSLATE_NOOP("LlamaInfo", "compiled for one CPU type")
    info = {**llama_build_info(), "cpu_variant": "built-in", "variants": [], "portable": False,
            "cpu_variant_label": label}  # fmt: skip
    translated("zh_TW")
    dialog = AboutDialog(build_info=info)
    qtbot.addWidget(dialog)
    shown = dialog.findChild(QLabel, "cpuVariant").text()
    assert shown == "內建 (為一種 CPU 類型編譯)"
