"""LineState: UserConfigUpdate merging (§4.2), call tracking (§4.4), re-sync; PhoneStatus (§2.4)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from freezegun.api import FrozenDateTimeFactory
import orjson
import pytest

from custom_components.xivo.xuc.messages import parse_message
from custom_components.xivo.xuc.models import (
    Call,
    CallEvent,
    CallEventType,
    CallState,
    CurrentCalls,
    Forward,
    ForwardType,
    PhoneEvent,
    PhoneStatus,
    UserConfig,
    UserConfigUpdate,
)
from custom_components.xivo.xuc.state import NO_CHANGE, LineState, StateChange, UpdateKind

T0 = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
UNC = ForwardType.UNCONDITIONAL
NA = ForwardType.NO_ANSWER
BUSY = ForwardType.BUSY


# -- helpers ---------------------------------------------------------------------------------


def snapshot(**overrides: Any) -> UserConfigUpdate:
    """The protocol's full `UserConfigUpdate` example (§4.2), through the real parser."""
    body: dict[str, Any] = {
        "userId": 7,
        "firstName": "James",
        "lastName": "Bond",
        "fullName": "James Bond",
        "mobileNumber": "0612345678",
        "agentId": 0,
        "lineIds": [3],
        "voiceMailId": 58,
        "voiceMailEnabled": True,
        "dndEnabled": False,
        "naFwdEnabled": False,
        "naFwdDestination": "",
        "uncFwdEnabled": True,
        "uncFwdDestination": "0698765432",
        "busyFwdEnabled": False,
        "busyFwdDestination": "",
    }
    body.update(overrides)
    return _user_config(body)


def partial(**fields: Any) -> UserConfigUpdate:
    """A partial update as the assistant sees it: unchanged fields are null."""
    body: dict[str, Any] = {
        "userId": 7,
        "fullName": None,
        "firstName": None,
        "lastName": None,
        "mobileNumber": None,
        "dndEnabled": None,
        "naFwdEnabled": None,
        "naFwdDestination": None,
        "uncFwdEnabled": None,
        "uncFwdDestination": None,
        "busyFwdEnabled": None,
        "busyFwdDestination": None,
    }
    body.update(fields)
    return _user_config(body)


def _user_config(body: dict[str, Any]) -> UserConfigUpdate:
    message = parse_message(orjson.dumps({"msgType": "UserConfigUpdate", "ctiMessage": body}))
    assert isinstance(message, UserConfigUpdate)
    return message


def ev(
    event_type: CallEventType,
    linked_id: str = "L1",
    unique_id: str = "U1",
    **fields: Any,
) -> PhoneEvent:
    return PhoneEvent(event_type=event_type, linked_id=linked_id, unique_id=unique_id, **fields)


D = CallEventType.DIALING
R = CallEventType.RINGING
E = CallEventType.ESTABLISHED
H = CallEventType.ON_HOLD
X = CallEventType.RELEASED
F = CallEventType.FAILURE


def line_with(*events: PhoneEvent) -> LineState:
    line = LineState()
    for event in events:
        line.apply(event)
    return line


def call_event(line: LineState, event: PhoneEvent) -> CallEvent:
    """What the line made of one phone event."""
    change = line.apply(event)
    assert change.kind is UpdateKind.CALLS
    (result,) = change.calls
    return result


def reconcile(line: LineState, events: tuple[PhoneEvent, ...]) -> list[CallEvent]:
    return list(line.apply(CurrentCalls(events)).calls)


