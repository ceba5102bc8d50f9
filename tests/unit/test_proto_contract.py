"""The event contract in proto/ is well formed and libs/events holds its current generated Python."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from google.protobuf.descriptor import FieldDescriptor

import ecosafe
from ecosafe import registry
from ecosafe.common.v1 import common_pb2
from ecosafe.enforcement.v1 import enterprise_pb2, finding_pb2

REPO_ROOT = Path(__file__).resolve().parents[2]
GENERATE = REPO_ROOT / "proto" / "generate.py"
COMMITTED_OUT = REPO_ROOT / "libs" / "events" / "src"

# FileDescriptorProto / DescriptorProto field numbers used in SourceCodeInfo location paths.
_FILE_MESSAGE_TYPE, _FILE_ENUM_TYPE = 4, 5
_MESSAGE_NESTED_TYPE, _MESSAGE_ENUM_TYPE = 3, 4

_PACKAGE_RULE = re.compile(r"^ecosafe\.([a-z][a-z0-9_]*)\.v([1-9][0-9]*)$")


def _load_generator():
    spec = importlib.util.spec_from_file_location("ecosafe_proto_generate", GENERATE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generator = _load_generator()


def _discover_generated_modules():
    """Imports every *_pb2 module of the installed ecosafe package; failures are kept to be reported by a test."""
    modules, failures = [], []
    for info in pkgutil.walk_packages(ecosafe.__path__, prefix="ecosafe."):
        if not info.name.endswith("_pb2"):
            continue
        try:
            module = importlib.import_module(info.name)
        except Exception as error:  # reported by test_generated_modules_cover_every_proto_file
            failures.append(f"{info.name}: {error!r}")
            continue
        if hasattr(module, "DESCRIPTOR"):
            modules.append(module)
        else:
            failures.append(f"{info.name}: not protoc output (no DESCRIPTOR)")
    return modules, failures


# Discovered at collection, so new .proto files are covered without editing this file.
GENERATED_MODULES, IMPORT_FAILURES = _discover_generated_modules()
GENERATED_MESSAGES = sorted(
    message.full_name for module in GENERATED_MODULES for message in module.DESCRIPTOR.message_types_by_name.values()
)


@pytest.fixture(scope="module")
def contract_files(tmp_path_factory) -> list[descriptor_pb2.FileDescriptorProto]:
    """The contract's own .proto files, parsed by protoc with their comments (well-known imports left out)."""
    path = tmp_path_factory.mktemp("descriptors") / "contract.binpb"
    generator.write_descriptor_set(path)
    descriptor_set = descriptor_pb2.FileDescriptorSet.FromString(path.read_bytes())
    own = set(generator.proto_files())
    files = [f for f in descriptor_set.file if f.name in own]
    assert sorted(f.name for f in files) == sorted(own)
    return files


def _top_level_messages(files) -> list[str]:
    return sorted(f"{f.package}.{m.name}" for f in files for m in f.message_type)


def _event_type_names(files) -> list[str]:
    return sorted(
        f"{f.package}.{m.name}" for f in files if not f.package.startswith("ecosafe.common.") for m in f.message_type
    )


# (a) generated code is not stale


