"""Faults a link that runs for months meets: restarts, silent cuts, refused tokens, bursts."""

from __future__ import annotations

from datetime import timedelta
import json
import logging
from pathlib import Path
import resource

from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import CONF_SSL, CONF_VERIFY_SSL, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_fire_time_changed,
)

from custom_components.xivo.const import CONF_MONITORED_NUMBERS, DOMAIN, EVENT_PHONE
from simulator import SimContact, XucSimulator
from tests.common import record_states, state_of, wait_for
from tests.conftest import StartSimulator
from tests.integration.conftest import entry_data
from tests.xuc.test_transport import self_signed_context

LINK = "binary_sensor.james_bond_cti_link"
CALL_STATE = "sensor.james_bond_call_state"
CALL_EVENT = "event.james_bond_call"
PHONE_STATUS = "sensor.james_bond_phone_status"
MISSED = "sensor.james_bond_missed_calls"
# A name cut inside an emoji (🎉 is \ud83c\udf89): XUC escapes the lone half, "\ud83c".
CUT_NAME = "Zoé \ud83c"
SHOWN_NAME = "Zoé \ufffd"


def resident_memory() -> int:
    """Bytes of resident memory of this process."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize()


async def test_server_restart_during_a_call(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> None:
    events = async_capture_events(hass, EVENT_PHONE)
    await xuc_server.incoming_call("jbond", "1001", "Alice Martin")
    await xuc_server.remote_answer("jbond")
    await wait_for(lambda: state_of(hass, CALL_STATE) == "established")
    fired = len(events)
    last_event = hass.states.get(CALL_EVENT)

    await xuc_server.restart(downtime=0.1)
    await wait_for(lambda: state_of(hass, LINK) == "off")
    assert state_of(hass, CALL_STATE) == STATE_UNAVAILABLE
    await wait_for(lambda: state_of(hass, LINK) == "on", timeout=3)

    assert state_of(hass, CALL_STATE) == "established"
    assert hass.states.get(CALL_STATE).attributes["other_name"] == "Alice Martin"
    # Re-synced through the current calls: the call did not change, so nothing fired again.
    assert len(events) == fired
    assert hass.states.get(CALL_EVENT).attributes == last_event.attributes
    await xuc_server.remote_hangup("jbond")
    await wait_for(lambda: state_of(hass, CALL_STATE) == "idle")
    assert [event.data["event_type"] for event in events[fired:]] == ["released"]


async def test_a_silently_dead_link_is_detected(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    init_integration: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A server that stops answering without closing anything: lost once, back once."""
    caplog.set_level(logging.INFO, logger="custom_components.xivo")
    links = record_states(hass, LINK)
    await xuc_server.set_silent(True)
    await wait_for(lambda: state_of(hass, LINK) == "off", timeout=3)
    assert state_of(hass, PHONE_STATUS) == STATE_UNAVAILABLE
    await xuc_server.set_silent(False)
    await wait_for(lambda: state_of(hass, LINK) == "on", timeout=3)
    assert state_of(hass, PHONE_STATUS) == "available"
    # The attempts that met the silent server while it lasted changed nothing: no flapping,
    # and the loss and the recovery are each logged once (log-when-unavailable).
    assert [state.state for state in links] == ["off", "on"]
    ours = [
        record.getMessage()
        for record in caplog.records
        if record.name == "custom_components.xivo" and record.levelno == logging.INFO
    ]
    assert ours == [
        "Lost the CTI link of James Bond; reconnecting",
        "The CTI link of James Bond is back",
    ]


