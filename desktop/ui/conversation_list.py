"""The conversations sidebar: new chat, search, and the saved chats (pinned first).

Widgets only; the :class:`~desktop.services.history.HistoryService` does the work. Selecting a
row (click or arrow keys) emits :attr:`ConversationList.conversation_selected`; rename (F2,
double-click, menu), pin and delete (Delete key, menu; undone from the bar that appears) go
straight to the service. Ctrl+F focuses the search box; Escape in it clears it.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QDateTime,
    QEvent,
    QLocale,
    QModelIndex,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.history import HistoryService
from desktop.storage.history import Conversation
from desktop.ui.message_widgets import mix, muted_color, scaled_font
from desktop.ui.plain_text import plain_tooltip

SEARCH_DEBOUNCE_MS = 250
UNDO_BAR_MS = 5000
ID_ROLE = Qt.ItemDataRole.UserRole
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 1  # second line: date, or the search snippet
HEADER_ROLE = Qt.ItemDataRole.UserRole + 2
_PAD = 8


class _Delegate(QStyledItemDelegate):
    """Two lines per chat (title, muted detail); section headers in small muted bold text."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        title = QFontMetrics(option.font).height()
        small = QFontMetrics(scaled_font(option.font, 0.85)).height()
        if index.data(HEADER_ROLE):
            return QSize(option.rect.width(), small + _PAD + 6)
        return QSize(option.rect.width(), title + small + 2 * _PAD + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        small = scaled_font(opt.font, 0.85)
        muted = muted_color(opt.palette)
        rect = opt.rect.adjusted(_PAD + 2, 0, -_PAD, 0)
        top = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        elide = Qt.TextElideMode.ElideRight
        painter.save()
        if index.data(HEADER_ROLE):
            small.setBold(True)
            painter.setFont(small)
            painter.setPen(muted)
            painter.drawText(rect.adjusted(0, _PAD + 2, 0, 0), top, opt.text)
            painter.restore()
            return
        title = opt.text
        opt.text = ""  # the style draws the selection and focus; the text is drawn here
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setFont(opt.font)
        painter.setPen(opt.palette.color(role))
        line = QFontMetrics(opt.font)
        first = rect.adjusted(0, _PAD, 0, 0)
        painter.drawText(first, top, line.elidedText(title, elide, first.width()))
        painter.setFont(small)
        painter.setPen(opt.palette.color(role) if selected else muted)
        second = first.adjusted(0, line.height() + 2, 0, 0)
        detail = QFontMetrics(small).elidedText(
            index.data(DETAIL_ROLE) or "", elide, second.width()
        )
        painter.drawText(second, top, detail)
        painter.restore()

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> None:
        # Over the title line only, so the row keeps its height while renaming.
        rect = option.rect.adjusted(_PAD - 2, _PAD - 4, -_PAD, 0)
        rect.setHeight(editor.sizeHint().height())
        editor.setGeometry(rect)


class _SearchEdit(QLineEdit):
    """Escape clears a non-empty search (and only then: otherwise it stops the answer)."""

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.text()
        ):
            event.accept()  # claim Escape from the window's shortcuts
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class ConversationList(QWidget):
    """Sidebar listing the saved conversations of a :class:`HistoryService`."""

    conversation_selected = Signal(int)
    new_chat_requested = Signal()
    export_requested = Signal(int)

    def __init__(self, history: HistoryService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._history = history
        self._filling = False
        self._refresh_pending = False
        self._undo_id: int | None = None
        self.setMinimumWidth(200)

        self.new_button = QPushButton(self.tr("New chat"), self)
        self.new_button.setObjectName("newChatButton")
        self.new_button.setAccessibleName(self.tr("New chat"))
        self.new_button.setToolTip(self.tr("Start a new conversation"))
        self.search = _SearchEdit(self)
        self.search.setObjectName("conversationSearch")
        self.search.setPlaceholderText(self.tr("Search chats"))
        self.search.setAccessibleName(self.tr("Search conversations"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setObjectName("conversationList")
        self.list.setAccessibleName(self.tr("Conversations"))
        self.list.setItemDelegate(_Delegate(self.list))
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.setUniformItemSizes(False)

        self.undo_bar = QFrame(self)
        self.undo_bar.setObjectName("undoBar")
        self.undo_label = QLabel(self.undo_bar)
        self.undo_label.setTextFormat(Qt.TextFormat.PlainText)
        self.undo_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.undo_button = QPushButton(self.tr("Undo"), self.undo_bar)
        self.undo_button.setAccessibleName(self.tr("Undo delete"))
        bar = QHBoxLayout(self.undo_bar)
        bar.setContentsMargins(8, 4, 4, 4)
        bar.addWidget(self.undo_label, 1)
        bar.addWidget(self.undo_button)
        self.undo_bar.hide()
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(UNDO_BAR_MS)
        self._undo_timer.timeout.connect(self.undo_bar.hide)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 0, 8)
        layout.setSpacing(6)
        layout.addWidget(self.new_button)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.undo_bar)
        self.setTabOrder(self.new_button, self.search)
        self.setTabOrder(self.search, self.list)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.new_button.clicked.connect(self.new_chat_requested)
        self.undo_button.clicked.connect(self.undo_delete)
        self.list.currentItemChanged.connect(self._on_current_item_changed)
        self.list.itemChanged.connect(self._on_item_edited)
        self.list.itemDelegate().closeEditor.connect(self._after_edit)
        self.list.customContextMenuRequested.connect(self._show_menu)
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.list, self.delete_current)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        undo = QShortcut(QKeySequence.StandardKey.Undo, self, self.undo_delete)
        undo.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        history.conversations_changed.connect(self.refresh)
        history.current_changed.connect(self._select_id)
        history.conversation_deleted.connect(self._show_undo_bar)
        self.refresh()

    # -- public API -------------------------------------------------------------------------

    def focus_search(self) -> None:
        """Put the cursor in the search box, its text selected."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def conversation_ids(self) -> list[int]:
        """Ids of the listed conversations, top to bottom."""
        items = (self.list.item(i) for i in range(self.list.count()))
        return [item.data(ID_ROLE) for item in items if item.data(ID_ROLE) is not None]

    def item_for(self, conversation_id: int) -> QListWidgetItem | None:
        """The row of a conversation, if it is listed."""
        for i in range(self.list.count()):
            if self.list.item(i).data(ID_ROLE) == conversation_id:
                return self.list.item(i)
        return None

    def refresh(self) -> None:
        """Reload the list (search results while the search box has text)."""
        if self.list.state() == QAbstractItemView.State.EditingState:
            self._refresh_pending = True  # reloading would throw the rename away
            return
        query = self.search.text().strip()
        conversations = self._history.conversations()
        details = {c.id: self._when(c) for c in conversations}
        if query:
            hits = {h.conversation_id: h.snippet for h in self._history.search(query)}
            conversations = [c for c in conversations if c.id in hits]
            details.update(hits)
        self._filling = True
        try:
            self.list.clear()
            pinned = [c for c in conversations if c.pinned]
            if pinned:
                self._add_header(self.tr("Pinned"))
            for i, conversation in enumerate(conversations):
                if pinned and i == len(pinned) and i < len(conversations):
                    self._add_header(self.tr("Recent"))
                self._add_row(conversation, details[conversation.id])
            if not conversations:
                self._add_header(
                    self.tr("No chats match") if query else self.tr("No saved chats yet")
                )
            self._select_id(self._history.current_id)
        finally:
            self._filling = False

    def rename_current(self) -> None:
        """Start renaming the selected conversation in place."""
        item = self.list.currentItem()
        if item is not None and item.data(ID_ROLE) is not None:
            self.list.editItem(item)

    def delete_current(self) -> None:
        """Delete the selected conversation (undo from the bar that appears)."""
        item = self.list.currentItem()
        if item is not None and item.data(ID_ROLE) is not None:
            self._history.delete_conversation(item.data(ID_ROLE))

    def undo_delete(self) -> None:
        """Bring back the conversation deleted last, while the undo bar shows."""
        if self._undo_id is not None and self.undo_bar.isVisible():
            self._history.undo_delete(self._undo_id)
            self._undo_id = None
            self._undo_timer.stop()
            self.undo_bar.hide()
            self.list.setFocus()

    # -- internals --------------------------------------------------------------------------

    def _when(self, conversation: Conversation) -> str:
        moment = QDateTime.fromSecsSinceEpoch(int(conversation.updated))
        locale = QLocale()
        days = moment.date().daysTo(QDateTime.currentDateTime().date())
        if days == 0:
            return locale.toString(moment.time(), QLocale.FormatType.ShortFormat)
        if days == 1:
            return self.tr("Yesterday")
        if 1 < days < 7:
            return locale.dayName(moment.date().dayOfWeek(), QLocale.FormatType.LongFormat)
        return locale.toString(moment.date(), QLocale.FormatType.ShortFormat)

    def _add_header(self, text: str) -> None:
        item = QListWidgetItem(text, self.list)
        item.setData(HEADER_ROLE, True)
        item.setFlags(Qt.ItemFlag.NoItemFlags)  # skipped by the arrow keys

    def _add_row(self, conversation: Conversation, detail: str) -> None:
        title = conversation.title or self.tr("Untitled chat")
        item = QListWidgetItem(title, self.list)
        item.setData(ID_ROLE, conversation.id)
        item.setData(DETAIL_ROLE, detail)
        item.setToolTip(plain_tooltip(title))  # the user's or the model's words
        spoken = [title] + ([self.tr("pinned")] if conversation.pinned else []) + [detail]
        item.setData(Qt.ItemDataRole.AccessibleTextRole, ", ".join(spoken))
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)

    def _select_id(self, conversation_id: object) -> None:
        filling, self._filling = self._filling, True
        try:
            item = self.item_for(conversation_id) if isinstance(conversation_id, int) else None
            if item is None:
                self.list.setCurrentRow(-1)
                self.list.clearSelection()
            else:
                self.list.setCurrentItem(item)
        finally:
            self._filling = filling

    def _on_current_item_changed(self, current: QListWidgetItem | None, _previous) -> None:
        if self._filling or current is None or current.data(ID_ROLE) is None:
            return
        if current.data(ID_ROLE) != self._history.current_id:
            self.conversation_selected.emit(current.data(ID_ROLE))

    def _on_item_edited(self, item: QListWidgetItem) -> None:
        if self._filling or item.data(ID_ROLE) is None:
            return
        title = item.text().strip()
        if title:
            self._history.rename(item.data(ID_ROLE), title)
        self._refresh_pending = True  # an empty name reverts; either way show the stored one

    def _after_edit(self, *_: object) -> None:
        if self._refresh_pending:
            self._refresh_pending = False
            QTimer.singleShot(0, self, self.refresh)  # after the view has left editing state

    def _show_undo_bar(self, conversation_id: int, title: str) -> None:
        self._undo_id = conversation_id
        title, sentence = title or self.tr("Untitled chat"), self.tr("Deleted “{0}”")
        metrics = self.undo_label.fontMetrics()
        # Shorten the title's end, not the sentence's middle: its start is what users know.
        room = self.width() - self.undo_button.sizeHint().width() - 32
        room -= metrics.horizontalAdvance(sentence.format(""))
        short = metrics.elidedText(title, Qt.TextElideMode.ElideRight, max(room, 0))
        self.undo_label.setText(sentence.format(short))
        self.undo_label.setToolTip(plain_tooltip(sentence.format(title)))
        palette = self.palette()
        tint = mix(
            palette.color(QPalette.ColorRole.Window),
            palette.color(QPalette.ColorRole.Highlight),
            0.18,
        )
        self.undo_bar.setStyleSheet(
            f"QFrame#undoBar {{ background: {tint.name()}; border-radius: 4px; }}"
        )
        self.undo_bar.show()
        self._undo_timer.start()

    def _show_menu(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos) or self.list.currentItem()
        if item is None or item.data(ID_ROLE) is None:
            return
        self.list.setCurrentItem(item)
        conversation_id = item.data(ID_ROLE)
        pinned = any(c.pinned for c in self._history.conversations() if c.id == conversation_id)
        menu = QMenu(self)
        rename = QAction(self.tr("Rename"), menu)
        rename.setShortcut(QKeySequence(Qt.Key.Key_F2))
        rename.triggered.connect(self.rename_current)
        pin = QAction(self.tr("Unpin") if pinned else self.tr("Pin"), menu)
        pin.triggered.connect(lambda: self._history.set_pinned(conversation_id, not pinned))
        export = QAction(self.tr("Export…"), menu)
        export.triggered.connect(lambda: self.export_requested.emit(conversation_id))
        delete = QAction(self.tr("Delete"), menu)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.triggered.connect(self.delete_current)
        menu.addActions([rename, pin, export])
        menu.addSeparator()
        menu.addAction(delete)
        self._menu = menu  # tests reach the actions through this
        menu.popup(self.list.viewport().mapToGlobal(pos))
