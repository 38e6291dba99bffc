"""Stage `language`: which language a report is written in, and which quotes switch language.

A `lang` hint on the report is used when present. Otherwise a fast check reads the report's first
words against each language's alphabet and most common words (`lexicon/<lang>/text.yaml`): a clear
winner whose alphabet covers the text is taken at once. Anything less clear goes to lingua,
restricted to the languages we code plus common others, so that a Spanish or Polish report is
recognised as such and not mistaken for French; such a report is skipped with "unsupported
language: xx", never coded.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from ..doc import Doc
from ..lexicon import languages, lexicon_file
from ..pipeline import StageError
from ..text import normal_form, normalize

# Languages we tell apart from the ones we code (every folder of `lexicon/`), so that a Spanish or
# Czech report is recognised as such instead of being mistaken for the nearest supported language.
COMMON_OTHERS = ("es", "it", "pt", "ro", "cs", "be", "bg", "tr", "ar", "sv", "ka", "hy", "az", "fa")
SAMPLE_CHARS = 1200  # how much of a report the fast check reads
LINGUA_CHARS = 600  # how much lingua reads when the fast check is unsure
MIN_COMMON_SHARE = 0.15  # share of a sample's words that are the language's most common words
MIN_LEAD = 2.0  # ... at least this many times the runner-up's share
MAX_FOREIGN_LETTERS = 0.004  # share of letters of the language's script outside its alphabet
MIN_QUOTE_WORDS = 4  # a shorter quote is not worth a language of its own
_WORDS = re.compile(r"\w+(?:'\w+)?")
QUOTE_MARKS = '"“„«‹'  # a quote opens with one of these
_QUOTE_MARK = re.compile(f"[{QUOTE_MARKS}]")
_QUOTED = re.compile(r"[\"“„«‹](?P<quote>[^\"“”„«»‹›]{12,})[\"”“»›]")


@dataclass(frozen=True)
class Profile:
    code: str
    script: str
    letters: frozenset[str]
    common: frozenset[str]


@lru_cache(maxsize=1024)
def script_of(char: str) -> str:
    """The Unicode script word of a letter: LATIN, CYRILLIC, ..."""
    return unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]


@cache
def profiles() -> tuple[Profile, ...]:
    found = []
    for code in languages():
        text = lexicon_file(code, "text")
        letters = frozenset(c for c in normal_form(text.letters) if c.isalpha())
        if not letters:
            continue
        scripts = Counter(script_of(c) for c in letters)
        common = frozenset(normal_form(w) for w in text.common_words)
        found.append(Profile(code, scripts.most_common(1)[0][0], letters, common))
    return tuple(found)


def fast_guess(text: str, short: bool = False) -> str | None:
    """The language of `text` when its alphabet and common words leave no doubt, else None.
    For a `short` text (a quote) a language whose alphabet alone fits is enough."""
    norm = normalize(text[:SAMPLE_CHARS])
    words = _WORDS.findall(norm)
    if len(words) < MIN_QUOTE_WORDS:
        return None
    counts = Counter(words)
    # Every letter stands inside a word, so the distinct words give the distinct letters cheaply.
    chars = {char: norm.count(char) for char in set().union(*counts) if char.isalpha()}
    scripts = {char: script_of(char) for char in chars}
    by_script: Counter[str] = Counter()
    for char, count in chars.items():
        by_script[scripts[char]] += count
    letters = sum(by_script.values())
    scored = []
    for profile in profiles():
        in_script = by_script[profile.script]
        if in_script < 0.6 * letters:
            continue
        foreign = sum(chars[c] for c in chars.keys() - profile.letters if scripts[c] == profile.script)
        if foreign > MAX_FOREIGN_LETTERS * in_script:
            continue
        share = sum(map(counts.__getitem__, profile.common.intersection(counts))) / len(words)
        scored.append((share, profile.code))
    scored.sort(reverse=True)
    if short and len(scored) == 1:
        return scored[0][1]
    if not scored or scored[0][0] < (0.0001 if short else MIN_COMMON_SHARE):
        return None
    if len(scored) > 1 and scored[0][0] < MIN_LEAD * scored[1][0]:
        return None
    return scored[0][1]


def _lingua(code: str) -> Language | None:
    iso = getattr(IsoCode639_1, code.upper(), None)
    return Language.from_iso_code_639_1(iso) if iso is not None else None


@cache
def detector() -> LanguageDetector:
    wanted = {_lingua(code) for code in (*languages(), *COMMON_OTHERS)}
    return LanguageDetectorBuilder.from_languages(*(lang for lang in wanted if lang is not None)).build()


def identify(text: str) -> str | None:
    """ISO 639-1 code of the most likely language of a text, or None."""
    guess = fast_guess(text)
    if guess is not None:
        return guess
    found = detector().detect_language_of(text[:LINGUA_CHARS])
    return found.iso_code_639_1.name.lower() if found is not None else None


def sentence_language(sentence: str, report_language: str) -> str:
    """The language of a sentence: the report's, unless quotes in another language we code make up
    most of it ("Він сказав: «...»" inside an English report)."""
    if not _QUOTE_MARK.search(sentence):
        return report_language
    quoted = [m.group("quote") for m in _QUOTED.finditer(sentence)]
    text = " ".join(q for q in quoted if len(q.split()) >= MIN_QUOTE_WORDS)
    if not text or 2 * len(text) < len(sentence.strip()):
        return report_language
    guess = fast_guess(text, short=True)
    return guess if guess is not None and guess in languages() else report_language


def detect_language(doc: Doc) -> Doc:
    hint = (doc.report.language or "").strip().lower()
    code = hint or identify(doc.text)
    if code is None:
        raise StageError("language could not be identified")
    if code not in languages():
        raise StageError(f"unsupported language: {code}")
    return replace(doc, language=code)
