"""A bare CTI client for the simulator tests: REST login and the websocket, nothing more."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp
import pytest

from simulator import XucSimulator

API = "/xuc/api/2.0"
CLOSED = (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR)


class Cti:
    """One user's CTI websocket."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws

    async def send(self, command: str, **args: Any) -> None:
        await self.ws.send_json({"claz": "web", "command": command, **args})

    async def next(self, within: float = 1.0) -> dict[str, Any]:
        msg = await self.ws.receive(within)
        assert msg.type is aiohttp.WSMsgType.TEXT, msg
        message: dict[str, Any] = json.loads(msg.data)
        return message

    async def expect(self, msg_type: str, within: float = 1.0) -> Any:
        """The ctiMessage of the next frame of that type, skipping others."""
        async with asyncio.timeout(within):
            while True:
                message = await self.next(within)
                if message["msgType"] == msg_type:
                    return message["ctiMessage"]

    async def events(self, count: int, within: float = 1.0) -> list[dict[str, Any]]:
        return [await self.expect("PhoneEvent", within) for _ in range(count)]

    async def event_types(self, count: int, within: float = 1.0) -> list[str]:
        return [event["eventType"] for event in await self.events(count, within)]

    async def until_closed(self, within: float = 1.0) -> aiohttp.WSMsgType:
        """Skip pending frames; the type of the message that ends the stream."""
        async with asyncio.timeout(within):
            while (msg := await self.ws.receive()).type is aiohttp.WSMsgType.TEXT:
                pass
        return msg.type

    async def quiet(self, period: float = 0.1) -> None:
        with pytest.raises(TimeoutError):
            await self.ws.receive(period)

    async def drain(self, period: float = 0.1) -> list[dict[str, Any]]:
        """Every frame that arrives within `period` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + period
        frames: list[dict[str, Any]] = []
        while (left := deadline - loop.time()) > 0:
            try:
                frames.append(await self.next(left))
            except TimeoutError:
                break
        return frames

    async def no_phone_event(self, period: float = 0.1) -> None:
        """Nothing but non-call frames (status, hints) arrives for `period` seconds."""
        events = [m for m in await self.drain(period) if m["msgType"] == "PhoneEvent"]
        assert events == []


async def login(
    http: aiohttp.ClientSession, sim: XucSimulator, user: str = "jbond", password: str = "secret"
) -> aiohttp.ClientResponse:
    return await http.post(f"{sim.url}{API}/auth/login", json={"login": user, "password": password})


async def token_of(http: aiohttp.ClientSession, sim: XucSimulator, user: str = "jbond") -> str:
    response = await login(http, sim, user)
    assert response.status == 200
    token: str = (await response.json())["token"]
    return token


async def connect(http: aiohttp.ClientSession, sim: XucSimulator, user: str = "jbond") -> Cti:
    """Log in, open the websocket and consume the initial frames (UsersStatuses the last)."""
    token = await token_of(http, sim, user)
    cti = Cti(await http.ws_connect(f"{sim.url}{API}/cti?token={token}"))
    for _ in range(5 if sim.cc.options.users_statuses_at_login else 4):
        await cti.next()
    return cti
