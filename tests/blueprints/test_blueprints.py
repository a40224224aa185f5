"""The shipped blueprints: valid for Home Assistant 2026.10, and doing their job.

Media players, lights and notifications belong to other integrations: their actions are stubs
that record calls. The line is the real integration connected to the XUC simulator.
"""

from __future__ import annotations

import importlib.util
from typing import Any

from homeassistant.components.automation.config import (
    AUTOMATION_BLUEPRINT_SCHEMA,
    ValidationStatus as AutomationStatus,
    async_validate_config_item as async_validate_automation,
)
from homeassistant.components.automation.helpers import (
    async_get_blueprints as automation_blueprints,
)
from homeassistant.components.blueprint.models import Blueprint
from homeassistant.components.blueprint.schemas import BLUEPRINT_SCHEMA
from homeassistant.components.script.config import (
    ValidationStatus as ScriptStatus,
    async_validate_config_item as async_validate_script,
)
from homeassistant.const import STATE_OFF, STATE_ON
from homeassistant.core import Context, HomeAssistant
from homeassistant.helpers import (
    config_validation as cv,
    script,
    service,
)
from homeassistant.setup import async_setup_component
from homeassistant.util import yaml as yaml_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_mock_service

from custom_components.xivo.const import EVENT_PHONE
from simulator import XucSimulator
from tests.blueprints.conftest import BLUEPRINTS, line_of, say, setup_automation
from tests.common import attributes_of, mark_the_wire, state_of, wait_for

CALL_STATE = "sensor.james_bond_call_state"
DND = "switch.james_bond_do_not_disturb"
UNC_FORWARD = "switch.james_bond_unconditional_forward"
UNC_DESTINATION = "text.james_bond_unconditional_forward_destination"
SOURCE = "https://github.com/xivo-home-assistant/xivo-home-assistant/blob/main/blueprints/"

# The conversation integration needs hassil and home-assistant-intents (requirements_demo.txt);
# without them the Assist test is skipped and the voice blueprint's actions are run directly.
HAS_CONVERSATION = importlib.util.find_spec("hassil") is not None

SAMPLE_INPUTS: dict[str, dict[str, Any]] = {
    "automation/xivo/pause_media_during_calls.yaml": {"media_players": ["media_player.tv"]},
    "automation/xivo/flash_lights_on_incoming_call.yaml": {"lights": ["light.desk"]},
    "automation/xivo/notify_missed_call.yaml": {},
    "automation/xivo/notify_incoming_call.yaml": {},
    "automation/xivo/dnd_during_calendar_event.yaml": {"calendar": "calendar.work"},
    "automation/xivo/forward_when_leaving_home.yaml": {
        "person": "person.james",
        "destination": "0612345678",
    },
    "automation/xivo/voice_call_contact.yaml": {},
    "automation/xivo/voice_who_called.yaml": {},
    "automation/xivo/agent_pause_when_away.yaml": {"presence": "person.james"},
    "automation/xivo/queue_alert.yaml": {
        "queue": "sensor.sales_waiting_calls",
        "alert": ["light.desk"],
    },
    "automation/xivo/announce_waiting_callers.yaml": {
        "queues": ["sensor.sales_waiting_calls"],
        "tts": "tts.cloud",
        "media_players": ["media_player.office"],
    },
    "script/xivo/call_a_number.yaml": {},
}
# The queue blueprints act on a queue, not a line: they take the queue's sensors of XiVO.
QUEUE_INPUTS: dict[str, str] = {
    "automation/xivo/queue_alert.yaml": "queue",
    "automation/xivo/announce_waiting_callers.yaml": "queues",
}


def phone_listeners(hass: HomeAssistant) -> int:
    """Listeners of xivo_phone_event: the automation's trigger, plus one while a run waits."""
    return hass.bus.async_listeners().get(EVENT_PHONE, 0)


def commands(xuc_server: XucSimulator, command: str) -> list[dict[str, Any]]:
    return [frame for frame in xuc_server.frames("jbond") if frame.get("command") == command]


# --------------------------------------------------------------------------- validity


def test_every_blueprint_is_listed() -> None:
    shipped = {path.relative_to(BLUEPRINTS).as_posix() for path in BLUEPRINTS.rglob("*.yaml")}
    assert shipped == set(SAMPLE_INPUTS)