def test_committed_generated_code_matches_a_fresh_generation(tmp_path):
    result = subprocess.run(
        [sys.executable, str(GENERATE), "--out", str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"proto/generate.py failed:\n{result.stdout}\n{result.stderr}"

    fresh = generator.existing_files(tmp_path)
    committed = generator.existing_files(COMMITTED_OUT)
    assert fresh, "the generator wrote nothing"
    stale = sorted(
        [f"{name} (missing)" for name in fresh.keys() - committed.keys()]
        + [f"{name} (not generated any more)" for name in committed.keys() - fresh.keys()]
        + [
            f"{name} (differs)"
            for name in fresh.keys() & committed.keys()
            if fresh[name].read_bytes() != committed[name].read_bytes()
        ]
    )
    assert not stale, "generated code under libs/events/src is stale, run make proto:\n  " + "\n  ".join(stale)


def test_generator_keeps_the_hand_written_registry(tmp_path):
    generator.generate(tmp_path)
    registry_copy = tmp_path / "ecosafe" / "registry.py"
    registry_copy.write_text('"""Stand-in for the hand-written registry."""\n')

    generator.generate(tmp_path)

    assert registry_copy.read_text() == '"""Stand-in for the hand-written registry."""\n'
    assert generator.HAND_WRITTEN == {"ecosafe/registry.py"}
    assert (COMMITTED_OUT / "ecosafe" / "registry.py").is_file()


# (b) every message survives serialize / parse


def _fill(message, depth: int = 0) -> None:
    """Sets every field of message (recursively) to a non-default value; repeated fields get two elements."""
    for field in message.DESCRIPTOR.fields:
        oneof = field.containing_oneof
        if oneof is not None and (len(oneof.fields) > 1 or oneof.name != f"_{field.name}"):
            raise NotImplementedError("oneof fields: extend _fill and the field count below")
        if field.message_type is not None:
            if field.message_type.GetOptions().map_entry:
                raise NotImplementedError("map fields: extend _fill")
            if field.is_repeated:
                for _ in range(2):
                    _fill(getattr(message, field.name).add(), depth + 1)
            else:
                _fill(getattr(message, field.name), depth + 1)
            continue
        value = _sample(field, depth)
        if field.is_repeated:
            getattr(message, field.name).extend([value, value])
        else:
            setattr(message, field.name, value)


def _sample(field: FieldDescriptor, depth: int):
    if field.enum_type is not None:
        return field.enum_type.values[-1].number
    samples = {
        FieldDescriptor.CPPTYPE_STRING: f"样例-{field.name}-{depth}" if field.type == FieldDescriptor.TYPE_STRING
        else b"\x00\xffbytes",
        FieldDescriptor.CPPTYPE_BOOL: True,
        FieldDescriptor.CPPTYPE_DOUBLE: 112.83,
        FieldDescriptor.CPPTYPE_FLOAT: 35.5,
        FieldDescriptor.CPPTYPE_INT32: -7,
        FieldDescriptor.CPPTYPE_INT64: -(2**40),
        FieldDescriptor.CPPTYPE_UINT32: 7,
        FieldDescriptor.CPPTYPE_UINT64: 2**40,
    }
    return samples[field.cpp_type]


def test_generated_modules_cover_every_proto_file(contract_files):
    assert not IMPORT_FAILURES, "generated modules that fail to import, run make proto:\n  " + "\n  ".join(
        IMPORT_FAILURES
    )
    assert sorted(m.DESCRIPTOR.name for m in GENERATED_MODULES) == sorted(f.name for f in contract_files)
    assert GENERATED_MESSAGES == _top_level_messages(contract_files)


@pytest.mark.parametrize("full_name", GENERATED_MESSAGES)
def test_every_field_of_a_message_survives_a_round_trip(full_name):
    cls = message_factory.GetMessageClass(descriptor_pool.Default().FindMessageTypeByName(full_name))
    original = cls()
    _fill(original)

    parsed = cls.FromString(original.SerializeToString())

    assert parsed == original
    assert len(parsed.ListFields()) == len(cls.DESCRIPTOR.fields)


def test_an_enterprise_registration_round_trips_with_chinese_text_and_absent_optionals():
    event = enterprise_pb2.EnterpriseRegistered(
        enterprise_id="0b7e3f0c-6a0e-4d3a-9d0e-5f3a2c1b9e41",
        name="晋城某某化工有限公司",
        credit_code="91140525MA0K000000",
        industry="C2614",
        risk_level=enterprise_pb2.RISK_LEVEL_ELEVATED,
        principal_name="张三",
        principal_phone="13800000000",
        jurisdiction_code="140525",
        address="山西省晋城市泽州县某某工业园区1号",
        location=common_pb2.GeoPoint(lon=112.83, lat=35.5),
    )

    parsed = enterprise_pb2.EnterpriseRegistered.FromString(event.SerializeToString())

    assert parsed == event
    assert parsed.name == "晋城某某化工有限公司"
    assert not parsed.HasField("parent_enterprise_id")
    assert not parsed.HasField("park_id")


def test_a_finding_round_trips_with_its_timestamp_and_attachments():
    found_at = datetime(2025, 3, 7, 2, 30, tzinfo=timezone.utc)
    event = finding_pb2.FindingRecorded(
        finding_id="5d1c9a4e-2b7f-4c1e-8a3d-6e2f1b0c9d87",
        inspection_id="8f2e6b1a-3c4d-4e5f-9a0b-1c2d3e4f5a6b",
        enterprise_id="0b7e3f0c-6a0e-4d3a-9d0e-5f3a2c1b9e41",
        campaign_id="c3a1b2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
        domain="hazardous_waste",
        description="危险废物贮存库未设置防渗漏措施",
        suggested_grade=common_pb2.HAZARD_GRADE_MAJOR,
        grade_basis="苏环办〔2022〕248号",
        inspector_ids=["a1a1a1a1-0000-4000-8000-000000000001", "a1a1a1a1-0000-4000-8000-000000000002"],
        attachments=[
            common_pb2.Attachment(
                uri="s3://ecosafe-evidence/2025/03/07/photo-1.jpg",
                name="危废仓库现场照片.jpg",
                media_type="image/jpeg",
                sha256="0" * 64,
            )
        ],
    )
    event.found_at.FromDatetime(found_at)

    parsed = finding_pb2.FindingRecorded.FromString(event.SerializeToString())

    assert parsed == event
    assert parsed.found_at.ToDatetime(tzinfo=timezone.utc) == found_at
    assert parsed.suggested_grade == common_pb2.HAZARD_GRADE_MAJOR


def test_enterprise_updated_carries_every_field_of_enterprise_registered_under_the_same_number():
    registered = enterprise_pb2.EnterpriseRegistered.DESCRIPTOR
    updated = enterprise_pb2.EnterpriseUpdated.DESCRIPTOR
    for field in registered.fields:
        twin = updated.fields_by_name.get(field.name)
        assert twin is not None, f"EnterpriseUpdated lacks {field.name}"
        assert (twin.number, twin.type, twin.has_presence) == (field.number, field.type, field.has_presence), field.name
    extra = {f.name for f in updated.fields} - {f.name for f in registered.fields}
    assert extra == {"changed_fields"}


# (c) the registry resolves every event type


def test_registry_resolves_every_event_type_by_its_full_name(contract_files):
    names = _event_type_names(contract_files)
    assert "ecosafe.enforcement.v1.EnterpriseRegistered" in names

    for name in names:
        cls = registry.message_class(name)
        assert cls.DESCRIPTOR.full_name == name
        assert registry.type_name(cls()) == name
    assert registry.event_type_names() == names


def test_registry_returns_the_generated_class_itself():
    assert registry.message_class("ecosafe.enforcement.v1.FindingRecorded") is finding_pb2.FindingRecorded
    assert registry.type_name(enterprise_pb2.EnterpriseUpdated()) == "ecosafe.enforcement.v1.EnterpriseUpdated"


@pytest.mark.parametrize(
    "name",
    [
        "ecosafe.enforcement.v1.NoSuchEvent",
        "ecosafe.common.v1.GeoPoint",
        "google.protobuf.Timestamp",
        "ecosafe.enforcement.v1.RiskLevel",
        "",
    ],
)
def test_registry_rejects_names_that_are_not_event_types(name):
    with pytest.raises(KeyError):
        registry.message_class(name)


# (d) comments, enum zero values, package names


def _commented_paths(file: descriptor_pb2.FileDescriptorProto) -> set[tuple[int, ...]]:
    return {tuple(loc.path) for loc in file.source_code_info.location if loc.leading_comments.strip()}


def _messages_and_enums(file: descriptor_pb2.FileDescriptorProto):
    """Yields (full name, kind, source path, descriptor) for every message and enum, nested ones included."""

    def walk(messages, prefix: str, path: tuple[int, ...]):
        for i, message in enumerate(messages):
            name, here = f"{prefix}.{message.name}", (*path, i)
            yield name, "message", here, message
            for j, enum in enumerate(message.enum_type):
                yield f"{name}.{enum.name}", "enum", (*here, _MESSAGE_ENUM_TYPE, j), enum
            yield from walk(message.nested_type, name, (*here, _MESSAGE_NESTED_TYPE))

    for i, enum in enumerate(file.enum_type):
        yield f"{file.package}.{enum.name}", "enum", (_FILE_ENUM_TYPE, i), enum
    yield from walk(file.message_type, file.package, (_FILE_MESSAGE_TYPE,))


def test_every_message_and_enum_has_a_leading_comment(contract_files):
    missing = [
        f"{file.name}: {kind} {name}"
        for file in contract_files
        for name, kind, path, _ in _messages_and_enums(file)
        if path not in _commented_paths(file)
    ]
    assert not missing, "add a leading comment (Chinese term + meaning) to:\n  " + "\n  ".join(missing)


def test_every_enum_starts_with_its_unspecified_zero_value(contract_files):
    wrong = []
    for file in contract_files:
        for name, kind, _, enum in _messages_and_enums(file):
            if kind != "enum":
                continue
            prefix = re.sub(r"(?<!^)(?=[A-Z])", "_", enum.name).upper()
            first = enum.value[0]
            if (first.name, first.number) != (f"{prefix}_UNSPECIFIED", 0):
                wrong.append(f"{name}: first value is {first.name} = {first.number}, want {prefix}_UNSPECIFIED = 0")
            wrong += [
                f"{name}.{value.name}: values are prefixed {prefix}_"
                for value in enum.value
                if not value.name.startswith(f"{prefix}_")
            ]
    assert not wrong, "\n".join(wrong)


def test_every_file_is_proto3_in_a_versioned_package_matching_its_path(contract_files):
    for file in contract_files:
        assert file.syntax == "proto3", file.name
        match = _PACKAGE_RULE.match(file.package)
        assert match, f"{file.name}: package {file.package} is not ecosafe.<service>.v<N>"
        assert file.name.startswith(file.package.replace(".", "/") + "/"), f"{file.name} is not under its package path"
