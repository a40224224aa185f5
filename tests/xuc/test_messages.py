"""Inbound frames: every example of protocol §4, and a server trusted for nothing."""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import datetime
from typing import Any

import orjson
import pytest

from custom_components.xivo.xuc.messages import parse_message, parse_phone_event
from custom_components.xivo.xuc.models import (
    CallEventType,
    CallHistory,
    ConferenceEvent,
    Contact,
    CurrentCalls,
    DirectoryResult,
    Forward,
    ForwardType,
    HintStatus,
    HistoryRecord,
    LineConfig,
    LoggedOn,
    LoggedOnError,
    PhoneEvent,
    PhoneStatus,
    PhoneStatusUpdate,
    ServerError,
    UserConfigUpdate,
    VoicemailStatus,
)


def frame(msg_type: str, body: Any) -> str:
    return orjson.dumps({"msgType": msg_type, "ctiMessage": body}).decode()


# -- §4.1 LoggedOn / LoggedOnError / §4.10 Error ---------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        '{"msgType":"LoggedOn","ctiMessage":{}}',
        '{"msgType":"LoggedOn","ctiMessage":{"whatever":[1,2]}}',
        '{"msgType":"LoggedOn"}',
        '{"msgType":"LoggedOn","ctiMessage":null}',
    ],
)
def test_logged_on_is_opaque(raw: str) -> None:
    assert parse_message(raw) == LoggedOn()


@pytest.mark.parametrize("code", ["loggedOnFailed", "loggedOnTimeout"])
def test_logged_on_error(code: str) -> None:
    raw = f'{{"msgType":"LoggedOnError","ctiMessage":{{"Error":"{code}"}}}}'
    assert parse_message(raw) == LoggedOnError(error=code)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"Error": "NoSuchCall"}, ServerError(code="NoSuchCall", message="")),
        (
            {"error": "InvalidJson", "message": "bad frame"},
            ServerError(code="InvalidJson", message="bad frame"),
        ),
        ({"Error": "A", "error": "B"}, ServerError(code="A", message="")),
        ({}, ServerError(code="Error", message="")),
        ("not an object", ServerError(code="Error", message="")),
    ],
)
def test_error(body: Any, expected: ServerError) -> None:
    assert parse_message(frame("Error", body)) == expected


# -- §4.2 UserConfigUpdate -------------------------------------------------------------------

FULL_USER_CONFIG = """{"msgType":"UserConfigUpdate","ctiMessage":{
  "userId":7,"firstName":"James","lastName":"Bond","fullName":"James Bond",
  "mobileNumber":"0612345678","agentId":0,"lineIds":[3],
  "voiceMailId":58,"voiceMailEnabled":true,
  "dndEnabled":false,
  "naFwdEnabled":false,"naFwdDestination":"",
  "uncFwdEnabled":true,"uncFwdDestination":"0698765432",
  "busyFwdEnabled":false,"busyFwdDestination":""}}"""


def test_user_config_full_snapshot() -> None:
    message = parse_message(FULL_USER_CONFIG)
    assert message == UserConfigUpdate(
        full_name="James Bond",
        dnd=False,
        forwards={
            ForwardType.NO_ANSWER: Forward(enabled=False, destination=""),
            ForwardType.UNCONDITIONAL: Forward(enabled=True, destination="0698765432"),
            ForwardType.BUSY: Forward(enabled=False, destination=""),
        },
        user_id=7,
        first_name="James",
        last_name="Bond",
        mobile_number="0612345678",
        voicemail_id=58,
        voicemail_enabled=True,
        agent_id=0,
    )
    assert isinstance(message, UserConfigUpdate)
    assert message.is_snapshot is True


