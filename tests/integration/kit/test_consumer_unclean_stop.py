"""A consumer group whose member was killed (no LeaveGroup) takes a restarted service back within the session timeout.

The killed member is a real process running a ConsumerRunner on the shared test broker, SIGKILLed once it is a
stable member; the broker keeps it in the group until its session times out, and the newcomer's join waits
for that. kafka-python's default session (45 s) made a service killed and restarted join its groups only 45 s
later; the runner's is ecosafe_kit.messaging.consumer.SESSION_TIMEOUT_MS.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest
from kafka.structs import MemberState

from ecosafe_kit.messaging.consumer import SESSION_TIMEOUT_MS, ConsumerNotReady, ConsumerRunner

# Runs one ConsumerRunner until it is a stable member, says so, then keeps polling until it is killed.
MEMBER = """
import sys, time
from kafka.structs import MemberState
from ecosafe_kit.messaging.consumer import ConsumerRunner
runner = ConsumerRunner(engine=None, group=sys.argv[1], topics=[sys.argv[2]], handler=None,
                        bootstrap_servers=sys.argv[3])
deadline = time.monotonic() + 60
while runner.member_state() != MemberState.STABLE and time.monotonic() < deadline:
    runner.poll_once()
print("stable", flush=True)
while True:
    runner.poll_once()
"""


@pytest.mark.slow
def test_a_restarted_member_joins_within_the_session_timeout_after_a_kill(kafka_bootstrap, unique):
    group, topic = f"test.unclean-stop.{unique}", f"test.unclean-stop.{unique}"
    member = subprocess.Popen([sys.executable, "-c", MEMBER, group, topic, kafka_bootstrap],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert member.stdout.readline().strip() == "stable"
    finally:
        member.send_signal(signal.SIGKILL)  # gone without leaving its group, as after kill -9 or an OOM kill
        member.wait(10)
    started = time.monotonic()
    runner = ConsumerRunner(engine=None, group=group, topics=[topic], handler=None,
                            bootstrap_servers=kafka_bootstrap, unready_after=0.0)
    runner._state = "running"  # check() as /readyz calls it while the service's loop runs
    reasons = set()
    try:
        while runner.member_state() != MemberState.STABLE:
            assert time.monotonic() - started < SESSION_TIMEOUT_MS / 1000 + 15, "still not a member"
            runner.poll_once()
            try:
                runner.check()
            except ConsumerNotReady as exc:
                reasons.add(str(exc).split(" since ")[0])
        joined_after = time.monotonic() - started
    finally:
        runner.close()
    print(f"joined {joined_after:.1f}s after the killed member's restart (session timeout {SESSION_TIMEOUT_MS} ms)")
    # The old member held the join: the newcomer waited, and /readyz said what for.
    assert joined_after > 2.0
    assert f"consumer {group}: joining consumer group {group}" in reasons
