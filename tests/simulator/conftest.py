"""Fixtures of the simulator tests: a simulator on loopback and a plain HTTP client."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest

from simulator import XucSimulator

# Ring timeout of the no-answer forward in these tests (15 s on a real line).
RING_TIMEOUT = 0.1


@pytest.fixture
async def sim(socket_enabled: None) -> AsyncIterator[XucSimulator]:
    async with XucSimulator(answer_delay=0.01, ring_timeout=RING_TIMEOUT) as simulator:
        yield simulator


@pytest.fixture
async def quiet_sim(socket_enabled: None) -> AsyncIterator[XucSimulator]:
    """A simulator where nobody answers by themselves: the tests answer and hang up."""
    async with XucSimulator(answer_delay=None, ring_timeout=RING_TIMEOUT) as simulator:
        yield simulator


@pytest.fixture
async def http(socket_enabled: None) -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session
