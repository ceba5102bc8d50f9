"""`ecosafe-token`: mint a bearer token for development and tests, signed with ECOSAFE_JWT_SECRET."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from datetime import timedelta

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.auth.principal import Principal, Role
from ecosafe_kit.auth.tokens import DEFAULT_TTL, encode_token
from ecosafe_kit.settings import ServiceSettings

_DURATION = re.compile(r"(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?")


def parse_duration(text: str) -> timedelta:
    """`8h`, `30m`, `1d`, `1h30m`, `90s` → timedelta; must be positive."""
    match = _DURATION.fullmatch(text.strip())
    if not text.strip() or match is None:
        raise argparse.ArgumentTypeError(f"无效的时长 {text!r}, 例如 8h、30m、1d、1h30m")
    days, hours, minutes, seconds = (int(g or 0) for g in match.groups())
    duration = timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
    if duration <= timedelta(0):
        raise argparse.ArgumentTypeError(f"时长必须大于 0, 收到 {text!r}")
    return duration


def _jurisdiction_code(text: str) -> str:
    try:
        return jurisdiction.validate_code(text)
    except jurisdiction.InvalidJurisdictionCode as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ecosafe-token",
        description="签发 EcoSafe 访问令牌 (HS256 JWT), 密钥取自环境变量 ECOSAFE_JWT_SECRET",
    )
    parser.add_argument("--sub", required=True, help="用户标识 (subject)")
    parser.add_argument("--name", required=True, help="用户姓名")
    parser.add_argument("--role", dest="roles", action="append", required=True,
                        choices=[r.value for r in Role], help="角色, 可重复")
    parser.add_argument("--jurisdiction", type=_jurisdiction_code,
                        help="辖区行政区划代码, 如 140525; 仅管理员可省略")
    parser.add_argument("--enterprise-id", help="企业用户所属企业")
    parser.add_argument("--park-id", help="园区管理人员所属园区")
    parser.add_argument("--ttl", type=parse_duration, default=DEFAULT_TTL, help="有效期, 如 8h (默认)、30m、1d")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    roles = frozenset(Role(r) for r in args.roles)
    if args.jurisdiction is None and Role.admin not in roles:
        parser.error("--jurisdiction 必填 (仅管理员可省略)")
    principal = Principal(
        subject=args.sub,
        name=args.name,
        roles=roles,
        jurisdiction=args.jurisdiction,
        enterprise_id=args.enterprise_id,
        park_id=args.park_id,
    )
    secret = ServiceSettings().jwt_secret.get_secret_value()
    print(encode_token(principal, secret=secret, ttl=args.ttl), file=sys.stdout)
    return 0
