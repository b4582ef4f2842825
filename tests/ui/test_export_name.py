"""Export suggests the chat's title as the file name and says where the file went
(issue 14, item 9)."""

from __future__ import annotations

from pathlib import Path

from test_history_panel import ask, ready  # noqa: F401  (the fixture)

from desktop.ui.export_done import exported_text


def test_export_suggests_the_title_and_confirms(ready, qtbot, monkeypatch, tmp_path):  # noqa: F811
    import desktop.ui.history_panel as panel_module

    services, window = ready
    ask(qtbot, services, window, 'CON: "why?" / how*')
    cid = services.history.current_id
    services.history.rename(cid, 'CON: "why?" / how*')
    suggested, shown = [], []
    target = tmp_path / "out.md"

    def save_dialog(_parent, _title, path, _filters):
        suggested.append(Path(path).name)
        return str(target), "Markdown (*.md)"

    monkeypatch.setattr(panel_module.QFileDialog, "getSaveFileName", save_dialog)
    monkeypatch.setattr(panel_module.QMessageBox, "question",
                        lambda *a: panel_module.QMessageBox.StandardButton.No)  # fmt: skip
    monkeypatch.setattr(panel_module, "show_exported", lambda _w, path: shown.append(path))
    window.history_panel.export_conversation(cid)
    assert suggested == ["CON why how.md"]
    assert shown == [target] and target.read_text(encoding="utf-8")
    assert str(tmp_path) in exported_text(target) and "out.md" in exported_text(target)
