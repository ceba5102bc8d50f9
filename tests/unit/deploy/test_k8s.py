"""Renders the deploy/k8s overlays (kustomize_lite, and kubectl kustomize when present) and checks the objects."""

from __future__ import annotations

import ast
import base64
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import kubernetes_validate
import kubernetes_validate.utils
import pytest
import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
K8S = ROOT / "deploy" / "k8s"
SETTINGS_FILE = ROOT / "libs" / "kit" / "src" / "ecosafe_kit" / "settings.py"
NAMESPACE = "ecosafe"
CONTAINER_PORT = 8000

# service -> database
SERVICES = {"hazard": "hazard", "enforcement": "enforcement", "risk-map": "risk_map", "notify": "notify"}
OVERLAYS = {
    # overlay -> (image tag, minimum replicas of each service, log level)
    "dev": ("dev", 1, "DEBUG"),
    "prod": ("0.1.0", 2, "INFO"),
}
# A service's own settings a deployment pins (besides the kit's): the risk-map's device simulator, off everywhere.
# notify's outbound channels: empty host and gateway (not configured) unless an overlay sets them.
OWN_SETTINGS = {"risk-map": {"ECOSAFE_DEVICE_SIMULATOR_ENABLED": "false"},
                "notify": {"ECOSAFE_SMTP_HOST": "", "ECOSAFE_SMTP_PORT": "25", "ECOSAFE_SMTP_SENDER": "ecosafe-notify@localhost",
                           "ECOSAFE_SMTP_STARTTLS": "false", "ECOSAFE_SMTP_USERNAME": "", "ECOSAFE_SMS_GATEWAY_URL": "",
                           "ECOSAFE_CHANNEL_TIMEOUT_SECONDS": "10"}}
# A service's own settings that come from the Secret, as setting -> key: the hazard service's contact key, notify's
# SMTP password and SMS gateway key.
OWN_SECRETS = {"hazard": {"ECOSAFE_REPORTER_CONTACT_KEY": "reporter-contact-key"},
               "notify": {"ECOSAFE_SMTP_PASSWORD": "smtp-password", "ECOSAFE_SMS_API_KEY": "sms-api-key"}}
# Variables a service container may have besides the ECOSAFE_* settings: only used inside $(...) of others.
HELPER_ENV = {"DB_PASSWORD"}
SECRET_NAME = "ecosafe-secrets"
# The oldest Kubernetes these manifests are meant for, and the newest kubernetes-validate knows.
K8S_VERSIONS = sorted({"1.30.0", kubernetes_validate.utils.latest_version()})
KUBECTL = shutil.which("kubectl")
NO_KUBECTL = "kubectl is not on PATH: the kubectl kustomize render is not checked (kustomize_lite's still is)"


