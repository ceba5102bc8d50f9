"""CLI `ecosafe-enforcement-reports`: reconcile a dispatch table with the events, or rebuild the reports' read model
from them (settings from ECOSAFE_* as the service reads them)."""

from __future__ import annotations

import argparse
import json
import sys

from ecosafe_kit.auth.principal import Principal, Role
from ecosafe_kit.db import make_engine
from enforcement.reports.dispatch import DispatchReports, Request
from enforcement.reports.reconcile import Reconciliation
from enforcement.settings import Settings

ADMIN = Principal(subject="system:reports-cli", name="报表对账命令", roles=frozenset({Role.admin}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="调度表对账与报表读模型重建")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("reconcile", help="从事件重新统计调度表并与读模型比对; 不一致时退出码为 1")
    check.add_argument("--campaign", required=True)
    check.add_argument("--month", required=True, help="YYYY-MM")
    check.add_argument("--unit", required=True, help="填报单位的行政区划代码")
    check.add_argument("--scope", choices=["unit", "area"], default="unit")
    commands.add_parser("rebuild", help="清空报表读模型并从事件存储与隐患主题重放")
    args = parser.parse_args(argv)
    settings = Settings()
    engine = make_engine(settings.database_url)
    try:
        reconciliation = Reconciliation(engine, DispatchReports(engine), settings.kafka_bootstrap_servers,
                                        settings.hazard_topic)
        if args.command == "rebuild":
            print(f"报表读模型已重建: {reconciliation.rebuild()} 条事实")
            return 0
        result = reconciliation.dispatch(ADMIN, Request(args.campaign, args.month, args.unit, args.scope))
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0 if result["equal"] else 1
    finally:
        engine.dispose()


if __name__ == "__main__":
    sys.exit(main())
