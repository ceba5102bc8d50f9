"""Service wiring shared by every service: engine, store, relay and consumers in the app's lifespan."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from functools import partial

from fastapi import APIRouter, FastAPI
from sqlalchemy.engine import Engine

from ecosafe_kit.background import BackgroundWorker, start_in_thread
from ecosafe_kit.db import make_engine
from ecosafe_kit.eventstore import EventStore
from ecosafe_kit.messaging.consumer import ConsumerRunner, ConsumersCheck, Handler
from ecosafe_kit.messaging.relay import OutboxRelay
from ecosafe_kit.settings import ServiceSettings
from ecosafe_kit.web.app_factory import create_app
from ecosafe_kit.web.me import me_router
from ecosafe_kit.web.readiness import database_check, kafka_check


@dataclass
class ConsumerSpec:
    """A subscription: consumer group `ecosafe.<service>.<name>` reading `topics` into `handler`."""

    name: str
    topics: list[str]
    handler: Handler


@dataclass
class ServiceSpec:
    """What a service is made of; its composition root builds one and hands it to `build_app`."""

    name: str
    title: str
    version: str
    description: str = ""
    stream_types: list[str] = field(default_factory=list)
    routers: Sequence[APIRouter] = ()
    consumers: Sequence[ConsumerSpec] = ()
    # Periodic jobs of the service (e.g. a deadline sweep): called with the engine and a stop event,
    # each runs in its own thread until the event is set.
    workers: Sequence[Callable[[Engine, threading.Event], None]] = ()


def build_app(spec: ServiceSpec, settings: ServiceSettings) -> FastAPI:
    """The service's FastAPI app; its relay and consumers run in background threads while it serves."""
    engine = make_engine(settings.database_url, pool_size=settings.database_pool_size,
                         max_overflow=settings.database_max_overflow)
    # Readiness checks are fixed when the app is built; the runners join this one as the lifespan starts them.
    consumers = ConsumersCheck()

    @asynccontextmanager
    async def workers(app: FastAPI) -> AsyncIterator[None]:
        running: list[BackgroundWorker] = []
        if settings.relay_enabled and spec.stream_types:
            relay = OutboxRelay(engine=engine, service=spec.name, bootstrap_servers=settings.kafka_bootstrap_servers,
                                stream_types=list(spec.stream_types))
            running.append(start_in_thread(relay.name, relay.run))
        if settings.consumers_enabled:
            for sub in spec.consumers:
                runner = ConsumerRunner(engine=engine, group=f"ecosafe.{spec.name}.{sub.name}", topics=sub.topics,
                                        handler=sub.handler, bootstrap_servers=settings.kafka_bootstrap_servers)
                consumers.add(runner)
                running.append(start_in_thread(runner.group, runner.run))
        for job in spec.workers:
            running.append(start_in_thread(f"{spec.name}-{job.__name__}", partial(job, engine)))
        try:
            yield
        finally:
            for worker in running:
                worker.stop_event.set()
            for worker in running:
                worker.stop()
            engine.dispose()

    app = create_app(
        settings=settings, title=spec.title, version=spec.version, description=spec.description,
        routers=[*spec.routers, me_router()], lifespan=workers,
        readiness_checks={"database": database_check(engine),
                          "kafka": kafka_check(settings.kafka_bootstrap_servers),
                          **({"consumers": consumers} if settings.consumers_enabled and spec.consumers else {})},
    )
    app.state.engine = engine
    app.state.store = EventStore(engine)
    return app
