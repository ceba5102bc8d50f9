"""A toy aggregate (a counter that can be closed) used to test the kit's aggregate base and repository."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from ecosafe_kit.domain import Aggregate
from ecosafe_kit.errors import Conflict


@dataclass(frozen=True)
class Opened:
    title: str


@dataclass(frozen=True)
class Incremented:
    by: int


@dataclass(frozen=True)
class Closed:
    reason: str


class Counter(Aggregate):
    def _init_state(self) -> None:
        self.title = ""
        self.total = 0
        self.closed = False

    @classmethod
    def open(cls, counter_id: str, title: str) -> Counter:
        counter = cls(counter_id)
        counter._init_state()
        counter._record(Opened(title))
        return counter

    def increment(self, by: int) -> None:
        if self.closed:
            raise Conflict("已关闭的计数器不能再增加")
        self._record(Incremented(by))

    def close(self, reason: str) -> None:
        self._record(Closed(reason))

    def apply_Opened(self, event: Opened) -> None:
        self.title = event.title

    def apply_Incremented(self, event: Incremented) -> None:
        self.total += event.by

    def apply_Closed(self, event: Closed) -> None:
        self.closed = True


class JsonCodec:
    """JSON stands in for protobuf here; the repository does not care which wire form a codec picks."""

    types = {"toy.Opened": Opened, "toy.Incremented": Incremented, "toy.Closed": Closed}

    def encode(self, event) -> tuple[str, bytes]:
        return f"toy.{type(event).__name__}", json.dumps(asdict(event)).encode()

    def decode(self, event_type: str, payload: bytes):
        return self.types[event_type](**json.loads(payload))
