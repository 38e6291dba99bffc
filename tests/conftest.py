from __future__ import annotations

from pathlib import Path

import pytest

from eventwire import Pipeline

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "kherson-2022-11.nl.txt"
SAMPLES = ROOT / "eventwire" / "samples"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip("../shared/seed is not beside the project")
    return SEED
