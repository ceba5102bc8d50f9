"""CLI `ecosafe-demo-load`: register the demo district through the services' APIs (idempotent)."""

from __future__ import annotations

import argparse

from ecosafe_demo.enterprises import register_through_api
from ecosafe_demo.http import wait_until_ready
from ecosafe_demo.risk_map import load_risk_map
from ecosafe_kit.settings import ServiceSettings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="加载演示数据(晋城市两个县(市)的企业名录与风险一张图)")
    parser.add_argument("--enforcement-url", default="http://127.0.0.1:8002", help="执法监管服务地址")
    parser.add_argument("--risk-map-url", default="http://127.0.0.1:8003", help="风险一张图服务地址")
    parser.add_argument("--skip-risk-map", action="store_true", help="不加载风险一张图演示数据")
    args = parser.parse_args(argv)
    secret = ServiceSettings().jwt_secret.get_secret_value()
    wait_until_ready(args.enforcement_url, "执法监管")
    counts = register_through_api(args.enforcement_url, secret)
    print(f"企业名录: 新登记 {counts['created']} 家, 已在册 {counts['existing']} 家")
    if not args.skip_risk_map:
        wait_until_ready(args.risk_map_url, "风险一张图")
        counts = load_risk_map(args.risk_map_url, secret)
        print(f"风险一张图: 新登记 {counts['created']} 项, 已存在 {counts['existing']} 项")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
