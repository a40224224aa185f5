"""Helpers shared by the tests."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
import time
from typing import Any

from homeassistant.core import HomeAssistant


async def wait_for(predicate: Callable[[], object], timeout: float = 2.0) -> None:
    """Yield to the loop until `predicate()` is true; fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        await asyncio.sleep(0.005)


def state_of(hass: HomeAssistant, entity_id: str) -> str:
    """The state an entity shows; fails the test if the entity does not exist."""
    state = hass.states.get(entity_id)
    assert state is not None, entity_id
    return state.state


def attributes_of(hass: HomeAssistant, entity_id: str) -> dict[str, Any]:
    """The attributes an entity shows; fails the test if the entity does not exist."""
    state = hass.states.get(entity_id)
    assert state is not None, entity_id
    return dict(state.attributes)
