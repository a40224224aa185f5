"""The contact centre in Home Assistant: the user's agent, the queues' devices, the agent actions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import timedelta
from typing import Any

from freezegun import freeze_time
from homeassistant.const import (
    ATTR_ENTITY_ID,
    EVENT_STATE_CHANGED,
    EVENT_STATE_REPORTED,
    STATE_OFF,
    STATE_ON,
    STATE_UNAVAILABLE,
    STATE_UNKNOWN,
)
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_fire_time_changed,
)
from syrupy.assertion import SnapshotAssertion

from custom_components.xivo import coordinator
from custom_components.xivo.const import DOMAIN
from simulator import XucSimulator
from tests.common import attributes_of, mark_the_wire, state_of, wait_for
from tests.conftest import FAST_TIMINGS
from tests.integration.conftest import entry_data

AGENT_STATE = "sensor.james_bond_agent_state"
LOGGED_IN = "switch.james_bond_agent_logged_in"
PAUSED = "switch.james_bond_agent_paused"
PAUSE_REASON = "select.james_bond_pause_reason"
CALL_STATE = "sensor.james_bond_call_state"
LINK = "binary_sensor.james_bond_cti_link"
SALES_WAITING = "sensor.sales_waiting_calls"
SALES_LONGEST = "sensor.sales_longest_wait"
SALES_EWT = "sensor.sales_estimated_wait"
SUPPORT_WAITING = "sensor.support_waiting_calls"
SUPPORT_LONGEST = "sensor.support_longest_wait"


def web(command: str, **arguments: Any) -> dict[str, Any]:
    """A command frame as cti.js builds it."""
    return {"claz": "web", "command": command, **arguments}


async def agent_action(hass: HomeAssistant, service: str, device_id: str, **data: Any) -> None:
    await hass.services.async_call(DOMAIN, service, {"device_id": device_id, **data}, blocking=True)


def queue_device(hass: HomeAssistant, entry_id: str, queue_id: int) -> dr.DeviceEntry | None:
    return dr.async_get(hass).async_get_device_by_identifier(
        (DOMAIN, f"{entry_id}_queue_{queue_id}"), entry_id
    )


# --------------------------------------------------------------------------- what appears


async def test_an_agent_gets_agent_entities_and_its_queues_as_devices(
    hass: HomeAssistant, init_integration: MockConfigEntry, line_device: dr.DeviceEntry
) -> None:
    """jbond is agent 8000 in Sales and Support: both queues are shown by default."""
    await wait_for(lambda: state_of(hass, AGENT_STATE) == "logged_out")
    assert state_of(hass, LOGGED_IN) == STATE_OFF
    assert state_of(hass, PAUSED) == STATE_OFF
    assert state_of(hass, PAUSE_REASON) == STATE_UNKNOWN
    assert attributes_of(hass, PAUSE_REASON)["options"] == ["lunch", "meeting"]
    attributes = attributes_of(hass, AGENT_STATE)
    assert attributes["pause_reason"] is None
    assert attributes["queues"] == ["Sales", "Support"]
    assert attributes["pause_reasons"] == [
        {"name": "lunch", "label": "Lunch"},
        {"name": "meeting", "label": "Meeting"},
    ]
    entry_id = init_integration.entry_id
    devices = [queue_device(hass, entry_id, queue_id) for queue_id in (1, 2)]
    assert [(device.name, device.via_device_id) for device in devices if device] == [
        ("Sales", line_device.id),
        ("Support", line_device.id),
    ]
    registry = er.async_get(hass)
    sales = er.async_entries_for_device(
        registry,
        devices[0].id,
        include_disabled_entities=True,  # type: ignore[union-attr]
    )
    assert {entity.translation_key for entity in sales} == {
        "waiting_calls",
        "longest_wait",
        "estimated_wait",
        "available_agents",
        "talking_agents",
        "logged_agents",
        "calls_entered",
        "calls_answered",
        "calls_abandoned",
        "answered_rate",
    }
    assert {entity.translation_key for entity in sales if entity.disabled_by} == {
        "calls_entered",
        "calls_answered",
        "calls_abandoned",
    }
    assert state_of(hass, SALES_WAITING) == "0"
    assert state_of(hass, SALES_LONGEST) == "0"
    assert attributes_of(hass, SALES_WAITING)["calls"] == []
    assert attributes_of(hass, SALES_LONGEST)["unit_of_measurement"] == "s"


async def test_queue_device_matches_the_snapshot(
    hass: HomeAssistant, init_integration: MockConfigEntry, snapshot: SnapshotAssertion
) -> None:
    assert queue_device(hass, init_integration.entry_id, 1) == snapshot


@pytest.fixture
def bob_entry(hass: HomeAssistant, xuc_server: XucSimulator) -> MockConfigEntry:
    """Bob: a XiVO user with a line who is not an agent."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Bob Durand",
        unique_id="127.0.0.1:bob",
        data=entry_data(xuc_server, "bob"),
    )
    entry.add_to_hass(hass)
    return entry


