"""The case, blacklist and responsibility-list read models are projections: dropped and replayed from the store
they come back the same (in a database of the test's own, so no shared state is cleared)."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from ecosafe_kit.auth.principal import Principal, Role
from ecosafe_kit.projections import rebuild
from enforcement.adapters import case_projections, responsibility
from enforcement.domain.blacklist import MINIMUM_LISTING
from enforcement.entrypoints.app import create_app
from enforcement.service_layer.cases import Cases
from enforcement_register import enterprise_body

REPO = Path(__file__).resolve().parents[3]
TABLES = ["enf_cases", "enf_penalties", "enf_case_measures", "enf_transfers", "enf_blacklist",
          "enf_responsibility_lists"]


def snapshot(engine) -> dict:
    with engine.connect() as conn:
        # Table names from the list above, never from input.
        return {t: sorted(map(str, conn.execute(text("SELECT * FROM " + t)).all())) for t in TABLES}


def test_rebuilding_the_case_projections_gives_back_the_same_read_models(database_url, enforcement_settings, users,
                                                                          unique):
    name = f"enforcement_rebuild_{unique}"
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("CREATE DATABASE " + name))  # name from the test's own hex suffix
    url = make_url(database_url).set(database=name).render_as_string(hide_password=False)
    try:
        subprocess.run([sys.executable, "-m", "alembic", "-c", str(REPO / "services" / "enforcement" / "alembic.ini"),
                        "-x", f"database_url={url}", "upgrade", "head"], check=True, cwd=REPO)
        settings = enforcement_settings.model_copy(update={
            "database_url": url, "relay_enabled": False, "consumer_group_suffix": f".rebuild-{unique}"})
        with TestClient(create_app(settings)) as client:
            officer = users.county("140525")
            firm = client.post("/enterprises", json=enterprise_body(), headers=officer).json()["enterprise_id"]
            case_id = client.post("/cases", headers=officer, json={
                "enterprise_id": firm, "origin": "direct", "legal_basis": "依据", "description": "案情"}).json()[
                "case_id"]
            steps = [("penalties", {"decision_no": "1号", "legal_basis": "依据", "enterprise_amount_yuan": "1000.50",
                                    "principal_amount_yuan": "200"}),
                     ("suspension", {"reason": "停产"}),
                     ("closure-proposal", {"reason": "关闭", "principal_industry_ban": True}),
                     ("joint-punishment", {"departments": ["市场监管局"], "reason": "失信"}),
                     ("transfers", {"department": "public_security", "department_name": "公安局", "note": "移交"})]
            for path, body in steps:
                assert client.post(f"/cases/{case_id}/{path}", headers=officer, json=body).status_code in (200, 201)
            transfer_id = client.get(f"/cases/{case_id}", headers=officer).json()["transfers"][0]["transfer_id"]
            assert client.post(f"/cases/{case_id}/transfers/{transfer_id}/receipt", headers=officer,
                               json={"receiver": "李"}).status_code == 200
            assert client.post(f"/cases/{case_id}/closing", headers=officer, json={"conclusion": "结"}).status_code == 200
            # What ends the sanctions: 恢复生产, the government's decision, credit repair a year on; another case's
            # proposal declined.
            for path, body in (("suspension-lifting", {"acceptance": "验收合格", "reason": "恢复生产"}),
                               ("closure-decision", {"government": "泽州县人民政府", "document_no": "泽政发〔2026〕1号",
                                                     "decided_on": "2026-07-01"})):
                assert client.post(f"/cases/{case_id}/{path}", headers=officer, json=body).status_code == 200
            entry_id = client.get("/blacklist", headers=officer, params={"enterprise_id": firm}).json()[
                "items"][0]["entry_id"]
            Cases(client.app.state.engine, clock=lambda: datetime.now(timezone.utc) + MINIMUM_LISTING
                  ).remove_from_blacklist(Principal("u-1", "王科长", frozenset({Role("county_officer")}), "140525"),
                                          entry_id, "信用修复", "已整改", None)
            other = client.post("/cases", headers=officer, json={
                "enterprise_id": firm, "origin": "direct", "legal_basis": "依据", "description": "案情"}).json()[
                "case_id"]
            for path, body in (("closure-proposal", {"reason": "关闭"}),
                               ("closure-declined", {"government": "泽州县人民政府", "decided_on": "2026-07-01",
                                                     "reason": "暂不关闭"})):
                assert client.post(f"/cases/{other}/{path}", headers=officer, json=body).status_code == 200
            for kind, present in (("principal_list", False), ("principal_list", True)):
                assert client.post(f"/enterprises/{firm}/responsibility-lists", headers=officer, json={
                    "kind": kind, "present": present, "document_ref": "文件"}).status_code == 200
            engine = client.app.state.engine
            before = snapshot(engine)
            assert all(before.values())
            assert "信用修复" in str(before["enf_blacklist"])
            assert "decided" in str(before["enf_cases"]) and "declined" in str(before["enf_cases"])
            for projection in case_projections.PROJECTIONS + responsibility.PROJECTIONS:
                rebuild(engine, projection, "enforcement", progress=False)
            assert snapshot(engine) == before
    finally:
        with admin.connect() as conn:
            conn.execute(text("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"))
        admin.dispose()
