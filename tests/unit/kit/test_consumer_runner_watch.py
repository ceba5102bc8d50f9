"""ConsumerRunner's own watch over its Kafka consumer, without Kafka: rejoin requests, replacement of a stuck
consumer, a loop that survives errors, and what `check()` (readiness) says."""

from __future__ import annotations

import socket
import threading
import time

import pytest
from kafka.structs import ConsumerGroupMetadata, MemberState, TopicPartition

from ecosafe_kit.messaging.clients import new_admin, new_consumer
from ecosafe_kit.messaging.consumer import ConsumerNotReady, ConsumerRunner, ConsumersCheck


class FakeCoordinator:
    def __init__(self, need_rejoin: bool = False) -> None:
        self.rejoin_needed = need_rejoin
        self.rejoin_requests = 0

    def need_rejoin(self) -> bool:
        return self.rejoin_needed

    def request_rejoin(self) -> None:
        self.rejoin_requests += 1
        self.rejoin_needed = True


class FakeConsumer:
    """Stands in for kafka.KafkaConsumer: no records, a given member state."""

    def __init__(self, state: str = MemberState.STABLE, *, need_rejoin: bool = False, fail_poll=None) -> None:
        self.state = state
        self._coordinator = FakeCoordinator(need_rejoin)
        self.fail_poll = fail_poll
        self.closed = False
        self.polls = 0

    def poll(self, timeout_ms: int = 0):
        self.polls += 1
        if self.fail_poll is not None:
            raise self.fail_poll
        time.sleep(0.005)
        return {}

    def commit(self, offsets) -> None:
        pass

    def group_metadata(self):
        return ConsumerGroupMetadata(group_id="g", generation_id=2, member_id="m", state=self.state)

    def assignment(self):
        return set()

    def close(self, autocommit: bool = True, timeout_ms=None) -> None:
        self.closed = True


def _runner(consumers: list[FakeConsumer], **options) -> tuple[ConsumerRunner, list[FakeConsumer]]:
    """A runner whose successive connections hand out `consumers` (the last one again when used up)."""
    runner = ConsumerRunner(engine=None, group="g-unit", topics=["t"], handler=lambda conn, env: None,
                            bootstrap_servers="127.0.0.1:1", **options)
    handed: list[FakeConsumer] = []

    def connect():
        consumer = consumers[min(len(handed), len(consumers) - 1)]
        handed.append(consumer)
        runner._unstable_since = time.monotonic()
        return consumer

    runner._connect = connect
    return runner, handed


def _run_in_thread(runner: ConsumerRunner):
    stop = threading.Event()
    thread = threading.Thread(target=runner.run, args=(stop,), daemon=True)
    thread.start()
    return stop, thread


def _eventually(predicate, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.01)


def test_a_member_stuck_rebalancing_without_wanting_to_rejoin_is_asked_to_rejoin():
    wedged = FakeConsumer(MemberState.REBALANCING, need_rejoin=False)
    runner, _ = _runner([wedged], rejoin_after=0.05)
    runner.poll_once()
    assert wedged._coordinator.rejoin_requests == 0  # not at once: joins take a moment
    time.sleep(0.06)
    runner.poll_once()
    assert wedged._coordinator.rejoin_requests == 1
    runner.poll_once()
    assert wedged._coordinator.rejoin_requests == 1  # asked again only after another rejoin_after


def test_a_member_that_is_already_rejoining_is_left_alone():
    joining = FakeConsumer(MemberState.REBALANCING, need_rejoin=True)
    runner, _ = _runner([joining], rejoin_after=0.0)
    for _ in range(3):
        runner.poll_once()
    assert joining._coordinator.rejoin_requests == 0


def test_a_stable_member_is_never_asked_to_rejoin():
    stable = FakeConsumer(MemberState.STABLE)
    runner, _ = _runner([stable], rejoin_after=0.0)
    for _ in range(3):
        runner.poll_once()
    assert stable._coordinator.rejoin_requests == 0
    assert runner.stalled_for() == 0.0


def test_run_replaces_a_consumer_that_stays_out_of_its_group():
    stuck = FakeConsumer(MemberState.REBALANCING, need_rejoin=True)
    fresh = FakeConsumer(MemberState.STABLE)
    runner, handed = _runner([stuck, fresh], stall_timeout=0.1, rejoin_after=60)
    stop, thread = _run_in_thread(runner)
    try:
        _eventually(lambda: len(handed) >= 2 and fresh.polls > 0)
        assert stuck.closed
        runner.check()  # the replacement is a stable member: ready
    finally:
        stop.set()
        thread.join(5)
    assert fresh.closed and not thread.is_alive()