@pytest.mark.parametrize("non_agent_id", ["zero", "missing", "null"])
async def test_a_user_who_is_not_an_agent_sees_no_agent_and_a_clear_error(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    bob_entry: MockConfigEntry,
    non_agent_id: str,
) -> None:
    await xuc_server.set_cc_options(non_agent_id=non_agent_id)
    assert await hass.config_entries.async_setup(bob_entry.entry_id)
    await hass.async_block_till_done()
    registry = er.async_get(hass)
    keys = {
        entity.translation_key
        for entity in er.async_entries_for_config_entry(registry, bob_entry.entry_id)
    }
    assert "phone_status" in keys
    assert not keys & {"agent_state", "agent_logged_in", "agent_paused", "agent_pause_reason"}
    # No agent, no queue of its own: no queue device either.
    assert len(dr.async_entries_for_config_entry(dr.async_get(hass), bob_entry.entry_id)) == 1
    device = dr.async_get(hass).async_get_device_by_identifier(
        (DOMAIN, bob_entry.entry_id), bob_entry.entry_id
    )
    assert device is not None
    for service in ("agent_login", "agent_logout", "agent_pause", "agent_unpause"):
        with pytest.raises(ServiceValidationError) as refused:
            await agent_action(hass, service, device.id)
        assert refused.value.translation_key == "not_an_agent"
        assert str(refused.value) == ("The XiVO user of Bob Durand is not a contact-centre agent")
    # Refused before anything went on the wire.
    await mark_the_wire(hass, xuc_server, "bob")
    commands = {frame["command"] for frame in xuc_server.frames("bob")}
    assert not commands & {"agentLogin", "agentLogout", "pauseAgent", "unpauseAgent"}
    await hass.config_entries.async_unload(bob_entry.entry_id)


# --------------------------------------------------------------------------- a working day


