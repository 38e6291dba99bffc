"""Many lexicon phrases as one trie-shaped regular expression, for a single fast scan of a text.

An alternation of hundreds of phrases makes the regex engine try every phrase at every position;
the same phrases arranged as a trie ("missile(?:s|\\s+strike\\w*)?") branch on the first letters and
fail fast. The phrase syntax is the lexicons' (docs/lexicons.md): `*` inside a word matches any
letters, a lone `...` allows up to five words in between. Matching is case-insensitive and on word
boundaries, like `text.compile_phrases`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

_APOSTROPHES = "['’ʼ`]"
_GAP = r"(?:\W+\w+){0,5}?\W+"
_END = ""  # the key marking that a phrase ends at a trie node


def _atoms(phrase: str) -> list[str]:
    atoms: list[str] = []
    for index, word in enumerate(phrase.split()):
        if word == "...":
            atoms.append(_GAP)
            continue
        if index and atoms[-1] != _GAP:
            atoms.append(r"\s+")
        for char in word:
            if char == "*":
                atoms.append(r"\w*")
            elif char in "'’":
                atoms.append(_APOSTROPHES)
            else:
                atoms.append(re.escape(char.lower()))
    return atoms


def _insert(trie: dict, atoms: list[str]) -> None:
    node = trie
    for atom in atoms:
        node = node.setdefault(atom, {})
    node[_END] = {}


def _serialise(node: dict) -> str:
    branches = [atom + _serialise(child) for atom, child in node.items() if atom != _END]
    if not branches:
        return ""
    # Literal letters first, wildcards last: the longest phrase is tried before a shorter one.
    branches.sort(key=lambda b: b.startswith(("\\w", "\\s", "(?:")))
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        return f"(?:{body})?" if len(branches) == 1 else body + "?"
    return body


def compile_trie(phrases: Iterable[str]) -> re.Pattern[str]:
    """The pattern of `trie_pattern`, compiled anew (not cached: for the many one-phrase patterns that
    would crowd the cache)."""
    trie: dict = {}
    for phrase in phrases:
        if phrase.strip():
            _insert(trie, _atoms(phrase))
    if not trie:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<!\w)" + _serialise(trie) + r"(?!\w)", re.IGNORECASE)


_compile = lru_cache(maxsize=1024)(compile_trie)


def trie_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """One case-insensitive pattern matching any of the phrases, on word boundaries."""
    return _compile(tuple(sorted(set(phrases))))
