"""Bulk import of a park's facilities: every feature validated first, then all saved in one transaction, or none."""

from __future__ import annotations

from dataclasses import replace
from typing import BinaryIO

from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.auth.signing import signer_of
from ecosafe_kit.errors import EcoSafeError, FieldProblem, InvalidInput, NotFound
from ecosafe_kit.eventstore import EventStore
from risk_map.adapters import file_reader, lookups, repositories
from risk_map.domain.facility import Facility
from risk_map.service_layer.access import ensure_may_read_park, ensure_may_write
from risk_map.service_layer.feature_input import facility_data
from risk_map.service_layer.saving import new_id, save


def import_park_file(store: EventStore, principal: Principal, park_id: str, filename: str, content: BinaryIO,
                     crs: str | None) -> dict:
    repo = repositories.facilities(store)
    with store.transaction() as conn:
        park_code = lookups.park_jurisdiction(conn, park_id)
        unknown = NotFound(f"园区不存在或已撤销: {park_id}", extra={"id": park_id})
        if park_code is None:
            raise unknown
        ensure_may_read_park(conn, principal, park_id, park_code, unknown)
        ensure_may_write(principal, jurisdiction_code=park_code, enterprise_id=None, park_id=park_id)
        file_type, features = file_reader.read_features(filename, content, crs)
        if not features:
            raise InvalidInput("文件中没有要素", [FieldProblem("file", "文件中没有要素")])
        accepted, rejected = [], []
        for item in features:
            feature = item.feature
            props = feature.get("properties") if isinstance(feature, dict) else None
            where = f"{item.layer}[{item.index}]"
            try:
                if item.problem is not None:
                    raise InvalidInput(item.problem.message, [item.problem])
                if isinstance(props, dict) and props.get("park_id") not in (None, "", park_id):
                    raise InvalidInput("要素属于其他园区", [FieldProblem(f"{where}.properties.park_id",
                                                                  f"只能导入本园区 {park_id} 的设施")])
                data = facility_data(conn, principal, feature, item.check_crs, where=where, default_park=park_id)
                # Validated in lon/lat after reprojection; recorded with the CRS the file stated.
                data = replace(data, declared_crs=item.source_crs)
                ensure_may_write(principal, jurisdiction_code=data.jurisdiction_code, enterprise_id=data.enterprise_id,
                                 park_id=data.park_id)
                facility_id = new_id(feature.get("id"), f"{where}.id")
                accepted.append((facility_id, data))
            except EcoSafeError as exc:  # collected into the report: the whole file is refused below
                problems = getattr(exc, "errors", None) or [FieldProblem(where, exc.detail)]
                rejected.append({"layer": item.layer, "index": item.index,
                                 "id": feature.get("id") if isinstance(feature, dict) else None,
                                 "name": props.get("name") if isinstance(props, dict) else None,
                                 "problems": [{"field": p.field, "message": p.message} for p in problems]})
        ids = [a[0] for a in accepted]
        duplicates = {i for i in ids if ids.count(i) > 1}
        for facility_id in sorted(duplicates):
            rejected.append({"layer": None, "index": None, "id": facility_id, "name": None,
                             "problems": [{"field": "id", "message": f"标识 {facility_id} 在文件中重复"}]})
        if rejected:
            error = InvalidInput(f"{len(rejected)} 个要素未通过校验, 整个文件未导入 (共 {len(features)} 个要素)",
                                 [FieldProblem(p["field"], p["message"]) for r in rejected for p in r["problems"]])
            error.extra["rejected"] = rejected
            error.extra["feature_count"] = len(features)
            raise error
        created = updated = 0
        for facility_id, data in accepted:
            used_for = lookups.stream_type(conn, facility_id)
            if used_for not in (None, "facility"):
                raise InvalidInput(f"标识 {facility_id} 已被其他对象使用, 整个文件未导入",
                                   [FieldProblem("id", f"标识 {facility_id} 已被使用")])
            if used_for == "facility":
                facility = repo.get(conn, facility_id)
                ensure_may_write(principal, jurisdiction_code=facility.jurisdiction_code,
                                 enterprise_id=facility.enterprise_id, park_id=facility.park_id)
                updated += facility.update(data)
            else:
                facility = Facility.register(facility_id, data)
                created += 1
            save(conn, repo, facility, signer_of(principal))
    return {"file_type": file_type, "feature_count": len(features), "created": created, "updated": updated,
            "unchanged": len(features) - created - updated, "rejected": [],
            "explanation": f"{len(features)} 个要素全部通过校验并导入: 新增 {created}, 变更 {updated}"}
