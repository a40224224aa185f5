"""The sender side: the XUC that the benchmark's clients talk to, and the frames it sends.

Two servers, each run in its own process (`python -m scripts.benchmarks.server fast|sim`, driven
over stdin and stdout as ipc.py says):

- `FastServer`, a second XUC with just enough protocol for `XucClient.connect()`, which then
  writes pre-built websocket frames straight to the socket, as fast as TCP takes them: the
  simulator's own sender would be the bottleneck of the library's measurement;
- `SimServer`, the project's simulator, to measure its `flood` alone and in front of the library.

Frames are built before any timing starts. The XiVO user behind a login and the wire shape of
its frames are the simulator's (`SimUser`, `Line.phone_event`, `frame`), so both servers speak
the same protocol.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import dataclass
import itertools
import struct
import sys
import time
from typing import ClassVar, Final, Literal

from aiohttp import WSMsgType, web
from aiohttp.abc import AbstractStreamWriter
import orjson

from simulator import PHONE_STATUS, SimUser, XucSimulator
from simulator.line import EVENT_RELEASED, INCOMING, Call, CallState, Line
from simulator.pbx import frame
from simulator.server import API, DEFAULT_PING_REPLY

from .ipc import Json, SenderServer, now_ns, run_sender

HOST: Final = "127.0.0.1"
PASSWORD: Final = "secret"
# The monitored numbers of the scale test, and the numbers hint frames talk about.
NUMBERS: Final = tuple(str(2000 + i) for i in range(1000))
# Wire statuses of successive hint frames for one number: never AVAILABLE (the status every
# number has after subscribing) and never twice in a row, so that every hint frame is a change.
HINT_CYCLE: Final = tuple(PHONE_STATUS[name] for name in ("RINGING", "BUSY", "ONHOLD", "CALLING"))
CALL_EVENTS: Final = (CallState.RINGING.value, CallState.ESTABLISHED.value, EVENT_RELEASED)
CHUNK: Final = 256 * 1024
VOICEMAIL_ID: Final = 58

FloodKind = Literal["mix", "hints"]


# ------------------------------------------------------------------------------------------------
# Frames


def bench_user(
    username: str,
    *,
    user_id: int = 7,
    number: str = "1000",
    line_id: int = 3,
    voicemail_new: int = 0,
) -> SimUser:
    """The XiVO user behind a login: a line and a voicemail box."""
    return SimUser(
        username=username,
        password=PASSWORD,
        user_id=user_id,
        first_name="Bench",
        last_name=username,
        number=number,
        line_id=line_id,
        line_name="bench",
        voicemail_id=VOICEMAIL_ID,
        voicemail_new=voicemail_new,
    )


def cti(msg_type: str, body: object) -> bytes:
    """One inbound frame, serialised."""
    return orjson.dumps(frame(msg_type, body))


def phone_event(seq: int, line: Line, extra: dict[str, str] | None = None) -> Json:
    """Event `seq` of a stream of ringing/established/released cycles, one linkedId per cycle."""
    call = seq // 3
    caller = f"06{call % 100_000_000:08d}"
    user_data = {
        "XIVO_CONTEXT": "from-extern",
        "XIVO_USERID": str(line.user.user_id),
        "XIVO_SRCNUM": caller,
        "XIVO_DSTNUM": line.dn,
        "SIPCALLID": f"{call:08x}-bench@{HOST}",
        "USR_seq": str(seq),
    }
    if extra:
        user_data |= extra
    leg = Call(
        unique_id=f"1700000000.{call}1",
        linked_id=f"1700000000.{call}",
        direction=INCOMING,
        other_dn=caller,
        other_dname=f"Caller {call}",
        state=CallState.RINGING,
        user_data=user_data,
    )
    return line.phone_event(leg, CALL_EVENTS[seq % 3])


def hint_event(index: int) -> Json:
    """Hint change `index`: the numbers in turn, each visit with a status other than the last."""
    number = NUMBERS[index % len(NUMBERS)]
    status = HINT_CYCLE[(index // len(NUMBERS)) % len(HINT_CYCLE)]
    return {"number": number, "status": status}


def subscribed_hint(generation: int) -> int:
    """The status a session of server generation `generation` gets for each number it monitors."""
    return PHONE_STATUS["AVAILABLE" if generation % 2 == 0 else "BUSY"]


def end_marker(count: int) -> bytes:
    """The last frame of a flood: a voicemail count no session has otherwise."""
    return cti("VoiceMailStatusUpdate", bench_user("bench", voicemail_new=count).voicemail_status())


def end_marker_bytes(count: int) -> bytes:
    """What a byte-level reader looks for to find the end marker."""
    return b'"newMessages":%d,' % count


def flood_payloads(kind: FloodKind, count: int) -> list[bytes]:
    """`count` frames then the end marker.

    mix: cycles of 3 PhoneEvents (ringing, established, released of one linkedId) and 2 hint
    changes, so 60 % call events and 40 % hint changes across the 1,000 numbers.
    hints: hint changes only.
    """
    line = Line(bench_user("bench"))
    payloads: list[bytes] = []
    calls = hints = 0
    for index in range(count):
        if kind == "mix" and index % 5 < 3:
            payloads.append(cti("PhoneEvent", phone_event(calls, line)))
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


async def _until_found[T](find: Callable[[], T | None], username: str) -> T:
    """Poll `find()` until it finds the session of `username` (it may still be connecting)."""
    deadline = time.monotonic() + 5
    while (found := find()) is None:
        if time.monotonic() > deadline:
            raise LookupError(f"no session for {username!r}")
        await asyncio.sleep(0.001)
    return found


# ------------------------------------------------------------------------------------------------
# The fast server


@dataclass(eq=False)
class _Session:
    user: SimUser
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
    `subscribeToPhoneHints` (`subscribed_hint` of the generation) and
    `getCurrentCallsPhoneEvents` (no calls). Each restart bumps the generation, which changes the
    voicemail count and the hint statuses a new session gets, so that a client can tell fresh
    state from stale.
    """

    COMMANDS: ClassVar = frozenset({"prepare", "flood", "paced", "restart"})

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
        user = bench_user(
            request.query.get("token", "").removeprefix("tok-"), voicemail_new=self.generation
        )
        ws = web.WebSocketResponse(compress=False, max_msg_size=1 << 22)
        writer = await ws.prepare(request)
        transport = request.transport
        assert isinstance(transport, asyncio.Transport)
        session = _Session(user, ws, transport, writer)
        self._sessions.append(session)
        try:
            await session.send(
                [
                    cti("LoggedOn", {}),
                    cti("UserConfigUpdate", user.config_snapshot()),
                    cti("PhoneStatusUpdate", {"status": PHONE_STATUS["AVAILABLE"]}),
                    cti("VoiceMailStatusUpdate", user.voicemail_status()),
                ]
            )
            async for message in ws:
                if message.type is WSMsgType.TEXT:
                    await self._on_command(session, orjson.loads(message.data))
        except ConnectionError:
            pass
        finally:
            if session in self._sessions:
                self._sessions.remove(session)
        return ws

    async def _on_command(self, session: _Session, message: Json) -> None:
        if message.get("claz") == "ping":
            await session.send([orjson.dumps(DEFAULT_PING_REPLY)])
            return
        command = message.get("command")
        if command == "getConfig":
            await session.send([cti("LineConfig", session.user.line_config(HOST))])
        elif command == "subscribeToPhoneHints":
            status = subscribed_hint(self.generation)
            await session.send(
                cti("PhoneHintStatusEvent", {"number": number, "status": status})
                for number in message.get("phoneNumbers", ())
            )
        elif command == "getCurrentCallsPhoneEvents":
            await session.send([cti("CurrentCallsPhoneEvents", {"events": []})])

    async def _session(self, username: str) -> _Session:
        return await _until_found(
            lambda: next((s for s in self._sessions if s.user.username == username), None),
            username,
        )

    # -- commands ---------------------------------------------------------------------------

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
        line = Line(session.user)
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
                session.transport.write(ws_frame(cti("PhoneEvent", phone_event(seq, line, stamp))))
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


