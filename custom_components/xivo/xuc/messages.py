"""Parse inbound XUC frames into typed models, once, at the edge.

The server is trusted for nothing: a field of the wrong type becomes its empty value, an unknown
`msgType` or field is ignored, and a frame that is not a JSON object yields `None`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
import json
import logging
import re
from types import MappingProxyType
from typing import Any, Final

import orjson

from .coercion import boolean as _bool, integer as _int, mapping as _dict, text as _text
from .contact_centre_messages import CONTACT_CENTRE_PARSERS
from .models import (
    CALL_EVENT_TYPES_BY_WIRE,
    EMPTY_USER_DATA,
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
    Message,
    PhoneEvent,
    PhoneStatus,
    PhoneStatusUpdate,
    ServerError,
    UserConfigUpdate,
    VoicemailStatus,
)

_LOGGER = logging.getLogger(__name__)

# Half a surrogate pair, which no text can show, encode or store; and its JSON escape.
_LONE_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE_ESCAPE_BYTES: Final = re.compile(rb"\\u[dD][89a-fA-F]")
# The integers orjson reads (and writes back out, into Home Assistant's states).
_INT_RANGE: Final = range(-(2**63), 2**64)


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value)


def _count(value: object) -> int:
    number = _int(value)
    return number if number is not None and number > 0 else 0


def _optional_bool(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return None


def _records(value: object) -> tuple[Mapping[str, object], ...]:
    if not isinstance(value, list):
        return ()
    return tuple(MappingProxyType(item) for item in value if isinstance(item, dict))


def _user_data(value: object) -> Mapping[str, str]:
    if not isinstance(value, dict) or not value:
        return EMPTY_USER_DATA
    # The usual case, on the hot path: JSON keys are strings, and these values are too. The
    # dict is fresh from the decoder, so a read-only view of it needs no copy.
    for item in value.values():
        if type(item) is not str:
            break
    else:
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


# What a model's field is called on the wire and how its value is coerced: one table per shape,
# in the order of the model's fields.
type _Spec = tuple[tuple[str, str, Callable[[object], Any]], ...]


def _fields(data: Mapping[str, Any], spec: _Spec) -> list[Any]:
    """The model's field values, in the table's order (positional: the hot path)."""
    get = data.get
    # A text field that is text already, the usual case, is taken without a call.
    return [
        value if type(value := get(key)) is str and coerce is _text else coerce(value)
        for _, key, coerce in spec
    ]


def _named(data: Mapping[str, Any], spec: _Spec) -> dict[str, Any]:
    """The model's field values by name, for models built with more than the table."""
    return {name: coerce(data.get(key)) for name, key, coerce in spec}


_PHONE_EVENT: Final[_Spec] = (
    ("dn", "DN", _text),
    ("other_dn", "otherDN", _text),
    ("other_dname", "otherDName", _text),
    ("linked_id", "linkedId", _text),
    ("unique_id", "uniqueId", _text),
    ("queue_name", "queueName", _text),
    ("call_direction", "callDirection", _text),
    ("username", "username", _text),
    ("user_data", "userData", _user_data),
)
_USER_CONFIG: Final[_Spec] = (
    ("full_name", "fullName", _optional_text),
    ("dnd", "dndEnabled", _optional_bool),
    ("user_id", "userId", _int),
    ("first_name", "firstName", _text),
    ("last_name", "lastName", _text),
    ("mobile_number", "mobileNumber", _text),
    ("voicemail_id", "voiceMailId", _int),
    ("voicemail_enabled", "voiceMailEnabled", _bool),
    ("agent_id", "agentId", _int),
)
_VOICEMAIL: Final[_Spec] = (
    ("new", "newMessages", _count),
    ("waiting", "waitingMessages", _count),
    ("old", "oldMessages", _count),
    ("voicemail_id", "voiceMailId", _int),
)
_LINE_CONFIG: Final[_Spec] = (
    ("id", "id", _text),
    ("name", "name", _text),
    ("number", "number", _text),
    ("context", "context", _text),
    ("vendor", "vendor", _text),
    ("has_device", "hasDevice", _bool),
    ("web_rtc", "webRtc", _bool),
)
_CONFERENCE: Final[_Spec] = (
    ("event_type", "eventType", _text),
    ("unique_id", "uniqueId", _text),
    ("conference_name", "conferenceName", _text),
    ("conference_number", "conferenceNumber", _text),
    ("since", "since", _int),
)
_CONFERENCE_KEYS: Final = frozenset(key for _, key, _ in _CONFERENCE)


