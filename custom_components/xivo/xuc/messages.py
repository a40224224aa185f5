"""Parse inbound XUC frames into typed models, once, at the edge.

The server is trusted for nothing: a field of the wrong type becomes its empty value, an unknown
`msgType` or field is ignored, and a frame that is not a JSON object yields `None`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
import logging
from types import MappingProxyType
from typing import Any, Final

import orjson

from .models import (
    CALL_EVENT_TYPES_BY_WIRE,
    EMPTY_USER_DATA,
    INTEGER,
    CallHistory,
    ConferenceEvent,
    CurrentCalls,
    DirectoryResult,
    Forward,
    ForwardType,
    HintStatus,
    LineConfig,
    LoggedOn,
    LoggedOnError,
    Message,
    PhoneEvent,
    PhoneStatus,
    PhoneStatusUpdate,
    ServerError,
    UserConfigUpdate,
    VoicemailStatus,
)

_LOGGER = logging.getLogger(__name__)


def _text(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value)


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and INTEGER.fullmatch(value):
        return int(value)
    return None


def _count(value: object) -> int:
    number = _int(value)
    return number if number is not None and number > 0 else 0


def _bool(value: object) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


def _optional_bool(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return None


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _records(value: object) -> tuple[Mapping[str, object], ...]:
    if not isinstance(value, list):
        return ()
    return tuple(MappingProxyType(item) for item in value if isinstance(item, dict))


def _user_data(value: object) -> Mapping[str, str]:
    if not isinstance(value, dict) or not value:
        return EMPTY_USER_DATA
    # The usual case, on the hot path: JSON keys are strings, and these values are too. The
    # dict is fresh from the decoder, so a read-only view of it needs no copy.
    if all(type(item) is str for item in value.values()):
        return MappingProxyType(value)
    return MappingProxyType(
        {
            key: _text(item)
            for key, item in value.items()
            if isinstance(key, str)
            and isinstance(item, str | int | float)
            and not isinstance(item, bool)
        }
    )


def parse_phone_event(data: Mapping[str, Any]) -> PhoneEvent | None:
    """Parse the `ctiMessage` of a `PhoneEvent` (also the items of `CurrentCallsPhoneEvents`)."""
    wire_type = data.get("eventType")
    event_type = CALL_EVENT_TYPES_BY_WIRE.get(wire_type) if isinstance(wire_type, str) else None
    if event_type is None:
        return None
    return PhoneEvent(
        event_type=event_type,
        dn=_text(data.get("DN")),
        other_dn=_text(data.get("otherDN")),
        other_dname=_text(data.get("otherDName")),
        linked_id=_text(data.get("linkedId")),
        unique_id=_text(data.get("uniqueId")),
        queue_name=_text(data.get("queueName")),
        call_direction=_text(data.get("callDirection")),
        username=_text(data.get("username")),
        user_data=_user_data(data.get("userData")),
    )


def _user_config(data: dict[str, Any]) -> UserConfigUpdate:
    forwards: dict[ForwardType, Forward] = {}
    for forward in ForwardType:
        destination = data.get(f"{forward.wire_prefix}FwdDestination")
        # The XiVO assistant's rule: a forward is part of the update only when its
        # destination is not null.
        if destination is not None:
            forwards[forward] = Forward(
                enabled=_bool(data.get(f"{forward.wire_prefix}FwdEnabled")),
                destination=_text(destination),
            )
    return UserConfigUpdate(
        full_name=_optional_text(data.get("fullName")),
        dnd=_optional_bool(data.get("dndEnabled")),
        forwards=forwards,
        user_id=_int(data.get("userId")),
        first_name=_text(data.get("firstName")),
        last_name=_text(data.get("lastName")),
        mobile_number=_text(data.get("mobileNumber")),
        voicemail_id=_int(data.get("voiceMailId")),
        voicemail_enabled=_bool(data.get("voiceMailEnabled")),
    )


def _current_calls(data: dict[str, Any]) -> CurrentCalls:
    events = data.get("events")
    if not isinstance(events, list):
        return CurrentCalls(events=())
    parsed = (parse_phone_event(item) for item in events if isinstance(item, dict))
    return CurrentCalls(events=tuple(event for event in parsed if event is not None))


def _hint(data: dict[str, Any]) -> HintStatus | None:
    number = _text(data.get("number"))
    if not number:
        return None
    return HintStatus(number=number, status=PhoneStatus.from_wire(data.get("status")))


def _line_config(data: dict[str, Any]) -> LineConfig:
    return LineConfig(
        id=_text(data.get("id")),
        name=_text(data.get("name")),
        number=_text(data.get("number")),
        context=_text(data.get("context")),
        vendor=_text(data.get("vendor")),
        has_device=_bool(data.get("hasDevice")),
        web_rtc=_bool(data.get("webRtc")),
    )


def _directory(data: dict[str, Any]) -> DirectoryResult:
    raw_headers = data.get("headers")
    headers = tuple(map(_text, raw_headers)) if isinstance(raw_headers, list) else ()
    contacts: list[Mapping[str, object]] = []
    entries = data.get("entries")
    for item in entries if isinstance(entries, list) else ():
        if not isinstance(item, dict):
            continue
        values = item.get("entry")
        contact: dict[str, object] = dict(
            zip(headers, values if isinstance(values, list) else (), strict=False)
        )
        contact["status"] = PhoneStatus.from_wire(item.get("status"))
        contacts.append(MappingProxyType(contact))
    return DirectoryResult(headers=headers, contacts=tuple(contacts))


def _conference(data: dict[str, Any]) -> ConferenceEvent:
    return ConferenceEvent(
        kind="conference",
        event_type=_text(data.get("eventType")),
        unique_id=_text(data.get("uniqueId")),
        conference_name=_text(data.get("conferenceName")),
        conference_number=_text(data.get("conferenceNumber")),
        since=_int(data.get("since")),
        participants=_records(data.get("participants")),
    )


def _participant(data: dict[str, Any]) -> ConferenceEvent:
    return ConferenceEvent(
        kind="participant",
        event_type=_text(data.get("eventType")),
        unique_id=_text(data.get("uniqueId")),
        conference_name=_text(data.get("conferenceName")),
        conference_number=_text(data.get("conferenceNumber")),
        since=_int(data.get("since")),
        participant=MappingProxyType(
            {key: value for key, value in data.items() if key not in _CONFERENCE_KEYS}
        ),
    )


_CONFERENCE_KEYS: Final = frozenset(
    {"eventType", "uniqueId", "conferenceName", "conferenceNumber", "since"}
)


def _server_error(data: dict[str, Any]) -> ServerError:
    code = _text(data.get("Error")) or _text(data.get("error")) or "Error"
    return ServerError(code=code, message=_text(data.get("message")))


_PARSERS: Final[dict[str, Callable[[dict[str, Any]], Message | None]]] = {
    "LoggedOn": lambda _: LoggedOn(),
    "LoggedOnError": lambda data: LoggedOnError(error=_text(data.get("Error"))),
    "Error": _server_error,
    "UserConfigUpdate": _user_config,
    "PhoneStatusUpdate": lambda data: PhoneStatusUpdate(PhoneStatus.from_wire(data.get("status"))),
    "PhoneEvent": parse_phone_event,
    "CurrentCallsPhoneEvents": _current_calls,
    "VoiceMailStatusUpdate": lambda data: VoicemailStatus(
        new=_count(data.get("newMessages")),
        waiting=_count(data.get("waitingMessages")),
        old=_count(data.get("oldMessages")),
        voicemail_id=_int(data.get("voiceMailId")),
    ),
    "PhoneHintStatusEvent": _hint,
    "LineConfig": _line_config,
    "DirectoryResult": _directory,
    "ConferenceEvent": _conference,
    "ConferenceParticipantEvent": _participant,
}


def parse_message(raw: str | bytes) -> Message | None:
    """Parse one inbound text frame; `None` for anything this client does not use."""
    try:
        frame = orjson.loads(raw)
    except orjson.JSONDecodeError:
        _LOGGER.debug("Ignoring a frame that is not JSON (%d characters)", len(raw))
        return None
    if not isinstance(frame, dict):
        return None
    msg_type = frame.get("msgType")
    body = frame.get("ctiMessage")
    if msg_type == "CallHistory":
        # The one reply whose ctiMessage is an array.
        return CallHistory(records=_records(body))
    parser = _PARSERS.get(msg_type) if isinstance(msg_type, str) else None
    if parser is None:
        _LOGGER.debug("Ignoring message type %.40r", msg_type)
        return None
    try:
        return parser(_dict(body))
    except (TypeError, ValueError, AttributeError, KeyError, RecursionError):
        # The coercions above should make this unreachable; a frame never ends the link.
        _LOGGER.debug("Ignoring a malformed %s", msg_type, exc_info=True)
        return None
