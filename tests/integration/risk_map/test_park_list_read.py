"""A park's operator reads what each of its three lists says now, and saves a new version against it (If-Match)."""

from __future__ import annotations

from rm_helpers import new_park

TARGETS = [{"name": "西沟村", "target_type": "居民区", "population": "1200", "bearing": "西北 800 m"},
           {"name": "丹河取水口", "target_type": "饮用水水源地"}]


def test_the_operator_reads_back_the_list_it_submitted_and_saves_the_next_version_against_it(client, tokens, unique):
    park_id, _, _ = new_park(client, tokens.admin, f"park-{unique}", "清单园区")
    operator = tokens.headers("park_operator", park_id=park_id)
    never = client.get(f"/parks/{park_id}/lists/sensitive_target", headers=operator)
    assert never.status_code == 200, never.text
    assert never.json()["entries"] == [] and never.json()["updated_on"] is None and never.json()["stale"]
    assert never.headers["ETag"] == '"0"'

    put = client.put(f"/parks/{park_id}/lists/sensitive_target", json={"updated_on": "2026-03-01", "entries": TARGETS},
                     headers={**operator, "If-Match": never.headers["ETag"]})
    assert put.status_code == 200, put.text
    # Another list changes the park's version, not this list's.
    other = client.put(f"/parks/{park_id}/lists/risk_substance", json={"updated_on": "2026-03-02",
                                                                       "entries": [{"substance": "甲醇"}]}, headers=operator)
    assert other.status_code == 200, other.text

    r = client.get(f"/parks/{park_id}/lists/sensitive_target", headers=operator)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["entries"] == TARGETS
    assert (body["list"], body["label"], body["updated_on"], body["entry_count"]) == (
        "sensitive_target", "环境敏感保护目标清单", "2026-03-01", 2)
    assert r.headers["ETag"] == put.headers["ETag"] == f'"{body["version"]}"'

    stale = client.put(f"/parks/{park_id}/lists/sensitive_target", json={"updated_on": "2026-03-03", "entries": []},
                       headers={**operator, "If-Match": never.headers["ETag"]})
    assert stale.status_code == 412, stale.text
    again = client.put(f"/parks/{park_id}/lists/sensitive_target",
                       json={"updated_on": "2026-03-03", "entries": [*TARGETS, {"name": "东关小学"}]},
                       headers={**operator, "If-Match": r.headers["ETag"]})
    assert again.status_code == 200, again.text
    assert client.get(f"/parks/{park_id}/lists/sensitive_target", headers=operator).json()["entry_count"] == 3


def test_another_parks_operator_gets_404_and_an_unknown_list_is_a_422_naming_list(client, tokens, unique):
    park_id, _, _ = new_park(client, tokens.admin, f"park-{unique}", "清单园区")
    assert client.put(f"/parks/{park_id}/lists/risk_substance", json={"updated_on": "2026-03-01",
                      "entries": [{"substance": "甲醇"}]}, headers=tokens.admin).status_code == 200
    stranger = tokens.headers("park_operator", park_id=f"park-other-{unique}")
    r = client.get(f"/parks/{park_id}/lists/risk_substance", headers=stranger)
    assert r.status_code == 404, r.text
    assert "甲醇" not in r.text
    assert client.get(f"/parks/park-none-{unique}/lists/risk_substance", headers=tokens.admin).status_code == 404
    other_county = tokens.headers("county_officer", jurisdiction="140581")
    assert client.get(f"/parks/{park_id}/lists/risk_substance", headers=other_county).status_code == 404

    r = client.get(f"/parks/{park_id}/lists/chemicals", headers=tokens.admin)
    assert r.status_code == 422, r.text
    assert [e["field"] for e in r.json()["errors"]] == ["path.list"]
