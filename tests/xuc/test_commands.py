"""Outbound frames: exactly what `cti.js` sends (protocol §3), key order included."""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType
from typing import Any

import orjson
import pytest

from custom_components.xivo.xuc import commands
from custom_components.xivo.xuc.models import ForwardType


def _json(frame: dict[str, Any]) -> str:
    return orjson.dumps(frame).decode()


# Every public builder of commands.py, with the exact JSON text `JSON.stringify` produces in
# `cti.js` (protocol §3; strings copied from it where it gives one).
EXACT_FRAMES: list[tuple[str, Callable[[], dict[str, Any]], str]] = [
    (
        "dial",
        lambda: commands.dial("1002", {"var1": "value 1"}),
        '{"claz":"web","command":"dial","destination":"1002","variables":{"var1":"value 1"}}',
    ),
    (
        "dial-no-variables",
        lambda: commands.dial("1002"),
        '{"claz":"web","command":"dial","destination":"1002"}',
    ),
    (
        "dial-empty-variables",
        lambda: commands.dial("1002", {}),
        '{"claz":"web","command":"dial","destination":"1002","variables":{}}',
    ),
    (
        "dialFromMobile",
        lambda: commands.dial_from_mobile("0427466347", {"var1": "value 1"}),
        '{"claz":"web","command":"dialFromMobile","destination":"0427466347",'
        '"variables":{"var1":"value 1"}}',
    ),
    (
        "dialFromMobile-no-variables",
        lambda: commands.dial_from_mobile("0427466347"),
        '{"claz":"web","command":"dialFromMobile","destination":"0427466347"}',
    ),
    (
        "dialFromQueue",
        lambda: commands.dial_from_queue("0612345678", 3, "Support", "0467000000", {"a": "b"}),
        '{"claz":"web","command":"dialFromQueue","destination":"0612345678","queueId":3,'
        '"callerIdName":"Support","callerIdNumber":"0467000000","variables":{"a":"b"}}',
    ),
    (
        "dialFromQueue-no-variables",
        lambda: commands.dial_from_queue("0612345678", 3, "Support", "0467000000"),
        '{"claz":"web","command":"dialFromQueue","destination":"0612345678","queueId":3,'
        '"callerIdName":"Support","callerIdNumber":"0467000000"}',
    ),
    (
        "toggleMicrophone-id",
        lambda: commands.toggle_microphone("1469709960.78"),
        '{"claz":"web","command":"toggleMicrophone","uniqueId":"1469709960.78"}',
    ),
    (
        "toggleMicrophone",
        lambda: commands.toggle_microphone(),
        '{"claz":"web","command":"toggleMicrophone"}',
    ),
    (
        "getUserCallHistoryByDays",
        lambda: commands.get_user_call_history_by_days(7),
        '{"claz":"web","command":"getUserCallHistoryByDays","days":7}',
    ),
    (
        "dialByUsername",
        lambda: commands.dial_by_username("jdoe"),
        '{"claz":"web","command":"dialByUsername","username":"jdoe"}',
    ),
    (
        "originate",
        lambda: commands.originate("1002"),
        '{"claz":"web","command":"originate","destination":"1002"}',
    ),
    (
        "hangup-id",
        lambda: commands.hangup("1469709960.78"),
        '{"claz":"web","command":"hangup","uniqueId":"1469709960.78"}',
    ),
    ("hangup", commands.hangup, '{"claz":"web","command":"hangup"}'),
    (
        "answer-id",
        lambda: commands.answer("1469709960.78"),
        '{"claz":"web","command":"answer","uniqueId":"1469709960.78"}',
    ),
    ("answer", commands.answer, '{"claz":"web","command":"answer"}'),
    (
        "hold-id",
        lambda: commands.hold("1469709960.78"),
        '{"claz":"web","command":"hold","uniqueId":"1469709960.78"}',
    ),
    ("hold", commands.hold, '{"claz":"web","command":"hold"}'),
    (
        "directTransfer",
        lambda: commands.direct_transfer("1003"),
        '{"claz":"web","command":"directTransfer","destination":"1003"}',
    ),
    (
        "attendedTransfer",
        lambda: commands.attended_transfer("1003"),
        '{"claz":"web","command":"attendedTransfer","destination":"1003"}',
    ),
    (
        "attendedTransfer-device",
        lambda: commands.attended_transfer("1003", "webrtc"),
        '{"claz":"web","command":"attendedTransfer","destination":"1003","device":"webrtc"}',
    ),
    (
        "completeTransfer",
        commands.complete_transfer,
        '{"claz":"web","command":"completeTransfer"}',
    ),
    ("cancelTransfer", commands.cancel_transfer, '{"claz":"web","command":"cancelTransfer"}'),
    ("conference", commands.conference, '{"claz":"web","command":"conference"}'),
    (
        "sendDtmf",
        lambda: commands.send_dtmf("5"),
        '{"claz":"web","command":"sendDtmf","key":"5"}',
    ),
    (
        "setData",
        lambda: commands.set_data({"var1": "val1", "USR_var2": "val2"}),
        '{"claz":"web","command":"setData","variables":{"var1":"val1","USR_var2":"val2"}}',
    ),
    (
        "getCurrentCallsPhoneEvents",
        commands.get_current_calls,
        '{"claz":"web","command":"getCurrentCallsPhoneEvents"}',
    ),
    ("dnd-on", lambda: commands.set_dnd(True), '{"claz":"web","command":"dnd","state":true}'),
    ("dnd-off", lambda: commands.set_dnd(False), '{"claz":"web","command":"dnd","state":false}'),
    (
        "naFwd",
        lambda: commands.set_forward(ForwardType.NO_ANSWER, True, "0612345678"),
        '{"claz":"web","command":"naFwd","state":true,"destination":"0612345678"}',
    ),
    (
        "uncFwd",
        lambda: commands.set_forward(ForwardType.UNCONDITIONAL, True, "0612345678"),
        '{"claz":"web","command":"uncFwd","state":true,"destination":"0612345678"}',
    ),
    (
        "busyFwd-off",
        lambda: commands.set_forward(ForwardType.BUSY, False, "0612345678"),
        '{"claz":"web","command":"busyFwd","state":false,"destination":"0612345678"}',
    ),
    (
        "subscribeToPhoneHints",
        lambda: commands.subscribe_to_phone_hints(["1000", "1001"]),
        '{"claz":"web","command":"subscribeToPhoneHints","phoneNumbers":["1000","1001"]}',
    ),
    (
        "unsubscribeFromAllPhoneHints",
        commands.unsubscribe_from_all_phone_hints,
        '{"claz":"web","command":"unsubscribeFromAllPhoneHints"}',
    ),
    (
        "getConfig",
        lambda: commands.get_config("line"),
        '{"claz":"web","command":"getConfig","objectType":"line"}',
    ),
    (
        "getUserCallHistory",
        lambda: commands.get_user_call_history(20),
        '{"claz":"web","command":"getUserCallHistory","size":20}',
    ),
    (
        "searchContacts",
        lambda: commands.search_contacts("bob"),
        '{"claz":"web","command":"searchContacts","term":"bob"}',
    ),
]


