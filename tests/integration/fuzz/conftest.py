"""Marks the generated tests of the operations listed in a module's KNOWN_FAILURES xfail (strict=False)."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        known = getattr(item.module, "KNOWN_FAILURES", None)
        label = item.name.partition("[")[2].rstrip("]")  # "GET /zeroing"
        if known is None or not label:
            continue
        reason = known.get(item.originalname, {}).get(label)
        if reason:
            item.add_marker(pytest.mark.xfail(reason=reason, strict=False))
