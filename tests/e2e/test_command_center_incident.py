"""A duty officer reports an incident by clicking the map, reads the correlation and closes a gate from the panel."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

from center_page import DEMO_ENTERPRISE, report_incident_by_clicking, wait_for_map

GATE = "gate-bagong-outlet"  # 巴公河园区出口闸: the demo park's outlet gate, remote-controllable


def _call(gateway_url: str, token: str, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(f"{gateway_url}/api/risk-map{path}", method=method,
                                     data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def _gate_open(gateway_url: str, token: str) -> None:
    """The demo gate is shared by every run: it is opened (through the same API and simulated device) first."""
    status, gate = _call(gateway_url, token, "GET", f"/facilities/{GATE}")
    if gate["properties"]["gate_state"] == "open" and not gate["properties"].get("pending_command"):
        return
    status, _ = _call(gateway_url, token, "POST", f"/facilities/{GATE}/commands", {"command": "open", "reason": "测试复位"})
    assert status == 202
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        _, gate = _call(gateway_url, token, "GET", f"/facilities/{GATE}")
        if gate["properties"]["gate_state"] == "open" and not gate["properties"].get("pending_command"):
            return
        time.sleep(0.5)
    raise AssertionError(f"the demo gate did not open: {gate['properties']}")


def test_an_incident_reported_by_clicking_shows_the_correlation_with_the_downstream_gates(page_as, gateway_url,
                                                                                           token_for, artifacts):
    _gate_open(gateway_url, token_for("admin", None))
    page = page_as("command_center")
    wait_for_map(page)
    report_incident_by_clicking(page)
    panel = page.locator("#correlation")
    # The enterprise under the click was offered and taken; the demo's river network gives these gates, in order.
    assert "晋城丹源化工有限公司" in panel.inner_text()
    rows = page.locator("#downstream-gates tr[data-facility]")
    assert [rows.nth(i).get_attribute("data-facility") for i in range(rows.count())] == [
        GATE, "ip-bagong-mouth", "ip-danhe-8"]
    assert "青天河水源地取水口" in panel.inner_text()
    assert "一河一策措施" in panel.inner_text()
    # The downstream path is drawn: the highlighted reaches are the ones the answer lists.
    drawn = page.evaluate("JSON.stringify(window.ecosafeMap.getFilter('highlight-reaches'))")
    assert "reach-bagong-1" in drawn and "reach-danhe-9" in drawn
    page.screenshot(path=str(artifacts / "incident-panel.png"))

    # 一键关闭 on the first gate: the simulated device confirms, the panel shows it closed.
    gate_row = page.locator(f"#downstream-gates tr[data-facility='{GATE}']")
    gate_row.locator("button.command").click()
    gate_row.locator(".device-state[data-state='closed']").wait_for(timeout=60_000)
    status, gate = _call(gateway_url, token_for("admin", None), "GET", f"/facilities/{GATE}")
    assert gate["properties"]["gate_state"] == "closed"
    page.screenshot(path=str(artifacts / "gate-closed.png"))
    _gate_open(gateway_url, token_for("admin", None))


def test_an_inspector_sees_the_correlation_but_no_close_button_and_the_api_refuses_the_command(page_as, gateway_url,
                                                                                               token_for):
    page = page_as("inspector")
    wait_for_map(page)
    report_incident_by_clicking(page)
    panel = page.locator("#correlation")
    assert page.locator("#downstream-gates tr[data-facility]").count() == 3
    assert panel.locator("button.command").count() == 0
    status, problem = _call(gateway_url, token_for("inspector"), "POST", f"/facilities/{GATE}/commands",
                            {"command": "close", "reason": "越权尝试"})
    assert status == 403
    assert problem["required_roles"] and "inspector" not in problem["required_roles"]


def test_a_user_who_may_not_report_incidents_has_no_report_button(page_as):
    page = page_as("enterprise_user", enterprise_id=DEMO_ENTERPRISE)
    wait_for_map(page)
    assert page.locator("#report-incident").count() == 0