# ------------------------------------------------------------------------------------------------
# The simulator


class SimServer:
    """The project's simulator, for measuring its `flood` alone and in front of the library."""

    COMMANDS: ClassVar = frozenset({"prepare", "flood"})
    USERS: Final = 8

    def __init__(self) -> None:
        users = [
            bench_user(
                f"bench{index}", user_id=100 + index, number=str(1100 + index), line_id=100 + index
            )
            for index in range(self.USERS)
        ]
        self._sim = XucSimulator(HOST, 0, users, answer_delay=None)
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
        await _until_found(lambda: self._sim.sessions(username) or None, username)
        start = now_ns()
        await self._sim.flood(username, self._floods[name])
        return {"t_start": start, "t_end": now_ns()}


class CcServer:
    """The project's simulator as a contact centre of many queues (the contact-centre row).

    Its users are the demo's; `bulk` replaces the queues and agents, `burst` pushes paced
    one-counter `QueueStatistics` frames, each a change (the simulator's `stats_burst`).
    """

    COMMANDS: ClassVar = frozenset({"bulk", "burst"})

    def __init__(self) -> None:
        self._sim = XucSimulator(HOST, 0, answer_delay=None)

    @property
    def port(self) -> int:
        return self._sim.port

    async def start(self) -> None:
        await self._sim.start()

    async def stop(self) -> None:
        await self._sim.stop()

    async def bulk(self, queues: int, agents: int) -> Json:
        await self._sim.cc_bulk(queues, agents, logged_in=True)
        return {"queues": queues, "agents": agents}

    async def burst(self, username: str, rate: float, count: int, counters: int) -> Json:
        """Frame i is due at t_start + i / rate (the burst is paced on the simulator's loop)."""
        await _until_found(lambda: self._sim.sessions(username) or None, username)
        start = now_ns()
        result = await self._sim.stats_burst(rate, count, counters)
        return {**result, "t_start": start}


SERVERS: Final[dict[str, Callable[[], SenderServer]]] = {
    "fast": FastServer,
    "sim": SimServer,
    "cc": CcServer,
}

if __name__ == "__main__":
    run_sender(SERVERS[sys.argv[1]])
