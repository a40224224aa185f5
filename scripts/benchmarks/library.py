"""Measurement 1, the library's throughput: frames per second, with no Home Assistant.

A sender floods a "mix" of PhoneEvent and PhoneHintStatusEvent frames (see server.py) at:

- a raw socket that reads bytes until the end marker, decoding nothing: the sender alone, for
  the bench's fast server and for the simulator's `flood`;
- a bare aiohttp client that only decodes each frame's JSON, with json.loads (the floor the
  library is held to) and with orjson (what the library decodes with, a stricter comparison);
- `XucClient`, which parses each frame, applies it to its line state and calls one listener;
  fed by the fast server and, once, by the simulator.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
import gc
import json
import statistics
from typing import Any

import aiohttp
import orjson

from custom_components.xivo.xuc import PhoneStatus, Timings, UpdateKind, XucClient, commands
from simulator.server import API

from .ipc import Json, Sender, now_ns
from .server import HOST, NUMBERS, PASSWORD, end_marker_bytes, hint_event


async def login(http: aiohttp.ClientSession, port: int, username: str) -> str:
    """A token for `username`."""
    url = f"http://{HOST}:{port}{API}/auth/login"
    async with http.post(url, json={"login": username, "password": PASSWORD}) as response:
        response.raise_for_status()
        return str((await response.json())["token"])


async def sink_run(sender: Sender, username: str, flood: str, count: int) -> float:
    """The sender alone: a raw socket that reads bytes until the end marker, decoding nothing."""
    async with aiohttp.ClientSession() as http:
        token = await login(http, sender.port, username)
    reader, writer = await asyncio.open_connection(HOST, sender.port)
    writer.write(
        f"GET {API}/cti?token={token} HTTP/1.1\r\nHost: {HOST}:{sender.port}\r\n"
        "Upgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: YmVuY2hiZW5jaGJlbmNoIQ==\r\nSec-WebSocket-Version: 13\r\n\r\n".encode()
    )
    head = await reader.readuntil(b"\r\n\r\n")
    if b" 101 " not in head.split(b"\r\n", 1)[0]:
        raise RuntimeError(f"websocket upgrade refused: {head[:80]!r}")
    marker = end_marker_bytes(count)
    tail = b""
    start = now_ns()
    task = sender.start("flood", username=username, name=flood)
    while True:
        data = await reader.read(1 << 20)
        if not data:
            raise RuntimeError("the sender closed before the end marker")
        window = tail + data
        if marker in window:
            break
        tail = window[-len(marker) :]
    elapsed = (now_ns() - start) / 1e9
    await task
    writer.close()
    return elapsed


async def bare_run(
    sender: Sender, username: str, flood: str, count: int, loads: Callable[[Any], Any]
) -> float:
    """The floor: an aiohttp websocket client that only decodes each frame's JSON."""
    async with aiohttp.ClientSession() as http:
        token = await login(http, sender.port, username)
        url = f"ws://{HOST}:{sender.port}{API}/cti?token={token}"
        async with http.ws_connect(url, max_msg_size=1 << 20) as ws:
            await _receive_until(ws, "LoggedOn")
            await ws.send_json(commands.get_current_calls())
            await _receive_until(ws, "CurrentCallsPhoneEvents")
            received = 0
            start = now_ns()
            task = sender.start("flood", username=username, name=flood)
            async for message in ws:
                frame = loads(message.data)
                received += 1
                if frame["msgType"] == "VoiceMailStatusUpdate":
                    break
            elapsed = (now_ns() - start) / 1e9
            await task
    if received != count + 1:
        raise RuntimeError(f"bare client got {received} frames, expected {count + 1}")
    return elapsed


async def _receive_until(ws: aiohttp.ClientWebSocketResponse, msg_type: str) -> None:
    while orjson.loads(await ws.receive_str())["msgType"] != msg_type:
        pass


async def library_run(sender: Sender, username: str, flood: str, count: int) -> float:
    """XucClient on a "mix" flood: parse, apply to its state, one call listener.

    Timed to the end marker, then checked: every call event seen, the last hint applied.
    """
    calls = 0
    done = asyncio.Event()

    def on_call(_: object) -> None:
        nonlocal calls
        calls += 1

    def on_voicemail() -> None:
        if client.state.voicemail.new == count:
            done.set()

    async with aiohttp.ClientSession() as http:
        client = XucClient(
            http,
            HOST,
            username,
            PASSWORD,
            port=sender.port,
            monitored_numbers=NUMBERS,
            timings=Timings(request_timeout=30.0),
        )
        client.add_call_listener(on_call)
        client.add_listener(on_voicemail, UpdateKind.VOICEMAIL)
        await client.connect()
        listen = asyncio.create_task(client.listen())
        start = now_ns()
        task = sender.start("flood", username=username, name=flood)
        await asyncio.wait_for(done.wait(), 120)
        elapsed = (now_ns() - start) / 1e9
        await task
        hints = dict(client.state.hints)
        await client.close()  # also ends the listen task
        assert listen.done()
    if calls != count * 3 // 5:
        raise RuntimeError(f"library saw {calls} call events, expected {count * 3 // 5}")
    last = hint_event(count * 2 // 5 - 1)
    if hints.get(last["number"]) is not PhoneStatus.from_wire(last["status"]):
        raise RuntimeError("the library state does not show the last hint")
    return elapsed


@dataclass
class Series:
    """Repeated measurements of one thing, as frames per second."""

    frames: int
    seconds: list[float] = field(default_factory=list)

    @property
    def best(self) -> float:
        return self.frames / min(self.seconds)

    @property
    def median(self) -> float:
        return self.frames / statistics.median(self.seconds)

    def as_json(self) -> Json:
        return {
            "frames": self.frames,
            "seconds": self.seconds,
            "best_fps": round(self.best),
            "median_fps": round(self.median),
        }


async def bench_library(frames: int, repeat: int) -> dict[str, Series]:
    """Each measurement `repeat` times (the simulator-fed library once), on floods of `frames`."""
    fast = await Sender.launch("fast")
    sim = await Sender.launch("sim")
    try:
        await fast.call("prepare", name="mix", kind="mix", count=frames)
        await sim.call("prepare", name="mix", kind="mix", count=frames)
        total = frames + 1
        series = {
            name: Series(total)
            for name in ("sink_sim", "sink_fast", "bare_orjson", "bare_json", "library", "lib_sim")
        }
        for run in range(repeat):
            gc.collect()
            series["sink_sim"].seconds.append(await sink_run(sim, "bench0", "mix", frames))
            series["sink_fast"].seconds.append(await sink_run(fast, f"sink{run}", "mix", frames))
            for name, loads in (("bare_orjson", orjson.loads), ("bare_json", json.loads)):
                gc.collect()
                elapsed = await bare_run(fast, f"{name}{run}", "mix", frames, loads)
                series[name].seconds.append(elapsed)
            gc.collect()
            series["library"].seconds.append(await library_run(fast, f"lib{run}", "mix", frames))
        gc.collect()
        series["lib_sim"].seconds.append(await library_run(sim, "bench1", "mix", frames))
        return series
    finally:
        await fast.close()
        await sim.close()
