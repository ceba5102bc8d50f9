"""The gateway serves the pages, /config.json and the four services under one origin, each under its prefix."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest


def _get(url: str, token: str | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"} if token else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_config_json_says_there_is_no_base_map_nor_provider_by_default_and_demo_sign_in_as_in_make_run(gateway_url):
    # The browser tests' gateway is started like make run's demo stack: demo sign-in on (tests/e2e/conftest.py).
    status, headers, body = _get(gateway_url + "/config.json")
    assert status == 200
    assert headers["Content-Type"].startswith("application/json")
    assert json.loads(body) == {"basemap": None, "demo_signin": True, "oidc": None}


@pytest.mark.parametrize("service", ["hazard", "enforcement", "risk-map", "notify"])
def test_each_service_answers_under_its_prefix_with_docs_that_find_its_schema(gateway_url, service):
    status, _, _ = _get(f"{gateway_url}/api/{service}/healthz")
    assert status == 200
    status, _, docs = _get(f"{gateway_url}/api/{service}/docs")
    assert status == 200
    # Swagger UI in the browser loads the schema from this URL: without the prefix it would miss the service.
    assert f"'/api/{service}/openapi.json'".encode() in docs
    status, _, schema = _get(f"{gateway_url}/api/{service}/openapi.json")
    assert status == 200
    assert json.loads(schema)["servers"] == [{"url": f"/api/{service}"}]


def test_a_service_refusal_comes_through_as_problem_json(gateway_url):
    status, headers, body = _get(f"{gateway_url}/api/risk-map/tiles")
    assert status == 401
    assert headers["Content-Type"].startswith("application/problem+json")
    assert json.loads(body)["title"]


def test_an_unknown_page_is_404_not_the_index(gateway_url):
    status, _, _ = _get(gateway_url + "/no-such-page.html")
    assert status == 404


def test_ogc_links_point_back_through_the_gateway(gateway_url, token_for):
    # A GIS client follows these links: they must name the gateway's host and the service's prefix.
    status, _, body = _get(f"{gateway_url}/api/risk-map/ogc/collections", token_for("command_center"))
    assert status == 200
    links = [link["href"] for c in json.loads(body)["collections"] for link in c["links"]]
    assert links and all(href.startswith(f"{gateway_url}/api/risk-map/ogc/collections/") for href in links), links[:3]


def test_an_etag_comes_through_strong_so_a_browser_can_send_it_back_in_if_match(gateway_url, token_for):
    # Browsers ask for gzip; were the gateway to compress the JSON it would weaken the ETag and If-Match would fail.
    token = token_for("command_center")
    _, _, body = _get(f"{gateway_url}/api/risk-map/ogc/collections/parks/items?limit=1", token)
    [park] = json.loads(body)["features"]
    request = urllib.request.Request(f"{gateway_url}/api/risk-map/parks/{park['id']}",
                                     headers={"Authorization": f"Bearer {token}", "Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        etag = response.headers["ETag"]
    assert etag and not etag.startswith("W/"), etag
