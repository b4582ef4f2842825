"""The typesetting thread imports nothing: ziamath is loaded on the GUI thread first."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_the_background_typesetter_imports_nothing_on_its_own_thread():
    """A first import of ziamath on the typesetting thread crashed the app now and then
    (PySide6 replaces ``__import__``); so the thread must find everything imported."""
    script = textwrap.dedent(
        """
        import builtins, sys, threading, time
        from PySide6.QtGui import QColor, QFont
        from PySide6.QtWidgets import QApplication

        app = QApplication([])
        from desktop.ui.math_images import MathImageCache

        assert "ziamath" not in sys.modules
        on_thread = []
        original = builtins.__import__

        def spy(name, *args, **kwargs):
            if threading.current_thread().name == "thinkdesk-math" and name not in sys.modules:
                on_thread.append(name)
            return original(name, *args, **kwargs)

        builtins.__import__ = spy
        cache = MathImageCache()
        for latex in ("x^2", "\\\\frac{1}{2}", "\\\\begin{cases} a \\\\\\\\ b \\\\end{cases}"):
            cache.prepare(latex, display=True, font=QFont(), color=QColor("black"))
        while cache.typesetting_ahead:
            time.sleep(0.02)
        assert cache.formula("x^2", display=True, font=QFont(), color=QColor("black"))
        print("imported on the typesetting thread:", on_thread)
        sys.exit(1 if on_thread else 0)
        """
    )
    env_platform = {"QT_QPA_PLATFORM": "offscreen"}
    import os

    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env_platform},
    )
    assert result.returncode == 0, result.stdout + result.stderr
