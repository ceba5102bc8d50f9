"""Live: a hazard reported while the duty officer watches appears on the map, in the feed and, major, as an alert."""

from __future__ import annotations

import json
import urllib.request
import uuid

from center_page import DEMO_ENTERPRISE, wait_for_map


def _report_hazard(gateway_url: str, token: str, description: str) -> str:
    body = {"enterprise_id": DEMO_ENTERPRISE, "source": "inspection", "domain": "hazardous_waste", "grade": "major",
            "grade_basis": "端到端测试", "description": description, "site": "危废暂存库"}
    request = urllib.request.Request(f"{gateway_url}/api/hazard/hazards", method="POST", data=json.dumps(body).encode(),
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 201
        return json.load(response)["hazard_id"]


def test_a_major_hazard_reported_now_appears_on_the_map_without_reload_and_raises_an_alert(page_as, gateway_url,
                                                                                          token_for, artifacts):
    page = page_as("command_center")
    wait_for_map(page)
    page.locator("#live-status[data-state='open']").wait_for(timeout=30_000)
    page.evaluate("window.ecosafeLoadedAt = performance.timeOrigin")  # a reload would lose this
    description = f"危废暂存库防渗层破损 {uuid.uuid4().hex[:6]}"
    hazard_id = _report_hazard(gateway_url, token_for("county_officer"), description)

    page.locator(f"#live-feed li[data-kind='hazard'][data-id='{hazard_id}']").wait_for(timeout=60_000)
    on_map = page.evaluate("""(id) => window.ecosafeMap.querySourceFeatures('live')
        .filter((f) => f.properties.id === id).map((f) => f.geometry.coordinates)""", hazard_id)
    assert on_map, "the hazard is not on the live layer"
    lon, lat = on_map[0]
    assert abs(lon - 112.905) < 0.01 and abs(lat - 35.402) < 0.01  # the demo enterprise's registered location
    banner = page.locator("#alert-banner")
    assert banner.is_visible() and "隐患" in banner.inner_text()
    assert page.evaluate("window.ecosafeLoadedAt === performance.timeOrigin")
    page.screenshot(path=str(artifacts / "live-hazard.png"))
