"""The shapes in which calls, history and contacts leave the integration.

Events, the `calls` attribute, the actions' responses, the card and the voice tools all use
these, so that a call looks the same wherever it appears (DESIGN: "Calls as data").
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from typing import Any

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


def call_item(call: Call) -> dict[str, Any]:
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


def history_item(record: HistoryRecord, time_zone: tzinfo) -> dict[str, Any]:
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


def contact_item(contact: Contact) -> dict[str, Any]:
    """One directory entry."""
    return {
        "name": contact.name or None,
        "number": contact.number or None,
        "mobile": contact.mobile or None,
        "email": contact.email or None,
        "status": None if contact.status is None else contact.status.value,
        "favorite": contact.favorite,
    }
