"""The UI language: English, 简体中文 or 繁體中文, from the setting or the system locale."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desktop.core.paths import resources_dir

#: Languages with a translation of ThinkDesk's own strings (English is the source).
TRANSLATED = ("zh_CN", "zh_TW")


def choose_language(setting: str, system: QLocale | None = None) -> str:
    """ "en", "zh_CN" or "zh_TW" for the ``appearance/language`` setting ("system" follows the
    OS: Chinese in Taiwan, Hong Kong and Macau, or written in Traditional script, gets zh_TW)."""
    if setting != "system":
        return setting
    locale = system or QLocale.system()
    if locale.language() != QLocale.Language.Chinese:
        return "en"
    chinese_territories = (
        QLocale.Country.Taiwan,
        QLocale.Country.HongKong,
        QLocale.Country.Macau,
    )
    traditional = locale.script() == QLocale.Script.TraditionalChineseScript
    return "zh_TW" if traditional or locale.territory() in chinese_territories else "zh_CN"


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Load ThinkDesk's and Qt's own translations (dialog buttons) for ``language``.

    Returns the translators, which must stay referenced while the app runs.
    """
    if language not in TRANSLATED:
        return []
    installed = []
    ours = QTranslator(app)
    if ours.load(str(resources_dir() / "translations" / f"thinkdesk_{language}.qm")):
        app.installTranslator(ours)
        installed.append(ours)
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt)
        installed.append(qt)
    QLocale.setDefault(QLocale(language))
    return installed
