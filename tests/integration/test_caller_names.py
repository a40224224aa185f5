"""Callers' names from the XiVO directory when the PBX gives only a number."""

from __future__ import annotations

import time

from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events

from custom_components.xivo.const import CONF_LOOKUP_NAMES, CONF_MONITORED_NUMBERS, EVENT_PHONE
from simulator import XucSimulator
from tests.common import attributes_of, wait_for
from tests.conftest import FAST_TIMINGS

CALL_STATE = "sensor.james_bond_call_state"
CALL_EVENT = "event.james_bond_call"


def lookups(xuc_server: XucSimulator) -> list[str]:
    return [
        frame["term"]
        for frame in xuc_server.frames("jbond")
        if frame.get("command") == "searchContacts"
    ]


async def test_a_number_is_named_from_the_directory_everywhere(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> None:
    """Moneypenny's number, stored spaced in the directory; the PBX sends it bare."""
    bus = async_capture_events(hass, EVENT_PHONE)
    await xuc_server.incoming_call("jbond", "0142424242")
    await wait_for(lambda: bus)
    assert (bus[0].data["event_type"], bus[0].data["other_dname"]) == ("ringing", "Moneypenny")
    assert attributes_of(hass, CALL_EVENT)["other_dname"] == "Moneypenny"
    attributes = attributes_of(hass, CALL_STATE)
    assert (attributes["other_name"], attributes["name_source"]) == ("Moneypenny", "directory")
    (item,) = attributes["calls"]
    assert (item["other_number"], item["other_name"], item["name_source"]) == (
        "0142424242",
        "Moneypenny",
        "directory",
    )
    assert lookups(xuc_server) == ["0142424242"]


async def test_a_name_from_the_pbx_is_kept_and_not_looked_up(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> None:
    bus = async_capture_events(hass, EVENT_PHONE)
    await xuc_server.incoming_call("jbond", "0142424242", "M.")
    await wait_for(lambda: bus)
    assert bus[0].data["other_dname"] == "M."
    assert attributes_of(hass, CALL_STATE)["name_source"] == "pbx"
    assert lookups(xuc_server) == []


async def test_an_unknown_number_stays_a_number_and_is_asked_once(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> None:
    bus = async_capture_events(hass, EVENT_PHONE)
    for _ in range(2):
        linked_id = await xuc_server.incoming_call("jbond", "0499887766")
        await wait_for(lambda: bus and bus[-1].data["event_type"] == "ringing")
        await xuc_server.remote_hangup("jbond", linked_id)
        await wait_for(lambda: bus[-1].data["event_type"] in ("released", "missed"))
    assert {event.data["other_dname"] for event in bus} == {""}
    assert attributes_of(hass, CALL_STATE)["call_count"] == 0
    # The second call was answered from the cache.
    assert lookups(xuc_server) == ["0499887766"]


async def test_a_slow_directory_does_not_hold_the_event_back(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> None:
    """The event fires with the number after the short wait; the name follows on the entity."""
    await xuc_server.delay_replies(0.5, commands=["searchContacts"])
    bus = async_capture_events(hass, EVENT_PHONE)
    started = time.monotonic()
    await xuc_server.incoming_call("jbond", "0142424242")
    await wait_for(lambda: bus)
    held = time.monotonic() - started
    assert FAST_TIMINGS.name_wait * 0.9 <= held < 0.45
    assert bus[0].data["other_dname"] == ""
    await wait_for(lambda: attributes_of(hass, CALL_STATE).get("other_name") == "Moneypenny")
    assert attributes_of(hass, CALL_STATE)["name_source"] == "directory"


@pytest.mark.parametrize("monitored_numbers", [[]], ids=["no-numbers"])
async def test_lookups_can_be_turned_off(
    hass: HomeAssistant, xuc_server: XucSimulator, config_entry: MockConfigEntry
) -> None:
    hass.config_entries.async_update_entry(
        config_entry, options={CONF_MONITORED_NUMBERS: [], CONF_LOOKUP_NAMES: False}
    )
    assert await hass.config_entries.async_setup(config_entry.entry_id)
    await hass.async_block_till_done()
    bus = async_capture_events(hass, EVENT_PHONE)
    await xuc_server.incoming_call("jbond", "0142424242")
    await wait_for(lambda: bus)
    assert bus[0].data["other_dname"] == ""
    assert attributes_of(hass, CALL_STATE)["other_name"] is None
    assert lookups(xuc_server) == []
    await hass.config_entries.async_unload(config_entry.entry_id)


async def test_callers_ringing_together_each_take_their_name(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> None:
    """A reception desk: three nameless callers at once, a directory answering in 50 ms."""
    await xuc_server.delay_replies(0.05, commands=["searchContacts"])
    bus = async_capture_events(hass, EVENT_PHONE)
    callers = {
        "0142424242": "Moneypenny",
        "0467123456": "Pizza Roma",
        "0467987654": "Garage Dupuis",
    }
    for number in callers:
        await xuc_server.incoming_call("jbond", number)
    await wait_for(lambda: len(bus) == 3)
    assert {event.data["other_dn"]: event.data["other_dname"] for event in bus} == callers
    items = attributes_of(hass, CALL_STATE)["calls"]
    assert {item["other_number"]: item["other_name"] for item in items} == callers
    assert {item["name_source"] for item in items} == {"directory"}
    assert sorted(lookups(xuc_server)) == sorted(callers)
