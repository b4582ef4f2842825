"""The small row of actions under a message: copy, copy with reasoning, regenerate, edit, delete."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from desktop.ui.branch_switch import BranchSwitch
from desktop.ui.button_styles import action_button_style
from desktop.ui.message_widgets import scaled_font

#: Actions offered under each kind of message, in display order.
USER_ACTIONS = ("copy", "edit", "delete")
ASSISTANT_ACTIONS = ("copy", "copy_reasoning", "regenerate", "delete")
#: Actions that ask the model for an answer: off while no model is open.
MODEL_ACTIONS = ("regenerate", "edit")


class MessageActions(QWidget):
    """Flat, muted buttons; ``triggered`` carries the action's name."""

    triggered = Signal(str)

    def __init__(self, actions: tuple[str, ...], parent: QWidget | None = None):
        super().__init__(parent)
        labels = {
            "copy": (self.tr("Copy"), self.tr("Copy this message")),
            "copy_reasoning": (
                self.tr("Copy with reasoning"),
                self.tr("Copy the model's reasoning and its answer"),
            ),
            "regenerate": (self.tr("Regenerate"), self.tr("Ask again; this answer is kept")),
            "edit": (self.tr("Edit"), self.tr("Change this question and ask again")),
            "delete": (self.tr("Delete"), self.tr("Delete this message")),
        }
        self._tips = {name: tip for name, (_text, tip) in labels.items()}
        self._needs_model = self.tr("Open a model first: this asks the model again.")
        self.branch_switch: BranchSwitch | None = None  # made when there are versions
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        font = scaled_font(self.font(), 0.9)
        self.buttons: dict[str, QToolButton] = {}
        for name in actions:
            text, tip = labels[name]
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.setAutoRaise(True)
            button.setFont(font)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _=False, action=name: self.triggered.emit(action))
            layout.addWidget(button)
            self.buttons[name] = button

        self._restyle()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._restyle()  # a theme switch: style sheets keep old colours otherwise

    def _restyle(self) -> None:
        style = action_button_style(self.palette())
        for button in self.buttons.values():
            button.setStyleSheet(style)
        if self.branch_switch is not None:
            self.branch_switch.setStyleSheet(style)

    def set_offered(self, name: str, offered: bool) -> None:
        """Show or hide the ``name`` button (e.g. no "Copy with reasoning" without any)."""
        button = self.buttons.get(name)
        if button is not None:
            button.setVisible(offered)

    def set_model_open(self, model_open: bool) -> None:
        """Enable the actions that need a model (regenerate, edit) only while one is open; a
        disabled one says why in its tooltip rather than failing when clicked."""
        for name in MODEL_ACTIONS:
            button = self.buttons.get(name)
            if button is not None:
                button.setEnabled(model_open)
                button.setToolTip(self._tips[name] if model_open else self._needs_model)

    def set_branch(self, index: int, count: int) -> None:
        """Show "‹ index+1/count ›" before the buttons (hidden when there is one version);
        its arrows trigger ``branch_previous`` / ``branch_next``."""
        if self.branch_switch is None and count > 1:
            self.branch_switch = BranchSwitch(self)
            self.branch_switch.setFont(self.font())
            self.branch_switch.step_requested.connect(self._on_branch_step)
            self.branch_switch.setStyleSheet(action_button_style(self.palette()))
            self.layout().insertWidget(0, self.branch_switch)
        if self.branch_switch is not None:
            self.branch_switch.set_position(index, count)
            self.branch_switch.setVisible(count > 1)

    def _on_branch_step(self, step: int) -> None:
        self.triggered.emit("branch_previous" if step < 0 else "branch_next")
