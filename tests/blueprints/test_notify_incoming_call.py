"""The incoming-call notification blueprint: a phone notified, its buttons answering or declining.

The phone is the one stand-in: a notify action recording what it is asked (there is no phone).
The buttons are the `mobile_app_notification_action` events the Companion app makes Home
Assistant fire; the line is the real integration on the XUC simulator.
"""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant, ServiceCall
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_mock_service

from simulator import XucSimulator
from tests.blueprints.conftest import line_of, setup_automation
from tests.common import attributes_of, wait_for

CALL_STATE = "sensor.james_bond_call_state"


@pytest.fixture
async def phone(hass: HomeAssistant, init_integration: MockConfigEntry) -> list[ServiceCall]:
    """What the phone was sent, the blueprint set up for James Bond's line."""
    sent = async_mock_service(hass, "notify", "mobile_app_bond_phone")
    await setup_automation(
        hass,
        "notify_incoming_call.yaml",
        {"line": line_of(hass, init_integration), "notify_action": "notify.mobile_app_bond_phone"},
    )
    return sent


def unique_id_of(hass: HomeAssistant, number: str) -> str:
    calls = attributes_of(hass, CALL_STATE)["calls"]
    return str(next(call["unique_id"] for call in calls if call["other_number"] == number))


def commands(xuc_server: XucSimulator, command: str) -> list[dict[str, Any]]:
    return [frame for frame in xuc_server.frames("jbond") if frame.get("command") == command]


def cleared(sent: list[ServiceCall]) -> list[str]:
    """The tags of the notifications cleared, in order."""
    return [
        call.data["data"]["tag"] for call in sent if call.data["message"] == "clear_notification"
    ]


async def test_a_ringing_call_is_notified_and_answered_from_the_phone(
    hass: HomeAssistant, xuc_server: XucSimulator, phone: list[ServiceCall]
) -> None:
    await xuc_server.incoming_call("jbond", "0611111111", "Q Branch")
    await wait_for(lambda: len(phone) == 1)
    unique_id = unique_id_of(hass, "0611111111")
    notification = phone[0].data
    assert notification["title"] == "Incoming call"
    assert notification["message"] == "Q Branch (0611111111)"
    data = notification["data"]
    assert data["tag"] == f"xivo-call-{unique_id}"
    answer, decline = data["actions"]
    assert (answer["title"], decline["title"]) == ("Answer", "Decline")

    # Another notification's button does nothing to this call.
    xuc_server.clear_frames("jbond")
    hass.bus.async_fire("mobile_app_notification_action", {"action": "XIVO_ANSWER_other"})
    hass.bus.async_fire("mobile_app_notification_action", {"action": answer["action"]})
    frame = await xuc_server.wait_for_command("jbond", "answer")
    assert frame["uniqueId"] == unique_id
    await wait_for(lambda: cleared(phone) == [data["tag"]])
    assert len(commands(xuc_server, "answer")) == 1


async def test_two_calls_one_declined_from_the_phone_the_other_ends(
    hass: HomeAssistant, xuc_server: XucSimulator, phone: list[ServiceCall]
) -> None:
    await xuc_server.incoming_call("jbond", "0611111111", "First Caller")
    await xuc_server.incoming_call("jbond", "0622222222", "Second Caller")
    await wait_for(lambda: len(phone) == 2)
    first, second = (call.data["data"] for call in phone)
    assert [call.data["message"] for call in phone] == [
        "First Caller (0611111111)",
        "Second Caller (0622222222)",
    ]
    assert first["tag"] != second["tag"]

    xuc_server.clear_frames("jbond")
    hass.bus.async_fire(
        "mobile_app_notification_action", {"action": second["actions"][1]["action"]}
    )
    frame = await xuc_server.wait_for_command("jbond", "hangup")
    assert frame["uniqueId"] == second["tag"].removeprefix("xivo-call-")
    await wait_for(lambda: cleared(phone) == [second["tag"]])
    assert commands(xuc_server, "hangup") == [frame]  # that call only

    # The first caller gives up: its notification goes too, with nothing sent to the PBX.
    await xuc_server.remote_hangup("jbond")
    await wait_for(lambda: cleared(phone) == [second["tag"], first["tag"]])
    assert commands(xuc_server, "answer") == []


async def test_a_call_answered_on_the_desk_phone_clears_the_notification(
    hass: HomeAssistant, xuc_server: XucSimulator, phone: list[ServiceCall]
) -> None:
    linked_id = await xuc_server.incoming_call("jbond", "0142424242")
    await wait_for(lambda: len(phone) == 1)
    tag = phone[0].data["data"]["tag"]
    # The caller's name comes from the XiVO directory only after the ring: the number is shown.
    assert "0142424242" in phone[0].data["message"]

    xuc_server.clear_frames("jbond")
    await xuc_server.remote_answer("jbond", linked_id)
    await wait_for(lambda: cleared(phone) == [tag])
    assert commands(xuc_server, "answer") == []
    assert commands(xuc_server, "hangup") == []
