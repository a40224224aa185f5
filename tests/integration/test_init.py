"""Setup, unload, retries, reconnects and reauthentication of a line."""

from __future__ import annotations

import logging

from homeassistant.config_entries import SOURCE_REAUTH, ConfigEntryState
from homeassistant.const import EVENT_HOMEASSISTANT_STOP, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.xivo.const import DOMAIN
from simulator import XucSimulator
from tests.common import wait_for

LINK = "binary_sensor.james_bond_cti_link"
VOICEMAIL = "sensor.james_bond_new_voicemail_messages"
CALL_STATE = "sensor.james_bond_call_state"


def xivo_states(hass: HomeAssistant) -> dict[str, str]:
    return {
        state.entity_id: state.state
        for state in hass.states.async_all()
        if state.entity_id.split(".")[1].startswith("james_bond")
    }


async def test_setup_and_unload(
    hass: HomeAssistant, xuc_server: XucSimulator, config_entry: MockConfigEntry
) -> None:
    assert await hass.config_entries.async_setup(config_entry.entry_id)
    await hass.async_block_till_done()
    assert config_entry.state is ConfigEntryState.LOADED
    assert xuc_server.sessions("jbond") == 1
    states = xivo_states(hass)
    # Two voicemail counters are disabled by default; jbond is an agent (four entities).
    assert len(states) == 20
    assert STATE_UNAVAILABLE not in states.values()

    assert await hass.config_entries.async_unload(config_entry.entry_id)
    await hass.async_block_till_done()
    assert config_entry.state is ConfigEntryState.NOT_LOADED
    await wait_for(lambda: xuc_server.sessions("jbond") == 0)
    assert all(state == STATE_UNAVAILABLE for state in xivo_states(hass).values())


async def test_unreachable_server_retries_setup(
    hass: HomeAssistant, xuc_server: XucSimulator, config_entry: MockConfigEntry
) -> None:
    await xuc_server.set_reachable(False)
    await hass.config_entries.async_setup(config_entry.entry_id)
    await hass.async_block_till_done()
    assert config_entry.state is ConfigEntryState.SETUP_RETRY
    assert "Cannot reach the XiVO server 127.0.0.1" in (config_entry.reason or "")


async def test_wrong_password_at_setup_asks_for_it(
    hass: HomeAssistant, xuc_server: XucSimulator, config_entry: MockConfigEntry
) -> None:
    await xuc_server.set_password("jbond", "changed")
    await hass.config_entries.async_setup(config_entry.entry_id)
    await hass.async_block_till_done()
    assert config_entry.state is ConfigEntryState.SETUP_ERROR
    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert [flow["context"]["source"] for flow in flows] == [SOURCE_REAUTH]


async def test_link_loss_makes_entities_unavailable_then_fresh(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    init_integration: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="custom_components.xivo")
    assert hass.states.get(VOICEMAIL).state == "0"
    await xuc_server.set_reachable(False)
    await xuc_server.drop_connections()
    await wait_for(lambda: hass.states.get(LINK).state == "off")
    states = xivo_states(hass)
    assert {entity: state for entity, state in states.items() if state != STATE_UNAVAILABLE} == {
        LINK: "off"
    }

    # What changes on the server while the link is down is shown once it is back.
    await xuc_server.set_voicemail("jbond", 5)
    await xuc_server.incoming_call("jbond", "1001", "Alice Martin")
    await wait_for(lambda: init_integration.runtime_data.client.last_backoff > 0)
    await xuc_server.set_reachable(True)
    await wait_for(lambda: hass.states.get(LINK).state == "on", timeout=3)
    assert hass.states.get(VOICEMAIL).state == "5"
    assert hass.states.get(CALL_STATE).state == "ringing"
    assert hass.states.get(CALL_STATE).attributes["other_name"] == "Alice Martin"

    messages = [
        record.getMessage()
        for record in caplog.records
        if record.name.startswith("custom_components.xivo")
    ]
    assert messages.count("Lost the CTI link of James Bond; reconnecting") == 1
    assert messages.count("The CTI link of James Bond is back") == 1


async def test_long_outage_logs_once(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    init_integration: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    client = init_integration.runtime_data.client
    await xuc_server.set_reachable(False)
    await xuc_server.drop_connections()
    attempts: set[float] = set()
    # Several reconnection attempts, each with its own backoff, up to the cap.
    for _ in range(8):
        await wait_for(lambda: client.last_backoff not in attempts, timeout=2)
        attempts.add(client.last_backoff)
    await xuc_server.set_reachable(True)
    await wait_for(lambda: hass.states.get(LINK).state == "on", timeout=3)
    info = [
        r
        for r in caplog.records
        if r.name.startswith("custom_components.xivo") and r.levelno >= logging.INFO
    ]
    assert [r.getMessage() for r in info] == [
        "Lost the CTI link of James Bond; reconnecting",
        "The CTI link of James Bond is back",
    ]


async def test_password_changed_at_runtime_starts_reauth(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> None:
    await xuc_server.set_password("jbond", "changed")
    await xuc_server.refuse_tokens()
    await xuc_server.drop_connections()
    await wait_for(lambda: hass.config_entries.flow.async_progress_by_handler(DOMAIN))
    (flow,) = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert flow["context"]["source"] == SOURCE_REAUTH
    assert flow["step_id"] == "reauth_confirm"
    assert hass.states.get(LINK).state == "off"
    assert hass.states.get(VOICEMAIL).state == STATE_UNAVAILABLE
    client = init_integration.runtime_data.client
    logins = xuc_server.logins
    await wait_for(lambda: client.auth_failed)
    # The retry loop stopped: no more password attempts against the server.
    await xuc_server.set_voicemail("jbond", 1)
    assert xuc_server.logins == logins

    result = await hass.config_entries.flow.async_configure(
        flow["flow_id"], {"password": "changed"}
    )
    assert result["reason"] == "reauth_successful"
    await hass.async_block_till_done()
    await wait_for(lambda: hass.states.get(LINK).state == "on")
    assert hass.states.get(VOICEMAIL).state == "1"


async def test_home_assistant_stop_closes_the_link(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> None:
    hass.bus.async_fire(EVENT_HOMEASSISTANT_STOP)
    await hass.async_block_till_done()
    await wait_for(lambda: xuc_server.sessions("jbond") == 0)
    assert not init_integration.runtime_data.client.connected


async def test_unload_during_reconnect(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> None:
    client = init_integration.runtime_data.client
    await xuc_server.set_reachable(False)
    await xuc_server.drop_connections()
    await wait_for(lambda: client.last_backoff > 0)
    assert await hass.config_entries.async_unload(init_integration.entry_id)
    await hass.async_block_till_done()
    assert init_integration.state is ConfigEntryState.NOT_LOADED
    await xuc_server.set_reachable(True)


async def test_unload_and_stop_log_no_link_loss(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    init_integration: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    assert await hass.config_entries.async_reload(init_integration.entry_id)
    await hass.async_block_till_done()
    hass.bus.async_fire(EVENT_HOMEASSISTANT_STOP)
    await hass.async_block_till_done()
    await wait_for(lambda: xuc_server.sessions("jbond") == 0)
    assert "Lost the CTI link" not in caplog.text
