"""The state of one line, kept from the messages the server pushes."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
import time
from typing import Final

from .changes import CHANGED, NO_CHANGE, StateChange, UpdateKind
from .contact_centre import ContactCentreMessage
from .contact_centre_state import ContactCentreState
from .models import (
    Call,
    CallEvent,
    CallEventType,
    CallState,
    CurrentCalls,
    Forward,
    ForwardType,
    HintStatus,
    LineConfig,
    PhoneEvent,
    PhoneStatus,
    PhoneStatusUpdate,
    UserConfig,
    UserConfigUpdate,
    VoicemailStatus,
)

# What a change is lives in `changes`; it is still imported from here.
__all__ = ["NO_CHANGE", "LineState", "StateChange", "StateMessage", "UpdateKind"]


# The events that leave a call in a state of the same name (all but its end).
_CALL_STATE_BY_EVENT: Final[dict[CallEventType, CallState]] = {
    event_type: CallState(event_type.value)
    for event_type in CallEventType
    if event_type.value in CallState
}
# The call the line "is on" when it has several: one that rings wants attention first.
_CALL_PRIORITY: Final[tuple[CallState, ...]] = (
    CallState.RINGING,
    CallState.DIALING,
    CallState.ESTABLISHED,
    CallState.ON_HOLD,
)


type StateMessage = (
    UserConfigUpdate
    | PhoneStatusUpdate
    | PhoneEvent
    | CurrentCalls
    | VoicemailStatus
    | HintStatus
    | LineConfig
    | ContactCentreMessage
)
"""The messages that change the line state."""


# How many released legs are remembered, to drop their late events (a busy XUC reorders).
_RELEASED_KEPT: Final = 64


@dataclass(slots=True)
class LineState:
    """Everything known about the line, changed only through `apply`; callers read it."""

    phone_status: PhoneStatus | None = None
    user: UserConfig | None = None
    calls: dict[str, Call] = field(default_factory=dict)
    voicemail: VoicemailStatus = field(default_factory=VoicemailStatus)
    hints: dict[str, PhoneStatus | None] = field(default_factory=dict)
    line: LineConfig | None = None
    contact_centre: ContactCentreState = field(default_factory=ContactCentreState)
    """The user's agent, the queues and the statuses (XiVO CC)."""
    _hint_changes: dict[str, StateChange] = field(default_factory=dict, repr=False, compare=False)
    # The uniqueIds of the legs released lately, oldest first (a dict as an ordered set).
    _released: dict[str, None] = field(default_factory=dict, repr=False, compare=False)

    @property
    def dnd(self) -> bool | None:
        """Do-not-disturb, once the server has told."""
        return None if self.user is None else self.user.dnd

    def forward(self, forward: ForwardType) -> Forward | None:
        """A forward's state, once the server has told."""
        return None if self.user is None else self.user.forwards[forward]

    @property
    def current_call(self) -> Call | None:
        """The call the line is on, by priority ringing > dialing > established > on hold."""
        for wanted in _CALL_PRIORITY:
            for call in reversed(self.calls.values()):
                if call.state is wanted:
                    return call
        return None

    @property
    def call_state(self) -> CallState:
        """The line's call state."""
        call = self.current_call
        return CallState.IDLE if call is None else call.state

    def apply(self, message: StateMessage) -> StateChange:
        """Take in one message from the server; say what it changed."""
        match message:
            case PhoneEvent():
                if (call_event := self._apply_phone_event(message)) is None:
                    return NO_CHANGE
                return StateChange(UpdateKind.CALLS, None, (call_event,))
            case HintStatus():
                number = message.number
                if self.hints.get(number, False) is message.status:
                    return NO_CHANGE
                self.hints[number] = message.status
                # One change object per number: hints are the most frequent message.
                if (change := self._hint_changes.get(number)) is None:
                    change = self._hint_changes[number] = StateChange(UpdateKind.HINT, number)
                return change
            case PhoneStatusUpdate():
                if message.status is self.phone_status:
                    return NO_CHANGE
                self.phone_status = message.status
                return CHANGED[UpdateKind.PHONE_STATUS]
            case UserConfigUpdate():
                self._apply_user_config(message)
                return CHANGED[UpdateKind.USER_CONFIG]
            case VoicemailStatus():
                self.voicemail = message
                return CHANGED[UpdateKind.VOICEMAIL]
            case LineConfig():
                self.line = message
                return CHANGED[UpdateKind.LINE_CONFIG]
            case CurrentCalls(events=events):
                changes = self._reconcile_calls(events)
                return StateChange(UpdateKind.CALLS, calls=changes) if changes else NO_CHANGE
            case _:
                return self.contact_centre.apply(message)

    def set_directory_name(self, number: str, name: str) -> StateChange:
        """Name the other party of the calls with this number that have no name yet."""
        named = [
            call._replace(directory_name=name)
            for call in self.calls.values()
            if call.other_dn == number and call.needs_name
        ]
        for call in named:
            self.calls[call.linked_id] = call
        return CHANGED[UpdateKind.CALLS] if named else NO_CHANGE

    def _apply_user_config(self, update: UserConfigUpdate) -> None:
        """Merge a `UserConfigUpdate` with the XiVO assistant's partial-update rules."""
        if update.is_snapshot:
            # Only a snapshot names the agent: a partial update sends every other key as null.
            self.contact_centre.set_agent_id(update.agent_id)
        if update.is_snapshot or self.user is None:
            forwards = dict.fromkeys(ForwardType, Forward())
            forwards.update(update.forwards)
            self.user = UserConfig(
                user_id=update.user_id,
                full_name=update.full_name or "",
                first_name=update.first_name,
                last_name=update.last_name,
                mobile_number=update.mobile_number,
                voicemail_id=update.voicemail_id,
                voicemail_enabled=update.voicemail_enabled,
                dnd=bool(update.dnd),
                forwards=forwards,
            )
            return
        forwards = {**self.user.forwards, **update.forwards}
        self.user = replace(
            self.user,
            dnd=self.user.dnd if update.dnd is None else update.dnd,
            forwards=forwards,
        )

    def _find_call(self, event: PhoneEvent) -> Call | None:
        if call := self.calls.get(event.linked_id):
            return call
        if event.unique_id:
            for call in self.calls.values():
                if call.unique_id == event.unique_id:
                    return call
        return None

    def _apply_phone_event(self, event: PhoneEvent) -> CallEvent | None:
        """Track a call through its events; tell whether a release was a missed call.

        `None` for a late event of a leg already released: it does not bring the call back.
        A queue ringing the line again for the same call does so on a new leg (a new uniqueId).
        """
        previous = self._find_call(event)
        if event.event_type in (CallEventType.RELEASED, CallEventType.FAILURE):
            if previous is None:
                return CallEvent(event)
            del self.calls[previous.linked_id]
            self._remember_released(previous.unique_id, event.unique_id)
            missed = (
                event.event_type is CallEventType.RELEASED
                and previous.rang
                and not previous.answered
            )
            return CallEvent(event, missed=missed, call=previous)
        if previous is None and event.unique_id in self._released:
            return None
        call = _next_call(previous, event, _CALL_STATE_BY_EVENT[event.event_type])
        self.calls[call.linked_id] = call
        return CallEvent(event, False, False, call)

    def _remember_released(self, *unique_ids: str) -> None:
        for unique_id in unique_ids:
            if unique_id:
                self._released[unique_id] = None
        while len(self._released) > _RELEASED_KEPT:
            del self._released[next(iter(self._released))]

    def _reconcile_calls(self, events: tuple[PhoneEvent, ...]) -> tuple[CallEvent, ...]:
        """Adopt the server's list of current calls after a reconnect.

        A call whose state did not change yields no event, so nothing fires twice; a call that
        ended while the link was down yields a synthetic release (and a missed call if it only
        rang), so automations waiting for the end of a call are not left hanging.
        """
        changes: list[CallEvent] = []
        seen: set[str] = set()
        for event in events:
            # The server's list is the truth, even about a leg it said was released.
            self._released.pop(event.unique_id, None)
            previous = self._find_call(event)
            seen.add(previous.linked_id if previous else event.linked_id or event.unique_id)
            change = self._apply_phone_event(event)
            assert change is not None
            if previous is None or previous.state is not _CALL_STATE_BY_EVENT.get(event.event_type):
                changes.append(replace(change, synthetic=True))
        for call in [call for call in self.calls.values() if call.linked_id not in seen]:
            released = PhoneEvent(
                CallEventType.RELEASED,
                dn=call.dn,
                other_dn=call.other_dn,
                other_dname=call.other_dname,
                linked_id=call.linked_id,
                unique_id=call.unique_id,
                queue_name=call.queue_name,
                call_direction=call.call_direction,
                username=call.username,
                user_data=call.user_data,
            )
            change = self._apply_phone_event(released)
            assert change is not None
            changes.append(replace(change, synthetic=True))
        return tuple(changes)


