"""Browser tests: the four services, the gateway and the demo sign-in app on the test stack, the demo data loaded
once per session, and Debian's chromium driven by Playwright (no browser download)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.auth.tokens import encode_token
from ecosafe_kit.settings import ServiceSettings

REPO = Path(__file__).resolve().parents[2]
# The page helpers next to the tests (center_page) are imported by name, as the risk-map tests import theirs.
sys.path.insert(0, str(Path(__file__).resolve().parent))
PORT_BASE = int(os.environ.get("ECOSAFE_E2E_PORT_BASE", "18100"))
CHROMIUM = os.environ.get("ECOSAFE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--headless", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = REPO / ".local" / "e2e-artifacts"
# The services of make run sit on 8001–8004 behind the gateway on 8000; here the same layout from PORT_BASE.
SERVICE_OFFSET = PORT_BASE - 8000
DEMO_JURISDICTION = "140525"  # 泽州县, where the demo's chemical park and most of its sites are


def pytest_collection_modifyitems(session, config, items):
    """The browser tests run last: their services (with relays and consumers on the test Kafka) are up from the first
    of them to the end of the session, and should not run beside the other tests."""
    here = Path(__file__).resolve().parent
    items.sort(key=lambda item: Path(str(item.path)).resolve().is_relative_to(here))


def _stack_env() -> dict[str, str]:
    return {**os.environ, "ECOSAFE_STACK": "test"}


def _state(name: str) -> Path:
    return REPO / ".local" / "test" / f"e2e-{PORT_BASE}" / name


def _run(*command: str, env: dict | None = None) -> None:
    subprocess.run(list(command), cwd=REPO, env=env or _stack_env(), check=True)


def _wait_for(url: str, timeout: float) -> None:
    """Until something answers at `url`, whatever its status (the app may answer / with a 404)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, OSError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _start_demo_signin(port: int) -> subprocess.Popen:
    """The demo sign-in app (ecosafe_demo.signin), on as in make run's demo stack."""
    log = open(_state("demo-signin.log"), "ab")
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "ecosafe_demo.signin:create_app", "--factory", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning"],
        cwd=REPO, env={**_stack_env(), "ECOSAFE_DEMO_SIGNIN_ENABLED": "true"}, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True)
    try:
        _wait_for(f"http://127.0.0.1:{port}/healthz", 30)
    except (urllib.error.URLError, OSError):
        process.terminate()
        raise
    return process


@pytest.fixture(scope="session")
def gateway_url(database_url: str, kafka_bootstrap: str) -> str:
    """The gateway in front of freshly started services with the demo data; everything stopped afterwards."""
    _run("make", "-s", "web")
    _state("services").mkdir(parents=True, exist_ok=True)
    services = [sys.executable, "deploy/local/services.py"]
    scope = ["--port-offset", str(SERVICE_OFFSET), "--state-dir", str(_state("services"))]
    gateway = [sys.executable, "deploy/local/gateway.py"]
    gateway_scope = ["--port-base", str(PORT_BASE), "--state-dir", str(_state("gateway"))]
    demo = None
    try:
        _run(*services, "start", *scope)
        # The pages offer the demo users only when /config.json says so (demo_signin), as in make run.
        _run(*gateway, "start", *gateway_scope, env={**_stack_env(), "ECOSAFE_DEMO_SIGNIN_ENABLED": "true"})
        demo = _start_demo_signin(PORT_BASE + 5)
        _run(sys.executable, "-m", "ecosafe_demo.load", "--enforcement-url", f"http://127.0.0.1:{PORT_BASE + 2}",
             "--risk-map-url", f"http://127.0.0.1:{PORT_BASE + 3}")
        yield f"http://127.0.0.1:{PORT_BASE}"
    finally:
        if demo is not None:
            demo.terminate()
            demo.wait(10)
        subprocess.run([*gateway, "stop", *gateway_scope], cwd=REPO, env=_stack_env())
        subprocess.run([*services, "stop", *scope], cwd=REPO, env=_stack_env())


@pytest.fixture(scope="session")
def token_for():
    """`token_for(role, jurisdiction, **claims)`: a token signed with the services' secret, for a new user."""
    secret = ServiceSettings().jwt_secret.get_secret_value()

    def mint(role: str, jurisdiction: str | None = DEMO_JURISDICTION, **claims) -> str:
        subject = claims.pop("sub", f"e2e-{role}-{uuid.uuid4().hex[:8]}")
        name = claims.pop("name", f"测试{role}")
        principal = Principal(subject=subject, name=name, roles=frozenset({role, *claims.pop("roles", ())}),
                              jurisdiction=jurisdiction, **claims)
        return encode_token(principal, secret=secret, ttl=timedelta(hours=1))

    return mint


# One browser per test module, not per session: Playwright's sync API keeps an event loop running in this thread while
# it is open, and a later test of the same session that calls asyncio.run (tests/unit/kit/test_serve.py) would fail.
@pytest.fixture(scope="module")
def browser() -> Browser:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def artifacts(request) -> Path:
    """A folder of this test's own for screenshots, kept after the run."""
    folder = ARTIFACTS / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def page_as(browser: Browser, gateway_url: str, token_for):
    """`page_as(role, jurisdiction, path="/", **claims)`: a page opened at `path` with that user's token in
    sessionStorage (as the sign-in page leaves it); the browser's console errors are printed on failure."""
    contexts = []

    def open_page(role: str, jurisdiction: str | None = DEMO_JURISDICTION, path: str = "/", **claims) -> Page:
        token = token_for(role, jurisdiction, **claims)
        context = browser.new_context(viewport={"width": 1600, "height": 900}, locale="zh-CN")
        context.add_init_script(f"sessionStorage.setItem('ecosafe.token', {json.dumps(token)});")
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda message: message.type == "error" and print("浏览器控制台:", message.text))
        page.on("pageerror", lambda error: print("页面错误:", error))
        page.goto(gateway_url + path)
        return page

    yield open_page
    for context in contexts:
        context.close()
