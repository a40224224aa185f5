"""Helpers shared by the tests."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
import time


async def wait_for(predicate: Callable[[], object], timeout: float = 2.0) -> None:
    """Yield to the loop until `predicate()` is true; fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        await asyncio.sleep(0.005)
