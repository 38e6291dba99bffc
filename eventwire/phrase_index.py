"""Many plain lexicon phrases found by look-up instead of one huge regular expression.

A lexicon with lexemes expands to tens of thousands of phrases (every form of "обстрелять"), nearly
all of them plain: no `*`, no `...`. As one trie-shaped pattern they cost over a second to compile at
start-up. A `PhraseIndex` keeps the plain phrases in a table keyed by their first word, and the gap
phrases of plain words ("обстріляли ... місто": every form of both lexemes, thousands in Ukrainian) in
a table of their parts (`GapPhrases`); only the others (stems with `*`) are a pattern
(`trie.trie_pattern`, a few dozen phrases).

It matches as that one pattern would: case-insensitively (on `text.normalize`d text), on word
boundaries, a space in a phrase standing for any run of whitespace. Where several phrases can begin at
a place, the longest match wins (the trie pattern's order gives the same but for phrases that mix
literal letters and a wildcard at one place, where it can prefer a shorter literal match).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator

from .text import case_twin, normal_form, normalize
from .trie import compile_trie, trie_pattern

_FIRST_WORD = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
WINDOW_PER_WORD = 64  # characters of text read ahead per word of the longest phrase
GAP_WORDS = 5  # a lone `...` in a phrase: up to this many words in between (as `trie._GAP`)

Words = tuple[str, ...]


def gap_parts(phrase: str) -> tuple[Words, Words] | None:
    """The words before and after the one `...` of a phrase whose other words are all plain (word
    characters only), else None."""
    words = normal_form(phrase).split()
    if words.count("...") != 1:
        return None
    gap = words.index("...")
    head, tail = tuple(words[:gap]), tuple(words[gap + 1 :])
    if not head or not tail or not all(_WORD.fullmatch(word) for word in head + tail):
        return None
    return head, tail


def _spaced(normal: str, words: list[re.Match[str]]) -> bool:
    """Whether only whitespace stands between the consecutive words (as a phrase's spaces match)."""
    return all(normal[a.end() : b.start()].isspace() for a, b in itertools.pairwise(words))


def _matches(words: list[re.Match[str]], expected: Words) -> bool:
    return len(words) == len(expected) and all(w.group(0) == e for w, e in zip(words, expected, strict=True))


class GapPhrases:
    """Phrases "A ... B" of plain words, matched as their trie pattern matches them: A, then the fewest
    words (up to five) before a B; a longer A first; the longest B at that place. Nothing is compiled."""

    __slots__ = ("by_first", "pairs", "words_ahead")

    def __init__(self, phrases: Iterable[tuple[Words, Words]]) -> None:
        self.pairs = frozenset(phrases)
        tails: dict[Words, set[Words]] = {}
        for head, tail in self.pairs:
            tails.setdefault(head, set()).add(tail)
        by_first: dict[str, list[tuple[Words, tuple[Words, ...]]]] = {}
        for head in sorted(tails, key=len, reverse=True):
            by_tail_length = tuple(sorted(tails[head], key=lambda t: (-len(t), t)))
            by_first.setdefault(head[0], []).append((head, by_tail_length))
        self.by_first = {first: tuple(heads) for first, heads in by_first.items()}
        longest = max((len(h) + len(t) for h, t in self.pairs), default=0)
        self.words_ahead = longest + GAP_WORDS

    def end_at(self, normal: str, start: int, first: str) -> int:
        """The end of the gap phrase beginning at `start` (where the word `first` begins), or `start`."""
        heads = self.by_first.get(first)
        if heads is None:
            return start
        ahead = []
        for word in _WORD.finditer(normal, start):
            ahead.append(word)
            if len(ahead) == self.words_ahead:
                break
        for head, tails in heads:
            if not (_matches(ahead[: len(head)], head) and _spaced(normal, ahead[: len(head)])):
                continue
            for skipped in range(GAP_WORDS + 1):
                at = len(head) + skipped
                for tail in tails:
                    words = ahead[at : at + len(tail)]
                    if _matches(words, tail) and _spaced(normal, words):
                        return words[-1].end()
        return start

    def fullmatch(self, normal: str) -> bool:
        """Whether the whole of `normal` (a found phrase, normalised) is one of the phrases."""
        words = list(_WORD.finditer(normal))
        if not self.pairs or not words or words[0].start() or words[-1].end() != len(normal):
            return False
        count = len(words)
        texts = [w.group(0) for w in words]
        for heads in range(1, count):
            for tails in range(max(1, count - heads - GAP_WORDS), count - heads + 1):
                head, tail = tuple(texts[:heads]), tuple(texts[count - tails :])
                if (
                    (head, tail) in self.pairs
                    and _spaced(normal, words[:heads])
                    and _spaced(normal, words[count - tails :])
                ):
                    return True
        return False


def _chunk_start(normal: str, start: int, number: int) -> int:
    """Where the `number`-th (0-based) whitespace-separated chunk from `start` begins."""
    position = start
    for _ in range(number):
        gap = _SPACES.search(normal, position)
        assert gap is not None  # the caller saw that many chunks
        position = gap.end()
    return position


def _is_plain(phrase: str) -> bool:
    """A phrase the table can hold: no wildcard or gap, beginning and ending with a word character."""
    form = normal_form(phrase)
    return bool(form) and "*" not in form and "..." not in form.split() and _word_edges(form)


def _word_edges(form: str) -> bool:
    return _WORD_CHAR.match(form) is not None and _WORD_CHAR.match(form[-1]) is not None


def _by_length(phrases: set[tuple[str, ...]]) -> tuple[tuple[int, dict[tuple[str, ...], frozenset[str]]], ...]:
    tables: dict[int, dict[tuple[str, ...], set[str]]] = {}
    for words in phrases:
        tables.setdefault(len(words), {}).setdefault(words[:-1], set()).add(words[-1])
    return tuple(
        (count, {head: frozenset(lasts) for head, lasts in tables[count].items()})
        for count in sorted(tables, reverse=True)
    )


def _word_ends(chunk: str) -> list[int]:
    """The lengths of the chunk's beginnings that end with a word character, longest first: where no
    word character follows in the chunk (or at its end)."""
    return [m.end() for m in reversed(list(_WORD.finditer(chunk)))]


class PhraseIndex:
    """The whole-word matches of lexicon phrases: plain ones by table look-up, the rest by pattern."""

    __slots__ = ("by_first", "gaps", "rest", "rest_twin", "starts", "words")

    def __init__(self, phrases: Iterable[str]) -> None:
        words: set[str] = set()  # one-word phrases of word characters only: most forms of most lexemes
        by_first: dict[str, set[tuple[str, ...]]] = {}  # the other plain phrases, by their first word
        gaps: list[tuple[Words, Words]] = []
        rest: list[str] = []
        for phrase in phrases:
            if not phrase.strip():
                continue
            if not _is_plain(phrase):
                parts = gap_parts(phrase)
                if parts is None:
                    rest.append(phrase)
                else:
                    gaps.append(parts)
                continue
            form = normal_form(phrase)
            first = _FIRST_WORD.match(form)
            assert first is not None  # a plain phrase begins with a word character
            if first.end() == len(form):
                words.add(form)
            else:
                by_first.setdefault(first.group(0), set()).add(tuple(form.split()))
        self.words = frozenset(words)
        # For each first word: for each phrase length in words (longest first), the phrases' words but
        # the last -> their last words.
        self.by_first: dict[str, tuple[tuple[int, dict[tuple[str, ...], frozenset[str]]], ...]] = {
            first: _by_length(found) for first, found in by_first.items()
        }
        self.gaps = GapPhrases(gaps)
        self.starts = (
            self.words | self.by_first.keys() | self.gaps.by_first.keys()
        )  # the words a plain phrase begins with
        self.rest: re.Pattern[str] | None = trie_pattern(rest) if rest else None
        self.rest_twin = case_twin(self.rest) if self.rest is not None else None

    def match_at(self, text: str, normal: str, start: int, lower: str | None = None) -> tuple[int, int] | None:
        """The match beginning at `start`, a place no word character precedes, if any (`normal`:
        `normalize(text)`; `lower`: `text.lowered(text)` where known, for a faster pattern)."""
        first = _FIRST_WORD.match(normal, start)
        end = start if first is None else self._plain_end(normal, start, first)
        if self.rest is not None:
            if lower is not None and self.rest_twin is not None:
                found = self.rest_twin.match(lower, start)
            else:
                found = self.rest.match(text, start)
            if found is not None and found.end() > end:
                end = found.end()
        return (start, end) if end > start else None

    def _phrase_end(self, normal: str, start: int, word: str) -> int:
        """The end of the longest phrase of `by_first[word]` beginning at `start`, or `start`."""
        candidates = self.by_first[word]
        # The text's next chunks (split at whitespace); the last one may be cut by the window, so a
        # phrase's end is checked against the whole text.
        longest = candidates[0][0]
        chunks = normal[start : start + WINDOW_PER_WORD * longest].split(maxsplit=longest)
        for count, heads in candidates:
            if count > len(chunks):
                continue
            lasts = heads.get(tuple(chunks[: count - 1]))
            if lasts is None:
                continue
            chunk = chunks[count - 1]
            # a last word ends with a word character where no word character follows in the text
            for length in _word_ends(chunk):
                if chunk[:length] in lasts:
                    end = _chunk_start(normal, start, count - 1) + length
                    if end >= len(normal) or _WORD_CHAR.match(normal, end) is None:
                        return end
        return start

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Every match in `text`, left to right and not overlapping (as `finditer` gives them)."""
        normal = normalize(text)
        starts = self.starts
        hits = [word for word in _FIRST_WORD.finditer(normal) if word.group(0) in starts]  # where plain ones may begin
        next_hit, position = 0, 0
        rest: re.Match[str] | None = None  # the rest's leftmost match from `position` on
        searched = self.rest is None  # whether `rest` is that match (None: there is none)
        while True:
            if not searched or (rest is not None and rest.start() < position):
                assert self.rest is not None
                rest, searched = self.rest.search(text, position), True
            # before the rest's match, no rest phrase begins anywhere
            limit = rest.start() if rest is not None else len(normal)
            found = None
            while found is None and next_hit < len(hits) and (word := hits[next_hit]).start() <= limit:
                next_hit += 1
                start = word.start()
                if start < position:
                    continue
                end = self._plain_end(normal, start, word)
                if rest is not None and start == limit:
                    end = max(end, rest.end())
                if end > start:
                    found = (start, end)
            if found is None:
                if rest is None:
                    return
                found = rest.span()
            yield found
            position = found[1]

    def _plain_end(self, normal: str, start: int, first: re.Match[str]) -> int:
        """The end of the longest plain or gap phrase beginning at `start` with the word `first`, or `start`."""
        word = first.group(0)
        end = first.end() if word in self.words else start
        if word in self.by_first:
            end = max(end, self._phrase_end(normal, start, word))
        if word in self.gaps.by_first:
            end = max(end, self.gaps.end_at(normal, start, word))
        return end

    def search(self, text: str) -> bool:
        """Whether any phrase occurs in `text`."""
        return next(self.spans(text), None) is not None


class PhraseSet:
    """A list of lexicon phrases, asked whether a found phrase is one of them. Plain phrases (most of
    them: every form of a lexeme) are a set of normal forms, gap phrases of plain words a `GapPhrases`
    table; only those with a `*` are patterns, one per phrase, compiled when a found phrase begins as
    the phrase does. A lexeme's thousands of forms would make one pattern slow to compile at start-up."""

    __slots__ = ("_all", "_compiled", "exact", "gaps", "phrases", "starred")

    def __init__(self, phrases: tuple[str, ...]) -> None:
        self.phrases = phrases
        exact: set[str] = set()
        gaps: list[tuple[Words, Words]] = []
        starred: dict[str, list[tuple[str, str]]] = {}  # first letter -> (literal beginning, phrase)
        for phrase in phrases:
            if not phrase.strip():
                continue
            if "*" not in phrase and "..." not in phrase.split():
                exact.add(normal_form(phrase))
            elif (parts := gap_parts(phrase)) is not None:
                gaps.append(parts)
            else:
                beginning = normal_form(_LITERAL_BEGINNING.match(phrase).group(0))  # type: ignore[union-attr]
                starred.setdefault(beginning[:1], []).append((beginning, phrase))
        self.exact = frozenset(exact)
        self.gaps = GapPhrases(gaps)
        self.starred = {first: tuple(found) for first, found in starred.items()}
        self._compiled: dict[str, re.Pattern[str]] = {}
        self._all: re.Pattern[str] | None = None

    def fullmatch(self, text: str) -> bool:
        """Whether `text` (a found phrase) is one of the phrases, as a whole."""
        normal = normal_form(text)
        if normal in self.exact or (self.gaps.pairs and self.gaps.fullmatch(normal)):
            return True
        if not self.starred:
            return False
        candidates = (*self.starred.get(normal[:1], ()), *self.starred.get("", ()))
        return any(normal.startswith(beginning) and self._pattern(p).fullmatch(text) for beginning, p in candidates)

    def _pattern(self, phrase: str) -> re.Pattern[str]:
        pattern = self._compiled.get(phrase)
        if pattern is None:
            pattern = self._compiled[phrase] = compile_trie((phrase,))
        return pattern

    def search(self, text: str) -> bool:
        """Whether one of the phrases occurs in `text` (on word boundaries)."""
        if self._all is None:
            self._all = trie_pattern(self.phrases)
        return self._all.search(text) is not None


_LITERAL_BEGINNING = re.compile(r"[^*]*?(?=\*|\s\.\.\.(?:\s|$)|$)")  # a phrase up to its first `*` or `...`


# Up to this many phrases, one trie pattern compiles in a tenth of a second and scans fastest; above it
# (a lexicon of Slavic lexemes: 15,000-20,000 forms), compiling it would cost a second or more at
# start-up, and the look-up costs about 0.2-0.3 ms more per report.
LOOKUP_ABOVE = 5_000


def phrase_matcher(phrases: Iterable[str]) -> re.Pattern[str] | PhraseIndex:
    """The whole-word matcher of many lexicon phrases: a trie pattern, or a `PhraseIndex` when they
    are too many to compile fast."""
    unique = tuple(sorted(set(phrases)))
    return trie_pattern(unique) if len(unique) <= LOOKUP_ABOVE else PhraseIndex(unique)
