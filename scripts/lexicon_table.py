"""The sub-event type x language table of docs/lexicons.md: how many trigger entries each language's
`triggers.yaml` holds for each ACLED sub-event type, and how many of them name a lexeme (`word+`).

    .venv/bin/python scripts/lexicon_table.py            # print the table
    .venv/bin/python scripts/lexicon_table.py --write    # replace it in docs/lexicons.md

tests/test_lexemes.py checks that the table in docs/lexicons.md is this script's output.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eventwire.lexicon import languages, load
from eventwire.lexicon.lexemes import lexemes_in
from eventwire.lexicon.models import TriggersLexicon
from eventwire.taxonomy import SUB_EVENT_TYPES

DOC = Path(__file__).resolve().parent.parent / "docs" / "lexicons.md"
BEGIN = "<!-- lexeme table: scripts/lexicon_table.py --write -->"
END = "<!-- end of lexeme table -->"


def cell(phrases: tuple[str, ...], combinations: int) -> str:
    lexemes = sum(1 for phrase in phrases if lexemes_in(phrase))
    return f"{len(phrases) + combinations} ({lexemes})"


def table() -> str:
    codes = languages()
    files = {code: load(code, "triggers") for code in codes}
    lines = ["| sub-event type | " + " | ".join(codes) + " |", "|---|" + "---|" * len(codes)]
    for sub_event in SUB_EVENT_TYPES:
        cells = []
        for code in codes:
            triggers = files[code]
            assert isinstance(triggers, TriggersLexicon)
            cells.append(cell(triggers.events.get(sub_event, ()), len(triggers.combinations.get(sub_event, ()))))
        lines.append(f"| {sub_event} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def with_table(document: str, rendered: str) -> str:
    head, _, rest = document.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n{rendered}\n{END}{tail}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="replace the table in docs/lexicons.md")
    args = parser.parse_args()
    rendered = table()
    if args.write:
        DOC.write_text(with_table(DOC.read_text(encoding="utf-8"), rendered), encoding="utf-8")
    else:
        print(rendered)
    return 0


if __name__ == "__main__":
    sys.exit(main())
