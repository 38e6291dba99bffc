"""The typer's training sentences (training/sentences/<lang>/*.txt) are well formed: `LABEL|STYLE|text`,
LABEL an ACLED sub-event type or `none:KIND` (a hard non-event), each sentence once."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from eventwire.taxonomy import SUB_EVENT_TYPES

ROOT = Path(__file__).resolve().parent.parent / "training" / "sentences"
EVAL_DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval-dev"
RUN = 8  # words in a row a sentence may not share with an eval-dev text
FILES = sorted(ROOT.glob("*/*.txt"))
STYLES = {"wire", "tweet", "statement", "headline"}


def _rows(path: Path) -> list[tuple[int, list[str]]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(n, line.split("|", 2)) for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]


def test_there_are_training_sentences():
    assert FILES, "training/sentences holds no files"


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_line_is_label_style_text(path):
    assert path.read_text(encoding="utf-8").startswith("#"), "a file opens with a comment on where it comes from"
    for n, fields in _rows(path):
        assert len(fields) == 3, f"{path.name}:{n}: not LABEL|STYLE|text"
        label, style, text = fields
        assert label in SUB_EVENT_TYPES or (label.startswith("none:") and label[5:]), f"{path.name}:{n}: {label!r}"
        assert style in STYLES, f"{path.name}:{n}: style {style!r}"
        assert len(text.split()) >= 3, f"{path.name}:{n}: too short to be a sentence"


@pytest.mark.parametrize("language", sorted({p.parent.name for p in FILES}))
def test_no_sentence_is_written_twice(language):
    texts = [fields[2] for path in ROOT.joinpath(language).glob("*.txt") for _, fields in _rows(path)]
    assert len(texts) == len(set(texts))


def _runs(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.casefold())
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def test_no_sentence_shares_eight_words_in_a_row_with_eval_dev():
    if not EVAL_DEV.is_dir():
        pytest.skip("../shared/eval-dev is not beside the project")
    gold = set()
    for path in EVAL_DEV.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                gold |= _runs(json.loads(line).get("text") or "")
    shared = [f"{path.parent.name}/{path.name}:{n}" for path in FILES for n, f in _rows(path) if _runs(f[2]) & gold]
    assert not shared, f"rewrite these sentences: {', '.join(shared)}"
