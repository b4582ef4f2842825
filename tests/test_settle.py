"""What the app does once its window is up, before the first answer (desktop.app)."""

from __future__ import annotations

import gc

from desktop.app import settle_after_first_paint


def test_start_up_objects_are_left_out_of_later_full_collections(qapp) -> None:
    gc.unfreeze()
    try:
        settle_after_first_paint()
        # Modules, Qt wrappers and the math font: tens of thousands of objects a full
        # collection no longer scans in the middle of an answer.
        assert gc.get_freeze_count() > 20_000
    finally:
        gc.unfreeze()  # the rest of the test session collects as usual