@pytest.mark.parametrize(
    ("build", "expected"),
    [pytest.param(build, text, id=name) for name, build, text in EXACT_FRAMES],
)
def test_frame_matches_cti_js_exactly(build: Callable[[], dict[str, Any]], expected: str) -> None:
    frame = build()
    reference = orjson.loads(expected)
    assert frame == reference
    assert list(frame) == list(reference)
    assert _json(frame) == expected


def test_every_public_builder_is_covered() -> None:
    """A new builder in commands.py must get an exact-frame case above."""
    builders = {
        name
        for name, value in vars(commands).items()
        if callable(value)
        and not name.startswith("_")
        and getattr(value, "__module__", None) == commands.__name__
    }
    assert builders == {
        "dial",
        "dial_from_mobile",
        "dial_from_queue",
        "toggle_microphone",
        "get_user_call_history_by_days",
        "dial_by_username",
        "originate",
        "answer",
        "hangup",
        "hold",
        "direct_transfer",
        "attended_transfer",
        "complete_transfer",
        "cancel_transfer",
        "conference",
        "send_dtmf",
        "set_data",
        "get_current_calls",
        "set_dnd",
        "set_forward",
        "subscribe_to_phone_hints",
        "unsubscribe_from_all_phone_hints",
        "get_config",
        "get_user_call_history",
        "search_contacts",
        # Contact centre: their exact frames are in test_contact_centre_commands.py.
        "agent_login",
        "agent_logout",
        "pause_agent",
        "unpause_agent",
        "get_agent_states",
        "subscribe_to_agent_events",
        "subscribe_to_queue_stats",
        "subscribe_to_queue_calls",
        "unsubscribe_from_queue_calls",
        "get_list",
        "user_status_update",
    }


# -- keepalive ------------------------------------------------------------------------------


def test_ping_frame() -> None:
    assert commands.PING == {"claz": "ping"}
    assert list(commands.PING) == ["claz"]
    assert orjson.dumps(commands.PING) == b'{"claz":"ping"}'


# -- placing calls --------------------------------------------------------------------------