async def test_a_refused_token_on_reconnect_means_a_fresh_login(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> None:
    await xuc_server.refuse_tokens()
    await xuc_server.drop_connections()
    await wait_for(lambda: xuc_server.logins == 2)
    await wait_for(lambda: state_of(hass, LINK) == "on")
    assert not hass.config_entries.flow.async_progress()


async def test_a_burst_while_an_automation_is_slow(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    init_integration: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """10,000 call events, an automation that takes its time: nothing dropped, memory bounded."""
    # As in production: the test loop's debug mode records a traceback for every callback,
    # and debug log records for every bus event; both would dwarf what is measured here.
    caplog.set_level(logging.WARNING)
    hass.loop.set_debug(False)
    assert await async_setup_component(
        hass,
        "automation",
        {
            "automation": {
                "triggers": {"trigger": "state", "entity_id": CALL_EVENT},
                "actions": [{"delay": 0.5}],
                "mode": "single",
                "max_exceeded": "silent",
            }
        },
    )
    bus = async_capture_events(hass, EVENT_PHONE)
    writes = record_states(hass, CALL_EVENT)
    count = 10_000
    frames = [
        json.dumps(
            {
                "msgType": "PhoneEvent",
                "ctiMessage": {
                    "eventType": "EventRinging" if i % 2 == 0 else "EventReleased",
                    "DN": "1000",
                    "otherDN": "0467123456",
                    "linkedId": f"burst.{i // 2}",
                    "uniqueId": f"burst.{i // 2}",
                    "callDirection": "Incoming",
                },
            }
        )
        for i in range(count)
    ]
    rss_before = resident_memory()
    assert await xuc_server.flood("jbond", frames) == count
    # Every other event is the release of a call that only rang: a missed call.
    await wait_for(lambda: len(bus) >= count + count // 2, timeout=30)
    await hass.async_block_till_done()
    grown = resident_memory() - rss_before
    assert len(bus) == count + count // 2
    assert len(writes) == count + count // 2
    assert state_of(hass, "sensor.james_bond_missed_calls") == str(count // 2)
    assert init_integration.runtime_data.client.state.calls == {}
    # What grows is Home Assistant's own event history, not a queue in the integration.
    assert grown < 64 * 1024 * 1024
    assert state_of(hass, LINK) == "on"


async def test_secrets_never_reach_the_logs(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    config_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A full session at debug level: login, reconnect, token refusal, password change."""
    caplog.set_level(logging.DEBUG)
    assert await hass.config_entries.async_setup(config_entry.entry_id)
    await hass.async_block_till_done()
    client = config_entry.runtime_data.client
    tokens = {client._token}
    await xuc_server.drop_connections()
    await wait_for(lambda: state_of(hass, LINK) == "on" and xuc_server.checks == 1)
    tokens.add(client._token)
    await xuc_server.refuse_tokens()
    await xuc_server.drop_connections()
    await wait_for(lambda: xuc_server.logins == 2 and state_of(hass, LINK) == "on")
    tokens.add(client._token)
    await xuc_server.set_password("jbond", "changed")
    await xuc_server.refuse_tokens()
    await xuc_server.drop_connections()
    await wait_for(lambda: hass.config_entries.flow.async_progress())
    await hass.config_entries.async_unload(config_entry.entry_id)
    await hass.async_block_till_done()

    ours = "\n".join(
        record.getMessage() + (record.exc_text or "")
        for record in caplog.records
        if not record.name.startswith("simulator")
    )
    assert "Lost the CTI link" in ours
    for secret in ("secret", *filter(None, tokens)):
        assert secret not in ours


async def test_a_tls_session_closed_at_once_at_start_is_retried(
    hass: HomeAssistant, start_simulator: StartSimulator, tmp_path: Path
) -> None:
    """XUC behind TLS takes the login and closes the websocket at once: setup is retried
    (not a setup error), and the next try brings the line up."""
    server = await start_simulator(ssl_context=self_signed_context(tmp_path))
    await server.close_after_logged_on()
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="James Bond",
        unique_id="127.0.0.1:jbond",
        data={**entry_data(server), CONF_SSL: True, CONF_VERIFY_SSL: False},
        options={CONF_MONITORED_NUMBERS: []},
    )
    entry.add_to_hass(hass)
    assert not await hass.config_entries.async_setup(entry.entry_id)
    assert entry.state is ConfigEntryState.SETUP_RETRY
    assert server.logins == 1
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(minutes=1))
    await wait_for(lambda: entry.state is ConfigEntryState.LOADED)
    await hass.async_block_till_done()
    assert state_of(hass, LINK) == "on"
    await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()


async def test_a_caller_name_cut_inside_an_emoji_rings_and_is_counted_missed(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> None:
    events = async_capture_events(hass, EVENT_PHONE)
    linked_id = await xuc_server.incoming_call("jbond", "0699000000", CUT_NAME)
    await wait_for(lambda: state_of(hass, CALL_STATE) == "ringing")
    assert hass.states.get(CALL_STATE).attributes["other_name"] == SHOWN_NAME
    await xuc_server.remote_hangup("jbond", linked_id)
    await wait_for(lambda: state_of(hass, MISSED) == "1")
    assert hass.states.get(MISSED).attributes["last_caller_name"] == SHOWN_NAME
    assert [event.data["event_type"] for event in events] == ["ringing", "released", "missed"]
    assert {event.data["other_dname"] for event in events} == {SHOWN_NAME}


async def test_a_directory_search_finding_a_name_cut_inside_an_emoji_answers(
    hass: HomeAssistant, xuc_server: XucSimulator, line_device: dr.DeviceEntry
) -> None:
    xuc_server.pbx.contacts.append(SimContact(CUT_NAME, "", "0699000000"))
    response = await hass.services.async_call(
        DOMAIN,
        "search_contacts",
        {"device_id": line_device.id, "term": "zo"},
        blocking=True,
        return_response=True,
    )
    assert response == {
        "contacts": [
            {
                "name": SHOWN_NAME,
                "number": "0699000000",
                "mobile": None,
                "email": None,
                "status": "unexisting",
                "favorite": False,
            }
        ]
    }


async def test_a_late_established_after_the_release_leaves_no_phantom_call(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> None:
    """Events out of order behind a busy XUC: EventEstablished of a call already released."""
    events = async_capture_events(hass, EVENT_PHONE)
    await xuc_server.incoming_call("jbond", "1001", "Alice Martin")
    await xuc_server.remote_answer("jbond")
    await wait_for(lambda: state_of(hass, CALL_STATE) == "established")
    await xuc_server.remote_hangup("jbond")
    await wait_for(lambda: state_of(hass, CALL_STATE) == "idle")
    established = next(event.data for event in events if event.data["event_type"] == "established")
    fired = len(events)
    late = {
        "eventType": "EventEstablished",
        "DN": established["dn"],
        "otherDN": established["other_dn"],
        "otherDName": established["other_dname"],
        "linkedId": established["linked_id"],
        "uniqueId": established["unique_id"],
        "callDirection": "Incoming",
    }
    await xuc_server.send_frame("jbond", {"msgType": "PhoneEvent", "ctiMessage": late})
    # A ring after it shows the late frame was read before it.
    await xuc_server.incoming_call("jbond", "1002", "Bob Marley")
    await wait_for(lambda: state_of(hass, CALL_STATE) == "ringing")
    assert [event.data["event_type"] for event in events[fired:]] == ["ringing"]
    attributes = hass.states.get(CALL_STATE).attributes
    assert attributes["call_count"] == 1
    assert [item["other_number"] for item in attributes["calls"]] == ["1002"]
