"""Style sheets for the app's few custom buttons, computed from the current palette.

A style sheet freezes its colours when it is set. Set at start-up, under the light system
palette, the starter problems stayed bright white after switching to the dark theme, and so did
the message actions' hover. These functions derive every colour from the palette given, and
the widgets call them again when the palette or style changes.
"""

from __future__ import annotations

from PySide6.QtGui import QPalette

from desktop.ui.message_widgets import mix, muted_color

_Role = QPalette.ColorRole


def starter_button_style(palette: QPalette) -> str:
    """The starter problems: the palette's button, a visible border, a tinted hover."""
    button, text = palette.color(_Role.Button), palette.color(_Role.ButtonText)
    highlight = palette.color(_Role.Highlight)
    border = mix(button, text, 0.25)
    return (
        f"QPushButton {{ text-align: left; padding: 8px 12px; color: {text.name()};"
        f" background: {button.name()}; border: 1px solid {border.name()};"
        " border-radius: 6px; }"
        f" QPushButton:hover {{ background: {mix(button, highlight, 0.22).name()};"
        f" border-color: {highlight.name()}; }}"
        f" QPushButton:pressed {{ background: {mix(button, highlight, 0.4).name()}; }}"
        f" QPushButton:focus {{ border-color: {highlight.name()}; }}"
    )


def action_button_style(palette: QPalette) -> str:
    """The muted actions under a message: text only, a faint tint on hover."""
    base, text = palette.color(_Role.Base), palette.color(_Role.Text)
    return (
        f"QToolButton {{ color: {muted_color(palette).name()}; padding: 2px 6px;"
        " border: none; border-radius: 4px; background: transparent; }"
        f" QToolButton:hover {{ color: {text.name()}; background: {mix(base, text, 0.1).name()}; }}"
        f" QToolButton:pressed {{ background: {mix(base, text, 0.18).name()}; }}"
        f" QToolButton:disabled {{ color: {mix(base, text, 0.25).name()}; }}"
    )
