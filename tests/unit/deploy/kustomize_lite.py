"""A small pure-Python kustomize for the deploy tests: renders deploy/k8s overlays without kubectl.

It handles only the kustomization features deploy/k8s uses, the way `kubectl kustomize` (kustomize v5) does:
`resources` (files and directories), `namespace`, `configMapGenerator` / `secretGenerator` (literals, files,
envs; behavior create/merge/replace; generated names get kustomize's content-hash suffix and every reference
to them is rewritten), `patches` (strategic merge, from a file or inline, with or without a target by kind,
name and label selector), `replicas` and `images`. Any other field or patch form raises NotImplementedError,
so an overlay that starts using a feature this renderer does not know fails loudly instead of rendering wrong.
When kubectl is on PATH the tests check that both renderers give the same objects.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import yaml

KUSTOMIZATION_FILES = ("kustomization.yaml", "kustomization.yml", "Kustomization")
SUPPORTED_FIELDS = {
    "apiVersion",
    "kind",
    "namespace",
    "resources",
    "configMapGenerator",
    "secretGenerator",
    "generatorOptions",
    "patches",
    "replicas",
    "images",
}
SUPPORTED_GENERATOR_FIELDS = {"name", "namespace", "behavior", "literals", "files", "envs", "type", "options"}
SUPPORTED_GENERATOR_OPTIONS = {"disableNameSuffixHash"}
CLUSTER_SCOPED_KINDS = {
    "Namespace",
    "ClusterRole",
    "ClusterRoleBinding",
    "CustomResourceDefinition",
    "PersistentVolume",
    "StorageClass",
    "PriorityClass",
    "IngressClass",
    "ValidatingWebhookConfiguration",
    "MutatingWebhookConfiguration",
}
WORKLOAD_KINDS_WITH_REPLICAS = {"Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"}
# Marks a generated object whose name still needs its hash suffix; removed when the build finishes.
_NEEDS_HASH = "kustomize-lite.internal/needs-hash"


class KustomizeLiteError(ValueError):
    """The kustomization is wrong in a way kustomize itself would also reject."""


def build(directory: str | Path) -> list[dict[str, Any]]:
    """Render the kustomization in `directory` into a list of Kubernetes objects (dicts)."""
    objects = _build(Path(directory))
    return _finish(objects)


# ----------------------------------------------------------------------------------------------- building


def _load_kustomization(directory: Path) -> dict[str, Any]:
    for name in KUSTOMIZATION_FILES:
        path = directory / name
        if path.is_file():
            kustomization = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            unknown = set(kustomization) - SUPPORTED_FIELDS
            if unknown:
                raise NotImplementedError(
                    f"{path}: kustomize_lite does not handle {sorted(unknown)}; "
                    "extend tests/unit/deploy/kustomize_lite.py or keep to the features it handles"
                )
            return kustomization
    raise KustomizeLiteError(f"no kustomization file in {directory}")


def _load_documents(path: Path) -> list[dict[str, Any]]:
    documents = [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc is not None]
    for doc in documents:
        if not isinstance(doc, dict) or "kind" not in doc or "metadata" not in doc:
            raise KustomizeLiteError(f"{path}: not a Kubernetes object: {doc!r}")
    return documents


def _build(directory: Path) -> list[dict[str, Any]]:
    kustomization = _load_kustomization(directory)
    objects: list[dict[str, Any]] = []
    for entry in kustomization.get("resources", []):
        path = (directory / entry).resolve()
        if path.is_dir():
            objects.extend(_build(path))
        elif path.is_file():
            objects.extend(_load_documents(path))
        else:
            raise KustomizeLiteError(f"{directory}: resource {entry!r} not found")
    _check_unique(objects)

    options = kustomization.get("generatorOptions", {}) or {}
    _check_options(options, directory)
    namespace = kustomization.get("namespace")
    for kind, key in (("ConfigMap", "configMapGenerator"), ("Secret", "secretGenerator")):
        for generator in kustomization.get(key, []) or []:
            _generate(objects, kind, generator, options, namespace, directory)

    for patch in kustomization.get("patches", []) or []:
        _apply_patch(objects, patch, directory)
    if namespace:
        for obj in objects:
            if obj["kind"] not in CLUSTER_SCOPED_KINDS:
                obj["metadata"]["namespace"] = namespace
    for replica in kustomization.get("replicas", []) or []:
        _apply_replicas(objects, replica)
    for image in kustomization.get("images", []) or []:
        _apply_image(objects, image)
    _check_unique(objects)
    return objects


def _check_unique(objects: list[dict[str, Any]]) -> None:
    seen = set()
    for obj in objects:
        key = _id(obj)
        if key in seen:
            raise KustomizeLiteError(f"may not add resource with an already registered id: {key}")
        seen.add(key)


def _id(obj: dict[str, Any]) -> tuple[str, str, str]:
    meta = obj["metadata"]
    return obj["kind"], meta.get("namespace", ""), meta["name"]


# --------------------------------------------------------------------------------------------- generators


def _check_options(options: dict[str, Any], where: Path) -> None:
    unknown = set(options) - SUPPORTED_GENERATOR_OPTIONS
    if unknown:
        raise NotImplementedError(f"{where}: kustomize_lite does not handle generator options {sorted(unknown)}")


def _parse_env_file(path: Path) -> dict[str, str]:
    data = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        if not sep:
            raise KustomizeLiteError(f"{path}: line without '=': {line!r}")
        data[key.strip()] = value
    return data


def _generator_data(generator: dict[str, Any], directory: Path) -> dict[str, str]:
    data: dict[str, str] = {}
    for env in generator.get("envs", []) or []:
        data.update(_parse_env_file(directory / env))
    for literal in generator.get("literals", []) or []:
        key, sep, value = literal.partition("=")
        if not sep:
            raise KustomizeLiteError(f"literal {literal!r} has no '='")
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        data[key] = value
    for entry in generator.get("files", []) or []:
        key, sep, path = entry.partition("=")
        if not sep:
            key, path = Path(entry).name, entry
        file = (directory / path).resolve()
        if not file.is_relative_to(directory.resolve()):
            # kustomize's default load restrictor (LoadRestrictionsRootOnly) refuses this too.
            raise KustomizeLiteError(f"{directory}: file {path!r} is outside the kustomization root")
        data[key] = file.read_text(encoding="utf-8")
    return data


def _generate(
    objects: list[dict[str, Any]],
    kind: str,
    generator: dict[str, Any],
    options: dict[str, Any],
    namespace: str | None,
    directory: Path,
) -> None:
    unknown = set(generator) - SUPPORTED_GENERATOR_FIELDS
    if unknown:
        raise NotImplementedError(f"{directory}: kustomize_lite does not handle generator fields {sorted(unknown)}")
    own_options = generator.get("options", {}) or {}
    _check_options(own_options, directory)
    name = generator["name"]
    behavior = generator.get("behavior", "create")
    data = _generator_data(generator, directory)
    if kind == "Secret":
        data = {key: base64.b64encode(value.encode("utf-8")).decode("ascii") for key, value in data.items()}
    no_hash = own_options.get("disableNameSuffixHash", options.get("disableNameSuffixHash", False))
    gen_namespace = generator.get("namespace", namespace)

    if behavior == "create":
        obj: dict[str, Any] = {"apiVersion": "v1", "kind": kind, "metadata": {"name": name}}
        if gen_namespace:
            obj["metadata"]["namespace"] = gen_namespace
        if kind == "Secret":
            obj["type"] = generator.get("type", "Opaque")
        obj["data"] = data
        if not no_hash:
            obj["metadata"]["annotations"] = {_NEEDS_HASH: "true"}
        objects.append(obj)
        return
    if behavior not in ("merge", "replace"):
        raise KustomizeLiteError(f"{directory}: unknown generator behavior {behavior!r}")
    matches = [
        obj
        for obj in objects
        if obj["kind"] == kind
        and obj["metadata"]["name"] == name
        and (not gen_namespace or obj["metadata"].get("namespace", gen_namespace) == gen_namespace)
    ]
    if len(matches) != 1:
        raise KustomizeLiteError(f"{directory}: {behavior} of {kind} {name!r}: found {len(matches)} to {behavior}")
    target = matches[0]
    target["data"] = {**target.get("data", {}), **data} if behavior == "merge" else data
    if no_hash:
        target["metadata"].get("annotations", {}).pop(_NEEDS_HASH, None)


# ----------------------------------------------------------------------------------- strategic merge patch

# The list merge keys of the Kubernetes API fields deploy/k8s patches (patchMergeKey in the OpenAPI spec).
_MERGE_KEYS = {
    "containers": "name",
    "initContainers": "name",
    "ephemeralContainers": "name",
    "env": "name",
    "volumes": "name",
    "volumeMounts": "mountPath",
    "volumeDevices": "devicePath",
    "imagePullSecrets": "name",
    "hostAliases": "ip",
    "topologySpreadConstraints": "topologyKey",
}


def _merge_key(field: str, items: list[Any]) -> str | None:
    if field == "ports":
        # Container ports merge on containerPort, Service ports on port.
        if all(isinstance(item, dict) and "containerPort" in item for item in items):
            return "containerPort"
        if all(isinstance(item, dict) and "port" in item for item in items):
            return "port"
        return None
    return _MERGE_KEYS.get(field)


def strategic_merge(target: Any, patch: Any, field: str = "") -> Any:
    """Merge `patch` into `target` like kustomize's strategic merge patch for the fields above."""
    if isinstance(patch, dict):
        directives = [key for key in patch if key.startswith("$")]
        if directives:
            raise NotImplementedError(f"kustomize_lite does not handle patch directives {directives}")
        if not isinstance(target, dict):
            return copy.deepcopy(patch)
        merged = dict(target)
        for key, value in patch.items():
            if value is None:
                merged.pop(key, None)
            elif key in merged:
                merged[key] = strategic_merge(merged[key], value, key)
            else:
                merged[key] = copy.deepcopy(value)
        return merged
    if isinstance(patch, list) and isinstance(target, list):
        key = _merge_key(field, patch + target)
        if key is None:
            return copy.deepcopy(patch)
        # kustomize's order: the patch's items first (merged into the matching target item), then the target's
        # other items in their order.
        by_key = {item.get(key): item for item in target}
        patched_keys = set()
        merged_list = []
        for item in patch:
            patched_keys.add(item.get(key))
            original = by_key.get(item.get(key))
            merged_list.append(strategic_merge(original, item, field) if original is not None else copy.deepcopy(item))
        merged_list.extend(copy.deepcopy(item) for item in target if item.get(key) not in patched_keys)
        return merged_list
    return copy.deepcopy(patch)


