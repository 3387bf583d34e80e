"""argparse's own words in Bahasa Indonesia: "usage:", the section titles of --help,
"show this help message and exit" and the complaints about a bad command line.

argparse looks its texts up through the module-level `_` and `ngettext` it imported from
gettext, at the moment it needs them (Python 3.11-3.13). Python ships no Indonesian
catalog for them, so `install()` points those two names at this table; a text missing
from it (a newer Python's new wording) stays English rather than failing.
"""

from __future__ import annotations

import argparse

_TEXTS: dict[str, str] = {
    "usage: ": "cara pakai: ",
    "positional arguments": "argumen",
    "options": "pilihan",
    "optional arguments": "pilihan",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "show program's version number and exit": "tampilkan versi program lalu keluar",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "not allowed with argument %s": "tidak boleh bersama argumen %s",
    "ignored explicit argument %r": "argumen %r diabaikan",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "one of the arguments %s is required": "salah satu dari argumen %s wajib diisi",
    "expected one argument": "membutuhkan satu nilai",
    "expected at most one argument": "membutuhkan paling banyak satu nilai",
    "expected at least one argument": "membutuhkan paling sedikit satu nilai",
    "ambiguous option: %(option)s could match %(matches)s":
        "pilihan %(option)s ambigu, bisa berarti %(matches)s",
    "unexpected option string: %s": "pilihan tidak terduga: %s",
    "invalid %(type)s value: %(value)r": "nilai %(value)r tidak valid (harus %(type)s)",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "pilihan %(value)r tidak dikenal (pilih dari %(choices)s)",
    "%(prog)s: error: %(message)s\n": "%(prog)s: kesalahan: %(message)s\n",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "subperintah %(parser_name)r tidak dikenal (pilih dari %(choices)s)",
    "subcommands": "subperintah",
    "default: %(default)s": "bawaan: %(default)s",
}
_PLURALS: dict[str, str] = {
    "expected %s argument": "membutuhkan %s nilai",
    "ambiguous option: %(option)s could match %(matches)s":
        "pilihan %(option)s ambigu, bisa berarti %(matches)s",
}
# `invalid int value` names the type function; say what kind of value was expected.
TYPE_WORDS: dict[str, str] = {"int": "bilangan bulat", "float": "angka", "Path": "nama berkas"}


def translate(text: str) -> str:
    return _TEXTS.get(text, text)


def translate_plural(singular: str, plural: str, n: int) -> str:
    return _PLURALS.get(singular, singular if n == 1 else plural)


def install() -> None:
    """Point argparse's message lookups at the Indonesian table (idempotent)."""
    argparse._ = translate  # type: ignore[attr-defined]
    argparse.ngettext = translate_plural  # type: ignore[attr-defined]
    original = argparse.ArgumentParser._get_value
    if getattr(original, "_ao_desktop", False):
        return

    def get_value(self: argparse.ArgumentParser, action: argparse.Action, arg_string: str) -> object:
        try:
            return original(self, action, arg_string)
        except argparse.ArgumentError as exc:
            name = getattr(action.type, "__name__", "")
            if name in TYPE_WORDS and exc.message:
                exc.message = exc.message.replace(f"(harus {name})", f"(harus {TYPE_WORDS[name]})")
            raise

    get_value._ao_desktop = True  # type: ignore[attr-defined]
    argparse.ArgumentParser._get_value = get_value  # type: ignore[method-assign]
