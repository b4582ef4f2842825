"""What the window shows while a model opens: the phase, elapsed and expected time, Cancel.

Opening a 7B takes tens of seconds on an office PC; a bare "Loading…" for that long looks like
a hang. The panel names the phase (checking the file in a separate process, then loading it),
shows a progress bar where progress is measurable, the elapsed time and a realistic total
(:mod:`desktop.core.system.load_progress`), and a Cancel that works in both phases.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from desktop.core.system.hardware import format_bytes
from desktop.core.system.load_progress import LoadProgress

__all__ = ["LoadPanel"]


class LoadPanel(QWidget):
    """Progress of the model being opened; ``cancel_requested`` when the user gives up."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._progress: LoadProgress | None = None
        self._phase = "checking"
        self.title = QLabel(self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.phase_label = QLabel(self)
        self.phase_label.setWordWrap(True)
        self.phase_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(360)
        self.time_label = QLabel(self)
        self.time_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setToolTip(self.tr("Stop opening the model (Esc)"))
        self.cancel_button.clicked.connect(self.cancel)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        # Wrapping labels take the whole width (text centred): with an alignment flag they would
        # get their one-line size hint and lose their second line.
        layout.addWidget(self.title)
        layout.addWidget(self.phase_label)
        layout.addWidget(self.bar, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.time_label)
        layout.addSpacing(8)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self._timer = QTimer(self)
        self._timer.setInterval(500)
        self._timer.timeout.connect(self._update)

    def start(self, name: str, size: int, known_rate: float | None = None) -> None:
        """A new load of ``name`` (``size`` bytes) begins, with the file check.

        ``known_rate`` (bytes per second, measured on earlier loads on this PC) sets the
        expected time until this load has read enough to measure its own."""
        self._progress = LoadProgress(size, known_rate=known_rate)
        self._size = size
        self.title.setText(self.tr("Opening {name}").format(name=name))
        self.set_phase("checking")
        self._timer.start()

    @Slot(str)
    def set_phase(self, phase: str) -> None:
        """ "checking" (the crash check in a separate process) or "loading" (the weights)."""
        self._phase = phase
        if phase == "loading" and self._progress is not None:
            self._progress.loading_started()
        self._update()

    def stop(self) -> None:
        """The load ended (ready, failed or cancelled)."""
        self._timer.stop()
        self._progress = None

    def expected_total(self) -> float | None:
        """Seconds the load is expected to take in all (None when none is shown)."""
        return self._progress.expected_total() if self._progress is not None else None

    @property
    def loading(self) -> bool:
        """A load is shown (between start() and stop())."""
        return self._progress is not None

    @Slot()
    def cancel(self) -> None:
        """Give up this load: the Cancel button and Esc both come here (no-op when idle)."""
        if self._progress is not None:
            self.cancel_requested.emit()

    @Slot()
    def _update(self) -> None:
        progress = self._progress
        if progress is None:
            return
        size = format_bytes(progress.size)
        if self._phase == "checking":
            # The crash check: a damaged file can abort llama.cpp, so it is tried elsewhere first.
            self.phase_label.setText(self.tr("Checking the file safely in a separate process…"))
        else:
            self.phase_label.setText(self.tr("Loading {size} into memory…").format(size=size))
        fraction = progress.fraction()
        if fraction is None:
            self.bar.setRange(0, 0)  # busy: nothing to measure yet
        else:
            self.bar.setRange(0, 1000)
            self.bar.setValue(round(1000 * fraction))
        self.time_label.setText(
            self.tr("{elapsed} s elapsed · about {total} s in all on this PC").format(
                elapsed=round(progress.elapsed), total=max(1, round(progress.expected_total()))
            )
        )
