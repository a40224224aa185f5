"""The calls of a line as the voice tools see them: which one a tool acts on, how it is told.

Calls come from the call state sensor and the call history action, as plain mappings; the
tools read them defensively, since an attribute is whatever the sensor last wrote.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from homeassistant.util import dt as dt_util
from homeassistant.util.json import JsonObjectType


def first_in(calls: Sequence[Mapping[str, Any]], *states: str) -> Mapping[str, Any] | None:
    """The oldest call in the first of `states` that any call is in."""
    for state in states:
        for call in calls:
            if call.get("state") == state:
                return call
    return None


def last_in(calls: Sequence[Mapping[str, Any]], *states: str) -> Mapping[str, Any] | None:
    """The newest call in the first of `states` that any call is in."""
    return first_in(list(reversed(calls)), *states)


def target_of(call: Mapping[str, Any]) -> dict[str, Any]:
    """The action data that aims at `call`; without a unique id, the line's current call."""
    unique_id = call.get("unique_id")
    return {"unique_id": unique_id} if isinstance(unique_id, str) and unique_id else {}


def caller(call: Mapping[str, Any]) -> str:
    """Who is on the other end, as a sentence says it."""
    name, number = call.get("other_name"), call.get("other_number")
    if name and number:
        return f"{name} ({number})"
    return str(name or number or "an unknown caller")


def call_json(call: Mapping[str, Any], now: datetime | None = None) -> JsonObjectType:
    """A current call as the tools give it: who, state, direction, and for how long."""
    data: JsonObjectType = {
        "name": call.get("other_name"),
        "number": call.get("other_number"),
        "state": call.get("state"),
        "direction": call.get("direction"),
    }
    if call.get("queue"):
        data["queue"] = call.get("queue")
    if now is not None:
        since = call.get("answered_at") or call.get("started_at")
        data["duration_seconds"] = _seconds_since(since, now)
    return data


def history_json(record: Mapping[str, Any]) -> JsonObjectType:
    """A history record as the tools give it."""
    duration = record.get("duration")
    data: JsonObjectType = {
        key: record.get(key) for key in ("name", "number", "start", "direction", "status")
    }
    data["duration_seconds"] = duration if isinstance(duration, int) else None
    return data


def started(record: Mapping[str, Any]) -> datetime | None:
    """When a history record began, when it says so readably."""
    start = record.get("start")
    return dt_util.parse_datetime(start) if isinstance(start, str) else None


def _seconds_since(value: Any, now: datetime) -> int | None:
    moment = dt_util.parse_datetime(value) if isinstance(value, str) else None
    return max(0, int((now - moment).total_seconds())) if moment else None