@pytest.mark.usefixtures("patient_link")
async def test_an_agent_logs_in_takes_a_sales_call_wraps_up_and_pauses_for_lunch(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> None:
    await xuc_server.set_cc_options(wrapup_time=60)
    await wait_for(lambda: state_of(hass, AGENT_STATE) == "logged_out")
    agent_states = async_capture_events(hass, EVENT_STATE_CHANGED)

    await hass.services.async_call("switch", "turn_on", {ATTR_ENTITY_ID: LOGGED_IN}, blocking=True)
    # XiVO's own agent application: no agent id, the line's number.
    assert await xuc_server.wait_for_command("jbond", "agentLogin") == web(
        "agentLogin", agentphonenumber="1000"
    )
    await wait_for(lambda: state_of(hass, AGENT_STATE) == "ready")
    assert state_of(hass, LOGGED_IN) == STATE_ON
    assert state_of(hass, PAUSED) == STATE_OFF
    assert attributes_of(hass, AGENT_STATE)["since"] is not None

    await xuc_server.queue_call("3000", "0467123456", "Pizza Roma")
    await wait_for(lambda: state_of(hass, CALL_STATE) == "ringing")
    assert state_of(hass, AGENT_STATE) == "ringing"
    call = attributes_of(hass, CALL_STATE)
    assert (call["other_number"], call["other_name"], call["queue"]) == (
        "0467123456",
        "Pizza Roma",
        "sales",
    )
    await xuc_server.remote_answer("jbond")
    await wait_for(lambda: state_of(hass, AGENT_STATE) == "on_call")
    await wait_for(lambda: state_of(hass, "sensor.sales_talking_agents") == "1")
    await xuc_server.remote_hangup("jbond")
    await wait_for(lambda: state_of(hass, AGENT_STATE) == "wrap_up")
    assert state_of(hass, CALL_STATE) == "idle"

    await hass.services.async_call(
        "select",
        "select_option",
        {ATTR_ENTITY_ID: PAUSE_REASON, "option": "lunch"},
        blocking=True,
    )
    assert await xuc_server.wait_for_command("jbond", "pauseAgent") == web(
        "pauseAgent", reason="lunch"
    )
    await wait_for(lambda: state_of(hass, AGENT_STATE) == "paused")
    assert attributes_of(hass, AGENT_STATE)["pause_reason"] == "lunch"
    assert state_of(hass, PAUSE_REASON) == "lunch"
    assert state_of(hass, PAUSED) == STATE_ON

    await hass.services.async_call("switch", "turn_off", {ATTR_ENTITY_ID: PAUSED}, blocking=True)
    await wait_for(lambda: state_of(hass, AGENT_STATE) == "ready")
    assert state_of(hass, PAUSE_REASON) == STATE_UNKNOWN
    await hass.services.async_call("switch", "turn_off", {ATTR_ENTITY_ID: LOGGED_IN}, blocking=True)
    await wait_for(lambda: state_of(hass, AGENT_STATE) == "logged_out")
    written = [
        event.data["new_state"].state
        for event in agent_states
        if event.data["entity_id"] == AGENT_STATE
    ]
    # Every state the day went through, each written once.
    assert written == [
        "ready",
        "ringing",
        "on_call",
        "wrap_up",
        "paused",
        "ready",
        "logged_out",
    ]


async def test_the_agent_actions_put_xivo_frames_on_the_wire(
    hass: HomeAssistant, xuc_server: XucSimulator, line_device: dr.DeviceEntry
) -> None:
    await wait_for(lambda: state_of(hass, AGENT_STATE) == "logged_out")
    # A logged-out agent cannot pause: the server would ignore it, the user is told.
    with pytest.raises(ServiceValidationError) as refused:
        await agent_action(hass, "agent_pause", line_device.id)
    assert refused.value.translation_key == "agent_logged_out"
    with pytest.raises(ServiceValidationError) as refused:
        await hass.services.async_call("switch", "turn_on", {ATTR_ENTITY_ID: PAUSED}, blocking=True)
    assert refused.value.translation_key == "agent_logged_out"
    with pytest.raises(ServiceValidationError) as refused:
        await hass.services.async_call(
            "select",
            "select_option",
            {ATTR_ENTITY_ID: PAUSE_REASON, "option": "lunch"},
            blocking=True,
        )
    assert refused.value.translation_key == "agent_logged_out"
    assert state_of(hass, PAUSED) == STATE_OFF

    await agent_action(hass, "agent_login", line_device.id)
    await wait_for(lambda: state_of(hass, AGENT_STATE) == "ready")
    # A reason by its label, in any case, is sent by its name.
    await agent_action(hass, "agent_pause", line_device.id, reason="Meeting")
    await wait_for(lambda: attributes_of(hass, AGENT_STATE)["pause_reason"] == "meeting")
    with pytest.raises(ServiceValidationError) as refused:
        await agent_action(hass, "agent_pause", line_device.id, reason="holidays")
    assert refused.value.translation_key == "invalid_pause_reason"
    assert str(refused.value) == (
        '"holidays" is not a pause reason of the XiVO server; choose one of: lunch, meeting'
    )
    await agent_action(hass, "agent_unpause", line_device.id)
    await wait_for(lambda: state_of(hass, AGENT_STATE) == "ready")
    await agent_action(hass, "agent_pause", line_device.id)
    await wait_for(lambda: state_of(hass, AGENT_STATE) == "paused")
    assert attributes_of(hass, AGENT_STATE)["pause_reason"] is None
    await agent_action(hass, "agent_logout", line_device.id)
    await wait_for(lambda: state_of(hass, AGENT_STATE) == "logged_out")
    await mark_the_wire(hass, xuc_server)
    agent_frames = [
        frame
        for frame in xuc_server.frames("jbond")
        if frame["command"] in ("agentLogin", "agentLogout", "pauseAgent", "unpauseAgent")
    ]
    assert agent_frames == [
        web("agentLogin", agentphonenumber="1000"),
        web("pauseAgent", reason="meeting"),
        web("unpauseAgent"),
        web("pauseAgent"),
        web("agentLogout"),
    ]


async def test_an_agent_error_reaches_the_caller_in_words(
    hass: HomeAssistant, xuc_server: XucSimulator, line_device: dr.DeviceEntry
) -> None:
    await wait_for(lambda: state_of(hass, AGENT_STATE) == "logged_out")
    with pytest.raises(HomeAssistantError) as refused:
        await agent_action(hass, "agent_login", line_device.id, phone_number="1999")
    assert refused.value.translation_key == "agent_phone_number_unknown"
    assert str(refused.value) == (
        "The XiVO server could not log in the agent of James Bond: it does not know that phone number"
    )
    assert state_of(hass, AGENT_STATE) == "logged_out"

    await agent_action(hass, "agent_login", line_device.id)
    await wait_for(lambda: state_of(hass, AGENT_STATE) == "ready")
    with pytest.raises(HomeAssistantError) as refused:
        await agent_action(hass, "agent_login", line_device.id, phone_number="1002")
    assert refused.value.translation_key == "agent_logged_in_elsewhere"
    assert str(refused.value) == (
        "The XiVO server could not log in the agent of James Bond on 1002: "
        "it is logged in on 1000; log it out first"
    )
    with pytest.raises(ServiceValidationError) as refused:
        await agent_action(hass, "agent_login", line_device.id, phone_number="not a number")
    assert refused.value.translation_key == "invalid_destination"


# --------------------------------------------------------------------------- the queues


async def test_queue_counters_merge_and_write_only_what_changed(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> None:
    await wait_for(lambda: state_of(hass, SALES_EWT) == "0")
    writes = async_capture_events(hass, EVENT_STATE_CHANGED)
    # A write that changes nothing is reported, not changed: there must be none.
    unchanged_writes: list[str] = []

    @callback
    def sales(data: Mapping[str, Any]) -> bool:
        return str(data["entity_id"]).startswith("sensor.sales_")

    @callback
    def unchanged(event: Event[Any]) -> None:
        unchanged_writes.append(event.data["entity_id"])

    hass.bus.async_listen(EVENT_STATE_REPORTED, unchanged, event_filter=sales)

    async def statistics(*counters: tuple[str, Any], queue: str = "queueId") -> None:
        body = {
            queue: 1 if queue == "queueId" else "sales",
            "counters": [{"statName": name, "value": value} for name, value in counters],
        }
        await xuc_server.send_frame("jbond", {"msgType": "QueueStatistics", "ctiMessage": body})

    await statistics(("EWT", 42))
    await wait_for(lambda: state_of(hass, SALES_EWT) == "42")
    # Named by the queue's name, a numeric string: merged, the others untouched.
    await statistics(("AvailableAgents", "3"), queue="queueRef")
    await wait_for(lambda: state_of(hass, "sensor.sales_available_agents") == "3")
    assert state_of(hass, SALES_EWT) == "42"
    # A resent value changes nothing, so writes nothing.
    await statistics(("EWT", 42), ("AvailableAgents", 3))
    await mark_the_wire(hass, xuc_server)
    await xuc_server.send_frame("jbond", {"msgType": "QueueStatistics", "ctiMessage": {}})
    await statistics(("TotalNumberCallsEntered", 4), ("TotalNumberCallsAnswered", 3))
    await wait_for(lambda: state_of(hass, "sensor.sales_answered_rate") == "75.0")
    # Twice the calls, the same rate: the rate is not written again.
    await statistics(("TotalNumberCallsEntered", 8), ("TotalNumberCallsAnswered", 6))
    await statistics(("EWT", 43))
    await wait_for(lambda: state_of(hass, SALES_EWT) == "43")
    await hass.async_block_till_done()
    assert [event.data["entity_id"] for event in writes] == [
        SALES_EWT,
        "sensor.sales_available_agents",
        "sensor.sales_answered_rate",
        SALES_EWT,
    ]
    assert unchanged_writes == []


async def test_waiting_calls_and_the_longest_wait_grow_between_updates(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    init_integration: MockConfigEntry,
) -> None:
    """Nobody is logged in: a Support caller waits, and the wait grows on its own."""
    await wait_for(lambda: state_of(hass, SUPPORT_WAITING) == "0")
    await xuc_server.queue_call("3001", "0467987654", "Garage Dupuis")
    await wait_for(lambda: state_of(hass, SUPPORT_WAITING) == "1")
    await wait_for(lambda: len(attributes_of(hass, SUPPORT_WAITING)["calls"]) == 1)
    [waiting] = attributes_of(hass, SUPPORT_WAITING)["calls"]
    assert (waiting["position"], waiting["number"], waiting["name"]) == (
        1,
        "0467987654",
        "Garage Dupuis",
    )
    assert waiting["waiting_since"]
    assert state_of(hass, SUPPORT_LONGEST) == "0"
    since = attributes_of(hass, SUPPORT_LONGEST)["waiting_since"]
    assert since is not None
    longest = async_capture_events(hass, EVENT_STATE_CHANGED)

    # Time travel, with no server update meanwhile (the link's own timers stand still too).
    with freeze_time(dt_util.parse_datetime(since)) as frozen:
        for seconds in (5, 10, 15):
            frozen.tick(timedelta(seconds=5))
            async_fire_time_changed(hass)
            await hass.async_block_till_done()
            assert state_of(hass, SUPPORT_LONGEST) == str(seconds)
    # The moment the wait began does not move: a card can count from it every second.
    assert attributes_of(hass, SUPPORT_LONGEST)["waiting_since"] == since
    # Only the growing wait was written, once per tick.
    assert [event.data["entity_id"] for event in longest] == [SUPPORT_LONGEST] * 3

    # The caller leaves: the wait is over, and the timer stops.
    [linked_id] = [call_id for call_id, call in xuc_server.cc._calls.items() if call.queue_id == 2]
    await xuc_server.queue_hangup(linked_id)
    await wait_for(lambda: state_of(hass, SUPPORT_WAITING) == "0")
    await wait_for(lambda: state_of(hass, SUPPORT_LONGEST) == "0")
    longest.clear()
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=30))
    await hass.async_block_till_done()
    assert [event.data["entity_id"] for event in longest] == []