# -- PhoneStatus.from_wire (§2.4) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "number", "expected"),
    [
        ("AVAILABLE", 0, PhoneStatus.AVAILABLE),
        ("CALLING", 1, PhoneStatus.CALLING),
        ("BUSY", 2, PhoneStatus.BUSY),
        ("INDISPONIBLE", 4, PhoneStatus.UNREACHABLE),
        ("RINGING", 8, PhoneStatus.RINGING),
        ("BUSY_AND_RINGING", 9, PhoneStatus.BUSY_AND_RINGING),
        ("ONHOLD", 16, PhoneStatus.ON_HOLD),
        ("DEACTIVATED", -1, PhoneStatus.DEACTIVATED),
        ("UNEXISTING", -2, PhoneStatus.UNEXISTING),
        ("ERROR", -99, PhoneStatus.ERROR),
    ],
)
def test_phone_status_every_name_and_number(name: str, number: int, expected: PhoneStatus) -> None:
    assert PhoneStatus.from_wire(name) is expected
    assert PhoneStatus.from_wire(number) is expected
    assert PhoneStatus.from_wire(str(number)) is expected
    assert PhoneStatus.from_wire(name.lower()) is expected
    assert PhoneStatus.from_wire(f" {name} ") is expected


def test_phone_status_values_seen_by_users() -> None:
    assert PhoneStatus.from_wire("INDISPONIBLE") == "unreachable"
    assert PhoneStatus.from_wire(16) == "on_hold"
    assert PhoneStatus.from_wire("9") == "busy_and_ringing"


@pytest.mark.parametrize(
    "value",
    [
        "SOMETHING",
        "",
        " ",
        "3",
        3,
        17,
        -3,
        "+8",
        8.0,
        None,
        [8],
        {"status": 8},
        True,
        False,
        "--1",
        "²",
    ],
)
def test_phone_status_unknown_is_none(value: object) -> None:
    assert PhoneStatus.from_wire(value) is None


# -- UserConfigUpdate merging (§4.2) ---------------------------------------------------------


def test_nothing_known_before_any_update() -> None:
    line = LineState()
    assert line.user is None
    assert line.dnd is None
    assert line.forward(UNC) is None
    assert line.phone_status is None
    assert line.line is None
    assert line.calls == {}
    assert line.hints == {}
    assert line.call_state is CallState.IDLE
    assert line.current_call is None


def test_full_snapshot() -> None:
    line = LineState()
    line.apply(snapshot())
    assert line.user == UserConfig(
        user_id=7,
        full_name="James Bond",
        first_name="James",
        last_name="Bond",
        mobile_number="0612345678",
        voicemail_id=58,
        voicemail_enabled=True,
        dnd=False,
        forwards={
            UNC: Forward(enabled=True, destination="0698765432"),
            NA: Forward(enabled=False, destination=""),
            BUSY: Forward(enabled=False, destination=""),
        },
    )
    assert line.dnd is False
    assert line.forward(UNC) == Forward(True, "0698765432")
    assert line.forward(NA) == Forward(False, "")
    assert line.forward(BUSY) == Forward(False, "")


def test_partial_dnd_only() -> None:
    line = LineState()
    line.apply(snapshot())
    before = line.user
    assert before is not None
    line.apply(partial(dndEnabled=True))
    assert line.dnd is True
    assert line.user == replace(before, dnd=True)
    line.apply(partial(dndEnabled=False))
    assert line.dnd is False


def test_partial_ignores_identity_fields() -> None:
    """fullName null: only dnd and the forwards with a destination are taken."""
    line = LineState()
    line.apply(snapshot())
    line.apply(
        partial(
            userId=99,
            firstName="Other",
            mobileNumber="0700000000",
            voiceMailId=1,
            voiceMailEnabled=False,
            dndEnabled=False,
        )
    )
    assert line.user is not None
    assert line.user.user_id == 7
    assert line.user.full_name == "James Bond"
    assert line.user.first_name == "James"
    assert line.user.mobile_number == "0612345678"
    assert line.user.voicemail_id == 58
    assert line.user.voicemail_enabled is True


def test_partial_null_dnd_keeps_previous() -> None:
    line = LineState()
    line.apply(snapshot(dndEnabled=True))
    line.apply(partial(busyFwdEnabled=True, busyFwdDestination="1234"))
    assert line.dnd is True
    assert line.forward(BUSY) == Forward(True, "1234")


