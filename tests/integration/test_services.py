"""The line's actions: the frames they put on the wire, what they return, how they refuse."""

from __future__ import annotations

import ast
import asyncio
from collections.abc import Generator
from dataclasses import replace
import json
from pathlib import Path
import re
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant, ServiceResponse, SupportsResponse
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import device_registry as dr
import probatio as vol
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.xivo import coordinator
from custom_components.xivo.const import DOMAIN
from custom_components.xivo.services import SERVICES
from simulator import XucSimulator
from tests.common import EXCEPTIONS, MARKER, PACKAGE, mark_the_wire, wait_for
from tests.conftest import FAST_TIMINGS

LINK = "binary_sensor.james_bond_cti_link"
DND = "switch.james_bond_do_not_disturb"
CALL_STATE = "sensor.james_bond_call_state"
UNC_FORWARD = "switch.james_bond_unconditional_forward"
UNC_DESTINATION = "text.james_bond_unconditional_forward_destination"


def web(command: str, **arguments: Any) -> dict[str, Any]:
    """A command frame as cti.js builds it: claz, command, then the arguments."""
    return {"claz": "web", "command": command, **arguments}


async def call(
    hass: HomeAssistant, service: str, device_id: str, **data: Any
) -> ServiceResponse | None:
    """Run an action on the line the way an automation does, blocking until it is done."""
    return await hass.services.async_call(
        DOMAIN,
        service,
        {"device_id": device_id, **data},
        blocking=True,
        return_response=SERVICES[service].supports_response is not SupportsResponse.NONE,
    )


def line_frames(xuc_server: XucSimulator, lookups: bool = False) -> list[dict[str, Any]]:
    """Every frame the line sent since the last clear.

    The line's own caller-name lookups (a search for a number with no name) are left out unless
    asked for: `test_caller_names.py` is about them.
    """
    return [
        frame
        for frame in xuc_server.frames("jbond")
        if lookups or frame.get("command") != "searchContacts"
    ]


async def sent(xuc_server: XucSimulator, command: str) -> list[dict[str, Any]]:
    """`line_frames`, once `command` has arrived."""
    await xuc_server.wait_for_command("jbond", command)
    return line_frames(xuc_server, lookups=command == "searchContacts")


def assert_same_frames(actual: list[dict[str, Any]], expected: list[dict[str, Any]]) -> None:
    """Equal frames, keys in the same order (cti.js's JSON.stringify order)."""
    assert actual == expected
    assert [list(frame) for frame in actual] == [list(frame) for frame in expected]


async def assert_nothing_sent(hass: HomeAssistant, xuc_server: XucSimulator) -> None:
    await mark_the_wire(hass, xuc_server)
    assert line_frames(xuc_server) == [MARKER]


