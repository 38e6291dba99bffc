"""The cache folder keeps the current embedded gazetteer and a few earlier builds, not every one."""

from __future__ import annotations

import os

from eventwire.gazetteer import KEPT_OLD_BUILDS, SETTLED_SECONDS, _prune


def _build(folder, key, age, now, suffixes=(".sqlite", ".lock")):
    files = []
    for suffix in suffixes:
        file = folder / f"gazetteer-{key}{suffix}"
        file.write_bytes(b"x")
        os.utime(file, (now - age, now - age))
        files.append(file)
    return files


def test_old_builds_are_removed_and_the_newest_kept(tmp_path):
    now = 1_800_000_000.0
    current = _build(tmp_path, "0" * 16, 0, now)[0]
    old = [_build(tmp_path, f"{n:016x}", 3600 * (n + 1), now) for n in range(1, 6)]
    leftover = _build(tmp_path, "f" * 16, 86_400, now, suffixes=(".123.tmp", ".123.tmp-journal"))
    full_dump = tmp_path / "gazetteer-geonames.sqlite"
    full_dump.write_bytes(b"x")
    os.utime(full_dump, (now - 10 * 86_400, now - 10 * 86_400))

    _prune(current, now=now)

    kept = sorted(p.name for p in tmp_path.iterdir())
    assert current.name in kept and full_dump.name in kept
    for files in old[:KEPT_OLD_BUILDS]:
        assert all(f.exists() for f in files)
    for files in old[KEPT_OLD_BUILDS:]:
        assert not any(f.exists() for f in files)
    assert not any(f.exists() for f in leftover)


def test_a_build_still_running_is_left_alone(tmp_path):
    now = 1_800_000_000.0
    current = _build(tmp_path, "0" * 16, 0, now)[0]
    for n in range(1, KEPT_OLD_BUILDS + 1):
        _build(tmp_path, f"{n:016x}", 60, now)
    running = _build(tmp_path, "e" * 16, SETTLED_SECONDS // 2, now, suffixes=(".99.tmp",))
    _prune(current, now=now)
    assert all(f.exists() for f in running)
