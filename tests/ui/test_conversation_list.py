"""The conversations sidebar over a real HistoryService and SQLite file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.services.history import HistoryService
from desktop.ui import conversation_list
from desktop.ui.conversation_list import DETAIL_ROLE, HEADER_ROLE, ConversationList


@pytest.fixture
def history(tmp_path):
    service = HistoryService.open(tmp_path / "history.sqlite3", undo_ms=60_000)
    yield service
    service.close()


def add(history: HistoryService, title: str, question: str, answer: str, pinned=False) -> int:
    store = history.store
    cid = store.create_conversation(title)
    store.add_message(cid, "user", question)
    store.add_message(cid, "assistant", answer)
    if pinned:
        store.set_pinned(cid, True)
    return cid


@pytest.fixture
def filled(history):
    ids = {
        "zh": add(history, "鸡兔同笼", "一个笼子里有鸡和兔子共35只", "想</think>鸡23只"),
        "en": add(history, "Weekday puzzle", "If today is Wednesday?", "mod 7</think>Friday"),
        "tw": add(history, "證明奇數的平方", "證明奇數的平方是奇數", "設</think>成立", pinned=True),
    }
    return history, ids


@pytest.fixture
def sidebar(qtbot, filled):
    history, _ids = filled
    widget = ConversationList(history)
    qtbot.addWidget(widget)
    widget.resize(280, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def rows(widget: ConversationList) -> list[tuple[str, bool]]:
    items = (widget.list.item(i) for i in range(widget.list.count()))
    return [(item.text(), bool(item.data(HEADER_ROLE))) for item in items]


def test_pinned_first_under_headers_then_most_recent(sidebar, filled):
    _history, ids = filled
    assert sidebar.conversation_ids() == [ids["tw"], ids["en"], ids["zh"]]
    assert rows(sidebar) == [
        ("Pinned", True),
        ("證明奇數的平方", False),
        ("Recent", True),
        ("Weekday puzzle", False),
        ("鸡兔同笼", False),
    ]
    assert not sidebar.list.item(0).flags() & Qt.ItemFlag.ItemIsSelectable  # headers skipped


def test_every_control_has_an_accessible_name(sidebar):
    assert sidebar.list.accessibleName() == "Conversations"
    assert sidebar.search.accessibleName() == "Search conversations"
    assert sidebar.new_button.accessibleName() == "New chat"
    assert sidebar.undo_button.accessibleName() == "Undo delete"
    spoken = sidebar.item_for(sidebar.conversation_ids()[0]).data(
        Qt.ItemDataRole.AccessibleTextRole
    )
    assert spoken.startswith("證明奇數的平方, pinned, ")


def test_choosing_a_row_asks_to_open_it_and_opening_elsewhere_selects_it(qtbot, sidebar, filled):
    history, ids = filled
    with qtbot.waitSignal(sidebar.conversation_selected) as blocker:
        rect = sidebar.list.visualItemRect(sidebar.item_for(ids["en"]))
        qtbot.mouseClick(sidebar.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [ids["en"]]
    with qtbot.assertNotEmitted(sidebar.conversation_selected):
        history.open_conversation(ids["zh"])
    assert sidebar.list.currentItem().data(conversation_list.ID_ROLE) == ids["zh"]
    with qtbot.waitSignal(sidebar.conversation_selected) as blocker:
        qtbot.keyClick(sidebar.list, Qt.Key.Key_Up)  # arrow keys work too
    assert blocker.args == [ids["en"]]
    with qtbot.assertNotEmitted(sidebar.conversation_selected):
        history.new_conversation()
    assert sidebar.list.currentItem() is None


def test_new_chat_button(qtbot, sidebar):
    with qtbot.waitSignal(sidebar.new_chat_requested):
        qtbot.mouseClick(sidebar.new_button, Qt.MouseButton.LeftButton)


def test_f2_renames_in_place(qtbot, sidebar, filled):
    history, ids = filled
    sidebar.list.setCurrentItem(sidebar.item_for(ids["en"]))
    sidebar.list.setFocus()
    qtbot.keyClick(sidebar.list, Qt.Key.Key_F2)
    editor = sidebar.list.findChild(QLineEdit)
    assert editor is not None and editor.text() == "Weekday puzzle"
    history.conversations_changed.emit()  # a refresh while renaming must not kill the editor
    editor.selectAll()
    editor.insert("星期几")  # QTest can only type ASCII
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits on a queued call.
    qtbot.waitUntil(lambda: history.store.conversation(ids["en"]).title == "星期几")
    qtbot.waitUntil(lambda: sidebar.item_for(ids["en"]).text() == "星期几")


def test_an_empty_name_is_not_saved(qtbot, sidebar, filled):
    history, ids = filled
    sidebar.list.setCurrentItem(sidebar.item_for(ids["zh"]))
    sidebar.rename_current()
    editor = sidebar.list.findChild(QLineEdit)
    editor.clear()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: sidebar.item_for(ids["zh"]).text() == "鸡兔同笼")
    assert history.store.conversation(ids["zh"]).title == "鸡兔同笼"


def test_delete_key_hides_it_and_the_bar_undoes_it(qtbot, sidebar, filled):
    history, ids = filled
    sidebar.list.setCurrentItem(sidebar.item_for(ids["zh"]))
    sidebar.list.setFocus()
    qtbot.keyClick(sidebar.list, Qt.Key.Key_Delete)
    assert ids["zh"] not in sidebar.conversation_ids()
    assert sidebar.undo_bar.isVisible() and "鸡兔同笼" in sidebar.undo_label.toolTip()
    qtbot.mouseClick(sidebar.undo_button, Qt.MouseButton.LeftButton)
    assert not sidebar.undo_bar.isVisible()
    assert ids["zh"] in sidebar.conversation_ids()
    assert history.store.conversation(ids["zh"]).deleted_at is None


def test_the_undo_bar_goes_away_by_itself(qtbot, sidebar, filled, monkeypatch):
    _history, ids = filled
    sidebar._undo_timer.setInterval(50)
    sidebar.list.setCurrentItem(sidebar.item_for(ids["en"]))
    sidebar.delete_current()
    assert sidebar.undo_bar.isVisible()
    qtbot.waitUntil(lambda: not sidebar.undo_bar.isVisible(), timeout=2000)
    sidebar.undo_delete()  # too late from the sidebar's point of view
    assert ids["en"] not in sidebar.conversation_ids()


def test_search_filters_by_message_text_with_snippets(qtbot, sidebar, filled):
    _history, ids = filled
    sidebar.search.insert("兔子")  # QTest can only type ASCII
    assert len(sidebar.conversation_ids()) == 3  # debounced: nothing yet
    qtbot.waitUntil(lambda: sidebar.conversation_ids() == [ids["zh"]], timeout=2000)
    assert "鸡和兔子共35只" in sidebar.item_for(ids["zh"]).data(DETAIL_ROLE)
    sidebar.search.setText("wednesday")
    qtbot.waitUntil(lambda: sidebar.conversation_ids() == [ids["en"]], timeout=2000)
    sidebar.search.setText("no such thing")
    qtbot.waitUntil(lambda: rows(sidebar) == [("No chats match", True)], timeout=2000)
    sidebar.search.setFocus()
    qtbot.keyClick(sidebar.search, Qt.Key.Key_Escape)
    assert sidebar.search.text() == ""
    qtbot.waitUntil(lambda: len(sidebar.conversation_ids()) == 3, timeout=2000)


def test_ctrl_f_focuses_the_search_box(qtbot, sidebar):
    sidebar.activateWindow()
    sidebar.list.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is sidebar.list)
    qtbot.keyClick(sidebar.list, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert sidebar.search.hasFocus()


def test_context_menu_pins_and_offers_export(qtbot, sidebar, filled):
    history, ids = filled
    rect = sidebar.list.visualItemRect(sidebar.item_for(ids["zh"]))
    sidebar._show_menu(rect.center())
    actions = {a.text(): a for a in sidebar._menu.actions() if a.text()}
    assert set(actions) == {"Rename", "Pin", "Export…", "Delete"}
    actions["Pin"].trigger()
    sidebar._menu.close()
    assert sidebar.conversation_ids()[:2] == [ids["tw"], ids["zh"]]  # both pinned: newest first
    rect = sidebar.list.visualItemRect(sidebar.item_for(ids["zh"]))
    sidebar._show_menu(rect.center())
    actions = {a.text(): a for a in sidebar._menu.actions() if a.text()}
    with qtbot.waitSignal(sidebar.export_requested) as blocker:
        actions["Export…"].trigger()
    assert blocker.args == [ids["zh"]]
    actions["Unpin"].trigger()
    sidebar._menu.close()
    assert not history.store.conversation(ids["zh"]).pinned


def test_an_empty_history_says_so(qtbot, history):
    widget = ConversationList(history)
    qtbot.addWidget(widget)
    assert rows(widget) == [("No saved chats yet", True)]
    assert widget.conversation_ids() == []
