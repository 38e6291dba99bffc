"""Readers: files, folders and standard input turned into `Report`s, or `InputError`s with a reason.

Formats: the seed format (a ` date YYYY-MM[-DD] ` header, then the text), plain
text (dated by `--published`), JSONL and CSV (columns id, text, published, lang,
title, url, source), Parquet (the same columns, read with pyarrow one row group at
a time), HTML articles (through trafilatura), folders (recursive) and `-` for
standard input. Every input is accounted for: each yields reports or errors,
never nothing silently.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from .records import InputError, PartialDate, Report

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_REPORT_CHARS = 2 * 1024 * 1024
SEED_HEADER = re.compile(r"\A\ufeff?\s*date\s+(\S+)\s")
TEXT_SUFFIXES = {".txt", ".text"}
PARQUET_SUFFIXES = {".parquet", ".pq"}
SUFFIXES = TEXT_SUFFIXES | PARQUET_SUFFIXES | {".jsonl", ".ndjson", ".csv", ".html", ".htm"}
RECORD_COLUMNS = ("id", "text", "published", "date", "lang", "language", "title", "url", "source")
STDIN = Path("-")  # the source `-` stands for; compared by identity (a file may be named "./-")

Item = Report | InputError


@dataclass(frozen=True)
class ReadOptions:
    published: PartialDate | None = None
    language: str | None = None
    theatre: tuple[str, ...] | None = None  # see Report.theatre


class BadInput(ValueError):
    """The whole input cannot be read; the message is the reason reported."""


def decode(data: bytes) -> str:
    """Text from bytes: UTF-8, else the detected encoding; binary data is refused."""
    if not data.strip():
        raise BadInput("empty input")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BadInput("binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise BadInput("not text in any known encoding") from None
        return str(best)


def content_id(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def report_from_text(name: str, text: str, options: ReadOptions) -> Report:
    """The seed format when the header is there, else plain text dated by the options."""
    published = options.published
    header = SEED_HEADER.match(text)
    if header:
        try:
            published = PartialDate.parse(header.group(1))
        except ValueError as error:
            raise BadInput(f"impossible date in header: {header.group(1)!r} ({error})") from None
        text = text[header.end() :]
    text = text.strip()
    if not text:
        raise BadInput("empty report text")
    if len(text) > MAX_REPORT_CHARS:
        raise BadInput(f"report too long: {len(text)} characters (limit {MAX_REPORT_CHARS})")
    return Report(id=name, text=text, published=published, language=options.language, theatre=options.theatre)


def parse_theatre_codes(value: str | None) -> tuple[str, ...] | None:
    """A `--theatre` value: None (the default theatre), () for 'none', or ISO 3166-1 alpha-2 codes."""
    if value is None:
        return None
    if value.strip().lower() == "none":
        return ()
    codes = tuple(code.strip().upper() for code in value.split(",") if code.strip())
    bad = [code for code in codes if len(code) != 2 or not code.isalpha()]
    if bad:
        raise ValueError(f"not ISO 3166-1 alpha-2 country codes: {', '.join(bad)}")
    return codes


def report_from_record(record: dict[str, Any], fallback_id: str, options: ReadOptions) -> Report:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise BadInput("no text")
    if len(text) > MAX_REPORT_CHARS:
        raise BadInput(f"report too long: {len(text)} characters (limit {MAX_REPORT_CHARS})")
    published = options.published
    raw_date = record.get("published") or record.get("date")
    if raw_date:
        try:
            published = PartialDate.parse(str(raw_date)[:10])
        except ValueError as error:
            raise BadInput(f"impossible published date {raw_date!r} ({error})") from None

    def optional(key: str) -> str | None:
        value = record.get(key)
        return str(value) if value not in (None, "") else None

    return Report(
        id=str(record.get("id") or fallback_id),
        text=text.strip(),
        published=published,
        language=optional("lang") or optional("language") or options.language,
        title=optional("title"),
        url=optional("url"),
        source=optional("source"),
        theatre=options.theatre,
    )


def read_jsonl(name: str, text: str, options: ReadOptions) -> Iterator[Item]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputError(name, f"not JSON: {error.msg}", number)
            continue
        if not isinstance(record, dict):
            yield InputError(name, "not a JSON object", number)
            continue
        try:
            yield report_from_record(record, f"{name}:{number}", options)
        except BadInput as error:
            yield InputError(name, str(error), number)


def read_csv(name: str, text: str, options: ReadOptions) -> Iterator[Item]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "text" not in reader.fieldnames:
        yield InputError(name, "CSV has no 'text' column")
        return
    for number, row in enumerate(reader, start=2):
        try:
            yield report_from_record(dict(row), f"{name}:{number}", options)
        except BadInput as error:
            yield InputError(name, str(error), number)


def read_html(name: str, text: str, options: ReadOptions) -> Iterator[Item]:
    import trafilatura

    document = trafilatura.bare_extraction(text, with_metadata=True)
    extracted = document.as_dict() if document is not None else {}
    if not (extracted.get("text") or "").strip():
        yield InputError(name, "no article text found in HTML")
        return
    record = {
        "id": name,
        "text": extracted["text"],
        "published": extracted.get("date"),
        "title": extracted.get("title"),
        "url": extracted.get("url"),
        "source": extracted.get("sitename"),
    }
    try:
        yield report_from_record(record, name, options)
    except BadInput as error:
        yield InputError(name, str(error))


def read_text(name: str, text: str, options: ReadOptions, suffix: str) -> Iterator[Item]:
    """Dispatch decoded text by suffix (or, for standard input, by its first character)."""
    try:
        if suffix in (".jsonl", ".ndjson") or (suffix == "-" and text.lstrip().startswith("{")):
            yield from read_jsonl(name, text, options)
        elif suffix == ".csv":
            yield from read_csv(name, text, options)
        elif suffix in (".html", ".htm") or (
            suffix == "-" and text.lstrip()[:15].lower().startswith(("<!doctype", "<html"))
        ):
            yield from read_html(name, text, options)
        else:
            yield report_from_text(name, text, options)
    except BadInput as error:
        yield InputError(name, str(error))


def parquet_rows(path: Path) -> int:
    """How many rows a Parquet file of reports holds (from its footer); BadInput when it is not one."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise BadInput("reading Parquet needs pyarrow: pip install 'eventwire[dask]'") from None
    try:
        parquet = pq.ParquetFile(path)
    except Exception as error:  # pyarrow raises several types for a damaged or foreign file
        raise BadInput(f"not a Parquet file: {error}") from None
    if "text" not in parquet.schema_arrow.names:
        raise BadInput("Parquet file has no 'text' column")
    return int(parquet.metadata.num_rows)