def placeholders(message: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", message))


def assert_translated(err: HomeAssistantError, key: str) -> None:
    """The error is one of ours, its key and placeholders match en.json, its text reads well."""
    assert err.translation_domain == DOMAIN
    assert err.translation_key == key
    assert key in EXCEPTIONS
    message = EXCEPTIONS[key]["message"]
    assert set(err.translation_placeholders or {}) == placeholders(message)
    # Home Assistant drops the final full stop of exception messages.
    assert str(err) == message.format(**(err.translation_placeholders or {})).rstrip(".")


@pytest.fixture
def device_id(xuc_server: XucSimulator, line_device: dr.DeviceEntry) -> str:
    """James Bond's line, set up, with the frames of the session sync forgotten."""
    xuc_server.clear_frames("jbond")
    return line_device.id


# --------------------------------------------------------------------------- frames


FRAME_CASES: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    ("dial", {"destination": "1002"}, web("dial", destination="1002")),
    (
        "dial",
        {"destination": "06 12 34 56 78", "variables": {"customer_id": "42", "n": 7}},
        web("dial", destination="0612345678", variables={"customer_id": "42", "n": "7"}),
    ),
    (
        "dial",
        {"destination": "sip:bob@example.com"},
        web("dial", destination="sip:bob@example.com"),
    ),
    (
        "dial",
        {"destination": "1002", "variables": {}},
        web("dial", destination="1002", variables={}),
    ),
    ("dial_from_mobile", {"destination": "1002"}, web("dialFromMobile", destination="1002")),
    (
        "dial_from_mobile",
        {"destination": "+33 6 12 34 56 78", "variables": {"var1": "value 1"}},
        web("dialFromMobile", destination="+33612345678", variables={"var1": "value 1"}),
    ),
    ("dial_by_username", {"username": "alice"}, web("dialByUsername", username="alice")),
    ("originate", {"destination": "1002"}, web("originate", destination="1002")),
    ("answer", {}, web("answer")),
    ("answer", {"unique_id": "1469709960.78"}, web("answer", uniqueId="1469709960.78")),
    ("hangup", {}, web("hangup")),
    ("hangup", {"unique_id": "1469709960.78"}, web("hangup", uniqueId="1469709960.78")),
    ("hold", {}, web("hold")),
    ("hold", {"unique_id": "1469709960.78"}, web("hold", uniqueId="1469709960.78")),
    ("direct_transfer", {"destination": "1003"}, web("directTransfer", destination="1003")),
    ("attended_transfer", {"destination": "1003"}, web("attendedTransfer", destination="1003")),
    (
        "attended_transfer",
        {"destination": "1003", "device": "SIP/abcd1234"},
        web("attendedTransfer", destination="1003", device="SIP/abcd1234"),
    ),
    ("complete_transfer", {}, web("completeTransfer")),
    ("cancel_transfer", {}, web("cancelTransfer")),
    ("conference", {}, web("conference")),
    ("send_dtmf", {"key": "5"}, web("sendDtmf", key="5")),
    ("send_dtmf", {"key": "#"}, web("sendDtmf", key="#")),
    ("send_dtmf", {"key": "a"}, web("sendDtmf", key="A")),
    (
        "set_data",
        {"variables": {"var1": "val1", "USR_var2": "val2"}},
        web("setData", variables={"var1": "val1", "USR_var2": "val2"}),
    ),
    (
        "set_forward",
        {"forward": "unconditional", "enabled": True, "destination": "06 12 34 56 78"},
        web("uncFwd", state=True, destination="0612345678"),
    ),
    (
        "set_forward",
        {"forward": "no_answer", "enabled": True, "destination": "1002"},
        web("naFwd", state=True, destination="1002"),
    ),
    (
        "set_forward",
        {"forward": "busy", "enabled": False},
        web("busyFwd", state=False, destination=""),
    ),
    ("set_dnd", {"enabled": True}, web("dnd", state=True)),
    ("set_dnd", {"enabled": False}, web("dnd", state=False)),
    ("get_current_calls", {}, web("getCurrentCallsPhoneEvents")),
    ("get_call_history", {"size": 3}, web("getUserCallHistory", size=3)),
    ("get_call_history", {}, web("getUserCallHistory", size=20)),
    ("search_contacts", {"term": "alice"}, web("searchContacts", term="alice")),
    # The user's own agent: no agent id, as XiVO's agent application sends them.
    ("agent_login", {}, web("agentLogin", agentphonenumber="1000")),
    ("agent_login", {"phone_number": "10 02"}, web("agentLogin", agentphonenumber="1002")),
    ("agent_logout", {}, web("agentLogout")),
    ("agent_pause", {"reason": "lunch"}, web("pauseAgent", reason="lunch")),
    ("agent_pause", {}, web("pauseAgent")),
    ("agent_unpause", {}, web("unpauseAgent")),
]


def test_every_service_has_a_frame_case() -> None:
    assert {service for service, _, _ in FRAME_CASES} == set(SERVICES)


@pytest.mark.parametrize(("service", "data", "expected"), FRAME_CASES)
async def test_service_sends_frame(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    device_id: str,
    service: str,
    data: dict[str, Any],
    expected: dict[str, Any],
) -> None:
    if service in ("agent_pause", "agent_unpause"):
        # Only a logged-in agent pauses: logged in by the server, no frame of the line's.
        await xuc_server.agent("jbond", "ready")
        agent = "sensor.james_bond_agent_state"
        await wait_for(lambda: hass.states.get(agent).state == "ready")
    await call(hass, service, device_id, **data)
    assert_same_frames(await sent(xuc_server, expected["command"]), [expected])


async def test_set_dnd_switch_follows_server(
    hass: HomeAssistant, xuc_server: XucSimulator, device_id: str
) -> None:
    assert hass.states.get(DND).state == STATE_OFF
    await call(hass, "set_dnd", device_id, enabled=True)
    await wait_for(lambda: hass.states.get(DND).state == STATE_ON)
    await call(hass, "set_dnd", device_id, enabled=False)
    await wait_for(lambda: hass.states.get(DND).state == STATE_OFF)
    assert_same_frames(
        await sent(xuc_server, "dnd"), [web("dnd", state=True), web("dnd", state=False)]
    )