@pytest.mark.parametrize("relative", sorted(SAMPLE_INPUTS))
async def test_blueprint_is_valid(hass: HomeAssistant, relative: str) -> None:
    """The schema, metadata and selectors; then the config it generates, fully validated."""
    domain = relative.split("/", 1)[0]
    data = yaml_util.load_yaml_dict(BLUEPRINTS / relative)
    blueprint = Blueprint(
        data,
        path=relative,
        expected_domain=domain,
        schema=AUTOMATION_BLUEPRINT_SCHEMA if domain == "automation" else BLUEPRINT_SCHEMA,
    )
    assert blueprint.validate() is None  # min_version reached by this Home Assistant
    metadata = blueprint.metadata
    assert metadata["name"].startswith("XiVO - ")
    assert metadata["description"]
    assert metadata["author"] == "XiVO for Home Assistant"
    assert metadata["source_url"] == SOURCE + relative
    assert metadata["homeassistant"] == {"min_version": "2026.10.0"}
    if relative in QUEUE_INPUTS:
        selector = data["blueprint"]["input"][QUEUE_INPUTS[relative]]["selector"]["entity"]
        assert selector["filter"] == {"integration": "xivo", "domain": "sensor"}
        assert "line" not in data["blueprint"]["input"]
    else:
        assert data["blueprint"]["input"]["line"]["selector"] == {
            "device": {"filter": {"integration": "xivo"}}
        }
    assert all(value.get("name") for value in blueprint.inputs.values())

    assert await async_setup_component(hass, domain, {})
    config = {
        "use_blueprint": {
            "path": relative.split("/", 1)[1],
            "input": (
                {} if relative in QUEUE_INPUTS else {"line": "0123456789abcdef0123456789abcdef"}
            )
            | SAMPLE_INPUTS[relative],
        }
    }
    if domain == "script":
        script_config = await async_validate_script(hass, "under_test", config)
        assert script_config is not None
        assert script_config.validation_status is ScriptStatus.OK
        return
    if "conversation" in str(data["triggers"]) and not HAS_CONVERSATION:
        # Without hassil the conversation trigger cannot be validated: check the rest.
        substituted = (
            await automation_blueprints(hass).async_inputs_from_config(config)
        ).async_substitute()
        cv.SCRIPT_VARIABLES_SCHEMA(substituted["variables"])
        await script.async_validate_actions_config(hass, cv.SCRIPT_SCHEMA(substituted["actions"]))
        return
    automation_config = await async_validate_automation(hass, "under_test", config)
    assert automation_config is not None
    assert automation_config.validation_status is AutomationStatus.OK


# --------------------------------------------------------------------------- pause media