def read_parquet(path: Path, options: ReadOptions, start: int = 0, stop: int | None = None) -> Iterator[Item]:
    """Reports from rows [start, stop) of a Parquet file; `line` in an error is the 1-based row number.

    Only the row groups that overlap the range are read, so a slice of a large file costs a slice.
    """
    import pyarrow.parquet as pq

    name = str(path)
    parquet = pq.ParquetFile(path)
    columns = [c for c in RECORD_COLUMNS if c in parquet.schema_arrow.names]
    stop = parquet.metadata.num_rows if stop is None else stop
    first_row = 0
    for group in range(parquet.metadata.num_row_groups):
        group_rows = parquet.metadata.row_group(group).num_rows
        low, high = max(start, first_row), min(stop, first_row + group_rows)
        if low < high:
            table = parquet.read_row_group(group, columns=columns).slice(low - first_row, high - low)
            for number, record in enumerate(table.to_pylist(), start=low + 1):
                try:
                    yield report_from_record(record, f"{name}:{number}", options)
                except BadInput as error:
                    yield InputError(name, str(error), number)
        first_row += group_rows


def read_parquet_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    try:
        parquet_rows(path)
    except BadInput as error:
        yield InputError(str(path), str(error))
        return
    try:
        yield from read_parquet(path, options)
    except Exception as error:  # a damaged row group: the rows before it are kept, the rest reported
        yield InputError(str(path), f"cannot read Parquet: {type(error).__name__}: {error}")


def read_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    name = str(path)
    if path.suffix.lower() in PARQUET_SUFFIXES:
        yield from read_parquet_file(path, options)
        return
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield InputError(name, f"file too large: {size} bytes (limit {MAX_FILE_BYTES})")
            return
        text = decode(path.read_bytes())
    except (BadInput, OSError) as error:
        yield InputError(name, str(error) if isinstance(error, BadInput) else f"cannot read: {error.strerror or error}")
        return
    yield from read_text(name, text, options, path.suffix.lower())


def read_stdin(options: ReadOptions) -> Iterator[Item]:
    data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        yield InputError("-", f"standard input too large (limit {MAX_FILE_BYTES} bytes)")
        return
    try:
        text = decode(data)
    except BadInput as error:
        yield InputError("-", str(error))
        return
    yield from read_text(f"stdin-{content_id(text)}", text, options, "-")


def expand_inputs(inputs: list[str]) -> Iterator[Path | InputError]:
    """Every file named by the inputs, in reading order: folders recursively, in sorted order.

    `-` (standard input) is passed through as `STDIN`; a missing input is an `InputError`.
    """
    for item in inputs:
        if item == "-":
            yield STDIN
            continue
        path = Path(item)
        if path.is_dir():
            # In a folder, only files of the formats above are reports (a README or an image is not).
            for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
                if child.suffix.lower() in SUFFIXES:
                    yield child
        elif path.exists():
            yield path
        else:
            yield InputError(item, "no such file or directory")


def read_source(source: Path | InputError, options: ReadOptions) -> Iterator[Item]:
    """The items of one source that `expand_inputs` yielded."""
    if isinstance(source, InputError):
        yield source
    elif source is STDIN:
        yield from read_stdin(options)
    else:
        yield from read_file(source, options)


def read_inputs(inputs: list[str], options: ReadOptions) -> Iterator[Item]:
    """Reports from every input; folders are read recursively, in sorted order."""
    for source in expand_inputs(inputs):
        yield from read_source(source, options)
