"""Generates the Python event classes under libs/events/src/ecosafe from the .proto files in proto/ (make proto)."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from importlib import resources
from pathlib import Path

PROTO_ROOT = Path(__file__).resolve().parent
REPO_ROOT = PROTO_ROOT.parent
DEFAULT_OUT = REPO_ROOT / "libs" / "events" / "src"
PACKAGE = "ecosafe"

# Files under <out>/ecosafe that are written by hand and that the generator keeps as they are.
HAND_WRITTEN = frozenset({"ecosafe/registry.py"})

# Names the generator writes; anything else found under <out>/ecosafe stops it (see _sync).
_GENERATED_SUFFIXES = ("_pb2.py", "_pb2.pyi")
_INIT = "__init__.py"


def proto_files() -> list[str]:
    """The .proto files of the contract, as paths relative to proto/ (their protoc import names), sorted."""
    return sorted(p.relative_to(PROTO_ROOT).as_posix() for p in (PROTO_ROOT / PACKAGE).rglob("*.proto"))


def well_known_include() -> str:
    """The include folder grpc_tools ships with the well-known types (google/protobuf/timestamp.proto …)."""
    return str(resources.files("grpc_tools") / "_proto")


def run_protoc(args: list[str]) -> None:
    """Runs grpc_tools' bundled protoc on every contract file with the given output arguments."""
    from grpc_tools import protoc

    files = proto_files()
    if not files:
        raise SystemExit(f"no .proto files under {PROTO_ROOT / PACKAGE}")
    command = ["grpc_tools.protoc", f"--proto_path={PROTO_ROOT}", f"--proto_path={well_known_include()}"]
    status = protoc.main([*command, *args, *files])
    if status != 0:
        raise SystemExit(f"protoc failed with status {status}")


def write_descriptor_set(path: Path) -> None:
    """Writes a FileDescriptorSet of the contract with imports and source info (comments) to path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    run_protoc(["--include_imports", "--include_source_info", f"--descriptor_set_out={path}"])


def _init_text(package: str) -> str:
    if package == PACKAGE:
        return (
            '"""EcoSafe event contract: Python classes generated from proto/ by proto/generate.py; '
            'do not edit, run make proto."""\n'
        )
    return f'"""Generated package {package} (from proto/{package.replace(".", "/")}); do not edit, run make proto."""\n'


def _render(workdir: Path) -> dict[str, bytes]:
    """Runs protoc into workdir and returns every generated file, __init__.py files included, by relative path."""
    run_protoc([f"--python_out={workdir}", f"--pyi_out={workdir}"])
    files = {p.relative_to(workdir).as_posix(): p.read_bytes() for p in workdir.rglob("*") if p.is_file()}
    packages = {PACKAGE}
    for name in files:
        parts = name.split("/")[:-1]
        packages.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    for package in packages:
        files[f"{package.replace('.', '/')}/{_INIT}"] = _init_text(package).encode()
    return files


def _is_generated_name(name: str) -> bool:
    return name.endswith(_GENERATED_SUFFIXES) or name.rsplit("/", 1)[-1] == _INIT


def existing_files(out: Path) -> dict[str, Path]:
    """Files now under <out>/ecosafe (caches and hand-written files left out), by path relative to out."""
    root = out / PACKAGE
    if not root.is_dir():
        return {}
    found = {}
    for path in root.rglob("*"):
        if not path.is_file() or "__pycache__" in path.parts or path.suffix == ".pyc":
            continue
        name = path.relative_to(out).as_posix()
        if name not in HAND_WRITTEN:
            found[name] = path
    return found


def generate(out: Path = DEFAULT_OUT) -> list[str]:
    """Regenerates <out>/ecosafe; returns the relative paths written or deleted (empty when already current)."""
    out = out.resolve()
    with tempfile.TemporaryDirectory(prefix="ecosafe-proto-") as tmp:
        rendered = _render(Path(tmp))
    return _sync(rendered, out)


def _sync(rendered: dict[str, bytes], out: Path) -> list[str]:
    current = existing_files(out)
    unknown = sorted(name for name in current if name not in rendered and not _is_generated_name(name))
    if unknown:
        raise SystemExit(
            f"{out / PACKAGE} holds files that are neither generated nor listed in HAND_WRITTEN "
            f"(proto/generate.py): {', '.join(unknown)}; move them out of the generated package"
        )
    changed = []
    for name in sorted(set(current) - set(rendered)):
        current[name].unlink()
        changed.append(name)
    for name, content in sorted(rendered.items()):
        target = out / name
        if target.is_file() and target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        changed.append(name)
    _remove_empty_dirs(out / PACKAGE)
    return changed


def _remove_empty_dirs(root: Path) -> None:
    for folder in sorted((p for p in root.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if folder.name == "__pycache__" and not (folder.parent / _INIT).exists():
            shutil.rmtree(folder)
        elif not any(folder.iterdir()):
            folder.rmdir()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help=f"source root that receives the {PACKAGE}/ package (default: libs/events/src)",
    )
    parser.add_argument(
        "--descriptor-set",
        type=Path,
        metavar="FILE",
        help="also write a FileDescriptorSet with imports and comments to FILE",
    )
    args = parser.parse_args(argv)
    changed = generate(args.out)
    for name in changed:
        print(f"updated {name}")
    print(f"{len(proto_files())} proto files, {len(changed)} generated files changed under {args.out.resolve()}")
    if args.descriptor_set:
        write_descriptor_set(args.descriptor_set)
        print(f"wrote {args.descriptor_set}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
