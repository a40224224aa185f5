"""The simulator's contact centre over loopback: agents, queues, ACD, statistics, knobs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import aiohttp
import pytest

from simulator import XucSimulator
from simulator.agents import CcOptions
from tests.simulator.conftest import RING_TIMEOUT
from tests.simulator.cti_client import API, Cti, connect, token_of

# Short queue ring timeout and wrap-up, so that the ACD path runs in a fraction of a second.
QUEUE_RING = 0.2
WRAPUP = 0.2
COUNTERS = [
    "WaitingCalls",
    "LongestWaitTime",
    "EWT",
    "AvailableAgents",
    "TalkingAgents",
    "LoggedAgents",
    "TotalNumberCallsEntered",
    "TotalNumberCallsAnswered",
    "TotalNumberCallsAbandonned",
    "PercentageAnsweredBefore15",
    "PercentageAbandonnedAfter15",
]


@pytest.fixture
async def cc(socket_enabled: None) -> AsyncIterator[XucSimulator]:
    """A simulator where nobody answers by themselves, with a fast ACD."""
    options = CcOptions(queue_ring_timeout=QUEUE_RING, wrapup_time=WRAPUP)
    async with XucSimulator(
        answer_delay=None, ring_timeout=RING_TIMEOUT, cc_options=options
    ) as simulator:
        yield simulator


async def watcher(http: aiohttp.ClientSession, sim: XucSimulator, user: str = "bob") -> Cti:
    """A supervisor-style socket subscribed to agent events."""
    cti = await connect(http, sim, user)
    await cti.send("subscribeToAgentEvents")
    await sim.wait_for_command(user, "subscribeToAgentEvents")
    return cti


async def states(cti: Cti, count: int, within: float = 1.0) -> list[tuple[int, str]]:
    """(agentId, name) of the next `count` AgentStateEvents."""
    events = [await cti.expect("AgentStateEvent", within) for _ in range(count)]
    return [(event["agentId"], event["name"]) for event in events]


def of_type(frames: list[dict[str, Any]], msg_type: str) -> list[Any]:
    return [f["ctiMessage"] for f in frames if f["msgType"] == msg_type]


def counters(body: dict[str, Any]) -> dict[str, Any]:
    return {c["statName"]: c["value"] for c in body["counters"]}


async def stats_frames(cti: Cti, period: float = 0.15) -> dict[int, dict[str, Any]]:
    """Counters of the QueueStatistics frames arriving within `period`, merged per queue."""
    merged: dict[int, dict[str, Any]] = {}
    for body in of_type(await cti.drain(period), "QueueStatistics"):
        merged.setdefault(body["queueId"], {}).update(counters(body))
    return merged


# ----------------------------------------------------------------------------- identity


async def test_session_starts_with_statuses_and_agent_ids(
    cc: XucSimulator, http: aiohttp.ClientSession
) -> None:
    token = await token_of(http, cc)
    cti = Cti(await http.ws_connect(f"{cc.url}{API}/cti?token={token}"))
    frames = [await cti.next() for _ in range(5)]
    assert frames[1]["ctiMessage"]["agentId"] == 1
    assert frames[4]["msgType"] == "UsersStatuses"
    statuses = {s["name"]: s for s in frames[4]["ctiMessage"]}
    assert statuses["lunch"]["longName"] == "Lunch"
    assert statuses["meeting"]["longName"] == "Meeting"
    assert [a["name"] for a in statuses["lunch"]["actions"]] == ["queuepause_all"]
    assert [a["name"] for a in statuses["available"]["actions"]] == ["queueunpause_all"]
    alice = Cti(
        await http.ws_connect(f"{cc.url}{API}/cti?token={await token_of(http, cc, 'alice')}")
    )
    assert (await alice.expect("UserConfigUpdate"))["agentId"] == 2


@pytest.mark.parametrize(("knob", "expected"), [("zero", 0), ("null", None), ("missing", ...)])
async def test_non_agent_id_knob(
    cc: XucSimulator, http: aiohttp.ClientSession, knob: str, expected: object
) -> None:
    await cc.set_cc_options(non_agent_id=knob)
    token = await token_of(http, cc, "bob")
    cti = Cti(await http.ws_connect(f"{cc.url}{API}/cti?token={token}"))
    config = await cti.expect("UserConfigUpdate")
    assert config.get("agentId", ...) == expected
    # An agent keeps its id whatever the knob says.
    await cc.set_user_config("jbond", dnd_enabled=False)
    assert cc.cc.user_config(cc.pbx.user("jbond"))["agentId"] == 1


async def test_users_statuses_knob(cc: XucSimulator, http: aiohttp.ClientSession) -> None:
    await cc.set_cc_options(users_statuses_at_login=False)
    cti = await connect(http, cc)
    assert of_type(await cti.drain(0.1), "UsersStatuses") == []


# ----------------------------------------------------------------------------- agent commands


async def test_own_agent_login_pause_unpause_logout(
    cc: XucSimulator, http: aiohttp.ClientSession
) -> None:
    jbond = await connect(http, cc)
    await jbond.send("subscribeToAgentEvents")
    await jbond.send("agentLogin", agentphonenumber="1000")
    login = await jbond.expect("AgentStateEvent")
    ready = await jbond.expect("AgentStateEvent")
    assert login["name"] == "AgentLogin"
    assert ready == {
        "name": "AgentReady",
        "agentId": 1,
        "phoneNb": "1000",
        "since": 0,
        "queues": [1, 2],
        "cause": "",
        "acd": False,
        "direction": "Incoming",
        "monitorState": "ACTIVE",
    }
    await jbond.send("pauseAgent", reason="lunch")
    paused = await jbond.expect("AgentStateEvent")
    assert (paused["name"], paused["cause"]) == ("AgentOnPause", "lunch")
    await jbond.send("unpauseAgent")
    assert (await jbond.expect("AgentStateEvent"))["name"] == "AgentReady"
    await jbond.send("pauseAgent")  # no reason
    paused = await jbond.expect("AgentStateEvent")
    assert (paused["name"], paused["cause"]) == ("AgentOnPause", "")
    await jbond.send("agentLogout", agentid=None)  # null: the own agent too
    logged_out = await jbond.expect("AgentStateEvent")
    assert (logged_out["name"], logged_out["phoneNb"], logged_out["cause"]) == (
        "AgentLoggedOut",
        "",
        "",
    )
    await jbond.quiet()


async def test_agent_event_knobs(cc: XucSimulator, http: aiohttp.ClientSession) -> None:
    await cc.set_cc_options(agent_login_event=False, send_since=False, logged_out_phone_nb="null")
    jbond = await connect(http, cc)
    await jbond.send("subscribeToAgentEvents")
    await jbond.send("agentLogin", agentphonenumber="1000")
    ready = await jbond.expect("AgentStateEvent")
    assert ready["name"] == "AgentReady"  # no AgentLogin first
    assert "since" not in ready
    await jbond.send("agentLogout")
    assert (await jbond.expect("AgentStateEvent"))["phoneNb"] == "null"


async def test_since_counts_seconds_in_the_state(
    cc: XucSimulator, http: aiohttp.ClientSession
) -> None:
    await cc.agent("alice", "paused", "meeting")
    cc.cc.agents[2].changed -= 42  # as if paused 42 s ago
    bob = await connect(http, cc, "bob")
    await bob.send("getAgentStates")
    events = {e["agentId"]: e for e in [await bob.expect("AgentStateEvent") for _ in range(2)]}
    assert events[2]["name"] == "AgentOnPause"
    assert events[2]["since"] == 42
    assert events[2]["cause"] == "meeting"
    assert events[1]["name"] == "AgentLoggedOut"
    assert events[1]["phoneNb"] == ""


async def test_login_errors(cc: XucSimulator, http: aiohttp.ClientSession) -> None:
    jbond = await connect(http, cc)
    await jbond.send("subscribeToAgentEvents")
    await jbond.send("agentLogin", agentphonenumber="9999")
    assert await jbond.expect("AgentError") == {"Error": "PhoneNumberUnknown"}
    await jbond.send("agentLogin", agentphonenumber="1000")
    assert await states(jbond, 2) == [(1, "AgentLogin"), (1, "AgentReady")]

    await jbond.send("agentLogin", agentphonenumber="1001")
    assert await jbond.expect("AgentError") == {
        "Error": "LoggedInOnAnotherPhone",
        "phoneNb": "1000",
        "RequestedNb": "1001",
    }
    await jbond.send("agentLogin", agentphonenumber="1000")  # where it is already: nothing
    await jbond.quiet()
    assert cc.cc.agent_event(cc.cc.agents[1])["phoneNb"] == "1000"

    await jbond.send("agentLogin")
    assert (await jbond.expect("Error"))["Error"] == "InvalidArgument"
    await jbond.send("agentLogin", agentphonenumber=1002)  # a number, as typed: taken as text
    assert (await jbond.expect("AgentError"))["RequestedNb"] == "1002"
    await cc.set_cc_options(agent_error_msg_type="Error")
    await jbond.send("agentLogin", agentphonenumber="4321")
    assert await jbond.expect("Error") == {"Error": "PhoneNumberUnknown"}


async def test_a_line_taken_over_logs_its_agent_out(
    cc: XucSimulator, http: aiohttp.ClientSession
) -> None:
    bob = await watcher(http, cc)
    await cc.agent("alice", "ready")
    assert await states(bob, 2) == [(2, "AgentLogin"), (2, "AgentReady")]
    jbond = await connect(http, cc)
    await jbond.send("agentLogin", agentphonenumber="1001")
    assert await states(bob, 3) == [(2, "AgentLoggedOut"), (1, "AgentLogin"), (1, "AgentReady")]
    assert cc.cc.agent_event(cc.cc.agents[1])["phoneNb"] == "1001"


async def test_supervisor_form_and_refusals(cc: XucSimulator, http: aiohttp.ClientSession) -> None:
    bob = await watcher(http, cc)
    await bob.send("agentLogin", agentid=2, agentphonenumber="1001")
    await bob.send("pauseAgent", agentid=2, reason="meeting")
    events = [await bob.expect("AgentStateEvent") for _ in range(3)]
    assert [(e["name"], e["cause"]) for e in events][-1] == ("AgentOnPause", "meeting")
    await bob.send("unpauseAgent", agentid=2)
    assert await states(bob, 1) == [(2, "AgentReady")]
    await bob.send("agentLogout", agentid=2)
    assert await states(bob, 1) == [(2, "AgentLoggedOut")]

    await bob.send("pauseAgent", agentid=99)
    assert (await bob.expect("Error"))["Error"] == "AgentNotFound"
    await bob.send("pauseAgent")  # bob is not an agent
    assert (await bob.expect("Error"))["Error"] == "NotAnAgent"
    await bob.send("pauseAgent", agentid="2")
    assert (await bob.expect("Error"))["Error"] == "InvalidArgument"
    await bob.send("pauseAgent", agentid=2, reason=5)
    assert (await bob.expect("Error"))["Error"] == "InvalidArgument"
    # Pausing a logged-out agent changes nothing.
    await bob.send("pauseAgent", agentid=2)
    await bob.send("unpauseAgent", agentid=2)
    assert of_type(await bob.drain(0.1), "AgentStateEvent") == []


async def test_user_status_pauses_and_unpauses(
    cc: XucSimulator, http: aiohttp.ClientSession
) -> None:
    await cc.agent("jbond", "ready")
    jbond = await connect(http, cc)
    other = await connect(http, cc)  # the user's second socket hears of its status too
    await jbond.send("subscribeToAgentEvents")
    await jbond.send("userStatusUpdate", status="lunch")
    paused = await jbond.expect("AgentStateEvent")
    assert (paused["name"], paused["cause"]) == ("AgentOnPause", "lunch")
    assert await jbond.expect("UserStatusUpdate") == {"status": "lunch"}
    assert await other.expect("UserStatusUpdate") == {"status": "lunch"}
    await jbond.send("userStatusUpdate", status="available")
    assert (await jbond.expect("AgentStateEvent"))["name"] == "AgentReady"
    await jbond.send("userStatusUpdate", status="beach")
    assert (await jbond.expect("Error"))["Error"] == "InvalidArgument"


async def test_subscriptions_are_per_socket(cc: XucSimulator, http: aiohttp.ClientSession) -> None:
    subscribed = await watcher(http, cc)
    silent = await connect(http, cc, "bob")
    await cc.agent("alice", "paused", "lunch")
    assert await states(subscribed, 3) == [
        (2, "AgentLogin"),
        (2, "AgentReady"),
        (2, "AgentOnPause"),
    ]
    assert of_type(await silent.drain(0.1), "AgentStateEvent") == []

    await cc.drop_connections("bob")
    again = await connect(http, cc, "bob")
    await cc.agent("alice", "ready")
    assert of_type(await again.drain(0.1), "AgentStateEvent") == []
    await again.send("subscribeToAgentEvents")
    await cc.wait_for_command("bob", "subscribeToAgentEvents")
    await cc.agent("alice", "logged_out")
    assert await states(again, 1) == [(2, "AgentLoggedOut")]


# ----------------------------------------------------------------------------- lists, membership


async def test_get_lists(cc: XucSimulator, http: aiohttp.ClientSession) -> None:
    bob = await connect(http, cc, "bob")
    await bob.send("getList", objectType="queue")
    queues = await bob.expect("QueueList")
    assert [(q["id"], q["name"], q["number"], q["displayName"]) for q in queues] == [
        (1, "sales", "3000", "Sales"),
        (2, "support", "3001", "Support"),
    ]
    await bob.send("getList", objectType="agent")
    agents = await bob.expect("AgentList")
    assert [(a["id"], a["number"], a["userId"], a["firstName"]) for a in agents] == [
        (1, "8000", 7, "James"),
        (2, "8001", 8, "Alice"),
    ]
    await bob.send("getList", objectType="queuemember")
    assert await bob.expect("QueueMemberList") == [
        {"queueId": 1, "agentId": 1, "penalty": 0},
        {"queueId": 2, "agentId": 1, "penalty": 0},
        {"queueId": 1, "agentId": 2, "penalty": 0},
    ]
    await bob.send("getList", objectType="meetme")
    assert (await bob.expect("Error"))["Error"] == "InvalidObjectType"


async def test_set_and_remove_membership(cc: XucSimulator, http: aiohttp.ClientSession) -> None:
    await cc.agent("alice", "ready")
    bob = await watcher(http, cc)
    await bob.send("getList", objectType="queuemember")
    await bob.expect("QueueMemberList")
    await bob.send("subscribeToQueueStats")
    await bob.drain(0.1)
    other = await connect(http, cc, "bob")  # did not ask for members: no QueueMember

    await bob.send("setAgentQueue", agentId=2, queueId=2, penalty=1)
    assert await bob.expect("QueueMember") == {"queueId": 2, "agentId": 2, "penalty": 1}
    assert (await bob.expect("AgentStateEvent"))["queues"] == [1, 2]
    assert await stats_frames(bob) == {2: {"AvailableAgents": 1, "LoggedAgents": 1}}

    await bob.send("removeAgentFromQueue", agentId=2, queueId=2)
    assert await bob.expect("QueueMember") == {"queueId": 2, "agentId": 2, "penalty": -1}
    assert (await bob.expect("AgentStateEvent"))["queues"] == [1]
    assert of_type(await other.drain(0.1), "QueueMember") == []

    await bob.send("setAgentQueue", agentId=2, queueId=9, penalty=0)
    assert (await bob.expect("Error"))["Error"] == "InvalidArgument"
    await bob.send("setAgentQueue", agentId=2, queueId=2, penalty=-3)
    assert (await bob.expect("Error"))["Error"] == "InvalidArgument"


# ----------------------------------------------------------------------------- statistics


async def test_statistics_snapshot_then_only_changes(
    cc: XucSimulator, http: aiohttp.ClientSession
) -> None:
    bob = await connect(http, cc, "bob")
    await bob.send("subscribeToQueueStats")
    snapshot = of_type(await bob.drain(0.15), "QueueStatistics")
    assert [body["queueId"] for body in snapshot] == [1, 2]
    assert list(counters(snapshot[0])) == COUNTERS
    assert counters(snapshot[0])["LoggedAgents"] == 0

    await cc.agent("jbond", "ready")
    changed = {"AvailableAgents": 1, "LoggedAgents": 1}
    assert await stats_frames(bob) == {1: changed, 2: changed}
    await cc.agent("jbond", "paused", "lunch")
    assert await stats_frames(bob) == {1: {"AvailableAgents": 0}, 2: {"AvailableAgents": 0}}
    await cc.agent("jbond", "paused", "meeting")  # nothing counted changes
    assert await stats_frames(bob) == {}

    await cc.queue_call("3001", "0499887766")
    assert await stats_frames(bob) == {
        2: {"WaitingCalls": 1, "TotalNumberCallsEntered": 1},
    }
    # The longest wait grows, but is not resent every second (protocol §4.4).
    assert await stats_frames(bob, 1.2) == {}
    await bob.send("getQueueStatistics", queueId=2, window=3600, xqos=60)
    one_shot = counters(await bob.expect("GetQueueStatistics"))
    assert one_shot["WaitingCalls"] == 1
    await bob.send("getQueueStatistics", queueId=5)
    assert (await bob.expect("Error"))["Error"] == "InvalidArgument"
    await bob.send("subscribeToAgentStats")  # accepted; no statistic names are known
    await cc.wait_for_command("bob", "subscribeToAgentStats")
    assert of_type(await bob.drain(0.1), "Error") == []
    await cc.queue_call("3001", "0467987654")
    second = await stats_frames(bob)
    assert second[2]["WaitingCalls"] == 2
    assert second[2]["LongestWaitTime"] >= 1  # recomputed when the calls change


async def test_abandoned_call(cc: XucSimulator, http: aiohttp.ClientSession) -> None:
    bob = await connect(http, cc, "bob")
    await bob.send("subscribeToQueueStats")
    await bob.send("subscribeToQueueCalls", queueId=1)
    assert await bob.expect("QueueCalls") == {"queueId": 1, "calls": []}
    await bob.drain(0.1)
    linked_id = await cc.queue_call("3000", "0499887766", "Caller")
    assert len((await bob.expect("QueueCalls"))["calls"]) == 1
    await bob.drain(0.1)
    await cc.queue_hangup(linked_id)
    assert await bob.expect("QueueCalls") == {"queueId": 1, "calls": []}
    assert await stats_frames(bob) == {1: {"WaitingCalls": 0, "TotalNumberCallsAbandonned": 1}}
    # A caller who waited more than 15 s counts in PercentageAbandonnedAfter15.
    late = await cc.queue_call("3000", "0467123456")
    cc.cc.queues[1].calls[0].entered_at -= 20
    await cc.queue_hangup(late)
    after = await stats_frames(bob)
    assert after[1]["TotalNumberCallsAbandonned"] == 2
    assert after[1]["PercentageAbandonnedAfter15"] == 50.0
    with pytest.raises(ValueError, match="no queue call"):
        await cc.queue_hangup(linked_id)


async def test_statistics_knobs(cc: XucSimulator, http: aiohttp.ClientSession) -> None:
    await cc.set_cc_options(
        stats_key="queueRef", stats_as_strings=True, longest_wait_name="LongestWaitingTime"
    )
    bob = await connect(http, cc, "bob")
    await bob.send("subscribeToQueueStats")
    first = await bob.expect("QueueStatistics")
    assert first["queueRef"] == "sales"
    assert "queueId" not in first
    values = counters(first)
    assert values["LongestWaitingTime"] == "0"
    assert "LongestWaitTime" not in values
    assert values["PercentageAnsweredBefore15"] == "0.0"


async def test_queue_calls_knobs(cc: XucSimulator, http: aiohttp.ClientSession) -> None:
    await cc.set_cc_options(queue_calls_shape="list", empty_queue_calls=False)
    bob = await connect(http, cc, "bob")
    await bob.send("subscribeToQueueCalls", queueId=2)
    assert await bob.expect("QueueCalls") == []
    linked_id = await cc.queue_call("support", "0499887766", "Caller")
    [call] = await bob.expect("QueueCalls")
    assert call["position"] == 1
    await cc.queue_hangup(linked_id)
    assert of_type(await bob.drain(0.1), "QueueCalls") == []  # no empty list sent


async def test_queue_calls_subscription(cc: XucSimulator, http: aiohttp.ClientSession) -> None:
    bob = await connect(http, cc, "bob")
    await bob.send("subscribeToQueueCalls", queueId=2)
    await bob.expect("QueueCalls")
    first = await cc.queue_call("3001", "0499887766", "First")
    await bob.expect("QueueCalls")
    await cc.queue_call("3001", "0467123456")
    await cc.queue_call("3000", "0467987654")  # another queue: not sent
    body = await bob.expect("QueueCalls")
    assert body["queueId"] == 2
    assert [(c["position"], c["name"], c["number"]) for c in body["calls"]] == [
        (1, "First", "0499887766"),
        (2, "", "0467123456"),
    ]
    entered = datetime.fromisoformat(body["calls"][0]["queueTime"])
    assert entered.tzinfo is not None
    assert abs((datetime.now().astimezone() - entered).total_seconds()) < 5
    assert of_type(await bob.drain(0.1), "QueueCalls") == []

    await cc.queue_hangup(first)
    body = await bob.expect("QueueCalls")
    assert [(c["position"], c["number"]) for c in body["calls"]] == [(1, "0467123456")]
    await bob.send("unSubscribeToQueueCalls", queueId=2)
    await cc.wait_for_command("bob", "unSubscribeToQueueCalls")
    await cc.queue_call("3001", "0467987654")
    assert of_type(await bob.drain(0.1), "QueueCalls") == []
    await bob.send("subscribeToQueueCalls", queueId=7)
    assert (await bob.expect("Error"))["Error"] == "InvalidArgument"


# ----------------------------------------------------------------------------- the ACD


async def test_acd_rings_times_out_moves_on_answered_wrapup_ready(
    cc: XucSimulator, http: aiohttp.ClientSession
) -> None:
    jbond = await connect(http, cc)
    alice = await connect(http, cc, "alice")
    bob = await watcher(http, cc)
    await bob.send("subscribeToQueueStats")
    await bob.send("subscribeToQueueCalls", queueId=1)
    await cc.agent("jbond", "ready")
    await cc.agent("alice", "ready")
    await bob.drain(0.15)

    linked_id = await cc.queue_call("3000", "0499887766", "Mr Caller")
    ringing = await jbond.expect("PhoneEvent")
    assert (ringing["eventType"], ringing["queueName"], ringing["linkedId"]) == (
        "EventRinging",
        "sales",
        linked_id,
    )
    assert (ringing["otherDN"], ringing["otherDName"]) == ("0499887766", "Mr Caller")
    event = await bob.expect("AgentStateEvent")
    assert (event["agentId"], event["name"], event["acd"]) == (1, "AgentRinging", True)

    # Nobody answers: after the queue's ring timeout the call leaves jbond and rings alice.
    assert (await jbond.expect("PhoneEvent", 1.0))["eventType"] == "EventReleased"
    ringing = await alice.expect("PhoneEvent")
    assert (ringing["eventType"], ringing["queueName"]) == ("EventRinging", "sales")
    assert await states(bob, 2) == [(1, "AgentReady"), (2, "AgentRinging")]

    await alice.send("answer")
    assert (await alice.expect("PhoneEvent"))["eventType"] == "EventEstablished"
    frames = await bob.drain(0.15)
    [on_call] = of_type(frames, "AgentStateEvent")
    assert (on_call["agentId"], on_call["name"], on_call["acd"], on_call["direction"]) == (
        2,
        "AgentOnCall",
        True,
        "Incoming",
    )
    assert of_type(frames, "QueueCalls")[-1] == {"queueId": 1, "calls": []}
    merged: dict[str, Any] = {}
    for body in of_type(frames, "QueueStatistics"):
        if body["queueId"] == 1:
            merged |= counters(body)
    assert merged["WaitingCalls"] == 0
    assert merged["TalkingAgents"] == 1
    assert merged["TotalNumberCallsAnswered"] == 1
    assert merged["PercentageAnsweredBefore15"] == 100.0

    await alice.send("hangup")
    assert await states(bob, 1) == [(2, "AgentOnWrapup")]
    assert await states(bob, 1, within=1.0) == [(2, "AgentReady")]
    with pytest.raises(ValueError, match="no queue call"):
        await cc.queue_hangup(linked_id)


async def test_a_call_waits_for_a_ready_agent(
    cc: XucSimulator, http: aiohttp.ClientSession
) -> None:
    jbond = await connect(http, cc)
    await cc.agent("jbond", "paused", "lunch")
    await cc.queue_call("3001", "0499887766")
    await jbond.no_phone_event(0.1)
    await cc.agent("jbond", "ready")
    assert (await jbond.expect("PhoneEvent"))["queueName"] == "support"
    # A pause while it rings takes the call back (it waits again: nobody else is in Support).
    await cc.agent("jbond", "paused")
    assert (await jbond.expect("PhoneEvent"))["eventType"] == "EventReleased"
    await jbond.no_phone_event(0.1)  # not offered back to the paused agent
    assert len(cc.cc.queues[2].calls) == 1
    assert cc.pbx.current_calls("jbond") == []
    await cc.agent("jbond", "ready")
    assert (await jbond.expect("PhoneEvent"))["eventType"] == "EventRinging"


async def test_a_logout_while_it_rings_moves_the_call_on(
    cc: XucSimulator, http: aiohttp.ClientSession
) -> None:
    jbond = await connect(http, cc)
    alice = await connect(http, cc, "alice")
    await cc.agent("jbond", "ready")
    await cc.agent("alice", "ready")
    await cc.queue_call("3000", "0499887766")
    assert (await jbond.expect("PhoneEvent"))["eventType"] == "EventRinging"
    await jbond.send("agentLogout")
    assert (await jbond.expect("PhoneEvent"))["eventType"] == "EventReleased"
    assert (await alice.expect("PhoneEvent"))["eventType"] == "EventRinging"
    await jbond.no_phone_event(0.1)
    # Bulk mode replaces everything: the ringing leg ends, and nothing rings again.
    await cc.cc_bulk(queues=2, agents=2)
    assert (await alice.expect("PhoneEvent"))["eventType"] == "EventReleased"
    await alice.no_phone_event(0.1)
    assert cc.pbx.current_calls("alice") == []


async def test_the_caller_hangs_up_during_the_call(
    cc: XucSimulator, http: aiohttp.ClientSession
) -> None:
    jbond = await watcher(http, cc, "jbond")
    await cc.agent("jbond", "ready")
    linked_id = await cc.queue_call("3000", "0499887766")
    await jbond.expect("PhoneEvent")
    await cc.remote_answer("jbond")
    await cc.queue_hangup(linked_id)
    names = [e["name"] for e in of_type(await jbond.drain(0.1), "AgentStateEvent")]
    assert names[-2:] == ["AgentOnCall", "AgentOnWrapup"]
    # An unpause ends the wrap-up early.
    await jbond.send("unpauseAgent")
    assert (await jbond.expect("AgentStateEvent"))["name"] == "AgentReady"


async def test_the_caller_hangs_up_while_it_rings(
    cc: XucSimulator, http: aiohttp.ClientSession
) -> None:
    jbond = await watcher(http, cc, "jbond")
    await cc.agent("jbond", "ready")
    linked_id = await cc.queue_call("3000", "0499887766")
    await jbond.expect("PhoneEvent")
    await cc.queue_hangup(linked_id)
    assert (await jbond.expect("PhoneEvent"))["eventType"] == "EventReleased"
    names = [e["name"] for e in of_type(await jbond.drain(0.1), "AgentStateEvent")]
    assert names[-1] == "AgentReady"
    assert cc.cc.queues[1].abandoned == 1


async def test_own_calls_show_in_the_agent_state(
    cc: XucSimulator, http: aiohttp.ClientSession
) -> None:
    jbond = await watcher(http, cc, "jbond")
    await cc.agent("jbond", "ready")
    await jbond.drain(0.1)
    await jbond.send("dial", destination="0499887766")
    dialing = await jbond.expect("AgentStateEvent")
    assert (dialing["name"], dialing["acd"], dialing["direction"]) == (
        "AgentDialing",
        False,
        "Outgoing",
    )
    await cc.remote_answer("jbond")
    assert (await jbond.expect("AgentStateEvent"))["name"] == "AgentOnCall"
    # Hold and back: still on a call, so no AgentStateEvent (events only on change).
    await jbond.send("hold")
    await jbond.send("hold")
    frames = await jbond.drain(0.15)
    assert [e["eventType"] for e in of_type(frames, "PhoneEvent")] == [
        "EventOnHold",
        "EventEstablished",
    ]
    assert of_type(frames, "AgentStateEvent") == []
    await cc.remote_hangup("jbond")
    assert (await jbond.expect("AgentStateEvent"))["name"] == "AgentReady"  # no wrap-up


# ----------------------------------------------------------------------------- HTTP control


async def test_http_controls(cc: XucSimulator, http: aiohttp.ClientSession) -> None:
    async def post(action: str, body: dict[str, Any]) -> tuple[int, Any]:
        response = await http.post(f"{cc.url}/_sim/{action}", json=body)
        return response.status, await response.json()

    assert await post("agent", {"username": "alice", "state": "paused", "reason": "lunch"}) == (
        200,
        {"result": "AgentOnPause"},
    )
    status, body = await post("agent", {"username": "alice", "state": "away"})
    assert (status, body["error"]) == (400, "InvalidArguments")
    status, body = await post("agent", {"username": "bob", "state": "ready"})
    assert (status, body["error"]) == (400, "InvalidArguments")
    status, body = await post("agent", {"username": "nobody"})
    assert status == 404
    status, body = await post("agent", {"agent_id": 9})
    assert status == 400
    status, body = await post("agent", {})
    assert status == 400

    status, body = await post("queue_call", {"queue": "3000", "caller_number": "0499887766"})
    assert status == 200
    linked_id = body["result"]
    status, body = await post("queue_call", {"queue": "4000", "caller_number": "0499887766"})
    assert (status, body["error"]) == (400, "InvalidArguments")

    state = await (await http.get(f"{cc.url}/_sim/state")).json()
    centre = state["contactCentre"]
    assert centre["agents"]["2"]["name"] == "AgentOnPause"
    assert centre["agents"]["2"]["username"] == "alice"
    assert centre["queues"]["1"]["counters"]["WaitingCalls"] == 1
    assert centre["queues"]["1"]["calls"]["calls"][0]["number"] == "0499887766"
    assert await post("queue_hangup", {"linked_id": linked_id}) == (200, {"result": None})

    status, body = await post("set_cc_options", {"wrapup_time": 3, "stats_as_strings": True})
    assert status == 200
    assert body["result"]["wrapup_time"] == 3.0
    assert cc.cc.options.stats_as_strings is True
    for bad in (
        {"colour": "blue"},
        {"wrapup_time": -1},
        {"wrapup_time": True},
        {"stats_as_strings": "yes"},
        {"stats_key": "queueName"},
        {"agent_error_msg_type": 3},
    ):
        status, body = await post("set_cc_options", bad)
        assert (status, body["error"]) == (400, "InvalidArguments"), bad
    assert cc.cc.options.wrapup_time == 3.0


# ----------------------------------------------------------------------------- bulk mode


async def test_bulk_queues_agents_and_a_statistics_burst(
    cc: XucSimulator, http: aiohttp.ClientSession
) -> None:
    await cc.cc_bulk(queues=50, agents=300)
    bob = await connect(http, cc, "bob")
    await bob.send("getList", objectType="queue")
    assert len(await bob.expect("QueueList")) == 50
    await bob.send("getList", objectType="agent")
    assert len(await bob.expect("AgentList")) == 300
    await bob.send("subscribeToQueueStats")
    snapshot = [await bob.expect("QueueStatistics") for _ in range(50)]
    # Each agent is in two queues: 12 members a queue, all logged in and ready.
    assert {counters(body)["LoggedAgents"] for body in snapshot} == {12}
    assert {counters(body)["AvailableAgents"] for body in snapshot} == {0}  # no line to ring

    result = await cc.stats_burst(rate=2000, count=500, counters=10)
    assert result["sent"] == 500
    assert result["seconds"] >= 0.2  # paced: 500 frames at 2,000/s
    frames = [await bob.expect("QueueStatistics") for _ in range(500)]
    seen = {(f["queueId"], f["counters"][0]["statName"]) for f in frames}
    assert len(seen) == 500  # 50 queues x 10 counters, each updated once
    assert all(len(f["counters"]) == 1 for f in frames)
    await cc.set_cc_options(stats_key="queueRef", stats_as_strings=True)
    await cc.stats_burst(rate=10_000, count=1, counters=1)
    assert await bob.expect("QueueStatistics") == {
        "queueRef": "queue001",
        "counters": [{"statName": "WaitingCalls", "value": "2"}],  # the 2nd burst's update
    }
    await cc.queue_call("3001", "0499887766")  # nobody can take it: agents without lines
    await cc.cc_bulk(queues=2, agents=2, logged_in=False)  # replaced, waiting call included
    assert cc.cc.queues[2].calls == []
    await cc.cc_bulk(queues=50, agents=300)
    await cc.agent(agent_id=300, state="paused", reason="lunch")
    assert cc.cc.agent_event(cc.cc.agents[300])["phoneNb"] == "8299"
    with pytest.raises(ValueError, match="rate"):
        await cc.stats_burst(rate=0)
    with pytest.raises(ValueError, match="queue"):
        await cc.cc_bulk(queues=0)
