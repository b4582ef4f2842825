"""The Chinese translations: complete, compiled, placeholder-safe, and really used at run time."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from desktop.app import Services
from desktop.core.system.paths import DataDir
from desktop.services.session import ModelState
from desktop.ui.i18n import cjk_family, install_translators, use_cjk_font
from desktop.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN", "zh_TW")
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\d")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
#: English that may stand in a Chinese UI: names, keys, units, technical terms.
ALLOWED_WORDS = {
    "ThinkDesk", "DeepSeek", "Distill", "Qwen", "GGUF", "gguf", "llama", "cpp", "ModelScope",
    "Hugging", "Face", "HF", "Python", "Markdown", "JSON", "Enter", "Shift", "Ctrl", "Esc",
    "Space", "MIT", "Top", "mlock", "ulimit", "CPU", "RAM", "MB", "GB", "KB", "pt", "token",
    "md", "html", "AVX", "FMA", "NEON", "SSE",
    "English",  # the language menu names each language in itself
}  # fmt: skip
#: The one place that translates text known only at run time (desktop.core.system.i18n messages).
DYNAMIC = "desktop/services/i18n.py"


def python_sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "desktop").rglob("*.py"))


def read_ts(path: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, source) -> the <translation> element."""
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message.find("translation")
    return found


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set[tuple[str, str]]:
    """Every (context, source) pyside6-lupdate finds in today's sources."""
    ts = tmp_path_factory.mktemp("lupdate") / "fresh.ts"
    done = subprocess.run(
        [str(BIN / "pyside6-lupdate"), *python_sources(), "-ts", str(ts), "-no-obsolete",
         "-locations", "none"],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return set(read_ts(ts))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_has_a_finished_translation(extracted, language):
    committed = read_ts(TRANSLATIONS / f"thinkdesk_{language}.ts")
    missing = sorted(key for key in extracted if key not in committed)
    assert not missing, f"run the commands in resources/translations/README.md: {missing[:10]}"
    unfinished = [
        key for key in extracted
        if committed[key] is None or not (committed[key].text or "").strip()
        or committed[key].get("type") in ("unfinished", "vanished", "obsolete")
    ]  # fmt: skip
    assert not unfinished, unfinished[:10]


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_survive_translation(language):
    for (context, source), translation in read_ts(
        TRANSLATIONS / f"thinkdesk_{language}.ts"
    ).items():
        text = translation.text or "" if translation is not None else ""
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (
            context, source, text,
        )  # fmt: skip


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_translations_are_up_to_date(tmp_path, language):
    qm = tmp_path / f"{language}.qm"
    done = subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(TRANSLATIONS / f"thinkdesk_{language}.ts"),
         "-qm", str(qm)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert qm.read_bytes() == (TRANSLATIONS / f"thinkdesk_{language}.qm").read_bytes()


@pytest.mark.parametrize("language", LANGUAGES)
def test_messages_about_offline_mode_name_the_switch_settings_shows(language):
    """Three messages said to turn off "Work offline", a switch Settings never had: each
    message that sends the user to the offline switch names it as its checkbox reads."""
    committed = read_ts(TRANSLATIONS / f"thinkdesk_{language}.ts")
    names = ("Offline mode", "Never connect to the network")  # the row, its checkbox
    shown = {name: committed[("NetworkPage", name)].text for name in names}
    sending = {(ctx, src): tr for (ctx, src), tr in committed.items()
               if "Settings > Network" in src and "offline" in src.lower()}  # fmt: skip
    assert len(sending) >= 4
    for (_ctx, src), tr in sending.items():
        named = [name for name in names if name in src]
        assert named, src
        assert any(shown[name] in tr.text for name in named), tr.text


def test_translated_text_is_written_where_lupdate_can_read_it():
    """tr()/translate()/QT_TRANSLATE_NOOP() take literal strings, never inside an f-string:
    lupdate skips anything else, and the text would silently stay English."""
    problems = []
    for name in python_sources():
        if name == DYNAMIC:
            continue
        tree = ast.parse((ROOT / name).read_text(encoding="utf-8"))
        in_fstring = {id(n) for f in ast.walk(tree) if isinstance(f, ast.JoinedStr)
                      for n in ast.walk(f)}  # fmt: skip
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            literal = 1 if called == "tr" else 2
            qualified = isinstance(func, ast.Attribute) and called == "translate"
            if qualified and getattr(func.value, "id", "") != "QCoreApplication":
                continue  # str.translate and friends
            if called not in ("tr", "translate", "QT_TRANSLATE_NOOP"):
                continue
            args = node.args[:literal]
            ok = len(args) == literal and all(
                isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args
            )
            if not ok or id(node) in in_fstring:
                problems.append(f"{name}:{node.lineno}")
    assert not problems, problems


# -- at run time ------------------------------------------------------------------------------


@pytest.fixture
def translated(qapp):
    """Install a language's translators for one test; the QApplication outlives the test."""
    font, locale, installed = qapp.font(), QLocale(), []

    def install(language: str) -> None:
        installed.extend(install_translators(qapp, language))
        assert len(installed) >= 1, "thinkdesk_*.qm did not load"

    yield install
    for translator in installed:
        qapp.removeTranslator(translator)
        translator.deleteLater()
    qapp.setFont(font)
    QLocale.setDefault(locale)


def english_sources(language: str) -> set[str]:
    """Source texts whose Chinese differs from the English (so seeing them means a miss)."""
    committed = read_ts(TRANSLATIONS / f"thinkdesk_{language}.ts")
    return {src for (_ctx, src), tr in committed.items() if tr is not None and tr.text != src}


def texts_of(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of everything a person can read in ``root`` as it is shown now."""
    out = [("title", root.windowTitle())]

    def add(widget: QWidget, what: str, text: str) -> None:
        if text:
            out.append((f"{type(widget).__name__}.{what}", text))

    widgets = [w for w in [root, *root.findChildren(QWidget)] if w is root or w.isVisibleTo(root)]
    for w in widgets:
        add(w, "toolTip", w.toolTip())
        add(w, "accessibleName", w.accessibleName())
        for action in w.actions():
            if action.isVisible():
                add(w, "action", action.text())
                add(w, "action.toolTip", action.toolTip())
        if isinstance(w, (QLabel, QAbstractButton)):
            add(w, "text", w.text())
        elif isinstance(w, (QLineEdit, QTextEdit, QPlainTextEdit)):
            add(w, "placeholder", w.placeholderText())
        elif isinstance(w, QGroupBox):
            add(w, "title", w.title())
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                add(w, "tab", w.tabText(i))
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                add(w, "item", w.itemText(i))
        elif isinstance(w, QTableWidget):
            for c in range(w.columnCount()):
                header = w.horizontalHeaderItem(c)
                add(w, "header", header.text() if header is not None else "")
        if isinstance(w, QAbstractSpinBox):
            add(w, "special", w.specialValueText())
        if isinstance(w, (QSpinBox, QDoubleSpinBox)):
            add(w, "suffix", w.suffix().strip())
    if isinstance(root, QMainWindow):
        menus = [a.menu() for a in root.menuBar().actions() if a.menu() is not None]
        while menus:
            menu = menus.pop()
            add(menu, "title", menu.title())
            for action in menu.actions():
                if isinstance(action.menu(), QMenu):
                    menus.append(action.menu())
                add(menu, "action", action.text())
    return out


def english_left(texts: list[tuple[str, str]], sources: set[str]) -> list[tuple[str, str]]:
    """Texts still in English: a translated message's source, or English words without any
    Chinese (names, keys and units aside)."""
    left = []
    for where, text in texts:
        if text in sources:
            left.append((where, text))
            continue
        plain = re.sub(r"<[^>]+>|&\w+;|https?://\S+|\S+\.(com|cn|co)\b|/\S+", " ", text)
        if CJK.search(plain):
            continue
        words = [w for w in re.findall(r"[A-Za-z]{2,}", plain) if w not in ALLOWED_WORDS]
        if words:
            left.append((where, text))
    return left


@pytest.fixture
def services(tmp_path):
    made = Services.create(DataDir(tmp_path / "data"))
    yield made
    assert made.shutdown(5000)


def build_window(qtbot, services) -> MainWindow:
    window = MainWindow(services.session, services.chat, services.history,
                        settings=services.settings, downloads=services.downloads)  # fmt: skip
    qtbot.addWidget(window)
    window.resize(1100, 720)
    window.show()
    return window


@pytest.mark.parametrize("language", LANGUAGES)
def test_main_window_speaks_chinese(qtbot, translated, services, language):
    translated(language)
    window = build_window(qtbot, services)
    seen = texts_of(window)  # the empty state
    window.stack.setCurrentWidget(window.starter)
    seen += texts_of(window)
    view = window.chat_view
    view.add_user_message("1 + 1 = ?")
    message = view.begin_assistant_message()
    message.append_thinking("1 + 1 = 2")
    message.append_answer("$\\boxed{2}$")
    message.finish()
    window.stack.setCurrentWidget(view)
    seen += texts_of(window)
    assert any(text.startswith(("文件", "檔案")) for _where, text in seen)  # the File menu
    assert not english_left(seen, english_sources(language))


@pytest.mark.parametrize("language", LANGUAGES)
def test_dialogs_speak_chinese(qtbot, translated, services, language):
    from desktop.core.models.memory_fit import ModelFacts
    from desktop.core.system.hardware import collect
    from desktop.ui.model_manager import ModelManagerDialog
    from desktop.ui.settings_dialog import SettingsDialog

    translated(language)
    facts = ModelFacts(weights_bytes=1 << 30, n_layer=28, n_head_kv=2, head_dim=128,
                       name="DeepSeek-R1-Distill-Qwen-1.5B", quantization="Q4_K_M")  # fmt: skip
    settings = SettingsDialog(services.settings, collect(services.data.models), facts, 6 << 30)
    qtbot.addWidget(settings)
    settings.show()
    seen = []
    for index in range(settings.tabs.count()):
        settings.tabs.setCurrentIndex(index)
        seen += texts_of(settings)
    models = ModelManagerDialog(services.downloads)
    qtbot.addWidget(models)
    models.show()
    seen += texts_of(models)
    assert not english_left(seen, english_sources(language))


def test_a_model_file_error_arrives_in_chinese(qtbot, translated, services, bad_magic_model):
    translated("zh_CN")
    with qtbot.waitSignal(services.session.state_changed, timeout=30_000,
                          check_params_cb=lambda state, _d: state == ModelState.FAILED.value
                          ) as failed:  # fmt: skip
        services.session.open(bad_magic_model)
    detail = failed.args[1]
    assert "不是 GGUF 模型文件" in detail and bad_magic_model.name in detail
    assert "not a GGUF" not in detail


def test_an_import_error_arrives_in_traditional_chinese(qtbot, translated, services,
                                                        bad_magic_model):  # fmt: skip
    translated("zh_TW")
    manager = services.downloads
    (job_id,) = manager.import_paths([bad_magic_model], copy=False)
    qtbot.waitUntil(lambda: manager.job(job_id).state.value == "failed", timeout=10_000)
    assert "不是 GGUF 模型檔案" in manager.job(job_id).message


def test_chinese_text_has_a_chinese_font(qapp):
    for language, system in (
        ("zh_CN", QFontDatabase.WritingSystem.SimplifiedChinese),
        ("zh_TW", QFontDatabase.WritingSystem.TraditionalChinese),
    ):
        if not QFontDatabase.families(system):
            pytest.skip("no Chinese font is installed (e.g. the fonts-noto-cjk package)")
        family = cjk_family(language)
        assert family in QFontDatabase.families(system)
        saved = qapp.font()
        try:
            use_cjk_font(qapp, language)
            assert qapp.font().families()[-1] == family
            label = QLabel("鸡兔同笼" if language == "zh_CN" else "雞兔同籠")
            assert family in QApplication.font(label).families()
            metrics = QFontMetrics(QFont(family))
            assert all(metrics.inFontUcs4(ord(c)) for c in label.text())
        finally:
            qapp.setFont(saved)
