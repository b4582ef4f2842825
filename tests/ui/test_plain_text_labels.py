"""Text from a download server, llama.cpp, a model file or the system is shown as written:
no label guesses that it is rich text (an <a href> there would even become a link)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from desktop.services.download_jobs import Job, JobState
from desktop.ui import plain_text
from desktop.ui.empty_state import EmptyState
from desktop.ui.model_manager_rows import DownloadRow

HOSTILE = '<b>Sign in</b> at <a href="file:///C:/setup.exe">hotel Wi-Fi</a><img src="x">'


def labels_showing(widget: QWidget, marker: str = "<b>Sign in</b>") -> list[QLabel]:
    found = [label for label in widget.findChildren(QLabel) if marker in label.text()]
    assert found, "the hostile text is shown somewhere"
    return found


def assert_plain(labels: list[QLabel]) -> None:
    for label in labels:
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName() or label.text()


def test_download_row_shows_server_notices_and_names_as_written(qtbot):
    job = Job("x", "import", f"{HOSTILE}.gguf", state=JobState.DOWNLOADING)
    row = DownloadRow(job)
    qtbot.addWidget(row)
    row.show_notice(f"ModelScope failed: {HOSTILE}; trying HF mirror instead.")
    assert_plain(labels_showing(row))
    row.update_job(replace(job, state=JobState.FAILED, message=HOSTILE))
    assert_plain(labels_showing(row))
    assert_plain([row.status])


def test_model_error_page_and_status_labels_are_plain(qtbot):
    page = EmptyState()
    qtbot.addWidget(page)
    page.show_state("The model could not be opened", f"llama.cpp: {HOSTILE}")
    assert_plain(labels_showing(page))
    assert_plain([page.title])


def test_model_name_and_metrics_in_the_status_bar_are_plain(qtbot, tmp_path):
    from desktop.app import Services
    from desktop.core.system.paths import DataDir
    from desktop.ui.main_window import MainWindow

    services = Services.create(DataDir(tmp_path / "data"))
    window = MainWindow(services.session, services.chat, services.history)
    qtbot.addWidget(window)
    try:
        assert_plain([window.model_label, window.metrics_label])
    finally:
        assert services.shutdown(5000)


@pytest.mark.parametrize("show", ["warning", "question"])
def test_message_boxes_show_their_text_as_written(qtbot, monkeypatch, show):
    seen = []

    def exec_box(box):
        seen.append(box)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    if show == "warning":
        plain_text.plain_warning(None, "Export failed", f"Could not write {HOSTILE}")
    else:
        assert plain_text.plain_question(None, "Delete model", HOSTILE) is False
    [box] = seen
    assert_plain(labels_showing(box))


def test_system_and_about_facts_are_plain(qtbot):
    from desktop.core.system.hardware import GiB, HardwareFacts, parse_system_info
    from desktop.ui.about_dialog import AboutDialog
    from desktop.ui.system_dialog import SystemDialog

    facts = HardwareFacts(
        cpu_model=HOSTILE, machine="x86_64", os=HOSTILE, physical_cores=4, logical_cores=8,
        llama_features=parse_system_info("CPU : AVX = 1 | AVX2 = 1 |"),
        llama_system_info="CPU : AVX = 1 | AVX2 = 1 |", total_ram=16 * GiB,
        available_ram=9 * GiB, models_dir="C:/ThinkDesk/models", disk_free=120 * GiB,
        memlock_limit=None,
    )  # fmt: skip
    dialog = SystemDialog(facts)
    qtbot.addWidget(dialog)
    assert_plain(labels_showing(dialog))
    assert_plain([dialog.model_label, dialog.reason_label])
    about = AboutDialog(build_info={"llama_cpp_python": "0.3", "error": HOSTILE})
    qtbot.addWidget(about)
    assert_plain(labels_showing(about))


def shown(tooltip: str) -> str:
    """What a tooltip shows: Qt renders it as rich text when it looks like rich text."""
    from PySide6 import QtGui

    if not QtGui.Qt.mightBeRichText(tooltip):
        return tooltip
    document = QtGui.QTextDocument()
    document.setHtml(tooltip)
    return document.toPlainText()


def test_tooltips_show_titles_and_paths_as_written(qtbot, tmp_path):
    from desktop.services.history import HistoryService
    from desktop.ui.conversation_list import ConversationList
    from desktop.ui.model_manager_rows import item

    history = HistoryService.open(tmp_path / "history.sqlite3", undo_ms=60_000)
    try:
        history.store.create_conversation(HOSTILE)
        sidebar = ConversationList(history)
        qtbot.addWidget(sidebar)
        tips = [sidebar.list.item(i).toolTip() for i in range(sidebar.list.count())]
        assert HOSTILE in [shown(tip) for tip in tips]
    finally:
        history.close()
    assert shown(item("x", f"Recommended\n{HOSTILE}").toolTip()) == f"Recommended\n{HOSTILE}"
