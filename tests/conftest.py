"""Shared fixtures. Integration tests (real servers, real browser) skip locally with a
visible reason when the component is missing, and fail in CI, where .ci/run sets
EPKG_REQUIRE_INTEGRATION=1."""

from __future__ import annotations

import os
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


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")
