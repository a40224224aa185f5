"""Benchmark of the XiVO library and integration, over loopback on this machine (not a test).

1. Library throughput: a server floods PhoneEvent and PhoneHintStatusEvent frames; frames per
   second that `XucClient` parses and applies, against a bare aiohttp client that only decodes
   the JSON (the floor), and the rate of the senders alone (nothing decoded on the other side).
2. End to end through a real Home Assistant core: latency from the server's send to the
   `state_changed` of the call event entity, at fixed rates, and events lost.
3. Scale: one line with 1,000 monitored numbers (setup time, RSS added, hint update throughput
   and state writes per update); 20 lines on one Home Assistant.
4. Setup time of one line, until all its entities are available.
5. Reconnect time beyond the backoff delay the client chose. The server stops listening and
   cuts the session for 0.1 s; the client's immediate retry fails, then it waits its backoff
   (0.2 to 0.3 s here, longer than the downtime, so the next try succeeds). Overhead = (link
   lost -> every entity available and showing the new session's values) - `last_backoff`.

While the end-to-end rates run, a probe reports event loop stalls over 5 ms and whether the
loop was busy, another thread held the GIL, or the process was not scheduled at all (on a
shared machine, other work shows up as the latter).

The server side runs in a subprocess (`--serve fast|sim`) driven over its stdin/stdout with JSON
lines, so that it never shares an event loop with what it measures. Every timestamp is
`time.monotonic_ns()`: CLOCK_MONOTONIC, one clock for all processes of a Linux machine, so a
send time stamped in the server compares with a receive time taken in Home Assistant.

Run it with scripts/bench (which runs scripts/setup first).
"""

from __future__ import annotations

import argparse
import asyncio
from collections import Counter
from collections.abc import Callable, Iterable
import contextlib
from dataclasses import asdict, dataclass, field
import gc
import itertools
import json
import logging
import math
import os
from pathlib import Path
import platform
import shutil
import statistics
import struct
import sys
import time
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Literal, cast

import aiohttp
from aiohttp import WSMsgType, web
from aiohttp.abc import AbstractStreamWriter
from aiohttp.resolver import ThreadedResolver
import orjson

if TYPE_CHECKING:
    from homeassistant.config_entries import ConfigEntry
    from homeassistant.core import Event, EventStateChangedData, HomeAssistant, State

    from simulator import XucSimulator

ROOT: Final = Path(__file__).resolve().parent.parent
RESULTS: Final = ROOT / "bench-results"
HOST: Final = "127.0.0.1"
PASSWORD: Final = "secret"
API: Final = "/xuc/api/2.0"
# The monitored numbers of the scale test, and the numbers hint frames talk about.
NUMBERS: Final = tuple(str(2000 + i) for i in range(1000))
# Wire statuses of successive hint frames for one number: never 0 (the status every number has
# after subscribing) and never twice in a row, so that every hint frame is a real change.
HINT_CYCLE: Final = (8, 2, 16, 1)
CALL_EVENTS: Final = ("EventRinging", "EventEstablished", "EventReleased")
CHUNK: Final = 256 * 1024
VOICEMAIL_ID: Final = 58

_LOGGER = logging.getLogger("bench")

type Json = dict[str, Any]


def now_ns() -> int:
    """CLOCK_MONOTONIC, comparable across the processes of this machine."""
    return time.monotonic_ns()


# ------------------------------------------------------------------------------------------------
# Frames (built in the sender process, before any timing starts)


def cti(msg_type: str, body: object) -> bytes:
    """One inbound frame, serialised."""
    return orjson.dumps({"msgType": msg_type, "ctiMessage": body})


def phone_event(seq: int, username: str, extra: dict[str, str] | None = None) -> Json:
    """Event `seq` of a stream of ringing/established/released cycles, one linkedId per cycle."""
    call = seq // 3
    caller = f"06{call % 100_000_000:08d}"
    user_data = {
        "XIVO_CONTEXT": "from-extern",
        "XIVO_USERID": "7",
        "XIVO_SRCNUM": caller,
        "XIVO_DSTNUM": "1000",
        "SIPCALLID": f"{call:08x}-bench@{HOST}",
        "USR_seq": str(seq),
    }
    if extra:
        user_data |= extra
    return {
        "eventType": CALL_EVENTS[seq % 3],
        "DN": "1000",
        "otherDN": caller,
        "otherDName": f"Caller {call}",
        "linkedId": f"1700000000.{call}",
        "uniqueId": f"1700000000.{call}1",
        "queueName": "",
        "callDirection": "Incoming",
        "username": username,
        "userData": user_data,
    }