def parse_phone_event(data: Mapping[str, Any]) -> PhoneEvent | None:
    """Parse the `ctiMessage` of a `PhoneEvent` (also the items of `CurrentCallsPhoneEvents`)."""
    wire_type = data.get("eventType")
    event_type = CALL_EVENT_TYPES_BY_WIRE.get(wire_type) if isinstance(wire_type, str) else None
    if event_type is None:
        return None
    return PhoneEvent(event_type, *_fields(data, _PHONE_EVENT))


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
    return UserConfigUpdate(forwards=forwards, **_named(data, _USER_CONFIG))


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


def _duration(value: object) -> int | None:
    """Seconds, from `HH:MM:SS` (XUC's way) or a number."""
    if isinstance(value, str) and ":" in value:
        parts = [_int(part) for part in value.strip().split(":")]
        if len(parts) > 3 or any(part is None or part < 0 for part in parts):
            return None
        seconds = 0
        for part in parts:
            seconds = seconds * 60 + (part or 0)
        return seconds
    number = _int(value)
    return number if number is None or number >= 0 else None


def _start(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def _joined(*parts: object) -> str:
    return " ".join(text for part in parts if (text := _text(part).strip()))


def _history_record(record: Mapping[str, object]) -> HistoryRecord:
    status = _text(record.get("status")).lower()
    # `emitted` is the user's own outgoing call: the other party is the destination.
    side = "dst" if status == "emitted" else "src"
    return HistoryRecord(
        start=_start(record.get("start")),
        duration=_duration(record.get("duration")),
        status=status,
        direction="outgoing" if status == "emitted" else "incoming",
        number=_text(record.get(f"{side}Num")),
        name=_joined(record.get(f"{side}FirstName"), record.get(f"{side}LastName")),
        fields=record,
    )


# Directory columns are configured per XiVO server (and often in French): matched by name.
_NAME_COLUMNS: Final = frozenset({"name", "nom complet", "display name", "fullname", "full name"})
_FIRST_NAME_COLUMNS: Final = frozenset({"firstname", "first name", "prénom", "prenom"})
_LAST_NAME_COLUMNS: Final = frozenset({"lastname", "last name", "nom"})
_NUMBER_COLUMNS: Final = frozenset(
    {"number", "numéro", "numero", "phone", "téléphone", "telephone", "internal", "interne"}
)
_MOBILE_COLUMNS: Final = frozenset({"mobile", "portable", "mobile phone", "cell"})
_EMAIL_COLUMNS: Final = frozenset({"email", "e-mail", "mail", "courriel"})
_FAVORITE_COLUMNS: Final = frozenset({"favorite", "favourite", "favoris", "favori"})


def _column(contact: Mapping[str, object], names: frozenset[str]) -> object:
    for header, value in contact.items():
        if header.strip().lower() in names:
            return value
    return None


def _contact(item: Mapping[str, object], headers: tuple[str, ...]) -> Contact:
    values = item.get("entry")
    fields: dict[str, object] = dict(
        zip(headers, values if isinstance(values, list) else (), strict=False)
    )
    name = _text(_column(fields, _NAME_COLUMNS)).strip() or _joined(
        _column(fields, _FIRST_NAME_COLUMNS), _column(fields, _LAST_NAME_COLUMNS)
    )
    favorite = item.get("favorite")
    if not isinstance(favorite, bool):
        favorite = _bool(_column(fields, _FAVORITE_COLUMNS))
    return Contact(
        name=name,
        number=_text(_column(fields, _NUMBER_COLUMNS)).strip(),
        mobile=_text(_column(fields, _MOBILE_COLUMNS)).strip(),
        email=_text(_column(fields, _EMAIL_COLUMNS)).strip(),
        status=PhoneStatus.from_wire(item.get("status")),
        favorite=favorite,
        fields=MappingProxyType(fields),
    )


def _directory(data: dict[str, Any]) -> DirectoryResult:
    raw_headers = data.get("headers")
    headers = tuple(map(_text, raw_headers)) if isinstance(raw_headers, list) else ()
    entries = data.get("entries")
    return DirectoryResult(
        headers=headers,
        contacts=tuple(
            _contact(item, headers)
            for item in (entries if isinstance(entries, list) else ())
            if isinstance(item, dict)
        ),
    )


def _conference(data: dict[str, Any]) -> ConferenceEvent:
    return ConferenceEvent(
        kind="conference",
        participants=_records(data.get("participants")),
        **_named(data, _CONFERENCE),
    )


def _participant(data: dict[str, Any]) -> ConferenceEvent:
    return ConferenceEvent(
        kind="participant",
        participant=MappingProxyType(
            {key: value for key, value in data.items() if key not in _CONFERENCE_KEYS}
        ),
        **_named(data, _CONFERENCE),
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
    "VoiceMailStatusUpdate": lambda data: VoicemailStatus(*_fields(data, _VOICEMAIL)),
    "PhoneHintStatusEvent": _hint,
    "LineConfig": lambda data: LineConfig(*_fields(data, _LINE_CONFIG)),
    "DirectoryResult": _directory,
    "ConferenceEvent": _conference,
    "ConferenceParticipantEvent": _participant,
}


def _showable(value: Any) -> Any:
    """The parsed JSON, each lone surrogate replaced by U+FFFD.

    Otherwise as orjson would have read it: an integer beyond 64 bits becomes a float, which
    Home Assistant can write out again.
    """
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, int) and value not in _INT_RANGE:
        return float(value)
    if isinstance(value, dict):
        return {_showable(key): _showable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_showable(item) for item in value]
    return value


