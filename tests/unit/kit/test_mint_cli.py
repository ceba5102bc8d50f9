"""ecosafe-token: mints a token the services accept, signed with ECOSAFE_JWT_SECRET."""

from datetime import timedelta

import jwt
import pytest

from ecosafe_kit.auth.mint_cli import main, parse_duration
from ecosafe_kit.auth.principal import Principal, Role
from ecosafe_kit.auth.tokens import decode_token

SECRET = "cli-test-secret-that-is-long-enough-for-hs256"


@pytest.fixture(autouse=True)
def jwt_secret(monkeypatch):
    monkeypatch.setenv("ECOSAFE_JWT_SECRET", SECRET)


def _mint(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out.strip()


def test_the_printed_token_decodes_to_the_principal_asked_for(capsys):
    token = _mint(capsys, "--sub", "u1", "--name", "张三", "--role", "county_officer", "--jurisdiction", "140525")
    assert decode_token(token, secret=SECRET) == Principal(
        subject="u1", name="张三", roles={Role.county_officer}, jurisdiction="140525")


def test_several_roles_and_the_enterprise_and_park_ids_are_carried(capsys):
    token = _mint(capsys, "--sub", "e1", "--name", "企业甲", "--role", "enterprise_user", "--role", "park_operator",
                  "--jurisdiction", "140525100", "--enterprise-id", "ent-9", "--park-id", "park-3")
    principal = decode_token(token, secret=SECRET)
    assert principal.roles == {Role.enterprise_user, Role.park_operator}
    assert (principal.enterprise_id, principal.park_id, principal.jurisdiction) == ("ent-9", "park-3", "140525100")


def test_the_ttl_sets_the_expiry(capsys):
    token = _mint(capsys, "--sub", "u1", "--name", "n", "--role", "inspector", "--jurisdiction", "140525",
                  "--ttl", "30m")
    claims = jwt.decode(token, SECRET, algorithms=["HS256"], issuer="ecosafe")
    assert claims["exp"] - claims["iat"] == 30 * 60


def test_the_default_ttl_is_eight_hours(capsys):
    token = _mint(capsys, "--sub", "u1", "--name", "n", "--role", "inspector", "--jurisdiction", "140525")
    claims = jwt.decode(token, SECRET, algorithms=["HS256"], issuer="ecosafe")
    assert claims["exp"] - claims["iat"] == 8 * 3600


def test_a_token_signed_under_another_secret_is_not_accepted(capsys, monkeypatch):
    monkeypatch.setenv("ECOSAFE_JWT_SECRET", "some-other-secret-that-is-long-enough-32b")
    token = _mint(capsys, "--sub", "u1", "--name", "n", "--role", "inspector", "--jurisdiction", "140525")
    with pytest.raises(Exception, match="签名无效"):
        decode_token(token, secret=SECRET)


def test_an_admin_needs_no_jurisdiction(capsys):
    token = _mint(capsys, "--sub", "root", "--name", "管理员", "--role", "admin")
    assert decode_token(token, secret=SECRET).jurisdiction is None


@pytest.mark.parametrize(
    ("argv", "complaint"),
    [
        (["--sub", "u1", "--name", "n", "--role", "inspector"], "--jurisdiction"),
        (["--sub", "u1", "--name", "n", "--role", "boss", "--jurisdiction", "140525"], "invalid choice"),
        (["--sub", "u1", "--name", "n", "--role", "inspector", "--jurisdiction", "1405"], "6、9 或 12 位"),
        (["--sub", "u1", "--name", "n", "--role", "inspector", "--jurisdiction", "140525", "--ttl", "8x"], "无效的时长"),
        (["--name", "n", "--role", "inspector", "--jurisdiction", "140525"], "--sub"),
    ],
)
def test_bad_arguments_exit_with_a_usage_error_naming_the_problem(capsys, argv, complaint):
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    assert complaint in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "duration"),
    [("8h", timedelta(hours=8)), ("30m", timedelta(minutes=30)), ("1d", timedelta(days=1)),
     ("1h30m", timedelta(hours=1, minutes=30)), ("90s", timedelta(seconds=90))],
)
def test_durations_are_read_in_days_hours_minutes_and_seconds(text, duration):
    assert parse_duration(text) == duration


@pytest.mark.parametrize("text", ["", "8", "h", "0h", "30m1h", "-1h", "1.5h"])
def test_malformed_or_empty_durations_are_refused(text):
    with pytest.raises(Exception):
        parse_duration(text)