def test_user_config_partial_update() -> None:
    raw = frame(
        "UserConfigUpdate",
        {
            "userId": 7,
            "fullName": None,
            "firstName": None,
            "lastName": None,
            "mobileNumber": None,
            "dndEnabled": True,
            "naFwdEnabled": None,
            "naFwdDestination": None,
            "uncFwdEnabled": False,
            "uncFwdDestination": "0698765432",
            "busyFwdEnabled": None,
            "busyFwdDestination": None,
        },
    )
    message = parse_message(raw)
    assert isinstance(message, UserConfigUpdate)
    assert message.is_snapshot is False
    assert message.full_name is None
    assert message.dnd is True
    # Only the forward whose destination is not null is part of the update.
    assert message.forwards == {
        ForwardType.UNCONDITIONAL: Forward(enabled=False, destination="0698765432")
    }


def test_user_config_partial_forward_with_null_enabled() -> None:
    message = parse_message(
        frame(
            "UserConfigUpdate",
            {"fullName": None, "dndEnabled": False, "busyFwdDestination": "1234"},
        )
    )
    assert isinstance(message, UserConfigUpdate)
    assert message.dnd is False
    assert message.forwards == {ForwardType.BUSY: Forward(enabled=False, destination="1234")}


def test_user_config_partial_without_dnd() -> None:
    message = parse_message(frame("UserConfigUpdate", {"fullName": None, "dndEnabled": None}))
    assert message == UserConfigUpdate(full_name=None, dnd=None, forwards={})


@pytest.mark.parametrize(
    ("body", "attribute", "expected"),
    [
        ({"fullName": 12}, "full_name", "12"),
        ({"fullName": "X", "userId": "7"}, "user_id", 7),
        ({"fullName": "X", "userId": "seven"}, "user_id", None),
        ({"fullName": "X", "userId": True}, "user_id", None),
        ({"fullName": "X", "voiceMailId": 58.5}, "voicemail_id", None),
        ({"fullName": "X", "voiceMailEnabled": "true"}, "voicemail_enabled", True),
        ({"fullName": "X", "voiceMailEnabled": 1}, "voicemail_enabled", False),
        ({"fullName": "X", "dndEnabled": "true"}, "dnd", True),
        ({"fullName": "X", "dndEnabled": 1}, "dnd", None),
        ({"fullName": "X", "mobileNumber": 612345678}, "mobile_number", "612345678"),
        ({"fullName": "X", "firstName": ["J"]}, "first_name", ""),
    ],
)
def test_user_config_wrong_types(body: dict[str, Any], attribute: str, expected: Any) -> None:
    message = parse_message(frame("UserConfigUpdate", body))
    assert isinstance(message, UserConfigUpdate)
    assert getattr(message, attribute) == expected


def test_user_config_forward_wrong_types() -> None:
    message = parse_message(
        frame(
            "UserConfigUpdate",
            {
                "fullName": "X",
                "uncFwdEnabled": "yes",
                "uncFwdDestination": 612345678,
                "naFwdEnabled": True,
                "naFwdDestination": {"x": 1},
            },
        )
    )
    assert isinstance(message, UserConfigUpdate)
    assert message.forwards == {
        ForwardType.UNCONDITIONAL: Forward(enabled=False, destination="612345678"),
        ForwardType.NO_ANSWER: Forward(enabled=True, destination=""),
    }


# -- §4.3 PhoneStatusUpdate ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("AVAILABLE", PhoneStatus.AVAILABLE),
        ("RINGING", PhoneStatus.RINGING),
        ("INDISPONIBLE", PhoneStatus.UNREACHABLE),
        ("BUSY_AND_RINGING", PhoneStatus.BUSY_AND_RINGING),
        ("ONHOLD", PhoneStatus.ON_HOLD),
        (0, PhoneStatus.AVAILABLE),
        (8, PhoneStatus.RINGING),
        (16, PhoneStatus.ON_HOLD),
        (-99, PhoneStatus.ERROR),
        ("8", PhoneStatus.RINGING),
        (None, None),
        (True, None),
        (False, None),
        ("SOMETHING_NEW", None),
        (3, None),
        ([0], None),
    ],
)
def test_phone_status_update(status: Any, expected: PhoneStatus | None) -> None:
    assert parse_message(frame("PhoneStatusUpdate", {"status": status})) == PhoneStatusUpdate(
        status=expected
    )