def test_dial_with_variables() -> None:
    frame = commands.dial("1002", {"var1": "value 1", "var2": "x"})
    assert frame == {
        "claz": "web",
        "command": "dial",
        "destination": "1002",
        "variables": {"var1": "value 1", "var2": "x"},
    }
    assert list(frame) == ["claz", "command", "destination", "variables"]
    assert list(frame["variables"]) == ["var1", "var2"]


@pytest.mark.parametrize(
    ("build", "command"),
    [(commands.dial, "dial"), (commands.dial_from_mobile, "dialFromMobile")],
)
def test_dial_without_variables_has_no_variables_key(
    build: Callable[..., dict[str, Any]], command: str
) -> None:
    frame = build("1002")
    assert frame == {"claz": "web", "command": command, "destination": "1002"}
    assert list(frame) == ["claz", "command", "destination"]
    assert "variables" not in frame
    assert "null" not in _json(frame)


@pytest.mark.parametrize("build", [commands.dial, commands.dial_from_mobile])
def test_dial_variables_are_a_plain_copy(build: Callable[..., dict[str, Any]]) -> None:
    source = {"var1": "a"}
    frame = build("1002", MappingProxyType(source))
    source["var1"] = "changed"
    source["var2"] = "added"
    assert type(frame["variables"]) is dict
    assert frame["variables"] == {"var1": "a"}
    # A read-only mapping given by the caller must still serialise.
    assert _json(frame).endswith('"variables":{"var1":"a"}}')


def test_dial_from_mobile_with_variables() -> None:
    frame = commands.dial_from_mobile("0612345678", {"var1": "value 1"})
    assert frame == {
        "claz": "web",
        "command": "dialFromMobile",
        "destination": "0612345678",
        "variables": {"var1": "value 1"},
    }
    assert list(frame) == ["claz", "command", "destination", "variables"]


def test_dial_by_username_never_carries_variables() -> None:
    frame = commands.dial_by_username("jdoe")
    assert frame == {"claz": "web", "command": "dialByUsername", "username": "jdoe"}
    assert list(frame) == ["claz", "command", "username"]
    assert "variables" not in frame
    with pytest.raises(TypeError):
        commands.dial_by_username("jdoe", {"var1": "x"})  # type: ignore[call-arg]


def test_originate() -> None:
    frame = commands.originate("1002")
    assert frame == {"claz": "web", "command": "originate", "destination": "1002"}
    assert list(frame) == ["claz", "command", "destination"]


# -- call control ---------------------------------------------------------------------------

CALL_ID_BUILDERS = [
    pytest.param(commands.hangup, "hangup", id="hangup"),
    pytest.param(commands.answer, "answer", id="answer"),
    pytest.param(commands.hold, "hold", id="hold"),
]


@pytest.mark.parametrize(("build", "command"), CALL_ID_BUILDERS)
def test_unique_id_sent_when_given(build: Callable[..., dict[str, Any]], command: str) -> None:
    frame = build("1469709960.78")
    assert frame == {"claz": "web", "command": command, "uniqueId": "1469709960.78"}
    assert list(frame) == ["claz", "command", "uniqueId"]
    assert _json(frame) == f'{{"claz":"web","command":"{command}","uniqueId":"1469709960.78"}}'


@pytest.mark.parametrize(("build", "command"), CALL_ID_BUILDERS)
@pytest.mark.parametrize("unique_id", [None, ""], ids=["none", "empty"])
def test_unique_id_omitted_never_null(
    build: Callable[..., dict[str, Any]], command: str, unique_id: str | None
) -> None:
    frame = build(unique_id)
    assert frame == {"claz": "web", "command": command}
    assert list(frame) == ["claz", "command"]
    assert _json(frame) == f'{{"claz":"web","command":"{command}"}}'


@pytest.mark.parametrize(("build", "command"), CALL_ID_BUILDERS)
def test_unique_id_omitted_without_argument(
    build: Callable[..., dict[str, Any]], command: str
) -> None:
    assert build() == {"claz": "web", "command": command}


def test_direct_transfer() -> None:
    frame = commands.direct_transfer("1003")
    assert frame == {"claz": "web", "command": "directTransfer", "destination": "1003"}
    assert list(frame) == ["claz", "command", "destination"]


def test_attended_transfer_without_device() -> None:
    frame = commands.attended_transfer("1003")
    assert frame == {"claz": "web", "command": "attendedTransfer", "destination": "1003"}
    assert list(frame) == ["claz", "command", "destination"]
    assert "device" not in frame
    assert "null" not in _json(frame)


def test_attended_transfer_with_device() -> None:
    frame = commands.attended_transfer("1003", "phone")
    assert frame == {
        "claz": "web",
        "command": "attendedTransfer",
        "destination": "1003",
        "device": "phone",
    }
    assert list(frame) == ["claz", "command", "destination", "device"]


