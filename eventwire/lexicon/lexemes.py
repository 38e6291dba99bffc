"""Lexemes in lexicon phrases: a word written `shell+` stands for every form of the lexeme "shell".

A lexicon entry names a word once, by its dictionary form, and `+` asks for all its inflected forms
("shell+" matches shell, shells, shelled, shelling; "обстріл+" обстрілу, обстрілом, обстріли, ...).
The forms come from each language's `inflections.yaml`, a table generated from kept morphological
dictionaries by `scripts/build_inflections.py` (simplemma for every language, pymorphy3 where
`text.yaml` names it), never listed by hand. At load, every phrase holding a lexeme is replaced by
the phrases of its forms, so the stages match plain phrases and pay nothing at run time.

A form may itself be a phrase: a Dutch or German separable verb ("aanvallen+") also stands for its
split forms ("viel ... aan"), which the table's builder makes by rule from the language's
`separable_particles`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import product
from typing import Any

from pydantic import BaseModel

from .models import LexiconError

LEXEME_MARK = "+"
MAX_FORMS_PER_PHRASE = 400  # a phrase of several lexemes multiplies their forms; more is an error


def lexeme(word: str) -> str | None:
    """The dictionary form a phrase word `word+` stands for, or None for a plain word."""
    if len(word) > 1 and word.endswith(LEXEME_MARK) and "*" not in word:
        return word[: -len(LEXEME_MARK)]
    return None


def lexemes_in(phrase: str) -> list[str]:
    """The lexemes (dictionary forms) a phrase names."""
    return [name for word in phrase.split() if (name := lexeme(word)) is not None]


def lexeme_key(name: str) -> str:
    """How a lexeme is looked up in an inflection table (lower case, as the text is matched)."""
    return name.lower()


def expand_phrase(phrase: str, forms: Mapping[str, tuple[str, ...]], where: str = "") -> tuple[str, ...]:
    """Every plain phrase `phrase` stands for: each lexeme replaced by each of its forms."""
    words = phrase.split()
    if not any(lexeme(word) for word in words):
        return (phrase,)
    choices: list[tuple[str, ...]] = []
    for word in words:
        name = lexeme(word)
        if name is None:
            choices.append((word,))
            continue
        found = forms.get(lexeme_key(name))
        if not found:
            raise LexiconError(f"{where}: {word!r} has no forms in inflections.yaml (run scripts/build_inflections.py)")
        choices.append(found)
    count = 1
    for options in choices:
        count *= len(options)
    if count > MAX_FORMS_PER_PHRASE:
        raise LexiconError(f"{where}: {phrase!r} stands for {count} phrases (at most {MAX_FORMS_PER_PHRASE})")
    return tuple(" ".join(combination) for combination in product(*choices))


def _expand_value(value: Any, forms: Mapping[str, tuple[str, ...]], where: str) -> Any:
    if isinstance(value, str):
        return value
    if isinstance(value, tuple):
        if all(isinstance(item, str) for item in value):
            expanded: dict[str, None] = {}
            for phrase in value:
                expanded.update(dict.fromkeys(expand_phrase(phrase, forms, where)))
            return tuple(expanded)
        return tuple(_expand_value(item, forms, where) for item in value)
    if isinstance(value, dict):
        return {key: _expand_value(item, forms, f"{where}.{key}") for key, item in value.items()}
    if isinstance(value, BaseModel):
        return expand_model(value, forms, where)
    return value


def expand_model(model: Any, forms: Mapping[str, tuple[str, ...]], where: str) -> Any:
    """`model` (a lexicon file) with every phrase that names a lexeme replaced by its forms."""
    updates = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        expanded = _expand_value(value, forms, f"{where}.{name}" if where else name)
        if expanded != value:
            updates[name] = expanded
    return model.model_copy(update=updates) if updates else model


def phrases_of(value: Any) -> Iterable[str]:
    """Every phrase in a lexicon value (a model, a mapping, a tuple), for the table's builder."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from phrases_of(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from phrases_of(item)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name != "about":
                yield from phrases_of(getattr(value, name))
