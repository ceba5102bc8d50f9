"""The aggregate base: commands record events, state is the fold of the events, pending events are kept."""

import pytest

from ecosafe_kit.errors import Conflict

from toy_domain import Closed, Counter, Incremented, Opened


def test_commands_record_past_tense_events_and_change_state():
    counter = Counter.open("c1", "巡查次数")
    counter.increment(2)
    counter.increment(3)
    assert counter.total == 5
    assert counter.pending_events == [Opened("巡查次数"), Incremented(2), Incremented(3)]
    assert counter.version == 0


def test_rehydrated_aggregate_has_the_state_and_version_of_its_events():
    counter = Counter.rehydrate("c1", [Opened("t"), Incremented(4), Closed("done")])
    assert (counter.total, counter.closed, counter.version) == (4, True, 3)
    assert counter.pending_events == []


def test_a_rule_refuses_a_command_without_recording_anything():
    counter = Counter.rehydrate("c1", [Opened("t"), Closed("done")])
    with pytest.raises(Conflict):
        counter.increment(1)
    assert counter.pending_events == []


def test_marking_saved_moves_the_version_past_the_pending_events():
    counter = Counter.open("c1", "t")
    counter.increment(1)
    counter.mark_saved()
    assert counter.version == 2 and counter.pending_events == []
