"""Where the translations live, which language to use, and installing it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

import app

LANGUAGE_KEY = "ui/language"
LANGUAGES = ("en", "zh_CN")


def resources_dir() -> Path:
    """``resources/`` in a checkout, ``app/_resources`` inside an installed wheel."""
    package = Path(app.__file__).parent
    installed = package / "_resources"
    return installed if installed.is_dir() else package.parent / "resources"


def translation_file(language: str) -> Path:
    return resources_dir() / "i18n" / f"kehu_{language}.qm"


def chosen_language(settings: QSettings, system: QLocale | None = None) -> str:
    """The saved choice if any, else Chinese for a zh_* system locale, else English."""
    saved = str(settings.value(LANGUAGE_KEY, "") or "")
    if saved in LANGUAGES:
        return saved
    locale = system or QLocale.system()
    return "zh_CN" if locale.name().startswith("zh") else "en"


def save_language(settings: QSettings, language: str) -> None:
    settings.setValue(LANGUAGE_KEY, language)


class Translation:
    """Keeps the installed translators so switching language replaces them."""

    def __init__(self) -> None:
        self.language = "en"
        self._translators: list[QTranslator] = []

    def install(self, language: str) -> bool:
        """Install ``language`` (``en`` removes any translator). False if it cannot load."""
        application = QCoreApplication.instance()
        assert application is not None, "a Qt application is needed first"
        for old in self._translators:
            application.removeTranslator(old)
        self._translators.clear()
        self.language = "en"
        if language == "en":
            return True
        ours = QTranslator(application)
        if not ours.load(str(translation_file(language))):
            return False
        qt_own = QTranslator(application)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_own.load(f"qtbase_{language}", qt_dir):
            self._translators.append(qt_own)
        self._translators.append(ours)
        for translator in self._translators:
            application.installTranslator(translator)
        self.language = language
        return True