def _selector_matches(selector: str, labels: dict[str, str]) -> bool:
    for term in (part.strip() for part in selector.split(",") if part.strip()):
        if re.search(r"\s(in|notin)\s*\(", term):
            raise NotImplementedError(f"kustomize_lite does not handle set-based selectors: {term!r}")
        if "!=" in term:
            key, value = (s.strip() for s in term.split("!=", 1))
            if labels.get(key) == value:
                return False
        elif "=" in term:
            key, value = (s.strip() for s in term.replace("==", "=").split("=", 1))
            if labels.get(key) != value:
                return False
        elif term.startswith("!"):
            if term[1:] in labels:
                return False
        elif term not in labels:
            return False
    return True


def _target_matches(obj: dict[str, Any], target: dict[str, Any]) -> bool:
    unknown = set(target) - {"kind", "name", "namespace", "labelSelector", "group", "version"}
    if unknown:
        raise NotImplementedError(f"kustomize_lite does not handle patch target fields {sorted(unknown)}")
    group, _, version = obj["apiVersion"].rpartition("/")
    meta = obj["metadata"]
    checks = [
        ("kind", obj["kind"]),
        ("name", meta["name"]),
        ("namespace", meta.get("namespace", "")),
        ("group", group),
        ("version", version),
    ]
    for field, value in checks:
        if field in target and not re.fullmatch(str(target[field]), value):
            return False
    if "labelSelector" in target and not _selector_matches(target["labelSelector"], meta.get("labels", {})):
        return False
    return True


