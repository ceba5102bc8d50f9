"""Checks docker-compose.yml, the service Dockerfiles and .dockerignore against the services and their settings."""

from __future__ import annotations

import ast
import base64
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
COMPOSE_FILE = ROOT / "docker-compose.yml"
SETTINGS_FILE = ROOT / "libs" / "kit" / "src" / "ecosafe_kit" / "settings.py"
INITDB_DIR = ROOT / "deploy" / "compose" / "initdb"

# service (compose name, services/<dir>) -> (Python package, database, host port)
SERVICES = {
    "hazard": ("hazard", "hazard", 8001),
    "enforcement": ("enforcement", "enforcement", 8002),
    "risk-map": ("risk_map", "risk_map", 8003),
    "notify": ("notify", "notify", 8004),
}
INFRA = ("kafka", "postgres")
# A service's own settings compose pins (besides the kit's): the risk-map's device simulator, off; notify's outbound
# channels, from the environment (no mail server or SMS gateway unless set).
OWN_SETTINGS = {"risk-map": {"ECOSAFE_DEVICE_SIMULATOR_ENABLED": "false"},
                "notify": {"ECOSAFE_SMTP_HOST": "${ECOSAFE_SMTP_HOST:-}", "ECOSAFE_SMTP_PORT": "${ECOSAFE_SMTP_PORT:-25}",
                           "ECOSAFE_SMTP_SENDER": "${ECOSAFE_SMTP_SENDER:-ecosafe-notify@localhost}",
                           "ECOSAFE_SMTP_STARTTLS": "${ECOSAFE_SMTP_STARTTLS:-false}",
                           "ECOSAFE_SMTP_USERNAME": "${ECOSAFE_SMTP_USERNAME:-}",
                           "ECOSAFE_SMS_GATEWAY_URL": "${ECOSAFE_SMS_GATEWAY_URL:-}",
                           "ECOSAFE_CHANNEL_TIMEOUT_SECONDS": "${ECOSAFE_CHANNEL_TIMEOUT_SECONDS:-10}"}}
# A service's own secrets, read from the environment: the hazard service's contact key (with a dev-only default),
# notify's SMTP password and SMS gateway key (none unless set).
OWN_SECRETS = {"hazard": {"ECOSAFE_REPORTER_CONTACT_KEY"}, "notify": {"ECOSAFE_SMTP_PASSWORD", "ECOSAFE_SMS_API_KEY"}}