@pytest.mark.parametrize(
    ("build", "command"),
    [
        (commands.complete_transfer, "completeTransfer"),
        (commands.cancel_transfer, "cancelTransfer"),
        (commands.conference, "conference"),
        (commands.get_current_calls, "getCurrentCallsPhoneEvents"),
        (commands.unsubscribe_from_all_phone_hints, "unsubscribeFromAllPhoneHints"),
    ],
)
def test_argumentless_commands(build: Callable[[], dict[str, Any]], command: str) -> None:
    frame = build()
    assert frame == {"claz": "web", "command": command}
    assert list(frame) == ["claz", "command"]


def test_send_dtmf() -> None:
    frame = commands.send_dtmf("#")
    assert frame == {"claz": "web", "command": "sendDtmf", "key": "#"}
    assert list(frame) == ["claz", "command", "key"]


def test_set_data_copies_variables() -> None:
    source = {"var1": "val1", "USR_var2": "val2"}
    frame = commands.set_data(source)
    source["var3"] = "late"
    assert frame == {
        "claz": "web",
        "command": "setData",
        "variables": {"var1": "val1", "USR_var2": "val2"},
    }
    assert list(frame) == ["claz", "command", "variables"]
    assert list(frame["variables"]) == ["var1", "USR_var2"]


# -- line services --------------------------------------------------------------------------


@pytest.mark.parametrize("state", [True, False])
def test_dnd(state: bool) -> None:
    frame = commands.set_dnd(state)
    assert frame == {"claz": "web", "command": "dnd", "state": state}
    assert list(frame) == ["claz", "command", "state"]
    assert frame["state"] is state


@pytest.mark.parametrize(
    ("forward", "command"),
    [
        (ForwardType.UNCONDITIONAL, "uncFwd"),
        (ForwardType.NO_ANSWER, "naFwd"),
        (ForwardType.BUSY, "busyFwd"),
    ],
)
@pytest.mark.parametrize("state", [True, False])
def test_forward_state_before_destination(forward: ForwardType, command: str, state: bool) -> None:
    frame = commands.set_forward(forward, state, "0612345678")
    assert frame == {
        "claz": "web",
        "command": command,
        "state": state,
        "destination": "0612345678",
    }
    assert list(frame) == ["claz", "command", "state", "destination"]
    expected_state = "true" if state else "false"
    assert _json(frame) == (
        f'{{"claz":"web","command":"{command}","state":{expected_state},'
        '"destination":"0612345678"}'
    )


def test_forward_disable_keeps_destination() -> None:
    frame = commands.set_forward(ForwardType.UNCONDITIONAL, False, "0698765432")
    assert frame["state"] is False
    assert frame["destination"] == "0698765432"


# -- hints, config, history, directory -------------------------------------------------------


def test_subscribe_to_phone_hints_sends_a_list() -> None:
    frame = commands.subscribe_to_phone_hints(("1000", "1001"))
    assert frame == {
        "claz": "web",
        "command": "subscribeToPhoneHints",
        "phoneNumbers": ["1000", "1001"],
    }
    assert list(frame) == ["claz", "command", "phoneNumbers"]
    assert type(frame["phoneNumbers"]) is list


def test_subscribe_to_no_hints() -> None:
    assert _json(commands.subscribe_to_phone_hints([])) == (
        '{"claz":"web","command":"subscribeToPhoneHints","phoneNumbers":[]}'
    )


def test_get_config() -> None:
    frame = commands.get_config("line")
    assert frame == {"claz": "web", "command": "getConfig", "objectType": "line"}
    assert list(frame) == ["claz", "command", "objectType"]


def test_get_user_call_history_size_is_a_number() -> None:
    frame = commands.get_user_call_history(20)
    assert frame == {"claz": "web", "command": "getUserCallHistory", "size": 20}
    assert list(frame) == ["claz", "command", "size"]
    assert frame["size"] == 20
    assert isinstance(frame["size"], int)


def test_search_contacts() -> None:
    frame = commands.search_contacts("bob")
    assert frame == {"claz": "web", "command": "searchContacts", "term": "bob"}
    assert list(frame) == ["claz", "command", "term"]


def test_non_ascii_is_sent_as_utf8() -> None:
    assert orjson.dumps(commands.search_contacts("Brucé")) == (
        '{"claz":"web","command":"searchContacts","term":"Brucé"}'.encode()
    )


def test_frames_are_independent() -> None:
    """Each call returns a fresh dict: mutating one frame never leaks into the next."""
    first = commands.hangup()
    first["uniqueId"] = "x"
    assert commands.hangup() == {"claz": "web", "command": "hangup"}
