"""The shapes in which calls, history and contacts leave the integration.

Events, the `calls` attribute, the actions' responses, the card and the voice tools all use
these, so that a call looks the same wherever it appears (DESIGN: "Calls as data").
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, tzinfo
from typing import Any, NotRequired, TypedDict

from homeassistant.util import dt as dt_util

from .const import EVENT_TYPE_MISSED
from .xuc import Call, CallEvent, Contact, HistoryRecord, PhoneEvent


def event_types(change: CallEvent) -> tuple[str, ...]:
    """What a call event is to automations: its type, then `missed` after an unanswered ring."""
    if change.missed:
        return (change.event.event_type.value, EVENT_TYPE_MISSED)
    return (change.event.event_type.value,)


def phone_event_data(change: CallEvent) -> dict[str, Any]:
    """The call fields of the bus event and the event entity, with the directory's name."""
    event: PhoneEvent = change.event
    call = change.call
    name = call.other_name if call is not None else None
    return {
        "dn": event.dn,
        "other_dn": event.other_dn or (call.other_dn if call else ""),
        "other_dname": name or event.other_dname,
        "linked_id": event.linked_id,
        "unique_id": event.unique_id,
        "queue_name": event.queue_name,
        "call_direction": event.call_direction,
        "user_data": dict(event.user_data),
        "username": event.username,
    }


def call_direction(call: Call) -> str | None:
    """`incoming`, `outgoing`, or `None` when neither XUC nor the call's course tells."""
    direction = call.call_direction.lower()
    if "incoming" in direction:
        return "incoming"
    if "outgoing" in direction:
        return "outgoing"
    return "incoming" if call.rang else None


def _iso(timestamp: float | None) -> str | None:
    return None if timestamp is None else datetime.fromtimestamp(timestamp, UTC).isoformat()


class CallItem(TypedDict):
    """One call of the line, as in the `calls` attribute and `xivo.get_current_calls`."""

    unique_id: str
    linked_id: str
    state: str
    direction: str | None
    other_number: str | None
    other_name: str | None
    name_source: str | None
    queue: str | None
    started_at: str | None
    answered_at: str | None


class HistoryItem(TypedDict):
    """One call of the history, as `xivo.get_call_history` returns it."""

    start: str | None
    duration: int | None
    direction: str
    status: str
    number: str | None
    name: str | None


class ContactItem(TypedDict):
    """One directory entry, as `xivo.search_contacts` returns it."""

    name: str | None
    number: str | None
    mobile: str | None
    email: str | None
    status: str | None
    favorite: bool


class ToolCall(TypedDict):
    """A current call as the voice tools tell it: who, state, direction, for how long."""

    name: str | None
    number: str | None
    state: str | None
    direction: str | None
    queue: NotRequired[str]
    duration_seconds: NotRequired[int | None]


class ToolHistoryCall(TypedDict):
    """A call of the history as the voice tools tell it."""

    name: str | None
    number: str | None
    start: str | None
    direction: str | None
    status: str | None
    duration_seconds: int | None


def call_item(call: Call) -> CallItem:
    """One call of the line, as in the `calls` attribute and `xivo.get_current_calls`."""
    source = call.name_source
    return {
        "unique_id": call.unique_id,
        "linked_id": call.linked_id,
        "state": call.state.value,
        "direction": call_direction(call),
        "other_number": call.other_dn or None,
        "other_name": call.other_name,
        "name_source": None if source is None else source.value,
        "queue": call.queue_name or None,
        "started_at": _iso(call.started_at),
        "answered_at": _iso(call.answered_at),
    }


def history_item(record: HistoryRecord, time_zone: tzinfo) -> HistoryItem:
    """One call of the history.

    XUC writes times in the server's local time, taken here to be Home Assistant's time zone.
    """
    start = record.start
    if start is not None and start.tzinfo is None:
        start = start.replace(tzinfo=time_zone)
    return {
        "start": None if start is None else start.isoformat(),
        "duration": record.duration,
        "direction": record.direction,
        "status": record.status,
        "number": record.number or None,
        "name": record.name or None,
    }


def contact_item(contact: Contact) -> ContactItem:
    """One directory entry."""
    return {
        "name": contact.name or None,
        "number": contact.number or None,
        "mobile": contact.mobile or None,
        "email": contact.email or None,
        "status": None if contact.status is None else contact.status.value,
        "favorite": contact.favorite,
    }


# The voice tools read calls back from the call state sensor's attribute and the actions'
# responses: whatever was last written there, so each field is read defensively.


def caller(call: Mapping[str, Any]) -> str:
    """Who is on the other end of a `CallItem`, as a sentence says it."""
    name, number = call.get("other_name"), call.get("other_number")
    if name and number:
        return f"{name} ({number})"
    return str(name or number or "an unknown caller")


def call_json(call: Mapping[str, Any], now: datetime | None = None) -> ToolCall:
    """A `CallItem` as the tools give it; with `now`, for how long it has lasted."""
    data = ToolCall(
        name=call.get("other_name"),
        number=call.get("other_number"),
        state=call.get("state"),
        direction=call.get("direction"),
    )
    if queue := call.get("queue"):
        data["queue"] = queue
    if now is not None:
        since = call.get("answered_at") or call.get("started_at")
        data["duration_seconds"] = _seconds_since(since, now)
    return data


def history_json(record: Mapping[str, Any]) -> ToolHistoryCall:
    """A `HistoryItem` as the tools give it."""
    duration = record.get("duration")
    return ToolHistoryCall(
        name=record.get("name"),
        number=record.get("number"),
        start=record.get("start"),
        direction=record.get("direction"),
        status=record.get("status"),
        duration_seconds=duration if isinstance(duration, int) else None,
    )


def _seconds_since(value: Any, now: datetime) -> int | None:
    moment = dt_util.parse_datetime(value) if isinstance(value, str) else None
    return max(0, int((now - moment).total_seconds())) if moment else None
