"""Event-sourced aggregates: command methods record past-tense events; state is rebuilt by applying them.

Plain Python, no framework: services' `domain/` packages build on this and import nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

A = TypeVar("A", bound="Aggregate")


class Aggregate:
    """Base of every aggregate; subclasses define `apply_<EventClassName>(event)` for each event they record."""

    def __init__(self, aggregate_id: str) -> None:
        self.id = aggregate_id
        self.version = 0  # number of events already stored for this aggregate
        self._pending: list[Any] = []

    def _record(self, event: Any) -> None:
        """Apply a new event to the state and keep it for saving."""
        self._apply(event)
        self._pending.append(event)

    def _apply(self, event: Any) -> None:
        handler = getattr(self, f"apply_{type(event).__name__}", None)
        if handler is None:
            raise TypeError(f"{type(self).__name__} has no apply_{type(event).__name__}")
        handler(event)

    @classmethod
    def rehydrate(cls: type[A], aggregate_id: str, events: Iterable[Any]) -> A:
        """The aggregate as its stored events make it."""
        aggregate = cls.__new__(cls)
        Aggregate.__init__(aggregate, aggregate_id)
        aggregate._init_state()
        for event in events:
            aggregate._apply(event)
            aggregate.version += 1
        return aggregate

    def _init_state(self) -> None:
        """Set the empty state before the first event is applied; subclasses override."""

    @property
    def pending_events(self) -> list[Any]:
        return list(self._pending)

    def mark_saved(self) -> None:
        self.version += len(self._pending)
        self._pending.clear()
