"""The enterprise register over HTTP on the real stack: register, read, change, deregister, history, scope."""

from __future__ import annotations

from sqlalchemy import text

from enforcement_register import credit_code, enterprise_body
from topic_tail import TopicTail


def _register(client, users, **overrides):
    body = enterprise_body(**overrides)
    response = client.post("/enterprises", json=body,
                           headers=users.county(body["jurisdiction_code"]) if body["jurisdiction_code"] != "140500"
                           else users.city())
    return body, response


def _events_of(engine, stream_id: str) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM es_events WHERE stream_id = :s"), {"s": stream_id}).scalar_one()


def test_an_officer_registers_an_enterprise_and_reads_it_back_with_its_etag(client, users):
    # A plant a degree east of the demo district: the risk map's tests read this register too, and a boundary
    # around a demo plant's point would take a demo incident there for this plant's.
    body, created = _register(client, users, industry="C2521", location={"lon": 113.905, "lat": 35.402}, boundary={
        "type": "Polygon", "coordinates": [[[113.90, 35.40], [113.91, 35.40], [113.91, 35.41], [113.90, 35.41],
                                            [113.90, 35.40]]]}, hazardous_waste_permit_no="晋危废经字第001号")
    assert created.status_code == 201, created.text
    assert created.headers["ETag"] == '"1"'
    shown = client.get(created.headers["Location"], headers=users.county())
    assert shown.status_code == 200 and shown.headers["ETag"] == '"1"'
    entry = shown.json()
    assert entry["credit_code"] == body["credit_code"] and entry["status"] == "registered"
    # C2521 炼焦 is a 煤炭加工 class: the sector is derived when the officer leaves it out.
    assert entry["sector"] == "coal_chemical" and entry["sector_label"] == "煤化工"
    assert entry["risk_level_label"] == "重大" and entry["location"] == {"lon": 113.905, "lat": 35.402}
    assert entry["boundary"]["type"] == "Polygon" and entry["hazardous_waste_permit_no"] == "晋危废经字第001号"


def test_a_credit_code_with_a_wrong_check_character_is_refused_naming_the_field(client, users, enforcement_engine):
    good = credit_code()
    wrong = good[:17] + ("0" if good[17] != "0" else "1")
    body, refused = _register(client, users, credit_code=wrong)
    assert refused.status_code == 422
    assert refused.headers["content-type"].startswith("application/problem+json")
    problems = refused.json()["errors"]
    assert [p["field"] for p in problems] == ["credit_code"] and "校验位" in problems[0]["message"]
    with enforcement_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM enf_enterprises WHERE credit_code = :c"),
                            {"c": wrong}).scalar_one() == 0


def test_every_broken_field_is_named_at_once(client, users):
    _, refused = _register(client, users, name=" ", industry="化工", sector="textiles", jurisdiction_code="140500",
                           location={"lon": 190.0, "lat": 35.4}, principal_phone="电话")
    assert refused.status_code == 422
    fields = {p["field"] for p in refused.json()["errors"]}
    assert fields == {"name", "industry", "sector", "jurisdiction_code", "location.lon", "principal_phone"}


def test_a_control_character_in_a_text_field_is_a_422_naming_it(client, users):
    _, refused = _register(client, users, name="坏\x00名字")
    assert refused.status_code == 422
    assert any("name" in p["field"] for p in refused.json()["errors"])


def test_an_invalid_plant_boundary_is_refused(client, users):
    bowtie = {"type": "Polygon", "coordinates": [[[112.90, 35.40], [112.91, 35.41], [112.91, 35.40],
                                                  [112.90, 35.41], [112.90, 35.40]]]}
    _, refused = _register(client, users, boundary=bowtie)
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "boundary"
    far = {"type": "Polygon", "coordinates": [[[113.5, 36.0], [113.51, 36.0], [113.51, 36.01], [113.5, 36.0]]]}
    _, refused = _register(client, users, boundary=far)
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "boundary"


def test_a_second_registration_of_a_credit_code_is_a_conflict(client, users):
    body, created = _register(client, users)
    assert created.status_code == 201
    _, again = _register(client, users, credit_code=body["credit_code"])
    assert again.status_code == 409 and again.json()["enterprise_id"] == created.json()["enterprise_id"]


