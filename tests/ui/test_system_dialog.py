"""Help > System: the facts and the recommendation, and a report to copy for support."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from desktop.core.system.hardware import GiB, HardwareFacts, collect, parse_system_info
from desktop.ui.system_dialog import SystemDialog

FACTS = HardwareFacts(
    cpu_model="Intel(R) Core(TM) i5-8250U CPU @ 1.60GHz",
    machine="x86_64",
    os="Windows 10",
    physical_cores=4,
    logical_cores=8,
    llama_features=parse_system_info("CPU : AVX = 1 | AVX2 = 1 | FMA = 1 | F16C = 1 | "),
    llama_system_info="CPU : AVX = 1 | AVX2 = 1 | FMA = 1 | F16C = 1 |",
    total_ram=16 * GiB,
    available_ram=9 * GiB,
    models_dir="C:/ThinkDesk/models",
    disk_free=120 * GiB,
    memlock_limit=None,
)


def test_shows_the_facts_and_what_to_run(qtbot):
    dialog = SystemDialog(FACTS)
    qtbot.addWidget(dialog)
    rows = {key: label.text() for key, label in dialog.rows.items()}
    assert "i5-8250U" in rows["cpu"] and "4 physical, 8 logical" in rows["cores"]
    assert "AVX2 ✓" in rows["simd"] and "AVX512 ✗" in rows["simd"]
    assert "16.00 GB installed" in rows["ram"] and "120.00 GB free" in rows["disk"]
    assert rows["memlock"] == "unlimited" and "AVX2" in rows["llama"]
    assert "7B · Q4_K_M" in dialog.model_label.text()
    assert "tokens per second" in dialog.speed_label.text()
    assert "7B model fits" in dialog.reason_label.text()


def test_copy_report_puts_plain_text_on_the_clipboard(qtbot):
    dialog = SystemDialog(FACTS)
    qtbot.addWidget(dialog)
    dialog.copy_report()
    text = QGuiApplication.clipboard().text()
    assert "i5-8250U" in text and "r1-qwen-7b-q4_k_m" in text


def test_opens_on_this_machine(qtbot, tmp_path):
    dialog = SystemDialog(collect(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.rows["cores"].text() and dialog.model_label.text()
