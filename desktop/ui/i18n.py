"""The UI language: English, 简体中文 or 繁體中文, from the setting or the system locale."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop.core.system.paths import resources_dir
from desktop.services.i18n import translate_message

__all__ = [
    "TRANSLATED", "choose_language", "cjk_family", "install_translators", "translate_message",
    "use_cjk_font",
]  # fmt: skip

#: Languages with a translation of ThinkDesk's own strings (English is the source).
TRANSLATED = ("zh_CN", "zh_TW")

#: Chinese UI fonts, best first: Windows, macOS, then Linux (Noto / Source Han, WenQuanYi).
_CJK_FAMILIES = {
    "zh_CN": ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
              "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei"),
    "zh_TW": ("Microsoft JhengHei UI", "Microsoft JhengHei", "PingFang TC", "Noto Sans CJK TC",
              "Source Han Sans TC", "Source Han Sans TW", "Noto Sans CJK HK"),
}  # fmt: skip


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
    use_cjk_font(app, language)
    return installed


def cjk_family(language: str) -> str | None:
    """The installed font family that draws ``language``'s characters best, or None."""
    script = (
        QFontDatabase.WritingSystem.TraditionalChinese
        if language == "zh_TW"
        else QFontDatabase.WritingSystem.SimplifiedChinese
    )
    available = set(QFontDatabase.families(script))
    preferred = [f for f in _CJK_FAMILIES.get(language, ()) if f in available]
    return preferred[0] if preferred else next(iter(sorted(available)), None)


def use_cjk_font(app: QApplication, language: str) -> None:
    """Put a Chinese font of the right script behind the app font's own family.

    Latin text keeps the platform font; Han characters get Simplified or Traditional glyph
    shapes instead of whatever the platform's fallback picks (often a Japanese face, whose
    shapes differ for the same code points), which matters in a Chinese UI.
    """
    family = cjk_family(language) if language in TRANSLATED else None
    if family is None:
        return  # English, or no Chinese font at all: Qt's own fallback is all there is
    font = QFont(app.font())
    font.setFamilies([*dict.fromkeys([font.family(), *font.families(), family])])
    app.setFont(font)