def test_phone_status_update_without_status() -> None:
    assert parse_message(frame("PhoneStatusUpdate", {})) == PhoneStatusUpdate(status=None)


# -- §4.4 PhoneEvent -------------------------------------------------------------------------

DOCUMENTED_PHONE_EVENT = """{"msgType":"PhoneEvent","ctiMessage":{
  "eventType":"EventRinging","DN":"1000","otherDN":"0427466347",
  "linkedId":"1469709757.74","uniqueId":"1469709960.78","queueName":"bluesky",
  "userData":{"XIVO_CONTEXT":"from-extern","XIVO_USERID":"1","USR_var1":"val1","USR_var2":"val2",
              "XIVO_EXTENPATTERN":"_012305XXXX","XIVO_SRCNUM":"0427466347",
              "XIVO_DST_FIRSTNAME":"Brucé","XIVO_DSTNUM":"0123053012","XIVO_DST_LASTNAME":"Wail"}}}"""

DOCUMENTED_USER_DATA = {
    "XIVO_CONTEXT": "from-extern",
    "XIVO_USERID": "1",
    "USR_var1": "val1",
    "USR_var2": "val2",
    "XIVO_EXTENPATTERN": "_012305XXXX",
    "XIVO_SRCNUM": "0427466347",
    "XIVO_DST_FIRSTNAME": "Brucé",
    "XIVO_DSTNUM": "0123053012",
    "XIVO_DST_LASTNAME": "Wail",
}


@pytest.mark.parametrize(
    "raw",
    [DOCUMENTED_PHONE_EVENT, DOCUMENTED_PHONE_EVENT.encode()],
    ids=["str", "utf8-bytes"],
)
def test_phone_event_documented_example(raw: str | bytes) -> None:
    message = parse_message(raw)
    assert message == PhoneEvent(
        event_type=CallEventType.RINGING,
        dn="1000",
        other_dn="0427466347",
        other_dname="",
        linked_id="1469709757.74",
        unique_id="1469709960.78",
        queue_name="bluesky",
        call_direction="",
        username="",
        user_data=DOCUMENTED_USER_DATA,
    )
    assert isinstance(message, PhoneEvent)
    assert message.user_data["XIVO_DST_FIRSTNAME"] == "Brucé"
    assert list(message.user_data) == list(DOCUMENTED_USER_DATA)


def test_phone_event_user_data_is_read_only() -> None:
    message = parse_message(DOCUMENTED_PHONE_EVENT)
    assert isinstance(message, PhoneEvent)
    with pytest.raises(TypeError):
        message.user_data["USR_var1"] = "x"  # type: ignore[index]


@pytest.mark.parametrize(
    ("wire", "expected"),
    [
        ("EventDialing", CallEventType.DIALING),
        ("EventRinging", CallEventType.RINGING),
        ("EventEstablished", CallEventType.ESTABLISHED),
        ("EventReleased", CallEventType.RELEASED),
        ("EventOnHold", CallEventType.ON_HOLD),
        ("EventFailure", CallEventType.FAILURE),
    ],
)
def test_phone_event_types(wire: str, expected: CallEventType) -> None:
    message = parse_message(frame("PhoneEvent", {"eventType": wire, "linkedId": "1.1"}))
    assert message == PhoneEvent(event_type=expected, linked_id="1.1")


