"""Snapshot every event the pipeline codes, and compare two snapshots field by field.

A behaviour-preserving change (a refactor, a faster scan) must leave the coding identical:

    .venv/bin/python scripts/snapshot_coding.py write /tmp/before.jsonl     # on the old commit
    .venv/bin/python scripts/snapshot_coding.py write /tmp/after.jsonl      # on the new one
    .venv/bin/python scripts/snapshot_coding.py compare /tmp/before.jsonl /tmp/after.jsonl

The inputs are the bundled sample reports, the seed report, the test data files
(`tests/data/*.jsonl`) and, where `../shared/eval-dev/` is present, every eval-dev set
(read in place, never copied). One line per report: its source, id, language and every
field of every event (or the reason it was not coded).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventwire.pipeline import Pipeline
from eventwire.readers import BadInput, ReadOptions, read_inputs, report_from_record
from eventwire.records import InputError, Report

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: _plain(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(item) for item in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    if hasattr(value, "value") and not isinstance(value, int | float | str):  # enums
        return _plain(value.value)
    return value


def _file_items(paths: list[Path]) -> Iterator[tuple[str, Report | InputError]]:
    for item in read_inputs([str(path) for path in paths], ReadOptions()):
        yield ("files", item)


def _gold_items() -> Iterator[tuple[str, Report | InputError]]:
    for path in sorted((SHARED / "eval-dev").glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            record = json.loads(line)
            try:
                yield (path.name, report_from_record(record, f"{path.stem}-{number}", ReadOptions()))
            except BadInput as error:
                yield (path.name, InputError(input=f"{path.stem}-{number}", reason=str(error)))


def inputs() -> Iterator[tuple[str, Report | InputError]]:
    files = sorted((ROOT / "eventwire" / "samples").glob("*.txt"))
    files += sorted((ROOT / "eventwire" / "samples").glob("*.jsonl"))
    files += sorted((SHARED / "seed").glob("*.txt"))
    files += sorted((ROOT / "tests" / "data").glob("*.jsonl"))
    yield from _file_items(files)
    yield from _gold_items()


def snapshot_lines(pipeline: Pipeline) -> Iterator[str]:
    for source, item in inputs():
        if isinstance(item, InputError):
            row: dict[str, Any] = {"source": source, "id": item.input, "error": item.reason}
        else:
            coded = pipeline.code(item)
            if isinstance(coded, InputError):
                row = {"source": source, "id": item.id, "error": coded.reason}
            else:
                row = {
                    "source": source,
                    "id": item.id,
                    "language": coded.language,
                    "events": [_plain(event) for event in coded.events],
                }
        # paths inside the checkout are written relative to it, so two checkouts compare equal
        yield json.dumps(row, ensure_ascii=False, sort_keys=True).replace(f"{ROOT}/", "")


def write(path: Path) -> None:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for line in snapshot_lines(Pipeline()):
            out.write(line + "\n")
            count += 1
    print(f"{count} reports written to {path}")


def _rows(path: Path) -> dict[tuple[str, str], dict[str, Any]]:
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return {(row["source"], row["id"]): row for row in rows}


def _differences(key: tuple[str, str], before: dict[str, Any], after: dict[str, Any]) -> Iterator[str]:
    label = f"{key[0]}:{key[1]}"
    for name in ("error", "language"):
        if before.get(name) != after.get(name):
            yield f"{label}: {name} {before.get(name)!r} -> {after.get(name)!r}"
    old, new = before.get("events", []), after.get("events", [])
    if len(old) != len(new):
        yield f"{label}: {len(old)} events -> {len(new)}"
    for index, (a, b) in enumerate(zip(old, new, strict=False)):
        for field in sorted(set(a) | set(b)):
            if a.get(field) != b.get(field):
                yield f"{label}: event {index} {field}: {a.get(field)!r} -> {b.get(field)!r}"


def compare(before_path: Path, after_path: Path, limit: int) -> int:
    before, after = _rows(before_path), _rows(after_path)
    differences = [f"{key[0]}:{key[1]}: only in the first" for key in before.keys() - after.keys()]
    differences += [f"{key[0]}:{key[1]}: only in the second" for key in after.keys() - before.keys()]
    for key in sorted(before.keys() & after.keys()):
        differences.extend(_differences(key, before[key], after[key]))
    events = sum(len(row.get("events", [])) for row in before.values())
    for line in differences[:limit]:
        print(line)
    print(f"{len(before)} reports, {events} events compared: {len(differences)} differences")
    return 1 if differences else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("write").add_argument("path", type=Path)
    comparing = commands.add_parser("compare")
    comparing.add_argument("before", type=Path)
    comparing.add_argument("after", type=Path)
    comparing.add_argument("--limit", type=int, default=40, help="differences to print")
    args = parser.parse_args(argv)
    if args.command == "write":
        write(args.path)
        return 0
    return compare(args.before, args.after, args.limit)


if __name__ == "__main__":
    sys.exit(main())