@pytest.mark.usefixtures("patient_link")
async def test_a_reconnect_restores_every_subscription(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> None:
    await wait_for(lambda: state_of(hass, AGENT_STATE) == "logged_out")
    await xuc_server.restart(downtime=0.1)
    await wait_for(lambda: state_of(hass, LINK) == STATE_OFF)
    assert state_of(hass, AGENT_STATE) == STATE_UNAVAILABLE
    assert state_of(hass, SALES_WAITING) == STATE_UNAVAILABLE
    await wait_for(lambda: state_of(hass, LINK) == STATE_ON, timeout=3)
    for command in (
        "subscribeToQueueStats",
        "getAgentStates",
        "subscribeToAgentEvents",
    ):
        await xuc_server.wait_for_command("jbond", command)
    # After the restart: the new session's frames are the ones still to take.
    queue_calls = [
        (await xuc_server.wait_for_command("jbond", "subscribeToQueueCalls"))["queueId"]
        for _ in range(2)
    ]
    assert sorted(queue_calls) == [1, 2]

    # The entities follow the new session's feeds.
    await xuc_server.agent("jbond", "paused", "lunch")
    await wait_for(lambda: state_of(hass, AGENT_STATE) == "paused")
    await xuc_server.queue_call("3000", "0467123456", "Pizza Roma")
    await wait_for(lambda: state_of(hass, SALES_WAITING) == "1")
    await wait_for(lambda: len(attributes_of(hass, SALES_WAITING)["calls"]) == 1)


@pytest.fixture
def slow_refusals(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refusals awaited 2 s, so that a test can answer a command itself in time."""
    monkeypatch.setattr(
        coordinator, "CLIENT_TIMINGS", replace(FAST_TIMINGS, refusal_wait=2.0, dead_after=5.0)
    )


@pytest.mark.usefixtures("slow_refusals")
async def test_an_undocumented_agent_error_still_reaches_the_caller(
    hass: HomeAssistant, xuc_server: XucSimulator, line_device: dr.DeviceEntry
) -> None:
    await wait_for(lambda: state_of(hass, AGENT_STATE) == "logged_out")
    await xuc_server.delay_replies(forever=True, commands=["agentLogin"])
    login = hass.async_create_task(agent_action(hass, "agent_login", line_device.id))
    await xuc_server.wait_for_command("jbond", "agentLogin")
    await xuc_server.send_frame(
        "jbond", {"msgType": "AgentError", "ctiMessage": {"Error": "AgentBusy"}}
    )
    with pytest.raises(HomeAssistantError) as refused:
        await login
    assert refused.value.translation_key == "agent_refused"
    assert str(refused.value) == (
        "The XiVO server refused the agent command for James Bond: AgentBusy"
    )
    await xuc_server.delay_replies()


@pytest.mark.usefixtures("patient_link")
async def test_a_user_who_becomes_an_agent_gets_the_agent_entities(
    hass: HomeAssistant, xuc_server: XucSimulator, bob_entry: MockConfigEntry
) -> None:
    assert await hass.config_entries.async_setup(bob_entry.entry_id)
    await hass.async_block_till_done()
    assert hass.states.get("sensor.bob_durand_agent_state") is None
    # An administrator makes Bob agent 8001 (alice's agent, for the simulator's sake).
    await xuc_server.set_user_config("bob", agent_id=2)
    await wait_for(lambda: hass.states.get("sensor.bob_durand_agent_state") is not None, 5)
    await hass.async_block_till_done()
    await wait_for(lambda: state_of(hass, "sensor.bob_durand_agent_state") == "logged_out", 5)
    assert state_of(hass, "switch.bob_durand_agent_logged_in") == STATE_OFF
    await hass.config_entries.async_unload(bob_entry.entry_id)
