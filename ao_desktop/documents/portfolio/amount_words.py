"""Rupiah amounts in words in Bahasa Indonesia ("satu juta lima ratus ribu rupiah"), as
letters state them beside the figures. num2words speaks Indonesian (lang="id"); it is
imported on first use and loads its language module by name (the PyInstaller spec lists
num2words.lang_ID for that reason)."""

from __future__ import annotations


def rupiah_in_words(amount: int) -> str:
    """Whole rupiah in words, lower case, ending in "rupiah"; "nol rupiah" for 0."""
    from num2words import num2words

    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"rupiah_in_words expects int, got {type(amount).__name__}")
    words = num2words(abs(amount), lang="id")
    sign = "minus " if amount < 0 else ""
    return f"{sign}{' '.join(words.split())} rupiah"
