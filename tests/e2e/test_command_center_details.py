"""Clicking a feature opens its details and its history: who registered or changed it, and when."""

from __future__ import annotations

from center_page import click_map_at, look_at, wait_for_map

GATE = ("gate-bagong-outlet", 112.931, 35.4151)  # 巴公河园区出口闸, registered by the demo loader


def test_clicking_a_gate_shows_its_state_and_who_registered_it(page_as, artifacts):
    page = page_as("command_center")
    wait_for_map(page)
    facility_id, lon, lat = GATE
    look_at(page, lon, lat, 15)
    click_map_at(page, lon, lat)
    details = page.locator(f"#details[data-feature='{facility_id}']")
    details.wait_for(timeout=30_000)
    text = details.inner_text()
    assert "巴公河园区出口闸" in page.locator("#side h2").inner_text()
    assert "闸门状态" in text and "河道闸控设施" in text
    # The first entry of its history: registered (登记) by the demo loader, with the time it happened.
    rows = details.locator("section:has(h3:text('变更记录')) tr")
    assert rows.count() >= 2
    assert "登记" in rows.last.inner_text() and "演示数据加载器" in rows.last.inner_text()
    page.screenshot(path=str(artifacts / "details.png"))
