"""Every reader, and every kind of bad input getting a clear reason."""

from __future__ import annotations

import io
import json
import sys

import pytest

from eventwire.readers import MAX_FILE_BYTES, ReadOptions, read_inputs
from eventwire.records import InputError, PartialDate, Report

STRIKE_EN = "Two civilians were killed when Russian artillery shelled Kharkiv on Monday."


def _read(paths, **options):
    return list(read_inputs([str(p) for p in paths], ReadOptions(**options)))


def test_seed_format_header_gives_the_date_and_its_precision(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f" date 2022-11 {STRIKE_EN}", encoding="utf-8")
    (report,) = _read([path])
    assert report.published == PartialDate(2022, 11)
    assert report.text == STRIKE_EN


def test_plain_text_takes_the_published_option(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text(STRIKE_EN, encoding="utf-8")
    (report,) = _read([path], published=PartialDate(2023, 1, 9), language="en")
    assert report.published == PartialDate(2023, 1, 9) and report.language == "en"


def test_jsonl_reads_every_column_and_reports_bad_lines(tmp_path):
    path = tmp_path / "docs.jsonl"
    good = {
        "id": "r1",
        "text": STRIKE_EN,
        "published": "2023-01-09",
        "lang": "en",
        "title": "T",
        "url": "http://x",
        "source": "S",
    }
    path.write_text("\n".join([json.dumps(good), "{not json", json.dumps({"id": "r3"}), "[1, 2]"]) + "\n")
    report, bad_json, no_text, not_object = _read([path])
    assert report == Report("r1", STRIKE_EN, PartialDate(2023, 1, 9), "en", "T", "http://x", "S")
    assert (bad_json.line, no_text.line, not_object.line) == (2, 3, 4)
    assert bad_json.reason.startswith("not JSON")
    assert no_text.reason == "no text"


def test_csv_reads_the_same_columns(tmp_path):
    path = tmp_path / "docs.csv"
    path.write_text(f'id,text,published,lang\nc1,"{STRIKE_EN}",2023-01,en\nc2,,2023-01,en\n', encoding="utf-8")
    report, empty = _read([path])
    assert report.id == "c1" and report.published == PartialDate(2023, 1)
    assert isinstance(empty, InputError) and empty.line == 3


def test_html_article_text_and_metadata(tmp_path):
    body = " ".join([STRIKE_EN] * 3)
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Shelling of Kharkiv</title>"
        '<meta property="article:published_time" content="2023-01-09"></head>'
        f"<body><nav>Home | World</nav><article><h1>Shelling of Kharkiv</h1><p>{body}</p>"
        f"<p>{body}</p></article><footer>Contact us</footer></body></html>",
        encoding="utf-8",
    )
    (report,) = _read([path])
    assert isinstance(report, Report)
    assert STRIKE_EN in report.text and "Contact us" not in report.text
    assert report.title == "Shelling of Kharkiv"
    assert report.published == PartialDate(2023, 1, 9)


def test_directories_are_read_recursively(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(f" date 2023-01-09 {STRIKE_EN}")
    (tmp_path / "sub" / "b.txt").write_text(f" date 2023-01-10 {STRIKE_EN}")
    (tmp_path / "sub" / "c.png").write_bytes(b"\x89PNG\r\n")
    items = _read([tmp_path])
    assert [i.published.day for i in items] == [9, 10]  # the image is not a report


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(f" date 2023-01-09 {STRIKE_EN}".encode())))
    (report,) = list(read_inputs(["-"], ReadOptions()))
    assert report.published == PartialDate(2023, 1, 9) and report.id.startswith("stdin-")


def test_not_utf8_is_decoded_by_detection(tmp_path):
    path = tmp_path / "latin1.txt"
    text = (
        "Les forces ukrainiennes sont entrées à Kherson après le retrait des troupes russes. Les habitants ont "
        "célébré l'événement près de la rivière, où l'armée a été accueillie avec des drapeaux."
    )
    path.write_bytes(f" date 2022-11-12 {text}".encode("cp1252"))
    (report,) = _read([path])
    assert report.text == text


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty input"),
        (b"   \n  ", "empty input"),
        (b"\x00\x01\x02binary\x00", "binary data, not text"),
        (b" date 2022-13 Some text.", "impossible date in header"),
        (b" date 2022-02-30 Some text.", "impossible date in header"),
    ],
)
def test_bad_files_get_a_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    (error,) = _read([path])
    assert isinstance(error, InputError)
    assert error.reason.startswith(reason)


def test_a_file_over_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    (error,) = _read([path])
    assert error.reason.startswith("file too large")


def test_missing_path(tmp_path):
    (error,) = _read([tmp_path / "nope.txt"])
    assert error.reason == "no such file or directory"