def _apply_patch(objects: list[dict[str, Any]], entry: dict[str, Any], directory: Path) -> None:
    unknown = set(entry) - {"path", "patch", "target"}
    if unknown:
        raise NotImplementedError(f"{directory}: kustomize_lite does not handle patch fields {sorted(unknown)}")
    text = (directory / entry["path"]).read_text(encoding="utf-8") if "path" in entry else entry["patch"]
    documents = [doc for doc in yaml.safe_load_all(text) if doc is not None]
    if len(documents) != 1 or not isinstance(documents[0], dict) or "kind" not in documents[0]:
        raise NotImplementedError(
            f"{directory}: kustomize_lite handles one strategic-merge patch object per entry "
            f"(not JSON 6902 patches or multi-document files): {entry}"
        )
    patch = documents[0]
    target = entry.get("target")
    if target is None:
        meta = patch.get("metadata", {})
        target = {"kind": patch["kind"], "name": re.escape(meta["name"])}
        if "namespace" in meta:
            target["namespace"] = re.escape(meta["namespace"])
    matched = False
    for index, obj in enumerate(objects):
        if _target_matches(obj, target):
            body = copy.deepcopy(patch)
            # With a target, the patch's own name and namespace do not matter: it applies to each match.
            body["metadata"] = {
                **body.get("metadata", {}),
                "name": obj["metadata"]["name"],
                **({"namespace": obj["metadata"]["namespace"]} if "namespace" in obj["metadata"] else {}),
            }
            objects[index] = strategic_merge(obj, body)
            matched = True
    if not matched:
        raise KustomizeLiteError(f"{directory}: patch {entry} matches no resource")


