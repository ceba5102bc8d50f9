"""GCJ-02 conversion against the published reference vectors (eviltransform's test pairs)."""

import pytest

from risk_map.domain.gcj02 import gcj02_to_wgs84, wgs84_to_gcj02

# (wgs lat, wgs lon, gcj lat, gcj lon): Shanghai, Shenzhen, Beijing
PAIRS = [
    (31.1774276, 121.5272106, 31.17530398364597, 121.531541859215),
    (22.543847, 113.912316, 22.540796131694766, 113.9171764808363),
    (39.911954, 116.377817, 39.91334545536069, 116.38404722455657),
]


@pytest.mark.parametrize(("wlat", "wlon", "glat", "glon"), PAIRS)
def test_forward_matches_the_reference(wlat, wlon, glat, glon):
    lon, lat = wgs84_to_gcj02(wlon, wlat)
    assert lon == pytest.approx(glon, abs=1e-9) and lat == pytest.approx(glat, abs=1e-9)


@pytest.mark.parametrize(("wlat", "wlon", "glat", "glon"), PAIRS)
def test_inverse_recovers_wgs84_within_a_millimetre(wlat, wlon, glat, glon):
    lon, lat = gcj02_to_wgs84(glon, glat)
    assert abs(lon - wlon) < 1e-8 and abs(lat - wlat) < 1e-8
