"""Stage `language`: which language a report is written in."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from ..doc import Doc
from ..lexicon import languages
from ..pipeline import StageError

# Languages we tell apart from the ones we code, so that a Spanish or Polish report is
# recognised as such instead of being mistaken for the nearest supported language.
COMMON_OTHERS = ("es", "pl", "it", "pt", "ro", "cs", "be", "bg", "tr", "ar", "sv", "ka", "hy", "az", "fa")


def _lingua(code: str) -> Language | None:
    iso = getattr(IsoCode639_1, code.upper(), None)
    return Language.from_iso_code_639_1(iso) if iso is not None else None


@cache
def detector() -> LanguageDetector:
    wanted = {_lingua(code) for code in (*languages(), *COMMON_OTHERS)}
    return LanguageDetectorBuilder.from_languages(*(lang for lang in wanted if lang is not None)).build()


def identify(text: str) -> str | None:
    """ISO 639-1 code of the most likely language of a text, or None."""
    found = detector().detect_language_of(text[:2000])
    return found.iso_code_639_1.name.lower() if found is not None else None


def detect_language(doc: Doc) -> Doc:
    hint = (doc.report.language or "").strip().lower()
    code = hint or identify(doc.text)
    if code is None:
        raise StageError("language could not be identified")
    if code not in languages():
        raise StageError(f"unsupported language: {code}")
    return replace(doc, language=code)
