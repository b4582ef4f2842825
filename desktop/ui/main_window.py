"""The main window: the conversation, the question box, a status line and the menus."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.chat import ChatController
from desktop.services.downloads import DownloadManager
from desktop.services.engine_choice import EngineChoice
from desktop.services.history import HistoryService
from desktop.services.session import ModelSession, ModelState
from desktop.services.settings import Settings
from desktop.ui.chat_view import ChatView
from desktop.ui.classroom import ClassroomView
from desktop.ui.classroom_feed import ClassroomFeed
from desktop.ui.composer import Composer, LoopBanner
from desktop.ui.empty_state import EmptyState
from desktop.ui.history_panel import HistoryPanel
from desktop.ui.links import open_link
from desktop.ui.load_panel import LoadPanel
from desktop.ui.long_message import LongMessageGuard
from desktop.ui.metrics_text import model_status
from desktop.ui.no_model_bar import NoModelBar
from desktop.ui.plain_text import plain_label, plain_warning
from desktop.ui.raise_window import bring_to_front
from desktop.ui.starter import StarterPanel
from desktop.ui.storage_banner import StorageBanner
from desktop.ui.stream_presenter import StreamPresenter
from desktop.ui.theme import Appearance


class MainWindow(QMainWindow):
    """Widgets only: it asks the services for work and shows what their signals report."""

    def __init__(
        self,
        session: ModelSession,
        chat: ChatController,
        history: HistoryService | None = None,
        *,
        settings: Settings | None = None,
        models_dir: Path | None = None,
        downloads: DownloadManager | None = None,
        engine: EngineChoice | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self._session = session
        self._engine = engine
        self._chat = chat
        self._settings = settings
        self._models_dir = models_dir
        self._downloads = downloads
        self.model_manager: QWidget | None = None
        self.setWindowTitle("ThinkDesk")
        self.resize(960, 720)

        self.chat_view = ChatView(self)
        self.empty_state = EmptyState(self)
        self.stack = QStackedWidget(self)
        self.starter = StarterPanel(self)
        self.stack.addWidget(self.empty_state)
        self.stack.addWidget(self.starter)
        self.stack.addWidget(self.chat_view)
        self.load_panel = LoadPanel(self)
        self.stack.addWidget(self.load_panel)
        self.classroom: ClassroomView | None = None
        self.composer = Composer(self)
        self.loop_banner = LoopBanner(self)
        self.no_model_bar = NoModelBar(self)  # reading a saved chat with no model open
        self.storage_banner = StorageBanner(self)  # the history could not be written
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.loop_banner)
        layout.addWidget(self.no_model_bar)
        layout.addWidget(self.storage_banner)
        layout.addWidget(self.composer)
        self.history_panel = HistoryPanel(history, chat, self.chat_view, self) if history else None
        if self.history_panel is not None:
            splitter = QSplitter(self)
            splitter.addWidget(self.history_panel.sidebar)
            splitter.addWidget(central)
            splitter.setStretchFactor(1, 1)
            splitter.setSizes([260, 700])
            self.history_panel.sidebar.new_chat_requested.connect(self.new_chat)
            self.history_panel.thread_shown.connect(self._show_conversation)
            self.history_panel.shown_deleted.connect(self.new_chat)
            history.storage_failed.connect(self.storage_banner.show_failure)
            history.storage_recovered.connect(self.storage_banner.hide)
            self.setCentralWidget(splitter)
        else:
            self.setCentralWidget(central)

        self.model_label = plain_label(QLabel(self))  # the name inside the model file
        self.metrics_label = plain_label(QLabel(self))
        for label in (self.metrics_label, self.model_label):  # left to right
            label.setContentsMargins(12, 0, 12, 0)
            self.statusBar().addPermanentWidget(label)
        self._notice = ""  # the notice the status bar shows, if any
        self.statusBar().messageChanged.connect(self._on_status_changed)
        self.presenter = StreamPresenter(
            chat, self.chat_view, self.composer, self.loop_banner, self.metrics_label
        )
        self.long_message = LongMessageGuard(session, chat, settings, self)
        self._build_menus()

        self.empty_state.open_button.clicked.connect(self.open_model_dialog)
        self.empty_state.manage_button.clicked.connect(self.open_model_manager)
        self.no_model_bar.open_requested.connect(self.open_model_manager)
        self.no_model_bar.follow(self.stack, self.chat_view, session)
        self.chat_view.link_activated.connect(self._on_link_activated)
        self.starter.problem_chosen.connect(self._on_send_requested)
        self.composer.send_requested.connect(self._on_send_requested)
        self.composer.stop_requested.connect(chat.stop)
        self.composer.wrap_up_requested.connect(chat.wrap_up)
        self.loop_banner.wrap_up_requested.connect(chat.wrap_up)
        self.loop_banner.stop_requested.connect(chat.stop)
        self.loop_banner.keep_thinking_requested.connect(chat.keep_thinking)
        session.state_changed.connect(self._on_model_state_changed)
        session.load_phase_changed.connect(self.load_panel.set_phase)
        self.load_panel.cancel_requested.connect(session.cancel_load)
        chat.question_added.connect(self.chat_view.add_user_message)
        chat.question_added.connect(self._show_conversation)
        session.notice.connect(self._show_notice)
        session.open_refused.connect(self._on_open_refused)
        if settings is not None:
            self._appearance = Appearance(QApplication.instance())
            settings.changed.connect(self._on_setting_changed)
            for key in ("generation/thinking_display", "chat/send_key", "appearance/theme"):
                self._on_setting_changed(key, settings.value(key))
        self._on_model_state_changed(session.state.value, "")

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.open_action = QAction(self.tr("&Open model…"), self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.open_model_dialog)
        self.new_chat_action = QAction(self.tr("&New chat"), self)
        self.new_chat_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_chat_action.triggered.connect(self.new_chat)
        quit_action = QAction(self.tr("&Quit"), self)
        # Ctrl+Q everywhere: the standard Quit key has no binding on Windows (nor offscreen).
        quit_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q))
        quit_action.triggered.connect(self.close)
        file_menu.addActions([self.open_action, self.new_chat_action])
        if self._downloads is not None:
            models_action = QAction(self.tr("&Models…"), self)
            models_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_M))
            models_action.triggered.connect(self.open_model_manager)
            file_menu.insertAction(self.new_chat_action, models_action)
        if self.history_panel is not None:
            export = QAction(self.tr("&Export conversation…"), self)
            export.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_E))
            export.triggered.connect(self.history_panel.export_current)
            print_action = QAction(self.tr("&Print conversation…"), self)
            print_action.setShortcut(QKeySequence.StandardKey.Print)
            print_action.triggered.connect(self.history_panel.print_current)
            file_menu.addActions([export, print_action])
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        self.stop_action = QAction(self.tr("Stop answer"), self)
        self.stop_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.stop_action.triggered.connect(self._on_escape)
        self.addAction(self.stop_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.classroom_action = QAction(self.tr("&Classroom mode"), self)
        self.classroom_action.setShortcut(QKeySequence(Qt.Key.Key_F11))
        self.classroom_action.triggered.connect(self.toggle_classroom)
        view_menu.addAction(self.classroom_action)
        if self._settings is not None:
            self.settings_action = QAction(self.tr("&Settings…"), self)
            # Not StandardKey.Preferences: it has no binding on Windows, so Ctrl+, did nothing.
            self.settings_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Comma))
            self.settings_action.triggered.connect(self.open_settings)
            view_menu.addSeparator()
            view_menu.addAction(self.settings_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        system = QAction(self.tr("&System information"), self)
        system.triggered.connect(self.open_system_info)
        help_menu.addAction(system)
        about = QAction(self.tr("&About ThinkDesk"), self)
        about.triggered.connect(self._show_about)
        help_menu.addAction(about)

    # -- commands --------------------------------------------------------------------------
    @Slot()
    def open_model_dialog(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Open model"),
            str(Path.home()),
            self.tr("GGUF models (*.gguf);;All files (*)"),
        )
        if path:
            self._session.open(path)

    @Slot()
    def _on_escape(self) -> None:
        """Esc cancels the model being opened while its panel shows (as its Cancel button
        does), else stops the answer being written."""
        if self.stack.currentWidget() is self.load_panel and self.load_panel.loading:
            self.load_panel.cancel()
        else:
            self._chat.stop()

    @Slot()
    def new_chat(self) -> None:
        if self.history_panel is not None:
            self.history_panel.new_conversation()
        else:
            self._chat.clear()
            self.chat_view.clear()
        self.presenter.forget()
        self._show_conversation()
        self.composer.edit.setFocus()

    @Slot()
    def _show_conversation(self) -> None:
        """The messages, or the starter problems while the chat is still empty. With no model
        a conversation is still shown to read (the bar says why it cannot go on); an empty
        one leaves the empty state, which says what to do."""
        if self._session.state == ModelState.LOADING:
            return  # the load panel keeps the window until the load ends
        empty = self.chat_view.message_count() == 0 and not self._chat.turns
        no_model = self._session.model is None
        page = (self.empty_state if no_model else self.starter) if empty else self.chat_view
        self.stack.setCurrentWidget(page)

    @Slot()
    def toggle_classroom(self) -> None:
        """Present the latest question full screen, step by step (F11 again or Esc leaves)."""
        if self.classroom is not None and self.classroom.isVisible():
            self.classroom.close()
            return
        if self.classroom is None:
            self.classroom = ClassroomView()
            self.classroom.close_requested.connect(self.toggle_classroom)
            self._classroom_feed = ClassroomFeed(self._chat, self.classroom)
        self._classroom_feed.show_latest()
        # Cover the window's screen even where no window manager honours full screen.
        self.classroom.setGeometry(self.screen().geometry())
        self.classroom.showFullScreen()
        self.classroom.activateWindow()
        self.classroom.setFocus()

    @Slot()
    def open_model_manager(self) -> None:
        """Download, import and choose models; choosing one opens it."""
        if self._downloads is None:
            self.open_model_dialog()
            return
        from desktop.ui.model_manager import ModelManagerDialog

        if self.model_manager is None:  # one, reused: each new one lived on, wired to downloads
            dialog = ModelManagerDialog(self._downloads, self, session=self._session)
            dialog.model_chosen.connect(self._session.open)
            dialog.setModal(False)
            self.model_manager = dialog
        bring_to_front(self.model_manager)

    @Slot()
    def bring_forward(self) -> None:
        """Show this window in front (ThinkDesk was started again while running)."""
        bring_to_front(self)

    @Slot()
    def open_settings(self) -> None:
        from desktop.core.system.hardware import collect
        from desktop.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(
            self._settings,
            collect(self._models_dir or Path.home()),
            self._session.model_facts(),
            self._session.auto_budget_bytes(),
            parent=self,
            credentials=self._engine.credentials if self._engine else None,
        )
        dialog.exec()

    @Slot()
    def open_system_info(self) -> None:
        from desktop.core.system.hardware import collect
        from desktop.ui.system_dialog import SystemDialog

        SystemDialog(collect(self._models_dir or Path.home()), parent=self).exec()

    @Slot(str)
    def _show_notice(self, message: str) -> None:
        # Beside the model and speed labels a notice got a few words: it has the bar alone.
        self._notice = message
        self.statusBar().showMessage(message, 15_000)
        self._on_status_changed(message)

    @Slot(str)
    def _on_status_changed(self, message: str) -> None:
        for label in (self.model_label, self.metrics_label):
            label.setVisible(not message or message != self._notice)

    @Slot(str, object)
    def _on_setting_changed(self, key: str, value: object) -> None:
        settings = self._settings
        if key == "generation/thinking_display":
            self.presenter.thinking_display = str(value)
        elif key == "chat/send_key":
            self.composer.set_send_key(str(value))
        elif key in ("appearance/theme", "appearance/font_size") and settings is not None:
            self._appearance.apply(
                settings.value("appearance/theme"), settings.value("appearance/font_size")
            )

    @Slot(QUrl)
    def _on_link_activated(self, url: QUrl) -> None:
        # Offline users must never be taken online by a stray click, nor a program started.
        open_link(self, url)

    def _show_about(self) -> None:
        from desktop.ui.about_dialog import AboutDialog

        AboutDialog(self).exec()

    # -- reactions -------------------------------------------------------------------------
    @Slot(str)
    def _on_send_requested(self, text: str) -> None:
        problem = self._chat.validate(text)
        if problem not in (None, "empty", "busy"):
            plain_warning(self, self.tr("Message not sent"), problem)
            return
        options = self.long_message.confirm(text)  # None: the user edits it first
        if options is not None and self._chat.send(text, **options):
            self.composer.clear()

    @Slot(str, str)
    def _on_model_state_changed(self, state: str, detail: str) -> None:
        ready = state == ModelState.READY.value
        self.composer.setEnabled(ready)
        self.chat_view.set_model_open(ready)
        self.open_action.setEnabled(state != ModelState.LOADING.value)
        model = self._session.model
        if state != ModelState.LOADING.value:
            self.load_panel.stop()
        if ready and model is not None:
            self._show_conversation()
            self.model_label.setText(model_status(model))
            self.statusBar().showMessage(
                self.tr("Ready (opened in {0:.1f} s)").format(model.open_s)
            )
            self.composer.edit.setFocus()
            return
        self.model_label.clear()
        if state == ModelState.LOADING.value:
            self.statusBar().showMessage(self.tr("Loading {0}…").format(detail))
            size = _file_size(self._session.loading_path)
            self.load_panel.start(detail, size, self._session.load_rate())
            self.stack.setCurrentWidget(self.load_panel)
            return
        if state == ModelState.FAILED.value:
            title = self.tr("The model could not be opened")
            self.statusBar().showMessage(title)
        else:
            title = self.tr("No model is open")
            self.statusBar().clearMessage()
        self.empty_state.show_state(title, detail or self.empty_state.detail.text())
        self.no_model_bar.show_reason(title, detail)
        self._show_conversation()  # back to what was read, else the empty state

    @Slot(str)
    def _on_open_refused(self, message: str) -> None:
        # The user asked for this file: a box, not a status line that may go unseen.
        self.statusBar().showMessage(self.tr("The model was not opened"), 15_000)
        plain_warning(self, self.tr("Model not opened"), message)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._chat.stop()
        if self.classroom is not None:
            self.classroom.close()
        super().closeEvent(event)


def _file_size(path: Path | None) -> int:
    try:
        return path.stat().st_size if path is not None else 0
    except OSError:
        return 0
