"""What a user sees of a line: entity states, attributes, events, triggers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components import automation
from homeassistant.components.device_automation import DeviceAutomationType
from homeassistant.const import (
    ATTR_ENTITY_ID,
    EVENT_STATE_CHANGED,
    STATE_OFF,
    STATE_ON,
    Platform,
)
from homeassistant.core import HomeAssistant, State
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_get_device_automations,
    mock_restore_cache,
    snapshot_platform,
)
from syrupy.assertion import SnapshotAssertion

from custom_components.xivo import PLATFORMS
from custom_components.xivo.const import DOMAIN, EVENT_CONFERENCE, EVENT_PHONE
from simulator import XucSimulator
from tests.common import attributes_of, record_states, state_of, wait_for

PHONE_STATUS = "sensor.james_bond_phone_status"
CALL_STATE = "sensor.james_bond_call_state"
CALL_EVENT = "event.james_bond_call"
MISSED = "sensor.james_bond_missed_calls"
DND = "switch.james_bond_do_not_disturb"
UNC = "switch.james_bond_unconditional_forward"
UNC_DESTINATION = "text.james_bond_unconditional_forward_destination"
LAST_MISSED = ("last_caller_number", "last_caller_name", "last_missed_at")


@pytest.fixture
def only_platform(request: pytest.FixtureRequest) -> Iterator[Platform]:
    """Set up one platform of the line: `snapshot_platform` takes one at a time."""
    platform: Platform = request.param
    with patch("custom_components.xivo.PLATFORMS", [platform]):
        yield platform


# Regenerate after a deliberate change with
#   pytest tests/integration/test_entities.py --snapshot-update
# and review the diff of snapshots/test_entities.ambr.
@pytest.mark.usefixtures("entity_registry_enabled_by_default")
@pytest.mark.parametrize("only_platform", sorted(PLATFORMS), indirect=True)
async def test_entities_match_the_snapshot(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
    only_platform: Platform,
    init_integration: MockConfigEntry,
) -> None:
    """Every entity of the line, its registry entry and its state, in each platform."""
    await snapshot_platform(hass, entity_registry, snapshot, init_integration.entry_id)


async def test_device_matches_the_snapshot(
    line_device: dr.DeviceEntry, snapshot: SnapshotAssertion
) -> None:
    assert line_device == snapshot


async def test_device_and_entities(
    hass: HomeAssistant, init_integration: MockConfigEntry, line_device: dr.DeviceEntry
) -> None:
    assert (
        line_device.name,
        line_device.manufacturer,
        line_device.model,
        line_device.serial_number,
    ) == (
        "James Bond",
        "XiVO",
        "CTI line",
        "1000",
    )
    every_entity = er.async_entries_for_config_entry(er.async_get(hass), init_integration.entry_id)
    # The queues' entities are test_agent_and_queues.py's.
    entities = [entity for entity in every_entity if "_queue_" not in entity.unique_id]
    assert {
        entity.unique_id.removeprefix(f"{init_integration.entry_id}_") for entity in entities
    } == {
        "connected",
        "reset_missed_calls",
        "call",
        "phone_status",
        "call_state",
        "voicemail_new",
        "voicemail_waiting",
        "voicemail_old",
        "missed_calls",
        "hint_1001",
        "hint_1002",
        "dnd",
        "unconditional_forward",
        "no_answer_forward",
        "busy_forward",
        "unconditional_forward_destination",
        "no_answer_forward_destination",
        "busy_forward_destination",
        # jbond is an agent.
        "agent_state",
        "agent_logged_in",
        "agent_paused",
        "agent_pause_reason",
    }
    assert all(entity.device_id == line_device.id for entity in entities)
    assert {
        entity.entity_id: entity.translation_key
        for entity in entities
        if entity.disabled_by is not None
    } == {
        "sensor.james_bond_waiting_voicemail_messages": "voicemail_waiting",
        "sensor.james_bond_old_voicemail_messages": "voicemail_old",
    }
    assert {entity.entity_id for entity in entities if entity.entity_category is not None} == {
        "binary_sensor.james_bond_cti_link",
        UNC,
        "switch.james_bond_no_answer_forward",
        "switch.james_bond_busy_forward",
        UNC_DESTINATION,
        "text.james_bond_no_answer_forward_destination",
        "text.james_bond_busy_forward_destination",
    }


async def test_initial_states(hass: HomeAssistant, init_integration: MockConfigEntry) -> None:
    assert state_of(hass, PHONE_STATUS) == "available"
    assert attributes_of(hass, PHONE_STATUS)["options"][:3] == ["available", "calling", "busy"]
    assert state_of(hass, CALL_STATE) == "idle"
    assert attributes_of(hass, CALL_STATE)["call_count"] == 0
    assert state_of(hass, "sensor.james_bond_new_voicemail_messages") == "0"
    assert state_of(hass, MISSED) == "0"
    assert state_of(hass, "sensor.james_bond_phone_1001") == "available"
    assert state_of(hass, DND) == STATE_OFF
    assert state_of(hass, UNC) == STATE_OFF
    assert state_of(hass, UNC_DESTINATION) == ""
    assert state_of(hass, "binary_sensor.james_bond_cti_link") == STATE_ON
    assert state_of(hass, CALL_EVENT) == "unknown"


async def test_a_call_as_the_user_sees_it(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    init_integration: MockConfigEntry,
    line_device: dr.DeviceEntry,
) -> None:
    bus = async_capture_events(hass, EVENT_PHONE)
    linked_id = await xuc_server.incoming_call(
        "jbond", "0612345678", "Q Branch", queue_name="support", user_data={"USR_ticket": "42"}
    )
    await wait_for(lambda: state_of(hass, CALL_STATE) == "ringing")
    # The call as the server sent it: its own leg id and the variables XiVO attached.
    [ringing] = xuc_server.pbx.current_calls("jbond")
    assert ringing["uniqueId"] != linked_id
    assert ringing["userData"]["USR_ticket"] == "42"
    attributes = attributes_of(hass, CALL_STATE)
    assert {
        key: attributes[key]
        for key in ("other_number", "other_name", "direction", "queue", "linked_id", "call_count")
    } == {
        "other_number": "0612345678",
        "other_name": "Q Branch",
        "direction": "incoming",
        "queue": "support",
        "linked_id": linked_id,
        "call_count": 1,
    }
    assert state_of(hass, PHONE_STATUS) == "ringing"
    event = attributes_of(hass, CALL_EVENT)
    assert event["event_type"] == "ringing"
    assert (event["other_dn"], event["other_dname"], event["queue_name"]) == (
        "0612345678",
        "Q Branch",
        "support",
    )
    assert event["user_data"]["USR_ticket"] == "42"

    await xuc_server.remote_answer("jbond")
    await wait_for(lambda: state_of(hass, CALL_STATE) == "established")
    assert state_of(hass, PHONE_STATUS) == "calling"
    await xuc_server.remote_hangup("jbond")
    await wait_for(lambda: state_of(hass, CALL_STATE) == "idle")
    assert attributes_of(hass, CALL_EVENT)["event_type"] == "released"
    assert state_of(hass, MISSED) == "0"

    assert [event.data["event_type"] for event in bus] == ["ringing", "established", "released"]
    assert bus[0].data == {
        "config_entry_id": init_integration.entry_id,
        "device_id": line_device.id,
        "event_type": "ringing",
        "dn": "1000",
        "other_dn": "0612345678",
        "other_dname": "Q Branch",
        "linked_id": linked_id,
        "unique_id": ringing["uniqueId"],
        "queue_name": "support",
        "call_direction": "Incoming",
        "user_data": ringing["userData"],
        "username": "jbond",
    }


# Frozen for the wall clock only: the event loop and `wait_for` keep real time, so the link's
# keepalive and the simulator run as usual.
@pytest.mark.freeze_time("2026-11-25 10:00:00+00:00", real_asyncio=True, ignore=["tests.common"])
async def test_missed_calls_are_counted_and_reset(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    bus = async_capture_events(hass, EVENT_PHONE)
    entity_states = record_states(hass, CALL_EVENT)
    await xuc_server.missed_call("jbond", "0467123456", "Pizza Roma")
    await wait_for(lambda: state_of(hass, MISSED) == "1")
    assert [state.attributes["event_type"] for state in entity_states] == [
        "ringing",
        "released",
        "missed",
    ]
    assert [event.data["event_type"] for event in bus] == ["ringing", "released", "missed"]
    attributes = attributes_of(hass, MISSED)
    assert {key: attributes[key] for key in LAST_MISSED} == {
        "last_caller_number": "0467123456",
        "last_caller_name": "Pizza Roma",
        "last_missed_at": datetime(2026, 11, 25, 10, 0, tzinfo=UTC),
    }

    freezer.tick(timedelta(minutes=5))
    await xuc_server.missed_call("jbond", "1001", "Alice Martin")
    await wait_for(lambda: state_of(hass, MISSED) == "2")
    attributes = attributes_of(hass, MISSED)
    assert {key: attributes[key] for key in LAST_MISSED} == {
        "last_caller_number": "1001",
        "last_caller_name": "Alice Martin",
        "last_missed_at": datetime(2026, 11, 25, 10, 5, tzinfo=UTC),
    }

    await hass.services.async_call(
        "button", "press", {ATTR_ENTITY_ID: "button.james_bond_reset_missed_calls"}, blocking=True
    )
    assert state_of(hass, MISSED) == "0"
    attributes = attributes_of(hass, MISSED)
    assert {key: attributes[key] for key in LAST_MISSED} == dict.fromkeys(LAST_MISSED)


async def test_outgoing_unanswered_call_is_not_missed(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> None:
    await init_integration.runtime_data.client.dial("1002")
    await wait_for(lambda: state_of(hass, CALL_STATE) == "established")
    await xuc_server.remote_hangup("jbond")
    await wait_for(lambda: state_of(hass, CALL_STATE) == "idle")
    assert state_of(hass, MISSED) == "0"


async def test_missed_calls_survive_a_restart(
    hass: HomeAssistant, xuc_server: XucSimulator, config_entry: MockConfigEntry
) -> None:
    mock_restore_cache(
        hass,
        [
            State(
                MISSED,
                "3",
                {
                    "last_caller_number": "0467123456",
                    "last_caller_name": "Pizza Roma",
                    "last_missed_at": "2026-11-25T10:00:00+00:00",
                },
            )
        ],
    )
    assert await hass.config_entries.async_setup(config_entry.entry_id)
    await hass.async_block_till_done()
    assert state_of(hass, MISSED) == "3"
    attributes = attributes_of(hass, MISSED)
    assert attributes["last_caller_name"] == "Pizza Roma"
    assert attributes["last_missed_at"] == datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    await xuc_server.missed_call("jbond", "1002", "Bob Durand")
    await wait_for(lambda: state_of(hass, MISSED) == "4")
    await hass.config_entries.async_unload(config_entry.entry_id)
    await hass.async_block_till_done()


async def test_a_garbled_restored_count_starts_from_zero(
    hass: HomeAssistant, xuc_server: XucSimulator, config_entry: MockConfigEntry
) -> None:
    mock_restore_cache(hass, [State(MISSED, "unknown")])
    assert await hass.config_entries.async_setup(config_entry.entry_id)
    await hass.async_block_till_done()
    assert state_of(hass, MISSED) == "0"
    await hass.config_entries.async_unload(config_entry.entry_id)
    await hass.async_block_till_done()


async def test_dnd_switch_follows_the_server(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> None:
    # A silent server records the command but never confirms it: the switch stays off.
    await xuc_server.set_silent(True)
    await hass.services.async_call("switch", "turn_on", {ATTR_ENTITY_ID: DND}, blocking=True)
    await wait_for(lambda: xuc_server.frames("jbond")[-1]["command"] == "dnd")
    assert xuc_server.frames("jbond")[-1] == {"claz": "web", "command": "dnd", "state": True}
    assert state_of(hass, DND) == STATE_OFF
    await xuc_server.set_silent(False)

    await hass.services.async_call("switch", "turn_on", {ATTR_ENTITY_ID: DND}, blocking=True)
    await wait_for(lambda: state_of(hass, DND) == STATE_ON)
    await hass.services.async_call("switch", "turn_off", {ATTR_ENTITY_ID: DND}, blocking=True)
    await wait_for(lambda: state_of(hass, DND) == STATE_OFF)
    # Changed on the server by someone else: the switch follows.
    await xuc_server.set_user_config("jbond", dnd_enabled=True)
    await wait_for(lambda: state_of(hass, DND) == STATE_ON)


async def test_forward_needs_a_destination(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> None:
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call("switch", "turn_on", {ATTR_ENTITY_ID: UNC}, blocking=True)
    assert err.value.translation_key == "no_forward_destination"
    # Nothing was sent for it (the last frames of the sync may be the agent's, jbond is one).
    assert not [f for f in xuc_server.frames("jbond") if f["command"].endswith("Fwd")]

    await hass.services.async_call(
        "text",
        "set_value",
        {ATTR_ENTITY_ID: UNC_DESTINATION, "value": "06 98 76 54 32"},
        blocking=True,
    )
    assert await xuc_server.wait_for_command("jbond", "uncFwd") == {
        "claz": "web",
        "command": "uncFwd",
        "state": False,
        "destination": "0698765432",
    }
    await wait_for(lambda: state_of(hass, UNC_DESTINATION) == "0698765432")
    assert state_of(hass, UNC) == STATE_OFF

    await hass.services.async_call("switch", "turn_on", {ATTR_ENTITY_ID: UNC}, blocking=True)
    await wait_for(lambda: state_of(hass, UNC) == STATE_ON)
    assert await xuc_server.wait_for_command("jbond", "uncFwd") == {
        "claz": "web",
        "command": "uncFwd",
        "state": True,
        "destination": "0698765432",
    }
    # A new destination while on keeps the forward on.
    await hass.services.async_call(
        "text", "set_value", {ATTR_ENTITY_ID: UNC_DESTINATION, "value": "1002"}, blocking=True
    )
    await wait_for(lambda: state_of(hass, UNC_DESTINATION) == "1002")
    assert state_of(hass, UNC) == STATE_ON
    # Clearing the destination turns the forward off.
    await hass.services.async_call(
        "text", "set_value", {ATTR_ENTITY_ID: UNC_DESTINATION, "value": ""}, blocking=True
    )
    await wait_for(lambda: state_of(hass, UNC) == STATE_OFF)
    assert state_of(hass, UNC_DESTINATION) == ""


async def test_an_invalid_forward_destination_is_refused(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> None:
    before = len(xuc_server.frames("jbond"))
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            "text",
            "set_value",
            {ATTR_ENTITY_ID: UNC_DESTINATION, "value": "call me"},
            blocking=True,
        )
    assert err.value.translation_key == "invalid_destination"
    assert len(xuc_server.frames("jbond")) == before


async def test_hint_and_voicemail_sensors(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> None:
    writes = async_capture_events(hass, EVENT_STATE_CHANGED)
    await xuc_server.set_hint("1002", 2)
    await wait_for(lambda: state_of(hass, "sensor.james_bond_phone_1002") == "busy")
    # One update, one state write: no other entity was touched.
    assert [event.data["entity_id"] for event in writes] == ["sensor.james_bond_phone_1002"]
    assert state_of(hass, "sensor.james_bond_phone_1001") == "available"
    # A colleague's call shows on the colleague's hint.
    await xuc_server.incoming_call("alice", "0467123456")
    await wait_for(lambda: state_of(hass, "sensor.james_bond_phone_1001") == "ringing")
    await xuc_server.set_voicemail("jbond", 2, 1, 7)
    await wait_for(lambda: state_of(hass, "sensor.james_bond_new_voicemail_messages") == "2")


async def test_conference_events_reach_the_bus(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    init_integration: MockConfigEntry,
    line_device: dr.DeviceEntry,
) -> None:
    events = async_capture_events(hass, EVENT_CONFERENCE)
    await init_integration.runtime_data.client.dial("4000")
    await wait_for(lambda: state_of(hass, CALL_STATE) == "established")
    await xuc_server.conference_event("jbond", event_type="Join")
    await xuc_server.conference_participant_event(
        "jbond", event_type="Join", phone_number="1001", caller_id_name="Alice Martin"
    )
    await wait_for(lambda: len(events) == 2)
    conference, participant = (event.data for event in events)
    assert conference["kind"] == "conference"
    assert conference["device_id"] == line_device.id
    assert conference["config_entry_id"] == init_integration.entry_id
    assert (conference["event_type"], conference["conference_number"]) == ("Join", "4000")
    assert participant["kind"] == "participant"
    assert participant["phoneNumber"] == "1001"
    assert participant["conference_name"] == conference["conference_name"]


async def test_device_triggers(
    hass: HomeAssistant, xuc_server: XucSimulator, line_device: dr.DeviceEntry
) -> None:
    triggers = await async_get_device_automations(
        hass, DeviceAutomationType.TRIGGER, line_device.id
    )
    assert sorted(trigger["type"] for trigger in triggers if trigger["domain"] == DOMAIN) == [
        "dialing",
        "established",
        "failure",
        "missed",
        "on_hold",
        "released",
        "ringing",
    ]
    fired = async_capture_events(hass, "phone_rang")
    assert await async_setup_component(
        hass,
        automation.DOMAIN,
        {
            automation.DOMAIN: [
                {
                    "triggers": {
                        "trigger": "device",
                        "domain": DOMAIN,
                        "device_id": line_device.id,
                        "type": trigger_type,
                    },
                    "actions": {
                        "event": "phone_rang",
                        "event_data": {
                            "type": trigger_type,
                            "caller": "{{ trigger.event.data.other_dname }}",
                        },
                    },
                }
                for trigger_type in ("ringing", "missed")
            ]
        },
    )
    await xuc_server.missed_call("jbond", "0467123456", "Pizza Roma")
    await wait_for(lambda: len(fired) == 2)
    assert [(event.data["type"], event.data["caller"]) for event in fired] == [
        ("ringing", "Pizza Roma"),
        ("missed", "Pizza Roma"),
    ]


async def test_a_number_no_longer_monitored_leaves_no_entity(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    registry = er.async_get(hass)
    assert registry.async_get("sensor.james_bond_phone_1002") is not None
    hass.config_entries.async_update_entry(
        init_integration, options={"monitored_numbers": ["1001", "1003"]}
    )
    assert await hass.config_entries.async_reload(init_integration.entry_id)
    await hass.async_block_till_done()
    assert registry.async_get("sensor.james_bond_phone_1002") is None
    assert state_of(hass, "sensor.james_bond_phone_1003") == "unknown"
    assert state_of(hass, "sensor.james_bond_phone_1001") == "available"
