"""Helpers shared by the tests."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
import json
from pathlib import Path
import time
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_USERNAME
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, State, callback
from homeassistant.helpers.event import async_track_state_change_event

from custom_components.xivo.const import DOMAIN
from simulator import XucSimulator

PACKAGE = Path(__file__).parents[1] / "custom_components" / DOMAIN
ENGLISH: dict[str, Any] = json.loads(
    (PACKAGE / "translations" / "en.json").read_text(encoding="utf-8")
)
"""The integration's English translations, as the user reads them."""
EXCEPTIONS: dict[str, dict[str, str]] = ENGLISH["exceptions"]


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


def record_states(hass: HomeAssistant, entity_id: str) -> list[State]:
    """Every state `entity_id` is written with from now on, in the order written.

    A loop callback: a plain function given to the bus would run in the executor, in no
    particular order and behind the states it is meant to see.
    """
    states: list[State] = []

    @callback
    def record(event: Event[EventStateChangedData]) -> None:
        if (state := event.data["new_state"]) is not None:
            states.append(state)

    async_track_state_change_event(hass, entity_id, record)
    return states


# A frame that changes nothing on the line: the end of what a test looks at on the wire.
MARKER = {"claz": "web", "command": "sendDtmf", "key": "0"}


def _loaded_entry(hass: HomeAssistant, username: str) -> ConfigEntry:
    return next(
        entry
        for entry in hass.config_entries.async_loaded_entries(DOMAIN)
        if entry.data[CONF_USERNAME] == username
    )


async def mark_the_wire(hass: HomeAssistant, server: XucSimulator, username: str = "jbond") -> None:
    """Send MARKER on the line's websocket and wait until the server has it.

    The websocket is ordered: whatever a refused action had put on the wire arrived before the
    marker. Sent by the library, not through the `send_dtmf` action, which would wait out the
    refusal window (a DTMF key has no acknowledgement) on every test that uses it.
    """
    await _loaded_entry(hass, username).runtime_data.client.send(MARKER)
    await server.wait_for_command(username, "sendDtmf")


async def forget_frames(hass: HomeAssistant, server: XucSimulator, username: str = "jbond") -> None:
    """Forget what the line has sent so far, its session sync included.

    A first session learns from the sync itself that the user is an agent, and asks for the
    agent's state right after it: the marker makes sure those frames are in before they go.
    """
    await _loaded_entry(hass, username).runtime_data.client.send(MARKER)
    # Polled on the real clock, so that it also works under a frozen wall clock.
    await wait_for(lambda: MARKER in server.frames(username))
    server.clear_frames(username)
