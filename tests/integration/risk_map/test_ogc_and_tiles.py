"""GIS clients load the layers as they are: GDAL's OAPIF driver (pyogrio) and OWSLib against the running service;
vector tiles decoded with mapbox-vector-tile and with GDAL's MVT driver."""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import mapbox_vector_tile
import pyogrio
import pytest
from owslib.ogcapi.features import Features

from live import LiveServer
from network import Network
from rm_helpers import feature, point


@pytest.fixture(scope="module")
def live(settings):
    with LiveServer(settings) as server:
        yield server


@pytest.fixture
def net(client, tokens, register_enterprise, unique):
    return Network(client, tokens, register_enterprise, unique).build()


def _bbox(net: Network) -> tuple[float, float, float, float]:
    return net.lon0 - 0.001, net.lat0 - 0.001, net.lon0 + 0.09, net.lat0 + 0.03


def test_gdal_oapif_reads_every_layer_and_filters_by_bbox(live, net, tokens, tmp_path):
    token = tokens.admin["Authorization"]
    # The header on every request of the OAPIF driver, from a file (GDAL ≥ 2.3; see the README's GIS clients).
    headers = tmp_path / "headers"
    headers.write_text(f"Authorization: {token}\n")
    pyogrio.set_gdal_config_options({"GDAL_HTTP_HEADER_FILE": str(headers)})
    try:
        source = f"OAPIF:{live.url}/ogc"
        layers = {name for name, _ in pyogrio.list_layers(source)}
        assert {"parks", "sites", "rain_outlets", "river_reaches", "sensitive_targets", "emergency_spaces"} <= layers
        # Only this network's features: another test's random network may overlap the box (the database is kept).
        def own(frame):
            return frame[frame["id"].str.endswith(net.u)]

        outlets = own(pyogrio.read_dataframe(source, layer="rain_outlets", bbox=_bbox(net)))
        assert set(outlets["name"]) == {"1号雨水排口", "2号雨水排口"}
        assert set(outlets["valve_state"]) == {"open", "closed"}
        assert outlets.crs.to_string() == "OGC:CRS84"  # longitude/latitude WGS 84, as the service states
        reaches = own(pyogrio.read_dataframe(source, layer="river_reaches", bbox=_bbox(net)))
        assert len(reaches) == 3 and set(reaches.geom_type) == {"LineString"}
        sites = own(pyogrio.read_dataframe(source, layer="sites", bbox=_bbox(net)))
        assert list(sites["required_volume_m3"]) == [1020]
    finally:
        pyogrio.set_gdal_config_options({"GDAL_HTTP_HEADER_FILE": None})


def test_owslib_lists_collections_pages_and_filters_by_property(live, net, tokens):
    api = Features(f"{live.url}/ogc", headers=tokens.admin)
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson" in api.conformance()["conformsTo"]
    ids = {c["id"] for c in api.collections()["collections"]}
    assert {"river_gates", "monitoring_sections", "material_depots", "response_teams", "incidents"} <= ids
    bbox = list(_bbox(net))
    page = api.collection_items("emergency_spaces", bbox=bbox, limit=2)
    assert page["numberMatched"] == 3 and page["numberReturned"] == 2
    assert any(link["rel"] == "next" for link in page["links"])
    rest = api.collection_items("emergency_spaces", bbox=bbox, limit=2, offset=2)
    names = {f["properties"]["name"] for f in page["features"] + rest["features"]}
    assert names == {"小坑塘", "大坑塘", "水库"}
    opened = api.collection_items("rain_outlets", bbox=bbox, valve_state="open")
    assert [f["id"] for f in opened["features"]] == [net.id("o1")]
    one = api.collection_item("sensitive_targets", net.id("s1"))
    assert one["properties"]["target_type"] == "drinking_water_intake"


def test_items_are_geojson_and_bad_queries_are_refused(client, net, tokens):
    r = client.get("/ogc/collections/river_gates/items", params={"bbox": ",".join(map(str, _bbox(net)))},
                   headers=tokens.admin)
    assert r.headers["content-type"].startswith("application/geo+json")
    assert {f["id"] for f in r.json()["features"]} == {net.id("g0"), net.id("g1")}
    assert client.get("/ogc/collections/river_gates/items?bbox=1,2,3", headers=tokens.admin).status_code == 400
    assert client.get("/ogc/collections/no_such_layer", headers=tokens.admin).status_code == 404
    assert client.get("/ogc/collections", headers={}).status_code == 401