def test_the_parent_enterprise_must_be_in_the_register(client, users):
    _, refused = _register(client, users, parent_enterprise_id="no-such-enterprise")
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "parent_enterprise_id"
    _, parent = _register(client, users)
    _, child = _register(client, users, parent_enterprise_id=parent.json()["enterprise_id"])
    assert child.status_code == 201


def test_a_county_officer_registers_only_in_their_county_and_reads_only_there(client, users):
    refused = client.post("/enterprises", json=enterprise_body(jurisdiction_code="140581"), headers=users.county())
    assert refused.status_code == 403
    _, other = _register(client, users, jurisdiction_code="140581")  # by 高平's own officer
    assert other.status_code == 201
    location = other.headers["Location"]
    assert client.get(location, headers=users.county("140525")).status_code == 404  # as if unknown
    assert client.get(location, headers=users.city()).status_code == 200  # the city covers both counties
    inspector = client.post("/enterprises", json=enterprise_body(), headers=users.inspector())
    assert inspector.status_code == 403


def test_a_park_operator_registers_in_their_park_and_an_enterprise_user_reads_only_itself(client, users, unique):
    park = f"park-{unique}"
    created = client.post("/enterprises", json=enterprise_body(park_id=park), headers=users.park(park))
    assert created.status_code == 201
    elsewhere = client.post("/enterprises", json=enterprise_body(park_id=f"other-{unique}"), headers=users.park(park))
    assert elsewhere.status_code == 403
    enterprise_id = created.json()["enterprise_id"]
    listed = client.get("/enterprises", params={"park_id": park}, headers=users.park(park)).json()
    assert [e["enterprise_id"] for e in listed["items"]] == [enterprise_id]
    own = users.enterprise(enterprise_id)
    assert client.get(f"/enterprises/{enterprise_id}", headers=own).status_code == 200
    _, neighbour = _register(client, users)
    assert client.get(neighbour.headers["Location"], headers=own).status_code == 404
    assert client.get("/enterprises", headers=own).json()["total"] == 1


def test_an_update_needs_the_current_version_and_names_what_changed(client, users, enforcement_engine):
    body, created = _register(client, users)
    location = created.headers["Location"]
    changed = dict(body, risk_level="elevated", address="泽州县新址2号")
    updated = client.put(location, json=changed, headers={**users.county(), "If-Match": '"1"'})
    assert updated.status_code == 200, updated.text
    assert updated.json()["changed_fields"] == ["risk_level", "address"] and updated.headers["ETag"] == '"2"'
    stale = client.put(location, json=dict(changed, name="又改名"), headers={**users.county(), "If-Match": '"1"'})
    assert stale.status_code == 412
    unchanged = client.put(location, json=changed, headers={**users.county(), "If-Match": '"2"'})
    assert unchanged.status_code == 200 and unchanged.json()["changed_fields"] == []
    assert _events_of(enforcement_engine, created.json()["enterprise_id"]) == 2
    moved = client.put(location, json=dict(changed, jurisdiction_code="140581"), headers=users.county())
    assert moved.status_code == 403  # 泽州's officer cannot move it into 高平


def test_deregistration_ends_changes_frees_the_code_and_history_shows_who_signed(client, users):
    body, created = _register(client, users)
    location = created.headers["Location"]
    officer = users.county(name="王科长")
    assert client.put(location, json=dict(body, principal_name="李四"), headers=officer).status_code == 200
    gone = client.post(f"{location}/deregistration", json={"reason": "已关闭取缔"},
                       headers={**users.city(), "If-Match": '"2"'})
    assert gone.status_code == 200 and gone.headers["ETag"] == '"3"'
    assert client.put(location, json=body, headers=officer).status_code == 409
    assert client.post(f"{location}/deregistration", json={"reason": "again"}, headers=officer).status_code == 409
    history = client.get(f"{location}/history", headers=officer).json()
    assert history["chain_intact"] is True
    assert [h["event_type"] for h in history["entries"]] == [
        "EnterpriseRegistered", "EnterpriseUpdated", "EnterpriseDeregistered"]
    assert history["entries"][1]["changed_fields"] == ["principal_name"]
    assert history["entries"][1]["signed_by"]["name"] == "王科长"
    assert history["entries"][2]["signed_by"]["name"] == "市局李处长" and history["entries"][2]["reason"] == "已关闭取缔"
    assert client.get("/enterprises", params={"q": body["credit_code"]}, headers=officer).json()["total"] == 0
    everything = client.get("/enterprises", params={"q": body["credit_code"], "status": "all"}, headers=officer)
    assert everything.json()["items"][0]["status"] == "deregistered"
    _, again = _register(client, users, credit_code=body["credit_code"])
    assert again.status_code == 201


