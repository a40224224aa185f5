"""Tiny real servers for the faults the simulator does not play."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
import dataclasses
from typing import Any

import aiohttp
from aiohttp import web
import pytest

from custom_components.xivo.xuc import XucClient
from tests.conftest import FAST_TIMINGS

type WsScript = Callable[[web.WebSocketResponse], Awaitable[None]]


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
        **client_options: Any,
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
        options: dict[str, Any] = {"timings": timings, **client_options}
        return XucClient(
            session, "127.0.0.1", "jbond", "secret", port=runner.addresses[0][1], **options
        )

    yield start
    for session in sessions:
        await session.close()
    for runner in runners:
        await runner.cleanup()