def service_settings_env_names(path: Path = SETTINGS_FILE) -> set[str]:
    """The environment variables ServiceSettings reads: env_prefix + each field name, upper-cased."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    classes = [node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == "ServiceSettings"]
    assert classes, f"no class ServiceSettings in {path}"
    prefix, fields = None, []
    for node in classes[0].body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "model_config" for t in node.targets):
            for keyword in getattr(node.value, "keywords", []):
                if keyword.arg == "env_prefix":
                    prefix = ast.literal_eval(keyword.value)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            if node.target.id == "model_config" or "ClassVar" in ast.unparse(node.annotation):
                continue
            if isinstance(node.value, ast.Call):
                aliases = [k.arg for k in node.value.keywords if k.arg in ("alias", "validation_alias")]
                assert not aliases, f"{node.target.id} has {aliases}: teach this test how aliases name variables"
            fields.append(node.target.id)
    assert prefix is not None, "ServiceSettings.model_config sets no env_prefix"
    assert fields, "ServiceSettings has no fields"
    return {(prefix + field).upper() for field in fields}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def settings_env() -> set[str]:
    return service_settings_env_names()


def environment(service: dict) -> dict[str, str]:
    env = service.get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, None) for item in env)
    return {key: (None if value is None else str(value)) for key, value in env.items()}


def interpolate_defaults(value: str) -> str:
    """Resolve ${VAR:-default} and ${VAR-default} to their defaults, as compose does with VAR unset."""
    return re.sub(r"\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}", r"\1", value)


def healthcheck_text(service: dict) -> str:
    test = service.get("healthcheck", {}).get("test")
    assert test, "no healthcheck test"
    if isinstance(test, str):
        return test
    assert test[0] in ("CMD", "CMD-SHELL"), f"healthcheck test must start with CMD or CMD-SHELL: {test}"
    return " ".join(test[1:])


def test_settings_names_read_from_the_source_are_the_ones_pydantic_reads(settings_env):
    """The AST reading above agrees with the class itself, where the kit is installed (`make venv`)."""
    try:
        from ecosafe_kit.settings import ServiceSettings
    except ImportError as error:
        pytest.skip(f"ecosafe_kit is not importable here ({error}); the AST reading is used alone")
    prefix = ServiceSettings.model_config.get("env_prefix", "")
    assert {(prefix + name).upper() for name in ServiceSettings.model_fields} == settings_env


def test_the_four_services_and_the_infrastructure_exist(compose):
    assert set(SERVICES) | set(INFRA) <= set(compose["services"])


def test_every_build_points_at_an_existing_dockerfile(compose):
    builds = {name: s["build"] for name, s in compose["services"].items() if "build" in s}
    assert set(SERVICES) <= set(builds), "every EcoSafe service is built from its Dockerfile"
    for name, build in builds.items():
        context = ROOT / (build if isinstance(build, str) else build.get("context", "."))
        dockerfile = build.get("dockerfile", "Dockerfile") if isinstance(build, dict) else "Dockerfile"
        assert context.resolve() == ROOT, f"{name}: the build context is the repo root"
        assert (context / dockerfile).is_file(), f"{name}: {context / dockerfile} does not exist"
        if name in SERVICES:
            assert (context / dockerfile).resolve() == (ROOT / "services" / name / "Dockerfile").resolve()


@pytest.mark.parametrize("name", SERVICES)
def test_service_sets_exactly_the_service_settings(compose, settings_env, name):
    env = environment(compose["services"][name])
    ecosafe = {key for key in env if key.startswith("ECOSAFE_")}
    expected = settings_env | set(OWN_SETTINGS.get(name, {})) | OWN_SECRETS.get(name, set())
    assert ecosafe == expected, (
        f"{name}: missing {sorted(expected - ecosafe)}, not ServiceSettings fields {sorted(ecosafe - expected)}"
    )
    assert all(env[key] not in (None, "") for key in ecosafe), f"{name}: every setting has a value"


@pytest.mark.parametrize("name", SERVICES)
def test_service_settings_point_at_its_database_and_the_broker(compose, name):
    package, database, _ = SERVICES[name]
    env = environment(compose["services"][name])
    assert env["ECOSAFE_SERVICE_NAME"] == name
    url = urlsplit(interpolate_defaults(env["ECOSAFE_DATABASE_URL"]))
    assert url.scheme == "postgresql+psycopg"
    assert (url.hostname, url.port, url.path) == ("postgres", 5432, f"/{database}")
    assert url.username and url.password
    bootstrap = env["ECOSAFE_KAFKA_BOOTSTRAP_SERVERS"].split(",")
    assert all(server.split(":")[0] == "kafka" for server in bootstrap)
    kafka_listeners = environment(compose["services"]["kafka"])["KAFKA_ADVERTISED_LISTENERS"]
    assert all(f"://{server}" in kafka_listeners for server in bootstrap), "bootstrap is an advertised listener"
    # The secret is read from the environment, with a dev-only default.
    assert re.fullmatch(r"\$\{ECOSAFE_JWT_SECRET:-[^}]+\}", env["ECOSAFE_JWT_SECRET"])
    assert env["ECOSAFE_RELAY_ENABLED"] in ("true", "false")
    assert env["ECOSAFE_CONSUMERS_ENABLED"] in ("true", "false")


@pytest.mark.parametrize("name", SERVICES)
def test_service_publishes_its_port_and_probes_healthz(compose, name):
    service = compose["services"][name]
    host_port = SERVICES[name][2]
    assert f"{host_port}:8000" in [str(port) for port in service.get("ports", [])]
    text = healthcheck_text(service)
    assert "http://127.0.0.1:8000/healthz" in text
    assert "curl" not in text and "wget" not in text, "python:3.11-slim has neither curl nor wget"


@pytest.mark.parametrize("name", SERVICES)
def test_service_waits_for_healthy_kafka_and_postgres(compose, name):
    depends_on = compose["services"][name].get("depends_on", {})
    assert isinstance(depends_on, dict), "long depends_on syntax, with conditions"
    for infra in INFRA:
        assert depends_on.get(infra, {}).get("condition") == "service_healthy", f"{name} waits for {infra}"


def test_every_container_has_a_healthcheck(compose):
    for name, service in compose["services"].items():
        assert healthcheck_text(service), name


def test_kafka_is_a_single_kraft_node_that_keeps_events_forever(compose, local_kafka_version):
    kafka = compose["services"]["kafka"]
    # The same broker version as the local stack the tests run against.
    assert kafka["image"] == f"apache/kafka:{local_kafka_version}"
    env = environment(kafka)
    assert env["CLUSTER_ID"], "a fixed cluster id, so a restart finds its formatted volume"
    assert set(env["KAFKA_PROCESS_ROLES"].split(",")) == {"broker", "controller"}
    node_id = env["KAFKA_NODE_ID"]
    assert env["KAFKA_CONTROLLER_QUORUM_VOTERS"].startswith(f"{node_id}@")
    controller = env["KAFKA_CONTROLLER_LISTENER_NAMES"]
    assert f"{controller}://" in env["KAFKA_LISTENERS"]
    assert f"{controller}:" in env["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"]
    for key in (
        "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR",
        "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR",
        "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR",
    ):
        assert env[key] == "1", key
    assert env["KAFKA_LOG_RETENTION_MS"] == "-1"
    assert env["KAFKA_LOG_RETENTION_BYTES"] == "-1"
    assert env["KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS"] == "0"
    text = healthcheck_text(kafka)
    assert re.search(r"/opt/kafka/bin/kafka-(broker-api-versions|topics)\.sh", text)
    # The log dirs are on the named volume.
    mounts = {v.split(":")[1]: v.split(":")[0] for v in kafka["volumes"]}
    log_dirs = env["KAFKA_LOG_DIRS"]
    assert any(log_dirs.startswith(path) and source in compose["volumes"] for path, source in mounts.items())


def test_postgres_has_postgis_pgrouting_and_the_service_databases(compose):
    postgres = compose["services"]["postgres"]
    assert postgres["image"].startswith("pgrouting/pgrouting:15-"), "PostgreSQL 15 with PostGIS and pgRouting"
    assert "pg_isready" in healthcheck_text(postgres)
    mounts = {v.split(":")[1]: v.split(":")[0] for v in postgres["volumes"]}
    assert mounts["/var/lib/postgresql/data"] in compose["volumes"], "data on a named volume"
    assert (ROOT / mounts["/docker-entrypoint-initdb.d"]).resolve() == INITDB_DIR.resolve()

    env = environment(postgres)
    user, password = env["POSTGRES_USER"], interpolate_defaults(env["POSTGRES_PASSWORD"])
    for name in SERVICES:
        url = urlsplit(interpolate_defaults(environment(compose["services"][name])["ECOSAFE_DATABASE_URL"]))
        assert (url.username, url.password) == (user, password), f"{name} logs in as the postgres user"

    sql = "\n".join(p.read_text(encoding="utf-8") for p in sorted(INITDB_DIR.glob("*.sql")))
    created = set(re.findall(r"^\s*CREATE DATABASE (\w+)", sql, flags=re.M | re.I))
    assert created == {database for _, database, _ in SERVICES.values()}
    risk_map = re.split(r"^\\(?:connect|c) risk_map\s*$", sql, flags=re.M)
    assert len(risk_map) == 2, "the script connects to risk_map"
    extensions = set(re.findall(r"CREATE EXTENSION IF NOT EXISTS (\w+)", risk_map[1], flags=re.I))
    assert {"postgis", "pgrouting"} <= extensions


def test_named_volumes_are_declared(compose):
    declared = set(compose.get("volumes", {}) or {})
    for name, service in compose["services"].items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if not source.startswith((".", "/")):
                assert source in declared, f"{name}: volume {source} is not declared"


# ------------------------------------------------------------------------------------------------ images


def dockerfile_instructions(path: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with line continuations joined and comments dropped."""
    lines, current = [], ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        stripped = raw.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        lines.append(current + stripped)
        current = ""
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line else "") for line in lines]