def test_the_list_filters_by_words_sector_risk_and_jurisdiction(client, users, unique):
    name = f"丹源{unique}"
    for industry, risk in (("C2614", "major"), ("D4411", "general")):
        assert _register(client, users, name=f"{name}{industry}", industry=industry, risk_level=risk)[1].status_code == 201
    officer = users.city()
    page = client.get("/enterprises", params={"q": name, "sector": "power"}, headers=officer).json()
    assert [e["industry"] for e in page["items"]] == ["D4411"] and page["total"] == 1
    assert client.get("/enterprises", params={"q": name, "risk_level": "major"}, headers=officer).json()["total"] == 1
    assert client.get("/enterprises", params={"q": name, "jurisdiction": "140581"}, headers=officer).json()["total"] == 0
    bad = client.get("/enterprises", params={"jurisdiction": "99"}, headers=officer)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "query.jurisdiction"


def test_the_sector_code_list_is_documented(client, users):
    sectors = {s["code"]: s for s in client.get("/enterprises/sectors", headers=users.county()).json()}
    assert sectors["steel"]["label"] == "钢铁冶铸" and "C31" in sectors["steel"]["industry_prefixes"]
    assert {"power", "coal_chemical", "coal_mining", "building_materials", "chemical", "hazardous_waste"} <= set(sectors)


def test_the_relay_publishes_the_signed_registration_on_the_enterprise_topic(client, users, kafka_bootstrap):
    from ecosafe.enforcement.v1.enterprise_pb2 import EnterpriseRegistered

    tail = TopicTail(kafka_bootstrap, "ecosafe.enforcement.enterprise")
    body, created = _register(client, users)
    enterprise_id = created.json()["enterprise_id"]
    events = tail.read(lambda e: e.stream_id == enterprise_id, 1)
    assert len(events) == 1
    event = events[0]
    assert event.event_type == "ecosafe.enforcement.v1.EnterpriseRegistered" and event.version == 1
    assert event.signer.name == "王科长" and event.signer.roles == ("county_officer",)
    message = EnterpriseRegistered.FromString(event.payload)
    assert message.credit_code == body["credit_code"] and message.sector == "chemical"


def test_concurrent_registrations_of_one_code_give_one_entry_and_conflicts(client, users, enforcement_engine):
    from concurrent.futures import ThreadPoolExecutor

    body = enterprise_body()
    with ThreadPoolExecutor(6) as pool:
        statuses = sorted(pool.map(lambda _: client.post("/enterprises", json=body, headers=users.county()).status_code,
                                   range(6)))
    assert statuses == [201, 409, 409, 409, 409, 409]
    with enforcement_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM enf_enterprises WHERE credit_code = :c"),
                            {"c": body["credit_code"]}).scalar_one() == 1


def test_concurrent_updates_with_one_version_keep_one_and_refuse_the_rest(client, users):
    from concurrent.futures import ThreadPoolExecutor

    body, created = _register(client, users)
    location = created.headers["Location"]

    def change(n):
        return client.put(location, json=dict(body, address=f"新址{n}号"),
                          headers={**users.county(), "If-Match": '"1"'}).status_code

    with ThreadPoolExecutor(4) as pool:
        statuses = sorted(pool.map(change, range(4)))
    assert statuses[0] == 200 and statuses.count(200) == 1 and set(statuses[1:]) <= {409, 412}
    assert client.get(location, headers=users.county()).headers["ETag"] == '"2"'