@pytest.mark.parametrize("destination", [None, ""])
async def test_set_forward_keeps_current_destination(
    hass: HomeAssistant, xuc_server: XucSimulator, device_id: str, destination: str | None
) -> None:
    await xuc_server.set_user_config("jbond", unc_fwd_destination="0699887766")
    await wait_for(lambda: hass.states.get(UNC_DESTINATION).state == "0699887766")
    extra = {} if destination is None else {"destination": destination}

    await call(hass, "set_forward", device_id, forward="unconditional", enabled=True, **extra)
    await wait_for(lambda: hass.states.get(UNC_FORWARD).state == STATE_ON)
    await call(hass, "set_forward", device_id, forward="unconditional", enabled=False)
    await wait_for(lambda: hass.states.get(UNC_FORWARD).state == STATE_OFF)

    assert xuc_server.frames("jbond") == [
        web("uncFwd", state=True, destination="0699887766"),
        web("uncFwd", state=False, destination="0699887766"),
    ]
    assert hass.states.get(UNC_DESTINATION).state == "0699887766"


@pytest.mark.parametrize("destination", [None, ""])
async def test_set_forward_without_any_destination(
    hass: HomeAssistant, xuc_server: XucSimulator, device_id: str, destination: str | None
) -> None:
    extra = {} if destination is None else {"destination": destination}
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "set_forward", device_id, forward="no_answer", enabled=True, **extra)
    assert_translated(err.value, "no_forward_destination")
    await assert_nothing_sent(hass, xuc_server)


# --------------------------------------------------------------------------- responses


# Frozen for the wall clock only: the event loop and `wait_for` keep real time.
@pytest.mark.freeze_time("2026-12-01 09:30:00+00:00", real_asyncio=True, ignore=["tests.common"])
async def test_get_current_calls(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    device_id: str,
    freezer: FrozenDateTimeFactory,
) -> None:
    assert await call(hass, "get_current_calls", device_id) == {"calls": []}

    linked_id = await xuc_server.incoming_call("jbond", "1001")
    await wait_for(lambda: hass.states.get(CALL_STATE).state == "ringing")
    freezer.tick(4)
    await xuc_server.remote_answer("jbond", linked_id)
    await wait_for(lambda: hass.states.get(CALL_STATE).state == "established")
    response = await call(hass, "get_current_calls", device_id)

    (sim_call,) = xuc_server.pbx.current_calls("jbond")
    # DESIGN "Calls as data": snake_case, JSON types, times with a time zone; Alice is a
    # XiVO user, so the PBX gives her name.
    assert response == {
        "calls": [
            {
                "unique_id": sim_call["uniqueId"],
                "linked_id": linked_id,
                "state": "established",
                "direction": "incoming",
                "other_number": "1001",
                "other_name": "Alice Martin",
                "name_source": "pbx",
                "queue": None,
                "started_at": "2026-12-01T09:30:00+00:00",
                "answered_at": "2026-12-01T09:30:04+00:00",
            }
        ]
    }
    # The same items as the call_state sensor's `calls` attribute.
    assert hass.states.get(CALL_STATE).attributes["calls"] == response["calls"]
    json.dumps(response)  # response data must be JSON for the UI and scripts


@pytest.mark.parametrize(("size", "count"), [(3, 3), (1, 1), (500, 3)])
async def test_get_call_history(
    hass: HomeAssistant, xuc_server: XucSimulator, device_id: str, size: int, count: int
) -> None:
    await hass.config.async_set_time_zone("Europe/Paris")
    response = await call(hass, "get_call_history", device_id, size=size)
    # The server's local times, read in Home Assistant's time zone; the other party seen
    # from the user's side: the caller of a missed call, the callee of an emitted one.
    assert response == {
        "calls": [
            {
                "start": "2025-01-15T11:02:41+01:00",
                "duration": 0,
                "direction": "incoming",
                "status": "missed",
                "number": "0467123456",
                "name": "Pizza Roma",
            },
            {
                "start": "2025-01-15T10:14:09+01:00",
                "duration": 192,
                "direction": "outgoing",
                "status": "emitted",
                "number": "1002",
                "name": "Bob Durand",
            },
            {
                "start": "2025-01-15T09:31:55+01:00",
                "duration": 87,
                "direction": "incoming",
                "status": "answered",
                "number": "1001",
                "name": "Alice Martin",
            },
        ][:count]
    }
    json.dumps(response)


