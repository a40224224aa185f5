"""Contact-centre frames parsed once, at the edge (protocol XUC_CONTACT_CENTRE.md §1, §3-§5).

Every variant the document marks as inferred ([R]) is here: `queueRef` for `queueId`, numeric
strings, `phoneNb` "null", unknown state names, the `QueueCalls` wrapper or a bare list.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import orjson
import pytest

from custom_components.xivo.xuc.contact_centre import (
    AgentConfig,
    AgentError,
    AgentList,
    AgentStateEvent,
    AgentStateName,
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
from custom_components.xivo.xuc.contact_centre_messages import (
    CONTACT_CENTRE_PARSERS,
    agent_state_event,
)
from custom_components.xivo.xuc.messages import parse_message
from custom_components.xivo.xuc.state import LineState


def parse(msg_type: str, body: Any) -> Any:
    """Parse the frame as it comes off the wire."""
    return parse_message(orjson.dumps({"msgType": msg_type, "ctiMessage": body}))


NOW = datetime(2026, 12, 6, 9, 0, 0, tzinfo=UTC)


# -- AgentStateEvent ------------------------------------------------------------------------


def test_agent_state_event_assembled_example() -> None:
    """The document's assembled example, every field read."""
    raw = (
        '{"msgType":"AgentStateEvent","ctiMessage":{"name":"AgentOnPause","agentId":12,'
        '"phoneNb":"1001","since":42,"queues":[3,7],"cause":"lunch","acd":false,'
        '"direction":"Incoming","monitorState":"ACTIVE"}}'
    )
    before = datetime.now(UTC)
    event = parse_message(raw)
    after = datetime.now(UTC)
    assert isinstance(event, AgentStateEvent)
    assert event.since is not None
    # The start moment is computed at receipt: now - 42 s.
    assert before - timedelta(seconds=42) <= event.since <= after - timedelta(seconds=42)
    assert event._replace(since=None) == AgentStateEvent(
        agent_id=12,
        name=AgentStateName.PAUSED,
        wire_name="AgentOnPause",
        phone_number="1001",
        since=None,
        queues=(3, 7),
        cause="lunch",
        acd=False,
        direction="Incoming",
        monitor_state="ACTIVE",
    )


@pytest.mark.parametrize(
    ("wire", "expected"),
    [
        ("AgentLoggedOut", AgentStateName.LOGGED_OUT),
        ("AgentLogin", AgentStateName.READY),
        ("AgentReady", AgentStateName.READY),
        ("AgentOnPause", AgentStateName.PAUSED),
        ("AgentRinging", AgentStateName.RINGING),
        ("AgentDialing", AgentStateName.DIALING),
        ("AgentOnCall", AgentStateName.ON_CALL),
        ("AgentOnAcdCall", AgentStateName.ON_CALL),
        ("AgentOnIncomingCall", AgentStateName.ON_CALL),
        ("AgentOnOutgoingCall", AgentStateName.ON_CALL),
        ("AgentOnWrapup", AgentStateName.WRAP_UP),
        ("AgentOnSomethingNew", AgentStateName.UNKNOWN),
        ("", AgentStateName.UNKNOWN),
        (7, AgentStateName.UNKNOWN),
        (None, AgentStateName.UNKNOWN),
    ],
)
def test_agent_state_names(wire: Any, expected: AgentStateName) -> None:
    event = parse("AgentStateEvent", {"name": wire, "agentId": 12})
    assert event.name is expected
    # An unknown name is kept as sent, for diagnostics.
    assert event.wire_name == (wire if isinstance(wire, str) else ("7" if wire == 7 else ""))


@pytest.mark.parametrize(
    ("phone_number", "expected"),
    [("1001", "1001"), (1001, "1001"), ("null", None), ("", None), (None, None), ([], None)],
)
def test_agent_phone_number_null_and_empty_mean_none(phone_number: Any, expected: Any) -> None:
    event = parse("AgentStateEvent", {"name": "AgentReady", "agentId": 12, "phoneNb": phone_number})
    assert event.phone_number == expected
    missing = parse("AgentStateEvent", {"name": "AgentReady", "agentId": 12})
    assert missing.phone_number is None


