"""Server misbehaviour the simulator does not play: a tiny real server per fault, on loopback."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
import dataclasses

import aiohttp
from aiohttp import web
import pytest

from custom_components.xivo.xuc import (
    CallEvent,
    CallState,
    XucClient,
    XucConnectionError,
    XucTimeoutError,
    XucTokenRefusedError,
)
from tests.common import wait_for
from tests.conftest import FAST_TIMINGS

type WsScript = Callable[[web.WebSocketResponse], Awaitable[None]]

RINGING = {
    "eventType": "EventRinging",
    "DN": "1000",
    "otherDN": "1001",
    "linkedId": "1.1",
    "uniqueId": "1.1",
    "callDirection": "Incoming",
}


async def login_ok(_: web.Request) -> web.Response:
    return web.json_response({"login": "jbond", "token": "t0k3n"})


def frame(msg_type: str, body: object) -> dict[str, object]:
    return {"msgType": msg_type, "ctiMessage": body}


@pytest.fixture
async def serve(
    socket_enabled: None,
) -> AsyncIterator[Callable[..., Awaitable[XucClient]]]:
    """Start a server with the given handlers; return a client pointed at it."""
    runners: list[web.AppRunner] = []
    sessions: list[aiohttp.ClientSession] = []

    async def start(
        *,
        login: Callable[[web.Request], Awaitable[web.StreamResponse]] = login_ok,
        cti: Callable[[web.Request], Awaitable[web.StreamResponse]] | None = None,
        script: WsScript | None = None,
    ) -> XucClient:
        async def websocket(request: web.Request) -> web.StreamResponse:
            ws = web.WebSocketResponse()
            await ws.prepare(request)
            assert script is not None
            await script(ws)
            return ws

        app = web.Application()
        app.router.add_post("/xuc/api/2.0/auth/login", login)
        app.router.add_get("/xuc/api/2.0/cti", cti or websocket)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        runners.append(runner)
        session = aiohttp.ClientSession()
        sessions.append(session)
        timings = dataclasses.replace(FAST_TIMINGS, request_timeout=0.3)
        return XucClient(
            session, "127.0.0.1", "jbond", "secret", port=runner.addresses[0][1], timings=timings
        )

    yield start
    for session in sessions:
        await session.close()
    for runner in runners:
        await runner.cleanup()


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
    assert [(event.event.event_type, event.synthetic) for event in events] == [
        ("established", True)
    ]
    await client.close()
    assert listen.done()