def test_phone_event_all_fields_and_unknown_ones_ignored() -> None:
    body = {
        "eventType": "EventEstablished",
        "DN": "1000",
        "otherDN": "1002",
        "otherDName": "Bob Marley",
        "linkedId": "1.1",
        "uniqueId": "1.2",
        "queueName": "",
        "callDirection": "Outgoing",
        "username": "jbond",
        "userData": {"SIPCALLID": "abc@host"},
        "callType": "audio",
        "somethingNew": {"nested": [1, 2]},
    }
    assert parse_message(frame("PhoneEvent", body)) == PhoneEvent(
        event_type=CallEventType.ESTABLISHED,
        dn="1000",
        other_dn="1002",
        other_dname="Bob Marley",
        linked_id="1.1",
        unique_id="1.2",
        queue_name="",
        call_direction="Outgoing",
        username="jbond",
        user_data={"SIPCALLID": "abc@host"},
    )


@pytest.mark.parametrize(
    ("body", "attribute", "expected"),
    [
        ({"DN": 12}, "dn", "12"),
        ({"DN": None}, "dn", ""),
        ({"DN": True}, "dn", ""),
        ({"otherDN": 427466347}, "other_dn", "427466347"),
        ({"otherDName": ["x"]}, "other_dname", ""),
        ({"linkedId": 1469709757.74}, "linked_id", "1469709757.74"),
        ({"uniqueId": {"id": 1}}, "unique_id", ""),
        ({"userData": "x"}, "user_data", {}),
        ({"userData": ["a", "b"]}, "user_data", {}),
        ({"userData": None}, "user_data", {}),
        (
            {"userData": {"A": "a", "N": 5, "B": True, "L": [1], "D": {"x": 1}, "Z": None}},
            "user_data",
            {"A": "a", "N": "5"},
        ),
    ],
)
def test_phone_event_wrong_types(body: dict[str, Any], attribute: str, expected: Any) -> None:
    message = parse_message(frame("PhoneEvent", {"eventType": "EventRinging", **body}))
    assert isinstance(message, PhoneEvent)
    assert getattr(message, attribute) == expected


@pytest.mark.parametrize(
    "event_type",
    [
        "EventSomethingNew",
        "",
        None,
        "eventringing",
        12,
        True,
        ["EventRinging"],
        {"x": 1},
    ],
)
def test_phone_event_unknown_event_type(event_type: Any) -> None:
    assert parse_message(frame("PhoneEvent", {"eventType": event_type, "DN": "1000"})) is None


def test_phone_event_without_event_type() -> None:
    assert parse_message(frame("PhoneEvent", {"DN": "1000"})) is None


def test_parse_phone_event_directly() -> None:
    assert parse_phone_event({"eventType": "EventOnHold", "uniqueId": "9.9"}) == PhoneEvent(
        event_type=CallEventType.ON_HOLD, unique_id="9.9"
    )
    assert parse_phone_event({}) is None


# -- §4.5 CurrentCallsPhoneEvents -------------------------------------------------------------


def test_current_calls() -> None:
    body = {
        "events": [
            {
                "eventType": "EventEstablished",
                "DN": "1000",
                "otherDN": "1002",
                "linkedId": "1.1",
                "uniqueId": "1.2",
            },
            {"eventType": "EventUnknown", "linkedId": "x"},
            "not an event",
            None,
            {
                "eventType": "EventRinging",
                "DN": "1000",
                "otherDN": "0427466347",
                "linkedId": "2.1",
                "uniqueId": "2.2",
                "userData": {"USR_a": "b"},
            },
        ]
    }
    assert parse_message(frame("CurrentCallsPhoneEvents", body)) == CurrentCalls(
        events=(
            PhoneEvent(
                event_type=CallEventType.ESTABLISHED,
                dn="1000",
                other_dn="1002",
                linked_id="1.1",
                unique_id="1.2",
            ),
            PhoneEvent(
                event_type=CallEventType.RINGING,
                dn="1000",
                other_dn="0427466347",
                linked_id="2.1",
                unique_id="2.2",
                user_data={"USR_a": "b"},
            ),
        )
    )


