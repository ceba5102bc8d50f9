"""Helpers for the command-center browser tests: wait for the map, report an incident by clicking it."""

from __future__ import annotations

# The demo's 晋城丹源化工有限公司 (重大 risk), inside 泽州巴公化工园区, upstream of 巴公河 and 丹河.
DEMO_SPILL = (112.9051, 35.4019)
DEMO_ENTERPRISE = "ent-140525-001"


def wait_for_map(page) -> None:
    page.wait_for_function("window.ecosafeFirstRenderMs !== undefined", timeout=60_000)


def wait_for_tiles(page) -> None:
    page.wait_for_function("window.ecosafeMap.loaded() && window.ecosafeMap.areTilesLoaded()", timeout=60_000)


def look_at(page, lon: float, lat: float, zoom: float) -> None:
    page.evaluate(f"window.ecosafeMap.jumpTo({{center: [{lon}, {lat}], zoom: {zoom}}})")
    wait_for_tiles(page)


def click_map_at(page, lon: float, lat: float) -> None:
    """A real mouse click on the canvas where the map draws lon/lat."""
    x, y = page.evaluate(f"(() => {{ const p = window.ecosafeMap.project([{lon}, {lat}]); return [p.x, p.y]; }})()")
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)


def report_incident_by_clicking(page, *, volume_m3: int = 8000, pollutant: str = "甲醇") -> None:
    lon, lat = DEMO_SPILL
    look_at(page, lon, lat, 14)
    page.click("#report-incident")
    click_map_at(page, lon, lat)
    form = page.locator("#incident-form")
    form.wait_for()
    # The enterprise whose site is under the click is offered. The other tests' enterprises are registered at this
    # spot on the same test stack too (tests/support/enforcement_register.py), so the demo's one is named here.
    offered = form.locator("input[name=enterprise_id]")
    assert offered.input_value(), "no enterprise offered for a click on a site"
    offered.fill(DEMO_ENTERPRISE)
    form.locator("input[name=pollutant]").fill(pollutant)
    form.locator("input[name=volume_m3]").fill(str(volume_m3))
    form.locator("select[name=level]").select_option("较大")
    form.locator("input[name=drill]").check()
    form.locator("button[type=submit]").click()
    page.locator("#correlation").wait_for(timeout=30_000)
