"""Server misbehaviour the simulator does not play: a tiny real server per fault, on loopback."""

from __future__ import annotations

import asyncio

from aiohttp import web
import pytest

from custom_components.xivo.xuc import (
    CallEvent,
    CallState,
    XucConnectionError,
    XucTimeoutError,
    XucTokenRefusedError,
)
from tests.common import wait_for
from tests.xuc.conftest import frame

RINGING = {
    "eventType": "EventRinging",
    "DN": "1000",
    "otherDN": "1001",
    "linkedId": "1.1",
    "uniqueId": "1.1",
    "callDirection": "Incoming",
}


async def test_a_login_answer_that_is_not_json(serve) -> None:
    async def broken(_: web.Request) -> web.Response:
        return web.Response(status=502, text="<html>Bad gateway</html>")

    client = await serve(login=broken)
    with pytest.raises(XucConnectionError, match="HTTP 502"):
        await client.connect()


@pytest.mark.parametrize(
    ("status", "error"), [(401, XucTokenRefusedError), (500, XucConnectionError)]
)
async def test_a_refused_websocket_upgrade(serve, status: int, error: type[Exception]) -> None:
    async def refuse(_: web.Request) -> web.Response:
        return web.json_response({"error": "Nope"}, status=status)

    client = await serve(cti=refuse)
    with pytest.raises(error) as raised:
        await client.connect()
    assert "t0k3n" not in str(raised.value)
    # After a refused token the next attempt starts with a fresh login.
    assert client._token is None if status == 401 else client._token == "t0k3n"


async def test_logged_on_error_ends_the_attempt(serve) -> None:
    async def script(ws: web.WebSocketResponse) -> None:
        await ws.send_json(frame("LoggedOnError", {"Error": "loggedOnTimeout"}))
        await ws.close()

    client = await serve(script=script)
    with pytest.raises(XucConnectionError, match="loggedOnTimeout"):
        await client.connect()
    assert not client.connected


async def test_a_server_that_never_says_logged_on(serve) -> None:
    async def script(ws: web.WebSocketResponse) -> None:
        await ws.receive()

    client = await serve(script=script)
    with pytest.raises(XucTimeoutError):
        await client.connect()


async def test_a_link_closed_during_the_sync(serve) -> None:
    async def script(ws: web.WebSocketResponse) -> None:
        await ws.send_json(frame("LoggedOn", {}))
        await ws.close()

    client = await serve(script=script)
    with pytest.raises(XucConnectionError, match="during sync"):
        await client.connect()


async def test_events_before_the_sync_reply_are_not_fired_twice(serve) -> None:
    """The current-calls reply is the truth at connect; a ring just before it is state only."""

    async def script(ws: web.WebSocketResponse) -> None:
        await ws.send_json(frame("LoggedOn", {}))
        await ws.send_json(frame("PhoneEvent", RINGING))
        async for message in ws:
            if "getCurrentCallsPhoneEvents" in message.data:
                await ws.send_json(frame("CurrentCallsPhoneEvents", {"events": [RINGING]}))
                break
        # Later the server finds its list of calls changed: the call was answered.
        await ws.send_json(
            frame(
                "CurrentCallsPhoneEvents", {"events": [RINGING | {"eventType": "EventEstablished"}]}
            )
        )
        await ws.receive()

    client = await serve(script=script)
    events: list[CallEvent] = []
    client.add_call_listener(events.append)
    await client.connect()
    assert client.state.call_state is CallState.RINGING
    assert events == []
    listen = asyncio.create_task(client.listen())
    await wait_for(lambda: client.state.call_state is CallState.ESTABLISHED)
    await wait_for(lambda: events)
    assert [(event.event.event_type, event.synthetic) for event in events] == [
        ("established", True)
    ]
    await client.close()
    assert listen.done()
