"""A reload or a reconnect fires no automation: the call event entity coming back from
`unavailable` (or being added again with its last event) is not a call event.

The automations are the README's examples and the blueprints, as users copy them.
"""

from __future__ import annotations

from pathlib import Path
import re
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from homeassistant.util import yaml as yaml_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_mock_service,
)

from custom_components.xivo.const import EVENT_PHONE
from simulator import XucSimulator
from tests.common import state_of, wait_for

README = Path(__file__).parents[2] / "README.md"
CALL_EVENT = "event.james_bond_call"


def readme_state_trigger_example() -> dict[str, Any]:
    """The README's automation on the call event entity's state (Events and triggers)."""
    text = README.read_text()
    section = text[text.index("**The call event entity**") :]
    block = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert block is not None
    example = yaml_util.parse_yaml(block.group(1))
    assert isinstance(example, dict)
    assert example["triggers"][0]["entity_id"] == CALL_EVENT
    return example


async def missed_call(hass: HomeAssistant, xuc_server: XucSimulator) -> None:
    await xuc_server.incoming_call("jbond", "0612345678", "Q Branch")
    await wait_for(lambda: state_of(hass, "sensor.james_bond_call_state") == "ringing")
    await xuc_server.remote_hangup("jbond")
    await wait_for(lambda: state_of(hass, "sensor.james_bond_missed_calls") == "1")
    await hass.async_block_till_done()


async def back_up(
    hass: HomeAssistant, entry: MockConfigEntry, xuc_server: XucSimulator, how: str
) -> None:
    if how == "reload":
        assert await hass.config_entries.async_reload(entry.entry_id)
    else:
        await xuc_server.restart()
        await wait_for(lambda: state_of(hass, CALL_EVENT) == "unavailable", timeout=5)
    await wait_for(lambda: state_of(hass, "binary_sensor.james_bond_cti_link") == "on", timeout=5)
    await wait_for(lambda: state_of(hass, CALL_EVENT) not in ("unavailable", "unknown"))
    await hass.async_block_till_done()


@pytest.mark.parametrize("how", ["reload", "reconnect"])
@pytest.mark.parametrize("event_type", ["ringing", "missed"])
async def test_readme_state_trigger_does_not_fire_on_reload_or_reconnect(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    xuc_server: XucSimulator,
    how: str,
    event_type: str,
) -> None:
    """The README's example (with its condition on `ringing`, or on `missed` as a user
    adapts it) runs once per call event, and not again when the line comes back."""
    example = readme_state_trigger_example()
    example["conditions"][0]["state"] = event_type
    lights = async_mock_service(hass, "light", "turn_on")
    assert await async_setup_component(hass, "automation", {"automation": [example]})
    await hass.async_block_till_done()

    # The entity starts `unknown` (never fired): its first event runs the automation.
    await missed_call(hass, xuc_server)
    assert len(lights) == 1  # the ringing, or the missed call

    await back_up(hass, init_integration, xuc_server, how)
    assert len(lights) == 1


@pytest.mark.parametrize("how", ["reload", "reconnect"])
async def test_no_phone_event_on_reload_or_reconnect(
    hass: HomeAssistant, init_integration: MockConfigEntry, xuc_server: XucSimulator, how: str
) -> None:
    """The blueprints and the README's bus-event example trigger on xivo_phone_event: none is
    fired when the line comes back with no call."""
    await missed_call(hass, xuc_server)
    events = async_capture_events(hass, EVENT_PHONE)

    await back_up(hass, init_integration, xuc_server, how)
    assert events == []