def hint_event(index: int) -> Json:
    """Hint change `index`: the numbers in turn, each visit with a status other than the last."""
    number = NUMBERS[index % len(NUMBERS)]
    status = HINT_CYCLE[(index // len(NUMBERS)) % len(HINT_CYCLE)]
    return {"number": number, "status": status}


def end_marker(count: int) -> bytes:
    """The last frame of a flood: a voicemail count no session has otherwise."""
    return cti(
        "VoiceMailStatusUpdate",
        {"voiceMailId": VOICEMAIL_ID, "newMessages": count, "waitingMessages": 0, "oldMessages": 0},
    )


def end_marker_bytes(count: int) -> bytes:
    """What a byte-level reader looks for to find the end marker."""
    return b'"newMessages":%d,' % count


FloodKind = Literal["mix", "hints"]


def flood_payloads(kind: FloodKind, count: int) -> list[bytes]:
    """`count` frames then the end marker.

    mix: cycles of 3 PhoneEvents (ringing, established, released of one linkedId) and 2 hint
    changes, so 60 % call events and 40 % hint changes across the 1,000 numbers.
    hints: hint changes only.
    """
    payloads: list[bytes] = []
    calls = hints = 0
    for index in range(count):
        if kind == "mix" and index % 5 < 3:
            payloads.append(cti("PhoneEvent", phone_event(calls, "bench")))
            calls += 1
        else:
            payloads.append(cti("PhoneHintStatusEvent", hint_event(hints)))
            hints += 1
    payloads.append(end_marker(count))
    return payloads


def ws_frame(payload: bytes) -> bytes:
    """An unmasked server-to-client text frame (RFC 6455 §5.2)."""
    size = len(payload)
    if size < 126:
        return struct.pack("!BB", 0x81, size) + payload
    if size < 1 << 16:
        return struct.pack("!BBH", 0x81, 126, size) + payload
    return struct.pack("!BBQ", 0x81, 127, size) + payload


def chunked(frames: Iterable[bytes], size: int = CHUNK) -> list[bytes]:
    """Whole frames joined into writes of about `size` bytes."""
    chunks: list[bytes] = []
    pending: list[bytes] = []
    pending_size = 0
    for item in frames:
        pending.append(item)
        pending_size += len(item)
        if pending_size >= size:
            chunks.append(b"".join(pending))
            pending, pending_size = [], 0
    if pending:
        chunks.append(b"".join(pending))
    return chunks


# ------------------------------------------------------------------------------------------------
# Sender process: a minimal fast XUC, or the project's simulator


@dataclass(eq=False)
class _Session:
    username: str
    ws: web.WebSocketResponse
    transport: asyncio.Transport
    writer: AbstractStreamWriter

    async def send(self, payloads: Iterable[bytes]) -> None:
        """Write whole frames straight to the socket, waiting only when its buffer is full."""
        self.transport.write(b"".join(ws_frame(payload) for payload in payloads))
        await self.writer.drain()


class FastServer:
    """Just enough XUC for `XucClient.connect()`, then pre-framed bytes as fast as TCP takes them.

    Any login works (the token is the login); after `LoggedOn` it answers `getConfig`,
    `subscribeToPhoneHints` (status 0 or 2 by generation) and `getCurrentCallsPhoneEvents`
    (no calls). Each restart bumps the generation, which changes the voicemail count and the
    hint statuses a new session gets, so that a client can tell fresh state from stale.
    """

    def __init__(self) -> None:
        self.port = 0
        self.generation = 0
        self._sessions: list[_Session] = []
        self._floods: dict[str, list[bytes]] = {}
        self._seq = itertools.count()
        self._runner: web.AppRunner | None = None
        self._site: web.TCPSite | None = None

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post(f"{API}/auth/login", self._login)
        app.router.add_get(f"{API}/auth/check", self._check)
        app.router.add_get(f"{API}/cti", self._cti)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        self._site = web.TCPSite(self._runner, HOST, self.port)
        await self._site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        for session in self._sessions:
            session.transport.abort()
        if self._runner is not None:
            await self._runner.cleanup()

    # -- XUC side ---------------------------------------------------------------------------

    async def _login(self, request: web.Request) -> web.Response:
        login = str((await request.json())["login"])
        return web.json_response({"login": login, "token": f"tok-{login}"})

    async def _check(self, request: web.Request) -> web.Response:
        token = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        return web.json_response({"login": token.removeprefix("tok-"), "token": token})

    async def _cti(self, request: web.Request) -> web.StreamResponse:
        username = request.query.get("token", "").removeprefix("tok-")
        ws = web.WebSocketResponse(compress=False, max_msg_size=1 << 22)
        writer = await ws.prepare(request)
        transport = request.transport
        assert isinstance(transport, asyncio.Transport)
        session = _Session(username, ws, transport, writer)
        self._sessions.append(session)
        try:
            await session.send(self._initial_frames(username))
            async for message in ws:
                if message.type is WSMsgType.TEXT:
                    await self._on_command(session, orjson.loads(message.data))
        except ConnectionError:
            pass
        finally:
            if session in self._sessions:
                self._sessions.remove(session)
        return ws

    def _initial_frames(self, username: str) -> list[bytes]:
        config = {
            "userId": 7,
            "firstName": "Bench",
            "lastName": username,
            "fullName": f"Bench {username}",
            "mobileNumber": "",
            "agentId": 0,
            "lineIds": [3],
            "voiceMailId": VOICEMAIL_ID,
            "voiceMailEnabled": True,
            "dndEnabled": False,
            **{f"{kind}FwdEnabled": False for kind in ("na", "unc", "busy")},
            **{f"{kind}FwdDestination": "" for kind in ("na", "unc", "busy")},
        }
        voicemail = {
            "voiceMailId": VOICEMAIL_ID,
            "newMessages": self.generation,
            "waitingMessages": 0,
            "oldMessages": 0,
        }
        return [
            cti("LoggedOn", {}),
            cti("UserConfigUpdate", config),
            cti("PhoneStatusUpdate", {"status": 0}),
            cti("VoiceMailStatusUpdate", voicemail),
        ]

    async def _on_command(self, session: _Session, message: Json) -> None:
        if message.get("claz") == "ping":
            await session.send([cti("Pong", {})])
            return
        command = message.get("command")
        if command == "getConfig":
            line = {"id": "3", "name": "bench", "number": "1000", "context": "default"}
            await session.send([cti("LineConfig", line | {"hasDevice": True, "vendor": "Snom"})])
        elif command == "subscribeToPhoneHints":
            status = 0 if self.generation % 2 == 0 else 2
            await session.send(
                cti("PhoneHintStatusEvent", {"number": number, "status": status})
                for number in message.get("phoneNumbers", ())
            )
        elif command == "getCurrentCallsPhoneEvents":
            await session.send([cti("CurrentCallsPhoneEvents", {"events": []})])

    async def _session(self, username: str) -> _Session:
        deadline = time.monotonic() + 5
        while True:
            for session in self._sessions:
                if session.username == username:
                    return session
            if time.monotonic() > deadline:
                raise LookupError(f"no session for {username!r}")
            await asyncio.sleep(0.001)

    # -- control ----------------------------------------------------------------------------

    async def prepare(self, name: str, kind: FloodKind, count: int) -> Json:
        payloads = flood_payloads(kind, count)
        self._floods[name] = chunked(ws_frame(payload) for payload in payloads)
        return {"frames": len(payloads), "bytes": sum(map(len, self._floods[name]))}

    async def flood(self, username: str, name: str) -> Json:
        session = await self._session(username)
        start = now_ns()
        for chunk in self._floods[name]:
            session.transport.write(chunk)
            await session.writer.drain()
        return {"t_start": start, "t_end": now_ns()}

    async def paced(self, username: str, rate: float, duration: float) -> Json:
        """PhoneEvents at `rate` per second, each stamped with its send time (USR_sent)."""
        session = await self._session(username)
        total = round(rate * duration)
        loop = asyncio.get_running_loop()
        start = loop.time()
        sent = 0
        first = -1
        while sent < total:
            due = min(total, int((loop.time() - start) * rate) + 1)
            while sent < due:
                seq = next(self._seq)
                first = seq if first < 0 else first
                stamp = {"USR_sent": str(now_ns())}
                session.transport.write(
                    ws_frame(cti("PhoneEvent", phone_event(seq, username, stamp)))
                )
                sent += 1
            await session.writer.drain()
            await asyncio.sleep(max(0.0, start + sent / rate - loop.time()))
        return {"sent": total, "first_seq": first, "seconds": loop.time() - start}

    async def restart(self, downtime: float) -> Json:
        """Stop listening, cut every session (no close frame), wait, listen again."""
        assert self._runner is not None
        assert self._site is not None
        await self._site.stop()
        for session in self._sessions:
            session.transport.abort()
        # Keep-alive HTTP connections die with a real server too.
        assert self._runner.server is not None
        for connection in self._runner.server.connections:
            connection.force_close()
        down = now_ns()
        await asyncio.sleep(downtime)
        self.generation += 1
        self._site = web.TCPSite(self._runner, HOST, self.port)
        await self._site.start()
        return {"t_down": down, "t_back": now_ns(), "generation": self.generation}


class SimServer:
    """The project's simulator, for measuring its `flood` alone and in front of the library."""

    USERS: Final = 8

    def __init__(self) -> None:
        from simulator import XucSimulator
        from simulator.users import SimUser

        users = [
            SimUser(
                username=f"bench{index}",
                password=PASSWORD,
                user_id=100 + index,
                first_name="Bench",
                last_name=str(index),
                number=str(1100 + index),
                line_id=100 + index,
                voicemail_id=VOICEMAIL_ID,
            )
            for index in range(self.USERS)
        ]
        self._sim: XucSimulator = XucSimulator(HOST, 0, users, answer_delay=None)
        self._floods: dict[str, list[str]] = {}

    @property
    def port(self) -> int:
        return self._sim.port

    async def start(self) -> None:
        await self._sim.start()

    async def stop(self) -> None:
        await self._sim.stop()

    async def prepare(self, name: str, kind: FloodKind, count: int) -> Json:
        self._floods[name] = [payload.decode() for payload in flood_payloads(kind, count)]
        return {"frames": len(self._floods[name])}

    async def flood(self, username: str, name: str) -> Json:
        deadline = time.monotonic() + 5
        while not self._sim.sessions(username):
            if time.monotonic() > deadline:
                raise LookupError(f"no session for {username!r}")
            await asyncio.sleep(0.001)
        start = now_ns()
        await self._sim.flood(username, self._floods[name])
        return {"t_start": start, "t_end": now_ns()}


_COMMANDS: Final = frozenset({"prepare", "flood", "paced", "restart"})


async def serve(mode: str) -> None:
    """The sender process: answer JSON-line commands from stdin on stdout until stdin closes."""
    server: FastServer | SimServer = FastServer() if mode == "fast" else SimServer()
    await server.start()
    out = sys.stdout.buffer

    def reply(message: Json) -> None:
        out.write(orjson.dumps(message) + b"\n")
        out.flush()

    async def run(request: Json) -> None:
        try:
            if request["cmd"] not in _COMMANDS:
                raise ValueError(f"unknown command {request['cmd']!r}")
            result = await getattr(server, request["cmd"])(**request["args"])
        except Exception as err:
            _LOGGER.exception("command %s failed", request["cmd"])
            reply({"id": request["id"], "error": repr(err)})
        else:
            reply({"id": request["id"], "result": result})

    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    reply({"port": server.port})
    tasks: set[asyncio.Task[None]] = set()
    while line := await reader.readline():
        task = asyncio.create_task(run(orjson.loads(line)))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    await server.stop()


class Sender:
    """A sender subprocess, seen from the benchmark."""

    def __init__(self, mode: str, process: asyncio.subprocess.Process, port: int) -> None:
        self.mode = mode
        self.port = port
        self._process = process
        self._ids = itertools.count()
        self._pending: dict[int, asyncio.Future[Json]] = {}
        self._reader = asyncio.create_task(self._read())

    @classmethod
    async def launch(cls, mode: str) -> Sender:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "scripts.bench",
            "--serve",
            mode,
            cwd=ROOT,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        assert process.stdout is not None
        hello = orjson.loads(await process.stdout.readline())
        return cls(mode, process, hello["port"])

    async def _read(self) -> None:
        assert self._process.stdout is not None
        while line := await self._process.stdout.readline():
            message = orjson.loads(line)
            future = self._pending.pop(message["id"])
            if "error" in message:
                future.set_exception(RuntimeError(f"sender: {message['error']}"))
            else:
                future.set_result(message["result"])
        for future in self._pending.values():
            future.set_exception(RuntimeError("the sender process ended"))

    async def call(self, cmd: str, **args: Any) -> Json:
        """Run a command in the sender; returns its result once it is done."""
        assert self._process.stdin is not None
        request_id = next(self._ids)
        future: asyncio.Future[Json] = asyncio.get_running_loop().create_future()
        self._pending[request_id] = future
        self._process.stdin.write(orjson.dumps({"id": request_id, "cmd": cmd, "args": args}))
        self._process.stdin.write(b"\n")
        await self._process.stdin.drain()
        return await future

    def start(self, cmd: str, **args: Any) -> asyncio.Task[Json]:
        """Run a command in the background (a flood) and go on."""
        return asyncio.create_task(self.call(cmd, **args))

    async def close(self) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()
        try:
            await asyncio.wait_for(self._process.wait(), 5)
        except TimeoutError:
            self._process.kill()
            await self._process.wait()
        await self._reader


# ------------------------------------------------------------------------------------------------
# 1. Library throughput


async def login(http: aiohttp.ClientSession, port: int, username: str) -> str:
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
            await ws.send_str('{"claz":"web","command":"getCurrentCallsPhoneEvents"}')
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
    from custom_components.xivo.xuc import PhoneStatus, Timings, UpdateKind, XucClient

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


# ------------------------------------------------------------------------------------------------
# Home Assistant


async def start_hass(config_dir: Path) -> HomeAssistant:
    """A Home Assistant core with only the `homeassistant` integration, running."""
    from homeassistant import bootstrap, loader
    from homeassistant.config_entries import ConfigEntries
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers import aiohttp_client
    from homeassistant.setup import async_setup_component

    config_dir.mkdir(parents=True)
    (config_dir / "custom_components").symlink_to(ROOT / "custom_components")
    hass = HomeAssistant(str(config_dir))
    loader.async_setup(hass)
    hass.config.skip_pip = True
    # Home Assistant's resolver wants the network and zeroconf integrations (multicast on every
    # interface); only 127.0.0.1 is ever resolved here, so a plain resolver stands in for it.
    hass.data[aiohttp_client.DATA_RESOLVER] = cast(Any, ThreadedResolver())
    hass.config_entries = ConfigEntries(hass, {})
    await loader.async_get_custom_components(hass)
    if not await bootstrap.async_load_base_functionality(hass):
        raise RuntimeError("Home Assistant could not load its registries")
    if not await async_setup_component(hass, "homeassistant", {}):
        raise RuntimeError("Home Assistant core did not set up")
    await hass.async_start()
    return hass


def new_entry(port: int, username: str, numbers: Iterable[str] = ()) -> ConfigEntry:
    from homeassistant.config_entries import SOURCE_USER, ConfigEntry

    from custom_components.xivo.const import CONF_MONITORED_NUMBERS, DOMAIN

    data = {
        "host": HOST,
        "port": port,
        "ssl": False,
        "verify_ssl": True,
        "username": username,
        "password": PASSWORD,
    }
    return ConfigEntry(
        data=data,
        discovery_keys=MappingProxyType({}),
        domain=DOMAIN,
        minor_version=1,
        options={CONF_MONITORED_NUMBERS: list(numbers)},
        source=SOURCE_USER,
        subentries_data=None,
        title=f"Bench {username}",
        unique_id=f"{HOST}:{username}",
        version=1,
    )


def entity_ids(hass: HomeAssistant, entry: ConfigEntry) -> list[str]:
    """The enabled entities of an entry."""
    from homeassistant.helpers import entity_registry as er

    return [
        item.entity_id
        for item in er.async_entries_for_config_entry(er.async_get(hass), entry.entry_id)
        if item.disabled_by is None
    ]


def entity_id(hass: HomeAssistant, entry: ConfigEntry, platform_name: str, key: str) -> str:
    from homeassistant.helpers import entity_registry as er

    from custom_components.xivo.const import DOMAIN

    found = er.async_get(hass).async_get_entity_id(platform_name, DOMAIN, f"{entry.entry_id}_{key}")
    if found is None:
        raise LookupError(f"no {platform_name} {key} for {entry.title}")
    return found


def is_available(_: str, state: State | None) -> bool:
    return state is not None and state.state != "unavailable"


class ReadyWatch:
    """When each entity was first written in a wanted state, recorded as the write happens."""

    def __init__(
        self,
        hass: HomeAssistant,
        wanted: Callable[[str, State | None], bool],
        timeout: float = 30.0,
    ) -> None:
        from homeassistant.const import EVENT_STATE_CHANGED
        from homeassistant.core import callback

        self.wanted = wanted
        self.timeout = timeout
        self.ready_at: dict[str, int] = {}
        self._pending: set[str] = set()
        self._all_ready = asyncio.Event()

        @callback
        def on_change(event: Event[EventStateChangedData]) -> None:
            entity = event.data["entity_id"]
            if entity not in self.ready_at and self.wanted(entity, event.data["new_state"]):
                self.ready_at[entity] = now_ns()
                self._pending.discard(entity)
                if not self._pending:
                    self._all_ready.set()

        self._remove = hass.bus.async_listen(EVENT_STATE_CHANGED, on_change)

    def reset(self, wanted: Callable[[str, State | None], bool] | None = None) -> None:
        self.ready_at.clear()
        if wanted is not None:
            self.wanted = wanted

    async def until(self, entities: Iterable[str]) -> int:
        """The time the last of `entities` became ready (waits for it)."""
        wanted = list(entities)
        self._pending = {item for item in wanted if item not in self.ready_at}
        if self._pending:
            self._all_ready.clear()
            try:
                async with asyncio.timeout(self.timeout):
                    await self._all_ready.wait()
            except TimeoutError:
                missing = sorted(self._pending)
                raise TimeoutError(f"{len(missing)} not ready, e.g. {missing[:3]}") from None
        return max(self.ready_at[item] for item in wanted)

    def close(self) -> None:
        self._remove()


class LagProbe:
    """Wakes every millisecond: a late wake-up is a stall of the event loop.

    For each stall, the CPU time of the loop's thread and of the whole process over the same
    wall time tell who held the loop up: the loop itself (a slow callback, the garbage
    collector), another thread of the process (an executor job holding the GIL), or nothing in
    this process (the machine's other work kept it off the CPU).
    """

    def __init__(self, threshold_ms: float = 5.0) -> None:
        self.threshold_ns = int(threshold_ms * 1e6)
        self.stalls: list[Json] = []
        self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while True:
            wall, loop_cpu, process_cpu = now_ns(), time.thread_time_ns(), time.process_time_ns()
            await asyncio.sleep(0.001)
            late = now_ns() - wall - 1_000_000
            if late < self.threshold_ns:
                continue
            loop_cpu = time.thread_time_ns() - loop_cpu
            others = time.process_time_ns() - process_cpu - loop_cpu
            if loop_cpu >= late / 2:
                cause = "loop busy"
            elif others >= late / 2:
                cause = "other threads"
            else:
                cause = "not scheduled"
            self.stalls.append(
                {
                    "ms": round(late / 1e6, 2),
                    "loop_cpu_ms": round(loop_cpu / 1e6, 2),
                    "other_threads_cpu_ms": round(others / 1e6, 2),
                    "cause": cause,
                }
            )

    async def stop(self) -> None:
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task


def rss_bytes() -> int:
    try:
        import psutil  # type: ignore[import-untyped]
    except ImportError:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE")
    return int(psutil.Process().memory_info().rss)


@dataclass
class HassBench:
    """The Home Assistant measurements (2 to 5), sharing one core and one fast sender."""

    hass: HomeAssistant
    sender: Sender
    results: Json = field(default_factory=dict)

    async def add(self, entry: ConfigEntry) -> None:
        await self.hass.config_entries.async_add(entry)

    async def remove(self, *entries: ConfigEntry) -> None:
        for entry in entries:
            await self.hass.config_entries.async_remove(entry.entry_id)
        await self.hass.async_block_till_done()

    # -- 4. setup time --------------------------------------------------------------------------

    async def setup_time(self, runs: int) -> ConfigEntry:
        hass = self.hass
        entry = new_entry(self.sender.port, "line", NUMBERS[:2])
        watch = ReadyWatch(hass, is_available)
        start = now_ns()
        await self.add(entry)
        entities = entity_ids(hass, entry)
        cold = (await watch.until(entities) - start) / 1e6
        warm: list[float] = []
        for _ in range(runs):
            await hass.config_entries.async_unload(entry.entry_id)
            await hass.async_block_till_done()
            watch.reset()
            start = now_ns()
            if not await hass.config_entries.async_setup(entry.entry_id):
                raise RuntimeError("setup failed")
            warm.append((await watch.until(entities) - start) / 1e6)
        watch.close()
        self.results["setup"] = {
            "entities": len(entities),
            "cold_ms": cold,
            "runs_ms": warm,
            "median_ms": statistics.median(warm),
        }
        return entry

    # -- 3. scale -------------------------------------------------------------------------------

    async def scale_hints(self, updates: int) -> None:
        from homeassistant.const import EVENT_STATE_CHANGED, EVENT_STATE_REPORTED
        from homeassistant.core import callback

        hass = self.hass
        await self.sender.call("prepare", name="hints", kind="hints", count=updates)
        entry = new_entry(self.sender.port, "scale", NUMBERS)
        gc.collect()
        rss_before = rss_bytes()
        watch = ReadyWatch(hass, is_available)
        start = now_ns()
        await self.add(entry)
        entities = entity_ids(hass, entry)
        setup_s = (await watch.until(entities) - start) / 1e9
        watch.close()
        await hass.async_block_till_done()
        gc.collect()
        rss_added = rss_bytes() - rss_before

        hints = {entity_id(hass, entry, "sensor", f"hint_{number}") for number in NUMBERS}
        known = sum(
            1 for item in hints if (state := hass.states.get(item)) and state.state == "available"
        )
        voicemail = entity_id(hass, entry, "sensor", "voicemail_new")
        watched = set(entities)
        changed: Counter[str] = Counter()
        reported: Counter[str] = Counter()
        done = asyncio.Event()
        marker = str(updates)

        @callback
        def on_changed(event: Event[EventStateChangedData]) -> None:
            if (entity := event.data["entity_id"]) in watched:
                changed[entity] += 1
                new_state = event.data["new_state"]
                if entity == voicemail and new_state is not None and new_state.state == marker:
                    done.set()

        @callback
        def ours(data: Any) -> bool:
            return data["entity_id"] in watched

        @callback
        def on_reported(event: Event[Any]) -> None:
            reported[event.data["entity_id"]] += 1

        removers = [
            hass.bus.async_listen(EVENT_STATE_CHANGED, on_changed),
            hass.bus.async_listen(EVENT_STATE_REPORTED, on_reported, ours),
        ]
        start = now_ns()
        task = self.sender.start("flood", username="scale", name="hints")
        await asyncio.wait_for(done.wait(), 120)
        elapsed = (now_ns() - start) / 1e9
        await task
        for remove in removers:
            remove()
        hint_writes = sum(changed[item] + reported[item] for item in hints)
        per_number = Counter(changed[item] + reported[item] for item in hints)
        other_writes = sum(changed[item] + reported[item] for item in watched - hints - {voicemail})
        self.results["scale_1000"] = {
            "numbers": len(NUMBERS),
            "entities": len(entities),
            "setup_s": setup_s,
            "hints_known_after_setup": known,
            "rss_added_mb": rss_added / 1e6,
            "updates": updates,
            "update_seconds": elapsed,
            "updates_per_s": updates / elapsed,
            "hint_writes": hint_writes,
            "hint_writes_reported_unchanged": sum(reported[item] for item in hints),
            "writes_per_number": {str(key): value for key, value in per_number.items()},
            "other_entity_writes": other_writes,
        }
        await self.remove(entry)

    async def many_entries(self, count: int) -> None:
        hass = self.hass
        entries = [
            new_entry(self.sender.port, f"multi{index:02d}", NUMBERS[:2]) for index in range(count)
        ]
        watch = ReadyWatch(hass, is_available)
        start = now_ns()
        await asyncio.gather(*(self.add(entry) for entry in entries))
        entities = [item for entry in entries for item in entity_ids(hass, entry)]
        total = (await watch.until(entities) - start) / 1e9
        watch.close()
        self.results["entries_20"] = {
            "entries": count,
            "entities": len(entities),
            "setup_s": total,
            "per_entry_ms": total / count * 1e3,
        }
        await self.remove(*entries)

    # -- 2. end to end --------------------------------------------------------------------------

    async def end_to_end(self, entry: ConfigEntry, rates: Iterable[int], duration: float) -> None:
        from homeassistant.const import EVENT_STATE_CHANGED
        from homeassistant.core import callback

        hass = self.hass
        call_entity = entity_id(hass, entry, "event", "call")
        latencies: dict[int, int] = {}
        expected = 0
        all_seen = asyncio.Event()

        @callback
        def on_changed(event: Event[EventStateChangedData]) -> None:
            if event.data["entity_id"] != call_entity:
                return
            received = now_ns()
            new_state = event.data["new_state"]
            user_data = new_state.attributes.get("user_data") if new_state else None
            if isinstance(user_data, dict) and "USR_sent" in user_data:
                latencies[int(user_data["USR_seq"])] = received - int(user_data["USR_sent"])
                if len(latencies) >= expected:
                    all_seen.set()

        remove = hass.bus.async_listen(EVENT_STATE_CHANGED, on_changed)
        await self.sender.call("paced", username="line", rate=200, duration=0.5)  # warm-up
        runs: dict[str, Json] = {}
        for rate in rates:
            await asyncio.sleep(0.2)
            latencies.clear()
            all_seen.clear()
            expected = round(rate * duration)
            gc.collect()
            probe = LagProbe()
            sent = await self.sender.call("paced", username="line", rate=rate, duration=duration)
            # Stragglers get 2 s after the last send; what has not arrived then is lost.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(2.0):
                    await all_seen.wait()
            await probe.stop()
            wanted = range(sent["first_seq"], sent["first_seq"] + sent["sent"])
            values = sorted(latencies[seq] / 1e6 for seq in wanted if seq in latencies)
            runs[str(rate)] = {
                "offered_per_s": rate,
                "achieved_send_per_s": sent["sent"] / sent["seconds"],
                "sent": sent["sent"],
                "seen": len(values),
                "lost": sent["sent"] - len(values),
                "p50_ms": statistics.median(values) if values else None,
                "p99_ms": _percentile(values, 0.99),
                "max_ms": values[-1] if values else None,
                "loop_stalls": probe.stalls,
            }
        remove()
        self.results["e2e"] = runs

    # -- 5. reconnect ---------------------------------------------------------------------------

    async def reconnect(self, entry: ConfigEntry, runs: int, downtime: float) -> None:
        from homeassistant.const import EVENT_STATE_CHANGED
        from homeassistant.core import callback

        hass = self.hass
        entities = entity_ids(hass, entry)
        link = entity_id(hass, entry, "binary_sensor", "connected")
        voicemail = entity_id(hass, entry, "sensor", "voicemail_new")
        hints = {entity_id(hass, entry, "sensor", f"hint_{number}") for number in NUMBERS[:2]}
        client = entry.runtime_data.client
        lost_at: list[int] = []

        @callback
        def on_changed(event: Event[EventStateChangedData]) -> None:
            new_state = event.data["new_state"]
            if (
                event.data["entity_id"] == link
                and new_state is not None
                and new_state.state == "off"
            ):
                lost_at.append(now_ns())

        remove = hass.bus.async_listen(EVENT_STATE_CHANGED, on_changed)
        watch = ReadyWatch(hass, is_available, timeout=10.0)
        samples: list[Json] = []
        for generation in range(1, runs + 1):
            await asyncio.sleep(0.1)
            watch.reset(_fresh_for(generation, link, voicemail, hints))
            lost_at.clear()
            restarted = await self.sender.call("restart", downtime=downtime)
            if restarted["generation"] != generation:
                raise RuntimeError("the sender restarted out of step")
            fresh = await watch.until(entities)
            backoff_ms = client.last_backoff * 1e3
            samples.append(
                {
                    "lost_to_fresh_ms": (fresh - lost_at[0]) / 1e6,
                    "server_back_to_fresh_ms": (fresh - restarted["t_back"]) / 1e6,
                    "backoff_ms": backoff_ms,
                    "overhead_ms": (fresh - lost_at[0]) / 1e6 - backoff_ms,
                }
            )
        watch.close()
        remove()
        self.results["reconnect"] = {
            "downtime_ms": downtime * 1e3,
            "runs": samples,
            "median_overhead_ms": statistics.median(item["overhead_ms"] for item in samples),
            "median_backoff_ms": statistics.median(item["backoff_ms"] for item in samples),
            "median_server_back_to_fresh_ms": statistics.median(
                item["server_back_to_fresh_ms"] for item in samples
            ),
        }


def _fresh_for(
    generation: int, link: str, voicemail: str, hints: set[str]
) -> Callable[[str, State | None], bool]:
    """Available, and showing what the server's session of `generation` says."""
    hint_state = "available" if generation % 2 == 0 else "busy"

    def fresh(entity: str, state: State | None) -> bool:
        if state is None or state.state == "unavailable":
            return False
        if entity == link:
            return state.state == "on"
        if entity == voicemail:
            return state.state == str(generation)
        if entity in hints:
            return state.state == hint_state
        return True

    return fresh


def _percentile(sorted_values: list[float], fraction: float) -> float | None:
    if not sorted_values:
        return None
    return sorted_values[max(0, math.ceil(fraction * len(sorted_values)) - 1)]


async def bench_hass(args: argparse.Namespace) -> Json:
    from custom_components.xivo import coordinator
    from custom_components.xivo.xuc import Timings

    # Backoff shrunk so that reconnects are quick (and longer than the downtime, so the first
    # retry after the server is back succeeds); keepalive left at the protocol's rhythm.
    coordinator.CLIENT_TIMINGS = Timings(backoff_min=0.25, backoff_max=0.5, request_timeout=10.0)
    config_dir = RESULTS / f"hass-{os.getpid()}"
    sender = await Sender.launch("fast")
    hass = await start_hass(config_dir)
    bench = HassBench(hass, sender)
    try:
        line = await bench.setup_time(runs=args.setup_runs)
        await bench.scale_hints(updates=args.hint_updates)
        await bench.many_entries(count=20)
        await bench.end_to_end(line, rates=(100, 500, 2000), duration=args.e2e_seconds)
        await bench.reconnect(line, runs=args.reconnect_runs, downtime=0.1)
        await bench.remove(line)
    finally:
        await hass.async_stop()
        await sender.close()
        shutil.rmtree(config_dir, ignore_errors=True)
    return bench.results


# ------------------------------------------------------------------------------------------------
# Report


@dataclass
class Row:
    section: str
    metric: str
    value: str
    target: str = ""
    ok: bool | None = None

    @property
    def verdict(self) -> str:
        return "info" if self.ok is None else "PASS" if self.ok else "MISS"


def machine() -> Json:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in cpuinfo.splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    meminfo = Path("/proc/meminfo").read_text().split()
    from homeassistant.const import __version__ as ha_version

    return {
        "load_before": _load(),
        "nproc": os.cpu_count(),
        "cpu": model,
        "ram_gib": round(int(meminfo[meminfo.index("MemTotal:") + 1]) / 2**20, 1),
        "python": platform.python_version(),
        "kernel": platform.release(),
        "homeassistant": ha_version,
        "aiohttp": aiohttp.__version__,
    }


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def _fps(series: Series) -> str:
    if len(series.seconds) == 1:
        return f"{series.best:,.0f} frames/s"
    return f"{series.best:,.0f} frames/s (median {series.median:,.0f})"


def rows_for(library: dict[str, Series], hass: Json) -> list[Row]:
    # The floor is a bare client that json.loads each frame; the library decodes with
    # orjson, so the orjson client is shown too, as a stricter comparison.
    floor = library["bare_json"]
    ratio = library["library"].best / floor.best
    orjson_ratio = library["library"].best / library["bare_orjson"].best
    sim_verdict = "below" if library["sink_sim"].best < floor.best else "above"
    runs = len(floor.seconds)
    rows = [
        Row(
            "1 library",
            "sender alone: simulator.flood",
            f"{_fps(library['sink_sim'])}, {sim_verdict} the floor",
        ),
        Row("1 library", "sender alone: bench raw sender", _fps(library["sink_fast"])),
        Row("1 library", f"bare: aiohttp + json.loads (floor), best of {runs}", _fps(floor)),
        Row("1 library", "bare: aiohttp + orjson.loads", _fps(library["bare_orjson"])),
        Row("1 library", "XucClient: parse + apply, 1 listener", _fps(library["library"])),
        Row(
            "1 library",
            "XucClient / bare",
            f"{ratio:.2f}x json.loads floor ({orjson_ratio:.2f}x the orjson client)",
            ">= 0.5x",
            ratio >= 0.5,
        ),
        Row("1 library", "XucClient fed by simulator.flood", _fps(library["lib_sim"])),
    ]
    for rate, run in hass["e2e"].items():
        p99, worst = run["p99_ms"] or math.inf, run["max_ms"] or math.inf
        value = (
            f"p50 {run['p50_ms'] or math.inf:.2f} / p99 {p99:.2f} / max {worst:.2f} ms, "
            f"lost {run['lost']}/{run['sent']}"
        )
        if stalls := run["loop_stalls"]:
            causes = Counter(stall["cause"] for stall in stalls)
            value += (
                f"; loop stalls > 5 ms: {len(stalls)}, longest "
                f"{max(stall['ms'] for stall in stalls):.0f} ms ("
                + ", ".join(f"{count} {cause}" for cause, count in causes.most_common())
                + ")"
            )
        if rate == "500":
            target, ok = "p99 < 5 ms, 0 lost", p99 < 5 and run["lost"] == 0
        elif rate == "2000":
            target, ok = "0 lost, max < 100 ms", run["lost"] == 0 and worst < 100
        else:
            target, ok = "", None
        rows.append(Row("2 e2e", f"{rate} events/s -> event entity", value, target, ok))
    scale = hass["scale_1000"]
    rows += [
        Row(
            "3 scale",
            "1,000 hints: setup to all available",
            f"{scale['setup_s']:.2f} s",
            "< 2 s",
            scale["setup_s"] < 2,
        ),
        Row(
            "3 scale",
            "1,000 hints: RSS added",
            f"{scale['rss_added_mb']:.1f} MB",
            "< 20 MB",
            scale["rss_added_mb"] < 20,
        ),
        Row(
            "3 scale",
            f"{scale['updates']:,} hint updates",
            f"{scale['updates_per_s']:,.0f} updates/s",
        ),
        Row(
            "3 scale",
            "hint state writes per update",
            f"{scale['hint_writes']:,}/{scale['updates']:,}, other entities {scale['other_entity_writes']}",
            "exactly 1",
            scale["hint_writes"] == scale["updates"] and scale["other_entity_writes"] == 0,
        ),
    ]
    many = hass["entries_20"]
    rows.append(
        Row(
            "3 scale",
            f"{many['entries']} entries ({many['entities']} entities): setup",
            f"{many['setup_s']:.2f} s ({many['per_entry_ms']:.0f} ms/entry)",
        )
    )
    setup = hass["setup"]
    rows.append(
        Row(
            "4 setup",
            f"one entry, {setup['entities']} entities (median of {len(setup['runs_ms'])})",
            f"{setup['median_ms']:.0f} ms (cold {setup['cold_ms']:.0f} ms)",
            "< 300 ms",
            setup["median_ms"] < 300,
        )
    )
    again = hass["reconnect"]
    rows.append(
        Row(
            "5 reconnect",
            f"overhead beyond backoff (median of {len(again['runs'])})",
            f"{again['median_overhead_ms']:.1f} ms (backoff {again['median_backoff_ms']:.0f} ms, "
            f"server back -> fresh {again['median_server_back_to_fresh_ms']:.0f} ms)",
            "< 200 ms",
            again["median_overhead_ms"] < 200,
        )
    )
    return rows


def render(rows: list[Row], info: Json, seconds: float) -> str:
    headers = ("section", "metric", "value", "target", "result")
    table = [
        headers,
        *((row.section, row.metric, row.value, row.target, row.verdict) for row in rows),
    ]
    widths = [max(len(line[column]) for line in table) for column in range(len(headers))]
    lines = [
        f"XiVO benchmark: {info['nproc']} x {info['cpu']}, {info['ram_gib']} GiB RAM, "
        f"Python {info['python']}, Home Assistant {info['homeassistant']}, "
        f"aiohttp {info['aiohttp']}; load average {info['load_before']} before, "
        f"{info['load_after']} after; total {seconds:.0f} s"
    ]
    for index, line in enumerate(table):
        lines.append(
            "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        )
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


async def bench(args: argparse.Namespace) -> None:
    started = time.monotonic()
    info = machine()
    library = await bench_library(args.frames, args.repeat)
    hass = await bench_hass(args)
    seconds = time.monotonic() - started
    # Other work on the machine shows in every number: say how busy it was.
    info["load_after"] = _load()
    rows = rows_for(library, hass)
    print(render(rows, info, seconds))
    RESULTS.mkdir(exist_ok=True)
    report = {
        "machine": info,
        "seconds": seconds,
        "library": {name: series.as_json() for name, series in library.items()},
        **hass,
        "table": [asdict(row) | {"result": row.verdict} for row in rows],
    }
    (RESULTS / "latest.json").write_bytes(orjson.dumps(report, option=orjson.OPT_INDENT_2))
    print(f"\nwritten {RESULTS.relative_to(ROOT) / 'latest.json'}")


def main() -> None:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--frames", type=int, default=100_000, help="frames per library flood (multiple of 5)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of each library measurement")
    parser.add_argument("--hint-updates", type=int, default=10_000)
    parser.add_argument("--e2e-seconds", type=float, default=3.0, help="seconds per offered rate")
    parser.add_argument("--setup-runs", type=int, default=7)
    parser.add_argument("--reconnect-runs", type=int, default=5)
    parser.add_argument("--serve", choices=("fast", "sim"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    # The custom-integration warning and the integration's link messages are expected here.
    logging.getLogger("homeassistant.loader").setLevel(logging.ERROR)
    logging.getLogger("custom_components.xivo").setLevel(logging.WARNING)
    if args.serve:
        asyncio.run(serve(args.serve))
        return
    if args.frames % 5:
        parser.error("--frames must be a multiple of 5")
    asyncio.run(bench(args))


if __name__ == "__main__":
    main()
