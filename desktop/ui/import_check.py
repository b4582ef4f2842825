"""Check files before asking how to import them.

The "Copy, or use where it is?" question used to come first, so a user answered it for a
file that then turned out not to be a model at all. The headers are read first now (quick:
no weights are loaded; the job still test-loads each file in a child process), and the
question names what was found. Nothing is imported if nothing usable was found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.core.models.gguf_inspect import GGUFError, inspect_gguf
from desktop.core.models.importing import find_gguf_files
from desktop.services.i18n import translate_message
from desktop.ui.model_manager_rows import format_size

translate = QCoreApplication.translate


@dataclass
class Checked:
    """Model files whose header is sound, and what is wrong with the others."""

    files: list[Path] = field(default_factory=list)
    size: int = 0
    problems: list[str] = field(default_factory=list)


def check_paths(paths: list[str]) -> Checked:
    """Find the .gguf files under ``paths`` and read each header."""
    checked = Checked()
    for path in paths:
        files = find_gguf_files(path)
        if not files:
            no_models = translate("ModelManager", "No .gguf model files were found in %1.")
            checked.problems.append(no_models.replace("%1", str(path)))
        for file in files:
            try:
                info = inspect_gguf(file)
            except GGUFError as err:
                checked.problems.append(f"{file.name}: {translate_message(err)}")
                continue
            checked.files.append(file)
            checked.size += info.file_size
    return checked


def ask_copy(parent: QWidget, checked: Checked) -> bool | None:
    """Copy into the models folder (True), use in place (False) or cancel (None); a warning
    and None when no usable file was found."""
    problems = "\n".join(checked.problems)
    if not checked.files:
        QMessageBox.warning(parent, translate("ModelManager", "Import models"), problems)
        return None
    found = (
        translate("ModelManager", "Model files with a sound header: %1 (%2).")
        .replace("%1", str(len(checked.files)))
        .replace("%2", format_size(checked.size))
    )
    question = translate(
        "ModelManager",
        "Copy the model into ThinkDesk's models folder, or use it where it is? "
        'Choose "Copy" for a USB stick you will unplug.',
    )
    skipped = translate("ModelManager", "Skipped:") + "\n" + problems if problems else ""
    text = "\n\n".join(filter(None, (found, skipped, question)))
    box = QMessageBox(QMessageBox.Icon.Question, translate("ModelManager", "Import models"),
                      text, parent=parent)  # fmt: skip
    copy = box.addButton(translate("ModelManager", "Copy"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(translate("ModelManager", "Use where it is"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is None or box.buttonRole(clicked) == QMessageBox.ButtonRole.RejectRole:
        return None
    return clicked is copy