async def test_pause_media_during_calls(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> None:
    pause = async_mock_service(hass, "media_player", "media_pause")
    play = async_mock_service(hass, "media_player", "media_play")
    hass.states.async_set("media_player.kitchen", "playing")
    hass.states.async_set("media_player.tv", "paused")
    hass.states.async_set("media_player.office", "playing")
    await setup_automation(
        hass,
        "pause_media_during_calls.yaml",
        {
            "line": line_of(hass, init_integration),
            "media_players": ["media_player.kitchen", "media_player.tv", "media_player.office"],
        },
    )
    idle = phone_listeners(hass)

    await xuc_server.incoming_call("jbond", "0612345678", "Q Branch")
    await wait_for(lambda: state_of(hass, CALL_STATE) == "ringing")
    await hass.async_block_till_done()
    assert pause == []  # by default ringing alone does not pause

    await xuc_server.remote_answer("jbond")
    await wait_for(lambda: len(pause) == 1)
    # Only the players that were playing; the TV was already paused.
    assert pause[0].data["entity_id"] == ["media_player.kitchen", "media_player.office"]
    hass.states.async_set("media_player.kitchen", "paused")
    hass.states.async_set("media_player.office", "paused")
    await wait_for(lambda: phone_listeners(hass) == idle + 1)  # waiting for the end of calls

    # A second call comes in during the first and ends: the first call still goes on.
    await xuc_server.incoming_call("jbond", "1001")
    await wait_for(lambda: attributes_of(hass, CALL_STATE)["call_count"] == 2)
    xuc_server.clear_frames("jbond")
    await xuc_server.remote_hangup("jbond")
    await xuc_server.wait_for_command("jbond", "getCurrentCallsPhoneEvents")
    await wait_for(lambda: phone_listeners(hass) == idle + 1)  # back to waiting
    assert play == []

    # Meanwhile the user stops the office player by hand: it is not restarted.
    hass.states.async_set("media_player.office", "idle")
    await xuc_server.remote_hangup("jbond")
    await wait_for(lambda: len(play) == 1)
    assert play[0].data["entity_id"] == ["media_player.kitchen"]
    await wait_for(lambda: phone_listeners(hass) == idle)  # the run is over
    assert len(pause) == 1


async def test_pause_media_from_the_first_ring(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> None:
    pause = async_mock_service(hass, "media_player", "media_pause")
    play = async_mock_service(hass, "media_player", "media_play")
    hass.states.async_set("media_player.kitchen", "playing")
    await setup_automation(
        hass,
        "pause_media_during_calls.yaml",
        {
            "line": line_of(hass, init_integration),
            "media_players": ["media_player.kitchen"],
            "pause_on_ring": True,
        },
    )
    idle = phone_listeners(hass)

    # Rings (pause), is answered (no second pause), ends (resume).
    await xuc_server.incoming_call("jbond", "0612345678", "Q Branch")
    await wait_for(lambda: len(pause) == 1)
    hass.states.async_set("media_player.kitchen", "paused")
    await xuc_server.remote_answer("jbond")
    await wait_for(lambda: state_of(hass, CALL_STATE) == "established")
    await xuc_server.remote_hangup("jbond")
    await wait_for(lambda: len(play) == 1)
    assert play[0].data["entity_id"] == ["media_player.kitchen"]
    await wait_for(lambda: phone_listeners(hass) == idle)
    assert len(pause) == 1

    # A call that only rings (missed) pauses and resumes too.
    hass.states.async_set("media_player.kitchen", "playing")
    await xuc_server.incoming_call("jbond", "0467123456", "Pizza Roma")
    await wait_for(lambda: len(pause) == 2)
    hass.states.async_set("media_player.kitchen", "paused")
    await xuc_server.remote_hangup("jbond")
    await wait_for(lambda: len(play) == 2)
    await wait_for(lambda: phone_listeners(hass) == idle)


# --------------------------------------------------------------------------- flash lights


@pytest.mark.parametrize(
    ("alert", "expected"),
    [
        ("flash", {"flash": "long"}),
        ("colour", {"rgb_color": [0, 0, 255], "brightness_pct": 100}),
    ],
)
async def test_flash_lights_on_incoming_call(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    init_integration: MockConfigEntry,
    alert: str,
    expected: dict[str, Any],
) -> None:
    assert await async_setup_component(hass, "scene", {})
    turn_on = async_mock_service(hass, "light", "turn_on")
    turn_off = async_mock_service(hass, "light", "turn_off")
    dimmable = {"color_mode": "brightness", "supported_color_modes": ["brightness"]}
    hass.states.async_set("light.desk", STATE_ON, {"brightness": 120, **dimmable})
    hass.states.async_set("light.hall", STATE_OFF, {"supported_color_modes": ["brightness"]})
    await setup_automation(
        hass,
        "flash_lights_on_incoming_call.yaml",
        {
            "line": line_of(hass, init_integration),
            "lights": ["light.desk", "light.hall"],
            "alert": alert,
            "color": [0, 0, 255],
            # Written bare, Home Assistant reads it as the integer 33612345678.
            "vip_numbers": ["+33612345678", "1001"],
        },
    )
    scene = "scene.xivo_ringing_automation_under_test"

    # Not a VIP: the lights stay as they are.
    await xuc_server.incoming_call("jbond", "0467123456", "Pizza Roma")
    await wait_for(lambda: state_of(hass, CALL_STATE) == "ringing")
    await hass.async_block_till_done()
    assert turn_on == []
    await xuc_server.remote_hangup("jbond")
    await wait_for(lambda: state_of(hass, CALL_STATE) == "idle")

    await xuc_server.incoming_call("jbond", "+33612345678", "Q Branch")
    await wait_for(lambda: len(turn_on) == 1)
    assert dict(turn_on[0].data) == {"entity_id": ["light.desk", "light.hall"], **expected}
    assert hass.states.get(scene) is not None  # the snapshot
    # The lights obey the alert.
    hass.states.async_set("light.desk", STATE_ON, {"brightness": 255, **dimmable})
    hass.states.async_set("light.hall", STATE_ON, {"brightness": 255, **dimmable})

    await xuc_server.remote_answer("jbond")
    await wait_for(lambda: hass.states.get(scene) is None)  # restored, then deleted
    assert [call.data["entity_id"] for call in turn_off] == ["light.hall"]
    assert [dict(call.data) for call in turn_on[1:]] == [
        {"entity_id": "light.desk", "brightness": 120}
    ]


# --------------------------------------------------------------------------- missed calls


async def test_notify_missed_call_and_call_back(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> None:
    notify = async_mock_service(hass, "notify", "mobile_app_bond_phone")
    await setup_automation(
        hass,
        "notify_missed_call.yaml",
        {"line": line_of(hass, init_integration), "notify_action": "notify.mobile_app_bond_phone"},
    )

    await xuc_server.missed_call("jbond", "+33612345678", "Q Branch")
    await wait_for(lambda: len(notify) == 1)
    data = notify[0].data
    assert data["title"] == "Missed call"
    assert data["message"].startswith("Q Branch (+33612345678) called at ")
    [button] = data["data"]["actions"]
    assert button["title"] == "Call back"

    xuc_server.clear_frames("jbond")
    hass.bus.async_fire("mobile_app_notification_action", {"action": "SOMETHING_ELSE"})
    hass.bus.async_fire("mobile_app_notification_action", {"action": button["action"]})
    dial = await xuc_server.wait_for_command("jbond", "dial")
    assert dial == {"claz": "web", "command": "dial", "destination": "+33612345678"}
    assert commands(xuc_server, "dial") == [dial]  # the other button did nothing

    # A caller without a number gets a notification without a button.
    await xuc_server.missed_call("jbond", "anonymous")
    await wait_for(lambda: len(notify) == 2)
    assert notify[1].data["message"].startswith("anonymous called at ")
    assert notify[1].data["data"] == {}


# --------------------------------------------------------------------------- do not disturb


async def test_dnd_during_calendar_event(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> None:
    hass.states.async_set("calendar.work", STATE_OFF)
    hass.states.async_set("zone.home", "1")
    await setup_automation(
        hass,
        "dnd_during_calendar_event.yaml",
        {
            "line": line_of(hass, init_integration),
            "calendar": "calendar.work",
            "when_nobody_in_zone": True,
        },
    )
    xuc_server.clear_frames("jbond")

    async def dnd_after(entity_id: str, state: str) -> bool:
        hass.states.async_set(entity_id, state)
        frame = await xuc_server.wait_for_command("jbond", "dnd")
        enabled: object = frame["state"]
        assert isinstance(enabled, bool)
        return enabled

    assert await dnd_after("calendar.work", STATE_ON) is True  # a meeting starts
    await wait_for(lambda: state_of(hass, DND) == STATE_ON)
    assert await dnd_after("zone.home", "0") is True  # everyone leaves
    assert await dnd_after("calendar.work", STATE_OFF) is True  # nobody home still
    assert await dnd_after("zone.home", "2") is False  # people are back
    await wait_for(lambda: state_of(hass, DND) == STATE_OFF)
    assert len(commands(xuc_server, "dnd")) == 4


# --------------------------------------------------------------------------- forward


async def test_forward_when_leaving_home(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> None:
    hass.states.async_set("person.james", "home")
    await setup_automation(
        hass,
        "forward_when_leaving_home.yaml",
        {
            "line": line_of(hass, init_integration),
            "person": "person.james",
            "destination": "+33 6 12 34 56 78",
        },
    )
    xuc_server.clear_frames("jbond")

    hass.states.async_set("person.james", "not_home", {"latitude": 48.85})
    frame = await xuc_server.wait_for_command("jbond", "uncFwd")
    assert frame == {
        "claz": "web",
        "command": "uncFwd",
        "state": True,
        "destination": "+33612345678",
    }
    await wait_for(lambda: state_of(hass, UNC_FORWARD) == STATE_ON)
    assert state_of(hass, UNC_DESTINATION) == "+33612345678"

    hass.states.async_set("person.james", "not_home", {"latitude": 48.86})  # moves: nothing
    hass.states.async_set("person.james", "home")
    frame = await xuc_server.wait_for_command("jbond", "uncFwd")
    assert frame["state"] is False
    await wait_for(lambda: state_of(hass, UNC_FORWARD) == STATE_OFF)
    await hass.async_block_till_done()
    assert len(commands(xuc_server, "uncFwd")) == 2


# --------------------------------------------------------------------------- voice


@pytest.mark.skipif(not HAS_CONVERSATION, reason="hassil is not installed")
async def test_voice_call_contact_with_assist(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> None:
    assert await async_setup_component(hass, "homeassistant", {})
    assert await async_setup_component(hass, "conversation", {})
    await setup_automation(
        hass, "voice_call_contact.yaml", {"line": line_of(hass, init_integration)}
    )
    xuc_server.clear_frames("jbond")

    assert await say(hass, "call alice") == "Calling Alice Martin (1001)"
    assert (await xuc_server.wait_for_command("jbond", "dial"))["destination"] == "1001"
    assert await say(hass, "appelle le garage") == "I found no contact named le garage"
    assert await say(hass, "appelle garage") == "Calling Garage Dupuis (0467987654)"
    assert (await xuc_server.wait_for_command("jbond", "dial"))["destination"] == "0467987654"


async def run_voice_actions(hass: HomeAssistant, line: str, spoken: str) -> str | None:
    """The blueprint's variables and actions, run with the trigger data of the sentence.

    This is what the conversation trigger does after matching "call {name}"; it stands in
    for Assist where the conversation integration's requirements are not installed.
    """
    assert await async_setup_component(hass, "automation", {})
    inputs = await automation_blueprints(hass).async_inputs_from_config(
        {"use_blueprint": {"path": "xivo/voice_call_contact.yaml", "input": {"line": line}}}
    )
    config = inputs.async_substitute()
    trigger = {
        "platform": "conversation",
        "sentence": f"call {spoken}",
        "slots": {"name": spoken},
        "details": {"name": {"name": "name", "text": spoken, "value": spoken}},
    }
    variables = cv.SCRIPT_VARIABLES_SCHEMA(config["variables"]).async_render(
        hass, {"trigger": trigger}
    )
    actions = await script.async_validate_actions_config(hass, cv.SCRIPT_SCHEMA(config["actions"]))
    result = await script.Script(hass, actions, "Voice", "automation").async_run(
        variables, Context()
    )
    assert result is not None
    assert isinstance(result.conversation_response, str)
    return result.conversation_response


@pytest.mark.parametrize(
    ("spoken", "response", "destination"),
    [
        ("alice", "Calling Alice Martin (1001)", "1001"),
        ("Dupuis", "Calling Garage Dupuis (0467987654)", "0467987654"),
        ("1002", "Calling 1002", "1002"),
        ("+33 6 12 34 56 78", "Calling +33 6 12 34 56 78", "+33612345678"),
        ("nobody", "I found no contact named nobody", None),
    ],
)
async def test_voice_call_contact_actions(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    init_integration: MockConfigEntry,
    spoken: str,
    response: str,
    destination: str | None,
) -> None:
    xuc_server.clear_frames("jbond")
    line = line_of(hass, init_integration)
    assert await run_voice_actions(hass, line, spoken) == response
    if destination is not None:
        assert (await xuc_server.wait_for_command("jbond", "dial"))["destination"] == destination
    await mark_the_wire(hass, xuc_server)
    assert len(commands(xuc_server, "dial")) == (destination is not None)


# --------------------------------------------------------------------------- script


async def test_script_call_a_number(
    hass: HomeAssistant, xuc_server: XucSimulator, init_integration: MockConfigEntry
) -> None:
    assert await async_setup_component(
        hass,
        "script",
        {
            "script": {
                "call_a_number": {
                    "use_blueprint": {
                        "path": "xivo/call_a_number.yaml",
                        "input": {"line": line_of(hass, init_integration)},
                    }
                }
            }
        },
    )
    await hass.async_block_till_done()
    xuc_server.clear_frames("jbond")

    for number in ("1002", "+33612345678"):
        await hass.services.async_call("script", "call_a_number", {"number": number}, blocking=True)
        assert (await xuc_server.wait_for_command("jbond", "dial"))["destination"] == number

    # What Assist and LLM agents read when the script is exposed to them.
    descriptions = await service.async_get_all_descriptions(hass)
    described = descriptions["script"]["call_a_number"]
    assert "phone call" in described["description"]
    assert described["fields"]["number"]["required"] is True
    assert "extension" in described["fields"]["number"]["description"]
