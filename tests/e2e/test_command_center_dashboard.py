"""The dashboard strip counts what the services hold: an incident reported now is one more of today's."""

from __future__ import annotations

import json
import urllib.request

from center_page import DEMO_SPILL, wait_for_map


def _today_count(page) -> int:
    page.wait_for_function("document.querySelector('#stat-incidents-today b')?.textContent.match(/^\\d+$/)",
                           timeout=30_000)
    return int(page.locator("#stat-incidents-today b").inner_text())


def test_the_strip_shows_each_figure_and_today_s_incidents_go_up_by_one_after_a_report(page_as, gateway_url,
                                                                                       token_for):
    page = page_as("command_center")
    wait_for_map(page)
    before = _today_count(page)
    for stat in ("#stat-major-open", "#stat-zeroing", "#stat-overdue", "#stat-campaign"):
        assert page.locator(f"{stat} b").inner_text() != "—", stat
    body = {"location": {"type": "Point", "coordinates": list(DEMO_SPILL)}, "pollutant": "硫酸", "volume_m3": 5,
            "level": "一般", "drill": True}
    request = urllib.request.Request(f"{gateway_url}/api/risk-map/incidents", method="POST",
                                     data=json.dumps(body).encode(),
                                     headers={"Authorization": f"Bearer {token_for('command_center')}",
                                              "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 201
    page.reload()
    wait_for_map(page)
    assert _today_count(page) == before + 1
