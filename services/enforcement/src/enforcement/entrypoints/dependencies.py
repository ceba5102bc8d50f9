"""FastAPI dependencies of the enforcement routers: the services the composition root put on app.state."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from enforcement.service_layer.register import EnterpriseRegister


# Async although it does not await: a plain `def` dependency costs a threadpool hop per request.
async def _register(request: Request) -> EnterpriseRegister:
    return request.app.state.register


Register = Annotated[EnterpriseRegister, Depends(_register)]
