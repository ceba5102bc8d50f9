"""Fixtures of the deployment tests: the Kafka version the local stack runs, from the one place it is pinned."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

_POM = Path(__file__).resolve().parents[3] / "deploy" / "local" / "kafka" / "pom.xml"


@pytest.fixture(scope="session")
def local_kafka_version() -> str:
    found = re.search(r"<kafka.version>(.*?)</kafka.version>", _POM.read_text())
    assert found, f"no kafka.version in {_POM}"
    return found.group(1)