# ------------------------------------------------------------------------------------- replicas and images


def _apply_replicas(objects: list[dict[str, Any]], entry: dict[str, Any]) -> None:
    matched = False
    for obj in objects:
        if obj["kind"] in WORKLOAD_KINDS_WITH_REPLICAS and obj["metadata"]["name"] == entry["name"]:
            obj.setdefault("spec", {})["replicas"] = int(entry["count"])
            matched = True
    if not matched:
        raise KustomizeLiteError(f"replicas: no workload named {entry['name']!r}")


def _split_image(image: str) -> tuple[str, str, str]:
    """(name, tag, digest) of an image reference such as registry:5000/org/app:1.0@sha256:..."""
    name, _, digest = image.partition("@")
    slash = name.rfind("/")
    colon = name.rfind(":")
    tag = ""
    if colon > slash:
        name, tag = name[:colon], name[colon + 1 :]
    return name, tag, digest


def _pod_spec(obj: dict[str, Any]) -> dict[str, Any] | None:
    spec = obj.get("spec", {})
    if obj["kind"] == "Pod":
        return spec
    if obj["kind"] == "CronJob":
        return spec.get("jobTemplate", {}).get("spec", {}).get("template", {}).get("spec")
    return spec.get("template", {}).get("spec")


def pod_containers(obj: dict[str, Any]) -> list[dict[str, Any]]:
    """Every container (init, regular, ephemeral) of a workload's pod template."""
    spec = _pod_spec(obj) or {}
    return [c for key in ("initContainers", "containers", "ephemeralContainers") for c in spec.get(key, []) or []]


def _apply_image(objects: list[dict[str, Any]], entry: dict[str, Any]) -> None:
    unknown = set(entry) - {"name", "newName", "newTag", "digest"}
    if unknown:
        raise NotImplementedError(f"kustomize_lite does not handle image fields {sorted(unknown)}")
    for obj in objects:
        for container in pod_containers(obj):
            name, tag, digest = _split_image(container.get("image", ""))
            if name != entry["name"]:
                continue
            name = entry.get("newName", name)
            if "digest" in entry:
                container["image"] = f"{name}@{entry['digest']}"
            elif "newTag" in entry:
                container["image"] = f"{name}:{entry['newTag']}"
            else:
                container["image"] = name + (f":{tag}" if tag else "") + (f"@{digest}" if digest else "")