def test_partial_forward_taken_only_with_a_destination() -> None:
    line = LineState()
    line.apply(snapshot())
    # An enabled flag with a null destination is not part of the update.
    line.apply(partial(dndEnabled=False, naFwdEnabled=True, uncFwdEnabled=False))
    assert line.forward(NA) == Forward(False, "")
    assert line.forward(UNC) == Forward(True, "0698765432")
    line.apply(partial(dndEnabled=False, naFwdEnabled=True, naFwdDestination="1002"))
    assert line.forward(NA) == Forward(True, "1002")
    assert line.forward(UNC) == Forward(True, "0698765432")
    assert line.forward(BUSY) == Forward(False, "")


def test_partial_disable_forward_keeps_destination() -> None:
    line = LineState()
    line.apply(snapshot())
    line.apply(partial(dndEnabled=False, uncFwdEnabled=False, uncFwdDestination="0698765432"))
    assert line.forward(UNC) == Forward(enabled=False, destination="0698765432")
    assert line.forward(NA) == Forward(False, "")


def test_partial_empty_destination_is_taken() -> None:
    line = LineState()
    line.apply(snapshot())
    line.apply(partial(dndEnabled=False, uncFwdEnabled=False, uncFwdDestination=""))
    assert line.forward(UNC) == Forward(False, "")


def test_partial_update_before_any_snapshot() -> None:
    line = LineState()
    line.apply(partial(dndEnabled=True, naFwdEnabled=True, naFwdDestination="1002"))
    assert line.user is not None
    assert line.dnd is True
    assert line.forward(NA) == Forward(True, "1002")
    assert line.forward(UNC) == Forward()
    assert line.forward(BUSY) == Forward()
    assert line.user.full_name == ""
    # A later partial merges into it; a later snapshot replaces it.
    line.apply(partial(dndEnabled=False))
    assert line.dnd is False
    assert line.forward(NA) == Forward(True, "1002")
    line.apply(snapshot())
    assert line.user.full_name == "James Bond"
    assert line.forward(NA) == Forward(False, "")
    assert line.forward(UNC) == Forward(True, "0698765432")


def test_snapshot_replaces_everything() -> None:
    line = LineState()
    line.apply(snapshot())
    line.apply(partial(dndEnabled=True, busyFwdEnabled=True, busyFwdDestination="9"))
    line.apply(
        snapshot(
            fullName="Jim Bond",
            firstName="Jim",
            dndEnabled=False,
            uncFwdEnabled=False,
            uncFwdDestination="",
        )
    )
    assert line.user is not None
    assert line.user.full_name == "Jim Bond"
    assert line.user.first_name == "Jim"
    assert line.dnd is False
    assert line.forward(UNC) == Forward(False, "")
    assert line.forward(BUSY) == Forward(False, "")


def test_snapshot_with_null_forward_destination_resets_it() -> None:
    line = LineState()
    line.apply(snapshot(busyFwdEnabled=True, busyFwdDestination="1234"))
    assert line.forward(BUSY) == Forward(True, "1234")
    line.apply(snapshot(busyFwdEnabled=None, busyFwdDestination=None))
    assert line.forward(BUSY) == Forward(False, "")


# -- call tracking (§4.4) --------------------------------------------------------------------


def test_incoming_call_tracked_by_linked_id(freezer: FrozenDateTimeFactory) -> None:
    freezer.move_to(T0)
    line = LineState()
    ringing = ev(
        R,
        dn="1000",
        other_dn="0427466347",
        other_dname="Jimi",
        queue_name="bluesky",
        call_direction="Incoming",
        username="jbond",
        user_data={"USR_var1": "val1"},
    )
    result = call_event(line, ringing)
    assert result == CallEvent(event=ringing, missed=False, synthetic=False)
    assert result.event is ringing
    assert list(line.calls) == ["L1"]
    assert line.calls["L1"] == Call(
        linked_id="L1",
        unique_id="U1",
        state=CallState.RINGING,
        dn="1000",
        other_dn="0427466347",
        other_dname="Jimi",
        call_direction="Incoming",
        queue_name="bluesky",
        username="jbond",
        user_data={"USR_var1": "val1"},
        rang=True,
        answered=False,
        started_at=T0.timestamp(),
        answered_at=None,
    )
    assert result.call == line.calls["L1"]
    assert line.call_state is CallState.RINGING
    assert line.current_call == line.calls["L1"]