async def test_search_contacts(
    hass: HomeAssistant, xuc_server: XucSimulator, device_id: str
) -> None:
    response = await call(hass, "search_contacts", device_id, term="mar")
    assert response is not None
    by_name = {contact["name"]: contact for contact in response["contacts"]}
    assert by_name["Alice Martin"] == {
        "name": "Alice Martin",
        "number": "1001",
        "mobile": "0623456789",
        "email": None,
        "status": "available",
        "favorite": False,
    }
    # Spaced and dotted as the directory stores it; the mobile too.
    assert by_name["Marc Dupont"]["number"] == "04.67.55.12.34"
    assert by_name["Marc Dupont"]["mobile"] == "06-71-23-45-67"
    json.dumps(response)

    assert await call(hass, "search_contacts", device_id, term="nobody-here") == {"contacts": []}


# --------------------------------------------------------------------------- refused input

VARIABLES_21 = {f"v{index}": "x" for index in range(21)}
VARIABLES_20 = {f"v{index}": "x" for index in range(20)}

INVALID_CASES: list[tuple[str, dict[str, Any], str | None]] = [
    # (service, data, translation key; None: the schema refuses it, vol.Invalid)
    ("dial", {"destination": ""}, "invalid_destination"),
    ("dial", {"destination": "   "}, "invalid_destination"),
    ("dial", {"destination": "abc!"}, "invalid_destination"),
    ("dial", {"destination": "1" * 41}, "invalid_destination"),
    ("dial", {"destination": "1" * 300}, None),
    ("dial", {}, None),
    ("dial", {"destination": "1002", "variables": {"bad key": "x"}}, "invalid_variables"),
    ("dial", {"destination": "1002", "variables": {"k": ["a"]}}, "invalid_variables"),
    ("dial", {"destination": "1002", "variables": {"k": True}}, "invalid_variables"),
    ("dial", {"destination": "1002", "variables": {"k": None}}, "invalid_variables"),
    ("dial", {"destination": "1002", "variables": {"k": {"a": "b"}}}, "invalid_variables"),
    ("dial", {"destination": "1002", "variables": {"": "x"}}, "invalid_variables"),
    ("dial", {"destination": "1002", "variables": {"k" * 65: "x"}}, "invalid_variables"),
    ("dial", {"destination": "1002", "variables": VARIABLES_21}, "invalid_variables"),
    ("dial", {"destination": "1002", "variables": {"k": "x" * 257}}, "invalid_variables"),
    ("dial", {"destination": "1002", "variables": ["k", "v"]}, None),
    ("dial_from_mobile", {"destination": "abc!"}, "invalid_destination"),
    (
        "dial_from_mobile",
        {"destination": "1002", "variables": {"bad key": "x"}},
        "invalid_variables",
    ),
    ("dial_by_username", {"username": ""}, None),
    # cti.js never sends variables with dialByUsername: the action has no such field.
    ("dial_by_username", {"username": "alice", "variables": {"customer_id": "42"}}, None),
    ("originate", {"destination": ""}, "invalid_destination"),
    ("direct_transfer", {"destination": "abc!"}, "invalid_destination"),
    ("attended_transfer", {"destination": "abc!"}, "invalid_destination"),
    ("attended_transfer", {"destination": "1003", "device": "x" * 300}, None),
    ("answer", {"unique_id": "1" * 300}, None),
    ("send_dtmf", {"key": "55"}, "invalid_dtmf"),
    ("send_dtmf", {"key": "x"}, "invalid_dtmf"),
    ("send_dtmf", {"key": "E"}, "invalid_dtmf"),
    ("send_dtmf", {"key": ""}, "invalid_dtmf"),
    ("send_dtmf", {}, None),
    ("set_data", {"variables": {"bad key": "x"}}, "invalid_variables"),
    ("set_data", {}, None),
    ("set_forward", {"forward": "sideways", "enabled": True, "destination": "1002"}, None),
    (
        "set_forward",
        {"forward": "busy", "enabled": True, "destination": "abc!"},
        "invalid_destination",
    ),
    ("set_dnd", {"enabled": "perhaps"}, None),
    ("search_contacts", {"term": ""}, None),
    ("search_contacts", {"term": "x" * 101}, None),
    ("get_call_history", {"size": 0}, None),
    ("get_call_history", {"size": 501}, None),
    ("get_call_history", {"size": "many"}, None),
]


