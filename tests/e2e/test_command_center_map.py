"""The command center's map renders the risk-map's layers from the demo data through the gateway."""

from __future__ import annotations


def _wait_for_map(page) -> None:
    page.wait_for_function("window.ecosafeFirstRenderMs !== undefined", timeout=60_000)


def test_the_map_draws_the_demo_rivers_sites_and_gates(page_as, artifacts):
    page = page_as("command_center")
    _wait_for_map(page)
    # Zoomed onto the demo chemical park, where every kind of feature is near.
    page.evaluate("window.ecosafeMap.jumpTo({center: [112.905, 35.402], zoom: 13})")
    page.wait_for_function("window.ecosafeMap.loaded() && window.ecosafeMap.areTilesLoaded()", timeout=60_000)
    page.wait_for_timeout(500)
    counts = page.evaluate("""() => {
        const map = window.ecosafeMap;
        const count = (layer) => map.queryRenderedFeatures({layers: [layer]}).length;
        return {sites: count('sites-area'), rivers: count('river_reaches'), outlets: count('rain_outlets')};
    }""")
    page.screenshot(path=str(artifacts / "command-center.png"))
    print(f"地图首次渲染 (演示数据): {page.evaluate('window.ecosafeFirstRenderMs')} ms")
    assert counts["sites"] > 0, counts
    assert counts["rivers"] > 0, counts
    assert counts["outlets"] > 0, counts
    assert page.locator("#layers input[type=checkbox]").count() >= 10
    assert "图例" in page.locator("#legend").inner_text()
