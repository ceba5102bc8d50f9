"""The service's periodic jobs (ServiceSpec.workers): build a job on the app's engine, run it until stopped."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)


def polling(name: str, build: Callable[[Engine], Any], seconds: float):
    """A worker that calls `run_once()` of what `build` makes every `seconds`, and `close()` (if any) at the end."""

    def work(engine: Engine, stop: threading.Event) -> None:
        job = build(engine)
        try:
            while not stop.is_set():
                try:
                    job.run_once()
                except Exception:
                    # A failed round (database restarting) is logged and tried again at the next interval.
                    log.exception("%s failed", name)
                stop.wait(seconds)
        finally:
            getattr(job, "close", lambda: None)()

    work.__name__ = name.replace(" ", "_")
    return work