# ------------------------------------------------------------------------------- hash suffix and references


def _go_json(value: Any) -> bytes:
    """json.Marshal of Go for maps of strings: sorted keys, compact, HTML characters escaped."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    for char in ("<", ">", "&", "\u2028", "\u2029"):
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text.encode("utf-8")


def name_hash(obj: dict[str, Any]) -> str:
    """kustomize's content hash of a ConfigMap or Secret (api/hasher): 10 characters of a sha256.

    kustomize looks the name up as one field called "metadata/name", finds none and hashes "" instead, so
    the name does not count; the same is done here to give the same suffix.
    """
    if obj["kind"] == "ConfigMap":
        fields: dict[str, Any] = {"kind": "ConfigMap", "name": "", "data": obj.get("data", "")}
        if isinstance(obj.get("binaryData"), dict):
            fields["binaryData"] = obj["binaryData"]
    elif obj["kind"] == "Secret":
        fields = {
            "kind": "Secret",
            "type": obj.get("type", ""),
            "name": "",
            "data": obj.get("data", ""),
        }
        if isinstance(obj.get("stringData"), dict):
            fields["stringData"] = obj["stringData"]
    else:
        raise NotImplementedError(f"kustomize_lite hashes only ConfigMaps and Secrets, not {obj['kind']}")
    digest = hashlib.sha256(_go_json(fields)).hexdigest()[:10]
    return digest.translate(str.maketrans({"0": "g", "1": "h", "3": "k", "a": "m", "e": "t"}))


def _rename_references(obj: dict[str, Any], renames: dict[tuple[str, str, str], str]) -> None:
    spec = _pod_spec(obj)
    if spec is None:
        return
    namespace = obj["metadata"].get("namespace", "")

    def renamed(kind: str, name: str) -> str:
        return renames.get((kind, namespace, name), name)

    for container in pod_containers(obj):
        for source in container.get("envFrom", []) or []:
            if "configMapRef" in source:
                source["configMapRef"]["name"] = renamed("ConfigMap", source["configMapRef"]["name"])
            if "secretRef" in source:
                source["secretRef"]["name"] = renamed("Secret", source["secretRef"]["name"])
        for env in container.get("env", []) or []:
            ref = env.get("valueFrom", {})
            if "configMapKeyRef" in ref:
                ref["configMapKeyRef"]["name"] = renamed("ConfigMap", ref["configMapKeyRef"]["name"])
            if "secretKeyRef" in ref:
                ref["secretKeyRef"]["name"] = renamed("Secret", ref["secretKeyRef"]["name"])
    for volume in spec.get("volumes", []) or []:
        if "configMap" in volume:
            volume["configMap"]["name"] = renamed("ConfigMap", volume["configMap"]["name"])
        if "secret" in volume:
            volume["secret"]["secretName"] = renamed("Secret", volume["secret"]["secretName"])
        for source in volume.get("projected", {}).get("sources", []) or []:
            if "configMap" in source:
                source["configMap"]["name"] = renamed("ConfigMap", source["configMap"]["name"])
            if "secret" in source:
                source["secret"]["name"] = renamed("Secret", source["secret"]["name"])
    for pull_secret in spec.get("imagePullSecrets", []) or []:
        pull_secret["name"] = renamed("Secret", pull_secret["name"])


def _finish(objects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    renames: dict[tuple[str, str, str], str] = {}
    for obj in objects:
        annotations = obj["metadata"].get("annotations", {})
        if annotations.pop(_NEEDS_HASH, None):
            new_name = f"{obj['metadata']['name']}-{name_hash(obj)}"
            renames[_id(obj)] = new_name
            obj["metadata"]["name"] = new_name
        if "annotations" in obj["metadata"] and not annotations:
            del obj["metadata"]["annotations"]
    for obj in objects:
        _rename_references(obj, renames)
    return objects
