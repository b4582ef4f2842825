"""The "‹ 2/3 ›" switch under a regenerated answer or an edited question.

Regenerate and Edit keep the earlier versions as sibling branches in the history; this small
control steps between them. It only reports the step: the history panel switches the branch.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget


class BranchSwitch(QWidget):
    """‹ position/count ›; ``step_requested`` carries -1 (earlier) or +1 (later)."""

    step_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("branchSwitch")
        self.previous = QToolButton(self)
        self.previous.setText("‹")
        self.previous.setToolTip(self.tr("Earlier version"))
        self.previous.setAccessibleName(self.tr("Show the earlier version"))
        self.next = QToolButton(self)
        self.next.setText("›")
        self.next.setToolTip(self.tr("Later version"))
        self.next.setAccessibleName(self.tr("Show the later version"))
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.setSpacing(0)
        for widget in (self.previous, self.label, self.next):
            layout.addWidget(widget)
        for button in (self.previous, self.next):
            button.setAutoRaise(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
        # Separate connections, not a lambda with an argument: the step is fixed per button.
        self.previous.clicked.connect(self._on_previous)
        self.next.clicked.connect(self._on_next)

    def set_position(self, index: int, count: int) -> None:
        """Show version ``index`` (0-based) of ``count``; the ends disable their arrow."""
        self.label.setText(f"{index + 1}/{count}")
        self.label.setAccessibleName(
            self.tr("Version %1 of %2").replace("%1", str(index + 1)).replace("%2", str(count))
        )
        self.previous.setEnabled(index > 0)
        self.next.setEnabled(index < count - 1)

    def _on_previous(self) -> None:
        self.step_requested.emit(-1)

    def _on_next(self) -> None:
        self.step_requested.emit(1)
