"""A warning's area: GeoJSON polygons checked at the door, the boundary counts as inside, one area form only."""

import json
from datetime import datetime, timedelta, timezone

from notify.domain.warnings import WarningSpec, area_of, inside, problems_of

NOW = datetime(2026, 12, 6, tzinfo=timezone.utc)
SQUARE = json.dumps({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]})


def spec(**kw) -> WarningSpec:
    base = {"kind": "flood", "level": "red", "title": "汛情", "content": "洪峰将至", "valid_until": NOW + timedelta(hours=1),
            "area_geojson": SQUARE}
    return WarningSpec(**{**base, **kw})


def test_points_inside_on_the_edge_and_outside():
    area, wrong = area_of(SQUARE)
    assert wrong is None
    assert inside(area, 0.5, 0.5) and inside(area, 1.0, 0.3) and not inside(area, 1.2, 0.5)
    assert not inside(area, None, None)


def test_bad_areas_say_what_is_wrong():
    assert "GeoJSON" in area_of(json.dumps({"type": "Point", "coordinates": [0, 0]}))[1]
    assert "经纬度" in area_of(json.dumps({"type": "Polygon", "coordinates": [[[0, 0], [200, 0], [0, 1], [0, 0]]]}))[1]
    assert "无效" in area_of(json.dumps({"type": "Polygon",
                                          "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}))[1]
    assert area_of("{not json")[0] is None


def test_a_warning_needs_one_area_a_known_level_and_a_future_end():
    assert problems_of(spec(), NOW) == []
    assert [p.field for p in problems_of(spec(jurisdiction_code="140525"), NOW)] == ["area"]
    assert [p.field for p in problems_of(spec(area_geojson=None), NOW)] == ["area"]
    assert [p.field for p in problems_of(spec(level="black", valid_until=NOW), NOW)] == ["level", "valid_until"]