def _tile_fraction(lon: float, lat: float, z: int) -> tuple[float, float]:
    """Web Mercator tile coordinates of a point, with the fraction: (x, y) from the top-left of the world."""
    n = 2 ** z
    return (lon + 180) / 360 * n, (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n


def _tile_xy(lon: float, lat: float, z: int) -> tuple[int, int]:
    fx, fy = _tile_fraction(lon, lat, z)
    return int(fx), int(fy)


@pytest.mark.parametrize("z", [10, 14, 16])
def test_vector_tiles_decode_with_gdal_mvt_driver(client, net, tokens, tmp_path, z):
    x, y = _tile_xy(net.lon0 + 0.004, net.lat0 + 0.0021, z)
    r = client.get(f"/tiles/rain_outlets/{z}/{x}/{y}.mvt", headers=tokens.admin)
    assert r.status_code == 200 and r.headers["content-type"] == "application/vnd.mapbox-vector-tile"
    path = tmp_path / f"{z}-{x}-{y}.mvt"
    path.write_bytes(r.content)
    frame = pyogrio.read_dataframe(path, layer="rain_outlets")
    states = dict(zip(frame["id"], frame["valve_state"]))
    assert states[net.id("o1")] == "open"  # the tile was chosen to hold o1; o2 may sit in the next tile at z16
    combined = client.get(f"/tiles/all/{z}/{x}/{y}.mvt", headers=tokens.admin)
    all_path = tmp_path / f"all-{z}.mvt"
    all_path.write_bytes(combined.content)
    names = {name for name, _ in pyogrio.list_layers(all_path)}
    assert {"rain_outlets", "sites"} <= names
    # The reach lies ~230 m south of the outlet, so it is asked for in its own tile (the outlet's tile border
    # can fall between them at any zoom, since the test network is placed at random).
    rx, ry = _tile_xy(net.lon0 + 0.005, net.lat0, z)
    reach_tile = tmp_path / f"reach-{z}.mvt"
    reach_tile.write_bytes(client.get(f"/tiles/all/{z}/{rx}/{ry}.mvt", headers=tokens.admin).content)
    reaches = pyogrio.read_dataframe(reach_tile, layer="river_reaches")
    assert net.id("r1") in set(reaches["id"])


@pytest.mark.parametrize("z", [12, 16])
def test_vector_tiles_decode_with_mapbox_vector_tile_and_put_each_point_where_it_belongs(client, net, tokens, z):
    lon, lat = net.lon0 + 0.004, net.lat0 + 0.0021  # outlet o1
    fx, fy = _tile_fraction(lon, lat, z)
    x, y = int(fx), int(fy)
    r = client.get(f"/tiles/rain_outlets/{z}/{x}/{y}.mvt", headers=tokens.admin)
    assert r.status_code == 200
    layers = mapbox_vector_tile.decode(r.content, default_options={"y_coord_down": True})
    layer = layers["rain_outlets"]
    assert layer["extent"] == 4096
    outlet = next(f for f in layer["features"] if f["properties"]["id"] == net.id("o1"))
    assert outlet["properties"]["name"] == "1号雨水排口" and outlet["properties"]["valve_state"] == "open"
    assert outlet["geometry"]["type"] == "Point"
    # Where the point must be, computed here from its lon/lat: the tile's 4096 units, y down from the top edge.
    px, py = outlet["geometry"]["coordinates"]
    assert abs(px - (fx - x) * 4096) <= 1 and abs(py - (fy - y) * 4096) <= 1
    combined = mapbox_vector_tile.decode(client.get(f"/tiles/all/{z}/{x}/{y}.mvt", headers=tokens.admin).content)
    assert {"rain_outlets", "sites"} <= set(combined)


def test_a_feature_in_the_tiles_buffer_but_outside_the_tile_is_drawn_there_too(client, net, tokens, tmp_path):
    # Without it a symbol or label on a tile border would be cut off on the side that has not got it.
    z, x, y = 16, *_tile_xy(net.lon0 + 0.004, net.lat0 + 0.0021, 16)
    n = 2 ** z
    east_edge = (x + 1) / n * 360 - 180
    lat_mid = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * (y + 0.5) / n))))
    buffer_deg = 64 / 4096 * 360 / n  # the 64-unit buffer of a 4096-unit tile, in degrees of longitude
    gate = net.id("edge-gate")
    net.post(feature("river_gate", "边界闸", point(east_edge + 0.4 * buffer_deg, lat_mid), gate,
                     jurisdiction_code="140525", gate_state="closed"))
    path = tmp_path / "edge.mvt"
    path.write_bytes(client.get(f"/tiles/river_gates/{z}/{x}/{y}.mvt", headers=tokens.admin).content)
    # GDAL clips what it reads to the tile unless told not to: CLIP=NO shows the buffer as the tile has it.
    assert gate in set(pyogrio.read_dataframe(path, layer="river_gates", CLIP="NO")["id"])
    farther = net.id("far-gate")
    net.post(feature("river_gate", "远处闸", point(east_edge + 3 * buffer_deg, lat_mid), farther,
                     jurisdiction_code="140525", gate_state="closed"))
    path.write_bytes(client.get(f"/tiles/river_gates/{z}/{x}/{y}.mvt", headers=tokens.admin).content)
    assert farther not in set(pyogrio.read_dataframe(path, layer="river_gates", CLIP="NO")["id"])