def _loads_refused(raw: str | bytes) -> Any:
    r"""A frame orjson refused: `None` unless it is JSON holding a lone UTF-16 surrogate escape.

    XUC (Jackson) writes `"\ud83c"` for a name cut inside an emoji: valid JSON, which orjson
    refuses and the standard parser reads. Only such rare frames take this slower path.
    """
    escaped = (
        _SURROGATE_ESCAPE_BYTES.search(raw)
        if isinstance(raw, bytes)
        else _SURROGATE_ESCAPE.search(raw)
    )
    if escaped is not None:
        try:
            return _showable(json.loads(raw))
        except (ValueError, RecursionError, OverflowError):
            pass
    _LOGGER.debug("Ignoring a frame that is not JSON (%d characters)", len(raw))
    return None


def parse_message(raw: str | bytes) -> Message | None:
    """Parse one inbound text frame; `None` for anything this client does not use."""
    try:
        frame = orjson.loads(raw)
    except orjson.JSONDecodeError:
        frame = _loads_refused(raw)
    if not isinstance(frame, dict):
        return None
    msg_type = frame.get("msgType")
    body = frame.get("ctiMessage")
    if msg_type == "CallHistory":
        # The one reply whose ctiMessage is an array.
        return CallHistory(records=tuple(map(_history_record, _records(body))))
    parser = _PARSERS.get(msg_type) if isinstance(msg_type, str) else None
    try:
        if parser is not None:
            return parser(_dict(body))
        # Agents, queues, statuses: several are arrays, so their parsers take the body as is.
        contact_centre = CONTACT_CENTRE_PARSERS.get(msg_type) if isinstance(msg_type, str) else None
        if contact_centre is None:
            _LOGGER.debug("Ignoring message type %.40r", msg_type)
            return None
        return contact_centre(body)
    except (TypeError, ValueError, AttributeError, KeyError, RecursionError):
        # The coercions above should make this unreachable; a frame never ends the link.
        _LOGGER.debug("Ignoring a malformed %s", msg_type, exc_info=True)
        return None
