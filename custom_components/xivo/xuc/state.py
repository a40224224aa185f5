"""The state of one line, kept from the messages the server pushes."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Final

from .models import (
    Call,
    CallEvent,
    CallEventType,
    CallState,
    Forward,
    ForwardType,
    LineConfig,
    PhoneEvent,
    PhoneStatus,
    UserConfig,
    UserConfigUpdate,
    VoicemailStatus,
)


class UpdateKind(StrEnum):
    """What part of the line state changed; listeners subscribe to the parts they show."""

    CONNECTION = "connection"
    PHONE_STATUS = "phone_status"
    USER_CONFIG = "user_config"
    CALLS = "calls"
    VOICEMAIL = "voicemail"
    HINT = "hint"
    LINE_CONFIG = "line_config"


_CALL_STATE_BY_EVENT: Final[dict[CallEventType, CallState]] = {
    CallEventType.DIALING: CallState.DIALING,
    CallEventType.RINGING: CallState.RINGING,
    CallEventType.ESTABLISHED: CallState.ESTABLISHED,
    CallEventType.ON_HOLD: CallState.ON_HOLD,
}
_EVENT_BY_CALL_STATE: Final[dict[CallState, CallEventType]] = {
    state: event for event, state in _CALL_STATE_BY_EVENT.items()
}
# The call the line "is on" when it has several: one that rings wants attention first.
_CALL_PRIORITY: Final[tuple[CallState, ...]] = (
    CallState.RINGING,
    CallState.DIALING,
    CallState.ESTABLISHED,
    CallState.ON_HOLD,
)


@dataclass(slots=True)
class LineState:
    """Everything the client knows about the line; the client mutates it, callers read it."""

    phone_status: PhoneStatus | None = None
    user: UserConfig | None = None
    calls: dict[str, Call] = field(default_factory=dict)
    voicemail: VoicemailStatus = field(default_factory=VoicemailStatus)
    hints: dict[str, PhoneStatus | None] = field(default_factory=dict)
    line: LineConfig | None = None

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

    def apply_user_config(self, update: UserConfigUpdate) -> None:
        """Merge a `UserConfigUpdate` with the XiVO assistant's partial-update rules."""
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

    def apply_phone_event(self, event: PhoneEvent) -> CallEvent:
        """Track a call through its events; tell whether a release was a missed call."""
        previous = self._find_call(event)
        if event.event_type in (CallEventType.RELEASED, CallEventType.FAILURE):
            if previous is None:
                return CallEvent(event)
            del self.calls[previous.linked_id]
            missed = (
                event.event_type is CallEventType.RELEASED
                and previous.rang
                and not previous.answered
            )
            return CallEvent(event, missed=missed)
        state = _CALL_STATE_BY_EVENT[event.event_type]
        if previous is None:
            call = Call(
                linked_id=event.linked_id or event.unique_id,
                unique_id=event.unique_id,
                state=state,
                dn=event.dn,
                other_dn=event.other_dn,
                other_dname=event.other_dname,
                call_direction=event.call_direction,
                queue_name=event.queue_name,
                username=event.username,
                user_data=event.user_data,
                rang=state is CallState.RINGING,
                answered=state is CallState.ESTABLISHED,
            )
        else:
            # Empty fields in a later event mean "unchanged" (the XiVO assistant keeps them).
            call = Call(
                linked_id=previous.linked_id,
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
                answered=previous.answered or state is CallState.ESTABLISHED,
            )
        self.calls[call.linked_id] = call
        return CallEvent(event)

    def reconcile_calls(self, events: tuple[PhoneEvent, ...]) -> list[CallEvent]:
        """Adopt the server's list of current calls after a reconnect.

        A call whose state did not change yields no event, so nothing fires twice; a call that
        ended while the link was down yields a synthetic release (and a missed call if it only
        rang), so automations waiting for the end of a call are not left hanging.
        """
        changes: list[CallEvent] = []
        seen: set[str] = set()
        for event in events:
            previous = self._find_call(event)
            seen.add(previous.linked_id if previous else event.linked_id or event.unique_id)
            change = self.apply_phone_event(event)
            if previous is None or previous.state is not _CALL_STATE_BY_EVENT.get(event.event_type):
                changes.append(replace(change, synthetic=True))
        for call in [call for call in self.calls.values() if call.linked_id not in seen]:
            released = _event_from_call(call, CallEventType.RELEASED)
            changes.append(replace(self.apply_phone_event(released), synthetic=True))
        return changes

    def call_events(self) -> list[PhoneEvent]:
        """The current calls as phone events in their current state."""
        return [
            _event_from_call(call, _EVENT_BY_CALL_STATE[call.state]) for call in self.calls.values()
        ]


def _event_from_call(call: Call, event_type: CallEventType) -> PhoneEvent:
    return PhoneEvent(
        event_type=event_type,
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