def test_what_listeners_get_cannot_change_the_line_state() -> None:
    """The event, its call and the hint a listener is handed are the line state's own objects:
    changing one in place would change what the line shows, so none can be."""
    line = LineState()
    change = call_event(line, ev(CallEventType.RINGING, other_dn="0467123456"))
    assert change.call is line.calls["L1"]
    hint = parse_message(
        b'{"msgType":"PhoneHintStatusEvent","ctiMessage":{"number":"1001","status":0}}'
    )
    assert hint is not None
    for record, field in ((change.call, "state"), (change.event, "other_dn"), (hint, "status")):
        with pytest.raises(AttributeError):
            setattr(record, field, None)
    with pytest.raises(AttributeError):
        change.missed = True  # type: ignore[misc]
    assert line.calls["L1"].state is CallState.RINGING
    assert line.calls["L1"].other_dn == "0467123456"


def test_call_without_linked_id_is_keyed_by_unique_id() -> None:
    line = line_with(ev(D, linked_id="", unique_id="U9", other_dn="1002"))
    assert list(line.calls) == ["U9"]
    assert line.calls["U9"].linked_id == "U9"
    call_event(line, ev(E, linked_id="", unique_id="U9"))
    assert line.calls["U9"].state is CallState.ESTABLISHED
    assert line.calls["U9"].other_dn == "1002"


def test_empty_fields_keep_previous_values(freezer: FrozenDateTimeFactory) -> None:
    freezer.move_to(T0)
    line = LineState()
    call_event(
        line,
        ev(
            R,
            dn="1000",
            other_dn="0427466347",
            other_dname="Jimi",
            queue_name="bluesky",
            call_direction="Incoming",
            username="jbond",
            user_data={"USR_var1": "val1"},
        ),
    )
    freezer.tick(7)
    call_event(line, ev(E, unique_id=""))
    assert line.calls["L1"] == Call(
        linked_id="L1",
        unique_id="U1",
        state=CallState.ESTABLISHED,
        dn="1000",
        other_dn="0427466347",
        other_dname="Jimi",
        call_direction="Incoming",
        queue_name="bluesky",
        username="jbond",
        user_data={"USR_var1": "val1"},
        rang=True,
        answered=True,
        started_at=T0.timestamp(),
        answered_at=T0.timestamp() + 7,
    )


def test_non_empty_fields_replace_previous_values() -> None:
    line = line_with(ev(D, other_dn="1002", other_dname=""))
    call_event(
        line, ev(E, unique_id="U2", other_dn="1003", other_dname="Carol", user_data={"USR_x": "y"})
    )
    call = line.calls["L1"]
    assert call.unique_id == "U2"
    assert call.other_dn == "1003"
    assert call.other_dname == "Carol"
    assert call.user_data == {"USR_x": "y"}


def test_missed_call_rang_and_never_established() -> None:
    line = line_with(ev(R, other_dn="0427466347"))
    released = ev(X)
    result = call_event(line, released)
    assert result == CallEvent(event=released, missed=True, synthetic=False)
    assert line.calls == {}
    assert line.call_state is CallState.IDLE
    assert line.current_call is None


def test_answered_incoming_call_is_not_missed() -> None:
    line = line_with(ev(R), ev(E))
    assert line.calls["L1"].rang is True
    assert line.calls["L1"].answered is True
    assert call_event(line, ev(X)).missed is False
    assert line.calls == {}


