"""Field defects of the link: a stuck upgrade, reconnect storms, late replies, refusals.

Each runs against a tiny real server on loopback that plays the fault.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time

from aiohttp import web
import orjson
import pytest

from custom_components.xivo.xuc import (
    CallEventType,
    UpdateKind,
    XucCommandError,
    XucConnectionError,
    XucTimeoutError,
)
from tests.common import wait_for
from tests.conftest import FAST_TIMINGS
from tests.xuc.conftest import frame

PATIENT = dataclasses.replace(FAST_TIMINGS, request_timeout=0.3, dead_after=5)
CONTACT = {"headers": ["Firstname", "Lastname", "Number"]}


def directory(*entries: tuple[str, str, str]) -> dict[str, object]:
    return frame(
        "DirectoryResult",
        CONTACT | {"entries": [{"status": 0, "entry": list(entry)} for entry in entries]},
    )


async def sync(ws: web.WebSocketResponse) -> None:
    """Play the start of a session: LoggedOn, then the current-calls reply."""
    await ws.send_json(frame("LoggedOn", {}))
    async for message in ws:
        if "getCurrentCallsPhoneEvents" in message.data:
            await ws.send_json(frame("CurrentCallsPhoneEvents", {"events": []}))
            return


async def commands(ws: web.WebSocketResponse):  # type: ignore[no-untyped-def]
    """The commands the client sends after the sync, pings left out."""
    async for message in ws:
        command = orjson.loads(message.data)
        if command.get("claz") != "ping":
            yield command


# -- every network step has its own bound -----------------------------------------------------


async def test_a_websocket_upgrade_that_never_answers_fails_in_time(serve) -> None:
    """Login answers, the upgrade hangs (a stuck XUC behind the web front)."""

    release = asyncio.Event()

    async def stuck(_: web.Request) -> web.Response:
        await release.wait()
        return web.Response(status=503)

    client = await serve(cti=stuck)
    started = time.monotonic()
    # Without a bound of its own the upgrade waits for the session's timeout (5 minutes
    # in Home Assistant, none here): the outer limit turns that into a failure.
    async with asyncio.timeout(5):
        with pytest.raises(XucConnectionError, match="in time"):
            await client.connect()
    assert time.monotonic() - started < 2
    assert not client.connected
    release.set()


# -- a session that dies at once counts as a failure ------------------------------------------


async def test_sessions_closed_right_after_the_sync_are_retried_with_backoff(serve) -> None:
    sessions = 0

    async def close_after_sync(ws: web.WebSocketResponse) -> None:
        nonlocal sessions
        sessions += 1
        await sync(ws)
        await ws.close()

    timings = dataclasses.replace(FAST_TIMINGS, backoff_min=0.05, backoff_max=0.2, stable_after=1)
    client = await serve(script=close_after_sync, timings=timings)
    flips: list[bool] = []
    client.add_listener(lambda: flips.append(client.connected))
    listen = asyncio.create_task(client.listen())
    await asyncio.sleep(1.0)
    await client.close()
    assert listen.done()
    # Backoff 0.05, 0.1, 0.2, 0.2, ... s: about eight sessions in a second, where a tight loop
    # made hundreds (and flipped every entity as often).
    assert 3 <= sessions <= 12
    assert len(flips) <= 2 * sessions + 1
    assert client.last_backoff == pytest.approx(0.2, rel=0.25)


async def test_a_stable_session_resets_the_backoff(serve) -> None:
    sessions = 0

    async def one_stable_then_short(ws: web.WebSocketResponse) -> None:
        nonlocal sessions
        sessions += 1
        await sync(ws)
        if sessions == 3:
            # Lives longer than `stable_after`: the next failure starts from the shortest delay.
            await asyncio.sleep(0.4)
        await ws.close()

    timings = dataclasses.replace(
        FAST_TIMINGS, backoff_min=0.05, backoff_max=0.8, stable_after=0.3, dead_after=5
    )
    client = await serve(script=one_stable_then_short, timings=timings)
    delays: list[float] = []
    client.add_listener(lambda: delays.append(client.last_backoff), UpdateKind.CONNECTION)
    listen = asyncio.create_task(client.listen())
    await wait_for(lambda: len({delay for delay in delays if delay}) >= 3, timeout=3)
    await client.close()
    assert listen.done()
    # Two short sessions: 0.05 then 0.1 s; after the stable third one, 0.05 s again.
    await_delays = [round(delay / 0.05) for delay in dict.fromkeys(delays) if delay]
    assert await_delays[:3] == [1, 2, 1]


# -- replies carry no request id: a late one must not be served to the next request -------------


async def test_a_late_reply_is_dropped_not_served_to_the_next_request(serve) -> None:
    async def late_then_on_time(ws: web.WebSocketResponse) -> None:
        await sync(ws)
        searches = 0
        async for command in commands(ws):
            if command["command"] != "searchContacts":
                continue
            searches += 1
            if searches == 1:
                # Alice's answer comes after the client gave up on it (request_timeout 0.3 s).
                await asyncio.sleep(0.5)
                await ws.send_json(directory(("Alice", "Martin", "1001")))
            else:
                await ws.send_json(directory(("Bob", "Marley", "1002")))

    # These servers answer no ping: keep the dead-link rule out of the way.
    client = await serve(script=late_then_on_time, timings=PATIENT)
    await client.connect()
    listen = asyncio.create_task(client.listen())
    with pytest.raises(XucTimeoutError):
        await client.search_contacts("alice")
    bob = await client.search_contacts("bob")
    assert [contact.name for contact in bob.contacts] == ["Bob Marley"]
    await client.close()
    assert listen.done()


async def test_replies_in_a_burst_each_answer_their_own_request(serve) -> None:
    """Three searches answered in one burst, before any caller resumes: each gets its own."""

    async def burst(ws: web.WebSocketResponse) -> None:
        await sync(ws)
        terms: list[str] = []
        async for command in commands(ws):
            terms.append(command["term"])
            if len(terms) == 3:
                for term in terms:
                    await ws.send_json(directory((term, "", term)))

    client = await serve(script=burst, timings=PATIENT)
    await client.connect()
    listen = asyncio.create_task(client.listen())
    results = await asyncio.gather(*(client.search_contacts(term) for term in ("1", "2", "3")))
    assert [[contact.name for contact in result.contacts] for result in results] == [
        ["1"],
        ["2"],
        ["3"],
    ]
    await client.close()
    assert listen.done()


async def test_a_reply_that_never_came_stops_blocking_after_a_while(serve) -> None:
    """A dropped reply cannot make every later request fail: its place expires."""

    async def drop_first(ws: web.WebSocketResponse) -> None:
        await sync(ws)
        searches = 0
        async for command in commands(ws):
            if command["command"] == "searchContacts":
                searches += 1
                if searches > 1:
                    await ws.send_json(directory(("Bob", "Marley", "1002")))

    timings = dataclasses.replace(PATIENT, request_timeout=0.1)
    client = await serve(script=drop_first, timings=timings)
    await client.connect()
    listen = asyncio.create_task(client.listen())
    with pytest.raises(XucTimeoutError):
        await client.search_contacts("alice")
    # Past three request timeouts the lost reply's place is given up.
    await asyncio.sleep(0.35)
    bob = await client.search_contacts("bob")
    assert [contact.name for contact in bob.contacts] == ["Bob Marley"]
    await client.close()
    assert listen.done()


# -- refusals reach the caller ---------------------------------------------------------------


async def refusing_server(serve, answers: dict[str, list[dict[str, object]]], **options):  # type: ignore[no-untyped-def]
    """A server answering each command with the frames given for it (nothing otherwise)."""

    async def script(ws: web.WebSocketResponse) -> None:
        await sync(ws)
        async for command in commands(ws):
            for reply in answers.get(command["command"], []):
                await ws.send_json(reply)

    client = await serve(script=script, **options)
    await client.connect()
    return client, asyncio.create_task(client.listen())


async def test_an_error_frame_refuses_the_command_it_follows(serve) -> None:
    client, listen = await refusing_server(
        serve,
        {
            "dialByUsername": [
                frame("Error", {"Error": "UserNotFound", "message": "no user nobody"})
            ]
        },
    )
    with pytest.raises(XucCommandError) as refused:
        await client.dial_by_username("nobody")
    assert (refused.value.code, refused.value.reason) == ("UserNotFound", "no user nobody")
    assert refused.value.command == "dialByUsername"
    await client.close()
    assert listen.done()


async def test_a_failed_call_refuses_the_dial(serve) -> None:
    failure = {"eventType": "EventFailure", "DN": "1000", "otherDN": "999", "linkedId": "9.9"}
    client, listen = await refusing_server(serve, {"dial": [frame("PhoneEvent", failure)]})
    with pytest.raises(XucCommandError, match="EventFailure"):
        await client.dial("999")
    await client.close()
    assert listen.done()


async def test_a_dial_the_server_takes_returns_at_its_first_event(serve) -> None:
    dialing = {"eventType": "EventDialing", "DN": "1000", "otherDN": "1002", "linkedId": "5.5"}
    timings = dataclasses.replace(FAST_TIMINGS, refusal_wait=5)
    client, listen = await refusing_server(
        serve, {"dial": [frame("PhoneEvent", dialing)]}, timings=timings, lookup_names=False
    )
    started = time.monotonic()
    await client.dial("1002")
    # Not the 5 s refusal wait: the dialing event showed the server took the command.
    assert time.monotonic() - started < 1
    assert client.state.calls["5.5"].state.value == "dialing"
    await client.close()
    assert listen.done()


async def test_silence_is_taken_as_success_after_the_refusal_wait(serve) -> None:
    client, listen = await refusing_server(serve, {})
    started = time.monotonic()
    await client.send_dtmf("5")
    assert FAST_TIMINGS.refusal_wait <= time.monotonic() - started < 1
    await client.close()
    assert listen.done()


async def test_an_error_after_the_refusal_wait_is_logged_not_pinned_on_a_later_command(
    serve, caplog: pytest.LogCaptureFixture
) -> None:
    """An Error when nothing waits any more is only logged, naming the user; the command
    sent after it is not refused. (One arriving while another command waits would be taken
    for that one's: replies carry no id, README's Known limitations says so.)"""

    async def script(ws: web.WebSocketResponse) -> None:
        await sync(ws)
        async for command in commands(ws):
            if command["command"] == "sendDtmf":
                await asyncio.sleep(0.2)  # refusal_wait is 0.1 s
                await ws.send_json(frame("Error", {"Error": "Late", "message": "too late"}))

    client = await serve(script=script)
    await client.connect()
    listen = asyncio.create_task(client.listen())
    await client.send_dtmf("5")
    await wait_for(lambda: "refused a command" in caplog.text)
    assert "The XUC server refused a command of jbond: Late too late" in caplog.text
    await client.set_data({"k": "v"})
    await client.close()
    assert listen.done()


async def test_a_refusal_while_a_request_waits_fails_that_request(serve) -> None:
    client, listen = await refusing_server(
        serve, {"getUserCallHistory": [frame("Error", {"Error": "NotAllowed"})]}
    )
    with pytest.raises(XucCommandError, match="NotAllowed"):
        await client.get_call_history(5)
    await client.close()
    assert listen.done()


async def test_a_failed_call_event_is_still_a_call_event(serve) -> None:
    failure = {"eventType": "EventFailure", "DN": "1000", "otherDN": "999", "linkedId": "9.9"}
    client, listen = await refusing_server(serve, {"dial": [frame("PhoneEvent", failure)]})
    seen: list[CallEventType] = []
    client.add_call_listener(lambda change: seen.append(change.event.event_type))
    with pytest.raises(XucCommandError):
        await client.dial("999")
    await wait_for(lambda: seen)
    assert seen == [CallEventType.FAILURE]
    await client.close()
    assert listen.done()
