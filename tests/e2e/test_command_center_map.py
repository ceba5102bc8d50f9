"""The command center's map renders the risk-map's layers from the demo data through the gateway."""

from __future__ import annotations

from center_page import look_at, wait_for_map, wait_for_tiles


def test_the_map_draws_the_demo_rivers_sites_and_gates(page_as, artifacts):
    page = page_as("command_center")
    wait_for_map(page)
    # From navigation start (HTML, bundle, config, style, tiles) to the map's first idle frame: a figure, not a check.
    print(f"地图首次渲染 (演示数据, 自打开页面起): {page.evaluate('window.ecosafeFirstRenderMs')} ms")
    wait_for_tiles(page)
    page.screenshot(path=str(artifacts / "command-center-overview.png"))
    # Zoomed onto the demo chemical park, where every kind of feature is near.
    look_at(page, 112.905, 35.402, 13)
    page.wait_for_timeout(500)
    counts = page.evaluate("""() => {
        const map = window.ecosafeMap;
        const count = (layer) => map.queryRenderedFeatures({layers: [layer]}).length;
        return {sites: count('sites-area'), rivers: count('river_reaches'), outlets: count('rain_outlets')};
    }""")
    page.screenshot(path=str(artifacts / "command-center.png"))
    assert counts["sites"] > 0, counts
    assert counts["rivers"] > 0, counts
    assert counts["outlets"] > 0, counts
    assert page.locator("#layers input[type=checkbox]").count() >= 10
    assert "图例" in page.locator("#legend").inner_text()
