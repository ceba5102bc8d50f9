"""The repository on the real PostgreSQL: save, get, as-of and lost-update protection between two users."""

from datetime import datetime, timezone

import pytest

from ecosafe_kit.errors import ConcurrencyConflict, NotFound
from ecosafe_kit.eventstore import EventStore
from ecosafe_kit.repository import Repository

from kit_helpers import INSPECTOR
from toy_domain import Counter, JsonCodec


@pytest.fixture
def repo(kit_engine):
    return Repository(EventStore(kit_engine), JsonCodec(), Counter, "counter", not_found="计数器不存在")


def test_saved_aggregate_loads_back_with_its_state(repo, unique):
    counter = Counter.open(f"c-{unique}", "t")
    counter.increment(7)
    with repo.store.transaction() as conn:
        repo.save(conn, counter, INSPECTOR)
    with repo.store.transaction() as conn:
        loaded = repo.get(conn, f"c-{unique}")
    assert (loaded.total, loaded.version) == (7, 2)


def test_two_users_editing_the_same_aggregate_cannot_lose_an_update(repo, unique):
    with repo.store.transaction() as conn:
        repo.save(conn, Counter.open(f"c-{unique}", "t"), INSPECTOR)
    with repo.store.transaction() as conn:
        first, second = repo.get(conn, f"c-{unique}"), repo.get(conn, f"c-{unique}")
    first.increment(1)
    second.increment(10)
    with repo.store.transaction() as conn:
        repo.save(conn, first, INSPECTOR)
    with pytest.raises(ConcurrencyConflict), repo.store.transaction() as conn:
        repo.save(conn, second, INSPECTOR)
    with repo.store.transaction() as conn:
        assert repo.get(conn, f"c-{unique}").total == 1


def test_unknown_aggregate_is_not_found(repo, unique):
    with pytest.raises(NotFound, match="计数器不存在"), repo.store.transaction() as conn:
        repo.get(conn, f"missing-{unique}")


def test_aggregate_as_of_a_time_before_it_existed_is_not_found(repo, unique):
    with repo.store.transaction() as conn:
        repo.save(conn, Counter.open(f"c-{unique}", "t"), INSPECTOR)
    with pytest.raises(NotFound), repo.store.transaction() as conn:
        repo.get_as_of(conn, f"c-{unique}", datetime(2020, 1, 1, tzinfo=timezone.utc))
