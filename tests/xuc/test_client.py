"""The client against the simulator, over real loopback sockets."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
import logging

import aiohttp
import pytest

from custom_components.xivo.xuc import (
    MAX_FRAME_SIZE,
    CallEvent,
    CallEventType,
    CallState,
    DirectoryResult,
    ForwardType,
    PhoneStatus,
    UpdateKind,
    XucAuthenticationError,
    XucClient,
    XucCommandError,
    XucConnectionError,
    XucNotConnectedError,
)
from simulator import XucSimulator
from tests.common import wait_for
from tests.conftest import FAST_TIMINGS


def make_client(
    session: aiohttp.ClientSession,
    server: XucSimulator,
    password: str = "secret",
    monitored: tuple[str, ...] = (),
) -> XucClient:
    return XucClient(
        session,
        "127.0.0.1",
        "jbond",
        password,
        port=server.port,
        monitored_numbers=monitored,
        timings=FAST_TIMINGS,
    )


@pytest.fixture
async def client(
    http_session: aiohttp.ClientSession, xuc_server: XucSimulator
) -> AsyncIterator[XucClient]:
    """A connected client whose link is kept alive in the background."""
    client = make_client(http_session, xuc_server, monitored=("1001", "1002"))
    await client.connect()
    task = asyncio.create_task(client.listen())
    yield client
    await client.close()
    assert task.done()


@pytest.fixture
def call_events(client: XucClient) -> list[CallEvent]:
    events: list[CallEvent] = []
    client.add_call_listener(events.append)
    return events


def kinds(events: list[CallEvent]) -> list[tuple[CallEventType, bool]]:
    return [(change.event.event_type, change.missed) for change in events]


async def test_connect_syncs_the_line(http_session, xuc_server: XucSimulator) -> None:
    client = make_client(http_session, xuc_server, monitored=("1001",))
    await client.connect()
    try:
        assert client.connected
        state = client.state
        assert state.user is not None
        assert state.user.full_name == "James Bond"
        assert state.user.user_id == 7
        assert state.dnd is False
        assert state.forward(ForwardType.UNCONDITIONAL) is not None
        assert state.phone_status is PhoneStatus.AVAILABLE
        assert state.call_state is CallState.IDLE
        assert state.line is not None
        assert state.line.number == "1000"
        assert state.hints == {"1001": PhoneStatus.AVAILABLE}
        # jbond is agent 1: once the UserConfigUpdate of the sync says so, its agent's
        # number, state and changes are asked for too.
        await wait_for(lambda: len(xuc_server.frames("jbond")) == 9)
        assert [frame["command"] for frame in xuc_server.frames("jbond")] == [
            "getConfig",
            "subscribeToPhoneHints",
            "getList",
            "getList",
            "subscribeToQueueStats",
            "getCurrentCallsPhoneEvents",
            "getList",
            "getAgentStates",
            "subscribeToAgentEvents",
        ]
        assert xuc_server.frames("jbond")[1]["phoneNumbers"] == ["1001"]
    finally:
        await client.close()
    assert not client.connected


async def test_a_call_from_ring_to_hangup(
    client: XucClient, xuc_server: XucSimulator, call_events: list[CallEvent]
) -> None:
    linked_id = await xuc_server.incoming_call(
        "jbond", "0612345678", "Q Branch", queue_name="support"
    )
    await wait_for(lambda: client.state.call_state is CallState.RINGING)
    call = client.state.current_call
    assert call is not None
    assert (call.linked_id, call.other_dn, call.other_dname, call.queue_name) == (
        linked_id,
        "0612345678",
        "Q Branch",
        "support",
    )
    await wait_for(lambda: client.state.phone_status is PhoneStatus.RINGING)

    await client.answer()
    await wait_for(lambda: client.state.call_state is CallState.ESTABLISHED)
    await client.hold()
    await wait_for(lambda: client.state.call_state is CallState.ON_HOLD)
    await client.hold()
    await wait_for(lambda: client.state.call_state is CallState.ESTABLISHED)
    await xuc_server.remote_hangup("jbond")
    await wait_for(lambda: client.state.call_state is CallState.IDLE)

    assert kinds(call_events) == [
        (CallEventType.RINGING, False),
        (CallEventType.ESTABLISHED, False),
        (CallEventType.ON_HOLD, False),
        (CallEventType.ESTABLISHED, False),
        (CallEventType.RELEASED, False),
    ]
    assert [frame["command"] for frame in xuc_server.frames("jbond")][-3:] == [
        "answer",
        "hold",
        "hold",
    ]
    assert client.state.calls == {}


async def test_missed_call(
    client: XucClient, xuc_server: XucSimulator, call_events: list[CallEvent]
) -> None:
    await xuc_server.missed_call("jbond", "0467123456", "Pizza Roma")
    await wait_for(lambda: len(call_events) == 2)
    assert kinds(call_events) == [(CallEventType.RINGING, False), (CallEventType.RELEASED, True)]
    assert call_events[1].event.other_dname == "Pizza Roma"


async def test_dial_sends_the_exact_frame_and_tracks_the_call(
    client: XucClient, xuc_server: XucSimulator, call_events: list[CallEvent]
) -> None:
    await client.dial("1002", {"reason": "demo"})
    frame = await xuc_server.wait_for_command("jbond", "dial")
    assert frame == {
        "claz": "web",
        "command": "dial",
        "destination": "1002",
        "variables": {"reason": "demo"},
    }
    await wait_for(lambda: client.state.call_state is CallState.ESTABLISHED)
    call = client.state.current_call
    assert call is not None
    assert call.other_dn == "1002"
    assert call.user_data.get("USR_reason") == "demo"
    assert kinds(call_events) == [
        (CallEventType.DIALING, False),
        (CallEventType.ESTABLISHED, False),
    ]
    await client.hangup(call.unique_id)
    assert (await xuc_server.wait_for_command("jbond", "hangup"))["uniqueId"] == call.unique_id
    await wait_for(lambda: client.state.call_state is CallState.IDLE)
    assert call_events[-1].event.event_type is CallEventType.RELEASED
    assert not call_events[-1].missed


async def test_dnd_and_forwards_follow_the_server(
    client: XucClient, xuc_server: XucSimulator
) -> None:
    seen: list[bool | None] = []
    client.add_listener(lambda: seen.append(client.state.dnd), UpdateKind.USER_CONFIG)
    await client.set_dnd(True)
    # The command returns once the server's update confirms it.
    assert client.state.dnd is True
    await client.set_forward(ForwardType.BUSY, True, "0698765432")
    await wait_for(lambda: client.state.forward(ForwardType.BUSY).enabled)  # type: ignore[union-attr]
    # The partial update for the busy forward left the others and DND as they were.
    assert client.state.dnd is True
    assert client.state.forward(ForwardType.BUSY).destination == "0698765432"  # type: ignore[union-attr]
    assert client.state.forward(ForwardType.UNCONDITIONAL).enabled is False  # type: ignore[union-attr]
    assert seen == [True, True]
    assert xuc_server.frames("jbond")[-2:] == [
        {"claz": "web", "command": "dnd", "state": True},
        {"claz": "web", "command": "busyFwd", "state": True, "destination": "0698765432"},
    ]


async def test_hint_listeners_are_keyed_by_number(
    client: XucClient, xuc_server: XucSimulator
) -> None:
    calls: dict[str, int] = {"1001": 0, "1002": 0}
    for number in calls:
        client.add_listener(
            lambda number=number: calls.__setitem__(number, calls[number] + 1),
            UpdateKind.HINT,
            key=number,
        )
    await xuc_server.set_hint("1002", 2)
    await wait_for(lambda: client.state.hints["1002"] is PhoneStatus.BUSY)
    assert calls == {"1001": 0, "1002": 1}
    # The same status again is not a change.
    await xuc_server.set_hint("1002", 2)
    await xuc_server.set_voicemail("jbond", 1)
    await wait_for(lambda: client.state.voicemail.new == 1)
    assert calls == {"1001": 0, "1002": 1}


async def test_requests_get_their_replies(client: XucClient, xuc_server: XucSimulator) -> None:
    assert await client.get_current_calls() == ()
    await xuc_server.incoming_call("jbond", "1001", "Alice Martin")
    await wait_for(lambda: client.state.calls)
    (event,) = await client.get_current_calls()
    assert (event.event_type, event.other_dn) == (CallEventType.RINGING, "1001")
    history = await client.get_call_history(5)
    assert 0 < len(history.records) <= 5
    contacts = await client.search_contacts("alice")
    assert [contact.number for contact in contacts.contacts] == ["1001"]
    # Alice is the one calling: her phone shows as calling.
    assert contacts.contacts[0].status is PhoneStatus.CALLING


async def test_a_server_error_fails_the_pending_request(
    client: XucClient, xuc_server: XucSimulator
) -> None:
    # A search without its term: the server answers with an Error frame, not a result.
    with pytest.raises(XucCommandError) as err:
        await client._request({"claz": "web", "command": "searchContacts"}, DirectoryResult)
    assert err.value.code == "InvalidArgument"


async def test_commands_fail_clearly_while_disconnected(
    http_session, xuc_server: XucSimulator
) -> None:
    client = make_client(http_session, xuc_server)
    with pytest.raises(XucNotConnectedError):
        await client.dial("1002")
    assert xuc_server.frames("jbond") == []


async def test_reconnects_after_the_server_drops_the_link(
    client: XucClient, xuc_server: XucSimulator
) -> None:
    transitions: list[bool] = []
    client.add_listener(lambda: transitions.append(client.connected))
    assert await xuc_server.drop_connections("jbond") == 1
    await wait_for(lambda: transitions == [False, True])
    assert client.connected
    # The token was renewed through /auth/check rather than a new password login.
    assert (xuc_server.logins, xuc_server.checks) == (1, 1)
    await xuc_server.set_voicemail("jbond", 3)
    await wait_for(lambda: client.state.voicemail.new == 3)


async def test_reconnects_after_a_server_restart_and_keeps_the_call(
    client: XucClient, xuc_server: XucSimulator, call_events: list[CallEvent]
) -> None:
    await xuc_server.incoming_call("jbond", "1001", "Alice Martin")
    await xuc_server.remote_answer("jbond")
    await wait_for(lambda: client.state.call_state is CallState.ESTABLISHED)
    before = len(call_events)
    await xuc_server.restart(downtime=0.05)
    await wait_for(lambda: not client.connected)
    await wait_for(lambda: client.connected)
    assert client.state.call_state is CallState.ESTABLISHED
    assert client.state.current_call.other_dn == "1001"  # type: ignore[union-attr]
    # The call did not change while the link was down: nothing fires twice.
    assert len(call_events) == before


async def test_a_call_that_ended_during_the_outage_is_released(
    client: XucClient, xuc_server: XucSimulator, call_events: list[CallEvent]
) -> None:
    await xuc_server.incoming_call("jbond", "1001", "Alice Martin")
    await wait_for(lambda: client.state.call_state is CallState.RINGING)
    await xuc_server.set_reachable(False)
    await xuc_server.drop_connections()
    await wait_for(lambda: not client.connected)
    await xuc_server.remote_hangup("jbond")
    await xuc_server.set_reachable(True)
    await wait_for(lambda: client.connected)
    assert client.state.call_state is CallState.IDLE
    assert call_events[-1].synthetic
    assert kinds(call_events)[-1] == (CallEventType.RELEASED, True)


async def test_a_silent_link_is_detected_and_replaced(
    client: XucClient, xuc_server: XucSimulator
) -> None:
    loop = asyncio.get_running_loop()
    await xuc_server.set_silent(True)
    silent_since = loop.time()
    await wait_for(lambda: not client.connected, timeout=2)
    detected_after = loop.time() - silent_since
    # Dead after `dead_after` without a frame; pings kept going meanwhile.
    assert FAST_TIMINGS.dead_after * 0.7 <= detected_after <= FAST_TIMINGS.dead_after * 3
    await xuc_server.set_silent(False)
    await wait_for(lambda: client.connected, timeout=3)
    assert xuc_server.pings("jbond") >= 2


async def test_idle_link_stays_up_on_ping_replies(
    client: XucClient, xuc_server: XucSimulator
) -> None:
    await asyncio.sleep(FAST_TIMINGS.dead_after * 3)
    assert client.connected
    assert xuc_server.pings("jbond") >= 4
    assert xuc_server.sessions("jbond") == 1


async def test_a_refused_token_means_a_fresh_login(
    client: XucClient, xuc_server: XucSimulator
) -> None:
    await xuc_server.refuse_tokens()
    await xuc_server.drop_connections()
    await wait_for(lambda: xuc_server.logins == 2)
    await wait_for(lambda: client.connected)
    assert not client.auth_failed


async def test_wrong_password_is_an_authentication_error(
    http_session, xuc_server: XucSimulator
) -> None:
    client = make_client(http_session, xuc_server, password="wrong")
    with pytest.raises(XucAuthenticationError):
        await client.connect()
    assert not client.connected


async def test_a_changed_password_stops_the_retry_loop(
    client: XucClient, xuc_server: XucSimulator
) -> None:
    await xuc_server.set_password("jbond", "changed")
    await xuc_server.refuse_tokens()
    await xuc_server.drop_connections()
    await wait_for(lambda: client.auth_failed)
    logins = xuc_server.logins
    await asyncio.sleep(FAST_TIMINGS.backoff_max * 3)
    assert xuc_server.logins == logins
    assert not client.connected


async def test_unreachable_server_is_a_connection_error(
    http_session, xuc_server: XucSimulator
) -> None:
    await xuc_server.set_reachable(False)
    client = make_client(http_session, xuc_server)
    with pytest.raises(XucConnectionError) as err:
        await client.connect()
    assert not isinstance(err.value, XucAuthenticationError)


async def test_backoff_doubles_up_to_the_cap(client: XucClient, xuc_server: XucSimulator) -> None:
    delays: list[float] = []
    await xuc_server.set_reachable(False)
    await xuc_server.drop_connections()
    for _ in range(6):
        await wait_for(lambda: client.last_backoff not in delays, timeout=2)
        delays.append(client.last_backoff)
    assert delays[0] <= FAST_TIMINGS.backoff_min * 1.2
    assert max(delays) <= FAST_TIMINGS.backoff_max * 1.2
    assert delays[3] > delays[0] * 3
    await xuc_server.set_reachable(True)
    await wait_for(lambda: client.connected, timeout=3)


@pytest.mark.parametrize(
    "frame",
    [
        "not json at all",
        "[1, 2, 3]",
        "null",
        '{"msgType": "SomethingNew", "ctiMessage": {"x": 1}}',
        '{"msgType": "PhoneEvent", "ctiMessage": {"eventType": "EventTeleport"}}',
        '{"msgType": "PhoneEvent", "ctiMessage": "oops"}',
        '{"msgType": "VoiceMailStatusUpdate", "ctiMessage": {"newMessages": "many"}}',
        '{"msgType": "UserConfigUpdate", "ctiMessage": [1]}',
    ],
)
async def test_garbage_is_ignored(client: XucClient, xuc_server: XucSimulator, frame: str) -> None:
    await xuc_server.send_raw("jbond", frame)
    await xuc_server.set_voicemail("jbond", 4)
    await wait_for(lambda: client.state.voicemail.new == 4)
    assert client.connected
    assert client.state.user is not None
    assert client.state.user.full_name == "James Bond"
    assert xuc_server.sessions("jbond") == 1


async def test_an_oversized_frame_is_refused(client: XucClient, xuc_server: XucSimulator) -> None:
    transitions: list[bool] = []
    client.add_listener(lambda: transitions.append(client.connected))
    huge = '{"msgType":"Foo","ctiMessage":{"x":"' + "a" * MAX_FRAME_SIZE + '"}}'
    await xuc_server.send_raw("jbond", huge)
    await wait_for(lambda: transitions == [False, True], timeout=3)
    assert client.state.user is not None


async def test_close_leaves_nothing_running(http_session, xuc_server: XucSimulator) -> None:
    client = make_client(http_session, xuc_server)
    await client.connect()
    task = asyncio.create_task(client.listen())
    await asyncio.sleep(FAST_TIMINGS.ping_interval * 2)
    await client.close()
    await asyncio.sleep(0)
    assert task.done()
    assert [t for t in asyncio.all_tasks() if "xuc" in t.get_name()] == []
    await client.close()


async def test_close_during_backoff(http_session, xuc_server: XucSimulator) -> None:
    await xuc_server.set_reachable(False)
    client = make_client(http_session, xuc_server)
    task = asyncio.create_task(client.listen())
    await wait_for(lambda: client.last_backoff > 0)
    await client.close()
    assert task.done()


async def test_listener_errors_do_not_break_the_link(
    client: XucClient, xuc_server: XucSimulator, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("automation bug")

    client.add_listener(broken, UpdateKind.VOICEMAIL)
    client.add_call_listener(broken)
    client.add_conference_listener(broken)
    await xuc_server.set_voicemail("jbond", 2)
    await xuc_server.incoming_call("jbond", "1001")
    await wait_for(lambda: client.state.calls)
    await xuc_server.conference_event("jbond")
    await wait_for(lambda: "Error in a XUC conference listener" in caplog.text)
    assert client.state.voicemail.new == 2
    assert client.connected
    assert "Error in a XUC" in caplog.text


async def test_secrets_stay_out_of_the_logs(
    http_session, xuc_server: XucSimulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client = make_client(http_session, xuc_server)
    await client.connect()
    task = asyncio.create_task(client.listen())
    token = client._token
    assert token
    await xuc_server.refuse_tokens()
    await xuc_server.drop_connections()
    await wait_for(lambda: xuc_server.logins == 2 and client.connected)
    await client.close()
    assert task.done()
    assert "secret" not in caplog.text
    assert token not in caplog.text
    assert client._token not in caplog.text  # type: ignore[operator]


def test_listener_removal() -> None:
    client = XucClient(None, "h", "u", "p")  # type: ignore[arg-type]
    seen: list[str] = []
    remove: Callable[[], None] = client.add_listener(lambda: seen.append("x"), UpdateKind.CALLS)
    client._connected = True
    client._notify(UpdateKind.CALLS)
    remove()
    client._notify(UpdateKind.CALLS)
    assert seen == ["x"]


async def test_queue_dial_microphone_and_history_by_days(
    client: XucClient, xuc_server: XucSimulator
) -> None:
    await client.dial_from_queue("1002", 3, "Support", "0467000000")
    assert await xuc_server.wait_for_command("jbond", "dialFromQueue") == {
        "claz": "web",
        "command": "dialFromQueue",
        "destination": "1002",
        "queueId": 3,
        "callerIdName": "Support",
        "callerIdNumber": "0467000000",
    }
    await wait_for(lambda: client.state.call_state is CallState.ESTABLISHED)
    await client.toggle_microphone()
    assert await xuc_server.wait_for_command("jbond", "toggleMicrophone") == {
        "claz": "web",
        "command": "toggleMicrophone",
    }
    await xuc_server.remote_hangup("jbond")
    await wait_for(lambda: client.state.call_state is CallState.IDLE)
    recent = await client.get_call_history_by_days(1)
    everything = await client.get_call_history(500)
    assert recent.records
    assert recent.records[0].fields["dstNum"] == "1002"
    assert len(recent.records) <= len(everything.records)
