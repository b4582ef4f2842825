"""A download row before the first byte: an empty bar, not a full one (issue 14, item 10)."""

from __future__ import annotations

import pytest

from desktop.core.downloads.fetch import Progress
from desktop.services.download_jobs import Job, JobState
from desktop.ui.model_manager_rows import DownloadRow


@pytest.mark.parametrize("state", [JobState.QUEUED, JobState.DOWNLOADING, JobState.VERIFYING])
def test_no_full_bar_before_anything_arrived(qtbot, state):
    job = Job("x", "download", "DeepSeek-R1-Distill-Qwen 1.5B", state=state)
    row = DownloadRow(job)
    qtbot.addWidget(row)
    # A busy bar (range 0..0) is painted full by Fusion and Windows at this height.
    assert row.bar.maximum() > 0 and row.bar.value() == row.bar.minimum()


def test_the_bar_follows_progress_then_completes(qtbot):
    job = Job("x", "download", "m", state=JobState.DOWNLOADING)
    job.progress = Progress(done=250, total=1000, speed=0.0, eta=None, source="ModelScope")
    row = DownloadRow(job)
    qtbot.addWidget(row)
    assert row.bar.value() / row.bar.maximum() == 0.25
    job.state = JobState.DONE
    row.update_job(job)
    assert row.bar.value() == row.bar.maximum()
