"""The page shown until a model is open: what to do next, in one button."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.ui.plain_text import plain_label


class EmptyState(QWidget):
    """Shown until a model is loaded: what to do next, in one button."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        # Titles and details quote llama.cpp, a server or a file name: shown as written.
        self.title = plain_label(QLabel(self.tr("No model is open"), self))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.detail = plain_label(QLabel(self))
        self.detail.setText(
            self.tr(
                "Open a DeepSeek-R1-Distill-Qwen GGUF file to start chatting. "
                "Everything runs on this computer; nothing is sent anywhere."
            )
        )
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(self.tr("Open model file…"), self)
        self.manage_button = QPushButton(self.tr("Download or import a model…"), self)
        self.manage_button.setDefault(True)
        self.detail.setMaximumWidth(520)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Centred by stretches, not an alignment flag: an aligned label gets its one-line size
        # hint, which cuts off wrapped lines (Chinese text has no spaces to shorten it).
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(self.detail, 10)
        centred.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(centred)
        for widget in (self.manage_button, self.open_button):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def show_state(self, title: str, detail: str, can_open: bool = True) -> None:
        self.title.setText(title)
        self.detail.setText(detail)
        self.open_button.setVisible(can_open)
        self.manage_button.setVisible(can_open)