@pytest.mark.parametrize(
    "body",
    [{"events": []}, {}, {"events": None}, {"events": {"eventType": "EventRinging"}}, []],
)
def test_current_calls_empty(body: Any) -> None:
    assert parse_message(frame("CurrentCallsPhoneEvents", body)) == CurrentCalls(events=())


# -- §4.6 PhoneHintStatusEvent ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"number": "1001", "status": 0}, HintStatus("1001", PhoneStatus.AVAILABLE)),
        ({"number": "1001", "status": 8}, HintStatus("1001", PhoneStatus.RINGING)),
        ({"number": "1001", "status": "9"}, HintStatus("1001", PhoneStatus.BUSY_AND_RINGING)),
        ({"number": "1001", "status": -2}, HintStatus("1001", PhoneStatus.UNEXISTING)),
        ({"number": "1001", "status": "BUSY"}, HintStatus("1001", PhoneStatus.BUSY)),
        ({"number": 1001, "status": 2}, HintStatus("1001", PhoneStatus.BUSY)),
        ({"number": "1001", "status": 5}, HintStatus("1001", None)),
        ({"number": "1001", "status": True}, HintStatus("1001", None)),
        ({"number": "1001"}, HintStatus("1001", None)),
        ({"number": "", "status": 0}, None),
        ({"status": 0}, None),
        ({"number": None, "status": 0}, None),
    ],
)
def test_phone_hint_status(body: dict[str, Any], expected: HintStatus | None) -> None:
    assert parse_message(frame("PhoneHintStatusEvent", body)) == expected


# -- §4.7 VoiceMailStatusUpdate --------------------------------------------------------------


def test_voicemail_documented_example() -> None:
    raw = (
        '{"msgType":"VoiceMailStatusUpdate","ctiMessage":'
        '{"voiceMailId":58,"newMessages":2,"waitingMessages":1,"oldMessages":3}}'
    )
    assert parse_message(raw) == VoicemailStatus(new=2, waiting=1, old=3, voicemail_id=58)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (5, 5),
        ("7", 7),
        ("abc", 0),
        ("", 0),
        (-3, 0),
        ("-3", 0),
        (None, 0),
        (True, 0),
        (2.5, 0),
        ([2], 0),
        ("--1", 0),
        ("²", 0),
    ],
)
def test_voicemail_counter_wrong_types(value: Any, expected: int) -> None:
    message = parse_message(
        frame("VoiceMailStatusUpdate", {"newMessages": value, "waitingMessages": 1})
    )
    assert message == VoicemailStatus(new=expected, waiting=1, old=0, voicemail_id=None)


def test_voicemail_missing_fields_default_to_zero() -> None:
    assert parse_message(frame("VoiceMailStatusUpdate", {})) == VoicemailStatus(
        new=0, waiting=0, old=0, voicemail_id=None
    )


def test_voicemail_negative_counts_are_zero() -> None:
    message = parse_message(
        frame(
            "VoiceMailStatusUpdate",
            {"newMessages": -1, "waitingMessages": -2, "oldMessages": -99, "voiceMailId": "58"},
        )
    )
    assert message == VoicemailStatus(new=0, waiting=0, old=0, voicemail_id=58)


# -- §4.8 LineConfig -------------------------------------------------------------------------

SIP_PASSWORD = "Zq8-SIP-secret-9xK"
LINE_CONFIG = {
    "id": "3",
    "name": "hd7kxq",
    "password": SIP_PASSWORD,
    "xivoIp": "192.168.56.3",
    "sipProxyName": "default",
    "sipPort": 5060,
    "webRtc": False,
    "hasDevice": True,
    "vendor": "Snom",
    "number": "1000",
    "context": "default",
}


