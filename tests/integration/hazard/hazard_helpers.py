"""Request helpers shared by the hazard integration tests."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
PHOTO = {"uri": "s3://ecosafe-evidence/test/photo.jpg", "name": "现场照片.jpg", "media_type": "image/jpeg",
         "sha256": "a" * 64}


def today() -> date:
    from datetime import datetime
    return datetime.now(SHANGHAI).date()


def in_days(n: int) -> str:
    return (today() + timedelta(days=n)).isoformat()


def report_body(enterprise_id: str, **overrides) -> dict:
    body = {"enterprise_id": enterprise_id, "source": "inspection", "domain": "hazardous_waste", "grade": "major",
            "grade_basis": "危险废物贮存设施防渗措施失效, 苏环办〔2022〕248号", "description": "危废暂存库地面防渗层破损, 渗滤液外溢",
            "site": "危废暂存库", "attachments": [PHOTO]}
    body.update(overrides)
    return body


def plan_body(**overrides) -> dict:
    body = {"owner": "张丽娜", "measures": ["更换防渗层", "设置导流沟"], "funding": 80000, "deadline": in_days(1),
            "contingency_plan": "渗漏应急处置预案(2026版)"}
    body.update(overrides)
    return body


def etag(response) -> str:
    return response.headers["ETag"]


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()
