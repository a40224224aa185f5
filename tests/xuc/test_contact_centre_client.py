"""The client's contact centre against the simulator, over real loopback sockets.

jbond is agent 8000 (id 1) in Sales (id 1) and Support (id 2); alice agent 8001 in Sales; bob
is not an agent (the simulator's demo data, DESIGN.md).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
import pytest

from custom_components.xivo.xuc import (
    AgentStateName,
    UpdateKind,
    XucAgentError,
    XucClient,
    XucCommandError,
    XucNotAnAgentError,
)
from simulator import XucSimulator
from simulator.agents import CcOptions
from tests.common import wait_for
from tests.conftest import FAST_TIMINGS, StartSimulator

type Connect = Callable[..., Awaitable[XucClient]]


@pytest.fixture
async def connect(
    http_session: aiohttp.ClientSession, xuc_server: XucSimulator
) -> AsyncIterator[Connect]:
    """Connect a user to the simulator, its link kept alive in the background."""
    clients: list[tuple[XucClient, asyncio.Task[None]]] = []

    async def start(
        username: str = "jbond", server: XucSimulator = xuc_server, **options: Any
    ) -> XucClient:
        client = XucClient(
            http_session,
            "127.0.0.1",
            username,
            "secret",
            port=server.port,
            timings=FAST_TIMINGS,
            **options,
        )
        await client.connect()
        clients.append((client, asyncio.create_task(client.listen())))
        return client

    yield start
    for client, task in clients:
        await client.close()
        assert task.done()


def commands_of(server: XucSimulator, username: str = "jbond") -> list[tuple[str, Any]]:
    return [
        (frame["command"], frame.get("objectType", frame.get("queueId")))
        for frame in server.frames(username)
    ]


SESSION_FRAMES = [
    ("getList", "queue"),
    ("getList", "queuemember"),
    ("subscribeToQueueStats", None),
]
AGENT_FRAMES = [("getList", "agent"), ("getAgentStates", None), ("subscribeToAgentEvents", None)]


async def test_an_agent_sees_its_agent_queues_and_pause_reasons(
    connect: Connect, xuc_server: XucSimulator
) -> None:
    client = await connect()
    contact_centre = client.state.contact_centre
    await wait_for(lambda: contact_centre.agent is not None)
    assert contact_centre.agent_id == 1
    assert contact_centre.agent_number == "8000"
    assert contact_centre.agent is not None
    assert contact_centre.agent.name is AgentStateName.LOGGED_OUT
    assert {queue.id: queue.label for queue in contact_centre.queues.values()} == {
        1: "Sales",
        2: "Support",
    }
    assert contact_centre.agent_queue_ids == (1, 2)
    assert [(s.name, s.label) for s in contact_centre.pause_reasons] == [
        ("lunch", "Lunch"),
        ("meeting", "Meeting"),
    ]
    # Every counter of every queue, once subscribed.
    await wait_for(lambda: len(contact_centre.queue_state(2).counters) >= 10)
    assert contact_centre.queue_state(1).waiting_calls == 0
    assert contact_centre.queue_state(1).longest_wait_since is None


async def test_an_agent_logs_in_pauses_for_lunch_and_logs_out(
    connect: Connect, xuc_server: XucSimulator
) -> None:
    client = await connect()
    contact_centre = client.state.contact_centre
    await wait_for(lambda: contact_centre.agent is not None)
    seen: list[AgentStateName] = []
    client.add_listener(
        lambda: seen.append(contact_centre.agent.name),  # type: ignore[union-attr]
        UpdateKind.AGENT,
    )

    await client.agent_login()
    # The command returns once the server shows the agent in: no wait needed.
    assert contact_centre.agent is not None
    assert contact_centre.agent.name is AgentStateName.READY
    await wait_for(lambda: seen[-1:] == [AgentStateName.READY])
    assert contact_centre.agent.phone_number == "1000"  # the user's own line, by default
    assert contact_centre.agent.since is not None

    await client.agent_pause("lunch")
    assert (contact_centre.agent.name, contact_centre.agent.cause) == (
        AgentStateName.PAUSED,
        "lunch",
    )
    await client.agent_unpause()
    assert (contact_centre.agent.name, contact_centre.agent.cause) == (AgentStateName.READY, None)
    await client.agent_pause()
    assert contact_centre.agent.name is AgentStateName.PAUSED
    await client.agent_logout()
    assert contact_centre.agent.name is AgentStateName.LOGGED_OUT
    assert contact_centre.agent.phone_number is None
    # Each state once: the transient AgentLogin counts as ready, and is not told twice.
    await wait_for(lambda: seen[-1:] == [AgentStateName.LOGGED_OUT])
    assert seen == [
        AgentStateName.READY,
        AgentStateName.PAUSED,
        AgentStateName.READY,
        AgentStateName.PAUSED,
        AgentStateName.LOGGED_OUT,
    ]
    assert xuc_server.frames("jbond")[-5:] == [
        {"claz": "web", "command": "agentLogin", "agentphonenumber": "1000"},
        {"claz": "web", "command": "pauseAgent", "reason": "lunch"},
        {"claz": "web", "command": "unpauseAgent"},
        {"claz": "web", "command": "pauseAgent"},
        {"claz": "web", "command": "agentLogout"},
    ]


async def test_a_login_refused_by_an_agent_error_reaches_the_caller(
    connect: Connect, xuc_server: XucSimulator
) -> None:
    client = await connect()
    await wait_for(lambda: client.state.contact_centre.agent is not None)
    with pytest.raises(XucAgentError) as err:
        await client.agent_login("9999")
    assert (err.value.code, err.value.command) == ("PhoneNumberUnknown", "agentLogin")

    await client.agent_login("1000")
    with pytest.raises(XucAgentError) as err:
        await client.agent_login("1001")
    assert (err.value.code, err.value.phone_number, err.value.requested_number) == (
        "LoggedInOnAnotherPhone",
        "1000",
        "1001",
    )
    assert err.value.reason == "LoggedInOnAnotherPhone"
    # The agent stays where it was.
    assert client.state.contact_centre.agent is not None
    assert client.state.contact_centre.agent.phone_number == "1000"


async def test_a_user_who_is_not_an_agent(connect: Connect, xuc_server: XucSimulator) -> None:
    client = await connect("bob")
    for command in (
        client.agent_login(),
        client.agent_logout(),
        client.agent_pause("lunch"),
        client.agent_unpause(),
    ):
        with pytest.raises(XucNotAnAgentError, match="bob is not a contact-centre agent"):
            await command
    assert not client.state.contact_centre.is_agent
    # Nothing sent for an agent: no agent command, no agent feed.
    commands = [command for command, _ in commands_of(xuc_server, "bob")]
    assert not {"agentLogin", "getAgentStates", "subscribeToAgentEvents"} & set(commands)
    # The queues are still there for a user who is not an agent.
    await wait_for(lambda: len(client.state.contact_centre.queues) == 2)
    assert client.state.contact_centre.agent_queue_ids == ()


async def test_every_subscription_is_repeated_after_a_reconnect(
    connect: Connect, xuc_server: XucSimulator
) -> None:
    client = await connect(watched_queues=(1,))
    contact_centre = client.state.contact_centre
    await wait_for(lambda: contact_centre.agent is not None)
    await client.agent_login()
    xuc_server.clear_frames("jbond")

    await xuc_server.drop_connections("jbond")
    await wait_for(lambda: not client.connected)
    await wait_for(lambda: client.connected)
    await wait_for(lambda: ("subscribeToAgentEvents", None) in commands_of(xuc_server))
    assert commands_of(xuc_server) == [
        ("getConfig", "line"),
        *SESSION_FRAMES,
        # Known to be an agent from the first session: asked in the sync.
        *AGENT_FRAMES,
        ("subscribeToQueueCalls", 1),
        ("getCurrentCallsPhoneEvents", None),
    ]
    # And the new session's feeds work: a caller in Sales is counted and listed.
    await xuc_server.queue_call("3000", "0612345678", "Q Branch")
    await wait_for(lambda: contact_centre.queue_state(1).calls)
    assert [(c.position, c.number, c.name) for c in contact_centre.queue_state(1).calls or ()] == [
        (1, "0612345678", "Q Branch")
    ]
    await wait_for(lambda: contact_centre.agent.name is AgentStateName.RINGING)  # type: ignore[union-attr]
    assert contact_centre.agent is not None
    assert contact_centre.agent.acd is True


async def test_queue_listeners_hear_their_queue_once_per_change(
    connect: Connect, xuc_server: XucSimulator
) -> None:
    client = await connect("bob")
    contact_centre = client.state.contact_centre
    await wait_for(lambda: len(contact_centre.queue_state(1).counters) >= 10)
    sales: list[int | None] = []
    support: list[int | None] = []
    client.add_listener(
        lambda: sales.append(contact_centre.queue_state(1).waiting_calls),
        UpdateKind.QUEUE,
        key="1",
    )
    client.add_listener(lambda: support.append(0), UpdateKind.QUEUE, key="2")
    # Nobody is logged in: the caller waits in Sales.
    started = datetime.now(UTC)
    await xuc_server.queue_call("sales", "0612345678")
    await wait_for(lambda: sales[-1:] == [1])
    queue = contact_centre.queue_state(1)
    assert queue.longest_wait_since is not None
    assert started - timedelta(seconds=1) <= queue.longest_wait_since <= datetime.now(UTC)
    heard = len(sales)
    # The same counters pushed again change nothing: no listener is called.
    frame = {
        "msgType": "QueueStatistics",
        "ctiMessage": {"queueId": 1, "counters": [{"statName": "WaitingCalls", "value": 1}]},
    }
    await xuc_server.send_frame("bob", frame)
    await xuc_server.send_frame("bob", frame | {"ctiMessage": {"queueId": 1, "counters": []}})
    marker = frame | {"ctiMessage": {"queueId": 1, "counters": [{"statName": "X", "value": 1}]}}
    await xuc_server.send_frame("bob", marker)
    await wait_for(lambda: "X" in queue.counters)
    assert len(sales) == heard + 1  # the marker only
    assert support == []


async def test_watched_queues_can_change(connect: Connect, xuc_server: XucSimulator) -> None:
    client = await connect("bob", watched_queues=(1,))
    contact_centre = client.state.contact_centre
    await wait_for(lambda: contact_centre.queue_state(1).calls == ())
    assert client.watched_queues == {1}
    xuc_server.clear_frames("bob")
    await client.watch_queues([2])
    await wait_for(lambda: contact_centre.queue_state(2).calls == ())
    assert xuc_server.frames("bob") == [
        {"claz": "web", "command": "unSubscribeToQueueCalls", "queueId": 1},
        {"claz": "web", "command": "subscribeToQueueCalls", "queueId": 2},
    ]
    # No longer followed: its list is not kept to go stale.
    assert contact_centre.queue_state(1).calls is None
    await xuc_server.queue_call("sales", "0612345678")
    await xuc_server.queue_call("support", "0698765432")
    await wait_for(lambda: contact_centre.queue_state(2).calls)
    assert contact_centre.queue_state(1).calls is None

    # While the link is down the change is kept for the next session.
    await client.close()
    await client.watch_queues([1, 2])
    assert client.watched_queues == {1, 2}


async def test_set_user_status(connect: Connect, xuc_server: XucSimulator) -> None:
    client = await connect()
    await client.agent_login()
    await client.set_user_status("lunch")
    contact_centre = client.state.contact_centre
    await wait_for(lambda: contact_centre.user_status == "lunch")
    await wait_for(lambda: contact_centre.agent.cause == "lunch")  # type: ignore[union-attr]
    assert xuc_server.frames("jbond")[-1] == {
        "claz": "web",
        "command": "userStatusUpdate",
        "status": "lunch",
    }


async def test_an_agent_error_nobody_waits_for_is_logged(
    connect: Connect, xuc_server: XucSimulator, caplog: pytest.LogCaptureFixture
) -> None:
    client = await connect()
    await xuc_server.send_frame(
        "jbond", {"msgType": "AgentError", "ctiMessage": {"Error": "PhoneNumberUnknown"}}
    )
    await wait_for(lambda: "PhoneNumberUnknown" in caplog.text)
    assert client.connected


# -- the protocol's open points ([R]), each a knob of the simulator ---------------------------


@pytest.mark.parametrize(
    "knobs",
    [
        pytest.param({"stats_key": "queueRef"}, id="queueRef"),
        pytest.param({"stats_as_strings": True}, id="numeric-strings"),
        pytest.param({"longest_wait_name": "LongestWaitingTime"}, id="LongestWaitingTime"),
        pytest.param({"queue_calls_shape": "list"}, id="bare-queue-calls"),
        pytest.param({"logged_out_phone_nb": "null"}, id="phoneNb-null"),
        pytest.param({"agent_login_event": False, "send_since": False}, id="no-AgentLogin"),
    ],
)
async def test_open_points(
    connect: Connect, start_simulator: StartSimulator, knobs: dict[str, Any]
) -> None:
    server = await start_simulator(cc_options=CcOptions(**knobs))
    client = await connect(server=server, watched_queues=(1,))
    contact_centre = client.state.contact_centre
    await wait_for(lambda: contact_centre.agent is not None)
    assert contact_centre.agent is not None
    assert contact_centre.agent.phone_number is None
    await client.agent_login()
    assert contact_centre.agent.name is AgentStateName.READY
    await client.agent_pause("lunch")
    await server.queue_call("sales", "0612345678", "Q Branch")
    await wait_for(lambda: contact_centre.queue_state(1).waiting_calls == 1)
    queue = contact_centre.queue_state(1)
    await wait_for(lambda: queue.calls)
    assert [(c.number, c.name) for c in queue.calls or ()] == [("0612345678", "Q Branch")]
    assert queue.calls is not None
    assert queue.calls[0].queue_time is not None
    assert queue.calls[0].queue_time.tzinfo is not None
    assert "LongestWaitTime" in queue.counters
    assert "LongestWaitingTime" not in queue.counters
    assert queue.longest_wait_since is not None
    assert contact_centre.queue_state(2).waiting_calls == 0


@pytest.mark.parametrize("non_agent_id", ["zero", "missing", "null"])
async def test_agent_id_zero_missing_or_null_is_not_an_agent(
    connect: Connect, start_simulator: StartSimulator, non_agent_id: str
) -> None:
    server = await start_simulator(cc_options=CcOptions(non_agent_id=non_agent_id))  # type: ignore[arg-type]
    client = await connect("bob", server=server)
    assert client.state.user is not None
    assert not client.state.contact_centre.is_agent
    with pytest.raises(XucNotAnAgentError):
        await client.agent_login()


async def test_a_user_made_an_agent_while_connected(
    connect: Connect, xuc_server: XucSimulator
) -> None:
    client = await connect("bob")
    heard: list[bool] = []
    client.add_listener(
        lambda: heard.append(client.state.contact_centre.is_agent), UpdateKind.AGENT
    )
    await xuc_server.set_user_config("bob", agent_id=2)
    await wait_for(lambda: heard[:1] == [True])
    await wait_for(lambda: ("subscribeToAgentEvents", None) in commands_of(xuc_server, "bob"))
    assert commands_of(xuc_server, "bob")[-3:] == AGENT_FRAMES
    # What they answer: bob's agent (alice's agent in the demo data) and its number.
    await wait_for(lambda: client.state.contact_centre.agent is not None)
    assert client.state.contact_centre.agent_number == "8001"


async def test_an_agent_without_a_line_must_name_one(
    connect: Connect, xuc_server: XucSimulator
) -> None:
    await xuc_server.set_user_config("noline", agent_id=2)
    client = await connect("noline")
    assert client.state.contact_centre.is_agent
    with pytest.raises(XucCommandError) as err:
        await client.agent_login()
    assert (err.value.code, err.value.command) == ("NoLine", "agentLogin")
    assert "agentLogin" not in [command for command, _ in commands_of(xuc_server, "noline")]