@pytest.mark.parametrize(
    ("since", "expected"),
    [
        (42, NOW - timedelta(seconds=42)),
        (1.5, NOW - timedelta(seconds=1.5)),
        ("42", NOW - timedelta(seconds=42)),
        (0, NOW),
        (-3, None),
        ("soon", None),
        (None, None),
        (True, None),
    ],
)
def test_agent_since_is_a_moment(since: Any, expected: datetime | None) -> None:
    event = agent_state_event({"name": "AgentReady", "agentId": 12, "since": since}, NOW)
    assert event is not None
    assert event.since == expected


def test_agent_since_is_ignored_when_logged_out() -> None:
    event = agent_state_event({"name": "AgentLoggedOut", "agentId": 12, "since": 3600}, NOW)
    assert event is not None
    assert event.since is None


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"agentId": "12"}, {"agent_id": 12}),
        ({"agentId": None}, {"agent_id": None}),
        ({"agentId": "x"}, {"agent_id": None}),
        ({"queues": ["3", 7, "x", None, 1.5]}, {"queues": (3, 7)}),
        ({"queues": "3"}, {"queues": ()}),
        ({"cause": ""}, {"cause": None}),
        ({"cause": "  "}, {"cause": None}),
        ({"acd": "true"}, {"acd": True}),
        ({"acd": 1}, {"acd": False}),
        ({"direction": None, "monitorState": 3}, {"direction": "", "monitor_state": "3"}),
    ],
)
def test_agent_state_event_wrong_types(body: dict[str, Any], expected: dict[str, Any]) -> None:
    event = parse("AgentStateEvent", {"name": "AgentReady", "agentId": 12} | body)
    assert {name: getattr(event, name) for name in expected} == expected


@pytest.mark.parametrize("body", [None, [], "AgentReady", {}])
def test_agent_state_event_without_a_body_is_ignored(body: Any) -> None:
    assert parse("AgentStateEvent", body) is None


# -- AgentError -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"Error": "PhoneNumberUnknown"}, AgentError("PhoneNumberUnknown")),
        (
            {"Error": "LoggedInOnAnotherPhone", "phoneNb": "1002", "RequestedNb": "1001"},
            AgentError("LoggedInOnAnotherPhone", "1002", "1001"),
        ),
        ({"error": "Lowercase"}, AgentError("Lowercase")),
        ({}, AgentError("AgentError")),
        (None, AgentError("AgentError")),
    ],
)
def test_agent_error(body: Any, expected: AgentError) -> None:
    assert parse("AgentError", body) == expected


# -- agents ---------------------------------------------------------------------------------


def test_agent_list_and_config() -> None:
    body = [
        {"id": 1, "userId": 7, "firstName": "James", "lastName": "Bond", "number": "8000"},
        {"id": "2", "number": 8001, "groupId": 1},
        {"number": "no id"},
        "junk",
    ]
    assert parse("AgentList", body) == AgentList(
        (AgentConfig(1, 7, "James", "Bond", "8000"), AgentConfig(2, None, "", "", "8001"))
    )
    assert parse("AgentConfig", body[0]) == AgentConfig(1, 7, "James", "Bond", "8000")
    assert parse("AgentConfig", [body[0]]) is None
    assert parse("AgentList", None) == AgentList(())


# -- queues ---------------------------------------------------------------------------------


def test_queue_list_and_config_extras_ignored() -> None:
    body = [
        {"id": 1, "name": "sales", "number": "3000", "displayName": "Sales", "context": "x"},
        {"id": "2", "name": "support", "number": 3001},
        {"name": "no id"},
    ]
    assert parse("QueueList", body) == QueueList(
        (QueueConfig(1, "sales", "3000", "Sales"), QueueConfig(2, "support", "3001", ""))
    )
    assert parse("QueueConfig", body[1]) == QueueConfig(2, "support", "3001", "")
    # A single object where a list was expected is taken as a list of one.
    assert parse("QueueList", body[0]) == QueueList((QueueConfig(1, "sales", "3000", "Sales"),))
    assert parse("QueueConfig", {"name": "no id"}) is None


def test_queue_label() -> None:
    assert QueueConfig(1, "sales", "3000", "Sales").label == "Sales"
    assert QueueConfig(1, "sales", "3000").label == "sales"
    assert QueueConfig(1, "", "3000").label == "3000"
    assert QueueConfig(1).label == "1"


