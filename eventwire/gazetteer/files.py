"""Where the gazetteer file lives: the cache folder, a build named by the hash of its sources (rebuilt
when one changes, once across processes), the full GeoNames build when present, and pruning old builds."""

from __future__ import annotations

import logging
import os
import re
import time
from functools import cache
from pathlib import Path

from .build import FULL_NAME, build, cache_dir, curated_key, source_key
from .dumps import build_from_dumps
from .lookup import Gazetteer

log = logging.getLogger(__name__)


def _full_gazetteer(folder: Path) -> Path | None:
    """A gazetteer built from full dumps (`$EVENTWIRE_GAZETTEER` or the default file), kept current:
    rebuilt from its dumps when our curated sources changed, skipped when that is impossible."""
    path = Path(os.environ.get("EVENTWIRE_GAZETTEER") or folder / FULL_NAME)
    if not path.exists():
        return None
    full = Gazetteer(path)
    stale, dumps = full.meta("curated_key") != curated_key(), full.meta("geonames_dir")
    full.conn.close()
    if not stale:
        return path
    if dumps and (Path(dumps) / "allCountries.txt").exists():
        log.warning("rebuilding %s: curated place data changed", path)
        build_from_dumps(Path(dumps), path)
        return path
    log.warning("ignoring %s: built from older curated data and its dumps are gone", path)
    return None


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer for this process: a full-dump build if there is one, else the embedded one,
    built into the cache folder on first use."""
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    full = _full_gazetteer(folder)
    if full is not None:
        return Gazetteer(full)
    path = folder / f"gazetteer-{source_key()}.sqlite"
    if not path.exists():
        _build_once(path)
    return Gazetteer(path)


def _build_once(path: Path) -> None:
    """Build under a lock file, so that processes starting together (Dask workers, parallel test
    runs) build the gazetteer once and the others wait for it."""
    import fcntl

    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            build(path)
            _prune(path)


KEPT_OLD_BUILDS = 2  # earlier builds kept beside the current one (another installed version may use them)


BUILD_FILE = re.compile(r"gazetteer-([0-9a-f]{16})\.")


SETTLED_SECONDS = 600  # files younger than this may belong to a build still running


def _prune(current: Path, now: float | None = None) -> None:
    """Remove the files of older embedded builds from the cache folder (each is ~140 MB; every change
    of the curated data makes a new one), keeping the newest few and anything touched recently."""
    now = time.time() if now is None else now
    key = BUILD_FILE.match(current.name)
    builds: dict[str, list[Path]] = {}
    for file in current.parent.iterdir():
        found = BUILD_FILE.match(file.name)
        if found and (key is None or found.group(1) != key.group(1)):
            builds.setdefault(found.group(1), []).append(file)
    newest_first = sorted(builds.values(), key=lambda files: max(_mtime(f) for f in files), reverse=True)
    for files in newest_first[KEPT_OLD_BUILDS:]:
        if now - max(_mtime(f) for f in files) > SETTLED_SECONDS:
            for file in files:
                file.unlink(missing_ok=True)


def _mtime(file: Path) -> float:
    try:
        return file.stat().st_mtime
    except FileNotFoundError:
        return 0.0
