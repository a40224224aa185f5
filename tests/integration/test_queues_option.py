"""Which queues a line shows: the `queues` option, its default, and queue devices coming and going."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType, InvalidData
from homeassistant.helpers import device_registry as dr, entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.xivo.const import CONF_LOOKUP_NAMES, CONF_MONITORED_NUMBERS, DOMAIN
from simulator import XucSimulator
from tests.common import state_of, wait_for
from tests.integration.conftest import entry_data


def queue_names(hass: HomeAssistant, entry: MockConfigEntry) -> list[str]:
    """The names of the entry's queue devices."""
    return sorted(
        device.name or ""
        for device in dr.async_entries_for_config_entry(dr.async_get(hass), entry.entry_id)
        if device.via_device_id is not None
    )


def user_entry(hass: HomeAssistant, server: XucSimulator, username: str) -> MockConfigEntry:
    entry = MockConfigEntry(
        domain=DOMAIN,
        title=username,
        unique_id=f"127.0.0.1:{username}",
        data=entry_data(server, username),
    )
    entry.add_to_hass(hass)
    return entry


async def test_the_options_list_the_servers_queues_and_default_to_the_agents(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> None:
    assert queue_names(hass, init_integration) == ["Sales", "Support"]
    result = await hass.config_entries.options.async_init(init_integration.entry_id)
    assert result["type"] is FlowResultType.FORM
    schema = result["data_schema"].schema
    [queues] = [key for key in schema if key == "queues"]
    selector = schema[queues].config
    assert selector["multiple"] is True
    assert selector["options"] == [
        {"value": "1", "label": "Sales"},
        {"value": "2", "label": "Support"},
    ]
    # Without the option, the agent's queues.
    assert queues.description == {"suggested_value": ["1", "2"]}
    with pytest.raises(InvalidData):
        await hass.config_entries.options.async_configure(result["flow_id"], {"queues": ["9"]})


async def test_a_queue_taken_out_of_the_option_takes_its_device(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> None:
    registry = er.async_get(hass)
    assert registry.async_get("sensor.sales_waiting_calls") is not None
    xuc_server.clear_frames("jbond")
    result = await hass.config_entries.options.async_init(init_integration.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {CONF_MONITORED_NUMBERS: [], "queues": ["2"]}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert init_integration.options == {
        CONF_MONITORED_NUMBERS: [],
        CONF_LOOKUP_NAMES: True,
        "queues": ["2"],
    }
    # Reloaded: Sales is gone with its entities, Support stays and follows its calls only.
    assert queue_names(hass, init_integration) == ["Support"]
    assert registry.async_get("sensor.sales_waiting_calls") is None
    await wait_for(lambda: state_of(hass, "sensor.support_waiting_calls") == "0")
    subscribed = await xuc_server.wait_for_command("jbond", "subscribeToQueueCalls")
    assert subscribed["queueId"] == 2
    assert [
        frame["queueId"]
        for frame in xuc_server.frames("jbond")
        if frame["command"] == "subscribeToQueueCalls"
    ] == [2]

    # None at all: no queue device left.
    result = await hass.config_entries.options.async_init(init_integration.entry_id)
    await hass.config_entries.options.async_configure(
        result["flow_id"], {CONF_MONITORED_NUMBERS: [], "queues": []}
    )
    await hass.async_block_till_done()
    assert queue_names(hass, init_integration) == []


@pytest.mark.usefixtures("patient_link")
async def test_a_queue_the_agent_joins_gets_a_device(
    hass: HomeAssistant, xuc_server: XucSimulator
) -> None:
    """Alice's agent is in Sales; when it joins Support, Support's device appears."""
    entry = user_entry(hass, xuc_server, "alice")
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert queue_names(hass, entry) == ["Sales"]
    await xuc_server.cc.set_member(2, 2, 0)
    await wait_for(lambda: queue_names(hass, entry) == ["Sales", "Support"], timeout=5)
    await hass.async_block_till_done()
    await wait_for(lambda: state_of(hass, "sensor.support_waiting_calls") == "0", timeout=5)
    # And leaving it takes the device away again.
    await xuc_server.cc.set_member(2, 2, None)
    await wait_for(lambda: queue_names(hass, entry) == ["Sales"], timeout=5)
    await hass.async_block_till_done()
    await hass.config_entries.async_unload(entry.entry_id)


@pytest.mark.usefixtures("patient_link")
async def test_a_queue_the_server_lists_later_gets_its_device_without_a_reload(
    hass: HomeAssistant, xuc_server: XucSimulator
) -> None:
    """The option names a queue the server did not list at setup: it appears when listed."""
    entry = user_entry(hass, xuc_server, "bob")
    hass.config_entries.async_update_entry(entry, options={"queues": ["1", "7"]})
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert queue_names(hass, entry) == ["Sales"]
    client = entry.runtime_data.client
    await xuc_server.send_frame(
        "bob",
        {
            "msgType": "QueueConfig",
            "ctiMessage": {"id": 7, "name": "vip", "displayName": "VIP", "number": "3007"},
        },
    )
    await wait_for(lambda: queue_names(hass, entry) == ["Sales", "VIP"])
    await hass.async_block_till_done()
    # The same client (no reload), following the new queue's calls.
    assert entry.runtime_data.client is client
    assert (await xuc_server.wait_for_command("bob", "subscribeToQueueCalls", timeout=3))[
        "queueId"
    ] in (1, 7)
    await wait_for(lambda: client.watched_queues == {1, 7})
    await xuc_server.send_frame(
        "bob",
        {
            "msgType": "QueueStatistics",
            "ctiMessage": {"queueId": 7, "counters": [{"statName": "WaitingCalls", "value": 2}]},
        },
    )
    await wait_for(lambda: state_of(hass, "sensor.vip_waiting_calls") == "2")
    await hass.config_entries.async_unload(entry.entry_id)


async def test_a_user_who_is_not_an_agent_shows_the_queues_chosen(
    hass: HomeAssistant, xuc_server: XucSimulator
) -> None:
    entry = user_entry(hass, xuc_server, "bob")
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert queue_names(hass, entry) == []
    result = await hass.config_entries.options.async_init(entry.entry_id)
    [queues] = [key for key in result["data_schema"].schema if key == "queues"]
    assert queues.description == {"suggested_value": []}
    await hass.config_entries.options.async_configure(result["flow_id"], {"queues": ["1"]})
    await hass.async_block_till_done()
    assert queue_names(hass, entry) == ["Sales"]
    await wait_for(lambda: state_of(hass, "sensor.sales_waiting_calls") == "0")
    await hass.config_entries.async_unload(entry.entry_id)


async def test_the_queues_are_kept_when_the_line_is_not_loaded(
    hass: HomeAssistant, config_entry: MockConfigEntry
) -> None:
    """The server's queues are unknown: the form does not ask, and the choice is kept."""
    hass.config_entries.async_update_entry(
        config_entry, options={CONF_MONITORED_NUMBERS: [], "queues": ["2"]}
    )
    result = await hass.config_entries.options.async_init(config_entry.entry_id)
    assert "queues" not in result["data_schema"].schema
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {CONF_MONITORED_NUMBERS: ["1001"]}
    )
    assert config_entry.options == {
        CONF_MONITORED_NUMBERS: ["1001"],
        CONF_LOOKUP_NAMES: True,
        "queues": ["2"],
    }