def test_line_config() -> None:
    message = parse_message(frame("LineConfig", LINE_CONFIG))
    assert message == LineConfig(
        id="3",
        name="hd7kxq",
        number="1000",
        context="default",
        vendor="Snom",
        has_device=True,
        web_rtc=False,
    )
    assert isinstance(message, LineConfig)
    assert message.has_line is True


def test_line_config_never_keeps_the_sip_password() -> None:
    message = parse_message(frame("LineConfig", LINE_CONFIG))
    assert isinstance(message, LineConfig)
    assert SIP_PASSWORD not in repr(message)
    assert SIP_PASSWORD not in str(message)
    assert SIP_PASSWORD not in repr(asdict(message))
    assert "password" not in {f.name for f in fields(message)}
    assert not hasattr(message, "password")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"id": "-"}, LineConfig(id="-")),
        ({}, LineConfig()),
        ({"id": 3, "webRtc": "true", "hasDevice": 1}, LineConfig(id="3", web_rtc=True)),
    ],
)
def test_line_config_edge_cases(body: dict[str, Any], expected: LineConfig) -> None:
    message = parse_message(frame("LineConfig", body))
    assert message == expected
    assert isinstance(message, LineConfig)
    assert message.has_line is (expected.id not in {"", "-"})


# -- §4.13 CallHistory -----------------------------------------------------------------------

HISTORY_RECORD = {
    "start": "2022-09-08 10:32:50",
    "duration": "00:00:25",
    "srcUsername": "usera",
    "dstUsername": "userb",
    "status": "answered",
    "srcPhoneStatus": 4,
    "srcVideoStatus": "Available",
    "dstPhoneStatus": 4,
    "dstVideoStatus": "Available",
    "srcNum": "1000",
    "dstNum": "1007",
    "srcFirstName": "User",
    "srcLastName": "A",
    "dstFirstName": "user",
    "dstLastName": "B",
}


def test_call_history_array() -> None:
    agent_record = {
        "start": "2022-09-08 11:00:00",
        "duration": "00:01:00",
        "srcNum": "1000",
        "dstNum": "1002",
        "status": "emitted",
    }
    message = parse_message(frame("CallHistory", [HISTORY_RECORD, "junk", 3, agent_record]))
    assert isinstance(message, CallHistory)
    assert message.records == (
        HistoryRecord(
            start=datetime(2022, 9, 8, 10, 32, 50),
            duration=25,
            status="answered",
            direction="incoming",
            number="1000",
            name="User A",
            fields=HISTORY_RECORD,
        ),
        # The user's own outgoing call: the other party is the destination.
        HistoryRecord(
            start=datetime(2022, 9, 8, 11, 0),
            duration=60,
            status="emitted",
            direction="outgoing",
            number="1002",
            name="",
            fields=agent_record,
        ),
    )
    with pytest.raises(TypeError):
        message.records[0].fields["status"] = "missed"  # type: ignore[index]


@pytest.mark.parametrize(
    ("start", "duration", "expected_start", "expected_duration"),
    [
        ("2022-09-08T10:32:50", 95, datetime(2022, 9, 8, 10, 32, 50), 95),
        ("yesterday", "1:02:03", None, 3723),
        (None, "00:-1:00", None, None),
        (17, "a:b", None, None),
        ("", -4, None, None),
    ],
)
def test_call_history_odd_fields(
    start: object, duration: object, expected_start: object, expected_duration: object
) -> None:
    record = {"start": start, "duration": duration, "status": "MISSED", "srcNum": 1001}
    message = parse_message(frame("CallHistory", [record]))
    assert isinstance(message, CallHistory)
    (parsed,) = message.records
    assert (parsed.start, parsed.duration) == (expected_start, expected_duration)
    assert (parsed.status, parsed.direction, parsed.number) == ("missed", "incoming", "1001")


@pytest.mark.parametrize("body", [[], {}, None, "x"])
def test_call_history_empty_or_not_an_array(body: Any) -> None:
    assert parse_message(frame("CallHistory", body)) == CallHistory(records=())


