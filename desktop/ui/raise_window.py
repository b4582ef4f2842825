"""Bring a window to the front, restoring it if it was minimised."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def bring_to_front(window: QWidget) -> None:
    """Show ``window`` restored, on top and active (as far as the window manager allows)."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