@pytest.mark.parametrize(("service", "data", "key"), INVALID_CASES)
async def test_invalid_input_is_refused(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    device_id: str,
    service: str,
    data: dict[str, Any],
    key: str | None,
) -> None:
    if key is None:
        with pytest.raises(vol.Invalid):
            await call(hass, service, device_id, **data)
    else:
        with pytest.raises(ServiceValidationError) as err:
            await call(hass, service, device_id, **data)
        assert_translated(err.value, key)
    await assert_nothing_sent(hass, xuc_server)


async def test_blank_username_is_refused(
    hass: HomeAssistant, xuc_server: XucSimulator, device_id: str
) -> None:
    with pytest.raises((vol.Invalid, ServiceValidationError)):
        await call(hass, "dial_by_username", device_id, username="   ")
    await assert_nothing_sent(hass, xuc_server)


async def test_limits_are_inclusive(
    hass: HomeAssistant, xuc_server: XucSimulator, device_id: str
) -> None:
    """20 variables of 256 characters and a 64-character name are still accepted."""
    variables = VARIABLES_20 | {"v0": "x" * 256, "k" * 64: 1.5}
    del variables["v1"]
    await call(hass, "dial", device_id, destination=" 1002 ", variables=variables)
    expected = {name: str(value) for name, value in variables.items()}
    assert_same_frames(
        await sent(xuc_server, "dial"), [web("dial", destination="1002", variables=expected)]
    )


# --------------------------------------------------------------------------- targeting


async def test_unknown_device(
    hass: HomeAssistant, xuc_server: XucSimulator, device_id: str
) -> None:
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "dial", "0123456789abcdef", destination="1002")
    assert err.value.translation_key == "service_device_not_found"
    await assert_nothing_sent(hass, xuc_server)


async def test_device_of_another_integration(
    hass: HomeAssistant, xuc_server: XucSimulator, device_id: str
) -> None:
    other = MockConfigEntry(domain="other", title="Other")
    other.add_to_hass(hass)
    device = dr.async_get(hass).async_get_or_create(
        config_entry_id=other.entry_id, identifiers={("other", "box")}, name="Box"
    )
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "dial", device.id, destination="1002")
    assert err.value.translation_key == "service_device_wrong_domain"
    await assert_nothing_sent(hass, xuc_server)


async def test_unloaded_entry(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    init_integration: MockConfigEntry,
    device_id: str,
) -> None:
    assert await hass.config_entries.async_unload(init_integration.entry_id)
    await hass.async_block_till_done()
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "dial", device_id, destination="1002")
    assert err.value.translation_key == "service_config_entry_not_loaded"
    with pytest.raises(ServiceValidationError):
        await call(hass, "get_current_calls", device_id)
    await wait_for(lambda: xuc_server.sessions("jbond") == 0)
    assert xuc_server.frames("jbond") == []


# --------------------------------------------------------------------------- link and server


async def test_offline_line(hass: HomeAssistant, xuc_server: XucSimulator, device_id: str) -> None:
    await xuc_server.set_reachable(False)
    await xuc_server.drop_connections()
    await wait_for(lambda: hass.states.get(LINK).state == STATE_OFF)

    with pytest.raises(HomeAssistantError) as err:
        await call(hass, "dial", device_id, destination="1002")
    assert not isinstance(err.value, ServiceValidationError)
    assert_translated(err.value, "not_connected")
    assert err.value.translation_placeholders == {"line": "James Bond"}
    with pytest.raises(HomeAssistantError) as err:
        await call(hass, "search_contacts", device_id, term="alice")
    assert_translated(err.value, "not_connected")

    await xuc_server.set_reachable(True)
    await wait_for(lambda: hass.states.get(LINK).state == STATE_ON)
    assert xuc_server.frames("jbond") == [
        web("getConfig", objectType="line"),
        web("subscribeToPhoneHints", phoneNumbers=["1001", "1002"]),
        # The contact centre's feeds, jbond's agent's included (an agent since the last session).
        web("getList", objectType="queue"),
        web("getList", objectType="queuemember"),
        web("subscribeToQueueStats"),
        web("getList", objectType="agent"),
        web("getAgentStates"),
        web("subscribeToAgentEvents"),
        # The waiting calls of the queues the line shows (jbond's agent's).
        web("subscribeToQueueCalls", queueId=1),
        web("subscribeToQueueCalls", queueId=2),
        web("getCurrentCallsPhoneEvents"),
    ]


