"""The park operator's page: draw a facility with its form, bulk upload with rejections shown, the park lists."""

from __future__ import annotations

import json
import uuid
from datetime import date

PARK = "park-zz-chem"  # 泽州巴公化工园区 of the demo data
# Inside the park, between the demo enterprises' plants.
POOL_AT = (112.9075, 35.3975)


def _park_page(page_as):
    page = page_as("park_operator", "140525", path="/park/", park_id=PARK, name="褚园区")
    page.wait_for_function("window.ecosafeParkReady === true", timeout=60_000)
    page.locator("#facility-list tr.facility").first.wait_for(timeout=30_000)
    return page


def _click_on_map(page, lon: float, lat: float) -> None:
    point = page.evaluate(f"(() => {{ const p = window.ecosafeParkMap.project([{lon}, {lat}]); return [p.x, p.y]; }})()")
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])


def test_a_drawn_pool_is_registered_with_its_form_and_the_command_center_sees_it(page_as, artifacts):
    page = _park_page(page_as)
    pool_id = f"e2e-pool-{uuid.uuid4().hex[:8]}"
    page.evaluate(f"window.ecosafeParkMap.jumpTo({{center: [{POOL_AT[0]}, {POOL_AT[1]}], zoom: 15}})")
    page.locator("#draw-tools button[data-draw=point]").click()
    _click_on_map(page, *POOL_AT)
    form = page.locator("#facility-form")
    form.wait_for()
    assert form.locator("select[name=kind]").input_value() == "emergency_pool"
    assert "设计容积 (m³)" in form.inner_text()
    form.locator("input[name=name]").fill("三号事故应急池")
    form.locator("input[name=id]").fill(pool_id)

    form.locator("input[type=submit]").click()  # the capacity is left out: the service names it
    form.locator("li[data-field='properties.capacity_m3']").wait_for()
    assert form.locator("[data-field='properties.capacity_m3'].invalid").count() == 1

    form.locator("[data-field='properties.capacity_m3']").first.fill("1200")
    page.screenshot(path=str(artifacts / "park-form.png"))
    form.locator("input[type=submit]").click()
    page.locator(f"#facility-list tr[data-id='{pool_id}']").wait_for(timeout=30_000)
    assert "三号事故应急池" in page.locator(f"#facility-list tr[data-id='{pool_id}']").inner_text()
    page.wait_for_timeout(1500)
    page.screenshot(path=str(artifacts / "park.png"))

    center = page_as("command_center", "140525")
    center.wait_for_function("window.ecosafeFirstRenderMs !== undefined", timeout=60_000)
    center.evaluate(f"window.ecosafeMap.jumpTo({{center: [{POOL_AT[0]}, {POOL_AT[1]}], zoom: 15}})")
    center.wait_for_function("window.ecosafeMap.loaded() && window.ecosafeMap.areTilesLoaded()", timeout=60_000)
    seen = center.evaluate(f"""() => window.ecosafeMap.queryRenderedFeatures({{layers: ['emergency_pools-point']}})
        .filter(f => f.properties.id === '{pool_id}').map(f => f.properties)""")
    assert seen and float(seen[0]["capacity_m3"]) == 1200, seen  # tiles carry attributes as text


def test_an_existing_facility_is_changed_with_if_match(page_as):
    page = _park_page(page_as)
    row = page.locator("#facility-list tr.facility", has_text="事故应急池").first
    facility_id = row.get_attribute("data-id")
    row.click()
    form = page.locator("#facility-form")
    form.locator("h3", has_text=f"变更设施 {facility_id}").wait_for()
    free = form.locator("[data-field='properties.free_volume_m3']").first
    capacity = float(form.locator("[data-field='properties.capacity_m3']").first.input_value())
    free.fill(str(capacity / 2))
    form.locator("input[type=submit]").click()
    page.locator("#toast", has_text="已保存").wait_for()
    answer = page.evaluate(f"""async () => (await fetch('/api/risk-map/facilities/{facility_id}',
        {{headers: {{Authorization: 'Bearer ' + sessionStorage.getItem('ecosafe.token')}}}})).json()""")
    assert answer["properties"]["free_volume_m3"] == capacity / 2