# -- DirectoryResult -------------------------------------------------------------------------


def test_directory_result() -> None:
    body = {
        "headers": ["Firstname", "Lastname", "Number", "Mobile", "Favorite"],
        "entries": [
            {"status": 0, "entry": ["Bob", "Marley", "1002", "0600000002", "false"]},
            {"status": -2, "entry": ["Jimi", "Hendrix", "0427466347", "", "true"]},
        ],
    }
    message = parse_message(frame("DirectoryResult", body))
    assert isinstance(message, DirectoryResult)
    assert message.headers == ("Firstname", "Lastname", "Number", "Mobile", "Favorite")
    bob, jimi = message.contacts
    assert (bob.name, bob.number, bob.mobile, bob.email, bob.status, bob.favorite) == (
        "Bob Marley",
        "1002",
        "0600000002",
        "",
        PhoneStatus.AVAILABLE,
        False,
    )
    assert dict(bob.fields) == dict(zip(body["headers"], body["entries"][0]["entry"], strict=True))  # type: ignore[index]
    assert (jimi.name, jimi.number, jimi.status, jimi.favorite) == (
        "Jimi Hendrix",
        "0427466347",
        PhoneStatus.UNEXISTING,
        True,
    )


def test_directory_columns_in_french_and_item_favorite() -> None:
    body = {
        "headers": ["Nom", "Numéro", "Portable", "E-mail"],
        "entries": [
            {
                "status": "4",
                "favorite": True,
                "entry": ["Marie Curie", "01 42 42 42 42", "06 00", "marie@example.org"],
            }
        ],
    }
    message = parse_message(frame("DirectoryResult", body))
    assert isinstance(message, DirectoryResult)
    assert message.contacts == (
        Contact(
            name="Marie Curie",
            number="01 42 42 42 42",
            mobile="06 00",
            email="marie@example.org",
            status=PhoneStatus.UNREACHABLE,
            favorite=True,
            fields=message.contacts[0].fields,
        ),
    )


def test_directory_result_malformed_entries() -> None:
    body = {
        "headers": ["Firstname", "Number"],
        "entries": [
            {"status": 8, "entry": ["Short"]},
            {"status": "bad", "entry": ["A", 1, "extra"]},
            {"entry": "not a list"},
            "not an entry",
        ],
    }
    message = parse_message(frame("DirectoryResult", body))
    assert isinstance(message, DirectoryResult)
    assert [(c.name, c.number, c.status, dict(c.fields)) for c in message.contacts] == [
        ("Short", "", PhoneStatus.RINGING, {"Firstname": "Short"}),
        ("A", "1", None, {"Firstname": "A", "Number": 1}),
        ("", "", None, {}),
    ]


@pytest.mark.parametrize("body", [{}, {"headers": None, "entries": None}, []])
def test_directory_result_empty(body: Any) -> None:
    assert parse_message(frame("DirectoryResult", body)) == DirectoryResult(headers=(), contacts=())


# -- §4.12 Conference events -----------------------------------------------------------------


def test_conference_event() -> None:
    participant = {
        "index": 1,
        "phoneNumber": "1000",
        "callerIdName": "James Bond",
        "isMe": True,
        "role": "Organizer",
        "since": 12,
    }
    body = {
        "eventType": "Leave",
        "uniqueId": "1469709960.78",
        "conferenceName": "sales",
        "conferenceNumber": "4000",
        "participants": [participant, "junk"],
        "since": 34,
    }
    message = parse_message(frame("ConferenceEvent", body))
    assert isinstance(message, ConferenceEvent)
    assert message.kind == "conference"
    assert message.event_type == "Leave"
    assert message.unique_id == "1469709960.78"
    assert message.conference_name == "sales"
    assert message.conference_number == "4000"
    assert message.since == 34
    assert [dict(item) for item in message.participants] == [participant]
    assert message.participant is None


