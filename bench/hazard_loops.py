"""One hazard's closed loop as six HTTP commands, each sent with the token of the role that may issue it."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from ecosafe_kit.auth.principal import Principal, Role
from ecosafe_kit.auth.tokens import encode_token

CITY = "140500"
STEPS = ("report", "assign", "plan", "complete", "verify", "close")
PHOTO = {"uri": "s3://ecosafe-evidence/bench/photo.jpg", "name": "现场照片.jpg", "media_type": "image/jpeg",
         "sha256": "a" * 64}


def _in_days(n: int) -> str:
    return (datetime.now(ZoneInfo("Asia/Shanghai")).date() + timedelta(days=n)).isoformat()


class Tokens:
    """Bearer headers minted once per role and scope, as each user's client would hold its token."""

    def __init__(self, secret: str) -> None:
        self.secret = secret
        self._cache: dict[tuple, dict] = {}

    def _header(self, role: Role, name: str, jurisdiction: str, enterprise_id: str | None = None) -> dict:
        key = (role, jurisdiction, enterprise_id)
        if key not in self._cache:
            principal = Principal(subject=f"u-bench-{role.value}-{jurisdiction}-{enterprise_id or ''}", name=name,
                                  roles=frozenset({role}), jurisdiction=jurisdiction, enterprise_id=enterprise_id)
            self._cache[key] = {"Authorization": "Bearer " + encode_token(principal, secret=self.secret)}
        return self._cache[key]

    def county(self, code: str) -> dict:
        return self._header(Role.county_officer, "王科长", code)

    def inspector(self, code: str) -> dict:
        return self._header(Role.inspector, "执法员赵", code)

    def enterprise(self, enterprise_id: str, code: str) -> dict:
        return self._header(Role.enterprise_user, "企业安全员", code, enterprise_id)

    def leader(self) -> dict:
        return self._header(Role.group_leader, "韩组长", CITY)


@dataclass
class Loop:
    """A hazard on its way round the loop: which step comes next and the version to send as If-Match."""

    enterprise_id: str
    county: str
    grade: str
    hazard_id: str = ""
    version: int = 0
    step: int = 0

    @property
    def done(self) -> bool:
        return self.step >= len(STEPS)

    def request(self, tokens: Tokens) -> tuple[str, str, dict, dict]:
        """(step name, path, headers, JSON body) of the next command."""
        step = STEPS[self.step]
        if step == "report":
            return step, "/hazards", tokens.inspector(self.county), {
                "enterprise_id": self.enterprise_id, "source": "inspection", "domain": "hazardous_waste",
                "grade": self.grade, "grade_basis": "危险废物贮存设施防渗措施失效, 苏环办〔2022〕248号",
                "description": "危废暂存库地面防渗层破损, 渗滤液外溢", "site": "危废暂存库", "attachments": [PHOTO]}
        headers = {"If-Match": f'"{self.version}"'}
        path = f"/hazards/{self.hazard_id}"
        if step == "assign":
            return step, path + "/assignment", {**tokens.county(self.county), **headers}, {
                "responsible_unit": "企业", "responsible_person": "张丽娜", "deadline": _in_days(20)}
        if step == "plan":
            return step, path + "/plan", {**tokens.enterprise(self.enterprise_id, self.county), **headers}, {
                "owner": "张丽娜", "measures": ["更换防渗层", "设置导流沟"], "funding": 80000, "deadline": _in_days(20),
                "contingency_plan": "渗漏应急处置预案(2026版)"}
        if step == "complete":
            return step, path + "/completion", {**tokens.enterprise(self.enterprise_id, self.county), **headers}, {
                "summary": "防渗层已更换", "attachments": [PHOTO]}
        if step == "verify":
            return step, path + "/verification", {**tokens.inspector(self.county), **headers}, {
                "passed": True, "opinion": "整改到位"}
        closer = tokens.leader() if self.grade == "major" else tokens.county(self.county)
        return step, path + "/closure", {**closer, **headers}, {"note": "同意销号"}

    def advance(self, body: dict) -> None:
        self.hazard_id = body["hazard_id"]
        self.version = body["version"]
        self.step += 1


def new_loops(enterprises: list[dict]):
    """Endless new hazards over the district's enterprises, alternately major (leader closes) and general."""
    for n, row in zip(itertools.count(), itertools.cycle(enterprises)):
        yield Loop(row["enterprise_id"], row["jurisdiction_code"], "major" if n % 2 == 0 else "general")
