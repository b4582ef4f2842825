"""One catalog row of the model manager: the cells, with the fit-and-speed verdict.

The verdict, its tooltip and the memory column all come from one
:class:`~desktop.core.models.advice.Advice`, so they cannot contradict each other.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableWidgetItem

from desktop.core.models.advice import Advice
from desktop.core.models.catalog import GB
from desktop.services.i18n import translate_message
from desktop.ui.model_manager_rows import FIT_COLOURS, format_size, item

translate = QCoreApplication.translate

#: The "This PC" colours: a slow model is a warning, like a tight one.
VERDICT_COLOURS = {**FIT_COLOURS, "slow": FIT_COLOURS["tight"]}


def verdict_label(verdict: str) -> str:
    """The "This PC" cell's word for ``verdict``."""
    labels = {
        "good": translate("ModelManager", "Good fit"),
        "tight": translate("ModelManager", "Tight"),
        "slow": translate("ModelManager", "Too slow here"),
        "too_big": translate("ModelManager", "Too big"),
    }
    return labels[verdict]


def catalog_cells(advice: Advice, starred: bool, status: str) -> list[QTableWidgetItem]:
    """Model, quantization, size, memory, licence, sources, this PC, status."""
    e = advice.entry
    sources = [s for s, ok in (("ModelScope", e.modelscope), ("HF", e.hf),
                               (translate("ModelManager", "Mirror"), e.urls)) if ok]  # fmt: skip
    licence = e.license + (f" ({e.license_note})" if e.license_note else "")
    star = translate("ModelManager", "Recommended for this PC") + "\n" if starred else ""
    memory = translate("ModelManager", "%1 GB").replace("%1", f"{advice.fit.need / GB:.1f}")
    cells = [
        item(("★ " if starred else "") + e.name, star + e.file),
        item(e.quantization),
        item(format_size(e.expected_size, e.size is None), align_right=True),
        item(memory, translate_message(advice.memory_note), align_right=True),
        item(e.license, licence),
        item(", ".join(sources)),
        item(verdict_label(advice.verdict), translate_message(advice.message)),
        item(status),
    ]
    cells[6].setForeground(QColor(VERDICT_COLOURS[advice.verdict]))
    if starred:
        font = cells[0].font()
        font.setBold(True)
        cells[0].setFont(font)
    return cells