def test_conference_participant_event() -> None:
    body = {
        "eventType": "Join",
        "uniqueId": "1469709960.78",
        "conferenceName": "sales",
        "conferenceNumber": 4000,
        "phoneNumber": "1002",
        "index": 2,
        "since": 0,
        "isMe": False,
        "role": "User",
        "callerIdName": "Bob",
    }
    message = parse_message(frame("ConferenceParticipantEvent", body))
    assert isinstance(message, ConferenceEvent)
    assert message.kind == "participant"
    assert message.event_type == "Join"
    assert message.unique_id == "1469709960.78"
    assert message.conference_name == "sales"
    assert message.conference_number == "4000"
    assert message.since == 0
    assert message.participants == ()
    assert message.participant is not None
    assert dict(message.participant) == {
        "phoneNumber": "1002",
        "index": 2,
        "isMe": False,
        "role": "User",
        "callerIdName": "Bob",
    }


def test_conference_event_wrong_types() -> None:
    message = parse_message(
        frame("ConferenceEvent", {"eventType": 5, "since": "x", "participants": {"a": 1}})
    )
    assert message == ConferenceEvent(
        kind="conference", event_type="5", since=None, participants=()
    )


# -- framing robustness ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param('{"msgType":"AgentStatistics","ctiMessage":{"id":1}}', id="known-unused"),
        pytest.param('{"msgType":"SomethingNew","ctiMessage":{}}', id="unknown"),
        pytest.param('{"msgType":"phoneevent","ctiMessage":{}}', id="wrong-case"),
        pytest.param('{"msgType":"LinkStatusUpdate","ctiMessage":{"status":"opened"}}', id="link"),
        pytest.param('{"msgType":12,"ctiMessage":{}}', id="number-type"),
        pytest.param('{"msgType":["PhoneEvent"],"ctiMessage":{}}', id="list-type"),
        pytest.param('{"msgType":null,"ctiMessage":{}}', id="null-type"),
        pytest.param('{"ctiMessage":{"status":"AVAILABLE"}}', id="no-type"),
        pytest.param("{}", id="empty-object"),
        pytest.param("not json", id="text"),
        pytest.param("", id="empty"),
        pytest.param('{"msgType":"LoggedOn"', id="truncated"),
        pytest.param("[]", id="array"),
        pytest.param('[{"msgType":"LoggedOn","ctiMessage":{}}]', id="array-of-frames"),
        pytest.param("42", id="number"),
        pytest.param("null", id="null"),
        pytest.param('"LoggedOn"', id="string"),
        pytest.param("true", id="bool"),
        pytest.param(b"\xff\xfe\x00", id="invalid-utf8"),
    ],
)
def test_ignored_frames(raw: str | bytes) -> None:
    assert parse_message(raw) is None


def test_bytes_input() -> None:
    raw = b'{"msgType":"PhoneStatusUpdate","ctiMessage":{"status":"BUSY"}}'
    assert parse_message(raw) == PhoneStatusUpdate(status=PhoneStatus.BUSY)


def test_unknown_top_level_fields_ignored() -> None:
    raw = '{"msgType":"PhoneStatusUpdate","ctiMessage":{"status":0,"extra":1},"seq":7}'
    assert parse_message(raw) == PhoneStatusUpdate(status=PhoneStatus.AVAILABLE)


@pytest.mark.parametrize("body", ["x", 3, None, [1, 2]])
def test_non_object_body_gives_empty_values(body: Any) -> None:
    assert parse_message(frame("VoiceMailStatusUpdate", body)) == VoicemailStatus()
    assert parse_message(frame("PhoneStatusUpdate", body)) == PhoneStatusUpdate(status=None)
    assert parse_message(frame("PhoneEvent", body)) is None
    assert parse_message(frame("PhoneHintStatusEvent", body)) is None
    assert parse_message(frame("LineConfig", body)) == LineConfig()