async def test_link_lost_while_waiting_for_a_reply(
    hass: HomeAssistant, xuc_server: XucSimulator, device_id: str
) -> None:
    await xuc_server.set_silent(True)
    with pytest.raises(HomeAssistantError) as err:
        await call(hass, "search_contacts", device_id, term="alice")
    assert_translated(err.value, "not_connected")
    await xuc_server.set_silent(False)
    # A sync attempt started while silent has to time out (1 s) before the next one.
    await wait_for(lambda: hass.states.get(LINK).state == STATE_ON, timeout=4)


@pytest.fixture
def slow_dead_link_detection(
    monkeypatch: pytest.MonkeyPatch, fast_timings: None
) -> Generator[None]:
    """A link that outlives a request's timeout, so that the timeout itself shows."""
    timings = replace(FAST_TIMINGS, dead_after=5.0, request_timeout=0.1)
    monkeypatch.setattr(coordinator, "CLIENT_TIMINGS", timings)
    return


async def test_request_timeout(
    hass: HomeAssistant,
    xuc_server: XucSimulator,
    slow_dead_link_detection: None,
    device_id: str,
) -> None:
    await xuc_server.set_silent(True)
    try:
        with pytest.raises(HomeAssistantError) as err:
            await call(hass, "get_call_history", device_id, size=3)
        assert_translated(err.value, "request_timeout")
    finally:
        await xuc_server.set_silent(False)
    assert hass.states.get(LINK).state == STATE_ON
    # Replies carry no request id: a reply to the timed-out request could still come and be
    # taken for the next one's, so the next one's is only trusted once the lost reply's place
    # has expired (three request timeouts). Until then a request fails rather than answer
    # with another's data.
    with pytest.raises(HomeAssistantError):
        await call(hass, "get_call_history", device_id, size=1)
    await asyncio.sleep(0.45)
    response = await call(hass, "get_call_history", device_id, size=1)
    assert response is not None
    assert len(response["calls"]) == 1


async def test_server_error_reply(
    hass: HomeAssistant, xuc_server: XucSimulator, device_id: str
) -> None:
    """An `Error` frame while a request waits fails it with the server's code.

    The simulator answers every valid request at once, so the error is pushed in the same
    loop turn as the request goes out: it reaches the client before the real reply.
    """
    error = {"msgType": "Error", "ctiMessage": {"Error": "DirectoryUnavailable", "message": "x"}}
    request = hass.async_create_task(call(hass, "search_contacts", device_id, term="alice"))
    push = hass.async_create_task(xuc_server.send_frame("jbond", error))
    with pytest.raises(HomeAssistantError) as err:
        await request
    await push
    assert_translated(err.value, "command_refused")
    assert err.value.translation_placeholders == {"line": "James Bond", "reason": "x"}
    # The late reply to the failed request is dropped; the next request gets its own.
    response = await call(hass, "search_contacts", device_id, term="alice")
    assert response is not None
    assert [contact["number"] for contact in response["contacts"]] == ["1001"]


# --------------------------------------------------------------------------- translations


def _raised_translation_keys(path: Path) -> set[str]:
    keys: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.keyword) and node.arg == "translation_key":
            assert isinstance(node.value, ast.Constant), ast.unparse(node)
            keys.add(node.value.value)
    return keys


def test_raised_translation_keys_exist() -> None:
    keys = (
        _raised_translation_keys(PACKAGE / "services.py")
        | _raised_translation_keys(PACKAGE / "helpers.py")
        | _raised_translation_keys(PACKAGE / "agent.py")
    )
    assert keys == {
        "not_an_agent",
        "agent_phone_number_unknown",
        "agent_logged_in_elsewhere",
        "agent_refused",
        "agent_logged_out",
        "invalid_pause_reason",
        "not_connected",
        "request_timeout",
        "command_refused",
        "command_failed",
        "no_forward_destination",
        "invalid_destination",
        "invalid_variables",
        "invalid_dtmf",
    }
    assert keys <= set(EXCEPTIONS)
    for translation in PACKAGE.glob("translations/*.json"):
        exceptions = json.loads(translation.read_text(encoding="utf-8"))["exceptions"]
        for key in keys:
            assert placeholders(exceptions[key]["message"]) == placeholders(
                EXCEPTIONS[key]["message"]
            ), (translation.name, key)
