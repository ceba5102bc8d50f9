"""Background threads of a service (relay, consumers, periodic jobs): started with a stop event, joined on stop."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class BackgroundWorker:
    """A running daemon thread and the event that asks it to stop."""

    thread: threading.Thread
    stop_event: threading.Event

    def stop(self, timeout: float = 10.0) -> None:
        self.stop_event.set()
        self.thread.join(timeout)


def start_in_thread(name: str, run: Callable[[threading.Event], None]) -> BackgroundWorker:
    """Run `run(stop_event)` in a daemon thread until `stop()` is called."""
    stop_event = threading.Event()
    thread = threading.Thread(target=run, args=(stop_event,), name=name, daemon=True)
    thread.start()
    return BackgroundWorker(thread, stop_event)