def test_a_bulk_upload_lists_each_rejected_feature_and_imports_nothing(page_as, tmp_path):
    page = _park_page(page_as)
    run = uuid.uuid4().hex[:8]
    collection = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": f"e2e-ok-{run}", "geometry": {"type": "Point", "coordinates": [112.906, 35.398]},
         "properties": {"kind": "emergency_pool", "name": "合格的应急池", "capacity_m3": 500}},
        {"type": "Feature", "id": f"e2e-nocap-{run}", "geometry": {"type": "Point", "coordinates": [112.907, 35.399]},
         "properties": {"kind": "emergency_pool", "name": "缺容积的应急池"}},
        {"type": "Feature", "id": f"e2e-far-{run}", "geometry": {"type": "Point", "coordinates": [113.4, 35.9]},
         "properties": {"kind": "emergency_pool", "name": "园区外的应急池", "capacity_m3": 300}},
    ]}
    upload = tmp_path / "pools.geojson"
    upload.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")

    page.locator("#tabs button[data-tab=import]").click()
    page.locator("#import-form input[type=file]").set_input_files(str(upload))
    page.locator("#import-form input[type=submit]").click()

    table = page.locator("#rejected")
    table.wait_for(timeout=30_000)
    rows = table.locator("tbody tr")
    assert rows.count() == 2
    text = table.inner_text()
    assert f"e2e-nocap-{run}" in text and "capacity_m3" in text
    assert f"e2e-far-{run}" in text and f"e2e-ok-{run}" not in text
    assert "整个文件未导入" in page.locator("#import-result").inner_text()
    status = page.evaluate(f"""async () => (await fetch('/api/risk-map/facilities/e2e-ok-{run}',
        {{headers: {{Authorization: 'Bearer ' + sessionStorage.getItem('ecosafe.token')}}}})).status""")
    assert status == 404


def _open_list(page, kind: str):
    page.locator("#tabs button[data-tab=lists]").click()
    card = page.locator(f".list-card[data-list={kind}]")
    card.locator("button", has_text="查看并编辑").click()
    card.locator("form.list-form").wait_for()
    return card


def test_the_operator_keeps_a_park_list_up_to_date(page_as):
    page = _park_page(page_as)
    card = _open_list(page, "risk_substance")
    before = card.locator("tr.entry").count()
    card.locator("button", has_text="添加一行").click()
    card.locator("input[name=substance]").last.fill("甲醇")
    card.locator("input[name=max_quantity_t]").last.fill("120")
    card.locator("input[type=submit]").click()
    page.locator("#toast", has_text="风险物质").wait_for()
    updated = page.locator(".list-card[data-list=risk_substance]").inner_text()
    assert f"上次更新 {date.today().isoformat()}, {before + 1} 条" in updated


def test_the_operator_sees_the_sensitive_targets_adds_one_and_finds_it_after_a_reload(page_as):
    page = _park_page(page_as)
    run = uuid.uuid4().hex[:6]
    # What the list says before the operator opens it: one target of this run, dated a while ago.
    current = [{"name": f"西沟村{run}", "target_type": "居民区", "population": "1200", "bearing": "西北 800 m"}]
    status = page.evaluate("""async (entries) => (await fetch('/api/risk-map/parks/%s/lists/sensitive_target', {
        method: 'PUT', body: JSON.stringify({updated_on: '2026-01-05', entries}),
        headers: {'Content-Type': 'application/json',
                  Authorization: 'Bearer ' + sessionStorage.getItem('ecosafe.token')}})).status""" % PARK, current)
    assert status == 200
    page.reload()
    page.wait_for_function("window.ecosafeParkReady === true", timeout=60_000)
    card = _open_list(page, "sensitive_target")
    assert "上次更新 2026-01-05, 1 条" in card.inner_text()
    rows = card.locator("tr.entry")
    assert rows.count() == 1
    assert rows.first.locator("input[name=name]").input_value() == f"西沟村{run}"
    assert rows.first.locator("input[name=bearing]").input_value() == "西北 800 m"

    card.locator("button", has_text="添加一行").click()
    rows.last.locator("input[name=name]").fill(f"巴公镇中心小学{run}")
    rows.last.locator("input[name=target_type]").fill("学校")
    card.locator("input[type=submit]").click()
    page.locator("#toast", has_text="环境敏感保护目标").wait_for()

    page.reload()
    page.wait_for_function("window.ecosafeParkReady === true", timeout=60_000)
    today = date.today().isoformat()
    page.locator("#tabs button[data-tab=lists]").click()
    assert f"上次更新 {today}, 2 条" in page.locator(".list-card[data-list=sensitive_target]").inner_text()
    card = _open_list(page, "sensitive_target")
    names = [rows.nth(i).locator("input[name=name]").input_value() for i in range(rows.count())]
    assert names == [f"西沟村{run}", f"巴公镇中心小学{run}"]
    assert rows.last.locator("input[name=target_type]").input_value() == "学校"


def test_a_user_who_is_not_a_park_operator_sees_nothing_of_the_park(page_as):
    page = page_as("county_officer", "140525", path="/park/")
    page.locator("#denied").wait_for()
    assert "园区管理" in page.locator("#denied").inner_text()
    assert page.locator("#panel").count() == 0 and page.locator("#map").count() == 0