def test_site_tiles_carry_the_pool_adequacy_verdict(client, net, tokens, tmp_path):
    x, y = _tile_xy(net.lon0 + 0.004, net.lat0 + 0.003, 16)
    path = tmp_path / "site.mvt"
    path.write_bytes(client.get(f"/tiles/sites/16/{x}/{y}.mvt", headers=tokens.admin).content)
    sites = pyogrio.read_dataframe(path, layer="sites")
    verdict = dict(zip(sites["id"], sites["pool_adequate"]))
    # Required (500+300−100)+20+30 mm×1 ha = 1020 m³ against 800 m³ of pools: not adequate.
    assert verdict[net.id("site")] in (False, 0)


def test_site_tiles_carry_the_enterprise_risk_level_from_the_register(client, net, tokens, tmp_path):
    # The web map colours sites by it; the network's enterprise is registered as 重大 (major).
    x, y = _tile_xy(net.lon0 + 0.004, net.lat0 + 0.003, 16)
    layers = mapbox_vector_tile.decode(client.get(f"/tiles/all/16/{x}/{y}.mvt", headers=tokens.admin).content)
    site = next(f for f in layers["sites"]["features"] if f["properties"]["id"] == net.id("site"))
    assert site["properties"]["risk_level"] == "major"


README = Path(__file__).resolve().parents[3] / "services" / "risk-map" / "README.md"


def _readme_recipe() -> list[str]:
    """The lines of the README's GDAL recipe (the sh block under "GIS clients")."""
    text = README.read_text(encoding="utf-8")
    block = text[text.index("### GIS clients"):].split("```sh\n", 1)[1].split("```", 1)[0]
    return block.strip().splitlines()


def _child_reader(url: str) -> str:
    return (f"import pyogrio; info = pyogrio.read_info('OAPIF:{url}/ogc', layer='sites'); "
            "print(info['features'], 'CRS84' in info['crs'])")


def test_the_readme_gdal_recipe_works_as_written(live, net, tokens, tmp_path):
    """Debian 12's GDAL 3.6 has no GDAL_HTTP_AUTH=BEARER, and the OAPIF driver ignores GDAL_HTTP_HEADERS: the
    README's recipe writes a header file. With `ogrinfo` installed the block runs as written; else its set-up lines
    run as written and GDAL (pyogrio) reads with only the environment they set."""
    lines = [line.replace("http://127.0.0.1:8003", live.url) for line in _readme_recipe()]
    setup = [line for line in lines if not line.startswith(("ogrinfo ", "ogr2ogr "))]
    env = {k: v for k, v in os.environ.items() if not k.startswith("GDAL_HTTP")}
    env.update(HOME=str(tmp_path), TOKEN=tokens.admin["Authorization"].split(" ", 1)[1])
    assert (tmp_path / ".ecosafe-gdal-headers").exists() is False
    if shutil.which("ogrinfo"):
        script = "set -e\ncd " + str(tmp_path) + "\n" + "\n".join(lines)
        run = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True, timeout=120)
        assert run.returncode == 0 and "sites" in run.stdout, run.stdout + run.stderr
        assert (tmp_path / "sites.gpkg").exists()
    reader = _child_reader(live.url)
    script = "set -e\n" + "\n".join(setup) + f'\n"{sys.executable}" -c "{reader}"'
    run = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stdout + run.stderr
    count, crs84 = run.stdout.strip().splitlines()[-1].split()
    assert int(count) >= 1 and crs84 == "True"
    assert oct((tmp_path / ".ecosafe-gdal-headers").stat().st_mode & 0o777) == "0o600"


def test_gdal_http_headers_alone_does_not_reach_the_oapif_driver(live, tokens):
    """Why the README does not use GDAL_HTTP_HEADERS: the OAPIF driver's own Accept header takes its place."""
    token = tokens.admin["Authorization"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("GDAL_HTTP")}
    run = subprocess.run([sys.executable, "-c", _child_reader(live.url)],
                         env={**env, "GDAL_HTTP_HEADERS": f"Authorization: {token}"}, capture_output=True, text=True,
                         timeout=60)
    assert run.returncode != 0 and "401" in run.stderr
