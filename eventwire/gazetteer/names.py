"""How names are keyed: which forms are kept, and the spelling skeleton that makes transliteration
variants meet ("Kupyansk", "Kupiansk")."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from ..lexicon import base_places
from ..text import fold


def keep_form(form: str) -> bool:
    # Airport codes and acronyms ("KHE", "UA") would match abbreviations in text.
    return len(form) >= 3 and not (form.isupper() and len(form) <= 4)


@cache
def _spelling() -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str]]:
    data = base_places().spelling
    pairs = dict(data.variants)
    variants = re.compile("|".join(re.escape(v) for v in sorted(pairs, key=len, reverse=True)) or "(?!x)x")
    vowels = re.compile(f"[{re.escape(data.vowels or 'aeiouy')}]+")
    return variants, pairs, vowels


NOT_LETTERS = re.compile(r"[\W\d_]+")


@cache
def _cyrillic() -> tuple[re.Pattern[str], dict[str, str]]:
    table = dict(base_places().spelling.cyrillic)
    letters = re.compile("|".join(re.escape(c) for c in sorted(table, key=len, reverse=True)) or "(?!x)x")
    return letters, table


def romanised(name: str) -> str:
    """A Cyrillic name in Latin letters (`spelling.cyrillic` of base/places.yaml), for its skeleton; ""
    if letters of another script remain."""
    letters, table = _cyrillic()
    latin = letters.sub(lambda m: table[m.group(0)], name.lower())
    return latin if NOT_LETTERS.sub("", latin).isascii() else ""


@lru_cache(maxsize=100_000)
def name_skeleton(name: str) -> str:
    """`skeleton` of a name, of a Cyrillic one by its romanisation."""
    return skeleton(name) or skeleton(romanised(name))


REPEATS = re.compile(r"(.)\1+")


def skeleton(name: str) -> str:
    """A Latin-script name's spelling skeleton: transliteration variants of one name share it
    ("Kupyansk"/"Kupiansk", "Hostomel"/"Gostomel"); "" for other scripts and short names."""
    letters = NOT_LETTERS.sub("", fold(name))
    if not letters.isascii():
        ascii_letters = unicodedata.normalize("NFKD", letters).encode("ascii", "ignore").decode()
        if len(ascii_letters) < len(letters) - 1:  # another script, or more than one letter with no ASCII base
            return ""
        letters = ascii_letters
    if len(letters) < 4:
        return ""
    variants, pairs, vowels = _spelling()
    letters = variants.sub(lambda m: pairs[m.group(0)], letters)
    return REPEATS.sub(r"\1", vowels.sub("V", letters))
