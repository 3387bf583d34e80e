"""Message translation for the domain layer (stdlib gettext).

Source strings are Bahasa Indonesia; other languages come from compiled
catalogs in ``ao_desktop/resources/locale`` when present.
"""

from __future__ import annotations

import gettext
from pathlib import Path

DOMAIN = "ao_desktop"
# <package>/../resources/locale, i.e. ao_desktop/resources/locale.
LOCALE_DIR = Path(__file__).resolve().parent.parent / "resources" / "locale"

_translation: gettext.NullTranslations = gettext.translation(
    DOMAIN, localedir=LOCALE_DIR, fallback=True
)


def set_language(code: str) -> None:
    """Switch the active catalog; unknown codes fall back to the Indonesian source."""
    global _translation
    _translation = gettext.translation(
        DOMAIN, localedir=LOCALE_DIR, languages=[code], fallback=True
    )


def _(message: str) -> str:
    """Translate ``message`` with the active catalog."""
    return _translation.gettext(message)
