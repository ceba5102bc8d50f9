"""选择企业: the register searched by part of the name or the credit code, within what the caller may see."""

from __future__ import annotations

from enforcement_register import credit_code
from hazard_helpers import ok

_DIGITS = dict(zip("0123456789abcdef", "零一二三四五六七八九甲乙丙丁戊己"))


def _rows(unique: str) -> list[dict]:
    """Four enterprises whose names share a token no other test uses, in two counties and two parks."""
    token = "".join(_DIGITS[ch] for ch in unique[:8])

    def row(n, name, county, park=None):
        return {"enterprise_id": f"ent-search-{n}-{unique}", "name": name, "credit_code": credit_code(),
                "industry": "C2614", "risk_level": "major", "principal_name": "张丽娜", "jurisdiction_code": county,
                "address": "晋城市", "park_id": park}

    return [
        row("1", f"晋城{token}化工有限公司", "140525", f"park-a-{unique}"),
        row("2", f"泽州县{token}精细化工有限公司", "140525", f"park-a-{unique}"),
        row("3", f"{token}涂料有限公司", "140525", None),
        row("4", f"高平市{token}新材料有限公司", "140581", f"park-b-{unique}"),
    ]


def _ids(response) -> list[str]:
    return [item["enterprise_id"].split("-")[2] for item in ok(response)["items"]]


def test_a_county_officer_finds_its_countys_enterprises_by_part_of_the_chinese_name(client, users, register, unique):
    rows = _rows(unique)
    register(rows)
    token = rows[2]["name"].removesuffix("涂料有限公司")
    found = client.get("/enterprises", headers=users.county(), params={"q": token[2:]})
    # Only 140525's; the name that starts with the words typed comes first, then by name.
    assert sorted(_ids(found)) == ["1", "2", "3"]
    assert _ids(client.get("/enterprises", headers=users.county(), params={"q": token}))[0] == "3"
    assert _ids(client.get("/enterprises", headers=users.county(), params={"q": f"{token[2:6]} 精细"})) == ["2"]
    first = ok(client.get("/enterprises", headers=users.county(), params={"q": f"{token} 精细"}))["items"][0]
    assert first == {"enterprise_id": rows[1]["enterprise_id"], "name": rows[1]["name"],
                     "credit_code": rows[1]["credit_code"], "industry": "C2614", "risk_level": "major",
                     "jurisdiction_code": "140525", "park_id": f"park-a-{unique}", "parent_enterprise_id": None,
                     "address": "晋城市"}
    assert sorted(_ids(client.get("/enterprises", headers=users.city(), params={"q": token}))) == ["1", "2", "3", "4"]


def test_a_credit_code_is_found_whatever_its_case_and_wildcards_are_plain_text(client, users, register, unique):
    rows = _rows(unique)
    register(rows)
    assert _ids(client.get("/enterprises", headers=users.city(),
                           params={"q": rows[3]["credit_code"].lower()})) == ["4"]
    assert _ids(client.get("/enterprises", headers=users.city(), params={"q": f"{unique[:10]} %"})) == []


def test_an_enterprise_user_finds_only_itself_and_a_park_operator_only_its_park(client, users, register, unique):
    rows = _rows(unique)
    register(rows)
    token = rows[2]["name"].removesuffix("涂料有限公司")
    mine = rows[0]["enterprise_id"]
    assert _ids(client.get("/enterprises", headers=users.enterprise(mine), params={"q": token})) == ["1"]
    assert _ids(client.get("/enterprises", headers=users.enterprise(mine), params={"q": "精细 " + token})) == []
    assert sorted(_ids(client.get("/enterprises", headers=users.park(f"park-a-{unique}"), params={"q": token}))) == \
        ["1", "2"]
    # The park, not the token's jurisdiction, decides: a park operator of 高平 sees its park even named 140525.
    assert _ids(client.get("/enterprises", headers=users.park(f"park-b-{unique}"))) == ["4"]
    assert client.get("/enterprises", headers=users.token("park_operator", jurisdiction="140525")).status_code == 403


def test_limit_caps_the_list_and_says_when_more_would_match(client, users, register, unique):
    rows = _rows(unique)
    register(rows)
    token = rows[2]["name"].removesuffix("涂料有限公司")
    page = ok(client.get("/enterprises", headers=users.city(), params={"q": token, "limit": 2}))
    assert len(page["items"]) == 2 and page["truncated"] is True
    assert ok(client.get("/enterprises", headers=users.city(), params={"q": token, "limit": 4}))["truncated"] is False
    for params, field in (({"limit": 0}, "query.limit"), ({"limit": 51}, "query.limit"), ({"q": "化" * 51}, "query.q")):
        refused = client.get("/enterprises", headers=users.city(), params=params)
        assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == field
    assert client.get("/enterprises").status_code == 401