@pytest.mark.parametrize("name", SERVICES)
def test_dockerfile_installs_libs_and_service_and_runs_as_non_root(name):
    package, _, _ = SERVICES[name]
    dockerfile = ROOT / "services" / name / "Dockerfile"
    assert dockerfile.read_text(encoding="utf-8").startswith("#"), "starts with a one-line comment"
    steps = dockerfile_instructions(dockerfile)
    args = lambda instruction: [a for i, a in steps if i == instruction]  # noqa: E731

    assert args("FROM") and all(a.split()[0] == "python:3.11-slim" for a in args("FROM"))
    copies = " ".join(args("COPY"))
    for source in ("requirements/constraints.txt", "libs/", f"services/{name}/"):
        assert re.search(rf"(^|\s){re.escape(source)}\s", copies + " "), f"COPY {source}"
    installs = [a for a in args("RUN") if "pip install" in a]
    assert len(installs) == 1
    pip = installs[0]
    assert "-c requirements/constraints.txt" in pip
    assert " -e " not in f" {pip} " and "--editable" not in pip, "non-editable install"
    for target in ("./libs/kit", "./libs/events", f"./services/{name}"):
        assert target in pip.split(), f"pip installs {target}"

    users = args("USER")
    assert users, "USER is set"
    uid = users[-1].split(":")[0]
    assert uid.isdigit() and int(uid) != 0, "a numeric non-root USER (so runAsNonRoot can check it)"
    assert args("EXPOSE") == ["8000"]
    healthcheck = args("HEALTHCHECK")
    assert healthcheck and "http://127.0.0.1:8000/healthz" in healthcheck[0] and '"python"' in healthcheck[0]

    cmd = args("CMD")[-1]
    script = f"/app/services/{name}/docker-entrypoint.sh"
    assert script in cmd
    assert (ROOT / "services" / name / "docker-entrypoint.sh").is_file()


