"""批量登记: a register workbook (.xlsx or CSV) registered all or nothing; rows already registered are skipped.

Errors name the cell as `rows[N].<field>` (N counts data rows from 1, the header is not counted) or
`columns.<表头>`; a file with any error writes nothing. Re-sending a file registers only the credit codes not in the
register yet, so a retried upload never registers an enterprise twice.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field

from sqlalchemy.engine import Connection

from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.errors import FieldProblem, Forbidden, InvalidInput
from ecosafe_kit.text import describe_forbidden, forbidden_character
from enforcement.adapters import register_queries as q
from enforcement.adapters.tabular import UnreadableFile, read_table
from enforcement.domain import sectors
from enforcement.domain.rules import problems_of
from enforcement.domain.values import RISK_BY_LABEL, EnterpriseFacts, RiskLevel
from enforcement.service_layer import permissions
from enforcement.service_layer.commands import EnterpriseInput, to_facts
from enforcement.service_layer.import_layout import BY_HEADER, COLUMNS, MAX_ROWS
from enforcement.domain.problems import refuse
from enforcement.service_layer.register import EnterpriseRegister


@dataclass
class _Row:
    number: int  # data row number, from 1
    cells: dict[str, str]
    facts: EnterpriseFacts | None = None
    parent_credit_code: str = ""
    enterprise_id: str = ""
    problems: list[FieldProblem] = field(default_factory=list)

    def refuse(self, field_name: str, message: str) -> None:
        self.problems.append(FieldProblem(f"rows[{self.number}].{field_name}", message))


def import_file(register: EnterpriseRegister, principal: Principal, data: bytes, filename: str) -> dict:
    """Register every new row of the file in one transaction, or none; returns what was created and skipped."""
    permissions.ensure_write_role(principal)
    try:
        table = read_table(data, filename)
    except UnreadableFile as exc:
        raise InvalidInput(str(exc), [FieldProblem("file", str(exc))]) from exc
    fields = _header_fields(table)
    rows = [_Row(n, {f: (cells[j].strip() if j < len(cells) else "") for j, f in fields.items()})
            for n, cells in enumerate(table[1:], start=1) if any(c.strip() for c in cells)]
    if not rows:
        refuse([FieldProblem("file", "文件中没有数据行")])
    if len(rows) > MAX_ROWS:
        refuse([FieldProblem("file", f"一次最多导入 {MAX_ROWS} 行, 收到 {len(rows)} 行")])
    for row in rows:
        _parse(row, principal)
    _refuse_duplicates(rows)
    with register.engine.begin() as conn:
        existing = q.registered_ids_by_credit_code(conn, [r.facts.credit_code for r in rows if r.facts])
        new = [r for r in rows if r.facts and r.facts.credit_code not in existing]
        for row in new:
            row.enterprise_id = str(uuid.uuid4())
        _resolve_parents(conn, rows, existing)
        refuse([p for r in rows for p in r.problems])
        for row in sorted(new, key=lambda r: _depth(r, rows)):
            register.register_in(conn, principal, row.facts, row.enterprise_id)
    return {
        "created": [{"row": r.number, "enterprise_id": r.enterprise_id, "credit_code": r.facts.credit_code}
                    for r in new],
        "existing": [{"row": r.number, "enterprise_id": existing[r.facts.credit_code],
                      "credit_code": r.facts.credit_code} for r in rows if r.facts.credit_code in existing],
    }


def _header_fields(table: list[list[str]]) -> dict[int, str]:
    """Column index → field, from the header row; unknown, repeated or missing required headers are refused."""
    if not table:
        refuse([FieldProblem("file", "文件为空")])
    problems, found = [], {}
    for index, raw in enumerate(table[0]):
        header = raw.strip().rstrip("*＊").strip()
        if not header:
            continue
        column = BY_HEADER.get(header)
        if column is None:
            problems.append(FieldProblem(f"columns.{header}", "未知的列, 请使用模板中的表头"))
        elif column.field in found.values():
            problems.append(FieldProblem(f"columns.{header}", "列重复"))
        elif column.field:
            found[index] = column.field
    for column in COLUMNS:
        if column.required and column.field not in found.values():
            problems.append(FieldProblem(f"columns.{column.header}", "缺少必填列"))
    refuse(problems)
    return found


_MULTILINE = {"address", "boundary"}


def _refuse_control_characters(row: _Row) -> set[str]:
    """The fields whose cell holds a character the JSON API refuses too (a CSV or an xlsx `_x001B_` carries them)."""
    bad = set()
    for name, value in row.cells.items():
        # As the JSON API (EnterpriseIn): the address and the boundary's GeoJSON text may span lines, nothing else.
        found = forbidden_character(value, multiline=name in _MULTILINE)
        if found is not None:
            row.refuse(name, describe_forbidden(*found))
            bad.add(name)
    return bad


def _parse(row: _Row, principal: Principal) -> None:
    bad = _refuse_control_characters(row)
    cells = {name: "" if name in bad else value for name, value in row.cells.items()}
    risk = RISK_BY_LABEL.get(cells.get("risk_level", "")) or (
        RiskLevel(cells["risk_level"]) if cells.get("risk_level") in RiskLevel.__members__ else None)
    if risk is None and "risk_level" not in bad:
        row.refuse("risk_level", "环境风险等级应为 一般、较大 或 重大")
    sector = cells.get("sector") or None
    if sector is not None:
        sector = sectors.BY_LABEL.get(sector, sector)
    coordinates = {}
    for name, label in (("lon", "经度"), ("lat", "纬度")):
        try:
            coordinates[name] = float(cells.get(name, ""))
        except ValueError:
            if name not in bad:
                row.refuse(name, f"{label}应为数字 (WGS 84 十进制度)")
    boundary = None
    if cells.get("boundary"):
        try:
            boundary = json.loads(cells["boundary"])
        except ValueError:
            row.refuse("boundary", "厂区边界应为 GeoJSON Polygon 文本")
    row.parent_credit_code = cells.get("parent_credit_code", "").upper()
    # Cells that could not be read get a stand-in, so the other cells of the row are still checked.
    unreadable = {p.field.rsplit(".", 1)[-1] for p in row.problems}
    facts, problems = to_facts(EnterpriseInput(
        name=cells.get("name", ""), credit_code=cells.get("credit_code", ""), industry=cells.get("industry", ""),
        sector=sector, risk_level=risk or RiskLevel.general, principal_name=cells.get("principal_name", ""),
        principal_phone=cells.get("principal_phone", ""), park_id=cells.get("park_id") or None,
        jurisdiction_code=cells.get("jurisdiction_code", ""), address=cells.get("address", ""),
        lon=coordinates.get("lon", 0.0), lat=coordinates.get("lat", 0.0), boundary=boundary,
        hazardous_waste_permit_no=cells.get("hazardous_waste_permit_no") or None))
    for problem in problems + problems_of(facts):
        name = problem.field.removeprefix("location.")  # location.lon → the 经度 column's field, lon
        if name not in unreadable:
            row.refuse(name, problem.message)
    if row.problems:
        return
    try:
        permissions.ensure_may_write(principal, facts.jurisdiction_code, facts.park_id)
    except Forbidden as exc:
        row.refuse("jurisdiction_code", exc.detail)
        return
    row.facts = facts


def _refuse_duplicates(rows: list[_Row]) -> None:
    first: dict[str, int] = {}
    for row in rows:
        if row.facts is None:
            continue
        code = row.facts.credit_code
        if code in first:
            row.refuse("credit_code", f"与第 {first[code]} 行的统一社会信用代码重复")
        else:
            first[code] = row.number


def _resolve_parents(conn: Connection, rows: list[_Row], existing: dict[str, str]) -> None:
    """上级企业 by credit code: a row of the same file or an enterprise in the register."""
    in_file = {r.facts.credit_code: r for r in rows if r.facts}
    wanted = [r.parent_credit_code for r in rows if r.parent_credit_code and r.parent_credit_code not in in_file]
    registered = {**existing, **q.registered_ids_by_credit_code(conn, wanted)} if wanted else existing
    for row in rows:
        code = row.parent_credit_code
        if not code or row.facts is None:
            continue
        if code == row.facts.credit_code:
            row.refuse("parent_credit_code", "上级企业不能是企业自身")
        elif code in in_file:
            row.facts = _with_parent(row.facts, registered.get(code) or in_file[code].enterprise_id)
        elif code in registered:
            row.facts = _with_parent(row.facts, registered[code])
        else:
            row.refuse("parent_credit_code", f"上级企业 {code} 既不在名录中也不在本文件中")
    for row in rows:
        if row.parent_credit_code in in_file and _depth(row, rows) < 0:
            row.refuse("parent_credit_code", "上级企业关系形成循环")


def _with_parent(facts: EnterpriseFacts, parent_id: str) -> EnterpriseFacts:
    return EnterpriseFacts(**{**facts.__dict__, "parent_enterprise_id": parent_id})


def _depth(row: _Row, rows: list[_Row]) -> int:
    """How many ancestors of the row are rows of this file (parents register first); -1 on a cycle."""
    by_id = {r.enterprise_id: r for r in rows if r.enterprise_id}
    seen, depth, current = {row.number}, 0, row
    while current.facts is not None and current.facts.parent_enterprise_id in by_id:
        current = by_id[current.facts.parent_enterprise_id]
        if current.number in seen:
            return -1
        seen.add(current.number)
        depth += 1
    return depth