def test_answered_then_held_call_is_not_missed() -> None:
    line = line_with(ev(R), ev(E), ev(H))
    assert line.call_state is CallState.ON_HOLD
    assert call_event(line, ev(X)).missed is False


def test_outgoing_call_released_is_not_missed() -> None:
    line = line_with(ev(D, other_dn="1002"))
    assert line.call_state is CallState.DIALING
    assert line.calls["L1"].rang is False
    assert call_event(line, ev(X)) == CallEvent(event=ev(X), missed=False)
    assert line.calls == {}


def test_outgoing_call_established_then_released_is_not_missed() -> None:
    line = line_with(ev(D), ev(E))
    assert call_event(line, ev(X)).missed is False


def test_release_found_by_unique_id_when_linked_id_differs() -> None:
    line = line_with(ev(R, linked_id="L1", unique_id="U1"))
    released = ev(X, linked_id="L-other", unique_id="U1")
    result = call_event(line, released)
    assert result == CallEvent(event=released, missed=True)
    assert line.calls == {}


def test_release_by_linked_id_with_other_unique_id() -> None:
    line = line_with(ev(R, linked_id="L1", unique_id="U1"), ev(E, linked_id="L1"))
    assert call_event(line, ev(X, linked_id="L1", unique_id="U-other")).missed is False
    assert line.calls == {}


def test_release_of_unknown_call() -> None:
    line = line_with(ev(E, linked_id="L1", unique_id="U1"))
    released = ev(X, linked_id="L2", unique_id="U2")
    assert call_event(line, released) == CallEvent(event=released, missed=False)
    assert list(line.calls) == ["L1"]


def test_release_with_empty_ids_does_not_remove_other_calls() -> None:
    line = line_with(ev(E, linked_id="L1", unique_id="U1"))
    assert call_event(line, ev(X, linked_id="", unique_id="")).missed is False
    assert list(line.calls) == ["L1"]


@pytest.mark.parametrize("first", [R, D, E])
def test_failure_removes_the_call_and_is_not_missed(first: CallEventType) -> None:
    line = line_with(ev(first))
    failure = ev(F)
    assert call_event(line, failure) == CallEvent(event=failure, missed=False)
    assert line.calls == {}
    assert line.call_state is CallState.IDLE


def test_failure_of_unknown_call() -> None:
    line = LineState()
    assert call_event(line, ev(F)) == CallEvent(event=ev(F), missed=False)
    assert line.calls == {}


@pytest.mark.parametrize("late", [E, R, H, D])
def test_a_late_event_of_a_released_call_does_not_bring_it_back(late: CallEventType) -> None:
    """Events out of order behind a busy XUC: the release came first."""
    line = line_with(ev(R), ev(E))
    call_event(line, ev(X))
    assert line.apply(ev(late)) is NO_CHANGE
    assert line.calls == {}
    assert line.call_state is CallState.IDLE


def test_a_queue_ringing_the_same_call_again_is_a_new_leg() -> None:
    """A queue presents an unanswered call again: same linkedId, a new uniqueId."""
    line = line_with(ev(R, unique_id="U1"))
    assert call_event(line, ev(X, unique_id="U1")).missed
    call_event(line, ev(R, unique_id="U2"))
    assert line.call_state is CallState.RINGING


def test_the_server_list_may_bring_a_released_leg_back() -> None:
    """After a reconnect the current calls are the truth, even about a leg said released."""
    line = line_with(ev(R), ev(E), ev(X))
    changes = reconcile(line, (ev(E),))
    assert [change.event.event_type for change in changes] == [E]
    assert line.call_state is CallState.ESTABLISHED


