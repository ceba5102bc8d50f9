"""Who may call what, as one table: every route of the hazard and risk-map services × every kind of caller,
checked against the running apps (tests/support/live_apps.py); a route without a row fails the test.

How to read a row: `Row(service, method, route path, expectations)`; the expectations are one token per caller,
in the order of CALLERS (the header comment above the rows lines them up):
  ok   the caller gets past authorization: any answer but 401, 403 and 404, and never a 5xx (a 409 or 422 from
       the state of the shared record or a rate limit still means "allowed");
  401  no or bad token;   403  the role may not do this at all (or may not create a record in that area);
  404  the record is outside the caller's reach and the answer says nothing of it (as for an unknown id): not its
       enterprise, park or county, unless the caller sent it in the path.
The callers: no token; admin; each government role in the record's own area (city 140500 / county 140525) and
in another one (140100 / 140581); the enterprise user and park operator of the record and of another
enterprise / park of the same county. Every record the rows touch belongs to the own enterprise and park
(tests/support/live_world.py builds them once per session).

How to add a row for a new endpoint: add `Row("<service>", "<METHOD>", "<path as declared, e.g. /x/{x_id}>",
"<16 tokens>")`, give it `request=` (the json/params/files of an allowed call, from the World) when the
endpoint needs a body, and put the value of each new path parameter in World.values (tests/support/live_world.py). Write what
SHOULD happen; where today's answer differs because of a known defect being fixed, mark just those cells with
`xfail={caller: "issue 11 item N: ..."}` (strict: the mark fails once the fix lands, so it gets removed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from fastapi.routing import iter_route_contexts

from live_apps import OWN_COUNTY

CALLERS = ("anon", "admin", "city", "city_other", "county", "county_other", "inspector", "inspector_other",
           "leader", "leader_other", "command", "command_other", "enterprise", "enterprise_other", "park",
           "park_other")
DENIED = {"401": 401, "403": 403, "404": 404}
# Served by the framework or the kit to anyone, documented as such: not part of the table.
OPEN_TO_ALL = {("GET", "/openapi.json"), ("GET", "/docs"), ("GET", "/docs/oauth2-redirect"), ("GET", "/healthz"),
               ("GET", "/readyz"), ("GET", "/metrics")}


@dataclass(frozen=True)
class Row:
    service: str
    method: str
    path: str
    expect: str
    request: Callable | None = None          # World -> keyword arguments of the call (json=, params=, files=)
    values: dict = field(default_factory=dict)  # path parameter -> key of World.values, where not the same name
    xfail: dict = field(default_factory=dict)   # caller -> the issue item that fixes this cell

    def expectations(self) -> dict[str, str]:
        tokens = self.expect.split()
        assert len(tokens) == len(CALLERS), f"{self.method} {self.path}: {len(tokens)} tokens for {len(CALLERS)} callers"
        return dict(zip(CALLERS, tokens))


PHOTO = {"uri": "s3://ecosafe-evidence/authz/photo.jpg", "name": "现场照片.jpg", "media_type": "image/jpeg",
         "sha256": "a" * 64}




# fmt: off
TABLE: list[Row] = [
    # The columns, in the order of CALLERS ("ot" = the other area, enterprise or park):
    #    anon admn city c-ot cnty c-ot insp i-ot lead l-ot cmd  c-ot ent  e-ot park p-ot
    Row("hazard", "GET", "/me",
        "401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    Row("hazard", "POST", "/hazards",
        "401  ok   ok   403  ok   403  ok   403  403  403  403  403  403  403  403  403", request=lambda w: {"json": w.hazard_report()}),
    Row("hazard", "GET", "/hazards/{hazard_id}",
        "401  ok   ok   404  ok   404  ok   404  ok   404  ok   404  ok   404  ok   404"),
    Row("hazard", "POST", "/hazards/{hazard_id}/assignment",
        "401  ok   ok   404  ok   404  403  404  403  404  403  404  403  404  403  404", request=lambda w: {"json": {
        "responsible_unit": "授权测试甲化工有限公司", "responsible_person": "张三", "deadline": "2099-01-01"}}),
    Row("hazard", "POST", "/hazards/{hazard_id}/plan",
        "401  ok   ok   404  ok   404  403  404  403  404  403  404  ok   404  403  404", request=lambda w: {"json": {
        "owner": "张丽娜", "measures": ["更换标识"], "funding": 1000, "deadline": "2099-01-01", "contingency_plan": "预案"}}),
    Row("hazard", "POST", "/hazards/{hazard_id}/progress",
        "401  ok   ok   404  ok   404  403  404  403  404  403  404  ok   404  403  404", request=lambda w: {"json": {"note": "已采购", "percent": 50}}),
    Row("hazard", "POST", "/hazards/{hazard_id}/completion",
        "401  ok   ok   404  ok   404  403  404  403  404  403  404  ok   404  403  404", request=lambda w: {"json": {"summary": "已更换", "attachments": [PHOTO]}}),
    Row("hazard", "POST", "/hazards/{hazard_id}/verification",
        "401  ok   ok   404  ok   404  ok   404  403  404  403  404  403  404  403  404", request=lambda w: {"json": {"passed": True}}),
    Row("hazard", "POST", "/hazards/{hazard_id}/closure",
        "401  ok   ok   404  ok   404  403  404  ok   404  403  404  403  404  403  404", request=lambda w: {"json": {"note": "销号"}}),
    Row("hazard", "POST", "/hazards/{hazard_id}/listing",
        "401  ok   ok   404  ok   404  403  404  ok   404  403  404  403  404  403  404", request=lambda w: {"json": {
        "supervising_unit": "晋城市生态环境局", "supervisor": "李处长"}}),
    Row("hazard", "POST", "/hazards/{hazard_id}/regrading",
        "401  ok   ok   404  ok   404  403  404  ok   404  403  404  403  404  403  404", request=lambda w: {"json": {"grade": "major", "grade_basis": "授权测试"}}),
    Row("hazard", "POST", "/hazards/{hazard_id}/confirmations",
        "401  ok   403  404  403  404  403  404  403  404  403  404  ok   404  403  404", request=lambda w: {"json": {"level": "principal"}}),
    Row("hazard", "POST", "/hazards/{hazard_id}/deadline-extension",
        "401  ok   ok   404  ok   404  403  404  403  404  403  404  403  404  403  404", request=lambda w: {"json": {
        "deadline": "2099-06-01", "reason": "设备到货延迟"}}),
    Row("hazard", "POST", "/hazards/{hazard_id}/reporter-contact/unseal-requests",
        "401  403  ok   404  ok   404  403  404  ok   404  403  404  403  404  403  404", request=lambda w: {"json": {"reason": "核实举报"}}),
    Row("hazard", "GET", "/hazards/{hazard_id}/reporter-contact",
        "401  403  403  404  403  404  403  404  403  404  403  404  403  404  403  404"),
    Row("hazard", "POST", "/hazards/{hazard_id}/reward-flag",
        "401  ok   ok   404  ok   404  403  404  403  404  403  404  403  404  403  404", request=lambda w: {"json": {"reason": "举报属实"}}),
    Row("hazard", "POST", "/hazards/{hazard_id}/reward-decision",
        "401  ok   ok   404  ok   404  403  404  ok   404  403  404  403  404  403  404", request=lambda w: {"json": {
        "granted": True, "amount": 500, "reason": "举报属实"}}),
    Row("hazard", "GET", "/hazards/{hazard_id}/history",
        "401  ok   ok   404  ok   404  ok   404  ok   404  ok   404  ok   404  ok   404"),
    Row("hazard", "GET", "/hazards/{hazard_id}/back-trace",
        "401  ok   ok   404  ok   404  ok   404  ok   404  ok   404  ok   404  ok   404"),
    Row("hazard", "GET", "/hazards/{hazard_id}/as-of",
        "401  ok   ok   404  ok   404  ok   404  ok   404  ok   404  ok   404  ok   404", request=lambda w: {"params": {"at": w.now()}}),
    Row("hazard", "GET", "/ledger",
        "401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    Row("hazard", "GET", "/ledger.xlsx",
        "401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    Row("hazard", "GET", "/zeroing",
        "401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", request=lambda w: {"params": {"from": "2026-01-01", "to": "2026-12-31"}}),
    Row("hazard", "GET", "/enterprises",
        "401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", request=lambda w: {"params": {"q": "授权测试"}}),
    Row("hazard", "POST", "/public/reports",
        "ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", request=lambda w: {"json": {"enterprise_id": w.scope.enterprise,
                                                                             "description": "夜间偷排废水"}}),
    Row("hazard", "GET", "/public/reports/{code}",
        "ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    Row("hazard", "GET", "/public/hazards",
        "ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", request=lambda w: {"params": {"jurisdiction": "140525"}}),
    Row("risk-map", "GET", "/me",
        "401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    Row("risk-map", "GET", "/parks",
        "401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    Row("risk-map", "POST", "/parks",
        "401  ok   ok   403  ok   403  403  403  403  403  403  403  403  403  403  403", request=lambda w: {"json": w.park(f"park-new-{w.run}", w.lon + 0.1)}),
    Row("risk-map", "GET", "/parks/{park_id}",
        "401  ok   ok   404  ok   404  ok   404  ok   404  ok   404  ok   404  ok   404"),
    Row("risk-map", "PUT", "/parks/{park_id}",
        "401  ok   ok   404  ok   404  403  404  403  404  403  404  403  404  403  404", request=lambda w: {"json": w.park(w.scope.park, w.lon)}),
    Row("risk-map", "GET", "/parks/{park_id}/lists/{list}",
        "401  ok   ok   404  ok   404  ok   404  ok   404  ok   404  ok   404  ok   404"),
    Row("risk-map", "PUT", "/parks/{park_id}/lists/{list}",
        "401  ok   ok   404  ok   404  ok   404  ok   404  ok   404  403  404  ok   404", request=lambda w: {"json": w.park_list()}),
    Row("risk-map", "POST", "/parks/{park_id}/import",
        "401  ok   ok   404  ok   404  ok   404  ok   404  ok   404  403  404  ok   404", request=lambda w: {"files": w.import_file()}),
    # Another park of the own county, so retiring it leaves the one the other rows use on the map: "enterprise" and
    # "park" are out of its reach here (its own operator's 403: test_ogc_limits_and_park_retirement.py).
    Row("risk-map", "POST", "/parks/{park_id}/retire",
        "401  ok   ok   404  ok   404  403  404  403  404  403  404  404  404  404  404", request=lambda w: {"json": {"reason": "撤销认定"}},
        values={"park_id": "retired_park_id"}),
    Row("risk-map", "GET", "/facility-kinds",
        "401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    Row("risk-map", "POST", "/facilities",
        "401  ok   ok   403  ok   403  ok   403  ok   403  ok   403  ok   403  ok   403", request=lambda w: {"json": w.facility(f"pool-new-{w.run}")}),
    Row("risk-map", "GET", "/facilities/{facility_id}",
        "401  ok   ok   404  ok   404  ok   404  ok   404  ok   404  ok   404  ok   404"),
    Row("risk-map", "PUT", "/facilities/{facility_id}",
        "401  ok   ok   404  ok   404  ok   404  ok   404  ok   404  ok   404  ok   404", request=lambda w: {"json": w.facility(f"pool-{w.run}")}),
    Row("risk-map", "POST", "/facilities/{facility_id}/retire",
        "401  ok   ok   404  ok   404  ok   404  ok   404  ok   404  ok   404  ok   404", request=lambda w: {"json": {"reason": "拆除"}},
        values={"facility_id": "retired_id"}),
    Row("risk-map", "POST", "/facilities/{facility_id}/commands",
        "401  ok   ok   404  ok   404  403  403  ok   404  ok   404  ok   404  ok   404", request=lambda w: {"json": {
        "command": "close", "reason": "授权测试"}}, values={"facility_id": "outlet_id"}),
    Row("risk-map", "POST", "/facilities/{facility_id}/state",
        "401  ok   ok   404  ok   404  ok   404  ok   404  ok   404  ok   404  ok   404", request=lambda w: {"json": {"free_volume_m3": 50}}),
    Row("risk-map", "GET", "/facilities/{facility_id}/history",
        "401  ok   ok   404  ok   404  ok   404  ok   404  ok   404  ok   404  ok   404"),
    Row("risk-map", "GET", "/enterprises/{enterprise_id}/pool-adequacy",
        "401  ok   ok   404  ok   404  ok   404  ok   404  ok   404  ok   404  ok   404"),
    Row("risk-map", "POST", "/enterprises/{enterprise_id}/pool-reviews",
        "401  ok   ok   404  ok   404  ok   404  ok   404  ok   404  ok   404  ok   404", request=lambda w: {"json": {"note": "授权测试"}}),
    Row("risk-map", "GET", "/enterprises/{enterprise_id}/pool-reviews",
        "401  ok   ok   404  ok   404  ok   404  ok   404  ok   404  ok   404  ok   404"),
    Row("risk-map", "GET", "/enterprises/{enterprise_id}/pool-reviews/{review_id}",
        "401  ok   ok   404  ok   404  ok   404  ok   404  ok   404  ok   404  ok   404"),
    Row("risk-map", "POST", "/incidents",
        "401  ok   ok   403  ok   403  ok   403  ok   403  ok   403  403  403  ok   403", request=lambda w: {"json": w.incident()}),
    Row("risk-map", "GET", "/incidents/{incident_id}",
        "401  ok   ok   404  ok   404  ok   404  ok   404  ok   404  ok   404  ok   404"),
    Row("risk-map", "POST", "/river-plans",
        "401  ok   ok   403  ok   403  ok   403  ok   403  ok   403  403  403  403  403", request=lambda w: {"json": w.river_plan()}),
    Row("risk-map", "PUT", "/river-plans/{plan_id}",
        "401  ok   ok   403  ok   403  ok   403  ok   403  ok   403  403  403  403  403", request=lambda w: {"json": w.river_plan()}),
    Row("risk-map", "GET", "/river-plans/{plan_id}",
        "401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    Row("risk-map", "GET", "/river-plans/{plan_id}/versions/{version_no}",
        "401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    Row("risk-map", "GET", "/ogc",
        "401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    Row("risk-map", "GET", "/ogc/conformance",
        "401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    Row("risk-map", "GET", "/ogc/collections",
        "401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    Row("risk-map", "GET", "/ogc/collections/{collection_id}",
        "401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    Row("risk-map", "GET", "/ogc/collections/{collection_id}/queryables",
        "401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    Row("risk-map", "GET", "/ogc/collections/{collection_id}/items",
        "401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    Row("risk-map", "GET", "/ogc/collections/{collection_id}/items/{feature_id}",
        "401  ok   ok   404  ok   404  ok   404  ok   404  ok   404  ok   404  ok   404"),
    Row("risk-map", "POST", "/map-tokens",
        "401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok", request=lambda w: {"json": {"label": "授权测试"}}),
    Row("risk-map", "GET", "/map-tokens",
        "401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    # The own county officer's token: its holder, an admin, or a government role covering the holder's county.
    Row("risk-map", "POST", "/map-tokens/{token_id}/revoke",
        "401  ok   ok   404  ok   404  ok   404  ok   404  ok   404  404  404  404  404", request=lambda w: {"json": {"reason": "电脑遗失"}}),
    Row("risk-map", "GET", "/tiles",
        "401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
    Row("risk-map", "GET", "/tiles/{layer}/{z}/{x}/{y}.mvt",
        "401  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok"),
]
# fmt: on

CLIENTS = {"hazard": "live_hazard", "risk-map": "live_risk_map"}


def _cells():
    for row in TABLE:
        for caller, expected in row.expectations().items():
            marks = [pytest.mark.xfail(reason=row.xfail[caller], strict=True)] if caller in row.xfail else []
            yield pytest.param(row, caller, expected, marks=marks, id=f"{row.service} {row.method} {row.path} {caller}")


def _call(client, world, row: Row, caller: str):
    values = {name: world.values[row.values.get(name, name)] for name in _parameters(row.path)}
    kwargs = row.request(world) if row.request else {}
    return client.request(row.method, row.path.format(**values), headers=world.callers[caller], **kwargs)


def _parameters(path: str) -> list[str]:
    return [part[1:-1].split(".")[0] for part in path.replace("}.", "} .").replace("/", " ").split()
            if part.startswith("{") and part.endswith("}")]


@pytest.mark.parametrize(("row", "caller", "expected"), list(_cells()))
def test_authorization(request, live_world, row: Row, caller: str, expected: str):
    client = request.getfixturevalue(CLIENTS[row.service])
    response = _call(client, live_world, row, caller)
    where = f"{row.method} {row.path} as {caller}: {response.status_code} {response.text[:300]}"
    assert response.status_code < 500, where
    if expected == "ok":
        assert response.status_code not in DENIED.values(), where
    else:
        assert response.status_code == DENIED[expected], f"expected {expected}; {where}"
    if expected == "404":
        # Nothing of the record: not its enterprise, park or county, unless the caller named it in the path itself.
        body, sent = response.text, str(response.request.url.path)
        assert all(value not in body for value in (live_world.scope.enterprise, live_world.scope.park, OWN_COUNTY)
                   if value not in sent), where


@pytest.mark.parametrize("service", sorted(CLIENTS))
def test_every_route_has_a_row(request, service):
    app = request.getfixturevalue(CLIENTS[service]).app
    routes = {(method, route.path) for route in iter_route_contexts(app.routes) for method in route.methods or ()
              if method != "HEAD"}
    rows = {(row.method, row.path) for row in TABLE if row.service == service}
    missing = sorted(routes - rows - OPEN_TO_ALL)
    assert not missing, (f"{service}: no row in the authorization table (tests/integration/authz/"
                         f"test_authorization_table.py) for: " + ", ".join(f"{m} {p}" for m, p in missing))
    gone = sorted(rows - routes)
    assert not gone, f"{service}: rows for routes that do not exist: " + ", ".join(f"{m} {p}" for m, p in gone)