def _load_lite():
    spec = importlib.util.spec_from_file_location("kustomize_lite", HERE / "kustomize_lite.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("kustomize_lite", module)
    spec.loader.exec_module(module)
    return module


kustomize_lite = _load_lite()


def service_settings_env_names(path: Path = SETTINGS_FILE) -> set[str]:
    """The environment variables ServiceSettings reads: env_prefix + each field name, upper-cased."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "ServiceSettings")
    prefix = next(
        ast.literal_eval(k.value)
        for n in cls.body
        if isinstance(n, ast.Assign) and any(getattr(t, "id", None) == "model_config" for t in n.targets)
        for k in n.value.keywords
        if k.arg == "env_prefix"
    )
    fields = [
        n.target.id
        for n in cls.body
        if isinstance(n, ast.AnnAssign)
        and isinstance(n.target, ast.Name)
        and n.target.id != "model_config"
        and "ClassVar" not in ast.unparse(n.annotation)
    ]
    assert fields
    return {(prefix + field).upper() for field in fields}


# ---------------------------------------------------------------------------------------------- renders

_renders: dict[tuple[str, str], list[dict]] = {}


def render(renderer: str, overlay: str) -> list[dict]:
    key = (renderer, overlay)
    if key not in _renders:
        path = K8S / "overlays" / overlay
        if renderer == "lite":
            _renders[key] = kustomize_lite.build(path)
        else:
            if not KUBECTL:
                pytest.skip(NO_KUBECTL)
            result = subprocess.run(
                [KUBECTL, "kustomize", str(path)], capture_output=True, text=True, timeout=120, check=False
            )
            assert result.returncode == 0, f"kubectl kustomize {path} failed:\n{result.stderr}"
            _renders[key] = [doc for doc in yaml.safe_load_all(result.stdout) if doc]
    return _renders[key]


RENDERS = [
    pytest.param(renderer, overlay, id=f"{renderer}-{overlay}")
    for renderer in ("lite", "kubectl")
    for overlay in OVERLAYS
]


def find(objects: list[dict], kind: str, name: str) -> dict:
    matches = [o for o in objects if o["kind"] == kind and o["metadata"]["name"] == name]
    assert len(matches) == 1, f"expected one {kind} {name}, found {len(matches)}"
    return matches[0]


def find_generated(objects: list[dict], kind: str, name: str) -> dict | None:
    """The object generated as `name` (kustomize adds a -<hash> suffix), or None."""
    pattern = rf"{re.escape(name)}(-[a-z0-9]{{10}})?"
    matches = [o for o in objects if o["kind"] == kind and re.fullmatch(pattern, o["metadata"]["name"])]
    assert len(matches) <= 1
    return matches[0] if matches else None


def pod_spec(workload: dict) -> dict:
    return workload["spec"]["template"]["spec"]


def container_named(workload: dict, name: str) -> dict:
    containers = [c for c in pod_spec(workload)["containers"] if c["name"] == name]
    assert len(containers) == 1, f"{workload['metadata']['name']}: one container {name}"
    return containers[0]


def resolve_port(container: dict, port) -> int:
    if isinstance(port, int):
        return port
    numbers = [p["containerPort"] for p in container.get("ports", []) if p.get("name") == port]
    assert numbers, f"container {container['name']} has no port named {port}"
    return numbers[0]


def service_container(objects: list[dict], service: str) -> dict:
    deployment = find(objects, "Deployment", service)
    containers = pod_spec(deployment)["containers"]
    assert len(containers) == 1, f"{service}: one container per pod"
    return containers[0]


def container_env(objects: list[dict], container: dict) -> dict[str, str | dict]:
    """Every variable the container gets: envFrom ConfigMaps/Secrets (their keys) and env, in that order."""
    env: dict[str, str | dict] = {}
    for source in container.get("envFrom", []):
        if "configMapRef" in source:
            config_map = find(objects, "ConfigMap", source["configMapRef"]["name"])
            env.update({source.get("prefix", "") + k: v for k, v in config_map.get("data", {}).items()})
        elif "secretRef" in source:
            secret = find(objects, "Secret", source["secretRef"]["name"])
            env.update({source.get("prefix", "") + k: {"secret": secret["metadata"]["name"]} for k in secret["data"]})
        else:
            raise AssertionError(f"unknown envFrom source {source}")
    for item in container.get("env", []):
        env[item["name"]] = item["value"] if "value" in item else item["valueFrom"]
    return env


# --------------------------------------------------------------------------------------------- the tests


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_lite_renderer_gives_what_kubectl_kustomize_gives(overlay):
    if not KUBECTL:
        pytest.skip(NO_KUBECTL)

    def by_id(objects):
        return {(o["kind"], o["metadata"].get("namespace", ""), o["metadata"]["name"]): o for o in objects}

    lite, kubectl = by_id(render("lite", overlay)), by_id(render("kubectl", overlay))
    assert sorted(lite) == sorted(kubectl)
    for key, obj in lite.items():
        assert obj == kubectl[key], f"{overlay}: {key} differs between kustomize_lite and kubectl kustomize"


@pytest.mark.parametrize(("renderer", "overlay"), RENDERS)
@pytest.mark.parametrize("version", K8S_VERSIONS)
def test_every_object_is_valid_against_the_kubernetes_schema(renderer, overlay, version):
    objects = render(renderer, overlay)
    assert objects
    for obj in objects:
        try:
            kubernetes_validate.validate(obj, version, strict=True)
        except kubernetes_validate.ValidationError as error:
            pytest.fail(f"{overlay}: {obj['kind']} {obj['metadata']['name']} is not valid for {version}: {error}")


@pytest.mark.parametrize(("renderer", "overlay"), RENDERS)
def test_everything_lives_in_the_ecosafe_namespace(renderer, overlay):
    objects = render(renderer, overlay)
    find(objects, "Namespace", NAMESPACE)
    for obj in objects:
        if obj["kind"] != "Namespace":
            assert obj["metadata"].get("namespace") == NAMESPACE, f"{obj['kind']} {obj['metadata']['name']}"


@pytest.mark.parametrize(("renderer", "overlay"), RENDERS)
@pytest.mark.parametrize("service", SERVICES)
def test_service_deployment_probes_resources_image_and_security(renderer, overlay, service):
    objects = render(renderer, overlay)
    tag, min_replicas, _ = OVERLAYS[overlay]
    deployment = find(objects, "Deployment", service)
    container = service_container(objects, service)

    assert container["image"] == f"ecosafe/{service}:{tag}"
    assert deployment["spec"].get("replicas", 1) >= min_replicas
    if overlay == "dev":
        assert deployment["spec"]["replicas"] == 1
    assert CONTAINER_PORT in [p["containerPort"] for p in container.get("ports", [])]

    for probe, path in (("livenessProbe", "/healthz"), ("readinessProbe", "/readyz")):
        assert probe in container, f"{service}: no {probe}"
        http = container[probe].get("httpGet")
        assert http, f"{service}: {probe} is an HTTP GET"
        assert http["path"] == path, f"{service}: {probe} path"
        assert resolve_port(container, http["port"]) == CONTAINER_PORT, f"{service}: {probe} port"
    if "startupProbe" in container:
        http = container["startupProbe"]["httpGet"]
        assert http["path"] == "/healthz" and resolve_port(container, http["port"]) == CONTAINER_PORT

    resources = container.get("resources", {})
    for kind in ("requests", "limits"):
        assert {"cpu", "memory"} <= set(resources.get(kind, {})), f"{service}: resources.{kind} cpu and memory"

    pod_security = pod_spec(deployment).get("securityContext", {})
    assert pod_security.get("runAsNonRoot") is True
    assert pod_security.get("runAsUser", 0) != 0
    assert container.get("securityContext", {}).get("allowPrivilegeEscalation") is False


@pytest.mark.parametrize(("renderer", "overlay"), RENDERS)
@pytest.mark.parametrize("service", SERVICES)
def test_service_environment_is_exactly_the_service_settings(renderer, overlay, service):
    objects = render(renderer, overlay)
    container = service_container(objects, service)
    env = container_env(objects, container)
    settings = service_settings_env_names() | set(OWN_SETTINGS.get(service, {})) | set(OWN_SECRETS.get(service, {}))

    ecosafe = {name for name in env if name.startswith("ECOSAFE_")}
    assert ecosafe == settings, f"missing {sorted(settings - ecosafe)}, unknown {sorted(ecosafe - settings)}"
    assert set(env) - ecosafe <= HELPER_ENV, f"unexpected variables {sorted(set(env) - ecosafe - HELPER_ENV)}"
    assert any(
        ref.get("configMapRef", {}).get("name", "").startswith("ecosafe-config") for ref in container["envFrom"]
    ), "shared settings come from the ecosafe-config ConfigMap"

    assert env["ECOSAFE_SERVICE_NAME"] == service
    # Secrets come from the Secret, never as literal values.
    for name in ("ECOSAFE_JWT_SECRET", "DB_PASSWORD", *OWN_SECRETS.get(service, {})):
        ref = env[name]
        assert isinstance(ref, dict) and "secretKeyRef" in ref, f"{name} comes from a secretKeyRef"
        assert re.fullmatch(rf"{SECRET_NAME}(-[a-z0-9]{{10}})?", ref["secretKeyRef"]["name"])

    # The database URL uses the password through $(DB_PASSWORD), which must be defined before it.
    names = [item["name"] for item in container["env"]]
    url_text = env["ECOSAFE_DATABASE_URL"]
    assert "$(DB_PASSWORD)" in url_text
    assert names.index("DB_PASSWORD") < names.index("ECOSAFE_DATABASE_URL"), "$(DB_PASSWORD) expands if defined first"
    url = urlsplit(url_text.replace("$(DB_PASSWORD)", "password"))
    assert url.scheme == "postgresql+psycopg"
    assert url.path == f"/{SERVICES[service]}"
    postgres_service = find(objects, "Service", url.hostname)
    assert url.port in [p["port"] for p in postgres_service["spec"]["ports"]]
    postgres = find(objects, "StatefulSet", "postgres")
    postgres_env = {e["name"]: e.get("value") for e in container_named(postgres, "postgres")["env"]}
    assert url.username == postgres_env["POSTGRES_USER"]

    for server in env["ECOSAFE_KAFKA_BOOTSTRAP_SERVERS"].split(","):
        host, port = server.split(":")
        kafka_service = find(objects, "Service", host)
        assert int(port) in [p["port"] for p in kafka_service["spec"]["ports"]]

    assert env["ECOSAFE_LOG_LEVEL"] == OVERLAYS[overlay][2]
    assert env["ECOSAFE_RELAY_ENABLED"] in ("true", "false")
    assert env["ECOSAFE_CONSUMERS_ENABLED"] in ("true", "false")


@pytest.mark.parametrize(("renderer", "overlay"), RENDERS)
def test_secret_references_resolve(renderer, overlay):
    """Dev generates ecosafe-secrets with every key the pods use; prod expects it created outside git."""
    objects = render(renderer, overlay)
    references = set()
    for workload in (o for o in objects if o["kind"] in ("Deployment", "StatefulSet")):
        for container in pod_spec(workload)["containers"]:
            for item in container.get("env", []):
                ref = item.get("valueFrom", {}).get("secretKeyRef")
                if ref:
                    references.add((ref["name"], ref["key"]))
    assert {key for _, key in references} == {"jwt-secret", "database-password", "reporter-contact-key",
                                              "smtp-password", "sms-api-key"}
    generated = find_generated(objects, "Secret", SECRET_NAME)
    if overlay == "prod":
        assert generated is None, "no secret values in the prod overlay"
        assert {name for name, _ in references} == {SECRET_NAME}
    else:
        assert generated is not None
        assert {name for name, _ in references} == {generated["metadata"]["name"]}
        assert {key for _, key in references} <= set(generated["data"])
        for value in generated["data"].values():
            assert base64.b64decode(value)


@pytest.mark.parametrize(("renderer", "overlay"), RENDERS)
def test_config_map_references_resolve(renderer, overlay):
    objects = render(renderer, overlay)
    config_maps = {o["metadata"]["name"] for o in objects if o["kind"] == "ConfigMap"}
    for workload in (o for o in objects if o["kind"] in ("Deployment", "StatefulSet")):
        spec = pod_spec(workload)
        names = [v["configMap"]["name"] for v in spec.get("volumes", []) if "configMap" in v]
        for container in spec["containers"]:
            names += [s["configMapRef"]["name"] for s in container.get("envFrom", []) if "configMapRef" in s]
        for name in names:
            assert name in config_maps, f"{workload['metadata']['name']} uses ConfigMap {name}, which is not rendered"


@pytest.mark.parametrize(("renderer", "overlay"), RENDERS)
@pytest.mark.parametrize("service", SERVICES)
def test_each_service_has_a_service_on_port_80(renderer, overlay, service):
    objects = render(renderer, overlay)
    svc = find(objects, "Service", service)
    deployment = find(objects, "Deployment", service)
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert svc["spec"]["selector"].items() <= labels.items(), "the Service selects the Deployment's pods"
    assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()
    ports = svc["spec"]["ports"]
    assert [p["port"] for p in ports] == [80]
    assert resolve_port(service_container(objects, service), ports[0].get("targetPort", 80)) == CONTAINER_PORT


@pytest.mark.parametrize(("renderer", "overlay"), RENDERS)
def test_kafka_is_a_single_kraft_statefulset_keeping_events_forever(renderer, overlay, local_kafka_version):
    objects = render(renderer, overlay)
    kafka = find(objects, "StatefulSet", "kafka")
    container = container_named(kafka, "kafka")
    # The same broker version as the local stack the tests run against.
    assert container["image"] == f"apache/kafka:{local_kafka_version}"
    assert kafka["spec"].get("replicas", 1) == 1

    claims = {c["metadata"]["name"] for c in kafka["spec"].get("volumeClaimTemplates", [])}
    assert claims, "Kafka keeps its log on a persistent volume"
    mounts = {m["name"]: m["mountPath"] for m in container.get("volumeMounts", [])}
    assert claims <= set(mounts)
    env = {e["name"]: e.get("value") for e in container["env"]}
    assert any(env["KAFKA_LOG_DIRS"].startswith(mounts[c]) for c in claims), "log dirs on the volume"
    assert env["CLUSTER_ID"]
    assert set(env["KAFKA_PROCESS_ROLES"].split(",")) == {"broker", "controller"}
    assert env["KAFKA_CONTROLLER_QUORUM_VOTERS"].startswith(f"{env['KAFKA_NODE_ID']}@")
    assert env["KAFKA_LOG_RETENTION_MS"] == "-1"
    assert env["KAFKA_LOG_RETENTION_BYTES"] == "-1"
    assert env["KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS"] == "0"
    for key in ("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"):
        assert env[key] == "1", key
    # The image makes a broker setting of every KAFKA_* variable: no service links.
    assert pod_spec(kafka).get("enableServiceLinks") is False
    assert "readinessProbe" in container and "livenessProbe" in container

    headless = find(objects, "Service", kafka["spec"]["serviceName"])
    assert headless["spec"].get("clusterIP") == "None"
    advertised = env["KAFKA_ADVERTISED_LISTENERS"]
    assert f"kafka-0.{headless['metadata']['name']}:" in advertised, "advertises the pod's stable name"


@pytest.mark.parametrize(("renderer", "overlay"), RENDERS)
def test_postgres_is_a_statefulset_with_postgis_pgrouting_and_the_initdb_script(renderer, overlay):
    objects = render(renderer, overlay)
    postgres = find(objects, "StatefulSet", "postgres")
    container = container_named(postgres, "postgres")
    assert container["image"].startswith("pgrouting/pgrouting:15-")
    find(objects, "Service", postgres["spec"]["serviceName"])

    claims = {c["metadata"]["name"] for c in postgres["spec"].get("volumeClaimTemplates", [])}
    assert claims
    mounts = {m["mountPath"]: m["name"] for m in container.get("volumeMounts", [])}
    env = {e["name"]: e for e in container["env"]}
    data_mount = next(path for path, name in mounts.items() if name in claims)
    assert env["PGDATA"]["value"].startswith(data_mount + "/"), "PGDATA is a folder inside the volume"
    assert "secretKeyRef" in env["POSTGRES_PASSWORD"]["valueFrom"]
    for probe in ("readinessProbe", "livenessProbe"):
        assert "pg_isready" in container[probe]["exec"]["command"]

    volume_name = mounts["/docker-entrypoint-initdb.d"]
    volume = next(v for v in pod_spec(postgres)["volumes"] if v["name"] == volume_name)
    config_map = find(objects, "ConfigMap", volume["configMap"]["name"])
    compose_sql = ROOT / "deploy" / "compose" / "initdb" / "01-databases.sql"
    assert config_map["data"] == {compose_sql.name: compose_sql.read_text(encoding="utf-8")}, (
        "the k8s initdb script is the compose one"
    )


def test_prod_has_a_disruption_budget_for_each_service():
    for renderer in ("lite", "kubectl"):
        if renderer == "kubectl" and not KUBECTL:
            continue
        objects = render(renderer, "prod")
        budgets = [o for o in objects if o["kind"] == "PodDisruptionBudget"]
        for service in SERVICES:
            labels = find(objects, "Deployment", service)["spec"]["template"]["metadata"]["labels"]
            covering = [b for b in budgets if b["spec"]["selector"]["matchLabels"].items() <= labels.items()]
            assert len(covering) == 1, f"{renderer}: one PodDisruptionBudget covers {service}"
            assert covering[0]["spec"].get("minAvailable", 0) >= 1


# ---------------------------------------------------------------------------------- the lite renderer itself


def test_lite_strategic_merge_orders_lists_like_kustomize():
    """The order kubectl kustomize gives (checked by hand): patched items first, then the others."""
    target = {
        "containers": [
            {
                "name": "a",
                "image": "i",
                "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}],
                "args": ["x"],
            },
            {"name": "b", "image": "j"},
        ]
    }
    patch = {
        "containers": [
            {"name": "b", "image": "k"},
            {"name": "c", "image": "z"},
            {"name": "a", "env": [{"name": "Z", "value": "9"}, {"name": "B", "value": "22"}], "args": ["q"]},
        ]
    }
    assert kustomize_lite.strategic_merge(target, patch) == {
        "containers": [
            {"name": "b", "image": "k"},
            {"name": "c", "image": "z"},
            {
                "name": "a",
                "image": "i",
                "env": [{"name": "Z", "value": "9"}, {"name": "B", "value": "22"}, {"name": "A", "value": "1"}],
                "args": ["q"],
            },
        ]
    }


def test_lite_hash_suffix_is_kustomizes():
    """kubectl kustomize names this generated ConfigMap ecosafe-config-4mfbdtt4th (kustomize v5.5)."""
    config_map = {
        "kind": "ConfigMap",
        "metadata": {"name": "ecosafe-config"},
        "data": {
            "ECOSAFE_CONSUMERS_ENABLED": "true",
            "ECOSAFE_KAFKA_BOOTSTRAP_SERVERS": "kafka:9092",
            "ECOSAFE_LOG_LEVEL": "INFO",
            "ECOSAFE_RELAY_ENABLED": "true",
        },
    }
    assert kustomize_lite.name_hash(config_map) == "4mfbdtt4th"


def test_lite_refuses_features_it_does_not_handle(tmp_path):
    (tmp_path / "kustomization.yaml").write_text("resources: []\ncommonLabels: {a: b}\n", encoding="utf-8")
    with pytest.raises(NotImplementedError, match="commonLabels"):
        kustomize_lite.build(tmp_path)


@pytest.mark.parametrize(("renderer", "overlay"), RENDERS)
def test_the_device_simulator_is_off_in_every_overlay(renderer, overlay):
    """In production it would confirm valve and gate commands that no device executed."""
    objects = render(renderer, overlay)
    env = container_env(objects, service_container(objects, "risk-map"))
    assert env["ECOSAFE_DEVICE_SIMULATOR_ENABLED"] == "false"


@pytest.mark.parametrize(("renderer", "overlay"), RENDERS)
def test_the_hazard_service_reads_its_reporter_contact_key_from_the_secret(renderer, overlay):
    """As the JWT secret: from ecosafe-secrets (created outside git in prod, a dev-only 32-byte key in dev)."""
    objects = render(renderer, overlay)
    for service in SERVICES:
        env = container_env(objects, service_container(objects, service))
        if service != "hazard":
            assert "ECOSAFE_REPORTER_CONTACT_KEY" not in env, service
    ref = container_env(objects, service_container(objects, "hazard"))["ECOSAFE_REPORTER_CONTACT_KEY"]
    assert ref["secretKeyRef"]["key"] == "reporter-contact-key"
    assert ref["secretKeyRef"].get("optional") is not True, "a pod without the key would refuse reporters' contacts"
    generated = find_generated(objects, "Secret", SECRET_NAME)
    if overlay == "dev":
        key = base64.b64decode(generated["data"]["reporter-contact-key"]).decode()
        assert len(base64.urlsafe_b64decode(key)) == 32


@pytest.mark.parametrize(("renderer", "overlay"), RENDERS)
@pytest.mark.parametrize(("service", "pinned"), OWN_SETTINGS.items())
def test_own_settings_have_their_pinned_values(renderer, overlay, service, pinned):
    """The risk-map's simulator is off; notify's mail server and SMS gateway are unset until an overlay sets them."""
    env = container_env(render(renderer, overlay), service_container(render(renderer, overlay), service))
    assert {key: env[key] for key in pinned} == pinned
    for name, key in OWN_SECRETS.get(service, {}).items():
        assert env[name]["secretKeyRef"]["key"] == key


@pytest.mark.parametrize(("renderer", "overlay"), RENDERS)
def test_the_ingress_brings_every_path_to_the_gateway_which_runs_the_gateway_image(renderer, overlay):
    objects = render(renderer, overlay)
    ingress = find(objects, "Ingress", "ecosafe")
    [rule] = ingress["spec"]["rules"]
    assert [(p["path"], p["pathType"], p["backend"]["service"]["name"]) for p in rule["http"]["paths"]] == [
        ("/", "Prefix", "gateway")]
    service = find(objects, "Service", "gateway")
    assert service["spec"]["ports"][0]["port"] == 80
    deployment = find(objects, "Deployment", "gateway")
    [container] = deployment["spec"]["template"]["spec"]["containers"]
    assert container["image"].startswith("ecosafe/gateway:")
    assert container["ports"][0]["containerPort"] == 8080
    env = {item["name"]: item["value"] for item in container["env"]}
    assert env["ECOSAFE_DEMO_SIGNIN_ENABLED"] == "false"
