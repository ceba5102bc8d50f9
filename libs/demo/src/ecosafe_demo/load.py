"""CLI `ecosafe-demo-load`: publish the demo district to Kafka (idempotent: event ids are stable)."""

from __future__ import annotations

import argparse

from ecosafe_demo.enterprises import demo_register, publish_register
from ecosafe_demo.risk_map import load_risk_map, wait_until_ready
from ecosafe_kit.settings import ServiceSettings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="加载演示数据(晋城市两个县(市)的企业名录)")
    parser.add_argument("--bootstrap", help="defaults to ECOSAFE_KAFKA_BOOTSTRAP_SERVERS")
    parser.add_argument("--risk-map-url", default="http://127.0.0.1:8003", help="风险一张图服务地址")
    parser.add_argument("--skip-risk-map", action="store_true", help="不加载风险一张图演示数据")
    args = parser.parse_args(argv)
    bootstrap = args.bootstrap or ServiceSettings().kafka_bootstrap_servers
    register = demo_register()
    count = publish_register(bootstrap, register["enterprises"])
    print(f"企业名录: 已发布 {count} 家企业的 EnterpriseRegistered 事件")
    if not args.skip_risk_map:
        settings = ServiceSettings()
        wait_until_ready(args.risk_map_url)
        counts = load_risk_map(args.risk_map_url, settings.jwt_secret.get_secret_value())
        print(f"风险一张图: 新登记 {counts['created']} 项, 已存在 {counts['existing']} 项")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
