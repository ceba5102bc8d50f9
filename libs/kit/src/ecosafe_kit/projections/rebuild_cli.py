"""CLI: `python -m ecosafe_kit.projections.rebuild_cli --projections pkg.module:NAME [--only name]`."""

from __future__ import annotations

import argparse
import importlib
import sys

from ecosafe_kit.db import make_engine
from ecosafe_kit.projections.projection import Projection
from ecosafe_kit.projections.rebuild import rebuild
from ecosafe_kit.settings import ServiceSettings


def _load(spec: str) -> list[Projection]:
    module_name, _, attribute = spec.partition(":")
    value = getattr(importlib.import_module(module_name), attribute or "PROJECTIONS")
    return list(value() if callable(value) else value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="从本服务的事件存储重建读模型(投影)")
    parser.add_argument("--projections", required=True, help="module:attribute naming a list of Projection")
    parser.add_argument("--only", action="append", help="rebuild only these projections (repeatable)")
    parser.add_argument("--database-url", help="defaults to ECOSAFE_DATABASE_URL")
    parser.add_argument("--service", help="defaults to ECOSAFE_SERVICE_NAME")
    args = parser.parse_args(argv)
    settings = ServiceSettings()
    engine = make_engine(args.database_url or settings.database_url)
    projections = [p for p in _load(args.projections) if not args.only or p.name in args.only]
    if not projections:
        print("没有匹配的投影", file=sys.stderr)
        return 2
    for projection in projections:
        count = rebuild(engine, projection, args.service or settings.service_name)
        print(f"{projection.name}: 已重放 {count} 个事件")
    return 0


if __name__ == "__main__":
    sys.exit(main())