@pytest.mark.parametrize("name", SERVICES)
def test_entrypoint_migrates_then_serves(name):
    package, _, _ = SERVICES[name]
    text = (ROOT / "services" / name / "docker-entrypoint.sh").read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines()]
    assert lines[0].startswith("#!/bin/sh") and lines[1].startswith("#"), "shebang, then a one-line comment"
    assert "set -eu" in lines, "a failed migration stops the start"
    migrate = [i for i, line in enumerate(lines) if line.startswith("alembic ")]
    serve = [i for i, line in enumerate(lines) if line.startswith("exec ecosafe-serve ")]
    assert migrate and serve and migrate[0] < serve[0], "migrations run before the server (ecosafe-serve runs uvicorn)"
    alembic_ini = re.search(r"-c (\S+) upgrade head$", lines[migrate[0]])
    assert alembic_ini, lines[migrate[0]]
    workdir = "/app"
    assert f"cd {workdir}" in lines
    assert alembic_ini.group(1) in (f"services/{name}/alembic.ini", f"{workdir}/services/{name}/alembic.ini")
    uvicorn = lines[serve[0]].split()
    assert uvicorn[2] == f"{package}.entrypoints.app:create_app"
    assert "--factory" in uvicorn
    assert uvicorn[uvicorn.index("--host") + 1] == "0.0.0.0"
    assert uvicorn[uvicorn.index("--port") + 1] == "8000"


def test_dockerignore_keeps_local_state_out_of_the_build_context():
    text = (ROOT / ".dockerignore").read_text(encoding="utf-8")
    patterns = {line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")}
    for required in (".venv", ".local", ".git", "node_modules", "**/__pycache__"):
        assert required in patterns, required
    for needed in ("requirements", "libs", "services"):
        assert needed not in patterns and f"{needed}/" not in patterns


@pytest.mark.parametrize(("name", "pinned"), OWN_SETTINGS.items())
def test_own_settings_have_their_pinned_values(compose, name, pinned):
    """The risk-map's device simulator is off: it would confirm valve and gate commands no device executed."""
    env = environment(compose["services"][name])
    assert {key: env[key] for key in pinned} == pinned


def test_the_hazard_service_seals_reporter_contacts_with_a_key_from_the_environment(compose):
    """Without a key a public report that leaves a contact is refused: compose sets a dev-only one, overridable."""
    env = environment(compose["services"]["hazard"])
    found = re.fullmatch(r"\$\{ECOSAFE_REPORTER_CONTACT_KEY:-([^}]+)\}", env["ECOSAFE_REPORTER_CONTACT_KEY"])
    assert found, "the key is read from the environment, with a dev-only default"
    assert len(base64.urlsafe_b64decode(found.group(1))) == 32, "the default is a 32-byte AES-256 key"
    assert found.group(1) != re.search(r":-([^}]+)\}", env["ECOSAFE_JWT_SECRET"]).group(1)
    for name in set(SERVICES) - {"hazard"}:
        assert "ECOSAFE_REPORTER_CONTACT_KEY" not in environment(compose["services"][name]), name


def test_the_gateway_is_built_from_its_dockerfile_serves_8000_and_reaches_the_services_by_name(compose):
    gateway = compose["services"]["gateway"]
    assert gateway["build"]["dockerfile"] == "deploy/gateway/Dockerfile"
    assert gateway["ports"] == ["8000:8080"]
    assert set(gateway["depends_on"]) == set(SERVICES)
    dockerfile = (ROOT / "deploy" / "gateway" / "Dockerfile").read_text(encoding="utf-8")
    # The upstreams the image's command names are the compose services (and the k8s Services) on port 8000.
    for name, upstream in (("hazard", "HAZARD"), ("enforcement", "ENFORCEMENT"), ("risk-map", "RISK_MAP"),
                           ("notify", "NOTIFY")):
        assert f'"{upstream}={name}:8000"' in dockerfile
    assert "nginx-light" in dockerfile and "npm ci" in dockerfile


def test_the_gateway_sets_only_settings_the_web_config_reads(compose):
    from ecosafe_kit.web_config import WebSettings

    known = {f"ECOSAFE_{name.upper()}" for name in WebSettings.model_fields}
    assert set(compose["services"]["gateway"]["environment"]) <= known
    assert compose["services"]["gateway"]["environment"]["ECOSAFE_DEMO_SIGNIN_ENABLED"] == "false"
