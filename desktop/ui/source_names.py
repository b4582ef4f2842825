"""The download-source choices, worded once for the model manager and the settings pane.

The two used to label the same setting differently ("Auto (the first that works)" and
"Auto (try each source in turn)"), which made users think they were two settings.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def source_choices() -> list[tuple[str, str]]:
    """(label, setting value) for ``network/source``, in display order."""
    translate = QCoreApplication.translate
    return [
        (translate("Sources", "Auto (try each source in turn)"), "auto"),
        ("ModelScope", "modelscope"),
        (translate("Sources", "Hugging Face mirror"), "hf-mirror"),
        ("huggingface.co", "hf"),
    ]
