"""The plumbing between the benchmark and its sender processes.

A sender (see server.py) runs in a subprocess, so that it never shares an event loop with what
it measures. The benchmark drives it over its stdin and stdout with JSON lines: the sender says
`{"port": N}` once it listens, then answers each `{"id", "cmd", "args"}` request with
`{"id", "result"}` or `{"id", "error"}`, requests running concurrently, until its stdin closes.

Every timestamp is `now_ns()`: CLOCK_MONOTONIC, one clock for all processes of a Linux machine,
so a send time stamped in a sender compares with a receive time taken in the benchmark.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
import itertools
import logging
import sys
import time
from typing import Any, ClassVar, Final, Protocol

import orjson

from . import ROOT

LOG_FORMAT: Final = "%(levelname)s %(name)s: %(message)s"

_LOGGER = logging.getLogger("bench")

type Json = dict[str, Any]


def now_ns() -> int:
    """CLOCK_MONOTONIC, comparable across the processes of this machine."""
    return time.monotonic_ns()


class SenderServer(Protocol):
    """What a sender process serves: a XUC on a port, and the commands it takes."""

    COMMANDS: ClassVar[frozenset[str]]

    @property
    def port(self) -> int:
        """The port it listens on, once started."""

    async def start(self) -> None:
        """Listen."""

    async def stop(self) -> None:
        """Stop listening and end every session."""


def run_sender(make_server: Callable[[], SenderServer]) -> None:
    """The main of a sender process: serve the commands read on stdin until it closes."""
    logging.basicConfig(level=logging.WARNING, format=LOG_FORMAT)
    asyncio.run(_serve(make_server))


async def _serve(make_server: Callable[[], SenderServer]) -> None:
    server = make_server()
    await server.start()
    out = sys.stdout.buffer

    def reply(message: Json) -> None:
        out.write(orjson.dumps(message) + b"\n")
        out.flush()

    async def run(request: Json) -> None:
        try:
            if request["cmd"] not in server.COMMANDS:
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
        """Start `python -m scripts.benchmarks.server MODE` and wait until it listens."""
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            f"{__package__}.server",
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
        """Close its stdin, which ends it; kill it if it has not ended within 5 s."""
        assert self._process.stdin is not None
        self._process.stdin.close()
        try:
            await asyncio.wait_for(self._process.wait(), 5)
        except TimeoutError:
            self._process.kill()
            await self._process.wait()
        await self._reader
