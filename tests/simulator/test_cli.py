"""`python -m simulator`: the scripted office day plays only when asked (--office-day)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
import contextlib

import pytest

from simulator import XucSimulator
from simulator.__main__ import parse_args, serve, simulator_for
from tests.common import wait_for


@contextlib.asynccontextmanager
async def running(*argv: str) -> AsyncIterator[XucSimulator]:
    """The command line's simulator, serving on a free port until the block ends."""
    args = parse_args(["--port", "0", *argv])
    sim = simulator_for(args)
    stop = asyncio.Event()
    task = asyncio.create_task(serve(sim, args, stop))
    try:
        await wait_for(lambda: sim.port != 0)
        yield sim
    finally:
        stop.set()
        await task


async def test_the_demo_scenario_is_quiet(
    socket_enabled: None, capsys: pytest.CaptureFixture[str]
) -> None:
    async with running("--scenario", "demo") as sim:
        await asyncio.sleep(0.2)  # the office day starts with a call at once
        assert all(sim.pbx.current_calls(name) == [] for name in sim.pbx.users)
        assert set(sim.pbx.users) == {"jbond", "alice", "bob", "carol", "noline"}
    out = capsys.readouterr().out
    assert "noline   password secret   Nina Noline (no line)" in out
    assert "queues 3000 Sales, 3001 Support; agents jbond 8000, alice 8001" in out
    assert "office day" not in out


async def test_office_day_on_request(
    socket_enabled: None, capsys: pytest.CaptureFixture[str]
) -> None:
    async with running("--scenario", "demo", "--office-day") as sim:
        await wait_for(lambda: sim.pbx.current_calls("jbond"), timeout=1.0)
        (call,) = sim.pbx.current_calls("jbond")
        assert (call["eventType"], call["otherDN"]) == ("EventRinging", "1001")
    assert "office day" in capsys.readouterr().out


def test_ring_timeout_option() -> None:
    assert simulator_for(parse_args([])).pbx.ring_timeout == 15.0
    assert simulator_for(parse_args(["--ring-timeout", "3"])).pbx.ring_timeout == 3.0
