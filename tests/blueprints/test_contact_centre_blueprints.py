"""The contact-centre blueprints against the simulator: pause when away, queue alert, announcement.

James Bond is agent 8000 in Sales (3000) and Support (3001), Alice Martin agent 8001 in Sales.
Lights, sirens and text-to-speech belong to other integrations: their actions are stubs that
record calls. Presence is a state set by the test, as a person or a sensor would write it.
"""

from __future__ import annotations

import asyncio
from typing import Any

from homeassistant.const import STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant, ServiceCall
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_mock_service

from simulator import XucSimulator
from tests.blueprints.conftest import line_of, setup_automation
from tests.common import MARKER, attributes_of, mark_the_wire, state_of, wait_for
from tests.conftest import StartSimulator
from tests.integration.conftest import keyed, web


@pytest.fixture
async def xuc_server(start_simulator: StartSimulator) -> XucSimulator:
    """The simulator with short contact-centre times."""
    server = await start_simulator(answer_delay=None)
    await server.set_cc_options(wrapup_time=0.1, queue_ring_timeout=0.2)
    return server


@pytest.fixture
async def agent(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> str:
    """James Bond's agent state sensor, once the agent is known (logged out)."""
    await wait_for(lambda: hass.states.get(keyed(hass, "James Bond", "agent_state")) is not None)
    entity_id = keyed(hass, "James Bond", "agent_state")
    await wait_for(lambda: state_of(hass, entity_id) == "logged_out")
    return entity_id


async def agent_frames(hass: HomeAssistant, xuc_server: XucSimulator) -> list[dict[str, Any]]:
    """The agent commands the line sent since the last look, up to a marker sent now."""
    await hass.async_block_till_done()
    await mark_the_wire(hass, xuc_server)
    frames = xuc_server.frames("jbond")
    xuc_server.clear_frames("jbond")
    assert frames[-1] == MARKER
    return [frame for frame in frames if "Agent" in str(frame.get("command"))]


# --------------------------------------------------------------------------- pause when away


async def test_pause_for_lunch_when_leaving_the_zone(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    init_integration: MockConfigEntry,
    agent: str,
) -> None:
    hass.states.async_set("zone.office", "1", {"friendly_name": "Office"})
    hass.states.async_set("person.james", "Office")
    await setup_automation(
        hass,
        "agent_pause_when_away.yaml",
        {
            "line": line_of(hass, init_integration),
            "presence": "person.james",
            "zone": "zone.office",
            "reason": "lunch",
        },
    )
    await xuc_server.agent("jbond", "ready")
    await wait_for(lambda: state_of(hass, agent) == "ready")
    xuc_server.clear_frames("jbond")

    hass.states.async_set("person.james", "not_home")
    await wait_for(lambda: state_of(hass, agent) == "paused")
    assert attributes_of(hass, agent)["pause_reason"] == "lunch"
    hass.states.async_set("person.james", "not_home", {"latitude": 48.85})  # moves: nothing
    hass.states.async_set("person.james", "Office")
    await wait_for(lambda: state_of(hass, agent) == "ready")
    assert await agent_frames(hass, xuc_server) == [
        web("pauseAgent", reason="lunch"),
        web("unpauseAgent"),
    ]

    # Paused by hand for a meeting: leaving changes nothing, coming back does not end it.
    await xuc_server.agent("jbond", "paused", "meeting")
    await wait_for(lambda: state_of(hass, agent) == "paused")
    hass.states.async_set("person.james", "not_home")
    await hass.async_block_till_done()
    hass.states.async_set("person.james", "Office")
    assert await agent_frames(hass, xuc_server) == []
    assert attributes_of(hass, agent)["pause_reason"] == "meeting"

    # A logged-out agent stays logged out.
    await xuc_server.agent("jbond", "logged_out")
    await wait_for(lambda: state_of(hass, agent) == "logged_out")
    hass.states.async_set("person.james", "not_home")
    await hass.async_block_till_done()
    hass.states.async_set("person.james", "Office")
    assert await agent_frames(hass, xuc_server) == []


async def test_pause_when_leaving_the_desk(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    init_integration: MockConfigEntry,
    agent: str,
) -> None:
    """A presence sensor at the desk, no reason: a plain pause, ended on return."""
    hass.states.async_set("binary_sensor.desk", STATE_ON)
    await setup_automation(
        hass,
        "agent_pause_when_away.yaml",
        {"line": line_of(hass, init_integration), "presence": "binary_sensor.desk"},
    )
    await xuc_server.agent("jbond", "ready")
    await wait_for(lambda: state_of(hass, agent) == "ready")
    xuc_server.clear_frames("jbond")

    hass.states.async_set("binary_sensor.desk", "unavailable")  # not known: nothing
    hass.states.async_set("binary_sensor.desk", STATE_ON)
    hass.states.async_set("binary_sensor.desk", STATE_OFF)
    await wait_for(lambda: state_of(hass, agent) == "paused")
    assert attributes_of(hass, agent)["pause_reason"] in (None, "")
    hass.states.async_set("binary_sensor.desk", STATE_ON)
    await wait_for(lambda: state_of(hass, agent) == "ready")
    assert await agent_frames(hass, xuc_server) == [web("pauseAgent"), web("unpauseAgent")]


# --------------------------------------------------------------------------- queue alert


@pytest.fixture
def alert_calls(hass: HomeAssistant) -> dict[str, list[ServiceCall]]:
    return {
        f"{domain}.{service}": async_mock_service(hass, domain, service)
        for domain in ("light", "siren")
        for service in ("turn_on", "turn_off")
    }


def entities(calls: list[ServiceCall]) -> list[Any]:
    return [call.data["entity_id"] for call in calls]


async def test_queue_alert_on_the_number_of_callers(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    init_integration: MockConfigEntry,
    agent: str,
    alert_calls: dict[str, list[ServiceCall]],
) -> None:
    sales = keyed(hass, "Sales", "waiting_calls")
    await setup_automation(
        hass,
        "queue_alert.yaml",
        {
            "queue": sales,
            "alert": ["light.desk", "siren.office"],
            "color": [255, 128, 0],
            "waiting_threshold": 2,
            "wait_threshold": 0,
        },
    )
    first = await xuc_server.queue_call("3000", "0612345678", "Q Branch")
    await wait_for(lambda: state_of(hass, sales) == "1")
    await hass.async_block_till_done()
    assert not any(alert_calls.values())

    second = await xuc_server.queue_call("3000", "0467123456")
    await wait_for(lambda: len(alert_calls["light.turn_on"]) == 1)
    assert dict(alert_calls["light.turn_on"][0].data) == {
        "entity_id": ["light.desk"],
        "rgb_color": [255, 128, 0],
        "brightness_pct": 100,
    }
    assert entities(alert_calls["siren.turn_on"]) == [["siren.office"]]

    # A third caller: still on, not turned on again.
    third = await xuc_server.queue_call("3000", "0145000001")
    await wait_for(lambda: state_of(hass, sales) == "3")
    await xuc_server.queue_hangup(first)
    await wait_for(lambda: state_of(hass, sales) == "2")
    await hass.async_block_till_done()
    assert len(alert_calls["light.turn_on"]) == 1
    assert alert_calls["light.turn_off"] == []

    await xuc_server.queue_hangup(second)
    await wait_for(lambda: len(alert_calls["light.turn_off"]) == 1)
    assert entities(alert_calls["light.turn_off"]) == [["light.desk"]]
    assert entities(alert_calls["siren.turn_off"]) == [["siren.office"]]
    await xuc_server.queue_hangup(third)
    await wait_for(lambda: state_of(hass, sales) == "0")
    await hass.async_block_till_done()
    assert [len(calls) for calls in alert_calls.values()] == [1, 1, 1, 1]


async def test_queue_alert_on_the_longest_wait(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    init_integration: MockConfigEntry,
    agent: str,
    alert_calls: dict[str, list[ServiceCall]],
) -> None:
    """The light comes on when the caller has waited 1 s, with no update from the server."""
    support = keyed(hass, "Support", "waiting_calls")
    await setup_automation(
        hass,
        "queue_alert.yaml",
        {"queue": support, "alert": ["light.wall"], "waiting_threshold": 0, "wait_threshold": 1},
    )
    caller = await xuc_server.queue_call("3001", "0612345678", "Q Branch")
    await wait_for(lambda: state_of(hass, support) == "1")
    # Not hass.async_block_till_done(): it would wait out the automation's delay.
    await asyncio.sleep(0.3)
    assert alert_calls["light.turn_on"] == []
    await wait_for(lambda: len(alert_calls["light.turn_on"]) == 1, timeout=3)
    assert dict(alert_calls["light.turn_on"][0].data) == {
        "entity_id": ["light.wall"],
        "rgb_color": [255, 0, 0],
        "brightness_pct": 100,
    }
    assert alert_calls["siren.turn_on"] == []

    # The caller is answered: the queue clears, the light goes off.
    await xuc_server.queue_hangup(caller)
    await wait_for(lambda: len(alert_calls["light.turn_off"]) == 1)
    assert entities(alert_calls["light.turn_off"]) == [["light.wall"]]

    # A caller who leaves before the threshold never turns it on.
    caller = await xuc_server.queue_call("3001", "0467123456")
    await wait_for(lambda: state_of(hass, support) == "1")
    await xuc_server.queue_hangup(caller)
    await wait_for(lambda: state_of(hass, support) == "0")
    await hass.async_block_till_done()
    assert len(alert_calls["light.turn_on"]) == 1
    assert len(alert_calls["light.turn_off"]) == 1


# --------------------------------------------------------------------------- announcement


@pytest.mark.parametrize(
    ("message", "said"),
    [
        ("", ["1 caller is waiting in Sales.", "2 callers are waiting in Sales."]),
        (
            "{count} appels en attente dans {queue}",
            ["1 appels en attente dans Sales", "2 appels en attente dans Sales"],
        ),
    ],
)
async def test_announce_waiting_callers(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    init_integration: MockConfigEntry,
    agent: str,
    message: str,
    said: list[str],
) -> None:
    speak = async_mock_service(hass, "tts", "speak")
    sales = keyed(hass, "Sales", "waiting_calls")
    await setup_automation(
        hass,
        "announce_waiting_callers.yaml",
        {
            "queues": [sales, keyed(hass, "Support", "waiting_calls")],
            "tts": "tts.cloud",
            "media_players": ["media_player.office"],
            "message": message,
            "settle": {"seconds": 0},
        },
    )
    first = await xuc_server.queue_call("3000", "0612345678", "Q Branch")
    await wait_for(lambda: len(speak) == 1)
    assert dict(speak[0].data) == {
        "entity_id": ["tts.cloud"],
        "media_player_entity_id": ["media_player.office"],
        "message": said[0],
    }
    await xuc_server.queue_call("3000", "0467123456")
    await wait_for(lambda: len(speak) == 2)
    assert speak[1].data["message"] == said[1]
    # A caller leaving is no news.
    await xuc_server.queue_hangup(first)
    await wait_for(lambda: state_of(hass, sales) == "1")
    await hass.async_block_till_done()
    assert len(speak) == 2


async def test_announce_from_a_number_of_callers(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    init_integration: MockConfigEntry,
    agent: str,
) -> None:
    speak = async_mock_service(hass, "tts", "speak")
    support = keyed(hass, "Support", "waiting_calls")
    await setup_automation(
        hass,
        "announce_waiting_callers.yaml",
        {
            "queues": [support],
            "tts": "tts.cloud",
            "media_players": ["media_player.office"],
            "min_waiting": 2,
            "settle": {"seconds": 0},
        },
    )
    await xuc_server.queue_call("3001", "0612345678")
    await wait_for(lambda: state_of(hass, support) == "1")
    await hass.async_block_till_done()
    assert speak == []
    await xuc_server.queue_call("3001", "0467123456")
    await wait_for(lambda: len(speak) == 1)
    assert speak[0].data["message"] == "2 callers are waiting in Support."
