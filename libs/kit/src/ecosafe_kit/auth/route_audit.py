"""Start-up check that every route either requires a principal or is explicitly declared public."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import iter_route_contexts

from ecosafe_kit.auth.dependencies import current_principal, public_access


class UndeclaredAccessError(RuntimeError):
    """Some routes neither require a principal nor are marked Public."""


def check_routes_declared(app: FastAPI, *, public_paths: Iterable[str] = ()) -> None:
    """Raise UndeclaredAccessError naming every route that is neither protected nor declared public.

    A route is protected if its dependency tree (route, router and app dependencies included) contains
    `current_principal` (directly, through `CurrentPrincipal` or through `require_roles`); it is public if
    the tree contains `public_access` (the `Public` marker) or its path is in `public_paths`. Routes that
    carry both are refused too: the declaration contradicts itself.
    """
    exempt = set(public_paths)
    undeclared, contradictory = [], []
    for route in iter_route_contexts(app.routes):
        path = route.path
        if path in exempt:
            continue
        dependant = getattr(route, "dependant", None)
        calls = set(_calls(dependant)) if isinstance(dependant, Dependant) else set()
        protected, public = current_principal in calls, public_access in calls
        if protected and public:
            contradictory.append(_describe(route))
        elif not (protected or public):
            undeclared.append(_describe(route))
    problems = []
    if undeclared:
        problems.append("routes neither depend on CurrentPrincipal/require_roles nor are marked Public: "
                        + ", ".join(undeclared))
    if contradictory:
        problems.append("routes are marked Public and also require a principal: " + ", ".join(contradictory))
    if problems:
        raise UndeclaredAccessError("; ".join(problems))


def _calls(dependant: Dependant) -> Iterator[Callable[..., Any]]:
    for sub in dependant.dependencies:
        if sub.call is not None:
            yield sub.call
        yield from _calls(sub)


def _describe(route: Any) -> str:
    methods = ",".join(sorted(route.methods or [])) or "WEBSOCKET"
    return f"{methods} {route.path}"