def test_released_legs_are_remembered_boundedly() -> None:
    line = LineState()
    for index in range(200):
        line.apply(ev(R, linked_id=f"L{index}", unique_id=f"U{index}"))
        line.apply(ev(X, linked_id=f"L{index}", unique_id=f"U{index}"))
    assert line.apply(ev(E, linked_id="L199", unique_id="U199")) is NO_CHANGE
    # The oldest are forgotten: memory stays bounded on a line that runs for months.
    assert call_event(line, ev(E, linked_id="L0", unique_id="U0")).call is not None
    assert len(line._released) <= 64


def test_hold_and_resume() -> None:
    line = line_with(ev(D), ev(E))
    call_event(line, ev(H))
    assert line.call_state is CallState.ON_HOLD
    call_event(line, ev(E))
    assert line.call_state is CallState.ESTABLISHED


def test_non_release_events_are_never_missed_nor_synthetic() -> None:
    line = LineState()
    for event_type in (R, E, H, E):
        result = call_event(line, ev(event_type))
        assert result.missed is False
        assert result.synthetic is False


def test_two_calls_are_tracked_separately() -> None:
    line = line_with(
        ev(E, linked_id="L1", unique_id="U1", other_dn="1002"),
        ev(R, linked_id="L2", unique_id="U2", other_dn="1003"),
    )
    assert list(line.calls) == ["L1", "L2"]
    call_event(line, ev(X, linked_id="L2", unique_id="U2"))
    assert list(line.calls) == ["L1"]
    assert line.calls["L1"].other_dn == "1002"


# -- call_state priority and current_call ----------------------------------------------------

_EVENT = {
    CallState.RINGING: R,
    CallState.DIALING: D,
    CallState.ESTABLISHED: E,
    CallState.ON_HOLD: H,
}


@pytest.mark.parametrize(
    ("states", "expected"),
    [
        ((), CallState.IDLE),
        ((R,), CallState.RINGING),
        ((D,), CallState.DIALING),
        ((E,), CallState.ESTABLISHED),
        ((H,), CallState.ON_HOLD),
        ((E, R), CallState.RINGING),
        ((R, E), CallState.RINGING),
        ((H, D), CallState.DIALING),
        ((D, R), CallState.RINGING),
        ((E, D), CallState.DIALING),
        ((D, E), CallState.DIALING),
        ((H, E), CallState.ESTABLISHED),
        ((E, H), CallState.ESTABLISHED),
        ((H, E, D, R), CallState.RINGING),
        ((H, H), CallState.ON_HOLD),
    ],
)
def test_call_state_priority(states: tuple[CallEventType, ...], expected: CallState) -> None:
    line = line_with(
        *(ev(state, linked_id=f"L{i}", unique_id=f"U{i}") for i, state in enumerate(states))
    )
    assert line.call_state is expected
    current = line.current_call
    if expected is CallState.IDLE:
        assert current is None
    else:
        assert current is not None
        assert current.state is expected
        # Among calls of the winning state, the newest one.
        newest = max(i for i, state in enumerate(states) if state is _EVENT[expected])
        assert current.linked_id == f"L{newest}"


def test_current_call_follows_releases() -> None:
    line = line_with(
        ev(H, linked_id="L1", unique_id="U1", other_dn="1002"),
        ev(R, linked_id="L2", unique_id="U2", other_dn="1003"),
    )
    assert line.current_call is not None
    assert line.current_call.other_dn == "1003"
    call_event(line, ev(X, linked_id="L2", unique_id="U2"))
    assert line.current_call is not None
    assert line.current_call.other_dn == "1002"
    assert line.call_state is CallState.ON_HOLD
    call_event(line, ev(X, linked_id="L1", unique_id="U1"))
    assert line.current_call is None
    assert line.call_state is CallState.IDLE


# -- reconcile_calls (re-sync after a reconnect) ---------------------------------------------


def test_reconcile_unchanged_call_gives_no_event() -> None:
    line = line_with(ev(E, other_dn="1002"))
    before = dict(line.calls)
    assert reconcile(line, (ev(E, other_dn="1002"),)) == []
    assert line.calls == before


