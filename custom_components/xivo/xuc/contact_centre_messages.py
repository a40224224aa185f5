"""Parse the contact-centre frames (agents, queues, statuses) into typed models, once.

Each parser takes the frame's `ctiMessage` as decoded, of any JSON type: several of these
messages are arrays, and what the protocol document marks as inferred ([R]) is read tolerantly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from .coercion import boolean, integer, mapping, moment, number, objects, text
from .contact_centre import (
    LONGEST_WAIT_TIME,
    AgentConfig,
    AgentError,
    AgentList,
    AgentStateEvent,
    AgentStateName,
    ContactCentreMessage,
    Counter,
    QueueCall,
    QueueCalls,
    QueueConfig,
    QueueList,
    QueueMember,
    QueueMemberList,
    QueueStatistics,
    UsersStatuses,
    UserStatus,
    UserStatusUpdate,
)

# The documentation's spelling of a counter that clients read as `LongestWaitTime`.
_COUNTER_ALIASES: Final = {"LongestWaitingTime": LONGEST_WAIT_TIME.value}


def _phone_number(value: object) -> str | None:
    # XucAgent maps a missing number, "" and the string "null" alike to "no line".
    number_text = text(value).strip()
    return None if number_text in ("", "null") else number_text


def _ids(value: object) -> tuple[int, ...]:
    if not isinstance(value, list):
        return ()
    ids = (integer(item) for item in value)
    return tuple(item for item in ids if item is not None)


def agent_state_event(data: object, now: datetime | None = None) -> AgentStateEvent | None:
    """An `AgentStateEvent`; its start moment is `now` (the time of receipt) minus `since`."""
    body = mapping(data)
    if not body:
        return None
    wire_name = text(body.get("name"))
    name = AgentStateName.from_wire(wire_name)
    seconds = number(body.get("since"))
    since = None
    if seconds is not None and seconds >= 0 and name is not AgentStateName.LOGGED_OUT:
        since = (now or datetime.now(UTC)) - timedelta(seconds=seconds)
    return AgentStateEvent(
        agent_id=integer(body.get("agentId")),
        name=name,
        wire_name=wire_name,
        phone_number=_phone_number(body.get("phoneNb")),
        since=since,
        queues=_ids(body.get("queues")),
        cause=text(body.get("cause")).strip() or None,
        acd=boolean(body.get("acd")),
        direction=text(body.get("direction")),
        monitor_state=text(body.get("monitorState")),
    )


def _agent_error(data: object) -> AgentError:
    body = mapping(data)
    return AgentError(
        error=text(body.get("Error")) or text(body.get("error")) or "AgentError",
        phone_number=_phone_number(body.get("phoneNb")),
        requested_number=_phone_number(body.get("RequestedNb")),
    )


def _agent(body: Mapping[str, Any]) -> AgentConfig | None:
    agent_id = integer(body.get("id"))
    if agent_id is None:
        return None
    return AgentConfig(
        id=agent_id,
        user_id=integer(body.get("userId")),
        first_name=text(body.get("firstName")),
        last_name=text(body.get("lastName")),
        number=text(body.get("number")),
    )


def _queue(body: Mapping[str, Any]) -> QueueConfig | None:
    queue_id = integer(body.get("id"))
    if queue_id is None:
        return None
    # Other fields (context, ...) are not used: left out.
    return QueueConfig(
        id=queue_id,
        name=text(body.get("name")),
        number=text(body.get("number")),
        display_name=text(body.get("displayName")),
    )


def _member(body: Mapping[str, Any]) -> QueueMember | None:
    queue_id = integer(body.get("queueId"))
    agent_id = integer(body.get("agentId"))
    if queue_id is None or agent_id is None:
        return None
    penalty = integer(body.get("penalty"))
    return QueueMember(queue_id, agent_id, 0 if penalty is None else penalty)


def _each[T](parse: Callable[[Mapping[str, Any]], T | None], data: object) -> tuple[T, ...]:
    parsed = (parse(item) for item in objects(data))
    return tuple(item for item in parsed if item is not None)


def _one[T](parse: Callable[[Mapping[str, Any]], T | None], data: object) -> T | None:
    return parse(data) if isinstance(data, dict) else None


def _counters(value: object) -> tuple[tuple[str, Counter], ...]:
    counters: list[tuple[str, Counter]] = []
    if isinstance(value, dict):
        # Not seen, cheap to accept: {"WaitingCalls": 2, ...}.
        pairs: Any = value.items()
    elif isinstance(value, list):
        pairs = (
            (item.get("statName"), item.get("value")) for item in value if isinstance(item, dict)
        )
    else:
        return ()
    for name, raw in pairs:
        if type(name) is not str or not name:
            continue
        if (parsed := number(raw)) is not None:
            counters.append((_COUNTER_ALIASES.get(name, name), parsed))
    return tuple(counters)


def _queue_statistics(data: object) -> QueueStatistics | None:
    body = mapping(data)
    queue_id = integer(body.get("queueId"))
    queue_ref = text(body.get("queueRef"))
    if queue_id is None and not queue_ref:
        return None
    return QueueStatistics(queue_id, queue_ref, _counters(body.get("counters")))


def _queue_call(body: Mapping[str, Any]) -> QueueCall:
    return QueueCall(
        position=integer(body.get("position")),
        name=text(body.get("name")),
        number=text(body.get("number")),
        queue_time=moment(body.get("queueTime")),
    )


def _queue_calls(data: object) -> QueueCalls | None:
    if isinstance(data, list):
        # A bare list, without the queue it belongs to (the wrapper is not documented).
        return QueueCalls(None, "", _each(_queue_call, data))
    body = mapping(data)
    queue_id = integer(body.get("queueId"))
    queue_ref = text(body.get("queueRef")) or text(body.get("queueName"))
    if queue_id is None and not queue_ref:
        return None
    calls = body.get("calls")
    if calls is None:
        calls = body.get("queueCalls")
    return QueueCalls(queue_id, queue_ref, _each(_queue_call, calls))


def _action(value: object) -> str:
    return text(value.get("name")) if isinstance(value, dict) else text(value)


def _status(body: Mapping[str, Any]) -> UserStatus | None:
    name = text(body.get("name"))
    if not name:
        return None
    actions = body.get("actions")
    return UserStatus(
        name=name,
        long_name=text(body.get("longName")),
        color=text(body.get("color")),
        actions=tuple(
            action
            for action in map(_action, actions if isinstance(actions, list) else ())
            if action
        ),
    )


def _user_status(data: object) -> UserStatusUpdate | None:
    status = mapping(data).get("status")
    return None if status is None else UserStatusUpdate(text(status))


CONTACT_CENTRE_PARSERS: Final[dict[str, Callable[[object], ContactCentreMessage | None]]] = {
    "QueueStatistics": _queue_statistics,
    "AgentStateEvent": agent_state_event,
    "QueueCalls": _queue_calls,
    "QueueMember": lambda data: _one(_member, data),
    "QueueConfig": lambda data: _one(_queue, data),
    "AgentConfig": lambda data: _one(_agent, data),
    "QueueList": lambda data: QueueList(_each(_queue, data)),
    "QueueMemberList": lambda data: QueueMemberList(_each(_member, data)),
    "AgentList": lambda data: AgentList(_each(_agent, data)),
    "AgentError": _agent_error,
    "UsersStatuses": lambda data: UsersStatuses(_each(_status, data)),
    # Its replacement from XiVO 2023.10; the payload is not known, the same shape is assumed.
    "CtiStatuses": lambda data: UsersStatuses(_each(_status, data)),
    "UserStatusUpdate": _user_status,
}
"""Parsers by `msgType`, each given the frame's `ctiMessage` as decoded."""
