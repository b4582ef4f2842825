"""Words a new user trips over (issue 14, item 12): one label per setting, no alarming
"Verified: No" for a checked import, the file checked before the copy question, and the
undo bar keeping the start of the title."""

from __future__ import annotations

from test_conversation_list import add, history  # noqa: F401  (the fixture)
from test_model_manager_banner import dialog_for, manager  # noqa: F401  (the fixture)
from test_settings_dialog import HARDWARE, settings  # noqa: F401  (the fixture)

from desktop.ui import import_check
from desktop.ui.conversation_list import ConversationList
from desktop.ui.settings_dialog import SettingsDialog


def combo_texts(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_the_download_source_has_one_set_of_labels(qtbot, manager, settings):  # noqa: F811
    models = dialog_for(qtbot, manager)
    page = models.page
    dialog = SettingsDialog(settings, HARDWARE)
    qtbot.addWidget(dialog)
    assert combo_texts(page.source_combo) == combo_texts(dialog.fields["network/source"])
    assert combo_texts(page.source_combo)[0] == "Auto (try each source in turn)"


def test_a_checked_import_outside_the_catalog_is_not_called_unverified(qtbot, manager,  # noqa: F811
                                                                       model_copy):  # fmt: skip
    models = dialog_for(qtbot, manager)
    page = models.page
    with qtbot.waitSignal(manager.installed_changed, timeout=60_000):
        page.import_paths([str(model_copy)], copy=False)
    cell = page.installed_table.item(0, 5)
    assert cell.text() == "Checked (not in the catalog)" and "test-loaded" in cell.toolTip()


def test_a_bad_file_is_refused_before_the_copy_question(qtbot, manager, bad_magic_model,  # noqa: F811
                                                         model_copy, monkeypatch):  # fmt: skip
    models = dialog_for(qtbot, manager)
    page = models.page
    warnings = []
    monkeypatch.setattr(import_check.QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    monkeypatch.setattr(import_check.QMessageBox, "exec", lambda box: warnings.append("asked"))
    page.import_paths([str(bad_magic_model)])
    assert len(warnings) == 1 and bad_magic_model.name in warnings[0]
    assert manager.jobs() == []  # nothing queued
    checked = import_check.check_paths([str(bad_magic_model), str(model_copy)])
    assert checked.files == [model_copy] and len(checked.problems) == 1


def test_the_undo_bar_keeps_the_start_of_the_title(qtbot, history):  # noqa: F811
    title = "Chickens and rabbits share a cage: 35 heads and 94 feet in all. How many?"
    cid = add(history, title, "q", "a")
    sidebar = ConversationList(history)
    qtbot.addWidget(sidebar)
    sidebar.resize(260, 400)
    sidebar.show()
    history.delete_conversation(cid)
    text = sidebar.undo_label.text()
    assert text.startswith("Deleted “Chickens") and text.endswith("…”"), text