# What a call is before its first event: every field empty, so `_next_call` has one path.
_NO_CALL: Final = Call(linked_id="", unique_id="", state=CallState.IDLE)


def _next_call(previous: Call | None, event: PhoneEvent, state: CallState) -> Call:
    """The call after `event`, the one place a `Call` is built from events.

    Empty fields of a later event mean "unchanged" (the XiVO assistant keeps them); the first
    ring and answer are remembered.
    """
    if previous is None:
        linked_id = event.linked_id or event.unique_id
        previous = _NO_CALL
        started_at: float | None = time.time()
    else:
        linked_id = previous.linked_id
        started_at = previous.started_at
    established = state is CallState.ESTABLISHED
    answered_at = previous.answered_at
    if established and answered_at is None:
        answered_at = time.time()
    return Call(
        linked_id=linked_id,
        unique_id=event.unique_id or previous.unique_id,
        state=state,
        dn=event.dn or previous.dn,
        other_dn=event.other_dn or previous.other_dn,
        other_dname=event.other_dname or previous.other_dname,
        call_direction=event.call_direction or previous.call_direction,
        queue_name=event.queue_name or previous.queue_name,
        username=event.username or previous.username,
        user_data=event.user_data or previous.user_data,
        rang=previous.rang or state is CallState.RINGING,
        answered=previous.answered or established,
        started_at=started_at,
        answered_at=answered_at,
        # A new number on the same call (a transfer) makes the old directory name wrong.
        directory_name=previous.directory_name
        if not event.other_dn or event.other_dn == previous.other_dn
        else "",
    )
