"""Bearer tokens: what a minted token carries, and why a bad one is refused (in Chinese)."""

from datetime import datetime, timedelta, timezone

import jwt
import pytest

from ecosafe_kit.auth.principal import Principal, Role
from ecosafe_kit.auth.tokens import ALGORITHM, ISSUER, decode_token, encode_token
from ecosafe_kit.errors import Unauthorized

SECRET = "unit-test-secret-that-is-long-enough-for-hs256"
OFFICER = Principal(subject="u1", name="张三", roles={Role.county_officer, Role.inspector}, jurisdiction="140525")


def _raw(claims: dict, secret: str = SECRET, algorithm: str = ALGORITHM) -> str:
    now = int(datetime.now(timezone.utc).timestamp())
    base = {"sub": "u1", "name": "张三", "roles": ["county_officer"], "jurisdiction": "140525",
            "enterprise_id": None, "park_id": None, "iat": now, "exp": now + 3600, "iss": ISSUER}
    base.update(claims)
    return jwt.encode({k: v for k, v in base.items() if v is not ...}, secret, algorithm=algorithm)


def test_a_minted_token_decodes_to_the_same_principal():
    assert decode_token(encode_token(OFFICER, secret=SECRET), secret=SECRET) == OFFICER


def test_enterprise_and_park_ids_round_trip():
    user = Principal(subject="e1", name="李四", roles={Role.enterprise_user}, jurisdiction="140525",
                     enterprise_id="ent-7", park_id="park-2")
    assert decode_token(encode_token(user, secret=SECRET), secret=SECRET) == user


def test_token_carries_the_documented_claims():
    now = datetime(2025, 3, 1, 8, 0, tzinfo=timezone.utc)
    token = encode_token(OFFICER, secret=SECRET, ttl=timedelta(hours=2), now=now)
    claims = jwt.decode(token, SECRET, algorithms=[ALGORITHM], options={"verify_exp": False})
    assert claims == {
        "sub": "u1", "name": "张三", "roles": ["county_officer", "inspector"], "jurisdiction": "140525",
        "enterprise_id": None, "park_id": None, "iss": "ecosafe",
        "iat": int(now.timestamp()), "exp": int((now + timedelta(hours=2)).timestamp()),
    }
    assert jwt.get_unverified_header(token)["alg"] == "HS256"


def test_an_expired_token_is_refused_as_expired():
    token = encode_token(OFFICER, secret=SECRET, ttl=timedelta(minutes=5),
                         now=datetime.now(timezone.utc) - timedelta(hours=1))
    with pytest.raises(Unauthorized, match="令牌已过期") as caught:
        decode_token(token, secret=SECRET)
    assert caught.value.status == 401
    assert caught.value.extra["reason"] == "token_expired"


def test_a_token_just_past_expiry_is_tolerated_for_clock_skew():
    token = encode_token(OFFICER, secret=SECRET, ttl=timedelta(minutes=5),
                         now=datetime.now(timezone.utc) - timedelta(minutes=5, seconds=10))
    assert decode_token(token, secret=SECRET) == OFFICER


def test_a_token_signed_with_another_secret_is_refused():
    token = encode_token(OFFICER, secret="another-secret-that-is-also-long-enough-32b")
    with pytest.raises(Unauthorized, match="签名无效"):
        decode_token(token, secret=SECRET)


def test_a_token_from_another_issuer_is_refused():
    with pytest.raises(Unauthorized, match="签发方"):
        decode_token(_raw({"iss": "someone-else"}), secret=SECRET)


@pytest.mark.parametrize("claim", ["sub", "exp", "iat", "iss"])
def test_a_token_missing_a_required_claim_is_refused_naming_it(claim):
    with pytest.raises(Unauthorized, match=f"缺少必需的声明 {claim}"):
        decode_token(_raw({claim: ...}), secret=SECRET)


def test_an_unsigned_token_is_refused():
    token = jwt.encode({"sub": "u1", "iss": ISSUER, "iat": 1, "exp": 9999999999}, None, algorithm="none")
    with pytest.raises(Unauthorized):
        decode_token(token, secret=SECRET)


@pytest.mark.parametrize("garbage", ["", "abc", "a.b.c", "Bearer x"])
def test_garbage_is_refused_as_malformed(garbage):
    with pytest.raises(Unauthorized, match="令牌格式无效"):
        decode_token(garbage, secret=SECRET)


def test_an_unknown_role_is_refused_naming_it():
    with pytest.raises(Unauthorized, match="角色无效: superuser"):
        decode_token(_raw({"roles": ["county_officer", "superuser"]}), secret=SECRET)


@pytest.mark.parametrize(
    ("claims", "named"),
    [({"roles": "county_officer"}, "roles"), ({"jurisdiction": "1405"}, "jurisdiction"),
     ({"sub": 42}, "sub"), ({"enterprise_id": 7}, "enterprise_id"), ({"name": ["x"]}, "name")],
)
def test_claims_of_the_wrong_shape_are_refused_naming_the_claim(claims, named):
    with pytest.raises(Unauthorized, match=f"声明 {named} 格式无效"):
        decode_token(_raw(claims), secret=SECRET)


def test_encoding_rejects_a_non_positive_ttl_and_a_naive_time():
    with pytest.raises(ValueError):
        encode_token(OFFICER, secret=SECRET, ttl=timedelta(0))
    with pytest.raises(ValueError):
        encode_token(OFFICER, secret=SECRET, now=datetime(2025, 1, 1))


def test_a_remembered_token_is_refused_once_it_has_expired():
    import time
    from datetime import datetime, timedelta, timezone

    from ecosafe_kit.auth.principal import Principal
    from ecosafe_kit.auth.tokens import CLOCK_SKEW, decode_token, encode_token
    from ecosafe_kit.errors import Unauthorized

    secret = "a-test-secret-that-is-long-enough-0123456789"
    ttl = timedelta(hours=1)
    # Expires (beyond the allowed clock skew) about two seconds from now.
    issued = datetime.now(timezone.utc) - ttl - CLOCK_SKEW + timedelta(seconds=2)
    token = encode_token(Principal(subject="u1", name="甲", roles={"inspector"}, jurisdiction="140525"),
                         secret=secret, ttl=ttl, now=issued)
    assert decode_token(token, secret=secret).subject == "u1"  # checked once, now remembered
    time.sleep(2.5)
    with pytest.raises(Unauthorized):
        decode_token(token, secret=secret)
