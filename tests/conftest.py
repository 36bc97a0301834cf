"""Shared fixtures. Integration tests (real servers, real browser) skip locally with a
visible reason when the component is missing, and fail in CI, where .ci/run sets
EPKG_REQUIRE_INTEGRATION=1."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "TA-9-2021-0056-ro.txt"


def integration_required() -> bool:
    return os.environ.get("EPKG_REQUIRE_INTEGRATION") == "1"


def require_component(available: bool, reason: str) -> None:
    """Skip (locally) or fail (in CI) when a real component is not there."""
    if available:
        return
    if integration_required():
        pytest.fail(f"integration component missing in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session", autouse=True)
def _private_data_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The derived-data cache (graph/datacache.py) of the test session, subprocesses
    included, lives in a temporary folder: tests never read or write the user's own."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EPKG_CACHE_DIR", str(tmp_path_factory.mktemp("epkg-cache")))
        patch.delenv("EPKG_NO_CACHE", raising=False)
        yield


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")