def test_queue_members_and_removal() -> None:
    body = [
        {"queueId": 1, "agentId": 1, "penalty": 0},
        {"queueId": "2", "agentId": "1", "penalty": "3"},
        {"queueId": 1, "agentId": 2},
        {"queueId": 1},
    ]
    assert parse("QueueMemberList", body) == QueueMemberList(
        (QueueMember(1, 1, 0), QueueMember(2, 1, 3), QueueMember(1, 2, 0))
    )
    removed = parse("QueueMember", {"queueId": 1, "agentId": 1, "penalty": -1})
    assert removed == QueueMember(1, 1, -1)
    assert removed.removed
    assert not QueueMember(1, 1, 0).removed


def test_queue_statistics_documented_example() -> None:
    raw = (
        '{"msgType":"QueueStatistics","ctiMessage":{"queueId":11,"counters":['
        '{"statName":"AvailableAgents","value":0},{"statName":"LoggedAgents","value":0},'
        '{"statName":"TalkingAgents","value":0},{"statName":"EWT","value":0}]}}'
    )
    assert parse_message(raw) == QueueStatistics(
        11,
        "",
        (("AvailableAgents", 0), ("LoggedAgents", 0), ("TalkingAgents", 0), ("EWT", 0)),
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3, 3),
        (87.5, 87.5),
        ("3", 3),
        (" 87.5 ", 87.5),
        ("-1", -1),
        ("1e2", 100.0),
        ("nan", None),
        ("inf", None),
        ("many", None),
        (True, None),
        (None, None),
        ([1], None),
    ],
)
def test_queue_statistics_values_numbers_or_numeric_strings(value: Any, expected: Any) -> None:
    stats = parse(
        "QueueStatistics", {"queueId": 1, "counters": [{"statName": "EWT", "value": value}]}
    )
    assert stats.counters == (() if expected is None else (("EWT", expected),))
    if expected is not None:
        assert type(stats.counters[0][1]) is type(expected)


def test_queue_statistics_by_queue_ref_and_spellings() -> None:
    stats = parse(
        "QueueStatistics",
        {
            "queueRef": "sales",
            "counters": [
                {"statName": "LongestWaitingTime", "value": 12},
                {"statName": "SomethingNew", "value": "4"},
                {"statName": "", "value": 1},
                {"value": 1},
                {"statName": 3, "value": 1},
                "junk",
            ],
        },
    )
    # The docs' spelling is the clients' `LongestWaitTime`; an unknown counter is kept.
    assert stats == QueueStatistics(None, "sales", (("LongestWaitTime", 12), ("SomethingNew", 4)))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"queueId": 1, "counters": {"WaitingCalls": "2"}}, (("WaitingCalls", 2),)),
        ({"queueId": 1, "counters": None}, ()),
        ({"queueId": 1}, ()),
    ],
)
def test_queue_statistics_counter_shapes(body: dict[str, Any], expected: Any) -> None:
    assert parse("QueueStatistics", body).counters == expected


@pytest.mark.parametrize("body", [{"counters": []}, {"queueId": "x"}, None, []])
def test_queue_statistics_without_a_queue_is_ignored(body: Any) -> None:
    assert parse("QueueStatistics", body) is None


def test_queue_calls_wrapper() -> None:
    body = {
        "queueId": 3,
        "calls": [
            {
                "position": 1,
                "name": "John Doe",
                "number": "33356782212",
                "queueTime": "2015-07-16T10:40:16.626+02:00",
            },
            {"position": "2", "number": 33356782213, "queueTime": "yesterday"},
            {"position": 3, "queueTime": 1437036016},
        ],
    }
    assert parse("QueueCalls", body) == QueueCalls(
        3,
        "",
        (
            QueueCall(
                1,
                "John Doe",
                "33356782212",
                datetime(2015, 7, 16, 10, 40, 16, 626000, tzinfo=timezone(timedelta(hours=2))),
            ),
            QueueCall(2, "", "33356782213", None),
            QueueCall(3, "", "", None),
        ),
    )


