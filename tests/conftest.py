"""Fixtures shared by every test: the XUC simulator on loopback and fast client timings."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
import pytest

# Imported before the `hass` fixture runs: the test plugin ships its own `custom_components`
# package, which would otherwise shadow this project's.
import custom_components.xivo  # noqa: F401
from custom_components.xivo.xuc import Timings
from simulator import XucSimulator

# A 20 s dead-link rule and a 60 s backoff cap, shrunk so that each fault test runs in about
# a second; the dead-link rule not so short that a loaded machine (2 cores, a browser and a
# second Home Assistant beside the suite) trips it in the middle of unrelated tests.
FAST_TIMINGS = Timings(
    ping_interval=0.1,
    dead_after=0.5,
    backoff_min=0.01,
    backoff_max=0.08,
    request_timeout=1.0,
    stable_after=0.3,
    refusal_wait=0.1,
    name_wait=0.1,
)


@pytest.fixture(autouse=True)
async def enable_event_loop_debug(request: pytest.FixtureRequest) -> None:
    """asyncio's debug mode where Home Assistant runs, as its test plugin sets it for every test.

    Debug mode records a traceback for every callback (a quarter of a test's time here) to find
    Home Assistant's thread-safety mistakes. The library's and the simulator's own tests run no
    Home Assistant and no threads: they run on a plain loop, as the library does in production.
    """
    if "hass" in request.fixturenames:
        asyncio.get_running_loop().set_debug(True)


type StartSimulator = Callable[..., Awaitable[XucSimulator]]


@pytest.fixture
async def start_simulator(socket_enabled: None) -> AsyncIterator[StartSimulator]:
    """Start XUC simulators on free ports of 127.0.0.1 (keyword arguments: the simulator's);
    every one is stopped at the end of the test."""
    started: list[XucSimulator] = []

    async def start(**options: Any) -> XucSimulator:
        simulator = XucSimulator(**{"answer_delay": 0.01, **options})
        await simulator.start()
        started.append(simulator)
        return simulator

    yield start
    for simulator in reversed(started):
        await simulator.stop()


@pytest.fixture
async def xuc_server(start_simulator: StartSimulator) -> XucSimulator:
    """A XUC simulator listening on 127.0.0.1 on a free port."""
    return await start_simulator()


@pytest.fixture
async def http_session(socket_enabled: None) -> AsyncIterator[aiohttp.ClientSession]:
    """A plain aiohttp session for library tests (Home Assistant tests use its own)."""
    async with aiohttp.ClientSession() as session:
        yield session