def test_the_loop_survives_errors_says_why_it_is_not_ready_and_recovers():
    broken = FakeConsumer(fail_poll=RuntimeError("broker says no"))
    healthy = FakeConsumer(MemberState.STABLE)
    runner, handed = _runner([broken, healthy], unready_after=0.0)
    stop, thread = _run_in_thread(runner)
    try:
        _eventually(lambda: runner._last_error is not None and broken.closed)
        with pytest.raises(ConsumerNotReady, match="broker says no"):
            runner.check()
        assert broken.closed
        _eventually(lambda: healthy.polls > 0)  # reconnected after its pause (1 s)
        runner.unready_after = 5.0
        _eventually(lambda: runner._last_error is None)
        runner.check()
        assert thread.is_alive()
    finally:
        stop.set()
        thread.join(5)


class Fatal(BaseException):
    pass


def test_a_thread_ending_on_a_base_exception_is_logged_and_reported(caplog):
    runner, _ = _runner([FakeConsumer(fail_poll=Fatal("interpreter going away"))])
    with pytest.raises(Fatal):
        runner.run(threading.Event())
    assert "nothing is consumed any more" in caplog.text
    with pytest.raises(ConsumerNotReady, match="dead: Fatal: interpreter going away"):
        runner.check()


def test_check_before_the_loop_runs_and_after_it_stops():
    runner, _ = _runner([FakeConsumer()])
    with pytest.raises(ConsumerNotReady, match="not started"):
        runner.check()
    stop = threading.Event()
    stop.set()
    runner.run(stop)
    with pytest.raises(ConsumerNotReady, match="stopped"):
        runner.check()


def test_check_reports_a_loop_that_stopped_coming_round():
    runner, _ = _runner([FakeConsumer()])
    runner._state = "running"
    runner._last_good = runner._last_loop = time.monotonic() - 200
    with pytest.raises(ConsumerNotReady, match="poll loop stuck"):
        runner.check()


def test_lag_reporting_never_breaks_a_poll():
    consumer = FakeConsumer()
    consumer.assignment = lambda: {TopicPartition("t", 0)}  # FakeConsumer has no highwater(): it raises

    runner, _ = _runner([consumer])
    runner.poll_once()  # no exception


def test_the_consumers_check_names_every_runner_that_is_not_ready():
    ready, _ = _runner([FakeConsumer()])
    ready._state = "running"
    ready._last_good = ready._last_loop = time.monotonic()
    idle, _ = _runner([FakeConsumer()])
    idle.group = "g-idle"
    check = ConsumersCheck()
    check()  # no runners: nothing to wait for
    check.add(ready)
    check()
    check.add(idle)
    with pytest.raises(ConsumerNotReady, match="g-idle is not started"):
        check()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("make", [
    lambda port: new_consumer("t", bootstrap_servers=f"127.0.0.1:{port}", group_id="g", bootstrap_timeout_ms=300),
    lambda port: new_admin(bootstrap_servers=f"127.0.0.1:{port}", bootstrap_timeout_ms=300),
], ids=["consumer", "admin"])
def test_a_client_that_cannot_reach_the_broker_leaves_no_thread_behind(make):
    port = _closed_port()
    before = threading.active_count()
    for _ in range(3):
        with pytest.raises(Exception):
            make(port)
    _eventually(lambda: threading.active_count() <= before, timeout=5)


def test_check_says_the_consumer_is_joining_its_group_and_since_when():
    runner, _ = _runner([FakeConsumer(MemberState.REBALANCING, need_rejoin=True)], unready_after=0.0)
    runner._state = "running"
    runner.poll_once()
    with pytest.raises(ConsumerNotReady, match=r"joining consumer group g-unit since \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ "
                                               r"\(\d+s, state <rebalancing>\); a member that stopped without "
                                               r"leaving holds the join for up to 10s"):
        runner.check()


def test_check_says_a_member_that_was_stable_is_rejoining():
    consumer = FakeConsumer(MemberState.STABLE)
    runner, _ = _runner([consumer], unready_after=0.0)
    runner._state = "running"
    runner.poll_once()
    consumer.state = MemberState.REBALANCING
    runner.poll_once()
    runner._last_good = time.monotonic() - 1
    with pytest.raises(ConsumerNotReady, match=r"rejoining consumer group g-unit since .*state <rebalancing>"):
        runner.check()