def test_queue_calls_variants() -> None:
    call = {"position": 1, "number": "0612", "queueTime": "2026-12-06T09:00:00Z"}
    expected = (QueueCall(1, "", "0612", NOW),)
    # A bare list: the client attributes it to the one queue it follows.
    assert parse("QueueCalls", [call]) == QueueCalls(None, "", expected)
    assert parse("QueueCalls", {"queueRef": "sales", "calls": [call]}) == QueueCalls(
        None, "sales", expected
    )
    assert parse("QueueCalls", {"queueName": "sales", "queueCalls": [call]}) == QueueCalls(
        None, "sales", expected
    )
    assert parse("QueueCalls", {"queueId": "3", "calls": []}) == QueueCalls(3, "", ())
    assert parse("QueueCalls", {"queueId": 3}) == QueueCalls(3, "", ())
    assert parse("QueueCalls", {"calls": [call]}) is None
    assert parse("QueueCalls", "junk") is None


def test_queue_time_without_a_zone_is_local_time() -> None:
    calls = parse("QueueCalls", {"queueId": 3, "calls": [{"queueTime": "2026-12-06T10:00:00"}]})
    queue_time = calls.calls[0].queue_time
    assert queue_time.tzinfo is not None
    assert queue_time == datetime(2026, 12, 6, 10, 0, 0).astimezone()


# -- statuses -------------------------------------------------------------------------------


def test_users_statuses() -> None:
    body = [
        {"name": "available", "color": "#08FD20", "longName": "Disponible", "actions": []},
        {
            "name": "lunch",
            "color": "#F7FE2E",
            "longName": "Lunch",
            "actions": [{"name": "queuepause_all", "parameters": ""}],
        },
        {"name": "back", "actions": [{"name": "queueunpause_all"}, "enablednd", {"x": 1}]},
        {"longName": "no name"},
    ]
    statuses = parse("UsersStatuses", body)
    assert statuses == UsersStatuses(
        (
            UserStatus("available", "Disponible", "#08FD20", ()),
            UserStatus("lunch", "Lunch", "#F7FE2E", ("queuepause_all",)),
            UserStatus("back", "", "", ("queueunpause_all", "enablednd")),
        )
    )
    available, lunch, back = statuses.statuses
    assert (available.pauses, lunch.pauses, back.pauses) == (False, True, False)
    assert (available.unpauses, back.unpauses) == (False, True)
    assert (lunch.label, back.label) == ("Lunch", "back")
    # Its successor from XiVO 2023.10 (payload not known) is read the same way.
    assert parse("CtiStatuses", body) == statuses
    assert parse("CtiStatuses", {"unknown": "shape"}) == UsersStatuses(())


def test_user_status_update() -> None:
    assert parse("UserStatusUpdate", {"status": "away"}) == UserStatusUpdate("away")
    assert parse("UserStatusUpdate", {}) is None
    assert parse("UserStatusUpdate", ["away"]) is None


# -- hostile input --------------------------------------------------------------------------

HOSTILE_BODIES: list[Any] = [
    None,
    0,
    -1,
    1.5,
    True,
    "x",
    "",
    [],
    {},
    [None, 1, "x", [], {}],
    [{"id": [], "queueId": {}, "agentId": None, "name": 3, "penalty": "x", "statName": []}],
    {"queueId": [], "queueRef": {}, "counters": [[1], {"statName": {}, "value": {}}]},
    {"queueId": 1, "calls": {"position": 1}, "queueCalls": 3},
    {"name": [], "agentId": 1.5, "since": "1e999", "queues": [[], {}], "cause": {}},
    {"Error": [], "phoneNb": {}, "RequestedNb": 1},
    {"status": [], "actions": [[], None]},
]


@pytest.mark.parametrize("msg_type", sorted(CONTACT_CENTRE_PARSERS))
def test_hostile_bodies_never_raise_nor_change_the_state_badly(msg_type: str) -> None:
    line = LineState()
    for body in HOSTILE_BODIES:
        message = parse(msg_type, body)
        if message is not None:
            line.apply(message)
    # Whatever was taken in is typed as the models say.
    contact_centre = line.contact_centre
    assert all(isinstance(queue_id, int) for queue_id in contact_centre.queues)
    for queue in contact_centre.queue_states.values():
        assert all(
            isinstance(value, int | float) and not isinstance(value, bool)
            for value in queue.counters.values()
        )
