"""The contact-centre state: merged counters, the longest wait as a moment, the own agent.

A message that changes nothing reports nothing: that is what keeps entities from being written
more often than their value changes.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from custom_components.xivo.xuc.changes import NO_CHANGE, StateChange, UpdateKind
from custom_components.xivo.xuc.contact_centre import (
    AgentConfig,
    AgentError,
    AgentList,
    AgentStateEvent,
    AgentStateName,
    QueueCall,
    QueueCalls,
    QueueConfig,
    QueueCounter,
    QueueList,
    QueueMember,
    QueueMemberList,
    QueueStatistics,
    UsersStatuses,
    UserStatus,
    UserStatusUpdate,
)
from custom_components.xivo.xuc.contact_centre_state import ContactCentreState
from custom_components.xivo.xuc.models import UserConfigUpdate
from custom_components.xivo.xuc.state import LineState

NOW = datetime(2026, 12, 6, 9, 0, 0, tzinfo=UTC)
SALES = QueueConfig(1, "sales", "3000", "Sales")
SUPPORT = QueueConfig(2, "support", "3001", "Support")
QUEUE_1 = StateChange(UpdateKind.QUEUE, "1")


def stats(queue: int | str, **counters: int | float) -> QueueStatistics:
    if isinstance(queue, int):
        return QueueStatistics(queue, "", tuple(counters.items()))
    return QueueStatistics(None, queue, tuple(counters.items()))


def agent(name: AgentStateName, agent_id: int = 12, since: datetime | None = NOW, **fields):  # type: ignore[no-untyped-def]
    return AgentStateEvent(agent_id, name, "", "1000", since, **fields)


@pytest.fixture
def state() -> ContactCentreState:
    state = ContactCentreState()
    state.apply(QueueList((SALES, SUPPORT)))
    return state


def test_counters_merge_per_name(state: ContactCentreState) -> None:
    assert state.apply(stats(1, WaitingCalls=0, AvailableAgents=2, EWT=0), NOW) == QUEUE_1
    assert state.apply(stats(1, AvailableAgents=1, EWT=0), NOW) == QUEUE_1
    # What changed, for a listener that shows one counter.
    assert state.queue_state(1).changed_counters == ("AvailableAgents",)
    # A partial update never resets the counters it does not carry.
    assert state.queue_state(1).counters == {"WaitingCalls": 0, "AvailableAgents": 1, "EWT": 0}
    assert state.queue_state(1).counters[QueueCounter.AVAILABLE_AGENTS] == 1
    # Another queue's counters are its own, and change only its key.
    assert state.apply(stats(2, WaitingCalls=4), NOW) == StateChange(UpdateKind.QUEUE, "2")
    assert state.queue_state(1).waiting_calls == 0
    assert state.queue_state(2).waiting_calls == 4


def test_an_unchanged_counter_reports_nothing(state: ContactCentreState) -> None:
    state.apply(stats(1, WaitingCalls=2, PercentageAnsweredBefore15=87.5), NOW)
    assert state.apply(stats(1, WaitingCalls=2), NOW) is NO_CHANGE
    assert state.apply(stats(1, PercentageAnsweredBefore15=87.5, WaitingCalls=2), NOW) is NO_CHANGE
    # A number sent once as int, once as float, is the same value.
    assert state.apply(stats(1, WaitingCalls=2.0), NOW) is NO_CHANGE
    assert state.apply(stats(1), NOW) is NO_CHANGE
    # The first value of a counter is a change, even 0.
    assert state.apply(stats(1, TalkingAgents=0), NOW) == QUEUE_1


def test_counters_by_queue_name(state: ContactCentreState) -> None:
    assert state.apply(stats("support", WaitingCalls=3), NOW) == StateChange(UpdateKind.QUEUE, "2")
    assert state.queue_state(2).counters == {"WaitingCalls": 3}
    assert state.queue_id("support") == 2


def test_counters_by_a_name_not_listed_yet_are_kept_until_it_is() -> None:
    state = ContactCentreState()
    assert state.apply(stats("sales", WaitingCalls=3), NOW) is NO_CHANGE
    assert state.apply(stats("sales", EWT=20), NOW) is NO_CHANGE
    assert state.apply(QueueList((SALES,))) == StateChange(UpdateKind.QUEUES)
    assert state.queue_state(1).counters == {"WaitingCalls": 3, "EWT": 20}


def test_longest_wait_is_a_moment_that_keeps_growing(state: ContactCentreState) -> None:
    queue = state.queue_state(1)
    assert queue.longest_wait(NOW) is None  # not told yet
    state.apply(stats(1, WaitingCalls=2, LongestWaitTime=30), NOW)
    assert queue.longest_wait_since == NOW - timedelta(seconds=30)
    # No server update for 15 s: the wait read then has grown, not frozen at 30.
    assert queue.longest_wait(NOW + timedelta(seconds=15)) == 45
    # The same value resent later changes nothing (the moment stays).
    assert state.apply(stats(1, LongestWaitTime=30), NOW + timedelta(seconds=5)) is NO_CHANGE
    assert queue.longest_wait_since == NOW - timedelta(seconds=30)
    # A new value moves the moment (the oldest caller was answered).
    state.apply(stats(1, LongestWaitTime=4), NOW + timedelta(seconds=20))
    assert queue.longest_wait_since == NOW + timedelta(seconds=16)
    # No call waits: no moment, and a wait of 0, whatever the old counter says.
    state.apply(stats(1, WaitingCalls=0), NOW + timedelta(seconds=30))
    assert queue.longest_wait_since is None
    assert queue.longest_wait(NOW + timedelta(seconds=40)) == 0
    assert queue.counters["LongestWaitTime"] == 4


def test_a_first_caller_waits_from_now_when_the_server_says_no_more(
    state: ContactCentreState,
) -> None:
    state.apply(stats(1, WaitingCalls=0, LongestWaitTime=0), NOW)
    state.apply(stats(1, WaitingCalls=1), NOW + timedelta(seconds=60))
    queue = state.queue_state(1)
    assert queue.longest_wait_since == NOW + timedelta(seconds=60)
    assert queue.longest_wait(NOW + timedelta(seconds=70)) == 10


def test_longest_wait_without_a_moment_is_the_counter() -> None:
    state = ContactCentreState()
    state.apply(stats(1, EWT=3), NOW)
    queue = state.queue_state(1)
    queue.counters["LongestWaitTime"] = 12
    assert queue.longest_wait(NOW) == 12


def test_queue_calls(state: ContactCentreState) -> None:
    call = QueueCall(1, "John", "0612", NOW)
    assert state.queue_state(1).calls is None
    state.apply(stats(1, WaitingCalls=1), NOW)
    assert state.apply(QueueCalls(1, "", (call,))) == QUEUE_1
    assert state.queue_state(1).calls == (call,)
    assert state.queue_state(1).changed_counters == ()
    assert state.apply(QueueCalls(1, "", (call,))) is NO_CHANGE
    assert state.apply(QueueCalls(None, "support", ())) == StateChange(UpdateKind.QUEUE, "2")
    assert state.queue_state(2).calls == ()


def test_a_bare_queue_calls_list_belongs_to_the_one_queue_followed(
    state: ContactCentreState,
) -> None:
    call = QueueCall(1, "John", "0612", NOW)
    # Two queues followed: whose list it is cannot be told.
    state.watched_queues = frozenset({1, 2})
    assert state.apply(QueueCalls(None, "", (call,))) is NO_CHANGE
    state.watched_queues = frozenset({2})
    assert state.apply(QueueCalls(None, "", (call,))) == StateChange(UpdateKind.QUEUE, "2")
    assert state.queue_state(2).calls == (call,)
    assert state.apply(QueueCalls(None, "nowhere", (call,))) == NO_CHANGE


def test_queue_list_and_changes(state: ContactCentreState) -> None:
    assert state.apply(QueueList((SALES, SUPPORT))) is NO_CHANGE
    renamed = SUPPORT._replace(display_name="Helpdesk")
    assert state.apply(renamed) == StateChange(UpdateKind.QUEUES)
    assert state.apply(renamed) is NO_CHANGE
    assert state.queues[2].label == "Helpdesk"
    state.apply(stats(2, WaitingCalls=3), NOW)
    # A new list replaces the old one; a queue gone takes its counters with it.
    assert state.apply(QueueList((SALES,))) == StateChange(UpdateKind.QUEUES)
    assert list(state.queues) == [1]
    assert state.queue_id("support") is None
    assert 2 not in state.queue_states


def test_the_own_agent(state: ContactCentreState) -> None:
    assert not state.is_agent
    assert state.agent is None
    # Other agents are kept, and nobody is told (no entity shows them).
    assert state.apply(agent(AgentStateName.READY)) is NO_CHANGE
    assert state.set_agent_id(12) == StateChange(UpdateKind.AGENT)
    assert state.set_agent_id(12) is NO_CHANGE
    assert state.is_agent
    assert state.agent == agent(AgentStateName.READY)
    paused = agent(AgentStateName.PAUSED, cause="lunch")
    assert state.apply(paused) == StateChange(UpdateKind.AGENT)
    assert state.agent == paused
    assert state.apply(agent(AgentStateName.READY, agent_id=13)) is NO_CHANGE
    assert state.agents[13].name is AgentStateName.READY
    assert state.apply(AgentStateEvent(None, AgentStateName.READY)) is NO_CHANGE


@pytest.mark.parametrize("agent_id", [0, None, -1])
def test_zero_missing_or_null_agent_id_is_not_an_agent(agent_id: int | None) -> None:
    state = ContactCentreState(agent_id=12)
    assert state.set_agent_id(agent_id) == StateChange(UpdateKind.AGENT)
    assert not state.is_agent
    assert state.agent_id is None
    assert state.agent_queue_ids == ()


def test_a_resent_agent_state_reports_nothing(state: ContactCentreState) -> None:
    state.set_agent_id(12)
    state.apply(agent(AgentStateName.READY))
    # The same state, its start a moment later (computed at receipt): not a change.
    assert state.apply(agent(AgentStateName.READY, since=NOW + timedelta(seconds=1))) is NO_CHANGE
    assert state.agent is not None
    assert state.agent.since == NOW
    # A later start is a new period in the state.
    again = agent(AgentStateName.READY, since=NOW + timedelta(seconds=30))
    assert state.apply(again) == StateChange(UpdateKind.AGENT)
    # A since that appears or vanishes is a change too.
    assert state.apply(agent(AgentStateName.READY, since=None)) == StateChange(UpdateKind.AGENT)
    assert state.apply(agent(AgentStateName.READY, since=None)) is NO_CHANGE


def test_memberships_and_the_agent_queues(state: ContactCentreState) -> None:
    state.set_agent_id(1)
    members = QueueMemberList((QueueMember(1, 1), QueueMember(2, 1, 2), QueueMember(1, 2)))
    assert state.apply(members) == StateChange(UpdateKind.QUEUES)
    assert state.apply(members) is NO_CHANGE
    assert state.agent_queue_ids == (1, 2)
    assert state.members == {1: {1: 0, 2: 0}, 2: {1: 2}}
    # A negative penalty: the membership was removed.
    assert state.apply(QueueMember(2, 1, -1)) == StateChange(UpdateKind.QUEUES)
    assert state.apply(QueueMember(2, 1, -1)) is NO_CHANGE
    assert state.agent_queue_ids == (1,)
    assert 2 not in state.members
    assert state.apply(QueueMember(1, 2, 5)) == StateChange(UpdateKind.QUEUES)
    assert state.apply(QueueMember(1, 2, 5)) is NO_CHANGE
    assert state.members[1] == {1: 0, 2: 5}


def test_the_agent_number(state: ContactCentreState) -> None:
    state.set_agent_id(1)
    assert state.agent_number is None
    assert state.apply(AgentList((AgentConfig(1, 7, number="8000"), AgentConfig(2)))) == (
        StateChange(UpdateKind.AGENT)
    )
    assert state.agent_number == "8000"
    # Another agent's change is not the user's.
    assert state.apply(AgentConfig(2, number="8001")) is NO_CHANGE
    assert state.apply(AgentConfig(1, 7, number="8009")) == StateChange(UpdateKind.AGENT)
    assert state.agent_number == "8009"


def test_statuses_and_pause_reasons(state: ContactCentreState) -> None:
    lunch = UserStatus("lunch", "Lunch", "", ("queuepause_all",))
    statuses = UsersStatuses((UserStatus("available"), lunch))
    assert state.apply(statuses) == StateChange(UpdateKind.STATUSES)
    assert state.apply(statuses) is NO_CHANGE
    assert state.pause_reasons == (lunch,)
    assert state.apply(UserStatusUpdate("lunch")) == StateChange(UpdateKind.STATUSES)
    assert state.apply(UserStatusUpdate("lunch")) is NO_CHANGE
    assert state.user_status == "lunch"


def test_agent_login_then_agent_ready_is_one_state(state: ContactCentreState) -> None:
    state.set_agent_id(12)
    login = AgentStateEvent(12, AgentStateName.READY, "AgentLogin", "1000", NOW)
    assert state.apply(login) == StateChange(UpdateKind.AGENT)
    assert state.apply(login._replace(wire_name="AgentReady")) is NO_CHANGE
    # Two names this client does not know are two states.
    odd = AgentStateEvent(12, AgentStateName.UNKNOWN, "AgentOnBreak", "1000", NOW)
    assert state.apply(odd) == StateChange(UpdateKind.AGENT)
    assert state.apply(odd._replace(wire_name="AgentOnLunch")) == StateChange(UpdateKind.AGENT)


def test_the_line_state_owns_the_contact_centre() -> None:
    line = LineState()
    snapshot = UserConfigUpdate(full_name="James Bond", dnd=False, forwards={}, agent_id=1)
    assert line.apply(snapshot) == StateChange(UpdateKind.USER_CONFIG)
    assert line.contact_centre.agent_id == 1
    # A partial update (every other key null) leaves the agent as it was.
    assert line.apply(UserConfigUpdate(full_name=None, dnd=True, forwards={})).kind is (
        UpdateKind.USER_CONFIG
    )
    assert line.contact_centre.agent_id == 1
    # Contact-centre messages go to it, and report what it reports.
    assert line.apply(QueueList((SALES,))) == StateChange(UpdateKind.QUEUES)
    assert line.apply(stats(1, WaitingCalls=1)) == QUEUE_1
    assert line.contact_centre.queue_state(1).waiting_calls == 1
    # An AgentError answers a command: it changes no state.
    assert line.apply(AgentError("PhoneNumberUnknown")) is NO_CHANGE
    assert line.apply(replace(snapshot, agent_id=0)) == StateChange(UpdateKind.USER_CONFIG)
    assert not line.contact_centre.is_agent
