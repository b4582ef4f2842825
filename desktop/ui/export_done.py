"""After an export: say where the file went, with a way to open its folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget


def exported_text(path: Path) -> str:
    """ "The conversation was saved to: /home/me/Documents/chat.md"."""
    return QCoreApplication.translate("ExportDone", "The conversation was saved to:\n{0}").format(
        path
    )


def show_exported(parent: QWidget, path: Path) -> None:
    """Confirm the export; "Open folder" shows the file in the system's file manager."""
    translate = QCoreApplication.translate
    box = QMessageBox(QMessageBox.Icon.Information, translate("ExportDone", "Exported"),
                      exported_text(path), parent=parent)  # fmt: skip
    folder = box.addButton(translate("ExportDone", "Open folder"),
                           QMessageBox.ButtonRole.ActionRole)  # fmt: skip
    box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()
    if box.clickedButton() is folder:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
