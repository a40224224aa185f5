"""Fuzzing the inbound path: whatever the server sends, the client neither raises nor corrupts.

Each example goes through the same code as a live frame (`parse_message`, then the handler that
applies it to the line state), on a client marked connected so every handler runs.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings, strategies as st
import orjson

from custom_components.xivo.xuc import (
    Call,
    CallState,
    DirectoryResult,
    ForwardType,
    LineState,
    PhoneStatus,
    UpdateKind,
    XucClient,
)
from custom_components.xivo.xuc.messages import parse_message
from custom_components.xivo.xuc.models import (
    Forward,
    HintStatus,
    UserConfig,
    UserConfigUpdate,
    VoicemailStatus,
)

MSG_TYPES = [
    "LoggedOn",
    "Error",
    "UserConfigUpdate",
    "PhoneStatusUpdate",
    "PhoneEvent",
    "CurrentCallsPhoneEvents",
    "VoiceMailStatusUpdate",
    "PhoneHintStatusEvent",
    "LineConfig",
    "CallHistory",
    "DirectoryResult",
    "ConferenceEvent",
    "ConferenceParticipantEvent",
    "UsersStatuses",
    "Unknown",
]
FIELDS = [
    "eventType", "DN", "otherDN", "otherDName", "linkedId", "uniqueId", "queueName",
    "callDirection", "userData", "username", "status", "number", "events", "fullName",
    "dndEnabled", "uncFwdEnabled", "uncFwdDestination", "naFwdDestination", "busyFwdEnabled",
    "newMessages", "waitingMessages", "oldMessages", "voiceMailId", "userId", "id", "headers",
    "entries", "participants", "since", "Error", "message", "hasDevice",
]  # fmt: skip
EVENT_TYPES = ["EventRinging", "EventEstablished", "EventReleased", "EventDialing",
               "EventOnHold", "EventFailure"]  # fmt: skip

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.sampled_from([*EVENT_TYPES, "AVAILABLE", "INDISPONIBLE", "--1", "²", "8"])
)
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), children, max_size=6),
    max_leaves=20,
)
cti_messages = st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=10) | json_values
frames = st.builds(
    lambda msg_type, body: {"msgType": msg_type, "ctiMessage": body},
    st.sampled_from(MSG_TYPES) | json_values,
    cti_messages,
)


def live_client() -> XucClient:
    # No event loop here: name lookups (a request to the server) have their own tests.
    client = XucClient(
        None,  # type: ignore[arg-type]
        "127.0.0.1",
        "u",
        "p",
        monitored_numbers=("1001",),
        lookup_names=False,
    )
    client._connected = True
    # Listeners of every kind, so each notification path runs on hostile input too.
    client.add_listener(lambda: None, *UpdateKind)
    client.add_call_listener(lambda _: None)
    client.add_conference_listener(lambda _: None)
    return client


def assert_consistent(state: LineState) -> None:
    assert state.phone_status is None or isinstance(state.phone_status, PhoneStatus)
    assert isinstance(state.call_state, CallState)
    for linked_id, call in state.calls.items():
        assert isinstance(call, Call)
        assert linked_id == call.linked_id
        assert all(isinstance(v, str) for v in call.user_data.values())
    assert isinstance(state.voicemail, VoicemailStatus)
    assert min(state.voicemail.new, state.voicemail.waiting, state.voicemail.old) >= 0
    if state.user is not None:
        assert isinstance(state.user, UserConfig)
        assert isinstance(state.user.dnd, bool)
        assert set(state.user.forwards) == set(ForwardType)
        assert all(isinstance(f, Forward) for f in state.user.forwards.values())
    for number, status in state.hints.items():
        assert isinstance(number, str)
        assert number
        assert status is None or isinstance(status, PhoneStatus)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(frames, min_size=1, max_size=8))
def test_any_json_frame_is_absorbed(sequence: list[dict[str, Any]]) -> None:
    client = live_client()
    for frame in sequence:
        # The standard encoder, unlike orjson, writes integers beyond 64 bits: good hostile input.
        client._handle(json.dumps(frame))
        assert_consistent(client.state)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200) | st.binary(max_size=200))
def test_any_text_is_absorbed(raw: str | bytes) -> None:
    client = live_client()
    client._handle(raw)
    assert_consistent(client.state)


def test_deep_nesting_and_huge_strings() -> None:
    client = live_client()
    deep = '{"msgType":"PhoneEvent","ctiMessage":' + "[" * 100_000 + "]" * 100_000 + "}"
    assert parse_message(deep) is None
    huge = {
        "msgType": "PhoneEvent",
        "ctiMessage": {
            "eventType": "EventRinging",
            "linkedId": "1.1",
            "otherDName": "x" * 500_000,
            "userData": {f"USR_{i}": "v" * 100 for i in range(2_000)},
        },
    }
    client._handle(orjson.dumps(huge))
    assert client.state.calls["1.1"].other_dname == "x" * 500_000
    assert_consistent(client.state)


# Regression cases found while fuzzing: each once crashed the parser.
def test_found_by_fuzzing() -> None:
    client = live_client()
    for frame in (
        {"msgType": "PhoneEvent", "ctiMessage": {"eventType": ["EventRinging"]}},
        {"msgType": "PhoneEvent", "ctiMessage": {"eventType": {"x": 1}}},
        {"msgType": "VoiceMailStatusUpdate", "ctiMessage": {"newMessages": "--1"}},
        {"msgType": "PhoneStatusUpdate", "ctiMessage": {"status": "²"}},
        {"msgType": "PhoneHintStatusEvent", "ctiMessage": {"number": "1001", "status": "--1"}},
        {"msgType": "UserConfigUpdate", "ctiMessage": {"fullName": "X", "userId": "²"}},
        {"msgType": "DirectoryResult", "ctiMessage": {"headers": 5, "entries": [{"entry": 3}]}},
    ):
        client._handle(orjson.dumps(frame))
    assert_consistent(client.state)
    assert client.state.hints == {"1001": None}


# XUC (Jackson) escapes half a surrogate pair: a name cut inside an emoji (🎉 is \ud83c\udf89).
CUT_RINGING = (
    '{"msgType":"PhoneEvent","ctiMessage":{"eventType":"EventRinging","linkedId":"1.1",'
    '"otherDN":"0699000000","otherDName":"Zo\\u00e9 \\ud83c","callDirection":"Incoming",'
    '"userData":{"\\udf89":"\\ud83c\\udf89 \\udf89"}}}'
)


def test_half_an_emoji_is_shown_as_a_replacement_character() -> None:
    client = live_client()
    for raw in (CUT_RINGING, CUT_RINGING.encode()):
        client._handle(raw)
        call = client.state.calls["1.1"]
        assert call.other_dname == "Zoé \ufffd"
        # A whole pair stays the emoji; keys are cleaned as values are.
        assert dict(call.user_data) == {"\ufffd": "🎉 \ufffd"}
        orjson.dumps({"name": call.other_dname, **call.user_data})
        assert_consistent(client.state)


def test_a_directory_result_holding_half_an_emoji_is_read() -> None:
    raw = (
        '{"msgType":"DirectoryResult","ctiMessage":{"headers":["Firstname","Number"],'
        '"entries":[{"status":-2,"entry":["Zo\\ud83c","0699000000"]}]}}'
    )
    result = parse_message(raw)
    assert isinstance(result, DirectoryResult)
    assert [(c.name, c.number) for c in result.contacts] == [("Zo\ufffd", "0699000000")]


def test_only_surrogate_escapes_take_the_slower_parser() -> None:
    """Frames orjson refuses for anything else stay refused (NaN, broken JSON); numbers
    beyond 64 bits next to an escape are read as orjson reads them, as floats."""
    hint = '{"msgType":"PhoneHintStatusEvent","ctiMessage":{"number":"%s","status":%s}}'
    assert parse_message(hint % ("1001", "NaN")) is None
    assert parse_message('{"msgType":"PhoneEvent","ctiMessage":{"x":"\\ud83c"') is None
    assert parse_message(hint % ("10\\ud83c", "NaN")) == HintStatus("10\ufffd", None)
    huge = parse_message(
        '{"msgType":"UserConfigUpdate","ctiMessage":{"fullName":"Zo\\ud83c","userId":'
        + str(2**70)
        + "}}"
    )
    assert isinstance(huge, UserConfigUpdate)
    assert huge.full_name == "Zo\ufffd"
    assert huge.user_id is None
    assert parse_message(hint % ("10\\ud83c", "1" * 400)) is None