def test_reconcile_changed_state_gives_one_synthetic_event() -> None:
    line = line_with(ev(R, other_dn="0427466347"))
    established = ev(E)
    changes = reconcile(line, (established,))
    assert changes == [CallEvent(event=established, missed=False, synthetic=True)]
    assert changes[0].event is established
    assert line.calls["L1"].state is CallState.ESTABLISHED
    assert line.calls["L1"].other_dn == "0427466347"
    assert line.calls["L1"].answered is True


def test_reconcile_new_call_gives_one_synthetic_event() -> None:
    line = LineState()
    ringing = ev(R, linked_id="L7", unique_id="U7", other_dn="1003")
    assert reconcile(line, (ringing,)) == [CallEvent(event=ringing, synthetic=True)]
    assert list(line.calls) == ["L7"]
    assert line.call_state is CallState.RINGING


def test_reconcile_vanished_ringing_call_is_a_missed_synthetic_release() -> None:
    line = line_with(
        ev(
            R,
            dn="1000",
            other_dn="0427466347",
            other_dname="Jimi",
            queue_name="bluesky",
            call_direction="Incoming",
            user_data={"USR_a": "b"},
        )
    )
    changes = reconcile(line, ())
    assert changes == [
        CallEvent(
            event=PhoneEvent(
                event_type=CallEventType.RELEASED,
                dn="1000",
                other_dn="0427466347",
                other_dname="Jimi",
                linked_id="L1",
                unique_id="U1",
                queue_name="bluesky",
                call_direction="Incoming",
                user_data={"USR_a": "b"},
            ),
            missed=True,
            synthetic=True,
        )
    ]
    assert line.calls == {}
    assert line.call_state is CallState.IDLE


@pytest.mark.parametrize("history", [(R, E), (D,), (D, E, H)])
def test_reconcile_vanished_answered_or_outgoing_call_is_not_missed(
    history: tuple[CallEventType, ...],
) -> None:
    line = line_with(*(ev(event_type) for event_type in history))
    changes = reconcile(line, ())
    assert len(changes) == 1
    assert changes[0].event.event_type is CallEventType.RELEASED
    assert changes[0].event.linked_id == "L1"
    assert changes[0].missed is False
    assert changes[0].synthetic is True
    assert line.calls == {}


def test_reconcile_mixed() -> None:
    line = line_with(
        ev(E, linked_id="L1", unique_id="U1"),  # still there, unchanged
        ev(R, linked_id="L2", unique_id="U2"),  # gone while the link was down
        ev(E, linked_id="L3", unique_id="U3"),  # now on hold
    )
    held = ev(H, linked_id="L3", unique_id="U3")
    new = ev(D, linked_id="L4", unique_id="U4", other_dn="1005")
    changes = reconcile(line, (ev(E, linked_id="L1", unique_id="U1"), held, new))
    assert changes == [
        CallEvent(event=held, synthetic=True),
        CallEvent(event=new, synthetic=True),
        CallEvent(
            event=PhoneEvent(event_type=CallEventType.RELEASED, linked_id="L2", unique_id="U2"),
            missed=True,
            synthetic=True,
        ),
    ]
    assert list(line.calls) == ["L1", "L3", "L4"]
    assert line.calls["L3"].state is CallState.ON_HOLD
    assert line.call_state is CallState.DIALING


def test_reconcile_matches_a_call_by_unique_id() -> None:
    line = line_with(ev(E, linked_id="L1", unique_id="U1"))
    assert reconcile(line, (ev(E, linked_id="L-new", unique_id="U1"),)) == []
    assert list(line.calls) == ["L1"]


def test_reconcile_twice_is_quiet() -> None:
    line = line_with(ev(R))
    events = (ev(E),)
    assert len(reconcile(line, events)) == 1
    assert reconcile(line, events) == []


def test_reconcile_nothing_with_nothing() -> None:
    assert LineState().apply(CurrentCalls(())) == StateChange()
