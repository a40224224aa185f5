"""Per-user line state: the calls on one line, the phone status they imply, their PhoneEvents."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from enum import StrEnum
from typing import Any

from .users import SimUser

# Cti.PhoneStatus (protocol §2.4): name -> number.
PHONE_STATUS: dict[str, int] = {
    "AVAILABLE": 0,
    "CALLING": 1,
    "BUSY": 2,
    "INDISPONIBLE": 4,
    "RINGING": 8,
    "BUSY_AND_RINGING": 9,
    "ONHOLD": 16,
    "DEACTIVATED": -1,
    "UNEXISTING": -2,
    "ERROR": -99,
}

INCOMING = "Incoming"
OUTGOING = "Outgoing"

EVENT_RELEASED = "EventReleased"
EVENT_FAILURE = "EventFailure"


class CallState(StrEnum):
    """A live call's state; the value is the PhoneEvent eventType that announces it."""

    DIALING = "EventDialing"
    RINGING = "EventRinging"
    ESTABLISHED = "EventEstablished"
    ON_HOLD = "EventOnHold"


@dataclass(frozen=True)
class LegRef:
    """Where the other leg of a call between two simulated users lives."""

    username: str
    unique_id: str


@dataclass(eq=False)
class Call:
    """One leg of a call, as seen from one line."""

    unique_id: str
    linked_id: str
    direction: str
    other_dn: str
    other_dname: str
    state: CallState
    queue_name: str = ""
    user_data: dict[str, str] = field(default_factory=dict)
    started: datetime = field(default_factory=datetime.now)
    answered_at: datetime | None = None
    peer: LegRef | None = None
    # Set on a ringing leg of a call a user placed (dial, transfer): the simulated callee
    # answers it by itself after the PBX's answer_delay, as a colleague would.
    auto_answer: bool = False


def server_time(moment: datetime, zone: tzinfo | None) -> str:
    """`moment` (this machine's local time when naive) as XUC writes it: the server's wall time."""
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")


def usr_prefixed(variables: dict[str, Any]) -> dict[str, str]:
    """Attached-data keys as the server stores them (protocol §6): prefix USR_ unless present."""
    return {
        (key if key.startswith("USR_") else f"USR_{key}"): str(value)
        for key, value in variables.items()
    }


def _duration(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


class Line:
    """The calls of one user's line; knows nothing about websockets or other lines."""

    def __init__(self, user: SimUser) -> None:
        self.user = user
        self.calls: list[Call] = []
        # Set by an admin-style override (set_phone_status); the next call change recomputes.
        self.forced_status: str | None = None
        # (held call, consultation call) while an attended transfer is in progress.
        self.transfer: tuple[str, str] | None = None
        # uniqueIds of the legs the phone mixes into a three-way conference.
        self.conference: set[str] = set()

    @property
    def dn(self) -> str:
        return self.user.number or ""

    def status(self) -> str:
        """The Cti.PhoneStatus name the calls imply (Asterisk device-state semantics)."""
        if self.forced_status is not None:
            return self.forced_status
        if not self.calls:
            return "AVAILABLE"
        states = [call.state for call in self.calls]
        if CallState.RINGING in states:
            others = [state for state in states if state is not CallState.RINGING]
            return "BUSY_AND_RINGING" if others else "RINGING"
        if all(state is CallState.ON_HOLD for state in states):
            return "ONHOLD"
        # Asterisk reports an up or dialing channel as "in use", which XiVO names CALLING.
        return "CALLING"

    def forget(self, call: Call) -> None:
        """Drop a leg that left the line from the transfer and conference it was part of."""
        if self.transfer is not None and call.unique_id in self.transfer:
            self.transfer = None
        self.conference.discard(call.unique_id)
        if len(self.conference) < 2:  # one leg left is an ordinary call again
            self.conference.clear()

    def busy(self) -> bool:
        """Whether a new call finds the line busy (for a busy forward): any call counts."""
        return bool(self.calls)

    def find(self, unique_id: str | None = None, linked_id: str | None = None) -> Call | None:
        for call in self.calls:
            if unique_id and call.unique_id == unique_id:
                return call
            if linked_id and call.linked_id == linked_id:
                return call
        return None

    def first_in(self, *states: CallState) -> Call | None:
        return next((call for call in self.calls if call.state in states), None)

    def latest_in(self, *states: CallState) -> Call | None:
        return next((call for call in reversed(self.calls) if call.state in states), None)

    def current(self) -> Call | None:
        """The call a command without uniqueId acts on: the talking one first, ringing last."""
        for state in (
            CallState.ESTABLISHED,
            CallState.DIALING,
            CallState.ON_HOLD,
            CallState.RINGING,
        ):
            if (call := self.latest_in(state)) is not None:
                return call
        return None

    def phone_event(self, call: Call, event_type: str | None = None) -> dict[str, Any]:
        """The ctiMessage of a PhoneEvent (protocol §4.4) for this call."""
        return {
            "eventType": event_type or call.state.value,
            "DN": self.dn,
            "otherDN": call.other_dn,
            "otherDName": call.other_dname,
            "linkedId": call.linked_id,
            "uniqueId": call.unique_id,
            "queueName": call.queue_name,
            "callDirection": call.direction,
            "userData": dict(call.user_data),
            "username": self.user.username,
        }

    def history_record(
        self, call: Call, other: tuple[str, str, str], ended: datetime, zone: tzinfo | None
    ) -> dict[str, Any]:
        """The §4.13 record of a finished call; `other` = (username, first, last) of the far end.

        XUC writes `start` without a zone, in the XiVO server's local time: `zone` (None: this
        machine's). Clients read it in their own zone, which must be the server's.
        """
        mine = (self.user.username, self.dn, self.user.first_name, self.user.last_name)
        theirs = (other[0], call.other_dn, other[1], other[2])
        if call.direction == OUTGOING:
            status, src, dst = "emitted", mine, theirs
        else:
            status = "answered" if call.answered_at is not None else "missed"
            src, dst = theirs, mine
        talked = (ended - call.answered_at).total_seconds() if call.answered_at else 0.0
        return {
            "start": server_time(call.started, zone),
            "duration": _duration(talked),
            "srcUsername": src[0],
            "dstUsername": dst[0],
            "status": status,
            "srcPhoneStatus": 0,
            "srcVideoStatus": "Available",
            "dstPhoneStatus": 0,
            "dstVideoStatus": "Available",
            "srcNum": src[1],
            "dstNum": dst[1],
            "srcFirstName": src[2],
            "srcLastName": src[3],
            "dstFirstName": dst[2],
            "dstLastName": dst[3],
        }
