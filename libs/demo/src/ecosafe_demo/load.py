"""CLI `ecosafe-demo-load`: publish the demo district to Kafka (idempotent: event ids are stable)."""

from __future__ import annotations

import argparse

from ecosafe_demo.enterprises import demo_register, publish_register
from ecosafe_kit.settings import ServiceSettings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="加载演示数据(晋城市两个县(市)的企业名录)")
    parser.add_argument("--bootstrap", help="defaults to ECOSAFE_KAFKA_BOOTSTRAP_SERVERS")
    args = parser.parse_args(argv)
    bootstrap = args.bootstrap or ServiceSettings().kafka_bootstrap_servers
    register = demo_register()
    count = publish_register(bootstrap, register["enterprises"])
    print(f"企业名录: 已发布 {count} 家企业的 EnterpriseRegistered 事件")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
